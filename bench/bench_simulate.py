"""Benchmark: Monte Carlo of a 30-outcome x 5-stakeholder model, every assumption uncertain.

Compares impactchain.simulate (C++, Philox, streamed summaries) with a vectorised numpy
implementation of the same model (written here, chunked so it fits in memory), single
thread vs 2 threads, and peak memory with and without kept draws (each in its own
process: VmHWM from /proc/self/status, reset just before the run, so only the run counts).
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_simulate.py [draws]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

N_STAKEHOLDERS, PER_STAKEHOLDER = 5, 6
RATE = (0.02, 0.035, 0.05)


def make_model() -> dict:
    g = np.random.default_rng(1)
    outcomes = []
    for s in range(N_STAKEHOLDERS):
        for k in range(PER_STAKEHOLDER):
            q = float(g.integers(20, 200))
            p = float(g.integers(200, 5000))
            outcomes.append(
                {
                    "id": f"o{s}_{k}",
                    "quantity": {"triangular": [0.7 * q, q, 1.2 * q]},
                    "stakeholder": f"s{s}",
                    "proxy": {
                        "value": {"lognormal": {"meanlog": float(np.log(p)), "sdlog": 0.25}},
                        "currency": "EUR",
                        "price_year": 2024,
                        "source": "benchmark",
                    },
                    "deadweight": {"pert": [0.05, 0.2, 0.5]},
                    "displacement": {"pert": [0.0, 0.1, 0.3]},
                    "attribution": {"pert": [0.1, 0.25, 0.6]},
                    "drop_off": {"pert": [0.05, 0.2, 0.5]},
                    "duration": {"uniform": [1.0, 10.0]},
                }
            )
    return {
        "impactchain": 1,
        "name": "benchmark 30x5",
        "currency": "EUR",
        "price_year": 2024,
        "period": {"start": 2024, "end": 2024},
        "stakeholders": [f"s{s}" for s in range(N_STAKEHOLDERS)],
        "discount": {"rate": {"pert": list(RATE)}},
        "investments": [{"funder": f"f{i}", "amount": {"uniform": [150000.0, 250000.0]}, "year": 0} for i in range(5)],
        "outcomes": outcomes,
    }


def pert_ab(lo, mode, hi, lam=4.0):
    r = hi - lo
    return 1 + lam * (mode - lo) / r, 1 + lam * (hi - mode) / r


def numpy_reference(model: dict, draws: int, seed: int, chunk: int = 50_000):
    """Same model, vectorised over draws (chunked). Returns sums for mean/sd and P(ratio > 1)."""
    rng = np.random.default_rng(seed)
    outs = model["outcomes"]
    K = len(outs)
    q = np.array([o["quantity"]["triangular"] for o in outs])
    ml = np.array([o["proxy"]["value"]["lognormal"]["meanlog"] for o in outs])
    sl = np.array([o["proxy"]["value"]["lognormal"]["sdlog"] for o in outs])
    adj = {}
    for key in ("deadweight", "displacement", "attribution", "drop_off"):
        lmh = np.array([o[key]["pert"] for o in outs])
        a, b = pert_ab(lmh[:, 0], lmh[:, 1], lmh[:, 2])
        adj[key] = (lmh[:, 0], lmh[:, 2] - lmh[:, 0], a, b)
    dur = np.array([o["duration"]["uniform"] for o in outs])
    ra, rb = pert_ab(*RATE)
    inv = np.array([i["amount"]["uniform"] for i in model["investments"]])
    n_done, s1, s2, above, pv_all = 0, 0.0, 0.0, 0, []
    while n_done < draws:
        n = min(chunk, draws - n_done)
        Q = rng.triangular(q[:, 0], q[:, 1], q[:, 2], size=(n, K))
        P = rng.lognormal(ml, sl, size=(n, K))
        f = {k: lo + w * rng.beta(a, b, size=(n, K)) for k, (lo, w, a, b) in adj.items()}
        D = rng.uniform(dur[:, 0], dur[:, 1], size=(n, K))
        r = RATE[0] + (RATE[2] - RATE[0]) * rng.beta(ra, rb, size=(n, 1))
        I = Q * P * (1 - f["deadweight"]) * (1 - f["displacement"]) * (1 - f["attribution"])
        keep = 1 - f["drop_off"]
        disc = 1 / (1 + r)
        pv = np.zeros(n)
        decay = np.ones((n, K))
        dt = np.ones((n, 1))
        for t in range(1, 11):
            dt = dt * disc
            w = np.clip(D - (t - 1), 0, 1)
            pv += (I * w * decay).sum(axis=1) * dt[:, 0]
            decay = decay * keep
        invest = rng.uniform(inv[:, 0], inv[:, 1], size=(n, len(inv))).sum(axis=1)
        ratio = pv / invest
        s1 += ratio.sum()
        s2 += (ratio**2).sum()
        above += int((ratio > 1).sum())
        pv_all.append(pv.mean())
        n_done += n
    mean = s1 / draws
    return {
        "ratio_mean": mean,
        "ratio_sd": float(np.sqrt((s2 - draws * mean * mean) / (draws - 1))),
        "p_ratio_above_1": above / draws,
    }


CHILD = r"""
import sys, json, time
import impactchain as ic

def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])

m = ic.load(sys.argv[1]); n = int(sys.argv[2]); keep = sys.argv[3] == "1"
ic.simulate(m, draws=1000, seed=1, threads=1)  # warm-up: code and libraries paged in
with open("/proc/self/clear_refs", "w") as f:  # reset the peak RSS (VmHWM) to the current RSS
    f.write("5")
before = status("VmRSS")
t = time.perf_counter(); r = ic.simulate(m, draws=n, seed=1, threads=1, keep_draws=keep, keep_parameters=keep)
print(json.dumps({"seconds": time.perf_counter() - t, "rss_before_kb": before, "peak_rss_kb": status("VmHWM"),
                  "peak_increase_kb": status("VmHWM") - before}))
"""


def child_rss(path: str, n: int, keep: bool) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, path, str(n), "1" if keep else "0"],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    return json.loads(out.stdout)


def machine() -> dict:
    return {
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "load_average_at_start": os.getloadavg(),
    }


def main() -> None:
    import impactchain as ic

    info = machine()

    draws = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench_model.json")
        model = make_model()
        with open(path, "w") as f:
            json.dump(model, f)
        m = ic.load(path)
        ic.simulate(m, draws=1000, seed=1, threads=1)  # warm-up
        t = time.perf_counter()
        r1 = ic.simulate(m, draws=draws, seed=1, threads=1)
        t1 = time.perf_counter() - t
        t = time.perf_counter()
        r2 = ic.simulate(m, draws=draws, seed=1, threads=2)
        t2 = time.perf_counter() - t
        same = r1.to_dict()["sroi_ratio"] == r2.to_dict()["sroi_ratio"]
        t = time.perf_counter()
        ref = numpy_reference(model, draws, seed=1)
        tn = time.perf_counter() - t
        s = r1.summary_of("sroi_ratio")
        se = s.sd / np.sqrt(draws)
        rss = {
            f"{n}_{keep}": child_rss(path, n, keep)
            for n, keep in ((draws // 10, False), (draws, False), (draws // 10, True), (draws, True))
        }
    k = len(r1.parameter_names)
    print(
        json.dumps(
            {
                "machine": info,
                "load_average_at_end": os.getloadavg(),
                "draws": draws,
                "uncertain_parameters": k,
                "numpy_seconds": tn,
                "cpp_1_thread_seconds": t1,
                "cpp_2_threads_seconds": t2,
                "speedup_vs_numpy_1_thread": tn / t1,
                "speedup_2_vs_1_threads": t1 / t2,
                "bit_identical_1_vs_2_threads": same,
                "sroi_mean_cpp": s.mean,
                "sroi_mean_numpy": ref["ratio_mean"],
                "mean_diff_in_se": (s.mean - ref["ratio_mean"]) / se,
                "sroi_sd_cpp": s.sd,
                "sroi_sd_numpy": ref["ratio_sd"],
                "p_ratio_above_1_cpp": r1.p_ratio_above_1,
                "p_ratio_above_1_numpy": ref["p_ratio_above_1"],
                "peak_rss_kb": rss,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
