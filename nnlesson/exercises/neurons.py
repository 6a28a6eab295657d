r"""Self-checks for notebook 01 (neurons and the forward pass).

Every expected value is computed here with nnlesson (never typed in), and each
check also computes what the usual mistakes would give, so that the feedback
can name the mistake:

* :func:`check_article000_hidden` -- hidden outputs of article 000's 2-3-1 net
  (article's sign of the sigmoid, activation forgotten, column-vector layout);
* :func:`check_article000_output` -- the output of the same net with biases
  added (a bias forgotten, the article's sigmoid, an activation skipped);
* :func:`check_weight_count` -- number of weights (links) of a fully connected net;
* :func:`check_relu_neuron` -- outputs of one ReLU neuron for three samples;
* :func:`check_collapsed_layer` -- the single linear layer equal to two linear layers.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..examples import article000_net
from ._feedback import Feedback, compare

__all__ = [
    "ART000_HIDDEN_BIAS",
    "ART000_OUTPUT_BIAS",
    "RELU_NEURON_X",
    "RELU_NEURON_W",
    "RELU_NEURON_B",
    "COLLAPSE_W1",
    "COLLAPSE_B1",
    "COLLAPSE_W2",
    "COLLAPSE_B2",
    "check_article000_hidden",
    "check_article000_output",
    "check_weight_count",
    "check_relu_neuron",
    "check_collapsed_layer",
]

#: Biases added to article 000's net in exercise 2 (the article itself has none).
ART000_HIDDEN_BIAS = np.array([0.1, -0.2, 0.3])
ART000_OUTPUT_BIAS = np.array([-0.5])

#: Exercise 4: one ReLU neuron with weights w, bias b, and three samples (rows).
RELU_NEURON_X = np.array([[2.0, 0.5, 1.0], [1.0, 2.0, 0.5], [3.0, 1.0, 0.25]])
RELU_NEURON_W = np.array([0.5, -1.0, 2.0])
RELU_NEURON_B = -0.5

#: Exercise 5: two linear layers 2 -> 3 -> 1 (identity activation).
COLLAPSE_W1 = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]])
COLLAPSE_B1 = np.array([0.5, 0.0, -1.0])
COLLAPSE_W2 = np.array([[2.0], [1.0], [-1.0]])
COLLAPSE_B2 = np.array([0.25])


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


def check_article000_hidden(answer):
    """Hidden-layer outputs (1, 3) of article 000's net for its input x = (0.9, 0.1)."""
    ex = article000_net()
    W, x = ex.net.weights[0], ex.X
    z = x @ W + ex.net.biases[0]
    right = ex.net.trace(ex.X, ex.Y, ex.loss).A[1]
    return compare("h (the hidden outputs)", _as_row(answer, 3), right, mistakes={
        "this is 1/(1+e^z), the article's printed formula, which is 1 - sigmoid(z); "
        "the sigmoid is 1/(1+e^(-z))": _article_sigmoid(z),
        "these are the weighted sums z; the activation (sigmoid) is still to be applied": z,
        "the weights were read off W row by row (as if W were stored unit by unit); "
        "W[i, j] goes from input i to hidden unit j, so unit j uses the column W[:, j]":
            activations.sigmoid(x @ W.reshape(3, 2).T),
    }, hint="h = sigmoid(x @ W), with x the row (0.9, 0.1) and W = net.weights[0] of shape (2, 3).")


def _article000_with_biases():
    ex = article000_net()
    ex.net.biases[0] = ART000_HIDDEN_BIAS
    ex.net.biases[1] = ART000_OUTPUT_BIAS
    return ex


def check_article000_output(answer):
    """Output (a single number) of article 000's net after adding the biases
    ART000_HIDDEN_BIAS (hidden) and ART000_OUTPUT_BIAS (output)."""
    ex = _article000_with_biases()
    W1, W2 = ex.net.weights
    b1, b2 = ART000_HIDDEN_BIAS, ART000_OUTPUT_BIAS
    s, x = activations.sigmoid, ex.X
    right = ex.net.forward(x)
    mistakes = {
        "both biases are missing: add b to each weighted sum before the sigmoid": s(s(x @ W1) @ W2),
        "the hidden biases are missing (the output bias is there)": s(s(x @ W1) @ W2 + b2),
        "the output bias is missing (the hidden biases are there)": s(s(x @ W1 + b1) @ W2),
        "this uses the article's printed sigmoid 1/(1+e^z), which is 1 - sigmoid(z)":
            _article_sigmoid(_article_sigmoid(x @ W1 + b1) @ W2 + b2),
        "the hidden layer's sigmoid was skipped: the output layer must receive h = sigmoid(z), not z":
            s((x @ W1 + b1) @ W2 + b2),
        "the output's sigmoid was skipped: this is the weighted sum z of the output unit":
            s(x @ W1 + b1) @ W2 + b2,
    }
    return compare("the output o", answer, right, mistakes=mistakes,
                   hint="h = sigmoid(x @ W1 + b1), then o = sigmoid(h @ W2 + b2).")


def check_weight_count(answer, sizes=(64, 16, 10), with_biases=False):
    """Number of weights (links) of a fully connected net with layer ``sizes``
    (plus the biases, one per non-input unit, if ``with_biases``)."""
    sizes = [int(s) for s in sizes]
    links = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    biases = sum(sizes[1:])
    right = links + biases if with_biases else links
    what = "the number of parameters (weights + biases)" if with_biases else "the number of weights"
    mistakes = {
        f"this multiplies all layer sizes; links only join neighbouring layers: "
        f"{' + '.join(f'{a}*{b}' for a, b in zip(sizes[:-1], sizes[1:]))}": int(np.prod(sizes)),
        "this adds up the units, not the links between them": sum(sizes),
        "the input layer got biases too: the inputs compute nothing, so only hidden and output units have a bias":
            links + sum(sizes),
    }
    if with_biases:
        mistakes["these are the weights only; add one bias per hidden and output unit"] = links
    else:
        mistakes["this includes the biases; the question asks for the weights (links) only"] = links + biases
    if len(sizes) > 2:
        mistakes["only the first layer's links are counted"] = sizes[0] * sizes[1]
    if isinstance(answer, (float, np.floating)) and not float(answer).is_integer():
        return Feedback(False, f"{what} is a whole number, got {answer}")
    hint = "between layers of a and b units there are a*b links (rule: every unit to every unit)."
    if with_biases:
        hint += " Then add one bias per hidden and output unit."
    return compare(what, answer, right, mistakes=mistakes, hint=hint)


def check_relu_neuron(answer):
    """Outputs (3,) of the ReLU neuron RELU_NEURON_W, RELU_NEURON_B for the rows of RELU_NEURON_X."""
    X, w, b = RELU_NEURON_X, RELU_NEURON_W, RELU_NEURON_B
    z = X @ w + b
    right = activations.relu(z)
    mistakes = {
        "these are the weighted sums z: the ReLU max(0, z) sets the negative ones to 0": z,
        "the bias is missing: z = x·w + b": activations.relu(X @ w),
        "the ReLU was applied to each product x_k w_k before summing; it acts once, on the whole sum z":
            activations.relu(X * w).sum(axis=1) + b,
        "this is the sigmoid of z, not the ReLU max(0, z)": activations.sigmoid(z),
        "this is min(0, z): the ReLU keeps the positive part": np.minimum(z, 0.0),
    }
    try:
        arr = np.asarray(answer, dtype=float)
        if arr.shape in ((1, 3), (3, 1)):
            answer = arr.ravel()
    except (TypeError, ValueError):
        pass
    return compare("a (the ReLU outputs)", answer, right, mistakes=mistakes,
                   hint="for each row x: z = x·w + b, output max(0, z).")


def check_collapsed_layer(W, b):
    """The single layer (W (2, 1), b (1,)) that computes what COLLAPSE_W1/B1 then COLLAPSE_W2/B2 compute
    with no activation in between.  Returns one Feedback covering W and b."""
    W1, b1, W2, b2 = COLLAPSE_W1, COLLAPSE_B1, COLLAPSE_W2, COLLAPSE_B2
    right_W, right_b = W1 @ W2, b1 @ W2 + b2
    fw = compare("W", W, right_W, mistakes={
        "this adds the two weight matrices' entries up; chaining layers multiplies them: W1 @ W2":
            W1.sum(axis=1, keepdims=True) + W2.sum(),
    }, hint="x @ W1 @ W2 = x @ (W1 @ W2).")
    if not fw.ok:
        return fw
    fb = compare("b", b, right_b, mistakes={
        "this is b2 only: the first layer's bias also passes through W2, giving b1 @ W2 + b2": b2,
        "b1 @ W2 is missing b2": b1 @ W2,
        "this adds the biases without passing b1 through W2: it must be b1 @ W2 + b2": b1.sum() + b2,
    }, hint="(x @ W1 + b1) @ W2 + b2 = x @ (W1 @ W2) + (b1 @ W2 + b2).")
    if not fb.ok:
        return fb
    return Feedback(True, f"W and b are correct: W = {np.round(right_W, 6).ravel().tolist()} (as a column), "
                          f"b = {np.round(right_b, 6).tolist()}")
