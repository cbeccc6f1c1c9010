"""A respondent entered twice is one person, never two: the Python API refuses a Series whose index
holds a label twice, as a soft outcome's file refuses an id given twice (one check,
``_data_table.repeated``), even when pre and post share that index (one DataFrame's columns).
Expected numbers are worked out by hand."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._data import DataFileError

# The audit's table: respondent 017 entered twice (rows 0 and 3, the same answers).
FRAME = pd.DataFrame(
    {"id": ["017", "018", "019", "017"], "voor": [5.0, 6.0, 4.0, 5.0], "na": [8.0, 7.0, 5.0, 8.0]}
).set_index("id")
NAMED = r"holds 1 label more than once \('017' at positions 0 and 3; positions counted from 0\)"


def test_effect_size_refuses_an_id_twice_in_one_frames_index():
    with pytest.raises(ValueError, match=r"^pre: its index \(the respondents' labels\) " + NAMED) as e:
        ic.effect_size(pre=FRAME.voor, post=FRAME.na)
    msg = str(e.value)
    assert "pass pre.to_numpy() and post.to_numpy() to pair them by position" in msg
    assert not re.search(r"\d\.\d|\b[5-8]\b", msg)  # the id and its positions, never a score


def test_distance_travelled_refuses_it_with_groups_and_beside_an_array():
    groups = pd.Series(["A", "A", "B", "B"], index=FRAME.index)
    with pytest.raises(ValueError, match="^pre: .*" + NAMED) as e:
        ic.distance_travelled(FRAME.voor, FRAME.na, groups, resamples=0)
    assert "pre.to_numpy(), post.to_numpy() and groups.to_numpy()" in str(e.value)
    with pytest.raises(ValueError, match="^pre: .*" + NAMED):
        ic.distance_travelled(FRAME.voor, FRAME.na.to_numpy(), resamples=0)  # a Series beside an array
    with pytest.raises(ValueError, match="^post: .*" + NAMED):
        ic.effect_size(pre=FRAME.voor.to_numpy(), post=FRAME.na)


def test_several_labels_twice_are_each_named_with_their_positions():
    index = pd.Index(["a", "b", "a", "c", "b", "a"])
    pre = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], index=index)
    with pytest.raises(
        ValueError, match=r"holds 2 labels more than once \('a' at positions 0, 2 and 5; 'b' at positions 1 and 4;"
    ):
        ic.effect_size(pre=pre, post=pre + 1.0)


def test_the_file_route_refuses_the_same_data_naming_both_rows():
    spec = {"id": "wb", "data": FRAME.reset_index(), "id_column": "id", "pre": "voor", "post": "na"}
    with pytest.raises(DataFileError, match=r"row 3, column 'id': id '017' appears twice \(first on row 0\)"):
        ic.soft_outcome_summary(spec)


def test_the_respondents_once_give_the_hand_computed_effect():
    once = FRAME[~FRAME.index.duplicated()]  # 017, 018, 019: changes 3, 1, 1
    # mean 5/3; deviations 4/3, -2/3, -2/3: SD = sqrt((16/9 + 4/9 + 4/9) / 2) = sqrt(4/3); d_z = (5/3) / sqrt(4/3)
    dz = (5 / 3) / math.sqrt(4 / 3)  # 1.4434
    assert ic.effect_size(pre=once.voor, post=once.na).value == pytest.approx(dz, abs=1e-12)
    dt = ic.distance_travelled(once.voor, once.na, resamples=0)
    assert dt.groups.loc["all", "n"] == 3
    assert dt.groups.loc["all", "mean_change"] == pytest.approx(5 / 3, abs=1e-12)
    # labels that are not the respondents', paired by position as the message says
    by_position = ic.effect_size(pre=FRAME.voor.to_numpy(), post=FRAME.na.to_numpy())
    # changes 3, 1, 1, 3: mean 2, SD = sqrt(4 / 3); d_z = 2 / sqrt(4/3) = sqrt(3)
    assert by_position.value == pytest.approx(math.sqrt(3), abs=1e-12)
    assert np.isfinite(by_position.ci[0])
