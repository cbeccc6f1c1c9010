"""Bootstrap confidence intervals (percentile or BCa, Philox resampling) of a mean and of Cronbach's alpha."""
from __future__ import annotations

import math
from dataclasses import field
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import (
    check_bool,
    check_choice,
    check_int,
    check_level,
    check_resamples,
    check_seed,
    check_threads,
)
from impactchain._defaults import DEFAULTS
from impactchain._result import Result, result_type
from impactchain._soft_common import ArrayLike, _as_float_matrix, _as_float_vector


@result_type
class BootstrapCI(Result):
    """A bootstrap confidence interval (percentile or BCa) with its seed."""

    statistic: str
    estimate: float
    ci: tuple[float, float]
    level: float
    method: str
    resamples: int
    n: int
    seed: int
    stream: int
    se: float
    z0: Optional[float]
    acceleration: Optional[float]
    replicates: Optional[np.ndarray]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    _title = "Bootstrap CI"
    _summary_fields = ("statistic", "estimate", "ci", "method", "resamples", "seed")

    def _table(self) -> pd.DataFrame:
        """One row: the estimate, its interval, method, resamples and seed."""
        return pd.DataFrame([{
            "statistic": self.statistic, "estimate": self.estimate, "ci_low": self.ci[0], "ci_high": self.ci[1],
            "level": self.level, "method": self.method, "se": self.se, "n": self.n, "resamples": self.resamples,
            "seed": self.seed, "stream": self.stream}])


def _boot_from_core(r: Any) -> BootstrapCI:
    reps = np.asarray(r.replicates)
    return BootstrapCI(
        statistic=r.statistic, estimate=r.estimate, ci=(r.ci_low, r.ci_high), level=r.level, method=r.method,
        resamples=r.resamples, n=r.n, seed=r.seed, stream=r.stream, se=r.se,
        z0=None if math.isnan(r.z0) else r.z0, acceleration=None if math.isnan(r.acceleration) else r.acceleration,
        replicates=reps if reps.size else None, warnings=tuple(r.warnings),
    )


def _options(resamples: Any, seed: Any, stream: Any, threads: Any, level: Any, method: Any,
             keep_replicates: Any) -> tuple[int, int, int, int, float, str, bool]:
    return (check_resamples("resamples", resamples, 100), check_seed("seed", seed),
            check_int("stream", stream, 0, 2**32 - 1),
            check_threads("threads", DEFAULTS.threads if threads is None else threads),
            check_level("level", DEFAULTS.level if level is None else level),
            check_choice("method", method, ("bca", "percentile")), check_bool("keep_replicates", keep_replicates))


def bootstrap_mean(
    x: ArrayLike, *, seed: int, resamples: int = 2000, method: str = "bca", level: Optional[float] = None,
    threads: Optional[int] = None, stream: int = 0, keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of the mean of finite values x (Philox resampling; same seed -> same result
    for any ``threads``; ``threads=0`` uses every core). ``level`` defaults to ``DEFAULTS.level``
    (0.95), ``threads`` to ``DEFAULTS.threads`` (all cores)."""
    resamples, seed, stream, threads, level, method, keep_replicates = _options(
        resamples, seed, stream, threads, level, method, keep_replicates)
    arr = _as_float_vector(x, "x")
    return _boot_from_core(_core.bootstrap_mean(arr, resamples=resamples, seed=seed, stream=stream, threads=threads,
                                                level=level, method=method, keep_replicates=keep_replicates))


def bootstrap_alpha(
    items: ArrayLike, *, seed: int, resamples: int = 2000, method: str = "bca", level: Optional[float] = None,
    threads: Optional[int] = None, stream: int = 0, keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of Cronbach's alpha (rows with a missing item dropped, counted in warnings)."""
    resamples, seed, stream, threads, level, method, keep_replicates = _options(
        resamples, seed, stream, threads, level, method, keep_replicates)
    arr, _, _ = _as_float_matrix(items, "items")
    return _boot_from_core(_core.bootstrap_alpha(arr, resamples=resamples, seed=seed, stream=stream, threads=threads,
                                                 level=level, method=method, keep_replicates=keep_replicates))
