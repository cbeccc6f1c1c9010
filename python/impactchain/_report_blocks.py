"""The report's content as data: sections of a few typed, frozen blocks (heading,
paragraph, key-value rows, table, figure, list, missing part, summary cards).

One list of sections is drawn by the templates in ``impactchain/templates``
(``report.html.j2``, ``report.md.j2``). The report's own words live in the
message catalogues (``impactchain/locale``, see ``_i18n``): a block names them by key
(``key`` with its ``values``, already formatted for the report's language); text from
models and results travels as ``text``. Table cells stay numbers until the template
formats them (``money``/``percent``/``numeric`` columns) in the report's locale, so
HTML and Markdown show the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Optional, Union

import numpy as np
import pandas as pd

from impactchain._i18n import N_, Words, _finite
from impactchain._report_text import in_language, is_foreign


def words(key: str, **values: Any) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """A word key of the templates and its values, as blocks hold them."""
    return key, tuple(values.items())


def _kv(**values: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(values.items())


def _items(xs: Any, w: Words, style: str = "") -> Items:
    xs = list(xs)
    return Items(tuple(in_language(x, w) for x in xs), style=style, foreign=tuple(is_foreign(x, w) for x in xs))


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (level 3 or 4): the words ``key`` (with ``values``)
    or the user ``text``; ``anchor`` makes it a link target."""

    key: str = ""
    text: str = ""
    level: int = 3
    anchor: Optional[str] = None
    values: tuple[tuple[str, Any], ...] = ()
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Paragraph:
    """Running text: the words ``key`` (with ``values``) or the user ``text``.
    ``lead`` (a word key) is shown in bold before it; ``style`` is "" (body),
    "sub" (under a title), "small" (explanation), "note" or "banner"."""

    key: str = ""
    text: str = ""
    values: tuple[tuple[str, Any], ...] = ()
    lead: str = ""
    style: str = ""
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class KeyValues:
    """Label-value rows: a word key and the formatted value. ``numbers`` gives, row by row, the
    value unformatted and how it is written ("money" in ``currency``, "number" with two decimals,
    "months" with one, "plain" at its own precision, "count" whole with a thousands separator,
    "whole" without one: a seed), for formats that keep numbers (Excel); a row
    without one (None) is its formatted text there too. A value may be a ``(lower, upper)`` pair
    (an interval: the present value's 95% interval), which the workbook writes as two rows, the
    row's label with "lower bound" and with "upper bound" (``xlsx_lower``, ``xlsx_upper``), each
    bound a number written as the row says; a pair with a bound that is not finite is the row's
    formatted text there."""

    rows: tuple[tuple[str, str], ...]
    key_label: str = N_("measure")
    value_label: str = N_("value")
    numbers: tuple[tuple[Any, str], ...] = ()
    currency: str = ""
    kind: ClassVar[str] = "keyvalues"

    def __post_init__(self) -> None:
        if self.numbers and len(self.numbers) != len(self.rows):
            raise ValueError(f"KeyValues: {len(self.numbers)} numbers for {len(self.rows)} rows")


@dataclass(frozen=True, eq=False)
class Table:
    """A table: the frame's columns are word keys of its column labels; cells of
    ``money`` columns are written as money in ``currency``, of ``percent`` columns as
    shares, of ``numeric`` columns as numbers (a whole number whole, a fraction with two
    decimals or the column's ``decimals``), right-aligned; other cells as text.

    A cell of an ``intervals`` column is a ``(lower, upper)`` pair, each bound written as the
    column says (money when the column is also in ``money``), ``lower – upper`` (one value when
    they are equal); text there (a reason there is none) is written as it is, None as nothing.
    Formats that keep numbers (Excel) give each bound its own column."""

    frame: pd.DataFrame
    caption: str = ""  # a word key
    money: tuple[str, ...] = ()
    percent: tuple[str, ...] = ()
    numeric: tuple[str, ...] = ()
    currency: str = ""
    intervals: tuple[str, ...] = ()
    decimals: tuple[tuple[str, int], ...] = ()
    kind: ClassVar[str] = "table"

    def is_number(self, col: str) -> bool:
        return col in self.money or col in self.percent or col in self.numeric or col in self.intervals

    def digits(self, col: str) -> int:
        """The decimals a fraction of ``col`` is written with (two unless ``decimals`` says)."""
        return dict(self.decimals).get(col, 2)

    def is_figure(self, col: str, x: Any) -> bool:
        """Whether the cell is written as digits, separators and signs only (a number or an
        interval of a ``numeric`` column, not money): nothing in it for a format to escape."""
        number = isinstance(x, (int, float, np.number, tuple)) and not isinstance(x, (bool, np.bool_))
        return number and col not in self.money and col not in self.percent and self.is_number(col)

    def text(self, w: Words, col: str, x: Any) -> str:
        """The cell ``x`` of column ``col`` as the report writes it in ``w``'s language."""
        if col in self.intervals:
            if not isinstance(x, tuple):
                return "" if x is None else str(x)
            lo, hi = x
            if _finite(lo) is None or _finite(hi) is None:
                return w(N_("n_a"))
            low, high = self._one(w, col, lo), self._one(w, col, hi)
            return low if low == high else f"{low} – {high}"  # a value that does not vary: its one value
        return self._one(w, col, x)

    def _one(self, w: Words, col: str, x: Any) -> str:
        if isinstance(x, str):
            return x
        if col in self.money:
            return w.money(x, self.currency)
        if col in self.percent:
            return w.pct(x)
        if x is None:
            return ""
        if col in self.numeric or col in self.intervals:
            if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
                return w.integer(x)
            if isinstance(x, (float, np.floating)):
                return w.num(x, self.digits(col))
        return str(x)


@dataclass(frozen=True)
class Figure:
    """A chart the package drew (SVG text, the only markup a report passes through
    unescaped), its caption, and a description for formats without pictures."""

    svg: Optional[str]
    caption: str  # a word key
    values: tuple[tuple[str, Any], ...] = ()
    described: tuple[str, ...] = ()
    kind: ClassVar[str] = "figure"


@dataclass(frozen=True)
class Items:
    """A list of sentences: ``style`` "caveats", "warnings", "glossary" or "". ``foreign``
    marks, item by item, a result's message that is not in the report's language
    (the core's English text in a Dutch report), shown as such."""

    items: tuple[str, ...]
    style: str = ""
    foreign: tuple[bool, ...] = ()
    kind: ClassVar[str] = "items"

    def is_foreign(self, i: int) -> bool:
        return i < len(self.foreign) and self.foreign[i]


@dataclass(frozen=True)
class Missing:
    """A part that could not be computed (``what``: a word key, or user text in
    ``name``), and why (the result's reason)."""

    what: str
    why: str
    name: str = ""
    kind: ClassVar[str] = "missing"


@dataclass(frozen=True)
class Card:
    """One model's executive summary: its headline ratio (the deterministic value from
    the central assumptions, formatted as money per unit invested; "" when not computed) with the
    values of the words after it (``card_ratio``: the model's unit of money), whether it is below 1,
    and plain sentences, each a word key with its values."""

    title: str
    anchor: str
    comparator: bool
    ratio: str
    low: bool = False
    lines: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    soft: tuple[str, ...] = ()
    ratio_values: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Cards:
    cards: tuple[Card, ...]
    kind: ClassVar[str] = "cards"


Block = Union[Heading, Paragraph, KeyValues, Table, Figure, Items, Missing, Cards]


@dataclass(frozen=True)
class ReportSection:
    """A top-level part of the report: its anchor id, title and blocks."""

    id: str
    title: str  # user text (a model's name) or, with ``key``, a word key
    blocks: tuple[Any, ...] = field(default_factory=tuple)
    key: str = ""
    comparator: bool = False


@dataclass(frozen=True)
class ReportDocument:
    """What the templates draw: the title, the settings for the line under it
    (formatted), whether the figures are illustrative, the sections and the language."""

    title: str
    generated: str
    version: str
    draws: str
    seed: int
    stream: int  # the random stream version of the draws: with the seed, what reproduces them
    illustrative: bool
    sections: tuple[ReportSection, ...]
    lang: str = "en"
