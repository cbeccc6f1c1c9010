"""``rank_uncertainty``'s options: nothing given is ignored without a word, and the weight model
behind the intervals is recorded (the audit's finding 4). ``directions`` and ``minmax_range`` are
refused where no choice would use them; each weight model takes only its own parameter; the
model, its parameter and every default taken are in the result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic

RAW = pd.DataFrame(
    {"vol": [12.0, 30, 8, 22, 15], "complaints": [5.0, 1, 3, 8, 2], "trust": [6.5, 7.2, 5.9, 8.1, 7.0]},
    index=["Noord", "Zuid", "Oost", "West", "Centrum"],
)
W = [0.4, 0.3, 0.3]
RUN = {"draws": 200, "seed": 1, "threads": 1, "top": [1]}


def test_directions_without_any_choice_are_refused_not_ignored():
    with pytest.raises(TypeError, match=r"directions apply only with treatments, normalisations or aggregations"):
        ic.rank_uncertainty(RAW, W, directions=[1, -1, 1], **RUN)
    # with a normalisation they are applied: "complaints" lower is better; the reference at the
    # central weights is then the min-max composite of the reversed column (by hand)
    r = ic.rank_uncertainty(RAW, W, directions=[1, -1, 1], normalisations=["minmax"], **RUN)
    x = RAW.to_numpy() * [1, -1, 1]
    norm = (x - x.min(axis=0)) / (x.max(axis=0) - x.min(axis=0)) * 100
    np.testing.assert_allclose(r.reference_score, norm @ np.array(W), rtol=1e-12)
    assert r.options["directions"] == "+1, -1, +1"


def test_minmax_range_only_with_minmax_among_the_normalisations():
    with pytest.raises(TypeError, match=r"minmax_range applies only to normalisation 'minmax'.*\(none given\)"):
        ic.rank_uncertainty(RAW, W, minmax_range=(1, 100), **RUN)
    with pytest.raises(TypeError, match=r"minmax_range applies only to normalisation 'minmax'.*\(zscore, rank\)"):
        ic.rank_uncertainty(RAW, W, minmax_range=(1, 100), normalisations=["zscore", "rank"], **RUN)
    r = ic.rank_uncertainty(RAW, W, normalisations=["minmax"], **RUN)
    assert "minmax_range: not given, taken as (0.0, 100.0) (rank_uncertainty's default)" in r.assumptions
    assert r.options["minmax_range"] == "[0, 100]"
    given = ic.rank_uncertainty(RAW, W, normalisations=["minmax"], minmax_range=(1, 10), **RUN)
    assert not any(a.startswith("minmax_range") for a in given.assumptions)
    assert given.reference_score.min() >= 1 and given.options["minmax_range"] == "[1, 10]"


def test_each_weight_model_takes_only_its_own_parameter():
    with pytest.raises(
        TypeError, match=r"perturbation applies only to weight_model 'uniform', but the weight model is "
    ):
        ic.rank_uncertainty(RAW, W, perturbation=0.5, **RUN)
    with pytest.raises(TypeError, match=r"concentration applies only to weight_model 'dirichlet'"):
        ic.rank_uncertainty(RAW, W, weight_model="uniform", concentration=5, **RUN)
    drawn = np.full((3, 4), 1 / 3)
    with pytest.raises(TypeError, match=r"weight_model, perturbation apply only to weights generated"):
        ic.rank_uncertainty(RAW, drawn, weight_model="uniform", perturbation=0.1, threads=1, top=[1])


def test_the_weight_model_and_its_parameter_are_recorded_and_defaults_stated():
    r = ic.rank_uncertainty(RAW, W, **RUN)
    assert r.options == {
        "weights": "generated around the central weights",
        "weight_model": "dirichlet",
        "concentration": 100.0,
    }
    assert "weight_model: not given, taken as 'dirichlet' (rank_uncertainty's default)" in r.assumptions
    assert "concentration: not given, taken as 100.0 (rank_uncertainty's default)" in r.assumptions
    u = ic.rank_uncertainty(RAW, W, weight_model="uniform", perturbation=0.1, **RUN)
    assert u.options["weight_model"] == "uniform" and u.options["perturbation"] == 0.1
    assert not any(a.startswith(("weight_model", "perturbation")) for a in u.assumptions)
    assert u.to_dict()["options"]["perturbation"] == 0.1
    tables = u.to_tables()
    assert dict(zip(tables["options"]["option"], tables["options"]["value"]))["weight_model"] == "uniform"
    g = ic.rank_uncertainty(RAW, np.full((3, 4), 1 / 3), threads=1, top=[1])
    assert g.options == {"weights": "given: 4 draws"}


def test_central_weights_rescaled_to_sum_one_are_said():
    # [4, 3, 3] sums to 10: the reference is at [0.4, 0.3, 0.3], the same as the weights summing to 1
    r = ic.rank_uncertainty(RAW, [4, 3, 3], normalisations=["minmax"], **RUN)
    same = ic.rank_uncertainty(RAW, W, normalisations=["minmax"], **RUN)
    np.testing.assert_allclose(r.reference_score, same.reference_score, rtol=1e-12)
    assert "weights did not sum to 1 and were normalised (sum 10)" in r.warnings
    assert not any("normalised (sum" in w for w in same.warnings)
