"""What a person feels: from a key press on a slider to the new picture decoded in the page.

Starts JupyterLab on a temporary copy of notebooks/, opens each widget notebook in a fresh page of Debian's
Chromium and runs all cells (with Playwright, which then lets go of the page: see BarePage), and for every
visible slider that sits above a widget figure:

* presses its arrow keys one at a time (right, then back left) and times each press, in the page, from the
  ``keydown`` event to the moment the figure's new image has been decoded (``img.decode()``), counting how
  many new pictures each press produced (one is right: no lost and no doubled redraws);
* drags its handle for about one second and counts the distinct pictures shown during the drag, beside how
  many different pictures the values it passed make (drawn in the kernel afterwards: neighbouring values can
  share a picture), and the time from the mouse release to the last picture;
* reads, from the kernel, how long each of those redraws took there (update + render: ``RENDER_MS`` in
  nnlesson.widgets._live), so the table sets the kernel's share beside the whole.

Goal: median <= 50 ms and max <= 100 ms from key to picture; >= 20 pictures in a one-second drag (or every
different picture the drag's values make, where they make fewer, such as 06's four step sizes); the last
picture within 100 ms of the release.  Timings depend on the machine's load: the load average is printed.

Run: python benchmarks/browser_latency.py [--notebooks 04 05] [--presses 8]   (make bench runs it when
Chromium is present)
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM_ARGS, LAB_DEFAULTS, chromium_path, free_port, start_lab_server, stop_lab_server  # noqa: E402
from test_lab import open_notebook, run_all, run_in_kernel, widget_notebooks  # noqa: E402

GOAL_MEDIAN_MS, GOAL_MAX_MS, GOAL_DRAG_FPS, GOAL_RELEASE_MS = 50.0, 100.0, 20, 100.0

# The picture of a figure widget: the Image widget's <img>.
FIGURE_IMG = "img.widget-image"

INSTALL_PROBE_JS = """(handle) => {
    // Find this slider's figure: walk up to the first ancestor that also holds the figure's image.
    let box = handle.parentElement;
    while (box && !box.querySelector(FIGURE_IMG)) box = box.parentElement;
    const probe = {keys: [], frames: [], last: null, waiters: []};
    const look = () => {
        const img = box.querySelector(FIGURE_IMG);
        if (!img) return;
        const src = img.getAttribute('src');
        if (src === probe.last) return;
        probe.last = src;
        const done = () => {
            probe.frames.push(performance.now());
            const wake = probe.waiters.splice(0);  // the benchmark awaits pictures without polling the page
            wake.forEach((w) => w());
        };
        img.decode ? img.decode().then(done, done) : done();
    };
    probe.observer = new MutationObserver(look);
    probe.observer.observe(box, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    handle.addEventListener('keydown', () => probe.keys.push(performance.now()), true);
    look();
    window.__nnlessonProbe = probe;
    return probe.frames.length;
}""".replace("FIGURE_IMG", repr(FIGURE_IMG))

# Resolves once the probe has seen more than ``n`` pictures (true), or after ``ms`` (false). The page is not
# polled: a requestAnimationFrame or timer poll would make it run its frame pipeline all along, which a page
# waiting for a person does not do, and would lengthen what is measured.
WAIT_FOR_PICTURE_JS = """([n, ms]) => new Promise((resolve) => {
    const probe = window.__nnlessonProbe;
    if (probe.frames.length > n) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    probe.waiters.push(() => { if (probe.frames.length > n) { clearTimeout(timer); resolve(true); } });
})"""

TAG_ALL_SLIDERS_JS = """() => {
    const picked = [];
    document.querySelectorAll('.jp-NotebookPanel .widget-slider [role="slider"]').forEach(h => {
        if (!h.offsetParent || h.getClientRects().length === 0) return;
        let box = h.parentElement;
        while (box && !box.querySelector(FIGURE_IMG)) {
            if (box.classList.contains('jp-OutputArea-output')) { box = null; break; }
            box = box.parentElement;
        }
        if (!box) return;
        h.setAttribute('data-nnlesson-bench', String(picked.length));
        picked.push(h.closest('.widget-slider').querySelector('.widget-label').textContent.trim());
    });
    return picked;
}""".replace("FIGURE_IMG", repr(FIGURE_IMG))


# Every websocket message the page sends or receives, with its time and size: where the time between a key
# press and the picture goes (page -> kernel, kernel -> page, page -> decoded image).
WEBSOCKET_LOG_JS = """(() => {
    const Native = window.WebSocket;
    const log = window.__nnlessonWS = {sent: [], recv: []};
    const size = (d) => typeof d === 'string' ? d.length : (d.byteLength || d.size || 0);
    function Logged(...args) {
        const ws = new Native(...args);
        const send = ws.send.bind(ws);
        ws.send = (data) => { log.sent.push([performance.now(), size(data)]); return send(data); };
        ws.addEventListener('message', (e) => log.recv.push([performance.now(), size(e.data)]));
        return ws;
    }
    Logged.prototype = Native.prototype;
    for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Logged[k] = Native[k];
    window.WebSocket = Logged;
})();"""


class BarePage:
    """The page, driven through a DevTools connection that turns on no reporting at all.

    Playwright, which opens the notebook and runs its cells, switches on the DevTools domains it needs (network,
    page, runtime events) for as long as it is connected; the page then reports every websocket frame, a picture's
    bytes included, to it.  With it connected, the same in-page measurement of a key press took 5-20 ms longer
    (01 and 04, four alternating runs each), time a learner's browser does not spend.  So Playwright lets go of
    the page before the measurement, and this sends the keys, the mouse and the scripts by the DevTools protocol
    alone: trusted input events, and scripts run without any domain enabled.
    """

    def __init__(self, ws_url: str):
        from tornado.websocket import websocket_connect

        # Its own event loop on its own thread: Playwright's synchronous API keeps one running on this thread.
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="devtools", daemon=True)
        self._thread.start()
        async def connect():  # made on the loop's own thread, where tornado binds it
            return await websocket_connect(ws_url, max_message_size=1 << 28)

        self._ws = self._run(connect())
        self._ids = itertools.count(1)

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=120)

    def send(self, method: str, **params):
        async def call():
            i = next(self._ids)
            await self._ws.write_message(json.dumps({"id": i, "method": method, "params": params}))
            while True:
                raw = await self._ws.read_message()
                if raw is None:
                    raise RuntimeError(f"DevTools connection closed during {method}")
                msg = json.loads(raw)
                if msg.get("id") == i:
                    if "error" in msg:
                        raise RuntimeError(f"{method}: {msg['error']}")
                    return msg["result"]

        return self._run(call())

    def evaluate(self, fn: str, arg=None):
        """``fn(arg)`` in the page, awaited; its JSON value (as Playwright's ``page.evaluate``)."""
        result = self.send("Runtime.evaluate", expression=f"({fn})({json.dumps(arg)})", awaitPromise=True,
                           returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for_timeout(self, ms: float) -> None:
        time.sleep(ms / 1000)

    def press(self, key: str) -> None:
        """A real key press (down and up) on the focused element: ArrowLeft or ArrowRight."""
        code = {"ArrowLeft": 37, "ArrowRight": 39}[key]
        for kind in ("rawKeyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code,
                      nativeVirtualKeyCode=code)

    def mouse(self, kind: str, x: float, y: float) -> None:
        """A real mouse event: kind is "mouseMoved", "mousePressed" or "mouseReleased" (left button)."""
        self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                  buttons=0 if kind == "mouseReleased" else 1, clickCount=0 if kind == "mouseMoved" else 1)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._ws.close)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


# The probe, installed on the slider handle that a CSS selector picks.
INSTALL_PROBE_AT_JS = f"(sel) => ({INSTALL_PROBE_JS})(document.querySelector(sel))"

# The handle's box and its slider's track, in page coordinates, once the handle is scrolled into view.
HANDLE_AND_TRACK_JS = """(sel) => {
    const h = document.querySelector(sel);
    const r = (e) => {
        const b = e.getBoundingClientRect();
        return {x: b.x, y: b.y, width: b.width, height: b.height};
    };
    return [r(h), r(h.closest('.widget-slider'))];
}"""


def split_latency(page, key_t: float, frame_t: float) -> tuple[float, float, float]:
    """(key -> first message sent, sent -> picture's message received, received -> picture decoded), ms."""
    log = page.evaluate("() => window.__nnlessonWS")
    sent = [t for t, _ in log["sent"] if key_t <= t <= frame_t]
    recv = [(t, n) for t, n in log["recv"] if sent and sent[0] <= t <= frame_t]
    if not sent or not recv:
        return float("nan"), float("nan"), float("nan")
    t_img = max(recv, key=lambda r: r[1])[0]  # the picture is by far the largest message
    return sent[0] - key_t, t_img - sent[0], frame_t - t_img


def kernel_render_times(page, since: int) -> list[float]:
    """RENDER_MS entries from index ``since`` on, read by running a line in the notebook's kernel."""
    code = ("import json as _j; from nnlesson.widgets import _live as _l; "
            f"print(_j.dumps(list(_l.RENDER_MS)[{since}:]))")
    return json.loads(run_in_kernel(page, code).strip() or "[]")


def last_picture_changed(page) -> bool | None:
    """Whether the kernel's latest redraw changed the picture (``PICTURE_CHANGED``; None before any redraw)."""
    code = ("from nnlesson.widgets import _live as _l; "
            "print(_l.PICTURE_CHANGED[-1] if _l.PICTURE_CHANGED else None)")
    return {"True": True, "False": False}.get(run_in_kernel(page, code).strip())


def kernel_render_count(page) -> int:
    return len(kernel_render_times(page, 0))


def press_keys(page, sel: str, presses: int) -> tuple[list[float], list[int], list[tuple]]:
    """Latency of each arrow-key press, how many pictures each produced, and where its time went."""
    page.evaluate(INSTALL_PROBE_AT_JS, sel)
    page.evaluate("(sel) => document.querySelector(sel).focus()", sel)
    latencies, counts, parts = [], [], []
    keys = ["ArrowRight"] * (presses // 2) + ["ArrowLeft"] * (presses - presses // 2)
    for key in keys:
        # Nothing may touch the page between the key and the picture (a query of the readout there forces a
        # style and layout pass on the whole notebook and lengthens what is measured): whether the key can move
        # the handle is read before, from its ARIA values.
        now, lo, hi = page.evaluate("(sel) => ['aria-valuenow', 'aria-valuemin', 'aria-valuemax']"
                                    ".map(a => parseFloat(document.querySelector(sel).getAttribute(a)))", sel)
        if (key == "ArrowRight" and now >= hi) or (key == "ArrowLeft" and now <= lo):
            continue  # at the end of the range: no change, no picture expected
        n0 = page.evaluate("() => window.__nnlessonProbe.frames.length")
        page.press(key)
        if not page.evaluate(WAIT_FOR_PICTURE_JS, [n0, 3_000]):
            if last_picture_changed(page) is False:
                continue  # the kernel drew the very picture already shown (03: a step that only changes the text)
            counts.append(0)  # no picture: a lost redraw
            continue
        page.wait_for_timeout(250)  # any second picture for the same press would arrive by now
        probe = page.evaluate("() => ({keys: window.__nnlessonProbe.keys, frames: window.__nnlessonProbe.frames})")
        latencies.append(probe["frames"][n0] - probe["keys"][-1])
        counts.append(len(probe["frames"]) - n0)
        parts.append(split_latency(page, probe["keys"][-1], probe["frames"][n0]))
    page.evaluate("() => window.__nnlessonProbe.observer.disconnect()")
    return latencies, counts, parts


DRAG_JS = """async ([x0, y, span, direction, seconds, handleSelector]) => {
    // A hand on a mouse: one pointer move per animation frame (about 60 a second, fewer when the page is busy,
    // as the browser then merges a real mouse's moves too), right and back along the track, for ``seconds``.
    // The press and the release are real (DevTools input) mouse events around it.
    const target = document.documentElement;
    const handle = document.querySelector(handleSelector);
    const t0 = performance.now();
    let moves = 0, values = 0, last = handle.getAttribute('aria-valuenow');
    const passed = [];  // every value the slider took, in order: the kernel tells which of them change the picture
    await new Promise((done) => {
        const step = (now) => {
            const frac = Math.min(1, (now - t0) / (seconds * 1000));
            const offset = span * (frac <= 0.5 ? 2 * frac : 2 * (1 - frac)) * 0.999 + span * 0.3 * frac;
            const x = x0 + direction * offset;
            // the slider library listens to mouse events (it takes pointer events only where
            // navigator.pointerEnabled, which Chromium lacks)
            target.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, buttons: 1, bubbles: true}));
            moves += 1;
            const now_value = handle.getAttribute('aria-valuenow');  // the slider's value after this move
            if (now_value !== last) { values += 1; last = now_value; passed.push(parseFloat(now_value)); }
            if (frac < 1) requestAnimationFrame(step); else done();
        };
        requestAnimationFrame(step);
    });
    return {moves, values, passed, end: x0 + direction * span * 0.3};
}"""


# Which of the values a drag passed give a picture different from the value before: drawn in the kernel by the
# LiveFigure behind the slider (found through the slider's observers), whose state is then put back.  A slider
# whose neighbouring values can share a picture (03's steps: several quantities light up the same unit) cannot
# show more pictures than this, however fast the page and the kernel are.
PICTURE_CHANGES_PY = """
import json, zlib
import ipywidgets as _W
from nnlesson.widgets._live import LiveFigure as _LF
_label, _values, _start, _final = {label!r}, {values!r}, {start!r}, {final!r}
def _live_of(w):
    for f in w._trait_notifiers.get('value', {{}}).get('change', []):
        owner = getattr(f, '__self__', None)
        if isinstance(owner, _LF):
            return owner
_found = [(w, _live_of(w)) for w in list(_W.widgets.widget._instances.values())
          if getattr(w, 'description', None) == _label and _live_of(w) is not None]
# a log slider's value in the page is its exponent
_value = lambda w, v: w.base ** v if isinstance(w, _W.FloatLogSlider) else v
_found = [(w, lf) for w, lf in _found if abs(w.value - _value(w, _final)) <= 1e-9 * max(1.0, abs(w.value))]
if len(_found) != 1:
    print(json.dumps(None))
else:
    _w, _lf = _found[0]
    _name = next(n for n, c in _lf.controls.widgets.items() if c is _w)
    _seen, _changes = None, 0
    for _v in [_start] + _values:
        _state = dict(_lf.controls.values(), **{{_name: _value(_w, _v)}})
        _lf.update(**_state)
        _crc = zlib.crc32(_lf.render())
        _changes += _seen is not None and _crc != _seen
        _seen = _crc
    _lf.update(**_lf.controls.values())
    _lf.render()
    print(json.dumps(_changes))
"""


def picture_changes(page, label: str, start: float, passed: list[float], final: float) -> int | None:
    """How many of the drag's value changes change the picture (None when the slider's widget is not found
    unambiguously, by its label and its value after the release: then every value change counts)."""
    if not passed:
        return 0
    out = run_in_kernel(page, PICTURE_CHANGES_PY.format(label=label, values=passed, start=start, final=final))
    return json.loads(out.strip() or "null")


def drag(page, sel: str, label: str, seconds: float = 1.0) -> tuple[int, float, int]:
    """Drag the handle right and back for ``seconds`` at the page's frame rate: pictures shown per second,
    release-to-last-picture ms, and how many different pictures a second the values passed make possible (the
    value changes a second where the kernel cannot tell: a slider of few positions, such as 06's, changes value
    fewer than 20 times a second, and neighbouring steps of 03's stepper can share a picture)."""
    aria_now = "(sel) => parseFloat(document.querySelector(sel).getAttribute('aria-valuenow'))"
    start = page.evaluate(aria_now, sel)
    page.evaluate(INSTALL_PROBE_AT_JS, sel)
    for attempt in range(2):
        if attempt:
            # The press did not take the handle (the slider never moved: nothing about the widget is measured);
            # it happens to one to three of a run's 27 drags, not always the same. The handle is found again and
            # pressed again.
            print(f"  (the drag of {label} did not take the handle; pressed again)")
            page.evaluate("(sel) => document.querySelector(sel).scrollIntoView({block: 'center'})", sel)
            page.wait_for_timeout(500)
        box, track = page.evaluate(HANDLE_AND_TRACK_JS, sel)
        x0, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        span = min(150.0, max(40.0, (track["x"] + track["width"] - x0) - 20, x0 - track["x"] - 20))
        direction = 1 if (track["x"] + track["width"] - x0) > (x0 - track["x"]) else -1
        page.mouse("mouseMoved", x0, y)
        page.mouse("mousePressed", x0, y)
        t_start = page.evaluate("() => performance.now()")
        done = page.evaluate(DRAG_JS, [x0, y, span, direction, seconds, sel])
        t_up = page.evaluate("() => performance.now()")
        page.mouse("mouseMoved", done["end"], y)
        page.mouse("mouseReleased", done["end"], y)
        page.wait_for_timeout(1500)
        if done["values"]:
            break
    frames = page.evaluate("() => window.__nnlessonProbe.frames")
    page.evaluate("() => window.__nnlessonProbe.observer.disconnect()")
    during = [f for f in frames if t_start <= f <= t_up + 100]
    after = [f for f in frames if f >= t_start]
    release_ms = (after[-1] - t_up) if after else float("nan")
    seconds_taken = max((t_up - t_start) / 1000, 1e-9)
    changes = picture_changes(page, label, start, done["passed"], page.evaluate(aria_now, sel))
    possible = done["values"] if changes is None else changes
    return round(len(during) / seconds_taken), release_ms, round(possible / seconds_taken)


def open_and_run(pw, endpoint: str, server, name: str) -> tuple[str, list[str]]:
    """With Playwright: a new JupyterLab page, the notebook opened and run, its sliders tagged.  Playwright then
    lets go of the browser (the page stays); returns the page's DevTools address and the sliders' labels."""
    browser = pw.chromium.connect_over_cdp(endpoint)
    try:
        context = browser.contexts[0]
        page = context.new_page()
        page.add_init_script(WEBSOCKET_LOG_JS)
        page.set_default_timeout(30_000)
        page.goto(f"{server.url}lab?reset")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
        open_notebook(page, server, name)
        run_all(page)
        labels = page.evaluate(TAG_ALL_SLIDERS_JS)
        target = context.new_cdp_session(page).send("Target.getTargetInfo")["targetInfo"]["targetId"]
    finally:
        browser.close()  # for a browser it connected to, Playwright only disconnects
    port = endpoint.rsplit(":", 1)[1]
    return f"ws://127.0.0.1:{port}/devtools/page/{target}", labels


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", nargs="*", help="notebook number prefixes, e.g. 04 05 (default: all)")
    parser.add_argument("--presses", type=int, default=8, help="arrow-key presses per slider")
    parser.add_argument("--nodelay", choices=("on", "off"), default="on",
                        help="nnlesson's server extension (TCP_NODELAY on kernel websockets): 'off' measures the "
                             "server without it (NNLESSON_NODELAY=0)")
    args = parser.parse_args(argv)
    exe = chromium_path()
    if exe is None:
        print("browser_latency: Chromium not found (apt-get install chromium); skipped")
        return 0
    from playwright.sync_api import sync_playwright

    # One BLAS thread, as `make lab` runs the kernel (Makefile): on 2 cores, extra BLAS threads only fight the
    # browser and the server (02's explorer: about 64 ms a redraw with the default threads, 40 with one).
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.environ["NNLESSON_NODELAY"] = "1" if args.nodelay == "on" else "0"
    names = [n for n in widget_notebooks() if not args.notebooks or any(n.startswith(p) for p in args.notebooks)]
    load = os.getloadavg()
    print(f"browser_latency: {len(names)} widget notebooks; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"on {os.cpu_count()} cores; goal: key to picture median <= {GOAL_MEDIAN_MS:.0f} ms, max <= "
          f"{GOAL_MAX_MS:.0f} ms; drag >= {GOAL_DRAG_FPS} pictures/s, last picture <= {GOAL_RELEASE_MS:.0f} ms "
          "after release")
    header = (f"{'notebook':<24} {'slider':<22} {'kernel med':>10} {'key med':>8} {'key max':>8} {'pics/key':>8} "
              f"{'drag pics/s':>11} {'release ms':>10}   median ms: key>send send>recv recv>shown\n"
              f"{'':<90}(drag: pictures shown per second, of the different pictures per second its values make)")
    print(header)
    misses = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        # JupyterLab as a learner has it (its default windowing mode, not the tests' "attach every cell").
        server = start_lab_server(ROOT / "notebooks", Path(tmp), settings=LAB_DEFAULTS)
        port = free_port()
        browser = subprocess.Popen([exe, "--headless", f"--remote-debugging-port={port}",
                                    f"--user-data-dir={Path(tmp) / 'chromium-profile'}", "--window-size=1400,1000",
                                    *CHROMIUM_ARGS, "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{port}"
        log = server.log_tail(200_000)
        state = ("on" if "send without Nagle" in log else "off" if "NNLESSON_NODELAY=0" in log
                 else "not loaded (python -m nnlesson.lab_server enable)")
        print(f"server extension nnlesson.lab_server (TCP_NODELAY on kernel websockets): {state}")
        try:
            for _attempt in range(150):
                try:
                    urllib.request.urlopen(f"{endpoint}/json/version", timeout=2).read()
                    break
                except OSError:
                    time.sleep(0.2)
            for name in names:
                # A fresh JupyterLab page for each notebook, as a learner opens one: what earlier notebooks left in
                # a page (its memory, its listeners) does not weigh on the later ones.
                ws_url, labels = open_and_run(pw, endpoint, server, name)
                page = BarePage(ws_url)
                page.send("Emulation.setFocusEmulationEnabled", enabled=True)  # a focused page, as in front of a person
                for i, label in enumerate(labels):
                    sel = f"[data-nnlesson-bench='{i}']"
                    page.evaluate("(sel) => document.querySelector(sel).scrollIntoView({block: 'center'})", sel)
                    page.wait_for_timeout(500)
                    n_kernel = kernel_render_count(page)
                    lat, counts, parts = press_keys(page, sel, args.presses)
                    kernel = kernel_render_times(page, n_kernel)
                    fps, release_ms, possible_fps = drag(page, sel, label)
                    # A drag cannot show more pictures than the different ones its values make (06's sliders have 4
                    # and 6 positions; 03's neighbouring steps can share a picture).
                    wanted_fps = min(GOAL_DRAG_FPS, possible_fps)
                    if not lat:
                        print(f"{name[:24]:<24} {label[:22]:<22} no key press changed the picture")
                        misses.append(f"{name}/{label}")
                        continue
                    med, worst = statistics.median(lat), max(lat)
                    k_med = statistics.median(kernel) if kernel else float("nan")
                    per_key = statistics.mean(counts) if counts else float("nan")
                    ok = (med <= GOAL_MEDIAN_MS and worst <= GOAL_MAX_MS and fps >= wanted_fps
                          and release_ms <= GOAL_RELEASE_MS and all(c == 1 for c in counts))
                    if not ok:
                        misses.append(f"{name}/{label}")
                    split = [statistics.median(p[i] for p in parts) for i in range(3)] if parts else [float("nan")] * 3
                    print(f"{name[:24]:<24} {label[:22]:<22} {k_med:10.1f} {med:8.1f} {worst:8.1f} {per_key:8.2f} "
                          f"{fps:5d} of {possible_fps:3d} {release_ms:10.0f}   {split[0]:8.1f} {split[1]:9.1f} "
                          f"{split[2]:11.1f}"
                          f"{'' if ok else '  <- short of the goal'}")
                page.evaluate("() => { for (const w of Array.from(window.jupyterapp.shell.widgets('main'))) {"
                              " if (w.context) w.context.model.dirty = false; w.dispose(); } }")
                page.send("Page.close")
                page.close()
                server.shutdown_kernels()
        finally:
            browser.kill()
            browser.wait()
            stop_lab_server(server)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f}; "
          + ("every slider within the goal" if not misses else f"short of the goal: {', '.join(misses)}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
