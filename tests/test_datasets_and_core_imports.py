"""Data sets are seeded and well formed; the numerical core imports NumPy only."""

import subprocess
import sys

import numpy as np
import pytest

import nnlesson as nl

GENERATORS = ["noisy_xor", "two_moons", "circles", "spirals", "blobs"]


@pytest.mark.parametrize("name", GENERATORS)
def test_generators_are_seeded_and_labelled(name):
    make = getattr(nl.datasets, name)
    X1, y1 = make(n=60, seed=3)
    X2, y2 = make(n=60, seed=3)
    X3, _ = make(n=60, seed=4)
    assert X1.shape == (60, 2) and y1.shape == (60,) and X1.dtype == np.float64
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert set(np.unique(y1)) == set(range(y1.max() + 1))


def test_generators_do_not_touch_global_random_state():
    np.random.seed(123)  # noqa: NPY002 (checking the legacy global state is untouched)
    expected = np.random.random()  # noqa: NPY002 (checking the legacy global state is untouched)
    np.random.seed(123)  # noqa: NPY002 (checking the legacy global state is untouched)
    nl.datasets.two_moons(seed=1)
    nl.MLP([3, 3], seed=None)
    assert np.random.random() == expected  # noqa: NPY002


def test_digits_ship_with_the_package():
    X, y = nl.datasets.load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0 and X.max() == 16
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


def test_one_hot_and_split():
    Y = nl.datasets.one_hot(np.array([2, 0, 1]))
    assert Y.tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    X = np.arange(20.0).reshape(10, 2)
    labels = np.arange(10)
    Xtr, Xte, ytr, yte = nl.datasets.train_test_split(X, labels, 0.3, seed=0)
    assert len(Xte) == 3 and len(Xtr) == 7
    assert sorted(np.r_[ytr, yte].tolist()) == list(range(10))
    assert np.array_equal(Xtr[:, 0] / 2, ytr)


def test_worked_examples_are_fresh_and_consistent():
    a, b = nl.examples.article001_net(), nl.examples.article001_net()
    a.net.weights[0][0, 0] = 9.0
    assert b.weight("w1") == 0.15
    ex3 = nl.examples.article003_net()
    assert ex3.net.sizes == (3, 2, 3) and len(ex3.names) == 12
    assert ex3.Y.sum() == 1.0
    ex0 = nl.examples.article000_net()
    assert ex0.net.sizes == (2, 3, 1)
    assert np.allclose(ex0.net.weights[1].ravel(), [0.58, 0.21, 0.36])


def test_core_import_loads_neither_matplotlib_nor_ipywidgets():
    code = "import sys, nnlesson; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_core_modules_import_only_numpy():
    import ast
    import pathlib

    # NumPy, and from the standard library only what the core needs (gettext and pathlib: the message catalog)
    allowed = {"numpy", "__future__", "dataclasses", "math", "numbers", "operator", "warnings", "inspect", "os",
               "gettext", "pathlib"}
    core = pathlib.Path(nl.__file__).parent
    # lab_server.py is not core: only the Jupyter server loads it (tests/test_lab_server.py checks that
    # `import nnlesson` does not)
    for path in sorted(set(core.glob("*.py")) - {core / "lab_server.py"}):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module.split(".")[0]]
            else:
                continue
            assert set(names) <= allowed, f"{path.name} imports {names}"


def test_import_from_the_folder_above_a_clone_gets_the_real_package(tmp_path):
    """`git clone` names the folder nnlesson: Python started above it must still import the package."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    clone = tmp_path / "nnlesson"
    shutil.copytree(root / "nnlesson", clone / "nnlesson", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "__init__.py", clone / "__init__.py")
    code = ("import sys; sys.path.insert(0, ''); import nnlesson as nl; import nnlesson.exercises; "
            "print(nl.MLP([2, 1]).sizes, nl.__file__)")
    out = subprocess.run([sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("(2, 1)") and str(clone / "nnlesson" / "__init__.py") in out.stdout
