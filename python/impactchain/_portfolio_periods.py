"""The periods of a portfolio's members against those of their files (docs/portfolio.md,
"Periods"): an actuals file is what happened in its member's period, so a file of actuals that
states another period, or that two members share, is said as a warning naming the members, their
periods and the files' (a forecast model used for several periods is normal, and is not said).
Also the order of an organisation's periods (by their number when every label reads as one,
else as labels) and where each lies on the soft outcomes' trend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
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


# ---------------------------------------------------------------- the order of an organisation's periods

_NUMBERED = re.compile(r"([0-9]+)(?:\s*-\s*([0-9]+))?")
_DIGITS = re.compile(r"([0-9]+)")


def period_number(label: str) -> Optional[tuple[int, int]]:
    """A period label that reads as a number as (first, last): a whole number (``1``, ``10``,
    ``2024``) or a span of them as ``{start, end}`` gives it (``2024-2025``); None for any other
    label (``2024Q1``, ``1.5``, ``2025-2024``)."""
    m = _NUMBERED.fullmatch(str(label).strip())
    if m is None:
        return None
    first = int(m.group(1))
    last = int(m.group(2) or first)
    return (first, last) if last >= first else None


def by_number(labels: Iterable[str]) -> bool:
    """Whether every label reads as a number (:func:`period_number`): then periods are ordered by
    their number, else as labels (:func:`period_key`)."""
    return all(period_number(x) is not None for x in labels)


def period_key(label: str, numbers: bool) -> tuple[Any, ...]:
    """The sort key of a period: by its number (first, then last year of a span) when ``numbers``;
    else as a label, runs of digits compared as numbers and the rest as text (``P9`` before ``P10``,
    ``2024`` before ``2024Q1`` before ``2024Q2``), the label itself last (``01`` before ``1``)."""
    text = str(label).strip()
    if numbers:
        span = period_number(text)
        assert span is not None  # by_number said so
        return (*span, text)
    parts = tuple((0, int(p), "") if _DIGITS.fullmatch(p) else (1, 0, p) for p in _DIGITS.split(text) if p)
    return (parts, text)


def period_places(labels: Sequence[str], numbers: bool) -> list[float]:
    """Where each period lies on the trend's axis: its number when ``numbers`` (a span's midpoint:
    a slope is then per 1 of the number, per year for years, and a period left out is a gap);
    else its place among the distinct labels in order (0, 1, 2, ...: a slope per step)."""
    if numbers:
        return [sum(period_number(x) or (0, 0)) / 2 for x in labels]
    order = sorted({period_key(x, False) for x in labels})
    place = {k: float(i) for i, k in enumerate(order)}
    return [place[period_key(x, False)] for x in labels]
