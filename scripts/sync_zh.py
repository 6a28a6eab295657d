"""Keep the Chinese notebooks (notebooks/zh/) the same program as the English ones.

    python scripts/sync_zh.py                    # bring every zh notebook in step with its English twin
    python scripts/sync_zh.py notebooks/zh/05_learning_rate.ipynb
    python scripts/sync_zh.py --check            # only report what differs (exit status 1 if anything does)

A zh notebook has the English notebook's cells, in the same order and with the same cell ids.  Its code is
the English code token for token, except for comments, string literals (what a learner reads) and the one
line ``nl.set_language("zh")`` in the first code cell.  Its markdown is a translation; each translated cell
records in ``metadata.translation.source`` a short hash of the English text it translates.

When the English notebook changes, syncing:

* keeps a code cell whose code still matches (its Chinese strings and comments stay);
* replaces a code cell whose code changed with the English cell (language line kept) and clears its outputs:
  its strings and comments need translating again;
* keeps a markdown cell whose English source is unchanged; one whose English source changed keeps the old
  translation and is reported, with the new English text, until its hash is updated (``--accept ID`` after
  revising it, ``--accept --cell ID``; ``--accept`` alone records every markdown cell of the notebooks named);
* inserts new English cells (reported as untranslated), drops cells the English notebook no longer has, and
  copies the English cell metadata (slide types).

Then re-execute the changed zh notebooks with ``make notebooks``.  ``tests/test_zh_edition.py`` fails while
anything is out of step.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN = ROOT / "notebooks"
ZH = EN / "zh"
LANGUAGE_LINE = 'nl.set_language("zh")'
_SKIP = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
# Python 3.12+ splits f-strings into tokens; an f-string counts as one string literal here, as it does before 3.12.
_FSTRING = tuple(getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END")
                 if hasattr(tokenize, n))


def source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def code_tokens(text: str, drop_language_line: bool = False) -> list[tuple[int, str]]:
    """The tokens of a code cell without comments, string literals (f-strings whole) and blank lines.

    With ``drop_language_line`` the statement ``nl.set_language(...)`` is removed too.
    """
    out, depth = [], 0
    toks = tokenize.generate_tokens(io.StringIO(text if text.endswith("\n") else text + "\n").readline)
    for tok in toks:
        if _FSTRING and tok.type == _FSTRING[0]:
            depth += 1
            continue
        if _FSTRING and tok.type == _FSTRING[2]:
            depth -= 1
            continue
        if depth or tok.type in _SKIP or (_FSTRING and tok.type == _FSTRING[1]):
            continue
        if tok.type == tokenize.NEWLINE:
            out.append((tok.type, ""))
        else:
            out.append((tok.type, tok.string))
    if drop_language_line:
        pattern = [(tokenize.NAME, "nl"), (tokenize.OP, "."), (tokenize.NAME, "set_language"), (tokenize.OP, "("),
                   (tokenize.OP, ")"), (tokenize.NEWLINE, "")]
        i = 0
        while i <= len(out) - len(pattern):
            if out[i:i + len(pattern)] == pattern and (i == 0 or out[i - 1][0] in (tokenize.NEWLINE,
                                                                                    tokenize.DEDENT,
                                                                                    tokenize.INDENT)):
                del out[i:i + len(pattern)]
            else:
                i += 1
    return out


def has_language_line(text: str) -> bool:
    return any(line.strip() == LANGUAGE_LINE for line in text.splitlines())


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def twin(zh_path: Path) -> Path:
    return EN / zh_path.name


def compare(en: dict, zh: dict, name: str = "notebooks/zh/NN.ipynb") -> list[str]:
    """What keeps ``zh`` from being in step with ``en`` (empty: in step)."""
    problems = []
    en_ids = [c.get("id") for c in en["cells"]]
    zh_ids = [c.get("id") for c in zh["cells"]]
    if en_ids != zh_ids:
        missing = [i for i in en_ids if i not in zh_ids]
        extra = [i for i in zh_ids if i not in en_ids]
        problems.append(f"cells differ from the English notebook's: missing ids {missing}, extra ids {extra}"
                        + ("" if missing or extra else ", or in another order"))
    by_id = {c.get("id"): c for c in zh["cells"]}
    first_code = next((c.get("id") for c in en["cells"] if c["cell_type"] == "code"), None)
    for k, cell in enumerate(en["cells"]):
        other = by_id.get(cell.get("id"))
        where = f"cell {k} (id {cell.get('id')})"
        if other is None:
            continue
        if other["cell_type"] != cell["cell_type"]:
            problems.append(f"{where}: a {other['cell_type']} cell, the English one is {cell['cell_type']}")
            continue
        if other.get("metadata", {}).get("slideshow") != cell.get("metadata", {}).get("slideshow"):
            problems.append(f"{where}: slide metadata {other.get('metadata', {}).get('slideshow')} differs from "
                            f"the English {cell.get('metadata', {}).get('slideshow')}")
        if cell["cell_type"] == "code":
            is_first = cell.get("id") == first_code
            if is_first and not has_language_line(source(other)):
                problems.append(f"{where}: the first code cell lacks the line {LANGUAGE_LINE}")
            if not is_first and has_language_line(source(other)):
                problems.append(f"{where}: {LANGUAGE_LINE} belongs in the first code cell only")
            try:
                same = code_tokens(source(cell)) == code_tokens(source(other), drop_language_line=is_first)
            except (tokenize.TokenError, IndentationError, SyntaxError) as err:
                problems.append(f"{where}: cannot tokenize the zh code ({err})")
                continue
            if not same:
                problems.append(f"{where}: code differs from the English cell in more than comments and strings")
        elif cell["cell_type"] == "markdown":
            recorded = other.get("metadata", {}).get("translation", {}).get("source")
            if recorded != text_hash(source(cell)):
                problems.append(f"{where}: the English text changed since it was translated (or the translation "
                                f"was never recorded): revise it, then `python scripts/sync_zh.py {name} --accept "
                                f"--cell {cell.get('id')}`")
    return problems


def sync(en: dict, zh: dict) -> tuple[dict, list[str]]:
    """A zh notebook in step with ``en`` in everything but the translation of changed text; and what to translate."""
    notes = []
    by_id = {c.get("id"): c for c in zh["cells"]}
    first_code = next((c.get("id") for c in en["cells"] if c["cell_type"] == "code"), None)
    cells = []
    for cell in en["cells"]:
        cid = cell.get("id")
        other = by_id.get(cid)
        if other is None or other["cell_type"] != cell["cell_type"]:
            new = copy.deepcopy(cell)
            if cell["cell_type"] == "code" and cid == first_code:
                new["source"] = _with_language_line(source(cell))
                new["outputs"], new["execution_count"] = [], None
            notes.append(f"new cell {cid} ({cell['cell_type']}): translate it")
            cells.append(new)
            continue
        new = copy.deepcopy(other)
        new["metadata"] = {**copy.deepcopy(cell.get("metadata", {})),
                           **({"translation": other["metadata"]["translation"]}
                              if "translation" in other.get("metadata", {}) else {})}
        if cell["cell_type"] == "code":
            is_first = cid == first_code
            if code_tokens(source(cell)) != code_tokens(source(other), drop_language_line=is_first):
                new["source"] = _with_language_line(source(cell)) if is_first else source(cell)
                new["outputs"], new["execution_count"] = [], None
                notes.append(f"code cell {cid} changed: its strings and comments are English again, translate them")
        elif cell["cell_type"] == "markdown":
            recorded = other.get("metadata", {}).get("translation", {}).get("source")
            if recorded != text_hash(source(cell)):
                notes.append(f"markdown cell {cid}: the English text is new or changed, revise the translation:\n"
                             + "\n".join("    | " + line for line in source(cell).splitlines()))
        cells.append(new)
    dropped = [c.get("id") for c in zh["cells"] if c.get("id") not in {x.get("id") for x in en["cells"]}]
    if dropped:
        notes.append(f"dropped cells the English notebook no longer has: {dropped}")
    out = dict(zh)
    out["cells"] = cells
    return out, notes


def accept(en: dict, zh: dict, ids) -> list[str]:
    """Record that the zh markdown cells ``ids`` (all, if ``ids`` is None) translate the current English text."""
    en_by_id = {c.get("id"): c for c in en["cells"]}
    done = []
    for cell in zh["cells"]:
        cid = cell.get("id")
        if cell["cell_type"] != "markdown" or cid not in en_by_id or (ids is not None and cid not in ids):
            continue
        cell.setdefault("metadata", {})["translation"] = {"source": text_hash(source(en_by_id[cid]))}
        done.append(cid)
    return done


def _with_language_line(text: str) -> str:
    lines = text.splitlines()
    at = next((i + 1 for i, line in enumerate(lines) if line.strip() == "import nnlesson as nl"), 0)
    return "\n".join(lines[:at] + [LANGUAGE_LINE] + lines[at:])


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(path: Path, nb: dict) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import execute_notebooks as ex  # the one way notebooks are written

    ex.write(path, ex.normalize(nb, ex.id_stem(path)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, help="zh notebooks (default: notebooks/zh/[0-9]*.ipynb)")
    ap.add_argument("--check", action="store_true", help="report only; exit status 1 if out of step")
    ap.add_argument("--accept", action="store_true",
                    help="record the markdown cells (all, or those named by --cell) as translating the current English")
    ap.add_argument("--cell", action="append", metavar="ID", help="with --accept: only this cell (repeatable)")
    args = ap.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or sorted(ZH.glob("[0-9]*.ipynb"))
    status = 0
    for path in paths:
        en, zh = load(twin(path)), load(path)
        if args.check:
            problems = compare(en, zh, str(path.relative_to(ROOT)))
            for p in problems:
                print(f"{path.relative_to(ROOT)}: {p}")
            print(f"{path.relative_to(ROOT)}: {'in step' if not problems else f'{len(problems)} problems'}")
            status |= bool(problems)
            continue
        if args.accept:
            done = accept(en, zh, set(args.cell) if args.cell else None)
            save(path, zh)
            print(f"{path.relative_to(ROOT)}: recorded {len(done)} markdown cells as current translations")
            continue
        new, notes = sync(en, zh)
        for n in notes:
            print(f"{path.relative_to(ROOT)}: {n}")
        if new != zh:
            save(path, new)
        print(f"{path.relative_to(ROOT)}: {'updated' if new != zh else 'in step'}"
              + (f", {len(notes)} to translate: then run `make notebooks`" if notes else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
