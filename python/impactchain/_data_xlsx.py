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
from impactchain._data_cells import padded as spaced
from impactchain._data_cells import spaces_said
from impactchain._data_empty import column_letters, empty_rows, is_empty, unnamed_columns
from impactchain._data_hints import title_hint
from impactchain._i18n import N_
from impactchain._problems import counted, listed
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


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_part(z: zipfile.ZipFile, title: str) -> str | None:
    """The archive path of the sheet named ``title`` (workbook.xml and its relationships)."""
    from defusedxml import ElementTree

    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rid = next((e.get(_REL) for e in book.iter(f"{_MAIN}sheet") if e.get("name") == title), None)
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next((e.get("Target") for e in rels if e.get("Id") == rid), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _column_index(ref: str) -> tuple[int, int]:
    """'C12' -> (12, 2): the sheet row and the 0-based column."""
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(ref[len(letters) :]), col - 1


def _refuse_uncalculated(
    p: Path, field: str, title: str, header: list[str], blanks: dict[int, list[int]]
) -> dict[tuple[int, int], str]:
    """Refuses the cells read as empty that hold a formula with no saved result: a workbook
    written by a program and never opened in a spreadsheet has none, and openpyxl does not
    calculate. Read as empty, such a score would be taken as missing (its row "not used") when it
    is not known. A formula whose saved result is the empty text (t="str", as Excel and
    LibreOffice save =IF(...;"";...)) is a blank the spreadsheet computed, and stays one.
    Returns the cells read as empty that are part of merged cells (only the first cell of merged
    ones holds the value): {(sheet row, 0-based column): 'A5:A9'}."""
    from defusedxml import ElementTree

    def shown(formula: Any) -> str:  # a shared formula's later cells name only the first one's group
        return d.excerpt("=" + formula.text, 40) if formula.text else "a shared formula"

    wanted = {(n, c) for n, cols in blanks.items() for c in cols}
    found = []
    merges: list[str] = []  # the sheet's merged ranges ('A5:A9'), after its cells in the XML
    with zipfile.ZipFile(p) as z:
        part = _sheet_part(z, title)
        if part is None:
            return {}
        with z.open(part) as f:
            for _, e in ElementTree.iterparse(f):
                if e.tag != f"{_MAIN}c":
                    if e.tag == f"{_MAIN}row":
                        e.clear()  # a sheet of a million cells is not kept whole
                    elif e.tag == f"{_MAIN}mergeCell" and len(merges) < _MAX_MERGES:
                        merges.append(e.get("ref") or "")
                    continue
                formula, saved = e.find(f"{_MAIN}f"), e.find(f"{_MAIN}v")
                if formula is not None and (saved is None or not saved.text) and e.get("t") != "str":
                    ref = e.get("r") or ""
                    n, c = _column_index(ref) if ref else (0, -1)
                    if (n, c) in wanted:
                        found.append(f"row {n}, column {d.excerpt(header[c], 60)}: {shown(formula)}")
    if found:
        cells = "1 formula cell" if len(found) == 1 else f"{len(found)} formula cells"
        raise d.DataFileError(
            "\n".join(
                [
                    f"{field}: {p.name}: {cells} without a saved result (the workbook was written by a "
                    "program and never calculated); open and save it in Excel or LibreOffice, or save "
                    "the sheet as CSV:"
                ]
                + [f"  {x}" for x in listed(found)]
            )
        )
    return _in_merges(wanted, merges)


#: Merged ranges of a sheet looked at (a sheet with more is not searched further).
_MAX_MERGES = 10_000


def _in_merges(cells: set[tuple[int, int]], merges: list[str]) -> dict[tuple[int, int], str]:
    """The ``cells`` (sheet row, 0-based column) inside one of the merged ranges ``merges``
    ('A5:A9'), each with its range; the first cell of a range (which holds its value) is not."""
    out: dict[tuple[int, int], str] = {}
    for ref in merges:
        if ":" not in ref:
            continue
        try:
            (r1, c1), (r2, c2) = (_column_index(x.replace("$", "")) for x in ref.split(":", 1))
        except ValueError:
            continue
        for n, c in cells:
            if r1 <= n <= r2 and c1 <= c <= c2 and (n, c) != (r1, c1):
                out.setdefault((n, c), ref)
    return out


def read_xlsx(p: Path, field: str, sheet: Union[str, int, None], max_rows: int, header_row: int = 1) -> d.Table:
    wb = open_workbook(p, field)
    try:
        return read_sheet(wb, p, field, sheet, max_rows, header_row)
    finally:
        wb.close()


def read_sheet(
    wb: Any,
    p: Path,
    field: str,
    sheet: Union[str, int, None],
    max_rows: int,
    header_row: int = 1,
    number_formats: Union[dict[tuple[int, int], str], None] = None,
) -> d.Table:
    """The table of one sheet of ``wb`` (the workbook at ``p``, from :func:`open_workbook`; several
    sheets are read from one load). ``number_formats``, when given, gets the number format of each
    cell of the data rows that has one other than General, by (sheet row, 1-based column), read in
    the same pass as the values."""
    cells_too = number_formats is not None
    names = wb.sheetnames
    if sheet is None:
        ws = wb.worksheets[0]
    elif isinstance(sheet, (int, np.integer)) and not isinstance(sheet, bool):
        if not 0 <= int(sheet) < len(names):
            raise d.DataFileError(
                f"{field}: {p.name}: sheet {int(sheet)} does not exist (the workbook has "
                f"{counted(len(names), 'sheet')}, numbered from 0)"
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
    empty_rows_at: list[int] = []  # sheet rows below the header whose every cell is empty
    n_spaced, first_spaced = 0, None  # text cells with spaces around them, and the first (row, column, cell)
    blanks: dict[int, list[int]] = {}  # sheet row -> columns read as empty (a formula never calculated?)
    for n, row in enumerate(ws.iter_rows(min_row=1, values_only=not cells_too), start=1):
        values = [c.value for c in row] if cells_too else list(row)
        cells += len(values)
        if cells > d.MAX_XLSX_CELLS:
            raise d.DataFileError(
                f"{field}: {p.name}: more than {d.MAX_XLSX_CELLS:,} cells, the most read from a "
                "sheet; save the sheet as CSV"
            )
        if header is None:
            if n < header_row:
                continue  # above the column names (a title): not data
            if n != header_row or not any(v is not None and str(v).strip() for v in values):
                where = (
                    "the header must be on row 1" if header_row == 1 else "header_row says the column names are there"
                )
                raise d.DataFileError(f"{field}: {p.name}: row {header_row} of the sheet is empty; {where}")
            while values and (values[-1] is None or not str(values[-1]).strip()):
                values.pop()
            header = d._header(["" if v is None else str(v) for v in values], field, p.name, header_row, unnamed=True)
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            empty_rows_at.append(n)  # an empty sheet row: no data row (stated)
            continue
        extra = next((j for j in range(len(header), len(values)) if not is_empty(values[j])), None)
        if extra is not None:
            raise d.DataFileError(
                f"{field}: {p.name}: column {extra + 1} ({column_letters(extra)}) has no name in the header "
                f"but holds values (row {n}: {d.excerpt(values[extra])}); name it or delete it (it is right of "
                f"the last named column '{for_terminal(header[-1])}'; no cell is dropped)"
                + title_hint(header, [v for v in values if v is not None and str(v).strip()], n)
            )
        padded = (values + [None] * len(header))[: len(header)]
        empty = [c for c, v in enumerate(values[: len(header)]) if v is None]
        if empty:
            blanks[n] = empty
        for j, v in enumerate(padded):
            if spaced(v):  # spaces around a text cell: read without them, said
                n_spaced += 1
                first_spaced = first_spaced or (n, header[j], v)
        rows.append([v.strip() if isinstance(v, str) else v for v in padded])
        lines.append(n)
        if number_formats is not None:
            for j, c in enumerate(row[: len(header)], start=1):
                if c.number_format and c.number_format != "General":
                    number_formats[(n, j)] = c.number_format
        if len(rows) > max_rows:
            raise d.DataFileError(f"{field}: {p.name} has more than {max_rows:,} data rows, the most read at once")
    if header is None:
        raise d.DataFileError(f"{field}: {p.name}: the sheet is empty (expected a header row on row {header_row})")
    merged: dict[tuple[int, str], str] = {}  # (sheet row, column) of a cell read as empty -> its merged range
    if blanks:  # (a column without a name holds no value that counts: refused below if it holds any)
        named = {n: [c for c in cs if header[c]] for n, cs in blanks.items()}
        merged = {(n, header[c]): ref for (n, c), ref in _refuse_uncalculated(p, field, title, header, named).items()}
    header, rows, unnamed = unnamed_columns(header, rows, lines, field, p.name, letters=True)
    how = Said(
        N_("read_xlsx_sheet_first") if sheet is None else N_("read_xlsx_sheet_given"),
        file=p.name,
        sheet=title,
        sheets=len(names),
    )
    above = () if header_row == 1 else (Said(N_("read_header_row"), file=p.name, row=header_row),)
    reading = (how, *above, *empty_rows(p.name, empty_rows_at), *unnamed, *spaces_said(p.name, n_spaced, first_spaced))
    # The values openpyxl gave as the table's columns (the DataFrame is built on first use).
    return d.Table.of_rows(header, rows, lines, p.name, field, reading=reading, merged=merged or None)
