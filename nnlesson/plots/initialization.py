"""Plots for the initialization notebook (02): saturation, symmetric weights, deep stacks.

Every function draws on axes it is given (or makes its figure with
:func:`figure`) and labels its axes; the numbers come from
``nnlesson.exercises.initialization`` and the nnlesson core.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from .. import activations
from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ..exercises.initialization import SATURATION_SLOPE, saturated_share, stack_activations
from ._look import COLORS, CYCLE, figure, log_axes, loss_curve

__all__ = [
    "SIGMOID_SATURATION_Z",
    "plot_sigmoid_saturation",
    "plot_preactivations",
    "plot_saturation_curve",
    "plot_training_by_init",
    "plot_hidden_columns",
    "layer_bins",
    "layer_histograms",
    "plot_layer_ridge",
    "update_layer_ridge",
    "plot_layer_spread",
    "init_scale_grid",
    "plot_gradient_sizes",
]

#: The weight scale in figure text (mathtext, not a literal underscore).
SIGMA_W = r"$\sigma_w$"


def _sigma_w():
    """SIGMA_W as the figure's language writes it (mathtext cannot draw Chinese in the same string: plain σ_w)."""
    return _(r"$\sigma_w$")

#: |z| beyond which the sigmoid's slope s(1 - s) is below SATURATION_SLOPE (0.01): s(1 - s) = c gives
#: s = (1 - r) / 2 with r = sqrt(1 - 4c) (0.96 under the root), and z = -ln(s / (1 - s)) = -ln((1 - r) / (1 + r)).
_R = np.sqrt(1 - 4 * SATURATION_SLOPE)
SIGMOID_SATURATION_Z = float(-np.log((1 - _R) / (1 + _R)))


def plot_sigmoid_saturation(ax, zmax=10.0):
    """The sigmoid and its slope, with the zones where the slope is below 0.01 shaded."""
    z = np.linspace(-zmax, zmax, 401)
    ax.plot(z, activations.sigmoid(z), color=COLORS["blue"], label=_("sigmoid σ(z)"))
    ax.plot(z, activations.slope("sigmoid", z), color=COLORS["orange"], label=_("slope σ(z)(1 − σ(z))"))
    zs = SIGMOID_SATURATION_Z
    for lo, hi in ((-zmax, -zs), (zs, zmax)):
        ax.axvspan(lo, hi, color=COLORS["red"], alpha=0.12, linewidth=0)
    ax.axhline(SATURATION_SLOPE, color=COLORS["red"], linewidth=1, linestyle="--", label=_("slope 0.01"))
    ax.text(zs + 0.3, 0.55, _f("slope < 0.01\n|z| > {z:.3f}", z=zs), color=COLORS["red"], fontsize=9)
    ax.set_xlim(-zmax, zmax)
    ax.set_xlabel(_("pre-activation z"))
    ax.set_ylabel(_("value"))
    ax.legend(loc="upper left")


def plot_preactivations(axes, scales, Zs, bins=60, zmax=None):
    """One histogram of pre-activations per weight scale, the saturated zones shaded.

    ``Zs[i]`` holds the pre-activations for weight scale ``scales[i]``.
    """
    zs = SIGMOID_SATURATION_Z
    for ax, scale, Z in zip(axes, scales, Zs):
        Z = np.ravel(Z)
        lim = zmax or max(2 * zs, float(np.max(np.abs(Z))))
        ax.hist(np.clip(Z, -lim, lim), bins=np.linspace(-lim, lim, bins + 1), color=COLORS["blue"], alpha=0.8)
        for lo, hi in ((-lim, -zs), (zs, lim)):
            ax.axvspan(lo, hi, color=COLORS["red"], alpha=0.12, linewidth=0)
        ax.set_xlim(-lim, lim)
        ax.set_title(_f("{sigma_w} = {scale:g}: {percent:.1f}% saturated", sigma_w=_sigma_w(), scale=scale,
                        percent=100 * saturated_share(Z)), fontsize=10)
        ax.set_xlabel(_("pre-activation z"))
        ax.set_ylabel(_("count"))


def plot_saturation_curve(ax, scales, shares, label=None, marks=None):
    """Share of saturated units against the weight scale (log x axis); ``marks`` are scales to point out."""
    ax.plot(scales, shares, "-", label=label)
    for m in marks or ():
        i = int(np.argmin(np.abs(np.asarray(scales) - m)))
        ax.plot(scales[i], shares[i], "o", color=COLORS["red"], markersize=6)
        ax.annotate(f"{m:g}", (scales[i], shares[i]), textcoords="offset points", xytext=(-14, 6), fontsize=9)
    log_axes(ax, x=True, y=False, labels="plain", subs=(1.0,))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_f("weight scale {sigma_w} (standard deviation)", sigma_w=_sigma_w()))
    ax.set_ylabel(_("saturated share (slope < 0.01)"))


def plot_training_by_init(ax, histories, xlabel=None, shift=0, logx=False, legend="upper right"):
    """Loss curves (``History.epoch_losses``) of several runs, one label each, log y axis.

    The loss before training is plotted at ``shift`` and the loss after epoch e at
    ``e + shift``; ``shift=1`` (with ``xlabel="epoch + 1"`` and ``logx=True``) lets a
    log x axis show the starting loss, which sits at epoch 0.  Log axes are labelled
    with plain numbers (0.1, 0.2, 0.5, 1) or powers of ten, without minor labels.
    ``legend`` is its location (``None``: no legend).  ``xlabel`` defaults to "epoch".
    """
    xlabel = _("epoch") if xlabel is None else xlabel
    for (label, hist), color in zip(histories.items(), CYCLE):
        x = np.arange(len(hist.epoch_losses)) + shift
        loss_curve(ax, hist.epoch_losses, label=label, x=x, xlabel=xlabel, color=color)
    if ax.get_yscale() == "log":
        log_axes(ax, y=True, labels="plain", subs=(1.0, 2.0, 5.0))
    if logx:
        log_axes(ax, x=True, y=False, labels="pow10")
    if legend:
        ax.legend(loc=legend)


def plot_hidden_columns(axes, weights, titles):
    """First-layer weight matrices as images: rows = inputs, columns = hidden units.

    Each panel has its own colour scale (symmetric about 0, red positive,
    blue negative), so that small weights are visible too.
    """
    im = None
    for ax, W, title in zip(axes, weights, titles):
        big = float(np.max(np.abs(W))) or 1.0
        im = ax.imshow(W, aspect="auto", cmap="RdBu_r", vmin=-big, vmax=big, interpolation="nearest")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel(_("hidden unit (column)"))
        ax.set_ylabel(_("input pixel (row)"))
        ax.set_xticks(range(W.shape[1]))
        ax.grid(False)
    return im


# --- deep stacks: histograms per layer ----------------------------------------

_RANGES = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": (-5.0, 5.0), "identity": (-3.0, 3.0)}


def layer_bins(activation, n=40):
    """Fixed bin edges for the activations of one kind.

    tanh: -1..1, sigmoid: 0..1; ReLU outputs can shrink or grow by orders of
    magnitude through a stack, so its edges are in log10 units, -5..5
    (outputs 1e-5 .. 1e5).
    """
    lo, hi = _RANGES[activation]
    return np.linspace(lo, hi, n + 1)


def layer_histograms(As, activation, edges):
    """Per-layer histograms scaled to a peak of 1, as an array (layers, bins).

    Values outside the edges are put in the outermost bins.  For ReLU the
    histogram is of log10 of the active outputs (a > 0): the exact zeros of
    inactive units are left out (the share panel counts them).
    """
    out = np.zeros((len(As), len(edges) - 1))
    edges = np.asarray(edges, dtype=float)
    # Evenly spaced edges (layer_bins makes them so) let NumPy count by arithmetic instead of sorting every
    # value, several times faster for a widget's redraw, with the same counts.
    uniform = np.array_equal(edges, np.linspace(edges[0], edges[-1], len(edges)))
    bins = dict(bins=len(edges) - 1, range=(edges[0], edges[-1])) if uniform else dict(bins=edges)
    for l, A in enumerate(As):
        a = np.ravel(A)
        a = a[np.isfinite(a)]
        if activation == "relu":
            a = np.log10(a[a > 0])
        if a.size == 0:
            continue
        counts = np.histogram(np.clip(a, edges[0], edges[-1]), **bins)[0].astype(float)
        peak = counts.max()
        if peak > 0:
            out[l] = counts / peak
    return out


def plot_layer_ridge(ax, As, activation, edges=None, height=0.85, title=None):
    """Glorot & Bengio's picture: one histogram of activations per layer, stacked (layer 1 at the bottom).

    Returns ``(stairs, edges)``: the StepPatch of each layer, so a widget can
    change heights in place with :func:`update_layer_ridge`.
    """
    edges = layer_bins(activation) if edges is None else edges
    H = layer_histograms(As, activation, edges)
    cmap = mpl.colormaps["viridis"]
    stairs = []
    L = len(As)
    for l in range(L):
        st = ax.stairs(l + 1 + height * H[l], edges, baseline=l + 1, fill=True, linewidth=0,
                       color=cmap(l / max(L - 1, 1) * 0.9), alpha=0.85)
        stairs.append(st)
    ax.set_ylim(0.8, L + 1.0)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_yticks(range(1, L + 1))
    ax.set_ylabel(_("layer"))
    ax.set_xlabel(_ridge_xlabel(activation))
    ax.grid(False)
    if title:
        ax.set_title(title, fontsize=10)
    return stairs, edges


def _ridge_xlabel(activation):
    if activation == "relu":
        return _("log10 of active ReLU outputs")
    return _f("activation value ({activation})", activation=activation)


def update_layer_ridge(stairs, As, activation, edges, height=0.85, ax=None):
    """Change the heights of the stacked histograms in place (no new artists).

    With ``ax``, also set its x range and label for ``activation`` (after a switch of activation, whose
    ``edges`` are new bins from :func:`layer_bins`)."""
    H = layer_histograms(As, activation, edges)
    for l, st in enumerate(stairs):
        st.set_data(values=l + 1 + height * H[l], edges=edges, baseline=l + 1)
    if ax is not None:
        ax.set_xlim(edges[0], edges[-1])
        ax.set_xlabel(_ridge_xlabel(activation))


def plot_layer_spread(ax, spreads, layers=None, legend=True):
    """Standard deviation of the activations per layer, one line per setting (log y axis)."""
    for (label, s), color in zip(spreads.items(), CYCLE):
        s = np.asarray(s, dtype=float)
        x = np.arange(1, len(s) + 1) if layers is None else layers
        ax.plot(x, s, "-o", markersize=3, color=color, label=label)
    log_axes(ax, y=True, labels="pow10")
    ax.set_xlabel(_("layer"))
    ax.set_ylabel(_("std of activations"))
    if legend:
        ax.legend(fontsize=9)


def init_scale_grid(X, G, settings, width=2.6, height=2.6):
    """The static grid beside the widget: rows = activations, columns = weight scales.

    ``settings`` maps an activation name to a list of ``(label, scale)``;
    ``X, G`` come from ``unit_stack``.  Each panel is a ridge of per-layer
    histograms, titled with the scale and the saturated share over all layers.
    """
    rows = list(settings)
    ncols = max(len(v) for v in settings.values())
    fig, axes = figure(ncols=ncols, nrows=len(rows), width=width, height=height)
    axes = np.asarray(axes).reshape(len(rows), ncols)
    for r, act in enumerate(rows):
        for c, (label, scale) in enumerate(settings[act]):
            Zs, As = stack_activations(X, G, act, scale)
            sat = np.mean([saturated_share(Z, act) for Z in Zs])
            text = (_("{activation}, {label}\n{sigma_w} = {scale:.3g}: {percent:.0f}% inactive") if act == "relu"
                    else _("{activation}, {label}\n{sigma_w} = {scale:.3g}: {percent:.0f}% saturated"))
            plot_layer_ridge(axes[r, c], As, act, title=text.format(activation=act, label=label, sigma_w=_sigma_w(),
                                                                     scale=scale, percent=100 * sat))
            if c:
                axes[r, c].set_ylabel("")
    return fig, axes


def plot_gradient_sizes(axes, sizes, layers=None):
    """Size (RMS) of dL/dW per weight layer, one panel per activation, one line per initializer (log y axis).

    ``sizes`` maps an activation name to a dict {initializer label: array of
    per-layer sizes}, e.g. from ``layer_gradient_sizes(...)["gradient"]``.  Layer 1
    is the input side; the last is the output layer.  Returns the lines of the
    first panel and their labels, for a legend placed outside the data
    (``fig.legend(lines, labels, loc="outside lower center", ncols=...)``).
    """
    handles, labels = [], []
    for i, (ax, (act, by_init)) in enumerate(zip(axes, sizes.items())):
        for (label, g), color in zip(by_init.items(), CYCLE):
            g = np.asarray(g, dtype=float)
            x = np.arange(1, len(g) + 1) if layers is None else layers
            (line,) = ax.plot(x, g, "-o", markersize=3, color=color, label=label)
            if i == 0:
                handles.append(line)
                labels.append(label)
        log_axes(ax, y=True, labels="pow10")
        ax.set_title(_f("{activation} hidden layers", activation=act), fontsize=11)
        ax.set_xlabel(_("weight layer (1 = input side)"))
        n = len(next(iter(by_init.values())))
        ax.set_xticks([1, (n + 1) // 2, n] if n > 2 else list(range(1, n + 1)))
        if i == 0:
            ax.set_ylabel(_("size of dL/dW (RMS)"))
    return handles, labels
