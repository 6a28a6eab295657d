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


def test_update_trace_replays_digits_fit(split):
    Xtr, Xte, ytr, yte = split
    a = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    b = a.copy()
    run = ex.digits_fit(a, Xtr, ytr, Xte, yte, lr=0.1, epochs=2, batch_size=32)
    tr = ex.digits_update_trace(b, Xtr, ytr, lr=0.1, epochs=2, batch_size=32)
    np.testing.assert_array_equal(tr.batch_losses, run.step_losses)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa, wb)
    assert len(tr.full_losses) == 87 and tr.full_losses[43] == run.train_loss[1]
    assert tr.batch_rises == int(np.sum(np.diff(tr.batch_losses) > 0))
    # with a tiny step the loss on all digits cannot rise, while the batch loss still goes up about half the time
    still = ex.digits_update_trace(nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", seed=0), Xtr, ytr,
                                   lr=1e-6, epochs=2)
    assert still.full_rises == 0 and 25 <= still.batch_rises <= 60
    # softmax + cross-entropy: no entry of the output layer's weight gradient exceeds 1, even at lr 3
    wild = ex.digits_update_trace(nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", seed=0), Xtr, ytr,
                                  lr=3.0, epochs=2)
    assert np.all(wild.output_grad_max <= 1.0 + 1e-12) and np.all(np.isfinite(wild.full_losses))


def test_early_stopping_rule():
    v = [2.0, 1.0, 0.8, 0.9, 0.85, 0.7, 0.75, 0.72, 0.71, 0.74]
    assert ex.early_stopping(v, 2) == (4, 2)         # no new low in epochs 3 and 4: stop at 4, keep 2
    assert ex.early_stopping(v, 3) == (8, 5)
    assert ex.early_stopping(v, 5) == (None, 5)      # the curve ends first: keep its lowest epoch
    assert ex.early_stopping([1.0], 1) == (None, 0)
    for bad in (0, 1.5, True, None):
        with pytest.raises(ValueError):
            ex.early_stopping(v, bad)
    with pytest.raises(ValueError):
        ex.early_stopping([], 3)


def test_digits_fit_keeps_nets(split):
    Xtr, Xte, ytr, yte = split
    net = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    run = ex.digits_fit(net, Xtr, ytr, Xte, yte, lr=0.1, epochs=3, keep_nets=True)
    assert len(run.nets) == 4
    Y = nl.datasets.one_hot(yte, 10)
    for e, m in enumerate(run.nets):
        assert m.loss(Xte, Y, "cross_entropy") == run.test_loss[e]
    assert ex.digits_fit(net.copy(), Xtr, ytr, Xte, yte, lr=0.1, epochs=1).nets == []


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
    net = nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", init="xavier", seed=0)
    Xtr, Xte, ytr, yte = ex.digits_split()
    run = ex.digits_fit(net, Xtr, ytr, Xte, yte, lr=0.3, epochs=15, batch_size=32)
    rises = int(np.sum(np.diff(run.train_loss) > 0))
    assert f"rose in {rises} of 15 epochs" in good.message
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
    assert ex.check_digits_settings(1.0).ok                     # the solution says lr = 1 reaches it too
    for init in ("positive", "uniform"):                          # the start is to blame, not the step size
        bad = ex.check_digits_settings(0.3, init=init)
        assert not bad.ok and f"init={init!r}" in bad.message and "|z| > 2" in bad.message
        assert "step size is" not in bad.message
    mid = ex.check_digits_settings(0.3, batch_size=256)
    assert not mid.ok and "6 updates per epoch" in mid.message and "whole set" not in mid.message
    assert ex.check_digits_settings(0.3, epochs=15.0).ok          # a whole number written as a float
    assert "whole number" in ex.check_digits_settings(0.3, epochs=7.5).message
    assert "whole number" in ex.check_digits_settings(0.3, epochs=True).message
    assert not ex.check_digits_settings(0.1).ok                 # ... and that the cautious 0.1 falls short


def test_check_digits_settings_advises_only_epochs_it_accepts():
    """One sample per update: more than MAX_UPDATES // 1348 = 8 epochs is refused, so the advice stops there."""
    n = ex.digits_split()[0].shape[0]
    cap = ex.MAX_UPDATES // n
    assert "slow in Python" in ex.check_digits_settings(0.03, batch_size=1, epochs=cap + 1).message
    slow = ex.check_digits_settings(0.01, batch_size=1, epochs=1)
    assert not slow.ok and f"up to {cap} (" in slow.message and f"up to {ex.DIGITS_BUDGET}" not in slow.message
    short = ex.check_digits_settings(0.1, batch_size=32, epochs=5)
    assert not short.ok and f"up to {ex.DIGITS_BUDGET} (you used 5)" in short.message


def test_check_confusion_accuracy():
    C = ex.CONFUSION_EXERCISE
    right = np.trace(C) / C.sum()
    assert ex.check_confusion_accuracy(right).ok
    assert ex.check_confusion_accuracy(round(right, 4)).ok                  # four significant digits pass
    assert "rounded too early" in ex.check_confusion_accuracy(round(right, 2)).message
    assert "error rate" in ex.check_confusion_accuracy(1 - right).message
    recall = np.diag(C) / C.sum(axis=1)
    precision = np.diag(C) / C.sum(axis=0)
    assert "mean of the per-class recalls" in ex.check_confusion_accuracy(recall.mean()).message
    assert "mean of the per-class precisions" in ex.check_confusion_accuracy(precision.mean()).message
    assert "count" in ex.check_confusion_accuracy(int(np.trace(C))).message
    assert "number of classes" in ex.check_confusion_accuracy(np.trace(C) / 3).message
    assert "percent" in ex.check_confusion_accuracy(100 * right).message
    assert "off-diagonal" in ex.check_confusion_accuracy(np.trace(C) / (C.sum() - np.trace(C))).message
    for i in range(3):
        assert f"recall of class {i}" in ex.check_confusion_accuracy(recall[i]).message
        assert f"precision of class {i}" in ex.check_confusion_accuracy(precision[i]).message
    ovr = np.mean([(C.sum() - C[i].sum() - C[:, i].sum() + 2 * C[i, i]) / C.sum() for i in range(3)])
    assert "one-vs-rest" in ex.check_confusion_accuracy(ovr).message
    assert "not right." in ex.check_confusion_accuracy(0.5).message


def _mistake_values_are_distinct(values, right):
    """No two listed mistakes (nor a mistake and the right value) agree to the checks' 4 significant digits."""
    vals = [np.asarray(v, dtype=float) for v in values] + [np.asarray(right, dtype=float)]
    for a in range(len(vals)):
        for b in range(a + 1, len(vals)):
            if vals[a].shape == vals[b].shape:
                assert not np.all(np.abs(vals[a] - vals[b]) <= 5e-4 * np.abs(vals[b]) + 1e-12), (a, b)


def test_confusion_exercise_mistakes_do_not_collide():
    C = ex.CONFUSION_EXERCISE
    right = np.trace(C) / C.sum()
    recall = np.diag(C) / C.sum(axis=1)
    precision = np.diag(C) / C.sum(axis=0)
    ovr = np.mean([(C.sum() - C[i].sum() - C[:, i].sum() + 2 * C[i, i]) / C.sum() for i in range(3)])
    _mistake_values_are_distinct([1 - right, recall.mean(), precision.mean(), np.trace(C), np.trace(C) / 3,
                                  np.trace(C) / (C.sum() - np.trace(C)), 100 * right, ovr, *recall, *precision],
                                 right)


@pytest.fixture(scope="module")
def five(trained, split):
    """Five test digits as the notebook picks them: the first two and the first three the network gets wrong."""
    net, _ = trained
    _, Xte, _, yte = split
    wrong = np.flatnonzero(net.predict(Xte) != yte)
    pick = np.r_[0:2, wrong[:3]]
    return net.forward(Xte[pick]), yte[pick]


def test_check_right_class_probs(five):
    P, y = five
    rows = np.arange(5)
    right = P[rows, y]
    assert ex.check_right_class_probs(right, P, y).ok
    assert ex.check_right_class_probs([float(f"{v:.4g}") for v in right], P, y).ok   # 4 significant digits
    assert not ex.check_right_class_probs([1, 1, 1, 1, 1], P, y).ok
    assert "row sums" in ex.check_right_class_probs([1, 1, 1, 1, 1], P, y).message
    assert "row sums" in ex.check_right_class_probs(P.sum(axis=1), P, y).message
    assert "predicted class" in ex.check_right_class_probs(P.max(axis=1), P, y).message
    assert "row means" in ex.check_right_class_probs(P.mean(axis=1), P, y).message
    assert "1 - p" in ex.check_right_class_probs(1 - right, P, y).message
    assert "-ln p" in ex.check_right_class_probs(-np.log(right), P, y).message
    assert "ln p, the log" in ex.check_right_class_probs(np.log(right), P, y).message
    assert "percent" in ex.check_right_class_probs(100 * right, P, y).message
    assert "rounded too early" in ex.check_right_class_probs([float(f"{v:.2g}") for v in right], P, y).message
    assert "labels - 1" in ex.check_right_class_probs(P[rows, (y - 1) % 10], P, y).message
    assert "labels + 1" in ex.check_right_class_probs(P[rows, (y + 1) % 10], P, y).message
    assert "diagonal" in ex.check_right_class_probs(P[rows, rows], P, y).message
    assert "P[:, labels]" in ex.check_right_class_probs(P[:, y], P, y).message
    for c in np.unique(y):                      # one class's column for every row
        assert f"column {c} of P" in ex.check_right_class_probs(P[:, c], P, y).message
    same = np.full(5, y[0])                     # every row of one class: that column is the right answer
    assert ex.check_right_class_probs(P[:, y[0]], P, same).ok


def test_check_right_class_probs_rounded_to_decimals():
    """Rounded to a few decimals, a small probability loses its digits: named, apart from 2-3 significant digits."""
    Z = np.random.default_rng(3).normal(size=(5, 10)) * 2
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    y = np.array([6, 6, 6, 9, 2])
    right = P[np.arange(5), y]
    assert right.min() < 1e-4
    for places in (2, 3, 4):
        msg = ex.check_right_class_probs(np.round(right, places), P, y).message
        assert f"rounded to {places} decimal places" in msg, msg
    assert "rounded too early" in ex.check_right_class_probs([float(f"{v:.2g}") for v in right], P, y).message
    assert ex.check_right_class_probs([float(f"{v:.4g}") for v in right], P, y).ok
    _mistake_values_are_distinct([*(np.round(right, d) for d in (2, 3, 4)), *(P[:, c] for c in np.unique(y)),
                                  P.max(axis=1)], right)
    assert "no answer" in ex.check_right_class_probs(None, P, y).message
    assert "shape" in ex.check_right_class_probs(right[:4], P, y).message
    with pytest.raises(ValueError):
        ex.check_right_class_probs(right, P, y[:4])


def test_right_class_prob_mistakes_do_not_collide(five):
    P, y = five
    rows = np.arange(5)
    right = P[rows, y]
    _mistake_values_are_distinct([P.max(axis=1), P.sum(axis=1), P.mean(axis=1), 1 - right, -np.log(right),
                                  np.log(right), 100 * right, P[rows, (y - 1) % 10], P[rows, (y + 1) % 10],
                                  P[rows, rows], *(P[:, c] for c in np.unique(y))], right)


def test_check_digits_loss(five):
    P, y = five
    n, k = P.shape
    p = P[np.arange(n), y]
    right = float(np.mean(-np.log(p)))
    Y = nl.datasets.one_hot(y, k)
    assert np.isclose(right, nl.losses.cross_entropy(P, Y))
    assert ex.check_digits_loss(right, P, y).ok
    assert ex.check_digits_loss(float(f"{right:.4g}"), P, y).ok
    assert "sum over the 5 samples" in ex.check_digits_loss(n * right, P, y).message
    assert "all 5 x 10 entries" in ex.check_digits_loss(right / k, P, y).message
    assert "base 2" in ex.check_digits_loss(np.mean(-np.log2(p)), P, y).message
    assert "base 10" in ex.check_digits_loss(np.mean(-np.log10(p)), P, y).message
    assert "predicted class" in ex.check_digits_loss(np.mean(-np.log(P.max(axis=1))), P, y).message
    assert "-ln of the mean" in ex.check_digits_loss(-np.log(p.mean()), P, y).message
    assert "mean probability" in ex.check_digits_loss(p.mean(), P, y).message
    assert "every class" in ex.check_digits_loss(np.mean(-np.log(P).sum(axis=1)), P, y).message
    sig = np.mean(-(Y * np.log(P) + (1 - Y) * np.log(1 - P)).sum(axis=1))
    assert "sigmoid" in ex.check_digits_loss(sig, P, y).message
    assert "sign is flipped" in ex.check_digits_loss(-right, P, y).message
    half = ex.check_digits_loss(np.sum(-np.log(p)) / k, P, y).message     # 5 samples, 10 classes: right / 2
    assert "number of classes" in half and "factor of 2" not in half
    assert "-ln(1 - p)" in ex.check_digits_loss(np.mean(-np.log(1 - p)), P, y).message


def test_digits_loss_rounded_is_not_taken_for_a_mistake(five):
    """The example's loss rounded to 1-3 digits must not match a named mistake (the message would blame it)."""
    P, y = five
    right = float(np.mean(-np.log(P[np.arange(len(y)), y])))
    for rounded in [float(f"{right:.{d}g}") for d in (1, 2, 3)] + [round(right, d) for d in (1, 2, 3)]:
        msg = ex.check_digits_loss(rounded, P, y).message
        assert "this " not in msg, (rounded, msg)


def test_digits_loss_mistakes_do_not_collide(five):
    P, y = five
    n, k = P.shape
    p = P[np.arange(n), y]
    Y = nl.datasets.one_hot(y, k)
    right = np.mean(-np.log(p))
    _mistake_values_are_distinct([n * right, right / k, right / np.log(2), right / np.log(10),
                                  np.mean(-np.log(P.max(axis=1))), -np.log(p.mean()), p.mean(),
                                  np.mean(-np.log(P).sum(axis=1)),
                                  np.mean(-(Y * np.log(P) + (1 - Y) * np.log(1 - P)).sum(axis=1)),
                                  np.mean(-np.log(1 - p)), 2 * right], right)


def test_check_one_hot(split):
    ytr = split[2]
    assert ex.check_one_hot_shape(nl.datasets.one_hot(ytr, 10).shape).ok
    assert "transposed" in ex.check_one_hot_shape((10, len(ytr))).message
    assert "labels themselves" in ex.check_one_hot_shape((len(ytr),)).message
    assert "misses a class" in ex.check_one_hot_shape((len(ytr), 9)).message
    assert "whole data set" in ex.check_one_hot_shape((1797, 10)).message
    assert "test set" in ex.check_one_hot_shape((449, 10)).message
    assert "sweep" in ex.check_one_hot_shape((1078, 10)).message
    assert "whole numbers" in ex.check_one_hot_shape((len(ytr) + 0.5, 10)).message   # not rounded to a pass
    assert ex.check_one_hot_shape((float(len(ytr)), 10.0)).ok
    assert "whole numbers" in ex.check_one_hot_shape((True, 10)).message
    assert "number of entries" in ex.check_one_hot_shape(len(ytr) * 10).message
    assert "one column too many" in ex.check_one_hot_shape((len(ytr), 11)).message
    assert "two" in ex.check_one_hot_shape((len(ytr), 10, 1)).message
    assert "not right" in ex.check_one_hot_shape((1000, 10)).message
    assert ex.check_one_hot_row([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]).ok
    assert "too early" in ex.check_one_hot_row([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]).message
    assert "too late" in ex.check_one_hot_row([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]).message
    assert "9 entries" in ex.check_one_hot_row([0, 0, 1, 0, 0, 0, 0, 0, 0]).message
    assert "digit itself" in ex.check_one_hot_row([0, 0, 0, 3, 0, 0, 0, 0, 0, 0]).message
    assert "1 minus" in ex.check_one_hot_row([1, 1, 1, 0, 1, 1, 1, 1, 1, 1]).message
    assert "single number" in ex.check_one_hot_row(3).message


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
    tr = ex.digits_update_trace(nl.MLP(ex.DIGITS_SIZES, hidden="tanh", output="softmax", seed=0), Xtr, ytr,
                                lr=0.1, epochs=1)
    fig = pl.digits_batch_losses_plot({"a": tr, "b": tr}, 43)
    ax = fig.axes[0]
    assert len(ax.lines[0].get_ydata()) == 43 and len(ax.lines[2].get_ydata()) == 44
    assert f"({tr.batch_rises})" in ax.lines[1].get_label() and f"rose {tr.full_rises} times" in ax.lines[2].get_label()
    plt.close(fig)
    fig = pl.digits_early_stopping_plot(run, {5: (6, 4), 10: (None, 8)})
    ax = fig.axes[0]
    np.testing.assert_allclose(ax.lines[1].get_ydata(), run.test_loss)
    labels = [line.get_label() for line in ax.lines]
    assert "patience 5: stops at epoch 6" in labels and "patience 10: keeps epoch 8" in labels
    assert not any("patience 10: stops" in lab for lab in labels)
    plt.close(fig)
    fig = pl.digits_compare_runs_plot({"a": run, "b": run})
    np.testing.assert_allclose(fig.axes[1].lines[0].get_ydata(), 1.0)
    assert fig.axes[1].get_ylabel() == "ratio: b / a"
    plt.close(fig)
    blown = ex.DigitsRun(net, test_loss=[2.3, 40.0, 35.0])
    fig = pl.digits_sweep_pair_plot({0.1: run, 3.0: blown}, {0.1: run})
    left, right = fig.axes
    assert len(left.lines) == 2 and len(right.lines) == 1 and left.get_title() == "pixels in [0, 1]"
    np.testing.assert_allclose(left.lines[1].get_ydata(), [2.3, 10.0, 10.0])  # drawn at the cap
    assert left.lines[0].get_color() == right.lines[0].get_color()             # one colour per step size
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["lr = 0.1", "lr = 3"]
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
    assert f"test digit {wrong[0]}" in live.extra.value and "color:" in live.extra.value   # wrong: in red
    assert ax_img.get_title() == ""                      # the verdict is in the readout, not drawn in the figure
    slider = live.controls.widgets["index"]
    assert slider.max == len(wrong) - 1                  # runs over the misclassified digits only
    live.set(index=slider.max)
    np.testing.assert_allclose(im.get_array(), Xte[wrong[-1]].reshape(8, 8))
    slider.value = slider.max + 5                        # clamped by the slider: no wrapping to the first one
    np.testing.assert_allclose(im.get_array(), Xte[wrong[-1]].reshape(8, 8))
    live.set(which="all test digits")
    assert slider.max == len(yte) - 1 and slider.value == 0
    right = int(np.flatnonzero(net.predict(Xte) == yte)[0])
    live.set(index=right)
    text = live.extra.value
    assert text.count(f"P({yte[right]})") == 1 and "(right)" in text     # said once, not twice
    assert "color:" not in text                                           # right: plain
    live.set(index=int(wrong[0]))
    assert "P(" in live.extra.value and live.extra.value.count("P(") == 2
    started = wc.digit_explorer(net, Xte, yte, which="misclassified", index=len(yte))
    assert started.controls.widgets["index"].max == len(wrong) - 1
    assert len(wc.LATENCY_CASES) == 1 and 10 <= len(wc.LATENCY_CASES[0][2]) <= 20
    with pytest.raises(ValueError):
        wc.digit_explorer(net, Xte, yte, which="nope")
    with pytest.raises(ValueError):
        wc.digit_explorer(net, Xte, yte, show=("lr",))


def test_chinese_checks_figures_and_explorer(chinese, trained, split):
    from nnlesson._i18n import figure_text
    from nnlesson.widgets import capstone as wc

    assert "还没有答案" in ex.check_digits_settings(None).message
    assert "独热编码的形状正确" in ex.check_one_hot_shape((1348, 10)).message
    wrong = ex.check_one_hot_row([0, 0, 1, 0, 0, 0, 0, 0, 0, 0], label=3)
    assert not wrong.ok and "靠前了一位" in wrong.message
    C = ex.CONFUSION_EXERCISE
    assert "错误率" in ex.check_confusion_accuracy(1 - np.trace(C) / C.sum()).message
    fig = pl.digits_confusion_plot(C)
    ax = fig.axes[0]
    assert ax.get_title() == figure_text("confusion matrix of the test digits")
    assert ax.get_xlabel() == figure_text("predicted digit")
    if ax.get_title() != "confusion matrix of the test digits":     # a CJK font is installed
        assert ax.get_title() == "测试数字的混淆矩阵"
    net, _run = trained
    _a, Xte, _b, yte = split
    live = wc.digit_explorer(net, Xte, yte, index=0)
    menu = live.controls.widgets["which"]
    assert menu.description == "显示" and menu.value == "all test digits"       # values stay English
    assert [label for label, _value in menu.options] == ["全部测试数字", "分错的数字"]
    assert live.controls.widgets["index"].description == "测试数字的序号"
    assert "十个概率之和为" in live.extra.value
    live.set(which="misclassified")
    assert live.controls.widgets["index"].description == "分错的数字的编号"
