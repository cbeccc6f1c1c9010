"""Who pays, who gains, in a model's section: per party its investments against the outcomes it
receives (present values), the net with its interval and the chance it is positive when the
model was simulated, and the volunteer hours each gives. A party the table shows gaining nothing in
money while the model measures soft outcomes of its (a soft outcome's ``stakeholder``) is named
under the table with those outcomes, so that "€ 0" does not read as "gains nothing"."""

from __future__ import annotations

from typing import Any

import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._report_blocks import Figure, Heading, Paragraph, Table, _kv
from impactchain._report_model import ModelSection
from impactchain._report_plain import simulated_spread
from impactchain._report_text import in_language
from impactchain._uncertainty_result import no_money


def _ledger_part(s: ModelSection, w: Words) -> list[Any]:
    """Who pays, who gains: per party its investments against the outcomes it receives (present
    values), the net with its interval and the chance it is positive when the model was simulated."""
    v = s.value
    lines = (v or {}).get("ledger") or []
    if not v or not lines:
        return []
    cur = v["currency"]
    # Every assumption fixed: each party's net is the same in every draw, and its "interval" and a
    # chance of 100% or 0% would pretend an uncertainty nobody gave; the table has no such columns.
    sim = ((s.simulation or {}).get("ledger") or {}) if simulated_spread(s.simulation) else {}
    b: list[Any] = [Heading(N_("who_pays_who_gains"), level=4)]
    level = next(iter(sim.values()))["level"] if sim else None
    b.append(
        Paragraph(
            key=N_("ledger_intro_simulated") if sim else N_("ledger_intro"),
            values=_kv(level=w.pct(level)) if level else (),
            style="small",
        )
    )
    # The table's headers capitalised as the report's other tables' ("Party", not "party"): keys of
    # their own (ledger_col_*), so the chart's legend and the portfolio's table keep their words.
    rows, money_cols = [], [N_("ledger_col_pays"), N_("ledger_col_gains"), N_("ledger_col_net")]
    for line in lines:
        row = {
            N_("ledger_col_party"): in_language(line["party"], w),
            N_("ledger_col_pays"): line["pays"],
            N_("ledger_col_gains"): line["gains"],
            N_("ledger_col_net"): line["net"],
        }
        one = sim.get(line["id"])
        # A party no money reaches or leaves in any draw: no interval and no chance of a positive
        # net to show, rather than "€ 0 – € 0" and "0%".
        moneyless = one is not None and no_money(one.get("pays_mean"), one.get("gains_mean"), one.get("net_sd"))
        if sim:
            row[N_("ledger_net_interval")] = (
                w(N_("n_a")) if moneyless else None if one is None else (one["net_lower"], one["net_upper"])
            )
            row[N_("ledger_col_p_positive")] = one["p_net_positive"] if one and not moneyless else None
        rows.append(row)
    b.append(
        Table(
            pd.DataFrame(rows),
            money=tuple(money_cols) + ((N_("ledger_net_interval"),) if sim else ()),
            percent=(N_("ledger_col_p_positive"),) if sim else (),
            intervals=(N_("ledger_net_interval"),) if sim else (),
            currency=cur,
        )
    )
    b += _soft_only(s, lines, w)
    b.append(
        Figure(
            s.charts.get("ledger"),
            # the chart draws each net's interval only where the table gives one
            N_("ledger_caption") if sim else N_("ledger_caption_no_interval"),
            described=tuple(
                w(
                    "ledger_row",
                    party=in_language(x["party"], w),
                    pays=w.money(x["pays"], cur),
                    gains=w.money(x["gains"], cur),
                    net=w.money(x["net"], cur),
                )
                for x in lines
            ),
        )
    )
    hours = [x for x in lines if x["volunteer_hours"]]
    for x in hours:
        b.append(
            Paragraph(
                key=N_("ledger_hours_unvalued") if x["unvalued_hours"] else N_("ledger_hours"),
                values=_kv(
                    party=in_language(x["party"], w),
                    hours=w.integer(round(x["volunteer_hours"])),
                    unvalued=w.integer(round(x["unvalued_hours"])),
                ),
                style="small",
            )
        )
    return b


def _soft_only(s: ModelSection, lines: list[dict], w: Words) -> list[Paragraph]:
    """Under the table, each party it shows gaining nothing in money (gains 0 at the central
    values) that is the ``stakeholder`` of soft outcomes the section reports, named with them:
    its "€ 0" is no money, not no effect. Nothing for a party without soft outcomes."""
    soft_names = {so["id"]: so.get("name") or so["id"] for so in s.soft}
    by_party: dict[str, list[str]] = {}
    for spec in s.model.soft_outcomes or []:
        if spec.get("stakeholder") and spec["id"] in soft_names:
            by_party.setdefault(str(spec["stakeholder"]), []).append(in_language(soft_names[spec["id"]], w))
    return [
        Paragraph(
            key=N_("ledger_soft_only"),
            values=_kv(party=in_language(x["party"], w), outcomes=w("list_sep").join(by_party[str(x["id"])])),
            style="small",
        )
        for x in lines
        if x["gains"] == 0 and str(x["id"]) in by_party
    ]
