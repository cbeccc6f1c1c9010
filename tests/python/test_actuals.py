"""Forecast against actual (docs/portfolio.md): a file of actuals laid over its forecast, every
replaced value listed, and the difference split into its causes by the Shapley decomposition,
checked against a hand calculation."""

from __future__ import annotations

import json

import pytest

import impactchain as ic
from impactchain._actuals import ActualsError, merge_actuals
from impactchain.portfolio import PortfolioError, evaluate_portfolio
from small_models import FORECAST_HEAD

FORECAST = (
    FORECAST_HEAD
    + """name: One outcome
organisation: Coop
chain:
  nodes: [{id: coaching, level: activity, quantity: 20, unit: people}]
outcomes:
  - {id: jobs, quantity: 10, stakeholder: municipality, deadweight: 0.2,
     proxy: {value: 100, currency: EUR, source: "benefit rates"}}
"""
)


def _portfolio(tmp_path, actuals: str, forecast: str = FORECAST):
    (tmp_path / "coop.yaml").write_text(forecast, encoding="utf-8")
    (tmp_path / "coop-2024-actuals.yaml").write_text(actuals, encoding="utf-8")
    (tmp_path / "portfolio.yaml").write_text(
        "name: p\ncurrency: EUR\nprice_year: 2024\nmembers:\n"
        "  - {organisation: Coop, period: 2024, model: coop.yaml, actuals: coop-2024-actuals.yaml}\n",
        encoding="utf-8",
    )
    return evaluate_portfolio(tmp_path / "portfolio.yaml", draws=200, seed=1, threads=1)


def test_the_difference_splits_into_its_causes_as_by_hand(tmp_path):
    res = _portfolio(tmp_path, "outcomes:\n  - {id: jobs, quantity: 12, deadweight: 0.25, proxy: {value: 90}}\n")
    d = res.differences.set_index("outcome").loc["jobs"]
    # PV = Q x P x (1 - DW): forecast 10 x 100 x 0.8 = 800, actual 12 x 90 x 0.75 = 810.
    assert d["forecast"] == pytest.approx(800) and d["actual"] == pytest.approx(810)
    # The value with each set of causes switched to the actual (Q: quantity, P: proxy, A: adjustments):
    v = {"": 800, "Q": 960, "P": 720, "A": 750, "QP": 864, "QA": 900, "PA": 675, "QPA": 810}
    # Shapley: weight 1/3 for switching first or last, 1/6 for second (three causes).
    q = (v["Q"] - v[""]) / 3 + (v["QP"] - v["P"]) / 6 + (v["QA"] - v["A"]) / 6 + (v["QPA"] - v["PA"]) / 3
    p = (v["P"] - v[""]) / 3 + (v["QP"] - v["Q"]) / 6 + (v["PA"] - v["A"]) / 6 + (v["QPA"] - v["QA"]) / 3
    a = (v["A"] - v[""]) / 3 + (v["QA"] - v["Q"]) / 6 + (v["PA"] - v["P"]) / 6 + (v["QPA"] - v["QP"]) / 3
    assert (q, p, a) == pytest.approx((147.3333333, -85.1666667, -52.1666667))
    assert d["quantity"] == pytest.approx(q, rel=1e-12)
    assert d["proxy"] == pytest.approx(p, rel=1e-12)
    assert d["adjustments"] == pytest.approx(a, rel=1e-12)
    assert d["duration"] == 0 and d["discounting"] == 0
    assert d["quantity"] + d["proxy"] + d["adjustments"] == pytest.approx(d["difference"], rel=1e-12)


def test_discounting_and_duration_are_causes_of_their_own(tmp_path):
    res = _portfolio(tmp_path, "discount: {rate: 0.1}\noutcomes:\n  - {id: jobs, duration: 2}\n")
    d = res.differences.set_index("outcome").loc["jobs"]
    # Forecast 800 (one year, undiscounted); actual 800 / 1.1 + 800 / 1.21.
    actual = 800 / 1.1 + 800 / 1.21
    assert d["actual"] == pytest.approx(actual, rel=1e-12)
    # Two causes: duration alone adds 800 (undiscounted); discounting alone takes 800 - 800/1.1.
    dur = ((1600 - 800) + (actual - 800 / 1.1)) / 2
    disc = ((800 / 1.1 - 800) + (actual - 1600)) / 2
    assert d["duration"] == pytest.approx(dur, rel=1e-12)
    assert d["discounting"] == pytest.approx(disc, rel=1e-12)


def test_every_replaced_value_is_listed_and_the_rest_kept(tmp_path):
    res = _portfolio(
        tmp_path,
        "investments: [{funder: municipality, amount: 650}]\n"
        "outcomes:\n  - {id: jobs, proxy: {value: {triangular: [80, 90, 110]}}}\n",
    )
    rows = {r["path"]: r for r in res.replaced.to_dict("records")}
    assert set(rows) == {"investments", "outcomes[jobs].proxy.value"}
    assert json.loads(rows["outcomes[jobs].proxy.value"]["actual"]) == {"triangular": [80, 90, 110]}
    m = res.members.iloc[0]
    # The proxy's currency and source stay; the actual ratio is 10 x 90 x 0.8 / 650.
    assert m["actual_sroi_ratio"] == pytest.approx(720 / 650, rel=1e-12)
    assert m["actual_investment_pv"] == 650


def test_an_actuals_file_that_does_not_fit_is_refused_by_name():
    forecast = ic.loads(FORECAST, format="yaml").to_dict()
    with pytest.raises(
        ActualsError, match=r"outcomes\[0\]: employed is not in the forecast model \(its outcomes: jobs\)"
    ):
        merge_actuals(forecast, {"outcomes": [{"id": "employed", "quantity": 3}]}, "a.yaml")
    with pytest.raises(ActualsError, match=r"unknown key 'outcome'"):
        merge_actuals(forecast, {"outcome": []}, "a.yaml")
    with pytest.raises(ActualsError, match=r"outcomes\[0\] must be a mapping with id"):
        merge_actuals(forecast, {"outcomes": [{"quantity": 3}]}, "a.yaml")


def test_the_merged_model_goes_through_the_model_loader(tmp_path):
    with pytest.raises(
        ValueError, match=r"member 'Coop/2024' .*outcomes\[0\]\.deadweight: outcome 'jobs': deadweight must be in"
    ):
        _portfolio(tmp_path, "outcomes:\n  - {id: jobs, deadweight: 1.3}\n")


def test_every_problem_of_an_actuals_file_is_named_at_once(tmp_path):
    # An id the forecast lacks, an unknown key, and a value the model refuses (in an entry that
    # does fit): all three in one error, not one per run.
    actuals = "outcomes:\n  - {id: employed, quantity: 3}\n  - {id: jobs, deadweight: 1.3}\nbudget: 5\n"
    with pytest.raises(PortfolioError) as e:
        _portfolio(tmp_path, actuals)
    lines = str(e.value).splitlines()
    assert lines[0].startswith("member 'Coop/2024'") and lines[0].endswith(
        "3 problems in actuals file 'coop-2024-actuals.yaml':"
    )
    assert lines[1] == "outcomes[0]: employed is not in the forecast model (its outcomes: jobs)"
    assert lines[2].startswith("unknown key 'budget'")
    assert (
        "outcomes[1].deadweight: outcome 'jobs': deadweight must be in [0, 1], got 1.3" in lines[3]
    )  # the actuals file's own entry (its second), not the model's outcomes[0]
    # merge_actuals alone: both of its problems together.
    forecast = ic.loads(FORECAST, format="yaml").to_dict()
    with pytest.raises(ActualsError, match=r"(?s)^2 problems in actuals file 'a\.yaml':\noutcomes\[0\]: .*\nunknown"):
        merge_actuals(forecast, {"outcomes": [{"id": "employed"}], "budget": 5}, "a.yaml")


def test_numbers_written_like_thousands_in_the_actuals_are_said_with_their_line(tmp_path):
    # "1.250 people" and "2.500 euro" the Dutch way: YAML reads 1.25 and 2.5. The merged model is
    # rebuilt from plain data, so only the actuals file itself can say how a number was written.
    res = _portfolio(
        tmp_path, "outcomes:\n  - {id: jobs, quantity: 1.250}\ninvestments: [{funder: municipality, amount: 2.500}]\n"
    )
    said = [w for w in res.warnings if w.params["warning"].code == "model.dotted_thousands"]
    assert [w.code for w in said] == ["portfolio.actual_warning", "portfolio.actual_warning"]
    # Line 2 is "  - {id: jobs, quantity: 1.250}": its key `quantity` starts at column 16.
    assert said[0] == (
        "member 'Coop/2024', with its actuals (coop-2024-actuals.yaml): outcomes[0].quantity "
        "(line 2, column 16): 1.250 is read as 1.25 (a decimal point); if 1250 was meant, write 1250 (numbers take no "
        "thousands separator)"
    )
    assert said[1].params["warning"].params["path"] == "investments[0].amount"
    # What the forecast says (its outcome lasts one year, no drop-off stated...) is said of the
    # forecast only, not again of the actual.
    forecast = [str(w.params["warning"]) for w in res.warnings if w.code == "portfolio.forecast_warning"]
    actual = [str(w.params["warning"]) for w in res.warnings if w.code == "portfolio.actual_warning"]
    assert forecast and not set(forecast) & set(actual)
    codes = {n["code"] for n in res.to_dict()["notices"]["warnings"]}
    assert codes == {"portfolio.forecast_warning", "portfolio.actual_warning"}


def test_an_actual_survey_file_takes_none_of_the_forecast_files_reading():
    forecast = {
        "soft_outcomes": [
            {
                "id": "wb",
                "data": "voor2024.csv",
                "data_post": "na2024.csv",
                "skip_rows": [2, 3],
                "header_row": 1,
                "id_column": "id",
                "pre": "s",
                "post": "s",
            }
        ]
    }
    merged, replaced = merge_actuals(
        forecast, {"soft_outcomes": [{"id": "wb", "data": "enquete2025.csv", "pre": "voor", "post": "na"}]}, "a.yaml"
    )
    entry = merged["soft_outcomes"][0]
    assert entry["data"] == "enquete2025.csv" and "data_post" not in entry and "skip_rows" not in entry
    assert {"path": "soft_outcomes[wb].skip_rows", "forecast": [2, 3], "actual": None} in replaced
    assert {"path": "soft_outcomes[wb].header_row", "forecast": 1, "actual": None} in replaced
    assert {"path": "soft_outcomes[wb].data_post", "forecast": "na2024.csv", "actual": None} in replaced
    # Both files given: both replaced; the after file alone: the forecast's before file stays.
    both, _ = merge_actuals(forecast, {"soft_outcomes": [{"id": "wb", "data": "v.csv", "data_post": "n.csv"}]}, "a")
    assert (both["soft_outcomes"][0]["data"], both["soft_outcomes"][0]["data_post"]) == ("v.csv", "n.csv")
    after, _ = merge_actuals(forecast, {"soft_outcomes": [{"id": "wb", "data_post": "na2025.csv"}]}, "a")
    assert (after["soft_outcomes"][0]["data"], after["soft_outcomes"][0]["data_post"]) == ("voor2024.csv", "na2025.csv")
