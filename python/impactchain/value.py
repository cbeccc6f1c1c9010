"""Monetised value: SROI and social cost-benefit that cannot quietly over-claim.

``value(model, *, adjustments=..., ...)`` runs the C++ valuation at central values and returns a
:class:`ValueResult` with the totals (present_value, npv, sroi_ratio, net_sroi,
payback_months), switching values, warnings, assumptions and pandas tables per
outcome per year, by stakeholder and by funder. Method and sources: docs/value.md.

The tables are held as plain rows (built in :mod:`impactchain._value_tables`) and become
DataFrames when first read (``_lazy_tables``, :mod:`impactchain._rows`): the summary, ``repr``
and ``to_dict`` (``impactchain value``, with or without ``--json``) need no pandas. Whether the
payback ever comes (``payback_reached``) is decided by the core (``ValueResult::payback_reached``);
:mod:`impactchain._value_payback` decides it by the same rule for results pickled before the core did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any, Optional, Union

from impactchain import _core
from impactchain._check import check_bool, check_choice, check_real
from impactchain._model_view import footing
from impactchain._result import Result, result_type
from impactchain._summary import Section
from impactchain._value_payback import effect_years as _effect_years
from impactchain._value_payback import payback_months_by_year as _payback_months_by_year
from impactchain._value_payback import reached, undiscounted_effects
from impactchain._value_tables import ledger_from_tables, value_tables

__all__ = ["value", "ValueResult", "DiscountSchedule", "DiscountBand", "value_totals", "value_parameters"]

DiscountSchedule = _core.DiscountSchedule
DiscountBand = _core.DiscountBand

ModelLike = Union["_core.Model", str, PathLike]


def party_labels(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """How a result's text names each party of its ledger (rows with ``party`` and ``name``): by
    its name, with its id after it where another party has the same name."""
    rows = list(rows)
    names = [str(r["name"]) for r in rows]
    return [n if names.count(n) == 1 else f"{n} ({r['party']})" for n, r in zip(names, rows)]


if TYPE_CHECKING:
    import pandas as pd

    from impactchain._result_plots import ValuePlots


def _model(model: ModelLike) -> _core.Model:
    if isinstance(model, _core.Model):
        return model
    if isinstance(model, (str, PathLike)):
        from impactchain.io import load

        return load(model)
    raise TypeError(f"model must be an impactchain.Model or a path to a model file, got {type(model).__name__}")


def _check_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options, each checked for its type and range (before the core sees them)."""
    out: dict[str, Any] = {}
    for k, v in options.items():
        if k == "adjustments":
            out[k] = check_choice(k, v, ("multiplicative", "additive"))
        elif k == "drop_off_start":
            out[k] = check_choice(k, v, ("second_year", "after_period"))
        elif k == "long_duration_years":
            out[k] = check_real(k, v, 0.0)
        else:
            out[k] = check_bool(k, v)
    return out


def _check_values(values: Any) -> dict[str, float]:
    if values is None:
        return {}
    if not isinstance(values, Mapping):
        raise TypeError(f"values must be a dict of parameter name -> number, got {type(values).__name__}")
    out = {}
    for k, v in values.items():
        if not isinstance(k, str):
            raise TypeError(f"values: parameter names must be strings, got {type(k).__name__}")
        out[k] = check_real(f"values['{k}']", v)
    return out


def switching_fields(sv: Iterable[Any]) -> dict[str, Any]:
    """The switching values of the core (objects with name, central, value, domain_low,
    domain_high and note) as the four mappings every result holds them in, by name:
    ``switching_values`` (None where none is in range), ``switching_notes`` (why, only for
    those), ``switching_central`` and ``switching_domains`` ((low, high) searched)."""
    sv = list(sv)  # each attribute read of a core result copies the list: read once
    return {
        "switching_values": {s.name: s.value for s in sv},
        "switching_notes": {s.name: s.note for s in sv if s.note},
        "switching_central": {s.name: s.central for s in sv},
        "switching_domains": {s.name: (s.domain_low, s.domain_high) for s in sv},
    }


def _money(x: float | None, currency: str) -> str:
    if x is None:
        return "not defined"
    return f"{currency} {x:,.0f}"


@result_type
class ValueResult(Result):
    """Deterministic monetised value of a model (central values of every assumption).

    Money is in ``currency`` at ``price_year`` prices (None: the model states no price year, as
    a model that values nothing in money may). ``sroi_ratio``, ``net_sroi`` and
    ``payback_months`` are None when they are not defined (no investment, or a
    first-year impact <= 0 for the payback) or not computed (an investment PV of ~0:
    below 0.01, or below 1e-9 of the present value); ``sroi_note`` says which, and
    ``switching_notes`` why a switching value is None. A present value beyond the
    range of floating point is an error naming the outcomes, never inf or nan.
    ``switching_values`` maps a parameter name to the value at which the SROI ratio is 1
    (others at central values; ``switching_central`` and ``switching_domains`` give the
    central value and the natural bounds searched). ``table`` is ``outcomes``.
    ``payback_effects``, ``effect_years`` and ``payback_months_by_year`` are read-only
    properties computed from ``yearly`` and ``investment`` (not stored, so not in ``to_dict``).
    """

    currency: str
    price_year: Optional[int]
    present_value: float
    investment: float
    investment_pv: float
    npv: float
    sroi_ratio: Optional[float]
    sroi_note: str
    net_sroi: Optional[float]
    payback_months: Optional[float]
    payback_method: str
    payback_reached: Optional[bool]
    discount: str
    period_years: int
    warnings: tuple[str, ...]
    assumptions: tuple[str, ...]
    options: dict[str, Any]
    switching_values: dict[str, Optional[float]]
    switching_notes: dict[str, str]
    switching_central: dict[str, float]
    switching_domains: dict[str, tuple[float, float]]
    outcomes: pd.DataFrame
    yearly: pd.DataFrame
    by_stakeholder: pd.DataFrame
    by_funder: pd.DataFrame
    ledger: pd.DataFrame
    _title = "Monetised value"
    _lazy_tables = ("outcomes", "yearly", "by_stakeholder", "by_funder", "ledger")
    # 2: leakage (outcomes.leakage, yearly.after_leakage); 3: the ledger per party; 4: its names;
    # 5: payback_reached
    _version = 5

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 had no leakage: none was deducted (0), so after leakage is after attribution."""
        if version < 2:
            outcomes, yearly = state["outcomes"].copy(), state["yearly"].copy()
            outcomes.insert(list(outcomes.columns).index("attribution") + 1, "leakage", 0.0)
            yearly.insert(
                list(yearly.columns).index("after_attribution") + 1, "after_leakage", yearly["after_attribution"]
            )
            state = {**state, "outcomes": outcomes, "yearly": yearly}
        if version < 3:
            state = {**state, "ledger": ledger_from_tables(state["by_stakeholder"], state["by_funder"])}
        elif version < 4:  # the parties' names were not kept: each is named by its id
            ledger = state["ledger"].copy()
            ledger.insert(1, "name", ledger["party"])
            state = {**state, "ledger": ledger}
        if version < 5:  # what the tables it kept say
            effects = undiscounted_effects(state["yearly"]["after_drop_off"])
            state = {**state, "payback_reached": reached(state["payback_months"], effects, state["investment"])}
        return state

    def _yearly_columns(self) -> dict[str, list[Any]]:
        """The yearly table's ``year`` and ``after_drop_off`` columns (read without pandas)."""
        rows = self._records("yearly")
        return {"year": [r["year"] for r in rows], "after_drop_off": [r["after_drop_off"] for r in rows]}

    @property
    def payback_effects(self) -> float:
        """The outcomes after the adjustments and drop-off, undiscounted, summed over every year
        they last (the yearly table's ``after_drop_off``): the sum the payback rule weighs against
        the investment (``payback_reached`` is False when it is less)."""
        return undiscounted_effects(self._yearly_columns()["after_drop_off"])

    @property
    def effect_years(self) -> int:
        """The number of years in which the outcomes, summed over outcomes after the adjustments
        and drop-off, are above 0."""
        return _effect_years(self._yearly_columns())

    @property
    def payback_months_by_year(self) -> Optional[float]:
        """The month at which the yearly effects after drop-off (undiscounted, summed over outcomes
        per year, each year's taken as earned evenly) add up to the investment; None when the
        payback is not reached or not defined (``payback_reached`` is not True). ``payback_months``
        is the simple form, which assumes every year brings as much as the first."""
        if not self.payback_reached:
            return None
        return _payback_months_by_year(self._yearly_columns(), self.investment)

    @property
    def plot(self) -> ValuePlots:
        """Charts as matplotlib figures: ``plot.waterfall()``, ``plot.stakeholders(model)``, ``plot.funders(model)``."""
        from impactchain._result_plots import ValuePlots

        return ValuePlots(self)

    @classmethod
    def _from_core(cls, core: Any) -> ValueResult:
        return cls(
            currency=core.currency,
            price_year=core.price_year or None,  # the core's 0: none stated
            present_value=core.present_value,
            investment=core.investment,
            investment_pv=core.investment_pv,
            npv=core.npv,
            sroi_ratio=core.sroi_ratio,
            sroi_note=core.sroi_note,
            net_sroi=core.net_sroi,
            payback_months=core.payback_months,
            payback_method=core.payback_method,
            payback_reached=core.payback_reached,
            discount=core.discount,
            period_years=core.period_years,
            warnings=tuple(core.warnings),
            assumptions=tuple(core.assumptions),
            options=dict(core.options),
            **switching_fields(core.switching_values),
            **value_tables(core),
        )

    def _data(self) -> dict[str, Any]:
        """Every field but ``switching_domains``: a natural bound may be infinite (a quantity
        has no upper bound), and the JSON of a valuation holds results, not search ranges."""
        return {k: v for k, v in self._stored().items() if k != "switching_domains"}

    def _table(self) -> pd.DataFrame:
        """One row per outcome (id kept as a column, named by ``name``): adjustments, impact, present value."""
        return self.outcomes.set_index("name")

    def _no_ratio(self) -> str:
        return self.sroi_note or "not defined"

    def _heading(self) -> str:
        return f"Monetised value ({footing(self.currency, self.price_year)}; discount: {self.discount})"

    def _payback(self) -> str:
        if self.payback_months is None:
            return "not defined"
        if self.payback_reached is False:
            return (
                f"never: the outcomes over every year they last bring back {_money(self.payback_effects, self.currency)}, "
                f"less than the investment of {_money(self.investment, self.currency)} "
                f"(at the first year's pace it would be {self.payback_months:,.1f})"
            )
        return f"{self.payback_months:,.1f}"

    def _sections(self) -> list[Section]:
        c = self.currency
        outcomes = []
        for o in self._records("outcomes"):
            tag = "  (negative)" if o["negative"] else ""
            tag += "  [wellbeing valuation]" if o["valuation"] == "wellby" else ""
            outcomes.append((str(o["name"] or o["id"]), _money(float(o["present_value"]), c) + tag))
        # No outcome valued in money: the ratio is the formula's 0, which says nothing of the outcomes.
        unvalued = "  (no outcome is valued in money)" if not outcomes else ""
        totals = [
            ("present value", _money(self.present_value, c)),
            ("investment (PV)", _money(self.investment_pv, c)),
            ("net present value", _money(self.npv, c)),
            (
                "SROI ratio",
                f"{self.sroi_ratio:,.2f} : 1{unvalued}" if self.sroi_ratio is not None else self._no_ratio(),
            ),
            ("net SROI", f"{self.net_sroi:,.2f}{unvalued}" if self.net_sroi is not None else self._no_ratio()),
            ("payback (months)", self._payback()),
        ]
        out = [
            Section("Present value by outcome", rows=outcomes or [("none", "no outcome is valued in money")]),
            Section("Totals", rows=totals),
        ]
        parties = self._records("ledger")
        ledger = [
            (label, f"pays {_money(r['pays'], c)}, gains {_money(r['gains'], c)}, net {_money(r['net'], c)}")
            for label, r in zip(party_labels(parties), parties)
        ]
        if ledger:
            out.append(Section("Who pays, who gains (present values)", rows=ledger))
        if self.switching_values and outcomes:  # without value the ratio stays 0 whatever changes
            rows = []
            for name, v in self.switching_values.items():
                shown = self.switching_notes.get(name, "none in range") if v is None else f"{v:,.6g}"
                rows.append((name, f"{self.switching_central[name]:,.6g} -> {shown}"))
            out.append(Section("Switching values (SROI ratio = 1, others at central values)", rows=rows))
        return out

    def __repr__(self) -> str:
        ratio = "n/a" if self.sroi_ratio is None else f"{self.sroi_ratio:.3f}"
        return (
            f"<ValueResult present_value={self.present_value:,.2f} {self.currency} npv={self.npv:,.2f} "
            f"sroi_ratio={ratio} warnings={len(self.warnings)}>"
        )


def value(
    model: ModelLike,
    *,
    adjustments: str = "multiplicative",
    discount_first_year: bool = True,
    discount_investments: bool = False,
    drop_off_start: str = "second_year",
    long_duration_years: float = 1.0,
    switching_values: bool = True,
) -> ValueResult:
    """Deterministic SROI / social cost-benefit of a model at central values.

    Parameters
    ----------
    model : Model or path
        A model, or a model file (JSON or YAML) read with :func:`impactchain.load`.
    adjustments : {"multiplicative", "additive"}, default "multiplicative"
        (1-DW)(1-DS)(1-AT), or 1-DW-DS-AT (refused when negative).
    discount_first_year : bool, default True
        Year-1 values discounted once (True) or left undiscounted (False).
    discount_investments : bool, default False
        Discount an investment in year y by D_y (True) or count it as paid (False).
    drop_off_start : {"second_year", "after_period"}, default "second_year"
    long_duration_years : float, default 1.0
        Warn when an outcome lasts longer than this with no drop-off.
    switching_values : bool, default True
        Compute the value of each assumption at which the SROI ratio is 1.

    Returns
    -------
    ValueResult
        Its ``options`` hold every option as used and its ``assumptions`` every default the
        valuation filled in.
    """
    options = _check_options(
        dict(
            adjustments=adjustments,
            discount_first_year=discount_first_year,
            discount_investments=discount_investments,
            drop_off_start=drop_off_start,
            long_duration_years=long_duration_years,
            switching_values=switching_values,
        )
    )
    m = _model(model)
    return ValueResult._from_core(_core.value(m, **options))._read_from(m)


def value_totals(
    model: ModelLike,
    values: dict[str, float] | None = None,
    *,
    adjustments: str = "multiplicative",
    discount_first_year: bool = True,
    discount_investments: bool = False,
    drop_off_start: str = "second_year",
) -> dict[str, float | None]:
    """Totals with some parameters (names from :func:`value_parameters`) set to other values.

    Each value must be a finite number in the parameter's natural domain (adjustments and
    rates in [0, 1], durations in (0, 300], quantities and amounts >= 0). ``sroi_ratio`` and
    ``net_sroi`` are None when the investment PV is 0 or ~0 (below 0.01, or below 1e-9 of the
    present value); totals beyond the range of floating point are an error. The options are
    those of :func:`value`.
    """
    options = _check_options(
        dict(
            adjustments=adjustments,
            discount_first_year=discount_first_year,
            discount_investments=discount_investments,
            drop_off_start=drop_off_start,
        )
    )
    return dict(_core.value_totals(_model(model), values=_check_values(values), **options))


def value_parameters(model: ModelLike) -> list[str]:
    """Names of the parameters the valuation reads (proxies, adjustments, quantities, rates, amounts)."""
    return list(_core.value_parameters(_model(model)))
