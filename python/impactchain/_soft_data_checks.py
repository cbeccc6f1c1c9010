"""Checks of a soft outcome's data once read: indicator range, whole answers, merged cells, ids, groups
(SPSS value labels of the group column too); their refusal."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from impactchain import _core
from impactchain._data import DataFileError, Table, excerpt
from impactchain._data_cells import repeated
from impactchain._data_hints import label_key
from impactchain._data_sav import codes_by_label
from impactchain._i18n import N_
from impactchain._problems import listed, several
from impactchain._report_text import Said
from impactchain._scale_rules import check_in_range


def refuse(problems: list[ValueError], what: str, prefix: str) -> None:
    """Raises the one problem as it is; several in one error under ``N problems in <what>:``, one
    per line without the ``prefix`` each has alone (as :func:`impactchain._problems.raise_problems`
    writes them): a DataFileError where one is the file's (cells, rows), else a ValidationError with
    every issue (the scores of ``pre`` and ``post``). An error of several rows (its ``count``) counts each,
    and so does an error of several cells (its ``issues``: 40 answers outside the scale are 40 problems)."""
    count = sum(_count(e) for e in problems)
    if count == 1:
        raise problems[0]
    if not problems:
        return
    text = several(count, what, "\n".join(str(e) for e in problems).split("\n"), prefix)
    if not any(isinstance(e, DataFileError) for e in problems):
        err = _core.ValidationError(text)
        err.issues = [i for e in problems for i in getattr(e, "issues", None) or [("", str(e))]]
        err.count = count  # the listed problems and those only counted, as the heading says
        raise err
    raise DataFileError(text)


def _count(e: ValueError) -> int:
    """How many problems one error holds: its ``count`` (a DataFileError's rows; a ValidationError's
    problems, the listed ones and those only counted, as the core or the raiser counted them), else
    that of the core's error it words anew (raised ``from None`` while handling it: the item
    scores' refusal, its rows named as lines of the file), else 1."""
    n = getattr(e, "count", None)
    if isinstance(n, int) and n > 0:
        return n
    cause = e.__context__ if e.__suppress_context__ else None
    return cause.count if isinstance(cause, _core.ValidationError) else 1


def indicator_scale(model: Any, spec: Mapping[str, Any]) -> Optional[tuple[str, tuple[float, float]]]:
    """The id and scale (min, max) of the model's indicator the soft outcome ``spec`` names, when
    it has a scale (``scale: [0, 10]``); else None."""
    if not spec.get("indicator"):
        return None
    found = next((i for i in model.indicators if i.id == spec["indicator"]), None)
    if found is None or found.scale is None:
        return None
    lo, hi = found.scale
    return str(found.id), (float(lo), float(hi))


def check_indicator_range(
    values: Sequence[float], indicator: Optional[tuple[str, tuple[float, float]]], what: str, rows: Sequence[Any]
) -> None:
    """Refuses scores (a column, named by ``what``) outside the scale of the indicator the entry
    measures (``indicator_scale``: [0, 10]); nothing to check without one."""
    if indicator is not None:
        check_in_range(values, indicator[1], f"indicator '{indicator[0]}'", what, rows)


def not_whole_answers(
    file: int, given: Sequence[str], number: Mapping[str, Sequence[float]], scale: Any
) -> list[tuple[int, int, str, float, Any]]:
    """The answers to a built-in scale's items (the columns ``given``, read as ``number``) that are
    not whole numbers, as (``file``: its place among the entry's files, row, column, answer, scale)."""
    return [(file, i, c, v, scale) for c in given for i, v in enumerate(number[c]) if not math.isnan(v) and v % 1]


def not_whole(tables: Sequence[Table], odd: Sequence[tuple[int, int, str, float, Any]]) -> tuple[Said, ...]:
    """What is said of the answers to a built-in scale's items that are not whole numbers (2.5 on an
    item answered 1 to 5), per file: ``odd`` holds (the file's place in ``tables``, row, column,
    answer, scale). They are scored as they are, but no such answer exists on the scale."""
    said = []
    for k, table in enumerate(tables):
        place = {c: j for j, c in enumerate(table.columns)}
        mine = sorted(((i, c, v, d) for t, i, c, v, d in odd if t == k), key=lambda x: (x[0], place[x[1]]))
        if mine:
            i, column, value, d = mine[0]
            said.append(
                Said(
                    N_("read_items_not_whole"),
                    file=table.name,
                    n=len(mine),
                    scale=d.id,
                    lo=f"{d.item_min:g}",
                    hi=f"{d.item_max:g}",
                    example=f"{value:g}",
                    row=int(table.lines[i]),
                    column=column,
                )
            )
    return tuple(said)


def merged_scores(table: Table, columns: Sequence[str]) -> tuple[Said, ...]:
    """What is said of the score cells of ``columns`` read as empty because they are part of merged
    cells of a sheet (only the first of merged cells holds the value): missing scores, their rows
    not used, that were meant to hold the merged value."""
    cells = [
        f"row {int(table.lines[i])}, column {excerpt(c, 60)} ({table.merged[(int(table.lines[i]), c)]})"
        for i in range(table.n_rows)
        for c in dict.fromkeys(columns)
        if table.merged and (int(table.lines[i]), c) in table.merged
    ]
    if not cells:
        return ()
    return (Said(N_("read_merged_scores"), file=table.name, n=len(cells), cells="; ".join(listed(cells))),)


def id_problems(table: Table, icol: str, where: str) -> list[str]:
    """Rows of ``table`` without an id, and ids given twice (each after its first row)."""
    blank = table.blank(icol)  # an empty cell or a spreadsheet's NaN: no id to tell rows apart
    out = [f"{where}: {table.where(i, icol)}: no id{table.merged_note(i, icol)}" for i, b in enumerate(blank) if b]
    cells = table.columns[icol]
    out += [
        f"{where}: {table.where(i, icol)}: id {excerpt(_code(cells[i]))} appears "
        f"twice (first on row {int(table.lines[first])})"
        for i, first in repeated(cells, blank)
    ]
    return out


def group_problems(table: Table, gcol: str, where: str, *, blanks: bool = True) -> list[str]:
    """Rows of ``table`` labelled 'all' (everyone together), and (``blanks``) without a group label."""
    out = [
        f"{where}: {table.where(i, gcol)}: no group label{table.merged_note(i, gcol)}"
        for i, b in enumerate(table.blank(gcol))
        if b and blanks
    ]
    out += [
        f"{where}: {table.where(i, gcol)}: group 'all' is the name of everyone together; give the group another label"
        for i, g in enumerate(table.words(gcol))
        if g == "all"
    ]
    return out


def group_case_problems(tables: Sequence[Table], gcol: str, where: str) -> list[str]:
    """Group labels of ``gcol`` (in every table that has it) that are one label as ``label_key``
    compares them but written otherwise ('Noord', 'noord', 'NOORD', 'Noord\\xa0'): typed by hand,
    they would each be a group of their own, silently. One problem per such set, each spelling
    with its first row (and file, when the rows are of two files). A set whose every spelling is a
    value label (or code) of one SPSS file is left to :func:`shared_labels`, which names the codes."""
    first: dict[str, dict[str, tuple[str, int]]] = {}  # label_key -> {spelling: (its first row, table)}
    names = {t.name for t in tables if gcol in t.columns}
    for k, t in enumerate(tables):
        if gcol not in t.columns:
            continue
        for i, (w, b) in enumerate(zip(t.words(gcol), t.blank(gcol))):
            if not b:
                row = f"{t.name} row {int(t.lines[i])}" if len(names) > 1 else f"row {int(t.lines[i])}"
                first.setdefault(label_key(w), {}).setdefault(w, (row, k))
    out = []
    file = " and ".join(sorted(names))
    for spellings in first.values():
        held = {k for _, k in spellings.values()}
        if len(spellings) < 2 or (len(held) == 1 and (tables[held.pop()].labels or {}).get(gcol)):
            continue
        shown = [f"{excerpt(w)} ({row})" for w, (row, _) in spellings.items()]
        labels = ", ".join(shown[:-1]) + f" and {shown[-1]}"
        differ = "in capitals" if len({w.casefold() for w in spellings}) == 1 else _OTHERWISE
        out.append(
            f"{where}: {file}: column {excerpt(gcol, 60)}: group labels {labels} differ only {differ}, "
            "so each would be a group of its own; write them alike (or, if they are different groups, "
            "give them labels that differ otherwise)"
        )
    return out


#: How labels one as ``label_key`` compares them may differ, beyond capitals.
_OTHERWISE = "in capitals, white space or Unicode's compatibility forms"


def _code(v: Any) -> str:
    """An SPSS code as SPSS shows it: 3, not 3.0."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _codes_held(table: Table, gcol: str) -> list[Any]:
    """The codes the rows of ``table`` hold in ``gcol`` (empty cells aside), each once, in order."""
    return list(dict.fromkeys(v for v, b in zip(table.columns[gcol], table.blank(gcol)) if not b))


def shared_labels(table: Table, gcol: str, where: str) -> list[str]:
    """Codes of the group column ``gcol`` of an SPSS file that the rows hold and that read as one
    group (two codes with the same value label, or one as ``label_key`` compares labels: 'Noord' and
    'noord', or a label that is another code): their respondents would silently be one group of the
    breakdown, or two that look like one. One problem per such label, naming the codes and labels."""
    names = (table.labels or {}).get(gcol)
    if not names:
        return []
    out = []
    for same in codes_by_label(names, _codes_held(table, gcol)):  # the group each code is read as
        if len(same) < 2:
            continue
        shown = ", ".join(_code(c) for c in same[:-1]) + f" and {_code(same[-1])}"
        both = "both" if len(same) == 2 else "all"
        words = list(dict.fromkeys(str(names[c]) if c in names else _code(c) for c in same))
        if all(c in names for c in same) and len(words) == 1:
            said = f"{both} have the value label {excerpt(words[0])}, so their respondents would be one group"
        elif all(c in names for c in same):
            labels = ", ".join(excerpt(w) for w in words[:-1]) + f" and {excerpt(words[-1])}"
            said = (
                f"have the value labels {labels}, which differ only {_OTHERWISE}, so their respondents would be "
                "groups that read as one"
            )
        else:
            labels = "; ".join(
                f"{_code(c)} = {excerpt(names[c])}" if c in names else f"{_code(c)} has none" for c in same
            )
            said = f"{both} read as group {excerpt(words[0])} (value labels: {labels}), so their respondents would be one group"
        out.append(
            f"{where}: {table.name}: codes {shown} of column {excerpt(gcol, 60)} {said}; give each code its own "
            "value label in SPSS (Variable View, Values), or recode them to one code if they are one group"
        )
    return out


def unlabelled_codes(table: Table, gcol: str) -> list[Said]:
    """What the reading says of codes of the group column ``gcol`` of an SPSS file that have no value
    label while others have: their groups are named by the code (3 beside 'Noord' and 'Zuid')."""
    names = (table.labels or {}).get(gcol)
    if not names:
        return []
    bare = [_code(c) for c in _codes_held(table, gcol) if c not in names]
    if not bare:
        return []
    return [Said(N_("read_sav_unlabelled"), file=table.name, column=gcol, codes=", ".join(bare), n=len(bare))]


def unused_group_names(names: Mapping[str, Mapping[str, str]], labels: Sequence[str], file: str) -> list[Said]:
    """What the reading says of labels ``names`` names that no row of the data has as its group (a
    misspelt label, or a group nobody of this year's survey is in): the name is not used."""
    held = sorted(set(labels))
    shown = ", ".join(map(repr, held[:20])) + (", …" if len(held) > 20 else "")
    said = []
    for lang, named in names.items():
        unused = [label for label in named if label not in held]
        if unused:
            quoted = ", ".join(map(repr, unused))
            said.append(Said(N_("read_group_names_unused"), file=file, lang=lang, labels=quoted, held=shown))
    return said
