"""rank_uncertainty's ``top`` (docs/uncertainty.md, "Composite scores: rank uncertainty"): not given,
it is each of 1, 3 and 10 below the number of units, stated in the assumptions, so a handful of
units works; a k the user gives above the number of units is refused."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._i18n import words

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _numpy_ranks(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score; ties: the lower index first (numpy's stable argsort of -score)."""
    S = X @ W
    ranks = np.empty(S.shape, dtype=int)
    for d in range(S.shape[1]):
        ranks[np.argsort(-S[:, d], kind="stable"), d] = np.arange(1, S.shape[0] + 1)
    return ranks


@pytest.mark.parametrize(("units", "ks"), [(1, ()), (2, (1,)), (3, (1,)), (4, (1, 3)), (10, (1, 3)), (11, (1, 3, 10))])
def test_top_not_given_is_each_of_1_3_10_below_the_units(units, ks):
    g = np.random.default_rng(units)
    X = np.round(g.random((units, 3)) * 20) / 20  # values on a grid of 1/20: sums exact enough to rank alike
    W = g.dirichlet(np.full(3, 10.0), size=300).T
    W /= W.sum(axis=0, keepdims=True)
    r = ic.rank_uncertainty(X, W, threads=1)
    assert r.top == ks
    assert [c for c in r.table.columns if c.startswith("p_rank_le_")] == [f"p_rank_le_{k}" for k in ks]
    ranks = _numpy_ranks(X, W)
    for i, k in enumerate(ks):
        np.testing.assert_array_equal(r.p_top[:, i], (ranks <= k).mean(axis=1))
    (note,) = [a for a in r.assumptions if a.code == "rank_uncertainty.top_default"]
    shown = ", ".join(map(str, ks))
    assert note == f"top: not given, taken as ({shown}): each of 1, 3 and 10 below the number of units ({units})"
    assert note.in_language(words("nl")) == (
        f"top: niet opgegeven, ({shown}) genomen: elk van 1, 3 en 10 dat kleiner is dan het aantal eenheden ({units})"
    )


def test_a_top_given_is_kept_and_not_stated():
    X = np.array([[0.1, 0.5], [0.4, 0.2], [0.9, 0.7], [0.3, 0.3], [0.6, 0.1]])
    given = {"draws": 50, "seed": 1, "threads": 1, "weight_model": "dirichlet", "concentration": 100.0}
    r = ic.rank_uncertainty(X, [0.5, 0.5], top=[2, 5], **given)
    assert r.top == (2, 5) and r.assumptions == ()
    np.testing.assert_array_equal(r.p_top[:, 1], np.ones(5))  # P(rank <= 5) of five units
    with pytest.raises(ic.ValidationError, match=r"top\[1\]: must be in \[1, 5\] \(the number of units\), got 10"):
        ic.rank_uncertainty(X, [0.5, 0.5], draws=50, seed=1, threads=1, top=[1, 10])


def test_the_docs_example_runs_as_written_on_five_neighbourhoods():
    """docs/uncertainty.md's block (the audit's finding 4: it raised about top, which it never gives)."""
    page = (DOCS / "uncertainty.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```python\n(.*?)^```", page, re.S | re.M) if "ic.rank_uncertainty(raw_df" in b]
    scope: dict = {"ic": ic, "pd": pd}
    exec(block, scope)
    r, t = scope["r"], scope["t"]
    assert list(r.table.index) == ["Noord", "Zuid", "Oost", "West", "Centrum"]
    assert r.top == (1, 3) and {"p_rank_le_1", "p_rank_le_3"} <= set(r.table.columns)
    assert r.table["p_rank_le_1"].sum() == pytest.approx(1.0, abs=1e-12)  # one unit is first in each draw
    assert r.table["p_rank_le_3"].sum() == pytest.approx(3.0, abs=1e-12)
    assert "top: not given, taken as (1, 3): each of 1, 3 and 10 below the number of units (5)" in r.assumptions
    assert int(r.choice_table.to_numpy().sum()) == 10_000
    assert int(t.treatment_draws.sum()) == t.draws
