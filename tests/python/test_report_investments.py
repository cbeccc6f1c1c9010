"""What each investment is, as the model file describes it ("client fees", a grant), is shown where
the report lists who put the money in, in every format and in the report's language; and the
glossary explains the net SROI of the social value table."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.fixture(scope="module")
def handyman():
    return build_report([DATA / "handyman.yaml"], draws=200, seed=1)


def test_the_investments_descriptions_are_in_every_format(handyman):
    # handyman.yaml: the municipality's 50,000 is its "Wmo neighbourhood budget", the cooperative's
    # 20,000 "client fees"; the foundation's 15,000 has no description.
    md = handyman.to_markdown()
    assert "| Funder | Put in | Description |" in md
    assert "| Municipality | €50,000 | Wmo neighbourhood budget |" in md
    assert "| Foundation | €15,000 |  |" in md
    assert "| Neighbourhood cooperative | €20,000 | client fees |" in md
    html = handyman.to_html()
    assert '<td class="">client fees</td>' in html and '<td class="">Wmo neighbourhood budget</td>' in html
    cells = {
        c.value for ws in openpyxl.load_workbook(io.BytesIO(handyman.to_xlsx())) for r in ws.iter_rows() for c in r
    }
    assert {"client fees", "Wmo neighbourhood budget"} <= cells
    investments = json.loads(handyman.to_json())["models"][0]["investments"]
    assert investments == [
        {"funder": "municipality", "funder_name": "Municipality", "year": 0, "description": "Wmo neighbourhood budget"},
        {"funder": "foundation", "funder_name": "Foundation", "year": 0, "description": None},
        {"funder": "cooperative", "funder_name": "Neighbourhood cooperative", "year": 0, "description": "client fees"},
    ]


def test_the_descriptions_are_in_the_reports_language(handyman):
    nl = handyman.in_language("nl").to_markdown()
    assert "| Financier | Ingebracht | Omschrijving |" in nl
    assert "| Gemeente | €\u00a050.000 | Wmo-buurtbudget |" in nl
    assert "| Buurtcoöperatie | €\u00a020.000 | bijdragen van klanten |" in nl


def test_a_model_that_describes_no_investment_has_no_such_table():
    md = build_report([DATA / "minimal.yaml"], draws=200, seed=1).to_markdown()
    assert "| Funder | Put in | Description |" not in md


def test_the_glossary_explains_the_net_sroi(handyman):
    # The social value table shows a net SROI (0.58 = 1.58 - 1); the glossary says what it is.
    md = handyman.to_markdown()
    assert "| Net SROI | 0.58 |" in md
    assert (
        "| Net SROI | The net present value divided by the present value of the investment, which is the SROI ratio "
        "minus 1:"
    ) in md
    nl = handyman.in_language("nl").to_markdown()
    assert "| Netto SROI | De netto contante waarde gedeeld door de contante waarde van de investering" in nl
