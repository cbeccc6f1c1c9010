"""``ValidationError.count``: how many problems an error stands for, the ones it lists and the ones
it only counts. The core sets it where it names the first of many (``score_scale``: the first 20
answers outside the item range, "and N more"); a refusal of a soft outcome's data counts as its
heading does; an error without a count stands for its issues."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain import _core

D = ic.ScaleDefinition("trust", ["q1", "q2", "q3"], item_min=1, item_max=5)


def _answers() -> pd.DataFrame:
    # 12 respondents; rows 0-9 answered 9 to all three items (30 answers outside [1, 5]), rows 10
    # and 11 answered within the range: 10 x 3 = 30 by hand.
    rows = [[9.0, 9.0, 9.0]] * 10 + [[1.0, 3.0, 5.0], [2.0, 2.0, 2.0]]
    return pd.DataFrame(rows, columns=["q1", "q2", "q3"])


def test_thirty_answers_outside_the_range_count_thirty_though_twenty_are_listed():
    with pytest.raises(ic.ValidationError) as e:
        ic.score_scale(D, _answers())
    assert e.value.count == 30
    assert len(e.value.issues) == 21  # 20 named, one line counting the other 10
    assert e.value.issues[-1] == ("items", "and 10 more responses outside the item range [1, 5] (30 in all)")


def test_the_core_sets_the_count_on_the_error_it_raises():
    with pytest.raises(_core.ValidationError) as e:
        _core.score_scale(D, _answers().to_numpy())
    assert e.value.count == 30


def test_answers_outside_and_an_item_nobody_answered_each_count():
    x = np.array([[0.0, np.nan, 6.0], [2.0, np.nan, 3.0]])  # q1's 0, q3's 6, and q2 never answered: 3
    with pytest.raises(ic.ValidationError) as e:
        ic.score_scale(D, x)
    assert (e.value.count, len(e.value.issues)) == (3, 3)


def test_a_soft_outcomes_refusal_counts_as_its_heading(tmp_path):
    # 25 respondents answered 7 to the three before items (75) and 0 to the first after item (25):
    # 100 answers outside [1, 5], 20 of each measurement named.
    rows = [f"{i},7,7,7,0,2,3" for i in range(1, 26)]
    (tmp_path / "survey.csv").write_text("\n".join(["id,v1,v2,v3,n1,n2,n3", *rows]) + "\n", encoding="utf-8")
    spec = {
        "id": "trust",
        "scale": {"items": ["q1", "q2", "q3"], "item_min": 1, "item_max": 5},
        "data": "survey.csv",
        "id_column": "id",
        "pre": ["v1", "v2", "v3"],
        "post": ["n1", "n2", "n3"],
        "resamples": 0,
    }
    with pytest.raises(ic.ValidationError) as e:
        ic.soft_outcome_summary(spec, tmp_path)
    assert str(e.value).startswith("100 problems in the data of soft outcome 'trust' (survey.csv):")
    assert e.value.count == 100


def test_an_error_without_a_count_stands_for_its_issues():
    e = ic.ValidationError("two problems")
    assert e.count == 1
    e.issues = [("a", "wrong"), ("b", "wrong")]
    assert e.count == 2
    e.count = 7
    assert e.count == 7
    with pytest.raises(ValueError, match="count must be a whole number of at least 1, got 0"):
        e.count = 0
