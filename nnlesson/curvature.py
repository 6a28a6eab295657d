r"""Curvature of the loss: the Hessian of a small network, and its largest eigenvalue.

On the quadratic bowls of notebook 05, gradient descent with step η is stable
exactly when η < 2/λ_max, where λ_max is the largest curvature (eigenvalue of
the Hessian).  A network's loss is not a bowl, but near the current weights it
is one to second order:

    L(w + d) ≈ L(w) + g·d + ½ dᵀ H d,        H_ij = ∂²L / ∂w_i ∂w_j

so 2/λ_max(H) is the step size at which descent *from here* starts to overshoot
along the sharpest direction.

Both functions here get second derivatives from first ones: a central
difference of backprop gradients,

    H v ≈ (g(w + ε v) - g(w - ε v)) / (2 ε),

costs two backward passes per product.  :func:`hessian` does that for each of
the P unit vectors (2P passes, P² numbers: fine for P up to a few thousand);
:func:`sharpness` needs only a few dozen products, whatever P is.

Parameters are ordered as in :meth:`Gradients.flat`: all weights layer by layer
(each matrix row by row), then all biases.  Neither function changes the network.
"""

from __future__ import annotations

import numpy as np

from . import _checks
from .network import MLP

#: Largest parameter count :func:`hessian` accepts (a 3000 x 3000 matrix is 72 MB).
MAX_HESSIAN_PARAMETERS = 3000


class _FlatLoss:
    """Gradient of the loss as a function of one flat parameter vector, on a private copy of ``net``."""

    def __init__(self, net, X, Y, loss):
        if not isinstance(net, MLP):
            raise TypeError(f"net must be an nnlesson.MLP, got {type(net).__name__}")
        self.X, self.Y = net._check_XY(X, Y, loss)
        self.loss = loss
        self.net = net.copy()
        params = list(self.net.weights) + list(self.net.biases)
        self.views = [p.reshape(-1) for p in params]
        self.w0 = np.concatenate(self.views)

    def _set(self, w):
        start = 0
        for v in self.views:
            v[...] = w[start:start + v.size]
            start += v.size

    def grad(self, w):
        self._set(w)
        net = self.net
        Zs, As = net._forward(self.X)
        _, _, delta = net._output_delta(Zs, As, self.Y, self.loss)
        dWs, dbs, _, _ = net._backward(Zs, As, delta)
        return np.concatenate([g.ravel() for g in dWs] + [g.ravel() for g in dbs])

    def hvp(self, v, eps):
        """H v by a central difference of gradients along v."""
        return (self.grad(self.w0 + eps * v) - self.grad(self.w0 - eps * v)) / (2 * eps)


def hessian(net, X, Y, loss="mse", eps=1e-4):
    """The (P, P) Hessian of ``net.loss(X, Y, loss)`` with respect to all P parameters.

    Column i is the central difference of backprop gradients along parameter i,
    (g(w + eps e_i) - g(w - eps e_i)) / (2 eps); the result is symmetrized,
    (H + Hᵀ)/2, since the exact Hessian is symmetric.  Order of parameters: that
    of :meth:`Gradients.flat`.  Cost: 2P gradient evaluations and P² floats, so
    it refuses P > :data:`MAX_HESSIAN_PARAMETERS`; use :func:`sharpness` there.
    """
    f = _FlatLoss(net, X, Y, loss)
    eps = _checks.positive_number("eps", eps, maximum=1.0)
    P = f.w0.size
    if P > MAX_HESSIAN_PARAMETERS:
        raise ValueError(f"net has {P} parameters; hessian builds a P x P matrix and allows at most "
                         f"{MAX_HESSIAN_PARAMETERS}. Use nl.sharpness for the largest eigenvalue of a larger net")
    H = np.empty((P, P))
    unit = np.zeros(P)
    for i in range(P):
        unit[i] = 1.0
        H[:, i] = f.hvp(unit, eps)
        unit[i] = 0.0
    return (H + H.T) / 2


def sharpness(net, X, Y, loss="mse", iters=100, tol=1e-6, seed=0):
    """The largest (most positive) eigenvalue λ_max of the loss Hessian, without forming it.

    Power iteration multiplies a random vector by H again and again until it
    points along the dominant eigenvector.  Plain power iteration finds the
    eigenvalue of largest *size*, which may be a large negative one, and
    converges slowly when two eigenvalues are close.  This routine keeps every
    vector the iteration produces (a Krylov space, built by the Lanczos
    recurrence with full re-orthogonalization) and takes the largest eigenvalue
    of H restricted to that space: it is always the most positive one, and it
    converges in far fewer products.  Stops after ``iters`` Hessian-vector
    products or when the estimate changes by less than ``tol`` (relative).

    ``seed`` fixes the random starting vector.  Returns a float; the network is
    not changed.  Agrees with ``np.linalg.eigvalsh(hessian(...))[-1]``.
    """
    f = _FlatLoss(net, X, Y, loss)
    iters = _checks.integer("iters", iters, minimum=1, maximum=100_000)
    tol = _checks.positive_number("tol", tol)
    rng = _checks.rng_from(seed)
    P = f.w0.size
    scale = max(1.0, float(np.linalg.norm(f.w0)) / np.sqrt(P))
    eps = 1e-4 * scale
    q = rng.standard_normal(P)
    q /= np.linalg.norm(q)
    Q = [q]
    alphas, betas = [], []
    estimate = None
    for k in range(min(iters, P)):
        w = f.hvp(Q[k], eps)
        alphas.append(float(Q[k] @ w))
        for qj in Q:                              # full re-orthogonalization (twice is enough)
            w -= (qj @ w) * qj
        for qj in Q:
            w -= (qj @ w) * qj
        T = np.diag(alphas) + np.diag(betas, 1) + np.diag(betas, -1)
        new = float(np.linalg.eigvalsh(T)[-1])
        if estimate is not None and abs(new - estimate) <= tol * max(abs(new), 1e-12):
            return new
        estimate = new
        beta = float(np.linalg.norm(w))
        if beta <= 1e-10 * max(abs(new), 1.0):   # the Krylov space holds an exact invariant subspace
            return new
        betas.append(beta)
        Q.append(w / beta)
    return estimate
