"""Unit tests for the neurons topic: plots, the activation explorer and the exercise checks."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from zh_text import has_cjk

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


def _all_mistake_sets():
    """(name, right, mistakes) of every float check, as the checks build them."""
    W, wm, b, bm = ex.collapsed_mistakes()
    return [("hidden", *ex.hidden_mistakes()), ("output", *ex.output_mistakes()), ("relu", *ex.relu_mistakes()),
            ("collapsed W", W, wm), ("collapsed b", b, bm)]


@pytest.mark.parametrize("name, right, mistakes", _all_mistake_sets(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_two_mistakes_give_the_same_number(name, right, mistakes):
    """On the exercise's own numbers every mistake is told apart from the others and from the right value,
    its sign flip, twice or half of it, and an early rounding of it."""
    from nnlesson.exercises._feedback import RTOL, _close, _round_sig
    right = np.asarray(right, dtype=float)
    values = {k: np.asarray(v, dtype=float) for k, v in mistakes.items()}
    items = list(values.items())
    for i, (a, va) in enumerate(items):
        assert va.shape == right.shape, a
        for factor in (1.0, -1.0, 2.0, 0.5):
            assert not _close(va, factor * right, RTOL, 1e-12), (a, factor)
        for digits in (2, 3):
            assert not np.array_equal(_round_sig(va, digits), _round_sig(right, digits)), a
        for b, vb in items[i + 1:]:
            assert not _close(va, vb, RTOL, 1e-12), (a, b)


@pytest.mark.parametrize("check, mistakes_of", [
    (ex.check_article000_hidden, ex.hidden_mistakes),
    (ex.check_article000_output, ex.output_mistakes),
    (ex.check_relu_neuron, ex.relu_mistakes),
])
def test_each_listed_mistake_is_named_alone(check, mistakes_of):
    right, mistakes = mistakes_of()
    assert check(right).ok
    assert check(np.asarray(right) * (1 + 3e-4)).ok  # four significant digits are enough
    for explanation, value in mistakes.items():
        fb = check(value)
        assert not fb.ok
        assert explanation in fb.message and "more than one" not in fb.message, explanation


def test_hidden_check_accepts_nnlesson_value_row_or_flat():
    h = _article000_hidden()
    assert ex.check_article000_hidden(h).ok
    assert ex.check_article000_hidden(h.ravel().tolist()).ok
    assert ex.check_article000_hidden(np.round(h, 4)).ok


def test_hidden_check_names_typical_mistakes():
    h = _article000_hidden()
    e = nl.examples.article000_net()
    x, W = e.X, e.net.weights[0]
    z = x @ W
    assert "1/(1+e^z)" in ex.check_article000_hidden(1 / (1 + np.exp(z))).message
    assert "weighted sums z" in ex.check_article000_hidden(z).message
    assert "ReLU" in ex.check_article000_hidden(np.maximum(z, 0)).message  # the sums are all positive
    assert "e^(-z) alone" in ex.check_article000_hidden(np.exp(-z)).message
    assert "transposed" in ex.check_article000_hidden(h.T).message
    assert "transposed" in ex.check_article000_hidden(1 / (1 + np.exp(-(W.T @ x.T)))).message  # column layout
    assert "tanh" in ex.check_article000_hidden(np.tanh(z)).message
    assert "to the inputs" in ex.check_article000_hidden((1 / (1 + np.exp(-x))) @ W).message
    per_product = sum(1 / (1 + np.exp(-x[0, i] * W[i])) for i in range(2))
    assert "each product" in ex.check_article000_hidden(per_product).message
    assert "row by row" in ex.check_article000_hidden(1 / (1 + np.exp(-(x @ W.reshape(3, 2).T)))).message
    assert "division comes first" in ex.check_article000_hidden(1 / 1 + np.exp(-z)).message
    assert "slope" in ex.check_article000_hidden(h * (1 - h)).message
    assert "rounded too early" in ex.check_article000_hidden(np.round(h, 2)).message
    assert "no answer yet" in ex.check_article000_hidden(None).message


def test_output_check_names_typical_mistakes():
    e = nl.examples.article000_net()
    s = activations.sigmoid
    W1, W2 = e.net.weights
    b1, b2 = ex.ART000_HIDDEN_BIAS, ex.ART000_OUTPUT_BIAS
    x = e.X
    right = s(s(x @ W1 + b1) @ W2 + b2)
    assert ex.check_article000_output(right).ok
    assert ex.check_article000_output(float(right[0, 0])).ok

    def msg(answer):
        return ex.check_article000_output(answer).message

    assert "both biases are missing" in msg(s(s(x @ W1) @ W2))
    assert "hidden biases are missing" in msg(s(s(x @ W1) @ W2 + b2))
    assert "output bias is missing" in msg(s(s(x @ W1 + b1) @ W2))
    assert "both biases were added after" in msg(s((s(x @ W1) + b1) @ W2) + b2)
    assert "hidden biases were added after" in msg(s((s(x @ W1) + b1) @ W2 + b2))
    assert "output bias was added after" in msg(s(s(x @ W1 + b1) @ W2) + b2)
    assert "both biases were subtracted" in msg(s(s(x @ W1 - b1) @ W2 - b2))
    assert "hidden biases were subtracted" in msg(s(s(x @ W1 - b1) @ W2 + b2))
    assert "output bias was subtracted" in msg(s(s(x @ W1 + b1) @ W2 - b2))

    def art(z):
        return 1 - s(z)  # the article's printed 1/(1+e^z)

    assert "printed sigmoid" in msg(art(art(x @ W1 + b1) @ W2 + b2))
    assert "hidden layer used the article's printed sigmoid" in msg(s(art(x @ W1 + b1) @ W2 + b2))
    assert "1 - o" in msg(1 - right) and "output unit used" in msg(art(s(x @ W1 + b1) @ W2 + b2))
    assert "hidden layer's sigmoid was skipped" in msg(s((x @ W1 + b1) @ W2 + b2))
    assert "output's sigmoid was skipped" in msg(s(x @ W1 + b1) @ W2 + b2)
    relu_hidden = s(np.maximum(0.0, x @ W1 + b1) @ W2 + b2)       # the ReLU in the hidden layer instead
    assert np.all(x @ W1 + b1 > 0) and "replaced by the ReLU" in msg(relu_hidden)


def test_output_check_does_not_change_the_example():
    ex.check_article000_output(0.5)
    assert np.all(nl.examples.article000_net().net.biases[0] == 0)


def test_weight_count():
    assert ex.check_weight_count(64 * 16 + 16 * 10).ok
    assert ex.check_weight_count(1184.0).ok
    assert ex.check_weight_count(np.int64(1184)).ok
    assert ex.check_weight_count(35, sizes=(4, 5, 3)).ok
    assert ex.check_weight_count(43, sizes=(4, 5, 3), with_biases=True).ok
    assert nl.MLP([4, 5, 3]).n_parameters == 43
    assert nl.MLP([64, 16, 10]).n_parameters == 1210

    def msg(answer, **kw):
        return ex.check_weight_count(answer, **kw).message

    assert "multiplies all layer sizes" in msg(64 * 16 * 10)
    assert "adds up the units" in msg(64 + 16 + 10)
    assert "includes the biases" in msg(1184 + 26)
    assert "only the first layer" in msg(64 * 16)
    assert "only the last layer" in msg(16 * 10)
    assert "weights only" in msg(1184, with_biases=True)
    assert "input layer got biases" in msg(1184 + 90, with_biases=True)
    assert "one bias per layer" in msg(1184 + 2, with_biases=True)
    assert "only the output units' biases" in msg(1184 + 10, with_biases=True)
    assert "only the hidden units' biases" in msg(1184 + 16, with_biases=True)
    assert "not a whole number" in msg(1184.5)
    assert "not right" in msg(1185) and ":" not in msg(1185).split("not right")[1][:2]  # off by one: no story
    assert "one bias per hidden and output unit" in msg(None, with_biases=True)
    assert "bias" not in msg(None)


def test_weight_count_demo_sizes_keep_mistakes_apart():
    """The sizes the notebooks use give a different count for every listed mistake."""
    for sizes in ((64, 16, 10), (4, 5, 3)):
        for with_biases in (False, True):
            right, mistakes = ex.weight_count_mistakes(sizes, with_biases)
            counts = [right, *mistakes.values()]
            assert len(set(counts)) == len(counts), (sizes, with_biases)


def test_weight_count_bad_sizes():
    with pytest.raises(TypeError, match="sizes"):
        ex.check_weight_count(3, sizes=("a", 2))
    with pytest.raises(ValueError, match="sizes"):
        ex.check_weight_count(3, sizes=(2,))


def test_relu_check_names_typical_mistakes():
    X, w, b = ex.RELU_NEURON_X, ex.RELU_NEURON_W, ex.RELU_NEURON_B
    z = X @ w + b
    right = np.maximum(z, 0)
    assert np.any(z < 0) and np.any(z > 0)  # the exercise exercises both sides of the kink
    assert X.shape[0] == X.shape[1]  # square on purpose: a transposed product keeps the shape
    assert ex.check_relu_neuron(right).ok
    assert ex.check_relu_neuron(right[:, None]).ok

    def msg(answer):
        return ex.check_relu_neuron(answer).message

    assert "weighted sums z" in msg(z)
    assert "bias is missing" in msg(np.maximum(X @ w, 0))
    assert "added after the ReLU" in msg(np.maximum(X @ w, 0) + b)
    assert "bias was subtracted" in msg(np.maximum(X @ w - b, 0))
    assert "columns of X" in msg(np.maximum(X.T @ w + b, 0))
    assert "columns of X" in msg(np.maximum(w @ X + b, 0))
    assert "before summing" in msg(np.maximum(X * w, 0).sum(axis=1) + b)
    assert "sigmoid" in msg(1 / (1 + np.exp(-z)))
    assert "min(0, z)" in msg(np.minimum(z, 0))
    assert "|z|" in msg(np.abs(z))
    assert "ReLU's slope" in msg(np.where(z > 0, 1.0, 0.0))


def test_collapsed_layer_check_matches_a_linear_network():
    (W0, W1), (b0, b1) = ex.COLLAPSE_WEIGHTS, ex.COLLAPSE_BIASES
    W = W0 @ W1
    b = b0 @ W1 + b1
    net = nl.MLP([2, 3, 1], hidden="identity", output="identity")
    net.weights = list(ex.COLLAPSE_WEIGHTS)
    net.biases = list(ex.COLLAPSE_BIASES)
    X = np.random.default_rng(0).normal(size=(5, 2))
    np.testing.assert_allclose(net.forward(X), X @ W + b)
    assert ex.check_collapsed_layer(W, b).ok

    def msg(W_answer, b_answer):
        return ex.check_collapsed_layer(W_answer, b_answer).message

    assert "transposed" in msg(W.T, b)
    assert "transposed" in msg(W1.T @ W0.T, b)
    assert "adds the two weight matrices" in msg(W0.sum(axis=1, keepdims=True) + W1.sum(), b)
    assert "sign is flipped" in msg(-W, b)
    assert "b1 only" in msg(W, b1)
    assert "missing b1" in msg(W, b0 @ W1)
    assert "without passing b0 through W1" in msg(W, b0.sum() + b1)
    assert "passed through W1 as well" in msg(W, (b0 + b1) @ W1)
    assert "b1 was subtracted" in msg(W, b0 @ W1 - b1)
    assert "shape (3,)" in msg(W, b0 + b1)  # the biases added entry by entry: a wrong shape
    assert "W0 @ W1" in msg(None, b) and "b0 @ W1 + b1" in msg(W, None)  # hints in the series' notation


def test_collapse_arrays_in_the_series_notation_and_read_only():
    (W0, W1), (b0, b1) = ex.COLLAPSE_WEIGHTS, ex.COLLAPSE_BIASES
    assert [W0.shape, W1.shape, b0.shape, b1.shape] == [(2, 3), (3, 1), (3,), (1,)]
    assert ex.COLLAPSE_W1 is W0 and ex.COLLAPSE_W2 is W1 and ex.COLLAPSE_B1 is b0 and ex.COLLAPSE_B2 is b1
    with pytest.raises(ValueError):
        W0[0, 0] = 5.0  # an answer cell cannot change the exercise's numbers by accident
    assert ex.check_collapsed_layer(W0 @ W1, b0 @ W1 + b1).ok


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


# --- readable figures -------------------------------------------------------

def _contours():
    fig, ax = nl.plots.figure()
    pn.probability_contours(ax, nl.MLP([2, 1], seed=0), nl.datasets.xor()[0])
    return fig


def _digit(numbers):
    digits, labels = nl.datasets.load_digits()
    return pn.plot_digit(digits[0], labels[0], numbers=numbers)


_FIGURES = {
    "activations": pn.plot_activations,
    "article sigmoid": pn.plot_article_sigmoid,
    "neuron grid": pn.neuron_grid,
    "neuron grid, one activation": lambda: pn.neuron_grid(
        {f"b = {b}": dict(activation="sigmoid", w1=6.0, w2=6.0, b=b) for b in (-3.0, -6.0, -9.0)}),
    "boundaries": lambda: pn.plot_boundaries([nl.MLP([2, 1], seed=0), nl.MLP([2, 3, 1], seed=1),
                                              nl.MLP([2, 3, 1], seed=2)], ["a", "b", "c"], *nl.datasets.xor(), n=20),
    "digit": lambda: _digit(False),
    "digit with numbers": lambda: _digit(True),
    "contours": _contours,
    "explorer": lambda: wn.neuron_explorer().fig,
}


@pytest.mark.parametrize("name", list(_FIGURES))
def test_figures_fit_the_column_and_no_text_below_9pt(name):
    import matplotlib.text
    fig = _FIGURES[name]()
    assert fig.get_size_inches()[0] <= 11.0, name
    fig.canvas.draw()
    small = [(t.get_text(), t.get_fontsize()) for t in fig.findobj(matplotlib.text.Text)
             if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 9]
    assert not small, small


def test_boundary_legend_sits_outside_the_panels():
    X, y = nl.datasets.xor()
    fig = pn.plot_boundaries([nl.MLP([2, 1], seed=0)], ["a"], X, y, n=20)
    fig.canvas.draw()
    legend_box = fig.legends[0].get_window_extent()
    assert not legend_box.overlaps(fig.axes[0].get_window_extent())


def test_identity_colour_scale_shows_negative_outputs():
    live = wn.neuron_explorer(activation="identity", w1=2.0, w2=-1.0, b=0.0)
    image = live.fig.axes[0].images[0]
    A = np.asarray(image.get_array())
    lo, hi = image.get_clim()
    assert A.min() < 0 and lo <= A.min() and hi >= A.max() and lo == -hi
    live.set(activation="relu")
    assert image.get_clim()[0] == 0.0
    live.set(activation="identity")
    assert image.get_clim()[0] < 0


# --- the Chinese edition ----------------------------------------------------


def test_checks_speak_chinese(chinese):
    e = nl.examples.article000_net()
    z = e.X @ e.net.weights[0]
    msg = ex.check_article000_hidden(z).message
    assert "加权和" in msg and "h（隐藏层输出）" in msg and "weighted" not in msg
    msg = ex.check_weight_count(64 * 16 * 10).message
    assert "全部相乘" in msg and "64*16 + 16*10" in msg
    (W0, W1), (b0, b1) = ex.COLLAPSE_WEIGHTS, ex.COLLAPSE_BIASES
    fb = ex.check_collapsed_layer(W0 @ W1, b0 @ W1 + b1)
    assert fb.ok and fb.message.startswith("W 和 b 都正确")
    # the mistakes keep apart in Chinese too: every translated explanation is its own
    for mistakes_of in (ex.hidden_mistakes, ex.output_mistakes, ex.relu_mistakes):
        keys = list(mistakes_of()[1])
        assert all(has_cjk(k) for k in keys) and len(set(keys)) == len(keys)


def test_checks_back_in_english_after_the_language_is_reset():
    nl.set_language("zh")
    nl.set_language("en")
    msg = ex.check_weight_count(64 + 16 + 10).message
    assert "adds up the units" in msg and not has_cjk(msg)


def test_explorer_speaks_chinese(chinese):
    live = wn.neuron_explorer(preset="gentle")
    widgets = live.controls.widgets
    assert widgets["w1"].description == "权重 w1" and widgets["b"].description == "偏置 b"
    assert widgets["activation"].description == "激活函数"
    labels = dict((value, label) for label, value in widgets["activation"].options)
    assert labels["identity"] == "恒等（identity）" and labels["relu"] == "ReLU"
    live.set(activation="identity")
    assert widgets["activation"].value == "identity"  # the value stays the name code compares
    assert "探测点" in live.extra.value and "恒等" in live.extra.value


def test_figures_speak_chinese(chinese):
    from nnlesson import _i18n

    if _i18n._state["figure_english"]:
        pytest.skip("no font with Chinese glyphs installed: figure text stays English")
    fig = pn.plot_activations()
    assert [ax.get_title() for ax in fig.axes] == ["激活函数 f(z)", "斜率 f'(z)"]
    assert fig.axes[0].get_xlabel() == "加权和 z"
    fig = pn.neuron_grid()
    titles = " ".join(ax.get_title() for ax in fig.axes)
    assert "平缓" in titles and "与（AND）" in titles and has_cjk(fig._suptitle.get_text())
    fig = pn.plot_digit(np.arange(64.0) % 17, label=3)
    assert fig.axes[0].get_title() == "作为 8×8 图像（标签 3）" and fig.axes[1].get_ylabel() == "像素值"
