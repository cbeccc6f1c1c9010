"""The internal consistency of a soft outcome's scale as answered: Cronbach's alpha of each
measurement of item columns (on the item scores after codes of missing and reverse keying, checked
against pingouin), McDonald's omega (checked against a least-squares fit by scipy), the items'
item-rest correlations, and a warning for an item that correlates
negatively with the rest (a wrongly keyed item)."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words
from impactchain._report_soft_consistency import consistency_said

pg = pytest.importorskip("pingouin")

ITEMS = ["q1", "q2", "q3", "q4", "q5"]
REVERSED = ["q2", "q4"]  # asked the other way round: a high answer is low trust
CODES = ["weet niet", "99"]


def _answers(rng: np.random.Generator, trait: np.ndarray) -> pd.DataFrame:
    """Answers 1-5 to the five items of respondents with ``trait``; q2 and q4 worded the other way."""
    out = {}
    for item in ITEMS:
        x = np.clip(np.rint(3 + 1.2 * trait + rng.normal(0, 0.8, len(trait))), 1, 5)
        out[item] = 6 - x if item in REVERSED else x
    return pd.DataFrame(out).astype(int)


@pytest.fixture(scope="module")
def survey() -> pd.DataFrame:
    """A survey as a cooperative's export gives it: pre answers with codes of "no answer" and
    blanks (text cells), post answers complete."""
    rng = np.random.default_rng(20240601)
    n = 50
    trait = rng.normal(0, 1, n)
    pre = _answers(rng, trait).astype(object)
    post = _answers(rng, trait + 0.4)
    pre.iloc[3, 1] = "weet niet"
    pre.iloc[7, 0] = "99"
    pre.iloc[12, 4] = ""
    pre.iloc[20, 2] = "weet niet"
    df = pd.DataFrame({"id": [f"r{i}" for i in range(n)]})
    for item in ITEMS:
        df[f"voor_{item}"] = pre[item].astype(str)
        df[f"na_{item}"] = post[item].astype(str)
    return df


def _spec(path: str, reverse: list[str], **more: object) -> dict:
    return {
        "id": "trust",
        "scale": {"items": ITEMS, "item_min": 1, "item_max": 5, "reverse_items": reverse, "scoring": "mean"},
        "data": path,
        "id_column": "id",
        "missing": CODES,
        "pre": [f"voor_{i}" for i in ITEMS],
        "post": [f"na_{i}" for i in ITEMS],
        "max_missing": 1,
        "resamples": 0,
        **more,
    }


@pytest.fixture(scope="module")
def written(survey: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("survey")
    survey.to_csv(folder / "enquete.csv", index=False)
    return str(folder)


def _oracle_items(survey: pd.DataFrame, prefix: str, reverse: list[str]) -> pd.DataFrame:
    """The item scores the scale score is made of, from the raw answers: codes and blanks are no
    answer, reversed items rescored 1 + 5 - x."""
    out = {}
    for item in ITEMS:
        raw = survey[f"{prefix}{item}"].replace(dict.fromkeys([*CODES, ""], np.nan)).astype(float)
        out[item] = 6 - raw if item in reverse else raw
    return pd.DataFrame(out)


def test_alpha_of_each_measurement_is_pingouins_on_the_reverse_keyed_item_scores(survey, written):
    s = ic.soft_outcome_summary(_spec("enquete.csv", REVERSED), written)
    ic_ = s.internal_consistency
    assert set(ic_) == {"pre", "post"}
    for side, prefix in (("pre", "voor_"), ("post", "na_")):
        items = _oracle_items(survey, prefix, REVERSED)
        alpha, ci = pg.cronbach_alpha(items, nan_policy="pairwise")  # pairwise covariances, as ic's default
        got = ic_[side]
        assert got["alpha"] == pytest.approx(alpha, abs=1e-12), side
        assert got["n"] == len(items)  # no respondent left every item empty
        assert (got["ci_low"], got["ci_high"]) == pytest.approx(tuple(ci), abs=5e-4)  # pingouin rounds to 3
        assert got["level"] == 0.95 and got["missing"] == "pairwise"
        assert got["columns"] == {i: f"{prefix}{i}" for i in ITEMS}
    # item-rest r of the complete post answers: each item with the sum of the other four
    post = _oracle_items(survey, "na_", REVERSED)
    for item in ITEMS:
        rest = post.drop(columns=item).sum(axis=1)
        assert ic_["post"]["item_rest_r"][item] == pytest.approx(post[item].corr(rest), abs=1e-12), item
    # said how, and never taken for the reliable change index
    said = [a for a in s.assumptions if getattr(a, "code", "") == "soft.internal_consistency"]
    assert len(said) == 1 and said[0].params == {"level": 0.95}
    assert s.reliability is None and any(getattr(w, "code", "") == "change.no_reliability" for w in s.warnings)
    assert not [w for w in s.warnings if getattr(w, "code", "").startswith("soft.item_rest")]
    assert json.loads(json.dumps(s.to_dict(), allow_nan=False))["internal_consistency"]["pre"]["n"] == 50


def test_an_item_not_reverse_keyed_warns_that_it_correlates_negatively(written):
    s = ic.soft_outcome_summary(_spec("enquete.csv", ["q4"]), written)  # q2 left out of reverse_items
    negative = [w for w in s.warnings if getattr(w, "code", "") == "soft.item_rest_negative"]
    assert [(w.params["measurement"], w.params["item"], w.params["column"]) for w in negative] == [
        ("before", "q2", "voor_q2"),
        ("after", "q2", "na_q2"),
    ]
    for w in negative:
        r = s.internal_consistency["pre" if w.params["measurement"] == "before" else "post"]["item_rest_r"]["q2"]
        assert r < 0 and w.params["r"] == round(r, 2)
        assert "correlates negatively with the rest of the scale" in w and "is it reverse-keyed?" in w
    dutch = negative[0].in_language(words("nl"))
    assert dutch.startswith("voormeting: item 'q2' (kolom 'voor_q2') hangt negatief samen") and "-0," in dutch
    # keyed the other way round by mistake (q1 listed): q1 is the one that warns
    s = ic.soft_outcome_summary(_spec("enquete.csv", ["q1", "q2", "q4"]), written)
    items = {w.params["item"] for w in s.warnings if getattr(w, "code", "") == "soft.item_rest_negative"}
    assert items == {"q1"}


def test_single_scores_have_no_internal_consistency():
    df = pd.DataFrame({"pre": [10.0, 12, 14, 11, 13], "post": [12.0, 13, 15, 14, 13]})
    s = ic.soft_outcome_summary({"id": "wb", "data": df, "pre": "pre", "post": "post", "resamples": 0})
    assert s.internal_consistency is None
    assert not [a for a in s.assumptions if getattr(a, "code", "").startswith("soft.internal")]
    assert consistency_said(s.to_dict()["internal_consistency"]) == []


def test_a_data_post_frame_gives_the_after_its_own_alpha(survey):
    pre = survey[["id", *(f"voor_{i}" for i in ITEMS)]].rename(columns=lambda c: c.removeprefix("voor_"))
    post = survey[["id", *(f"na_{i}" for i in ITEMS)]].rename(columns=lambda c: c.removeprefix("na_")).iloc[::-1]
    spec = {**_spec("", REVERSED), "data": pre, "data_post": post, "pre": ITEMS, "post": ITEMS}
    s = ic.soft_outcome_summary(spec)
    alpha, _ = pg.cronbach_alpha(_oracle_items(survey, "na_", REVERSED))
    assert s.internal_consistency["post"]["alpha"] == pytest.approx(alpha, abs=1e-12)
    assert s.internal_consistency["post"]["columns"]["q1"] == "q1"


def test_a_measurement_whose_alpha_is_not_defined_says_why(survey):
    df = survey.copy()
    df["voor_q3"] = "3"  # everyone answered q3 alike before: its variance is 0
    s = ic.soft_outcome_summary(_spec(df, REVERSED))  # type: ignore[arg-type]
    assert s.internal_consistency["pre"] is None and s.internal_consistency["post"] is not None
    undefined = [w for w in s.warnings if getattr(w, "code", "") == "soft.internal_consistency_undefined"]
    assert len(undefined) == 1 and undefined[0].params["measurement"] == "before"
    assert "constant" in undefined[0].params["reason"]
    en = [x.in_language(words("en")) for x in consistency_said(s.to_dict()["internal_consistency"])]
    assert en[0].endswith("before: not computed; after: " + en[0].split("after: ")[1])


def test_the_report_words_say_alpha_its_interval_and_n_in_each_language(written):
    s = ic.soft_outcome_summary(_spec("enquete.csv", REVERSED), written)
    pre = s.internal_consistency["pre"]
    (line,) = consistency_said(s.to_dict()["internal_consistency"])
    en, nl = line.in_language(words("en")), line.in_language(words("nl"))
    assert f"before: alpha {pre['alpha']:.2f} (95% interval {pre['ci_low']:.2f} – {pre['ci_high']:.2f}; n = 50)" in en
    assert "not used for reliable change" in en
    assert f"voormeting: alfa {pre['alpha']:.2f}".replace(".", ",") in nl and "nameting: alfa" in nl


def test_a_version_3_pickle_loads_with_no_internal_consistency(written):
    s = ic.soft_outcome_summary(_spec("enquete.csv", REVERSED), written)
    assert pickle.loads(pickle.dumps(s)) == s
    state = s.__getstate__()
    assert state["version"] == 4
    del state["internal_consistency"]
    old = object.__new__(type(s))
    old.__setstate__({**state, "version": 3})
    assert old.internal_consistency is None and old.id == "trust"
    assert "Internal consistency" not in str(old.summary())
    assert "Internal consistency" in str(s.summary()) and "Item-rest correlations" in str(s.summary())


def test_the_soft_page_example_runs_and_prints_what_it_says(capsys):
    """docs/soft.md's example of a forgotten reverse-keyed item runs as written and prints what
    its comments say."""
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "soft.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```python\n(.*?)^```", page, re.S | re.M) if "item_rest_negative" in b]
    exec(compile(block, "docs/soft.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    said = [line.removeprefix("# ") for line in block.splitlines() if line.startswith("# before: ")]
    assert printed[0].startswith(said[0]) and printed[1].startswith("after: item 'q2' (column 'post_q2')")
    assert "(r = -0.79)" in printed[1] and printed[2] == block.rsplit("# ", 1)[1].strip()


def test_omega_of_each_measurement_is_the_least_squares_one_factor_of_the_pairwise_covariances(survey, written):
    optimize = pytest.importorskip("scipy.optimize")
    s = ic.soft_outcome_summary(_spec("enquete.csv", REVERSED), written)
    for side, prefix in (("pre", "voor_"), ("post", "na_")):
        cov = _oracle_items(survey, prefix, REVERSED).cov().to_numpy()  # pandas: pairwise-complete
        upper = np.triu_indices(len(cov), 1)
        fit = optimize.least_squares(
            lambda lam, c=cov, u=upper: (c - np.outer(lam, lam))[u], np.full(len(cov), 0.5), xtol=1e-15, ftol=1e-15
        )
        assert s.internal_consistency[side]["omega"] == pytest.approx(fit.x.sum() ** 2 / cov.sum(), rel=1e-7), side
        assert s.internal_consistency[side]["omega_warnings"] == ()
    said = [a for a in s.assumptions if getattr(a, "code", "") == "soft.internal_consistency"]
    assert "McDonald's omega (one factor fitted by minimum residuals" in said[0]
    (line,) = consistency_said(s.to_dict()["internal_consistency"])
    pre = s.internal_consistency["pre"]
    en, nl = line.in_language(words("en")), line.in_language(words("nl"))
    assert f"n = 50), omega {pre['omega']:.2f}; after: alpha" in en
    assert f"n = 50), omega {pre['omega']:.2f}".replace(".", ",") in nl


def test_omega_of_two_items_is_not_defined_and_says_why(survey):
    two = {**_spec(survey, []), "scale": {"items": ["q1", "q3"], "item_min": 1, "item_max": 5, "scoring": "mean"}}
    two.update(pre=["voor_q1", "voor_q3"], post=["na_q1", "na_q3"])
    s = ic.soft_outcome_summary(two)  # type: ignore[arg-type]
    assert s.internal_consistency["pre"]["alpha"] > 0 and s.internal_consistency["pre"]["omega"] is None
    undefined = [w for w in s.warnings if getattr(w, "code", "") == "soft.omega_undefined"]
    assert [w.params["measurement"] for w in undefined] == ["before", "after"]
    assert "needs at least 3 items" in undefined[0].params["reason"]
    (line,) = consistency_said(s.to_dict()["internal_consistency"])
    assert "omega n/a" in line.in_language(words("en"))
    # A summary of an earlier release has no omega: said as not available, not an error.
    old = {
        side: {k: v for k, v in a.items() if k != "omega"} for side, a in s.to_dict()["internal_consistency"].items()
    }
    assert "omega n/a" in consistency_said(old)[0].in_language(words("en"))
