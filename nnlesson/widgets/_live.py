"""What every widget in the series shares: controls an instructor can preset and
hide, and a figure that is built once and then only updated.

A widget function in a topic module follows this pattern::

    def step_size_explorer(lr=0.1, x0=2.5, steps=20, show=("lr", "x0", "steps")):
        controls = Controls(show,
            lr=log_slider("step size η", lr, 1e-3, 3.0),
            x0=slider("start x₀", x0, -3, 3, 0.1),
            steps=int_slider("steps", steps, 1, 100))
        fig, ax = figure(pyplot=False)          # from nnlesson.plots
        line, = ax.plot([], [])                  # artists made once
        def update(lr, x0, steps):
            line.set_data(...)                   # then only updated
        return LiveFigure(fig, controls, update)

``show`` lists the controls that are visible; the others keep their preset
value but are hidden, so a lecture can fix everything but the one knob it is
about.  Redrawing renders the kept figure to PNG and puts the bytes into an
``Image`` widget (no ``%matplotlib`` magic needed; it works in JupyterLab, Voila,
live slides and, from the stored widget state, in exported HTML and decks).

A redraw of a whole figure costs most of its time in text (tick labels, titles).
A widget whose update changes only some artists passes them as ``dynamic=``:
the rest of the figure is drawn once into a kept background image, and each
redraw pastes that image back and draws only the dynamic artists on top
(blitting).  The background is redrawn when an axes' limits change (or ``key()``,
for what limits do not show).  It is kept as one transparent layer per axes over
the figure's face, so a change of one panel's limits redraws that panel alone
and lays the others' kept layers around it; and the last few backgrounds and
layers are kept by key, so moving a slider back over a change of limits reuses
the ones drawn before.  Static artists that lie over the dynamic ones (names on
a diagram's lines) are passed as ``foreground=``: drawn once into a transparent
layer laid over each redraw.
"""

from __future__ import annotations

import struct
import threading
import time
import traceback
import zlib
from collections import OrderedDict, deque

import ipywidgets as W
import numpy as np
from IPython.display import display
from matplotlib.backends.backend_agg import FigureCanvasAgg

__all__ = ["Controls", "LiveFigure", "int_slider", "log_slider", "slider", "dropdown", "png_rgb"]

#: Kernel-side time of each redraw (update + render + hand-over), in ms, newest last: what
#: benchmarks/browser_latency.py sets beside the time a person sees, from key press to picture.
RENDER_MS = deque(maxlen=10_000)
#: How many drawn backgrounds (one per set of axis limits, or per ``key``) a blitting widget keeps.
BACKGROUNDS_KEPT = 8

#: For each of those redraws, whether its picture differed from the one shown before (an identical picture is
#: not sent, so the page shows nothing new: the benchmark tells that from a lost redraw).
PICTURE_CHANGED = deque(maxlen=10_000)


class _Kept(OrderedDict):
    """The last ``BACKGROUNDS_KEPT`` values by key, the most recently used last; an unhashable key keeps none."""

    def find(self, key):
        try:
            value = self.get(key)
        except TypeError:
            return None
        if value is not None:
            self.move_to_end(key)
        return value

    def keep(self, key, value):
        try:
            self[key] = value
        except TypeError:
            return
        self.move_to_end(key)
        while len(self) > BACKGROUNDS_KEPT:
            self.popitem(last=False)


def png_rgb(rgba, width, height):
    """An RGB PNG of an RGBA pixel buffer (``height`` rows of ``width`` pixels), encoded for speed.

    The figure is opaque (white face), so the alpha channel is dropped. Every row is stored unfiltered and
    the whole is deflated at zlib level 1: a redraw pays about 2 ms here against about 4 ms for Pillow's
    encoder at its fastest setting, for a file of about the same size (plots are mostly flat colour, which
    deflate compresses well without PNG's row filters).
    """
    rgba = np.asarray(rgba, dtype=np.uint8).reshape(height, width, 4)
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 0 (none) for every row
    rows[:, 1:].reshape(height, width, 3)[...] = rgba[:, :, :3]  # one copy, straight into the rows (a view)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.data, 1))
            + chunk(b"IEND", b""))


def slider(description, value, lo, hi, step, continuous=True, fmt=".2f"):
    """A float slider; ``continuous=False`` only reports when the mouse is released."""
    return W.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                         continuous_update=continuous, readout_format=fmt, style={"description_width": "initial"},
                         layout=W.Layout(width="420px"))


def log_slider(description, value, lo, hi, continuous=True, fmt=".3g"):
    """A slider on a log scale from lo to hi (for step sizes, weight scales)."""
    import math

    return W.FloatLogSlider(value=value, base=10, min=math.log10(lo), max=math.log10(hi), step=0.02,
                            description=description, continuous_update=continuous, readout_format=fmt,
                            style={"description_width": "initial"}, layout=W.Layout(width="420px"))


def int_slider(description, value, lo, hi, step=1, continuous=True):
    return W.IntSlider(value=value, min=lo, max=hi, step=step, description=description,
                       continuous_update=continuous, style={"description_width": "initial"},
                       layout=W.Layout(width="420px"))


def dropdown(description, value, options):
    return W.Dropdown(value=value, options=options, description=description, style={"description_width": "initial"})


class Controls:
    """Named controls; those not in ``show`` are hidden but keep their value."""

    def __init__(self, show, **controls):
        unknown = set(show) - set(controls)
        if unknown:
            raise ValueError(f"show names unknown controls {sorted(unknown)}; choose from {sorted(controls)}")
        self.widgets = controls
        for name, w in controls.items():
            if name not in show:
                w.layout.display = "none"

    def values(self):
        return {name: w.value for name, w in self.widgets.items()}

    def box(self):
        return W.VBox(list(self.widgets.values()))


class LiveFigure:
    """A kept figure, its controls and an ``update(**values)`` that changes artists.

    ``LiveFigure`` displays as the controls above the figure.  ``redraw()``
    calls update with the current values and renders; ``set(**values)``
    changes controls programmatically (what the latency benchmark does).
    """

    def __init__(self, fig, controls, update, extra=None, dynamic=None, key=None, beside=None, foreground=None):
        """``dynamic``: the artists ``update`` changes (a list, or a callable returning the current list
        when the widget replaces artists); with it, redraws blit over a kept background.  ``key``: a
        callable whose value changes when the background must be redrawn besides the axes' limits (which always
        count): a dict ``{axes: value}`` redraws only the axes whose value changed, anything else redraws all.
        ``foreground``: artists that never change and lie over the dynamic ones (labels on a diagram's
        lines): drawn once into a transparent layer that each redraw lays over the dynamic artists, instead of
        drawing their text again every time.
        ``extra``: a widget shown under the figure; ``beside``: one shown to its right (e.g. an HTML readout
        that ``update`` fills: text in HTML costs nothing to draw, text in the figure is most of a redraw)."""
        self.fig = fig
        self.controls = controls
        self.update = update
        # The picture is an Image widget whose value is replaced: the PNG travels as one binary message and
        # the page swaps the <img> source, with no output area to clear and rebuild.
        self.image = W.Image(format="png", layout=W.Layout(width="auto", height="auto"))
        self.extra = extra  # an optional widget shown under the figure (e.g. a text readout)
        self.beside = beside  # an optional widget shown to the figure's right
        self._dynamic = dynamic
        self._key = key
        self._foreground = list(foreground or [])
        if self._foreground and dynamic is None:
            raise ValueError("foreground= needs dynamic= (the artists drawn under the foreground)")
        self._layer = None  # the foreground layer (see _sparse_layer)
        self._background = self._bg_key = None  # the kept background: RGBA pixels, and the key they were drawn for
        # Backgrounds already drawn, by key (most recent last): a slider moved back over a change of axis
        # limits finds the earlier background here instead of paying for a full draw (text) again.
        self._backgrounds = _Kept()
        # The background's parts: the figure's face (and any figure-level text), and one transparent layer per
        # axes, kept by that axes' own key; a new background redraws only the axes whose key changed.
        self._face = self._top = None
        self._axes_layers = None
        self._canvas = FigureCanvasAgg(fig)
        # Redraws after the first run on a worker thread that always draws the newest values: changes that
        # arrive while a picture is being drawn are merged into the next one, so a dragged slider shows the
        # latest position as soon as the kernel can draw it, instead of working through a backlog.
        self._cv = threading.Condition()
        self._wanted = self._drawn = 0
        self._worker = None
        for w in controls.widgets.values():
            w.observe(self._changed, names="value")
        self.redraw()
        picture = self.image if beside is None else W.HBox([self.image, beside])
        children = [controls.box(), picture] + ([extra] if extra is not None else [])
        self.widget = W.VBox(children)

    def _changed(self, change):
        with self._cv:
            self._wanted += 1
            self._cv.notify()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._draw_latest, name="nnlesson-redraw", daemon=True)
                self._worker.start()

    def _draw_latest(self, idle_seconds=30.0):
        """Worker: redraw whenever the controls have changed since the last picture; stop when idle."""
        while True:
            with self._cv:
                if not self._cv.wait_for(lambda: self._drawn != self._wanted, timeout=idle_seconds):
                    self._worker = None
                    return
                target = self._wanted
            try:
                self.redraw()
            except Exception:  # noqa: BLE001 -- shown in the kernel's log, the widget keeps working
                traceback.print_exc()
            with self._cv:
                self._drawn = target
                self._cv.notify_all()

    def wait(self, timeout=30.0):
        """Block until the picture shows the controls' current values (True), or ``timeout`` seconds pass."""
        with self._cv:
            return self._cv.wait_for(lambda: self._drawn == self._wanted, timeout=timeout)

    def render(self):
        """Draw the figure and return its PNG bytes.

        The first render lays the figure out (constrained layout); later renders keep that layout, since
        only the artists' data change, which saves a second draw per redraw.  The PNG is encoded for speed
        (:func:`png_rgb`): the image travels over a local socket, where compressing harder costs more time
        than the bytes it saves.
        """
        if self._dynamic is not None:
            return self._blit()
        self._draw_all()
        return self._png()

    def _draw_all(self):
        self._canvas.draw()  # the first draw also runs the layout engine, which is then dropped
        if self.fig.get_layout_engine() is not None:
            self.fig.set_layout_engine(None)

    def _dynamic_artists(self):
        artists = self._dynamic() if callable(self._dynamic) else self._dynamic
        for artist in [*artists, *self._foreground]:
            artist.set_animated(True)  # left out of a full draw, so not baked into the background
        return artists

    def _foreground_layer(self):
        """Draw the foreground artists alone on a transparent canvas; keep the pixels they cover."""
        renderer = self._canvas.get_renderer()
        renderer.clear()  # every pixel transparent
        for artist in self._foreground:
            self.fig.draw_artist(artist)
        return self._sparse_layer()

    def _sparse_layer(self):
        """The canvas, drawn on transparent pixels, as a layer: the opaque pixels (flat indices, RGB) and the
        partly covered ones (flat indices, RGB and alpha as uint16, ready for blending)."""
        rgba = np.asarray(self._canvas.buffer_rgba()).reshape(-1, 4)
        alpha = rgba[:, 3]
        opaque = np.flatnonzero(alpha == 255).astype(np.int32)  # half the memory of the default int64
        partial = np.flatnonzero((alpha > 0) & (alpha < 255)).astype(np.int32)
        return (opaque, rgba[opaque, :3].copy(), partial, rgba[partial, :3].astype(np.uint16),
                rgba[partial, 3:].astype(np.uint16))

    @staticmethod
    def _lay(pixels, layer):
        """Composite a layer over ``pixels`` (flat RGBA): "over", colour × alpha + below × (1 − alpha)."""
        opaque, rgb, partial, prgb, alpha = layer
        pixels[opaque, :3] = rgb
        below = pixels[partial, :3].astype(np.uint16)
        pixels[partial, :3] = ((prgb * alpha + below * (255 - alpha) + 127) // 255).astype(np.uint8)

    def _lay_foreground(self):
        self._lay(np.asarray(self._canvas.buffer_rgba()).reshape(-1, 4), self._layer)

    def _background_key(self):
        """One entry per axes: its limits, and its part of ``key()`` (all of it, unless a dict by axes)."""
        extra = self._key() if self._key is not None else None
        return tuple((tuple(ax.get_xlim()), tuple(ax.get_ylim()),
                      extra.get(ax) if isinstance(extra, dict) else extra) for ax in self.fig.axes)

    def _blit(self):
        canvas, artists = self._canvas, self._dynamic_artists()
        key = self._background_key()
        if self._background is None or key != self._bg_key:
            kept = self._backgrounds.find(key)
            if kept is not None:
                (self._background, self._layer), self._bg_key = kept, key
            else:
                if self._axes_layers is None:
                    self._draw_all()  # the first picture: a plain full draw, which also lays the figure out
                    self._background = np.array(canvas.buffer_rgba())
                    key = self._background_key()
                    self._draw_layers(key)  # the parts, so that a later change redraws only what changed
                else:
                    self._background = self._compose(key)
                self._bg_key = key
                if self._foreground:
                    self._layer = self._foreground_layer()
                self._backgrounds.keep(key, (self._background, self._layer))
        np.asarray(canvas.buffer_rgba())[...] = self._background
        for artist in artists:
            self.fig.draw_artist(artist)
        if self._foreground:
            self._lay_foreground()
        return self._png()

    def _draw_layers(self, key):
        """Draw the figure's face, its figure-level artists and every axes apart, each on transparent pixels."""
        renderer = self._canvas.get_renderer()
        fig = self.fig
        renderer.clear()
        fig.patch.draw(renderer)
        self._face = np.array(self._canvas.buffer_rgba())
        others = [a for a in fig.get_children() if a is not fig.patch and a not in fig.axes and a.get_visible()
                  and not a.get_animated()]
        self._top = None
        if others:
            renderer.clear()
            for artist in sorted(others, key=lambda a: a.get_zorder()):
                artist.draw(renderer)
            self._top = self._sparse_layer()
        self._axes_layers = [_Kept() for _ax in fig.axes]
        for i in range(len(fig.axes)):
            self._axes_layer(i, key[i])

    def _axes_layer(self, i, subkey):
        """Axes ``i``'s layer for ``subkey``: kept, or drawn alone now (its text included) and kept."""
        layer = self._axes_layers[i].find(subkey)
        if layer is None:
            renderer = self._canvas.get_renderer()
            ax = self.fig.axes[i]
            renderer.clear()
            locator = ax.get_axes_locator()
            ax.apply_aspect(locator(ax, renderer) if locator else None)  # as a full draw does first
            ax.draw(renderer)
            layer = self._sparse_layer()
            self._axes_layers[i].keep(subkey, layer)
        return layer

    def _compose(self, key):
        """A background from its parts: the face, then each axes' layer in drawing order, then the figure's text."""
        pixels = self._face.copy()
        flat = pixels.reshape(-1, 4)
        order = sorted(range(len(self.fig.axes)), key=lambda i: self.fig.axes[i].get_zorder())  # stable
        for i in order:
            self._lay(flat, self._axes_layer(i, key[i]))
        if self._top is not None:
            self._lay(flat, self._top)
        return pixels

    def _png(self):
        """The canvas as PNG bytes (see :func:`png_rgb`)."""
        canvas = self._canvas
        w, h = canvas.get_width_height()
        return png_rgb(canvas.buffer_rgba(), w, h)

    def redraw(self):
        t0 = time.perf_counter()
        self.update(**self.controls.values())
        png = self.render()
        changed = png != self.image.value
        self.image.value = png
        RENDER_MS.append((time.perf_counter() - t0) * 1e3)
        PICTURE_CHANGED.append(changed)

    def set(self, **values):
        """Move controls as a user would, then wait until the picture shows the new values."""
        for name, v in values.items():
            self.controls.widgets[name].value = v
        self.wait()

    def _ipython_display_(self):
        display(self.widget)
