"""Benchmark: what the exact quantiles cost in a Monte Carlo run of 10^6 draws.

The rule (docs/uncertainty.md): up to 10^6 draws every reported output's draws are kept during
the run and its quantiles are exact type-7 order statistics. This script measures their cost on
bench_families' model (30 outcomes x 5 stakeholders, 10 parties) in each distribution family:
``ic.simulate`` at 10^6 draws with its defaults (the ledger per party: 34 outputs with exact
quantiles) against the same run with the parties' 30 ledger outputs summarised by moments only
(``SimulateOptions.ledger_quantiles = False``: their draws are neither kept nor selected). The
difference is the cost of keeping and selecting 30 outputs; scaled to all 34, it is the share of
the run the quantile rule costs. Runs alternate (min of REPEATS each) so that both see the same
load; switching values off in both (they do not depend on the rule).

Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_quantiles.py [draws [repeats [variant ...]]]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench_families import VARIANTS, make_model  # bench/ is on sys.path when run as a script
from machine import cpu_model


def main() -> None:
    import impactchain as ic
    from impactchain import _core

    args = sys.argv[1:]
    draws = int(args[0]) if args else 1_000_000
    repeats = int(args[1]) if len(args) > 1 else 3
    variants = args[2:] or list(VARIANTS)
    out: dict = {"cpu": cpu_model(), "cpus": os.cpu_count(), "draws": draws, "repeats": repeats}
    out["load_average_at_start"] = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for v in variants:
            path = Path(tmp) / f"{v}.json"
            path.write_text(json.dumps(make_model(v)), encoding="utf-8")
            core = ic.load(path)  # the core's Model

            def run(threads: int, ledger_quantiles: bool, core=core) -> tuple[float, object]:
                o = _core.SimulateOptions()
                o.draws, o.seed, o.threads, o.switching_values = draws, 1, threads, False
                o.ledger_quantiles = ledger_quantiles
                t = time.perf_counter()
                sim = _core.simulate_model(core, o)
                return time.perf_counter() - t, sim

            run(1, True)  # warm-up
            for threads in (1, 2):
                full, lean = [], []
                for _ in range(repeats):
                    full.append(run(threads, True)[0])
                    lean.append(run(threads, False)[0])
                _, sim = run(threads, True)
                quantiled = len(sim.result.summaries) + 3 * len(sim.ledger)
                per_output = (min(full) - min(lean)) / (3 * len(sim.ledger))
                rows.append(
                    {
                        "variant": v,
                        "threads": threads,
                        "outputs_with_quantiles": quantiled,
                        "seconds_defaults": round(min(full), 3),
                        "seconds_ledger_moments_only": round(min(lean), 3),
                        "seconds_per_output_kept_and_selected": round(per_output, 4),
                        "quantile_share_of_run": round(per_output * quantiled / min(full), 3),
                    }
                )
    out["rows"] = rows
    out["load_average_at_end"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
