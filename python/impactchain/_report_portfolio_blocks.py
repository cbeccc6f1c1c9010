"""The pieces every part of the portfolio report (impactchain._report_portfolio) builds with: a
section and a titled sub-table, interval cells, the basis of a row (forecast or actual) and the
names of what the members' rows hold, in the report's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._portfolio_names import namer
from impactchain._report_blocks import Heading, Paragraph, ReportSection, Table

#: The basis of a row (forecast or actual) in words.
BASIS = {"actual": N_("pf_basis_actual"), "forecast": N_("pf_basis_forecast")}


def interval_cell(lo: Any, hi: Any) -> tuple[float, float] | None:
    """An interval cell (Table.intervals): the pair, or None (nothing shown) where it is not known."""
    return None if pd.isna(lo) or pd.isna(hi) else (float(lo), float(hi))


def basis_words(w: Words, rows: pd.DataFrame) -> list[str]:
    """The ``basis`` column of ``rows`` (forecast or actual) in words."""
    return [w(BASIS[b]) for b in rows["basis"]]


def titled(heading: str, columns: dict[str, Any], text: str | None = None, **kinds: Any) -> list[Any]:
    """A sub-table of a section: its heading, the small paragraph ``text`` that explains it (if
    any) and the table of ``columns`` (heading -> values), its columns' ``kinds`` as Table takes them."""
    intro = [Paragraph(key=text, style="small")] if text else []
    return [Heading(heading, level=4), *intro, Table(pd.DataFrame(columns), **kinds)]


def section(name: str, blocks: list[Any]) -> ReportSection:
    """The section ``name``: its anchor, and its title from the catalogue's ``pf_<name>``."""
    return ReportSection(id=name, title="", key=f"pf_{name}", blocks=tuple(blocks))


def named(res: Any, w: Words, members: Any, kind: str, ids: Any) -> list[str]:
    """The ``ids`` (of ``kind``: outcome, soft_outcome, party, path; ``text`` the portfolio's
    own, members None) of each member's rows by name, in the report's language (the result's
    ``names``; an id without one as it is)."""
    name = namer(res.names, w.lang)
    ids = list(ids)
    return [name(m, kind, i) for m, i in zip([""] * len(ids) if members is None else members, ids)]


def listed(w: Words, xs: Sequence[str]) -> str:
    """``a, b and c`` in the report's language."""
    from babel.lists import format_list

    return format_list(list(xs), locale=w.locale)
