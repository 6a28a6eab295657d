"""A Jupyter server extension that sends the kernel's messages to the page without waiting.

A widget's picture reaches the page as a message on the kernel's websocket. The Jupyter server leaves
Nagle's algorithm on for that socket, so a small message written while an earlier one is still
unacknowledged waits for the browser's acknowledgement, which the browser may delay by up to 40 ms (a
"delayed ACK"). Moving a slider makes exactly that pattern: the kernel answers with a few small
messages (busy, the value's echo, a readout) and then the picture. In a trace of key presses on a slider
of notebook 04 (JupyterLab and Chromium on one 2-core machine, kernel and page clocks side by side), the
picture left the server about 14 ms after the key and reached the page at about 50 ms; with the flag
``TCP_NODELAY`` set on the socket, at about 25. Over every slider of the series
(``benchmarks/browser_latency.py --nodelay on`` and ``off``, the same machine, the same hour, nothing but the
measurement attached to the browser), a one-second drag showed 17-37 pictures a second with the flag and 13-20
without, and the last picture came within 0.1 s of the release with it and up to 0.14 s without; the median
time from a key press to the picture moved less (32-50 ms without the flag, 23-53 with it, in runs whose noise
is about 10 ms).

The extension only sets that flag on each kernel websocket when it opens. It leaves everything else to
the kernel-connection class the server is configured with (it wraps that class rather than replacing
it), and it never touches other sockets or any notebook.

It is enabled by ``etc/jupyter/jupyter_server_config.d/nnlesson.json`` in the environment: installing
nnlesson from a wheel puts it there; an editable install (``pip install -e .``, as ``make`` and Binder do)
does not, so they run ``python -m nnlesson.lab_server enable``, which writes it. ``jupyter server
extension list`` shows it; ``jupyter server extension disable --sys-prefix nnlesson.lab_server`` turns it
off, and so does starting the server with the environment variable ``NNLESSON_NODELAY=0`` (what
``benchmarks/browser_latency.py --nodelay off`` does, to measure the difference).

Nothing in the rest of the package imports this module: only the Jupyter server does.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

__all__ = ["with_nodelay", "CONFIG", "enable"]

#: What enables the extension: the content of etc/jupyter/jupyter_server_config.d/nnlesson.json.
CONFIG = {"ServerApp": {"jpserver_extensions": {"nnlesson.lab_server": True}}}


def _jupyter_server_extension_points():
    return [{"module": "nnlesson.lab_server"}]


def with_nodelay(connection_class):
    """A subclass of ``connection_class`` (a kernel websocket connection) that sets ``TCP_NODELAY`` on its
    websocket as it connects. Applied twice, it returns the class it was given."""
    if getattr(connection_class, "_nnlesson_nodelay", False):
        return connection_class

    def connect(self):
        handler = getattr(self, "websocket_handler", None)
        if handler is not None and getattr(handler, "ws_connection", None) is not None:
            handler.set_nodelay(True)
        return connection_class.connect(self)

    return type(connection_class.__name__, (connection_class,),
                {"connect": connect, "_nnlesson_nodelay": True, "__module__": connection_class.__module__,
                 "__doc__": f"{connection_class.__doc__ or ''}\n\n(nnlesson: with TCP_NODELAY on the websocket.)"})


def _load_jupyter_server_extension(serverapp):
    if os.environ.get("NNLESSON_NODELAY", "1").strip() == "0":
        serverapp.log.info("nnlesson.lab_server: off (NNLESSON_NODELAY=0); kernel websockets keep Nagle's algorithm")
        return
    settings = serverapp.web_app.settings
    configured = settings.get("kernel_websocket_connection_class")
    if configured is None:
        serverapp.log.warning("nnlesson.lab_server: no kernel websocket connection class configured; left alone")
        return
    settings["kernel_websocket_connection_class"] = with_nodelay(configured)
    serverapp.log.info("nnlesson.lab_server: kernel websockets send without Nagle's delay (TCP_NODELAY); "
                       "class %s.%s", configured.__module__, configured.__qualname__)


def enable(prefix=None):
    """Write ``etc/jupyter/jupyter_server_config.d/nnlesson.json`` under ``prefix`` (default: this Python's
    environment, ``sys.prefix``) and return its path. Writing it again changes nothing."""
    folder = Path(sys.prefix if prefix is None else prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
    path = folder / "nnlesson.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(CONFIG, indent=2) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    if args != ["enable"]:
        print("usage: python -m nnlesson.lab_server enable\n"
              "  enables nnlesson's Jupyter server extension in this environment (see the module's docstring)",
              file=sys.stderr)
        return 2
    print(f"nnlesson.lab_server: enabled in {enable()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
