"""A learner's own notebooks: `make lab` works on copies that nothing of ours overwrites.

The copy rules are checked on a temporary series (scripts/learner_copies.py); `make lab` itself is started
for real (as whoever runs the tests: root in CI, so the root case is covered) and must serve the copies.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import learner_copies as lc  # noqa: E402


def _nb(text: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": text}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def series(tmp_path):
    src, dest = tmp_path / "notebooks", tmp_path / "my-notebooks"
    src.mkdir()
    (src / "00_a.ipynb").write_text(_nb("a v1"))
    (src / "01_b.ipynb").write_text(_nb("b v1"))
    (src / "sanitize.cfg").write_text("not a notebook")
    return src, dest


def test_first_use_copies_every_notebook_and_nothing_else(series):
    src, dest = series
    report = lc.sync(src, dest, say=lambda *_: None)
    assert sorted(report["copied"]) == ["00_a.ipynb", "01_b.ipynb"]
    assert (dest / "00_a.ipynb").read_text() == _nb("a v1")
    assert not (dest / "sanitize.cfg").exists()
    assert lc.sync(src, dest, say=lambda *_: None) == {"copied": [], "updated": [], "offered": [], "kept": []}


def test_the_chinese_edition_gets_its_own_folder_under_the_same_rules(series):
    src, dest = series
    (src / "zh").mkdir()
    (src / "zh" / "00_a.ipynb").write_text(_nb("甲 v1"))
    report = lc.sync(src, dest, say=lambda *_: None)
    assert sorted(report["copied"]) == ["00_a.ipynb", "01_b.ipynb", "zh/00_a.ipynb"]
    (dest / "zh" / "00_a.ipynb").write_text(_nb("我的答案"))
    (src / "zh" / "00_a.ipynb").write_text(_nb("甲 v2"))
    report = lc.sync(src, dest, say=lambda *_: None)
    assert report["offered"] == ["zh/00_a.ipynb"]
    assert (dest / "zh" / "00_a.ipynb").read_text() == _nb("我的答案")
    assert (dest / "updates" / "zh" / "00_a.ipynb").read_text() == _nb("甲 v2")
    backup = lc.fresh("zh/00_a", src, dest, say=lambda *_: None)
    assert backup.parent == dest / "backup" / "zh" and backup.read_text() == _nb("我的答案")
    assert (dest / "zh" / "00_a.ipynb").read_text() == _nb("甲 v2")
    assert (dest / "00_a.ipynb").read_text() == _nb("a v1")


def test_learners_work_is_never_overwritten_and_updates_are_offered_beside_it(series):
    src, dest = series
    lc.sync(src, dest, say=lambda *_: None)
    (dest / "00_a.ipynb").write_text(_nb("my answers"))
    (src / "00_a.ipynb").write_text(_nb("a v2"))
    (src / "01_b.ipynb").write_text(_nb("b v2"))
    (src / "02_c.ipynb").write_text(_nb("c v1"))
    said = []
    report = lc.sync(src, dest, say=said.append)
    assert (dest / "00_a.ipynb").read_text() == _nb("my answers")
    assert (dest / "updates" / "00_a.ipynb").read_text() == _nb("a v2")
    assert report["offered"] == ["00_a.ipynb"]
    assert report["updated"] == ["01_b.ipynb"] and (dest / "01_b.ipynb").read_text() == _nb("b v2")
    assert report["copied"] == ["02_c.ipynb"]
    assert any("updates/00_a.ipynb" in line for line in said)
    # The learner edits the offered copy too; a later upstream change does not overwrite that either.
    (dest / "updates" / "00_a.ipynb").write_text(_nb("notes in the new version"))
    (src / "00_a.ipynb").write_text(_nb("a v3"))
    report = lc.sync(src, dest, say=lambda *_: None)
    assert report["kept"] == ["00_a.ipynb"]
    assert (dest / "updates" / "00_a.ipynb").read_text() == _nb("notes in the new version")
    assert (dest / "00_a.ipynb").read_text() == _nb("my answers")


def test_a_file_we_did_not_make_is_treated_as_the_learners(series):
    src, dest = series
    dest.mkdir()
    (dest / "00_a.ipynb").write_text(_nb("brought from elsewhere"))
    lc.sync(src, dest, say=lambda *_: None)
    assert (dest / "00_a.ipynb").read_text() == _nb("brought from elsewhere")
    assert (dest / "updates" / "00_a.ipynb").read_text() == _nb("a v1")


def test_fresh_copy_keeps_a_backup(series):
    src, dest = series
    lc.sync(src, dest, say=lambda *_: None)
    (dest / "01_b.ipynb").write_text(_nb("my answers"))
    backup = lc.fresh("01_b", src, dest, say=lambda *_: None)
    assert backup.read_text() == _nb("my answers") and backup.parent == dest / "backup"
    assert (dest / "01_b.ipynb").read_text() == _nb("b v1")
    with pytest.raises(SystemExit, match="choose one of"):
        lc.fresh("99_nope", src, dest, say=lambda *_: None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_the_learner_copies(tmp_path):
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed")
    if not (ROOT / ".venv" / "bin" / "jupyter").exists():
        pytest.skip("make lab runs .venv/bin/jupyter; create the venv with `make install` first")
    port, dest = _free_port(), tmp_path / "copies"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    args = "--no-browser --ip=127.0.0.1 --IdentityProvider.token= --LabApp.news_url=None"
    proc = subprocess.Popen(["make", "-s", "lab", f"PORT={port}", f"LEARNER_DIR={dest}", f"LAB_ARGS={args}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/api/contents"
    try:
        deadline, listing = time.monotonic() + 90, None
        while listing is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"make lab did not serve on port {port} (exit {proc.poll()}):\n{out[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    listing = json.loads(r.read())
            except OSError:
                time.sleep(0.5)
        served = sorted(item["name"] for item in listing["content"] if item["name"].endswith(".ipynb"))
        expected = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
        assert served == expected, f"make lab serves {served}, expected the learner copies {expected}"
        assert listing["path"] == "" and (dest / expected[0]).exists()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
