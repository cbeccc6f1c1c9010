"""Composite scores: hand-computed example, an independent pandas re-computation on COINr's ASEM
data, AHP by closed form, and every bad-input case."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words
from soft_oracles import peers_file

LEVELS = [
    {
        "name": "dimension",
        "parents": {"i1": "bonding", "i2": "bonding", "i3": "bridging", "i4": "bridging"},
        "weights": {"i1": 0.25, "i2": 0.75, "i3": 0.5, "i4": 0.5},
    },
    {"name": "index", "parents": {"bonding": "index", "bridging": "index"}},
]


def _toy():
    return pd.DataFrame(
        {"i1": [10, 20, 30], "i2": [2, 4, np.nan], "i3": [50, 70, 60], "i4": [5, 3, 1]},
        index=pd.Index(["u1", "u2", "u3"], name="org"),
    )


def test_hand_computed_example_keeps_every_step():
    r = ic.composite(_toy(), direction={"i1": 1, "i2": 1, "i3": 1, "i4": -1}, levels=LEVELS, imputation="mean")
    assert r.imputed.loc["u3", "i2"] == 3.0  # (2 + 4) / 2
    expected_norm = pd.DataFrame(
        {"i1": [0, 50, 100], "i2": [0, 100, 50], "i3": [0, 100, 50], "i4": [0, 50, 100]},
        index=r.normalised.index,
        dtype=float,
    )
    pd.testing.assert_frame_equal(r.normalised, expected_norm, check_exact=False, atol=1e-12)
    # bonding = 0.25 i1 + 0.75 i2 = 0, 87.5, 62.5; bridging = (i3 + i4)/2 = 0, 75, 75
    assert r.levels["dimension"]["bonding"].tolist() == pytest.approx([0, 87.5, 62.5])
    assert r.levels["dimension"]["bridging"].tolist() == pytest.approx([0, 75, 75])
    assert r.levels["index"]["index"].tolist() == pytest.approx([0, 81.25, 68.75])
    assert r.table["rank"].tolist() == [3, 1, 2]
    assert r.options["imputation"] == "mean"
    assert r.options["normalisation"] == "minmax to [0, 100]"
    assert "i4 -1" in r.options["direction"]
    assert r.n_imputed == 1 and any("imputed" in w for w in r.warnings)
    # A level's table becomes records in JSON, the units' index a column.
    assert {"org": "u2", "index": pytest.approx(81.25)} in r.to_dict()["levels"]["index"]
    assert "Composite" in r._repr_html_()


def test_geometric_and_generalised_means_by_hand():
    df = pd.DataFrame({"a": [4.0, 1.0], "b": [9.0, 1.0]}, index=["x", "y"])
    r = ic.composite(df, direction=[1, 1], normalisation="none", levels=[{"name": "index", "method": "geometric"}])
    assert r.levels["index"].loc["x", "index"] == pytest.approx(6.0)
    r = ic.composite(df, direction=[1, 1], normalisation="none", levels=[{"name": "index", "method": "harmonic"}])
    assert r.levels["index"].loc["x", "index"] == pytest.approx(72 / 13)
    r = ic.composite(
        df, direction=[1, 1], normalisation="none", levels=[{"name": "index", "method": "generalised", "power": 2}]
    )
    assert r.levels["index"].loc["x", "index"] == pytest.approx(np.sqrt(48.5))


def test_asem_against_an_independent_pandas_computation():
    meta = pd.read_csv(peers_file("coinr-asem/ASEM_iMeta.csv"))
    data = pd.read_csv(peers_file("coinr-asem/ASEM_iData.csv")).set_index("uCode")
    ind = meta[meta["Type"] == "Indicator"]
    cols = list(ind["iCode"])
    x = data[cols].astype(float)
    direction = dict(zip(ind["iCode"], ind["Direction"].astype(int)))
    parents = dict(zip(ind["iCode"], ind["Parent"]))
    r = ic.composite(x, direction=direction, imputation="mean", levels=[{"name": "pillar", "parents": parents}])
    # oracle: the same steps written directly in pandas
    xi = x.fillna(x.mean())
    signed = xi * pd.Series(direction)
    norm = (signed - signed.min()) / (signed.max() - signed.min()) * 100
    pillars = norm.T.groupby(pd.Series(parents)).mean().T
    np.testing.assert_allclose(r.normalised.to_numpy(), norm[cols].to_numpy(), atol=1e-10)
    got = r.levels["pillar"][sorted(pillars.columns)]
    np.testing.assert_allclose(got.to_numpy(), pillars[sorted(pillars.columns)].to_numpy(), atol=1e-10)


def test_coinr_asem_example_end_to_end():
    """COINr's ASEM example (build_example_coin): denominate by the iMeta denominators,
    group-mean imputation by EurAsia_group, COINr's outlier treatment, min-max 0-100,
    arithmetic means with the iMeta weights up Pillar -> Sub-index -> Index. Oracle: the
    scores COINr's results vignette prints (get_results, two decimals)."""
    meta = pd.read_csv(peers_file("coinr-asem/ASEM_iMeta.csv"))
    data = pd.read_csv(peers_file("coinr-asem/ASEM_iData.csv")).set_index("uCode")
    ind = meta[meta["Type"] == "Indicator"].set_index("iCode")
    x = data[list(ind.index)].astype(float)
    for code, denom in ind["Denominator"].dropna().items():
        x[code] = x[code] / data[denom]
    agg = meta[meta["Type"] == "Aggregate"].set_index("iCode")
    levels, below = [], ind
    for name in ("pillar", "sub-index", "index"):
        # COINr scales the weights within each group to sum 1
        w = below["Weight"] / below.groupby("Parent")["Weight"].transform("sum")
        levels.append({"name": name, "parents": dict(below["Parent"]), "weights": dict(w)})
        below = agg.loc[sorted(set(below["Parent"]))]
    direction = dict(ind["Direction"].astype(int))
    r = ic.composite(
        x,
        direction=direction,
        groups=data["EurAsia_group"],
        imputation="group_mean",
        outliers="coinr",
        levels=levels,
    )
    published = {  # uCode: Index, Conn, Sust, then the eight pillars (COINr results vignette)
        "CHE": (68.38, 62.79, 73.98, 63.41, 32.87, 74.78, 85.94, 56.93, 77.21, 87.85, 56.88),
        "NLD": (64.82, 61.94, 67.70, 64.87, 46.62, 84.55, 71.74, 41.92, 58.73, 86.58, 57.78),
        "DNK": (64.80, 57.10, 72.51, 50.52, 30.43, 78.13, 75.35, 51.04, 69.83, 86.40, 61.29),
        "NOR": (64.47, 57.44, 71.50, 58.18, 25.70, 80.03, 89.46, 33.80, 70.90, 87.00, 56.59),
        "BEL": (63.54, 63.99, 63.09, 71.97, 48.22, 80.84, 75.60, 43.32, 53.01, 86.17, 50.09),
        "SWE": (63.00, 53.87, 72.12, 51.51, 23.87, 80.98, 74.51, 38.50, 66.37, 87.74, 62.27),
    }
    cols = ["Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social", "SusEcFin"]
    got = pd.concat(
        [r.levels["index"]["Index"], r.levels["sub-index"][["Conn", "Sust"]], r.levels["pillar"][cols]], axis=1
    )
    top = got["Index"].sort_values(ascending=False).head(6)
    assert list(top.index) == list(published)
    for unit, row in published.items():
        np.testing.assert_allclose(got.loc[unit].to_numpy(), row, atol=0.005 + 1e-9, err_msg=unit)
    assert set(r.outliers.decision) <= {"pass", "winsorised", "log"} and len(r.outliers) == 49


def test_ahp_closed_form_and_reciprocity_error():
    a = pd.DataFrame([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]], columns=["jobs", "health", "housing"])
    r = ic.ahp_weights(a)
    lmax = 1 + 1.8 ** (1 / 3) + 1.8 ** (-1 / 3)  # 3x3 closed form, c = a12 a23 / a13
    assert r.lambda_max == pytest.approx(lmax, abs=1e-12)
    assert r.consistency_ratio == pytest.approx((lmax - 3) / 2 / 0.58, abs=1e-12)
    g = np.array([15 ** (1 / 3), 1, 15 ** (-1 / 3)])
    np.testing.assert_allclose(r.weights.to_numpy(), g / g.sum(), atol=1e-12)
    bad = a.copy()
    bad.iloc[1, 0] = 0.5
    with pytest.raises(ic.ValidationError, match=r"ahp\[jobs, health\]: matrix is not reciprocal"):
        ic.ahp_weights(bad)


def test_pca_weights_follow_the_documented_procedure():
    rng = np.random.default_rng(0)
    f = rng.normal(size=(200, 2))
    x = pd.DataFrame(
        np.column_stack([f[:, 0], f[:, 0] + 0.3 * rng.normal(size=200), f[:, 1], f[:, 1] + 0.5 * rng.normal(size=200)]),
        columns=list("abcd"),
    )
    r = ic.pca_weights(x)
    # oracle: numpy implementation of the procedure stated in r.method
    ev, vec = np.linalg.eigh(np.corrcoef(x.to_numpy(), rowvar=False))
    ev, vec = ev[::-1], vec[:, ::-1]
    m = int((ev > 1).sum())
    sq = (vec[:, :m] * np.sqrt(ev[:m])) ** 2
    sq = sq / sq.sum(axis=0)
    best = sq.argmax(axis=1)
    w = sq[np.arange(4), best] * ev[best] / ev[:m].sum()
    np.testing.assert_allclose(r.weights.to_numpy(), w / w.sum(), atol=1e-10)
    assert r.n_components == m == 2 and "Kaiser" in r.method


def test_bad_input():
    df = _toy()
    with pytest.raises(ic.ValidationError, match=r"weights must sum to 1, got 1\.5"):
        ic.composite(
            df, imputation="mean", levels=[{"name": "index", "weights": {"i1": 0.5, "i2": 0.5, "i3": 0.25, "i4": 0.25}}]
        )
    with pytest.raises(ic.ValidationError, match="weight must be finite and >= 0"):
        ic.composite(
            df, imputation="mean", levels=[{"name": "index", "weights": {"i1": 1.5, "i2": -0.5, "i3": 0, "i4": 0}}]
        )
    with pytest.raises(
        ic.ValidationError, match="unit 'u1', node 'index': geometric mean is undefined for values <= 0"
    ):
        ic.composite(df, imputation="mean", levels=[{"name": "index", "method": "geometric"}])
    with pytest.raises(ic.ValidationError, match="indicator 'c': is constant"):
        ic.composite(pd.DataFrame({"c": [1.0, 1.0], "d": [1.0, 2.0]}))
    with pytest.raises(ValueError, match="no parent given for"):
        ic.composite(df, levels=[{"name": "dim", "parents": {"i1": "A"}}])
    with pytest.raises(ValueError, match="imputation"):
        ic.composite(df, imputation="knn")
    with pytest.raises(ValueError, match="not numeric"):
        ic.composite(df.assign(name="x"))


def test_missing_without_imputation_is_reported_not_silent():
    r = ic.composite(_toy(), direction=[1, 1, 1, -1])
    assert np.isnan(r.levels["index"].loc["u3", "index"])
    assert any("missing after imputation 'none'" in w for w in r.warnings)
    assert any("direction" not in w or "+1" in w for w in r.warnings)


def test_units_resting_on_imputed_cells_are_named_in_a_warning():
    # Audit finding 7: with an imputation a unit without any data still gets a score and a rank.
    # Five units, three indicators: n2 has no data (3 of 3 imputed), n3 misses a and b (2 of 3:
    # more than half), n4 misses c only (1 of 3: not named), n1 and n5 are complete.
    data = pd.DataFrame(
        {
            "a": [1.0, np.nan, np.nan, 4.0, 5.0],
            "b": [10.0, np.nan, np.nan, 30.0, 20.0],
            "c": [3.0, np.nan, 4.0, np.nan, 2.0],
        },
        index=["n1", "n2", "n3", "n4", "n5"],
    )
    r = ic.composite(data, imputation="mean")
    # the imputed cells themselves, by hand: column means of the observed values
    assert r.imputed.loc["n2"].tolist() == [(1 + 4 + 5) / 3, (10 + 30 + 20) / 3, (3 + 4 + 2) / 3]
    assert not np.isnan(r.table.loc["n2", "rank"])  # still ranked: hence the warning
    (everything,) = [w for w in r.warnings if w.code == "composite.unit_all_imputed"]
    (most,) = [w for w in r.warnings if w.code == "composite.unit_mostly_imputed"]
    assert everything == (
        "1 of 5 units had every indicator missing and imputed (mean): 'n2'; their scores and ranks rest on "
        "imputed values alone"
    )
    assert most == (
        "1 of 5 units had more than half of their 3 indicators imputed (mean): 'n3' (2/3); their scores rest "
        "mostly on imputed values"
    )
    assert most.params == {"count": 1, "units": 5, "names": "'n3' (2/3)", "indicators": 3, "method": "mean"}
    assert everything.in_language(words("nl")) == (
        "bij 1 van de 5 eenheden ontbrak elke indicator en is alles ingevuld (mean): 'n2'; score en rang zijn "
        "daar volledig gebaseerd op ingevulde waarden"
    )
    # Without imputation nothing is imputed: the missing cells propagate (their own warning), no unit is named.
    plain = ic.composite(data)
    assert not [w for w in plain.warnings if w.code.startswith("composite.unit_")]
    # Complete data: no warning either.
    assert not [w for w in ic.composite(data.fillna(1.0), imputation="mean").warnings if "unit_" in w.code]


def test_more_than_ten_units_resting_on_imputation_are_counted_and_the_list_cut():
    # Twelve units without data among fourteen: all counted, the first ten named, then "…".
    data = pd.DataFrame({"a": [1.0, 2.0] + [np.nan] * 12, "b": [3.0, 5.0] + [np.nan] * 12})
    (w,) = [x for x in ic.composite(data, imputation="median").warnings if x.code == "composite.unit_all_imputed"]
    assert w.params["count"] == 12 and w.params["units"] == 14
    assert w.params["names"] == ", ".join(str(i) for i in range(2, 12)) + ", …"
