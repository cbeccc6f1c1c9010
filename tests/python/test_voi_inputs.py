"""What ``evppi`` takes and records: duplicate parameter or strategy names and text columns refused
by name, a group's members a list (a string is one name), and the result naming the knots and
the willingness to pay it was computed at."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic


@pytest.fixture(scope="module")
def draws() -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=2000), rng.normal(size=2000)
    return pd.DataFrame({"no": 0.0, "yes": 3 * x + 0.1 * y}), x, y


def test_duplicate_parameter_names_are_refused_not_one_dropped(draws) -> None:
    nb, x, y = draws
    with pytest.raises(ValueError, match=r"parameters: columns appear more than once: \['a'\]"):
        ic.evppi(nb, pd.DataFrame(np.column_stack([x, y]), columns=["a", "a"]))


def test_duplicate_strategy_names_are_refused(draws) -> None:
    nb, x, _ = draws
    params = pd.DataFrame({"x": x})
    with pytest.raises(ValueError, match=r"net_benefit: columns appear more than once: \['s'\]"):
        ic.evppi(nb.set_axis(["s", "s"], axis=1), params)
    with pytest.raises(ValueError, match=r"strategies: names appear more than once: \['s'\]"):
        ic.evppi(nb.to_numpy(), params, strategies=["s", "s"])


def test_a_text_parameter_column_is_named(draws) -> None:
    nb, x, _ = draws
    with pytest.raises(ValueError, match=r"parameters: columns \['s'\] are not numeric"):
        ic.evppi(nb, pd.DataFrame({"x": x, "s": ["a"] * len(x)}))


def test_a_group_of_one_string_is_one_name_and_an_empty_group_says_so(draws) -> None:
    nb, x, y = draws
    params = pd.DataFrame({"x": x, "y": y, "xy": x + y})
    one = ic.evppi(nb, params, groups={"g": "xy"}).table
    assert one.loc["g", "parameters"] == "xy"  # not the letters x and y
    assert one.loc["g", "evppi"] == pytest.approx(ic.evppi(nb, params[["xy"]]).table.loc["xy", "evppi"])
    with pytest.raises(ValueError, match=r"^group 'g': no members; give a list of parameter names among \['x'"):
        ic.evppi(nb, params, groups={"g": []})


def test_the_result_records_its_knots_and_willingness_to_pay(draws) -> None:
    nb, x, _ = draws
    params = pd.DataFrame({"x": x})
    default = ic.evppi(nb, params)
    assert default.knots == 6 and default.wtp is None
    assert "knots: not given, taken as 6 (evppi's default)" in default.assumptions
    given = ic.evppi(nb, params, knots=4, method="regression", threads=1)
    assert given.knots == 4 and not any(a.startswith("knots") for a in given.assumptions)
    assert ic.evppi(nb, params, method="binned").knots is None
    assert default.to_dict()["knots"] == 6
    # From a PSA: the willingness to pay of its net benefit.
    rng = np.random.default_rng(2)
    costs, effects = rng.normal([100, 150], 10, (300, 2)), rng.normal([1.0, 1.4], 0.2, (300, 2))
    p = ic.psa(costs, effects, ["a", "b"])
    theta = pd.DataFrame({"t": rng.normal(size=300)})
    at_50, at_100 = p.evppi(theta, 50), p.evppi(theta, 100)
    assert (at_50.wtp, at_100.wtp) == (50.0, 100.0)
    assert at_50.to_dict()["wtp"] == 50.0
    summary = at_50.to_tables()["summary"].set_index("field")["value"]
    assert summary["wtp"] == 50.0 and summary["knots"] == 6
    with pytest.raises(ValueError, match=r"knots must be a whole number from 2 to 20, got 6\.5"):
        ic.evppi(nb, params, knots=6.5)
