"""Every soft-outcome and weighting result states its assumptions the way ValueResult does:
each default a call used, in the words of ``impactchain._defaults.default_note`` (or, for a
function's own default, "<name>: not given, taken as <value> (<function>'s default)"), and
each method choice. A call that gives every argument states only the methods; a default
changes no number (a call without ``seed`` equals one with ``seed=DEFAULTS.seed``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._defaults import DEFAULTS

X = [3.0, 5.0, 4.0, 8.0, 6.0, 7.0, 2.0, 9.0]
ITEMS = np.array([[1, 2, 3], [2, 2, 4], [3, 4, 4], [4, 5, 5], [2, 3, 3], [5, 4, 5]], dtype=float)
PRE = [10.0, 12.0, 14.0, 20.0, 22.0, 15.0]
POST = [16.0, 13.0, 8.0, 21.0, 30.0, 19.0]


def _defaults_named(r) -> set[str]:
    """The names of the arguments a result says were not given."""
    return {a.split(":", 1)[0] for a in r.assumptions if ": not given, taken as " in a}


def test_bootstrap_states_each_default_and_its_method():
    r = ic.bootstrap_mean(X)
    assert _defaults_named(r) == {"seed", "level", "threads", "resamples", "method"}
    assert f"seed: not given, taken as {DEFAULTS.seed} (impactchain.DEFAULTS.seed)" in r.assumptions
    assert "resamples: not given, taken as 2000 (bootstrap_mean's default)" in r.assumptions
    assert r.assumptions[-1] == "interval: BCa (bias-corrected and accelerated) bootstrap, 2000 resamples"
    given = ic.bootstrap_mean(X, seed=DEFAULTS.seed, level=0.95, threads=0, resamples=2000, method="bca")
    assert given.assumptions == (r.assumptions[-1],)
    assert (given.estimate, given.ci, given.seed) == (r.estimate, r.ci, r.seed)  # the default is that value
    alpha = ic.bootstrap_alpha(ITEMS, seed=1, resamples=200, method="percentile")
    assert _defaults_named(alpha) == {"level", "threads"}
    assert "interval: percentile bootstrap, 200 resamples" in alpha.assumptions


def test_cronbach_alpha_states_level_missing_rule_and_interval():
    r = ic.cronbach_alpha(ITEMS)
    assert _defaults_named(r) == {"missing", "level"}
    assert "missing values: pairwise (each covariance from the respondents who answered both items)" in r.assumptions
    assert any(a.startswith("interval: Feldt (1965)") for a in r.assumptions)
    given = ic.cronbach_alpha(ITEMS, "listwise", level=0.9)
    assert _defaults_named(given) == set() and len(given.assumptions) == 2
    assert "missing values: listwise (only respondents who answered every item)" in given.assumptions


def test_effect_size_states_its_formula_and_interval():
    r = ic.effect_size(pre=PRE, post=POST, kind="dav", level=0.9, higher_is_better=False)
    assert _defaults_named(r) == set()
    assert r.assumptions == (f"effect size: {r.convention}", f"interval: {r.ci_method}")
    d = ic.effect_size(treatment=POST, control=PRE)
    assert _defaults_named(d) == {"kind", "level", "higher_is_better"}
    assert "kind: not given, taken as 'd' (impactchain.DEFAULTS.effect_size_independent)" in d.assumptions


def test_distance_travelled_names_only_the_defaults_that_mattered():
    full = ic.distance_travelled(PRE, POST, reliability=0.8)
    assert _defaults_named(full) == {
        "kind",
        "higher_is_better",
        "rci_threshold",
        "resamples",
        "seed",
        "method",
        "level",
        "threads",
    }
    assert any(a.startswith("reliable change: |RCI| > 1.96") for a in full.assumptions)
    assert any(a.startswith("interval: BCa") for a in full.assumptions)
    # Without a bootstrap the seed, method and threads play no part; without reliability no RCI.
    plain = ic.distance_travelled(PRE, POST, resamples=0, kind="dz", level=0.95, higher_is_better=True)
    assert _defaults_named(plain) == set()
    assert plain.assumptions == ("effect size: paired d_z: mean(a - b) / SD(a - b)",)
    seeded = ic.distance_travelled(PRE, POST, reliability=0.8, seed=DEFAULTS.seed)
    assert "seed" not in _defaults_named(seeded) and seeded.groups.equals(full.groups)


def test_composite_states_direction_levels_and_methods():
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=pd.Index(["x", "y", "z"], name="unit"))
    r = ic.composite(df)
    assert _defaults_named(r) == {"imputation", "normalisation", "minmax_range"}
    assert "direction not given: every indicator taken as higher-is-better (+1)" in r.assumptions
    assert not any("not given" in w for w in r.warnings)  # an assumption is not a warning
    z = ic.composite(df, normalisation="zscore")
    assert _defaults_named(z) == {"imputation", "zscore"}  # minmax_range plays no part
    given = ic.composite(
        df,
        direction=[1, -1],
        imputation="none",
        normalisation="rank",
        levels=[{"name": "index", "weights": {"a": 0.5, "b": 0.5}, "method": "geometric"}],
    )
    assert given.assumptions == ()
    one = ic.composite(df, direction=[1, -1], imputation="none", normalisation="rank", levels=[{"name": "top"}])
    assert one.assumptions == (
        "level 'top': weights not given, equal within each parent",
        "level 'top' method: not given, taken as 'arithmetic' (composite's default)",
    )


def test_weights_state_their_method():
    m = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    unnamed = ic.ahp_weights(np.array(m))
    assert unnamed.assumptions[0].startswith("names not given")
    named = ic.ahp_weights(pd.DataFrame(m, columns=["cost", "reach", "depth"]))
    assert named.assumptions == unnamed.assumptions[1:]
    assert "Saaty's random index RI = 0.58 for 3 criteria" in named.assumptions[1]
    rng = np.random.default_rng(1)
    pca = ic.pca_weights(pd.DataFrame(rng.normal(size=(12, 3)), columns=["a", "b", "c"]))
    assert pca.assumptions == (f"weights: {pca.method}",)


def test_soft_outcome_summary_passes_on_the_entry_defaults(tmp_path):
    pd.DataFrame({"pre": PRE * 3, "post": POST * 3}).to_csv(tmp_path / "s.csv", index=False)
    spec = {"id": "wellbeing", "data": "s.csv", "pre": "pre", "post": "post", "resamples": 200}
    r = ic.soft_outcome_summary(spec, tmp_path)
    assert _defaults_named(r) == {"kind", "higher_is_better", "seed", "method", "level", "threads"}
    given = ic.soft_outcome_summary(
        dict(spec, seed=4, effect_size="g", method="percentile", level=0.9, higher_is_better=False), tmp_path, threads=1
    )
    assert _defaults_named(given) == set()
    assert given.assumptions[0].startswith("effect size: Hedges' g")
    assert str(r.summary()).count("assumption: ") == len(r.assumptions)


@pytest.mark.parametrize(
    "seedless",
    [
        lambda: ic.bootstrap_mean(X, resamples=200),
        lambda: ic.bootstrap_alpha(ITEMS, resamples=200),
        lambda: ic.distance_travelled(PRE, POST, resamples=200),
    ],
)
def test_seed_is_optional_and_means_defaults_seed(seedless):
    r = seedless()
    assert f"seed: not given, taken as {DEFAULTS.seed} (impactchain.DEFAULTS.seed)" in r.assumptions


def test_sustainability_profiles_state_what_they_took():
    revenue = pd.DataFrame(
        {"name": ["grant", "room hire"], "type": ["municipality", "trading"], "amount": [6000.0, 4000.0]}
    )
    r = ic.revenue_profile(revenue)
    assert r.assumptions == ("municipality_type: not given, taken as 'municipality' (revenue_profile's default)",)
    assert r.municipality_share == pytest.approx(0.6)  # 6000 / (6000 + 4000)
    assert ic.revenue_profile(revenue, municipality_type="municipality").assumptions == ()
    ind = pd.DataFrame(
        {
            "name": ["neighbours known", "clubs"],
            "dimension": ["bonding", "bridging"],
            "value": [6.0, 3.0],
            "min": [0.0, 0.0],
            "max": [10.0, 5.0],
        }
    )
    s = ic.social_capital_profile(ind)
    assert s.assumptions == (
        "higher_is_better column not given: every indicator taken as higher-is-better",
        "equal weights within each dimension",
    )
    assert ic.social_capital_profile(ind.assign(higher_is_better=True)).assumptions == (
        "equal weights within each dimension",
    )


def test_psa_names_a_default_thread_count():
    costs = np.array([[100.0, 120.0], [110.0, 125.0]])
    effects = np.array([[1.0, 1.2], [1.1, 1.4]])
    r = ic.psa(costs, effects, ["status quo", "coaching"], reference="status quo")
    assert r.assumptions == (
        "threads: not given, taken as 0 (impactchain.DEFAULTS.threads; 0 = all cores; results do not depend on it)",
    )
    assert ic.psa(costs, effects, ["status quo", "coaching"], reference="status quo", threads=1).assumptions == ()


def test_scale_scores_and_composite_ranges_state_their_rules():
    d = ic.builtin_scale("swemwbs")
    responses = pd.DataFrame([[3.0] * 7, [4.0] * 7], columns=list(d.items))
    r = ic.score_scale(d, responses)
    assert r.assumptions == (
        "max_missing: not given, taken as 0 (the rule of scale 'swemwbs')",
        "scoring: sum of the items, missing items pro-rated up to 0",
    )
    assert ic.score_scale(d, responses, max_missing=1).assumptions == (
        "scoring: sum of the items, missing items pro-rated up to 1",
    )
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]})
    t = ic.composite(df, normalisation="distance_to_target", targets={"a": 3.0, "b": 3.0})
    assert "cap_at_target: not given, taken as True (composite's default)" in t.assumptions
    g = ic.composite(df, normalisation="goalposts", goalposts={"a": (0.0, 4.0), "b": (0.0, 4.0)})
    assert "goal_scale: not given, taken as 100.0 (composite's default)" in g.assumptions
    assert not any(a.startswith(("cap_at_target", "goal_scale")) for a in ic.composite(df).assumptions)


def test_every_assumption_and_warning_is_a_coded_notice_with_a_dutch_message(tmp_path):
    """Each statement above carries a code, so a Dutch report or a script filtering on codes
    can use it; each has a Dutch message in the catalogue that takes its params."""
    from impactchain._i18n import words
    from impactchain._notice import Notice

    pd.DataFrame({"pre": PRE * 3, "post": POST * 3}).to_csv(tmp_path / "s.csv", index=False)
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=pd.Index(["x", "y", "z"], name="unit"))
    m = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    results = [
        ic.bootstrap_mean(X, resamples=200),
        ic.bootstrap_alpha(ITEMS, resamples=200, method="percentile"),
        ic.cronbach_alpha(ITEMS),
        ic.cronbach_alpha(ITEMS, "listwise"),
        ic.effect_size(pre=PRE, post=POST),
        ic.distance_travelled(PRE, POST, reliability=0.8, resamples=200),
        ic.distance_travelled(PRE, POST, reliability=0.8, resamples=200, method="percentile"),
        ic.composite(df),
        ic.composite(df, direction={"a": 1}, levels=[{"name": "top"}]),
        ic.ahp_weights(np.array(m)),
        ic.pca_weights(pd.DataFrame(np.random.default_rng(1).normal(size=(12, 3)), columns=["a", "b", "c"])),
        ic.soft_outcome_summary({"id": "w", "data": "s.csv", "pre": "pre", "post": "post", "resamples": 200}, tmp_path),
    ]
    nl = words("nl")
    for r in results:
        for n in (*r.assumptions, *r.warnings):
            # A notice; or how a data file was read, a report sentence with its catalogue key (Said).
            assert (isinstance(n, Notice) and n.code) or hasattr(n, "key"), (type(r).__name__, n)
            assert n.in_language(nl)  # the Dutch message exists and takes the notice's params
    codes = {n.code for r in results for n in r.assumptions if isinstance(n, Notice)}
    assert {"bootstrap.interval_bca", "bootstrap.interval_percentile", "change.interval_percentile"} <= codes
    assert {"reliability.missing_pairwise", "reliability.missing_listwise", "composite.direction_partial"} <= codes
    rci = next(n for n in results[5].assumptions if n.code == "change.reliable_change")
    assert rci.params == {"threshold": 1.96}
    assert rci.in_language(nl).startswith("betrouwbare verandering: |RCI| > 1,96")
