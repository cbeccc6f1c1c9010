"""Where an actuals entry that cannot be laid over its forecast is (docs/portfolio.md, "Checking a
portfolio"): an id the forecast does not have and an entry given twice are named by the actuals
file's own entry (``outcomes[1]``) at its line and column there, as the loader places a problem
at an entry (its ``{`` or its first key), and ``impactchain validate --json`` gives each its own
record with that file, field, line and column. Lines and columns are counted by hand below."""

from __future__ import annotations

import json
from pathlib import Path

from impactchain._actuals import merge_actuals
from impactchain._file_places import text_place, text_places
from impactchain.cli import main
from test_actuals_file import FORECAST, _files

# Line 3: jobs (fits); line 4: an id the forecast lacks (a block entry, its first key at column 5);
# line 6: jobs again; line 9: an edge the forecast lacks, written after three spaces more.
ACTUALS = (
    "impactchain: 1\n"
    "outcomes:\n"
    "  - {id: jobs, quantity: 12}\n"
    "  - id: zz\n"
    "    quantity: 12\n"
    "  - {id: jobs, deadweight: 0.2}\n"
    "chain:\n"
    "  edges:\n"
    "    -    {from: x, to: repairs, rate: 0.4}\n"
)


def test_validate_json_places_the_entries_that_cannot_be_merged(tmp_path: Path, capsys) -> None:
    p = _files(tmp_path, ACTUALS)
    assert main(["validate", "--json", str(p)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    assert record["problems"] == [
        {
            "message": "zz is not in the forecast model (its outcomes: jobs)",
            "field": "outcomes[1]",
            "line": 4,
            "column": 5,  # "  - id: zz": the entry's first key
            "file": "act.yaml",
        },
        {
            "message": "duplicate outcome id 'jobs' (first at outcomes[0])",
            "field": "outcomes[2]",
            "line": 6,
            "column": 5,  # "  - {id: jobs, …": the entry's '{'
            "file": "act.yaml",
        },
        {
            "message": "x->repairs is not in the forecast model (its chain.edges: training->repairs)",
            "field": "chain.edges[0]",
            "line": 9,
            "column": 10,  # "    -    {from: x, …": 9 characters before the '{'
            "file": "act.yaml",
        },
    ]
    # the text says them as before, each with its entry
    assert main(["validate", str(p)]) == 1
    assert "outcomes[1]: zz is not in the forecast model (its outcomes: jobs)" in capsys.readouterr().err


def test_an_unknown_key_and_a_section_that_is_no_list_are_placed_too(tmp_path: Path, capsys) -> None:
    p = _files(tmp_path, "impactchain: 1\noutcomes: {id: jobs}\nbudget: 5\n")
    assert main(["validate", "--json", str(p)]) == 1
    (record,) = json.loads(capsys.readouterr().out)["files"]
    assert [(x["file"], x["field"], x["line"], x["column"]) for x in record["problems"]] == [
        ("act.yaml", "outcomes", 2, 1),
        ("act.yaml", "budget", 3, 1),
    ]


def test_merge_actuals_gives_each_problem_its_field() -> None:
    import impactchain as ic

    forecast = ic.loads(FORECAST, format="yaml").to_dict()
    problems: list[str] = []
    fields: list[str] = []
    actuals = {"outcomes": [{"id": "jobs"}, {"id": "zz"}, {"id": "jobs"}], "chain": {"links": []}}
    merge_actuals(forecast, actuals, "a.yaml", problems, fields)
    assert fields == ["outcomes[1]", "outcomes[2]", "chain.links"]
    assert len(problems) == 3 and problems[0].startswith("actuals file 'a.yaml': outcomes[1]: zz is not")


def test_an_entrys_place_is_the_one_the_loader_gives_it(tmp_path: Path) -> None:
    import impactchain as ic

    # The loader, reading the actuals file as a model file, finds required keys missing in each
    # outcome entry and places that at the entry: the same line and column.
    path = tmp_path / "act.yaml"
    path.write_text(ACTUALS, encoding="utf-8")
    try:
        ic.loads(ACTUALS, "yaml")
    except ValueError as e:
        loader = {}
        for (f, _), at in zip(e.issues, zip(e.lines, e.columns)):
            loader.setdefault(f, at)
    for field in ("outcomes[0]", "outcomes[1]", "outcomes[2]"):
        assert text_place(path, field) == loader[field]
    # a key's place is the key's, as the loader's (chain.edges[0].from: an unknown node)
    assert text_place(path, "chain.edges[0].from") == loader["chain.edges[0].from"] == (9, 11)
    # several at once, in the order asked; a file the parser refuses has no places
    assert text_places(path, ["outcomes[1]", "chain"]) == [(4, 5), (7, 1)]
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [unclosed\n", encoding="utf-8")
    assert text_places(bad, ["a", "b"]) == [(None, None), (None, None)]


def test_a_json_file_with_tabs_and_a_byte_order_mark_is_placed_in_characters(tmp_path: Path) -> None:
    import impactchain as ic

    path = tmp_path / "act.json"
    # After the byte order mark: line 3, a tab, then '{' at column 2; line 4, two tabs, '"é"' at
    # column 3, then ',', a tab and 5 at column 8 (é is one character, two bytes).
    text = '\ufeff{"impactchain": 1, "outcomes": [\n\t{"id": "a"},\n\t{"id": "b"},\n\t\t"é",\t5]}\n'
    path.write_bytes(text.encode())
    assert text_place(path, "outcomes[1]") == (3, 2)
    assert text_place(path, "outcomes[2]") == (4, 3)
    assert text_place(path, "outcomes[3]") == (4, 8)
    assert text_place(path, "outcomes[9]") == (1, 20)  # not there: the key of the list that would hold it
    # the loader, which refuses these entries, places them alike
    try:
        ic.loads(path.read_bytes(), "json")
    except ValueError as e:
        loader = dict(zip([f for f, _ in e.issues], zip(e.lines, e.columns)))
    assert [loader[f] for f in ("outcomes[1]", "outcomes[2]", "outcomes[3]")] == [(3, 2), (4, 3), (4, 8)]
