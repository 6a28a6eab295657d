"""Plots for notebook 07 (the 8x8 digits end to end): images, learning curves, confusion matrix,
predicted probabilities."""

from __future__ import annotations

import numpy as np

from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ._look import COLORS, CYCLE, figure, log_axes, loss_curve
from .neurons import plot_digit

__all__ = [
    "digits_sample_grid",
    "digits_vector_plot",
    "digits_sweep_plot",
    "digits_curves_plot",
    "digits_batch_losses_plot",
    "digits_early_stopping_plot",
    "digits_compare_runs_plot",
    "digits_sweep_pair_plot",
    "digits_confusion_plot",
    "digits_probability_bars",
    "digits_probability_grid",
    "digits_histogram_plot",
]


def _image(ax, row, cmap="gray_r"):
    im = ax.imshow(np.asarray(row, dtype=float).reshape(8, 8), cmap=cmap, vmin=0, vmax=float(max(1.0, np.max(row))))
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return im


def digits_sample_grid(images, labels, predicted=None, probs=None, ncols=10, size=0.95, title=None):
    """A grid of 8x8 digits (rows of 64 pixels) titled by their label.

    With ``predicted``, each title reads "true → predicted", red where they differ; with
    ``probs`` (the network's probability of its predicted class) that number is added.
    """
    images = np.asarray(images, dtype=float)
    n = len(images)
    ncols = max(1, min(ncols, n))
    nrows = max(1, -(-n // ncols))
    extra = 0.25 if predicted is not None else 0.0
    fig, axes = figure(ncols, nrows, width=size + extra, height=size + 0.2 + extra)
    axes = np.atleast_1d(axes).ravel()
    for k, ax in enumerate(axes):
        if k >= n:
            ax.axis("off")
            continue
        _image(ax, images[k])
        if predicted is None:
            ax.set_title(f"{labels[k]}", fontsize=10)
        else:
            wrong = predicted[k] != labels[k]
            text = f"{labels[k]} → {predicted[k]}"
            if probs is not None:
                text += f"\np = {probs[k]:.2f}"
            ax.set_title(text, fontsize=9, color=COLORS["red"] if wrong else COLORS["black"])
    if title:
        fig.suptitle(title, fontsize=11)
    return fig


def digits_vector_plot(row, label=None):
    """An 8x8 digit beside the same 64 numbers as one vector (article 004: an image is a row of numbers),
    each pixel's value written in: :func:`nnlesson.plots.neurons.plot_digit` with ``numbers=True``."""
    return plot_digit(row, label, numbers=True)


def digits_sweep_plot(runs, chosen=None):
    """Short runs with several step sizes: validation loss per epoch (left), final accuracy (right).

    ``runs`` maps lr to a :class:`nnlesson.exercises.DigitsRun` whose ``test_*`` lists hold the
    validation numbers.  Losses above 10 are drawn at the top edge (they blew up).
    """
    fig, (ax_loss, ax_acc) = figure(2, width=4.4, height=3.2)
    lrs = sorted(runs)
    for lr, color in zip(lrs, CYCLE):
        r = runs[lr]
        loss = np.minimum(np.asarray(r.test_loss, dtype=float), 10.0)
        width = 3.2 if lr == chosen else 1.6
        loss_curve(ax_loss, loss, label=f"lr = {lr:g}", color=color, linewidth=width, marker="o", markersize=3)
    ax_loss.set_ylabel(_("validation loss (capped at 10)"))
    ax_loss.set_title(_("loss on held-out digits per epoch"))
    ax_loss.set_ylim(top=300)  # room for the legend above the capped curves
    ax_loss.legend(ncol=3, loc="upper right")
    acc = [runs[lr].test_acc[-1] for lr in lrs]
    ax_acc.plot(lrs, acc, "-o", color=COLORS["blue"])
    if chosen is not None:
        ax_acc.plot([chosen], [runs[chosen].test_acc[-1]], "o", markersize=12, markerfacecolor="none",
                    markeredgecolor=COLORS["red"], markeredgewidth=2, label=_f("chosen lr = {lr:g}", lr=chosen))
        ax_acc.legend(loc="lower center")
    ax_acc.set_xscale("log")
    ax_acc.set_ylim(0, 1.02)
    ax_acc.set_xlabel(_("step size lr (log scale)"))
    ax_acc.set_ylabel(_("validation accuracy"))
    ax_acc.set_title(_("accuracy after the last epoch"))
    return fig


def digits_curves_plot(run, target=None):
    """Learning curves of a :class:`nnlesson.exercises.DigitsRun`: loss and accuracy per epoch, train and test."""
    fig, (ax_loss, ax_acc) = figure(2, width=4.4, height=3.2)
    loss_curve(ax_loss, run.train_loss, label=_("training digits"), color=COLORS["blue"])
    loss_curve(ax_loss, run.test_loss, label=_("test digits (held out)"), color=COLORS["orange"])
    ax_loss.set_ylabel(_("loss (cross-entropy, log scale)"))
    ax_loss.set_title(_("loss per epoch"))
    ax_loss.legend()
    e = np.arange(len(run.train_acc))
    ax_acc.plot(e, run.train_acc, color=COLORS["blue"], label=_("training digits"))
    ax_acc.plot(e, run.test_acc, color=COLORS["orange"], label=_("test digits (held out)"))
    if target is not None:
        ax_acc.axhline(target, color=COLORS["grey"], linestyle="--", linewidth=1,
                       label=_f("target {target:.2f}", target=target))
    ax_acc.set_ylim(min(0.8, float(np.min(run.test_acc[1:] if len(e) > 1 else run.test_acc))) - 0.02, 1.005)
    ax_acc.set_xlabel(_("epoch"))
    ax_acc.set_ylabel(_("accuracy (share classified right)"))
    ax_acc.set_title(_("accuracy per epoch"))
    ax_acc.legend(loc="lower right")
    return fig


def digits_batch_losses_plot(traces, updates_per_epoch=None):
    """Per update: the loss of each mini-batch before its update (dots, a rise over the previous batch in
    red) and the loss on all the training digits after it (line), one panel per run.

    ``traces`` maps a panel title to an :class:`nnlesson.exercises.UpdateTrace`; ``updates_per_epoch``
    draws a dotted line where a new epoch starts.
    """
    fig, axes = figure(len(traces), width=4.4, height=3.3)
    axes = np.atleast_1d(axes)
    for ax, (title, tr) in zip(axes, traces.items()):
        s = np.asarray(tr.batch_losses, dtype=float)
        x = np.arange(1, len(s) + 1)
        ax.plot(x, s, "o", color=COLORS["blue"], markersize=3, alpha=0.6,
                label=_("loss of the batch, before its update"))
        up = np.flatnonzero(np.diff(s) > 0) + 1
        ax.plot(x[up], s[up], "o", color=COLORS["red"], markersize=3.5,
                label=_f("batch loss above the previous batch's ({count})", count=len(up)))
        full = np.asarray(tr.full_losses, dtype=float)
        rises = int(np.sum(np.diff(full) > 0))
        loss_curve(ax, full, x=np.arange(len(full)), xlabel=_("update (one mini-batch each)"),
                   label=_f("loss on all training digits, after the update (rose {rises} times)", rises=rises),
                   color=COLORS["black"], linewidth=1.6, log=False)
        if updates_per_epoch:
            for k in range(updates_per_epoch, len(s), updates_per_epoch):
                ax.axvline(k + 0.5, color=COLORS["grey"], linestyle=":", linewidth=1)
        ax.set_title(title, fontsize=11)
        ax.set_ylabel(_("cross-entropy loss"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1)
    return fig


def digits_early_stopping_plot(run, stops):
    """Training and validation loss per epoch of a :class:`nnlesson.exercises.DigitsRun` (validation in its
    ``test_*`` lists), with where the early-stopping rule stops and the epoch it keeps.

    ``stops`` maps a patience to ``(stop, best)`` as returned by :func:`nnlesson.exercises.early_stopping`.
    """
    fig, ax = figure(width=8.0, height=3.4)
    loss_curve(ax, run.train_loss, label=_("training digits (fit part)"), color=COLORS["blue"])
    loss_curve(ax, run.test_loss, label=_("validation digits"), color=COLORS["orange"])
    styles = [("--", COLORS["red"]), (":", COLORS["purple"]), ("-.", COLORS["green"])]
    for (patience, (stop, best)), (ls, colour) in zip(stops.items(), styles):
        if stop is not None:
            ax.axvline(stop, color=colour, linestyle=ls, linewidth=1.4,
                       label=_f("patience {patience}: stops at epoch {stop}", patience=patience, stop=stop))
        ax.plot([best], [run.test_loss[best]], "o", color=colour, markersize=8, markerfacecolor="none",
                markeredgewidth=2, label=_f("patience {patience}: keeps epoch {best}", patience=patience, best=best))
    ax.set_ylabel(_("cross-entropy loss (log scale)"))
    ax.set_title(_("early stopping: watch the validation loss"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def digits_compare_runs_plot(runs, heldout=None):
    """Two runs of :class:`nnlesson.exercises.DigitsRun` compared epoch by epoch.

    Left: training loss (solid) and held-out loss (dashed) of both runs; right: the second run's losses
    divided by the first's (below 1: the second run is ahead at that epoch).  ``runs`` maps a label to a run;
    ``heldout`` names the held-out digits in the legend (default "validation").
    """
    heldout = _("validation") if heldout is None else heldout
    (label_a, a), (label_b, b) = list(runs.items())[:2]
    fig, (ax_l, ax_r) = figure(2, width=4.4, height=3.4)
    for label, r, colour in ((label_a, a, COLORS["blue"]), (label_b, b, COLORS["orange"])):
        loss_curve(ax_l, r.train_loss, label=_f("{label}: training", label=label), color=colour, log=False)
        loss_curve(ax_l, r.test_loss, label=_f("{label}: {heldout}", label=label, heldout=heldout), color=colour,
                   linestyle="--", log=False)
    log_axes(ax_l, labels="plain", subs=(1.0, 2.0, 5.0))
    ax_l.set_ylabel(_("cross-entropy loss (log scale)"))
    ax_l.set_title(_("loss per epoch"))
    ax_l.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    e = np.arange(1, min(len(a.train_loss), len(b.train_loss)))
    ax_r.plot(e, np.asarray(b.train_loss)[e] / np.asarray(a.train_loss)[e], color=COLORS["black"],
              label=_("training loss"))
    ax_r.plot(e, np.asarray(b.test_loss)[e] / np.asarray(a.test_loss)[e], color=COLORS["black"], linestyle="--",
              label=_f("{heldout} loss", heldout=heldout))
    ax_r.axhline(1.0, color=COLORS["grey"], linewidth=1)
    ax_r.set_xlabel(_("epoch"))
    ax_r.set_ylabel(_f("ratio: {b} / {a}", b=label_b, a=label_a))
    ax_r.set_title(_("the second run's loss relative to the first's"))
    ax_r.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    return fig


def digits_sweep_pair_plot(runs_a, runs_b, titles=None, cap=10.0):
    """Two step-size sweeps side by side: held-out loss per epoch for every lr, same colours, same axes.

    ``runs_a`` and ``runs_b`` map lr to a :class:`nnlesson.exercises.DigitsRun` (validation in its ``test_*``
    lists), e.g. the same sweep on two versions of the inputs.  Losses above ``cap`` are drawn at the cap.
    ``titles``: the two panels' titles (default "pixels in [0, 1]", "centred pixels").
    """
    titles = (_("pixels in [0, 1]"), _("centred pixels")) if titles is None else titles
    fig, axes = figure(2, width=4.4, height=3.4, sharey=True)
    lrs = sorted(set(runs_a) | set(runs_b))
    colours = dict(zip(lrs, CYCLE))
    for ax, runs, title in zip(axes, (runs_a, runs_b), titles):
        for lr in sorted(runs):
            loss = np.minimum(np.asarray(runs[lr].test_loss, dtype=float), cap)
            loss_curve(ax, loss, label=f"lr = {lr:g}", color=colours[lr], marker="o", markersize=3)
        ax.set_title(title)
    axes[0].set_ylabel(_f("validation loss (capped at {cap:g})", cap=cap))
    axes[1].set_ylabel("")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(lrs))
    return fig


def digits_confusion_plot(C, title=None):
    """Counts C[i, j] (true i, predicted j) as a picture with the numbers written in (default title:
    "confusion matrix of the test digits")."""
    title = _("confusion matrix of the test digits") if title is None else title
    C = np.asarray(C)
    k = C.shape[0]
    fig, ax = figure(width=5.0, height=4.6)
    ax.imshow(np.log1p(C), cmap="Blues")
    for i in range(k):
        for j in range(k):
            if C[i, j]:
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=9,
                        color="white" if i == j else COLORS["red"],
                        fontweight="normal" if i == j else "bold")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel(_("predicted digit"))
    ax.set_ylabel(_("true digit"))
    ax.set_title(title)
    ax.grid(False)
    return fig


def digits_probability_bars(ax, probs, label=None, predicted=None):
    """A bar per class with the network's probability; true class green, a wrong prediction red.

    Returns the bar container (heights and colours can be changed later)."""
    probs = np.asarray(probs, dtype=float)
    k = len(probs)
    bars = ax.bar(np.arange(k), probs, color=COLORS["grey"])
    _colour_bars(bars, label, predicted)
    ax.set_xticks(range(k))
    ax.set_ylim(0, 1.05)
    ax.set_xlabel(_("class (digit)"))
    ax.set_ylabel(_("probability"))
    return bars


def _colour_bars(bars, label, predicted):
    for c, b in enumerate(bars):
        colour = COLORS["grey"]
        if predicted is not None and c == predicted and predicted != label:
            colour = COLORS["red"]
        if c == label:
            colour = COLORS["green"]
        b.set_color(colour)


def digits_probability_grid(images, probs, labels):
    """A few digits (top row) and the network's output probabilities for each (bottom row)."""
    images = np.asarray(images, dtype=float)
    probs = np.asarray(probs, dtype=float)
    k = len(images)
    fig, axes = figure(k, 2, width=1.75, height=1.9, gridspec_kw={"height_ratios": [1.0, 1.1]})
    axes = np.asarray(axes).reshape(2, k)
    for c in range(k):
        pred = int(np.argmax(probs[c]))
        _image(axes[0, c], images[c])
        wrong = pred != labels[c]
        axes[0, c].set_title(_f("true {label}, said {pred}", label=labels[c], pred=pred), fontsize=9,
                             color=COLORS["red"] if wrong else COLORS["black"])
        digits_probability_bars(axes[1, c], probs[c], labels[c], pred)
        axes[1, c].tick_params(axis="x", labelsize=9)
        if c:
            axes[1, c].set_ylabel("")
    return fig


def digits_histogram_plot(p, labels, names=("3", "8"), threshold=0.5):
    """Histogram of the predicted probability of class 1, one colour per true class."""
    p = np.asarray(p, dtype=float).ravel()
    labels = np.asarray(labels).ravel()
    fig, ax = figure(width=6.4, height=3.2)
    bins = np.linspace(0, 1, 21)
    for cls, colour in ((0, COLORS["blue"]), (1, COLORS["orange"])):
        ax.hist(p[labels == cls], bins=bins, color=colour, alpha=0.7, label=_f("true {name}", name=names[cls]),
                edgecolor="white")
    ax.axvline(threshold, color=COLORS["black"], linestyle="--", linewidth=1,
               label=_f("threshold {threshold:g}", threshold=threshold))
    ax.set_yscale("log")
    ax.set_xlabel(_f("network output = predicted probability that the digit is a {name}", name=names[1]))
    ax.set_ylabel(_("number of test digits (log scale)"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)  # below the axes: no line crosses it
    return fig
