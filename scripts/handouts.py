"""Student and instructor versions of the notebooks, for handing out.

    python scripts/handouts.py                 # build/handouts/student/ and build/handouts/instructor/
    python scripts/handouts.py --out DIR       # DIR/student/ and DIR/instructor/

student/     every notebook without its solutions (the markdown cells that open with
             ``<details><summary>Solution</summary>``, in Chinese ``<summary>解答</summary>``) and without
             speaker notes (cells whose slide type is "notes"); every code cell is kept as it is, so the
             exercise cells still hold ``None`` for the learner to replace and their self-checks still answer.
             Stored outputs stay, so the handout reads well before it is run.  The Chinese edition goes to zh/.
instructor/  every notebook complete, with each solution shown open (``<details open>``) instead of folded.

The notebooks in notebooks/ are only read.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from editions import edition, series

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = re.compile(r"^\s*<details>\s*<summary>\s*(Solution|解答)", re.I)  # English and Chinese editions


def source(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def is_solution(cell) -> bool:
    return cell.cell_type == "markdown" and bool(SOLUTION.match(source(cell)))


def is_speaker_note(cell) -> bool:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type") == "notes"


def student(nb):
    nb = nbformat.from_dict(nb)
    nb.cells = [c for c in nb.cells if not (is_solution(c) or is_speaker_note(c))]
    return nb


def instructor(nb):
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if is_solution(cell):
            cell.source = re.sub(r"<details>", "<details open>", source(cell), count=1)
    return nb


def build(notebooks: list[Path], out: Path) -> dict[str, list[Path]]:
    written: dict[str, list[Path]] = {"student": [], "instructor": []}
    for kind, make in (("student", student), ("instructor", instructor)):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for path in notebooks:
            nb = make(nbformat.read(path, as_version=4))
            nbformat.validate(nb)
            target = folder / edition(path) / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            written[kind].append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="default: notebooks/[0-9]*.ipynb and notebooks/zh/[0-9]*.ipynb (written to zh/)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or series()
    written = build(notebooks, args.out)
    for kind, paths in written.items():
        print(f"{kind}: {len(paths)} notebooks in {args.out / kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
