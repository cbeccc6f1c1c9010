"""What a portfolio's tables name by id (outcomes, soft outcomes, parties, the fields the
actuals replaced), by name in each report language: a member's model may give its names in
several languages, and the portfolio's report speaks the reader's. Made where the member is
evaluated (a worker of a cluster too: plain data), kept in the result's ``names`` table, looked
up by the report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Callable

import pandas as pd

#: The ``names`` table's columns: the member, what is named (``outcome``, ``node``,
#: ``soft_outcome``, ``party``, ``path``; ``text`` for the portfolio's own name, organisations and groups, member
#: ""), its id in the result's other tables, the language and the name.
NAME_COLUMNS = ["member", "kind", "id", "lang", "name"]

#: The replaced field that is the whole list of investments (the actuals give their amounts).
_INVESTMENTS = "investments"


def member_names(model: Any, paths: Iterable[str]) -> list[dict[str, str]]:
    """Rows (kind, id, lang, name) of the model's outcomes, chain nodes, soft outcomes and
    stakeholders (the ledger's parties) and of the replaced fields ``paths``, in every report language; a text the
    model gives in one language only is that text in each."""
    from impactchain._i18n import LANGUAGES, N_, words
    from impactchain._report_text import _friendly, _names

    paths = list(dict.fromkeys(paths))
    rows: list[dict[str, str]] = []
    for lang in LANGUAGES:
        m = model.localised(lang) if model.texts else model
        w, nm = words(lang), _names(m)
        named = {
            "outcome": nm["outcome"],
            "node": nm["node"],
            "soft_outcome": {s["id"]: s.get("name") or s["id"] for s in m.soft_outcomes or []},
            "party": nm["stakeholder"],
            "path": {p: w(N_("pf_path_investments")) if p == _INVESTMENTS else _friendly(p, m, w) for p in paths},
        }
        rows += [
            {"kind": kind, "id": i, "lang": lang, "name": name}
            for kind, ids in named.items()
            for i, name in ids.items()
        ]
    return rows


def portfolio_names(texts: Mapping[str, Mapping[str, str]]) -> list[dict[str, str]]:
    """Rows of the portfolio's own texts given in several languages (its name, organisations and
    groups: ``Portfolio.texts``), kind ``text``, member ``""``, the id the text as shown, in every
    report language (else the same language of another region, else English, else the first)."""
    from impactchain import _core
    from impactchain._i18n import LANGUAGES

    return [
        {"member": "", "kind": "text", "id": shown, "lang": lang, "name": _core.text_in(list(by_lang.items()), lang)}
        for shown, by_lang in texts.items()
        for lang in LANGUAGES
    ]


def namer(names: pd.DataFrame, lang: str) -> Callable[[Any, str, Any], str]:
    """``name(member, kind, id)``: the name in ``lang`` from a result's ``names`` table, else the
    id as it is (a funder that is not one of the stakeholders, a result made before names); the
    party of outcomes that name no stakeholder in ``lang``'s words ("(geen belanghebbende
    opgegeven)")."""
    from impactchain._i18n import N_, words
    from impactchain._report_results import CORE_NO_STAKEHOLDER

    here = names[names["lang"] == lang] if len(names) else names
    table: Mapping[tuple[str, str, str], str] = {
        (m, k, i): n for m, k, i, n in zip(here["member"], here["kind"], here["id"], here["name"])
    }
    no_stakeholder = words(lang)(N_("no_stakeholder"))  # looked up once, not per name

    def name(member: Any, kind: str, ident: Any) -> str:
        if kind == "party" and str(ident) == CORE_NO_STAKEHOLDER:  # outcomes that name no stakeholder
            return no_stakeholder
        return table.get((str(member), kind, str(ident)), str(ident))

    return name


def renamed_warning(warning: Any, names: pd.DataFrame, lang: str) -> Any:
    """A member's warning (``portfolio.forecast_warning`` or ``.actual_warning``) with the
    outcomes and chain nodes its own notice names by id named by name in ``lang``
    (:meth:`Notice.renamed`, which renames the notice it holds)."""
    from impactchain._notice import Notice

    if not isinstance(warning, Notice) or not len(names):
        return warning
    here = names[(names["lang"] == lang) & (names["member"] == warning.params.get("member"))]
    return warning.renamed(
        {
            kind: dict(zip(here["id"][here["kind"] == kind], here["name"][here["kind"] == kind]))
            for kind in ("outcome", "node")
        }
    )
