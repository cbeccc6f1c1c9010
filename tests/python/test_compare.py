"""Comparing interventions: icers, net_benefit, psa, lenses, compare.

Mirrors tests/cpp/test_compare.cpp. Golden numbers come from published peer tables
(cited per test), independent oracles (scipy) or hand calculations written out.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

PEERS = Path(__file__).parents[3] / "shared/data/peers"
DAMPACK = PEERS / "dampack"
BCEA = PEERS / "bcea-vaccine"


def need(*paths: Path) -> None:
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"peer data not found: {missing} (tests read ../shared/data/peers, never a copy)")


def inputs(name: str) -> pd.DataFrame:
    need(DAMPACK / name)
    return pd.read_csv(DAMPACK / name)


# ----------------------------------------------------------------------------- icers
def test_herc_reproduces_dampack_published_table() -> None:
    # Published: DARTH-git/dampack tests/testthat/test_calculate_icers.R
    # ("calculate_icers returns correct object"; HERC example).
    df = ic.icers(["E", "D", "C", "B", "A", "UC"], [55000, 35000, 25000, 10000, 12000, 5000], [5, 4, 3, 2, 1.5, 1])
    assert list(df.columns[:7]) == ["strategy", "cost", "effect", "inc_cost", "inc_effect", "icer", "status"]
    expected = pd.DataFrame(
        {
            "strategy": ["UC", "B", "D", "E", "C", "A"],
            "cost": [5000.0, 10000, 35000, 55000, 25000, 12000],
            "effect": [1, 2, 4, 5, 3, 1.5],
            "inc_cost": [np.nan, 5000, 25000, 20000, np.nan, np.nan],
            "inc_effect": [np.nan, 1, 2, 1, np.nan, np.nan],
            "icer": [np.nan, 5000, 12500, 20000, np.nan, np.nan],
            "status": ["ND", "ND", "ND", "ND", "ED", "D"],
        }
    )
    pd.testing.assert_frame_equal(df.iloc[:, :7], expected, check_dtype=False)
    assert "extendedly dominated" in df.note[4]


def test_tie_example_test_and_treat_first() -> None:
    # dampack test_calculate_icers.R "default reference strategy": first row "Test & treat".
    # Hand: Treat all has the same effect at a higher cost (D); No Treat costs more for less (D).
    x = inputs("tie_inputs.csv")
    df = ic.icers(x.Strategy, x.Cost, x.Effect)
    assert df.strategy[0] == "Test & treat"
    st = dict(zip(df.strategy, df.status))
    assert st == {"Test & treat": "ND", "Treat all": "D", "No Treat": "D"}
    assert "same effect" in df.set_index("strategy").note["Treat all"]


def test_hiv_example_annual_dominated_and_icers_by_hand() -> None:
    # dampack vignettes/basic_cea.Rmd: "the annual screening strategy is strongly dominated".
    # Hand: one time 1000/(0.32/12) = 37500; 5yr 1020/(0.21/12); 3yr 420/(0.05/12) = 100800.
    x = inputs("hiv_inputs.csv")
    df = ic.icers(x.Strategy, x.Cost, x.Effect).set_index("strategy")
    assert df.status["annual"] == "D"
    assert list(df.index[df.status == "ND"]) == ["status quo", "one time", "5yr", "3yr"]
    assert df.icer["one time"] == pytest.approx(37500, rel=1e-9)
    assert df.icer["5yr"] == pytest.approx(1020 / (0.21 / 12), rel=1e-9)
    assert df.icer["3yr"] == pytest.approx(100800, rel=1e-9)


def test_cdiff_reproduces_dampack_published_table() -> None:
    # Published: DARTH-git/dampack vignettes/cdiff_icers.csv (basic_cea vignette, example 2).
    x = inputs("cdiff_inputs.csv")
    need(DAMPACK / "cdiff_icers_published.csv")
    pub = pd.read_csv(DAMPACK / "cdiff_icers_published.csv")
    df = ic.icers(x.Strategy, x.Cost, x.Effect)
    assert list(df.strategy) == list(pub.Strategy)
    assert list(df.status) == list(pub.Status)
    for ours, theirs in [
        ("cost", "Cost"),
        ("effect", "Effect"),
        ("inc_cost", "Inc_Cost"),
        ("inc_effect", "Inc_Effect"),
        ("icer", "ICER"),
    ]:
        np.testing.assert_allclose(df[ours].to_numpy(float), pub[theirs].to_numpy(float), rtol=1e-9, equal_nan=True)


def test_hundred_strategies_frontier_is_scipy_convex_hull() -> None:
    # dampack's hund_strat has no published table; oracle: scipy.spatial.ConvexHull of
    # (effect, cost), lower-right chain from the cheapest to the most effective strategy.
    from scipy.spatial import ConvexHull

    x = inputs("hund_strat_inputs.csv")
    pts = np.column_stack([x.Effect, x.Cost])
    hull = ConvexHull(pts)
    verts = set(hull.vertices.tolist())
    cheapest = int(np.argmin(x.Cost))
    best = int(np.argmax(x.Effect))
    # vertices on the lower chain between cheapest and most effective: those below the
    # straight line joining them (plus the two ends)
    e0, c0, e1, c1 = pts[cheapest, 0], pts[cheapest, 1], pts[best, 0], pts[best, 1]
    lower = [
        v for v in verts if e0 <= pts[v, 0] <= e1 and pts[v, 1] <= c0 + (c1 - c0) * (pts[v, 0] - e0) / (e1 - e0) + 1e-9
    ]
    expected = [str(x.Strategy[v]) for v in sorted(lower, key=lambda v: pts[v, 1])]
    df = ic.icers(x.Strategy, x.Cost, x.Effect)
    assert list(df.strategy[df.status == "ND"]) == expected
    assert np.all(np.diff(df.icer[df.status == "ND"].dropna()) > 0)


def test_identical_cost_and_effect_explicit() -> None:
    df = ic.icers(["a", "b", "c"], [10, 10, 20], [1, 1, 2])
    st = df.set_index("strategy")
    assert st.status["b"] == "D"
    assert "same cost and effect as 'a'" in st.note["b"]
    assert any("tie in cost and effect" in w for w in df.attrs["warnings"])
    assert st.icer["c"] == 10.0  # (20 − 10) / (2 − 1)


def test_same_cost_less_effect_is_dominated() -> None:
    df = ic.icers(["lo", "hi"], [5, 5], [1, 3]).set_index("strategy")
    assert df.status["lo"] == "D" and df.status["hi"] == "ND"
    assert "same cost" in df.note["lo"]


@pytest.mark.parametrize(
    "args, match",
    [
        ((["a"], [1], [1]), "at least 2 strategies"),
        ((["a", "b"], [1, 2], [1]), "same length"),
        ((["a", "b"], [1, float("nan")], [1, 2]), "cost must be finite"),
        ((["a", "b"], [1, 2], [float("inf"), 2]), "effect must be finite"),
        ((["a", "a"], [1, 2], [1, 2]), "more than once"),
    ],
)
def test_icers_bad_input(args: tuple, match: str) -> None:
    with pytest.raises(ic.ValidationError, match=match):
        ic.icers(*args)


def test_net_benefit_by_hand() -> None:
    # Hand: k = 1000: A 1000·2 − 500 = 1500, cost per effect 250; B 0 − 100 = −100.
    df = ic.net_benefit(["A", "B", "C"], [500, 100, 50], [2, 0, -1], 1000)
    assert df.nmb.tolist() == [1500, -100, -1050]
    assert df.cost_per_effect[0] == 250 and math.isnan(df.cost_per_effect[1])
    assert "zero effect" in df.note[1] and "negative effect" in df.note[2]
    with pytest.raises(ic.ValidationError, match="wtp must be a finite number, got nan"):
        ic.net_benefit(["A"], [1], [1], float("nan"))


# ----------------------------------------------------------------------------- psa
def naive(costs: np.ndarray, effects: np.ndarray, wtp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hand-written reference: every NMB evaluated directly, per wtp."""
    ceac, evpi = [], []
    for k in wtp:
        nmb = k * effects - costs
        ceac.append(np.bincount(nmb.argmax(axis=1), minlength=costs.shape[1]) / len(nmb))
        evpi.append(nmb.max(axis=1).mean() - nmb.mean(axis=0).max())
    return np.array(ceac), np.array(evpi)


def random_draws(n: int = 5000, s: int = 4, seed: int = 42) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(1000 + 200 * np.arange(s), 300, (n, s)), rng.normal(1 + 0.1 * np.arange(s), 0.2, (n, s))


def test_acceptability_and_evpi_agree_with_reference_on_random_data() -> None:
    c, e = random_draws()
    wtp = np.array([5000, 0, 1000, 2000, 2000, 3500, -100, 100000, 1500.0])  # unsorted, duplicate, negative
    p = ic.psa(c, e, list("abcd"), reference="a", threads=1)
    r_ceac, r_evpi = naive(c, e, wtp)
    np.testing.assert_allclose(p.prob_best(wtp).to_numpy(), r_ceac, rtol=0, atol=1e-12)
    np.testing.assert_allclose(p.evpi(wtp).to_numpy(), r_evpi, rtol=1e-8, atol=1e-9)
    # identical for any thread count
    for th in (2, 3, 8):
        q = ic.psa(c, e, list("abcd"), reference="a", threads=th)
        assert np.array_equal(q.prob_best(wtp).to_numpy(), p.prob_best(wtp).to_numpy())
        assert np.array_equal(q.evpi(wtp).to_numpy(), p.evpi(wtp).to_numpy())
    # frontier = max expected NMB; its probability is that strategy's CEAC value
    f = p.frontier(wtp)
    mean_nmb = wtp[:, None] * e.mean(0) - c.mean(0)
    assert list(f.strategy) == [list("abcd")[j] for j in mean_nmb.argmax(1)]
    np.testing.assert_allclose(f.probability, r_ceac[np.arange(len(wtp)), mean_nmb.argmax(1)], atol=1e-12)
    # ceac long form matches, with exactly one on_frontier per wtp
    long = p.ceac(wtp)
    assert (long.on_frontier.to_numpy().reshape(len(wtp), 4).sum(axis=1) == 1).all()
    np.testing.assert_allclose(long.proportion.to_numpy().reshape(len(wtp), 4), r_ceac, atol=1e-12)
    # EIB against the reference: k·ΔĒ − ΔC̄
    np.testing.assert_allclose(p.eib(wtp).to_numpy(), mean_nmb - mean_nmb[:, [0]], rtol=1e-9, atol=1e-6)
    # scalar wtp gives scalars / Series
    assert isinstance(p.evpi(2000), float)
    assert p.prob_best(2000).index.tolist() == list("abcd")


def test_rank_probabilities_against_direct_count() -> None:
    c, e = random_draws(2000, 3, seed=7)
    p = ic.psa(c, e, ["x", "y", "z"], reference="x")
    nmb = 1500 * e - c
    order = np.argsort(-nmb, axis=1, kind="stable")
    expected = np.zeros((3, 3))
    for r in range(3):
        expected[:, r] = np.bincount(order[:, r], minlength=3) / len(nmb)
    rp = p.rank_probabilities(1500)
    np.testing.assert_allclose(rp.to_numpy(), expected, atol=1e-12)
    np.testing.assert_allclose(rp[1].to_numpy(), p.prob_best(1500).to_numpy())
    long = p.rank_probabilities([0, 1500])
    assert set(long.columns) == {"wtp", "strategy", "rank", "probability"}
    assert len(long) == 2 * 9


def test_bcea_vaccine_reproduces_published_summary() -> None:
    # Published: giabaio/BCEA reference/summary.bcea.md, summary(he) for data(Vaccine) at
    # wtp = 25000: expected NB Status Quo −36.054, Vaccination −34.826; EIB 1.2284;
    # CEAC 0.529; ICER 20098; EVPI 2.4145; "choose Status Quo for k < 20100 and
    # Vaccination for k >= 20100" (BCEA's grid 0..50000 by 100).
    need(BCEA / "cost.csv", BCEA / "eff.csv")
    c, e = pd.read_csv(BCEA / "cost.csv"), pd.read_csv(BCEA / "eff.csv")
    p = ic.psa(c, e, reference="Status Quo")
    enb = p.expected_nmb(25000)
    assert enb["Status Quo"] == pytest.approx(-36.054, abs=5e-4)
    assert enb["Vaccination"] == pytest.approx(-34.826, abs=5e-4)
    assert p.eib(25000)["Vaccination"] == pytest.approx(1.2284, abs=5e-5)
    assert p.prob_best(25000)["Vaccination"] == pytest.approx(0.529, abs=5e-4)
    assert p.evpi(25000) == pytest.approx(2.4145, abs=5e-5)
    icer = p.icer.set_index("strategy")
    assert icer.icer["Vaccination"] == pytest.approx(20098, abs=0.5)
    assert icer.status["Vaccination"] == "NE"
    grid = np.arange(0, 50001, 100.0)
    f = p.frontier(grid)
    assert (f.strategy == np.where(grid >= 20100, "Vaccination", "Status Quo")).all()


def test_dampack_example_psa_frontier_radio_then_chemo() -> None:
    # Published: DARTH-git/dampack tests/testthat/test_ceac.R ("message is correct in
    # summary.ceac"): frontier strategies Radio then Chemo.
    need(DAMPACK / "example_psa_cost.csv", DAMPACK / "example_psa_effect.csv")
    c = pd.read_csv(DAMPACK / "example_psa_cost.csv")
    e = pd.read_csv(DAMPACK / "example_psa_effect.csv")
    p = ic.psa(c, e, ["Chemo", "Radio", "Surgery"], reference="Radio")
    seq = p.frontier(np.arange(0, 150001, 1000.0)).strategy
    assert list(seq[seq != seq.shift()]) == ["Radio", "Chemo"]


def test_cdiff_psa_means_are_dampack_summary_and_give_published_table() -> None:
    # cdiff_inputs.csv = summary(psa_cdiff) in dampack's basic_cea vignette; the ICER table
    # from the PSA means reproduces vignettes/cdiff_icers.csv.
    need(DAMPACK / "cdiff_psa_cost.csv", DAMPACK / "cdiff_psa_effect.csv", DAMPACK / "cdiff_icers_published.csv")
    p = ic.psa(
        pd.read_csv(DAMPACK / "cdiff_psa_cost.csv"), pd.read_csv(DAMPACK / "cdiff_psa_effect.csv"), reference="s3"
    )
    x = inputs("cdiff_inputs.csv").set_index("Strategy")
    np.testing.assert_allclose(p.table.mean_cost, x.Cost[list(p.strategies)], rtol=1e-12)
    pub = pd.read_csv(DAMPACK / "cdiff_icers_published.csv")
    t = p.icers()
    assert list(t.status) == list(pub.Status)
    np.testing.assert_allclose(t.icer.to_numpy(float), pub.ICER.to_numpy(float), rtol=1e-9, equal_nan=True)


def test_ties_in_nmb_first_strategy_and_zero_evpi() -> None:
    # Hand: b equals a in every draw (a wins ties); c is worse at k = 10 (−90 < 10).
    c = np.array([[10, 10, 100], [10, 10, 100.0]])
    e = np.array([[2, 2, 1], [2, 2, 1.0]])
    p = ic.psa(c, e, ["a", "b", "c"], reference="a")
    assert p.prob_best(10).tolist() == [1.0, 0.0, 0.0]
    assert p.evpi(10) == 0.0
    icer = p.icer.set_index("strategy")
    assert math.isnan(icer.icer["b"]) and "same mean cost and effect" in icer.status["b"]
    assert icer.status["c"] == "NW"


def test_zero_mean_effect_difference_icer_undefined() -> None:
    p = ic.psa(np.array([[10, 20], [10, 40.0]]), np.array([[1, 1], [3, 3.0]]), ["ref", "x"], reference="ref")
    row = p.icer.set_index("strategy").loc["x"]
    assert math.isnan(row.icer) and "zero effect difference" in row.status
    assert row.inc_cost == 20.0  # (20 + 40)/2 − (10 + 10)/2


def test_ce_plane_and_no_copy_and_readonly() -> None:
    c = np.array([[1, 4], [2, 8.0]])
    e = np.array([[1, 2], [3, 5.0]])
    p = ic.psa(c, e, ["r", "x"], reference="r")
    plane = p.ce_plane()
    assert plane.inc_cost.tolist() == [3, 6] and plane.inc_effect.tolist() == [1, 2]
    assert np.shares_memory(p.costs, c)  # C-contiguous float64 draws are not copied
    with pytest.raises(ValueError, match="read-only"):
        p.costs[0, 0] = 5
    with pytest.raises(AttributeError):
        p.reference = "x"  # type: ignore[misc]


def test_defaults_are_reported_and_to_dict_is_json() -> None:
    c, e = random_draws(100, 3)
    p = ic.psa(c, e)
    assert p.strategies == ("Strategy_1", "Strategy_2", "Strategy_3")
    assert any("reference" in a for a in p.assumptions)
    d = p.to_dict([0, 1000])
    json.dumps(d)
    assert d["reference"] == "Strategy_1" and len(d["evpi"]) == 2
    assert "Probabilistic comparison (PSA)" in p._repr_html_()


@pytest.mark.parametrize(
    "costs, effects, kw, match",
    [
        (np.ones((3, 2)), np.ones((4, 2)), {}, "mismatched draw counts"),
        (np.ones((3, 2)), np.ones((3, 3)), {}, "mismatched strategy counts"),
        (np.ones((3, 1)), np.ones((3, 1)), {}, "at least 2 strategies"),
        (
            np.array([[1, 2], [3, np.nan]]),
            np.ones((2, 2)),
            {"strategies": ["a", "b"]},
            r"draws must be finite.*'b' in draw 1",
        ),
        (np.ones((2, 2)), np.array([[1, np.inf], [3, 4]]), {}, "draws must be finite"),
        (np.ones(3), np.ones(3), {}, "2-D"),
        (np.ones((2, 2)), np.ones((2, 2)), {"strategies": ["a"]}, "1 names for 2"),
        (np.ones((2, 2)), np.ones((2, 2)), {"strategies": ["a", "a"]}, "more than once"),
        (np.ones((2, 2)), np.ones((2, 2)), {"reference": "zz"}, "not one of the strategies"),
        (np.ones((2, 2)), np.ones((2, 2)), {"reference": 5}, "out of range"),
    ],
)
def test_psa_bad_input(costs: np.ndarray, effects: np.ndarray, kw: dict, match: str) -> None:
    with pytest.raises(ic.ValidationError, match=match):
        ic.psa(costs, effects, **kw)


def test_psa_bad_wtp() -> None:
    p = ic.psa(np.ones((2, 2)), np.ones((2, 2)))
    with pytest.raises(ic.ValidationError, match="willingness to pay must be finite"):
        p.evpi([1.0, float("nan")])
    with pytest.raises(ic.ValidationError, match="at least one"):
        p.evpi([])


def test_psa_wtp_grid_ceiling() -> None:
    """Every grid (acceptability, EIB, rank probabilities, compare) stops at 10^5 values, before any work."""
    p = ic.psa(np.array([[1.0, 2.0], [1.5, 2.5]]), np.array([[1.0, 2.0], [1.0, 3.0]]))
    assert ic._core.max_wtp_grid == 10**5
    assert p.eib(np.zeros(10**5)).shape == (10**5, 2)  # at the ceiling: accepted
    beyond = np.arange(10**5 + 1, dtype=float)
    for call in (p.evpi, p.ceac, p.eib, p.rank_probabilities):
        with pytest.raises(
            ic.ValidationError, match=r"^wtp: at most 100000 willingness-to-pay values are accepted, got 100001$"
        ):
            call(beyond)
    summary = ic._core.psa_summary(np.ones((2, 2)), np.ones((2, 2)))
    with pytest.raises(ic.ValidationError, match=r"^eib.wtp: at most 100000 .* got 100001$"):
        ic._core.expected_incremental_benefit(summary, 0, beyond.tolist())


# ----------------------------------------------------------------------------- lenses
def test_lenses_against_scipy() -> None:
    from scipy.stats import kendalltau, spearmanr

    rng = np.random.default_rng(3)
    table = pd.DataFrame(
        {
            "sroi_ratio": rng.normal(3, 1, 8).round(1),
            "cost_per_outcome": rng.normal(500, 100, 8).round(-1),
            "composite": rng.integers(0, 5, 8).astype(float),  # ties on purpose
            "nmb": rng.normal(1000, 300, 8),
        },
        index=[f"s{i}" for i in range(8)],
    )
    r = ic.lenses(table)
    oriented = table.assign(cost_per_outcome=-table.cost_per_outcome)
    for a in table.columns:
        for b in table.columns:
            assert r.spearman.loc[a, b] == pytest.approx(spearmanr(oriented[a], oriented[b]).statistic)
            assert r.kendall.loc[a, b] == pytest.approx(kendalltau(oriented[a], oriented[b]).statistic)
    assert r.winners["cost_per_outcome"] == [table.cost_per_outcome.idxmin()]
    assert r.winners["nmb"] == [table.nmb.idxmax()]
    assert "lower is better" in r.assumptions[0]
    json.dumps(r.to_dict())


def test_lenses_by_hand_and_winner_changes() -> None:
    # Hand (as in the C++ test): x = (3,2,1), y = cost per outcome (10,30,20):
    # rho = 1 − 6·2/24 = 0.5, tau = (2 − 1)/3.
    r = ic.lenses({"x": [3, 2, 1], "y": [10, 30, 20]}, ["A", "B", "C"], higher_is_better={"x": True, "y": False})
    assert r.spearman.loc["x", "y"] == pytest.approx(0.5)
    assert r.kendall.loc["x", "y"] == pytest.approx(1 / 3)
    assert r.agree and r.changes == ()
    r2 = ic.lenses({"x": [3, 2, 1], "z": [1, 1, 5]}, ["A", "B", "C"], higher_is_better=[True, True])
    assert not r2.agree
    assert "from 'A' under 'x' to 'C' under 'z'" in r2.changes[0]
    assert r2.ranks.loc["A", "z"] == 2.5


def test_lenses_bad_input() -> None:
    r = ic.lenses({"x": [1, 2], "k": [7, 7]}, ["A", "B"], higher_is_better=[True, True])
    assert math.isnan(r.spearman.loc["x", "k"]) and any("undefined" in w for w in r.warnings)
    with pytest.raises(ic.ValidationError, match="at least 2 strategies"):
        ic.lenses({"x": [1], "y": [2]}, ["A"], higher_is_better=[True, True])
    with pytest.raises(ic.ValidationError, match="at least 2 lenses"):
        ic.lenses({"x": [1, 2]}, ["A", "B"], higher_is_better=[True])
    with pytest.raises(ic.ValidationError, match="must be finite"):
        ic.lenses({"x": [1, 2], "y": [np.nan, 3]}, ["A", "B"], higher_is_better=[True, True])
    with pytest.raises(ic.ValidationError, match="no orientation"):
        ic.lenses({"x": [1, 2], "y": [2, 3]}, ["A", "B"], higher_is_better={"x": True})


# ----------------------------------------------------------------------------- models
DATA = Path(__file__).parents[1] / "data"
ROOT = Path(__file__).parents[2]


def need_value() -> None:
    try:
        import impactchain.value  # noqa: F401
    except ImportError:
        pytest.skip("impactchain.value (the valuation module) is not in this build")


def test_compare_needs_two_models() -> None:
    with pytest.raises(ic.ValidationError, match="at least 2 models"):
        ic.compare([DATA / "value_two_outcomes.json"])


def test_compare_uses_the_valuation_of_each_model() -> None:
    # Consistency with the independent valuation: cost = investment_pv, effect = present_value.
    need_value()
    from impactchain.value import value

    files = [DATA / "value_two_outcomes.json", DATA / "value_warnings.json"]
    models = [ic.load(f) for f in files]
    r = ic.compare(files, reference=models[0].name)
    t = r.icers.set_index("strategy")
    for m in models:
        v = value(m)
        assert t.cost[m.name] == pytest.approx(v.investment_pv, rel=1e-12)
        assert t.effect[m.name] == pytest.approx(v.present_value, rel=1e-12)
    assert r.comparator == models[0].name
    assert any("wtp not given" in a for a in r.assumptions)
    json.dumps(r.to_dict())
    text = ic.compare_cli_summary(r)
    assert models[1].name in text
    # The ICER table's status codes are explained under it, and the quadrants under the uncertainty table.
    codes = set(r.icers["status"])
    legend = next(line for line in text.splitlines() if line.startswith("status: ") and "dominated" in line)
    assert all(f"{c} " in legend for c in codes) and ("ED extendedly" in legend) == ("ED" in codes)
    assert sum(line.startswith("status: ") for line in text.splitlines()) == 1 + (r.psa is not None)
    with pytest.raises(
        ic.ValidationError, match=r"'nobody' is neither the name of one of the models .* nor one of their"
    ):
        ic.compare(files, reference="nobody")
    # The comparator may be given by its model file too: the path as given, or another path to it.
    for given in (files[1], str(files[1]), os.path.relpath(files[1])):
        assert ic.compare(files, reference=given).comparator == models[1].name


def test_compare_draws_each_model_on_the_stream_asked() -> None:
    # Model i is simulated alone with seed + i on the stream asked (1: impactchain 0.2's draws);
    # the notice names seed and stream, a stream not given is a default taken.
    need_value()
    from impactchain.uncertainty import OUTPUTS

    files = [ROOT / "examples" / "data" / n for n in ("handyman.yaml", "traditional_provider.yaml")]
    costs = {}
    for version in (1, 2):
        r = ic.compare(files, draws=300, seed=5, threads=1, stream_version=version)
        note = (
            f"model i of the list is simulated with seed 5 + i (independent streams) on random stream version {version}"
        )
        assert note in r.assumptions and not any("stream_version: not given" in a for a in r.assumptions)
        for i, f in enumerate(files):
            alone = ic.simulate(f, draws=300, seed=5 + i, stream_version=version, keep_draws=True, threads=1)
            for column, draws in (
                (OUTPUTS.index("investment_pv"), r.psa.costs),
                (OUTPUTS.index("present_value"), r.psa.effects),
            ):
                np.testing.assert_array_equal(np.asarray(draws)[:, i], alone.draws_array[:, column])
        costs[version] = np.asarray(r.psa.effects)
    assert not np.array_equal(costs[1], costs[2])
    r = ic.compare(files, draws=300, seed=5, threads=1)
    assert "stream_version: not given, taken as 2 (impactchain.DEFAULTS.stream_version)" in r.assumptions
    for bad in (0, 3, True):
        with pytest.raises(ValueError, match=r"stream_version must be an integer in \[1, 2\]"):
            ic.compare(files, draws=300, stream_version=bad)


def test_compare_refuses_mixed_currencies() -> None:
    need_value()
    two, long = (ic.load(DATA / f) for f in ("value_two_outcomes.json", "value_green_book_long.json"))
    with pytest.raises(ic.ValidationError) as e:
        ic.compare([two, long])
    assert f"different currencies or price years ({two.name} (EUR, 2024), {long.name} (GBP, 2024))" in str(e.value)


def test_mixed_currencies_are_refused_before_any_model_is_valued(monkeypatch) -> None:
    need_value()
    value_module = sys.modules["impactchain.value"]  # the module (ic.value is its function)

    def valued(model, **kw):
        raise AssertionError(f"{model.name} valued before the footing was checked")

    monkeypatch.setattr(value_module, "value", valued)
    two, long = (ic.load(DATA / f) for f in ("value_two_outcomes.json", "value_green_book_long.json"))
    with pytest.raises(ic.ValidationError, match="different currencies or price years"):
        ic.compare([two, long])


def test_a_model_that_values_nothing_in_money_fits_any_footing(tmp_path) -> None:
    # "Doing nothing": no price year, no money; its cost and effect are 0 at any prices, so it is
    # compared with a model at 2024 prices. minimal.yaml: 30 x 25 % x 15,000 = 112,500 in one
    # year discounted once at 2.25 % = 110,024.45 for 150,000: ICER = 150,000 / 110,024.45.
    need_value()
    nothing = ic.loads(
        "impactchain: 1\nname: Nothing\nchain:\n  nodes: [{id: a, level: activity, quantity: 0}]\n", format="yaml"
    )
    minimal = ic.load(Path(__file__).parents[2] / "examples" / "data" / "minimal.yaml")
    r = ic.compare([nothing, minimal])
    row = r.icers.set_index("strategy").loc[minimal.name]
    assert row["icer"] == pytest.approx(150000 / (30 * 0.25 * 15000 / 1.0225))


# ----------------------------------------------------------------------------- cli text
def test_cli_summary_of_psa_is_readable() -> None:
    need(BCEA / "cost.csv", BCEA / "eff.csv")
    p = ic.psa(pd.read_csv(BCEA / "cost.csv"), pd.read_csv(BCEA / "eff.csv"), reference="Status Quo")
    text = ic.compare_cli_summary(p)
    assert "Vaccination" in text and "20,098" in text and "NE" in text
    # The quadrant codes are explained, those that appear: Vaccination is NE of Status Quo.
    assert "status: NE more effective and costs more" in text and "SW less" not in text
