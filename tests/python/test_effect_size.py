"""Effect sizes against pingouin.compute_effsize (oracle) and hand calculations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impactchain as ic
from impactchain._i18n import words
from soft_oracles import peers_file, pingouin


def _public_pair():
    """Two items of pingouin's cronbach_alpha data set, paired by subject (public data)."""
    d = pd.read_csv(peers_file("pingouin/cronbach_alpha_long.csv")).pivot(
        index="Subj", columns="Items", values="Scores"
    )
    return d["Q1"].to_numpy(float), d["Q5"].to_numpy(float)


def _pg(x, y, paired, eftype):
    pg = pingouin()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pg.compute_effsize(x, y, paired=paired, eftype=eftype)


def test_cohen_d_and_hedges_g_match_pingouin():
    a, b = _public_pair()
    assert ic.effect_size(treatment=a, control=b, kind="d").value == pytest.approx(_pg(a, b, False, "cohen"), abs=1e-10)
    assert ic.effect_size(treatment=a, control=b, kind="g").value == pytest.approx(
        _pg(a, b, False, "hedges"), abs=1e-10
    )
    rng = np.random.default_rng(4)
    x, y = rng.normal(1, 2, 37), rng.normal(0, 1, 50)  # unequal sizes
    assert ic.effect_size(treatment=x, control=y, kind="d").value == pytest.approx(_pg(x, y, False, "cohen"), abs=1e-10)
    assert ic.effect_size(treatment=x, control=y, kind="g").value == pytest.approx(
        _pg(x, y, False, "hedges"), abs=1e-10
    )


def test_dav_is_pingouins_paired_cohen():
    a, b = _public_pair()
    r = ic.effect_size(post=a, pre=b, kind="dav")
    assert r.value == pytest.approx(_pg(a, b, True, "cohen"), abs=1e-10)
    assert r.kind == "dav" and "d_av" in r.convention and r.paired


def test_dz_hand_calculation():
    a, b = _public_pair()
    diff = a - b
    r = ic.effect_size(post=a, pre=b, kind="dz")
    assert r.value == pytest.approx(diff.mean() / diff.std(ddof=1), abs=1e-12)
    n = len(a)
    se = np.sqrt(1 / n + r.value**2 / (2 * n))
    z = stats.norm.ppf(0.975)
    assert r.ci == pytest.approx((r.value - z * se, r.value + z * se), abs=1e-12)


def test_d_ci_uses_the_hedges_olkin_variance():
    a, b = np.array([2.0, 4, 6]), np.array([1.0, 2, 3])
    r = ic.effect_size(treatment=a, control=b, kind="d")
    d = 2 / np.sqrt(2.5)
    se = np.sqrt(6 / 9 + d**2 / 12)
    z = stats.norm.ppf(0.975)
    assert r.value == pytest.approx(d, abs=1e-12)
    assert r.ci == pytest.approx((d - z * se, d + z * se), abs=1e-12)
    assert r.convention.startswith("Cohen's d")


def test_missing_pairs_dropped_and_counted():
    r = ic.effect_size(post=[2, 4, np.nan, 6], pre=[1, 2, 5, 3], kind="dz")
    assert r.n_dropped == 1 and r.n_a == 3 and r.value == pytest.approx(2.0)
    assert r.warnings


def test_a_constant_side_is_named():
    # changes 7-5, 7-6, 7-8 = 2, 1, -1: mean 2/3, SD sqrt(7/3); post is the constant side
    r = ic.effect_size(post=[7, 7, 7], pre=[5, 6, 8], kind="dz")
    assert r.value == pytest.approx((2 / 3) / np.sqrt(7 / 3), abs=1e-12)
    assert [str(w) for w in r.warnings] == ["post is constant: correlation r set to 0"]
    (w,) = r.warnings
    assert w.code == "effect_size.constant" and w.params == {"name": "post"}
    assert w.in_language(words("nl")) == "post is constant: de correlatie r is op 0 gezet"


def test_bad_input():
    with pytest.raises(ic.ValidationError, match="equal length"):
        ic.effect_size(post=[1, 2, 3], pre=[1, 2], kind="dz")
    with pytest.raises(ic.ValidationError, match="pooled standard deviation is 0"):
        ic.effect_size(treatment=[1, 1], control=[2, 2], kind="d")
    with pytest.raises(ValueError, match="'d', 'g', 'dz', 'dav'"):
        ic.effect_size(treatment=[1, 2], control=[3, 4], kind="cohen")
    with pytest.raises(ValueError, match="1-D"):
        ic.effect_size(treatment=np.ones((2, 2)), control=[1, 2])


def test_bad_input_is_named_as_the_call_named_it():
    # The core computes "a versus b"; the messages use the caller's names (post = a, pre = b).
    with pytest.raises(ic.ValidationError, match=r"^post, pre: the differences post - pre are constant \(SD 0\)"):
        ic.effect_size(pre=[1.0, 2.0, 3.0], post=[2.0, 3.0, 4.0])
    with pytest.raises(ic.ValidationError, match=r"^pre: paired effect size 'dz' needs post and pre of equal length"):
        ic.effect_size(post=[1, 2, 3], pre=[1, 2], kind="dz")
    with pytest.raises(ic.ValidationError, match=r"^treatment, control: pooled standard deviation is 0"):
        ic.effect_size(treatment=[1, 1], control=[2, 2])
    with pytest.raises(ic.ValidationError, match=r"^control\[1\]: is infinite"):
        ic.effect_size(treatment=[1, 2], control=[2, np.inf])


def test_dav_of_two_perfectly_correlated_pairs_has_no_interval_and_says_why():
    # pre 10, 14; post 13, 20: post = 1.75 pre - 4.5, so r = 1 (any two pairs lie on a line).
    # d_av = 4.5 / sqrt((8 + 24.5) / 2); eq 4.28's variance (1/n + d^2/2n) 2(1 - r) would be 0.
    r = ic.effect_size(pre=[10.0, 14.0], post=[13.0, 20.0], kind="dav")
    assert r.value == pytest.approx(4.5 / np.sqrt(16.25), abs=1e-12)
    assert np.isnan(r.ci[0]) and np.isnan(r.ci[1]) and np.isnan(r.se)
    (w,) = r.warnings
    assert w.code == "effect_size.dav_perfect_correlation"
    assert str(w) == (
        "d_av has no interval: post and pre are perfectly correlated over 2 pairs (r = 1), and its "
        "normal-approximation variance (Borenstein et al. 2009 eq 4.28) is undefined then"
    )
    assert w.in_language(words("nl")).startswith("d_av heeft geen interval: post en pre zijn over 2 paren perfect")


def test_dav_of_three_pairs_with_r_below_one_keeps_its_interval():
    # pre 10, 14, 12 (mean 12, var 4); post 13, 20, 14 (mean 47/3, var 43/3); cov 7, r = 7 / sqrt(4 * 43/3).
    r = ic.effect_size(pre=[10.0, 14.0, 12.0], post=[13.0, 20.0, 14.0], kind="dav")
    corr = 7 / np.sqrt(4 * 43 / 3)
    dav = (11 / 3) / np.sqrt((43 / 3 + 4) / 2)
    se = np.sqrt((1 / 3 + dav**2 / 6) * 2 * (1 - corr))
    z = stats.norm.ppf(0.975)
    assert r.r == pytest.approx(corr, abs=1e-12) and r.value == pytest.approx(dav, abs=1e-12)
    assert r.ci == pytest.approx((dav - z * se, dav + z * se), abs=1e-12)
    assert r.warnings == ()


def test_a_group_of_two_pairs_has_no_dav_interval_and_its_warning_names_the_group():
    # Group x: the two pairs above (r = 1); group y adds a third pair (r < 1) and keeps its interval.
    d = ic.distance_travelled(
        pre=[10, 14, 10, 14, 12], post=[13, 20, 13, 20, 14], groups=["x", "x", "y", "y", "y"], kind="dav", resamples=0
    )
    assert np.isnan(d.groups.loc["x", "effect_ci_low"]) and np.isnan(d.groups.loc["x", "effect_ci_high"])
    assert d.groups.loc["x", "effect_size"] == pytest.approx(4.5 / np.sqrt(16.25), abs=1e-12)
    assert d.groups.loc["y", "effect_ci_low"] < d.groups.loc["y", "effect_ci_high"]
    (w,) = [w for w in d.warnings if w.code == "change.dav_perfect_correlation"]
    assert str(w).startswith("group 'x': effect size d_av has no interval: post and pre are perfectly correlated")
    assert w.in_language(words("nl")).startswith("groep 'x': effectgrootte d_av heeft geen interval")


def test_d_and_g_of_pre_and_post_take_the_paired_interval():
    """d and g of the same people measured twice: the value as for two groups (pingouin's), the
    interval of Borenstein et al. (2009) eq 4.28 with the correlation of pre and post, written out
    here with numpy; the independent groups' interval of the same numbers is wider where r > 0."""
    pre, post = _public_pair()
    n = len(pre)
    r = np.corrcoef(pre, post)[0, 1]
    sp = np.sqrt((pre.var(ddof=1) + post.var(ddof=1)) / 2)
    d = (post.mean() - pre.mean()) / sp
    var_d = (1 / n + d**2 / (2 * n)) * 2 * (1 - r)
    j = 1 - 3 / (4 * (2 * n) - 9)
    z = stats.norm.ppf(0.975)
    for kind, value, se in (("d", d, np.sqrt(var_d)), ("g", j * d, j * np.sqrt(var_d))):
        e = ic.effect_size(pre=pre, post=post, kind=kind)
        assert e.value == pytest.approx(value, rel=1e-12)
        assert e.value == pytest.approx(_pg(post, pre, False, "cohen" if kind == "d" else "hedges"), rel=1e-10)
        assert e.ci == pytest.approx((value - z * se, value + z * se), rel=1e-10)
        assert "paired measurements" in e.ci_method and "4.28" in e.ci_method
        independent = ic.effect_size(treatment=post, control=pre, kind=kind)
        assert independent.value == pytest.approx(value, rel=1e-12)
        # eq 4.20's interval of 2n people: wider than the paired one where r > 0, narrower where r < 0
        wide = (independent.ci[1] - independent.ci[0]) / (e.ci[1] - e.ci[0])
        assert wide == pytest.approx(np.sqrt((2 / n + d**2 / (4 * n)) / var_d), rel=1e-10)
        assert (wide > 1) == (r > 0)


def test_distance_travelled_with_d_gives_the_paired_interval_and_no_warning_of_independence():
    pre = np.array([1.0, 2, 3, 4])
    post = np.array([2.0, 4, 3, 7])
    res = ic.distance_travelled(pre, post, kind="d", resamples=0)
    # r = 7 / sqrt(70), d = 1.5 / sqrt(19/6), eq 4.28 with n = 4 (the C++ test writes it out too)
    d, r = 1.5 / np.sqrt(19 / 6), 7 / np.sqrt(70)
    se = np.sqrt((1 / 4 + d**2 / 8) * 2 * (1 - r))
    row = res.groups.iloc[0]
    assert row["effect_size"] == pytest.approx(d, rel=1e-12)
    assert row["effect_ci_high"] - row["effect_ci_low"] == pytest.approx(2 * stats.norm.ppf(0.975) * se, rel=1e-10)
    assert not any("independent groups" in str(w) for w in res.warnings)
