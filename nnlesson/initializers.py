r"""Starting weights for a layer with ``fan_in`` inputs and ``fan_out`` outputs.

The good choices and the bad ones sit side by side, so that a notebook can
swap one for another with one argument (article 000, 神经网络中神经元的权重更新,
section 2: not too large, not zero, small random values).

============ ============================================== ==============================
name         distribution of each weight                    what it teaches
============ ============================================== ==============================
"xavier"     U(-a, a), a = sqrt(6 / (fan_in + fan_out))     Glorot & Bengio (2010): keeps
                                                            gradients level through tanh
                                                            layers (output 0, slope 1 at
                                                            z = 0) and their activations
                                                            from collapsing;
                                                            not sigmoid layers, whose
                                                            slope <= 1/4 shrinks the
                                                            gradient layer by layer
"he"         N(0, 2 / fan_in)                               He et al. (2015): the same
                                                            for ReLU layers (twice the
                                                            variance: ReLU passes half)
"zeros"      0                                              every hidden unit stays the
                                                            same: nothing breaks symmetry
"uniform"    U(-1, 1)                                       article 000's range -1.0~1.0
"positive"   U(0.01, 0.99)                                  article 000's range 0.01~0.99
"normal"     N(0, 1)                                        the classic "unit Gaussian"
"small"      N(0, 0.01^2)                                   tiny: signals fade layer by layer
"large"      N(0, 5^2)                                      too large: sigmoid units saturate
callable     your own rule, see :func:`weights`
============ ============================================== ==============================

Biases always start at zero: random weights already break the symmetry.

fan_in is a layer's number of inputs (the rows of its weight matrix), fan_out
its number of outputs (the columns).  Xavier's variance 2 / (fan_in + fan_out)
averages what the forward pass (1 / fan_in) and the backward pass (1 / fan_out)
ask for, assuming an activation close to the identity near 0 (tanh).  With
sigmoid hidden layers neither Xavier nor He keeps the gradients level: the
sigmoid's outputs sit around 0.5 and its slope is at most 1/4, so the gradient
shrinks by a factor of about 4 (Xavier) or 3 (He) per layer towards the input
(notebook 02, "Gradients layer by layer").
"""

from __future__ import annotations

import inspect

import numpy as np

from . import _checks


def xavier(fan_in, fan_out, rng):
    a = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he(fan_in, fan_out, rng):
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))


def zeros(fan_in, fan_out, rng):
    return np.zeros((fan_in, fan_out))


def uniform(fan_in, fan_out, rng):
    return rng.uniform(-1.0, 1.0, size=(fan_in, fan_out))


def positive(fan_in, fan_out, rng):
    return rng.uniform(0.01, 0.99, size=(fan_in, fan_out))


def normal(fan_in, fan_out, rng):
    return rng.normal(0.0, 1.0, size=(fan_in, fan_out))


def small(fan_in, fan_out, rng):
    return rng.normal(0.0, 0.01, size=(fan_in, fan_out))


def large(fan_in, fan_out, rng):
    return rng.normal(0.0, 5.0, size=(fan_in, fan_out))


def scaled_normal(scale):
    """An initializer drawing N(0, scale^2): one knob for the weight-scale experiments."""
    scale = _checks.positive_number("scale", scale, allow_zero=True)

    def init(fan_in, fan_out, rng):
        return rng.normal(0.0, scale, size=(fan_in, fan_out))

    init.__name__ = f"scaled_normal({scale:g})"
    return init


NAMED = {
    "xavier": xavier,
    "he": he,
    "zeros": zeros,
    "uniform": uniform,
    "positive": positive,
    "normal": normal,
    "small": small,
    "large": large,
}


def check(init):
    """Accept a name from NAMED or a callable."""
    if callable(init):
        return init
    return _checks.choice("init", init, NAMED)


def weights(init, fan_in, fan_out, rng):
    """A (fan_in, fan_out) float64 weight matrix drawn by ``init``.

    ``init`` is a name from :data:`NAMED` or a callable in one of three forms,
    told apart by how many arguments without a default it takes:
    ``f(fan_in, fan_out, rng)``, ``f(shape, rng)`` or ``f(shape)``
    (so ``f(shape, scale=0.1)`` counts as ``f(shape)``).
    """
    if not callable(init):
        return NAMED[init](fan_in, fan_out, rng)
    try:
        params = inspect.signature(init).parameters.values()
    except (TypeError, ValueError):
        nargs = 3
    else:
        if any(p.kind is p.VAR_POSITIONAL for p in params):
            nargs = 3
        else:
            nargs = sum(1 for p in params if p.default is p.empty
                        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    shape = (fan_in, fan_out)
    if nargs >= 3:
        out = init(fan_in, fan_out, rng)
    elif nargs == 2:
        out = init(shape, rng)
    else:
        out = init(shape)
    out = np.array(out, dtype=np.float64)
    if out.shape != shape:
        raise ValueError(f"init callable returned shape {out.shape}; expected {shape} (fan_in, fan_out)")
    if not np.all(np.isfinite(out)):
        raise ValueError("init callable returned NaN or infinite weights")
    return out
