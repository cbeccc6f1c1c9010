"""Property tests of the model file: generated valid models round-trip through
JSON and YAML; generated invalid ones (one field out of its domain, one key
misspelt, one value of the wrong type) are refused with an issue whose path
names the field. Format: docs/model-file.md and docs/model.schema.json."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import impactchain as ic

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ----------------------------------------------------------------------------- parameters


def _distinct_sorted(lo: float, hi: float, n: int) -> st.SearchStrategy[list[float]]:
    """n distinct finite numbers in [lo, hi], ascending."""
    return st.lists(
        st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False),
        min_size=n,
        max_size=n,
        unique=True,
    ).map(sorted)


def _in_range(lo: float, hi: float) -> st.SearchStrategy:
    """A Parameter every value of which lies in [lo, hi] (lo >= 0)."""
    num = st.floats(lo, hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)
    tri = _distinct_sorted(lo, hi, 3)
    forms = [
        num,
        num.map(lambda x: {"fixed": x}),
        _distinct_sorted(lo, hi, 2).map(lambda v: {"uniform": v}),
        _distinct_sorted(lo, hi, 2).map(lambda v: {"uniform": {"low": v[0], "high": v[1]}}),
        tri.map(lambda v: {"triangular": v}),
        tri.map(lambda v: {"triangular": {"low": v[0], "mode": v[1], "high": v[2]}}),
        st.tuples(tri, st.floats(0.5, 10)).map(
            lambda t: {"pert": {"low": t[0][0], "mode": t[0][1], "high": t[0][2], "lambda": t[1]}}
        ),
        st.tuples(st.floats(0.5, 20), st.floats(0.5, 20), _distinct_sorted(lo, hi, 2)).map(
            lambda t: {"beta": {"alpha": t[0], "beta": t[1], "low": t[2][0], "high": t[2][1]}}
        ),
        st.tuples(tri, st.floats(0.01, 1.0)).map(
            lambda t: {
                "normal": {"mean": t[0][1], "sd": t[1] * (t[0][2] - t[0][0]), "lower": t[0][0], "upper": t[0][2]}
            }
        ),
        st.lists(num, min_size=1, max_size=5).map(lambda v: {"empirical": v}),
        st.integers(1, 4)
        .flatmap(
            lambda n: st.tuples(
                st.lists(num, min_size=n, max_size=n), st.lists(st.floats(0.1, 5), min_size=n, max_size=n)
            )
        )
        .map(lambda t: {"discrete": {"values": t[0], "weights": t[1]}}),
    ]
    return st.one_of(forms)


RATE = _in_range(0.0, 1.0)
AMOUNT = st.one_of(
    _in_range(0.0, 1e6),
    st.tuples(st.floats(-2, 10), st.floats(0.05, 1.5)).map(lambda t: {"lognormal": {"meanlog": t[0], "sdlog": t[1]}}),
)
DURATION = _in_range(0.5, 300.0)
TEXT = (
    st.text(st.characters(categories=["L", "N"], include_characters=" -'.,()&"), min_size=1, max_size=24)
    .map(str.strip)
    .filter(bool)
)


def _ids(prefix: str, lo: int, hi: int) -> st.SearchStrategy[list[str]]:
    return st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True), min_size=lo, max_size=hi, unique=True).map(
        lambda xs: [f"{prefix}{x}" for x in xs]
    )


# ----------------------------------------------------------------------------- models


@st.composite
def valid_models(draw: st.DrawFn) -> dict:
    """A model dict every part of which is inside its domain."""
    currency = draw(st.sampled_from(["EUR", "GBP", "USD"]))
    year = draw(st.integers(1990, 2060))
    m: dict = {"impactchain": 1, "name": draw(TEXT), "currency": currency, "price_year": year}
    if draw(st.booleans()):
        m["organisation"] = draw(TEXT)
    if draw(st.booleans()):
        m["period"] = draw(st.one_of(st.just(year), st.integers(0, 5).map(lambda n: {"start": year, "end": year + n})))
    if draw(st.booleans()):
        m["role"] = draw(st.sampled_from(["intervention", "comparator"]))
    if draw(st.booleans()):
        m["notes"] = draw(TEXT)

    stakeholders = draw(_ids("s_", 1, 3))
    m["stakeholders"] = [s if draw(st.booleans()) else {"id": s, "name": draw(TEXT)} for s in stakeholders]

    indicators = draw(_ids("i_", 0, 2))
    if indicators:
        inds = []
        for i in indicators:
            ind = {
                "id": i,
                "unit": draw(TEXT),
                "kind": draw(st.sampled_from(["hard", "soft"])),
                "direction": draw(st.sampled_from(["higher", "lower"])),
            }
            if ind["kind"] == "soft":
                ind["scale"] = [0, 10]
            if draw(st.booleans()):
                ind["stakeholder"] = draw(st.sampled_from(stakeholders))
            inds.append(ind)
        m["indicators"] = inds

    # chain: input -> activities -> (output) -> outcomes
    activities = draw(_ids("a_", 1, 2))
    outputs = draw(_ids("o_", 0, 1))
    outcomes = draw(_ids("n_", 1, 3))
    nodes = [{"id": "budget", "level": "input", "quantity": draw(AMOUNT), "unit": currency}]
    edges = []
    for a in activities:
        nodes.append({"id": a, "level": "activity", "quantity": draw(AMOUNT)})
        edges.append({"from": "budget", "to": a})
    for o in outputs:
        nodes.append({"id": o, "level": "output"})
        edges.append({"from": draw(st.sampled_from(activities)), "to": o, "rate": draw(RATE)})
    for n in outcomes:
        node = {"id": n, "level": "outcome"}
        if indicators and draw(st.booleans()):
            node["indicator"] = draw(st.sampled_from(indicators))
        nodes.append(node)
        edges.append({"from": draw(st.sampled_from(activities + outputs)), "to": n, "rate": draw(RATE)})
    m["chain"] = {"nodes": nodes, "edges": edges}

    m["discount"] = draw(
        st.one_of(
            st.floats(0, 0.2).map(lambda r: {"rate": r}),
            st.sampled_from(["green_book", "green_book_health", "nl_2021"]).map(lambda s: {"schedule": s}),
        )
    )
    m["investments"] = [
        {"funder": draw(st.sampled_from(stakeholders)), "amount": draw(AMOUNT), "year": draw(st.integers(0, 3))}
        for _ in range(draw(st.integers(1, 2)))
    ]

    valued = draw(st.lists(st.sampled_from(outcomes), min_size=1, max_size=len(outcomes), unique=True))
    extra = draw(_ids("q_", 0, 1))
    outs = []
    for oid in valued + extra:
        o: dict = {
            "id": oid,
            "stakeholder": draw(st.sampled_from(stakeholders)),
            "proxy": {"value": draw(AMOUNT), "currency": currency},
        }
        if oid in outcomes:
            o["node"] = oid
        else:
            o["quantity"] = draw(AMOUNT)
        if draw(st.booleans()):
            o["proxy"]["price_year"] = year
            o["proxy"]["source"] = draw(TEXT)
        for adj in ("deadweight", "displacement", "attribution", "drop_off"):
            if draw(st.booleans()):
                o[adj] = draw(RATE)
        o["duration"] = draw(DURATION)
        if draw(st.booleans()):
            o["start"] = draw(st.sampled_from(["during", "after"]))
        outs.append(o)
    m["outcomes"] = outs
    return m


def _issue_paths(err: BaseException) -> list[str]:
    return [str(p) for p, _ in getattr(err, "issues", [])]


def _names(path: str, paths: list[str]) -> bool:
    """Some issue is about `path` or a part of it."""
    return any(p == path or p.startswith((path + ".", path + "[")) for p in paths)


# ----------------------------------------------------------------------------- round trip


@SETTINGS
@given(valid_models())
def test_valid_models_round_trip_through_json_and_yaml(tmp_path_factory, d):
    m = ic.loads(json.dumps(d), "json")
    out = m.to_dict()
    # what was read is what was written (values the generator chose, not the code's output)
    assert out["name"] == d["name"]
    assert out["currency"] == d["currency"]
    assert [o["id"] for o in out["outcomes"]] == [o["id"] for o in d["outcomes"]]
    assert [n["id"] for n in out["chain"]["nodes"]] == [n["id"] for n in d["chain"]["nodes"]]
    for got, gave in zip(out["outcomes"], d["outcomes"]):
        for adj in ("deadweight", "displacement", "attribution", "drop_off"):
            if isinstance(gave.get(adj), float):
                assert got[adj] == gave[adj] or got[adj] == {"fixed": gave[adj]}

    again = ic.loads(json.dumps(out), "json")
    assert again == m
    assert again.to_dict() == out

    p = tmp_path_factory.mktemp("rt") / "model.yaml"
    ic.save(m, p)
    from_yaml = ic.load(p)
    assert from_yaml == m
    assert from_yaml.to_dict() == out

    # == is not vacuous: a changed name makes a different model
    other = copy.deepcopy(d)
    other["name"] = d["name"] + " (other)"
    assert ic.loads(json.dumps(other), "json") != m


# ----------------------------------------------------------------------------- invalid models


def _bad_rate() -> st.SearchStrategy:
    return st.one_of(
        st.floats(1.0001, 1e6),
        st.floats(-1e6, -0.0001),
        st.just({"uniform": [0.5, 1.5]}),
        st.just({"triangular": [-0.2, 0.1, 0.3]}),
    )


@st.composite
def mutations(draw: st.DrawFn) -> tuple[dict, str]:
    """(mutated model, path of the mutated field)."""
    d = copy.deepcopy(draw(valid_models()))
    kind = draw(st.sampled_from(["domain", "typo", "type"]))
    i = draw(st.integers(0, len(d["outcomes"]) - 1))
    o = d["outcomes"][i]
    if kind == "domain":
        what = draw(st.sampled_from(["adjustment", "duration", "level", "edge_rate", "amount", "currency", "role"]))
        if what == "adjustment":
            adj = draw(st.sampled_from(["deadweight", "displacement", "attribution", "drop_off"]))
            o[adj] = draw(_bad_rate())
            return d, f"outcomes[{i}].{adj}"
        if what == "duration":
            o["duration"] = draw(st.one_of(st.just(0), st.floats(-100, -0.01), st.floats(300.5, 1e6)))
            return d, f"outcomes[{i}].duration"
        if what == "level":
            j = draw(st.integers(0, len(d["chain"]["nodes"]) - 1))
            d["chain"]["nodes"][j]["level"] = draw(st.sampled_from(["outcom", "Input", "result"]))
            return d, f"chain.nodes[{j}].level"
        if what == "edge_rate":
            rated = [k for k, e in enumerate(d["chain"]["edges"]) if "rate" in e]
            k = draw(st.sampled_from(rated))
            d["chain"]["edges"][k]["rate"] = draw(_bad_rate())
            return d, f"chain.edges[{k}].rate"
        if what == "amount":
            k = draw(st.integers(0, len(d["investments"]) - 1))
            d["investments"][k]["amount"] = draw(st.one_of(st.floats(-1e6, -0.01), st.just({"uniform": [-10, 10]})))
            return d, f"investments[{k}].amount"
        if what == "currency":
            d["currency"] = draw(st.sampled_from(["EURO", "eur", "E", "12A"]))
            return d, "currency"
        d["role"] = draw(st.sampled_from(["interventon", "baseline", ""]))
        return d, "role"
    if kind == "typo":
        what = draw(st.sampled_from(["deadweight", "duration", "stakeholder", "top", "node_level", "investment"]))
        if what in ("deadweight", "duration", "stakeholder"):
            typo = {"deadweight": "dedweight", "duration": "durtion", "stakeholder": "stakeholdr"}[what]
            o[typo] = o.pop(what, 0.1)
            return d, f"outcomes[{i}].{typo}"
        if what == "top":
            d["organisaton"] = d.pop("organisation", "Wijkcooperatie")
            return d, "organisaton"
        if what == "node_level":
            j = draw(st.integers(0, len(d["chain"]["nodes"]) - 1))
            d["chain"]["nodes"][j]["levl"] = d["chain"]["nodes"][j].pop("level")
            return d, f"chain.nodes[{j}]"
        k = draw(st.integers(0, len(d["investments"]) - 1))
        d["investments"][k]["ammount"] = d["investments"][k].pop("amount")
        return d, f"investments[{k}]"
    what = draw(st.sampled_from(["name", "deadweight", "quantity", "year", "price_year", "proxy", "edges"]))
    if what == "name":
        # (a bare integer is read as text, as ids such as 2024 are)
        d["name"] = draw(st.sampled_from([1.5, [], {}, True]))
        return d, "name"
    if what == "deadweight":
        o["deadweight"] = draw(st.sampled_from(["high", [0.1, 0.2], True, {"fixed": "x"}]))
        return d, f"outcomes[{i}].deadweight"
    if what == "quantity":
        d["chain"]["nodes"][0]["quantity"] = draw(st.sampled_from(["many", [1, 2], False]))
        return d, "chain.nodes[0].quantity"
    if what == "year":
        k = draw(st.integers(0, len(d["investments"]) - 1))
        d["investments"][k]["year"] = draw(st.sampled_from(["2024", 1.5, [0], True]))
        return d, f"investments[{k}].year"
    if what == "price_year":
        d["price_year"] = draw(st.sampled_from(["2024", 2024.5, [2024]]))
        return d, "price_year"
    if what == "proxy":
        o["proxy"] = draw(st.sampled_from([18000, "18000", [18000]]))
        return d, f"outcomes[{i}].proxy"
    d["chain"]["edges"] = draw(st.sampled_from([{"from": "budget"}, "budget -> x", 3]))
    return d, "chain.edges"


@SETTINGS
@given(mutations())
def test_invalid_models_are_refused_naming_the_field(tmp_path_factory, case):
    d, path = case
    text = json.dumps(d)
    with pytest.raises(ic.ValidationError) as json_err:
        ic.loads(text, "json")
    paths = _issue_paths(json_err.value)
    assert _names(path, paths), (path, paths)

    # the same file as YAML is refused for the same field
    import yaml

    with pytest.raises(ic.ValidationError) as yaml_err:
        ic.loads(yaml.safe_dump(d, sort_keys=False), "yaml")
    assert _names(path, _issue_paths(yaml_err.value)), (path, _issue_paths(yaml_err.value))
