"""The report's comparison of the models: deterministic ICER table and, from
the simulations' draws, the PSA (cost-effectiveness plane, acceptability curves, EVPI)."""

from __future__ import annotations

from typing import Any

import numpy as np

from impactchain._compare_common import comparator_named
from impactchain._i18n import N_, Words
from impactchain._report_currency import one_unit, report_currency
from impactchain._report_model import ModelSection, Progress, plots
from impactchain._report_text import Said
from impactchain._result_json import json_ready
from impactchain.compare import footing_clash, icers, psa

#: Willingness-to-pay grid (what a funder would pay per unit of social value, in the models' currency) for
#: acceptability curves.
WTP_GRID = tuple(np.round(np.linspace(0.0, 3.0, 31), 2))


def _comparison(
    sections: list[ModelSection], comparator: str | None, say: Progress, w: Words, threads: int
) -> tuple[dict | None, dict, str | None]:
    """Deterministic ICER table and, with draws, the PSA (CE plane, CEAC, EVPI) on the report's
    ``threads``; charts labelled in ``w``'s language."""
    charts: dict[str, str] = {}
    if len(sections) < 2:
        return None, charts, None
    notes = []
    names = [s.name for s in sections]
    if comparator is None:
        comps = [s.name for s in sections if s.role == "comparator"]
        if comps:
            comparator = comps[0]
            notes.append(Said(N_("default_comparator_role"), name=comparator))
        else:
            comparator = names[0]
            notes.append(Said(N_("default_comparator_first"), name=comparator))
    else:
        named = comparator_named(comparator, names, [s.source for s in sections])
        if named is None:
            raise ValueError(
                f"comparator '{comparator}' is neither the name of one of the models {names} nor one of their files"
            )
        comparator = named
    missing = [
        s.name for s in sections if not s.value or s.value["investment_pv"] is None or s.value["present_value"] is None
    ]
    if missing:
        return None, charts, Said(N_("why_comparison_needs_values"), names=missing)
    clash = footing_clash(
        [(s.name, s.value["currency"] if s.value else None, s.info.get("price_year")) for s in sections]
    )
    if clash:
        return None, charts, Said(N_("why_comparison_footings"), models=clash)
    say("comparing")
    values = [s.value for s in sections if s.value]  # every section has one (checked above)
    costs = [v["investment_pv"] for v in values]
    effects = [v["present_value"] for v in values]
    currency = report_currency(sections)
    money = f" ({currency})" if currency else ""
    out: dict[str, Any] = {
        "comparator": comparator,
        "measure": f"present value of monetised outcomes{money}",
        "cost": f"present value of the investment{money}",
        "assumptions": notes,
    }
    table = icers(names, costs, effects)
    out["icers"] = json_ready(table)
    out["icer_warnings"] = list(table.attrs["warnings"])
    no_sim = [s.name for s in sections if s.simulation is None]
    if no_sim:
        out["psa"] = None
        out["psa_not_computed"] = Said(N_("why_psa_needs_simulations"), names=no_sim)
        return out, charts, None
    # Every model was simulated (checked above), with the same number of draws.
    C = np.column_stack([s.cost_draws for s in sections if s.cost_draws is not None])
    E = np.column_stack([s.pv_draws for s in sections if s.pv_draws is not None])
    p = psa(C, E, names, reference=comparator, threads=threads)
    wtp = list(WTP_GRID)
    pb = p.prob_best(wtp)
    evpi = p.evpi(wtp)
    out["psa"] = {
        "draws": int(C.shape[0]),
        "wtp": wtp,
        "prob_best": {str(k): [json_ready(x) for x in pb[k].tolist()] for k in pb.columns},
        "evpi": [json_ready(x) for x in np.asarray(evpi, dtype=float).tolist()],
        "icer": json_ready(p.icer),
        # At 1.0 on its own (one pass, shared by both), not read from the grid above: the grid's
        # EVPI sums each draw's best through running sums across the grid, which differ from this
        # direct sum in the last bits.
        "prob_best_at_1": {str(k): json_ready(v) for k, v in p.prob_best(1.0).items()},
        # What removing every uncertainty before choosing would gain on average, at 1 per 1 of social value.
        "evpi_at_1": json_ready(float(np.asarray(p.evpi(1.0), dtype=float))),
    }
    out["assumptions"] += list(p.assumptions)
    return out, comparison_charts(sections, out, w), None


def _draws(x: np.ndarray | None, name: str) -> np.ndarray:
    """A model's kept draws, which a comparison with a PSA always has."""
    if x is None:
        raise ValueError(f"comparison charts: model '{name}' has no simulation draws")
    return x


def comparison_charts(sections: list[ModelSection], comp: dict, w: Words) -> dict[str, str]:
    """The comparison's charts (cost-effectiveness plane, acceptability curves), labelled in ``w``'s language."""
    if not comp.get("psa"):
        return {}
    names = [s.name for s in sections]
    C = np.column_stack([_draws(s.cost_draws, s.name) for s in sections])
    E = np.column_stack([_draws(s.pv_draws, s.name) for s in sections])
    ref = names.index(comp["comparator"])
    de = {nm: E[:, j] - E[:, ref] for j, nm in enumerate(names) if j != ref}
    dc = {nm: C[:, j] - C[:, ref] for j, nm in enumerate(names) if j != ref}
    pb = comp["psa"]["prob_best"]
    currency = sections[0].model.currency or "EUR"
    return {
        "ce_plane": plots.ce_plane(de, dc, wtp=1.0, comparator=comp["comparator"], currency=currency, lang=w),
        "ceac": plots.ceac(
            comp["psa"]["wtp"],
            {k: np.asarray(v, dtype=float) for k, v in pb.items()},
            xlabel=w("chart_ceac_axis_per", one=one_unit(w, currency), currency=currency),
            lang=w,
        ),
    }
