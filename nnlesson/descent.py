r"""Plain gradient descent on any function whose gradient you can compute.

    x_{t+1} = x_t - lr * grad(x_t)

Used on the loss landscapes of :mod:`nnlesson.landscapes` to see step sizes at
work before they are used on a network.
"""

from __future__ import annotations

import warnings

import numpy as np

from . import _checks
from ._i18n import _f
from .training import DivergenceWarning


def _gradient_value(value, t):
    """The gradient function's result as a float array, or a TypeError that says what came back."""
    if value is None:
        raise TypeError(f"grad returned None at step {t}: the function computes something but does not "
                        "return it (add `return ...` at its end)")
    try:
        return _checks._numeric_array(f"the value grad returned at step {t}", value, copy=False)
    except ValueError as exc:
        raise TypeError(str(exc)) from None


def gradient_descent(grad, x0, lr, steps, momentum=0.0):
    """Iterates x_0, x_1, ..., x_steps of x <- x - lr * grad(x), or with heavy-ball momentum.

    Parameters
    ----------
    grad : callable taking x (shape of x0) and returning the gradient (same shape)
    x0 : starting point, a number or an array
    lr : step size > 0
    steps : number of updates (>= 0)
    momentum : mu in [0, 1): v <- mu v - lr grad(x), x <- x + v, v starting at 0 (the rule of
        ``nnlesson.train(..., momentum=mu)``); 0, the default, is plain gradient descent

    Returns an array of shape (steps + 1,) + shape of x0.  If the iterates blow
    up to infinity or NaN a :class:`DivergenceWarning` is issued and the
    remaining entries are left as they came out (inf or nan), so a plot shows
    where the run left the picture.
    """
    if not callable(grad):
        raise TypeError(f"grad must be a function x -> gradient, got {type(grad).__name__}")
    x = _checks.float_array("x0", x0)
    lr = _checks.positive_number("lr", lr)
    steps = _checks.integer("steps", steps, minimum=0, maximum=10_000_000)
    momentum = _checks.positive_number("momentum", momentum, allow_zero=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1) (0 = plain gradient descent), got {momentum}")
    velocity = np.zeros_like(x)
    path = np.empty((steps + 1,) + x.shape)
    path[0] = x
    warned = False
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            g = _gradient_value(grad(x.copy()), t)
            if g.shape != x.shape:
                raise ValueError(f"grad returned shape {g.shape}; it must match x0's shape {x.shape}")
            if momentum:
                velocity = momentum * velocity - lr * g
                x = x + velocity
            else:
                x = x - lr * g
            path[t + 1] = x
            if not warned and not np.all(np.isfinite(x)):
                warnings.warn(
                    _f("gradient descent diverged at step {t} (lr={lr:g}): the iterate is no longer finite; "
                       "try a smaller lr", t=t + 1, lr=lr),
                    DivergenceWarning,
                    stacklevel=2,
                )
                warned = True
    return path
