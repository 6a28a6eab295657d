"""Tests for the initialization topic: numerical helpers, exercise checks, plots and the widget."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlesson as nl  # noqa: E402
from nnlesson.exercises import initialization as ex  # noqa: E402
from nnlesson.plots import initialization as pl  # noqa: E402
from nnlesson.widgets import initialization as wi  # noqa: E402

# --- numerical helpers -------------------------------------------------------


def test_sigmoid_saturation_threshold_has_slope_001():
    z = pl.SIGMOID_SATURATION_Z
    assert z == pytest.approx(4.5849, abs=1e-4)
    assert nl.activations.slope("sigmoid", np.array([z, -z])) == pytest.approx([0.01, 0.01], rel=1e-9)


def test_saturated_share_counts_flat_units():
    z = pl.SIGMOID_SATURATION_Z
    Z = np.array([[0.0, z - 0.01, z + 0.01, -(z + 1)]])
    assert ex.saturated_share(Z) == pytest.approx(0.5)
    assert ex.saturated_share(np.array([[-1.0, 2.0]]), "relu") == pytest.approx(0.5)


def test_stack_activations_scale_equals_scaled_weights():
    X, G = ex.unit_stack(layers=3, width=5, n=7, seed=1)
    Zs, As = ex.stack_activations(X, G, "tanh", scale=0.3)
    Zs2, As2 = ex.stack_activations(X, [0.3 * W for W in G], "tanh")
    assert len(As) == 3 and As[0].shape == (7, 5)
    for a, b in zip(As, As2):
        np.testing.assert_allclose(a, b, rtol=1e-12)
    np.testing.assert_allclose(As[0], np.tanh(0.3 * X @ G[0]), rtol=1e-12)


def test_he_keeps_relu_spread_and_small_scale_vanishes():
    X, G = ex.unit_stack(layers=10, width=100, n=200, seed=0)
    he = [A.std() for A in ex.stack_activations(X, G, "relu", np.sqrt(2 / 100))[1]]
    small = [A.std() for A in ex.stack_activations(X, G, "relu", 0.03)[1]]
    assert 0.3 < he[-1] / he[0] < 3
    assert small[-1] < 1e-4 * small[0]


def test_distinct_columns_and_zero_init_symmetry():
    assert ex.distinct_columns(np.ones((3, 4))) == 1
    assert ex.distinct_columns(np.eye(3)) == 3
    net = ex.zero_init_setup("zeros")
    assert ex.distinct_columns(net.weights[0]) == 1
    assert np.abs(net.weights[0]).max() > 1e-3  # the weights moved, but together
    assert ex.distinct_columns(ex.zero_init_setup("xavier").weights[0]) == 8


# --- exercise checks --------------------------------------------------------


def test_check_xavier_bound_names_mistakes():
    assert ex.check_xavier_bound(np.sqrt(6 / 96)).ok
    assert "no answer yet" in ex.check_xavier_bound(None).message
    fb = ex.check_xavier_bound(np.sqrt(2 / 96))
    assert not fb.ok and "standard deviation" in fb.message
    assert "square root" in ex.check_xavier_bound(6 / 96).message
    assert "only fan_in" in ex.check_xavier_bound(np.sqrt(6 / 64)).message
    assert "numerator is 6" in ex.check_xavier_bound(np.sqrt(3 / 96)).message


def test_check_he_std_names_mistakes():
    assert ex.check_he_std(np.sqrt(2 / 64)).ok
    assert "the 2 is forgotten" in ex.check_he_std(np.sqrt(1 / 64)).message
    assert "swapped" in ex.check_he_std(np.sqrt(2 / 32)).message
    assert "variance" in ex.check_he_std(2 / 64).message


def test_check_saturated_share_names_mistakes():
    _, W, Z = ex.saturation_setup(1.0)
    right = np.mean(nl.activations.slope("sigmoid", Z) < 0.01)
    assert ex.check_saturated_share(right).ok
    assert "NOT saturated" in ex.check_saturated_share(1 - right).message
    assert "percentage" in ex.check_saturated_share(100 * right).message
    wrong = np.mean(nl.activations.slope("sigmoid", nl.activations.sigmoid(Z)) < 0.01)
    assert "activation a = sigmoid(z)" in ex.check_saturated_share(wrong).message
    _, _, Z2 = ex.saturation_setup(2.0)
    right2 = np.mean(nl.activations.slope("sigmoid", Z2) < 0.01)
    assert ex.check_saturated_share(right2, scale=2.0).ok
    assert not ex.check_saturated_share(right, scale=2.0).ok
    assert "Hint:" in ex.check_saturated_share(None, scale=2.0).message


def test_saturation_setup_uses_the_training_digits():
    X, _, _ = ex.digits_setup()
    Xs, W, Z = ex.saturation_setup(1.0)
    np.testing.assert_array_equal(Xs, X)
    assert W.shape == (64, 32) and Z.shape == (300, 32)


def test_checks_give_hints():
    for fb in (ex.check_xavier_bound(None), ex.check_he_std(None), ex.check_zero_init_columns(None),
               ex.check_xavier_bound(1.0), ex.check_he_std(1.0)):
        assert not fb.ok and "Hint:" in fb.message


def test_check_zero_init_columns_names_mistakes():
    assert ex.check_zero_init_columns([1, 8]).ok
    assert "no answer yet" in ex.check_zero_init_columns(None).message
    assert "still equal" in ex.check_zero_init_columns([8, 8]).message
    rows = [ex.distinct_columns(ex.zero_init_setup(i).weights[0].T) for i in ("zeros", "xavier")]
    assert "rows" in ex.check_zero_init_columns(rows).message
    assert "swapped" in ex.check_zero_init_columns([8, 1]).message
    assert "symmetry" in ex.check_zero_init_columns([1, 1]).message


# --- plots and widget -------------------------------------------------------


def test_training_by_init_shift_puts_epoch_0_on_a_log_axis():
    fig, ax = pl.figure(pyplot=False)
    hist = nl.training.History()
    hist.epoch_losses.extend([1.0, 0.5, 0.25])
    pl.plot_training_by_init(ax, {"run": hist}, xlabel="epoch + 1", shift=1)
    ax.set_xscale("log")
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3])
    assert ax.get_xlabel() == "epoch + 1"
    pl.plot_training_by_init(ax, {"again": hist})
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [0, 1, 2])


def test_ridge_update_changes_heights_in_place():
    fig, ax = pl.figure(pyplot=False)
    X, G = ex.unit_stack(layers=4, width=20, n=50, seed=0)
    _, As = ex.stack_activations(X, G, "tanh", 0.05)
    stairs, edges = pl.plot_layer_ridge(ax, As, "tanh")
    before = [s.get_data().values.copy() for s in stairs]
    _, As2 = ex.stack_activations(X, G, "tanh", 1.0)
    pl.update_layer_ridge(stairs, As2, "tanh", edges)
    after = [s.get_data().values for s in stairs]
    assert len(ax.patches) == 4
    assert any(not np.allclose(a, b) for a, b in zip(before, after))
    assert all(np.all(a >= l + 1) for l, a in enumerate(after))


def test_init_scale_grid_shape():
    X, G = ex.unit_stack(layers=3, width=10, n=20, seed=0)
    fig, axes = pl.init_scale_grid(X, G, {"tanh": [("a", 0.1), ("b", 1.0)], "relu": [("c", 0.1), ("d", 1.0)]})
    assert axes.shape == (2, 2)
    assert "saturated" in axes[0, 1].get_title() and "inactive" in axes[1, 0].get_title()
    matplotlib.pyplot.close(fig)


def test_widget_update_changes_artists():
    live = wi.init_scale_explorer(preset="too small", show=("scale",))
    assert live.controls.widgets["scale"].value == pytest.approx(0.03, rel=0.05)
    assert live.controls.widgets["activation"].layout.display == "none"
    ax_r, ax_s, ax_q = live.fig.axes[:3]
    std_before = ax_s.lines[0].get_ydata().copy()
    ridge_before = [p.get_data().values.copy() for p in ax_r.patches]
    live.set(scale=0.5)
    assert not np.allclose(ax_s.lines[0].get_ydata(), std_before)
    assert any(not np.allclose(p.get_data().values, b) for p, b in zip(ax_r.patches, ridge_before))
    assert ax_q.lines[0].get_ydata().max() > 0.3  # tanh at 0.5: many units saturated
    live.set(activation="relu")
    assert "log10" in ax_r.get_xlabel()
    assert len(ax_r.patches) == 10  # rebuilt, not piled up


def test_widget_rejects_unknown_preset_and_latency_cases():
    with pytest.raises(ValueError, match="preset"):
        wi.init_scale_explorer(preset="huge")
    assert 1 <= len(wi.LATENCY_CASES)
    for _label, _factory, changes in wi.LATENCY_CASES:
        assert 10 <= len(changes) <= 20
        assert all(set(c) <= {"scale", "activation"} for c in changes)
