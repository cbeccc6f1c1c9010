"""``ScaleScores.keyed``: the item scores a scale score is made of, a reverse-keyed item rescored
as item_min + item_max − answer by the core (the one place an item is keyed), NaN where not
answered. The numbers by hand, written out below."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd

import impactchain as ic


def _toy() -> ic.ScaleDefinition:
    return ic.ScaleDefinition("toy", ["a", "b", "c"], item_min=1, item_max=5, reverse_items=["b"], max_missing=1)


def test_the_keyed_items_are_the_scores_terms_by_hand():
    answers = pd.DataFrame(
        {"a": [1, 5, 2], "b": [2, 1, 5], "c": [3, np.nan, 4]}, index=pd.Index(["r1", "r2", "r3"], name="resp")
    )
    s = ic.score_scale(_toy(), answers)
    # b reversed: 1 + 5 - 2 = 4, 1 + 5 - 1 = 5, 1 + 5 - 5 = 1; c of r2 not answered
    expected = pd.DataFrame(
        {"a": [1.0, 5.0, 2.0], "b": [4.0, 5.0, 1.0], "c": [3.0, np.nan, 4.0]},
        index=pd.Index(["r1", "r2", "r3"], name="resp"),
        columns=pd.Index(["a", "b", "c"], name="item"),
    )
    pd.testing.assert_frame_equal(s.keyed, expected)
    # a sum over the keyed answers; r2 pro-rated: the mean of its two answers (5, 5) times 3
    assert s.raw.tolist() == [1 + 4 + 3, (5 + 5) / 2 * 3, 2 + 1 + 4]


def test_the_keyed_items_survive_a_pickle_and_an_older_pickle_has_none():
    s = ic.score_scale(_toy(), np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 2.0]]))
    again = pickle.loads(pickle.dumps(s))
    assert again == s
    pd.testing.assert_frame_equal(again.keyed, s.keyed)
    older = s.__getstate__()
    older.pop("keyed")
    older["version"] = 2  # as a pickle written before the keyed items were kept
    read = object.__new__(ic.ScaleScores)
    read.__setstate__(older)
    assert read.keyed is None and read.score.equals(s.score)
