"""``psa(df)`` with one long DataFrame: every refusal names what the user gave (the DataFrame's
row label, the draw id and the strategy as written), never a position after the pivot; a text
cost or effect column is refused as the wide form refuses one; valid long input gives the wide
form's numbers (numpy on the same draws as oracle). And ``rank_probabilities`` names the
strategy of a non-finite net benefit by its name."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

N = 50  # draws 1001 … 1050; rows 0-49 are 'SQ', rows 50-99 'New': row 60 is draw 1011 of 'New'


@pytest.fixture
def wide() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(9)
    costs = np.column_stack([rng.normal(100, 10, N), rng.normal(160, 15, N)])
    effects = np.column_stack([rng.normal(1.0, 0.2, N), rng.normal(1.5, 0.2, N)])
    return costs, effects


@pytest.fixture
def long(wide: tuple[np.ndarray, np.ndarray]) -> pd.DataFrame:
    costs, effects = wide
    return pd.DataFrame(
        {
            "draw": np.tile(np.arange(1001, 1001 + N), 2),
            "strategy": np.repeat(["SQ", "New"], N),
            "cost": costs.T.reshape(-1),  # column by column: SQ's draws, then New's
            "effect": effects.T.reshape(-1),
        }
    )


def _refused(df: pd.DataFrame, message: str, **kw: str) -> None:
    with pytest.raises(ic.ValidationError, match=re.escape(message)):
        ic.psa(df, **kw)


# ------------------------------------------------------------------ not finite, before the pivot
def test_a_nan_effect_names_the_row_label_the_draw_id_and_the_strategy(long: pd.DataFrame) -> None:
    long.loc[60, "effect"] = np.nan
    _refused(
        long, "psa: row 60 (draw 1011, strategy 'New'): effect is NaN; every cost and effect must be a finite number"
    )


def test_every_non_finite_row_is_counted(long: pd.DataFrame) -> None:
    long.loc[60, "effect"] = np.nan
    long.loc[61, "cost"] = np.inf
    long.loc[3, "cost"] = -np.inf  # row 3 comes first: it is the one named
    long.loc[99, "effect"] = np.nan
    _refused(long, "psa: row 3 (draw 1004, strategy 'SQ'): cost is -inf (and 3 more rows)")


def test_both_values_of_one_row_are_named(long: pd.DataFrame) -> None:
    long.loc[60, ["cost", "effect"]] = [np.inf, np.nan]
    _refused(long, "psa: row 60 (draw 1011, strategy 'New'): cost is inf, effect is NaN;")


def test_the_row_label_is_named_not_the_position(long: pd.DataFrame) -> None:
    long.loc[60, "effect"] = np.nan
    shuffled = long.sample(frac=1.0, random_state=3)  # row label 60 is now at another position
    assert shuffled.index.get_loc(60) != 60
    _refused(shuffled, "psa: row 60 (draw 1011, strategy 'New'): effect is NaN")
    labelled = long.set_axis([f"r{i}" for i in range(len(long))])
    _refused(labelled, "psa: row 'r60' (draw 1011, strategy 'New'): effect is NaN")


def test_a_missing_value_in_a_nullable_column_is_named(long: pd.DataFrame) -> None:
    long["cost"] = long["cost"].astype("Float64")
    long.loc[60, "cost"] = pd.NA
    _refused(long, "psa: row 60 (draw 1011, strategy 'New'): cost is missing")


def test_a_renamed_column_is_named_as_given(long: pd.DataFrame) -> None:
    long = long.rename(columns={"effect": "qaly"})
    long.loc[60, "qaly"] = np.nan
    _refused(long, "psa: row 60 (draw 1011, strategy 'New'): effect (column 'qaly') is NaN", effect="qaly")


# ------------------------------------------------------------------ a text column
def test_a_text_cost_column_is_refused_as_the_wide_form_refuses_one(long: pd.DataFrame) -> None:
    text = long.assign(cost=long["cost"].map(lambda v: f"{v:.2f}"))  # numbers written as text
    first = text["cost"].iloc[0]
    _refused(
        text,
        f"psa: column 'cost' (cost=) is not numeric (dtype {text['cost'].dtype}): row 0 (draw 1001, "
        f"strategy 'SQ') holds {first!r}",
    )
    # the wide form refuses a text column too
    with pytest.raises(ic.ValidationError, match=r"psa\.costs: columns \['SQ'\] are not numeric"):
        ic.psa(pd.DataFrame({"SQ": text["cost"].iloc[:N].to_numpy(), "New": 1.0}), np.ones((N, 2)))


def test_a_mixed_column_shows_its_first_value_that_is_not_a_number(long: pd.DataFrame) -> None:
    mixed = long.assign(effect=long["effect"].astype(object))
    mixed.loc[60, "effect"] = "n/a"
    mixed.loc[70, "effect"] = "?"
    _refused(
        mixed,
        "psa: column 'effect' (effect=) is not numeric (dtype object): row 60 (draw 1011, strategy 'New') "
        "holds 'n/a'; give numbers (e.g. df['effect'] = pd.to_numeric(df['effect']))",
    )


# ------------------------------------------------------------------ structure
def test_a_missing_pair_names_the_draw_id_and_the_strategy(long: pd.DataFrame) -> None:
    _refused(long.drop(index=60), "psa: draw 1011 has no row for strategy 'New' (every draw needs every strategy")


def test_extra_draws_for_one_strategy_name_the_draw_id_and_the_counts(long: pd.DataFrame) -> None:
    extra = pd.DataFrame({"draw": [2000, 2001], "strategy": "SQ", "cost": 1.0, "effect": 1.0})
    _refused(
        pd.concat([long, extra], ignore_index=True),
        "psa: draw 2000 has no row for strategy 'New' (every draw needs every strategy; rows missing: 2; "
        "rows per strategy: 'SQ': 52, 'New': 50)",
    )


def test_a_repeated_pair_names_both_row_labels(long: pd.DataFrame) -> None:
    again = pd.concat([long, long.loc[[60]]], ignore_index=True)  # the copy is row 100
    _refused(again, "psa: row 100 repeats draw 1011 of strategy 'New' (first given in row 60)")
    # with the row label repeated, its position is named too
    _refused(
        pd.concat([long, long.loc[[60]]]),
        "psa: row 60 at position 100 repeats draw 1011 of strategy 'New' (first given in row 60 at position 60)",
    )


def test_a_row_without_a_draw_id_is_named(long: pd.DataFrame) -> None:
    long["draw"] = long["draw"].astype(float)
    long.loc[60, "draw"] = np.nan
    _refused(long, "psa: row 60 (strategy 'New') has no draw id (column 'draw' is nan)")


def test_an_empty_strategy_name_is_named_by_its_row(long: pd.DataFrame) -> None:
    long.loc[60, "strategy"] = ""
    _refused(long, "psa: row 60 has no strategy name (column 'strategy' is ''); every row needs one")


# ------------------------------------------------------------------ valid input: the wide numbers
def test_valid_long_input_gives_the_wide_numbers(long: pd.DataFrame, wide: tuple[np.ndarray, np.ndarray]) -> None:
    costs, effects = wide
    shuffled = long.sample(frac=1.0, random_state=5).set_axis([f"r{i}" for i in range(len(long))])
    r = ic.psa(shuffled, reference="SQ")
    assert sorted(r.strategies) == ["New", "SQ"] and r.reference == "SQ"
    order = [list(r.strategies).index(s) for s in ("SQ", "New")]
    np.testing.assert_allclose(r.table["mean_cost"].to_numpy()[order], costs.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(r.table["mean_effect"].to_numpy()[order], effects.mean(axis=0), rtol=1e-12)
    w = ic.psa(costs, effects, ["SQ", "New"], reference="SQ")
    np.testing.assert_array_equal(r.costs[:, order], w.costs)
    np.testing.assert_array_equal(r.effects[:, order], w.effects)
    # in the given row order the strategies come as first seen
    assert list(ic.psa(long).strategies) == ["SQ", "New"]


# ------------------------------------------------------------------ rank_probabilities
def test_rank_probabilities_names_the_strategy_not_its_column() -> None:
    costs = np.full((4, 3), 10.0)
    effects = np.array([[0.5, 0.5, 0.5]] * 3 + [[0.5, 0.5, 2.0]])  # 1e308·2 overflows in draw 3 of 'C'
    r = ic.psa(costs, effects, ["A", "B", "C"])
    with pytest.raises(ic.ValidationError) as err:
        r.rank_probabilities(1e308)
    assert "non-finite net benefit for strategy 'C' in draw 3" in str(err.value)
    assert "column" not in str(err.value)
    with pytest.raises(ic.ValidationError, match="strategy 'C'"):
        r.rank_probabilities([1.0, 1e308])
