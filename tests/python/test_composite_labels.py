"""Units, indicators and groups of ``composite`` and ``rank_uncertainty`` are matched by label
(the audit's findings 1, 5, 9, 10 and 11): a ``groups`` Series by its index, a per-indicator
mapping by the text of its keys, a label given twice refused, the core's messages naming units
by their labels. Expected numbers are worked by hand in each test."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

NAN = float("nan")


def _six() -> pd.DataFrame:
    """Six neighbourhoods, three in the north (n) and three in the south (z), two cells missing."""
    return pd.DataFrame(
        {"a": [1.0, NAN, 3.0, 10.0, NAN, 14.0], "b": [5.0, 6.0, 7.0, 1.0, 2.0, 3.0]},
        index=["n1", "n2", "n3", "z1", "z2", "z3"],
    )


# ------------------------------------------------------------------ finding 1: groups by label
def test_a_groups_series_is_matched_by_its_index_not_its_order():
    # Labels by unit, in another order than the rows: n2 takes the mean of n1 and n3, z2 of z1 and z3.
    labels = pd.Series({"z3": "zuid", "n3": "noord", "z1": "zuid", "n1": "noord", "z2": "zuid", "n2": "noord"})
    r = ic.composite(_six(), groups=labels, imputation="group_mean")
    assert r.imputed.loc["n2", "a"] == (1.0 + 3.0) / 2
    assert r.imputed.loc["z2", "a"] == (10.0 + 14.0) / 2
    # the median alike (two values: their mean), and a list gives the labels in row order
    by_row = ["noord"] * 3 + ["zuid"] * 3
    m = ic.composite(_six(), groups=by_row, imputation="group_median")
    assert (m.imputed.loc["n2", "a"], m.imputed.loc["z2", "a"]) == (2.0, 12.0)
    # a Series holding labels of units not in the data as well: those are not needed
    more = pd.concat([labels, pd.Series({"elsewhere": "oost"})])
    assert ic.composite(_six(), groups=more, imputation="group_mean").imputed.loc["z2", "a"] == 12.0


def test_groups_that_do_not_fit_the_units_are_refused_naming_them():
    df = _six()
    with pytest.raises(ValueError, match=r"groups: no label for units 'n2', 'z3': a Series is matched"):
        ic.composite(df, groups=pd.Series({"n1": "x", "n3": "x", "z1": "y", "z2": "y"}), imputation="group_mean")
    with pytest.raises(ValueError, match=r"shares no label with the data's: give groups=list"):
        ic.composite(df, groups=pd.Series(["x"] * 6), imputation="group_mean")  # a RangeIndex: 0..5
    with pytest.raises(ValueError, match=r"groups: the Series' index holds 'n1' more than once"):
        ic.composite(df, groups=pd.Series(["x", "y"] * 3, index=["n1"] * 6), imputation="group_mean")
    with pytest.raises(ValueError, match=r"groups: got 5 labels for 6 units"):
        ic.composite(df, groups=["x"] * 5, imputation="group_mean")
    with pytest.raises(ValueError, match=r"groups: got 7 labels for 6 units"):
        ic.composite(df, groups=np.array(["x"] * 7), imputation="group_mean")


@pytest.mark.parametrize("missing", [None, NAN, pd.NA])
def test_a_unit_without_a_group_label_is_refused_not_pooled_as_nan(missing):
    labels = pd.Series(["x", "x", missing, "y", "y", "y"], index=_six().index, dtype=object)
    with pytest.raises(ValueError, match=r"groups: no group label \(missing\) for units 'n3'"):
        ic.composite(_six(), groups=labels, imputation="group_mean")
    column = _six().assign(g=labels)
    with pytest.raises(ValueError, match=r"no group label \(missing\) for units 'n3'"):
        ic.composite(column, groups="g", imputation="group_mean")


def test_groups_and_group_imputation_go_together():
    with pytest.raises(TypeError, match=r"imputation 'group_mean' needs groups="):
        ic.composite(_six(), imputation="group_mean")
    with pytest.raises(TypeError, match=r"groups applies only to imputation 'group_mean' or 'group_median'"):
        ic.composite(_six(), groups=["x"] * 6, imputation="mean")


# ------------------------------------------------------------------ finding 5: integer column labels
def _numbered() -> pd.DataFrame:
    return pd.DataFrame(np.array([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0]]))  # columns 0 and 1


def test_integer_column_labels_take_mappings_keyed_by_the_same_integers():
    levels = [{"name": "index", "weights": {0: 0.25, 1: 0.75}}]
    r = ic.composite(_numbered(), direction={1: -1}, levels=levels)
    # column 1 reversed: -10, -30, -20 over [-30, -10] -> 100, 0, 50; column 0: 0, 50, 100
    np.testing.assert_allclose(r.normalised["1"], [100.0, 0.0, 50.0])
    np.testing.assert_allclose(r.levels["index"]["index"], [0.75 * 100, 0.25 * 50, 0.25 * 100 + 0.75 * 50])
    assert "direction not given for ['0']: taken as +1" in r.assumptions  # column 1 was given
    # distance to target: (x - min) / (target - min), capped at 1
    t = ic.composite(_numbered(), direction=[1, 1], normalisation="distance_to_target", targets={0: 3, 1: 30})
    np.testing.assert_allclose(t.normalised.to_numpy(), [[0.0, 0.0], [0.5, 1.0], [1.0, 0.5]])
    g = ic.composite(_numbered(), normalisation="goalposts", goalposts={0: (0, 4), 1: (0, 40)}, direction=[1, 1])
    np.testing.assert_allclose(g.normalised["0"], [25.0, 50.0, 75.0])
    two = [{"name": "dim", "parents": {0: "A", 1: "B"}}, {"name": "index"}]
    assert list(ic.composite(_numbered(), direction=[1, 1], levels=two).levels["dim"].columns) == ["A", "B"]


def test_two_keys_with_the_same_text_are_refused():
    with pytest.raises(ValueError, match=r"direction: keys 1, '1' both name '1'"):
        ic.composite(_numbered(), direction={1: -1, "1": 1})
    with pytest.raises(ValueError, match=r"weights: keys 0, '0' both name"):
        ic.composite(_numbered(), levels=[{"name": "index", "weights": {0: 0.5, "0": 0.5, 1: 0}}])


# ------------------------------------------------------------------ finding 9: labels given twice
def test_duplicated_indicator_columns_are_refused_as_duplicated():
    df = pd.DataFrame([[1.0, 2.0, 3.0], [2.0, 3.0, 1.0]], columns=["a", "a", "b"], index=["x", "y"])
    with pytest.raises(ValueError, match=r"^data: column 'a' is given twice; give each column its own label$"):
        ic.composite(df)
    with pytest.raises(ValueError, match=r"^X: column 'a' is given twice; give each column its own label$"):
        ic.rank_uncertainty(df, [0.4, 0.3, 0.3], draws=10, seed=1)
    mixed = pd.DataFrame([[1.0, 2.0], [2.0, 1.0]], columns=[1, "1"])  # one name, two columns
    with pytest.raises(ValueError, match=r"^data: column '1' \(as 1 and '1'\) is given twice"):
        ic.composite(mixed)


def test_duplicated_units_are_refused_naming_them():
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [4.0, 3.0, 1.0, 2.0]}, index=["n1", "n1", "n3", "n4"])
    with pytest.raises(ValueError, match=r"data: units duplicated: 'n1'"):
        ic.composite(df)
    with pytest.raises(ValueError, match=r"X: units duplicated: 'n1'"):
        ic.rank_uncertainty(df, [0.5, 0.5], draws=10, seed=1)


# ------------------------------------------------------------------ finding 10: the user's words
def test_messages_name_the_argument_the_node_and_the_unit_as_the_user_does():
    df = _six().fillna(1.0)
    with pytest.raises(
        ic.ValidationError, match=r"levels\[0\] 'index'\.weights\['a'\]: weight must be finite and >= 0"
    ):
        ic.composite(df, levels=[{"name": "index", "weights": {"a": -0.5, "b": 1.5}}])
    with pytest.raises(ValueError, match=r"data: no units"):
        ic.composite(df.iloc[:0])
    raw = pd.DataFrame({"vol": [12.0, 30, 8], "trust": [6.5, 7.2, 5.9]}, index=["Noord", "Zuid", "Oost"])
    with pytest.raises(ic.ValidationError, match=r"^aggregations: .* undefined: unit 'Noord', indicator 'vol'"):
        ic.rank_uncertainty(raw, [0.5, 0.5], draws=10, seed=1, normalisations=["zscore"], aggregations=["geometric"])
    with pytest.raises(ic.ValidationError, match=r"^directions: needs one direction per indicator \(2\), got 1"):
        ic.rank_uncertainty(raw, [0.5, 0.5], draws=10, seed=1, normalisations=["minmax"], directions=[1])


def test_the_cores_fields_are_named_as_the_arguments_they_came_from():
    from impactchain._composite_labels import arguments_named

    core = ic.ValidationError("unused")
    core.issues = [
        ("unit_groups", "one group per unit"),
        ("choices.normalisations[1]", "listed twice"),
        ("top[0]", "> 0"),
    ]
    core.lines, core.columns = [None] * 3, [None] * 3
    named = arguments_named(core)
    assert named.issues == [("groups", "one group per unit"), ("normalisations[1]", "listed twice"), ("top[0]", "> 0")]
    assert str(named) == "groups: one group per unit\nnormalisations[1]: listed twice\ntop[0]: > 0"
    # units are named by the core (CompositeChoices.unit_names): a label that is a number is quoted,
    # so it cannot be read as the unit's position
    raw = pd.DataFrame({"vol": [12.0, 30, 8], "trust": [6.5, 7.2, 5.9]}, index=[10, 20, 30])
    with pytest.raises(ic.ValidationError, match=r"undefined: unit '10', indicator 'vol'"):
        ic.rank_uncertainty(raw, [0.5, 0.5], draws=10, seed=1, normalisations=["zscore"], aggregations=["geometric"])
    with pytest.raises(ic.ValidationError, match=r"undefined: unit 0, indicator '0'"):  # an array: positions
        ic.rank_uncertainty(
            raw.to_numpy(), [0.5, 0.5], draws=10, seed=1, normalisations=["zscore"], aggregations=["geometric"]
        )


# ------------------------------------------------------------------ finding 11: labels kept
def test_rank_uncertainty_keeps_the_index_labels_and_writes_them_as_text():
    X = pd.DataFrame({"a": [0.1, 0.9, 0.5], "b": [0.3, 0.8, 0.2]}, index=pd.Index([10, 20, 30], name="buurt"))
    r = ic.rank_uncertainty(X, [0.5, 0.5], draws=50, seed=1, threads=1, top=[1])
    assert list(r.table.index) == [10, 20, 30]
    assert r.table.loc[20, "reference_rank"] == 1  # 0.85 against 0.2 and 0.35
    assert json.loads(json.dumps(r.to_dict(), allow_nan=False))["unit_names"] == ["10", "20", "30"]
