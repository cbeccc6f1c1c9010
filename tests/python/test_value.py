"""Monetised value (SROI) against hand calculations written out step by step.
Mirrors tests/cpp/test_value.cpp; golden models in tests/data/value_*.json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import impactchain as ic
from small_models import BUURTKAMER_HEAD

DATA = Path(__file__).resolve().parents[1] / "data"
TWO = DATA / "value_two_outcomes.json"

# value_two_outcomes.json, by hand (discount 5 %, year 1 discounted):
# employed:       Q = 40 trained × 0.3 = 12; P = 10,000 (2024 prices)
#                 I = 12 × 10,000 × (1−0.25)(1−0.1)(1−0.2) = 120,000 × 0.54 = 64,800
#                 years 1..3, drop-off 50 %: 64,800; 32,400; 16,200
# benefits_saved: P = 5,000 (2020 prices) × 120/100 = 6,000
#                 I = 8 × 6,000 × (1−0.5)(1−0)(1−0.1) = 21,600; starts after the 1-year period:
#                 years 2, 3, 4 (duration 2.5 → year 4 counts half), drop-off 20 %:
#                 21,600; 17,280; 21,600 × 0.8² × 0.5 = 6,912
# investment:     60,000 + 40,000 = 100,000 in year 0
EMPLOYED_PV = 64800 / 1.05 + 32400 / 1.05**2 + 16200 / 1.05**3
BENEFITS_PV = 21600 / 1.05**2 + 17280 / 1.05**3 + 6912 / 1.05**4


def _dict(path: Path) -> dict:
    return json.loads(path.read_text())


def _model(d: dict) -> ic.Model:
    return ic.loads(json.dumps(d), format="json")


def _has(items: list[str], part: str) -> bool:
    return any(part in s for s in items)


def test_two_outcomes_by_hand():
    r = ic.value(TWO)  # a path is loaded with impactchain.load
    assert r.currency == "EUR" and r.price_year == 2024
    assert r.discount == "constant 5%"
    pv = EMPLOYED_PV + BENEFITS_PV
    assert r.present_value == pytest.approx(pv, rel=1e-12)
    assert r.investment_pv == 100000
    assert r.npv == pytest.approx(pv - 100000, rel=1e-12)
    assert r.sroi_ratio == pytest.approx(pv / 100000, rel=1e-12)
    assert r.net_sroi == pytest.approx((pv - 100000) / 100000, rel=1e-12)
    # Payback: 100,000 / ((64,800 + 21,600) / 12) months.
    assert r.payback_months == pytest.approx(100000 / 7200)
    o = r.outcomes.set_index("id")
    assert o.loc["employed", "impact"] == pytest.approx(64800)
    assert o.loc["benefits_saved", "unit_proxy"] == pytest.approx(6000)
    assert not o["negative"].any()


def test_yearly_table_columns_and_values():
    r = ic.value(ic.load(TWO))
    y = r.yearly
    assert isinstance(y, pd.DataFrame)
    assert list(y.columns) == [
        "outcome",
        "stakeholder",
        "year",
        "gross",
        "after_deadweight",
        "after_displacement",
        "after_attribution",
        "after_leakage",
        "after_drop_off",
        "discount_factor",
        "discounted",
    ]
    row = y[(y.outcome == "benefits_saved") & (y.year == 4)].iloc[0]
    assert row.gross == pytest.approx(8 * 6000 * 0.5)
    assert row.after_deadweight == pytest.approx(12000)
    assert row.after_attribution == pytest.approx(10800)
    assert row.after_drop_off == pytest.approx(6912)
    assert row.discount_factor == pytest.approx(1.05**-4)
    emp = y[y.outcome == "employed"]
    assert list(emp.after_drop_off) == pytest.approx([64800, 32400, 16200])
    assert r.by_stakeholder.set_index("stakeholder").loc["participants", "present_value"] == pytest.approx(EMPLOYED_PV)
    f = r.by_funder.set_index("funder")
    assert f.loc["municipality", "share"] == pytest.approx(0.6)
    assert f.loc["foundation", "amount"] == 40000


def test_conventions_additive_and_options_recorded():
    r = ic.value(TWO, discount_first_year=False)
    # Year y uses D_(y-1).
    expect = (64800 + 32400 / 1.05 + 16200 / 1.05**2) + (21600 / 1.05 + 17280 / 1.05**2 + 6912 / 1.05**3)
    assert r.present_value == pytest.approx(expect, rel=1e-12)
    assert r.options["discount_first_year"] is False
    a = ic.value(TWO, adjustments="additive")
    # employed: 120,000 × (1 − 0.25 − 0.1 − 0.2) = 54,000; benefits: 48,000 × (1 − 0.5 − 0.1) = 19,200.
    expect = (54000 / 1.05 + 27000 / 1.05**2 + 13500 / 1.05**3) + (
        19200 / 1.05**2 + 19200 * 0.8 / 1.05**3 + 19200 * 0.64 * 0.5 / 1.05**4
    )
    assert a.present_value == pytest.approx(expect, rel=1e-12)
    assert a.options["adjustments"] == "additive"
    assert ic.value(TWO).options == {
        "adjustments": "multiplicative",
        "discount_first_year": True,
        "discount_investments": False,
        "drop_off_start": "second_year",
        "long_duration_years": 1.0,
        "switching_values": True,
    }


def test_discounted_investments():
    d = _dict(TWO)
    d["investments"][1]["year"] = 2
    assert ic.value(_model(d), discount_investments=True).investment_pv == pytest.approx(60000 + 40000 / 1.05**2)
    assert ic.value(_model(d)).investment_pv == 100000


def test_green_book_band_boundary():
    r = ic.value(DATA / "value_green_book_long.json")
    # 800 a year for 32 years: years 1..30 at 3.5 %, 31..32 at 3 % on top of 1.035^-30.
    annuity30 = (1 - 1.035**-30) / 0.035
    tail = 1.035**-30 * (1 / 1.03 + 1 / 1.03**2)
    assert r.present_value == pytest.approx(800 * (annuity30 + tail), rel=1e-12)
    assert _has(r.warnings, "lasts 32 years with no drop-off")
    u = ic.value(DATA / "value_green_book_long.json", discount_first_year=False)
    assert u.present_value == pytest.approx(800 * (1 + annuity30 + 1.035**-30 / 1.03), rel=1e-12)


def test_wellby_example():
    r = ic.value(DATA / "value_wellby.json")
    o = r.outcomes.iloc[0]
    # +0.2 points × £13,000 per WELLBY = £2,600 per person per year.
    assert o.unit_proxy == pytest.approx(2600)
    assert o.valuation == "wellby"
    # 5 people × 2,600 × (1 − 0.3) = 9,100 a year for 2 years at 3.5 %.
    assert r.present_value == pytest.approx(9100 / 1.035 + 9100 / 1.035**2, rel=1e-12)
    assert _has(r.assumptions, "wellbeing valuation (a proxy, not a market price)")
    assert _has(r.assumptions, "published range GBP 10,000–16,000")
    d = _dict(DATA / "value_wellby.json")
    d["price_year"] = 2024
    with pytest.raises(ic.ValidationError, match=r"outcomes\[0\]\.wellbeing\.value_per_wellby: .*2019 prices"):
        ic.value(_model(d))
    d["price_index"] = {"2019": 100, "2024": 125}
    assert ic.value(_model(d)).outcomes.iloc[0].unit_proxy == pytest.approx(3250)


def test_warnings_negative_and_double_counting():
    r = ic.value(DATA / "value_warnings.json")
    # jobs 60,000 for 5 years; benefits 18,000 then 14,400; displaced −3,000 in year 3; nl_2021 2.25 %.
    jobs = sum(60000 / 1.0225**t for t in range(1, 6))
    expect = jobs + 18000 / 1.0225 + 14400 / 1.0225**2 - 3000 / 1.0225**3
    assert r.present_value == pytest.approx(expect, rel=1e-12)
    o = r.outcomes.set_index("id")
    assert bool(o.loc["displaced_hiring", "negative"]) is True
    assert o.loc["displaced_hiring", "present_value"] == pytest.approx(-3000 / 1.0225**3)
    assert _has(r.warnings, "outcome 'jobs': no adjustments")
    assert _has(r.warnings, "outcome 'jobs': the financial proxy has no source")
    assert _has(
        r.warnings, "double counting: outcome 'jobs' (node 'employed') and outcome 'benefits' (node 'off_benefits')"
    )
    assert _has(r.assumptions, "discount: not given; using nl_2021 (2.25%) because the model currency is EUR")
    assert "(negative)" in str(r.summary())
    d = _dict(DATA / "value_warnings.json")
    d["outcomes"][2]["deadweight"] = 0
    d["investments"] = []
    none = ic.value(_model(d))
    assert _has(none.warnings, "deadweight is 0 for every outcome")
    assert none.sroi_ratio is None and none.payback_months is None
    assert none.to_dict()["sroi_ratio"] is None


def test_switching_values_recomputed():
    m = ic.load(TWO)
    r = ic.value(m)
    sv = r.switching_values
    assert set(sv) == set(ic.value_parameters(m))
    found = {k: v for k, v in sv.items() if v is not None}
    assert len(found) >= 8
    for name, v in found.items():
        assert ic.value_totals(m, {name: v})["sroi_ratio"] == pytest.approx(1.0, rel=1e-9), name
    # Investment at which SROI = 1: the other funder's 40,000 plus this one = PV.
    assert sv["investments[0].amount"] == pytest.approx(EMPLOYED_PV + BENEFITS_PV - 40000, rel=1e-9)
    # Drop-off of benefits_saved never gets there: at 1, PV = EMPLOYED_PV + 21,600/1.05² > 100,000.
    assert sv["outcomes[benefits_saved].drop_off"] is None
    assert ic.value_totals(m, {"outcomes[benefits_saved].drop_off": 1.0})["sroi_ratio"] > 1


def test_to_dict_is_json_with_attribute_names():
    r = ic.value(TWO)
    d = r.to_dict()
    text = json.dumps(d, allow_nan=False)
    for key in (
        "present_value",
        "npv",
        "sroi_ratio",
        "net_sroi",
        "payback_months",
        "switching_values",
        "warnings",
        "assumptions",
        "yearly",
        "by_stakeholder",
        "by_funder",
        "options",
    ):
        assert key in d
    assert d["present_value"] == r.present_value
    assert d["yearly"][0]["outcome"] == "employed"
    assert json.loads(text)["switching_values"]["outcomes[benefits_saved].drop_off"] is None
    assert "SROI ratio" in str(r.summary())
    assert "<h4>" in r._repr_html_()


def test_cli_value_json_and_summary():
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "impactchain", "value", str(TWO)]
    out = subprocess.run(cmd + ["--json"], capture_output=True, text=True, env=env, check=True).stdout
    data = json.loads(out)
    assert data["present_value"] == pytest.approx(EMPLOYED_PV + BENEFITS_PV, rel=1e-12)
    text = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    assert "SROI ratio" in text


def test_bad_input_names_outcome_and_field():
    base = {"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "f", "amount": 100}]}

    def with_outcome(**fields):
        o = {"id": "o", "quantity": 10, "proxy": {"value": 5, "currency": "EUR", "source": "s"}}
        o.update(fields)
        return json.dumps({**base, "outcomes": [o]})

    with pytest.raises(
        ic.ValidationError, match=r"outcomes\[0\]\.deadweight: outcome 'o': deadweight must be in \[0, 1\], got 1.3"
    ):
        ic.loads(with_outcome(deadweight=1.3), format="json")
    with pytest.raises(
        ic.ValidationError, match=r"outcomes\[0\]\.duration: outcome 'o': duration must be in \(0, 300\] years, got -2"
    ):
        ic.loads(with_outcome(duration=-2), format="json")
    with pytest.raises(
        ic.ValidationError, match=r"outcomes\[0\]\.quantity: outcome 'o': quantity must be in \[0, inf\]"
    ):
        ic.loads(with_outcome(quantity=-3), format="json")
    with pytest.raises(
        ic.ValidationError, match=r"outcomes\[0\]\.proxy\.currency: outcome 'o': proxy currency is missing"
    ):
        ic.loads(with_outcome(proxy={"value": 5}), format="json")
    with pytest.raises(ic.ValidationError, match=r"currency USD differs from the model currency EUR"):
        ic.loads(with_outcome(proxy={"value": 5, "currency": "USD"}), format="json")
    gap = {
        **json.loads(with_outcome()),
        "discount": {"bands": [{"from": 0, "to": 30, "rate": 0.035}, {"from": 32, "rate": 0.03}]},
    }
    with pytest.raises(ic.ValidationError, match=r"discount\.bands\[1\]\.from: bands leave a gap"):
        ic.loads(json.dumps(gap), format="json")
    with pytest.raises(ic.ValidationError, match=r"discount\.rate: discount rate must be in \[0, 1\], got 1.5"):
        ic.loads(json.dumps({**json.loads(with_outcome()), "discount": {"rate": 1.5}}), format="json")
    with pytest.raises(ValueError, match="adjustments must be one of 'multiplicative', 'additive', got 'sum'"):
        ic.value(TWO, adjustments="sum")
    with pytest.raises(TypeError, match="unexpected keyword argument 'discount'"):
        ic.value(TWO, discount="green_book")
    with pytest.raises(ValueError, match=r"has no parameter 'outcomes\[employed\]\.deadwieght'"):
        ic.value_totals(TWO, {"outcomes[employed].deadwieght": 0.1})
    d = _dict(TWO)
    d["outcomes"][0]["attribution"] = 0.7
    with pytest.raises(ic.ValidationError, match=r"deadweight \+ displacement \+ attribution = 1\.05 exceeds 1"):
        ic.value(_model(d), adjustments="additive")


# --------------------------------------------------------------------------- numbers without meaning
def _one_outcome(proxy: float, amount: float, quantity: float = 10, deadweight: float = 0.5, **extra) -> dict:
    """One outcome, discount 0, one year: PV = quantity x proxy x (1 - deadweight)."""
    return {
        "name": "x",
        "currency": "EUR",
        "price_year": 2024,
        "discount": {"rate": 0},
        "investments": [{"funder": "f", "amount": amount}],
        "outcomes": [
            {
                "id": "o",
                "quantity": quantity,
                "deadweight": deadweight,
                "proxy": {"value": proxy, "currency": "EUR", "source": "s"},
            }
        ],
        **extra,
    }


def test_overflowing_present_value_is_an_error_naming_the_outcomes():
    big = _one_outcome(1.7e308, 100, deadweight=0)
    with pytest.raises(ic.ValidationError, match="outcomes: the value of outcome 'o' is not a finite number"):
        ic.value(_model(big))
    two = _one_outcome(1.7e308, 100, quantity=2, deadweight=0)
    two["outcomes"].append(
        {"id": "minus", "quantity": 2, "proxy": {"value": -1.7e308, "currency": "EUR", "source": "s"}}
    )
    with pytest.raises(ic.ValidationError, match="outcome 'o', 'minus' is not a finite number"):
        ic.value(_model(two))
    with pytest.raises(ic.ValidationError, match="present_value is not a finite number"):
        ic.value_totals(
            _model(_one_outcome(1.0, 100, deadweight=0)),
            {"outcomes[o].proxy.value": 1.7e308, "outcomes[o].quantity": 10},
        )


def test_investment_of_about_zero_gives_no_ratio_but_a_note_and_a_warning():
    # PV = 10 x 5 x (1 - 0.5) = 25; the investment 1e-300 would give a 300-digit ratio.
    r = ic.value(_model(_one_outcome(5, 1e-300)))
    assert r.present_value == pytest.approx(25.0)
    assert r.sroi_ratio is None and r.net_sroi is None
    assert r.sroi_note == "not computed: investment is ~0"
    assert _has(r.warnings, "is ~0 next to the present value")
    text = str(r.summary())
    assert "not computed: investment is ~0" in text
    assert not re.search(r"\b(inf|nan)\b", text, re.IGNORECASE)
    assert "e+" not in text  # no number in exponent form, e.g. a 1e+300 ratio
    d = r.to_dict()
    assert d["sroi_ratio"] is None and d["sroi_note"] == "not computed: investment is ~0"
    json.dumps(d, allow_nan=False)
    # 1 cent is enough: 25 / 0.01 = 2500.
    assert ic.value(_model(_one_outcome(5, 0.01))).sroi_ratio == pytest.approx(2500.0)
    # value_totals follows the same rule: None, not a huge number.
    t = ic.value_totals(_model(_one_outcome(5, 100)), {"investments[0].amount": 1e-300})
    assert t["sroi_ratio"] is None and t["net_sroi"] is None
    assert t["present_value"] == pytest.approx(25.0)


def test_every_result_is_strict_json():
    for path in sorted(DATA.glob("value_*.json")) + [DATA / "model_basic.json"]:
        json.dumps(ic.value(path).to_dict(), allow_nan=False)
    no_inv = _one_outcome(5, 100)
    no_inv["investments"] = []
    r = ic.value(_model(no_inv))
    assert r.sroi_note == "not defined: no investments"
    assert set(r.switching_notes) == set(r.switching_values)
    assert all(
        n == "none in range: the SROI ratio is not defined without an investment" for n in r.switching_notes.values()
    )
    json.dumps(r.to_dict(), allow_nan=False)
    assert "none in range" in str(r.summary())


def test_value_totals_refuses_values_outside_the_parameter_domain():
    m = _model(_one_outcome(5, 100))
    with pytest.raises(
        ic.ValidationError, match=r"values\['outcomes\[o\]\.deadweight'\]: must be a finite number in \[0, 1\], got 5"
    ):
        ic.value_totals(m, {"outcomes[o].deadweight": 5})
    with pytest.raises(
        ic.ValidationError, match=r"values\['outcomes\[o\]\.quantity'\]: must be a finite number in \[0, inf\]"
    ):
        ic.value_totals(m, {"outcomes[o].quantity": -1})
    with pytest.raises(
        ic.ValidationError, match=r"values\['outcomes\[o\]\.proxy\.value'\] must be a finite number, got nan"
    ):
        ic.value_totals(m, {"outcomes[o].proxy.value": float("nan")})
    rated = _model({**_one_outcome(5, 100), "discount": {"rate": 0.05}})
    with pytest.raises(
        ic.ValidationError, match=r"values\['discount\.rate'\]: must be a finite number in \[0, 1\], got -0.99"
    ):
        ic.value_totals(rated, {"discount.rate": -0.99})
    with pytest.raises(TypeError, match="values must be a dict"):
        ic.value_totals(m, [("outcomes[o].deadweight", 0.1)])
    with pytest.raises(TypeError, match=r"values\['outcomes\[o\]\.deadweight'\] must be a number, got str"):
        ic.value_totals(m, {"outcomes[o].deadweight": "0.1"})
    # In range: 10 x 5 x (1 - 0.2) = 40 against 100.
    assert ic.value_totals(m, {"outcomes[o].deadweight": 0.2})["sroi_ratio"] == pytest.approx(0.4)


def test_value_options_are_type_checked():
    with pytest.raises(TypeError, match="discount_first_year must be True or False, got str"):
        ic.value(TWO, discount_first_year="no")
    with pytest.raises(TypeError, match="switching_values must be True or False, got int"):
        ic.value(TWO, switching_values=1)
    with pytest.raises(ValueError, match=r"long_duration_years must be a finite number in \[0, inf\], got -1.0"):
        ic.value(TWO, long_duration_years=-1)


def test_model_years_outside_the_range_are_refused_by_validate(tmp_path):
    from impactchain.cli import main

    d = _one_outcome(5, 100)
    d["investments"][0]["year"] = 999999999
    path = tmp_path / "years.json"
    path.write_text(json.dumps(d))
    assert main(["validate", str(path)]) == 1
    with pytest.raises(ic.ValidationError, match=r"investments\[0\]\.year: investment 'f': year must be in \[0, 300\]"):
        ic.load(path)
    d = _one_outcome(5, 100, period={"start": -1000000000, "end": 1000000000})
    with pytest.raises(ic.ValidationError, match=r"period\.start: period start must be a year in \[1900, 2200\]"):
        _model(d)


def test_cli_value_prints_no_inf_or_nan(tmp_path):
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(_one_outcome(1.7e308, 100, quantity=10, deadweight=0)))
    cmd = [sys.executable, "-m", "impactchain", "value", str(path)]
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 1
    assert "outcome 'o' is not a finite number" in r.stderr
    assert not re.search(r"\b(inf|nan)\b", r.stdout + r.stderr, re.IGNORECASE)
    tiny = tmp_path / "tiny.json"
    tiny.write_text(json.dumps(_one_outcome(5, 1e-300)))
    r = subprocess.run(cmd[:-1] + [str(tiny)], capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0
    assert "not computed: investment is ~0" in r.stdout
    assert not re.search(r"\b(inf|nan)\b", r.stdout, re.IGNORECASE)
    r = subprocess.run(cmd[:-1] + [str(tiny), "--json"], capture_output=True, text=True, env=dict(os.environ))
    assert json.loads(r.stdout)["sroi_ratio"] is None


def test_a_model_without_a_price_year_says_so_not_year_0():
    # A model that values nothing in money need not state a price year: the result has none (None,
    # not the core's 0), and its text, the model's repr and its card say "no price year".
    m = ic.loads(
        "impactchain: 1\nname: Soft only\ncurrency: EUR\nchain:\n  nodes: [{id: a, level: activity, quantity: 5}]\n",
        format="yaml",
    )
    r = ic.value(m)
    assert r.price_year is None and r.to_dict()["price_year"] is None
    assert str(r.summary()).splitlines()[0].startswith("Monetised value (EUR, no price year; discount:")
    assert "value.no_outcomes" in [w.code for w in r.warnings] and r.present_value == 0
    assert repr(m).startswith("<Model 'Soft only': EUR, no price year, 0 outcomes")
    assert "EUR (no price year)" in m._repr_html_()
    # With one, it is as before.
    assert str(ic.value(ic.load(TWO)).summary()).splitlines()[0].startswith("Monetised value (EUR, 2024 prices;")
    # Nor need it state a currency: the text says so, never "(, no price year".
    soft = ic.loads(
        "impactchain: 1\nname: Soft\nchain:\n  nodes: [{id: a, level: activity, quantity: 5}]\n", format="yaml"
    )
    assert (
        str(ic.value(soft).summary())
        .splitlines()[0]
        .startswith("Monetised value (no currency, no price year; discount:")
    )
    assert repr(soft).startswith("<Model 'Soft': no currency, no price year, 0 outcomes")
    assert "none (no price year)" in soft._repr_html_()


def test_the_text_of_a_valuation_without_monetised_outcomes_says_what_its_zero_means():
    # 20,000 invested, no outcome in money: the formula's ratio 0 / 20,000 = 0 and net SROI
    # 0 / 20,000 - 1 = -1 are shown with what they mean; no switching value (none exists).
    m = ic.loads(
        BUURTKAMER_HEAD
        + "chain:\n  nodes: [{id: a, level: activity, quantity: 5}]\ninvestments: [{funder: city, amount: 20000}]\n",
        format="yaml",
    )
    r = ic.value(m)
    text = str(r.summary())
    assert r.sroi_ratio == 0 and r.net_sroi == -1  # the formula's numbers are kept
    assert "none  no outcome is valued in money" in text
    assert "SROI ratio         0.00 : 1  (no outcome is valued in money)" in text
    assert "net SROI           -1.00  (no outcome is valued in money)" in text
    assert "Switching values" not in text
    assert "Switching values" in str(ic.value(ic.load(TWO)).summary())
