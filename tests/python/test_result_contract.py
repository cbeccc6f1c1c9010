"""One contract for every public result type (docs/api.md, "Results"), checked on each:
strict JSON through ``to_dict()``, a ``Summary`` with three renderings that escape user
text, a bounded ``_repr_html_``, ``==`` and a versioned pickle, frozen attributes, the
``table`` property and ``__module__ == "impactchain"``. Each result comes from a small
real call; a new public result class must be added to CASES (a test checks it)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import pickle
import re
import warnings
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain import _text
from impactchain._result import RESULT_TYPES, Result

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
HOSTILE = "<script>alert(1)</script>"


def _model(path: Path, name: str | None = None, outcome_name: str | None = None) -> ic.Model:
    d = ic.load(path).to_dict()
    if name is not None:
        d["name"] = name
    if outcome_name is not None:
        d["outcomes"][0]["name"] = outcome_name
    return ic.Model.from_dict(d)


def _effect(x: Any, y: Any) -> Any:
    """effect_size of x versus y (x - y), independent groups."""
    return ic.effect_size(treatment=x, control=y)


def _soft(tmp: Path, n: int, ident: str) -> Any:
    rng = np.random.default_rng(1)
    pre = rng.integers(10, 30, n).astype(float)
    post = np.minimum(pre + rng.integers(-2, 5, n), 35).astype(object)
    post[::7] = ""  # every 7th respondent did not answer afterwards: a row not used
    pd.DataFrame({"respondent": [f"r{i}" for i in range(n)], "pre": pre, "post": post}).to_csv(
        tmp / "s.csv", index=False
    )
    spec = {
        "id": ident,
        "data": "s.csv",
        "pre": "pre",
        "post": "post",
        "id_column": "respondent",
        "resamples": 200,
        "seed": 3,
    }
    return ic.soft_outcome_summary(spec, tmp)


def _scores(n: int) -> Any:
    rng = np.random.default_rng(2)
    d = ic.builtin_scale("swemwbs")
    return ic.score_scale(d, pd.DataFrame(rng.integers(1, 6, (n, len(d.items))).astype(float), columns=list(d.items)))


def _units(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    return pd.DataFrame(
        rng.uniform(1, 100, (n, 3)),
        columns=["jobs", HOSTILE, "volunteers"],
        index=pd.Index([HOSTILE] + [f"unit {i}" for i in range(1, n)], name="unit"),
    )


def _two_groups(n: int) -> pd.DataFrame:
    """Six items of two group factors under one general factor, one of them named HOSTILE."""
    rng = np.random.default_rng(5)
    g, f1, f2 = rng.normal(size=(3, n))
    cols = {f"q{j}": g + (f1 if j < 3 else f2) + rng.normal(size=n) for j in range(6)}
    cols[HOSTILE] = cols.pop("q5")
    return pd.DataFrame(cols)


def _simulation(sobol: int = 0) -> Any:
    return ic.simulate(_model(DATA / "model_basic.json"), draws=200, seed=1, threads=1, sobol_draws=sobol)


def _psa(draws: int) -> Any:
    rng = np.random.default_rng(5)
    return ic.psa(
        rng.normal([100.0, 120.0], 5.0, (draws, 2)),
        rng.normal([1.0, 1.3], 0.1, (draws, 2)),
        [HOSTILE, "coaching"],
        threads=1,
    )


def _evppi(draws: int) -> Any:
    rng = np.random.default_rng(6)
    theta = pd.DataFrame({HOSTILE: rng.normal(0, 1, draws), "b": rng.normal(0, 1, draws)})
    return ic.evppi(np.column_stack([np.zeros(draws), theta[HOSTILE] + 0.5 * theta["b"]]), theta)


def _evsi(draws: int) -> Any:
    rng = np.random.default_rng(7)
    theta = pd.DataFrame({HOSTILE: rng.normal(0, 1, draws)})
    return ic.evsi(np.column_stack([np.zeros(draws), theta[HOSTILE] - 0.2]), theta, HOSTILE, [10, 100], sd=2.0, seed=3)


def _portfolio(tmp: Path) -> Any:
    (tmp / "m.json").write_text(_model(DATA / "value_two_outcomes.json").to_json())
    (tmp / "p.json").write_text(
        json.dumps({"name": HOSTILE, "members": [{"organisation": HOSTILE, "period": 2024, "model": "m.json"}]})
    )
    return ic.evaluate_portfolio(tmp / "p.json", draws=200, seed=1, threads=1)


def _report(tmp: Path) -> Any:
    models = [_model(DATA / "value_two_outcomes.json", name=HOSTILE), _model(DATA / "value_warnings.json")]
    paths = []
    for i, m in enumerate(models):
        p = tmp / f"m{i}.json"
        p.write_text(m.to_json())
        paths.append(p)
    return ic.build_report(paths, draws=200, seed=1)


#: Result type -> (builder(tmp dir, rows) of a small real result, whether the HOSTILE label is shown).
CASES: dict[str, tuple[Callable[[Path, int], Any], bool]] = {
    "ValueResult": (lambda t, n: ic.value(_model(DATA / "model_basic.json", outcome_name=HOSTILE)), True),
    "SimulationResult": (lambda t, n: _simulation(), False),
    "OutputSummary": (lambda t, n: _simulation().summary_by_output["npv"], False),
    "Tornado": (lambda t, n: _simulation().tornado_result, False),
    "SobolIndices": (lambda t, n: _simulation(sobol=64).sobol_result, False),
    "SoftOutcomeSummary": (lambda t, n: _soft(t, n, HOSTILE), True),
    "AlphaResult": (lambda t, n: ic.cronbach_alpha(_units(max(n, 5)).reset_index(drop=True)), True),
    "OmegaResult": (lambda t, n: ic.mcdonald_omega(_units(max(n, 5)).reset_index(drop=True), method="minres"), True),
    "HierarchicalOmegaResult": (lambda t, n: ic.hierarchical_omega(_two_groups(max(n, 200)), groups=2), True),
    "EffectSizeResult": (lambda t, n: _effect(np.arange(n, dtype=float) % 11, np.arange(n, dtype=float) % 7), False),
    "BootstrapCI": (lambda t, n: ic.bootstrap_mean(np.arange(n, dtype=float) % 13, seed=2, resamples=200), False),
    "DistanceTravelled": (
        lambda t, n: ic.distance_travelled(
            np.arange(n, dtype=float) % 9,
            np.arange(n, dtype=float) % 9 + (np.arange(n) % 3),
            [HOSTILE if i % 2 else "north" for i in range(n)],
            seed=4,
            resamples=200,
        ),
        True,
    ),
    "ScaleScores": (lambda t, n: _scores(n), False),
    "CompositeResult": (lambda t, n: ic.composite(_units(n)), True),
    "AhpWeights": (
        lambda t, n: ic.ahp_weights(
            pd.DataFrame([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]], columns=["cost", HOSTILE, "reach"])
        ),
        True,
    ),
    "PcaWeightsResult": (lambda t, n: ic.pca_weights(_units(max(n, 10)).reset_index(drop=True)), True),
    "RankUncertaintyResult": (lambda t, n: ic.rank_uncertainty(_units(n), [0.5, 0.3, 0.2], draws=100, seed=1), True),
    "RevenueProfileResult": (
        lambda t, n: ic.revenue_profile(
            pd.DataFrame(
                {
                    "name": [HOSTILE, "room hire", "donations"],
                    "type": ["municipality", "trading", "gifts"],
                    "amount": [5000.0, 3000.0, 2000.0],
                }
            )
        ),
        True,
    ),
    "SocialCapitalResult": (
        lambda t, n: ic.social_capital_profile(
            pd.DataFrame(
                {
                    "name": ["neighbours known", "clubs", "council contact"],
                    "dimension": ["bonding", "bridging", "linking"],
                    "value": [6.0, 3.0, 2.0],
                    "min": [0.0, 0.0, 0.0],
                    "max": [10.0, 5.0, 4.0],
                }
            )
        ),
        False,
    ),
    "LensResult": (
        lambda t, n: ic.lenses(
            pd.DataFrame(
                {"sroi_ratio": [1.5, 2.0, 1.2], "cost_per_outcome": [9.0, 7.0, 8.0]},
                index=[HOSTILE, "coaching", "training"],
            )
        ),
        True,
    ),
    "PsaResult": (lambda t, n: _psa(n), True),
    "ComparisonResult": (
        lambda t, n: ic.compare(
            [_model(DATA / "value_two_outcomes.json", name=HOSTILE), _model(DATA / "value_warnings.json")]
        ),
        True,
    ),
    "Report": (lambda t, n: _report(t), True),
    "EvppiResult": (lambda t, n: _evppi(max(n, 100)), True),
    "EvsiResult": (lambda t, n: _evsi(max(n, 100)), True),
    "PortfolioResult": (lambda t, n: _portfolio(t), True),
}

#: Exported classes that are not results (inputs, model parts, errors, the summary itself).
NOT_RESULTS = {
    "Distribution",
    "Edge",
    "Indicator",
    "Level",
    "Model",
    "Node",
    "OutcomeChain",
    "Parameter",
    "Stakeholder",
    "ValidationError",
    "DiscountBand",
    "DiscountSchedule",
    "ScaleDefinition",
    "StreamingStats",
    "Summary",
    "Notice",  # a str with a code: an item of a result's warnings and assumptions, not a result
    "Defaults",
    "Portfolio",  # the input of evaluate_portfolio
}  # the package's defaults (ic.DEFAULTS): configuration, not a result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = {}
    for name, (build, _) in CASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # a positional form kept one release
            out[name] = build(tmp_path_factory.mktemp(name), 60)
    return out


def test_every_public_result_class_is_in_the_contract_test():
    exported = {n: getattr(ic, n) for n in ic.__all__ if isinstance(getattr(ic, n), type)}
    results = {n for n, c in exported.items() if issubclass(c, Result)}
    assert results == set(CASES), "add the new result type to CASES"
    others = set(exported) - results - NOT_RESULTS
    assert not others, f"exported classes that do not follow the result contract: {sorted(others)}"
    assert {c.__name__ for c in RESULT_TYPES} == results, "every class made public by result_type is exported"


@pytest.mark.parametrize("name", list(CASES))
def test_to_dict_is_strict_json(built, name):
    r = built[name]
    assert type(r).__name__ == name
    d = r.to_dict()
    assert d["type"] == name and isinstance(d["version"], int)
    assert json.loads(json.dumps(d, allow_nan=False)) == d


@pytest.mark.parametrize("name", list(CASES))
def test_tables_out_open_in_pandas(built, name, tmp_path):
    """Every result's tables (to_tables) go to CSV and xlsx and read back with their shapes."""
    r = built[name]
    tables = r.to_tables()
    assert next(iter(tables)) == "summary" and list(tables)[-1] == "notes"
    assert all(isinstance(t, pd.DataFrame) for t in tables.values())
    sheets = pd.read_excel(r.to_excel(tmp_path / "t.xlsx"), sheet_name=None)
    assert list(sheets) == [n[:31] for n in tables]
    for n, t in tables.items():
        assert sheets[n[:31]].shape == t.shape, n
    for p in r.to_csv(tmp_path / "csv"):
        frame = tables[p.stem]
        if frame.shape[1]:  # a table without columns is an empty file
            assert pd.read_csv(p).shape == frame.shape, p.name


@pytest.mark.parametrize("name", list(CASES))
def test_summary_renders_three_ways_and_escapes_user_text(built, name):
    r = built[name]
    s = r.summary()
    assert isinstance(s, ic.Summary)
    text, page, md = s.as_text(), s.as_html(), s.as_markdown()
    for rendering in (text, page, md):
        assert isinstance(rendering, str) and rendering.strip()
    assert str(s) == text
    assert _text.plain(s.title) in text and _text.html(s.title) in page and _text.md(s.title) in md
    assert "<script>" not in page and "<script>" not in r._repr_html_()
    assert "&lt;" not in md
    if CASES[name][1]:
        assert "&lt;script&gt;" in page and r"\<script\>" in md


@pytest.mark.parametrize("name", list(CASES))
def test_table_is_a_property_with_the_call_kept_one_release(built, name):
    r = built[name]
    t = r.table
    assert isinstance(t, pd.DataFrame)
    assert type(t.head()) is pd.DataFrame  # pandas operations give plain frames
    with pytest.warns(DeprecationWarning, match=r"r\.table\(\)"):
        called = r.table()
    assert called.equals(t)


@pytest.mark.parametrize("name", list(CASES))
def test_equal_pickle_round_trip_frozen_public_module(built, name):
    r = built[name]
    assert type(r).__module__ == "impactchain" and getattr(ic, name) is type(r)
    again = pickle.loads(pickle.dumps(r))
    assert again == r and not (again != r)  # noqa: SIM202 (__ne__ is checked too)
    assert pickle.loads(pickle.dumps(r))._version == type(r)._version
    first = next(iter(r._state()))
    with pytest.raises(AttributeError):
        setattr(r, first, None)
    with pytest.raises(AttributeError):
        r.not_a_field = 1
    assert len(repr(r)) < 300


#: Result types that state their assumptions (each default used and each method choice).
STATING = [
    "ValueResult",
    "SimulationResult",
    "SoftOutcomeSummary",
    "AlphaResult",
    "OmegaResult",
    "HierarchicalOmegaResult",
    "EffectSizeResult",
    "BootstrapCI",
    "DistanceTravelled",
    "ScaleScores",
    "CompositeResult",
    "AhpWeights",
    "PcaWeightsResult",
    "RankUncertaintyResult",
    "RevenueProfileResult",
    "SocialCapitalResult",
    "LensResult",
    "PsaResult",
    "ComparisonResult",
]


@pytest.mark.parametrize("name", STATING)
def test_assumptions_are_stated_in_the_data_and_the_summary(built, name):
    r = built[name]
    stated = r.assumptions
    assert isinstance(stated, tuple) and stated and all(isinstance(a, str) and a for a in stated)
    assert r.to_dict()["assumptions"] == list(stated)
    text = str(r.summary())
    assert all(f"assumption: {a}" in text for a in stated)


def test_equality_sees_a_different_number():
    a = ic.bootstrap_mean([1.0, 2.0, 4.0, 8.0], seed=1, resamples=200)
    b = ic.bootstrap_mean([1.0, 2.0, 4.0, 9.0], seed=1, resamples=200)
    assert a == ic.bootstrap_mean([1.0, 2.0, 4.0, 8.0], seed=1, resamples=200) and a != b
    v = ic.value(DATA / "model_basic.json")
    assert v != ic.value(DATA / "model_basic.json", adjustments="additive")


#: Types whose result can hold one row per respondent, unit or draw.
BIG = [
    "SoftOutcomeSummary",
    "DistanceTravelled",
    "ScaleScores",
    "CompositeResult",
    "RankUncertaintyResult",
    "PsaResult",
    "EffectSizeResult",
    "BootstrapCI",
]


@pytest.mark.parametrize("name", BIG)
def test_repr_html_is_bounded_for_5000_rows(tmp_path, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        r = CASES[name][0](tmp_path, 5000)
    page = r._repr_html_()
    assert len(page.encode()) < 20_000
    assert "e+" not in page  # money and counts never in exponent form


def test_repr_html_says_how_many_rows_are_left_out(tmp_path):
    page = CASES["CompositeResult"][0](tmp_path, 5000)._repr_html_()
    assert "… 4,980 more rows" in page


def test_money_has_thousands_separators_not_exponents():
    r = ic.value(DATA / "model_basic.json")
    assert f"{r.present_value:,.0f}" in r._repr_html_()
    assert "e+" not in r._repr_html_() and "e+" not in str(r.summary())


# --------------------------------------------------------------------------- the JSON convention
def test_json_ready_convention():
    nan, inf = float("nan"), float("inf")
    df = pd.DataFrame({"x": [1.5, nan], "y": [-inf, 2.0], "n": [1, 2]}, index=pd.Index(["a", "b"], name="id"))
    got = ic.json_ready(
        {
            "n": np.int64(3),
            "v": np.float32(0.5),
            "missing": pd.NA,
            "none": None,
            "up": inf,
            "down": -inf,
            "nan": np.nan,
            "arr": np.array([1.0, nan]),
            "frame": df,
            "plain": pd.DataFrame({"y": [1, 2]}),
            "flag": np.bool_(True),
        }
    )
    assert got == {
        "n": 3,
        "v": 0.5,
        "missing": None,
        "none": None,
        "up": "inf",
        "down": "-inf",
        "nan": None,
        "arr": [1.0, None],
        "frame": [{"id": "a", "x": 1.5, "y": "-inf", "n": 1}, {"id": "b", "x": None, "y": 2.0, "n": 2}],
        "plain": [{"y": 1}, {"y": 2}],
        "flag": True,
    }
    assert float(got["up"]) == inf and float(got["down"]) == -inf
    json.dumps(got, allow_nan=False)


def test_dataframe_results_state_warnings_options_assumptions_in_attrs():
    t = ic.icers(["a", "b"], [1.0, 1.0], [2.0, 2.0])
    assert set(t.attrs) == {"warnings", "options", "assumptions"} and t.attrs["warnings"]
    nb = ic.net_benefit(["a", "b"], [1.0, 2.0], [3.0, 5.0], 10.0)
    assert nb.attrs == {"warnings": [], "options": {"wtp": 10.0}, "assumptions": []}


# --------------------------------------------------------------------------- kept old forms
def test_soft_outcome_summary_mapping_access_warns(tmp_path):
    r = _soft(tmp_path, 30, "wellbeing")
    with pytest.warns(DeprecationWarning, match="as a mapping"):
        assert r["n_used"] == r.n_used
    with pytest.warns(DeprecationWarning, match=r"as a mapping \(r\['groups'\]\)"):
        assert r["groups"] == r.to_dict()["groups"]
    with pytest.warns(DeprecationWarning, match=r"as a mapping \('key' in r\)"):
        assert "rows_not_used" in r


def test_psa_summary_property_form_warns():
    p = _psa(40)
    assert isinstance(p.summary(), ic.Summary)
    with pytest.warns(DeprecationWarning, match=r"PsaResult\.summary as a DataFrame"):
        means = p.summary.mean_cost
    assert means.equals(p.table["mean_cost"])
    with pytest.warns(DeprecationWarning, match=r"PsaResult\.summary as a DataFrame"):
        assert p.summary["sd_cost"].equals(p.table["sd_cost"])


# --------------------------------------------------------------------------- versioned pickles
def _make_module() -> Any:
    spec = importlib.util.spec_from_file_location("pickles_make", DATA / "pickles" / "make.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _release(version: str) -> tuple[int, int]:
    major, minor = version.split(".")[:2]
    return int(major), int(minor)


def test_pickles_of_every_written_version_still_load():
    make = _make_module()
    written = json.loads((DATA / "pickles" / "written_with.json").read_text())
    found = sorted((DATA / "pickles").glob("*_v*.pkl"))
    results = [p for p in found if p.name.rsplit("_v", 1)[0] in make.BUILDERS]
    assert {p.name.rsplit("_v", 1)[0] for p in results} == set(make.BUILDERS)
    assert {p.name for p in results} == set(written), "make.py records who wrote each pickle"
    installed = {"pandas": _release(pd.__version__), "numpy": _release(np.__version__)}
    readable = [p for p in results if all(_release(written[p.name][k]) <= v for k, v in installed.items())]
    if not readable:
        pytest.skip(f"every result pickle was written by a newer pandas/numpy than {installed}")
    for path in readable:
        fresh = make.builder(path.name)()
        stored = pickle.loads(path.read_bytes())
        assert stored == fresh or _in_todays_words(stored) == fresh, path.name


def _in_todays_words(result):
    """``result`` with its text in today's wording: a pickle keeps the text it was written with,
    and the English of percentages has since lost its space (``2.25 %`` is now ``2.25%``) and a
    price indexing multiplies with ``×``, not ``x``. Only that rewording; every number and every
    other text must be the same."""

    def reword(x):
        if isinstance(x, str):
            return re.sub(r"(\d) %", r"\1%", x).replace(": x index[", ": \u00d7 index[")
        if isinstance(x, tuple):
            return tuple(reword(v) for v in x)
        if isinstance(x, list):
            return [reword(v) for v in x]
        return x

    state = {k: reword(v) for k, v in result.__getstate__().items()}
    out = object.__new__(type(result))
    out.__setstate__(state)
    return out


def test_a_newer_pickle_version_is_refused():
    r = ic.bootstrap_mean([1.0, 2.0, 3.0], seed=1, resamples=200)
    state = {**r.__getstate__(), "version": type(r)._version + 1}
    fresh = object.__new__(type(r))
    with pytest.raises(ValueError, match="newer than this impactchain reads"):
        fresh.__setstate__(state)


def test_model_has_a_short_repr_and_an_html_view():
    m = ic.load(DATA / "model_basic.json")
    assert repr(m).startswith(f"<Model {m.name!r}") and len(repr(m)) < 200
    assert _text.html(m.name) in m._repr_html_() and len(m._repr_html_()) < 5000
    assert dataclasses.is_dataclass(ic.ValueResult)
