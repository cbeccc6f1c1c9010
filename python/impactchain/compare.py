"""Comparing interventions: against each other and against the traditional provider.

Deterministic (``icers``, ``net_benefit``), under uncertainty from draws (``psa``:
acceptability curves and frontier, EVPI, probability best, EIB, ICERs against a
reference, rank probabilities, cost-effectiveness plane), agreement between lenses
(``lenses``) and the model-level entry point ``compare``.

Conventions follow dampack (ICER table: strategy, cost, effect, inc_cost, inc_effect,
icer, status with ND / ED / D) and BCEA (NMB = k·E − C, EIB, CEAC, EVPI).
"""
from __future__ import annotations

import html
import math
import os
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from impactchain import _core

__all__ = [
    "icers",
    "net_benefit",
    "psa",
    "PsaResult",
    "lenses",
    "LensResult",
    "compare",
    "ComparisonResult",
    "compare_cli_summary",
]

_ICER_COLUMNS = ["strategy", "cost", "effect", "inc_cost", "inc_effect", "icer", "status", "note"]


def _error(message: str) -> Exception:
    """impactchain.ValidationError (a ValueError) with the given message."""
    try:
        return _core.ValidationError(message)
    except TypeError:  # pragma: no cover - depends on how the core binds the class
        return ValueError(message)


def _opt(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _names(strategies: Iterable[Any]) -> list[str]:
    return [str(s) for s in strategies]


def _floats(x: Any, what: str) -> list[float]:
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 1:
        raise _error(f"{what}: expected a 1-D sequence, got {arr.ndim}-D")
    return arr.tolist()


# --------------------------------------------------------------------------- deterministic
def icers(strategies: Sequence[Any], costs: Sequence[float], effects: Sequence[float]) -> pd.DataFrame:
    """ICER table with dominance, in dampack's conventions.

    One row per strategy: ``strategy, cost, effect, inc_cost, inc_effect, icer,
    status`` (``ND`` non-dominated, ``ED`` extendedly dominated, ``D`` strongly
    dominated) and ``note`` (why a strategy is dominated, or why an ICER is
    undefined). Rows are ND by cost, then ED, then D. Incremental columns are NaN
    where dampack shows NA (first ND strategy, dominated strategies). Ties in cost
    and effect are listed in ``df.attrs["warnings"]``.
    """
    t = _core.icers(_names(strategies), _floats(costs, "costs"), _floats(effects, "effects"))
    df = pd.DataFrame(
        [
            (r.strategy, r.cost, r.effect, _opt(r.inc_cost), _opt(r.inc_effect), _opt(r.icer), r.status, r.note)
            for r in t.rows
        ],
        columns=_ICER_COLUMNS,
    )
    df.attrs["warnings"] = list(t.warnings)
    return df


def net_benefit(strategies: Sequence[Any], costs: Sequence[float], effects: Sequence[float], wtp: float) -> pd.DataFrame:
    """Net monetary benefit ``wtp·effect − cost`` and cost per unit of outcome.

    ``cost_per_effect`` is NaN with a ``note`` when the effect is zero or negative.
    Rows in input order.
    """
    rows = _core.net_benefit(_names(strategies), _floats(costs, "costs"), _floats(effects, "effects"), float(wtp))
    return pd.DataFrame(
        [(r.strategy, r.cost, r.effect, r.nmb, _opt(r.cost_per_effect), r.note) for r in rows],
        columns=["strategy", "cost", "effect", "nmb", "cost_per_effect", "note"],
    )


# --------------------------------------------------------------------------- draws
def _draws(x: Any, what: str) -> tuple[np.ndarray, list[str] | None]:
    cols = None
    if isinstance(x, pd.DataFrame):
        cols = [str(c) for c in x.columns]
        x = x.to_numpy(dtype=float)
    arr = np.asarray(x)
    if arr.dtype != np.float64:
        arr = arr.astype(np.float64)
    if arr.ndim != 2:
        raise _error(f"psa.{what}: expected a 2-D array (draws × strategies), got {arr.ndim}-D")
    return np.ascontiguousarray(arr), cols


def _wtp(wtp: Any) -> tuple[list[float], bool]:
    scalar = np.ndim(wtp) == 0
    arr = np.atleast_1d(np.asarray(wtp, dtype=float))
    if arr.ndim != 1:
        raise _error(f"wtp: expected a number or a 1-D array, got {arr.ndim}-D")
    return arr.tolist(), scalar


class PsaResult:
    """Draws-based comparison of strategies; build with :func:`psa`.

    The draws are held, not copied (C-contiguous float64 input). Each method takes
    ``wtp`` (money per unit of effect) as a number or an array.
    """

    def __init__(self, costs: np.ndarray, effects: np.ndarray, strategies: list[str], reference: int,
                 assumptions: list[str], threads: int) -> None:
        self._costs = costs
        self._effects = effects
        self._strategies = tuple(strategies)
        self._reference = reference
        self._assumptions = tuple(assumptions)
        self._threads = int(threads)
        self._summary = _core.psa_summary(costs, effects, strategies=list(strategies), threads=self._threads)
        self._cache: dict[bytes, Any] = {}

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
    def costs(self) -> np.ndarray:
        v = self._costs.view()
        v.flags.writeable = False
        return v

    @property
    def effects(self) -> np.ndarray:
        v = self._effects.view()
        v.flags.writeable = False
        return v

    @property
    def assumptions(self) -> tuple[str, ...]:
        """Choices the caller did not make explicitly (e.g. the default reference)."""
        return self._assumptions

    @property
    def summary(self) -> pd.DataFrame:
        s = self._summary
        return pd.DataFrame(
            {"mean_cost": s.mean_cost, "sd_cost": s.sd_cost, "mean_effect": s.mean_effect, "sd_effect": s.sd_effect},
            index=pd.Index(self._strategies, name="strategy"),
        )

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
            self._cache[key] = _core.acceptability(self._costs, self._effects, grid, summary=self._summary,
                                                   threads=self._threads)
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
        return pd.DataFrame({
            "wtp": np.repeat(w, S),
            "strategy": np.tile(np.asarray(self._strategies, dtype=object), len(w)),
            "proportion": np.asarray(a.ceac).ravel(),
            "on_frontier": (np.tile(np.arange(S), len(w)) == np.repeat(opt, S)),
        })

    def prob_best(self, wtp: Any) -> pd.DataFrame | pd.Series:
        """Probability each strategy is best (highest NMB): a Series for one wtp, else wtp × strategy."""
        a, scalar = self._acc(wtp)
        df = pd.DataFrame(np.asarray(a.ceac), index=pd.Index(a.wtp, name="wtp"),
                          columns=pd.Index(self._strategies, name="strategy"))
        return df.iloc[0] if scalar else df

    def frontier(self, wtp: Any) -> pd.DataFrame:
        """Acceptability frontier (CEAF): wtp, optimal strategy (max expected NMB), its probability best."""
        a, _ = self._acc(wtp)
        return pd.DataFrame({
            "wtp": np.asarray(a.wtp),
            "strategy": [self._strategies[i] for i in a.optimal],
            "probability": np.asarray(a.frontier_probability),
            "expected_nmb": np.asarray(a.expected_nmb)[np.arange(len(a.optimal)), np.asarray(a.optimal, dtype=int)],
        })

    def evpi(self, wtp: Any) -> float | pd.Series:
        """EVPI(k) = E[max_j NMB_j] − max_j E[NMB_j] per decision (per unit of the draws)."""
        a, scalar = self._acc(wtp)
        s = pd.Series(np.asarray(a.evpi), index=pd.Index(a.wtp, name="wtp"), name="evpi")
        return float(s.iloc[0]) if scalar else s

    def expected_nmb(self, wtp: Any) -> pd.DataFrame | pd.Series:
        """Mean NMB k·E − C per strategy."""
        a, scalar = self._acc(wtp)
        df = pd.DataFrame(np.asarray(a.expected_nmb), index=pd.Index(a.wtp, name="wtp"),
                          columns=pd.Index(self._strategies, name="strategy"))
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
        mats = [_core.rank_probabilities(self._costs, self._effects, k, threads=self._threads) for k in grid]
        ranks = pd.Index(range(1, len(self._strategies) + 1), name="rank")
        idx = pd.Index(self._strategies, name="strategy")
        if scalar:
            return pd.DataFrame(mats[0], index=idx, columns=ranks)
        parts = []
        for k, m in zip(grid, mats):
            d = pd.DataFrame(m, index=idx, columns=ranks).stack().rename("probability").reset_index()
            d.insert(0, "wtp", k)
            parts.append(d)
        return pd.concat(parts, ignore_index=True)

    def ce_plane(self) -> pd.DataFrame:
        """Cost-effectiveness plane: per draw, ΔE and ΔC of each strategy against the reference."""
        r = self._reference
        de = self._effects - self._effects[:, [r]]
        dc = self._costs - self._costs[:, [r]]
        keep = [j for j in range(len(self._strategies)) if j != r]
        n = self.draws
        return pd.DataFrame({
            "draw": np.tile(np.arange(n), len(keep)),
            "strategy": np.repeat(np.asarray([self._strategies[j] for j in keep], dtype=object), n),
            "inc_effect": np.concatenate([de[:, j] for j in keep]),
            "inc_cost": np.concatenate([dc[:, j] for j in keep]),
        })

    def to_dict(self, wtp: Any = None) -> dict[str, Any]:
        """Plain dicts/lists (JSON-ready). With ``wtp``, acceptability, EVPI and EIB on it."""
        s = self._summary
        out: dict[str, Any] = {
            "strategies": list(self._strategies),
            "reference": self.reference,
            "draws": self.draws,
            "mean_cost": list(map(float, s.mean_cost)),
            "mean_effect": list(map(float, s.mean_effect)),
            "icer": _records(self.icer),
            "icers": _records(self.icers()),
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
        return out

    def _repr_html_(self) -> str:
        head = (f"<b>PSA</b>: {len(self._strategies)} strategies × {self.draws} draws, "
                f"reference <code>{html.escape(self.reference)}</code>")
        return head + self.icer.to_html(index=False, float_format=lambda v: f"{v:,.4g}")

    def __repr__(self) -> str:
        return f"PsaResult(strategies={list(self._strategies)!r}, draws={self.draws}, reference={self.reference!r})"


def psa(costs: Any, effects: Any, strategies: Sequence[Any] | None = None, reference: Any = None, *,
        threads: int = 0) -> PsaResult:
    """Comparison from draws (e.g. someone else's simulation): arrays draws × strategies.

    Parameters
    ----------
    costs, effects : array-like or DataFrame, shape (draws, strategies)
        Same shape, finite. C-contiguous float64 arrays are used without a copy.
    strategies : list of str, optional
        Column names; from the DataFrame columns when omitted, else ``Strategy_1`` …
        (recorded in ``assumptions``).
    reference : str or int, optional
        Strategy the others are compared against (the status quo / traditional
        provider). Default: the first strategy (recorded in ``assumptions``).
    threads : int
        0 = all hardware threads; results do not depend on it.
    """
    c, ccols = _draws(costs, "costs")
    e, ecols = _draws(effects, "effects")
    if c.shape[0] != e.shape[0]:
        raise _error(
            f"psa: mismatched draw counts: costs has {c.shape[0]} draws (rows), effects has {e.shape[0]}")
    if c.shape[1] != e.shape[1]:
        raise _error(
            f"psa: mismatched strategy counts: costs has {c.shape[1]} columns, effects has {e.shape[1]}")
    assumptions: list[str] = []
    if strategies is None:
        if ccols is not None:
            names = ccols
            assumptions.append("strategy names taken from the columns of costs")
        else:
            names = [f"Strategy_{j + 1}" for j in range(c.shape[1])]
            assumptions.append("strategies not named: called Strategy_1 … Strategy_n")
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
        assumptions.append(f"no reference given: '{names[0]}' (the first strategy) is the reference")
    elif isinstance(reference, (int, np.integer)) and not isinstance(reference, bool):
        if not 0 <= int(reference) < len(names):
            raise _error(f"psa.reference: index {reference} out of range for {len(names)} strategies")
        ref = int(reference)
    else:
        if str(reference) not in names:
            raise _error(f"psa.reference: '{reference}' is not one of the strategies {names}")
        ref = names.index(str(reference))
    return PsaResult(c, e, names, ref, assumptions, threads)


# --------------------------------------------------------------------------- lenses
_LOWER_BETTER_HINTS = ("cost_per", "cost per", "icer")


class LensResult:
    """Agreement between lenses; build with :func:`lenses`."""

    def __init__(self, raw: Any, assumptions: list[str]) -> None:
        self._raw = raw
        self._assumptions = tuple(assumptions)

    @property
    def strategies(self) -> tuple[str, ...]:
        return tuple(self._raw.strategies)

    @property
    def lenses(self) -> tuple[str, ...]:
        return tuple(self._raw.lenses)

    @property
    def higher_is_better(self) -> dict[str, bool]:
        return dict(zip(self._raw.lenses, self._raw.higher_is_better))

    @property
    def ranks(self) -> pd.DataFrame:
        """Rank of each strategy under each lens (1 = best, ties averaged)."""
        return pd.DataFrame(self._raw.ranks, index=pd.Index(self.strategies, name="strategy"),
                            columns=pd.Index(self.lenses, name="lens"))

    @property
    def winners(self) -> dict[str, list[str]]:
        return {l: list(w) for l, w in zip(self._raw.lenses, self._raw.winners)}

    @property
    def spearman(self) -> pd.DataFrame:
        return pd.DataFrame(self._raw.spearman, index=list(self.lenses), columns=list(self.lenses))

    @property
    def kendall(self) -> pd.DataFrame:
        """Kendall's tau-b between lenses."""
        return pd.DataFrame(self._raw.kendall, index=list(self.lenses), columns=list(self.lenses))

    @property
    def agree(self) -> bool:
        return bool(self._raw.agree)

    @property
    def changes(self) -> tuple[str, ...]:
        return tuple(self._raw.changes)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(self._raw.warnings)

    @property
    def assumptions(self) -> tuple[str, ...]:
        return self._assumptions

    def to_dict(self) -> dict[str, Any]:
        def mat(df: pd.DataFrame) -> dict[str, dict[str, float | None]]:
            return {a: {b: (None if math.isnan(v) else float(v)) for b, v in row.items()} for a, row in df.iterrows()}

        return {
            "strategies": list(self.strategies),
            "lenses": list(self.lenses),
            "higher_is_better": self.higher_is_better,
            "ranks": {s: {l: float(v) for l, v in row.items()} for s, row in self.ranks.iterrows()},
            "winners": self.winners,
            "spearman": mat(self.spearman),
            "kendall": mat(self.kendall),
            "agree": self.agree,
            "changes": list(self.changes),
            "warnings": list(self.warnings),
            "assumptions": list(self.assumptions),
        }

    def _repr_html_(self) -> str:
        verdict = "all lenses pick the same winner" if self.agree else "; ".join(map(html.escape, self.changes)) or \
            "no single winner"
        return f"<b>Lens agreement</b>: {verdict}" + self.ranks.to_html(float_format=lambda v: f"{v:g}")

    def __repr__(self) -> str:
        return f"LensResult(lenses={list(self.lenses)!r}, agree={self.agree})"


def lenses(table: pd.DataFrame | Mapping[str, Sequence[float]], strategies: Sequence[Any] | None = None, *,
           higher_is_better: Mapping[str, bool] | Sequence[bool] | None = None) -> LensResult:
    """Do the lenses pick the same winner? Rank correlations and winner per lens.

    Parameters
    ----------
    table : DataFrame (index = strategies, columns = lenses) or mapping lens → values
        E.g. columns ``sroi_ratio``, ``cost_per_outcome``, ``composite``, ``nmb``.
    strategies : list, optional
        Strategy names when ``table`` is a mapping (default: the DataFrame index).
    higher_is_better : mapping lens → bool or list, optional
        Orientation of each lens. Default: lower is better for lenses whose name
        contains "cost_per", "cost per" or "icer", higher otherwise (recorded in
        ``assumptions``).
    """
    df = table if isinstance(table, pd.DataFrame) else pd.DataFrame(dict(table))
    names = _names(strategies) if strategies is not None else _names(df.index)
    lens_names = _names(df.columns)
    assumptions: list[str] = []
    if higher_is_better is None:
        hib = [not any(h in l.lower() for h in _LOWER_BETTER_HINTS) for l in lens_names]
        assumptions.append("orientation not given: " + ", ".join(
            f"'{l}' {'higher' if h else 'lower'} is better" for l, h in zip(lens_names, hib)))
    elif isinstance(higher_is_better, Mapping):
        missing = [l for l in lens_names if l not in higher_is_better]
        if missing:
            raise _error(f"lenses.higher_is_better: no orientation for lenses {missing}")
        hib = [bool(higher_is_better[l]) for l in lens_names]
    else:
        hib = [bool(h) for h in higher_is_better]
    values = np.asarray(df.to_numpy(dtype=float), dtype=float)
    raw = _core.lens_agreement(names, lens_names, values, hib)
    return LensResult(raw, assumptions)


# --------------------------------------------------------------------------- models
def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict(orient="records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()})
    return out


class ComparisonResult:
    """Result of :func:`compare`: deterministic ICER table, net benefit, and a PSA when draws exist."""

    def __init__(self, table: pd.DataFrame, net: pd.DataFrame, comparator: str, measure: str,
                 psa_result: PsaResult | None, wtp: list[float], assumptions: list[str]) -> None:
        self._table = table
        self._net = net
        self._comparator = comparator
        self._measure = measure
        self._psa = psa_result
        self._wtp = tuple(wtp)
        self._assumptions = tuple(assumptions)

    @property
    def icers(self) -> pd.DataFrame:
        return self._table.copy()

    @property
    def net_benefit(self) -> pd.DataFrame:
        return self._net.copy()

    @property
    def comparator(self) -> str:
        return self._comparator

    @property
    def measure(self) -> str:
        return self._measure

    @property
    def psa(self) -> PsaResult | None:
        return self._psa

    @property
    def wtp(self) -> tuple[float, ...]:
        return self._wtp

    @property
    def assumptions(self) -> tuple[str, ...]:
        return self._assumptions

    def to_dict(self) -> dict[str, Any]:
        return {
            "comparator": self._comparator,
            "measure": self._measure,
            "wtp": list(self._wtp),
            "icers": _records(self._table),
            "warnings": list(self._table.attrs.get("warnings", [])),
            "net_benefit": _records(self._net),
            "psa": None if self._psa is None else self._psa.to_dict(list(self._wtp)),
            "assumptions": list(self._assumptions),
        }

    def _repr_html_(self) -> str:
        return (f"<b>Comparison</b> on {html.escape(self._measure)}, comparator "
                f"<code>{html.escape(self._comparator)}</code>"
                + self._table.to_html(index=False, float_format=lambda v: f"{v:,.4g}"))

    def __repr__(self) -> str:
        return f"ComparisonResult(comparator={self._comparator!r}, strategies={list(self._table.strategy)!r})"


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        if isinstance(obj, Mapping) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return None


def _model_name(model: Any, i: int) -> str:
    for n in ("name", "title", "id"):
        v = _get(model, n)
        if isinstance(v, str) and v:
            return v
    meta = _get(model, "metadata", "meta")
    if meta is not None:
        v = _get(meta, "name")
        if isinstance(v, str) and v:
            return v
    raise _error(f"compare.models[{i}]: the model has no name (set its 'name' metadata)")


def _scalar(x: Any, what: str) -> float:
    if callable(x):
        x = x()
    v = float(x)
    if not math.isfinite(v):
        raise _error(f"compare: {what} must be finite, got {v}")
    return v


def _outcome_effect(valuation: Any, outcome: str) -> Any:
    """A named outcome's PV (OutcomeValue.name / .id) or a named attribute (e.g. a composite score)."""
    for o in _get(valuation, "outcomes") or []:
        if outcome in (_get(o, "name"), _get(o, "id")):
            return _get(o, "present_value")
    return _get(valuation, outcome)


def _draw_column(sim: Any, name: str, model: str) -> np.ndarray:
    from impactchain.uncertainty import OUTPUTS

    names = list(OUTPUTS)
    draws = _get(sim, "draws_array")
    if name not in names or draws is None or np.size(draws) == 0:
        raise _error(f"compare: the simulation of '{model}' has no kept draws of output '{name}' "
                     f"(outputs: {names})")
    return np.asarray(draws, dtype=float)[:, names.index(name)]


def compare(models: Sequence[Any], comparator: str | None = None, *, wtp: Any = None, outcome: str | None = None,
            draws: int | None = None, seed: int | None = None, threads: int = 0) -> ComparisonResult:
    """Compare several models (interventions) and a comparator on monetised value or a named outcome.

    Each model goes through ``impactchain.value(model)`` first: cost = ``investment_pv``
    (PV of the investment), effect = ``present_value`` (PV of the monetised outcomes)
    or, with ``outcome=``, the present value of the outcome with that name / id (or a
    valuation attribute of that name, e.g. a composite score). With ``draws=`` (and an
    explicit ``seed=``), each model also goes through ``impactchain.simulate(model,
    draws=..., seed=..., keep_draws=True)`` and the kept draws of the outputs
    ``investment_pv`` and ``present_value`` (or ``outcome``) feed :func:`psa`.

    Parameters
    ----------
    models : list of Model
        At least two, with unique ``name`` metadata.
    comparator : str, optional
        Name of the model that is the status quo / traditional provider (the PSA
        reference). Default: the first model (recorded in ``assumptions``).
    wtp : number or array, optional
        Willingness to pay per unit of effect. Default for monetised value: 1 (effects
        are already money); required for a named outcome.
    """
    import impactchain as ic

    if len(models) < 2:
        raise _error(f"compare: at least 2 models are needed to compare, got {len(models)}")
    try:
        from impactchain.value import value as value_fn
    except ImportError as exc:
        raise RuntimeError("compare: impactchain.value is not available in this build (valuation module missing)") from exc
    models = [ic.load(m) if isinstance(m, (str, os.PathLike)) else m for m in models]
    names = [_model_name(m, i) for i, m in enumerate(models)]
    if len(set(names)) != len(names):
        raise _error(f"compare: model names must be unique, got {names}")
    assumptions: list[str] = []
    if comparator is None:
        roles = [n for m, n in zip(models, names) if _get(m, "role") == "comparator"]
        if len(roles) > 1:
            raise _error(f"compare: several models have role 'comparator' ({roles}); choose one with comparator=")
        comparator = roles[0] if roles else names[0]
        if not roles:
            assumptions.append(f"no comparator given and no model has role 'comparator': '{comparator}' (the first model)")
    if comparator not in names:
        raise _error(f"compare.comparator: '{comparator}' is not the name of one of the models {names}")
    measure = f"outcome '{outcome}'" if outcome else "monetised value (PV of outcomes)"
    if wtp is None:
        if outcome is not None:
            raise _error(f"compare: a willingness to pay (wtp=) is needed to value outcome '{outcome}'")
        wtp = 1.0
        assumptions.append("wtp not given: 1 (effects are already money)")
    grid, _ = _wtp(wtp)

    costs, effects, units = [], [], set()
    for i, (m, n) in enumerate(zip(models, names)):
        v = value_fn(m)
        units.add((_get(v, "currency"), _get(v, "price_year")))
        if len(units) > 1:
            raise _error(f"compare: models are valued in different currencies or price years {sorted(map(str, units))}; "
                         "bring them to one currency and price year first")
        cost = _get(v, "investment_pv")
        if cost is None:
            raise RuntimeError(f"compare: the valuation of model '{n}' has no 'investment_pv'")
        eff = _get(v, "present_value") if outcome is None else _outcome_effect(v, outcome)
        if eff is None:
            raise _error(f"compare.models[{i}] '{n}': no outcome '{outcome}' in its valuation")
        costs.append(_scalar(cost, f"the investment PV of '{n}'"))
        effects.append(_scalar(eff, f"the effect of '{n}'"))

    table = icers(names, costs, effects)
    net = net_benefit(names, costs, effects, grid[0])
    psa_result = None
    if draws is not None:
        try:
            from impactchain.uncertainty import simulate as sim_fn
        except ImportError as exc:
            raise RuntimeError("compare: draws= needs impactchain.simulate, which this build does not have") from exc
        if seed is None:
            raise _error("compare: draws= needs an explicit seed= for reproducible draws")
        cdraw, edraw = [], []
        # One stream per model: the same seed for every model would give the i-th
        # parameters of all models the same uniforms (a spurious rank correlation).
        assumptions.append(f"model i of the list is simulated with seed {seed} + i (independent streams)")
        for i, (m, n) in enumerate(zip(models, names)):
            sim = sim_fn(m, draws=draws, seed=seed + i, threads=threads, keep_draws=True)
            cdraw.append(_draw_column(sim, "investment_pv", n))
            edraw.append(_draw_column(sim, "present_value" if outcome is None else outcome, n))
        psa_result = psa(np.column_stack(cdraw), np.column_stack(edraw), names, reference=comparator, threads=threads)
    return ComparisonResult(table, net, comparator, measure, psa_result, grid, assumptions)


def compare_cli_summary(result: ComparisonResult | PsaResult | pd.DataFrame) -> str:
    """Readable text table for the ``impactchain compare`` command."""
    def fmt(v: Any) -> str:
        if isinstance(v, float):
            return "NA" if math.isnan(v) else f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
        return str(v)

    def table(df: pd.DataFrame) -> str:
        cols = list(df.columns)
        cells = [[fmt(v) for v in row] for row in df.itertuples(index=False)]
        widths = [max(len(str(c)), *(len(r[i]) for r in cells)) if cells else len(str(c)) for i, c in enumerate(cols)]
        lines = ["  ".join(str(c).ljust(w) for c, w in zip(cols, widths))]
        lines += ["  ".join(x.ljust(w) for x, w in zip(r, widths)) for r in cells]
        return "\n".join(lines)

    out: list[str] = []
    if isinstance(result, pd.DataFrame):
        return table(result)
    if isinstance(result, ComparisonResult):
        out.append(f"Comparison on {result.measure}; comparator: {result.comparator}")
        out.append(table(result.icers[_ICER_COLUMNS[:-1]]))
        notes = [f"  {r.strategy}: {r.note}" for r in result.icers.itertuples() if r.note and r.status != "ND"]
        if notes:
            out.append("Notes:\n" + "\n".join(notes))
        out.append(f"\nNet monetary benefit at wtp = {fmt(result.wtp[0])}:")
        out.append(table(result.net_benefit[["strategy", "cost", "effect", "nmb", "cost_per_effect"]]))
        p = result.psa
        wtp = list(result.wtp)
        for w in result.icers.attrs.get("warnings", []):
            out.append(f"warning: {w}")
        for a in result.assumptions:
            out.append(f"assumption: {a}")
    else:
        p = result
        wtp = None
    if p is not None:
        out.append(f"\nUnder uncertainty ({p.draws} draws), against {p.reference}:")
        out.append(table(p.icer))
        if wtp:
            f = p.frontier(wtp)
            f["evpi"] = p.evpi(wtp).to_numpy() if len(wtp) > 1 else [p.evpi(wtp[0])]
            out.append(table(f))
    return "\n".join(out)
