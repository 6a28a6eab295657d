"""The stored notebooks carry nothing that changes from one run to the next, and present as live slides.

`make notebooks` (scripts/execute_notebooks.py) stores notebooks so that re-running unchanged code leaves
their bytes unchanged: these checks fail on a notebook saved by a plain `nbconvert --execute` or a JupyterLab
session instead (execution timestamps, random widget ids, printed text split into chunks).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import execute_notebooks as ex  # noqa: E402

PATHS = ex.series()


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ex.id_stem(p))
def test_no_execution_timestamps(path):
    stamped = [i for i, c in enumerate(_load(path)["cells"]) if "execution" in c.get("metadata", {})]
    assert not stamped, f"{path.name}: cells {stamped} keep execution timestamps; store it with `make notebooks`"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ex.id_stem(p))
def test_streams_are_not_split(path):
    split = []
    for i, cell in enumerate(_load(path)["cells"]):
        outs = cell.get("outputs", [])
        for a, b in zip(outs, outs[1:]):
            if a.get("output_type") == b.get("output_type") == "stream" and a.get("name") == b.get("name"):
                split.append(i)
    assert not split, f"{path.name}: cells {split} hold printed text in several chunks; store it with `make notebooks`"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ex.id_stem(p))
def test_widget_ids_are_stable(path):
    nb = _load(path)
    ids = ex.model_ids_in_order(nb)
    expected = [ex.stable_model_id(ex.id_stem(path), i) for i in range(len(ids))]
    assert ids == expected, f"{path.name}: widget model ids are random; store it with `make notebooks`"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ex.id_stem(p))
def test_stored_file_is_what_make_notebooks_writes(path, tmp_path):
    """Normalizing the stored file again changes no byte (JSON layout, ids, streams)."""
    copy = tmp_path / path.parent.name / path.name
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    ex.main(["--normalize-only", str(copy)])
    assert copy.read_bytes() == path.read_bytes(), f"{path.name}: not stored as `make notebooks` stores it"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ex.id_stem(p))
def test_no_dash_slide_type(path):
    """jupyterlab-slideshow leaves out cells whose slide type is "-": continuation cells carry ""."""
    dashed = [i for i, c in enumerate(_load(path)["cells"])
              if c.get("metadata", {}).get("slideshow", {}).get("slide_type") == "-"]
    assert not dashed, f"{path.name}: cells {dashed} have slide type '-', which live decks skip; use ''"
