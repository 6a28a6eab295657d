r"""Gradients by finite differences, and how to compare them with backprop.

Central difference for one parameter w:

    dL/dw ≈ (L(w + eps) - L(w - eps)) / (2 eps)

Its error shrinks like eps², but it costs two forward passes *per parameter*,
where backpropagation gets all of them for one forward and one backward pass
(the backward pass costs about twice the forward: two matrix products per layer
where the forward pass has one).  It is
the referee for a hand derivation or a backprop implementation, not a way to
train (article 004, (翻)为什么要训练人工神经网络: three ways to a gradient).

What relative error to expect (float64, eps = 1e-6, smooth activations):

* below 1e-7: the two agree; the backprop is right
* 1e-7 .. 1e-5: fine for most networks (ReLU kinks can land here, and so can a
  layer whose gradients are tiny: the differences' rounding noise, about
  1e-16 · L / eps per entry, is then a larger share of them)
* 1e-5 .. 1e-3: suspicious
* above 1e-3: almost certainly a bug (a sign, a factor of 2, a missing slope)

:func:`gradient_check` applies these to every array separately (each layer's
weights, each layer's biases) and judges the worst one: a single number over
all parameters is ruled by the largest gradients, and a wrong layer with small
gradients would hide in it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _checks
from ._i18n import N_, _, _f
from .network import MLP, Gradients

THRESHOLDS = ((1e-7, N_("excellent: backprop and finite differences agree")),
              (1e-5, N_("good: typical with ReLU kinks, large weights or very small gradients "
                        "(finite differences keep fewer digits there)")),
              (1e-3, N_("suspicious: look for a small mistake")),
              (np.inf, N_("wrong: a sign, a factor or an activation slope is off")))


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
    eps = _checks.positive_number("eps", eps, maximum=1.0)

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


def _flatten(g, name):
    if isinstance(g, Gradients):
        return g.flat()
    if isinstance(g, (list, tuple)) and g and all(isinstance(a, np.ndarray) for a in g):
        return np.concatenate([np.ravel(_checks.float_array(f"{name}[{i}]", a)) for i, a in enumerate(g)])
    return np.ravel(_checks.float_array(name, g))


def relative_error(a, b):
    r"""||a - b|| / max(||a|| + ||b||, 1e-300): 0 when equal, 1 when opposite.

    ``a`` and ``b`` may be arrays, lists of arrays or :class:`Gradients`.
    """
    fa, fb = _flatten(a, "a"), _flatten(b, "b")
    if fa.shape != fb.shape:
        raise ValueError(f"a and b must hold the same number of values, got {fa.size} and {fb.size}")
    denom = np.linalg.norm(fa) + np.linalg.norm(fb)
    return float(np.linalg.norm(fa - fb) / max(denom, 1e-300))


def thresholds():
    """:data:`THRESHOLDS` with each meaning in the notebook's language: [(upper bound, meaning), ...]."""
    return [(bound, _(text)) for bound, text in THRESHOLDS]


def verdict(rel_error):
    """The sentence from :data:`THRESHOLDS` that fits a relative error."""
    for bound, text in THRESHOLDS:
        if rel_error < bound:
            return _(text)
    return _(THRESHOLDS[-1][1])


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of :func:`gradient_check`, array by array.

    relative_error : the worst array's relative error (what the verdict judges)
    verdict : a sentence for that error, naming the worst array
    worst : the name of that array, e.g. "weights[0]"
    per_array : dict name -> relative error, for "weights[l]" and "biases[l]"
    diagnosis : dict name -> what the numbers suggest for each array that is off
        ("sign flipped", "2x too large", ...), empty when all agree
    """

    relative_error: float
    verdict: str
    worst: str
    per_array: dict
    diagnosis: dict

    def __repr__(self):
        rows = [f"{name:<12} {err:9.2e}  {self.diagnosis.get(name, '')}".rstrip()
                for name, err in self.per_array.items()]
        head = _f("gradient check: worst {worst} {error:.2e}: {verdict}", worst=self.worst,
                  error=self.relative_error, verdict=self.verdict)
        return "\n".join([head] + rows)


def _diagnose(mine, ref):
    """What relation between a suspect gradient and the reference explains them, in words."""
    a, b = np.ravel(mine), np.ravel(ref)
    nb = float(b @ b)
    if nb == 0.0:
        return _("should be all zeros") if np.any(a) else ""
    c = float(a @ b) / nb  # best single factor: mine ≈ c * ref
    if np.linalg.norm(a - c * b) > 1e-3 * (np.linalg.norm(a) + np.linalg.norm(b)):
        if np.allclose(np.abs(a), np.abs(b), rtol=1e-3, atol=1e-12 * np.abs(b).max()):
            return _("some signs flipped")
        return _("not a multiple of the right gradient: a wrong term (a missing slope, the wrong layer's values?)")
    if abs(c + 1) < 1e-3:
        return _("sign flipped")
    if abs(c) < 1e-12:
        return _("all zeros")
    if c > 1:
        return _f("{factor:.4g}x too large", factor=c)
    if c > 0:
        return _f("{factor:.4g}x too small", factor=1 / c)
    return _f("sign flipped and {factor:.4g}x the size", factor=abs(c))


def _noise_floor(loss, eps, size):
    """Size of the rounding noise in a central difference of ``size`` entries (below it, nothing is judged)."""
    return 10.0 * np.sqrt(size) * np.finfo(float).eps * max(abs(loss), 1e-12) / eps


def _learner_gradients(net, gradients):
    """A (weights, biases) pair checked against the network's shapes."""
    if isinstance(gradients, Gradients):
        pair = (gradients.weights, gradients.biases)
    elif isinstance(gradients, (list, tuple)) and len(gradients) == 2:
        pair = gradients
    else:
        raise TypeError("gradients must be a Gradients object or a pair (weights, biases) of lists "
                        f"of arrays, got {type(gradients).__name__}")
    out = []
    for kind, given, params in zip(("weights", "biases"), pair, (net.weights, net.biases)):
        if isinstance(given, np.ndarray) or not isinstance(given, (list, tuple)):
            raise TypeError(f"gradients' {kind} must be a list with one array per layer, "
                            f"got {type(given).__name__}")
        if len(given) != len(params):
            raise ValueError(f"gradients' {kind} need {len(params)} arrays (one per layer), got {len(given)}")
        arrays = []
        for layer, (g, p) in enumerate(zip(given, params)):
            name = f"gradients.{kind}[{layer}]"
            arr = _checks.float_array(name, g)
            if arr.shape != p.shape:
                extra = " (it looks transposed)" if arr.ndim == 2 and arr.T.shape == p.shape else ""
                raise ValueError(f"{name} must have the shape of net.{kind}[{layer}], {p.shape}, "
                                 f"got {arr.shape}{extra}")
            arrays.append(arr)
        out.append(arrays)
    return out


def gradient_check(net, X, Y, loss="mse", eps=1e-6, gradients=None):
    """Gradients against central differences, array by array.

    Checks the network's own backprop (``gradients=None``) or gradients that
    you computed yourself: a :class:`Gradients` or a pair ``(weights, biases)``
    of lists of arrays shaped like ``net.weights`` and ``net.biases``.

    Each array (each layer's weights, each layer's biases) gets its own
    relative error, ||g - g_num|| / (||g|| + ||g_num||): one number over all
    parameters would be ruled by the layers with the largest gradients and
    could hide a wrong layer whose gradients are small.  The verdict judges
    the worst array and names it.  An array whose gradients are all below the
    rounding noise of the finite differences counts as agreeing when both are
    that small.  Returns a :class:`GradientCheck`; the network is not changed.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
    X, Y = net._check_XY(X, Y, loss)
    eps = _checks.positive_number("eps", eps, maximum=1.0)
    if gradients is None:
        mine = net.gradients(X, Y, loss)
        mine = (mine.weights, mine.biases)
    else:
        mine = _learner_gradients(net, gradients)
    num = numerical_gradients(net, X, Y, loss, eps)
    per_array, diagnosis = {}, {}
    for kind, ours, ref in zip(("weights", "biases"), mine, (num.weights, num.biases)):
        for layer, (a, b) in enumerate(zip(ours, ref)):
            name = f"{kind}[{layer}]"
            diff = float(np.linalg.norm(a - b))
            scale = max(float(np.linalg.norm(a) + np.linalg.norm(b)), _noise_floor(num.loss, eps, a.size))
            per_array[name] = diff / scale
            if per_array[name] >= THRESHOLDS[1][0]:
                diagnosis[name] = _diagnose(a, b)
    worst = max(per_array, key=per_array.get)
    rel = per_array[worst]
    text = verdict(rel)
    if rel >= THRESHOLDS[1][0]:
        text = (_f("{verdict}; worst is {worst}", verdict=text, worst=worst)
                + (_f(" ({diagnosis})", diagnosis=diagnosis[worst]) if diagnosis.get(worst) else ""))
    return GradientCheck(rel, text, worst, per_array, diagnosis)
