"""A probabilistic comparison whose draws stay on the workers of a ``dask.distributed`` cluster
(imported only when ``psa(..., client=)`` is given one: the package never imports Dask itself).

The draws are held on the workers as Dask arrays whose row chunks are whole multiples of the
PSA's block (``_core.psa_block_draws``, 32,768 draws) but the last, with every strategy in one
chunk. Each number is computed by one task per chunk returning the per-block partial results of
its blocks (psa_parts.hpp), joined on the cluster in block order by a tree of tasks; the client
folds the one part it receives as a local run folds its blocks: the local numbers, bit for bit.
What travels back grows with the number of blocks (blocks x strategies x grid), never with the
draws. A task lost with its worker is run again by Dask and gives the same part."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._compare_common import _error
from impactchain._dask_common import as_is, join_in_order, run_token, submit

#: Most blocks in one chunk when the draws are cut here (numpy input, or Dask chunks that do not
#: fall on block boundaries): 262,144 draws ...
PART_BLOCKS = 8
#: ... and at most 8 MB of one array: a chunk sent from here travels in its task, below Dask's
#: large-graph warning (10 MB) unless one block of 32,768 draws is larger (over 32 strategies).
PART_BYTES = 8 * 2**20


def is_dask_array(x: Any) -> bool:
    """A Dask array (told without importing Dask)."""
    return hasattr(x, "__dask_graph__") and hasattr(x, "chunks") and hasattr(x, "ndim")


def dask_draws(x: Any, what: str) -> Any:
    """A Dask array of draws as float64, checked as psa() checks a numpy array (nothing computed)."""
    if x.ndim != 2:
        raise _error(f"psa.{what}: expected a 2-D array (draws × strategies), got {x.ndim}-D")
    if any(math.isnan(n) for n in x.shape):
        raise _error(f"psa.{what}: the Dask array's chunk sizes are unknown: call .compute_chunk_sizes() on it first")
    if not (np.issubdtype(x.dtype, np.number) or np.issubdtype(x.dtype, np.bool_)):
        raise _error(f"psa.{what}: could not convert the values to numbers")
    return x.astype(np.float64) if x.dtype != np.float64 else x


def _rows(x: Any) -> np.ndarray:
    return np.ascontiguousarray(x, dtype=np.float64)


def _sums(c: Any, e: Any, first_block: int) -> Any:
    return _core.psa_sums_part(_rows(c), _rows(e), first_block=first_block)


def _squares(c: Any, e: Any, first_block: int, mean_cost: list[float], mean_effect: list[float]) -> Any:
    return _core.psa_squares_part(
        _rows(c), _rows(e), first_block=first_block, mean_cost=mean_cost, mean_effect=mean_effect
    )


def _acceptability(c: Any, e: Any, first_block: int, wtp: list[float]) -> Any:
    return _core.acceptability_part(_rows(c), _rows(e), wtp, first_block=first_block)


def _ranks(c: Any, e: Any, first_block: int, wtp: list[float]) -> Any:
    return _core.rank_probabilities_part(_rows(c), _rows(e), wtp, first_block=first_block)


def _join(*parts: Any) -> Any:
    return _core.join_psa_parts(list(parts))


def _plane(c: Any, e: Any, first_draw: int, row: int, reference: int, j: int, name: str) -> pd.DataFrame:
    """Rows of the CE plane of strategy j for one chunk of draws (index: the row of the local table)."""
    c, e = _rows(c), _rows(e)
    n = c.shape[0]
    return pd.DataFrame(
        {
            "draw": np.arange(first_draw, first_draw + n),
            "strategy": np.repeat(np.asarray([name], dtype=object), n),
            "inc_effect": e[:, j] - e[:, reference],
            "inc_cost": c[:, j] - c[:, reference],
        },
        index=pd.RangeIndex(row, row + n),
    )


def _aligned_rows(chunks: tuple[int, ...], block: int) -> bool:
    return all(n % block == 0 for n in chunks[:-1])


class ClusterDraws:
    """The draws of one comparison on the workers, and the numbers computed from them there."""

    def __init__(self, client: Any, costs: Any, effects: Any) -> None:
        import dask.array as da
        from distributed import futures_of

        block = _core.psa_block_draws
        costs, effects = (x if is_dask_array(x) else self._sent(client, x) for x in (costs, effects))
        costs, effects = costs.rechunk({1: -1}), effects.rechunk({1: -1})
        if costs.chunks[0] != effects.chunks[0] or not _aligned_rows(costs.chunks[0], block):
            rows = block * self._part_blocks(client, costs.shape[0], costs.shape[1])
            costs, effects = costs.rechunk({0: rows}), effects.rechunk({0: rows})
        self.client = client
        self.costs: da.Array = client.persist(costs)
        self.effects: da.Array = client.persist(effects)
        held = {f.key: f for f in futures_of(self.costs) + futures_of(self.effects)}
        firsts = np.cumsum((0,) + self.costs.chunks[0][:-1])
        self.first_draws = [int(a) for a in firsts]
        self.chunks = [
            (held[c[0]], held[e[0]], a // block)
            for c, e, a in zip(self.costs.__dask_keys__(), self.effects.__dask_keys__(), self.first_draws)
        ]

    @staticmethod
    def _part_blocks(client: Any, draws: int, strategies: int) -> int:
        """Blocks per chunk: two chunks per worker, each at most PART_BLOCKS blocks and PART_BYTES."""
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        blocks = -(-draws // _core.psa_block_draws)
        most = min(PART_BLOCKS, PART_BYTES // (_core.psa_block_draws * 8 * max(strategies, 1)))
        return max(1, min(most, -(-blocks // (2 * workers))))

    @classmethod
    def _sent(cls, client: Any, x: np.ndarray) -> Any:
        """A numpy array sent to the workers in chunks of whole blocks (tasks that hold them, so that
        the scheduler can make a chunk again when its worker is lost), as a Dask array of them."""
        import dask.array as da

        rows = _core.psa_block_draws * cls._part_blocks(client, x.shape[0], x.shape[1])
        token = run_token()
        pieces = [x[a : a + rows] for a in range(0, max(x.shape[0], 1), rows)]
        held = [submit(client, as_is, p, key=f"impactchain-psa-draws-{token}-{k}") for k, p in enumerate(pieces)]
        return da.concatenate(
            [da.from_delayed(f, shape=p.shape, dtype=np.float64) for f, p in zip(held, pieces)], axis=0
        )

    def _run(self, name: str, fn: Any, *args: Any) -> Any:
        """One task per chunk, the parts joined on the cluster in block order: the one part."""
        key = f"impactchain-psa-{name}-{run_token()}"
        parts = [submit(self.client, fn, c, e, b, *args, key=f"{key}-part-{b}") for c, e, b in self.chunks]
        return join_in_order(self.client, parts, _join, key)

    def summary(self, names: list[str]) -> Any:
        """psa_summary of the draws (a non-finite draw raised as locally, naming the draw and strategy)."""
        means = _core.psa_means_from_parts([self._run("sums", _sums)], strategies=names)
        squares = self._run("squares", _squares, list(means.mean_cost), list(means.mean_effect))
        return _core.psa_summary_from_parts(means, [squares])

    def _empty(self) -> tuple[np.ndarray, np.ndarray]:
        empty = np.empty((0, self.costs.shape[1]))
        return empty, empty

    def acceptability(self, summary: Any, wtp: list[float]) -> Any:
        """acceptability() on grid wtp; a bad grid is refused here, before any task runs."""
        _core.acceptability_part(*self._empty(), wtp, first_block=0)
        return _core.acceptability_from_parts(summary, wtp, [self._run("acceptability", _acceptability, wtp)])

    def rank_probabilities(self, wtp: list[float], names: list[str]) -> np.ndarray:
        """Rank probabilities at each wtp of the grid, shape (wtp, strategies, ranks); a non-finite
        net benefit is raised naming the strategy by its name in ``names``."""
        _core.rank_probabilities_part(*self._empty(), wtp, first_block=0)
        return _core.rank_probabilities_from_parts([self._run("ranks", _ranks, wtp)], wtp, strategies=names)

    def ce_plane(self, reference: int, names: tuple[str, ...]) -> Any:
        """The CE plane as a Dask DataFrame in the local table's row order, computed on the workers."""
        import dask
        import dask.dataframe as dd

        n = self.costs.shape[0]
        keep = [j for j in range(len(names)) if j != reference]
        cs, es = self.costs.to_delayed().ravel(), self.effects.to_delayed().ravel()
        plane = dask.delayed(_plane, pure=True)
        frames = [
            plane(c, e, a, k * n + a, reference, j, names[j])
            for k, j in enumerate(keep)
            for c, e, a in zip(cs, es, self.first_draws)
        ]
        one = np.zeros((1, len(names)))  # a row, so that pandas picks the dtypes it picks for the partitions
        meta = _plane(one, one, 0, 0, reference, keep[0], names[keep[0]]).iloc[:0]
        return dd.from_delayed(frames, meta=meta)
