"""The periods of a portfolio's members against those of their files (docs/portfolio.md,
"Periods"): an actuals file is what happened in its member's period, so a file of actuals that
states another period, or that two members share, is said as a warning naming the members, their
periods and the files' (a forecast model used for several periods is normal, and is not said).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

from impactchain._notice import Notice, notice
from impactchain._portfolio_definition import PortfolioMember

_YEARS = re.compile(r"(\d{4})(?:\s*-\s*(\d{4}))?")


def _years(period: Any) -> Optional[tuple[int, int]]:
    """A period of calendar years as (first, last): a member's label ``2024`` or ``2024-2025``, a
    model file's ``2024`` or ``{start: 2024, end: 2025}``; None for any other label (``2024Q1``)."""
    if isinstance(period, Mapping):
        start, end = period.get("start"), period.get("end", period.get("start"))
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and not isinstance(start, bool)
            and not isinstance(end, bool)
        ):
            return start, end
        return None
    if isinstance(period, int) and not isinstance(period, bool):
        return period, period
    m = _YEARS.fullmatch(str(period).strip())
    return (int(m.group(1)), int(m.group(2) or m.group(1))) if m else None


def _shown(years: tuple[int, int]) -> str:
    return str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"


def actuals_period(member: PortfolioMember, model_period: Any, actuals_period: Any, actuals_file: str) -> list[Notice]:
    """The warning of an actuals file whose ``period`` (as the file states it; None: it states
    none) is not the member's, naming the member's period, the model's and the file's; nothing
    when either is not given in calendar years (a label such as ``2024Q1`` is not compared)."""
    mine, theirs = _years(member.period), _years(actuals_period) if actuals_period is not None else None
    if mine is None or theirs is None or mine == theirs:
        return []
    model = _years(model_period) if model_period is not None else None
    said = {"member": member.id, "period": _shown(mine), "file": actuals_file, "actuals_period": _shown(theirs)}
    if model is None:
        return [notice("portfolio.actuals_period_no_model", **said)]
    return [notice("portfolio.actuals_period", **said, model_period=_shown(model))]


def shared_actuals(members: Sequence[PortfolioMember]) -> list[Notice]:
    """A warning per actuals file that several members use, naming them all."""
    users: dict[Path, list[PortfolioMember]] = {}
    for m in members:
        if m.actuals is not None:
            users.setdefault(m.actuals, []).append(m)
    return [
        notice("portfolio.actuals_shared", members=", ".join(f"'{m.id}'" for m in ms), file=ms[0].shown(path))
        for path, ms in users.items()
        if len(ms) > 1
    ]
