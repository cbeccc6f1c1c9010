"""What the verbs of the command line share, said alike in their help and docs: the threads'
bound, each verb's least number of draws and why, the language a report is written in without
--lang, and an output path that cannot be used (exit 2 in every verb that writes files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impactchain._check import THREADS_MAX
from impactchain.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "examples" / "data" / "minimal.yaml"


def _help(verb: str) -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return " ".join(sub.choices[verb].format_help().split())  # argparse's line breaks as spaces


def test_the_report_docs_give_the_threads_the_command_line_takes():
    page = " ".join((ROOT / "docs" / "report.md").read_text(encoding="utf-8").split())
    assert f"`--threads` 0 (all cores, the default) to {THREADS_MAX} " in page
    assert f"threads, 0 (all cores) to {THREADS_MAX};" in _help("report")


def test_each_verb_states_its_least_number_of_draws():
    assert "at least 100 (a report's intervals, shares in words and value of information need them)" in _help("report")
    assert "at least 100 (a report's" in _help("demo")
    assert "at least 100 (the report's intervals and chances of a ratio above 1 need them)" in _help("portfolio")
    for verb in ("simulate", "compare"):
        assert "Monte Carlo draws, at least 1 (default" in _help(verb), verb


def test_the_portfolio_command_refuses_fewer_draws_than_its_report_needs(tmp_path, capsys):
    path = _portfolio(tmp_path, "nl")
    assert main(["portfolio", str(path), "-o", f"{tmp_path / 'out'}/", "--draws", "99"]) == 2
    assert "argument --draws: must be >= 100, got 99" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_report_help_names_the_model_files_language_without_a_stray_colon():
    text = _help("report")
    assert "language:, else" not in text
    assert "(default: the language the first model file names with 'language:', else en)" in text


@pytest.mark.parametrize("name", ["model.csv", "model.txt"])
def test_an_export_name_it_cannot_write_is_a_usage_error(tmp_path, capsys, name):
    assert main(["export", str(MINIMAL), "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: impactchain export") and "the export can be written as" in err
    assert list(tmp_path.iterdir()) == []


def _member(folder: Path, name: str, language: str | None) -> Path:
    text = MINIMAL.read_text(encoding="utf-8").split("soft_outcomes:")[0]  # without its survey
    text = re.sub(r"(?m)^name: .*$", f"name: {name}", text)
    if language:
        text += f"language: {language}\n"
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _portfolio(folder: Path, *languages: str | None) -> Path:
    lines = ["impactchain: 1", "name: Fonds", "currency: EUR", "price_year: 2024", "members:"]
    for i, lang in enumerate(languages):
        _member(folder, f"m{i}", lang)
        lines.append(f"  - {{organisation: O{i}, period: 2024, model: m{i}.yaml}}")
    path = folder / "portfolio.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


NAMED_IN_REPORT = (
    "taal van het rapport: die de modelbestanden van de projecten noemen (language: nl); met --lang kiest u een andere"
)
DEFAULT_IN_REPORT = (
    "report language: English, the default, as the members' model files name no one language; --lang chooses another"
)


@pytest.mark.parametrize(
    ("languages", "expected", "said", "in_report"),
    [
        (("nl", "nl"), "nl", "the language the members' model files name", NAMED_IN_REPORT),
        (("nl", None), "nl", "the language the members' model files name", NAMED_IN_REPORT),  # one names none
        (("nl", "en"), "en", "no one language named by the members", DEFAULT_IN_REPORT),
        ((None, None), "en", "no one language named by the members", DEFAULT_IN_REPORT),
    ],
)
def test_portfolio_report_language_defaults_to_the_members_when_they_agree(
    tmp_path, capsys, languages, expected, said, in_report
):
    from impactchain._cli_portfolio import members_language
    from impactchain.portfolio import load_portfolio, read_models

    path = _portfolio(tmp_path, *languages)
    assert (members_language(read_models(load_portfolio(path))) or "en") == expected
    assert main(["portfolio", str(path), "-o", f"{tmp_path / 'out'}/", "--draws", "100", "--format", "md"]) == 0
    err = capsys.readouterr().err
    assert f"report in {expected} ({said}; --lang chooses)" in err
    first = (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()[0]
    assert first == {"nl": "# Portefeuille: Fonds", "en": "# Portfolio: Fonds"}[expected]
    # The choice is in the report's assumptions too, in its language; not when --lang chose.
    report = " ".join((tmp_path / "out" / "report.md").read_text(encoding="utf-8").split())
    assert in_report in report
    argv = ["portfolio", str(path), "-o", f"{tmp_path / 'chosen'}/", "--draws", "100", "--format", "md", "--quiet"]
    assert main([*argv, "--lang", expected]) == 0
    chosen = (tmp_path / "chosen" / "report.md").read_text(encoding="utf-8")
    assert "report language" not in chosen and "taal van het rapport" not in chosen
