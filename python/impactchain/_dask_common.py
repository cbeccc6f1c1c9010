"""What every Dask run of impactchain shares (imported only when a run is given a client: the
package never imports Dask itself): how often a task lost with its worker is run again, how a
run's inputs reach the workers so that losing a worker loses nothing, and the tree of tasks that
joins adjacent parts of one run in order where they were computed, so that one part of constant
size travels to the client."""

from __future__ import annotations

import pickle
import uuid
from typing import Any, Callable

#: How often Dask runs a task again after losing its worker.
RETRIES = 3
#: Parts joined per reduction task.
FAN_IN = 8
#: Largest piece of a run's input held by one task: below Dask's warning on large graphs (10 MB).
PIECE_BYTES = 8 * 2**20


def run_token() -> str:
    """A key prefix for one run's tasks: never mistaken for another run's."""
    return uuid.uuid4().hex[:16]


def submit(client: Any, fn: Callable[..., Any], *args: Any, key: str) -> Any:
    """One task: impure (never shared with another run's) and retried on a lost worker."""
    return client.submit(fn, *args, key=key, pure=False, retries=RETRIES)


def as_is(value: Any) -> Any:
    """A task's value as it was given: data a task holds, so that the scheduler can make it again."""
    return value


def _loaded(*pieces: bytes) -> Any:
    return pickle.loads(b"".join(pieces))


def held(client: Any, value: Any, name: str) -> Any:
    """``value`` on the cluster as the result of tasks that hold it (a future).

    Not ``client.scatter``: the scheduler cannot make scattered data again, so a worker lost
    with the one copy (Dask's memory manager keeps one, ``broadcast=True`` or not) cancels every
    task of the run that needs it. A held value is made again from its tasks, as any lost result
    is. It travels pickled, in pieces of at most PIECE_BYTES, and is loaded by one task."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pieces = [
        submit(client, as_is, data[a : a + PIECE_BYTES], key=f"{name}-piece-{a // PIECE_BYTES}")
        for a in range(0, max(len(data), 1), PIECE_BYTES)
    ]
    return submit(client, _loaded, *pieces, key=name)


def join_in_order(client: Any, parts: list[Any], join: Callable[..., Any], name: str) -> Any:
    """The parts (futures, in order) joined by a tree of ``join`` tasks on the cluster, each
    joining up to FAN_IN adjacent parts in order; the one remaining part, gathered. Every level's
    futures are held until then: a join lost with its worker is made again from its parts, which
    the workers still hold, not from the whole run's segments."""
    levels = [parts]
    while len(levels[-1]) > 1:
        below = levels[-1]
        levels.append(
            [
                submit(client, join, *below[i : i + FAN_IN], key=f"{name}-join-{len(levels)}-{i}")
                for i in range(0, len(below), FAN_IN)
            ]
        )
    return levels[-1][0].result()
