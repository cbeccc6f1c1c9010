"""The data of one ``soft_outcomes`` entry, read and checked once for everything that
uses it: ``soft_outcome_summary``, the report and ``impactchain validate``.

``read_soft_data`` reads the entry's data (a file named in a model file, or a pandas
DataFrame given to the Python API) through ``impactchain._data.read_table``, checks
the columns, the numbers and the scale's range (the entry's ``scale``, and the scale of the
model's indicator it names), scores item columns, and accounts for
every row: a row is used (both scores present) or listed in ``rows_not_used`` with its
row number, its id (with ``id_column``) and the reason. What it gives, :class:`SoftData`, is in
``_soft_respondents``; how a row not used is listed, in ``_soft_rows_not_used``.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Optional, Union

from impactchain import _soft_data_checks as checks
from impactchain import _soft_scored
from impactchain._data import DataFileError, Table, _is_frame, excerpt, read_table, resolve_data_path
from impactchain._data_sav import unanswered_codes
from impactchain._i18n import N_
from impactchain._problems import listed
from impactchain._report_text import Said
from impactchain._scale_rules import check_in_scale, scale_definition, score_items
from impactchain._soft_data_checks import (
    indicator_scale as indicator_scale,  # imported from here (_report_soft, _data_check)
)
from impactchain._soft_respondents import SoftData as SoftData  # imported from here (soft, _report_soft, _soft_join)
from impactchain._soft_respondents import data_label as data_label  # imported from here (soft)
from impactchain._soft_rows_not_used import _id as _id  # imported from here (_soft_join)
from impactchain._soft_rows_not_used import reason as reason  # imported from here (_soft_join)
from impactchain._soft_scored import Scored, ScoredItems
from impactchain._soft_spec import (
    answer_labels,
    check_wave,
    group_names,
    header_row_spec,
    missing_codes,
    skip_rows,
    wave_spec,
)


def _source(spec: Mapping[str, Any], key: str, base_dir: Union[str, Path], allow_outside: bool, field: str) -> Any:
    """The DataFrame or the checked path the entry's ``key`` (data, data_post) names."""
    data = spec[key]
    return data if _is_frame(data) else resolve_data_path(data, base_dir, allow_outside=allow_outside, field=field)


def _is_kind(source: Any, suffixes: tuple[str, ...]) -> bool:
    return not _is_frame(source) and Path(source).suffix.lower() in suffixes


def _read_sources(spec: Mapping[str, Any], sources: list[Any], where: str) -> list[Table]:
    """The tables of the entry's one or two files. With two, ``sheet`` goes to the workbooks and
    ``csv`` to the CSV files of the two (to both when neither is of its kind: refused there)."""
    sheet, csv = spec.get("sheet"), spec.get("csv")
    header_row = header_row_spec(spec.get("header_row"), where)
    if len(sources) == 1:
        return [read_table(sources[0], field=where, sheet=sheet, csv=csv, header_row=header_row)]
    books = [_is_kind(s, (".xlsx", ".xlsm")) for s in sources]
    texts = [not _is_frame(s) and not books[k] and not _is_kind(s, (".sav",)) for k, s in enumerate(sources)]
    tables = []
    for k, s in enumerate(sources):
        try:
            tables.append(
                read_table(
                    s,
                    field=where,
                    sheet=sheet if books[k] or not any(books) else None,
                    csv=csv if texts[k] or not any(texts) else None,
                    header_row=header_row,
                )
            )
        except DataFileError as e:
            raise _header_row_too(e, k, header_row, Path(s).name if not _is_frame(s) else "") from None
    return tables


#: What a file's refusal says when its column names were read from the wrong row.
_HEADER_WORDS = ("column name", "in the header", "header row", "header_row")


def _header_row_too(
    e: DataFileError, k: int, header_row: Optional[int], name: str, *, columns: bool = False
) -> DataFileError:
    """``e`` (reading the entry's ``k``-th file, or with ``columns`` its lack of a named column) as
    it is, or, for ``data_post`` read with the entry's ``header_row`` and refused for its column
    names, with that said: a title above the names of the before file only makes the after file's
    row 3 its column names."""
    words = columns or any(w in str(e) for w in _HEADER_WORDS)
    if k == 0 or header_row is None or not name or not words:
        return e
    error = DataFileError(
        f"{e}; header_row: {header_row} applies to data_post as well as to data, so the column names of "
        f"{excerpt(name, 80)} were read from its row {header_row} (put the column names of both files on the "
        f"same row: delete the rows above them in one file, or add them)"
    )
    error.count = e.count
    return error


def _recoded(table: Table, columns: list[str], answers: Any, codes: tuple[str, ...]) -> Table:
    """The table with the survey's answer labels and codes of missing read in ``columns`` (the
    score columns), and what was read stated in its ``reading``."""
    if not codes and not answers:
        return table
    table, used, emptied = table.recoded(columns, answers, codes)
    said = list(table.reading)
    if answers:
        labels = [
            Said(N_("read_answer_label"), label=a, value=int(v) if v.is_integer() else v, n=n)
            for (a, v), n in zip(answers, used)
        ]
        said.append(Said(N_("read_answer_labels"), file=table.name, labels=labels))
    if codes:
        counted = [Said(N_("read_missing_code"), code=c, n=n) for c, n in zip(codes, emptied)]
        said.append(Said(N_("read_missing_codes"), file=table.name, codes=counted))
    return dataclasses.replace(table, reading=tuple(said))


def read_soft_data(
    spec: Mapping[str, Any],
    base_dir: Union[str, Path],
    *,
    where: str,
    allow_outside_data: bool = False,
    field: Optional[str] = None,
    indicator: Optional[tuple[str, tuple[float, float]]] = None,
) -> SoftData:
    """Reads and checks the data of one soft outcome entry (``spec`` with its empty
    fields removed): ``data``, and ``data_post`` when the follow-up is a file of its own (joined
    on ``id_column``). Raises DataFileError (a file that cannot be used) or ValueError
    (an entry that does not fit its data), naming the file's row and column. ``indicator`` is the
    id and scale of the model's indicator the entry names (``indicator_scale``): a column of
    scores outside that scale is refused as one outside the entry's own ``scale`` is."""
    field = field or f"{where}: data"
    wave = wave_spec(spec.get("wave"), where)
    two = "data_post" in spec
    if two and "id_column" not in spec:
        raise ValueError(
            f"{where}: data_post is joined to data by the respondents' ids, so id_column (the column both "
            "files identify respondents by) is required"
        )
    if wave is not None:
        check_wave(wave, spec, where)
    sources = [_source(spec, "data", base_dir, allow_outside_data, field)]
    if two:
        sources.append(_source(spec, "data_post", base_dir, allow_outside_data, f"{field}_post"))
        if not _is_frame(sources[0]) and sources[0] == sources[1]:
            raise ValueError(
                f"{where}: data_post names the same file as data; leave data_post out when one file holds both measurements"
            )
    tables = _read_sources(spec, sources, where)
    header_row = header_row_spec(spec.get("header_row"), where)
    who = f"{where}: "
    skip = skip_rows(spec.get("skip_rows"), where)
    if skip:
        if any(_is_frame(x) for x in sources):
            raise ValueError(
                f"{where}: skip_rows names rows of a data file; leave the rows out of the DataFrame instead"
            )
        tables = [t.without_rows(skip, who) for t in tables]
    cols = {label: [spec[label]] if isinstance(spec[label], str) else list(spec[label]) for label in ("pre", "post")}
    # the file of each score: data holds both, or data the pre and data_post the post columns
    at = {"pre": 0, "post": len(tables) - 1}
    gcol, icol = spec.get("group"), spec.get("id_column")
    if gcol is not None and two and gcol not in tables[0].columns and gcol in tables[1].columns:
        at["group"] = 1
    elif gcol is not None:
        at["group"] = 0
    for k, table in enumerate(tables):
        named = [(label, c) for label in ("pre", "post") if at[label] == k for c in cols[label]]
        named += [("group", gcol)] if gcol is not None and at["group"] == k else []
        named += [("id_column", icol)] if icol is not None else []  # in each file: the rows are joined on it
        named += [("wave", wave["column"])] if wave is not None else []
        missing = [(label, c) for label, c in named if c is not None and c not in table.columns]
        if missing:
            try:
                table.require(
                    [c for _, c in missing],
                    who=who,
                    label=", ".join(dict.fromkeys(lab for lab, _ in missing)),
                    row=header_row if header_row and not _is_frame(sources[k]) else 1,
                )
            except DataFileError as e:
                raise _header_row_too(e, k, header_row, table.name, columns=True) from None
    codes = missing_codes(spec.get("missing"), where)
    answers = answer_labels(spec.get("answers"), codes, where)
    scores = [[c for label in ("pre", "post") if at[label] == k for c in cols[label]] for k in range(len(tables))]
    tables = [_recoded(t, scores[k], answers, codes) for k, t in enumerate(tables)]
    # a score's SPSS code labelled 'Weet niet' that SPSS and missing leave a score: refused below
    unanswered: list[ValueError] = []
    for k, t in enumerate(tables):
        labelled, tables[k] = unanswered_codes(t, scores[k], answers, who)
        unanswered += labelled
    shared: list[str] = []  # the group column's SPSS codes that share a value label, checked in each file
    for k, t in enumerate(tables):
        if gcol is not None and gcol in t.columns:
            shared += checks.shared_labels(t, gcol, where)
            bare = checks.unlabelled_codes(t, gcol)  # codes without a value label beside labelled ones
            tables[k] = dataclasses.replace(t, reading=(*t.reading, *bare)) if bare else t
    if wave is not None:  # the rows of each measurement, as if two files: joined as data and data_post are
        from impactchain._soft_join import split_waves

        tables = split_waves(tables[0], wave, where)
        at = {"pre": 0, "post": 1, **({"group": 0} if gcol is not None else {})}
        two = True

    item_gaps: dict[str, tuple[list[int], int, int]] = {}
    did: list[Scored] = []  # what pro-rating and rounding did, per measurement
    items: list[ScoredItems] = []  # the item responses the core scored, per measurement
    scoring: list[Any] = []  # the rule of the item columns scored
    odd: list[tuple[int, int, str, float, Any]] = []  # answers to a built-in scale's items not whole: (file, row, …)
    names: list[str] = []
    # Every problem of the data is collected and all are raised together (not one per run): the
    # cells that are not numbers (then read as missing, so that the scores are checked too), the
    # scores outside the scale, rows without a group label or id, ids given twice.
    problems: list[ValueError] = [*unanswered]
    numbers = [
        t.number_columns(
            [c for label in ("pre", "post") if at[label] == k for c in cols[label]],
            who=who,
            problems=problems,
            codes_hint=True,
        )
        for k, t in enumerate(tables)
    ]

    def score(label: str) -> list[float]:
        given, table, number = spec[label], tables[at[label]], numbers[at[label]]
        if isinstance(given, str):
            values = number[given]
            if "scale" in spec:  # scores outside the scale are refused, listed by file row
                check_in_scale(
                    values,
                    scale_definition(spec["scale"], default_id=spec.get("id", ""), where=where),
                    f"{where}: {table.name} ({label}) column '{given}'",
                    table.lines,
                )
            checks.check_indicator_range(
                values, indicator, f"{where}: {table.name} ({label}) column '{given}'", table.lines
            )
            names.append(given)
            return values
        if "scale" not in spec:
            raise ValueError(
                f"{where}: {label} lists item columns, so 'scale' (a built-in scale's name, or a scale of the "
                "model's own: {items, item_min, item_max}) is required"
            )
        d = scale_definition(spec["scale"], default_id=spec.get("id", ""), where=where)
        given = list(given)
        if len(given) != len(d.items):
            raise ValueError(f"{where}: {label} lists {len(given)} item columns, scale '{d.id}' has {len(d.items)}")
        try:
            responses = [number[c] for c in given]
            d, s = score_items(d, responses, spec.get("max_missing"))
        except ValueError as exc:  # name the file's row and column, not the data row and item
            msg = str(exc)
            for k, c in enumerate(given):
                msg = msg.replace(f"item '{d.items[k]}'", f"column '{c}'")
            msg = re.sub(
                r"\brow (\d+)",
                lambda m: f"row {int(table.lines[int(m.group(1))])}" if int(m.group(1)) < table.n_rows else m.group(0),
                msg,
            )
            raise ValueError(f"{where}: {table.name} ({label}): {msg}") from None
        item_gaps[label] = ([int(n) for n in s.n_missing], len(given), int(d.max_missing))
        did.extend(_soft_scored.scored(label, table.name, d, s))
        items.append(_soft_scored.scored_items(label, given, d, responses, s))  # read once: the consistency uses them
        scoring.extend(x for x in _soft_scored.scoring_rule(d, spec) if x not in scoring)
        if isinstance(spec["scale"], str):  # a built-in scale's answers are whole numbers (1 to 5, 0 to 10)
            odd.extend(checks.not_whole_answers(at[label], given, number, d))
        names.append(d.id)
        return [float(v) for v in s.score]

    def scored(label: str) -> list[float]:
        try:
            return score(label)
        except ValueError as e:
            problems.append(e)
            return []

    pre, post = scored("pre"), scored("post")
    row_problems: list[str] = []  # rows without a group label or id, labels alike but for capitals, ids twice
    if gcol is not None:
        row_problems += checks.group_problems(tables[at["group"]], gcol, where)
        if two and at["group"] == 0 and gcol in tables[1].columns:  # the labels of respondents only data_post has
            row_problems += checks.group_problems(tables[1], gcol, where, blanks=False)
        row_problems += shared  # SPSS codes that share a value label would be one group
        row_problems += checks.group_case_problems(tables, gcol, where)  # 'Noord' and 'noord': two groups
    elif spec.get("group_names"):
        raise ValueError(f"{where}: group_names names the labels of the group column, so group is required")
    if icol is not None:
        row_problems += [p for t in tables for p in checks.id_problems(t, icol, where)]
    if row_problems:
        refused = DataFileError("\n".join(listed(row_problems)))
        refused.count = len(row_problems)
        problems.append(refused)
    checks.refuse(problems, f"the data of {where} ({' and '.join(dict.fromkeys(t.name for t in tables))})", who)
    if gcol is not None:
        # the labels of either side's rows (an after row may leave it empty: its before's is used)
        held = [w for t in tables if gcol in t.columns for w, b in zip(t.words(gcol), t.blank(gcol)) if not b]
        unused = checks.unused_group_names(group_names(spec.get("group_names"), where), held, tables[at["group"]].name)
        if unused:
            k = at["group"]
            tables[k] = dataclasses.replace(tables[k], reading=(*tables[k].reading, *unused))
    warned = checks.not_whole(tables, odd) + tuple(
        said
        for k, t in enumerate(tables)
        for said in checks.merged_scores(t, [c for label in ("pre", "post") if at[label] == k for c in cols[label]])
    )
    if two:
        from impactchain._soft_join import joined

        both = joined(tables, (pre, post), gcol, spec["id_column"], item_gaps, (names[0], names[1]), wave, where)
        return dataclasses.replace(
            both, warnings=(*both.warnings, *warned), scored=tuple(did), scoring=tuple(scoring), items=tuple(items)
        )
    table = tables[0]
    groups = None if gcol is None else table.words(gcol)
    ids = None if icol is None else list(table.columns[icol])
    rows = []
    for pos in range(table.n_rows):
        gaps = [k for k, s in (("pre", pre), ("post", post)) if math.isnan(s[pos])]
        if gaps:
            rows.append(
                {
                    "row": int(table.lines[pos]),
                    "id": None if ids is None else _id(ids[pos]),
                    "missing": gaps,
                    "reason": reason(item_gaps, pos, pos, gaps),
                }
            )
    return SoftData(
        table,
        pre,
        post,
        groups,
        ids,
        tuple(rows),
        (names[0], names[1]),
        warnings=warned,
        scored=tuple(did),
        scoring=tuple(scoring),
        items=tuple(items),
    )
