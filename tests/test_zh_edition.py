"""The Chinese edition (notebooks/zh/) is the English program in Chinese words.

* every English notebook has a zh twin with the same cells (ids, order, slide types);
* its code is the English code token for token, but for comments, string literals and the first cell's
  ``nl.set_language("zh")`` (scripts/sync_zh.py brings it back in step when the English code changes);
* every markdown cell records the English text it translates, so a changed English cell is noticed;
* both editions share one glossary: the same (English, 中文) term pairs;
* a learner meets no English outside code: not in printed output, feedback, warnings or widget labels.

No kernel is started here: nbval (over notebooks/zh too) runs the notebooks; these tests read them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import sync_zh  # noqa: E402

EN = ROOT / "notebooks"
ZH = EN / "zh"
NAMES = sorted(p.name for p in EN.glob("[0-9]*.ipynb"))
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CJK_WORDS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_notebook_has_its_twin():
    zh = sorted(p.name for p in ZH.glob("[0-9]*.ipynb"))
    assert zh == NAMES, f"notebooks/zh/ should hold {NAMES}, holds {zh}"


@pytest.mark.parametrize("name", NAMES)
def test_in_step_with_the_english_notebook(name):
    problems = sync_zh.compare(load(EN / name), load(ZH / name), f"notebooks/zh/{name}")
    assert not problems, f"notebooks/zh/{name} (run python scripts/sync_zh.py):\n" + "\n".join(problems)


# ---------------------------------------------------------------- the glossary

def glossary_pairs(nb):
    """(English, 中文) of every row of every table whose header has an English and a 中文 column."""
    pairs = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        rows = [r for r in sync_zh.source(cell).splitlines() if r.strip().startswith("|")]
        cols = None
        for row in rows:
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if "English" in cells and "中文" in cells:
                cols = (cells.index("English"), cells.index("中文"))
                continue
            if cols is None or re.fullmatch(r"[\s:|-]*", row):
                continue
            if max(cols) < len(cells):
                pairs.append((cells[cols[0]], cells[cols[1]]))
    return pairs


@pytest.mark.parametrize("name", NAMES)
def test_one_glossary_for_both_editions(name):
    """The same English terms, in the same order, each with the same Chinese terms: every Chinese word of the
    English edition's 中文 cell is in the zh edition's (which may add a note, such as which article says what)."""
    en, zh = glossary_pairs(load(EN / name)), glossary_pairs(load(ZH / name))
    assert en, f"{name}: no glossary table with English and 中文 columns"
    assert [e for e, _ in zh] == [e for e, _ in en], (f"{name}: the zh glossary's English terms differ\n"
                                                      f"  English: {[e for e, _ in en]}\n  zh: {[e for e, _ in zh]}")
    differ = [(term, en_zh, zh_zh) for (term, en_zh), (_, zh_zh) in zip(en, zh)
              if any(word not in zh_zh for word in CJK_WORDS.findall(en_zh))]
    assert not differ, f"{name}: Chinese terms differ between the editions:\n" + "\n".join(
        f"  {term}: English edition {a!r}, zh edition {b!r}" for term, a, b in differ)


# ---------------------------------------------------------------- no English for the reader

# Words a Chinese text may keep: names, abbreviations and symbols the notebooks and articles use as such.
KEEP = {
    "sigmoid", "tanh", "relu", "identity", "softmax", "xavier", "he", "glorot", "mse", "sgd", "xor", "and",
    "or", "nan", "inf", "lr", "epoch", "epochs", "mlp", "ok", "numpy", "true", "false", "none", "python",
    "jupyter", "jupyterlab", "binder", "hessian", "lanczos", "kl", "ce", "sse", "id", "png", "api", "cpu", "max", "min",
    "log", "exp", "ln", "sin", "cos", "argmax", "mnist", "sklearn", "scikit", "std", "var",
    "linnainmaa", "werbos", "rumelhart", "hinton", "williams", "lecun", "bengio", "okabe", "ito", "nesterov",
}


def english_words(text: str, allowed: set[str]) -> list[str]:
    words = re.findall(r"(?<![\w.])[A-Za-z][a-z]{2,}(?![\w(=])", text)   # name= and name( are code (a repr)
    return [w for w in words if w.lower() not in KEEP and w not in allowed]


def code_words(nb) -> set[str]:
    """Identifiers and words in the notebook's code: they may appear in output (a repr, a name printed)."""
    words = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            words.update(re.findall(r"[A-Za-z_]\w*", sync_zh.source(cell)))
    return words


def shown_texts(nb):
    """(cell index, what, text) a reader sees in outputs: printed text, HTML, widget labels and readouts."""
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                yield i, "printed", sync_zh.source({"source": out.get("text", "")})
            for mime in ("text/plain", "text/html", "text/markdown"):
                data = out.get("data", {}).get(mime)
                if data and "application/vnd.jupyter.widget-view+json" not in out.get("data", {}):
                    yield i, mime, sync_zh.source({"source": data})
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for mid, model in state.get("state", {}).items():
        st, kind = model.get("state", {}), model.get("model_name", "")
        shown = {"description": st.get("description"), "tooltip": st.get("tooltip"),
                 "options": " / ".join(st.get("_options_labels") or [])}
        if kind in ("HTMLModel", "LabelModel", "HTMLMathModel"):
            shown["value"] = st.get("value")
        for key, value in shown.items():
            if isinstance(value, str) and value:
                yield f"widget {mid}", key, value


@pytest.mark.parametrize("name", NAMES)
def test_no_english_for_the_reader(name):
    nb = load(ZH / name)
    allowed = code_words(nb)
    found = []
    for where, what, text in shown_texts(nb):
        text = re.sub(r"</?su[bp]>", "", text)          # out<sub>h1</sub> is one symbol
        text = re.sub(r"<[^>]+>", " ", text)            # other HTML tags
        text = re.sub(r"\$[^$]*\$", " ", text)          # maths
        words = english_words(text, allowed)
        if words:
            found.append(f"cell {where} ({what}): {sorted(set(words))[:8]}  in: {text.strip()[:140]!r}")
    assert not found, f"notebooks/zh/{name} shows English to a Chinese reader:\n" + "\n".join(found)


# ---------------------------------------------------------------- the comparison itself

def test_comments_strings_and_placeholders_may_differ():
    en = 'x = f(a, "loss")  # the loss\nprint(f"{a} of {b}: {x:.3f}")\n'
    zh = 'x = f(a, "损失")  # 损失\nprint(f"{b} 的 {a}：{x:.3f}")\n'
    assert sync_zh.code_tokens(en) == sync_zh.code_tokens(zh)


@pytest.mark.parametrize("zh", [
    'x = f(b, "损失")\n',            # another variable
    'x = f(a, "损失", 2)\n',         # another argument
    'x = g(a, "损失")\n',            # another function
    'x = f(a, "损失")\ny = 1\n',     # one more statement
])
def test_any_other_change_is_caught(zh):
    assert sync_zh.code_tokens('x = f(a, "loss")\n') != sync_zh.code_tokens(zh)


def test_only_the_language_statement_is_dropped():
    en = "import nnlesson as nl\nfrom nnlesson import plots\n"
    assert sync_zh.code_tokens(en) == sync_zh.code_tokens(
        'import nnlesson as nl\nnl.set_language("zh")\nfrom nnlesson import plots\n', drop_language_line=True)
    assert sync_zh.code_tokens(en) != sync_zh.code_tokens(
        'import nnlesson as nl\nx = nl.set_language("zh")\nfrom nnlesson import plots\n', drop_language_line=True)


def _pair():
    en = {"cells": [
        {"id": "a", "cell_type": "markdown", "metadata": {"slideshow": {"slide_type": "slide"}}, "source": "# Title"},
        {"id": "b", "cell_type": "code", "metadata": {"slideshow": {"slide_type": ""}}, "outputs": [],
         "execution_count": 1, "source": "import nnlesson as nl\nprint('hello')"},
        {"id": "c", "cell_type": "code", "metadata": {"slideshow": {"slide_type": ""}}, "outputs": [],
         "execution_count": 2, "source": "x = 1  # one"},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    zh = json.loads(json.dumps(en))
    zh["cells"][0]["source"] = "# 标题"
    zh["cells"][1]["source"] = "import nnlesson as nl\nnl.set_language(\"zh\")\nprint('你好')"
    zh["cells"][2]["source"] = "x = 1  # 一"
    sync_zh.accept(en, zh, None)
    return en, zh


def test_sync_keeps_translations_and_reports_what_changed():
    en, zh = _pair()
    assert sync_zh.compare(en, zh) == []
    en["cells"][2]["source"] = "x = 2  # two"
    en["cells"][0]["source"] = "# New title"
    en["cells"].append({"id": "d", "cell_type": "markdown", "metadata": {"slideshow": {"slide_type": ""}},
                        "source": "More."})
    assert len(sync_zh.compare(en, zh)) == 3
    new, notes = sync_zh.sync(en, zh)
    assert sync_zh.source(new["cells"][1]) == sync_zh.source(zh["cells"][1])   # unchanged code keeps its Chinese
    assert sync_zh.source(new["cells"][2]) == "x = 2  # two"                    # changed code taken from English
    assert sync_zh.source(new["cells"][0]) == "# 标题" and new["cells"][3]["source"] == "More."
    assert len(notes) == 3 and any("New title" in n for n in notes)
    assert [p for p in sync_zh.compare(en, new) if "code" in p] == []
    sync_zh.accept(en, new, None)
    assert sync_zh.compare(en, new) == []
