"""The switching values of a model's section: for each assumption the value at which the ratio
would be 1, marked when it lies outside the range the model gives the assumption (its
distribution's lowest to highest value, ``_report_ranges``), and in words what a value below
zero, or none, means."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Heading, KeyValues, Paragraph, _kv
from impactchain._report_model import ModelSection
from impactchain._report_plain import switching_words
from impactchain._report_ranges import outside
from impactchain._report_text import _friendly


@dataclass(frozen=True)
class SwitchingValues(KeyValues):
    """The switching values' rows, drawn as key-value rows (each row's text is the value with its
    mark); ``marks`` gives each row's mark alone ("" for none), for a format that keeps the value
    a number (Excel writes the mark in the cell beside it)."""

    marks: tuple[str, ...] = ()


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
    if found:
        b.append(
            SwitchingValues(
                tuple((_friendly(k, s.model, w), _switching_text(x, s.ranges.get(k), w)) for k, x in found),
                key_label=N_("assumption"),
                value_label=N_("switching_value"),
                numbers=tuple((x, "plain") for _, x in found),
                marks=tuple(_switching_mark(x, s.ranges.get(k), w) for k, x in found),
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


def _switching_mark(x: float, bounds: tuple[float, float] | None, w: Words) -> str:
    """The mark of a switching value that lies outside the range the model gives the assumption
    ("(outside the model's range: 600 – 2,000)"): a value the model does not expect it to take;
    "" for one inside, or an assumption without a range (a fixed one)."""
    if not outside(x, bounds):
        return ""
    assert bounds is not None
    lo, hi = bounds
    if math.isfinite(lo) and math.isfinite(hi):
        span = f"{w.plain(lo)} – {w.plain(hi)}"
    elif math.isfinite(lo):
        span = w(N_("range_from"), low=w.plain(lo))
    else:
        span = w(N_("range_up_to"), high=w.plain(hi))
    return w(N_("switching_outside_range"), range=span)


def _switching_text(x: float, bounds: tuple[float, float] | None, w: Words) -> str:
    """A switching value as the report writes it, with its mark when it lies outside the range
    the model gives the assumption (:func:`_switching_mark`)."""
    mark = _switching_mark(x, bounds, w)
    return f"{w.plain(x)} {mark}" if mark else w.plain(x)
