"""Benchmark: EVPPI of 200 single parameters from 100,000 PSA draws, two synthetic models.

- "nonlinear": two strategies, standard normal parameters; the incremental net benefit depends
  linearly, through a sine, a square and a product on a few parameters and weakly on the rest.
- "lognormal": three strategies, skewed (lognormal) parameters, the net benefits ratios and
  products of them.

impactchain (ic.evppi, regression method, 1 and 2 threads, all 200 parameters) against a plain
numpy/scipy implementation of the same estimator (per parameter: the spline basis,
np.linalg.lstsq, the same 200 coefficient redraws for the SE) on a subset of the parameters, and
against pygam (LinearGAM with one spline term per strategy, fit and predict only: no SE) on a few,
when pygam is installed. Reported per parameter; the ratios are per-parameter times.
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_evppi.py [draws parameters subset gam]
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)


def basis(x: np.ndarray, knots: int = 6) -> np.ndarray:
    """Intercept and the cubic truncated-power spline of the standardised column."""
    z = (x - x.mean()) / x.std()
    qs = np.unique(np.quantile(z, np.linspace(0, 1, knots + 2)[1:-1]))
    cols = [np.ones_like(z), z, z**2, z**3] + [np.clip(z - k, 0, None) ** 3 for k in qs]
    return np.column_stack(cols)


def numpy_reference(inc: np.ndarray, x: np.ndarray, rng: np.random.Generator, se_draws: int = 200) -> tuple:
    """EVPPI and SE of one parameter: lstsq fit, coefficient redraws in batches of 50."""
    X = basis(x)
    n = X.shape[0]
    coef, _, _, sv = np.linalg.lstsq(X, inc, rcond=None)
    keep = sv > 1e-10 * max(1.0, float(sv.max()))
    if not keep.all():  # a rank-deficient design: keep the columns a pivoted QR would
        from scipy.linalg import qr

        _, _, piv = qr(X, mode="economic", pivoting=True)
        X = X[:, np.sort(piv[: int(keep.sum())])]
        coef = np.linalg.lstsq(X, inc, rcond=None)[0]
    k = X.shape[1]
    fitted = np.column_stack([np.zeros(n), X @ coef])
    value = fitted.max(axis=1).mean() - fitted.mean(axis=0).max()
    per_draw = fitted.max(axis=1) - fitted[:, int(fitted.mean(axis=0).argmax())]
    sigma = np.sqrt(((inc - X @ coef) ** 2).sum(axis=0) / (n - k))
    w, v = np.linalg.eigh(np.linalg.inv(X.T @ X))
    root = v * np.sqrt(np.clip(w, 0, None))
    sims = []
    for start in range(0, se_draws, 50):
        s = min(50, se_draws - start)
        cond = np.stack(
            [X @ (coef[:, [d]] + sigma[d] * (root @ rng.standard_normal((k, s)))) for d in range(inc.shape[1])]
        )
        cond = np.concatenate([np.zeros((1, n, s)), cond])
        sims += list(cond.max(axis=0).mean(axis=0) - cond.mean(axis=1).max(axis=0))
    return max(value, 0.0), float(np.sqrt(np.var(sims, ddof=1) + per_draw.var(ddof=1) / n))


def pygam_value(inc: np.ndarray, x: np.ndarray) -> float:
    """EVPPI from pygam LinearGAM fits (one per strategy against the first): the value only."""
    from pygam import LinearGAM, s

    fitted = np.column_stack(
        [np.zeros(len(x))] + [LinearGAM(s(0)).fit(x[:, None], y).predict(x[:, None]) for y in inc.T]
    )
    return max(float(fitted.max(axis=1).mean() - fitted.mean(axis=0).max()), 0.0)


def nonlinear(n: int, p: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    theta = g.standard_normal((p, n)).T  # draws x parameters, each parameter's draws contiguous
    t = theta
    inc = -0.4 + 0.6 * t[:, 0] + 0.8 * np.sin(2 * t[:, 1]) + 0.5 * (t[:, 2] ** 2 - 1) + 0.4 * t[:, 3] * t[:, 4]
    inc += 0.05 * t[:, 5:25].sum(axis=1)
    return np.column_stack([np.zeros(n), inc]), theta


def lognormal(n: int, p: int, g: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    theta = np.exp(0.6 * g.standard_normal((p, n))).T
    t = theta
    a = 1.0 + 0.8 * t[:, 0] - 0.5 * t[:, 1] * t[:, 2] + 0.02 * t[:, 10:40].sum(axis=1)
    b = 0.4 + 1.5 * np.log(t[:, 3]) + 0.6 / t[:, 4] + 0.2 * t[:, 5] ** 2 + 0.02 * t[:, 40:70].sum(axis=1)
    return np.column_stack([np.ones(n), a, b]), theta


def run(name: str, model: Any, n: int, p: int, subset: int, gam: int) -> dict[str, Any]:
    import impactchain as ic
    from impactchain import voi

    nb, theta = model(n, p, np.random.default_rng(0))
    out: dict[str, Any] = {"model": name, "draws": n, "parameters": p, "strategies": nb.shape[1]}
    res = {}
    for threads in (1, 2):
        t = time.perf_counter()
        res[threads] = ic.evppi(nb, theta, threads=threads).table
        out[f"impactchain_{threads}_thread_s_per_parameter"] = (time.perf_counter() - t) / p
    out["identical_across_threads"] = bool(res[1].equals(res[2]))
    inc = nb[:, 1:] - nb[:, :1]
    rng = np.random.default_rng(voi._SE_SEED)
    t = time.perf_counter()
    ref = [numpy_reference(inc, theta[:, j], rng) for j in range(subset)]
    out["numpy_s_per_parameter"] = (time.perf_counter() - t) / subset
    out["numpy_parameters_timed"] = subset
    diffs = [abs(res[1].iloc[j]["evppi"] - ref[j][0]) / max(res[1].iloc[j]["se"], ref[j][1]) for j in range(subset)]
    out["max_abs_difference_in_se_vs_numpy"] = float(max(diffs))
    for threads in (1, 2):
        out[f"ratio_numpy_over_impactchain_{threads}_thread"] = (
            out["numpy_s_per_parameter"] / out[f"impactchain_{threads}_thread_s_per_parameter"]
        )
    try:
        import pygam  # noqa: F401
    except ImportError:
        out["pygam"] = "not installed: no comparison"
        return out
    t = time.perf_counter()
    gam_values = [pygam_value(inc, theta[:, j]) for j in range(gam)]
    out["pygam_s_per_parameter_value_only"] = (time.perf_counter() - t) / gam
    out["pygam_parameters_timed"] = gam
    out["pygam_evppi"] = gam_values
    out["impactchain_evppi_same_parameters"] = [float(v) for v in res[1]["evppi"].iloc[:gam]]
    for threads in (1, 2):
        out[f"ratio_pygam_over_impactchain_{threads}_thread"] = (
            out["pygam_s_per_parameter_value_only"] / out[f"impactchain_{threads}_thread_s_per_parameter"]
        )
    return out


def main() -> None:
    import scipy

    load_start = os.getloadavg()
    n, p, subset, gam = (int(a) for a in sys.argv[1:5]) if len(sys.argv) > 4 else (100_000, 200, 6, 3)
    runs = [run("nonlinear", nonlinear, n, p, subset, gam), run("lognormal", lognormal, n, p, subset, gam)]
    print(
        json.dumps(
            {
                "cpu": cpu_model(),
                "cpus": os.cpu_count(),
                "numpy": np.__version__,
                "scipy": scipy.__version__,
                "load_average_at_start": load_start,
                "load_average_at_end": os.getloadavg(),
                "runs": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
