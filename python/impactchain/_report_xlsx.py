"""The report as an Excel workbook: the blocks of the HTML and Markdown report, in the report's
language, a sheet per part (the report's title and settings first, then the summary, each model,
the comparison, the terms), so a municipality or a fund can take the figures into its own sheets.

Table cells stay numbers with the format of their column: money in the report's currency, whole
or two-decimal numbers, shares as percentages (a share the report writes in words, "more than
99%", stays those words: a cell never shows a rounded 100% the report does not claim); a switching
value stays a number in its unit's format (money, a share as a percentage at the page's precision,
a duration, hours or a chain node's quantity with its unit as the page writes it: ``#,##0.00" jaar"``),
one outside the range the model gives its assumption with its mark ("(outside the model's range:
€600 – €2,000)") in the cell beside it; a key figure's interval (the present value's) is two rows,
its lower and its upper bound, each a number. Text is
written as text: a cell that begins like a formula (``=``, ``+``, ``-``, ``@``) is never one."""

from __future__ import annotations

import io
import math
import re
from typing import Any, Optional, Union

import numpy as np

from impactchain import _text
from impactchain._i18n import N_, Words, words
from impactchain._report_blocks import ReportDocument, ReportSection, Table
from impactchain._report_render import _fill
from impactchain._report_switching import SwitchingValues

#: Excel's limit on a sheet's name, and the characters a name may not hold.
_SHEET_CHARS = 31
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")
#: The most characters Excel shows in a cell; longer text is cut there, with an ellipsis.
_CELL_CHARS = 32767
#: The widest a column is made (characters); longer text runs on in its cell.
_MAX_WIDTH = 80
#: How a key figure that is not money is written (KeyValues.numbers): two decimals, one, a count
#: with its thousands separator, a whole number without one (a seed, a year); "plain" is per value
#: (:func:`_plain_format`).
_FORMATS = {"number": "#,##0.00", "months": "#,##0.0", "count": "#,##0", "whole": "0"}


def _plain(x: Any) -> str:
    return "" if x is None else str(x)


def _say(w: Words, key: str, values: Any = ()) -> str:
    """The message ``key`` of the report's language with its values, as plain text."""
    return _fill(w.text_for(key, values), {k: _plain(v) for k, v in dict(values).items()}, _plain)


def _label(w: Words, key: str) -> str:
    return _say(w, key) if w.has(key) else _plain(key)


def _text_of(w: Words, block: Any) -> str:
    return _say(w, block.key, block.values) if block.key else _plain(block.text)


def _number(x: Any) -> Optional[Union[int, float]]:
    """A cell's number (a whole number stays whole), or None for text, a bool, None."""
    if isinstance(x, (bool, np.bool_)):
        return None
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return float(x)
    return None


def _finite(x: Any) -> Optional[float]:
    v = _number(x)
    return float(v) if v is not None and math.isfinite(v) else None


def _plain_format(v: float) -> str:
    """The number format that shows ``v`` as the report writes it at its own precision
    (``Words.plain``: whole above 1,000, else three significant digits): the decimals the report's
    text has, so the cell shows what the page does and keeps the number."""
    text = words("en").plain(v)
    digits = len(text.partition(".")[2])
    return "#,##0" + ("." + "0" * digits if digits else "")


def _percent_format(v: float) -> str:
    """The percent format that shows the share ``v`` as the report writes it (a switching value of
    0.245 is ``24.5%`` on the page: ``Words.plain`` of the percentage, three significant digits)."""
    text = words("en").plain(100 * v)
    digits = len(text.partition(".")[2])
    return "#,##0" + ("." + "0" * digits if digits else "") + "%"


def _format(how: str, v: float, currency: str, w: Words) -> str:
    """The number format of a key figure written ``how`` (KeyValues.numbers)."""
    if how == "money":
        return _money_format(currency, w)
    if how == "percent":
        return _percent_format(v)
    return _plain_format(v) if how == "plain" else _FORMATS[how]


def _with_unit(number_format: str, unit: tuple[str, str]) -> str:
    """``number_format`` with the text of a unit before and after the number, quoted (``#,##0.00" jaar"``);
    a double quote in the unit's text is dropped (Excel's format cannot hold it in quotes)."""
    before, after = (f'"{x.replace(chr(34), "")}"' if x else "" for x in unit)
    return f"{before}{number_format}{after}" if before or after else number_format


def _bounds(x: Any) -> Optional[tuple[float, float]]:
    """A key figure's interval, ``(lower, upper)`` both finite (a present value's simulation
    interval), or None for a single number or text."""
    if isinstance(x, tuple) and len(x) == 2:
        lo, hi = _finite(x[0]), _finite(x[1])
        if lo is not None and hi is not None:
            return lo, hi
    return None


class _Sheet:
    """Writes blocks one below the other into a worksheet, keeping each column's width."""

    def __init__(self, ws: Any, w: Words) -> None:
        self.ws, self.w, self.row = ws, w, 1
        self.widths: dict[int, int] = {}

    def put(self, col: int, value: Any, *, bold: bool = False, number_format: str = "", widen: bool = True) -> None:
        from openpyxl.styles import Font

        if value is None or value == "":  # an empty cell, not one holding empty text
            return
        if isinstance(value, str):  # control characters out (a workbook cannot hold them), as the HTML does
            value = _text.plain(value)
            value = value if len(value) <= _CELL_CHARS else value[: _CELL_CHARS - 1] + "…"
        cell = self.ws.cell(row=self.row, column=col, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, even when it begins like a formula
            if widen:
                self.widths[col] = min(_MAX_WIDTH, max(self.widths.get(col, 0), len(value)))
        elif value is not None:
            self.widths[col] = max(self.widths.get(col, 0), 12)
        if bold:
            cell.font = Font(bold=True)
        if number_format:
            cell.number_format = number_format

    def line(self, *values: Any, bold: bool = False) -> None:
        for col, v in enumerate(values, start=1):
            self.put(col, v, bold=bold)
        self.row += 1

    def say(self, text: str, *, bold: bool = False) -> None:
        """A line of running text in the first column: it runs on over the empty cells beside it,
        so it does not widen the column (the tables' columns keep their own widths)."""
        self.put(1, text, bold=bold, widen=False)
        self.row += 1

    def link(self, sheet: str) -> None:
        """A line naming another sheet of the workbook, a link to it."""
        from openpyxl.worksheet.hyperlink import Hyperlink

        self.put(1, sheet)
        cell = self.ws.cell(row=self.row, column=1)
        quoted = sheet.replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1", display=sheet)
        self.row += 1

    def gap(self) -> None:
        self.row += 1

    def block(self, b: Any) -> None:
        w = self.w
        if b.kind == "heading":
            self.say(_text_of(w, b), bold=True)
        elif b.kind == "paragraph":
            lead = f"{_say(w, b.lead)} " if b.lead else ""
            self.say(lead + _text_of(w, b))
        elif b.kind == "keyvalues":
            self.line(_say(w, b.key_label), _say(w, b.value_label), bold=True)
            numbers = b.numbers or ((None, ""),) * len(b.rows)
            # A switching value outside the model's range: its mark beside the number, in the report's words.
            marks = b.marks if isinstance(b, SwitchingValues) and b.marks else ("",) * len(b.rows)
            # ... and its unit (years, hours, a chain node's) in its number format, as the page writes it.
            units = b.units if isinstance(b, SwitchingValues) and b.units else (("", ""),) * len(b.rows)
            for (k, text), (x, how), mark, unit in zip(b.rows, numbers, marks, units):
                v, pair = _finite(x), _bounds(x)
                if pair is not None:  # an interval: its bounds in rows of their own, each a number
                    for bound, value in zip((N_("xlsx_lower"), N_("xlsx_upper")), pair):
                        self.put(1, _say(w, bound, {"column": _label(w, k)}))
                        self.put(2, value, number_format=_format(how, value, b.currency, w))
                        self.row += 1
                    continue
                self.put(1, _label(w, k))
                if v is None:
                    self.put(2, _plain(text))
                else:
                    self.put(2, v, number_format=_with_unit(_format(how, v, b.currency, w), unit))
                    self.put(3, mark)
                self.row += 1
        elif b.kind == "table":
            self.table(b)
        elif b.kind == "figure":
            if b.svg or b.described:
                self.say(f"{_say(w, N_('chart_in_html'))}: {_say(w, b.caption, b.values)}")
                for d in b.described:
                    self.say(_plain(d))
        elif b.kind == "items":
            for i, x in enumerate(b.items):
                self.say((f"{_say(w, N_('in_english'))} " if b.is_foreign(i) else "") + _plain(x))
        elif b.kind == "missing":
            what = _say(w, b.what, {"name": b.name}) if b.name else _say(w, b.what)
            self.say(f"{_say(w, N_('could_not'), {'what': what})} {_plain(b.why)}")
        elif b.kind == "cards":
            for c in b.cards:
                mark = f" {_say(w, N_('comparator_mark'))}" if c.comparator else ""
                self.say(_plain(c.title) + mark, bold=True)
                if c.ratio:
                    self.say(f"{c.ratio} {_say(w, N_('card_ratio'), c.ratio_values)}")
                for key, values in c.lines:
                    self.say(_say(w, key, values))
                for s in c.soft:
                    self.say(_plain(s))
                self.gap()
        self.gap()

    def table(self, t: Table) -> None:
        """The table, an interval column as two: its lower and its upper bound, each a number."""
        w, columns = self.w, list(t.frame.columns)
        heads: list[str] = []
        for c in columns:
            label = _label(w, c)
            bounds = (_say(w, N_("xlsx_lower"), {"column": label}), _say(w, N_("xlsx_upper"), {"column": label}))
            heads += bounds if c in t.intervals else (label,)
        self.line(*heads, bold=True)
        for values in t.frame.itertuples(index=False):
            col = 1
            for name, x in zip(columns, values):
                for value, number_format in (
                    self.bounds(t, name, x) if name in t.intervals else (self.cell(t, name, x),)
                ):
                    self.put(col, value, number_format=number_format)
                    col += 1
            self.row += 1

    def bounds(self, t: Table, column: str, x: Any) -> tuple[tuple[Any, str], tuple[Any, str]]:
        """An interval cell as its two bounds; text (the reason there is none) in the first."""
        if isinstance(x, tuple) and all(_finite(b) is not None for b in x):
            return self.cell(t, column, x[0]), self.cell(t, column, x[1])
        return (t.text(self.w, column, x), ""), ("", "")

    def cell(self, t: Table, column: str, x: Any) -> tuple[Any, str]:
        """A table cell and its number format ("" for none), as the table says its column is."""
        v = _finite(x)
        w = self.w
        if column in t.money:
            return (t.text(w, column, x), "") if v is None else (v, _money_format(t.currency, w))
        if column in t.percent:
            if isinstance(x, str):  # the reason there is no share ("n/a (no uncertainty given)"), as it is
                return _plain(x), ""
            if v is None or w.pct(v) != w._percent(v):  # n/a, or "more than 99%": the report's words
                return w.pct(x), ""
            return v, "0%"
        n = _number(x)
        if (column in t.numeric or column in t.intervals) and n is not None:
            if v is None:
                return w.num(x), ""
            digits = t.digits(column) if isinstance(n, float) else 0
            return n, "#,##0" + ("." + "0" * digits if digits else "")
        if x is None or (isinstance(n, float) and math.isnan(n)):
            return "", ""
        return (n if n is not None else _plain(x)), ""

    def fit(self) -> None:
        from openpyxl.utils import get_column_letter

        for col, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width + 2


def _money_format(currency: str, w: Words) -> str:
    """Whole units of money with the currency's symbol, laid out as the report's language writes
    money (its text's ``Words.money``): ``"€"#,##0;-"€"#,##0`` in English (€134,653, -€15,000),
    ``"€" #,##0;"€" -#,##0`` in Dutch (€ 134.653, € -15.000)."""
    if not currency:
        return "#,##0"
    from babel.numbers import get_currency_symbol, parse_pattern

    symbol = get_currency_symbol(currency, locale=w.locale).replace('"', "")
    pattern = parse_pattern(w.locale.currency_formats["standard"].pattern)

    def part(text: str) -> str:  # the pattern's symbol quoted, its spaces (a no-break one too) plain
        return text.replace("\xa0", " ").replace("¤", f'"{symbol}"')

    (pos_pre, neg_pre), (pos_suf, neg_suf) = pattern.prefix, pattern.suffix
    return f"{part(pos_pre)}#,##0{part(pos_suf)};{part(neg_pre)}#,##0{part(neg_suf)}"


def _sheet_name(title: str, used: set[str]) -> str:
    """A sheet name Excel takes: at most 31 characters, none of []:*?/\\, unique in any case."""
    base = " ".join(_NOT_IN_NAME.sub(" ", title).split()).strip("'") or "Sheet"

    def cut(n: int) -> str:  # a name cut short ends after a whole word (a word longer than n is cut)
        if len(base) <= n:
            return base
        head = base[: n + 1].rsplit(" ", 1)[0] if " " in base[: n + 1] else base[:n]
        return head[:n].rstrip(" (-,.;:") or base[:n]

    name, k = cut(_SHEET_CHARS), 2
    while name.casefold() in used:
        tail = f" ({k})"
        name, k = cut(_SHEET_CHARS - len(tail)) + tail, k + 1
    used.add(name.casefold())
    return name


def _section_title(w: Words, s: ReportSection, *, mark: bool = True) -> str:
    """The part's title as the report gives it (a comparator marked so, unless ``mark`` is false)."""
    if s.key:
        return _say(w, s.key)
    return _plain(s.title) + (f" {_say(w, N_('comparator_mark'))}" if s.comparator and mark else "")


def workbook(doc: ReportDocument) -> bytes:
    """The document as the bytes of an .xlsx workbook."""
    from openpyxl import Workbook

    w = words(doc.lang)
    book = Workbook()
    used: set[str] = set()
    ws = book.active
    assert ws is not None  # a new workbook has its one sheet
    ws.title = _sheet_name(_say(w, N_("xlsx_report_sheet")), used)
    first = _Sheet(ws, w)
    first.say(_plain(doc.title), bold=True)
    values = {"date": doc.generated, "version": doc.version, "draws": doc.draws, "seed": doc.seed, "stream": doc.stream}
    first.say(_say(w, N_("generated"), values))
    if doc.illustrative:
        first.say(f"{_say(w, N_('illustrative_lead'))} {_say(w, N_('illustrative'))}")
    first.gap()
    first.say(_say(w, N_("xlsx_sheets")), bold=True)
    for s in doc.sections:
        title = _section_title(w, s)
        # A title too long for a sheet's name takes the section's short name (the HTML navigation's),
        # not a title cut mid-phrase.
        long_title = _section_title(w, s, mark=False)
        short = s.key and len(long_title) > _SHEET_CHARS and w.has(f"nav_{s.key}")
        sheet = _Sheet(book.create_sheet(_sheet_name(_say(w, f"nav_{s.key}") if short else long_title, used)), w)
        sheet.say(title, bold=True)
        sheet.gap()
        for b in s.blocks:
            sheet.block(b)
        sheet.fit()
        first.link(sheet.ws.title)
    first.gap()
    first.say(_say(w, N_("footer")))
    first.fit()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
