"""EVPPI (docs/voi.md) against the closed form of a normal-linear net benefit, between its two
estimators on dampack's example PSA, and its bounds (a group's EVPPI is not below its members',
no EVPPI is above the EVPI), each within two standard errors."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from soft_oracles import peers_file


def _closed_form(m: float, s: float) -> float:
    """EVPPI of a decision between 0 and X ~ N(m, s²) when X becomes known: E[max(X, 0)] − max(m, 0)
    = s·φ(m/s) + m·Φ(m/s) − max(m, 0)."""
    z = m / s
    phi = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    Phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    return s * phi + m * Phi - max(m, 0.0)


@pytest.fixture(scope="module")
def linear():
    """Two strategies: doing nothing (0) or NB = θ1 + θ2, θ1 ~ N(−1, 2²), θ2 ~ N(0.5, 1), θ3 irrelevant."""
    from scipy.stats import norm

    # Latin hypercube draws: each parameter's draws cover its distribution evenly, so the draws' own
    # Monte Carlo error is well below the standard errors the estimators report (which assume iid draws).
    rng = np.random.default_rng(1)
    n = 20000

    def lhs(mean: float, sd: float) -> np.ndarray:
        return mean + sd * norm.ppf((rng.permutation(n) + rng.random(n)) / n)

    theta = pd.DataFrame({"t1": lhs(-1, 2), "t2": lhs(0.5, 1), "t3": lhs(0, 1)})
    nb = pd.DataFrame({"nothing": np.zeros(n), "act": theta["t1"] + theta["t2"]})
    return nb, theta


def test_single_parameters_match_the_closed_form(linear):
    nb, theta = linear
    res = ic.evppi(nb, theta)
    t = res.table
    # Knowing θ1 leaves X = θ1 + 0.5 ~ N(−0.5, 2²); knowing θ2 leaves X = θ2 − 1 ~ N(−0.5, 1).
    for name, s in (("t1", 2.0), ("t2", 1.0)):
        assert abs(t.loc[name, "evppi"] - _closed_form(-0.5, s)) <= 2 * t.loc[name, "se"], name
    assert t.loc["t3", "evppi"] <= 2 * t.loc["t3", "se"] + 1e-12  # an irrelevant parameter is worth nothing
    # EVPI: X ~ N(−0.5, 5)
    assert abs(res.evpi - _closed_form(-0.5, math.sqrt(5))) <= 2 * res.evpi_se
    assert res.method == "regression" and res.strategies == ("nothing", "act")
    # neither the method, the knots nor the threads were given
    codes = ["defaults.function_default", "defaults.function_default", "defaults.taken_threads"]
    assert [a.code for a in res.assumptions] == codes
    assert [a.params.get("name") for a in res.assumptions[:2]] == ["method", "knots"] and res.knots == 6


def test_a_group_is_worth_at_least_its_members_and_at_most_the_evpi(linear):
    nb, theta = linear
    single = ic.evppi(nb, theta, method="regression").table
    group = ic.evppi(nb, theta, groups={"both": ["t1", "t2"]})
    g = group.table.loc["both"]
    assert abs(g["evppi"] - _closed_form(-0.5, math.sqrt(5))) <= 2 * g["se"]
    for member in ("t1", "t2"):
        assert g["evppi"] >= single.loc[member, "evppi"] - 2 * math.hypot(g["se"], single.loc[member, "se"])
    assert g["evppi"] <= group.evpi + 2 * math.hypot(g["se"], group.evpi_se)


def test_thread_counts_give_identical_tables(linear):
    nb, theta = linear
    for method in ("regression", "binned"):
        one = ic.evppi(nb, theta, method=method, threads=1).table
        two = ic.evppi(nb, theta, method=method, threads=2).table
        pd.testing.assert_frame_equal(one, two, check_exact=True)


@pytest.mark.parametrize("method", ["regression", "binned"])
def test_the_core_agrees_with_the_numpy_reference(linear, method):
    """Single parameters go to the C++ core; voi.py's numpy estimators are its reference. Both
    must be within two standard errors of each other and of the closed form."""
    from impactchain import voi

    nb, theta = linear
    core = ic.evppi(nb, theta, method=method).table
    arr, inc = nb.to_numpy(), nb.to_numpy()[:, 1:] - nb.to_numpy()[:, :1]
    for name, s in (("t1", 2.0), ("t2", 1.0)):
        col = theta[[name]].to_numpy()
        ref, ref_se = voi._regression(inc, col, 6) if method == "regression" else voi._binned(arr, col)
        value, se = core.loc[name, "evppi"], core.loc[name, "se"]
        assert abs(value - ref) <= 2 * math.hypot(se, ref_se), name
        assert abs(ref - _closed_form(-0.5, s)) <= 2 * ref_se, name
        assert abs(value - _closed_form(-0.5, s)) <= 2 * se, name


def test_a_group_of_one_is_its_parameter(linear):
    nb, theta = linear
    single = ic.evppi(nb, theta, threads=1).table
    group = ic.evppi(nb, theta, groups={"first": ["t1"], "both": ["t1", "t2"]}, threads=1).table
    assert group.loc["first", "evppi"] == single.loc["t1", "evppi"]
    assert group.loc["first", "se"] == single.loc["t1", "se"]
    assert list(group.index) == ["first", "both"]


def test_the_binned_estimator_agrees(linear):
    nb, theta = linear
    reg, binned = ic.evppi(nb, theta, method="regression").table, ic.evppi(nb, theta, method="binned").table
    for name in ("t1", "t2"):
        diff = abs(reg.loc[name, "evppi"] - binned.loc[name, "evppi"])
        assert diff <= 2 * math.hypot(reg.loc[name, "se"], binned.loc[name, "se"]), name


@pytest.mark.parametrize("wtp", [50_000, 100_000])
def test_the_estimators_agree_on_dampacks_example_psa(wtp):
    cost = pd.read_csv(peers_file("dampack/example_psa_cost.csv"))
    effect = pd.read_csv(peers_file("dampack/example_psa_effect.csv"))
    params = pd.read_csv(peers_file("dampack/example_psa_parameters.csv"))
    nb = pd.DataFrame(wtp * effect.to_numpy() - cost.to_numpy(), columns=["Chemo", "Radio", "Surg"])
    reg = ic.evppi(nb, params, method="regression")
    binned = ic.evppi(nb, params, method="binned")
    for name in params.columns:
        r, b = reg.table.loc[name], binned.table.loc[name]
        assert abs(r["evppi"] - b["evppi"]) <= 2 * math.hypot(r["se"], b["se"]), name
        assert r["evppi"] <= reg.evpi + 2 * math.hypot(r["se"], reg.evpi_se), name


def test_bad_input_is_refused_by_name():
    nb = np.zeros((200, 2))
    theta = pd.DataFrame({"a": np.arange(200.0)})
    with pytest.raises(ValueError, match="net_benefit has 200 draws, parameters 199"):
        ic.evppi(nb, theta.iloc[:199])
    with pytest.raises(ValueError, match="draw 3, column 'a' is not a finite number"):
        ic.evppi(nb, theta.assign(a=[0, 1, 2, np.nan] + list(range(196))))
    with pytest.raises(ValueError, match="group 'g': \\['b'\\] not among the parameters"):
        ic.evppi(nb, theta, groups={"g": ["a", "b"]})
    with pytest.raises(ValueError, match="single parameters only"):
        ic.evppi(nb, theta.assign(b=1.0), groups={"g": ["a", "b"]}, method="binned")
    with pytest.raises(ValueError, match="at least two strategies"):
        ic.evppi(nb[:, :1], theta)
    with pytest.raises(ValueError, match="method must be one of regression, binned"):
        ic.evppi(nb, theta, method="gam")
    with pytest.raises(ValueError, match="threads"):
        ic.evppi(nb, theta, threads=-1)


def test_the_documented_example_runs():
    import re
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "voi.md").read_text(encoding="utf-8")
    first, on_model, survey = re.findall(r"^```python\n(.*?)^```", page, re.S | re.M)
    scope: dict = {}
    exec(compile(first.replace("print(", "(lambda *a: None)("), "docs/voi.md", "exec"), scope)
    t = scope["res"].table
    assert t.loc["deadweight", "evppi"] > t.loc["proxy", "evppi"] + 2 * math.hypot(*t["se"])
    root = Path(__file__).resolve().parents[2]
    code = on_model.replace('"examples/data/', f'"{root}/examples/data/').replace("print(", "(lambda *a: None)(")
    exec(compile(code, "docs/voi.md", "exec"), scope)
    assert "outcomes[care_delayed]" in scope["sim"].evppi(groups="outcome").table.index
    exec(compile(survey.replace("print(", "(lambda *a: None)("), "docs/voi.md", "exec"), scope)
    assert scope["res"].table.loc[200, "cost"] == 2000 and scope["res"].best_n in (10, 50, 200)


MODEL = """\
impactchain: 1
name: One uncertain proxy
currency: EUR
price_year: 2024
discount: {rate: 0}
investments: [{funder: city, amount: 10000}]
outcomes:
  - {id: o, quantity: 10, proxy: {value: {uniform: [800, 1400]}, currency: EUR, source: s},
     deadweight: 0, displacement: 0, attribution: 0, drop_off: 0, duration: 1}
  - {id: fixed, quantity: 1, proxy: {value: 10, currency: EUR, source: s}, deadweight: {uniform: [0, 0.2]},
     displacement: 0, attribution: 0, drop_off: 0, duration: 1}
"""


def test_a_simulation_gives_the_evppi_of_its_funding_decision():
    sim = ic.simulate(ic.loads(MODEL, "yaml"), draws=8000, seed=4, keep_draws=True, keep_parameters=True)
    res = sim.evppi(groups="outcome")
    # NPV = 10 x P + 10 x (1 - DW) - 10,000 with P ~ U(800, 1400); the proxy decides. By hand, for
    # X = 10 P - 10,000 ~ U(-2,000, 4,000): E[max(X, 0)] = 4,000² / (2 x 6,000) = 1,333.33 and
    # EVPI = 1,333.33 - E[X] (1,000) = 333.33; the outcome 'fixed' (at most 10 euros) is worth ~0.
    t = res.table
    o = t.loc["outcomes[o]"]
    assert abs(o["evppi"] - 1000 / 3) <= 2 * o["se"] + 15  # the second outcome moves NPV by <= 10
    assert abs(o["evppi"] - res.evpi) <= 2 * math.hypot(o["se"], res.evpi_se)
    assert t.loc["outcomes[fixed]", "evppi"] <= 2 * t.loc["outcomes[fixed]", "se"] + 10
    by_kind = sim.evppi(groups="kind").table
    assert set(by_kind.index) == {"proxy.value", "deadweight"}
    assert sim.evppi(ratio=0.5).evpi == pytest.approx(0.0, abs=1e-9)  # at ratio 0.5 funding is never wrong
    with pytest.raises(ValueError, match="keep_parameters=True"):
        ic.simulate(ic.loads(MODEL, "yaml"), draws=200, keep_draws=True).evppi()


def test_a_psa_gives_the_evppi_of_its_choice_at_a_willingness_to_pay():
    cost = pd.read_csv(peers_file("dampack/example_psa_cost.csv"))
    effect = pd.read_csv(peers_file("dampack/example_psa_effect.csv"))
    params = pd.read_csv(peers_file("dampack/example_psa_parameters.csv"))
    psa = ic.psa(cost.to_numpy(), effect.to_numpy(), ["Chemo", "Radio", "Surg"], threads=1)
    res = psa.evppi(params, 50_000, method="regression")
    direct = ic.evppi(50_000 * effect.to_numpy() - cost.to_numpy(), params, method="regression")
    pd.testing.assert_frame_equal(res.table, direct.table)
    assert res.strategies == ("Chemo", "Radio", "Surg")
    assert res.evpi == pytest.approx(psa.evpi(50_000), rel=1e-9)  # the PSA's own EVPI


def _evsi_closed_form(m: float, b: float, tau: float, sigma: float, n: int) -> float:
    """Normal prior θ ~ N(μ, τ²), survey mean ~ N(θ, σ²/n), NB = a + bθ against 0: the preposterior
    mean of θ has SD τ²/√(τ² + σ²/n), so EVSI is the normal-linear value with s = |b|τ²/√(τ² + σ²/n)."""
    return _closed_form(m, abs(b) * tau**2 / math.sqrt(tau**2 + sigma**2 / n))


def test_evsi_matches_the_conjugate_normal_closed_form_and_tends_to_the_evppi():
    from scipy.stats import norm

    rng = np.random.default_rng(2)
    n_draws, mu, tau, sigma, a, b = 20000, 0.5, 1.0, 4.0, -0.3, 1.0
    theta = mu + tau * norm.ppf((rng.permutation(n_draws) + rng.random(n_draws)) / n_draws)  # Latin hypercube
    nb = pd.DataFrame({"no": 0.0, "yes": a + b * theta})
    sizes = [1, 10, 50, 200, 5000]
    res = ic.evsi(nb, pd.DataFrame({"effect": theta}), "effect", sizes, sd=sigma, cost_per_respondent=5e-4)
    t = res.table
    for n in sizes:
        assert abs(t.loc[n, "evsi"] - _evsi_closed_form(a + b * mu, b, tau, sigma, n)) <= 2 * t.loc[n, "se"], n
    assert abs(res.evppi - _closed_form(a + b * mu, b * tau)) <= 2 * res.evppi_se
    assert abs(t.loc[5000, "evsi"] - res.evppi) <= 2 * math.hypot(t.loc[5000, "se"], res.evppi_se)
    # ENBS = EVSI - 0.0005 n: by the closed form 0.2564 - 0.025 at n = 50 beats 0.2921 - 0.1 at n = 200.
    assert t.loc[50, "enbs"] == pytest.approx(t.loc[50, "evsi"] - 0.025) and res.best_n == 50
    assert [a.code for a in res.assumptions] == ["defaults.taken"] and "seed" in res.assumptions[0]  # DEFAULTS.seed


def test_evsi_of_a_proportion_grows_towards_the_evppi():
    rng = np.random.default_rng(3)
    p = rng.beta(4, 6, 20000)  # a share of participants in work
    nb = pd.DataFrame({"no": 0.0, "fund": 100_000 * p - 38_000})
    res = ic.evsi(nb, pd.DataFrame({"share": p}), "share", [5, 50, 500, 20000], likelihood="binomial", seed=1)
    v = res.table["evsi"].to_numpy()
    assert list(v) == sorted(v)
    assert v[-1] == pytest.approx(res.evppi, abs=2 * math.hypot(res.table["se"].iloc[-1], res.evppi_se))
    assert res.best_n == 20000 and res.seed == 1  # nothing costs anything here


def test_evsi_refuses_what_it_cannot_use():
    nb = pd.DataFrame({"no": np.zeros(200), "yes": np.linspace(-1, 1, 200)})
    theta = pd.DataFrame({"t": np.linspace(-1, 1, 200)})
    with pytest.raises(ValueError, match="needs sd"):
        ic.evsi(nb, theta, "t", 10)
    with pytest.raises(ValueError, match="must be a proportion in"):
        ic.evsi(nb, theta, "t", 10, likelihood="binomial")
    with pytest.raises(ValueError, match="parameter 'u' is not among"):
        ic.evsi(nb, theta, "u", 10, sd=1)
    with pytest.raises(ValueError, match="sample sizes of at least 1"):
        ic.evsi(nb, theta, "t", [0], sd=1)


def test_the_report_says_what_is_worth_measuring_next():
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "examples" / "data"
    rep = ic.build_report([data / "market_cleaning.yaml"], draws=2000, seed=2, lang="nl")
    measure = json.loads(rep.to_json())["models"][0]["simulation"]["measure"]
    rows = measure["parameters"]
    assert [r["evppi"] for r in rows] == sorted((r["evppi"] for r in rows), reverse=True)
    assert all(r["evppi"] <= measure["evpi"] + 2 * math.hypot(r["se"], measure["evpi_se"]) for r in rows)
    md = rep.to_markdown()
    assert "Wat is de moeite waard om nog te meten" in md and "| Aanname | Waarde van weten |" in md
    # A model whose funding decision changes in one of its 1,000 draws (test_report_measure_words.py
    # counts it from the draws) says further measuring would hardly ever change it, not "never".
    sure = ic.build_report([data / "handyman.yaml"], draws=1000, seed=2).to_markdown()
    assert "Further measuring would hardly ever change the funding decision: only in 1 of the 1,000" in sure
