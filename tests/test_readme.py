"""The README's package example runs as written (a newcomer pastes it first)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    assert blocks, "README.md has no ```python block"
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own README
    h, g, net = namespace["h"], namespace["g"], namespace["net"]
    assert h.stop_reason in ("epochs", "tol", "max_steps")
    assert [w.shape for w in g.weights] == [w.shape for w in net.weights]
    assert np.isfinite(h.epoch_losses).all()
