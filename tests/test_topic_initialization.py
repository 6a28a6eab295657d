"""Tests for the initialization topic: numerical helpers, exercise checks, plots and the widget."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from zh_text import has_cjk  # noqa: E402

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


FI, FO = 784, 100  # the exercises' layer


def _one_mistake(fb, words):
    """The check names this mistake (and says it is wrong)."""
    return (not fb.ok) and words in fb.message and "more than one" not in fb.message


def test_check_xavier_bound_names_mistakes():
    right = np.sqrt(6 / (FI + FO))
    assert ex.check_xavier_bound(right).ok
    assert ex.check_xavier_bound(round(right, 5)).ok  # 0.08239: four significant digits pass
    assert "no answer yet" in ex.check_xavier_bound(None).message
    s = FI + FO
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(2 / s)), "standard deviation sqrt(2/(fan_in+fan_out))")
    assert _one_mistake(ex.check_xavier_bound(6 / s), "square root is missing")
    assert _one_mistake(ex.check_xavier_bound(2 / s), "Xavier's variance")
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(6 / FI)), "only fan_in")
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(6 / FO)), "only fan_out")
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(3 / s)), "numerator is 6")
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(6 / (FI * FO))), "multiplied")
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(1 / FI)), "LeCun")
    # a He answer reads as He's formula, not as a Xavier slip
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(2 / FI)), "He's standard deviation")
    assert "rounded too early" in ex.check_xavier_bound(0.082).message
    assert _one_mistake(ex.check_xavier_bound(np.sqrt(6) / s), "covers only the 6")


def test_check_he_std_names_mistakes():
    right = np.sqrt(2 / FI)
    assert ex.check_he_std(right).ok
    assert ex.check_he_std(0.05051).ok  # four significant digits pass
    assert ex.check_he_std(0.1768, fan_in=64, fan_out=32).ok  # and for the old layer
    assert _one_mistake(ex.check_he_std(np.sqrt(1 / FI)), "the 2 is forgotten")
    assert _one_mistake(ex.check_he_std(np.sqrt(2 / FO)), "swapped")
    assert _one_mistake(ex.check_he_std(2 / FI), "variance 2/fan_in")
    assert _one_mistake(ex.check_he_std(1 / FI), "without He's 2")
    assert _one_mistake(ex.check_he_std(np.sqrt(6 / FI)), "uniform")
    # a Xavier answer reads as Xavier's formula, not as a He slip
    assert _one_mistake(ex.check_he_std(np.sqrt(2 / (FI + FO))), "Xavier's standard deviation")
    assert _one_mistake(ex.check_he_std(np.sqrt(6 / (FI + FO))), "Xavier's uniform bound")
    assert "rounded too early" in ex.check_he_std(0.051).message
    assert _one_mistake(ex.check_he_std(2 * np.sqrt(1 / FI)), "not the standard deviation")
    assert _one_mistake(ex.check_he_std(np.sqrt(2) / FI), "covers only the 2")


def test_exercise_layer_keeps_mistakes_apart():
    """On the exercises' layer no two listed mistakes give the same number, none is the right value
    of the other exercise's check misread, and none is ± 1, 2 or ½ times a right value."""
    s = FI + FO
    rights = [np.sqrt(6 / s), np.sqrt(2 / FI)]
    mistakes = [np.sqrt(2 / s), 6 / s, 2 / s, np.sqrt(6 / FI), np.sqrt(6 / FO), np.sqrt(3 / s),
                np.sqrt(6 / (FI * FO)), np.sqrt(1 / FI), np.sqrt(2 / FO), 2 / FI, 1 / FI,
                np.sqrt(6) / s, 2 * np.sqrt(1 / FI), np.sqrt(2) / FI]
    values = rights + mistakes
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            assert abs(a - b) > 2e-3 * abs(b), (a, b)
    for r in rights:
        for m in values:
            for f in (2, 0.5):
                assert abs(f * r - m) > 2e-3 * abs(m), (r, m, f)


def test_check_saturated_share_names_mistakes():
    _, W, Z = ex.saturation_setup(1.0)
    right = np.mean(nl.activations.slope("sigmoid", Z) < 0.01)
    assert ex.check_saturated_share(right).ok
    assert "NOT saturated" in ex.check_saturated_share(1 - right).message
    assert "percentage" in ex.check_saturated_share(100 * right).message
    wrong = np.mean(nl.activations.slope("sigmoid", nl.activations.sigmoid(Z)) < 0.01)
    assert "activation a = sigmoid(z)" in ex.check_saturated_share(wrong).message
    assert "number of saturated entries" in ex.check_saturated_share(right * Z.size).message
    assert "|z| > 0.01" in ex.check_saturated_share(np.mean(np.abs(Z) > 0.01)).message
    assert "tanh" in ex.check_saturated_share(ex.saturated_share(Z, "tanh")).message
    assert "weights W" in ex.check_saturated_share(ex.saturated_share(W)).message
    assert ex.check_saturated_share(float(f"{right:.4g}")).ok  # four significant digits pass
    _, _, Z2 = ex.saturation_setup(2.0)
    right2 = np.mean(nl.activations.slope("sigmoid", Z2) < 0.01)
    assert ex.check_saturated_share(right2, scale=2.0).ok
    assert not ex.check_saturated_share(right, scale=2.0).ok
    assert "Hint:" in ex.check_saturated_share(None, scale=2.0).message


def test_check_saturated_share_names_one_sided_counts_other_scales_and_per_image_counts():
    z = pl.SIGMOID_SATURATION_Z
    _, _, Z2 = ex.saturation_setup(2.0)
    right2 = ex.saturated_share(Z2)
    assert ex.check_saturated_share(np.mean(np.abs(Z2) > z), scale=2.0).ok  # |z| > 4.585 is the same test
    assert _one_mistake(ex.check_saturated_share(np.mean(Z2 > z), scale=2.0), "only large positive z")
    assert _one_mistake(ex.check_saturated_share(np.mean(Z2 < -z), scale=2.0), "only large negative z")
    per_image = np.mean(np.sum(nl.activations.slope("sigmoid", Z2) < 0.01, axis=1))
    assert _one_mistake(ex.check_saturated_share(per_image, scale=2.0), "average image")
    for s in (1.0, 3.0):  # the shares section 2 prints, taken for the exercise's
        share = ex.saturated_share(ex.saturation_setup(s)[2])
        assert _one_mistake(ex.check_saturated_share(share, scale=2.0), f"σ_w = {s:g}")
    # at scale 1 its own value is right, not "the share at σ_w = 1"
    assert ex.check_saturated_share(ex.saturated_share(ex.saturation_setup(1.0)[2]), scale=1.0).ok
    assert "σ_w = 3" in ex.check_saturated_share(ex.saturated_share(ex.saturation_setup(3.0)[2])).message
    assert right2 != pytest.approx(per_image)


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
    assert ex.check_zero_init_columns(np.array([1, 8])).ok and ex.check_zero_init_columns([1.0, 8.0]).ok
    assert "not a whole number" in ex.check_zero_init_columns([1.5, 8]).message
    assert "not a whole number" in ex.check_zero_init_columns([1, 7.6]).message
    fb = ex.check_zero_init_columns([1, 7])
    assert not fb.ok and "is not right" in fb.message  # counts are exact: 7 is not "close" to 8
    assert not ex.check_zero_init_columns([1, 8.4]).ok
    assert "two whole numbers" in ex.check_zero_init_columns([1, 8, 8]).message
    assert "two whole numbers" in ex.check_zero_init_columns(8).message
    assert "bool" in ex.check_zero_init_columns([True, 8]).message
    numbers = [np.unique(np.round(ex.zero_init_setup(i).weights[0], 10)).size for i in ("zeros", "xavier")]
    assert "axis=1" in ex.check_zero_init_columns(numbers).message and "rows" not in ex.check_zero_init_columns(
        numbers).message


def test_check_sigmoid_blame_names_mistakes():
    f = np.sqrt(2) / 4
    assert ex.check_sigmoid_blame([f, f ** 6]).ok
    assert ex.check_sigmoid_blame([0.3536, 0.001953]).ok  # four significant digits pass
    assert ex.check_sigmoid_blame(np.array([f, f ** 6])).ok
    assert "no answer yet" in ex.check_sigmoid_blame(None).message
    assert "shape" in ex.check_sigmoid_blame([f]).message
    assert _one_mistake(ex.check_sigmoid_blame([np.sqrt(2), 8.0]), "slope is forgotten")
    assert _one_mistake(ex.check_sigmoid_blame([0.25, 0.25 ** 6]), "Xavier's factor")
    assert _one_mistake(ex.check_sigmoid_blame([0.5, 0.5 ** 6]), "variance")
    assert _one_mistake(ex.check_sigmoid_blame([f * 2, (2 * f) ** 6]), "value at z = 0")
    assert _one_mistake(ex.check_sigmoid_blame([1 / f, f ** -6]), "inverse")
    assert _one_mistake(ex.check_sigmoid_blame([f, f ** 5]), "5 layers' worth")
    assert _one_mistake(ex.check_sigmoid_blame([f, f ** 7]), "7 layers' worth")
    assert _one_mistake(ex.check_sigmoid_blame([f, 6 * f]), "power 6")
    assert _one_mistake(ex.check_sigmoid_blame([f, f ** -6]), "output side")
    assert "rounded too early" in ex.check_sigmoid_blame([0.35, 0.0020]).message
    assert "Hint:" in ex.check_sigmoid_blame([1.0, 1.0]).message
    assert ex.check_sigmoid_blame([f, f ** 4], layers=4).ok
    # raising a factor already rounded to 4 digits to the 6th power loses the 4th digit: told so
    assert "rounded too early" in ex.check_sigmoid_blame([0.3536, 0.3536 ** 6]).message
    sigma = np.sqrt(2 / 100)
    assert _one_mistake(ex.check_sigmoid_blame([sigma / 4, (sigma / 4) ** 6]), "sqrt(fan_out) is missing")
    assert _one_mistake(ex.check_sigmoid_blame([sigma * 100 / 4, 1.0]), "needs its square root")
    assert _one_mistake(ex.check_sigmoid_blame([f, 1 - f ** 6]), "fraction lost")
    assert _one_mistake(ex.check_sigmoid_blame([f, 100 * f ** 6]), "percentage")


def test_enlarged_digits_scale_the_spread_exactly():
    X, _, _ = ex.digits_setup(20)
    X3 = ex.enlarged_digits(X, 3)
    assert X3.shape == (20, 576)
    np.testing.assert_allclose((X3 ** 2).sum(axis=1), 9 * (X ** 2).sum(axis=1))
    img = X3[0].reshape(24, 24)
    np.testing.assert_array_equal(img[:3, :3], X[0, 0])
    with pytest.raises(ValueError, match="factor"):
        ex.enlarged_digits(X, 0)
    with pytest.raises(ValueError, match="X"):
        ex.enlarged_digits(X3, 2)


def test_layer_gradient_sizes_match_the_gradients_and_their_factors():
    X, _, Y = ex.digits_setup(50)
    net = ex.deep_net("sigmoid", "xavier", depth=4, width=16)
    sizes = ex.layer_gradient_sizes(net, X, Y)
    g = net.gradients(X, Y, loss="half_sse")
    np.testing.assert_allclose(sizes["gradient"], [np.sqrt(np.mean(G ** 2)) for G in g.weights], rtol=1e-12)
    assert sizes["signal"][0] == pytest.approx(np.sqrt(np.mean(X ** 2)))
    assert len(sizes["blame"]) == len(net.weights) == 5
    assert ex.per_layer_factor([1.0, 2.0, 4.0]) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        ex.per_layer_factor([1.0])


def test_sigmoid_gradients_vanish_towards_the_input_and_tanh_ones_do_not():
    """The claim of the notebook's gradient section, on its own setting."""
    X, _, Y = ex.digits_setup()
    ratio = {}
    for act, init in (("sigmoid", "xavier"), ("sigmoid", "he"), ("tanh", "xavier"), ("relu", "he")):
        g = ex.layer_gradient_sizes(ex.deep_net(act, init), X, Y)["gradient"]
        ratio[act, init] = g[0] / g[-1]
    assert ratio["sigmoid", "xavier"] < 1e-4 and ratio["sigmoid", "he"] < 1e-3
    assert 0.2 < ratio["tanh", "xavier"] < 5 and 0.2 < ratio["relu", "he"] < 5


# --- plots and widget -------------------------------------------------------


def _texts(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)]


def test_figure_text_has_no_literal_underscores():
    X, G = ex.unit_stack(layers=3, width=10, n=20, seed=0)
    fig, axes = pl.init_scale_grid(X, G, {"tanh": [("a", 0.1)], "relu": [("c", 0.1)]})
    fig2, axes2 = pl.figure(ncols=3, pyplot=False)
    pl.plot_preactivations(axes2, (0.1, 1.0, 3.0), [ex.saturation_setup(s)[2] for s in (0.1, 1.0, 3.0)])
    fig3, ax3 = pl.figure(pyplot=False)
    pl.plot_saturation_curve(ax3, np.geomspace(0.01, 10, 5), np.linspace(0, 1, 5))
    live = wi.init_scale_explorer()
    for f in (fig, fig2, fig3, live.fig):
        for t in _texts(f):
            assert "_" not in t.replace("$\\sigma_w$", "").replace("$\\sigma_w\\sqrt{ 100 }$", ""), t
    matplotlib.pyplot.close(fig)


def test_gradient_sizes_plot_and_log_labels():
    fig, axes = pl.figure(ncols=2, pyplot=False)
    h, labels = pl.plot_gradient_sizes(axes, {"sigmoid": {"a": [1e-6, 1e-3, 1.0]}, "tanh": {"a": [1.0, 1.0, 2.0]}})
    assert labels == ["a"] and len(axes[0].lines) == 1
    assert axes[0].get_yscale() == "log" and "hidden" in axes[1].get_title()
    fig.canvas.draw()
    ticks = [t.get_text() for t in axes[0].get_yticklabels(minor=True)]
    assert all(t == "" for t in ticks)  # no minor labels cluttering the log axis


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


def test_checks_name_the_factor_two_slips_of_the_two_formulas():
    # the interval's width 2a, or a variance a²/12, for Xavier; 1/(2 fan_in) for He: named, not "½ in the loss"
    assert _one_mistake(ex.check_xavier_bound(2 * np.sqrt(6 / (FI + FO))), "width 2a")
    assert _one_mistake(ex.check_he_std(np.sqrt(1 / (2 * FI))), "divides the variance")
    f = np.sqrt(2) / 4
    assert _one_mistake(ex.check_sigmoid_blame([f / 2, (f / 2) ** 6]), "divides He's variance")


def test_check_sigmoid_blame_fraction_from_the_learners_own_rounded_factor():
    # 0.3535 passes as the factor (4 digits); its 6th power is off by 0.1 %: told why, not just "not right"
    fb = ex.check_sigmoid_blame([0.3535, 0.3535 ** 6])
    assert not fb.ok and "rounded too early" in fb.message and "raise the unrounded factor" in fb.message
    assert ex.check_sigmoid_blame([0.3535, (np.sqrt(2) / 4) ** 6]).ok


def test_check_saturated_share_at_the_exercises_scale_names_output_tests_and_per_unit_counts():
    _, _, Z = ex.saturation_setup(1.5)
    a = nl.activations.sigmoid(Z)
    right = ex.saturated_share(Z)
    assert ex.check_saturated_share(right, scale=1.5).ok
    assert _one_mistake(ex.check_saturated_share(np.mean((a < 0.01) | (a > 0.99)), scale=1.5),
                        "tests the outputs")
    assert _one_mistake(ex.check_saturated_share(np.mean(a < 0.01), scale=1.5), "only outputs a below")
    assert _one_mistake(ex.check_saturated_share(np.mean(a > 0.99), scale=1.5), "only outputs a above")
    per_unit = np.mean(np.sum(nl.activations.slope("sigmoid", Z) < 0.01, axis=0))
    assert _one_mistake(ex.check_saturated_share(per_unit, scale=1.5), "images on which")
    # rounding the right value is still called rounding, not one of the mistakes
    assert "rounded too early" in ex.check_saturated_share(round(right, 3), scale=1.5).message
    assert "rounded too early" in ex.check_saturated_share(round(right, 2), scale=1.5).message


# --- the Chinese edition ----------------------------------------------------


def test_checks_figures_and_widget_speak_chinese(chinese):
    from nnlesson import _i18n

    fb = ex.check_he_std(np.sqrt(1 / 784))
    assert not fb.ok and "忘了那个 2" in fb.message and "提示" in fb.message
    X, W, Z = ex.saturation_setup(1.0)
    fb = ex.check_saturated_share(1 - ex.saturated_share(Z))
    assert not fb.ok and "未饱和" in fb.message and "NOT" not in fb.message
    fb = ex.check_zero_init_columns([1.5, 8])
    assert not fb.ok and has_cjk(fb.message)           # the whole-number test does not read English words
    assert ex.check_zero_init_columns(8).message.startswith("[从 zeros 出发")
    f = np.sqrt(2) / 4
    assert "取 6 次方之前就被舍入" in ex.check_sigmoid_blame([f, round(f, 4) ** 6]).message
    # the two layer counts of the fraction's mistakes stay two explanations in Chinese too
    assert "5 层" in ex.check_sigmoid_blame([f, f ** 5]).message

    live = wi.init_scale_explorer(preset="he", activation="relu")
    w = live.controls.widgets
    assert w["scale"].description == "权重尺度 σ_w" and w["activation"].description == "激活函数"
    assert w["activation"].value == "relu"                  # the options stay the activations' names
    fig, axes = pl.init_scale_grid(*ex.unit_stack(layers=3, width=20, n=30), {"tanh": [("太小", 0.03)]})
    if not _i18n._state["figure_english"]:                   # a font with Chinese glyphs is installed
        assert "饱和" in axes[0, 0].get_title() and "层" == axes[0, 0].get_ylabel()
        assert has_cjk(live.fig.axes[1].get_ylabel())
    matplotlib.pyplot.close(fig)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(["tanh", "sigmoid", "relu"]))
def test_layer_histograms_count_as_sorting_would(seed, activation):
    """The evenly-spaced fast path of layer_histograms gives exactly the counts of explicit edges."""
    rng = np.random.default_rng(seed)
    edges = pl.layer_bins(activation)
    values = np.concatenate([rng.normal(0, 0.7, 500), edges, rng.choice(edges, 50)])   # edges themselves too
    if activation == "relu":
        values = 10.0 ** np.concatenate([rng.normal(0, 2, 500), edges])
    layers = [values.reshape(1, -1)]
    fast = pl.layer_histograms(layers, activation, edges)
    a = np.log10(values[values > 0]) if activation == "relu" else values
    direct = np.histogram(np.clip(a, edges[0], edges[-1]), bins=edges)[0].astype(float)  # sorts: the slow path
    assert np.array_equal(fast[0], direct / direct.max())
