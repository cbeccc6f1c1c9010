"""pandas only when something has imported it already.

A value can be a pandas object only when pandas is imported: a check for one (``json_ready``,
``fmt_value``, the equality of results) asks :func:`loaded_pandas` instead of importing pandas,
so that a command that never makes a DataFrame (``impactchain value``, ``validate``) never pays
for its import (docs/performance.md, "Start-up").
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Optional

__all__ = ["loaded_pandas"]


def loaded_pandas() -> Optional[ModuleType]:
    """The pandas module when it has been imported, else None (then no value is a pandas object)."""
    return sys.modules.get("pandas")
