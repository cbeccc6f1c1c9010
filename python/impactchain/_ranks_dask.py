"""Composite rank uncertainty across the workers of a ``dask.distributed`` cluster (imported
only when ``rank_uncertainty(..., client=)`` is given one).

The draws are cut into segments of ``_core.rank_segment_draws`` (65,536); each segment is one
task, computed as a :class:`RankUncertaintyPart`: integer histograms of ranks and scores, top-k
counts and extremes (which add up in any order) and the segment's score and weight sums. The
parts are joined on the cluster in draw order and the client finishes the run from the one part
it receives, as a local run finishes from its segments: the result is the local result, bit for
bit. The indicators (and given weight draws) are held by tasks of the run
(``_dask_common.held``): a worker lost with them loses nothing."""

from __future__ import annotations

from typing import Any

import numpy as np

from impactchain import _core
from impactchain._dask_common import held, join_in_order, run_token, submit
from impactchain._uncertainty_ranks import rank_options


def _part(X: np.ndarray, W: np.ndarray, given: bool, spec: dict[str, Any], first: int, draws: int) -> Any:
    return _core.rank_uncertainty_part(X, W, given=given, options=rank_options(spec), first_draw=first, draws=draws)


def _join(*parts: Any) -> Any:
    return _core.join_rank_uncertainty_parts(list(parts))


def ranks_on_client(client: Any, X: np.ndarray, W: np.ndarray, given: bool, spec: dict[str, Any]) -> Any:
    """``_core.rank_uncertainty(X, W, given=given, options=...)`` with its draws computed on the
    cluster (a RankUncertaintyResult). Bad input is refused here, before any task runs."""
    options = rank_options(spec)
    total = W.shape[1] if given else spec["draws"]
    seg = _core.rank_segment_draws
    # Validation (and the cheap first segment's setup) on the client: errors name the field, not a task.
    _core.rank_uncertainty_part(X, W, given=given, options=options, first_draw=0, draws=0)
    name = f"impactchain-ranks-{run_token()}"
    rX, rW = held(client, X, f"{name}-indicators"), held(client, W, f"{name}-weights")
    parts = [
        submit(client, _part, rX, rW, given, spec, a, min(seg, total - a), key=f"{name}-part-{a}")
        for a in range(0, total, seg)
    ]
    part = join_in_order(client, parts, _join, name)
    return _core.rank_uncertainty_from_parts(X, W, given=given, options=options, parts=[part])
