"""plots for the neurons notebook."""

__all__: list[str] = []
