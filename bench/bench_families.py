"""Benchmark: the Monte Carlo per distribution family, against the leanest numpy an analyst writes.

The model of bench_simulate (30 outcomes x 5 stakeholders, 5 investments, a discount rate: 217
uncertain parameters) in five variants: every assumption triangular; uniform/normal (normal for
quantities, proxies and investments, truncated at 0 as the model file requires, uniform for the rates in [0, 1], durations and the discount
rate); PERT (beta); lognormal (quantities, proxies and investments; a rate in [0, 1] cannot be
lognormal, so the adjustments, durations and discount rate stay uniform there, as stated in the
output); and bench_simulate's mix (triangular quantities, lognormal proxies, PERT adjustments).

The numpy reference draws the same distributions with numpy's Generator (chunks of 100,000
draws, float64) and sums each outcome's years in closed form, no loop over years: with
g = (1 - drop_off) / (1 + r) and m = floor(duration), an outcome's present value is
impact / (1 + r) * ((1 - g^m) / (1 - g) + (duration - m) g^m) -- the model's yearly sum
(year 1 discounted once, drop-off from year 2, a part-year weighted), checked here against
impactchain's mean (the difference is given in standard errors).

In-process: ic.simulate at DRAWS draws on 1 and 2 threads (after a warm-up) against the numpy
function, as users call it (defaults: with the ledger per party -- 10 parties, 30 more outputs
summarised -- and the switching values) and doing the numpy reference's work only (ledger=False,
switching_values=False), the latter also from the random stream of impactchain 0.2 (stream_version=1). Whole-process: `impactchain simulate MODEL --draws BIG --threads 1 --quiet` as a user
runs it, and with `--no-ledger --no-switching-values` (the reference's work), against
`python numpy_script` (imports and all), all from the parent's clock.

Run:  PYTHONPATH=python:build/<dir>/pkg python bench/bench_families.py [draws big [variant ...]]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

N_STAKEHOLDERS, PER_STAKEHOLDER, N_INVESTMENTS = 5, 6, 5
ADJUSTMENTS = ("deadweight", "displacement", "attribution", "drop_off")
#: (low, mode, high) of each adjustment, of the duration and of the discount rate
ADJ = {"deadweight": (0.05, 0.2, 0.5), "displacement": (0.0, 0.1, 0.3), "attribution": (0.1, 0.25, 0.6)}
ADJ["drop_off"] = (0.05, 0.2, 0.5)
DURATION, RATE = (1.0, 5.5, 10.0), (0.02, 0.035, 0.05)
VARIANTS = ("triangular", "uniform_normal", "pert", "lognormal", "mix")


def _around(x: float, family: str, rel: float = 0.25) -> dict:
    """A positive value (quantity, proxy, investment) around x in the family."""
    if family == "triangular":
        return {"triangular": [(1 - rel) * x, x, (1 + rel) * x]}
    if family == "uniform_normal":
        # Truncated at 0, as the model file requires of a quantity; 0 lies 8 SDs below the mean,
        # so numpy's untruncated normal differs from it by less than 1e-15 in probability.
        return {"normal": {"mean": x, "sd": rel * x / 2, "lower": 0}}
    if family == "pert":
        return {"pert": [(1 - rel) * x, x, (1 + rel) * x]}
    return {"lognormal": {"meanlog": float(np.log(x)), "sdlog": rel}}


def _bounded(lmh: tuple[float, float, float], family: str) -> dict:
    """A rate, duration or discount rate between its low and high in the family."""
    lo, mode, hi = lmh
    if family == "triangular":
        return {"triangular": [lo, mode, hi]}
    if family == "pert":
        return {"pert": [lo, mode, hi]}
    return {"uniform": [lo, hi]}  # uniform_normal, and lognormal (a rate cannot be lognormal)


def make_model(variant: str) -> dict:
    g = np.random.default_rng(1)
    outcomes = []
    for s in range(N_STAKEHOLDERS):
        for k in range(PER_STAKEHOLDER):
            q, p = float(g.integers(20, 200)), float(g.integers(200, 5000))
            fam_q = "triangular" if variant == "mix" else variant
            fam_p = "lognormal" if variant == "mix" else variant
            fam_a = "pert" if variant == "mix" else variant
            o = {
                "id": f"o{s}_{k}",
                "stakeholder": f"s{s}",
                "quantity": _around(q, fam_q),
                "proxy": {"value": _around(p, fam_p), "currency": "EUR", "price_year": 2024, "source": "benchmark"},
                "duration": _bounded(DURATION, "uniform_normal" if variant == "mix" else variant),
            }
            for a in ADJUSTMENTS:
                o[a] = _bounded(ADJ[a], fam_a)
            outcomes.append(o)
    fam_r = "pert" if variant == "mix" else variant
    return {
        "impactchain": 1,
        "name": f"benchmark 30x5, {variant}",
        "currency": "EUR",
        "price_year": 2024,
        "period": {"start": 2024, "end": 2024},
        "stakeholders": [f"s{s}" for s in range(N_STAKEHOLDERS)],
        "discount": {"rate": _bounded(RATE, fam_r)},
        "investments": [
            {
                "funder": f"f{i}",
                "amount": _around(200000.0, "uniform_normal" if variant == "mix" else variant),
                "year": 0,
            }
            for i in range(N_INVESTMENTS)
        ],
        "outcomes": outcomes,
    }


# ----------------------------------------------------------------------------- the numpy reference
# Written as a script so that the whole-process case runs exactly what the in-process case times.
NUMPY_SCRIPT = r'''
import json, sys, time
import numpy as np

def draw(rng, specs, n):
    """One column per spec: n draws of each, in the spec's family (all specs of one family)."""
    kind = next(iter(specs[0]))
    if kind == "triangular":
        a = np.array([s["triangular"] for s in specs])
        return rng.triangular(a[:, 0], a[:, 1], a[:, 2], size=(n, len(specs)))
    if kind == "uniform":
        a = np.array([s["uniform"] for s in specs])
        return rng.uniform(a[:, 0], a[:, 1], size=(n, len(specs)))
    if kind == "normal":
        mean = np.array([s["normal"]["mean"] for s in specs])
        sd = np.array([s["normal"]["sd"] for s in specs])
        return rng.normal(mean, sd, size=(n, len(specs)))
    if kind == "lognormal":
        ml = np.array([s["lognormal"]["meanlog"] for s in specs])
        sl = np.array([s["lognormal"]["sdlog"] for s in specs])
        return rng.lognormal(ml, sl, size=(n, len(specs)))
    a = np.array([s["pert"] for s in specs])  # PERT: lo + (hi - lo) Beta(1 + 4 (m - lo)/r, 1 + 4 (hi - m)/r)
    r = a[:, 2] - a[:, 0]
    return a[:, 0] + r * rng.beta(1 + 4 * (a[:, 1] - a[:, 0]) / r, 1 + 4 * (a[:, 2] - a[:, 1]) / r, size=(n, len(specs)))

def simulate(model, draws, seed, chunk=100_000):
    rng = np.random.default_rng(seed)
    outs = model["outcomes"]
    s1 = s2 = 0.0
    above = 0
    done = 0
    while done < draws:
        n = min(chunk, draws - done)
        impact = draw(rng, [o["quantity"] for o in outs], n) * draw(rng, [o["proxy"]["value"] for o in outs], n)
        for a in ("deadweight", "displacement", "attribution"):
            impact *= 1 - draw(rng, [o[a] for o in outs], n)
        keep = 1 - draw(rng, [o["drop_off"] for o in outs], n)
        dur = draw(rng, [o["duration"] for o in outs], n)
        disc = 1 / (1 + draw(rng, [model["discount"]["rate"]], n))
        g = keep * disc
        m = np.floor(dur)
        gm = g ** m
        pv = (impact * disc * ((1 - gm) / (1 - g) + (dur - m) * gm)).sum(axis=1)
        ratio = pv / draw(rng, [i["amount"] for i in model["investments"]], n).sum(axis=1)
        s1 += ratio.sum()
        s2 += (ratio * ratio).sum()
        above += int((ratio > 1).sum())
        done += n
    mean = s1 / draws
    return {"ratio_mean": mean, "ratio_sd": float(np.sqrt((s2 - draws * mean * mean) / (draws - 1))),
            "p_ratio_above_1": above / draws}

if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        model = json.load(f)
    print(json.dumps(simulate(model, int(sys.argv[2]), 1)))
'''

CLI = "import sys; from impactchain.cli import main; sys.exit(main(sys.argv[1:]))"


def whole_process(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, check=True, env=os.environ)
    return time.perf_counter() - t


def timed(f):
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def main() -> None:
    import impactchain as ic

    args = sys.argv[1:]
    draws = int(args[0]) if args else 1_000_000
    big = int(args[1]) if len(args) > 1 else 10_000_000
    variants = args[2:] or list(VARIANTS)
    out: dict = {"cpu": cpu_model(), "cpus": os.cpu_count(), "numpy": np.__version__, "draws": draws, "big": big}
    out["load_average_at_start"] = os.getloadavg()
    ns: dict = {}
    exec(compile(NUMPY_SCRIPT, "numpy_reference", "exec"), ns)  # the same function the script runs
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "numpy_reference.py"
        script.write_text(NUMPY_SCRIPT, encoding="utf-8")
        for v in variants:
            model = make_model(v)
            path = Path(tmp) / f"{v}.json"
            path.write_text(json.dumps(model), encoding="utf-8")
            m = ic.load(path)
            ic.simulate(m, draws=1000, seed=1, threads=1)  # warm-up
            t1, r1 = timed(lambda m=m: ic.simulate(m, draws=draws, seed=1, threads=1))
            t2, r2 = timed(lambda m=m: ic.simulate(m, draws=draws, seed=1, threads=2))
            # The numpy reference's computation only: no ledger per party, no switching values.
            lean = {"ledger": False, "switching_values": False}
            t1_lean, _ = timed(lambda m=m, lean=lean: ic.simulate(m, draws=draws, seed=1, threads=1, **lean))
            t2_lean, _ = timed(lambda m=m, lean=lean: ic.simulate(m, draws=draws, seed=1, threads=2, **lean))
            # The same work from the stream of impactchain 0.2 and earlier (stream_version=1).
            t1_old, _ = timed(
                lambda m=m, lean=lean: ic.simulate(m, draws=draws, seed=1, threads=1, stream_version=1, **lean)
            )
            tn, ref = timed(lambda model=model: ns["simulate"](model, draws, 1))
            s = r1.summary_of("sroi_ratio")
            row = {
                "variant": v,
                "uncertain_parameters": len(r1.parameter_names),
                "in_process_numpy_s": tn,
                "in_process_1_thread_s": t1,
                "in_process_2_threads_s": t2,
                "ratio_numpy_over_1_thread": tn / t1,
                "ratio_1_over_2_threads": t1 / t2,
                "in_process_same_work_1_thread_s": t1_lean,
                "in_process_same_work_2_threads_s": t2_lean,
                "ratio_numpy_over_same_work_1_thread": tn / t1_lean,
                "ratio_same_work_1_over_2_threads": t1_lean / t2_lean,
                "in_process_same_work_1_thread_stream_1_s": t1_old,
                "ratio_numpy_over_same_work_1_thread_stream_1": tn / t1_old,
                "identical_1_2_threads": r1.to_dict()["sroi_ratio"] == r2.to_dict()["sroi_ratio"],
                "mean_diff_in_se": (s.mean - ref["ratio_mean"]) / (s.sd / np.sqrt(draws)),
                "sd_cpp": s.sd,
                "sd_numpy": ref["ratio_sd"],
            }
            if big > 0:
                cli = [
                    "-c", CLI, "simulate", str(path), "--draws", str(big), "--seed", "1", "--threads", "1", "--quiet",
                ]  # fmt: skip
                row["whole_process_1_thread_s"] = whole_process(cli)
                # The reference's work from the command line: the four outputs, no ledger, no switching values.
                lean_cli = [*cli, "--no-ledger", "--no-switching-values"]
                row["whole_process_same_work_1_thread_s"] = whole_process(lean_cli)
                row["whole_process_numpy_s"] = whole_process([str(script), str(path), str(big)])
                row["whole_process_ratio"] = row["whole_process_numpy_s"] / row["whole_process_1_thread_s"]
                row["whole_process_same_work_ratio"] = (
                    row["whole_process_numpy_s"] / row["whole_process_same_work_1_thread_s"]
                )
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
    out["variants"] = rows
    out["load_average_at_end"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
