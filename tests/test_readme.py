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


ROOT = README.parent
ZH_README = ROOT / "README.zh-CN.md"


def _links(path: Path) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8"))


def test_the_two_readmes_link_to_each_other():
    assert "README.zh-CN.md" in _links(README)
    assert "README.md" in _links(ZH_README)


def test_every_local_link_of_both_readmes_and_guides_exists():
    for page in (README, ZH_README, ROOT / "docs" / "instructors.md", ROOT / "docs" / "instructors.zh-CN.md"):
        missing = [link for link in _links(page) if not link.startswith(("http://", "https://", "#", "mailto:"))
                   and not (page.parent / link.split("#")[0]).exists()]
        assert not missing, f"{page.relative_to(ROOT)} links to files that do not exist: {missing}"


def test_chinese_readme_opens_the_chinese_notebooks():
    links = _links(ZH_README)
    for nb in sorted((ROOT / "notebooks" / "zh").glob("[0-9]*.ipynb")):
        rel = f"notebooks/zh/{nb.name}"
        assert rel in links, f"README.zh-CN.md does not link {rel}"
        assert any(link.startswith("https://mybinder.org/") and link.endswith(rel) for link in links), \
            f"README.zh-CN.md has no Binder link opening {rel}"
