"""composite()'s mapping arguments (docs/soft.md, "Composite scores"): a level's `power` reaches the
generalised mean, a power not given is stated, and a key or option that would be ignored is
refused with the level, the key and the keys accepted."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words

# The audit's three indicators over five units (finding 3).
X = pd.DataFrame({"a": [12, 30, 8, 22, 15], "b": [4, 10, 6, 2, 8], "c": [6.5, 7.2, 5.9, 8.1, 7.0]}, index=list("PQRST"))
# Min-max to [1, 100] by hand: x -> 1 + 99 (x - min) / (max - min).
#   P: a 1 + 99 * 4/22 = 19,  b 1 + 99 * 2/8 = 25.75,  c 1 + 99 * 0.6/2.2 = 28
#   Q: a 100 (max),           b 100 (max),             c 1 + 99 * 1.3/2.2 = 59.5
HAND_P = {"P": (19.0, 25.75, 28.0), "Q": (100.0, 100.0, 59.5)}


def _generalised(level: dict) -> ic.CompositeResult:
    return ic.composite(
        X, direction=[1, 1, 1], imputation="none", normalisation="minmax", minmax_range=(1, 100), levels=[level]
    )


def test_power_2_gives_the_quadratic_mean_by_hand():
    r = _generalised({"name": "index", "weights": dict.fromkeys("abc", 1 / 3), "method": "generalised", "power": 2})
    # (sum w x^2)^(1/2) with w = 1/3: P sqrt((361 + 663.0625 + 784) / 3), Q sqrt((10000 + 10000 + 3540.25) / 3)
    assert r.table.loc["P", "index:index"] == pytest.approx(math.sqrt(1808.0625 / 3), rel=1e-13)
    assert r.table.loc["Q", "index:index"] == pytest.approx(math.sqrt(23540.25 / 3), rel=1e-13)
    assert r.options["levels[0] 'index' aggregation"] == "generalised p = 2"
    assert r.assumptions == ()  # everything given


def test_a_power_not_given_is_one_and_said():
    r = _generalised({"name": "index", "weights": dict.fromkeys("abc", 1 / 3), "method": "generalised"})
    # power 1: the arithmetic mean, P (19 + 25.75 + 28) / 3, Q (100 + 100 + 59.5) / 3
    assert r.table.loc["P", "index:index"] == pytest.approx(72.75 / 3, rel=1e-13)
    assert r.table.loc["Q", "index:index"] == pytest.approx(259.5 / 3, rel=1e-13)
    (note,) = r.assumptions
    assert note.code == "composite.power_default" and note.params == {"level": "index"}
    assert note == (
        "level 'index': power not given, taken as 1 (a generalised mean with power 1 is the arithmetic mean)"
    )
    assert note.in_language(words("nl")) == (
        "niveau 'index': exponent (power) niet opgegeven, 1 genomen "
        "(een machtsgemiddelde met exponent 1 is het rekenkundig gemiddelde)"
    )
    # No power note for a method that has no power.
    arithmetic = _generalised({"name": "index", "weights": dict.fromkeys("abc", 1 / 3), "method": "arithmetic"})
    assert arithmetic.assumptions == ()


@pytest.mark.parametrize(
    ("level", "message"),
    [
        (
            {"name": "index", "method": "generalised", "p": 2},
            "levels[0] 'index': unknown key 'p' (did you mean 'power'?); "
            "a level takes name, parents, weights, method, power",
        ),
        (
            {"name": "index", "wieghts": {"a": 0.8, "b": 0.1, "c": 0.1}},
            "levels[0] 'index': unknown key 'wieghts' (did you mean 'weights'?); "
            "a level takes name, parents, weights, method, power",
        ),
        (
            {"name": "index", "colour": "red", "p": 2},
            "levels[0] 'index': unknown keys 'colour', 'p' (did you mean 'power'?); a level takes",
        ),
        (
            {"name": "index", "method": "arithmetic", "power": 2},
            "levels[0] 'index': power applies only to method 'generalised', but the method is 'arithmetic'",
        ),
        (
            {"name": "index", "power": 2},
            "levels[0] 'index': power applies only to method 'generalised', "
            "but the method is 'arithmetic' (not given: the default)",
        ),
        (
            {"name": "index", "method": "generalised", "power": 0},
            "levels[0].power: a generalised mean needs a power other than 0, got 0",
        ),
        (
            {"name": "index", "weights": {"a": 0.5, "b": 0.25, "c": 0.25, "d": 0.0}},
            "level 'index': weights: unknown node 'd'; nodes below: ['a', 'b', 'c']",
        ),
    ],
)
def test_a_key_that_would_be_ignored_is_refused(level, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        _generalised(level)


def test_weights_and_parents_must_be_mappings():
    with pytest.raises(TypeError, match=r"levels\[0\] 'index': weights must be a mapping node -> weight, got list"):
        _generalised({"name": "index", "weights": [0.5, 0.25, 0.25]})
    with pytest.raises(TypeError, match=r"levels\[0\] 'dim': parents must be a mapping node -> parent, got str"):
        _generalised({"name": "dim", "parents": "index"})


def test_targets_and_goalposts_name_indicators_only():
    with pytest.raises(ValueError, match=r"targets: unknown indicator 'cc' \(did you mean 'c'\?\); the indicators"):
        ic.composite(X, normalisation="distance_to_target", targets={"a": 40, "b": 12, "c": 9, "cc": 9})
    with pytest.raises(ValueError, match=r"goalposts: unknown indicator 'd'; the indicators: \['a', 'b', 'c'\]"):
        ic.composite(X, normalisation="goalposts", goalposts={"a": (0, 40), "b": (0, 12), "c": (0, 10), "d": (0, 1)})


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        (
            {"targets": {"a": 40, "b": 12, "c": 9}},
            "targets applies only to normalisation 'distance_to_target', but the normalisation is 'minmax'",
        ),
        (
            {"normalisation": "rank", "minmax_range": (1, 100)},
            "minmax_range applies only to normalisation 'minmax', but the normalisation is 'rank'",
        ),
        (
            {"normalisation": "rank", "zscore": (0, 2), "goal_scale": 10},
            "zscore applies only to normalisation 'zscore' and goal_scale only to 'goalposts', "
            "but the normalisation is 'rank'",
        ),
        ({"cap_at_target": False}, "cap_at_target applies only to normalisation 'distance_to_target'"),
        (
            {"normalisation": "zscore", "goalposts": {"a": (0, 1), "b": (0, 1), "c": (0, 1)}},
            "goalposts applies only to normalisation 'goalposts', but the normalisation is 'zscore'",
        ),
    ],
)
def test_an_option_of_another_normalisation_is_refused(kw, message):
    with pytest.raises(TypeError, match=re.escape(message)):
        ic.composite(X, **kw)


def test_a_level_without_a_name_is_named_and_said():
    r = _generalised({"weights": dict.fromkeys("abc", 1 / 3), "method": "arithmetic"})
    (note,) = r.assumptions
    assert note.code == "composite.level_name_default" and note == "levels[0]: name not given, called 'level1'"
    assert note.in_language(words("nl")) == "levels[0]: geen naam opgegeven, 'level1' genoemd"
    # the arithmetic mean by hand under that name: P (19 + 25.75 + 28) / 3
    assert r.table.loc["P", "level1:level1"] == pytest.approx(72.75 / 3, rel=1e-13)
