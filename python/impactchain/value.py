"""Monetised value: SROI and social cost-benefit that cannot quietly over-claim.

``value(model, *, adjustments=..., ...)`` runs the C++ valuation at central values and returns a
:class:`ValueResult` with the totals (present_value, npv, sroi_ratio, net_sroi,
payback_months), switching values, warnings, assumptions and pandas tables per
outcome per year, by stakeholder and by funder. Method and sources: docs/value.md.
"""
from __future__ import annotations

import html
import math
from os import PathLike
from typing import Any, Mapping, Union

import pandas as pd

from impactchain import _core
from impactchain._check import check_bool, check_choice, check_real

__all__ = ["value", "ValueResult", "DiscountSchedule", "DiscountBand", "value_totals", "value_parameters"]

DiscountSchedule = _core.DiscountSchedule
DiscountBand = _core.DiscountBand

YEARLY_COLUMNS = [
    "outcome", "stakeholder", "year", "gross", "after_deadweight", "after_displacement",
    "after_attribution", "after_drop_off", "discount_factor", "discounted",
]
OUTCOME_COLUMNS = [
    "id", "name", "stakeholder", "node", "valuation", "quantity", "unit_proxy", "proxy_source", "deadweight",
    "displacement", "attribution", "drop_off", "duration", "first_year", "impact", "undiscounted",
    "present_value", "negative",
]
STAKEHOLDER_COLUMNS = ["stakeholder", "undiscounted", "present_value", "share"]
FUNDER_COLUMNS = ["funder", "amount", "present_value", "share"]

ModelLike = Union["_core.Model", str, PathLike]


def _model(model: ModelLike) -> "_core.Model":
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


def _finite(x: Any) -> Any:
    """JSON-ready number: NaN and infinities become None."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def _frame(rows: list, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{c: getattr(r, c) for c in columns} for r in rows], columns=columns)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict(orient="records"):
        out.append({k: _finite(v.item() if hasattr(v, "item") else v) for k, v in rec.items()})
    return out


def _money(x: float | None, currency: str) -> str:
    if x is None:
        return "not defined"
    return f"{currency} {x:,.0f}"


class ValueResult:
    """Deterministic monetised value of a model (central values of every assumption).

    Money is in ``currency`` at ``price_year`` prices. ``sroi_ratio``, ``net_sroi`` and
    ``payback_months`` are None when they are not defined (no investment, or a
    first-year impact <= 0 for the payback) or not computed (an investment PV of ~0:
    below 0.01, or below 1e-9 of the present value); ``sroi_note`` says which, and
    ``switching_notes`` why a switching value is None. A present value beyond the
    range of floating point is an error naming the outcomes, never inf or nan.
    """

    def __init__(self, core: "_core.ValueResult") -> None:
        self._core = core
        self.currency: str = core.currency
        self.price_year: int = core.price_year
        self.present_value: float = core.present_value
        self.investment: float = core.investment
        self.investment_pv: float = core.investment_pv
        self.npv: float = core.npv
        self.sroi_ratio: float | None = core.sroi_ratio
        self.sroi_note: str = core.sroi_note
        self.net_sroi: float | None = core.net_sroi
        self.payback_months: float | None = core.payback_months
        self.payback_method: str = core.payback_method
        self.discount: str = core.discount
        self.period_years: int = core.period_years
        self.warnings: list[str] = list(core.warnings)
        self.assumptions: list[str] = list(core.assumptions)
        self.options: dict[str, Any] = dict(core.options)
        self.switching_values: dict[str, float | None] = {s.name: s.value for s in core.switching_values}
        self.switching_notes: dict[str, str] = {s.name: s.note for s in core.switching_values if s.note}
        self.outcomes: pd.DataFrame = _frame(core.outcomes, OUTCOME_COLUMNS)
        self.yearly: pd.DataFrame = _frame(core.yearly, YEARLY_COLUMNS)
        self.by_stakeholder: pd.DataFrame = _frame(core.by_stakeholder, STAKEHOLDER_COLUMNS)
        self.by_funder: pd.DataFrame = _frame(core.by_funder, FUNDER_COLUMNS)

    @property
    def switching_domains(self) -> dict[str, tuple[float, float]]:
        """Parameter name -> (low, high) natural bounds searched for the switching value."""
        return {s.name: (s.domain_low, s.domain_high) for s in self._core.switching_values}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; keys are the attribute names, tables are lists of records."""
        return {
            "currency": self.currency,
            "price_year": self.price_year,
            "present_value": _finite(self.present_value),
            "investment": _finite(self.investment),
            "investment_pv": _finite(self.investment_pv),
            "npv": _finite(self.npv),
            "sroi_ratio": _finite(self.sroi_ratio),
            "sroi_note": self.sroi_note,
            "net_sroi": _finite(self.net_sroi),
            "payback_months": _finite(self.payback_months),
            "payback_method": self.payback_method,
            "discount": self.discount,
            "period_years": self.period_years,
            "switching_values": {k: _finite(v) for k, v in self.switching_values.items()},
            "switching_notes": dict(self.switching_notes),
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
            "options": dict(self.options),
            "outcomes": _records(self.outcomes),
            "yearly": _records(self.yearly),
            "by_stakeholder": _records(self.by_stakeholder),
            "by_funder": _records(self.by_funder),
        }

    def summary(self) -> str:
        """Readable text summary (what ``impactchain value MODEL`` prints)."""
        c = self.currency
        lines = [f"Monetised value ({c}, {self.price_year} prices; discount: {self.discount})", ""]
        for o in self._core.outcomes:
            tag = "  (negative)" if o.negative else ""
            tag += "  [wellbeing valuation]" if o.valuation == "wellby" else ""
            lines.append(f"  {o.id:<28} {_money(o.present_value, c):>18}{tag}")
        lines += [
            "",
            f"  {'present value':<28} {_money(self.present_value, c):>18}",
            f"  {'investment (PV)':<28} {_money(self.investment_pv, c):>18}",
            f"  {'net present value':<28} {_money(self.npv, c):>18}",
            f"  {'SROI ratio':<28} {('%.2f : 1' % self.sroi_ratio) if self.sroi_ratio is not None else self._no_ratio():>18}",
            f"  {'net SROI':<28} {('%.2f' % self.net_sroi) if self.net_sroi is not None else self._no_ratio():>18}",
            f"  {'payback (months)':<28} {('%.1f' % self.payback_months) if self.payback_months is not None else 'not defined':>18}",
        ]
        if self.switching_values:
            lines += ["", "Switching values (SROI ratio = 1, others at central values):"]
            # One pass over the core's list (each attribute read copies it): linear in the parameters.
            for s in self._core.switching_values:
                v = self.switching_values.get(s.name)
                shown = self.switching_notes.get(s.name, "none in range") if v is None else f"{v:,.6g}"
                lines.append(f"  {s.name:<48} {s.central:>12,.6g} -> {shown}")
        if self.warnings:
            lines += ["", f"Warnings ({len(self.warnings)}):"] + [f"  - {w}" for w in self.warnings]
        lines += ["", "Assumptions:"] + [f"  - {a}" for a in self.assumptions]
        return "\n".join(lines)

    def _no_ratio(self) -> str:
        return self.sroi_note or "not defined"

    def __repr__(self) -> str:
        ratio = "n/a" if self.sroi_ratio is None else f"{self.sroi_ratio:.3f}"
        return (f"<ValueResult present_value={self.present_value:,.2f} {self.currency} npv={self.npv:,.2f} "
                f"sroi_ratio={ratio} warnings={len(self.warnings)}>")

    def _repr_html_(self) -> str:
        esc = html.escape
        ratio = self._no_ratio() if self.sroi_ratio is None else f"{self.sroi_ratio:.2f} : 1"
        head = (f"<h4>Monetised value ({esc(self.currency)}, {self.price_year} prices)</h4>"
                f"<p>Present value {esc(_money(self.present_value, self.currency))}; investment (PV) "
                f"{esc(_money(self.investment_pv, self.currency))}; NPV {esc(_money(self.npv, self.currency))}; "
                f"SROI ratio {esc(ratio)}</p>")
        warn = ""
        if self.warnings:
            warn = "<p><b>Warnings</b></p><ul>" + "".join(f"<li>{esc(w)}</li>" for w in self.warnings) + "</ul>"
        return head + warn + self.outcomes[["id", "stakeholder", "valuation", "impact", "present_value", "negative"]].to_html(
            index=False, float_format=lambda v: f"{v:,.2f}")


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
    options = _check_options(dict(
        adjustments=adjustments, discount_first_year=discount_first_year, discount_investments=discount_investments,
        drop_off_start=drop_off_start, long_duration_years=long_duration_years, switching_values=switching_values))
    return ValueResult(_core.value(_model(model), **options))


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
    options = _check_options(dict(adjustments=adjustments, discount_first_year=discount_first_year,
                                  discount_investments=discount_investments, drop_off_start=drop_off_start))
    return dict(_core.value_totals(_model(model), values=_check_values(values), **options))


def value_parameters(model: ModelLike) -> list[str]:
    """Names of the parameters the valuation reads (proxies, adjustments, quantities, rates, amounts)."""
    return list(_core.value_parameters(_model(model)))
