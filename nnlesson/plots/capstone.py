"""plots for the capstone notebook."""

__all__: list[str] = []
