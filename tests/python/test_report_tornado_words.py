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


# market_cleaning's "completed -> employed" rate is triangular(0.2, 0.3, 0.4): its p-th percentile
# below the mode is 0.2 + sqrt(p × 0.2 × 0.1), above it 0.4 − sqrt((1 − p) × 0.2 × 0.1).
_RATE = "chain.edges[completed->employed].rate"
_LABEL = "conversion rate Completed the 12-month track → In paid work after 12 months"


def _ratio_at(x: float) -> str:
    """The ratio with the rate at x and every other assumption central, as the report writes it."""
    import impactchain as ic
    from impactchain._i18n import words

    return words("en").num(ic.value_totals(DATA / "market_cleaning.yaml", {_RATE: x})["sroi_ratio"])


def _with_tornado_range(tornado_range: str):
    """The market_cleaning report's model section with a simulation whose tornado took ``tornado_range``."""
    import impactchain as ic
    from impactchain._report_results import _simulation_section

    rep = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1)
    sec = rep.sections[0]
    sim = ic.simulate(sec.model, draws=200, seed=1, tornado_range=tornado_range)
    sec.simulation = _simulation_section(sim, sec.model)
    return rep, sec


def _rests_and_caption(rep, sec, lang: str = "en") -> tuple[str, str]:
    from impactchain._i18n import words
    from impactchain._report_blocks import Figure
    from impactchain._report_intervention import _uncertainty_part
    from impactchain._report_plain import brief_lines

    w = words(lang)
    rests = next(w(k, **dict(v)) for k, v in brief_lines(sec, rep.settings, w) if k.startswith("brief_rests"))
    caption = next(
        w(b.caption, **dict(b.values))
        for b in _uncertainty_part(rep, sec, w)
        if isinstance(b, Figure) and b.caption == "tornado_caption"
    )
    return rests, caption


def test_the_low_and_high_values_are_said_to_be_the_5th_and_95th_percentiles():
    low, high = 0.2 + (0.05 * 0.2 * 0.1) ** 0.5, 0.4 - (0.05 * 0.2 * 0.1) ** 0.5  # 0.2316, 0.3684
    rep = build_report([DATA / "market_cleaning.yaml"], draws=200, seed=1)
    assert rep.sections[0].simulation["tornado_range"] == "p05_p95"
    md = rep.to_markdown()
    assert (
        f"- What it rests on most: {_LABEL} (between this assumption's 5th and 95th percentiles the ratio runs "
        f"from {_ratio_at(low)} to {_ratio_at(high)})."
    ) in md
    assert "Each assumption set to its low and its high value (its 5th and 95th percentiles), the others" in md
    nl = rep.in_language("nl").to_markdown()
    nl_low, nl_high = _ratio_at(low).replace(".", ","), _ratio_at(high).replace(".", ",")
    assert f"(tussen het 5e en 95e percentiel van deze aanname loopt de ratio van {nl_low} tot {nl_high})." in nl
    assert "Elke aanname op haar lage en haar hoge waarde (haar 5e en 95e percentiel), de andere" in nl
    assert "hele bandbreedte" not in nl


def test_only_the_whole_support_is_called_the_whole_range():
    rep, sec = _with_tornado_range("support")
    rests, caption = _rests_and_caption(rep, sec)
    assert rests == (
        f"What it rests on most: {_LABEL} (over the whole range the model gives this assumption the ratio runs "
        f"from {_ratio_at(0.2)} to {_ratio_at(0.4)})."
    )
    assert caption.startswith("Each assumption set to its low and its high value (the ends of the range the model")
    rests, caption = _rests_and_caption(rep, sec, "nl")
    assert "(over de hele bandbreedte die het model deze aanname geeft, loopt de ratio van" in rests
    assert "(de uiteinden van de bandbreedte die het model haar geeft)" in caption
    rep, sec = _with_tornado_range("p10_p90")
    low, high = 0.2 + (0.1 * 0.2 * 0.1) ** 0.5, 0.4 - (0.1 * 0.2 * 0.1) ** 0.5  # 0.2447, 0.3553
    rests, caption = _rests_and_caption(rep, sec)
    assert rests.endswith(
        f"(between this assumption's 10th and 90th percentiles the ratio runs from {_ratio_at(low)} to "
        f"{_ratio_at(high)})."
    )
    assert "(its 10th and 90th percentiles)" in caption
