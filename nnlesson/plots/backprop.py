"""plots for the backprop notebook."""

__all__: list[str] = []
