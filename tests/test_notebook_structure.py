"""What every committed notebook must have (shared/DESIGN.md, "Every notebook"), checked on the stored file.

Parametrized per notebook, so a failure names the notebook.  No kernel is started: nbval and the browser
tests run the notebooks; these tests read them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from editions import series  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CURRICULUM = [
    "00_start_here", "01_neurons_forward_pass", "02_initialization", "03_backpropagation",
    "04_gradient_descent", "05_learning_rate", "06_batch_variants", "07_digits_end_to_end",
]
# Both editions: the English series and its Chinese twin (notebooks/zh/, see tests/test_zh_edition.py).
PATHS = series(NOTEBOOKS)
START = "00_start_here.ipynb"

# "" continues the slide before (JupyterLab stores it; live decks leave out cells marked "-", the old spelling).
SLIDE_TYPES = {"slide", "subslide", "fragment", "", "skip", "notes"}
LOCAL_PATHS = ("/work/", "/root/", "/home/", "/tmp/")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# The five source articles (shared/DESIGN.md), by title.
ARTICLES = {
    "000": "神经网络中神经元的权重更新",
    "001": "深度学习 – 多层神经网络 / 反向传播 / 反向传播例子",
    "002": "神经网络中的权重更新的概念和方法",
    "003": "神经网络参数优化",
    "004": "(翻)为什么要训练人工神经网络",
}
SUMMARY_HEADING = re.compile(r"^\s{0,3}#{1,6}\s.*(summary|what to remember|recap|总结|小结)", re.I | re.M)


def _norm_title(text: str) -> str:
    """Spacing, dash and bracket variants of a title compare equal."""
    text = text.replace("（", "(").replace("）", ")")
    text = re.sub(r"[\u2010-\u2015\-]", "-", text)
    return re.sub(r"\s+", "", text)


def cited_articles(markdown: str) -> set[str]:
    text = _norm_title(markdown)
    found = {key for key, title in ARTICLES.items() if _norm_title(title) in text}
    if _norm_title("为什么要训练人工神经网络") in text:  # 004 cited without its "(翻)" (translated) mark
        found.add("004")
    return found


def source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def markdown_text(nb) -> str:
    return "\n\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def output_texts(cell):
    """(cell-relative description, text) for every textual part of every output; images are skipped."""
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            yield f"{out.get('name')} stream", source({"source": out.get("text", "")})
        elif kind == "error":
            yield "error", "\n".join([out.get("ename", ""), out.get("evalue", "")] + out.get("traceback", []))
        else:
            for mime, data in out.get("data", {}).items():
                if mime.startswith("image/") and mime != "image/svg+xml":
                    continue  # base64: any four letters may turn up in it
                yield mime, data if isinstance(data, str) else json.dumps(data) if isinstance(data, dict) \
                    else "".join(data)


@pytest.fixture(scope="module", params=PATHS, ids=[p.relative_to(NOTEBOOKS).as_posix() for p in PATHS])
def notebook(request):
    path = request.param
    return path.name, json.loads(path.read_text(encoding="utf-8"))


def test_curriculum_complete():
    missing = [name for name in CURRICULUM if not (NOTEBOOKS / f"{name}.ipynb").exists()]
    assert not missing, f"notebooks missing from notebooks/: {missing}"


def test_valid_notebook(notebook):
    name, nb = notebook
    nbformat.validate(nbformat.from_dict(nb))
    assert nb["cells"], f"{name} has no cells"


def test_executed_top_to_bottom(notebook):
    name, nb = notebook
    counts = [c.get("execution_count") for c in code_cells(nb) if source(c).strip()]
    assert counts, f"{name} has no code"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{name}: execution counts {counts} are not 1..{len(counts)}: re-execute it top to bottom in a fresh "
        f"kernel (jupyter nbconvert --to notebook --execute --inplace notebooks/{name})")


def test_no_error_outputs(notebook):
    name, nb = notebook
    bad = []
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                bad.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                bad.append(f"cell {i}: printed to stderr: {source({'source': out.get('text', '')})[:200]!r}")
    assert not bad, f"{name} stores error or stderr output:\n" + "\n".join(bad)


def test_no_local_paths_in_outputs(notebook):
    name, nb = notebook
    bad = []
    for i, cell in enumerate(nb["cells"]):
        for what, text in output_texts(cell):
            for p in LOCAL_PATHS:
                if p in text:
                    at = text.index(p)
                    bad.append(f"cell {i} ({what}): ...{text[max(0, at - 40):at + 60]!r}...")
    assert not bad, f"{name} shows local paths in its outputs:\n" + "\n".join(bad)


def test_no_matplotlib_magic(notebook):
    name, nb = notebook
    bad = [i for i, c in enumerate(nb["cells"])
           if c["cell_type"] == "code" and re.search(r"^\s*%matplotlib\b", source(c), re.M)]
    assert not bad, f"{name}: %matplotlib magic in cells {bad} (it breaks the widgets; use none)"


def test_slide_metadata_on_every_cell(notebook):
    name, nb = notebook
    missing = [i for i, c in enumerate(nb["cells"])
               if c.get("metadata", {}).get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]
    assert not missing, (f"{name}: cells {missing} lack metadata.slideshow.slide_type "
                         f"(one of {sorted(SLIDE_TYPES)})")
    first = nb["cells"][0]["metadata"]["slideshow"]["slide_type"]
    assert first == "slide", f"{name}: the first cell is a {first!r}, not the title 'slide'"


def test_folded_solution(notebook):
    name, nb = notebook
    if name == START:
        pytest.skip("00_start_here has no exercises")
    folded = [i for i, c in enumerate(nb["cells"])
              if c["cell_type"] == "markdown" and "<details>" in source(c) and "<summary>" in source(c)]
    assert folded, f"{name}: no folded solution (<details><summary>Solution</summary> ... </details>, " \
        f"in Chinese <summary>解答</summary>)"


def test_glossary_table_with_chinese(notebook):
    name, nb = notebook
    rows = [line for line in markdown_text(nb).splitlines() if line.strip().startswith("|")]
    has_separator = any(re.fullmatch(r"\s*\|?[\s:|-]*-{3,}[\s:|-]*", line) for line in rows)
    chinese_rows = [line for line in rows if CJK.search(line)]
    assert has_separator and chinese_rows, f"{name}: no glossary (a markdown table English / 中文)"


def test_summary_heading(notebook):
    name, nb = notebook
    assert SUMMARY_HEADING.search(markdown_text(nb)), (
        f"{name}: no summary heading (a markdown heading with 'Summary' or 'What to remember')")


def test_cites_source_articles(notebook):
    name, nb = notebook
    cited = cited_articles(markdown_text(nb))
    if name == START:
        missing = sorted(set(ARTICLES) - cited)
        assert not missing, f"{name} must list all five source articles by title; missing: " + \
            ", ".join(f"{k} {ARTICLES[k]}" for k in missing)
    else:
        assert cited, f"{name} cites no source article by title (titles: {list(ARTICLES.values())})"


def test_uses_nnlesson_not_a_copy(notebook):
    name, nb = notebook
    code = "\n".join(source(c) for c in code_cells(nb))
    assert re.search(r"^\s*(import nnlesson\b|from nnlesson\b)", code, re.M), f"{name} does not import nnlesson"
    for pattern, what in [(r"^\s*class\s+MLP\b", "class MLP"), (r"^\s*def\s+sigmoid\b", "def sigmoid")]:
        assert not re.search(pattern, code, re.M), f"{name} defines `{what}` itself: call nnlesson's instead"


def test_opens_with_goals(notebook):
    name, nb = notebook
    first = next(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    goals = re.findall(r"^\s*[-*] \S", first, re.M)
    assert len(goals) >= 2, f"{name}: the title cell should list what the learner will be able to do (a bullet list)"


def test_exercises_with_self_checks_and_solutions(notebook):
    name, nb = notebook
    if name == START:
        pytest.skip("00_start_here has no exercises")
    checked = [i for i, c in enumerate(nb["cells"])
               if c["cell_type"] == "code" and re.search(r"\bcheck_\w+\(", source(c))]
    solutions = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown" and "<details>" in source(c)]
    assert len(checked) >= 3, f"{name}: {len(checked)} exercise cells call a check_…() self-check; 3 to 5 expected"
    assert len(solutions) >= 3, f"{name}: {len(solutions)} folded solutions; one per exercise expected"


def test_widget_with_its_state_stored(notebook):
    """A widget cell, and its state saved in the notebook so a static view still shows the picture."""
    name, nb = notebook
    views = [out["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for c in code_cells(nb) for out in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    assert views, f"{name}: no widget output (each notebook shows at least one widget)"
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    missing = [m for m in views if m not in state.get("state", {})]
    assert not missing, f"{name}: widget models {missing} are shown but their state is not saved in the notebook"
