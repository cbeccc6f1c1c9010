"""The portfolio report's "who pays, who gains" (impactchain._report_portfolio): each party
summed over the members, the same rows in every report language, then each member's parties."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from impactchain._i18n import N_, Words
from impactchain._portfolio_names import namer
from impactchain._report_blocks import Heading, Paragraph, Table
from impactchain._report_results import CORE_NO_STAKEHOLDER

#: The money columns, headed as the model report's ledger table heads them (capitalised).
_MONEY = (N_("ledger_col_pays"), N_("ledger_col_gains"), N_("ledger_col_net"))


def _party_totals(res: Any, w: Words, names: list[str]) -> list[Any]:
    """Each party summed over the members (the actual where there are actuals): what it pays, what
    it gains and its net across the portfolio. A party is one id under the same names in every
    report language (the municipality every member names so), so that the reports of one run in
    each language give the same rows; the same id under other names (each member's own
    cooperative) stays apart, and where two such parties have one name in this language, each
    is named with its members. The outcomes of a member that name no stakeholder are that member's
    row alone. No chance of a positive net: the members' draws are not one simulation."""
    from impactchain._i18n import LANGUAGES

    led = res.ledger
    in_each = [namer(res.names, lang) for lang in LANGUAGES]
    # Outcomes that name no stakeholder are no one party: each member's stay apart (named with it).
    keys = [
        (p, *(name(m, "party", p) for name in in_each), *([m] if p == CORE_NO_STAKEHOLDER else []))
        for m, p in zip(led["member"], led["party"])
    ]
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    for key, name, r in zip(keys, names, led.to_dict("records")):
        row = rows.setdefault(key, {"name": name, "members": [], "pays": 0.0, "gains": 0.0, "net": 0.0})
        row["members"] += [] if r["member"] in row["members"] else [r["member"]]
        for c in ("pays", "gains", "net"):
            row[c] += float(r[c])
    totals = [t for t in rows.values() if t["pays"] != 0 or t["gains"] != 0]  # no money either way: nothing to add up
    if not totals:
        return []
    shared = pd.Series([t["name"] for t in totals]).duplicated(keep=False).tolist()
    cols = _MONEY
    table = {
        N_("ledger_col_party"): [
            f"{t['name']} ({', '.join(t['members'])})" if same else t["name"] for t, same in zip(totals, shared)
        ],
        N_("pf_col_members"): [w.integer(len(t["members"])) for t in totals],
        **{k: [t[c] for t in totals] for k, c in zip(cols, ("pays", "gains", "net"))},
    }
    return [
        Heading(N_("pf_ledger_totals"), level=4),
        Paragraph(key=N_("pf_ledger_totals_text"), style="small"),
        Table(pd.DataFrame(table), money=cols, currency=res.currency),
        Heading(N_("pf_ledger_members"), level=4),
    ]


def _fixed_members(res: Any) -> set[str]:
    """The members whose ledger (the actual's where there are actuals, as ``ledger``) rests on
    assumptions that are all fixed numbers (``members.fixed_inputs``, ``actual_fixed_inputs``):
    their parties' chance of a positive net is 0 or 1 only because no uncertainty was given."""
    m = res.members
    if "fixed_inputs" not in m:  # a members table built by hand: none said
        return set()
    out = set()
    for r in m.to_dict("records"):
        actual = pd.notna(r["actual_present_value"])
        flag = r.get("actual_fixed_inputs") if actual else r.get("fixed_inputs")
        if isinstance(flag, (bool, np.bool_)) and bool(flag):
            out.add(str(r["member"]))
    return out


def ledger_blocks(res: Any, w: Words) -> list[Any]:
    """The "who pays, who gains" part's blocks: each party summed over the portfolio, then each
    member's parties with the chance of a positive net (none without a ledger): n/a for a party
    no money reaches or leaves, "n/a (no uncertainty given)" for a member whose assumptions are
    all fixed numbers, as the members' table says."""
    led = res.ledger
    if not len(led):
        return []
    name = namer(res.names, w.lang)
    names = [name(m, "party", p) for m, p in zip(led["member"], led["party"])]
    none = led["no_money"]
    fixed, no_uncertainty = _fixed_members(res), w(N_("pf_no_uncertainty"))
    frame = pd.DataFrame(
        {
            N_("pf_col_member"): led["member"],
            N_("ledger_col_party"): names,
            N_("ledger_col_pays"): led["pays"],
            N_("ledger_col_gains"): led["gains"],
            N_("ledger_col_net"): led["net"],
            # n/a for a party no money reaches or leaves in any draw, as in a model's report; no
            # chance for a member without uncertainty, as in the members' table
            N_("ledger_col_p_positive"): [
                None if n else no_uncertainty if str(m) in fixed else p
                for m, p, n in zip(led["member"], led["p_net_positive"], none)
            ],
        }
    )
    table = Table(
        frame,
        money=_MONEY,
        percent=(N_("ledger_col_p_positive"),),
        currency=res.currency,
    )
    return [*_party_totals(res, w, names), table]
