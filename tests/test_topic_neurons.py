"""Unit tests for the neurons topic: plots, the activation explorer and the exercise checks."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlesson as nl
from nnlesson import activations
from nnlesson.exercises import neurons as ex
from nnlesson.plots import neurons as pn
from nnlesson.widgets import neurons as wn


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# --- exercise checks --------------------------------------------------------

def _article000_hidden():
    e = nl.examples.article000_net()
    return e.net.trace(e.X, e.Y, e.loss).A[1]


def test_hidden_check_accepts_nnlesson_value_row_or_flat():
    h = _article000_hidden()
    assert ex.check_article000_hidden(h).ok
    assert ex.check_article000_hidden(h.ravel().tolist()).ok


def test_hidden_check_names_mistakes():
    h = _article000_hidden()
    e = nl.examples.article000_net()
    z = e.X @ e.net.weights[0]
    assert "1/(1+e^z)" in ex.check_article000_hidden(1 - h).message
    assert "weighted sums z" in ex.check_article000_hidden(z).message
    assert "transposed" in ex.check_article000_hidden(h.T).message
    assert "no answer yet" in ex.check_article000_hidden(None).message


def test_output_check_with_biases():
    e = nl.examples.article000_net()
    s = activations.sigmoid
    W1, W2 = e.net.weights
    b1, b2 = ex.ART000_HIDDEN_BIAS, ex.ART000_OUTPUT_BIAS
    right = s(s(e.X @ W1 + b1) @ W2 + b2)
    assert ex.check_article000_output(right).ok
    assert ex.check_article000_output(float(right[0, 0])).ok
    assert "both biases are missing" in ex.check_article000_output(s(s(e.X @ W1) @ W2)).message
    assert "hidden biases are missing" in ex.check_article000_output(s(s(e.X @ W1) @ W2 + b2)).message
    assert "output bias is missing" in ex.check_article000_output(s(s(e.X @ W1 + b1) @ W2)).message
    def art(z):
        return 1 - s(z)  # the article's printed 1/(1+e^z)

    flipped = art(art(e.X @ W1 + b1) @ W2 + b2)
    assert "printed sigmoid" in ex.check_article000_output(flipped).message
    assert "output's sigmoid was skipped" in ex.check_article000_output(s(e.X @ W1 + b1) @ W2 + b2).message


def test_output_check_does_not_change_the_example():
    ex.check_article000_output(0.5)
    assert np.all(nl.examples.article000_net().net.biases[0] == 0)


def test_weight_count():
    assert ex.check_weight_count(64 * 16 + 16 * 10).ok
    assert ex.check_weight_count(9, sizes=(2, 3, 1)).ok
    assert ex.check_weight_count(13, sizes=(2, 3, 1), with_biases=True).ok
    assert nl.MLP([2, 3, 1]).n_parameters == 13
    assert "multiplies all layer sizes" in ex.check_weight_count(64 * 16 * 10).message
    assert "includes the biases" in ex.check_weight_count(1184 + 26).message
    assert "weights only" in ex.check_weight_count(1184, with_biases=True).message
    assert "input layer got biases" in ex.check_weight_count(1184 + 90, with_biases=True).message
    assert not ex.check_weight_count(1184.5).ok
    assert "one bias per hidden and output unit" in ex.check_weight_count(None, with_biases=True).message
    assert "bias" not in ex.check_weight_count(None).message


def test_relu_check():
    z = ex.RELU_NEURON_X @ ex.RELU_NEURON_W + ex.RELU_NEURON_B
    right = np.maximum(z, 0)
    assert np.any(z < 0) and np.any(z > 0)  # the exercise exercises both sides of the kink
    assert ex.check_relu_neuron(right).ok
    assert ex.check_relu_neuron(right[:, None]).ok
    assert "weighted sums z" in ex.check_relu_neuron(z).message
    assert "bias is missing" in ex.check_relu_neuron(np.maximum(ex.RELU_NEURON_X @ ex.RELU_NEURON_W, 0)).message
    per_product = np.maximum(ex.RELU_NEURON_X * ex.RELU_NEURON_W, 0).sum(axis=1) + ex.RELU_NEURON_B
    assert "before summing" in ex.check_relu_neuron(per_product).message


def test_collapsed_layer_check_matches_a_linear_network():
    W = ex.COLLAPSE_W1 @ ex.COLLAPSE_W2
    b = ex.COLLAPSE_B1 @ ex.COLLAPSE_W2 + ex.COLLAPSE_B2
    net = nl.MLP([2, 3, 1], hidden="identity", output="identity")
    net.weights = [ex.COLLAPSE_W1, ex.COLLAPSE_W2]
    net.biases = [ex.COLLAPSE_B1, ex.COLLAPSE_B2]
    X = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_allclose(net.forward(X), X @ W + b)
    assert ex.check_collapsed_layer(W, b).ok
    assert "transposed" in ex.check_collapsed_layer(W.T, b).message
    assert "b2 only" in ex.check_collapsed_layer(W, ex.COLLAPSE_B2).message
    assert "sign is flipped" in ex.check_collapsed_layer(-W, b).message


# --- plots ------------------------------------------------------------------

def test_neuron_surface_matches_activation():
    xs, Z, A = pn.neuron_surface("sigmoid", 2.0, -1.0, 0.5, n=11)
    assert Z.shape == A.shape == (11, 11)
    assert Z[3, 7] == pytest.approx(2.0 * xs[7] - 1.0 * xs[3] + 0.5)
    np.testing.assert_allclose(A, activations.sigmoid(Z))


def test_zero_line_lies_on_z_equal_zero():
    for w1, w2, b in [(1, 1, 0), (6, 6, -9), (0, 2, 1), (3, 0.5, -1)]:
        x1, x2 = pn.zero_line(w1, w2, b)
        np.testing.assert_allclose(w1 * x1 + w2 * x2 + b, 0, atol=1e-12)


def test_static_figures_have_labelled_axes():
    for fig in (pn.plot_activations(), pn.plot_article_sigmoid(), pn.neuron_grid()):
        for ax in fig.axes:
            if ax.get_label() == "<colorbar>":
                continue
            assert ax.get_xlabel()
    digits, labels = nl.datasets.load_digits()
    fig = pn.plot_digit(digits[0], labels[0])
    assert fig.axes[0].images[0].get_array().shape == (8, 8)
    assert len(pn.neuron_grid().axes) == len(pn.NEURON_PRESETS)


def test_article_sigmoid_plot_shows_the_mirror_image():
    fig = pn.plot_article_sigmoid()
    usual, article = fig.axes[0].lines[:2]
    np.testing.assert_allclose(article.get_ydata(), 1 - usual.get_ydata(), atol=1e-12)


def test_plot_boundaries_one_panel_per_net():
    X, y = nl.datasets.xor()
    nets = [nl.MLP([2, 1], seed=0), nl.MLP([2, 3, 1], seed=1)]
    fig = pn.plot_boundaries(nets, ["a", "b"], X, y, n=20)
    assert len(fig.axes) == 2


# --- widget -----------------------------------------------------------------

def test_explorer_update_changes_artists():
    live = wn.neuron_explorer(preset="gentle")
    ax_plane, ax_curve = live.fig.axes[0], live.fig.axes[1]
    image = ax_plane.images[0]
    before = np.array(image.get_array()).copy()
    curve_before = ax_curve.lines[0].get_ydata().copy()
    live.set(w1=6.0)
    assert not np.allclose(before, np.array(image.get_array()))
    live.set(activation="relu")
    assert image.get_clim()[1] > 1.0  # ReLU outputs go above 1
    assert not np.array_equal(curve_before, ax_curve.lines[0].get_ydata())
    assert "relu" in live.extra.value


def test_explorer_presets_and_show():
    live = wn.neuron_explorer(preset="AND", show=("b",), b=-5.0)
    vals = live.controls.values()
    assert vals["w1"] == 6.0 and vals["b"] == -5.0 and vals["activation"] == "sigmoid"
    hidden = [n for n, w in live.controls.widgets.items() if w.layout.display == "none"]
    assert sorted(hidden) == ["activation", "w1", "w2", "x1", "x2"]
    with pytest.raises(ValueError):
        wn.neuron_explorer(preset="XOR")
    with pytest.raises(ValueError):
        wn.neuron_explorer(show=("lr",))


def test_explorer_probe_readout_matches_the_neuron():
    live = wn.neuron_explorer(activation="tanh", w1=2.0, w2=-1.0, b=0.5, x1=1.0, x2=0.5)
    z = 2.0 * 1.0 - 1.0 * 0.5 + 0.5
    assert f"z = {z:.2f}" in live.extra.value
    assert f"a = {np.tanh(z):.3f}" in live.extra.value


def test_latency_cases_apply():
    for _label, factory, changes in wn.LATENCY_CASES:
        assert 10 <= len(changes) <= 20
        live = factory()
        for change in changes:
            live.set(**change)
