"""exercises for the descent notebook."""

__all__: list[str] = []
