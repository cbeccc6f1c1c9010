"""Parameter: constructors, central values, quantiles against scipy, value semantics."""

from __future__ import annotations

import copy
import math
import pickle

import numpy as np
import pytest
from scipy import stats

import impactchain as ic
from impactchain import Parameter


def test_fixed_and_implicit_conversion():
    p = Parameter(0.25)
    assert p.is_fixed and p.central == 0.25 and p.kind == ic.Distribution.fixed
    node = ic.Node("a", "activity", quantity=40)  # a plain number becomes a Parameter
    assert node.quantity == Parameter(40.0)


@pytest.mark.parametrize(
    ("param", "dist"),
    [
        (Parameter.uniform(low=2, high=6), stats.uniform(loc=2, scale=4)),
        (Parameter.triangular(low=0.2, mode=0.3, high=0.45), stats.triang(c=0.4, loc=0.2, scale=0.25)),
        (Parameter.normal(mean=5, sd=2), stats.norm(5, 2)),
        (
            Parameter.normal(mean=0.5, sd=0.3, lower=0, upper=1),
            stats.truncnorm(-0.5 / 0.3, 0.5 / 0.3, loc=0.5, scale=0.3),
        ),
        (Parameter.lognormal(meanlog=1, sdlog=0.5), stats.lognorm(s=0.5, scale=math.e)),
        (Parameter.beta(alpha=2, beta=6, low=10, high=20), stats.beta(2, 6, loc=10, scale=10)),
        # PERT(a, m, b, λ=4) is Beta(1 + 4(m-a)/(b-a), 1 + 4(b-m)/(b-a)) on [a, b] (Vose 2008).
        (Parameter.pert(low=0, mode=3, high=10), stats.beta(1 + 4 * 0.3, 1 + 4 * 0.7, loc=0, scale=10)),
    ],
)
def test_quantile_and_mean_agree_with_scipy(param, dist):
    u = np.array([0.01, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999])
    np.testing.assert_allclose(param.quantile(u), dist.ppf(u), rtol=1e-9, atol=1e-12)
    assert param.mean == pytest.approx(dist.mean(), rel=1e-10)


def test_central_is_mode_for_triangular_and_pert_else_mean():
    assert Parameter.triangular(0.2, 0.3, 0.45).central == 0.3
    assert Parameter.pert(0, 3, 10).central == 3
    assert Parameter.lognormal_from_moments(mean=100, sd=20).central == pytest.approx(100)


def test_discrete_weights():
    p = Parameter.discrete(values=[3, 1, 2], weights=[1, 1, 2])
    assert p.args == [1, 2, 3]
    assert p.mean == pytest.approx((1 + 4 + 3) / 4)
    assert list(p.quantile(np.array([0.2, 0.5, 0.8]))) == [1, 2, 3]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Parameter.triangular(0.5, 0.3, 0.45), "triangular needs low <= mode <= high"),
        (lambda: Parameter.uniform(1, 1), "uniform needs low < high, got low=1, high=1"),
        (lambda: Parameter.normal(0, -1), "normal needs sd > 0, got -1"),
        (lambda: Parameter.beta(0, 1), r"beta alpha must be in \(0, 1000000\], got 0"),
        (lambda: Parameter.discrete([1, 2], [1]), "one weight per value"),
        (lambda: Parameter(float("nan")), "must be finite"),
    ],
)
def test_invalid_shapes_are_clear_errors(make, message):
    with pytest.raises(ic.ValidationError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError)


def test_value_semantics():
    for p in [
        Parameter(1.5),
        Parameter.triangular(0.2, 0.3, 0.45),
        Parameter.normal(1, 2, lower=0),
        Parameter.discrete([1, 2], [0.3, 0.7]),
        Parameter.pert(0, 1, 3, lambda_=6),
    ]:
        assert eval(repr(p), {"Parameter": Parameter}) == p
        assert pickle.loads(pickle.dumps(p)) == p
        assert copy.deepcopy(p) == p
        assert Parameter.from_dict(p.to_dict()) == p
    assert Parameter(1) != Parameter(2)
    assert repr(Parameter.triangular(0.2, 0.3, 0.45)) == "Parameter.triangular(low=0.2, mode=0.3, high=0.45)"


def test_pickle_refuses_newer_versions():
    state = Parameter(1.0).__getstate__()
    future = (state[0] + 1, state[1])
    p = Parameter.__new__(Parameter)
    with pytest.raises(ValueError, match="newer than this impactchain reads"):
        p.__setstate__(future)


def test_check_within():
    assert Parameter(1.3).check_within(0, 1) == "must be in [0, 1], got 1.3"
    assert Parameter.normal(0.5, 0.1, lower=0, upper=1).check_within(0, 1) == ""


# Domains chosen so that sampling and the inverse CDF always end and stay finite:
# each message names the argument and the accepted range.
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Parameter.beta(1e50, 1e50), r"beta alpha must be in \(0, 1000000\], got 1e\+50"),
        (lambda: Parameter.beta(2, 5e6), r"beta beta must be in \(0, 1000000\], got 5000000"),
        (lambda: Parameter.pert(0, 1, 2, lambda_=1e300), r"pert lambda must be in \(0, 1000\], got 1e\+300"),
        (lambda: Parameter.lognormal(meanlog=0, sdlog=50), r"lognormal sdlog must be in \(0, 10\], got 50"),
        (lambda: Parameter.lognormal(meanlog=900, sdlog=1), r"lognormal meanlog must be in \[-500, 500\], got 900"),
        (lambda: Parameter.lognormal_from_moments(mean=1, sd=1e40), r"lognormal needs sd/mean <="),
        (lambda: Parameter.normal(0, 1e307), r"\|mean\| \+ 40\*sd must be finite"),
        (lambda: Parameter.uniform(-1e308, 1e308), "uniform range is too wide"),
    ],
)
def test_distribution_domains_are_checked_at_construction(make, message):
    with pytest.raises(ic.ValidationError, match=message):
        make()


def test_largest_accepted_arguments_match_scipy():
    # At the edges of the domains the quantiles stay finite and exact (scipy as the oracle).
    u = np.array([1e-9, 0.01, 0.5, 0.99, 1 - 1e-9])
    b = Parameter.beta(alpha=1e6, beta=1e6)
    np.testing.assert_allclose(b.quantile(u), stats.beta(1e6, 1e6).ppf(u), rtol=1e-9)
    ln = Parameter.lognormal(meanlog=500, sdlog=10)
    np.testing.assert_allclose(ln.quantile(u), stats.lognorm(s=10, scale=math.exp(500)).ppf(u), rtol=1e-9)
    assert math.isfinite(ln.mean)
    pert = Parameter.pert(0, 1, 4, lambda_=1000)  # Beta(1 + 1000/4, 1 + 3000/4) on [0, 4]
    np.testing.assert_allclose(pert.quantile(u), stats.beta(251, 751, scale=4).ppf(u), rtol=1e-9)


def test_model_file_reports_out_of_domain_parameters():
    # The model reader builds parameters through the same constructors, so it reports the same rule.
    model = {
        "impactchain": 1,
        "name": "domains",
        "currency": "EUR",
        "price_year": 2024,
        "investments": [{"funder": "f", "amount": 1000, "year": 0}],
        "outcomes": [
            {
                "id": "o",
                "quantity": 10,
                "proxy": {"value": 100, "currency": "EUR", "price_year": 2024, "source": "hand"},
                "deadweight": {"beta": {"alpha": 1e50, "beta": 1e50}},
                "displacement": 0,
                "attribution": 0,
                "drop_off": 0,
                "duration": 1,
            }
        ],
    }
    import json

    with pytest.raises(ic.ValidationError, match=r"alpha must be in \(0, 1000000\]"):
        ic.loads(json.dumps(model))
