r"""Batch variants (notebook 06): small numerical helpers and the exercise checks.

Helpers the notebook calls (NumPy and nnlesson's core only):

* :func:`updates_per_epoch` -- ceil(n / b), the number of updates in one epoch
* :func:`sample_gradient_matrix` -- one row per sample: that sample's gradient,
  flattened (weights of every layer, then biases), computed by a plain loop
* :func:`minibatch_gradient_noise` -- E||g_B - g||^2 measured over random
  mini-batches B of size b, and the theory sigma^2 / b * (n - b) / (n - 1)
* :func:`timed_training` -- :func:`nnlesson.train` with its wall-clock time
* :func:`full_loss_per_update` -- the loss on *all* samples after every update
* :func:`batch_lr_grid` -- one run per (batch size, step size), for the widget and its static grid
* :func:`activation_bytes` -- bytes held by the activations A[0..L] of a forward pass
* :func:`batch_memory` -- a trace's bytes split into the input rows and what the batch adds
* :func:`update_seconds` -- the measured time of one update, as train makes it, for each batch size
* :func:`double_well_runs` -- SGD on a one-weight model with two valleys, many seeds at once

Checks (each returns a :class:`Feedback` that names the mistake):
:func:`check_updates_per_epoch`, :func:`check_updates_in_budget`, :func:`check_minibatch_gradient`,
:func:`check_variance_ratio`, :func:`check_batch_names`.
"""

from __future__ import annotations

import math
import time
import timeit
import warnings

import numpy as np

from .. import _checks
from .._i18n import N_, _, _f, gettext
from ..network import MLP
from ..training import DivergenceWarning, capture_warnings, check_batch_size, divergence_limit, scheduled_lr, train
from ._feedback import Feedback, compare, compare_count

__all__ = [
    "activation_bytes",
    "batch_lr_grid",
    "batch_memory",
    "check_batch_names",
    "check_minibatch_gradient",
    "check_updates_in_budget",
    "check_updates_per_epoch",
    "check_variance_ratio",
    "double_well",
    "double_well_runs",
    "double_well_slopes",
    "full_loss_per_update",
    "minibatch_gradient_noise",
    "sample_gradient_matrix",
    "timed_training",
    "update_seconds",
    "updates_per_epoch",
    "BATCH_NAME_QUESTIONS",
]


# --- numerical helpers ---------------------------------------------------------

def updates_per_epoch(n, batch_size=None):
    """Updates in one epoch of n samples in batches of b: ceil(n / b) (the last batch may be smaller)."""
    b = check_batch_size(batch_size, n)
    return math.ceil(n / b)


def sample_gradient_matrix(net, X, Y, loss="mse"):
    """G (n, p): row i is the flattened gradient of the loss on sample i alone.

    A plain Python loop over the rows, one ``net.gradients`` call each: the
    "one sample at a time" way.  The mean of the rows is the full-batch
    gradient, the mean of any b rows is that mini-batch's gradient.
    """
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    return np.array([net.gradients(X[i:i + 1], Y[i:i + 1], loss).flat() for i in range(X.shape[0])])


def minibatch_gradient_noise(G, batch_sizes, draws=1000, replace=False, seed=0):
    """Measured and predicted E||g_B - g||^2 for mini-batches of each size b.

    ``G`` is the (n, p) matrix of per-sample gradients, g its row mean.  For
    every b, ``draws`` batches are drawn (without replacement inside a batch,
    as one epoch's shuffled chunks are, unless ``replace=True``) and the mean
    squared distance of their gradient from g is measured.  The prediction is
    sigma^2 / b, times the finite-population correction (n - b) / (n - 1)
    when sampling without replacement, with sigma^2 = mean_i ||G_i - g||^2.

    Returns a dict with arrays ``b``, ``measured``, ``theory`` and the float ``sigma2``.
    """
    G = np.asarray(G, dtype=float)
    n = G.shape[0]
    g = G.mean(axis=0)
    sigma2 = float(np.mean(np.sum((G - g) ** 2, axis=1)))
    rng = np.random.default_rng(seed)
    bs = np.array([int(b) for b in batch_sizes])
    measured, theory = [], []
    for b in bs:
        if replace:
            idx = rng.integers(0, n, size=(draws, b))
        else:
            idx = np.argsort(rng.random((draws, n)), axis=1)[:, :b]
        gB = G[idx].mean(axis=1)
        measured.append(float(np.mean(np.sum((gB - g) ** 2, axis=1))))
        fpc = 1.0 if replace else (n - b) / (n - 1)
        theory.append(sigma2 / b * fpc)
    return {"b": bs, "measured": np.array(measured), "theory": np.array(theory), "sigma2": sigma2}


def timed_training(net, X, Y, lr, epochs, batch_size=None, loss="mse", seed=0):
    """Train ``net`` in place with one :func:`nnlesson.train` call and time it.

    Returns a dict: ``history`` (the History), ``epoch_losses`` (epochs + 1
    values), ``step_losses``, ``updates`` (cumulative updates after each
    epoch, starting at 0) and ``seconds``: the measured wall-clock time of the
    whole run, spread evenly over its epochs (every epoch does the same work),
    starting at 0.  Times vary from run to run; the losses do not.
    """
    n = np.asarray(X).shape[0]
    start = time.perf_counter()
    h = train(net, X, Y, lr, epochs, batch_size=batch_size, loss=loss, seed=seed)
    total = time.perf_counter() - start
    done = len(h.epoch_losses) - 1
    epochs_done = np.arange(done + 1)
    updates = np.minimum(epochs_done * updates_per_epoch(n, batch_size), h.steps)
    return {"history": h, "epoch_losses": np.array(h.epoch_losses), "step_losses": np.array(h.step_losses),
            "updates": updates, "seconds": total * epochs_done / max(done, 1)}


def full_loss_per_update(net, X, Y, lr, updates, batch_size=None, loss="mse", seed=0, replace=False):
    """Train ``net`` in place for ``updates`` updates; return the loss on ALL samples
    before training and after every update (updates + 1 values).

    The batches are those :func:`nnlesson.train` would use (shuffled chunks of
    b each epoch).  With a full batch this is the epoch-loss curve; with
    mini-batches it shows what each noisy step does to the real objective.
    As in :func:`nnlesson.train`, a batch whose loss has overflowed (NaN or
    inf) gives no update; a run that blows up is reported once, with a
    :class:`~nnlesson.training.DivergenceWarning`.  ``lr`` may be a number or,
    as in :func:`nnlesson.train`, a callable lr(t) of the 0-based update index.

    ``replace=True`` draws every batch afresh instead: b sample indices drawn
    independently at random, with replacement (a sample may appear twice in a
    batch, and two batches have nothing to do with each other), the sampling
    under which the gradient noise of a batch is exactly sigma^2 / b.  With the
    default, every epoch uses every sample exactly once, as training does.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
    X, Y = net._check_XY(X, Y, loss)          # checked once; the loop below uses the unchecked passes
    if not callable(lr):
        lr = _checks.positive_number("lr", lr)
    updates = _checks.integer("updates", updates, minimum=0)
    n = X.shape[0]
    b = check_batch_size(batch_size, n)
    if not isinstance(replace, (bool, np.bool_)):
        raise TypeError(f"replace must be True or False, got {replace!r}")
    rng = np.random.default_rng(seed)

    def loss_on_all():
        Zs, As = net._forward(X)
        return net._loss(Zs, As, Y, loss)

    out = [loss_on_all()]
    limit = divergence_limit(out[0]) if math.isfinite(out[0]) else math.inf
    diverged = False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        while len(out) <= updates:
            if replace:                     # one batch of b independent draws
                batches = [rng.integers(0, n, size=b)]
            else:                           # one epoch: the order train() draws, cut into batches of b
                order = rng.permutation(n) if b < n else np.arange(n)
                batches = [order[start:start + b] for start in range(0, n, b)]
            for idx in batches:
                Zs, As = net._forward(X[idx])
                batch_loss, _unused, delta = net._output_delta(Zs, As, Y[idx], loss)
                step = scheduled_lr(lr, len(out) - 1) if callable(lr) else lr
                if math.isfinite(batch_loss):   # one update on this batch, as net.step would make it
                    dWs, dbs, _dZ, _dA = net._backward(Zs, As, delta)
                    for p, g in zip(net.weights, dWs):
                        p -= step * g
                    for p, g in zip(net.biases, dbs):
                        p -= step * g
                out.append(loss_on_all())
                if not diverged and not (math.isfinite(batch_loss) and out[-1] <= limit):
                    diverged = True
                    what = (_f("the loss on all samples reached {loss:.3g}", loss=out[-1])
                            if math.isfinite(batch_loss) else
                            _f("a batch's loss reached {loss:.3g} (such batches give no update)", loss=batch_loss))
                    warnings.warn(_f("training diverged at update {t}: {what} (lr={lr:g}). The step size is probably "
                                     "too large for this problem: try a smaller lr.", t=len(out) - 1, what=what,
                                     lr=step), DivergenceWarning, stacklevel=2)
                if len(out) > updates:
                    break
    return np.array(out)


def batch_lr_grid(net, X, Y, batch_sizes, lrs, epochs, loss="mse", seed=0):
    """Train a copy of ``net`` for every (batch size, step size); return {(b, lr): History}.

    Every run starts from the same weights and shuffles with the same seed; a
    run that diverges stops early (its warning is collected, not printed).
    """
    runs = {}
    with capture_warnings():
        for lr in lrs:
            for b in batch_sizes:
                runs[(b, lr)] = train(net.copy(), X, Y, lr, epochs, batch_size=b, loss=loss, seed=seed)
    return runs


def activation_bytes(trace):
    """Bytes of the activations A[0] (= X), A[1], ..., A[L] a forward pass keeps for backprop."""
    return int(sum(A.nbytes for A in trace.A))


def batch_memory(trace):
    """Bytes a forward and backward pass over one batch holds, split by what depends on the batch.

    Returns a dict of byte counts: ``input`` (A[0], the batch's rows of X: the
    data set is in memory whatever the batch size), ``activations`` (A[1..L]),
    ``backward`` (every Z, dA and delta the trace keeps) and ``batch`` =
    activations + backward, the arrays of b rows each that a batch of b
    samples adds on top of the data.
    """
    def nbytes(arrays):
        return int(sum(a.nbytes for a in arrays if a is not None))

    acts = nbytes(trace.A[1:])
    backward = nbytes(trace.Z) + nbytes(trace.dA) + nbytes(trace.delta)
    return {"input": nbytes(trace.A[:1]), "activations": acts, "backward": backward, "batch": acts + backward}


def update_seconds(net, X, Y, batch_sizes, loss="mse", lr=1e-9, repeat=15, number=20):
    """Measured wall-clock seconds of ONE update on b samples, as :func:`nnlesson.train` makes it.

    One update is what train does per batch: a forward pass over the first b
    rows, the output delta, the backward pass and the step on every weight
    and bias (the arguments are checked once here, as train checks them once
    per call, so no per-update check is timed).  ``number`` updates are timed
    for each b in turn, and that round is done ``repeat`` times, so a pause of
    the machine hits one round of every b rather than all rounds of one; the
    fastest round of each b is kept (the least disturbed by other work).
    Each b works on its own copy of ``net``.  Returns {b: seconds per update}.
    Times vary from run to run and machine to machine; compare them as ratios.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
    X, Y = net._check_XY(X, Y, loss)
    lr = _checks.positive_number("lr", lr)
    repeat = _checks.integer("repeat", repeat, minimum=1)
    number = _checks.integer("number", number, minimum=1)
    jobs = {}
    for b in batch_sizes:
        b = check_batch_size(b, X.shape[0])
        work, Xb, Yb = net.copy(), X[:b], Y[:b]

        def one_update(work=work, Xb=Xb, Yb=Yb):
            Zs, As = work._forward(Xb)
            _batch_loss, _out, delta = work._output_delta(Zs, As, Yb, loss)
            dWs, dbs, _dZ, _dA = work._backward(Zs, As, delta)
            for p, g in zip(work.weights, dWs):
                p -= lr * g
            for p, g in zip(work.biases, dbs):
                p -= lr * g

        jobs[b] = one_update
    best = {b: math.inf for b in jobs}
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for _round in range(repeat):
            for b, job in jobs.items():
                best[b] = min(best[b], timeit.timeit(job, number=number) / number)
    return best


# --- a landscape with a poor valley and a good one ------------------------------

def double_well(w, tilt=0.5):
    """The full loss of the double-well model: f(w) = (w^2 - 1)^2 + tilt * w.

    With tilt > 0 it has a deeper (good) valley near w = -1 and a shallower
    (poor) one near w = +1, with a ridge between them near w = 0.
    """
    w = np.asarray(w, dtype=float)
    return (w ** 2 - 1) ** 2 + tilt * w


def double_well_slopes(n=20, spread=6.0, seed=0):
    """The n per-sample slopes c_i (mean exactly 0, standard deviation ``spread``).

    Sample i's loss is f(w) + c_i * w, so the mean over the samples is f(w)
    and sample i's gradient is f'(w) + c_i: the full gradient plus a
    per-sample offset that averages out over the data set.
    """
    n = _checks.integer("n", n, minimum=2)
    spread = _checks.positive_number("spread", spread, allow_zero=True)
    z = np.random.default_rng(seed).standard_normal(n)
    return spread * (z - z.mean()) / z.std()


def double_well_runs(w0, lr, epochs, batch_size, seeds, n=20, spread=6.0, tilt=0.5, data_seed=0):
    """Mini-batch gradient descent on the double-well model, one run per seed; returns the final w of each.

    ``w0`` is one starting weight (the result has one entry per seed) or a sequence of k starting weights
    (the result is (k, number of seeds); every start sees the same shuffles for the same seed).

    The data are the n slopes of :func:`double_well_slopes` (``data_seed``).
    Each epoch every run shuffles the samples with its own generator
    (``numpy.random.default_rng(seed)``) and takes ceil(n / b) steps
    w <- w - lr * (f'(w) + mean of c_i over the batch).  With b = n every
    batch is the whole set, so every seed follows the same full-batch path.
    """
    starts = _checks.float_array("w0", w0)
    if starts.ndim > 1 or starts.size == 0:
        raise ValueError(f"w0 must be one number or a 1-D sequence of starting weights, got shape {starts.shape}")
    lr = _checks.positive_number("lr", lr)
    epochs = _checks.integer("epochs", epochs, minimum=0)
    n = _checks.integer("n", n, minimum=2)
    tilt = _checks.real_number("tilt", tilt)
    c = double_well_slopes(n, spread, data_seed)
    b = check_batch_size(batch_size, n)
    seeds = [_checks.integer("seeds", s, minimum=0) for s in seeds]
    if not seeds:
        raise ValueError("seeds must list at least one seed")
    base = np.tile(np.arange(n), (epochs, 1))
    orders = np.stack([np.random.default_rng(s).permuted(base, axis=1).ravel() for s in seeds])
    w = np.repeat(starts.reshape(-1, 1), len(seeds), axis=1)     # (starts, seeds)
    for e in range(epochs):
        for start in range(0, n, b):
            batch = orders[:, e * n + start:e * n + min(start + b, n)]
            w = w - lr * (4 * w * (w ** 2 - 1) + tilt + c[batch].mean(axis=1))
    return w[0] if starts.ndim == 0 else w


# --- checks --------------------------------------------------------------------

def check_updates_per_epoch(answer, n=60_000, batch_size=256):
    """How many updates does one epoch of n samples in batches of b make? (nnlesson counts them.)"""
    n = _checks.integer("n", n, minimum=1)
    b = check_batch_size(batch_size, n)
    X = np.zeros((n, 1))
    right = train(MLP([1, 1], output="identity", seed=0), X, X, 0.1, 1, batch_size=b).steps
    floor = n // b
    last = n - (right - 1) * b
    mistakes = {}
    if floor != right:
        mistakes[_f("that is floor(n/b) = {floor} (or n/b = {ratio:g} rounded to the nearest whole number): "
                    "the last, smaller batch of {last} samples is an update too, so round up",
                    floor=floor, ratio=n / b, last=last)] = floor
    mistakes[_f("off by one: ceil(n/b) = {right}, not ceil(n/b) + 1", right=right)] = right + 1
    mistakes[_("that is the number of samples per update (b), not the number of updates")] = b
    mistakes[_("that is the number of samples (n): one update per sample only when b = 1")] = n
    if last != b:
        mistakes[_f("that is the size of the last batch ({last} samples), not the number of batches",
                    last=last)] = last
    return compare_count(_f("updates per epoch (n={n}, b={b})", n=n, b=b), answer, right,
                         mistakes=_distinct(mistakes, right))


def check_updates_in_budget(answer, n=1000, batch_size=64, epochs=5):
    """How many updates do ``epochs`` epochs of n samples in batches of b make? (nnlesson counts them.)"""
    n = _checks.integer("n", n, minimum=1)
    b = check_batch_size(batch_size, n)
    epochs = _checks.integer("epochs", epochs, minimum=1)
    X = np.zeros((n, 1))
    right = train(MLP([1, 1], output="identity", seed=0), X, X, 0.1, epochs, batch_size=b).steps
    per = right // epochs
    mistakes = {
        _f("that is ceil(epochs * n / b) = {count}: every epoch starts a fresh shuffle and ends with its own "
           "smaller last batch, so count ceil(n/b) per epoch, times {epochs}",
           count=math.ceil(epochs * n / b), epochs=epochs): math.ceil(epochs * n / b),
        _f("that is floor(epochs * n / b) = {count}: batches do not run on across epochs, and the last, "
           "smaller batch of each epoch is an update too", count=epochs * n // b): epochs * n // b,
        _f("that is epochs * floor(n/b) = {count}: the last, smaller batch of each epoch is an update too, "
           "so round n/b up", count=epochs * (n // b)): epochs * (n // b),
        _f("that is one epoch's updates (ceil(n/b) = {per}); multiply by the {epochs} epochs",
           per=per, epochs=epochs): per,
        _("that is the number of samples read (epochs * n), not the number of updates"): epochs * n,
    }
    name = _f("updates in {epochs} epochs (n={n}, b={b})", epochs=epochs, n=n, b=b)
    return compare_count(name, answer, right, mistakes=_distinct(mistakes, right))


def _distinct(mistakes, right):
    """Drop the mistakes that give the right count itself (they cannot be told from a right answer)."""
    return {text: v for text, v in mistakes.items() if int(v) != int(right)}


def check_minibatch_gradient(answer, net, Xb, Yb, loss="mse", layer=-1):
    """dL/dW[layer] on the mini-batch (Xb, Yb): the MEAN of the per-sample gradients."""
    Xb = np.asarray(Xb, dtype=float)
    Yb = np.asarray(Yb, dtype=float)
    b = Xb.shape[0]
    right = net.gradients(Xb, Yb, loss).weights[layer]
    mistakes = {
        _f("you summed the per-sample gradients; the batch loss is a mean, so divide by b = {b} "
           "(your answer is b times too large)", b=b): b * right,
        _f("you divided by b twice (your answer is b = {b} times too small)", b=b): right / b,
    }
    for i in range(b):
        one = net.gradients(Xb[i:i + 1], Yb[i:i + 1], loss).weights[layer]
        mistakes[_f("that is the gradient of sample {i} alone; the batch gradient is the mean over all {b}",
                    i=i, b=b)] = one
    if b > 1:
        mistakes[_f("you divided by b - 1 = {b1} instead of b = {b}", b1=b - 1, b=b)] = right * b / (b - 1)
    if b > 2:   # (with b = 2, leaving one sample out is the other sample's gradient alone, named above)
        for i in range(b):
            rest = (b * right - net.gradients(Xb[i:i + 1], Yb[i:i + 1], loss).weights[layer]) / (b - 1)
            mistakes[_f("that is the mean over {b1} samples, all but sample {i}: the batch has {b}",
                        b1=b - 1, i=i, b=b)] = rest
    return compare(_f("mini-batch gradient dL/dW[{layer}]", layer=layer), answer, right, mistakes=mistakes)


def check_variance_ratio(answer, n=200, b1=4, b2=64):
    """Var(g_B) at b2 divided by Var(g_B) at b1, batches drawn without replacement from n samples."""
    def var(b):
        return (n - b) / (b * (n - 1))

    right = var(b2) / var(b1)
    iid = b1 / b2
    fpc = (n - b2) / (n - b1)
    name = _f("variance ratio Var(b={b2}) / Var(b={b1}), n={n}", b2=b2, b1=b1, n=n)
    return compare(name, answer, right, mistakes={
        _f("that is b1/b2 = {iid:.6g}, the with-replacement answer: without replacement multiply by the "
           "finite-population correction (n-b2)/(n-b1) = {fpc:.6g}", iid=iid, fpc=fpc): iid,
        _("that is sqrt(b1/b2): the STANDARD DEVIATION shrinks like 1/sqrt(b), the variance like 1/b"):
            math.sqrt(iid),
        _("that is sqrt of the right ratio: the variance shrinks like 1/b, not 1/sqrt(b)"): math.sqrt(right),
        _("upside down: a bigger batch gives LESS noise, so the ratio is below 1"): 1 / right,
        _f("upside down: that is b2/b1 = {ratio:g}; a bigger batch gives LESS noise, so the ratio is below 1",
           ratio=b2 / b1): b2 / b1,
        _("the correction is upside down: multiply b1/b2 by (n-b2)/(n-b1), not by (n-b1)/(n-b2)"): iid / fpc,
        _f("only b = {b2} got its correction: the b = {b1} variance has one too, (n-b1)/(n-1), and it "
           "divides out", b2=b2, b1=b1): iid * (n - b2) / (n - 1),
        _f("that is only the correction (n-b2)/(n-b1) = {fpc:.6g}: it multiplies b1/b2 = {iid:.6g}",
           fpc=fpc, iid=iid): fpc,
        _("that is twice the right value; there is no factor 2 in sigma^2/b * (n-b)/(n-1): redo the arithmetic"):
            2 * right,
        _("that is half the right value; there is no factor 2 in sigma^2/b * (n-b)/(n-1): redo the arithmetic"):
            right / 2,
    })


#: The questions of the naming exercise: which nnlesson setting each article's name means.
BATCH_NAME_QUESTIONS = {
    "002 批量梯度下降法": "mini",
    "003 批量梯度下降": "full",
    "003 随机梯度下降": "sgd",
    "003 小批量梯度下降": "mini",
    "004 随机梯度下降 (b = 1)": "sgd",
}

# Why each name means what it means (translated where shown).
_WHY = {
    "002 批量梯度下降法": N_("002 averages the gradient over a small batch of b samples per update: "
                        "that is mini-batch"),
    "003 批量梯度下降": N_("003 computes the loss on the whole training set per update: that is full batch"),
    "003 随机梯度下降": N_("003 uses one sample per update: that is stochastic gradient descent"),
    "003 小批量梯度下降": N_("003 uses a small batch of samples per update: that is mini-batch"),
    "004 随机梯度下降 (b = 1)": N_("004 calls the batch-size-1 extreme stochastic gradient descent"),
}


def check_batch_names(answer):
    """``answer``: dict mapping each key of BATCH_NAME_QUESTIONS to "full", "sgd" or "mini"."""
    name = _("article terms")
    if answer is None:
        return Feedback(False, _f("{name}: no answer yet (the cell still holds None).", name=name))
    if not isinstance(answer, dict):
        return Feedback(False, _f("{name}: answer with a dict such as {{'003 批量梯度下降': 'full', ...}}, "
                                  "got {type}.", name=name, type=type(answer).__name__))
    missing = [k for k in BATCH_NAME_QUESTIONS if k not in answer]
    if missing:
        return Feedback(False, _f("{name}: missing {missing}.", name=name, missing=missing))
    bad = [k for k, v in answer.items() if k in BATCH_NAME_QUESTIONS and v not in ("full", "sgd", "mini")]
    if bad:
        return Feedback(False, _f("{name}: use only 'full', 'sgd' or 'mini' (check {bad}).", name=name, bad=bad))
    wrong = [k for k, v in BATCH_NAME_QUESTIONS.items() if answer[k] != v]
    if not wrong:
        return Feedback(True, _f("{name} are sorted out: 002's 批量 = mini-batch, 003's 批量 = full batch.",
                                 name=name))
    a002, a003 = answer["002 批量梯度下降法"], answer["003 批量梯度下降"]
    rest = [k for k in wrong if k not in ("002 批量梯度下降法", "003 批量梯度下降")]
    sep = _("; ")     # between two explanations in one message
    why_rest = "".join(sep + gettext(_WHY[k]) for k in rest)
    why002, why003 = gettext(_WHY["002 批量梯度下降法"]), gettext(_WHY["003 批量梯度下降"])
    if a002 == a003:
        return Feedback(False, _f("{name}: you read 批量 the same way in both articles ('{answer}'); it is not: "
                                  "{why002}, while {why003}{rest}.", name=name, answer=a002, why002=why002,
                                  why003=why003, rest=why_rest))
    if a002 == "full" and a003 == "mini":
        return Feedback(False, _f("{name}: you swapped the two 批量: {why002}, while {why003}{rest}.",
                                  name=name, why002=why002, why003=why003, rest=why_rest))
    return Feedback(False, _f("{name}: {whys}.", name=name, whys=sep.join(gettext(_WHY[k]) for k in wrong)))
