"""One check of "a name given twice" (``impactchain._check.given_twice``) behind every caller:
the names whose text repeats, each once, in the order first given. ``psa``, ``evppi``,
``compare`` and the composite's labels name them so (pandas as the oracle of what repeats)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._check import given_twice

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _oracle(names: list) -> list[str]:
    """The repeated texts in first-seen order, by pandas."""
    s = pd.Series([str(x) for x in names], dtype=object)
    return s[s.duplicated(keep=False)].drop_duplicates().tolist()


def test_each_repeated_name_once_in_the_order_first_given() -> None:
    assert given_twice(["b", "a", "b", "c", "a", "b"]) == ["b", "a"]
    assert given_twice(["a", "b", "c"]) == []
    assert given_twice([]) == []
    assert given_twice(iter(["x", "y", "x"])) == ["x"]  # any iterable, read once


def test_labels_of_two_types_with_one_text_are_both_named() -> None:
    # 1 and "1" give one name: both are listed (as the composite's messages show them), each once.
    assert given_twice([1, "1", 1, 2]) == [1, "1"]
    assert given_twice([1, "1", 2, "2"]) == [1, "1", 2, "2"]


def test_a_long_list_agrees_with_pandas() -> None:
    rng = np.random.default_rng(4)
    names = [f"s{i}" for i in rng.integers(0, 60_000, 100_000)]
    assert given_twice(names) == _oracle(names)


def test_psa_names_the_repeated_strategies_in_the_order_given() -> None:
    with pytest.raises(ic.ValidationError, match=r"psa\.strategies: names appear more than once: \['b', 'a'\]$"):
        ic.psa(np.ones((3, 4)), np.ones((3, 4)), ["b", "a", "b", "a"])
    costs = pd.DataFrame(np.ones((3, 4)), columns=["b", "a", "b", "a"])
    with pytest.raises(ic.ValidationError, match=r"psa\.costs: columns appear more than once: \['b', 'a'\]$"):
        ic.psa(costs, costs.copy())


def test_evppi_names_the_repeated_columns_and_strategies_in_the_order_given() -> None:
    rng = np.random.default_rng(1)
    nb = pd.DataFrame(rng.normal(size=(200, 4)), columns=["s2", "s1", "s2", "s1"])
    params = pd.DataFrame({"x": rng.normal(size=200)})
    with pytest.raises(ValueError, match=r"net_benefit: columns appear more than once: \['s2', 's1'\] \(each"):
        ic.evppi(nb, params)
    with pytest.raises(ValueError, match=r"^strategies: names appear more than once: \['b', 'a'\]$"):
        ic.evppi(nb.to_numpy(), params, strategies=["b", "a", "b", "a"])


def test_compare_names_the_model_given_twice() -> None:
    market = DATA / "market_cleaning.yaml"
    name = ic.load(market).name
    with pytest.raises(
        ic.ValidationError, match=rf"model names must be unique, got .*given more than once: \['{name}'\]"
    ):
        ic.compare([market, DATA / "traditional_provider.yaml", market])


def test_composite_units_given_twice_in_the_order_given() -> None:
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 1.0, 2.0]}, index=["n2", "n1", "n2", "n1"])
    with pytest.raises(ValueError, match=r"data: units duplicated: 'n2', 'n1' label more than one row"):
        ic.composite(df)
