"""Widget for the initialization notebook (02): weight scale and activation of a deep stack.

The random numbers are drawn once (``unit_stack``); moving the slider only
multiplies them by the new scale, runs the stack forward and changes the
heights of the per-layer histograms and the points of the two line plots.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .._i18n import _, _f, figure_text
from ..exercises.initialization import saturated_share, stack_activations, unit_stack
from ..plots._look import COLORS, figure
from ..plots.initialization import layer_bins, plot_layer_ridge, update_layer_ridge
from ._live import Controls, LiveFigure, dropdown, log_slider

__all__ = ["INIT_SCALE_PRESETS", "init_scale_explorer"]  # LATENCY_CASES: read by the benchmark, not re-exported

#: Named weight scales (standard deviations) for a stack 100 units wide.
INIT_SCALE_PRESETS = {
    "too small": 0.03,
    "xavier": float(np.sqrt(2.0 / 200)),  # sqrt(2 / (fan_in + fan_out)) = 0.1
    "he": float(np.sqrt(2.0 / 100)),      # sqrt(2 / fan_in) = 0.141
    "too large": 0.5,
}

_ACTIVATIONS = ("tanh", "relu", "sigmoid")


def init_scale_explorer(scale=0.1, activation="tanh", preset=None, layers=10, width=100, n=200, seed=0,
                        show=("scale", "activation")):
    """Weight scale (log slider) and activation (dropdown) of a deep stack -> activations per layer.

    Left: a histogram of the activations of each layer (layer 1 at the
    bottom, each scaled to its own peak).  Middle: their standard deviation
    per layer (log scale).  Right: the share of units per layer whose slope is
    below 0.01 (for ReLU: inactive units, slope 0).

    ``preset`` (a key of :data:`INIT_SCALE_PRESETS`) overrides ``scale``;
    ``show`` lists the visible controls (the hidden ones keep their values).
    The stack has ``layers`` layers of ``width`` units, no biases, weights
    N(0, scale²), and ``n`` inputs drawn N(0, 1).
    """
    if preset is not None:
        if preset not in INIT_SCALE_PRESETS:
            raise ValueError(f"unknown preset {preset!r}; expected one of {sorted(INIT_SCALE_PRESETS)}")
        scale = INIT_SCALE_PRESETS[preset]
    if activation not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {_ACTIVATIONS}, got {activation!r}")
    X, G = unit_stack(layers, width, n, seed)
    controls = Controls(
        show,
        scale=log_slider(_("weight scale σ_w"), scale, 0.01, 1.0),
        activation=dropdown(_("activation"), activation, list(_ACTIVATIONS)),
    )
    fig, (ax_r, ax_s, ax_q) = figure(ncols=3, width=8.0 / 3, height=3.2, pyplot=False,
                                     gridspec_kw={"width_ratios": [1.5, 1, 1]})
    Zs, As = stack_activations(X, G, activation, scale)
    state = {"activation": None, "stairs": None, "edges": None}
    x = np.arange(1, layers + 1)
    (std_line,) = ax_s.plot(x, np.ones(layers), "-o", color=COLORS["blue"], markersize=3)
    ax_s.axhline(1.0, color=COLORS["grey"], linewidth=0.8, linestyle=":")
    ax_s.set_yscale("log")
    ax_s.set_ylim(1e-5, 1e5)
    ax_s.set_xlim(0.5, layers + 0.5)
    ax_s.set_xlabel(figure_text("layer"))
    ax_s.set_xticks([1, 4, 7, 10] if layers == 10 else [1, layers])
    ax_s.set_ylabel(figure_text("std of activations"))
    (sat_line,) = ax_q.plot(x, np.zeros(layers), "-o", color=COLORS["red"], markersize=3)
    ax_q.set_ylim(-0.03, 1.03)
    ax_q.set_xlim(0.5, layers + 0.5)
    ax_q.set_xlabel(figure_text("layer"))
    ax_q.set_xticks([1, 4, 7, 10] if layers == 10 else [1, layers])
    ax_q.set_ylabel(figure_text("share with slope < 0.01"))
    # The setting in words goes to an HTML readout over the figure: text in the picture is most of a redraw.
    readout = W.HTML()
    sigma_w = "σ<sub>w</sub>"
    s_sqrt_n = f"σ<sub>w</sub>√{width}"

    def build_ridge(act, As):
        if state["stairs"] is None:
            stairs, edges = plot_layer_ridge(ax_r, As, act)
            ax_r.set_title(figure_text("activations per layer"), fontsize=10)
        else:  # a new activation: new bins, the same artists
            stairs, edges = state["stairs"], layer_bins(act)
            update_layer_ridge(stairs, As, act, edges, ax=ax_r)
        state.update(activation=act, stairs=stairs, edges=edges)

    def update(scale, activation):
        Zs, As = stack_activations(X, G, activation, scale)
        if activation != state["activation"]:
            build_ridge(activation, As)  # a new activation needs new bins (and a full redraw, once per switch)
        else:
            update_layer_ridge(state["stairs"], As, activation, state["edges"])
        with np.errstate(over="ignore", invalid="ignore"):
            std = np.array([float(np.std(A)) for A in As])
        std = np.clip(np.nan_to_num(std, nan=1e6, posinf=1e6), 1e-6, 1e6)
        std_line.set_ydata(std)
        sat_line.set_ydata(np.array([saturated_share(Z, activation) for Z in Zs]))
        ax_q.set_ylabel(figure_text("share inactive (slope 0)") if activation == "relu"
                        else figure_text("share with slope < 0.01"))
        readout.value = _f("{layers} {activation} layers of {width} units, weights N(0, {sigma_w}²): "
                           "{sigma_w} = {scale:.3g}, {s_sqrt_n} = {value:.2g}", layers=layers,
                           activation=activation, width=width, sigma_w=sigma_w, scale=scale,
                           s_sqrt_n=s_sqrt_n, value=scale * np.sqrt(width))

    state["activation"] = None
    build_ridge(activation, As)
    # The histograms and the two lines change; the rest is a kept background, whose histogram and saturation
    # panels are redrawn when the activation changes (new bins, a new label); the std panel stays as it is.
    return LiveFigure(fig, controls, update, dynamic=lambda: [*state["stairs"], std_line, sat_line],
                      key=lambda: {ax_r: state["activation"], ax_q: state["activation"]}, extra=readout)


def _factory():
    return init_scale_explorer()


LATENCY_CASES = [
    ("initialization: weight scale, tanh", _factory,
     [{"scale": s} for s in (0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.14, 0.2, 0.3, 0.5, 0.7, 1.0)]),
    ("initialization: activation switch and scale", _factory,
     [{"activation": "relu"}, {"scale": 0.03}, {"scale": 0.14}, {"scale": 0.5},
      {"activation": "sigmoid"}, {"scale": 0.1}, {"scale": 1.0},
      {"activation": "tanh"}, {"scale": 0.2}, {"scale": 0.05}]),
]
