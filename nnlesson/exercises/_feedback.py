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
(and whether it is the transpose), correct, every listed mistake the answer
matches (all of them, when two mistakes give the same number), a sign flip, a
factor of 2 or ½, the right value rounded too early, or simply not right.

What counts as right: the answer agrees with the value to the rounding of four
significant digits (relative error at most 5e-4 in every entry), so 0.1768
passes for 0.176777 but 0.18 does not.  An answer that is the right value
rounded to two or three significant digits is called "rounded too early";
anything further off is a mistake, named when it is a known one.

:func:`compare_count` is for counts and indices: whole numbers, compared exactly.
"""

from __future__ import annotations

import numpy as np

from .._i18n import N_, _, _f

__all__ = ["Feedback", "compare", "compare_count"]

#: Relative rounding error of an answer kept to four significant digits.
RTOL = 5e-4


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


def _close(a, b, rtol, atol):
    """Entry by entry: |a - b| <= rtol |b| + atol (relative to the right value b)."""
    return bool(np.all(np.abs(a - b) <= rtol * np.abs(b) + atol))


def _round_sig(x, digits):
    """x rounded to ``digits`` significant digits, entry by entry (0 stays 0)."""
    x = np.asarray(x, dtype=float)
    mag = np.floor(np.log10(np.where(x == 0, 1.0, np.abs(x))))
    scale = 10.0 ** (digits - 1 - mag)
    return np.where(x == 0, 0.0, np.round(x * scale) / scale)


def _roundings(expected):
    """The right value as a learner may have rounded it too early: (rounded value, how), most digits first."""
    for digits in (3, 2):
        yield _round_sig(expected, digits), _f("{digits} significant digits", digits=digits)
    for decimals in (4, 3, 2, 1):
        how = _("1 decimal place") if decimals == 1 else _f("{decimals} decimal places", decimals=decimals)
        yield np.round(expected, decimals), how


def compare(name, answer, expected, mistakes=None, rtol=RTOL, atol=1e-12, hint=None):
    """Compare ``answer`` with ``expected`` and explain the difference.

    ``mistakes`` maps an explanation to the value that mistake produces; every
    one the answer matches is reported (two mistakes that give the same number
    are both named).  ``rtol``/``atol``: the answer is right when each entry is
    within ``rtol * |right value| + atol``; the default accepts answers rounded
    to four significant digits.  ``hint`` is added to any failure message.
    """
    suffix = _f(" Hint: {hint}", hint=hint) if hint else ""
    expected = np.asarray(expected, dtype=float)
    if answer is None:
        return Feedback(False, _f("{name}: no answer yet (the cell still holds None).", name=name) + suffix)
    if isinstance(answer, (str, bytes)):
        return Feedback(False, _f("{name} must be a number or an array of numbers, got text {text}.",
                                  name=name, text=repr(answer)) + suffix)
    try:
        ans = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, _f("{name} must be a number or an array of numbers, got {kind}.",
                                  name=name, kind=type(answer).__name__) + suffix)
    if not np.all(np.isfinite(ans)):
        return Feedback(False, _f("{name} contains NaN or inf: check for a division by zero or an overflow.",
                                  name=name) + suffix)
    if ans.shape != expected.shape and ans.size == expected.size == 1:
        ans = ans.reshape(expected.shape)
    if ans.shape != expected.shape:
        extra = ""
        if ans.ndim == 2 and ans.T.shape == expected.shape:
            extra = _(" It looks transposed: its rows and columns are swapped (check which index runs down the rows).")
        return Feedback(False, _f("{name} has shape {shape}; expected {expected}.", name=name, shape=ans.shape,
                                  expected=expected.shape) + extra + suffix)

    if _close(ans, expected, rtol, atol):
        return Feedback(True, _f("{name} is correct: {value}", name=name, value=_fmt(ans)))
    matched = []
    for explanation, value in (mistakes or {}).items():
        value = np.asarray(value, dtype=float)
        if value.shape == ans.shape and _close(ans, value, rtol, atol):
            matched.append(explanation)
    if len(matched) == 1:
        return Feedback(False, _f("{name} = {value} is not right: {mistake}.", name=name, value=_fmt(ans),
                                  mistake=matched[0]) + suffix)
    if matched:
        return Feedback(False, _f("{name} = {value} is not right. That number comes from more than one "
                                  "mistake: {mistakes}.", name=name, value=_fmt(ans),
                                  mistakes=_("; or ").join(matched)) + suffix)
    nonzero = bool(np.any(expected != 0))
    if nonzero and _close(ans, -expected, rtol, atol):
        return Feedback(False, _f("{name} has the right size but the sign is flipped.", name=name) + suffix)
    for factor, text in ((2.0, N_("{name} is twice the right value")), (0.5, N_("{name} is half the right value"))):
        if nonzero and _close(ans, factor * expected, rtol, atol):
            return Feedback(False, _f(text, name=name) + _(": look for a factor of 2 put in or left out (in a loss, "
                                                            "a derivative of a square, a square root, a width 2a ...).")
                            + suffix)
    if nonzero:
        for rounded, how in _roundings(expected):
            if np.allclose(ans, rounded, rtol=1e-9, atol=1e-12):
                return Feedback(False, _f("{name} = {value} is the right value rounded to {how}: rounded too "
                                          "early. Keep at least 4 significant digits (better: full precision until "
                                          "the end).", name=name, value=_fmt(ans), how=how) + suffix)
    return Feedback(False, _f("{name} = {value} is not right.", name=name, value=_fmt(ans)) + suffix)


def compare_count(name, answer, expected, mistakes=None, hint=None):
    """Compare a count or an index: ``answer`` must be a whole number equal to ``expected``.

    ``answer`` may be an int, a NumPy integer, or a float with no fractional
    part (34.0); 34.5 is refused as "not a whole number", and 1194 for 1195 is
    simply wrong: counts are compared exactly.  ``mistakes`` maps an
    explanation to the count that mistake gives.
    """
    suffix = _f(" Hint: {hint}", hint=hint) if hint else ""
    if answer is None:
        return Feedback(False, _f("{name}: no answer yet (the cell still holds None).", name=name) + suffix)
    if isinstance(answer, (bool, np.bool_)):
        return Feedback(False, _f("{name} must be a whole number, got {value} (a bool).", name=name,
                                  value=repr(answer)) + suffix)
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, _f("{name} must be a whole number, got {kind}.", name=name,
                                  kind=type(answer).__name__) + suffix)
    if isinstance(answer, (str, bytes)) or arr.size != 1:
        return Feedback(False, _f("{name} must be one whole number, got {value}.", name=name,
                                  value=repr(answer)) + suffix)
    value = float(arr.reshape(()))
    if not np.isfinite(value):
        return Feedback(False, _f("{name} must be a whole number, got {value}.", name=name, value=value) + suffix)
    if value != np.floor(value):
        return Feedback(False, _f("{name} = {value:g} is not a whole number: a count has no fraction. "
                                  "Look for a division that should be rounded up or down.", name=name,
                                  value=value) + suffix)
    count, right = int(value), int(expected)
    if count == right:
        return Feedback(True, _f("{name} is correct: {count}", name=name, count=count))
    matched = [text for text, v in (mistakes or {}).items() if int(v) == count]
    if matched:
        return Feedback(False, _f("{name} = {count} is not right: {mistake}.", name=name, count=count,
                                  mistake=_("; or ").join(matched)) + suffix)
    return Feedback(False, _f("{name} = {count} is not right.", name=name, count=count) + suffix)
