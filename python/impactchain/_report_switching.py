"""The switching values of a model's section: for each assumption the value at which the ratio
would be 1, marked when it lies outside the range the model gives the assumption (its
distribution's lowest to highest value, ``_report_ranges``), and in words what a value below
zero, or none, means. Each value is written in its assumption's unit (:func:`_form_of`): money in
the report's money form, a share as a percentage, a duration in years, volunteer time in hours, a
chain node's quantity in the node's unit."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Heading, KeyValues, Paragraph, _kv
from impactchain._report_model import ModelSection
from impactchain._report_plain import switching_words
from impactchain._report_ranges import outside
from impactchain._report_text import _friendly

#: Slots (``_core.value_parameters``) whose value is money, a share, a duration or hours.
_MONEY = re.compile(
    r"outcomes\[.+\]\.(proxy\.value|wellbeing\.value_per_wellby)|investments\[\d+\]\.(amount|hourly_value)"
)
_SHARE = re.compile(
    r"outcomes\[.+\]\.(deadweight|displacement|attribution|drop_off|leakage)|chain\.edges\[.+\]\.rate|discount\.rate"
)
_YEARS = re.compile(r"outcomes\[.+\]\.duration")
_HOURS = re.compile(r"investments\[\d+\]\.hours")
_NODE = re.compile(r"chain\.nodes\[(.+)\]\.quantity")


@dataclass(frozen=True)
class SwitchingValues(KeyValues):
    """The switching values' rows, drawn as key-value rows (each row's text is the value with its
    mark); ``marks`` gives each row's mark alone ("" for none), for a format that keeps the value
    a number (Excel writes the mark in the cell beside it)."""

    marks: tuple[str, ...] = ()
    #: Each row's unit around its number as the page writes it, ``(before, after)``: ("", " jaar") for
    #: "2,78 jaar", ("", " deelnemers") for a chain node's quantity; ("", "") for money, a share or a
    #: plain number (money and shares have formats of their own). Excel writes them in the number format.
    units: tuple[tuple[str, str], ...] = ()


def _switching_part(s: ModelSection, w: Words) -> list[Any]:
    """The switching values of the model's valuation: none where it has none, or values no outcome
    in money (no value to bring to the investment's: the ratio stays 0 whatever changes)."""
    v = s.value
    sv = v["switching_values"] if v else None
    if not v or not sv or s.values_no_outcome:
        return []
    head, intro = switching_words(v["sroi_ratio"])
    b: list[Any] = [Heading(head, level=4), Paragraph(key=intro, style="small")]
    found = [(k, x) for k, x in sv.items() if x is not None]
    cur = v["currency"]
    if found:
        forms = [_form_of(k, s.model, cur, w) for k, _ in found]
        b.append(
            SwitchingValues(
                tuple(
                    (_friendly(k, s.model, w), _switching_text(x, s.ranges.get(k), w, form))
                    for (k, x), form in zip(found, forms)
                ),
                key_label=N_("assumption"),
                value_label=N_("switching_value"),
                numbers=tuple((x, _number_kind(k)) for k, x in found),
                currency=cur,
                marks=tuple(_switching_mark(x, s.ranges.get(k), w, form) for (k, x), form in zip(found, forms)),
                units=tuple(
                    _unit_around(x, form, w) if _number_kind(k) == "plain" else ("", "")
                    for (k, x), form in zip(found, forms)
                ),
            )
        )
    # A switching value below zero (a proxy's, an investment's): the ratio reaches 1 only there,
    # which a bare "-7.881" does not say (each such value enters the ratio linearly).
    below = [_friendly(k, s.model, w) for k, x in found if x < 0]
    if below:
        b.append(Paragraph(key=N_("switching_below_zero"), values=_kv(names=w("list_sep").join(below)), style="small"))
    none = [_friendly(k, s.model, w) for k, x in sv.items() if x is None]
    if none:
        b.append(Paragraph(key=N_("no_switching"), values=_kv(names=w("list_sep").join(none)), style="small"))
    return b


def _number_kind(key: str) -> str:
    """How a format that keeps numbers (Excel) writes the switching value of ``key``
    (``KeyValues.numbers``): money in the report's currency, a share as a percentage at the
    page's precision (0.245 shown as 24.5%), any other value at its own precision."""
    if _MONEY.fullmatch(key):
        return "money"
    return "percent" if _SHARE.fullmatch(key) else "plain"


def _form_of(key: str, model: Any, currency: str, w: Words) -> Callable[[float], str]:
    """How the value of the assumption ``key`` (a value-parameter slot) is written: money in the
    report's form (``€ 14.149``), a share as a percentage at three significant digits (``24,5%``),
    a duration in years (``2,78 jaar``), volunteer time in hours, a chain node's quantity with the
    node's unit (``28,4 deelnemers``); any other value as a plain number."""
    if _MONEY.fullmatch(key):
        return lambda x: w.money(x, currency)
    if _SHARE.fullmatch(key):
        return lambda x: _percent(x, w)
    if _YEARS.fullmatch(key):
        return lambda x: _counted((N_("switching_years"), N_("switching_years.one")), x, w)
    if _HOURS.fullmatch(key):
        return lambda x: _counted((N_("switching_hours"), N_("switching_hours.one")), x, w)
    node = _NODE.fullmatch(key)
    unit = next((n.unit for n in model.chain.nodes if node and n.id == node.group(1)), None) if model else None
    if unit:
        return lambda x: f"{w.plain(x)} {unit}"
    return w.plain


def _unit_around(x: float, form: Callable[[float], str], w: Words) -> tuple[str, str]:
    """The text ``form`` writes before and after the number ``x`` (``w.plain``): its unit as the
    page shows it ("2,78 jaar" gives ("", " jaar")); ("", "") where the page shows the number alone."""
    text, number = form(x), w.plain(x)
    before, found, after = text.partition(number)
    return (before, after) if found else ("", "")


def _percent(x: float, w: Words) -> str:
    """A share as a percentage at the precision of a plain number (``24,5%``, ``66%``, ``0,123%``),
    the percent sign where the language's pattern puts it."""
    from babel.numbers import parse_pattern

    pattern = parse_pattern(w.locale.percent_formats[None].pattern)
    return f"{pattern.prefix[0]}{w.plain(100 * x)}{pattern.suffix[0]}"


def _counted(keys: tuple[str, str], x: float, w: Words) -> str:
    """``x`` with its unit in words (``2,78 jaar``, ``1 year``): the first message of ``keys``,
    or the second (its wording for one) where the number reads 1."""
    text = w.plain(x)
    return w(keys[1] if text == w.plain(1) else keys[0], n=text)


def _switching_mark(
    x: float, bounds: tuple[float, float] | None, w: Words, form: Callable[[float], str] | None = None
) -> str:
    """The mark of a switching value that lies outside the range the model gives the assumption
    ("(outside the model's range: € 600 – € 2,000)", its ends written as ``form`` writes the value,
    a plain number without one): a value the model does not expect it to take; "" for one inside,
    or an assumption without a range (a fixed one)."""
    if not outside(x, bounds):
        return ""
    assert bounds is not None
    form = form or w.plain
    lo, hi = bounds
    if math.isfinite(lo) and math.isfinite(hi):
        span = f"{form(lo)} – {form(hi)}"
    elif math.isfinite(lo):
        span = w(N_("range_from"), low=form(lo))
    else:
        span = w(N_("range_up_to"), high=form(hi))
    return w(N_("switching_outside_range"), range=span)


def _switching_text(
    x: float, bounds: tuple[float, float] | None, w: Words, form: Callable[[float], str] | None = None
) -> str:
    """A switching value as the report writes it (``form``, :func:`_form_of`; a plain number
    without one), with its mark when it lies outside the range the model gives the assumption
    (:func:`_switching_mark`)."""
    form = form or w.plain
    mark = _switching_mark(x, bounds, w, form)
    return f"{form(x)} {mark}" if mark else form(x)
