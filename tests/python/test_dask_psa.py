"""A probabilistic comparison on a real Dask cluster (two worker processes on loopback, started
and stopped here): from numpy or Dask arrays over several blocks, every number equals the local
one bit for bit; the draws stay there as Dask arrays; a non-finite draw is named as locally; a
worker killed during a run changes nothing; a result bound to the cluster is not pickled.
Skipped where Dask is not installed (pip install 'impactchain[dask]')."""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'impactchain[dask]'")

import dask.array as da

import impactchain as ic

BLOCK = ic._core.psa_block_draws
NAMES = ["usual care", "coaching", "mentoring", "both"]
GRID = [0.0, 2500.0, 800.0, 1200.0, 1e6, 1500.0, -100.0, 1200.0]


def _draws(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Costlier and more effective strategies: the best one changes along the grid."""
    g = np.random.default_rng(seed)
    S = len(NAMES)
    costs = g.normal(1000.0, 300.0, size=(n, S)) + 400.0 * np.arange(S)
    effects = g.normal(1.0, 0.5, size=(n, S)) + 0.35 * np.arange(S)
    return costs, effects


def _assert_same_numbers(remote: ic.PsaResult, local: ic.PsaResult) -> None:
    """Every number the result gives, compared exactly (not approximately)."""
    assert remote.on_cluster and not local.on_cluster
    assert remote.draws == local.draws
    exact = dict(check_exact=True)
    pd.testing.assert_frame_equal(remote.table, local.table, **exact)
    pd.testing.assert_frame_equal(remote.icer, local.icer, **exact)
    pd.testing.assert_frame_equal(remote.icers(), local.icers(), **exact)
    pd.testing.assert_frame_equal(remote.ceac(GRID), local.ceac(GRID), **exact)
    pd.testing.assert_frame_equal(remote.frontier(GRID), local.frontier(GRID), **exact)
    pd.testing.assert_series_equal(remote.evpi(GRID), local.evpi(GRID), **exact)
    pd.testing.assert_frame_equal(remote.expected_nmb(GRID), local.expected_nmb(GRID), **exact)
    pd.testing.assert_frame_equal(remote.eib(GRID), local.eib(GRID), **exact)
    pd.testing.assert_frame_equal(remote.prob_best(GRID), local.prob_best(GRID), **exact)
    pd.testing.assert_frame_equal(remote.rank_probabilities(GRID), local.rank_probabilities(GRID), **exact)
    pd.testing.assert_frame_equal(remote.rank_probabilities(1200.0), local.rank_probabilities(1200.0), **exact)
    assert remote.evpi(1200.0) == local.evpi(1200.0)
    assert remote.to_dict(GRID) == local.to_dict(GRID)
    # The bits themselves, not only equality (which would let -0.0 pass for 0.0).
    a, b = remote._acc(GRID)[0], local._acc(GRID)[0]
    for field in ("ceac", "expected_nmb", "evpi", "frontier_probability"):
        assert np.asarray(getattr(a, field)).tobytes() == np.asarray(getattr(b, field)).tobytes(), field
    for field in ("mean_cost", "mean_effect", "sd_cost", "sd_effect"):
        assert (
            np.asarray(getattr(remote._summary, field)).tobytes()
            == np.asarray(getattr(local._summary, field)).tobytes()
        ), field


def test_numpy_draws_over_several_blocks_give_the_local_numbers_bit_for_bit(client):
    costs, effects = _draws(3 * BLOCK + 1234, seed=1)  # three whole blocks and a short fourth
    local = ic.psa(costs, effects, NAMES, reference="coaching", threads=2)
    remote = ic.psa(costs, effects, NAMES, reference="coaching", threads=2, client=client)
    _assert_same_numbers(remote, local)
    # The draws stay on the workers, cut into whole blocks (but the last), every strategy in one chunk.
    assert isinstance(remote.costs, da.Array) and isinstance(remote.effects, da.Array)
    assert len(remote.costs.chunks[0]) > 1
    assert all(n % BLOCK == 0 for n in remote.costs.chunks[0][:-1])
    assert remote.costs.chunks[1] == (len(NAMES),)
    np.testing.assert_array_equal(remote.costs.compute(), costs)
    assert remote.assumptions == local.assumptions


@pytest.mark.parametrize("rows", [BLOCK, 2 * BLOCK, 50_000])  # on block boundaries, and not (rechunked)
def test_dask_array_draws_give_the_local_numbers_bit_for_bit(client, rows):
    costs, effects = _draws(4 * BLOCK + 77, seed=2)
    local = ic.psa(costs, effects, NAMES, threads=2)
    dc = da.from_array(costs, chunks=(rows, 2))  # the strategies in two chunks: joined on the workers
    de = da.from_array(effects, chunks=(rows, 4))
    remote = ic.psa(dc, de, NAMES, threads=2, client=client)
    _assert_same_numbers(remote, local)
    assert all(n % BLOCK == 0 for n in remote.costs.chunks[0][:-1])
    assert remote.costs.chunks[0] == remote.effects.chunks[0]


def test_the_ce_plane_is_computed_on_the_workers_when_asked(client):
    costs, effects = _draws(2 * BLOCK + 5, seed=3)
    local = ic.psa(costs, effects, NAMES, reference=2, threads=2)
    remote = ic.psa(
        da.from_array(costs, chunks=(BLOCK, 4)),
        da.from_array(effects, chunks=(BLOCK, 4)),
        NAMES,
        reference=2,
        threads=2,
        client=client,
    )
    plane = remote.ce_plane()
    assert hasattr(plane, "__dask_graph__")  # lazy: nothing computed yet
    got = plane.compute()
    want = local.ce_plane()
    pd.testing.assert_frame_equal(got, want, check_exact=True)  # the index too: the local table's rows


def test_evppi_brings_the_net_benefit_here_and_equals_local(client):
    costs, effects = _draws(3000, seed=4)
    theta = pd.DataFrame({"x": effects[:, 1] - effects[:, 0], "noise": np.random.default_rng(9).normal(size=3000)})
    local = ic.psa(costs, effects, NAMES, threads=2)
    remote = ic.psa(costs, effects, NAMES, threads=2, client=client)
    assert remote.evppi(theta, 1000.0) == local.evppi(theta, 1000.0)


def _message(f) -> str:
    with pytest.raises(ic.ValidationError) as e:
        f()
    return str(e.value)


def test_a_non_finite_draw_is_named_as_locally(client):
    costs, effects = _draws(3 * BLOCK + 10, seed=5)
    effects[2 * BLOCK + 17, 2] = np.nan  # in the third block
    costs[3 * BLOCK + 3, 1] = np.inf  # later: not the one named
    local = _message(lambda: ic.psa(costs, effects, NAMES, threads=2))
    assert f"psa.effects[{2 * BLOCK + 17}, 2]" in local and "'mentoring'" in local
    assert _message(lambda: ic.psa(costs, effects, NAMES, threads=2, client=client)) == local
    dc, de = da.from_array(costs, chunks=(BLOCK, 4)), da.from_array(effects, chunks=(BLOCK, 4))
    assert _message(lambda: ic.psa(dc, de, NAMES, threads=2, client=client)) == local


def test_bad_shapes_and_grids_fail_as_locally(client):
    costs, effects = _draws(BLOCK + 10, seed=6)
    dc, de = da.from_array(costs, chunks=(BLOCK, 4)), da.from_array(effects[:-1], chunks=(BLOCK, 4))
    with pytest.raises(
        ic.ValidationError, match=r"mismatched draw counts: costs has 32778 draws \(rows\), effects has 32777"
    ):
        ic.psa(dc, de, NAMES, threads=2, client=client)
    with pytest.raises(ic.ValidationError, match="expected a 2-D array"):
        ic.psa(da.from_array(costs[:, 0]), de, NAMES, threads=2, client=client)
    local = ic.psa(costs, effects, NAMES, threads=2)
    remote = ic.psa(costs, effects, NAMES, threads=2, client=client)
    assert _message(lambda: remote.ceac([1.0, np.inf])) == _message(lambda: local.ceac([1.0, np.inf]))
    assert _message(lambda: remote.rank_probabilities([np.nan])) == _message(lambda: local.rank_probabilities([np.nan]))
    # one net benefit past double's range (1e308 · 2; every other effect 0.5) in the second block's
    # draw of 'mentoring' is named by strategy and draw on the cluster as locally
    effects = np.full_like(effects, 0.5)
    effects[BLOCK + 3, 2] = 2.0
    local = ic.psa(costs, effects, NAMES, threads=2)
    remote = ic.psa(costs, effects, NAMES, threads=2, client=client)
    message = _message(lambda: remote.rank_probabilities([1e308]))
    assert message == _message(lambda: local.rank_probabilities([1e308]))
    assert f"non-finite net benefit for strategy 'mentoring' in draw {BLOCK + 3}" in message


def test_a_result_on_the_cluster_is_not_pickled(client):
    costs, effects = _draws(1000, seed=7)
    remote = ic.psa(costs, effects, NAMES, threads=2, client=client)
    with pytest.raises(TypeError, match="on a Dask cluster and cannot be pickled"):
        pickle.dumps(remote)
    # What the message says to do works: the draws brought here give a local result that pickles.
    back = ic.psa(remote.costs.compute(), remote.effects.compute(), remote.strategies, remote.reference)
    assert pickle.loads(pickle.dumps(back)) == back


def test_a_worker_killed_during_a_run_changes_nothing(client):
    costs, effects = _draws(24 * BLOCK, seed=8)
    grid = list(np.linspace(0.0, 4000.0, 40))
    local = ic.psa(costs, effects, NAMES, threads=2)
    expected = local.rank_probabilities(grid)
    remote = ic.psa(costs, effects, NAMES, threads=2, client=client)
    pids = client.run(os.getpid)
    got: dict = {}
    run = threading.Thread(target=lambda: got.update(r=remote.rank_probabilities(grid)))
    run.start()
    time.sleep(1.0)  # rank counts over 40 grid values (seconds): parts are running on both workers
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    run.join(timeout=300)
    assert not run.is_alive()
    pd.testing.assert_frame_equal(got["r"], expected, check_exact=True)
    client.wait_for_workers(2, timeout=60)
    # The draws held by the lost worker were not lost with it.
    pd.testing.assert_frame_equal(remote.ceac(GRID), local.ceac(GRID), check_exact=True)
