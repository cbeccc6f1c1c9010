"""The value table and the JSON give the 95 % interval of the present value of the outcomes and of
the NPV where the model was simulated, and the payback sentence is said as what the central
assumptions give, with the share of simulations whose present value stays below the investment
(P(NPV < 0)). Golden numbers: numpy on the report's own draws (``ModelSection.pv_draws`` and
``cost_draws``), with the quantile rule docs/uncertainty.md documents (type 7, numpy's default
linear interpolation, up to 10**6 draws), and hand calculations."""

from __future__ import annotations

import decimal
import io
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from impactchain._i18n import words
from impactchain._report_plain import payback_words
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
NBSP = "\u00a0"
DRAWS = 1000


def _euro_nl(x: float) -> str:
    """Money as the Dutch report writes it, by hand: whole euros (a half away from zero), thousands
    with a dot, the sign after the symbol ("€ -41.653")."""
    whole = int(decimal.Decimal(abs(x)).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
    return f"€{NBSP}{'-' if x < 0 else ''}{whole:,}".replace(",", ".")


@pytest.fixture(scope="module")
def market():
    return build_report([DATA / "market_cleaning.yaml"], draws=DRAWS, seed=1, threads=1, lang="nl")


def _oracle(sec):
    """The 95 % intervals of PV and NPV and P(NPV < 0) from the section's draws, by numpy."""
    pv = np.asarray(sec.pv_draws, dtype=float)
    npv = pv - np.asarray(sec.cost_draws, dtype=float)
    ok = np.isfinite(npv)
    q = (0.025, 0.975)  # the central 95 %: (1 - 0.95) / 2 and (1 + 0.95) / 2
    return (
        np.quantile(pv[np.isfinite(pv)], q, method="linear"),
        np.quantile(npv[ok], q, method="linear"),
        float(np.mean(npv[ok] < 0)),
    )


def test_json_gives_the_intervals_of_pv_and_npv_and_p_npv_below_0(market):
    (pv_lo, pv_hi), (npv_lo, npv_hi), p_neg = _oracle(market.sections[0])
    doc = json.loads(market.to_json())
    row = doc["summary"][0]
    # Every key the summary had keeps its place; the new ones stand beside them.
    for key in ("sroi_ratio", "interval_level", "ratio_lower", "ratio_upper", "p_ratio_above_1", "present_value"):
        assert key in row
    assert row["interval_level"] == 0.95
    assert row["pv_lower"] == pytest.approx(pv_lo, rel=1e-12)
    assert row["pv_upper"] == pytest.approx(pv_hi, rel=1e-12)
    assert row["npv_lower"] == pytest.approx(npv_lo, rel=1e-12)
    assert row["npv_upper"] == pytest.approx(npv_hi, rel=1e-12)
    assert row["p_npv_below_0"] == pytest.approx(p_neg, abs=1e-15)
    assert 0.2 < p_neg < 0.8  # the example sits near the line: neither side is certain
    sim = doc["models"][0]["simulation"]
    assert sim["p_npv_below_0"] == pytest.approx(p_neg, abs=1e-15)
    assert sim["uncertain_assumptions"] == 8  # market_cleaning.yaml: 3 rates, 2 proxies, 3 adjustments
    # The existing per-output blocks are unchanged and say the same interval.
    assert sim["npv"]["lower"] == pytest.approx(npv_lo, rel=1e-12)
    assert sim["present_value"]["upper"] == pytest.approx(pv_hi, rel=1e-12)


def test_value_table_shows_the_intervals_at_the_ratios_level(market):
    (pv_lo, pv_hi), (npv_lo, npv_hi), _ = _oracle(market.sections[0])
    md = market.to_markdown()
    assert (
        f"| Contante waarde van de effecten: 95%-interval (19 van de 20 simulaties) | "
        f"{_euro_nl(pv_lo)} – {_euro_nl(pv_hi)} |"
    ) in md
    assert (
        f"| Netto contante waarde (NCW): 95%-interval (19 van de 20 simulaties) | "
        f"{_euro_nl(npv_lo)} – {_euro_nl(npv_hi)} |"
    ) in md
    assert npv_lo < 0 < npv_hi  # the NPV's interval straddles 0, which the reader now sees
    en = market.in_language("en").to_markdown()
    assert "| Present value of outcomes: 95% interval (19 of 20 simulations) | €" in en
    assert "| Net present value: 95% interval (19 of 20 simulations) | " in en


def test_the_summary_says_where_the_present_value_lies(market):
    # The summary's "what came back" line gives the value table's interval in plain words.
    (pv_lo, pv_hi), _, _ = _oracle(market.sections[0])
    md = market.to_markdown()
    line = next(x for x in md.splitlines() if x.startswith("- Geschatte opbrengst: "))
    assert line.endswith(
        f"in totaal), bij de centrale aannames; in 19 van de 20 simulaties ligt dat totaal tussen "
        f"{_euro_nl(pv_lo)} en {_euro_nl(pv_hi)}."
    )
    en = market.in_language("en").to_markdown()
    line = next(x for x in en.splitlines() if x.startswith("- Estimated return: "))
    assert line.endswith(
        f"in all), from the central assumptions; in 19 of 20 simulations that total lies between €{pv_lo:,.0f} and €{pv_hi:,.0f}."
    )
    # The JSON's summary holds the same bounds.
    row = json.loads(market.to_json())["summary"][0]
    assert row["pv_lower"] == pytest.approx(pv_lo, rel=1e-12) and row["pv_upper"] == pytest.approx(pv_hi, rel=1e-12)


def test_below_1_the_summary_says_less_came_back_and_where_the_total_lies():
    rep = build_report([DATA / "traditional_provider.yaml"], draws=DRAWS, seed=1, threads=1, lang="nl")
    (pv_lo, pv_hi), _, _ = _oracle(rep.sections[0])
    line = next(x for x in rep.to_markdown().splitlines() if x.startswith("- Geschatte opbrengst: "))
    assert line.endswith(
        f"bij de centrale aannames: minder dan erin is gestoken. In 19 van de 20 simulaties ligt dat totaal "
        f"tussen {_euro_nl(pv_lo)} en {_euro_nl(pv_hi)}."
    )


def test_the_workbook_gives_each_interval_as_two_numbers(market):
    openpyxl = pytest.importorskip("openpyxl")
    (pv_lo, pv_hi), (npv_lo, npv_hi), _ = _oracle(market.sections[0])
    book = openpyxl.load_workbook(io.BytesIO(market.to_xlsx()))
    rows = {r[0].value: r[1] for r in book["Marktschoonmaak met jobcoaching"].iter_rows() if len(r) > 1 and r[0].value}
    pv = "Contante waarde van de effecten: 95%-interval (19 van de 20 simulaties)"
    npv = "Netto contante waarde (NCW): 95%-interval (19 van de 20 simulaties)"
    for label, (lo, hi) in ((pv, (pv_lo, pv_hi)), (npv, (npv_lo, npv_hi))):
        assert label not in rows  # no text "€ 98.347 – € 199.343" in one cell
        lower, upper = rows[f"{label}: ondergrens"], rows[f"{label}: bovengrens"]
        assert lower.data_type == upper.data_type == "n"
        assert lower.value == pytest.approx(lo, rel=1e-12) and upper.value == pytest.approx(hi, rel=1e-12)
        assert lower.number_format == upper.number_format == '"€" #,##0;"€" -#,##0'  # money, as the rows above


def test_payback_is_conditional_with_the_share_of_negative_npv(market):
    _, _, p_neg = _oracle(market.sections[0])
    # By hand (docs/report.md): 140,000 / (65,394 / 12) = 25.69 months, about 26; year by year
    # 24 + 12 × 23,085 / 36,772 = 31.53, about 32.
    assert round(140000 / (65394 / 12)) == 26 and round(24 + 12 * 23085 / 36772) == 32
    share = round(100 * p_neg)
    sentence = (
        "Bij de centrale aannames, in het tempo van het eerste jaar, zou de investering na ongeveer 26 maanden "
        "zijn terugverdiend, nadat de activiteitsperiode van 12 maanden is afgelopen; met de effecten van elk jaar "
        "zoals het model ze geeft (na drop-off, zonder disconteren), na ongeveer 32 maanden. In "
        f"{share}% van de simulaties blijft de contante waarde van de effecten onder de investering (de netto "
        "contante waarde is negatief)."
    )
    md = market.to_markdown()
    assert f"- {sentence}" in md  # the summary
    assert f"*{sentence}*" in md  # under the value table
    assert "terugverdiend na 25,7 maanden" not in md and "is de investering terugverdiend" not in md
    en = market.in_language("en").to_markdown()
    assert (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about 26 "
        f"months, after the activity period of 12 months has ended; with each year's effects as the model gives "
        f"them (after drop-off, before discounting), after about 32 months. In {share}% of the simulations the "
        "present value of the outcomes stays below the investment (the net present value is negative)."
    ) in en


def test_a_payback_that_never_comes_is_conditional_and_keeps_no_months():
    rep = build_report([DATA / "traditional_provider.yaml"], draws=DRAWS, seed=1, threads=1, lang="nl")
    _, _, p_neg = _oracle(rep.sections[0])
    md = rep.to_markdown()
    assert (
        "Bij de centrale aannames wordt de investering niet terugverdiend: over de 3 jaar dat de effecten duren, "
        f"leveren ze {_euro_nl(123646)} op (zonder disconteren), minder dan de geïnvesteerde {_euro_nl(130000)}. "
        f"In {round(100 * p_neg)}% van de simulaties blijft de contante waarde van de effecten onder de investering"
    ) in md
    assert "| Terugverdientijd (maanden) | nooit (zie hieronder) |" in md
    assert json.loads(rep.to_json())["summary"][0]["payback_months"] is None


FIXED = """\
impactchain: 1
name: Vast
currency: EUR
price_year: 2024
period: {start: 2024, end: 2024}
chain:
  nodes:
    - {id: coaching, level: activity, quantity: 30, unit: deelnemers}
    - {id: employed, level: outcome, unit: personen}
  edges: [{from: coaching, to: employed, rate: 0.25}]
outcomes:
  - {id: saved, node: employed, proxy: {value: 15000, currency: EUR, source: hand}, deadweight: 0.2, attribution: 0.1}
investments: [{funder: municipality, amount: 60000}]
"""


def test_a_model_with_every_assumption_fixed_gets_no_interval_and_no_chance(tmp_path):
    path = tmp_path / "fixed.yaml"
    path.write_text(FIXED, encoding="utf-8")
    rep = build_report([path], draws=200, seed=1, threads=1, lang="nl")
    md = rep.to_markdown()
    assert "-interval (19 van de 20 simulaties)" not in md
    assert "van de simulaties blijft de contante waarde" not in md
    assert "simulaties blijft de contante waarde" not in md
    # 30 × 0.25 × 15,000 × 0.8 × 0.9 = 81,000 in the one year, discounted once at 2.25 %; payback at the
    # first year's pace 60,000 / (81,000 / 12) = 8.9 months, about 9, within the 12-month period.
    assert (
        "- Bij de centrale aannames, in het tempo van het eerste jaar, zou de investering na ongeveer 9 maanden "
        "zijn terugverdiend, binnen de activiteitsperiode van 12 maanden.\n"
    ) in md
    # The ratio (81,000 / 1.0225) / 60,000 = 1.32 is the same in every draw: no interval ("1,32 – 1,32"),
    # no chance of 100%, but words saying no uncertainty was given, as the portfolio report says it.
    assert round(81000 / 1.0225 / 60000, 2) == 1.32
    assert "1,32 – 1,32" not in md and "tussen 1,32 en 1,32" not in md
    assert (
        "- Hoe zeker: n.v.t. (geen onzekerheid opgegeven): elke aanname in het model is een vast getal, dus de "
        "simulaties kunnen niet zeggen hoe zeker de ratio is.\n"
    ) in md
    assert (
        "Bij de centrale aannames is de ratio 1,32. Elke aanname in het model is een vast getal (geen onzekerheid "
        "opgegeven), dus elk van de 200 simulaties geeft dezelfde ratio"
    ) in md
    assert "in 100% ervan" not in md and "Elke staaf: het deel van de simulaties" not in md  # no chance, no histogram
    assert "Saldo, interval" not in md and "Kans saldo" not in md  # the ledger: each party's net, nothing drawn
    # The summary's return line says no interval either.
    assert f"- Geschatte opbrengst: €{NBSP}1,32 maatschappelijke waarde per €{NBSP}1 investering" in md
    assert "ligt dat totaal tussen" not in md
    assert "<td>n/a (no uncertainty given)</td>" in rep._repr_html_() and "1.32 – 1.32" not in rep._repr_html_()
    en = rep.in_language("en").to_markdown()
    assert "- How sure we are: n/a (no uncertainty given): every assumption in the model is a fixed number" in en
    row = json.loads(rep.to_json())["summary"][0]
    assert row["present_value"] == pytest.approx(81000 / 1.0225, rel=1e-12)
    assert [row[k] for k in ("pv_lower", "pv_upper", "npv_lower", "npv_upper", "p_npv_below_0")] == [None] * 5
    assert json.loads(rep.to_json())["models"][0]["simulation"]["uncertain_assumptions"] == 0


def _section(p_neg, months=16.0, reached=True, spread=3, draws=1000):
    """A model section as the report holds it, with a simulation that gives P(NPV < 0)."""
    yearly = pd.DataFrame({"outcome": "o", "year": [1, 2, 3], "after_drop_off": [6000.0, 6000.0, 6000.0]})
    value = {
        "payback_months": months,
        "payback_reached": reached,
        "investment": 8000.0,
        "yearly": yearly,
        "payback_effects": 18000.0 if reached else 7000.0,
        "effect_years": 3,
        "payback_months_by_year": 16.0 if reached else None,
    }
    sim = {"p_npv_below_0": p_neg, "uncertain_assumptions": spread, "draws": draws}
    return SimpleNamespace(
        value=value, info={"currency": "EUR", "period": {"start": 2024, "end": 2024}}, simulation=sim
    )


def _say(sec, lang="en") -> str:
    key, values = payback_words(sec, words(lang))
    return words(lang)(key, **dict(values))


def test_the_share_is_never_rounded_to_a_certainty():
    # 996 of 1,000 simulations below: "over 99%", never "100%"; 4 of 1,000: "under 1%".
    text = _say(_section(0.996))
    assert text.endswith(
        "In over 99% of the simulations the present value of the outcomes stays below the investment "
        "(the net present value is negative)."
    )
    assert "100%" not in text
    assert "In meer dan 99% van de simulaties" in _say(_section(0.996), "nl")
    assert _say(_section(0.004)).split(". ")[1].startswith("In under 1% of the simulations")
    # None and all of them are said as counts, not as 0% and 100%.
    assert _say(_section(0.0)).endswith(
        "In none of the 1,000 simulations does the present value of the outcomes stay below the investment."
    )
    assert _say(_section(1.0), "nl").endswith(
        "In alle 1.000 simulaties blijft de contante waarde van de effecten onder de investering."
    )
    # 6,000 a year against 8,000: 16 months by either rule, said once, as "about 16".
    assert _say(_section(0.25)).startswith(
        "From the central assumptions, at the first year's pace, the investment would be paid back after about "
        "16 months, after the activity period of 12 months has ended. In 25% of the simulations"
    )


def test_no_chance_without_draws_and_none_for_an_undefined_payback():
    plain = (
        "From the central assumptions, at the first year's pace, the investment would be paid back after about "
        "16 months, after the activity period of 12 months has ended."
    )
    assert _say(_section(0.0, spread=0)) == plain  # every assumption fixed: nothing to share out
    assert _say(_section(None)) == plain  # not known (no draws kept)
    assert _say(_section(0.3, months=None, reached=None)).startswith("The payback period is not defined")
    assert "simulations" not in _say(_section(0.3, months=None, reached=None))
    never = _say(_section(0.7, months=16.0, reached=False))
    assert never == (
        "From the central assumptions the investment is not paid back: over the 3 years the effects last they "
        "bring back €7,000 (before discounting), less than the €8,000 invested. In 70% of the simulations the "
        "present value of the outcomes stays below the investment (the net present value is negative)."
    )
