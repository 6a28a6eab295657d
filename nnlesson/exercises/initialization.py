r"""Numbers and self-checks for the initialization notebook (02).

Small numerical helpers that the notebook, its plots and its widget share
(NumPy and the nnlesson core only), then the exercise checks.  Each check
recomputes the right value with nnlesson and names the typical mistakes:

* :func:`check_xavier_bound`   a = sqrt(6 / (fan_in + fan_out)) for U(-a, a)
* :func:`check_he_std`         sigma = sqrt(2 / fan_in) for N(0, sigma^2)
* :func:`check_saturated_share` share of sigmoid units whose slope is below 0.01
* :func:`check_zero_init_columns` distinct hidden columns after training from
  zeros and from random weights (whole numbers, compared exactly)
* :func:`check_sigmoid_blame`  the factor by which a sigmoid layer shrinks the
  blame, sigma_w sqrt(fan_out) / 4, and what is left after several layers

and, for the section on gradients layer by layer, :func:`deep_net` and
:func:`layer_gradient_sizes` (the size of dL/dW, of the signal into each
layer and of the blame dL/dZ, per layer).
"""

from __future__ import annotations

import numpy as np

from .. import activations, datasets, initializers
from .._i18n import _, _f
from ..network import MLP
from ..training import train
from ._feedback import Feedback, compare, compare_count

__all__ = [
    "SATURATION_SLOPE",
    "saturated_share",
    "stack_activations",
    "unit_stack",
    "saturation_setup",
    "distinct_columns",
    "zero_init_setup",
    "digits_setup",
    "enlarged_digits",
    "deep_net",
    "layer_gradient_sizes",
    "per_layer_factor",
    "check_xavier_bound",
    "check_he_std",
    "check_saturated_share",
    "check_zero_init_columns",
    "check_sigmoid_blame",
]

#: A unit counts as saturated when the slope of its activation is below this.
SATURATION_SLOPE = 0.01


def saturated_share(Z, activation="sigmoid", threshold=SATURATION_SLOPE):
    r"""Share of the entries of Z (pre-activations) where the slope f'(z) < threshold.

    For the sigmoid, f'(z) = s(1 - s) < 0.01 happens for |z| > 4.585; for
    tanh, f'(z) = 1 - tanh^2 z < 0.01 for |z| > 2.99; for ReLU the slope is
    0 for every z <= 0 (an inactive unit, not a saturated one).
    """
    Z = np.asarray(Z, dtype=np.float64)
    return float(np.mean(activations.slope(activation, Z) < threshold))


def unit_stack(layers=10, width=100, n=500, seed=0):
    r"""Inputs and weight matrices of a deep stack, all N(0, 1), drawn once.

    Returns ``(X, G)``: X of shape (n, width) and a list of ``layers`` matrices
    G[l] of shape (width, width).  Multiplying every G[l] by a scale sigma gives
    weights N(0, sigma^2) without drawing new random numbers, which is what a
    slider needs.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(0.0, 1.0, size=(n, width))
    G = [rng.normal(0.0, 1.0, size=(width, width)) for _layer in range(layers)]
    return X, G


def stack_activations(X, weights, activation="tanh", scale=1.0):
    r"""Forward X through a stack without biases: Z[l] = A[l-1] (scale W[l]), A[l] = f(Z[l]).

    Returns ``(Zs, As)``, two lists with one (n, width) array per layer (the
    input is not included).  ``scale`` multiplies every weight matrix.
    """
    A = np.asarray(X, dtype=np.float64)
    Zs, As = [], []
    activations.check_name(activation, allowed=activations.HIDDEN)
    with np.errstate(over="ignore", invalid="ignore"):
        for W in weights:
            Z = A @ W
            if scale != 1.0:
                Z *= scale
            A = activations.forward(activation, Z)
            Zs.append(Z)
            As.append(A)
    return Zs, As


def saturation_setup(scale, n=300, hidden=32, seed=0):
    r"""The setting of the saturation exercise: digits and one N(0, scale^2) hidden layer.

    X: the first ``n`` digits with pixels divided by 16 (values 0..1), shape
    (n, 64), by default the same 300 images as :func:`digits_setup`; W: (64, hidden) weights drawn N(0, scale^2) with
    ``numpy.random.default_rng(seed)``.  Returns (X, W, Z) with Z = X W.
    """
    X = digits_setup(n)[0]
    W = initializers.scaled_normal(scale)(X.shape[1], hidden, np.random.default_rng(seed))
    return X, W, X @ W


def distinct_columns(W, decimals=10):
    """Number of different columns of W (after rounding to ``decimals``): distinct hidden units."""
    W = np.asarray(W, dtype=np.float64)
    return int(np.unique(np.round(W, decimals), axis=1).shape[1])


def digits_setup(n=300):
    """The first ``n`` digits as (X, labels, Y): pixels divided by 16 (values 0..1), one-hot targets (n, 10)."""
    images, labels = datasets.load_digits()
    return images[:n] / 16.0, labels[:n], datasets.one_hot(labels[:n], 10)


def enlarged_digits(X, factor):
    r"""8x8 digit images (rows of X, shape (n, 64)) with every pixel repeated as a ``factor`` x ``factor`` block.

    The result has shape (n, 64 factor^2): the same digits at a higher resolution
    (24x24 = 576 inputs for factor 3).  Each image's sum of squared pixels grows
    by exactly factor^2, so the spread of z = x W grows by exactly ``factor``.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError(f"X must have shape (n, 64) (8x8 images as rows), got {X.shape}")
    if isinstance(factor, bool) or not isinstance(factor, (int, np.integer)) or factor < 1:
        raise ValueError(f"factor must be a whole number >= 1, got {factor!r}")
    images = X.reshape(-1, 8, 8)
    big = np.repeat(np.repeat(images, factor, axis=1), factor, axis=2)
    return big.reshape(len(X), -1)


def deep_net(activation, init, depth=8, width=64, seed=0):
    r"""A deep net for the digits: 64 inputs, ``depth`` hidden layers of ``width`` units, 10 linear outputs.

    The hidden layers use ``activation``; the output is the identity, so that the
    differences between the layers' gradients come from the hidden layers alone.
    """
    return MLP([64] + [width] * depth + [10], hidden=activation, output="identity", init=init, seed=seed)


def _rms(M):
    return float(np.sqrt(np.mean(np.square(M))))


def layer_gradient_sizes(net, X, Y, loss="half_sse"):
    r"""How large each weight layer's gradient is, and the two factors it is made of.

    For weight layer l (0-based, ``net.weights[l]``) the gradient is
    dL/dW[l] = A[l]^T delta[l+1]: the signal A[l] that enters the layer (A[0] = X)
    times the blame delta[l+1] = dL/dZ[l+1] of the units it feeds, summed over the
    samples.  Returns a dict of three arrays with one entry per weight layer, each
    the root mean square (RMS) of the entries: ``"gradient"`` (of dL/dW[l]),
    ``"signal"`` (of A[l]) and ``"blame"`` (of delta[l+1]).
    """
    tr = net.trace(X, Y, loss=loss)
    return {
        "gradient": np.array([_rms(G) for G in tr.gradients.weights]),
        "signal": np.array([_rms(A) for A in tr.A[:-1]]),
        "blame": np.array([_rms(d) for d in tr.delta[1:]]),
    }


def per_layer_factor(values):
    r"""The average factor from one entry to the next: (values[-1] / values[0]) ** (1 / (len - 1)) (geometric mean)."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1 or values.size < 2 or np.any(values <= 0) or not np.all(np.isfinite(values)):
        raise ValueError("values must be at least two positive finite numbers")
    return float((values[-1] / values[0]) ** (1.0 / (values.size - 1)))


def zero_init_setup(init, hidden=8, epochs=60, seed=0):
    r"""A 64-``hidden``-10 sigmoid network trained on 300 digits from ``init``.

    The setting of the zero-initialization exercise: :func:`digits_setup`,
    loss "half_sse", lr 2, mini-batches of 50 shuffled with seed 0, ``epochs`` epochs.  Returns the
    trained network.
    """
    X, _labels, Y = digits_setup()
    net = MLP([64, hidden, 10], hidden="sigmoid", output="sigmoid", init=init, seed=seed)
    train(net, X, Y, lr=2.0, epochs=epochs, batch_size=50, loss="half_sse", seed=0)
    return net


# --- exercise checks -------------------------------------------------------


def check_xavier_bound(answer, fan_in=784, fan_out=100):
    r"""Exercise: the bound a of Xavier's U(-a, a) for a (fan_in, fan_out) layer."""
    s = fan_in + fan_out
    right = np.sqrt(6.0 / s)
    name = _f("Xavier bound for a {fan_in}->{fan_out} layer", fan_in=fan_in, fan_out=fan_out)
    return compare(name, answer, right, mistakes={
        _("that is the standard deviation sqrt(2/(fan_in+fan_out)); a uniform U(-a, a) has standard deviation "
          "a/sqrt(3), so the bound is sqrt(3) times larger"): np.sqrt(2.0 / s),
        _("the square root is missing: 6/(fan_in+fan_out) is a², not a"): 6.0 / s,
        _("that is Xavier's variance 2/(fan_in+fan_out); the bound is the square root of 3 times it"): 2.0 / s,
        _("only fan_in is used: Xavier averages the two, sqrt(6/(fan_in+fan_out))"): np.sqrt(6.0 / fan_in),
        _("only fan_out is used: Xavier averages the two, sqrt(6/(fan_in+fan_out))"): np.sqrt(6.0 / fan_out),
        _("a factor is wrong: the numerator is 6 (3 for the uniform times 2 for the averaged fans), not 3"):
            np.sqrt(3.0 / s),
        _("the fans are multiplied; they should be added: sqrt(6/(fan_in+fan_out))"):
            np.sqrt(6.0 / (fan_in * fan_out)),
        _("that is LeCun's standard deviation sqrt(1/fan_in), not Xavier's uniform bound"): np.sqrt(1.0 / fan_in),
        _("that is He's standard deviation sqrt(2/fan_in), made for ReLU; Xavier's bound is "
          "sqrt(6/(fan_in+fan_out))"): np.sqrt(2.0 / fan_in),
        _("the square root covers only the 6: the bound is sqrt(6/(fan_in+fan_out)), not sqrt(6)/(fan_in+fan_out)"):
            np.sqrt(6.0) / s,
        _("that is twice the bound, the width 2a of the interval from -a to a: a uniform of width 2a has variance "
          "(2a)²/12 = a²/3, so a²/12 would treat a as the whole width"): 2.0 * np.sqrt(6.0 / s),
    }, hint=_("Xavier wants the variance 2/(fan_in + fan_out), and U(-a, a) has variance a²/3."))


def check_he_std(answer, fan_in=784, fan_out=100):
    r"""Exercise: the standard deviation of He's N(0, sigma^2) for a (fan_in, fan_out) ReLU layer."""
    right = np.sqrt(2.0 / fan_in)
    name = _f("He standard deviation for a {fan_in}->{fan_out} layer", fan_in=fan_in, fan_out=fan_out)
    return compare(name, answer, right, mistakes={
        _("the 2 is forgotten: sqrt(1/fan_in) is for a layer that passes its whole input on; ReLU zeroes about "
          "half of it, so He doubles the variance"): np.sqrt(1.0 / fan_in),
        _("fan_in and fan_out are swapped: He counts the inputs that are summed into each unit (fan_in)"):
            np.sqrt(2.0 / fan_out),
        _("that is the variance 2/fan_in; the standard deviation is its square root"): 2.0 / fan_in,
        _("that is the variance 1/fan_in without He's 2, and no square root"): 1.0 / fan_in,
        _("that is He's bound sqrt(6/fan_in) for a uniform U(-a, a); the normal N(0, σ²) asks for "
          "σ = sqrt(2/fan_in)"): np.sqrt(6.0 / fan_in),
        _("that is Xavier's standard deviation sqrt(2/(fan_in+fan_out)), made for tanh, not ReLU"):
            np.sqrt(2.0 / (fan_in + fan_out)),
        _("that is Xavier's uniform bound sqrt(6/(fan_in+fan_out)), not He's standard deviation"):
            np.sqrt(6.0 / (fan_in + fan_out)),
        _("the 2 doubles the variance, not the standard deviation: 2·sqrt(1/fan_in) has 4 times the variance; "
          "He's σ is sqrt(2/fan_in)"): 2.0 * np.sqrt(1.0 / fan_in),
        _("the square root covers only the 2: σ = sqrt(2/fan_in), not sqrt(2)/fan_in"): np.sqrt(2.0) / fan_in,
        _("the 2 divides the variance instead of multiplying it: 1/(2·fan_in) halves 1/fan_in, He doubles it to "
          "2/fan_in"): np.sqrt(1.0 / (2.0 * fan_in)),
    }, hint=_("He wants the variance 2/fan_in; the answer is a standard deviation."))


def check_saturated_share(answer, scale=1.0):
    r"""Exercise: share of hidden sigmoid units (entries of Z) with slope < 0.01 in :func:`saturation_setup`."""
    X, W, Z = saturation_setup(scale)
    sig = activations.sigmoid(Z)
    right = saturated_share(Z)
    z_star = np.log((1 + np.sqrt(1 - 4 * SATURATION_SLOPE)) / (1 - np.sqrt(1 - 4 * SATURATION_SLOPE)))
    other_scales = {
        _f("that is the share at σ_w = {other:g} (printed in section 2); this exercise uses "
           "saturation_setup({scale:g})", other=s, scale=scale):
            saturated_share(saturation_setup(s)[2]) for s in (1.0, 3.0) if s != scale}
    name = _f("saturated share at scale {scale:g}", scale=scale)
    return compare(name, answer, right, mistakes={
        **other_scales,
        _f("only large positive z were counted (z > {z:.3f}); the slope is just as small for z < -{z:.3f}",
           z=z_star): float(np.mean(Z > z_star)),
        _f("only large negative z were counted (z < -{z:.3f}); the slope is just as small for z > {z:.3f}",
           z=z_star): float(np.mean(Z < -z_star)),
        _f("that is the number of saturated units on an average image; the share divides by the {units} units "
           "as well (np.mean over all entries)", units=Z.shape[1]): right * Z.shape[1],
        _f("that is the number of images on which an average unit is saturated; the share divides by the "
           "{images} images as well (np.mean over all entries)", images=Z.shape[0]): right * Z.shape[0],
        _("that tests the outputs a = sigmoid(z) (below 0.01 or above 0.99), not the slope: a unit is saturated "
          "when its slope a(1 - a) is below 0.01"): float(np.mean((sig < 0.01) | (sig > 0.99))),
        _("that counts only outputs a below 0.01, and tests the output, not the slope: the slope a(1 - a) is below "
          "0.01 at both ends"): float(np.mean(sig < 0.01)),
        _("that counts only outputs a above 0.99, and tests the output, not the slope: the slope a(1 - a) is below "
          "0.01 at both ends"): float(np.mean(sig > 0.99)),
        _("that is the share of units that are NOT saturated (1 minus the answer): the rule is reversed, "
          "saturated means slope BELOW 0.01"): 1.0 - right,
        _("that is a percentage; give the share as a number between 0 and 1"): 100.0 * right,
        _("that is the number of saturated entries; the share divides it by the number of entries, Z.size"):
            right * Z.size,
        _("the slope was taken of the activation a = sigmoid(z) instead of the pre-activation z: "
          "use nl.activations.slope('sigmoid', Z)"): saturated_share(sig),
        _("the test was |z| > 0.01 instead of slope < 0.01"): float(np.mean(np.abs(Z) > 0.01)),
        _("that is tanh's slope; the hidden units here are sigmoid units"): saturated_share(Z, "tanh"),
        _("that uses the weights W instead of the pre-activations Z = X W"): saturated_share(W),
    }, hint=_("np.mean(condition) gives the share of entries where the condition holds."))


def _columns_hint():
    return _("np.unique(np.round(W, 10), axis=1) keeps one copy of each distinct column of W.")


def _columns_name():
    return _("[distinct columns from zeros, from xavier]")


def _hint_suffix():
    return _f(" Hint: {hint}", hint=_columns_hint())


def _whole_pair(answer):
    """The answer as two ints, or a Feedback saying why it is not a pair of whole numbers."""
    name, suffix = _columns_name(), _hint_suffix()
    if isinstance(answer, (str, bytes, bool, np.bool_)):
        return Feedback(False, _f("{name} must be a list of two whole numbers, got {text}.", name=name,
                                  text=repr(answer)) + suffix)
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, _f("{name} must be a list of two whole numbers, got {type}.", name=name,
                                  type=type(answer).__name__) + suffix)
    if arr.shape != (2,):
        return Feedback(False, _f("{name} must be a list of two whole numbers, one per network, got shape "
                                  "{shape}.", name=name, shape=arr.shape) + suffix)
    for label, v in zip(("zeros", "xavier"), list(answer)):
        try:   # compared with its own whole part: only a value that is not a whole number fails
            whole = int(float(v))
        except (TypeError, ValueError, OverflowError):
            whole = 0
        fb = compare_count(_f("the count for {label}", label=label), v, whole)
        if not fb.ok:
            return Feedback(False, fb.message + suffix)
    return [int(v) for v in arr]


def check_zero_init_columns(answer):
    r"""Exercise: [distinct hidden columns after training from "zeros", from "xavier"] (8 hidden units).

    Counts are whole numbers and are compared exactly.
    """
    if answer is None:
        return compare_count(_columns_name(), None, 0, hint=_columns_hint())
    pair = _whole_pair(answer)
    if isinstance(pair, Feedback):
        return pair
    zeros = zero_init_setup("zeros")
    xav = zero_init_setup("xavier")
    right = [distinct_columns(zeros.weights[0]), distinct_columns(xav.weights[0])]
    rows = [distinct_columns(zeros.weights[0].T), distinct_columns(xav.weights[0].T)]
    numbers = [np.unique(np.round(zeros.weights[0], 10)).size, np.unique(np.round(xav.weights[0], 10)).size]
    name = _columns_name()
    if pair == right:
        return Feedback(True, _f("{name} is correct: {value}", name=name, value=right))
    units = xav.weights[0].shape[1]
    mistakes = [
        (_("the zero-started network's hidden columns are all still equal: with equal weights every hidden unit "
           "gets the same gradient, so training never makes them differ (count columns of net.weights[0])"),
         [right[1], right[1]]),
        (_("those are rows: a row of weights[0] is one input's weights to all hidden units; a hidden unit is a "
           "column"), rows),
        (_("the counts are swapped: the first is for zeros, the second for xavier"), right[::-1]),
        (_("np.unique without axis counts the distinct numbers in the matrix, not its distinct columns: pass "
           "axis=1"), numbers),
        (_f("random weights break the symmetry: the xavier network's {units} hidden columns all differ",
            units=units), [right[0], right[0]]),
        (_("that counts all columns (the number of hidden units), not the distinct ones"), [units, units]),
    ]
    matched = []
    for text, value in mistakes:
        if [int(v) for v in value] == pair and value != right and text not in matched:
            matched.append(text)
    suffix = _hint_suffix()
    if matched:
        return Feedback(False, _f("{name} = {value} is not right: {mistake}.", name=name, value=pair,
                                  mistake=_("; or ").join(matched)) + suffix)
    return Feedback(False, _f("{name} = {value} is not right.", name=name, value=pair) + suffix)


def check_sigmoid_blame(answer, width=100, layers=6):
    r"""Exercise: [factor per layer, fraction left after ``layers`` layers] for the blame going down a stack of
    sigmoid hidden layers ``width`` units wide with He's weights.

    The estimate is sigma_w sqrt(fan_out) times the sigmoid's largest slope 1/4, with sigma_w = sqrt(2 / fan_in)
    and fan_in = fan_out = ``width``: sqrt(2) / 4 (the width cancels), and the fraction is its ``layers``-th power.
    """
    name = _f("[factor per layer, fraction left after {layers} layers]", layers=layers)
    hint = _("He's sigma_w is sqrt(2/fan_in); each layer multiplies the blame by sigma_w·sqrt(fan_out) and by the "
             "slope, at most 0.25; the factors of several layers multiply.")
    sigma = np.sqrt(2.0 / width)
    f = sigma * np.sqrt(width) * 0.25
    right = [f, f ** layers]
    if answer is None or np.size(answer) != 2 or isinstance(answer, (str, bytes)):
        return compare(name, answer, right, hint=hint)
    try:
        factor, fraction = (float(v) for v in np.asarray(answer, dtype=float).ravel())
    except (TypeError, ValueError):
        return compare(name, answer, right, hint=hint)
    xavier = np.sqrt(2.0 / (2 * width)) * np.sqrt(width) * 0.25
    fb = compare(_("the factor per layer"), factor, f, mistakes={
        _("the sigmoid's slope is forgotten: sigma_w·sqrt(fan_out) alone is sqrt(2) for He; the blame also passes "
          "through the slope, at most 0.25"): sigma * np.sqrt(width),
        _("that is Xavier's factor (sigma_w·sqrt(fan_out) = 1); He's weights are sqrt(2) times larger"): xavier,
        _("that uses the variance 2/fan_in where the standard deviation sqrt(2/fan_in) belongs"):
            sigma ** 2 * width * 0.25,
        _("0.5 is the sigmoid's value at z = 0, not its slope; the slope there is 0.5·(1 − 0.5) = 0.25"):
            sigma * np.sqrt(width) * 0.5,
        _("that is the inverse: the blame is multiplied by the factor (it shrinks), not divided"): 1.0 / f,
        _("sqrt(fan_out) is missing: a unit's blame collects the blames of all fan_out units it feeds, so their "
          "spread adds up to sigma_w·sqrt(fan_out)"): sigma * 0.25,
        _("fan_out needs its square root: the blames of fan_out units with independent weights add up to a spread "
          "sigma_w·sqrt(fan_out), not sigma_w·fan_out"): sigma * width * 0.25,
        _("the 2 divides He's variance instead of multiplying it: sigma_w = sqrt(2/fan_in), not "
          "sqrt(1/(2·fan_in))"): np.sqrt(1.0 / (2.0 * width)) * np.sqrt(width) * 0.25,
    }, hint=hint)
    rounded = _f("rounded too early: the factor was rounded before it was raised to the power {layers}, and the "
                 "power multiplies the rounding error by {layers}; raise the unrounded factor", layers=layers)
    own = {} if abs(factor - f) <= 1e-12 * f else {rounded: factor ** layers}   # the learner's accepted factor
    if not fb.ok:
        return fb
    fb = compare(_f("the fraction left after {layers} layers", layers=layers), fraction, f ** layers, mistakes={
        _f("that is {n} layers' worth: each of the {layers} layers multiplies by the factor once",
           n=layers - 1, layers=layers): f ** (layers - 1),
        _f("that is {n} layers' worth: each of the {layers} layers multiplies by the factor once",
           n=layers + 1, layers=layers): f ** (layers + 1),
        _f("the factor was multiplied by {layers}; crossing {layers} layers multiplies by it {layers} times, "
           "so raise it to the power {layers}", layers=layers): f * layers,
        _("that is the inverse: how many times larger the blame is on the output side"): f ** -layers,
        _("that is the fraction lost (1 minus the answer); the question asks what is left"): 1.0 - f ** layers,
        _("that is a percentage; give the fraction as a number between 0 and 1"): 100.0 * f ** layers,
        rounded: round(float(f), 4) ** layers,
        **own,
    }, hint=hint)
    if not fb.ok:
        return fb
    return Feedback(True, _f("{name} is correct: [{factor:.4g}, {fraction:.4g}]", name=name, factor=factor,
                             fraction=fraction))
