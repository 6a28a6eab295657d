"""nnlesson's Jupyter server extension: TCP_NODELAY on each kernel websocket, and how it is enabled.

The browser tests check that the served JupyterLab loads it (tests/browser/test_lab.py); here, what it
does to the connection class, and that the file enabling it is the one the package ships.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from nnlesson import lab_server

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "jupyter-config" / "jupyter_server_config.d" / "nnlesson.json"


class Handler:
    """What the connection sees of tornado's WebSocketHandler: set_nodelay and ws_connection."""

    def __init__(self, open_=True):
        self.ws_connection = object() if open_ else None
        self.calls = []

    def set_nodelay(self, value):
        self.calls.append(("set_nodelay", value))


class Connection:
    """Stands for jupyter_server's ZMQChannelsWebsocketConnection."""

    def __init__(self, handler):
        self.websocket_handler = handler

    def connect(self):
        self.websocket_handler.calls.append(("connect",))
        return "future"


def test_the_wrapped_class_sets_nodelay_before_it_connects():
    cls = lab_server.with_nodelay(Connection)
    assert issubclass(cls, Connection) and cls is not Connection
    handler = Handler()
    assert cls(handler).connect() == "future"  # what the base returns goes back to the server
    assert handler.calls == [("set_nodelay", True), ("connect",)]
    plain = Handler()
    Connection(plain).connect()
    assert plain.calls == [("connect",)]  # the configured class itself is left as it was


def test_a_closed_socket_is_left_alone_and_wrapping_twice_changes_nothing():
    cls = lab_server.with_nodelay(Connection)
    handler = Handler(open_=False)
    cls(handler).connect()
    assert handler.calls == [("connect",)]
    assert lab_server.with_nodelay(cls) is cls


def test_set_nodelay_reaches_the_socket():
    """What the wrapped connection asks of tornado is what removes the wait: TCP_NODELAY on the socket."""
    tornado_iostream = pytest.importorskip("tornado.iostream")
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        served, _ = listener.accept()
    try:
        assert served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0  # the default: Nagle on
        tornado_iostream.IOStream(served).set_nodelay(True)
        assert served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        client.close()
        served.close()


class App:
    def __init__(self, configured):
        self.web_app = type("WebApp", (), {"settings": {"kernel_websocket_connection_class": configured}})()
        self.log = logging.getLogger("test-serverapp")


def test_loading_the_extension_wraps_the_configured_class(caplog, monkeypatch):
    monkeypatch.delenv("NNLESSON_NODELAY", raising=False)
    app = App(Connection)
    with caplog.at_level(logging.INFO, logger="test-serverapp"):
        lab_server._load_jupyter_server_extension(app)
    wrapped = app.web_app.settings["kernel_websocket_connection_class"]
    assert issubclass(wrapped, Connection) and wrapped is not Connection
    assert "without Nagle" in caplog.text


def test_nnlesson_nodelay_0_turns_it_off(caplog, monkeypatch):
    monkeypatch.setenv("NNLESSON_NODELAY", "0")
    app = App(Connection)
    with caplog.at_level(logging.INFO, logger="test-serverapp"):
        lab_server._load_jupyter_server_extension(app)
    assert app.web_app.settings["kernel_websocket_connection_class"] is Connection
    assert "NNLESSON_NODELAY=0" in caplog.text


def test_the_real_connection_class_can_be_wrapped():
    channels = pytest.importorskip("jupyter_server.services.kernels.connection.channels")
    cls = lab_server.with_nodelay(channels.ZMQChannelsWebsocketConnection)
    assert issubclass(cls, channels.ZMQChannelsWebsocketConnection)
    assert callable(cls.connect) and cls.connect is not channels.ZMQChannelsWebsocketConnection.connect


def test_enable_writes_the_file_the_wheel_ships(tmp_path):
    path = lab_server.enable(tmp_path)
    assert path == tmp_path / "etc" / "jupyter" / "jupyter_server_config.d" / "nnlesson.json"
    assert json.loads(path.read_text()) == json.loads(SHIPPED.read_text()) == lab_server.CONFIG
    mtime = path.stat().st_mtime_ns
    lab_server.enable(tmp_path)
    assert path.stat().st_mtime_ns == mtime  # writing it again changes nothing


def test_the_wheel_installs_the_shipped_file():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data_files = config["tool"]["setuptools"]["data-files"]
    assert data_files["etc/jupyter/jupyter_server_config.d"] == [str(SHIPPED.relative_to(ROOT))]


def test_the_command_line_says_how_to_use_it():
    proc = subprocess.run([sys.executable, "-m", "nnlesson.lab_server"], capture_output=True, text=True)
    assert proc.returncode == 2 and "python -m nnlesson.lab_server enable" in proc.stderr


def test_make_and_binder_enable_it():
    assert "-m nnlesson.lab_server enable" in (ROOT / "Makefile").read_text()
    post_build = ROOT / "binder" / "postBuild"
    assert "python -m nnlesson.lab_server enable" in post_build.read_text()
    assert post_build.stat().st_mode & 0o111, "binder/postBuild must be executable (Binder runs it as a program)"


def test_importing_nnlesson_does_not_import_the_server_extension():
    code = "import sys, nnlesson; print('nnlesson.lab_server' in sys.modules, 'jupyter_server' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
