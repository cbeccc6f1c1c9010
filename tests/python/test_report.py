"""Reports: sections, escaping of user text, defaults listed, JSON and Markdown
carry the same content, charts are self-contained SVG."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import impactchain as ic
from impactchain import plots
from impactchain._i18n import words
from impactchain._report_text import in_language
from impactchain.report import build_report, check_csv, write_report

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _copy_demo(tmp_path: Path, *names: str) -> list[Path]:
    shutil.copytree(DATA / "surveys", tmp_path / "surveys")
    out = []
    for n in names:
        shutil.copy(DATA / n, tmp_path / n)
        out.append(tmp_path / n)
    return out


def _evil_model(tmp_path: Path) -> Path:
    _copy_demo(tmp_path)
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "name: Market cleaning (minimal)",
        f"name: {json.dumps(EVIL)}\ndescription: {json.dumps(EVIL)}\nnotes: {json.dumps('& ' + EVIL)}",
    )
    text = text.replace("id: wellbeing,", f"id: wellbeing, name: {json.dumps(EVIL)},")
    p = tmp_path / "evil.yaml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def minimal_report():
    return build_report([DATA / "minimal.yaml"], draws=400, seed=7)


def test_single_model_sections_in_order(minimal_report):
    html = minimal_report.to_html()
    assert html.startswith("<!DOCTYPE html>")
    ids = [m.group(1) for m in re.finditer(r'<section id="([^"]+)"', html)]
    assert ids == ["summary", "model-1", "appendix"]  # no comparison section for one model
    for heading in (
        "Summary",
        "What to keep in mind",
        "Outcome chain",
        "Social value",
        "Uncertainty",
        "Soft outcomes (in their own units)",
        "Methods and assumptions",
        "Defaults used",
    ):
        assert f">{heading}<" in html, heading
    # Summary first: the headline card comes before the first model section.
    assert html.index('id="summary"') < html.index('id="model-1"')
    n = len(minimal_report.caveats)
    words = f"{n} caveat" + ("" if n == 1 else "s")
    assert repr(minimal_report) == f"<Report {minimal_report.title!r}: 1 model, {words}>"


def test_every_section_either_renders_or_says_why(minimal_report):
    html = minimal_report.to_html()
    d = minimal_report.to_dict()
    # The chain diagram and the soft-outcome profile need only the model and its CSV.
    assert html.count("<svg") >= 2
    for item in d["not_computed"]:
        assert item["reason"], item
        assert "could not be computed" in html
    if d["models"][0]["value"] is None:
        assert d["not_computed"][0]["section"] == "value"


def test_soft_outcome_in_own_units_with_interval(minimal_report):
    so = minimal_report.to_dict()["models"][0]["soft_outcomes"][0]
    import pandas as pd

    df = pd.read_csv(DATA / "surveys" / "market_cleaning.csv")
    # Hand check against the raw data: mean change = mean(post) - mean(pre), all rows complete.
    expected = df["swemwbs_post"].mean() - df["swemwbs_pre"].mean()
    assert so["n_used"] == len(df) == so["n_rows"]
    assert so["mean_change"] == pytest.approx(expected, rel=1e-12)
    assert so["change_ci_low"] < so["mean_change"] < so["change_ci_high"]
    md = minimal_report.to_markdown()
    assert f"mean change {expected:+.2f}" in md


def test_user_text_is_escaped_everywhere(tmp_path):
    rep = build_report([_evil_model(tmp_path)], draws=200, seed=1)
    html = rep.to_html()
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp; &lt;script&gt;" in html  # notes: ampersand escaped too
    md = rep.to_markdown()
    # Markdown escapes with backslashes (no raw HTML, no entities): \<script\> renders as text.
    assert "&lt;" not in md and r"\<script\>" in md and not re.search(r"(?<!\\)<script", md)
    # JSON keeps the text as data (it is not markup) and parses.
    d = json.loads(rep.to_json())
    assert d["models"][0]["name"] == EVIL


def test_defaults_are_listed(minimal_report):
    defaults = minimal_report.defaults()
    text = " ".join(defaults).lower()
    # minimal.yaml gives no deadweight, attribution, duration, discount or period.
    assert "welfare_saved" in text
    assert "deadweight" in text and "attribution" in text
    assert "discount" in text
    assert "draws" not in text  # given explicitly (400), so not a default
    html = minimal_report.to_html()
    appendix = html[html.index('id="appendix"') :]
    # Each as the report words it (a valuation's method note in plain words, no option names).
    w = words("en")
    for s in minimal_report.sections:
        for dflt in s.defaults:
            assert ic.report._esc(f"{s.name}: {in_language(dflt, w)}") in appendix


def test_unadjusted_outcomes_are_a_caveat(minimal_report):
    cav = " ".join(minimal_report.caveats)
    assert "not adjusted for deadweight or attribution" in cav
    assert "welfare_saved" in cav


def test_the_stream_version_reaches_the_simulation_and_is_named(tmp_path):
    # stream_version=1 gives the numbers of ic.simulate(..., stream_version=1) (a report of
    # impactchain 0.2 again with its seed); the settings name the stream, a default taken is listed.
    model = DATA / "minimal.yaml"
    texts = {}
    for version in (1, 2):
        paths = write_report([model], tmp_path / f"v{version}.json", draws=300, seed=3, stream_version=version)
        d = json.loads(paths[0].read_text(encoding="utf-8"))
        assert d["settings"]["stream_version"] == version
        assert not any("random stream" in x for x in d["defaults"])
        texts[version] = text = json.dumps(d)
        want = ic.simulate(model, draws=300, seed=3, stream_version=version).to_dict()["sroi_ratio"]
        for k in ("mean", "lower", "upper"):
            assert json.dumps(want[k]) in text, (version, k)
    assert texts[1] != texts[2]
    rep = build_report([model], draws=300, seed=3)
    assert rep.settings["stream_version"] == 2 and "stream" in rep.settings["defaults_used"]
    en = json.loads(ic.report.REPORT_RENDERERS["json"](rep))
    assert "stream: random stream version 2 (default)" in en["defaults"]
    nl = ic.report.REPORT_RENDERERS["md"](rep.in_language("nl"))
    assert "toevalsreeks versie 2 (standaard)" in nl
    # The line under the title names the stream beside the seed, in either language.
    assert "startgetal 3 op toevalsreeks 2" in next(x for x in nl.splitlines() if x.startswith("Gemaakt op"))
    one = build_report([model], draws=300, seed=3, stream_version=1)
    assert "seed 3 on random stream 1" in ic.report.REPORT_RENDERERS["html"](one)
    for bad in (0, 3):
        with pytest.raises(
            ValueError, match=rf"build_report: stream_version must be an integer in \[1, 2\], got {bad}"
        ):
            build_report([model], draws=300, seed=3, stream_version=bad)


def test_json_keys_and_markdown_same_content(tmp_path):
    paths = write_report([DATA / "minimal.yaml"], tmp_path / "out", draws=300, seed=3)
    assert [p.name for p in paths] == ["report.html", "report.md", "report.json"]
    d = json.loads(paths[2].read_text(encoding="utf-8"))
    assert {
        "impactchain_report",
        "title",
        "illustrative",
        "settings",
        "summary",
        "caveats",
        "defaults",
        "not_computed",
        "models",
        "comparison",
    } <= set(d)
    assert d["settings"]["draws"] == 300 and d["settings"]["seed"] == 3
    m = d["models"][0]
    assert {"name", "role", "value", "simulation", "soft_outcomes", "defaults", "not_computed", "proxies"} <= set(m)
    md = paths[1].read_text(encoding="utf-8")
    html = paths[0].read_text(encoding="utf-8")
    for c in d["caveats"]:
        assert ic.report._md(c) in md
        assert ic.report._esc(c) in html
    # Each default as the report words it (the JSON keeps the API's text, with its option names).
    sec = build_report([DATA / "minimal.yaml"], draws=300, seed=3).sections[0]
    assert [f"{sec.name}: {x}" for x in sec.defaults] == [x for x in d["defaults"] if x.startswith(f"{sec.name}: ")]
    for dflt in sec.defaults:
        assert ic.report._md(f"{sec.name}: {in_language(dflt, words('en'))}") in md
    row = d["summary"][0]
    if row["sroi_ratio"] is not None:
        assert f"{row['sroi_ratio']:,.2f}" in md and f"{row['sroi_ratio']:.2f}" in html


def test_report_is_self_contained(minimal_report):
    html = minimal_report.to_html()
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', html)
    assert "url(http" not in html and "@import" not in html
    assert "<!DOCTYPE svg" not in html and "<?xml" not in html
    assert "@media print" in html


def test_several_models_have_a_comparison_section(tmp_path):
    paths = _copy_demo(tmp_path, "market_cleaning.yaml", "traditional_provider.yaml")
    rep = build_report(paths, draws=300, seed=5)
    html = rep.to_html()
    assert '<section id="comparison">' in html and ">Comparison<" in html
    d = rep.to_dict()
    if d["comparison"] is None:
        assert any(x["section"] == "comparison" for x in d["not_computed"])
    else:
        assert d["comparison"]["comparator"] == "Classic re-integration programme"  # role: comparator


def test_unknown_comparator_is_an_error(tmp_path):
    paths = _copy_demo(tmp_path, "market_cleaning.yaml", "traditional_provider.yaml")
    with pytest.raises(ValueError, match="comparator 'nobody' is neither the name of one of the models"):
        build_report(paths, draws=200, seed=5, comparator="nobody")


def test_the_comparator_may_be_given_by_its_model_file(tmp_path):
    # traditional_provider.yaml has role comparator; naming the other file makes it the comparator.
    paths = _copy_demo(tmp_path, "market_cleaning.yaml", "traditional_provider.yaml")
    d = build_report(paths, draws=200, seed=5, comparator=str(paths[0])).to_dict()
    assert d["comparison"]["comparator"] == "Market cleaning with job coaching"


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least one model"):
        build_report([])
    with pytest.raises(ValueError, match="draws must be >= 100, got 10"):
        build_report([DATA / "minimal.yaml"], draws=10)
    with pytest.raises(ValueError, match="YAML output is not available in this version"):
        write_report([DATA / "minimal.yaml"], "x.yaml")
    with pytest.raises(ValueError, match="unknown format 'docx'"):
        write_report([DATA / "minimal.yaml"], "out/", formats=("html", "docx"))


def test_jupyter_summary(minimal_report):
    h = minimal_report._repr_html_()
    assert h.startswith("<div>") and "Market cleaning (minimal)" in h and "P(ratio &gt; 1)" in h


def test_check_csv_accepts_the_demo_data():
    df = check_csv(DATA / "surveys" / "handyman.csv", ["life_satisfaction_pre", "life_satisfaction_post"], who="t")
    assert len(df) == 42


def test_plots_are_inline_svg_with_unique_ids():
    a = plots.waterfall([("Gross value", 100.0), ("Deadweight", -20.0), ("Present value", 80.0)])
    b = plots.waterfall([("Gross value", 100.0), ("Deadweight", -20.0), ("Present value", 80.0)])
    for s in (a, b):
        assert s.startswith("<svg") and s.rstrip().endswith("</svg>")
        assert "<!DOCTYPE" not in s and "<metadata" not in s
    ids_a = set(re.findall(r'id="([^"]+)"', a))
    ids_b = set(re.findall(r'id="([^"]+)"', b))
    assert ids_a and not (ids_a & ids_b)
    assert "Deadweight" in a  # text stays text (svg.fonttype none)


def test_plot_text_is_escaped():
    s = plots.stakeholder_bars({EVIL: 10.0})
    assert "<script" not in s and "&lt;script&gt;" in s


def test_report_level_defaults_listed_when_used():
    rep = build_report([DATA / "minimal.yaml"])  # default draws and seed
    text = " ".join(rep.defaults())
    assert "5,000 Monte Carlo draws per model (default)" in text
    assert "random seed 2026 (default)" in text


def test_shares_never_round_to_certainty():
    from impactchain.report import _pct

    assert _pct(0.9974) == "over 99%" and _pct(1.0) == "100%"
    assert _pct(0.003) == "under 1%" and _pct(0.0) == "0%"
    assert _pct(0.644) == "64%" and _pct(None) == "n/a"


def test_models_in_different_currencies_are_not_compared(tmp_path):
    # Pounds and euros are not one footing: the report shows each model and says why there is no
    # comparison (naming each model's currency and price year), in both languages, and does not
    # claim that the comparison puts all money on one footing.
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8").split("soft_outcomes:")[0]
    gbp = tmp_path / "gbp.yaml"
    gbp.write_text(text.replace("EUR", "GBP").replace("Market cleaning (minimal)", "In pounds"), encoding="utf-8")
    rep = build_report([gbp, DATA / "minimal.yaml"], draws=100, seed=1)
    assert rep.comparison is None
    md = rep.to_markdown()
    why = (
        "the models are valued in different currencies or price years (In pounds (GBP, 2024); "
        "Market cleaning (minimal) (EUR, 2024))"
    )
    assert f"**Comparison could not be computed:** {why}" in md
    # The reason goes on after a colon (it begins in lower case), in Dutch too.
    nl = build_report([gbp, DATA / "minimal.yaml"], draws=100, seed=1, lang="nl").to_markdown()
    assert "**Vergelijking kon niet worden berekend:** de modellen" in nl
    assert "puts all money on one footing" not in md
    nl = rep.in_language("nl").to_markdown()
    assert "de modellen zijn in verschillende valuta of prijsjaren gewaardeerd (In pounds (GBP, 2024);" in nl


def test_a_survey_where_everyone_changed_alike_is_summarised_and_its_warnings_shown(tmp_path):
    # Everyone +1 point (4->5, 5->6, 6->7) and one person without a post score: the mean change
    # is 1, its interval [1, 1]; d_z = 1 / SD(changes) = 1 / 0 is not defined. The soft outcome is
    # summarised all the same, and the survey's warnings (the undefined effect size, the person
    # without both scores) are the model's warnings, in both languages.
    (tmp_path / "s.csv").write_text("id,pre,post\n1,4,5\n2,5,6\n3,6,7\n4,5,\n", encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text(
        "impactchain: 1\nname: Alike\nchain:\n  nodes: [{id: a, level: activity, quantity: 4}]\n"
        "soft_outcomes:\n  - {id: wb, scale: ons4_life_satisfaction, data: s.csv, pre: pre, post: post}\n",
        encoding="utf-8",
    )
    rep = build_report([m], draws=100, seed=1)
    so = rep.sections[0].soft[0]
    assert not so.get("error")
    assert so["mean_change"] == pytest.approx(1.0) and so["n_used"] == 3
    assert (so["change_ci_low"], so["change_ci_high"]) == (pytest.approx(1.0), pytest.approx(1.0))
    assert so["effect_size"] is None or so["effect_size"] != so["effect_size"]  # not defined
    md = rep.to_markdown().split("#### Warnings")[1]
    assert (
        "- soft outcome 'wb': group 'all': respondents without both pre and post, not used: 1; group 'all': effect size "
        "dz" in md
    )
    assert "not defined: the spread it divides by is 0" in md
    nl = rep.in_language("nl").to_markdown().split("#### Waarschuwingen")[1]
    assert "effectgrootte dz is niet te berekenen, want de standaardafwijking waardoor gedeeld wordt, is 0" in nl


def test_a_switching_value_below_zero_is_said_in_words(tmp_path):
    # Investment 1,000; outcome a: 10 x 120 = 1,200, outcome b: 10 x 50 = 500 (no discounting, one
    # year): ratio 1.7. One at a time, the ratio is 1 at a's proxy (1,000 - 500) / 10 = 50 and at
    # b's proxy (1,000 - 1,200) / 10 = -20: only b's lies below zero.
    p = tmp_path / "m.yaml"
    p.write_text(
        "impactchain: 1\nname: m\ncurrency: EUR\nprice_year: 2024\nstakeholders: [city]\n"
        "discount: {rate: 0}\nchain:\n  nodes: [{id: n, name: Visits, level: activity, quantity: 10, unit: p}]\n"
        "investments: [{funder: city, amount: 1000}]\noutcomes:\n"
        "  - {id: a, name: Alpha, node: n, stakeholder: city, duration: 1, proxy: {value: 120, currency: EUR, source: s}}\n"
        "  - {id: b, name: Beta, node: n, stakeholder: city, duration: 1, proxy: {value: 50, currency: EUR, source: s}}\n",
        encoding="utf-8",
    )
    md = build_report([p], draws=100, seed=1).to_markdown()
    # A proxy's switching value is money, in the report's form (English: "-€20").
    assert "| Alpha: proxy value | €50 |" in md and "| Beta: proxy value | \\-€20 |" in md
    assert "*Below zero (Beta: proxy value): the ratio would reach 1 only at a value below zero;" in md
