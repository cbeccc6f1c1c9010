"""Property tests of the comparison from draws (PSA): acceptability sums to one
at every willingness to pay, and EVPI is non-negative and equals the textbook
formula computed with numpy from the same draws:
EVPI(k) = mean over draws of max_j NMB_j - max_j of mean NMB_j, NMB = k E - C."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactchain as ic

SETTINGS = settings(max_examples=30, deadline=None, database=None)


@st.composite
def draws(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(costs, effects, wtp grid): correlated cost/effect draws per strategy."""
    n = draw(st.integers(2, 400))
    s = draw(st.integers(2, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    mean_c = rng.uniform(0, 1e5, s)
    mean_e = rng.uniform(0, 10, s)
    e = mean_e + rng.normal(0, draw(st.floats(0.01, 3)), (n, s))
    c = mean_c + 5000 * (e - mean_e) + rng.normal(0, draw(st.floats(1, 2e4)), (n, s))
    if draw(st.booleans()):  # exact ties between strategies in some draws
        c[:, 1] = c[:, 0]
        e[:, 1] = e[:, 0]
    wtp = np.array(sorted(draw(st.lists(st.floats(0, 2e5), min_size=1, max_size=12, unique=True))))
    return np.ascontiguousarray(c), np.ascontiguousarray(e), wtp


def _evpi_numpy(c: np.ndarray, e: np.ndarray, k: float) -> float:
    nmb = k * e - c
    return float(nmb.max(axis=1).mean() - nmb.mean(axis=0).max())


@SETTINGS
@given(draws())
def test_ceac_sums_to_one_at_every_wtp(case):
    c, e, wtp = case
    r = ic.psa(c, e, threads=1)
    ceac = r.ceac(wtp)
    sums = ceac.groupby("wtp", sort=True)["proportion"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0, rtol=0, atol=1e-12)
    assert len(sums) == len(wtp)
    assert ((ceac["proportion"] >= 0) & (ceac["proportion"] <= 1)).all()
    # one strategy on the frontier per wtp
    assert (ceac.groupby("wtp")["on_frontier"].sum() == 1).all()
    # prob_best is the same table, wide
    pb = r.prob_best(wtp)
    np.testing.assert_allclose(pb.sum(axis=1).to_numpy(), 1.0, rtol=0, atol=1e-12)


@SETTINGS
@given(draws())
def test_evpi_is_non_negative_and_equals_the_numpy_formula(case):
    c, e, wtp = case
    r = ic.psa(c, e, threads=2)
    ev = r.evpi(wtp)
    assert len(ev) == len(wtp)
    scale = np.abs(wtp[:, None, None] * e[None] - c[None]).max() + 1.0
    for k, got in zip(wtp, ev.to_numpy()):
        want = _evpi_numpy(c, e, k)
        assert got >= 0.0
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12 * scale)
    # a single wtp gives a plain float
    k0 = float(wtp[0])
    assert r.evpi(k0) == pytest.approx(_evpi_numpy(c, e, k0), rel=1e-9, abs=1e-12 * scale)
