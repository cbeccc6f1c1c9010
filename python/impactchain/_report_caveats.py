"""The report summary's caveats, in plain words: what a model file may not say as meant, what
the numbers depend on most, how sure they are, what could not be computed, the soft outcomes'
data, the defaults taken and the comparison (``impactchain.report.build_report`` lists them)."""

from __future__ import annotations

from impactchain._i18n import N_
from impactchain._report_model import ModelSection, any_illustrative
from impactchain._report_plain import part_key
from impactchain._report_text import Said, Share, SlotLabel


def caveats(sections: list[ModelSection], comparison: dict | None) -> list[str]:
    """The summary's caveats in plain words (each a ``Said``: English text, drawn in every language)."""
    out: list[str] = []
    for s in sections:  # first what a model file may not say as meant (1.250 read as 1.25)
        for w in getattr(s.model, "read_warnings", ()):
            out.append(Said(N_("caveat_read"), name=s.name, warning=w))
    for s in sections:
        sim = s.simulation or {}
        tor = sorted(sim.get("tornado") or [], key=lambda t: -abs((t["high"] or 0) - (t["low"] or 0)))[:3]
        if tor:
            out.append(
                Said(
                    N_("caveat_depends"),
                    name=s.name,
                    items=[
                        Said(
                            N_("caveat_depends_item"),
                            assumption=SlotLabel(t["name"], s.model),
                            low=float(min(t["low"], t["high"])),
                            high=float(max(t["low"], t["high"])),
                        )
                        for t in tor
                    ],
                )
            )
        p = sim.get("p_ratio_above_1")
        if p is not None and 0.05 < p < 0.95:
            out.append(Said(N_("caveat_uncertain"), name=s.name, share=Share(p)))
        if s.unadjusted:
            out.append(Said(N_("caveat_unadjusted"), name=s.name, outcomes=list(s.unadjusted)))
        for k, why in s.not_computed.items():
            out.append(Said(N_("caveat_not_computed"), name=s.name, part=Said(part_key(k)), why=why))
        for so in s.soft:
            if so.get("error"):
                out.append(Said(N_("caveat_soft_error"), name=s.name, outcome=so["name"], error=so["error"]))
            elif so.get("n_rows_not_used"):
                out.append(Said(N_("caveat_soft_rows"), name=s.name, outcome=so["name"], n=so["n_rows_not_used"]))
        if any(so.get("n_used") is not None and so["n_used"] < 30 for so in s.soft if not so.get("error")):
            out.append(Said(N_("caveat_few_respondents"), name=s.name))
    counts = [Said(N_("caveat_defaults_item"), name=s.name, n=len(s.defaults)) for s in sections if s.defaults]
    if counts:
        out.append(Said(N_("caveat_defaults"), items=counts))
    if any(s.soft for s in sections):
        out.append(Said(N_("caveat_soft_not_money")))
    if comparison is not None:
        out.append(Said(N_("caveat_comparison")))
        if comparison.get("psa"):  # chances of being best from each model's own simulation
            out.append(Said(N_("caveat_comparison_draws")))
    if any_illustrative(sections):
        out.insert(0, Said(N_("caveat_illustrative")))
    return out
