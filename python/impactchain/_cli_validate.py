"""``impactchain validate``: model files and the data files their soft outcomes read, or a
portfolio (file or folder) and every member's files. Each file gives what was found in it: as
text (``valid`` and the notes on stdout, every problem and warning on stderr) or, with
``--json``, one document for every file (docs/model-file.md, "Checking a model")."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from impactchain._cli_common import EXIT_INVALID, EXIT_OK, _dump, _emit
from impactchain._problems import counted
from impactchain._text import for_terminal

if TYPE_CHECKING:
    from impactchain._data_check import DataCheck


@dataclass
class Checked:
    """What validate found in one file: its record for ``--json`` and the lines its text prints."""

    record: dict[str, Any]
    out: list[str] = field(default_factory=list)  # stdout: valid, the notes
    err: list[str] = field(default_factory=list)  # stderr: the problems, the warnings


def _problem(
    message: str, place: Optional[str] = None, line: Optional[int] = None, column: Optional[int] = None
) -> dict[str, Any]:
    """A problem as ``--json`` gives it: the message, and the field, line and column where known."""
    return {"message": message, "field": place or None, "line": line, "column": column}


def _refused(e: BaseException) -> list[dict[str, Any]]:
    """The problems of a file the loader refused: each at its field, line and column when the
    loader names them (a ValidationError's issues), else the one message."""
    issues = getattr(e, "issues", None)
    if not issues:
        return [_problem(str(e))]
    lines, columns = getattr(e, "lines", [None] * len(issues)), getattr(e, "columns", [None] * len(issues))
    return [_problem(msg, place, line, col) for (place, msg), line, col in zip(issues, lines, columns)]


def _data_problems(found: DataCheck, path: str) -> list[dict[str, Any]]:
    """The problems of a model's data files (``check_model_data``) for ``--json``: each of its
    field (the key the error is of, ``soft_outcomes[0].data``: the file is not there; else the
    soft outcome's entry) at that field's line and column in the model file at ``path`` (the file
    parsed once), the message without the key it names first."""
    from impactchain._file_places import text_places

    places = text_places(Path(path), found.fields)
    return [_problem(m, f, *at) for m, f, at in zip(found.messages, found.fields, places)]


def _indented(problem: str) -> str:
    """A problem of several lines with each further line indented (those not already so)."""
    first, *rest = problem.split("\n")
    return "\n".join([first, *(x if x[:1].isspace() or not x else f"  {x}" for x in rest)])


def _record(path: str, kind: str, problems: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"file": path, "kind": kind, "valid": not problems, "problems": problems, **more}


def check_model_file(path: str, args: argparse.Namespace, several: bool) -> Checked:
    """One model file and, unless --no-data, the data files its soft outcomes read."""
    from impactchain.io import load

    try:
        model = load(path)
    except (ValueError, OSError) as e:
        if is_portfolio(path):  # a folder or portfolio file is no model: checked as a portfolio
            return check_portfolio_path(path, args)
        return Checked(_record(path, "model", _refused(e), warnings=[], notes=[]), err=[str(e)])
    notes: list[str] = []
    warned: list[str] = []  # what the data's reading found that may not be what was meant
    checked = bool(model.soft_outcomes) and not args.no_data
    if checked:
        from impactchain._data_check import check_model_data

        found = check_model_data(model, Path(path).resolve().parent, allow_outside_data=bool(args.allow_outside_data))
        if found.problems:
            record = _record(path, "model", _data_problems(found, path), warnings=[], notes=[])
            # each problem names the model file it is of (a data file's message names only the data
            # file), its further lines indented under it
            return Checked(record, err=[f"{path}: {_indented(p)}" for p in found.problems])
        notes, warned = found.notes, found.warnings
    said = (
        "valid"
        if not model.soft_outcomes
        else "valid (data files not checked: --no-data)"
        if args.no_data
        else "valid, with its data files"
    )
    warnings = [str(w) for w in [*model.read_warnings, *warned]]  # valid, but perhaps not what was meant
    record = _record(path, "model", [], data_checked=checked, warnings=warnings, notes=list(notes))
    return Checked(
        record, out=[f"{path}: {said}" if several else said, *notes], err=[f"warning: {w}" for w in warnings]
    )


def is_portfolio(path: str) -> bool:
    """A folder (of model files) or a portfolio file: a mapping with ``members``, or one that
    has none of a model's chain, outcomes and investments and has ``fx`` or ``members`` misspelt
    (``member:``, ``Members:``), whose problems are then said as a portfolio's."""
    p = Path(path)
    if p.is_dir():
        return True
    if not p.is_file():
        return False
    from impactchain._actuals import read_document
    from impactchain._composite_args import _suggestion

    try:
        d = read_document(p, "file")
    except (ValueError, OSError):
        return False  # the model loader says what is wrong with it
    if not isinstance(d, dict):
        return False
    if "members" in d:
        return True
    if any(k in d for k in ("chain", "outcomes", "investments")):  # a model's, whatever else it holds
        return False
    return "fx" in d or any(_suggestion(str(k).lower(), ["members"]) for k in d)


def _member_problems(found: Any) -> list[dict[str, Any]]:
    """The problems of a portfolio's members for ``--json``: one record for each problem in a
    member's file, with the ``file`` it is in (its model or actuals file, as the portfolio file
    names it) and its field, line and column there, as a model file's problems have them; a
    problem of no one file as its whole text."""
    out = []
    for text, places in zip(found.problems, found.places or [[]] * len(found.problems)):
        out += [
            {**_problem(x.message or x.text, x.field, x.line, x.column), "file": x.file or None} for x in places
        ] or [_problem(text)]
    return out


def check_portfolio_path(path: str, args: argparse.Namespace) -> Checked:
    """A portfolio file or folder: the file's problems, then each member's, all at once."""
    from impactchain._portfolio_check import check_portfolio

    try:
        found = check_portfolio(path, data=not args.no_data, allow_outside_data=bool(args.allow_outside_data))
    except (ValueError, OSError) as e:
        return Checked(
            _record(path, "portfolio", _refused(e), members=0, failed=[], warnings=[], notes=[]), err=[str(e)]
        )
    members = counted(found.members, "member")
    record = _record(
        path,
        "portfolio",
        _member_problems(found),
        members=found.members,
        failed=list(found.failed),
        warnings=list(found.warnings),
        notes=list(found.notes),
    )
    out = Checked(record, err=list(found.problems))
    if found.failed:
        out.err.append(f"{path}: {len(found.failed)} of {members} with problems")
    elif found.problems:
        out.err.append(f"{path}: the portfolio cannot be run, though each of its {members} is valid")
    else:
        out.out.append(
            f"{path}: valid portfolio, {members}" + (" (data files not checked: --no-data)" if args.no_data else "")
        )
    out.out += found.notes
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    """Checks each file named; prints what was found as text, or with --json as one document."""
    found = []
    for path in args.models:
        checked = check_model_file(path, args, len(args.models) > 1)
        found.append(checked.record)
        if not args.json:  # each file's findings as soon as they are known
            for line in checked.out:
                _emit(line)
            for line in checked.err:
                print(for_terminal(line), file=sys.stderr)
    if args.json:
        _emit(_dump({"valid": all(r["valid"] for r in found), "files": found}), data=True)
    return EXIT_OK if all(r["valid"] for r in found) else EXIT_INVALID
