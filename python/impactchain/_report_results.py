"""Plain report data from the valuation (:class:`impactchain.value.ValueResult`)
and the Monte Carlo simulation (:class:`impactchain.uncertainty.SimulationResult`):
totals, tables, summaries of the outputs and the one-way sensitivity rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from impactchain._i18n import N_
from impactchain._report_discount import discount_info
from impactchain._report_text import Money, Said, Share, _finite, _friendly, _names, in_language
from impactchain._result_json import json_ready
from impactchain.uncertainty import SimulationResult
from impactchain.value import ValueResult

#: The stakeholder the C++ valuation groups outcomes without one under (``ValueResult.by_stakeholder``).
CORE_NO_STAKEHOLDER = "(none)"


def _present_values(table: pd.DataFrame, label: str, names: dict[str, str]) -> dict[str, float]:
    """{name: present value} of a by_stakeholder / by_funder table (ids replaced by the stakeholders' names)."""
    return {names.get(str(k), str(k)): float(x) for k, x in zip(table[label], table["present_value"])}


def _value_section(res: ValueResult, model: Any = None, *, model_dict: Mapping[str, Any] | None = None) -> dict:
    """The valuation as report data (the result's own names: ``investment_pv``, ...);
    a ratio, NPV or payback that is not defined is None. ``model_dict``: the model's
    ``to_dict()`` where the caller has it already (else it is made here when needed)."""
    names = _names(model)["stakeholder"]
    return {
        "present_value": _finite(res.present_value),
        "investment_pv": _finite(res.investment_pv),
        "investment": _finite(res.investment),
        "npv": _finite(res.npv),
        "sroi_ratio": _finite(res.sroi_ratio),
        "net_sroi": _finite(res.net_sroi),
        "payback_months": _finite(res.payback_months),
        "payback_reached": res.payback_reached,
        # What the payback rule weighed against the investment (undiscounted, every year the
        # effects last), and in how many years there are effects: the words of a payback that
        # never comes give the same sum that decided it.
        "payback_effects": res.payback_effects,
        "effect_years": res.effect_years,
        # When the effects, added up year by year as the model gives them (after drop-off,
        # undiscounted), reach the investment: the simple form's months assume every year
        # brings as much as the first. None where the payback never comes or is not defined.
        "payback_months_by_year": res.payback_months_by_year,
        "currency": res.currency,
        # The discounting used (its schedule, stated by the model or a default, the first-year
        # convention, whether investments are discounted): said where the report explains the PV.
        "discount": discount_info(res.assumptions, res.options, res.discount),
        "warnings": list(res.warnings),
        "assumptions": list(res.assumptions),
        "by_stakeholder": {
            (Said(N_("no_stakeholder")) if k == CORE_NO_STAKEHOLDER else k): x
            for k, x in _present_values(res.by_stakeholder, "stakeholder", names).items()
        },
        "by_funder": {
            (k or Said(N_("no_funder"))): x for k, x in _present_values(res.by_funder, "funder", names).items()
        },
        "ledger": _ledger_lines(res, names, _parties_with_outcomes(model, model_dict)),
        "switching_values": json_ready(res.switching_values),
        "switching_value_labels": {k: _friendly(k, model) for k in res.switching_values},
        "yearly": res.yearly,
    }


def _parties_with_outcomes(model: Any, model_dict: Mapping[str, Any] | None = None) -> set[str] | None:
    """The ids of the stakeholders that an outcome of the model, monetised or soft, accrues to (its
    ``stakeholder`` or a ``beneficiaries`` share); None without a model (then every party counts).
    ``model_dict``: the model's ``to_dict()`` where the caller has it already."""
    if model is None:
        return None
    d = model.to_dict() if model_dict is None else model_dict
    own: set[str] = set()
    for o in [*(d.get("outcomes") or []), *(d.get("soft_outcomes") or [])]:
        if o.get("stakeholder"):
            own.add(str(o["stakeholder"]))
        own |= {str(k) for k in (o.get("beneficiaries") or {})}
    return own


def _ledger_lines(res: ValueResult, names: dict[str, str], own: set[str] | None = None) -> list[dict]:
    """Who pays, who gains at the central values: one dict per party (``id`` as in the model,
    ``party`` as the report shows it: a stakeholder's name, a funder as written; ``has_outcomes``:
    whether an outcome of the model is its own, True where that is not known)."""
    out = []
    for r in res.ledger.to_dict("records"):
        pid = str(r["party"])
        shown: Any = Said(N_("no_stakeholder")) if pid == CORE_NO_STAKEHOLDER else names.get(pid, pid)
        out.append(
            {
                "id": pid,
                "party": shown,
                **{k: _finite(r[k]) for k in ("pays", "gains", "net", "volunteer_hours", "unvalued_hours")},
                "has_outcomes": own is None or pid in own,
            }
        )
    return out


def ledger_chart_rows(lines: list[dict], simulated: dict | None, w: Any) -> list[tuple]:
    """(name in w's language, pays, gains, net interval or None) per party, for plots.ledger_bars."""
    simulated = simulated or {}
    return [
        (
            in_language(x["party"], w),
            x["pays"] or 0.0,
            x["gains"] or 0.0,
            (simulated[x["id"]]["net_lower"], simulated[x["id"]]["net_upper"]) if x["id"] in simulated else None,
        )
        for x in lines
    ]


#: A party "pays more than it gains with high probability" when P(net <= 0) is at least this.
WRONG_POCKET_PROBABILITY = 0.9


def ledger_warnings(value: dict, simulation: dict | None) -> list[Said]:
    """A plain warning for each party that pays and, with probability WRONG_POCKET_PROBABILITY or
    more under the simulation (at the central values without one), gains less than it pays. A
    party that only funds (no outcome of the model is its own: a fund, the initiative itself)
    pays without gaining by design, and is not warned (the ledger's intro says so)."""
    out: list[Said] = []
    cur = value["currency"]
    sim = (simulation or {}).get("ledger") or {}
    for line in value["ledger"]:
        if not line["pays"] or line["pays"] <= 0 or not line.get("has_outcomes", True):
            continue
        common = {"party": line["party"], "pays": Money(line["pays"], cur), "gains": Money(line["gains"] or 0.0, cur)}
        s = sim.get(line["id"])
        if s is not None and s["p_net_positive"] is not None:
            p_loss = 1.0 - s["p_net_positive"]
            if p_loss >= WRONG_POCKET_PROBABILITY:
                out.append(Said(N_("ledger_wrong_pocket"), **common, p=Share(p_loss)))
        elif s is None and line["net"] is not None and line["net"] < 0:
            out.append(Said(N_("ledger_wrong_pocket_central"), **common))
    return out


_STEPS = [
    ("gross", N_("step_gross")),
    ("after_deadweight", N_("step_deadweight")),
    ("after_displacement", N_("step_displacement")),
    ("after_attribution", N_("step_attribution")),
    ("after_leakage", N_("step_leakage")),
    ("after_drop_off", N_("step_drop_off")),
    ("discounted", N_("step_discounting")),
]


def _waterfall_steps(yearly: pd.DataFrame) -> list[tuple[str, float]]:
    """Gross value, what each adjustment and discounting takes away, and the present value,
    each named by its message key."""
    # A yearly table without a column (after_leakage in results pickled before leakage) has no step.
    cols = [(c, key) for c, key in _STEPS if c in yearly]
    tot = [float(pd.to_numeric(yearly[c], errors="coerce").sum()) for c, _ in cols]
    steps = [(cols[0][1], tot[0])]
    for i in range(1, len(cols)):
        # Leakage is shown only where a model applies it (a step of 0 would read as a claim).
        if cols[i][0] == "after_leakage" and tot[i] == tot[i - 1]:
            continue
        steps.append((cols[i][1], tot[i] - tot[i - 1]))
    steps.append((N_("step_present_value"), tot[-1]))
    return steps


#: Report key -> simulation output.
_SIM_OUTPUTS = (
    ("sroi_ratio", "sroi_ratio"),
    ("present_value", "present_value"),
    ("npv", "npv"),
    ("investment_pv", "investment_pv"),
)


def _simulation_section(sim: SimulationResult, model: Any = None) -> dict:
    """The simulation as report data: (mean, sd, level, lower, upper, p05, p50, p95) of each output,
    P(ratio > 1), P(NPV < 0) (counted on every draw; None where no assumption was drawn), how many
    assumptions were drawn (0: every assumption is a fixed number), warnings, the ratio's tornado
    rows and the Sobol indices."""
    s: dict[str, Any] = {"draws": sim.draws, "seed": sim.seed}
    for key, out in _SIM_OUTPUTS:
        s[key] = {k: _finite(x) for k, x in sim.summary_by_output[out].stats().items()}
    # The assumptions drawn from a distribution: with none, every draw is the central valuation
    # and an interval of it would pretend an uncertainty nobody gave; its chances (a "100%" or "0%"
    # that only repeats the central value's side of 1) are then None, as the summary's.
    s["uncertain_assumptions"] = len(sim.parameter_names)
    drawn = s["uncertain_assumptions"] > 0
    s["p_ratio_above_1"] = _finite(sim.p_ratio_above_1) if drawn else None
    s["p_npv_below_0"] = _finite(sim.p_npv_below_0) if drawn else None
    s["nonfinite_draws"] = sim.nonfinite_draws
    s["warnings"] = list(sim.warnings)
    tor = _tornado_data(sim.tornado, model)
    s["tornado"] = (
        None
        if tor is None
        else [
            {"assumption": a, "name": k, "low": lo, "high": hi} for a, k, lo, hi in zip(tor[0], tor[4], tor[1], tor[2])
        ]
    )
    s["_tornado"] = tor
    # Which low and high values the tornado took (p05_p95: each assumption's 5th and 95th percentiles).
    s["tornado_range"] = sim.tornado_range
    s["sobol"] = json_ready(sim.sobol)
    s["ledger"] = {
        str(r["party"]): {k: _finite(x) for k, x in r.items() if k != "party"} | {"level": sim.level}
        for r in sim.ledger_rows
    }
    return s


def _tornado_data(
    tor: pd.DataFrame, model: Any = None
) -> tuple[list[str], list[float], list[float], float | None, list[str]] | None:
    """The SROI ratio's rows of the tornado table: labels, ratio at low, ratio at high, base
    ratio, and the parameter names (``outcomes[jobs].deadweight``) the labels are made from."""
    df = tor[tor["output"] == "sroi_ratio"]
    if df.empty:
        return None
    return (
        [_friendly(str(x), model) for x in df["name"]],
        df["output_low"].astype(float).tolist(),
        df["output_high"].astype(float).tolist(),
        _finite(df["base"].iloc[0]),
        [str(x) for x in df["name"]],
    )
