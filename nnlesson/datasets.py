r"""Small data sets: seeded toy problems and the 8x8 handwritten digits.

Every generator takes ``seed`` (an int or a numpy Generator) and returns
``(X, labels)``: X of shape (n, features) as float64 rows, labels of shape (n,)
as ints.  :func:`one_hot` turns labels into the (n, classes) targets a
network with several outputs trains on.

The digits ship inside the package (``nnlesson/data/digits.npz``, 45 kB): the
1,797 8x8 images of the test part of the UCI "Optical Recognition of
Handwritten Digits" data set (E. Alpaydin and C. Kaynak, 1998;
https://doi.org/10.24432/C50P49), licensed CC BY 4.0; see
``nnlesson/data/README.md``.  Pixels are counts 0..16.
"""

from __future__ import annotations

import os

import numpy as np

from . import _checks

#: Largest sample count or class count the generators accept (a guard against typing 10**12).
MAX_SIZE = 10_000_000


def _n(n, minimum=1):
    return _checks.integer("n", n, minimum=minimum, maximum=MAX_SIZE)


def _noise(noise):
    return _checks.positive_number("noise", noise, allow_zero=True)


def xor():
    """The four points of XOR: X (4, 2) in {0, 1}², label 1 where exactly one input is 1."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def noisy_xor(n=200, noise=0.15, seed=0):
    """XOR with n points scattered around the four corners (standard deviation ``noise``)."""
    n, noise, rng = _n(n), _noise(noise), _checks.rng_from(seed)
    corners = rng.integers(0, 2, size=(n, 2))
    X = corners + rng.normal(0, noise, size=(n, 2))
    return X, (corners[:, 0] ^ corners[:, 1]).astype(int)


def two_moons(n=200, noise=0.1, seed=0):
    """Two interleaved half circles (classes 0 and 1)."""
    n, noise, rng = _n(n, 2), _noise(noise), _checks.rng_from(seed)
    n0 = n // 2
    t0 = rng.uniform(0, np.pi, n0)
    t1 = rng.uniform(0, np.pi, n - n0)
    a = np.stack([np.cos(t0), np.sin(t0)], 1)
    b = np.stack([1 - np.cos(t1), 0.5 - np.sin(t1)], 1)
    X = np.vstack([a, b]) + rng.normal(0, noise, size=(n, 2))
    y = np.r_[np.zeros(n0, int), np.ones(n - n0, int)]
    return _shuffled(X, y, rng)


def circles(n=200, noise=0.05, factor=0.5, seed=0):
    """A small circle (class 1) inside a large one (class 0); ``factor`` = inner/outer radius."""
    n, noise, rng = _n(n, 2), _noise(noise), _checks.rng_from(seed)
    factor = _checks.positive_number("factor", factor)
    if factor >= 1:
        raise ValueError(f"factor must be < 1 (inner radius / outer radius), got {factor}")
    n0 = n // 2
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), np.full(n - n0, factor)]
    X = np.stack([r * np.cos(t), r * np.sin(t)], 1) + rng.normal(0, noise, size=(n, 2))
    y = np.r_[np.zeros(n0, int), np.ones(n - n0, int)]
    return _shuffled(X, y, rng)


def spirals(n=300, classes=3, noise=0.2, seed=0):
    """``classes`` interleaved spiral arms (the cs231n picture)."""
    n, noise, rng = _n(n), _noise(noise), _checks.rng_from(seed)
    classes = _checks.integer("classes", classes, minimum=2, maximum=n)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    t = y * 2 * np.pi / classes + 4 * r + rng.normal(0, noise, n)
    X = np.stack([r * np.sin(t), r * np.cos(t)], 1)
    return _shuffled(X, y, rng)


def blobs(n=200, centers=3, spread=0.5, seed=0):
    """Gaussian clusters around ``centers`` points on a circle of radius 2."""
    n, rng = _n(n), _checks.rng_from(seed)
    centers = _checks.integer("centers", centers, minimum=1, maximum=n)
    spread = _checks.positive_number("spread", spread, allow_zero=True)
    y = np.arange(n) % centers
    angles = 2 * np.pi * np.arange(centers) / centers
    mid = 2 * np.stack([np.cos(angles), np.sin(angles)], 1)
    X = mid[y] + rng.normal(0, spread, size=(n, 2))
    return _shuffled(X, y, rng)


def linear_data(n=50, slope=2.0, intercept=1.0, noise=0.3, seed=0):
    """Points on y = slope x + intercept plus noise: X (n, 1), targets (n, 1) (a regression set)."""
    n, noise, rng = _n(n), _noise(noise), _checks.rng_from(seed)
    slope = _checks.real_number("slope", slope)
    intercept = _checks.real_number("intercept", intercept)
    x = rng.uniform(-1, 1, size=(n, 1))
    return x, slope * x + intercept + rng.normal(0, noise, size=(n, 1))


def load_digits():
    """The 8x8 digits: images (1797, 64) float64 with pixel counts 0..16, labels (1797,) in 0..9."""
    with np.load(os.path.join(os.path.dirname(__file__), "data", "digits.npz")) as data:
        return data["images"].astype(np.float64), data["labels"].astype(int)


def one_hot(labels, classes=None):
    """(n,) integer labels -> (n, classes) rows with a single 1."""
    arr = _checks.float_array("labels", labels)
    if arr.ndim != 1:
        raise ValueError(f"labels must be a non-empty 1-D array of class numbers, got shape {arr.shape}")
    if not np.all(arr == np.floor(arr)):
        raise ValueError("labels must be whole numbers (class indices 0, 1, 2, ...)")
    if arr.min() < 0:
        raise ValueError(f"labels must be >= 0, got {arr.min():g}")
    if classes is None:
        if arr.max() >= MAX_SIZE:
            raise ValueError(f"labels must be class indices below {MAX_SIZE}, got {arr.max():g}")
        k = int(arr.max()) + 1
    else:
        k = _checks.integer("classes", classes, minimum=1, maximum=MAX_SIZE)
        if arr.max() >= k:
            raise ValueError(f"a label {arr.max():g} does not fit in {k} classes (labels must be < classes)")
    if arr.size * k > 10 * MAX_SIZE:
        raise ValueError(f"one_hot would make a {arr.size} x {k} array; that is too large")
    idx = arr.astype(np.int64)
    out = np.zeros((idx.size, k))
    out[np.arange(idx.size), idx] = 1.0
    return out


def train_test_split(X, labels, test_fraction=0.25, seed=0):
    """Shuffle the rows and split: (X_train, X_test, labels_train, labels_test)."""
    X = _checks.float_array("X", X)
    labels = np.asarray(labels)
    if X.ndim not in (1, 2):
        raise ValueError(f"X must hold one sample per row (1-D or 2-D), got an array of shape {X.shape}")
    if labels.ndim not in (1, 2):
        raise ValueError(f"labels must hold one entry per row of X (1-D or 2-D), got shape {labels.shape}")
    if X.shape[0] != labels.shape[0]:
        raise ValueError(f"X and labels need the same number of rows, got {X.shape[0]} and {labels.shape[0]}")
    if X.shape[0] < 2:
        raise ValueError(f"X needs at least 2 rows to split, got {X.shape[0]}")
    frac = _checks.positive_number("test_fraction", test_fraction)
    if frac >= 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {frac}")
    order = _checks.rng_from(seed).permutation(X.shape[0])
    k = min(max(1, int(round(frac * X.shape[0]))), X.shape[0] - 1)
    test, train = order[:k], order[k:]
    return X[train], X[test], labels[train].copy(), labels[test].copy()


def _shuffled(X, y, rng):
    order = rng.permutation(len(y))
    return X[order], y[order]
