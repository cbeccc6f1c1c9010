"""Writes pickles of result objects at the current pickle version, beside this file.

    PYTHONPATH=python:<build>/pkg python3 tests/data/pickles/make.py

Each ``<name>_v<version>.pkl`` is the pickle of ``BUILDERS[name]()`` with the
version of its class at the time it was written. The pickles are kept once
written: tests/python/test_result_contract.py loads every one and compares it
with a freshly computed result, so a later release must keep reading them. When
a result class changes its fields, raise its ``_version``, teach its
``_upgrade`` to read the older state and run this script to add the pickles of
the new version (the older files stay). ``written_with.json`` records the pandas
and numpy versions that wrote each file: a pickle of a frame or an array can be
read by the same or a later pandas/numpy, not by an earlier one, so the test
skips a file written by a newer pandas or numpy than the one installed. The pickles of value types of the core
in the same folder (model_basic_v1.pkl, …) are not written by this script.
"""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent


def _value() -> Any:
    import impactchain as ic

    return ic.value(DATA / "model_basic.json")


def _ids_as_names(r: Any) -> Any:
    """The result with each party of its ledger named by its id, as a pickle of before the
    parties' names (value version 3, simulation version 4 and earlier) reads."""
    import dataclasses

    if hasattr(r, "ledger_rows"):
        return dataclasses.replace(r, ledger_rows=tuple({**row, "name": row["party"]} for row in r.ledger_rows))
    return dataclasses.replace(r, ledger=r.ledger.assign(name=r.ledger["party"]))


def _value_v1() -> Any:
    """What a version-1 value pickle holds once read by this release: the same valuation, without
    the assumption that no leakage was deducted (version 1 had no leakage)."""
    import dataclasses

    r = _value_v2()
    return dataclasses.replace(r, assumptions=tuple(a for a in r.assumptions if a.code != "value.leakage_default"))


def _simulation() -> Any:
    import impactchain as ic

    return ic.simulate(DATA / "model_basic.json", draws=300, seed=7, threads=1)


def _without_loss_chance(r: Any) -> Any:
    """The result as a simulation pickle of before P(NPV < 0) was counted (version 6 and earlier)
    reads: NaN there."""
    import dataclasses

    return dataclasses.replace(r, p_npv_below_0=float("nan"))


def _without_currency(r: Any) -> Any:
    """The result as a simulation pickle of before the currency was recorded (version 5 and
    earlier) reads: no currency (and no P(NPV < 0))."""
    import dataclasses

    return dataclasses.replace(_without_loss_chance(r), currency=None)


def _simulation_v6() -> Any:
    """What a version-6 simulation pickle holds once read by this release: no P(NPV < 0)."""
    return _without_loss_chance(_simulation())


def _simulation_v5() -> Any:
    """What a version-5 simulation pickle holds once read by this release: no currency."""
    return _without_currency(_simulation())


def _simulation_v3() -> Any:
    """What a version-3 simulation pickle holds once read by this release: the same run from the
    random stream of its time (stream version 1; the stream_version argument given, so no
    default is noted among the assumptions, as then)."""
    import impactchain as ic

    run = ic.simulate(DATA / "model_basic.json", draws=300, seed=7, threads=1, stream_version=1)
    return _without_currency(_ids_as_names(run))


def _simulation_v1() -> Any:
    """What a version-1 simulation pickle holds once read by this release: the same run (stream
    version 1) at level 0.90, its interval the 5th to 95th percentile (the interval version 1
    showed)."""
    import dataclasses

    import impactchain as ic

    r = ic.simulate(DATA / "model_basic.json", draws=300, seed=7, threads=1, level=0.90, stream_version=1)
    summaries = {k: dataclasses.replace(s, lower=s.p05, upper=s.p95) for k, s in r.summary_by_output.items()}
    return dataclasses.replace(
        r, summary_by_output=summaries, ledger_rows=(), currency=None, p_npv_below_0=float("nan")
    )


def _simulation_v2() -> Any:
    """What a version-2 simulation pickle holds once read by this release: the same run (stream
    version 1), without the ledger per party (version 2 did not simulate it)."""
    import dataclasses

    return dataclasses.replace(_simulation_v3(), ledger_rows=())


def _value_v2() -> Any:
    """What a version-2 value pickle holds once read by this release: the same valuation, its ledger
    rebuilt from the stakeholder and funder tables (the parties that gain or pay)."""
    import dataclasses

    r = _value_v3()
    involved = (r.ledger["pays"] != 0) | (r.ledger["gains"] != 0)
    return dataclasses.replace(r, ledger=r.ledger[involved].reset_index(drop=True))


def _value_v3() -> Any:
    """What a version-3 value pickle holds once read by this release: the parties named by their ids."""
    return _ids_as_names(_value())


def _simulation_v4() -> Any:
    """What a version-4 simulation pickle holds once read by this release: the parties named by their
    ids, no currency."""
    return _without_currency(_ids_as_names(_simulation()))


def _alpha() -> Any:
    import impactchain as ic

    items = np.array([[1, 2, 3], [2, 2, 4], [3, 4, 4], [4, 5, 5], [2, 3, 3]], dtype=float)
    # Every argument given (the values version 1 took as defaults): a result's assumptions list
    # the defaults a call used, which a version-1 pickle did not record.
    return ic.cronbach_alpha(items, missing="pairwise", level=0.95)


def _bootstrap() -> Any:
    import impactchain as ic

    return ic.bootstrap_mean(
        [3.0, 5.0, 4.0, 8.0, 6.0, 7.0], seed=11, resamples=200, method="bca", level=0.95, threads=0
    )  # every argument given, as in _alpha


def _psa() -> Any:
    import impactchain as ic

    rng = np.random.default_rng(3)
    costs = rng.normal([100.0, 150.0], 10.0, size=(50, 2))
    effects = rng.normal([1.0, 1.4], 0.2, size=(50, 2))
    return ic.psa(costs, effects, ["status quo", "coaching"], reference="status quo", threads=1)


#: Name of the pickle -> how to compute the result it holds.
BUILDERS: dict[str, Callable[[], Any]] = {
    "value_result": _value,
    "simulation_result": _simulation,
    "alpha_result": _alpha,
    "bootstrap_ci": _bootstrap,
    "psa_result": _psa,
}


#: Pickles of an older version whose numbers a later release changed -> the fresh result
#: that such a pickle equals once read (its ``_upgrade`` says how the old fields map).
OLDER: dict[str, Callable[[], Any]] = {
    "value_result_v1": _value_v1,
    "value_result_v2": _value_v2,
    "value_result_v3": _value_v3,
    "simulation_result_v1": _simulation_v1,
    "simulation_result_v2": _simulation_v2,
    "simulation_result_v3": _simulation_v3,
    "simulation_result_v4": _simulation_v4,
    "simulation_result_v5": _simulation_v5,
    "simulation_result_v6": _simulation_v6,
}


def builder(file_name: str) -> Callable[[], Any]:
    """How to compute the result a pickle file (``<name>_v<version>.pkl``) must equal."""
    stem = file_name.rsplit(".", 1)[0]
    return OLDER.get(stem, BUILDERS[stem.rsplit("_v", 1)[0]])


WRITTEN_WITH = HERE / "written_with.json"


def main() -> int:
    import pandas as pd

    written = json.loads(WRITTEN_WITH.read_text()) if WRITTEN_WITH.exists() else {}
    for name, build in BUILDERS.items():
        result = build()
        path = HERE / f"{name}_v{type(result)._version}.pkl"
        if path.exists():
            print(f"kept {path.name} (already written)")
            continue
        path.write_bytes(pickle.dumps(result, protocol=4))
        written[path.name] = {"pandas": pd.__version__, "numpy": np.__version__}
        print(f"wrote {path.name}")
    WRITTEN_WITH.write_text(json.dumps(written, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
