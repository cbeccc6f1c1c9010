"""``impactchain validate`` on a model's data files: each soft outcome's data is read
as the report reads it (``read_soft_data``: the file exists and is readable, the
columns are there, the cells are numbers, the scores are inside the scale's range and the scale of
the indicator the soft outcome names)
and every row that will not be used is listed with its row number, its id and the
reason. What was detected while reading (encoding, separator, decimal mark, sheet)
is stated too, and how item columns were scored: the rule, and per measurement the
respondents pro-rated and the SWEMWBS raw totals rounded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from impactchain._problems import MAX_LISTED as MAX_LISTED_ROWS  # rows not used listed per soft outcome
from impactchain._problems import counted


@dataclass
class DataCheck:
    """Findings of checking one model's data files: ``problems`` make the model invalid;
    ``notes`` (rows not used, what was detected) and ``warnings`` (what the reading found that
    may not be what was meant: ids the two measurements write otherwise) do not."""

    problems: list[str] = field(default_factory=list)
    #: Per problem, the model file's field it is of: the key the error is of where it names one
    #: (``soft_outcomes[0].data``: the file is not there), else the soft outcome's entry
    #: (``soft_outcomes[0]``).
    fields: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        """Per problem, what it says without the field it names first (the problem itself where
        it names none): ``impactchain validate --json`` gives the field beside it."""
        return [p.removeprefix(f"{f}: ") for p, f in zip(self.problems, self.fields)]

    def _add(self, problem: str, entry: str, key: Optional[str]) -> None:
        """A problem of the soft outcome ``entry``, of its ``key`` where the error names one of it."""
        named = isinstance(key, str) and key.startswith(f"{entry}.")
        self.problems.append(problem)
        self.fields.append(key if named and key else entry)


def _row(r: dict[str, Any], names: tuple[str, str]) -> str:
    """'row 7 (id 17): no after score'; with two files (or measurements) the respondent's row in each."""
    if "row_post" in r:
        at = [n.format(k) for n, k in zip(names, (r["row"], r["row_post"])) if k is not None]
        who = f"id {r['id']} ({', '.join(at)})"
    else:
        who = f"row {r['row']}" + ("" if r.get("id") is None else f" (id {r['id']})")
    return f"{who}: {r['reason']}"


def check_model_data(model: Any, base_dir: Path, *, allow_outside_data: bool = False) -> DataCheck:
    """Reads every soft outcome's data file of ``model`` (paths relative to ``base_dir``)."""
    from impactchain._soft_data import indicator_scale, read_soft_data

    out = DataCheck()
    for i, spec in enumerate(model.soft_outcomes or []):
        given = {k: v for k, v in spec.items() if v is not None and not (isinstance(v, (str, dict)) and not v)}
        where = f"soft outcome '{spec.get('id')}'"
        try:
            data = read_soft_data(
                given,
                base_dir,
                where=where,
                allow_outside_data=allow_outside_data,
                field=f"soft_outcomes[{i}].data",
                indicator=indicator_scale(model, spec),
            )
        except ValueError as e:  # DataFileError included: the file cannot be used as the entry says
            out._add(str(e), f"soft_outcomes[{i}]", getattr(e, "field", None))
            continue
        out.notes += [str(x) for x in data.table.reading]
        # how item columns were scored, and per measurement the respondents pro-rated and totals rounded
        out.notes += [f"{where}: {x}" for x in (*data.scoring, *data.scored_warnings)]
        out.warnings += [f"{where}: {w}" for w in data.warnings]
        if data.n_joined is None:
            count = counted(data.n_rows, "row")
        else:  # two files, or two measurements of one file: respondents joined on their ids
            rows = data.table.n_rows + (data.post_table.n_rows if data.post_table is not None else 0)
            count = f"{counted(data.n_rows, 'respondent')} ({counted(rows, 'row')})"
        head = f"{where}: {data.data_name}: {count}, {data.n_used} used"
        unused = data.rows_not_used
        if not unused:
            out.notes.append(head)
            continue
        out.notes.append(f"{head}, {len(unused)} not used:")
        out.notes += [f"  {_row(r, data.row_names)}" for r in unused[:MAX_LISTED_ROWS]]
        if len(unused) > MAX_LISTED_ROWS:
            out.notes.append(f"  … and {len(unused) - MAX_LISTED_ROWS} more not used")
    return out
