"""docs/model-file.md ("Parameters") says which values must be ≥ 0 and which may be negative,
as the loader reads them: quantities, amounts, hours, hourly values and values per WELLBY are
refused below 0; a proxy's value and a life-satisfaction change may be negative (a disbenefit,
docs/value.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import impactchain as ic

DOC = Path(__file__).resolve().parents[2] / "docs" / "model-file.md"


def _model(**change: float) -> dict:
    m = {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": ["a"],
        "chain": {"nodes": [{"id": "n", "level": "activity", "quantity": 3}]},
        "investments": [{"funder": "a", "amount": 5}],
        "outcomes": [
            {"id": "o", "quantity": 1, "stakeholder": "a", "proxy": {"value": 1, "currency": "EUR", "source": "s"}}
        ],
    }
    for where, value in change.items():
        if where == "proxy":
            m["outcomes"][0]["proxy"]["value"] = value
        elif where == "wellbeing":
            m["outcomes"][0].pop("proxy")
            m["outcomes"][0]["wellbeing"] = {
                "life_satisfaction_change": value,
                "value_per_wellby": 100,
                "currency": "EUR",
                "source": "s",
            }
        elif where == "quantity":
            m["outcomes"][0]["quantity"] = value
        elif where == "node":
            m["chain"]["nodes"][0]["quantity"] = value
        elif where == "amount":
            m["investments"][0]["amount"] = value
    return m


@pytest.mark.parametrize(
    ("where", "accepted"),
    [("proxy", True), ("wellbeing", True), ("quantity", False), ("node", False), ("amount", False)],
)
def test_the_page_says_which_values_may_be_negative_as_the_loader_reads_them(where: str, accepted: bool) -> None:
    text_of = json.dumps(_model(**{where: -1}))
    if accepted:
        ic.loads(text_of, format="json")
    else:
        with pytest.raises(ValueError, match=r"must be in \[0, inf\]"):
            ic.loads(text_of, format="json")
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    ranges = re.search(r"Where a field has a natural range.*?must be truncated", text)
    assert ranges is not None
    said = ranges.group(0)
    assert "a quantity or amount ≥ 0" not in said  # read as any amount, a proxy's value too
    assert "an investment's amount" in said and "≥ 0" in said
    assert "A proxy's value and a wellbeing value's life-satisfaction change may be negative" in said
