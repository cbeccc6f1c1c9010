"""Notices: every warning and assumption carries a stable code and params beside its English
text; both catalogues have a message per code, the English one the code's template; the Dutch
report draws them in Dutch."""

from __future__ import annotations

import json
import pickle
import re
import string
from pathlib import Path

import numpy as np
import pytest
from babel.messages.pofile import read_po

import impactchain as ic
from impactchain import _core
from impactchain._i18n import words
from impactchain._notice import PY_CODES, Notice, notice, notice_codes, notice_singulars
from impactchain._notice_codes import _KEYS
from impactchain._report_text import is_foreign
from impactchain.demo import DEMO_MODELS, demo_dir

REPO = Path(__file__).resolve().parents[2]
LOCALE = REPO / "python" / "impactchain" / "locale"
DATA = REPO / "tests" / "data"


def _catalogue(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "impactchain.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_code_has_a_message_in_both_catalogues_and_the_english_one_is_its_template():
    codes = notice_codes()
    assert set(_core.notice_codes()) <= set(codes) and set(PY_CODES) <= set(codes)
    singulars = notice_singulars()
    # every key marked for extraction, a count of one's too
    assert {f"note.{c}" for c in codes} | {f"note.{c}.one" for c in singulars} == set(_KEYS)
    en, nl = _catalogue("en"), _catalogue("nl")
    for code, template in codes.items():
        assert en.get(f"note.{code}") == template, code  # one English wording: the core's
        assert nl.get(f"note.{code}"), f"no Dutch message for {code}"
        assert _fields(nl[f"note.{code}"]) == _fields(template), code
    assert set(singulars) <= set(codes) and len(singulars) >= 14
    for code, one in singulars.items():
        assert "count" in _fields(one) and _fields(one) == _fields(codes[code]), code
        assert one != codes[code], code
        assert en.get(f"note.{code}.one") == one, code
        assert nl.get(f"note.{code}.one") and _fields(nl[f"note.{code}.one"]) == _fields(one), code


def test_codes_are_listed_in_docs():
    page = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")
    for code, template in notice_codes().items():
        assert f"| `{code}` | {template.replace('|', chr(92) + '|')} |" in page, code
    one = page[page.index("## A count of one") :]
    for code, template in notice_singulars().items():
        assert f"| `{code}` | {template} |" in one, code


def test_a_count_of_one_reads_in_the_singular_in_both_languages():
    # distance_travelled with one complete pair: too few for statistics, and one pair is "pair".
    (few,) = [x for x in ic.distance_travelled([1.0], [2.0], resamples=0).warnings if x.code == "change.too_few_pairs"]
    assert few.params["count"] == 1
    assert str(few) == "group 'all': only 1 complete pair; no statistics"
    assert few.in_language(words("nl")) == "groep 'iedereen': maar 1 volledig paar; geen statistiek"
    assert few.in_language(words("en")) == str(few)
    # effect_size drops one pair with a missing value, then two.
    one = ic.effect_size(pre=[1.0, 2.0, 3.0, np.nan], post=[2.0, 4.0, 5.0, 6.0]).warnings
    assert "1 pair with missing data dropped" in one
    (n,) = [x for x in one if x.code == "effect_size.pairs_dropped"]
    assert n.in_language(words("nl")) == "1 paar met ontbrekende gegevens weggelaten"
    two = ic.effect_size(pre=[1.0, 2.0, 3.0, np.nan, 5.0], post=[2.0, 4.0, 5.0, 6.0, np.nan]).warnings
    assert "2 pairs with missing data dropped" in two
    (m,) = [x for x in two if x.code == "effect_size.pairs_dropped"]
    assert m.in_language(words("nl")) == "2 paren met ontbrekende gegevens weggelaten"
    # A count of 0 is plural ("0 values"); renamed params keep the count's wording.
    assert Notice("x", "composite.winsorised", {"count": 1}).in_language(words("nl")) == (
        "1 waarde gewinsoriseerd (uitschieter afgetopt)"
    )
    assert Notice("x", "composite.winsorised", {"count": 0}).in_language(words("en")) == "0 values winsorised"
    draws = Notice("x", "montecarlo.nonfinite_draws", {"output": "pv", "count": 1, "draws": 10})
    assert draws.renamed({"output": {"pv": "present value"}}) == (
        "output 'present value': 1 of 10 draws was not finite and is left out of its summary"
    )


def test_value_notices_carry_code_params_and_the_filled_template():
    r = ic.value(ic.load(DATA / "value_warnings.json"))
    dw = next(a for a in r.assumptions if a.code == "value.deadweight_default" and a.params["outcome"] == "jobs")
    assert isinstance(dw, Notice) and isinstance(dw, str)
    assert dw == "outcome 'jobs': deadweight not given, taken as 0"
    lasts = next(w for w in r.warnings if w.code == "value.no_drop_off" and w.params["outcome"] == "jobs")
    assert lasts.params == {"outcome": "jobs", "years": 5.0} and lasts.kinds == {"outcome": "text", "years": "real"}
    # The core's text is its template filled as Python fills it: one wording in one place.
    for n in [*r.assumptions, *r.warnings]:
        assert n.renamed({}) is n
        assert notice_codes()[n.code].format(**{k: ic._notice._english(v) for k, v in n.params.items()}) == n


def test_a_notice_is_a_str_that_survives_pickle_and_json():
    n = ic.value(ic.load(DATA / "value_warnings.json")).warnings[0]
    back = pickle.loads(pickle.dumps(n))
    assert back == n and (back.code, back.params, back.kinds) == (n.code, n.params, n.kinds)
    assert json.loads(json.dumps([n])) == [str(n)]
    assert json.loads(json.dumps(n.to_dict())) == {"code": n.code, "params": n.params, "text": str(n)}
    assert "jobs" in n or n.params.get("outcome") != "jobs"
    assert ", ".join([n, "x"]).endswith(", x")


def test_python_defaults_are_notices():
    used: list[str] = []
    ic._defaults.pick("seed", None, used)
    (n,) = used
    assert isinstance(n, Notice) and n.code == "defaults.taken"
    assert n == f"seed: not given, taken as {ic.DEFAULTS.seed} (impactchain.DEFAULTS.seed)"
    t = notice("defaults.taken_threads", name="threads", value="0", field="threads")
    assert t.endswith("(impactchain.DEFAULTS.threads; 0 = all cores; results do not depend on it)")


def test_everyone_together_is_named_in_the_readers_words():
    # The core names the group of all respondents "all"; a Dutch reader reads "iedereen". A group
    # "all" of a composite's normalisation is the user's own label and stays as it is.
    r = ic.distance_travelled([1.0, 2.0, np.nan], [2.0, 3.0, 4.0], resamples=0)
    (inc,) = [x for x in r.warnings if x.code == "change.incomplete"]
    assert str(inc) == "group 'all': respondents without both pre and post, not used: 1"
    assert inc.in_language(words("nl")) == (
        "groep 'iedereen': respondenten zonder zowel voor- als nameting, niet gebruikt: 1"
    )
    assert inc.in_language(words("en")) == str(inc)
    own = Notice("x", "normalise.group_no_value_mean", {"indicator": "q", "group": "all"})
    assert "groep 'all'" in own.in_language(words("nl"))


def test_a_default_setting_is_named_in_the_readers_words():
    # The API's text names the field of impactchain.DEFAULTS; a report says it as the model
    # report lists its own defaults, by the same message: "startgetal 2026 voor het toeval
    # (standaard)", never "(impactchain.DEFAULTS.seed)".
    used: list[str] = []
    for name in ("seed", "stream_version", "threads", "draws", "level"):
        ic._defaults.pick(name, None, used)
    seed, stream, threads, draws, level = used
    assert str(seed) == f"seed: not given, taken as {ic.DEFAULTS.seed} (impactchain.DEFAULTS.seed)"
    nl, en = words("nl"), words("en")
    assert seed.in_language(nl) == "startgetal 2026 voor het toeval (standaard)" == nl("default_seed", seed=2026)
    assert seed.in_language(en) == "random seed 2026 (default)"
    assert stream.in_language(nl) == "toevalsreeks versie 2 (standaard)"
    assert stream.in_language(en) == "random stream version 2 (default)"
    # 0 threads asks for every core; a count of draws has its thousands separator.
    assert (
        threads.in_language(nl) == "gerekend op alle processorkernen (standaard; de uitkomsten hangen er niet van af)"
    )
    assert threads.in_language(en) == "computed on all cores (default; the results do not depend on it)"
    assert (
        draws.in_language(nl) == "aantal simulaties 5.000 (standaard)"
        and draws.in_language(en) == "draws 5,000 (default)"
    )
    assert (
        level.in_language(nl) == "intervalniveau 0,95 (standaard)" and level.in_language(en) == "level 0.95 (default)"
    )
    for n in used:
        assert "DEFAULTS" not in n.in_language(nl) and "DEFAULTS" not in n.in_language(en)
    # Other threads, and a name without words of its own, stay by name.
    four = Notice("x", "defaults.taken_threads", {"name": "threads", "value": "4", "field": "threads"})
    assert four.in_language(nl) == "rekenkernen 4 (standaard)"
    other = Notice("x", "defaults.taken", {"name": "kind", "value": "'dz'", "field": "effect_size_paired"})
    assert other.in_language(nl) == "kind 'dz' (standaard)"


def test_the_model_report_and_a_notice_word_a_default_alike():
    # One wording: the model report's own list of defaults and a result's defaults.taken notice.
    rep = ic.build_report(demo_dir() / DEMO_MODELS[0], draws=100, lang="nl")
    listed = rep.settings["defaults_used"]
    used: list[str] = []
    ic._defaults.pick("seed", None, used)
    ic._defaults.pick("stream_version", None, used)
    for lang in ("nl", "en"):
        assert used[0].in_language(words(lang)) == listed["seed"].in_language(words(lang))
        assert used[1].in_language(words(lang)) == listed["stream"].in_language(words(lang))


def test_a_notice_in_dutch_uses_the_catalogue_and_dutch_numbers():
    n = Notice("x", "weights.ahp_inconsistent", {"ratio": 0.125}, {"ratio": "real"})
    assert (
        n.in_language(words("nl")) == "AHP-consistentieratio 0,125 is groter dan 0,1: herzie de paarsgewijze oordelen"
    )
    m = Notice(
        "x",
        "value.tiny_investment",
        {"investment_pv": 0.5, "present_value": 47205.0, "min_investment": 1.0, "min_share": 1e-9, "currency": "EUR"},
        {"investment_pv": "money", "present_value": "money", "min_investment": "money", "min_share": "real"},
    )
    text = m.in_language(words("nl"))
    assert "(€\xa047.205)" in text  # whole euros in the Dutch money format
    assert "contante waarde 0,5 EUR" in text and "minstens 1E-9 van" in text  # never rounded to a false 0


@pytest.mark.parametrize(
    ("lang", "draws", "factor", "rate", "share"),
    [
        ("en", "10,000 draws", "= 1.033", "GBP × 0.8625 to EUR", "as 87% of 383"),
        ("nl", "10.000", "= 1,033", "GBP × 0,8625 naar EUR", "zoals 87% van 383"),
    ],
)
def test_a_notices_numbers_are_written_as_the_reports_are(lang, draws, factor, rate, share):
    w = words(lang)
    # A count has its thousands separator; a year or a seed does not.
    n = Notice("x", "montecarlo.nonfinite_draws", {"output": "pv", "count": 3, "draws": 10000})
    assert draws in n.in_language(w)
    year = Notice("x", "portfolio.price_year_first_member", {"year": 2024})
    assert "2024" in year.in_language(w) and "2.024" not in year.in_language(w)
    # A price index's factor to three decimals (index 103.3 / 100 = 1.033, not 1.03).
    f = Notice("x", "value.price_indexed", {"outcome": "o", "from_year": 2024, "to_year": 2025, "factor": 103.3 / 100})
    assert f.in_language(w).endswith(factor)
    # An exchange rate as its source gives it (four decimals here), with "×".
    fx = notice("portfolio.fx_conversion", from_currency="GBP", rate=0.8625, currency="EUR", source="ECB", date="x")
    assert fx.in_language(w).startswith(rate)
    # The percent sign against its number, as the report's shares: in the core's English
    # template too, so the API's text and a report's agree.
    p = Notice("x", "practice.no_adjustments", {"outcome": "o", "share": 87, "reports": 383})
    assert "{share}%" in notice_codes()["practice.no_adjustments"]
    assert share in p.in_language(w) and " %" not in p.in_language(w)


def test_no_template_writes_a_space_before_the_percent_sign_or_the_letter_x_for_times():
    # The core's English (the API's text) as the reports write it: "25%", "× 1.033", the practice
    # band in plain words and its source by author and title; no template of either language
    # keeps the old "{rate} %", "x {factor}", "p10-p90" or repository id.
    for lang in ("en", "nl"):
        w = words(lang)
        for code, english in notice_codes().items():
            for text in (english, w.text(f"note.{code}")):
                assert "} %" not in text and " x {" not in text and ": x " not in text, (lang, code)
                assert "p10-p90" not in text and "sroi-meta-analysis" not in text, (lang, code)
    assert notice_codes()["icer.reference"] == "cheapest option on the efficient frontier: no ICER"
    schedule = _core.DiscountSchedule.named("green_book").describe()
    assert schedule.startswith("green_book: 3.5% years 0-30, 3% years 31-75") and " %" not in schedule


def test_outcome_params_renamed_by_name_keep_the_text_in_step():
    n = ic.value(ic.load(DATA / "value_warnings.json")).warnings
    dc = next(w for w in n if w.code == "value.double_counting_downstream")
    named = dc.renamed({"outcome": {"jobs": "Jobs found"}, "node": {"employed": "In work"}})
    assert named.params["outcome"] == "Jobs found" and named.params["node"] == "In work"
    assert named.startswith("double counting: outcome 'Jobs found' (node 'In work')")


@pytest.fixture(scope="module")
def dutch_demo():
    return ic.build_report([demo_dir() / m for m in DEMO_MODELS], draws=200, seed=3, lang="nl")


def test_dutch_demo_report_shows_no_warning_or_assumption_in_english(dutch_demo):
    secs = dutch_demo.sections
    notes = [x for sec in secs for x in (*sec.warnings, *sec.defaults)]
    assert notes and any(isinstance(x, Notice) for x in notes)  # the check looks at the core's notices
    english = [x for x in notes if is_foreign(x, words("nl"))]
    assert english == []
    md = dutch_demo.to_markdown()
    for x in notes:
        assert str(x) not in md or x.in_language(words("nl")) == str(x)  # each shown in Dutch, not in English
    # Nothing is marked English: the ICER table's row notes are notices too.
    marked = [line for line in md.splitlines() if words("nl")("in_english") in line]
    assert marked == []
    for english in ("first strategy on the frontier", "costs more and is less effective", "extendedly dominated"):
        assert english not in md


def test_messages_page_python_block_runs(monkeypatch, capsys):
    page = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"^```python\n(.*?)^```", page, re.S | re.M)
    monkeypatch.chdir(REPO)
    scope: dict = {}
    exec(block, scope)
    assert scope["discount"] and all(isinstance(a, Notice) for a in scope["result"].assumptions)
    assert "value.discount" in capsys.readouterr().out


def test_a_discount_schedule_param_has_its_decimals_in_the_readers_format():
    n = Notice("x", "value.discount_default_eur", {"discount": "nl_2021 (2.25%)"}, {"discount": "discount"})
    assert "nl_2021 (2,25%)" in n.in_language(words("nl"))


def test_every_discount_schedule_description_reads_in_dutch():
    # The Green Book's bands (3.5 % for years 0-30, 3 % for 31-75, …, 1 % from 301) as a Dutch
    # reader writes them; the id stays, the English words of the description go.
    schedules = {
        "green_book": _core.DiscountSchedule.named("green_book").describe(),
        "rates": _core.DiscountSchedule.from_rates([0.04, 0.03]).describe(),
        "constant": _core.DiscountSchedule.constant(0.035).describe(),
    }
    nl = {
        k: Notice("x", "value.discount_given", {"discount": v}, {"discount": "discount"}).in_language(words("nl"))
        for k, v in schedules.items()
    }
    assert "green_book: 3,5% in jaar 0–30, 3% in jaar 31–75" in nl["green_book"]
    assert nl["green_book"].endswith("1% vanaf jaar 301")
    assert "tarieven per jaar: 4% in jaar 0–1, 3% vanaf jaar 2" in nl["rates"]
    assert "constant 3,5%" in nl["constant"]
    for text in nl.values():
        assert not re.search(r"\byears\b|rates by year|\d\.\d", text), text


def test_a_scales_scoring_rule_reads_in_the_readers_words():
    import numpy as np

    from impactchain._i18n import words

    items = np.array([[3.0, 3, 4, 2, 2, 2, 3], [4, np.nan, 3, 2, 4, 2, 2]])
    own = ic.ScaleDefinition("own", ["a", "b", "c"], item_min=1, item_max=5, scoring="mean")
    for scale, nl in (("swemwbs", "som"), (own, "gemiddelde")):
        data = items if scale == "swemwbs" else items[:, :3]
        rule = next(a for a in ic.score_scale(scale, data, max_missing=1).assumptions if a.code == "scale.scoring")
        assert rule.in_language(words("nl")) == (
            f"score: {nl} van de items; ontbrekende items naar rato aangevuld, tot hoogstens 1 per respondent"
        )
        assert rule.in_language(words("en")) == str(rule)  # the English is the notice's own text


def test_a_simulation_on_a_tiny_investment_says_its_ratio_means_nothing():
    # value() computes no ratio for an investment PV below 0.01; the simulation's draws divide by
    # 0.001 (ratios near 10^6), so it says why they mean nothing, in English and Dutch.
    model = ic.loads(
        "impactchain: 1\nname: tiny\ncurrency: EUR\nprice_year: 2024\nstakeholders: [city]\n"
        "investments: [{funder: city, amount: 0.001}]\n"
        "outcomes: [{id: o, quantity: 10, stakeholder: city, duration: 1,\n"
        "  proxy: {value: {triangular: [80, 100, 130]}, currency: EUR, source: s}}]\n",
        format="yaml",
    )
    assert ic.value(model).sroi_ratio is None
    sim = ic.simulate(model, draws=200, seed=1, threads=1)
    (n,) = [w for w in sim.warnings if w.code == "simulate.tiny_investment"]
    assert n.params["investment_pv"] == pytest.approx(0.001)
    assert "divide by almost nothing" in str(n)
    assert "delen door vrijwel niets" in n.in_language(words("nl"))
