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
