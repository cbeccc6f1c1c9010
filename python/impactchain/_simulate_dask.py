"""One Monte Carlo run across the workers of a ``dask.distributed`` cluster (imported only when
``simulate(..., client=)`` is given one: the package never imports Dask itself).

The run's blocks are cut into segments of ``segment_blocks`` blocks (1,048,576 draws); each
segment is one task, computed as a :class:`SimulationPart` (partial summaries that merge
exactly). The parts are joined where they were computed, in block order, by a tree of tasks, so
the client receives one part whose size does not grow with the draws (unless the draws are
kept), and merges it as a local run merges its blocks: the result is the local result, bit for
bit. A task lost with its worker is run again by Dask and gives the same part."""

from __future__ import annotations

from typing import Any

from impactchain import _core
from impactchain._dask_common import held, join_in_order, run_token, submit

_FIELDS = (
    "draws",
    "seed",
    "stream_version",
    "level",
    "keep_draws",
    "keep_parameters",
    "value_targets",
    "tornado_range",
    "sobol_draws",
    "switching_values",
    "ledger",
)
_VALUE_FIELDS = ("adjustments", "discount_first_year", "discount_investments", "drop_off_start", "long_duration_years")


def options_state(o: Any) -> dict[str, Any]:
    """The options as plain data, to travel to the workers (the progress hook stays here)."""
    state = {k: getattr(o, k) for k in _FIELDS}
    state["value"] = {k: getattr(o.value, k) for k in _VALUE_FIELDS}
    state["correlation"] = [(list(c.names), c.matrix.tolist()) for c in o.correlation]
    return state


def options_from(state: dict[str, Any], threads: int = 1) -> Any:
    """The options again, on a worker (``threads`` there: the numbers do not depend on it)."""
    import numpy as np

    o = _core.SimulateOptions()
    for k in _FIELDS:
        setattr(o, k, state[k])
    for k, v in state["value"].items():
        setattr(o.value, k, v)
    o.correlation = [_core.RankCorrelation(n, np.asarray(m, dtype=float)) for n, m in state["correlation"]]
    o.threads = threads
    return o


def _part(model: Any, state: dict[str, Any], first: int, blocks: int) -> Any:
    return _core.simulate_model_part(model, options_from(state), first, blocks)


def _join(*parts: Any) -> Any:
    return _core.join_parts(list(parts))  # the engine's own sketch accuracy, as simulate_model uses it


def _summaries(part: Any, exact: bool) -> Any:
    return part.without_kept(outputs=not exact, parameters=True)  # exact quantiles need the outputs


def _kept(part: Any, which: int, draws: int, width: int) -> Any:
    import numpy as np

    # The run keeps every output it summarises (the ledger's too); the result keeps the first ones.
    return np.ascontiguousarray(part.kept()[which].reshape(draws, -1)[:, :width])


def simulate_on_client(client: Any, model: Any, options: Any) -> tuple[Any, Any, Any]:
    """``simulate_model(model, options)`` with its draws computed on the cluster: the
    ModelSimulation and, when asked for, the kept outputs and parameters as Dask arrays (one chunk
    per segment, left on the workers; else None)."""
    state = options_state(options)
    n = _core.simulation_blocks(options.draws)
    seg = _core.segment_blocks
    name = f"impactchain-simulate-{run_token()}"
    remote_model = held(client, model, f"{name}-model")
    firsts = range(0, n, seg)
    parts = [submit(client, _part, remote_model, state, b, min(seg, n - b), key=f"{name}-part-{b}") for b in firsts]
    if not (options.keep_draws or options.keep_parameters):
        return _core.simulate_model_parts(model, options, [join_in_order(client, parts, _join, name)]), None, None
    # The summaries travel without the kept draws (the exact quantiles of a short run need its
    # outputs: they travel as they do without keep_draws); the draws stay where they were computed.
    exact = options.draws <= _core.exact_quantile_max_draws
    light = [submit(client, _summaries, p, exact, key=f"{name}-summaries-{b}") for p, b in zip(parts, firsts)]
    finish = options_from({**state, "keep_draws": False, "keep_parameters": False}, threads=options.threads)
    sim = _core.simulate_model_parts(model, finish, [join_in_order(client, light, _join, name)])
    bs = _core.simulation_block_draws
    sizes = [min(options.draws, (b + seg) * bs) - b * bs for b in firsts]
    outputs = len(sim.result.summaries)
    params = len(sim.result.parameter_names)
    kept = [
        _dask_array(client, parts, firsts, sizes, which, width, f"{name}-kept{which}") if flag else None
        for which, (flag, width) in enumerate(((options.keep_draws, outputs), (options.keep_parameters, params)))
    ]
    return sim, kept[0], kept[1]


def _dask_array(client: Any, parts: list[Any], firsts: Any, sizes: list[int], which: int, width: int, name: str) -> Any:
    import dask.array as da

    pieces = [
        da.from_delayed(submit(client, _kept, p, which, d, width, key=f"{name}-{b}"), shape=(d, width), dtype=float)
        for p, b, d in zip(parts, firsts, sizes)
    ]
    return da.concatenate(pieces, axis=0)
