"""Self-checks that say *what* is wrong, not just "wrong".

A topic module's check compares a learner's answer with the value nnlesson
computes, and with the values that typical mistakes would give::

    def check_w5_gradient(answer):
        ex = article001_net()
        right = ...                       # computed by nnlesson, never typed in
        return compare("dL/dw5", answer, right, mistakes={
            "the sign is flipped: the gradient of ½(t - o)² with respect to o is (o - t)": -right,
            "the activation's slope o(1 - o) is missing": right / slope,
        })

:func:`compare` reports, in this order: not a number/array, NaN, wrong shape
(and whether it is the transpose), a listed mistake, a sign flip, a factor
of 2 or ½, close but not within tolerance, or correct.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Feedback", "compare"]


class Feedback:
    """The outcome of a check: ``ok`` and a message; prints as one clear line."""

    def __init__(self, ok, message):
        self.ok = bool(ok)
        self.message = message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("✔ " if self.ok else "✘ ") + self.message

    def _repr_html_(self):
        colour = "#1b7837" if self.ok else "#b2182b"
        mark = "✔" if self.ok else "✘"
        return f'<div style="color:{colour};font-weight:600">{mark} {self.message}</div>'


def _fmt(x):
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return np.array2string(np.round(arr, 6), separator=", ")


def compare(name, answer, expected, mistakes=None, rtol=1e-4, atol=1e-8, hint=None):
    """Compare ``answer`` with ``expected`` and explain the difference.

    ``mistakes`` maps an explanation to the value that mistake produces; the
    first one the answer matches is reported.  ``hint`` is added to any
    failure message.
    """
    suffix = f" Hint: {hint}" if hint else ""
    expected = np.asarray(expected, dtype=float)
    if answer is None:
        return Feedback(False, f"{name}: no answer yet (the cell still holds None).{suffix}")
    try:
        ans = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{name} must be a number or an array of numbers, got {type(answer).__name__}.{suffix}")
    if not np.all(np.isfinite(ans)):
        return Feedback(False, f"{name} contains NaN or inf: check for a division by zero or an overflow.{suffix}")
    if ans.shape != expected.shape and ans.size == expected.size == 1:
        ans = ans.reshape(expected.shape)
    if ans.shape != expected.shape:
        extra = ""
        if ans.ndim == 2 and ans.T.shape == expected.shape:
            extra = " It looks transposed: rows are samples (or inputs), columns are outputs."
        return Feedback(False, f"{name} has shape {ans.shape}; expected {expected.shape}.{extra}{suffix}")

    def close(a, b):
        return np.allclose(a, b, rtol=rtol, atol=atol)

    if close(ans, expected):
        return Feedback(True, f"{name} is correct: {_fmt(ans)}")
    for explanation, value in (mistakes or {}).items():
        value = np.asarray(value, dtype=float)
        if value.shape == ans.shape and close(ans, value):
            return Feedback(False, f"{name} = {_fmt(ans)} is not right: {explanation}.{suffix}")
    if np.any(expected != 0) and close(ans, -expected):
        return Feedback(False, f"{name} has the right size but the sign is flipped.{suffix}")
    for factor, text in ((2.0, "twice"), (0.5, "half")):
        if np.any(expected != 0) and close(ans, factor * expected):
            return Feedback(False, f"{name} is {text} the right value: look for a factor of 2 "
                            f"(½ in the loss, or the 2 from differentiating a square).{suffix}")
    if np.allclose(ans, expected, rtol=1e-2, atol=1e-4):
        return Feedback(False, f"{name} = {_fmt(ans)} is close but not within tolerance: "
                        f"keep more digits until the end.{suffix}")
    return Feedback(False, f"{name} = {_fmt(ans)} is not right.{suffix}")
