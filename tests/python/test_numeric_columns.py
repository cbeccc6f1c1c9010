"""A column that is not numeric is refused in one wording wherever a table of draws is read
(``psa`` wide and long, ``evppi``): every such column named, and the first one's first value
that is not a number with its row label and the remedy (``pd.to_numeric``)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

N = 10


def _refused(text: str, call, *args, **kwargs) -> None:
    with pytest.raises(ic.ValidationError, match="^" + re.escape(text) + "$"):
        call(*args, **kwargs)


def test_the_wide_form_names_the_column_its_first_text_value_and_its_row() -> None:
    new = pd.Series([160.0] * N, dtype=object)
    new.iloc[3], new.iloc[6] = "n/a", "?"
    costs = pd.DataFrame({"SQ": np.full(N, 100.0), "New": new.to_numpy()}, index=[f"d{i}" for i in range(N)])
    _refused(
        "psa.costs: columns ['New'] are not numeric; column 'New' (dtype object): row 'd3' holds 'n/a'; "
        "give numbers (e.g. costs['New'] = pd.to_numeric(costs['New']))",
        ic.psa,
        costs,
        np.ones((N, 2)),
    )


def test_every_column_is_named_and_the_first_detailed_in_the_effects_too() -> None:
    effects = pd.DataFrame({"SQ": ["1.0"] * N, "New": [None] + ["x"] * (N - 1)}, dtype=object)
    _refused(
        "psa.effects: columns ['SQ', 'New'] are not numeric; column 'SQ' (dtype object): row 0 holds '1.0'; "
        "give numbers (e.g. effects['SQ'] = pd.to_numeric(effects['SQ']))",
        ic.psa,
        np.ones((N, 2)),
        effects,
        ["SQ", "New"],
    )


def test_a_repeated_row_label_is_named_with_its_position() -> None:
    costs = pd.DataFrame({"SQ": [1.0, 2.0, "three", 4.0], "New": 1.0}, index=["a", "a", "a", "b"])
    _refused(
        "psa.costs: columns ['SQ'] are not numeric; column 'SQ' (dtype object): row 'a' at position 2 holds "
        "'three'; give numbers (e.g. costs['SQ'] = pd.to_numeric(costs['SQ']))",
        ic.psa,
        costs,
        np.ones((4, 2)),
    )


def test_the_long_form_words_it_alike() -> None:
    df = pd.DataFrame(
        {"draw": [1, 2, 1, 2], "strategy": ["SQ", "SQ", "New", "New"], "cost": [1.0, 2.0, 3.0, 4.0]}
    ).assign(effect=pd.Series([0.1, 0.2, "n/a", 0.4], dtype=object))
    _refused(
        "psa: column 'effect' (effect=) is not numeric (dtype object): row 2 (draw 1, strategy 'New') holds "
        "'n/a'; give numbers (e.g. df['effect'] = pd.to_numeric(df['effect']))",
        ic.psa,
        df,
    )


def test_evppi_names_the_column_its_first_text_value_and_its_row() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=200)
    nb = pd.DataFrame({"no": 0.0, "yes": x})
    params = pd.DataFrame({"x": x, "s": ["low"] * 200}, index=pd.RangeIndex(1000, 1200))
    text = (
        f"parameters: columns ['s'] are not numeric; column 's' (dtype {params['s'].dtype}): row 1000 holds "
        "'low'; give numbers (e.g. parameters['s'] = pd.to_numeric(parameters['s']))"
    )
    with pytest.raises(ValueError, match="^" + re.escape(text) + "$"):  # a ValidationError is a ValueError
        ic.evppi(nb, params)


def test_a_missing_value_in_a_numeric_column_is_refused_as_not_finite() -> None:
    costs = pd.DataFrame({"SQ": pd.array([1, None] + [1] * (N - 2), dtype="Int64"), "New": 1.0})
    with pytest.raises(ic.ValidationError, match=r"draw 1"):
        ic.psa(costs, np.ones((N, 2)))
