r"""A fully connected network (multi-layer perceptron) with backpropagation.

Layer l maps its input A[l] (n, sizes[l]) to

    Z[l+1] = A[l] @ weights[l] + biases[l]        (n, sizes[l+1])
    A[l+1] = f(Z[l+1])

with f the hidden activation, or the output activation for the last layer.
``weights[l][i, j]`` is the weight from unit i of layer l to unit j of layer
l+1, so a row of X times a weight matrix is the weighted sum of article 000.

Backpropagation runs the chain rule from the loss back to every weight:

    delta[L]   = dL/dZ[L]          = dL/dA[L] * f'(Z[L])
    dL/dW[l]   = A[l]^T delta[l+1]      dL/db[l] = sum over samples of delta[l+1]
    delta[l]   = (delta[l+1] @ W[l]^T) * f'(Z[l])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _checks, activations, initializers, layers, losses

#: Largest network MLP builds (50 million float64 parameters take 400 MB).
MAX_PARAMETERS = 50_000_000


class ParameterList(list):
    """A list of weight or bias arrays whose entries keep their shapes.

    ``net.weights[0] = new_array`` copies ``new_array`` in (the caller's array is
    never touched afterwards) after checking its shape and values; changing an
    entry element by element (``net.weights[0][1, 0] = 0.3``) works as for any
    NumPy array.  Adding or removing layers is refused.
    """

    def __init__(self, arrays, kind):
        super().__init__(arrays)
        self._kind = kind

    def _check(self, index, value):
        index = _checks.integer("index", index, minimum=-len(self), maximum=len(self) - 1)
        expected = list.__getitem__(self, index).shape
        name = f"{self._kind}[{index}]"
        arr = _checks.float_array(name, value, ndim=len(expected))
        if arr.shape != expected:
            raise ValueError(f"{name} must have shape {expected}, got {arr.shape}")
        return index, arr

    def __setitem__(self, index, value):
        if isinstance(index, slice):
            raise TypeError(f"assign {self._kind} one layer at a time, e.g. net.{self._kind}[0] = array")
        index, arr = self._check(index, value)
        list.__setitem__(self, index, arr)

    def _refuse(self, *args, **kwargs):
        raise TypeError(f"the number of layers is fixed; build a new MLP to change {self._kind}'s length")

    append = extend = insert = pop = remove = clear = __delitem__ = __iadd__ = __imul__ = _refuse
    sort = reverse = _refuse


@dataclass
class Gradients:
    """dL/dW and dL/db for every layer, the same shapes as the network's parameters."""

    weights: list
    biases: list
    loss: float = float("nan")

    def flat(self):
        """All gradients as one vector (weights of every layer, then biases)."""
        return np.concatenate([g.ravel() for g in self.weights] + [g.ravel() for g in self.biases])


@dataclass
class Trace:
    """Everything one forward and backward pass computed, layer by layer.

    ``Z[l]`` and ``A[l]`` for l = 1..L are the weighted sums and outputs of layer
    l (``A[0]`` is X, ``Z[0]`` is None); ``delta[l] = dL/dZ[l]``; ``dA[l] = dL/dA[l]``.
    """

    Z: list
    A: list
    dA: list = field(default_factory=list)
    delta: list = field(default_factory=list)
    gradients: Gradients | None = None
    loss: float = float("nan")


class MLP:
    """A fully connected network.

    Parameters
    ----------
    sizes : sequence of int
        Units per layer, input first: ``[2, 3, 1]`` has 2 inputs, 3 hidden
        units and 1 output.
    hidden, output : str
        Activation of the hidden layers ("sigmoid", "tanh", "relu",
        "identity") and of the output layer (the same, or "softmax").
    init : str or callable
        Weight initializer, see :mod:`nnlesson.initializers`.  Biases start at 0.
    seed : int, numpy.random.Generator or None
        Source of the random initial weights.
    """

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", init="xavier", seed=0):
        if isinstance(sizes, np.ndarray) and sizes.ndim == 1:
            sizes = sizes.tolist()
        if not isinstance(sizes, (list, tuple)):
            raise TypeError(f"sizes must be a list of layer sizes such as [2, 3, 1], got {sizes!r} "
                            f"({type(sizes).__name__})")
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size, got {list(sizes)}")
        sizes = tuple(_checks.integer(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes))
        count = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
        if count > MAX_PARAMETERS:
            raise ValueError(f"sizes {list(sizes)} would need {count:,} parameters; nnlesson builds networks "
                             f"of at most {MAX_PARAMETERS:,} (check the sizes for a typo)")
        activations.check_name(hidden, "hidden", activations.HIDDEN)
        activations.check_name(output, "output", activations.OUTPUT)
        init = initializers.check(init)
        rng = _checks.rng_from(seed)
        self.sizes = sizes
        self._hidden, self._output = hidden, output
        self._names = (hidden,) * (len(sizes) - 2) + (output,)
        self.init = init
        W = [initializers.weights(init, sizes[i], sizes[i + 1], rng) for i in range(len(sizes) - 1)]
        self._weights = ParameterList(W, "weights")
        self._biases = ParameterList([np.zeros(s) for s in sizes[1:]], "biases")

    # --- parameters ------------------------------------------------------
    @property
    def weights(self):
        """weights[l]: array (sizes[l], sizes[l+1])."""
        return self._weights

    @weights.setter
    def weights(self, new):
        self._weights = self._replace(new, self._weights, "weights")

    @property
    def biases(self):
        """biases[l]: array (sizes[l+1],)."""
        return self._biases

    @biases.setter
    def biases(self, new):
        self._biases = self._replace(new, self._biases, "biases")

    @staticmethod
    def _replace(new, old, kind):
        if isinstance(new, np.ndarray) or not hasattr(new, "__len__"):
            raise TypeError(f"{kind} must be a list with one array per layer")
        if len(new) != len(old):
            raise ValueError(f"{kind} needs {len(old)} arrays (one per layer), got {len(new)}")
        fresh = ParameterList([a.copy() for a in old], kind)
        for i, arr in enumerate(new):
            fresh[i] = arr  # checks each shape before anything is kept
        return fresh

    @property
    def hidden(self):
        """Activation of the hidden layers (fixed when the network is built)."""
        return self._hidden

    @property
    def output(self):
        """Activation of the output layer (fixed when the network is built)."""
        return self._output

    @property
    def layer_activations(self):
        """The activation name of each layer of weights, input side first."""
        return list(self._names)

    @property
    def n_parameters(self):
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

    def copy(self):
        """An independent network with the same architecture and parameter values."""
        other = MLP.__new__(MLP)
        other.sizes, other._hidden, other._output, other.init = self.sizes, self._hidden, self._output, self.init
        other._names = self._names
        other._weights = ParameterList([w.copy() for w in self.weights], "weights")
        other._biases = ParameterList([b.copy() for b in self.biases], "biases")
        return other

    def __repr__(self):
        return (
            f"MLP(sizes={list(self.sizes)}, hidden={self.hidden!r}, output={self.output!r}, "
            f"parameters={self.n_parameters})"
        )

    # --- checks ----------------------------------------------------------
    def _check_X(self, X, name="X"):
        X = _checks.float_array(name, X, ndim=2, copy=False)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} must have {self.sizes[0]} columns (the network's inputs), got shape {X.shape}")
        return X

    def _check_XY(self, X, Y, loss):
        X = self._check_X(X)
        Y = _checks.float_array("Y", Y, ndim=2, copy=False)
        if Y.shape != (X.shape[0], self.sizes[-1]):
            raise ValueError(
                f"Y must have shape {(X.shape[0], self.sizes[-1])} (one row per row of X, one column per output), "
                f"got {Y.shape}"
            )
        losses.check_name(loss)
        if loss == "cross_entropy":
            if self.output not in ("sigmoid", "softmax"):
                raise ValueError(
                    f"loss='cross_entropy' needs output='sigmoid' or 'softmax' (probabilities), "
                    f"this network has output={self.output!r}"
                )
            if Y.min() < 0 or Y.max() > 1:
                raise ValueError("cross_entropy targets Y must lie in [0, 1] (probabilities or one-hot rows)")
        return X, Y

    # --- forward ---------------------------------------------------------
    def _forward(self, X):
        """Unchecked forward pass returning (Z list, A list), A[0] = X, Z[0] = None."""
        Zs, As = [None], [X]
        A = X
        for W, b, name in zip(self._weights, self._biases, self._names):
            Z, _ = layers.dense_forward(A, W, b)
            A, _ = layers.activation_forward(name, Z)
            Zs.append(Z)
            As.append(A)
        return Zs, As

    def forward(self, X):
        """Outputs for the inputs X (n, sizes[0]) -> (n, sizes[-1])."""
        X = self._check_X(X)
        return self._forward(X)[1][-1]

    __call__ = forward

    def predict(self, X):
        """Class labels: argmax of the outputs, or output > 0.5 for a single output."""
        P = self.forward(X)
        if P.shape[1] == 1:
            return (P[:, 0] > 0.5).astype(int)
        return np.argmax(P, axis=1)

    # --- loss and gradients ----------------------------------------------
    def _loss(self, Zs, As, Y, loss):
        return losses.value(loss, As[-1], Y, self._output, Zs[-1] if loss == "cross_entropy" else None)

    def _output_delta(self, Zs, As, Y, loss):
        """The loss and where backprop starts: (loss, dL/dA at the output or None, dL/dZ at the output).

        With cross-entropy on a sigmoid or softmax output, dL/dZ = (P - Y)/n directly
        (the activation's slope cancels); otherwise dL/dZ = dL/dA * f'(Z).
        """
        P = As[-1]
        if loss == "cross_entropy":
            value = losses.cross_entropy_from_logits(Zs[-1], Y, self._output)
            return value, None, losses.cross_entropy_logit_grad(P, Y, self._output)
        value, dA = losses.squared_error_and_grad(loss, P, Y)
        return value, dA, layers.activation_backward(self._output, dA, (Zs[-1], P))

    def loss(self, X, Y, loss="mse"):
        """The loss (see :mod:`nnlesson.losses`) of the network on X with targets Y."""
        X, Y = self._check_XY(X, Y, loss)
        Zs, As = self._forward(X)
        return self._loss(Zs, As, Y, loss)

    def _backward(self, Zs, As, delta, keep=False):
        """Unchecked backward pass from dL/dZ at the output; returns (dW list, db list, dA list, delta list)."""
        L = len(self._weights)
        names = self._names
        dWs, dbs = [None] * L, [None] * L
        dAs, deltas = [None] * (L + 1), [None] * (L + 1)
        deltas[L] = delta
        for layer in range(L - 1, -1, -1):
            cache = (As[layer], self._weights[layer])
            dA_prev, dWs[layer], dbs[layer] = layers.dense_backward(delta, cache, need_input_grad=layer > 0)
            if layer > 0:
                delta = layers.activation_backward(names[layer - 1], dA_prev, (Zs[layer], As[layer]))
                if keep:
                    dAs[layer], deltas[layer] = dA_prev, delta
        return dWs, dbs, dAs, deltas

    def gradients(self, X, Y, loss="mse"):
        """dL/dW and dL/db for every layer by backpropagation (a :class:`Gradients`)."""
        X, Y = self._check_XY(X, Y, loss)
        Zs, As = self._forward(X)
        value, _, delta = self._output_delta(Zs, As, Y, loss)
        dWs, dbs, _, _ = self._backward(Zs, As, delta)
        return Gradients(dWs, dbs, value)

    def trace(self, X, Y, loss="mse"):
        """One forward and backward pass with every intermediate quantity kept (a :class:`Trace`).

        This is what a notebook prints to follow the chain rule factor by factor.
        """
        X, Y = self._check_XY(X, Y, loss)
        Zs, As = self._forward(X)
        value, dA_out, delta = self._output_delta(Zs, As, Y, loss)
        dWs, dbs, dAs, deltas = self._backward(Zs, As, delta, keep=True)
        dAs[-1] = dA_out
        return Trace(Zs, As, dAs, deltas, Gradients(dWs, dbs, value), value)

    def step(self, gradients, lr):
        """One gradient-descent update in place: W <- W - lr * dL/dW, b <- b - lr * dL/db.

        Every gradient array is checked (shape, finite values) before any parameter changes.
        """
        lr = _checks.positive_number("lr", lr)
        if not isinstance(gradients, Gradients):
            raise TypeError("gradients must be the Gradients object returned by net.gradients(...)")
        checked = {}
        pairs = (("weights", self._weights, gradients.weights), ("biases", self._biases, gradients.biases))
        for kind, params, grads in pairs:
            if not isinstance(grads, (list, tuple)) or len(grads) != len(params):
                raise ValueError(f"gradients.{kind} must be a list of {len(params)} arrays (one per layer)")
            checked[kind] = []
            for layer, (g, p) in enumerate(zip(grads, params)):
                arr = _checks.float_array(f"gradients.{kind}[{layer}]", g, copy=False)
                if arr.shape != p.shape:
                    raise ValueError(f"gradients.{kind}[{layer}] has shape {arr.shape}; the network's "
                                     f"{kind}[{layer}] has shape {p.shape}")
                checked[kind].append(arr)
        for p, g in zip(self._weights, checked["weights"]):
            p -= lr * g
        for p, g in zip(self._biases, checked["biases"]):
            p -= lr * g
        return self
