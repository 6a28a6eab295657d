"""Live lectures: the notebook as a slide deck in JupyterLab (jupyterlab-slideshow), its widgets still live.

Open a widget notebook, run all cells, put the cell with a figure widget on screen, start the deck
(`deck:start`), and check on the slide itself: the widget and its picture are shown, an arrow key on the
focused slider moves the slider (not the slide) and the picture is redrawn, and the deck's own navigation
moves to another slide.  The deck remembers that it is on in the user settings, so the test stops it.
"""

from __future__ import annotations

import pytest
from test_lab import KERNEL_TIMEOUT_MS, open_notebook, readout_of, run_all

pytestmark = pytest.mark.browser

NOTEBOOK = "05_learning_rate.ipynb"

ONSCREEN_IMG_JS = "() => { const img = document.querySelector('.jp-deck-mod-onscreen img.widget-image');" \
                  " return img ? img.getAttribute('src') : null; }"


def _stop_deck(page):
    page.evaluate("() => window.jupyterapp.commands.execute('deck:stop')")


def test_widget_answers_a_slider_on_a_live_slide(page, lab_server):
    commands = None
    open_notebook(page, lab_server, NOTEBOOK)
    run_all(page)
    commands = page.evaluate("() => window.jupyterapp.commands.listCommands().filter(c => c.startsWith('deck:'))")
    assert "deck:start" in commands, f"jupyterlab-slideshow is not installed (deck commands: {commands})"
    index = page.evaluate("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const i = panel.content.widgets.findIndex(c => c.node.querySelector('.widget-slider')
                                                       && c.node.querySelector('img.widget-image'));
        if (i >= 0) panel.content.activeCellIndex = i;
        return i;
    }""")
    assert index >= 0, f"{NOTEBOOK}: no cell with a slider and a figure after running all cells"
    try:
        page.evaluate("() => window.jupyterapp.commands.execute('deck:start')")
        slider = page.locator(".jp-deck-mod-onscreen .widget-slider [role='slider']").first
        slider.wait_for(state="visible", timeout=KERNEL_TIMEOUT_MS)
        assert page.locator(".jp-deck-mod-stop").count() == 1, "the deck did not start"
        before_src = page.evaluate(ONSCREEN_IMG_JS)
        assert before_src, "the slide shows the widget's controls but not its picture"
        before = readout_of(slider)
        slider.focus()
        slider.press("ArrowRight")
        page.wait_for_function(f"(before) => {{ const src = ({ONSCREEN_IMG_JS})(); return src && src !== before; }}",
                               arg=before_src, timeout=20_000, polling=100)
        assert readout_of(slider) != before, "the arrow key did not move the slider"
        assert page.locator(".jp-deck-mod-onscreen .widget-slider [role='slider']").count() >= 1, (
            "the arrow key on the slider changed the slide instead of the slider")
        onscreen = page.evaluate("() => Array.from(document.querySelectorAll('.jp-deck-mod-onscreen'))"
                                 ".map(n => n.textContent.slice(0, 80)).join('|')")
        page.evaluate("() => window.jupyterapp.commands.execute('deck:forward')")
        page.wait_for_function("(before) => Array.from(document.querySelectorAll('.jp-deck-mod-onscreen'))"
                               ".map(n => n.textContent.slice(0, 80)).join('|') !== before", arg=onscreen,
                               timeout=10_000)
    finally:
        _stop_deck(page)
    assert not page.console_errors, f"JavaScript errors on the page: {page.console_errors}"
