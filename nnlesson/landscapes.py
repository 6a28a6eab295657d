r"""Small loss landscapes with known gradients and curvatures.

On these, everything about a step size can be worked out exactly before it is
tried on a network:

* :class:`Parabola` f(x) = λ/2 x²: gradient descent gives x <- (1 - lr λ) x, so
  it converges for 0 < lr < 2/λ and diverges beyond.
* :class:`TwoMinima` f(x) = x⁴/4 - x² + x/2: a local minimum near x = 1.2 and
  the global one near x = -1.5 (article 000's "stuck in a sub-optimal value").
* :class:`Bowl` f(x) = ½ xᵀ A x with eigenvalues λ1 <= λ2 of A: round when
  λ1 = λ2, elongated otherwise; gradient descent converges for lr < 2/λ2 and
  progresses along the flat direction at the rate (1 - lr λ1).
* :class:`Rosenbrock` f(x, y) = (a - x)² + b (y - x²)²: a curved valley.

1-D landscapes take x of any shape and work element by element; 2-D landscapes
take points as arrays whose last axis has length 2.
"""

from __future__ import annotations

import numpy as np

from . import _checks


class Landscape:
    """Base class: ``f``, ``grad``, ``hessian``, ``minima`` and a plotting range."""

    dim = 1
    name = "landscape"
    xlim = (-2.0, 2.0)
    ylim = (-2.0, 2.0)
    minima: tuple = ()

    def _x(self, x):
        x = _checks._numeric_array("x", x, copy=False)
        if self.dim == 2 and (x.ndim == 0 or x.shape[-1] != 2):
            raise ValueError(f"x must be a point (x, y) or an array of points of shape (..., 2), got shape {x.shape}")
        return x

    @property
    def minimum(self):
        """The global minimiser (the minimum with the lowest f)."""
        return min(self.minima, key=lambda m: float(self.f(np.asarray(m))))

    def grid(self, n=121):
        """Arrays (XX, YY, F) on an n x n grid over (xlim, ylim), for contour plots."""
        xs = np.linspace(*self.xlim, n)
        ys = np.linspace(*self.ylim, n)
        XX, YY = np.meshgrid(xs, ys)
        return XX, YY, self.f(np.stack([XX, YY], axis=-1))

    def __repr__(self):
        return self.name


class Parabola(Landscape):
    r"""f(x) = λ/2 x²; f'(x) = λ x; f''(x) = λ."""

    def __init__(self, lam=1.0):
        self.lam = _checks.positive_number("lam", lam, maximum=1e100)
        self.name = f"Parabola(lam={self.lam:g})"
        self.minima = (0.0,)
        self.xlim = (-3.0, 3.0)

    def f(self, x):
        x = self._x(x)
        return 0.5 * self.lam * x * x

    def grad(self, x):
        return self.lam * self._x(x)

    def hessian(self, x):
        return np.full_like(self._x(x), self.lam)

    @property
    def eigenvalues(self):
        return np.array([self.lam])

    @property
    def lr_threshold(self):
        """2/λ: the largest step size for which gradient descent still converges (exclusive)."""
        return 2.0 / self.lam

    def factor(self, lr):
        """The contraction per step, 1 - lr λ: |factor| < 1 converges, < 0 oscillates."""
        return 1.0 - lr * self.lam


class TwoMinima(Landscape):
    r"""f(x) = x⁴/4 - x² + x/2; f'(x) = x³ - 2x + 1/2; f''(x) = 3x² - 2."""

    name = "TwoMinima"
    xlim = (-2.3, 2.1)

    def __init__(self):
        roots = np.sort(np.roots([1.0, 0.0, -2.0, 0.5]).real)
        self.minima = (float(roots[0]), float(roots[2]))  # outer roots: f'' > 0 there
        self.maximum = float(roots[1])

    def f(self, x):
        x = self._x(x)
        return x**4 / 4 - x**2 + x / 2

    def grad(self, x):
        x = self._x(x)
        return x**3 - 2 * x + 0.5

    def hessian(self, x):
        x = self._x(x)
        return 3 * x**2 - 2

    @property
    def local_minimum(self):
        return self.minima[1]


class Bowl(Landscape):
    r"""f(x) = ½ xᵀ A x with A = R diag(lam1, lam2) Rᵀ (R rotates by ``angle`` degrees).

    gradient A x, Hessian A, eigenvalues (lam1, lam2), condition number lam2/lam1.
    """

    dim = 2

    def __init__(self, lam1=1.0, lam2=1.0, angle=0.0):
        lam1 = _checks.positive_number("lam1", lam1, maximum=1e100)
        lam2 = _checks.positive_number("lam2", lam2, maximum=1e100)
        angle = _checks.real_number("angle (in degrees)", angle)
        t = np.deg2rad(angle)
        R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
        self.lam1, self.lam2, self.angle = lam1, lam2, float(angle)
        self.A = R @ np.diag([lam1, lam2]) @ R.T
        self.name = f"Bowl(lam1={lam1:g}, lam2={lam2:g}, angle={self.angle:g})"
        self.minima = ((0.0, 0.0),)
        self.xlim = (-3.0, 3.0)
        self.ylim = (-3.0, 3.0)

    def f(self, x):
        x = self._x(x)
        return 0.5 * np.einsum("...i,ij,...j->...", x, self.A, x)

    def grad(self, x):
        return self._x(x) @ self.A.T

    def hessian(self, x=None):
        return self.A.copy()

    @property
    def eigenvalues(self):
        return np.sort(np.array([self.lam1, self.lam2]))

    @property
    def condition_number(self):
        ev = self.eigenvalues
        return float(ev[-1] / ev[0])

    @property
    def lr_threshold(self):
        """2/λ_max: gradient descent diverges along the steepest direction beyond this."""
        return 2.0 / float(self.eigenvalues[-1])


def RoundBowl(lam=1.0):
    """A bowl with equal curvature in every direction."""
    return Bowl(lam, lam)


class Rosenbrock(Landscape):
    r"""f(x, y) = (a - x)² + b (y - x²)²; minimum at (a, a²)."""

    dim = 2
    xlim = (-2.0, 2.0)
    ylim = (-1.0, 3.0)

    def __init__(self, a=1.0, b=100.0):
        a = _checks.real_number("a", a)
        if abs(a) > 1e100:
            raise ValueError(f"a must be at most 1e100 in size (the minimum sits at (a, a²)), got {a:g}")
        self.a = a
        self.b = _checks.positive_number("b", b, maximum=1e100)
        self.name = f"Rosenbrock(a={self.a:g}, b={self.b:g})"
        self.minima = ((self.a, self.a**2),)

    def f(self, x):
        x = self._x(x)
        u, v = x[..., 0], x[..., 1]
        return (self.a - u) ** 2 + self.b * (v - u**2) ** 2

    def grad(self, x):
        x = self._x(x)
        u, v = x[..., 0], x[..., 1]
        du = -2 * (self.a - u) - 4 * self.b * u * (v - u**2)
        dv = 2 * self.b * (v - u**2)
        return np.stack([du, dv], axis=-1)

    def hessian(self, x):
        x = self._x(x)
        u, v = x[..., 0], x[..., 1]
        h11 = 2 - 4 * self.b * (v - u**2) + 8 * self.b * u**2
        h12 = -4 * self.b * u
        h22 = np.full_like(u, 2 * self.b)
        return np.stack([np.stack([h11, h12], -1), np.stack([h12, h22], -1)], -2)
