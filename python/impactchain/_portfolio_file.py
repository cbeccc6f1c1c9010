"""Reading a portfolio: a portfolio file (YAML or JSON, read by the model files' parser: the
members, each with its ``organisation``, ``period``, ``model`` path and optionally ``actuals``,
``group`` and ``discount``, and the footing) or a folder of model files, checked and turned into
a :class:`~impactchain._portfolio_definition.Portfolio`. Every problem is a PortfolioError naming
the file and the field (and, in its ``issues``, ``lines`` and ``columns``, each problem's field
and its place in the file where known). The keys a portfolio file shares with a model file
(``discount``, ``price_index``) are checked by the model loader itself, on the portfolio file's
own text, so their problems read as a model file's and name their line and column
(``_portfolio_discount_index``).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from impactchain import _core
from impactchain._actuals import read_document
from impactchain._composite_args import _suggestion
from impactchain._file_places import text_places
from impactchain._portfolio_definition import (
    FxRate,
    Portfolio,
    PortfolioError,
    PortfolioMember,
    PortfolioProblem,
    refuse_portfolio,
)
from impactchain._portfolio_discount_index import (
    _as_model_file,
    _calendar,
    _discount,
    _index,
    _mapping,
    _positive,
    _Said,
    _said,
)
from impactchain._problems import raise_problems

_PORTFOLIO_KEYS = ("impactchain", "name", "currency", "price_year", "price_index", "discount", "fx", "members")
_MEMBER_KEYS = ("id", "organisation", "period", "model", "actuals", "group", "discount")


def _unknown(key: Any, known: tuple[str, ...]) -> str:
    """``unknown key 'x'`` and a close known key (did you mean), else the known keys."""
    close = _suggestion(str(key), list(known))
    return f"unknown key '{key}'" + (close or f" (known: {', '.join(known)})")


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
    entry: Any,
    i: int,
    base: Path,
    source: str,
    problems: list[PortfolioProblem],
    texts: dict[str, dict[str, str]],
    said: _Said,
) -> Optional[PortfolioMember]:
    """The member of ``entry``, or None; each of its problems is added to ``problems``, the files
    it names (its model and actuals) checked to be there."""
    at = f"members[{i}]"

    def problem(field: str, message: str) -> None:
        problems.append(_said(source, field, message, said))

    if not isinstance(entry, Mapping):
        problem(at, "expected a mapping with organisation, period and model")
        return None
    before = len(problems)
    for k in entry:
        if k not in _MEMBER_KEYS:
            problems.append(_said(source, f"{at}.{k}", _unknown(k, _MEMBER_KEYS), said, named=at))
    if not isinstance(entry.get("model"), str) or not entry["model"].strip():
        problem(f"{at}.model", "the path of the member's model file is missing")
    organisation = _text(entry.get("organisation"), texts).strip()
    period = _text(entry.get("period")).strip()
    if not organisation:
        problem(f"{at}.organisation", "the member's organisation is missing")
    if not period:
        problem(f"{at}.period", "the member's period is missing (e.g. period: 2024)")
    # A period of four-digit years (2024, or 2024-2025 as {start, end} gives it) holds calendar
    # years, checked as a model file's are (2204 is a typo); other labels (1, 2024Q1) are free.
    years = re.fullmatch(r"(\d{4})(?:\s*-\s*(\d{4}))?", period)
    given = entry.get("period")
    if isinstance(given, Mapping) and "start" in given:  # {start, end}: calendar years, as a model file's period
        for k in given:
            if k not in ("start", "end"):
                problems.append(
                    _said(source, f"{at}.period.{k}", _unknown(k, ("start", "end")), said, named=f"{at}.period")
                )
        for k in ("start", "end"):
            if given.get(k) is not None and (isinstance(given[k], bool) or not isinstance(given[k], int)):
                problem(f"{at}.period.{k}", f"expected a year, got {given[k]!r}")
        years = years or re.fullmatch(r"(-?\d+)(?:-(-?\d+))?", period)  # every year of it checked below
    for y in [int(g) for g in years.groups() if g] if years else []:
        outside = _calendar(y, " (as a model file's)")
        if outside:
            problem(f"{at}.period", outside)
    discount = entry.get("discount")
    if discount not in (None, "portfolio", "own"):
        problem(f"{at}.discount", f"'own' keeps the model's discounting, got {discount!r}")
    actuals = entry.get("actuals")
    if actuals is not None and (not isinstance(actuals, str) or not actuals.strip()):
        problem(f"{at}.actuals", "expected the path of a file of actuals")
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
            problem(
                f"{at}.{key}",
                f"no such file '{member.shown(path)}' (paths are relative to the portfolio file's folder)",
            )
    return member


_FX_KEYS = ("rate", "source", "date")


def _currency(code: Any) -> Optional[str]:
    """The problem of a currency that is not a code, as a model file's currency is checked."""
    if isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code):
        return None
    return f"currency must be an ISO 4217 code such as 'EUR', got {code!r}"


def _fx(table: Any, source: str, problems: list[PortfolioProblem], said: _Said) -> dict[str, FxRate]:
    out = {}
    for cur, row in _mapping(
        table, source, "fx", "must map a currency to {rate, source, date}", problems, said
    ).items():
        at = f"fx.{cur}"
        bad = _currency(cur)
        if bad:
            problems.append(_said(source, at, bad, said))
        if isinstance(row, Mapping):
            problems += [
                _said(source, f"{at}.{k}", _unknown(k, _FX_KEYS), said, named=at) for k in row if k not in _FX_KEYS
            ]
        if not isinstance(row, Mapping) or not all(row.get(k) not in (None, "") for k in _FX_KEYS):
            problems.append(_said(source, at, f"give rate (portfolio currency per {cur}), source and date", said))
        elif not _positive(row["rate"]):
            problems.append(_said(source, f"{at}.rate", f"must be a positive number, got {row['rate']!r}", said))
        else:
            out[str(cur)] = FxRate(str(cur), float(row["rate"]), str(row["source"]), str(row["date"]))
    return out


def _version(v: Any) -> Optional[str]:
    """The problem of the file's format version (``impactchain: 1``, optional), as a model file's."""
    newest = _core.model_schema_version
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int):
        return f"the format version must be a whole number, got {v!r}"
    if v > newest:
        reads = "1" if newest == 1 else f"1 to {newest}"
        return f"this file needs impactchain format {v}; this version reads {reads}"
    return None if v >= 1 else f"the format version must be 1 or more, got {v}"


def _members_placed(path: Path, problems: list[PortfolioProblem]) -> list[PortfolioProblem]:
    """``problems`` with those of the members' entries (``members[1].organization``, an id used
    twice, a model file not there) at their field's line and column in the portfolio file at
    ``path`` (parsed once; a key the entry lacks, at the entry); the others as they are."""
    of_members = [x.line is None and x.field.startswith("members[") for x in problems]
    if not any(of_members):
        return problems
    places = iter(text_places(path, [x.field for x, m in zip(problems, of_members) if m]))
    out = []
    for x, placed in zip(problems, of_members):
        if placed:
            line, column = next(places)
            x = dataclasses.replace(x, line=line, column=column)
        out.append(x)
    return out


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
    said = _as_model_file(p, d)

    def problem(field: str, message: str, sep: str = ": ") -> None:
        problems.append(_said(source, field, message, said, sep))

    problems = [
        _said(source, str(k), _unknown(k, _PORTFOLIO_KEYS), said, named="") for k in d if k not in _PORTFOLIO_KEYS
    ]
    entries = d.get("members")
    if not isinstance(entries, list) or not entries:
        problem("members", "must list at least one member", sep=" ")
        entries = []
    base = p.resolve().parent
    listed = [_member(e, i, base, source, problems, texts, said) for i, e in enumerate(entries)]
    seen: dict[str, int] = {}
    for i, m in enumerate(listed):
        if m is None:
            continue
        if m.id in seen:
            problem(
                f"members[{i}]",
                f"id '{m.id}' is used by members[{seen[m.id]}] too (give each member its own id, or a different "
                "organisation/period)",
            )
        else:
            seen[m.id] = i
    version = _version(d.get("impactchain"))
    if version:
        problem("impactchain", version)
    currency = _currency(d["currency"]) if d.get("currency") is not None else None
    if currency:
        problems.append(_said(source, "currency", currency, said, named=""))
    price_year = d.get("price_year")
    if price_year is not None and (isinstance(price_year, bool) or not isinstance(price_year, int)):
        problem("price_year", f"must be a year, got {price_year!r}", sep=" ")
    elif price_year is not None and _calendar(price_year):
        problem("price_year", str(_calendar(price_year)))
    discount = d.get("discount")
    problems += _discount(discount, source, said)
    index, fx = _index(d.get("price_index"), source, problems, said), _fx(d.get("fx"), source, problems, said)
    refuse_portfolio(_members_placed(p, problems), source)
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
