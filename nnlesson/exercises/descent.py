r"""Helpers and self-checks for the gradient-descent notebook (NumPy and nnlesson core only).

The exercises use one small, fixed data set (:func:`descent_exercise_data`) and
a single neuron z = w x + b:

* linear unit, MSE:          ∂MSE/∂w = (2/n) Σ (ŷ - y) x
* sigmoid unit, MSE:         ∂MSE/∂w = (2/n) Σ (ŷ - y) σ'(z) x
* sigmoid unit, cross-entropy (natural log): ∂CE/∂w = (1/n) Σ (ŷ - y) x
* softmax output, cross-entropy: ∂L/∂Z = (P - Y) / n  (Z, P, Y: (n, K), samples are rows)

The right value is always computed by nnlesson (``net.gradients``), never typed
in; each check also computes what a typical mistake gives and names it.
"""

from __future__ import annotations

import math

import numpy as np

from .. import activations
from .._i18n import _, _f
from ..descent import gradient_descent
from ..landscapes import Parabola
from ..losses import cross_entropy_logit_grad
from ..network import MLP
from ._feedback import compare

__all__ = [
    "descent_secant_slopes",
    "descent_first_order_table",
    "descent_exercise_data",
    "descent_unit",
    "descent_article002_gradient",
    "check_descent_parabola_step",
    "check_descent_mse_gradient",
    "check_descent_sigmoid_mse_gradient",
    "check_descent_cross_entropy_gradient",
    "descent_softmax_exercise_data",
    "check_descent_softmax_gradient",
]


def descent_secant_slopes(f, x, hs):
    """Secant slopes (f(x + h) - f(x)) / h for each h in ``hs`` (an array like hs)."""
    hs = np.asarray(hs, dtype=np.float64)
    return (f(x + hs) - f(x)) / hs


def descent_first_order_table(f, grad, x, direction, scales):
    r"""For Δx = s · direction (s in ``scales``): rows (|Δx|, f(x+Δx) - f(x), ∇f(x)·Δx, error).

    The error of the first-order estimate shrinks like |Δx|² for a smooth f.
    """
    x = np.asarray(x, dtype=np.float64)
    d = np.asarray(direction, dtype=np.float64)
    g = np.asarray(grad(x), dtype=np.float64)
    rows = []
    for s in np.asarray(scales, dtype=np.float64):
        dx = s * d
        actual = float(f(x + dx) - f(x))
        linear = float(g @ dx)
        rows.append((float(np.linalg.norm(dx)), actual, linear, actual - linear))
    return np.array(rows)


def descent_exercise_data():
    """The fixed data of the exercises: X (5, 1), Y (5, 1) with 0/1 targets, and w = 0.5, b = 0.25.

    Five samples, not four: with n = 4 the factor 2/n is ½, so forgetting it would give exactly twice the
    right value and read like a forgotten ½; with n = 5 each typical mistake gives its own number.
    """
    X = np.array([[-0.5], [1.0], [1.5], [2.0], [3.0]])
    Y = np.array([[1.0], [0.0], [1.0], [1.0], [0.0]])
    return X, Y, 0.5, 0.25


def descent_unit(w, b, output="identity"):
    """A one-input, one-output neuron (nl.MLP([1, 1])) with weight ``w`` and bias ``b``."""
    net = MLP([1, 1], output=output, seed=0)
    net.weights[0] = np.array([[float(w)]])
    net.biases[0] = np.array([float(b)])
    return net


def descent_article002_gradient(X, Y, w, b, output="identity"):
    r"""Article 002's formula as printed: (2/n) Σ (y - ŷ) f'(z) x, for one neuron (returns a float).

    It is the true ∂MSE/∂w with the sign flipped.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    z = X * w + b
    yhat = activations.forward(output, z)
    slope = activations.slope(output, z)
    return float(2.0 / X.shape[0] * np.sum((Y - yhat) * slope * X))


def _grad_w(output, loss):
    X, Y, w, b = descent_exercise_data()
    net = descent_unit(w, b, output)
    return float(net.gradients(X, Y, loss).weights[0][0, 0]), X, Y, w, b


def check_descent_parabola_step(answer, x0=3.0, lr=0.1):
    """One gradient-descent step by hand on f(x) = x² (nl.landscapes.Parabola(lam=2)) from x0.

    The default start x0 = 3 keeps f(x0) = 9 apart from f'(x0) = 6 (at x0 = 2 both are 4, and using f
    instead of f' would pass unnoticed).
    """
    right, mistakes = _parabola_step_cases(x0, lr)
    return compare("x1", answer, right, mistakes=mistakes, hint=_("x1 = x0 - η · f'(x0), with f'(x) = 2x."))


def _parabola_step_cases(x0, lr):
    """The right x1 and the values typical mistakes give (a dict explanation -> value)."""
    f = Parabola(lam=2.0)
    right = float(gradient_descent(f.grad, x0, lr, 1)[1])
    g = float(f.grad(x0))
    mistakes = {
        _f("the step is on the wrong side: x0 + η·f'(x0) = {uphill:g} walks uphill; "
           "step against the slope, x0 - η·f'(x0)", uphill=x0 + lr * g): x0 + lr * g,
        _f("the derivative of x² is 2x, not x: with f'(x0) = {slope:g} the step is x0 - η·2x0", slope=2 * x0):
            x0 - lr * x0,
        _("the learning rate is missing: x0 - f'(x0) takes the whole slope as the step; multiply it by η"): x0 - g,
        _("f(x0) was used where the slope f'(x0) belongs: the step is -η·f'(x0)"): x0 - lr * float(f.f(x0)),
        _("this is the change -η·f'(x0), not the new position: add it to x0"): -lr * g,
        _("this is the size of the step, η·f'(x0), not the new position: subtract it from x0"): lr * g,
        _("this is the slope f'(x0), not the new position x1 = x0 - η·f'(x0)"): g,
        _("this is f(x1), the height after the step, not the new position x1"): float(f.f(right)),
    }
    return right, mistakes


def _sign_002():
    return _("the sign is flipped, as in article 002's formula with (y - ŷ): the derivative of (y - ŷ)² "
             "with respect to ŷ is 2(ŷ - y)")


def check_descent_mse_gradient(answer):
    """∂MSE/∂w of the linear unit ŷ = w x + b on :func:`descent_exercise_data`."""
    right, mistakes = _mse_gradient_cases()
    return compare("∂MSE/∂w", answer, right, mistakes=mistakes, hint="(2/n) Σ (ŷ - y) x")


def _mse_gradient_cases():
    right, X, Y, w, b = _grad_w("identity", "mse")
    yhat = X * w + b
    n = X.shape[0]
    mistakes = {
        _sign_002(): -right,
        _("the factor 2 from differentiating the square is missing"): right / 2,
        _("you summed over the samples but did not divide by n (MSE is a mean)"): float(np.sum(2 * (yhat - Y) * X)),
        _("both the 2 and the 1/n are missing: (2/n) Σ (ŷ - y) x, the mean of the derivative of each square"):
            float(np.sum((yhat - Y) * X)),
        _("the input x is missing: ∂z/∂w = x multiplies every term"): float(2 / n * np.sum(yhat - Y)),
        _("this is the MSE itself, not its derivative with respect to w"): float(np.mean((yhat - Y) ** 2)),
    }
    return right, mistakes


def _sigmoid_unit(loss):
    """The right ∂loss/∂w of the sigmoid unit, its data, pre-activations z, outputs σ(z) and sample count."""
    right, X, Y, w, b = _grad_w("sigmoid", loss)
    z = X * w + b
    return right, X, Y, z, activations.sigmoid(z), X.shape[0]


def check_descent_sigmoid_mse_gradient(answer):
    """∂MSE/∂w of the sigmoid unit ŷ = σ(w x + b) on :func:`descent_exercise_data`."""
    right, mistakes = _sigmoid_mse_cases()
    return compare(_("∂MSE/∂w (sigmoid unit)"), answer, right, mistakes=mistakes, hint="(2/n) Σ (ŷ - y) σ'(z) x")


def _sigmoid_mse_cases():
    right, X, Y, z, p, n = _sigmoid_unit("mse")
    term = (p - Y) * p * (1 - p) * X            # (ŷ - y) σ'(z) x, sample by sample
    slope_of_p = activations.sigmoid_slope(p)   # σ'(ŷ): the slope function given ŷ instead of z
    mistakes = {
        _("the sigmoid's slope f'(z) = σ(z)(1 - σ(z)) is missing from the chain rule"): float(
            2 / n * np.sum((p - Y) * X)),
        _sign_002(): -right,
        _("the factor 2 from differentiating the square is missing"): right / 2,
        _("you summed over the samples but did not divide by n (MSE is a mean)"): float(2 * np.sum(term)),
        _("both the 2 and the 1/n are missing"): float(np.sum(term)),
        _("the slope was evaluated at ŷ instead of z: σ'(ŷ) = σ(ŷ)(1 - σ(ŷ)); pass z = w x + b to the slope, "
          "or use ŷ(1 - ŷ) directly"): float(2 / n * np.sum((p - Y) * slope_of_p * X)),
        _("the slope was taken as σ(z)·(1 - z) instead of σ(z)(1 - σ(z))"): float(
            2 / n * np.sum((p - Y) * p * (1 - z) * X)),
        _("the input x is missing: ∂z/∂w = x multiplies every term"): float(2 / n * np.sum((p - Y) * p * (1 - p))),
        _("ŷ was computed without the sigmoid (ŷ = w x + b): that is exercise 2's linear unit"): float(
            2 / n * np.sum((z - Y) * X)),
        _("this is the cross-entropy gradient (1/n) Σ (ŷ - y) x of exercise 4: with the squared error the slope "
          "σ'(z) and the 2 stay, (2/n) Σ (ŷ - y) σ'(z) x"): float(1 / n * np.sum((p - Y) * X)),
    }
    return right, mistakes


def check_descent_cross_entropy_gradient(answer):
    """∂CE/∂w (natural log) of the sigmoid unit on :func:`descent_exercise_data`."""
    right, mistakes = _cross_entropy_cases()
    return compare("∂CE/∂w", answer, right, mistakes=mistakes, hint="(1/n) Σ (ŷ - y) x")


def _cross_entropy_cases():
    right, X, Y, z, p, n = _sigmoid_unit("cross_entropy")
    one_term = float(1 / n * np.sum(-Y * (1 - p) * X))   # the gradient of -(1/n) Σ y ln ŷ alone
    mistakes = {
        _("σ'(z) was multiplied in: with cross-entropy the slope cancels, ∂CE/∂z = ŷ - y"): float(
            1 / n * np.sum((p - Y) * p * (1 - p) * X)),
        _("this is the MSE gradient of exercise 3, (2/n) Σ (ŷ - y) σ'(z) x: with cross-entropy the slope cancels"): (
            float(2 / n * np.sum((p - Y) * p * (1 - p) * X))),
        _("the sign is flipped (like article 002's (y - ŷ)): ∂CE/∂z = ŷ - y, not y - ŷ"): -right,
        _("this is the log₂ version (1/ln 2 ≈ 1.44 times larger): the notebook's cross-entropy uses ln"): (
            right / math.log(2)),
        _("a factor 2 crept in: cross-entropy has no square to differentiate"): 2 * right,
        _("you summed over the samples but did not divide by n (the loss is a mean)"): float(np.sum((p - Y) * X)),
        _("this is the gradient of the one-term loss -y ln ŷ alone: it drops the (1 - y) ln(1 - ŷ) term, so the "
          "samples with y = 0 contribute nothing; for a yes/no output both terms are needed"): one_term,
        _("this is the one-term loss -y log₂ ŷ (article 003's form as printed): it drops the (1 - y) term, and "
          "the notebook uses ln"): one_term / math.log(2),
        _("the input x is missing: ∂z/∂w = x multiplies every term"): float(1 / n * np.sum(p - Y)),
        _("ŷ was computed without the sigmoid (ŷ = w x + b): the unit's output is σ(w x + b)"): float(
            1 / n * np.sum((z - Y) * X)),
        _("the chain rule stopped at ∂CE/∂ŷ = (ŷ - y) / (ŷ(1 - ŷ)): multiply by the slope σ'(z) = ŷ(1 - ŷ), "
          "which cancels the denominator and leaves ŷ - y"): float(1 / n * np.sum((p - Y) / (p * (1 - p)) * X)),
    }
    return right, mistakes


def descent_softmax_exercise_data():
    """Weighted sums Z (4 samples x 3 classes) of a softmax output layer and one-hot targets Y (4, 3).

    Four samples and three classes, so that dividing by the number of classes instead of the number of
    samples gives its own number; the last row is a confident wrong answer.
    """
    Z = np.array([[2.0, -1.0, 0.5],
                  [0.0, 1.5, -0.5],
                  [-1.0, 0.5, 1.0],
                  [-3.0, 3.0, 0.0]])
    Y = np.eye(3)[[0, 2, 2, 0]]
    return Z, Y


def check_descent_softmax_gradient(answer):
    """∂L/∂Z of the mean softmax cross-entropy on :func:`descent_softmax_exercise_data`: (P - Y) / n."""
    right, mistakes = _softmax_cases()
    return compare("∂L/∂Z", answer, right, mistakes=mistakes,
                   hint=_("P = softmax of each row of Z; then (P - Y) / n, with n the number of samples (rows)."))


def _softmax_cases():
    Z, Y = descent_softmax_exercise_data()
    n, k = Z.shape
    P = activations.softmax(Z)
    right = cross_entropy_logit_grad(P, Y, "softmax")     # nnlesson's (P - Y) / n
    S = activations.sigmoid(Z)
    mistakes = {
        _("the 1/n of the mean over the samples is missing: (P - Y) / n"): P - Y,
        _("the sign is flipped: it is (P - Y) / n, not (Y - P) / n"): -right,
        _("this is divided by the number of classes; the mean is over the n samples (rows)"): (P - Y) / k,
        _("this is divided by every entry, n·K; the loss sums over the classes and averages over the samples"):
            (P - Y) / (n * k),
        _("the softmax slope P(1 - P) was multiplied in: with cross-entropy the slope cancels, "
          "∂L/∂Z = (P - Y) / n"): (P - Y) * P * (1 - P) / n,
        _("this is ∂L/∂P = -Y / (n P), the gradient with respect to the probabilities; go one step further "
          "back to Z"): -Y / (n * P),
        _("P was taken as σ(Z), each entry on its own: softmax divides e^Z by the sum of its row"): (S - Y) / n,
        _("the softmax was taken down the columns instead of along each row (samples are rows)"):
            (np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True) - Y) / n,
        _("the targets were not subtracted: this is P / n; the gradient is (P - Y) / n"): P / n,
        _("Z was used where the probabilities P = softmax(Z) belong: (P - Y) / n, not (Z - Y) / n"): (Z - Y) / n,
    }
    return right, mistakes
