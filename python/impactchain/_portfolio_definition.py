"""What a portfolio is: its members (each an initiative in one period, with its model file and
optionally its actuals) and the footing it puts them on (currency, price year and index,
discounting, exchange rates). Read from a file by :func:`impactchain.load_portfolio`
(``_portfolio_file``). Public as names of ``impactchain.portfolio``, the module their
``__module__`` names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional


class PortfolioError(ValueError):
    """A portfolio, or one of its members, that cannot be evaluated: the message names the member,
    its file and the field."""

    #: Several problems are one per line, kept so by the command line.
    problems_per_line = True
    #: A portfolio file's problems, each as (field, message) with its 1-based line and column in
    #: the file (None where unknown), as a model file's ValidationError gives them (``impactchain
    #: validate --json``: one record each). Set only on the error of a portfolio file's problems.
    issues: list[tuple[str, str]]
    lines: list[Optional[int]]
    columns: list[Optional[int]]
    #: A member's problems, each in the file it is in (its model or actuals file), with its field,
    #: line and column where known. Set only on the error of a member's files (``prepare_member``).
    places: list[PortfolioProblem]


@dataclass(frozen=True)
class PortfolioProblem:
    """A problem of a portfolio file or of a member's file: ``text`` as its error says it, and
    for ``impactchain validate --json`` its ``field``, its ``message`` (without file and field),
    line and column, and for a member's the ``file`` it is in (its model or actuals file, as the
    portfolio file names it; "": the portfolio file, or no one file)."""

    text: str
    field: str = ""
    message: str = ""
    line: Optional[int] = None
    column: Optional[int] = None
    file: str = ""


def refuse_portfolio(problems: Sequence[PortfolioProblem], source: str) -> None:
    """Raises one PortfolioError with every problem of the portfolio file ``source`` (one per
    line), each also in its ``issues`` with its field, and its ``lines`` and ``columns``."""
    from impactchain._problems import raise_problems

    try:
        raise_problems(
            PortfolioError, [x.text for x in problems], f"portfolio '{source}'", prefix=f"portfolio '{source}': "
        )
    except PortfolioError as e:
        e.issues = [(x.field, x.message or x.text) for x in problems]
        e.lines = [x.line for x in problems]
        e.columns = [x.column for x in problems]
        raise


@dataclass(frozen=True)
class FxRate:
    """Units of the portfolio's currency per unit of ``currency``, with where and when it was read."""

    currency: str
    rate: float
    source: str
    date: str


@dataclass(frozen=True)
class PortfolioMember:
    """One initiative in one period: its model file and, optionally, a file of actuals.
    ``base``: the folder the portfolio names these files from (its file's folder); messages name
    them relative to it, as the portfolio file writes them (None: by their whole path)."""

    id: str
    organisation: str
    period: str
    model: Path
    actuals: Optional[Path] = None
    group: str = ""
    own_discount: bool = False
    base: Optional[Path] = None

    @property
    def who(self) -> str:
        """How messages name the member: ``member 'Klussendienst/2024' (../handyman.yaml)``."""
        return f"member '{self.id}' ({self.shown(self.model)})"

    def shown(self, path: Path) -> str:
        """``path`` (the member's model or actuals file) as messages name it."""
        if self.base is None:
            return str(path)
        try:
            return os.path.relpath(path, self.base)
        except ValueError:  # another drive (Windows): no relative path
            return str(path)


@dataclass(frozen=True)
class Portfolio:
    """Members on one footing: ``currency`` and ``price_year`` (None: the first member's),
    ``price_index`` (year -> index, any base), ``discount`` (model-file form; None: each member's
    own) and ``fx`` (currency -> :class:`FxRate`). ``texts``: the name, organisations and groups
    given in several languages (the text shown, in the first language given -> {language: text})."""

    name: str
    members: tuple[PortfolioMember, ...]
    currency: Optional[str] = None
    price_year: Optional[int] = None
    price_index: Mapping[int, float] = field(default_factory=dict)
    discount: Optional[Mapping[str, Any]] = None
    fx: Mapping[str, FxRate] = field(default_factory=dict)
    source: Optional[Path] = None
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


# Public names of impactchain.portfolio: pickles and tracebacks name them there.
for _public in (PortfolioError, FxRate, PortfolioMember, Portfolio):
    _public.__module__ = "impactchain.portfolio"
