"""A comparison's summary (``summary()``, ``_repr_html_``) computes the PSA's frontier and EVPI
once per result, not on every call; the table it shows is the frontier and EVPI worked out here
with numpy from the draws; what is kept is neither pickled nor compared, and a version-1 state
still loads; the table is kept by the PSA result that holds the draws (not set on the read-only
ComparisonResult), once per willingness-to-pay grid, handed out as a copy. And the assumption that the models' draws are independent is a coded notice, in
English and Dutch."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impactchain as ic
from impactchain._compare_psa_result import PsaResult
from impactchain._i18n import words

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MODELS = [DATA / "market_cleaning.yaml", DATA / "traditional_provider.yaml"]
WTP = [0.0, 1.0, 2.5]
HEADING = "Acceptability frontier (CEAF) and EVPI per willingness to pay"


@pytest.fixture(scope="module")
def result() -> ic.ComparisonResult:
    return ic.compare(MODELS, draws=80, seed=11, threads=1, wtp=WTP)


def _table(r: ic.ComparisonResult) -> pd.DataFrame:
    [section] = [s for s in r.summary().sections if s.heading == HEADING]
    return section.table


def _by_numpy(costs: np.ndarray, effects: np.ndarray, names: tuple[str, ...]) -> pd.DataFrame:
    """CEAF and EVPI by hand: NMB = k·E − C per draw; the optimal strategy has the highest mean
    NMB; its probability is the share of draws where it has the highest NMB (ties: the first);
    EVPI = mean of the per-draw maximum − the maximum of the means."""
    rows = []
    for k in WTP:
        nmb = k * effects - costs
        mean = nmb.mean(axis=0)
        best = int(np.argmax(mean))
        rows.append(
            {
                "wtp": k,
                "strategy": names[best],
                "probability": float(np.mean(np.argmax(nmb, axis=1) == best)),
                "expected_nmb": float(mean[best]),
                "evpi": float(nmb.max(axis=1).mean() - mean.max()),
            }
        )
    return pd.DataFrame(rows)


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"frontier": 0, "evpi": 0}
    for name in calls:
        original = getattr(PsaResult, name)

        def counted(self, wtp, _original=original, _name=name):
            calls[_name] += 1
            return _original(self, wtp)

        monkeypatch.setattr(PsaResult, name, counted)
    return calls


def test_the_frontier_and_evpi_are_computed_once_per_result(monkeypatch: pytest.MonkeyPatch) -> None:
    r = ic.compare(MODELS, draws=80, seed=11, threads=1, wtp=WTP)
    calls = _counting(monkeypatch)
    first = _table(r)
    second = _table(r)
    r._repr_html_()
    str(r.summary())
    assert calls == {"frontier": 1, "evpi": 1}
    pd.testing.assert_frame_equal(first, second)


def test_the_table_is_the_frontier_and_evpi_of_the_draws(result: ic.ComparisonResult) -> None:
    assert result.psa is not None
    expected = _by_numpy(np.asarray(result.psa.costs), np.asarray(result.psa.effects), result.psa.strategies)
    for _ in range(2):  # the kept table, shown again, is the same
        shown = _table(result)
        assert list(shown.columns) == ["wtp", "strategy", "probability", "expected_nmb", "evpi"]
        assert shown["strategy"].tolist() == expected["strategy"].tolist()
        for column in ("wtp", "probability", "expected_nmb", "evpi"):
            np.testing.assert_allclose(shown[column].to_numpy(), expected[column].to_numpy(), rtol=1e-9, atol=1e-6)
        shown["evpi"] = -1.0  # a caller changing the table shown changes nothing kept


def test_what_is_kept_is_neither_pickled_nor_compared(result: ic.ComparisonResult) -> None:
    _table(result)
    state = result.__getstate__()
    assert set(state) == {"version", "icers", "net_benefit", "comparator", "measure", "psa", "wtp"} | {
        "assumptions",
        "options",
        "currency",
    }
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    pd.testing.assert_frame_equal(_table(again), _table(result))


def test_a_version_1_state_loads_and_shows_its_frontier(result: ic.ComparisonResult) -> None:
    state = {k: v for k, v in result.__getstate__().items() if k not in ("options", "currency")}
    state["version"] = 1
    old = ic.ComparisonResult.__new__(ic.ComparisonResult)
    old.__setstate__(state)
    assert old.options == {} and old.currency is None
    pd.testing.assert_frame_equal(_table(old), _table(result))


ENGLISH = (
    "each model is simulated on its own random stream: uncertainty the models share (e.g. a financial "
    "proxy they both use) is drawn independently for each model, so EVPI, the CEAC and the probability "
    "best can overstate the decision uncertainty between similar models"
)


def test_the_independent_draws_assumption_is_a_coded_notice_in_english_and_dutch(
    result: ic.ComparisonResult,
) -> None:
    assert all(hasattr(a, "code") for a in result.assumptions)  # every assumption is coded
    [n] = [a for a in result.assumptions if a.code == "compare.independent_draws"]
    assert n == ENGLISH and n.params == {}  # the English text as before, word for word
    assert ic.notice_codes()["compare.independent_draws"] == ENGLISH
    assert n.in_language(words("en")) == ENGLISH
    dutch = n.in_language(words("nl"))
    assert dutch.startswith("elk model is gesimuleerd met een eigen toevalsreeks") and "overschatten" in dutch
    assert {"code": "compare.independent_draws", "params": {}} in result.to_dict()["notices"]["assumptions"]
    assert pickle.loads(pickle.dumps(n)).code == "compare.independent_draws"
    assert "compare.independent_draws" not in [getattr(a, "code", None) for a in ic.compare(MODELS).assumptions]


# Four draws, two strategies. A costs and yields nothing; B costs 1 and yields 0, 1, 2, 3, so its
# net benefit k·E − C is -1, 0, 1, 2 at k = 1 (mean 0.5) and -1, 1, 3, 5 at k = 2 (mean 2).
# B is optimal at both; it is best where its net benefit beats A's 0 (a tie goes to A, the first):
# 2 of 4 draws at k = 1, 3 of 4 at k = 2. EVPI = mean of the per-draw maximum − the best mean:
# (0 + 0 + 1 + 2)/4 − 0.5 = 0.25 at k = 1, (0 + 1 + 3 + 5)/4 − 2 = 0.25 at k = 2.
COSTS = np.array([[0.0, 1.0]] * 4)
EFFECTS = np.array([[0.0, 0.0], [0.0, 1.0], [0.0, 2.0], [0.0, 3.0]])
BY_HAND = pd.DataFrame(
    {
        "wtp": [1.0, 2.0],
        "strategy": ["B", "B"],
        "probability": [0.5, 0.75],
        "expected_nmb": [0.5, 2.0],
        "evpi": [0.25, 0.25],
    }
)


def test_a_comparisons_summary_sets_nothing_on_the_comparison() -> None:
    r = ic.compare(MODELS, draws=80, seed=11, threads=1, wtp=[0.0, 1.0])
    before = dict(vars(r))
    r.summary()
    r._repr_html_()
    assert vars(r).keys() == before.keys()


def test_the_psa_keeps_the_table_once_per_grid_and_hands_out_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    p = ic.psa(COSTS, EFFECTS, ["A", "B"], threads=1)
    calls = _counting(monkeypatch)
    first = p._frontier_evpi([1.0, 2.0])
    pd.testing.assert_frame_equal(first, BY_HAND, check_dtype=False)
    first["evpi"] = -1.0  # a caller changing its copy changes nothing kept
    pd.testing.assert_frame_equal(p._frontier_evpi([1.0, 2.0]), BY_HAND, check_dtype=False)
    assert calls == {"frontier": 1, "evpi": 1}
    other = p._frontier_evpi([1.0])  # another grid: its own table
    pd.testing.assert_frame_equal(other, BY_HAND.iloc[:1], check_dtype=False)
    assert calls == {"frontier": 2, "evpi": 2}


def test_what_the_psa_keeps_is_neither_pickled_nor_compared() -> None:
    p = ic.psa(COSTS, EFFECTS, ["A", "B"], threads=1)
    fresh = ic.psa(COSTS, EFFECTS, ["A", "B"], threads=1)
    p._frontier_evpi([1.0, 2.0])
    assert set(p.__getstate__()) == {"version", "costs", "effects", "strategies", "reference", "assumptions", "threads"}
    assert p == fresh
    again = pickle.loads(pickle.dumps(p))
    assert again == p
    pd.testing.assert_frame_equal(again._frontier_evpi([1.0, 2.0]), BY_HAND, check_dtype=False)
