"""Probabilistic comparison from draws (PSA): acceptability curves and frontier, EVPI,
probability best, EIB, ICERs against a reference, rank probabilities, cost-effectiveness
plane. Conventions follow BCEA (NMB = k·E − C, EIB, CEAC, EVPI) and dampack.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional, cast

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_threads
from impactchain._compare_common import _columns, _error, _names, _no_columns_without_frame, _opt, _wtp
from impactchain._compare_icers import icers
from impactchain._defaults import pick
from impactchain._notice import notice
from impactchain._result import Frozen, Result, SummaryAccess, json_ready, public
from impactchain._summary import Section


def _draws(x: Any, what: str) -> tuple[np.ndarray, list[str] | None]:
    cols = None
    if isinstance(x, pd.DataFrame):
        cols = [str(c) for c in x.columns]
        bad = [str(c) for c in x.columns if not pd.api.types.is_numeric_dtype(x[c])]
        if bad:
            raise _error(f"psa.{what}: columns {bad} are not numeric")
        x = x.to_numpy(dtype=float)
    if isinstance(x, (str, bytes)):
        raise ArgumentError(f"{what} must be a 2-D array (draws × strategies), got {type(x).__name__}")
    arr = np.asarray(x)
    if arr.dtype != np.float64:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise _error(f"psa.{what}: could not convert the values to numbers") from None
    if arr.ndim != 2:
        raise _error(f"psa.{what}: expected a 2-D array (draws × strategies), got {arr.ndim}-D")
    return np.ascontiguousarray(arr), cols


def _draws_for(x: Any, what: str, client: Any) -> tuple[Any, list[str] | None]:
    """Draws as _draws reads them; a Dask array given with a client stays one (nothing computed)."""
    if client is not None and hasattr(x, "__dask_graph__") and hasattr(x, "chunks"):
        from impactchain._psa_dask import dask_draws

        return dask_draws(x, what), None
    return _draws(x, what)


@public
class PsaResult(Frozen, Result):
    """Draws-based comparison of strategies; build with :func:`psa`.

    The draws are held, not copied (C-contiguous float64 input). Each method takes
    ``wtp`` (money per unit of effect) as a number or an array. ``table`` is the mean
    and SD of cost and effect per strategy; ``summary()`` the :class:`Summary`.

    From ``psa(..., client=)`` the draws stay on the cluster (``on_cluster``): ``costs`` and
    ``effects`` are Dask arrays, every number is computed there (the local numbers, bit for
    bit), ``ce_plane()`` is a Dask DataFrame, and such a result cannot be pickled.
    """

    _title = "Probabilistic comparison (PSA)"
    _costs: np.ndarray
    _effects: np.ndarray
    _strategies: tuple[str, ...]
    _reference: int
    _assumptions: tuple[str, ...]
    _threads: int
    _summary: Any  # the core's per-strategy means and SDs
    _cache: dict[bytes, Any]
    _cluster: Any  # None, or the _psa_dask.ClusterDraws the draws are held in

    def __init__(
        self,
        costs: np.ndarray,
        effects: np.ndarray,
        strategies: Sequence[str],
        reference: int,
        assumptions: Sequence[str],
        threads: int,
    ) -> None:
        self._restore(
            {
                "costs": costs,
                "effects": effects,
                "strategies": strategies,
                "reference": reference,
                "assumptions": assumptions,
                "threads": threads,
            }
        )

    @classmethod
    def _on_cluster(
        cls, cluster: Any, strategies: Sequence[str], reference: int, assumptions: Sequence[str], threads: int
    ) -> PsaResult:
        """The result of draws held on a cluster (``_psa_dask.ClusterDraws``): summarised there."""
        r = cls.__new__(cls)
        state = {"costs": cluster.costs, "effects": cluster.effects, "strategies": strategies}
        r._set({**state, "reference": reference, "assumptions": assumptions, "threads": threads}, cluster)
        return r

    def _state(self) -> dict[str, Any]:
        if self._cluster is not None:  # the same draws on the cluster: the same Dask arrays
            held = (("costs", cast(Any, self._costs)), ("effects", cast(Any, self._effects)))  # Dask arrays
            draws = {k: ("dask", a.name, a.shape) for k, a in held}
            rest = {k: getattr(self, f"_{k}") for k in ("strategies", "reference", "assumptions", "threads")}
            return {**draws, **rest}
        return {
            "costs": self._costs,
            "effects": self._effects,
            "strategies": self._strategies,
            "reference": self._reference,
            "assumptions": self._assumptions,
            "threads": self._threads,
        }

    def _restore(self, state: dict[str, Any]) -> None:
        self._set(state, None)

    def _set(self, state: dict[str, Any], cluster: Any) -> None:
        put = object.__setattr__
        put(self, "_costs", state["costs"])
        put(self, "_effects", state["effects"])
        put(self, "_strategies", tuple(state["strategies"]))
        put(self, "_reference", int(state["reference"]))
        put(self, "_assumptions", tuple(state["assumptions"]))
        put(self, "_threads", int(state["threads"]))
        put(self, "_cluster", cluster)
        if cluster is not None:
            put(self, "_summary", cluster.summary(list(self._strategies)))
        else:
            put(
                self,
                "_summary",
                _core.psa_summary(self._costs, self._effects, strategies=list(self._strategies), threads=self._threads),
            )
        put(self, "_cache", {})

    def __getstate__(self) -> dict[str, Any]:
        if self._cluster is not None:
            raise TypeError(
                "this comparison's draws are on a Dask cluster and cannot be pickled: bring them here with "
                "ic.psa(r.costs.compute(), r.effects.compute(), r.strategies, r.reference) first"
            )
        return super().__getstate__()

    # read-only attributes
    @property
    def strategies(self) -> tuple[str, ...]:
        return self._strategies

    @property
    def reference(self) -> str:
        return self._strategies[self._reference]

    @property
    def draws(self) -> int:
        return int(self._summary.draws)

    @property
    def on_cluster(self) -> bool:
        """True when the draws are Dask arrays left on the cluster (``psa(..., client=)``)."""
        return self._cluster is not None

    @property
    def costs(self) -> Any:
        """Cost draws (draws × strategies), read-only; a Dask array on the workers when ``on_cluster``."""
        if self._cluster is not None:
            return self._costs
        v = self._costs.view()
        v.flags.writeable = False
        return v

    @property
    def effects(self) -> Any:
        """Effect draws (draws × strategies), read-only; a Dask array on the workers when ``on_cluster``."""
        if self._cluster is not None:
            return self._effects
        v = self._effects.view()
        v.flags.writeable = False
        return v

    @property
    def assumptions(self) -> tuple[str, ...]:
        """Choices the caller did not make explicitly (e.g. the default reference)."""
        return self._assumptions

    def _table(self) -> pd.DataFrame:
        """Mean and SD of cost and effect per strategy (index ``strategy``)."""
        s = self._summary
        return pd.DataFrame(
            {"mean_cost": s.mean_cost, "sd_cost": s.sd_cost, "mean_effect": s.mean_effect, "sd_effect": s.sd_effect},
            index=pd.Index(self._strategies, name="strategy"),
        )

    @property
    def summary(self) -> SummaryAccess:
        """Call it: ``r.summary()`` is the :class:`Summary`. Reading a DataFrame attribute from
        ``r.summary`` (the property of earlier releases) warns; that table is ``r.table``."""
        return SummaryAccess(lambda: Result.summary(self), self._table, "PsaResult")

    def _sections(self) -> list[Section]:
        return [
            Section(
                "Draws",
                rows=[("strategies", len(self._strategies)), ("draws", self.draws), ("reference", self.reference)],
            ),
            Section("Mean cost and effect", table=self._table()),
            Section(f"Against the reference ({self.reference})", table=self.icer.set_index("strategy")),
        ]

    @property
    def icer(self) -> pd.DataFrame:
        """Each strategy against the reference on means: ICER = ΔC̄ / ΔĒ (BCEA's convention).

        ``status``: reference, NE (costlier, more effective), SE (dominant), NW
        (dominated), SW (cheaper, less effective) or "undefined: ..." when the mean
        effects are equal (ICER NaN, never a division by zero).
        """
        rows = _core.versus_reference(self._summary, self._reference)
        return pd.DataFrame(
            [(self._strategies[i], r.inc_cost, r.inc_effect, _opt(r.icer), r.status) for i, r in enumerate(rows)],
            columns=["strategy", "inc_cost", "inc_effect", "icer", "status"],
        )

    def icers(self) -> pd.DataFrame:
        """dampack-style ICER table on the mean cost and effect of each strategy."""
        s = self._summary
        return icers(self._strategies, s.mean_cost, s.mean_effect)

    def _acc(self, wtp: Any) -> tuple[Any, bool]:
        grid, scalar = _wtp(wtp)
        key = np.asarray(grid).tobytes()
        if key not in self._cache:
            if len(self._cache) > 8:
                self._cache.clear()
            if self._cluster is not None:
                self._cache[key] = self._cluster.acceptability(self._summary, grid)
            else:
                self._cache[key] = _core.acceptability(
                    self._costs, self._effects, grid, summary=self._summary, threads=self._threads
                )
        return self._cache[key], scalar

    def ceac(self, wtp: Any) -> pd.DataFrame:
        """Acceptability curves in dampack's long form: wtp, strategy, proportion, on_frontier.

        ``proportion`` = share of draws in which the strategy has the highest NMB (ties
        go to the first strategy); ``on_frontier`` marks the strategy with the highest
        expected NMB (the acceptability frontier, CEAF).
        """
        a, _ = self._acc(wtp)
        w = np.asarray(a.wtp)
        S = len(self._strategies)
        opt = np.asarray(a.optimal)
        return pd.DataFrame(
            {
                "wtp": np.repeat(w, S),
                "strategy": np.tile(np.asarray(self._strategies, dtype=object), len(w)),
                "proportion": np.asarray(a.ceac).ravel(),
                "on_frontier": (np.tile(np.arange(S), len(w)) == np.repeat(opt, S)),
            }
        )

    def prob_best(self, wtp: Any) -> pd.DataFrame | pd.Series:
        """Probability each strategy is best (highest NMB): a Series for one wtp, else wtp × strategy."""
        a, scalar = self._acc(wtp)
        df = pd.DataFrame(
            np.asarray(a.ceac), index=pd.Index(a.wtp, name="wtp"), columns=pd.Index(self._strategies, name="strategy")
        )
        return df.iloc[0] if scalar else df

    def frontier(self, wtp: Any) -> pd.DataFrame:
        """Acceptability frontier (CEAF): wtp, optimal strategy (max expected NMB), its probability best."""
        a, _ = self._acc(wtp)
        return pd.DataFrame(
            {
                "wtp": np.asarray(a.wtp),
                "strategy": [self._strategies[i] for i in a.optimal],
                "probability": np.asarray(a.frontier_probability),
                "expected_nmb": np.asarray(a.expected_nmb)[np.arange(len(a.optimal)), np.asarray(a.optimal, dtype=int)],
            }
        )

    def evpi(self, wtp: Any) -> float | pd.Series:
        """EVPI(k) = E[max_j NMB_j] − max_j E[NMB_j] per decision (per unit of the draws)."""
        a, scalar = self._acc(wtp)
        s = pd.Series(np.asarray(a.evpi), index=pd.Index(a.wtp, name="wtp"), name="evpi")
        return float(s.iloc[0]) if scalar else s

    def evppi(
        self,
        parameters: Any,
        wtp: float,
        *,
        groups: Optional[Mapping[str, Sequence[str]]] = None,
        method: Optional[str] = None,
    ) -> Any:
        """EVPPI of the choice among the strategies at willingness to pay ``wtp`` (net monetary
        benefit wtp·effect − cost), for the ``parameters`` of the same draws (draws x parameters):
        :func:`impactchain.evppi` (docs/voi.md). The regression needs every draw in one place: when
        ``on_cluster``, the net benefit (draws × strategies) is computed there and brought here."""
        from impactchain.voi import evppi

        if not (isinstance(wtp, (int, float)) and np.isfinite(wtp) and wtp >= 0):
            raise ValueError(f"wtp must be one number >= 0, got {wtp!r}")
        nb = float(wtp) * self._effects - self._costs
        if self._cluster is not None:
            nb = nb.compute()
        return evppi(nb, parameters, groups, method, strategies=list(self._strategies))

    def expected_nmb(self, wtp: Any) -> pd.DataFrame | pd.Series:
        """Mean NMB k·E − C per strategy."""
        a, scalar = self._acc(wtp)
        df = pd.DataFrame(
            np.asarray(a.expected_nmb),
            index=pd.Index(a.wtp, name="wtp"),
            columns=pd.Index(self._strategies, name="strategy"),
        )
        return df.iloc[0] if scalar else df

    def eib(self, wtp: Any) -> pd.DataFrame | pd.Series:
        """Expected incremental benefit E[NMB_j] − E[NMB_reference] (BCEA's EIB)."""
        grid, scalar = _wtp(wtp)
        m = _core.expected_incremental_benefit(self._summary, self._reference, grid)
        df = pd.DataFrame(m, index=pd.Index(grid, name="wtp"), columns=pd.Index(self._strategies, name="strategy"))
        return df.iloc[0] if scalar else df

    def rank_probabilities(self, wtp: Any) -> pd.DataFrame:
        """Probability of each rank (1 = highest NMB); strategies × ranks for one wtp,
        long form (wtp, strategy, rank, probability) for several."""
        grid, scalar = _wtp(wtp)
        if self._cluster is not None:
            mats = list(self._cluster.rank_probabilities(grid))
        else:
            mats = [_core.rank_probabilities(self._costs, self._effects, k, threads=self._threads) for k in grid]
        ranks = pd.Index(range(1, len(self._strategies) + 1), name="rank")
        idx = pd.Index(self._strategies, name="strategy")
        if scalar:
            return pd.DataFrame(mats[0], index=idx, columns=ranks)
        parts = []
        for k, m in zip(grid, mats):
            long = cast(pd.Series, pd.DataFrame(m, index=idx, columns=ranks).stack())  # one column level: a Series
            d = long.rename("probability").reset_index()
            d.insert(0, "wtp", k)
            parts.append(d)
        return pd.concat(parts, ignore_index=True)

    def ce_plane(self) -> Any:
        """Cost-effectiveness plane: per draw, ΔE and ΔC of each strategy against the reference.
        When ``on_cluster``, a Dask DataFrame of the same rows, computed on the workers when asked
        (``.compute()`` brings every draw here)."""
        r = self._reference
        if self._cluster is not None:
            return self._cluster.ce_plane(r, self._strategies)
        de = self._effects - self._effects[:, [r]]
        dc = self._costs - self._costs[:, [r]]
        keep = [j for j in range(len(self._strategies)) if j != r]
        n = self.draws
        return pd.DataFrame(
            {
                "draw": np.tile(np.arange(n), len(keep)),
                "strategy": np.repeat(np.asarray([self._strategies[j] for j in keep], dtype=object), n),
                "inc_effect": np.concatenate([de[:, j] for j in keep]),
                "inc_cost": np.concatenate([dc[:, j] for j in keep]),
            }
        )

    def to_dict(self, wtp: Any = None) -> dict[str, Any]:
        """Plain dicts/lists (JSON-ready). With ``wtp``, acceptability, EVPI and EIB on it."""
        s = self._summary
        out: dict[str, Any] = {
            "strategies": list(self._strategies),
            "reference": self.reference,
            "draws": self.draws,
            "mean_cost": list(map(float, s.mean_cost)),
            "mean_effect": list(map(float, s.mean_effect)),
            "icer": self.icer,
            "icers": self.icers(),
            "assumptions": list(self._assumptions),
        }
        if wtp is not None:
            a, _ = self._acc(wtp)
            out["wtp"] = list(map(float, a.wtp))
            out["ceac"] = {n: list(map(float, np.asarray(a.ceac)[:, j])) for j, n in enumerate(self._strategies)}
            out["frontier"] = [self._strategies[i] for i in a.optimal]
            out["evpi"] = list(map(float, a.evpi))
            eib = self.eib(list(a.wtp))
            out["eib"] = {n: list(map(float, eib[n])) for n in self._strategies}
        return {"type": type(self).__name__, "version": self._version, **json_ready(out)}

    def __repr__(self) -> str:
        return f"<PsaResult strategies={list(self._strategies)!r} draws={self.draws:,} reference={self.reference!r}>"


def _plain(v: Any) -> Any:
    """A numpy scalar as the Python number it holds (for messages)."""
    return v.item() if isinstance(v, np.generic) else v


def _long(
    df: pd.DataFrame, strategy: str | None, cost: str | None, effect: str | None, draw: str | None
) -> tuple[np.ndarray, np.ndarray, list[str], str]:
    """Wide costs and effects (draws × strategies) from a long DataFrame: one row per draw and
    strategy. Strategies in order of first appearance, draws in order of their ids."""
    cols = _columns(
        df, "psa", strategy=strategy or "strategy", cost=cost or "cost", effect=effect or "effect", draw=draw or "draw"
    )
    key = pd.DataFrame({"draw": cols["draw"].to_numpy(), "strategy": cols["strategy"].astype(str).to_numpy()})
    dup = key.duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise _error(
            f"psa: row {i} repeats draw {_plain(key['draw'].iloc[i])!r} of strategy '{key['strategy'].iloc[i]}'"
        )
    names = list(dict.fromkeys(key["strategy"]))
    frame = pd.DataFrame(
        {
            "draw": key["draw"],
            "strategy": key["strategy"],
            "cost": cols["cost"].to_numpy(),
            "effect": cols["effect"].to_numpy(),
        }
    )
    wide_c = frame.pivot(index="draw", columns="strategy", values="cost").reindex(columns=names)
    wide_e = frame.pivot(index="draw", columns="strategy", values="effect").reindex(columns=names)
    if len(frame) != wide_c.size:
        present = set(zip(key["draw"], key["strategy"]))
        d, sname = next((d, n) for d in wide_c.index for n in names if (d, n) not in present)
        raise _error(f"psa: draw {_plain(d)!r} has no row for strategy '{sname}' (every draw needs every strategy)")
    note = (
        f"long format: strategies from column '{strategy or 'strategy'}' in order of first appearance, "
        f"{len(wide_c)} draws from column '{draw or 'draw'}'"
    )
    return (
        np.ascontiguousarray(wide_c.to_numpy(dtype=float)),
        np.ascontiguousarray(wide_e.to_numpy(dtype=float)),
        names,
        note,
    )


def psa(
    costs: Any = None,
    effects: Any = None,
    strategies: Sequence[Any] | None = None,
    reference: Any = None,
    *,
    threads: int | None = None,
    strategy: str | None = None,
    cost: str | None = None,
    effect: str | None = None,
    draw: str | None = None,
    client: Any = None,
) -> PsaResult:
    """Comparison from draws (e.g. someone else's simulation): arrays draws × strategies.

    ``psa(costs, effects, strategies, reference=...)`` (positional or as keywords), or
    ``psa(df, reference=...)``: a long DataFrame with one row per draw and strategy and columns
    ``strategy``, ``cost``, ``effect`` and ``draw`` (the draw id; other names with
    ``strategy=``, ``cost=``, ``effect=``, ``draw=``).

    Parameters
    ----------
    costs, effects : array-like or DataFrame, shape (draws, strategies)
        Same shape, finite. C-contiguous float64 arrays are used without a copy.
        (A DataFrame given alone is read as the long format above.)
    strategies : list of str, optional
        Column names; from the DataFrame columns when omitted, else ``Strategy_1`` …
        (recorded in ``assumptions``).
    reference : str or int, optional
        Strategy the others are compared against (the status quo / traditional
        provider). Default: the first strategy (recorded in ``assumptions``).
    threads : int, default ``DEFAULTS.threads``
        0 = all hardware threads; results do not depend on it (a default used is recorded in ``assumptions``).
    client : dask.distributed.Client, optional
        Keep the draws on the cluster and compute every number there: ``costs`` and ``effects``
        may then be Dask arrays (draws × strategies; rows rechunked to whole blocks of 32,768
        draws where needed, never gathered) or arrays sent there in chunks. One task per chunk
        returns per-block partial sums, joined in block order, so every number equals the local
        one bit for bit; a task lost with its worker is run again. The result is ``on_cluster``
        (docs/compare.md, "On a cluster").
    """
    assumptions: list[str] = []
    threads = check_threads("threads", pick("threads", threads, assumptions))
    if isinstance(costs, pd.DataFrame) and effects is None:
        if strategies is not None:
            raise TypeError(
                "psa(): with a long DataFrame the strategies come from its strategy= column; do not give strategies="
            )
        c, e, strategies, note = _long(costs, strategy, cost, effect, draw)
        assumptions.append(note)
        ccols = None
    else:
        _no_columns_without_frame("psa", strategy=strategy, cost=cost, effect=effect, draw=draw)
        if costs is None or effects is None:
            raise TypeError(
                f"psa() missing {'costs=' if costs is None else 'effects='}: give costs and effects "
                "(draws × strategies), or one long DataFrame with strategy, cost, effect, draw columns"
            )
        c, ccols = _draws_for(costs, "costs", client)
        e, _ = _draws_for(effects, "effects", client)
    if c.shape[0] != e.shape[0]:
        raise _error(f"psa: mismatched draw counts: costs has {c.shape[0]} draws (rows), effects has {e.shape[0]}")
    if c.shape[1] != e.shape[1]:
        raise _error(f"psa: mismatched strategy counts: costs has {c.shape[1]} columns, effects has {e.shape[1]}")
    if strategies is None:
        if ccols is not None:
            names = ccols
            assumptions.append(notice("psa.names_from_columns"))
        else:
            names = [f"Strategy_{j + 1}" for j in range(c.shape[1])]
            assumptions.append(notice("psa.names_default"))
    else:
        names = _names(strategies)
    if len(names) != c.shape[1]:
        raise _error(f"psa.strategies: {len(names)} names for {c.shape[1]} strategies (columns)")
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise _error(f"psa.strategies: names appear more than once: {dup}")
    if c.shape[1] < 2:
        raise _error(f"psa: at least 2 strategies are needed to compare, got {c.shape[1]}")
    if reference is None:
        ref = 0
        assumptions.append(notice("psa.reference_default", strategy=names[0]))
    elif isinstance(reference, (int, np.integer)) and not isinstance(reference, bool):
        if not 0 <= int(reference) < len(names):
            raise _error(f"psa.reference: index {reference} out of range for {len(names)} strategies")
        ref = int(reference)
    else:
        if str(reference) not in names:
            raise _error(f"psa.reference: '{reference}' is not one of the strategies {names}")
        ref = names.index(str(reference))
    if client is not None:
        from impactchain._psa_dask import ClusterDraws

        return PsaResult._on_cluster(ClusterDraws(client, c, e), names, ref, assumptions, threads)
    return PsaResult(c, e, names, ref, assumptions, threads)
