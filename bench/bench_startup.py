"""Benchmark: start-up, the fixed cost a user meets on every command and in every process.

Times whole processes (a fresh interpreter each run, wall clock from the parent, as a user
runs them): ``import numpy`` (the floor: the compiled core needs it), ``import pandas``,
``import impactchain``, and ``impactchain validate`` / ``impactchain value`` on the minimal
model (examples/data/minimal.yaml) run as the installed ``impactchain`` command runs them
(``impactchain.cli.main``). The cases take turns, run after run, so that a change of load on a
shared machine falls on all of them; each time reported is the minimum of the runs, with the
median beside it, and the load average before and after. Beside the wall time, the CPU time
(user + system) of the child: on a loaded machine the wall time waits for a core, the CPU
time much less.
Targets (issue 18): ``import impactchain`` at most 0.15 s over ``import numpy``; ``validate``
and ``value`` at most 0.3 s.
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

MINIMAL = str(Path(__file__).resolve().parents[1] / "examples" / "data" / "minimal.yaml")
CLI = "import sys; from impactchain.cli import main; sys.exit(main(sys.argv[1:]))"

#: (label, the interpreter's arguments)
CASES: list[tuple[str, list[str]]] = [
    ("python -c pass", ["-c", "pass"]),
    ("import numpy", ["-c", "import numpy"]),
    ("import pandas", ["-c", "import pandas"]),
    ("import impactchain", ["-c", "import impactchain"]),
    ("impactchain validate --no-data minimal", ["-c", CLI, "validate", "--no-data", MINIMAL]),
    ("impactchain validate minimal.yaml", ["-c", CLI, "validate", MINIMAL]),
    ("impactchain value minimal.yaml", ["-c", CLI, "value", MINIMAL]),
]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU time of one fresh interpreter running ``args`` (output discarded; a failure raises)."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, check=True, env=os.environ)
    return time.perf_counter() - t0, _children_cpu() - cpu0


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20, help="runs of each case (default 20)")
    runs = ap.parse_args().runs
    if runs < 1:
        ap.error("--runs must be at least 1")
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(f"load average (1, 5, 15 min) before: {load_average()}")
    for _, args in CASES:  # warm the file cache and the .pyc files: a user's second call, not the first
        timed(args)
    times: dict[str, list[float]] = {label: [] for label, _ in CASES}
    cpu: dict[str, list[float]] = {label: [] for label, _ in CASES}
    for _ in range(runs):
        for label, args in CASES:
            w, c = timed(args)
            times[label].append(w)
            cpu[label].append(c)
    print(f"load average after: {load_average()}")
    print(f"\n{'case':<36} {'wall min s':>10} {'median s':>9} {'CPU min s':>10}   ({runs} runs each)")
    best = {label: min(t) for label, t in times.items()}
    for label, t in times.items():
        print(f"{label:<36} {best[label]:>10.3f} {statistics.median(t):>9.3f} {min(cpu[label]):>10.3f}")
    over = best["import impactchain"] - best["import numpy"]
    print(f"\nimport impactchain over import numpy (wall minimums): {over:.3f} s (target <= 0.15 s)")
    for label in (
        "impactchain validate --no-data minimal",
        "impactchain validate minimal.yaml",
        "impactchain value minimal.yaml",
    ):
        print(f"{label}: {best[label]:.3f} s wall (target <= 0.3 s)")


if __name__ == "__main__":
    main()
