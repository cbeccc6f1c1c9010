"""The tornado in words: each assumption with the ratio at its low and at its high value, said
as such, so an assumption that lowers the ratio as it rises (attribution) reads the right way
round and agrees with the summary's "(ratio lower to higher)"."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def test_each_assumption_says_which_value_gives_which_ratio():
    rep = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1)
    tornado = json.loads(rep.to_json())["models"][0]["simulation"]["tornado"]
    attribution = next(t for t in tornado if t["name"] == "outcomes[welfare_savings].attribution")
    assert attribution["low"] > attribution["high"]  # more of the change owed to others: a lower ratio
    lines = rep.to_markdown().splitlines()
    low, high = f"{attribution['low']:.2f}", f"{attribution['high']:.2f}"
    assert (
        f"- Welfare benefits no longer paid: attribution: ratio {low} at its low value, {high} at its high value"
        in (lines)
    )
    nl = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1, lang="nl").to_markdown()
    assert f"ratio {low.replace('.', ',')} bij de lage waarde, {high.replace('.', ',')} bij de hoge" in nl
