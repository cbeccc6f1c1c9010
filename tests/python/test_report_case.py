"""The report of a model with a soft outcome measured as Hedges' g with an id column
(three rows unusable), outcomes without a stakeholder and three funders: HTML,
Markdown and JSON say g, list the respondent ids (with --no-ids their reasons only), name things
by name, and agree with ic.value and ic.soft_outcome_summary on every number."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.report import SOFT_RESAMPLES

CASE = Path(__file__).resolve().parents[1] / "data" / "report_case"
MODEL = CASE / "model.yaml"
SEED = 11
DRAWS = 300
UNUSED_IDS = ["R-0140", "R-0153", "R-0176"]  # rows 9, 12 and 17 of survey.csv lack post, pre, post
STAKEHOLDERS = {"visitors": "Café visitors", "city": "City of Delft", "fund": "Oranje Fonds"}


def _write(tmp_path: Path, *extra: str) -> tuple[dict, str, str]:
    out = tmp_path / "out"
    rc = main(["report", str(MODEL), "-o", f"{out}/", "--draws", str(DRAWS), "--seed", str(SEED), "--quiet", *extra])
    assert rc == 0
    return (
        json.loads((out / "report.json").read_text(encoding="utf-8")),
        (out / "report.html").read_text(encoding="utf-8"),
        (out / "report.md").read_text(encoding="utf-8"),
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("case"))


@pytest.fixture(scope="module")
def oracle():
    model = ic.load(MODEL)
    spec = dict(model.soft_outcomes[0], seed=SEED, resamples=SOFT_RESAMPLES)
    return ic.value(model), ic.soft_outcome_summary(spec, CASE)


def test_soft_outcome_is_reported_as_g(written, oracle):
    d, html, md = written
    so = d["models"][0]["soft_outcomes"][0]
    summ = oracle[1]
    assert so["effect_size_kind"] == summ.effect_size_kind == "g"
    assert so["effect_size_convention"] == summ.effect_size_convention
    overall = next(g for g in summ.to_dict()["groups"] if g["group"] == "all")
    for key in ("mean_pre", "mean_post", "mean_change", "change_ci_low", "change_ci_high", "effect_size"):
        assert so[key] == overall[key], key
    assert so["n_used"] == summ.n_used and so["n_rows"] == summ.n_rows
    # Hand calculation from the CSV: complete rows only; g = mean change / sqrt((var_pre + var_post) / 2) * J,
    # J = 1 - 3 / (4 (n + n) - 9) (Hedges' correction).
    df = pd.read_csv(CASE / "survey.csv").dropna()
    n = len(df)
    g = (df["post"] - df["pre"]).mean() / math.sqrt((df["pre"].var() + df["post"].var()) / 2) * (1 - 3 / (8 * n - 9))
    assert n == so["n_used"] == 17
    assert so["mean_change"] == pytest.approx(3.0, abs=1e-12)
    assert so["effect_size"] == pytest.approx(g, rel=1e-12)
    text = f"size g = {so['effect_size']:.2f}"
    assert text in html and text in md
    for doc in (html, md, json.dumps(d["defaults"])):
        assert "d_z" not in doc and "dz" not in doc


def test_rows_not_used_by_respondent_id(written):
    d, html, md = written
    so = d["models"][0]["soft_outcomes"][0]
    assert [r["id"] for r in so["rows_not_used"]] == UNUSED_IDS
    assert [r["row"] for r in so["rows_not_used"]] == [9, 12, 17]
    assert so["n_rows_not_used"] == 3
    # each with its reason, read off survey.csv: no post for R-0140 and R-0176, no pre for R-0153
    df = pd.read_csv(CASE / "survey.csv")
    no_post = ", ".join(df.loc[df["post"].isna(), "respondent"])
    no_pre = ", ".join(df.loc[df["pre"].isna(), "respondent"])
    assert (no_post, no_pre) == ("R-0140, R-0176", "R-0153")
    line = f"3 respondents not used: {no_post} (no after score); {no_pre} (no before score)"
    appendix = html[html.index('id="data-appendix"') :]
    assert line in appendix
    assert line in md[md.index("Data appendix") :]


def test_no_ids_leaves_the_ids_out_and_keeps_counts_and_reasons(tmp_path):
    d, html, md = _write(tmp_path, "--no-ids")
    so = d["models"][0]["soft_outcomes"][0]
    assert so["n_rows_not_used"] == 3
    # by hand from survey.csv: rows 9 and 17 lack the after, row 12 the before; no id or row shown
    assert [(r["id"], r["row"], r["missing"]) for r in so["rows_not_used"]] == [
        (None, None, ["post"]),
        (None, None, ["pre"]),
        (None, None, ["post"]),
    ]
    assert d["settings"]["respondent_ids"] is False
    for doc in (html, md, json.dumps(d)):
        for rid in UNUSED_IDS:
            assert rid not in doc
    line = "3 respondents not used: ids left out of this report; 2 × no after score; 1 × no before score"
    assert line in html[html.index('id="data-appendix"') :] and line in md[md.index("Data appendix") :]


def test_api_flag_and_one_model(oracle):
    rep = ic.build_report(ic.load(MODEL), draws=DRAWS, seed=SEED, ids=False)  # one model, not a list
    so = rep.to_dict()["models"][0]["soft_outcomes"][0]
    assert so["n_rows_not_used"] == 3 and all(r["id"] is None and r["row"] is None for r in so["rows_not_used"])
    assert [r["missing"] for r in so["rows_not_used"]] == [["post"], ["pre"], ["post"]]
    with pytest.raises(TypeError, match="ids"):
        ic.build_report(MODEL, draws=DRAWS, seed=SEED, ids="no")


def test_names_everywhere(written, oracle):
    d, html, md = written
    v = d["models"][0]["value"]
    # Value by stakeholder and by funder are labelled by name; the outcomes without a
    # stakeholder carry the value tables' own label "(none)".
    expected_sh = {
        STAKEHOLDERS.get(k, k): x
        for k, x in zip(oracle[0].by_stakeholder["stakeholder"], oracle[0].by_stakeholder["present_value"])
    }
    assert v["by_stakeholder"] == expected_sh
    assert set(v["by_stakeholder"]) == {"Café visitors", "(none)"}
    assert set(v["by_funder"]) == {"Café visitors", "City of Delft", "Oranje Fonds"}
    assert "unassigned" not in html + md
    for name in ("Café visitors", "City of Delft", "Oranje Fonds", "(none)"):
        assert name in md, name
    for name in ("Money saved on new items", "Waste collection avoided", "CO2 emissions avoided"):
        assert name in html and name in md
    # No outcome or node id reaches the prose or the labels.
    for ident in ("money_saved", "waste_avoided", "co2_avoided", "'sessions'", "investment 0", "investments[0]"):
        assert ident not in html.replace('"id"', ""), ident
        assert ident not in md, ident
    for label in v["switching_value_labels"].values():
        assert "[" not in label and "_" not in label, label
    assert "investment of City of Delft (year 0)" in v["switching_value_labels"].values()
    assert "conversion rate Repair visits → Items repaired" in v["switching_value_labels"].values()


def _leaves(x, path=""):
    if isinstance(x, dict):
        for k, y in x.items():
            yield from _leaves(y, f"{path}.{k}")
    elif isinstance(x, (int, float)) and not isinstance(x, bool):
        yield path, x


def test_numbers_agree_with_value(written, oracle):
    d, html, md = written
    res = oracle[0]
    v = d["models"][0]["value"]
    assert "pv_investment" not in json.dumps(d)
    scalars = {
        "present_value": res.present_value,
        "investment_pv": res.investment_pv,
        "npv": res.npv,
        "sroi_ratio": res.sroi_ratio,
        "net_sroi": res.net_sroi,
        # a payback that never comes has no months in the report (its text says "never")
        "payback_months": None if res.payback_reached is False else res.payback_months,
    }
    for key, x in scalars.items():
        assert v[key] == x, key
    summary = d["summary"][0]
    for key in ("present_value", "investment_pv", "npv", "sroi_ratio"):
        assert summary[key] == scalars[key], key
    # A payback that never comes has no months, in the summary as in the model's value block.
    assert summary["payback_reached"] is v["payback_reached"] is res.payback_reached
    assert summary["payback_months"] == (None if res.payback_reached is False else res.payback_months)
    # Every switching value shown is the valuation's.
    for k, x in v["switching_values"].items():
        y = res.switching_values[k]
        assert (x is None and y is None) or x == y, k
    # Present values by funder agree with the value table, in the same order.
    assert list(v["by_funder"].values()) == list(res.by_funder["present_value"])
    # Every number of the value section is one of the valuation's numbers.
    known = (
        {x for x in scalars.values() if x is not None}
        | set(res.by_stakeholder["present_value"])
        | set(res.by_funder["present_value"])
    )
    known.add(res.investment)  # the undiscounted total, for the payback wording
    known |= {x for x in res.switching_values.values() if x is not None}
    # What the payback rule weighed: the yearly table's after_drop_off summed by hand, and the
    # years in which the outcomes together are above 0.
    per_year = res.yearly.groupby("year")["after_drop_off"].sum()
    assert v["payback_effects"] == pytest.approx(float(per_year.sum()), rel=1e-12)
    assert v["effect_years"] == int((per_year > 0).sum())
    known |= {v["payback_effects"], v["effect_years"]}
    for path, x in _leaves({k: val for k, val in v.items() if k != "yearly"}):
        assert any(np.isclose(x, y, rtol=0, atol=0) for y in known), path

    # The formatted numbers appear in HTML and Markdown.
    # English money as CLDR writes it for en_GB (pattern "¤#,##0", the minus before the sign).
    def eur(x: float) -> str:
        return ("-" if x < 0 else "") + f"€{abs(x):,.0f}"

    for text in (eur(res.present_value), eur(res.investment_pv), eur(res.npv), f"{res.sroi_ratio:,.2f}"):
        assert text in html, text
        assert text in md, text
    # Its one year of effects brings back 9,797.76 + 870.912 + 1,524.096 = 12,192.768 (after
    # adjustments, undiscounted), less than the 19,500 invested: the report says it is never paid
    # back and shows no month count (the guide's simple form would give 19,500 / (12,192.768 / 12) = 19.2).
    assert res.investment == 19500 and math.isclose(res.payback_months, 19500 / (12192.768 / 12))
    for text in (html, md):
        assert f"{res.payback_months:,.1f}" not in text
        assert (
            "From the central assumptions the investment is not paid back: in the one year the effects last they "
            "bring back €12,193"
        ) in text


def test_templates_ship_with_the_package():
    """The wheel copies every file of python/impactchain (scikit-build-core wheel.packages);
    the templates are read through importlib.resources, as from an installed wheel."""
    from importlib import resources

    folder = resources.files("impactchain") / "templates"
    names = {p.name for p in folder.iterdir()}
    assert {"report.html.j2", "report.md.j2"} <= names
    # The words come from the message catalogues, shipped beside the templates.
    for lang in ("en", "nl"):
        po = resources.files("impactchain") / "locale" / lang / "LC_MESSAGES" / "impactchain.po"
        assert 'msgid "summary_intro"' in po.read_text(encoding="utf-8")


def test_a_chain_step_is_named_in_each_language(tmp_path):
    # the uncertain step repaired -> kept is in the tornado; both steps have switching values
    _, _, md = _write(tmp_path, "--lang", "nl")  # the JSON keeps the English labels
    assert "wordt de ratio 1): doorstroom Repair visits → Items repaired;" in md  # no switching value
    assert "- doorstroom Items repaired → Items kept in use: ratio 0," in md  # the tornado's text
    assert "conversion rate" not in md
