"""Benchmarks W5 and W6: a portfolio of many members, and one big simulation, on this machine's
threads and on a 2-worker Dask LocalCluster (loopback).

W5: MEMBERS generated member models (5-30 outcomes each, every assumption uncertain) x DRAWS
draws. A plain Python loop that loads each member's file and runs ic.simulate (threads=1, one
member after another: what an analyst writes; also timed over models loaded beforehand) against
ic.evaluate_portfolio on 1 and 2 local threads (which also values each member and builds the
tables), and on a LocalCluster of 1 and 2 worker processes (members in blocks of up to 16 per
task). The cluster is timed twice: the first portfolio on new workers (each worker imports
impactchain, pandas and numpy on its first task: a cost once per worker, not per portfolio), and a
second run on the same, now warm, workers; the ratio over one worker is stated for both.

W6: the Monte Carlo benchmark model (bench_simulate.make_model) at 10^7 and BIG draws on the
2-worker cluster (ic.simulate(..., client=)) against local threads: wall time, the client's peak
memory growth during the run (VmHWM reset before each run), and whether the result is identical.

Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_portfolio.py [members draws big]
Needs dask[distributed] (pip install 'impactchain[dask]').
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

MEMBERS, DRAWS, BIG = 1000, 10_000, 100_000_000


def member_model(i: int, rng: np.random.Generator) -> str:
    """A cooperative with 5-30 outcomes: triangular quantities and proxies, uniform adjustments."""
    lines = [
        "impactchain: 1",
        f"name: member {i}",
        f"organisation: org{i:04d}",
        "period: 2024",
        "currency: EUR",
        "price_year: 2024",
        "stakeholders: [city, residents, insurer]",
        "discount: {rate: 0.03}",
        "chain:",
        "  nodes: [{id: a, level: activity, quantity: 10, unit: people}]",
        f"investments: [{{funder: city, amount: {{uniform: [{40000 + i}, {60000 + i}]}}}}]",
        "outcomes:",
    ]
    for k in range(int(rng.integers(5, 31))):
        q, p = float(rng.uniform(2, 40)), float(rng.uniform(200, 4000))
        who = ("city", "residents", "insurer")[k % 3]
        lines.append(
            f"  - {{id: o{k}, stakeholder: {who}, quantity: {{triangular: [{0.7 * q:.3f}, {q:.3f}, {1.3 * q:.3f}]}},"
            f" proxy: {{value: {{triangular: [{0.8 * p:.2f}, {p:.2f}, {1.25 * p:.2f}]}}, currency: EUR, source: s}},"
            " deadweight: {uniform: [0.1, 0.3]}, attribution: {uniform: [0.1, 0.4]}, drop_off: {uniform: [0.1, 0.3]},"
            " duration: {uniform: [1, 4]}}"
        )
    return "\n".join(lines) + "\n"


def vmhwm_kb() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM"))


def reset_hwm() -> None:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def timed(f):
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def main() -> None:
    from distributed import Client, LocalCluster

    import impactchain as ic

    members, draws, big = (int(a) for a in (sys.argv[1:4] or (MEMBERS, DRAWS, BIG)))
    out: dict = {"cpu": cpu_model(), "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()}
    rng = np.random.default_rng(20261203)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        entries = []
        for i in range(members):
            (d / f"m{i}.yaml").write_text(member_model(i, rng), encoding="utf-8")
            entries.append(f"  - {{organisation: org{i:04d}, period: 2024, model: m{i}.yaml, group: g{i % 7}}}\n")
        (d / "portfolio.yaml").write_text("name: w5\ncurrency: EUR\nprice_year: 2024\nmembers:\n" + "".join(entries))
        models = [ic.load(d / f"m{i}.yaml") for i in range(members)]
        outcomes = [len(m.outcomes) for m in models]

        def loop() -> list:  # what an analyst writes over the member files: load, simulate
            return [
                ic.simulate(ic.load(d / f"m{i}.yaml"), draws=draws, seed=i, threads=1, switching_values=False)
                for i in range(members)
            ]

        def loop_loaded() -> list:  # the same over models loaded beforehand (the reading not timed)
            return [
                ic.simulate(m, draws=draws, seed=i, threads=1, switching_values=False) for i, m in enumerate(models)
            ]

        w5: dict = {"members": members, "draws": draws, "outcomes_min": min(outcomes), "outcomes_max": max(outcomes)}
        w5["plain_loop_s"], _ = timed(loop)
        w5["plain_loop_preloaded_s"], _ = timed(loop_loaded)
        w5["threads_1_s"], one = timed(
            lambda: ic.evaluate_portfolio(d / "portfolio.yaml", draws=draws, seed=1, threads=1)
        )
        w5["threads_2_s"], two = timed(
            lambda: ic.evaluate_portfolio(d / "portfolio.yaml", draws=draws, seed=1, threads=2)
        )
        w5["identical_1_2_threads"] = one == two
        for workers in (1, 2):
            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                t, res = timed(lambda: ic.evaluate_portfolio(d / "portfolio.yaml", draws=draws, seed=1, client=client))
                w5[f"cluster_{workers}_workers_first_run_s"] = t
                t, warm = timed(lambda: ic.evaluate_portfolio(d / "portfolio.yaml", draws=draws, seed=1, client=client))
                w5[f"cluster_{workers}_workers_s"] = t
                w5[f"cluster_{workers}_identical_to_threads"] = res == two and warm == two
        w5["ratio_loop_over_threads_2"] = w5["plain_loop_s"] / w5["threads_2_s"]
        w5["ratio_preloaded_loop_over_threads_2"] = w5["plain_loop_preloaded_s"] / w5["threads_2_s"]
        w5["ratio_threads_1_over_threads_2"] = w5["threads_1_s"] / w5["threads_2_s"]
        w5["ratio_cluster_1_over_2_workers"] = w5["cluster_1_workers_s"] / w5["cluster_2_workers_s"]
        w5["ratio_cluster_1_over_2_workers_first_run"] = (
            w5["cluster_1_workers_first_run_s"] / w5["cluster_2_workers_first_run_s"]
        )
        out["w5"] = w5

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_simulate import make_model

    model = ic.Model.from_dict(make_model())
    w6: list = []
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        for n in (10_000_000, big):
            row: dict = {"draws": n}
            base = vmhwm_kb()
            reset_hwm()
            row["cluster_s"], remote = timed(lambda n=n: ic.simulate(model, draws=n, seed=3, threads=2, client=client))
            row["client_peak_growth_mb"] = (vmhwm_kb() - base) / 1024
            row["threads_2_s"], local = timed(lambda n=n: ic.simulate(model, draws=n, seed=3, threads=2))
            row["identical_to_threads"] = remote == local
            row["cluster_over_threads"] = row["threads_2_s"] / row["cluster_s"]
            w6.append(row)
    out["w6"] = w6
    out["load_average_at_end"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
