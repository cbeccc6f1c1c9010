"""The portfolio's report (HTML and Markdown, in English or Dutch) in the report's style: the
members side by side (impactchain._report_portfolio_members, its composite index in
_report_portfolio_composite), forecast against actual with the difference split into its causes,
the trajectories, who pays and who gains (_report_portfolio_ledger), the soft outcomes, and the
footing (every conversion). The pieces every part builds with: _report_portfolio_blocks."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from impactchain._core import __version__
from impactchain._i18n import N_, Words, words
from impactchain._portfolio_names import renamed_warning
from impactchain._report_blocks import Heading, Items, Paragraph, ReportDocument, ReportSection, Table
from impactchain._report_portfolio_blocks import basis_words, interval_cell, named, section, titled
from impactchain._report_portfolio_ledger import ledger_blocks
from impactchain._report_portfolio_members import members_section
from impactchain._report_text import _param_central, _param_label, in_language

#: Words the templates and the report's modules look up by a composed key (the sections' titles
#: through _report_portfolio_blocks.section; the catalogues keep them).
_COMPOSED = (
    N_("nav_pf_members"),
    N_("nav_pf_actuals"),
    N_("nav_pf_trajectory"),
    N_("nav_pf_ledger"),
    N_("nav_pf_footing"),
    N_("pf_members"),
    N_("pf_actuals"),
    N_("pf_trajectory"),
    N_("pf_ledger"),
    N_("pf_footing"),
    N_("pf_col_quantity"),
    N_("pf_col_proxy"),
    N_("pf_col_adjustments"),
    N_("pf_col_duration"),
    N_("pf_col_discounting"),
)


def _invested(i: Any) -> float:
    """The central amount of one investment as the model file writes it: its amount, or volunteer
    time's hours x hourly value (nothing where volunteer time is not valued)."""
    if not isinstance(i, Mapping):
        return 0.0
    if "amount" in i:
        return _param_central(i.get("amount")) or 0.0
    return (_param_central(i.get("hours")) or 0.0) * (_param_central(i.get("hourly_value")) or 0.0)


def _replaced_value(text: Any, path: str, w: Words, money: tuple[str, float, str]) -> str:
    """A value the actuals replaced (the table holds it as JSON text), in the reader's words: a
    distribution as the model's section words it (``driehoeksverdeling [350; 400; 450]``), the
    investments as the total of their (central) amounts on the portfolio's footing: ``money`` is
    (the member's currency, the factor to the footing, the portfolio's currency); a factor not
    known (a result of an older version) leaves them in the member's currency, as written."""
    try:
        v = json.loads(text) if isinstance(text, str) else text
    except ValueError:  # a text value, kept as it is
        return str(text)
    if path == "investments" and isinstance(v, list):
        own, factor, currency = money
        total = sum(_invested(i) for i in v)
        return w.money(total * factor, currency) if pd.notna(factor) else w.money(total, own)
    return _param_label(v, w)


def _actuals(res: Any, w: Words) -> ReportSection | None:
    d = res.differences
    if not len(d):
        return None
    cols = [f"pf_col_{c}" for c in ("quantity", "proxy", "adjustments", "duration", "discounting")]
    frame = pd.DataFrame(
        {
            N_("pf_col_member"): d["member"],
            N_("pf_col_outcome"): named(res, w, d["member"], "outcome", d["outcome"]),
            N_("pf_col_forecast"): d["forecast"],
            N_("pf_col_actual"): d["actual"],
            N_("pf_col_difference"): d["difference"],
            **{k: d[c] for k, c in zip(cols, ("quantity", "proxy", "adjustments", "duration", "discounting"))},
        }
    )
    money = (N_("pf_col_forecast"), N_("pf_col_actual"), N_("pf_col_difference"), *cols)
    blocks: list[Any] = [
        Paragraph(key=N_("pf_actuals_text"), style="small"),
        Table(frame, money=money, currency=res.currency),
    ]
    if len(res.replaced):
        r = res.replaced
        blocks += titled(
            N_("pf_replaced"),
            {
                N_("pf_col_member"): r["member"],
                N_("pf_col_path"): named(res, w, r["member"], "path", r["path"]),
                **{
                    key: [
                        _replaced_value(v, path, w, (cur, f, res.currency))
                        for v, path, cur, f in zip(r[col], r["path"], r["currency"], r[f"{col}_factor"])
                    ]
                    for key, col in ((N_("pf_col_forecast"), "forecast"), (N_("pf_col_actual"), "actual"))
                },
            },
            text=N_("pf_replaced_text"),
        )
    return section("actuals", blocks)


def _trajectory(res: Any, w: Words) -> ReportSection:
    t = res.trajectory
    frame = pd.DataFrame(
        {
            N_("pf_col_organisation"): named(res, w, None, "text", t["organisation"]),
            N_("pf_col_period"): t["period"],
            N_("pf_col_basis"): basis_words(w, t),
            N_("pf_col_pv"): t["present_value"],
            N_("pf_col_cumulative"): t["cumulative_present_value"],
        }
    )
    blocks: list[Any] = [
        Paragraph(key=N_("pf_trajectory_text"), style="small"),
        Table(frame, money=(N_("pf_col_pv"), N_("pf_col_cumulative")), currency=res.currency),
    ]
    if len(res.soft):
        s = res.soft
        blocks += titled(
            N_("pf_soft"),
            {
                N_("pf_col_member"): s["member"],
                N_("pf_col_soft_outcome"): named(res, w, s["member"], "soft_outcome", s["soft_outcome"]),
                N_("pf_col_basis"): basis_words(w, s),
                N_("pf_col_mean_change"): [float(x) for x in s["mean_change"]],
                N_("pf_col_interval"): [interval_cell(lo, hi) for lo, hi in zip(s["lower"], s["upper"])],
                **_scale_column(s, w),
            },
            numeric=(N_("pf_col_mean_change"),),
            intervals=(N_("pf_col_interval"),),
        )
    return section("trajectory", blocks)


def _scale_column(soft: pd.DataFrame, w: Words) -> dict[str, list[str]]:
    """The unit of each soft outcome's change and its interval, its scale ("points on 7–35": a
    change of 0.64 on 0–10 is not one of 2.86 on 7–35); none for a result that did not keep it."""
    if not {"scale_low", "scale_high"} <= set(soft.columns):
        return {}
    return {
        N_("pf_col_change_unit"): [
            w(N_("pf_soft_no_scale"))
            if pd.isna(lo) or pd.isna(hi)
            else w(N_("pf_soft_points"), low=w.plain(lo), high=w.plain(hi))
            for lo, hi in zip(soft["scale_low"], soft["scale_high"])
        ]
    }


def _ledger(res: Any, w: Words) -> ReportSection | None:
    blocks = ledger_blocks(res, w)
    return section("ledger", blocks) if blocks else None


def _alike(entries: Iterable[tuple[str, str | None, str]]) -> list[tuple[list[str], str | None, str]]:
    """(member, text several members may share or None, the entry's own line) as
    (members, shared text, own line): each shared text once, at its first member's place, with
    every member that has it, the others as they are. A portfolio of similar members would
    otherwise repeat each shared text once per member."""
    members: dict[str, list[str]] = {}
    out: list[tuple[list[str], str | None, str]] = []
    for member, text, own in entries:
        if text is None:
            out.append(([member], None, own))
        elif text in members:
            members[text].append(member)
        else:
            members[text] = [member]
            out.append((members[text], text, own))
    return out


def _member_warnings(warnings: Sequence[Any], w: Words, names: pd.DataFrame) -> tuple[str, ...]:
    """The members' warnings, what several members' models say alike on one line naming them;
    outcomes and chain nodes by name."""
    warnings = [renamed_warning(x, names, w.lang) for x in warnings]

    def said(x: Any) -> str | None:  # a forecast warning's own text: members' models may share it
        return in_language(x.params["warning"], w) if getattr(x, "code", None) == "portfolio.forecast_warning" else None

    entries = [(x.params.get("member", ""), said(x), in_language(x, w)) for x in warnings]
    return tuple(
        w(N_("pf_members_warning"), members=", ".join(f"'{m}'" for m in ms), warning=text) if len(ms) > 1 else own
        for ms, text, own in _alike(entries)
    )


def _footing(res: Any, w: Words) -> ReportSection:
    blocks: list[Any] = [Paragraph(key=N_("pf_footing_text"), style="small")]
    conversions = [(c["member"], in_language(c["conversion"], w)) for c in res.conversions.to_dict("records")]
    lines = [f"{', '.join(ms)}: {own}" for ms, _, own in _alike((m, t, t) for m, t in conversions)]
    lines += [in_language(a, w) for a in res.assumptions]
    blocks.append(Items(tuple(lines)))
    files = [
        f"{r['member']}: " + ", ".join(f for f in (r["model_file"], r["actuals_file"]) if f)
        for r in res.members.to_dict("records")
        if r["model_file"]
    ]
    if files:  # the files the footer says every figure comes from
        blocks += [Heading(N_("pf_files"), level=4), Items(tuple(files))]
    if res.warnings:
        blocks += [Heading(N_("pf_warnings"), level=4), Items(_member_warnings(res.warnings, w, res.names))]
    if len(res.failures):
        blocks += [
            Heading(N_("pf_failures"), level=4),
            Items(tuple(f"{f['member']} ({f['file']}): {f['error']}" for f in res.failures.to_dict("records"))),
        ]
    return section("footing", blocks)


def portfolio_document(res: Any, lang: str = "en") -> ReportDocument:
    """The portfolio result as a report document in ``lang``."""
    w = words(lang)
    parts = [members_section(res, w), _actuals(res, w), _trajectory(res, w), _ledger(res, w), _footing(res, w)]
    return ReportDocument(
        title=w("pf_title", name=named(res, w, None, "text", [res.name])[0]),
        generated=w.date(_dt.date.today().isoformat()),
        version=str(__version__),
        draws=w.integer(res.draws),
        seed=int(res.seed),
        stream=int(res.stream_version),
        illustrative=False,
        sections=tuple(p for p in parts if p is not None),
        lang=w.lang,
    )


def portfolio_report(res: Any, fmt: str, lang: str = "en") -> str | bytes:
    """The report as ``fmt``: "html" or "md" (text), "pdf" (bytes: tagged A4 pages, as a
    model's report; needs WeasyPrint) or "xlsx" (bytes: an Excel workbook, as a model's report)."""
    from impactchain._report_render import render

    if fmt == "xlsx":
        from impactchain._report_xlsx import workbook

        return workbook(portfolio_document(res, lang))
    if fmt == "pdf":
        from impactchain._report_pdf import html_to_pdf

        return html_to_pdf(render(portfolio_document(res, lang), "paged"))
    return render(portfolio_document(res, lang), fmt)
