"""A soft outcome's before and after in two files (``data`` and ``data_post``, a voormeting and a
nameting), or as rows of one file told apart by a column (``wave``), joined on ``id_column``
(docs/soft.md, "Before and after in two files", "Before and after as rows of one file")."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import impactchain as ic
from impactchain._data import DataFileError
from impactchain._output import OutputError
from impactchain.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs"

# Three items scored 1-5, summed. Before: respondents 1 (6), 2 (9), 3 (6) and 4 (12), who left
# before the after measurement. After, in another order and with the same column names: 3 (9),
# 1 (12), 2 (12), and 5, who joined later. Changes of those in both: 1: 12 - 6 = 6, 2: 12 - 9 = 3,
# 3: 9 - 6 = 3; mean (6 + 3 + 3) / 3 = 4. Group A (1, 2): (6 + 3) / 2 = 4.5; group B: 3 alone, with
# 4 incomplete (one pair: no statistics). Respondent 5's group is not known (the after's file has no
# group column): incomplete in "all" only.
BEFORE = ["id,groep,v1,v2,v3", "1,A,2,2,2", "2,A,3,3,3", "3,B,1,2,3", "4,B,4,4,4"]
AFTER = ["id,v1,v2,v3", "3,3,3,3", "1,4,4,4", "2,3,4,5", "5,5,5,5"]


def _docs_model(marker: str = "data_post") -> str:
    """docs/soft.md's model with ``marker`` (data_post: two files; wave: the rows of one)."""
    text = (DOCS / "soft.md").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M) if marker in b)


def _files(tmp_path: Path, files: dict[str, list[str]], model: str) -> Path:
    """The data files (name -> lines) and the model file written to ``tmp_path``; the model's path."""
    for name, lines in files.items():
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = tmp_path / "model.yaml"
    path.write_text(model, encoding="utf-8")
    return path


def _write(tmp_path: Path, model: str | None = None, before=BEFORE, after=AFTER) -> Path:
    return _files(tmp_path, {"voormeting.csv": before, "nameting.csv": after}, model or _docs_model())


def test_the_docs_model_joins_the_two_files_on_the_ids(tmp_path):
    spec = ic.load(_write(tmp_path)).soft_outcomes[0]
    assert (spec["data"], spec["data_post"]) == ("voormeting.csv", "nameting.csv")
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.data, s.data_post) == ("voormeting.csv", "nameting.csv")
    assert (s.n_rows, s.n_used) == (5, 3)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(4, abs=1e-12)
    assert s.groups.loc["A", "mean_change"] == pytest.approx(4.5, abs=1e-12)
    assert (s.groups.loc["B", "n"], s.groups.loc["B", "n_incomplete"]) == (1, 1)  # 3; 4 left
    assert s.groups.loc["all", "n_incomplete"] == 2  # 4 and 5 (whose group is not known: in no group)
    assert list(s.groups.index) == ["all", "A", "B"]
    assert "group 'B': respondents without both pre and post, not used: 1" in s.warnings
    assert [(r["id"], r["row"], r["row_post"], r["missing"]) for r in s.rows_not_used] == [
        ("4", 5, None, ["post"]),  # row 5 of voormeting.csv (a CSV's ids are its texts)
        ("5", None, 5, ["pre"]),  # row 5 of nameting.csv
    ]
    assert [str(r["reason"]) for r in s.rows_not_used] == ["not in nameting.csv", "not in voormeting.csv"]
    assert (
        "voormeting.csv and nameting.csv joined on column 'id': respondents in both: 3; "
        "only in voormeting.csv: 1; only in nameting.csv: 1"
    ) in s.assumptions
    text = str(s.summary())
    assert "data post               nameting.csv" in text
    assert re.search(r"row  row_post  id  missing\n +5 +n/a +4 +post *\n +n/a +5 +5 +pre", text)


def test_one_files_summary_has_no_line_for_a_second(tmp_path):
    survey = ["id,v1,v2,v3,w1,w2,w3", "1,1,1,1,2,2,2", "2,1,1,1,3,3,3", "3,1,1,1,,,"]
    (tmp_path / "enquete.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    spec = {**ic.load(_write(tmp_path)).soft_outcomes[0], "data": "enquete.csv", "post": ["w1", "w2", "w3"]}
    del spec["data_post"], spec["group"]
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert s.data_post is None and "data post" not in str(s.summary())
    assert "row_post" not in str(s.summary()) and [(r["row"], r["id"]) for r in s.rows_not_used] == [(4, "3")]
    assert "row_post" not in s.rows_not_used[0]


def test_a_score_missing_in_one_file_is_named_by_its_items(tmp_path):
    after = [*AFTER[:2], "1,4,,", *AFTER[3:]]  # respondent 1 answered one item of three after
    s = ic.soft_outcome_summary({**ic.load(_write(tmp_path, after=after)).soft_outcomes[0], "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (5, 2)
    first = s.rows_not_used[0]
    assert (first["id"], first["row"], first["row_post"], first["missing"]) == ("1", 2, 3, ["post"])
    assert str(first["reason"]) == "after: 2 of 3 items missing, more than the 0 that may be filled in (max_missing)"
    # 2: 12 - 9 = 3, 3: 9 - 6 = 3
    assert s.groups.loc["all", "mean_change"] == pytest.approx(3, abs=1e-12)


def test_a_workbook_and_a_csv_are_joined_by_the_ids_as_written(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    for line in BEFORE:  # the ids as numbers, the CSV's as text
        sheet.append([int(c) if c.isdigit() else c for c in line.split(",")])
    book.save(tmp_path / "voormeting.xlsx")
    (tmp_path / "nameting.csv").write_text("id;v1;v2;v3\n3;3;3;3\n1;4;4;4\n2;3;4;5\n", encoding="utf-8")
    model = _docs_model().replace("voormeting.csv", "voormeting.xlsx")
    model = model.replace("    id_column: id", "    id_column: id\n    sheet: Blad1\n    csv: {sep: ';'}")
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
    s = ic.soft_outcome_summary({**ic.load(tmp_path / "model.yaml").soft_outcomes[0], "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (4, 3)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(4, abs=1e-12)
    assert "voormeting.xlsx: read sheet 'Blad1' of 1 (as given in sheet)" in s.assumptions
    assert "nameting.csv: fields separated by ';' (the separator given in csv.sep)" in s.assumptions
    assert any(
        "respondents in both: 3; only in voormeting.xlsx: 1; only in nameting.csv: 0" in a for a in s.assumptions
    )


def test_the_group_may_come_from_the_after_file(tmp_path):
    before = [line.replace(",groep", "").replace(",A", "").replace(",B", "") for line in BEFORE]
    after = ["id,groep,v1,v2,v3", "3,B,3,3,3", "1,A,4,4,4", "2,A,3,4,5", "5,B,5,5,5"]
    s = ic.soft_outcome_summary(
        {**ic.load(_write(tmp_path, before=before, after=after)).soft_outcomes[0], "resamples": 0}, tmp_path
    )
    # Respondent 5 is in group B now, incomplete; respondent 4's group is not known: incomplete in all only.
    assert s.groups.loc["B", "n_incomplete"] == 1 and s.groups.loc["all", "n_incomplete"] == 2
    assert s.groups.loc["A", "mean_change"] == pytest.approx(4.5, abs=1e-12)
    assert [r["id"] for r in s.rows_not_used] == ["4", "5"]


def test_dataframes_are_joined_too(tmp_path):
    pd = pytest.importorskip("pandas")
    before = pd.DataFrame({"id": ["a", "b", "c"], "score": [1.0, 2.0, 3.0]})
    after = pd.DataFrame({"id": ["c", "a"], "score": [5.0, 4.0]})
    spec = {"id": "x", "data": before, "data_post": after, "id_column": "id", "pre": "score", "post": "score"}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    # a: 4 - 1 = 3, c: 5 - 3 = 2; b only before
    assert (s.n_rows, s.n_used) == (3, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(2.5, abs=1e-12)
    assert [(r["id"], r["missing"]) for r in s.rows_not_used] == [("b", ["post"])]
    with pytest.raises(ValueError, match="data_post is joined to data by the respondents' ids, so id_column"):
        ic.soft_outcome_summary({k: v for k, v in spec.items() if k != "id_column"}, tmp_path)


@pytest.mark.parametrize(
    "after, message",
    [
        (
            ["id,v1,v2,v3", "1,4,4,4", "1,3,3,3"],
            r"nameting\.csv: row 3, column 'id': id '1' appears twice \(first on row 2\)",
        ),
        (["id,v1,v2,v3", ",4,4,4"], r"nameting\.csv: row 2, column 'id': no id"),
        (["nr,v1,v2,v3", "1,4,4,4"], r"nameting\.csv: row 1: column 'id' not found \(named by id_column\)"),
        (["id,v1,v2", "1,4,4"], r"nameting\.csv: row 1: column 'v3' not found \(named by post\)"),
        (["id,v1,v2,v3", "1,4,9,4"], r"nameting\.csv \(post\)"),
        (
            ["id,groep,v1,v2,v3", "5,all,5,5,5"],
            r"nameting\.csv: row 2, column 'groep': group 'all' is the name of everyone",
        ),
    ],
)
def test_the_after_file_is_checked_and_named(tmp_path, after, message):
    spec = ic.load(_write(tmp_path, after=after)).soft_outcomes[0]
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary(spec, tmp_path)


def test_the_loader_and_the_schema_need_the_ids_and_two_files(tmp_path):
    text = _docs_model()
    without = text.replace("    id_column: id", "")
    with pytest.raises(ValueError, match=r"soft_outcomes\[0\]\.data_post: .*so id_column .* is required"):
        ic.loads(without, format="yaml")
    with pytest.raises(ValueError, match=r"soft_outcomes\[0\]\.data_post: .*names the same file as data"):
        ic.loads(text.replace("nameting.csv", "voormeting.csv"), format="yaml")
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    schema = json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load(text)))
    assert list(validator.iter_errors(yaml.safe_load(without)))


def test_validate_lists_the_rows_of_each_file(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "voormeting.csv + nameting.csv: 5 respondents (8 rows), 3 used, 2 not used:" in out
    assert "id 4 (voormeting.csv row 5): not in nameting.csv" in out
    assert "id 5 (nameting.csv row 5): not in voormeting.csv" in out
    assert "respondents in both: 3; only in voormeting.csv: 1; only in nameting.csv: 1" in out


def test_the_report_names_both_files_and_never_writes_over_the_after_file(tmp_path):
    path = _write(tmp_path)
    rep = ic.build_report([path], draws=100, seed=1, lang="nl")
    entry = json.loads(rep.to_json())["models"][0]["soft_outcomes"][0]
    assert (entry["data"], entry["data_post"]) == ("voormeting.csv", "nameting.csv")
    assert (entry["n_rows"], entry["n_used"]) == (5, 3)
    md = rep.to_markdown()
    assert "respondenten in beide: 3; alleen in voormeting.csv: 1; alleen in nameting.csv: 1" in md
    assert "groep 'B': respondenten zonder zowel voor- als nameting, niet gebruikt: 1" in md  # who left, per group
    data = tmp_path / "nameting.csv"
    before = data.read_bytes()
    os.link(data, tmp_path / "report.md")  # the after's file under another name
    with pytest.raises(OutputError, match=r"report\.md: is an input of this run"):
        ic.write_report([path], tmp_path / "report.md", draws=100, seed=1)
    assert data.read_bytes() == before


def test_the_report_reads_each_file_once(tmp_path, monkeypatch):
    import impactchain._soft_data as soft_data

    read, real = [], soft_data.read_table
    monkeypatch.setattr(
        soft_data, "read_table", lambda source, **kw: read.append(Path(source).name) or real(source, **kw)
    )
    rep = ic.build_report([_write(tmp_path)], draws=100, seed=1)
    assert sorted(read) == ["nameting.csv", "voormeting.csv"]
    assert rep.to_dict()["models"][0]["soft_outcomes"][0]["mean_change"] == pytest.approx(4, abs=1e-12)


def test_a_file_of_the_two_that_cannot_be_read_is_named(tmp_path):
    path = _write(tmp_path)
    (tmp_path / "nameting.csv").unlink()
    with pytest.raises(DataFileError, match=r"soft_outcomes\[0\]\.data_post: .*nameting\.csv"):
        ic.build_report([path], draws=100, seed=1)


def test_the_after_file_stays_in_the_models_folder(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    path = _write(folder, _docs_model().replace("data_post: nameting.csv", "data_post: ../nameting.csv"))
    (folder / "nameting.csv").rename(tmp_path / "nameting.csv")
    assert main(["validate", str(path)]) == 1
    with pytest.raises(DataFileError, match=r"soft_outcomes\[0\]\.data_post: '\.\./nameting\.csv' is outside"):
        ic.build_report([path], draws=100, seed=1)
    s = ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], folder, allow_outside_data=True)
    assert (s.n_rows, s.n_used) == (5, 3)


# The same respondents as one file, a row per respondent and measurement (one form filled in
# twice): the same scores as BEFORE and AFTER, so the same numbers. Respondent 2's after row has
# no group (the before's is used); 5's has none either (not known: in "all" only); a
# follow-up row is of another measurement.
ROWS = [
    "id,meting,groep,v1,v2,v3",
    "1,voormeting,A,2,2,2",
    "2,voormeting,A,3,3,3",
    "3,voormeting,B,1,2,3",
    "4,voormeting,B,4,4,4",
    "3,nameting,B,3,3,3",
    "1,nameting,A,4,4,4",
    "2,nameting,,3,4,5",
    "5,nameting,,5,5,5",
    "1,follow-up,A,5,5,5",
]


def _waves_model() -> str:
    return _docs_model("wave:")


def _write_rows(tmp_path: Path, rows=ROWS, model: str | None = None) -> Path:
    return _files(tmp_path, {"antwoorden.csv": rows}, model or _waves_model())


def test_the_docs_model_joins_the_two_measurements_rows_on_the_ids(tmp_path):
    spec = ic.load(_write_rows(tmp_path)).soft_outcomes[0]
    assert spec["wave"] == {"column": "meting", "pre": "voormeting", "post": "nameting"}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.data, s.data_post, s.wave) == ("antwoorden.csv", None, spec["wave"])
    assert (s.n_rows, s.n_used) == (5, 3)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(4, abs=1e-12)
    assert s.groups.loc["A", "mean_change"] == pytest.approx(4.5, abs=1e-12)  # 2's group from its before row
    assert (s.groups.loc["B", "n"], s.groups.loc["B", "n_incomplete"]) == (1, 1)
    assert s.groups.loc["all", "n_incomplete"] == 2  # 4, and 5 whose group is not known
    assert [(r["id"], r["row"], r["row_post"], str(r["reason"])) for r in s.rows_not_used] == [
        ("4", 5, None, "no row of nameting (column 'meting')"),
        ("5", None, 9, "no row of voormeting (column 'meting')"),
    ]
    assert (
        "antwoorden.csv: the rows of voormeting and of nameting (column 'meting') joined on column 'id': "
        "respondents in both: 3; only in voormeting: 1; only in nameting: 1"
    ) in s.assumptions
    assert (
        "antwoorden.csv: rows of other measurements in column 'meting', not read: follow-up (rows: 1)" in s.assumptions
    )
    text = str(s.summary())
    assert "wave                    meting: voormeting -> nameting" in text and "data post" not in text


def test_a_workbooks_measurement_numbers_are_the_labels(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for line in ROWS[:-1]:
        cells = line.replace("voormeting", "1").replace("nameting", "2").split(",")
        book.active.append([int(c) if c.isdigit() else (c or None) for c in cells])
    book.save(tmp_path / "antwoorden.xlsx")
    model = (
        _waves_model()
        .replace("antwoorden.csv", "antwoorden.xlsx")
        .replace("pre: voormeting, post: nameting", "pre: 1, post: 2")
    )
    (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
    spec = ic.load(tmp_path / "model.yaml").soft_outcomes[0]
    assert spec["wave"] == {"column": "meting", "pre": "1", "post": "2"}
    s = ic.soft_outcome_summary({**spec, "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (5, 3)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(4, abs=1e-12)


@pytest.mark.parametrize(
    "rows, message",
    [
        ([*ROWS, "6,,A,1,1,1"], r"antwoorden\.csv: row 11, column 'meting': no measurement label"),
        (
            [*ROWS, "1,nameting,A,1,1,1"],
            r"antwoorden\.csv: row 11, column 'id': id '1' appears twice \(first on row 7\)",
        ),
        ([r.replace(",meting", ",wave") for r in ROWS], r"column 'meting' not found \(named by wave\)"),
        (
            [r.replace("nameting", "na") for r in ROWS],
            r"antwoorden\.csv: no row has 'nameting' \(wave\.post\) in column 'meting'; "
            r"its labels: 'voormeting', 'na', 'follow-up'",
        ),
    ],
)
def test_the_measurements_rows_are_checked_and_named(tmp_path, rows, message):
    spec = ic.load(_write_rows(tmp_path, rows)).soft_outcomes[0]
    with pytest.raises(ValueError, match=message):
        ic.soft_outcome_summary(spec, tmp_path)


@pytest.mark.parametrize(
    "change, place, message",
    [
        ((re.search(r"    id_column: .*\n", _waves_model())[0], ""), "wave", "so id_column is required"),
        (("post: nameting}", "post: voormeting}"), "wave.post", "wave.post must differ from wave.pre"),
        (("column: meting", "column: groep"), "wave.column", "wave.column 'groep' is also the group"),
        (("data: antwoorden.csv", "data: antwoorden.csv\n    data_post: x.csv"), "wave", "give one of them"),
    ],
)
def test_the_loader_and_python_refuse_a_wave_that_cannot_be_joined(tmp_path, change, place, message):
    text = _waves_model().replace(*change)
    with pytest.raises(ValueError, match=rf"soft_outcomes\[0\]\.{re.escape(place)}: .*{re.escape(message)}"):
        ic.loads(text, format="yaml")
    yaml = pytest.importorskip("yaml")
    given = yaml.safe_load(text)["soft_outcomes"][0]  # the same entry given to Python as a dict
    _write_rows(tmp_path)
    with pytest.raises(ValueError, match=re.escape(message)):
        ic.soft_outcome_summary(given, tmp_path)


def test_the_schema_needs_the_ids_and_every_part_of_a_wave():
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    validator = jsonschema.Draft202012Validator(json.loads((DOCS / "model.schema.json").read_text(encoding="utf-8")))
    text = _waves_model()
    assert not list(validator.iter_errors(yaml.safe_load(text)))
    for bad, place in (
        (re.sub(r"    id_column: .*\n", "", text), "wave"),
        (text.replace(", post: nameting", ""), "wave.post"),
        (text.replace("meting, pre", "meting, when: x, pre"), "wave.when"),
    ):
        assert list(validator.iter_errors(yaml.safe_load(bad)))
        with pytest.raises(ValueError, match=rf"soft_outcomes\[0\]\.{re.escape(place)}"):
            ic.loads(bad, format="yaml")


def test_validate_lists_each_measurements_row(tmp_path, capsys):
    assert main(["validate", str(_write_rows(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "antwoorden.csv: 5 respondents (8 rows), 3 used, 2 not used:" in out
    assert "id 4 (row 5, voormeting): no row of nameting (column 'meting')" in out
    assert "id 5 (row 9, nameting): no row of voormeting (column 'meting')" in out


def test_an_spss_files_measurement_codes_and_their_labels_both_match(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat", reason="the optional extra impactchain[spss] is not installed")
    pd = pytest.importorskip("pandas")
    rows = [r.split(",") for r in ROWS[1:9]]  # the follow-up row left out
    frame = pd.DataFrame(
        {
            "id": [float(r[0]) for r in rows],
            "meting": [1.0 if r[1] == "voormeting" else 2.0 for r in rows],
            "groep": [r[2] for r in rows],
            **{f"v{k}": [float(r[2 + k]) for r in rows] for k in (1, 2, 3)},
        }
    )
    pyreadstat.write_sav(
        frame, str(tmp_path / "antwoorden.sav"), variable_value_labels={"meting": {1.0: "voormeting", 2.0: "nameting"}}
    )
    for labels in ("pre: voormeting, post: nameting", "pre: 1, post: 2"):
        model = (
            _waves_model()
            .replace("antwoorden.csv", "antwoorden.sav")
            .replace("pre: voormeting, post: nameting", labels)
        )
        (tmp_path / "model.yaml").write_text(model, encoding="utf-8")
        s = ic.soft_outcome_summary({**ic.load(tmp_path / "model.yaml").soft_outcomes[0], "resamples": 0}, tmp_path)
        assert (s.n_rows, s.n_used) == (5, 3), labels
        assert s.groups.loc["all", "mean_change"] == pytest.approx(4, abs=1e-12)


def test_ids_written_otherwise_are_not_matched_but_said(tmp_path, capsys):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for line in BEFORE:  # a sheet's ids are numbers: 1, 2, 3, 4
        book.active.append([int(c) if c.isdigit() else c for c in line.split(",")])
    book.save(tmp_path / "voormeting.xlsx")
    # The survey tool's export writes 2 and 4 (who now answered after too) with a leading zero.
    after = ["id,v1,v2,v3", "3,3,3,3", "1,4,4,4", "02,3,4,5", "04,5,5,5"]
    path = _files(tmp_path, {"nameting.csv": after}, _docs_model().replace("voormeting.csv", "voormeting.xlsx"))
    s = ic.soft_outcome_summary({**ic.load(path).soft_outcomes[0], "resamples": 0}, tmp_path)
    # 1 (12 - 6 = 6) and 3 (9 - 6 = 3) are in both; 2 and 4 are not matched to 02 and 04.
    assert (s.n_rows, s.n_used) == (6, 2)
    assert s.groups.loc["all", "mean_change"] == pytest.approx(4.5, abs=1e-12)
    said = (
        "2 respondents only in voormeting.xlsx have an id that nameting.csv writes otherwise (such as '2' and "
        "'02': leading zeros, a '.0' after the number or capitals; a spreadsheet drops a number's leading zeros); write the ids "
        "alike in both, or these respondents are not used"
    )
    assert said in s.warnings
    assert main(["validate", str(path)]) == 0
    assert f"warning: soft outcome 'welzijn': {said}" in capsys.readouterr().err
    (tmp_path / "portfolio.yaml").write_text(
        "currency: EUR\nprice_year: 2024\nmembers:\n  - {organisation: Buurtkamer, period: 2024, model: model.yaml}\n"
    )
    assert main(["validate", str(tmp_path / "portfolio.yaml")]) == 0
    assert f"  warning: soft outcome 'welzijn': {said}" in capsys.readouterr().out
    md = ic.build_report([path], draws=100, seed=1, lang="nl").to_markdown()
    assert "2 respondenten die alleen in voormeting.xlsx staan, hebben een id dat nameting.csv anders schrijft" in md


def test_one_measurements_id_in_other_capitals_is_said_once(tmp_path):
    rows = [r.replace("5,nameting", "r5,nameting").replace("4,voormeting", " R5,voormeting") for r in ROWS]
    s = ic.soft_outcome_summary({**ic.load(_write_rows(tmp_path, rows)).soft_outcomes[0], "resamples": 0}, tmp_path)
    assert (s.n_rows, s.n_used) == (5, 3)
    assert (
        "1 respondent only in voormeting has an id that nameting writes otherwise ('R5' and 'r5': leading zeros, "
        "a '.0' after the number or capitals; a spreadsheet drops a number's leading zeros); write the ids alike in both, or this "
        "respondent is not used"
    ) in s.warnings


def test_ids_a_table_of_floats_wrote_are_said_alike(tmp_path):
    # An export whose id column had a blank wrote every id as a decimal: 1.0, 2.0, … (a Dutch one 3,0).
    path = _write(tmp_path, after=["id,v1,v2,v3", "1.0,4,4,4", "2.00,3,4,5", "5.5,5,5,5", "4.01,5,5,5"])
    with pytest.raises(DataFileError, match=r"; 2 respondents only in voormeting.csv have an id that nameting.csv "):
        ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], tmp_path)
    path = _write(tmp_path, after=["id,v1,v2,v3", "1,4,4,4", '"3,0",3,3,3', "5.5,5,5,5", "4.01,5,5,5"])
    s = ic.soft_outcome_summary({**ic.load(path).soft_outcomes[0], "resamples": 0}, tmp_path)
    assert s.n_used == 1  # respondent 1; '3,0' is not matched to 3, nor 4.01 to 4 (another number) or 5.5 to 5
    assert [w for w in s.warnings if "writes otherwise" in w] == [
        "1 respondent only in voormeting.csv has an id that nameting.csv writes otherwise ('3' and '3,0': leading "
        "zeros, a '.0' after the number or capitals; a spreadsheet drops a number's leading zeros); write "
        "the ids alike in both, or this respondent is not used"
    ]


def test_ids_that_differ_are_not_said_to_be_alike(tmp_path):
    s = ic.soft_outcome_summary({**ic.load(_write(tmp_path)).soft_outcomes[0], "resamples": 0}, tmp_path)
    assert not [w for w in s.warnings if "writes otherwise" in w]  # 4 before, 5 after: different respondents


def test_two_files_of_which_no_respondent_is_in_both_are_refused(tmp_path):
    # Ids written otherwise throughout: refused, with the ids of each file and the likely reason.
    after = ["id,v1,v2,v3", "001,4,4,4", "002,3,4,5", "005,5,5,5"]
    path = _write(tmp_path, after=after)
    with pytest.raises(DataFileError) as refused:
        ic.soft_outcome_summary(ic.load(path).soft_outcomes[0], tmp_path)
    assert str(refused.value) == (
        "soft outcome 'welzijn': no respondent is in both voormeting.csv and nameting.csv by column 'id' "
        "(its ids in voormeting.csv: '1', '2', '3', '4'; in nameting.csv: '001', '002', '005'); 2 respondents "
        "only in voormeting.csv have an id that nameting.csv writes otherwise (such as '1' and '001': leading "
        "zeros, a '.0' after the number or capitals; a spreadsheet drops a number's leading zeros); write the ids alike in both, "
        "or these respondents are not used"
    )
    assert main(["validate", str(path)]) == 1
    # Other ids altogether (another column taken for the ids): refused, naming them, without the hint.
    rows = [r if ",nameting," not in r else "x" + r for r in ROWS]
    with pytest.raises(DataFileError, match=r"no respondent is in both voormeting and nameting by column 'id' "):
        ic.soft_outcome_summary(ic.load(_write_rows(tmp_path, rows)).soft_outcomes[0], tmp_path)
    with pytest.raises(DataFileError, match=r"in nameting: 'x3', 'x1', 'x2', 'x5'\)$"):
        ic.soft_outcome_summary(ic.load(_write_rows(tmp_path, rows)).soft_outcomes[0], tmp_path)


def test_an_after_file_without_respondents_yet_is_read(tmp_path):
    # The after measurement has not been held: its file has the header only; nobody is used, nothing refused.
    s = ic.soft_outcome_summary(
        {**ic.load(_write(tmp_path, after=AFTER[:1])).soft_outcomes[0], "resamples": 0}, tmp_path
    )
    assert (s.n_rows, s.n_used) == (4, 0)
    assert any("respondents in both: 0; only in voormeting.csv: 4; only in nameting.csv: 0" in a for a in s.assumptions)
