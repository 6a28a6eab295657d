r"""The source articles' worked examples as ready-made networks.

Each function returns a :class:`WorkedExample`: a fresh network with the
example's weights, its input X and target Y (one sample, as a row), the loss
and the learning rate the example uses.  The numbers a notebook derives by hand
can then be checked against ``example.net``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import MLP


@dataclass
class WorkedExample:
    net: MLP
    X: np.ndarray
    Y: np.ndarray
    loss: str
    lr: float
    source: str
    names: dict  # weight name in the article -> (layer, row, column) in net.weights

    def weight(self, name):
        """Current value of the article's weight ``name`` (e.g. "w5")."""
        layer, i, j = self.names[name]
        return float(self.net.weights[layer][i, j])


def article000_net():
    """Article 000's 2-3-1 network (神经网络中神经元的权重更新).

    The article gives only the output weights w'11 = 0.58, w'21 = 0.21,
    w'31 = 0.36 and an output error e = 2; it prints no inputs or hidden
    weights, so those here (inputs 0.9 and 0.1, hidden weights below, no
    biases) are this package's choice.  Activation: the usual sigmoid
    1/(1+e^{-z}) everywhere.
    """
    net = MLP([2, 3, 1], hidden="sigmoid", output="sigmoid", init="zeros")
    net.weights[0] = [[0.9, 0.3, 0.4], [0.2, 0.8, 0.2]]  # w_{i,j}: input i -> hidden j
    net.weights[1] = [[0.58], [0.21], [0.36]]  # w'_{j,1}: hidden j -> output
    names = {f"w{i + 1}{j + 1}": (0, i, j) for i in range(2) for j in range(3)}
    names.update({f"w'{j + 1}1": (1, j, 0) for j in range(3)})
    return WorkedExample(net, np.array([[0.9, 0.1]]), np.array([[1.0]]), "half_sse", 0.5,
                         "神经网络中神经元的权重更新", names)


def article001_net():
    """The 2-2-2 example of article 001 (深度学习 – 反向传播例子), with its published numbers.

    inputs 0.05, 0.10; targets 0.01, 0.99; w1..w8 = 0.15, 0.20, 0.25, 0.30,
    0.40, 0.45, 0.50, 0.55; biases 0.35 (hidden) and 0.60 (output); sigmoid
    everywhere; loss ½ Σ (t - o)²; learning rate 0.5.  Naming: w1, w2 feed h1
    from i1, i2; w3, w4 feed h2; w5, w6 feed o1 from h1, h2; w7, w8 feed o2.
    """
    net = MLP([2, 2, 2], hidden="sigmoid", output="sigmoid", init="zeros")
    net.weights[0] = [[0.15, 0.25], [0.20, 0.30]]
    net.weights[1] = [[0.40, 0.50], [0.45, 0.55]]
    net.biases[0] = [0.35, 0.35]
    net.biases[1] = [0.60, 0.60]
    names = {"w1": (0, 0, 0), "w2": (0, 1, 0), "w3": (0, 0, 1), "w4": (0, 1, 1),
             "w5": (1, 0, 0), "w6": (1, 1, 0), "w7": (1, 0, 1), "w8": (1, 1, 1)}
    return WorkedExample(net, np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]]), "half_sse", 0.5,
                         "深度学习 – 多层神经网络 / 反向传播 / 反向传播例子", names)


def article003_net():
    """Article 003's 3-input, 2-hidden, 3-class network (神经网络参数优化).

    The article names the weights w1..w12 (w1..w6 input -> hidden, w7..w12
    hidden -> output), uses sigmoid units and the loss ½ Σ (ŷ - y)², but prints
    no values; the values below (and the sample x = (1, 0.5, -1), class 2 of 3)
    are this package's choice.  Naming: w1, w2 from x1 to h1, h2; w3, w4 from
    x2; w5, w6 from x3; w7, w8, w9 from h1 to ŷ1, ŷ2, ŷ3; w10, w11, w12 from h2.
    """
    net = MLP([3, 2, 3], hidden="sigmoid", output="sigmoid", init="zeros")
    net.weights[0] = [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.2]]
    net.weights[1] = [[0.6, -0.1, 0.2], [-0.3, 0.5, 0.7]]
    names = {f"w{k + 1}": (0, k // 2, k % 2) for k in range(6)}
    names.update({f"w{7 + k}": (1, k // 3, k % 3) for k in range(6)})
    return WorkedExample(net, np.array([[1.0, 0.5, -1.0]]), np.array([[0.0, 1.0, 0.0]]), "half_sse", 0.5,
                         "神经网络参数优化", names)
