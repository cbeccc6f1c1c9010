"""Shares of one whole in the report's words (``Words.pcts``): the chances that each option is best
are whole percentages that add up as the chances do, in both languages. Expected lists are worked
out by hand below (largest remainder: floor each share's points, give the missing points to the
largest remainders, equal remainders to the first)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactchain._i18n import Words


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_three_chances_that_round_to_101_add_up_to_100(lang: str) -> None:
    w = Words(lang)
    # 33.5 + 33.5 + 33 = 100 points; each rounded alone: 34 + 34 + 33 = 101. Floors 33 + 33 + 33 = 99,
    # one point missing: remainders 0.5, 0.5, 0 -> the first gets it: 34, 33, 33.
    assert w.pcts([0.335, 0.335, 0.33]) == [w.pct(0.34), w.pct(0.33), w.pct(0.33)]
    # a third each: 33 + 33 + 33 = 99 alone; the missing point to the first of three equal remainders
    assert w.pcts([1 / 3] * 3) == [w.pct(0.34), w.pct(0.33), w.pct(0.33)]
    # 12.5 x 3 + 62.5: alone 13 + 13 + 13 + 63 = 102; floors 12 x 3 + 62 = 98, two points to the
    # first two of four equal remainders (0.5 each)
    assert w.pcts([0.125, 0.125, 0.125, 0.625]) == [w.pct(0.13), w.pct(0.13), w.pct(0.12), w.pct(0.62)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_shares_that_already_add_up_read_as_each_alone(lang: str) -> None:
    w = Words(lang)
    for shares in ([0.5, 0.5], [0.2] * 5, [0.614, 0.25, 0.136], [1.0, 0.0]):
        assert w.pcts(shares) == [w.pct(x) for x in shares]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_near_certain_and_tiny_chances_keep_their_words(lang: str) -> None:
    w = Words(lang)
    assert w.pcts([0.996, 0.004, 0.0]) == [w.pct(0.996), w.pct(0.004), w.pct(0.0)]
    assert w.pct(0.996) != w.pct(1.0) and w.pct(0.004) != w.pct(0.0)  # "over 99 %", "under 1 %"
    # the tiny share is left out of the whole: 49.7 + 49.9 = 99.6 -> 100 points, 50 + 50
    assert w.pcts([0.497, 0.499, 0.004]) == [w.pct(0.5), w.pct(0.5), w.pct(0.004)]
    assert w.pcts([float("nan"), 0.5, 0.5]) == [w.pct(float("nan")), w.pct(0.5), w.pct(0.5)]


def _points(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 8), st.integers(0, 2**32 - 1))
def test_chances_add_up_and_each_is_within_a_point(k: int, seed: int) -> None:
    w = Words("nl")
    shares = np.random.default_rng(seed).dirichlet(np.ones(k))
    shares = np.where(shares < 0.005, 0.0, shares)  # no "under 1 %" entries: every entry a number
    shares = shares / shares.sum()
    shares = np.where((shares >= 0.995) & (shares < 1), 1.0, shares)
    shown = w.pcts(list(shares))
    points = [_points(s) for s in shown]
    assert sum(points) == int(np.floor(100 * shares.sum() + 0.5))
    assert all(abs(p - 100 * x) < 1 for p, x in zip(points, shares))
