r"""Helpers and self-checks for notebook 07 (the 8x8 digits, end to end).

The helpers are the small pieces the notebook and the checks share:

* :func:`digits_split` -- the digits scaled to [0, 1] and split with a fixed seed;
* :func:`digits_fit` -- article 000's training loop (forward, error, backpropagate,
  update; stop at a loss threshold or an epoch limit), one ``nl.train(..., epochs=1,
  seed=epoch)`` call per epoch, recording loss and accuracy on the training and the
  held-out digits after every epoch (a :class:`DigitsRun`);
* :func:`early_stopping` -- where the early-stopping rule (no new low of the held-out loss for
  ``patience`` epochs) stops a run, and which epoch's weights it keeps;
* :func:`digits_update_trace` -- the same mini-batch updates as :func:`digits_fit`, recording
  after every single update the loss on ALL training digits (the quantity that gradient
  descent lowers), beside the loss of the batch the update used;
* :func:`digits_confusion_matrix` -- counts of (true class, predicted class).

The checks compute every expected value with nnlesson and name the mistake:

* :func:`check_digits_settings` -- trains with the learner's lr, batch size, init and
  epochs and says what to change (step too large: diverged or oscillating; too small or
  too few updates: still falling; zero weights: symmetric hidden units);
* :func:`check_confusion_accuracy` -- accuracy read off a confusion matrix;
* :func:`check_right_class_probs` -- the probability a softmax output gives each sample's true class;
* :func:`check_digits_loss` -- the cross-entropy of those samples;
* :func:`check_one_hot_shape`, :func:`check_one_hot_row` -- the one-hot targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import datasets, initializers, losses
from .._i18n import _, _f
from ..network import MLP
from ..training import accuracy, capture_warnings, check_batch_size, train
from ._feedback import Feedback, compare, compare_count
from .batches import updates_per_epoch

__all__ = [
    "DIGITS_SIZES",
    "DIGITS_TARGET",
    "DIGITS_BUDGET",
    "CONFUSION_EXERCISE",
    "DigitsRun",
    "digits_split",
    "digits_fit",
    "early_stopping",
    "digits_confusion_matrix",
    "check_digits_settings",
    "check_confusion_accuracy",
    "check_right_class_probs",
    "check_digits_loss",
    "UpdateTrace",
    "digits_update_trace",
    "check_one_hot_shape",
    "check_one_hot_row",
]

#: The network of the notebook: 64 pixels -> 30 hidden units -> 10 classes.
DIGITS_SIZES = (64, 30, 10)
#: Exercise 1: reach this test accuracy ...
DIGITS_TARGET = 0.95
#: ... within this many epochs.
DIGITS_BUDGET = 15
#: Exercise 1 refuses settings that need more updates than this (one sample or a few at a time is slow in Python).
MAX_UPDATES = 12000

#: Exercise 2: a confusion matrix of a 3-class problem (rows: true class, columns: predicted).
#: The classes have different sizes (85, 30, 15), so accuracy and the mean recall differ clearly.
CONFUSION_EXERCISE = np.array([[80, 4, 1], [6, 21, 3], [2, 3, 10]])


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
    #: with ``keep_nets=True``: a copy of the network before training and after every epoch
    nets: list = field(default_factory=list)

    @property
    def epochs_run(self):
        return len(self.train_loss) - 1

    @property
    def diverged(self):
        return self.stop_reason == "diverged"


def digits_fit(net, X, labels, X_test, labels_test, lr, epochs, batch_size=32, loss="cross_entropy", tol=None,
               keep_nets=False):
    """Train ``net`` in place epoch by epoch and record the learning curves.

    Each epoch is one call ``train(net, X, Y, lr, epochs=1, batch_size, loss, seed=epoch)``
    (so the shuffling differs from epoch to epoch but is the same on every run).  The loop
    stops after ``epochs`` epochs, when the training loss drops below ``tol`` (article 000's
    threshold), or when training diverges (the warning is kept in ``messages``).
    Targets: one-hot rows for several outputs, a 0/1 column for a single output.

    ``keep_nets=True`` keeps a copy of the network before training and after every epoch in ``nets``
    (so that the weights of any epoch, e.g. the one :func:`early_stopping` picks, can be judged later).
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
        if keep_nets:
            run.nets.append(net.copy())

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


def early_stopping(heldout_losses, patience):
    """Early stopping, read off a held-out loss curve: where the rule stops and which epoch it keeps.

    ``heldout_losses[e]`` is the loss on held-out digits after epoch e (entry 0: before training).  The rule
    watches the lowest loss so far and stops at the first epoch that is ``patience`` epochs past it without
    a new low; it keeps the weights of that lowest epoch.  Returns ``(stop, best)``: the epoch where it
    stops (None if the curve ends first) and the epoch whose weights it keeps (the lowest so far at the stop,
    or of the whole curve if it never stopped).
    """
    losses = np.asarray(heldout_losses, dtype=float)
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"heldout_losses must be a non-empty 1-D list of losses, got shape {losses.shape}")
    if isinstance(patience, (bool, np.bool_)) or not isinstance(patience, (int, np.integer)) or patience < 1:
        raise ValueError(f"patience must be a whole number of epochs >= 1, got {patience!r}")
    best = 0
    for e in range(1, len(losses)):
        if losses[e] < losses[best]:
            best = e
        elif e - best >= patience:
            return e, best
    return None, best


@dataclass
class UpdateTrace:
    """What :func:`digits_update_trace` recorded, update by update.

    ``batch_losses[t]``: loss of the batch of update t, just before that update (different digits each time);
    ``full_losses``: loss on all the training digits before training, then after every update;
    ``output_grad_max[t]``: the largest |entry| of the output layer's weight gradient at update t.
    """

    batch_losses: np.ndarray
    full_losses: np.ndarray
    output_grad_max: np.ndarray

    @property
    def batch_rises(self):
        """How many times a batch's loss was higher than the previous batch's (out of updates - 1)."""
        return int(np.sum(np.diff(self.batch_losses) > 0))

    @property
    def full_rises(self):
        """How many updates raised the loss on all the training digits (out of updates)."""
        return int(np.sum(np.diff(self.full_losses) > 0))


def digits_update_trace(net, X, labels, lr, epochs, batch_size=32, loss="cross_entropy"):
    """Train ``net`` in place with exactly the updates of :func:`digits_fit` and record every one.

    Epoch e shuffles with ``numpy.random.default_rng(e)``, as ``train(..., epochs=1, seed=e)``
    does, and cuts the shuffled digits into batches of ``batch_size``; each batch gives one
    update W <- W - lr dL/dW.  After each update the loss on ALL of ``X`` is measured: that is the
    loss gradient descent lowers, while the batch loss compares different digits from one update to
    the next.  Returns an :class:`UpdateTrace`.
    """
    X = np.asarray(X, dtype=float)
    classes = net.sizes[-1]
    if classes == 1:
        Y = np.asarray(labels, dtype=float).reshape(-1, 1)
    else:
        Y = datasets.one_hot(labels, classes)
    n = X.shape[0]
    b = check_batch_size(batch_size, n)
    batch, full, grad_max = [], [net.loss(X, Y, loss)], []
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for epoch in range(int(epochs)):
            order = np.random.default_rng(epoch).permutation(n) if b < n else np.arange(n)
            for start in range(0, n, b):
                idx = order[start:start + b]
                g = net.gradients(X[idx], Y[idx], loss)
                batch.append(g.loss)
                grad_max.append(float(np.max(np.abs(g.weights[-1]))))
                net.step(g, lr)
                full.append(net.loss(X, Y, loss))
    return UpdateTrace(np.array(batch), np.array(full), np.array(grad_max))


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
        return Feedback(False, _("settings: no answer yet (lr still holds None)."))
    try:
        lr = float(lr)
    except (TypeError, ValueError):
        return Feedback(False, _f("lr must be a number, got {kind}.", kind=type(lr).__name__))
    if not np.isfinite(lr) or lr <= 0:
        return Feedback(False, _f("lr must be a positive number, got {lr}: the step goes against the gradient "
                                  "by lr times its size.", lr=lr))
    if isinstance(epochs, float) and epochs.is_integer():
        epochs = int(epochs)
    if isinstance(epochs, (bool, np.bool_)) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        return Feedback(False, _f("epochs must be a whole number >= 1, got {epochs!r}.", epochs=epochs))
    if epochs > budget:
        return Feedback(False, _f("epochs = {epochs} is over the budget of {budget} epochs: reach the target "
                                  "with fewer passes by choosing a better step size or batch size.",
                                  epochs=epochs, budget=budget))
    Xtr, Xte, ytr, yte = digits_split()
    n = Xtr.shape[0]
    try:
        b = check_batch_size(batch_size, n)
    except (TypeError, ValueError):
        return Feedback(False, _f("batch_size must be None (full batch) or a whole number from 1 to {n}, "
                                  "got {batch_size!r}.", n=n, batch_size=batch_size))
    if init not in initializers.NAMED:
        return Feedback(False, _f("init must be one of {names}, got {init!r}.", names=sorted(initializers.NAMED),
                                  init=init))
    updates = epochs * updates_per_epoch(n, b)
    if updates > MAX_UPDATES:
        return Feedback(False, _f("batch_size = {b} with {epochs} epochs is {updates} updates, one "
                                  "sample or a few at a time: slow in Python. Use a mini-batch of 8 to 64 "
                                  "(notebook 06_batch_variants).", b=b, epochs=epochs, updates=updates))
    net = MLP(DIGITS_SIZES, hidden="tanh", output="softmax", init=init, seed=seed)
    run = digits_fit(net, Xtr, ytr, Xte, yte, lr=lr, epochs=epochs, batch_size=batch_size)
    acc = run.test_acc[-1]
    said = _f("lr={lr:g}, batch_size={batch_size}, init={init!r}, {epochs} epochs ({updates} updates)",
              lr=lr, batch_size=batch_size, init=init, epochs=run.epochs_run, updates=run.updates)
    if run.diverged:
        return Feedback(False, _f("{said}: training diverged (the loss blew up). The step size is too large: "
                                  "divide lr by 3 to 10.", said=said))
    losses = np.asarray(run.train_loss)
    start, end = losses[0], losses[-1]
    if init == "zeros":
        return Feedback(acc >= target, _f("{said}: test accuracy {acc:.3f}. With init='zeros' every hidden unit "
                                          "starts the same and gets the same update (here none at all: tanh(0) = 0 "
                                          "passes nothing on), so the hidden layer never learns different "
                                          "features: use small random weights ('xavier').", said=said, acc=acc))
    ups = int(np.sum(np.diff(losses) > 0))
    if acc >= target:
        return Feedback(True, _f("{said}: test accuracy {acc:.3f} >= {target:.2f}. Target reached; on the way the "
                                 "training loss rose in {ups} of {epochs} epochs.", said=said, acc=acc,
                                 target=target, ups=ups, epochs=run.epochs_run))
    if init in ("large", "normal", "uniform", "positive"):
        def saturated(name):
            start_net = MLP(DIGITS_SIZES, hidden="tanh", output="softmax", init=name, seed=seed)
            return float(np.mean(np.abs(Xtr @ start_net.weights[0] + start_net.biases[0]) > 2))
        what = _("all positive and large") if init == "positive" else _("too large for 64 inputs")
        return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}. init={init!r} draws weights "
                                  "{what}: before training {share:.1%} of the hidden weighted sums have |z| > 2, "
                                  "where tanh is flat (slope below 0.071), against {xavier:.1%} with 'xavier'; "
                                  "saturated units learn slowly. Use 'xavier', then judge the step size again.",
                                  said=said, acc=acc, target=target, init=init, what=what, share=saturated(init),
                                  xavier=saturated("xavier")))
    if end >= start or (acc < 0.5 and ups > 0):
        return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss went from "
                                  "{start:.3f} to {end:.3f} and rose in {ups} of {epochs} epochs. The step size "
                                  "is too large: the weights jump past the valley and the tanh units saturate. "
                                  "Divide lr by 3 to 10.", said=said, acc=acc, target=target, start=start, end=end,
                                  ups=ups, epochs=run.epochs_run))
    if ups >= max(2, run.epochs_run // 3):
        return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss rose in "
                                  "{ups} of {epochs} epochs: oscillating, the step size is a little too large. "
                                  "Try lr about 3 times smaller.", said=said, acc=acc, target=target, ups=ups,
                                  epochs=run.epochs_run))
    drop = (losses[-2] - end) / losses[-2] if len(losses) > 1 else 0.0
    if b == n or run.updates < 100:
        per = updates_per_epoch(n, b)
        values = dict(said=said, acc=acc, target=target, updates=run.updates, b=b, per=per,
                      per32=updates_per_epoch(n, 32))
        if per > 1:
            return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}; the loss is still falling, "
                                      "but {updates} updates are too few: batches of {b} give {per} updates per "
                                      "epoch. Use smaller mini-batches (e.g. batch_size=32: {per32} updates per "
                                      "epoch).", **values))
        return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}; the loss is still falling, "
                                  "but {updates} updates are too few: batches of {b} give {per} update per "
                                  "epoch. Use smaller mini-batches (e.g. batch_size=32: {per32} updates per "
                                  "epoch).", **values))
    allowed = min(budget, MAX_UPDATES // updates_per_epoch(n, b))   # more epochs than this are refused
    if run.epochs_run < allowed:
        if allowed == budget:
            what = _f("Use more epochs, up to {allowed} (you used {epochs}), or a larger step size (lr times 3).",
                      allowed=allowed, epochs=run.epochs_run)
        else:
            what = _f("Use more epochs, up to {allowed} ({allowed} at most with batches of {b}: more are too many "
                      "updates) (you used {epochs}), or a larger step size (lr times 3).",
                      allowed=allowed, b=b, epochs=run.epochs_run)
    else:
        what = _("The step size is too small: multiply lr by 3 to 10.")
    return Feedback(False, _f("{said}: test accuracy {acc:.3f} < {target:.2f}; the training loss went from "
                              "{start:.3f} to {end:.3f} and still fell {drop:.1f}% in the last epoch: too slow. "
                              "{what}", said=said, acc=acc, target=target, start=start, end=end, drop=100 * drop,
                              what=what))


def check_confusion_accuracy(answer, C=None):
    """Accuracy (a number in [0, 1]) from the confusion matrix ``C`` (default :data:`CONFUSION_EXERCISE`).

    Rows are true classes, columns predicted ones.  Named mistakes: the error rate, the mean of the
    per-class recalls or precisions, one class's recall or precision, a count instead of a share,
    the wrong denominator, percent instead of a share, the mean one-vs-rest accuracy.
    """
    C = CONFUSION_EXERCISE if C is None else np.asarray(C)
    total = C.sum()
    diag = np.diag(C)
    right = diag.sum() / total
    with np.errstate(divide="ignore", invalid="ignore"):
        recall = diag / C.sum(axis=1)
        precision = diag / C.sum(axis=0)
    k = C.shape[0]
    one_vs_rest = [(total - C[i].sum() - C[:, i].sum() + 2 * C[i, i]) / total for i in range(k)]
    mistakes = {
        _("this is the error rate (off-diagonal share); accuracy is the diagonal share, 1 minus this"): 1 - right,
        _("this is the mean of the per-class recalls (diagonal / row sums); accuracy divides the whole diagonal "
          "by the total count, so a big class weighs more than a small one"): np.nanmean(recall),
        _("this is the mean of the per-class precisions (diagonal / column sums); accuracy is trace / total"):
            np.nanmean(precision),
        _("this is a count, not a share: divide the diagonal sum by the total number of samples"): diag.sum(),
        _("this is the diagonal sum divided by the number of classes; divide by the number of samples instead"):
            diag.sum() / k,
        _("this divides the right answers by the wrong ones (diagonal / off-diagonal); divide by all samples"):
            diag.sum() / max(total - diag.sum(), 1),
        _("this is in percent: give a share between 0 and 1"): 100 * right,
        _("this is the mean of the one-vs-rest accuracies (each class against the others); those count the "
          "right 'not this class' answers too. Accuracy is trace(C) / C.sum()"): np.mean(one_vs_rest),
    }
    for i in range(k):
        mistakes[_f("this is the recall of class {i} only (its diagonal count / its row sum); accuracy uses every "
                    "class: trace(C) / C.sum()", i=i)] = recall[i]
        mistakes[_f("this is the precision of class {i} only (its diagonal count / its column sum); accuracy "
                    "uses every class: trace(C) / C.sum()", i=i)] = precision[i]
    mistakes = {text: v for text, v in mistakes.items() if np.isfinite(v)}
    return compare(_("accuracy"), answer, right, mistakes=mistakes,
                   hint=_("the diagonal holds the correct predictions; the sum of all entries is the number of "
                          "samples."))


def _probs_and_labels(P, labels):
    P = np.asarray(P, dtype=float)
    labels = np.asarray(labels).astype(int).ravel()
    if P.ndim != 2 or P.shape[0] != labels.shape[0]:
        raise ValueError(f"P must be (n, classes) with one row per label, got P {P.shape} and "
                         f"{labels.shape[0]} labels")
    if labels.min() < 0 or labels.max() >= P.shape[1]:
        raise ValueError(f"labels must be class numbers from 0 to {P.shape[1] - 1}")
    return P, labels


def check_right_class_probs(answer, P, labels):
    """The probability each row of the softmax output ``P`` gives its true class: ``P[np.arange(n), labels]``.

    Named mistakes: the probability of the predicted class (the row's maximum), the row sums (always 1),
    the row means (always 1/classes), 1 - p, -ln p, the class one place off, ``P[:, labels]``
    (a square block), ``P[labels]`` (whole rows), one column ``P[:, c]`` for every row, and the
    probabilities rounded to 1-4 decimal places (small ones lose their digits).
    """
    P, labels = _probs_and_labels(P, labels)
    n, k = P.shape
    rows = np.arange(n)
    right = P[rows, labels]
    if answer is not None and not isinstance(answer, (str, bytes)):
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is not None and arr.shape == (n, n) and n != k and np.allclose(arr, P[:, labels]):
            return Feedback(False, _f("this is P[:, labels], shape {shape}: it takes whole columns, one for "
                                      "every label, for every row. Pair each row with its own label: "
                                      "P[np.arange(len(labels)), labels].", shape=arr.shape))
        if arr is not None and arr.shape == (n, k) and labels.max() < n and np.allclose(arr, P[labels]):
            return Feedback(False, _f("this is P[labels], shape {shape}: it picks rows by label. Rows are "
                                      "samples; pick one entry per row: P[np.arange(len(labels)), labels].",
                                      shape=arr.shape))
    with np.errstate(divide="ignore"):
        minus_log = -np.log(right)
    mistakes = {
        _("this is each row's largest probability, the one of the predicted class; take the true class's "
          "(they differ on the rows the network gets wrong)"): P.max(axis=1),
        _("these are the row sums, 1 for every softmax row whatever the network says: pick the entry of the "
          "true class in each row"): P.sum(axis=1),
        _f("these are the row means, always 1/{k}: pick the entry of the true class in each row", k=k):
            P.mean(axis=1),
        _("this is 1 - p, the probability of all the wrong classes together"): 1 - right,
        _("this is already -ln p, each digit's loss; the question asks for p itself"): minus_log,
        _("this is ln p, the log of the probability; the question asks for p itself"): -minus_log,
        _("this is in percent: give probabilities between 0 and 1"): 100 * right,
        _("the class is one place off (labels - 1): the digit d is column d, counting from 0"):
            P[rows, (labels - 1) % k],
        _("the class is one place off (labels + 1): the digit d is column d, counting from 0"):
            P[rows, (labels + 1) % k],
    }
    if n <= k:
        mistakes[_("this is P[i, i], the diagonal: the column must be the row's true class, not its row "
                   "number")] = P[rows, rows]
    for c in np.unique(labels):
        if not np.all(labels == c):
            mistakes[_f("this is column {c} of P, the probability of class {c} for every row; each row needs the "
                        "column of its own true class", c=c)] = P[:, c]
    def significant(x, digits):
        return np.array([float(f"{v:.{digits}g}") for v in x])

    for places in (1, 2, 3, 4):   # decimals, where they lose more than rounding to 2-3 significant digits
        rounded = np.round(right, places)
        if not np.allclose(rounded, right, rtol=5e-4, atol=1e-12) and not any(
                np.array_equal(rounded, significant(right, d)) for d in (2, 3)):
            if places > 1:
                text = _f("these are rounded to {places} decimal places: a small probability loses its digits or "
                          "becomes 0 (and -ln 0 is infinite); keep 4 significant digits", places=places)
            else:
                text = _f("these are rounded to {places} decimal place: a small probability loses its digits or "
                          "becomes 0 (and -ln 0 is infinite); keep 4 significant digits", places=places)
            mistakes[text] = rounded
    mistakes = {text: v for text, v in mistakes.items() if np.all(np.isfinite(v))}
    return compare(_("probability of the true class"), answer, right, mistakes=mistakes,
                   hint=_("row i of P belongs to sample i; its true class is labels[i]: P[np.arange(n), labels]."))


def check_digits_loss(answer, P, labels):
    """The cross-entropy of the samples whose softmax outputs are ``P``: the mean of -ln P[i, labels[i]].

    Computed with nnlesson's own loss (``nnlesson.losses.cross_entropy``, natural log, mean over samples).
    Named mistakes: a sum instead of the mean, the mean over all n x classes entries, log base 2 or 10,
    the predicted class instead of the true one, -ln of the mean probability, the mean probability
    itself, every class's log-probability, the per-output (sigmoid) form.
    """
    P, labels = _probs_and_labels(P, labels)
    n, k = P.shape
    Y = datasets.one_hot(labels, k)
    right = losses.cross_entropy(P, Y, output="softmax")
    p = np.clip(P[np.arange(n), labels], 1e-15, 1.0)
    Pc = np.clip(P, 1e-15, 1 - 1e-15)
    mistakes = {
        _f("this is the sum over the {n} samples; the loss is their mean", n=n): n * right,
        _f("this divides by all {n} x {k} entries of P; the loss averages over the {n} samples only", n=n, k=k):
            right / k,
        _f("this divides the sum by the number of classes ({k}); the loss averages over the {n} samples", n=n, k=k):
            n * right / k,
        _("this is -ln(1 - p), the log of the wrong classes' share; the loss takes -ln p of the true class"):
            np.mean(-np.log(np.clip(1 - p, 1e-15, 1.0))),
        _("this uses log base 2 (bits); nnlesson's cross-entropy uses the natural log"): right / np.log(2),
        _("this uses log base 10; nnlesson's cross-entropy uses the natural log"): right / np.log(10),
        _("this uses the predicted class's probability (the row maximum); the loss takes the true class's"):
            np.mean(-np.log(np.clip(P.max(axis=1), 1e-15, 1.0))),
        _("this is -ln of the mean probability; take -ln of each probability first, then the mean"):
            -np.log(np.mean(p)),
        _("this is the mean probability of the true class, not its -ln"): np.mean(p),
        _("this sums -ln p over every class of each row; only the true class's entry counts (Y is one-hot)"):
            np.mean(-np.log(Pc).sum(axis=1)),
        _("this is the per-output (sigmoid) cross-entropy, with -ln(1 - p) for every wrong class; softmax "
          "outputs use only -ln p of the true class"):
            np.mean(-(Y * np.log(Pc) + (1 - Y) * np.log(1 - Pc)).sum(axis=1)),
    }
    return compare(_("cross-entropy"), answer, right, mistakes=mistakes,
                   hint=_("the loss of one sample is -ln of the probability of its true class; average over "
                          "samples."))


def check_one_hot_shape(answer, labels=None, classes=10):
    """Shape of ``one_hot(labels_train, 10)`` for the training labels of :func:`digits_split`.

    Each entry is a count, compared exactly as a whole number (1348.5 is refused, not rounded).
    """
    if labels is None:
        labels = digits_split()[2]
    n = len(labels)
    right = (n, classes)
    if answer is None:
        return Feedback(False, _("one-hot shape: no answer yet (the cell still holds None)."))
    if np.ndim(answer) == 0 and not isinstance(answer, (str, bytes, bool)) and answer == n * classes:
        return Feedback(False, _f("{answer!r} is the number of entries (n x classes = {n} x {classes}); give the "
                                  "shape, a tuple (rows, columns).", answer=answer, n=n, classes=classes))
    if isinstance(answer, (str, bytes)) or np.ndim(answer) != 1:
        return Feedback(False, _f("give the shape as a tuple such as (rows, columns), got {answer!r}.",
                                  answer=answer))
    entries = []
    for v in answer:
        if isinstance(v, (bool, np.bool_, str, bytes)):
            return Feedback(False, _f("shape entries are counts, whole numbers: got {v!r} in {answer!r}.",
                                      v=v, answer=tuple(answer)))
        try:
            f = float(v)
        except (TypeError, ValueError):
            return Feedback(False, _f("shape entries are counts, whole numbers: got {v!r} in {answer!r}.",
                                      v=v, answer=tuple(answer)))
        if not np.isfinite(f) or f != np.floor(f):
            return Feedback(False, _f("shape entries are counts, whole numbers: got {v!r} in {answer!r}; "
                                      "a count has no fraction.", v=v, answer=tuple(answer)))
        entries.append(int(f))
    ans = tuple(entries)
    others = {_("that is the whole data set, before the split"): 1797,
              _("that is the test set; the one-hot targets asked for are the training digits'"): 1797 - n,
              _("that is the 80 % of the training digits the step-size sweep trained on"): n - round(0.2 * n)}
    if ans == right:
        return Feedback(True, _f("one-hot shape is correct: {right}, one row per sample, one column per class.",
                                 right=right))
    if ans == (classes, n):
        return Feedback(False, _f("{ans} is transposed: samples are rows ({n}), classes are columns ({classes}).",
                                  ans=ans, n=n, classes=classes))
    if ans == (n,):
        return Feedback(False, _f("{ans} is the shape of the labels themselves; one-hot adds a column per class.",
                                  ans=ans))
    if ans == (n, 64):
        return Feedback(False, _f("{ans} is the shape of the pixel inputs X, not of the targets.", ans=ans))
    if ans == (n, classes - 1):
        return Feedback(False, _f("{ans} misses a class: the digits 0..{last} are {classes} classes, 0 included.",
                                  ans=ans, last=classes - 1, classes=classes))
    if ans == (n, classes + 1):
        return Feedback(False, _f("{ans} has one column too many: the digits 0..{last} are {classes} classes.",
                                  ans=ans, last=classes - 1, classes=classes))
    if len(ans) == 2 and ans[1] == classes:   # the columns are right: judge the row count as a count
        rows = compare_count(_("the number of rows"), ans[0], n, mistakes=others,
                             hint=_("one row per training sample, after the split."))
        return Feedback(False, _f("one-hot shape {ans}: {message}", ans=ans, message=rows.message))
    if len(ans) != 2:
        return Feedback(False, _f("{ans} has {count} entries; a one-hot matrix has two: (samples, classes).",
                                  ans=ans, count=len(ans)))
    return Feedback(False, _f("one-hot shape {ans} is not right: expected (samples, classes).", ans=ans))


def check_one_hot_row(answer, label=3, classes=10):
    """The one-hot row of the digit ``label`` among ``classes`` classes."""
    right = datasets.one_hot(np.array([label]), classes)[0]
    mistakes = {}
    if label >= 1:
        shifted = np.zeros(classes)
        shifted[label - 1] = 1
        mistakes[_f("the 1 sits one place too early: positions count from 0, so the digit "
                    "{label} has its 1 at index {label}", label=label)] = shifted
    if label + 1 < classes:
        shifted = np.zeros(classes)
        shifted[label + 1] = 1
        mistakes[_f("the 1 sits one place too late: the digit {label} has its 1 at index {label} "
                    "(the digit 0 is at index 0)", label=label)] = shifted
    mistakes[_("every entry is 1 except the class: that is 1 minus the one-hot row")] = 1 - right
    if label not in (0, 1):
        mistakes[_f("the entry at index {label} holds the digit itself; one-hot puts a 1 there",
                    label=label)] = label * right
    if answer is not None:
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            arr = None
        if arr is not None and arr.shape == (classes - 1,):
            return Feedback(False, _f("the row has {short} entries: the digits 0..{short} need "
                                      "{classes} columns, one per class.", short=classes - 1, classes=classes))
        if arr is not None and arr.ndim == 0:
            return Feedback(False, _f("a single number is the label itself; the one-hot row is a vector of "
                                      "{classes} entries with a single 1.", classes=classes))
    return compare(_f("one-hot row of {label}", label=label), answer, right, mistakes=mistakes)
