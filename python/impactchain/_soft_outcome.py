"""The result of summarising one ``soft_outcomes`` entry of a model file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field
from typing import Any, Optional

import pandas as pd

from impactchain._result import Result, deprecated, result_type
from impactchain._summary import Section


@result_type
class SoftOutcomeSummary(Result):
    """Change per group, effect size (named convention), RCI shares and bootstrap CI of one
    soft outcome, with the rows of the data file that could not be used and why.

    ``rows_not_used`` lists ``{"row": line of the file (header = 1) or row of the sheet,
    "id": the respondent id (None without id_column), "missing": ["pre"/"post"], "reason"}``;
    with ``data_post`` (the follow-up in a file of its own) ``row`` is the respondent's row in
    ``data`` and ``row_post`` in ``data_post``, None in the file the respondent is not in; with
    ``wave`` (both measurements as rows of ``data``) its before's and its after's row.
    Reading it as a mapping (``r["n_used"]``, the form of earlier releases) still works
    for one release, with a DeprecationWarning; use the attributes or ``to_dict()``.
    ``assumptions`` names each default the entry left to the package and each method.
    """

    id: str
    indicator: Optional[str]
    scale: Optional[str]
    data: str
    n_rows: int
    n_used: int
    rows_not_used: tuple[dict[str, Any], ...]
    effect_size_kind: str
    effect_size_convention: str
    groups: pd.DataFrame
    reliability: Optional[float]
    warnings: tuple[str, ...] = field(default_factory=tuple)
    assumptions: tuple[str, ...] = field(default_factory=tuple)
    #: The follow-up's file, when the two measurements were read from two files joined on ids.
    data_post: Optional[str] = None
    #: The measurement column and its labels, when the two measurements were rows of one file
    #: (``{"column": "meting", "pre": "voormeting", "post": "nameting"}``) joined on ids.
    wave: Optional[dict[str, str]] = None
    #: The internal consistency of the scale as answered, per measurement of item columns
    #: (``{"pre": {...}, "post": {...}}``: ``alpha``, ``ci_low``, ``ci_high``, ``level``, ``n``,
    #: ``missing``, ``item_rest_r`` and ``columns`` by item, the alpha's own ``warnings``, ``omega``
    #: (minres, pairwise; None where undefined) and its ``omega_warnings``; None for a
    #: measurement whose alpha is not defined, no key for one of a column of scores); None when
    #: both measurements are columns of scores. Never used for the reliable change index.
    internal_consistency: Optional[dict[str, Optional[dict[str, Any]]]] = None
    _title = "Soft outcome"
    _summary_fields = (
        "id",
        "indicator",
        "scale",
        "data",
        "data_post",
        "wave",
        "n_rows",
        "n_used",
        "effect_size_kind",
        "effect_size_convention",
        "reliability",
    )
    # 2: assumptions (a version-1 pickle loads with none: they were not recorded); 3: data_post and
    # wave (older pickles load with None: one file held both measurements, one row each); 4:
    # internal_consistency (older pickles load with None: it was not computed)
    _version = 4

    def _heading(self) -> str:
        return f"Soft outcome '{self.id}'"

    def _table(self) -> pd.DataFrame:
        """One row per group ("all" first): n, means, change and its CI, effect size, RCI shares."""
        return self.groups

    def _sections(self) -> list[Section]:
        out = []
        for s in super()._sections():  # one file with a row a respondent: no lines for a second file or rows
            rows = [(k, v) for k, v in s.rows if not (k in ("data post", "wave") and v is None)]
            w = self.wave
            rows = [(k, f"{w['column']}: {w['pre']} -> {w['post']}" if k == "wave" and w else v) for k, v in rows]
            out.append(Section(s.heading, rows=rows))
        out.append(Section("By group", table=self.groups))
        out += consistency_sections(self.internal_consistency)
        if self.rows_not_used:
            # with two files or measurements, the respondent's row in each ("n/a" where it has none)
            two = any("row_post" in r for r in self.rows_not_used)
            unused = pd.DataFrame(
                [
                    {
                        "row": r["row"],
                        **({"row_post": r["row_post"]} if two else {}),
                        "id": r["id"],
                        "missing": ", ".join(r["missing"]),
                    }
                    for r in self.rows_not_used
                ]
            )
            out.append(Section("Rows not used", table=unused))
        return out

    @classmethod
    def _upgrade(cls, state: dict[str, Any], version: int) -> dict[str, Any]:
        """Versions 1 to 3 had no internal consistency (it was not computed): None."""
        return {"internal_consistency": None, **state} if version < 4 else state

    # ------------------------------------------------------------ mapping access (kept one release)
    def _mapping(self, what: str) -> dict[str, Any]:
        deprecated(
            f"reading soft_outcome_summary's result as a mapping ({what})", "its attributes (r.n_used) or r.to_dict()"
        )
        d = self.to_dict()
        del d["type"], d["version"]
        return d

    def __getitem__(self, key: str) -> Any:
        return self._mapping(f"r[{key!r}]")[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._mapping(f"r.get({key!r})").get(key, default)

    def keys(self) -> Any:
        return self._mapping("r.keys()").keys()

    def items(self) -> Any:
        return self._mapping("r.items()").items()

    def __contains__(self, key: object) -> bool:
        return key in self._mapping("'key' in r")

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping("iter(r)"))


def consistency_sections(consistency: Optional[dict[str, Any]]) -> list[Section]:
    """The summary's sections on the internal consistency of the scale as answered: alpha, its
    interval and n, and omega per measurement (omega None where a summary of an earlier release
    has none), and the items' item-rest correlations (a column per measurement)."""
    if not consistency:
        return []
    done = {side: a for side, a in consistency.items() if a is not None}
    stats = pd.DataFrame(
        [
            {
                "measurement": side,
                **(
                    {k: a.get(k) for k in ("alpha", "ci_low", "ci_high", "n", "omega")}
                    if a
                    else dict.fromkeys(("alpha", "ci_low", "ci_high", "n", "omega"))
                ),
            }
            for side, a in consistency.items()
        ]
    ).set_index("measurement")
    out = [Section("Internal consistency (Cronbach's alpha, McDonald's omega)", table=stats)]
    if done:
        rest = pd.DataFrame({side: pd.Series(a["item_rest_r"], dtype=float) for side, a in done.items()})
        rest.index.name = "item"
        out.append(Section("Item-rest correlations", table=rest))
    return out
