"""Unit tests for the learning-rate topic: helpers, exercise checks, plots and the step-size explorer."""

import math

import numpy as np
import pytest

import nnlesson as nl
from nnlesson.exercises import learning_rate as ex
from nnlesson.plots import learning_rate as lp
from nnlesson.widgets import learning_rate as lw

# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize("lr, regime", [(0.5, "monotone"), (1.0, "one step"), (1.5, "damped oscillation"),
                                        (2.0, "endless oscillation"), (2.1, "divergence")])
def test_regime_matches_measured_ratio(lr, regime):
    assert ex.lr_regime(1.0, lr) == regime
    xs = nl.gradient_descent(nl.landscapes.Parabola(1.0).grad, 2.0, lr, 5)
    if xs[1] != 0:
        assert xs[1] / xs[0] == pytest.approx(ex.lr_factor(1.0, lr))
        assert ex.lr_regime_from_ratio(xs[1] / xs[0]) == regime


def test_factor_matches_landscape():
    p = nl.landscapes.Parabola(4.0)
    assert ex.lr_factor(4.0, 0.3) == pytest.approx(p.factor(0.3))


@pytest.mark.parametrize("lam, lr, x0, tol", [(1, 0.01, 2, 1e-3), (2, 0.1, 3, 1e-3), (1, 1.9, 2, 1e-3),
                                              (5, 0.3, -1.5, 1e-6), (1, 0.5, 1.0, 0.25)])
def test_steps_to_tol_theory_equals_measurement(lam, lr, x0, tol):
    theory = ex.lr_steps_to_tol(lam, lr, x0, tol)
    measured = ex.lr_measured_steps(nl.landscapes.Parabola(lam).grad, x0, lr, tol)
    assert theory == measured
    # and it really is the first step within tol
    xs = nl.gradient_descent(nl.landscapes.Parabola(lam).grad, x0, lr, theory)
    assert abs(xs[-1]) <= tol < abs(xs[-2])


def test_steps_to_tol_edge_cases():
    assert ex.lr_steps_to_tol(1, 0.5, 1e-4, 1e-3) == 0
    assert ex.lr_steps_to_tol(1, 1.0, 2, 1e-3) == 1
    assert ex.lr_steps_to_tol(1, 2.0, 2, 1e-3) == math.inf
    assert ex.lr_steps_to_tol(1, 2.5, 2, 1e-3) == math.inf
    with nl.capture_warnings():
        assert ex.lr_measured_steps(nl.landscapes.Parabola(1).grad, 2.0, 2.5, 1e-3, max_steps=5000) == math.inf


def test_condition_number_steps_on_bowl():
    for kappa in (2, 10, 50):
        bowl = nl.landscapes.Bowl(1.0, kappa)
        m = ex.lr_measured_steps(bowl.grad, (-2.5, 2.0), 1 / kappa, 1e-6)
        assert m == ex.lr_steps_to_tol(1.0, 1 / kappa, 2.5, 1e-6)


def test_settle_on_two_minima():
    two = nl.landscapes.TwoMinima()
    # small step: the basin of the start decides
    assert ex.lr_settle(two, -1.0, 0.05)[0] == "global minimum"
    assert ex.lr_settle(two, 1.0, 0.05)[0] == "local minimum"
    # above 2/f'' at the global minimum it cannot settle there; below the local threshold it settles locally
    assert ex.lr_settle(two, -2.0, 0.7)[0] == "local minimum"
    assert ex.lr_settle(two, -1.0, 0.5)[0] == "oscillating"
    assert ex.lr_settle(two, -1.0, 0.9)[0] == "diverged"
    label, x = ex.lr_settle(two, 2.1, 0.35)
    assert label == "global minimum" and x == pytest.approx(two.minimum, abs=1e-3)


# ---------------------------------------------------------------- checks


def test_check_factor():
    assert ex.check_lr_factor(-0.2).ok
    assert ex.check_lr_factor(nl.landscapes.Parabola(4.0).factor(0.3)).ok
    fb = ex.check_lr_factor(2.2)  # 1 + ηλ
    assert not fb.ok and "sign of ηλ" in fb.message
    fb = ex.check_lr_factor(0.7)  # λ forgotten
    assert not fb.ok and "λ is missing" in fb.message
    fb = ex.check_lr_factor(0.2)  # sign of the whole thing flipped
    assert not fb.ok and "sign is flipped" in fb.message
    assert "no answer yet" in ex.check_lr_factor(None).message


def test_check_threshold():
    bowl = nl.landscapes.Bowl(0.5, 8.0, angle=30)
    assert ex.check_lr_threshold(bowl.lr_threshold, bowl).ok
    fb = ex.check_lr_threshold(2 / 0.5, bowl)
    assert not fb.ok and "λ_min" in fb.message
    fb = ex.check_lr_threshold(1 / 8, bowl)
    assert not fb.ok and "1/λ_max" in fb.message
    fb = ex.check_lr_threshold(2 / 8.5, bowl)
    assert not fb.ok and "best single step" in fb.message
    with pytest.raises(TypeError):
        ex.check_lr_threshold(0.25, nl.landscapes.Parabola(1.0))


def test_check_zigzag():
    bowl = nl.landscapes.Bowl(0.5, 8.0, angle=30)
    assert ex.check_lr_zigzag(0.2, bowl).ok
    fb = ex.check_lr_zigzag(0.3, bowl)
    assert not fb.ok and "wrong side of 2/λ_max" in fb.message and "diverges" in fb.message
    fb = ex.check_lr_zigzag(3.0, bowl)  # inside the flat direction's window: used λ_min
    assert not fb.ok and "flat direction" in fb.message
    fb = ex.check_lr_zigzag(0.25, bowl)
    assert not fb.ok and "oscillates forever" in fb.message
    fb = ex.check_lr_zigzag(0.1, bowl)
    assert not fb.ok and "does not zig-zag" in fb.message
    assert not ex.check_lr_zigzag(-1, bowl).ok
    assert not ex.check_lr_zigzag("fast", bowl).ok
    # the check agrees with what a run does: the steep coordinate flips sign and the run converges
    p = nl.gradient_descent(bowl.grad, np.array([1.0, 2.0]), 0.2, 200)
    assert np.linalg.norm(p[-1]) < 1e-6


def test_check_steps():
    right = ex.lr_measured_steps(nl.landscapes.Parabola(2.0).grad, 3.0, 0.1, 1e-3)
    assert ex.check_lr_steps(right).ok
    assert right == 36
    fb = ex.check_lr_steps(right - 1)
    assert not fb.ok and "rounded down" in fb.message
    fb = ex.check_lr_steps(right + 1)
    assert not fb.ok and "one step too many" in fb.message
    fb = ex.check_lr_steps(35.88)
    assert not fb.ok and "whole number" in fb.message
    fb = ex.check_lr_steps(76)  # factor 1 - ηλ/2
    assert not fb.ok and "ηλ/2" in fb.message


# ---------------------------------------------------------------- plots


def test_plots_build_labelled_figures():
    import matplotlib.pyplot as plt

    figs = [
        lp.lr_regimes_plot(),
        lp.lr_bowl_grid(),
        lp.lr_steps_plot([0.1, 1.0], [70, 1], [0.1, 0.5], [70, 10], threshold=2.0, tol=1e-3, x0=2.0),
        lp.lr_condition_plot([1, 10], [1, 140], [1, 140]),
    ]
    two = nl.landscapes.TwoMinima()
    starts, lrs = [-1.0, 1.0], [0.05, 0.9]
    runs = [[ex.lr_settle(two, s, lr) for lr in lrs] for s in starts]
    figs.append(lp.lr_basins_plot(two, starts, lrs, [[r[0] for r in row] for row in runs],
                                  [[r[1] for r in row] for row in runs]))
    for fig in figs:
        axes = [ax for ax in fig.axes if ax.get_visible() and ax.has_data()]
        assert axes
        assert all(ax.get_xlabel() for ax in axes)
        assert axes[0].get_ylabel()  # panels in a row share the first one's y label
        plt.close(fig)
    fig, ax = plt.subplots()
    lp.lr_sweep_plot(ax, [0.1, 1, 10], [0.5, 0.1, 1e6], diverged=[False, False, True])
    assert len(ax.lines) == 2  # the curve and the divergence crosses
    plt.close(fig)


# ---------------------------------------------------------------- widget


def test_explorer_update_changes_artists():
    live = lw.lr_explorer(preset="smooth")
    ax_c = live.fig.axes[0]
    path_line = ax_c.lines[-2]
    before = np.array(path_line.get_xydata()).copy()
    live.set(lr=0.19)
    after = np.array(path_line.get_xydata())
    assert not np.allclose(before[1:], after[1:], equal_nan=True)
    assert "zig-zag" in ax_c.figure.axes[1].get_title()
    live.set(lr=0.25)
    assert "diverges" in live.fig.axes[1].get_title()
    live.set(steps=10)
    assert len(path_line.get_xdata()) == 11
    live.set(x1=1.0, x2=0.0)
    assert path_line.get_xdata()[0] == pytest.approx(1.0)
    png = live.render()
    assert png[:4] == b"\x89PNG"


def test_explorer_presets_and_show():
    live = lw.lr_explorer(preset="edge", show=("lr",))
    assert live.controls.widgets["lr"].value == pytest.approx(0.2, rel=0.05)
    assert live.controls.widgets["x1"].layout.display == "none"
    assert live.controls.widgets["lr"].layout.display != "none"
    with pytest.raises(ValueError):
        lw.lr_explorer(preset="nope")
    with pytest.raises(ValueError):
        lw.lr_explorer(show=("eta",))


def test_latency_cases_apply():
    for _label, factory, changes in lw.LATENCY_CASES:
        live = factory()
        assert 10 <= len(changes) <= 20
        for change in changes:
            live.set(**change)
