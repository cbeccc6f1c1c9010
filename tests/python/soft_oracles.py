"""Shared helpers for the soft tests: peer data location and a warning-free pingouin import."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

PEERS = Path(__file__).parents[3] / "shared/data/peers"


def peers_file(rel: str) -> Path:
    p = PEERS / rel
    if not p.is_file():
        pytest.skip(f"peer data set {rel} not found under {PEERS}")
    return p


def pingouin():
    """pingouin as an oracle; skipped (with the reason) when it is not installed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pytest.importorskip("pingouin", reason="pingouin (the oracle) is not installed")


def assert_like_scipy_bootstrap(ours, x, statistic, method: str, resamples: int) -> None:
    """``ours`` (a BootstrapCI of ``statistic`` over the rows of ``x``) against scipy's bootstrap
    of the same statistic (its own resampling, percentile or BCa): the SE within 15 % and each
    endpoint within 0.4 SE; the Monte Carlo SD of a 2.5 % endpoint with B = 1000 is about 0.08 SE
    per run, per side."""
    import numpy as np

    stats = pytest.importorskip("scipy.stats")
    ref = stats.bootstrap(
        tuple(x.T),
        lambda *cols: statistic(np.column_stack(cols)),
        n_resamples=resamples,
        paired=True,
        vectorized=False,
        method="BCa" if method == "bca" else "percentile",
        random_state=np.random.default_rng(3),
    )
    se = ref.standard_error
    assert ours.se == pytest.approx(se, rel=0.15)
    assert ours.ci[0] == pytest.approx(ref.confidence_interval.low, abs=0.4 * se)
    assert ours.ci[1] == pytest.approx(ref.confidence_interval.high, abs=0.4 * se)
