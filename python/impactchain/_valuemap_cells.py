"""How a Value Map workbook's cells are read: both sheets in one load, numbers, percentages, percent formats."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional

from impactchain.valuemap import COLUMNS, SHEET, ValueMapError


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


#: A number written with one mark followed by three digits (12.000, 1,234): a decimal mark in one
#: language, a thousands separator in another (a leading 0, as in 0,125, is a decimal mark).
_AMBIGUOUS = re.compile(r"^[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}$")


def _number(v: Any, where: str) -> float:
    if isinstance(v, bool):
        raise ValueMapError(f"{where}: expected a number, got {v!r}")
    if isinstance(v, (int, float)):
        x = float(v)
    else:
        text = str(v).strip().replace("\u00a0", " ")
        text = re.sub(r"^(€|EUR|GBP|£|\$)\s*", "", text)
        if _AMBIGUOUS.match(text):  # 12.000 is twelve thousand in Dutch, 12 in English; 1,234 the reverse
            mark = "." if "." in text else ","
            sign = "-" if text.startswith("-") else ""
            whole, frac = text.lstrip("+-").split(mark)
            raise ValueMapError(
                f"{where}: {text!r} is ambiguous: {sign}{float(whole + '.' + frac):g} if {mark!r} is a decimal mark, "
                f"{sign}{whole}{frac} if it separates thousands; write the number without a separator or give "
                f"the decimals ({sign}{whole}.{frac},00 or {sign}{whole},{frac}.00)"
            )
        # 1.234,56 (Dutch) or 1,234.56 (English): the last mark is the decimal one.
        if "," in text and "." in text:
            text = (
                text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
            )
        elif "," in text:
            text = text.replace(",", ".")
        try:
            x = float(text.replace(" ", ""))
        except ValueError:
            raise ValueMapError(f"{where}: expected a number, got {str(v)!r}") from None
    if not math.isfinite(x):
        raise ValueMapError(f"{where}: expected a finite number, got {v!r}")
    return x


def _share(v: Any, where: str, percent: str = "") -> tuple[float, Optional[str]]:
    """A percentage as people write it: 0.3, 30, '30 %', '30%', '0,3'. Numbers up to 1 are shares,
    above 1 (up to 100) percentages; the reading says which was taken (None for 0, which is 0
    either way). ``percent``: the column's name (``deadweight``) when the cell is formatted as a
    percentage (``0%``): a number there is the share it shows (1.5 is 150 %), whatever its size."""
    text = str(v).strip() if isinstance(v, str) else None
    if percent and text is None and not isinstance(v, bool) and isinstance(v, (int, float)):
        x = _number(v, where)
        if not 0 <= x <= 1:
            raise ValueMapError(f"{where}: {percent} {x * 100:g} % is outside 0–100 %")
        return x, (f"{where}: {x:g} formatted as a percentage: {x * 100:g} % ({x:g})" if x != 0 else None)
    if text is not None and text.endswith("%"):
        x = _number(text[:-1], where) / 100
        how = f"{text!r} read as {x * 100:g} % ({x:g})"
    else:
        raw = _number(v, where)
        if raw > 1:
            x, how = raw / 100, f"{raw:g} read as {raw:g} % ({raw / 100:g}): a number above 1 is a percentage"
        else:
            x, how = raw, f"{raw:g} read as a share ({raw * 100:g} %)"
    if not 0 <= x <= 1:
        raise ValueMapError(f"{where}: a percentage must be from 0 to 100 % (or a share from 0 to 1), got {v!r}")
    return x, (f"{where}: {how}" if x != 0 else None)


def open_valuemap(path: Path) -> Any:
    """The workbook at ``path``, opened once for every sheet read from it (the caller closes it)."""
    from impactchain._data import DataFileError
    from impactchain._data_xlsx import open_workbook

    try:
        return open_workbook(path, "Value Map workbook")
    except DataFileError as e:
        raise ValueMapError(str(e)) from None


def read_sheet(wb: Any, path: Path, sheet: str, number_formats: Optional[dict[tuple[int, int], str]] = None) -> Any:
    """The table of the sheet ``sheet`` of the open workbook ``wb``; ``number_formats`` (when given)
    gets the number format of its cells, read in the same pass as their values."""
    from impactchain import _data as d
    from impactchain._data_xlsx import read_sheet as read

    try:
        return read(wb, path, f"{path.name}, sheet {sheet}", sheet, d.MAX_ROWS, number_formats=number_formats)
    except d.DataFileError as e:
        raise ValueMapError(str(e)) from None


def _percent_format(fmt: Any) -> bool:
    """A number format that shows a percentage (``0%``, ``0.0%``): a ``%`` outside quoted text and
    escapes (``0"%"`` shows a literal sign, the number unscaled)."""
    if not isinstance(fmt, str):
        return False
    return "%" in re.sub(r'"[^"]*"|\\.', "", fmt)


def percent_cells(number_formats: Mapping[tuple[int, int], str], letters: Mapping[str, str]) -> set[str]:
    """The cells of the Value Map's percentage columns (``letters``: the column of each key) that
    are formatted as a percentage, by name (``Value Map!O5``); ``number_formats`` holds the sheet's
    cells' formats by (sheet row, 1-based column)."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    columns = {column_index_from_string(letters[k]) for _, k, kind in COLUMNS if kind == "share" and k in letters}
    return {
        f"{SHEET}!{get_column_letter(j)}{r}"
        for (r, j), fmt in number_formats.items()
        if j in columns and _percent_format(fmt)
    }
