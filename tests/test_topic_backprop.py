"""Unit tests for the backprop topic: helpers, exercise checks, plots and the widget."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from zh_text import has_cjk  # noqa: E402

import nnlesson as nl  # noqa: E402
from nnlesson.exercises import backprop as ex_bp  # noqa: E402
from nnlesson.plots import backprop as pl_bp  # noqa: E402
from nnlesson.widgets import backprop as wd_bp  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _grads001():
    ex = nl.examples.article001_net()
    return ex, ex.net.trace(ex.X, ex.Y, ex.loss)


# --- helpers -------------------------------------------------------------------

def test_backward_steps_match_network_and_article():
    ex, tr = _grads001()
    steps = ex_bp.bp_backward_steps()
    assert len(steps) == 21
    assert steps[0]["value"] == pytest.approx(0.298371109, abs=1e-9)
    grads = [s for s in steps if s["grad"] is not None]
    assert len(grads) == 8
    for s in grads:
        layer, i, j = s["grad"]
        assert s["value"] == pytest.approx(tr.gradients.weights[layer][i, j], rel=1e-12)
        assert s["edges"] == [s["grad"]]
    by_name = {s["quantity"]: s["value"] for s in steps}
    assert by_name["δ_o1"] == pytest.approx(tr.delta[2][0, 0], rel=1e-12)
    assert by_name["δ_h2"] == pytest.approx(tr.delta[1][0, 1], rel=1e-12)
    assert 0.4 - 0.5 * by_name["∂E/∂w5"] == pytest.approx(0.35891648, abs=1e-8)
    assert 0.15 - 0.5 * by_name["∂E/∂w1"] == pytest.approx(0.149780716, abs=1e-9)


def test_backward_steps_target_flips_blame_on_w5():
    before = {s["quantity"]: s["value"] for s in ex_bp.bp_backward_steps()}
    after = {s["quantity"]: s["value"] for s in ex_bp.bp_backward_steps(t1=0.9)}
    assert before["∂E/∂w5"] > 0 > after["∂E/∂w5"]


def test_buggy_gradients_wrong_only_in_hidden_layer_by_missing_slope():
    ex = nl.examples.article003_net()
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    bad = ex_bp.bp_buggy_gradients(ex.net, ex.X, ex.Y, ex.loss)
    np.testing.assert_allclose(bad.weights[1], tr.gradients.weights[1])
    h = tr.A[1][0]
    np.testing.assert_allclose(bad.weights[0] * (h * (1 - h)), tr.gradients.weights[0], rtol=1e-12)
    assert nl.relative_error(bad.weights[0], tr.gradients.weights[0]) > 1e-3


def test_count_passes_exact_and_network_untouched():
    ex = nl.examples.article003_net()
    before = [w.copy() for w in ex.net.weights]
    assert ex_bp.bp_count_passes(ex.net, "backprop", ex.X, ex.Y) == (1, 1)
    fwd, bwd = ex_bp.bp_count_passes(ex.net, "finite differences", ex.X, ex.Y)
    assert bwd == 0 and fwd == 2 * ex.net.n_parameters + 1  # + 1: the loss it reports
    assert "_forward" not in vars(ex.net) and "_backward" not in vars(ex.net)
    for a, b in zip(before, ex.net.weights):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="how must be"):
        ex_bp.bp_count_passes(ex.net, "guess", ex.X, ex.Y)
    counts = ex_bp.bp_pass_counts(ex.net, ex.X, ex.Y)
    assert counts == {"parameters": 17, "fd_forward": 35, "bp_forward": 1, "bp_backward": 1}


# --- exercise checks -----------------------------------------------------------

def test_check_w5_names_mistakes():
    ex, tr = _grads001()
    right = tr.gradients.weights[1][0, 0]
    o, h, t = tr.A[2][0], tr.A[1][0], ex.Y[0]
    d_o = tr.delta[2][0]
    assert ex_bp.check_bp_w5(right).ok
    assert ex_bp.check_bp_w5(0.0822).ok and ex_bp.check_bp_w5(0.08217).ok  # four significant digits pass
    assert "rounded too early" in ex_bp.check_bp_w5(0.082).message
    assert "no answer yet" in ex_bp.check_bp_w5(None).message
    assert "sign is flipped" in ex_bp.check_bp_w5(-right).message
    assert "slope" in ex_bp.check_bp_w5((o[0] - t[0]) * h[0]).message
    msg = ex_bp.check_bp_w5((t[0] - o[0]) * h[0]).message
    assert "slope" in msg and "sign" in msg
    assert "½" in ex_bp.check_bp_w5(2 * right).message
    assert "out_h2" in ex_bp.check_bp_w5(d_o[0] * h[1]).message
    assert "δ_o1" in ex_bp.check_bp_w5(d_o[0]).message                      # the input factor left out
    assert "∂E/∂w7" in ex_bp.check_bp_w5(d_o[1] * h[0]).message              # o2's error signal used
    assert "net_h1" in ex_bp.check_bp_w5(d_o[0] * tr.Z[1][0, 0]).message    # weighted sum instead of output
    s = 1 / (1 + np.exp(-o[0]))
    assert "σ(o1)" in ex_bp.check_bp_w5((o[0] - t[0]) * s * (1 - s) * h[0]).message  # ŷ passed to the slope
    assert "not o1" in ex_bp.check_bp_w5(d_o[0] * o[0]).message
    assert "E_total itself" in ex_bp.check_bp_w5(tr.loss * o[0] * (1 - o[0]) * h[0]).message
    z = tr.Z[2][0, 0]
    assert "no slope" in ex_bp.check_bp_w5((o[0] - t[0]) * z * (1 - z) * h[0]).message
    assert "(1 − o1) is missing" in ex_bp.check_bp_w5((o[0] - t[0]) * o[0] * h[0]).message
    assert "not w5 itself" in ex_bp.check_bp_w5(d_o[0] * 0.40).message
    # lr = 0.5 (the article's) makes one step look like "half": both readings are named, the step first
    msg = ex_bp.check_bp_w5(0.5 * right).message
    assert "lr · ∂E/∂w5" in msg and "stray ½" in msg and msg.index("lr ·") < msg.index("stray")
    assert "updated weight" in ex_bp.check_bp_w5(0.40 - 0.5 * right).message


def test_check_w1_names_mistakes():
    ex, tr = _grads001()
    right = tr.gradients.weights[0][0, 0]
    assert ex_bp.check_bp_w1(right).ok
    assert ex_bp.check_bp_w1(float(f"{right:.4g}")).ok
    g2, W2 = tr.gradients.weights[1], ex.net.weights[1]
    d_o = tr.delta[2][0]
    h = tr.A[1][0, 0]
    w5n, w7n = W2[0, 0] - 0.5 * g2[0, 0], W2[0, 1] - 0.5 * g2[0, 1]
    stale = (d_o[0] * w5n + d_o[1] * w7n) * h * (1 - h) * 0.05
    fb = ex_bp.check_bp_w1(stale)
    assert not fb.ok and "updated w5 and w7" in fb.message
    assert "updated w7" in ex_bp.check_bp_w1((d_o[0] * W2[0, 0] + d_o[1] * w7n) * h * (1 - h) * 0.05).message
    no_slope = (d_o[0] * W2[0, 0] + d_o[1] * W2[0, 1]) * 0.05
    assert "h1's sigmoid slope" in ex_bp.check_bp_w1(no_slope).message
    assert "only o1's path" in ex_bp.check_bp_w1(d_o[0] * W2[0, 0] * h * (1 - h) * 0.05).message
    assert "only o2's path" in ex_bp.check_bp_w1(d_o[1] * W2[0, 1] * h * (1 - h) * 0.05).message
    assert "w6 and w8" in ex_bp.check_bp_w1((d_o[0] * W2[1, 0] + d_o[1] * W2[1, 1]) * h * (1 - h) * 0.05).message
    o, t = tr.A[2][0], ex.Y[0]
    raw = ((o[0] - t[0]) * W2[0, 0] + (o[1] - t[1]) * W2[0, 1]) * h * (1 - h) * 0.05
    assert "outputs' slopes" in ex_bp.check_bp_w1(raw).message
    assert "δ_h1" in ex_bp.check_bp_w1(tr.delta[1][0, 0]).message
    # i2 = 2·i1 in the article's numbers: w2's input and a stray factor 2 give the same number; both are named,
    # the wrong input first
    msg = ex_bp.check_bp_w1(tr.delta[1][0, 0] * 0.10).message
    assert "more than one mistake" in msg and "i2" in msg and "½" in msg
    assert msg.index("i2") < msg.index("½")
    assert "sign" in ex_bp.check_bp_w1(-right).message
    back = d_o[0] * W2[0, 0] + d_o[1] * W2[0, 1]
    assert "not w1 itself" in ex_bp.check_bp_w1(back * h * (1 - h) * 0.15).message
    assert "w6 leaves h2" in ex_bp.check_bp_w1((d_o[0] * W2[0, 0] + d_o[1] * W2[1, 0]) * h * (1 - h) * 0.05).message
    assert "lr · ∂E/∂w1" in ex_bp.check_bp_w1(0.5 * right).message
    assert "updated weight" in ex_bp.check_bp_w1(0.15 - 0.5 * right).message


def test_check_output_layer_transposed_and_slope():
    ex = nl.examples.article003_net()
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    right = tr.gradients.weights[1]
    h, p, y = tr.A[1], tr.A[2], ex.Y
    assert ex_bp.check_bp_output_layer(right).ok
    assert ex_bp.check_bp_output_layer(np.round(right, 5)).ok
    assert "transposed" in ex_bp.check_bp_output_layer(right.T).message
    assert "slope" in ex_bp.check_bp_output_layer(h.T @ (p - y)).message
    msg = ex_bp.check_bp_output_layer(h.T @ (y - p)).message
    assert "slope" in msg and "sign" in msg
    s = 1 / (1 + np.exp(-p))
    assert "σ(ŷ)" in ex_bp.check_bp_output_layer(h.T @ ((p - y) * s * (1 - s))).message
    assert "y(1 − y)" in ex_bp.check_bp_output_layer(np.zeros((2, 3))).message
    delta = tr.delta[2]
    assert "layer below" in ex_bp.check_bp_output_layer((h * h * (1 - h)).T @ delta).message
    assert "½" in ex_bp.check_bp_output_layer(2 * right).message
    assert "sign is flipped" in ex_bp.check_bp_output_layer(-right).message
    h3, d1 = tr.A[1][0], tr.delta[2][0]
    assert ex_bp.check_bp_output_layer(np.outer(h3, d1)).ok
    assert ex_bp.check_bp_output_layer(h3[:, None] * d1).ok
    with pytest.raises(ValueError):
        h3.T @ d1  # what the old hint "hᵀ δ" gives with 1-D arrays: lengths 2 and 3 do not match
    scalar = ex_bp.check_bp_output_layer(float(h3 @ d1[:2]))
    assert not scalar.ok and "single number" in scalar.message and "np.outer" in scalar.message
    only_delta = ex_bp.check_bp_output_layer(d1)
    assert not only_delta.ok and "= δ" in only_delta.message
    assert "1-D" in ex_bp.check_bp_output_layer(right.ravel()).message
    assert "np.outer" in ex_bp.check_bp_output_layer(None).message
    assert "lr · dL/dW" in ex_bp.check_bp_output_layer(0.5 * right).message
    assert "updated weights" in ex_bp.check_bp_output_layer(ex.net.weights[1] - 0.5 * right).message
    assert "by the weight w_ij" in ex_bp.check_bp_output_layer(ex.net.weights[1] * d1).message


def test_check_buggy():
    assert ex_bp.check_bp_buggy(0, "slope").ok
    assert ex_bp.check_bp_buggy(np.int64(0), " Slope ").ok
    assert ex_bp.check_bp_buggy(0, "missing slope").ok
    assert "weights[1] and biases[1] agree" in ex_bp.check_bp_buggy(1, "slope").message
    assert "−1" in ex_bp.check_bp_buggy(0, "sign").message
    assert "2 (or ½)" in ex_bp.check_bp_buggy(0, "factor of 2").message
    assert "shape" in ex_bp.check_bp_buggy(0, "transpose").message
    assert not ex_bp.check_bp_buggy(None, None).ok
    assert not ex_bp.check_bp_buggy(0, "typo").ok
    assert "whole number" in ex_bp.check_bp_buggy(0.5, "slope").message
    assert ex_bp.check_bp_buggy(0.0, "the slope").ok            # 0.0 is the whole number 0, as for counts
    assert "shape" in ex_bp.check_bp_buggy(0, "Transposed").message
    assert not ex_bp.check_bp_buggy(True, "slope").ok


def test_check_passes_counts_exactly():
    assert ex_bp.check_bp_passes(34).ok and ex_bp.check_bp_passes(34.0).ok and ex_bp.check_bp_passes(np.int64(34)).ok
    assert "not a whole number" in ex_bp.check_bp_passes(34.5).message
    fb = ex_bp.check_bp_passes(1194)
    assert not fb.ok and "close" not in fb.message and "correct" not in fb.message
    assert not ex_bp.check_bp_passes(33).ok and not ex_bp.check_bp_passes(35.0).ok
    assert "extra pass" in ex_bp.check_bp_passes(35).message
    msg = ex_bp.check_bp_passes(24).message          # two readings give 24: both named
    assert "every bias" in msg and "2-2-2" in msg
    assert "one bias per layer" in ex_bp.check_bp_passes(28).message
    assert "two passes" in ex_bp.check_bp_passes(17).message
    assert "weights alone" in ex_bp.check_bp_passes(12).message
    assert "backprop" in ex_bp.check_bp_passes(2).message
    assert "bool" in ex_bp.check_bp_passes(True).message


def test_errorsplit_proportional_to_backprop_with_one_output():
    ex = nl.examples.article000_net()
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    w, o, t = ex.net.weights[1][:, 0], tr.A[2][0, 0], ex.Y[0, 0]
    split = nl.proportional_error_split(w, t - o)
    np.testing.assert_allclose(tr.dA[1][0], -o * (1 - o) * w.sum() * split, rtol=1e-12)
    ratio = tr.delta[1][0] / split                     # the hidden slopes break the proportion
    assert np.ptp(ratio) > 0.1 * np.abs(ratio).max()


# --- plots -----------------------------------------------------------------------

def test_split_plot_breaks_near_zero_sum():
    fig = pl_bp.bp_split_plot(nl.examples.article000_net())
    left, right = fig.axes[:2]
    assert len(left.patches) == 9
    share = right.lines[2].get_ydata()  # after the two reference lines
    assert np.nanmax(np.abs(share)) > 10 and np.nanmin(share) < 0 < np.nanmax(share)
    assert right.get_xlabel() and left.get_ylabel()


def test_blame_plot_returns_gradients_and_draws_every_edge():
    fig, ax = plt.subplots()
    ex = nl.examples.article003_net()
    g = pl_bp.bp_blame_plot(ax, ex, fmt="{name}")
    np.testing.assert_allclose(g.weights[1], ex.net.gradients(ex.X, ex.Y, ex.loss).weights[1])
    assert len(ax.lines) == 12
    assert {t.get_text() for t in ax.texts} >= {f"w{k}" for k in range(1, 13)}
    assert {"o1", "o2", "o3"} <= {t.get_text() for t in ax.texts}


def test_blame_plot_output_label():
    fig, ax = plt.subplots()
    pl_bp.bp_blame_plot(ax, nl.examples.article003_net(), fmt="{name}", output_label="ŷ")
    names = {t.get_text() for t in ax.texts}
    assert {"ŷ1", "ŷ2", "ŷ3", "h1", "x3"} <= names and "o1" not in names


def test_loss_along_weight_gradient_negative_so_gd_increases():
    fig, ax = plt.subplots()
    ex = nl.examples.article000_net()
    grad, w0, w1 = pl_bp.bp_loss_along_weight(ax, ex, "w'11", rule="rule")
    assert grad < 0 and w1 > w0
    assert ex.weight("w'11") == w0  # the example's network is untouched


def test_cost_plot_and_step_grid():
    fig = pl_bp.bp_cost_plot([10, 100], [20, 200], [2, 2], [1e-3, 1e-2], [1e-4, 1e-4])
    assert len(fig.axes) == 2 and fig.axes[0].get_xscale() == "log"
    steps = ex_bp.bp_backward_steps()
    fig = pl_bp.bp_step_grid(steps, [0, 4, 20])
    assert len(fig.axes) == 4 and "∂E/∂w4" in fig.axes[2].get_title() and not fig.axes[3].axison


def _texts(fig):
    return [t for ax in fig.axes for t in ax.texts + [ax.title, ax.xaxis.label, ax.yaxis.label]
            + ([*ax.get_legend().get_texts()] if ax.get_legend() else []) if t.get_text()]


def _all_figures():
    ex0, ex, ex3 = nl.examples.article000_net(), nl.examples.article001_net(), nl.examples.article003_net()
    figs = [pl_bp.bp_split_plot(ex0)]
    fig, ax = plt.subplots()
    pl_bp.bp_loss_along_weight(ax, ex0, "w'11", rule="rule")
    figs.append(fig)
    for e, kw in ((ex, dict(input_label="i")), (ex3, dict(output_label="ŷ", values=False))):
        fig, ax = plt.subplots()
        pl_bp.bp_blame_plot(ax, e, **kw)
        figs.append(fig)
    figs.append(pl_bp.bp_cost_plot([10, 100], [20, 200], [2, 2], [1e-3, 1e-2], [1e-4, 1e-4]))
    figs.append(pl_bp.bp_step_grid(ex_bp.bp_backward_steps(), [4, 11, 14, 20]))
    live = wd_bp.bp_backward_stepper(step=11)
    live.render()
    figs.append(live.fig)
    return figs


def test_figure_text_readable_and_without_underscores():
    for fig in _all_figures():
        for t in _texts(fig):
            assert t.get_fontsize() >= 9, (t.get_text(), t.get_fontsize())
            outside_math = re.sub(r"\$[^$]*\$", "", t.get_text())
            assert "_" not in outside_math, t.get_text()


def test_edge_labels_do_not_overlap():
    fig = pl_bp.bp_step_grid(ex_bp.bp_backward_steps(), [4, 20])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        for k, a in enumerate(boxes):
            for b in boxes[k + 1:]:
                assert not a.overlaps(b)


# --- widget ------------------------------------------------------------------------

def test_stepper_update_changes_artists():
    live = wd_bp.bp_backward_stepper(step=0)
    (ax,) = live.fig.axes
    w5_edge = ax.lines[4]  # edges are drawn (l, i, j) in order: (1, 0, 0) is the fifth
    before_colour, before_text = w5_edge.get_color(), live.beside.value
    live.set(step=4)  # ∂E/∂w5
    assert w5_edge.get_linewidth() == 5.0 and w5_edge.get_color() != before_colour
    assert "∂E/∂w5" in live.beside.value != before_text and "_" not in live.beside.value
    value = live.beside.value
    live.set(t1=0.9)
    assert live.beside.value != value
    assert len(live.render()) > 1000


def test_stepper_presets_and_show():
    live = wd_bp.bp_backward_stepper(step=7, t1=0.5, show=("step",))
    assert live.controls.values() == {"step": 7, "t1": 0.5}
    assert live.controls.widgets["t1"].layout.display == "none"
    with pytest.raises(ValueError):
        wd_bp.bp_backward_stepper(show=("speed",))


def test_latency_cases_shape():
    assert len(wd_bp.LATENCY_CASES) >= 1
    for label, factory, changes in wd_bp.LATENCY_CASES:
        assert isinstance(label, str) and callable(factory) and 10 <= len(changes) <= 20


# --- backprop as matrices: the learner's backward() ------------------------------

def _learner_backward(bug=None, at_top=False):
    """A matrix backward pass as a learner would write it, with one typical mistake."""
    def backward(net, X, Y):
        names = net.layer_activations
        A, Z = [X], [None]
        for W, b, f in zip(net.weights, net.biases, names):
            Z.append(A[-1] @ W + b)
            A.append(nl.activations.forward(f, Z[-1]))
        L, n = len(net.weights), X.shape[0]
        dA = (A[L] - Y) / n
        if bug == "sign":
            dA = -dA
        if bug == "no 1/n":
            dA = dA * n
        if bug == "twice 1/n":
            dA = dA / n
        if bug == "mse":
            dA = dA * 2 / Y.shape[1]
        out_slope = nl.activations.slope(names[-1], A[L] if bug == "slope of A out" else Z[L])
        if bug == "sigmoid slope":                     # σ′ = A(1 − A) written everywhere, whatever f is
            out_slope = A[L] * (1 - A[L])
        delta = dA if bug == "no output slope" else dA * out_slope
        dWs, dbs = [None] * L, [None] * L
        for l in range(L - 1, -1, -1):
            dWs[l] = (A[l + 1] if bug == "output A" else A[l]).T @ delta
            if bug == "transposed":
                dWs[l] = dWs[l].T
            dbs[l] = delta.mean(axis=0) if bug == "bias mean" else delta.sum(axis=0)
            if bug == "bias axis":
                dbs[l] = delta.sum(axis=1)
            if l > 0:
                back = delta @ (net.weights[l] if bug == "no transpose" else net.weights[l].T)
                top_hidden = l == L - 1
                if bug == "no slope" and (top_hidden or not at_top):
                    delta = back
                elif bug == "sigmoid slope":
                    delta = back * A[l] * (1 - A[l])
                elif bug == "next activation":         # names[l] where layer l's own is names[l - 1]
                    delta = back * nl.activations.slope(names[l], Z[l])
                else:
                    delta = back * nl.activations.slope(names[l - 1], A[l] if bug == "slope of A" else Z[l])
        if bug == "only dWs":
            return dWs
        return dWs, dbs
    return backward


def test_backward_check_accepts_the_solution_and_a_correct_backward():
    assert ex_bp.check_bp_backward(_learner_backward()).ok
    ns = {"nl": nl, "np": np}
    with open(__file__.replace("test_topic_backprop.py", "../notebooks/03_backpropagation.ipynb"),
              encoding="utf-8") as fh:
        import nbformat
        nb = nbformat.read(fh, as_version=4)
    [sol] = [c.source for c in nb.cells if "<summary>Solution" in c.source and "def backward" in c.source]
    code = sol.split("```python")[1].split("```")[0].split("print(")[0]
    exec(code, ns)
    assert ex_bp.check_bp_backward(ns["backward"]).ok


@pytest.mark.parametrize("bug, layer, words", [
    ("sign", "weights[1]", ["sign is flipped", "output layer"]),
    ("no 1/n", "weights[1]", ["n = 5 times too large", "1/n"]),
    ("twice 1/n", "weights[1]", ["n = 5 times too small", "δ_L only"]),
    ("no output slope", "weights[1]", ["output layer's slope", "f′(Z_L)"]),
    ("slope of A out", "weights[1]", ["f′(A_L)"]),
    ("no slope", "weights[0]", ["δ_1 is missing the slope", "layers above it agree"]),
    ("slope of A", "weights[0]", ["f′(A_1)"]),
    ("bias mean", "biases[1]", ["sum of δ", "not their mean"]),
])
def test_backward_check_names_layer_and_mistake(bug, layer, words):
    fb = ex_bp.check_bp_backward(_learner_backward(bug))
    assert not fb.ok
    assert f"{layer} is wrong" in fb.message, fb.message
    for w in words:
        assert w in fb.message, (w, fb.message)


def test_backward_check_deeper_layer_and_shapes():
    # the missing slope only in the top hidden layer of the 4-layer net: named there, not in the layers above
    fb = ex_bp.check_bp_backward(_learner_backward("no slope", at_top=True))
    assert "δ_1 is missing the slope" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("mse"))          # passes net 1 (k = 2), caught on net 2
    assert "[2, 5, 4, 3]" in fb.message and "\"mse\"" in fb.message and "weights[2] is wrong" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("transposed"))
    assert "transposed" in fb.message and "dWs[0]" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("output A"))
    assert "not its output A_1" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("bias axis"))
    assert "dbs[0]" in fb.message and "axis=0" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("no transpose"))
    assert "ValueError" in fb.message and "W_lᵀ" in fb.message
    assert "pair of lists" in ex_bp.check_bp_backward(_learner_backward("only dWs")).message
    assert "no function yet" in ex_bp.check_bp_backward(None).message
    assert "function itself" in ex_bp.check_bp_backward(42).message

    def unfilled(net, X, Y):
        return [None] * len(net.weights), [None] * len(net.weights)
    assert "still None" in ex_bp.check_bp_backward(unfilled).message

    def crashes(net, X, Y):
        raise KeyError("oops")
    assert "KeyError" in ex_bp.check_bp_backward(crashes).message


def test_backward_check_names_activation_mix_ups():
    # both pass the all-sigmoid first net; the tanh net names them, with the layer where they enter
    fb = ex_bp.check_bp_backward(_learner_backward("next activation"))
    assert "[2, 5, 4, 3]" in fb.message and "weights[1] is wrong" in fb.message
    assert "layer 3's activation" in fb.message and "names[l − 1]" in fb.message
    fb = ex_bp.check_bp_backward(_learner_backward("sigmoid slope"))
    assert "[2, 5, 4, 3]" in fb.message and "weights[1] is wrong" in fb.message
    assert "A_2(1 − A_2), the sigmoid's" in fb.message and "tanh" in fb.message
    # on the net with an identity output, the sigmoid slope at the output is named there
    net, X, Y = ex_bp._backward_nets()[2]
    texts = " ".join(t for t, _ in ex_bp._mistakes_for(net, X, Y))
    assert "output activation is identity" in texts and "layer 4's activation" in texts

    def summed_everything(net, X, Y):
        dWs, dbs = _learner_backward()(net, X, Y)
        return dWs, [float(np.sum(d)) for d in dbs]
    fb = ex_bp.check_bp_backward(summed_everything)
    assert "dbs[0] has shape ()" in fb.message and "axis=0" in fb.message


def test_backward_check_square_net_catches_shape_keeping_mistakes():
    # on the square [3, 3, 3, 3, 3] net a missing transpose or the wrong activations keep the shapes
    net, X, Y = ex_bp._backward_nets()[2]
    assert net.sizes == [3, 3, 3, 3, 3] or tuple(net.sizes) == (3, 3, 3, 3, 3)
    mistakes = ex_bp._mistakes_for(net, X, Y)
    texts = " ".join(t for t, _ in mistakes)
    assert "transposed, not as W_" in texts and "not by its output" in texts


def test_graph_w5_local_times_upstream():
    rows = ex_bp.bp_graph_w5()
    ex, tr = _grads001()
    assert [r["node"] for r in rows] == ["w5", "p", "net_o1", "o1", "d", "E"]
    assert rows[0]["grad"] == pytest.approx(tr.gradients.weights[1][0, 0], rel=1e-12)
    assert rows[2]["grad"] == pytest.approx(tr.delta[2][0, 0], rel=1e-12)
    for r, nxt in zip(rows[:-1], rows[1:]):
        assert r["upstream"] == pytest.approx(nxt["grad"]) and r["grad"] == pytest.approx(r["local"] * r["upstream"])
    fig = pl_bp.bp_graph_plot(rows)
    assert fig.get_size_inches()[0] * 80 <= 880
    for t in _texts(fig):
        assert t.get_fontsize() >= 9 and "_" not in re.sub(r"\$[^$]*\$", "", t.get_text())


# --- the Chinese edition ---------------------------------------------------------------


def test_checks_feedback_in_chinese(chinese):
    ex, tr = _grads001()
    o, t, h = tr.A[2][0], ex.Y[0], tr.A[1][0]
    msg = ex_bp.check_bp_w5((o[0] - t[0]) * h[0]).message          # the output slope left out
    assert "o1(1 − o1)" in msg and "斜率" in msg
    assert "第 0 层" in ex_bp.check_bp_buggy(0, "slope").message
    assert "偏置" in ex_bp.check_bp_passes(24).message
    assert "还没有函数" in ex_bp.check_bp_backward(None).message
    fb = ex_bp.check_bp_backward(_learner_backward("no slope"))
    assert "[3, 4, 2]" in fb.message and "weights[0]" in fb.message and "漏掉了斜率" in fb.message


def test_backward_steps_and_split_error_in_chinese(chinese):
    steps = ex_bp.bp_backward_steps()
    assert all(has_cjk(s["why"]) for s in steps)
    assert [s["quantity"] for s in steps] == [s["quantity"] for s in _english(ex_bp.bp_backward_steps)]
    with pytest.raises(ValueError, match="权重之和为零"):
        nl.proportional_error_split([0.3, -0.1, -0.2], 1.0)


def _english(fn, *args, **kwargs):
    nl.set_language("en")
    try:
        return fn(*args, **kwargs)
    finally:
        nl.set_language("zh")


def test_figures_and_stepper_in_chinese(chinese):
    if nl.plots._look.language_font("zh") is None:
        pytest.skip("no font with Chinese glyphs installed: figures stay English")
    for k, fig in enumerate(_all_figures()):
        texts = [t.get_text() for t in _texts(fig)]
        if k not in (3, 6):   # article 003's network without its list, and the stepper's picture, have no words
            assert any(has_cjk(t) for t in texts), texts
        for t in texts:   # a string with any $...$ is drawn wholly by mathtext, whose font has no Chinese glyphs
            assert not (has_cjk(t) and "$" in t), t
    live = wd_bp.bp_backward_stepper(step=14)
    assert "第 14/20 步" in live.beside.value and has_cjk(live.controls.widgets["step"].description)
