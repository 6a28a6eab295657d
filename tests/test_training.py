"""train(): batching, shuffling, stopping rules, divergence; gradient_descent on landscapes."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nnlesson as nl


def moons(n=40, seed=0):
    X, labels = nl.datasets.two_moons(n=n, seed=seed)
    return X, labels[:, None].astype(float)


@given(n=st.integers(1, 40), b=st.integers(1, 40), epochs=st.integers(1, 3), seed=st.integers(0, 99))
def test_epoch_makes_ceil_n_over_b_updates_and_visits_each_sample_once(n, b, epochs, seed):
    b = min(b, n)
    X = np.arange(n, dtype=float)[:, None]
    Y = np.zeros((n, 1))
    net = nl.MLP([1, 1], output="identity", init="zeros")
    seen = []
    original = net._forward

    def spy(Xb):
        seen.append(Xb[:, 0].copy())
        return original(Xb)

    net._forward = spy
    h = nl.train(net, X, Y, lr=1e-3, epochs=epochs, batch_size=b, seed=seed)
    per_epoch = math.ceil(n / b)
    assert h.steps == len(h.step_losses) == epochs * per_epoch
    assert len(h.epoch_losses) == epochs + 1
    # calls: 1 initial full pass, then per epoch: per_epoch batches + 1 full pass
    calls = seen[1:]
    for e in range(epochs):
        batches = calls[e * (per_epoch + 1): e * (per_epoch + 1) + per_epoch]
        assert sorted(np.concatenate(batches).tolist()) == list(range(n))
        assert all(len(bt) == b for bt in batches[:-1])


def test_shuffling_follows_seed_and_full_batch_is_not_shuffled():
    X, Y = moons()
    runs = []
    for seed in (1, 1, 2):
        net = nl.MLP([2, 3, 1], seed=0)
        runs.append(nl.train(net, X, Y, lr=0.5, epochs=2, batch_size=8, seed=seed).step_losses)
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    a = nl.train(nl.MLP([2, 3, 1], seed=0), X, Y, lr=0.5, epochs=3, seed=1)
    b = nl.train(nl.MLP([2, 3, 1], seed=0), X, Y, lr=0.5, epochs=3, batch_size=len(X), seed=2)
    assert a.step_losses == b.step_losses


def test_step_losses_are_batch_losses_before_update():
    X, Y = moons(n=12)
    net = nl.MLP([2, 3, 1], seed=0)
    twin = net.copy()
    h = nl.train(net, X, Y, lr=0.5, epochs=1, batch_size=4, seed=5)
    order = np.random.default_rng(5).permutation(12)
    for k in range(3):
        idx = order[4 * k: 4 * k + 4]
        assert h.step_losses[k] == pytest.approx(twin.loss(X[idx], Y[idx]))
        g = twin.gradients(X[idx], Y[idx])
        twin.step(g, 0.5)
    assert all(np.allclose(a, b) for a, b in zip(net.weights, twin.weights))
    assert h.epoch_losses[-1] == pytest.approx(twin.loss(X, Y))


@given(seed=st.integers(0, 500), hidden=st.sampled_from(["sigmoid", "tanh"]),
       loss=st.sampled_from(["mse", "half_sse", "cross_entropy"]))
def test_full_batch_small_step_lowers_loss_every_epoch(seed, hidden, loss):
    X, Y = moons(n=30, seed=seed)
    net = nl.MLP([2, 4, 1], hidden=hidden, output="sigmoid", seed=seed)
    h = nl.train(net, X, Y, lr=0.05, epochs=15, loss=loss)
    assert all(b < a for a, b in zip(h.epoch_losses, h.epoch_losses[1:]))


def test_article001_net_learns():
    ex = nl.examples.article001_net()
    h = nl.train(ex.net, ex.X, ex.Y, lr=0.5, epochs=10000, loss="half_sse")
    assert h.epoch_losses[-1] < 1e-4  # the step-by-step example reports about 3.5e-5 after 10,000 rounds


def test_tol_stop_and_max_steps_stop():
    X, Y = nl.datasets.xor()
    Y = Y[:, None].astype(float)
    net = nl.MLP([2, 4, 1], hidden="tanh", seed=1)
    h = nl.train(net, X, Y, lr=1.0, epochs=5000, loss="cross_entropy", tol=0.05)
    assert h.stop_reason == "tol" and h.epoch_losses[-1] < 0.05 <= h.epoch_losses[-2]
    net = nl.MLP([2, 4, 1], hidden="tanh", seed=1)
    h = nl.train(net, X, Y, lr=1e-3, epochs=5000, tol=1e-9, max_steps=1000)
    assert h.stop_reason == "max_steps" and h.steps == 1000 and not h.diverged
    h = nl.train(nl.MLP([2, 2, 1], seed=0), X, Y, lr=0.1, epochs=3, batch_size=1, max_steps=6)
    assert h.steps == 6 and h.stop_reason == "max_steps" and h.epochs_run == 2
    h = nl.train(nl.MLP([2, 2, 1], seed=0), X, Y, lr=0.1, epochs=3)
    assert h.stop_reason == "epochs" and h.steps == 3
    h = nl.train(nl.MLP([2, 2, 1], seed=0), X, Y, lr=0.1, epochs=0)
    assert h.steps == 0 and len(h.epoch_losses) == 1


def test_divergence_is_reported_not_raised():
    X, Y = nl.datasets.linear_data(n=30)
    net = nl.MLP([1, 1], output="identity", seed=0)
    with pytest.warns(nl.DivergenceWarning, match="smaller lr"):
        h = nl.train(net, X, Y, lr=10.0, epochs=500)
    assert h.diverged and h.stop_reason == "diverged"
    assert h.epochs_run < 500
    with nl.capture_warnings() as caught:
        nl.train(nl.MLP([1, 1], output="identity", seed=0), X, Y, lr=10.0, epochs=500)
    assert len(caught.messages) == 1 and caught.messages[0].startswith("DivergenceWarning")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ok = nl.train(nl.MLP([1, 1], output="identity", seed=0), X, Y, lr=0.1, epochs=50)
    assert not ok.diverged and ok.epoch_losses[-1] < ok.epoch_losses[0]


def test_train_does_not_modify_callers_arrays():
    X, Y = moons()
    X0, Y0 = X.copy(), Y.copy()
    nl.train(nl.MLP([2, 3, 1], seed=0), X, Y, lr=0.5, epochs=2, batch_size=5)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


def test_gradient_descent_on_parabola_matches_closed_form():
    p = nl.landscapes.Parabola(lam=3.0)
    path = nl.gradient_descent(p.grad, 2.0, lr=0.1, steps=20)
    assert path.shape == (21,)
    assert np.allclose(path, 2.0 * (1 - 0.1 * 3.0) ** np.arange(21))
    osc = nl.gradient_descent(p.grad, 1.0, lr=p.lr_threshold, steps=6)
    assert np.allclose(np.abs(osc), 1.0)
    with np.errstate(over="ignore"):
        big = nl.gradient_descent(p.grad, 1.0, lr=1.0, steps=10)
    assert abs(big[-1]) > abs(big[0]) * 100


def test_gradient_descent_on_bowl_and_array_shapes():
    bowl = nl.landscapes.Bowl(1.0, 10.0, angle=30)
    path = nl.gradient_descent(bowl.grad, np.array([2.0, 1.0]), lr=0.15, steps=200)
    assert path.shape == (201, 2)
    assert np.linalg.norm(path[-1]) < 1e-6
    assert bowl.lr_threshold == pytest.approx(0.2)
    assert bowl.condition_number == pytest.approx(10.0)
    assert np.allclose(np.linalg.eigvalsh(bowl.hessian()), [1.0, 10.0])
    x0 = np.array([2.0, 1.0])
    nl.gradient_descent(bowl.grad, x0, lr=0.1, steps=3)
    assert np.array_equal(x0, [2.0, 1.0])


def test_gradient_descent_divergence_warns_once():
    with pytest.warns(nl.DivergenceWarning) as record:
        path = nl.gradient_descent(lambda x: x**3, 10.0, lr=1.0, steps=10)
    assert len(record) == 1 and not np.isfinite(path[-1])


@pytest.mark.parametrize("name", ["Parabola", "TwoMinima", "Bowl", "Rosenbrock"])
def test_landscape_gradients_and_hessians(name):
    land = {"Parabola": nl.landscapes.Parabola(2.0), "TwoMinima": nl.landscapes.TwoMinima(),
            "Bowl": nl.landscapes.Bowl(0.5, 4.0, 20), "Rosenbrock": nl.landscapes.Rosenbrock()}[name]
    x = np.array([0.3, -0.4]) if land.dim == 2 else np.array(0.7)
    h = 1e-6
    if land.dim == 1:
        assert land.grad(x) == pytest.approx((land.f(x + h) - land.f(x - h)) / (2 * h), rel=1e-6)
        assert land.hessian(x) == pytest.approx((land.grad(x + h) - land.grad(x - h)) / (2 * h), rel=1e-5)
    else:
        e = np.eye(2) * h
        num = np.array([(land.f(x + e[i]) - land.f(x - e[i])) / (2 * h) for i in range(2)])
        assert np.allclose(land.grad(x), num, rtol=1e-6)
        H = np.array([(land.grad(x + e[i]) - land.grad(x - e[i])) / (2 * h) for i in range(2)])
        assert np.allclose(land.hessian(x), H, rtol=1e-5, atol=1e-5)
    for m in land.minima:
        assert np.allclose(land.grad(np.asarray(m)), 0, atol=1e-9)


def test_two_minima_has_a_local_and_a_global_minimum():
    t = nl.landscapes.TwoMinima()
    glob, loc = t.minima
    assert glob < t.maximum < loc
    assert t.f(glob) < t.f(loc)
    assert t.hessian(glob) > 0 and t.hessian(loc) > 0 and t.hessian(t.maximum) < 0
    assert t.minimum == glob
