"""The Binder environment works: a fresh venv from binder/requirements.txt alone runs every notebook.

Slow (1-3 minutes: a venv built with pip from PyPI), so it runs only in CI (CI set) or when asked:
``NNLESSON_BINDER_CHECK=1 .venv/bin/python -m pytest tests/test_binder_env.py -m binder``.
The work is done by scripts/check_binder.py, which can also be run by hand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli", reason="reading pyproject.toml on Python 3.10 needs tomli")

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.binder
slow = pytest.mark.skipif(not (os.environ.get("NNLESSON_BINDER_CHECK") == "1" or os.environ.get("CI")),
                          reason="slow (builds a fresh venv from PyPI): set NNLESSON_BINDER_CHECK=1 (CI runs it)")


def _lock() -> dict[str, tuple[str, str]]:
    """binder/requirements.lock as {normalized name: (version, its "via" comment block)}."""
    entries: dict[str, tuple[str, str]] = {}
    name = None
    for line in (ROOT / "binder" / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", line)
        if m:
            name = canonicalize_name(m.group(1))
            entries[name] = (m.group(2), "")
        elif line.startswith("    #") and name:
            entries[name] = (entries[name][0], entries[name][1] + line.strip("# ") + "\n")
        elif line.strip() and not line.startswith("#"):
            raise AssertionError(f"binder/requirements.lock: unexpected line {line!r} (only exact pins belong there)")
    return entries


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"]]
    return {canonicalize_name(r.name): r for r in reqs}


def test_binder_files_present():
    req = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    lines = [ln.strip() for ln in req if ln.strip() and not ln.lstrip().startswith("#")]
    assert lines == ["-r requirements.lock", "-e ."], (
        "binder/requirements.txt must install the lock and nnlesson itself, nothing else: " + repr(lines))
    made_with = re.search(r"pip-compile with Python (\d+\.\d+)", (ROOT / "binder" / "requirements.lock").read_text())
    assert made_with, "binder/requirements.lock should say which Python pip-compile resolved it for"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == f"python-{made_with.group(1)}", (
        "binder/runtime.txt must name the Python the lock was resolved for")
    assert not (ROOT / "binder" / "environment.yml").exists(), "environment.yml would win over requirements.txt"


def test_lock_pins_the_whole_environment_and_agrees_with_pyproject():
    lock, declared = _lock(), _declared()
    assert len(lock) > 50, "the lock should pin every package of the environment, not only the direct ones"
    header = (ROOT / "binder" / "requirements.lock").read_text()
    assert "pip-compile" in header and "pyproject.toml" in header, "the lock says how it was made"
    for name, req in declared.items():
        assert name in lock, f"pyproject.toml needs {req}, but binder/requirements.lock lacks it: make binder-lock"
        version = lock[name][0]
        assert Version(version) in req.specifier, (
            f"binder/requirements.lock pins {name}=={version}, outside pyproject.toml's {req}: make binder-lock")
    direct = {name for name, (_, via) in lock.items() if "nnlesson (pyproject.toml)" in via}
    assert direct == set(declared), (
        f"the lock was made from other dependencies than pyproject.toml declares now "
        f"(only in the lock: {sorted(direct - set(declared))}, only in pyproject: {sorted(set(declared) - direct)}): "
        "make binder-lock")
    for needed in ("numpy", "matplotlib", "ipywidgets", "jupyterlab", "jupyterlab-slideshow", "ipykernel",
                   "jupyterlab-widgets"):
        assert needed in lock, f"binder/requirements.lock lacks {needed}"


@slow
def test_fresh_binder_env_runs_every_notebook():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_binder.py")], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
    assert proc.returncode == 0, f"scripts/check_binder.py failed:\n{proc.stdout[-8000:]}"
