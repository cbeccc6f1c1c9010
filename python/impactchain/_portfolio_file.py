"""Reading a portfolio: a portfolio file (YAML or JSON, read by the model files' parser: the
members, each with its ``organisation``, ``period``, ``model`` path and optionally ``actuals``,
``group`` and ``discount``, and the footing) or a folder of model files, checked and turned into
a :class:`~impactchain._portfolio_definition.Portfolio`. Every problem is a PortfolioError naming
the file and the field.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from impactchain import _core
from impactchain._actuals import read_document
from impactchain._portfolio_definition import FxRate, Portfolio, PortfolioError, PortfolioMember
from impactchain._problems import raise_problems

_PORTFOLIO_KEYS = ("impactchain", "name", "currency", "price_year", "price_index", "discount", "fx", "members")
_MEMBER_KEYS = ("id", "organisation", "period", "model", "actuals", "group", "discount")


def _calendar(year: int, where: str, said: str = "") -> list[str]:
    """The problem of a calendar year outside the core's range (``_core.calendar_years``)."""
    lo, hi = _core.calendar_years
    return [] if lo <= year <= hi else [f"{where}: a year must be in [{lo}, {hi}]{said}, got {year}"]


def _text(value: Any, texts: Optional[dict[str, dict[str, str]]] = None) -> str:
    """The text of a field: a period {start, end} as ``2024-2025``; a text in several languages
    as its first language's, and the text of each in ``texts`` (shown text -> {language: text}),
    so that a report in another language shows that language's."""
    if isinstance(value, Mapping):  # a period {start, end} or a text in several languages
        if "start" in value:
            s, e = value.get("start"), value.get("end")
            return str(s) if e in (None, s) else f"{s}-{e}"
        shown = str(next(iter(value.values()), ""))
        if texts is not None and len(value) > 1:
            texts[shown] = {str(k): str(v) for k, v in value.items()}
        return shown
    return "" if value is None else str(value)


def _member(
    entry: Any, i: int, base: Path, source: str, problems: list[str], texts: dict[str, dict[str, str]]
) -> Optional[PortfolioMember]:
    """The member of ``entry``, or None; each of its problems is added to ``problems``, the files
    it names (its model and actuals) checked to be there."""
    where = f"portfolio '{source}': members[{i}]"
    if not isinstance(entry, Mapping):
        problems.append(f"{where}: expected a mapping with organisation, period and model")
        return None
    before = len(problems)
    problems += [
        f"{where}: unknown key '{k}' (known: {', '.join(_MEMBER_KEYS)})" for k in entry if k not in _MEMBER_KEYS
    ]
    if not isinstance(entry.get("model"), str) or not entry["model"].strip():
        problems.append(f"{where}.model: the path of the member's model file is missing")
    organisation = _text(entry.get("organisation"), texts).strip()
    period = _text(entry.get("period")).strip()
    if not organisation:
        problems.append(f"{where}.organisation: the member's organisation is missing")
    if not period:
        problems.append(f"{where}.period: the member's period is missing (e.g. period: 2024)")
    # A period of four-digit years (2024, or 2024-2025 as {start, end} gives it) holds calendar
    # years, checked as a model file's are (2204 is a typo); other labels (1, 2024Q1) are free.
    years = re.fullmatch(r"(\d{4})(?:\s*-\s*(\d{4}))?", period)
    given = entry.get("period")
    if isinstance(given, Mapping) and "start" in given:  # {start, end}: calendar years, as a model file's period
        problems += [
            f"{where}.period: unknown key '{k}' (known: start, end)" for k in given if k not in ("start", "end")
        ]
        problems += [
            f"{where}.period.{k}: expected a year, got {given[k]!r}"
            for k in ("start", "end")
            if given.get(k) is not None and (isinstance(given[k], bool) or not isinstance(given[k], int))
        ]
        years = years or re.fullmatch(r"(-?\d+)(?:-(-?\d+))?", period)  # every year of it checked below
    for y in [int(g) for g in years.groups() if g] if years else []:
        problems += _calendar(y, f"{where}.period", " (as a model file's)")
    discount = entry.get("discount")
    if discount not in (None, "portfolio", "own"):
        problems.append(f"{where}.discount: 'own' keeps the model's discounting, got {discount!r}")
    actuals = entry.get("actuals")
    if actuals is not None and (not isinstance(actuals, str) or not actuals.strip()):
        problems.append(f"{where}.actuals: expected the path of a file of actuals")
    if len(problems) > before:
        return None
    member = PortfolioMember(
        id=str(entry.get("id") or f"{organisation}/{period}"),
        organisation=organisation,
        period=period,
        model=(base / entry["model"]).resolve(),
        actuals=(base / actuals).resolve() if actuals else None,
        group=_text(entry.get("group"), texts),
        own_discount=discount == "own",
        base=base.resolve(),
    )
    for key, path in (("model", member.model), ("actuals", member.actuals)):
        if path is not None and not path.is_file():
            problems.append(
                f"{where}.{key}: no such file '{member.shown(path)}' (paths are relative to the portfolio file's folder)"
            )
    return member


def _mapping(table: Any, source: str, must: str, problems: list[str]) -> Mapping[Any, Any]:
    """A table of the portfolio file as a mapping (empty when not given, or when it is not one:
    then a problem saying what it ``must`` map)."""
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        problems.append(f"portfolio '{source}': {must}")
        return {}
    return table


def _positive(x: Any) -> bool:
    """A number (not a bool), finite and above 0."""
    return not isinstance(x, bool) and isinstance(x, (int, float)) and math.isfinite(x) and x > 0


_FX_KEYS = ("rate", "source", "date")


def _currency(code: Any, where: str) -> list[str]:
    """The problem of a currency that is not a code, as a model file's currency is checked."""
    if isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code):
        return []
    return [f"{where}: currency must be an ISO 4217 code such as 'EUR', got {code!r}"]


def _fx(table: Any, source: str, problems: list[str]) -> dict[str, FxRate]:
    out = {}
    for cur, row in _mapping(table, source, "fx must map a currency to {rate, source, date}", problems).items():
        where = f"portfolio '{source}': fx.{cur}"
        problems += _currency(cur, where)
        if isinstance(row, Mapping):
            problems += [f"{where}: unknown key '{k}' (known: {', '.join(_FX_KEYS)})" for k in row if k not in _FX_KEYS]
        if not isinstance(row, Mapping) or not all(row.get(k) not in (None, "") for k in _FX_KEYS):
            problems.append(f"{where}: give rate (portfolio currency per {cur}), source and date")
        elif not _positive(row["rate"]):
            problems.append(f"{where}.rate: must be a positive number, got {row['rate']!r}")
        else:
            out[str(cur)] = FxRate(str(cur), float(row["rate"]), str(row["source"]), str(row["date"]))
    return out


def _index(table: Any, source: str, problems: list[str]) -> dict[int, float]:
    out = {}
    for year, value in _mapping(table, source, "price_index must map a year to an index (any base)", problems).items():
        try:
            y = int(str(year))
        except ValueError:
            problems.append(f"portfolio '{source}': price_index keys must be years, got {year!r}")
            continue
        outside = _calendar(y, f"portfolio '{source}': price_index")
        if outside:
            problems += outside
            continue
        if not _positive(value):
            problems.append(f"portfolio '{source}': price_index.{year} must be a positive number, got {value!r}")
            continue
        out[y] = float(value)
    return out


def _version(v: Any) -> list[str]:
    """The problem of the file's format version (``impactchain: 1``, optional), as a model file's."""
    newest = _core.model_schema_version
    if v is None:
        return []
    if isinstance(v, bool) or not isinstance(v, int):
        return [f"the format version must be a whole number, got {v!r}"]
    if v > newest:
        reads = "1" if newest == 1 else f"1 to {newest}"
        return [f"this file needs impactchain format {v}; this version reads {reads}"]
    return [] if v >= 1 else [f"the format version must be 1 or more, got {v}"]


def load_portfolio(path: Union[str, os.PathLike]) -> Portfolio:
    """A portfolio file (YAML or JSON, read by the model files' parser) or a folder of model files
    (each a member: its ``organisation`` or file name, its ``period``, its file stem as id)."""
    p = Path(path)
    texts: dict[str, dict[str, str]] = {}
    if p.is_dir():
        files = sorted(q for q in p.iterdir() if q.suffix.lower() in (".yaml", ".yml", ".json") and q.is_file())
        if not files:
            raise PortfolioError(f"portfolio folder '{p}': no model files (.yaml, .yml, .json) in it")
        found, unread = [], []
        stems: dict[str, list[Path]] = {}
        for f in files:
            stems.setdefault(f.stem, []).append(f)
        unread += [  # a member's id is its file's stem, and ids must be unique
            f"portfolio folder '{p}': files {' and '.join(repr(f.name) for f in same)} would both be member '{stem}' "
            "(a member is named by "
            "its file's stem, and ids must be unique): rename or move one of them"
            for stem, same in stems.items()
            if len(same) > 1
        ]
        for f in files:
            try:
                d = read_document(f, "model file", shown=f.name)  # named in the folder the heading names
            except (ValueError, OSError) as e:  # every file that cannot be read, named together
                unread.append(str(e))
                continue
            found.append(
                PortfolioMember(
                    id=f.stem,
                    organisation=_text(d.get("organisation"), texts) or f.stem,
                    period=_text(d.get("period")) or "",
                    model=f.resolve(),
                    base=p.resolve(),
                )
            )
        raise_problems(PortfolioError, unread, f"portfolio folder '{p}'", prefix=f"portfolio folder '{p}': ")
        return Portfolio(name=p.name, members=tuple(found), source=p.resolve(), texts=texts)
    d = read_document(p, "portfolio file")
    source = str(p)
    if not isinstance(d, Mapping):
        raise PortfolioError(f"portfolio '{source}': expected a mapping with members")
    problems = [
        f"portfolio '{source}': unknown key '{k}' (known: {', '.join(_PORTFOLIO_KEYS)})"
        for k in d
        if k not in _PORTFOLIO_KEYS
    ]
    entries = d.get("members")
    if not isinstance(entries, list) or not entries:
        problems.append(f"portfolio '{source}': members must list at least one member")
        entries = []
    base = p.resolve().parent
    listed = [_member(e, i, base, source, problems, texts) for i, e in enumerate(entries)]
    seen: dict[str, int] = {}
    for i, m in enumerate(listed):
        if m is None:
            continue
        if m.id in seen:
            problems.append(
                f"portfolio '{source}': members[{i}]: id '{m.id}' is used by members[{seen[m.id]}] too "
                "(give each member its own id, or a different organisation/period)"
            )
        else:
            seen[m.id] = i
    problems += [f"portfolio '{source}': impactchain: {p}" for p in _version(d.get("impactchain"))]
    if d.get("currency") is not None:
        problems += _currency(d["currency"], f"portfolio '{source}'")
    price_year = d.get("price_year")
    if price_year is not None and (isinstance(price_year, bool) or not isinstance(price_year, int)):
        problems.append(f"portfolio '{source}': price_year must be a year, got {price_year!r}")
    elif price_year is not None:
        problems += _calendar(price_year, f"portfolio '{source}': price_year")
    discount = d.get("discount")
    if discount is not None and not isinstance(discount, Mapping):
        problems.append(f"portfolio '{source}': discount takes the model file's form (e.g. {{rate: 0.0225}})")
    index, fx = _index(d.get("price_index"), source, problems), _fx(d.get("fx"), source, problems)
    raise_problems(PortfolioError, problems, f"portfolio '{source}'", prefix=f"portfolio '{source}': ")
    return Portfolio(
        name=_text(d.get("name"), texts) or p.stem,
        members=tuple(m for m in listed if m is not None),
        currency=d.get("currency"),
        price_year=price_year,
        price_index=index,
        discount=discount,
        fx=fx,
        source=p.resolve(),
        texts=texts,
    )
