r"""Forward/backward pairs for one fully connected layer.

Each ``*_forward`` returns its output and a *cache* holding what the matching
``*_backward`` needs; each ``*_backward`` takes the upstream gradient and that
cache.  Chained together they are backpropagation: the chain rule, one factor
per function.

Shapes (n samples as rows):

* ``A_prev``: (n, fan_in)  the layer's input
* ``W``: (fan_in, fan_out), ``b``: (fan_out,)
* ``Z = A_prev @ W + b``: (n, fan_out)  the weighted sums
* ``A = f(Z)``: (n, fan_out)  the layer's output
"""

from __future__ import annotations

from . import activations


def dense_forward(A_prev, W, b):
    """Z = A_prev W + b; cache = (A_prev, W)."""
    Z = A_prev @ W
    Z += b
    return Z, (A_prev, W)


def dense_backward(dZ, cache, need_input_grad=True):
    r"""Given dL/dZ, return dL/dA_prev = dZ W^T, dL/dW = A_prev^T dZ, dL/db = sum_i dZ_i.

    The first layer's input is the data, whose gradient nobody needs:
    ``need_input_grad=False`` skips that product and returns None for it.
    """
    A_prev, W = cache
    dA_prev = dZ @ W.T if need_input_grad else None
    return dA_prev, A_prev.T @ dZ, dZ.sum(axis=0)


def activation_forward(name, Z):
    """A = f(Z); cache = (Z, A)."""
    A = activations._FORWARD[name](Z)
    return A, (Z, A)


def activation_backward(name, dA, cache):
    """dL/dZ from dL/dA: dA * f'(Z) element by element (softmax: its Jacobian)."""
    Z, A = cache
    return activations.backward(name, dA, Z, A)
