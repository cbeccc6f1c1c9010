"""Uncertainty: Monte Carlo over every assumption of a model, tornado and Sobol
tables, switching values, and rank uncertainty of composite scores.

``simulate(model, draws=N, seed=S, threads=T)`` runs the C++ engine (Philox
counter-based random numbers: the same seed gives bit-identical results for any
thread count; the GIL is released during the run). Results are plain frozen
data classes with pandas views: :class:`SimulationResult` and :class:`OutputSummary` in
``_uncertainty_result`` (its ledger per party in ``_uncertainty_ledger``, built from the core's
run by ``_uncertainty_from_core``), :class:`Tornado` and :class:`SobolIndices` in
``_uncertainty_sensitivity``, rank uncertainty in ``_uncertainty_ranks``; all are importable
from here. Methods: docs/uncertainty.md.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import check_bool, check_choice, check_level, check_sequence_of_real
from impactchain._core import Model
from impactchain._defaults import DEFAULTS, pick
from impactchain._seed import _check_int, _check_seed, check_stream_version
from impactchain._uncertainty_from_core import simulation_result
from impactchain._uncertainty_ledger import LEDGER_SIM_COLUMNS  # noqa: F401

# The results and composite rank uncertainty live in their own modules; they are part of this one's API.
from impactchain._uncertainty_ranks import RankUncertaintyResult, rank_uncertainty  # noqa: F401
from impactchain._uncertainty_result import OUTPUTS, STATS, OutputSummary, SimulationResult  # noqa: F401
from impactchain._uncertainty_sensitivity import SobolIndices, Tornado  # noqa: F401
from impactchain.value import _check_options


def _correlation(corr: Any) -> tuple[list[list[str]], list[np.ndarray]]:
    """Accepts None, a pandas DataFrame (names as index/columns), a (names, matrix) pair,
    or a list of those blocks."""
    if corr is None:
        return [], []
    blocks = corr if isinstance(corr, list) else [corr]
    names, mats = [], []
    for b in blocks:
        if isinstance(b, pd.DataFrame):
            if list(b.index) != list(b.columns):
                raise ValueError("correlation: the DataFrame's index and columns must list the same parameter names")
            names.append([str(c) for c in b.columns])
            mats.append(np.asarray(b.to_numpy(), dtype=float))
        elif isinstance(b, tuple) and len(b) == 2:
            names.append([str(n) for n in b[0]])
            mats.append(np.asarray(b[1], dtype=float))
        else:
            raise ValueError(
                f"correlation: give a DataFrame of rank correlations or a (names, matrix) pair, got {type(b).__name__}"
            )
    return names, mats


def simulate(
    model: Union[Model, str, os.PathLike],
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    *,
    level: Optional[float] = None,
    keep_draws: bool = False,
    keep_parameters: bool = False,
    correlation: Any = None,
    value_targets: Sequence[float] = (),
    tornado_range: str = "p05_p95",
    sobol_draws: int = 0,
    switching_values: bool = True,
    adjustments: str = "multiplicative",
    discount_first_year: bool = True,
    discount_investments: bool = False,
    drop_off_start: str = "second_year",
    long_duration_years: float = 1.0,
    progress: Optional[Callable[[int, int], None]] = None,
    ledger: bool = True,
    client: Any = None,
    stream_version: Optional[int] = None,
) -> SimulationResult:
    """Monte Carlo over every uncertain Parameter of a model's valuation.

    Parameters
    ----------
    model : Model or path
        A Model, or a model file (loaded with impactchain.load).
    draws : int, default ``DEFAULTS.draws`` (5000)
        Number of draws, >= 1. Up to 10^6 draws the quantiles are exact (type 7, numpy's
        default), above they come from the streamed sketch (``quantile_method`` says which).
    seed : int, default ``DEFAULTS.seed`` (2026)
        In [0, 2^63 - 1]; the same seed gives bit-identical results for any thread count.
    threads : int, default ``DEFAULTS.threads`` (0 = all hardware threads)
        Worker threads; results do not depend on it. The GIL is released while running.
    level : float, default ``DEFAULTS.level`` (0.95)
        In (0, 1): each output's ``lower`` and ``upper`` bound the central ``level`` of the
        draws (the (1 - level)/2 and (1 + level)/2 quantiles, by the rule above).
    keep_draws : bool
        Keep every draw's outputs as ``draws_array`` (draws x 4); the quantiles do not depend on it.
    keep_parameters : bool
        Keep every draw's sampled parameters as ``parameters_array`` (audit).
    correlation : DataFrame, (names, matrix) or list of them
        Spearman rank correlations between parameter slot names (``outcomes[x].deadweight``),
        imposed with a Gaussian copula; must be positive semi-definite.
    value_targets : sequence of float
        Report P(present value > target) for each (model currency).
    tornado_range : {"p05_p95", "p10_p90", "support"}
        Low/high of each parameter in the tornado.
    sobol_draws : int
        Base sample N for Sobol indices (N (k + 2) evaluations); 0 = none.
    switching_values : bool
        Compute :func:`impactchain.value`'s switching values (same form as there).
    adjustments, discount_first_year, discount_investments, drop_off_start, long_duration_years
        The valuation options, as :func:`impactchain.value` takes them.
    progress : callable(done, total), optional
        Called after each round of blocks.
    ledger : bool, default True
        Simulate what each party (stakeholder or funder) pays, gains and nets (``ledger``):
        three more outputs per party, summarised like the others.
    client : dask.distributed.Client, optional
        Compute the draws on the cluster: one task per segment of 1,048,576 draws, the partial
        summaries joined on the cluster and merged here in block order, so the result equals the
        local one bit for bit (docs/portfolio.md, "On a cluster"). The tornado, Sobol indices and
        switching values are computed here; ``progress`` is not called. Kept draws
        (``keep_draws``, ``keep_parameters``) stay on the workers: ``draws_array`` and
        ``parameters_array`` are Dask arrays (one chunk per segment) and ``draws_frame`` and
        ``parameters_frame`` Dask DataFrames (``.to_parquet(folder)``, ``.compute()``).
    stream_version : {2, 1}, default ``DEFAULTS.stream_version`` (2)
        The random stream of the parameter draws: 2, or 1 to reproduce a result of
        impactchain 0.2 and earlier with its seed (docs/uncertainty.md, "Random streams"). The
        result's ``stream_version`` says which stream its draws came from.
    """
    if isinstance(model, (str, os.PathLike, Path)):
        from impactchain.io import load

        model = load(model)
    used: list[str] = []
    o = _core.SimulateOptions()
    o.draws = _check_int("draws", pick("draws", draws, used), 1, 2**62)
    o.seed = _check_seed(pick("seed", seed, used))
    o.threads = _check_int("threads", pick("threads", threads, used), 0, 1024)
    o.level = check_level("level", pick("level", level, used))
    o.stream_version = check_stream_version(pick("stream_version", stream_version, used))
    o.sobol_draws = _check_int("sobol_draws", sobol_draws, 0, 2**62)
    o.keep_draws = check_bool("keep_draws", keep_draws)
    o.keep_parameters = check_bool("keep_parameters", keep_parameters)
    o.switching_values = check_bool("switching_values", switching_values)
    o.ledger = check_bool("ledger", ledger)
    o.value_targets = check_sequence_of_real("value_targets", value_targets)
    o.tornado_range = check_choice("tornado_range", tornado_range, ("p05_p95", "p10_p90", "support"))
    valuation = _check_options(
        dict(
            adjustments=adjustments,
            discount_first_year=discount_first_year,
            discount_investments=discount_investments,
            drop_off_start=drop_off_start,
            long_duration_years=long_duration_years,
        )
    )
    for k, v in valuation.items():
        setattr(o.value, k, v)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable(done, total) or None, got {type(progress).__name__}")
    o.correlation = [_core.RankCorrelation(names, matrix) for names, matrix in zip(*_correlation(correlation))]
    if client is not None:
        from impactchain._simulate_dask import simulate_on_client

        sim, kept_draws, kept_parameters = simulate_on_client(client, model, o)
        r = simulation_result(sim, o.level, tuple(used) + (_quantile_note(o.draws),), model.currency)
        if kept_draws is None and kept_parameters is None:
            return r._read_from(model)
        return dataclasses.replace(r, draws_array=kept_draws, parameters_array=kept_parameters)._read_from(model)
    sim = _core.simulate_model(model, o, progress=progress)
    return simulation_result(sim, o.level, tuple(used) + (_quantile_note(o.draws),), model.currency)._read_from(model)


def _quantile_note(draws: int) -> str:
    """The quantile rule as it applied to a run of ``draws`` draws."""
    limit = f"{DEFAULTS.exact_quantile_max_draws:,}"
    if DEFAULTS.quantile_method(draws) == "exact":
        return f"quantiles: exact (type 7, numpy's default linear) because the {draws:,} draws are at most {limit}"
    return (
        f"quantiles: streamed sketch (relative error <= 5e-4) because the {draws:,} draws are more than {limit}; "
        "exact type-7 quantiles need at most that many"
    )
