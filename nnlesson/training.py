r"""The training loop: full batch, stochastic and mini-batch gradient descent.

One interface for every variant; only ``batch_size`` changes:

* ``batch_size=None`` (or n): full batch, one update per epoch from all samples
  (批量梯度下降 in article 003, 神经网络参数优化)
* ``batch_size=1``: stochastic gradient descent, one update per sample (随机梯度下降)
* ``1 < batch_size < n``: mini-batch, ceil(n / b) updates per epoch (小批量梯度下降)

Each update is W <- W - lr * dL/dW (and the same for the biases), with the
gradient of the loss *on that batch*.  Two options change that rule:

* ``momentum=mu`` (heavy ball): a velocity v, zero at the start of each call,
  collects past steps, v <- mu v - lr g, and the weights move by it, W <- W + v.
  Along a direction where the gradient keeps its sign the steps add up to about
  lr/(1 - mu) times the gradient; where it flips sign they cancel.
* ``lr`` as a function ``lr(t)`` of the update index t = 0, 1, 2, ... (counted
  across epochs): a step size that changes during training, e.g. one that decays,
  ``lambda t: 0.5 / (1 + t / 100)``.  ``History.lrs`` records each step used.  Samples are shuffled at the start of
each epoch with the given ``seed`` unless the batch is the whole set.

The loop follows the flowchart of article 000 (神经网络中神经元的权重更新):
stop when the error falls below a threshold (``tol``) or after a fixed number
of updates (``max_steps``; the article suggests 1000), whichever comes first.
A loss that blows up stops the loop with a :class:`DivergenceWarning` and
``stop_reason="diverged"``: in a notebook, divergence is something to look at,
not a crash.
"""

from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass, field

import numpy as np

from . import _checks
from ._i18n import _, _f
from .network import MLP

STOP_REASONS = ("epochs", "tol", "max_steps", "diverged")


class DivergenceWarning(RuntimeWarning):
    """The loss became NaN, infinite or enormous during training."""


@dataclass
class History:
    """What :func:`train` recorded.

    step_losses : loss of each batch just before its update (one entry per update)
    epoch_losses : loss on all samples before training, then after each epoch
        (if ``max_steps`` stops the loop mid-epoch, the loss at that moment is
        appended as the last entry)
    diverged : True if the loss blew up
    stop_reason : "epochs", "tol", "max_steps" or "diverged"
    steps : number of updates made; epochs_run : epochs started
    lr : the step size (NaN when ``lr`` was a function); lrs : the step used at each update
    batch_size, momentum : as used
    """

    step_losses: list = field(default_factory=list)
    epoch_losses: list = field(default_factory=list)
    diverged: bool = False
    stop_reason: str = "epochs"
    steps: int = 0
    epochs_run: int = 0
    lr: float = float("nan")
    batch_size: int = 0
    momentum: float = 0.0
    lrs: list = field(default_factory=list)

    @property
    def final_loss(self):
        return self.epoch_losses[-1]

    def __repr__(self):
        return (
            f"History(stop_reason={self.stop_reason!r}, steps={self.steps}, epochs_run={self.epochs_run}, "
            + _f("loss {start:.6g} -> {end:.6g}", start=self.epoch_losses[0], end=self.epoch_losses[-1])
            + f", diverged={self.diverged})"
        )


def divergence_limit(initial_loss):
    """A loss above this counts as blown up: a million times the starting loss (at least 1e6)."""
    return 1e6 * max(initial_loss, 1.0)


def check_batch_size(batch_size, n):
    """None -> n; otherwise a whole number in 1..n."""
    if batch_size is None:
        return n
    return _checks.integer("batch_size", batch_size, minimum=1, maximum=n)


def _check_momentum(momentum):
    momentum = _checks.positive_number("momentum", momentum, allow_zero=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1) (0 = plain gradient descent, 0.9 is common), got {momentum}")
    return momentum


def scheduled_lr(schedule, t):
    """The step ``schedule(t)`` for update t, checked before it is used."""
    try:
        value = schedule(t)
    except TypeError as exc:
        raise TypeError(f"lr must be a number or a function lr(t) of the update index t; calling it "
                        f"with t={t} failed: {exc}") from None
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"lr(t) must return a finite number > 0 for every update index t; "
                         f"at t={t} it returned {value!r}")
    return float(value)


def train(net, X, Y, lr, epochs, batch_size=None, loss="mse", seed=0, tol=None, max_steps=None, momentum=0.0):
    """Train ``net`` in place by gradient descent and return a :class:`History`.

    Parameters
    ----------
    net : MLP
    X : (n, sizes[0]) inputs; Y : (n, sizes[-1]) targets
    lr : learning rate (step size) > 0, or a function lr(t) of the 0-based update
        index giving the step for each update (checked before that update)
    epochs : number of passes over the data (>= 0)
    batch_size : None for full batch, 1 for SGD, b for mini-batches of b
    loss : "mse", "half_sse" or "cross_entropy"
    seed : int, Generator or None: the shuffling order
    tol : stop once the loss on all samples is below tol (checked before
        training and after each epoch)
    max_steps : stop after this many updates
    momentum : heavy-ball momentum mu in [0, 1): v <- mu v - lr g, W <- W + v,
        velocities starting at zero in each call; 0 is plain gradient descent
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
    X, Y = net._check_XY(X, Y, loss)
    schedule = lr if callable(lr) else None
    if schedule is None:
        lr = _checks.positive_number("lr", lr)
    momentum = _check_momentum(momentum)
    epochs = _checks.integer("epochs", epochs, minimum=0)
    n = X.shape[0]
    b = check_batch_size(batch_size, n)
    rng = _checks.rng_from(seed)
    if tol is not None:
        tol = _checks.positive_number("tol", tol, allow_zero=True)
    if max_steps is not None:
        max_steps = _checks.integer("max_steps", max_steps, minimum=0)

    hist = History(lr=float("nan") if schedule else lr, batch_size=b, momentum=momentum)
    lrs = hist.lrs
    weights, biases = net.weights, net.biases
    velocities = [np.zeros_like(p) for p in list(weights) + list(biases)] if momentum else None
    shuffle = b < n
    step_losses = hist.step_losses
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        Zs, As = net._forward(X)
        current = net._loss(Zs, As, Y, loss)
        hist.epoch_losses.append(current)
        limit = divergence_limit(current) if math.isfinite(current) else math.inf
        if not _finite(current, limit):
            return _diverged(hist, _("before training"), current)
        if tol is not None and current < tol:
            hist.stop_reason = "tol"
            return hist
        if max_steps == 0:
            hist.stop_reason = "max_steps"
            return hist
        for epoch in range(epochs):
            hist.epochs_run += 1
            if shuffle:
                order = rng.permutation(n)
                Xe, Ye = X[order], Y[order]
            else:
                Xe, Ye = X, Y
            for start in range(0, n, b):
                Xb, Yb = Xe[start:start + b], Ye[start:start + b]
                Zs, As = net._forward(Xb)
                batch_loss, _unused, delta = net._output_delta(Zs, As, Yb, loss)
                step_losses.append(batch_loss)
                if not batch_loss <= limit:  # NaN compares False too
                    return _diverged(hist, _f("at update {t} (epoch {epoch})", t=hist.steps + 1, epoch=epoch + 1),
                                     batch_loss)
                if schedule is not None:
                    lr = scheduled_lr(schedule, hist.steps)
                dWs, dbs, _unused, _unused2 = net._backward(Zs, As, delta)
                if velocities is None:
                    for p, g in zip(weights, dWs):
                        p -= lr * g
                    for p, g in zip(biases, dbs):
                        p -= lr * g
                else:
                    for p, v, g in zip(list(weights) + list(biases), velocities, dWs + dbs):
                        v *= momentum
                        v -= lr * g
                        p += v
                lrs.append(lr)
                hist.steps += 1
                if max_steps is not None and hist.steps >= max_steps:
                    break
            Zs, As = net._forward(X)
            current = net._loss(Zs, As, Y, loss)
            hist.epoch_losses.append(current)
            if not _finite(current, limit):
                return _diverged(hist, _f("after epoch {epoch}", epoch=epoch + 1), current)
            if tol is not None and current < tol:
                hist.stop_reason = "tol"
                return hist
            if max_steps is not None and hist.steps >= max_steps:
                hist.stop_reason = "max_steps"
                return hist
    hist.stop_reason = "epochs"
    return hist


def _finite(value, limit):
    return math.isfinite(value) and value <= limit


def _step_text(hist):
    if hist.lrs and not math.isfinite(hist.lr):
        text = _f("lr(t) = {lr:g} at the last update", lr=hist.lrs[-1])
    else:
        text = f"lr={hist.lr:g}"
    return text + (f", momentum={hist.momentum:g}" if hist.momentum else "")


def _diverged(hist, where, last):
    hist.diverged = True
    hist.stop_reason = "diverged"
    warnings.warn(
        _f("training diverged {where}: the loss reached {loss:.3g} ({step}). "
           "The step size is probably too large for this problem: try a smaller lr.",
           where=where, loss=last, step=_step_text(hist)),
        DivergenceWarning,
        stacklevel=3,
    )
    return hist


def accuracy(net, X, labels):
    """Share of rows of X whose predicted class (``net.predict``) equals ``labels``."""
    labels = np.asarray(labels)
    pred = net.predict(X)
    if labels.shape != pred.shape:
        raise ValueError(f"labels must have shape {pred.shape} (one class per row of X), got {labels.shape}")
    return float(np.mean(pred == labels))


class capture_warnings:
    """Collect warnings (e.g. :class:`DivergenceWarning`) instead of printing them.

    In a notebook a printed warning carries a temporary file name; this keeps
    the message alone::

        with nl.capture_warnings() as caught:
            h = nl.train(net, X, Y, lr=50, epochs=10)
        print(caught.messages)
    """

    def __enter__(self):
        self._cm = warnings.catch_warnings(record=True)
        self.records = self._cm.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)

    @property
    def messages(self):
        return [f"{w.category.__name__}: {w.message}" for w in self.records]
