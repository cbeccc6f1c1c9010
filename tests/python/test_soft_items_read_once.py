"""A soft outcome's item columns are read once: the scoring step keeps the item responses it hands
to the core's ``score_scale`` with the definition it scored them by, and the scale's internal
consistency is computed from those, reverse-keyed items keyed by the core (no second reading of
the file, no second reversal rule)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain import _soft_consistency
from impactchain._data_table import Table
from impactchain._soft_data import read_soft_data

ITEMS = ["a", "b", "c"]
# Hand-made answers, 1-5; b is asked the other way round. Row 3 leaves c unanswered ("weet niet").
PRE = {"a": [1, 2, 4, 5, 3, 2], "b": [5, 4, 2, 1, 3, 5], "c": [2, 2, 5, "weet niet", 3, 1]}
POST = {"a": [2, 3, 5, 5, 4, 3], "b": [4, 3, 1, 1, 2, 4], "c": [3, 3, 5, 4, 4, 2]}


def _frame() -> pd.DataFrame:
    df = pd.DataFrame({"id": [f"r{i}" for i in range(6)]})
    for item in ITEMS:
        df[f"pre_{item}"] = [str(x) for x in PRE[item]]
        df[f"post_{item}"] = [str(x) for x in POST[item]]
    return df


def _spec(**more: object) -> dict:
    return {
        "id": "trust",
        "scale": {"items": ITEMS, "item_min": 1, "item_max": 5, "reverse_items": ["b"], "scoring": "mean"},
        "data": _frame(),
        "id_column": "id",
        "missing": ["weet niet"],
        "pre": [f"pre_{i}" for i in ITEMS],
        "post": [f"post_{i}" for i in ITEMS],
        "max_missing": 1,
        "resamples": 0,
        **more,
    }


def test_the_scoring_step_keeps_the_items_it_scored_with_their_keying():
    data = read_soft_data(_spec(), ".", where="soft_outcomes[0]")
    pre = next(x for x in data.items if x.side == "pre")
    assert pre.columns == ("pre_a", "pre_b", "pre_c")
    assert list(pre.definition.reverse_items) == ["b"]
    # the responses as handed to the core: codes of missing read as NaN, not yet keyed
    assert pre.responses[0] == (1.0, 2.0, 4.0, 5.0, 3.0, 2.0)
    assert pre.responses[1] == (5.0, 4.0, 2.0, 1.0, 3.0, 5.0)
    assert math.isnan(pre.responses[2][3])
    keyed = pre.keyed()
    # keyed by hand: b reversed as 1 + 5 - b, a and c as they are
    assert keyed["b"].tolist() == [1.0, 2.0, 4.0, 5.0, 3.0, 1.0]
    assert keyed["a"].tolist() == [1.0, 2.0, 4.0, 5.0, 3.0, 2.0]
    assert math.isnan(keyed["c"][3])
    # the mean of the keyed items is the scale score (the mean of the answered ones, row 3 pro-rated)
    by_hand = [(1 + 1 + 2) / 3, (2 + 2 + 2) / 3, (4 + 4 + 5) / 3, (5 + 5) / 2, 3.0, (2 + 1 + 1) / 3]
    assert np.allclose(data.pre_scores, by_hand)
    assert np.allclose(keyed.mean(axis=1, skipna=True), by_hand)


def test_the_consistency_does_not_read_the_item_columns_again(monkeypatch):
    spec = _spec()
    data = read_soft_data(spec, ".", where="soft_outcomes[0]")

    def read_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the item columns were read a second time")

    monkeypatch.setattr(Table, "number_columns", read_again)
    out, _, _ = _soft_consistency.internal_consistency(spec, data)
    assert out is not None and set(out) == {"pre", "post"}
    # alpha of the keyed post items (all answered), by the textbook formula
    post = pd.DataFrame({"a": POST["a"], "b": [6 - x for x in POST["b"]], "c": POST["c"]}, dtype=float)
    k = 3
    alpha = k / (k - 1) * (1 - post.var(ddof=1).sum() / post.sum(axis=1).var(ddof=1))
    assert out["post"]["alpha"] == pytest.approx(alpha, rel=1e-12)
    assert out["post"]["columns"] == {"a": "post_a", "b": "post_b", "c": "post_c"}


def test_the_summary_gives_the_same_alpha_as_the_keyed_items():
    s = ic.soft_outcome_summary(_spec())
    post = pd.DataFrame({"a": POST["a"], "b": [6 - x for x in POST["b"]], "c": POST["c"]}, dtype=float)
    alpha = 1.5 * (1 - post.var(ddof=1).sum() / post.sum(axis=1).var(ddof=1))
    assert s.internal_consistency["post"]["alpha"] == pytest.approx(alpha, rel=1e-12)
