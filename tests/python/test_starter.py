"""``impactchain init``: the starter folder validates and reports unchanged, in both languages,
its survey template matches what the model reads, and a folder in use is refused."""

from __future__ import annotations

import json
import re
from importlib import resources

import pandas as pd
import pytest
import yaml

import impactchain as ic
from impactchain.cli import main


def test_starter_files_ship_with_the_package():
    """The wheel copies every file of python/impactchain (scikit-build-core wheel.packages);
    read here through importlib.resources, as from an installed wheel."""
    folder = resources.files("impactchain") / "starter"
    names = {p.name for p in folder.iterdir()}
    assert {"model.en.yaml", "model.nl.yaml", "README.en.md", "README.nl.md", "survey.csv"} <= names


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_init_then_validate_then_report(lang, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "new" / "project"  # missing, parents too: created
    assert main(["init", "--lang", lang, str(folder)]) == 0
    written = capsys.readouterr().out.split()
    assert sorted(p.rsplit("/", 1)[-1] for p in written) == [
        "README.md",
        "model.yaml",
        "survey.csv",
        "survey.xlsx",
        "valuemap.xlsx",
    ]

    text = (folder / "model.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["language"] == lang
    # The comments are in the chosen language.
    assert ("# the impact chain" in text) == (lang == "en")
    assert ("# de impactketen" in text) == (lang == "nl")

    monkeypatch.chdir(folder)  # the commands of the README, as written there
    assert main(["validate", "model.yaml"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid, with its data files")
    assert "R-11" in out  # the respondent without a score afterwards is named, not dropped silently
    assert main(["report", "model.yaml", "-o", "report/", "--draws", "200", "--quiet"]) == 0
    capsys.readouterr()
    data = json.loads((folder / "report" / "report.json").read_text(encoding="utf-8"))
    assert data  # written; the report's language follows the model's language:
    html = (folder / "report" / "report.html").read_text(encoding="utf-8")
    assert f'lang="{lang}"' in html
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "impactchain validate model.yaml" in readme and "impactchain report model.yaml -o report/" in readme


def test_survey_template_matches_the_model(tmp_path):
    """The workbook holds the CSV's rows, and both have the columns the model reads."""
    ic_files = tmp_path / "p"
    assert main(["init", str(ic_files)]) == 0
    model = ic.load(ic_files / "model.yaml")
    soft = model.soft_outcomes[0]
    csv = pd.read_csv(ic_files / "survey.csv")
    xlsx = pd.read_excel(ic_files / "survey.xlsx", sheet_name="survey")
    pd.testing.assert_frame_equal(csv, xlsx, check_dtype=False)
    assert [soft["id_column"], *soft["pre"], *soft["post"]] == list(csv.columns)
    # SWEMWBS items are answered 1 to 5 (Stewart-Brown et al. 2009); R-05 left one item before
    # empty (pro-rated: max_missing 1), R-11 has no answers after.
    items = csv.drop(columns="respondent")
    assert items.min().min() >= 1 and items.max().max() <= 5
    gaps = items.isna().sum(axis=1)
    assert dict(zip(csv.loc[gaps > 0, "respondent"], gaps[gaps > 0])) == {"R-05": 1, "R-11": 7}
    summary = ic.soft_outcome_summary(soft, ic_files)
    assert (summary.n_rows, summary.n_used) == (12, 11)
    assert [r["id"] for r in summary.rows_not_used] == ["R-11"]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_commented_survey_options_work_when_uncommented(lang, tmp_path):
    """The starter shows ``missing`` and ``answers`` as comments; uncommented, the model loads and
    the same survey gives the same summary (its cells are numbers: no label or code matches), with
    each label and code counted in the assumptions."""
    folder = tmp_path / "p"
    assert main(["init", "--lang", lang, str(folder)]) == 0
    text = (folder / "model.yaml").read_text(encoding="utf-8")
    shown = [line for line in text.splitlines() if line.lstrip().startswith(("# missing:", "# answers:"))]
    assert len(shown) == 2
    for line in shown:
        text = text.replace(line, line.replace("# ", "", 1))
    (folder / "model.yaml").write_text(text, encoding="utf-8")
    soft = ic.load(folder / "model.yaml").soft_outcomes[0]
    assert soft["missing"] and len(soft["answers"]) == 5
    summary = ic.soft_outcome_summary(soft, folder)
    assert (summary.n_rows, summary.n_used) == (12, 11)
    said = " ".join(summary.assumptions)
    assert "(cells: 0)" in said and "the labels of answers are read as their numbers" in said


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_survey_split_in_two_files_gives_the_same_summary(lang, tmp_path):
    """The starter shows ``data_post`` as a comment; with the survey's after columns moved to a
    file of their own (in another order) and the line uncommented, the summary is the same."""
    folder = tmp_path / "p"
    assert main(["init", "--lang", lang, str(folder)]) == 0
    one = ic.soft_outcome_summary(ic.load(folder / "model.yaml").soft_outcomes[0], folder)
    text = (folder / "model.yaml").read_text(encoding="utf-8")
    (line,) = [x for x in text.splitlines() if x.lstrip().startswith("# data_post:")]
    text = text.replace(line, line.replace("# ", "", 1))
    (folder / "model.yaml").write_text(text, encoding="utf-8")
    after = line.split("data_post:")[1].split()[0]
    rows = [r.split(",") for r in (folder / "survey.csv").read_text(encoding="utf-8").splitlines()]
    keep = [k for k, h in enumerate(rows[0]) if h == "respondent" or h.startswith("post_")]
    (folder / after).write_text("\n".join(",".join(r[k] for k in keep) for r in [rows[0], *rows[:0:-1]]) + "\n")
    two = ic.soft_outcome_summary(ic.load(folder / "model.yaml").soft_outcomes[0], folder)
    assert (two.n_rows, two.n_used) == (one.n_rows, one.n_used) == (12, 11)
    assert [r["id"] for r in two.rows_not_used] == ["R-11"]
    assert two.groups.loc["all", "mean_change"] == pytest.approx(one.groups.loc["all", "mean_change"], rel=1e-14)
    assert two.groups.loc["all", "change_ci_low"] == pytest.approx(one.groups.loc["all", "change_ci_low"], rel=1e-14)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_survey_as_a_row_per_measurement_gives_the_same_summary(lang, tmp_path):
    """The starter shows ``wave`` as a comment; with the survey rewritten as a row per respondent
    and measurement (the before's columns filled in the before's rows, the after's in the after's)
    and the line uncommented, the summary is the same."""
    folder = tmp_path / "p"
    assert main(["init", "--lang", lang, str(folder)]) == 0
    one = ic.soft_outcome_summary(ic.load(folder / "model.yaml").soft_outcomes[0], folder)
    text = (folder / "model.yaml").read_text(encoding="utf-8")
    (line,) = [x for x in text.splitlines() if x.lstrip().startswith("# wave:")]
    (folder / "model.yaml").write_text(text.replace(line, line.replace("# ", "", 1)), encoding="utf-8")
    wave = ic.load(folder / "model.yaml").soft_outcomes[0]["wave"]
    rows = [r.split(",") for r in (folder / "survey.csv").read_text(encoding="utf-8").splitlines()]
    header, long = rows[0], []
    for side in ("pre", "post"):
        for r in rows[1:]:
            long.append(
                [wave[side], *(c if h == "respondent" or h.startswith(side) else "" for h, c in zip(header, r))]
            )
    lines = [",".join([wave["column"], *header])] + [",".join(r) for r in long]
    (folder / "survey.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    two = ic.soft_outcome_summary(ic.load(folder / "model.yaml").soft_outcomes[0], folder)
    assert (two.n_rows, two.n_used) == (one.n_rows, one.n_used) == (12, 11)
    assert [r["id"] for r in two.rows_not_used] == ["R-11"]
    assert two.groups.loc["all", "mean_change"] == pytest.approx(one.groups.loc["all", "mean_change"], rel=1e-14)
    assert two.groups.loc["all", "change_ci_low"] == pytest.approx(one.groups.loc["all", "change_ci_low"], rel=1e-14)


def test_init_refuses_a_folder_in_use(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "the directory is not empty" in err and "nothing was written" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    f = tmp_path / "notes.txt"
    assert main(["init", str(f)]) == 1
    assert "is not a directory" in capsys.readouterr().err


def test_init_language_is_checked_on_the_command_line(tmp_path, capsys):
    assert main(["init", "--lang", "de", str(tmp_path / "x")]) == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_tutorial_commands_run_as_written(tmp_path, monkeypatch, capsys):
    """Every command of docs/tutorial.md, in order, in a fresh folder holding no checkout (as a
    pip user has it); the model block is saved as my_model.yaml where the tutorial says."""
    import re
    import shlex
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "tutorial.md").read_text(encoding="utf-8")
    commands = [
        ln.strip() for block in re.findall(r"^```sh\n(.*?)^```", page, re.S | re.M) for ln in block.splitlines()
    ]
    model = next(b for b in re.findall(r"^```yaml\n(.*?)^```", page, re.S | re.M) if "\nimpactchain: 1" in b)
    assert "impactchain init my-impact" in commands and "impactchain validate my_model.yaml" in commands
    monkeypatch.chdir(tmp_path)
    for line in commands:
        words = shlex.split(line)
        if words[0] == "cd":
            monkeypatch.chdir(words[1])
            continue
        assert words[0] == "impactchain", f"not an impactchain command: {line}"
        if "my_model.yaml" in words and not Path("my_model.yaml").exists():
            Path("my_model.yaml").write_text(model, encoding="utf-8")
        assert main(words[1:]) == 0, f"{line}: {capsys.readouterr().err}"
    assert Path("report.html").is_file() and (tmp_path / "impactchain-demo" / "report.html").is_file()


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_readmes_survey_shapes_are_commented_lines_of_the_model(lang, tmp_path):
    """The README names the keys for a survey of another shape; each is a commented line of the
    model it came with (uncommented, the tests above read it)."""
    folder = tmp_path / "p"
    assert main(["init", "--lang", lang, str(folder)]) == 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    paragraph = next(p for p in readme.split("\n\n") if "`data_post`" in p)
    keys = re.findall(r"\(`(\w+)`\)", paragraph)
    assert keys == ["data_post", "wave", "answers", "missing"]
    commented = {
        line.strip()[2:].split(":")[0]
        for line in (folder / "model.yaml").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("# ")
    }
    assert set(keys) <= commented
