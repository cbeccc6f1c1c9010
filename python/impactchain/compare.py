"""Comparing interventions: against each other and against the traditional provider.

Deterministic (``icers``, ``net_benefit``), under uncertainty from draws (``psa``:
acceptability curves and frontier, EVPI, probability best, EIB, ICERs against a
reference, rank probabilities, cost-effectiveness plane), agreement between lenses
(``lenses``) and the model-level entry point ``compare``.

Conventions follow dampack (ICER table: strategy, cost, effect, inc_cost, inc_effect,
icer, status with ND / ED / D) and BCEA (NMB = k·E − C, EIB, CEAC, EVPI).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, ClassVar, Optional

import numpy as np
import pandas as pd

from impactchain._check import DRAWS_MAX, ArgumentError, check_int, check_str, check_threads, given_twice
from impactchain._compare_common import (
    INDEPENDENT_DRAWS,
    _currency,
    _draw_column,
    _error,
    _get,
    _model_name,
    _no_outcome_draws,
    _outcome_effect,
    _outcome_ids,
    _scalar,
    _wtp,
    comparator_named,
)
from impactchain._compare_icers import _ICER_COLUMNS, icers, net_benefit
from impactchain._compare_lenses import LensResult, lenses
from impactchain._compare_psa import psa
from impactchain._compare_psa_result import PsaResult
from impactchain._defaults import DEFAULTS, pick
from impactchain._deprecate import UNSET, renamed
from impactchain._notice import notice
from impactchain._result import Result, result_type
from impactchain._seed import check_stream_version
from impactchain._summary import Section, fmt_value

#: The ICER table's status codes (dampack's), as the command line explains them.
_ICER_STATUS = {"ND": "not dominated (on the frontier)", "ED": "extendedly dominated", "D": "dominated"}
#: The quadrant of a strategy against the reference under uncertainty (BCEA's), as the command line explains it.
_QUADRANT = {
    "NE": "more effective and costs more",
    "SE": "more effective and costs no more (dominant)",
    "NW": "less effective and costs no less (dominated)",
    "SW": "less effective and costs less",
}

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

if TYPE_CHECKING:
    from impactchain._result_plots import ComparisonPlots


# --------------------------------------------------------------------------- models
@result_type
class ComparisonResult(Result):
    """Result of :func:`compare`: deterministic ICER table, net benefit (at the first
    willingness to pay), and a PSA when draws exist. ``table`` is ``icers``; ``options`` the
    options the comparison used (wtp grid, reference, measure; with draws the draws, seed,
    stream version and threads); ``currency`` the models' common currency (None when none of
    them values anything in money)."""

    icers: pd.DataFrame
    net_benefit: pd.DataFrame
    comparator: str
    measure: str
    psa: Optional[PsaResult]
    wtp: tuple[float, ...]
    assumptions: tuple[str, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    currency: Optional[str] = None
    _title = "Comparison"
    _export_skip: ClassVar[tuple[str, ...]] = ("psa",)
    # 2: options and currency
    _version = 2

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Version 1 recorded neither the options nor the currency: none known."""
        if version < 2:
            state = {**state, "options": state.get("options", {}), "currency": state.get("currency")}
        return state

    def _extra_tables(self) -> dict[str, pd.DataFrame]:
        """Tables out: the probabilistic analysis at the comparison's willingness-to-pay values."""
        if self.psa is None:
            return {}
        out = {"psa": self.psa.table, "ce_plane": self.psa.ce_plane()}
        if self.wtp:
            wtp = list(self.wtp)
            out.update(
                ceac=self.psa.ceac(wtp),
                frontier=self.psa.frontier(wtp),
                evpi=pd.Series(self.psa.evpi(wtp)).reset_index(),
            )
        return out

    _summary_fields = ("measure", "comparator")

    @property
    def plot(self) -> ComparisonPlots:
        """Charts as matplotlib figures: ``plot.ce_plane()``, ``plot.ceac()`` (need a comparison with draws)."""
        from impactchain._result_plots import ComparisonPlots

        return ComparisonPlots(self)

    def _data(self) -> dict[str, Any]:
        return {
            "comparator": self.comparator,
            "measure": self.measure,
            "wtp": list(self.wtp),
            "currency": self.currency,
            "options": dict(self.options),
            "icers": self.icers,
            "warnings": list(self.icers.attrs.get("warnings", [])),
            "net_benefit": self.net_benefit,
            "psa": None if self.psa is None else self.psa.to_dict(list(self.wtp)),
            "assumptions": list(self.assumptions),
        }

    def _table(self) -> pd.DataFrame:
        return self.icers

    def _notes(self) -> list[str]:
        return [f"warning: {w}" for w in self.icers.attrs.get("warnings", [])] + super()._notes()

    def _sections(self) -> list[Section]:
        out = super()._sections() + [
            Section("ICERs", table=self.icers.set_index("strategy")),
            Section(nmb_heading(self.wtp), table=self.net_benefit.set_index("strategy")),
        ]
        if self.psa is not None:
            out += [
                Section(
                    f"Under uncertainty ({self.psa.draws:,} draws), against {self.psa.reference}",
                    table=self.psa.icer.set_index("strategy"),
                ),
                Section(
                    "Acceptability frontier (CEAF) and EVPI per willingness to pay",
                    table=self.psa._frontier_evpi(list(self.wtp)),
                ),
            ]
        return out

    def __repr__(self) -> str:
        return f"<ComparisonResult comparator={self.comparator!r} strategies={list(self.icers.strategy)!r}>"


def nmb_heading(wtp: Sequence[float]) -> str:
    """The net benefit's heading: the willingness to pay it is at, the first of several."""
    first = f"Net monetary benefit at wtp = {fmt_value(wtp[0])}"
    return f"{first} (the first of the {len(wtp)} willingness-to-pay values)" if len(wtp) > 1 else first


def footing_clash(named: Sequence[tuple[str, Any, Any]]) -> list[str]:
    """Each model as ``name (currency, price year)`` when the models that value anything in money
    are not all in one currency and price year, else []: their present values cannot be set
    against each other. ``named`` holds (name, currency, price year); a model without a price
    year values nothing in money, so its zeros fit any footing."""
    money = [(n, c, y) for n, c, y in named if y is not None]
    return [f"{n} ({c}, {y})" for n, c, y in money] if len({(c, y) for _, c, y in money}) > 1 else []


def compare(
    models: Sequence[Any],
    reference: str | None = None,
    *,
    wtp: Any = None,
    outcome: str | None = None,
    draws: int | None = None,
    seed: int | None = None,
    threads: int | None = None,
    comparator: Any = UNSET,
    stream_version: int | None = None,
) -> ComparisonResult:
    """Compare several models (interventions) and a comparator on monetised value or a named outcome.

    Each model goes through ``impactchain.value(model)`` first: cost = ``investment_pv``
    (PV of the investment), effect = ``present_value`` (PV of the monetised outcomes)
    or, with ``outcome=``, the present value of the outcome with that name / id (or a
    valuation attribute of that name, e.g. a composite score). With ``draws=``, each
    model also goes through ``impactchain.simulate(model, draws=..., seed=..., keep_draws=True)``
    and the kept draws of the outputs ``investment_pv`` and ``present_value`` feed :func:`psa`.
    A simulation keeps the draws of its four outputs only (``impactchain.uncertainty.OUTPUTS``),
    not of each outcome, so ``outcome=`` with ``draws=`` is refused unless ``outcome`` names one of
    those outputs (e.g. ``sroi_ratio``). Model *i* is simulated with ``seed + i``: uncertainty the
    models share (a proxy they both use) is drawn independently for each, which the result's
    ``assumptions`` state (EVPI, the CEAC and P(best) can overstate the decision uncertainty
    between similar models). ``seed`` defaults to ``DEFAULTS.seed`` (2026, recorded
    in ``assumptions``), ``threads`` to ``DEFAULTS.threads`` (all cores) and ``stream_version``
    (the random stream of the draws, 1 to reproduce impactchain 0.2 and earlier) to
    ``DEFAULTS.stream_version`` (recorded in ``assumptions`` too).

    Parameters
    ----------
    models : list of Model
        At least two, with unique ``name`` metadata.
    reference : str, optional
        Name of the model that is the status quo / traditional provider (the comparator,
        the PSA reference). Default: the model with ``role: comparator``, else the first
        model (recorded in ``assumptions``). ``comparator=`` is its deprecated name.
    wtp : number or array, optional
        Willingness to pay per unit of effect, each >= 0. Default for monetised value: 1 (effects
        are already money); required for a named outcome. The net benefit is at the first value;
        the PSA at every value.
    """
    import impactchain as ic

    comparator = renamed("compare", "comparator", "reference", comparator, reference)
    if isinstance(models, (str, bytes, os.PathLike)) or not isinstance(models, Sequence):
        raise ArgumentError(f"models must be a list of models (or model files), got {type(models).__name__}")
    if isinstance(comparator, os.PathLike):
        comparator = os.fspath(comparator)
    if comparator is not None:
        check_str("comparator", comparator)
    if outcome is not None:
        check_str("outcome", outcome)
    if draws is not None:
        draws = check_int("draws", draws, 1, DRAWS_MAX)
    if outcome is not None and draws is not None:
        from impactchain._uncertainty_result import OUTPUTS

        if outcome not in OUTPUTS:
            raise _error(_no_outcome_draws(outcome))
    if seed is not None:
        seed = check_int("seed", seed, 0, 2**63 - 1 - len(models))
    threads = check_threads("threads", DEFAULTS.threads if threads is None else threads)
    if stream_version is not None:
        stream_version = check_stream_version(stream_version)
    if len(models) < 2:
        raise _error(f"compare: at least 2 models are needed to compare, got {len(models)}")
    try:
        from impactchain.value import value as value_fn
    except ImportError as exc:
        raise RuntimeError(
            "compare: impactchain.value is not available in this build (valuation module missing)"
        ) from exc
    models = [ic.load(m) if isinstance(m, (str, os.PathLike)) else m for m in models]
    names = [_model_name(m, i) for i, m in enumerate(models)]
    twice = given_twice(names)
    if twice:
        raise _error(f"compare: model names must be unique, got {names} (given more than once: {twice})")
    assumptions: list[str] = []
    if comparator is None:
        roles = [n for m, n in zip(models, names) if _get(m, "role") == "comparator"]
        if len(roles) > 1:
            raise _error(f"compare: several models have role 'comparator' ({roles}); choose one with reference=")
        comparator = roles[0] if roles else names[0]
        if not roles:
            assumptions.append(notice("compare.comparator_default", model=comparator))
    named = comparator_named(comparator, names, [_get(m, "source_path") for m in models])
    if named is None:
        raise _error(
            f"compare.reference: '{comparator}' is neither the name of one of the models {names} nor one of their files"
        )
    comparator = named
    measure = f"outcome '{outcome}'" if outcome else "monetised value (PV of outcomes)"
    if wtp is None:
        if outcome is not None:
            raise _error(f"compare: a willingness to pay (wtp=) is needed to value outcome '{outcome}'")
        wtp = 1.0
        assumptions.append(notice("compare.wtp_default"))
    grid, _ = _wtp(wtp, nonnegative=True)

    # The footing is the models' own (a valuation keeps it): checked before any model is valued.
    clash = footing_clash([(n, _get(m, "currency"), _get(m, "price_year") or None) for n, m in zip(names, models)])
    if clash:
        raise _error(
            f"compare: the models are valued in different currencies or price years ({', '.join(clash)}); "
            "bring them to one currency and price year first, as a portfolio does (docs/portfolio.md)"
        )
    valued = [value_fn(m, switching_values=False) for m in models]  # costs and effects only
    costs, effects = [], []
    for i, (v, n) in enumerate(zip(valued, names)):
        cost = _get(v, "investment_pv")
        if cost is None:
            raise RuntimeError(f"compare: the valuation of model '{n}' has no 'investment_pv'")
        eff, of_outcome = (_get(v, "present_value"), False) if outcome is None else _outcome_effect(v, outcome)
        if eff is None:
            raise _error(
                f"compare.models[{i}] '{n}': no outcome '{outcome}' in its valuation "
                f"(its outcomes: {_outcome_ids(v)}; or a valuation attribute such as 'sroi_ratio')"
            )
        if of_outcome and draws is not None:  # an outcome with the id of a simulated output: its draws are not kept
            raise _error(_no_outcome_draws(str(outcome)))
        costs.append(_scalar(cost, f"the investment PV of '{n}'"))
        effects.append(_scalar(eff, f"the effect of '{n}'"))

    table = icers(names, costs, effects)
    net = net_benefit(names, costs, effects, grid[0])
    options: dict[str, Any] = {"wtp": list(grid), "reference": comparator, "measure": measure}
    psa_result = None
    if draws is not None:
        try:
            from impactchain.uncertainty import simulate as sim_fn
        except ImportError as exc:
            raise RuntimeError("compare: draws= needs impactchain.simulate, which this build does not have") from exc
        seed = pick("seed", seed, assumptions)
        stream_version = pick("stream_version", stream_version, assumptions)
        cdraw, edraw = [], []
        # One stream per model: the same seed for every model would give the i-th
        # parameters of all models the same uniforms (a spurious rank correlation).
        assumptions.append(notice("compare.seed_streams", seed=seed, stream_version=stream_version))
        assumptions.append(INDEPENDENT_DRAWS)
        options.update(draws=draws, seed=seed, stream_version=stream_version, threads=threads)
        for i, (m, n) in enumerate(zip(models, names)):
            sim = sim_fn(
                m,
                draws=draws,
                seed=seed + i,
                threads=threads,
                stream_version=stream_version,
                keep_draws=True,
                switching_values=False,
            )
            cdraw.append(_draw_column(sim, "investment_pv", n))
            edraw.append(_draw_column(sim, "present_value" if outcome is None else outcome, n))
        psa_result = psa(np.column_stack(cdraw), np.column_stack(edraw), names, reference=comparator, threads=threads)
    return ComparisonResult(
        icers=table,
        net_benefit=net,
        comparator=comparator,
        measure=measure,
        psa=psa_result,
        wtp=tuple(grid),
        assumptions=tuple(assumptions),
        options=options,
        currency=_currency(models),
    )._read_from(*(m for m in models if isinstance(m, ic.Model)))


def compare_cli_summary(result: ComparisonResult | PsaResult | pd.DataFrame) -> str:
    """Readable text table for the ``impactchain compare`` command."""

    def fmt(v: Any) -> str:
        if isinstance(v, float):
            v += 0.0  # -0.0 (e.g. an ICER of a zero cost difference) prints as 0
            return "NA" if math.isnan(v) else f"{v:,.4g}" if abs(v) < 1e4 else f"{v:,.0f}"
        return str(v)

    def table(df: pd.DataFrame) -> str:
        cols = list(df.columns)
        cells = [[fmt(v) for v in row] for row in df.itertuples(index=False)]
        widths = [max(len(str(c)), *(len(r[i]) for r in cells)) if cells else len(str(c)) for i, c in enumerate(cols)]
        lines = ["  ".join(str(c).ljust(w) for c, w in zip(cols, widths))]
        lines += ["  ".join(x.ljust(w) for x, w in zip(r, widths)) for r in cells]
        return "\n".join(lines)

    def legend(statuses: Any, meaning: dict[str, str]) -> list[str]:
        """What the status codes in a table mean, those that appear (in the table's order of codes)."""
        seen = set(statuses)
        shown = [f"{code} {words}" for code, words in meaning.items() if code in seen]
        return [f"status: {'; '.join(shown)}"] if shown else []

    out: list[str] = []
    if isinstance(result, pd.DataFrame):
        return table(result)
    if isinstance(result, ComparisonResult):
        out.append(f"Comparison on {result.measure}; comparator: {result.comparator}")
        out.append(table(result.icers[_ICER_COLUMNS[:-1]]))
        out += legend(result.icers["status"], _ICER_STATUS)
        notes = [
            f"  {r['strategy']}: {r['note']}"
            for r in result.icers.to_dict("records")
            if r["note"] and r["status"] != "ND"
        ]
        if notes:
            out.append("Notes:\n" + "\n".join(notes))
        out.append(f"\n{nmb_heading(result.wtp)}:")
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
        out += legend(p.icer["status"], _QUADRANT)
        if wtp:
            f = p.frontier(wtp)
            f["evpi"] = np.atleast_1d(np.asarray(p.evpi(wtp) if len(wtp) > 1 else p.evpi(wtp[0]), dtype=float))
            out.append(table(f))
    return "\n".join(out)
