"""Checking a portfolio without computing it (``impactchain validate`` on a portfolio file or
folder, :func:`impactchain.portfolio.check_portfolio`): the portfolio file, every problem at once
(``load_portfolio``), then each member as a run reads it (``prepare_member``: its model file, its
actuals laid over its forecast, its money put on the portfolio's footing) and the data files of
its soft outcomes (``check_model_data``), each problem naming the member. Nothing is valued or
simulated, so a fund sees every problem of every member in seconds, before a run."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from impactchain._data_check import DataCheck, check_model_data
from impactchain._file_places import Place, text_places
from impactchain._portfolio_actuals_places import actuals_field
from impactchain._portfolio_definition import Portfolio, PortfolioError, PortfolioMember, PortfolioProblem
from impactchain._portfolio_file import load_portfolio
from impactchain._portfolio_footing import footing_of, read_models
from impactchain._portfolio_member import ModelFileError, PreparedMember, prepare_member
from impactchain._portfolio_periods import shared_actuals


@dataclass
class PortfolioCheck:
    """What checking a portfolio found: ``problems`` (each naming its member; any makes the
    portfolio one that a run would stop on), ``failed`` (the ids of the members with problems),
    ``notes`` (per member: valid, what it has; the rows of its survey data that will not be used,
    and what was detected while reading them, once per model file), ``warnings`` (what may not be
    what was meant, each naming its member; also among the notes, under the member, and an actuals
    file several members share after them)."""

    members: int
    problems: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Per problem (in the order of ``problems``), where it is: each problem its text holds, in
    #: the member's file it is in (``file``: its model or actuals file, as the portfolio file names
    #: it), with its ``field``, ``message``, ``line`` and ``column`` where known; empty where the
    #: problem is not of one file (``impactchain validate --json``: one record each).
    places: list[list[PortfolioProblem]] = field(default_factory=list)

    def _add(self, text: str, places: Sequence[PortfolioProblem] = (), first: bool = False) -> None:
        """A problem, said as ``text``, and where it is."""
        at = 0 if first else len(self.problems)
        self.problems.insert(at, text)
        self.places.insert(at, list(places))

    @property
    def valid(self) -> bool:
        """No problems: a run would not stop on this portfolio's files."""
        return not self.problems


PortfolioCheck.__module__ = "impactchain.portfolio"  # public there


def _data_problems(
    member: PortfolioMember, p: PreparedMember, model: Any, found: DataCheck
) -> list[tuple[str, list[PortfolioProblem]]]:
    """The problems of the data files of the member's ``model`` (its forecast, or the model its
    actuals make), each said naming the member, and where it is: the key the error is of
    (``soft_outcomes[0].data``: the file is not there), else the soft outcome's entry, at its line
    and column in the file that gave it (each file parsed once). A problem of the actuals' model is
    the actuals file's where that file gave the field (its own entry, found by its id), else the
    model file's."""
    actual = p.actual if model is not p.model else None
    files: list[Path] = []
    fields: list[str] = []
    for name in found.fields:
        own = None if actual is None else actuals_field(name, actual.plain, actual.given)
        given = member.actuals if own is not None else None
        files.append(member.model if given is None else given)
        fields.append(name if own is None else own)
    places: dict[tuple[Path, str], Place] = {}
    for path in dict.fromkeys(files):
        wanted = [f for f, file in zip(fields, files) if file == path]
        places.update(zip(((path, f) for f in wanted), text_places(path, wanted)))
    return [
        (f"{p.who}: {text}", [PortfolioProblem(text, f, message, *places[path, f], file=member.shown(path))])
        for text, message, f, path in zip(found.problems, found.messages, fields, files)
    ]


def check_portfolio(
    portfolio: Union[Portfolio, str, os.PathLike],
    *,
    data: bool = True,
    allow_outside_data: bool = False,
) -> PortfolioCheck:
    """Every problem a run of ``portfolio`` would stop on, found without computing it.

    A portfolio file's own problems raise one PortfolioError listing them all (as
    ``load_portfolio``); the members' problems are collected in the result. ``data=False`` skips
    the soft outcomes' data files (``impactchain validate --no-data``)."""
    from impactchain.io import base_dir

    if not isinstance(portfolio, Portfolio):
        portfolio = load_portfolio(portfolio)
    out = PortfolioCheck(len(portfolio.members))
    footing, unfooted = None, None
    files = read_models(portfolio)  # each model file read once
    try:
        footing = footing_of(portfolio, files)[0]
    except (ValueError, OSError) as e:  # the first member's currency or price year cannot be had
        unfooted = str(e)  # the others are checked without the footing
    # A model file used by several members is named once: its refusal, and its data files' problems
    # and notes, for the first member that uses it; the others point there.
    refused: dict[Any, str] = {}  # a model file the loader refused: its first member
    data_of: dict[Any, str] = {}  # a model file whose data files were checked: its first member
    data_refused: set[Any] = set()  # ... and found problems in
    for member in portfolio.members:
        try:
            p = prepare_member(member, footing, files)
        except ModelFileError as e:
            first = refused.setdefault(member.model, member.id)
            if first == member.id:
                out._add(str(e), getattr(e, "places", ()))
            else:
                out._add(f"{member.who}: refused, as for member '{first}'")
            out.failed.append(member.id)
            continue
        except PortfolioError as e:
            out._add(str(e), getattr(e, "places", ()))
            out.failed.append(member.id)
            continue
        checked = data and member.model in data_of
        models = [p.model] if data and not checked else []
        if data and p.actual is not None and p.actual.model.soft_outcomes != p.model.soft_outcomes:
            models.append(p.actual.model)
        found = [check_model_data(m, base_dir(m), allow_outside_data=allow_outside_data) for m in models]
        problems = [x for m, f in zip(models, found) for x in _data_problems(member, p, m, f)]
        if models and models[0] is p.model and found[0].problems:
            data_refused.add(member.model)
        elif checked and member.model in data_refused:
            problems.insert(
                0, (f"{p.who}: its model's data files are refused, as for member '{data_of[member.model]}'", [])
            )
        data_of.setdefault(member.model, member.id)
        if problems:
            for text, places in problems:
                out._add(text, places)
            out.failed.append(member.id)
            continue
        has = f", with its actuals ({member.actuals.name})" if member.actuals is not None else ""
        out.notes.append(f"{p.who}: valid{has}")
        if checked:
            out.notes.append(f"  its model's data files: as for member '{data_of[member.model]}'")
        out.notes += [f"  {n}" for f in found for n in f.notes]
        read = [*p.read, *(p.actual.written if p.actual else []), *(w for f in found for w in f.warnings)]
        out.notes += [f"  warning: {w}" for w in [*p.said, *read]]
        out.warnings += [*p.said, *(f"{p.who}: {w}" for w in read)]  # p.said names the member
    shared = shared_actuals(portfolio.members)  # whether or not the members are valid otherwise
    out.notes += [f"warning: {w}" for w in shared]
    out.warnings += shared
    if unfooted is not None and portfolio.members[0].id not in out.failed:  # else its own problem says why
        out._add(unfooted, first=True)
    return out
