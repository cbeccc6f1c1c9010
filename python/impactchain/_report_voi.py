"""What to measure next: the value of information of a model's funding decision, as the report
shows it (the EVPI and each uncertain parameter's EVPPI)."""

from __future__ import annotations

from typing import Any

import numpy as np


def what_to_measure(sim: Any) -> dict | None:
    """The value of information of the funding decision (fund when NPV >= 0): the EVPI and each
    uncertain parameter's EVPPI with its standard error, the largest first (None without any);
    ``funds``: whether the decision at the expected NPV is to fund, and ``decision_changes``: the
    share of draws in which the other decision would have been better (0: none, so knowing every
    assumption could not change it)."""
    params = sim.parameters_frame
    if sim.draws < 100 or not (params.std() > 0).any():
        return None
    try:
        res = sim.evppi(method="regression")
    except (ValueError, np.linalg.LinAlgError):  # draws the metamodel cannot fit: the section is left out
        return None
    rows = sorted(
        ({"parameter": name, "evppi": r["evppi"], "se": r["se"]} for name, r in res.table.iterrows()),
        key=lambda r: -r["evppi"],
    )
    kept = sim.draws_frame
    npv = (kept["present_value"] - kept["investment_pv"]).to_numpy(dtype=float)
    funds = bool(np.mean(npv) >= 0)  # as the EVPI's decision: fund when the expected NPV is at least 0
    changes = float(np.mean(npv < 0) if funds else np.mean(npv > 0))
    return {
        "evpi": res.evpi,
        "evpi_se": res.evpi_se,
        "method": res.method,
        "funds": funds,
        "decision_changes": changes,
        "parameters": rows,
    }
