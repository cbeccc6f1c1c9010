"""Mistakes made typing a model file, refused or warned where they are made (mirrors
tests/cpp/test_model_file_mistakes.cpp): a quoted text never closed, a number beyond a double, a tab
or a no-break space where YAML needs a plain space, a decimal comma in a flow mapping or in a distribution's
list, money written as text ("€ 150.000"), a funder that is a stakeholder id in other capitals, a share written
as a percentage, and the range of a duration.
The files are the examples of examples/data with one mistake put in."""

from __future__ import annotations

import shutil

import pytest

import impactchain as ic
from impactchain.cli import main
from impactchain.io import ModelFileError
from small_models import MONEY_HEAD

NBSP = "\u00a0"


def _example(examples_dir, tmp_path, name, old, new):
    """The example `name` with `old` replaced by `new` (once), beside a copy of its surveys."""
    text = (examples_dir / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1
    shutil.copytree(examples_dir / "surveys", tmp_path / "surveys")
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _refusal(path) -> str:
    with pytest.raises(ModelFileError) as info:
        ic.load(path)
    return str(info.value)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quoted_text_never_closed_is_refused_where_it_opens(examples_dir, tmp_path, capsys, quote):
    # Before: valid, the notes held the rest of the file and soft_outcomes was empty.
    path = _example(
        examples_dir,
        tmp_path,
        "minimal.yaml",
        "soft_outcomes:",
        f"notes: {quote}Illustrative figures, not real data\nsoft_outcomes:",
    )
    line = path.read_text(encoding="utf-8").splitlines().index(f"notes: {quote}Illustrative figures, not real data") + 1
    assert (
        f"{path}:{line}:8: a quoted text ({quote}Illustrative figures, not real…) is never closed: "
        f"its closing {quote} is missing"
    ) in _refusal(path)
    assert main(["validate", str(path)]) == 1
    assert "is never closed" in capsys.readouterr().err


def test_a_name_never_closed_is_refused_not_loaded_as_an_empty_model(examples_dir, tmp_path):
    # Nothing closes it: refused where it opens.
    path = tmp_path / "m.yaml"
    path.write_text('impactchain: 1\nname: "x\ncurrency: EUR\nprice_year: 2024\n', encoding="utf-8")
    assert f'{path}:2:7: a quoted text ("x…) is never closed: its closing " is missing' in _refusal(path)
    # The next quote (line 14's source: "…") closes it: the syntax error that follows says where it began.
    path = _example(examples_dir, tmp_path, "minimal.yaml", "name: Market cleaning (minimal)", 'name: "x')
    assert (
        '(the quoted text that starts at line 3, column 7 runs on to line 14: is its closing " missing?)'
        in _refusal(path)
    )


def test_quoted_texts_over_several_lines_that_are_closed_still_load(examples_dir, tmp_path):
    path = _example(
        examples_dir,
        tmp_path,
        "minimal.yaml",
        "soft_outcomes:",
        "notes: \"Illustrative figures,\n  not \\\"real\\\" data\"\norganisation: 'it''s\n  ours'\nsoft_outcomes:",
    )
    model = ic.load(path)
    assert model.notes == 'Illustrative figures, not "real" data'  # folded: the line break is a space
    assert model.organisation == "it's ours"
    assert [s["id"] for s in model.soft_outcomes] == ["wellbeing"]


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [("amount: 150000", "amount: 1e400", "1e400"), ("quantity: 30", "quantity: 1e999", "1e999")],
)
def test_a_number_beyond_a_double_is_refused_as_json_refuses_it(examples_dir, tmp_path, old, new, written):
    # Before: valid, and the amount (the quantity) was 0.
    path = _example(examples_dir, tmp_path, "minimal.yaml", old, new)
    assert f"the number {written} is too large (not a finite number)" in _refusal(path)
    twin = tmp_path / "twin.json"
    twin.write_text('{"name": "x", "quantity": ' + written + "}", encoding="utf-8")
    assert f"the number {written} is too large (not a finite number)" in _refusal(twin)


def test_a_number_below_the_smallest_double_reads_as_0_in_yaml_and_json(tmp_path):
    # 1e-400 is below 4.9e-324, the smallest double above 0: the nearest double is 0, in both readers.
    yaml = tmp_path / "m.yaml"
    yaml.write_text(MONEY_HEAD + "investments: [{funder: a, amount: 1e-400}]\n")
    json_twin = tmp_path / "m.json"
    json_twin.write_text(
        '{"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "a", "amount": 1e-400}]}'
    )
    for path in (yaml, json_twin):
        assert ic.load(path).investments[0]["amount"] == 0.0


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "price_year: 2024",
            f"price_year:{NBSP}2024",
            "a no-break space (U+00A0) after ':' on line 5; use a plain space",
        ),
        (
            "    - {id: employed",
            "\t- {id: employed",
            "a tab is used for indentation on line 9; YAML indents with spaces",
        ),
    ],
)
def test_a_tab_or_a_no_break_space_is_named_in_the_syntax_error(examples_dir, tmp_path, old, new, said):
    path = _example(examples_dir, tmp_path, "minimal.yaml", old, new)
    assert said in _refusal(path)


def test_a_no_break_space_in_an_id_is_shown_in_the_message(examples_dir, tmp_path):
    # Before: "unknown node 'completed' (did you mean 'completed '?)", the difference unseen.
    path = _example(examples_dir, tmp_path, "market_cleaning.yaml", "{id: completed,", f'{{id: "completed{NBSP}",')
    assert "unknown node 'completed' (did you mean 'completed<U+00A0>'?)" in _refusal(path)


def test_a_decimal_comma_in_a_flow_mapping_says_what_to_write(examples_dir, tmp_path):
    path = _example(examples_dir, tmp_path, "minimal.yaml", "amount: 150000", "amount: 0,35")
    assert "investments[0].35: unknown key '35' (after amount: 0; a decimal comma? write 0.35)" in _refusal(path)


@pytest.mark.parametrize(
    "rate, said",
    [
        # Read as 0, 15, 0, 25, 0, 35: six numbers for three, in pairs that are 0.15, 0.25 and 0.35.
        (
            "{triangular: [0,15, 0,25, 0,35]}",
            "chain.edges[0].rate.triangular: expected 3 numbers [low, mode, high], got 6 "
            "(decimal commas? write [0.15, 0.25, 0.35])",
        ),
        ("{uniform: [0,2, 0,3]}", "expected 2 numbers [low, high], got 4 (decimal commas? write [0.2, 0.3])"),
        (
            "{triangular: [0,05, 0,1, 0,2]}",
            "`0,05` in a list reads as 0 and `05`, which is not a number (a leading zero); a decimal comma? write 0.05",
        ),
    ],
)
def test_decimal_commas_in_a_distributions_list_say_what_to_write(examples_dir, tmp_path, capsys, rate, said):
    path = _example(examples_dir, tmp_path, "minimal.yaml", "rate: {triangular: [0.15, 0.25, 0.35]}", f"rate: {rate}")
    assert said in _refusal(path)
    assert main(["validate", str(path)]) == 1
    assert said in capsys.readouterr().err


@pytest.mark.parametrize(
    "amount, shown",
    [("€ 150.000", "€ 150.000"), ('"€ 150.000"', "€ 150.000"), ("150000 euro", "150000 euro")],
)
def test_money_written_as_text_says_how_to_write_the_amount(examples_dir, tmp_path, amount, shown):
    # 150.000 in Dutch notation is 150 × 1000 = 150000; the example is money, not a share.
    path = _example(examples_dir, tmp_path, "minimal.yaml", "amount: 150000", f"amount: {amount}")
    said = (
        "investments[0].amount: expected a number or a one-key mapping naming a distribution "
        f"(e.g. {{triangular: [800, 1000, 1300]}}), got the text '{shown}': write an amount as a plain number: 150000"
    )
    assert said in _refusal(path)
    # The same from text, YAML and JSON.
    assert said in _loads_refusal(path.read_text(encoding="utf-8"))
    json_text = (
        '{"name": "x", "currency": "EUR", "price_year": 2024, "investments": [{"funder": "city", "amount": "'
        + shown
        + '"}]}'
    )
    assert said in _loads_refusal(json_text)


def test_money_text_that_reads_two_ways_gets_no_number():
    # $ 1,500: thousands (1500) or a decimal comma (1.5)? € 12.5: a decimal point or a thousands dot out of place?
    for text in ("$ 1,500", "€ 12.5"):
        said = _loads_refusal(f"name: x\ncurrency: EUR\ninvestments:\n  - funder: a\n    amount: {text}\n")
        assert f"got the text '{text}': write an amount as a plain number" in said
        assert "plain number:" not in said


def test_money_cut_at_the_comma_of_a_flow_mapping_gets_its_number_at_the_key(examples_dir, tmp_path):
    # {…, amount: € 12,50} is the text € 12 and a key 50: 12.50 is said at the key, never 12 for the text.
    path = _example(examples_dir, tmp_path, "minimal.yaml", "amount: 150000", "amount: € 12,50")
    said = _refusal(path)
    assert (
        "investments[0].50: unknown key '50' (after amount: '€ 12'; '€ 12,50' was cut at its comma: "
        "write an amount as a plain number: 12.50)"
    ) in said
    assert "got the text '€ 12': write an amount as a plain number" in said
    assert "'€ 12': write an amount as a plain number:" not in said


def _loads_refusal(text: str) -> str:
    with pytest.raises(ModelFileError) as info:
        ic.loads(text)
    return str(info.value)


@pytest.mark.parametrize(
    "rate, said",
    [
        ("25", "rate must be in [0, 1], got 25 (a percentage? 25 % is written 0.25)"),  # 25 / 100
        ("25%", "got the text '25%' (a share is written as a number: 25% is 0.25)"),
        ('"7,5 %"', "(a share is written as a number: 7,5 % is 0.075)"),  # 7.5 / 100
    ],
)
def test_a_share_written_as_a_percentage_says_the_number_to_write(examples_dir, tmp_path, rate, said):
    path = _example(examples_dir, tmp_path, "minimal.yaml", "rate: {triangular: [0.15, 0.25, 0.35]}", f"rate: {rate}")
    assert said in _refusal(path)


@pytest.mark.parametrize("funder", ["Municipality", f"municipality{NBSP}"])
def test_a_funder_that_is_a_stakeholder_id_in_other_capitals_or_spaces_is_warned(
    examples_dir, tmp_path, capsys, funder
):
    new = f'funder: "{funder}", amount: 80000'
    path = _example(examples_dir, tmp_path, "market_cleaning.yaml", "funder: municipality, amount: 80000", new)
    shown = funder.replace(NBSP, "<U+00A0>")
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(f"  - {{{new}, description: " + ('{nl: "re-integratiesubsidie", en: "re-integration subsidy"}}'))
        + 1
    )
    said = (
        f"investments[0].funder (line {line}, column 6): '{shown}' is not a stakeholder id but differs from "
        "stakeholder 'municipality' only in capitals or spaces; it is counted as a party of its own"
    )
    model = ic.load(path)
    assert [str(w) for w in model.read_warnings] == [said]
    assert main(["validate", str(path)]) == 0
    printed = capsys.readouterr()
    assert said in printed.out + printed.err
    # Still a party of its own (counted as written), as before; only said now.
    assert ic.load(examples_dir / "market_cleaning.yaml").read_warnings == []


def test_a_funder_outside_the_stakeholders_is_no_warning(examples_dir, tmp_path):
    path = _example(examples_dir, tmp_path, "market_cleaning.yaml", "funder: municipality,", "funder: lottery,")
    assert ic.load(path).read_warnings == []


@pytest.mark.parametrize(("duration", "got"), [("0", "got 0"), ("1e308", "got 1e+308")])
def test_a_duration_is_refused_in_one_wording_for_0_and_for_too_long(tmp_path, duration, got):
    path = tmp_path / "m.yaml"
    path.write_text(
        MONEY_HEAD + f"outcomes: [{{id: o, quantity: 3, proxy: {{value: 5, currency: EUR}}, duration: {duration}}}]\n"
    )
    assert f"outcome 'o': duration must be in (0, 300] years, {got}" in _refusal(path)


def test_a_no_break_space_in_the_indentation_is_shown_in_the_unknown_key(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(f"name: x\n{NBSP} currency: EUR\n", encoding="utf-8")
    assert "unknown key '<U+00A0> currency'" in _refusal(path)


@pytest.mark.parametrize(
    "rate, said",
    [
        # Read as 0, 2, 0, 3: a valid normal (mean 0, sd 2, bounds [0, 3]) that loaded without a word. Each second
        # number is written right after the one before and its comma, the pairs a space apart: 0.2 and 0.3.
        (
            "{normal: [0,2, 0,3]}",
            "chain.edges[0].rate.normal: the list [0,2, 0,3] reads as 4 numbers: 0, 2, 0, 3 (decimal commas? "
            "write [0.2, 0.3]; for 4 numbers, put a space after every comma: [0, 2, 0, 3])",
        ),
        ("{normal: [-0,2, 0,3]}", "(decimal commas? write [-0.2, 0.3];"),  # the minus of -0,2 is kept
        ("{empirical: [0,1, 0,2, 0,3]}", "the list [0,1, 0,2, 0,3] reads as 6 numbers: 0, 1, 0, 2, 0, 3"),
    ],
)
def test_decimal_commas_in_a_list_of_a_count_that_fits_are_refused(examples_dir, tmp_path, capsys, rate, said):
    path = _example(examples_dir, tmp_path, "minimal.yaml", "rate: {triangular: [0.15, 0.25, 0.35]}", f"rate: {rate}")
    assert said in _refusal(path)
    assert main(["validate", str(path)]) == 1
    assert said in capsys.readouterr().err


@pytest.mark.parametrize("rate", ["{normal: [0,1,0,1]}", "{normal: [0, 1, 0, 1]}", "{empirical: [0,1,0,1]}"])
def test_a_list_written_with_one_spacing_throughout_is_its_numbers(examples_dir, tmp_path, rate):
    # Compact (as machine-written JSON is) or spaced: four numbers, loaded as written (a normal of mean 0 and
    # sd 1 within [0, 1]; the values 0, 1, 0 and 1, whose mean is 0.5).
    path = _example(examples_dir, tmp_path, "minimal.yaml", "rate: {triangular: [0.15, 0.25, 0.35]}", f"rate: {rate}")
    rate_read = ic.load(path).chain.edges[0].rate.to_dict()
    assert rate_read in (
        {"normal": {"mean": 0, "sd": 1, "lower": 0, "upper": 1}},
        {"discrete": {"values": [0, 0, 1, 1], "weights": [1, 1, 1, 1]}},  # sorted, equal weights
    )


def test_json_a_decimal_comma_before_a_leading_zero_says_the_number_meant(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(
        '{"name": "x", "currency": "EUR", "price_year": 2024, "outcomes": [{"id": "o", "quantity": 3,'
        ' "proxy": {"value": 5, "currency": "EUR"}, "deadweight": {"uniform": [0,05, 0,1]}}]}',
        encoding="utf-8",
    )
    assert "(`0,05` reads as 0 and `05`, which is not a number in JSON: a decimal comma? write 0.05)" in _refusal(path)


@pytest.mark.parametrize(
    "quantity, said",
    [
        ("150.000 ongeveer", "got the text '150.000 ongeveer' (write the number alone: 150000;"),
        ("ca. 12", "got the text 'ca. 12' (write the number alone: 12;"),
        ("100 tot 200", "(e.g. {triangular: [80, 100, 130]}), got a string"),  # two numbers: no guess
    ],
)
def test_a_number_with_words_says_the_number_to_write_alone(tmp_path, quantity, said):
    path = tmp_path / "m.yaml"
    path.write_text(
        MONEY_HEAD + f"outcomes:\n  - {{id: o, proxy: {{value: 5, currency: EUR}}, quantity: {quantity}}}\n",
        encoding="utf-8",
    )
    refusal = _refusal(path)
    assert "outcomes[0].quantity: expected a number or a one-key mapping naming a distribution" in refusal
    assert said in refusal
    assert "give exactly one" not in refusal  # the quantity refused is not refused again as missing
