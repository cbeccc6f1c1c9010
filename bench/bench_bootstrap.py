"""Benchmark: bootstrap CIs of the mean change and of Cronbach's alpha, impactchain vs
scipy.stats.bootstrap, 100,000 respondents x 14 items, same data and same B.

    PYTHONPATH=python:build/<dir>/pkg python bench/bench_bootstrap.py [--n 100000] [--b 1000] [--b-large 10000]

scipy's BCa needs a jackknife over all n respondents (n statistic evaluations of n-1 rows),
which does not finish in minutes at n = 100,000, so the like-for-like comparison uses the
percentile method for both; impactchain's BCa (jackknife from sufficient statistics) is timed
separately, as is impactchain with B = 10,000. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)
from scipy import stats

import impactchain as ic


def alpha_stat(*cols, axis=-1):
    x = np.stack(cols, axis=-1)
    k = x.shape[-1]
    return k / (k - 1) * (1 - x.var(axis=-2, ddof=1).sum(axis=-1) / x.sum(axis=-1).var(axis=-1, ddof=1))


def make_data(n: int, k: int, seed: int):
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    pre = np.clip(np.round(3 + trait + 0.9 * rng.normal(size=(n, k))), 1, 5)
    post = np.clip(np.round(3.2 + trait + 0.9 * rng.normal(size=(n, k))), 1, 5)
    return pre, post


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--k", type=int, default=14)
    ap.add_argument("--b", type=int, default=1000)
    ap.add_argument("--b-large", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=20, help="scipy batch size (bounds its memory)")
    args = ap.parse_args()
    pre, post = make_data(args.n, args.k, 1)
    change = post.sum(axis=1) - pre.sum(axis=1)
    B = args.b
    rows = []

    def compare(name, ours_fn, scipy_fn):
        ours, t_ours = timed(ours_fn)
        ref, t_ref = timed(scipy_fn)
        se = ref.standard_error
        d = max(abs(ours.ci[0] - ref.confidence_interval.low), abs(ours.ci[1] - ref.confidence_interval.high))
        rows.append(
            (
                name,
                B,
                t_ref,
                t_ours,
                t_ref / t_ours,
                ours.ci,
                (ref.confidence_interval.low, ref.confidence_interval.high),
                d / se,
            )
        )

    for threads in (1, 2):
        compare(
            f"mean change, percentile, threads={threads}",
            lambda threads=threads: ic.bootstrap_mean(
                change, seed=1, resamples=B, method="percentile", threads=threads
            ),
            lambda: stats.bootstrap(
                (change,),
                np.mean,
                n_resamples=B,
                method="percentile",
                vectorized=True,
                batch=args.batch,
                random_state=np.random.default_rng(2),
            ),
        )
        compare(
            f"alpha, percentile, threads={threads}",
            lambda threads=threads: ic.bootstrap_alpha(pre, seed=1, resamples=B, method="percentile", threads=threads),
            lambda: stats.bootstrap(
                tuple(pre.T),
                alpha_stat,
                n_resamples=B,
                method="percentile",
                paired=True,
                vectorized=True,
                batch=args.batch,
                random_state=np.random.default_rng(2),
            ),
        )
    extra = []
    for name, fn in [
        (
            f"mean change, BCa, B={args.b_large}, threads=2",
            lambda: ic.bootstrap_mean(change, seed=1, resamples=args.b_large, method="bca", threads=2),
        ),
        (
            f"alpha, BCa, B={args.b_large}, threads=2",
            lambda: ic.bootstrap_alpha(pre, seed=1, resamples=args.b_large, method="bca", threads=2),
        ),
    ]:
        r, t = timed(fn)
        extra.append((name, t, r.ci))

    print(f"Machine: {cpu_model()}, {len(__import__('os').sched_getaffinity(0))} cores; n = {args.n}, k = {args.k}\n")
    print(
        "| statistic | B | scipy (s) | impactchain (s) | speed-up | impactchain CI | scipy CI | max endpoint diff / bootstrap SE |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, b, tr, to, ratio, ci_o, ci_r, dse in rows:
        print(
            f"| {name} | {b} | {tr:.2f} | {to:.3f} | {ratio:.0f}x | [{ci_o[0]:.5f}, {ci_o[1]:.5f}] | "
            f"[{ci_r[0]:.5f}, {ci_r[1]:.5f}] | {dse:.2f} |"
        )
    print()
    print("| impactchain only | time (s) | CI |")
    print("|---|---|---|")
    for name, t, ci in extra:
        print(f"| {name} | {t:.2f} | [{ci[0]:.5f}, {ci[1]:.5f}] |")


if __name__ == "__main__":
    main()
