"""Checking a portfolio before a run (docs/portfolio.md, "Checking a portfolio"): the portfolio
file's problems all at once, every member's problems (model file, actuals, footing, survey data)
named by member without computing anything, ``impactchain validate`` on a portfolio file or
folder, and a run that names every member that failed."""

from __future__ import annotations

from pathlib import Path

import pytest

import impactchain._portfolio_member as member_module
from impactchain.cli import main
from impactchain.portfolio import PortfolioError, check_portfolio, evaluate_portfolio, load_portfolio
from portfolio_files import members

MODEL = """impactchain: 1
name: {name}
currency: {currency}
price_year: 2025
stakeholders: [city]
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: 10, stakeholder: city, duration: 2, deadweight: {deadweight},
     proxy: {{value: {{triangular: [80, 100, 130]}}, currency: {currency}, source: s}}}}
"""

SOFT = """soft_outcomes:
  - {id: wb, scale: ons4_life_satisfaction, data: survey.csv, pre: pre, post: post}
"""


def _model(tmp_path: Path, name: str, currency: str = "EUR", deadweight: float = 0.1, soft: str = "") -> str:
    text = MODEL.format(name=name, currency=currency, deadweight=deadweight) + soft
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return f"{name}.yaml"


def _portfolio(tmp_path: Path, members: str, head: str = "name: fund\ncurrency: EUR\nprice_year: 2025\n") -> Path:
    p = tmp_path / "portfolio.yaml"
    p.write_text(f"{head}members:\n{members}", encoding="utf-8")
    return p


def _no_computing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("checking a portfolio computed a member")

    monkeypatch.setattr(member_module, "_evaluate", refuse)


def test_the_portfolio_file_gives_every_problem_at_once(tmp_path):
    a = _model(tmp_path, "a")
    p = _portfolio(
        tmp_path,
        f"  - {{organisation: A, period: 2024, model: {a}, colour: red}}\n"
        "  - {organisation: B, period: 2024, model: missing.yaml}\n"
        f"  - {{organisation: C, model: {a}, actuals: gone.yaml}}\n"
        f"  - {{organisation: D, period: 2024, model: {a}, actuals: gone.yaml}}\n"
        f"  - {{organisation: E, period: {{start: 2024, end: 2204}}, model: {a}}}\n",
        "name: fund\nprice_index: {2024: 0, 1024: 50}\nfx: {GBP: {rate: 1.1}}\n",
    )
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    text = str(e.value)
    lines = text.splitlines()
    assert lines[0] == f"8 problems in portfolio '{p}':"
    expected = [
        "members[0]: unknown key 'colour'",
        "members[1].model: no such file 'missing.yaml'",
        "members[2].period: the member's period is missing",
        "members[3].actuals: no such file 'gone.yaml'",
        "members[4].period: a year must be in [1900, 2200] (as a model file's), got 2204",  # a typo for 2024
        "price_index.2024 must be a positive number, got 0",
        "price_index: a year must be in [1900, 2200], got 1024",
        "fx.GBP: give rate (portfolio currency per GBP), source and date",
    ]
    assert len(lines) == 1 + len(expected)
    for want, line in zip(expected, lines[1:]):
        assert want in line, (want, line)
    # A single problem keeps its one line.
    p = _portfolio(tmp_path, "  - {organisation: B, period: 2024, model: missing.yaml}\n")
    with pytest.raises(PortfolioError, match=r"^portfolio '.*': members\[0\]\.model: no such file '.*missing\.yaml'"):
        load_portfolio(p)


def test_every_members_problem_is_named_without_computing_anything(tmp_path, monkeypatch):
    _no_computing(monkeypatch)
    (tmp_path / "survey.csv").write_text("pre,post\n5,6\n4,x\n7,y\n", encoding="utf-8")
    good, bad = _model(tmp_path, "good"), _model(tmp_path, "bad", deadweight=1.5)
    pounds, survey = _model(tmp_path, "pounds", "GBP"), _model(tmp_path, "survey", soft=SOFT)
    (tmp_path / "good-actuals.yaml").write_text("impactchain: 1\noutcomes: [{id: o, quantity: 12}]\n", encoding="utf-8")
    (tmp_path / "wrong-actuals.yaml").write_text(
        "impactchain: 1\noutcomes: [{id: nope, quantity: 3}]\n", encoding="utf-8"
    )
    p = _portfolio(
        tmp_path,
        f"  - {{organisation: Good, period: 2024, model: {good}, actuals: good-actuals.yaml}}\n"
        f"  - {{organisation: Good, period: 2025, model: {good}}}\n"
        f"  - {{organisation: Bad, period: 2024, model: {bad}}}\n"
        f"  - {{organisation: Pounds, period: 2024, model: {pounds}}}\n"
        f"  - {{organisation: Survey, period: 2024, model: {survey}}}\n"
        f"  - {{organisation: Wrong, period: 2024, model: {good}, actuals: wrong-actuals.yaml}}\n",
    )
    found = check_portfolio(p)
    assert not found.valid and found.members == 6
    assert found.failed == ["Bad/2024", "Pounds/2024", "Survey/2024", "Wrong/2024"]
    problems = "\n".join(found.problems)
    assert "member 'Bad/2024'" in problems and "deadweight must be in [0, 1], got 1.5" in problems
    assert "member 'Pounds/2024'" in problems and "in GBP, the portfolio in EUR: add fx" in problems
    assert "member 'Survey/2024'" in problems and "2 cells are not numbers" in problems
    assert "member 'Wrong/2024'" in problems and "nope" in problems
    # Files are named as the portfolio file writes them, relative to its folder: the member, the
    # model loader's own lines and the actuals alike, never by the whole path they are read by.
    assert "member 'Bad/2024' (bad.yaml): 1 problem in bad.yaml:\nbad.yaml:" in problems
    assert str(tmp_path) not in problems
    assert f"member 'Good/2024' ({good}): valid, with its actuals (good-actuals.yaml)" in found.notes
    assert f"member 'Good/2025' ({good}): valid" in found.notes
    # Without the data files the survey's member is valid.
    assert check_portfolio(p, data=False).failed == ["Bad/2024", "Pounds/2024", "Wrong/2024"]


def test_a_model_file_used_by_several_members_is_refused_once(tmp_path, monkeypatch):
    # One model file per initiative, one member per year: its problems are named for the first
    # member that uses it, and the others point there (each still fails: a run would stop on it).
    _no_computing(monkeypatch)
    (tmp_path / "survey.csv").write_text("pre,post\n5,6\n4,x\n", encoding="utf-8")
    bad, survey = _model(tmp_path, "bad", deadweight=1.5), _model(tmp_path, "survey", soft=SOFT)
    p = _portfolio(
        tmp_path,
        f"  - {{organisation: Bad, period: 2024, model: {bad}}}\n"
        f"  - {{organisation: Bad, period: 2025, model: {bad}}}\n"
        f"  - {{organisation: Survey, period: 2024, model: {survey}}}\n"
        f"  - {{organisation: Survey, period: 2025, model: {survey}}}\n",
    )
    found = check_portfolio(p)
    assert found.failed == ["Bad/2024", "Bad/2025", "Survey/2024", "Survey/2025"]
    assert len(found.problems) == 4
    assert found.problems[0].startswith("member 'Bad/2024' (bad.yaml): 1 problem in bad.yaml:\nbad.yaml:")
    assert "deadweight must be in [0, 1], got 1.5" in found.problems[0]
    assert found.problems[1] == "member 'Bad/2025' (bad.yaml): refused, as for member 'Bad/2024'"
    assert found.problems[2].startswith("member 'Survey/2024' (survey.yaml): soft outcome 'wb': survey.csv: row 3")
    assert found.problems[3] == (
        "member 'Survey/2025' (survey.yaml): its model's data files are refused, as for member 'Survey/2024'"
    )
    # Without the data files only the model file's refusal remains, still named once.
    assert check_portfolio(p, data=False).problems[1:] == [
        "member 'Bad/2025' (bad.yaml): refused, as for member 'Bad/2024'"
    ]


def test_validate_checks_a_portfolio_file_and_a_folder(tmp_path, capsys):
    a, b = _model(tmp_path, "a"), _model(tmp_path, "b", deadweight=-0.2)
    p = _portfolio(tmp_path, members(a, b))
    assert main(["validate", str(p)]) == 1
    out = capsys.readouterr()
    assert "member 'B/2024'" in out.err and "deadweight must be in [0, 1], got -0.2" in out.err
    assert f"{p}: 1 of 2 members with problems" in out.err
    assert f"member 'A/2024' ({a}): valid" in out.out
    (tmp_path / b).unlink()
    (tmp_path / "portfolio.yaml").unlink()
    assert main(["validate", str(tmp_path)]) == 0  # a folder of model files: the models in it
    assert f"{tmp_path}: valid portfolio, 1 member" in capsys.readouterr().out
    # Files of the folder that cannot be read: every one named.
    (tmp_path / "b.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("name: x\nname: y\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"2 problems in portfolio folder '{tmp_path}':" in err
    assert "\nmodel file 'b.yaml'" in err
    assert "\nmodel file 'c.yaml': line 2, column 1: name: duplicate key 'name'" in err


def test_a_run_names_every_member_that_failed(tmp_path, capsys):
    a, b, c = _model(tmp_path, "a"), _model(tmp_path, "b", deadweight=1.5), _model(tmp_path, "c", "GBP")
    p = _portfolio(tmp_path, members(a, b, c))
    with pytest.raises(PortfolioError) as e:
        evaluate_portfolio(p, draws=50, seed=1, threads=1)
    lines = str(e.value).splitlines()
    assert lines[0].startswith("2 of 3 members could not be evaluated")
    failed = [line for line in lines[1:] if not line.startswith("  ")]  # the later lines of one are indented
    assert [m.split(" (")[0] for m in failed] == ["member 'B/2024'", "member 'C/2024'"]
    assert "deadweight must be in [0, 1], got 1.5" in str(e.value) and "add fx" in failed[1]
    # The command line keeps them one per line.
    assert main(["portfolio", str(p), "-o", str(tmp_path / "out") + "/", "--draws", "100", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "could not be evaluated" in err and "\nmember 'B/2024'" in err and "\nmember 'C/2024'" in err


def test_a_first_member_that_cannot_be_read_is_named_when_it_gives_the_footing(tmp_path):
    b = _model(tmp_path, "b", deadweight=1.5)
    p = _portfolio(tmp_path, f"  - {{organisation: B, period: 2024, model: {b}}}\n", head="name: fund\n")
    with pytest.raises(PortfolioError, match=r"(?s)^member 'B/2024' \(.*b\.yaml\): .*deadweight.*first member"):
        evaluate_portfolio(p, draws=50, seed=1, threads=1)
    found = check_portfolio(p)
    assert found.failed == ["B/2024"] and "deadweight must be in [0, 1], got 1.5" in found.problems[0]


SOFT_ONLY = """impactchain: 1
name: {name}
{currency}chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
"""


@pytest.mark.parametrize(
    ("currency", "lacking", "add"),
    [
        ("currency: EUR\n", "price_year", "add price_year (e.g. price_year: 2025) to"),
        ("", "currency or price_year", "add currency (e.g. currency: EUR) and price_year (e.g. price_year: 2025) to"),
    ],
)
def test_a_footing_that_no_one_states_is_named_not_a_crash(tmp_path, capsys, currency, lacking, add):
    # A first member that values nothing in money need state neither a currency nor a price year;
    # a portfolio that states none then has no footing, and says which keys to add.
    (tmp_path / "s.yaml").write_text(SOFT_ONLY.format(name="s", currency=currency), encoding="utf-8")
    p = _portfolio(tmp_path, members("s.yaml", _model(tmp_path, "b")), head="name: fund\n")
    said = rf"^the portfolio states no {lacking}, and its first member 'S/2024' \(.*s\.yaml\), from which"
    with pytest.raises(PortfolioError, match=said) as e:
        evaluate_portfolio(p, draws=50, seed=1, threads=1)
    assert add in str(e.value)
    found = check_portfolio(p)  # both members are valid; the portfolio is not
    assert found.failed == [] and len(found.problems) == 1 and found.problems[0] == str(e.value)
    assert not found.valid
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        str(e.value),
        f"{p}: the portfolio cannot be run, though each of its 2 members is valid",
    ]
    # Stated on the portfolio, the footing is there and the soft-only member needs no conversion.
    p.write_text(p.read_text(encoding="utf-8").replace("name: fund\n", "name: fund\ncurrency: EUR\nprice_year: 2025\n"))
    assert check_portfolio(p).valid
