"""Plots for the batch-variants notebook (06): full batch, SGD and mini-batch side by side."""

from __future__ import annotations

import numpy as np

from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ._look import COLORS, CYCLE, figure, log_axes, loss_curve

__all__ = [
    "plot_activation_memory",
    "plot_batch_grid",
    "plot_batch_variants",
    "plot_double_well",
    "plot_gradient_noise",
    "plot_loop_vs_matrix",
    "plot_noise_floor",
    "plot_loss_per_update",
    "draw_batch_run",
]


#: Loss axes: log y ticks at 1, 2, 5 x 10^k as plain numbers, no minor ticks (less clutter, fast to draw).
_LOSS_TICKS = dict(labels="plain", subs=(1.0, 2.0, 5.0))


def plot_batch_variants(runs):
    """Three panels: loss on all samples against epochs, against updates, against seconds.

    ``runs`` maps a label to a dict with ``epoch_losses``, ``updates`` and
    ``seconds`` (as returned by ``nnlesson.exercises.timed_training``).
    """
    fig, axes = figure(3, width=3.6, height=3.0)
    for (label, r), color in zip(runs.items(), CYCLE):
        e = np.asarray(r["epoch_losses"])
        loss_curve(axes[0], e, label=label, color=color, marker="o", markersize=2.5)
        loss_curve(axes[1], e[1:], x=np.asarray(r["updates"])[1:], xlabel=_("updates (log scale)"), color=color,
                   marker="o", markersize=2.5)
        loss_curve(axes[2], e, x=np.asarray(r["seconds"]), xlabel=_("wall-clock time (s)"), color=color,
                   marker="o", markersize=2.5)
    log_axes(axes[1], x=True, y=False, labels="plain")
    for ax in axes:
        log_axes(ax, **_LOSS_TICKS)
    axes[0].set_title(_("per epoch"))
    axes[1].set_title(_("per update"))
    axes[2].set_title(_("per second (measured)"))
    axes[0].legend()
    return fig


def plot_gradient_noise(noise, noise_replace=None):
    """Log-log: mean squared error of the mini-batch gradient against the batch size b.

    ``noise`` (and optionally ``noise_replace``) are dicts from
    ``minibatch_gradient_noise``: measured dots, the theory as a line, and a
    slope -1 reference sigma^2 / b.
    """
    fig, ax = figure(width=5.6, height=3.6)
    b = np.asarray(noise["b"], dtype=float)
    n_ref = np.geomspace(b.min(), b.max(), 50)
    ax.plot(n_ref, noise["sigma2"] / n_ref, "--", color=COLORS["grey"], label=_(r"$\sigma^2/b$ (slope $-1$)"))
    ax.plot(b, noise["theory"], "-", color=COLORS["blue"], label=r"$\sigma^2/b\cdot(n-b)/(n-1)$")
    ax.plot(b, noise["measured"], "o", color=COLORS["blue"], label=_("measured, without replacement"))
    if noise_replace is not None:
        ax.plot(noise_replace["b"], noise_replace["measured"], "s", color=COLORS["orange"], markersize=5,
                markerfacecolor="none", label=_("measured, with replacement"))
    log_axes(ax, x=True, y=False, labels="plain", base=2)
    log_axes(ax, **_LOSS_TICKS)
    ax.set_xlabel(_("batch size b (log scale)"))
    ax.set_ylabel(_(r"$E\,\|g_B - g\|^2$ (log scale)"))
    ax.set_title(_("gradient noise falls like 1/b"))
    ax.legend()
    return fig


def plot_loop_vs_matrix(ns, t_loop, t_matrix):
    """Time of one full gradient: a Python loop over samples against one matrix pass, for n samples."""
    fig, axes = figure(2, width=3.8, height=3.0)
    ns = np.asarray(ns)
    t_loop, t_matrix = 1e3 * np.asarray(t_loop), 1e3 * np.asarray(t_matrix)
    axes[0].plot(ns, t_loop, "o-", color=COLORS["red"], label=_("loop, one sample at a time"))
    axes[0].plot(ns, t_matrix, "o-", color=COLORS["blue"], label=_("matrix form, all at once"))
    axes[0].set_xlabel(_("samples n"))
    axes[0].set_ylabel(_("time per gradient (ms)"))
    axes[0].set_title(_("time (measured)"))
    axes[0].legend()
    axes[1].plot(ns, t_loop / t_matrix, "o-", color=COLORS["grey"])
    axes[1].set_xlabel(_("samples n"))
    axes[1].set_ylabel(_("loop time / matrix time"))
    axes[1].set_title(_("how many times faster"))
    axes[1].set_ylim(bottom=0)
    return fig


def plot_loss_per_update(curves):
    """The loss on ALL samples after every update, one line per run; increases marked with red crosses.

    ``curves`` maps a label to the array from ``full_loss_per_update``.
    """
    fig, axes = figure(len(curves), width=3.6, height=3.0, sharey=True)
    axes = np.atleast_1d(axes)
    for ax, (label, L), color in zip(axes, curves.items(), CYCLE):
        L = np.asarray(L)
        k = np.arange(len(L))
        ax.plot(k, L, "-", color=color, linewidth=1.5)
        up = np.flatnonzero(np.diff(L) > 0) + 1
        ax.plot(k[up], L[up], "x", color=COLORS["red"], markersize=6,
                label=_f("loss went up ({count} times)", count=len(up)))
        ax.set_xlabel(_("update"))
        ax.set_ylabel(_("loss on all samples"))
        ax.set_title(label)
        ax.legend()
    return fig


def plot_activation_memory(ns, nbytes, per_sample=None, label=None):
    """Bytes a batch of n samples adds (its layer arrays), against n, with the line through 0."""
    label = _("measured on net.trace") if label is None else label
    fig, ax = figure(width=5.0, height=3.2)
    ns = np.asarray(ns, dtype=float)
    kb = np.asarray(nbytes, dtype=float) / 1024
    ax.plot(ns, kb, "o", color=COLORS["blue"], label=label)
    if per_sample is not None:
        xs = np.array([0.0, ns.max()])
        ax.plot(xs, xs * per_sample / 1024, "-", color=COLORS["grey"], linewidth=1,
                label=_f("{per_sample} bytes × n", per_sample=per_sample))
    ax.set_xlabel(_("samples in the batch"))
    ax.set_ylabel(_("memory the batch adds (kB)"))
    ax.set_title(_("a batch's memory grows linearly with n"))
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.legend()
    return fig


def draw_batch_run(ax, hist, n, color=None, ylim=None):
    """One run on ``ax``: each batch's loss (thin) and the loss on all samples per epoch (dots),
    against epochs.  Returns (step line, epoch line)."""
    color = color or COLORS["blue"]
    steps = np.asarray(hist.step_losses, dtype=float)
    per = -(-n // hist.batch_size)
    x_steps = np.arange(len(steps)) / per  # batch k is measured before update k, at epoch k/per
    e = np.asarray(hist.epoch_losses, dtype=float)
    s_line = loss_curve(ax, steps, x=x_steps, log=False, color=color, alpha=0.35, linewidth=0.8,
                        label=_("loss of each batch"))
    e_line = loss_curve(ax, e, log=False, color=COLORS["black"], marker="o", markersize=3, linewidth=1.2,
                        label=_("loss on all samples"))
    ax.set_yscale("log")  # always: one batch's loss of exactly 0 must not turn the panel linear
    if ylim is not None:
        ax.set_ylim(*ylim)
    return s_line, e_line


def grid_ylim(runs):
    """One shared (low, high) loss range for a collection of runs, so panels can be compared.

    Set by the epoch losses (loss on all samples); single-batch losses far
    below them (one sample can be fitted almost exactly) fall off the bottom.
    """
    vals = np.concatenate([np.asarray(h.epoch_losses, float) for h in runs.values()])
    vals = vals[np.isfinite(vals) & (vals > 0)]
    return float(vals.min()) / 4, min(float(vals.max()) * 2.5, 10.0)


def plot_batch_grid(runs, batch_sizes, lrs, n):
    """A static grid: rows = step sizes, columns = batch sizes; each panel as in the widget.

    ``runs`` maps (batch_size, lr) to a History (``batch_lr_grid``).
    """
    fig, axes = figure(len(batch_sizes), len(lrs), width=2.7, height=2.1, sharex=True, sharey=True)
    axes = np.asarray(axes).reshape(len(lrs), len(batch_sizes))
    chosen = {k: runs[k] for k in runs if k[0] in batch_sizes and k[1] in lrs}
    ylim = grid_ylim(chosen)
    epochs = max(len(h.epoch_losses) for h in chosen.values()) - 1
    for i, lr in enumerate(lrs):
        for j, b in enumerate(batch_sizes):
            ax = axes[i, j]
            h = runs[(b, lr)]
            draw_batch_run(ax, h, n, color=CYCLE[j % len(CYCLE)], ylim=ylim)
            log_axes(ax, **_LOSS_TICKS)
            ax.set_xticks(np.arange(0, epochs + 1, 5))
            if h.diverged:
                title = _f("b={b}, η={lr:g}: {loss:.3f} (diverged)", b=b, lr=lr, loss=h.epoch_losses[-1])
            else:
                title = _f("b={b}, η={lr:g}: {loss:.3f}", b=b, lr=lr, loss=h.epoch_losses[-1])
            ax.set_title(title, fontsize=9)
            if i < len(lrs) - 1:
                ax.set_xlabel("")
            if j > 0:
                ax.set_ylabel("")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2)
    return fig


def plot_double_well(tilt, finals, start=None, ridge=None, bins=40):
    """Left: the double-well loss f(w) = (w^2 - 1)^2 + tilt w.  Right: where the runs ended.

    ``finals`` maps a label to the array of final weights of many seeds
    (``double_well_runs``); ``start`` marks the starting weight, ``ridge`` the
    top of the ridge between the valleys (a dotted line in both panels).
    """
    fig, axes = figure(2, width=4.2, height=3.2)
    w = np.linspace(-1.8, 1.8, 300)
    f = (w ** 2 - 1) ** 2 + tilt * w
    axes[0].plot(w, f, color=COLORS["black"], linewidth=1.5)
    axes[0].set_xlabel(_("weight w"))
    axes[0].set_ylabel(_("loss f(w)"))
    axes[0].set_title(_("a poor valley and a good one"))
    axes[0].set_ylim(-1.0, 3.0)
    axes[0].text(-1.05, -0.85, _("good"), ha="center", fontsize=10)
    axes[0].text(0.95, 0.0, _("poor"), ha="center", fontsize=10)
    if start is not None:
        f0 = (start ** 2 - 1) ** 2 + tilt * start
        axes[0].plot([start], [f0], "o", color=COLORS["red"], markersize=7)
        axes[0].text(start, f0 + 0.25, _("start"), ha="center", va="bottom", fontsize=10, color=COLORS["red"])
    edges = np.linspace(-1.8, 1.8, bins + 1)
    for (label, finals_w), color in zip(finals.items(), CYCLE):
        finals_w = np.asarray(finals_w, dtype=float)
        axes[1].hist(np.clip(finals_w, -1.8, 1.8), bins=edges, histtype="step", linewidth=1.8, color=color,
                     label=label)
    axes[1].set_xlabel(_("weight w at the end"))
    axes[1].set_ylabel(_("runs (seeds)"))
    axes[1].set_title(_("where the runs ended"))
    if ridge is not None:
        for ax in axes:
            ax.axvline(ridge, color=COLORS["grey"], linestyle=":", linewidth=1)
    axes[1].legend(loc="upper left")
    return fig


def plot_noise_floor(excess, floors, window=25, independent=None):
    """Left: the loss above its minimum, L - L*, one line per run, as a moving mean over ``window``
    updates (log scale).  Right: the floor (mean of L - L* late in a run) against eta / b, one marker
    style per batch size.

    ``excess`` maps a label to the array L - L* (one value per update); ``floors`` maps (b, eta) to the floor
    of runs that shuffle every epoch.  ``independent``, if given, maps (b, eta) to the floor of runs whose
    batches are drawn independently (with replacement): drawn as filled red markers joined by a line.
    """
    fig, axes = figure(2, width=4.3, height=3.4)
    kernel = np.ones(window) / window
    for (label, e), color in zip(excess.items(), CYCLE):
        smooth = np.convolve(np.asarray(e, dtype=float), kernel, mode="valid")
        axes[0].plot(np.arange(window - 1, window - 1 + len(smooth)), np.maximum(smooth, 1e-12), color=color,
                     linewidth=1.8, label=label)
    log_axes(axes[0])
    axes[0].set_xlabel(_("update"))
    axes[0].set_ylabel(_f("L − L*, mean of {window} updates", window=window))
    axes[0].set_title(_("a constant step stops at a floor"))
    styles = {}
    for (b, lr), fl in floors.items():
        first = b not in styles
        k = styles.setdefault(b, len(styles))
        axes[1].plot([lr / b], [fl], ("o", "s", "^", "D")[k % 4], color=COLORS["black"] if k == 0 else COLORS["sky"],
                     markersize=9 - 2 * k, markerfacecolor="none", markeredgewidth=1.8,
                     label=_f("shuffled epochs, b = {b}", b=b) if first else None)
    if independent:
        keys = sorted(independent, key=lambda k: k[1] / k[0])
        bs = sorted({b for b, _lr in keys})
        axes[1].plot([lr / b for b, lr in keys], [independent[k] for k in keys], "o-", color=COLORS["red"],
                     markersize=6, linewidth=1.2,
                     label=_f("independent draws, b = {bs}", bs=", ".join(str(b) for b in bs)))
    everything = {**floors, **(independent or {})}
    ratios = np.array([lr / b for b, lr in everything])
    values = np.array(list(everything.values()))
    axes[1].set_xlim(ratios.min() / 1.5, ratios.max() * 1.5)
    axes[1].set_ylim(values.min() / 2, values.max() * 2)
    log_axes(axes[1], x=True, y=False, labels="plain", subs=(1.0, 2.0, 5.0))
    log_axes(axes[1], labels="plain", subs=(1.0, 2.0, 5.0))
    axes[1].set_xlabel(_("η / b (log scale)"))
    axes[1].set_ylabel(_("floor (log scale)"))
    axes[1].set_title(_("the floor is set by η / b"))
    axes[1].legend(loc="upper left")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels))
    return fig
