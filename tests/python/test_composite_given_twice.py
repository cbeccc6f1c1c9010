"""A column name given twice is refused for what it is by every composite entry point that takes a
table (``composite``, ``pca_weights``, ``ahp_weights``, ``rank_uncertainty``) and by ``lenses``, in
one wording ("data: column 'a' is given twice"), before the check of its numbers: ``data['a']`` is
then a DataFrame, not a column, and ``pca_weights`` used to call two numeric columns "not
numeric"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

REMEDY = "give each column its own label"


def _twice(columns: list, rows: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(rng.normal(size=(rows, len(columns))), columns=columns)


def test_pca_weights_names_two_numeric_columns_of_one_name_as_given_twice():
    df = _twice(["a", "a", "b"])
    assert all(pd.api.types.is_numeric_dtype(df.iloc[:, j]) for j in range(3))  # numeric, both of them
    with pytest.raises(ValueError, match=rf"^data: column 'a' is given twice; {REMEDY}$"):
        ic.pca_weights(df)


def test_given_twice_is_said_before_a_column_that_is_not_numeric():
    df = _twice(["a", "a", "b"])
    df = pd.concat([df.iloc[:, :1].astype(object), df.iloc[:, 1:]], axis=1)  # one 'a' of Python objects
    assert df.columns.tolist() == ["a", "a", "b"] and df.dtypes.iloc[0].kind == "O"
    for call in (ic.pca_weights, ic.composite, lambda d: ic.rank_uncertainty(d, [0.4, 0.3, 0.3], draws=10, seed=1)):
        with pytest.raises(ValueError, match=r"column 'a' is given twice"):
            call(df)


@pytest.mark.parametrize(
    "call",
    [
        ic.pca_weights,
        ic.composite,
        lambda d: ic.rank_uncertainty(d, [0.4, 0.3, 0.3], draws=10, seed=1),
    ],
    ids=["pca_weights", "composite", "rank_uncertainty"],
)
def test_every_entry_point_words_it_alike(call):
    where = "X" if call not in (ic.pca_weights, ic.composite) else "data"
    with pytest.raises(ValueError, match=rf"^{where}: column 'a' is given twice; {REMEDY}$"):
        call(_twice(["a", "a", "b"]))
    # One name of two types: 1 and "1" are both the column "1".
    with pytest.raises(ValueError, match=rf"^{where}: column '1' \(as 1 and '1'\) is given twice; {REMEDY}$"):
        call(_twice([1, "1", "b"]))


def test_several_names_and_how_often_each():
    with pytest.raises(ValueError, match=rf"^data: columns 'b', 'a' are each given twice; {REMEDY}$"):
        ic.pca_weights(_twice(["b", "a", "b", "a", "c"]))
    with pytest.raises(
        ValueError, match=rf"^data: columns 'b' \(3 times\), 'a' \(twice\) are given more than once; {REMEDY}$"
    ):
        ic.pca_weights(_twice(["b", "a", "b", "a", "b", "c"]))
    with pytest.raises(ValueError, match=rf"^data: column 'a' is given 3 times; {REMEDY}$"):
        ic.composite(_twice(["a", "a", "a", "c"]))


def test_a_groups_column_given_twice_is_refused_as_given_twice():
    # Before: data.pop("g") gave both columns, refused as "got 2 labels for 4 units".
    df = _twice(["x", "y"]).assign(g=["p", "p", "q", "q"])
    df = pd.concat([df, df[["g"]]], axis=1)
    with pytest.raises(ValueError, match=rf"^data: column 'g' is given twice; {REMEDY}$"):
        ic.composite(df, imputation="group_mean", groups="g")


def test_ahp_weights_refuses_a_criterion_given_twice():
    m = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    with pytest.raises(ValueError, match=r"^matrix: column 'cost' is given twice; give each criterion its own column"):
        ic.ahp_weights(pd.DataFrame(m, columns=["cost", "reach", "cost"]))
    with pytest.raises(ValueError, match=r"^names: name 'cost' is given twice; give each criterion its own name$"):
        ic.ahp_weights(np.array(m), names=["cost", "reach", "cost"])
    assert list(ic.ahp_weights(np.array(m), names=["cost", "reach", "depth"]).weights.index) == [
        "cost",
        "reach",
        "depth",
    ]


def test_a_column_that_is_not_numeric_is_named_with_its_row_alike():
    b = pd.Series(["1", "2", "n/a", "4"], dtype=object)
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": b.to_numpy()}, index=["u1", "u2", "u3", "u4"])
    expected = (
        f"data: columns ['b'] are not numeric; column 'b' (dtype {df['b'].dtype}): row 'u1' holds '1'; give numbers "
        "(e.g. data['b'] = pd.to_numeric(data['b']))"
    )
    for call in (ic.pca_weights, ic.composite):
        with pytest.raises(ValueError, match=r"^data: columns \['b'\] are not numeric") as e:
            call(df)
        assert str(e.value) == expected


def test_lenses_refuse_a_lens_given_twice_in_the_same_words():
    # Two lenses of one name: pandas gives a frame for table['a'], which the numeric check could not
    # read ("the truth value of a Series is ambiguous").
    table = pd.DataFrame([[1.0, 2.0, 3.0], [2.0, 1.0, 4.0]], columns=["a", "a", "b"], index=["X", "Y"])
    with pytest.raises(ValueError, match=rf"^lenses\.table: column 'a' is given twice; {REMEDY}$"):
        ic.lenses(table)
