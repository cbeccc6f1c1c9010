"""What tests/python/test_instruction_sets.py compares between processors: the whole result of
``ic.simulate`` on the model of every distribution family (tests/data/streams/every_family.json)
for each random stream version, with its kept draws and parameters as SHA-256 digests of their
bytes, and the processor features numpy sees (which instruction set the run could use).

    PYTHONPATH=python:<build>/pkg python3 tests/python/isa_record.py

prints the record as JSON. The test runs this script on the machine and under qemu-user as
processors without AVX-512 and without AVX: the vectorised code (table inversion, triangular and
uniform inverses, the normal quantile and its tails, Philox in vector lanes, the value plan's
years, the sketch's keys, the block moments) is compiled once per instruction set and chosen at
run time, and a seed must give the same numbers, bit for bit, whichever version ran.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

MODEL = Path(__file__).resolve().parents[1] / "data" / "streams" / "every_family.json"
SEED = 20261205
#: Exact quantiles and kept draws (200,000 draws), then the streamed sketch (above 10^6 draws).
KEPT_DRAWS, SKETCH_DRAWS = 200_000, 1_000_001
#: What numpy reports of the processor (numpy and impactchain read the same CPUID).
FEATURES = ("SSE42", "AVX", "FMA3", "AVX2", "AVX512F")


def _digest(column: Any) -> str:
    import numpy as np

    return hashlib.sha256(np.ascontiguousarray(column, dtype=np.float64).tobytes()).hexdigest()


def features() -> dict[str, bool]:
    """The processor features numpy found (False where it does not know the name)."""
    from numpy._core._multiarray_umath import __cpu_features__

    return {f: bool(__cpu_features__.get(f, False)) for f in FEATURES}


def record() -> dict[str, Any]:
    import impactchain as ic

    runs: dict[str, Any] = {}
    for version in (1, 2):
        r = ic.simulate(
            MODEL,
            draws=KEPT_DRAWS,
            seed=SEED,
            threads=2,
            keep_draws=True,
            keep_parameters=True,
            value_targets=(60_000.0,),
            sobol_draws=500,
            stream_version=version,
        )
        assert r.parameters_array is not None and r.draws_array is not None
        runs[f"stream {version}, {KEPT_DRAWS} draws"] = {
            "result": r.to_dict(),
            "parameters": {n: _digest(r.parameters_array[:, j]) for j, n in enumerate(r.parameter_names)},
            "draws": [_digest(r.draws_array[:, j]) for j in range(r.draws_array.shape[1])],
        }
    sketch = ic.simulate(MODEL, draws=SKETCH_DRAWS, seed=SEED, threads=2, switching_values=False)
    summary = sketch.to_dict()
    assert summary["quantile_method"] == "sketch", summary["quantile_method"]
    runs[f"stream {sketch.stream_version}, {SKETCH_DRAWS} draws"] = {"result": summary}
    return {"features": features(), "runs": runs}


if __name__ == "__main__":
    json.dump(record(), sys.stdout)
    sys.exit(0)
