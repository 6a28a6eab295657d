"""Plots for the gradient-descent notebook (04): secants, slopes, gradient arrows,
descent paths, MSE versus cross-entropy slopes, the training-loop flowchart, and
the static grid of step sizes that stands beside the step-size widget."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import activations
from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ..descent import gradient_descent
from ..exercises.descent import descent_secant_slopes
from ..landscapes import Bowl, Parabola
from ._look import COLORS, CYCLE, contour, figure, log_axes, loss_curve, path

__all__ = [
    "plot_secants",
    "plot_slope_steps",
    "plot_gradient_arrows",
    "plot_descent_on_bowl",
    "plot_sigmoid_loss_slopes",
    "plot_output_gradients",
    "plot_training_loop",
    "descent_step_grid",
]


def plot_secants(ax, f, x0, hs, df=None, xlim=(-0.5, 4.5)):
    """f on ``xlim``, the secant lines through (x0, f(x0)) and (x0 + h, f(x0 + h)) for each h,
    and (if ``df`` is given) the tangent with slope df(x0)."""
    xs = np.linspace(*xlim, 200)
    ax.plot(xs, f(xs), color=COLORS["black"], label="f(x)")
    y0 = float(f(x0))
    for i, (h, slope) in enumerate(zip(hs, descent_secant_slopes(f, x0, hs).tolist())):
        c = CYCLE[(i + 1) % len(CYCLE)]
        ax.plot(xs, y0 + slope * (xs - x0), color=c, linewidth=1.2,
                label=_f("h = {h:g}: slope {slope:.3f}", h=h, slope=slope))
        ax.plot([x0 + h], [f(x0 + h)], "o", color=c, markersize=5)
    if df is not None:
        ax.plot(xs, y0 + float(df(x0)) * (xs - x0), "--", color=COLORS["grey"],
                label=_f("tangent: slope {slope:.3f}", slope=float(df(x0))))
    ax.plot([x0], [y0], "o", color=COLORS["black"], markersize=7)
    ys = f(xs)
    ax.set_ylim(float(np.min(ys)) - 1, float(np.max(ys)) + 1)
    ax.set_xlim(*xlim)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.legend(loc="upper left")


def plot_slope_steps(ax, points=(2.0, -2.0), lr=0.1, lam=2.0):
    """f(x) = λ/2 x² with its tangent at each point and an arrow for the step x - η·f'(x) (η = ``lr``)."""
    f = Parabola(lam)
    xs = np.linspace(-3, 3, 200)
    ax.plot(xs, f.f(xs), color=COLORS["black"], label=f"f(x) = {lam / 2:g}x²" if lam != 2 else "f(x) = x²")
    for i, x in enumerate(points):
        g = float(f.grad(x))
        c = CYCLE[i % len(CYCLE)]
        t = np.linspace(x - 0.6, x + 0.6, 20)
        ax.plot(t, f.f(x) + g * (t - x), "--", color=c, linewidth=1.2,
                label=_f("tangent at x = {x:g}: slope {slope:g}", x=x, slope=g))
        x1 = x - lr * g
        ax.add_patch(FancyArrowPatch((x, float(f.f(x))), (x1, float(f.f(x1))), arrowstyle="-|>",
                                     mutation_scale=18, color=c, linewidth=2.5, zorder=5))
        ax.plot([x, x1], [f.f(x), f.f(x1)], "o", color=c, zorder=6)
        ax.annotate(_f("x = {x:g} → {x1:g}\n(step −η·f′ = {step:+.1f})", x=x, x1=x1, step=-lr * g), (x, float(f.f(x))),
                    textcoords="offset points", xytext=(-10 * np.sign(x), 14),
                    ha="right" if x > 0 else "left", color=c, fontsize=9)
    ax.set_xlim(-3, 3)
    ax.set_ylim(-0.5, 9.5)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.legend(loc="upper center")


def _minima_on_top(ax, landscape):
    """The landscape's minima as stars drawn above arrows and paths (white rim, so they stay visible)."""
    for m in landscape.minima:
        ax.plot(*m, marker="*", color=COLORS["red"], markersize=15, markeredgecolor="white", markeredgewidth=1.2,
                linestyle="none", zorder=10)


def plot_gradient_arrows(ax, landscape, n=7, scale=None, title=None):
    """Contours of a 2-D landscape with its gradient drawn as arrows on an n x n grid (pointing uphill);
    the minimum (a star) is drawn on top of the arrows."""
    contour(ax, landscape, levels=12, n=81)
    xs = np.linspace(*landscape.xlim, n + 2)[1:-1]
    ys = np.linspace(*landscape.ylim, n + 2)[1:-1]
    XX, YY = np.meshgrid(xs, ys)
    G = landscape.grad(np.stack([XX, YY], axis=-1))
    ax.quiver(XX, YY, G[..., 0], G[..., 1], color=COLORS["blue"], angles="xy", scale_units="xy",
              scale=scale or float(np.max(np.linalg.norm(G, axis=-1))) / 0.9, width=0.006)
    _minima_on_top(ax, landscape)
    if title:
        ax.set_title(title)


def plot_descent_on_bowl(axes, landscape, paths, labels=None):
    """Left: paths (each (steps+1, 2)) on the contours; right: f along each path per step (log scale)."""
    ax, ax_loss = axes
    contour(ax, landscape, levels=12, n=81)
    for i, pts in enumerate(paths):
        label = labels[i] if labels else None
        color = CYCLE[(i + 1) % len(CYCLE)]
        path(ax, pts, color=color, label=label)
        loss_curve(ax_loss, landscape.f(pts), label=label, xlabel=_("step t"), color=color, marker="o", markersize=3)
    _minima_on_top(ax, landscape)
    ax_loss.set_ylabel(r"$f(x_t)$")
    if labels:
        ax.legend(loc="lower right")
        ax_loss.legend(loc="upper right")


def plot_sigmoid_loss_slopes(ax, y=1.0, zlim=(-10.0, 4.0)):
    """|∂L/∂z| against the pre-activation z of one sigmoid output with target y:
    MSE (ŷ - y)²  gives 2(ŷ - y)σ'(z); cross-entropy gives ŷ - y."""
    z = np.linspace(*zlim, 300)
    p = activations.sigmoid(z)
    mse = 2 * (p - y) * activations.sigmoid_slope(z)
    ce = p - y
    ax.plot(z, np.abs(ce), color=COLORS["blue"], label=_("cross-entropy: |ŷ − y|"))
    ax.plot(z, np.abs(mse), color=COLORS["orange"], label=_("MSE: |2(ŷ − y)·σ′(z)|"))
    log_axes(ax, y=True)
    ax.set_ylim(1e-5, 2)
    ax.set_xlabel(_f("pre-activation z (target y = {y:g})", y=y))
    ax.set_ylabel("|∂L/∂z|")
    ax.legend(loc="lower left" if y == 1 else "lower right")


def plot_output_gradients(ax, margin_max=8.0):
    r"""|∂L/∂z| of the true class for a confident wrong answer of a 3-class output layer, against its margin s.

    The output layer's weighted sums are z = (-s, s, 0) and the true class is the first: the larger s, the more
    confidently wrong.  Per sample: sigmoid outputs with ½Σ(ŷ - y)² (article 003's example) give
    (ŷ - y)·σ'(z); sigmoid outputs with cross-entropy give ŷ - y; softmax with cross-entropy gives P - Y.
    """
    s = np.linspace(0.0, margin_max, 161)
    z_true = -s
    p_sig = activations.sigmoid(z_true)
    sse = np.abs((p_sig - 1.0) * activations.sigmoid_slope(z_true))
    sig_ce = np.abs(p_sig - 1.0)
    Z = np.column_stack([-s, s, np.zeros_like(s)])
    soft_ce = np.abs(activations.softmax(Z)[:, 0] - 1.0)
    ax.plot(s, soft_ce, color=COLORS["blue"], label=_("softmax + cross-entropy: |P − Y|"))
    ax.plot(s, sig_ce, "--", color=COLORS["green"], label=_("sigmoid + cross-entropy: |ŷ − y|"))
    ax.plot(s, sse, color=COLORS["orange"], label=_("sigmoid + ½Σ(ŷ − y)²: |(ŷ − y)·σ′(z)|"))
    log_axes(ax, y=True)
    ax.set_ylim(1e-4, 3)
    ax.set_xlim(0, margin_max)
    ax.set_xlabel(_("margin s of the wrong answer, z = (−s, s, 0)"))
    ax.set_ylabel(_("|∂L/∂z| of the true class"))
    ax.legend(loc="lower left")


def plot_training_loop(ax, max_iter=1000):
    """Article 000's training loop as a flowchart: forward, error, check, backprop, update."""
    boxes = {
        "init": (0.5, 0.93, _("initialise the weights")),
        "fwd": (0.5, 0.76, _("forward pass: outputs ŷ")),
        "err": (0.5, 0.59, _("error (loss) L(ŷ, y)")),
        "test": (0.5, 0.42, _f("L < threshold\nor {n} iterations?", n=max_iter)),
        "back": (0.5, 0.23, _("backpropagation: ∂L/∂w")),
        "upd": (0.5, 0.06, _("update w ← w − η·∂L/∂w")),
        "stop": (0.9, 0.42, _("stop")),
    }
    for key, (x, y, text) in boxes.items():
        colour = COLORS["green"] if key == "stop" else COLORS["sky"] if key == "test" else "white"
        ax.add_patch(FancyBboxPatch((x - (0.08 if key == "stop" else 0.24), y - 0.055),
                                    0.16 if key == "stop" else 0.48, 0.11, boxstyle="round,pad=0.01",
                                    facecolor=colour, edgecolor="k", alpha=0.9))
        ax.text(x, y, text, ha="center", va="center", fontsize=9)

    def arrow(a, b, **kw):
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=12, color="k", **kw))

    for top, bottom in (("init", "fwd"), ("fwd", "err"), ("err", "test"), ("test", "back"), ("back", "upd")):
        arrow((0.5, boxes[top][1] - 0.055), (0.5, boxes[bottom][1] + 0.055))
    arrow((0.74, 0.42), (0.82, 0.42))
    ax.text(0.78, 0.45, _("yes"), ha="center", fontsize=9)
    ax.text(0.53, 0.32, _("no"), fontsize=9)
    arrow((0.26, 0.06), (0.26, 0.76), connectionstyle="bar,fraction=-0.15")
    ax.text(0.11, 0.41, _("next\niteration"), ha="center", fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.0)
    ax.axis("off")


def descent_step_grid(lrs=(0.05, 0.3, 0.9, 1.05), x0=-2.0, steps=12, lam=2.0, bowl=(0.5, 2.0, 30.0)):
    """Static grid for readers without a kernel: one column per step size, the parabola path
    on top and the bowl path below (the same settings as the step-size widget)."""
    parabola = Parabola(lam)
    b = Bowl(*bowl)
    fig, axes = figure(ncols=len(lrs), nrows=2, width=2.3, height=2.2)
    xs = np.linspace(-3, 3, 200)
    for j, lr in enumerate(lrs):
        ax = axes[0, j]
        p = gradient_descent(parabola.grad, x0, lr, steps)
        ax.plot(xs, parabola.f(xs), color=COLORS["black"], linewidth=1.2)
        path(ax, np.column_stack([p, parabola.f(p)]))
        ax.set_xlim(-3, 3)
        ax.set_ylim(-0.5, 9.5)
        ax.set_title(_f("η = {lr:g}\nf after {steps} steps: {f:.2g}", lr=lr, steps=steps, f=float(parabola.f(p[-1]))),
                     fontsize=10)
        ax.set_xlabel("x")
        if j == 0:
            ax.set_ylabel("f(x) = x²" if lam == 2 else "f(x)")
        ax = axes[1, j]
        contour(ax, b, levels=10, n=61)
        q = gradient_descent(b.grad, np.array([x0, 2.0]), lr, steps)
        path(ax, q)
        _minima_on_top(ax, b)
        ax.set_title(_f("bowl: f = {f:.2g}", f=float(b.f(q[-1]))), fontsize=10)
        if j:
            ax.set_ylabel("")
    return fig, axes
