"""Plots for the backprop notebook: article 000's proportional split beside the
true error signals, "who takes the blame" (gradients drawn on the network), the
loss along one weight, the cost of finite differences against backprop, and the
2-2-2 network with one step of the backward pass highlighted."""

from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np

from .._i18n import figure_format as _f
from .._i18n import figure_text as _
from ..errorsplit import proportional_error_split
from ..examples import article001_net
from ._look import COLORS, draw_network, figure, unit_positions

__all__ = [
    "bp_split_plot",
    "bp_blame_plot",
    "bp_loss_along_weight",
    "bp_cost_plot",
    "bp_network_artists",
    "bp_highlight",
    "bp_step_grid",
    "bp_graph_plot",
]


def bp_split_plot(ex, sweep=(-1.6, 1.0), n=241, figsize=(4.6, 3.4)):
    """Two panels on article 000's 2-3-1 network (a WorkedExample).

    Left: error passed back to each hidden unit per unit of output error, by
    weight share w_j / Σw (article 000) and by backprop (w_j · o(1−o), and with
    the hidden slope h_j(1−h_j): the error signal δ_j).  Right: the same for
    hidden unit 1 as the second output weight is swept, so that the weights'
    sum crosses zero.  Returns the figure.
    """
    net, X, Y = ex.net, ex.X, ex.Y
    w = net.weights[1][:, 0].copy()
    tr = net.trace(X, Y, ex.loss)
    o = tr.A[-1][0, 0]
    h = tr.A[1][0]
    share = proportional_error_split(w, 1.0)
    back = w * o * (1 - o)
    signal = back * h * (1 - h)
    fig, (a, b) = figure(ncols=2, width=figsize[0], height=figsize[1])
    idx = np.arange(len(w))
    a.bar(idx - 0.27, share, 0.27, color=COLORS["orange"], label=_(r"weight share $w_j\,/\,\Sigma w$ (article 000)"))
    a.bar(idx, back, 0.27, color=COLORS["sky"],
          label=_(r"backprop $\partial L/\partial h_j \div \partial L/\partial o$"))
    a.bar(idx + 0.27, signal, 0.27, color=COLORS["blue"], label=_(r"backprop $\delta_j \div \partial L/\partial o$"))
    a.set_xticks(idx, [f"h{j + 1}\nw={w[j]:.2f}" for j in idx])
    a.set_ylabel(_("error sent back per unit of output error"))
    a.set_title(_("the article's weights"))
    a.legend(loc="upper right")
    a.set_ylim(0, max(share) * 1.75)

    ws = np.linspace(sweep[0], sweep[1], n)
    split1, bp1 = [], []
    trial = net.copy()
    for v in ws:
        w2 = w.copy()
        w2[1] = v
        trial.weights[1] = w2[:, None]
        total = w2.sum()
        split1.append(w2[0] / total if abs(total) > 1e-9 else np.nan)
        out = trial.forward(X)[0, 0]
        bp1.append(w2[0] * out * (1 - out))
    split1 = np.array(split1)
    split1[np.abs(split1) > 50] = np.nan  # break the line at the pole
    zero = -(w.sum() - w[1])
    b.axvline(zero, color=COLORS["grey"], linestyle=":", linewidth=1.2)
    b.axhline(0, color="k", linewidth=0.6)
    b.plot(ws, split1, color=COLORS["orange"], label=_("weight share of h1"))
    b.plot(ws, bp1, color=COLORS["sky"], label=_(r"backprop $\partial L/\partial h_1 \div \partial L/\partial o$"))
    b.plot([w[1]], [share[0]], "o", color=COLORS["orange"])
    b.annotate(_("weights sum to 0"), (zero, -6), xytext=(zero + 0.12, -7), fontsize=10)
    b.set_ylim(-10, 10)
    b.set_xlabel(_("second output weight w'21"))
    b.set_ylabel(_("error sent back to h1 (per unit)"))
    b.set_title(_("sweep w'21: the share blows up"))
    b.legend(loc="upper right")
    return fig


def _edge_label_position(p0, p1, t=0.28):
    return p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])


# (CJK characters and punctuation end a name too, so that "第 4 步：δ_o1" keeps its Chinese out of mathtext)
_SUB = re.compile(r"([^\s·×()=+−/∂,:$\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+)_([A-Za-z0-9]+)")


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_UNICODE_SUB = dict(zip("0123456789aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))


def subscripts(text):
    """Figure text with "out_h1", "δ_o1" written as subscripts (mathtext), never as literal underscores.

    Text with Chinese in it gets Unicode subscripts (outₕ₁) instead: matplotlib draws a string that holds
    any $...$ entirely with the math font, which has no Chinese glyphs.
    """
    if _CJK.search(text):
        return _SUB.sub(lambda m: m[1] + "".join(_UNICODE_SUB[c] for c in m[2])
                        if all(c in _UNICODE_SUB for c in m[2]) else m[0], text)
    return _SUB.sub(lambda m: f"$\\mathrm{{{m[1]}}}_{{\\mathrm{{{m[2]}}}}}$", text)


def _segment_distance(p, a, b):
    a, b, p = np.asarray(a, float), np.asarray(b, float), np.asarray(p, float)
    d = b - a
    t = np.clip((p - a) @ d / max(d @ d, 1e-12), 0.0, 1.0)
    return float(np.linalg.norm(p - (a + t * d)))


_CANDIDATES = np.linspace(0.22, 0.78, 29)  # where along an edge a label may go (0 = source, 1 = target)


def edge_label_spots(sizes, radius=0.2, candidates=_CANDIDATES):
    """Where to write each edge's label so that it sits on its own edge, clear of the others.

    Greedy: for each edge (l, i, j) pick the point along it that lies farthest
    from every other edge, every unit circle and every label already placed.
    Returns {(l, i, j): (x, y)} in :func:`unit_positions` coordinates.
    """
    pos = unit_positions(sizes)
    edges = [(l, i, j) for l in range(len(sizes) - 1) for i in range(sizes[l]) for j in range(sizes[l + 1])]
    segs = {e: (pos[e[0]][e[1]], pos[e[0] + 1][e[2]]) for e in edges}
    units = [p for layer in pos for p in layer]
    spots = {}
    for e in edges:
        a, b = segs[e]
        best, best_score = None, -np.inf
        for t in candidates:
            p = _edge_label_position(a, b, t)
            d_edges = min((_segment_distance(p, *segs[o]) for o in edges if o != e), default=np.inf)
            d_units = min(np.hypot(p[0] - u[0], p[1] - u[1]) - radius for u in units)
            d_labels = min((np.hypot(p[0] - q[0], p[1] - q[1]) for q in spots.values()), default=np.inf)
            score = min(d_edges, 1.3 * d_units, 0.8 * d_labels)
            if score > best_score + 1e-9:
                best, best_score = p, score
        spots[e] = best
    return spots


def _edge_label(ax, xy, text, fontsize=10):
    return ax.text(xy[0], xy[1], text, fontsize=fontsize, ha="center", va="center", zorder=5, color="k",
                   bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=1.0))


def bp_blame_plot(ax, ex, title=None, fmt="{name}", output_label="o", input_label="x", values=True):
    """"Who takes the blame": ``draw_network`` with each weight's gradient as edge colour and width.

    Red edges have a positive gradient (gradient descent lowers that weight),
    blue ones a negative gradient (it raises it); thicker = larger gradient.
    Each edge is labelled ``fmt`` (default: the article's name of the weight),
    placed on its edge clear of the others; with ``values`` the gradients are
    listed beside the network.  Input and output units are named
    ``input_label`` / ``output_label`` + 1, 2, ... (e.g. "i" and "o" for
    article 001, "x" and "ŷ" for article 003).  Returns the network's
    :class:`~nnlesson.network.Gradients`.
    """
    g = ex.net.gradients(ex.X, ex.Y, ex.loss)
    sizes = ex.net.sizes
    draw_network(ax, sizes, weights=g.weights, title=title, max_width=5.0)
    pos = unit_positions(sizes)
    spots = edge_label_spots(sizes, radius=0.18)
    rows = []
    for name, (layer, i, j) in ex.names.items():
        grad = float(g.weights[layer][i, j])
        _edge_label(ax, spots[(layer, i, j)], fmt.format(name=name, g=grad))
        rows.append(f"{name:<4}{grad:+.4f}")
    for l, layer in enumerate(pos):
        prefix = input_label if l == 0 else ("h" if l < len(pos) - 1 else output_label)
        for i, (x, y) in enumerate(layer):
            ax.text(x, y, f"{prefix}{i + 1}", ha="center", va="center", fontsize=10, zorder=3)
    if values:
        right = len(sizes) - 0.5
        # monospace for the aligned numbers, then the language's font (if any) for the heading
        mono = ["DejaVu Sans Mono"] + list(mpl.rcParams["font.family"])[1:]
        ax.text(right + 0.15, max(sizes) / 2 - 0.05, _("gradient") + "\n" + "\n".join(rows), fontsize=10, va="top",
                ha="left", family=mono)
        ax.set_xlim(-0.5, right + 1.55)
    return g


def bp_loss_along_weight(ax, ex, name, half_width=1.5, n=201, lr=None, rule=None):
    """The loss as one weight of a worked example moves, everything else fixed.

    Marks the current value, the tangent (slope = the gradient), an arrow in
    the direction a gradient-descent step moves the weight and, if ``rule``
    (a label) is given, a red arrow the opposite way.  Returns (gradient,
    w_now, w_after_one_step).
    """
    layer, i, j = ex.names[name]
    net = ex.net.copy()
    w0 = float(net.weights[layer][i, j])
    ws = np.linspace(w0 - half_width, w0 + half_width, n)
    losses = []
    for v in ws:
        net.weights[layer][i, j] = v
        losses.append(net.loss(ex.X, ex.Y, ex.loss))
    net.weights[layer][i, j] = w0
    grad = float(net.gradients(ex.X, ex.Y, ex.loss).weights[layer][i, j])
    L0 = net.loss(ex.X, ex.Y, ex.loss)
    lr = ex.lr if lr is None else lr
    w1 = w0 - lr * grad
    ax.plot(ws, losses, color=COLORS["blue"], label=_("loss"))
    span = np.array([w0 - 0.6 * half_width, w0 + 0.6 * half_width])
    ax.plot(span, L0 + grad * (span - w0), "--", color=COLORS["grey"], linewidth=1.2,
            label=_f("tangent, slope = gradient = {grad:+.3f}", grad=grad))
    ax.plot([w0], [L0], "o", color=COLORS["black"], label=_f("now: {name} = {w:.2f}", name=name, w=w0))
    top = max(losses)
    length = 0.45 * half_width * np.sign(w1 - w0)
    for direction, colour, text, height in ((length, COLORS["green"], _("gradient descent"), 0.96),
                                            (-length if rule else 0.0, COLORS["red"], rule, 0.8)):
        if not direction:
            continue
        y = height * top
        ax.annotate("", xy=(w0 + direction, y), xytext=(w0, y),
                    arrowprops=dict(arrowstyle="->", color=colour, lw=2))
        ax.text(w0 + direction / 2, y, text, color=colour, va="bottom", ha="center", fontsize=9)
    ax.set_ylim(top=1.1 * top)
    ax.set_xlabel(_f("weight {name}", name=name))
    ax.set_ylabel(_("loss"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=9)
    return grad, w0, w1


def bp_cost_plot(parameters, fd_forward, bp_passes, fd_seconds=None, bp_seconds=None):
    """Cost of a full gradient against the number of parameters (log-log).

    Left: passes counted (finite differences: forward passes; backprop:
    forward + backward).  Right (if timings are given): measured seconds.
    Returns the figure.
    """
    timed = fd_seconds is not None and bp_seconds is not None
    fig, axes = figure(ncols=2 if timed else 1, width=4.2, height=3.2)
    panels = [(fd_forward, bp_passes, _("finite differences (2 per parameter)"),
               _("backprop (1 forward + 1 backward)"), _("passes through the network"), _("passes counted"))]
    if timed:
        panels.append((fd_seconds, bp_seconds, _("finite differences"), _("backprop"),
                       _("seconds per full gradient"), _("time measured")))
    for ax, (fd, bp, fd_label, bp_label, ylabel, title) in zip(axes if timed else [axes], panels):
        ax.loglog(parameters, fd, "o-", color=COLORS["orange"], label=fd_label)
        ax.loglog(parameters, bp, "s-", color=COLORS["blue"], label=bp_label)
        ax.set_xlabel(_("number of parameters"))
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncols=1)
    return fig


# --- the 2-2-2 network, one backward step highlighted ---------------------------

_ARTICLE001 = article001_net()
_SIZES = tuple(_ARTICLE001.net.sizes)  # 2-2-2
_UNIT_NAMES = (("i1", "i2"), ("h1", "h2"), ("o1", "o2"))
_EDGE_NAMES = {where: name for name, where in _ARTICLE001.names.items()}  # (layer, i, j) -> "w1" ... "w8"
_IDLE, _DONE_W = COLORS["grey"], 1.2
_POS, _NEG, _NOW, _NOW_FILL = "#B2182B", "#2166AC", COLORS["green"], "#BFE8DA"  # red +, blue −, current step


def bp_network_artists(ax):
    """Draw the 2-2-2 network of article 001 once and return its artists for later highlighting.

    Returns a dict with ``edges`` {(layer, i, j): Line2D}, ``units``
    {(layer, i): Circle} and ``labels`` {(layer, i, j): Text}.
    """
    pos = unit_positions(_SIZES)
    edges, units, labels = {}, {}, {}
    for l in range(len(_SIZES) - 1):
        for i, p0 in enumerate(pos[l]):
            for j, p1 in enumerate(pos[l + 1]):
                edges[(l, i, j)] = ax.plot([p0[0], p1[0]], [p0[1], p1[1]], color=_IDLE, linewidth=_DONE_W,
                                           zorder=1, solid_capstyle="round")[0]
    for key, xy in edge_label_spots(_SIZES).items():
        labels[key] = _edge_label(ax, xy, _EDGE_NAMES[key])
    for l, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            units[(l, i)] = mpl.patches.Circle((x, y), 0.2, facecolor="white", edgecolor="k", zorder=2)
            ax.add_patch(units[(l, i)])
            ax.text(x, y, _UNIT_NAMES[l][i], ha="center", va="center", fontsize=10, zorder=3)
    ax.set_xlim(-0.4, len(_SIZES) - 0.6)
    ax.set_ylim(-0.9, 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"edges": edges, "units": units, "labels": labels}


def bp_highlight(artists, steps, k):
    """Colour the network for step ``k`` of ``bp_backward_steps``.

    Weights whose gradient an earlier step produced are drawn in the gradient's
    colour (red positive, blue negative; width grows with the square root of
    its size, so that small gradients stay visible); the current step's units
    and weights are green and thick.
    """
    done = {s["grad"]: s["value"] for s in steps[:k] if s["grad"] is not None}
    big = max((abs(s["value"]) for s in steps if s["grad"] is not None), default=1.0) or 1.0
    for key, line in artists["edges"].items():
        if key in done:
            v = done[key]
            line.set_color(_POS if v > 0 else _NEG)
            line.set_linewidth(1.5 + 3.5 * np.sqrt(abs(v) / big))
        else:
            line.set_color(_IDLE)
            line.set_linewidth(_DONE_W)
    for key in steps[k]["edges"]:
        artists["edges"][key].set_color(_NOW)
        artists["edges"][key].set_linewidth(5.0)
    current = set(steps[k]["units"])
    for key, circle in artists["units"].items():
        circle.set_facecolor(_NOW_FILL if key in current else "white")
        circle.set_linewidth(2.5 if key in current else 1.0)


def bp_step_grid(steps, which, ncols=None):
    """A static grid: the 2-2-2 network at several steps of the backward pass.

    Each panel's title is the quantity and its value.  Returns the figure.
    """
    ncols = ncols or min(len(which), 2)
    nrows = int(np.ceil(len(which) / ncols))
    fig, axes = figure(ncols=ncols, nrows=nrows, width=3.4, height=2.3)
    axes = np.atleast_1d(axes).ravel()
    for ax, k in zip(axes, which):
        art = bp_network_artists(ax)
        bp_highlight(art, steps, k)
        ax.set_title(subscripts(_f("step {k}: {quantity} = {value:.6f}", k=k, quantity=steps[k]["quantity"],
                                   value=steps[k]["value"])), fontsize=11)
    for ax in axes[len(which):]:
        ax.axis("off")
    return fig


def bp_graph_plot(rows, width=10.0, height=2.9):
    """A computational graph drawn as a chain: forward values left to right, gradients right to left.

    ``rows`` as returned by :func:`nnlesson.exercises.bp_graph_w5`.  Each box shows a node and its
    forward value; under it, in red, ∂E/∂node = local gradient × upstream gradient.  Returns the figure.
    """
    fig, ax = figure(width=width, height=height)
    n = len(rows)
    xs = np.arange(n) * 1.0
    for k, (x, r) in enumerate(zip(xs, rows)):
        ax.text(x, 0.55, subscripts(f"{r['node']}\n= {r['value']:.4f}"), ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.35", fc="white", ec="k"), zorder=3)
        ax.text(x, 1.05, subscripts(r["op"]), ha="center", va="center", fontsize=9, color=COLORS["grey"])
        if r["upstream"] is None:
            text = "∂E/∂E = 1"
        else:
            text = subscripts(f"{r['local']:.4f} × {r['upstream']:.4f}\n= {r['grad']:.4f}")
        ax.text(x, -0.25, text, ha="center", va="center", fontsize=10, color=COLORS["red"])
        if k < n - 1:
            ax.annotate("", xy=(x + 0.68, 0.62), xytext=(x + 0.32, 0.62),
                        arrowprops=dict(arrowstyle="->", color="k", lw=1.3))
            ax.annotate("", xy=(x + 0.32, 0.42), xytext=(x + 0.68, 0.42),
                        arrowprops=dict(arrowstyle="->", color=COLORS["red"], lw=1.3))
    ax.text(xs[0] - 0.55, 0.55, _("forward"), ha="right", va="center", fontsize=10)
    ax.text(xs[0] - 0.55, -0.25, _("backward:\nlocal × upstream"), ha="right", va="center", fontsize=10,
            color=COLORS["red"])
    ax.set_xlim(xs[0] - 1.5, xs[-1] + 0.6)
    ax.set_ylim(-0.65, 1.3)
    ax.axis("off")
    return fig
