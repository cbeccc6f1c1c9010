"""Arguments of every public function are checked before the compiled core sees them: strings are
not sequences, booleans are real bools, integers stay in their documented ranges, and each message
names the argument and what was expected without echoing the data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain import _check

DATA = Path(__file__).resolve().parents[1] / "data"
TWO = DATA / "value_two_outcomes.json"
X = np.array([1.0, 2.0, 3.0, 4.0, 5.0])


def _uncertain_model() -> ic.Model:
    d = json.loads(TWO.read_text())
    d["outcomes"][0]["deadweight"] = {"uniform": [0.1, 0.4]}
    return ic.loads(json.dumps(d), format="json")


# --------------------------------------------------------------------------- the checks themselves
def test_check_helpers():
    assert _check.check_bool("flag", np.bool_(True)) is True
    with pytest.raises(TypeError, match="flag must be True or False, got str"):
        _check.check_bool("flag", "no")
    with pytest.raises(TypeError, match="flag must be True or False, got int"):
        _check.check_bool("flag", 0)
    assert _check.check_int("n", np.int64(5), 1, 10) == 5
    with pytest.raises(TypeError, match=r"n must be an integer in \[1, 10\], got float"):
        _check.check_int("n", 5.0, 1, 10)
    with pytest.raises(TypeError, match=r"n must be an integer in \[1, 10\], got bool"):
        _check.check_int("n", True, 1, 10)
    # A huge number is shown by its size, not its 13 digits.
    with pytest.raises(
        ic.ValidationError, match=r"resamples must be an integer in \[1, 10000000\], got about 10\*\*12"
    ):
        _check.check_int("resamples", 10**12, 1, 10_000_000)
    with pytest.raises(ValueError, match=r"x must be a finite number in \[0, 1\], got inf"):
        _check.check_real("x", float("inf"), 0, 1)
    with pytest.raises(TypeError, match="names must be a list of strings, got a single str"):
        _check.check_sequence_of_str("names", "ab")
    with pytest.raises(TypeError, match=r"names\[1\] must be a string, got int"):
        _check.check_sequence_of_str("names", ["a", 1])
    with pytest.raises(ValueError, match="kind must be one of 'a', 'b', got 'c'"):
        _check.check_choice("kind", "c", ("a", "b"))
    # A wrong type is both a TypeError and a ValueError (callers catching either see it).
    with pytest.raises(ValueError, match="flag must be True or False, got str"):
        _check.check_bool("flag", "yes")


# --------------------------------------------------------------------------- soft outcomes
def test_bootstrap_arguments():
    with pytest.raises(
        ic.ValidationError, match=r"resamples must be an integer in \[100, 10000000\], got about 10\*\*12"
    ):
        ic.bootstrap_mean(X, seed=1, resamples=10**12)
    with pytest.raises(ic.ValidationError, match=r"seed must be an integer in \[0, 18446744073709551615\], got -1"):
        ic.bootstrap_mean(X, seed=-1)
    with pytest.raises(TypeError, match=r"seed must be an integer .*, got str"):
        ic.bootstrap_mean(X, seed="1")
    with pytest.raises(TypeError, match="keep_replicates must be True or False, got str"):
        ic.bootstrap_mean(X, seed=1, keep_replicates="yes")
    with pytest.raises(ValueError, match="method must be one of 'bca', 'percentile', got 'bac'"):
        ic.bootstrap_alpha(np.ones((5, 3)), seed=1, method="bac")
    with pytest.raises(ValueError, match=r"level must be a finite number in \(0, 1\), got 95.0"):
        ic.bootstrap_mean(X, seed=1, level=95)
    with pytest.raises(ValueError, match="x: values must be numbers, got text at position 1") as e:
        ic.bootstrap_mean([1, "secret"], seed=1)
    assert "secret" not in str(e.value)
    with pytest.raises(ValueError, match=r"items: values must be numbers, got text at row 1, column 0 \(a text"):
        ic.cronbach_alpha([[1, 2, 3], ["2", 3, 4], [3, 4, 5]])
    with pytest.raises(ValueError, match="x: could not convert the values to numbers") as e:
        ic.bootstrap_mean([1, {"a": "secret"}], seed=1)
    assert "secret" not in str(e.value)


def test_effect_size_and_distance_travelled_arguments():
    with pytest.raises(ValueError, match="kind must be one of 'd', 'g', 'dz', 'dav', got 'cohen'"):
        ic.effect_size(pre=X, post=X + 1, kind="cohen")
    with pytest.raises(ValueError, match="treatment: expected a 1-D array of numbers, got str"):
        ic.effect_size(treatment="12345", control=X)
    # Text that reads as numbers (a survey export's text column) is refused, as a Series of text
    # is, not taken for numbers; the message names the first place, never the value.
    for text in (["1", "2", "3", "4", "5"], np.array(["1", "2", "3", "4", "5"]), [1, 2, 3, 4, b"5"]):
        at = 4 if isinstance(text[0], int) else 0
        with pytest.raises(ValueError, match=rf"pre: values must be numbers, got text at position {at} \(a text"):
            ic.effect_size(pre=text, post=X)
    with pytest.raises(ValueError, match="pre: values must be numeric, got dtype"):
        ic.effect_size(pre=pd.Series(["1", "2", "3", "4", "5"]), post=X)
    with pytest.raises(ic.ValidationError, match=r"seed must be an integer in \[0, 18446744073709551615\], got -1"):
        ic.distance_travelled(X, X + 1, seed=-1)
    with pytest.raises(TypeError, match="higher_is_better must be True or False, got str"):
        ic.distance_travelled(X, X + 1, seed=1, higher_is_better="no")
    with pytest.raises(ic.ValidationError, match=r"reliability must be a finite number in \(0, 1\), got 1.5"):
        ic.distance_travelled(X, X + 1, seed=1, reliability=1.5)
    with pytest.raises(ic.ValidationError, match=r"resamples must be an integer in \[0, 10000000\]"):
        ic.distance_travelled(X, X + 1, seed=1, resamples=10**12)


def test_scale_and_reliability_arguments():
    with pytest.raises(ic.ValidationError, match="unknown scale 'swembws'; did you mean 'swemwbs'\\? known: wemwbs"):
        ic.score_scale("swembws", np.ones((2, 7)))
    with pytest.raises(
        TypeError, match="definition must be a ScaleDefinition or the name of a built-in scale, got list"
    ):
        ic.score_scale(["swemwbs"], np.ones((2, 7)))
    with pytest.raises(TypeError, match=r"max_missing must be an integer in \[0, 6\], got str"):
        ic.score_scale("swemwbs", np.ones((2, 7)), max_missing="1")
    with pytest.raises(ValueError, match="missing must be one of 'pairwise', 'listwise', got 'all'"):
        ic.cronbach_alpha(np.ones((4, 3)), missing="all")
    with pytest.raises(ValueError, match=r"level must be a finite number in \(0, 1\), got 1.0"):
        ic.cronbach_alpha(np.ones((4, 3)), level=1)


# --------------------------------------------------------------------------- composite
def test_composite_arguments():
    df = pd.DataFrame({"a": np.arange(5000.0), "b": np.arange(5000.0)[::-1] ** 0.5})
    with pytest.raises(
        TypeError,
        match="winsorise must be a pair of quantiles \\(low, high\\), got str; "
        "COINr's skew/kurtosis-driven treatment is outliers='coinr'",
    ) as e:
        ic.composite(df, winsorise="coinr")
    assert len(str(e.value)) < 200  # no signature dump, no data
    with pytest.raises(ValueError, match=r"winsorise\[1\] must be a finite number in \[0, 1\], got 95.0"):
        ic.composite(df, winsorise=(0.05, 95))
    with pytest.raises(ValueError, match=r"normalisation must be one of 'minmax', .*got 'min-max'"):
        ic.composite(df, normalisation="min-max")
    with pytest.raises(TypeError, match="cap_at_target must be True or False, got str"):
        ic.composite(df, cap_at_target="no")
    with pytest.raises(ValueError, match=r"direction\['a'\] must be an integer in \[-1, 1\], got 2"):
        ic.composite(df, direction={"a": 2})
    with pytest.raises(TypeError, match="data must be a DataFrame"):
        ic.composite(df.to_numpy())
    with pytest.raises(TypeError, match="names must be a list of strings, got a single str"):
        ic.ahp_weights(np.ones((2, 2)), names="ab")
    with pytest.raises(ValueError, match="matrix could not be converted to numbers"):
        ic.ahp_weights([["1", "x"], ["1", "1"]])


def test_rank_uncertainty_arguments():
    X2 = np.array([[0.1, 0.5], [0.4, 0.2], [0.9, 0.7]])
    with pytest.raises(TypeError, match="normalisations must be a list of strings, got a single str"):
        ic.rank_uncertainty(X2, [0.5, 0.5], normalisations="minmax")
    with pytest.raises(TypeError, match="top must be a list of integers, got int"):
        ic.rank_uncertainty(X2, [0.5, 0.5], top=3)
    with pytest.raises(ValueError, match="weight_model must be one of 'dirichlet', 'uniform'"):
        ic.rank_uncertainty(X2, [0.5, 0.5], weight_model="flat")


# --------------------------------------------------------------------------- compare
def test_compare_arguments():
    with pytest.raises(TypeError, match="strategies must be a list of names, got str"):
        ic.icers("ab", [1.0, 2.0], [1.0, 3.0])
    with pytest.raises(TypeError, match="costs must be a list of numbers, got str"):
        ic.icers(["a", "b"], "12", [1.0, 3.0])
    with pytest.raises(ValueError, match="costs could not be converted to numbers") as e:
        ic.net_benefit(["a", "b"], ["1", "private"], [1.0, 3.0], wtp=1.0)
    assert "private" not in str(e.value)
    with pytest.raises(TypeError, match="wtp must be a number, got str"):
        ic.net_benefit(["a", "b"], [1.0, 2.0], [1.0, 3.0], wtp="1000")
    with pytest.raises(TypeError, match=r"higher_is_better\[0\] must be True or False, got str"):
        ic.lenses(pd.DataFrame({"x": [1.0, 2.0], "y": [2.0, 1.0]}, index=["a", "b"]), higher_is_better=["no", True])
    with pytest.raises(ic.ValidationError, match=r"threads must be an integer in \[0, 1024\], got -1"):
        ic.psa(np.ones((3, 2)), np.ones((3, 2)), threads=-1)
    with pytest.raises(TypeError, match="models must be a list of models"):
        ic.compare(str(TWO))
    with pytest.raises(ic.ValidationError, match=r"seed must be an integer in \[0, "):
        ic.compare([TWO, TWO], draws=10, seed=-1)


# --------------------------------------------------------------------------- simulate
def test_simulate_arguments():
    m = _uncertain_model()
    with pytest.raises(TypeError, match="value_targets must be a list of numbers, got str"):
        ic.simulate(m, draws=10, value_targets="100")
    with pytest.raises(TypeError, match="keep_draws must be True or False, got str"):
        ic.simulate(m, draws=10, keep_draws="yes")
    with pytest.raises(ValueError, match="tornado_range must be one of 'p05_p95', 'p10_p90', 'support', got 'p5'"):
        ic.simulate(m, draws=10, tornado_range="p5")
    with pytest.raises(ValueError, match=r"value_targets\[1\] must be a finite number, got nan"):
        ic.simulate(m, draws=10, value_targets=[1.0, float("nan")])
    # Valid targets still work: P(PV > 0) = 1 for a model of positive values only.
    r = ic.simulate(m, draws=10, value_targets=[0.0])
    assert len(r.value_targets) == 1
