"""How quickly does each widget answer a slider move?

Every module in nnlesson/widgets/ may define ``LATENCY_CASES``: a list of
``(label, factory, changes)``.  For each case the widget is built once, then
each change is applied as a user would (``LiveFigure.set(**change)``) and the
time from the change to a rendered PNG is recorded (update of the artists +
render; the figure reaches the page as that PNG).

Goal (issue "Responsiveness"): median <= 50 ms and max <= 100 ms per redraw on
the project's 2-core machine.  As a same-run baseline the script also times
rendering an empty figure of the same size: the ratio says how much of the
latency is the widget's own work beyond the unavoidable PNG encoding.

Run: python benchmarks/widget_latency.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import pkgutil
import statistics
import time

import matplotlib

matplotlib.use("Agg")  # a script, not a notebook: no display needed

import nnlesson.widgets  # noqa: E402
from nnlesson.plots import figure  # noqa: E402

GOAL_MEDIAN_MS, GOAL_MAX_MS = 50.0, 100.0


def cases():
    for info in pkgutil.iter_modules(nnlesson.widgets.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"nnlesson.widgets.{info.name}")
        for case in getattr(module, "LATENCY_CASES", []):
            yield info.name, case


def empty_render_ms(fig_size, repeats=15):
    fig, ax = figure(pyplot=False, width=fig_size[0], height=fig_size[1])
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def measure(factory, changes, rounds):
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):  # outside a kernel, display() would print reprs
        live = factory()
        redraws = []
        original = live.redraw

        def timed_redraw():
            t0 = time.perf_counter()
            original()
            redraws.append(time.perf_counter() - t0)

        live.redraw = timed_redraw
        for _ in range(rounds):
            for change in changes:
                live.set(**change)
    return [t * 1e3 for t in redraws], tuple(live.fig.get_size_inches())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over each case's list of changes")
    args = parser.parse_args()
    found = list(cases())
    if not found:
        print("widget_latency: no widget defines LATENCY_CASES yet")
        return
    print(f"widget_latency: {len(found)} widgets, {args.rounds} passes over their changes; "
          f"goal median <= {GOAL_MEDIAN_MS:.0f} ms, max <= {GOAL_MAX_MS:.0f} ms")
    print(f"{'module':<15} {'widget':<34} {'redraws':>7} {'median ms':>10} {'max ms':>8} "
          f"{'empty-fig ms':>13} {'median/empty':>13}")
    failures = []
    for module, (label, factory, changes) in found:
        times, size = measure(factory, changes, args.rounds)
        if not times:
            print(f"{module:<15} {label:<34} no redraw happened: its changes do not move any control")
            failures.append(label)
            continue
        med, worst = statistics.median(times), max(times)
        base = empty_render_ms(size)
        ok = med <= GOAL_MEDIAN_MS and worst <= GOAL_MAX_MS
        if not ok:
            failures.append(label)
        print(f"{module:<15} {label:<34} {len(times):>7} {med:10.1f} {worst:8.1f} {base:13.1f} {med / base:13.2f}"
              f"{'' if ok else '  <- over the goal'}")
    print("all widgets within the goal" if not failures else f"over the goal: {', '.join(failures)}")


if __name__ == "__main__":
    main()
