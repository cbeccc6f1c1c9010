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
from impactchain._notice import _KEYS, PY_CODES, Notice, notice, notice_codes, notice_singulars
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
    # "seed: niet opgegeven" in a Dutch report: the setting is named in Dutch, the DEFAULTS field
    # it comes from stays named as the API spells it.
    used: list[str] = []
    ic._defaults.pick("seed", None, used)
    (seed,) = used
    assert str(seed) == f"seed: not given, taken as {ic.DEFAULTS.seed} (impactchain.DEFAULTS.seed)"
    assert seed.in_language(words("nl")) == (
        f"startgetal: niet opgegeven, dus aangenomen: {ic.DEFAULTS.seed} (impactchain.DEFAULTS.seed)"
    )
    assert seed.in_language(words("en")) == str(seed)
    threads = Notice("x", "defaults.taken_threads", {"name": "threads", "value": 0, "field": "threads"})
    assert threads.in_language(words("nl")).startswith("rekenkernen: niet opgegeven, dus aangenomen: 0")
    # A name without words of its own stays as it is.
    other = Notice("x", "defaults.taken", {"name": "kind", "value": "dz", "field": "effect_size_paired"})
    assert other.in_language(words("nl")).startswith("kind: niet opgegeven")


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
    n = Notice("x", "value.discount_default_eur", {"discount": "nl_2021 (2.25 %)"}, {"discount": "discount"})
    assert "nl_2021 (2,25 %)" in n.in_language(words("nl"))


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
    assert "green_book: 3,5 % in jaar 0–30, 3 % in jaar 31–75" in nl["green_book"]
    assert nl["green_book"].endswith("1 % vanaf jaar 301")
    assert "tarieven per jaar: 4 % in jaar 0–1, 3 % vanaf jaar 2" in nl["rates"]
    assert "constant 3,5 %" in nl["constant"]
    for text in nl.values():
        assert not re.search(r"\byears\b|rates by year|\d\.\d", text), text
