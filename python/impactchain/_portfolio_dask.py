"""Portfolio members as tasks of a ``dask.distributed`` cluster (imported only when a client is
given: the package itself never imports Dask). Members go in blocks of consecutive members, one
pure task per block keyed by its first member's id and the run's settings: enough blocks to
keep every worker busy to the end (about eight per worker), few enough that the scheduler's
cost per task (milliseconds) stays small beside a member's work. A task lost with its worker
is run again by Dask, and since a member's numbers depend only on its files, the seed and its
id, the retry gives the same; so does any other cut into blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from impactchain._dask_common import run_token, submit

#: Most members in one task (a block), and blocks aimed at per worker.
BLOCK_MEMBERS = 16
BLOCKS_PER_WORKER = 8


def _task(members: Sequence[Any], footing: Any, draws: int, seed: int, stream_version: int) -> list[Any]:
    """Each member's result, or the PortfolioError that names its file and field (returned, not
    raised: the run reports it in its own words, not as a remote traceback)."""
    from impactchain._portfolio_definition import PortfolioError
    from impactchain._portfolio_member import evaluate_member

    out: list[Any] = []
    for member in members:
        try:
            out.append(evaluate_member(member, footing, draws, seed, stream_version))
        except PortfolioError as e:
            out.append(e)
    return out


def block_size(members: int, workers: int) -> int:
    """Members per task: BLOCKS_PER_WORKER blocks per worker, at most BLOCK_MEMBERS members each."""
    return max(1, min(BLOCK_MEMBERS, members // (BLOCKS_PER_WORKER * max(1, workers))))


def run_on_client(
    client: Any, members: Sequence[Any], footing: Any, draws: int, seed: int, stream_version: int
) -> list[Any]:
    """Every member's result (or its PortfolioError), in the members' order."""
    token = run_token()
    k = block_size(len(members), len(client.scheduler_info().get("workers", {})))
    blocks = [list(members[a : a + k]) for a in range(0, len(members), k)]
    futures = [
        submit(
            client,
            _task,
            b,
            footing,
            draws,
            seed,
            stream_version,
            key=f"impactchain-members-{b[0].id}-{len(b)}-{token}",
        )
        for b in blocks
    ]
    return [r for block in client.gather(futures) for r in block]
