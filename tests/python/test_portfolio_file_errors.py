"""A portfolio file's mistakes said as a model file's are (docs/portfolio.md, "The portfolio
file" and "Checking a portfolio"): a bad ``discount`` refused once, at the portfolio file's line
and column, in the model loader's words (members not blamed); decimal commas and misspelt keys
with the model files' hints; a misspelt ``members:`` still read as a portfolio by ``impactchain
validate``; and ``validate --json`` giving each problem of the file as its own record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.portfolio import Portfolio, PortfolioError, PortfolioMember, check_portfolio, load_portfolio

MODEL = """impactchain: 1
name: {name}
currency: EUR
price_year: 2024
stakeholders: [city]
chain:
  nodes: [{{id: a, level: activity, quantity: 5, unit: people}}]
investments: [{{funder: city, amount: 1000}}]
outcomes:
  - {{id: o, quantity: 10, stakeholder: city, duration: 2, deadweight: 0.1,
     proxy: {{value: 100, currency: EUR, source: s}}}}
discount: {{schedule: nl_2021}}
"""

HEAD = "impactchain: 1\nname: fund\ncurrency: EUR\nprice_year: 2024\n"
MEMBERS = (
    "members:\n  - {organisation: A, period: 2024, model: a.yaml}\n  - {organisation: B, period: 2024, model: b.yaml}\n"
)


def _files(tmp_path: Path, middle: str, members: str = MEMBERS, name: str = "portfolio.yaml") -> Path:
    for m in ("a", "b"):
        (tmp_path / f"{m}.yaml").write_text(MODEL.format(name=m), encoding="utf-8")
    p = tmp_path / name
    p.write_text(HEAD + middle + members, encoding="utf-8")
    return p


def _validate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _json_problems(capsys, path: Path) -> tuple[str, list[dict]]:
    assert main(["validate", "--json", str(path)]) == 1
    record = json.loads(capsys.readouterr().out)["files"][0]
    return record["kind"], record["problems"]


# -- finding 1: the portfolio's discount ---------------------------------------------------------


def test_a_percentage_discount_is_refused_once_at_the_portfolio_file(tmp_path, capsys):
    p = _files(tmp_path, "discount: {rate: 3.5}\n")
    # Line 5 of the file (after the four lines of HEAD); the loader names a key at its first character.
    line, column = 5, "discount: {rate: 3.5}".index("rate") + 1
    wording = "discount rate must be in [0, 1], got 3.5 (a percentage? 3.5 % is written 0.035)"
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    assert str(e.value) == f"{p}:{line}:{column}: discount.rate: {wording}"
    # The same words as a model file's discount gets from the model loader.
    model = tmp_path / "m.yaml"
    model.write_text(MODEL.format(name="m").replace("{schedule: nl_2021}", "{rate: 3.5}"), encoding="utf-8")
    with pytest.raises(ic.ValidationError) as m:
        ic.load(model)
    assert ("discount.rate", wording) in m.value.issues
    # validate: one problem, the portfolio file's; no member is blamed, no member file named.
    code, out, err = _validate(capsys, str(p))
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [f"{p}:{line}:{column}: discount.rate: {wording}"]
    assert "a.yaml" not in err and "b.yaml" not in err and "member" not in err


def test_every_discount_problem_is_named_with_the_files_other_problems(tmp_path):
    p = _files(tmp_path, "discount: {rat: 0.03}\ncolour: red\n")
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    lines = str(e.value).splitlines()
    assert lines[0] == f"3 problems in portfolio '{p}':"
    assert "unknown key 'colour' (known: impactchain, name, " in lines[1]
    assert lines[2] == f"{p}:5:12: discount.rat: unknown key 'rat' (did you mean 'rate'?)"
    assert lines[3] == f"{p}:5:1: discount: give exactly one of rate, schedule, rates and bands"


def test_a_discount_that_is_no_mapping_says_the_model_files_form(tmp_path):
    p = _files(tmp_path, "discount: 0.035\n")
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    assert str(e.value).endswith(
        ":5:1: discount: expected a mapping, got a number (a constant rate is written discount: {rate: 0.035})"
    )
    with pytest.raises(
        PortfolioError, match=r":5:1: discount: expected a mapping, got a string \(the model file's form, "
    ):
        load_portfolio(_files(tmp_path, "discount: eigen\n"))


def test_a_portfolio_discount_a_member_cannot_take_is_not_put_in_the_members_file(tmp_path):
    # A Portfolio built in Python is not read from a file: its discount is first read with each
    # member's model. The problem names the member and the field, never a place in the member's
    # file (the text read is made from it, so a line 1, column 893 would send the user nowhere).
    _files(tmp_path, "")
    member = PortfolioMember(id="A", organisation="A", period="2024", model=tmp_path / "a.yaml", base=tmp_path)
    found = check_portfolio(Portfolio(name="fund", members=(member,), discount={"rate": 3.5}))
    assert found.failed == ["A"]
    assert found.problems == [
        "member 'A' (a.yaml): the forecast with the portfolio's discount is not a valid model: discount.rate: "
        "discount rate must be in [0, 1], got 3.5 (a percentage? 3.5 % is written 0.035)"
    ]


# -- finding 8: the model files' hints -----------------------------------------------------------


def test_a_decimal_comma_in_a_flow_price_index_is_said(tmp_path):
    # {2024: 104,1} reads as 2024: 104 and a year 1 without an index.
    text = "price_index: {2023: 100, 2024: 104,1}"
    p = _files(tmp_path, text + "\n")
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    column = text.rindex("1") + 1
    assert str(e.value) == (
        f"{p}:5:{column}: price_index.1: expected a number, got null (after 2024: 104; a decimal comma? write 104.1)"
    )


def test_a_decimal_comma_in_a_price_index_text_is_said(tmp_path):
    for text in ('price_index: {2023: 100, 2024: "104,1"}', "price_index:\n  2023: 100\n  2024: 104,1"):
        p = _files(tmp_path, text + "\n")
        with pytest.raises(PortfolioError) as e:
            load_portfolio(p)
        line = 5 + text.count("\n")
        column = text.splitlines()[-1].index("2024") + 1  # a year's index is named at its year
        assert str(e.value) == (
            f"{p}:{line}:{column}: price_index.2024: expected a number, got the text '104,1' "
            "(numbers take no thousands separators and a decimal point: write 104.1)"
        )


def test_misspelt_keys_get_did_you_mean(tmp_path):
    members = "members:\n  - {organization: A, period: 2024, model: a.yaml}\n"
    fx = "fx: {GBP: {rat: 1.1, source: ECB, date: 2025-06-30}}\n"
    p = _files(tmp_path, "curency: EUR\n" + fx, members)
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    text = str(e.value)
    assert "unknown key 'curency' (did you mean 'currency'?)" in text
    assert "members[0]: unknown key 'organization' (did you mean 'organisation'?)" in text
    assert "fx.GBP: unknown key 'rat' (did you mean 'rate'?)" in text
    # A key close to none keeps the list of the known ones.
    p = _files(tmp_path, "", "members:\n  - {organisation: A, period: 2024, model: a.yaml, colour: red}\n")
    with pytest.raises(PortfolioError, match=r"unknown key 'colour' \(known: id, organisation, period, model, "):
        load_portfolio(p)


# -- finding 4: a misspelt `members:` -------------------------------------------------------------


@pytest.mark.parametrize("key", ["member", "Members", "memebers"])
def test_a_misspelt_members_key_is_still_checked_as_a_portfolio(tmp_path, capsys, key):
    p = _files(tmp_path, "", MEMBERS.replace("members:", f"{key}:"))
    kind, problems = _json_problems(capsys, p)
    assert kind == "portfolio"
    assert problems[0]["message"] == f"unknown key '{key}' (did you mean 'members'?)"
    assert (problems[0]["field"], problems[0]["line"], problems[0]["column"]) == (key, 5, 1)
    assert problems[1]["message"] == "must list at least one member"
    code, _, err = _validate(capsys, str(p))
    assert code == 1 and f"unknown key '{key}' (did you mean 'members'?)" in err and "known keys:" not in err


def test_fx_alone_makes_a_portfolio_and_a_chain_makes_a_model(tmp_path, capsys):
    fx = "fx: {GBP: {rate: 1.1, source: ECB, date: 2025-06-30}}\n"
    p = _files(tmp_path, fx, "")
    assert _json_problems(capsys, p)[0] == "portfolio"
    # A model file with a stray key like `member:` is still a model, and its problem a model's.
    model = tmp_path / "m.yaml"
    model.write_text(MODEL.format(name="m") + "member: x\n", encoding="utf-8")
    kind, problems = _json_problems(capsys, model)
    assert kind == "model" and problems[0]["field"] == "member"


# -- finding 2(a): one --json record per problem -------------------------------------------------


def test_validate_json_gives_each_portfolio_problem_with_its_field_and_place(tmp_path, capsys):
    members = "members:\n  - {organization: A, period: 2024, model: a.yaml}\n"
    p = _files(tmp_path, "discount: {rate: 3.5}\n", members)
    p.write_text(p.read_text(encoding="utf-8").replace("currency: EUR", "currency: eur"), encoding="utf-8")
    kind, problems = _json_problems(capsys, p)
    assert kind == "portfolio"
    assert problems == [
        {
            "message": "unknown key 'organization' (did you mean 'organisation'?)",
            "field": "members[0].organization",
            # 4 lines of HEAD, discount on line 5, "members:" on 6, "  - {organization: A, …" on 7,
            # the key after the 5 characters "  - {"
            "line": 7,
            "column": 6,
        },
        {
            "message": "the member's organisation is missing",
            "field": "members[0].organisation",
            "line": 7,  # a key the entry lacks: at the entry, its "{" after "  - "
            "column": 5,
        },
        {
            "message": "currency must be an ISO 4217 code such as 'EUR', got 'eur'",
            "field": "currency",
            "line": 3,
            "column": 1,
        },
        {
            "message": "discount rate must be in [0, 1], got 3.5 (a percentage? 3.5 % is written 0.035)",
            "field": "discount.rate",
            "line": 5,
            "column": 12,
        },
    ]


def test_a_json_portfolio_names_its_discount_at_its_line_and_column(tmp_path):
    d = {
        "name": "fund",
        "discount": {"rate": 3.5},
        "members": [{"organisation": "A", "period": 2024, "model": "a.yaml"}],
    }
    p = _files(tmp_path, "", "", name="portfolio.json")
    p.write_text(json.dumps(d, indent=1), encoding="utf-8")
    text = p.read_text(encoding="utf-8")
    line = text[: text.index('"rate"')].count("\n") + 1
    column = text.splitlines()[line - 1].index('"rate"') + 1
    with pytest.raises(PortfolioError) as e:
        load_portfolio(p)
    assert str(e.value).startswith(f"{p}:{line}:{column}: discount.rate: discount rate must be in [0, 1], got 3.5")
