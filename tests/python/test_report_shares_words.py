"""Shares of one whole in the report's words (``Words.pcts``): the chances that each option is best
are whole percentages that add up as the chances do, in both languages, and equal chances read
alike. Expected lists are worked out by hand below (largest remainder: floor each share's points,
give the missing points to the largest remainders; equal shares take a point together or not at
all, and a smaller remainder never takes one a larger one could not)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impactchain._i18n import Words


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_chances_that_round_past_100_add_up_to_100(lang: str) -> None:
    w = Words(lang)
    # 34.5 + 33.5 + 32 = 100 points; each rounded alone (a half up): 35 + 34 + 32 = 101. Floors
    # 34 + 33 + 32 = 99, one point missing: remainders 0.5, 0.5, 0 -> the larger share gets it.
    assert w.pcts([0.345, 0.335, 0.32]) == [w.pct(0.35), w.pct(0.33), w.pct(0.32)]
    # 61.8 + 25.7 + 12.5: alone 62 + 26 + 13 = 101; floors 61 + 25 + 12 = 98, two points to the
    # largest remainders 0.8 and 0.7: 62, 26, 12
    assert w.pcts([0.618, 0.257, 0.125]) == [w.pct(0.62), w.pct(0.26), w.pct(0.12)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_equal_chances_read_alike_even_when_they_cannot_add_up(lang: str) -> None:
    w = Words(lang)
    # 33.5, 33.5, 33: one point missing (floors 33 x 3 = 99), but the two equal shares can only
    # take it together: neither does, and 33 (no remainder) cannot take it before them -> 99 %.
    assert w.pcts([0.335, 0.335, 0.33]) == [w.pct(0.33)] * 3
    # a third each: 33 x 3 = 99; the point would make one third look likelier than another
    assert w.pcts([1 / 3] * 3) == [w.pct(0.33)] * 3
    # 12.5 x 3 + 62.5: two points missing (floors 98); all remainders 0.5: the single share takes
    # one (63), the three equal shares cannot share the other -> 12, 12, 12, 63 (99 %)
    assert w.pcts([0.125, 0.125, 0.125, 0.625]) == [w.pct(0.12)] * 3 + [w.pct(0.63)]


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
    assert all(abs(p - 100 * x) < 1 for p, x in zip(points, shares))
    assert all(p >= q for p, q, x, y in _pairs(points, shares) if x > y)  # a larger share never reads smaller
    if len(set(shares.tolist())) == k:  # no two shares equal (zeros aside): the list adds up
        assert sum(points) == int(np.floor(100 * shares.sum() + 0.5))


def _pairs(points: list[int], shares: np.ndarray) -> list[tuple[int, int, float, float]]:
    return [(points[i], points[j], shares[i], shares[j]) for i in range(len(points)) for j in range(len(points))]
