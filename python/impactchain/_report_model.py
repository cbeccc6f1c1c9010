"""Everything the report computes for one model: valuation, Monte Carlo
simulation, soft-outcome summaries from the model's survey data, the defaults the
model relied on, and its charts. A part that cannot be computed is recorded
with the reason, never dropped silently."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from impactchain._i18n import N_, Words, words
from impactchain._report_currency import one_unit
from impactchain._report_discount import is_stated_discount
from impactchain._report_own_defaults import own_defaults
from impactchain._report_plain import ratio_band, simulated_spread
from impactchain._report_ranges import model_ranges
from impactchain._report_results import (
    _simulation_section,
    _value_section,
    _waterfall_steps,
    ledger_chart_rows,
    ledger_warnings,
)
from impactchain._report_soft import _soft_defaults, _soft_entry, soft_warnings
from impactchain._report_text import (
    Said,
    _by_name,
    _finite,
    _friendly,
    _param_central,
    _rate_label,
    in_language,
    keys_in_language,
)
from impactchain._report_voi import what_to_measure
from impactchain.uncertainty import OUTPUTS, simulate
from impactchain.value import value


class _LazyPlots:
    """impactchain.plots imported on first use (matplotlib is slow to import)."""

    def __getattr__(self, name: str) -> Any:
        from impactchain import plots as _p

        return getattr(_p, name)


plots = _LazyPlots()


Progress = Callable[[str], None]


@dataclass
class ModelSection:
    """Everything the report shows for one model, read from its results and the
    model's typed fields (``model``), never from the model-file dict."""

    name: str
    role: str
    source: str | None
    base_dir: Path
    info: dict
    model: Any
    value: dict | None = None
    simulation: dict | None = None
    soft: list[dict] = field(default_factory=list)
    not_computed: dict[str, str] = field(default_factory=dict)
    defaults: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unadjusted: list[str] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)
    ratio_draws: np.ndarray | None = None
    pv_draws: np.ndarray | None = None
    cost_draws: np.ndarray | None = None
    quantities: Mapping[str, Any] | None = None
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # _report_ranges.model_ranges

    @property
    def values_no_outcome(self) -> bool:
        """Valued, but no outcome is in money (investments only): its ratio of 0 would say
        nothing of what it achieved, so the summary shows none."""
        return self.value is not None and not self.model.outcomes


def any_illustrative(sections: Sequence[ModelSection]) -> bool:
    """True when a model's notes call its figures illustrative (the report then says so first)."""
    return any("illustrative" in (s.info.get("notes") or "").lower() for s in sections)


@dataclass(frozen=True, eq=False, repr=False)
class ReportView(ABC):
    """What a report holds and the layout reads; :class:`impactchain.report.Report` adds
    the result contract (so the layout need not import the report module, which imports it)."""

    title: str
    sections: list[ModelSection]
    comparison: dict | None
    comparison_charts: dict[str, str]
    comparison_not_computed: str | None
    settings: dict
    caveats: list[str]
    summary_charts: dict[str, str] = field(default_factory=dict)
    lang: str = "en"

    @property
    @abstractmethod
    def illustrative(self) -> bool: ...

    @abstractmethod
    def summary_rows(self) -> list[dict]: ...

    @abstractmethod
    def defaults(self) -> list[str]: ...

    @abstractmethod
    def not_computed(self) -> list[dict]: ...


def _chain_svg(model: Any, quantities: Mapping[str, Any] | None, w: Words) -> str:
    nodes = []
    for n in model.chain.nodes:
        q = None
        if quantities and quantities.get(n.id) is not None:
            q = _finite(quantities[n.id])
        elif n.quantity is not None:
            q = _param_central(n.quantity.to_dict())
        nodes.append({"id": n.id, "name": n.name or n.id, "level": n.level, "quantity": q, "unit": n.unit or ""})
    edges = [
        {"from": e.source, "to": e.target, "rate": _rate_label(e.rate.to_dict(), w) if e.rate is not None else ""}
        for e in model.chain.edges
    ]
    return plots.chain_diagram(nodes, edges, lang=w)


def share_below(draws: np.ndarray | None, central: Any) -> float | None:
    """The share of the simulations (those with a ratio) whose ratio is below the central value: where
    the headline sits among them (0.5 in their middle); None without a central value or draws."""
    c = _finite(central)
    if c is None or draws is None:
        return None
    ok = np.asarray(draws, dtype=float)
    ok = ok[np.isfinite(ok)]
    return float(np.mean(ok < c)) if ok.size else None


def below_central(sec: ModelSection) -> float | None:
    """The share of the model's simulations below its central value (the simulation's record; from
    the draws for a report computed before it was recorded)."""
    sim = sec.simulation or {}
    if "share_below_central" in sim:
        return _finite(sim["share_below_central"])
    return share_below(sec.ratio_draws, sec.value["sroi_ratio"] if sec.value else None)


def _compute_model(
    model: Any,
    source: str | None,
    base_dir: Path,
    *,
    draws: int,
    seed: int,
    threads: int,
    stream_version: int,
    say: Progress,
    allow_outside_data: bool = False,
    lang: str = "en",
) -> ModelSection:
    name = model.name or Said(N_("unnamed_model"))
    as_dict = model.to_dict()  # once: the ledger's parties and the assumptions' ranges read it
    sec = ModelSection(
        name=name,
        role=model.role or "intervention",
        source=source,
        base_dir=base_dir,
        info={
            "organisation": model.organisation or None,
            "description": model.description or None,
            "period": ({"start": model.period[0], "end": model.period[1]} if model.period else None),
            "currency": model.currency or None,
            "price_year": model.price_year,
            "notes": model.notes or None,
        },
        model=model,
        ranges=model_ranges(as_dict),
    )
    own, sec.unadjusted = own_defaults(model)

    try:  # central quantity of every chain node, flowing along the edges
        quantities = {str(k): v for k, v in model.chain.quantities().items()}
    except ValueError:  # the diagram then shows given quantities only
        quantities = None
    monetised = bool(model.outcomes or model.investments)
    # Deterministic valuation. A ValueError is a result that is not defined for
    # this model: shown in the section with its reason, never silently dropped.
    if not monetised:
        sec.not_computed["value"] = Said(N_("why_nothing_monetised"))
    else:
        say(f"{name}: valuing")
        try:
            sec.value = _value_section(value(model), model, model_dict=as_dict)
        except ValueError as e:
            sec.not_computed["value"] = str(e)
        else:
            # A discounting the model states is no default: the model's section says it (with the PV).
            sec.defaults += [a for a in sec.value["assumptions"] if not is_stated_discount(a)]
            sec.warnings += sec.value["warnings"]
    # The model-level defaults this report sees itself, unless the valuation
    # already reported the same outcome's default (no default goes unlisted).
    told = " ".join(sec.value["assumptions"]).lower() if sec.value else ""
    for d in own:
        oid = next(
            (o["id"] for o in model.outcomes or [] if (o.get("name") or o["id"]) == d.params.get("outcome")), None
        )
        if d.key == N_("default_adjustments") and oid and f"'{oid.lower()}'" in told:
            continue  # the valuation listed this outcome's defaults field by field
        if d.key == N_("default_no_stakeholder") and oid and f"outcome '{oid.lower()}': no stakeholder given" in told:
            continue  # the valuation said it (value.no_stakeholder), by the outcome's name below
        sec.defaults.append(d)
    sec.defaults = [_by_name(d, model) for d in sec.defaults]
    sec.warnings = [_by_name(w, model) for w in sec.warnings]

    # Monte Carlo.
    if not monetised:
        sec.not_computed["simulation"] = Said(N_("why_nothing_to_simulate"))
    else:
        say(f"{name}: simulating {draws:,} draws")
        try:
            # The switching values come from value() above; the simulation need not repeat them.
            sim = simulate(
                model,
                draws=draws,
                seed=seed,
                threads=threads,
                stream_version=stream_version,
                keep_draws=True,
                keep_parameters=True,
                switching_values=False,
            )
        except ValueError as e:
            sec.not_computed["simulation"] = str(e)
        else:
            sec.simulation = _simulation_section(sim, model)
            sec.simulation["measure"] = what_to_measure(sim)
            # The simulation repeats some of the valuation's warnings (how the file was read, the practice lint).
            sec.warnings += [x for x in sec.simulation["warnings"] if x not in sec.warnings]
            kept = sim.draws_array
            assert kept is not None  # simulated with keep_draws=True
            sec.ratio_draws, sec.pv_draws, sec.cost_draws = (
                kept[:, OUTPUTS.index(k)] for k in ("sroi_ratio", "present_value", "investment_pv")
            )
            sec.simulation["share_below_central"] = share_below(
                sec.ratio_draws, sec.value["sroi_ratio"] if sec.value else None
            )

    # Soft outcomes: a data file that cannot be used raises DataFileError and stops the report.
    # Their data files must lie in the model's folder unless allow_outside_data.
    for i, spec in enumerate(model.soft_outcomes or []):
        say(f"{name}: soft outcome '{spec['id']}'")
        so = _soft_entry(model, i, spec, base_dir, name, seed, threads, allow_outside_data)
        sec.soft.append(so)
        sec.defaults += _soft_defaults(spec, so)
        sec.warnings += soft_warnings(so)

    # A party that pays more than it gains, said plainly; not where nothing is valued in money
    # (every party then "gains" 0, which the warning value.no_outcomes already says).
    if sec.value and not sec.values_no_outcome:
        sec.warnings += ledger_warnings(sec.value, sec.simulation)
    sec.quantities = quantities
    unvalued = Said(N_("why_no_money_outcome")) if sec.values_no_outcome else None  # the reason, then
    if sec.value and not sec.value["by_stakeholder"]:
        sec.not_computed["by stakeholder"] = unvalued or Said(N_("why_no_stakeholders"))
    # Every assumption a fixed number: nothing varies, so no tornado is expected and none is missing
    # (``simulation.uncertain_assumptions`` 0 and ``simulation.tornado`` null say why; the section's
    # uncertainty paragraph and the warning value.all_fixed say it in words).
    if sec.simulation and simulated_spread(sec.simulation):
        tor = sec.simulation["_tornado"]
        if tor is None:
            sec.not_computed["tornado"] = unvalued or Said(N_("why_no_tornado"))
        elif tor[3] is None:
            sec.not_computed["tornado"] = unvalued or Said(N_("why_tornado_undefined"))
    draw_charts(sec, words(lang))
    return sec


def draw_charts(sec: ModelSection, w: Words) -> None:
    """The model's charts, their labels in the language of ``w`` (replacing any drawn before)."""
    sec.charts = {}
    currency = sec.model.currency or ""
    if sec.model.chain.nodes:
        try:
            sec.charts["chain"] = _chain_svg(sec.model, sec.quantities, w)
        except plots.GraphvizNotFoundError as e:  # the steps are still listed as text; the reason is shown
            sec.not_computed["chain diagram"] = str(e)
    v = sec.value
    unvalued = sec.values_no_outcome  # no waterfall from 0 to 0, no histogram of ratios of 0
    if v and not unvalued:
        sec.charts["waterfall"] = plots.waterfall(
            [(w(k), x) for k, x in _waterfall_steps(v["yearly"])],
            currency=currency,
            title=w("chart_waterfall_title"),
            lang=w,
        )
    if v:
        if v["by_stakeholder"]:
            sec.charts["stakeholders"] = plots.stakeholder_bars(
                keys_in_language(v["by_stakeholder"], w), currency=currency, title=w("chart_stakeholders_title"), lang=w
            )
        if v.get("ledger"):
            sec.charts["ledger"] = plots.ledger_bars(
                # every assumption fixed: no interval to draw (each party's net is the same in every draw)
                ledger_chart_rows(
                    v["ledger"], (sec.simulation or {}).get("ledger") if simulated_spread(sec.simulation) else None, w
                ),
                currency=currency,
                title=w("chart_ledger_title"),
                lang=w,
            )
        if v["by_funder"]:
            sec.charts["funders"] = plots.funder_bars(
                keys_in_language(v["by_funder"], w),
                currency=currency,
                title=w("chart_funders_title"),
                lang=w,
            )
    s = sec.simulation
    if s and not unvalued:
        lower, upper, level = ratio_band(s, {})
        sec.charts["ratio"] = plots.ratio_histogram(
            sec.ratio_draws,
            lower=lower,
            upper=upper,
            level=level,
            central=s["sroi_ratio"]["p50"],
            title=w("chart_ratio_title"),
            xlabel=w("chart_ratio_axis_per", one=one_unit(w, currency)),
            lang=w,
        )
        tor = s["_tornado"]
        if tor is not None and tor[3] is not None:
            sec.charts["tornado"] = plots.tornado(
                [_friendly(k, sec.model, w) for k in tor[4]], tor[1], tor[2], tor[3], lang=w
            )
    for so in sec.soft:
        if so.get("error"):
            continue
        bounds = (so["change_ci_low"], so["change_ci_high"])
        ci = bounds if all(_finite(c) is not None for c in bounds) else None
        sec.charts[f"soft:{so['id']}"] = plots.soft_profile(
            so["_pre"],
            so["_post"],
            scale=tuple(so["scale_bounds"]) if so["scale_bounds"] else None,
            mean_change=_finite(so["mean_change"]),
            ci=ci,
            unit=in_language(so["unit"], w),
            title=so["name"],
            lower_is_better=so["lower_is_better"],
            level=so["level"],
            lang=w,
        )
