"""Cronbach's alpha against pingouin (run as an oracle) and hand calculations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impactchain as ic
from soft_oracles import peers_file, pingouin


def _pg_alpha(data, **kw):
    pg = pingouin()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pg.cronbach_alpha(data=data, **kw)


def test_pairwise_matches_pingouin_on_its_missing_data_set():
    data = pd.read_csv(peers_file("pingouin/cronbach_wide_missing.csv"))
    expected, ci = _pg_alpha(data)
    r = ic.cronbach_alpha(data, missing="pairwise")
    assert r.alpha == pytest.approx(expected, abs=1e-10)
    assert r.missing == "pairwise"
    assert r.n == len(data)
    # pingouin rounds its CI to 3 decimals; same Feldt formula, same n
    assert r.ci == pytest.approx(tuple(ci), abs=5e-4)
    # pingouin's pairwise covariance is pandas' DataFrame.cov
    np.testing.assert_allclose(r.covariance.to_numpy(), data.cov().to_numpy(), rtol=0, atol=1e-12)


def test_listwise_matches_pingouin_alpha_and_feldt_ci_with_rows_used():
    data = pd.read_csv(peers_file("pingouin/cronbach_wide_missing.csv"))
    expected, _ = _pg_alpha(data, nan_policy="listwise")
    r = ic.cronbach_alpha(data, missing="listwise")
    assert r.alpha == pytest.approx(expected, abs=1e-10)
    complete = data.dropna()
    assert r.n == len(complete) == 9
    # Feldt CI with the 9 complete rows (pingouin uses the 12 rows before deletion for df)
    n, k = complete.shape
    lo = 1 - (1 - expected) * stats.f.isf(0.025, n - 1, (n - 1) * (k - 1))
    hi = 1 - (1 - expected) * stats.f.isf(0.975, n - 1, (n - 1) * (k - 1))
    assert r.ci == pytest.approx((lo, hi), abs=1e-10)
    assert any("listwise" in w for w in r.warnings)


def test_long_format_matches_pingouin():
    data = pd.read_csv(peers_file("pingouin/cronbach_alpha_long.csv"))
    expected, ci = _pg_alpha(data, items="Items", scores="Scores", subject="Subj")
    r = ic.cronbach_alpha(data, subject="Subj", item="Items", score="Scores")
    assert r.alpha == pytest.approx(expected, abs=1e-10)
    assert r.ci == pytest.approx(tuple(ci), abs=5e-4)


def test_item_statistics_against_numpy_and_pingouin():
    data = pd.read_csv(peers_file("pingouin/cronbach_alpha_long.csv")).pivot(
        index="Subj", columns="Items", values="Scores"
    )
    r = ic.cronbach_alpha(data, missing="listwise")
    total = data.sum(axis=1)
    for col in data.columns:
        rest = total - data[col]
        assert r.item_rest_r[col] == pytest.approx(np.corrcoef(data[col], rest)[0, 1], abs=1e-10)
        assert r.item_total_r[col] == pytest.approx(np.corrcoef(data[col], total)[0, 1], abs=1e-10)
        dropped, _ = _pg_alpha(data.drop(columns=col))
        assert r.alpha_if_dropped[col] == pytest.approx(dropped, abs=1e-10)
    t = r.table
    assert list(t.columns) == ["alpha_if_dropped", "item_total_r", "item_rest_r"]
    assert list(t.index) == list(data.columns)


def test_hand_calculation_and_numpy_input():
    x = np.array([[1, 2, 3], [2, 2, 4], [3, 4, 4], [4, 5, 5]], dtype=float)
    r = ic.cronbach_alpha(x)  # item variances 5/3, 9/4, 2/3; total variance 147/12 -> 46/49
    assert r.alpha == pytest.approx(46 / 49, abs=1e-12)
    assert list(r.alpha_if_dropped.index) == ["item 0", "item 1", "item 2"]


def test_result_is_readonly_and_serialisable():
    r = ic.cronbach_alpha(np.array([[1, 2, 3], [2, 2, 4], [3, 4, 4], [4, 5, 5]], dtype=float))
    with pytest.raises(AttributeError):
        r.alpha = 0.5  # type: ignore[misc]
    d = r.to_dict()
    assert d["missing"] == "pairwise" and d["n"] == 4 and len(d["ci"]) == 2
    assert "Cronbach" in r._repr_html_()


def test_bad_input():
    with pytest.raises(ic.ValidationError, match="item 'a': is constant"):
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 1, 1], "b": [1, 2, 3], "c": [2, 3, 3]}))
    with pytest.raises(ic.ValidationError, match="item 'b': all responses are missing"):
        ic.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [np.nan] * 3}))
    with pytest.raises(ValueError, match="missing must be one of 'pairwise', 'listwise', got 'mean'"):
        ic.cronbach_alpha(np.eye(3), missing="mean")
    with pytest.raises(ValueError, match="not numeric"):
        ic.cronbach_alpha(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}))
    with pytest.raises(ValueError, match="2-D"):
        ic.cronbach_alpha(np.arange(3.0))
    with pytest.raises(ic.ValidationError, match="at least 2 items"):
        ic.cronbach_alpha(np.ones((4, 1)))
