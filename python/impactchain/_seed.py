"""Checks of integer arguments shared by the seeded computations."""

from __future__ import annotations

from typing import Any

from impactchain import _core

MAX_SEED = 2**63 - 1

#: The newest random stream of a simulation (the core's): ``stream_version`` is 1 to this.
NEWEST_STREAM_VERSION = int(_core.newest_stream_version)


def _check_int(name: str, value: Any, low: int, high: int) -> int:
    import numpy as np  # here, not at the top: the command line reads MAX_SEED before any numpy is needed

    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    v = int(value)
    if not low <= v <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {v}")
    return v


def _check_seed(seed: Any) -> int:
    return _check_int("seed", seed, 0, MAX_SEED)


def check_stream_version(value: Any, name: str = "stream_version") -> int:
    """A simulation's random stream: an integer from 1 to the newest (docs/uncertainty.md, "Random streams")."""
    return _check_int(name, value, 1, NEWEST_STREAM_VERSION)
