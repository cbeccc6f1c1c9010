"""Several problems refused in one error: the one problem as it is, or ``N problems in <what>:``
followed by one per line (each without the ``<what>: `` it would begin with alone), so a file is
mended in one pass. Used by the readers that name every problem at once (portfolio files,
actuals files, Value Map workbooks); the command line keeps such an error's lines
(``problems_per_line`` on the error class)."""

from __future__ import annotations

from collections.abc import Sequence

#: Items of one kind (cells, rows, scores) listed in one error or note; the rest are counted.
MAX_LISTED = 20


def counted(n: int, noun: str) -> str:
    """``1 member``, ``3 members``: a count and its English noun (plural with ``s``)."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def names(noun: str, items: Sequence[str]) -> str:
    """``column 'post'``, ``columns 'pre', 'post'``: an English noun (plural with ``s``) and the
    names it counts, each quoted."""
    return f"{noun}{'' if len(items) == 1 else 's'} " + ", ".join(repr(str(x)) for x in items)


def listed(lines: Sequence[str], indent: str = "") -> list[str]:
    """The first ``MAX_LISTED`` lines, then ``… and N more`` for the rest (``indent`` before it)."""
    more = [f"{indent}… and {len(lines) - MAX_LISTED} more"] if len(lines) > MAX_LISTED else []
    return list(lines[:MAX_LISTED]) + more


def several(count: int, what: str, lines: Sequence[str], prefix: str = "") -> str:
    """``N problems in <what>:`` and the ``lines`` under it, each without the ``prefix`` it has on
    its own (said once, in the heading)."""
    return f"{count} problems in {what}:\n" + "\n".join(
        x[len(prefix) :] if prefix and x.startswith(prefix) else x for x in lines
    )


def raise_problems(error: type[Exception], problems: Sequence[str], what: str, prefix: str = "") -> None:
    """Raises ``error`` with every problem, if there are any. ``prefix``: the start each problem
    has on its own (said once, in the first line, when there are several)."""
    if len(problems) == 1:
        raise error(problems[0])
    if problems:
        raise error(several(len(problems), what, problems, prefix))
