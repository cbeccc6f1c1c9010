"""Discount schedules against hand calculations of the published rates
(HM Treasury Green Book 2022 Annex A6 bands; Dutch MKBA 2.25 %)."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain import DiscountBand, DiscountSchedule


def test_constant_rate_is_compound():
    s = DiscountSchedule.constant(0.05)
    assert s.factor(0) == 1.0
    assert s.factor(3) == pytest.approx(1 / 1.05**3, rel=1e-14)
    f = s.factors(2)
    assert f.shape == (3,)
    assert f[2] == pytest.approx(1 / 1.1025, rel=1e-14)
    assert s.describe() == "constant 5%"


def test_green_book_cumulative_across_bands():
    g = DiscountSchedule.green_book()
    assert g.rate(30) == 0.035 and g.rate(31) == 0.03
    assert g.factor(30) == pytest.approx(1.035**-30, rel=1e-13)
    # Year 31 is the first at 3.0 %: D_31 = 1.035^-30 · 1.03^-1.
    assert g.factor(31) == pytest.approx(1.035**-30 / 1.03, rel=1e-13)
    # Year 76 is the first at 2.5 %.
    assert g.factor(76) == pytest.approx(1.035**-30 * 1.03**-45 / 1.025, rel=1e-12)
    d300 = 1.035**-30 * 1.03**-45 * 1.025**-50 * 1.02**-75 * 1.015**-100
    assert g.factor(301) == pytest.approx(d300 / 1.01, rel=1e-12)
    # By hand: 1.035^30 = 2.806794 → 0.356278; / 1.03 → 0.345901 (four decimals as in Annex A6 tables).
    assert round(g.factor(30), 4) == 0.3563
    assert round(g.factor(31), 4) == 0.3459


def test_green_book_health_and_nl():
    h = DiscountSchedule.green_book_health()
    assert h.factor(31) == pytest.approx(1.015**-30 / 1.0129, rel=1e-13)
    assert h.rate(500) == 0.0043
    assert DiscountSchedule.nl_2021().factor(10) == pytest.approx(1.0225**-10, rel=1e-13)
    assert DiscountSchedule.named("green_book").name == "green_book"


def test_first_year_convention():
    s = DiscountSchedule.constant(0.1)
    assert s.factor_for_year(1) == pytest.approx(1 / 1.1)
    assert s.factor_for_year(1, discount_first_year=False) == 1.0
    assert s.factor_for_year(2, discount_first_year=False) == pytest.approx(1 / 1.1)


def test_rates_and_bands():
    s = DiscountSchedule.from_rates([0.05, 0.04])
    assert s.factor(3) == pytest.approx(1 / (1.05 * 1.04 * 1.04), rel=1e-14)
    b = DiscountSchedule.from_bands([DiscountBand(1, 2, 0.1), DiscountBand(3, None, 0.0)])
    assert b.factor(5) == pytest.approx(1 / 1.21)


def test_bad_schedules_are_refused():
    with pytest.raises(ic.ValidationError, match=r"rate: discount rate must be in \[0, 1\], got 1.5"):
        DiscountSchedule.constant(1.5)
    with pytest.raises(ValueError, match=r"rates\[1\]"):
        DiscountSchedule.from_rates([0.03, 2.0])
    with pytest.raises(ValueError, match="expected a band starting at year 31, got 32"):
        DiscountSchedule.from_bands([DiscountBand(0, 30, 0.035), DiscountBand(32, None, 0.03)])
    with pytest.raises(ValueError, match="unknown discount schedule 'greenbook'"):
        DiscountSchedule.named("greenbook")
    with pytest.raises(ValueError, match=r"t must be a time index in \[0, 1000\] years, got -1"):
        DiscountSchedule.constant(0.1).factor(-1)
    # factors(n) allocates n + 1 numbers: n is capped, not left to allocate gigabytes.
    with pytest.raises(ValueError, match=r"n must be a time index in \[0, 1000\] years, got 999999999"):
        DiscountSchedule.constant(0.1).factors(999999999)
    with pytest.raises(ic.ValidationError, match=r"rate: discount rate must be in \[0, 1\], got -0.99"):
        DiscountBand(0, None, -0.99)
    with pytest.raises(ic.ValidationError, match=r"from_: must be a year in \[0, 1000\], got -5"):
        DiscountBand(-5, 3, 0.03)
    # Python's own names in Python's messages: the keyword from_, and no year (None) for an open end
    with pytest.raises(
        ic.ValidationError, match=r"to: must be a year in \[from_, 1000\], or no year for an open-ended band, got 2"
    ):
        DiscountBand(from_=10, to=2, rate=0.03)
