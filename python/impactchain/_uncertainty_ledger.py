"""Who pays, who gains under the Monte Carlo (``SimulationResult.ledger``): the ledger's columns,
its rows from the core's summaries per party, and whether any money reaches a party at all."""

from __future__ import annotations

from typing import Any, Optional

#: The columns of ``SimulationResult.ledger``: per party, what it pays, gains and nets.
LEDGER_SIM_COLUMNS = [
    "party",
    "name",
    "pays_mean",
    "pays_lower",
    "pays_upper",
    "gains_mean",
    "gains_lower",
    "gains_upper",
    "net_mean",
    "net_sd",
    "net_lower",
    "net_upper",
    "p_net_positive",
]


def no_money(pays_mean: Optional[float], gains_mean: Optional[float], net_sd: Optional[float]) -> bool:
    """No money reaches or leaves a party in any draw (its outcomes are not valued in money): what
    a report shows as n/a rather than a net of 0 with a 0 % chance of being positive. Exact from
    the simulation's summaries: pays are never negative, so a mean of 0 is 0 in every draw, and
    then a net of mean 0 and SD 0 is gains of 0 in every draw."""
    return pays_mean == 0 and gains_mean == 0 and net_sd == 0


def ledger_rows(parties: Any) -> tuple[dict[str, Any], ...]:
    """The ledger's rows (``LEDGER_SIM_COLUMNS``) of the core's summaries per party."""
    rows = []
    for p in parties:
        row: dict[str, Any] = {"party": p.party, "name": p.name}
        for q in ("pays", "gains", "net"):
            s = getattr(p, q)
            row.update({f"{q}_mean": s.mean, f"{q}_lower": s.lower, f"{q}_upper": s.upper})
            if q == "net":
                row["net_sd"] = s.sd
        row["p_net_positive"] = p.p_net_positive
        rows.append({c: row[c] for c in LEDGER_SIM_COLUMNS})
    return tuple(rows)
