"""The SROI Value Map as a workbook, in and out (docs/valuemap.md).

:func:`read_valuemap` reads a workbook laid out as the Value Map's stage columns
(:data:`COLUMNS`, one outcome per row, on the sheet ``Value Map``; the model's name,
currency, price year and discount on the sheet ``About``), maps it onto a model and
writes it as model-file YAML with a comment naming the cell each value came from.
:func:`valuemap_bytes` writes a model back in the same layout, with the computed
impact, present value and ratio, and one sheet per table of its valuation, so that
someone with only Excel can read and check it; reading that workbook gives back the
same numbers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Union

from impactchain._problems import raise_problems

__all__ = [
    "COLUMNS",
    "ABOUT_FIELDS",
    "ValueMapImport",
    "read_valuemap",
    "valuemap_bytes",
    "valuemap_left_out",
    "template_bytes",
]

#: The Value Map sheet's columns: (header, key, kind). "computed" columns are written by
#: the export and not read back (the model computes them).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Stakeholder", "stakeholder", "text"),
    ("Inputs", "inputs", "text"),
    ("Inputs value", "inputs_value", "number"),
    ("Inputs year", "inputs_year", "year"),
    ("Outputs", "outputs", "text"),
    ("Outcome", "outcome", "text"),
    ("Indicator", "indicator", "text"),
    ("Indicator source", "indicator_source", "text"),
    ("Quantity", "quantity", "number"),
    ("Duration (years)", "duration", "number"),
    ("Outcome starts", "start", "start"),
    ("Financial proxy", "proxy", "text"),
    ("Proxy value", "proxy_value", "number"),
    ("Proxy source", "proxy_source", "text"),
    ("Deadweight", "deadweight", "share"),
    ("Displacement", "displacement", "share"),
    ("Attribution", "attribution", "share"),
    ("Leakage", "leakage", "share"),
    ("Drop-off", "drop_off", "share"),
    ("Input kind", "input_kind", "text"),
    ("Hours", "hours", "number"),
    ("Hourly value", "hourly_value", "number"),
    ("Beneficiaries", "beneficiaries", "text"),
    ("Impact", "impact", "computed"),
    ("Present value", "present_value", "computed"),
)
#: The name of the activity node an import makes for outcome rows without Outputs (written back
#: as an empty Outputs cell, so that importing an export gives the same chain).
NO_OUTPUTS = "Activities (no Outputs in the Value Map)"
#: The About sheet's fields (column "Field", column "Value"): (field, key).
ABOUT_FIELDS: tuple[tuple[str, str], ...] = (
    ("Name", "name"),
    ("Organisation", "organisation"),
    ("Currency", "currency"),
    ("Price year", "price_year"),
    ("Discount", "discount"),
    ("Period start", "period_start"),
    ("Period end", "period_end"),
    ("Language", "language"),
    ("SROI ratio", "sroi_ratio"),
)
SHEET, ABOUT = "Value Map", "About"
_COMPUTED_ABOUT = {"sroi_ratio"}
_SCHEDULES = ("nl_2021", "green_book", "green_book_health")


def _norm(header: str) -> str:
    """A header as matched: lower case, without %, brackets, dashes and repeated spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[%()\-_]", " ", header.lower())).strip()


_BY_HEADER = {_norm(h): (h, k, kind) for h, k, kind in COLUMNS}
_BY_HEADER.update(
    {
        _norm(alias): _BY_HEADER[_norm(h)]
        for alias, h in (
            ("Stakeholders", "Stakeholder"),
            ("Value of inputs", "Inputs value"),
            ("Outcome description", "Outcome"),
            ("Duration", "Duration (years)"),
            ("Proxy", "Financial proxy"),
            ("Value of proxy", "Proxy value"),
            ("Dropoff", "Drop-off"),
            ("Kind of input", "Input kind"),
            ("Volunteer hours", "Hours"),
            ("Value per hour", "Hourly value"),
        )
    }
)


@dataclass(frozen=True)
class ValueMapImport:
    """What :func:`read_valuemap` gives: the model-file YAML (each value commented with its
    cell), how each cell was read, and the model the YAML loads as."""

    yaml_text: str
    readings: tuple[str, ...]
    model: Any


class ValueMapError(ValueError):
    """A workbook that does not fit the layout, naming the sheet, cell and what was expected."""

    #: Several problems are one per line, kept so by the command line.
    problems_per_line = True


def _slug(text: str, used: set[str], fallback: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or fallback
    if base[0].isdigit():
        base = f"{fallback}_{base}"
    out, k = base, 2
    while out in used:
        out, k = f"{base}_{k}", k + 1
    used.add(out)
    return out


def _y(v: Any) -> str:
    """A YAML scalar: numbers as in JSON, text double-quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 2**53 else repr(v)
    return json.dumps(str(v), ensure_ascii=False)


def _flow(d: Mapping[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_flow(v) if isinstance(v, Mapping) else _y(v)}" for k, v in d.items()) + "}"


# --------------------------------------------------------------------------- import


def _about(wb: Any, path: Path, readings: list[str]) -> dict[str, tuple[Any, str]]:
    """The About sheet's fields of the open workbook ``wb`` (at ``path``), by key: (value, cell)."""
    from impactchain._valuemap_cells import _blank, read_sheet

    names = list(wb.sheetnames)
    if ABOUT not in names:
        raise ValueMapError(
            f"{path.name}: no sheet '{ABOUT}' (the model's Name, Currency, Price year and Discount, "
            "see docs/valuemap.md); the sheets are: " + ", ".join(names)
        )
    t = read_sheet(wb, path, ABOUT)
    cols = list(t.frame.columns)
    if cols[:2] != ["Field", "Value"]:
        raise ValueMapError(f"{ABOUT}!A1: expected the headers 'Field' and 'Value', got {cols[:2]}")
    known = {_norm(f): k for f, k in ABOUT_FIELDS}
    out: dict[str, tuple[Any, str]] = {}
    for i, (field, value) in enumerate(zip(t.frame["Field"], t.frame["Value"])):
        where = f"{ABOUT}!B{int(t.lines[i])}"
        if _blank(field):
            continue
        key = known.get(_norm(str(field)))
        if key is None:
            raise ValueMapError(
                f"{ABOUT}!A{int(t.lines[i])}: unknown field {str(field)!r} (known: "
                + ", ".join(f for f, _ in ABOUT_FIELDS)
                + ")"
            )
        if not _blank(value) and key not in _COMPUTED_ABOUT:
            out[key] = (value, where)
    return out


def _discount(value: Any, where: str) -> dict[str, Any]:
    from impactchain._valuemap_cells import _number, _share

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"rate": float(value)}
    text = str(value).strip()
    if text in _SCHEDULES:
        return {"schedule": text}
    if text.startswith("{"):
        import yaml

        try:
            d = yaml.safe_load(text)
        except yaml.YAMLError:
            d = None
        if isinstance(d, dict):
            return d
    if text.endswith("%"):
        return {"rate": _share(text, where)[0]}
    try:
        return {"rate": _number(text, where)}
    except ValueMapError:
        raise ValueMapError(
            f"{where}: Discount must be a rate (0.035 or 3.5 %), a schedule ({', '.join(_SCHEDULES)}) or a "
            f"discount mapping such as {{rates: [0.035, 0.03]}}, got {text!r}"
        ) from None


def read_valuemap(path: Union[str, Path]) -> ValueMapImport:
    """Reads a Value Map workbook (docs/valuemap.md) into model-file YAML, commented cell by cell.

    Raises :class:`ValueMapError` (a ValueError) naming the sheet and cell of what does not fit,
    and the loader's error when the model it gives is not valid. ``readings`` says how each
    percentage, the name and the discount were read."""
    import impactchain as ic
    from impactchain._valuemap_cells import _blank, _number, open_valuemap, percent_cells, read_sheet

    p = Path(path)
    readings: list[str] = []
    formats: dict[tuple[int, int], str] = {}  # the Value Map's number formats, read with its values
    wb = open_valuemap(p)  # one load for both sheets
    try:
        about = _about(wb, p, readings)
        t = read_sheet(wb, p, SHEET, formats)
    finally:
        wb.close()
    from openpyxl.utils import get_column_letter

    letters: dict[str, str] = {}
    keys: dict[str, str] = {}
    for j, header in enumerate(t.frame.columns):
        found = _BY_HEADER.get(_norm(str(header)))
        if found is None:
            raise ValueMapError(
                f"{SHEET}!{get_column_letter(j + 1)}1: unknown column {str(header)!r}; the columns are: "
                + ", ".join(h for h, _, _ in COLUMNS)
            )
        letters[found[1]] = get_column_letter(j + 1)
        keys[str(header)] = found[1]
    for need in ("stakeholder", "outcome", "quantity", "proxy_value"):
        if need not in letters:
            header = next(h for h, k, _ in COLUMNS if k == need)
            raise ValueMapError(f"{SHEET}: no column {header!r} (docs/valuemap.md lists the layout)")
    # From here every problem is collected (the About sheet's, then each row's first) and all are
    # raised together, so a Value Map is corrected in one pass.
    problems: list[str] = []
    if "currency" not in about:
        problems.append(f"{ABOUT}: no Currency (e.g. EUR): every amount of the Value Map is in it")
    currency = str(about.get("currency", ("",))[0]).strip()
    price_year = None
    if "price_year" in about:
        try:
            price_year = int(_number(about["price_year"][0], about["price_year"][1]))
        except ValueMapError as e:
            problems.append(str(e))

    lines = [f"# Read from {p.name} by impactchain import-valuemap; each value names its cell.", "impactchain: 1"]
    name = about.get("name", (p.stem, None))
    if name[1] is None:
        readings.append(f"{ABOUT}: no Name; the model is named after the file ({p.stem!r})")
    lines.append(f"name: {_y(str(name[0]).strip())}" + (f"  # {name[1]}" if name[1] else "  # the file's name"))
    for key in ("organisation", "language"):
        if key in about:
            lines.append(f"{key}: {_y(str(about[key][0]).strip())}  # {about[key][1]}")
    try:
        if "period_start" in about:
            start = int(_number(*about["period_start"]))
            end = int(_number(*about["period_end"])) if "period_end" in about else start
            lines.append(f"period: {{start: {start}, end: {end}}}  # {about['period_start'][1]}")
    except ValueMapError as e:
        problems.append(str(e))
    if "currency" in about:
        lines.append(f"currency: {_y(currency)}  # {about['currency'][1]}")
    if price_year is not None:
        lines.append(f"price_year: {price_year}  # {about['price_year'][1]}")
    if "discount" in about:
        try:
            disc = _discount(*about["discount"])
            readings.append(f"{about['discount'][1]}: discount {_flow(disc)}")
            lines.append(f"discount: {_flow(disc)}  # {about['discount'][1]}")
        except ValueMapError as e:
            problems.append(str(e))

    from impactchain._valuemap_rows import SheetRows

    def cell(i: int, k: str) -> str:
        if k in letters:
            return f"{SHEET}!{letters[k]}{int(t.lines[i])}"
        return f"{SHEET} row {int(t.lines[i])} (no column {next(h for h, kk, _ in COLUMNS if kk == k)!r})"

    rows = SheetRows(currency, price_year, readings, percent_cells(formats, letters))
    frame = t.frame.rename(columns=keys)
    for i in range(len(frame)):
        row = {k: frame.iloc[i][k] for k in frame.columns}

        def val(k: str, row: dict[str, Any] = row) -> Any:
            return None if k not in row or _blank(row[k]) else row[k]

        problems += rows.add(int(t.lines[i]), val, partial(cell, i))
    if len(frame) == 0:  # the blank template: said beside the About sheet's problems
        problems.append(
            f"{SHEET}: no rows under the header: an input row per investment (Stakeholder, Inputs value) and "
            "an outcome row per outcome (Stakeholder, Outcome, Quantity, Proxy value)"
        )
    elif not rows.outcomes and not problems:
        if not rows.investments:
            problems.append(
                f"{SHEET}: no outcome row (a row with Outcome, Quantity and Proxy value) and no input row "
                "(Inputs value)"
            )
        else:  # a model that values no outcome in money, as the export of one writes it
            readings.append(
                f"{SHEET}: no outcome row (Outcome, Quantity and Proxy value): the model holds the inputs "
                "and values no outcome in money"
            )
    raise_problems(ValueMapError, problems, p.name)
    lines += rows.yaml_lines()
    text = "\n".join(lines) + "\n"
    model = ic.loads(text, format="yaml", source=f"{p.name} (as YAML)")
    return ValueMapImport(text, tuple(readings), model)


# --------------------------------------------------------------------------- export


def template_bytes() -> bytes:
    """A blank Value Map workbook in the layout :func:`read_valuemap` reads (shipped as
    ``impactchain/starter/valuemap.xlsx`` and written by ``impactchain init``)."""
    from impactchain._valuemap_export import template_bytes as blank

    return blank()


def valuemap_bytes(model: Any, **value_options: Any) -> bytes:
    """``model`` (a Model or a model file's path) as a Value Map workbook: a row per outcome (central
    values, money in the model's currency at its price year), the investments as input rows, the
    computed impact and present value per outcome, the ratio on the About sheet, and one sheet
    per table of the valuation (``impactchain.value(model, **value_options)``)."""
    from impactchain._valuemap_export import valuemap_bytes as workbook

    return workbook(model, **value_options)


def valuemap_left_out(model: Any) -> list[str]:
    """What of ``model`` (a Model or a model file's path) its Value Map workbook does not hold, one
    line each, as ``impactchain export`` prints them and the workbook's sheet "Not in this Value
    Map" lists them: soft outcomes, parties no row names, the uncertain values (written as their
    central values), the chain's conversion rates (each outcome's quantity is written as the chain
    gives it), texts in other languages, and the model's description, notes, defaults, price index
    and a comparator's role. Empty when the workbook holds the whole model."""
    import impactchain as ic
    from impactchain._export_left_out import valuemap_left_out as left_out

    return left_out(ic.load(model) if isinstance(model, (str, Path)) else model)
