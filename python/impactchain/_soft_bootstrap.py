"""Bootstrap confidence intervals (percentile or BCa, Philox resampling) of a mean, of Cronbach's alpha and of
McDonald's omega."""

from __future__ import annotations

import math
from dataclasses import field
from typing import Any, Optional

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import (
    ArgumentError,
    check_bool,
    check_choice,
    check_int,
    check_level,
    check_resamples,
    check_seed,
    check_threads,
)
from impactchain._defaults import pick
from impactchain._notice import Notice, notice
from impactchain._result import Result, result_type
from impactchain._soft_common import ArrayLike, _as_float_matrix, _as_float_vector, pick_own
from impactchain._soft_omega import fit_choices, fit_notes
from impactchain._soft_omega_hierarchical import groups_choice, hierarchical_notes

#: The bootstrap's own defaults (not in ``impactchain.DEFAULTS``), stated in ``assumptions`` when used.
RESAMPLES = 2000
METHOD = "bca"


def method_note(method: str, resamples: int, of: str = "bootstrap") -> Notice:
    """The interval method of a bootstrap result, as its ``assumptions`` state it (``of``:
    "bootstrap", or "change" for the interval of a mean change by group)."""
    return notice(f"{of}.interval_{method}", resamples=int(resamples))  # method: "bca" or "percentile"


@result_type
class BootstrapCI(Result):
    """A bootstrap confidence interval (percentile or BCa) with its seed; ``assumptions``
    names each default used (seed, level, resamples, method, threads) and the interval method."""

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
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    _title = "Bootstrap CI"
    _summary_fields = ("statistic", "estimate", "ci", "method", "resamples", "seed")
    _version = 2  # 2: assumptions

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no assumptions: the interval method is read from the state (which
        defaults a version-1 call used was not recorded, so none is claimed)."""
        if version < 2:
            state = {**state, "assumptions": (method_note(state["method"], state["resamples"]),)}
        return state

    def _table(self) -> pd.DataFrame:
        """One row: the estimate, its interval, method, resamples and seed."""
        return pd.DataFrame(
            [
                {
                    "statistic": self.statistic,
                    "estimate": self.estimate,
                    "ci_low": self.ci[0],
                    "ci_high": self.ci[1],
                    "level": self.level,
                    "method": self.method,
                    "se": self.se,
                    "n": self.n,
                    "resamples": self.resamples,
                    "seed": self.seed,
                    "stream": self.stream,
                }
            ]
        )


def _boot_from_core(
    r: Any, used: tuple[str, ...] = (), dropped: tuple[str, ...] = (), notes: tuple[str, ...] = ()
) -> BootstrapCI:
    reps = np.asarray(r.replicates)
    return BootstrapCI(
        statistic=r.statistic,
        estimate=r.estimate,
        ci=(r.ci_low, r.ci_high),
        level=r.level,
        method=r.method,
        resamples=r.resamples,
        n=r.n,
        seed=r.seed,
        stream=r.stream,
        se=r.se,
        z0=None if math.isnan(r.z0) else r.z0,
        acceleration=None if math.isnan(r.acceleration) else r.acceleration,
        replicates=reps if reps.size else None,
        warnings=dropped + tuple(r.warnings),
        assumptions=tuple(used) + (method_note(r.method, r.resamples),) + notes,
    )


def _options(
    func: str, resamples: Any, seed: Any, stream: Any, threads: Any, level: Any, method: Any, keep_replicates: Any
) -> tuple[int, int, int, int, float, str, bool, tuple[str, ...]]:
    used: list[str] = []
    out = (
        check_resamples("resamples", pick_own("resamples", resamples, RESAMPLES, used, func), 100),
        check_seed("seed", pick("seed", seed, used)),
        check_int("stream", stream, 0, 2**32 - 1),
        check_threads("threads", pick("threads", threads, used)),
        check_level("level", pick("level", level, used)),
        check_choice("method", pick_own("method", method, METHOD, used, func), ("bca", "percentile")),
        check_bool("keep_replicates", keep_replicates),
    )
    return (*out, tuple(used))


def bootstrap_mean(
    x: ArrayLike,
    *,
    seed: Optional[int] = None,
    resamples: Optional[int] = None,
    method: Optional[str] = None,
    level: Optional[float] = None,
    threads: Optional[int] = None,
    stream: int = 0,
    keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of the mean of x (Philox resampling; same seed -> same result for any
    ``threads``; ``threads=0`` uses every core). Missing values (NaN) are dropped and counted
    in ``warnings``, as every soft function does; an infinite value is an error.

    Every argument left out takes its default: ``seed`` ``DEFAULTS.seed`` (2026), ``level``
    ``DEFAULTS.level`` (0.95), ``threads`` ``DEFAULTS.threads`` (all cores; the numbers do not
    depend on it), ``resamples`` 2000, ``method`` "bca". The result's ``assumptions`` names
    each default used and the interval method.
    """
    resamples, seed, stream, threads, level, method, keep_replicates, used = _options(
        "bootstrap_mean", resamples, seed, stream, threads, level, method, keep_replicates
    )
    arr = _as_float_vector(x, "x")
    infinite = np.flatnonzero(np.isinf(arr))
    if infinite.size:
        i = int(infinite[0])
        raise ArgumentError(f"x[{i}]: must be a finite number or NaN (missing), got {arr[i]}")
    missing = np.isnan(arr)
    dropped = (f"{int(missing.sum())} of {arr.size} values missing (NaN), dropped",) if missing.any() else ()
    r = _core.bootstrap_mean(
        np.ascontiguousarray(arr[~missing]) if dropped else arr,
        resamples=resamples,
        seed=seed,
        stream=stream,
        threads=threads,
        level=level,
        method=method,
        keep_replicates=keep_replicates,
    )
    return _boot_from_core(r, used, dropped)


def bootstrap_alpha(
    items: ArrayLike,
    *,
    seed: Optional[int] = None,
    resamples: Optional[int] = None,
    method: Optional[str] = None,
    level: Optional[float] = None,
    threads: Optional[int] = None,
    stream: int = 0,
    keep_replicates: bool = False,
) -> BootstrapCI:
    """Bootstrap CI of Cronbach's alpha (rows with a missing item dropped, counted in warnings).
    The arguments, their defaults and the ``assumptions`` are those of :func:`bootstrap_mean`."""
    resamples, seed, stream, threads, level, method, keep_replicates, used = _options(
        "bootstrap_alpha", resamples, seed, stream, threads, level, method, keep_replicates
    )
    arr, _, _ = _as_float_matrix(items, "items")
    return _boot_from_core(
        _core.bootstrap_alpha(
            arr,
            resamples=resamples,
            seed=seed,
            stream=stream,
            threads=threads,
            level=level,
            method=method,
            keep_replicates=keep_replicates,
        ),
        used,
    )


def bootstrap_omega(
    items: ArrayLike,
    *,
    seed: Optional[int] = None,
    resamples: Optional[int] = None,
    method: Optional[str] = None,
    level: Optional[float] = None,
    threads: Optional[int] = None,
    stream: int = 0,
    keep_replicates: bool = False,
    fit: Optional[str] = None,
    standardised: Optional[bool] = None,
    total_variance: Optional[str] = None,
) -> BootstrapCI:
    """Bootstrap CI of McDonald's omega (rows with a missing item dropped, counted in warnings;
    each resample's covariances fitted again). ``fit``, ``standardised`` and ``total_variance``
    are :func:`mcdonald_omega`'s ``method``, ``standardised`` and ``total_variance`` (``fit``:
    "ml" or "minres"); ``method`` and the other arguments, their defaults and the
    ``assumptions`` are those of :func:`bootstrap_mean`. A resample whose fit fails or does not
    converge (too few respondents for the items) refuses the run, with the counts."""
    resamples, seed, stream, threads, level, method, keep_replicates, used = _options(
        "bootstrap_omega", resamples, seed, stream, threads, level, method, keep_replicates
    )
    chosen: list[str] = []
    fit, standardised, total_variance = fit_choices("bootstrap_omega", fit, standardised, total_variance, chosen, "fit")
    arr, names, _ = _as_float_matrix(items, "items")
    r = _core.bootstrap_omega(
        arr,
        resamples=resamples,
        seed=seed,
        stream=stream,
        threads=threads,
        level=level,
        method=method,
        keep_replicates=keep_replicates,
        fit=fit,
        standardised=standardised,
        total_variance=total_variance,
        names=names,
    )
    return _boot_from_core(r, used + tuple(chosen), notes=fit_notes(fit, standardised, total_variance, "listwise"))


def bootstrap_hierarchical_omega(
    items: ArrayLike,
    *,
    seed: Optional[int] = None,
    resamples: Optional[int] = None,
    method: Optional[str] = None,
    level: Optional[float] = None,
    threads: Optional[int] = None,
    stream: int = 0,
    keep_replicates: bool = False,
    groups: Optional[int] = None,
) -> BootstrapCI:
    """Bootstrap CI of hierarchical omega (rows with a missing item dropped, counted in warnings;
    each resample's correlations fitted again: group factors, rotation, general factor).
    ``groups`` is :func:`hierarchical_omega`'s; ``method`` and the other arguments, their
    defaults and the ``assumptions`` are those of :func:`bootstrap_mean`. A resample whose fit
    fails or does not converge (too few respondents for the items) refuses the run, with the counts."""
    resamples, seed, stream, threads, level, method, keep_replicates, used = _options(
        "bootstrap_hierarchical_omega", resamples, seed, stream, threads, level, method, keep_replicates
    )
    chosen: list[str] = []
    groups = groups_choice("bootstrap_hierarchical_omega", groups, chosen)
    arr, names, _ = _as_float_matrix(items, "items")
    r = _core.bootstrap_hierarchical_omega(
        arr,
        resamples=resamples,
        seed=seed,
        stream=stream,
        threads=threads,
        level=level,
        method=method,
        keep_replicates=keep_replicates,
        groups=groups,
        names=names,
    )
    return _boot_from_core(r, used + tuple(chosen), notes=hierarchical_notes(groups, "listwise"))
