r"""Self-checks for notebook 01 (neurons and the forward pass).

Every expected value is computed here with nnlesson (never typed in), and each
check also computes what the usual mistakes would give, so that the feedback
can name the mistake.  The mistakes each check knows (the functions
``*_mistakes`` return them, so the tests can check that no two of them give the
same number on the exercise's example):

* :func:`check_article000_hidden` -- hidden outputs of article 000's 2-3-1 net:
  the article's printed sigmoid 1/(1+e^z), the activation forgotten (or the ReLU,
  which leaves these positive sums as they are), e^(-z) alone, the sigmoid
  applied to the inputs or to each product instead of to the sum, tanh or the
  sigmoid's slope instead of the sigmoid, 1 / 1 + e^(-z) (a missing bracket), W
  read row by row (the column-vector layout is caught as a transposed shape);
* :func:`check_article000_output` -- the output of the same net with biases:
  either or both biases forgotten, added after the sigmoid instead of before
  it, or subtracted (sign flipped); the article's printed sigmoid in both
  layers, in the hidden layer only or in the output unit only; a sigmoid skipped;
* :func:`check_weight_count` -- number of weights (or parameters) of a fully
  connected net, compared as whole numbers: all sizes multiplied, units added
  up, biases counted or forgotten, biases given to the inputs, one bias per
  layer instead of per unit, only one layer's links counted;
* :func:`check_relu_neuron` -- outputs of one ReLU neuron for three samples:
  the ReLU forgotten or applied to each product, the bias forgotten, added
  after the ReLU or subtracted, the samples read as columns (``X.T @ w`` or
  ``w @ X``: the sample matrix is square, so the shape cannot tell), the
  sigmoid, |z| or the ReLU's slope instead of the ReLU, min instead of max;
* :func:`check_collapsed_layer` -- the single linear layer equal to two linear
  layers W0, b0 then W1, b1 (``COLLAPSE_WEIGHTS``, ``COLLAPSE_BIASES``): entries
  added instead of multiplied (the product in the wrong order is caught as a
  transposed shape), the first bias not passed through W1, b1 left out,
  subtracted or passed through W1 too.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from .._i18n import _, _f
from ..examples import article000_net
from ._feedback import Feedback, compare, compare_count

__all__ = [
    "ART000_HIDDEN_BIAS",
    "ART000_OUTPUT_BIAS",
    "RELU_NEURON_X",
    "RELU_NEURON_W",
    "RELU_NEURON_B",
    "COLLAPSE_WEIGHTS",
    "COLLAPSE_BIASES",
    "COLLAPSE_W1",
    "COLLAPSE_B1",
    "COLLAPSE_W2",
    "COLLAPSE_B2",
    "check_article000_hidden",
    "check_article000_output",
    "check_weight_count",
    "check_relu_neuron",
    "check_collapsed_layer",
    "hidden_mistakes",
    "output_mistakes",
    "weight_count_mistakes",
    "relu_mistakes",
    "collapsed_mistakes",
]

#: Biases added to article 000's net in exercise 2 (the article itself has none).
ART000_HIDDEN_BIAS = np.array([0.1, -0.2, 0.3])
ART000_OUTPUT_BIAS = np.array([-0.5])

#: Exercise 4: one ReLU neuron with weights w, bias b, and three samples (rows).
RELU_NEURON_X = np.array([[2.0, 0.5, 1.0], [1.0, 2.0, 0.5], [3.0, 1.0, 0.25]])
RELU_NEURON_W = np.array([0.5, -1.0, 2.0])
RELU_NEURON_B = -0.5


def _fixed(values):
    """A read-only float array: an exercise's numbers cannot be changed by accident."""
    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


#: Exercise 5: two linear layers 2 -> 3 -> 1 (identity activation), in the series' notation
#: W0, W1 = COLLAPSE_WEIGHTS (shapes (2, 3), (3, 1)) and b0, b1 = COLLAPSE_BIASES (shapes (3,), (1,)),
#: like net.weights and net.biases.
COLLAPSE_WEIGHTS = (_fixed([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]]), _fixed([[2.0], [1.0], [-1.0]]))
COLLAPSE_BIASES = (_fixed([0.5, 0.0, -1.0]), _fixed([0.25]))
# the same arrays under names numbered from 1, for code that reads them so (COLLAPSE_W1 is W0)
COLLAPSE_W1, COLLAPSE_W2 = COLLAPSE_WEIGHTS
COLLAPSE_B1, COLLAPSE_B2 = COLLAPSE_BIASES

_s = activations.sigmoid


def _article_sigmoid(z):
    """Article 000's printed formula 1/(1+e^z): the mirror image 1 - sigmoid(z)."""
    return 1.0 - activations.sigmoid(z)


def _as_row(answer, n):
    """Accept a flat list of n numbers as the (1, n) row nnlesson returns."""
    if answer is None:
        return None
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return answer
    return arr.reshape(1, n) if arr.shape == (n,) else arr


# --- exercise 1: the hidden layer -------------------------------------------

def hidden_mistakes():
    """(right value, {explanation: value}) for exercise 1."""
    ex = article000_net()
    W, x = ex.net.weights[0], ex.X
    z = x @ W
    right = ex.net.trace(ex.X, ex.Y, ex.loss).A[1]
    return right, {
        _("this is 1/(1+e^z), the article's printed formula, which is 1 - sigmoid(z); "
          "the sigmoid is 1/(1+e^(-z))"): _article_sigmoid(z),
        _("these are the weighted sums z (the ReLU would leave them unchanged, as all three are positive); "
          "the sigmoid 1/(1+e^(-z)) is still to be applied"): z,
        _("this is e^(-z) alone: the sigmoid is 1/(1 + e^(-z))"): np.exp(-z),
        _("the sigmoid was applied to the inputs x before the weighted sum; it acts on the sum: sigmoid(x @ W)"):
            _s(x) @ W,
        _("the sigmoid was applied to each product x_i w_ij and the results added; it acts once, on the whole sum"):
            (_s(x.T * W)).sum(axis=0, keepdims=True),
        _("this is tanh(z), not the sigmoid 1/(1+e^(-z))"): np.tanh(z),
        _("this is 1 + e^(-z): in 1 / 1 + np.exp(-z) the division comes first; write 1 / (1 + np.exp(-z))"):
            1.0 + np.exp(-z),
        _("this is the sigmoid's slope sigmoid(z) (1 - sigmoid(z)), not the sigmoid itself"):
            activations.slope("sigmoid", z),
        _("the weights were read off W row by row (as if W were stored unit by unit); "
          "W[i, j] goes from input i to hidden unit j, so unit j uses the column W[:, j]"):
            _s(x @ W.reshape(3, 2).T),
    }


def check_article000_hidden(answer):
    """Hidden-layer outputs (1, 3) of article 000's net for its input x = (0.9, 0.1)."""
    right, mistakes = hidden_mistakes()
    return compare(_("h (the hidden outputs)"), _as_row(answer, 3), right, mistakes=mistakes,
                   hint=_("h = sigmoid(x @ W0), with x the row (0.9, 0.1) and W0 = net.weights[0] of shape (2, 3)."))


# --- exercise 2: the output with biases -------------------------------------

def output_mistakes():
    """(right value, {explanation: value}) for exercise 2 (the net with ART000_*_BIAS).

    Named as in the exercise: W0, W1 = net.weights, b_hidden, b_out."""
    ex = article000_net()
    W0, W1 = ex.net.weights
    bh, bo = ART000_HIDDEN_BIAS, ART000_OUTPUT_BIAS
    x, s, art = ex.X, _s, _article_sigmoid
    h = s(x @ W0 + bh)
    right = s(h @ W1 + bo)
    return right, {
        _("both biases are missing: add b to each weighted sum before the sigmoid"): s(s(x @ W0) @ W1),
        _("the hidden biases are missing (the output bias is there)"): s(s(x @ W0) @ W1 + bo),
        _("the output bias is missing (the hidden biases are there)"): s(h @ W1),
        _("both biases were added after the sigmoid; a bias belongs to the weighted sum, before the activation: "
          "a = sigmoid(z + b)"): s((s(x @ W0) + bh) @ W1) + bo,
        _("the hidden biases were added after the hidden sigmoid; a bias belongs inside it: "
          "h = sigmoid(x @ W0 + b_hidden)"): s((s(x @ W0) + bh) @ W1 + bo),
        _("the output bias was added after the output sigmoid; it belongs inside it: sigmoid(h @ W1 + b_out)"):
            s(h @ W1) + bo,
        _("both biases were subtracted: the weighted sum is z = x @ W + b"): s(s(x @ W0 - bh) @ W1 - bo),
        _("the hidden biases were subtracted: z = x @ W0 + b_hidden"): s(s(x @ W0 - bh) @ W1 + bo),
        _("the output bias was subtracted: z = h @ W1 + b_out"): s(h @ W1 - bo),
        _("this uses the article's printed sigmoid 1/(1+e^z), which is 1 - sigmoid(z)"):
            art(art(x @ W0 + bh) @ W1 + bo),
        _("the hidden layer used the article's printed sigmoid 1/(1+e^z), which is 1 - sigmoid(z); "
          "the output unit the right one"): s(art(x @ W0 + bh) @ W1 + bo),
        _("this is 1 - o: the output unit used the article's printed sigmoid 1/(1+e^z), which is 1 - sigmoid(z)"):
            art(h @ W1 + bo),
        _("the hidden layer's sigmoid was skipped (or replaced by the ReLU, which leaves these positive sums "
          "unchanged): the output layer must receive h = sigmoid(z), not z"):
            s((x @ W0 + bh) @ W1 + bo),
        _("the output's sigmoid was skipped: this is the weighted sum z of the output unit"): h @ W1 + bo,
    }


def check_article000_output(answer):
    """Output (a single number) of article 000's net after adding the biases
    ART000_HIDDEN_BIAS (hidden) and ART000_OUTPUT_BIAS (output)."""
    right, mistakes = output_mistakes()
    return compare(_("the output o"), answer, right, mistakes=mistakes,
                   hint=_("with W0, W1 = net.weights: h = sigmoid(x @ W0 + b_hidden), then "
                          "o = sigmoid(h @ W1 + b_out)."))


# --- exercise 3: counting weights -------------------------------------------

def _check_sizes(sizes):
    try:
        sizes = [int(s) for s in sizes]
    except (TypeError, ValueError):
        raise TypeError(f"sizes must be a sequence of whole numbers, got {sizes!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"sizes must hold at least two layer sizes, each at least 1, got {sizes}")
    return sizes


def weight_count_mistakes(sizes=(64, 16, 10), with_biases=False):
    """(right count, {explanation: count}) for a fully connected net with layer ``sizes``."""
    sizes = _check_sizes(sizes)
    pairs = list(zip(sizes[:-1], sizes[1:]))
    links = sum(a * b for a, b in pairs)
    biases = sum(sizes[1:])
    right = links + biases if with_biases else links
    mistakes = {
        _f("this multiplies all layer sizes; links only join neighbouring layers: {products}",
           products=" + ".join(f"{a}*{b}" for a, b in pairs)): int(np.prod(sizes)),
        _("this adds up the units, not the links between them"): sum(sizes),
    }
    if len(pairs) > 1:
        mistakes[_("only the first layer's links are counted; add the links between every pair of neighbouring "
                   "layers")] = pairs[0][0] * pairs[0][1]
        mistakes[_("only the last layer's links are counted; add the links between every pair of neighbouring "
                   "layers")] = pairs[-1][0] * pairs[-1][1]
    if with_biases:
        mistakes[_("these are the weights only; add one bias per hidden and output unit")] = links
        mistakes[_("the input layer got biases too: the inputs compute nothing, so only hidden and output units "
                   "have a bias")] = links + sum(sizes)
        mistakes[_("this counts one bias per layer; every hidden and output unit has its own bias")] = (
            links + len(pairs))
        if len(pairs) > 1:
            mistakes[_("only the output units' biases are counted; the hidden units have one each too")] = (
                links + sizes[-1])
            mistakes[_("only the hidden units' biases are counted; the output units have one each too")] = (
                links + biases - sizes[-1])
    else:
        mistakes[_("this includes the biases; the question asks for the weights (links) only")] = links + biases
    return right, mistakes


def check_weight_count(answer, sizes=(64, 16, 10), with_biases=False):
    """Number of weights (links) of a fully connected net with layer ``sizes``
    (plus the biases, one per non-input unit, if ``with_biases``); a whole number, compared exactly."""
    right, mistakes = weight_count_mistakes(sizes, with_biases)
    what = _("the number of parameters (weights + biases)") if with_biases else _("the number of weights")
    if with_biases:
        hint = _("between layers of a and b units there are a*b links (rule: every unit to every unit). "
                 "Then add one bias per hidden and output unit.")
    else:
        hint = _("between layers of a and b units there are a*b links (rule: every unit to every unit).")
    return compare_count(what, answer, right, mistakes=mistakes, hint=hint)


# --- exercise 4: a ReLU neuron ----------------------------------------------

def relu_mistakes():
    """(right value, {explanation: value}) for exercise 4."""
    X, w, b = RELU_NEURON_X, RELU_NEURON_W, RELU_NEURON_B
    relu = activations.relu
    z = X @ w + b
    return relu(z), {
        _("these are the weighted sums z: the ReLU max(0, z) sets the negative ones to 0"): z,
        _("the bias is missing: z = x·w + b"): relu(X @ w),
        _("the bias was added after the ReLU; it belongs to the weighted sum: max(0, x·w + b)"): relu(X @ w) + b,
        _("the bias was subtracted: z = x·w + b"): relu(X @ w - b),
        _("this combines the columns of X, not its rows (X.T @ w, or w @ X): each sample is a row, so z = X @ w + b; "
          "the shape cannot show it because X is square"): relu(X.T @ w + b),
        _("the ReLU was applied to each product x_k w_k before summing; it acts once, on the whole sum z"):
            relu(X * w).sum(axis=1) + b,
        _("this is the sigmoid of z, not the ReLU max(0, z)"): activations.sigmoid(z),
        _("this is min(0, z): the ReLU keeps the positive part"): np.minimum(z, 0.0),
        _("this is |z|: the ReLU sets a negative sum to 0, it does not flip its sign"): np.abs(z),
        _("this is the ReLU's slope (1 where z > 0, else 0), not its output max(0, z)"): (z > 0).astype(float),
    }


def check_relu_neuron(answer):
    """Outputs (3,) of the ReLU neuron RELU_NEURON_W, RELU_NEURON_B for the rows of RELU_NEURON_X."""
    right, mistakes = relu_mistakes()
    try:
        arr = np.asarray(answer, dtype=float)
        if arr.shape in ((1, 3), (3, 1)):
            answer = arr.ravel()
    except (TypeError, ValueError):
        pass
    return compare(_("a (the ReLU outputs)"), answer, right, mistakes=mistakes,
                   hint=_("for each row x: z = x·w + b, output max(0, z)."))


# --- exercise 5: two linear layers are one ----------------------------------

def collapsed_mistakes():
    """(right W, W mistakes, right b, b mistakes) for exercise 5.

    The messages call the four arrays W0, b0, W1, b1, as in the series' notation:
    W0, W1 = COLLAPSE_WEIGHTS and b0, b1 = COLLAPSE_BIASES."""
    (W0, W1), (b0, b1) = COLLAPSE_WEIGHTS, COLLAPSE_BIASES
    right_W, right_b = W0 @ W1, b0 @ W1 + b1
    w_mistakes = {
        _("this adds the two weight matrices' entries up; chaining layers multiplies them: W0 @ W1"):
            W0.sum(axis=1, keepdims=True) + W1.sum(),
    }
    b_mistakes = {
        _("this is b1 only: the first layer's bias also passes through W1, giving b0 @ W1 + b1"): b1,
        _("b0 @ W1 is missing b1"): b0 @ W1,
        _("this adds the biases without passing b0 through W1: it must be b0 @ W1 + b1"): b0.sum() + b1,
        _("b1 was subtracted: it must be b0 @ W1 + b1"): b0 @ W1 - b1,
        _("b1 was passed through W1 as well; it is added after the second layer's product: b0 @ W1 + b1"):
            (b0 + b1) @ W1,
    }
    return right_W, w_mistakes, right_b, b_mistakes


def check_collapsed_layer(W, b):
    """The single layer (W (2, 1), b (1,)) that computes what W0, b0 then W1, b1 (COLLAPSE_WEIGHTS,
    COLLAPSE_BIASES) compute with no activation in between.  Returns one Feedback covering W and b."""
    right_W, w_mistakes, right_b, b_mistakes = collapsed_mistakes()
    fw = compare("W", W, right_W, mistakes=w_mistakes, hint=_("x @ W0 @ W1 = x @ (W0 @ W1)."))
    if not fw.ok:
        return fw
    fb = compare("b", b, right_b, mistakes=b_mistakes,
                 hint=_("(x @ W0 + b0) @ W1 + b1 = x @ (W0 @ W1) + (b0 @ W1 + b1)."))
    if not fb.ok:
        return fb
    return Feedback(True, _f("W and b are correct: W = {W} (as a column), b = {b}",
                             W=np.round(right_W, 6).ravel().tolist(), b=np.round(right_b, 6).tolist()))
