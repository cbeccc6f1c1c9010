"""Text fields given in several languages (``name: {nl: …, en: …}``) and the model's
``language``: the Python side of tests/cpp/test_model_text.cpp, and reports that show
the model's own text in the report's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"

BILINGUAL = """\
impactchain: 1
language: nl
name: {nl: Klussendienst, en: Handyman service}
description:
  nl: Kleine reparaties in huis.
  en: Small home repairs.
currency: EUR
price_year: 2024
stakeholders: [{id: city, name: {nl: Gemeente, en: Municipality}}]
chain:
  nodes:
    - {id: repairs, name: {nl: Kleine reparaties, en: Small repairs}, level: activity, quantity: 400,
       unit: {nl: klussen, en: jobs}}
    - {id: safer, name: {nl: Veiliger woningen, en: Safer homes}, level: outcome}
  edges: [{from: repairs, to: safer, rate: 0.3}]
outcomes:
  - id: care
    name: {nl: Uitgestelde zorg, en: Care delayed}
    node: safer
    stakeholder: city
    proxy: {value: 2000, currency: EUR, source: {nl: kostentabellen, en: cost tables}}
investments: [{funder: city, amount: 50000}]
discount: {rate: 0}
"""


def test_fields_read_in_the_models_language_and_every_language_kept():
    m = ic.loads(BILINGUAL, format="yaml")
    assert m.language == "nl"
    assert m.languages == ["nl", "en"]
    assert m.name == "Klussendienst"
    assert m.description == "Kleine reparaties in huis."
    assert m.stakeholders[0].name == "Gemeente"
    assert m.outcomes[0]["name"] == "Uitgestelde zorg"  # model-file form, text in the model's language
    assert m.outcomes[0]["proxy"]["source"] == "kostentabellen"
    assert m.texts["chain.nodes[0].unit"] == {"nl": "klussen", "en": "jobs"}
    assert set(m.texts) == {
        "name",
        "description",
        "stakeholders[0].name",
        "chain.nodes[0].name",
        "chain.nodes[0].unit",
        "chain.nodes[1].name",
        "outcomes[0].name",
        "outcomes[0].proxy.source",
    }


def test_localised_switches_every_text_and_drops_nothing():
    m = ic.loads(BILINGUAL, format="yaml")
    en = m.localised("en")
    assert (en.language, en.name, en.stakeholders[0].name) == ("en", "Handyman service", "Municipality")
    assert [n.name for n in en.chain.nodes] == ["Small repairs", "Safer homes"]
    assert en.outcomes[0]["name"] == "Care delayed"
    assert en.texts == m.texts
    assert en.localised("nl") == m
    # Written back with every language, and read back equal.
    d = m.to_dict()
    assert d["language"] == "nl"
    assert d["name"] == {"nl": "Klussendienst", "en": "Handyman service"}
    assert d["outcomes"][0]["proxy"]["source"] == {"nl": "kostentabellen", "en": "cost tables"}
    assert ic.Model.from_dict(d) == m
    assert ic.loads(json.dumps(d), format="json") == m


def test_the_same_numbers_in_every_language():
    m = ic.loads(BILINGUAL, format="yaml")
    # 400 jobs x 0.3 x 2000 = 240,000 of value for 50,000 invested, undiscounted: 4.8 either way.
    for model in (m, m.localised("en")):
        v = ic.value(model)
        assert v.present_value == pytest.approx(400 * 0.3 * 2000)
        assert v.sroi_ratio == pytest.approx(240000 / 50000)


@pytest.mark.parametrize(
    "text,path,words",
    [
        ("name: {NL: Klussen}\n", "name.NL", "expected a language code such as nl or en"),
        ("name: {nl: [a]}\n", "name.nl", "expected a string, got a list"),
        ("name: {}\n", "name", "expected a string or a mapping of language: text"),
        ("name: x\nlanguage: dutch\n", "language", "language must be a code such as 'nl' or 'en'"),
        ("name: x\ncurrency: {nl: EUR}\n", "currency", "expected a string, got a mapping"),
    ],
)
def test_bad_texts_are_refused_at_their_path(text, path, words):
    with pytest.raises(ic.ValidationError) as e:
        ic.loads(text, format="yaml")
    assert any(p == path for p, _ in e.value.issues), e.value.issues
    assert words in str(e.value)


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("rate: 0.3}", "rate: {triangular: [0.4, 0.3, 0.2]}}", "chain.edges[0].rate.triangular"),
        ("level: outcome}", "level: outcomes}", "chain.nodes[1].level"),
    ],
)
def test_a_chain_that_fails_to_load_is_one_problem_not_one_per_text(old, new, path):
    # The chain's nodes carry names and units in two languages; a wrong edge or node stops the
    # chain from loading, and that problem alone is reported (not its texts as belonging to nothing).
    with pytest.raises(ic.ValidationError) as e:
        ic.loads(BILINGUAL.replace(old, new), format="yaml")
    assert [p for p, _ in e.value.issues] == [path], e.value.issues


def test_text_in_follows_the_loaders_rule():
    pairs = [("fr", "Bonjour"), ("nl-BE", "Goeiedag"), ("en", "Hello")]
    assert ic._core.text_in(pairs, "nl") == "Goeiedag"  # same language, another region
    assert ic._core.text_in(pairs, "de") == "Hello"  # else English
    assert ic._core.text_in([("fr", "Bonjour"), ("de", "Hallo")], "nl") == "Bonjour"  # else the first


def _visible(html: str) -> str:
    """The page's text outside tags, scripts and styles (SVG text included)."""
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_report_defaults_to_the_models_language_and_says_so():
    m = ic.loads(BILINGUAL, format="yaml")
    rep = build_report(m, draws=200, seed=1)
    assert rep.lang == "nl"
    assert "language" in rep.settings["defaults_used"]
    html = rep.to_html()
    assert '<html lang="nl"' in html
    assert "Klussendienst" in html and "Handyman service" not in html
    assert build_report(m, draws=200, seed=1, lang="en").lang == "en"
    no_language = ic.loads(BILINGUAL.replace("language: nl\n", ""), format="yaml")
    rep_en = build_report(no_language, draws=200, seed=1)
    assert rep_en.lang == "en" and "Handyman service" in rep_en.to_html()


def test_each_language_of_a_report_shows_the_models_text_in_that_language():
    """The demo models give their text in Dutch and English: no English text of the model in
    the Dutch report and no Dutch one in the English report, in tables, titles and charts."""
    model = ic.load(DATA / "market_cleaning.yaml")
    texts = [t for t in model.texts.values() if t["nl"] != t["en"]]
    nl = build_report(model, draws=200, seed=3, lang="nl")
    for rep, lang, other in ((nl, "nl", "en"), (nl.in_language("en"), "en", "nl")):
        page = _visible(rep.to_html())
        md = rep.to_markdown()
        for path in ("name", "outcomes[0].name", "outcomes[1].name", "stakeholders[1].name", "soft_outcomes[0].name"):
            assert model.texts[path][lang] in page, (lang, path)
        # Whole texts of the other language (long enough not to be a word of this one).
        leaked = [t[other] for t in texts if len(t[other]) > 12 and t[other] in page]
        assert leaked == [], (lang, leaked)
        assert [t[other] for t in texts if len(t[other]) > 12 and t[other] in md] == [], lang
    # The numbers are the same in both.
    a, b = (r.to_dict()["models"][0]["value"] for r in (nl, nl.in_language("en")))
    assert [a[k] for k in ("present_value", "npv", "sroi_ratio")] == [
        b[k] for k in ("present_value", "npv", "sroi_ratio")
    ]
    assert list(a["by_stakeholder"].values()) == list(b["by_stakeholder"].values())
    assert list(b["by_stakeholder"]) == ["Municipality", "Health insurers"]


@pytest.mark.parametrize(
    "text", ["name: {NL: Klussen}\n", "name: {nl: [a]}\n", "name: {}\n", "name: x\nlanguage: dutch\n"]
)
def test_the_schema_refuses_what_the_loader_refuses(text):
    """docs/model.schema.json and the loader agree on texts in several languages."""
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "model.schema.json").read_text("utf-8"))
    with pytest.raises(ic.ValidationError):
        ic.loads(text, format="yaml")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
