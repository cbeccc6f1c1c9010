"""McDonald's omega (docs/soft.md, "Reliability: McDonald's omega"): the one-factor fits against
statsmodels' factor analysis and against the fits' own criteria minimised by scipy, omega from
their loadings by hand, the choices stated, and bad input named."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from doc_prints import section_prints
from soft_oracles import assert_like_scipy_bootstrap

factor = pytest.importorskip(
    "statsmodels.multivariate.factor", reason="statsmodels (a pingouin dependency) is the oracle"
)
optimize = pytest.importorskip("scipy.optimize")
stats = pytest.importorskip("scipy.stats")


def _items(n: int, loadings: list[float], noise: list[float], seed: int) -> pd.DataFrame:
    """Responses of n people to items j = loading_j * trait + noise_j * e_j, in their own units."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=n)
    cols = {f"q{j + 1}": a * trait + b * rng.normal(size=n) for j, (a, b) in enumerate(zip(loadings, noise))}
    return pd.DataFrame(cols)


CASES = [
    _items(500, [1.0, 0.8, 0.6, 0.4], [0.6, 0.8, 1.0, 1.0], seed=1),
    _items(250, [2.0, 1.5, 0.7, 0.7, 3.0, 0.2], [1.0, 1.0, 0.5, 1.5, 2.0, 1.0], seed=2),
    _items(120, [0.5, 0.6, 0.7, 0.8, 0.5, 0.6, 0.7, 0.8], [1.0] * 8, seed=3),
]


def _ml_discrepancy(params: np.ndarray, s: np.ndarray) -> float:
    """The likelihood's discrepancy log|Sigma| + tr(S Sigma^-1) of Sigma = lambda lambda' + diag(psi)."""
    k = len(s)
    lam, psi = params[:k], np.exp(params[k:])
    sigma = np.outer(lam, lam) + np.diag(psi)
    sign, logdet = np.linalg.slogdet(sigma)
    return logdet + np.trace(s @ np.linalg.inv(sigma)) if sign > 0 else np.inf


@pytest.mark.parametrize("case", range(len(CASES)))
def test_maximum_likelihood_agrees_with_statsmodels_and_the_likelihood_itself(case):
    x = CASES[case]
    s = x.cov().to_numpy()
    sd = np.sqrt(np.diag(s))
    sm = factor.Factor(x.to_numpy(), n_factor=1, method="ml").fit()
    sm_loadings = np.asarray(sm.loadings)[:, 0] * np.sign(np.asarray(sm.loadings)[:, 0].sum())
    r = ic.mcdonald_omega(x)
    assert r.method == "ml" and r.converged and not r.warnings
    np.testing.assert_allclose(r.standardised_loadings.to_numpy(), sm_loadings, atol=1e-5)
    np.testing.assert_allclose((r.uniquenesses / np.diag(s)).to_numpy(), sm.uniqueness, atol=1e-5)
    # The discrepancy minimised directly (scipy, from statsmodels' solution moved away): no lower.
    k = len(s)
    start = np.concatenate([sd * sm_loadings * 0.9, np.log(np.diag(s) * 0.5)])
    best = optimize.minimize(
        _ml_discrepancy, start, args=(s,), method="BFGS", options={"gtol": 1e-10, "maxiter": 10000}
    )
    ours = np.concatenate([r.loadings.to_numpy(), np.log(r.uniquenesses.to_numpy())])
    assert _ml_discrepancy(ours, s) <= best.fun + 1e-10
    np.testing.assert_allclose(np.abs(best.x[:k]), np.abs(r.loadings.to_numpy()), rtol=1e-4)
    # omega by hand from statsmodels' loadings: in the items' units (lambda_j sd_j), observed total 1'S1.
    raw = sm_loadings * sd
    assert r.omega == pytest.approx(raw.sum() ** 2 / s.sum(), abs=1e-5)
    model = ic.mcdonald_omega(x, total_variance="model")
    assert model.omega == pytest.approx(raw.sum() ** 2 / (raw.sum() ** 2 + (sm.uniqueness * sd**2).sum()), abs=1e-5)
    # Standardised: the correlations, and the sum of loadings over 1'R1.
    std = ic.mcdonald_omega(x, standardised=True)
    corr = x.corr().to_numpy()
    assert std.omega == pytest.approx(sm_loadings.sum() ** 2 / corr.sum(), abs=1e-5)
    np.testing.assert_allclose(std.loadings.to_numpy(), sm_loadings, atol=1e-5)


def _off_diagonal_residuals(lam: np.ndarray, m: np.ndarray) -> np.ndarray:
    """What minres makes least: the residuals m_ij - lambda_i lambda_j above the diagonal."""
    return (m - np.outer(lam, lam))[np.triu_indices(len(m), 1)]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_minres_is_least_squares_of_the_off_diagonal_residuals(case):
    x = CASES[case]
    for standardised, m in ((True, x.corr().to_numpy()), (False, x.cov().to_numpy())):
        r = ic.mcdonald_omega(x, method="minres", standardised=standardised)
        assert r.converged and r.method == "minres"
        upper = np.triu_indices(len(m), 1)
        fit = optimize.least_squares(
            _off_diagonal_residuals, np.sqrt(np.diag(m)) * 0.5, args=(m,), xtol=1e-15, ftol=1e-15, gtol=1e-15
        )
        np.testing.assert_allclose(r.loadings.to_numpy(), fit.x * np.sign(fit.x.sum()), rtol=1e-6)
        np.testing.assert_allclose(r.uniquenesses.to_numpy(), np.diag(m) - fit.x**2, rtol=1e-6, atol=1e-9)
        assert r.omega == pytest.approx(fit.x.sum() ** 2 / m.sum(), rel=1e-6)
        residual = (m - np.outer(fit.x, fit.x))[upper] / np.sqrt(np.outer(np.diag(m), np.diag(m))[upper])
        assert r.rmsr == pytest.approx(np.sqrt(np.mean(residual**2)), rel=1e-5)
    # statsmodels' iterated principal axes on the correlations find the same loadings.
    sm = factor.Factor(x.to_numpy(), n_factor=1, method="pa", smc=True).fit(maxiter=100000, tol=1e-12)
    pa = np.asarray(sm.loadings)[:, 0]
    std = ic.mcdonald_omega(x, method="minres", standardised=True)
    np.testing.assert_allclose(std.loadings.to_numpy(), pa * np.sign(pa.sum()), atol=1e-6)


def test_pairwise_covariances_are_pandas_and_the_fit_is_statsmodels_on_them():
    x = CASES[1].copy()
    rng = np.random.default_rng(9)
    x = x.mask(rng.random(x.shape) < 0.08)  # 8 % of the answers missing, at random
    r = ic.mcdonald_omega(x)
    cov = x.cov()  # pandas: pairwise-complete, each pair centred on its own rows
    np.testing.assert_allclose(r.matrix.to_numpy(), cov.to_numpy(), rtol=1e-12)
    corr = (cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))).to_numpy()
    sm = factor.Factor(corr=corr, nobs=len(x), n_factor=1, method="ml").fit()
    lam = np.asarray(sm.loadings)[:, 0]
    np.testing.assert_allclose(r.standardised_loadings.to_numpy(), lam * np.sign(lam.sum()), atol=1e-5)
    assert r.missing == "pairwise" and r.n == len(x.dropna(how="all"))
    listwise = ic.mcdonald_omega(x, missing="listwise")
    assert listwise.n == len(x.dropna())
    assert any(w.startswith("listwise:") for w in listwise.warnings)


def test_choices_and_defaults_are_stated():
    r = ic.mcdonald_omega(CASES[0])
    text = "\n".join(r.assumptions)
    for name in ("method", "standardised", "total_variance", "missing"):
        assert f"{name}: not given, taken as" in text, name
    assert "one factor fitted by maximum likelihood" in text
    assert "fitted to the items' covariances" in text
    assert "omega's denominator: the observed variance of the total" in text
    given = ic.mcdonald_omega(CASES[0], method="minres", standardised=True, total_variance="model", missing="listwise")
    assert "not given" not in "\n".join(given.assumptions)
    assert "minimum residuals" in given.assumptions[0] and "correlations" in given.assumptions[1]
    assert list(r.loadings.index) == ["q1", "q2", "q3", "q4"] and r.loadings.index.name == "item"
    assert "McDonald's omega" in str(r.summary()) and "standardised_loading" in str(r.summary())


def test_a_reversed_item_and_a_heywood_case_are_warned_of_by_name():
    x = CASES[0].copy()
    x["q2"] = 6 - x["q2"]  # reverse-keyed and not rescored
    r = ic.mcdonald_omega(x)
    assert [w for w in r.warnings if "'q2' loads negatively on the factor" in w]
    assert r.loadings["q2"] < 0 < r.loadings.sum()
    # One item almost the trait itself, two weak ones: the likelihood stops at its bound.
    rng = np.random.default_rng(4)
    t = rng.normal(size=400)
    y = pd.DataFrame(
        {
            "a": t + 0.001 * rng.normal(size=400),
            "b": 0.3 * t + rng.normal(size=400),
            "c": 0.3 * t + rng.normal(size=400),
        }
    )
    h = ic.mcdonald_omega(y)
    assert [w for w in h.warnings if w.startswith("a Heywood case: item 'a'")]


def test_long_format_is_the_wide_one():
    x = CASES[0].rename_axis("person").reset_index()
    long = x.melt(id_vars="person", var_name="question", value_name="answer")
    assert ic.mcdonald_omega(long, subject="person", item="question", score="answer") == ic.mcdonald_omega(CASES[0])


def test_bad_input_is_named():
    with pytest.raises(
        ValueError,
        match=r"items: McDonald's omega needs at least 3 items \(a one-factor model of 2 is not identified\), got 2",
    ):
        ic.mcdonald_omega(CASES[0][["q1", "q2"]])
    with pytest.raises(ValueError, match="method"):
        ic.mcdonald_omega(CASES[0], method="pca")
    with pytest.raises((ValueError, TypeError), match="standardised"):
        ic.mcdonald_omega(CASES[0], standardised="yes")
    with pytest.raises(ValueError, match="total_variance"):
        ic.mcdonald_omega(CASES[0], total_variance="both")
    constant = CASES[0].assign(q3=2.0)
    with pytest.raises(ValueError, match=r"item 'q3': is constant \(variance 0\): omega is undefined"):
        ic.mcdonald_omega(constant)
    few = CASES[2].head(5)  # 5 respondents, 8 items: no likelihood
    with pytest.raises(
        ValueError,
        match=r"not positive definite .*maximum likelihood needs it; fit by minres, or give more respondents than items",
    ):
        ic.mcdonald_omega(few, missing="listwise")
    assert ic.mcdonald_omega(few, method="minres", missing="listwise").n == 5
    with pytest.raises(ValueError, match="long format needs a DataFrame and all of subject=, item=, score="):
        ic.mcdonald_omega(CASES[0], subject="person")


def test_the_example_of_the_soft_page_prints_what_it_says(capsys):
    printed, said = section_prints("soft.md", "## Reliability: McDonald's omega", capsys)
    assert printed == said


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_interval_agrees_with_scipy_bootstrapping_the_same_statistic(method):
    # scipy's bootstrap (its own resampling, percentile and BCa) of omega as mcdonald_omega
    # computes it: the intervals agree within Monte Carlo error.
    x = CASES[0].to_numpy()[:200]
    ours = ic.bootstrap_omega(x, seed=5, resamples=1000, method=method)
    assert ours.estimate == ic.mcdonald_omega(x, missing="listwise").omega
    assert_like_scipy_bootstrap(ours, x, lambda rows: ic.mcdonald_omega(rows).omega, method, 1000)
    assert ours.statistic == "mcdonald_omega (listwise, ml)"


def test_bootstrap_acceleration_is_the_jackknife_of_omega_by_hand():
    x = CASES[2].to_numpy()
    ours = ic.bootstrap_omega(x, seed=1, resamples=200, fit="minres")
    jack = np.array([ic.mcdonald_omega(np.delete(x, i, axis=0), method="minres").omega for i in range(len(x))])
    d = jack.mean() - jack
    assert ours.acceleration == pytest.approx((d**3).sum() / (6 * ((d**2).sum()) ** 1.5), abs=1e-9)
    assert ours.statistic == "mcdonald_omega (listwise, minres)"


def test_bootstrap_is_the_same_for_any_thread_count_and_states_its_choices():
    x = CASES[1]
    runs = [ic.bootstrap_omega(x, seed=7, resamples=300, threads=t, keep_replicates=True) for t in (1, 2)]
    np.testing.assert_array_equal(runs[0].replicates, runs[1].replicates)
    text = "\n".join(runs[0].assumptions)
    assert "fit: not given, taken as 'ml' (bootstrap_omega's default)" in text
    assert "one factor fitted by maximum likelihood" in text and "missing values: listwise" in text
    with pytest.raises(ValueError, match="fit"):
        ic.bootstrap_omega(x, seed=1, fit="pca")
    few = CASES[2].head(9)
    with pytest.raises(ValueError, match=r"of 200 resamples have no omega \("):
        ic.bootstrap_omega(few, seed=1, resamples=200, method="percentile")
