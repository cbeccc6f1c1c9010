"""COINr's outlier treatment (composite(outliers="coinr")): each branch on small indicators with the
decision derived by hand (skewness and kurtosis from scipy.stats, bias=False, the e1071 type-2
statistics COINr uses), COINr's published treatment tables of its ASEM data, the treatment as a
rank-uncertainty choice, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impactchain as ic
from soft_oracles import peers_file


def _sk(v) -> tuple[float, float]:
    v = np.asarray(v, dtype=float)
    v = v[~np.isnan(v)]
    return float(stats.skew(v, bias=False)), float(stats.kurtosis(v, bias=False))


def _treat(df: pd.DataFrame, **kw) -> ic.CompositeResult:
    return ic.composite(df, direction=[1] * df.shape[1], normalisation="none", outliers="coinr", **kw)


def _ramp(n: int, *tail: float) -> list[float]:
    return [float(i) for i in range(1, n + 1)] + [float(t) for t in tail]


def test_pass_winsorise_and_log_branches_by_hand():
    df = pd.DataFrame(
        {
            "even": _ramp(20, 21, 22, 23),  # 1..23: symmetric, skew 0 < 2 -> pass
            "one": _ramp(20, 21, 30, 100),
            "two": _ramp(20, 40, 60, 200),
            "low": [-v for v in _ramp(20, 40, 60, 200)],
        },
        index=pd.Index([f"u{i:02d}" for i in range(23)], name="unit"),
    )
    r = _treat(df)
    t = r.outliers
    assert list(t.index) == ["even", "one", "two", "low"]
    for c in df.columns:
        assert (t.loc[c, "skew_before"], t.loc[c, "kurtosis_before"]) == pytest.approx(_sk(df[c]), abs=1e-12)
    # even: skew 0 -> pass, unchanged.
    assert t.loc["even", "decision"] == "pass" and t.loc["even", "points_tried"] == 0
    assert np.isnan(t.loc["even", "skew_winsorised"])
    # one: 1..21, 30, 100: skew and kurtosis are both above 2 and 3.5 -> fails; skew > 0 -> the
    # high end: 100 -> 30 (next highest). Then 1..21, 30, 30 has skew < 2 -> passes, 1 point.
    s0, k0 = _sk(df["one"])
    assert s0 >= 2 and k0 >= 3.5
    s1, _ = _sk(_ramp(20, 21, 30, 30))
    assert s1 < 2
    assert t.loc["one", "decision"] == "winsorised" and t.loc["one", "winsorised_points"] == 1
    assert r.treated.loc["u22", "one"] == 30
    # two: 1..20, 40, 60, 200 -> 200 -> 60: skew 2.0009 >= 2 and kurtosis 3.572 >= 3.5, still
    # fails; both 60s -> 40: skew 1.35 < 2, passes. 2 points, both now 40.
    s1, k1 = _sk(_ramp(20, 40, 60, 60))
    assert s1 >= 2 and k1 >= 3.5
    s2, k2 = _sk(_ramp(20, 40, 40, 40))
    assert s2 < 2
    assert t.loc["two", "decision"] == "winsorised" and t.loc["two", "points_tried"] == 2
    assert (t.loc["two", "skew_after"], t.loc["two", "kurtosis_after"]) == pytest.approx((s2, k2), abs=1e-12)
    assert r.treated["two"].tail(3).tolist() == [40, 40, 40]
    # low: the mirror image; skew < 0 -> the low end is winsorised.
    assert t.loc["low", "decision"] == "winsorised"
    assert r.treated["low"].tail(3).tolist() == [-40, -40, -40]
    pts = r.outlier_points
    assert pts.columns.tolist() == ["indicator", "unit", "side", "value", "winsorised_to"]
    two = pts[pts.indicator == "two"]
    assert two.unit.tolist() == ["u21", "u22"] and two.value.tolist() == [60, 200] and set(two.side) == {"high"}
    assert set(pts[pts.indicator == "low"].side) == {"low"}
    assert r.n_clipped.tolist() == [0, 1, 2, 2]
    assert "skew_threshold: not given, taken as 2.0 (composite's default)" in r.assumptions
    assert "max_winsorised: not given, taken as 5 (composite's default)" in r.assumptions
    # Limit 1: "two" still fails after 200 -> 60, so the winsorising is undone and log_CT
    # applied to the untreated values: log(x - 1 + 0.01 * (200 - 1)) = log(x + 0.99).
    r1 = _treat(df[["two"]], max_winsorised=1)
    row = r1.outliers.loc["two"]
    assert row.decision == "log" and bool(row.log_transform) and row.winsorised_points == 0
    assert (row.skew_winsorised, row.kurtosis_winsorised) == pytest.approx((s1, k1), abs=1e-12)
    np.testing.assert_allclose(r1.treated["two"], np.log(df["two"] + 0.99), rtol=1e-14)
    assert (row.skew_after, row.kurtosis_after) == pytest.approx(_sk(np.log(df["two"] + 0.99)), abs=1e-12)
    assert r1.outlier_points.empty
    assert "max_winsorised" not in " ".join(r1.assumptions)


def test_thresholds_decide_and_undefined_stays_untreated():
    spike = pd.DataFrame({"s": [0.0] * 9 + [1.0]})
    # 9 zeros and a 1: skewness sqrt(10) = 3.16, kurtosis 10 (closed form). With kurtosis
    # threshold 11 it passes (10 < 11); with the defaults it fails, and winsorising the 1 to 0
    # leaves no spread: skewness undefined, COINr keeps it untreated ("undefined").
    assert _sk(spike["s"]) == pytest.approx((np.sqrt(10), 10.0), abs=1e-12)
    assert _treat(spike, kurtosis_threshold=11).outliers.loc["s", "decision"] == "pass"
    r = _treat(spike)
    assert r.outliers.loc["s", "decision"] == "undefined" and not r.outliers.loc["s", "passes_after"]
    assert r.treated["s"].tolist() == spike["s"].tolist()
    # Three values: kurtosis needs four -> undefined; NaN cells are ignored and kept.
    few = pd.DataFrame({"f": [1.0, 2.0, 50.0, np.nan]})
    rf = ic.composite(few, outliers="coinr", normalisation="none", direction=[1])
    assert rf.outliers.loc["f", "decision"] == "undefined"
    assert np.isnan(rf.treated["f"].iloc[3])


def test_coinr_published_treatment_tables_of_asem():
    # COINr's treat vignette: Treat(ASEM_iData[c("Flights", "Goods", "Services")]) with defaults,
    # and qTreat(..., winmax = 1, skew_thresh = 1.5, kurt_thresh = 3) on the raw data.
    data = pd.read_csv(peers_file("coinr-asem/ASEM_iData.csv")).set_index("uCode")
    df = data[["Flights", "Goods", "Services"]].astype(float)
    t = _treat(df).outliers
    np.testing.assert_allclose(t.skew_before, [2.103287, 2.649973, 1.701085], atol=5e-7)
    np.testing.assert_allclose(t.kurtosis_before, [4.508879, 8.266610, 2.375656], atol=5e-7)
    assert t.decision.tolist() == ["winsorised", "winsorised", "pass"]
    assert t.points_tried.tolist() == [1, 2, 0]
    np.testing.assert_allclose(t.skew_winsorised[:2], [1.900658, 1.140608], atol=5e-7)
    np.testing.assert_allclose(t.kurtosis_winsorised[:2], [3.336065, 0.1572047], atol=5e-7)
    pts = _treat(df).outlier_points
    # COINr's Treated_Points: rows 30 (Flights) and 11, 35 (Goods) are "winhi".
    assert sorted(zip(pts.indicator, pts.unit)) == [("Flights", "GBR"), ("Goods", "CHN"), ("Goods", "DEU")]
    q = _treat(df, max_winsorised=1, skew_threshold=1.5, kurtosis_threshold=3).outliers
    assert q.decision.tolist() == ["log", "log", "pass"]
    np.testing.assert_allclose(q.skew_winsorised[:2], [1.900658, 2.469910], atol=5e-7)
    np.testing.assert_allclose(q.kurtosis_winsorised[:2], [3.336065, 7.087309], atol=5e-7)
    np.testing.assert_allclose(q.skew_after[:2], [-0.09502644, 0.03104001], atol=5e-9)
    np.testing.assert_allclose(q.kurtosis_after[:2], [-0.8305217, -0.8888965], atol=5e-8)
    assert q.passes_after.tolist() == [True, True, True]


def test_bad_input_names_the_argument():
    df = pd.DataFrame({"a": _ramp(5), "b": _ramp(5)})
    with pytest.raises(TypeError, match=r"winsorise must be a pair .*got str; .*outliers='coinr'"):
        ic.composite(df, winsorise="coinr")
    with pytest.raises(TypeError, match="exclude each other"):
        ic.composite(df, winsorise=(0.05, 0.95), outliers="coinr")
    with pytest.raises(ValueError, match=r"outliers must be one of 'none', 'coinr', got 'COINr'"):
        ic.composite(df, outliers="COINr")
    with pytest.raises(TypeError, match=r"max_winsorised applies only to COINr's outlier treatment"):
        ic.composite(df, max_winsorised=3)
    with pytest.raises(TypeError, match=r"skew_threshold, max_winsorised apply only to COINr's outlier treatment"):
        ic.composite(df, skew_threshold=2, max_winsorised=3)
    with pytest.raises(ValueError, match=r"max_winsorised must be an integer >= 0, got -1"):
        ic.composite(df, outliers="coinr", max_winsorised=-1)
    with pytest.raises(ValueError, match=r"skew_threshold must be a finite number in \(0, inf\]"):
        ic.composite(df, outliers="coinr", skew_threshold=0)


def test_treatment_as_a_rank_uncertainty_choice():
    # Indicator a fails COINr's check (1..10, 30, 100 -> 100 becomes 30); b passes. With
    # treatments=["coinr"] alone every draw uses the treated data, so the result equals the one
    # on the treated data without a treatment choice (same seed, same weight draws).
    x = pd.DataFrame({"a": _ramp(10, 30, 100), "b": [float((i * 7) % 12) for i in range(12)]})
    treated = _treat(x).treated
    assert treated["a"].iloc[11] == 30
    kw = {"draws": 400, "seed": 3, "normalisations": ["minmax"]}
    r = ic.rank_uncertainty(x, [0.5, 0.5], treatments=["coinr"], **kw)
    q = ic.rank_uncertainty(treated, [0.5, 0.5], **kw)
    np.testing.assert_array_equal(r.rank_median, q.rank_median)
    np.testing.assert_array_equal(r.reference_score, q.reference_score)
    assert r.treatment_choices == ("coinr",) and r.treatment_draws.tolist() == [400]
    assert "skew_threshold: not given, taken as 2.0 (rank_uncertainty's default)" in r.assumptions
    b = ic.rank_uncertainty(x, [0.5, 0.5], treatments=["none", "coinr"], **kw)
    # each treatment with probability 1/2: 5 SE = 5 * sqrt(400 / 4) = 50 draws
    assert b.treatment_draws.sum() == 400 and abs(b.treatment_draws[0] - 200) <= 50
    assert q.treatment_draws is None and q.treatment_choices == ()
    with pytest.raises(TypeError, match="skew_threshold applies only"):
        ic.rank_uncertainty(x, [0.5, 0.5], skew_threshold=2.5, **kw)
