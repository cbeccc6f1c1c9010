"""Benchmark: the bundled demo end to end, as a user runs it.

Times ``impactchain demo`` (six models valued, simulated at the default 5,000 draws,
compared, and the report written) in a fresh process per run, so the import of
impactchain and matplotlib counts, for: the default files (HTML, Markdown, JSON in
English), the README's command (``--lang nl,en``, each file in Dutch and English), and
the same with the PDF (``--format html,md,json,pdf``; needs WeasyPrint). Reports the
wall time of each (best of ``--repeat`` runs) and the machine's load average before it.
Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_demo.py [--repeat N] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

CASES = {
    "default (html, md, json; English)": [],
    "--lang nl,en (README)": ["--lang", "nl,en"],
    "--lang nl,en --format html,md,json,pdf": ["--lang", "nl,en", "--format", "html,md,json,pdf"],
}


def run(args: list[str]) -> float:
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "impactchain", "demo", "-o", out + "/", "--quiet", *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per case; the best is reported")
    ap.add_argument("--no-pdf", action="store_true", help="leave out the case that writes the PDF")
    a = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, {cpu_model()}; python {sys.version.split()[0]}")
    for name, args in CASES.items():
        if a.no_pdf and "pdf" in " ".join(args):
            continue
        load = os.getloadavg()[0]
        best = min(run(args) for _ in range(a.repeat))
        print(f"{name:45s} {best:6.1f} s   (load average before: {load:.1f})")


if __name__ == "__main__":
    main()
