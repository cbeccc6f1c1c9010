"""The result of a probabilistic comparison (PSA): the draws held, and what is read from them:
means, ICERs against a reference, acceptability curves and frontier, EVPI, EVPPI, probability
best, expected NMB, EIB, rank probabilities and the cost-effectiveness plane. Conventions follow
BCEA (NMB = k·E − C, EIB, CEAC, EVPI) and dampack. Built by :func:`impactchain.psa`
(``_compare_psa``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional, cast

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._compare_common import _check_wtp, _opt, _wtp
from impactchain._compare_icers import icers
from impactchain._result import Frozen, Result, SummaryAccess, public
from impactchain._result_json import json_ready
from impactchain._summary import Section


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
    _cache: dict[bytes, Any]  # the core's acceptability per wtp grid
    _frontiers: dict[bytes, pd.DataFrame]  # frontier with EVPI per wtp grid (_frontier_evpi)
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
        """The draws, names, reference, assumptions and threads; and ``options`` (what the tables
        out list as the options used: draws, reference, threads), which a pickle leaves out."""
        if self._cluster is not None:  # the same draws on the cluster: the same Dask arrays
            held = (("costs", cast(Any, self._costs)), ("effects", cast(Any, self._effects)))  # Dask arrays
            draws = {k: ("dask", a.name, a.shape) for k, a in held}
            rest = {k: getattr(self, f"_{k}") for k in ("strategies", "reference", "assumptions", "threads")}
            return {**draws, **rest, "options": self.options}
        return {
            "costs": self._costs,
            "effects": self._effects,
            "strategies": self._strategies,
            "reference": self._reference,
            "assumptions": self._assumptions,
            "threads": self._threads,
            "options": self.options,
        }

    @property
    def options(self) -> dict[str, Any]:
        """The options of this comparison: the number of draws, the reference and the threads."""
        return {"draws": self.draws, "reference": self.reference, "threads": self._threads}

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
        put(self, "_frontiers", {})

    def __getstate__(self) -> dict[str, Any]:
        if self._cluster is not None:
            raise TypeError(
                "this comparison's draws are on a Dask cluster and cannot be pickled: bring them here with "
                "ic.psa(r.costs.compute(), r.effects.compute(), r.strategies, r.reference) first"
            )
        state = super().__getstate__()
        state.pop("options", None)  # derived from the rest
        return state

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

    def _read_only(self, draws: Any) -> Any:
        """Held draws as a user reads them: a read-only view, or the Dask array itself when ``on_cluster``."""
        if self._cluster is not None:
            return draws
        v = draws.view()
        v.flags.writeable = False
        return v

    @property
    def costs(self) -> Any:
        """Cost draws (draws × strategies), read-only; a Dask array on the workers when ``on_cluster``."""
        return self._read_only(self._costs)

    @property
    def effects(self) -> Any:
        """Effect draws (draws × strategies), read-only; a Dask array on the workers when ``on_cluster``."""
        return self._read_only(self._effects)

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

    def _frontier_evpi(self, wtp: Any) -> pd.DataFrame:
        """The frontier with its EVPI per willingness to pay (a comparison's summary table),
        worked out once per grid and kept with the draws (neither pickled nor compared); a copy."""
        grid, _ = _wtp(wtp)
        key = np.asarray(grid).tobytes()
        kept = self._frontiers.get(key)
        if kept is None:
            if len(self._frontiers) > 8:
                self._frontiers.clear()
            kept = self.frontier(wtp).assign(evpi=np.atleast_1d(self.evpi(wtp)))
            self._frontiers[key] = kept
        return kept.copy()

    def evppi(
        self,
        parameters: Any,
        wtp: float,
        *,
        groups: Optional[Mapping[str, Sequence[str]]] = None,
        method: Optional[str] = None,
    ) -> Any:
        """EVPPI of the choice among the strategies at willingness to pay ``wtp`` (one finite
        number, a numpy scalar too; net monetary benefit wtp·effect − cost), for the ``parameters`` of the
        same draws (draws x parameters): :func:`impactchain.evppi` (docs/voi.md); the result
        records ``wtp``. The regression needs every draw in one place: when ``on_cluster``, the
        net benefit (draws × strategies) is computed there and brought here."""
        from impactchain.voi import evppi

        k = _check_wtp(wtp)
        nb = k * self._effects - self._costs
        if self._cluster is not None:
            nb = nb.compute()
        return evppi(nb, parameters, groups, method, strategies=list(self._strategies), wtp=k)

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
        names = list(self._strategies)
        if self._cluster is not None:
            mats = list(self._cluster.rank_probabilities(grid, names))
        else:
            mats = [
                _core.rank_probabilities(self._costs, self._effects, k, threads=self._threads, strategies=names)
                for k in grid
            ]
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
