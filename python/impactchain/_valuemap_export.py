"""Writing a model as a Value Map workbook (the layout of :mod:`impactchain.valuemap`)."""

from __future__ import annotations

import copy
import datetime as _dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from impactchain._export_left_out import valuemap_left_out
from impactchain._valuemap_parties import beneficiary_name
from impactchain.valuemap import ABOUT, ABOUT_FIELDS, COLUMNS, NO_OUTPUTS, SHEET


def _central(x: Any) -> float:
    from impactchain import Parameter

    return float(x) if isinstance(x, (int, float)) else float(Parameter.from_dict(x).central)


def _plain(text: Any, language: Optional[str]) -> str:
    """A text of the model file as one string: a text given per language in the model's language."""
    if isinstance(text, Mapping):
        return str(text.get(language or "en") or text.get("en") or next(iter(text.values()), ""))
    return "" if text is None else str(text)


def _discount_cell(discount: Optional[Mapping[str, Any]]) -> Any:
    if not discount:
        return None
    if set(discount) == {"rate"} and isinstance(discount["rate"], (int, float)):
        return float(discount["rate"])
    if set(discount) == {"schedule"}:
        return discount["schedule"]
    return json.dumps(discount)


def _write_sheet(wb: Any, title: str, header: list[str], rows: list[list[Any]]) -> Any:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for r in rows:
        ws.append(r)
    for j, h in enumerate(header):
        width = max([len(str(h))] + [len(str(r[j])) for r in rows if j < len(r) and r[j] is not None]) + 2
        ws.column_dimensions[ws.cell(row=1, column=j + 1).column_letter].width = min(width, 50)
    return ws


def _share_text(x: float) -> str:
    """A beneficiary's share as a percentage (``70 %``), or as the share itself where the percentage
    written with 6 digits would not read back as the same number."""
    pct = f"{x * 100:g}"
    return f"{pct} %" if float(pct) / 100 == x else repr(float(x))


def _input(inv: Mapping[str, Any], factor: float, names: Mapping[str, str], language: Optional[str]) -> dict:
    """An investment's cells: its kind (left empty for cash), the money at the model's price year
    (``factor``) and, for volunteer time, the hours and the hourly value with Inputs value = hours x
    hourly value (empty for hours not valued)."""
    cells: dict[str, Any] = {
        "stakeholder": names.get(inv["funder"], inv["funder"]),
        "inputs": _plain(inv.get("description"), language),
        "inputs_year": inv.get("year", 0),
    }
    kind = inv.get("kind", "cash")
    if kind != "cash":
        cells["input_kind"] = kind.replace("_", " ")
    if kind == "volunteer_time":
        cells["hours"] = _central(inv["hours"])
        if inv.get("hourly_value") is not None:
            cells["hourly_value"] = _central(inv["hourly_value"]) * factor
            cells["inputs_value"] = cells["hours"] * cells["hourly_value"]
    else:
        cells["inputs_value"] = _central(inv["amount"]) * factor
    return cells


#: The sheet that lists what the export left out of the model.
LEFT_OUT = "Not in this Value Map"


def _about_rows(info: Mapping[str, Any]) -> list[list[Any]]:
    return [[field, info.get(key)] for field, key in ABOUT_FIELDS]


def template_bytes() -> bytes:
    """A blank Value Map workbook in the layout :func:`read_valuemap` reads (shipped as
    ``impactchain/starter/valuemap.xlsx`` and written by ``impactchain init``)."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    _write_sheet(wb, SHEET, [h for h, _, _ in COLUMNS], [])
    _write_sheet(wb, ABOUT, ["Field", "Value"], _about_rows({}))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def valuemap_bytes(model: Any, **value_options: Any) -> bytes:
    """``model`` as a Value Map workbook: a row per outcome (central values, money in the model's
    currency at its price year), the investments as input rows, the computed impact and present
    value per outcome, the ratio on the About sheet, and one sheet per table of the valuation."""
    import io

    from openpyxl import Workbook

    import impactchain as ic
    from impactchain._tables import excel_bytes, result_tables

    m = ic.load(model) if isinstance(model, (str, Path)) else model
    res = ic.value(m, **value_options)
    d = m.to_dict()
    names = {st.id: st.name or st.id for st in m.stakeholders}
    index = d.get("price_index") or {}
    index = index.get("index", index) if isinstance(index, Mapping) else {}
    py = d.get("price_year")
    rows: list[list[Any]] = []
    for inv in d.get("investments", []):
        factor = 1.0
        if inv.get("price_year") is not None and py is not None and inv["price_year"] != py:
            factor = float(index[str(py)]) / float(index[str(inv["price_year"])])
        rows.append([_input(inv, factor, names, m.language).get(k) for _, k, _ in COLUMNS])
    by_id = {o["id"]: o for o in d.get("outcomes", [])}
    node_names = {n.id: n.name or n.id for n in m.chain.nodes}
    node_units = {n.id: n.unit or "" for n in m.chain.nodes}
    parents = {e["to"]: e["from"] for e in d.get("chain", {}).get("edges", [])}
    for _, o in res.outcomes.iterrows():
        spec = by_id[o["id"]]
        source = _plain((spec.get("proxy") or spec.get("wellbeing") or {}).get("source"), m.language)
        node = spec.get("node")
        activity = node_names.get(parents.get(node, ""), "") if node else ""  # the outcome's Outputs
        split = spec.get("beneficiaries")
        values = {
            "stakeholder": None if split else names.get(spec.get("stakeholder"), spec.get("stakeholder") or ""),
            "beneficiaries": ", ".join(
                f"{beneficiary_name(names.get(k, k))} {_share_text(v)}" for k, v in split.items()
            )
            if split
            else None,
            "outputs": "" if activity == NO_OUTPUTS else activity,
            "outcome": o["name"],
            "indicator": node_units.get(node, "") if node else "",
            "quantity": float(o["quantity"]),
            "duration": float(o["duration"]),
            "start": spec.get("start") or "during",
            "proxy": "wellbeing valuation (WELLBY)" if spec.get("wellbeing") else "",
            "proxy_value": float(o["unit_proxy"]),
            "proxy_source": source,
            "deadweight": float(o["deadweight"]),
            "displacement": float(o["displacement"]),
            "attribution": float(o["attribution"]),
            "leakage": float(o["leakage"]) if spec.get("leakage") is not None else None,  # only where stated
            "drop_off": float(o["drop_off"]),
            "impact": float(o["impact"]),
            "present_value": float(o["present_value"]),
        }
        rows.append([values.get(k) for _, k, _ in COLUMNS])
    wb = Workbook()
    for sheet in list(wb.worksheets):
        wb.remove(sheet)
    ws = _write_sheet(wb, SHEET, [h for h, _, _ in COLUMNS], rows)
    money = f'#,##0.00 "{res.currency}"'
    for j, (_, key, kind) in enumerate(COLUMNS, start=1):
        fmt = (
            "0.0%"
            if kind == "share"
            else money
            if key in ("inputs_value", "hourly_value", "proxy_value", "impact", "present_value")
            else None
        )
        if fmt:
            for r in range(2, ws.max_row + 1):
                ws.cell(row=r, column=j).number_format = fmt
    period = d.get("period") or {}
    info = {
        "name": m.name,
        "organisation": m.organisation or None,
        "currency": res.currency,
        "price_year": py,
        "discount": _discount_cell(d.get("discount")),
        "period_start": period.get("start"),
        "period_end": period.get("end"),
        "language": m.language or None,
        "sroi_ratio": res.sroi_ratio,
    }
    _write_sheet(wb, ABOUT, ["Field", "Value"], _about_rows(info))
    gone = valuemap_left_out(m)
    if gone:  # beside the Value Map, so that whoever receives the workbook sees it (not read back)
        _write_sheet(wb, LEFT_OUT, ["What the model has and this workbook does not"], [[x] for x in gone])
    # One sheet per table of the valuation, as Result.to_excel writes them.
    from openpyxl import load_workbook

    tables = load_workbook(io.BytesIO(excel_bytes(result_tables(res), currency=res.currency)))
    for src in tables.worksheets:
        dst = wb.create_sheet(src.title)
        for row in src.iter_rows():
            for c in row:
                n = dst.cell(row=c.row, column=c.column, value=c.value)
                n.number_format, n.font = c.number_format, copy.copy(c.font)
        dst.freeze_panes = src.freeze_panes
        for key, dim in src.column_dimensions.items():
            dst.column_dimensions[key].width = dim.width
    wb.properties.created = _dt.datetime(2000, 1, 1)  # the same model gives the same workbook content
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
