"""``impactchain portfolio --scheduler`` when the Dask scheduler goes away during the run: one
line naming the scheduler (no Dask traceback, not "unexpected error"), exit code 1 and nothing
written; --debug still shows Dask's own words. A small LocalCluster in this process, on loopback,
started and closed here. Skipped where Dask is not installed (pip install 'impactchain[dask]')."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'impactchain[dask]'")
dask = pytest.importorskip("dask")

from impactchain import _portfolio_dask  # noqa: E402
from impactchain.cli import main  # noqa: E402
from portfolio_files import members, model_text  # noqa: E402


class _Records(logging.Handler):
    """What Dask's loggers let through to a handler (the command filters every handler)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _portfolio(tmp_path: Path) -> Path:
    for name in "ab":
        (tmp_path / f"{name}.yaml").write_text(model_text(name=name, currency="EUR", year=2024), encoding="utf-8")
    p = tmp_path / "p.yaml"
    p.write_text("name: t\ncurrency: EUR\nprice_year: 2024\nmembers:\n" + members("a.yaml", "b.yaml"), encoding="utf-8")
    return p


def _run_losing_the_scheduler(tmp_path: Path, monkeypatch, *extra: str) -> tuple[int, str, list[logging.LogRecord]]:
    """The command run against a cluster that is closed right after the run's first task is
    submitted; its exit code, the scheduler's address and what Dask logged."""
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    submit = _portfolio_dask.submit

    def submit_then_lose(client, fn, *args, key):
        future = submit(client, fn, *args, key=key)
        if cluster.status.name != "closed":
            cluster.close()  # the scheduler (and its worker) go away
        return future

    monkeypatch.setattr(_portfolio_dask, "submit", submit_then_lose)
    seen = _Records()
    logging.getLogger("distributed").addHandler(seen)
    try:
        address = cluster.scheduler_address
        out = str(tmp_path / "out")
        code = main(
            ["portfolio", str(_portfolio(tmp_path)), "--scheduler", address, "--draws", "100", "-o", out, *extra]
        )
    finally:
        logging.getLogger("distributed").removeHandler(seen)
        cluster.close()
    return code, address, seen.records


@pytest.fixture(autouse=True)
def _quick_reconnect():
    # Dask's client tries to reconnect for 30 s before it gives up; 2 s here.
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        yield


def test_a_lost_scheduler_is_one_line_and_nothing_is_written(tmp_path, monkeypatch, capfd):
    code, address, logged = _run_losing_the_scheduler(tmp_path, monkeypatch, "--quiet")
    err = capfd.readouterr().err
    assert code == 1
    assert err == (
        f"impactchain portfolio: the Dask scheduler at {address} was lost during the run; nothing was written: "
        "run again when the cluster is back\n"
    )
    assert not (tmp_path / "out").exists()
    assert not [r for r in logged if r.exc_info or r.levelno >= logging.ERROR]  # no Dask traceback or error


def test_debug_shows_what_dask_said(tmp_path, monkeypatch, capfd):
    code, _, logged = _run_losing_the_scheduler(tmp_path, monkeypatch, "--quiet", "--debug")
    assert code == 1
    assert "Traceback (most recent call last)" in capfd.readouterr().err
    assert [r for r in logged if r.levelno >= logging.ERROR]  # Dask's own error, let through
    assert not (tmp_path / "out").exists()


def test_a_scheduler_not_there_is_named(tmp_path, capfd):
    cluster = distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address="127.0.0.1:0"
    )
    address = cluster.scheduler_address
    cluster.close()
    code = main(
        ["portfolio", str(_portfolio(tmp_path)), "--scheduler", address, "-o", str(tmp_path / "out"), "--quiet"]
    )
    assert code == 1
    (line,) = capfd.readouterr().err.splitlines()
    assert line.startswith(f"impactchain portfolio: could not reach the Dask scheduler at {address}: ")
    assert not (tmp_path / "out").exists()


def test_a_scheduler_without_impactchain_is_named_and_a_members_error_is_its_own():
    from impactchain._cli_portfolio import dask_failure
    from impactchain.portfolio import PortfolioError

    said = dask_failure(RuntimeError("Error during deserialization of the task graph. This frequently"), "tcp://h:1")
    assert isinstance(said, ValueError) and str(said) == (
        "the Dask scheduler at tcp://h:1 could not read the run's tasks: the scheduler, as every worker, needs "
        "impactchain installed (Error during deserialization of the task graph. This frequently)"
    )
    assert dask_failure(PortfolioError("member 'a' (a.yaml): …"), "tcp://h:1") is None  # named by the member
    assert dask_failure(KeyError("x"), "tcp://h:1") is None  # anything else: as it is
