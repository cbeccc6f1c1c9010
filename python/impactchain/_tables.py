"""A result's tables, out to CSV and Excel (docs/api.md, "Tables out").

:func:`result_tables` turns any result (the :class:`~impactchain._result.Result`
contract) into named tables: ``summary`` (its single values), one table per
DataFrame, Series, list of records, mapping or nested result it holds (a mapping of
DataFrames: one table per key, ``<field>.<key>``), ``options``
(the options used) and ``notes`` (every warning and assumption with its code,
parameters and text). :func:`excel_bytes` lays them out as a workbook, one sheet
per table, money, shares and ratios formatted; :func:`csv_files` as one
locale-free CSV per table. ``Result.to_excel`` and ``Result.to_csv`` write them
through the one output rule (:mod:`impactchain._output`).
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain._result_json import json_ready
from impactchain._value_tables import ADJUSTED_VALUES, ADJUSTMENTS

__all__ = ["result_tables", "excel_bytes", "csv_files", "MONEY_COLUMNS", "SHARE_COLUMNS", "RATIO_COLUMNS"]

#: Columns (and summary fields) that hold money, written with the result's currency.
MONEY_COLUMNS = frozenset(
    {
        "present_value",
        "investment",
        "investment_pv",
        "npv",
        "undiscounted",
        "discounted",
        *ADJUSTED_VALUES,
        "impact",
        "unit_proxy",
        "amount",
        "first_year",
        "total",
    }
)
#: Columns (and summary fields) that hold shares of 1, written as percentages.
SHARE_COLUMNS = frozenset(
    {
        "share",
        *ADJUSTMENTS,
        "p_ratio_above_1",
        "municipality_share",
    }
)
#: Ratios, written with two decimals.
RATIO_COLUMNS = frozenset({"sroi_ratio", "net_sroi", "ratio"})

_NOTE_FIELDS = ("warnings", "assumptions")
_SCALARS = (str, bool, int, float, np.number, type(None))


def _is_scalar(v: Any) -> bool:
    return isinstance(v, _SCALARS)


def _frame(value: Any) -> Optional[pd.DataFrame]:
    """A table of one field's value, or None when the value is not a table."""
    if isinstance(value, pd.DataFrame):
        named = value.index.name is not None or not isinstance(value.index, pd.RangeIndex)
        return value.reset_index() if named else value.reset_index(drop=True)
    if isinstance(value, pd.Series):
        name = str(value.name) if value.name is not None else "value"
        frame = value.to_frame(name)
        frame.index.name = value.index.name or "index"
        return frame.reset_index()
    if isinstance(value, Mapping) and value:
        items = list(value.items())
        if all(_is_scalar(v) for _, v in items):
            return pd.DataFrame({"name": [str(k) for k, _ in items], "value": [v for _, v in items]})
        if all(hasattr(v, "to_dict") for _, v in items):  # results by name (summary_by_output)
            rows = [{"name": str(k), **{f: x for f, x in v.to_dict().items() if _is_scalar(x)}} for k, v in items]
            return pd.DataFrame(rows).drop(columns=["type", "version"], errors="ignore")
        if all(isinstance(v, Mapping) for _, v in items):
            return pd.DataFrame([{"name": str(k), **dict(v)} for k, v in items])
        if all(isinstance(v, (tuple, list)) for _, v in items):  # (low, high) per name
            return pd.DataFrame({"name": [str(k) for k, _ in items], "value": [list(v) for _, v in items]})
    if isinstance(value, (tuple, list)) and value and all(isinstance(v, Mapping) for v in value):
        return pd.DataFrame([dict(v) for v in value])
    return None


def _notes(result: Any) -> pd.DataFrame:
    rows = []
    for kind in _NOTE_FIELDS:
        for n in getattr(result, kind, ()) or ():
            rows.append(
                {
                    "kind": kind[:-1],
                    "code": getattr(n, "code", "") or "",
                    "text": str(n),
                    "params": json.dumps(
                        json_ready(getattr(n, "params", {}) or {}), ensure_ascii=False, sort_keys=True
                    ),
                }
            )
    return pd.DataFrame(rows, columns=["kind", "code", "text", "params"])


def _state(result: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(result):
        return {f.name: getattr(result, f.name) for f in dataclasses.fields(result) if not f.name.startswith("_")}
    return dict(result._state())


def _merge_switching(state: dict[str, Any]) -> Optional[pd.DataFrame]:
    """switching_values, _notes, _central and _domains as one table, a row per parameter."""
    values = state.get("switching_values")
    if not isinstance(values, Mapping) or not values:
        return None
    notes, central, domains = (state.get(f"switching_{k}") or {} for k in ("notes", "central", "domains"))
    rows = []
    for name, v in values.items():
        lo, hi = domains.get(name, (None, None))
        rows.append(
            {
                "parameter": name,
                "central": central.get(name),
                "switching_value": v,
                "searched_low": lo,
                "searched_high": hi,
                "note": str(notes.get(name, "")),
            }
        )
    return pd.DataFrame(rows)


def result_tables(result: Any, *, prefix: str = "") -> dict[str, pd.DataFrame]:
    """Every table of a result, by name: ``summary``, its tables, ``options`` and ``notes``.

    A result class may name views to export as tables (``_export_frames``: table name ->
    (attribute, the field it needs)) and fields to leave out (``_export_skip``):
    ``SimulationResult`` exports ``outputs``, ``tornado``, ``sobol`` and, when kept, ``draws``
    and ``parameters``. Nested results give tables named ``<field>_<table>``.
    """
    state = _state(result)
    skip = set(getattr(type(result), "_export_skip", ()))
    tables: dict[str, pd.DataFrame] = {}
    summary: list[tuple[str, Any]] = []
    options: list[tuple[str, Any]] = []
    switching = _merge_switching(state)
    for name, value in state.items():
        if name in skip or name in _NOTE_FIELDS or (switching is not None and name.startswith("switching_")):
            continue
        if name == "options" and isinstance(value, Mapping):
            options += [(str(k), v) for k, v in value.items()]
        elif _is_scalar(value):
            summary.append((name, value))
        elif isinstance(value, (tuple, list, Mapping)) and not value:
            continue
        elif hasattr(value, "_state") and hasattr(value, "to_dict"):  # a nested result
            tables.update(result_tables(value, prefix=f"{prefix}{name}_"))
        elif isinstance(value, np.ndarray):
            continue  # exported through the frames the class names
        elif isinstance(value, Mapping) and all(isinstance(v, pd.DataFrame) for v in value.values()):
            # a table per key (CompositeResult.levels): "<field>.<key>", each frame whole
            for key, held in value.items():
                frame = _frame(held)
                if frame is not None:
                    tables[f"{name}.{key}"] = frame
        else:
            frame = _frame(value)
            if frame is not None:
                tables[name] = frame
            elif isinstance(value, (tuple, list)) and all(_is_scalar(v) for v in value):
                summary.append((name, ", ".join(str(v) for v in value)))
    if switching is not None:
        tables["switching"] = switching
    extra = getattr(result, "_extra_tables", None)
    if extra is not None:
        tables.update({name: f for name, f in ((n, _frame(v)) for n, v in extra().items()) if f is not None})
    for name, (attribute, field) in getattr(type(result), "_export_frames", {}).items():
        if state.get(field, ()) is not None:  # the draws only when they were kept
            frame = _frame(getattr(result, attribute))
            if frame is not None:
                tables[name] = frame
    out = {f"{prefix}summary": pd.DataFrame(summary, columns=["field", "value"])}
    out.update({f"{prefix}{k}": v for k, v in tables.items()})
    out[f"{prefix}options"] = pd.DataFrame(options, columns=["option", "value"])
    notes = _notes(result)
    if prefix and notes.empty:
        return {k: v for k, v in out.items() if not (k.endswith("options") and v.empty)}
    out[f"{prefix}notes"] = notes
    return out


# --------------------------------------------------------------------------- writers


def _cell(v: Any) -> Any:
    """A value as a spreadsheet cell: numbers stay numbers, NaN/None empty, lists as text."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        x = float(v)
        if math.isnan(x):
            return None
        return x if math.isfinite(x) else ("inf" if x > 0 else "-inf")
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (str, bool, int)):
        return v
    return json.dumps(json_ready(v), ensure_ascii=False) if isinstance(v, (list, tuple, dict)) else str(v)


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "table"
    out, k = base, 2
    while out.lower() in used:
        tail = f"_{k}"
        out, k = base[: 31 - len(tail)] + tail, k + 1
    used.add(out.lower())
    return out


def _number_format(column: str, currency: str) -> Optional[str]:
    if column in MONEY_COLUMNS:
        return f'#,##0.00 "{currency}"' if currency else "#,##0.00"
    if column in SHARE_COLUMNS:
        return "0.0%"
    if column in RATIO_COLUMNS:
        return "0.00"
    return None


def excel_bytes(tables: Mapping[str, pd.DataFrame], *, currency: str = "") -> bytes:
    """The tables as an .xlsx workbook: a sheet per table, bold frozen header, widths to fit,
    money (with ``currency``), shares (as %) and ratios formatted by column (or, in a
    ``summary``/``options`` sheet, by field)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    for sheet in list(wb.worksheets):  # a new workbook comes with an empty sheet
        wb.remove(sheet)
    used: set[str] = set()
    for name, frame in tables.items():
        ws = wb.create_sheet(_sheet_name(name, used))
        columns = [str(c) for c in frame.columns]
        ws.append(columns)
        for c in ws[1]:
            c.font = Font(bold=True)
        ws.freeze_panes = "A2"
        by_field = columns[:1] in (["field"], ["option"], ["name"]) and "value" in columns
        for row in frame.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in row])
            r = ws.max_row
            for j, col in enumerate(columns):
                key = str(row[0]) if by_field and col == "value" else col
                fmt = _number_format(key, currency)
                cell = ws.cell(row=r, column=j + 1)
                if fmt and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = fmt
        for j, col in enumerate(columns):
            width = max([len(col)] + [len(str(_cell(v) or "")) for v in frame.iloc[:200, j]]) + 2
            ws.column_dimensions[ws.cell(row=1, column=j + 1).column_letter].width = min(width, 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_files(tables: Mapping[str, pd.DataFrame]) -> dict[str, bytes]:
    """The tables as CSV files by name (``<table>.csv``): UTF-8, comma-separated, a decimal
    point, the shortest digits that read back as the same number, empty for missing
    (locale-free, like JSON)."""
    out: dict[str, bytes] = {}
    for name, frame in tables.items():
        text = frame.apply(lambda col: col.map(lambda v: _csv_number(_cell(v))))
        out[f"{name}.csv"] = text.to_csv(index=False, lineterminator="\n").encode("utf-8")
    return out


def _csv_number(v: Any) -> Any:
    """A float as its shortest exact text (``0.2``, not ``0.20000000000000001``), whole ones
    without ``.0``; other cells as they are."""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)
    return v


def plan_tables(
    target: Union[str, os.PathLike[str]], fmt: str, names: Sequence[str], *, inputs: Sequence[Any] = ()
) -> Any:
    """The output plan of a result's tables (an :class:`impactchain._output.OutputPlan`): one
    workbook (``fmt="xlsx"``, ``target`` a file, or a directory for ``tables.xlsx``) or the
    CSV files ``names`` (``fmt="csv"``, ``target`` a directory); an OutputError when a path is an
    input of the run, a link, or cannot be written."""
    from impactchain._output import OutputPlan, plan_outputs

    if fmt == "xlsx":
        return plan_outputs(
            target, None, available=("xlsx",), default_dir=".", default_stem="tables", inputs=inputs, what="the tables"
        )
    if fmt == "csv":
        directory = Path(target)
        if directory.suffix.lower() == ".csv":
            raise ValueError(f"{directory}: CSV tables are written one file per table: give a directory")
        return OutputPlan(directory, tuple((name, directory / name) for name in names)).with_inputs(inputs)
    raise ValueError(f"unknown table format '{fmt}' (csv or xlsx)")


def write_tables(
    result: Any, target: Union[str, os.PathLike[str]], fmt: str, *, inputs: Sequence[Any] = ()
) -> list[Path]:
    """Writes a result's tables as one workbook (``fmt="xlsx"``, ``target`` a file) or one CSV
    per table (``fmt="csv"``, ``target`` a directory) by the output rule: all files or none,
    never over a link or an input of the run. Returns the paths written."""
    from impactchain._output import write_all

    tables = result_tables(result)
    if fmt == "xlsx":
        plan = plan_tables(target, fmt, (), inputs=inputs)
        return write_all(plan, {"xlsx": excel_bytes(tables, currency=str(getattr(result, "currency", "") or ""))})
    if fmt == "csv":
        files = csv_files(tables)
        return write_all(plan_tables(target, fmt, tuple(files), inputs=inputs), files)
    raise ValueError(f"unknown table format '{fmt}' (csv or xlsx)")
