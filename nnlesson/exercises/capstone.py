r"""Helpers and self-checks for notebook 07 (the 8x8 digits, end to end).

The helpers are the small pieces the notebook and the checks share:

* :func:`digits_split` -- the digits scaled to [0, 1] and split with a fixed seed;
* :func:`digits_fit` -- article 000's training loop (forward, error, backpropagate,
  update; stop at a loss threshold or an epoch limit), one ``nl.train(..., epochs=1,
  seed=epoch)`` call per epoch, recording loss and accuracy on the training and the
  held-out digits after every epoch (a :class:`DigitsRun`);
* :func:`digits_confusion_matrix` -- counts of (true class, predicted class).

The checks compute every expected value with nnlesson and name the mistake:

* :func:`check_digits_settings` -- trains with the learner's lr, batch size, init and
  epochs and says what to change (step too large: diverged or oscillating; too small or
  too few updates: still falling; zero weights: symmetric hidden units);
* :func:`check_confusion_accuracy` -- accuracy read off a confusion matrix;
* :func:`check_softmax_row_sums` -- the row sums of a softmax output;
* :func:`check_one_hot_shape`, :func:`check_one_hot_row` -- the one-hot targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import datasets, initializers
from ..network import MLP
from ..training import accuracy, capture_warnings, check_batch_size, train
from ._feedback import Feedback, compare
from .batches import updates_per_epoch

__all__ = [
    "DIGITS_SIZES",
    "DIGITS_TARGET",
    "DIGITS_BUDGET",
    "CONFUSION_EXERCISE",
    "DigitsRun",
    "digits_split",
    "digits_fit",
    "digits_confusion_matrix",
    "check_digits_settings",
    "check_confusion_accuracy",
    "check_softmax_row_sums",
    "check_one_hot_shape",
    "check_one_hot_row",
]

#: The network of the notebook: 64 pixels -> 30 hidden units -> 10 classes.
DIGITS_SIZES = (64, 30, 10)
#: Exercise 1: reach this test accuracy ...
DIGITS_TARGET = 0.95
#: ... within this many epochs.
DIGITS_BUDGET = 15

#: Exercise 2: a confusion matrix of a 3-class problem (rows: true class, columns: predicted).
CONFUSION_EXERCISE = np.array([[50, 3, 2], [4, 40, 6], [1, 5, 39]])


def digits_split(scale=True, test_fraction=0.25, seed=0):
    """The digits as (X_train, X_test, labels_train, labels_test), pixels divided by 16 if ``scale``.

    X: rows of 64 pixels (the 8x8 image read row by row); labels: 0..9.
    """
    X, labels = datasets.load_digits()
    if scale:
        X = X / 16.0
    return datasets.train_test_split(X, labels, test_fraction=test_fraction, seed=seed)


@dataclass
class DigitsRun:
    """What :func:`digits_fit` recorded; entry 0 of each list is before training, then one per epoch."""

    net: MLP
    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    step_losses: list = field(default_factory=list)
    stop_reason: str = "epochs"
    updates: int = 0
    messages: list = field(default_factory=list)

    @property
    def epochs_run(self):
        return len(self.train_loss) - 1

    @property
    def diverged(self):
        return self.stop_reason == "diverged"


def digits_fit(net, X, labels, X_test, labels_test, lr, epochs, batch_size=32, loss="cross_entropy", tol=None):
    """Train ``net`` in place epoch by epoch and record the learning curves.

    Each epoch is one call ``train(net, X, Y, lr, epochs=1, batch_size, loss, seed=epoch)``
    (so the shuffling differs from epoch to epoch but is the same on every run).  The loop
    stops after ``epochs`` epochs, when the training loss drops below ``tol`` (article 000's
    threshold), or when training diverges (the warning is kept in ``messages``).
    Targets: one-hot rows for several outputs, a 0/1 column for a single output.
    """
    classes = net.sizes[-1]
    if classes == 1:
        Y = np.asarray(labels, dtype=float).reshape(-1, 1)
        Y_test = np.asarray(labels_test, dtype=float).reshape(-1, 1)
    else:
        Y = datasets.one_hot(labels, classes)
        Y_test = datasets.one_hot(labels_test, classes)
    run = DigitsRun(net)

    def record(train_loss=None):
        with np.errstate(all="ignore"):
            run.train_loss.append(float(net.loss(X, Y, loss) if train_loss is None else train_loss))
            run.test_loss.append(float(net.loss(X_test, Y_test, loss)))
            run.train_acc.append(accuracy(net, X, labels))
            run.test_acc.append(accuracy(net, X_test, labels_test))

    record()
    for epoch in range(epochs):
        if tol is not None and run.train_loss[-1] < tol:
            run.stop_reason = "tol"
            return run
        with capture_warnings() as caught:
            h = train(net, X, Y, lr=lr, epochs=1, batch_size=batch_size, loss=loss, seed=epoch)
        run.messages += caught.messages
        run.step_losses += h.step_losses
        run.updates += h.steps
        if h.diverged:
            run.stop_reason = "diverged"
            return run
        record(h.epoch_losses[-1])  # train() already measured the loss on all of X after the epoch
    if tol is not None and run.train_loss[-1] < tol:
        run.stop_reason = "tol"
    return run


def digits_confusion_matrix(labels, predicted, classes=None):
    """Counts C[i, j] = number of samples of true class i predicted as class j."""
    labels = np.asarray(labels).astype(int)
    predicted = np.asarray(predicted).astype(int)
    if labels.shape != predicted.shape or labels.ndim != 1:
        raise ValueError(f"labels and predicted must be 1-D of the same length, got {labels.shape} and "
                         f"{predicted.shape}")
    k = int(max(labels.max(), predicted.max())) + 1 if classes is None else int(classes)
    C = np.zeros((k, k), dtype=int)
    np.add.at(C, (labels, predicted), 1)
    return C


def check_digits_settings(lr, batch_size=32, epochs=DIGITS_BUDGET, init="xavier", target=DIGITS_TARGET,
                          budget=DIGITS_BUDGET, seed=0):
    """Train the 64-30-10 tanh/softmax network on the digits with these settings and judge them.

    Reports the test accuracy against ``target`` and, if it falls short, what to change.
    """
    if lr is None:
        return Feedback(False, "settings: no answer yet (lr still holds None).")
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        return Feedback(False, f"lr must be a number, got {type(lr).__name__}.")
    if not np.isfinite(lr) or lr <= 0:
        return Feedback(False, f"lr must be a positive number, got {lr}: the step goes against the gradient "
                        "by lr times its size.")
    if not isinstance(epochs, (int, np.integer)) or epochs < 1:
        return Feedback(False, f"epochs must be a whole number >= 1, got {epochs!r}.")
    if epochs > budget:
        return Feedback(False, f"epochs = {epochs} is over the budget of {budget} epochs: reach the target "
                        "with fewer passes by choosing a better step size or batch size.")
    Xtr, Xte, ytr, yte = digits_split()
    n = Xtr.shape[0]
    try:
        b = check_batch_size(batch_size, n)
    except (TypeError, ValueError):
        return Feedback(False, f"batch_size must be None (full batch) or a whole number from 1 to {n}, "
                        f"got {batch_size!r}.")
    if init not in initializers.NAMED:
        return Feedback(False, f"init must be one of {sorted(initializers.NAMED)}, got {init!r}.")
    updates = epochs * updates_per_epoch(n, b)
    if updates > 12000:
        return Feedback(False, f"batch_size = {b} with {epochs} epochs is {updates} updates, one "
                        "sample or a few at a time: slow in Python. Use a mini-batch of 8 to 64 "
                        "(notebook 06_batch_variants).")
    net = MLP(DIGITS_SIZES, hidden="tanh", output="softmax", init=init, seed=seed)
    run = digits_fit(net, Xtr, ytr, Xte, yte, lr=lr, epochs=epochs, batch_size=batch_size)
    acc = run.test_acc[-1]
    said = (f"lr={lr:g}, batch_size={batch_size}, init={init!r}, {run.epochs_run} epochs "
            f"({run.updates} updates)")
    if run.diverged:
        return Feedback(False, f"{said}: training diverged (the loss blew up). The step size is too large: "
                        "divide lr by 3 to 10.")
    losses = np.asarray(run.train_loss)
    start, end = losses[0], losses[-1]
    if init == "zeros":
        return Feedback(acc >= target, f"{said}: test accuracy {acc:.3f}. With init='zeros' every hidden unit "
                        "starts the same and gets the same update (here none at all: tanh(0) = 0 "
                        "passes nothing on), so the hidden layer never learns different features: use small "
                        "random weights ('xavier').")
    if acc >= target:
        return Feedback(True, f"{said}: test accuracy {acc:.3f} >= {target:.2f}. Target reached.")
    ups = int(np.sum(np.diff(losses) > 0))
    if end >= start or (acc < 0.5 and ups > 0):
        return Feedback(False, f"{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss went from "
                        f"{start:.3f} to {end:.3f} and rose in {ups} of {run.epochs_run} epochs. The step size "
                        "is too large: the weights jump past the valley and the tanh units saturate. "
                        "Divide lr by 3 to 10.")
    if ups >= max(2, run.epochs_run // 3):
        return Feedback(False, f"{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss rose in "
                        f"{ups} of {run.epochs_run} epochs: oscillating, the step size is a little too large. "
                        "Try lr about 3 times smaller.")
    if init in ("large", "normal", "uniform", "positive"):
        return Feedback(False, f"{said}: test accuracy {acc:.3f} < {target:.2f}. init={init!r} draws weights "
                        "too large for 64 inputs: the weighted sums are big, the tanh units saturate (slope near "
                        "0) and learn slowly. Use 'xavier'.")
    drop = (losses[-2] - end) / losses[-2] if len(losses) > 1 else 0.0
    if b == n or run.updates < 100:
        return Feedback(False, f"{said}: test accuracy {acc:.3f} < {target:.2f}; the loss is still falling, "
                        f"but {run.updates} updates are too few. Use mini-batches (e.g. batch_size=32: "
                        f"{updates_per_epoch(n, 32)} updates per epoch) instead of the whole set per update.")
    if run.epochs_run < budget:
        what = (f"Use more of the {budget}-epoch budget (you used {run.epochs_run}), or a larger step size "
                "(lr times 3).")
    else:
        what = "The step size is too small: multiply lr by 3 to 10."
    return Feedback(False, f"{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss went from "
                    f"{start:.3f} to {end:.3f} and still fell {100 * drop:.1f}% in the last epoch: too slow. "
                    + what)


def check_confusion_accuracy(answer, C=None):
    """Accuracy (a number in [0, 1]) from the confusion matrix ``C`` (default :data:`CONFUSION_EXERCISE`)."""
    C = CONFUSION_EXERCISE if C is None else np.asarray(C)
    right = np.trace(C) / C.sum()
    recall = np.diag(C) / C.sum(axis=1)
    precision = np.diag(C) / C.sum(axis=0)
    mistakes = {
        "this is the error rate (off-diagonal share); accuracy is the diagonal share, 1 minus this": 1 - right,
        "this is the mean of the per-class recalls (diagonal / row sums); accuracy divides the whole diagonal "
        "by the total count, so big classes weigh more": recall.mean(),
        "this is the mean of the per-class precisions (diagonal / column sums); accuracy is trace / total":
            precision.mean(),
        "this is a count, not a share: divide the diagonal sum by the total number of samples": np.trace(C),
        "this is the diagonal sum divided by the number of classes; divide by the number of samples instead":
            np.trace(C) / C.shape[0],
        "this is in percent: give a share between 0 and 1": 100 * right,
    }
    if answer is not None and np.ndim(answer) == 0:
        try:
            a = float(answer)
        except (TypeError, ValueError):
            a = None
        if a is not None:
            for i in range(C.shape[0]):
                if np.isclose(a, recall[i], rtol=1e-4) and not np.isclose(a, right, rtol=1e-4):
                    return Feedback(False, f"accuracy = {a:.6g} is the recall of class {i} only (its diagonal "
                                    "count / its row sum); accuracy uses every class: trace(C) / C.sum().")
    return compare("accuracy", answer, right, mistakes=mistakes,
                   hint="the diagonal holds the correct predictions; the sum of all entries is the number of samples.")


def check_softmax_row_sums(answer, n=5):
    """The sums of the rows of a softmax output for ``n`` samples: ``P.sum(axis=1)``, shape (n,)."""
    right = np.ones(n)
    if answer is not None:
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is not None:
            if arr.shape == (10,):
                return Feedback(False, "row sums have shape (10,): you summed down the columns (axis=0), "
                                "one number per class. Rows are samples: sum along axis=1.")
            if arr.ndim == 0 and np.isclose(arr, n):
                return Feedback(False, f"row sums = {float(arr):g}: you summed every entry. Sum each row "
                                "separately with P.sum(axis=1), one number per sample.")
            if arr.shape == (n, 10):
                return Feedback(False, f"this is the output P itself, shape {arr.shape}: sum each row "
                                "with P.sum(axis=1).")
    return compare("row sums", answer, right,
                   hint="softmax divides each exponential by the row's total, so every row of P adds up to ...")


def check_one_hot_shape(answer, labels=None, classes=10):
    """Shape of ``one_hot(labels_train, 10)`` for the training labels of :func:`digits_split`."""
    if labels is None:
        labels = digits_split()[2]
    n = len(labels)
    right = (n, classes)
    if answer is None:
        return Feedback(False, "one-hot shape: no answer yet (the cell still holds None).")
    try:
        ans = tuple(int(v) for v in answer)
    except (TypeError, ValueError):
        return Feedback(False, f"give the shape as a tuple such as (rows, columns), got {answer!r}.")
    if ans == right:
        return Feedback(True, f"one-hot shape is correct: {right}, one row per sample, one column per class.")
    if ans == (classes, n):
        return Feedback(False, f"{ans} is transposed: samples are rows ({n}), classes are columns ({classes}).")
    if ans == (n,):
        return Feedback(False, f"{ans} is the shape of the labels themselves; one-hot adds a column per class.")
    if ans == (n, 64):
        return Feedback(False, f"{ans} is the shape of the pixel inputs X, not of the targets.")
    if ans == (n, classes - 1):
        return Feedback(False, f"{ans} misses a class: the digits 0..9 are {classes} classes, 0 included.")
    if len(ans) == 2 and ans[1] == classes:
        return Feedback(False, f"{ans} has the wrong number of rows: one row per training sample ({n}), "
                        "after the split, not the whole data set.")
    return Feedback(False, f"one-hot shape {ans} is not right: expected (samples, classes).")


def check_one_hot_row(answer, label=3, classes=10):
    """The one-hot row of the digit ``label`` among ``classes`` classes."""
    right = datasets.one_hot(np.array([label]), classes)[0]
    mistakes = {}
    if label >= 1:
        shifted = np.zeros(classes)
        shifted[label - 1] = 1
        mistakes["the 1 sits one place too early: positions count from 0, so the digit "
                 f"{label} has its 1 at index {label}"] = shifted
    if label + 1 < classes:
        shifted = np.zeros(classes)
        shifted[label + 1] = 1
        mistakes[f"the 1 sits one place too late: the digit {label} has its 1 at index {label} "
                 "(the digit 0 is at index 0)"] = shifted
    mistakes["every entry is 1 except the class: that is 1 minus the one-hot row"] = 1 - right
    if answer is not None:
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is not None and arr.shape == (classes - 1,):
            return Feedback(False, f"the row has {classes - 1} entries: the digits 0..{classes - 1} need "
                            f"{classes} columns, one per class.")
        if arr is not None and arr.ndim == 0:
            return Feedback(False, "a single number is the label itself; the one-hot row is a vector of "
                            f"{classes} entries with a single 1.")
    return compare(f"one-hot row of {label}", answer, right, mistakes=mistakes)
