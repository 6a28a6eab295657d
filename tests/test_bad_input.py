"""Every kind of bad input fails early, from nnlesson, naming the argument, and changes nothing."""

import numpy as np
import pytest

import nnlesson as nl


@pytest.fixture
def setup():
    net = nl.MLP([2, 3, 1], seed=0)
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    Y = np.array([[1.0], [1.0], [0.0]])
    return net, X, Y


def snapshot(net):
    return [w.copy() for w in net.weights] + [b.copy() for b in net.biases]


def unchanged(net, snap):
    return all(np.array_equal(a, b) for a, b in zip(snap, list(net.weights) + list(net.biases)))


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(sizes=[2]), ValueError, "sizes"),
    (dict(sizes=[2, 0, 1]), ValueError, "sizes[1]"),
    (dict(sizes=[2, 2.5]), TypeError, "sizes[1]"),
    (dict(sizes="2,1"), TypeError, "sizes"),
    (dict(sizes=[2, 1], hidden="sigmod"), ValueError, "hidden"),
    (dict(sizes=[2, 1], hidden="softmax"), ValueError, "hidden"),
    (dict(sizes=[2, 1], output="linear"), ValueError, "output"),
    (dict(sizes=[2, 1], init="glorot"), ValueError, "init"),
    (dict(sizes=[2, 1], init=3), TypeError, "init"),
    (dict(sizes=[2, 1], seed=1.5), TypeError, "seed"),
    (dict(sizes=[2, 1], seed=-1), ValueError, "seed"),
])
def test_mlp_constructor(kwargs, exc, words):
    with pytest.raises(exc, match=None) as info:
        nl.MLP(**kwargs)
    assert words in str(info.value)


def test_unknown_names_list_valid_ones():
    with pytest.raises(ValueError, match="relu"):
        nl.MLP([2, 1], hidden="rectifier")
    with pytest.raises(ValueError, match="half_sse"):
        nl.MLP([2, 1]).loss(np.zeros((1, 2)), np.zeros((1, 1)), loss="sse")
    with pytest.raises(ValueError, match="xavier"):
        nl.MLP([2, 1], init="lecun")


def test_init_callable_with_wrong_shape():
    with pytest.raises(ValueError, match="init"):
        nl.MLP([2, 3], init=lambda fan_in, fan_out, rng: np.zeros((fan_out, fan_in)))


@pytest.mark.parametrize("X, words", [
    (np.zeros((3, 3)), "columns"),
    (np.zeros(2), "2-D"),
    (np.zeros((0, 2)), "empty"),
    (np.array([[np.nan, 1.0]]), "NaN"),
    (np.array([[np.inf, 1.0]]), "NaN or infinite"),
    ("abc", "X"),
])
def test_forward_bad_X(setup, X, words):
    net, _, _ = setup
    with pytest.raises((ValueError, TypeError)) as info:
        net.forward(X)
    assert "X" in str(info.value) and words in str(info.value)


@pytest.mark.parametrize("Y, words", [
    (np.zeros((3, 2)), "Y must have shape (3, 1)"),
    (np.zeros((2, 1)), "Y must have shape (3, 1)"),
    (np.zeros(3), "Y must be 2-D"),
    (np.array([[1.0], [np.nan], [0.0]]), "Y contains NaN"),
])
def test_loss_and_gradients_bad_Y(setup, Y, words):
    net, X, _ = setup
    for call in (net.loss, net.gradients):
        with pytest.raises(ValueError) as info:
            call(X, Y)
        assert words in str(info.value)


def test_cross_entropy_needs_probabilities(setup):
    net, X, _ = setup
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        net.loss(X, np.array([[2.0], [0.0], [1.0]]), loss="cross_entropy")
    linear = nl.MLP([2, 1], output="identity")
    with pytest.raises(ValueError, match="output='sigmoid' or 'softmax'"):
        linear.gradients(X, np.zeros((3, 1)), loss="cross_entropy")


def test_weight_reassignment_is_checked(setup):
    net, _, _ = setup
    snap = snapshot(net)
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(2, 3\)"):
        net.weights[0] = np.zeros((3, 2))
    with pytest.raises(ValueError, match="biases"):
        net.biases[1] = np.zeros(2)
    with pytest.raises(ValueError, match="NaN"):
        net.weights[1] = np.full((3, 1), np.nan)
    with pytest.raises(ValueError, match="weights needs 2 arrays"):
        net.weights = [np.zeros((2, 3))]
    with pytest.raises(ValueError, match=r"weights\[1\]"):
        net.weights = [np.zeros((2, 3)), np.zeros((1, 3))]
    with pytest.raises(TypeError, match="number of layers"):
        net.weights.append(np.zeros((1, 1)))
    with pytest.raises(TypeError):
        del net.biases[0]
    assert unchanged(net, snap)


@pytest.mark.parametrize("kwargs, exc, words", [
    (dict(lr=0), ValueError, "lr"),
    (dict(lr=-0.1), ValueError, "lr"),
    (dict(lr=float("nan")), ValueError, "lr"),
    (dict(lr=float("inf")), ValueError, "lr"),
    (dict(lr="0.1"), TypeError, "lr"),
    (dict(epochs=-1), ValueError, "epochs"),
    (dict(epochs=2.5), TypeError, "epochs"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(batch_size=4), ValueError, "batch_size"),
    (dict(batch_size=1.5), TypeError, "batch_size"),
    (dict(batch_size=True), TypeError, "batch_size"),
    (dict(loss="hinge"), ValueError, "loss"),
    (dict(tol=-1.0), ValueError, "tol"),
    (dict(max_steps=-3), ValueError, "max_steps"),
    (dict(seed="x"), TypeError, "seed"),
])
def test_train_rejects_bad_settings_before_changing_anything(setup, kwargs, exc, words):
    net, X, Y = setup
    snap = snapshot(net)
    args = dict(lr=0.1, epochs=2)
    args.update(kwargs)
    lr, epochs = args.pop("lr"), args.pop("epochs")
    with pytest.raises(exc) as info:
        nl.train(net, X, Y, lr, epochs, **args)
    assert words in str(info.value)
    assert unchanged(net, snap)


def test_train_rejects_wrong_net_and_data(setup):
    net, X, Y = setup
    with pytest.raises(TypeError, match="net"):
        nl.train("net", X, Y, 0.1, 1)
    with pytest.raises(ValueError, match="Y"):
        nl.train(net, X, Y[:2], 0.1, 1)
    with pytest.raises(ValueError, match="X"):
        nl.train(net, np.empty((0, 2)), np.empty((0, 1)), 0.1, 1)


def test_numerical_gradients_bad_eps(setup):
    net, X, Y = setup
    for eps in (0, -1e-6, float("nan")):
        with pytest.raises(ValueError, match="eps"):
            nl.numerical_gradients(net, X, Y, eps=eps)
    with pytest.raises(TypeError, match="net"):
        nl.numerical_gradients([1], X, Y)


def test_gradient_descent_bad_input():
    with pytest.raises(TypeError, match="grad"):
        nl.gradient_descent(3.0, 1.0, 0.1, 5)
    with pytest.raises(ValueError, match="lr"):
        nl.gradient_descent(lambda x: x, 1.0, 0.0, 5)
    with pytest.raises(ValueError, match="steps"):
        nl.gradient_descent(lambda x: x, 1.0, 0.1, -1)
    with pytest.raises(TypeError, match="steps"):
        nl.gradient_descent(lambda x: x, 1.0, 0.1, 2.0)
    with pytest.raises(ValueError, match="x0"):
        nl.gradient_descent(lambda x: x, np.nan, 0.1, 2)
    with pytest.raises(ValueError, match="shape"):
        nl.gradient_descent(lambda x: np.zeros(3), np.zeros(2), 0.1, 2)


def test_proportional_split_bad_input():
    with pytest.raises(ValueError, match="sum to zero"):
        nl.proportional_error_split([0.5, -0.5], 1.0)
    with pytest.raises(ValueError, match="sum to zero"):
        nl.proportional_error_split([0.0, 0.0], 1.0)
    with pytest.raises(ValueError, match="error"):
        nl.proportional_error_split([0.5, 0.5], [1.0, 2.0])
    with pytest.raises(ValueError, match="weights"):
        nl.proportional_error_split(np.zeros((2, 2, 2)), 1.0)
    with pytest.raises(ValueError, match="NaN"):
        nl.proportional_error_split([np.nan, 1.0], 1.0)
    with pytest.raises(TypeError, match="weights"):
        nl.proportional_error_split(None, 1.0)


def test_proportional_split_matrix_form_and_no_mutation():
    w = np.array([[0.58, 0.2], [0.21, 0.3], [0.36, 0.5]])
    e = np.array([2.0, 1.0])
    w0, e0 = w.copy(), e.copy()
    out = nl.proportional_error_split(w, e)
    assert np.allclose(out, 2 * w[:, 0] / w[:, 0].sum() + 1 * w[:, 1] / w[:, 1].sum())
    assert np.array_equal(w, w0) and np.array_equal(e, e0)


def test_callers_arrays_never_modified(setup):
    net, X, Y = setup
    X0, Y0 = X.copy(), Y.copy()
    net.forward(X)
    net.gradients(X, Y)
    nl.numerical_gradients(net, X, Y)
    net.trace(X, Y)
    assert np.array_equal(X, X0) and np.array_equal(Y, Y0)


def test_dataset_arguments_checked():
    with pytest.raises(ValueError, match="n"):
        nl.datasets.two_moons(n=0)
    with pytest.raises(TypeError, match="seed"):
        nl.datasets.circles(seed="a")
    with pytest.raises(ValueError, match="noise"):
        nl.datasets.spirals(noise=-1)
    with pytest.raises(ValueError, match="factor"):
        nl.datasets.circles(factor=1.5)
    with pytest.raises(ValueError, match="classes"):
        nl.datasets.one_hot([0, 3], classes=2)


def test_landscape_arguments_checked():
    with pytest.raises(ValueError, match="lam"):
        nl.landscapes.Parabola(0)
    with pytest.raises(ValueError, match="lam2"):
        nl.landscapes.Bowl(1.0, -2.0)
    with pytest.raises(ValueError, match=r"\(\.\.\., 2\)"):
        nl.landscapes.Bowl().f(np.zeros(3))


# --- inputs that used to escape as OverflowError, IndexError, MemoryError or silence ---------------
BIG = 10**400
_net = nl.MLP([2, 2, 1], seed=0)
_X, _Y = np.zeros((3, 2)), np.zeros((3, 1))


@pytest.mark.parametrize("call, exc, words", [
    (lambda: _net.forward([[BIG, 1]]), ValueError, "X holds a number too large"),
    (lambda: _net.loss([[BIG, 1]], [[0.0]]), ValueError, "X holds"),
    (lambda: _net.gradients(_X, [[BIG]] * 3), ValueError, "Y holds"),
    (lambda: nl.numerical_gradients(_net, [[BIG, 1]], [[0.0]]), ValueError, "X holds"),
    (lambda: nl.train(_net.copy(), _X, _Y, lr=BIG, epochs=1), ValueError, "lr"),
    (lambda: nl.train(_net.copy(), _X, _Y, 0.1, 1, tol=BIG), ValueError, "tol"),
    (lambda: nl.numerical_gradients(_net, _X, _Y, eps=BIG), ValueError, "eps"),
    (lambda: nl.numerical_gradients(_net, _X, _Y, eps=1e308), ValueError, "eps must be <= 1"),
    (lambda: nl.gradient_descent(lambda x: x, BIG, 0.1, 3), ValueError, "x0"),
    (lambda: nl.proportional_error_split([BIG], 1), ValueError, "weights"),
    (lambda: nl.landscapes.Parabola(BIG), ValueError, "lam"),
    (lambda: nl.landscapes.Rosenbrock(a=1e200), ValueError, "a must be"),
    (lambda: nl.landscapes.Bowl(angle="30"), TypeError, "angle"),
    (lambda: nl.landscapes.Parabola().f(None), TypeError, "x"),
    (lambda: nl.landscapes.Parabola().f("1.5"), TypeError, "x"),
    (lambda: nl.datasets.one_hot([2**70]), ValueError, "labels"),
    (lambda: nl.datasets.one_hot(["a"]), TypeError, "labels"),
    (lambda: nl.datasets.spirals(classes=2**63), ValueError, "classes"),
    (lambda: nl.datasets.train_test_split(5, [1]), ValueError, "X"),
    (lambda: nl.datasets.linear_data(slope=float("nan")), ValueError, "slope"),
    (lambda: nl.MLP([2, 10**12]), ValueError, "parameters"),
    (lambda: nl.MLP({3, 2}), TypeError, "sizes"),
    (lambda: nl.MLP(np.array(3)), TypeError, "sizes"),
    (lambda: nl.relative_error(None, None), TypeError, "a"),
    (lambda: _net.forward(np.array([[1 + 1j, 2]])), TypeError, "complex"),
    (lambda: _net.forward([[1, "2"]]), TypeError, "text"),
    (lambda: _net.forward([[1, None]]), TypeError, "X"),
    (lambda: nl.gradient_descent(lambda x: None, 1.0, 0.1, 3), TypeError, "return"),
    (lambda: nl.gradient_descent(lambda x: "x", 1.0, 0.1, 3), TypeError, "grad returned"),
])
def test_escapes_are_clear_errors(call, exc, words):
    with pytest.raises(exc, match=words.replace("(", r"\(")):
        call()


def test_step_checks_every_gradient_before_changing_any_layer(setup):
    net, X, Y = setup
    snap = snapshot(net)
    g = net.gradients(X, Y)
    g.weights[1] = np.full_like(g.weights[1], np.nan)
    with pytest.raises(ValueError, match=r"gradients.weights\[1\]"):
        net.step(g, 0.1)
    g = net.gradients(X, Y)
    g.biases[1] = np.zeros(5)
    with pytest.raises(ValueError, match=r"gradients.biases\[1\]"):
        net.step(g, 0.1)
    assert unchanged(net, snap)
