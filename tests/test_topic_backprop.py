"""Unit tests for the backprop topic: helpers, exercise checks, plots and the widget."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

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
    o, h, t = tr.A[2][0, 0], tr.A[1][0, 0], ex.Y[0, 0]
    assert ex_bp.check_bp_w5(right).ok
    assert "no answer yet" in ex_bp.check_bp_w5(None).message
    assert "sign is flipped" in ex_bp.check_bp_w5(-right).message
    assert "slope" in ex_bp.check_bp_w5((o - t) * h).message
    assert "½" in ex_bp.check_bp_w5(2 * right).message


def test_check_w1_names_mistakes():
    ex, tr = _grads001()
    right = tr.gradients.weights[0][0, 0]
    assert ex_bp.check_bp_w1(right).ok
    g2, W2 = tr.gradients.weights[1], ex.net.weights[1]
    d_o = tr.delta[2][0]
    h = tr.A[1][0, 0]
    w5n, w7n = W2[0, 0] - 0.5 * g2[0, 0], W2[0, 1] - 0.5 * g2[0, 1]
    stale = (d_o[0] * w5n + d_o[1] * w7n) * h * (1 - h) * 0.05
    fb = ex_bp.check_bp_w1(stale)
    assert not fb.ok and "updated w5" in fb.message
    no_slope = (d_o[0] * W2[0, 0] + d_o[1] * W2[0, 1]) * 0.05
    assert "slope" in ex_bp.check_bp_w1(no_slope).message
    assert "only o1's path" in ex_bp.check_bp_w1(d_o[0] * W2[0, 0] * h * (1 - h) * 0.05).message


def test_check_output_layer_transposed_and_slope():
    ex = nl.examples.article003_net()
    tr = ex.net.trace(ex.X, ex.Y, ex.loss)
    right = tr.gradients.weights[1]
    assert ex_bp.check_bp_output_layer(right).ok
    assert "transposed" in ex_bp.check_bp_output_layer(right.T).message
    assert "slope" in ex_bp.check_bp_output_layer(tr.A[1].T @ (tr.A[2] - ex.Y)).message
    h3, delta = tr.A[1][0], tr.delta[2][0]
    assert ex_bp.check_bp_output_layer(np.outer(h3, delta)).ok
    assert ex_bp.check_bp_output_layer(h3[:, None] * delta).ok
    with pytest.raises(ValueError):
        h3.T @ delta  # what the old hint "hᵀ δ" gives with 1-D arrays: lengths 2 and 3 do not match
    scalar = ex_bp.check_bp_output_layer(float(h3 @ delta[:2]))
    assert not scalar.ok and "single number" in scalar.message and "np.outer" in scalar.message
    assert "np.outer" in ex_bp.check_bp_output_layer(None).message


def test_check_buggy_and_passes():
    assert ex_bp.check_bp_buggy(0, "slope").ok
    assert "layer 1 agrees" in ex_bp.check_bp_buggy(1, "slope").message
    assert "−1" in ex_bp.check_bp_buggy(0, "sign").message
    assert not ex_bp.check_bp_buggy(None, None).ok
    assert not ex_bp.check_bp_buggy(0, "typo").ok
    assert ex_bp.check_bp_passes(34).ok
    assert "every bias" in ex_bp.check_bp_passes(24).message
    assert "two passes" in ex_bp.check_bp_passes(17).message
    assert "backprop" in ex_bp.check_bp_passes(2).message


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
    assert len(fig.axes) == 3 and "∂E/∂w4" in fig.axes[2].get_title()


# --- widget ------------------------------------------------------------------------

def test_stepper_update_changes_artists():
    live = wd_bp.bp_backward_stepper(step=0)
    ax, txt = live.fig.axes
    w5_edge = ax.lines[4]  # edges are drawn (l, i, j) in order: (1, 0, 0) is the fifth
    before_colour, before_text = w5_edge.get_color(), txt.texts[0].get_text()
    live.set(step=4)  # ∂E/∂w5
    assert w5_edge.get_linewidth() == 5.0 and w5_edge.get_color() != before_colour
    assert "∂E/∂w5" in txt.texts[0].get_text() != before_text
    value = txt.texts[2].get_text()
    live.set(t1=0.9)
    assert txt.texts[2].get_text() != value
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
