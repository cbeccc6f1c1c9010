"""How the report says which discounting it used: the schedule in words (its rate, and what a
preset is: "2.25% a year, the Dutch social cost-benefit analysis (MKBA) rate since 2021"),
whether the model states it or took the default for its currency, the first-year convention and
whether investments are discounted; and the valuation's method notes in the report's plain words
(no option names such as ``discount_first_year = true``; the API's English text keeps them)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from impactchain._i18n import N_, Words
from impactchain._notice import Notice, _discount_text

#: The valuation's assumptions that name a discounting the model states (not a default taken).
STATED = frozenset({"value.discount_given", "value.discount_constant"})
#: The default discountings, by the notice that names them: why that one was taken.
_DEFAULT_WHY = {
    "value.discount_default_eur": N_("pv_discount_default_eur"),
    "value.discount_default_gbp": N_("pv_discount_default_gbp"),
    "value.discount_default": N_("pv_discount_default"),
}
#: The published schedules (``discount: {schedule: …}``) in words, their rates filled in.
_PRESETS = {
    "nl_2021": N_("discount_preset_nl_2021"),
    "green_book": N_("discount_preset_green_book"),
    "green_book_health": N_("discount_preset_green_book_health"),
}
_PRESET = re.compile(r"(nl_2021|green_book_health|green_book)(?: \((\d+(?:\.\d+)?)%\)|: (.+))")
_CONSTANT = re.compile(r"constant (\d+(?:\.\d+)?)%")


def discount_in_words(desc: str, w: Words) -> str:
    """A discount schedule as the core describes it (``ValueResult.discount``: ``nl_2021 (2.25%)``,
    ``constant 4%``, ``green_book: 3.5% years 0-30, …``) in the words of ``w``: the rate a year, and
    for a published schedule what it is."""
    m = _PRESET.fullmatch(desc)
    if m:
        name, one, bands = m.groups()
        rates = w(N_("discount_a_year"), rate=w.plain(float(one))) if one else _discount_text(bands, w)
        return w(_PRESETS[name], rates=rates)
    c = _CONSTANT.fullmatch(desc)
    if c:
        return w(N_("discount_a_year"), rate=w.plain(float(c.group(1))))
    return _discount_text(desc, w)  # rates by year, bands: each rate with its years


def discount_info(assumptions: Sequence[Any], options: Mapping[str, Any], schedule: str) -> dict:
    """What the report says of a valuation's discounting: the schedule as the core describes it,
    whether the model states it (``stated``) or which default it took (``default``: the notice's
    code), the first-year convention and whether investments are discounted."""
    codes = [getattr(a, "code", "") for a in assumptions]
    return {
        "schedule": schedule,
        "stated": any(c in STATED for c in codes),
        "default": next((c for c in codes if c in _DEFAULT_WHY), None),
        "first_year_discounted": bool(options.get("discount_first_year", True)),
        "investments_discounted": bool(options.get("discount_investments", False)),
    }


def is_stated_discount(x: Any) -> bool:
    """True for the valuation's note of a discounting the model states: the model said it, so it is
    no default (the report says it where it explains the present value)."""
    return isinstance(x, Notice) and x.code in STATED


def discount_sentence(d: Mapping[str, Any], w: Words) -> tuple[str, dict[str, str]]:
    """A model's discounting in one sentence (key and values): its rate in words and where it comes
    from, the first-year convention, and whether the investment is discounted."""
    key = N_("pv_discount_stated") if d["stated"] else _DEFAULT_WHY.get(d["default"] or "", N_("pv_discount_default"))
    return key, {
        "discount": discount_in_words(d["schedule"], w),
        "first_year": w(N_("pv_first_year_once") if d["first_year_discounted"] else N_("pv_first_year_not")),
        "investments": w(N_("pv_investment_discounted") if d["investments_discounted"] else N_("pv_investment_sum")),
    }


def discounts_in_report(sections: Sequence[Any], w: Words) -> str:
    """The discounting of a report's models in words: the one rate all models use (said once), each
    model's own (by name) where they differ, or the models' own rates where none was valued."""
    said = [
        (s.name, discount_in_words(s.value["discount"]["schedule"], w))
        for s in sections
        if s.value and s.value.get("discount")
    ]
    if not said:
        return w(N_("discount_each_model"))
    if len({x for _, x in said}) == 1:
        return said[0][1]
    return w(
        N_("discount_by_model"), rates=w("list_sep").join(w(N_("discount_of_model"), name=n, rate=x) for n, x in said)
    )


#: The valuation's method notes the report words plainly (the API's English names its options:
#: ``discount_first_year = true``, ``(1-DW)(1-DS)(1-AT)``), by code.
_PLAIN_NOTES = {
    "value.discount_given": N_("plain_discount_given"),
    "value.discount_constant": N_("plain_discount_given"),
    "value.discount_default_eur": N_("plain_discount_default_eur"),
    "value.discount_default_gbp": N_("plain_discount_default_gbp"),
    "value.discount_default": N_("plain_discount_default"),
    "value.first_year_discounted": N_("plain_first_year_discounted"),
    "value.first_year_not_discounted": N_("plain_first_year_not_discounted"),
    "value.investments_not_discounted": N_("plain_investments_not_discounted"),
    "value.investments_discounted": N_("plain_investments_discounted"),
    "value.investment_undiscounted": N_("plain_investment_undiscounted"),
    "value.adjustments_multiplicative": N_("plain_adjustments_multiplicative"),
    "value.adjustments_additive": N_("plain_adjustments_additive"),
    "value.drop_off_default": N_("plain_drop_off_default"),
}


def plain_note(n: Notice, w: Words) -> str | None:
    """A valuation note in the report's plain words, or None for a note the catalogue words already
    (:meth:`Notice.in_language`)."""
    key = _PLAIN_NOTES.get(n.code)
    if key is None:
        return None
    p = dict(n.params)
    if "discount" in p:
        p["discount"] = discount_in_words(str(p["discount"]), w)
    if "rate" in p:  # a constant rate the model states, in percent
        p = {"discount": w(N_("discount_a_year"), rate=w.plain(float(p["rate"])))}
    return w(key, **{k: str(v) for k, v in p.items()})
