r"""Activation functions and their slopes.

A neuron first forms a weighted sum :math:`z = x W + b`, then applies a
non-linearity :math:`a = f(z)`.  For backpropagation we also need the slope
:math:`f'(z)`.  Each activation here is written so that the slope can be read
off the output ``a`` (cheap: no second exponential).

======== ===================================== ==============================
name     f(z)                                  f'(z)
======== ===================================== ==============================
sigmoid  1 / (1 + e^{-z})                      a (1 - a)
tanh     tanh z                                1 - a^2
relu     max(0, z)                             1 if z > 0 else 0
identity z                                     1
softmax  e^{z_k} / sum_j e^{z_j}  (per row)    full Jacobian, see ``backward``
======== ===================================== ==============================

Note the sign in the sigmoid: article 000 (神经网络中神经元的权重更新) prints
1/(1+e^{x}), which is the mirror image 1 - sigmoid(x) and *falls* as x grows.
"""

from __future__ import annotations

import numpy as np

from . import _checks

HIDDEN = ("sigmoid", "tanh", "relu", "identity")
OUTPUT = HIDDEN + ("softmax",)


def sigmoid(z):
    r"""Logistic function 1 / (1 + e^{-z}).

    e^{-z} is capped at e^{700} (about 1e304, still finite), so no overflow can
    occur: for z below -700 the result is about 1e-304 instead of a smaller
    number that would round to 0 anyway.
    """
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)  # 0-d input stays an array, so out= works below
    np.negative(z, out=out)
    np.minimum(out, 700.0, out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def sigmoid_slope(z):
    """Slope of the sigmoid, sigmoid(z) * (1 - sigmoid(z)); at most 0.25 (at z = 0)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent, output in (-1, 1)."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def relu(z):
    """Rectified linear unit max(0, z)."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def identity(z):
    """No non-linearity: f(z) = z."""
    return np.array(z, dtype=np.float64)


def softmax(z):
    r"""Row-wise softmax e^{z_k - max z} / sum_j e^{z_j - max z} (the shift avoids overflow)."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


_FORWARD = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "identity": identity, "softmax": softmax}


def check_name(name, argument="activation", allowed=OUTPUT):
    return _checks.choice(argument, name, allowed)


def forward(name, z):
    """a = f(z) for the activation called ``name``."""
    return _FORWARD[check_name(name)](z)


def slope(name, z):
    """f'(z) element by element (not defined for softmax, whose Jacobian is a matrix)."""
    check_name(name, allowed=HIDDEN)
    a = forward(name, z)
    return _slope_from_output(name, np.asarray(z, dtype=np.float64), a)


def _slope_from_output(name, z, a):
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (z > 0).astype(np.float64)
    return np.ones_like(a)


def backward(name, dA, z, a):
    r"""Gradient with respect to z, given the gradient dA = dL/da and the cache (z, a).

    For the element-wise activations this is dA * f'(z).  For softmax each row
    uses the Jacobian diag(a) - a a^T, which gives a * (dA - sum(dA * a)).
    """
    if name == "softmax":
        return a * (dA - np.sum(dA * a, axis=-1, keepdims=True))
    if name == "identity":
        return dA
    return dA * _slope_from_output(name, z, a)
