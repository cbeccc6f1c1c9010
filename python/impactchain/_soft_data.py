"""The data of one ``soft_outcomes`` entry, read and checked once for everything that
uses it: ``soft_outcome_summary``, the report and ``impactchain validate``.

``read_soft_data`` reads the entry's data (a file named in a model file, or a pandas
DataFrame given to the Python API) through ``impactchain._data.read_table``, checks
the columns, the numbers and the scale's range, scores item columns, and accounts for
every row: a row is used (both scores present) or listed in ``rows_not_used`` with its
row number, its id (with ``id_column``) and the reason.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from impactchain import _core
from impactchain._data import DataFileError, Table, _is_frame, excerpt, read_table, resolve_data_path
from impactchain._i18n import N_
from impactchain._problems import listed, several
from impactchain._report_text import Said
from impactchain._scale_rules import check_in_scale, scale_definition, score_items

#: A language code as model files write it (C++ impactchain::is_language_code): nl, fy, en-GB.
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")
#: Why a row is not used, by the score it lacks.
_SCORE_MISSING = {"pre": N_("row_pre_missing"), "post": N_("row_post_missing")}
_ITEMS_MISSING = {"pre": N_("row_pre_items_missing"), "post": N_("row_post_items_missing")}


@dataclass(frozen=True)
class SoftData:
    """Scores of one soft outcome's respondents, in the order of the data's rows (plain lists,
    NaN = missing; ``pre``, ``post``, ``groups`` and ``ids`` give them as pandas Series)."""

    table: Table
    pre_scores: list[float]
    post_scores: list[float]
    group_labels: Optional[list[str]]
    id_cells: Optional[list[Any]]
    #: {"row", "id", "missing": ["pre"/"post"], "reason"} for every row not used.
    rows_not_used: tuple[dict[str, Any], ...]
    #: Names of the pre and post Series: the column, or the scale's id for item columns.
    names: tuple[str, str] = ("pre", "post")

    @property
    def pre(self) -> Any:
        return _series(self.pre_scores, self.names[0], float)

    @property
    def post(self) -> Any:
        return _series(self.post_scores, self.names[1], float)

    @property
    def groups(self) -> Any:
        return None if self.group_labels is None else _series(self.group_labels, None, object)

    @property
    def ids(self) -> Any:
        return None if self.id_cells is None else _series(self.id_cells, None, object)

    @property
    def n_rows(self) -> int:
        return self.table.n_rows

    @property
    def n_used(self) -> int:
        return self.n_rows - len(self.rows_not_used)

    @property
    def data_name(self) -> str:
        return self.table.name


def _series(values: list[Any], name: Optional[str], dtype: Any) -> Any:
    import pandas as pd

    return pd.Series(values, dtype=dtype, name=name)


def data_label(data: Any) -> str:
    """How an entry's data is named in a result: its path, or 'DataFrame'."""
    return "DataFrame" if _is_frame(data) else str(data)


def _id(value: Any) -> Any:
    """An id cell as JSON holds it (text as it is, with no import of the result layer)."""
    if value is None or isinstance(value, str):
        return value
    from impactchain._result_json import json_ready

    return json_ready(value)


def _refuse(problems: list[ValueError], what: str, prefix: str) -> None:
    """Raises the one problem as it is; several in one error under ``N problems in <what>:``, one
    per line without the ``prefix`` each has alone (as :func:`impactchain._problems.raise_problems`
    writes them): a DataFileError where one is the file's (cells, rows), else a ValidationError with
    every issue (the scores of ``pre`` and ``post``). An error of several rows (its ``count``) counts each."""
    count = sum(e.count if isinstance(e, DataFileError) else 1 for e in problems)
    if count == 1:
        raise problems[0]
    if not problems:
        return
    text = several(count, what, "\n".join(str(e) for e in problems).split("\n"), prefix)
    if not any(isinstance(e, DataFileError) for e in problems):
        err = _core.ValidationError(text)
        err.issues = [i for e in problems for i in getattr(e, "issues", None) or [("", str(e))]]
        raise err
    raise DataFileError(text)


def missing_codes(value: Any, where: str) -> tuple[str, ...]:
    """The entry's ``missing`` codes as texts (a number as the model file writes it: 99, -1,
    9.5), checked: a list of non-empty texts and numbers, each once."""
    if value is None:
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(
            f"{where}: missing must be a list of the codes that mean no answer (texts or numbers, "
            f"e.g. ['n.v.t.', 99]), got {type(value).__name__}"
        )
    codes: list[str] = []
    for i, c in enumerate(value):
        if isinstance(c, bool) or not isinstance(c, (str, int, float)) or (isinstance(c, str) and not c.strip()):
            raise ValueError(f"{where}: missing[{i}]: expected a code (a text or a number), got {c!r}")
        code = c if isinstance(c, str) else (str(int(c)) if float(c).is_integer() else repr(float(c)))
        if code in codes:
            raise ValueError(
                f"{where}: missing[{i}]: code {code!r} is listed twice (also missing[{codes.index(code)}])"
            )
        codes.append(code)
    return tuple(codes)


def answer_labels(value: Any, codes: Sequence[str], where: str) -> tuple[tuple[str, float], ...]:
    """The entry's ``answers`` as (label, number) pairs in the order given, checked: a mapping of
    non-empty labels to finite numbers, each label once in any case and none also a code of
    ``missing``."""
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{where}: answers must be a mapping of answer labels to the numbers they stand for "
            f"(e.g. {{'nooit': 1, 'zelden': 2}}), got {type(value).__name__}"
        )
    out: list[tuple[str, float]] = []
    seen: dict[str, str] = {}
    folded_codes = {c.strip().casefold() for c in codes}
    for label, number in value.items():
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}: answers: an answer label must be a non-empty text, got {label!r}")
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
            raise ValueError(
                f"{where}: answers.{label}: expected the number the answer {label!r} stands for, got {number!r}"
            )
        key = label.strip().casefold()
        if key in seen:
            raise ValueError(
                f"{where}: answers.{label}: answer {label!r} is given twice "
                f"(also {seen[key]!r}; labels are compared in any case)"
            )
        if key in folded_codes:
            raise ValueError(f"{where}: answers.{label}: {label!r} is both an answer and a code of missing")
        seen[key] = label
        out.append((label, float(number)))
    return tuple(out)


def group_names(value: Any, where: str) -> dict[str, dict[str, str]]:
    """The entry's ``group_names`` (language -> {group label: its name}), checked: language codes,
    each mapping labels to non-empty texts."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(
            f"{where}: group_names must be a mapping of language to the group labels' names "
            f"(e.g. {{'en': {{'oudere bewoner': 'older resident'}}}}), got {type(value).__name__}"
        )
    out: dict[str, dict[str, str]] = {}
    for lang, named in value.items():
        if not isinstance(lang, str) or not _LANGUAGE.fullmatch(lang):
            raise ValueError(f"{where}: group_names: expected a language code such as nl or en, got {lang!r}")
        if not isinstance(named, Mapping):
            raise ValueError(
                f"{where}: group_names.{lang}: expected a mapping of group label to its name, got {type(named).__name__}"
            )
        for label, name in named.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(
                    f"{where}: group_names.{lang}.{label}: expected the name of group {label!r}, got {name!r}"
                )
        out[lang] = {str(k): v for k, v in named.items()}
    return out


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


def read_soft_data(
    spec: Mapping[str, Any],
    base_dir: Union[str, Path],
    *,
    where: str,
    allow_outside_data: bool = False,
    field: Optional[str] = None,
) -> SoftData:
    """Reads and checks the data of one soft outcome entry (``spec`` with its empty
    fields removed). Raises DataFileError (a file that cannot be used) or ValueError
    (an entry that does not fit its data), naming the file's row and column."""
    data = spec["data"]
    if _is_frame(data):
        source: Any = data
    else:
        field = field or f"{where}: data"
        source = resolve_data_path(data, base_dir, allow_outside=allow_outside_data, field=field)
    table = read_table(source, field=where, sheet=spec.get("sheet"), csv=spec.get("csv"))
    n_rows = table.n_rows
    who = f"{where}: "
    named = [(label, [spec[label]] if isinstance(spec[label], str) else list(spec[label])) for label in ("pre", "post")]
    named += [(key, [spec[key]]) for key in ("group", "id_column") if key in spec]
    missing = [(label, c) for label, cols in named for c in cols if c not in table.columns]
    if missing:
        table.require([c for _, c in missing], who=who, label=", ".join(dict.fromkeys(lab for lab, _ in missing)))
    codes = missing_codes(spec.get("missing"), where)
    answers = answer_labels(spec.get("answers"), codes, where)
    if codes or answers:  # a survey's labels and codes, in the score columns only (an id of 99 stays an id)
        table, used, emptied = table.recoded([c for _, cols in named[:2] for c in cols], answers, codes)
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
        table = dataclasses.replace(table, reading=tuple(said))

    item_gaps: dict[str, tuple[list[int], int, int]] = {}
    names: list[str] = []
    # Every problem of the data is collected and all are raised together (not one per run): the
    # cells that are not numbers (then read as missing, so that the scores are checked too), the
    # scores outside the scale, rows without a group label or id, ids given twice.
    problems: list[ValueError] = []
    numbers = table.number_columns([c for _, cols in named[:2] for c in cols], who=who, problems=problems)

    def score(cols: Any, label: str) -> list[float]:
        if isinstance(cols, str):
            values = numbers[cols]
            if "scale" in spec:  # scores outside the scale are refused, listed by file row
                check_in_scale(
                    values,
                    scale_definition(spec["scale"], default_id=spec.get("id", ""), where=where),
                    f"{where}: {table.name} ({label}) column '{cols}'",
                    table.lines,
                )
            names.append(cols)
            return values
        if "scale" not in spec:
            raise ValueError(
                f"{where}: {label} lists item columns, so 'scale' (a built-in scale's name, or a scale of the "
                "model's own: {items, item_min, item_max}) is required"
            )
        d = scale_definition(spec["scale"], default_id=spec.get("id", ""), where=where)
        cols = list(cols)
        if len(cols) != len(d.items):
            raise ValueError(f"{where}: {label} lists {len(cols)} item columns, scale '{d.id}' has {len(d.items)}")
        items = [numbers[c] for c in cols]
        try:
            d, s = score_items(d, items, spec.get("max_missing"))
        except ValueError as exc:  # name the file's row and column, not the data row and item
            msg = str(exc)
            for k, c in enumerate(cols):
                msg = msg.replace(f"item '{d.items[k]}'", f"column '{c}'")
            msg = re.sub(
                r"\brow (\d+)",
                lambda m: f"row {int(table.lines[int(m.group(1))])}" if int(m.group(1)) < n_rows else m.group(0),
                msg,
            )
            raise ValueError(f"{where}: {table.name} ({label}): {msg}") from None
        item_gaps[label] = ([int(n) for n in s.n_missing], len(cols), int(d.max_missing))
        names.append(d.id)
        return [float(v) for v in s.score]

    def scored(label: str) -> list[float]:
        try:
            return score(spec[label], label)
        except ValueError as e:
            problems.append(e)
            return []

    pre, post = scored("pre"), scored("post")
    row_problems: list[str] = []  # rows without a group label or id, ids given twice
    groups = None
    if "group" in spec:
        gcol = spec["group"]
        row_problems += [
            f"{where}: {table.where(i, gcol)}: no group label" for i, b in enumerate(table.blank(gcol)) if b
        ]
        groups = table.words(gcol)
        row_problems += [
            f"{where}: {table.where(i, gcol)}: group 'all' is the name of everyone together; give the group another label"
            for i, g in enumerate(groups)
            if g == "all"
        ]
        unused = unused_group_names(group_names(spec.get("group_names"), where), groups, table.name)
        if unused:
            table = dataclasses.replace(table, reading=(*table.reading, *unused))
    elif spec.get("group_names"):
        raise ValueError(f"{where}: group_names names the labels of the group column, so group is required")
    ids = None
    if "id_column" in spec:
        icol = spec["id_column"]
        ids = list(table.columns[icol])
        blank = table.blank(icol)  # an empty cell or a spreadsheet's NaN: no id to tell rows apart
        row_problems += [f"{where}: {table.where(i, icol)}: no id" for i, b in enumerate(blank) if b]
        first: dict[Any, int] = {}
        for i, v in enumerate(ids):
            if blank[i]:
                continue
            if v in first:
                row_problems.append(
                    f"{where}: {table.where(i, icol)}: id {excerpt(v)} appears "
                    f"twice (first on row {int(table.lines[first[v]])})"
                )
            else:
                first[v] = i
    if row_problems:
        refused = DataFileError("\n".join(listed(row_problems)))
        refused.count = len(row_problems)
        problems.append(refused)
    _refuse(problems, f"the data of {where} ({table.name})", who)

    def reason(i: int, gaps: list[str]) -> Said:
        parts = []
        for label in gaps:
            if label in item_gaps:
                n_missing, k, most = item_gaps[label]
                parts.append(Said(_ITEMS_MISSING[label], n=n_missing[i], k=k, most=most))
            else:
                parts.append(Said(_SCORE_MISSING[label]))
        return Said(N_("row_reasons"), reasons=parts) if len(parts) > 1 else parts[0]

    rows = []
    for pos in range(n_rows):
        gaps = [k for k, s in (("pre", pre), ("post", post)) if math.isnan(s[pos])]
        if gaps:
            rows.append(
                {
                    "row": int(table.lines[pos]),
                    "id": None if ids is None else _id(ids[pos]),
                    "missing": gaps,
                    "reason": reason(pos, gaps),
                }
            )
    return SoftData(table, pre, post, groups, ids, tuple(rows), (names[0], names[1]))
