"""Plots for the learning-rate notebook: regimes on a parabola, paths on a bowl,
steps against η and κ, basins on a curve with two minima, a step-size sweep."""

from __future__ import annotations

import numpy as np

from .. import landscapes
from .._i18n import N_
from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ..descent import gradient_descent
from ..exercises.learning_rate import REGIME_LABELS, lr_factor, lr_momentum_descent, lr_momentum_rate, lr_regime
from ._look import COLORS, CYCLE, contour, figure, log_axes, path

__all__ = [
    "lr_log_axes",
    "lr_regimes_plot",
    "lr_bowl_grid",
    "lr_bowl_run",
    "lr_steps_plot",
    "lr_condition_plot",
    "lr_basins_plot",
    "lr_kappa_plot",
    "lr_sweep_plot",
]

_OUTCOME_COLORS = {
    "global minimum": COLORS["green"],
    "local minimum": COLORS["orange"],
    "oscillating": COLORS["purple"],
    "diverged": COLORS["red"],
}


def lr_log_axes(ax, x=True, y=True):
    """Log scale on the chosen axes of ``ax``, labelled 10ⁿ in plain text (no minor labels)."""
    log_axes(ax, x=x, y=y, labels="pow10")


def _quiet_descent(grad, x0, lr, steps):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gradient_descent(grad, x0, lr, steps)


def lr_regimes_plot(lam=1.0, lrs=(0.5, 1.5, 2.0, 2.1), x0=2.0, steps=12):
    """x_t against t on λ/2 x² for several step sizes, one panel each, titled with 1 - ηλ and the regime."""
    parabola = landscapes.Parabola(lam)
    fig, axes = figure(ncols=len(lrs), width=2.6, height=2.6, sharey=True)
    axes = np.atleast_1d(axes)
    for ax, lr, color in zip(axes, lrs, CYCLE):
        xs = _quiet_descent(parabola.grad, x0, lr, steps)
        ax.axhline(0, color=COLORS["grey"], linewidth=0.8)
        ax.plot(np.arange(steps + 1), xs, "-o", color=color, markersize=3, linewidth=1.2)
        ax.set_title(_f("η = {lr:g}: q = {q:.2g}\n{regime}", lr=lr, q=lr_factor(lam, lr),
                        regime=_(REGIME_LABELS[lr_regime(lam, lr)])), fontsize=10)
        ax.set_xlabel(_("step t"))
    axes[0].set_ylabel("$x_t$")
    lim = min(1.15 * abs(x0) * max(1.0, abs(lr_factor(lam, max(lrs)))) ** steps, 4 * abs(x0))
    axes[0].set_ylim(-lim, lim)
    fig.suptitle(_f("gradient descent on f(x) = {lam:g}/2·x²,  x ← (1 − ηλ)·x,  2/λ = {limit:g}",
                    lam=lam, limit=2 / lam), fontsize=11)
    return fig


def lr_bowl_run(landscape, lr, start, steps, momentum=0.0):
    """The path of gradient descent (heavy ball if ``momentum`` > 0) on a 2-D landscape, (steps + 1, 2)."""
    if momentum:
        with np.errstate(over="ignore", invalid="ignore"):
            return lr_momentum_descent(landscape.grad, np.asarray(start, float), lr, momentum, steps)
    return _quiet_descent(landscape.grad, np.asarray(start, float), lr, steps)


_BOWL_WORDS = {"monotone": N_("smooth"), "one step": N_("smooth"), "damped oscillation": N_("zig-zag"),
               "endless oscillation": N_("endless zig-zag"), "divergence": N_("diverges")}


def _bowl_title(bowl, lr, momentum=0.0):
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    if momentum:
        r_steep, r_flat = lr_momentum_rate(lmax, lr, momentum), lr_momentum_rate(lmin, lr, momentum)
        worst = max(r_steep, r_flat)
        words = _("endless") if np.isclose(worst, 1.0) else _("diverges") if worst > 1 else _("converges")
        return _f("η = {lr:g}, μ = {momentum:g}: {words}\nrate steep {r_steep:.2f}, flat {r_flat:.2f}",
                  lr=lr, momentum=momentum, words=words, r_steep=r_steep, r_flat=r_flat)
    q_steep, q_flat = lr_factor(lmax, lr), lr_factor(lmin, lr)
    return _f("η = {lr:g}: {words}\nq steep {q_steep:.2f}, q flat {q_flat:.2f}",
              lr=lr, words=_(_BOWL_WORDS[lr_regime(lmax, lr)]), q_steep=q_steep, q_flat=q_flat)


def lr_bowl_grid(lrs=(0.05, 0.15, 0.19, 0.21), landscape=None, start=(-2.5, 2.0), steps=30, momenta=(0.0,)):
    """The static grid beside the step-size explorer: one contour + path per fixed η (columns) and
    momentum μ (rows; the default, one row with μ = 0, is plain gradient descent)."""
    bowl = landscape if landscape is not None else landscapes.Bowl(1.0, 10.0)
    momenta = tuple(momenta)
    fig, axes = figure(ncols=len(lrs), nrows=len(momenta), width=2.5, height=3.1)
    axes = np.asarray(axes).reshape(len(momenta), len(lrs))
    for row, mu in zip(axes, momenta):
        for ax, lr in zip(row, lrs):
            contour(ax, bowl, levels=12, n=81)
            p = lr_bowl_run(bowl, lr, start, steps, mu)
            finite = np.all(np.isfinite(p), axis=1) & np.all(np.abs(p) < 1e3, axis=1)
            path(ax, p[finite])
            ax.set_title(_bowl_title(bowl, lr, mu), fontsize=9)
            # three ticks a side and, on a grid of several rows, labels on the outer panels only: the same
            # picture, far less text to lay out (one row keeps its y labels: without them the square panels
            # grow wider and taller and their titles run into the figure's title)
            ax.set_xticks([-2, 0, 2])
            ax.set_yticks([-2, 0, 2])
            spec = ax.get_subplotspec()
            if len(momenta) > 1 and not spec.is_first_col():
                ax.set_ylabel("")
                ax.tick_params(labelleft=False)
            if not spec.is_last_row():
                ax.set_xlabel("")
                ax.tick_params(labelbottom=False)
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    fig.suptitle(_f("{steps} steps on the bowl with curvatures {lmin:g} and {lmax:g}: "
                    "$2/\\lambda_{{max}}$ = {limit:g}", steps=steps, lmin=lmin, lmax=lmax, limit=bowl.lr_threshold),
                 fontsize=11)
    return fig


def lr_steps_plot(lrs, measured, theory_lrs, theory, threshold, tol, x0, ax=None):
    """Steps to reach |x| <= tol against η on log-log axes: measured dots, theory line, the 2/λ line."""
    if ax is None:
        fig, ax = figure(width=5.6, height=3.4)
    else:
        fig = ax.figure
    measured = np.asarray(measured, float)
    ok = np.isfinite(measured)
    ax.plot(theory_lrs, theory, color=COLORS["grey"], linewidth=1.5,
            label=_("theory log(tol/|x0|) / log|1 − ηλ|"))
    ax.plot(np.asarray(lrs)[ok], measured[ok], "o", color=COLORS["blue"], label=_("measured"))
    ax.axvline(threshold, color=COLORS["red"], linestyle="--", linewidth=1.2, label=f"2/λ = {threshold:g}")
    lr_log_axes(ax)
    ax.set_xlabel(_("step size η (log scale)"))
    ax.set_ylabel(_f("steps until |x| ≤ {tol:g}", tol=tol))
    ax.set_title(_f("from x0 = {x0:g}: too small is slow, too close to 2/λ too", x0=x0))
    ax.legend(loc="upper right")
    return fig


def lr_condition_plot(kappas, measured, theory, lr_note=None, ax=None):
    """Steps to converge on Bowl(1, κ) against the condition number κ (log-log).

    ``lr_note`` (default "η = 1/λ_max") says in the title which step size was used.
    """
    if lr_note is None:
        lr_note = _("η = $1/\\lambda_{max}$")
    if ax is None:
        fig, ax = figure(width=5.0, height=3.4)
    else:
        fig = ax.figure
    ax.plot(kappas, theory, color=COLORS["grey"], linewidth=1.5, label=_("theory: flat direction, q = 1 − 1/κ"))
    ax.plot(kappas, measured, "o", color=COLORS["blue"], label=_("measured"))
    lr_log_axes(ax)
    ax.set_xlabel(_("condition number κ = $\\lambda_{max}/\\lambda_{min}$"))
    ax.set_ylabel(_("steps to converge"))
    ax.set_title(_f("an elongated bowl is slow ({note})", note=lr_note))
    ax.legend(loc="upper left")
    return fig


def lr_kappa_plot(kappas, runs, tol=1e-6, ax=None):
    """Steps to a tolerance against the condition number κ (log-log), one line per setting.

    ``runs`` maps a label (plain words or mathtext) to the step counts, one per κ.
    """
    if ax is None:
        fig, ax = figure(width=5.6, height=3.6)
    else:
        fig = ax.figure
    for (label, counts), color, marker in zip(runs.items(), CYCLE, "osD^v"):
        ax.plot(kappas, np.asarray(counts, float), "-" + marker, color=color, markersize=5, label=label)
    lr_log_axes(ax)
    ax.set_xlabel(_("condition number κ = $\\lambda_{max}/\\lambda_{min}$"))
    ax.set_ylabel(_f("steps until distance ≤ {tol:g}", tol=tol))
    ax.set_title(_("plain steps grow like κ, momentum like √κ"))
    ax.legend(loc="upper left", fontsize=9)
    return fig


def lr_basins_plot(landscape, starts, lrs, outcomes, finals):
    """Left: the curve with both minima and where runs end; right: outcome of each (start, η).

    ``outcomes[i][j]`` is the label of start i and step size j (see ``lr_settle``),
    ``finals[i][j]`` the last iterate.
    """
    fig, (ax0, ax1) = figure(ncols=2, width=4.2, height=3.3)
    xs = np.linspace(*landscape.xlim, 300)
    ax0.plot(xs, landscape.f(xs), color=COLORS["black"], linewidth=1.5)
    ax0.axvline(landscape.maximum, color=COLORS["grey"], linestyle=":", linewidth=1)
    for m, label in ((landscape.minimum, "global minimum"), (landscape.local_minimum, "local minimum")):
        ax0.plot(m, landscape.f(m), "*", markersize=14, color=_OUTCOME_COLORS[label], label=_(REGIME_LABELS[label]),
                 linestyle="none")
    ax0.text(landscape.maximum, ax0.get_ylim()[0], _(" hill top"), color=COLORS["grey"], fontsize=9, va="bottom")
    ax0.plot(starts, landscape.f(np.asarray(starts, float)), "o", markerfacecolor="white",
             markeredgecolor=COLORS["blue"], linestyle="none", label=_("starting points"))
    ax0.set_xlabel("x")
    ax0.set_ylabel("f(x)")
    ax0.set_title("f(x) = x⁴/4 − x² + x/2")
    ax0.legend(loc="upper center", fontsize=9, bbox_to_anchor=(0.45, 1.0))

    grid = np.array([[list(_OUTCOME_COLORS).index(o) for o in row] for row in outcomes])
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap(list(_OUTCOME_COLORS.values()))
    ax1.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(_OUTCOME_COLORS) - 0.5, aspect="auto", origin="lower")
    short = {"global minimum": _("G"), "local minimum": _("L"), "oscillating": _("osc"), "diverged": _("div")}
    for i, row in enumerate(outcomes):
        for j, o in enumerate(row):
            ax1.text(j, i, short[o], ha="center", va="center", fontsize=9, color="white", fontweight="bold")
    ax1.set_xticks(range(len(lrs)), [f"{lr:g}" for lr in lrs])
    ax1.set_yticks(range(len(starts)), [f"{s:g}" for s in starts])
    ax1.set_xlabel(_("step size η"))
    ax1.set_ylabel(_("start x0"))
    ax1.set_title(_("where each run ends"))
    ax1.grid(False)
    handles = [ax1.plot([], [], "s", color=c, label=_(REGIME_LABELS[k]))[0] for k, c in _OUTCOME_COLORS.items()]
    ax1.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
    return fig


def lr_sweep_plot(ax, lrs, final_losses, diverged=None, label=None, color=None, top=None):
    """Final loss against η on log-log axes; diverged runs drawn as red crosses at the top edge."""
    lrs = np.asarray(lrs, float)
    losses = np.asarray(final_losses, float)
    diverged = np.zeros(len(lrs), bool) if diverged is None else np.asarray(diverged, bool)
    ok = ~diverged & np.isfinite(losses)
    line = ax.plot(lrs[ok], losses[ok], "-o", markersize=4, color=color, label=label)[0]
    lr_log_axes(ax)
    if diverged.any():
        y = top if top is not None else 10 * np.nanmax(losses[ok])
        ax.plot(lrs[diverged], np.full(diverged.sum(), y), "x", color=COLORS["red"], markersize=9,
                markeredgewidth=2, label=_("diverged (nl.train stopped; drawn at the top)"))
    ax.set_xlabel(_("learning rate η (log scale)"))
    ax.set_ylabel(_("loss after training"))
    return line
