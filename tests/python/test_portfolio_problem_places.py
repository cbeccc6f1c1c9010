"""Where ``impactchain validate --json`` places a portfolio's problems: a member's survey-data
problem in the member's model file (or in its actuals file, where that file gave the key) at the
key the error is of, else at the soft outcome's entry; a problem of the portfolio file's own
``members[i]`` entries at its line and column there. Every line and column is counted by hand."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain.cli import main
from portfolio_files import model_text

# model_text is 14 lines; the soft outcome follows: "soft_outcomes:" on line 15, "  - id: wb" on
# 16, "    scale: …" on 17, "    data: …" on 18.
SOFT = "soft_outcomes:\n  - id: wb\n    scale: ons4_life_satisfaction\n    data: {data}\n    pre: pre\n    post: post\n"


def _member_model(folder: Path, name: str, data: str) -> None:
    text = model_text(name=name, currency="EUR", year=2024) + SOFT.format(data=data)
    assert text.split("\n")[17] == f"    data: {data}"  # line 18, as counted above
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def _validate_json(capsys, path: Path) -> dict:
    assert main(["validate", "--json", str(path)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    return record


def test_a_members_survey_problems_have_their_file_field_line_and_column(tmp_path: Path, capsys) -> None:
    (tmp_path / "survey.csv").write_text("pre,na\n6,7\n5,8\n", encoding="utf-8")  # no column 'post'
    (tmp_path / "good.csv").write_text("pre,post\n6,7\n5,8\n", encoding="utf-8")
    _member_model(tmp_path, "a", "gone.csv")  # not there
    _member_model(tmp_path, "b", "survey.csv")
    _member_model(tmp_path, "c", "good.csv")  # valid; its actuals name a file that is not there
    # "  - {id: wb, data: later.csv}": "  - {" and "id: wb, " are 13 characters before "data"
    (tmp_path / "c-actuals.yaml").write_text(
        "impactchain: 1\nsoft_outcomes:\n  - {id: wb, data: later.csv}\n", encoding="utf-8"
    )
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: fund\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n"
        "  - {organisation: B, period: 2024, model: b.yaml}\n"
        "  - {organisation: C, period: 2024, model: c.yaml, actuals: c-actuals.yaml}\n",
        encoding="utf-8",
    )
    problems = _validate_json(capsys, p)["problems"]
    assert [(x["file"], x["field"], x["line"], x["column"]) for x in problems] == [
        ("a.yaml", "soft_outcomes[0].data", 18, 5),  # "    data: gone.csv"
        ("b.yaml", "soft_outcomes[0]", 16, 5),  # no key named: the entry, "  - id: wb"
        ("c-actuals.yaml", "soft_outcomes[0].data", 3, 14),
    ]
    assert problems[0]["message"].startswith("cannot read the data file 'gone.csv': not found")
    assert "'post'" in problems[1]["message"] and "b.yaml" not in problems[1]["message"]
    assert problems[2]["message"].startswith("cannot read the data file 'later.csv': not found")
    # the text names the member and the key, as before
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert "member 'A/2024' (a.yaml): soft_outcomes[0].data: cannot read the data file 'gone.csv'" in err


def test_problems_of_the_members_entries_have_their_line_and_column(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.yaml").write_text(model_text(name="a", currency="EUR", year=2024), encoding="utf-8")
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: fund\nmembers:\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n"  # line 3
        "  - organization: B\n"  # line 4: the key after "  - ", column 5
        "    period: 2024\n"
        "    model: a.yaml\n"
        "  - {organisation: A, period: 2024, model: a.yaml}\n"  # line 7: id 'A/2024' again, its "{" at 5
        # line 8: "  - {" (5) + "organisation: D, " (17) + "period: 2024, " (14) = 36 before "model"
        "  - {organisation: D, period: 2024, model: nope.yaml}\n",
        encoding="utf-8",
    )
    problems = _validate_json(capsys, p)["problems"]
    assert [(x["field"], x["line"], x["column"]) for x in problems] == [
        ("members[1].organization", 4, 5),
        ("members[1].organisation", 4, 5),  # a key the entry lacks: at the entry, its first key
        ("members[3].model", 8, 37),
        ("members[2]", 7, 5),
    ]
    assert problems[0]["message"] == "unknown key 'organization' (did you mean 'organisation'?)"
    assert problems[3]["message"].startswith("id 'A/2024' is used by members[0] too")
    # the text is as before: the portfolio file, then each problem by its field, no line
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"4 problems in portfolio '{p}':\nmembers[1]: unknown key 'organization'")


def test_an_actuals_file_is_parsed_once_for_all_its_problems(tmp_path: Path, monkeypatch) -> None:
    import impactchain._file_places as places
    from impactchain.portfolio import check_portfolio

    (tmp_path / "a.yaml").write_text(model_text(name="a", currency="EUR", year=2024), encoding="utf-8")
    # two values the actuals give, both out of range: "  - {" and "id: o, " are 12 characters
    # before "attribution", and "attribution: 25, " 17 more before "deadweight"
    actuals = "impactchain: 1\noutcomes:\n  - {id: o, attribution: 25, deadweight: 3}\n"
    (tmp_path / "a-actuals.yaml").write_text(actuals, encoding="utf-8")
    p = tmp_path / "p.yaml"
    p.write_text(
        "name: fund\nmembers:\n  - {organisation: A, period: 2024, model: a.yaml, actuals: a-actuals.yaml}\n",
        encoding="utf-8",
    )
    parsed: list[bytes] = []
    core = places._core

    class Counted:
        def field_positions(self, text: bytes, *args):
            parsed.append(text)
            return core.field_positions(text, *args)

    monkeypatch.setattr(places, "_core", Counted())
    (found,) = check_portfolio(p).places
    assert {(x.file, x.field, x.line, x.column) for x in found} == {
        ("a-actuals.yaml", "outcomes[0].attribution", 3, 13),
        ("a-actuals.yaml", "outcomes[0].deadweight", 3, 30),
    }
    assert parsed.count(actuals.encode()) == 1
