"""The Binder environment works: a fresh venv from binder/requirements.txt alone runs every notebook.

Slow (1-3 minutes: a venv built with pip from PyPI), so it runs only in CI (CI set) or when asked:
``NNLESSON_BINDER_CHECK=1 .venv/bin/python -m pytest tests/test_binder_env.py -m binder``.
The work is done by scripts/check_binder.py, which can also be run by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.binder
slow = pytest.mark.skipif(not (os.environ.get("NNLESSON_BINDER_CHECK") == "1" or os.environ.get("CI")),
                          reason="slow (builds a fresh venv from PyPI): set NNLESSON_BINDER_CHECK=1 (CI runs it)")


def test_binder_files_present():
    req = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    lines = [ln.strip() for ln in req if ln.strip() and not ln.lstrip().startswith("#")]
    assert "-e ." in lines, "binder/requirements.txt must install nnlesson itself with `-e .`"
    pinned = [ln for ln in lines if ln != "-e ."]
    assert all("==" in ln for ln in pinned), f"pin every package exactly in binder/requirements.txt: {pinned}"
    names = {ln.split("==")[0].lower().replace("_", "-") for ln in pinned}
    for needed in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-rise"):
        assert needed in names, f"binder/requirements.txt lacks {needed}"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip().startswith("python-3.")
    assert not (ROOT / "binder" / "environment.yml").exists(), "environment.yml would win over requirements.txt"


@slow
def test_fresh_binder_env_runs_every_notebook():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_binder.py")], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
    assert proc.returncode == 0, f"scripts/check_binder.py failed:\n{proc.stdout[-8000:]}"
