"""The articles' worked examples, reproduced to the digits they print."""

import numpy as np
import pytest

import nnlesson as nl


def test_article001_total_error_and_updates():
    ex = nl.examples.article001_net()
    assert ex.net.loss(ex.X, ex.Y, "half_sse") == pytest.approx(0.298371109, abs=5e-10)
    g = ex.net.gradients(ex.X, ex.Y, "half_sse")
    new_w5 = ex.weight("w5") - ex.lr * g.weights[1][0, 0]
    new_w1 = ex.weight("w1") - ex.lr * g.weights[0][0, 0]
    assert round(new_w5, 8) == 0.35891648
    assert round(new_w1, 9) == 0.149780716


def test_article001_one_train_step_matches_published_weights():
    ex = nl.examples.article001_net()
    h = nl.train(ex.net, ex.X, ex.Y, lr=ex.lr, epochs=1, loss=ex.loss)
    assert h.steps == 1
    assert round(ex.weight("w5"), 8) == 0.35891648
    assert round(ex.weight("w1"), 9) == 0.149780716
    assert h.step_losses[0] == pytest.approx(0.298371109, abs=5e-10)


def test_article000_proportional_split():
    split = nl.proportional_error_split([0.58, 0.21, 0.36], 2.0)
    assert np.round(split, 2).tolist() == [1.01, 0.37, 0.63]
    assert split.sum() == pytest.approx(2.0)
