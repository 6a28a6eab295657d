"""Batch-size widget (notebook 06): pick a batch size and a step size, see the training run.

Every (batch size, step size) pair is trained once when the widget is made
(a few hundred milliseconds on small data); moving a control only looks the
run up and changes the lines' data, so a redraw costs one PNG render and the
sliders redraw while they are dragged.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

from .. import datasets
from .._i18n import _, _f, figure_text
from ..exercises.batches import batch_lr_grid, sample_gradient_matrix
from ..network import MLP
from ..plots._look import COLORS, figure
from ..plots.batches import draw_batch_run, grid_ylim
from ._live import Controls, LiveFigure

__all__ = ["batch_size_explorer", "batch_explorer_data", "BATCH_SIZES", "BATCH_LRS"]

#: The batch sizes and step sizes the widget offers (n = 100 samples by default).
BATCH_SIZES = (1, 5, 10, 20, 50, 100)
BATCH_LRS = (0.1, 0.3, 1.0, 3.0)


def batch_explorer_data(n=100, epochs=10, batch_sizes=BATCH_SIZES, lrs=BATCH_LRS, seed=0):
    """Everything the widget shows, computed once: the data, the start network, every run, the noise.

    Returns a dict with ``X``, ``Y``, ``net`` (the common start), ``runs``
    ({(b, lr): History}), ``noise`` (gradient noise at the start weights for
    every b < n) and the settings.  Two moons, a 2-8-1 tanh/sigmoid network,
    cross-entropy loss.
    """
    X, labels = datasets.two_moons(n=n, seed=seed)
    Y = labels[:, None].astype(float)
    net = MLP([2, 8, 1], hidden="tanh", output="sigmoid", seed=seed)
    runs = batch_lr_grid(net, X, Y, batch_sizes, lrs, epochs, loss="cross_entropy", seed=seed)
    G = sample_gradient_matrix(net, X, Y, "cross_entropy")
    b = np.arange(1, n)
    sigma2 = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    noise = {"b": b, "sigma2": sigma2, "theory": sigma2 / b * (n - b) / (n - 1)}  # the exact expectation
    return {"X": X, "Y": Y, "net": net, "runs": runs, "noise": noise, "n": n, "epochs": epochs,
            "batch_sizes": tuple(batch_sizes), "lrs": tuple(lrs)}


def batch_size_explorer(batch_size=10, lr=0.3, show=("batch_size", "lr"), data=None):
    """Batch size and step size -> the run's batch and epoch losses, and the gradient noise of that b.

    ``batch_size`` and ``lr`` are presets (values from ``BATCH_SIZES`` and
    ``BATCH_LRS``, or from ``data``); ``show`` lists the visible controls;
    ``data`` is the result of :func:`batch_explorer_data` (made here if None,
    so a notebook can share one set of runs with its static grid).
    """
    data = data or batch_explorer_data()
    n, runs = data["n"], data["runs"]
    if batch_size not in data["batch_sizes"]:
        raise ValueError(f"batch_size must be one of {data['batch_sizes']} (the precomputed runs), got {batch_size!r}")
    if lr not in data["lrs"]:
        raise ValueError(f"lr must be one of {data['lrs']} (the precomputed runs), got {lr!r}")
    controls = Controls(
        show,
        batch_size=W.SelectionSlider(options=list(data["batch_sizes"]), value=batch_size,
                                     description=_("batch size b"), style={"description_width": "initial"},
                                     layout=W.Layout(width="420px")),
        lr=W.SelectionSlider(options=list(data["lrs"]), value=lr, description=_("step size η"),
                             style={"description_width": "initial"}, layout=W.Layout(width="420px")),
    )
    fig, (ax, ax2) = figure(2, width=4.0, height=3.2, pyplot=False)
    first = runs[(batch_size, lr)]
    s_line, e_line = draw_batch_run(ax, first, n, ylim=grid_ylim(runs))
    ax.set_xlim(0, data["epochs"])

    noise = data["noise"]
    ax2.plot(noise["b"], noise["theory"], "-", color=COLORS["blue"], label="σ²/b · (n−b)/(n−1)")
    ax2.plot(noise["b"], noise["sigma2"] / noise["b"], "--", color=COLORS["grey"], linewidth=1,
             label="σ²/b")
    (mark,) = ax2.plot([], [], "o", color=COLORS["red"], markersize=9)
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel(figure_text("batch size b (log scale)"))
    ax2.set_ylabel(figure_text(r"gradient noise $E\,\|g_B - g\|^2$"))
    handles, labels = [], []
    for a in (ax, ax2):  # one legend below both panels, where no line can cross it
        h_, l_ = a.get_legend_handles_labels()
        handles += h_
        labels += l_
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels), fontsize=9)
    # The run's numbers go in an HTML readout under the figure: text drawn in the figure is most of a redraw.
    readout = W.HTML()
    per_b = dict(zip(noise["b"].tolist(), noise["theory"].tolist()))

    def update(batch_size, lr):
        h = runs[(batch_size, lr)]
        steps = np.asarray(h.step_losses, dtype=float)
        per = -(-n // batch_size)
        ok = np.isfinite(steps)
        s_line.set_data((np.arange(len(steps)) / per)[ok], steps[ok])
        e = np.asarray(h.epoch_losses, dtype=float)
        e_line.set_data(np.arange(len(e)), e)
        if per == 1:
            text = _f("b={b}, η={lr:g}: 1 update/epoch, loss {loss:.3f}", b=batch_size, lr=lr, loss=e[-1])
        else:
            text = _f("b={b}, η={lr:g}: {per} updates/epoch, loss {loss:.3f}", b=batch_size, lr=lr, per=per,
                      loss=e[-1])
        text = html.escape(text, quote=False)
        if h.diverged:
            text += f'<b style="color:{COLORS["red"]}">{html.escape(_("  DIVERGED"), quote=False)}</b>'
        if batch_size < n:
            mark.set_data([batch_size], [per_b[batch_size]])
            note = _f("noise at b={b}: {noise:.3g}", b=batch_size, noise=per_b[batch_size])
        else:
            mark.set_data([], [])
            note = _("b = n: the exact gradient, no noise")
        readout.value = f"<code>{text}; {html.escape(note, quote=False)}</code>"

    for axis in (ax.yaxis, ax2.xaxis, ax2.yaxis):  # log axes: plain labels, none on minor ticks (fast redraw)
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
        axis.set_minor_locator(NullLocator())
    # Only the two loss lines and the marker change: drawn over a kept background.
    return LiveFigure(fig, controls, update, extra=readout, dynamic=[s_line, e_line, mark])


def _factory():
    return batch_size_explorer()


LATENCY_CASES = [
    ("batch size and step size (precomputed runs)", _factory, [
        {"batch_size": 1}, {"batch_size": 5}, {"batch_size": 20}, {"batch_size": 50}, {"batch_size": 100},
        {"lr": 1.0}, {"batch_size": 1}, {"lr": 3.0}, {"batch_size": 10}, {"lr": 0.1},
        {"batch_size": 100}, {"batch_size": 5}, {"lr": 0.3}, {"batch_size": 20}, {"lr": 1.0},
    ]),
]
