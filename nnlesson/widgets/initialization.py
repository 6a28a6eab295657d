"""widgets for the initialization notebook."""

__all__: list[str] = []
