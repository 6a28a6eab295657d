"""exercises for the batches notebook."""

__all__: list[str] = []
