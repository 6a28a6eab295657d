"""JupyterLab in a real Chromium: the notebooks open, run, and their widgets answer a slider.

For every notebook in notebooks/ that uses a widget: open it, wait for the kernel to be Idle, click the first
cell, run all cells, wait until every code cell has run, check no cell produced an error, then move a visible
slider with the keyboard and wait for the figure (the PNG ``img`` of the widget's ``Image``) to be redrawn.
Plus: 00_start_here opens and its title heading renders.

Run: ``.venv/bin/python -m pytest tests/browser -m browser -v`` (skipped where Chromium is absent).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest

NOTEBOOKS = Path(os.environ.get("NNLESSON_NOTEBOOKS") or Path(__file__).resolve().parents[2] / "notebooks")

pytestmark = pytest.mark.browser

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
# Code that uses the widget modules: `nnlesson.widgets`, `nl.widgets.foo(...)`, `from nnlesson import widgets`.
WIDGET_SOURCE = re.compile(r"\b(?:nnlesson|nl)\.widgets\b|^\s*from\s+nnlesson\s+import\s.*\bwidgets\b", re.M)

KERNEL_TIMEOUT_MS = 60_000  # kernel start on a busy 2-core machine
RUN_TIMEOUT_MS = 120_000  # a notebook runs in about 10 s; leave room for a loaded machine
REDRAW_TIMEOUT_MS = 20_000  # one slider step (a training callback with continuous_update=False included)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")).get("cells", [])


def uses_widget(path: Path) -> bool:
    """A stored widget view in any output, or a code cell that calls into nnlesson.widgets."""
    for cell in _cells(path):
        if cell.get("cell_type") != "code":
            continue
        if any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", [])):
            return True
        source = "".join(cell.get("source", ""))
        if WIDGET_SOURCE.search(source):
            return True
    return False


# One notebook of the Chinese edition runs here too: its slider labels and picture must be Chinese.
ZH_NOTEBOOK = "zh/04_gradient_descent.ipynb"
CJK = re.compile(r"[\u4e00-\u9fff]")


def widget_notebooks() -> list[str]:
    names = [p.name for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")) if uses_widget(p)]
    return names + ([ZH_NOTEBOOK] if (NOTEBOOKS / ZH_NOTEBOOK).exists() else [])


def open_notebook(page, server, name: str) -> None:
    """Open a notebook in the (already loaded) JupyterLab page and wait for its kernel to be Idle."""
    page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", name)
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp.shell.currentWidget;"
        " return w && w.context && w.context.path === path && w.sessionContext; }",
        arg=name, timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=KERNEL_TIMEOUT_MS)
    # The status bar reads "Python 3 (ipykernel) | Idle" once the kernel is up.
    page.locator("#jp-main-statusbar .jp-StatusBar-TextItem", has_text=re.compile(r"\|\s*Idle\b")).first.wait_for(
        timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_function(
        "() => { const s = window.jupyterapp.shell.currentWidget.sessionContext;"
        " return s.session && s.session.kernel && s.session.kernel.status === 'idle'; }",
        timeout=KERNEL_TIMEOUT_MS)


def run_all(page) -> None:
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()
    page.evaluate("() => { window.__nnlessonRun = window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    # Done when every code cell has an execution count (or one failed) and the kernel is idle again.
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.widgets.filter(c => c.model.type === 'code');
            const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
            const running = cells.some(c => (c.node.querySelector('.jp-InputArea-prompt') || {}).textContent
                                               === '[*]:');
            const ran = cells.every(c => c.model.executionCount !== null);
            // Run all stops at the first error: then the cells below it never get a count.
            const failed = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
            return (ran || failed) && !running && kernel && kernel.status === 'idle';
        }""",
        timeout=RUN_TIMEOUT_MS, polling=250)


def errors_on_page(page) -> list[str]:
    """Error outputs in the notebook model, and any traceback shown on the page (widget outputs included)."""
    model_errors = page.evaluate(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const found = [];
            panel.content.widgets.forEach((c, i) => {
                if (c.model.type !== 'code') return;
                for (const out of c.model.outputs.toJSON()) {
                    if (out.output_type === 'error') found.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
                }
            });
            return found;
        }""")
    shown = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
                         has_text="Traceback")
    dom_errors = [t[:400] for t in shown.all_inner_texts()]
    return model_errors + dom_errors


def log_console_messages(page) -> list[str]:
    """What the kernel reported outside any cell (an exception in a widget callback lands here)."""
    item = page.locator("#jp-main-statusbar .jp-LogConsoleStatusItem")
    if item.count() == 0 or "lm-mod-hidden" in (item.get_attribute("class") or ""):
        return []
    page.evaluate("() => window.jupyterapp.commands.execute('logconsole:open')")
    outputs = page.locator(".jp-LogConsolePanel .jp-OutputArea-output")
    outputs.first.wait_for(state="attached", timeout=10_000)
    return [t.strip()[-600:] for t in outputs.all_inner_texts()]


RUN_IN_KERNEL_JS = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    let out = '';
    const future = kernel.requestExecute({code, silent: false, store_history: false});
    future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
    await future.done;
    return out;
}"""

# Whether the widgets' figures (the pictures on the page) hold Chinese text, asked of the notebook's kernel.
ZH_FIGURE_TEXT_CODE = "\n".join([
    "import gc as _gc, re as _re, matplotlib.figure as _mf, matplotlib.text as _mt",
    "_t = [t.get_text() for f in _gc.get_objects() if isinstance(f, _mf.Figure) for t in f.findobj(_mt.Text)]",
    "print('CJK' if any(_re.search('[\u4e00-\u9fff]', t) for t in _t) else 'none')",
])


def run_in_kernel(page, code: str) -> str:
    """Run ``code`` in the kernel of the notebook open in ``page`` and return what it printed."""
    return page.evaluate(RUN_IN_KERNEL_JS, code)

# The LiveFigure around a slider: walk up from the slider (through the controls box) to the first element that
# also holds the widget's picture (an Image widget), without leaving the cell output the slider is in.
FIGURE_IMG_JS = """(handle) => {
    let node = handle.parentElement;
    while (node && !node.classList.contains('jp-OutputArea-output')) {
        const img = node.querySelector('img.widget-image');
        if (img) return img.getAttribute('src');
        node = node.parentElement;
    }
    return null;
}"""
IMG_CHANGED_JS = f"([h, before]) => {{ const src = ({FIGURE_IMG_JS})(h); return src !== null && src !== before; }}"
# One visible slider per LiveFigure (the first one shown), tagged so Python can find them again.
TAG_SLIDERS_JS = f"""() => {{
    const picked = [];
    const figures = new Set();
    document.querySelectorAll('.jp-NotebookPanel .widget-slider [role="slider"]').forEach(h => {{
        if (!h.offsetParent || h.getClientRects().length === 0) return;   // hidden (show=) or not displayed
        if (({FIGURE_IMG_JS})(h) === null) return;                         // not part of a figure widget
        let fig = h.parentElement;
        while (!fig.querySelector('img.widget-image')) fig = fig.parentElement;
        if (figures.has(fig)) return;
        figures.add(fig);
        h.setAttribute('data-nnlesson-slider', String(picked.length));
        picked.push(h.closest('.widget-slider').querySelector('.widget-label').textContent.trim());
    }});
    return picked;
}}"""


def readout_of(slider) -> str:
    box = slider.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' widget-slider ')]")
    return box.locator(".widget-readout").first.inner_text().strip()


def move_slider_and_wait_for_redraw(page, slider) -> tuple[str, str, bool]:
    """Arrow keys on a slider until its readout moves and the figure's image changes (or give up)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    slider.scroll_into_view_if_needed()
    before_src = slider.evaluate(FIGURE_IMG_JS)
    before = readout_of(slider)
    slider.focus()
    first_wait = True
    for key in ["ArrowRight"] * 3 + ["ArrowLeft"] * 6:  # at the right end of its range, go the other way
        slider.press(key)
        if readout_of(slider) == before:
            continue
        try:
            page.wait_for_function(IMG_CHANGED_JS, arg=[slider.element_handle(), before_src],
                                   timeout=REDRAW_TIMEOUT_MS if first_wait else 5_000, polling=100)
            return before, readout_of(slider), True
        except PlaywrightTimeout:  # a step too small to change the picture: take another step
            first_wait = False
    return before, readout_of(slider), False


@pytest.mark.parametrize("name", widget_notebooks())
def test_widget_notebook_runs_and_slider_redraws(page, lab_server, name):
    t0 = time.perf_counter()
    open_notebook(page, lab_server, name)
    t1 = time.perf_counter()
    run_all(page)
    t2 = time.perf_counter()
    errors = errors_on_page(page)
    assert not errors, f"{name}: error output after running all cells:\n" + "\n".join(errors)

    labels = page.evaluate(TAG_SLIDERS_JS)
    assert labels, f"{name}: no visible slider above a widget figure (img.widget-image) after running all cells"
    if name.startswith("zh/"):
        english = [label for label in labels if not CJK.search(label)]
        assert not english, f"{name}: slider labels not in Chinese: {english}"
        assert run_in_kernel(page, ZH_FIGURE_TEXT_CODE).strip() == "CJK", \
            f"{name}: the kernel's figure text is not Chinese"
    for i, label in enumerate(labels):
        slider = page.locator(f"[data-nnlesson-slider='{i}']")
        before, after, redrawn = move_slider_and_wait_for_redraw(page, slider)
        where = f"{name}, figure widget {i + 1} of {len(labels)}, slider {label!r}"
        assert after != before, f"{where}: readout stayed at {before!r} after arrow keys"
        assert redrawn, (f"{where}: moved {before!r} -> {after!r} but the figure image was not redrawn "
                         f"within {REDRAW_TIMEOUT_MS / 1000:.0f} s")
    t3 = time.perf_counter()
    print(f"{name}: open {t1 - t0:.1f} s, run all {t2 - t1:.1f} s, {len(labels)} slider(s) {t3 - t2:.1f} s")
    errors = errors_on_page(page) + log_console_messages(page)
    assert not errors, f"{name}: errors or warnings after moving sliders:\n" + "\n".join(errors)
    assert not page.console_errors, f"{name}: JavaScript errors on the page: {page.console_errors}"


def _first_heading(path: Path) -> str | None:
    for cell in _cells(path):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](link) -> text
    text = re.sub(r"[*_`¶]", "", text)
    return " ".join(text.split())


def test_start_here_title_renders(page, lab_server):
    name = "00_start_here.ipynb"
    path = NOTEBOOKS / name
    if not path.exists():
        pytest.skip(f"notebooks/{name} does not exist yet")
    heading = _first_heading(path)
    assert heading, f"{name}: no '# ' title heading in a markdown cell"
    open_notebook(page, lab_server, name)
    h1 = page.locator(".jp-NotebookPanel .jp-MarkdownOutput h1").first
    h1.wait_for(state="visible")
    assert _plain(h1.inner_text()) == _plain(heading)
    assert page.title().startswith(name[:10]) and page.title().endswith("JupyterLab"), page.title()
    tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first
    assert tab.inner_text().strip() == name


def test_server_loads_nnlesson_extension(lab_server):
    """The served JupyterLab runs nnlesson's server extension (TCP_NODELAY on kernel websockets), as `make lab`
    and Binder do: without it a widget's picture waits up to 40 ms for the browser's delayed acknowledgement."""
    log = lab_server.log_tail(500_000)
    assert "nnlesson.lab_server: kernel websockets send without Nagle" in log, (
        "JupyterLab did not load nnlesson.lab_server; enable it with `python -m nnlesson.lab_server enable` "
        f"(make install does). Server log:\n{log[-3000:]}")
