"""The editions of the series: the English notebooks in notebooks/, each translation in a folder of its own.

Every script that walks the series (make notebooks, make lab's copies, handouts, slides, the Binder check)
takes the notebooks and their edition from here, so a new translation is added in one place.
"""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: Folders of notebooks/ that hold a translated edition of the series.
TRANSLATIONS = ("zh",)


def series(top: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook of every edition: top/[0-9]*.ipynb, then each translation's (top/zh/[0-9]*.ipynb)."""
    return sorted(top.glob("[0-9]*.ipynb")) + [p for t in TRANSLATIONS for p in sorted((top / t).glob("[0-9]*.ipynb"))]


def edition(path: Path) -> str:
    """The translation a notebook belongs to ("zh"), or "" for the English series."""
    return path.parent.name if path.parent.name in TRANSLATIONS else ""
