"""The defaults a report can see in a model itself, before any valuation: no period, an outcome
without some of its adjustments or without a stakeholder. The soft outcomes' method defaults come
from their results (``_report_soft._soft_defaults``)."""

from __future__ import annotations

from typing import Any

from impactchain._i18n import N_
from impactchain._report_text import Said

_ADJ = ("deadweight", "displacement", "attribution", "drop_off", "duration")
_ASSUMED = {
    "deadweight": N_("assumed_deadweight"),
    "displacement": N_("assumed_displacement"),
    "attribution": N_("assumed_attribution"),
    "drop_off": N_("assumed_drop_off"),
    "duration": N_("assumed_duration"),
}


def own_defaults(model: Any) -> tuple[list[Said], list[str]]:
    """Defaults this report can see in the model itself (independent of the
    valuation module), and outcomes without deadweight and attribution (by name).
    The soft outcomes' method defaults come from their results (``_soft_defaults``)."""
    out, unadjusted = [], []
    outcomes = model.outcomes or []
    if not model.period:
        out.append(Said(N_("default_no_period")))
    for o in outcomes:
        missing = [k for k in _ADJ if k not in o]
        if missing:
            out.append(
                Said(
                    N_("default_adjustments"),
                    outcome=o.get("name") or o["id"],
                    assumed=[Said(_ASSUMED[k]) for k in missing],
                )
            )
        if "deadweight" not in o and "attribution" not in o:
            unadjusted.append(o.get("name") or o["id"])
        if "stakeholder" not in o and "beneficiaries" not in o:  # credited to the party '(none)'
            out.append(
                Said(N_("default_no_stakeholder"), outcome=o.get("name") or o["id"], shown=Said(N_("no_stakeholder")))
            )
    return out, unadjusted
