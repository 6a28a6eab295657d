"""The shared look, the widget base and the exercise feedback."""

import ipywidgets
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    fine = np.array([[0.123456, -0.234567, 0.345678]])
    assert "rounded too early" in compare("g", np.round(fine, 2), fine).message
    assert "rounded too early" in compare("g", [[0.123, -0.235, 0.346]], fine).message
    assert "rounded" not in compare("g", fine * 1.02, fine).message
    assert "rounded" not in compare("g", right * 1.001, right).message  # near, but no rounding of the value
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


def _pixels(png):
    import io

    from PIL import Image as PILImage

    return np.asarray(PILImage.open(io.BytesIO(png)).convert("RGB"), dtype=int)


#: How far (in levels of 255) a picture laid together from kept layers may differ from a full redraw: each layer
#: is blended "over" the ones below in 8-bit integers, which rounds where text and lines are antialiased.
LAYER_ROUNDING = 2


def _assert_close(picture, full, what):
    difference = np.abs(picture - full)
    assert difference.max() <= LAYER_ROUNDING, (f"{what}: {int((difference > LAYER_ROUNDING).sum())} values differ "
                                                 f"from a full redraw, by up to {difference.max()}")


def test_blitted_redraw_matches_a_full_redraw(capsys):
    """A widget with dynamic artists pastes a kept background and draws them on top: the picture must be the
    one a full redraw of the same state gives (up to the layers' rounding), and a change of axis limits must
    redraw the background."""
    fig, ax = figure(pyplot=False)
    ax.plot([0, 1], [0, 1], color="black")  # static
    # inside the axes: where a dynamic artist crosses a static one of higher zorder (a spine), blitting
    # draws it on top, the one place its picture may differ from a full redraw
    (line,) = ax.plot([0.1, 0.9], [1, 1], color="red")
    title = ax.set_title("a = 1.0")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 2)

    def update(a):
        line.set_ydata([a, a])
        title.set_text(f"a = {a:.1f}")
        ax.set_ylim(0, max(2.0, 1.2 * a))

    live = LiveFigure(fig, Controls(("a",), a=slider("a", 1.0, 0, 5, 0.1)), update, dynamic=[line, title])
    first = live.render()
    for a in (1.5, 4.0, 0.5):  # 4.0 rescales the y axis, 0.5 scales it back: the background is redrawn
        live.set(a=a)
        blitted = live.render()
        assert live._bg_key[0][1] == (0.0, max(2.0, 1.2 * a))
        for artist in (line, title):
            artist.set_animated(False)
        live._canvas.draw()
        full = np.asarray(live._canvas.buffer_rgba())[..., :3].astype(int)
        _assert_close(_pixels(blitted), full, f"a = {a}")
        assert blitted != first


def _full_redraw_pixels(live):
    """The picture a full draw of the widget's current state gives (dynamic and foreground artists included);
    the widget takes its kept background again at its next redraw."""
    layered = [*live._dynamic_artists(), *live._foreground]
    for artist in layered:
        artist.set_animated(False)
    live._canvas.draw()
    pixels = np.asarray(live._canvas.buffer_rgba())[..., :3].astype(int)
    for artist in layered:
        artist.set_animated(True)
    live._background = None
    return pixels


def test_digit_explorer_blits_the_same_picture_as_a_full_redraw(capsys):
    from nnlesson.widgets.capstone import digit_explorer

    live = digit_explorer(index=3)
    for index in (5, 17, 0):
        live.set(index=index)
        assert np.array_equal(_pixels(live.image.value), _full_redraw_pixels(live)), f"index {index}"


def test_backprop_stepper_lays_its_names_over_the_edges_as_a_full_redraw_draws_them(capsys, monkeypatch):
    """The stepper draws its 14 names once into a foreground layer and lays it over the recoloured edges and
    units: the picture equals a full redraw up to rounding (one level of 255), and no name is drawn again."""
    from matplotlib.text import Text

    from nnlesson.widgets.backprop import bp_backward_stepper

    live = bp_backward_stepper(step=0)
    foreground = live._foreground

    for step in (1, 4, 9, 13, 20, 0):
        live.set(step=step)
        difference = np.abs(_pixels(live.image.value) - _full_redraw_pixels(live))
        assert difference.max() <= 1, f"step {step}: a pixel differs by {difference.max()}"
    live.set(step=3)  # takes the background and the layer again (the full draws above dropped them)
    drawn = []
    original = Text.draw
    monkeypatch.setattr(Text, "draw", lambda self, renderer: (drawn.append(self), original(self, renderer))[1])
    for step in (5, 6, 7):
        live.set(step=step)
    assert drawn == []
    with pytest.raises(ValueError, match="foreground= needs dynamic="):
        LiveFigure(live.fig, live.controls, lambda **_: None, foreground=foreground)


def test_changes_during_a_redraw_are_merged_and_the_last_picture_shows_the_last_values(capsys):
    """Slider moves that arrive while a picture is drawn are merged: fewer redraws, the final one up to date."""
    import threading
    import time

    fig, ax = figure(pyplot=False)
    (line,) = ax.plot([0, 1], [0, 0])
    ax.set_ylim(0, 100)
    drawn, gate = [], threading.Event()

    def update(a):
        gate.wait(5)           # the first redraw after a change waits, as a slow render would
        line.set_ydata([a, a])
        drawn.append(a)

    gate.set()
    live = LiveFigure(fig, Controls(("a",), a=slider("a", 0.0, 0, 100, 1)), update)
    gate.clear()
    slider_widget = live.controls.widgets["a"]
    for a in range(1, 31):     # thirty moves while the worker is held at the first one
        slider_widget.value = float(a)
        time.sleep(0.001)
    gate.set()
    assert live.wait(10)
    assert drawn[0] == 0.0 and drawn[-1] == 30.0
    assert len(drawn) < 31, f"every move was drawn ({len(drawn) - 1} redraws for 30 moves): nothing was merged"
    assert list(line.get_ydata()) == [30.0, 30.0]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_png_encoder_keeps_every_pixel(width, height, seed):
    """The widgets' fast PNG writer decodes (with Pillow) to exactly the canvas's RGB pixels."""
    import io

    from PIL import Image

    from nnlesson.widgets._live import png_rgb

    rgba = np.random.default_rng(seed).integers(0, 256, (height, width, 4), dtype=np.uint8)
    decoded = Image.open(io.BytesIO(png_rgb(memoryview(rgba.tobytes()), width, height)))
    assert decoded.mode == "RGB" and decoded.size == (width, height)
    assert np.array_equal(np.asarray(decoded), rgba[:, :, :3])


def test_each_redraw_records_whether_its_picture_changed(capsys):
    """The latency benchmark tells a redraw that drew the picture already shown (nothing new reaches the page)
    from a lost one by PICTURE_CHANGED."""
    from nnlesson.widgets import _live

    fig, ax = figure(pyplot=False)
    (line,) = ax.plot([0, 1], [0, 0])
    ax.set_ylim(-1, 10)
    live = LiveFigure(fig, Controls(("a", "b"), a=slider("a", 1.0, 0, 5, 0.1), b=slider("b", 0.0, 0, 1, 0.1)),
                      lambda a, b: line.set_ydata([a, a]))
    live.set(a=2.0)
    assert _live.PICTURE_CHANGED[-1] is True
    live.set(b=0.5)  # b is not drawn: the same picture again
    assert _live.PICTURE_CHANGED[-1] is False and len(_live.PICTURE_CHANGED) >= 2


def test_a_background_seen_before_is_reused_and_gives_the_full_redraw_picture(capsys, monkeypatch):
    """Moving back over a change of axis limits reuses the background drawn for those limits (no full draw),
    and the picture is still the one a full redraw gives."""
    fig, ax = figure(pyplot=False)
    ax.set_xlim(0, 1)
    (line,) = ax.plot([0, 1], [0, 0], color="black")

    def update(a):
        line.set_ydata([a, a])
        ax.set_ylim(0, 10 if a < 5 else 100)  # two sets of limits, so two backgrounds

    live = LiveFigure(fig, Controls(("a",), a=slider("a", 1.0, 0, 50, 0.5)), update, dynamic=[line])
    live.set(a=20.0)
    full_draws = []
    original = live._draw_all
    monkeypatch.setattr(live, "_draw_all", lambda: (full_draws.append(1), original())[1])
    for a in (2.0, 30.0, 3.0, 40.0):
        live.set(a=a)
        _assert_close(_pixels(live.image.value), _full_redraw_pixels(live), f"a = {a}")
    assert full_draws == []
    assert len(live._backgrounds) == 2


def test_a_change_of_one_panels_limits_redraws_that_panel_alone(capsys, monkeypatch):
    """Two panels; a slider rescales the right one only.  The new background is laid together from the left
    panel's kept layer and a fresh drawing of the right panel: the left axes is not drawn again, nothing is
    drawn in full, and the picture is the one a full redraw gives."""
    from matplotlib.axes import Axes

    fig, (left, right) = figure(ncols=2, pyplot=False)
    left.plot([0, 1], [0, 1], color="black")
    left.set_title("fixed panel")
    (line,) = right.plot([0.1, 0.9], [0, 0], color="red")  # clear of the spines, which blitting draws it over
    right.set_xlim(0, 1)

    def update(a):
        line.set_ydata([0, a])
        right.set_ylim(0, 10 if a < 5 else 100)

    live = LiveFigure(fig, Controls(("a",), a=slider("a", 1.0, 0, 50, 0.5)), update, dynamic=[line])
    drawn, full_draws = [], []
    original_draw = Axes.draw
    monkeypatch.setattr(Axes, "draw", lambda self, renderer: (drawn.append(self), original_draw(self, renderer))[1])
    original_full = live._draw_all
    monkeypatch.setattr(live, "_draw_all", lambda: (full_draws.append(1), original_full())[1])
    live.set(a=20.0)
    assert drawn == [right] and full_draws == []
    picture = _pixels(live.image.value)
    monkeypatch.setattr(Axes, "draw", original_draw)
    _assert_close(picture, _full_redraw_pixels(live), "a = 20")


@pytest.mark.parametrize("which", ["neuron explorer: w1", "init explorer: activation"])
def test_the_series_widgets_redraw_only_the_panel_whose_limits_change(which, capsys, monkeypatch):
    """The neuron explorer's right panel rescales as w1 grows, and 02's activation switch rebins its histograms
    and relabels its saturation panel: only those axes are drawn again, never the whole figure."""
    from matplotlib.axes import Axes

    from nnlesson.widgets.initialization import init_scale_explorer
    from nnlesson.widgets.neurons import neuron_explorer

    if which.startswith("neuron"):
        live = neuron_explorer()
        change, expected = {"w1": 8.0}, {live.fig.axes[1]}  # the curve a = f(z), over a wider z
    else:
        live = init_scale_explorer(activation="tanh")
        change, expected = {"activation": "relu"}, {live.fig.axes[0], live.fig.axes[2]}  # histograms, saturation
    drawn, full_draws = [], []
    original_draw = Axes.draw
    monkeypatch.setattr(Axes, "draw", lambda self, renderer: (drawn.append(self), original_draw(self, renderer))[1])
    monkeypatch.setattr(live, "_draw_all", lambda: full_draws.append(1))
    live.set(**change)
    assert full_draws == []
    assert drawn and set(drawn) == expected, f"drew {len(set(drawn))} axes: {[a.get_title() for a in set(drawn)]}"
