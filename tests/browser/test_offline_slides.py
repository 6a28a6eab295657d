"""Exported slide decks work from local files alone: opened from disk with every network request blocked,
a deck navigates slide by slide, typesets its mathematics and shows each widget's picture.

The deck is built by scripts/export_slides.py (what `make slides` runs) for a widget notebook; npm is needed
once to fetch the pinned reveal.js, MathJax and widget renderer (skipped with a reason where it is absent).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# NNLESSON_NOTEBOOKS points the browser tests at another folder of notebooks (to develop the tests themselves).
NOTEBOOK = Path(os.environ.get("NNLESSON_NOTEBOOKS") or ROOT / "notebooks") / "05_learning_rate.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: offline decks fetch reveal.js, MathJax and the widget renderer with npm "
                    "once (Debian: apt-get install npm)")
    sys.path.insert(0, str(ROOT / "scripts"))
    import export_slides

    out = tmp_path_factory.mktemp("deck")
    return export_slides.export([NOTEBOOK], out)[0]


def _stored_widget_views(path: Path) -> int:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return sum(WIDGET_VIEW in out.get("data", {}) for c in cells for out in c.get("outputs", []))


def test_offline_deck_navigates_typesets_and_shows_widget_pictures(browser, deck):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []

    def only_local(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(deck.as_uri())
        # reveal.js marks the deck "ready" once it has laid the slides out (it is loaded through require.js,
        # from vendor/); a deck whose scripts failed stays one long page with no "present" slide.
        page.wait_for_selector(".reveal.ready", state="attached", timeout=30_000)
        total = page.evaluate("() => document.querySelectorAll('.reveal .slides section:not(:has(section))').length")
        assert total > 5, f"{deck.name}: {total} slides"
        current = "() => Array.from(document.querySelectorAll('.reveal .slides section.present')).map(s =>" \
                  " Array.from(s.parentNode.children).indexOf(s)).join('/')"
        start = page.evaluate(current)
        page.locator(".reveal").click()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"(s) => ({current})() !== s", arg=start, timeout=10_000)
        # MathJax typesets every formula once it has loaded (from vendor/, not a CDN).
        page.wait_for_function("() => window.MathJax && MathJax.Hub && MathJax.Hub.queue"
                               " && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0"
                               " && document.querySelectorAll('.mjx-chtml').length > 0", timeout=60_000)
        raw_tex = page.evaluate(r"""() => Array.from(document.querySelectorAll('.reveal .slides p, .reveal .slides li'))
            .map(n => n.innerText).filter(t => /\$[^$]*\\[a-zA-Z]+/.test(t)).slice(0, 3)""")
        assert not raw_tex, f"formulas left as raw TeX: {raw_tex}"
        # Each stored widget view is rendered from the saved widget state, with its picture loaded.
        views = _stored_widget_views(NOTEBOOK)
        assert views > 0, f"{NOTEBOOK.name} stores no widget views to check"
        page.wait_for_function("(n) => document.querySelectorAll('img.widget-image').length"
                               " >= n", arg=views, timeout=30_000)
        sizes = page.evaluate("() => Array.from(document.querySelectorAll('img.widget-image'))"
                              ".map(i => i.naturalWidth)")
        assert all(w > 0 for w in sizes), f"widget pictures that did not load: {sizes}"
        assert not blocked, f"the deck asked the network for {blocked}"
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        context.close()
