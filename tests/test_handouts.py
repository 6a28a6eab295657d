"""`make handouts`: student copies without solutions or speaker notes, exercise cells intact; instructor copies
with every solution shown open.  Built from the real notebooks into a temporary folder."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import handouts  # noqa: E402
from editions import edition, series  # noqa: E402

NOTEBOOKS = series()


def rel(path):
    return Path(edition(path), path.name)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    handouts.build(NOTEBOOKS, out)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: rel(p).with_suffix("").as_posix())
def test_student_copy_has_no_solutions_and_keeps_every_code_cell(built, path):
    original = nbformat.read(path, as_version=4)
    copy = nbformat.read(built / "student" / rel(path), as_version=4)
    solutions = [c for c in original.cells if handouts.is_solution(c)]
    topic = not path.name.startswith("00_")  # the start-here notebook has no exercises
    assert solutions or not topic, f"{path.name} has no folded solutions to remove"
    text = "\n".join(handouts.source(c) for c in copy.cells)
    assert "<summary>Solution" not in text and "<summary>解答" not in text
    assert not any(handouts.is_speaker_note(c) for c in copy.cells)
    code = [handouts.source(c) for c in original.cells if c.cell_type == "code"]
    assert [handouts.source(c) for c in copy.cells if c.cell_type == "code"] == code
    exercise_cells = [s for s in code if "= None" in s and "check" in s]
    assert exercise_cells or not topic, f"{path.name}: no exercise cell (answer = None and a check) left to do"
    removed = len(original.cells) - len(copy.cells)
    assert removed == len(solutions) + sum(handouts.is_speaker_note(c) for c in original.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: rel(p).with_suffix("").as_posix())
def test_instructor_copy_shows_every_solution_open(built, path):
    original = nbformat.read(path, as_version=4)
    copy = nbformat.read(built / "instructor" / rel(path), as_version=4)
    assert len(copy.cells) == len(original.cells)
    opened = [handouts.source(c) for c in copy.cells if handouts.source(c).lstrip().startswith("<details open>")]
    assert len(opened) == sum(handouts.is_solution(c) for c in original.cells)


def test_sources_are_untouched(built):
    for path in NOTEBOOKS:
        assert "<details open>" not in path.read_text(encoding="utf-8").split('"source"')[0]
