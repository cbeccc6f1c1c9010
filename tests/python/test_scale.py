"""Scale scoring, built-in scales and the SWEMWBS conversion table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

# Stewart-Brown et al. (2009); Warwick Medical School SWEMWBS raw -> metric conversion table.
PUBLISHED = {
    7: 7.00,
    8: 9.51,
    9: 11.25,
    10: 12.40,
    11: 13.33,
    12: 14.08,
    13: 14.75,
    14: 15.32,
    15: 15.84,
    16: 16.36,
    17: 16.88,
    18: 17.43,
    19: 17.98,
    20: 18.59,
    21: 19.25,
    22: 19.98,
    23: 20.73,
    24: 21.54,
    25: 22.35,
    26: 23.21,
    27: 24.11,
    28: 25.03,
    29: 26.02,
    30: 27.03,
    31: 28.13,
    32: 29.31,
    33: 30.70,
    34: 32.55,
    35: 35.00,
}


def test_swemwbs_metric_matches_published_table():
    raw = np.arange(7, 36)
    out = ic.swemwbs_metric(raw)
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [PUBLISHED[r] for r in raw])
    s = ic.swemwbs_metric(pd.Series([20, np.nan], index=["p1", "p2"]))
    assert list(s.index) == ["p1", "p2"] and s["p1"] == 18.59 and np.isnan(s["p2"])
    assert ic.swemwbs_metric(35) == 35.0


def test_swemwbs_metric_rejects_bad_raw():
    with pytest.raises(ic.ValidationError, match=r"integer in \[7, 35\], got 6"):
        ic.swemwbs_metric([6])
    with pytest.raises(ic.ValidationError, match=r"raw\[1\]"):
        ic.swemwbs_metric([7, 20.5])


def test_builtin_scales_and_licences():
    assert set(ic.builtin_scale_names()) >= {"wemwbs", "swemwbs", "ons4_anxiety"}
    w = ic.builtin_scale("wemwbs")
    assert len(w.items) == 14 and (w.item_min, w.item_max) == (1, 5)
    assert "non-commercial" in w.licence and "registration" in w.licence
    s = ic.builtin_scale("swemwbs")
    assert len(s.items) == 7 and s.conversion == "swemwbs_rasch" and s.licence == w.licence
    a = ic.builtin_scale("ons4_anxiety")
    assert (a.item_min, a.item_max) == (0, 10) and a.higher_is_better is False
    with pytest.raises(ic.ValidationError, match="unknown scale 'phq9'; known: wemwbs"):
        ic.builtin_scale("phq9")


def test_swemwbs_scoring_from_dataframe():
    s = ic.builtin_scale("swemwbs")
    df = pd.DataFrame([[3] * 7, [4] * 6 + [np.nan], [1] * 7], columns=list(s.items), index=["a", "b", "c"])
    df["other"] = 99  # extra columns are ignored
    r = ic.score_scale("swemwbs", df)
    assert r.score["a"] == 19.25 and np.isnan(r.score["b"]) and r.score["c"] == 7.0
    assert r.n_missing_score == 1
    r1 = ic.score_scale("swemwbs", df, max_missing=1)
    assert r1.raw["b"] == pytest.approx(28.0) and r1.score["b"] == 25.03 and r1.n_prorated == 1
    assert "non-commercial" in r1.licence
    assert list(r1.table.columns) == ["score", "raw", "n_missing_items"]


def test_user_defined_scale_reverse_and_mean():
    d = ic.ScaleDefinition("toy", ["a", "b", "c"], item_min=0, item_max=4, reverse_items=["b"], scoring="mean")
    r = ic.score_scale(d, np.array([[0, 0, 4], [4, 4, 4]], dtype=float))
    # reversed b: 4 - 0 = 4 -> mean(0, 4, 4) = 8/3; second: mean(4, 0, 4) = 8/3
    assert r.score.tolist() == pytest.approx([8 / 3, 8 / 3])
    with pytest.raises(AttributeError):
        d.items = ["x"]  # type: ignore[misc]


def test_scale_bad_input():
    d = ic.ScaleDefinition("toy", ["a", "b"], item_min=1, item_max=5)
    with pytest.raises(
        ic.ValidationError, match=r"row 1 \(counted from 0\), item 'b': response 7 is outside the item range"
    ):
        ic.score_scale(d, np.array([[1, 2], [3, 7]], dtype=float))
    with pytest.raises(ic.ValidationError, match="item 'a': all responses are missing"):
        ic.score_scale(d, np.array([[np.nan, 2], [np.nan, 3]]))
    with pytest.raises(ValueError, match=r"responses have no column 'b'$"):
        ic.score_scale(d, pd.DataFrame({"a": [1, 2]}))
    with pytest.raises(ValueError, match=r"responses have no columns 'a', 'b'$"):
        ic.score_scale(d, pd.DataFrame({"c": [1, 2]}))
    with pytest.raises(ic.ValidationError, match="'z' is not one of the scale's items"):
        ic.ScaleDefinition("toy", ["a", "b"], item_min=1, item_max=5, reverse_items=["z"])
    with pytest.raises(ic.ValidationError, match="scoring"):
        ic.ScaleDefinition("toy", ["a", "b"], item_min=1, item_max=5, scoring="median")


# --------------------------------------------------------------------------- scores outside the scale
def _soft(tmp_path, rows: str, **spec):
    (tmp_path / "d.csv").write_text("id,pre,post\n" + rows)
    base = {
        "id": "wb",
        "data": "d.csv",
        "pre": "pre",
        "post": "post",
        "scale": "swemwbs",
        "resamples": 0,
        "id_column": "id",
    }
    return ic.soft_outcome_summary({**base, **spec}, tmp_path)


def test_scores_outside_the_scale_are_refused_and_listed(tmp_path):
    # SWEMWBS totals lie in [7, 35] (7 items scored 1-5); 99 and 1000 cannot be SWEMWBS scores.
    rows = "1,20,22\n2,99,25\n3,21,1000\n4,18,40\n"
    with pytest.raises(
        ic.ValidationError,
        match=r"3 problems in the data of soft outcome 'wb' \(d\.csv\):\n"
        r"d\.csv \(pre\) column 'pre': 1 score outside the range \[7, 35\] of scale 'swemwbs' \(row 3: 99\)",
    ):
        _soft(tmp_path, rows)
    with pytest.raises(
        ic.ValidationError,
        match=r"\(post\) column 'post': 2 scores outside the range \[7, 35\] of scale 'swemwbs' "
        r"\(row 4: 1000, row 5: 40\)",
    ):
        _soft(tmp_path, "1,20,22\n2,19,25\n3,21,1000\n4,18,40\n")
    # Within the range (the ends included) the summary is computed: mean change (22-20 + 35-7)/2 = 15.
    out = _soft(tmp_path, "1,20,22\n2,7,35\n")
    assert out.groups.loc["all", "mean_change"] == pytest.approx(15.0)


def test_check_scores_lists_at_most_twenty(tmp_path):
    from impactchain._soft_scales import check_scores_in_scale

    s = pd.Series([100.0] * 25 + [20.0])
    with pytest.raises(ic.ValidationError, match=r"25 scores outside .* row 19: 100 and 5 more\)") as e:
        check_scores_in_scale(s, "wemwbs", "scores")
    assert "row 20" not in str(e.value)
    assert len(e.value.issues) == 20
    check_scores_in_scale(pd.Series([14.0, 70.0, np.nan]), "wemwbs", "scores")  # range 14-70, NaN = missing


def test_unknown_scale_suggests_the_nearest(tmp_path):
    with pytest.raises(
        ic.ValidationError, match="unknown scale 'swembws'; did you mean 'swemwbs'\\? known: wemwbs, swemwbs"
    ):
        ic.builtin_scale("swembws")
    with pytest.raises(ic.ValidationError, match="did you mean 'swemwbs'"):
        _soft(tmp_path, "1,20,22\n2,19,25\n", scale="swembws")
    with pytest.raises(TypeError, match="soft outcome 'wb': higher_is_better must be True or False, got str"):
        _soft(tmp_path, "1,20,22\n2,19,25\n3,21,24\n", higher_is_better="no")
