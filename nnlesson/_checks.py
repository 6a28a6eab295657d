"""Input checks shared by the public functions.

Every public function calls these *before* it changes anything, so that a bad
argument fails with a message that names the argument and says what was
expected, instead of a NumPy error from deep inside the maths.
"""

from __future__ import annotations

import numbers
import operator

import numpy as np


def _numeric_array(name, value, copy=True):
    """``value`` as a float64 array, refusing text, complex numbers, None and numbers too large for a float."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of numbers, got {type(value).__name__}")
    if isinstance(value, (set, frozenset, dict)):
        raise TypeError(f"{name} must be an array or a list of numbers, got a {type(value).__name__} "
                        "(it has no order)")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers with rows of equal length ({exc})") from None
    kind = raw.dtype.kind
    if kind in "USV":
        raise TypeError(f"{name} must hold numbers, not text (found {raw.dtype}); write 1.5, not '1.5'")
    if kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex values")
    if kind == "O":
        flat = raw.reshape(-1)
        for item in flat:
            if isinstance(item, (str, bytes)) or item is None or isinstance(item, complex) \
                    or not isinstance(item, (numbers.Real, np.ndarray, list, tuple)):
                raise TypeError(f"{name} must hold only numbers, found {item!r} of type {type(item).__name__}")
    try:
        return np.array(raw, dtype=np.float64) if copy else np.asarray(raw, dtype=np.float64)
    except OverflowError:
        raise ValueError(f"{name} holds a number too large for a float64 (at most about 1.8e308)") from None
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers ({exc})") from None


def float_array(name, value, ndim=None, copy=True):
    """Return ``value`` as a finite float64 array (a copy unless ``copy=False`` and it already is one).

    Raises TypeError for non-numeric input (text, complex numbers, None, sets)
    and ValueError for a wrong number of dimensions, an empty array, numbers too
    large for a float, or NaN/inf entries.
    """
    arr = _numeric_array(name, value, copy)
    if ndim is not None and arr.ndim != ndim:
        hint = ""
        if ndim == 2 and arr.ndim == 1:
            hint = " (one row per sample: for a single sample use x.reshape(1, -1), for one feature x.reshape(-1, 1))"
        raise ValueError(f"{name} must be {ndim}-D, got an array of shape {arr.shape}{hint}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape}); it needs at least one value")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values; every entry must be a finite number")
    return arr


def real_number(name, value):
    """A finite real number (not a bool, not text), returned as float."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} is too large for a float64 (at most about 1.8e308)") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive_number(name, value, allow_zero=False, maximum=None):
    """A finite real number > 0 (or >= 0 with ``allow_zero``; <= ``maximum`` if given), returned as float."""
    value = real_number(name, value)
    if value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum:g}, got {value:g}")
    return value


def integer(name, value, minimum=None, maximum=None):
    """An integer (not a bool, not a float) within [minimum, maximum]."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, got a bool")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be a whole number (int), got {value!r} of type {type(value).__name__}") from None
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}")
    return value


def choice(name, value, options):
    """One of the names in ``options`` (a dict or a sequence of str)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(options)}, got {type(value).__name__}")
    if value not in options:
        raise ValueError(f"unknown {name} {value!r}; expected one of {sorted(options)}")
    return value


def rng_from(seed, name="seed"):
    """A numpy Generator from an int seed, a Generator, or None (fresh entropy)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be an int, a numpy.random.Generator or None, got {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"{name} must be >= 0, got {seed}")
    return np.random.default_rng(int(seed))
