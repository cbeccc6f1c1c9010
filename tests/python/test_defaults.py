"""One set of defaults (impactchain.DEFAULTS): the Python API, the command line and the
report use the same seed, draws and threads, a result names every default it used, and
the quantiles of a simulation follow one rule that depends only on the number of draws.

Oracle for the quantiles: numpy.quantile (its default "linear" method is type 7) of the
draws of the same simulation, kept with keep_draws=True.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest

import impactchain as ic
from impactchain import _core
from impactchain.cli import main

DATA = Path(__file__).parent.parent / "data"
MODEL = DATA / "model_basic.json"
LEVELS = (0.05, 0.5, 0.95)


def test_the_defaults_and_their_reasons_are_one_object():
    d = ic.DEFAULTS
    assert (d.seed, d.draws, d.threads, d.level, d.stream_version) == (2026, 5000, 0, 0.95, 2)
    assert (d.effect_size_paired, d.effect_size_independent, d.higher_is_better) == ("dz", "d", True)
    # The quantile threshold is the C++ constant, 10^6.
    assert d.exact_quantile_max_draws == _core.exact_quantile_max_draws == 10**6
    assert d.quantile_method(10**6) == "exact" and d.quantile_method(10**6 + 1) == "sketch"
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.seed = 1  # type: ignore[misc]
    assert json.loads(json.dumps(d.to_dict()))["draws"] == 5000


def test_python_defaults_are_the_core_header_values():
    # One source: include/impactchain/defaults.hpp, compiled into _core.defaults and read by
    # impactchain.DEFAULTS. The header's text is parsed here, so a value changed in one place only fails.
    header = (Path(__file__).parents[2] / "include" / "impactchain" / "defaults.hpp").read_text()
    found = dict(re.findall(r"inline constexpr [\w:]+ (\w+) = ([\d.]+);", header))
    assert set(found) == {"seed", "draws", "threads", "level", "stream_version"}
    for name, text in found.items():
        expected = float(text) if "." in text else int(text)
        assert getattr(_core.defaults, name) == expected, name
        assert getattr(ic.DEFAULTS, name) == expected, name
        assert type(getattr(ic.DEFAULTS, name)) is type(expected), name
    assert not hasattr(ic.DEFAULTS, "simulation_interval")  # the simulation's interval is at DEFAULTS.level


def test_simulate_without_options_uses_the_defaults_and_says_so():
    plain = ic.simulate(MODEL, switching_values=False)
    given = ic.simulate(MODEL, draws=5000, seed=2026, threads=1, level=0.95, stream_version=2, switching_values=False)
    assert (plain.draws, plain.seed) == (5000, 2026)
    for name in ("sroi_ratio", "present_value", "npv"):
        assert plain.summary_of(name) == given.summary_of(name)
    assert plain.p_ratio_above_1 == given.p_ratio_above_1
    assert plain.assumptions[:5] == (
        "draws: not given, taken as 5000 (impactchain.DEFAULTS.draws)",
        "seed: not given, taken as 2026 (impactchain.DEFAULTS.seed)",
        "threads: not given, taken as 0 (impactchain.DEFAULTS.threads; 0 = all cores; results do not depend on it)",
        "level: not given, taken as 0.95 (impactchain.DEFAULTS.level)",
        "stream_version: not given, taken as 2 (impactchain.DEFAULTS.stream_version)",
    )
    assert plain.level == given.level == 0.95
    # Given values are not defaults; the quantile rule is stated either way.
    assert [a.split(":")[0] for a in given.assumptions] == ["quantiles"]
    assert "exact (type 7" in given.assumptions[0]
    assert given.to_dict()["assumptions"] == list(given.assumptions)
    assert "assumption: seed: not given" in str(plain.summary())


@pytest.mark.parametrize("threads", [1, 2, 0])
def test_quantiles_without_kept_draws_are_numpys_quantiles_of_the_same_draws(threads):
    kept = ic.simulate(MODEL, draws=3001, seed=17, threads=1, keep_draws=True, switching_values=False)
    plain = ic.simulate(MODEL, draws=3001, seed=17, threads=threads, switching_values=False)
    assert plain.draws_array is None
    for j, name in enumerate(ic.uncertainty.OUTPUTS):
        col = kept.draws_array[:, j]
        col = col[np.isfinite(col)]
        s = plain.summary_of(name)
        assert s.quantile_method == "exact"
        expected = np.quantile(col, LEVELS)  # numpy's default: linear (type 7)
        assert [s.p05, s.p50, s.p95] == pytest.approx(list(expected), rel=1e-13, abs=0)
        # the interval at the default level 0.95: the 2.5th and 97.5th percentile of the same draws
        assert s.level == 0.95
        assert [s.lower, s.upper] == pytest.approx(list(np.quantile(col, [0.025, 0.975])), rel=1e-13, abs=0)


NAN_DRAWS = """impactchain: 1
name: some draws not finite
currency: EUR
price_year: 2024
stakeholders: [city]
discount: {rate: 0}
chain:
  nodes: [{id: a, level: activity, quantity: 5, unit: people}]
investments: [{funder: city, amount: 1000}]
outcomes:
  - {id: o, quantity: 10, stakeholder: city, duration: 2, deadweight: {uniform: [0.3, 0.9]}, attribution: 0.3,
     proxy: {value: {triangular: [80, 100, 130]}, currency: EUR, source: s}}
"""


def test_a_long_run_with_draws_that_are_not_finite_gives_numpys_quantiles_of_the_finite_ones(tmp_path):
    # Additive adjustments above 1 (deadweight above 0.7 with attribution 0.3: a third of the
    # draws) make a draw's outputs NaN. At 300,000 draws the quantiles are found without keeping
    # the draws (from 262,144, docs/uncertainty.md): the NaN draws are left out there too, in one
    # pass over the run (progress reaches the end once: the run is not computed again).
    path = tmp_path / "m.yaml"
    path.write_text(NAN_DRAWS, encoding="utf-8")
    opts = {"draws": 300_000, "seed": 5, "adjustments": "additive", "switching_values": False}
    kept = ic.simulate(path, threads=1, keep_draws=True, **opts)
    calls: list[tuple[int, int]] = []
    plain = ic.simulate(path, threads=2, progress=lambda done, total: calls.append((done, total)), **opts)
    assert [c for c in calls if c[0] == c[1]] == [(300_000, 300_000)]
    for j, name in enumerate(ic.uncertainty.OUTPUTS):
        col = kept.draws_array[:, j]
        col = col[np.isfinite(col)]
        assert 90_000 < 300_000 - len(col) < 110_000  # about a third left out
        s = plain.summary_of(name)
        assert s.quantile_method == "exact" and s.finite == len(col)
        assert [s.p05, s.p50, s.p95] == pytest.approx(list(np.quantile(col, LEVELS)), rel=1e-13, abs=0)
        assert [s.lower, s.upper] == pytest.approx(list(np.quantile(col, [0.025, 0.975])), rel=1e-13, abs=0)


@pytest.mark.slow
def test_above_a_million_draws_the_quantiles_come_from_the_sketch():
    r = ic.simulate(MODEL, draws=10**6 + 1, seed=3, threads=0, switching_values=False)
    assert r.summary_of("present_value").quantile_method == "sketch"
    assert r.to_dict()["quantile_method"] == "sketch"
    assert any(a.startswith("quantiles: streamed sketch") for a in r.assumptions)


def test_rank_uncertainty_and_compare_take_the_defaults_and_name_them():
    X = np.array([[1.0, 0.2], [0.5, 0.9], [0.1, 0.4]])
    r = ic.rank_uncertainty(X, [0.5, 0.5], top=[1])
    assert (r.draws, r.seed) == (5000, 2026)
    assert any(a.startswith("seed: not given, taken as 2026") for a in r.assumptions)
    given = dict(draws=50, seed=1, threads=1, top=[1], weight_model="dirichlet", concentration=100.0)
    assert not ic.rank_uncertainty(X, [0.5, 0.5], **given).assumptions
    m = json.loads(MODEL.read_text())
    a = ic.loads(json.dumps({**m, "name": "A"}), format="json")
    b = ic.loads(json.dumps({**m, "name": "B"}), format="json")
    c = ic.compare([a, b], draws=200)  # no seed: DEFAULTS.seed, recorded
    assert "seed: not given, taken as 2026 (impactchain.DEFAULTS.seed)" in c.assumptions
    assert "stream_version: not given, taken as 2 (impactchain.DEFAULTS.stream_version)" in c.assumptions


def test_effect_size_names_the_defaults_it_used():
    r = ic.effect_size(pre=[1.0, 2, 4, 3], post=[2.0, 2, 5, 6])
    assert r.kind == "dz" and r.level == 0.95 and r.higher_is_better
    methods = (f"effect size: {r.convention}", f"interval: {r.ci_method}")  # stated whatever is given
    assert (
        r.assumptions
        == (
            "kind: not given, taken as 'dz' (impactchain.DEFAULTS.effect_size_paired)",
            "level: not given, taken as 0.95 (impactchain.DEFAULTS.level)",
            "higher_is_better: not given, taken as True (impactchain.DEFAULTS.higher_is_better)",
        )
        + methods
    )
    t = ic.effect_size(treatment=[1.0, 2, 4], control=[2.0, 2, 5, 6], kind="g", level=0.9, higher_is_better=True)
    assert t.assumptions == (f"effect size: {t.convention}", f"interval: {t.ci_method}")


def _cli_json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_simulate_and_report_without_options_give_the_python_numbers(tmp_path, capsys):
    model = Path(__file__).parents[2] / "examples" / "data" / "minimal.yaml"
    py = ic.simulate(model, switching_values=False).to_dict()
    cli = _cli_json(capsys, ["simulate", str(model), "--json", "--quiet"])
    assert (cli["draws"], cli["seed"]) == (5000, 2026)
    for out in ("sroi_ratio", "present_value", "npv"):
        assert cli[out] == py[out]
    assert cli["assumptions"] == py["assumptions"]
    assert main(["report", str(model), "-o", str(tmp_path / "r.json"), "--quiet"]) == 0
    capsys.readouterr()
    rep = json.loads((tmp_path / "r.json").read_text())
    text = json.dumps(rep)
    assert rep["settings"]["draws"] == 5000 and rep["settings"]["seed"] == 2026
    r = py["sroi_ratio"]
    for v in (r["lower"], r["upper"], r["p05"], r["p50"], r["p95"], r["mean"]):
        assert json.dumps(v) in text


def test_cli_help_states_the_defaults(capsys):
    for verb in ("simulate", "compare", "report", "demo", "portfolio"):
        assert main([verb, "--help"]) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "(default 5000)" in out and "(default 2026)" in out and "(default 0 = all cores)" in out, verb
        assert "--stream-version" in out and "(default 2)" in out, verb
