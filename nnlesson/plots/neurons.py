r"""Plots for notebook 01 (neurons and the forward pass).

* :func:`plot_activations` -- sigmoid, tanh and ReLU beside their slopes;
* :func:`plot_article_sigmoid` -- the usual sigmoid beside article 000's printed 1/(1+e^z);
* :func:`neuron_surface` / :func:`draw_neuron_surface` -- one 2-input neuron's output over the plane;
* :func:`neuron_grid` -- the static grid of fixed settings beside the activation explorer widget;
* :func:`plot_boundaries` -- decision boundaries of several trained nets side by side;
* :func:`plot_digit` -- an 8x8 digit as an image and as the 64-vector a network reads (optionally with
  the pixel values written in: notebook 07's ``digits_vector_plot``);
* :func:`probability_contours` -- labelled lines of equal predicted probability.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import _i18n, activations
from .._i18n import N_
from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ._look import COLORS, decision_boundary, figure, plane_grid

__all__ = [
    "NEURON_PRESETS",
    "NEURON_PLANE",
    "neuron_surface",
    "draw_neuron_surface",
    "neuron_grid",
    "plot_activations",
    "plot_article_sigmoid",
    "plot_boundaries",
    "plot_digit",
    "probability_contours",
]

#: Named settings of a single 2-input neuron (used by the explorer widget and its static grid).
NEURON_PRESETS = {
    "gentle": dict(activation="sigmoid", w1=1.0, w2=1.0, b=0.0),
    "AND": dict(activation="sigmoid", w1=6.0, w2=6.0, b=-9.0),
    "OR": dict(activation="sigmoid", w1=6.0, w2=6.0, b=-3.0),
    "tanh": dict(activation="tanh", w1=2.0, w2=-1.0, b=0.5),
    "ReLU": dict(activation="relu", w1=1.0, w2=1.0, b=-1.0),
}

#: How a preset's name is shown in a figure title (names not listed are shown as they are).
PRESET_TITLES = {"gentle": N_("gentle"), "AND": N_("AND"), "OR": N_("OR")}

#: The widest figure this module draws, in inches (880 px at 80 dpi: a notebook column).
MAX_WIDTH = 10.8

#: The square of inputs (x1, x2) the neuron plots cover: it holds the four corners of {0, 1}².
NEURON_PLANE = (-1.0, 2.0)

_CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def neuron_surface(activation, w1, w2, b, n=61, lim=NEURON_PLANE):
    """Output a = f(w1 x1 + w2 x2 + b) of one neuron over an n x n grid of the plane.

    Returns (xs, Z, A): the grid coordinates (n,), the weighted sums (n, n) and
    the outputs (n, n), with rows along x2 and columns along x1.
    """
    xs = np.linspace(lim[0], lim[1], n)
    Z = w1 * xs[None, :] + w2 * xs[:, None] + b
    return xs, Z, activations.forward(activation, Z)


def output_range(activation, A=None):
    """Colour limits for an activation's output over the plane A.

    sigmoid: (0, 1); tanh: (-1, 1); ReLU: from 0 up to the largest value shown; identity: symmetric about 0,
    out to the largest |value| shown, so that negative outputs get colours of their own (as for tanh, 0 sits
    in the middle of the scale).
    """
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    if activation == "identity":
        top = float(np.max(np.abs(A))) if A is not None else 1.0
        return -max(top, 1e-3), max(top, 1e-3)
    top = float(np.max(A)) if A is not None else 1.0
    return 0.0, max(top, 1e-3)


def zero_line(w1, w2, b, lim=NEURON_PLANE):
    """Two end points of the line w1 x1 + w2 x2 + b = 0 across the plotted square (NaN if none)."""
    lo, hi = lim
    if abs(w2) >= abs(w1) and w2 != 0:
        x1 = np.array([lo, hi])
        return x1, -(w1 * x1 + b) / w2
    if w1 != 0:
        x2 = np.array([lo, hi])
        return -(w2 * x2 + b) / w1, x2
    return np.array([np.nan, np.nan]), np.array([np.nan, np.nan])


def draw_neuron_surface(ax, activation, w1, w2, b, n=61, colorbar=True, corners=True):
    """Draw the neuron's output over the plane as an image, its line z = 0 dashed, and the
    corners of {0, 1}². Returns (image, line) so a widget can update them."""
    xs, _sums, A = neuron_surface(activation, w1, w2, b, n)
    lo, hi = NEURON_PLANE
    im = ax.imshow(A, origin="lower", extent=(lo, hi, lo, hi), cmap="viridis", aspect="equal",
                   vmin=output_range(activation, A)[0], vmax=output_range(activation, A)[1])
    line = ax.plot(*zero_line(w1, w2, b), "--", color="white", linewidth=1.5, label="z = 0")[0]
    if corners:
        ax.scatter(_CORNERS[:, 0], _CORNERS[:, 1], s=22, color="white", edgecolor="k", linewidth=0.6, zorder=3)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(_("input $x_1$"))
    ax.set_ylabel(_("input $x_2$"))
    ax.grid(False)
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label=_("output a"), shrink=0.85)
    return im, line


def neuron_grid(settings=None):
    """Static grid: the neuron's output over the plane for fixed settings (default: NEURON_PRESETS).

    ``settings`` maps a title to dict(activation, w1, w2, b).  Returns the figure.
    """
    settings = NEURON_PRESETS if settings is None else settings
    # at most MAX_WIDTH inches in all, so that the figure fits a notebook column unscaled
    fig, axes = figure(ncols=len(settings), width=min(2.45, MAX_WIDTH / len(settings)), height=2.6)
    axes = np.atleast_1d(axes)
    for ax, (title, s) in zip(axes, settings.items()):
        im, _line = draw_neuron_surface(ax, s["activation"], s["w1"], s["w2"], s["b"], colorbar=False)
        shown = _i18n.figure_text(PRESET_TITLES[title]) if title in PRESET_TITLES else title
        ax.set_title(f"{shown}\n{s['activation']}: w=({s['w1']:g}, {s['w2']:g}), b={s['b']:g}", fontsize=9)
        if ax is not axes[0]:
            ax.set_ylabel("")
    if len({s["activation"] for s in settings.values()}) == 1:
        fig.colorbar(im, ax=list(axes), label=_("output a"), shrink=0.85)
    else:
        fig.suptitle(_("colour = the neuron's output a (purple low, yellow high; each panel its own range);"
                       " dashed: z = 0"), fontsize=10)
    return fig


def plot_activations(names=("sigmoid", "tanh", "relu"), zlim=5.0):
    """Two panels: the activations f(z) and their slopes f'(z). Returns the figure."""
    z = np.linspace(-zlim, zlim, 401)
    fig, (ax1, ax2) = figure(ncols=2, width=4.0, height=3.0)
    for name in names:
        ax1.plot(z, activations.forward(name, z), label=name)
        slope = activations.slope(name, z)
        if name == "relu":  # the slope jumps at the kink z = 0: draw no vertical line there
            slope = np.where(z == 0, np.nan, slope)
        ax2.plot(z, slope, label=name)
    ax1.set_ylim(-1.2, 2.0)
    ax1.set_title(_("activation f(z)"))
    ax1.set_xlabel(_("weighted sum z"))
    ax1.set_ylabel(_("output a = f(z)"))
    ax2.set_title(_("slope f'(z)"))
    ax2.set_xlabel(_("weighted sum z"))
    ax2.set_ylabel(_("slope f'(z)"))
    ax2.set_ylim(-0.1, 1.2)
    ax1.legend(loc="upper left")
    return fig


def plot_article_sigmoid(zlim=6.0):
    """The sigmoid 1/(1+e^(-z)) beside article 000's printed 1/(1+e^z). Returns the figure."""
    z = np.linspace(-zlim, zlim, 301)
    fig, ax = figure(width=5.0, height=3.0)
    ax.plot(z, 1.0 / (1.0 + np.exp(-z)), label=r"sigmoid $1/(1+e^{-z})$", color=COLORS["blue"])
    ax.plot(z, 1.0 / (1.0 + np.exp(z)), "--", label=_(r"article 000: $1/(1+e^z)$"), color=COLORS["red"])
    ax.axvline(0, color=COLORS["grey"], linewidth=0.8)
    ax.set_xlabel(_("weighted sum z"))
    ax.set_ylabel(_("output"))
    ax.set_title(_("the printed formula is the mirror image"))
    ax.legend(loc="center right")
    return fig


def plot_boundaries(nets, titles, X, labels, n=90):
    """Decision boundaries of several networks on the same data, one panel each. Returns the figure."""
    fig, axes = figure(ncols=len(nets), width=min(3.1, MAX_WIDTH / len(nets)), height=3.2)
    axes = np.atleast_1d(axes)
    for ax, net, title in zip(axes, nets, titles):
        decision_boundary(ax, net, X, labels, n=n)
        ax.set_title(title, fontsize=10)
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=len(names))  # below the panels, off the data
    return fig


def plot_digit(vector, label=None, numbers=False):
    """An 8x8 digit (given as its 64-vector of pixel values 0..16) shown as the image and as the vector.

    Left the image, right the same 64 numbers as a strip (rows laid end to end) over their bars; lines at
    k - 0.5 mark where each image row starts.  ``numbers=True`` writes each pixel's value into the image.
    Values of at most 1 (digits already scaled to 0..1) are shown on a 0..1 grey scale.
    """
    vector = np.asarray(vector, dtype=float).ravel()
    top = 16.0 if vector.max() > 1.0 else 1.0
    fig = plt.figure(figsize=(10.0, 3.2) if numbers else (8.4, 2.8), layout="constrained")
    grid = fig.add_gridspec(2, 2, width_ratios=[1, 2.6], height_ratios=[1, 3])
    ax_img = fig.add_subplot(grid[:, 0])
    ax_bar = fig.add_subplot(grid[1, 1])  # made before the strip: fig.axes = image, bars, strip
    ax_strip = fig.add_subplot(grid[0, 1], sharex=ax_bar)
    ax_img.imshow(vector.reshape(8, 8), cmap="gray_r", vmin=0, vmax=top)
    if numbers:
        for k, v in enumerate(vector):
            ax_img.text(k % 8, k // 8, f"{v:.0f}" if v == int(v) else f"{v:.1f}", ha="center", va="center",
                        fontsize=9, color="white" if v > 0.5 * top else COLORS["black"])
    ax_img.set_xticks(range(8))
    ax_img.set_yticks(range(8))
    ax_img.set_title(_("as an 8x8 image") if label is None else _f("as an 8x8 image (label {label})", label=label),
                     fontsize=10)
    ax_img.set_xlabel(_("column"))
    ax_img.set_ylabel(_("row"))
    ax_img.grid(False)
    ax_strip.imshow(vector[None, :], cmap="gray_r", vmin=0, vmax=top, aspect="auto", extent=(-0.5, 63.5, 0, 1))
    ax_strip.set_yticks([])
    ax_strip.grid(False)
    ax_strip.set_title(_("as the 64-vector the network reads (rows laid end to end)"), fontsize=10)
    for k in range(8, 64, 8):
        ax_strip.axvline(k - 0.5, color=COLORS["orange"], linewidth=1)
        ax_bar.axvline(k - 0.5, color=COLORS["orange"], linewidth=0.6)
    plt.setp(ax_strip.get_xticklabels(), visible=False)
    ax_bar.bar(np.arange(64), vector, width=0.8, color=COLORS["blue"])
    ax_bar.set_xlim(-0.5, 63.5)
    ax_bar.set_xticks(range(0, 64, 8))
    ax_bar.set_xlabel(_("input number k = 8 * row + column"))
    ax_bar.set_ylabel(_("pixel value"))
    return fig


def probability_contours(ax, net, X, levels=(0.1, 0.5, 0.9), n=150, margin=0.5):
    """Labelled lines where the network's single output equals each level."""
    XX, YY, points = plane_grid(X, n, margin)
    P = net.forward(points)[:, 0].reshape(XX.shape)
    cs = ax.contour(XX, YY, P, levels=list(levels), colors="k", linewidths=0.8)
    ax.clabel(cs, fmt="%.1f", fontsize=9)
    return cs
