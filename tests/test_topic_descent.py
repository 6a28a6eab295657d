"""Tests for the gradient-descent notebook's plots, widget and exercise checks."""

import math

import matplotlib
import numpy as np
import pytest
from zh_text import has_cjk

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
    assert nle.check_descent_parabola_step(2.4).ok           # x0 = 3, lr = 0.1: 3 - 0.1 * 6
    assert nle.check_descent_parabola_step(2.4, x0=3.0, lr=0.1).ok
    assert not nle.check_descent_parabola_step(None).ok
    expect = {
        3.6: "uphill",                  # x0 + lr f'(x0)
        2.7: "2x",                      # f'(x) = x
        -3.0: "learning rate is missing",   # x0 - f'(x0)
        2.1: "f(x0) was used",          # x0 - lr f(x0)
        -0.6: "change",                 # -lr f'(x0)
        6.0: "slope f'(x0)",
        5.76: "f(x1)",
    }
    for answer, words in expect.items():
        fb = nle.check_descent_parabola_step(answer)
        assert not fb.ok and words in fb.message and "more than one" not in fb.message, (answer, fb)


def test_parabola_step_forgotten_lr_is_not_called_half():
    # at lr = 0.5 forgetting lr used to read as a factor ½; it is named now, whatever lr is
    for lr in (0.5, 0.25, 0.1):
        fb = nle.check_descent_parabola_step(3.0 - 6.0, x0=3.0, lr=lr)
        assert "learning rate is missing" in fb.message


def _right(output, loss):
    X, Y, w, b = nle.descent_exercise_data()
    return nle.descent_unit(w, b, output).gradients(X, Y, loss).weights[0][0, 0]


def _data():
    X, Y, w, b = nle.descent_exercise_data()
    z = w * X + b
    return X, Y, z, 1 / (1 + np.exp(-z)), len(X)


def _assert_named(check, answer, words):
    fb = check(answer)
    assert not fb.ok, (answer, fb)
    assert words in fb.message, (words, fb.message)
    assert "more than one" not in fb.message, fb.message


def test_exercise_data_numbers_keep_mistakes_apart():
    X, Y, w, b = nle.descent_exercise_data()
    assert len(X) == 5                          # 2/n is not ½
    assert _right("identity", "mse") == pytest.approx(2.8)
    assert _right("sigmoid", "mse") == pytest.approx(0.150577, rel=1e-5)          # quoted in the solutions
    assert _right("sigmoid", "cross_entropy") == pytest.approx(0.527245, rel=1e-5)


def test_mse_gradient_check_names_each_mistake():
    X, Y, z, p, n = _data()
    right = _right("identity", "mse")
    check = nle.check_descent_mse_gradient
    assert check(right).ok and check(round(right, 4)).ok
    _assert_named(check, 2 / n * np.sum((Y - z) * X), "article 002")        # (y - ŷ)
    _assert_named(check, 1 / n * np.sum((z - Y) * X), "factor 2")
    _assert_named(check, 2 * np.sum((z - Y) * X), "did not divide by n")
    _assert_named(check, np.sum((z - Y) * X), "both the 2 and the 1/n")     # 2/n forgotten: not "twice"
    _assert_named(check, 2 / n * np.sum(z - Y), "input x is missing")
    _assert_named(check, np.mean((z - Y) ** 2), "MSE itself")


def test_sigmoid_mse_check_names_each_mistake():
    X, Y, z, p, n = _data()
    right = _right("sigmoid", "mse")
    check = nle.check_descent_sigmoid_mse_gradient
    assert check(right).ok and check(float(f"{right:.4g}")).ok
    s = p * (1 - p)
    _assert_named(check, 2 / n * np.sum((p - Y) * X), "slope")
    _assert_named(check, 2 / n * np.sum((Y - p) * s * X), "article 002")
    _assert_named(check, 2 * np.sum((p - Y) * s * X), "did not divide by n")            # a sum, not a mean
    q = 1 / (1 + np.exp(-p))                                                           # σ'(ŷ) instead of σ'(z)
    _assert_named(check, 2 / n * np.sum((p - Y) * q * (1 - q) * X), "evaluated at ŷ instead of z")
    _assert_named(check, 2 / n * np.sum((p - Y) * p * (1 - z) * X), "σ(z)·(1 - z)")
    _assert_named(check, 1 / n * np.sum((p - Y) * s * X), "factor 2")
    assert "rounded too early" in check(round(right, 2)).message


def test_cross_entropy_check_names_each_mistake():
    X, Y, z, p, n = _data()
    right = _right("sigmoid", "cross_entropy")
    check = nle.check_descent_cross_entropy_gradient
    assert check(right).ok
    _assert_named(check, np.mean((p - Y) * p * (1 - p) * X), "σ'(z) was multiplied in")
    _assert_named(check, right / math.log(2), "log₂")
    _assert_named(check, np.sum((p - Y) * X), "did not divide by n")                   # a sum, not a mean
    _assert_named(check, np.mean(-Y * (1 - p) * X), "one-term loss -y ln ŷ")          # -y ln ŷ alone
    _assert_named(check, np.mean(-Y * (1 - p) * X) / math.log(2), "one-term loss -y log₂ ŷ")
    _assert_named(check, np.mean((Y - p) * X), "sign is flipped")
    _assert_named(check, 2 / n * np.sum((p - Y) * p * (1 - p) * X), "MSE gradient of exercise 3")


def _softmax_data():
    Z, Y = nle.descent_softmax_exercise_data()
    E = np.exp(Z)
    return Z, Y, E / E.sum(axis=1, keepdims=True), len(Z)


def test_softmax_gradient_is_p_minus_y_over_n_by_finite_differences():
    Z, Y, P, n = _softmax_data()
    loss = lambda Z_: -np.sum(Y * np.log(np.exp(Z_) / np.exp(Z_).sum(axis=1, keepdims=True))) / n  # noqa: E731
    numeric = np.zeros_like(Z)
    for ij in np.ndindex(Z.shape):
        e = np.zeros_like(Z)
        e[ij] = 1e-6
        numeric[ij] = (loss(Z + e) - loss(Z - e)) / 2e-6
    np.testing.assert_allclose(numeric, (P - Y) / n, atol=1e-8)
    assert nle.check_descent_softmax_gradient((P - Y) / n).ok
    assert Z.shape == (4, 3)                    # n != K: dividing by K gives its own number


def test_softmax_check_names_each_mistake():
    Z, Y, P, n = _softmax_data()
    right = (P - Y) / n
    check = nle.check_descent_softmax_gradient
    assert check(np.array([[float(f"{v:.4g}") for v in row] for row in right])).ok
    _assert_named(check, P - Y, "1/n")
    _assert_named(check, (Y - P) / n, "sign is flipped")
    _assert_named(check, (P - Y) / 3, "number of classes")
    _assert_named(check, (P - Y) / 12, "every entry")
    _assert_named(check, (P - Y) * P * (1 - P) / n, "slope P(1 - P)")
    _assert_named(check, -Y / (n * P), "∂L/∂P")
    S = 1 / (1 + np.exp(-Z))
    _assert_named(check, (S - Y) / n, "σ(Z)")
    E = np.exp(Z)
    _assert_named(check, (E / E.sum(axis=0) - Y) / n, "down the columns")
    fb = check(right.T)
    assert not fb.ok and "transposed" in fb.message


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
    star = ax2.lines[-1]                        # the minimum, drawn above the arrows
    assert star.get_marker() == "*" and star.get_zorder() > q.get_zorder()
    U = np.asarray(q.U)
    X = np.asarray(q.X)
    Y = np.asarray(q.Y)
    # the arrows are the gradient A x, which points uphill: (x·Ax >= 0 on this bowl)
    np.testing.assert_allclose(np.c_[U, np.asarray(q.V)], bowl.grad(np.c_[X, Y]))
    assert np.all(U * X + np.asarray(q.V) * Y >= 0)
    fig3, ax3 = nlp.figure()
    nlp.plot_training_loop(ax3)
    assert any("threshold" in t.get_text() for t in ax3.texts)
    fig5, ax5 = nlp.figure()
    nlp.plot_output_gradients(ax5, margin_max=6.0)
    sse, soft = ax5.lines[2].get_ydata(), ax5.lines[0].get_ydata()
    assert np.all(soft > sse)                   # without σ′ the pull is stronger at every margin
    assert sse[-1] < sse[0] and soft[-1] > soft[0]
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


def test_widget_star_stays_on_top_of_the_moving_path():
    # the minimum is drawn after the bowl's path at every redraw: the pixel at its centre is the star's colour
    import io

    from PIL import Image

    live = nlw.descent_explorer(lr=0.1, steps=15, x0=-2.0)
    ax_b = live.fig.axes[1]
    red = tuple(int(nlp.COLORS["red"][i:i + 2], 16) for i in (1, 3, 5))
    for lr in (0.3, 0.5, 0.9):      # paths that run through the minimum
        live.set(lr=lr)
        image = np.asarray(Image.open(io.BytesIO(live.render())).convert("RGB"))
        px, py = ax_b.transData.transform((0.0, 0.0))
        centre = image[int(round(image.shape[0] - py)), int(round(px))]
        assert tuple(int(c) for c in centre) == red, (lr, centre)


def test_checks_name_the_mistakes_added_after_a_cold_read():
    X, Y, z, p, n = _data()
    _assert_named(nle.check_descent_parabola_step, 0.6, "size of the step")                 # +η f'(x0)
    _assert_named(nle.check_descent_sigmoid_mse_gradient, np.mean((p - Y) * X), "cross-entropy gradient")
    _assert_named(nle.check_descent_cross_entropy_gradient, np.mean((z - Y) * X), "without the sigmoid")
    _assert_named(nle.check_descent_cross_entropy_gradient, np.mean((p - Y) / (p * (1 - p)) * X), "∂CE/∂ŷ")
    Z, Ys, P, n5 = _softmax_data()
    _assert_named(nle.check_descent_softmax_gradient, P / n5, "not subtracted")
    _assert_named(nle.check_descent_softmax_gradient, (Z - Ys) / n5, "Z was used")


@pytest.mark.parametrize("cases", ["_parabola_step_cases", "_mse_gradient_cases", "_sigmoid_mse_cases",
                                   "_cross_entropy_cases", "_softmax_cases"])
def test_listed_mistakes_give_distinct_numbers(cases):
    # on the exercises' own numbers no two listed mistakes (nor a mistake and the right value) coincide
    from nnlesson.exercises import descent as ex

    args = (3.0, 0.1) if cases == "_parabola_step_cases" else ()
    right, mistakes = getattr(ex, cases)(*args)
    values = [np.atleast_1d(np.asarray(right, dtype=float))] + [np.atleast_1d(np.asarray(v, dtype=float))
                                                               for v in mistakes.values()]
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            assert not np.allclose(values[i], values[j], rtol=5e-4, atol=1e-12), (cases, i, j)


# --- the Chinese edition ------------------------------------------------------


def test_checks_name_the_mistake_in_chinese(chinese):
    fb = nle.check_descent_parabola_step(3.6)             # a step uphill
    assert not fb.ok and "上坡" in fb.message and "3.6" in fb.message, fb.message
    X, Y, z, p, n = _data()
    fb = nle.check_descent_mse_gradient(2 / n * np.sum((Y - z) * X))   # article 002's sign
    assert "文章 002" in fb.message, fb.message
    Z, Ys, P, n5 = _softmax_data()
    fb = nle.check_descent_softmax_gradient((P - Ys) / 3)
    assert "类别数" in fb.message, fb.message


def test_figures_and_widget_in_chinese(chinese):
    from nnlesson import _i18n

    fig, ax = nlp.figure()
    nlp.plot_training_loop(ax)
    fig2, ax2 = nlp.figure()
    nlp.plot_sigmoid_loss_slopes(ax2)
    live = nlw.descent_explorer(lr=1.15, steps=40)          # far beyond 2/λ: the readout says it blew up
    if not _i18n._state["figure_english"]:                  # a font with Chinese glyphs is installed
        assert any("阈值" in t.get_text() for t in ax.texts)
        assert has_cjk(ax2.get_xlabel())
        assert all(has_cjk(t.get_text()) for t in ax2.get_legend().get_texts())
    assert "已发散" in live.extra.value                           # the readout under the panels: HTML, any font
    assert live.controls.widgets["lr"].description == "步长 η"
    import matplotlib.pyplot as plt

    plt.close("all")
