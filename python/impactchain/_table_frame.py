"""A result's ``table`` property: a DataFrame that still answers ``r.table()``."""

from __future__ import annotations

from typing import Callable

import pandas as pd

from impactchain._result import deprecated

__all__ = ["TableFrame"]


class TableFrame(pd.DataFrame):
    """A result's ``table``: a plain DataFrame that can still be called as ``r.table()``
    (the method form of earlier releases) with a DeprecationWarning. Every pandas
    operation on it returns a plain DataFrame."""

    @property
    def _constructor(self) -> Callable[..., pd.DataFrame]:
        return pd.DataFrame

    def __call__(self) -> TableFrame:
        deprecated("calling a result's table, r.table()", "the property r.table")
        return self
