r"""Gradients by finite differences, and how to compare them with backprop.

Central difference for one parameter w:

    dL/dw ≈ (L(w + eps) - L(w - eps)) / (2 eps)

Its error shrinks like eps², but it costs two forward passes *per parameter*,
where backpropagation gets all of them for about the cost of two passes.  It is
the referee for a hand derivation or a backprop implementation, not a way to
train (article 004, (翻)为什么要训练人工神经网络: three ways to a gradient).

What relative error to expect (float64, eps = 1e-6, smooth activations):

* below 1e-7: the two agree; the backprop is right
* 1e-7 .. 1e-5: fine for most networks (ReLU kinks can land here)
* 1e-5 .. 1e-3: suspicious
* above 1e-3: almost certainly a bug (a sign, a factor of 2, a missing slope)
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .network import MLP, Gradients

THRESHOLDS = ((1e-7, "excellent: backprop and finite differences agree"),
              (1e-5, "good: typical with ReLU kinks or large weights"),
              (1e-3, "suspicious: look for a small mistake"),
              (np.inf, "wrong: a sign, a factor or an activation slope is off"))


def numerical_gradients(net, X, Y, loss="mse", eps=1e-6):
    """Central-difference gradients of ``net.loss(X, Y, loss)`` for every weight and bias.

    Returns a :class:`~nnlesson.network.Gradients` with the same structure as
    ``net.gradients``.  The network is left exactly as it was (each parameter
    is restored after it is nudged).  Cost: 2 forward passes per parameter, plus
    one for the loss reported with the result.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
    X, Y = net._check_XY(X, Y, loss)
    eps = _checks.positive_number("eps", eps)

    def objective():
        Zs, As = net._forward(X)
        return net._loss(Zs, As, Y, loss)

    result = []
    for params in (net.weights, net.biases):
        grads = []
        for p in params:
            g = np.empty_like(p)
            flat, gflat = p.reshape(-1), g.reshape(-1)
            for i in range(flat.size):
                original = flat[i]
                flat[i] = original + eps
                up = objective()
                flat[i] = original - eps
                down = objective()
                flat[i] = original
                gflat[i] = (up - down) / (2 * eps)
            grads.append(g)
        result.append(grads)
    return Gradients(result[0], result[1], objective())


def _flatten(g):
    if isinstance(g, Gradients):
        return g.flat()
    if isinstance(g, (list, tuple)):
        return np.concatenate([np.ravel(np.asarray(a, dtype=np.float64)) for a in g])
    return np.ravel(np.asarray(g, dtype=np.float64))


def relative_error(a, b):
    r"""||a - b|| / max(||a|| + ||b||, 1e-300): 0 when equal, 1 when opposite.

    ``a`` and ``b`` may be arrays, lists of arrays or :class:`Gradients`.
    """
    fa, fb = _flatten(a), _flatten(b)
    if fa.shape != fb.shape:
        raise ValueError(f"a and b must hold the same number of values, got {fa.size} and {fb.size}")
    denom = np.linalg.norm(fa) + np.linalg.norm(fb)
    return float(np.linalg.norm(fa - fb) / max(denom, 1e-300))


def verdict(rel_error):
    """The sentence from :data:`THRESHOLDS` that fits a relative error."""
    for bound, text in THRESHOLDS:
        if rel_error < bound:
            return text
    return THRESHOLDS[-1][1]


def gradient_check(net, X, Y, loss="mse", eps=1e-6):
    """Backprop against central differences: returns (relative error, verdict)."""
    rel = relative_error(net.gradients(X, Y, loss), numerical_gradients(net, X, Y, loss, eps))
    return rel, verdict(rel)
