"""The words charts draw (level names, axis labels, legend entries, notes), by key.

Every label a chart writes that is not a name from the model or a number comes
from :func:`chart_words`; the English words are the catalogue here. A report in
another language gives the same keys."""
from __future__ import annotations

from typing import Any

_EN: dict[str, str] = {
    # the outcome chain
    "level_input": "input", "level_activity": "activity", "level_output": "output",
    "level_outcome": "outcome", "level_impact": "impact",
    "chain_empty": "The model has no outcome chain.",
    "chain_title": "Outcome chain",
    # value
    "waterfall_title": "From gross value to present value",
    "stakeholders_title": "Present value by stakeholder",
    "funders_title": "Investment by funder",
    "gross": "Gross value", "deadweight": "Deadweight", "displacement": "Displacement",
    "attribution": "Attribution", "drop_off": "Drop-off", "discounting": "Discounting",
    "present_value": "Present value",
    # uncertainty and comparison
    "ratio_axis": "Social value per euro invested (SROI ratio)",
    "ratio_title": "Monte Carlo distribution of the ratio",
    "tornado_title": "Which assumptions move the result most",
    "tornado_axis": "SROI ratio",
    "tornado_label": "{parameter} ({name})",
    "ratios_title": "Ratio with 90 % interval",
    "effect_axis": "Incremental social value ({currency}, PV)",
    "cost_axis": "Incremental investment ({currency})",
    "wtp_axis": "Willingness to pay per unit of effect",
    "ce_plane_title": "Cost-effectiveness plane",
    "ceac_title": "Acceptability curves",
}


def chart_words(key: str, **values: Any) -> str:
    """The chart words ``key`` with ``values`` filled in (English)."""
    try:
        text = _EN[key]
    except KeyError:
        raise KeyError(f"chart_words: no chart words named {key!r}") from None
    return text.format(**values) if values else text
