"""A seed gives the same numbers in every release: the stream's record (tests/data/streams/,
written once by its make.py) recomputed on every run.

The record is the one file of numbers the code produced; it guards the reproducibility promise
of docs/uncertainty.md, not correctness (the samplers' correctness is tested against scipy
elsewhere). Numbers are compared to 1e-12 relative: another platform's libm may round exp or log
differently in the last bit, while a changed stream differs in the first digits."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import pytest

from record_differences import differences

STREAMS = Path(__file__).resolve().parents[1] / "data" / "streams"


def _make() -> Any:
    spec = importlib.util.spec_from_file_location("streams_make", STREAMS / "make.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _differences(want: Any, got: Any) -> list[str]:
    """Where two records differ: numbers beyond 1e-12 relative, anything else unequal."""
    return differences(want, got, rel_tol=1e-12)


def _recorded(version: int) -> dict[str, Any]:
    return json.loads((STREAMS / f"stream_v{version}.json").read_text())


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return _recorded(1)


@pytest.mark.parametrize("version", [1, 2])
@pytest.mark.parametrize("threads", [1, 2])
def test_a_seed_gives_the_recorded_numbers_on_any_thread_count(version, threads):
    # Version 1 is the stream of impactchain 0.2 and earlier, still reachable; version 2 the default.
    fresh = _make().record(threads=threads, version=version)
    assert _differences(_recorded(version), fresh) == []


def test_every_stream_version_has_its_record_and_the_default_is_the_newest():
    import impactchain as ic

    assert _make().VERSIONS == tuple(range(1, ic._core.newest_stream_version + 1)) == (1, 2)
    assert ic.DEFAULTS.stream_version == 2
    assert _recorded(2)["stream_version"] == 2 and "stream_version" not in _recorded(1)


def test_the_versions_draw_differently_from_the_same_distributions():
    # Another stream, not another sampler: every continuous parameter's first draws differ, and
    # each mean over the 200,000 draws agrees between the versions within Monte Carlo error
    # (5 standard errors of the difference, from the spread of the recorded extremes as a bound
    # on the SD: (max - min) / 2 >= SD).
    v1, v2 = _recorded(1), _recorded(2)
    assert v1["sampling_methods"] == v2["sampling_methods"]
    for name, a in v1["parameters"].items():
        b = v2["parameters"][name]
        if "cumulative weights" not in v1["sampling_methods"][name]:
            assert a["first"] != b["first"], name
        sd_bound = max(a["max"] - a["min"], b["max"] - b["min"]) / 2
        assert abs(a["mean"] - b["mean"]) <= 5 * sd_bound * math.sqrt(2 / v1["draws"]), name


def _families(node: Any) -> set[str]:
    """The distribution families a model file's parameters use."""
    known = {"uniform", "triangular", "pert", "normal", "lognormal", "beta", "discrete"}
    if isinstance(node, dict):
        return {k for k in node if k in known} | {f for v in node.values() for f in _families(v)}
    if isinstance(node, list):
        return {f for v in node for f in _families(v)}
    return set()


def test_the_record_covers_every_family_and_sampling_method(recorded):
    model = json.loads((STREAMS / recorded["model"]).read_text())
    assert _families(model) == {"uniform", "triangular", "pert", "normal", "lognormal", "beta", "discrete"}
    methods = set(recorded["sampling_methods"].values())
    # The four ways a model file's parameter is drawn; a normal without bounds (the ziggurat) is not
    # one of them: every field a model file gives a distribution is bounded, so its normals are
    # truncated and drawn by inversion.
    for way in ("cumulative weights", "closed form", "AS241", "numerical inversion"):
        assert any(way in m for m in methods), (way, methods)
    assert set(recorded["parameters"]) == set(recorded["sampling_methods"])


def test_a_differing_number_is_found():
    # The comparison itself: a draw changed in its tenth digit is reported, one in its last bit is not.
    record = {"parameters": {"p": {"first": [0.123456789012, 2.0]}}}
    changed = {"parameters": {"p": {"first": [0.123456789013, 2.0]}}}
    last_bit = {"parameters": {"p": {"first": [math.nextafter(0.123456789012, 1.0), 2.0]}}}
    assert _differences(record, changed) == [".parameters.p.first[0]: 0.123456789012 != 0.123456789013"]
    assert _differences(record, last_bit) == []
