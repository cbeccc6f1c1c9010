"""The report as one self-contained HTML page: inline CSS and SVG, nothing
loaded from the network, every user text escaped (``_esc``: invisible and
bidirectional characters shown as ``<U+202E>``, then HTML-escaped)."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

import numpy as np

from impactchain._report_model import ReportView, plots

from impactchain._report_text import (
    _esc,
    _finite,
    _interval,
    _money,
    _num,
    _pct,
    _period,
    _plainnum,
    _proxies,
    _rows_not_used_line,
    _soft_line,
)

_CSS = """
:root{--ink:#1a1a1a;--muted:#555;--line:#d0d0d0;--accent:#0072B2;--bad:#D55E00;--good:#009E73;--bg:#f6f7f9}
*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);margin:0;line-height:1.45;font-size:15px}
main{max-width:1040px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;border-bottom:2px solid var(--accent);padding-bottom:4px;margin-top:40px}
h3{font-size:17px;margin-top:26px}h4{font-size:15px;margin:18px 0 6px}
.sub{color:var(--muted);margin:0 0 16px}
.banner{background:#fff4d6;border:1px solid #e0b84c;padding:10px 14px;border-radius:6px;margin:14px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{flex:1 1 300px;border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--bg);break-inside:avoid}
.card h3{margin:0 0 6px;font-size:16px}
.big{font-size:30px;font-weight:bold;color:var(--accent)}.big.low{color:var(--bad)}
.small{font-size:13px;color:var(--muted)}
table{border-collapse:collapse;margin:8px 0 14px;font-size:13.5px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.chart{margin:10px 0 18px;break-inside:avoid;page-break-inside:avoid}
.chart svg{display:block}
.caption{font-size:13px;color:var(--muted);margin-top:2px}
.missing{border-left:4px solid var(--bad);background:#fdf0ea;padding:8px 12px;margin:10px 0}
ul.caveats li{margin-bottom:4px}
nav{font-size:13.5px;margin:10px 0 0}nav a{margin-right:12px;color:var(--accent)}
code{background:var(--bg);padding:0 3px}
footer{margin-top:40px;font-size:12.5px;color:var(--muted)}
@media print{
 body{font-size:11pt}main{max-width:none;padding:0}
 nav{display:none}h2{break-before:page;page-break-before:always}h2.first{break-before:auto;page-break-before:auto}
 .card{background:none}.banner{border:1px solid #000;background:none}
 a{color:inherit;text-decoration:none}
 @page{size:A4;margin:16mm 14mm}
}
"""


def _chart(svg: str | None, caption: str) -> str:
    if not svg:
        return ""
    return f'<figure class="chart">{svg}<figcaption class="caption">{_esc(caption)}</figcaption></figure>'


def _missing(what: str, why: str) -> str:
    return f'<div class="missing"><b>{_esc(what)} could not be computed.</b> {_esc(why)}</div>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[bool] | None = None) -> str:
    numeric = numeric or [False] * len(headers)
    th = "".join(f'<th class="{"n" if n else ""}">{_esc(h)}</th>' for h, n in zip(headers, numeric))
    body = "".join("<tr>" + "".join(f'<td class="{"n" if n else ""}">{_esc(c)}</td>' for c, n in zip(r, numeric))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _anchor(i: int) -> str:
    return f"model-{i + 1}"


def _render_html(rep: ReportView) -> str:
    p: list[str] = []
    a = p.append
    a('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
      f"<title>{_esc(rep.title)}</title><style>{_CSS}</style></head><body><main>")
    a(f"<h1>{_esc(rep.title)}</h1>")
    a(f'<p class="sub">Generated {_esc(rep.settings["generated"])} with impactchain {_esc(rep.settings["impactchain_version"])}'
      f' · {rep.settings["draws"]:,} simulations per model · seed {rep.settings["seed"]}</p>')
    nav = ['<a href="#summary">Summary</a>'] + [f'<a href="#{_anchor(i)}">{_esc(s.name)}</a>'
                                                for i, s in enumerate(rep.sections)]
    if len(rep.sections) > 1:
        nav.append('<a href="#comparison">Comparison</a>')
    nav.append('<a href="#appendix">Methods and assumptions</a>')
    a(f"<nav>{''.join(nav)}</nav>")
    if rep.illustrative:
        a('<div class="banner"><b>Illustrative figures, not real data.</b> This report shows how the method works; '
          "its numbers must not be cited as results.</div>")

    # Summary.
    a('<section id="summary"><h2 class="first">Summary</h2>')
    a('<p>Social value per euro: the present value of the social outcomes divided by the present value of the money '
      "invested. Above 1 means more social value than money put in. The interval shows where 90 % of the "
      "simulations fall when every uncertain assumption varies.</p>")
    a('<div class="cards">')
    for i, r in enumerate(rep.summary_rows()):
        ratio = _finite(r["sroi_ratio"])
        cls = "big low" if ratio is not None and ratio < 1 else "big"
        a(f'<div class="card"><h3><a href="#{_anchor(i)}">{_esc(r["name"])}</a>'
          f'{" <span class=small>(comparator)</span>" if r["role"] == "comparator" else ""}</h3>')
        if ratio is None:
            a(f'<div class="small">Social value per euro: not computed ({_esc(rep.sections[i].not_computed.get("value", "no valuation"))})</div>')
        else:
            a(f'<div><span class="{cls}">{ratio:.2f}</span> <span class="small">euro of social value per euro invested</span></div>')
            a(f'<div>90 % interval: <b>{_interval(r["ratio_p05"], r["ratio_p95"])}</b> · '
              f'P(ratio &gt; 1): <b>{_pct(r["p_ratio_above_1"])}</b></div>')
            a(f'<div class="small">Present value {_money(r["present_value"], r["currency"])} for an investment of '
              f'{_money(r["investment_pv"], r["currency"])}</div>')
        for so in r["soft_outcomes"]:
            a(f'<div class="small">• {_esc(_soft_line({**so, **next(x for x in rep.sections[i].soft if x["id"] == so["id"])}))}</div>')
        a("</div>")
    a("</div>")
    a(_chart(rep.summary_charts.get("ratios"), "Dot: central estimate; line: 90 % interval; vertical line: 1 euro of "
                                                "social value per euro invested."))
    a("<h3>What to keep in mind</h3><ul class=\"caveats\">" + "".join(f"<li>{_esc(c)}</li>" for c in rep.caveats) + "</ul>")
    nc = rep.not_computed()
    if nc:
        a("<h3>Sections that could not be computed</h3>")
        a(_table(["Model", "Section", "Reason"], [(x["model"] or "all", x["section"], x["reason"]) for x in nc]))
    a("</section>")

    # Per model.
    for i, s in enumerate(rep.sections):
        cur = s.info.get("currency") or ""
        a(f'<section id="{_anchor(i)}"><h2>{_esc(s.name)}{" (comparator)" if s.role == "comparator" else ""}</h2>')
        meta = [x for x in (s.info.get("organisation"), _period(s.info.get("period"))) if x]
        if meta:
            a(f'<p class="sub">{_esc(" · ".join(meta))}</p>')
        if s.info.get("description"):
            a(f"<p>{_esc(s.info['description'])}</p>")
        if s.info.get("notes"):
            a(f'<p class="small"><b>Note:</b> {_esc(s.info["notes"])}</p>')
        a("<h3>Outcome chain</h3>")
        if "chain" in s.charts:
            a(_chart(s.charts["chain"], "From inputs through activities and outputs to outcomes; numbers are quantities, "
                                        "percentages the share that moves on to the next step."))
        else:
            a('<p class="small">The model has no outcome chain.</p>')
        a("<h3>Social value</h3>")
        v = s.value
        if v is None:
            a(_missing("The valuation", s.not_computed.get("value", "unknown reason")))
        else:
            rows = [("Present value of outcomes", _money(v["present_value"], cur)),
                    ("Present value of investment", _money(v["investment_pv"], cur)),
                    ("Net present value", _money(v["npv"], cur)),
                    ("Social value per euro (SROI ratio)", _num(v["sroi_ratio"])),
                    ("Net SROI", _num(v["net_sroi"])),
                    ("Payback (months)", _num(v["payback_months"], 1))]
            a(_table(["Measure", "Value"], rows, [False, True]))
            a(_chart(s.charts.get("waterfall"), "Gross value, minus what would have happened anyway (deadweight), "
                                                "what moved elsewhere (displacement), others' contribution "
                                                "(attribution), fading over time (drop-off) and discounting."))
            a(_chart(s.charts.get("stakeholders"), "Who receives the value (present value)."))
            if "by stakeholder" in s.not_computed:
                a(_missing("Value by stakeholder", s.not_computed["by stakeholder"]))
            a(_chart(s.charts.get("funders"), "Who put the money in."))
            a("<h4>Financial proxies and their sources</h4>")
            a(_table(["Outcome", "Value per unit per year", "Currency", "Price year", "Source"],
                     [(x["outcome"], x["value"], x["currency"] or "", x["price_year"] or s.info.get("price_year") or "",
                       x["source"]) for x in _proxies(s.model)]))
            sv = v["switching_values"]
            if sv:
                a("<h4>Switching values (where the ratio would fall to 1)</h4>")
                a('<p class="small">Each assumption changed on its own, the others at their central value; '
                  '"none" means the ratio stays on the same side of 1 over the assumption\'s whole range.</p>')
                found = [(k, x) for k, x in sv.items() if x is not None]
                labels = v.get("switching_value_labels") or {}
                if found:
                    a(_table(["Assumption", "Value at which the ratio is 1"],
                             [(labels.get(k, k), _plainnum(x)) for k, x in found], [False, True]))
                none = [labels.get(k, k) for k, x in sv.items() if x is None]
                if none:
                    a(f'<p class="small">No switching value within their range: {_esc(", ".join(none))}.</p>')
        a("<h3>Uncertainty</h3>")
        sim = s.simulation
        if sim is None:
            a(_missing("The Monte Carlo simulation", s.not_computed.get("simulation", "unknown reason")))
        else:
            r = sim["sroi_ratio"]
            a(f"<p>Over {sim['draws']:,} simulations the ratio has median {_num(r['p50'])} and 90 % interval "
              f"{_interval(r['p05'], r['p95'])}; it exceeds 1 in {_pct(sim['p_ratio_above_1'])} of them.</p>")
            a(_chart(s.charts.get("ratio"), "Each bar: share of simulations with that ratio; orange bars are below 1."))
            a(_chart(s.charts.get("tornado"), "Each assumption set to its low and its high value, the others at their "
                                              "central value; the longest bars matter most."))
            if "tornado" in s.not_computed:
                a(_missing("The tornado diagram", s.not_computed["tornado"]))
        a("<h3>Soft outcomes (in their own units)</h3>")
        if not s.soft:
            a('<p class="small">The model has no soft outcomes.</p>')
        for so in s.soft:
            a(f"<h4>{_esc(so['name'])}</h4>")
            if so.get("error"):
                a(_missing(f"Soft outcome '{so['name']}'", so["error"]))
                continue
            a(f"<p>{_esc(_soft_line(so))}. Effect size {_esc(so.get('effect_size_kind'))} = "
              f"{_num(so.get('effect_size'))} ({_esc(so.get('effect_size_convention'))}).</p>")
            n_points = max(int(np.isfinite(so["_pre"]).sum()), int(np.isfinite(so["_post"]).sum())) \
                if "_pre" in so else 0
            cap = plots.MAX_POINTS  # matplotlib is imported only once a chart is drawn
            sample = (f" The box and the mean use all respondents; the dots show a random {cap:,} of them "
                      f"(of up to {n_points:,})." if n_points > cap else "")
            a(_chart(s.charts.get(f"soft:{so['id']}"), "Left: scores before and after (box = middle half, ◆ = mean). "
                                                       "Right: mean change with its 95 % confidence interval." + sample))
            gr = [g for g in so.get("groups", []) if g.get("group") != "all"]
            if gr:
                a(_table(["Group", "n", "Mean before", "Mean after", "Mean change", "95 % CI"],
                         [(g.get("group"), g.get("n"), _num(g.get("mean_pre"), 1), _num(g.get("mean_post"), 1),
                           _num(g.get("mean_change")), _interval(g.get("change_ci_low"), g.get("change_ci_high")))
                          for g in gr], [False, True, True, True, True, True]))
            if so.get("n_rows_not_used"):
                a(f'<p class="small">{so["n_rows_not_used"]} survey row(s) not used (missing before or after '
                  'score); listed in the data appendix.</p>')
        if s.warnings:
            a("<h4>Warnings</h4><ul>" + "".join(f"<li>{_esc(w)}</li>" for w in s.warnings) + "</ul>")
        a("</section>")

    # Comparison.
    if len(rep.sections) > 1:
        a('<section id="comparison"><h2>Comparison</h2>')
        c = rep.comparison
        if c is None:
            a(_missing("The comparison", rep.comparison_not_computed or "unknown reason"))
        else:
            a(f"<p>Compared with <b>{_esc(c['comparator'])}</b>. Cost: {_esc(c['cost'])}; effect: {_esc(c['measure'])}. "
              "A strategy is dominated (D) when another gives more value for less money, extendedly dominated (ED) "
              "when a mix of others does better; ICER = extra cost per extra euro of social value along the "
              "efficient frontier.</p>")
            heads = {"strategy": "Option", "cost": "Cost (PV)", "effect": "Social value (PV)", "inc_cost": "Extra cost",
                     "inc_effect": "Extra value", "icer": "ICER", "status": "Status", "note": "Note"}
            a(_records_table([{heads.get(k, k): x for k, x in r.items()} for r in c["icers"]]))
            a('<p class="small">Status: ND = on the efficient frontier (not dominated), D = dominated, '
              "ED = extendedly dominated.</p>")
            for w in c.get("icer_warnings", []):
                a(f'<p class="small">{_esc(w)}</p>')
            if c.get("psa"):
                a(_chart(rep.comparison_charts.get("ce_plane"),
                         "Each dot one simulation: extra social value (right) and extra cost (up) against the "
                         "comparator; below the dashed line each extra euro buys more than a euro of social value."))
                a(_chart(rep.comparison_charts.get("ceac"),
                         "How likely each option is the best use of money, for different values a funder puts on one "
                         "euro of social value."))
                pb = c["psa"]["prob_best_at_1"]
                a("<p>At one euro per euro of social value, the chance of being the best option: "
                  + ", ".join(f"{_esc(k)} {_pct(v)}" for k, v in pb.items()) + ".</p>")
            else:
                a(_missing("The probabilistic comparison", c.get("psa_not_computed", "unknown reason")))
        a("</section>")

    # Appendix.
    a('<section id="appendix"><h2>Methods and assumptions</h2>')
    a("<p>Valuation follows the SROI guide (Social Value International, 2012): impact = quantity × proxy × "
      "(1 − deadweight) × (1 − displacement) × (1 − attribution), drop-off from the second year, discounted to a "
      "present value. Uncertain assumptions are sampled (Monte Carlo) with a fixed seed (model i of the report "
      "uses seed + i, so models draw independently); intervals are the 5th to "
      "95th percentiles. Soft outcomes: paired change with bootstrap confidence intervals and effect sizes "
      "(named convention).</p>")
    a("<h3>Settings</h3>")
    st = rep.settings
    a(_table(["Setting", "Value"], [("Simulations per model", st["draws"]), ("Seed", st["seed"]),
                                    ("Threads (results do not depend on it)", st["threads"]),
                                    ("Interval", st["interval"]),
                                    ("Bootstrap resamples (soft outcomes)", st["soft_resamples"]),
                                    ("Model files", "; ".join(s.source or "(in memory)" for s in rep.sections))]))
    a("<h3>Defaults used</h3>")
    a('<p class="small">Every assumption a model did not state, and the method choice the library made for it.</p>')
    groups = [("Report", [f"{k}: {v}" for k, v in st.get("defaults_used", {}).items()])]
    groups += [(s.name, [f"{s.name}: {x}" for x in s.defaults]) for s in rep.sections]
    if rep.comparison:
        groups.append(("Comparison", [f"comparison: {x}" for x in rep.comparison.get("assumptions", [])]))
    shown = 0
    for head, items in groups:
        if not items:
            continue
        shown += len(items)
        # The full text (with the model name) stays in each item so it matches the JSON and Markdown.
        a(f"<h4>{_esc(head)}</h4><ul>" + "".join(f"<li>{_esc(x)}</li>" for x in items) + "</ul>")
    if not shown:
        a("<p>No defaults were used.</p>")
    unused = [(s.name, so) for s in rep.sections for so in s.soft if so.get("n_rows_not_used")]
    if unused:
        a('<h3 id="data-appendix">Data appendix: survey rows not used</h3><ul>'
          + "".join(f"<li>{_esc(n)}, {_esc(so['name'])}: {_esc(_rows_not_used_line(so))}</li>" for n, so in unused)
          + "</ul>")
    a("</section>")
    a("<footer>Made with impactchain. All figures computed from the model files listed above; re-running with the "
      "same files and seed gives the same report.</footer>")
    a("</main></body></html>")
    return "\n".join(p)


def _records_table(recs: list[dict]) -> str:
    if not recs:
        return ""
    cols = list(dict.fromkeys(k for r in recs for k in r))
    numeric = [all(isinstance(r.get(c), (int, float)) or r.get(c) is None for r in recs) for c in cols]

    def cell(x: Any) -> str:
        if isinstance(x, float):
            return f"{x:,.2f}" if abs(x) < 1e4 else f"{x:,.0f}"
        return "" if x is None else str(x)

    return _table(cols, [[cell(r.get(c)) for c in cols] for r in recs], numeric)
