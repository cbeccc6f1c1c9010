"""Where a member's problem is: a problem of a value an actuals file gave is named by that file's
field (its own entry, not the merged model's) at its line and column, and ``impactchain validate
--json`` on a portfolio gives each problem of a member's model or actuals file its own record with
the file, field, line and column, as a model file's problems have them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from impactchain.cli import main
from impactchain.portfolio import PortfolioError, check_portfolio, load_portfolio
from portfolio_files import model_text

# A second outcome after the model's 'o': in the merged model it is outcomes[1].
SECOND = "  - {id: p, quantity: 4, stakeholder: city, proxy: {value: 50, currency: EUR, source: s}}\n"
# The actuals give 'p' first: it is their outcomes[0], on the file's line 3.
ACTUALS = "impactchain: 1\noutcomes:\n  - {id: p, attribution: 25}\n  - {id: o, quantity: 12}\n"


def _portfolio(folder: Path, actuals: str = ACTUALS, model: str = "") -> Path:
    text = model or model_text(name="a", currency="EUR", year=2024) + SECOND
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    (folder / "a-actuals.yaml").write_text(actuals, encoding="utf-8")
    p = folder / "p.yaml"
    p.write_text(
        "name: t\nmembers:\n  - {organisation: A, period: 2024, model: a.yaml, actuals: a-actuals.yaml}\n",
        encoding="utf-8",
    )
    return p


def _column(text: str, line: int, key: str) -> int:
    """The 1-based column of ``key`` on the 1-based ``line`` of ``text``, counted by hand."""
    return text.split("\n")[line - 1].index(key) + 1


def test_an_actuals_problem_is_named_by_the_actuals_files_entry_and_line(tmp_path: Path) -> None:
    p = _portfolio(tmp_path)
    column = _column(ACTUALS, 3, "attribution")
    found = check_portfolio(p)
    (text,) = found.problems
    assert f"a-actuals.yaml:3:{column}: outcomes[0].attribution: outcome 'p': attribution must be in [0, 1]" in text
    assert "outcomes[1]" not in text  # the merged model's index, which the actuals file does not have
    ((place,),) = found.places
    assert (place.file, place.field, place.line, place.column) == (
        "a-actuals.yaml",
        "outcomes[0].attribution",
        3,
        column,
    )
    from impactchain.portfolio import evaluate_portfolio

    with pytest.raises(PortfolioError, match=r"a-actuals\.yaml:3:\d+: outcomes\[0\]\.attribution"):
        evaluate_portfolio(load_portfolio(p), draws=50, threads=1)


def test_a_key_merged_key_by_key_is_the_actuals_and_the_forecasts_own_value_stays_the_forecasts(
    tmp_path: Path,
) -> None:
    # A proxy is merged key by key: the price year the actuals give is theirs (their outcomes[0],
    # line 3); the forecast's proxy currencies that the actuals' model currency no longer fits are
    # the forecast's own values, named by the model file's fields (its outcomes[0] and [1]).
    actuals = "impactchain: 1\noutcomes:\n  - {id: p, proxy: {price_year: 1850}}\n"
    found = check_portfolio(_portfolio(tmp_path, actuals))
    (places,) = found.places
    column = _column(actuals, 3, "price_year")
    assert {(x.file, x.field, x.line, x.column) for x in places} == {
        ("a-actuals.yaml", "outcomes[0].proxy.price_year", 3, column)
    }
    found = check_portfolio(_portfolio(tmp_path, "impactchain: 1\ncurrency: GBP\n"))
    (places,) = found.places
    assert [(x.file, x.field, x.line) for x in places] == [
        ("a.yaml", "outcomes[0].proxy.currency", None),
        ("a.yaml", "outcomes[1].proxy.currency", None),
    ]
    assert (
        "the forecast with the actuals of 'a-actuals.yaml' is not a valid model: outcomes[1].proxy"
        in (found.problems[0])
    )


def test_validate_json_gives_each_member_file_problem_its_file_line_and_column(tmp_path: Path, capsys) -> None:
    model = model_text(name="a", currency="EUR", year=2024).replace("duration: 2,", "duration: 2, deadweight: 1.5,")
    p = _portfolio(tmp_path, "impactchain: 1\n", model)
    line = next(i for i, x in enumerate(model.split("\n"), 1) if "deadweight: 1.5" in x)
    assert main(["validate", "--json", str(p)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    (problem,) = record["problems"]
    assert problem["file"] == "a.yaml"
    assert problem["field"] == "outcomes[0].deadweight"
    assert problem["line"] == line
    assert problem["column"] is not None and problem["column"] >= 1
    assert "deadweight must be in [0, 1]" in problem["message"] and "a.yaml" not in problem["message"]
    # the actuals' problem in its own record, in the actuals file
    p = _portfolio(tmp_path)
    assert main(["validate", "--json", str(p)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    assert [(x["file"], x["field"], x["line"]) for x in record["problems"]] == [
        ("a-actuals.yaml", "outcomes[0].attribution", 3)
    ]
