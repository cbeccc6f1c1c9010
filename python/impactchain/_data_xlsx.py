"""Excel workbooks (.xlsx) for the data reader (impactchain._data): a sheet by name or
position, bounded before and while reading (zip-bomb checks on the archive, a cell ceiling),
its XML parsed by openpyxl through defusedxml. The ceilings are those of impactchain._data.
The cells become plain columns without pandas, as a CSV's do (``impactchain validate``)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Union

import numpy as np

from impactchain import _data as d
from impactchain._i18n import N_
from impactchain._report_text import Said
from impactchain._text import for_terminal


def _check_zip(p: Path, field: str) -> None:
    shown = d.excerpt(p.name, 80)
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError):
        raise d.DataFileError(f"{field}: {shown} is not an .xlsx workbook (not a zip file)") from None
    if len(infos) > 10_000:
        raise d.DataFileError(f"{field}: {shown} has {len(infos):,} parts, more than an .xlsx workbook has")
    total = sum(i.file_size for i in infos)
    if total > d.MAX_XLSX_UNCOMPRESSED:
        raise d.DataFileError(
            f"{field}: {shown} unpacks to {total:,} bytes, more than the "
            f"{d.MAX_XLSX_UNCOMPRESSED:,} bytes read from a workbook; save the sheet as CSV"
        )
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > d.MAX_XLSX_RATIO * max(i.compress_size, 1):
            raise d.DataFileError(
                f"{field}: {shown}: a part unpacks {i.file_size // max(i.compress_size, 1):,} times "
                f"its packed size (more than {d.MAX_XLSX_RATIO}); refused as a possible zip bomb"
            )


def open_workbook(p: Path, field: str) -> Any:
    """The workbook at ``p``, read-only with cached formula values, after the checks every
    workbook read here passes: a regular file, defused XML, bounded unpacked size."""
    import openpyxl  # openpyxl parses the XML with defusedxml when it is installed

    if not openpyxl.DEFUSEDXML:
        raise d.DataFileError(
            f"{field}: {d.excerpt(p.name, 80)}: reading .xlsx needs the defusedxml package "
            "(pip install defusedxml), which guards against hostile XML"
        )

    with d._open_regular(p, field):
        pass
    _check_zip(p, field)
    try:
        return openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged workbook
        raise d.DataFileError(
            f"{field}: {d.excerpt(p.name, 80)} could not be opened as a workbook ({type(e).__name__})"
        ) from None


def read_xlsx(p: Path, field: str, sheet: Union[str, int, None], max_rows: int) -> d.Table:
    wb = open_workbook(p, field)
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb.worksheets[0]
        elif isinstance(sheet, (int, np.integer)) and not isinstance(sheet, bool):
            if not 0 <= int(sheet) < len(names):
                raise d.DataFileError(
                    f"{field}: {p.name}: sheet {int(sheet)} does not exist (the workbook has "
                    f"{len(names)} sheet(s), numbered from 0)"
                )
            ws = wb.worksheets[int(sheet)]
        elif isinstance(sheet, str):
            if sheet not in names:
                raise d.DataFileError(
                    f"{field}: {p.name}: no sheet {d.excerpt(sheet, 40)}; the sheets are: {d.columns_excerpt(names)}"
                )
            ws = wb[sheet]
        else:
            raise d.DataFileError(f"{field}: sheet must be a name or a 0-based position, got {type(sheet).__name__}")
        title = str(ws.title)
        header, rows, lines, cells = None, [], [], 0
        for n, row in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            values = list(row)
            cells += len(values)
            if cells > d.MAX_XLSX_CELLS:
                raise d.DataFileError(
                    f"{field}: {p.name}: more than {d.MAX_XLSX_CELLS:,} cells, the most read from a "
                    "sheet; save the sheet as CSV"
                )
            if header is None:
                if n != 1 or not any(v is not None and str(v).strip() for v in values):
                    raise d.DataFileError(
                        f"{field}: {p.name}: row 1 of the sheet is empty; the header must be on row 1"
                    )
                while values and (values[-1] is None or not str(values[-1]).strip()):
                    values.pop()
                header = d._header(["" if v is None else str(v) for v in values], field, p.name)
                continue
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue  # an empty sheet row: no data row
            extra = [v for v in values[len(header) :] if v is not None and str(v).strip()]
            if extra:
                raise d.DataFileError(
                    f"{field}: {p.name}: row {n}: a value right of the last header column "
                    f"'{for_terminal(header[-1])}'; no cell is dropped, fix the sheet"
                )
            padded = (values + [None] * len(header))[: len(header)]
            rows.append([v.strip() if isinstance(v, str) else v for v in padded])
            lines.append(n)
            if len(rows) > max_rows:
                raise d.DataFileError(f"{field}: {p.name} has more than {max_rows:,} data rows, the most read at once")
    finally:
        wb.close()
    if header is None:
        raise d.DataFileError(f"{field}: {p.name}: the sheet is empty (expected a header row on row 1)")
    how = Said(
        N_("read_xlsx_sheet_first") if sheet is None else N_("read_xlsx_sheet_given"),
        file=p.name,
        sheet=title,
        sheets=len(names),
    )
    # The values openpyxl gave as the table's columns (the DataFrame is built on first use).
    return d.Table.of_rows(header, rows, lines, p.name, field, reading=(how,))
