"""Widget for the backprop notebook: step through the backward pass of the
2-2-2 example of article 001 one quantity at a time."""

from __future__ import annotations

import textwrap

from ..exercises.backprop import bp_backward_steps
from ..plots._look import figure
from ..plots.backprop import bp_highlight, bp_network_artists, subscripts
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
                        step=int_slider("step", step, 0, n_steps - 1),
                        t1=slider("target t1", t1, 0.0, 1.0, 0.01))
    fig, (ax, txt) = figure(ncols=2, width=4.0, height=3.2, pyplot=False)
    art = bp_network_artists(ax)
    txt.axis("off")
    txt.set_xlim(0, 1)
    txt.set_ylim(0, 1)
    head = txt.text(0.0, 0.95, "", fontsize=12, fontweight="bold", va="top")
    formula = txt.text(0.0, 0.72, "", fontsize=10, va="top")
    value = txt.text(0.0, 0.45, "", fontsize=12, va="top", color="#D55E00")
    why = txt.text(0.0, 0.28, "", fontsize=10, va="top", style="italic")
    cache = {}

    def update(step, t1):
        key = round(float(t1), 6)
        if key not in cache:
            cache[key] = bp_backward_steps(t1=key)
        steps = cache[key]
        k = int(step)
        s = steps[k]
        bp_highlight(art, steps, k)
        head.set_text(subscripts(f"step {k}/{len(steps) - 1}:  {s['quantity']}"))
        formula.set_text(subscripts(_wrap(s["formula"], 44)))
        value.set_text(f"= {s['value']:.9f}")
        why.set_text(subscripts(_wrap(s["why"], 46)))

    return LiveFigure(fig, controls, update)  # lays the figure out once, at the first render


def _wrap(text, width):
    """Break a formula or sentence into lines of at most ``width`` characters, at spaces only."""
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


#: (label, factory, changes) for benchmarks/widget_latency.py
LATENCY_CASES = [
    ("backprop stepper: step", bp_backward_stepper, [{"step": k} for k in (1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 17,
                                                                            19, 20, 0)]),
    ("backprop stepper: target", lambda: bp_backward_stepper(step=4, show=("step", "t1")),
     [{"t1": v} for v in (0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.5, 0.01)] + [{"step": 9}, {"t1": 0.8}]),
]
