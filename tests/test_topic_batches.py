"""Tests for the batch-variants topic (notebook 06): helpers, checks, plots and the widget."""

import dataclasses
import math

import numpy as np
import pytest
from zh_text import has_cjk

import nnlesson as nl
from nnlesson.exercises import batches as ex

LOSS = "cross_entropy"


@pytest.fixture(scope="module")
def setting():
    X, labels = nl.datasets.two_moons(n=60, seed=0)
    Y = labels[:, None].astype(float)
    net = nl.MLP([2, 4, 1], hidden="tanh", output="sigmoid", seed=0)
    return X, Y, net


# --- helpers -------------------------------------------------------------------

@pytest.mark.parametrize("n,b,expected", [(200, None, 1), (200, 1, 200), (200, 20, 10), (200, 32, 7), (7, 3, 3)])
def test_updates_per_epoch_matches_train(n, b, expected):
    X = np.zeros((n, 1))
    h = nl.train(nl.MLP([1, 1], output="identity", seed=0), X, X, 0.1, 1, batch_size=b)
    assert ex.updates_per_epoch(n, b) == expected == h.steps


def test_sample_gradient_matrix_rows_average_to_batch_gradients(setting):
    X, Y, net = setting
    G = ex.sample_gradient_matrix(net, X, Y, LOSS)
    assert G.shape == (60, net.n_parameters)
    assert np.allclose(G.mean(axis=0), net.gradients(X, Y, LOSS).flat(), atol=1e-12)
    B = np.array([3, 10, 11, 40])
    assert np.allclose(G[B].mean(axis=0), net.gradients(X[B], Y[B], LOSS).flat(), atol=1e-12)


def test_gradient_noise_follows_theory(setting):
    X, Y, net = setting
    G = ex.sample_gradient_matrix(net, X, Y, LOSS)
    sizes = [1, 4, 16, 45]
    r = ex.minibatch_gradient_noise(G, sizes, draws=3000, seed=1)
    assert np.allclose(r["measured"] / r["theory"], 1, atol=0.12)
    n = G.shape[0]
    assert np.allclose(r["theory"], r["sigma2"] / np.array(sizes) * (n - np.array(sizes)) / (n - 1))
    rr = ex.minibatch_gradient_noise(G, sizes, draws=3000, replace=True, seed=1)
    assert np.allclose(rr["theory"], rr["sigma2"] / np.array(sizes))
    assert np.allclose(rr["measured"] / rr["theory"], 1, atol=0.12)
    full = ex.minibatch_gradient_noise(G, [n], draws=5)
    assert full["measured"][0] < 1e-25 and full["theory"][0] == 0


def test_timed_training_is_train(setting):
    X, Y, net = setting
    r = ex.timed_training(net.copy(), X, Y, 0.5, 4, batch_size=7, loss=LOSS, seed=0)
    h = nl.train(net.copy(), X, Y, 0.5, 4, batch_size=7, loss=LOSS, seed=0)
    assert np.array_equal(r["epoch_losses"], h.epoch_losses)
    assert list(r["updates"]) == [0, 9, 18, 27, 36]
    assert r["seconds"][0] == 0 and np.all(np.diff(r["seconds"]) >= 0)


def test_full_loss_per_update_uses_trains_batches(setting):
    X, Y, net = setting
    L = ex.full_loss_per_update(net.copy(), X, Y, 0.5, 20, batch_size=6, loss=LOSS, seed=0)
    h = nl.train(net.copy(), X, Y, 0.5, 2, batch_size=6, loss=LOSS, seed=0)
    assert L.shape == (21,)
    assert L[10] == pytest.approx(h.epoch_losses[1], abs=1e-12)
    assert L[20] == pytest.approx(h.epoch_losses[2], abs=1e-12)
    full = ex.full_loss_per_update(net.copy(), X, Y, 0.3, 30, batch_size=None, loss=LOSS)
    assert np.all(np.diff(full) < 0)  # small step, full batch: down every time


def test_full_loss_per_update_with_replacement(setting):
    X, Y, net = setting
    L = ex.full_loss_per_update(net.copy(), X, Y, 0.5, 7, batch_size=6, loss=LOSS, seed=3, replace=True)
    # the same updates by hand: each one on b indices drawn with replacement, one draw per update
    rng, work, by_hand = np.random.default_rng(3), net.copy(), [net.loss(X, Y, LOSS)]
    for _ in range(7):
        idx = rng.integers(0, X.shape[0], size=6)
        work.step(work.gradients(X[idx], Y[idx], LOSS), 0.5)
        by_hand.append(work.loss(X, Y, LOSS))
    assert L.shape == (8,) and np.allclose(L, by_hand, rtol=0, atol=1e-12)
    assert not np.allclose(L, ex.full_loss_per_update(net.copy(), X, Y, 0.5, 7, batch_size=6, loss=LOSS, seed=3))
    with pytest.raises(TypeError, match="replace"):
        ex.full_loss_per_update(net.copy(), X, Y, 0.5, 7, batch_size=6, loss=LOSS, replace="yes")


def test_batch_memory_splits_input_from_what_the_batch_adds(setting):
    X, Y, net = setting
    m = ex.batch_memory(net.trace(X, Y, LOSS))
    assert m["input"] == X.nbytes
    assert m["activations"] == 8 * 60 * (4 + 1)
    assert m["backward"] == 8 * 60 * ((4 + 1) + (4 + 1) + 4)     # Z, delta for both layers, dA for the hidden
    assert m["batch"] == m["activations"] + m["backward"]
    assert ex.activation_bytes(net.trace(X, Y, LOSS)) == m["input"] + m["activations"]


def test_update_seconds(setting):
    X, Y, net = setting
    before = [w.copy() for w in net.weights]
    t = ex.update_seconds(net, X, Y, [1, None], loss=LOSS, repeat=2, number=3)
    assert set(t) == {1, 60} and all(v > 0 for v in t.values())
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))   # the net is not touched
    with pytest.raises(ValueError, match="batch_size"):
        ex.update_seconds(net, X, Y, [61], loss=LOSS)
    with pytest.raises(TypeError, match="net"):
        ex.update_seconds("net", X, Y, [1], loss=LOSS)
    with pytest.raises(ValueError, match="lr"):
        ex.update_seconds(net, X, Y, [1], loss=LOSS, lr=-1.0)


def test_double_well_runs():
    c = ex.double_well_slopes(20, 6.0, seed=0)
    assert abs(c.mean()) < 1e-12 and abs(c.std() - 6.0) < 1e-12
    r = np.sort(np.roots([4, 0, -4, 0.5]).real)
    assert np.allclose(4 * r ** 3 - 4 * r + 0.5, 0)
    full = ex.double_well_runs(r[2], 0.03, 20, 20, range(5))     # full batch: exact gradient, stays put
    assert np.allclose(full, r[2], atol=1e-9)
    sgd = ex.double_well_runs(r[2], 0.03, 50, 1, range(200))
    assert 0.3 < np.mean(sgd < r[1]) < 0.9                        # some runs cross the ridge, not all
    again = ex.double_well_runs(r[2], 0.03, 50, 1, range(200))
    assert np.array_equal(sgd, again)                            # seeded
    # one seed's run is the plain loop written out
    rng = np.random.default_rng(7)
    w = r[2]
    for _ in range(3):
        order = rng.permuted(np.arange(20))
        for i in order:
            w = w - 0.03 * (4 * w * (w * w - 1) + 0.5 + c[i])
    assert ex.double_well_runs(r[2], 0.03, 3, 1, [7])[0] == pytest.approx(w, abs=1e-12)
    assert np.allclose(ex.double_well(r, 0.5), (r ** 2 - 1) ** 2 + 0.5 * r)
    with pytest.raises(ValueError, match="lr"):
        ex.double_well_runs(0.0, -1.0, 1, 1, [0])
    with pytest.raises(ValueError, match="batch_size"):
        ex.double_well_runs(0.0, 0.1, 1, 21, [0])
    with pytest.raises(ValueError, match="seeds"):
        ex.double_well_runs(0.0, 0.1, 1, 1, [])
    both = ex.double_well_runs([r[2], r[0]], 0.03, 50, 1, range(200))   # two starts, the same shuffles
    assert both.shape == (2, 200) and np.array_equal(both[0], sgd)
    assert np.array_equal(both[1], ex.double_well_runs(r[0], 0.03, 50, 1, range(200)))
    with pytest.raises(ValueError, match="w0"):
        ex.double_well_runs([[0.0]], 0.1, 1, 1, [0])


def test_full_loss_per_update_takes_a_schedule(setting):
    X, Y, net = setting
    sched = lambda t: 0.5 / (1 + t / 10)  # noqa: E731
    L = ex.full_loss_per_update(net.copy(), X, Y, sched, 12, batch_size=6, loss=LOSS, seed=0)
    h = nl.train(net.copy(), X, Y, sched, 2, batch_size=6, loss=LOSS, seed=0)
    assert L[10] == pytest.approx(h.epoch_losses[1], abs=1e-12)
    assert L.shape == (13,)


def test_activation_bytes_linear_in_n(setting):
    X, Y, net = setting
    per = 8 * sum(net.sizes)
    for m in (10, 30, 60):
        assert ex.activation_bytes(net.trace(X[:m], Y[:m], LOSS)) == per * m


def test_batch_lr_grid_catches_divergence():
    X = np.linspace(-1, 1, 20)[:, None]
    net = nl.MLP([1, 1], output="identity", seed=0)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        runs = ex.batch_lr_grid(net, X, 3 * X, batch_sizes=(1, 20), lrs=(0.1, 50.0), epochs=5)
    assert set(runs) == {(1, 0.1), (20, 0.1), (1, 50.0), (20, 50.0)}
    assert runs[(20, 50.0)].diverged and not runs[(20, 0.1)].diverged


# --- checks --------------------------------------------------------------------

def _only(fb, *words):
    """The message is a failure naming every word given (and so the right mistake)."""
    assert not fb.ok, fb.message
    for w in words:
        assert w in fb.message, (w, fb.message)
    return fb


def test_check_updates_per_epoch_names_mistakes():
    assert ex.check_updates_per_epoch(235).ok
    assert ex.check_updates_per_epoch(235.0).ok
    assert ex.check_updates_per_epoch(np.int64(235)).ok
    fb = _only(ex.check_updates_per_epoch(234), "floor", "round up")
    assert "nearest" in fb.message                       # rounding 234.375 gives the same 234: both named
    _only(ex.check_updates_per_epoch(236), "off by one")
    _only(ex.check_updates_per_epoch(256), "samples per update")
    _only(ex.check_updates_per_epoch(60_000), "number of samples (n)")
    _only(ex.check_updates_per_epoch(96), "last batch")
    _only(ex.check_updates_per_epoch(234.375), "not a whole number")
    _only(ex.check_updates_per_epoch(237), "not right")
    assert "off by one" not in ex.check_updates_per_epoch(237).message
    assert "no answer yet" in ex.check_updates_per_epoch(None).message
    assert "whole number" in ex.check_updates_per_epoch("235").message
    # other settings: the exercise as it was (n = 200, b = 32) and a size that divides n
    assert ex.check_updates_per_epoch(7, n=200, batch_size=32).ok
    assert ex.check_updates_per_epoch(10, n=200, batch_size=20).ok
    fb = ex.check_updates_per_epoch(11, n=200, batch_size=20)
    assert "off by one" in fb.message and "floor" not in fb.message
    with pytest.raises(ValueError, match="batch_size"):
        ex.check_updates_per_epoch(1, n=10, batch_size=11)


def test_check_updates_per_epoch_mistakes_are_distinct():
    # no two named mistakes give the same count on the exercise's numbers
    for n, b in ((60_000, 256), (1000, 96)):
        right = ex.updates_per_epoch(n, b)
        wrong = [n // b, right + 1, b, n, n - (right - 1) * b]
        assert len(set(wrong)) == len(wrong) and right not in wrong, (n, b, wrong)
    # n = 200, b = 32 (the old exercise) collides: the last batch has 8 samples and ceil + 1 = 8; both are named
    fb = ex.check_updates_per_epoch(8, n=200, batch_size=32)
    assert "off by one" in fb.message and "last batch" in fb.message


def test_check_updates_in_budget_names_mistakes():
    assert ex.check_updates_in_budget(80).ok
    _only(ex.check_updates_in_budget(79), "ceil(epochs * n / b)", "fresh shuffle")
    _only(ex.check_updates_in_budget(78), "floor(epochs * n / b)")
    _only(ex.check_updates_in_budget(75), "epochs * floor(n/b)")
    _only(ex.check_updates_in_budget(16), "one epoch's updates")
    _only(ex.check_updates_in_budget(5000), "samples read")
    _only(ex.check_updates_in_budget(78.125), "not a whole number")
    fb = _only(ex.check_updates_in_budget(81), "not right")
    assert "ceil" not in fb.message
    for answer in (79, 78, 75, 16, 5000):  # one mistake each: no collisions on these numbers
        assert "more than one" not in ex.check_updates_in_budget(answer).message
        assert ex.check_updates_in_budget(answer).message.count("that is") == 1
    h = nl.train(nl.MLP([1, 1], output="identity", seed=0), np.zeros((1000, 1)), np.zeros((1000, 1)), 0.1, 5,
                 batch_size=64)
    assert h.steps == 80
    # where b divides n the stream and per-epoch counts agree, and that is not called a mistake
    assert ex.check_updates_in_budget(50, n=100, batch_size=10, epochs=5).ok


def test_check_minibatch_gradient_names_sum_vs_mean(setting):
    X, Y, net = setting
    per_sample = [net.gradients(X[i:i + 1], Y[i:i + 1], LOSS).weights[1] for i in range(5)]
    right = np.mean(per_sample, axis=0)
    assert ex.check_minibatch_gradient(right, net, X[:5], Y[:5], LOSS, layer=1).ok
    assert ex.check_minibatch_gradient(np.round(right, 6), net, X[:5], Y[:5], LOSS, layer=1).ok
    _only(ex.check_minibatch_gradient(np.sum(per_sample, axis=0), net, X[:5], Y[:5], LOSS, layer=1), "summed")
    _only(ex.check_minibatch_gradient(right / 5, net, X[:5], Y[:5], LOSS, layer=1), "divided by b twice")
    _only(ex.check_minibatch_gradient(per_sample[0], net, X[:5], Y[:5], LOSS, layer=1), "sample 0 alone")
    _only(ex.check_minibatch_gradient(per_sample[3], net, X[:5], Y[:5], LOSS, layer=1), "sample 3 alone")
    _only(ex.check_minibatch_gradient(np.sum(per_sample, axis=0) / 4, net, X[:5], Y[:5], LOSS, layer=1), "b - 1")
    _only(ex.check_minibatch_gradient(-right, net, X[:5], Y[:5], LOSS, layer=1), "sign")
    _only(ex.check_minibatch_gradient(right.T, net, X[:5], Y[:5], LOSS, layer=1), "shape")
    _only(ex.check_minibatch_gradient(np.mean(per_sample), net, X[:5], Y[:5], LOSS, layer=1), "shape")
    _only(ex.check_minibatch_gradient(np.mean(per_sample[:4], axis=0), net, X[:5], Y[:5], LOSS, layer=1),
          "all but sample 4")
    _only(ex.check_minibatch_gradient(np.mean(per_sample[1:], axis=0), net, X[:5], Y[:5], LOSS, layer=1),
          "all but sample 0")
    # with b = 2, leaving a sample out IS the other sample alone: named once, as that
    two = [net.gradients(X[i:i + 1], Y[i:i + 1], LOSS).weights[1] for i in range(2)]
    _only(ex.check_minibatch_gradient(two[1], net, X[:2], Y[:2], LOSS, layer=1), "sample 1 alone")


def test_check_variance_ratio_names_mistakes():
    right = 4 * 136 / (64 * 196)
    assert ex.check_variance_ratio(right).ok
    assert ex.check_variance_ratio(0.04337).ok            # four significant digits
    _only(ex.check_variance_ratio(0.0434), "rounded too early")
    _only(ex.check_variance_ratio(1 / 16), "finite-population", "with-replacement")
    _only(ex.check_variance_ratio(0.25), "STANDARD DEVIATION")
    _only(ex.check_variance_ratio(math.sqrt(right)), "sqrt of the right ratio")
    _only(ex.check_variance_ratio(1 / right), "upside down")
    _only(ex.check_variance_ratio(16), "b2/b1")
    _only(ex.check_variance_ratio(1 / 16 * 196 / 136), "correction is upside down")
    _only(ex.check_variance_ratio(1 / 16 * 136 / 199), "only b = 64 got its correction")
    _only(ex.check_variance_ratio(136 / 196), "only the correction")
    _only(ex.check_variance_ratio(2 * right), "twice the right value", "no factor 2")
    _only(ex.check_variance_ratio(right / 2), "half the right value", "no factor 2")
    assert "differentiating" not in ex.check_variance_ratio(2 * right).message
    for wrong in (1 / 16, 0.25, math.sqrt(right), 1 / right, 16, 1 / 16 * 196 / 136, 1 / 16 * 136 / 199, 136 / 196):
        assert "more than one" not in ex.check_variance_ratio(wrong).message


def test_check_batch_names():
    good = dict(ex.BATCH_NAME_QUESTIONS)
    assert ex.check_batch_names(good).ok
    bad = dict(good, **{"002 批量梯度下降法": "full"})
    fb = ex.check_batch_names(bad)
    assert not fb.ok and "same way" in fb.message
    fb = ex.check_batch_names(dict(good, **{"003 随机梯度下降": "mini"}))
    assert not fb.ok and "one sample" in fb.message and "批量" not in fb.message
    fb = ex.check_batch_names(dict(good, **{"003 批量梯度下降": "mini"}))        # both read as mini-batch
    assert not fb.ok and "same way" in fb.message and "'mini'" in fb.message
    fb = ex.check_batch_names(dict(good, **{"002 批量梯度下降法": "full", "003 批量梯度下降": "mini"}))
    assert not fb.ok and "swapped" in fb.message and "same way" not in fb.message
    fb = ex.check_batch_names(dict(good, **{"002 批量梯度下降法": "full", "003 随机梯度下降": "full"}))
    assert "same way" in fb.message and "one sample" in fb.message          # the other slip is named too
    assert "no answer yet" in ex.check_batch_names(None).message
    assert "missing" in ex.check_batch_names({"003 批量梯度下降": "full"}).message
    assert "only 'full'" in ex.check_batch_names(dict(good, **{"003 批量梯度下降": "batch"})).message


# --- plots ---------------------------------------------------------------------

def test_plots_draw_the_data(setting):
    from nnlesson import plots

    X, Y, net = setting
    runs = {"full": ex.timed_training(net.copy(), X, Y, 0.5, 3, None, LOSS),
            "sgd": ex.timed_training(net.copy(), X, Y, 0.5, 3, 1, LOSS)}
    fig = plots.plot_batch_variants(runs)
    assert len(fig.axes) == 3
    assert np.allclose(fig.axes[0].lines[0].get_ydata(), runs["full"]["epoch_losses"])
    assert np.allclose(fig.axes[1].lines[1].get_xdata(), runs["sgd"]["updates"][1:])

    G = ex.sample_gradient_matrix(net, X, Y, LOSS)
    noise = ex.minibatch_gradient_noise(G, [1, 2, 4], draws=50)
    fig = plots.plot_gradient_noise(noise)
    assert fig.axes[0].get_xscale() == "log" and fig.axes[0].get_yscale() == "log"
    assert np.allclose(fig.axes[0].lines[2].get_ydata(), noise["measured"])

    L = np.array([3.0, 2.0, 2.5, 1.0, 1.5])
    fig = plots.plot_loss_per_update({"a": L})
    marks = fig.axes[0].lines[1]
    assert list(marks.get_xdata()) == [2, 4] and "2 times" in marks.get_label()

    fig = plots.plot_activation_memory([10, 20], [880, 1760], per_sample=88)
    assert fig.axes[0].get_xlabel() and fig.axes[0].get_ylabel()
    finals = {"full": np.full(10, 0.93), "sgd": np.linspace(-1.2, 1.0, 10)}
    fig = plots.plot_double_well(0.5, finals, start=0.93, ridge=0.127)
    assert len(fig.axes) == 2 and len(fig.axes[1].patches) == 2
    texts = [t.get_text() for ax in fig.axes for t in ax.texts] + [ax.get_title() for ax in fig.axes]
    assert not any("_" in t for t in texts)
    assert max(fig.get_size_inches()) <= 11
    fig = plots.plot_loop_vs_matrix([10, 20], [0.01, 0.02], [0.001, 0.001])
    assert np.allclose(fig.axes[1].lines[0].get_ydata(), [10, 20])
    import matplotlib.pyplot as plt

    plt.close("all")


# --- widget --------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_data():
    from nnlesson.widgets import batches as wb

    return wb.batch_explorer_data(n=40, epochs=3, batch_sizes=(1, 10, 40), lrs=(0.1, 1.0))


def test_widget_update_changes_artists(small_data):
    from nnlesson.widgets import batches as wb

    live = wb.batch_size_explorer(batch_size=10, lr=0.1, data=small_data)
    ax, ax2 = live.fig.axes
    before = np.array(ax.lines[0].get_ydata()).copy()
    live.set(batch_size=1)
    after = np.array(ax.lines[0].get_ydata())
    assert len(after) == 3 * 40 and len(before) == 3 * 4
    readout = live.extra.value                     # the run's numbers are in the HTML readout, not the figure
    assert "b=1, η=0.1: 40 updates/epoch" in readout and "noise at b=1" in readout
    assert ax.get_title() == "" and ax2.get_title() == ""
    mark = ax2.lines[2]
    assert list(mark.get_xdata()) == [1]
    live.set(batch_size=40)
    assert len(mark.get_xdata()) == 0 and "no noise" in live.extra.value and "1 update/epoch" in live.extra.value
    live.set(lr=1.0)
    assert "η=1" in live.extra.value
    assert live.render()[:4] == b"\x89PNG"


def test_widget_readout_marks_a_diverged_run(small_data):
    from nnlesson.widgets import batches as wb

    data = dict(small_data)
    data["runs"] = dict(small_data["runs"])
    data["runs"][(1, 1.0)] = dataclasses.replace(data["runs"][(1, 1.0)], diverged=True, stop_reason="diverged")
    live = wb.batch_size_explorer(batch_size=10, lr=0.1, data=data)
    assert "DIVERGED" not in live.extra.value
    live.set(batch_size=1, lr=1.0)
    assert "DIVERGED</b>" in live.extra.value and "color:" in live.extra.value


def test_widget_presets_and_show(small_data):
    from nnlesson.widgets import batches as wb

    live = wb.batch_size_explorer(batch_size=40, lr=1.0, show=("lr",), data=small_data)
    w = live.controls.widgets
    assert w["batch_size"].value == 40 and w["lr"].value == 1.0
    assert w["batch_size"].layout.display == "none" and w["lr"].layout.display != "none"
    assert w["batch_size"].continuous_update and w["lr"].continuous_update  # a move only looks a run up
    with pytest.raises(ValueError, match="show names unknown"):
        wb.batch_size_explorer(batch_size=10, lr=1.0, show=("nope",), data=small_data)
    with pytest.raises(ValueError, match="batch_size must be one of"):
        wb.batch_size_explorer(batch_size=7, lr=1.0, data=small_data)


def test_latency_cases_apply():
    from nnlesson.widgets import batches as wb

    assert wb.LATENCY_CASES
    for _label, factory, changes in wb.LATENCY_CASES:
        assert 10 <= len(changes) <= 20
        live = factory()
        for change in changes:
            live.set(**change)


def test_static_grid(small_data):
    from nnlesson import plots

    fig = plots.plot_batch_grid(small_data["runs"], batch_sizes=(1, 40), lrs=(0.1, 1.0), n=40)
    assert len(fig.axes) == 4
    assert all(ax.get_title().startswith("b=") for ax in fig.axes)
    import matplotlib.pyplot as plt

    plt.close("all")


def test_plot_noise_floor():
    import matplotlib.pyplot as plt

    from nnlesson import plots

    e = {"a": np.full(100, 0.01), "b": np.geomspace(1, 1e-4, 100)}
    fl = {(1, 0.0125): 0.003, (2, 0.025): 0.0029, (1, 0.05): 0.03}
    fig = plots.plot_noise_floor(e, fl, window=10)
    ax0, ax1 = fig.axes
    assert len(ax0.lines) == 2 and len(ax0.lines[0].get_ydata()) == 91          # moving mean over 10
    assert np.allclose(ax0.lines[0].get_ydata(), 0.01)
    assert [line.get_xdata()[0] for line in ax1.lines] == [0.0125, 0.0125, 0.05]
    assert fig.legends and max(fig.get_size_inches()) <= 11
    texts = [ax.get_title() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes] + \
        [t.get_text() for t in fig.legends[0].get_texts()]
    assert not any("_" in t for t in texts)
    ind = {(1, 0.05): 0.04, (1, 0.0125): 0.009}                                # drawn in order of η/b
    fig = plots.plot_noise_floor(e, fl, window=10, independent=ind)
    line = fig.axes[1].lines[-1]
    assert list(line.get_xdata()) == [0.0125, 0.05] and list(line.get_ydata()) == [0.009, 0.04]
    assert fig.axes[1].get_ylim()[1] >= 0.04 * 2                                # the higher floors fit
    labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert labels == ["shuffled epochs, b = 1", "shuffled epochs, b = 2", "independent draws, b = 1"]
    plt.close("all")


def test_full_loss_per_update_checks_its_arguments(setting):
    X, Y, net = setting
    with pytest.raises(ValueError, match="lr"):
        ex.full_loss_per_update(net.copy(), X, Y, -0.1, 5, batch_size=6, loss=LOSS)
    with pytest.raises(ValueError, match="lr"):
        ex.full_loss_per_update(net.copy(), X, Y, lambda t: 0.1 if t < 3 else 0.0, 5, batch_size=6, loss=LOSS)
    with pytest.raises(ValueError, match="batch_size"):
        ex.full_loss_per_update(net.copy(), X, Y, 0.1, 5, batch_size=61, loss=LOSS)
    with pytest.raises(ValueError, match="updates"):
        ex.full_loss_per_update(net.copy(), X, Y, 0.1, -1, batch_size=6, loss=LOSS)
    with pytest.raises(TypeError, match="net"):
        ex.full_loss_per_update("net", X, Y, 0.1, 5)
    # one update by hand: the same as net.step on the first shuffled batch
    a, b = net.copy(), net.copy()
    L = ex.full_loss_per_update(a, X, Y, 0.3, 1, batch_size=6, loss=LOSS, seed=4)
    idx = np.random.default_rng(4).permutation(60)[:6]
    b.step(b.gradients(X[idx], Y[idx], LOSS), 0.3)
    assert L[1] == pytest.approx(b.loss(X, Y, LOSS), abs=1e-14)
    assert all(np.array_equal(p, q) for p, q in zip(a.weights + a.biases, b.weights + b.biases))


# --- the Chinese edition ---------------------------------------------------------


def test_checks_widget_and_figures_speak_chinese(chinese, small_data, setting):
    import matplotlib.pyplot as plt

    from nnlesson import _i18n, plots
    from nnlesson.widgets import batches as wb

    fb = ex.check_updates_per_epoch(234, n=60_000, batch_size=256)
    assert not fb.ok and "向上取整" in fb.message and "floor(n/b) = 234" in fb.message
    assert "每轮的更新次数" in ex.check_updates_per_epoch(235).message
    fb = ex.check_batch_names({k: "full" for k in ex.BATCH_NAME_QUESTIONS})
    assert not fb.ok and "同一个意思" in fb.message and "小批量" in fb.message
    assert "1/b" in ex.check_variance_ratio(4 / 64).message and has_cjk(ex.check_variance_ratio(4 / 64).message)
    X, Y, _net = setting
    with nl.capture_warnings() as caught:
        ex.full_loss_per_update(nl.MLP([2, 1], output="identity", seed=0), X, Y, 50.0, 30, loss="mse")
    assert caught.messages and "发散" in caught.messages[0]

    live = wb.batch_size_explorer(batch_size=10, lr=0.1, data=small_data)
    w = live.controls.widgets
    assert w["batch_size"].description == "批量大小 b" and w["lr"].description == "步长 η"
    live.set(batch_size=40)
    assert "每轮" in live.extra.value and "没有噪声" in live.extra.value   # HTML: Chinese with or without a CJK font
    fig = plots.plot_loss_per_update({"a": np.array([3.0, 2.0, 2.5, 1.0])})
    if not _i18n._state["figure_english"]:   # a font with Chinese glyphs is installed
        assert fig.axes[0].get_xlabel() == "更新次数"
        assert "损失上升（1 次）" in fig.axes[0].get_legend_handles_labels()[1]
    plt.close("all")
