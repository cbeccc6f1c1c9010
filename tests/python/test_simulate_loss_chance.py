"""P(NPV < 0), the chance that the outcomes' present value stays below the investment, counted by
the core on every draw (``SimulationResult.p_npv_below_0``, C++ ``ModelSimulation::p_npv_below_0``),
so that it is there whether the draws are kept or not: above the kept-draws limit, from a Dask
cluster's parts, in the report. Golden numbers by hand: with no discounting, one year and nothing
taken off, the present value is 100 × quantity and the investment 100, so the NPV is below 0 exactly
when the quantity is below 1."""

from __future__ import annotations

import numpy as np
import pytest

import impactchain as ic
from small_models import FORECAST_HEAD

# FORECAST_HEAD invests 500 at no discounting: 500 × quantity / 500 = quantity is the ratio, and
# the NPV 500 × quantity − 500 is below 0 when quantity < 1.
_MODEL = (
    FORECAST_HEAD
    + "name: Verlies\noutcomes:\n  - {id: o, quantity: Q, stakeholder: municipality, proxy: {value: 500, currency: EUR}}\n"
)


def _sim(q: str, **kw):
    return ic.simulate(ic.loads(_MODEL.replace("Q", q), format="yaml"), draws=40_000, seed=11, threads=1, **kw)


@pytest.mark.parametrize(
    ("q", "p"),
    [
        ("{uniform: [0, 2]}", 0.5),  # P(U(0, 2) < 1) = 1 / 2
        ("{uniform: [0, 4]}", 0.25),  # P(U(0, 4) < 1) = 1 / 4
        ("{triangular: [0, 2, 2]}", 0.25),  # P(T < 1) = (1 - 0)² / ((2 - 0)(2 - 0)) = 1 / 4
        ("{uniform: [1, 3]}", 0.0),  # never below 1: no loss in any draw
    ],
)
def test_the_chance_of_a_loss_is_the_share_of_draws_below_0(q, p):
    r = _sim(q)
    se = np.sqrt(p * (1 - p) / r.draws)
    assert abs(r.p_npv_below_0 - p) <= 5 * se + 1e-15
    # and the ratio's own chance is the other side of the same line (nothing lands on exactly 1)
    assert r.p_ratio_above_1 == pytest.approx(1 - r.p_npv_below_0, abs=1e-12)


def test_it_is_the_share_of_the_kept_draws_and_there_without_them():
    kept = _sim("{uniform: [0, 2]}", keep_draws=True)
    npv = kept.draws_array[:, ic.uncertainty.OUTPUTS.index("npv")]
    assert kept.p_npv_below_0 == float(np.mean(npv < 0))  # the same draws, counted by numpy
    lean = _sim("{uniform: [0, 2]}")
    assert lean.draws_array is None
    assert lean.p_npv_below_0 == kept.p_npv_below_0  # the same seed: the same draws, counted on the run


def test_it_is_the_same_for_any_thread_count_and_in_the_results_data():
    one, two = (
        _sim("{uniform: [0, 4]}"),
        ic.simulate(
            ic.loads(_MODEL.replace("Q", "{uniform: [0, 4]}"), format="yaml"), draws=40_000, seed=11, threads=2
        ),
    )
    assert one.p_npv_below_0 == two.p_npv_below_0
    assert one.to_dict()["p_npv_below_0"] == one.p_npv_below_0
    assert "P(NPV < 0)" in str(one.summary())
