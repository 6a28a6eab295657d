"""MLP: shapes, forward pass, losses and backprop against central differences."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnlesson as nl
from nnlesson import activations, losses


def small_problem(sizes, output, loss, seed, n=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, sizes[0]))
    if loss == "cross_entropy" and output == "softmax":
        Y = nl.datasets.one_hot(rng.integers(0, sizes[-1], n), sizes[-1])
    elif loss == "cross_entropy":
        Y = rng.integers(0, 2, size=(n, sizes[-1])).astype(float)
    else:
        Y = rng.uniform(0, 1, size=(n, sizes[-1]))
    return X, Y


def test_contract_shapes():
    net = nl.MLP([2, 3, 4, 2], hidden="tanh", output="softmax", init="xavier", seed=0)
    assert [w.shape for w in net.weights] == [(2, 3), (3, 4), (4, 2)]
    assert [b.shape for b in net.biases] == [(3,), (4,), (2,)]
    assert all(w.dtype == np.float64 for w in net.weights)
    X = np.ones((7, 2))
    assert net.forward(X).shape == (7, 2)
    assert np.allclose(net.forward(X).sum(axis=1), 1.0)
    g = net.gradients(X, nl.datasets.one_hot(np.arange(7) % 2, 2), loss="cross_entropy")
    assert [a.shape for a in g.weights] == [w.shape for w in net.weights]
    assert [a.shape for a in g.biases] == [b.shape for b in net.biases]


def test_forward_matches_hand_computation():
    net = nl.MLP([2, 2, 1], hidden="sigmoid", output="identity", init="zeros")
    net.weights[0] = [[1.0, -1.0], [0.5, 2.0]]
    net.weights[1] = [[3.0], [-2.0]]
    net.biases[0] = [0.1, -0.2]
    net.biases[1] = [0.5]
    x = np.array([[0.3, -0.7]])
    h = 1 / (1 + np.exp(-(x @ np.array([[1.0, -1.0], [0.5, 2.0]]) + [0.1, -0.2])))
    expected = h @ np.array([[3.0], [-2.0]]) + 0.5
    assert np.allclose(net.forward(x), expected, rtol=0, atol=1e-15)


def test_same_seed_same_weights_different_seed_different():
    a = nl.MLP([3, 4, 2], seed=7)
    b = nl.MLP([3, 4, 2], seed=7)
    c = nl.MLP([3, 4, 2], seed=8)
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_generator_seed_accepted():
    net = nl.MLP([2, 2], seed=np.random.default_rng(3))
    assert net.weights[0].shape == (2, 2)


@pytest.mark.parametrize("init", sorted(nl.initializers.NAMED))
def test_every_named_init(init):
    net = nl.MLP([30, 20, 5], init=init, seed=0)
    w = net.weights[0]
    assert w.shape == (30, 20) and np.all(np.isfinite(w))
    assert np.all(net.biases[0] == 0)
    if init == "zeros":
        assert np.all(w == 0)
    if init == "positive":
        assert w.min() >= 0.01 and w.max() <= 0.99
    if init == "xavier":
        assert np.abs(w).max() <= math.sqrt(6 / 50)
    if init == "he":
        assert 0.5 * math.sqrt(2 / 30) < w.std() < 1.5 * math.sqrt(2 / 30)


@pytest.mark.parametrize("form", ["three", "two", "one", "one with a default", "two with a default"])
def test_callable_init_forms(form):
    if form == "three":
        def init(fan_in, fan_out, rng):
            return np.full((fan_in, fan_out), 0.5)
    elif form == "two":
        def init(shape, rng):
            return np.full(shape, 0.5)
    elif form == "one":
        def init(shape):
            return np.full(shape, 0.5)
    elif form == "one with a default":  # an argument with a default is not counted: f(shape, value=0.5)
        def init(shape, value=0.5):
            return np.full(shape, value)
    else:
        def init(shape, rng, value=0.5):
            assert isinstance(rng, np.random.Generator)
            return np.full(shape, value)
    net = nl.MLP([2, 3, 1], init=init)
    assert all(np.all(w == 0.5) for w in net.weights)


def test_weights_assignment_copies_and_keeps_shape():
    net = nl.MLP([2, 2, 1], seed=0)
    mine = np.array([[1.0, 2.0], [3.0, 4.0]])
    net.weights[0] = mine
    mine[0, 0] = 99.0
    assert net.weights[0][0, 0] == 1.0
    net.weights[0][0, 0] = 5.0  # element assignment in place works
    assert net.weights[0][0, 0] == 5.0
    net.weights = [np.zeros((2, 2)), np.ones((2, 1))]
    assert np.all(net.weights[1] == 1)


@pytest.mark.parametrize("loss", ["mse", "half_sse"])
def test_loss_formulas(loss):
    net = nl.MLP([2, 3], output="identity", init="zeros")
    net.biases[0] = [1.0, 2.0, 3.0]
    X = np.zeros((2, 2))
    Y = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]])
    sq = (np.array([[1, 2, 3], [1, 2, 3]]) - Y) ** 2
    expected = sq.mean() if loss == "mse" else 0.5 * sq.sum() / 2
    assert net.loss(X, Y, loss) == pytest.approx(expected)


def test_cross_entropy_formulas():
    net = nl.MLP([1, 3], output="softmax", init="zeros")
    net.biases[0] = [0.0, 1.0, 2.0]
    X = np.zeros((2, 1))
    Y = np.array([[1.0, 0, 0], [0, 0, 1.0]])
    p = np.exp([0.0, 1.0, 2.0]) / np.exp([0.0, 1.0, 2.0]).sum()
    assert net.loss(X, Y, "cross_entropy") == pytest.approx(-(np.log(p[0]) + np.log(p[2])) / 2)
    b = nl.MLP([1, 1], output="sigmoid", init="zeros")
    b.biases[0] = [0.3]
    q = 1 / (1 + np.exp(-0.3))
    Yb = np.array([[1.0], [0.0]])
    assert b.loss(X, Yb, "cross_entropy") == pytest.approx(-(np.log(q) + np.log(1 - q)) / 2)


def test_cross_entropy_is_finite_for_saturated_outputs():
    net = nl.MLP([1, 1], output="sigmoid", init="zeros")
    net.biases[0] = [800.0]
    X, Y = np.zeros((1, 1)), np.zeros((1, 1))
    assert net.loss(X, Y, "cross_entropy") == pytest.approx(800.0)
    g = net.gradients(X, Y, "cross_entropy")
    assert g.biases[0][0] == pytest.approx(1.0)


def test_sigmoid_stable_and_symmetric():
    z = np.array([-1000.0, -5.0, 0.0, 5.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        s = activations.sigmoid(z)
    assert np.allclose(s + activations.sigmoid(-z), 1.0)
    assert s[2] == 0.5 and 0.0 <= s[0] < 1e-300 and s[-1] == 1.0


@pytest.mark.parametrize("name", activations.HIDDEN)
def test_activation_slopes_match_differences(name):
    z = np.linspace(-3, 3, 13) + 0.05  # avoid relu's kink at 0
    h = 1e-6
    numeric = (activations.forward(name, z + h) - activations.forward(name, z - h)) / (2 * h)
    assert np.allclose(activations.slope(name, z), numeric, atol=1e-8)


def test_softmax_backward_matches_jacobian():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(1, 4))
    a = activations.softmax(z)
    dA = rng.normal(size=(1, 4))
    J = np.diag(a[0]) - np.outer(a[0], a[0])
    assert np.allclose(activations.backward("softmax", dA, z, a), dA @ J)


def test_loss_gradients_match_differences():
    rng = np.random.default_rng(1)
    P, Y = rng.uniform(0.1, 0.9, size=(4, 3)), rng.uniform(0, 1, size=(4, 3))
    for name, f, g in [("mse", losses.mse, losses.mse_grad), ("half_sse", losses.half_sse, losses.half_sse_grad)]:
        num = np.zeros_like(P)
        for idx in np.ndindex(P.shape):
            up, down = P.copy(), P.copy()
            up[idx] += 1e-6
            down[idx] -= 1e-6
            num[idx] = (f(up, Y) - f(down, Y)) / 2e-6
        assert np.allclose(g(P, Y), num, atol=1e-8), name


ARCH = st.lists(st.integers(1, 4), min_size=2, max_size=4)


@given(
    sizes=ARCH,
    hidden=st.sampled_from(["sigmoid", "tanh", "identity", "relu"]),
    out_loss=st.sampled_from([("sigmoid", "mse"), ("identity", "half_sse"), ("tanh", "mse"), ("sigmoid", "half_sse"),
                              ("softmax", "cross_entropy"), ("sigmoid", "cross_entropy"), ("softmax", "mse"),
                              ("relu", "half_sse")]),
    seed=st.integers(0, 10_000),
)
def test_backprop_agrees_with_central_differences(sizes, hidden, out_loss, seed):
    output, loss = out_loss
    if output == "softmax" and sizes[-1] < 2:
        sizes = sizes[:-1] + [2]
    net = nl.MLP(sizes, hidden=hidden, output=output, init="xavier", seed=seed)
    for b in net.biases:  # non-zero biases exercise dL/db too
        b += np.random.default_rng(seed + 1).normal(0, 0.3, size=b.shape)
    X, Y = small_problem(sizes, output, loss, seed)
    analytic = net.gradients(X, Y, loss)
    numeric = nl.numerical_gradients(net, X, Y, loss, eps=1e-6)
    scale = np.linalg.norm(analytic.flat()) + np.linalg.norm(numeric.flat())
    if scale < 1e-7:  # all gradients ~0 (e.g. every relu unit inactive): compare absolutely
        assert np.allclose(analytic.flat(), numeric.flat(), atol=1e-8)
        return
    if "relu" in (hidden, output):
        # skip draws where a relu input sits within eps of the kink, where differences are not derivatives
        trace = net.trace(X, Y, loss)
        if any(np.min(np.abs(z)) < 1e-4 for z in trace.Z[1:]):
            return
    assert nl.relative_error(analytic, numeric) <= 1e-6


@given(sizes=ARCH, seed=st.integers(0, 10_000), n=st.integers(2, 6))
def test_batch_gradient_is_mean_of_sample_gradients(sizes, seed, n):
    net = nl.MLP(sizes, hidden="tanh", output="sigmoid", seed=seed)
    X, Y = small_problem(sizes, "sigmoid", "mse", seed, n=n)
    for loss in ("half_sse", "cross_entropy"):
        full = net.gradients(X, Y, loss)
        per = [net.gradients(X[i:i + 1], Y[i:i + 1], loss) for i in range(n)]
        for layer in range(len(net.weights)):
            assert np.allclose(full.weights[layer], np.mean([p.weights[layer] for p in per], axis=0), atol=1e-12)
            assert np.allclose(full.biases[layer], np.mean([p.biases[layer] for p in per], axis=0), atol=1e-12)


def test_mse_averages_over_outputs_too():
    # "mse" is the mean over every element: its gradient is 1/k of the per-sample-sum version
    net = nl.MLP([2, 3], output="identity", seed=0)
    X, Y = small_problem([2, 3], "identity", "mse", 0)
    g_mse = net.gradients(X, Y, "mse").flat()
    g_half = net.gradients(X, Y, "half_sse").flat()
    assert np.allclose(g_mse, g_half * 2 / 3)


def test_numerical_gradients_leave_network_unchanged():
    ex = nl.examples.article001_net()
    before = [w.copy() for w in ex.net.weights] + [b.copy() for b in ex.net.biases]
    nl.numerical_gradients(ex.net, ex.X, ex.Y, "half_sse")
    after = list(ex.net.weights) + list(ex.net.biases)
    assert all(np.array_equal(a, b) for a, b in zip(before, after))


def test_gradient_check_verdicts():
    ex = nl.examples.article001_net()
    r = nl.gradient_check(ex.net, ex.X, ex.Y, "half_sse")
    assert r.relative_error < 1e-7 and r.verdict.startswith("excellent")
    assert set(r.per_array) == {"weights[0]", "weights[1]", "biases[0]", "biases[1]"}
    assert r.relative_error == max(r.per_array.values()) == r.per_array[r.worst]
    g = ex.net.gradients(ex.X, ex.Y, "half_sse")
    flipped = nl.Gradients([-w for w in g.weights], [-b for b in g.biases])
    assert nl.relative_error(g, flipped) == pytest.approx(1.0)
    assert nl.gradient_check.__module__ == "nnlesson.gradcheck"


def test_trace_exposes_chain_rule_factors():
    ex = nl.examples.article001_net()
    t = ex.net.trace(ex.X, ex.Y, "half_sse")
    o1 = t.A[2][0, 0]
    h1 = t.A[1][0, 0]
    assert t.dA[2][0, 0] == pytest.approx(o1 - 0.01)
    assert t.delta[2][0, 0] == pytest.approx((o1 - 0.01) * o1 * (1 - o1))
    assert t.gradients.weights[1][0, 0] == pytest.approx(t.delta[2][0, 0] * h1)


def test_step_and_copy():
    ex = nl.examples.article001_net()
    twin = ex.net.copy()
    g = ex.net.gradients(ex.X, ex.Y, "half_sse")
    ex.net.step(g, 0.5)
    assert round(ex.weight("w5"), 8) == 0.35891648
    assert twin.weights[1][0, 0] == 0.40


def test_predict_and_accuracy():
    X, labels = nl.datasets.xor()
    net = nl.MLP([2, 1], output="sigmoid", init="zeros")
    net.biases[0] = [1.0]
    assert net.predict(X).tolist() == [1, 1, 1, 1]
    assert nl.accuracy(net, X, labels) == 0.5
    multi = nl.MLP([2, 3], output="softmax", init="zeros")
    multi.biases[0] = [0.0, 2.0, 1.0]
    assert multi.predict(X).tolist() == [1, 1, 1, 1]
