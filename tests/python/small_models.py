"""Small model texts that more than one test file starts from, held once so that they cannot
drift apart."""

from __future__ import annotations

#: The head of a forecast for the tests of actuals (tests/python/test_actuals.py,
#: tests/python/test_actuals_file.py): one period, one stakeholder (the municipality), no
#: discounting, 500 invested. Each test file adds its own name, chain and outcomes.
FORECAST_HEAD = """impactchain: 1
period: 2024
currency: EUR
price_year: 2024
stakeholders: [municipality]
discount: {rate: 0}
investments: [{funder: municipality, amount: 500}]
"""
