"""How fast is nnlesson.train? Ratios against two baselines timed in the same run.

Workload: the 1797 8x8 digits (pixels / 16), a 64-30-10 sigmoid network, "mse",
lr 3.0, one epoch, batch sizes 10, 128 and full.  Every contestant does the work
the training contract asks for: the loss on all samples before the epoch, each
batch's loss (from the forward pass that feeds backprop), one update per batch,
the loss on all samples after the epoch; batches shuffled with a seeded
permutation.

* bare: the same algorithm as a minimal vectorized NumPy loop, no checks,
  no history object: the floor nnlesson should stay close to (goal: <= 1.1x).
* per-sample: the classic teaching style, backprop one sample at a time and
  the batch's gradients summed in Python (for scale, not a goal).

Timings are the median of interleaved repeats; the figures of interest are the
ratios, which are printed.  Run: python benchmarks/train_speed.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import nnlesson as nl

SIZES = [64, 30, 10]
LR = 3.0
SEED = 0


def data():
    X, labels = nl.datasets.load_digits()
    return X / 16.0, nl.datasets.one_hot(labels, 10)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init_params(seed=0):
    net = nl.MLP(SIZES, hidden="sigmoid", output="sigmoid", init="xavier", seed=seed)
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


def bare_epoch(W, B, X, Y, batch, seed):
    """Minimal vectorized loop: same arithmetic as nnlesson.train, nothing else."""
    n = X.shape[0]
    W1, W2 = W
    b1, b2 = B
    losses = [float(np.mean((sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2) - Y) ** 2))]
    if batch < n:
        order = np.random.default_rng(seed).permutation(n)
        X, Y = X[order], Y[order]
    for s in range(0, n, batch):
        xb, yb = X[s:s + batch], Y[s:s + batch]
        a1 = sigmoid(xb @ W1 + b1)
        a2 = sigmoid(a1 @ W2 + b2)
        diff = a2 - yb
        losses.append(float(np.mean(diff * diff)))
        d2 = 2.0 * diff / diff.size * a2 * (1 - a2)
        d1 = (d2 @ W2.T) * a1 * (1 - a1)
        W2 -= LR * (a1.T @ d2)
        b2 -= LR * d2.sum(axis=0)
        W1 -= LR * (xb.T @ d1)
        b1 -= LR * d1.sum(axis=0)
    losses.append(float(np.mean((sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2) - Y) ** 2)))
    return losses


def per_sample_epoch(W, B, X, Y, batch, seed):
    """Classic teaching code: each sample backpropagated alone, gradients summed per batch."""
    n, k = Y.shape
    W1, W2 = W
    b1, b2 = B
    losses = [float(np.mean((sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2) - Y) ** 2))]
    order = np.random.default_rng(seed).permutation(n) if batch < n else np.arange(n)
    for s in range(0, n, batch):
        idx = order[s:s + batch]
        gW1, gW2, gb1, gb2 = np.zeros_like(W1), np.zeros_like(W2), np.zeros_like(b1), np.zeros_like(b2)
        total = 0.0
        for i in idx:
            x, y = X[i], Y[i]
            a1 = sigmoid(x @ W1 + b1)
            a2 = sigmoid(a1 @ W2 + b2)
            total += float(np.sum((a2 - y) ** 2))
            d2 = 2.0 * (a2 - y) / (len(idx) * k) * a2 * (1 - a2)
            d1 = (W2 @ d2) * a1 * (1 - a1)
            gW2 += np.outer(a1, d2)
            gb2 += d2
            gW1 += np.outer(x, d1)
            gb1 += d1
        losses.append(total / (len(idx) * k))
        W1 -= LR * gW1
        W2 -= LR * gW2
        b1 -= LR * gb1
        b2 -= LR * gb2
    losses.append(float(np.mean((sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2) - Y) ** 2)))
    return losses


def nnlesson_epoch(net, X, Y, batch, seed):
    h = nl.train(net, X, Y, LR, 1, batch_size=batch, loss="mse", seed=seed)
    return [h.epoch_losses[0], *h.step_losses, h.epoch_losses[-1]]


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--per-sample-repeats", type=int, default=3)
    args = parser.parse_args()
    X, Y = data()
    n = X.shape[0]
    print(f"train_speed: {n}x{X.shape[1]} digits, {SIZES} sigmoid, mse, lr {LR}, one epoch; "
          f"median of {args.repeats} interleaved repeats")
    print(f"{'batch':>6} {'steps':>6} {'nnlesson ms':>12} {'bare ms':>9} {'per-sample ms':>14} "
          f"{'nnlesson/bare':>14} {'per-sample/nnlesson':>20}")
    worst = 0.0
    for batch in (10, 128, n):
        # same results first: the three do the same arithmetic
        W, B = init_params()
        ref = bare_epoch(W, B, X, Y, batch, SEED)
        net = nl.MLP(SIZES, seed=0)
        mine = nnlesson_epoch(net, X, Y, batch, SEED)
        W2, B2 = init_params()
        slow = per_sample_epoch(W2, B2, X, Y, batch, SEED)
        assert np.allclose(ref, mine, rtol=1e-9), "nnlesson and the bare loop disagree"
        assert np.allclose(ref, slow, rtol=1e-6), "the per-sample loop disagrees"
        t_mine, t_bare, t_slow = [], [], []
        for r in range(args.repeats):
            order = (0, 1) if r % 2 == 0 else (1, 0)
            for which in order:
                if which == 0:
                    net = nl.MLP(SIZES, seed=0)
                    t_mine.append(timed(lambda net=net, b=batch: nnlesson_epoch(net, X, Y, b, SEED))[0])
                else:
                    W, B = init_params()
                    t_bare.append(timed(lambda W=W, B=B, b=batch: bare_epoch(W, B, X, Y, b, SEED))[0])
        for _ in range(args.per_sample_repeats):
            W, B = init_params()
            t_slow.append(timed(lambda W=W, B=B, b=batch: per_sample_epoch(W, B, X, Y, b, SEED))[0])
        m, b, s = (statistics.median(t) for t in (t_mine, t_bare, t_slow))
        ratio = m / b
        worst = max(worst, ratio)
        label = "full" if batch == n else str(batch)
        print(f"{label:>6} {len(mine) - 2:>6} {m * 1e3:12.2f} {b * 1e3:9.2f} {s * 1e3:14.1f} "
              f"{ratio:14.3f} {s / m:20.1f}")
    goal = 1.1
    print(f"worst nnlesson/bare ratio: {worst:.3f} (goal <= {goal}: {'met' if worst <= goal else 'NOT met'})")


if __name__ == "__main__":
    main()
