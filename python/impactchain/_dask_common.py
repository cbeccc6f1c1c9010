"""What every Dask run of impactchain shares (imported only when a run is given a client: the
package never imports Dask itself): how often a task lost with its worker is run again, and the
tree of tasks that joins adjacent parts of one run in order where they were computed, so that
one part of constant size travels to the client."""

from __future__ import annotations

import uuid
from typing import Any, Callable

#: How often Dask runs a task again after losing its worker.
RETRIES = 3
#: Parts joined per reduction task.
FAN_IN = 8


def run_token() -> str:
    """A key prefix for one run's tasks: never mistaken for another run's."""
    return uuid.uuid4().hex[:16]


def submit(client: Any, fn: Callable[..., Any], *args: Any, key: str) -> Any:
    """One task: impure (never shared with another run's) and retried on a lost worker."""
    return client.submit(fn, *args, key=key, pure=False, retries=RETRIES)


def join_in_order(client: Any, parts: list[Any], join: Callable[..., Any], name: str) -> Any:
    """The parts (futures, in order) joined by a tree of ``join`` tasks on the cluster, each
    joining up to FAN_IN adjacent parts in order; the one remaining part, gathered."""
    depth = 0
    while len(parts) > 1:
        depth += 1
        parts = [
            submit(client, join, *parts[i : i + FAN_IN], key=f"{name}-join-{depth}-{i}")
            for i in range(0, len(parts), FAN_IN)
        ]
    return parts[0].result()
