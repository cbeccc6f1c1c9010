"""The data of one ``soft_outcomes`` entry, read and checked once for everything that
uses it: ``soft_outcome_summary``, the report and ``impactchain validate``.

``read_soft_data`` reads the entry's data (a file named in a model file, or a pandas
DataFrame given to the Python API) through ``impactchain._data.read_table``, checks
the columns, the numbers and the scale's range, scores item columns, and accounts for
every row: a row is used (both scores present) or listed in ``rows_not_used`` with its
row number, its id (with ``id_column``) and the reason.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from impactchain._data import DataFileError, Table, excerpt, read_table, resolve_data_path
from impactchain._i18n import N_
from impactchain._report_text import Said
from impactchain._result_json import json_ready
from impactchain._soft_scales import check_scores_in_scale, scale_definition, score_scale

#: Why a row is not used, by the score it lacks.
_SCORE_MISSING = {"pre": N_("row_pre_missing"), "post": N_("row_post_missing")}
_ITEMS_MISSING = {"pre": N_("row_pre_items_missing"), "post": N_("row_post_items_missing")}


@dataclass(frozen=True)
class SoftData:
    """Scores of one soft outcome's respondents, in the order of the data's rows."""

    table: Table
    pre: pd.Series
    post: pd.Series
    groups: Optional[pd.Series]
    ids: Optional[pd.Series]
    #: {"row", "id", "missing": ["pre"/"post"], "reason"} for every row not used.
    rows_not_used: tuple[dict[str, Any], ...]

    @property
    def n_rows(self) -> int:
        return len(self.table.frame)

    @property
    def incomplete(self) -> pd.Series:
        return self.pre.isna() | self.post.isna()

    @property
    def n_used(self) -> int:
        return int((~self.incomplete).sum())

    @property
    def data_name(self) -> str:
        return self.table.name


def data_label(data: Any) -> str:
    """How an entry's data is named in a result: its path, or 'DataFrame'."""
    return "DataFrame" if isinstance(data, pd.DataFrame) else str(data)


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
    if isinstance(data, pd.DataFrame):
        source: Union[Path, pd.DataFrame] = data
    else:
        field = field or f"{where}: data"
        source = resolve_data_path(data, base_dir, allow_outside=allow_outside_data, field=field)
    table = read_table(source, field=where, sheet=spec.get("sheet"), csv=spec.get("csv"))
    df = table.frame
    n_rows = len(df)
    who = f"{where}: "
    named = [(label, [spec[label]] if isinstance(spec[label], str) else list(spec[label])) for label in ("pre", "post")]
    named += [(key, [spec[key]]) for key in ("group", "id_column") if key in spec]
    missing = [(label, c) for label, cols in named for c in cols if c not in df.columns]
    if missing:
        table.require([c for _, c in missing], who=who, label=", ".join(dict.fromkeys(lab for lab, _ in missing)))

    item_gaps: dict[str, tuple[pd.Series, int, int]] = {}

    def score(cols: Any, label: str) -> pd.Series:
        if isinstance(cols, str):
            values = table.numbers(cols, who=who)
            if "scale" in spec:  # scores outside the scale are refused, listed by file row
                check_scores_in_scale(
                    values,
                    scale_definition(spec["scale"], default_id=spec.get("id", ""), where=where),
                    f"{where}: {table.name} ({label}) column '{cols}'",
                    rows=pd.Series(table.lines[: len(values)], index=values.index),
                )
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
        block = pd.DataFrame({item: table.numbers(c, who=who) for item, c in zip(d.items, cols)})
        try:
            s = score_scale(d, block, max_missing=spec.get("max_missing"))
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
        item_gaps[label] = (s.n_missing_items, len(cols), int(s.max_missing))
        return s.score

    pre = score(spec["pre"], "pre")
    post = score(spec["post"], "post")
    groups = None
    if "group" in spec:
        gcol = spec["group"]
        blank = table.blank(gcol)
        if blank.any():
            i = int(np.flatnonzero(blank.to_numpy())[0])
            raise DataFileError(f"{where}: {table.where(i, gcol)}: no group label")
        groups = table.words(gcol)
    ids = None
    if "id_column" in spec:
        ids = table.frame[spec["id_column"]]
        dup = ids.duplicated()
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            first = int(np.flatnonzero((ids == ids.iloc[i]).to_numpy())[0])
            raise DataFileError(
                f"{where}: {table.where(i, spec['id_column'])}: id {excerpt(ids.iloc[i])} appears "
                f"twice (first on row {int(table.lines[first])})"
            )

    def reason(i: int, gaps: list[str]) -> Said:
        parts = []
        for label in gaps:
            if label in item_gaps:
                n_missing, k, most = item_gaps[label]
                parts.append(Said(_ITEMS_MISSING[label], n=int(n_missing.iloc[i]), k=k, most=most))
            else:
                parts.append(Said(_SCORE_MISSING[label]))
        return Said(N_("row_reasons"), reasons=parts) if len(parts) > 1 else parts[0]

    incomplete = pre.isna() | post.isna()
    rows = []
    for pos in np.flatnonzero(incomplete.to_numpy()):
        gaps = [k for k, s in (("pre", pre), ("post", post)) if math.isnan(s.iloc[pos])]
        rows.append(
            {
                "row": int(table.lines[pos]),
                "id": None if ids is None else json_ready(ids.iloc[pos]),
                "missing": gaps,
                "reason": reason(int(pos), gaps),
            }
        )
    return SoftData(table, pre, post, groups, ids, tuple(rows))
