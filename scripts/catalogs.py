"""Keep nnlesson's message catalogs in step with its source (gettext .pot / .po / .mo).

    python scripts/catalogs.py update            # extract messages, merge them into each .po, compile the .mo
    python scripts/catalogs.py update --merge more.po   # and take the translations in more.po (they replace older ones)
    python scripts/catalogs.py missing           # list messages a language lacks (exit status 1 if any)
    python scripts/catalogs.py check             # the committed .pot/.mo agree with the source/.po (for tests)

Messages are the string literals passed to ``_``, ``_f``, ``N_``, ``figure_text`` and ``figure_format``
in ``nnlesson/`` (see ``nnlesson/_i18n.py``); ``_(name)`` with a variable translates a message marked ``N_``
where it was defined.  The .po files are what translators edit; the .mo files are
compiled from them (standard GNU format, read by ``gettext.GNUTranslations``) and committed, so the
package works without a build step.  ``make catalogs`` runs ``update``.
"""

from __future__ import annotations

import argparse
import ast
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nnlesson"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "nnlesson.pot"
DOMAIN = "nnlesson"
LANGUAGES = {"zh_CN": "Chinese (Simplified)"}
MARKERS = {"_", "_f", "N_", "figure_text", "figure_format"}
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)?(?:[!:][^{}]*)?\}(?!\})")
HEADER = {
    "Project-Id-Version": "nnlesson",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


class CatalogError(Exception):
    pass


# ---------------------------------------------------------------- extraction

FORMATTERS = {"_f", "figure_format"}


def extract(package=PACKAGE, formats=None):
    """{msgid: sorted list of source files} for every marked message; raises CatalogError on an f-string.

    ``formats``: a set that receives the messages filled by str.format (passed to ``_f``/``figure_format``);
    only their ``{fields}`` must survive translation (``_("$w_{t+1}$")`` has braces, not fields).
    """
    found, bad = {}, []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
                continue
            if rel == "nnlesson/_i18n.py":
                continue
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, set()).add(rel)
                if formats is not None and node.func.id in FORMATTERS:
                    formats.add(arg.value)
            elif isinstance(arg, ast.JoinedStr) or node.func.id == "N_":
                # an f-string is filled before the lookup, so no catalog entry can match it; a variable is
                # fine for _ / _f when it holds a message marked with N_ where it is defined
                bad.append(f"{rel}:{node.lineno}: {node.func.id}() needs a string literal, not an f-string: "
                           f"write _f(\"... {{name}} ...\", name=value)")
    if bad:
        raise CatalogError("\n".join(bad))
    return {msgid: sorted(files) for msgid, files in sorted(found.items())}


def fields(message):
    """The str.format field names of a message, sorted (positional fields as '')."""
    return sorted(m.group(1) or "" for m in FIELD.finditer(message))


# ---------------------------------------------------------------- .po reading and writing

def _unquote(text, where):
    text = text.strip()
    if not (len(text) >= 2 and text[0] == '"' and text[-1] == '"'):
        raise CatalogError(f"{where}: expected a quoted string, got {text!r}")
    out, i, body = [], 0, text[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    while i < len(body):
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1] not in escapes:
                raise CatalogError(f"{where}: unknown escape in {text!r}")
            out.append(escapes[body[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """[(msgid, msgstr, flags, comments)] in file order, header included (msgid "")."""
    entries, cur, key = [], None, None

    def finish():
        if cur is not None and "msgid" in cur:
            entries.append((cur["msgid"], cur.get("msgstr", ""), cur["flags"], cur["comments"]))

    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{n}"
        s = line.strip()
        if not s:
            continue
        if s.startswith("#~"):
            continue  # obsolete entry
        if s.startswith("#"):
            if cur is not None and "msgid" in cur:
                finish()
                cur = None
            if cur is None:
                cur = {"flags": set(), "comments": []}
            if s.startswith("#,"):
                cur["flags"].update(f.strip() for f in s[2:].split(",") if f.strip())
            else:
                cur["comments"].append(s)
            continue
        if s.startswith("msgid "):
            if cur is not None and "msgid" in cur:
                finish()
                cur = None
            if cur is None:
                cur = {"flags": set(), "comments": []}
            key = "msgid"
            cur[key] = _unquote(s[6:], where)
        elif s.startswith("msgstr "):
            if cur is None or "msgid" not in cur:
                raise CatalogError(f"{where}: msgstr without msgid")
            key = "msgstr"
            cur[key] = _unquote(s[7:], where)
        elif s.startswith('"'):
            if cur is None or key is None:
                raise CatalogError(f"{where}: string outside an entry")
            cur[key] += _unquote(s, where)
        elif s.startswith(("msgctxt", "msgid_plural", "msgstr[")):
            raise CatalogError(f"{where}: contexts and plurals are not used in nnlesson's catalogs")
        else:
            raise CatalogError(f"{where}: cannot read {s!r}")
    finish()
    return entries


def _quote(text):
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    if "\n" not in text[:-1]:
        return '"' + text.replace("\n", "\\n") + '"'
    parts = text.split("\n")
    lines = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    return '""\n' + "\n".join(f'"{p}"' for p in lines)


def write_po(path, entries, header_extra=()):
    """Write [(msgid, msgstr, flags, comments)] with a UTF-8 header; returns the text."""
    head = dict(HEADER)
    head.update(header_extra)
    chunks = ["# nnlesson's messages. Edit msgstr only; `make catalogs` updates msgid and compiles the .mo.",
              'msgid ""', "msgstr " + _quote("".join(f"{k}: {v}\n" for k, v in head.items())), ""]
    for msgid, msgstr, flags, comments in entries:
        if not msgid:
            continue
        chunks.extend(comments)
        if flags:
            chunks.append("#, " + ", ".join(sorted(flags)))
        chunks.append("msgid " + _quote(msgid))
        chunks.append("msgstr " + _quote(msgstr))
        chunks.append("")
    text = "\n".join(chunks)
    Path(path).write_text(text, encoding="utf-8")
    return text


# ---------------------------------------------------------------- .mo

def mo_bytes(entries):
    """The GNU .mo file for translated, non-fuzzy entries (plus the header), keys sorted: byte-stable."""
    pairs = {"": "".join(f"{k}: {v}\n" for k, v in HEADER.items())}
    for msgid, msgstr, flags, _ in entries:
        if msgid and msgstr and "fuzzy" not in flags:
            pairs[msgid] = msgstr
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    n = len(keys)
    koffset = 7 * 4
    voffset = koffset + n * 8
    data_start = voffset + n * 8
    key_table, val_table, blob = [], [], b""
    for b in ids:
        key_table.append((len(b), data_start + len(blob)))
        blob += b + b"\0"
    for b in strs:
        val_table.append((len(b), data_start + len(blob)))
        blob += b + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, n, koffset, voffset, 0, 0)
    out += b"".join(struct.pack("<2I", *e) for e in key_table)
    out += b"".join(struct.pack("<2I", *e) for e in val_table)
    return out + blob


def po_path(lang):
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang):
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


# ---------------------------------------------------------------- commands

def pot_entries(messages, formats):
    out = []
    for msgid, files in messages.items():
        flags = {"python-brace-format"} if msgid in formats else set()
        out.append((msgid, "", flags, [f"#: {f}" for f in files]))
    return out


def update(merge=()):
    formats = set()
    messages = extract(formats=formats)
    LOCALE.mkdir(parents=True, exist_ok=True)
    write_po(POT, pot_entries(messages, formats))
    extra = {}
    for frag in merge:
        for msgid, msgstr, flags, _ in read_po(frag):
            if msgid and msgstr and "fuzzy" not in flags:
                extra[msgid] = msgstr
    report = []
    for lang in LANGUAGES:
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        old = {m: (s, fl) for m, s, fl, _ in read_po(path)} if path.exists() else {}
        entries = []
        for msgid, flags, comments in [(m, f, c) for m, _, f, c in pot_entries(messages, formats)]:
            msgstr, oldflags = old.get(msgid, ("", set()))
            if msgid in extra:  # a merged file's translation replaces the catalog's
                msgstr, oldflags = extra[msgid], set()
            entries.append((msgid, msgstr, flags | (oldflags & {"fuzzy"}), comments))
        write_po(path, entries, {"Language": lang})
        mo_path(lang).write_bytes(mo_bytes(entries))
        dropped = sorted(set(old) - set(messages) - {""})
        missing = [m for m, s, fl, _ in entries if not s or "fuzzy" in fl]
        report.append(f"{lang}: {len(entries)} messages, {len(missing)} without a translation, "
                      f"{len(dropped)} no longer used (dropped)")
    return report


def missing(lang):
    """[(msgid, files)] of messages in the source that ``lang`` does not translate (or marks fuzzy)."""
    messages = extract()
    have = {m: (s, fl) for m, s, fl, _ in read_po(po_path(lang))} if po_path(lang).exists() else {}
    out = []
    for msgid, files in messages.items():
        s, fl = have.get(msgid, ("", set()))
        if not s or "fuzzy" in fl:
            out.append((msgid, files))
    return out


def problems(lang):
    """What is wrong with a language's catalog besides missing messages: fields that differ, a stale .mo/.pot."""
    out = []
    formats = set()
    messages = extract(formats=formats)
    if not POT.exists() or [e for e in read_po(POT) if e[0]] != pot_entries(messages, formats):
        out.append(f"{POT.relative_to(ROOT)} is out of date: run `make catalogs`")
    entries = read_po(po_path(lang))
    for msgid, msgstr, _, _ in entries:
        if msgid in formats and msgstr and fields(msgid) != fields(msgstr):
            out.append(f"{lang}: the translation of {msgid!r} has fields {fields(msgstr)}, "
                       f"the message has {fields(msgid)}")
    if not mo_path(lang).exists() or mo_path(lang).read_bytes() != mo_bytes(entries):
        out.append(f"{mo_path(lang).relative_to(ROOT)} does not match its .po: run `make catalogs`")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    up = sub.add_parser("update", help="extract, merge into every .po, compile every .mo")
    up.add_argument("--merge", nargs="*", default=[], help=".po files whose translations replace the catalog's")
    sub.add_parser("missing", help="list untranslated messages")
    sub.add_parser("check", help="report stale files and mismatched fields")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "update":
            print("\n".join(update(args.merge)))
            return 0
        status = 0
        for lang in LANGUAGES:
            if args.cmd == "missing":
                gaps = missing(lang)
                for msgid, files in gaps:
                    print(f"{lang}\t{', '.join(files)}\t{msgid!r}")
                print(f"{lang}: {len(gaps)} messages without a translation", file=sys.stderr)
                status |= bool(gaps)
            else:
                bad = problems(lang)
                print("\n".join(bad) or f"{lang}: catalog in step with the source")
                status |= bool(bad)
        return status
    except CatalogError as err:
        print(err, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
