"""Tied scores and the places they share. ``composite(...).table["rank"]`` gives tied units the best
of their places (pandas' ``rank(method="min")``: 1, 2, 2, 4); ``rank_uncertainty(...).table
["reference_rank"]`` orders tied units by row. Both tables also give the first and last place tied
units share (``rank_low``/``rank_high``; ``reference_rank_low``/``reference_rank_high``), so the two
agree on what a tie is; the existing columns keep their values. Golden numbers by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd

import impactchain as ic


def _tied() -> pd.DataFrame:
    # Equal weights, normalisation "none": the index is the mean of a and b.
    #   P: (4 + 4)/2 = 4   Q: (6 + 2)/2 = 4   R: (9 + 7)/2 = 8   S: (1 + 1)/2 = 1   T: (2 + 6)/2 = 4
    # Descending: R 8 (place 1); P, Q, T 4 (places 2, 3, 4); S 1 (place 5).
    return pd.DataFrame(
        {"a": [4.0, 6.0, 9.0, 1.0, 2.0], "b": [4.0, 2.0, 7.0, 1.0, 6.0]}, index=pd.Index(list("PQRST"), name="unit")
    )


def test_composite_table_ranks_ties_by_the_best_shared_place_and_gives_the_places():
    t = ic.composite(_tied(), normalisation="none").table
    assert t["index:index"].tolist() == [4.0, 4.0, 8.0, 1.0, 4.0]
    assert t["rank"].tolist() == [2, 2, 1, 5, 2]  # unchanged: the best of the shared places
    assert t["rank_low"].tolist() == [2, 2, 1, 5, 2]
    assert t["rank_high"].tolist() == [4, 4, 1, 5, 4]


def test_composite_table_without_ties_has_one_place_and_no_score_no_rank():
    df = pd.DataFrame({"a": [1.0, 3.0, 2.0], "b": [1.0, 3.0, np.nan]}, index=["x", "y", "z"])
    t = ic.composite(df, normalisation="none").table
    # x 1, y 3, z: b missing and no imputation, so no score (a warning says so), no rank, no places.
    assert np.isnan(t.loc["z", ["index:index", "rank", "rank_low", "rank_high"]].astype(float)).all()
    assert t["rank"].tolist()[:2] == t["rank_low"].tolist()[:2] == t["rank_high"].tolist()[:2] == [2, 1]
    t = ic.composite(df.fillna(5.0), normalisation="none").table  # x 1, y 3, z 3.5
    assert t["rank"].tolist() == t["rank_low"].tolist() == t["rank_high"].tolist() == [3, 2, 1]


def test_rank_uncertainty_table_gives_the_places_tied_units_share():
    X = _tied()
    r = ic.rank_uncertainty(X, [0.5, 0.5], draws=100, seed=1, threads=1)
    t = r.table
    np.testing.assert_array_equal(r.reference_score, [4.0, 4.0, 8.0, 1.0, 4.0])
    assert t["reference_rank"].tolist() == [2, 3, 1, 5, 4]  # unchanged: ties by row order (P, Q, T)
    assert t["reference_rank_low"].tolist() == [2, 2, 1, 5, 2]
    assert t["reference_rank_high"].tolist() == [4, 4, 1, 5, 4]
    assert t["reference_rank_low"].dtype.kind == t["reference_rank_high"].dtype.kind == "i"
    cols = list(t.columns)
    assert cols[cols.index("reference_rank") : cols.index("reference_rank") + 3] == [
        "reference_rank",
        "reference_rank_low",
        "reference_rank_high",
    ]
    # composite and rank_uncertainty agree on the places.
    c = ic.composite(X, normalisation="none").table
    assert c["rank_low"].tolist() == t["reference_rank_low"].tolist()
    assert c["rank_high"].tolist() == t["reference_rank_high"].tolist()


def test_minus_zero_and_plus_zero_tie_and_a_unit_tied_with_none_has_its_own_place():
    X = np.array([[-0.0, -0.0], [1.0, 1.0], [0.0, 0.0]])  # scores -0, 1, +0
    t = ic.rank_uncertainty(X, [0.5, 0.5], draws=20, seed=1, threads=1).table
    assert t["reference_rank"].tolist() == [2, 1, 3]
    assert t["reference_rank_low"].tolist() == [2, 1, 2]
    assert t["reference_rank_high"].tolist() == [3, 1, 3]
