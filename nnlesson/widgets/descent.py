"""Widget for the gradient-descent notebook (04): one step size on the parabola
f(x) = x² and on a 2-D bowl, with both paths and the loss per step.

The figure, the parabola curve and the bowl's contours are drawn once; a change
of a slider only moves the paths (``set_data``) and rewrites the readout under
the panels (HTML: its numbers cost nothing to draw, where figure text is most of
a redraw's time).
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from .._i18n import _, _f, figure_text
from ..descent import gradient_descent
from ..landscapes import Bowl, Parabola
from ..plots._look import COLORS, contour, figure
from ._live import Controls, LiveFigure, int_slider, log_slider, slider

__all__ = ["descent_explorer"]  # LATENCY_CASES stays module-level: every widgets module has one

_FLOOR, _CEIL = 1e-12, 1e3  # the loss panel's range; values outside are drawn at its edge
_PANEL_PX = 216  # one panel's width in the picture (2.7 inches at 80 dpi): the readout's columns sit under them


def descent_explorer(lr=0.1, steps=15, x0=-2.0, y0=2.0, lam=2.0, bowl=(0.5, 2.0, 30.0),
                     show=("lr", "steps", "x0")):
    """Gradient descent x ← x − η·∇f(x) with the same step size η = ``lr`` on the parabola λ/2 x² (λ = ``lam``,
    default f = x²) and on ``Bowl(*bowl)``; the parabola starts at ``x0``, the bowl at (x0, y0).

    Controls: ``lr`` (the step size η), ``steps``, ``x0`` (start).  ``show`` lists the visible ones;
    hidden controls keep their preset value.  Returns a :class:`LiveFigure`.
    """
    parabola = Parabola(lam)
    b = Bowl(*bowl)
    controls = Controls(
        show,
        lr=log_slider(_("step size η"), lr, 0.01, 1.2),
        steps=int_slider(_("steps"), steps, 1, 40),
        x0=slider(_("start x₀"), x0, -2.9, 2.9, 0.1),
    )
    fig, (ax_p, ax_b, ax_l) = figure(ncols=3, width=2.7, height=3.0, pyplot=False)
    xs = np.linspace(-3, 3, 121)
    ax_p.plot(xs, parabola.f(xs), color=COLORS["black"], linewidth=1.2)
    p_line, = ax_p.plot([], [], "-o", color=COLORS["orange"], markersize=3, linewidth=1)
    p_start, = ax_p.plot([], [], "o", markerfacecolor="white", markeredgecolor=COLORS["orange"], markersize=8)
    ax_p.set_xlim(-3, 3)
    ax_p.set_ylim(-0.5, float(parabola.f(3.0)) + 0.5)
    ax_p.set_xlabel("x")
    ax_p.set_ylabel("f(x)")
    contour(ax_b, b, levels=10, n=61)
    ax_b.set_xlabel("x₁")  # unicode rather than mathtext: cheaper to redraw
    ax_b.set_ylabel("x₂")
    b_line, = ax_b.plot([], [], "-o", color=COLORS["orange"], markersize=3, linewidth=1)
    b_start, = ax_b.plot([], [], "o", markerfacecolor="white", markeredgecolor=COLORS["orange"], markersize=8)
    # the minimum again, as a moving artist drawn after the path, so the path never covers it (the star that
    # contour() draws belongs to the kept background, under everything that moves)
    (mx, my), = b.minima
    b_star, = ax_b.plot([mx], [my], "*", color=COLORS["red"], markersize=15, markeredgecolor="white",
                        markeredgewidth=1.2, zorder=10)
    l_p, = ax_l.plot([], [], "-o", color=COLORS["blue"], markersize=3, label=figure_text("parabola"))
    l_b, = ax_l.plot([], [], "-s", color=COLORS["green"], markersize=3, label=figure_text("bowl"))
    ax_l.set_yscale("log")
    ax_l.set_ylim(_FLOOR, _CEIL)
    ax_l.yaxis.set_major_locator(FixedLocator([1e-12, 1e-8, 1e-4, 1e0]))
    ax_l.yaxis.set_minor_locator(NullLocator())
    ax_l.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0e}"))  # plain text: no mathtext per redraw
    ax_l.set_xlabel(figure_text("step t"))
    ax_l.set_ylabel("f(xₜ)")
    # above the panel: no loss line can cross it (they run along the top or the bottom edge)
    ax_l.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, borderaxespad=0.2)

    def update(lr, steps, x0):
        with np.errstate(over="ignore", invalid="ignore"):
            p = gradient_descent(parabola.grad, x0, lr, steps)
            q = gradient_descent(b.grad, np.array([x0, y0]), lr, steps)
            fp, fb = parabola.f(p), b.f(q)
        p_line.set_data(p, fp)
        p_start.set_data([p[0]], [fp[0]])
        b_line.set_data(q[:, 0], q[:, 1])
        b_start.set_data([q[0, 0]], [q[0, 1]])
        t = np.arange(steps + 1)
        l_p.set_data(t, np.clip(np.nan_to_num(fp, nan=_CEIL, posinf=_CEIL), _FLOOR, _CEIL))
        l_b.set_data(t, np.clip(np.nan_to_num(fb, nan=_CEIL, posinf=_CEIL), _FLOOR, _CEIL))
        # the step axis grows in round steps, so that most moves of the steps slider redraw no axis text
        ax_l.set_xlim(-0.5, next(n for n in (5, 10, 20, 30, 40) if n >= steps) + 0.5)
        texts = (_f("parabola, η = {lr:.3g}\nf = {f} after {steps} steps", lr=lr, f=_fmt(fp[-1]), steps=steps),
                 _f("bowl (η must stay below {limit:.3g})\nf = {f} after {steps} steps",
                    limit=b.lr_threshold, f=_fmt(fb[-1]), steps=steps))
        readout.value = ('<div style="display:flex; font-size: 90%; line-height: 1.3">' + "".join(
            f'<div style="width: {_PANEL_PX}px; text-align: center">{html.escape(t).replace(chr(10), "<br>")}</div>'
            for t in texts) + "</div>")

    # Only the paths and the loss lines change: they are drawn over a kept background, in this order, so the
    # star comes after the bowl's path.  The legend sits above the panel, where no line crosses it, and the
    # panels' names are fixed: they stay in the background.  The numbers go to the HTML readout.
    ax_p.set_title(figure_text("parabola"), fontsize=10)
    ax_b.set_title(figure_text("bowl"), fontsize=10)
    readout = W.HTML()
    dynamic = [p_line, p_start, b_line, b_start, b_star, l_p, l_b]
    return LiveFigure(fig, controls, update, dynamic=dynamic, extra=readout)


def _fmt(v):
    v = float(v)
    return f"{v:.2g}" if np.isfinite(v) and v < 1e6 else _("blown up")


LATENCY_CASES = [
    ("descent_explorer", descent_explorer,
     [{"lr": v} for v in (0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95, 1.05, 1.15)]
     + [{"steps": s} for s in (5, 25, 40)] + [{"x0": v} for v in (-2.5, 1.0, 2.8)]),
]
