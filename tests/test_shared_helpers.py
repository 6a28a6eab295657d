"""The shared look, the widget base and the exercise feedback."""

import ipywidgets
import numpy as np
import pytest

import nnlesson as nl
from nnlesson.exercises import compare
from nnlesson.plots import contour, draw_network, figure, loss_curve, path
from nnlesson.widgets import Controls, LiveFigure, log_slider, slider


def test_compare_names_each_mistake():
    right = np.array([[0.1, -0.2, 0.3]])
    assert compare("g", right.copy(), right).ok
    assert "sign is flipped" in compare("g", -right, right).message
    assert "twice" in compare("g", 2 * right, right).message
    assert "half" in compare("g", right / 2, right).message
    assert "transposed" in compare("g", right.T, right).message
    assert "no answer yet" in compare("g", None, right).message
    assert "NaN" in compare("g", [[np.nan, 0, 0]], right).message
    assert "slope" in compare("g", right * 0.25, right, mistakes={"the slope is missing": right * 0.25}).message
    assert "close" in compare("g", right * 1.001, right).message
    assert repr(compare("g", right, right)).startswith("✔")
    assert repr(compare("g", -right, right)).startswith("✘")


def test_figure_shapes_and_plots():
    fig, ax = figure()
    line = loss_curve(ax, [1.0, 0.5, np.inf, 0.1])
    assert len(line.get_xdata()) == 3 and ax.get_yscale() == "log"
    fig, axes = figure(ncols=2, pyplot=False)
    assert len(axes) == 2
    bowl = nl.landscapes.Bowl(1, 4)
    contour(axes[0], bowl)
    pts = nl.gradient_descent(bowl.grad, np.array([2.0, 2.0]), 0.1, 5)
    line, start = path(axes[0], pts)
    assert np.allclose(line.get_xdata(), pts[:, 0])
    draw_network(axes[1], [2, 2, 2], weights=nl.examples.article001_net().net.weights)
    assert len(axes[1].lines) == 8 and len(axes[1].patches) == 6


def test_controls_hide_unshown_and_reject_unknown():
    c = Controls(("a",), a=slider("a", 1.0, 0, 2, 0.1), b=log_slider("b", 0.1, 1e-3, 1))
    assert c.widgets["b"].layout.display == "none"
    assert c.widgets["a"].layout.display != "none"
    assert c.values() == {"a": 1.0, "b": pytest.approx(0.1)}
    with pytest.raises(ValueError, match="unknown controls"):
        Controls(("z",), a=slider("a", 1.0, 0, 2, 0.1))


def test_live_figure_redraws_on_change(capsys):
    fig, ax = figure(pyplot=False)
    (line,) = ax.plot([0, 1], [0, 0])
    seen = []

    def update(a):
        seen.append(a)
        line.set_ydata([0, a])

    live = LiveFigure(fig, Controls(("a",), a=slider("a", 1.0, 0, 2, 0.1)), update)
    png = live.render()
    live.set(a=1.5)
    assert seen == [1.0, 1.5]
    assert list(line.get_ydata()) == [0, 1.5]
    assert live.render() != png and png[:4] == b"\x89PNG"
    assert isinstance(live.widget, ipywidgets.VBox)
