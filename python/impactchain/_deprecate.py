"""Old keyword spellings kept for one release (0.2.x) with a DeprecationWarning."""

from __future__ import annotations

import warnings
from typing import Any


class _Unset:
    """The default of an old keyword name: shown as ``<deprecated>`` in signatures and docs/api.md."""

    def __repr__(self) -> str:
        return "<deprecated>"


#: Marks an old keyword that was not given.
UNSET: Any = _Unset()


class renamed_attribute:
    """A read-only attribute kept under its old name for one release: ``ci_level =
    renamed_attribute("level")`` in a class reads ``level`` with a DeprecationWarning."""

    def __init__(self, new: str) -> None:
        self.new = new
        self.old = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.old = name

    def __get__(self, obj: Any, owner: type) -> Any:
        if obj is None:
            return self
        warnings.warn(
            f"{owner.__name__}.{self.old} is deprecated, use .{self.new} (goes in 0.3.0)",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(obj, self.new)


def renamed(func: str, old: str, new: str, old_value: Any, new_value: Any) -> Any:
    """The value of keyword ``new``, or of its old name ``old`` (with a DeprecationWarning);
    both given is an error, since they could disagree."""
    if old_value is UNSET:
        return new_value
    if new_value is not None:
        raise TypeError(f"{func}() got both {new}= and its old name {old}=; give {new}= only")
    warnings.warn(
        f"{func}(): {old}= is deprecated, use {new}= (the old keyword goes in 0.3.0)", DeprecationWarning, stacklevel=3
    )
    return old_value
