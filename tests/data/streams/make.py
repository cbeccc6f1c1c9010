"""Writes the record of each random stream version, beside this file.

    PYTHONPATH=python:<build>/pkg python3 tests/data/streams/make.py

``stream_v<version>.json`` holds what ``ic.simulate(..., stream_version=<version>)`` draws for ``every_family.json`` (uncertain
parameters of every distribution family and sampling method a model file reaches: discrete,
triangular, uniform, PERT, beta, lognormal and normal; a model file's normals are truncated, as
its fields are bounded, so they are drawn by inversion, not by the ziggurat) at one seed: each
parameter's first draws, its smallest and largest of all draws (the tails: the far-tail bits
come from a second stream) and its mean, and the summaries of the valuation's outputs. It is the
one file of numbers the code itself produced, and it guards a promise, not correctness: a seed
gives the same numbers in every later release (docs/uncertainty.md, "Random numbers and
reproducibility"). tests/python/test_random_stream.py recomputes it on every run.

A record is written once and never rewritten: a release that changes the stream keeps the old
one reachable (``stream_version=``) and writes the new stream's record beside the old ones.
``stream_v1.json`` was written before streams had versions, so it names none; the later ones
name theirs.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MODEL = HERE / "every_family.json"
SEED, DRAWS, FIRST = 20241204, 200_000, 16
OUTPUTS = ("present_value", "investment_pv", "npv", "sroi_ratio")
#: Every choice the outputs depend on, given here rather than taken from the defaults, so that a
#: later default cannot change the record's numbers (the stream is what the record guards).
OPTIONS = {
    "level": 0.95,
    "adjustments": "multiplicative",
    "discount_first_year": True,
    "discount_investments": False,
    "drop_off_start": "second_year",
    "long_duration_years": 1.0,
}


#: The stream versions there are, each with its record.
VERSIONS = (1, 2)


def record(threads: int = 1, version: int = 1) -> dict[str, Any]:
    """What stream ``version`` gives for MODEL at SEED: plain floats (JSON keeps every bit of a
    double)."""
    import impactchain as ic

    r = ic.simulate(
        MODEL,
        draws=DRAWS,
        seed=SEED,
        threads=threads,
        keep_parameters=True,
        switching_values=False,
        stream_version=version,
        **OPTIONS,
    )
    assert r.parameters_array is not None
    parameters = {}
    for j, name in enumerate(r.parameter_names):
        col = r.parameters_array[:, j]
        parameters[name] = {
            "first": [float(x) for x in col[:FIRST]],
            "min": float(col.min()),
            "max": float(col.max()),
            "mean": math.fsum(col) / len(col),
        }
    outputs = {
        name: {"mean": s.mean, "lower": s.lower, "upper": s.upper}
        for name, s in r.summary_by_output.items()
        if name in OUTPUTS
    }
    named = {} if version == 1 else {"stream_version": version}  # see the docstring
    return {
        **named,
        "model": MODEL.name,
        "seed": SEED,
        "draws": DRAWS,
        "options": OPTIONS,
        "sampling_methods": dict(zip(r.parameter_names, r.sampling_methods)),
        "parameters": parameters,
        "outputs": outputs,
    }


def main() -> int:
    for version in VERSIONS:
        path = HERE / f"stream_v{version}.json"
        if path.exists():
            print(f"kept {path.name}: a stream's record is written once (see this script's docstring)")
            continue
        path.write_text(json.dumps(record(version=version), indent=1) + "\n")
        print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
