r"""Loss functions and their derivatives with respect to the network's output.

Notation: ``Y`` holds the targets and ``P`` the network's outputs, both of
shape (n, k): n samples (rows), k outputs.

=============== ================================================ ==========================
name            L(P, Y)                                          dL/dP
=============== ================================================ ==========================
"mse"           (1/(n k)) sum_{i,j} (Y_ij - P_ij)^2                2 (P - Y) / (n k)
"half_sse"      (1/n) sum_i 1/2 sum_j (Y_ij - P_ij)^2              (P - Y) / n
"cross_entropy" sigmoid output: -(1/n) sum [Y ln P + (1-Y) ln(1-P)]  (P - Y) / (P (1-P) n)
                softmax output: -(1/n) sum Y ln P                    -Y / (P n)
=============== ================================================ ==========================

"mse" averages over every element; "half_sse" is the loss of the worked
examples in articles 001 and 003: half the squared error summed over the
outputs, averaged over the samples.  Cross-entropy uses the natural log;
article 003 (神经网络参数优化) writes log2, which only multiplies the loss and
its gradient by 1/ln 2 ≈ 1.44, the same as a larger learning rate.

When the output activation is sigmoid or softmax, cross-entropy is computed
from the pre-activations ``Z`` (:func:`cross_entropy_from_logits`), which stays
finite even when a probability rounds to 0 or 1, and its gradient with respect
to Z collapses to (P - Y) / n: the output unit's slope cancels, so a confident
wrong answer still gets a large gradient at the output.  (Hidden units keep
their slopes: a sigmoid hidden layer can still make the gradients of the layers
below it small.)
"""

from __future__ import annotations

import numpy as np

from . import _checks

NAMES = ("mse", "half_sse", "cross_entropy")


def check_name(name, argument="loss"):
    return _checks.choice(argument, name, NAMES)


def mse(P, Y):
    """Mean over every element of (Y - P)^2."""
    d = np.asarray(P) - np.asarray(Y)
    return float(np.mean(d * d))


def mse_grad(P, Y):
    """dL/dP = 2 (P - Y) / (n k)."""
    P = np.asarray(P)
    return 2.0 * (P - Y) / P.size


def half_sse(P, Y):
    """(1/n) sum over samples of 1/2 sum over outputs of (Y - P)^2."""
    d = np.asarray(P) - np.asarray(Y)
    return float(0.5 * np.sum(d * d) / d.shape[0])


def half_sse_grad(P, Y):
    """dL/dP = (P - Y) / n."""
    P = np.asarray(P)
    return (P - Y) / P.shape[0]


def cross_entropy(P, Y, output="softmax"):
    """Natural-log cross-entropy averaged over samples, from probabilities P.

    ``output="sigmoid"``: each output is its own yes/no probability;
    ``output="softmax"``: each row of P is one distribution over classes.
    Probabilities are clipped to [1e-15, 1 - 1e-15] so that log(0) cannot occur.
    """
    P = np.clip(np.asarray(P, dtype=np.float64), 1e-15, 1 - 1e-15)
    Y = np.asarray(Y, dtype=np.float64)
    if output == "sigmoid":
        total = -np.sum(Y * np.log(P) + (1 - Y) * np.log(1 - P))
    else:
        total = -np.sum(Y * np.log(P))
    return float(total / P.shape[0])


def _softplus(Z):
    """ln(1 + e^z) without overflow, and to full relative precision where it is tiny."""
    return np.maximum(Z, 0) + np.log1p(np.exp(-np.abs(Z)))


def cross_entropy_from_logits(Z, Y, output="softmax"):
    r"""Cross-entropy computed from pre-activations Z, stable and accurate for any size of Z.

    sigmoid: -[y ln σ(z) + (1-y) ln(1-σ(z))] = y softplus(-z) + (1-y) softplus(z),
    with softplus(z) = ln(1 + e^z).  Written this way no two large numbers are
    subtracted, so a tiny loss (z = 30, y = 1: ln(1 + e^-30) ≈ 9.358e-14) keeps
    its digits, which a stopping rule ``tol`` relies on.

    softmax: sum over k of y_k (-ln p_k), with -ln p_k = ln(1 + r) - (z_k - m), where
    m is the row's largest logit and r = sum over the other classes of e^(z_j - m);
    ln(1 + r) by log1p stays accurate when the right class wins by a wide margin.
    """
    Z = np.asarray(Z, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if output == "sigmoid":
        total = np.sum(Y * _softplus(-Z) + (1 - Y) * _softplus(Z))
    else:
        rows = np.arange(Z.shape[0])
        top = np.argmax(Z, axis=1)
        shifted = Z - Z[rows, top][:, None]          # <= 0, exactly 0 at the top class
        e = np.exp(shifted)
        e[rows, top] = 0.0
        log_norm = np.log1p(e.sum(axis=1))           # ln(sum_j e^(z_j - m)) = ln(1 + r)
        total = np.sum(Y * (log_norm[:, None] - shifted))
    return float(total / Z.shape[0])


def cross_entropy_grad(P, Y, output="softmax"):
    """dL/dP for cross-entropy on probabilities (before the activation's slope)."""
    P = np.clip(np.asarray(P, dtype=np.float64), 1e-15, 1 - 1e-15)
    n = P.shape[0]
    if output == "sigmoid":
        return (P - Y) / (P * (1 - P) * n)
    return -Y / (P * n)


def cross_entropy_logit_grad(P, Y, output="softmax"):
    """dL/dZ for cross-entropy with a sigmoid or softmax output: (P - Y) / n.

    For softmax with targets whose rows do not sum to one the general form
    (P * sum(Y) - Y) / n is used; for one-hot rows it is the same thing.
    """
    n = P.shape[0]
    if output == "sigmoid":
        return (P - Y) / n
    return (P * Y.sum(axis=1, keepdims=True) - Y) / n


def squared_error_and_grad(name, P, Y):
    """("mse" or "half_sse") value and dL/dP from one difference P - Y (what training uses)."""
    diff = P - Y
    flat = diff.reshape(-1)
    sq = float(flat @ flat)
    if name == "mse":
        return sq / diff.size, diff * (2.0 / diff.size)
    n = diff.shape[0]
    return 0.5 * sq / n, diff * (1.0 / n)


def value(name, P, Y, output="identity", Z=None):
    """The loss ``name`` for outputs P and targets Y (Z: pre-activations, for cross-entropy)."""
    if name == "mse":
        return mse(P, Y)
    if name == "half_sse":
        return half_sse(P, Y)
    if Z is not None:
        return cross_entropy_from_logits(Z, Y, output)
    return cross_entropy(P, Y, output)


def gradient(name, P, Y, output="identity"):
    """dL/dP for the loss ``name``."""
    if name == "mse":
        return mse_grad(P, Y)
    if name == "half_sse":
        return half_sse_grad(P, Y)
    return cross_entropy_grad(P, Y, output)
