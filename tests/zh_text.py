"""What the topic tests of the Chinese edition share (the ``chinese`` fixture itself is in conftest.py)."""


def has_cjk(text):
    """Whether ``text`` holds a Chinese character."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
