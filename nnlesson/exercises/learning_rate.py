"""exercises for the learning_rate notebook."""

__all__: list[str] = []
