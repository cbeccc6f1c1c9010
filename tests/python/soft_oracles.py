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
