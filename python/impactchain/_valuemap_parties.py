"""Who puts in and who gains, read from a Value Map row (docs/valuemap.md): an input row as an
investment of its kind (cash, in kind, volunteer time), and an outcome's Beneficiaries cell as
the stakeholders' shares of its value."""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Optional

from impactchain._valuemap_cells import _number, _share
from impactchain.valuemap import ValueMapError, _flow, _norm

#: Input kind as written in the sheet (matched as headers are) -> the model's `kind`.
KINDS = {"cash": "cash", "in kind": "in_kind", "volunteer time": "volunteer_time"}
#: The columns that make a row an input row.
INPUT_KEYS = ("inputs_value", "input_kind", "hours", "hourly_value")
_LABEL = {v: k for k, v in KINDS.items()}
_HEADER = {"inputs_value": "Inputs value", "hours": "Hours", "hourly_value": "Hourly value"}
# One share of a Beneficiaries cell: a name (in double quotes where it holds a comma or a semicolon:
# straight quotes, a double quote inside written twice as in a CSV field; or curly quotes, or one of
# each, holding no double quote), then a share (70 %, 70, 0.7, 0,7; in brackets or after a colon
# too), then a comma, a semicolon or the end.
_PART = re.compile(
    r"\s*(?:\"(?P<escaped>(?:[^\"]|\"\")+)\"(?!\")"
    r"|[\"\u201c](?P<quoted>[^\"\u201c\u201d]+)[\"\u201d]|(?P<name>[^,;]*?\S))"
    r"\s*:?\s*\(?\s*(?P<share>\d+(?:[.,]\d+)?\s*%?)\s*\)?\s*(?:[,;]|$)"
)

Value = Callable[[str], Any]  # a column key -> the row's cell, None when empty
Cell = Callable[[str], str]  # a column key -> the cell's name, as Value Map!C3


def _kind(val: Value, cell: Cell) -> str:
    if val("input_kind") is None:
        return "cash"
    kind = KINDS.get(_norm(str(val("input_kind"))))
    if kind is None:
        raise ValueMapError(
            f"{cell('input_kind')}: Input kind must be 'cash', 'in kind' or 'volunteer time' "
            f"(empty: cash), got {str(val('input_kind'))!r}"
        )
    return kind


def _amount(val: Value, cell: Cell, key: str) -> Optional[float]:
    if val(key) is None:
        return None
    x = _number(val(key), cell(key))
    if x < 0:
        raise ValueMapError(f"{cell(key)}: {_HEADER[key]} must be 0 or more, got {x:g}")
    return x


def tried(problems: list[str], read: Callable[..., Any], *args: Any) -> Any:
    """``read(*args)``, or None with its refusal added to ``problems`` (so that a row's other
    cells are read too)."""
    try:
        return read(*args)
    except ValueMapError as e:
        problems.append(str(e))
        return None


def read_investment(
    val: Value, cell: Cell, funder: Optional[str], readings: list[str], problems: list[str]
) -> Optional[str]:
    """The model-file line of the row's investment (with its cells as comment), or None when the
    row has none of Inputs value, Input kind, Hours and Hourly value, or when it does not fit:
    then every cell that does not is added to ``problems``, one each."""
    if all(val(k) is None for k in INPUT_KEYS):
        return None
    before = len(problems)
    if funder is None:
        problems.append(f"{cell('stakeholder')}: an input row (Inputs value, Input kind, Hours) names who puts it in")
    kind = tried(problems, _kind, val, cell)
    value = tried(problems, _amount, val, cell, "inputs_value")
    hours = hourly = None
    if kind in ("volunteer_time", None):  # another kind's hours are refused as such below, not read
        hours, hourly = (tried(problems, _amount, val, cell, k) for k in ("hours", "hourly_value"))
    year = val("inputs_year")
    first = 0 if year is None else tried(problems, _number, year, cell("inputs_year"))
    if first is not None and first != int(first):
        problems.append(
            f"{cell('inputs_year')}: Inputs year must be a whole number (0: the start of the activity period), got {first:g}"
        )
    if kind == "volunteer_time" and val("hours") is None:
        problems.append(f"{cell('hours')}: an input of kind volunteer time needs its Hours")
    elif kind is not None and kind != "volunteer_time":
        problems += [
            f"{cell(key)}: {_HEADER[key]} belongs to an input of kind volunteer time; this row's "
            f"Input kind is {_LABEL[kind]}" + (" (empty)" if val("input_kind") is None else "")
            for key in ("hours", "hourly_value")
            if val(key) is not None
        ]
        if val("inputs_value") is None:
            problems.append(f"{cell('inputs_value')}: an input of kind {_LABEL[kind]} needs its Inputs value")
    if len(problems) > before:
        return None
    inv: dict[str, Any] = {"funder": funder}
    if kind != "cash":
        inv["kind"] = kind
    if kind == "volunteer_time":
        inv["hours"] = hours
        if hourly is not None:
            inv["hourly_value"] = hourly
            if value is not None and abs(value - hours * hourly) >= 0.005 + 1e-12 * abs(value):
                problems.append(
                    f"{cell('inputs_value')}, {cell('hourly_value')}: Inputs value {value:,.2f} is not Hours x "
                    f"Hourly value ({hours:g} x {hourly:g} = {hours * hourly:,.2f}); correct one of them, or "
                    "leave the Inputs value empty"
                )
                return None
        elif value:
            problems.append(
                f"{cell('inputs_value')}, {cell('hourly_value')}: volunteer hours with an Inputs value "
                f"({value:,.2f}) need their Hourly value; leave the Inputs value empty for hours not valued"
            )
            return None
        else:
            readings.append(
                f"{cell('hours')}: {hours:g} volunteer hours without an Hourly value: not valued "
                "(they count in no money figure)"
            )
        used = [cell(k) for k in ("input_kind", "hours", "hourly_value", "inputs_value") if val(k) is not None]
    else:
        inv["amount"] = value
        used = [cell(k) for k in ("input_kind", "inputs_value") if val(k) is not None]
    inv["year"] = int(first)
    if val("inputs") is not None:
        inv["description"] = str(val("inputs")).strip()
    return f"  - {_flow(inv)}  # {', '.join(used)}"


def _parts(text: str) -> Optional[list[tuple[str, str]]]:
    """A Beneficiaries cell's (name, share) pairs, or None where the text is not written so."""
    parts, pos = [], 0
    while pos < len(text):
        m = _PART.match(text, pos)
        if m is None:
            return None
        name = m["escaped"].replace('""', '"') if m["escaped"] is not None else m["quoted"] or m["name"]
        parts.append((name.strip(), m["share"].strip()))
        pos = m.end()
    return parts


def beneficiary_name(name: str) -> str:
    """A stakeholder's name as a Beneficiaries cell writes it: in straight double quotes where it
    holds a comma or a semicolon (which separate the shares), a double quote inside written twice."""
    if not any(c in name for c in ",;"):
        return name
    return '"' + name.replace('"', '""') + '"'


def stakeholder_as_shares(text: str, where: str) -> None:
    """Refuses an outcome's Stakeholder cell written as shares (``Municipality (0.7), Participants
    (0.3)``, as exports wrote beneficiaries before the Beneficiaries column): read as one name, it
    would make a stakeholder of the whole text."""
    parts = _parts(text.strip())
    if parts is not None and len(parts) > 1:
        raise ValueMapError(
            f"{where}: {text.strip()!r} reads as beneficiaries' shares, not one stakeholder; move it to a "
            "Beneficiaries column (docs/valuemap.md)"
        )


def read_beneficiaries(
    cell_value: Any, where: str, party: Callable[[str, str], str], readings: list[str]
) -> tuple[dict[str, float], str]:
    """A Beneficiaries cell (``Municipality 70 %, Participants 30 %``) as {stakeholder id: share} and
    the comment saying how it was read. ``party(name, where)`` gives a stakeholder's id, making a
    new stakeholder for a name not seen before; each share is read as a percentage (:func:`_share`)
    and the shares must sum to 1."""
    text = str(cell_value).strip().rstrip(",;").strip()
    parts = _parts(text)
    if parts is None:
        raise ValueMapError(
            f"{where}: Beneficiaries are written 'name share, name share' (e.g. 'Municipality 70 %, "
            f"Participants 30 %'), got {text!r}"
        )
    shares: dict[str, float] = {}
    for name, share in parts:
        sid = party(name, where)
        if sid in shares:
            raise ValueMapError(f"{where}: {name!r} is named twice in Beneficiaries")
        x, how = _share(share, f"{where} ({name})")
        if how is not None:
            readings.append(how)
        shares[sid] = x
    if not shares:
        raise ValueMapError(f"{where}: Beneficiaries names no stakeholder")
    total = math.fsum(shares.values())
    if abs(total - 1) > 1e-9:
        raise ValueMapError(
            f"{where}: the shares of Beneficiaries must sum to 100 % (1), they sum to {total * 100:.10g} % "
            f"({total:.10g}) in {text!r}"
        )
    return shares, f"{where}: {text!r} read as {_flow(shares)}"
