"""Fixtures for the browser tests: one JupyterLab server and one headless Chromium per module.

JupyterLab serves a temporary copy of notebooks/ (it autosaves, and running cells changes outputs), on a
free port, configured with galata's ``configure_jupyter_server`` (no token, the app exposed as
``window.jupyterapp``).  Chromium is Debian's (``/usr/bin/chromium`` or ``chromium`` on PATH), driven by
Playwright; ``playwright install`` is never needed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# NNLESSON_NOTEBOOKS points the tests at another folder of notebooks (to develop the tests themselves).
NOTEBOOKS = Path(os.environ.get("NNLESSON_NOTEBOOKS") or ROOT / "notebooks")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]

# User settings for the served JupyterLab: no news/update toasts over the cells (LAB_DEFAULTS: what a
# learner's JupyterLab does otherwise, which the latency benchmark measures); for the tests, also every cell
# attached to the page (no windowing), so what they look for is in the DOM whatever the scroll position.
LAB_DEFAULTS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
}
LAB_SETTINGS = {
    **LAB_DEFAULTS,
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("NNLESSON_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def strip_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.get("metadata", {}).pop("widgets", None)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "api/status", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class LabServer:
    def __init__(self, url: str, root: Path, proc: subprocess.Popen, log: Path):
        self.url, self.root, self.proc, self.log = url, root, proc, log

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(self.url + "api/" + path, method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (each test opens its notebook with a fresh one)."""
        try:
            for session in self.api("sessions"):
                self.api(f"sessions/{session['id']}", method="DELETE")
        except OSError:
            pass

    def log_tail(self, n: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-n:]
        except OSError:
            return ""


@pytest.fixture(scope="module")
def chromium_executable():
    exe = chromium_path()
    if exe is None:
        pytest.skip("Chromium not found (/usr/bin/chromium or `chromium` on PATH): browser tests need Debian's "
                    "chromium package (`apt-get install -y --no-install-recommends chromium`)")
    return exe


def start_lab_server(notebooks: Path, base: Path, strip: bool = True, settings: dict | None = None) -> LabServer:
    """JupyterLab on a free port serving a copy of ``notebooks`` made in ``base`` (outputs stripped unless
    ``strip=False``), with the user settings ``settings`` (default: LAB_SETTINGS); returns once /api/status
    answers.  Raises RuntimeError with the log if it does not start."""
    root = base / "notebooks"
    shutil.copytree(notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if strip:
        for nb_path in root.rglob("*.ipynb"):  # the tests run every cell: stored outputs would only slow the page
            strip_outputs(nb_path)
    settings_dir = base / "user-settings"
    for rel, values in (LAB_SETTINGS if settings is None else settings).items():
        f = settings_dir / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(values))
    port = free_port()
    config = base / "jupyter_lab_config.py"
    config.write_text(
        "from jupyterlab.galata import configure_jupyter_server\n"
        "configure_jupyter_server(c)\n"
        f"c.ServerApp.ip = '127.0.0.1'\n"
        f"c.ServerApp.port = {port}\n"
        f"c.ServerApp.root_dir = {str(root)!r}\n"
        f"c.LabApp.user_settings_dir = {str(settings_dir)!r}\n"
        "c.ServerApp.allow_root = True\n"  # CI runs as root
        "c.LabApp.news_url = None\n"
        "c.LabApp.extension_manager = 'readonly'\n"  # no requests to a package index
        "c.LabApp.check_for_updates_class = 'jupyterlab.NeverCheckForUpdate'\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "JUPYTERLAB_GALATA_ROOT_DIR"}}
    env["JUPYTER_RUNTIME_DIR"] = str(base / "runtime")
    log = base / "server.log"
    with open(log, "wb") as logf:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterlab", f"--config={config}", "--no-browser"],
                                cwd=root, env=env, stdout=logf, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    server = LabServer(url, root, proc, log)
    deadline = time.monotonic() + 90
    while not _status_ok(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"JupyterLab did not start on {url}:\n{server.log_tail()}")
        time.sleep(0.3)
    return server


def stop_lab_server(server: LabServer) -> None:
    server.shutdown_kernels()
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lab_server(chromium_executable, tmp_path_factory):
    """JupyterLab on a free port, serving a temporary copy of notebooks/."""
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed")
    try:
        server = start_lab_server(NOTEBOOKS, tmp_path_factory.mktemp("lab"))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        stop_lab_server(server)


@pytest.fixture(scope="module")
def browser(chromium_executable):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def lab_page(browser, lab_server):
    """One page with JupyterLab loaded, shared by the module's tests (loading the app takes seconds)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.console_errors = []
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    pg.goto(f"{lab_server.url}lab?reset")
    pg.wait_for_function("() => window.jupyterapp && window.jupyterapp.started", timeout=60_000)
    pg.evaluate("() => window.jupyterapp.started")
    try:
        yield pg
    finally:
        context.close()


CLOSE_ALL_JS = """() => {
    // Close every document and panel in the main area without the "save changes?" dialog.
    const app = window.jupyterapp;
    for (const w of Array.from(app.shell.widgets('main'))) {
        if (w.context && w.context.model) w.context.model.dirty = false;
        w.dispose();
    }
}"""


@pytest.fixture
def page(lab_page, lab_server):
    """The shared JupyterLab page, emptied after each test (documents closed, kernels stopped)."""
    lab_page.console_errors.clear()
    try:
        yield lab_page
    finally:
        try:
            lab_page.keyboard.press("Escape")  # a dialog left open by a failed test
            lab_page.evaluate(CLOSE_ALL_JS)
        except Exception:  # noqa: BLE001 -- the page is broken: load JupyterLab again for the next test
            lab_page.goto(f"{lab_server.url}lab?reset")
        lab_server.shutdown_kernels()
