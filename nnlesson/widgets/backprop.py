"""Widget for the backprop notebook: step through the backward pass of the
2-2-2 example of article 001 one quantity at a time."""

from __future__ import annotations

import html

import ipywidgets as W

from .._i18n import _, _f
from ..exercises.backprop import bp_backward_steps
from ..plots._look import figure
from ..plots.backprop import _SUB, bp_highlight, bp_network_artists
from ._live import Controls, LiveFigure, int_slider, slider

__all__ = ["bp_backward_stepper"]  # LATENCY_CASES stays module-level (every widgets module has one)


def bp_backward_stepper(step=0, t1=0.01, show=("step",)):
    """Step through the backward pass of the 2-2-2 network (article 001's numbers).

    ``step``: which quantity to show (0 = the total error, then ∂E/∂o1, the
    slope, δ_o1, ∂E/∂w5 ... down to ∂E/∂w4); ``t1``: the target of o1 (0.01 in
    the article; try 0.9 to see the blame on w5, w6 change sign).  ``show``
    lists the visible controls ("step", "t1").  Returns a LiveFigure.
    """
    n_steps = len(bp_backward_steps())
    controls = Controls(show,
                        step=int_slider(_("step"), step, 0, n_steps - 1),
                        t1=slider(_("target t1"), t1, 0.0, 1.0, 0.01))
    fig, ax = figure(width=4.0, height=3.2, pyplot=False)
    art = bp_network_artists(ax)
    # The step's words and numbers go beside the picture as HTML: sharp at any size, and no text to rasterize
    # on every step (drawing text is most of the cost of a matplotlib redraw).
    readout = W.HTML(layout=W.Layout(width="380px", margin="0 0 0 12px"))
    cache = {}

    def update(step, t1):
        key = round(float(t1), 6)
        if key not in cache:
            cache[key] = bp_backward_steps(t1=key)
        steps = cache[key]
        k = int(step)
        bp_highlight(art, steps, k)
        readout.value = step_html(k, steps)

    # Only the edges' and the units' colours and widths change: they are drawn over a kept background (the
    # empty axes), and the names (w1 ... w8, i1 ... o2), which lie over them, are laid over them from a layer
    # drawn once. Drawing those 14 names was most of the cost of a step.
    dynamic = [*art["edges"].values(), *art["units"].values()]
    foreground = sorted(ax.texts, key=lambda t: t.get_zorder())  # the weights' and the units' names
    return LiveFigure(fig, controls, update, beside=readout, dynamic=dynamic, foreground=foreground)


def step_html(k, steps):
    """Step ``k`` of the backward pass as HTML: the quantity, its formula with numbers, its value, why."""
    s = steps[k]

    def esc(text):  # "out_h1" -> out<sub>h1</sub>, the HTML form of the figures' subscripts
        return _SUB.sub(lambda m: f"{m[1]}<sub>{m[2]}</sub>", html.escape(text))

    title = _f("step {k}/{last}: {quantity}", k=k, last=len(steps) - 1, quantity=esc(s["quantity"]))
    return (f'<div style="font-size:14px;line-height:1.45">'
            f'<div style="font-weight:bold;font-size:16px">{title}</div>'
            f'<div style="margin-top:8px">{esc(s["formula"])}</div>'
            f'<div style="margin-top:8px;font-size:16px;color:#D55E00">= {s["value"]:.9f}</div>'
            f'<div style="margin-top:8px;font-style:italic">{esc(s["why"])}</div></div>')


#: (label, factory, changes) for benchmarks/widget_latency.py
LATENCY_CASES = [
    ("backprop stepper: step", bp_backward_stepper, [{"step": k} for k in (1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 17,
                                                                            19, 20, 0)]),
    ("backprop stepper: target", lambda: bp_backward_stepper(step=4, show=("step", "t1")),
     [{"t1": v} for v in (0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.5, 0.01)] + [{"step": 9}, {"t1": 0.8}]),
]
