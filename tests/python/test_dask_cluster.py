"""On a real Dask cluster (two worker processes on loopback, started and stopped here): a
portfolio, one big simulation and EVPPI give the numbers of local threads, bit for bit, whatever
the members' order; a worker killed during the run changes nothing; a member with bad input
fails the run with its file and field named; the worker holding a big run's inputs or one of
its joins killed during the run changes nothing. Skipped where Dask is not installed
(pip install 'impactchain[dask]')."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'impactchain[dask]'")

import impactchain as ic  # noqa: E402
from impactchain.portfolio import PortfolioError, evaluate_portfolio  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "portfolio" / "portfolio.yaml"


def test_the_cluster_gives_the_numbers_of_local_threads(client):
    local = evaluate_portfolio(EXAMPLE, draws=2000, seed=21, threads=2)
    remote = evaluate_portfolio(EXAMPLE, draws=2000, seed=21, client=client)
    assert remote == local  # every table, bit for bit
    # The stream asked reaches the workers: stream 1 there as here, and not the default's numbers.
    old_local = evaluate_portfolio(EXAMPLE, draws=2000, seed=21, threads=2, stream_version=1)
    old_remote = evaluate_portfolio(EXAMPLE, draws=2000, seed=21, client=client, stream_version=1)
    assert old_remote == old_local and old_remote.stream_version == 1
    assert not old_remote.members["ratio_lower"].equals(remote.members["ratio_lower"])


def _many(tmp_path: Path, n: int, order_seed: int | None = None) -> Path:
    base = EXAMPLE.parent
    lines = [
        f"  - {{organisation: Org{i:02d}, period: 2024, model: {base.parent / 'handyman.yaml'}, group: g{i % 3}}}\n"
        for i in range(n)
    ]
    if order_seed is not None:
        random.Random(order_seed).shuffle(lines)
    p = tmp_path / f"many{order_seed}.yaml"
    p.write_text("name: many\ncurrency: EUR\nprice_year: 2024\nmembers:\n" + "".join(lines), encoding="utf-8")
    return p


def test_members_in_another_order_keep_their_numbers(client, tmp_path):
    a = evaluate_portfolio(_many(tmp_path, 8), draws=1000, seed=3, client=client)
    b = evaluate_portfolio(_many(tmp_path, 8, order_seed=5), draws=1000, seed=3, client=client)
    pd.testing.assert_frame_equal(
        a.members.set_index("member").sort_index(), b.members.set_index("member").sort_index(), check_exact=True
    )


def test_a_worker_killed_during_the_run_changes_nothing(own_client, tmp_path):
    client = own_client
    portfolio = _many(tmp_path, 16)
    expected = evaluate_portfolio(portfolio, draws=200_000, seed=8, threads=2)
    pids = client.run(os.getpid)
    got: dict = {}
    run = threading.Thread(
        target=lambda: got.update(r=evaluate_portfolio(portfolio, draws=200_000, seed=8, client=client))
    )
    run.start()
    time.sleep(0.5)  # members are running on both workers
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    run.join(timeout=300)
    assert not run.is_alive()
    assert got["r"] == expected


def test_bad_input_on_a_worker_names_the_member_and_field(client, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (EXAMPLE.parent.parent / "minimal.yaml").read_text(encoding="utf-8").replace("currency: EUR", "currency: GBP"),
        encoding="utf-8",
    )
    p = tmp_path / "p.yaml"
    p.write_text(
        f"name: p\ncurrency: EUR\nprice_year: 2024\nmembers:\n  - {{organisation: Bad, period: 2024, model: {bad}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(PortfolioError, match=r"member 'Bad/2024' .*in GBP, the portfolio in EUR: add fx"):
        evaluate_portfolio(p, draws=100, seed=1, client=client)


def test_one_big_simulation_on_the_cluster_equals_local_threads(client):
    model = ic.load(EXAMPLE.parent.parent / "handyman.yaml")
    # Exact quantiles (the outputs travel back) and a run of three segments (sketched quantiles,
    # the parts joined on the cluster).
    for draws in (5000, 3 * 1024 * 1024 + 7):
        local = ic.simulate(model, draws=draws, seed=12, threads=2)
        remote = ic.simulate(model, draws=draws, seed=12, threads=2, client=client)
        assert remote == local, draws
    # The stream travels with the options: the old stream on the cluster is the old stream here.
    local = ic.simulate(model, draws=5000, seed=12, threads=2, stream_version=1)
    remote = ic.simulate(model, draws=5000, seed=12, threads=2, client=client, stream_version=1)
    assert remote == local and remote.stream_version == 1
    assert remote != ic.simulate(model, draws=5000, seed=12, threads=2)


def test_kept_draws_stay_on_the_cluster_as_dask_arrays(client, tmp_path):
    import dataclasses

    import dask.array as da
    import numpy as np

    model = ic.load(EXAMPLE.parent.parent / "handyman.yaml")
    # Exact quantiles (one segment, its outputs travel for them) and two segments (sketched).
    for draws in (3000, 1024 * 1024 + 5000):
        kw = dict(draws=draws, seed=2, threads=2, keep_draws=True, keep_parameters=True)
        local = ic.simulate(model, **kw)
        remote = ic.simulate(model, client=client, **kw)
        assert remote.on_cluster and not local.on_cluster
        assert isinstance(remote.draws_array, da.Array) and isinstance(remote.parameters_array, da.Array)
        assert remote.draws_array.shape == local.draws_array.shape
        assert remote.parameters_array.shape == local.parameters_array.shape
        np.testing.assert_array_equal(remote.draws_array.compute(), local.draws_array)
        np.testing.assert_array_equal(remote.parameters_array.compute(), local.parameters_array)
        # Every summary is the local one, bit for bit.
        assert dataclasses.replace(remote, draws_array=None, parameters_array=None) == dataclasses.replace(
            local, draws_array=None, parameters_array=None
        )
        if draws == 3000:  # EVPPI asks for every draw: they come to the client
            assert remote.evppi() == local.evppi()
    # The draws written where they are, read back as they were.
    remote.draws_frame.to_parquet(tmp_path / "draws")
    back = pd.read_parquet(tmp_path / "draws")
    np.testing.assert_array_equal(back[list(local.draws_frame.columns)].to_numpy(), local.draws_array)
    import pickle

    with pytest.raises(TypeError, match="on a Dask cluster and cannot be pickled"):
        pickle.dumps(remote)
    # Without keep_draws nothing is kept anywhere.
    assert ic.simulate(model, draws=2000, seed=1, client=client).draws_array is None


def test_evppi_on_the_cluster_equals_local_threads(client):
    import numpy as np

    rng = np.random.default_rng(4)
    theta = pd.DataFrame(rng.normal(size=(5000, 19)), columns=[f"t{i}" for i in range(19)])
    nb = np.column_stack([np.zeros(5000), theta.iloc[:, :4].sum(axis=1) - 0.3])
    assert ic.evppi(nb, theta, threads=1, client=client) == ic.evppi(nb, theta, threads=2)


def test_rank_uncertainty_on_the_cluster_equals_local_threads(client):
    import numpy as np

    g = np.random.default_rng(6)
    X = g.normal(size=(40, 4))
    seg = ic._core.rank_segment_draws
    # Generated weights with method choices over three segments and a bit (the last one short),
    # then given weight draws over two segments.
    kw = dict(
        draws=3 * seg + 11,
        seed=17,
        top=[1, 5],
        treatments=["none", "coinr"],
        normalisations=["minmax", "rank"],
        aggregations=["arithmetic", "geometric"],
        minmax_range=(1, 100),  # the geometric mean needs positive values
    )
    local = ic.rank_uncertainty(X, [1, 1, 2, 0.5], threads=2, **kw)
    remote = ic.rank_uncertainty(X, [1, 1, 2, 0.5], threads=1, client=client, **kw)
    assert remote == local
    W = g.dirichlet(np.full(4, 5.0), size=seg + 300).T
    W /= W.sum(axis=0, keepdims=True)
    remote = ic.rank_uncertainty(X, W, top=[3], threads=1, client=client)
    assert remote == ic.rank_uncertainty(X, W, top=[3], threads=2)


def test_rank_uncertainty_bad_input_names_the_cell(client):
    import numpy as np

    X = np.random.default_rng(1).normal(size=(10, 3))
    X[4, 1] = np.nan
    with pytest.raises(ic.ValidationError, match=r"X\[4\]\[1\]: must be finite"):
        ic.rank_uncertainty(X, [1, 1, 1], draws=100, seed=1, client=client)
    # A unit is named by its label on a worker as locally, the core's field as the argument.
    import pandas as pd

    raw = pd.DataFrame({"vol": [12.0, 30, 8], "trust": [6.5, 7.2, 5.9]}, index=["Noord", "Zuid", "Oost"])
    kw = dict(draws=10, seed=1, normalisations=["zscore"], aggregations=["geometric"])
    with pytest.raises(ic.ValidationError) as remote:
        ic.rank_uncertainty(raw, [0.5, 0.5], client=client, **kw)
    with pytest.raises(ic.ValidationError) as local:
        ic.rank_uncertainty(raw, [0.5, 0.5], **kw)
    assert str(remote.value) == str(local.value)
    assert str(remote.value).startswith("aggregations: geometric aggregation after 'zscore' normalisation is undefined")
    assert "unit 'Noord', indicator 'vol'" in str(remote.value)
    assert remote.value.issues == local.value.issues


def _kill_the_holder(client, suffix: str, deadline: float = 300) -> None:
    """Waits until a worker holds the run's key ending in ``suffix``, then kills that worker's
    process (SIGKILL): the worker holding it, not either one."""
    pids = client.run(os.getpid)
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        held = [where for key, where in client.who_has().items() if str(key).endswith(suffix) and where]
        if held:
            os.kill(pids[held[0][0]], signal.SIGKILL)
            return
        time.sleep(0.005)
    raise AssertionError(f"no worker held a key ending in {suffix!r} within {deadline} s")


def _run_killing(client, run, suffix: str):
    """``run()`` on a thread, the worker holding the key ending in ``suffix`` killed during it:
    what it returns."""
    got: dict = {}
    thread = threading.Thread(target=lambda: got.update(r=run()))
    thread.start()
    _kill_the_holder(client, suffix)
    assert thread.is_alive(), "the run ended before the worker was killed: the test proves nothing"
    thread.join(timeout=600)
    assert not thread.is_alive()
    return got["r"]


def _ranks_case():
    import numpy as np

    X = np.random.default_rng(1).normal(size=(200, 6))
    kw = dict(draws=12 * ic._core.rank_segment_draws, seed=4, top=[10], threads=1)
    return X, kw, ic.rank_uncertainty(X, [1] * 6, **kw)


def test_the_worker_holding_the_inputs_killed_during_a_big_run_changes_nothing(own_client):
    # Scattered inputs could not be made again: Dask's memory manager keeps one copy, and its
    # loss cancelled the run ("already forgotten"). Held inputs are made again from their tasks.
    X, kw, expected = _ranks_case()
    got = _run_killing(own_client, lambda: ic.rank_uncertainty(X, [1] * 6, client=own_client, **kw), "-indicators")
    assert got == expected
    model = ic.load(EXAMPLE.parent.parent / "handyman.yaml")
    draws = 3 * 1024 * 1024 + 7
    local = ic.simulate(model, draws=draws, seed=12, threads=2)
    assert (
        _run_killing(
            own_client, lambda: ic.simulate(model, draws=draws, seed=12, threads=2, client=own_client), "-model"
        )
        == local
    )


def test_the_worker_holding_a_join_killed_during_a_big_run_changes_nothing(own_client):
    # 12 segments: join-1-0 joins parts 0-7 while parts 8-11 are still running.
    X, kw, expected = _ranks_case()
    got = _run_killing(own_client, lambda: ic.rank_uncertainty(X, [1] * 6, client=own_client, **kw), "-join-1-0")
    assert got == expected


def test_an_input_above_the_piece_size_travels_in_pieces_and_comes_back_whole(client, recwarn):
    import numpy as np

    from impactchain._dask_common import PIECE_BYTES, held, run_token

    x = np.arange(1_500_000, dtype=float)  # 12 MB: two pieces, each below Dask's 10 MB warning
    name = f"impactchain-test-{run_token()}"
    future = held(client, x, name)
    assert np.array_equal(future.result(), x)
    tasks = client.run_on_scheduler(lambda dask_scheduler: [str(k) for k in dask_scheduler.tasks])
    # 12,000,000 bytes and pickle's few header bytes, in pieces of PIECE_BYTES = 8,388,608.
    assert PIECE_BYTES == 8_388_608
    assert sorted(k for k in tasks if k.startswith(f"{name}-piece-")) == [f"{name}-piece-0", f"{name}-piece-1"]
    assert not [w for w in recwarn if "large graph" in str(w.message)]
    assert held(client, "tiny", f"{name}-small").result() == "tiny"


def test_members_in_blocks_keep_their_numbers_and_a_bad_one_is_named(client, tmp_path, monkeypatch):
    from impactchain import _portfolio_dask

    # 1,000 members on 2 workers go 16 to a task; 10 members one to a task; never 0.
    assert _portfolio_dask.block_size(1000, 2) == 16
    assert _portfolio_dask.block_size(10, 2) == 1
    assert _portfolio_dask.block_size(0, 0) == 1
    portfolio = _many(tmp_path, 12)
    one_each = evaluate_portfolio(portfolio, draws=1000, seed=4, client=client)
    monkeypatch.setattr(_portfolio_dask, "BLOCKS_PER_WORKER", 1)  # blocks of 6 members
    assert _portfolio_dask.block_size(12, 2) == 6
    assert evaluate_portfolio(portfolio, draws=1000, seed=4, client=client) == one_each
    # A member with bad input inside a block: the others of its block finish (keep_going).
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (EXAMPLE.parent.parent / "minimal.yaml").read_text(encoding="utf-8").replace("currency: EUR", "currency: GBP"),
        encoding="utf-8",
    )
    text = portfolio.read_text(encoding="utf-8")
    first = text.index("  - ", text.index("members:"))
    second = text.index("  - ", first + 1)
    mixed = tmp_path / "mixed.yaml"
    mixed.write_text(
        text[:second] + f"  - {{organisation: Bad, period: 2024, model: {bad}}}\n" + text[second:], encoding="utf-8"
    )
    r = evaluate_portfolio(mixed, draws=1000, seed=4, client=client, keep_going=True)
    assert list(r.failures["member"]) == ["Bad/2024"]
    assert "GBP" in r.failures["error"].iloc[0]
    pd.testing.assert_frame_equal(
        r.members.set_index("member").sort_index()[["present_value", "sroi_ratio"]],
        one_each.members.set_index("member").sort_index()[["present_value", "sroi_ratio"]],
        check_exact=True,
    )


def test_the_cli_local_cluster_listens_on_loopback_only():
    import argparse

    from impactchain._cli_portfolio import _client

    client, close = _client(argparse.Namespace(scheduler=None, local_cluster=1))
    try:
        info = client.scheduler_info()
        assert info["address"].startswith("tcp://127.0.0.1:")
        assert all(w.startswith("tcp://127.0.0.1:") for w in info["workers"])
        http = client.cluster.scheduler.http_server  # the scheduler's HTTP server (metrics, dashboard)
        bound = {sock.getsockname()[0] for sock in http._sockets.values()}
        assert bound == {"127.0.0.1"}
    finally:
        close()
