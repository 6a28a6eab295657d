"""One look for every figure in the series, and the plots several notebooks share.

Figures are made with :class:`matplotlib.figure.Figure` rather than pyplot
where they are kept alive by a widget (no global figure list, no duplicate
display); a notebook that just wants a picture calls :func:`figure` and lets
Jupyter show the returned figure.
"""

from __future__ import annotations

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter, NullLocator

from .. import _i18n
from .._i18n import figure_format as _f
from .._i18n import figure_text as _

#: The series' colours: a colour-blind-safe set (Okabe & Ito), in a fixed order.
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "red": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#777777",
    "black": "#000000",
}
CYCLE = [COLORS[k] for k in ("blue", "orange", "green", "red", "purple", "sky", "grey")]

STYLE = {
    "figure.dpi": 80,
    "savefig.dpi": 80,
    "figure.facecolor": "white",
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    "font.family": ["DejaVu Sans"],
}


#: Fonts with the glyphs a language needs, most common first (Linux, Windows, macOS); the first installed is used.
LANGUAGE_FONTS = {
    "zh": ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
           "WenQuanYi Micro Hei", "Droid Sans Fallback", "Microsoft YaHei", "SimHei", "DengXian", "PingFang SC",
           "Hiragino Sans GB", "Heiti SC", "STHeiti", "Arial Unicode MS"],
}
INSTALL_HINT = {
    "zh": ("Debian/Ubuntu: sudo apt install fonts-noto-cjk; Fedora: sudo dnf install google-noto-sans-cjk-fonts; "
           "conda: conda install -c conda-forge font-ttf-noto-cjk; Windows and macOS ship one (Microsoft YaHei, "
           "PingFang SC)"),
}
_font_for = {}  # language -> font family found (None: none installed), looked up once per process


def language_font(language):
    """The installed font family that draws ``language``'s glyphs, or None ("en": None, DejaVu Sans does)."""
    if language not in LANGUAGE_FONTS:
        return None
    if language not in _font_for:
        wanted = LANGUAGE_FONTS[language]
        found = _first_installed(wanted)
        if found is None:
            # matplotlib's font list is cached from its first run; a font installed since is not in it yet
            for path in font_manager.findSystemFonts():
                name = path.rsplit("/", 1)[-1].lower()
                if any(key in name for key in ("cjk", "sourcehan", "wqy", "yahei", "simhei", "pingfang", "heiti",
                                               "droidsansfallback", "hiragino", "dengxian", "notosanssc")):
                    try:
                        font_manager.fontManager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue
            found = _first_installed(wanted)
        _font_for[language] = found
    return _font_for[language]


def _first_installed(families):
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in families if name in installed), None)


def _font_families(language):
    """DejaVu Sans first (Latin, digits, symbols look the same in every edition), then the language's font."""
    extra = language_font(language)
    return ["DejaVu Sans"] + ([extra] if extra else [])


def _on_language(language):
    """Follow nl.set_language: fonts for the language's glyphs, or English figure text when none is installed."""
    if language in LANGUAGE_FONTS and language_font(language) is None:
        _i18n._figures_in_english(True)
        warnings.warn(
            f"no installed font has the glyphs for language {language!r} (looked for: "
            f"{', '.join(LANGUAGE_FONTS[language][:6])}, ...), so figures keep their English text. "
            f"To get it, install one ({INSTALL_HINT[language]}), then restart the kernel.",
            UserWarning, stacklevel=3)
    mpl.rcParams["font.family"] = _font_families(language)


def use_style():
    """Apply the series' look (and the font for the current language) to every figure made from now on."""
    mpl.rcParams.update(STYLE)
    mpl.rcParams["font.family"] = _font_families(_i18n.get_language())


def figure(ncols=1, nrows=1, width=4.2, height=3.2, pyplot=True, **kwargs):
    """A figure with nrows x ncols axes of about width x height inches each.

    ``pyplot=True`` (default) makes it through pyplot, so Jupyter shows it at
    the end of the cell; ``pyplot=False`` makes a free-standing Figure for a
    widget to keep and redraw.  Returns (fig, axes) like ``plt.subplots``.
    """
    use_style()
    size = (width * ncols, height * nrows)
    if pyplot:
        fig, axes = plt.subplots(nrows, ncols, figsize=size, squeeze=False, layout="constrained", **kwargs)
    else:
        fig = Figure(figsize=size, layout="constrained")
        axes = np.array(fig.subplots(nrows, ncols, squeeze=False, **kwargs))
    return fig, (axes[0, 0] if axes.size == 1 else axes.ravel() if 1 in (nrows, ncols) else axes)


def loss_curve(ax, losses, label=None, x=None, xlabel=None, log=True, **kwargs):
    """Plot a loss curve on ``ax`` (log scale by default); non-finite values are cut off."""
    losses = np.asarray(losses, dtype=float)
    x = np.arange(len(losses)) if x is None else np.asarray(x)
    finite = np.isfinite(losses)
    line = ax.plot(x[finite], losses[finite], label=label, **kwargs)[0]
    if log and np.all(losses[finite] > 0):
        ax.set_yscale("log")
    ax.set_xlabel(_("epoch") if xlabel is None else xlabel)
    ax.set_ylabel(_("loss"))
    return line


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _pow10(value, _pos=None):
    """Tick label 10ⁿ in plain text (no mathtext: several times cheaper to draw); "" off the powers of ten."""
    if value <= 0:
        return ""
    n = np.log10(value)
    if abs(n - round(n)) > 1e-9:
        return ""
    n = int(round(n))
    return {0: "1", 1: "10"}.get(n, "10" + str(n).translate(_SUPERSCRIPT))


def _plain(value, _pos=None):
    """Tick label as a plain number (0.02, 5, 100)."""
    return f"{value:g}"


def log_axes(ax, x=False, y=True, labels="pow10", base=10, subs=(1.0,)):
    """Log scale on the chosen axes of ``ax`` with cheap tick labels (plain text, far faster to draw than
    matplotlib's default mathtext).

    ``labels="pow10"``: ticks at powers of ten labelled 10ⁿ, minor ticks kept but unlabelled (for ranges
    of many decades).  ``labels="plain"``: ticks at ``subs`` × base^k labelled as plain numbers, no minor
    ticks (e.g. ``subs=(1, 2, 5)`` for a range of a decade or two).
    """
    if labels not in ("pow10", "plain"):
        raise ValueError(f'labels must be "pow10" or "plain", got {labels!r}')
    for on, axis, setter in ((x, ax.xaxis, ax.set_xscale), (y, ax.yaxis, ax.set_yscale)):
        if not on:
            continue
        if labels == "pow10":
            setter("log")
            axis.set_major_locator(LogLocator(base=10, numticks=8))
            axis.set_major_formatter(FuncFormatter(_pow10))
            axis.set_minor_formatter(NullFormatter())
        else:
            setter("log", base=base)
            axis.set_major_locator(LogLocator(base=base, subs=subs))
            axis.set_major_formatter(FuncFormatter(_plain))
            axis.set_minor_locator(NullLocator())


def contour(ax, landscape, levels=25, n=121, filled=False):
    """Contour lines of a 2-D landscape over its plotting range, with its minima marked."""
    XX, YY, F = landscape.grid(n)
    lo, hi = float(F.min()), float(F.max())
    lv = np.geomspace(max(lo, 1e-3), hi, levels) if lo >= 0 and hi > 0 else levels
    draw = ax.contourf if filled else ax.contour
    cs = draw(XX, YY, F, levels=lv, cmap="viridis", linewidths=0.8) if not filled else draw(XX, YY, F, levels=lv)
    for m in landscape.minima:
        ax.plot(*m, marker="*", color=COLORS["red"], markersize=12, linestyle="none")
    ax.set_xlim(landscape.xlim)
    ax.set_ylim(landscape.ylim)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    return cs


def path(ax, points, color=None, label=None):
    """A descent path (steps, 2) as dots joined by lines; the start is a hollow circle."""
    points = np.asarray(points, dtype=float)
    color = color or COLORS["orange"]
    line = ax.plot(points[:, 0], points[:, 1], "-o", color=color, markersize=3, linewidth=1.2, label=label)[0]
    start = ax.plot(points[0, 0], points[0, 1], "o", markerfacecolor="white", markeredgecolor=color, markersize=8)[0]
    return line, start


def plane_grid(X, n=200, margin=0.5):
    """An n x n grid over the box around the 2-D data X (widened by ``margin`` on every side).

    Returns (XX, YY, points): the meshgrid arrays (n, n) and the same grid as (n * n, 2) rows for a network.
    """
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    XX, YY = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
    return XX, YY, np.c_[XX.ravel(), YY.ravel()]


def decision_boundary(ax, net, X, labels, n=200, margin=0.5):
    """Shade the class the network predicts over the plane, and scatter the data on top."""
    X = np.asarray(X, dtype=float)
    XX, YY, points = plane_grid(X, n, margin)
    P = net.forward(points)
    if P.shape[1] == 1:
        Z = P[:, 0].reshape(XX.shape)
        ax.contourf(XX, YY, Z, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45)
        ax.contour(XX, YY, Z, levels=[0.5], colors="k", linewidths=1)
    else:
        Z = np.argmax(P, axis=1).reshape(XX.shape)
        ax.contourf(XX, YY, Z, levels=np.arange(P.shape[1] + 1) - 0.5, colors=CYCLE[: P.shape[1]], alpha=0.3)
    labels = np.asarray(labels)
    for k in np.unique(labels):
        pts = X[labels == k]
        ax.scatter(pts[:, 0], pts[:, 1], s=18, color=CYCLE[int(k) % len(CYCLE)], edgecolor="k", linewidth=0.4,
                   label=_f("class {k}", k=k))
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.grid(False)


def unit_positions(sizes):
    """Where :func:`draw_network` puts the units: layer l at x = l, its units spaced 1 apart around y = 0.

    Returns one list of (x, y) per layer.
    """
    return [[(l, (s - 1) / 2 - i) for i in range(s)] for l, s in enumerate(sizes)]


def draw_network(ax, sizes, weights=None, values=None, title=None, cmap="RdBu_r", max_width=6.0):
    """Draw a fully connected network: units as circles, weights as edges.

    ``weights``: list of (sizes[l], sizes[l+1]) arrays shown as edge colour
    (sign) and width (size), e.g. a network's weights or their gradients
    ("who takes the blame").  ``values``: optional list of per-layer arrays
    written inside the units.
    """
    cm = mpl.colormaps[cmap]
    L = len(sizes)
    pos = unit_positions(sizes)
    if weights is not None:
        big = max(float(np.max(np.abs(w))) for w in weights) or 1.0
        for l, w in enumerate(weights):
            for i, (x0, y0) in enumerate(pos[l]):
                for j, (x1, y1) in enumerate(pos[l + 1]):
                    v = float(w[i, j])
                    ax.plot([x0, x1], [y0, y1], color=cm(0.5 + 0.5 * v / big),
                            linewidth=0.5 + max_width * abs(v) / big, zorder=1, solid_capstyle="round")
    for l, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            ax.add_patch(mpl.patches.Circle((x, y), 0.18, facecolor="white", edgecolor="k", zorder=2))
            if values is not None:
                ax.text(x, y, f"{float(values[l][i]):.2f}", ha="center", va="center", fontsize=9, zorder=3)
    ax.set_xlim(-0.5, L - 0.5)
    top = max(sizes) / 2
    ax.set_ylim(-top, top)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)


_i18n._listeners.append(_on_language)
if _i18n.get_language() != "en":
    _on_language(_i18n.get_language())
