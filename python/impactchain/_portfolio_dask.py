"""Portfolio members as tasks of a ``dask.distributed`` cluster (imported only when a client is
given: the package itself never imports Dask). Each member is one pure task keyed by the
member's id and the run's settings; a task lost with its worker is run again by Dask, and since
a member's numbers depend only on its files, the seed and its id, the retry gives the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from impactchain._dask_common import run_token, submit


def _task(member: Any, footing: Any, draws: int, seed: int) -> Any:
    """A member's result, or the PortfolioError that names its file and field (returned, not
    raised: the run reports it in its own words, not as a remote traceback)."""
    from impactchain.portfolio import PortfolioError, evaluate_member

    try:
        return evaluate_member(member, footing, draws, seed)
    except PortfolioError as e:
        return e


def run_on_client(client: Any, members: Sequence[Any], footing: Any, draws: int, seed: int) -> list[Any]:
    """Every member's result (or its PortfolioError), in the members' order."""
    token = run_token()
    futures = [
        submit(client, _task, m, footing, draws, seed, key=f"impactchain-member-{m.id}-{token}") for m in members
    ]
    return list(client.gather(futures))
