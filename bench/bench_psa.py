"""Benchmark: PSA acceptability curve + EVPI, 5 strategies × 1,000,000 draws, 500 wtp values.

Target (issue "Comparing interventions"): impactchain at least 10× faster than a
vectorised numpy reference, memory bounded by the draws themselves.

    PYTHONPATH=python:build/<you>/pkg python bench/bench_psa.py [--draws N] [--wtp W] [--repeat R]

The numpy reference is the usual vectorised form: for each wtp, NMB = k·E − C over
the whole (draws × strategies) array, argmax per draw, mean of the row maximum.
(Vectorising over wtp too would need draws × wtp × strategies = 20 GB here.)
Both results are checked against each other before timing is reported.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

import impactchain as ic


def numpy_reference(costs: np.ndarray, effects: np.ndarray, wtp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n, s = costs.shape
    ceac = np.empty((len(wtp), s))
    evpi = np.empty(len(wtp))
    for w, k in enumerate(wtp):
        nmb = k * effects - costs
        ceac[w] = np.bincount(nmb.argmax(axis=1), minlength=s) / n
        evpi[w] = nmb.max(axis=1).mean() - nmb.mean(axis=0).max()
    return ceac, evpi


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--draws", type=int, default=1_000_000)
    ap.add_argument("--strategies", type=int, default=5)
    ap.add_argument("--wtp", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--skip-numpy", action="store_true")
    args = ap.parse_args()

    rng = np.random.default_rng(20240601)
    n, s = args.draws, args.strategies
    # Strategies with overlapping uncertainty so the best strategy changes along the grid.
    costs = rng.normal(10_000 + 2_000 * np.arange(s), 3_000, size=(n, s))
    effects = rng.normal(1.0 + 0.08 * np.arange(s), 0.25, size=(n, s))
    wtp = np.linspace(0, 100_000, args.wtp)
    draws_mb = (costs.nbytes + effects.nbytes) / 2**20
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    best_ic = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        p = ic.psa(costs, effects, [f"s{j}" for j in range(s)], reference="s0", threads=args.threads)
        a_ceac = p.prob_best(wtp).to_numpy()
        a_evpi = p.evpi(wtp).to_numpy()
        best_ic = min(best_ic, time.perf_counter() - t0)
        del p
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; numpy {np.__version__}")
    print(f"draws {n:,} × strategies {s} × wtp {len(wtp)}; draws occupy {draws_mb:.0f} MiB")
    print(f"impactchain psa (summary + CEAC + CEAF + EVPI): {best_ic:.3f} s (best of {args.repeat})")
    print(f"peak RSS after impactchain: {rss1:.0f} MiB (before: {rss0:.0f} MiB)")
    if args.skip_numpy:
        return
    t0 = time.perf_counter()
    r_ceac, r_evpi = numpy_reference(costs, effects, wtp)
    t_np = time.perf_counter() - t0
    rss2 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"numpy reference: {t_np:.3f} s; peak RSS after numpy: {rss2:.0f} MiB")
    np.testing.assert_allclose(a_ceac, r_ceac, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a_evpi, r_evpi, rtol=1e-7, atol=1e-6)
    print(f"results agree; speed-up {t_np / best_ic:.1f}×")


if __name__ == "__main__":
    main()
