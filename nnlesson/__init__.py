"""nnlesson: how a neural network finds its weights, in small NumPy modules.

The numerical core (everything imported here) needs NumPy only; plots,
widgets and exercise checks live in ``nnlesson.plots``, ``nnlesson.widgets``
and ``nnlesson.exercises`` and are imported on demand.

    import nnlesson as nl
    net = nl.MLP([2, 2, 2], hidden="sigmoid", output="sigmoid", init="xavier", seed=0)
    h = nl.train(net, X, Y, lr=0.5, epochs=100, batch_size=4)
"""

from . import activations, datasets, examples, initializers, landscapes, layers, losses
from ._i18n import get_language, set_language
from .curvature import hessian, sharpness
from .descent import gradient_descent
from .errorsplit import proportional_error_split
from .gradcheck import GradientCheck, gradient_check, numerical_gradients, relative_error
from .network import MLP, Gradients, Trace
from .training import DivergenceWarning, History, accuracy, capture_warnings, train

__version__ = "0.1.0"

__all__ = [
    "MLP",
    "DivergenceWarning",
    "Gradients",
    "GradientCheck",
    "History",
    "Trace",
    "accuracy",
    "capture_warnings",
    "activations",
    "datasets",
    "examples",
    "get_language",
    "gradient_check",
    "gradient_descent",
    "hessian",
    "initializers",
    "landscapes",
    "layers",
    "losses",
    "numerical_gradients",
    "proportional_error_split",
    "relative_error",
    "set_language",
    "sharpness",
    "train",
]
