"""The footing a portfolio puts its members on, and the members' model files it is taken from:
each model file read once (:func:`read_models`), the footing (:func:`footing_of`: the
portfolio's currency, price year and index, discounting and exchange rates; a currency or price
year it does not state, its first member's) and the factor that brings a member's money onto it
(:func:`to_footing`, each conversion in words). Plain data, the same on a Dask worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from impactchain._notice import Notice, notice
from impactchain._portfolio_definition import FxRate, Portfolio, PortfolioError, PortfolioMember
from impactchain.io import _load_shown


@dataclass(frozen=True)
class Footing:
    """The portfolio's footing as every member is evaluated on it (built once per run)."""

    currency: str
    price_year: int
    price_index: Mapping[int, float]
    discount: Optional[Mapping[str, Any]]
    fx: Mapping[str, FxRate]
    #: A folder of model files, not a portfolio file: a missing fx rate or price index is added by
    #: writing a portfolio file.
    folder: bool = False

    def add(self, what: str) -> str:
        """How to give the footing ``what`` (``fx: {GBP: …}``): where this portfolio can take it."""
        if self.folder:
            return f"write a portfolio file listing the folder's models (docs/portfolio.md) with {what}"
        return f"add {what} to the portfolio"


_EXAMPLE = {"currency": "currency (e.g. currency: EUR)", "price_year": "price_year (e.g. price_year: 2025)"}


#: Each member's model file as read once (:func:`read_models`): its Model, or the error that refused it.
Models = Mapping[Path, Any]


def read_models(portfolio: Portfolio) -> dict[Path, Any]:
    """Each model file of the portfolio's members read once (a file that several members share,
    once): its Model, or the ValueError or OSError that refused it, which is raised, naming the
    member, wherever a member that uses the file is read (:func:`member_model`)."""
    out: dict[Path, Any] = {}
    for m in portfolio.members:
        if m.model not in out:
            try:
                out[m.model] = _load_shown(m.model, m.shown(m.model))
            except (ValueError, OSError) as e:
                out[m.model] = e
    return out


def member_model(member: PortfolioMember, models: Optional[Models] = None) -> Any:
    """The member's model: from ``models`` (:func:`read_models`) where it is there, else read from
    its file; the loader's ValueError or OSError when the file is refused."""
    got = models.get(member.model) if models is not None else None
    if got is None:
        return _load_shown(member.model, member.shown(member.model))
    if isinstance(got, BaseException):
        raise got
    return got


def footing_of(portfolio: Portfolio, models: Optional[Models] = None) -> tuple[Footing, list[Notice]]:
    """The portfolio's footing; a currency or price year it does not state is the first member's
    (said), its model taken from ``models`` where given (:func:`read_models`)."""
    said = []
    currency, year = portfolio.currency, portfolio.price_year
    if currency is None or year is None:
        m0 = portfolio.members[0]
        shown = m0.shown(m0.model)
        try:
            first = member_model(m0, models)
        except (ValueError, OSError) as e:
            raise PortfolioError(
                f"{m0.who}: {e} (the portfolio takes its currency or price year from the "
                "first member, as it states neither)"
            ) from None
        taken_currency, taken_year = currency or first.currency, year or first.price_year
        lacking = [k for k, v in (("currency", taken_currency), ("price_year", taken_year)) if not v]
        if lacking:  # a model that values nothing in money may state neither
            raise PortfolioError(
                f"the portfolio states no {' or '.join(lacking)}, and its first member '{m0.id}' ({shown}), "
                f"from which it would take {'them' if len(lacking) > 1 else 'it'}, has none either: add "
                f"{' and '.join(_EXAMPLE[k] for k in lacking)} to the portfolio file"
            )
        if currency is None:
            said.append(notice("portfolio.currency_first_member", currency=taken_currency))
        if year is None:
            said.append(notice("portfolio.price_year_first_member", year=taken_year))
        currency, year = taken_currency, taken_year
    if portfolio.discount is None:
        said.append(notice("portfolio.discount_members_own"))
    folder = portfolio.source is not None and Path(portfolio.source).is_dir()
    footing = Footing(
        str(currency), int(year or 0), dict(portfolio.price_index), portfolio.discount, dict(portfolio.fx), folder
    )
    return footing, said  # year is never 0 here: stated, or the first member's (refused above when it has none)


def to_footing(model: Mapping[str, Any], footing: Footing, who: str) -> tuple[float, list[Notice]]:
    """The factor that brings the member's money to the portfolio's currency and price year, and
    each conversion in words."""
    notes, factor = [], 1.0
    cur, year = model.get("currency"), model.get("price_year")
    if cur and cur != footing.currency:
        fx = footing.fx.get(cur)
        if fx is None:
            fx_entry = f"fx: {{{cur}: {{rate, source, date}}}}"
            raise PortfolioError(
                f"{who}: the model is in {cur}, the portfolio in {footing.currency}: {footing.add(fx_entry)}"
            )
        factor *= fx.rate
        rate = float(f"{fx.rate:g}")  # as the English text shows it: six significant digits
        notes.append(
            notice(
                "portfolio.fx_conversion",
                from_currency=cur,
                rate=rate,
                currency=footing.currency,
                source=fx.source,
                date=str(fx.date),
            )
        )
    if year is not None and year != footing.price_year:
        missing = [y for y in (year, footing.price_year) if y not in footing.price_index]
        if missing:
            lacks = ", ".join(map(str, missing))
            if footing.folder:  # no price_index to lack: the folder's first member sets the price year
                raise PortfolioError(
                    f"{who}: prices of {year}, the portfolio's of {footing.price_year} (its first member's): "
                    + footing.add(f"price_index: {{{year}: …, {footing.price_year}: …}}")
                )
            raise PortfolioError(
                f"{who}: prices of {year}, the portfolio's of {footing.price_year}: the portfolio's price_index "
                f"lacks {lacks}"
            )
        f = footing.price_index[footing.price_year] / footing.price_index[year]
        factor *= f
        notes.append(
            notice("portfolio.price_conversion", from_year=year, factor=float(f"{f:.6g}"), to_year=footing.price_year)
        )
    return factor, notes
