"""Shared fixtures: paths to the golden files both test suites read."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples" / "data"
PEERS = ROOT.parent / "shared" / "data" / "peers"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def peers_dir() -> Path:
    if not PEERS.is_dir():
        pytest.skip("peer data sets (../shared/data/peers) are not beside this checkout")
    return PEERS


# Property tests (hypothesis): in CI (CI=true) every run explores the same examples, so a
# red run is reproducible and a green one cannot turn red by chance; locally they vary.
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
