"""The gradient check array by array, accurate cross-entropy, the Hessian and its
largest eigenvalue, momentum and step-size schedules, and the exercise comparisons."""

import math

import numpy as np
import pytest

import nnlesson as nl
from nnlesson.exercises import compare, compare_count
from nnlesson.losses import cross_entropy_from_logits


def _deep_net_and_data(seed=0):
    rng = np.random.default_rng(seed)
    net = nl.MLP([4, 16, 16, 16, 16, 16, 3], hidden="sigmoid", output="sigmoid", seed=seed)
    X = rng.normal(size=(20, 4))
    Y = rng.random((20, 3))
    return net, X, Y


# --- gradient_check ------------------------------------------------------------
def test_gradient_check_finds_a_wrong_first_layer_hidden_by_larger_ones():
    net, X, Y = _deep_net_and_data()
    g = net.gradients(X, Y)
    # Over all parameters at once the flipped first layer barely shows:
    flipped = nl.Gradients([-g.weights[0]] + g.weights[1:], g.biases)
    assert nl.relative_error(flipped, nl.numerical_gradients(net, X, Y)) < 1e-2
    r = nl.gradient_check(net, X, Y, gradients=flipped)
    assert r.worst == "weights[0]"
    assert r.relative_error == pytest.approx(1.0, abs=1e-6)
    assert r.verdict.startswith("wrong") and "weights[0]" in r.verdict and "sign flipped" in r.verdict
    assert r.per_array["weights[3]"] < 1e-5


def test_gradient_check_accepts_a_pair_and_names_a_factor():
    net, X, Y = _deep_net_and_data(1)
    g = net.gradients(X, Y)
    biases = [b.copy() for b in g.biases]
    biases[2] = biases[2] * 2
    r = nl.gradient_check(net, X, Y, gradients=(g.weights, biases))
    assert r.worst == "biases[2]" and "2x too large" in r.diagnosis["biases[2]"]
    assert r.relative_error > 1e-3


def test_gradient_check_own_backprop_passes_on_every_array():
    net, X, Y = _deep_net_and_data(2)
    r = nl.gradient_check(net, X, Y)
    assert r.relative_error < 1e-5 and not r.diagnosis
    assert len(r.per_array) == 12


@pytest.mark.parametrize("bad, error", [
    ("nope", TypeError),
    (([np.zeros((4, 16))], []), ValueError),
    (([np.zeros((16, 4))] + [np.zeros(w.shape) for w in _deep_net_and_data()[0].weights[1:]],
      [np.zeros(b.shape) for b in _deep_net_and_data()[0].biases]), ValueError),
])
def test_gradient_check_refuses_malformed_gradients(bad, error):
    net, X, Y = _deep_net_and_data()
    with pytest.raises(error, match="gradients"):
        nl.gradient_check(net, X, Y, gradients=bad)


def test_gradient_check_refuses_nan_gradients():
    net, X, Y = _deep_net_and_data()
    g = net.gradients(X, Y)
    w = [a.copy() for a in g.weights]
    w[1][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"gradients.weights\[1\]"):
        nl.gradient_check(net, X, Y, gradients=(w, g.biases))


# --- cross-entropy at tiny losses ---------------------------------------------------
@pytest.mark.parametrize("z", [5.0, 30.0, 36.0, 60.0, 700.0])
def test_sigmoid_cross_entropy_keeps_relative_accuracy(z):
    got = cross_entropy_from_logits(np.array([[z]]), np.array([[1.0]]), "sigmoid")
    assert got == pytest.approx(math.log1p(math.exp(-z)), rel=1e-12)
    got0 = cross_entropy_from_logits(np.array([[-z]]), np.array([[0.0]]), "sigmoid")
    assert got0 == pytest.approx(math.log1p(math.exp(-z)), rel=1e-12)


def test_softmax_cross_entropy_keeps_relative_accuracy():
    got = cross_entropy_from_logits(np.array([[1000.0, 980.0]]), np.array([[1.0, 0.0]]))
    assert got == pytest.approx(math.log1p(math.exp(-20.0)), rel=1e-12)
    Z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    Y = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    expected = (np.log(np.exp(Z[0]).sum()) - 2.0 + np.log(3.0)) / 2
    assert cross_entropy_from_logits(Z, Y) == pytest.approx(expected, rel=1e-14)


# --- hessian and sharpness ------------------------------------------------------------
def _small_case(seed):
    rng = np.random.default_rng(seed)
    sizes = [[2, 4, 1], [3, 5, 4, 2], [2, 6, 3]][seed % 3]
    output = ["sigmoid", "identity", "softmax"][seed % 3]
    net = nl.MLP(sizes, hidden=["tanh", "sigmoid", "relu"][seed % 3], output=output, seed=seed)
    X = rng.normal(size=(25, sizes[0]))
    if output == "softmax":
        return net, X, np.eye(sizes[-1])[rng.integers(0, sizes[-1], 25)], "cross_entropy"
    return net, X, rng.random((25, sizes[-1])), "mse"


@pytest.mark.parametrize("seed", range(6))
def test_hessian_symmetric_and_matches_differences_of_gradients(seed):
    net, X, Y, loss = _small_case(seed)
    before = [w.copy() for w in net.weights] + [b.copy() for b in net.biases]
    H = nl.hessian(net, X, Y, loss)
    P = net.n_parameters
    assert H.shape == (P, P) and np.array_equal(H, H.T)
    # column i against a difference of backprop gradients written here, in Gradients.flat() order
    rng = np.random.default_rng(seed)
    for i in rng.choice(P, size=3, replace=False):
        cols = []
        for sign in (1, -1):
            other = net.copy()
            params = [p.reshape(-1) for p in list(other.weights) + list(other.biases)]
            start = 0
            for p in params:
                if start <= i < start + p.size:
                    p[i - start] += sign * 1e-5
                start += p.size
            cols.append(other.gradients(X, Y, loss).flat())
        col = (cols[0] - cols[1]) / 2e-5
        assert np.allclose(H[:, i], col, rtol=1e-4, atol=1e-6)
    after = list(net.weights) + list(net.biases)
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


@pytest.mark.parametrize("seed", range(6))
def test_sharpness_agrees_with_eigvalsh(seed):
    net, X, Y, loss = _small_case(seed)
    top = np.linalg.eigvalsh(nl.hessian(net, X, Y, loss))[-1]
    assert nl.sharpness(net, X, Y, loss) == pytest.approx(top, rel=1e-3)


def test_sharpness_returns_the_most_positive_eigenvalue_not_the_largest_in_size():
    # Large weights and large targets: a saddle whose most negative curvature (-13.1)
    # is larger in size than the most positive one (4.86).
    rng = np.random.default_rng(4)
    net = nl.MLP([2, 3, 1], hidden="tanh", output="identity", seed=4)
    net.weights[0] = rng.normal(size=(2, 3)) * 3
    net.weights[1] = rng.normal(size=(3, 1)) * 3
    X, Y = rng.normal(size=(30, 2)), rng.normal(size=(30, 1)) * 5
    ev = np.linalg.eigvalsh(nl.hessian(net, X, Y))
    assert -ev[0] > 2 * ev[-1] > 0
    assert nl.sharpness(net, X, Y) == pytest.approx(ev[-1], rel=1e-3)


def test_curvature_functions_refuse_bad_input():
    net, X, Y, loss = _small_case(0)
    with pytest.raises(TypeError, match="net"):
        nl.hessian("net", X, Y)
    with pytest.raises(ValueError, match="eps"):
        nl.hessian(net, X, Y, eps=0)
    with pytest.raises(ValueError, match="iters"):
        nl.sharpness(net, X, Y, iters=0)
    with pytest.raises(ValueError, match="at most"):
        nl.hessian(nl.MLP([60, 60, 1]), np.zeros((2, 60)), np.zeros((2, 1)))


# --- momentum and schedules ----------------------------------------------------------
def _loop(net, X, Y, lr, epochs, b, mu, seed, loss="mse"):
    """Heavy-ball mini-batch descent written out plainly, for comparison."""
    rng = np.random.default_rng(seed)
    params = list(net.weights) + list(net.biases)
    vel = [np.zeros_like(p) for p in params]
    t = 0
    for _ in range(epochs):
        order = rng.permutation(len(X)) if b < len(X) else np.arange(len(X))
        for s in range(0, len(X), b):
            i = order[s:s + b]
            g = net.gradients(X[i], Y[i], loss)
            step = lr(t) if callable(lr) else lr
            for p, v, gr in zip(params, vel, g.weights + g.biases):
                v[...] = mu * v - step * gr
                p += v
            t += 1


@pytest.mark.parametrize("mu, lr, b", [(0.0, 0.3, 8), (0.9, 0.1, 8), (0.5, lambda t: 0.5 / (1 + t / 10), 5),
                                       (0.0, lambda t: 0.2 * 0.99 ** t, 40)])
def test_momentum_and_schedules_match_a_plain_loop(mu, lr, b):
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(40, 2)), rng.random((40, 1))
    net = nl.MLP([2, 3, 1], seed=2)
    ref = net.copy()
    h = nl.train(net, X, Y, lr=lr, epochs=3, batch_size=b, momentum=mu, seed=5)
    _loop(ref, X, Y, lr, 3, b, mu, 5)
    for a, c in zip(list(net.weights) + list(net.biases), list(ref.weights) + list(ref.biases)):
        assert np.allclose(a, c, rtol=0, atol=1e-13)
    assert len(h.lrs) == h.steps == 3 * -(-40 // b)
    if callable(lr):
        assert h.lrs == [lr(t) for t in range(h.steps)]
    else:
        assert h.lrs == [lr] * h.steps and h.lr == lr


def test_momentum_zero_is_exactly_plain_descent():
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(30, 2)), rng.random((30, 1))
    a, c = nl.MLP([2, 4, 1], seed=1), nl.MLP([2, 4, 1], seed=1)
    nl.train(a, X, Y, lr=0.4, epochs=4, batch_size=7)
    nl.train(c, X, Y, lr=0.4, epochs=4, batch_size=7, momentum=0.0)
    assert all(np.array_equal(p, q) for p, q in zip(a.weights + a.biases, c.weights + c.biases))


@pytest.mark.parametrize("mu, error", [(1.0, ValueError), (-0.1, ValueError), ("0.9", TypeError),
                                       (float("nan"), ValueError)])
def test_momentum_refused_before_anything_changes(mu, error):
    net = nl.MLP([2, 2, 1], seed=0)
    before = [w.copy() for w in net.weights]
    with pytest.raises(error, match="momentum"):
        nl.train(net, np.zeros((4, 2)), np.zeros((4, 1)), 0.1, 1, momentum=mu)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.weights))


@pytest.mark.parametrize("bad", [0.0, -1.0, float("inf"), float("nan"), None, "0.1"])
def test_schedule_returning_a_bad_step_stops_before_that_update(bad):
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(12, 2)), rng.random((12, 1))
    net = nl.MLP([2, 2, 1], seed=0)
    probe = net.copy()
    nl.train(probe, X, Y, lr=0.1, epochs=1, batch_size=4, max_steps=2, seed=1)
    with pytest.raises(ValueError, match=r"lr\(t\).*t=2"):
        nl.train(net, X, Y, lr=lambda t: 0.1 if t < 2 else bad, epochs=1, batch_size=4, seed=1)
    assert all(np.array_equal(p, q) for p, q in zip(net.weights + net.biases, probe.weights + probe.biases))


def test_schedule_with_the_wrong_signature_is_named():
    with pytest.raises(TypeError, match="lr"):
        nl.train(nl.MLP([2, 1]), np.zeros((3, 2)), np.zeros((3, 1)), lr=lambda: 0.1, epochs=1)


# --- compare and compare_count ----------------------------------------------------------
def test_compare_accepts_four_significant_digits_and_not_two():
    assert compare("He std", 0.1768, np.sqrt(2 / 64))
    assert compare("dE/dw5", 0.0822, 0.08216704)
    low = compare("He std", 0.18, np.sqrt(2 / 64))
    assert not low and "rounded too early" in low.message


def test_compare_small_values_are_judged_relatively():
    # 25 % off a small value used to read as "close"; it is a mistake.
    fb = compare("x", 7.5e-5, 1e-4)
    assert not fb and "not right" in fb.message and "rounded" not in fb.message


def test_compare_names_every_mistake_that_gives_the_same_number():
    fb = compare("x", 1.0, 2.0, mistakes={"forgot the square": 1.0, "used the mean": 1.0})
    assert not fb and "forgot the square" in fb.message and "used the mean" in fb.message


def test_compare_count_is_exact_and_whole():
    assert compare_count("passes", 34, 34) and compare_count("passes", 34.0, 34)
    half = compare_count("passes", 34.5, 34)
    assert not half and "whole number" in half.message
    near = compare_count("passes", 1194, 1195)
    assert not near and "close" not in near.message and "not right" in near.message
    assert not compare_count("passes", True, 1)
    assert "off by one" in compare_count("i", 4, 5, mistakes={"off by one": 4}).message


def test_gradient_descent_momentum_matches_a_plain_loop_and_zero_is_plain_descent():
    bowl = nl.landscapes.Bowl(1.0, 10.0, angle=20.0)
    x0 = np.array([-2.0, 1.5])
    assert np.array_equal(nl.gradient_descent(bowl.grad, x0, 0.15, 40),
                          nl.gradient_descent(bowl.grad, x0, 0.15, 40, momentum=0.0))
    path = nl.gradient_descent(bowl.grad, x0, 0.15, 40, momentum=0.6)
    x, v = x0.copy(), np.zeros(2)
    for t in range(40):
        v = 0.6 * v - 0.15 * bowl.grad(x)
        x = x + v
        assert np.array_equal(path[t + 1], x)
    for bad, error in ((1.0, ValueError), (-0.5, ValueError), ("0.5", TypeError)):
        with pytest.raises(error, match="momentum"):
            nl.gradient_descent(bowl.grad, x0, 0.15, 5, momentum=bad)
