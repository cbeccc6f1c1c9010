"""Benchmark: composite rank uncertainty, 13,000 units x 40 indicators x 10,000 weight draws.

numpy reference: scores X @ W (in chunks of draws; numpy's BLAS pinned to the thread count
impactchain gets, with threadpoolctl), ranks from argsort(-score, kind="stable")
(ties: lower index first — the rule impactchain uses), then best/worst rank and P(rank <= k).
Checks that impactchain gives identical best/worst ranks and P(rank <= k). numpy is timed once
(about 14 s a run), impactchain as the minimum of REPEATS runs right after it.
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_ranks.py [units indicators draws]
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

REPEATS = 3


def numpy_reference(X: np.ndarray, W: np.ndarray, top: list[int], chunk: int = 250):
    U, D = X.shape[0], W.shape[1]
    best = np.full(U, U + 1, dtype=np.int64)
    worst = np.zeros(U, dtype=np.int64)
    counts = np.zeros((U, len(top)), dtype=np.int64)
    ranks = np.empty((U, chunk), dtype=np.int64)
    ar = np.arange(1, U + 1)
    for d0 in range(0, D, chunk):
        S = X @ W[:, d0 : d0 + chunk]
        n = S.shape[1]
        order = np.argsort(-S, axis=0, kind="stable")
        for j in range(n):
            ranks[order[:, j], j] = ar
        R = ranks[:, :n]
        best = np.minimum(best, R.min(axis=1))
        worst = np.maximum(worst, R.max(axis=1))
        for i, k in enumerate(top):
            counts[:, i] += (k >= R).sum(axis=1)
    return best, worst, counts / D


def main() -> None:
    import impactchain as ic

    load_start = os.getloadavg()
    U, I, D = (int(a) for a in sys.argv[1:4]) if len(sys.argv) > 3 else (13_000, 40, 10_000)
    g = np.random.default_rng(0)
    X = g.random((U, I))
    W = g.dirichlet(np.full(I, 50.0), size=D).T.copy()  # indicators x draws, columns sum to 1
    W /= W.sum(axis=0, keepdims=True)
    top = [10, 100]
    # numpy's BLAS on as many threads as impactchain gets (threadpoolctl), each pair timed in turn.
    from threadpoolctl import threadpool_limits

    tn, res = {}, {}
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            t = time.perf_counter()
            best, worst, ptop = numpy_reference(X, W, top)
            tn[threads] = time.perf_counter() - t
        runs = []
        for _ in range(REPEATS):  # the first run also pays for its histograms' fresh pages
            t = time.perf_counter()
            r = ic.rank_uncertainty(X, W, threads=threads, top=top)
            runs.append(time.perf_counter() - t)
        res[threads] = (min(runs), r)
    r = res[1][1]
    identical = bool((r.rank_best == best).all() and (r.rank_worst == worst).all() and (r.p_top == ptop).all())
    print(
        json.dumps(
            {
                "cpu": cpu_model(),
                "cpus": os.cpu_count(),
                "numpy": np.__version__,
                "load_average_at_start": load_start,
                "load_average_at_end": os.getloadavg(),
                "units": U,
                "indicators": I,
                "draws": D,
                "numpy_blas_1_thread_seconds": tn[1],
                "numpy_blas_2_threads_seconds": tn[2],
                "cpp_1_thread_seconds": res[1][0],
                "cpp_2_threads_seconds": res[2][0],
                "speedup_1_thread": tn[1] / res[1][0],
                "speedup_2_threads": tn[2] / res[2][0],
                "identical_best_worst_ptop": identical,
                "identical_across_threads": bool(
                    (res[1][1].rank_median == res[2][1].rank_median).all()
                    and (res[1][1].score_p50 == res[2][1].score_p50).all()
                ),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
