r"""Step-size helpers and self-checks for the learning-rate notebook (NumPy only).

On the parabola f(x) = λ/2 x², one step of gradient descent is

    x_{t+1} = x_t - η λ x_t = (1 - η λ) x_t,

so everything follows from the factor q = 1 - η λ:

* 0 < q < 1   (0 < η < 1/λ):     monotone, every step moves towards 0
* q = 0       (η = 1/λ):         lands on the minimum in one step
* -1 < q < 0  (1/λ < η < 2/λ):   damped oscillation, the sign flips every step
* q = -1      (η = 2/λ):         endless oscillation between x0 and -x0
* q < -1      (η > 2/λ):         divergence, |x| grows by |q| every step

After n steps |x_n| = |q|^n |x_0|, so reaching |x_n| <= tol takes
n = ceil(log(tol/|x_0|) / log|q|) steps.  On a bowl the same holds along each
eigen-direction with its own λ: the steepest one (λ_max) sets the threshold
2/λ_max, the flattest one (λ_min) sets the speed.

Heavy-ball momentum keeps a velocity v (zero at the start):

    v_{t+1} = μ v_t - η ∇f(x_t),      x_{t+1} = x_t + v_{t+1}

On λ/2 x² the pair (x_t, x_{t-1}) is multiplied by the matrix [[1 + μ - ηλ, -μ], [1, 0]]; the run
converges when both its eigenvalues have size < 1, that is for 0 < ηλ < 2(1 + μ).  On a bowl the
choice η = 4/(√λ_max + √λ_min)², μ = ((√κ - 1)/(√κ + 1))² shrinks every direction by √μ per step,
so the steps to a tolerance grow like √κ instead of κ.
"""

from __future__ import annotations

import math

import numpy as np

from .. import landscapes
from .._i18n import N_, _, _f
from ..descent import gradient_descent
from ._feedback import Feedback, compare, compare_count

__all__ = [
    "lr_factor",
    "lr_regime",
    "lr_regime_from_ratio",
    "lr_regime_label",
    "lr_steps_to_tol",
    "lr_measured_steps",
    "lr_settle",
    "lr_momentum_descent",
    "lr_momentum_rate",
    "lr_momentum_best",
    "lr_momentum_steps",
    "lr_sharpness_limit",
    "check_lr_factor",
    "check_lr_threshold",
    "check_lr_zigzag",
    "check_lr_steps",
    "check_lr_net_threshold",
]


def lr_factor(lam, lr):
    """The factor q = 1 - η λ by which one step multiplies x on λ/2 x² (``landscapes.Parabola(lam).factor``)."""
    return landscapes.Parabola(lam).factor(float(lr))


def lr_regime_from_ratio(q, atol=1e-9):
    """Name the regime of a step factor q = x_{t+1}/x_t (measured or from theory)."""
    q = float(q)
    if not math.isfinite(q):
        return "divergence"
    if abs(q) <= atol:
        return "one step"
    if abs(q + 1.0) <= atol:
        return "endless oscillation"
    if q >= 1.0:
        return "no progress"
    if q > 0:
        return "monotone"
    if q > -1.0:
        return "damped oscillation"
    return "divergence"


#: The regimes and run outcomes in words, for display (the functions return these English keys, which code
#: compares; show them with :func:`lr_regime_label`).
REGIME_LABELS = {
    "monotone": N_("monotone"),
    "one step": N_("one step"),
    "damped oscillation": N_("damped oscillation"),
    "endless oscillation": N_("endless oscillation"),
    "no progress": N_("no progress"),
    "divergence": N_("divergence"),
    "global minimum": N_("global minimum"),
    "local minimum": N_("local minimum"),
    "oscillating": N_("oscillating"),
    "diverged": N_("diverged"),
}


def lr_regime_label(regime):
    """A regime of :func:`lr_regime` (or an outcome of :func:`lr_settle`) in the notebook's language.

    The functions return English keys ("damped oscillation") so that code can compare them; this is the
    name to print.  An unknown text is returned as it is.
    """
    return _(REGIME_LABELS[regime]) if regime in REGIME_LABELS else regime


def lr_regime(lam, lr):
    """The regime of step size η on λ/2 x²: "monotone", "one step", "damped oscillation",
    "endless oscillation" or "divergence" as η grows (see :func:`lr_regime_from_ratio`)."""
    return lr_regime_from_ratio(lr_factor(lam, lr))


def lr_steps_to_tol(lam, lr, x0, tol):
    """Steps until |x_n| <= tol on λ/2 x², from theory: ceil(log(tol/|x0|) / log|1 - ηλ|).

    0 if |x0| <= tol already, 1 if η = 1/λ exactly, ``inf`` if |1 - ηλ| >= 1 (never).
    """
    x0, tol = abs(float(x0)), float(tol)
    if x0 <= tol:
        return 0
    q = abs(lr_factor(lam, lr))
    if q == 0.0:
        return 1
    if q >= 1.0:
        return math.inf
    n = math.log(tol / x0) / math.log(q)
    # guard against n = 35.0000000001 when the exact answer is 35
    return int(math.ceil(n - 1e-9))


def _descend(grad, x, lr, steps):
    """x_1 .. x_steps of x <- x - lr * grad(x), the update of :func:`nnlesson.gradient_descent` without its
    checks at every step (the caller has let gradient_descent check grad, x0 and lr once); overflow is
    left as inf/nan in the path, silently."""
    out = np.empty((steps,) + x.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            x = x - lr * np.asarray(grad(x.copy()), dtype=float)
            out[t] = x
    return out


def lr_measured_steps(grad, x0, lr, tol, max_steps=100_000, chunk=32):
    """Run gradient descent and count the steps until ||x|| <= tol (``inf`` if never within max_steps).

    The distance is measured to the origin, where every quadratic landscape here has its minimum.
    The run goes in chunks of ``chunk`` steps, doubling each time, so little is computed past the answer.
    """
    x = gradient_descent(grad, x0, lr, 0)[0]  # checks grad, x0 and lr once
    lr = float(lr)
    done = 0
    if np.linalg.norm(x) <= tol:
        return 0
    while done < max_steps:
        n = min(chunk, max_steps - done)
        path = _descend(grad, x, lr, n)
        dist = np.linalg.norm(path.reshape(n, -1), axis=1)
        hit = np.nonzero(dist <= tol)[0]
        if hit.size:
            return done + int(hit[0]) + 1
        if not np.all(np.isfinite(dist)):
            return math.inf
        x = path[-1]
        done += n
        chunk *= 2
    return math.inf


def lr_settle(landscape, x0, lr, steps=500, atol=1e-4):
    """Where gradient descent from x0 ends up on a 1-D landscape with several minima.

    Returns ``(label, x_last)``; label is "global minimum", "local minimum",
    "oscillating" (still jumping after ``steps`` steps) or "diverged".
    """
    steps = int(steps)
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps}")
    start = gradient_descent(landscape.grad, float(x0), lr, 0)  # checks x0 and lr once
    p = np.concatenate([start, _descend(landscape.grad, start[0], float(lr), int(steps))])
    last = float(p[-1])
    if not np.all(np.isfinite(p)) or abs(last) > 1e6:
        return "diverged", last
    if abs(last - float(p[-2])) > atol:
        return "oscillating", last
    best = float(landscape.minimum)
    for m in landscape.minima:
        if abs(last - m) <= 1e-3:
            return ("global minimum" if m == best else "local minimum"), last
    return "oscillating", last


def lr_momentum_descent(grad, x0, lr, momentum, steps):
    """Iterates x_0 .. x_steps of heavy-ball momentum: v <- μ v - η grad(x), x <- x + v (v starts at 0).

    :func:`nnlesson.gradient_descent` with ``momentum=``; with ``momentum=0`` plain gradient descent.
    """
    return gradient_descent(grad, x0, lr, steps, momentum=momentum)


def lr_momentum_rate(lam, lr, momentum):
    """How much one heavy-ball step shrinks the error along a direction of curvature λ, in the long run.

    The largest size of the eigenvalues of [[1 + μ - ηλ, -μ], [1, 0]]: below 1 the run converges
    (as fast as rate^t), at 1 or above it does not. With μ = 0 it is |1 - ηλ|.
    """
    a = 1.0 + momentum - lr * lam
    return float(np.max(np.abs(np.roots([1.0, -a, momentum])))) if momentum else abs(1.0 - lr * lam)


def lr_momentum_best(lam_min, lam_max):
    """(η, μ) of the fastest heavy ball on a bowl: η = 4/(√λ_max + √λ_min)², μ = ((√κ - 1)/(√κ + 1))²."""
    a, b = math.sqrt(float(lam_min)), math.sqrt(float(lam_max))
    return 4.0 / (a + b) ** 2, ((b - a) / (b + a)) ** 2


def lr_momentum_steps(grad, x0, lr, momentum, tol, max_steps=100_000):
    """Steps of heavy-ball momentum until ||x|| <= tol (``inf`` if never within max_steps); the minimum is at 0."""
    x0 = np.asarray(x0, dtype=float)
    if np.linalg.norm(x0) <= tol:
        return 0
    done, chunk, start = 0, 256, x0
    # the velocity must carry over between chunks, so rerun from the start with a longer horizon
    while done < max_steps:
        n = min(chunk, max_steps)
        path = lr_momentum_descent(grad, start, lr, momentum, n)[1:]
        dist = np.linalg.norm(path.reshape(n, -1), axis=1)
        hit = np.nonzero(dist <= tol)[0]
        if hit.size:
            return int(hit[0]) + 1
        if not np.all(np.isfinite(dist)) or n == max_steps:
            return math.inf
        done, chunk = n, chunk * 4
    return math.inf


def lr_sharpness_limit(net, X, Y, loss="mse"):
    """2/λ_max of the loss's Hessian at the net's current weights: in the quadratic picture of the loss there,
    a step above it makes the component along the sharpest direction grow instead of shrink."""
    from ..curvature import sharpness

    return 2.0 / sharpness(net, X, Y, loss)


# ---------------------------------------------------------------- checks


def check_lr_factor(answer, lam=4.0, lr=0.3):
    """The factor q = x_{t+1}/x_t of one gradient step on λ/2 x²."""
    right = lr_factor(lam, lr)
    return compare(_f("the factor 1 - ηλ (λ = {lam:g}, η = {lr:g})", lam=lam, lr=lr), answer, right, mistakes={
        _("the sign of ηλ is wrong: the step subtracts η·f'(x) = ηλx, so x_{t+1} = x - ηλx = (1 - ηλ)x, "
          "not (1 + ηλ)x"): 1.0 + lr * lam,
        _("λ is missing: the gradient of λ/2 x² is λx, not x"): 1.0 - lr,
        _("that is ηλ, the part that is taken away; the factor is what is left, 1 - ηλ"): lr * lam,
        _("the ½ was kept: the derivative of λ/2 x² is λx (the 2 of the square cancels the ½)"): 1.0 - lr * lam / 2,
        _("that is -ηλ, the change of one step divided by x; the factor is what x becomes, "
          "x - ηλx = (1 - ηλ)x: the 1 is missing"): -lr * lam,
    })


def _bowl(landscape):
    if landscape is None:
        return landscapes.Bowl(0.4, 8.0, angle=30.0)
    if not isinstance(landscape, landscapes.Bowl):
        raise TypeError(f"landscape must be an nnlesson.landscapes.Bowl, got {type(landscape).__name__}")
    return landscape


def _diagonal_text(bowl):
    d = np.diag(bowl.A)
    return _f("the diagonal of the rotated matrix A ({d0:.4g} and {d1:.4g}) is not its curvatures: "
              "a rotated bowl's Hessian has off-diagonal entries, and its eigenvalues "
              "({e0:g} and {e1:g}) are the curvatures along its own axes",
              d0=d[0], d1=d[1], e0=bowl.eigenvalues[0], e1=bowl.eigenvalues[1])


def check_lr_threshold(answer, landscape=None):
    """The largest step size 2/λ_max for which gradient descent still converges on a bowl."""
    bowl = _bowl(landscape)
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    dmin, dmax = sorted(float(v) for v in np.diag(bowl.A))
    right = bowl.lr_threshold
    mistakes = {
        _f("you used λ_min = {lmin:g}; the threshold comes from the steepest direction, λ_max = {lmax:g}: "
           "a step that is safe for the flat direction still overshoots in the steep one",
           lmin=lmin, lmax=lmax): 2.0 / lmin,
        _("that is 1/λ_max, the step that lands on the minimum in one step along the steep direction; "
          "convergence continues up to twice that"): 1.0 / lmax,
        _("that is 2/(λ_min + λ_max) (also 2 divided by the sum of the matrix's diagonal), the best single "
          "step size, not the largest safe one"): 2.0 / (lmin + lmax),
        _("that is λ_max/2, upside down: the threshold is 2 divided by λ_max"): lmax / 2.0,
        _f("that is 1/λ_min with λ_min = {lmin:g}: the threshold is 2 divided by the steepest curvature, "
           "λ_max = {lmax:g}", lmin=lmin, lmax=lmax): 1.0 / lmin,
    }
    if not math.isclose(dmax, lmax):  # only a rotated bowl has a misleading diagonal
        diagonal = _diagonal_text(bowl)
        mistakes[_f("that is 2 divided by the largest diagonal entry: {diagonal}", diagonal=diagonal)] = 2.0 / dmax
        mistakes[_f("that is 2 divided by the smallest diagonal entry: {diagonal}", diagonal=diagonal)] = 2.0 / dmin
        mistakes[_f("that is 1 divided by the largest diagonal entry: {diagonal}; and the "
                    "threshold is 2/λ_max, not 1/λ_max", diagonal=diagonal)] = 1.0 / dmax
    return compare(_("the threshold 2/λ_max"), answer, right, mistakes=mistakes)


def _one_number(name, answer):
    """A learner's single number (int, float, NumPy scalar or one-element array/list), or a Feedback."""
    if answer is None:
        return Feedback(False, _f("{name}: no answer yet (the cell still holds None).", name=name))
    if isinstance(answer, (str, bytes, bool, np.bool_)):
        return Feedback(False, _f("{name} must be a number, got {answer!r}.", name=name, answer=answer))
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, _f("{name} must be a number, got {kind}.", name=name, kind=type(answer).__name__))
    if arr.size != 1:
        return Feedback(False, _f("{name} must be one number, got {size} numbers.", name=name, size=arr.size))
    value = float(arr.reshape(()))
    if not math.isfinite(value) or value <= 0:
        return Feedback(False, _f("{name} must be a positive finite number, got {value:g}.", name=name, value=value))
    return value


def check_lr_zigzag(answer, landscape=None):
    """A step size that makes the bowl zig-zag across the valley but still converge.

    Right: 1/λ_max < η < 2/λ_max (the steep direction's factor 1 - ηλ_max lies in (-1, 0)).
    """
    bowl = _bowl(landscape)
    lmin, lmax = (float(v) for v in bowl.eigenvalues)
    dmax = float(np.max(np.diag(bowl.A)))
    name = _("the step size η")
    lr = _one_number(name, answer)
    if isinstance(lr, Feedback):
        return lr
    q = lr_factor(lmax, lr)
    lo, hi = 1.0 / lmax, 2.0 / lmax
    if lr >= hi:
        extra = ""
        if 1.0 / lmin < lr < 2.0 / lmin:
            extra = _f(" It lies between 1/λ_min and 2/λ_min = {limit:g}: that is the zig-zag window of the "
                       "flat direction; the steep direction (λ_max = {lmax:g}) is the one that blows up.",
                       limit=2 / lmin, lmax=lmax)
        elif not math.isclose(dmax, lmax) and not math.isclose(lr, hi) and 1.0 / dmax < lr < 2.0 / dmax:
            extra = _f(" It lies in the window 1/{dmax:.4g} < η < 2/{dmax:.4g} that the matrix's largest diagonal "
                       "entry would give; if that is where it came from: {diagonal}.",
                       dmax=dmax, diagonal=_diagonal_text(bowl))
        if math.isclose(lr, hi):
            return Feedback(False, _f("η = {lr:g} is on the wrong side of 2/λ_max = {hi:g}: along the steep "
                                      "direction the factor 1 - ηλ_max = {q:.3g} has size >= 1, so the run "
                                      "oscillates forever.{extra}", lr=lr, hi=hi, q=q, extra=extra))
        return Feedback(False, _f("η = {lr:g} is on the wrong side of 2/λ_max = {hi:g}: along the steep direction "
                                  "the factor 1 - ηλ_max = {q:.3g} has size >= 1, so the run diverges.{extra}",
                                  lr=lr, hi=hi, q=q, extra=extra))
    if lr <= lo:
        return Feedback(False, _f("η = {lr:g} converges but does not zig-zag: 1 - ηλ_max = {q:.3g} >= 0, so the "
                                  "steep coordinate never changes sign. Take η between 1/λ_max = {lo:g} and "
                                  "2/λ_max = {hi:g}.", lr=lr, q=q, lo=lo, hi=hi))
    return Feedback(True, _f("η = {lr:g} zig-zags and converges: 1 - ηλ_max = {q:.3g} is between -1 and 0, and "
                             "the flat direction shrinks by 1 - ηλ_min = {qf:.3g} per step.",
                             lr=lr, q=q, qf=lr_factor(lmin, lr)))


def _raw_steps(q, x0, tol):
    """log(tol/|x0|)/log q for 0 < q < 1, else None."""
    if 0 < q < 1 and abs(x0) > tol:
        return math.log(tol / abs(x0)) / math.log(q)
    return None


def check_lr_steps(answer, lam=3.0, lr=0.1, x0=3.0, tol=1e-3):
    """The number of steps until |x_n| <= tol on λ/2 x² (a whole number, compared exactly)."""
    right = lr_steps_to_tol(lam, lr, x0, tol)
    if not math.isfinite(right):
        raise ValueError(f"check_lr_steps needs a run that converges: |1 - ηλ| = {abs(lr_factor(lam, lr)):g} >= 1")
    q = abs(lr_factor(lam, lr))
    raw = _raw_steps(q, x0, tol)  # the unrounded count
    # the notebook's rule of thumb n ≈ ln(|x0|/tol)/(ηλ), exact only for a small ηλ
    thumb = math.log(abs(x0) / tol) / (lr * lam) if abs(x0) > tol else None
    name = _f("the number of steps (λ = {lam:g}, η = {lr:g}, |x0| = {x0:g}, tol = {tol:g})",
              lam=lam, lr=lr, x0=abs(x0), tol=tol)
    upside_down = _("the logarithm's ratio is upside down: use log(tol/|x0|)/log|1 - ηλ|, both logs negative")
    thumb_text = (_f("that is the rule of thumb ln(|x0|/tol)/(ηλ) = {thumb:.4g}", thumb=thumb)
                  if thumb is not None else "")
    thumb_why = (_f("; it assumes log(1 - ηλ) ≈ -ηλ, which holds only for a small ηλ: here ηλ = {lr_lam:g} and "
                    "ln(1 - ηλ) = {log_q:.4f}, not {minus:g}. Use the exact formula "
                    "log(tol/|x0|)/log|1 - ηλ|, rounded up", lr_lam=lr * lam, log_q=math.log(q), minus=-lr * lam)
                 if 0 < q < 1 else "")
    # an unrounded answer: say which formula it came from before calling it "not whole"
    try:
        value = float(np.asarray(answer, dtype=float).reshape(()))
    except (TypeError, ValueError):
        value = None
    if value is not None and not isinstance(answer, (bool, np.bool_)) and math.isfinite(value) \
            and value != round(value):
        if raw is not None and math.isclose(value, -raw, rel_tol=1e-3):
            return Feedback(False, _f("{name} = {value:g} is not right: {why}; then round up (ceil).",
                                      name=name, value=value, why=upside_down))
        if thumb is not None and math.isclose(value, thumb, rel_tol=1e-3) and thumb_why:
            return Feedback(False, _f("{name} = {value:g} is not right: {why}.",
                                      name=name, value=value, why=thumb_text + thumb_why))
        return Feedback(False, _f("{name} = {value:g} is not a whole number: a run makes whole steps; "
                                  "round log(tol/|x0|)/log|1 - ηλ| up (ceil).", name=name, value=value))
    mistakes = {}
    if raw is not None:
        mistakes[_("rounded down: after that many steps |x_n| is still just above tol; round up (ceil)")] = \
            math.floor(raw)
        mistakes[upside_down] = math.ceil(-raw)
    wrong_factors = {
        _("the factor used ηλ/2 instead of ηλ (the derivative of λ/2 x² is λx)"): 1.0 - lr * lam / 2,
        _("λ is missing from the factor: the gradient of λ/2 x² is λx, so the factor is 1 - ηλ, not 1 - η"): 1.0 - lr,
    }
    for text, wrong_q in wrong_factors.items():
        wrong = _raw_steps(abs(wrong_q), x0, tol)
        if wrong is not None and not math.isclose(abs(wrong_q), q):
            mistakes[text] = math.ceil(wrong - 1e-9)
    if raw is not None and 0 < tol < 1 and not math.isclose(abs(x0), 1.0):
        mistakes[_("the start was left out: after n steps |x_n| = |1 - ηλ|^n·|x0|, so compare with tol/|x0|, "
                   "not tol: n = log(tol/|x0|)/log|1 - ηλ|, rounded up")] = \
            math.ceil(math.log(tol) / math.log(q) - 1e-9)
    if thumb is not None and thumb_why:
        mistakes[thumb_text + thumb_why] = math.ceil(thumb)
        if math.floor(thumb) != math.ceil(thumb):
            mistakes[thumb_text + _(" (rounded down)") + thumb_why] = math.floor(thumb)
    mistakes[_("that is one step too many: the first n with |1 - ηλ|^n |x0| <= tol")] = right + 1
    return compare_count(name, answer, right, mistakes=mistakes)


def check_lr_net_threshold(answer, net, X, Y, loss="mse", others=None):
    """2/λ_max of the loss's Hessian for ``net`` at its current weights (``nl.sharpness`` gives λ_max).

    ``others`` maps a description to another network whose value a learner might copy by mistake
    (e.g. {"seed 0's value from section 5": net0}).
    """
    from ..curvature import hessian

    H = hessian(net, X, Y, loss)
    eig = np.linalg.eigvalsh(H)
    lam_max, lam_min = float(eig[-1]), float(eig[0])
    right = 2.0 / lam_max
    mistakes = {
        _("that is 1/λ_max, the step that lands on the minimum along the sharpest direction of the quadratic "
          "picture; above it the steps jump past the minimum but still shrink, and they grow only above twice "
          "that, 2/λ_max"): 1.0 / lam_max,
        _("that is λ_max/2, upside down: the limit is 2 divided by λ_max"): lam_max / 2.0,
        _("that is λ_max itself; the step limit is 2/λ_max"): lam_max,
        _("that is 2 divided by the largest diagonal entry of the Hessian: the diagonal gives the curvature "
          "along each single parameter, and the sharpest direction mixes parameters (take the largest "
          "eigenvalue, as nl.sharpness does)"): 2.0 / float(np.max(np.diag(H))),
    }
    if lam_min < 0:
        mistakes[_("that comes from the most negative eigenvalue; the step limit is set by the largest (most "
                   "positive) one, which nl.sharpness returns")] = 2.0 / abs(lam_min)
        mistakes[_("that is 2 divided by the most negative eigenvalue; the step limit is set by the largest "
                   "(most positive) one, which nl.sharpness returns")] = 2.0 / lam_min
    other_losses = (
        ("half_sse", N_("the loss was \"half_sse\" (½ of the squared error, averaged over the samples) instead of "
                        "the mean squared error; each loss has its own Hessian, so use the loss the net is trained "
                        "with")),
        ("mse", N_("the loss was the mean squared error; use the loss the net is trained with")),
        ("cross_entropy", N_("the loss was cross-entropy; use the loss the net is trained with")),
    )
    for other_loss, why in other_losses:
        if other_loss != loss:
            try:
                mistakes[_(why)] = 2.0 / float(np.linalg.eigvalsh(hessian(net, X, Y, other_loss))[-1])
            except (ValueError, TypeError):
                pass  # that loss does not apply to this network's output
    for text, other in (others or {}).items():
        value = 2.0 / float(np.linalg.eigvalsh(hessian(other, X, Y, loss))[-1])
        mistakes[_f("that is {text}; compute it for this network", text=text)] = value
        # the other network's value as a notebook prints it (3 significant digits) is the same slip
        printed = float(f"{value:.3g}")
        if not math.isclose(printed, value, rel_tol=5e-4):
            mistakes[_f("that is {text} ({printed:g}, as printed); compute it for this network",
                        text=text, printed=printed)] = printed
    return compare(_("2/λ_max at the starting weights"), answer, right, mistakes=mistakes)
