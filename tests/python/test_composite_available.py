"""composite(missing="available"): COINr's default aggregation, over the children a unit has with
their weights re-normalised (R's weighted.mean(x, w, na.rm = TRUE)), and ``min_available`` as
COINr's ``dat_thresh`` (a unit whose share of children with a value is below it gets NaN; a share
equal to it is enough). Oracles: a hand calculation, and an independent pandas re-computation on
COINr's ASEM data with its missing cells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words
from soft_oracles import peers_file

NAN = np.nan
# Normalisation "none": the aggregates can be worked out by hand from these numbers.
X = pd.DataFrame(
    {"i1": [10, NAN, 40], "i2": [NAN, NAN, 80], "i3": [50, 20, 60], "i4": [30, NAN, 20]},
    index=pd.Index(["u1", "u2", "u3"], name="unit"),
)
LEVELS = [
    {
        "name": "dimension",
        "parents": {"i1": "A", "i2": "A", "i3": "B", "i4": "B"},
        "weights": {"i1": 0.25, "i2": 0.75, "i3": 0.5, "i4": 0.5},
    },
    {"name": "index", "parents": {"A": "index", "B": "index"}, "weights": {"A": 0.5, "B": 0.5}},
]


def _run(**kw) -> ic.CompositeResult:
    return ic.composite(X, direction=[1, 1, 1, 1], normalisation="none", imputation="none", levels=LEVELS, **kw)


def _codes(r: ic.CompositeResult) -> dict[str, dict]:
    return {w.code: w.params for w in r.warnings}


def test_available_case_by_hand_with_the_weights_re_normalised():
    r = _run(missing="available")
    dim, idx = r.levels["dimension"], r.levels["index"]["index"]
    # u1: A = i1 alone (0.25 / 0.25 = 1) = 10; B = (50 + 30) / 2 = 40; index = (10 + 40) / 2 = 25
    assert dim.loc["u1"].tolist() == pytest.approx([10.0, 40.0])
    assert idx["u1"] == pytest.approx(25.0)
    # u2: A has no child with a value: NaN; B = i3 alone = 20; index = B alone = 20
    assert np.isnan(dim.loc["u2", "A"]) and dim.loc["u2", "B"] == pytest.approx(20.0)
    assert idx["u2"] == pytest.approx(20.0)
    # u3 complete: A = 0.25 * 40 + 0.75 * 80 = 70, B = (60 + 20) / 2 = 40, index = 55
    assert dim.loc["u3"].tolist() == pytest.approx([70.0, 40.0]) and idx["u3"] == pytest.approx(55.0)
    assert r.table["rank"].tolist() == [2, 3, 1]
    codes = _codes(r)
    assert codes["composite.missing_available"] == {"count": 4, "method": "none"}
    assert "composite.missing_after_imputation" not in codes
    partial = [w for w in r.warnings if w.code == "composite.available_partial"]
    assert [w.params for w in partial] == [
        {"level": "dimension", "count": 2, "units": 2},  # u1 A, u2 B
        {"level": "index", "count": 1, "units": 1},  # u2
    ]
    assert partial[0] == (
        "level 'dimension': 2 aggregates of 2 units are taken over fewer than all their children, the weights "
        "re-normalised over those they have"
    )
    assert partial[1].in_language(words("nl")) == (
        "niveau 'index': 1 samengestelde waarde van 1 eenheid is genomen over minder dan al haar onderdelen, met de "
        "gewichten herschaald over de onderdelen die er zijn"
    )
    assert codes["composite.available_none"] == {"level": "dimension", "count": 1, "units": 1}  # u2 A
    assert r.options["missing"].startswith("available")
    assert not any(a.startswith("missing") for a in r.assumptions)  # given: no assumption


def test_min_available_is_coinr_dat_thresh_share_counted_and_equal_kept():
    # 0.5 at the dimension level only: 1 of 2 children is a share of 0.5, not below it: kept.
    half = _run(missing="available", min_available=[0.5, None])
    assert half.levels["dimension"].loc["u1", "A"] == pytest.approx(10.0)
    assert half.options["levels[0] 'dimension' min_available"] == "0.5 of the children"
    assert "levels[1] 'index' min_available" not in half.options
    assert _codes(half)["composite.available_below"] == {
        "level": "dimension",
        "count": 1,
        "units": 1,
        "min_available": 0.5,
    }  # u2 A: 0 of 2
    # 0.6 for every level: u1 A and u2 A, B are NaN; index: u1 = B alone = 40 (1 of 2 is below 0.6: NaN)
    r = _run(missing="available", min_available=0.6)
    dim, idx = r.levels["dimension"], r.levels["index"]["index"]
    assert np.isnan(dim.loc["u1", "A"]) and dim.loc["u1", "B"] == pytest.approx(40.0)
    assert dim.loc["u2"].isna().all()
    assert np.isnan(idx["u1"]) and np.isnan(idx["u2"]) and idx["u3"] == pytest.approx(55.0)
    below = [w for w in r.warnings if w.code == "composite.available_below"]
    assert [w.params["count"] for w in below] == [3, 2] and [w.params["units"] for w in below] == [2, 2]
    assert below[0] == (
        "level 'dimension': 3 aggregates of 2 units are missing: the share of their children with a value is "
        "below min_available = 0.6"
    )
    assert np.isnan(r.table.loc["u1", "rank"])  # no score, no rank


def test_geometric_and_harmonic_over_the_children_there():
    data = pd.DataFrame({"a": [4.0, 4.0], "b": [NAN, 1.0], "c": [9.0, 9.0]}, index=["x", "y"])
    weights = {"a": 0.2, "b": 0.5, "c": 0.3}  # x: a and c, re-normalised 0.4 and 0.6
    for method, expected in (
        ("geometric", 4**0.4 * 9**0.6),
        ("harmonic", 1 / (0.4 / 4 + 0.6 / 9)),
        ("arithmetic", 0.4 * 4 + 0.6 * 9),
    ):
        r = ic.composite(
            data,
            direction=[1, 1, 1],
            normalisation="none",
            imputation="none",
            levels=[{"name": "index", "weights": weights, "method": method}],
            missing="available",
        )
        assert r.levels["index"].loc["x", "index"] == pytest.approx(expected, rel=1e-13), method


def test_propagate_gives_todays_numbers():
    default = _run()
    given = _run(missing="propagate")
    for name in ("dimension", "index"):
        pd.testing.assert_frame_equal(default.levels[name], given.levels[name])
    # a missing child makes the aggregate missing: u1 A, u2 A and B, and their index
    assert default.levels["dimension"].isna().to_numpy().tolist() == [[True, False], [True, True], [False, False]]
    assert default.levels["index"]["index"].isna().tolist() == [True, True, False]
    assert default.levels["index"].loc["u3", "index"] == pytest.approx(55.0)
    assert "composite.missing_after_imputation" in _codes(default)
    assert not any(c.startswith("composite.available") for c in _codes(default))
    assert default.options["missing"].startswith("propagate")
    # not given and it mattered (cells without a value): stated; given: not
    assert "missing: not given, taken as 'propagate' (composite's default)" in default.assumptions
    assert not any(a.startswith("missing") for a in given.assumptions)
    complete = ic.composite(X.fillna(1.0), direction=[1, 1, 1, 1], normalisation="none", imputation="none")
    assert not any(a.startswith("missing") for a in complete.assumptions)


@pytest.mark.parametrize(
    ("kw", "error", "message"),
    [
        (
            {"missing": "availabel"},
            ValueError,
            r"missing must be one of 'propagate', 'available', got 'availabel' \(did you mean 'available'\?\)",
        ),
        ({"missing": True}, TypeError, r"missing must be one of 'propagate', 'available', got bool"),
        (
            {"missing": "available", "min_available": 0},
            ValueError,
            r"min_available must be a finite number in \(0, 1\], got 0 \(for no threshold give None\)",
        ),
        (
            {"missing": "available", "min_available": 1.5},
            ValueError,
            r"min_available must be a finite number in \(0, 1\]",
        ),
        (
            {"missing": "available", "min_available": [0.5, NAN]},
            ValueError,
            r"min_available\[1\] must be a finite number",
        ),
        ({"missing": "available", "min_available": "half"}, TypeError, r"min_available must be a number, got str"),
        (
            {"missing": "available", "min_available": [0.5]},
            ValueError,
            r"one share for every level or a list of one per level \(2\), got 1",
        ),
        (
            {"min_available": 0.5},
            ValueError,
            r"min_available applies only to missing='available', but missing is 'propagate' \(not given: the default\)",
        ),
        ({"missing": "propagate", "min_available": 0.5}, ValueError, r"but missing is 'propagate': with 'propagate'"),
    ],
)
def test_bad_missing_and_min_available_are_named(kw, error, message):
    with pytest.raises(error, match=message):
        _run(**kw)


def _asem():
    meta = pd.read_csv(peers_file("coinr-asem/ASEM_iMeta.csv"))
    data = pd.read_csv(peers_file("coinr-asem/ASEM_iData.csv")).set_index("uCode")
    return meta, data


def test_asem_missing_cells_against_an_independent_pandas_available_case():
    """ASEM's raw indicators with their missing cells (no denominators, no imputation), min-max
    0-100, unequal weights, three levels; oracle: np.nansum(w x) / np.nansum(w notna) per group,
    with the thresholds applied by hand (a share of children with a value below it: NaN)."""
    meta, data = _asem()
    ind = meta[meta["Type"] == "Indicator"].set_index("iCode")
    agg = meta[meta["Type"] == "Aggregate"].set_index("iCode")
    x = data[list(ind.index)].astype(float)
    assert x.isna().to_numpy().sum() > 0  # the point: ASEM's own missing cells
    direction = ind["Direction"].astype(int)
    # unequal weights 1, 2, 3, 1, 2, 3, … scaled to sum 1 within each parent (the core requires it)
    raw_w = pd.Series([1.0 + i % 3 for i in range(len(ind))], index=ind.index)
    parents = [ind["Parent"], agg.loc[sorted(set(ind["Parent"])), "Parent"]]
    parents.append(agg.loc[sorted(set(parents[1])), "Parent"])
    names = ["pillar", "sub-index", "index"]
    shares = [0.75, None, 0.5]
    levels, weights = [], []
    for i, (name, par) in enumerate(zip(names, parents)):
        w = raw_w if i == 0 else pd.Series(1.0, index=par.index)
        w = w / w.groupby(par).transform("sum")
        weights.append(w)
        levels.append({"name": name, "parents": dict(par), "weights": dict(w)})
    r = ic.composite(x, direction=dict(direction), levels=levels, missing="available", min_available=shares)

    # oracle, written directly in pandas/numpy
    signed = x * direction
    below = (signed - signed.min()) / (signed.max() - signed.min()) * 100  # NaN skipped by min and max
    np.testing.assert_allclose(r.normalised.to_numpy(), below.to_numpy(), atol=1e-10)
    partial_counts = []
    for name, par, w, share in zip(names, parents, weights, shares):
        out, n_partial = {}, 0
        for node, children in par.groupby(par).groups.items():
            v = below[list(children)].to_numpy()
            ww = w[list(children)].to_numpy()
            there = ~np.isnan(v)
            with np.errstate(invalid="ignore"):
                mean = np.nansum(v * ww, axis=1) / np.nansum(there * ww, axis=1)
            available = there.sum(axis=1) / len(children)
            if share is not None:
                mean[available < share] = np.nan
            n_partial += int(((available < 1) & ~np.isnan(mean)).sum())
            out[node] = mean
        below = pd.DataFrame(out, index=x.index)
        got = r.levels[name][below.columns]
        np.testing.assert_allclose(got.to_numpy(), below.to_numpy(), atol=1e-10, err_msg=name)
        partial_counts.append(n_partial)
    assert not below["Index"].isna().all()
    said = {w.params["level"]: w.params["count"] for w in r.warnings if w.code == "composite.available_partial"}
    assert [said.get(n, 0) for n in names] == partial_counts and partial_counts[0] > 0
