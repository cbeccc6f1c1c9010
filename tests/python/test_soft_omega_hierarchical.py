"""Hierarchical omega (docs/soft.md, "Reliability: hierarchical omega"): a population with a
known general factor recovered by hand, the group factors against statsmodels' principal axes
and its oblimin rotation, the Schmid–Leiman step by its formulas, the general factor of four
group factors against scipy's least squares, the choices stated, and bad input named."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from doc_prints import section_prints
from impactchain import _core
from soft_oracles import assert_like_scipy_bootstrap

factor = pytest.importorskip(
    "statsmodels.multivariate.factor", reason="statsmodels (a pingouin dependency) is the oracle"
)
rotation = pytest.importorskip("statsmodels.multivariate.factor_rotation")
optimize = pytest.importorskip("scipy.optimize")

#: Three group factors of three items each: each item's loading on its own group factor (the
#: population's pattern), and each group factor's loading on the general factor.
LAMBDA = [0.8, 0.7, 0.6, 0.75, 0.65, 0.55, 0.7, 0.6, 0.5]
GAMMA = [0.9, 0.8, 0.7]


def _population() -> np.ndarray:
    """The correlations of the higher-order model: r_ij = lambda_i lambda_j when items i and j share
    a group factor, lambda_i lambda_j gamma_f gamma_g across group factors f and g; 1 on the diagonal."""
    group = [j // 3 for j in range(9)]
    r = np.ones((9, 9))
    for i in range(9):
        for j in range(9):
            if i != j:
                across = 1.0 if group[i] == group[j] else GAMMA[group[i]] * GAMMA[group[j]]
                r[i, j] = LAMBDA[i] * LAMBDA[j] * across
    return r


def test_a_population_with_a_known_general_factor_is_recovered_by_hand():
    res = _core.hierarchical_omega_from_covariance(_population(), groups=3)
    # By hand: item i of group f loads lambda_i gamma_f on the general factor and
    # lambda_i sqrt(1 - gamma_f^2) on its group factor; its communality is lambda_i^2.
    g = [LAMBDA[j] * GAMMA[j // 3] for j in range(9)]
    # sum(g) = 0.9*(0.8+0.7+0.6) + 0.8*(0.75+0.65+0.55) + 0.7*(0.7+0.6+0.5) = 1.89 + 1.56 + 1.26 = 4.71
    assert sum(g) == pytest.approx(4.71, abs=1e-12)
    total = _population().sum()
    assert res.omega_hierarchical == pytest.approx(4.71**2 / total, abs=1e-7)
    # omega total: 1 - sum(1 - lambda^2) / total; sum(lambda^2) = 3.8775 over 9 items
    assert sum(v * v for v in LAMBDA) == pytest.approx(3.8775, abs=1e-12)
    assert res.omega_total == pytest.approx(1 - (9 - 3.8775) / total, abs=1e-7)
    assert res.explained_common_variance == pytest.approx(sum(v * v for v in g) / 3.8775, abs=1e-7)
    assert res.omega_limit == pytest.approx(res.omega_hierarchical / res.omega_total, abs=1e-12)
    np.testing.assert_allclose(res.general_loadings, g, atol=1e-7)
    np.testing.assert_allclose(res.general_factor_loadings, GAMMA, atol=1e-7)
    np.testing.assert_allclose(res.communalities, np.square(LAMBDA), atol=1e-7)
    # the group factors: the population's pattern (each factor's sum of squares is largest
    # first: 1.49, 1.2875, 1.10), uncorrelated with the other groups' items
    pattern = np.zeros((9, 3))
    for j in range(9):
        pattern[j, j // 3] = LAMBDA[j]
    np.testing.assert_allclose(res.pattern, pattern, atol=1e-7)
    phi = np.array([[1, 0.72, 0.63], [0.72, 1, 0.56], [0.63, 0.56, 1]])  # gamma_f gamma_g
    np.testing.assert_allclose(res.factor_correlations, phi, atol=1e-7)
    assert res.rmsr < 1e-9 and res.fit_converged and res.rotation_converged and not res.warnings


def _sample(n: int, groups: int, per: int, seed: int, cross: float = 0.15) -> pd.DataFrame:
    """Responses: a general trait, `groups` group traits, each item loading on the general trait,
    on its own group's trait and a little on the next group's."""
    rng = np.random.default_rng(seed)
    general = rng.normal(size=n)
    group = rng.normal(size=(groups, n))
    cols = {}
    for f in range(groups):
        for j in range(per):
            own = 0.5 + 0.1 * j
            cols[f"f{f + 1}q{j + 1}"] = (
                (0.5 + 0.05 * f) * general + own * group[f] + cross * group[(f + 1) % groups] + rng.normal(size=n)
            )
    return pd.DataFrame(cols)


def _oracle(corr: np.ndarray, groups: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """statsmodels: principal axes iterated to convergence from the squared multiple correlations,
    then oblimin (gamma 0, oblique) by its gradient projection; the unrotated loadings, the
    pattern and the factor correlations."""
    fa = factor.Factor(corr=corr, n_factor=groups, method="pa", smc=True, nobs=1000).fit(maxiter=200_000, tol=1e-14)
    unrotated = np.asarray(fa.loadings)
    pattern, t = rotation.rotate_factors(unrotated, "oblimin", 0, "oblique", tol=1e-8, max_tries=100_000)
    return unrotated, pattern, t.T @ t


def _quartimin(loadings: np.ndarray) -> float:
    """Oblimin's criterion with gamma 0: the products of squared loadings on different factors, / 4."""
    l2 = loadings**2
    m = loadings.shape[1]
    return float((l2 * (l2 @ (np.ones((m, m)) - np.eye(m)))).sum() / 4)


def _aligned(ours: np.ndarray, theirs: np.ndarray, phi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """statsmodels' factors in our order and sign: each of ours matched to the oracle's factor it
    correlates with most, signed alike."""
    order, signs = [], []
    for f in range(ours.shape[1]):
        c = [abs(np.corrcoef(ours[:, f], theirs[:, h])[0, 1]) if h not in order else -1 for h in range(theirs.shape[1])]
        h = int(np.argmax(c))
        order.append(h)
        signs.append(np.sign(ours[:, f] @ theirs[:, h]))
    s = np.array(signs)
    return theirs[:, order] * s, phi[np.ix_(order, order)] * np.outer(s, s)


@pytest.mark.parametrize(("groups", "per", "seed"), [(3, 4, 1), (3, 3, 2), (2, 4, 3)])
def test_the_group_factors_and_omega_agree_with_statsmodels_and_schmid_leiman_by_hand(groups, per, seed):
    x = _sample(800, groups, per, seed)
    corr = x.corr().to_numpy()
    res = ic.hierarchical_omega(x, groups=groups)
    unrotated, sm_pattern, sm_phi = _oracle(corr, groups)
    pattern, phi = _aligned(res.pattern.to_numpy(), sm_pattern, sm_phi)
    np.testing.assert_allclose(res.pattern.to_numpy(), pattern, atol=1e-7)
    np.testing.assert_allclose(res.factor_correlations.to_numpy(), phi, atol=1e-7)
    np.testing.assert_allclose(res.correlations.to_numpy(), corr, atol=1e-12)
    # Schmid–Leiman by hand from the oracle: with three group factors the general factor's
    # loadings are exactly identified, gamma_1 = sqrt(phi_12 phi_13 / phi_23); with two, both
    # are sqrt(phi_12).
    if groups == 3:
        gamma = np.sqrt(
            [phi[0, 1] * phi[0, 2] / phi[1, 2], phi[0, 1] * phi[1, 2] / phi[0, 2], phi[0, 2] * phi[1, 2] / phi[0, 1]]
        )
        assert not res.warnings
    else:
        gamma = np.sqrt([phi[0, 1], phi[0, 1]])
        assert [w.code for w in res.warnings] == ["reliability.two_groups"]
        assert f"{phi[0, 1]:.3f}"[:4] in str(res.warnings[0])
    g = pattern @ gamma
    s = pattern * np.sqrt(1 - gamma**2)
    u2 = 1 - g**2 - (s**2).sum(axis=1)
    vt = corr.sum()
    np.testing.assert_allclose(res.general_factor_loadings.to_numpy(), gamma, atol=1e-7)
    np.testing.assert_allclose(res.loadings["general"].to_numpy(), g, atol=1e-7)
    np.testing.assert_allclose(res.loadings[["F" + str(f + 1) for f in range(groups)]].to_numpy(), s, atol=1e-7)
    np.testing.assert_allclose(res.loadings["uniqueness"].to_numpy(), u2, atol=1e-7)
    assert res.omega_hierarchical == pytest.approx(g.sum() ** 2 / vt, abs=1e-7)
    assert res.omega_total == pytest.approx(1 - u2.sum() / vt, abs=1e-7)
    assert res.explained_common_variance == pytest.approx((g**2).sum() / (1 - u2).sum(), abs=1e-7)
    assert 0 < res.omega_hierarchical < res.omega_total < 1
    assert res.n == res.n_rows == 800 and res.n_items == groups * per
    # the rotation's own criterion: no oblique rotation of the unrotated loadings (T with columns
    # of unit length, pattern A (T')^-1) found by scipy from perturbed starts has a lower quartimin
    rng = np.random.default_rng(seed)

    def criterion(flat: np.ndarray) -> float:
        t = flat.reshape(groups, groups)
        return _quartimin(unrotated @ np.linalg.inv(t / np.linalg.norm(t, axis=0)).T)

    for _ in range(3):
        start = np.eye(groups) + 0.3 * rng.normal(size=(groups, groups))
        best = optimize.minimize(criterion, start.ravel(), method="BFGS", options={"gtol": 1e-10}).fun
        assert _quartimin(res.pattern.to_numpy()) <= best + 1e-9


def test_the_general_factor_of_four_group_factors_is_their_least_squares_factor():
    x = _sample(1500, 4, 4, seed=7)
    res = ic.hierarchical_omega(x, groups=4)
    phi = res.factor_correlations.to_numpy()
    iu = np.triu_indices(4, 1)

    def residuals(gamma: np.ndarray) -> np.ndarray:
        return (phi - np.outer(gamma, gamma))[iu]

    fit = optimize.least_squares(residuals, np.full(4, 0.7), xtol=1e-15, ftol=1e-15, gtol=1e-15)
    np.testing.assert_allclose(res.general_factor_loadings.to_numpy(), np.abs(fit.x), atol=1e-6)
    assert res.groups == 4 and list(res.factor_correlations.columns) == ["F1", "F2", "F3", "F4"]
    assert not res.warnings


def test_the_choices_and_defaults_are_stated():
    x = _sample(300, 3, 3, seed=4)
    res = ic.hierarchical_omega(x)
    text = " | ".join(str(a) for a in res.assumptions)
    assert "groups: not given, taken as 3" in text
    assert "missing: not given, taken as 'pairwise'" in text or "missing: not given" in text
    assert "3 group factors fitted to the items' correlations by minimum residuals and rotated by oblimin" in text
    assert "Schmid–Leiman" in text
    assert [a.code for a in res.assumptions][-1] == "reliability.missing_pairwise_correlations"
    assert "each correlation from the respondents who answered both items" in text
    given = ic.hierarchical_omega(x, groups=3, missing="listwise")
    assert not any("not given" in str(a) for a in given.assumptions)
    assert given.omega_hierarchical == pytest.approx(res.omega_hierarchical, abs=1e-12)  # no missing answers
    s = res.summary()
    assert "omega_hierarchical" in str(s) or "Hierarchical omega" in str(s)
    assert list(res.table.columns) == ["general", "F1", "F2", "F3", "communality", "uniqueness"]


def test_long_format_and_missing_answers():
    x = _sample(400, 3, 3, seed=5)
    long = x.rename_axis("who").reset_index().melt(id_vars="who", var_name="question", value_name="answer")
    wide = ic.hierarchical_omega(x)
    again = ic.hierarchical_omega(long, subject="who", item="question", score="answer")
    assert again.omega_hierarchical == pytest.approx(wide.omega_hierarchical, abs=1e-12)
    holes = x.copy()
    holes.iloc[::7, 2] = np.nan
    holes.iloc[3::11, 5] = np.nan
    pairwise = ic.hierarchical_omega(holes)
    listwise = ic.hierarchical_omega(holes, missing="listwise")
    np.testing.assert_allclose(pairwise.correlations.to_numpy(), holes.corr().to_numpy(), atol=1e-12)
    np.testing.assert_allclose(listwise.correlations.to_numpy(), holes.dropna().corr().to_numpy(), atol=1e-12)
    assert listwise.n == len(holes.dropna()) and listwise.n_rows == 400
    assert any(w.code == "reliability.listwise" for w in listwise.warnings)


def test_a_reverse_keyed_item_is_named():
    x = _sample(500, 3, 3, seed=6)
    x["f2q3"] = -x["f2q3"]
    res = ic.hierarchical_omega(x)
    codes = [(w.code, w.params.get("item")) for w in res.warnings]
    assert ("reliability.negative_general_loading", "f2q3") in codes


def test_resamples_that_ran_off_to_ultra_heywood_cases_now_stop_at_the_bound():
    # Bootstrap resamples of these samples once gave items a communality of 3.6 to 7.5 and fits
    # that never converged, and general loadings above 1 that were refused: every communality is
    # now at most 1, every fit converges, and the cases at a bound are named.
    rng = np.random.default_rng(0)
    codes: set[str] = set()
    for x in (_sample(300, 3, 3, seed=30).to_numpy(), _sample(300, 3, 3, seed=31).to_numpy()):
        for _ in range(300):
            r = _core.hierarchical_omega(x[rng.integers(0, 300, 300)])
            assert r.fit_converged and r.rotation_converged
            # the Schmid–Leiman communalities are the fit's (at most 1) where the general factor fits
            # the group factors' correlations exactly, and near them where a loading is at its bound
            assert (r.communalities < 1.05).all() and (np.abs(r.general_factor_loadings) <= 1).all()
            assert 0 < r.omega_hierarchical < r.omega_total < 1.01
            codes |= {w.code for w in r.warnings}
    assert {"reliability.groups_heywood", "reliability.general_heywood"} <= codes


@pytest.mark.parametrize(
    ("kwargs", "items", "message"),
    [
        ({"groups": 1}, 9, r"groups must be an integer >= 2, got 1"),
        ({"groups": True}, 9, r"groups must be an integer >= 2, got bool"),
        ({"groups": 3}, 5, r"with 3 group factors needs at least 6 items .*got 5"),
        ({"groups": 4}, 7, r"with 4 group factors needs at least 8 items"),
        ({"missing": "all"}, 9, r"missing"),
    ],
)
def test_bad_input_is_named(kwargs, items, message):
    x = _sample(200, 3, 3, seed=8).iloc[:, :items]
    with pytest.raises((ic.ValidationError, ValueError, TypeError), match=message):
        ic.hierarchical_omega(x, **kwargs)


def test_two_group_factors_that_correlate_negatively_have_no_general_factor():
    rng = np.random.default_rng(9)
    a, b = rng.normal(size=(2, 600))
    x = pd.DataFrame({f"q{j}": (a if j < 3 else b - 0.6 * a) + rng.normal(size=600) for j in range(6)})
    with pytest.raises(
        ic.ValidationError, match=r"groups: the two group factors correlate -0\.[0-9]+.*share no general factor"
    ):
        ic.hierarchical_omega(x, groups=2)


def test_the_core_refuses_a_matrix_that_is_not_one():
    bad = _population()
    bad[0, 1] += 0.01
    with pytest.raises(ic.ValidationError, match=r"covariance\[0\]\[1\]: must equal covariance\[1\]\[0\]"):
        _core.hierarchical_omega_from_covariance(bad)
    with pytest.raises(ic.ValidationError, match=r"must be square"):
        _core.hierarchical_omega_from_covariance(np.ones((9, 8)))


def test_the_docs_example_prints_what_the_page_says(capsys):
    printed, said = section_prints("soft.md", "## Reliability: hierarchical omega", capsys)
    assert printed == said


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_interval_agrees_with_scipy_bootstrapping_the_same_statistic(method):
    # scipy's bootstrap (its own resampling, percentile and BCa) of omega_h as
    # hierarchical_omega computes it: the intervals agree within Monte Carlo error.
    x = _sample(300, 3, 3, seed=10).to_numpy()
    ours = ic.bootstrap_hierarchical_omega(x, seed=5, resamples=1000, method=method)
    assert ours.estimate == ic.hierarchical_omega(x, missing="listwise").omega_hierarchical
    assert_like_scipy_bootstrap(
        ours,
        x,
        lambda rows: _core.hierarchical_omega_from_covariance(np.cov(rows, rowvar=False)).omega_hierarchical,
        method,
        1000,
    )
    assert ours.statistic == "hierarchical_omega (listwise, 3 groups)"


def test_bootstrap_acceleration_is_the_jackknife_of_omega_h_by_hand():
    x = _sample(60, 3, 3, seed=11).to_numpy()
    ours = ic.bootstrap_hierarchical_omega(x, seed=1, resamples=200)
    jack = np.array([ic.hierarchical_omega(np.delete(x, i, axis=0)).omega_hierarchical for i in range(len(x))])
    d = jack.mean() - jack
    assert ours.acceleration == pytest.approx((d**3).sum() / (6 * ((d**2).sum()) ** 1.5), abs=1e-8)


def test_bootstrap_is_the_same_for_any_thread_count_and_states_its_choices():
    x = _sample(200, 2, 3, seed=12)
    runs = [
        ic.bootstrap_hierarchical_omega(x, seed=7, resamples=200, threads=t, keep_replicates=True, groups=2)
        for t in (1, 2)
    ]
    np.testing.assert_array_equal(runs[0].replicates, runs[1].replicates)
    assert "reliability.two_groups" in [w.code for w in runs[0].warnings]
    text = "\n".join(runs[0].assumptions)
    assert "2 group factors fitted to the items' correlations by minimum residuals" in text
    assert "missing values: listwise" in text and "groups: not given" not in text
    assert "groups: not given, taken as 3 (bootstrap_hierarchical_omega's default)" in "\n".join(
        ic.bootstrap_hierarchical_omega(
            _sample(200, 3, 3, seed=12), seed=1, resamples=100, method="percentile"
        ).assumptions
    )
    # two independent groups: their correlation in the sample is 0.02, and in many resamples it is
    # not positive, so there is no general factor: the run says how many, not an interval of the rest
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 150))
    apart = pd.DataFrame({f"q{j}": (a if j < 3 else b) + rng.normal(size=150) for j in range(6)})
    assert 0 < ic.hierarchical_omega(apart, groups=2).factor_correlations.iloc[0, 1] < 0.05
    with pytest.raises(
        ValueError,
        match=r"of 200 resamples have no omega hierarchical \([0-9]+ hold a constant item or group factors that share",
    ):
        ic.bootstrap_hierarchical_omega(apart, groups=2, seed=1, resamples=200, method="percentile")
