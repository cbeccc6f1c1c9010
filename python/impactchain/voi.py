"""Value of information from probabilistic-analysis draws (docs/voi.md).

:func:`evppi` estimates the expected value of partial perfect information of each parameter (or
group of parameters): how much the decision (the strategy with the highest expected net benefit)
would gain, per decision, if that parameter were known before deciding. It is model-agnostic:
it takes the net benefit of every draw and strategy and the parameters of every draw.

Two estimators:

- ``"regression"`` (default): the metamodel method of Strong, Oakley & Brennan (2014). The net
  benefit of each strategy relative to the first is regressed on a smooth function of the
  parameter(s): for one parameter a cubic regression spline with knots at its quantiles (the
  unpenalised counterpart of the GAM Strong et al. fit), for a group an additive spline in each
  member plus their pairwise products. EVPPI = mean_i max_d g_d(θ_i) − max_d mean_i g_d(θ_i).
  Its standard error combines the metamodel's (the regression coefficients redrawn from their
  sampling distribution, as Strong et al. 2014 do, with a fixed seed) and the Monte Carlo error of
  the mean over the draws.
- ``"binned"``: the non-parametric single-parameter estimator of Sadatsafavi et al. (2013): the
  draws sorted by the parameter and cut into ⌊√n⌋ bins of equal size; the conditional expected
  net benefits are the bins' means. Its standard error is that of the mean over bins.

Single parameters (and groups of one) are computed by the C++ core (``_core.evppi``,
include/impactchain/evppi.hpp), one parameter per thread, the same numbers for any thread count;
groups of several parameters by the numpy code below, which for one parameter is the core's
reference (``_regression``, ``_binned``).

EVPI = E[max_d NB_d] − max_d E[NB_d], with the Monte Carlo standard error of that mean.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain import _core
from impactchain._check import ArgumentError, check_threads, given_twice, numeric_table
from impactchain._compare_common import _check_wtp
from impactchain._defaults import pick
from impactchain._notice import notice
from impactchain._result import Result, result_type
from impactchain._summary import Section

__all__ = ["EvppiResult", "EvsiResult", "evppi", "evsi", "parameter_groups", "EVPPI_METHODS", "EVSI_LIKELIHOODS"]

EVPPI_METHODS = ("regression", "binned")
_SE_DRAWS = 200  #: coefficient redraws for the regression estimator's standard error
_SE_SEED = 20140101  #: their seed (results are the same on every run)


@result_type
class EvppiResult(Result):
    """EVPPI per parameter or group (``table``: name, parameters, evppi, se), the EVPI with its
    standard error, the method, the number of draws and strategies, and the assumptions;
    ``knots`` the spline knots of the regression (None for ``"binned"``) and ``wtp`` the
    willingness to pay the net benefit was computed at, when known (``PsaResult.evppi``)."""

    rows: tuple[dict[str, Any], ...]
    evpi: float
    evpi_se: float
    method: str
    n_draws: int
    strategies: tuple[str, ...]
    assumptions: tuple[str, ...] = ()
    knots: Optional[int] = None
    wtp: Optional[float] = None
    _title = "Expected value of partial perfect information"
    _summary_fields = ("evpi", "evpi_se", "method", "knots", "wtp", "n_draws")
    # 2: knots and wtp
    _version = 2

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 recorded neither the knots nor the willingness to pay: not known."""
        if version < 2:
            state = {**state, "knots": state.get("knots"), "wtp": state.get("wtp")}
        return state

    def _table(self) -> pd.DataFrame:
        """One row per parameter or group: name, parameters, evppi, se."""
        return pd.DataFrame(list(self.rows), columns=["name", "parameters", "evppi", "se"]).set_index("name")

    def _sections(self) -> list[Section]:
        return [*super()._sections(), Section("EVPPI by parameter (per decision)", table=self._table())]


def _matrix(x: Any, what: str) -> tuple[np.ndarray, list[str]]:
    if isinstance(x, pd.DataFrame):
        names = [str(c) for c in x.columns]
        dup = given_twice(names)
        if dup:
            raise ValueError(f"{what}: columns appear more than once: {dup} (each column needs its own name)")
        arr = numeric_table(x, what, what)
    else:
        try:
            arr = np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{what}: could not convert the values to numbers") from None
        if arr.ndim == 1:
            arr = arr[:, None]
        names = [f"{what}{j}" for j in range(arr.shape[1])]
    if arr.ndim != 2:
        raise ArgumentError(f"{what} must be a draws x columns table, got {arr.ndim} dimensions")
    bad = np.argwhere(~np.isfinite(arr))
    if bad.size:
        i, j = bad[0]
        raise ValueError(f"{what}: draw {int(i)}, column '{names[int(j)]}' is not a finite number ({arr[i, j]})")
    return arr, names


def _inputs(net_benefit: Any, parameters: Any, func: str) -> tuple[np.ndarray, list[str], np.ndarray, list[str]]:
    """The net benefits (draws x strategies) and parameters (draws x parameters), checked."""
    nb, names = _matrix(net_benefit, "net_benefit")
    theta, pnames = _matrix(parameters, "parameters")
    if nb.shape[0] != theta.shape[0]:
        raise ValueError(f"net_benefit has {nb.shape[0]} draws, parameters {theta.shape[0]}: one row per draw in both")
    if nb.shape[0] < 100:
        raise ValueError(f"{func} needs at least 100 draws, got {nb.shape[0]}")
    if nb.shape[1] < 2:
        raise ValueError(f"{func} needs the net benefit of at least two strategies (columns): a decision between them")
    return nb, names, theta, pnames


def _spline_basis(x: np.ndarray, knots: int) -> np.ndarray:
    """A cubic regression spline (truncated-power basis) of one standardised column, with interior
    knots at its quantiles; constant columns give no terms."""
    sd = x.std()
    if sd == 0:
        return np.empty((x.size, 0))
    z = (x - x.mean()) / sd
    qs = np.unique(np.quantile(z, np.linspace(0, 1, knots + 2)[1:-1]))
    cols = [z, z**2, z**3] + [np.clip(z - k, 0, None) ** 3 for k in qs]
    return np.column_stack(cols)


def _design(theta: np.ndarray, knots: int) -> np.ndarray:
    parts = [np.ones((theta.shape[0], 1))] + [_spline_basis(theta[:, j], knots) for j in range(theta.shape[1])]
    if theta.shape[1] > 1:  # pairwise products of the standardised members
        sd = theta.std(axis=0)
        z = (theta - theta.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        parts += [(z[:, a] * z[:, b])[:, None] for a in range(theta.shape[1]) for b in range(a + 1, theta.shape[1])]
    return np.hstack(parts)


def _value_of(fitted: np.ndarray) -> float:
    """EVPPI from conditional expected incremental net benefits (draws x strategies, the first 0)."""
    return float(fitted.max(axis=1).mean() - fitted.mean(axis=0).max())


def _regression(inc: np.ndarray, theta: np.ndarray, knots: int) -> tuple[float, float]:
    x = _design(theta, knots)
    _, r = np.linalg.qr(x)
    diag = np.abs(np.diag(r))
    x = x[:, diag > 1e-10 * max(1.0, float(diag.max()))]
    n, k = x.shape
    xtx_inv = np.linalg.pinv(x.T @ x)
    coef = xtx_inv @ (x.T @ inc)  # one column per strategy (incremental on the first)
    fitted = np.column_stack([np.zeros(n), x @ coef])
    value = _value_of(fitted)
    # Monte Carlo error of the mean over draws, at the decision taken without information ...
    per_draw = fitted.max(axis=1) - fitted[:, int(fitted.mean(axis=0).argmax())]
    mc_var = per_draw.var(ddof=1) / n
    # ... and the metamodel's: coefficients redrawn from their sampling distribution (in batches).
    resid = inc - x @ coef
    sigma = np.sqrt((resid**2).sum(axis=0) / max(n - k, 1))
    # A square root of the coefficients' covariance that tolerates a near-singular design.
    eigval, eigvec = np.linalg.eigh((xtx_inv + xtx_inv.T) / 2)
    chol = eigvec * np.sqrt(np.clip(eigval, 0.0, None))
    rng = np.random.default_rng(_SE_SEED)
    sims: list[float] = []
    for start in range(0, _SE_DRAWS, 50):
        s = min(50, _SE_DRAWS - start)
        cond = np.stack(
            [x @ (coef[:, [d]] + sigma[d] * (chol @ rng.standard_normal((k, s)))) for d in range(inc.shape[1])]
        )  # strategies-1 x draws x s
        cond = np.concatenate([np.zeros((1, n, s)), cond])
        sims += list(cond.max(axis=0).mean(axis=0) - cond.mean(axis=1).max(axis=0))
    se = float(np.sqrt(np.var(sims, ddof=1) + mc_var))
    return max(value, 0.0), se


def _binned(nb: np.ndarray, theta: np.ndarray) -> tuple[float, float]:
    """The binned estimator of one parameter in numpy: the reference of the C++ core's."""
    n = nb.shape[0]
    bins = max(int(np.sqrt(n)), 2)
    order = np.argsort(theta[:, 0], kind="stable")
    groups = np.array_split(order, bins)
    best = nb.mean(axis=0).max()
    contrib = np.array([nb[g].mean(axis=0).max() - best for g in groups])
    sizes = np.array([len(g) for g in groups], dtype=float)
    value = float((contrib * sizes).sum() / n)
    return max(value, 0.0), float(contrib.std(ddof=1) / np.sqrt(bins))


def evppi(
    net_benefit: Any,
    parameters: Any,
    groups: Optional[Mapping[str, Sequence[str]]] = None,
    method: Optional[str] = None,
    *,
    strategies: Optional[Sequence[str]] = None,
    knots: Optional[int] = None,
    threads: Optional[int] = None,
    client: Any = None,
    wtp: Optional[float] = None,
) -> EvppiResult:
    """EVPPI of each parameter (columns of ``parameters``, draws x parameters) or, with ``groups``
    (``{name: [parameter, ...]}``), of each group, for the decision among the strategies whose net
    benefit is ``net_benefit`` (draws x strategies; the names from its columns or ``strategies``).
    ``method``: ``"regression"`` (default, ``DEFAULTS``-free: stated in the assumptions) or
    ``"binned"`` (single parameters only). ``knots`` (regression only; default 6, stated in the
    assumptions) are the spline's interior knots. ``wtp`` only records the willingness to pay the
    net benefit was computed at (``PsaResult.evppi`` gives it). Duplicate parameter or strategy
    names are refused. Values are in the unit of the net benefit, per decision.
    ``threads`` (default ``DEFAULTS.threads``, 0 = all cores) computes single parameters in
    parallel, one parameter per thread; the results do not depend on it. With ``client`` (a
    ``dask.distributed.Client``) the single parameters are computed on the cluster, a block of
    parameters per task, with the numbers of a local run."""
    nb, names, theta, pnames = _inputs(net_benefit, parameters, "evppi")
    strategies = tuple(str(n) for n in strategies) if strategies is not None else tuple(names)
    if len(strategies) != nb.shape[1]:
        raise ValueError(f"{len(strategies)} strategy names for {nb.shape[1]} net-benefit columns")
    dup = given_twice(strategies)
    if dup:
        raise ValueError(f"strategies: names appear more than once: {dup}")
    assumptions: list[str] = []
    if method is None:
        method = "regression"
        assumptions.append(notice("defaults.function_default", name="method", value="regression", function="evppi"))
    if method not in EVPPI_METHODS:
        raise ArgumentError(f"method must be one of {', '.join(EVPPI_METHODS)}, got {method!r}")
    if knots is None:
        knots = 6
        if method == "regression":
            assumptions.append(notice("defaults.function_default", name="knots", value=6, function="evppi"))
    if isinstance(knots, bool) or not isinstance(knots, (int, np.integer)) or not 2 <= int(knots) <= 20:
        raise ArgumentError(f"knots must be a whole number from 2 to 20, got {knots!r}")
    if wtp is not None:
        wtp = _check_wtp(wtp)
    index = {p: j for j, p in enumerate(pnames)}
    sets: dict[str, list[str]] = {p: [p] for p in pnames} if groups is None else {}
    for gname, given in (groups or {}).items():
        members = [given] if isinstance(given, str) else list(given)  # a string is one name, not its letters
        if not members:
            raise ValueError(f"group '{gname}': no members; give a list of parameter names among {pnames}")
        missing = [m for m in members if m not in index]
        if missing:
            raise ValueError(f"group '{gname}': {missing} not among the parameters {pnames}")
        sets[str(gname)] = members
    if method == "binned" and any(len(m) > 1 for m in sets.values()):
        raise ValueError("method 'binned' estimates single parameters only; use 'regression' for groups")
    singles = [gname for gname, members in sets.items() if len(members) == 1]
    computed: dict[str, tuple[float, float]] = {}
    if singles:
        n_threads = check_threads("threads", pick("threads", threads, assumptions))
        cols = [index[sets[g][0]] for g in singles]
        th1 = theta if cols == list(range(theta.shape[1])) else theta[:, cols]
        settings: dict[str, Any] = {"method": method, "knots": int(knots), "se_draws": _SE_DRAWS, "seed": _SE_SEED}
        if client is not None:
            from impactchain._voi_dask import evppi_on_client

            values, ses = evppi_on_client(client, nb, th1, [pnames[c] for c in cols], settings)
        else:
            values, ses, _ = _core.evppi(
                np.asfortranarray(nb),
                np.asfortranarray(th1),
                threads=n_threads,
                names=[pnames[c] for c in cols],
                **settings,
            )
        computed = {g: (float(v), float(e)) for g, v, e in zip(singles, values, ses)}
    inc = nb[:, 1:] - nb[:, :1]
    rows = []
    for gname, members in sets.items():
        if gname in computed:
            value, se = computed[gname]
        else:  # a group of several parameters: the numpy regression
            value, se = _regression(inc, theta[:, [index[m] for m in members]], int(knots))
        rows.append({"name": gname, "parameters": ", ".join(members), "evppi": value, "se": se})
    per_draw = nb.max(axis=1) - nb[:, int(nb.mean(axis=0).argmax())]
    return EvppiResult(
        rows=tuple(rows),
        evpi=float(per_draw.mean()),
        evpi_se=float(per_draw.std(ddof=1) / np.sqrt(nb.shape[0])),
        method=method,
        n_draws=int(nb.shape[0]),
        strategies=strategies,
        assumptions=tuple(assumptions),
        knots=int(knots) if method == "regression" else None,
        wtp=wtp,
    )


def parameter_groups(names: Sequence[str], by: str) -> dict[str, list[str]]:
    """Model parameter names (``outcomes[employed].deadweight``, ``chain.edges[a->b].rate``, ...)
    grouped ``by="outcome"`` (``outcomes[employed]``; the chain's and the investments' parameters
    each on their own) or ``by="kind"`` (``deadweight``, ``proxy.value``, ``rate``, ...)."""
    import re

    if by not in ("outcome", "kind"):
        raise ArgumentError(f"groups must be 'outcome', 'kind' or a mapping of name -> parameters, got {by!r}")
    out: dict[str, list[str]] = {}
    for n in names:
        m = re.match(r"^([a-z_]+\[[^\]]*\])\.?(.*)$", n) or re.match(r"^(chain\.[a-z]+\[[^\]]*\])\.?(.*)$", n)
        head, tail = (m.group(1), m.group(2)) if m else (n, n)
        key = (head if head.startswith("outcomes[") else n) if by == "outcome" else (tail or n)
        out.setdefault(key, []).append(n)
    return out


EVSI_LIKELIHOODS = ("normal", "binomial")


@result_type
class EvsiResult(Result):
    """EVSI of a survey of the ``parameter`` by sample size (``table``: n, evsi, se, cost, enbs), the
    parameter's EVPPI (the limit as n grows), the sample size with the highest expected net benefit
    of sampling (None when no size pays), the likelihood and the assumptions."""

    parameter: str
    rows: tuple[dict[str, Any], ...]
    evppi: float
    evppi_se: float
    best_n: Optional[int]
    likelihood: str
    seed: int
    assumptions: tuple[str, ...] = ()
    _title = "Expected value of sample information"
    _summary_fields = ("parameter", "evppi", "best_n", "likelihood", "seed")

    def _table(self) -> pd.DataFrame:
        """One row per sample size n: evsi, se, cost, enbs (= evsi − cost)."""
        return pd.DataFrame(list(self.rows), columns=["n", "evsi", "se", "cost", "enbs"]).set_index("n")

    def _sections(self) -> list[Section]:
        return [*super()._sections(), Section("EVSI by sample size (per decision)", table=self._table())]


def evsi(
    net_benefit: Any,
    parameters: Any,
    parameter: str,
    n: Union[int, Sequence[int]],
    *,
    likelihood: str = "normal",
    sd: Optional[float] = None,
    cost_per_respondent: float = 0.0,
    fixed_cost: float = 0.0,
    seed: Optional[int] = None,
    knots: int = 6,
) -> EvsiResult:
    """Expected value of sample information of a survey of ``n`` respondents (one size or several)
    that measures ``parameter`` (a column of ``parameters``, draws x parameters), for the choice
    among the strategies of ``net_benefit`` (draws x strategies). ``likelihood="normal"``: each
    respondent's answer ~ N(θ, ``sd``²) (``sd`` required), the survey's mean ~ N(θ, sd²/n);
    ``"binomial"``: θ is a proportion in [0, 1], the survey counts Binomial(n, θ). For every draw a
    survey result is simulated (``seed``, default ``DEFAULTS.seed``) and the net benefits are
    regressed on it (Strong, Oakley, Brennan & Breeze 2015): EVSI(n) → EVPPI as n grows. ENBS(n) =
    EVSI(n) − ``fixed_cost`` − ``cost_per_respondent`` · n, in the unit of the net benefit."""

    nb, _, theta_all, pnames = _inputs(net_benefit, parameters, "evsi")
    if parameter not in pnames:
        raise ValueError(f"parameter '{parameter}' is not among the parameters {pnames}")
    theta = theta_all[:, pnames.index(parameter)]
    sizes = [int(n)] if isinstance(n, (int, np.integer)) else [int(x) for x in n]
    if not sizes or any(x < 1 for x in sizes):
        raise ValueError(f"n must be one or more sample sizes of at least 1, got {n!r}")
    if likelihood not in EVSI_LIKELIHOODS:
        raise ArgumentError(f"likelihood must be one of {', '.join(EVSI_LIKELIHOODS)}, got {likelihood!r}")
    if likelihood == "normal" and not (sd is not None and np.isfinite(sd) and sd > 0):
        raise ValueError(
            f"likelihood 'normal' needs sd, the standard deviation of one respondent's answer (> 0), got {sd!r}"
        )
    if likelihood == "binomial" and (theta.min() < 0 or theta.max() > 1):
        raise ValueError(f"likelihood 'binomial': parameter '{parameter}' must be a proportion in [0, 1]")
    for what, v in (("cost_per_respondent", cost_per_respondent), ("fixed_cost", fixed_cost)):
        if not (np.isfinite(v) and v >= 0):
            raise ValueError(f"{what} must be a number >= 0, got {v!r}")
    used: list[str] = []
    seed = int(pick("seed", seed, used))
    inc = nb[:, 1:] - nb[:, :1]
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    spread = float(sd) if sd is not None else 0.0  # normal: checked above
    for size in sizes:
        if likelihood == "normal":
            stat = theta + rng.standard_normal(theta.size) * (spread / np.sqrt(size))
        else:
            stat = rng.binomial(size, theta) / size
        value, se = _regression(inc, stat[:, None], int(knots))
        cost = float(fixed_cost) + float(cost_per_respondent) * size
        rows.append({"n": size, "evsi": value, "se": se, "cost": cost, "enbs": value - cost})
    full, full_se = _regression(inc, theta[:, None], int(knots))
    paying = [r for r in rows if r["enbs"] > 0]
    best = int(max(paying, key=lambda r: r["enbs"])["n"]) if paying else None
    return EvsiResult(
        parameter=parameter,
        rows=tuple(rows),
        evppi=full,
        evppi_se=full_se,
        best_n=best,
        likelihood=likelihood,
        seed=seed,
        assumptions=tuple(used),
    )
