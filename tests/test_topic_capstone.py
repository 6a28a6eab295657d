"""Unit tests for notebook 07's helpers, plots, widget and exercise checks (nnlesson.*.capstone)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import nnlesson as nl
from nnlesson.exercises import capstone as ex
from nnlesson.plots import capstone as pl


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def split():
    return ex.digits_split()


@pytest.fixture(scope="module")
def trained(split):
    Xtr, Xte, ytr, yte = split
    net = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    run = ex.digits_fit(net, Xtr, ytr, Xte, yte, lr=0.3, epochs=8, batch_size=32)
    return net, run


def test_digits_split_scaled_and_fixed(split):
    Xtr, Xte, ytr, yte = split
    assert Xtr.shape == (1348, 64) and Xte.shape == (449, 64)
    assert Xtr.min() == 0.0 and Xtr.max() == 1.0
    again = ex.digits_split()
    assert np.array_equal(again[3], yte)
    raw = ex.digits_split(scale=False)
    np.testing.assert_allclose(raw[0] / 16.0, Xtr)


def test_digits_fit_is_the_epoch_loop(split):
    Xtr, Xte, ytr, yte = split
    a = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    b = a.copy()
    run = ex.digits_fit(a, Xtr, ytr, Xte, yte, lr=0.1, epochs=3, batch_size=32)
    Y = nl.datasets.one_hot(ytr, 10)
    losses = [b.loss(Xtr, Y, "cross_entropy")]
    for epoch in range(3):
        nl.train(b, Xtr, Y, lr=0.1, epochs=1, batch_size=32, loss="cross_entropy", seed=epoch)
        losses.append(b.loss(Xtr, Y, "cross_entropy"))
    np.testing.assert_allclose(run.train_loss, losses, rtol=0, atol=0)
    assert len(run.test_acc) == 4 and run.epochs_run == 3
    assert run.updates == 3 * 43 and len(run.step_losses) == 3 * 43
    assert run.test_acc[-1] == nl.accuracy(a, Xte, yte)


def test_digits_fit_stops_at_threshold_and_on_divergence(split):
    Xtr, Xte, ytr, yte = split
    net = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    run = ex.digits_fit(net, Xtr, ytr, Xte, yte, lr=0.3, epochs=50, batch_size=32, tol=0.5)
    assert run.stop_reason == "tol" and run.train_loss[-1] < 0.5 and run.epochs_run < 50
    net = nl.MLP(ex.DIGITS_SIZES, hidden="relu", output="softmax", init="he", seed=0)
    run = ex.digits_fit(net, Xtr, ytr, Xte, yte, lr=1e4, epochs=5, batch_size=32)
    assert run.diverged and run.messages and "DivergenceWarning" in run.messages[0]


def test_digits_fit_binary(split):
    Xtr, Xte, ytr, yte = split
    mtr, mte = np.isin(ytr, [3, 8]), np.isin(yte, [3, 8])
    net = nl.MLP([64, 16, 1], hidden="tanh", output="sigmoid", init="xavier", seed=0)
    run = ex.digits_fit(net, Xtr[mtr], (ytr[mtr] == 8).astype(int), Xte[mte], (yte[mte] == 8).astype(int),
                        lr=0.1, epochs=10, batch_size=16)
    assert run.test_acc[-1] > 0.9 and run.train_loss[-1] < run.train_loss[0]


def test_confusion_matrix_counts():
    y = np.array([0, 1, 2, 2, 1, 0])
    p = np.array([0, 2, 2, 2, 1, 1])
    C = ex.digits_confusion_matrix(y, p, classes=3)
    assert C.tolist() == [[1, 1, 0], [0, 1, 1], [0, 0, 2]]
    assert np.trace(C) / C.sum() == np.mean(y == p)
    with pytest.raises(ValueError):
        ex.digits_confusion_matrix(y, p[:3])


def test_check_digits_settings_names_the_mistake():
    assert "no answer yet" in ex.check_digits_settings(None).message
    good = ex.check_digits_settings(0.3)
    assert good.ok and "Target reached" in good.message
    big = ex.check_digits_settings(3.0)
    assert not big.ok and "too large" in big.message
    small = ex.check_digits_settings(0.01)
    assert not small.ok and "too small" in small.message
    full = ex.check_digits_settings(0.3, batch_size=None)
    assert not full.ok and "updates are too few" in full.message
    zeros = ex.check_digits_settings(0.3, init="zeros")
    assert not zeros.ok and "zeros" in zeros.message and "same" in zeros.message
    assert "over the budget" in ex.check_digits_settings(0.3, epochs=20).message
    assert "positive" in ex.check_digits_settings(-1).message


def test_check_confusion_accuracy():
    C = ex.CONFUSION_EXERCISE
    right = np.trace(C) / C.sum()
    assert ex.check_confusion_accuracy(right).ok
    assert "error rate" in ex.check_confusion_accuracy(1 - right).message
    recall = np.mean(np.diag(C) / C.sum(axis=1))
    assert "recall" in ex.check_confusion_accuracy(recall).message
    assert "count" in ex.check_confusion_accuracy(int(np.trace(C))).message
    assert "percent" in ex.check_confusion_accuracy(100 * right).message
    assert "recall of class 0" in ex.check_confusion_accuracy(C[0, 0] / C[0].sum()).message


def test_check_softmax_row_sums(trained):
    net, _ = trained
    X = ex.digits_split()[1][:5]
    P = net.forward(X)
    assert ex.check_softmax_row_sums(P.sum(axis=1)).ok
    assert "axis=0" in ex.check_softmax_row_sums(P.sum(axis=0)).message
    assert "every entry" in ex.check_softmax_row_sums(P.sum()).message
    assert "no answer" in ex.check_softmax_row_sums(None).message


def test_check_one_hot(split):
    ytr = split[2]
    assert ex.check_one_hot_shape(nl.datasets.one_hot(ytr, 10).shape).ok
    assert "transposed" in ex.check_one_hot_shape((10, len(ytr))).message
    assert "labels themselves" in ex.check_one_hot_shape((len(ytr),)).message
    assert "misses a class" in ex.check_one_hot_shape((len(ytr), 9)).message
    assert "whole data set" in ex.check_one_hot_shape((1797, 10)).message
    assert ex.check_one_hot_row([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]).ok
    assert "too early" in ex.check_one_hot_row([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]).message
    assert "too late" in ex.check_one_hot_row([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]).message
    assert "9 entries" in ex.check_one_hot_row([0, 0, 1, 0, 0, 0, 0, 0, 0]).message


def test_plots_draw_the_data(trained, split):
    net, run = trained
    Xtr, Xte, ytr, yte = split
    fig = pl.digits_curves_plot(run, target=0.95)
    ax_loss, ax_acc = fig.axes
    np.testing.assert_allclose(ax_loss.lines[0].get_ydata(), run.train_loss)
    np.testing.assert_allclose(ax_acc.lines[1].get_ydata(), run.test_acc)
    assert ax_acc.get_xlabel() == "epoch" and ax_loss.get_ylabel()
    plt.close(fig)
    fig = pl.digits_sweep_plot({0.1: run, 0.3: run}, chosen=0.3)
    assert len(fig.axes[0].lines) == 2 and fig.axes[1].get_xscale() == "log"
    plt.close(fig)
    C = ex.digits_confusion_matrix(yte, net.predict(Xte), 10)
    fig = pl.digits_confusion_plot(C)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert str(C[0, 0]) in texts and fig.axes[0].get_xlabel() == "predicted digit"
    plt.close(fig)
    fig = pl.digits_sample_grid(Xte[:5], yte[:5], predicted=np.array([yte[0], 9, 9, 9, 9]), ncols=5)
    assert len(fig.axes) == 5 and "→" in fig.axes[0].get_title()
    plt.close(fig)
    fig = pl.digits_vector_plot(Xtr[0] * 16, ytr[0])
    np.testing.assert_allclose([b.get_height() for b in fig.axes[1].patches], Xtr[0] * 16)
    plt.close(fig)
    P = net.forward(Xte[:3])
    fig = pl.digits_probability_grid(Xte[:3], P, yte[:3])
    np.testing.assert_allclose([b.get_height() for b in fig.axes[3].patches], P[0])
    plt.close(fig)
    p = np.array([0.1, 0.9, 0.2, 0.8])
    fig = pl.digits_histogram_plot(p, np.array([0, 1, 0, 1]))
    assert sum(b.get_height() for b in fig.axes[0].patches) == 4
    plt.close(fig)
    fig = pl.digits_batch_losses_plot(run.step_losses, 43, epochs=2)
    assert len(fig.axes[0].lines[0].get_ydata()) == 86
    plt.close(fig)


def test_digit_explorer_updates_artists(trained, split):
    from nnlesson.widgets import capstone as wc

    net, _ = trained
    _, Xte, _, yte = split
    live = wc.digit_explorer(net, Xte, yte, index=0)
    ax_img, ax_bar = live.fig.axes
    im = ax_img.images[0]
    np.testing.assert_allclose(im.get_array(), Xte[0].reshape(8, 8))
    live.set(index=7)
    np.testing.assert_allclose(im.get_array(), Xte[7].reshape(8, 8))
    np.testing.assert_allclose([b.get_height() for b in ax_bar.patches], net.forward(Xte[7:8])[0])
    live.set(which="misclassified", index=0)
    wrong = np.flatnonzero(net.predict(Xte) != yte)
    np.testing.assert_allclose(im.get_array(), Xte[wrong[0]].reshape(8, 8))
    assert f"test digit {wrong[0]}" in ax_img.get_title()
    assert len(wc.LATENCY_CASES) == 1 and 10 <= len(wc.LATENCY_CASES[0][2]) <= 20
    with pytest.raises(ValueError):
        wc.digit_explorer(net, Xte, yte, which="nope")
    with pytest.raises(ValueError):
        wc.digit_explorer(net, Xte, yte, show=("lr",))
