"""The keys a portfolio file shares with a model file, its ``discount`` and its ``price_index``
(the year map), checked as the model loader checks a model file's: the loader reads the
portfolio file's own text (:func:`_as_model_file`), so their problems read as a model file's,
with its hints (a rate of 3.5 is a percentage, a decimal comma) and their line and column in the
portfolio file. Also the placing of a portfolio file's other problems at the line and column the
loader gives their field (:func:`_said`), and the small value checks the file's other tables
share (a mapping, a positive number, a calendar year).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from impactchain import _core
from impactchain._file_places import format_of, place_suffix
from impactchain._portfolio_definition import PortfolioProblem

#: What the model loader said of the portfolio file's text: field -> [(message, line, column)].
_Said = dict[str, list[tuple[str, Optional[int], Optional[int]]]]


def _said(
    source: str, field: str, message: str, said: _Said, sep: str = ": ", named: Optional[str] = None
) -> PortfolioProblem:
    """A problem the portfolio reader finds, at the line and column the loader gives ``field``;
    its text names ``named`` (default the field; "": none)."""
    at = said.get(field, [("", None, None)])[0]
    shown = field if named is None else named
    text = f"portfolio '{source}': " + (f"{shown}{sep}{message}" if shown else message)
    return PortfolioProblem(text, field, message, at[1], at[2])


def _at(source: str, field: str, message: str, line: Optional[int], column: Optional[int]) -> PortfolioProblem:
    """A problem in the model loader's words, named as a model file's (``file:line:column: field:``)."""
    where = f"{source}{place_suffix(line, column)}" if line else f"portfolio '{source}'"
    return PortfolioProblem(f"{where}: {field}: {message}", field, message, line, column)


def _as_model_file(p: Path, d: Mapping[str, Any]) -> _Said:
    """What the model loader says of the portfolio file's own text, read as a model file: the
    keys both files have are checked by the one loader, with their hints (a percentage, a
    decimal comma, did you mean) and their line and column in the portfolio file. Not read so
    when its ``price_index`` names a publisher's file (which a portfolio does not take)."""
    import impactchain as ic

    index = d.get("price_index")
    if isinstance(index, Mapping) and "file" in index:
        return {}
    try:
        ic.loads(p.read_bytes(), format_of(p), source=str(p), source_path=str(p.resolve()))
    except (ValueError, OSError) as e:
        issues = list(getattr(e, "issues", None) or [])
        lines = list(getattr(e, "lines", None) or [None] * len(issues))
        columns = list(getattr(e, "columns", None) or [None] * len(issues))
        out: _Said = {}
        for (field, message), line, column in zip(issues, lines, columns):
            out.setdefault(field, []).append((message, line, column))
        return out
    return {}


def _calendar(year: int, said: str = "") -> Optional[str]:
    """The problem of a calendar year outside the core's range (``_core.calendar_years``)."""
    lo, hi = _core.calendar_years
    return None if lo <= year <= hi else f"a year must be in [{lo}, {hi}]{said}, got {year}"


def _mapping(
    table: Any, source: str, key: str, must: str, problems: list[PortfolioProblem], said: _Said
) -> Mapping[Any, Any]:
    """A table of the portfolio file as a mapping (empty when not given, or when it is not one:
    then a problem saying what it ``must`` map)."""
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        problems.append(_said(source, key, must, said, sep=" "))
        return {}
    return table


def _positive(x: Any) -> bool:
    """A number (not a bool), finite and above 0."""
    return not isinstance(x, bool) and isinstance(x, (int, float)) and math.isfinite(x) and x > 0


def _index(table: Any, source: str, problems: list[PortfolioProblem], said: _Said) -> dict[int, float]:
    """The portfolio's ``price_index`` as year -> index; each problem of it added to ``problems``
    (a decimal comma and a number written as text in the loader's words, at its line and column)."""
    out = {}
    must = "must map a year to an index (any base)"
    entries = list(_mapping(table, source, "price_index", must, problems, said).items())
    for year, value in entries:
        at = f"price_index.{year}"
        loader = said.get(at, [None])[0]
        # said as the model loader says it of a model file's mapping, with its hints: a number cut at a
        # decimal comma ({2024: 104,1}: 104 and a year 1 without an index), '104,1' written as text
        if (value is None or isinstance(value, str)) and loader is not None:
            problems.append(_at(source, at, *loader))
            continue
        try:
            y = int(str(year))
        except ValueError:
            problems.append(_said(source, at, f"keys must be years, got {year!r}", said, " ", "price_index"))
            continue
        outside = _calendar(y)
        if outside:
            problems.append(_said(source, at, outside, said, named="price_index"))
            continue
        if not _positive(value):
            problems.append(_said(source, at, f"must be a positive number, got {value!r}", said, sep=" "))
            continue
        out[y] = float(value)
    return out


def _discount(discount: Any, source: str, said: _Said) -> list[PortfolioProblem]:
    """The problems of the portfolio's ``discount``, as the model loader finds them in a model
    file's (with its hints: a rate of 3.5 is a percentage), at their line and column in the
    portfolio file; checked here, once, not in each member it is laid over."""
    if discount is None:  # not given: each member keeps its own
        return []
    if not isinstance(discount, Mapping):
        message, line, column = said.get("discount", [("expected a mapping", None, None)])[0]
        if "(" not in message:  # the loader's own hint where it has one (a number: {rate: …})
            message += " (the model file's form, e.g. {rate: 0.0225})"
        return [_at(source, "discount", message, line, column)]
    return [
        _at(source, field, message, line, column)
        for field, found in said.items()
        if field == "discount" or field.startswith("discount.")
        for message, line, column in found
    ]
