"""The report's money words in the model's own currency: the SROI ratio said as money ("€1.58 of
social value per €1 invested", "£1.26 … per £1"), never a euro for a model in pounds. A sentence of
the whole report (the summary's intro, the glossary, the comparison) names the currency all its
models share, and a unit of money in general where they differ."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from impactchain._i18n import N_, Words


def one_unit(w: Words, currency: str | None) -> str:
    """One unit of the currency as the language writes money (``€1``, ``£ 1``); words for one unit of
    money in general without a currency."""
    return w.money(1, currency) if currency else w(N_("money_one_any"))


def ratio_as_money(w: Words, ratio: Any, currency: str | None) -> str:
    """A ratio said as the money that comes back per unit invested: ``€1.58`` (two decimals, as the
    ratio is written); the number alone without a currency."""
    return w.money(ratio, currency, digits=2) if currency else w.num(ratio)


def report_currency(sections: Sequence[Any]) -> str | None:
    """The one currency of the report's models that value something in money; None when they differ
    or none does (its sentences then speak of a unit of money)."""
    found = {s.value["currency"] for s in sections if s.value and s.value.get("currency")}
    return found.pop() if len(found) == 1 else None
