"""Sensitivity of a simulation's outputs to each parameter: the tornado (one-way: each parameter
at its low and high value, the others central) and the Sobol indices (first-order and total,
Saltelli/Jansen estimators). Reached from :class:`impactchain.SimulationResult`
(``tornado_result``, ``sobol_result``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from impactchain._result import Result, result_type
from impactchain._summary import Section

_TORNADO_COLUMNS = ["output", "name", "low_value", "high_value", "output_low", "output_high", "swing", "base"]
_SOBOL_COLUMNS = ["output", "name", "first", "first_se", "total", "total_se", "base_draws", "used_rows"]


@result_type
class Tornado(Result):
    """One-way sensitivity: each parameter at its low and high value, the others central
    (rows sorted by swing within each output; ``range`` says which low/high)."""

    rows: tuple[dict[str, Any], ...]
    range: str
    _title = "Tornado"
    _summary_fields = ("range",)

    @staticmethod
    def rows_from_core(tables: Any) -> tuple[dict[str, Any], ...]:
        """One dict per row of the core's TornadoTable list (columns as ``table``)."""
        return tuple(
            {"output": t.output, **{c: getattr(r, c) for c in _TORNADO_COLUMNS[1:-1]}, "base": t.base}
            for t in tables
            for r in t.rows
        )

    def _table(self) -> pd.DataFrame:
        """output, name, low_value, high_value, output_low, output_high, swing, base."""
        return pd.DataFrame(list(self.rows), columns=_TORNADO_COLUMNS)

    def _sections(self) -> list[Section]:
        return [Section(f"Each parameter at its low and high value ({self.range})", table=self._table())]


@result_type
class SobolIndices(Result):
    """First-order and total Sobol indices of each parameter (Saltelli/Jansen estimators)."""

    rows: tuple[dict[str, Any], ...]
    _title = "Sobol indices"

    @staticmethod
    def rows_from_core(tables: Any) -> tuple[dict[str, Any], ...]:
        """One dict per row of the core's SobolTable list (columns as ``table``)."""
        return tuple(
            {
                "output": t.output,
                **{c: getattr(r, c) for c in _SOBOL_COLUMNS[1:-2]},
                "base_draws": t.base_draws,
                "used_rows": t.used_rows,
            }
            for t in tables
            for r in t.rows
        )

    def _table(self) -> pd.DataFrame:
        """output, name, first, first_se, total, total_se, base_draws, used_rows."""
        return pd.DataFrame(list(self.rows), columns=_SOBOL_COLUMNS)

    def _sections(self) -> list[Section]:
        return [Section("Indices", table=self._table())]
