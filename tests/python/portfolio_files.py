"""Member lines of a portfolio file for tests (tests/python/test_portfolio.py,
tests/python/test_portfolio_check.py): one member per model file, named after the file's first
letter (a.yaml -> organisation A), all in one period; and a small member model
(:func:`model_text`: one outcome of 10 units at a triangular 80-100-130 for two years, an
investment of 1,000, no discounting) in the currency and price year it is given, its ``duration``
and ``proxy`` value other where given; and ``three_with_actuals``: members A (with actuals), B and C of that
model in a portfolio at 2025 prices."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def member_line(model: str, period: int = 2024) -> str:
    """``  - {organisation: A, period: 2024, model: a.yaml}`` and a newline."""
    return f"  - {{organisation: {model[0].upper()}, period: {period}, model: {model}}}\n"


def members(*models: str, period: int = 2024) -> str:
    """The member lines of ``models``, in their order."""
    return "".join(member_line(m, period) for m in models)


_MODEL = """impactchain: 1
name: {name}
organisation: {name}
period: 2024
currency: {currency}
price_year: {year}
stakeholders: [city]
discount: {{rate: 0}}
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: 10, stakeholder: city, duration: {duration},
     proxy: {{value: {proxy}, currency: {currency}, source: s}}}}
"""


def model_text(
    *, name: str, currency: str, year: int, duration: object = 2, proxy: object = "{triangular: [80, 100, 130]}"
) -> str:
    """The small member model's text: organisation and name ``name``, money in ``currency`` at
    ``year``'s prices, its one outcome lasting ``duration`` years at a proxy value ``proxy`` (a
    number or a distribution as the model file writes it)."""
    return _MODEL.format(name=name, currency=currency, year=year, duration=duration, proxy=proxy)


# A with actuals: its proxy became a fixed 40 (forecast: triangular 80-100-130, central 100). B and
# C: the forecast only. Every member is at 2024 prices, the portfolio at 2025's (100 -> 103.3).
ACTUALS = "impactchain: 1\noutcomes: [{id: o, proxy: {value: 40, currency: EUR, source: s}}]\n"
PORTFOLIO = (
    "name: test\ncurrency: EUR\nprice_year: 2025\nprice_index: {2024: 100, 2025: 103.3}\nmembers:\n"
    "  - {organisation: A, period: 2024, model: a.yaml, actuals: a-actuals.yaml}\n"
    "  - {organisation: B, period: 2024, model: b.yaml}\n"
    "  - {organisation: C, period: 2024, model: c.yaml}\n"
)


def three_with_actuals(folder: Path) -> Path:
    """Writes the member model as a.yaml, b.yaml and c.yaml (EUR, 2024 prices), A's ACTUALS and the
    PORTFOLIO into ``folder``; the portfolio file's path."""
    for name in "abc":
        (folder / f"{name}.yaml").write_text(model_text(name=name, currency="EUR", year=2024), encoding="utf-8")
    (folder / "a-actuals.yaml").write_text(ACTUALS, encoding="utf-8")
    (folder / "p.yaml").write_text(PORTFOLIO, encoding="utf-8")
    return folder / "p.yaml"


def forecast_measures(rows: dict[str, tuple[float, float, float]]) -> pd.DataFrame:
    """A members table for the composite index: members with forecasts only (no actuals), their
    three composite measures (ratio, P(ratio > 1), present value) as given."""
    from impactchain._portfolio_composite import COMPOSITE_MEASURES

    frame = pd.DataFrame({"member": list(rows)})
    for k, m in enumerate(COMPOSITE_MEASURES):
        frame[m] = [v[k] for v in rows.values()]
        frame[f"actual_{m}"] = np.nan
    frame["actual_present_value"] = np.nan
    return frame
