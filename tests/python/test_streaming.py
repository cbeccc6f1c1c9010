"""Streaming statistics: chunked and merged summaries equal numpy on the whole data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain import _core


def test_chunks_merge_to_the_whole_weighted():
    rng = np.random.default_rng(0)
    x = rng.integers(14, 71, 5000).astype(float)
    w = rng.uniform(0.5, 2, 5000)
    parts = []
    for s in range(0, 5000, 700):
        p = ic.StreamingStats.discrete(14, 70)
        p.add(x[s : s + 700], weights=w[s : s + 700])
        parts.append(p)
    total = parts[0]
    for p in parts[1:]:
        total.merge(p)
    mean = np.average(x, weights=w)
    assert total.mean == pytest.approx(mean, rel=1e-13)
    assert total.variance == pytest.approx(np.sum(w * (x - mean) ** 2) / (w.sum() - 1), rel=1e-12)
    assert (total.min, total.max) == (x.min(), x.max())


def test_discrete_quantiles_are_exact_inverse_cdf():
    x = np.random.default_rng(1).integers(7, 36, 1001).astype(float)
    s = ic.StreamingStats.discrete(7, 35)
    s.add(x)
    for p in (0.1, 0.25, 0.5, 0.75, 0.9):
        assert s.quantile(p) == np.quantile(x, p, method="inverted_cdf")


def test_stream_csv(tmp_path):
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"score": rng.integers(14, 71, 2500), "w": rng.uniform(1, 2, 2500)})
    df.loc[10, "score"] = np.nan
    df.to_csv(tmp_path / "s.csv", index=False)
    s = ic.stream_csv(tmp_path / "s.csv", "score", lo=14, hi=70, chunksize=300)
    assert s.mean == pytest.approx(df["score"].mean(), rel=1e-13)
    assert s.sd == pytest.approx(df["score"].std(), rel=1e-12)
    assert s.n_missing == 1
    sw = ic.stream_csv(tmp_path / "s.csv", "score", lo=14, hi=70, weight="w", chunksize=300)
    ok = df["score"].notna()
    assert sw.mean == pytest.approx(np.average(df["score"][ok], weights=df["w"][ok]), rel=1e-13)
    df.loc[1000, "score"] = 99
    df.to_csv(tmp_path / "s.csv", index=False)
    with pytest.raises(ValueError, match=r"value 99 is outside the grid \[14, 70\]"):
        ic.stream_csv(tmp_path / "s.csv", "score", lo=14, hi=70, chunksize=300)


def test_streaming_bad_input():
    s = ic.StreamingStats.discrete(1, 5)
    with pytest.raises(ic.ValidationError, match="not an integer"):
        s.add(np.array([1.0, 2.5]))
    with pytest.raises(ic.ValidationError, match="total weight"):
        _ = s.mean
    with pytest.raises(ic.ValidationError, match="different grids"):
        s.merge(ic.StreamingStats.discrete(1, 6))


def test_histogram_bins_ceiling():
    assert _core.max_histogram_bins == 10**6
    assert len(ic.StreamingStats.continuous(0.0, 1.0, 10**6).counts) == 10**6  # at the ceiling: accepted
    with pytest.raises(ic.ValidationError, match=r"^bins: at most 1000000 bins are accepted, got 1000001$"):
        ic.StreamingStats.continuous(0.0, 1.0, 10**6 + 1)
    with pytest.raises(ic.ValidationError, match=r"^bins: at most 1000000 bins are accepted, got 1099511627776$"):
        ic.StreamingStats.continuous(0.0, 1.0, 2**40)
    with pytest.raises(ic.ValidationError, match=r"bins: a discrete grid .* got 2000001 for \[-1000000, 1000000\]"):
        ic.StreamingStats.discrete(-(10**6), 10**6)


def test_stream_csv_bins_ceiling_before_reading(tmp_path):
    (tmp_path / "s.csv").write_text("score\n1\n")
    with pytest.raises(ic.ValidationError, match="bins: at most 1000000 bins are accepted, got 50000000"):
        ic.stream_csv(tmp_path / "s.csv", "score", lo=0, hi=1, bins=50_000_000)
    with pytest.raises(ic.ValidationError, match=r"bins: a discrete grid .* got 10000000001"):
        ic.stream_csv(tmp_path / "s.csv", "score", lo=0, hi=1e10)
