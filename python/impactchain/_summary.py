"""A result's summary: a title, sections (a heading plus key/value rows or a table) and
notes (warnings, assumptions, defaults used), rendered as text, HTML or Markdown
(in the manner of statsmodels' ``Summary``). Every user string is made safe for
where it is shown (``_text``): HTML-escaped in HTML, backslash-escaped in Markdown.
Numbers are written with thousands separators, never in scientific notation
from 1,000 up (money). pandas is imported only to lay out a section's table (a DataFrame,
so pandas is loaded already)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from impactchain import _text
from impactchain._loaded import loaded_pandas

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Section", "Summary", "fmt_value", "fmt_number", "interval_words"]


def fmt_number(x: float) -> str:
    """A number as a reader sees it: ``12,345``, ``0.4231``, ``n/a`` for NaN."""
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.4g}"


def interval_words(level: float) -> str:
    """How a summary, a report and a chart name the interval of a level: ``"95% interval"``
    for 0.95 (the central 95% of the draws), ``"90.5% interval"`` for 0.905 (English writes a
    percentage without a space, as the report and the charts do)."""
    return f"{100 * float(level):.10g}% interval"


def fmt_value(v: Any) -> str:
    """Any result value as short text (tables and frames by their size, not their rows)."""
    pd = loaded_pandas()
    if v is None or (pd is not None and v is pd.NA):
        return "n/a"
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return f"{int(v):,}"
    if isinstance(v, (float, np.floating)):
        return fmt_number(float(v))
    if isinstance(v, str):
        return v
    if pd is not None and isinstance(v, pd.DataFrame):
        return f"table of {len(v):,} rows"
    if isinstance(v, np.ndarray) or (pd is not None and isinstance(v, pd.Series)):
        return f"{np.size(v):,} values"
    if isinstance(v, tuple) and len(v) == 2 and all(isinstance(x, (int, float, np.number)) for x in v):
        return f"[{fmt_value(v[0])}, {fmt_value(v[1])}]"
    if isinstance(v, dict):
        return "; ".join(f"{k}: {fmt_value(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(fmt_value(x) for x in v)
    return str(v)


def default_index(index: pd.Index) -> bool:
    """A 0, 1, 2 … index with no name (carries no label, so it is not shown)."""
    import pandas as pd  # only given pandas objects

    return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0 and index.step == 1


@dataclass(frozen=True, eq=False)
class Section:
    """A heading with either key/value ``rows`` or a ``table``."""

    heading: str
    rows: Sequence[tuple[str, Any]] = ()
    table: Optional[pd.DataFrame] = None


def _grid(df: pd.DataFrame, max_rows: Optional[int]) -> tuple[list[str], list[list[str]], int]:
    """Header, formatted rows (at most ``max_rows``) and how many rows were left out."""
    d = df if default_index(df.index) else df.reset_index()
    shown = d if max_rows is None else d.head(max_rows)
    rows = [[fmt_value(v) for v in row] for row in shown.itertuples(index=False)]
    return [str(c) for c in d.columns], rows, len(d) - len(shown)


def _numeric(df: pd.DataFrame, column: str) -> bool:
    """Whether a shown column holds numbers (right-aligned in text)."""
    import pandas as pd  # only given pandas objects

    d = df if default_index(df.index) else df.reset_index()
    col = d[column] if column in d.columns else None
    return (
        col is not None
        and isinstance(col, pd.Series)
        and pd.api.types.is_numeric_dtype(col)
        and not pd.api.types.is_bool_dtype(col)
    )


def _more(n: int) -> str:
    return f"… {n:,} more rows"


def _head(rows: Sequence[tuple[str, Any]], max_rows: Optional[int]) -> tuple[Sequence[tuple[str, Any]], int]:
    if max_rows is None or len(rows) <= max_rows:
        return rows, 0
    return rows[:max_rows], len(rows) - max_rows


@dataclass(frozen=True, eq=False)
class Summary:
    """Title, sections and notes of a result; ``str(s)`` is :meth:`as_text`."""

    title: str
    sections: Sequence[Section] = ()
    notes: Sequence[str] = field(default_factory=tuple)

    def as_text(self, max_rows: Optional[int] = None) -> str:
        t = _text.plain
        lines = [t(self.title), "=" * len(t(self.title))]
        for s in self.sections:
            lines += ["", t(s.heading), "-" * len(t(s.heading))]
            if s.rows:
                rows_kv, more = _head(s.rows, max_rows)
                width = max(len(t(k)) for k, _ in rows_kv)
                lines += [f"  {t(k):<{width}}  {t(fmt_value(v))}" for k, v in rows_kv]
                if more:
                    lines.append("  " + _more(more))
            if s.table is not None:
                head, rows, more = _grid(s.table, max_rows)
                cells = [[t(c) for c in head]] + [[t(c) for c in r] for r in rows]
                widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
                left = [not _numeric(s.table, c) for c in head]
                lines += [
                    "  " + "  ".join(c.ljust(w) if lj else c.rjust(w) for c, w, lj in zip(r, widths, left))
                    for r in cells
                ]
                if more:
                    lines.append("  " + _more(more))
        if self.notes:
            lines += ["", "Notes:"] + [f"  - {t(n)}" for n in self.notes]
        return "\n".join(lines)

    def as_html(self, max_rows: Optional[int] = None) -> str:
        h = _text.html
        out = [f'<div class="impactchain-summary"><h4>{h(self.title)}</h4>']
        for s in self.sections:
            out.append(f"<h5>{h(s.heading)}</h5>")
            if s.rows:
                rows_kv, more = _head(s.rows, max_rows)
                out.append(
                    "<table>"
                    + "".join(
                        f'<tr><th style="text-align:left">{h(k)}</th><td>{h(fmt_value(v))}</td></tr>'
                        for k, v in rows_kv
                    )
                    + "</table>"
                )
                if more:
                    out.append(f"<p><small>{h(_more(more))}</small></p>")
            if s.table is not None:
                head, rows, more = _grid(s.table, max_rows)
                out.append(
                    "<table><thead><tr>"
                    + "".join(f"<th>{h(c)}</th>" for c in head)
                    + "</tr></thead><tbody>"
                    + "".join("<tr>" + "".join(f"<td>{h(c)}</td>" for c in r) + "</tr>" for r in rows)
                    + "</tbody></table>"
                )
                if more:
                    out.append(f"<p><small>{h(_more(more))}</small></p>")
        if self.notes:
            notes, more = _head([(n, None) for n in self.notes], max_rows)
            out.append("<ul>" + "".join(f"<li>{h(n)}</li>" for n, _ in notes) + "</ul>")
            if more:
                out.append(f"<p><small>{h(f'… {more:,} more notes')}</small></p>")
        return "".join(out) + "</div>"

    def as_markdown(self, max_rows: Optional[int] = None) -> str:
        m = _text.md
        out = [f"### {m(self.title)}"]
        for s in self.sections:
            out += ["", f"#### {m(s.heading)}", ""]
            if s.rows:
                rows_kv, more = _head(s.rows, max_rows)
                out += ["| | |", "|---|---|"] + [f"| {m(k)} | {m(fmt_value(v))} |" for k, v in rows_kv]
                if more:
                    out += ["", m(_more(more))]
            if s.table is not None:
                head, rows, more = _grid(s.table, max_rows)
                if s.rows:
                    out.append("")
                out.append("| " + " | ".join(m(c) for c in head) + " |")
                out.append("|" + "---|" * len(head))
                out += ["| " + " | ".join(m(c) for c in r) + " |" for r in rows]
                if more:
                    out += ["", m(_more(more))]
        if self.notes:
            out += ["", "Notes:", ""] + [f"- {m(n)}" for n in self.notes]
        return "\n".join(out) + "\n"

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html(max_rows=20)


Summary.__module__ = "impactchain"  # public as impactchain.Summary
