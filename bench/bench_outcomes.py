"""Benchmark: time against the number of outcomes (1k, 10k, 100k by default).

Each model has one investment and n outcomes, every assumption uncertain (triangular
quantity, lognormal proxy, PERT adjustments, uniform duration of 1-5 years), so it has
about 7n parameters. For each size it times, in one process: loading the model file,
value() without and with switching values, simulate() with 200 draws (no switching
values; its tornado swings every parameter), the text summaries of both results and their
JSON. Every step should grow linearly with n: a second table gives each step's time per
outcome (microseconds), which should stay flat from 1k to 100k outcomes. The load average
at the start and end of the run is printed: the machine may not have been idle.
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_outcomes.py [n ...]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

import impactchain as ic


def make_model(n: int) -> dict:
    outcomes = []
    for k in range(n):
        q = 20 + (k * 37) % 180
        p = 200 + (k * 53) % 4800
        outcomes.append(
            {
                "id": f"o{k}",
                "quantity": {"triangular": [0.7 * q, q, 1.2 * q]},
                "stakeholder": f"s{k % 5}",
                "proxy": {
                    "value": {"lognormal": {"meanlog": 5.3 + (p % 97) / 100, "sdlog": 0.25}},
                    "currency": "EUR",
                    "price_year": 2024,
                    "source": "benchmark",
                },
                "deadweight": {"pert": [0.05, 0.2, 0.5]},
                "displacement": {"pert": [0.0, 0.1, 0.3]},
                "attribution": {"pert": [0.1, 0.25, 0.6]},
                "drop_off": {"pert": [0.05, 0.2, 0.5]},
                "duration": {"uniform": [1.0, 5.0]},
            }
        )
    return {
        "impactchain": 1,
        "name": f"benchmark {n} outcomes",
        "currency": "EUR",
        "price_year": 2024,
        "period": {"start": 2024, "end": 2024},
        "stakeholders": [f"s{s}" for s in range(5)],
        "discount": {"rate": 0.035},
        "investments": [{"funder": "f0", "amount": {"uniform": [1e3 * n, 2e3 * n]}, "year": 0}],
        "outcomes": outcomes,
    }


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def run(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.json")
        with open(path, "w") as f:
            json.dump(make_model(n), f)
        model, t_load = timed(lambda: ic.load(path))
    t = {"load": t_load}
    _, t["value"] = timed(lambda: ic.value(model, switching_values=False))
    v, t["value+switching"] = timed(lambda: ic.value(model))
    s, t["simulate 200"] = timed(lambda: ic.simulate(model, draws=200, seed=1, threads=1, switching_values=False))
    _, t["value text"] = timed(lambda: str(v.summary()))
    _, t["value JSON"] = timed(lambda: json.dumps(v.to_dict()))
    _, t["simulate text"] = timed(lambda: str(s.summary()))
    _, t["simulate JSON"] = timed(lambda: json.dumps(s.to_dict()))
    return t


def load_average() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:  # pragma: no cover - platforms without getloadavg
        return "unknown"


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000, 10000, 100000]
    print(f"# {cpu_model()}, {os.cpu_count()} cores; load average (1, 5, 15 min) at start: {load_average()}")
    print("# times in seconds")
    rows: list[tuple[int, dict[str, float]]] = []
    for n in sizes:
        try:
            t = run(n)
        except ValueError as e:  # a ceiling (model file size, memory of the sampling blocks) refused the size
            print(f"{n:>9} refused: {str(e).splitlines()[0][:200]}", flush=True)
            continue
        if not rows:
            print(f"{'outcomes':>9} " + " ".join(f"{k:>16}" for k in t) + f" {'max s/outcome':>14}")
        rows.append((n, t))
        print(f"{n:>9} " + " ".join(f"{v:>16.3f}" for v in t.values()) + f" {max(t.values()) / n:>14.2e}", flush=True)
    if rows:
        print("# microseconds per outcome (flat = linear time)")
        print(f"{'outcomes':>9} " + " ".join(f"{k:>16}" for k in rows[0][1]))
        for n, t in rows:
            print(f"{n:>9} " + " ".join(f"{1e6 * v / n:>16.1f}" for v in t.values()))
    print(f"# load average at end: {load_average()}")


if __name__ == "__main__":
    main(sys.argv[1:])
