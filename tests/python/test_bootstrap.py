"""Bootstrap CIs against scipy.stats.bootstrap; distance travelled by hand; soft outcome summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impactchain as ic


def _alpha_stat(*cols, axis=-1):
    x = np.stack(cols, axis=-1)  # (..., n, k)
    k = x.shape[-1]
    item_var = x.var(axis=-2, ddof=1).sum(axis=-1)
    total_var = x.sum(axis=-1).var(axis=-1, ddof=1)
    return k / (k - 1) * (1 - item_var / total_var)


def _likert(n, k, seed):
    rng = np.random.default_rng(seed)
    t = rng.normal(size=(n, 1))
    return np.clip(np.round(3 + t + 0.8 * rng.normal(size=(n, k))), 1, 5)


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_mean_ci_agrees_with_scipy_within_monte_carlo_error(method):
    rng = np.random.default_rng(1)
    x = rng.gamma(2.0, 1.5, 400)  # skewed, so BCa differs from percentile
    B = 4000
    ours = ic.bootstrap_mean(x, seed=11, resamples=B, method=method)
    ref = stats.bootstrap(
        (x,),
        np.mean,
        n_resamples=B,
        method="BCa" if method == "bca" else "percentile",
        random_state=np.random.default_rng(5),
        vectorized=True,
    )
    se = ref.standard_error
    # Monte Carlo SD of a 2.5 % quantile endpoint with B = 4000 is about 0.04 SE per run
    assert ours.ci[0] == pytest.approx(ref.confidence_interval.low, abs=0.25 * se)
    assert ours.ci[1] == pytest.approx(ref.confidence_interval.high, abs=0.25 * se)
    assert ours.se == pytest.approx(se, rel=0.08)
    assert ours.method == method and ours.seed == 11


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_alpha_ci_agrees_with_scipy_within_monte_carlo_error(method):
    x = _likert(300, 5, 2)
    B = 3000
    ours = ic.bootstrap_alpha(x, seed=3, resamples=B, method=method)
    ref = stats.bootstrap(
        tuple(x.T),
        _alpha_stat,
        n_resamples=B,
        paired=True,
        vectorized=True,
        method="BCa" if method == "bca" else "percentile",
        random_state=np.random.default_rng(8),
    )
    se = ref.standard_error
    assert ours.estimate == pytest.approx(ic.cronbach_alpha(x).alpha, abs=1e-12)
    assert ours.ci[0] == pytest.approx(ref.confidence_interval.low, abs=0.25 * se)
    assert ours.ci[1] == pytest.approx(ref.confidence_interval.high, abs=0.25 * se)


def test_bca_acceleration_matches_scipy_jackknife():
    # the acceleration is deterministic (jackknife): compare it through a BCa interval with one
    # common set of replicates is not possible across libraries, so recompute a by hand
    x = np.random.default_rng(3).exponential(2.0, 200)
    ours = ic.bootstrap_mean(x, seed=1, resamples=500)
    jack = (x.sum() - x) / (len(x) - 1)
    d = jack.mean() - jack
    a = (d**3).sum() / (6 * ((d**2).sum()) ** 1.5)
    assert ours.acceleration == pytest.approx(a, abs=1e-12)


def test_same_seed_same_result_for_any_thread_count():
    x = _likert(2000, 6, 4)
    runs = [ic.bootstrap_alpha(x, seed=7, resamples=400, threads=t, keep_replicates=True) for t in (1, 2, 3)]
    for r in runs[1:]:
        np.testing.assert_array_equal(r.replicates, runs[0].replicates)
        assert r.ci == runs[0].ci
    other = ic.bootstrap_alpha(x, seed=8, resamples=400)
    assert other.ci != runs[0].ci


def test_bootstrap_bad_input():
    with pytest.raises(ic.ValidationError, match="resamples"):
        ic.bootstrap_mean([1.0, 2.0, 3.0], seed=1, resamples=10)
    with pytest.raises(ValueError, match=r"x\[2\]: must be a finite number or NaN \(missing\), got inf"):
        ic.bootstrap_mean([1.0, np.nan, np.inf], seed=1)
    with pytest.raises(ic.ValidationError):  # nothing left once the missing values are dropped
        ic.bootstrap_mean([np.nan, np.nan], seed=1)


def test_bootstrap_mean_drops_missing_values_and_says_so():
    x = [3.0, np.nan, 5.0, 4.0, 8.0, np.nan, 6.0, 7.0]
    r = ic.bootstrap_mean(x, seed=5, resamples=300)
    complete = ic.bootstrap_mean([3.0, 5.0, 4.0, 8.0, 6.0, 7.0], seed=5, resamples=300)
    assert r.n == 6 and r.estimate == pytest.approx(33.0 / 6)  # (3 + 5 + 4 + 8 + 6 + 7) / 6
    assert (r.ci, r.se) == (complete.ci, complete.se)
    assert r.warnings[0] == "2 of 8 values missing (NaN), dropped"
    assert not complete.warnings or "missing" not in complete.warnings[0]
    with pytest.raises(ValueError, match="method must be one of 'bca', 'percentile', got 'normal'"):
        ic.bootstrap_mean([1.0, 2.0, 3.0], seed=1, method="normal")
    with pytest.raises(ValueError, match="seed must be an integer"):
        ic.bootstrap_mean([1.0, 2.0, 3.0], seed=-1)


def test_distance_travelled_hand_calculation():
    pre = pd.Series([10, 12, 14, 20, 22, np.nan])
    post = pd.Series([16, 13, 8, 21, 30, 25])
    groups = ["A", "A", "A", "B", "B", "B"]
    r = ic.distance_travelled(pre, post, groups, seed=1, reliability=0.75, sd_pre=4.0, resamples=0)
    # SE_diff = 4 * sqrt(2) * sqrt(1 - 0.75); changes 6, 1, -6, 1, 8
    assert r.se_difference == pytest.approx(4 * np.sqrt(2) * 0.5)
    np.testing.assert_allclose(r.rci.to_numpy()[:5], np.array([6, 1, -6, 1, 8]) / (2 * np.sqrt(2)))
    t = r.table
    assert t.loc["all", "n"] == 5 and t.loc["all", "n_incomplete"] == 1
    assert t.loc["all", "share_improved"] == pytest.approx(0.4)
    assert t.loc["A", "mean_change"] == pytest.approx(1 / 3)
    d = np.array([6.0, 1, -6])
    assert t.loc["A", "effect_size"] == pytest.approx(d.mean() / d.std(ddof=1), abs=1e-12)
    assert t.loc["A", "effect_kind"] == "dz"
    assert "d_z" in r.convention


def test_distance_travelled_counts_a_person_of_no_group_in_all_only():
    # A and A change by 2 and 4; B has no after score; the two labelled "" (group not known) lack a score.
    pre, post = [10, 10, 20, 30, np.nan], [12, 14, np.nan, np.nan, 40]
    t = ic.distance_travelled(pre, post, ["A", "A", "B", "", ""], seed=1, resamples=0).table
    assert list(t.index) == ["all", "A", "B"]
    assert (t.loc["all", "n"], t.loc["all", "n_incomplete"]) == (2, 3)
    assert t.loc["all", "mean_change"] == pytest.approx(3) and t.loc["B", "n_incomplete"] == 1


def test_distance_travelled_bootstrap_and_reporting():
    rng = np.random.default_rng(2)
    pre = rng.normal(40, 5, 300)
    post = pre + 2 + rng.normal(0, 3, 300)
    r = ic.distance_travelled(pre, post, seed=5, resamples=1000, method="percentile")
    b = r.bootstrap["all"]
    ref = stats.bootstrap(
        (post - pre,), np.mean, n_resamples=4000, method="percentile", random_state=np.random.default_rng(0)
    )
    assert b.ci[0] == pytest.approx(ref.confidence_interval.low, abs=0.3 * ref.standard_error)
    assert r.rci is None and any("reliability" in w for w in r.warnings)
    assert "Distance travelled" in r._repr_html_()
    assert r.to_dict()["kind"] == "dz"


def test_distance_travelled_bad_input():
    with pytest.raises(ic.ValidationError, match="post: has 2 values, pre has 3"):
        ic.distance_travelled([1, 2, 3], [1, 2], seed=1)
    with pytest.raises(ic.ValidationError, match=r"reliability must be a finite number in \(0, 1\), got 1.2"):
        ic.distance_travelled([1, 2, 3], [2, 3, 5], seed=1, reliability=1.2)
    with pytest.raises(ValueError, match="no group label"):
        ic.distance_travelled([1, 2, 3], [2, 3, 5], ["a", None, "b"], seed=1)
    with pytest.raises(ic.ValidationError, match=r"groups\[2\]: 'all' is the name of everyone together"):
        ic.distance_travelled([1, 2, 3], [2, 3, 5], ["a", "b", "all"], seed=1)


def test_soft_outcome_summary(tmp_path):
    rng = np.random.default_rng(3)
    n = 60
    df = pd.DataFrame(
        {
            "person": [f"p{i}" for i in range(n)],
            "site": ["north", "south"] * (n // 2),
            "wb_pre": rng.integers(7, 30, n).astype(float),
        }
    )
    df["wb_post"] = np.minimum(df["wb_pre"] + rng.integers(-2, 6, n), 35)
    df.loc[3, "wb_post"] = np.nan
    (tmp_path / "data").mkdir()
    df.to_csv(tmp_path / "data/wellbeing.csv", index=False)
    spec = {
        "id": "wellbeing",
        "indicator": "SWEMWBS raw",
        "data": "data/wellbeing.csv",
        "pre": "wb_pre",
        "post": "wb_post",
        "group": "site",
        "id_column": "person",
        "reliability": 0.84,
        "seed": 2,
        "resamples": 500,
    }
    out = ic.soft_outcome_summary(spec, tmp_path)
    assert out.n_rows == n and out.n_used == n - 1
    assert out.rows_not_used == ({"row": 5, "id": "p3", "missing": ["post"], "reason": "no after score"},)
    assert list(out.groups.index) == ["all", "north", "south"] and out.groups.index.name == "group"
    assert out.groups.loc["all", "mean_change"] == pytest.approx((df["wb_post"] - df["wb_pre"]).mean())
    assert "d_z" in out.effect_size_convention
    # The JSON form keeps the shape of the mapping earlier releases returned.
    assert out.to_dict()["groups"][0]["group"] == "all"
    bad = dict(spec, pre="nope")
    with pytest.raises(ValueError, match=r"wellbeing\.csv: row 1: column 'nope' not found \(named by pre\)"):
        ic.soft_outcome_summary(bad, tmp_path)
    with pytest.raises(ValueError, match="unknown keys"):
        ic.soft_outcome_summary(dict(spec, colour="red"), tmp_path)
    # No seed: DEFAULTS.seed, stated in the assumptions; the numbers are those of that seed.
    unseeded = ic.soft_outcome_summary({k: v for k, v in spec.items() if k != "seed"}, tmp_path)
    assert f"seed: not given, taken as {ic.DEFAULTS.seed} (impactchain.DEFAULTS.seed)" in unseeded.assumptions
    assert unseeded.groups.equals(ic.soft_outcome_summary(dict(spec, seed=ic.DEFAULTS.seed), tmp_path).groups)
    assert not any(a.startswith("seed:") for a in out.assumptions)
    df["wb_pre"] = df["wb_pre"].astype(object)
    df.loc[7, "wb_pre"] = "seven"
    df.to_csv(tmp_path / "data/wellbeing.csv", index=False)
    with pytest.raises(ValueError, match="row 9, column 'wb_pre': 'seven' is not a number"):
        ic.soft_outcome_summary(spec, tmp_path)


def test_mean_ci_on_integer_changes_agrees_with_scipy():
    # few distinct values: impactchain draws multinomial counts instead of indices
    x = np.random.default_rng(9).integers(-6, 9, 5000).astype(float)
    ours = ic.bootstrap_mean(x, seed=2, resamples=4000)
    ref = stats.bootstrap((x,), np.mean, n_resamples=4000, method="BCa", random_state=np.random.default_rng(1))
    se = ref.standard_error
    assert any("multinomial" in w for w in ours.warnings)
    assert ours.ci[0] == pytest.approx(ref.confidence_interval.low, abs=0.25 * se)
    assert ours.ci[1] == pytest.approx(ref.confidence_interval.high, abs=0.25 * se)
    assert ours.se == pytest.approx(se, rel=0.08)
