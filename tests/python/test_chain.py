"""OutcomeChain from Python: flow of quantities, queries, validation messages, value semantics."""

from __future__ import annotations

import pickle

import pytest

import impactchain as ic
from impactchain import Edge, Node, OutcomeChain, Parameter


def make_chain() -> OutcomeChain:
    return OutcomeChain(
        nodes=[
            Node("budget", "input", quantity=60000, unit="EUR"),
            Node("coaching", "activity", quantity=40, unit="participants"),
            Node("employed", "outcome"),
        ],
        edges=[Edge("budget", "coaching"), Edge("coaching", "employed", rate=Parameter.triangular(0.2, 0.3, 0.45))],
    )


def test_quantities_flow():
    c = make_chain()
    q = c.quantities()
    assert q["employed"] == pytest.approx(40 * 0.3)  # the brief's example: 40 trained × 30 % = 12
    assert c.topological_order() == ["budget", "coaching", "employed"]
    assert c.paths("coaching", "employed") == [["coaching", "employed"]]
    assert c.downstream("budget") == ["coaching", "employed"]
    assert "employed" in c and len(c) == 3
    assert c.node("employed").level == "outcome"


def test_errors_name_nodes_and_list_all():
    with pytest.raises(ic.ValidationError) as info:
        OutcomeChain(
            [Node("a", "activity", quantity=1), Node("b", "outcome"), Node("b", "outcome")],
            [Edge("b", "a"), Edge("a", "c")],
        )
    msg = str(info.value)
    assert "duplicate node id 'b'" in msg
    assert "edge 'b' (outcome) -> 'a' (activity) goes back a level" in msg
    assert "unknown node 'c'" in msg
    assert all(isinstance(p, str) and isinstance(m, str) for p, m in info.value.issues)


def test_bad_values_in_constructors():
    with pytest.raises(ic.ValidationError, match=r"rate must be in \[0, 1\], got 1\.3"):
        Edge("a", "b", rate=1.3)
    with pytest.raises(
        ic.ValidationError,
        match="level: must be one of 'input', 'activity', 'output', 'outcome', 'impact', got 'activty' \\(did you mean 'activity'\\?\\)",
    ):
        Node("a", "activty")
    with pytest.raises(ic.ValidationError, match="quantity must be in \\[0, inf\\], got -2"):
        Node("a", "activity", quantity=-2)


def test_value_semantics():
    c = make_chain()
    ns = {"OutcomeChain": OutcomeChain, "Node": Node, "Edge": Edge, "Parameter": Parameter}
    assert eval(repr(c), ns) == c
    assert pickle.loads(pickle.dumps(c)) == c
    assert OutcomeChain.from_dict(c.to_dict()) == c
    for n in c.nodes:
        assert eval(repr(n), ns) == n
    for e in c.edges:
        assert eval(repr(e), ns) == e


def test_indicator_and_stakeholder():
    i = ic.Indicator(id="ls", unit="points (0-10)", kind="soft", scale=(0, 10), direction="higher")
    assert i.scale == (0.0, 10.0) and i.kind == "soft"
    assert eval(repr(i), {"Indicator": ic.Indicator}) == i
    assert pickle.loads(pickle.dumps(i)) == i
    s = ic.Stakeholder("participants", description="people far from the labour market")
    assert s.name == "participants"
    assert eval(repr(s), {"Stakeholder": ic.Stakeholder}) == s
    with pytest.raises(ic.ValidationError, match="scale needs finite min < max"):
        ic.Indicator(id="x", unit="u", scale=(10, 0))
    with pytest.raises(ic.ValidationError, match="unit must not be empty"):
        ic.Indicator(id="x", unit="")
    with pytest.raises(ic.ValidationError, match="kind: must be one of 'hard', 'soft', got 'medium'"):
        ic.Indicator(id="x", unit="u", kind="medium")
