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
