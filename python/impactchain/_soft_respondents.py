"""What ``read_soft_data`` gives for one ``soft_outcomes`` entry: :class:`SoftData`, the scores
of its respondents with every row not used accounted for, and how the entry's data is named."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from impactchain._data import Table, _is_frame
from impactchain._report_text import Said
from impactchain._soft_scored import Scored, ScoredItems


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
    #: With ``data_post`` (or ``wave``): the follow-up's file (its rows), and the respondents of both
    #: joined on their ids (those whose group is not known are listed in ``rows_not_used`` only, not
    #: in the scores); ``row_names`` words a row of each side ("nameting.csv row {}").
    post_table: Optional[Table] = None
    n_joined: Optional[int] = None
    row_names: tuple[str, str] = ("row {}", "row {}")
    #: What the reading found that may not be what was meant (ids the two measurements write
    #: otherwise), in the summary's warnings and ``impactchain validate``'s.
    warnings: tuple[Any, ...] = ()
    #: Per measurement of item columns with a respondent pro-rated or a total rounded: what scoring did
    #: (``scored_warnings``: in the summary's warnings and ``impactchain validate``'s notes).
    scored: tuple[Scored, ...] = ()
    #: How item columns were scored (the rule, the pro-rating limit; that limit's source when the
    #: entry gives no ``max_missing``): in the summary's assumptions and ``impactchain validate``'s notes.
    scoring: tuple[Any, ...] = ()
    #: Per measurement of item columns: the item responses as the core scored them, with the
    #: definition it keyed them by (what the scale's internal consistency is computed from).
    items: tuple[ScoredItems, ...] = ()

    @property
    def scored_warnings(self) -> tuple[Said, ...]:
        return tuple(x for s in self.scored for x in s.said)

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
        return self.table.n_rows if self.n_joined is None else self.n_joined

    @property
    def n_used(self) -> int:
        return self.n_rows - len(self.rows_not_used)

    @property
    def data_name(self) -> str:
        if self.post_table is None or self.post_table.name == self.table.name:
            return self.table.name
        return f"{self.table.name} + {self.post_table.name}"


def _series(values: list[Any], name: Optional[str], dtype: Any) -> Any:
    import pandas as pd

    return pd.Series(values, dtype=dtype, name=name)


def data_label(data: Any) -> str:
    """How an entry's data is named in a result: its path, or 'DataFrame'."""
    return "DataFrame" if _is_frame(data) else str(data)
