r"""Backpropagation helpers and self-checks for the backprop notebook (NumPy only).

The 2-2-2 example of article 001 (深度学习 – 反向传播例子), one sample, loss
E = ½ Σ_k (t_k − o_k)², sigmoid units.  The chain rule for a weight into an
output unit, e.g. w5 (h1 → o1):

    ∂E/∂w5 = ∂E/∂o1 · ∂o1/∂net_o1 · ∂net_o1/∂w5 = (o1 − t1) · o1(1 − o1) · out_h1

and for a weight into a hidden unit, e.g. w1 (i1 → h1), the error signal of h1
collects what both outputs send back through the *current* w5 and w7:

    ∂E/∂w1 = (δ_o1 w5 + δ_o2 w7) · out_h1(1 − out_h1) · i1,   δ_ok = (o_k − t_k) o_k(1 − o_k)

Every right answer below is computed by nnlesson (``net.trace``), never typed in.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from .._i18n import _, _f
from ..examples import article001_net, article003_net
from ..gradcheck import gradient_check, numerical_gradients
from ..network import MLP, Gradients
from ._feedback import Feedback, compare, compare_count

__all__ = [
    "bp_backward_steps",
    "bp_graph_w5",
    "bp_buggy_gradients",
    "bp_count_passes",
    "bp_pass_counts",
    "check_bp_w5",
    "check_bp_w1",
    "check_bp_output_layer",
    "check_bp_buggy",
    "check_bp_passes",
    "check_bp_backward",
]



def _p(v, digits=6):
    """A number for a formula: negatives in parentheses, e.g. (−0.038098)."""
    text = f"{abs(v):.{digits}f}"
    return f"(−{text})" if v < 0 else text


def _article001_parts(t1=None):
    """Forward quantities of the 2-2-2 example (target t1 may be changed)."""
    ex = article001_net()
    if t1 is not None:
        ex.Y = np.array([[float(t1), ex.Y[0, 1]]])
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    x, h, o, y = ex.X[0], tr.A[1][0], tr.A[2][0], ex.Y[0]
    W2 = ex.net.weights[1]
    return ex, tr, x, h, o, y, W2


def _weight_name(ex, layer, i, j):
    for name, where in ex.names.items():
        if where == (layer, i, j):
            return name
    raise KeyError((layer, i, j))


def bp_backward_steps(t1=None):
    """The backward pass of the 2-2-2 example, one quantity per step.

    Returns a list of dicts with keys ``quantity`` (its symbol), ``formula``
    (with the numbers put in), ``value``, ``why`` (one line in words),
    ``units`` (list of (layer, index) to highlight) and ``edges`` (list of
    (layer, i, j) weights to highlight), and ``grad`` ((layer, i, j) when the
    step yields a weight's gradient, else None).  ``t1`` replaces the target of
    o1 (0.01 in the article).
    """
    ex, tr, x, h, o, y, W2 = _article001_parts(t1)
    dE_do, delta_o = tr.dA[2][0], tr.delta[2][0]      # ∂E/∂o_k and δ_o_k = ∂E/∂net_o_k
    dE_dh, delta_h = tr.dA[1][0], tr.delta[1][0]      # ∂E/∂out_h_j and δ_h_j = ∂E/∂net_h_j
    dW = tr.gradients.weights
    steps = [dict(quantity="E_total", formula=f"½(t1−o1)² + ½(t2−o2)² = ½({y[0]:.2f}−{o[0]:.6f})² + "
                  f"½({y[1]:.2f}−{o[1]:.6f})²", value=float(tr.loss),
                  why=_("the forward pass ends with the total error"), units=[(2, 0), (2, 1)], edges=[], grad=None)]
    for k in range(2):
        slope = o[k] * (1 - o[k])
        u = [(2, k)]
        steps += [
            dict(quantity=f"∂E/∂o{k + 1}", formula=f"o{k + 1} − t{k + 1} = {o[k]:.6f} − {y[k]:.2f}", value=dE_do[k],
                 why=_f("how the error changes with o{k} (the ½ cancels the 2 of the square)", k=k + 1), units=u,
                 edges=[], grad=None),
            dict(quantity=f"∂o{k + 1}/∂net_o{k + 1}", formula=f"o{k + 1}(1 − o{k + 1}) = {o[k]:.6f} × {1 - o[k]:.6f}",
                 value=slope, why=_f("the sigmoid's slope at o{k}", k=k + 1), units=u, edges=[], grad=None),
            dict(quantity=f"δ_o{k + 1}", formula=f"∂E/∂o{k + 1} · o{k + 1}(1 − o{k + 1}) = {_p(dE_do[k])} × "
                 f"{slope:.6f}", value=delta_o[k], why=_f("o{k}'s error signal: ∂E/∂net_o{k}", k=k + 1), units=u,
                 edges=[], grad=None),
        ]
        for i in range(2):
            name = _weight_name(ex, 1, i, k)
            steps.append(dict(quantity=f"∂E/∂{name}", formula=f"δ_o{k + 1} · out_h{i + 1} = {_p(delta_o[k])} × "
                              f"{h[i]:.6f}", value=dW[1][i, k],
                              why=_f("{name} carries out_h{i} into o{k}", name=name, i=i + 1, k=k + 1),
                              units=[(1, i), (2, k)], edges=[(1, i, k)], grad=(1, i, k)))
    for j in range(2):
        slope = h[j] * (1 - h[j])
        n0, n1 = _weight_name(ex, 1, j, 0), _weight_name(ex, 1, j, 1)
        u = [(1, j)]
        steps += [
            dict(quantity=f"∂E/∂out_h{j + 1}", formula=f"δ_o1·{n0} + δ_o2·{n1} = {_p(delta_o[0])}×{W2[j, 0]:.2f} + "
                 f"{_p(delta_o[1])}×{W2[j, 1]:.2f}", value=dE_dh[j],
                 why=_f("h{j} feeds both outputs: add the blame from each (old weights!)", j=j + 1), units=u,
                 edges=[(1, j, 0), (1, j, 1)], grad=None),
            dict(quantity=f"∂out_h{j + 1}/∂net_h{j + 1}", formula=f"out_h{j + 1}(1 − out_h{j + 1}) = {h[j]:.6f} × "
                 f"{1 - h[j]:.6f}", value=slope, why=_f("the sigmoid's slope at h{j}", j=j + 1), units=u, edges=[],
                 grad=None),
            dict(quantity=f"δ_h{j + 1}", formula=_f("∂E/∂out_h{j} · slope = {dE_dh} × {slope:.6f}", j=j + 1,
                                                    dE_dh=_p(dE_dh[j]), slope=slope),
                 value=delta_h[j], why=_f("h{j}'s error signal: ∂E/∂net_h{j}", j=j + 1), units=u, edges=[], grad=None),
        ]
        for i in range(2):
            name = _weight_name(ex, 0, i, j)
            steps.append(dict(quantity=f"∂E/∂{name}", formula=f"δ_h{j + 1} · i{i + 1} = {_p(delta_h[j])} × "
                              f"{x[i]:.2f}", value=dW[0][i, j],
                              why=_f("{name} carries input i{i} into h{j}", name=name, i=i + 1, j=j + 1),
                              units=[(0, i), (1, j)], edges=[(0, i, j)], grad=(0, i, j)))
    for s in steps:
        s["value"] = float(s["value"])
    return steps


def bp_graph_w5():
    """The path from w5 to the loss of the 2-2-2 example as a computational graph, node by node.

    Returns a list of dicts (forward order) with ``node`` (its name), ``op`` (how it is computed),
    ``value`` (forward), ``local`` (∂ next node / ∂ this node; None for E), ``upstream`` (∂E/∂ next node)
    and ``grad`` (∂E/∂ this node = local × upstream).  Every number comes from ``net.trace``.
    """
    ex, tr, x, h, o, y, W2 = _article001_parts()
    w5 = W2[0, 0]
    net_o1, d = float(tr.Z[2][0, 0]), o[0] - y[0]
    rows = [
        dict(node="w5", op=_("weight"), value=w5, local=h[0]),
        dict(node="p", op="w5 · out_h1", value=w5 * h[0], local=1.0),
        dict(node="net_o1", op="p + w6 · out_h2\n+ b2", value=net_o1, local=o[0] * (1 - o[0])),
        dict(node="o1", op="σ(net_o1)", value=o[0], local=1.0),
        dict(node="d", op="o1 − t1", value=d, local=d),
        dict(node="E", op="½ d²\n+ ½ (t2 − o2)²", value=float(tr.loss), local=None),
    ]
    grad = 1.0
    rows[-1].update(upstream=None, grad=grad)
    for r in reversed(rows[:-1]):
        r["upstream"] = grad
        grad = r["local"] * grad
        r["grad"] = grad
    for r in rows:
        for k in ("value", "local", "upstream", "grad"):
            if r[k] is not None:
                r[k] = float(r[k])
    return rows


def bp_buggy_gradients(net, X, Y, loss="half_sse"):
    """Backprop with a deliberate bug, for the gradient-check exercise.

    Which bug it is, is the exercise: find it with finite differences.
    """
    tr = net.trace(X, Y, loss)
    g = tr.gradients
    W = [w.copy() for w in g.weights]
    b = [v.copy() for v in g.biases]
    # the last hidden layer's error signal is sent back without the activation's slope
    L = len(net.weights)
    if L >= 2:
        wrong = tr.delta[L] @ net.weights[L - 1].T
        W[L - 2] = tr.A[L - 2].T @ wrong
        b[L - 2] = wrong.sum(axis=0)
    return Gradients(W, b, g.loss)


def bp_count_passes(net, how, X, Y, loss="half_sse"):
    """Count the forward and backward passes one way of getting the gradients makes.

    ``how`` is "backprop" (``net.gradients``) or "finite differences"
    (``numerical_gradients``).  Returns (forward passes, backward passes).
    The counting wraps the network's own forward/backward methods for the
    duration of the call and then removes the wrappers.
    """
    counts = {"forward": 0, "backward": 0}
    fwd, bwd = net._forward, net._backward

    def forward(*a, **k):
        counts["forward"] += 1
        return fwd(*a, **k)

    def backward(*a, **k):
        counts["backward"] += 1
        return bwd(*a, **k)

    net._forward, net._backward = forward, backward
    try:
        if how == "backprop":
            net.gradients(X, Y, loss)
        elif how == "finite differences":
            numerical_gradients(net, X, Y, loss)
        else:
            raise ValueError(f"how must be 'backprop' or 'finite differences', got {how!r}")
    finally:
        del net._forward, net._backward
    return counts["forward"], counts["backward"]


def bp_pass_counts(net, X, Y, loss="half_sse"):
    """dict with the parameter count and the passes each method makes on ``net``."""
    fd = bp_count_passes(net, "finite differences", X, Y, loss)
    bp = bp_count_passes(net, "backprop", X, Y, loss)
    return {"parameters": net.n_parameters, "fd_forward": fd[0], "bp_forward": bp[0], "bp_backward": bp[1]}


# --- self-checks ---------------------------------------------------------------

def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def check_bp_w5(answer):
    """∂E/∂w5 in the 2-2-2 example (before any update)."""
    ex, tr, x, h, o, y, W2 = _article001_parts()
    right = float(tr.gradients.weights[1][0, 0])
    d_o = tr.delta[2][0]
    net_h1 = float(tr.Z[1][0, 0])
    net_o1_ = float(tr.Z[2][0, 0])
    w5, lr = float(W2[0, 0]), ex.lr
    return compare("∂E/∂w5", answer, right, mistakes={
        _("the sign is flipped: ∂E/∂o1 = o1 − t1 (output minus target), not t1 − o1"): -right,
        _("the sigmoid's slope o1(1 − o1) is missing: ∂o1/∂net_o1 is one of the three factors"): (o[0] - y[0]) * h[0],
        _("the sigmoid's slope o1(1 − o1) is missing and the sign is flipped (∂E/∂o1 = o1 − t1)"):
            (y[0] - o[0]) * h[0],
        _("the slope was taken of o1 instead of net_o1: σ′(net_o1) = o1(1 − o1), not σ(o1)(1 − σ(o1))"):
            (o[0] - y[0]) * _sigmoid(o[0]) * (1 - _sigmoid(o[0])) * h[0],
        _("it is twice the right value: the ½ in E = ½Σ(t − o)² cancels the 2 from differentiating the square"):
            2 * right,
        _("the last factor is missing: ∂net_o1/∂w5 = out_h1, the input that w5 multiplies (that number is δ_o1)"):
            d_o[0],
        _("∂net_o1/∂w5 is the input that w5 multiplies, out_h1, not out_h2 (that would be ∂E/∂w6)"):
            d_o[0] * h[1],
        _("∂net_o1/∂w5 is out_h1, the hidden unit's output after the sigmoid, not its weighted sum net_h1"):
            d_o[0] * net_h1,
        _("∂net_o1/∂w5 is out_h1, the hidden unit's output, not o1"): d_o[0] * o[0],
        _("that is o2's error signal times out_h1, i.e. ∂E/∂w7: w5 leads to o1, so use o1 and t1"): d_o[1] * h[0],
        _("the first factor is ∂E/∂o1 = o1 − t1, how fast the error changes with o1, not the error E_total "
          "itself"):
            float(tr.loss) * o[0] * (1 - o[0]) * h[0],
        _("the slope is σ′(net_o1) = o1(1 − o1), written with the sigmoid's output o1; net_o1(1 − net_o1) is no "
        "slope"): (o[0] - y[0]) * net_o1_ * (1 - net_o1_) * h[0],
        _("the slope is o1(1 − o1): the factor (1 − o1) is missing"): (o[0] - y[0]) * o[0] * h[0],
        _("∂net_o1/∂w5 is the input that w5 multiplies, out_h1, not w5 itself (δ_o1 · w5 is what o1 sends back to "
        "h1)"): d_o[0] * w5,
        _f("that is one step, lr · ∂E/∂w5 with lr = {lr}, not the gradient ∂E/∂w5 itself", lr=lr): lr * right,
        _("that is half the right value (a stray ½: the ½ of E = ½Σ(t − o)² is already used up by the 2 of the "
        "square)"): 0.5 * right,
        _f("that is the updated weight w5 − lr · ∂E/∂w5 (lr = {lr}), not the gradient", lr=lr): w5 - lr * right,
    })


def check_bp_w1(answer):
    """∂E/∂w1 in the 2-2-2 example, computed with the *current* weights."""
    ex, tr, x, h, o, y, W2 = _article001_parts()
    right = float(tr.gradients.weights[0][0, 0])
    d_o = tr.delta[2][0]
    s_h = h[0] * (1 - h[0])
    lr = ex.lr
    g2 = tr.gradients.weights[1]
    w5, w7 = W2[0, 0], W2[0, 1]
    w5_new, w7_new = w5 - lr * g2[0, 0], w7 - lr * g2[0, 1]
    back = d_o[0] * w5 + d_o[1] * w7
    return compare("∂E/∂w1", answer, right, mistakes={
        _("you used the updated w5 and w7: every gradient of one step comes from the same (old) weights; "
        "update only after all gradients are known"): (d_o[0] * w5_new + d_o[1] * w7_new) * s_h * x[0],
        _("you used the updated w5: every gradient of one step comes from the same (old) weights"):
            (d_o[0] * w5_new + d_o[1] * w7) * s_h * x[0],
        _("you used the updated w7: every gradient of one step comes from the same (old) weights"):
            (d_o[0] * w5 + d_o[1] * w7_new) * s_h * x[0],
        _("only o1's path is counted: h1 also feeds o2 through w7, add δ_o2 · w7"): d_o[0] * w5 * s_h * x[0],
        _("only o2's path is counted: h1 also feeds o1 through w5, add δ_o1 · w5"): d_o[1] * w7 * s_h * x[0],
        _("h1's sigmoid slope out_h1(1 − out_h1) is missing"): back * x[0],
        _("the outputs' slopes are missing: send back δ_ok = (o_k − t_k) o_k(1 − o_k), not o_k − t_k"):
            ((o[0] - y[0]) * w5 + (o[1] - y[1]) * w7) * s_h * x[0],
        _("h1's slope was taken of out_h1 instead of net_h1: out_h1(1 − out_h1), not σ(out_h1)(1 − σ(out_h1))"):
            back * _sigmoid(h[0]) * (1 - _sigmoid(h[0])) * x[0],
        _("w6 and w8 leave h2, not h1: h1's blame comes back through w5 and w7"):
            (d_o[0] * W2[1, 0] + d_o[1] * W2[1, 1]) * s_h * x[0],
        _("the last factor is missing: ∂net_h1/∂w1 = i1 (that number is δ_h1)"): back * s_h,
        _("you multiplied by i2 = 0.10, the input that w2 carries; w1 carries i1 = 0.05 "
        "(because i2 = 2·i1 here, this also equals twice the right value)"): back * s_h * x[1],
        _("it is twice the right value: the ½ in the loss cancels the 2 of the square"): 2 * right,
        _("the sign is flipped: start from o − t, not t − o"): -right,
        _("h1's blame comes back through w5 (to o1) and w7 (to o2); w6 leaves h2"):
            (d_o[0] * w5 + d_o[1] * W2[1, 0]) * s_h * x[0],
        _("∂net_h1/∂w1 is the input that w1 multiplies, i1, not w1 itself"):
            back * s_h * float(ex.net.weights[0][0, 0]),
        _f("that is one step, lr · ∂E/∂w1 with lr = {lr}, not the gradient ∂E/∂w1 itself", lr=lr): lr * right,
        _("that is half the right value (a stray ½: the ½ of the loss is already used up by the 2 of the square)"):
            0.5 * right,
        _f("that is the updated weight w1 − lr · ∂E/∂w1 (lr = {lr}), not the gradient", lr=lr):
            float(ex.net.weights[0][0, 0]) - lr * right,
    })


def check_bp_output_layer(answer):
    """dL/dW for the output layer of article 003's network: shape (2, 3), hidden units x outputs."""
    ex = article003_net()
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    right = tr.gradients.weights[1]
    h, p, y = tr.A[1], tr.A[2], ex.Y
    hint = _("W[1][i, j] joins hidden unit i to output j, so entry [i, j] is h_i · δ_j with δ = (ŷ − y) ŷ(1 − ŷ): "
             "the outer product np.outer(h3, delta), or h3[:, None] * delta. h3 and delta are 1-D, and .T does "
             "nothing to a 1-D array, so h3.T @ delta is no (2, 3) matrix: it fails (lengths 2 and 3).")
    if answer is not None:
        try:
            ndim = np.ndim(np.asarray(answer, dtype=float))
        except (TypeError, ValueError):
            ndim = None
        if ndim == 0:
            return Feedback(False, _f("dL/dW (output layer) is a single number, but the layer has 2 × 3 = 6 "
                                      "weights and each needs its own gradient h_i · δ_j; a sum or a dot product "
                                      "(@ of two 1-D arrays) collapses them into one. Hint: {hint}", hint=hint))
        if ndim == 1:
            d = ((p - y) * p * (1 - p))[0]
            if np.shape(answer) == d.shape and np.allclose(np.asarray(answer, dtype=float), d, rtol=5e-4, atol=0):
                return Feedback(False, _f("dL/dW (output layer) = δ, the outputs' error signals: a weight's "
                                          "gradient is δ_j times the input it multiplies, h_i, so the answer is a "
                                          "(2, 3) matrix. Hint: {hint}", hint=hint))
            return Feedback(False, _f("dL/dW (output layer) is a 1-D array of shape {shape}, but the layer's "
                                      "weights form a (2, 3) matrix: one row per hidden unit, one column per "
                                      "output. Hint: {hint}", shape=np.shape(answer), hint=hint))
    delta = (p - y) * p * (1 - p)
    s_h = h * (1 - h)
    sig_p = _sigmoid(p)
    return compare(_("dL/dW (output layer)"), answer, right, mistakes={
        _("the sigmoid's slope ŷ(1 − ŷ) is missing"): h.T @ (p - y),
        _("the sigmoid's slope ŷ(1 − ŷ) is missing and the sign is flipped (dL/dŷ = ŷ − y)"): h.T @ (y - p),
        _("the slope was taken of ŷ instead of the weighted sum z: σ′(z) = ŷ(1 − ŷ), not σ(ŷ)(1 − σ(ŷ))"):
            h.T @ ((p - y) * sig_p * (1 - sig_p)),
        _("the slope was taken at the targets, y(1 − y), which is 0 for 0/1 targets; use ŷ(1 − ŷ)"):
            h.T @ ((p - y) * y * (1 - y)),
        _("the hidden units' slope h(1 − h) belongs to the layer below; this layer's gradient is h_i · δ_j"):
            (h * s_h).T @ delta,
        _("the sign is flipped: dL/dŷ = ŷ − y"): -right,
        _("twice the right value: the ½ in the loss cancels the 2 of the square"): 2 * right,
        _f("that is one step, lr · dL/dW with lr = {lr}, not the gradient itself", lr=ex.lr): ex.lr * right,
        _("half the right value: a stray ½ (the ½ of the loss is already used up by the 2 of the square)"):
            0.5 * right,
        _f("that is the updated weights W − lr · dL/dW (lr = {lr}), not the gradient", lr=ex.lr):
            ex.net.weights[1] - ex.lr * right,
        _("that multiplies δ_j by the weight w_ij; a weight's gradient multiplies δ_j by the input it carries, "
          "h_i"):
            ex.net.weights[1] * delta,
    }, hint=hint)


def check_bp_buggy(layer, bug):
    """Which layer's gradient does ``bp_buggy_gradients`` get wrong, and what is the bug?

    ``layer``: 0 (input → hidden) or 1 (hidden → output); ``bug``: one of
    "sign", "factor 2", "slope", "transpose".
    """
    ex = article003_net()
    bad = bp_buggy_gradients(ex.net, ex.X, ex.Y, ex.loss)
    check = gradient_check(ex.net, ex.X, ex.Y, ex.loss, gradients=bad)
    num = numerical_gradients(ex.net, ex.X, ex.Y, ex.loss)
    report = ", ".join(f"{name}: {e:.0e}" for name, e in check.per_array.items())
    if layer is None or bug is None:
        return Feedback(False, _("no answer yet (the cell still holds None)."))
    options = ("sign", "factor 2", "slope", "transpose")
    if isinstance(layer, (float, np.floating)) and float(layer) in (0.0, 1.0):
        layer = int(layer)                 # 0.0 is the whole number 0, as counts are judged elsewhere
    if isinstance(layer, (bool, np.bool_)) or not isinstance(layer, (int, np.integer)) or layer not in (0, 1):
        return Feedback(False, _f("layer must be the whole number 0 or 1, got {layer!r}.", layer=layer))
    kind = " ".join(str(bug).strip().lower().split())
    for article in ("the ", "a "):
        kind = kind.removeprefix(article)
    kind = kind.replace("factor of 2", "factor 2").replace("missing slope", "slope").replace("transposed", "transpose")
    if kind not in options:
        return Feedback(False, _f("bug must be one of {options}, got {bug!r}.", options=options, bug=bug))
    if layer == 1:
        return Feedback(False, _f("weights[1] and biases[1] agree with finite differences ({report}); "
                                  "the bug is in the layer whose relative error is far above 1e-7.", report=report))
    ratio = bad.weights[0] / num.weights[0]
    clues = {
        "sign": _("a flipped sign would make every ratio buggy/numerical equal −1"),
        "factor 2": _("a factor of 2 would make every ratio equal 2 (or ½)"),
        "transpose": _("a transposed matrix would not even have the right shape; these shapes match"),
    }
    if kind in clues:
        return Feedback(False, _f("layer 0 is right, but not the bug: {clue}; the ratios are {ratios}.",
                                  clue=clues[kind], ratios=np.round(ratio, 2).tolist()))
    return Feedback(True, _f("layer 0 and the missing sigmoid slope: the ratios buggy/numerical {ratios} are "
                             "1/(h(1 − h)) for each hidden unit, all ≥ 4 ({report}).",
                             ratios=np.round(ratio[0], 2).tolist(), report=report))


def check_bp_passes(answer):
    """Forward passes that central differences need for article 003's network (all weights and biases)."""
    ex = article003_net()
    P = ex.net.n_parameters
    n_w = sum(w.size for w in ex.net.weights)
    n_layers = len(ex.net.weights)
    return compare_count(_("forward passes"), answer, 2 * P, mistakes={
        _("you counted only the weights: every bias is a parameter too and needs its own two passes"): 2 * n_w,
        _("that is one bias per layer (as in article 001's example, where one bias feeds a whole layer); "
        "nnlesson gives every unit its own bias, and each needs two passes"): 2 * (n_w + n_layers),
        _("central differences need two passes per parameter, L(w + ε) and L(w − ε)"): P,
        _("that is the number of weights alone, and one pass each: count the biases, and two passes per "
          "parameter"):
            n_w,
        _("that is 2 × 12 for article 001's 2-2-2 network (8 weights, 4 biases); count ex3.net's parameters"):
            2 * article001_net().net.n_parameters,
        _("that is the cost of backprop (1 forward + 1 backward) for all parameters at once"): 2,
        _("that counts one extra pass for the loss itself; the differences alone need 2 per parameter"): 2 * P + 1,
    }, hint=_("parameters = all entries of ex3.net.weights and ex3.net.biases; each needs L(w + ε) and L(w − ε)."))


# --- backprop as matrices: the learner's own backward() ------------------------

#: The networks a learner's ``backward`` is tried on: (sizes, hidden, output, batch size, seed).  Different
#: depths, activations and batch sizes (none of them 2, where a factor n and a factor 2 coincide), and one with
#: square layers, where a transposed matrix or the wrong layer's activations keep the right shape.
BACKWARD_NETS = (
    ((3, 4, 2), "sigmoid", "sigmoid", 5, 1),
    ((2, 5, 4, 3), "tanh", "sigmoid", 7, 2),
    ((3, 3, 3, 3, 3), "sigmoid", "identity", 3, 3),
)


def _backward_nets():
    out = []
    for sizes, hidden, output, n, seed in BACKWARD_NETS:
        rng = np.random.default_rng(seed)
        net = MLP(list(sizes), hidden=hidden, output=output, init="normal", seed=seed)
        X = rng.normal(size=(n, sizes[0]))
        Y = rng.uniform(0.1, 0.9, size=(n, sizes[-1]))
        out.append((net, X, Y))
    return out


def _backward_variant(net, X, Y, bug=None, at=None):
    """Matrix backprop for the loss "half_sse", with one typical mistake ``bug`` made at layer ``at``.

    Layer l has weights[l] (A_l -> Z_{l+1}).  Returns (dWs, dbs).  Bugs: "sign" (δ_L = (Y − Ŷ)/n ...),
    "no 1/n", "extra 1/n" (dW and db divided by n again), "no output slope", "no slope" (δ_at without
    f'(Z_at)), "slope of A" (f' evaluated at A_at instead of Z_at), "output A" (dW_at = A_{at+1}ᵀ δ),
    "W not transposed" (δ_at from δ_{at+1} W_at), "bias mean" (db = mean over rows), "sigmoid slope" (f′ of
    layer ``at`` written as A(1 − A) whatever its activation), "next activation" (δ_at with the slope of
    layer at + 1's activation, ``names[at]`` instead of ``names[at - 1]``).
    """
    names = net.layer_activations
    L = len(net.weights)
    A, Z = [X], [None]
    for W, b, f in zip(net.weights, net.biases, names):
        Z.append(A[-1] @ W + b)
        A.append(activations.forward(f, Z[-1]))
    n = X.shape[0]

    def fprime(l, of=None):
        if bug == "sigmoid slope" and at == l:
            return A[l] * (1 - A[l])                     # σ′ written from the outputs, whatever f is
        if bug == "next activation" and at == l:
            return activations.slope(names[l], Z[l])     # layer l + 1's activation, one entry too far
        return activations.slope(names[l - 1], Z[l] if of is None else of)

    dA = (A[L] - Y) / n
    if bug == "mse":
        dA = dA * 2 / Y.shape[1]
    if bug == "sign":
        dA = -dA
    elif bug == "no 1/n":
        dA = dA * n
    delta = dA if bug == "no output slope" else dA * fprime(L, A[L] if bug == "slope of A" and at == L else None)
    # (fprime(L) never takes "next activation": there is no layer after the output)
    dWs, dbs = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        src = A[l + 1] if (bug == "output A" and at == l) else A[l]
        dWs[l] = src.T @ delta
        dbs[l] = delta.mean(axis=0) if bug == "bias mean" else delta.sum(axis=0)
        if bug == "extra 1/n":
            dWs[l], dbs[l] = dWs[l] / n, dbs[l] / n
        if l > 0:
            back = delta @ (net.weights[l] if (bug == "W not transposed" and at == l) else net.weights[l].T)
            if bug == "no slope" and at == l:
                delta = back
            else:
                delta = back * fprime(l, A[l] if (bug == "slope of A" and at == l) else None)
    return dWs, dbs


def _order(L):
    """Array names from the output layer down, in the order the check judges them."""
    return [f"{kind}[{l}]" for l in range(L - 1, -1, -1) for kind in ("weights", "biases")]


def _mistakes_for(net, X, Y):
    """Typical mistakes of a matrix backward pass: a list of (explanation, {array name: value})."""
    L, n = len(net.weights), X.shape[0]
    out = []

    def add(bug, at, text):
        try:
            dWs, dbs = _backward_variant(net, X, Y, bug, at)
        except ValueError:        # a shape the network cannot make (e.g. W not transposed on a non-square layer)
            return
        arrays = {f"weights[{l}]": dWs[l] for l in range(L)}
        arrays.update({f"biases[{l}]": dbs[l] for l in range(L)})
        out.append((text, arrays))

    add("sign", None, _("the sign is flipped: δ_L starts from dL/dŶ = (Ŷ − Y)/n, output minus target"))
    add("no 1/n", None, _f("it is n = {n} times too large: the 1/n of the batch mean is missing from "
                           "δ_L = (Ŷ − Y)/n ⊙ f′(Z_L)", n=n))
    add("mse", None, _("that is the gradient of the loss \"mse\", 2(Ŷ − Y)/(n·k), a mean over all n·k entries; "
                       "the exercise's loss \"half_sse\" has dL/dŶ = (Ŷ − Y)/n"))
    add("extra 1/n", None, _f("it is n = {n} times too small: the 1/n belongs in δ_L only; A_lᵀ δ and the row sum "
                              "already add the samples up, so do not divide by n again", n=n))
    add("bias mean", None, _f("the bias gradient is n = {n} times too small: db_l is the sum of δ_(l+1) over the "
                              "rows (samples), not their mean (the 1/n is already in δ_L)", n=n))
    if net.output != "identity":
        add("no output slope", None, _f("the output layer's slope f′(Z_L) ({f}) is missing from δ_L", f=net.output))
        add("slope of A", L, _f("the output slope was evaluated at the outputs: use f′(Z_L), not f′(A_L) ({f})",
                                f=net.output))
    if net.output != "sigmoid":
        add("sigmoid slope", L, _f("δ_L uses A_L(1 − A_L), the sigmoid's slope, but the output activation is "
                                   "{f}: take f′ from nl.activations.slope(net.layer_activations[-1], Z_L)",
                                   f=net.output))
    for l in range(1, L):
        f = net.layer_activations[l - 1]
        add("no slope", l, _f("δ_{l} is missing the slope: δ_{l} = (δ_{l1} W_{l}ᵀ) ⊙ f′(Z_{l}) ({f})",
                              l=l, l1=l + 1, f=f))
        add("slope of A", l, _f("the slope in δ_{l} was evaluated at the layer's outputs: use f′(Z_{l}), not "
                                "f′(A_{l}) ({f})", l=l, f=f))
        add("W not transposed", l, _f("δ_{l} = δ_{l1} W_{l}ᵀ: the weights go back transposed, not as W_{l}",
                                      l=l, l1=l + 1))
        if f != "sigmoid":
            add("sigmoid slope", l, _f("the slope in δ_{l} is written as A_{l}(1 − A_{l}), the sigmoid's, but layer "
                                       "{l} uses {f}: take f′ from nl.activations.slope(names[{l0}], Z[{l}])",
                                       l=l, l0=l - 1, f=f))
        if net.layer_activations[l] != f:
            add("next activation", l, _f("the slope in δ_{l} is that of layer {l1}'s activation ({g}, names[{l}]); "
                                         "layer {l} uses {f}, names[{l0}]: net.layer_activations[0] belongs to "
                                         "layer 1, so layer l's is names[l − 1]",
                                         l=l, l0=l - 1, l1=l + 1, f=f, g=net.layer_activations[l]))
    for l in range(L):
        add("output A", l, _f("dW_{l} multiplies δ_{l1} by the layer's input A_{l}ᵀ (for weights[0], X), "
                              "not by its output A_{l1}", l=l, l1=l + 1))
    return out


def _same(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-12)


def _describe(array_name, mine, right, mistakes):
    """Why the first wrong array (from the output down) differs from the right one, in words.

    A listed mistake is named when it gives the learner's value for this array and leaves every array
    judged before it (the layers above) right, as the learner's are.
    """
    order = _order(len(right) // 2)
    before = order[:order.index(array_name)]
    found = [text for text, arrays in mistakes
             if _same(mine, arrays[array_name]) and not _same(arrays[array_name], right[array_name])
             and all(_same(arrays[k], right[k]) for k in before)]
    if found:
        return _("; or ").join(dict.fromkeys(found))
    ref = right[array_name]
    if mine.ndim == 2 and mine.shape == ref.T.shape and np.allclose(mine, ref.T, rtol=1e-7, atol=1e-12):
        return _("it is transposed: dW_l = A_lᵀ δ_(l+1), shaped (units in, units out) like weights[l]")
    if np.allclose(mine, -ref, rtol=1e-7, atol=1e-12):
        return _f("its sign is flipped (only from {name} down: look at how this array is formed)", name=array_name)
    scale = float(np.vdot(mine, ref) / max(np.vdot(ref, ref), 1e-300))
    if np.allclose(mine, scale * ref, rtol=1e-6, atol=1e-12):
        return _f("it is {scale:.4g} times the right gradient: a constant factor is off", scale=scale)
    return _("it is not a multiple of the right gradient: a wrong term (a slope, the wrong layer's values?)")


def check_bp_backward(backward_fn, loss="half_sse"):
    """Run a learner's ``backward(net, X, Y)`` on networks of different depths and batch sizes.

    ``backward_fn(net, X, Y)`` must return ``(dWs, dbs)``: lists with one array per layer, shaped like
    ``net.weights`` and ``net.biases``, the gradients of the loss "half_sse", L = (1/n) Σ_i ½ Σ_k (ŷ_ik − y_ik)².
    Each result is checked array by array with ``nl.gradient_check(..., gradients=(dWs, dbs))``; the
    feedback names the network, the first layer (from the output down) where the gradients go wrong, and
    the kind of mistake (sign, the 1/n, a slope, a transpose, the wrong layer's activations ...).
    """
    if backward_fn is None:
        return Feedback(False, _("no function yet (the cell still holds None): define backward(net, X, Y) and "
                                 "pass it, exercises.check_bp_backward(backward)."))
    if not callable(backward_fn):
        return Feedback(False, _f("pass the function itself, e.g. check_bp_backward(backward), not {kind}.",
                                  kind=type(backward_fn).__name__))
    if loss != "half_sse":
        raise ValueError(f"loss must be 'half_sse' (the loss the exercise asks for), got {loss!r}")
    for net, X, Y in _backward_nets():
        where = _f("on the net {sizes} ({hidden} hidden, {output} output) with a batch of {n}",
                   sizes=list(net.sizes), hidden=net.hidden, output=net.output, n=X.shape[0])
        try:
            result = backward_fn(net.copy(), X.copy(), Y.copy())
        except Exception as err:  # noqa: BLE001 - the learner's code may fail in any way; say how
            hint = ""
            if isinstance(err, ValueError) and "matmul" in str(err):
                hint = _(" A matrix product's shapes do not fit: dW_l = A_lᵀ δ_(l+1) and "
                         "δ_l = (δ_(l+1) W_lᵀ) ⊙ f′(Z_l); print the shapes (samples are rows).")
            return Feedback(False, _f("backward raised {error} {where}: {err}.{hint}", error=type(err).__name__,
                                      where=where, err=err, hint=hint))
        if isinstance(result, (tuple, list)) and len(result) and isinstance(result[0], np.ndarray):
            return Feedback(False, _f("backward returned a list of arrays {where}; return a pair of lists, "
                                      "(dWs, dbs): the weight gradients and the bias gradients, one array per "
                                      "layer each.", where=where))
        if not (isinstance(result, (tuple, list)) and len(result) == 2):
            return Feedback(False, _f("backward must return a pair (dWs, dbs) of lists, got {kind} {where}.",
                                      kind=type(result).__name__, where=where))
        dWs, dbs = result
        L = len(net.weights)
        for kind, given, params in (("dWs", dWs, net.weights), ("dbs", dbs, net.biases)):
            if not isinstance(given, (list, tuple)) or len(given) != L:
                size = len(given) if isinstance(given, (list, tuple)) else type(given).__name__
                return Feedback(False, _f("{kind} must be a list with one array per layer ({L}), got {size} "
                                          "{where}.", kind=kind, L=L, size=size, where=where))
            for l, (g, p) in enumerate(zip(given, params)):
                if g is None:
                    return Feedback(False, _f("{kind}[{l}] is still None {where}: the backward loop must fill "
                                              "every layer, from l = L − 1 down to 0.", kind=kind, l=l, where=where))
                try:
                    arr = np.asarray(g, dtype=float)
                except (TypeError, ValueError):
                    return Feedback(False, _f("{kind}[{l}] is not an array of numbers {where}.", kind=kind, l=l,
                                              where=where))
                if arr.shape != p.shape:
                    return Feedback(False, _f("{kind}[{l}] has shape {got}, expected {want} {where}. ", kind=kind,
                                              l=l, got=arr.shape, want=p.shape, where=where)
                                    + _shape_hint(kind, l, arr.shape, p.shape, X.shape[0], net.sizes))
        right = net.gradients(X, Y, loss)
        try:
            check = gradient_check(net, X, Y, loss, gradients=([np.asarray(g, float) for g in dWs],
                                                               [np.asarray(g, float) for g in dbs]))
        except ValueError as err:
            return Feedback(False, _f("the gradients could not be checked {where}: {err}", where=where, err=err))
        wrong = [(int(k.split("[")[1][:-1]), k.split("[")[0]) for k in _order(L) if check.per_array[k] >= 1e-6]
        if not wrong:
            continue
        l, kind = wrong[0]
        name = f"{kind}[{l}]"
        mine = np.asarray((dWs if kind == "weights" else dbs)[l], dtype=float)
        ref = {f"weights[{k}]": w for k, w in enumerate(right.weights)}
        ref.update({f"biases[{k}]": v for k, v in enumerate(right.biases)})
        why = _describe(name, mine, ref, _mistakes_for(net, X, Y))
        table = ", ".join(f"{k}: {v:.0e}" for k, v in check.per_array.items())
        above = _("the layers above it agree, so the mistake enters here") if l < L - 1 or kind == "biases" else \
            _("this is the output layer, where δ_L is made")
        return Feedback(False, _f("{where}: {name} is wrong ({above}): {why}. Relative errors per array: {table}.",
                                  where=where, name=name, above=above, why=why, table=table))
    return Feedback(True, _("backward is right on every network tried (depths 2 to 4, batches of 5, 7 and 3): "
                            "each array agrees with finite differences."))


def _shape_hint(kind, l, got, want, n, sizes):
    if len(got) == 2 and got == want[::-1]:
        return _f("It looks transposed: dW_{l} = A_{l}ᵀ δ_{l1} has one row per unit of layer {l}.", l=l, l1=l + 1)
    if kind == "dWs" and len(got) == 2 and got == (sizes[l + 1], sizes[l + 1]):
        return _f("That is A_{l1}ᵀ δ_{l1}: use the layer's input A_{l}, not its output A_{l1}.", l=l, l1=l + 1)
    if kind == "dbs" and got == ():
        return _("np.sum(delta) without an axis adds everything into one number: sum over the rows, axis=0.")
    if kind == "dbs" and got == (n,):
        return _("The bias gradient sums δ over the rows (samples), axis=0, one number per unit.")
    if kind == "dbs" and len(got) == 2:
        return _("Sum δ over the rows (axis=0) to get one number per unit, a 1-D array.")
    return _("Each gradient has the shape of the array it belongs to.")
