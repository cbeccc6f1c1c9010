"""The public :class:`~impactchain.SimulationResult` of the core's ModelSimulation (what
:func:`impactchain.simulate` returns)."""

from __future__ import annotations

from typing import Any, Optional

from impactchain._uncertainty_ledger import ledger_rows
from impactchain._uncertainty_result import OutputSummary, SimulationResult
from impactchain._uncertainty_sensitivity import SobolIndices, Tornado
from impactchain.value import switching_fields


def simulation_result(
    sim: Any, level: float, assumptions: tuple[str, ...], currency: Optional[str] = None
) -> SimulationResult:
    """The public result of a core ModelSimulation of a model in ``currency`` (each core attribute
    read once: a read copies)."""
    r = sim.result
    tornado = r.tornado
    return SimulationResult(
        draws=r.draws,
        seed=r.seed,
        stream_version=r.stream_version,
        threads=r.threads,
        level=level,
        summary_by_output={s.name: OutputSummary._from_core(s) for s in r.summaries},
        p_ratio_above_1=sim.p_ratio_above_1,
        p_npv_below_0=sim.p_npv_below_0,
        nonfinite_draws=r.nonfinite_draws,
        tornado_rows=Tornado.rows_from_core(tornado),
        sobol_rows=SobolIndices.rows_from_core(r.sobol),
        tornado_range=tornado[0].range if tornado else "",
        **switching_fields(sim.switching_values),
        value_targets=tuple({"target": e.threshold, "probability": e.probability} for e in sim.value_targets),
        central=sim.central,
        parameter_names=tuple(r.parameter_names),
        sampling_methods=tuple(r.sampling_methods),
        warnings=tuple(r.warnings),
        draws_array=r.output_draws,
        parameters_array=r.parameter_draws,
        assumptions=assumptions,
        ledger_rows=ledger_rows(sim.ledger),
        currency=currency or None,
    )
