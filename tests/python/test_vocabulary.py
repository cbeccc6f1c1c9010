"""One argument vocabulary: pre=/post= and treatment=/control= for two measurements,
level= for every interval, costs=/effects=/strategies=/reference= (and a DataFrame first)
for the comparison functions, explicit keyword signatures for value, value_totals and
simulate. Old spellings keep their meaning for one release, with a DeprecationWarning.

Golden numbers are hand calculations written out below.
"""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

DATA = Path(__file__).parent.parent / "data"
PRE = np.array([10.0, 12, 9, 14, 11])
POST = np.array([13.0, 12, 12, 17, 13])  # change: 3, 0, 3, 3, 2


# --------------------------------------------------------------------------- two measurements
def test_pre_post_is_the_paired_change_post_minus_pre():
    # d_z = mean(change) / SD(change): change 3, 0, 3, 3, 2 -> mean 2.2,
    # SD = sqrt(((0.8^2) * 3 + 2.2^2 + 0.2^2) / 4) = sqrt(6.8 / 4) = 1.30384...
    r = ic.effect_size(pre=PRE, post=POST)
    assert r.kind == "dz" and r.design == "paired" and r.paired
    assert r.value == pytest.approx(2.2 / math.sqrt(6.8 / 4), rel=1e-12)
    assert r.improvement == r.value  # higher is better by default
    assert (r.mean_a, r.mean_b) == (pytest.approx(POST.mean()), pytest.approx(PRE.mean()))


def test_lower_is_better_turns_the_improvement_never_the_change():
    r = ic.effect_size(pre=PRE, post=POST, higher_is_better=False)
    assert r.value > 0 and r.improvement == -r.value
    assert not any(a.startswith("higher_is_better") for a in r.assumptions)


def test_treatment_control_is_the_difference_treatment_minus_control():
    # Cohen's d: (mean_t - mean_c) / pooled SD; t = 4, 6, 8 (mean 6, var 4), c = 1, 2, 3 (mean 2, var 1):
    # pooled var = (2*4 + 2*1) / 4 = 2.5 -> d = 4 / sqrt(2.5).
    r = ic.effect_size(treatment=[4.0, 6, 8], control=[1.0, 2, 3])
    assert r.kind == "d" and r.design == "independent" and not r.paired
    assert r.value == pytest.approx(4 / math.sqrt(2.5), rel=1e-12)
    assert ic.effect_size(treatment=[1.0, 2, 3], control=[4.0, 6, 8]).value == pytest.approx(-r.value)


def test_the_positional_form_keeps_a_minus_b_and_is_deprecated():
    with pytest.warns(DeprecationWarning, match=r"pre=.*post=.*treatment=.*control="):
        old = ic.effect_size(POST, PRE, "dz")
    assert old.value == ic.effect_size(pre=PRE, post=POST, kind="dz").value
    assert old.design == "a - b"
    with pytest.warns(DeprecationWarning, match=r"effect_size\(a, b\) is deprecated"):
        d = ic.effect_size([4.0, 6, 8], [1.0, 2, 3])  # default kind stays Cohen's d
    assert d.kind == "d" and d.value == pytest.approx(4 / math.sqrt(2.5), rel=1e-12)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"pre": PRE, "post": POST, "treatment": PRE}, "not both forms"),
        ({"pre": PRE, "treatment": PRE, "control": POST}, "not both forms"),
        ({"pre": PRE}, "post= is missing"),
        ({"control": PRE}, "treatment= is missing"),
        ({}, "give pre= and post="),
    ],
)
def test_mixing_or_halving_the_forms_is_an_error(kwargs, message):
    with pytest.raises(TypeError, match=message):
        ic.effect_size(**kwargs)


def test_positional_with_keywords_is_an_error():
    with pytest.raises(TypeError, match="not both forms and not the positional"):
        ic.effect_size(PRE, post=POST)


def test_a_paired_kind_needs_paired_measurements():
    with pytest.raises(ValueError, match="kind 'dz' is for paired measurements"):
        ic.effect_size(treatment=PRE, control=POST, kind="dz")


def test_distance_travelled_keeps_pre_post_and_adds_the_improvement():
    r = ic.distance_travelled(PRE, POST, seed=1, resamples=0, higher_is_better=False)
    assert list(r.change) == [3.0, 0.0, 3.0, 3.0, 2.0]
    assert list(r.improvement) == [-3.0, -0.0, -3.0, -3.0, -2.0]
    eff = r.effect_sizes["all"]
    assert eff.value == pytest.approx(2.2 / math.sqrt(6.8 / 4), rel=1e-12) and eff.improvement == -eff.value


# --------------------------------------------------------------------------- level=
def test_level_names_every_interval_and_ci_level_still_works_one_release():
    new = ic.effect_size(pre=PRE, post=POST, level=0.9)
    with pytest.warns(DeprecationWarning, match="ci_level= is deprecated, use level="):
        old = ic.effect_size(pre=PRE, post=POST, ci_level=0.9)
    assert new.ci == old.ci and new.level == 0.9
    with pytest.warns(DeprecationWarning, match=r"\.ci_level is deprecated"):
        assert new.ci_level == 0.9
    with pytest.raises(TypeError, match="both level= and its old name ci_level="):
        ic.effect_size(pre=PRE, post=POST, level=0.9, ci_level=0.9)
    items = np.array([[1.0, 2, 2], [2, 3, 3], [4, 4, 5], [3, 3, 4], [5, 4, 5]])
    a = ic.cronbach_alpha(items, level=0.9)
    with pytest.warns(DeprecationWarning, match="ci_level= is deprecated"):
        assert ic.cronbach_alpha(items, ci_level=0.9).ci == a.ci
    assert a.level == 0.9
    d = ic.distance_travelled(PRE, POST, seed=1, resamples=200, level=0.8)
    with pytest.warns(DeprecationWarning, match="ci_level= is deprecated"):
        d_old = ic.distance_travelled(PRE, POST, seed=1, resamples=200, ci_level=0.8)
    assert d.groups.equals(d_old.groups)
    assert ic.bootstrap_mean(PRE, seed=1, level=0.8).level == 0.8


def test_soft_outcome_spec_takes_level_and_the_old_key_warns(tmp_path):
    pd.DataFrame({"pre": PRE, "post": POST}).to_csv(tmp_path / "d.csv", index=False)
    spec = {"id": "s", "data": "d.csv", "pre": "pre", "post": "post", "resamples": 0}
    new = ic.soft_outcome_summary({**spec, "level": 0.8}, tmp_path)
    with pytest.warns(DeprecationWarning, match="'ci_level' is deprecated, use 'level'"):
        old = ic.soft_outcome_summary({**spec, "ci_level": 0.8}, tmp_path)
    assert new == old
    with pytest.raises(ValueError, match="give 'level' only"):
        ic.soft_outcome_summary({**spec, "level": 0.8, "ci_level": 0.8}, tmp_path)


# --------------------------------------------------------------------------- comparison keywords
NAMES, COSTS, EFFECTS = ["UC", "A", "B"], [5000.0, 12000, 10000], [1.0, 1.5, 2]


def test_icers_positional_keywords_and_dataframe_agree():
    positional = ic.icers(NAMES, COSTS, EFFECTS)
    keywords = ic.icers(costs=COSTS, effects=EFFECTS, strategies=NAMES)
    frame = ic.icers(pd.DataFrame({"strategy": NAMES, "cost": COSTS, "effect": EFFECTS}))
    renamed = ic.icers(
        pd.DataFrame({"arm": NAMES, "eur": COSTS, "qaly": EFFECTS}), strategy="arm", cost="eur", effect="qaly"
    )
    for df in (keywords, frame, renamed):
        pd.testing.assert_frame_equal(df, positional)
    # Hand calculation: A is dominated by B (dearer, less effect); B vs UC = 5000 / 1 = 5000.
    row = positional.set_index("strategy")
    assert row.loc["A", "status"] == "D" and row.loc["B", "icer"] == pytest.approx(5000.0)


def test_net_benefit_takes_a_dataframe_first():
    df = pd.DataFrame({"strategy": NAMES, "cost": COSTS, "effect": EFFECTS})
    got = ic.net_benefit(df, wtp=20000)
    pd.testing.assert_frame_equal(got, ic.net_benefit(NAMES, COSTS, EFFECTS, 20000))
    assert list(got.nmb) == [20000 * 1.0 - 5000, 20000 * 1.5 - 12000, 20000 * 2 - 10000]


def test_comparison_dataframe_errors_name_the_keyword_and_column():
    df = pd.DataFrame({"strategy": NAMES, "cost": COSTS})
    with pytest.raises(ic.ValidationError, match=r"no column 'effect' \(effect=\)"):
        ic.icers(df)
    with pytest.raises(TypeError, match="name DataFrame columns"):
        ic.icers(NAMES, COSTS, EFFECTS, cost="cost")
    with pytest.raises(TypeError, match="instead of giving costs="):
        ic.icers(df, costs=COSTS)
    with pytest.raises(TypeError, match="missing effects="):
        ic.icers(NAMES, COSTS)


def _draws():
    rng = np.random.default_rng(5)
    c = np.column_stack([rng.normal(100, 10, 50), rng.normal(130, 10, 50)])
    e = np.column_stack([rng.normal(1, 0.1, 50), rng.normal(1.4, 0.1, 50)])
    return c, e


def test_psa_keywords_and_long_dataframe_agree_with_the_positional_form():
    c, e = _draws()
    positional = ic.psa(c, e, ["old", "new"], reference="old")
    keywords = ic.psa(costs=c, effects=e, strategies=["old", "new"], reference="old")
    long = pd.DataFrame(
        {
            "draw": np.repeat(np.arange(50), 2),
            "strategy": ["old", "new"] * 50,
            "cost": c.reshape(-1),
            "effect": e.reshape(-1),
        }
    ).sort_values("draw", ascending=False, kind="stable")  # draws in any order; strategies by first appearance
    frame = ic.psa(long, reference="old")
    for r in (keywords, frame):
        assert r.strategies == positional.strategies and r.reference == "old"
        np.testing.assert_array_equal(r.costs, positional.costs)
        np.testing.assert_array_equal(r.effects, positional.effects)
        assert r.evpi(1000.0) == positional.evpi(1000.0)
    assert any("long format" in a for a in frame.assumptions)


def test_psa_long_dataframe_problems_are_named():
    c, e = _draws()
    long = pd.DataFrame(
        {
            "draw": np.repeat(np.arange(50), 2),
            "strategy": ["old", "new"] * 50,
            "cost": c.reshape(-1),
            "effect": e.reshape(-1),
        }
    )
    with pytest.raises(ic.ValidationError, match="repeats draw 0 of strategy 'old'"):
        ic.psa(pd.concat([long, long.iloc[[0]]]))
    with pytest.raises(ic.ValidationError, match="draw 7 has no row for strategy 'new'"):
        ic.psa(long.drop(index=15))
    with pytest.raises(ic.ValidationError, match=r"no column 'draw' \(draw=\)"):
        ic.psa(long.rename(columns={"draw": "iteration"}))
    assert ic.psa(long.rename(columns={"draw": "iteration"}), draw="iteration").draws == 50
    with pytest.raises(TypeError, match="do not give strategies="):
        ic.psa(long, strategies=["a", "b"])


def test_compare_takes_reference_and_comparator_is_deprecated():
    m = json.loads((DATA / "model_basic.json").read_text())
    a = ic.loads(json.dumps({**m, "name": "A"}), format="json")
    b = ic.loads(json.dumps({**m, "name": "B"}), format="json")
    assert ic.compare([a, b], reference="B").comparator == "B"
    with pytest.warns(DeprecationWarning, match="comparator= is deprecated, use reference="):
        assert ic.compare([a, b], comparator="B").comparator == "B"


# --------------------------------------------------------------------------- explicit signatures
@pytest.mark.parametrize("func", [ic.value, ic.value_totals, ic.simulate])
def test_value_value_totals_and_simulate_have_explicit_keyword_signatures(func):
    params = inspect.signature(func).parameters.values()
    assert not [p for p in params if p.kind is inspect.Parameter.VAR_KEYWORD]


def test_value_signature_defaults_are_the_cores():
    sig = inspect.signature(ic.value)
    r = ic.value(DATA / "model_basic.json")
    for name, used in r.options.items():
        assert sig.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert sig.parameters[name].default == used, name
    assert set(sig.parameters) == {"model"} | set(r.options)


def test_an_unknown_keyword_fails_as_python_does():
    with pytest.raises(TypeError, match="unexpected keyword argument 'discount_first_yr'"):
        ic.value(DATA / "model_basic.json", discount_first_yr=False)
    with pytest.raises(TypeError, match="unexpected keyword argument 'switching_values'"):
        ic.value_totals(DATA / "model_basic.json", switching_values=False)
    with pytest.raises(TypeError, match="unexpected keyword argument 'seeds'"):
        ic.simulate(DATA / "model_basic.json", seeds=3)
