"""Switching values beside the range the model gives each assumption: the search runs over the
values an assumption can take (0% to 100% for a share), so a switching value may lie where the model
does not expect the assumption to be; the report marks each such value with that range, in words
that keep "bandbreedte" (Dutch) for the model's range only."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pytest

import impactchain as ic
from impactchain._i18n import words
from impactchain._report_ranges import model_ranges
from impactchain._report_switching import _switching_text
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.fixture(scope="module")
def market():
    return build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1)


def test_a_switching_value_outside_the_models_range_is_marked_and_one_inside_is_not(market):
    # market_cleaning.yaml: health care proxy triangular [600, 1,200, 2,000], its switching value
    # about 500 (below 600); its deadweight triangular [0.2, 0.3, 0.45], switching about 0.708 (above
    # 0.45); its attribution fixed at 0.3 (no range, no mark). Welfare deadweight triangular
    # [0.1, 0.2, 0.35], switching about 0.245: inside, no mark. Each value in its unit: the proxy in
    # euros, a share as a percentage (0.708 is 70.8%, its range 20% to 45%).
    sv = market.sections[0].value["switching_values"]
    assert sv["outcomes[health_care_savings].proxy.value"] < 600
    assert sv["outcomes[health_care_savings].deadweight"] > 0.45
    assert 0.1 <= sv["outcomes[welfare_savings].deadweight"] <= 0.35
    md = market.to_markdown()
    assert (
        "| Less use of mental-health and GP care: proxy value | €500 (outside the model's range: €600 – €2,000) |"
    ) in md
    assert "| Less use of mental-health and GP care: deadweight | 70.8% (outside the model's range: 20% – 45%) |" in md
    assert "| Welfare benefits no longer paid: deadweight | 24.5% |" in md
    assert "| Less use of mental-health and GP care: attribution | 70.8% |" in md  # fixed: no range to be outside
    # The intro names a share's values as the table writes them, as percentages.
    assert "cannot bring the ratio down to 1 at any value it can take (such as 0% to 100% for a share)" in md
    nl = market.in_language("nl").to_markdown()
    assert (
        "| Minder gebruik van ggz en huisarts: waarde van de proxy | €\u00a0500 (buiten de bandbreedte van het model: "
        "€\u00a0600 – €\u00a02.000) |"
    ) in nl
    assert "| Uitkeringen die niet meer worden betaald: deadweight | 24,5% |" in nl
    assert "kan de ratio bij geen enkele mogelijke waarde (zoals 0% tot 100% voor een aandeel) tot 1 laten dalen" in nl
    assert "Geen omslagwaarde (bij geen enkele mogelijke waarde wordt de ratio 1): " in nl
    assert "binnen haar bandbreedte" not in nl and "binnen hun bandbreedte" not in nl


def test_the_models_ranges_are_its_distributions_lowest_and_highest_values(tmp_path):
    m = tmp_path / "ranges.yaml"
    m.write_text(
        "impactchain: 1\nname: Ranges\ncurrency: EUR\nprice_year: 2024\n"
        "chain:\n  nodes: [{id: a, level: activity, quantity: {uniform: [8, 12]}}, {id: b, level: outcome}]\n"
        "  edges: [{from: a, to: b, rate: {triangular: [0.2, 0.3, 0.4]}}]\n"
        "outcomes:\n  - {id: o, node: b, deadweight: 0.1, proxy: {value: {normal: {mean: 1000, sd: 100}}, "
        "currency: EUR, source: hand}}\n"
        "investments: [{funder: city, amount: {lognormal: {meanlog: 7, sdlog: 0.2}}}]\n",
        encoding="utf-8",
    )
    ranges = model_ranges(ic.load(m).to_dict())
    assert ranges["chain.nodes[a].quantity"] == (8.0, 12.0)
    assert ranges["chain.edges[a->b].rate"] == (0.2, 0.4)
    assert ranges["outcomes[o].proxy.value"] == (-math.inf, math.inf)  # a normal has no end
    assert ranges["investments[0].amount"] == (0.0, math.inf)  # a lognormal has no upper end
    assert "outcomes[o].deadweight" not in ranges  # fixed
    assert set(ranges) <= set(ic.value_parameters(ic.load(m)))


def test_the_mark_says_a_range_open_at_one_end():
    en, nl = words("en"), words("nl")
    assert _switching_text(0.5, (0.2, 0.4), en) == "0.5 (outside the model's range: 0.2 – 0.4)"
    assert _switching_text(0.4, (0.2, 0.4), en) == "0.4"  # at the end: inside
    assert _switching_text(-152.0, (0.0, math.inf), en) == "-152 (outside the model's range: 0 or more)"
    assert _switching_text(12.0, (-math.inf, 10.0), nl) == "12 (buiten de bandbreedte van het model: 10 of minder)"
    assert _switching_text(-1e6, (-math.inf, math.inf), en) == "-1,000,000"
    assert _switching_text(3.0, None, en) == "3"  # a fixed assumption: no range


def _switching_rows(xlsx: bytes, sheet: str, value_label: str) -> dict[str, list]:
    """The switching values' rows of a model's sheet: assumption -> its cells (B, C)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert sheet in book.sheetnames
    rows = [list(r) for r in book[sheet].iter_rows()]
    head = next(i for i, r in enumerate(rows) if len(r) > 1 and r[1].value == value_label)
    end = next(i for i in range(head + 1, len(rows)) if rows[i][0].value is None)
    return {r[0].value: r[1:3] for r in rows[head + 1 : end]}


# The ranges of market_cleaning.yaml (as above): health care proxy 600 to 2,000, its deadweight 0.2 to
# 0.45, both switching values outside; welfare deadweight 0.1 to 0.35, its switching value inside (no
# mark); the health care attribution fixed (no range: no mark). The marks write the range in the
# assumption's unit, as the page does: euros (with the report's no-break space), percentages.
WORKBOOK = {
    "en": {
        "sheet": "Market cleaning with job",  # the model's name cut to 31 characters after a whole word
        "label": "Value at which the ratio is 1",
        "care": "Less use of mental-health and GP care",
        "welfare": "Welfare benefits no longer paid",
        "proxy": "proxy value",
        "attribution": "attribution",
        "marks": ("(outside the model's range: €600 – €2,000)", "(outside the model's range: 20% – 45%)"),
    },
    "nl": {
        "sheet": "Marktschoonmaak met jobcoaching",
        "label": "Waarde waarbij de ratio 1 is",
        "care": "Minder gebruik van ggz en huisarts",
        "welfare": "Uitkeringen die niet meer worden betaald",
        "proxy": "waarde van de proxy",
        "attribution": "toerekening",
        "marks": (
            "(buiten de bandbreedte van het model: €\u00a0600 – €\u00a02.000)",
            "(buiten de bandbreedte van het model: 20% – 45%)",
        ),
    },
}


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_workbook_keeps_each_switching_value_a_number_with_its_mark_beside_it(market, lang):
    sv = market.sections[0].value["switching_values"]
    x = WORKBOOK[lang]
    found = _switching_rows(market.in_language(lang).to_xlsx(), x["sheet"], x["label"])
    value, mark = found[f"{x['care']}: {x['proxy']}"]
    assert value.data_type == "n" and value.value == pytest.approx(sv["outcomes[health_care_savings].proxy.value"])
    assert "€" in value.number_format and "0." not in value.number_format  # money: whole euros, as the page
    assert mark.value == x["marks"][0]
    value, mark = found[f"{x['care']}: deadweight"]
    assert value.value == pytest.approx(sv["outcomes[health_care_savings].deadweight"])
    # The share stays 0.708 and shows as the page's 70.8%: a percentage at three significant digits.
    assert 0.7075 <= value.value < 0.7085 and value.number_format == "#,##0.0%"
    assert mark.value == x["marks"][1]
    # 0.660 of the coaching's completers is 66% on the page (three significant digits, the zero
    # dropped): a whole percentage in the cell too.
    completed = [c for k, (c, _) in found.items() if k.endswith(("Completed the 12-month track", "maanden afgerond"))]
    assert len(completed) == 1 and 0.6595 <= completed[0].value < 0.6605
    assert completed[0].number_format == "#,##0%"
    assert found[f"{x['welfare']}: deadweight"][1].value is None  # 0.245 lies in 0.1 to 0.35
    assert found[f"{x['care']}: {x['attribution']}"][1].value is None  # fixed: no range to be outside
