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
    "step_gross": "Gross value", "step_deadweight": "Deadweight", "step_displacement": "Displacement",
    "step_attribution": "Attribution", "step_drop_off": "Drop-off", "step_discounting": "Discounting",
    "step_present_value": "Present value",
    # soft outcomes
    "before": "Before", "after": "After", "before_after_title": "Before and after",
    "score_axis": "Score ({unit}); ◆ = mean{note}", "sampled": "; points: a random {points} of each",
    "change_axis": "Mean change (95 % CI)", "change_title": "Change",
    # uncertainty and comparison
    "ratio_axis": "Social value per euro invested (SROI ratio)",
    "ratio_title": "Monte Carlo distribution of the ratio",
    "share_axis": "Share of simulations",
    "beyond_axis": "{share} of simulations beyond the axis\n(counted in the end bars)",
    "p_above_1": "P(ratio > 1) = {share}", "over_99": "over 99%", "under_1": "under 1%",
    "one_line": "1.0: value equals investment",
    "interval": "{interval} {low} – {high}", "interval_unnamed": "interval", "median": "median {value}",
    "ratios_title": "Ratio with {interval}", "comparator_mark": "(comparator)",
    "tornado_title": "Which assumptions move the result most",
    "tornado_axis": "SROI ratio",
    "tornado_axis_note": "{axis} (base case {base}; each assumption at its low and high value)",
    "effect_axis": "Incremental social value ({currency}, PV)",
    "cost_axis": "Incremental investment ({currency})",
    "wtp_axis": "Willingness to pay per unit of effect",
    "wtp_axis_euro": "Willingness to pay per euro of social value (EUR)",
    "wtp_line": "willingness to pay {wtp} per unit",
    "origin": "origin = {comparator}",
    "more_value_more_cost": "more value,\nmore cost", "dominant": "more value, less cost\n(dominant)",
    "prob_best_axis": "Probability best option",
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
