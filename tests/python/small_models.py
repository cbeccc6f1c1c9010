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

#: The head of the small Buurtkamer models that tests write out (the valuation, the report, the
#: Value Map, validation, the exports): the format version, the name, euros at 2024 prices. Each
#: test adds its own stakeholders, chain, outcomes and investments.
BUURTKAMER_HEAD = """impactchain: 1
name: Buurtkamer
currency: EUR
price_year: 2024
"""

#: The least head of a model file that states money (the loader's tests): a name, euros at 2024
#: prices, no format version. Each test adds the lines it is about.
MONEY_HEAD = """name: x
currency: EUR
price_year: 2024
"""
