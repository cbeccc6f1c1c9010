"""The report as Markdown: the same content as the HTML page, charts described in words."""
from __future__ import annotations

from impactchain._report_model import ReportView
from impactchain._report_results import _waterfall_steps
from impactchain._report_text import _interval, _md, _money, _num, _pct, _proxies, _rate_label, _rows_not_used_line, _soft_line


def _render_markdown(rep: ReportView) -> str:
    L: list[str] = []
    a = L.append
    a(f"# {_md(rep.title)}\n")
    a(f"Generated {rep.settings['generated']} with impactchain {rep.settings['impactchain_version']} · "
      f"{rep.settings['draws']:,} simulations per model · seed {rep.settings['seed']}\n")
    if rep.illustrative:
        a("> **Illustrative figures, not real data.** This report shows how the method works; its numbers must not "
          "be cited as results.\n")
    a("## Summary\n")
    a("| Model | Social value per euro | 90 % interval | P(ratio > 1) | Present value | Investment (PV) |")
    a("|---|---:|---:|---:|---:|---:|")
    for r in rep.summary_rows():
        a(f"| {_md(r['name'])}{' (comparator)' if r['role'] == 'comparator' else ''} | {_num(r['sroi_ratio'])} | "
          f"{_interval(r['ratio_p05'], r['ratio_p95'])} | {_pct(r['p_ratio_above_1'])} | "
          f"{_money(r['present_value'], r['currency'])} | {_money(r['investment_pv'], r['currency'])} |")
    a("")
    soft = [(s.name, so) for s in rep.sections for so in s.soft]
    if soft:
        a("**Soft outcomes (own units):**\n")
        for n, so in soft:
            a(f"- {_md(n)}: {_md(_soft_line(so))}")
        a("")
    a("### What to keep in mind\n")
    for c in rep.caveats:
        a(f"- {_md(c)}")
    a("")
    nc = rep.not_computed()
    if nc:
        a("### Sections that could not be computed\n")
        for x in nc:
            a(f"- {_md(x['model'] or 'all')} — {_md(x['section'])}: {_md(x['reason'])}")
        a("")
    for s in rep.sections:
        cur = s.info.get("currency") or ""
        a(f"## {_md(s.name)}{' (comparator)' if s.role == 'comparator' else ''}\n")
        if s.info.get("description"):
            a(_md(s.info["description"]) + "\n")
        if s.info.get("notes"):
            a(f"*Note:* {_md(s.info['notes'])}\n")
        a("### Outcome chain\n")
        chain = s.model.chain
        node = {n.id: n.name or n.id for n in chain.nodes}
        for e in chain.edges:
            a(f"- {_md(node.get(e.source, e.source))} → {_md(node.get(e.target, e.target))}"
              + (f" ({_md(_rate_label(e.rate.to_dict()))})" if e.rate is not None else ""))
        if not chain.nodes:
            a("The model has no outcome chain.")
        a("\n*(Diagram in the HTML report.)*\n")
        a("### Social value\n")
        v = s.value
        if v is None:
            a(f"**Not computed:** {_md(s.not_computed.get('value', 'unknown reason'))}\n")
        else:
            a("| Measure | Value |\n|---|---:|")
            a(f"| Present value of outcomes | {_money(v['present_value'], cur)} |")
            a(f"| Present value of investment | {_money(v['investment_pv'], cur)} |")
            a(f"| Net present value | {_money(v['npv'], cur)} |")
            a(f"| Social value per euro (SROI ratio) | {_num(v['sroi_ratio'])} |")
            a(f"| Net SROI | {_num(v['net_sroi'])} |")
            a(f"| Payback (months) | {_num(v['payback_months'], 1)} |\n")
            steps = _waterfall_steps(v["yearly"])
            a("Value waterfall: " + " → ".join(f"{_md(lab)} {_money(x, cur)}" for lab, x in steps) + "\n")
            if v["by_stakeholder"]:
                a("Value by stakeholder: " + "; ".join(f"{_md(k)} {_money(x, cur)}" for k, x in v["by_stakeholder"].items()) + "\n")
            if v["by_funder"]:
                a("Investment by funder: " + "; ".join(f"{_md(k)} {_money(x, cur)}" for k, x in v["by_funder"].items()) + "\n")
            a("| Outcome | Proxy value | Source |\n|---|---|---|")
            for x in _proxies(s.model):
                a(f"| {_md(x['outcome'])} | {_md(x['value'])} {_md(x['currency'] or '')} | {_md(x['source'])} |")
            a("")
        a("### Uncertainty\n")
        sim = s.simulation
        if sim is None:
            a(f"**Not computed:** {_md(s.not_computed.get('simulation', 'unknown reason'))}\n")
        else:
            r = sim["sroi_ratio"]
            a(f"Over {sim['draws']:,} simulations the ratio has median {_num(r['p50'])} and 90 % interval "
              f"{_interval(r['p05'], r['p95'])}; it exceeds 1 in {_pct(sim['p_ratio_above_1'])} of them.\n")
            if sim["tornado"]:
                a("| Assumption | Ratio at low | Ratio at high |\n|---|---:|---:|")
                for t in sorted(sim["tornado"], key=lambda t: -abs(t["high"] - t["low"]))[:10]:
                    a(f"| {_md(t['assumption'])} | {_num(t['low'])} | {_num(t['high'])} |")
                a("")
        a("### Soft outcomes (in their own units)\n")
        if not s.soft:
            a("The model has no soft outcomes.\n")
        for so in s.soft:
            a(f"- {_md(_soft_line(so))}")
            if not so.get("error"):
                a(f"  - effect size {_md(so['effect_size_kind'])} = {_num(so.get('effect_size'))} "
                  f"({_md(so['effect_size_convention'])})")
            if so.get("n_rows_not_used"):
                a(f"  - {so['n_rows_not_used']} survey row(s) not used (missing before or after score); "
                  "listed in the data appendix")
        a("")
        for w in s.warnings:
            a(f"- warning: {_md(w)}")
    if len(rep.sections) > 1:
        a("## Comparison\n")
        c = rep.comparison
        if c is None:
            a(f"**Not computed:** {_md(rep.comparison_not_computed or 'unknown reason')}\n")
        else:
            a(f"Compared with **{_md(c['comparator'])}**. Cost: {_md(c['cost'])}; effect: {_md(c['measure'])}.\n")
            recs = c["icers"]
            if recs:
                cols = list(recs[0])
                a("| " + " | ".join(cols) + " |")
                a("|" + "---|" * len(cols))
                for r in recs:
                    a("| " + " | ".join(_md(_num(r[k]) if isinstance(r[k], float) else r[k] if r[k] is not None else "")
                                        for k in cols) + " |")
                a("")
            if c.get("psa"):
                a("Chance of being the best option at one euro per euro of social value: " + ", ".join(
                    f"{_md(k)} {_pct(v)}" for k, v in c["psa"]["prob_best_at_1"].items()) + ".\n")
                a("*(Cost-effectiveness plane and acceptability curves in the HTML report.)*\n")
            else:
                a(f"**Probabilistic comparison not computed:** {_md(c.get('psa_not_computed', ''))}\n")
    a("## Methods and assumptions\n")
    st = rep.settings
    a(f"- Simulations per model: {st['draws']}; seed {st['seed']}; interval {st['interval']}; bootstrap resamples "
      f"{st['soft_resamples']}")
    a("- Model files: " + "; ".join(_md(s.source or "(in memory)") for s in rep.sections))
    a("\n### Defaults used\n")
    for d in rep.defaults():
        a(f"- {_md(d)}")
    a("")
    unused = [(s.name, so) for s in rep.sections for so in s.soft if so.get("n_rows_not_used")]
    if unused:
        a("### Data appendix: survey rows not used\n")
        for n, so in unused:
            a(f"- {_md(n)}, {_md(so['name'])}: {_md(_rows_not_used_line(so))}")
        a("")
    return "\n".join(L)
