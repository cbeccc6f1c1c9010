"""What the comparison functions take: two DataFrames of draws paired by their column names (not
by position), missing and empty strategy names refused by position, and one rule for the
willingness to pay (a numpy scalar is a number; a negative one is refused, as by the command
line). Golden numbers from numpy on the same draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic


@pytest.fixture(scope="module")
def draws() -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(11)
    n = 400
    costs = pd.DataFrame({"Status Quo": rng.normal(100, 10, n), "New": rng.normal(160, 15, n)})
    effects = pd.DataFrame({"Status Quo": rng.normal(1.0, 0.2, n), "New": rng.normal(1.5, 0.2, n)})
    return costs, effects


def _icer_by_numpy(costs: pd.DataFrame, effects: pd.DataFrame, new: str, ref: str) -> float:
    return float((costs[new].mean() - costs[ref].mean()) / (effects[new].mean() - effects[ref].mean()))


def test_two_dataframes_are_paired_by_column_name(draws) -> None:
    costs, effects = draws
    expected = _icer_by_numpy(costs, effects, "New", "Status Quo")
    same = ic.psa(costs, effects, reference="Status Quo").icer.set_index("strategy")
    swapped = ic.psa(costs, effects[["New", "Status Quo"]], reference="Status Quo").icer.set_index("strategy")
    assert same.loc["New", "icer"] == pytest.approx(expected, rel=1e-12)
    assert swapped.loc["New", "icer"] == pytest.approx(expected, rel=1e-12)
    assert swapped.loc["New", "status"] == "NE"
    # The effects' columns follow the costs' order.
    p = ic.psa(costs, effects[["New", "Status Quo"]])
    np.testing.assert_array_equal(p.effects, effects[["Status Quo", "New"]].to_numpy())


def test_dataframes_that_name_other_strategies_or_other_draws_are_refused(draws) -> None:
    costs, effects = draws
    with pytest.raises(
        ic.ValidationError,
        match=r"psa\.effects: columns \['Status Quo', 'Newer'\] differ from the costs' columns \['Status Quo', 'New'\]",
    ):
        ic.psa(costs, effects.rename(columns={"New": "Newer"}))
    with pytest.raises(ic.ValidationError, match=r"psa\.effects: the row index differs from the costs'"):
        ic.psa(costs, effects.iloc[::-1])
    with pytest.raises(ic.ValidationError, match=r"psa\.effects: columns appear more than once: \['New'\]"):
        ic.psa(costs, effects.set_axis(["New", "New"], axis=1))


def test_with_strategies_given_columns_named_otherwise_pair_by_position_and_say_so(draws) -> None:
    costs, effects = draws
    named = effects.set_axis(["SQ_eff", "New_eff"], axis=1)
    p = ic.psa(costs, named, ["Status Quo", "New"], reference="Status Quo")
    assert p.icer.set_index("strategy").loc["New", "icer"] == pytest.approx(
        _icer_by_numpy(costs, effects, "New", "Status Quo"), rel=1e-12
    )
    assert any("paired by position" in a for a in p.assumptions)


@pytest.mark.parametrize("missing", [None, np.nan])
def test_a_missing_strategy_name_is_refused_by_its_position(missing) -> None:
    frame = pd.DataFrame({"strategy": ["A", missing], "cost": [1.0, 2.0], "effect": [1.0, 2.0]}, dtype=object)
    with pytest.raises(ic.ValidationError, match=r"strategies\[1\]: missing name"):
        ic.icers(frame)
    with pytest.raises(ic.ValidationError, match=r"strategies\[1\]: missing name"):
        ic.net_benefit(frame, wtp=3)
    with pytest.raises(ic.ValidationError, match=r"strategies\[0\]: missing name"):
        ic.icers([missing, "None"], [1, 2], [1, 2])
    c, e = np.ones((3, 2)), np.ones((3, 2))
    with pytest.raises(ic.ValidationError, match=r"psa\.strategies\[1\]: missing name"):
        ic.psa(c, e, ["A", missing])
    with pytest.raises(ic.ValidationError, match=r"psa\.costs: column 1 has no name"):
        ic.psa(pd.DataFrame(c, columns=["A", missing]), e)
    long = pd.DataFrame(
        {"draw": [7, 7, 8, 8], "strategy": ["A", "B", missing, "B"], "cost": 1.0, "effect": 1.0}, index=[10, 11, 12, 13]
    )
    with pytest.raises(ic.ValidationError, match=r"psa: row 12 has no strategy name"):
        ic.psa(long)


def test_an_empty_strategy_name_is_refused_by_psa_as_by_icers() -> None:
    with pytest.raises(ic.ValidationError, match=r"icers\[1\]: strategy name must not be empty"):
        ic.icers(["A", ""], [1, 2], [1, 2])
    with pytest.raises(ic.ValidationError, match=r"psa\.strategies\[0\]: strategy name must not be empty"):
        ic.psa(np.ones((3, 3)), np.ones((3, 3)), ["", "B", "C"])


def test_numpy_scalars_are_numbers_for_every_wtp(draws) -> None:
    costs, effects = draws
    p = ic.psa(costs, effects, threads=1)
    # EVPI at k by numpy: mean of the best NMB per draw − the best mean NMB.
    nmb = 50 * effects.to_numpy() - costs.to_numpy()
    expected = nmb.max(axis=1).mean() - nmb.mean(axis=0).max()
    for k in (50, np.int64(50), np.float64(50.0), np.float32(50.0)):
        assert p.evpi(k) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    params = pd.DataFrame({"x": np.random.default_rng(1).normal(size=len(costs))})
    assert p.evppi(params, np.int64(50)).wtp == 50.0
    # A negative willingness to pay is a number as any other here (compare() refuses it), and so
    # for evppi: the same value as ic.evppi on the net benefit -5·E − C.
    theta = pd.DataFrame({"x": costs["New"] - costs["Status Quo"]})
    direct = ic.evppi(-5 * effects.to_numpy() - costs.to_numpy(), theta, strategies=list(costs.columns))
    pd.testing.assert_frame_equal(p.evppi(theta, np.float64(-5)).table, direct.table)
    for bad in (float("nan"), "5", [5]):
        with pytest.raises(ic.ValidationError, match=r"^wtp must be one finite number, got "):
            p.evppi(params, bad)
