"""Property tests of the soft-outcome statistics: Cronbach's alpha does not
depend on item order or on a constant added to an item; the effect size changes
sign when its two samples swap; bootstrap intervals contain the estimate;
scoring a user-defined sum scale of complete responses gives the row sums; two survey waves
joined on their ids (two files, or two measurements' rows of one) summarise as pandas' outer
merge of them does."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import impactchain as ic

SETTINGS = settings(max_examples=30, deadline=None, database=None)
SEEDS = st.integers(0, 2**32 - 1)


def _items(n: int, k: int, seed: int) -> np.ndarray:
    """n respondents x k items: a common trait plus item noise and item offsets,
    so every item and the total vary."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    return 3.0 + trait + 0.7 * rng.normal(size=(n, k)) + rng.uniform(-1, 1, size=(1, k))


@SETTINGS
@given(n=st.integers(5, 60), k=st.integers(2, 8), seed=SEEDS, data=st.data())
def test_cronbach_alpha_ignores_item_order(n, k, seed, data):
    x = _items(n, k, seed)
    order = data.draw(st.permutations(range(k)))
    for missing in ("pairwise", "listwise"):
        a = ic.cronbach_alpha(x, missing=missing).alpha
        b = ic.cronbach_alpha(x[:, order], missing=missing).alpha
        assert b == pytest.approx(a, rel=1e-9, abs=1e-12)


@SETTINGS
@given(n=st.integers(5, 60), k=st.integers(2, 8), seed=SEEDS, shift=st.floats(-100, 100), data=st.data())
def test_cronbach_alpha_ignores_a_constant_added_to_an_item(n, k, seed, shift, data):
    x = _items(n, k, seed)
    j = data.draw(st.integers(0, k - 1))
    y = x.copy()
    y[:, j] += shift
    # covariances, hence alpha = k/(k-1) (1 - sum var_i / var(total)), do not see a shift
    assert ic.cronbach_alpha(y).alpha == pytest.approx(ic.cronbach_alpha(x).alpha, rel=1e-8, abs=1e-10)


@SETTINGS
@given(
    n=st.integers(4, 50),
    m=st.integers(4, 50),
    seed=SEEDS,
    shift=st.floats(-3, 3),
    kind=st.sampled_from(["d", "g", "dz", "dav"]),
)
def test_effect_size_is_antisymmetric_in_its_samples(n, m, seed, shift, kind):
    rng = np.random.default_rng(seed)
    if kind in ("dz", "dav"):  # paired: same length, correlated
        b = rng.normal(10, 2, n)
        a = b + shift + rng.normal(0, 1.5, n)
    else:
        a = rng.normal(10 + shift, 2, n)
        b = rng.normal(10, 3, m)
    if kind in ("dz", "dav"):  # a = post, b = pre: change = a - b
        ab = ic.effect_size(post=a, pre=b, kind=kind)
        ba = ic.effect_size(post=b, pre=a, kind=kind)
    else:  # a = treatment, b = control: difference = a - b
        ab = ic.effect_size(treatment=a, control=b, kind=kind)
        ba = ic.effect_size(treatment=b, control=a, kind=kind)
    assert ba.value == pytest.approx(-ab.value, rel=1e-9, abs=1e-12)
    # the interval mirrors too: (lo, hi) -> (-hi, -lo)
    assert ba.ci[0] == pytest.approx(-ab.ci[1], rel=1e-7, abs=1e-9)
    assert ba.ci[1] == pytest.approx(-ab.ci[0], rel=1e-7, abs=1e-9)
    # and the sign follows the documented convention: positive when mean(a) > mean(b)
    assert np.sign(ab.value) == np.sign(np.mean(a) - np.mean(b))


@SETTINGS
@given(
    n=st.integers(10, 80),
    seed=SEEDS,
    method=st.sampled_from(["percentile", "bca"]),
    dist=st.sampled_from(["normal", "gamma", "uniform"]),
)
def test_bootstrap_mean_interval_contains_the_estimate(n, seed, method, dist):
    rng = np.random.default_rng(seed)
    x = {
        "normal": lambda: rng.normal(5, 2, n),
        "gamma": lambda: rng.gamma(2.0, 1.5, n),
        "uniform": lambda: rng.uniform(0, 1, n),
    }[dist]()
    r = ic.bootstrap_mean(x, seed=seed % 1000, resamples=400, method=method)
    assert r.estimate == pytest.approx(float(np.mean(x)), rel=1e-12)
    assert r.ci[0] <= r.estimate <= r.ci[1]


@SETTINGS
@given(n=st.integers(10, 60), k=st.integers(2, 6), seed=SEEDS, method=st.sampled_from(["percentile", "bca"]))
def test_bootstrap_alpha_interval_contains_the_estimate(n, k, seed, method):
    x = _items(n, k, seed)
    r = ic.bootstrap_alpha(x, seed=seed % 1000, resamples=400, method=method)
    assert r.estimate == pytest.approx(ic.cronbach_alpha(x, missing="listwise").alpha, rel=1e-9)
    assert r.ci[0] <= r.estimate <= r.ci[1]


@SETTINGS
@given(n=st.integers(1, 40), k=st.integers(1, 10), lo=st.integers(0, 2), width=st.integers(1, 6), seed=SEEDS)
def test_score_scale_of_complete_responses_is_the_row_sum(n, k, lo, width, seed):
    items = [f"q{i}" for i in range(k)]
    d = ic.ScaleDefinition("toy", items, item_min=lo, item_max=lo + width, scoring="sum")
    x = np.random.default_rng(seed).integers(lo, lo + width + 1, size=(n, k)).astype(float)
    s = ic.score_scale(d, x)
    np.testing.assert_array_equal(s.score.to_numpy(), x.sum(axis=1))
    assert s.n_prorated == 0 and s.n_missing_score == 0


@st.composite
def two_waves(draw):
    """Respondents with a before, an after or both (scores 0-10 or missing), each wave's rows in an
    order of its own, and a group each: what two survey exports of the same people hold."""
    n = draw(st.integers(3, 25))
    score = st.one_of(st.integers(0, 10), st.none())
    people = [
        {
            "id": f"r{k}",
            "group": draw(st.sampled_from(["a", "b"])),
            "side": draw(st.sampled_from(["both", "both", "pre", "post"])),
            "pre": draw(score),
            "post": draw(score),
        }
        for k in range(n)
    ]
    before = draw(st.permutations([p for p in people if p["side"] != "post"]))
    after = draw(st.permutations([p for p in people if p["side"] != "pre"]))
    return people, before, after


def _cell(v) -> str:
    return "" if v is None else str(v)


@SETTINGS
@given(waves=two_waves(), long=st.booleans())
def test_two_waves_joined_summarise_as_pandas_outer_merge_does(tmp_path_factory, waves, long):
    """The join of two files (data_post) or of two measurements' rows (wave) gives what one file
    of the pandas outer merge on the ids gives: the rows, those used, the mean change per group,
    and which respondents are not used."""
    pd = pytest.importorskip("pandas")
    people, before, after = waves
    folder = tmp_path_factory.mktemp("waves")
    pre_rows = [[p["id"], p["group"], _cell(p["pre"])] for p in before]
    post_rows = [[p["id"], p["group"], _cell(p["post"])] for p in after]
    spec = {"id": "w", "id_column": "id", "group": "group", "pre": "score", "post": "score", "resamples": 0}
    if long:
        lines = ["id,group,wave,score"] + [
            ",".join([i, g, w, s]) for w, rows in (("T0", pre_rows), ("T1", post_rows)) for i, g, s in rows
        ]
        (folder / "rows.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        spec |= {"data": "rows.csv", "wave": {"column": "wave", "pre": "T0", "post": "T1"}}
    else:
        for name, rows in (("pre.csv", pre_rows), ("post.csv", post_rows)):
            (folder / name).write_text(
                "\n".join(["id,group,score", *(",".join(r) for r in rows)]) + "\n", encoding="utf-8"
            )
        spec |= {"data": "pre.csv", "data_post": "post.csv"}
    # The oracle: pandas' outer merge of the two exports on the ids, written as one file.
    a = pd.DataFrame(pre_rows, columns=["id", "group", "pre"])
    b = pd.DataFrame(post_rows, columns=["id", "group_after", "post"])
    merged = a.merge(b, on="id", how="outer")
    merged["group"] = merged["group"].fillna(merged["group_after"])  # the before's group, else the after's
    merged[["id", "group", "pre", "post"]].fillna("").to_csv(folder / "merged.csv", index=False)
    one = {**spec, "data": "merged.csv", "pre": "pre", "post": "post"}
    for key in ("data_post", "wave"):
        one.pop(key, None)
    assume(any(p["side"] == "both" and p["pre"] is not None and p["post"] is not None for p in people))
    joined = ic.soft_outcome_summary(spec, folder)
    oracle = ic.soft_outcome_summary(one, folder)
    assert (joined.n_rows, joined.n_used) == (oracle.n_rows, oracle.n_used)
    assert sorted(r["id"] for r in joined.rows_not_used) == sorted(r["id"] for r in oracle.rows_not_used)
    assert sorted(joined.groups.index) == sorted(oracle.groups.index)  # groups in the order rows meet them
    assert list(joined.groups.columns) == list(oracle.groups.columns)  # a group too small lacks the same columns
    for g in oracle.groups.index:
        for column in {"n", "n_incomplete", "mean_change"} & set(oracle.groups.columns):
            x, y = joined.groups.loc[g, column], oracle.groups.loc[g, column]
            assert (x != x and y != y) or x == pytest.approx(y, rel=1e-12), (g, column)
