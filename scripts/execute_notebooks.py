"""Execute notebooks top to bottom in a fresh kernel and store them without run-to-run noise.

    python scripts/execute_notebooks.py                   # every notebooks/[0-9]*.ipynb and notebooks/zh/[0-9]*.ipynb
    python scripts/execute_notebooks.py notebooks/05_learning_rate.ipynb
    python scripts/execute_notebooks.py --normalize-only  # tidy the stored files, run nothing

A plain ``jupyter nbconvert --execute --inplace`` rewrites a notebook even when nothing in it changed:
execution timestamps in every cell's metadata, random widget model ids, and printed text split into a
different number of stream chunks.  Here the same outputs give the same bytes, so running this twice
leaves no diff and a change upstream shows only what really changed:

* cell metadata keeps no ``execution`` timestamps;
* consecutive stream outputs of the same stream are merged into one;
* widget model ids are renamed, in an order that does not depend on them, to ids derived from the
  notebook's file name and that order (:func:`stable_model_id`);
* a cell whose outputs vary from run to run by nature (a timing: it is marked ``# NBVAL_IGNORE_OUTPUT`` and
  shows no widget) keeps the outputs stored before when its source has not changed, so that a re-run does
  not turn new milliseconds into a diff.  Change the cell, or delete its outputs, to store new ones.

tests/test_notebook_structure.py checks that the stored notebooks carry none of that noise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

from editions import edition, series

ROOT = Path(__file__).resolve().parent.parent
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def stable_model_id(stem: str, index: int) -> str:
    """The id given to the ``index``-th widget model of notebook ``stem`` (32 hex digits, like Jupyter's)."""
    return hashlib.sha256(f"{stem}:{index}".encode()).hexdigest()[:32]


def _merge_streams(outputs: list) -> list:
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and prev is not None and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")):
            prev["text"] = _text(prev["text"]) + _text(out["text"])
        else:
            merged.append(out)
    return merged


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def model_ids_in_order(nb: dict) -> list[str]:
    """Widget model ids in an order that does not depend on the ids themselves.

    Starting from the widgets the cells show (in cell order), each model is followed by the models
    its state refers to (``IPY_MODEL_<id>``, in the order of its sorted state keys), depth first;
    models nothing refers to come last, ordered by their content with ids masked.
    """
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order: list[str] = []
    seen: set[str] = set()

    def visit(mid: str) -> None:
        if mid in seen:
            return
        seen.add(mid)
        order.append(mid)
        if mid in state:
            for ref in re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[mid], sort_keys=True)):
                visit(ref)

    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if view and "model_id" in view:
                visit(view["model_id"])

    def masked(mid: str) -> str:
        return MODEL_ID.sub("", json.dumps(state[mid], sort_keys=True))

    for mid in sorted((m for m in state if m not in seen), key=lambda m: (masked(m), m)):
        visit(mid)
    return order


def _varies(cell: dict) -> bool:
    """A cell nbval does not compare and that shows no widget: its outputs may differ from run to run."""
    source = _text(cell.get("source", ""))
    if cell.get("cell_type") != "code" or not source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"):
        return False
    return not any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", []))


def keep_varying_outputs(nb: dict, previous: dict | None) -> dict:
    """Give run-to-run varying cells (see :func:`_varies`) their previous outputs where the source is unchanged."""
    if not previous:
        return nb
    before = {c.get("id"): c for c in previous.get("cells", []) if c.get("id")}
    for cell in nb.get("cells", []):
        old = before.get(cell.get("id"))
        if old is None or not _varies(cell) or _text(old.get("source", "")) != _text(cell.get("source", "")):
            continue
        if not old.get("outputs") or any(o.get("output_type") == "error" for o in old["outputs"] + cell["outputs"]):
            continue
        cell["outputs"] = old["outputs"]
    return nb


def normalize(nb: dict, stem: str) -> dict:
    """The notebook (a dict as stored on disk) without execution timestamps, split streams or random ids."""
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = _merge_streams(cell.get("outputs", []))
    ids = model_ids_in_order(nb)
    if not ids:
        return nb
    mapping = {old: stable_model_id(stem, i) for i, old in enumerate(ids)}
    if set(mapping) == set(mapping.values()):
        return nb
    text = json.dumps(nb, ensure_ascii=False)
    text = MODEL_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)
    return json.loads(text)


def write(path: Path, nb: dict) -> None:
    """Write as Jupyter does (nbformat's layout), so a save from JupyterLab gives the same bytes."""
    import nbformat

    node = nbformat.from_dict(nb)
    path.write_text(nbformat.writes(node) + "\n", encoding="utf-8")


def execute(path: Path, timeout: int = 600) -> dict:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return json.loads(nbformat.writes(nb))


def id_stem(path: Path) -> str:
    """What a notebook's widget ids derive from: its name, prefixed by its edition's folder for translations."""
    return f"{edition(path)}-{path.stem}" if edition(path) else path.stem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: both editions)")
    parser.add_argument("--normalize-only", action="store_true", help="tidy the stored notebooks, execute nothing")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or series()
    for path in paths:
        took = ""
        if args.normalize_only:
            nb = json.loads(path.read_text(encoding="utf-8"))
        else:
            print(f"executing {path.name} ...", flush=True)
            t0 = time.perf_counter()
            nb = execute(path)
            took = f" (ran in {time.perf_counter() - t0:.1f} s, kernel start included)"
        before = path.read_bytes()
        if not args.normalize_only:
            nb = keep_varying_outputs(nb, json.loads(before))
        write(path, normalize(nb, id_stem(path)))
        print(f"{path.name}: {'unchanged' if path.read_bytes() == before else 'updated'}{took}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
