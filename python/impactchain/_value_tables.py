"""The tables of a valuation (outcomes, yearly, by stakeholder, by funder, ledger) built from the core's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from impactchain._rows import Rows

if TYPE_CHECKING:
    import pandas as pd

#: The adjustments of an outcome's value, in the order they are taken (shares of 1).
ADJUSTMENTS = ["deadweight", "displacement", "attribution", "leakage", "drop_off"]
#: The value of an outcome in a year before and after each adjustment (money, undiscounted).
ADJUSTED_VALUES = [
    "gross",
    "after_deadweight",
    "after_displacement",
    "after_attribution",
    "after_leakage",
    "after_drop_off",
]

YEARLY_COLUMNS = ["outcome", "stakeholder", "year", *ADJUSTED_VALUES, "discount_factor", "discounted"]
OUTCOME_COLUMNS = [
    "id",
    "name",
    "stakeholder",
    "node",
    "valuation",
    "quantity",
    "unit_proxy",
    "proxy_source",
    *ADJUSTMENTS,
    "duration",
    "first_year",
    "impact",
    "undiscounted",
    "present_value",
    "negative",
]
STAKEHOLDER_COLUMNS = ["stakeholder", "undiscounted", "present_value", "share"]
FUNDER_COLUMNS = ["funder", "amount", "present_value", "share"]
LEDGER_COLUMNS = ["party", "name", "stakeholder", "funder", "pays", "gains", "net", "volunteer_hours", "unvalued_hours"]


def _rows(rows: list, columns: list[str]) -> Rows:
    """A table of the core's rows (objects with an attribute per column)."""
    return Rows(columns, [{c: getattr(r, c) for c in columns} for r in rows])


def _outcome_rows(rows: list) -> Rows:
    """The outcomes table; an outcome whose value is split names its beneficiaries with their
    shares in the stakeholder column (``municipality (0.7), insurer (0.3)``)."""
    table = _rows(rows, OUTCOME_COLUMNS)
    for r, row in zip(rows, table.rows):
        split = ", ".join(f"{sid} ({share:g})" for sid, share in r.beneficiaries)
        row["stakeholder"] = split or row["stakeholder"]
    return table


def value_tables(core: Any) -> dict[str, Any]:
    """The five tables of a core valuation, by field, as :class:`Rows` given for the DataFrame
    fields (``_lazy_tables``: each becomes its DataFrame when first read)."""
    return {
        "outcomes": _outcome_rows(core.outcomes),
        "yearly": _rows(core.yearly, YEARLY_COLUMNS),
        "by_stakeholder": _rows(core.by_stakeholder, STAKEHOLDER_COLUMNS),
        "by_funder": _rows(core.by_funder, FUNDER_COLUMNS),
        "ledger": _rows(core.ledger, LEDGER_COLUMNS),
    }


def ledger_from_tables(by_stakeholder: pd.DataFrame, by_funder: pd.DataFrame) -> pd.DataFrame:
    """The ledger of a result stored before it had one: the stakeholders' present values are what
    they gain, the funders' what they pay (a funder named like a stakeholder is that party); no
    volunteer time existed then."""
    import pandas as pd  # an older pickle holds its tables as DataFrames: pandas is loaded

    rows: dict[str, dict[str, Any]] = {}
    for r in by_stakeholder.to_dict("records"):
        rows[r["stakeholder"]] = {
            "party": r["stakeholder"],
            "name": r["stakeholder"],
            "stakeholder": r["stakeholder"] != "(none)",
            "funder": False,
            "pays": 0.0,
            "gains": float(r["present_value"]),
        }
    for r in by_funder.to_dict("records"):
        row = rows.setdefault(
            r["funder"], {"party": r["funder"], "name": r["funder"], "stakeholder": False, "gains": 0.0, "pays": 0.0}
        )
        row["funder"] = True
        row["pays"] += float(r["present_value"])
    out = pd.DataFrame(list(rows.values()), columns=LEDGER_COLUMNS)
    out["net"] = out["gains"] - out["pays"]
    out["volunteer_hours"] = 0.0
    out["unvalued_hours"] = 0.0
    return out
