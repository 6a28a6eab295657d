r"""Article 000's way of sending an error backwards: split it by weight share.

Article 000 (神经网络中神经元的权重更新, section 3) gives each hidden unit j the
share of the output error e that its weight w_j has among the weights into
that output:

    e_j = e * w_j / sum_i w_i          (0.58, 0.21, 0.36 with e = 2 -> 1.01, 0.37, 0.63)

It is a heuristic, not a gradient.  With one output o = f(z_out), target t,
the loss L = ½(t - o)² and e = t - o, it is proportional to backprop's
dL/dh_j = w_j * delta_out (h_j the output of hidden unit j, delta_out =
dL/dz_out = (o - t) f'(z_out)), with the same factor for every unit j:
dL/dh_j = -f'(z_out) * (sum_i w_i) * e_j.  It parts from backpropagation at
the hidden units' own slopes f'(z_j), which differ from unit to unit; with
several outputs, where each output's part is divided by its own weight sum
instead of multiplied by its own slope; and where the weights have mixed
signs or sum to about zero (the shares then exceed the whole error, flip
sign, or are undefined).  Backpropagation's error signal for unit j is
delta_j = dL/dz_j = f'(z_j) * sum_k w_jk delta_k.  Neither uses the
unit's own inputs: they enter only when a weight's gradient is formed,
dL/dw_ij = a_i * delta_j.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from ._i18n import _f


def proportional_error_split(weights, error):
    """Split ``error`` back over the units feeding it, by weight proportion.

    Parameters
    ----------
    weights : (m,) weights from m units into one output, or (m, k) into k outputs
    error : a number (one output), or (k,) errors of k outputs

    Returns an (m,) array: unit j receives sum_k error_k * w_jk / sum_i w_ik.
    Raises ValueError if the weights into some output sum to (about) zero.
    """
    w = _checks.float_array("weights", weights)
    e = _checks.float_array("error", error)
    if w.ndim == 1:
        if e.size != 1:
            raise ValueError(f"with 1-D weights, error must be a single number, got shape {e.shape}")
        w2, e1 = w[:, None], e.reshape(1)
    elif w.ndim == 2:
        if e.ndim > 1 or e.size != w.shape[1]:
            raise ValueError(
                f"error must hold one value per output column of weights ({w.shape[1]}), got shape {e.shape}"
            )
        w2, e1 = w, e.reshape(-1)
    else:
        raise ValueError(f"weights must be 1-D (m,) or 2-D (m, k), got shape {w.shape}")
    totals = w2.sum(axis=0)
    scale = np.abs(w2).sum(axis=0)
    near_zero = np.abs(totals) <= 1e-12 * np.maximum(scale, 1e-300)
    if np.any(near_zero):
        cols = np.flatnonzero(near_zero).tolist()
        # a notebook prints this message on purpose (where the heuristic breaks), so it is in the learner's language
        raise ValueError(_f(
            "weights into output(s) {cols} sum to zero, so the proportional split is undefined "
            "(this is one place where the heuristic breaks; backpropagation has no such problem)", cols=cols
        ))
    return (w2 / totals) @ e1
