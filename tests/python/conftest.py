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


def _local_cluster():
    """A real Dask cluster: two worker processes on loopback (one thread each), and its client,
    closed after. The scheduler's HTTP server takes a free port on loopback, so that clusters of
    modules running side by side (pytest -n) never collide."""
    distributed = pytest.importorskip(
        "distributed", reason="Dask is an optional extra: pip install 'impactchain[dask]'"
    )
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def client():
    """A cluster for a test module, started for the module and stopped after it."""
    yield from _local_cluster()


@pytest.fixture
def own_client():
    """A cluster of one test's own, for a test that kills a worker: the module's cluster never
    has to wait for a worker to be restarted (which a loaded machine can delay by minutes)."""
    yield from _local_cluster()


# Property tests (hypothesis): in CI (CI=true) every run explores the same examples, so a
# red run is reproducible and a green one cannot turn red by chance; locally they vary.
import os  # noqa: E402

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
