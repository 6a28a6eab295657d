"""The step-size explorer: gradient descent on an elongated bowl, live.

Left: contour of the bowl (drawn once) with the descent path; right: the loss
f(x_t) against t, and under it a small log axis of η with 1/λ_max and the
threshold 2/λ_max marked and the current η as a moving bar.  The verdict above
the loss follows the run from the chosen start: a start with no component along
the steep axis is judged by the flat axis alone.
"""

from __future__ import annotations

import html
import math

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, NullLocator

from .. import landscapes
from .._i18n import N_, _, _f, figure_text
from ..exercises.learning_rate import lr_factor, lr_momentum_rate
from ..plots._look import COLORS, contour, use_style
from ..plots.learning_rate import lr_bowl_run, lr_log_axes
from ._live import Controls, LiveFigure, int_slider, log_slider, slider

__all__ = ["LR_PRESETS", "lr_explorer"]  # LATENCY_CASES is read from this module by the benchmark

#: Named starting values for the explorer, as multiples of 1/λ_max (so they fit any bowl).
LR_PRESETS = {
    "too small": 0.1,
    "smooth": 0.5,
    "zig-zag": 1.6,
    "edge": 2.0,
    "diverge": 2.1,
}


def _components(bowl, start):
    """The start's coordinates along the bowl's flat and steep axes (its Hessian's eigenvectors)."""
    _, vecs = np.linalg.eigh(bowl.A)  # columns: flat axis, steep axis (eigenvalues ascending)
    return vecs.T @ np.asarray(start, dtype=float)


def _verdict(bowl, lr, start=(1.0, 1.0), momentum=0.0):
    """What the run from ``start`` does, in words: only the axes the start has a component on matter.

    A start with no component along the steep axis (x₂ = 0 on an unrotated bowl) stays on the flat
    axis for ever, so a step beyond 2/λ_max still converges there if it is below 2/λ_min.  With
    momentum μ > 0 each axis shrinks in the long run by the rate of :func:`lr_momentum_rate`.
    """
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    q = lr_factor(lmax, lr)
    qf = lr_factor(lmin, lr)
    flat, steep = (float(c) != 0.0 for c in _components(bowl, start))
    if not (flat or steep):
        return _("start at the minimum: nothing moves")
    if momentum:
        rates = {"flat": lr_momentum_rate(lmin, lr, momentum), "steep": lr_momentum_rate(lmax, lr, momentum)}
        active = {k: r for k, r in rates.items() if (flat if k == "flat" else steep)}
        axis, worst = max(active.items(), key=lambda kv: kv[1])
        axis = _(_AXIS_WORDS[axis])
        if math.isclose(worst, 1.0, abs_tol=1e-3):
            return _f("μ = {mu:.2f}: endless oscillation ({axis} rate {rate:.2f})",
                                 mu=momentum, axis=axis, rate=worst)
        if worst > 1:
            return _f("μ = {mu:.2f}: diverges ({axis} rate {rate:.2f} per step)",
                                 mu=momentum, axis=axis, rate=worst)
        if worst > 0.95:
            return _f("μ = {mu:.2f}: converges slowly (slowest: {axis} rate {rate:.2f} per step)",
                      mu=momentum, axis=axis, rate=worst)
        return _f("μ = {mu:.2f}: converges (slowest: {axis} rate {rate:.2f} per step)",
                  mu=momentum, axis=axis, rate=worst)
    if not steep:  # only the flat axis is excited: its own factor decides
        if math.isclose(qf, -1.0, abs_tol=1e-3):
            return _f("start on the flat axis: endless zig-zag (flat q = {qf:.2f})", qf=qf)
        if qf < -1:
            return _f("start on the flat axis: diverges (flat q = {qf:.2f})", qf=qf)
        if qf > 0.95:
            return _f("start on the flat axis: too small, slow (flat q = {qf:.3f})", qf=qf)
        if qf < 0:
            return _f("start on the flat axis: zig-zag, converges (flat q = {qf:.2f})", qf=qf)
        return _f("start on the flat axis: converges (flat q = {qf:.2f})", qf=qf)
    if math.isclose(q, -1.0, abs_tol=1e-3):
        return _f("η ≈ 2/λ(steep): endless zig-zag (steep q = {q:.2f})", q=q)
    if q < -1:
        return _f("η > 2/λ(steep): diverges (steep q = {q:.2f})", q=q)
    if not flat:
        if q < 0:
            return _f("start on the steep axis: zig-zag, converges (steep q = {q:.2f})", q=q)
        return _f("start on the steep axis: smooth, converges (steep q = {q:.2f})", q=q)
    if q < 0:
        return _f("zig-zag, converges (steep q = {q:.2f}, flat q = {qf:.2f})", q=q, qf=qf)
    if qf > 0.95:
        return _f("too small: slow (flat q = {qf:.3f} per step)", qf=qf)
    return _f("smooth, converges (steep q = {q:.2f}, flat q = {qf:.2f})", q=q, qf=qf)


_AXIS_WORDS = {"flat": N_("flat"), "steep": N_("steep")}


def _bowl_words(bowl):
    """'curvatures 1 and 10': the bowl in words, for the readout (no Python repr)."""
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    return _f("curvatures {lmin:g} and {lmax:g}", lmin=lmin, lmax=lmax)


_STEP_AXIS = (10, 20, 30, 50, 70, 100)  # lengths of the loss panel's step axis (the steps slider goes to 100)

#: The η strip's zones: clearly different hues (creeps, zig-zags but converges, diverges).
ZONE_COLORS = {"creep": "#b3e2cd", "zig-zag": "#f6ef9f", "diverge": "#f4a582"}


def lr_explorer(lr=None, x1=-2.5, x2=2.0, steps=30, preset="zig-zag", lam1=1.0, lam2=10.0,
                lr_range=(0.003, 0.6), show=("lr", "x1", "x2", "steps", "momentum"), momentum=0.0):
    """Drag η (and the momentum μ) and watch gradient descent on Bowl(lam1, lam2).

    ``preset`` (a key of :data:`LR_PRESETS`) sets η when ``lr`` is None;
    ``show`` lists the visible controls ("lr", "x1", "x2", "steps", "momentum"):
    hidden ones keep their value, so a lecture can leave only the η slider.
    ``momentum`` = 0 is plain gradient descent (the picture is exactly that of
    gradient descent); above 0 the path is heavy-ball momentum, v <- μ v - η ∇f,
    x <- x + v, and a dash-dot line on the η strip marks its limit 2(1 + μ)/λ_max.
    """
    momentum = float(momentum)
    if not (math.isfinite(momentum) and 0.0 <= momentum <= 0.95):
        raise ValueError(f"momentum must be between 0 and 0.95, got {momentum!r}")
    bowl = landscapes.Bowl(lam1, lam2)
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    if lr is None:
        if preset not in LR_PRESETS:
            raise ValueError(f"preset must be one of {sorted(LR_PRESETS)}, got {preset!r}")
        lr = LR_PRESETS[preset] / lmax
    lo, hi = lr_range
    controls = Controls(
        show,
        lr=log_slider(_("step size η"), lr, lo, hi),
        x1=slider(_("start x₁"), x1, -3.0, 3.0, 0.1),
        x2=slider(_("start x₂"), x2, -3.0, 3.0, 0.1),
        steps=int_slider(_("steps"), steps, 1, 100),
        momentum=slider(_("momentum μ"), momentum, 0.0, 0.95, 0.01),
    )

    use_style()
    fig = Figure(figsize=(8.0, 3.4), layout="constrained")
    axd = fig.subplot_mosaic([["c", "l"], ["c", "e"]], height_ratios=[1.0, 0.28], width_ratios=[1.0, 1.25])
    ax_c, ax_l, ax_e = axd["c"], axd["l"], axd["e"]

    contour(ax_c, bowl, levels=14, n=81)  # drawn once
    ax_c.set_xlabel("x₁")  # plain text, not mathtext: cheaper to redraw
    ax_c.set_ylabel("x₂")
    ax_c.set_xticks([-2, 0, 2])  # few tick labels: text is most of the redraw time
    ax_c.set_yticks([-2, 0, 2])
    (line,) = ax_c.plot([], [], "-o", color=COLORS["orange"], markersize=3, linewidth=1.2)
    (start,) = ax_c.plot([], [], "o", markerfacecolor="white", markeredgecolor=COLORS["orange"], markersize=8)

    (loss_line,) = ax_l.plot([], [], "-", color=COLORS["blue"], linewidth=1.8)
    lr_log_axes(ax_l, x=False)
    corner = 0.5 * 9.0 * (lmin + lmax)  # the largest starting loss the sliders allow
    ax_l.set_ylim(1e-10, 1e3 * corner)  # fixed, so slider positions compare at a glance
    ax_l.yaxis.set_minor_locator(NullLocator())
    ax_l.set_xlabel(figure_text("step t"))
    ax_l.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    ax_l.set_ylabel(figure_text("loss $f(x_t)$"))

    lr_log_axes(ax_e, y=False)
    ax_e.set_xlim(lo, hi)
    ax_e.set_ylim(0, 1)
    ax_e.set_yticks([])
    ax_e.grid(False)
    # zones in the lower half, the current η as a bar in the lower half too; labels in the upper half,
    # so the bar never crosses them
    ax_e.axvspan(lo, 1 / lmax, ymax=0.5, color=ZONE_COLORS["creep"])
    ax_e.axvspan(1 / lmax, 2 / lmax, ymax=0.5, color=ZONE_COLORS["zig-zag"])
    ax_e.axvspan(2 / lmax, hi, ymax=0.5, color=ZONE_COLORS["diverge"])
    ax_e.axvline(1 / lmax, color=COLORS["grey"], linestyle=":", linewidth=1)
    ax_e.axvline(2 / lmax, color=COLORS["red"], linestyle="--", linewidth=1.5)
    ax_e.text(2 / lmax, 0.75, rf" $2/\lambda_{{max}}$ = {2 / lmax:g}", color=COLORS["red"], fontsize=9,
              va="center", ha="left")
    ax_e.text(1 / lmax, 0.75, r"$1/\lambda_{max}$ ", color=COLORS["grey"], fontsize=9, va="center", ha="right")
    ax_e.set_xlabel(figure_text("η (log scale)"), labelpad=1)
    marker = ax_e.axvline(lr, ymax=0.5, color=COLORS["black"], linewidth=2.5)
    # with momentum the limit moves to 2(1 + μ)/λ_max; hidden (drawn as nothing) while μ = 0
    mu_limit = ax_e.axvline(2 / lmax, ymax=0.5, color=COLORS["blue"], linestyle="-.", linewidth=2.0)
    mu_limit.set_visible(False)

    def update(lr, x1, x2, steps, momentum):
        p = lr_bowl_run(bowl, lr, (x1, x2), int(steps), momentum)
        bad = ~np.all(np.isfinite(p), axis=1) | np.any(np.abs(p) > 1e6, axis=1)
        shown = p.copy()
        shown[bad] = np.nan
        line.set_data(shown[:, 0], shown[:, 1])
        start.set_data([x1], [x2])
        with np.errstate(over="ignore", invalid="ignore"):
            f = bowl.f(p)
        f = np.where(np.isfinite(f), f, np.nan)
        t = np.arange(len(f))
        loss_line.set_data(t, np.clip(f, 1e-30, 1e30))
        # the step axis grows in round steps, so most moves of the steps slider redraw no axis text
        ax_l.set_xlim(0, next(n for n in _STEP_AXIS if n >= int(steps)))
        marker.set_xdata([lr, lr])
        setting = (_f("η = {lr:.3g}, {bowl}", lr=lr, bowl=_bowl_words(bowl))
                   + (_f(", μ = {mu:.2f}", mu=momentum) if momentum else ""))
        readout.value = (f'<div style="display:flex; gap:2.5em; font-size:90%">'
                         f"<div>{html.escape(setting)}</div>"
                         f"<div><b>{html.escape(_verdict(bowl, lr, (x1, x2), momentum))}</b></div></div>")
        mu_limit.set_xdata([2 * (1 + momentum) / lmax] * 2)
        mu_limit.set_visible(bool(momentum))

    dynamic = [line, start, loss_line, marker, mu_limit]
    # The path, the loss, the η bar and the momentum limit move over a kept background, which is redrawn
    # only when the step axis moves to its next round length.  The setting and the verdict are an HTML
    # readout under the picture: text in the figure would be most of each redraw's time.
    readout = W.HTML()
    return LiveFigure(fig, controls, update, dynamic=dynamic, extra=readout)


#: For benchmarks/widget_latency.py: (label, factory, changes applied one after another).
LATENCY_CASES = [
    (
        "lr_explorer",
        lr_explorer,
        [{"lr": v} for v in (0.005, 0.01, 0.03, 0.05, 0.1, 0.15, 0.19, 0.2, 0.21, 0.3, 0.5)]
        + [{"x1": -1.0}, {"x2": -2.5}, {"steps": 100}, {"lr": 0.18}, {"steps": 10}, {"x1": 2.9}, {"lr": 0.02}]
        + [{"momentum": 0.5}, {"momentum": 0.0}],
    ),
]
