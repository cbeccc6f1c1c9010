"""Member lines of a portfolio file for tests (tests/python/test_portfolio.py,
tests/python/test_portfolio_check.py): one member per model file, named after the file's first
letter (a.yaml -> organisation A), all in one period; and a small member model (``MODEL``: one
outcome of 10 units at a triangular 80-100-130 for two years, an investment of 1,000, no
discounting) in the currency and price year it is formatted with."""

from __future__ import annotations


def member_line(model: str, period: int = 2024) -> str:
    """``  - {organisation: A, period: 2024, model: a.yaml}`` and a newline."""
    return f"  - {{organisation: {model[0].upper()}, period: {period}, model: {model}}}\n"


def members(*models: str, period: int = 2024) -> str:
    """The member lines of ``models``, in their order."""
    return "".join(member_line(m, period) for m in models)


MODEL = """impactchain: 1
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
  - {{id: o, quantity: 10, stakeholder: city, duration: 2,
     proxy: {{value: {{triangular: [80, 100, 130]}}, currency: {currency}, source: s}}}}
"""
