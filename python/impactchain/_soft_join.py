"""A soft outcome's two measurements from two files (``data`` the before, ``data_post`` the
after, as a survey tool exports a voormeting and a nameting), or from the rows of one file told
apart by a column (``wave``: one form filled in twice, the answers in one sheet), joined on
``id_column``.

Ids match as the group labels are read (``Table.words``): text as written, a whole number
without '.0', so a sheet's 17 matches a CSV's ``17``. The joined rows are those of ``data`` in
their order, then the respondents only ``data_post`` has, in its order. A respondent in one file
only is a row not used (the other file named as the reason), counted in its group; one whose group
is not known (the group column is in the other file) is listed among the rows not used and counted
in "all" only (its label is "", which ``distance_travelled`` reads so). What the join found is stated in the reading: respondents in both files, in
one only. Ids of one side that the other writes otherwise (``017`` and ``17``: a spreadsheet drops
a number's leading zeros; capitals) are not matched, but said in ``SoftData.warnings``; spaces
around an id are not part of it (every reader strips a cell, and says so in its reading).
Two sides with respondents of which none is in both are refused (a wrong id column, or ids written
otherwise throughout): such a survey would be summarised as nobody's."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from impactchain._data_files import DataFileError
from impactchain._data_hints import label_key
from impactchain._data_table import Table
from impactchain._i18n import N_
from impactchain._problems import listed
from impactchain._report_text import Said
from impactchain._soft_data import SoftData, _id, reason


def _labels(tables: Sequence[Table], gcol: Optional[str]) -> list[Optional[list[Optional[str]]]]:
    """Each file's group labels (None where a cell is blank), or None where it has no group column."""
    if gcol is None:
        return [None, None]
    return [
        [None if b else w for w, b in zip(t.words(gcol), t.blank(gcol))] if gcol in t.columns else None for t in tables
    ]


def _alike(key: str) -> str:
    """An id as a person reads it: compared as labels are (``label_key``: capitals, white space and
    Unicode's compatibility forms aside), a whole number without its
    leading zeros or a decimal zero after it ('017', '17.0' and '17,00' are '17': a column of ids
    with a blank in it becomes decimals when a tool writes it through a table of floats)."""
    k = label_key(key)
    whole = re.fullmatch(r"([0-9]+)(?:[.,]0+)?", k)
    return (whole.group(1).lstrip("0") or "0") if whole else k


def _written_otherwise(
    keys: Sequence[list[str]], pairs: Sequence[tuple[Optional[int], Optional[int]]], sides: tuple[str, str]
) -> tuple[Said, ...]:
    """The warning that respondents of one side only have an id the other side writes otherwise
    (``_alike``), with the first such pair; none when there are none."""
    only = [[keys[0][i] for i, j in pairs if j is None and i is not None]]
    only.append([keys[1][j] for i, j in pairs if i is None and j is not None])
    second = {_alike(k): k for k in only[1]}
    found = [(k, second[_alike(k)]) for k in only[0] if _alike(k) in second]
    if not found:
        return ()
    a, b = found[0]
    return (Said(N_("read_joined_alike"), n=len(found), first=sides[0], second=sides[1], a=a, b=b),)


def _none_in_both(
    keys: Sequence[list[str]], icol: str, sides: tuple[str, str], alike: tuple[Said, ...], where: str
) -> DataFileError:
    """The refusal of a join in which no respondent of either side is in the other."""
    shown = [", ".join(repr(k) for k in side[:5]) + (", …" if len(side) > 5 else "") for side in keys]
    said = (
        f"{where}: no respondent is in both {sides[0]} and {sides[1]} by column '{icol}' "
        f"(its ids in {sides[0]}: {shown[0]}; in {sides[1]}: {shown[1]})"
    )
    return DataFileError(f"{said}; {alike[0]}" if alike else said)


def split_waves(table: Table, wave: Mapping[str, str], where: str) -> list[Table]:
    """The rows of ``table`` whose ``wave["column"]`` holds ``wave["pre"]``, and those holding
    ``wave["post"]`` (labels as ``Table.words`` reads them; in an SPSS file the code also matches,
    1 as well as its value label; compared as ``label_key`` compares labels: ``Nameting`` or
    ``na\xa0meting`` for ``nameting``, said in the first table's reading), each keeping its lines
    of the file. A row without a label is refused, and so
    is a label no row has (naming the labels there are), and two labels that are one so compared;
    rows of other measurements (a third wave) are counted in the first table's reading."""
    column = wave["column"]
    labels = table.words(column)
    codes = dataclasses.replace(table, labels=None).words(column) if table.labels else labels
    blank = table.blank(column)
    if any(blank):
        problems = [
            f"{where}: {table.where(i, column)}: no measurement label (wave.column)" for i, b in enumerate(blank) if b
        ]
        refused = DataFileError("\n".join(listed(problems)))
        refused.count = len(problems)
        raise refused

    # A label matches as answer labels and codes of missing do (``label_key``: capitals, white space
    # and Unicode's compatibility forms aside): 'Nameting' or 'na\xa0meting' typed for 'nameting'
    # is the after, said in the reading, never a respondent without one.
    wanted = {k: label_key(wave[k]) for k in ("pre", "post")}
    if wanted["pre"] == wanted["post"]:
        raise ValueError(
            f"{where}: wave.pre {wave['pre']!r} and wave.post {wave['post']!r} are one label as a measurement's "
            "label is matched (capitals, white space and Unicode's compatibility forms aside): give labels "
            "that differ otherwise"
        )

    def of(i: int) -> Optional[str]:
        cells = (label_key(labels[i]), label_key(codes[i]))
        return next((k for k in ("pre", "post") if wanted[k] in cells), None)

    side = [of(i) for i in range(table.n_rows)]
    other_case: dict[tuple[str, str], int] = {}  # (label as written, wave key) -> rows
    for i, k in enumerate(side):
        if k is not None and wave[k] not in (labels[i], codes[i]):
            other_case[(labels[i], k)] = other_case.get((labels[i], k), 0) + 1
    held = ", ".join(repr(x) for x in dict.fromkeys(labels))
    for k in ("pre", "post"):
        if k not in side:
            raise DataFileError(
                f"{where}: {table.name}: no row has {wave[k]!r} (wave.{k}) in column {column!r}; its labels: {held}"
            )
    other: dict[str, int] = {}
    for i, label in enumerate(labels):
        if side[i] is None:
            other[label] = other.get(label, 0) + 1

    reading = (
        *table.reading,
        *(
            Said(N_("read_wave_case"), file=table.name, column=column, label=label, wave=wave[k], n=n)
            for (label, k), n in other_case.items()
        ),
    )
    if other:
        counted = [Said(N_("read_wave_other"), label=label, n=n) for label, n in other.items()]
        reading = (*reading, Said(N_("read_waves_other"), file=table.name, column=column, labels=counted))
    return [table.only_rows([i for i, x in enumerate(side) if x == k], r) for k, r in (("pre", reading), ("post", ()))]


def joined(
    tables: Sequence[Table],
    scores: tuple[list[float], list[float]],
    gcol: Optional[str],
    icol: str,
    item_gaps: Mapping[str, tuple[list[int], int, int]],
    names: tuple[str, str],
    wave: Optional[Mapping[str, str]] = None,
    where: str = "soft outcome",
) -> SoftData:
    """The SoftData of the two sides' scores (``scores``: the before of ``tables[0]``, the after of
    ``tables[1]``: two files, or with ``wave`` the two measurements' rows of one), their rows joined
    on ``icol``."""
    first, second = tables
    keys = [t.words(icol) for t in tables]
    in_second = {k: j for j, k in enumerate(keys[1])}
    in_first = set(keys[0])
    pairs: list[tuple[Optional[int], Optional[int]]] = [(i, in_second.get(k)) for i, k in enumerate(keys[0])]
    pairs += [(None, j) for j, k in enumerate(keys[1]) if k not in in_first]
    labels = _labels(tables, gcol)
    # why a respondent of one side only is not used: not in the other file, or no row of the other measurement
    absent = (
        (Said(N_("row_not_in_file"), file=first.name), Said(N_("row_not_in_file"), file=second.name))
        if wave is None
        else tuple(Said(N_("row_no_wave"), label=wave[k], column=wave["column"]) for k in ("pre", "post"))
    )
    pre, post = scores
    out_pre: list[float] = []
    out_post: list[float] = []
    groups: Optional[list[str]] = None if gcol is None else []
    ids: list[Any] = []
    rows = []
    for i, j in pairs:
        a = pre[i] if i is not None else math.nan
        b = post[j] if j is not None else math.nan
        cell = first.columns[icol][i] if i is not None else second.columns[icol][j]  # type: ignore[index]
        label = next(
            (g[k] for g, k in zip(labels, (i, j)) if g is not None and k is not None and g[k] is not None), None
        )
        known = gcol is None or label is not None
        gaps = [k for k, s in (("pre", a), ("post", b)) if math.isnan(s)]
        if gaps or not known:
            why = absent[0 if i is None else 1] if i is None or j is None else reason(item_gaps, i, j, gaps)
            rows.append(
                {
                    "row": None if i is None else int(first.lines[i]),
                    "row_post": None if j is None else int(second.lines[j]),
                    "id": _id(cell),
                    "missing": gaps,
                    "reason": why,
                }
            )
        out_pre.append(a)
        out_post.append(b)
        ids.append(cell)
        if groups is not None:
            groups.append(label if known else "")  # type: ignore[arg-type]
    counts = {
        "column": icol,
        "both": sum(1 for i, j in pairs if i is not None and j is not None),
        "only_first": sum(1 for _, j in pairs if j is None),
        "only_second": sum(1 for i, _ in pairs if i is None),
    }
    if wave is None:
        said = Said(N_("read_joined"), first=first.name, second=second.name, **counts)
        row_names = (f"{first.name} row {{}}", f"{second.name} row {{}}")
        sides = (first.name, second.name)
    else:
        said = Said(
            N_("read_joined_waves"), file=first.name, wave=wave["column"], pre=wave["pre"], post=wave["post"], **counts
        )
        row_names = (f"row {{}}, {wave['pre']}", f"row {{}}, {wave['post']}")
        sides = (str(wave["pre"]), str(wave["post"]))
    alike = _written_otherwise(keys, pairs, sides)
    if counts["both"] == 0 and counts["only_first"] and counts["only_second"]:
        raise _none_in_both(keys, icol, sides, alike, where)
    table = dataclasses.replace(first, reading=(*first.reading, *second.reading, said))
    return SoftData(
        table,
        out_pre,
        out_post,
        groups,
        ids,
        tuple(rows),
        names,
        post_table=second,
        n_joined=len(pairs),
        row_names=row_names,
        warnings=alike,
    )
