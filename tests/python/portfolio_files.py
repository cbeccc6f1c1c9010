"""Member lines of a portfolio file for tests (tests/python/test_portfolio.py,
tests/python/test_portfolio_check.py): one member per model file, named after the file's first
letter (a.yaml -> organisation A), all in one period."""

from __future__ import annotations


def member_line(model: str, period: int = 2024) -> str:
    """``  - {organisation: A, period: 2024, model: a.yaml}`` and a newline."""
    return f"  - {{organisation: {model[0].upper()}, period: {period}, model: {model}}}\n"


def members(*models: str, period: int = 2024) -> str:
    """The member lines of ``models``, in their order."""
    return "".join(member_line(m, period) for m in models)
