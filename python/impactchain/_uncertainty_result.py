"""The result of a Monte Carlo simulation (:func:`impactchain.simulate`): each output's streamed
summary (:class:`OutputSummary`), the probabilities, the ledger per party, the switching values,
the kept draws and parameters, and the tornado and Sobol views. The ledger's columns and rows are in
``_uncertainty_ledger``; the result is built from the core's ModelSimulation by
``_uncertainty_from_core.simulation_result``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, ClassVar, Optional, Union, cast

import numpy as np
import pandas as pd

from impactchain._defaults import DEFAULTS
from impactchain._problems import counted
from impactchain._result import Result, result_type
from impactchain._summary import Section, fmt_value, interval_words
from impactchain._uncertainty_ledger import LEDGER_SIM_COLUMNS
from impactchain._uncertainty_ledger import (
    no_money as no_money,  # imported from here (_report_ledger, _portfolio_member)
)
from impactchain._uncertainty_sensitivity import SobolIndices, Tornado
from impactchain.value import party_labels, switching_fields

if TYPE_CHECKING:
    from impactchain._result_plots import SimulationPlots

#: The outputs of every draw, in the order of the columns of ``draws_array``.
OUTPUTS = ("present_value", "investment_pv", "npv", "sroi_ratio")
#: The statistics of one output that the JSON and the report show: mean, SD, the central
#: ``level`` interval of the draws (lower, upper) and the 5th, 50th and 95th percentiles.
STATS = ("mean", "sd", "lower", "upper", "p05", "p50", "p95")
#: The interval of a version-1 pickle: the 5th to 95th percentile (a central 90 % interval).
_V1_LEVEL = 0.90


@result_type
class OutputSummary(Result):
    """Streamed summary of one output over the finite draws. ``lower`` and ``upper`` bound the
    central ``level`` of the draws (the (1 - level)/2 and (1 + level)/2 quantiles, by the rule
    ``quantile_method`` names); p05, p50 and p95 are descriptive percentiles."""

    mean: float
    sd: float
    level: float
    lower: float
    upper: float
    p05: float
    p50: float
    p95: float
    min: float
    max: float
    finite: int
    nonfinite: int
    quantile_method: str  # "exact" (type 7, up to 10^6 draws) or "sketch" (more draws; relative error <= 5e-4)
    _title = "Output over the draws"
    _summary_fields = (
        "mean",
        "sd",
        "level",
        "lower",
        "upper",
        "p05",
        "p50",
        "p95",
        "min",
        "max",
        "finite",
        "nonfinite",
        "quantile_method",
    )
    _version = 2

    @classmethod
    def _from_core(cls, s: Any) -> OutputSummary:
        return cls(**{f: getattr(s, f) for f in cls._summary_fields})

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no level: its interval was the 5th to 95th percentile (level 0.90)."""
        if version < 2:
            state = {**state, "level": _V1_LEVEL, "lower": state["p05"], "upper": state["p95"]}
        return state

    def stats(self) -> dict[str, float]:
        """Mean, SD, the level and its interval (lower, upper), and the 5th, 50th and 95th percentiles."""
        return {"level": self.level, **{k: getattr(self, k) for k in STATS}}

    def _table(self) -> pd.DataFrame:
        return pd.DataFrame([self._state()])


@result_type
class SimulationResult(Result):
    """Result of :func:`simulate`. Attributes are read-only; ``table`` is ``summary_table``.

    ``level`` is the level of every output's interval (``lower``, ``upper``). The switching
    values are those of :func:`impactchain.value`, in the same form: ``switching_values`` maps a
    parameter name to the value at which the SROI ratio is 1 (None: none in range, and
    ``switching_notes`` says why); ``switching_central`` and ``switching_domains`` give the
    central value and the natural bounds searched."""

    draws: int
    seed: int
    threads: int
    level: float
    summary_by_output: Mapping[str, OutputSummary]
    p_ratio_above_1: float
    nonfinite_draws: int
    #: P(NPV < 0) over the draws with a finite NPV, counted on every draw (kept or not): the chance
    #: that the outcomes' present value stays below the investment's (NaN when no NPV is finite, and
    #: in a result read from a pickle of before it was counted).
    p_npv_below_0: float = float("nan")
    tornado_rows: tuple[dict[str, Any], ...] = ()
    sobol_rows: tuple[dict[str, Any], ...] = ()
    tornado_range: str = "p05_p95"
    switching_values: dict[str, Optional[float]] = field(default_factory=dict)
    switching_notes: dict[str, str] = field(default_factory=dict)
    switching_central: dict[str, float] = field(default_factory=dict)
    switching_domains: dict[str, tuple[float, float]] = field(default_factory=dict)
    value_targets: tuple[dict[str, float], ...] = ()
    central: Mapping[str, float] = field(default_factory=dict)
    parameter_names: tuple[str, ...] = ()
    sampling_methods: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    draws_array: Optional[np.ndarray] = None  # draws x 4 (OUTPUTS order) when keep_draws=True (Dask on a cluster)
    parameters_array: Optional[np.ndarray] = None  # draws x k (parameter_names) when keep_parameters=True (ditto)
    #: Every default the run used (seed, draws, threads not given) and the quantile rule applied.
    assumptions: tuple[str, ...] = ()
    #: Who pays, who gains under the Monte Carlo: one dict per party (see ``ledger``).
    ledger_rows: tuple[dict[str, Any], ...] = ()
    #: The random stream the parameter draws came from (2; 1: the stream of impactchain 0.2 and
    #: earlier): with the seed, what reproduces the draws.
    stream_version: int = DEFAULTS.stream_version
    #: The model's currency (its money outputs are in it); None in a result read from a pickle of
    #: before it was recorded.
    currency: Optional[str] = None

    _title = "Monte Carlo simulation"
    # 2: level, switching values as mappings; 3: the ledger per party; 4: stream_version; 5: the parties'
    # names; 6: currency; 7: p_npv_below_0
    _version = 7

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1: no level (its interval was the 5th to 95th percentile, level 0.90) and the
        switching values as a tuple of dicts (name, central, value, domain_low, domain_high, note)."""
        if version < 2:
            state = dict(state)
            state["level"] = _V1_LEVEL
            state.update(switching_fields(SimpleNamespace(**d) for d in state.get("switching_values", ())))
        if version < 3:  # the ledger was not simulated then: none to show
            state = {**state, "ledger_rows": ()}
        if version < 4:  # drawn from the only stream there was then
            state = {**state, "stream_version": 1}
        if version < 5:  # the parties' names were not kept: each is named by its id
            rows = state["ledger_rows"]
            state = {
                **state,
                "ledger_rows": tuple(
                    {c: r["party"] if c == "name" else r[c] for c in LEDGER_SIM_COLUMNS} for r in rows
                ),
            }
        if version < 6:  # the currency was not recorded
            state = {**state, "currency": None}
        if version < 7:  # P(NPV < 0) was not counted
            state = {**state, "p_npv_below_0": float("nan")}
        return state

    @property
    def plot(self) -> SimulationPlots:
        """Charts as matplotlib figures: ``plot.ratio()`` (needs ``keep_draws=True``), ``plot.tornado(model)``."""
        from impactchain._result_plots import SimulationPlots

        return SimulationPlots(self)

    # Tables out (to_tables, to_excel, to_csv): these views, each when the field it reads is there.
    _export_frames: ClassVar[dict[str, tuple[str, str]]] = {
        "outputs": ("summary_table", "summary_by_output"),
        "tornado": ("tornado", "tornado_rows"),
        "sobol": ("sobol", "sobol_rows"),
        "draws": ("draws_frame", "draws_array"),
        "parameters": ("parameters_frame", "parameters_array"),
        "ledger": ("ledger", "ledger_rows"),
    }
    _export_skip: ClassVar[tuple[str, ...]] = (
        "summary_by_output",
        "tornado_rows",
        "sobol_rows",
        "ledger_rows",
        "draws_array",
        "parameters_array",
    )

    # -- views -------------------------------------------------------------
    @property
    def summary_table(self) -> pd.DataFrame:
        """pandas DataFrame: one row per output (mean, sd, level, lower, upper, p05, p50, p95, min, max,
        finite, nonfinite, quantile_method)."""
        rows = [{"output": k, **v._state()} for k, v in self.summary_by_output.items()]
        return pd.DataFrame(rows).set_index("output")

    def _table(self) -> pd.DataFrame:
        return self.summary_table

    @property
    def ledger(self) -> pd.DataFrame:
        """pandas DataFrame, one row per party (the model's stakeholders and funders): what it pays,
        gains and nets under the Monte Carlo (mean and the ``level`` interval of each), the net's
        SD and ``p_net_positive`` = P(net > 0). Empty for ``simulate(..., ledger=False)``."""
        return pd.DataFrame(list(self.ledger_rows), columns=LEDGER_SIM_COLUMNS)

    def summary_of(self, output: str) -> OutputSummary:
        try:
            return self.summary_by_output[output]
        except KeyError:
            raise ValueError(f"unknown output {output!r}; outputs: {', '.join(self.summary_by_output)}") from None

    @property
    def tornado(self) -> pd.DataFrame:
        """pandas DataFrame: output, name, low_value, high_value, output_low, output_high, swing, base
        (each parameter at its low/high, others central; sorted by swing within each output)."""
        return self.tornado_result.table

    @property
    def tornado_result(self) -> Tornado:
        """The tornado as a result (summary, to_dict, pickle)."""
        return Tornado(rows=self.tornado_rows, range=self.tornado_range)

    @property
    def sobol(self) -> pd.DataFrame:
        """pandas DataFrame: output, name, first, first_se, total, total_se (empty without sobol_draws)."""
        return self.sobol_result.table

    @property
    def sobol_result(self) -> SobolIndices:
        """The Sobol indices as a result (summary, to_dict, pickle)."""
        return SobolIndices(rows=self.sobol_rows)

    @property
    def draws_frame(self) -> pd.DataFrame:
        """pandas DataFrame of the kept draws (columns: present_value, investment_pv, npv, sroi_ratio).
        Draws kept on a cluster (``simulate(..., client=)``): a Dask DataFrame, still on the workers
        (``.to_parquet(folder)`` writes them where they are; ``.compute()`` brings them here)."""
        if self.draws_array is None:
            raise ValueError("draws were not kept: run simulate(..., keep_draws=True)")
        return _frame(self.draws_array, list(OUTPUTS))

    @property
    def parameters_frame(self) -> pd.DataFrame:
        """pandas DataFrame of the sampled parameters of every draw (audit); a Dask DataFrame when
        they were kept on a cluster, as ``draws_frame``."""
        if self.parameters_array is None:
            raise ValueError("parameters were not kept: run simulate(..., keep_parameters=True)")
        return _frame(self.parameters_array, list(self.parameter_names))

    @property
    def on_cluster(self) -> bool:
        """True when the kept draws are Dask arrays left on the cluster (``simulate(..., client=)``)."""
        return not all(a is None or isinstance(a, np.ndarray) for a in (self.draws_array, self.parameters_array))

    def __getstate__(self) -> dict[str, Any]:
        if self.on_cluster:
            raise TypeError(
                "this simulation's kept draws are on a Dask cluster and cannot be pickled: write them with "
                "r.draws_frame.to_parquet(folder), or bring them here with "
                "dataclasses.replace(r, draws_array=r.draws_array.compute(), parameters_array=...) first"
            )
        return super().__getstate__()

    def evppi(
        self,
        *,
        groups: Union[str, Mapping[str, Sequence[str]], None] = None,
        method: Optional[str] = None,
        ratio: float = 1.0,
    ) -> Any:
        """EVPPI of the funding decision: fund when the expected present value is at least ``ratio``
        times the investment (``ratio=1``: NPV >= 0), per parameter of the model, or grouped:
        ``groups="outcome"`` (each outcome's parameters together, the chain's and investments'
        apart), ``"kind"`` (deadweight, proxy.value, ... across outcomes) or ``{name: [parameter,
        ...]}``. Needs ``simulate(..., keep_draws=True, keep_parameters=True)``. See
        :func:`impactchain.evppi` (docs/voi.md)."""
        from impactchain.voi import evppi, parameter_groups

        if not (isinstance(ratio, (int, float)) and math.isfinite(ratio) and ratio >= 0):
            raise ValueError(f"ratio must be a number >= 0 (the SROI ratio the funder requires), got {ratio!r}")
        draws, params = self.draws_frame, self.parameters_frame
        if self.on_cluster:  # EVPPI regresses on every draw: they come here
            draws, params = (cast(Any, frame).compute() for frame in (draws, params))
        fund = draws["present_value"] - float(ratio) * draws["investment_pv"]
        nb = pd.DataFrame({"do not fund": np.zeros(len(fund)), "fund": fund.to_numpy()})
        varying = params.loc[:, params.std() > 0]  # fixed parameters carry no information
        chosen = parameter_groups(list(varying.columns), groups) if isinstance(groups, str) else groups
        return evppi(nb, varying, chosen, method)

    # -- export ------------------------------------------------------------
    def _data(self) -> dict[str, Any]:
        """Top level: draws, seed, stream_version, level, sroi_ratio and present_value (each with mean, sd, level,
        lower, upper, p05, p50, p95), p_ratio_above_1, p_npv_below_0, nonfinite_draws, tornado, sobol, switching
        values (as :func:`impactchain.value` gives them, without the search domains), and more."""
        return {
            "draws": self.draws,
            "seed": self.seed,
            "stream_version": self.stream_version,
            "currency": self.currency,
            "threads": self.threads,
            "level": self.level,
            **{k: self.summary_by_output[k].stats() for k in ("sroi_ratio", "present_value", "npv", "investment_pv")},
            "p_ratio_above_1": self.p_ratio_above_1,
            "p_npv_below_0": self.p_npv_below_0,
            "nonfinite_draws": self.nonfinite_draws,
            "nonfinite_by_output": {k: v.nonfinite for k, v in self.summary_by_output.items()},
            "quantile_method": self.summary_by_output["present_value"].quantile_method,
            "value_targets": self.value_targets,
            "tornado_range": self.tornado_range,
            "tornado": self.tornado_rows,
            "sobol": self.sobol_rows,
            "switching_values": self.switching_values,
            "switching_notes": self.switching_notes,
            "switching_central": self.switching_central,
            "central": self.central,
            "ledger": self.ledger_rows,
            "warnings": self.warnings,
            "assumptions": self.assumptions,
        }

    def _heading(self) -> str:
        return (
            f"Monte Carlo: {self.draws:,} draws, seed {self.seed} (stream {self.stream_version}), {counted(self.threads, 'thread')}, "
            f"{interval_words(self.level)}"
        )

    def _sections(self) -> list[Section]:
        shown = ["mean", "sd", "lower", "upper", "p50"]
        outputs = self.summary_table.loc[["sroi_ratio", "present_value", "npv"], shown]
        rows: list[tuple[str, Any]] = [("P(SROI ratio > 1)", self.p_ratio_above_1), ("P(NPV < 0)", self.p_npv_below_0)]
        rows += [(f"P(present value > {fmt_value(t['target'])})", t["probability"]) for t in self.value_targets]
        rows.append(("non-finite draws", self.nonfinite_draws))
        out = [
            Section(f"Outputs (lower, upper: {interval_words(self.level)} of the draws)", table=outputs),
            Section("Probabilities", rows=rows),
        ]
        if self.ledger_rows:
            cols = ["pays_mean", "gains_mean", "net_mean", "net_lower", "net_upper", "p_net_positive"]
            table = self.ledger.set_axis(pd.Index(party_labels(self.ledger_rows), name="party"))[cols]
            out.append(Section("Who pays, who gains (means; net interval)", table=table))
        tor = self.tornado
        tor = tor[tor["output"] == "sroi_ratio"].head(5)
        if len(tor):
            out.append(
                Section(
                    "Tornado (SROI ratio), largest swings",
                    table=tor[["name", "output_low", "output_high", "swing"]].set_index("name"),
                )
            )
        sob = self.sobol
        sob = (
            sob[sob["output"] == "sroi_ratio"]
            .sort_values("total", ascending=False, key=lambda c: pd.to_numeric(c, errors="coerce"))
            .head(5)
        )
        if len(sob):
            out.append(
                Section("Sobol total indices (SROI ratio)", table=sob[["name", "total", "first"]].set_index("name"))
            )
        return out

    def __repr__(self) -> str:
        s = self.summary_by_output["sroi_ratio"]
        return (
            f"<SimulationResult draws={self.draws:,} seed={self.seed} sroi_ratio_mean={fmt_value(s.mean)} "
            f"sroi_ratio_interval=[{fmt_value(s.lower)}, {fmt_value(s.upper)}] level={self.level:g} "
            f"p_ratio_above_1={fmt_value(self.p_ratio_above_1)} nonfinite_draws={self.nonfinite_draws}>"
        )


def _frame(a: Any, columns: list[str]) -> Any:
    """A DataFrame of kept draws: pandas (a copy the user may edit) or, for a Dask array, Dask."""
    if isinstance(a, np.ndarray):
        return pd.DataFrame(a, columns=columns, copy=True)
    import dask.dataframe as dd

    return dd.from_dask_array(a, columns=columns)
