"""Property tests of the deterministic valuation (docs/value.md): present value
never rises with an adjustment (deadweight, displacement, attribution,
drop-off); money is scale-free (every proxy and every investment times c > 0
leaves the SROI ratio alone and multiplies the present value by c); present
value is linear in an outcome's quantity. Checked through ``ic.value`` on
re-loaded models and through ``ic.value_totals`` on one model."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import impactchain as ic

SETTINGS = settings(max_examples=30, deadline=None, database=None)
ADJUSTMENTS = ("deadweight", "displacement", "attribution", "drop_off")
UNIT = st.floats(0, 1, allow_nan=False)


@st.composite
def value_models(draw: st.DrawFn) -> dict:
    """A model whose outcomes have their own quantity, with plain-number assumptions."""
    outcomes = []
    for i in range(draw(st.integers(1, 3))):
        o = {
            "id": f"o{i}",
            "quantity": draw(st.floats(0.5, 1000)),
            "stakeholder": "people",
            "proxy": {"value": draw(st.floats(1, 1e5)), "currency": "EUR", "price_year": 2024},
            "duration": draw(st.floats(0.5, 12)),
            "start": draw(st.sampled_from(["during", "after"])),
        }
        for adj in ADJUSTMENTS:
            o[adj] = draw(st.floats(0, 0.9))
        outcomes.append(o)
    # at least 100: the ratio stays defined (investment PV >= 0.01, docs/value.md) after a scaling by 1e-3
    investments = [
        {"funder": f"f{k}", "amount": draw(st.floats(100, 1e6)), "year": draw(st.integers(0, 2))}
        for k in range(draw(st.integers(1, 2)))
    ]
    discount = draw(
        st.one_of(
            st.floats(0, 0.1).map(lambda r: {"rate": r}),
            st.sampled_from([{"schedule": "green_book"}, {"schedule": "nl_2021"}]),
        )
    )
    return {
        "name": "property model",
        "currency": "EUR",
        "price_year": 2024,
        "period": {"start": 2024, "end": 2024 + draw(st.integers(0, 2))},
        "stakeholders": ["people"],
        "discount": discount,
        "investments": investments,
        "outcomes": outcomes,
    }


OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "discount_first_year": st.booleans(),
        "discount_investments": st.booleans(),
        "drop_off_start": st.sampled_from(["second_year", "after_period"]),
    },
)


def _value(d: dict, **options) -> ic.ValueResult:
    return ic.value(ic.loads(json.dumps(d), "json"), switching_values=False, **options)


def _close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= 1e-11 * max(abs(scale), 1.0)


@SETTINGS
@given(d=value_models(), adj=st.sampled_from(ADJUSTMENTS), xs=st.tuples(UNIT, UNIT), opts=OPTIONS, data=st.data())
def test_present_value_never_rises_with_an_adjustment(d, adj, xs, opts, data):
    i = data.draw(st.integers(0, len(d["outcomes"]) - 1))
    lo, hi = sorted(xs)
    low, high = copy.deepcopy(d), copy.deepcopy(d)
    low["outcomes"][i][adj] = lo
    high["outcomes"][i][adj] = hi
    pv_lo = _value(low, **opts).present_value
    pv_hi = _value(high, **opts).present_value
    assert pv_hi <= pv_lo + 1e-11 * abs(pv_lo)
    if adj != "drop_off" and hi - lo > 1e-9 and hi < 1:
        # (1 - x) enters as a factor: strictly lower once the outcome has value
        one = copy.deepcopy(d)
        one["outcomes"] = [low["outcomes"][i]]
        if _value(one, **opts).present_value > 0:
            one_hi = copy.deepcopy(one)
            one_hi["outcomes"][0][adj] = hi
            assert _value(one_hi, **opts).present_value < _value(one, **opts).present_value

    # the same through value_totals on one model
    m = ic.loads(json.dumps(d), "json")
    name = f"outcomes[{d['outcomes'][i]['id']}].{adj}"
    assert name in ic.value_parameters(m)
    t_lo = ic.value_totals(m, {name: lo}, **opts)["present_value"]
    t_hi = ic.value_totals(m, {name: hi}, **opts)["present_value"]
    assert t_hi <= t_lo + 1e-11 * abs(t_lo)
    assert _close(t_lo, pv_lo, pv_lo) and _close(t_hi, pv_hi, pv_hi)


@SETTINGS
@given(d=value_models(), c=st.floats(1e-3, 1e3), opts=OPTIONS)
def test_money_is_scale_free(d, c, opts):
    scaled = copy.deepcopy(d)
    for o in scaled["outcomes"]:
        o["proxy"]["value"] *= c
    for inv in scaled["investments"]:
        inv["amount"] *= c
    base, big = _value(d, **opts), _value(scaled, **opts)
    assert big.present_value == pytest.approx(c * base.present_value, rel=1e-11, abs=1e-9)
    assert big.investment_pv == pytest.approx(c * base.investment_pv, rel=1e-11)
    assert big.npv == pytest.approx(c * base.npv, rel=1e-10, abs=1e-9 * c * base.investment_pv)
    assert base.sroi_ratio is not None and big.sroi_ratio is not None
    assert big.sroi_ratio == pytest.approx(base.sroi_ratio, rel=1e-11, abs=1e-14)


@SETTINGS
@given(d=value_models(), q1=st.floats(0, 1e4), q2=st.floats(0, 1e4), k=st.floats(0, 50), opts=OPTIONS, data=st.data())
def test_present_value_is_linear_in_quantity(d, q1, q2, k, opts, data):
    i = data.draw(st.integers(0, len(d["outcomes"]) - 1))

    def pv(q: float) -> float:
        dd = copy.deepcopy(d)
        dd["outcomes"][i]["quantity"] = q
        return _value(dd, **opts).present_value

    base = pv(0.0)
    a, b, ab, ka = pv(q1) - base, pv(q2) - base, pv(q1 + q2) - base, pv(k * q1) - base
    scale = abs(base) + abs(ab) + abs(ka) + 1.0
    assert _close(ab, a + b, scale)
    assert _close(ka, k * a, scale)
    assert a >= 0.0  # a positive proxy never gives negative value

    # value_totals reads the same quantity parameter
    m = ic.loads(json.dumps(d), "json")
    name = f"outcomes[{d['outcomes'][i]['id']}].quantity"
    assert name in ic.value_parameters(m)
    t = {q: ic.value_totals(m, {name: q}, **opts)["present_value"] for q in (0.0, q1, q1 + q2)}
    assert _close(t[q1 + q2] - t[0.0], (t[q1] - t[0.0]) + (pv(q2) - base), scale)
    assert _close(t[q1], pv(q1), scale)
