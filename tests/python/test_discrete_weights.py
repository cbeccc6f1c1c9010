"""A discrete parameter's weights count in proportion, however large: 1e308 and 1e308 sum to
infinity as doubles, which made the central value 0 and every draw the last value."""

from __future__ import annotations

import shutil

import numpy as np

import impactchain as ic


def test_equal_huge_weights_give_the_mean_of_the_values():
    p = ic.Parameter.discrete([0.1, 0.2], [1e308, 1e308])
    assert abs(p.mean - 0.15) < 1e-15  # (0.1 + 0.2) / 2
    assert abs(p.central - 0.15) < 1e-15
    assert (p.quantile(0.49), p.quantile(0.51)) == (0.1, 0.2)
    assert p.weights == [1e308, 1e308]  # as given


def test_proportions_hold_at_any_scale():
    # {3e307, 1e308, 6e307} is {3, 10, 6} / 19.
    p = ic.Parameter.discrete([1, 2, 3], [3e307, 1e308, 6e307])
    assert abs(p.mean - (1 * 3 + 2 * 10 + 3 * 6) / 19) < 1e-12


def test_a_model_with_huge_weights_loads_with_its_central_value_and_draws_both_values(examples_dir, tmp_path):
    text = (examples_dir / "minimal.yaml").read_text(encoding="utf-8")
    old = "rate: {triangular: [0.15, 0.25, 0.35]}"
    text = text.replace(old, "rate: {discrete: {values: [0.1, 0.2], weights: [1e308, 1e308]}}")
    shutil.copytree(examples_dir / "surveys", tmp_path / "surveys")
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    model = ic.load(tmp_path / "m.yaml")
    assert abs(model.chain.edges[0].rate.central - 0.15) < 1e-15
    # 30 coached × 0.15 = 4.5 employed, centrally.
    assert abs(model.chain.quantities()["employed"] - 4.5) < 1e-9
    result = ic.simulate(tmp_path / "m.yaml", draws=4000, seed=3, keep_parameters=True)
    column = list(result.parameter_names).index("chain.edges[coaching->employed].rate")
    draws = np.asarray(result.parameters_array)[:, column]
    assert set(np.unique(draws).tolist()) == {0.1, 0.2}
    share = float(np.mean(draws == 0.1))
    assert abs(share - 0.5) < 5 * (0.25 / 4000) ** 0.5
