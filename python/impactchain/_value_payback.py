"""The payback rule of a valuation: whether the outcomes ever bring back the investment (``payback_reached``)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Optional


def undiscounted_effects(after_drop_off: Iterable[Any]) -> float:
    """The outcomes summed over every year they last, after the adjustments and drop-off,
    undiscounted (the yearly table's ``after_drop_off``)."""
    return math.fsum(float(x) for x in after_drop_off)


def reached(payback_months: Optional[float], effects: float, investment: float) -> Optional[bool]:
    """Whether the outcomes, summed over every year they last (after the adjustments and drop-off,
    undiscounted: ``effects``), bring back the investment (undiscounted). The simple payback's
    months say when at the first year's pace; when the effects end sooner or fade, it never comes.
    None where the payback is not defined."""
    return None if payback_months is None else effects >= investment


def effect_years(yearly: Any) -> int:
    """The years in which the outcomes, summed over outcomes after the adjustments and drop-off,
    are above 0 (the yearly table: ``year``, ``after_drop_off``)."""
    per_year: dict[Any, float] = {}
    for year, x in zip(yearly["year"], yearly["after_drop_off"]):
        per_year[year] = per_year.get(year, 0.0) + float(x)
    return sum(1 for total in per_year.values() if total > 0)


def payback_months_by_year(yearly: Any, investment: Optional[float]) -> Optional[float]:
    """The month at which the outcomes, year by year as the valuation gives them (the yearly
    table's ``after_drop_off``: after the adjustments and drop-off, undiscounted, summed over
    outcomes per ``year``), add up to ``investment`` (undiscounted): in the year y (1 = the first
    year) in which the running total reaches it, 12 (y − 1) + 12 × (what was still missing at the
    start of year y ÷ year y's total), the year's value taken as earned evenly. None when there is
    nothing to pay back (investment not above 0) or the running total never reaches it."""
    if investment is None or not investment > 0:
        return None
    per_year: dict[int, float] = {}
    for year, x in zip(yearly["year"], yearly["after_drop_off"]):
        per_year[int(year)] = per_year.get(int(year), 0.0) + float(x)
    total = 0.0
    for year in sorted(per_year):
        this = per_year[year]
        if this > 0 and total + this >= investment:
            return 12.0 * (year - 1) + 12.0 * (investment - total) / this
        total += this
    return None
