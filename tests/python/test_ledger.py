"""Who pays, who gains (docs/value.md): the ledger per party, deterministic and simulated, in
the JSON of the command line and in the report."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import impactchain as ic
from doc_commands import yaml_block
from impactchain.report import build_report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "data"


def _docs_model() -> str:
    """The "Two parties" model of docs/value.md, as written there."""
    return yaml_block("value.md", "name: Two parties")


@pytest.fixture(scope="module")
def model():
    return ic.loads(_docs_model(), format="yaml")


def test_the_ledger_of_two_parties_matches_the_hand_calculation(model):
    led = ic.value(model).ledger.set_index("party")
    # work: 10 x 20,000 x (1 - 0.25) = 150,000 in year 1, half that in year 2, at 10 %.
    work = 150_000 / 1.1 + 75_000 / 1.21
    # health: 5 x 2,000 x (1 - 0.1) x (1 - 0.2) = 7,200 in year 1.
    health = 7_200 / 1.1
    assert list(led.index) == ["municipality", "insurer", "residents", "Fonds X"]
    assert led.loc["municipality", "gains"] == pytest.approx(0.7 * work, rel=1e-12)
    assert led.loc["municipality", "pays"] == 100_000
    assert led.loc["municipality", "net"] == pytest.approx(0.7 * work - 100_000, rel=1e-12)
    assert bool(led.loc["municipality", "stakeholder"]) and bool(led.loc["municipality", "funder"])
    assert led.loc["insurer", "gains"] == pytest.approx(0.3 * work, rel=1e-12)
    assert led.loc["insurer", "pays"] == 0 and not led.loc["insurer", "funder"]
    assert led.loc["residents", "pays"] == 1_000 * 15  # the 200 hours without an hourly value count 0
    assert led.loc["residents", "gains"] == pytest.approx(health, rel=1e-12)
    assert (led.loc["residents", "volunteer_hours"], led.loc["residents", "unvalued_hours"]) == (1_200, 200)
    assert led.loc["Fonds X", "pays"] == 20_000 and led.loc["Fonds X", "gains"] == 0
    assert not led.loc["Fonds X", "stakeholder"]
    # The numbers the docs state by hand.
    assert round(led.loc["municipality", "net"], 2) == 38_842.98
    assert round(led.loc["residents", "net"], 2) == -8_454.55


def test_unvalued_volunteer_time_is_a_warning_not_a_silence(model):
    res = ic.value(model)
    assert any(w.code == "value.volunteer_time_unvalued" and "200 volunteer hours" in w for w in res.warnings)
    assert res.investment == 100_000 + 20_000 + 15_000


def test_the_simulated_ledger_gives_the_chance_a_party_gains_more_than_it_pays():
    # The residents' gain is 5 x proxy / 1.1 with proxy ~ N(3,000, 600): their net, 5 x proxy / 1.1
    # - 12,000, is normal; P(net > 0) = P(proxy > 2,640) = Phi((3,000 - 2,640) / 600).
    text = (
        _docs_model()
        .replace(
            'proxy: {value: 2000, currency: EUR, source: "care costs"}, deadweight: 0.1, attribution: 0.2}',
            'proxy: {value: {normal: [3000, 600]}, currency: EUR, source: "care costs"}}',
        )
        .replace("hours: 1000, hourly_value: 15}", "hours: 1000, hourly_value: 12}")
    )
    m = ic.loads(text, format="yaml")
    sim = ic.simulate(m, draws=20_000, seed=5, threads=2)
    led = sim.ledger.set_index("party")
    p = stats.norm.sf(2_640, loc=3_000, scale=600)
    se = np.sqrt(p * (1 - p) / 20_000)
    assert abs(led.loc["residents", "p_net_positive"] - p) < 4 * se
    sd = 5 * 600 / 1.1
    assert led.loc["residents", "net_sd"] == pytest.approx(sd, rel=0.03)
    assert led.loc["residents", "net_mean"] == pytest.approx(5 * 3_000 / 1.1 - 12_000, abs=4 * sd / np.sqrt(20_000))
    # The central 95 % of a normal net: mean -/+ 1.96 sd.
    assert led.loc["residents", "net_lower"] == pytest.approx(5 * 3_000 / 1.1 - 12_000 - 1.959964 * sd, abs=0.05 * sd)
    # A party whose figures are fixed: its net is the same in every draw.
    assert led.loc["Fonds X", "net_mean"] == -20_000 and led.loc["Fonds X", "p_net_positive"] == 0
    # The same for one thread, and gone when not asked for.
    one = ic.simulate(m, draws=20_000, seed=5, threads=1).ledger
    assert one.equals(sim.ledger)
    assert ic.simulate(m, draws=200, seed=5, ledger=False).ledger.empty


def test_the_command_line_json_holds_the_ledger(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(_docs_model(), encoding="utf-8")
    env = {"PYTHONPATH": ":".join(str(Path(p).parent) for p in ic.__path__)}
    import os

    env = {**os.environ, "PYTHONPATH": env["PYTHONPATH"] + ":" + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(
        [sys.executable, "-m", "impactchain", "value", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    ledger = json.loads(out.stdout)["ledger"]
    assert [r["party"] for r in ledger] == ["municipality", "insurer", "residents", "Fonds X"]
    assert ledger[3] == {
        "party": "Fonds X",
        "name": "Fonds X",  # a funder that is not a stakeholder: its name is how the model writes it
        "stakeholder": False,
        "funder": True,
        "pays": 20000.0,
        "gains": 0.0,
        "net": -20000.0,
        "volunteer_hours": 0.0,
        "unvalued_hours": 0.0,
    }
    out = subprocess.run(
        [sys.executable, "-m", "impactchain", "simulate", str(path), "--draws", "300", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    sim = json.loads(out.stdout)["ledger"]
    assert sim[3]["party"] == "Fonds X" and sim[3]["p_net_positive"] == 0


def _named() -> str:
    """The docs model in Dutch, two stakeholders named (one in two languages), the third not; the
    insurer named like the fund that pays."""
    named = (
        "language: nl\nstakeholders:\n  - {id: municipality, name: {nl: Gemeente, en: Municipality}}\n"
        "  - {id: insurer, name: Fonds X}\n  - residents"
    )
    return _docs_model().replace("stakeholders: [municipality, insurer, residents]", named)


def test_each_party_is_named_as_the_model_names_it():
    m = ic.loads(_named(), format="yaml")
    res = ic.value(m, switching_values=False)
    assert res.ledger[["party", "name"]].values.tolist() == [
        ["municipality", "Gemeente"],  # the model's language
        ["insurer", "Fonds X"],
        ["residents", "residents"],  # no name: its id
        ["Fonds X", "Fonds X"],  # a funder that is not a stakeholder
    ]
    text = str(res.summary())
    assert re.search(r"\n  Gemeente +pays EUR 100,000, gains EUR 138,843, net EUR 38,843\n", text)  # as by hand above
    # Two parties of one name: each with its id.
    assert re.search(r"\n  Fonds X \(insurer\) +pays EUR 0,", text) and "\n  Fonds X (Fonds X)  " in text
    sim = ic.simulate(m, draws=200, seed=5, threads=1, switching_values=False)
    assert sim.ledger["name"].tolist() == ["Gemeente", "Fonds X", "residents", "Fonds X"]
    assert re.search(r"\n  party +pays_mean.*\n  Gemeente +100,000 +138,843 +38,843", str(sim.summary()))


def test_a_result_stored_before_the_names_names_each_party_by_its_id():
    m = ic.loads(_named(), format="yaml")
    res = ic.value(m, switching_values=False)
    state = res.__getstate__()
    assert state.pop("version") == 5
    old = type(res).__new__(type(res))
    state.pop("payback_reached")  # version 5's; a version 3 state has none
    old.__setstate__({**state, "ledger": state["ledger"].drop(columns="name"), "version": 3})
    assert old.ledger["name"].tolist() == ["municipality", "insurer", "residents", "Fonds X"]
    assert old.ledger.drop(columns="name").equals(res.ledger.drop(columns="name"))
    sim = ic.simulate(m, draws=200, seed=5, threads=1, switching_values=False)
    state = sim.__getstate__()
    assert state.pop("version") == 7
    state.pop("currency")  # version 6's; a version 4 state has none
    state.pop("p_npv_below_0")  # version 7's
    rows = tuple({k: v for k, v in r.items() if k != "name"} for r in state["ledger_rows"])
    older = type(sim).__new__(type(sim))
    older.__setstate__({**state, "ledger_rows": rows, "version": 4})
    assert older.ledger["name"].tolist() == ["municipality", "insurer", "residents", "Fonds X"]
    assert list(older.ledger.columns) == list(sim.ledger.columns)


def test_a_split_outcome_names_its_beneficiaries(model):
    res = ic.value(model)
    outcomes = res.outcomes.set_index("id")
    assert outcomes.loc["work", "stakeholder"] == "municipality (0.7), insurer (0.3)"
    by = res.by_stakeholder.set_index("stakeholder")["present_value"]
    assert by["insurer"] == pytest.approx(0.3 * outcomes.loc["work", "present_value"], rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_shows_who_pays_and_who_gains(lang):
    rep = build_report([EXAMPLES / "handyman.yaml"], draws=400, seed=2, lang=lang)
    md = rep.to_markdown().replace("\u00a0", " ").replace("\u202f", " ")  # money's non-breaking spaces
    heading = {"en": "Who pays, who gains", "nl": "Wie betaalt, wie profiteert"}[lang]
    assert f"#### {heading}" in md
    # The foundation pays 15,000 and gains nothing, as a fund does: no outcome is its own, so no
    # warning names it; the section's intro says that a party that only funds pays by design.
    warning = {"en": "Foundation pays €15,000 and gains €0", "nl": "Fonds betaalt € 15.000 en profiteert € 0"}
    assert warning[lang] not in md
    by_design = {
        "en": "pays without gaining by design",
        "nl": "betaalt zonder zelf te profiteren, en dat is de bedoeling",
    }
    assert by_design[lang] in md
    # The municipality gains more than it pays in most draws: no warning names it.
    assert not re.search(r"(Municipality|Gemeente) (pays|betaalt) € 50", md)
    assert rep.sections[0].charts["ledger"].startswith("<svg")  # the chart is drawn
    data = rep.to_dict()["models"][0]
    assert [x["id"] for x in data["value"]["ledger"]][:3] == ["residents", "handymen", "municipality"]


def test_a_party_without_money_has_no_interval_or_chance():
    # The participants of the market cleaning neither pay nor receive money in any draw (their
    # outcome is the soft one): "n/a", not "€0 – €0" and a "0%" chance that reads as a loss.
    rep = build_report([EXAMPLES / "market_cleaning.yaml"], draws=300, seed=2, lang="en")
    md = rep.to_markdown().replace("\u00a0", " ").replace("\u202f", " ")
    assert "| Participants (long-term welfare recipients) | €0 | €0 | €0 | n/a | n/a |" in md
    ledger = md.split("#### Who pays, who gains")[1]  # (the investments' table above starts alike)
    municipality = next(x for x in ledger.splitlines() if x.startswith("| Municipality | €80,000 |"))
    assert municipality.endswith("% |") and " – " in municipality  # a party with money keeps both
    # The foundation's 25,000 is certain: its net is one value, not "-€25,000 – -€25,000".
    assert "| Foundation | €25,000 | €0 | \\-€25,000 | \\-€25,000 | 0% |" in md  # Markdown escapes the minus


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_party_with_outcomes_of_its_own_that_pays_more_is_warned_a_party_that_only_funds_is_not(lang):
    # docs/value.md's two parties (by hand there): the residents pay 15,000 in volunteer time and
    # gain 6,545.45 from their own outcome (health), fixed figures, so in every draw: warned.
    # Fonds X pays 20,000 and no outcome is its own: a funder by design, not warned.
    rep = build_report([ic.loads(_docs_model(), format="yaml")], draws=200, seed=2, lang=lang)
    warnings = " ".join(str(w) for w in rep.to_dict()["models"][0]["warnings"])
    md = rep.to_markdown().replace("\u00a0", " ").replace("\u202f", " ")
    residents = {
        "en": "residents pays €15,000 and gains €6,545",
        "nl": "residents betaalt € 15.000 en profiteert € 6.545",
    }
    assert residents[lang] in md
    assert "Fonds X" not in warnings and "Fonds X pays" not in md and "Fonds X betaalt" not in md
    assert [x["has_outcomes"] for x in rep.to_dict()["models"][0]["value"]["ledger"]] == [True, True, True, False]
