"""Uncertainty: Monte Carlo over every assumption of a model, tornado and Sobol
tables, switching values, and rank uncertainty of composite scores.

``simulate(model, draws=N, seed=S, threads=T)`` runs the C++ engine (Philox
counter-based random numbers: the same seed gives bit-identical results for any
thread count; the GIL is released during the run). Results are plain frozen
data classes with pandas views. Methods: docs/uncertainty.md.
"""
from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence, Union

import numpy as np

from impactchain import _core
from impactchain._core import Model
from impactchain._check import check_bool, check_choice, check_sequence_of_real
from impactchain._defaults import DEFAULTS, pick
from impactchain._seed import _check_int, _check_seed

OUTPUTS = ("present_value", "investment_pv", "npv", "sroi_ratio")
_ADJUSTMENTS = ("multiplicative", "additive")
_DROP_OFF = ("second_year", "after_period")


@dataclass(frozen=True)
class OutputSummary:
    """Streamed summary of one output over the finite draws."""

    mean: float
    sd: float
    p05: float
    p50: float
    p95: float
    min: float
    max: float
    finite: int
    nonfinite: int
    quantile_method: str  # "exact" (type 7, up to 10^6 draws) or "sketch" (more draws; relative error <= 5e-4)

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "sd": self.sd, "p05": self.p05, "p50": self.p50, "p95": self.p95}


def _num(x: Optional[float]) -> Optional[float]:
    """JSON-safe number: NaN/inf become None (JSON has no NaN)."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


@dataclass(frozen=True)
class SimulationResult:
    """Result of :func:`simulate`. Attributes are read-only."""

    draws: int
    seed: int
    threads: int
    summary_by_output: Mapping[str, OutputSummary]
    p_ratio_above_1: float
    nonfinite_draws: int
    tornado_rows: tuple = ()
    sobol_rows: tuple = ()
    tornado_range: str = "p05_p95"
    switching_values: tuple = ()
    value_targets: tuple = ()
    central: Mapping[str, float] = field(default_factory=dict)
    parameter_names: tuple = ()
    sampling_methods: tuple = ()
    warnings: tuple = ()
    draws_array: Optional[np.ndarray] = None  # draws x 4 (OUTPUTS order) when keep_draws=True
    parameters_array: Optional[np.ndarray] = None  # draws x k (parameter_names) when keep_parameters=True
    #: Every default the run used (seed, draws, threads not given) and the quantile rule applied.
    assumptions: tuple = ()

    # -- views -------------------------------------------------------------
    @property
    def summary_table(self):
        """pandas DataFrame: one row per output (mean, sd, p05, p50, p95, finite, nonfinite)."""
        import pandas as pd

        rows = [{"output": k, **vars(v)} for k, v in self.summary_by_output.items()]
        return pd.DataFrame(rows).set_index("output")

    def summary_of(self, output: str) -> OutputSummary:
        try:
            return self.summary_by_output[output]
        except KeyError:
            raise ValueError(f"unknown output {output!r}; outputs: {', '.join(self.summary_by_output)}") from None

    @property
    def tornado(self):
        """pandas DataFrame: output, name, low_value, high_value, output_low, output_high, swing, base
        (each parameter at its low/high, others central; sorted by swing within each output)."""
        import pandas as pd

        cols = ["output", "name", "low_value", "high_value", "output_low", "output_high", "swing", "base"]
        return pd.DataFrame(list(self.tornado_rows), columns=cols)

    @property
    def sobol(self):
        """pandas DataFrame: output, name, first, first_se, total, total_se (empty without sobol_draws)."""
        import pandas as pd

        cols = ["output", "name", "first", "first_se", "total", "total_se", "base_draws", "used_rows"]
        return pd.DataFrame(list(self.sobol_rows), columns=cols)

    @property
    def draws_frame(self):
        """pandas DataFrame of the kept draws (columns: present_value, investment_pv, npv, sroi_ratio)."""
        import pandas as pd

        if self.draws_array is None:
            raise ValueError("draws were not kept: run simulate(..., keep_draws=True)")
        return pd.DataFrame(self.draws_array, columns=list(OUTPUTS))

    @property
    def parameters_frame(self):
        """pandas DataFrame of the sampled parameters of every draw (audit)."""
        import pandas as pd

        if self.parameters_array is None:
            raise ValueError("parameters were not kept: run simulate(..., keep_parameters=True)")
        return pd.DataFrame(self.parameters_array, columns=list(self.parameter_names))

    # -- export ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict. Top level: draws, seed, sroi_ratio and present_value (each with
        mean, sd, p05, p50, p95), p_ratio_above_1, nonfinite_draws, tornado, sobol, and more."""

        def summ(name: str) -> dict[str, Optional[float]]:
            return {k: _num(v) for k, v in self.summary_by_output[name].to_dict().items()}

        def clean(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
            return [{k: (_num(v) if isinstance(v, float) else v) for k, v in r.items()} for r in rows]

        return {
            "draws": self.draws,
            "seed": self.seed,
            "threads": self.threads,
            "sroi_ratio": summ("sroi_ratio"),
            "present_value": summ("present_value"),
            "npv": summ("npv"),
            "investment_pv": summ("investment_pv"),
            "p_ratio_above_1": _num(self.p_ratio_above_1),
            "nonfinite_draws": self.nonfinite_draws,
            "nonfinite_by_output": {k: v.nonfinite for k, v in self.summary_by_output.items()},
            "quantile_method": self.summary_by_output["present_value"].quantile_method,
            "value_targets": clean(self.value_targets),
            "tornado_range": self.tornado_range,
            "tornado": clean(self.tornado_rows),
            "sobol": clean(self.sobol_rows),
            "switching_values": clean(self.switching_values),
            "central": {k: _num(v) for k, v in self.central.items()},
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
        }

    def summary(self) -> str:
        """Plain-text summary (what the CLI prints)."""

        def fmt(x: float) -> str:
            return "n/a" if x is None or not math.isfinite(x) else f"{x:,.4g}"

        lines = [f"Monte Carlo: {self.draws:,} draws, seed {self.seed}, {self.threads} thread(s)"]
        lines.append(f"{'output':<15}{'mean':>14}{'sd':>14}{'p05':>14}{'p50':>14}{'p95':>14}")
        for name in ("sroi_ratio", "present_value", "npv"):
            s = self.summary_by_output[name]
            lines.append(f"{name:<15}" + "".join(f"{fmt(v):>14}" for v in (s.mean, s.sd, s.p05, s.p50, s.p95)))
        lines.append(f"P(SROI ratio > 1) = {fmt(self.p_ratio_above_1)}")
        for t in self.value_targets:
            lines.append(f"P(present value > {fmt(t['target'])}) = {fmt(t['probability'])}")
        lines.append(f"non-finite draws: {self.nonfinite_draws}")
        sroi_rows = [r for r in self.tornado_rows if r["output"] == "sroi_ratio"][:5]
        if sroi_rows:
            lines.append("Tornado (SROI ratio), largest swings:")
            for r in sroi_rows:
                lines.append(f"  {r['name']:<45} {fmt(r['output_low'])} .. {fmt(r['output_high'])}  (swing {fmt(r['swing'])})")
        sob = sorted((r for r in self.sobol_rows if r["output"] == "sroi_ratio"), key=lambda r: -(r["total"] or 0))[:5]
        if sob:
            lines.append("Sobol total indices (SROI ratio):")
            for r in sob:
                lines.append(f"  {r['name']:<45} ST={fmt(r['total'])} S1={fmt(r['first'])}")
        for w in self.warnings:
            lines.append(f"warning: {w}")
        lines += [f"assumption: {a}" for a in self.assumptions]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td>" + "".join(f"<td>{v:,.4g}</td>" for v in (s.mean, s.sd, s.p05, s.p50, s.p95)) + "</tr>"
            for k, s in self.summary_by_output.items()
        )
        return (
            f"<p>Monte Carlo: {self.draws:,} draws, seed {self.seed}; P(SROI &gt; 1) = {self.p_ratio_above_1:.3f}; "
            f"non-finite draws: {self.nonfinite_draws}</p><table><tr><th>output</th><th>mean</th><th>sd</th>"
            f"<th>p05</th><th>p50</th><th>p95</th></tr>{rows}</table>"
        )

    def __repr__(self) -> str:
        s = self.summary_by_output["sroi_ratio"]
        return (f"SimulationResult(draws={self.draws}, seed={self.seed}, sroi_ratio_mean={s.mean!r}, "
                f"p_ratio_above_1={self.p_ratio_above_1!r}, nonfinite_draws={self.nonfinite_draws})")


def _correlation(corr: Any) -> tuple[list[list[str]], list[np.ndarray]]:
    """Accepts None, a pandas DataFrame (names as index/columns), a (names, matrix) pair,
    or a list of those blocks."""
    if corr is None:
        return [], []
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    blocks = corr if isinstance(corr, list) else [corr]
    names, mats = [], []
    for b in blocks:
        if pd is not None and isinstance(b, pd.DataFrame):
            if list(b.index) != list(b.columns):
                raise ValueError("correlation: the DataFrame's index and columns must list the same parameter names")
            names.append([str(c) for c in b.columns])
            mats.append(np.asarray(b.to_numpy(), dtype=float))
        elif isinstance(b, tuple) and len(b) == 2:
            names.append([str(n) for n in b[0]])
            mats.append(np.asarray(b[1], dtype=float))
        else:
            raise ValueError("correlation: give a DataFrame of rank correlations or a (names, matrix) pair, "
                             f"got {type(b).__name__}")
    return names, mats


def simulate(
    model: Union[Model, str, os.PathLike],
    draws: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    *,
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
    progress: Optional[Callable[[int, int], None]] = None,
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
    progress : callable(done, total), optional
        Called after each round of blocks.
    """
    if isinstance(model, (str, os.PathLike, Path)):
        from impactchain.io import load

        model = load(model)
    used: list[str] = []
    n = _check_int("draws", pick("draws", draws, used), 1, 2**62)
    s = _check_seed(pick("seed", seed, used))
    t = _check_int("threads", pick("threads", threads, used), 0, 1024)
    sob = _check_int("sobol_draws", sobol_draws, 0, 2**62)
    keep_draws = check_bool("keep_draws", keep_draws)
    keep_parameters = check_bool("keep_parameters", keep_parameters)
    switching_values = check_bool("switching_values", switching_values)
    discount_first_year = check_bool("discount_first_year", discount_first_year)
    discount_investments = check_bool("discount_investments", discount_investments)
    targets = check_sequence_of_real("value_targets", value_targets)
    tornado_range = check_choice("tornado_range", tornado_range, ("p05_p95", "p10_p90", "support"))
    adjustments = check_choice("adjustments", adjustments, _ADJUSTMENTS)
    drop_off_start = check_choice("drop_off_start", drop_off_start, _DROP_OFF)
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable(done, total) or None, got {type(progress).__name__}")
    names, mats = _correlation(correlation)
    d = _core.simulate_model(
        model, draws=n, seed=s, threads=t, keep_draws=keep_draws, keep_parameters=keep_parameters,
        correlation_names=names, correlation_matrices=mats, value_targets=targets,
        tornado_range=tornado_range, sobol_draws=sob, switching_values=switching_values,
        adjustments=adjustments, discount_first_year=discount_first_year,
        discount_investments=discount_investments, drop_off_start=drop_off_start, progress=progress,
    )
    summaries = {k: OutputSummary(**v) for k, v in d["summary"].items()}
    return SimulationResult(
        draws=d["draws"], seed=d["seed"], threads=d["threads"], summary_by_output=summaries,
        p_ratio_above_1=d["p_ratio_above_1"], nonfinite_draws=d["nonfinite_draws"],
        tornado_rows=tuple(d["tornado"]), sobol_rows=tuple(d["sobol"]), tornado_range=d["tornado_range"],
        switching_values=tuple(d["switching_values"]), value_targets=tuple(d["value_targets"]),
        central=d["central"], parameter_names=tuple(d["parameter_names"]),
        sampling_methods=tuple(d["sampling_methods"]), warnings=tuple(d["warnings"]),
        draws_array=d["draws_array"], parameters_array=d["parameters_array"],
        assumptions=tuple(used) + (_quantile_note(n),),
    )


def _quantile_note(draws: int) -> str:
    """The quantile rule as it applied to a run of ``draws`` draws."""
    limit = f"{DEFAULTS.exact_quantile_max_draws:,}"
    if DEFAULTS.quantile_method(draws) == "exact":
        return f"quantiles: exact (type 7, numpy's default linear) because the {draws:,} draws are at most {limit}"
    return (f"quantiles: streamed sketch (relative error <= 5e-4) because the {draws:,} draws are more than {limit}; "
            "exact type-7 quantiles need at most that many")


# Composite rank uncertainty lives in its own module; it is part of this one's API.
from impactchain._uncertainty_ranks import RankUncertaintyResult, rank_uncertainty  # noqa: E402, F401
