"""Check the Binder setup without Docker: what mybinder.org would build, built here.

1. Make a fresh virtual environment (with the Python that ``binder/runtime.txt`` names, when this machine
   has it; otherwise the Python running this script, and say so).
2. ``pip install -r binder/requirements.txt`` from the repository root (Binder installs it from there, so
   the line ``-e .`` installs nnlesson), then ``binder/postBuild``, nothing else.
3. Execute every notebook in ``notebooks/`` in that environment (``jupyter nbconvert --execute`` on a
   temporary copy, output to a temporary folder: ``notebooks/`` is never touched).
4. ``jupyter labextension list`` must show the widget manager ``@jupyter-widgets/jupyterlab-manager``
   (and ``jupyterlab-slideshow`` for live slides) enabled and OK, and ``jupyter server extension list``
   nnlesson's server extension ``nnlesson.lab_server`` (kernel messages without Nagle's delay).

Usage (from anywhere; takes 1-3 minutes, most of it pip)::

    python scripts/check_binder.py            # exit status 0 when everything passed
    python scripts/check_binder.py --keep     # keep the temporary folder to look around
    python scripts/check_binder.py --python /path/to/python3.12

Jupyter's per-user folders are redirected into the temporary folder, so kernels or extensions installed
elsewhere on this machine cannot make the check pass by accident.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from editions import series

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
REQUIRED_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "jupyterlab-slideshow")
SERVER_EXTENSION = "nnlesson.lab_server"


def without_colours(text: str) -> str:
    """Jupyter's extension lists with their terminal colour codes removed."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def log(msg: str) -> None:
    print(f"[check_binder] {msg}", flush=True)


def wanted_python_version() -> str | None:
    runtime = BINDER / "runtime.txt"
    if not runtime.exists():
        return None
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime.read_text().strip())
    return m.group(1) if m else None


def python_version_of(exe: str) -> str | None:
    try:
        out = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def choose_python(explicit: str | None) -> tuple[str, str]:
    """The interpreter for the fresh venv and a note on how it was chosen."""
    if explicit:
        return explicit, f"--python {explicit} (Python {python_version_of(explicit)})"
    want = wanted_python_version()
    if want:
        candidates = [shutil.which(f"python{want}")]
        candidates += sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{want}*/bin/python{want}")))
        candidates += [f"/usr/bin/python{want}", f"/usr/local/bin/python{want}"]
        for exe in candidates:
            if exe and Path(exe).exists() and python_version_of(exe) == want:
                return exe, f"Python {want} as binder/runtime.txt asks ({exe})"
    have = f"{sys.version_info[0]}.{sys.version_info[1]}"
    note = f"Python {have} ({sys.executable})"
    if want and want != have:
        note += f": binder/runtime.txt asks for {want}, which this machine does not have"
    return sys.executable, note


def run(cmd: list[str], env: dict[str, str], cwd: Path, what: str) -> tuple[int, str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dt = time.perf_counter() - t0
    verdict = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    log(f"{what}: {verdict} in {dt:.1f} s")
    return proc.returncode, proc.stdout, dt


def clean_env(venv: Path, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH",
                        "MPLBACKEND", "PYENV_VERSION"}}
    env["PATH"] = str(venv / "bin") + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(venv)
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter-data")
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "jupyter-config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp / "jupyter-runtime")
    env["IPYTHONDIR"] = str(tmp / "ipython")
    env["MPLCONFIGDIR"] = str(tmp / "mpl")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def check(python: str | None, keep: bool, timeout: int, nbdir: Path = ROOT / "notebooks") -> int:
    notebooks = series(nbdir)  # every edition
    tmp = Path(tempfile.mkdtemp(prefix="nnlesson-binder-"))
    failures: list[str] = []
    t_start = time.perf_counter()
    try:
        exe, note = choose_python(python)
        log(f"fresh venv with {note}")
        venv = tmp / "venv"
        code, out, _ = run([exe, "-m", "venv", str(venv)], dict(os.environ), ROOT, "python -m venv")
        if code:
            print(out)
            return 1
        env = clean_env(venv, tmp)
        vpy = str(venv / "bin" / "python")
        vjupyter = str(venv / "bin" / "jupyter")

        # Binder runs `pip install -r binder/requirements.txt` from the repository root: so do we.
        code, out, _ = run([vpy, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
                           env, ROOT, "pip install -r binder/requirements.txt")
        if code:
            print(out[-6000:])
            return 1
        code, out, _ = run(["bash", str(BINDER / "postBuild")], env, ROOT, "binder/postBuild")
        if code:
            failures.append("binder/postBuild failed: " + out.strip()[-2000:])
        code, out, _ = run([vpy, "-m", "pip", "check"], env, ROOT, "pip check")
        if code:
            failures.append("pip check: " + out.strip())
        code, out, _ = run([vpy, "-c", "import nnlesson, ipykernel, nbconvert; print(nnlesson.__file__)"],
                           env, tmp, "import nnlesson, ipykernel, nbconvert")
        if code:
            failures.append("imports failed: " + out.strip()[-2000:])
        else:
            log(f"nnlesson imported from {out.strip()}")

        # Execute a temporary copy of every notebook (cells run with the copy's folder as working dir).
        work = tmp / "notebooks"
        shutil.copytree(nbdir, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        outdir = tmp / "executed"
        if not notebooks:
            failures.append(f"no notebooks found in {nbdir}")
        for nb in notebooks:
            rel = nb.relative_to(nbdir)
            code, out, _ = run([vjupyter, "nbconvert", "--to", "notebook", "--execute",
                                f"--ExecutePreprocessor.timeout={timeout}", "--output-dir",
                                str(outdir / rel.parent), str(work / rel)], env, (work / rel).parent,
                               f"execute {rel}")
            if code:
                failures.append(f"{rel} failed to execute:\n{out.strip()[-3000:]}")

        code, out, _ = run([vjupyter, "labextension", "list"], env, tmp, "jupyter labextension list")
        text = without_colours(out)
        for ext in REQUIRED_EXTENSIONS:
            line = next((ln for ln in text.splitlines() if ext in ln), None)
            if line is None:
                failures.append(f"labextension {ext} is not installed:\n{text}")
            elif "enabled" not in line or "OK" not in line:
                failures.append(f"labextension {ext} is not enabled and OK: {line.strip()}")
            else:
                log(f"labextension: {line.strip()}")
        code, out, _ = run([vjupyter, "server", "extension", "list"], env, tmp, "jupyter server extension list")
        text = without_colours(out)
        lines = text.splitlines()
        enabled = any(SERVER_EXTENSION in ln and "enabled" in ln for ln in lines)
        valid = any(SERVER_EXTENSION in ln and "OK" in ln for ln in lines)
        if not (enabled and valid):
            failures.append(f"server extension {SERVER_EXTENSION} is not enabled and OK:\n{text[-3000:]}")
        else:
            log(f"server extension: {SERVER_EXTENSION} enabled, OK")
    finally:
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    total = time.perf_counter() - t_start
    if failures:
        for f in failures:
            log("FAIL " + f)
        log(f"Binder check FAILED ({len(failures)} problem(s), {len(notebooks)} notebooks, {total:.0f} s)")
        return 1
    log(f"Binder check passed: {len(notebooks)} notebooks executed, widget manager present ({total:.0f} s)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", help="interpreter for the fresh venv (default: the one binder/runtime.txt names)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell (default 300)")
    ap.add_argument("--notebooks", type=Path, default=ROOT / "notebooks",
                    help="folder of NN_*.ipynb to execute (default: notebooks/)")
    args = ap.parse_args(argv)
    return check(args.python, args.keep, args.timeout, args.notebooks.resolve())


if __name__ == "__main__":
    sys.exit(main())
