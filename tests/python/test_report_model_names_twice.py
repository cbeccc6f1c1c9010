"""A report of models two of which share a name is refused, naming each name given more than once
once, in alphabetical order (not in the order given), in the words build_report has always used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactchain.report import build_report

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MARKET = DATA / "minimal.yaml"  # name: Market cleaning (minimal)
CLASSIC = DATA / "traditional_provider.yaml"  # name (en): Classic re-integration programme
HEAD = "build_report: model names must be unique, repeated: "


def _exactly(message: str) -> str:
    return f"^{re.escape(message)}$"


def test_names_given_twice_are_listed_once_each_in_alphabetical_order() -> None:
    # Given Market, Classic, Market, Classic: both twice; listed Classic before Market.
    expected = HEAD + "['Classic re-integration programme', 'Market cleaning (minimal)']"
    with pytest.raises(ValueError, match=_exactly(expected)):
        build_report([MARKET, CLASSIC, MARKET, CLASSIC], draws=100, seed=1, threads=1)


def test_a_name_given_once_is_not_listed() -> None:
    with pytest.raises(ValueError, match=_exactly(HEAD + "['Market cleaning (minimal)']")):
        build_report([MARKET, CLASSIC, MARKET], draws=100, seed=1, threads=1)
