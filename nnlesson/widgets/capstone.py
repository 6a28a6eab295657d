r"""The digit explorer of notebook 07: pick a test digit, see its image and the network's output.

``digit_explorer(net, X, labels)`` shows, for the test digit chosen by ``index``,

* left: the 8x8 image;
* right: the ten output probabilities (softmax), the true class in green and a wrong
  prediction in red;
* under the figure: the digit's true label and the network's prediction, in red when it is wrong.

``which="misclassified"`` walks through the digits the network gets wrong only.
Without ``net``/``X``/``labels`` it trains the notebook's network once (about 0.5 s) and
uses the held-out digits of :func:`nnlesson.exercises.digits_split`.
"""

from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from .._i18n import N_, _, _f, figure_text
from ..exercises.capstone import DIGITS_SIZES, digits_fit, digits_split
from ..network import MLP
from ..plots._look import COLORS, figure
from ..plots.capstone import _colour_bars, digits_probability_bars
from ._live import Controls, LiveFigure, dropdown, int_slider

__all__ = ["digit_explorer", "digits_default_net"]

_WHICH = (N_("all test digits"), N_("misclassified"))   # the values; the menu shows them translated
_CACHE = {}


def digits_default_net(lr=0.1, epochs=40, batch_size=32):
    """The notebook's network (64-30-10, tanh, softmax, Xavier) trained on the digits; a fresh copy each call."""
    key = (lr, epochs, batch_size)
    if key not in _CACHE:
        Xtr, Xte, ytr, yte = digits_split()
        net = MLP(DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
        digits_fit(net, Xtr, ytr, Xte, yte, lr=lr, epochs=epochs, batch_size=batch_size)
        _CACHE[key] = net
    return _CACHE[key].copy()


def digit_explorer(net=None, X=None, labels=None, index=0, which="all test digits", show=("index", "which")):
    """Pick a held-out digit and see the network's ten output probabilities.

    Parameters
    ----------
    net : a trained MLP with 64 inputs and 10 softmax outputs (default: :func:`digits_default_net`)
    X, labels : the digits to browse, rows of 64 pixels in [0, 1] (default: the test split)
    index : starting position in the chosen set (0 .. its size - 1; the slider runs over that set only)
    which : "all test digits" or "misclassified" (only the digits the network gets wrong)
    show : visible controls, from ("index", "which")

    Returns a :class:`LiveFigure`.
    """
    if which not in _WHICH:
        raise ValueError(f"which must be one of {_WHICH}, got {which!r}")
    if net is None:
        net = digits_default_net()
    if X is None or labels is None:
        _unused, X, _unused2, labels = digits_split()
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels).astype(int)
    P = net.forward(X)
    pred = np.argmax(P, axis=1)
    sets = {"all test digits": np.arange(len(X)), "misclassified": np.flatnonzero(pred != labels)}
    none_wrong = len(sets["misclassified"]) == 0
    if none_wrong:
        sets["misclassified"] = sets["all test digits"]
    descriptions = {"all test digits": _("test digit index"), "misclassified": _("misclassified digit number")}
    slider = int_slider(descriptions[which], 0, 0, len(sets[which]) - 1)
    slider.value = min(max(int(index), 0), len(sets[which]) - 1)
    controls = Controls(
        show,
        index=slider,
        which=dropdown(_("show"), which, [(_(name), name) for name in _WHICH]),
    )

    def rescale(change):
        """The slider runs over the chosen set only: 0 .. (its size - 1), no wrapping around."""
        slider.value = 0          # position 0 of the new set (redraws once, with the new set)
        slider.max = len(sets[change["new"]]) - 1
        slider.description = descriptions[change["new"]]

    # registered before LiveFigure's own observers, so the slider's range is set before the redraw
    controls.widgets["which"].observe(rescale, names="value")

    fig, (ax_img, ax_bar) = figure(2, width=3.4, height=2.8, pyplot=False)
    im = ax_img.imshow(X[0].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    ax_img.grid(False)
    for spine in ax_img.spines.values():
        spine.set_visible(False)
    ax_img.set_xlabel(figure_text("8 × 8 pixels, 0 white, 1 black"))
    bars = digits_probability_bars(ax_bar, P[0], labels[0], pred[0])
    # Grid behind the bars, and the bars clear of the x axis line: then drawing only the bars over a kept
    # background gives the very picture a full redraw gives.
    ax_bar.set_axisbelow(True)
    ax_bar.set_ylim(-0.015, 1.05)
    ax_bar.set_ylabel(figure_text("output probability"))
    ax_bar.set_yticks([0.0, 0.5, 1.0])
    readout = W.HTML()

    def update(index, which):
        chosen = sets[which]
        k = min(max(int(index), 0), len(chosen) - 1)
        i = int(chosen[k])
        im.set_data(X[i].reshape(8, 8))
        for b, h in zip(bars, P[i]):
            b.set_height(h)
        _colour_bars(bars, labels[i], pred[i])
        wrong = pred[i] != labels[i]
        note = ""
        if which == "misclassified":
            note = (_(" (none is misclassified: showing all)") if none_wrong
                    else _f(" (misclassified digit {k} of the {count}, numbered 0 to {last})", k=k,
                            count=len(chosen), last=len(chosen) - 1))
        if wrong:
            said = _f("true {label}, predicted {pred}: P({pred}) = {p_pred:.3f}, P({label}) = {p_true:.3f}",
                      label=labels[i], pred=pred[i], p_pred=P[i, pred[i]], p_true=P[i, labels[i]])
        else:
            said = _f("true {label}, predicted {pred} (right): P({pred}) = {p_pred:.3f}", label=labels[i],
                      pred=pred[i], p_pred=P[i, pred[i]])
        text = html.escape(_f("test digit {i}{note}: {said}; the ten probabilities sum to {total:.6f}", i=i,
                              note=note, said=said, total=P[i].sum()), quote=False)
        # The digit's verdict is in this readout (red when the network is wrong), not in the figure: text drawn
        # in the figure is most of a redraw's cost.
        style = f' style="color:{COLORS["red"]};font-weight:bold"' if wrong else ""
        readout.value = f"<code{style}>{text}</code>"

    # Only the image and the bars change: the rest is drawn once and kept (blitting).
    return LiveFigure(fig, controls, update, extra=readout, dynamic=[im, *bars])


def _factory():
    return digit_explorer()


#: (label, factory, changes) for benchmarks/widget_latency.py
LATENCY_CASES = [
    ("digit_explorer", _factory, [
        {"index": 1}, {"index": 2}, {"index": 10}, {"index": 50}, {"index": 100}, {"index": 200},
        {"index": 300}, {"index": 448}, {"which": "misclassified"}, {"index": 0}, {"index": 3},
        {"index": 5}, {"which": "all test digits"}, {"index": 7}, {"index": 42},
    ]),
]
