"""The bundled demo: data present and valid, report written, numbers equal
those of impactchain.value on the same model files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

import impactchain as ic
from impactchain.demo import DEMO_MODELS, demo_dir, run_demo

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    paths = run_demo(out, draws=400, seed=11)
    return out, paths


def test_demo_writes_three_files(demo):
    out, paths = demo
    assert [p.name for p in paths] == ["report.html", "report.md", "report.json"]
    for p in paths:
        assert p.parent == out and p.stat().st_size > 1000


def test_demo_checks_its_arguments_before_creating_anything(tmp_path):
    from impactchain._output import OutputError

    with pytest.raises(OutputError, match="YAML output is not available in this version"):
        run_demo(tmp_path / "out", formats="yaml")
    with pytest.raises(OutputError, match="YAML output is not available in this version"):
        run_demo(tmp_path / "out" / "demo.yaml")
    with pytest.raises(ValueError, match="draws must be >= 100, got 5"):
        run_demo(tmp_path / "out", draws=5)
    assert list(tmp_path.iterdir()) == []


def test_demo_can_be_rerun_and_writes_one_file_when_asked(tmp_path):
    first = run_demo(tmp_path / "out", draws=100, seed=1, formats="json")
    assert first == [tmp_path / "out" / "report.json"]
    (tmp_path / "out" / "mine.txt").write_text("mine", encoding="utf-8")
    again = run_demo(tmp_path / "out", draws=100, seed=2, formats=["json"])
    assert again == first
    assert json.loads(again[0].read_text(encoding="utf-8"))["settings"]["seed"] == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["mine.txt", "report.json"]
    assert run_demo(tmp_path / "demo.md", draws=100) == [tmp_path / "demo.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.md", "out"]


def test_demo_report_names_every_model_and_says_illustrative(demo):
    _, paths = demo
    html = paths[0].read_text(encoding="utf-8")
    d = json.loads(paths[2].read_text(encoding="utf-8"))
    assert d["illustrative"] is True
    assert "Illustrative figures, not real data." in html
    # The demo models give their text in Dutch and English; the demo's report is in English.
    names = [yaml.safe_load((demo_dir() / m).read_text(encoding="utf-8"))["name"]["en"] for m in DEMO_MODELS]
    assert [m["name"] for m in d["models"]] == names
    for n in names:
        assert ic.report._esc(n) in html
    assert '<section id="comparison">' in html


def test_demo_numbers_equal_impactchain_value(demo):
    if not callable(getattr(ic, "value", None)):
        pytest.skip("impactchain.value is not in this build (valuation module not merged yet)")
    _, paths = demo
    d = json.loads(paths[2].read_text(encoding="utf-8"))
    html = paths[0].read_text(encoding="utf-8")
    for m, rec in zip(DEMO_MODELS, d["models"]):
        v = ic.value(ic.load(demo_dir() / m))  # the files the demo used
        assert rec["value"]["sroi_ratio"] == v.sroi_ratio
        assert rec["value"]["present_value"] == v.present_value
        assert rec["value"]["npv"] == v.npv
        assert f"{v.sroi_ratio:.2f}" in html


def test_demo_data_found_and_valid():
    d = demo_dir()
    for m in DEMO_MODELS + ("minimal.yaml",):
        model = ic.load(d / m)
        assert model.currency == "EUR" and model.price_year == 2024
    roles = [ic.load(d / m).role for m in DEMO_MODELS]
    assert roles == ["intervention"] * 5 + ["comparator"]


def test_demo_data_is_labelled_illustrative_and_sourced():
    for m in DEMO_MODELS:
        raw = yaml.safe_load((DATA / m).read_text(encoding="utf-8"))
        assert raw["notes"]["en"].startswith("Illustrative figures, not real data"), m
        assert raw["notes"]["nl"].startswith("Illustratieve cijfers, geen echte gegevens"), m
        # Every funder is a stakeholder named in both languages, so neither report shows an id.
        names = {st["id"]: st["name"] for st in raw["stakeholders"]}
        for i in raw["investments"]:
            assert set(names[i["funder"]]) == {"nl", "en"}, (m, i["funder"])
        assert raw["discount"] == {"schedule": "nl_2021"}
        for o in raw["outcomes"]:
            src = (o.get("proxy") or o.get("wellbeing"))["source"]
            assert "illustrative" in src["en"] and len(src["en"]) > 25, (m, o["id"])
            assert "illustratief" in src["nl"] and len(src["nl"]) > 25, (m, o["id"])
        for s in raw["soft_outcomes"]:
            assert (DATA / s["data"]).is_file()


def test_minimal_model_is_short():
    lines = (DATA / "minimal.yaml").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 20
    raw = yaml.safe_load("\n".join(lines))
    assert len(raw["outcomes"]) == 1 and len(raw["soft_outcomes"]) == 1
    assert [n["level"] for n in raw["chain"]["nodes"]].count("activity") == 1


def test_survey_data_is_reproducible(tmp_path):
    spec = importlib.util.spec_from_file_location("make_surveys", DATA / "make_surveys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    written = mod.main(tmp_path)
    assert len(written) == 6
    for p in written:
        assert p.read_bytes() == (DATA / "surveys" / p.name).read_bytes(), p.name


@pytest.mark.slow
def test_full_demo_at_default_draws_writes_both_languages_and_says_the_draws(tmp_path):
    """What the README's demo command writes (`impactchain demo --lang nl,en`), at the default
    draws; how long it takes is measured by bench/bench_demo.py, not here."""
    paths = run_demo(tmp_path, lang="nl,en")
    assert [p.name for p in paths] == [
        "report.nl.html",
        "report.nl.md",
        "report.nl.json",
        "report.en.html",
        "report.en.md",
        "report.en.json",
    ]
    for lang in ("nl", "en"):
        page = (tmp_path / f"report.{lang}.html").read_text(encoding="utf-8")
        assert page.startswith(f'<!DOCTYPE html><html lang="{lang}">')
        assert page.count('<figure class="chart">') >= 5 * len(DEMO_MODELS)  # chain, waterfall, ratio, ... each
        d = json.loads((tmp_path / f"report.{lang}.json").read_text(encoding="utf-8"))
        assert d["language"] == lang
        assert d["settings"]["draws"] == ic.DEFAULTS.draws == 5000
        assert "draws" in d["settings"]["defaults_used"]  # a default that was used is named
        assert [m["simulation"]["draws"] for m in d["models"]] == [ic.DEFAULTS.draws] * len(DEMO_MODELS)
    nl = (tmp_path / "report.nl.md").read_text(encoding="utf-8")
    assert nl.startswith("# Maatschappelijke waarde van vijf wijkcoöperaties (illustratieve demo)")
    en = (tmp_path / "report.en.md").read_text(encoding="utf-8")
    # Every demo model with money has who pays / who gains, and the report says what to measure next.
    for text, ledger, measure in (
        (nl, "#### Wie betaalt, wie profiteert", "#### Wat is de moeite waard om nog te meten"),
        (en, "#### Who pays, who gains", "#### What is worth measuring next"),
    ):
        assert text.count(ledger) == len(DEMO_MODELS)
        assert measure in text


def test_the_demo_command_writes_the_portfolio_of_the_five_cooperatives(tmp_path):
    """`impactchain demo` into a directory also writes the demo portfolio (the five cooperatives in
    2024 with actuals and 2025) and its report, in portfolio/."""
    from impactchain.cli import main

    assert main(["demo", "-o", f"{tmp_path}/", "--draws", "200", "--lang", "nl,en", "--quiet"]) == 0
    nl = (tmp_path / "portfolio" / "report.nl.md").read_text(encoding="utf-8")
    assert "## Prognose tegenover realisatie" in nl and "## In de tijd" in nl
    members = pd.read_csv(tmp_path / "portfolio" / "tables" / "members.csv")
    assert len(members) == 10 and members["actual_present_value"].notna().sum() == 5
    assert (tmp_path / "portfolio" / "report.en.html").is_file()


def test_the_demo_portfolio_takes_the_formats_its_report_has(tmp_path):
    from impactchain.demo import run_portfolio_demo

    # json is the model report's: the portfolio's data are its tables; md stays.
    written = run_portfolio_demo(tmp_path / "pf", draws=100, seed=1, threads=1, formats="json,md")
    reports = sorted(p.name for p in written if p.parent == tmp_path / "pf")
    assert reports == ["report.md"]
    assert (tmp_path / "pf" / "tables" / "members.csv").is_file()
