"""What the verbs of the command line share: the exit codes, how results and progress are
printed, and the types of their options (``impactchain.cli`` builds the parser)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, Callable

from impactchain._text import for_terminal

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


# --------------------------------------------------------------------------- output


def _progress(quiet: bool) -> Callable[[str], None]:
    start = time.monotonic()

    def say(msg: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {for_terminal(msg)}", file=sys.stderr, flush=True)

    return say


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def _emit(text: str, *, data: bool = False) -> None:
    """Prints a result. Text is made safe for the terminal; JSON data only when
    it goes to a terminal (JSON already escapes control characters; piped, it stays exact)."""
    print(for_terminal(text) if not data or sys.stdout.isatty() else text)


# --------------------------------------------------------------------------- option types


def _range_text(low: int, high: int | None, of: str) -> str:
    """The bounds of an integer option in its messages: ">= 1", "in [1, 64]" or "from 1 to 256 workers"."""
    if high is None:
        return f">= {low}"
    return f"from {low} to {high} {of}" if of else f"in [{low}, {high}]"


def _whole(text: str) -> int | None:
    """The whole number ``text`` writes: digits (``10000``, ``10_000``) or, as researchers type
    draws, an exact decimal or scientific form (``1e6``, ``2.5e3``, ``1000.0``); None for anything
    else (``1.5``, ``nan``, ``ten``). A number beyond 10^40 is returned as a sign (±10^41), out of
    every option's range, without building it."""
    try:
        return int(text)
    except ValueError:
        pass
    from decimal import Decimal, InvalidOperation

    try:
        d = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    if d.adjusted() > 40:
        return -(10**41) if d < 0 else 10**41
    return int(d) if d == d.to_integral_value() else None


def _int_option(name: str, low: int, high: int | None = None, of: str = "") -> Callable[[str], int]:
    """An option's type: a whole number in [low, high]; ``of`` names what it counts in the
    messages ("must be from 1 to 256 worker processes, got 0")."""

    def parse(text: str) -> int:
        v = _whole(text)
        if v is None:
            whole = f"a whole number of {of}" if of else "a whole number"
            raise argparse.ArgumentTypeError(f"must be {whole}, got '{for_terminal(text)}'") from None
        huge = abs(v) > 10**40  # _whole's sign of a number beyond any option's range
        if huge or v < low or (high is not None and v > high):
            raise argparse.ArgumentTypeError(
                f"must be {_range_text(low, high, of)}, got "
                + (f"{for_terminal(text).strip()} (too {'large' if v > 0 else 'small'})" if huge else str(v))
            )
        return v

    parse.__name__ = name  # argparse names the type in its messages
    return parse


def _languages(text: str) -> tuple[str, ...]:
    from impactchain._i18n import parse_languages

    try:
        return parse_languages(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(for_terminal(e)) from None


def _allow_outside_data_opt(p: argparse.ArgumentParser) -> None:
    """--allow-outside-data, of every verb that reads a model's soft-outcome data files."""
    p.add_argument(
        "--allow-outside-data", action="store_true", help="let a model read data files outside its own directory"
    )
