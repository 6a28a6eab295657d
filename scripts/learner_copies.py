"""Your own copies of the notebooks: made once, never overwritten.

    python scripts/learner_copies.py                     # what `make lab` runs before JupyterLab starts
    python scripts/learner_copies.py --fresh 03_backpropagation   # a clean copy; yours is kept in backup/

The notebooks in notebooks/ belong to the series: the tests run on them and `git pull` updates them.
You work in my-notebooks/ (git ignores it), where this script keeps one copy of each notebook:

* a notebook you do not have yet is copied in (on first use, and when the series adds one);
* a copy you never changed is replaced when the series updates that notebook (nothing of yours is lost);
* a copy you changed is never touched: when the series updates that notebook, the new version is put
  beside yours in my-notebooks/updates/ and you are told, so you can compare and carry over what you want;
* `--fresh NAME` gives you a clean copy and first moves yours to my-notebooks/backup/NAME-<date-time>.ipynb.

The Chinese edition (notebooks/zh/) is copied the same way to my-notebooks/zh/ (`--fresh zh/03_backpropagation`).

What was copied, and from which version, is recorded in my-notebooks/.copies.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

from editions import series

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks"
DEFAULT_DEST = ROOT / "my-notebooks"
RECORD = ".copies.json"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load(dest: Path) -> dict:
    try:
        return json.loads((dest / RECORD).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _save(dest: Path, record: dict) -> None:
    (dest / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _notebooks(source: Path) -> list[Path]:
    """The series' notebooks, English then Chinese (notebooks/zh/, copied to my-notebooks/zh/)."""
    return series(source)


def sync(source: Path = SOURCE, dest: Path = DEFAULT_DEST, say=print) -> dict:
    """Bring ``dest`` up to date with ``source`` without losing anything of the learner's.

    Returns {"copied": [...], "updated": [...], "offered": [...], "kept": [...]} (file names).
    """
    dest.mkdir(parents=True, exist_ok=True)
    record = _load(dest)
    report: dict = {"copied": [], "updated": [], "offered": [], "kept": []}
    for upstream in _notebooks(source):
        name = upstream.relative_to(source).as_posix()   # "03_backpropagation.ipynb", "zh/03_..."
        mine = dest / name
        new = digest(upstream)
        entry = record.get(name, {})
        if not mine.exists():
            mine.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(upstream, mine)
            record[name] = {"copied_from": new}
            report["copied"].append(name)
            continue
        if entry.get("copied_from") == new:
            continue                                   # the series has not changed this notebook
        if entry and digest(mine) == entry.get("copied_from"):
            shutil.copyfile(upstream, mine)            # untouched copy: nothing of the learner's to lose
            record[name] = {"copied_from": new}
            report["updated"].append(name)
            continue
        if not entry:
            # A file of the same name that this script did not make: it is the learner's.
            record[name] = {"copied_from": None}
        offer = dest / "updates" / name
        if entry.get("offered") == new and offer.exists():
            continue                                   # already offered
        if offer.exists() and digest(offer) != entry.get("offered"):
            report["kept"].append(name)                # the learner edited the offered copy: leave it
            say(f"  {name}: a newer version exists, but my-notebooks/updates/{name} has your edits; "
                f"not replaced. Compare with notebooks/{name}.")
            continue
        offer.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(upstream, offer)
        record[name]["offered"] = new
        report["offered"].append(name)
    _save(dest, record)
    if report["copied"]:
        say(f"my-notebooks/: copied {len(report['copied'])} notebook(s): {', '.join(report['copied'])}")
    if report["updated"]:
        say(f"my-notebooks/: updated {len(report['updated'])} notebook(s) you had not changed: "
            f"{', '.join(report['updated'])}")
    for name in report["offered"]:
        say(f"my-notebooks/: the series updated {name}; your copy is unchanged, and the new version is in "
            f"my-notebooks/updates/{name} to compare with.")
    return report


def fresh(name: str, source: Path = SOURCE, dest: Path = DEFAULT_DEST, say=print) -> Path | None:
    """Replace the learner's copy of ``name`` by a clean one, after moving theirs to backup/."""
    stem = name[:-6] if name.endswith(".ipynb") else name
    upstream = source / f"{stem}.ipynb"
    if not upstream.exists():
        choices = ", ".join(p.relative_to(source).with_suffix("").as_posix() for p in _notebooks(source))
        raise SystemExit(f"no notebook {stem!r} in notebooks/; choose one of: {choices}")
    dest.mkdir(parents=True, exist_ok=True)
    rel = upstream.relative_to(source).as_posix()
    mine = dest / rel
    mine.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if mine.exists():
        backup = dest / "backup" / f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
        backup.parent.mkdir(parents=True, exist_ok=True)
        n = 1
        while backup.exists():
            backup = backup.with_name(f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}-{n}.ipynb")
            n += 1
        shutil.move(mine, backup)
        say(f"your copy was moved to {backup.relative_to(dest.parent) if dest.parent in backup.parents else backup}")
    shutil.copyfile(upstream, mine)
    record = _load(dest)
    record[rel] = {"copied_from": digest(upstream)}
    _save(dest, record)
    say(f"my-notebooks/{rel} is a clean copy of notebooks/{rel}")
    return backup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST, help="where the copies live (default my-notebooks/)")
    parser.add_argument("--fresh", metavar="NAME", help="a clean copy of this notebook; yours goes to backup/")
    args = parser.parse_args(argv)
    if args.fresh:
        fresh(args.fresh, dest=args.dest)
    else:
        sync(dest=args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
