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
        (Parameter.normal(mean=0.5, sd=0.3, lower=0, upper=1), stats.truncnorm(-0.5 / 0.3, 0.5 / 0.3, loc=0.5, scale=0.3)),
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
        (lambda: Parameter.beta(0, 1), "beta needs alpha > 0 and beta > 0"),
        (lambda: Parameter.discrete([1, 2], [1]), "one weight per value"),
        (lambda: Parameter(float("nan")), "must be finite"),
    ],
)
def test_invalid_shapes_are_clear_errors(make, message):
    with pytest.raises(ic.ValidationError, match=message) as info:
        make()
    assert isinstance(info.value, ValueError)


def test_value_semantics():
    for p in [Parameter(1.5), Parameter.triangular(0.2, 0.3, 0.45), Parameter.normal(1, 2, lower=0),
              Parameter.discrete([1, 2], [0.3, 0.7]), Parameter.pert(0, 1, 3, lambda_=6)]:
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
