"""Property tests of the soft-outcome statistics: Cronbach's alpha does not
depend on item order or on a constant added to an item; the effect size changes
sign when its two samples swap; bootstrap intervals contain the estimate;
scoring a user-defined sum scale of complete responses gives the row sums."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactchain as ic

SETTINGS = settings(max_examples=30, deadline=None, database=None)
SEEDS = st.integers(0, 2**32 - 1)


def _items(n: int, k: int, seed: int) -> np.ndarray:
    """n respondents x k items: a common trait plus item noise and item offsets,
    so every item and the total vary."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    return 3.0 + trait + 0.7 * rng.normal(size=(n, k)) + rng.uniform(-1, 1, size=(1, k))


@SETTINGS
@given(n=st.integers(5, 60), k=st.integers(2, 8), seed=SEEDS, data=st.data())
def test_cronbach_alpha_ignores_item_order(n, k, seed, data):
    x = _items(n, k, seed)
    order = data.draw(st.permutations(range(k)))
    for missing in ("pairwise", "listwise"):
        a = ic.cronbach_alpha(x, missing=missing).alpha
        b = ic.cronbach_alpha(x[:, order], missing=missing).alpha
        assert b == pytest.approx(a, rel=1e-9, abs=1e-12)


@SETTINGS
@given(n=st.integers(5, 60), k=st.integers(2, 8), seed=SEEDS, shift=st.floats(-100, 100), data=st.data())
def test_cronbach_alpha_ignores_a_constant_added_to_an_item(n, k, seed, shift, data):
    x = _items(n, k, seed)
    j = data.draw(st.integers(0, k - 1))
    y = x.copy()
    y[:, j] += shift
    # covariances, hence alpha = k/(k-1) (1 - sum var_i / var(total)), do not see a shift
    assert ic.cronbach_alpha(y).alpha == pytest.approx(ic.cronbach_alpha(x).alpha, rel=1e-8, abs=1e-10)


@SETTINGS
@given(
    n=st.integers(4, 50),
    m=st.integers(4, 50),
    seed=SEEDS,
    shift=st.floats(-3, 3),
    kind=st.sampled_from(["d", "g", "dz", "dav"]),
)
def test_effect_size_is_antisymmetric_in_its_samples(n, m, seed, shift, kind):
    rng = np.random.default_rng(seed)
    if kind in ("dz", "dav"):  # paired: same length, correlated
        b = rng.normal(10, 2, n)
        a = b + shift + rng.normal(0, 1.5, n)
    else:
        a = rng.normal(10 + shift, 2, n)
        b = rng.normal(10, 3, m)
    if kind in ("dz", "dav"):  # a = post, b = pre: change = a - b
        ab = ic.effect_size(post=a, pre=b, kind=kind)
        ba = ic.effect_size(post=b, pre=a, kind=kind)
    else:  # a = treatment, b = control: difference = a - b
        ab = ic.effect_size(treatment=a, control=b, kind=kind)
        ba = ic.effect_size(treatment=b, control=a, kind=kind)
    assert ba.value == pytest.approx(-ab.value, rel=1e-9, abs=1e-12)
    # the interval mirrors too: (lo, hi) -> (-hi, -lo)
    assert ba.ci[0] == pytest.approx(-ab.ci[1], rel=1e-7, abs=1e-9)
    assert ba.ci[1] == pytest.approx(-ab.ci[0], rel=1e-7, abs=1e-9)
    # and the sign follows the documented convention: positive when mean(a) > mean(b)
    assert np.sign(ab.value) == np.sign(np.mean(a) - np.mean(b))


@SETTINGS
@given(
    n=st.integers(10, 80),
    seed=SEEDS,
    method=st.sampled_from(["percentile", "bca"]),
    dist=st.sampled_from(["normal", "gamma", "uniform"]),
)
def test_bootstrap_mean_interval_contains_the_estimate(n, seed, method, dist):
    rng = np.random.default_rng(seed)
    x = {
        "normal": lambda: rng.normal(5, 2, n),
        "gamma": lambda: rng.gamma(2.0, 1.5, n),
        "uniform": lambda: rng.uniform(0, 1, n),
    }[dist]()
    r = ic.bootstrap_mean(x, seed=seed % 1000, resamples=400, method=method)
    assert r.estimate == pytest.approx(float(np.mean(x)), rel=1e-12)
    assert r.ci[0] <= r.estimate <= r.ci[1]


@SETTINGS
@given(n=st.integers(10, 60), k=st.integers(2, 6), seed=SEEDS, method=st.sampled_from(["percentile", "bca"]))
def test_bootstrap_alpha_interval_contains_the_estimate(n, k, seed, method):
    x = _items(n, k, seed)
    r = ic.bootstrap_alpha(x, seed=seed % 1000, resamples=400, method=method)
    assert r.estimate == pytest.approx(ic.cronbach_alpha(x, missing="listwise").alpha, rel=1e-9)
    assert r.ci[0] <= r.estimate <= r.ci[1]


@SETTINGS
@given(n=st.integers(1, 40), k=st.integers(1, 10), lo=st.integers(0, 2), width=st.integers(1, 6), seed=SEEDS)
def test_score_scale_of_complete_responses_is_the_row_sum(n, k, lo, width, seed):
    items = [f"q{i}" for i in range(k)]
    d = ic.ScaleDefinition("toy", items, item_min=lo, item_max=lo + width, scoring="sum")
    x = np.random.default_rng(seed).integers(lo, lo + width + 1, size=(n, k)).astype(float)
    s = ic.score_scale(d, x)
    np.testing.assert_array_equal(s.score.to_numpy(), x.sum(axis=1))
    assert s.n_prorated == 0 and s.n_missing_score == 0
