"""How long does `import nnlesson` take, against `import numpy` alone, in fresh interpreters?

The numerical core should load in well under 0.15 s and add little to NumPy's own
import time (matplotlib and ipywidgets are only loaded by nnlesson.plots and
nnlesson.widgets).  Prints medians over fresh processes and their ratio.

Run: python benchmarks/import_time.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CODE = "import time; t = time.perf_counter(); import {mod}; print(time.perf_counter() - t)"


def once(mod):
    out = subprocess.run([sys.executable, "-c", CODE.format(mod=mod)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    times = {"numpy": [], "nnlesson": [], "nnlesson.plots": []}
    for _ in range(args.repeats):
        for mod in times:  # interleaved, so load on the machine hits all alike
            times[mod].append(once(mod))
    med = {m: statistics.median(t) for m, t in times.items()}
    for mod, value in med.items():
        print(f"import {mod:<15} {value * 1e3:7.1f} ms   ratio to numpy {value / med['numpy']:.2f}")
    verdict = "met" if med["nnlesson"] < 0.15 else "NOT met"
    print(f"goal: import nnlesson < 150 ms: {verdict}")


if __name__ == "__main__":
    main()
