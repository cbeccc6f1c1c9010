"""Benchmark: loading (parsing and validating) large model files, YAML and JSON.

Generates models with 1k, 10k and 100k outcomes, writes each as YAML (block
style, as people write it) and JSON, and times ``ic.load`` -- what
``impactchain validate`` does -- in a fresh subprocess per file, reporting the
wall time and the child's peak resident memory (resource.getrusage).
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_validate.py [sizes...]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

CHILD = r"""
import resource, sys, time
import impactchain as ic
t0 = time.perf_counter()
m = ic.load(sys.argv[1])
dt = time.perf_counter() - t0
assert len(m.outcomes) == int(sys.argv[2])
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BASELINE = r"""
import resource, sys
import impactchain
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def model(outcomes: int) -> dict:
    return {
        "impactchain": 1,
        "name": f"Benchmark with {outcomes} outcomes",
        "currency": "EUR",
        "price_year": 2024,
        "stakeholders": ["participants", {"id": "municipality", "name": "Gemeente"}],
        "chain": {
            "nodes": [
                {"id": "coaching", "level": "activity", "quantity": 40},
                {"id": "employed", "level": "outcome"},
            ],
            "edges": [{"from": "coaching", "to": "employed", "rate": {"triangular": [0.2, 0.3, 0.45]}}],
        },
        "outcomes": [
            {
                "id": f"o{i}",
                "stakeholder": "municipality",
                "quantity": {"uniform": [1, 3 + i % 7]},
                "proxy": {"value": 1000 + i, "currency": "EUR", "price_year": 2024, "source": "benchmark"},
                "deadweight": 0.25,
                "attribution": {"triangular": [0.1, 0.2, 0.3]},
                "drop_off": 0.3,
                "duration": 3,
            }
            for i in range(outcomes)
        ],
    }


def run(code: str, *args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=os.environ
    )
    return out.stdout.split()


def main(sizes: list[int]) -> None:
    base_kib = int(run(BASELINE)[0])
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    print(f"baseline: `import impactchain` alone peaks at {base_kib / 1024:.0f} MiB")
    print(f"{'outcomes':>9} {'format':>6} {'file MiB':>9} {'load s':>8} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            data = model(n)
            files = {
                "yaml": Path(tmp, f"m{n}.yaml"),
                "json": Path(tmp, f"m{n}.json"),
            }
            files["yaml"].write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
            files["json"].write_text(json.dumps(data, indent=1), encoding="utf-8")
            for fmt, path in files.items():
                seconds, peak_kib = run(CHILD, str(path), str(n))
                size = path.stat().st_size / 2**20
                print(f"{n:>9} {fmt:>6} {size:>9.1f} {float(seconds):>8.2f} {int(peak_kib) / 1024:>9.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10_000, 100_000])
