"""Paired measurements given as pandas Series are paired by their indexes (the respondents'
labels), as pandas arithmetic pairs them; a list or array is paired by position. Expected
numbers are worked out by hand in each test."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words

# The audit's example: the same four respondents, the after-measurement file sorted the other way.
PRE = pd.Series([10.0, 20.0, 30.0, 40.0], index=[101, 102, 103, 104], name="pre")
POST = pd.Series([42.0, 31.0, 22.0, 11.0], index=[104, 103, 102, 101], name="post")
# post - pre per respondent: 101: 11 - 10 = 1, 102: 22 - 20 = 2, 103: 31 - 30 = 1, 104: 42 - 40 = 2.
CHANGE = {101: 1.0, 102: 2.0, 103: 1.0, 104: 2.0}
# mean 1.5; deviations -0.5, 0.5, -0.5, 0.5: SD = sqrt(4 * 0.25 / 3) = sqrt(1/3) = 0.57735;
# d_z = 1.5 / 0.57735 = 2.598 (= 1.5 * sqrt(3)).
MEAN, SD = 1.5, math.sqrt(1 / 3)
DZ = 1.5 * math.sqrt(3)


def _aligned(notes, what="post", reference="pre"):
    return [
        a for a in notes if a.code == "soft.aligned_by_index" and a.params == {"what": what, "reference": reference}
    ]


def test_post_sorted_otherwise_is_paired_with_pre_by_respondent():
    dt = ic.distance_travelled(PRE, POST, seed=1, resamples=0, reliability=0.8)
    assert dt.change.to_dict() == CHANGE  # each change labelled with its own respondent
    assert dt.improvement.to_dict() == CHANGE
    g = dt.groups.loc["all"]
    assert g["mean_change"] == pytest.approx(MEAN, abs=1e-12)
    assert g["sd_change"] == pytest.approx(SD, abs=1e-12)
    assert g["effect_size"] == pytest.approx(DZ, abs=1e-12)
    assert g["mean_post"] == pytest.approx((11 + 22 + 31 + 42) / 4, abs=1e-12)
    # RCI = change / (s_pre sqrt(2 (1 - 0.8))), s_pre = SD(10, 20, 30, 40) = sqrt((225 + 25 + 25 + 225) / 3)
    se = math.sqrt(500 / 3) * math.sqrt(0.4)  # 8.16497
    assert dt.rci.to_dict() == pytest.approx({k: v / se for k, v in CHANGE.items()}, abs=1e-12)
    (note,) = _aligned(dt.assumptions)
    assert str(note) == "post paired with pre by index (respondent labels), not by position"
    assert note.in_language(words("nl")) == (
        "post is per respondent via de index (de respondentlabels) aan pre gekoppeld, niet op volgorde"
    )
    es = ic.effect_size(pre=PRE, post=POST)
    assert es.value == pytest.approx(DZ, abs=1e-12)
    assert es.mean_a == pytest.approx(26.5, abs=1e-12) and es.mean_b == pytest.approx(25.0, abs=1e-12)
    assert len(_aligned(es.assumptions)) == 1


def test_the_deprecated_positional_form_pairs_by_index_for_a_paired_kind_only():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dz = ic.effect_size(POST, PRE, kind="dz")  # a - b = post - pre, paired
        d = ic.effect_size(POST, PRE, kind="d")  # independent: the order does not matter
    assert dz.value == pytest.approx(DZ, abs=1e-12)
    assert len(_aligned(dz.assumptions, what="a", reference="b")) == 1
    assert not [a for a in d.assumptions if a.code == "soft.aligned_by_index"]


def test_independent_groups_are_not_paired():
    # treatment and control are different people: labels that differ are no reason to refuse.
    t = pd.Series([4.0, 6.0, 8.0], index=["x", "y", "z"])
    c = pd.Series([1.0, 3.0, 5.0, 7.0], index=[1, 2, 3, 4])
    es = ic.effect_size(treatment=t, control=c, kind="d")
    # s_p^2 = (2 * 4 + 3 * (20 / 3)) / 5 = 28 / 5; d = (6 - 4) / sqrt(5.6)
    assert es.value == pytest.approx(2 / math.sqrt(5.6), abs=1e-12)
    assert not [a for a in es.assumptions if a.code == "soft.aligned_by_index"]


def test_groups_are_paired_by_index_too():
    post = pd.Series([44.0, 31.0, 23.0, 11.0], index=[104, 103, 102, 101])  # change 101: 1, 102: 3, 103: 1, 104: 4
    groups = pd.Series(["A", "A", "B", "B"], index=[103, 104, 101, 102])  # A = {103, 104}, B = {101, 102}
    dt = ic.distance_travelled(PRE, post, groups, resamples=0)
    t = dt.groups
    assert t.loc["A", "n"] == 2 and t.loc["B", "n"] == 2
    assert t.loc["A", "mean_change"] == pytest.approx((1 + 4) / 2, abs=1e-12)  # by position it would be 2
    assert t.loc["B", "mean_change"] == pytest.approx((1 + 3) / 2, abs=1e-12)
    assert t.loc["A", "mean_pre"] == pytest.approx((30 + 40) / 2, abs=1e-12)
    assert len(_aligned(dt.assumptions)) == 1 and len(_aligned(dt.assumptions, what="groups")) == 1
    # pre a list (no labels): post and groups, both Series, are paired with each other by index
    by_post = ic.distance_travelled([10.0, 20.0, 30.0, 40.0], post.sort_index(), groups, resamples=0)
    assert by_post.groups.loc["A", "mean_change"] == pytest.approx(2.5, abs=1e-12)
    assert len(_aligned(by_post.assumptions, what="groups", reference="post")) == 1


def test_different_respondents_are_refused_with_counts_and_at_most_three_labels():
    post = pd.Series([7.25, 8.25, 9.25, 6.25, 5.25], index=[101, 102, 201, 202, 203])
    pre = pd.Series([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], index=[101, 102, 103, 104, 105, 106])
    with pytest.raises(ValueError, match="pandas Series whose indexes") as e:
        ic.distance_travelled(pre, post, resamples=0)
    msg = str(e.value)
    assert "4 labels only in pre (103, 104, 105, …)" in msg
    assert "3 labels only in post (201, 202, 203)" in msg
    assert 'pre, post = pre.align(post, join="inner")' in msg
    assert not re.search(r"\d\.\d", msg)  # labels only: no score is shown
    with pytest.raises(ValueError, match=r"1 label only in pre \(104\), 0 labels only in post;"):
        ic.effect_size(pre=PRE, post=POST.iloc[1:])  # respondent 104 has no post score
    # the suggested alignment keeps the two respondents in both
    a, b = pre.align(post, join="inner")
    assert ic.distance_travelled(a, b, resamples=0).change.to_dict() == {101: 7.25 - 1.5, 102: 8.25 - 2.5}
    groups = pd.Series(["A", "B", "A", "B"])  # a RangeIndex: not the respondents of pre
    with pytest.raises(ValueError, match=r"pre and groups .*4 labels only in pre \(101, 102, 103, …\)"):
        ic.distance_travelled(PRE, POST, groups, resamples=0)


def test_a_label_twice_is_refused():
    twice = pd.Series([1.0, 2.0, 3.0, 4.0], index=[101, 101, 102, 103])
    with pytest.raises(
        ValueError, match=r"^post: its index .* holds 1 label more than once \(101 at positions 0 and 1;"
    ):
        ic.distance_travelled(PRE, twice, resamples=0)
    with pytest.raises(
        ValueError, match=r"^pre: its index .* holds 1 label more than once \(101 at positions 0 and 1;"
    ):
        ic.effect_size(pre=twice, post=POST)
    # the same index, doubled label and all, is refused too (test_soft_doubled_ids.py)


def test_the_same_order_or_a_list_beside_a_series_is_paired_by_position_without_a_notice():
    post = POST.sort_index()  # the same index in the same order
    dt = ic.distance_travelled(PRE, post, resamples=0)
    assert dt.change.to_dict() == CHANGE
    plain = ic.distance_travelled(PRE.to_list(), post.to_list(), resamples=0)
    assert dt.assumptions == plain.assumptions
    assert not [a for a in dt.assumptions if a.code == "soft.aligned_by_index"]
    # a list has no labels: taken by position, the change labelled with pre's index
    listed = ic.distance_travelled(PRE, [42.0, 31.0, 22.0, 11.0], resamples=0)
    assert listed.change.to_dict() == {101: 32.0, 102: 11.0, 103: -8.0, 104: -29.0}
    assert not [a for a in listed.assumptions if a.code == "soft.aligned_by_index"]
    es = ic.effect_size(pre=np.array([10.0, 20.0, 30.0, 40.0]), post=post)
    assert es.value == pytest.approx(DZ, abs=1e-12)
    assert not [a for a in es.assumptions if a.code == "soft.aligned_by_index"]
