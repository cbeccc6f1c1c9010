"""impactchain.simulate and rank_uncertainty (mirrors tests/cpp/test_simulate.cpp,
test_rank_uncertainty.cpp). Tolerances: 5 Monte Carlo standard errors (see the C++ tests)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import impactchain as ic
from impactchain.uncertainty import rank_uncertainty, simulate

# One outcome, Q ~ U(5, 15), proxy 100, no adjustments, 1 year, rate 0, investment 1000:
# PV = 100 Q (mean 1000, SD 1000/sqrt(12)), SROI = Q/10, P(SROI > 1) = 0.5, P(PV > 1200) = 0.3.
MODEL = {
    "impactchain": 1,
    "name": "hand",
    "currency": "EUR",
    "price_year": 2024,
    "discount": {"rate": 0.0},
    "investments": [{"funder": "municipality", "amount": 1000, "year": 0}],
    "outcomes": [
        {
            "id": "employed",
            "quantity": {"uniform": [5, 15]},
            "proxy": {"value": 100, "currency": "EUR", "price_year": 2024, "source": "hand"},
            "deadweight": 0,
            "displacement": 0,
            "attribution": 0,
            "drop_off": 0,
            "duration": 1,
        }
    ],
}


@pytest.fixture(scope="module")
def model():
    return ic.loads(json.dumps(MODEL))


def test_simulate_matches_hand_calculation(model):
    n = 100_000
    r = simulate(model, draws=n, seed=8, threads=2, value_targets=[1200], keep_draws=True, keep_parameters=True)
    sd = 1000 / math.sqrt(12)
    pv = r.summary_of("present_value")
    assert abs(pv.mean - 1000) <= 5 * sd / math.sqrt(n)
    assert abs(r.p_ratio_above_1 - 0.5) <= 5 * math.sqrt(0.25 / n)
    assert abs(r.value_targets[0]["probability"] - 0.3) <= 5 * math.sqrt(0.21 / n)
    assert r.draws_array.shape == (n, 4)
    assert r.parameters_array.shape == (n, 1)
    assert r.parameter_names == ("outcomes[employed].quantity",)
    # kept draws: exact quantiles equal numpy's default (linear) quantile
    assert pv.p95 == pytest.approx(np.quantile(r.draws_array[:, 0], 0.95), rel=1e-14)
    np.testing.assert_allclose(r.draws_array[:, 0], 100 * r.parameters_array[:, 0], rtol=1e-14)
    tor = r.tornado
    assert list(tor.columns[:7]) == ["output", "name", "low_value", "high_value", "output_low", "output_high", "swing"]
    assert tor[tor.output == "sroi_ratio"].swing.iloc[0] == pytest.approx(0.9)
    assert r.draws_frame.columns.tolist() == ["present_value", "investment_pv", "npv", "sroi_ratio"]


def test_to_dict_has_the_issue_keys_and_is_json(model):
    r = simulate(model, draws=2000, seed=3, sobol_draws=500)
    d = r.to_dict()
    for key in (
        "draws",
        "seed",
        "sroi_ratio",
        "present_value",
        "p_ratio_above_1",
        "nonfinite_draws",
        "tornado",
        "sobol",
    ):
        assert key in d
    for key in ("mean", "sd", "p05", "p50", "p95"):
        assert key in d["sroi_ratio"] and key in d["present_value"]
    assert d["draws"] == 2000 and d["seed"] == 3
    json.dumps(d, allow_nan=False)
    assert "P(SROI ratio > 1)" in str(r.summary())
    assert "<table>" in r._repr_html_()
    assert set(r.sobol.columns) >= {"name", "first", "total"}


def test_same_seed_is_bit_identical_for_any_thread_count(model):
    a = simulate(model, draws=30_001, seed=42, threads=1).to_dict()
    for t in (2, 4):
        b = simulate(model, draws=30_001, seed=42, threads=t).to_dict()
        assert a["sroi_ratio"] == b["sroi_ratio"] and a["present_value"] == b["present_value"]
        assert a["p_ratio_above_1"] == b["p_ratio_above_1"]


def test_nonfinite_draws_are_counted():
    m = dict(MODEL, investments=[])
    r = simulate(ic.loads(json.dumps(m)), draws=500, seed=1, switching_values=False)
    assert r.nonfinite_draws == 500
    assert r.summary_of("sroi_ratio").nonfinite == 500
    assert r.to_dict()["p_ratio_above_1"] is None
    assert any("no investment" in w for w in r.warnings)


def test_simulate_bad_input(model):
    with pytest.raises(ValueError, match="draws must be an integer in"):
        simulate(model, draws=0, seed=1)
    with pytest.raises(ValueError, match="seed must be an integer in"):
        simulate(model, draws=10, seed=-1)
    with pytest.raises(ValueError, match="seed must be an integer in"):
        simulate(model, draws=10, seed=2**63)
    with pytest.raises(ValueError, match=r"tornado_range:? must be one of"):
        simulate(model, draws=10, seed=1, tornado_range="wide")
    m = dict(MODEL)
    m["outcomes"] = [dict(MODEL["outcomes"][0], deadweight={"uniform": [0, 0.5]})]
    mm = ic.loads(json.dumps(m))
    names = ["outcomes[employed].quantity", "outcomes[employed].deadweight"]
    with pytest.raises(ic.ValidationError, match=r"not positive semi-definite|diagonal must be 1"):
        simulate(mm, draws=10, seed=1, correlation=(names, [[1, 0.5], [0.5, 0.9]]))
    with pytest.raises(ic.ValidationError, match="unknown parameter 'nope'"):
        simulate(mm, draws=10, seed=1, correlation=(["nope", names[1]], np.eye(2)))
    r = simulate(mm, draws=20_000, seed=1, correlation=(names, [[1, 0.8], [0.8, 1]]), keep_parameters=True)
    x = r.parameters_frame
    assert x.corr(method="spearman").iloc[0, 1] == pytest.approx(0.8, abs=5 * 0.36 / math.sqrt(20_000))


def test_rank_uncertainty_matches_numpy_argsort():
    g = np.random.default_rng(5)
    X = np.round(g.random((80, 5)) * 20) / 20
    W = g.dirichlet(np.full(5, 10.0), size=400).T
    W /= W.sum(axis=0, keepdims=True)
    r = rank_uncertainty(X, W, top=[1, 10], threads=2)
    ranks = np.empty((80, 400), dtype=int)
    S = X @ W
    for d in range(400):
        ranks[np.argsort(-S[:, d], kind="stable"), d] = np.arange(1, 81)
    np.testing.assert_array_equal(r.rank_best, ranks.min(axis=1))
    np.testing.assert_array_equal(r.rank_worst, ranks.max(axis=1))
    np.testing.assert_array_equal(r.rank_median, np.quantile(ranks, 0.5, axis=1, method="lower"))
    np.testing.assert_array_equal(r.p_top[:, 1], (ranks <= 10).mean(axis=1))
    assert r.table.shape[0] == 80


def test_rank_uncertainty_generated_and_errors():
    X = np.random.default_rng(1).normal(size=(50, 4))
    a = rank_uncertainty(X, [1, 1, 2, 0], draws=300, seed=9, threads=1)
    b = rank_uncertainty(X, [1, 1, 2, 0], draws=300, seed=9, threads=3)
    np.testing.assert_array_equal(a.score_p50, b.score_p50)
    assert a.mean_weights[3] == 0
    with pytest.raises(ValueError, match="seed must be an integer"):
        rank_uncertainty(X, [1, 1, 1, 1], seed=-3)
    with pytest.raises(ic.ValidationError, match="one weight per indicator"):
        rank_uncertainty(X, [1, 1, 1])
    with pytest.raises(ic.ValidationError, match="must sum to 1"):
        rank_uncertainty(X, np.full((4, 3), 0.3))
    with pytest.raises(ValueError, match="weight_model must be"):
        rank_uncertainty(X, [1, 1, 1, 1], weight_model="normal")


@pytest.mark.parametrize("weight_model", ["dirichlet", "uniform"])
def test_rank_uncertainty_reference_is_the_nominal_composite_at_the_central_weights(weight_model):
    # Weights drawn around w = [1, 1, 2, 0] / 4: the reference is X @ w (what the composite gives
    # without uncertainty), whatever the seed and the number of draws; numpy's stable argsort of
    # -score gives its ranks. The mean of the drawn weights is not w exactly, and is not used.
    X = np.random.default_rng(1).normal(size=(50, 4))
    w = np.array([1.0, 1.0, 2.0, 0.0]) / 4
    runs = [
        rank_uncertainty(X, [1, 1, 2, 0], draws=d, seed=s, threads=1, weight_model=weight_model)
        for d, s in ((300, 9), (1000, 4))
    ]
    for r in runs:
        np.testing.assert_allclose(r.reference_score, X @ w, rtol=1e-12, atol=1e-12)
        ranks = np.empty(50, dtype=int)
        ranks[np.argsort(-(X @ w), kind="stable")] = np.arange(1, 51)
        np.testing.assert_array_equal(r.reference_rank, ranks)
    assert not np.array_equal(runs[0].mean_weights, w)  # the draws' mean moves with the seed
    # Given draws have no centre: the reference is at their mean.
    W = np.random.default_rng(2).dirichlet([2, 2, 2, 2], size=40).T
    g = rank_uncertainty(X, W, threads=1)
    np.testing.assert_allclose(g.reference_score, X @ W.mean(axis=1), rtol=1e-12, atol=1e-12)


def test_rank_uncertainty_normalisation_and_aggregation_choices_match_numpy():
    # Raw indicators; indicator "b" is lower-is-better. Each draw picks min-max to [1, 100] or rank
    # normalisation (scipy's average ranks, 1 = worst) and the arithmetic or geometric mean. Oracle:
    # numpy per draw with the recorded choice; the choice frequencies are checked separately.
    import pandas as pd
    from scipy.stats import rankdata

    g = np.random.default_rng(8)
    raw = pd.DataFrame(g.uniform(1, 50, size=(30, 4)), columns=["a", "b", "c", "d"])
    direction = np.array([1, -1, 1, 1])
    D = 2000
    W = g.dirichlet(np.full(4, 5.0), size=D).T
    W /= W.sum(axis=0, keepdims=True)
    r = rank_uncertainty(
        raw,
        W,
        seed=4,
        threads=2,
        top=[1, 5],
        normalisations=["minmax", "rank"],
        aggregations=["arithmetic", "geometric"],
        directions=direction,
        minmax_range=(1, 100),
    )
    assert r.normalisation_choices == ("minmax", "rank") and r.aggregation_choices == ("arithmetic", "geometric")
    assert r.choice_draws.sum() == D
    assert np.all(np.abs(r.choice_draws - D / 4) <= 5 * math.sqrt(D * 3 / 16))
    assert r.choice_table.loc["rank", "geometric"] == r.choice_draws[1, 1]
    x = raw.to_numpy() * direction
    minmax = 1 + (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0)) * 99
    ranked = np.column_stack([rankdata(x[:, j]) for j in range(4)])
    norm = [minmax, ranked]
    ranks = np.empty((30, D), dtype=int)
    for d in range(D):
        c = int(r.draw_choice[d])
        n = norm[c // 2]
        s = n @ W[:, d] if c % 2 == 0 else np.exp(np.log(n) @ W[:, d])
        ranks[np.argsort(-s, kind="stable"), d] = np.arange(1, 31)
    np.testing.assert_array_equal(r.rank_best, ranks.min(axis=1))
    np.testing.assert_array_equal(r.rank_worst, ranks.max(axis=1))
    np.testing.assert_array_equal(r.rank_median, np.quantile(ranks, 0.5, axis=1, method="lower"))
    np.testing.assert_array_equal(r.p_top[:, 1], (ranks <= 5).mean(axis=1))
    b = rank_uncertainty(
        raw,
        W,
        seed=4,
        threads=1,
        top=[1, 5],
        normalisations=["minmax", "rank"],
        aggregations=["arithmetic", "geometric"],
        directions=direction,
        minmax_range=(1, 100),
    )
    np.testing.assert_array_equal(b.draw_choice, r.draw_choice)
    np.testing.assert_array_equal(b.score_p50, r.score_p50)


def test_rank_uncertainty_choices_bad_input():
    X = np.array([[1.0, -2.0], [2.0, 3.0], [3.0, 1.0], [4.0, 5.0]])
    with pytest.raises(ic.ValidationError, match="geometric aggregation after 'zscore' normalisation is undefined"):
        rank_uncertainty(X, [1, 1], draws=10, top=[1], normalisations=["zscore"], aggregations=["geometric"])
    with pytest.raises(ic.ValidationError, match="'goalposts' is not supported as an uncertain choice"):
        rank_uncertainty(X, [1, 1], draws=10, top=[1], normalisations=["goalposts"])
    with pytest.raises(ic.ValidationError, match="normalisation: must be one of"):
        rank_uncertainty(X, [1, 1], draws=10, top=[1], normalisations=["softmax"])
    with pytest.raises(ic.ValidationError, match="'harmonic' is not supported as an uncertain choice"):
        rank_uncertainty(X, [1, 1], draws=10, top=[1], aggregations=["harmonic"])
    with pytest.raises(ic.ValidationError, match="one direction per indicator"):
        rank_uncertainty(X, [1, 1], draws=10, top=[1], normalisations=["minmax"], directions=[1])


@pytest.mark.parametrize("stream_version", [1, 2])
def test_sampled_parameters_follow_their_distributions_scipy_oracle(stream_version):
    # Each parameter's kept draws against scipy's CDF (Kolmogorov-Smirnov, 200,000 draws: a CDF
    # error of about 0.4 % would fail at p < 1e-3), including the table-inversion samplers (PERT,
    # beta, lognormal; docs/uncertainty.md) and the truncated normal, in both random streams.
    # PERT(lo, m, hi) = lo + (hi - lo) Beta(1 + 4(m - lo)/r, 1 + 4(hi - m)/r), r = hi - lo (Vose 2008).
    from scipy import stats

    m = {
        "impactchain": 1,
        "name": "shapes",
        "currency": "EUR",
        "price_year": 2024,
        "discount": {"rate": 0.0},
        "investments": [{"funder": "f", "amount": {"uniform": [900, 1100]}, "year": 0}],
        "outcomes": [
            {
                "id": "o",
                "quantity": {"triangular": [10, 14, 30]},
                "proxy": {
                    "value": {"lognormal": {"meanlog": 5.0, "sdlog": 0.8}},
                    "currency": "EUR",
                    "price_year": 2024,
                    "source": "test",
                },
                "deadweight": {"pert": [0.05, 0.1, 0.6]},
                "displacement": {"beta": [0.6, 2.5, 0.0, 0.5]},
                "attribution": {"pert": [0.0, 0.45, 0.5]},
                # No effect on a one-year outcome's value; its upper tail reaches AS241's tail formula.
                "drop_off": {"normal": {"mean": 0.2, "sd": 0.15, "lower": 0, "upper": 1}},
                "duration": 1,
            }
        ],
    }
    r = simulate(
        ic.loads(json.dumps(m)),
        draws=200_000,
        seed=21,
        threads=2,
        keep_parameters=True,
        keep_draws=True,
        stream_version=stream_version,
    )
    assert r.stream_version == stream_version
    p = {n: r.parameters_array[:, j] for j, n in enumerate(r.parameter_names)}

    def pert(lo, mode, hi):
        return stats.beta(1 + 4 * (mode - lo) / (hi - lo), 1 + 4 * (hi - mode) / (hi - lo), loc=lo, scale=hi - lo)

    oracles = {
        "outcomes[o].quantity": stats.triang((14 - 10) / 20, loc=10, scale=20),
        "outcomes[o].proxy.value": stats.lognorm(0.8, scale=math.exp(5.0)),
        "outcomes[o].deadweight": pert(0.05, 0.1, 0.6),
        "outcomes[o].displacement": stats.beta(0.6, 2.5, loc=0.0, scale=0.5),
        "outcomes[o].attribution": pert(0.0, 0.45, 0.5),
        "investments[0].amount": stats.uniform(900, 200),
        "outcomes[o].drop_off": stats.truncnorm(-0.2 / 0.15, 0.8 / 0.15, loc=0.2, scale=0.15),
    }
    assert set(oracles) == set(p)
    for name, dist in oracles.items():
        assert stats.kstest(p[name], dist.cdf).pvalue > 1e-3, name
        lo, hi = dist.support()
        assert p[name].min() >= lo and p[name].max() <= hi, name
    # The outputs are the value plan at those parameters (PV = Q P (1-DW)(1-DS)(1-AT), 1 year, rate 0).
    pv = (
        p["outcomes[o].quantity"]
        * p["outcomes[o].proxy.value"]
        * (1 - p["outcomes[o].deadweight"])
        * (1 - p["outcomes[o].displacement"])
        * (1 - p["outcomes[o].attribution"])
    )
    np.testing.assert_allclose(r.draws_array[:, 0], pv, rtol=1e-13)


# --- Ctrl-C: long native runs stop promptly with KeyboardInterrupt ---------------------------
# Each run starts in a child process, which prints "running" just before the long call; the
# test sends SIGINT a second later. Each call runs far longer than that second (switching
# values take time linear in the model, so their model is large: 60,000 outcomes, about
# 420,000 root searches, some seconds even on a fast machine); with the cancellation check
# the child ends with KeyboardInterrupt well within the timeout.

_MODEL = """
import json
import impactchain as ic
K = __K__  # outcomes, every assumption uncertain: about 7 K parameters, each searched for its switching value
model = {
    "impactchain": 1, "name": "many", "currency": "EUR", "price_year": 2024, "discount": {"rate": 0.035},
    "investments": [{"funder": "f", "amount": 1e6, "year": 0}],
    "outcomes": [{"id": f"o{k}", "quantity": {"uniform": [5, 15]},
                  "proxy": {"value": {"uniform": [40, 60]}, "currency": "EUR", "price_year": 2024, "source": "test"},
                  "deadweight": {"uniform": [0, 0.2]}, "displacement": {"uniform": [0, 0.1]},
                  "attribution": {"uniform": [0, 0.3]}, "drop_off": {"uniform": [0, 0.3]},
                  "duration": {"uniform": [1, 5]}} for k in range(K)],
}
model = ic.loads(json.dumps(model))
"""
_MODEL_3000 = _MODEL.replace("__K__", "3000")
_MODEL_60000 = _MODEL.replace("__K__", "60000")

_INTERRUPTED = {
    "simulate": _MODEL_3000
    + """
print("running", flush=True)
ic.simulate(model, draws=10**8, seed=1, switching_values=False)
""",
    "switching values": _MODEL_60000
    + """
print("running", flush=True)
ic.simulate(model, draws=1, seed=1, switching_values=True)
""",
    "value switching values": _MODEL_60000
    + """
print("running", flush=True)
ic.value(model)  # its own switching-value search
""",
    "distance travelled": """
import numpy as np
import impactchain as ic
x = np.linspace(0, 1, 100_000)
print("running", flush=True)
ic.distance_travelled(x, x * 1.5 + 0.5, seed=1, resamples=10**7)  # its bootstrap: 10^12 index draws
""",
    "bootstrap": """
import numpy as np
import impactchain as ic
x = np.linspace(0, 1, 100_000)
print("running", flush=True)
ic.bootstrap_mean(x, seed=1, resamples=10**7)  # 10^12 index draws
""",
}


@pytest.mark.parametrize("what", sorted(_INTERRUPTED))
def test_ctrl_c_stops_a_long_run_with_keyboard_interrupt(what):
    import os
    import signal
    import subprocess
    import sys
    import time

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    proc = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED[what] + '\nprint("finished", flush=True)\n'],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout.readline().strip() == "running"
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "finished" not in out
    assert proc.returncode in (1, -signal.SIGINT), err  # Python ends on KeyboardInterrupt by re-raising SIGINT
    assert err.rstrip().endswith("KeyboardInterrupt"), err


def test_ceilings_are_named_in_the_message(model):
    # The core checks its ceilings itself (C++ users get them too): call the literal binding,
    # past the Python argument checks.
    with pytest.raises(ic.ValidationError, match=r"draws: must be at most 1000000000, got 2000000000"):
        ic._core.simulate_model(model, _options(draws=2 * 10**9, seed=1))
    # 10^9 draws x 4 outputs x 8 bytes = 29.8 GiB of kept draws without the ledger ...
    with pytest.raises(
        ic.ValidationError,
        match=r"keep_draws: keeping 1000000000 draws of 4 outputs needs 29.8 GiB, "
        r"more than the ceiling of 2 GiB; do not keep the draws",
    ):
        ic._core.simulate_model(model, _options(draws=10**9, seed=1, keep_draws=True, ledger=False))
    # ... and (4 + 3 x 2 parties) outputs x 8 bytes = 74.5 GiB with it (gains, pays, net per party).
    with pytest.raises(ic.ValidationError, match=r"keeping 1000000000 draws of 10 outputs needs 74.5 GiB"):
        ic._core.simulate_model(model, _options(draws=10**9, seed=1, keep_draws=True))
    # Sobol: N (k + 2) evaluations with k = 1 uncertain parameter.
    with pytest.raises(
        ic.ValidationError,
        match=r"sobol_draws: the Sobol design needs sobol_draws x \(k \+ 2\) = "
        r"400000000 x 3 model evaluations, more than the ceiling of 1000000000",
    ):
        ic._core.simulate_model(model, _options(draws=10, seed=1, sobol_draws=4 * 10**8))
    with pytest.raises(ValueError, match=r"resamples"):
        ic.bootstrap_mean([1.0, 2.0, 3.0], seed=1, resamples=10**7 + 1)


def test_switching_values_are_never_nan_and_say_why_when_missing():
    # Proxy 100, quantity 5 (central of U(4, 6)), deadweight 0.1 (central of U(0, 0.2)), one year,
    # rate 0: PV = 100 x 5 x 0.9 = 450 against an investment of 1000. The ratio reaches 1 at
    # quantity 1000 / 90 = 10 / 0.9; no deadweight in [0, 1] lifts it above 500 / 1000.
    m = dict(MODEL)
    m["outcomes"] = [dict(MODEL["outcomes"][0], quantity={"uniform": [4, 6]}, deadweight={"uniform": [0, 0.2]})]
    mm = ic.loads(json.dumps(m))
    r = simulate(mm, draws=10, seed=1)
    q, d = "outcomes[employed].quantity", "outcomes[employed].deadweight"
    assert r.switching_values[q] == pytest.approx(10 / 0.9, rel=1e-9)  # deadweight central 0.1: 100 Q 0.9 = 1000
    assert q not in r.switching_notes
    assert r.switching_values[d] is None
    assert r.switching_notes[d] == "none in range: the SROI ratio does not reach 1 for any value in [0, 1]"
    assert (r.switching_central[q], r.switching_central[d]) == (5.0, pytest.approx(0.1))
    out = r.to_dict()["switching_values"]
    assert all(v is None or math.isfinite(v) for v in out.values())
    assert json.loads(json.dumps(out, allow_nan=False)) == out
    # The same form, and the same values, as value()'s.
    v = ic.value(mm)
    for name in ("switching_values", "switching_notes", "switching_central", "switching_domains"):
        assert type(getattr(r, name)) is type(getattr(v, name)) is dict
        assert getattr(r, name) == getattr(v, name), name


def _options(**fields):
    o = ic._core.SimulateOptions()
    for k, v in fields.items():
        setattr(o, k, v)
    return o


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_the_interval_is_numpys_central_quantiles_of_the_kept_draws(model, level):
    # Oracle: numpy.quantile (default "linear", type 7) of the draws the run kept, at
    # (1 - level)/2 and (1 + level)/2; p05/p50/p95 stay the 5th, 50th and 95th percentiles.
    r = simulate(model, draws=4001, seed=5, threads=2, level=level, keep_draws=True)
    assert r.level == level and "level: not given" not in " ".join(r.assumptions)
    for j, name in enumerate(ic.uncertainty.OUTPUTS):
        col = r.draws_array[:, j]
        col = col[np.isfinite(col)]
        s = r.summary_of(name)
        lo, hi = np.quantile(col, [(1 - level) / 2, (1 + level) / 2])
        assert (s.level, s.lower, s.upper) == (level, pytest.approx(lo, rel=1e-13), pytest.approx(hi, rel=1e-13))
        assert s.p05 == pytest.approx(np.quantile(col, 0.05), rel=1e-13)
    d = r.to_dict()
    assert d["level"] == level and d["sroi_ratio"]["level"] == level
    assert {"lower", "upper", "level"} <= set(d["present_value"])
    assert {"lower", "upper", "level"} <= set(r.table.columns)
    assert f"{100 * level:g}% interval" in str(r.summary())


def test_level_is_checked_and_its_default_is_stated(model):
    for bad in (0, 1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="level must be"):
            simulate(model, draws=10, seed=1, level=bad)
    with pytest.raises(ic.ValidationError, match=r"level: must be in \(0, 1\)"):
        ic._core.simulate_model(model, _options(draws=10, seed=1, level=1.0))  # the core checks it too
    r = simulate(model, draws=10, seed=1)
    assert r.level == ic.DEFAULTS.level == 0.95
    assert "level: not given, taken as 0.95 (impactchain.DEFAULTS.level)" in r.assumptions


def test_stream_version_is_checked_stated_and_kept(model):
    # The default stream is named among the assumptions and in the result; a given one is not
    # noted; a wrong one is named with what it may be (Python and the core both check).
    r = simulate(model, draws=10, seed=1)
    assert r.stream_version == ic.DEFAULTS.stream_version == 2
    assert "stream_version: not given, taken as 2 (impactchain.DEFAULTS.stream_version)" in r.assumptions
    old = simulate(model, draws=10, seed=1, stream_version=1)
    assert old.stream_version == 1 and not any("stream_version" in a for a in old.assumptions)
    assert old.summary_of("npv").mean != r.summary_of("npv").mean  # another stream, other draws
    assert old.to_dict()["stream_version"] == 1
    for bad in (0, 3, 2.0, True, "2"):
        with pytest.raises(ValueError, match=r"stream_version must be an integer in \[1, 2\]"):
            simulate(model, draws=10, seed=1, stream_version=bad)
    with pytest.raises(ic.ValidationError, match=r"stream_version: must be in \[1, 2\] .*got 3"):
        ic._core.simulate_model(model, _options(draws=10, seed=1, stream_version=3))


def test_valuation_options_reach_the_core(model):
    # long_duration_years was dropped by the earlier binding: the core now sees it and checks it.
    o = _options(draws=10, seed=1)
    o.value.long_duration_years = -1.0
    with pytest.raises(ic.ValidationError, match="long_duration_years must be a finite number >= 0, got -1"):
        ic._core.simulate_model(model, o)
    with pytest.raises(ValueError, match="long_duration_years"):
        simulate(model, draws=10, seed=1, long_duration_years=-1.0)
    # additive vs multiplicative differ once there are two adjustments: same seed, other numbers
    m = dict(MODEL)
    m["outcomes"] = [dict(MODEL["outcomes"][0], deadweight=0.2, attribution=0.5)]
    mm = ic.loads(json.dumps(m))
    mult = simulate(mm, draws=100, seed=1).summary_of("present_value").mean
    add = simulate(mm, draws=100, seed=1, adjustments="additive").summary_of("present_value").mean
    assert add / mult == pytest.approx((1 - 0.2 - 0.5) / ((1 - 0.2) * (1 - 0.5)), rel=1e-12)


def test_core_results_are_read_only_classes_and_draws_are_views(model):
    o = _options(draws=1000, seed=3, keep_draws=True, keep_parameters=True, value_targets=[1200.0])
    assert "SimulateOptions" in repr(o) and repr(o.value).startswith("<ValueOptions")
    o.value.adjustments = "additive"  # the nested options are set in place
    assert o.value.adjustments == "additive"
    with pytest.raises(ValueError, match="adjustments: must be one of 'multiplicative', 'additive', got 'both'"):
        o.value.adjustments = "both"
    with pytest.raises(ValueError, match=r"tornado_range:? must be one of"):
        o.tornado_range = "wide"
    sim = ic._core.simulate_model(model, o)
    res = sim.result
    assert isinstance(sim, ic._core.ModelSimulation) and isinstance(res.summaries[0], ic._core.OutputSummary)
    assert [s.name for s in res.summaries] == list(ic.uncertainty.OUTPUTS)
    with pytest.raises(AttributeError):
        res.draws = 5
    a = res.output_draws
    assert a.shape == (1000, 4) and not a.flags.writeable and a.base is not None
    assert np.shares_memory(a, res.output_draws)  # a view of the result, not a copy
    assert res.parameter_draws.shape == (1000, 1)
    assert sim.value_targets[0].threshold == 1200.0 and 0 < sim.value_targets[0].probability < 1
    assert res.tornado[0].rows[0].name == "outcomes[employed].quantity"
    for x in (sim, res, res.summaries[0], res.tornado[0], res.tornado[0].rows[0], sim.value_targets[0]):
        assert repr(x).startswith("<") and len(repr(x)) < 200
    del sim, res
    assert a.sum() > 0  # the view keeps the result alive


def test_rank_uncertainty_binding_takes_one_options_object():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.6]])
    o = ic._core.RankUncertaintyOptions()
    o.draws, o.seed, o.top = 200, 4, [1]
    o.choices.normalisations = ["minmax"]
    assert o.choices.normalisations == ["minmax"] and o.choices.minmax_upper == 100.0
    with pytest.raises(ValueError, match="weight_model: must be one of 'dirichlet', 'uniform', got 'flat'"):
        o.weight_model = "flat"
    r = ic._core.rank_uncertainty(np.asfortranarray(X), np.array([[0.5], [0.5]]), given=False, options=o)
    assert isinstance(r, ic._core.RankUncertaintyResult) and r.units == 3 and r.draws == 200
    assert not r.score_mean.flags.writeable and r.choice_draws.shape == (1, 1) and r.choice_draws[0, 0] == 200
    pub = rank_uncertainty(X, [0.5, 0.5], draws=200, seed=4, top=[1], normalisations=["minmax"])
    np.testing.assert_array_equal(pub.rank_best, r.rank_best)
    np.testing.assert_array_equal(pub.score_p50, r.score_p50)
    assert len(repr(r)) < 200


def test_the_report_and_the_charts_show_the_interval_at_the_level():
    model = Path(__file__).parents[2] / "examples" / "data" / "minimal.yaml"
    rep = ic.build_report(model)
    # The report writes the level as English writes a percentage (Babel, en: "95%").
    words = f"{100 * ic.DEFAULTS.level:g}% interval"
    assert words == "95% interval"
    assert words in rep.to_html()  # the chart's legend and the summary table's heading
    for page in (rep.to_html(), rep.to_markdown()):
        assert "in 19 of 20 simulations" in page and "90%" not in page  # 0.95 in words
    sim = ic.simulate(model, keep_draws=True, switching_values=False).summary_of("sroi_ratio")
    row = rep.summary_rows()[0]
    assert (row["interval_level"], row["ratio_lower"], row["ratio_upper"]) == (sim.level, sim.lower, sim.upper)
    from impactchain import plots

    svg = plots.ratio_histogram([0.8, 1.2, 1.5, 1.1], lower=0.82, upper=1.48, level=0.95)
    assert "95% interval" in svg
    with pytest.warns(DeprecationWarning, match="p05="):
        old = plots.ratio_histogram([0.8, 1.2, 1.5, 1.1], p05=0.85, p95=1.45)
    assert "90% interval" in old  # what p05..p95 is


def test_a_part_of_a_run_holds_its_own_draws_only(model):
    # The ceiling on kept draws (2 GiB) applies to what a call holds: a whole run of 30 million
    # draws kept is refused here, one segment of it (what a cluster's task computes and keeps) is
    # not, and its draws are those of the same segment of a shorter run (mirrors
    # test_simulation_parts.cpp).
    core = ic._core
    outputs = len(core.simulate_model(model, _options(draws=10, seed=1, ledger=False)).result.summaries)
    draws = (2 << 30) // (8 * outputs) + 1  # one draw more than the ceiling allows
    big = _options(draws=draws, seed=1, threads=2, keep_draws=True, ledger=False)
    with pytest.raises(ic.ValidationError, match=rf"keep_draws: keeping {draws} draws of {outputs} outputs needs"):
        core.simulate_model(model, big)
    seg = core.segment_blocks
    part = core.simulate_model_part(model, big, 0, seg)
    alone = core.simulate_model_part(
        model, _options(draws=seg * 1024, seed=1, threads=2, keep_draws=True, ledger=False), 0, seg
    )
    np.testing.assert_array_equal(part.kept()[0], alone.kept()[0])
    assert part.kept()[0].size == seg * 1024 * outputs
