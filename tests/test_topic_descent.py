"""Tests for the gradient-descent notebook's plots, widget and exercise checks."""

import math

import matplotlib
import numpy as np
import pytest

import nnlesson as nl
from nnlesson import exercises as nle

matplotlib.use("Agg")

from nnlesson import plots as nlp  # noqa: E402
from nnlesson import widgets as nlw  # noqa: E402
from nnlesson.widgets import descent as wdescent  # noqa: E402


# --- numerical helpers ----------------------------------------------------
def test_secant_slopes_of_square_are_4_plus_h():
    hs = np.array([1.0, 0.1, 0.001])
    np.testing.assert_allclose(nle.descent_secant_slopes(lambda x: x**2, 2.0, hs), 4 + hs, rtol=1e-9)


def test_first_order_error_is_quadratic_on_bowl():
    bowl = nl.landscapes.Bowl(0.5, 2.0, 30)
    d = np.array([0.6, 0.8])
    table = nle.descent_first_order_table(bowl.f, bowl.grad, [1.5, -1.0], d, [1.0, 0.1, 0.01])
    np.testing.assert_allclose(table[:, 3] / table[:, 0] ** 2, 0.5 * d @ bowl.A @ d, rtol=1e-6)


def test_article002_gradient_is_true_gradient_with_sign_flipped():
    X, Y, w, b = nle.descent_exercise_data()
    for output in ("identity", "sigmoid"):
        net = nle.descent_unit(w, b, output)
        true = net.gradients(X, Y, "mse").weights[0][0, 0]
        assert nle.descent_article002_gradient(X, Y, w, b, output) == pytest.approx(-true, rel=1e-12)


# --- exercise checks --------------------------------------------------------
def test_parabola_step_check():
    assert nle.check_descent_parabola_step(1.6).ok
    assert not nle.check_descent_parabola_step(None).ok
    wrong_side = nle.check_descent_parabola_step(2.4)
    assert not wrong_side.ok and "uphill" in wrong_side.message
    no_two = nle.check_descent_parabola_step(1.8)
    assert not no_two.ok and "2x" in no_two.message
    change = nle.check_descent_parabola_step(-0.4)
    assert not change.ok and "change" in change.message


def _right(output, loss):
    X, Y, w, b = nle.descent_exercise_data()
    return nle.descent_unit(w, b, output).gradients(X, Y, loss).weights[0][0, 0]


def test_mse_gradient_check_names_sign_and_factor_two():
    right = _right("identity", "mse")
    assert right == pytest.approx(0.5)
    assert nle.check_descent_mse_gradient(right).ok
    flipped = nle.check_descent_mse_gradient(-right)
    assert not flipped.ok and "sign is flipped" in flipped.message
    half = nle.check_descent_mse_gradient(right / 2)
    assert not half.ok and "factor 2" in half.message


def test_sigmoid_mse_check_names_missing_slope():
    right = _right("sigmoid", "mse")
    assert nle.check_descent_sigmoid_mse_gradient(right).ok
    X, Y, w, b = nle.descent_exercise_data()
    p = nl.activations.sigmoid(w * X + b)
    no_slope = 2 / len(X) * np.sum((p - Y) * X)
    fb = nle.check_descent_sigmoid_mse_gradient(no_slope)
    assert not fb.ok and "slope" in fb.message
    assert "sign" in nle.check_descent_sigmoid_mse_gradient(-right).message


def test_cross_entropy_check_names_extra_slope_and_log2():
    right = _right("sigmoid", "cross_entropy")
    assert nle.check_descent_cross_entropy_gradient(right).ok
    X, Y, w, b = nle.descent_exercise_data()
    p = nl.activations.sigmoid(w * X + b)
    extra = np.mean((p - Y) * p * (1 - p) * X)
    assert "σ'(z) was multiplied in" in nle.check_descent_cross_entropy_gradient(extra).message
    assert "log₂" in nle.check_descent_cross_entropy_gradient(right / math.log(2)).message


# --- plots ------------------------------------------------------------------
def test_plots_draw_labelled_axes():
    fig, axes = nlp.figure(ncols=3)
    nlp.plot_secants(axes[0], lambda x: x**2, 2.0, [1.0, 0.1], df=lambda x: 2 * x)
    nlp.plot_slope_steps(axes[1])
    nlp.plot_sigmoid_loss_slopes(axes[2])
    for ax in axes:
        assert ax.get_xlabel() and ax.get_ylabel()
        assert len(ax.lines) >= 2
    fig2, ax2 = nlp.figure()
    bowl = nl.landscapes.Bowl(0.5, 2.0, 30)
    nlp.plot_gradient_arrows(ax2, bowl, n=5)
    q = ax2.collections[-1]
    U = np.asarray(q.U)
    X = np.asarray(q.X)
    Y = np.asarray(q.Y)
    # the arrows are the gradient A x, which points uphill: (x·Ax >= 0 on this bowl)
    np.testing.assert_allclose(np.c_[U, np.asarray(q.V)], bowl.grad(np.c_[X, Y]))
    assert np.all(U * X + np.asarray(q.V) * Y >= 0)
    fig3, ax3 = nlp.figure()
    nlp.plot_training_loop(ax3)
    assert any("threshold" in t.get_text() for t in ax3.texts)
    fig4, axes4 = nlp.descent_step_grid(lrs=(0.1, 0.5))
    assert axes4.shape == (2, 2)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_descent_on_bowl_plots_f_along_path():
    bowl = nl.landscapes.Bowl(0.5, 2.0, 30)
    pts = nl.gradient_descent(bowl.grad, np.array([-2.0, 2.0]), 0.3, 5)
    fig, axes = nlp.figure(ncols=2)
    nlp.plot_descent_on_bowl(axes, bowl, [pts], labels=["lr 0.3"])
    np.testing.assert_allclose(axes[1].lines[-1].get_ydata(), bowl.f(pts))
    import matplotlib.pyplot as plt

    plt.close("all")


# --- widget -------------------------------------------------------------------
def test_widget_update_moves_paths():
    live = nlw.descent_explorer(lr=0.1, steps=10, x0=-2.0)
    axes = live.fig.axes
    p_line = axes[0].lines[1]
    before = np.array(p_line.get_xdata(), dtype=float).copy()
    assert before[0] == pytest.approx(-2.0)
    assert before[1] == pytest.approx(-2.0 - 0.1 * 2 * -2.0)
    live.set(lr=0.5)
    after = np.array(p_line.get_xdata(), dtype=float)
    assert not np.allclose(before, after)
    assert after[1] == pytest.approx(0.0)  # lr = 1/λ lands on the minimum
    live.set(steps=20)
    assert len(axes[2].lines[0].get_xdata()) == 21
    live.set(lr=1.15)  # beyond 2/λ: the loss panel still gets finite, clipped values
    assert np.all(np.isfinite(axes[2].lines[0].get_ydata()))
    assert len(live.render()) > 1000


def test_widget_show_hides_controls_and_latency_cases():
    live = nlw.descent_explorer(show=("lr",))
    assert live.controls.widgets["steps"].layout.display == "none"
    assert live.controls.widgets["lr"].layout.display != "none"
    with pytest.raises(ValueError):
        nlw.descent_explorer(show=("nope",))
    for _label, factory, changes in wdescent.LATENCY_CASES:
        assert 10 <= len(changes) <= 20
        lf = factory()
        for ch in changes[:3]:
            lf.set(**ch)
