"""SPSS data files (.sav) for the data reader (impactchain._data), read with pyreadstat
(the optional extra ``impactchain[spss]``). Codes stay the cells' values (a score is a
number); value labels are kept in ``Table.labels`` and name groups and ids, and a score's code
whose label says "no answer" without being declared missing is refused (``unanswered_codes``). Rows are the
case numbers of SPSS's Data View (1 = the first respondent). The ceilings are those of
impactchain._data: the file size, and the rows read, checked from the file's header
before the data are read."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from impactchain import _data as d
from impactchain._data_hints import cell_number, label_key, yaml_code
from impactchain._i18n import N_
from impactchain._report_text import Said

#: The install command named when pyreadstat is missing.
SPSS_EXTRA = "pip install 'impactchain[spss]'"

#: Value labels that say a code is no answer, not a score: the whole label, or a part of it between
#: marks ('Weet niet / geen mening'), compared as labels are (``label_key``, with ’ read as '), so
#: that 'Helemaal niet van toepassing', the end of a scale, is a score.
NO_ANSWER = (
    "weet niet",
    "weet ik niet",
    "geen antwoord",
    "geen mening",
    "niet van toepassing",
    "n.v.t.",
    "n.v.t",
    "nvt",
    "wil niet zeggen",
    "don't know",
    "dont know",
    "no answer",
    "no opinion",
    "not applicable",
    "n/a",
    "prefer not to say",
    "refused",
    "missing",
    "missing value",
)
_NO_ANSWER = frozenset(NO_ANSWER)
#: Where a label holds several (``Weet niet / geen mening``, ``99 = weet niet``, ``(weet niet)``).
_PARTS = re.compile(r"\s*(?:[/;|=:(),]|\s-\s)\s*")


def _pyreadstat(field: str, name: str) -> Any:
    try:
        import pyreadstat
    except ImportError:
        raise d.DataFileError(
            f"{field}: {d.excerpt(name, 80)}: reading SPSS .sav files needs the optional package pyreadstat, "
            f"which is not installed: {SPSS_EXTRA} (or pip install pyreadstat); or save the data as CSV or .xlsx"
        ) from None
    return pyreadstat


def _user_missing(frame: Any, ranges: dict[str, list[dict[str, Any]]]) -> list[Said]:
    """Sets the answers SPSS marks as missing (a variable's missing values or range, such as 99 for
    "no answer") to missing in ``frame``, and says for each variable which codes and how many
    cases: 'post 98-99 (cases: 2)'. Read as numbers, 99 would be a score."""
    said = []
    for col, spans in ranges.items():
        if col not in frame.columns:
            continue
        hit = [any(_inside(v, r["lo"], r["hi"]) for r in spans) for v in frame[col]]
        frame.loc[hit, col] = None
        codes = ", ".join(_code(r["lo"]) if r["lo"] == r["hi"] else f"{_code(r['lo'])}-{_code(r['hi'])}" for r in spans)
        said.append(Said(N_("read_sav_missing_codes"), column=col, codes=codes, n=sum(hit)))
    return said


def _inside(v: Any, lo: Any, hi: Any) -> bool:
    """v within [lo, hi]: numbers with numbers, texts (a string variable's missing codes) with texts."""
    if v is None or isinstance(v, str) != isinstance(lo, str):
        return False
    return bool(lo <= v <= hi)


def _code(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def read_sav(p: Path, field: str, max_rows: int) -> d.Table:
    prs = _pyreadstat(field, p.name)
    with d._open_regular(p, field):  # a regular file within MAX_FILE_BYTES
        pass
    shown = d.excerpt(p.name, 80)
    try:
        _, meta = prs.read_sav(str(p), metadataonly=True)
        n = meta.number_rows
        if n is not None and n > max_rows:
            raise d.DataFileError(f"{field}: {p.name} has {n:,} cases, more than the {max_rows:,} read at once")
        frame, meta = prs.read_sav(str(p), apply_value_formats=False, user_missing=True)
    except d.DataFileError:
        raise
    except Exception as e:  # pyreadstat raises its own error types for a damaged file
        raise d.DataFileError(f"{field}: {shown} could not be read as an SPSS .sav file ({type(e).__name__})") from None
    if len(frame) > max_rows:
        raise d.DataFileError(f"{field}: {p.name} has more than {max_rows:,} cases, the most read at once")
    d._header([str(c) for c in frame.columns], field, p.name)
    frame = frame.astype(object).where(frame.notna(), None)
    user_missing = _user_missing(frame, meta.missing_ranges or {})
    for c in frame.columns:  # a text variable's empty cell is missing, as in a spreadsheet
        frame[c] = frame[c].map(lambda v: (v.strip() or None) if isinstance(v, str) else v)
    labels = {str(k): dict(v) for k, v in (meta.variable_value_labels or {}).items()}
    reading = [Said(N_("read_sav_cases"), file=p.name, cases=len(frame))]
    if labels:
        reading.append(Said(N_("read_sav_labels"), file=p.name, columns=", ".join(sorted(labels))))
    if user_missing:
        reading.append(Said(N_("read_sav_user_missing"), file=p.name, columns=user_missing))
    return d.Table.of_frame(frame, list(range(1, len(frame) + 1)), p.name, field, reading=tuple(reading), labels=labels)


def codes_by_label(names: Mapping[Any, Any], codes: Sequence[Any]) -> list[list[Any]]:
    """``codes`` (those a column's rows hold, in order) by the group label each reads as, its
    value label in ``names`` or else the code as SPSS shows it, labels that are one as
    ``label_key`` compares them ('Noord' and 'noord\\xa0') taken together: the codes of each label,
    the labels in the order of their first code."""
    by_key: dict[str, list[Any]] = {}
    for code in codes:
        by_key.setdefault(label_key(str(names[code]) if code in names else _code(code)), []).append(code)
    return list(by_key.values())


def says_no_answer(label: Any) -> bool:
    """Whether a value label reads as no answer ('Weet niet', "Don't know", 'n.v.t.'): ``NO_ANSWER``."""
    if not isinstance(label, str):
        return False
    key = label_key(label).replace("\u2019", "'")
    return key in _NO_ANSWER or any(part in _NO_ANSWER for part in _PARTS.split(key))


def unanswered_codes(
    table: d.Table, columns: Sequence[str], answers: Sequence[tuple[str, float]], who: str
) -> tuple[list[d.DataFileError], d.Table]:
    """The refusals of the cells of score ``columns`` (after ``missing`` emptied its codes) that hold
    a code whose SPSS value label says no answer (``says_no_answer``: 99 labelled 'Weet niet'),
    which SPSS did not declare missing: averaged in, a 99 on a 0-10 scale is a wrong number. One
    per column and code, naming the code, its label, the cells and the first row, with the fix
    (``missing: [99]``). A code whose label ``answers`` gives that very number is a score, as said.
    With them the table with those cells empty, so that the checks that go on (a scale's range)
    do not refuse them twice."""
    out = []
    given = {(label_key(a), v) for a, v in answers}
    emptied: dict[str, list[Any]] = {}
    for column in dict.fromkeys(columns):
        for code, label in (table.labels or {}).get(column, {}).items():
            number = cell_number(code)
            if not says_no_answer(label) or (label_key(label), number) in given:
                continue
            rows = [i for i, c in enumerate(table.columns[column]) if _same(c, code, number)]
            if not rows:
                continue
            cells = emptied.setdefault(column, list(table.columns[column]))
            for i in rows:
                cells[i] = None
            first = int(table.lines[rows[0]])
            shown = _code(code)
            held = f"1 cell (row {first})" if len(rows) == 1 else f"{len(rows)} cells (the first: row {first})"
            out.append(
                d.DataFileError(
                    f"{who}{table.name}: column {d.excerpt(column, 60)} holds code {shown}, whose value label "
                    f"{d.excerpt(label)} says no answer, in {held}; the "
                    f"file does not declare {shown} missing and missing does not list it, so it would be read as a "
                    f"score of {shown}; if it means no answer, give missing: [{yaml_code(shown)}] (or declare it "
                    f"missing in SPSS: Variable View, Missing); if it is a real score, say so: answers: "
                    f"{{{yaml_code(str(label))}: {shown}}}"
                )
            )
    if not emptied:
        return out, table
    return out, dataclasses.replace(table, columns={**table.columns, **emptied}, given_frame=None)


def _same(cell: Any, code: Any, number: Any) -> bool:
    """A cell holding ``code``: the same number (99 and 99.0), or the same text."""
    if number is not None:
        return cell_number(cell) == number if not isinstance(cell, str) or cell.strip() else False
    return isinstance(cell, str) and label_key(cell) == label_key(str(code))
