r"""The activation explorer of notebook 01: one neuron with two inputs.

``neuron_explorer`` shows, for a chosen activation f, weights w1, w2 and bias b,

* left: the output a = f(w1 x1 + w2 x2 + b) over the plane of inputs, with the
  line z = 0 dashed, the corners of {0, 1}² and a probe input (x1, x2);
* right: the curve a = f(z) and its slope f'(z) over the weighted sums that the
  plane produces, with the probe's z, its output and the tangent of slope f'(z).

Presets: ``neuron_explorer(preset="AND")`` starts from :data:`NEURON_PRESETS`;
any keyword overrides it; ``show=("b",)`` leaves only the bias slider visible.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
from matplotlib.ticker import MaxNLocator

from .. import _i18n, activations
from .._i18n import N_, _, _f, figure_text
from ..plots._look import COLORS, figure
from ..plots.neurons import NEURON_PRESETS, draw_neuron_surface, neuron_surface, output_range, zero_line
from ._live import Controls, LiveFigure, dropdown, slider

__all__ = ["neuron_explorer"]  # LATENCY_CASES is read from the module by the benchmark

_ALL = ("activation", "w1", "w2", "b", "x1", "x2")

#: How an activation's name is shown in the dropdown and the readout (the value stays the name).
ACTIVATION_LABELS = {"sigmoid": N_("sigmoid"), "tanh": N_("tanh"), "relu": N_("relu"), "identity": N_("identity")}


def _label(name):
    return _i18n.gettext(ACTIVATION_LABELS[name]) if name in ACTIVATION_LABELS else name


def _activation_options():
    """The dropdown's options: (label, name) pairs where a label differs from its name, else the names."""
    pairs = [(_label(name), name) for name in activations.HIDDEN]
    return pairs if any(label != name for label, name in pairs) else list(activations.HIDDEN)


def neuron_explorer(activation=None, w1=None, w2=None, b=None, x1=1.0, x2=0.0, preset=None, show=_ALL):
    """Activation explorer: a single 2-input neuron a = f(w1 x1 + w2 x2 + b).

    Parameters
    ----------
    activation : "sigmoid", "tanh", "relu" or "identity" (default: the preset's, else "sigmoid")
    w1, w2, b : starting weights and bias (default: the "gentle" preset 1, 1, 0)
    x1, x2 : the probe input marked on both panels
    preset : a name of :data:`NEURON_PRESETS` ("gentle", "AND", "OR", "tanh", "ReLU");
        explicit keywords override it
    show : names of the visible controls, from ("activation", "w1", "w2", "b", "x1", "x2")

    Returns a :class:`LiveFigure` (display it as the last line of a cell).
    """
    start = dict(NEURON_PRESETS["gentle"])
    if preset is not None:
        if preset not in NEURON_PRESETS:
            raise ValueError(f"preset must be one of {sorted(NEURON_PRESETS)}, got {preset!r}")
        start.update(NEURON_PRESETS[preset])
    if activation is not None:
        start["activation"] = activation
    for name, value in (("w1", w1), ("w2", w2), ("b", b)):
        if value is not None:
            start[name] = float(value)
    activations.check_name(start["activation"], allowed=activations.HIDDEN)

    controls = Controls(
        show,
        activation=dropdown(_("activation"), start["activation"], _activation_options()),
        w1=slider(_("weight w1"), start["w1"], -8.0, 8.0, 0.1),
        w2=slider(_("weight w2"), start["w2"], -8.0, 8.0, 0.1),
        b=slider(_("bias b"), start["b"], -12.0, 12.0, 0.1),
        x1=slider(_("probe input x1"), x1, -1.0, 2.0, 0.05),
        x2=slider(_("probe input x2"), x2, -1.0, 2.0, 0.05),
    )

    fig, (ax_plane, ax_curve) = figure(ncols=2, width=4.0, height=3.2, pyplot=False)
    fig.get_layout_engine().set(wspace=0.12)  # room between the colour bar's label and the right panel's
    im, zline = draw_neuron_surface(ax_plane, start["activation"], start["w1"], start["w2"], start["b"], n=41)
    probe = ax_plane.plot([x1], [x2], "o", color=COLORS["red"], markeredgecolor="white", markersize=8)[0]
    ax_plane.set_title(figure_text("output over the inputs"), fontsize=10)

    curve = ax_curve.plot([], [], color=COLORS["blue"], label="f(z)")[0]
    slope_curve = ax_curve.plot([], [], "--", color=COLORS["orange"], label=figure_text("slope f'(z)"))[0]
    tangent = ax_curve.plot([], [], color=COLORS["red"], linewidth=1.2)[0]
    dot = ax_curve.plot([], [], "o", color=COLORS["red"], markersize=7)[0]
    ax_curve.set_xlabel(figure_text("weighted sum z = w1 x1 + w2 x2 + b"))
    ax_curve.set_ylabel(figure_text("output a, slope"))
    # Above the panel, clear of the curves: then the legend is drawn once with the background. The probe's
    # numbers are in the readout under the figure (HTML costs nothing to redraw; figure text is most of it).
    ax_curve.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=2, borderaxespad=0.0)
    readout = W.HTML()
    # fewer tick labels: text is most of a redraw's cost
    ax_plane.set_xticks([-1, 0, 1, 2])
    ax_plane.set_yticks([-1, 0, 1, 2])
    ax_curve.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    ax_curve.yaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    im.colorbar.locator = MaxNLocator(3, steps=[1, 2, 5, 10])

    limits = {"z": None, "a": None}  # the right panel's current limits, kept while the data still fit them well

    def update(activation, w1, w2, b, x1, x2):
        _xs, Z, A = neuron_surface(activation, w1, w2, b, n=41)
        im.set_data(A)
        im.set_clim(*output_range(activation, A))
        zline.set_data(*zero_line(w1, w2, b))
        probe.set_data([x1], [x2])
        zlo, zhi = limits["z"] = _steady_range(limits["z"], float(Z.min()), float(Z.max()))
        z = np.linspace(zlo, zhi, 200)
        a, s = activations.forward(activation, z), activations.slope(activation, z)
        curve.set_data(z, a)
        slope_curve.set_data(z, s)
        z0 = w1 * x1 + w2 * x2 + b
        a0 = float(activations.forward(activation, z0))
        s0 = float(activations.slope(activation, z0))
        half = 0.15 * (zhi - zlo)
        tz = np.array([z0 - half, z0 + half])
        tangent.set_data(tz, a0 + s0 * (tz - z0))
        dot.set_data([z0], [a0])
        lo, hi = limits["a"] = _steady_range(limits["a"], min(float(a.min()), 0.0), max(float(a.max()), 1.0))
        pad = 0.08 * (hi - lo)
        ax_curve.set_xlim(zlo, zhi)
        ax_curve.set_ylim(lo - pad, hi + pad)
        text = _f("{activation}: w1 = {w1:.2f}, w2 = {w2:.2f}, b = {b:.2f}; probe: z = {z:.2f}, a = {a:.3f}, "
                  "slope = {slope:.3f}", activation=_label(activation), w1=w1, w2=w2, b=b, z=z0, a=a0, slope=s0)
        readout.value = f"<code>{text}</code>"

    # The image and the lines are drawn over a kept background; the background (axes, ticks, colour bar,
    # legend) is redrawn only where the colour scale or the right panel's limits change, and those limits
    # move in round steps, so most slider moves redraw no text at all.
    # What lies over the image in a full draw (corner markers, the frame) is drawn again over it.
    dynamic = [im, *ax_plane.collections, *ax_plane.spines.values(), zline, probe,
               curve, slope_curve, tangent, dot]
    # (The colour bar's limits follow the colour scale, so the axes' limits are the whole key: a change of the
    # right panel's limits redraws that panel alone, one of the colour scale the colour bar alone.)
    return LiveFigure(fig, controls, update, extra=readout, dynamic=dynamic)


def _nice_range(lo, hi):
    """[lo, hi] widened to multiples of a round step (1, 2 or 5 times a power of ten, about a quarter of the
    span): the axis keeps its limits while a slider moves a little."""
    if hi - lo < 1e-6:
        lo, hi = lo - 1.0, hi + 1.0
    raw = (hi - lo) / 4
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step)


def _steady_range(current, lo, hi):
    """The axis limits to show [lo, hi]: ``current`` while it holds them and they fill at least half of it, else
    a new :func:`_nice_range`.  A slider moved back and forth then keeps the axis (and its text) as it is, so
    the redraw only paints the lines; the first view of given values is the same as without this memory."""
    if current is not None and current[0] <= lo and hi <= current[1] and hi - lo >= 0.5 * (current[1] - current[0]):
        return current
    return _nice_range(lo, hi)


def _factory():
    return neuron_explorer()


#: (label, factory, changes) for benchmarks/widget_latency.py
LATENCY_CASES = [
    ("neuron_explorer", _factory, [
        {"w1": 2.0}, {"w1": 4.0}, {"w1": 8.0}, {"w2": -3.0}, {"w2": 6.0}, {"b": -9.0}, {"b": 3.0},
        {"activation": "tanh"}, {"w1": -2.0}, {"activation": "relu"}, {"b": -1.0}, {"x1": 0.0},
        {"x2": 1.5}, {"activation": "identity"}, {"activation": "sigmoid"}, {"w1": 6.0, "w2": 6.0, "b": -9.0},
    ]),
]
