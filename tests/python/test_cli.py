"""The command line: validate and its exit codes (the other verbs are tested with their concepts)."""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import impactchain
from impactchain.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_validate_valid(data_dir, capsys):
    # model_basic.json names a survey file that is not there: valid only when data files are skipped
    assert main(["validate", "--no-data", str(data_dir / "model_basic.json")]) == 0
    assert capsys.readouterr().out.strip() == "valid (data files not checked: --no-data)"
    assert main(["validate", str(data_dir / "model_basic.json")]) == 1
    assert "soft_outcomes[0].data: cannot read the data file 'survey.csv': not found" in capsys.readouterr().err


def test_validate_invalid_lists_every_problem(data_dir, capsys):
    assert main(["validate", str(data_dir / "model_errors.json")]) == 1
    err = capsys.readouterr().err
    assert "5 problems" in err
    assert "unknown key 'dedweight' (did you mean 'deadweight'?)" in err


def test_validate_several_and_missing(data_dir, tmp_path, capsys):
    assert main(["validate", "--no-data", str(data_dir / "model_basic.json"), str(tmp_path / "missing.yaml")]) == 1
    out = capsys.readouterr()
    assert "model_basic.json: valid" in out.out
    assert "cannot read model file" in out.err


def test_usage_errors_exit_2_and_module_entry_point():
    r = subprocess.run([sys.executable, "-m", "impactchain", "frobnicate"], capture_output=True, text=True)
    assert r.returncode == 2
    r = subprocess.run([sys.executable, "-m", "impactchain", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and impactchain.__version__ in r.stdout
    for verb in ["validate", "value", "simulate", "compare", "report", "demo", "init"]:
        r = subprocess.run([sys.executable, "-m", "impactchain", verb, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "exit codes" in r.stdout


# --------------------------------------------------------------------------- helpers

ROOT = Path(__file__).resolve().parents[2]
# The child imports the same impactchain (source package and compiled _core) as this test.
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(
        [str(Path(p).parent) for p in impactchain.__path__] + [os.environ.get("PYTHONPATH", "")]
    ),
}


def _basic_model(tmp_path: Path, file_name: str = "model.json", **changes) -> Path:
    data = json.loads((ROOT / "tests" / "data" / "model_basic.json").read_text(encoding="utf-8"))
    data["soft_outcomes"] = []  # its survey is not beside the copy
    data.update(changes)
    p = tmp_path / file_name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


# --------------------------------------------------------------------------- report outputs


def test_report_to_a_file_writes_that_file_only(tmp_path, capsys):
    model = _basic_model(tmp_path)
    before = model.read_bytes()
    assert main(["report", str(model), "-o", str(tmp_path / "model.html"), "--draws", "100", "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(tmp_path / "model.html")]
    assert model.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.html", "model.json"]


def test_report_to_a_directory_with_formats(tmp_path, capsys):
    model = _basic_model(tmp_path)
    out = tmp_path / "out"
    assert main(["report", str(model), "-o", f"{out}/", "--format", "json,md", "--draws", "100", "--quiet"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(out / "report.json"), str(out / "report.md")]
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "report.md"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["settings"]["draws"] == 100


def test_report_without_output_writes_the_report_directory(tmp_path, monkeypatch, capsys):
    model = _basic_model(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(model), "--draws", "100", "--quiet", "--format", "md"]) == 0
    assert capsys.readouterr().out.splitlines() == [str(Path("report") / "report.md")]
    assert (tmp_path / "report" / "report.md").is_file()


@pytest.mark.parametrize(
    "args,message",
    [
        (["-o", "{model}"], r"model\.json: is an input of this run"),
        (["-o", "{tmp}/r.yaml"], "YAML output is not available in this version"),
        (["--format", "yaml"], "YAML output is not available in this version"),
        (["--format", "html,docx"], "unknown format 'docx'"),
        (["-o", "{tmp}/r.html", "--format", "md"], r"the format list also asks for md: give a directory"),
        (["-o", "{tmp}/r.txt"], r"the extension '\.txt' names no format"),
        (["-o", "/dev/full"], "is not a regular file"),
    ],
)
def test_report_output_problems_are_usage_errors_before_any_work(tmp_path, capsys, args, message):
    model = _basic_model(tmp_path)
    argv = ["report", str(model)] + [a.format(model=model, tmp=tmp_path) for a in args]
    assert main(argv) == 2
    out = capsys.readouterr()
    assert out.out == "" and "reading" not in out.err
    assert re.search(message, out.err), out.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]


def test_the_command_lines_formats_are_the_reports():
    # The CLI names the formats without importing the report stack; they must be the renderers'.
    from impactchain import report
    from impactchain.cli import DEFAULT_REPORT_FORMATS, REPORT_FORMATS

    assert tuple(report.REPORT_RENDERERS) == REPORT_FORMATS
    assert DEFAULT_REPORT_FORMATS == report.DEFAULT_FORMATS


def test_demo_with_wrong_arguments_creates_nothing(tmp_path, capsys):
    for args in (["--format", "yaml"], ["--draws", "5"], ["-o", str(tmp_path / "d" / "x.txt")]):
        assert main(["demo", "-o", str(tmp_path / "d") + "/", *args]) == 2, args
        assert capsys.readouterr().out == ""
        assert not (tmp_path / "d").exists()


# --------------------------------------------------------------------------- numbers out of range


@pytest.mark.parametrize(
    "args,option",
    [
        (["simulate", "{m}", "--draws", "-5"], "--draws"),
        (["simulate", "{m}", "--draws", "0"], "--draws"),
        (["simulate", "{m}", "--threads", "-1"], "--threads"),
        (["simulate", "{m}", "--threads", "100000"], "--threads"),
        (["simulate", "{m}", "--seed", "-1"], "--seed"),
        (["simulate", "{m}", "--seed", str(2**63)], "--seed"),
        (["simulate", "{m}", "--sobol-draws", "-1"], "--sobol-draws"),
        (["simulate", "{m}", "--stream-version", "3"], "--stream-version"),
        (["simulate", "{m}", "--stream-version", "0"], "--stream-version"),
        (["simulate", "{m}", "--draws", "ten"], "--draws"),
        (["simulate", "{m}", "--draws", "1.5"], "--draws"),
        (["simulate", "{m}", "--draws", "1e-3"], "--draws"),
        (["simulate", "{m}", "--draws", "1e400"], "--draws"),
        (["simulate", "{m}", "--threads", "2e3"], "--threads"),
        (["compare", "{m}", "{m}", "--wtp", "nan"], "--wtp"),
        (["compare", "{m}", "{m}", "--wtp", "inf"], "--wtp"),
        (["compare", "{m}", "{m}", "--wtp", "1", "-2"], "--wtp"),
        (["report", "{m}", "--draws", "10"], "--draws"),
        (["report", "{m}", "--stream-version", "3"], "--stream-version"),
        (["compare", "{m}", "{m}", "--stream-version", "0"], "--stream-version"),
        (["demo", "--stream-version", "one"], "--stream-version"),
        (["portfolio", "{m}", "--stream-version", "3"], "--stream-version"),
    ],
)
def test_out_of_range_options_exit_2_before_any_work(tmp_path, capsys, args, option):
    model = _basic_model(tmp_path)
    assert main([a.format(m=model) for a in args]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert f"argument {option}" in out.err and "simulating" not in out.err and "comparing" not in out.err


def test_stream_version_reaches_the_simulation(capsys, data_dir):
    # --stream-version 1 gives the numbers of ic.simulate(..., stream_version=1); without it the
    # default stream, named in the JSON.
    import impactchain as ic

    model = str(data_dir / "model_basic.json")
    for given, version in ((["--stream-version", "1"], 1), ([], 2)):
        assert main(["simulate", model, "--draws", "60", "--seed", "4", "--json", *given]) == 0
        out = json.loads(capsys.readouterr().out)
        want = ic.simulate(model, draws=60, seed=4, stream_version=version)
        assert out["stream_version"] == version
        assert out["npv"]["mean"] == want.summary_of("npv").mean


@pytest.mark.parametrize(
    ("threads", "said", "table"), [([], "all cores", None), (["--threads", "1"], "1 thread", "1 thread,")]
)
def test_simulate_says_its_threads_in_words(data_dir, capsys, threads, said, table):
    model = str(data_dir / "model_basic.json")
    assert main(["simulate", model, "--draws", "50", "--seed", "4", *threads]) == 0
    got = capsys.readouterr()
    assert f"simulating 50 draws (seed 4, {said})" in got.err and "thread(s)" not in got.out + got.err
    if table:
        assert f"Monte Carlo: 50 draws, seed 4 (stream 2), {table}" in got.out


def test_simulate_without_ledger_and_switching_values(tmp_path, monkeypatch, capsys):
    # The command of docs/uncertainty.md runs as written; the flags leave out the ledger and the
    # switching values, and the four outputs keep the numbers of the full run.
    from doc_commands import run_block

    monkeypatch.chdir(tmp_path)
    lines = run_block("uncertainty.md", tmp_path, ["minimal.yaml"], after="can leave both out")
    assert any("--no-ledger" in ln and "--no-switching-values" in ln for ln in lines)
    capsys.readouterr()
    model = str(tmp_path / "examples" / "data" / "minimal.yaml")
    common = ["simulate", model, "--draws", "3000", "--seed", "7", "--json"]
    runs = {}
    for name, flags in (("full", []), ("lean", ["--no-ledger", "--no-switching-values"])):
        assert main([*common, *flags]) == 0
        runs[name] = json.loads(capsys.readouterr().out)
    full, lean = runs["full"], runs["lean"]
    assert full["ledger"] and full["switching_values"]  # the default carries both
    assert lean["ledger"] == [] and lean["switching_values"] == {}
    for output in ("sroi_ratio", "present_value", "investment_pv", "npv"):
        assert lean[output] == full[output], output
    assert main([*common, "--no-ledger"]) == 0
    only_ledger_off = json.loads(capsys.readouterr().out)
    assert only_ledger_off["ledger"] == [] and only_ledger_off["switching_values"] == full["switching_values"]


def test_stream_version_reaches_report_compare_and_portfolio(tmp_path, capsys):
    # Each verb that simulates takes --stream-version and passes it on: the report's settings and
    # numbers, compare's notice, the portfolio's result are those of the Python call with it.
    import impactchain as ic

    data = ROOT / "examples" / "data"
    out = tmp_path / "r.json"
    assert (
        main(
            ["report", str(data / "minimal.yaml"), "-o", str(out), "--draws", "200", "--stream-version", "1", "--quiet"]
        )
        == 0
    )
    rep = json.loads(out.read_text(encoding="utf-8"))
    want = ic.simulate(data / "minimal.yaml", draws=200, stream_version=1).to_dict()["sroi_ratio"]
    assert rep["settings"]["stream_version"] == 1 and json.dumps(want["mean"]) in json.dumps(rep)
    two = [str(data / "handyman.yaml"), str(data / "traditional_provider.yaml")]
    assert main(["compare", *two, "--draws", "200", "--stream-version", "1", "--json", "--quiet"]) == 0
    assert "on random stream version 1" in capsys.readouterr().out
    portfolio = str(data / "portfolio" / "portfolio.yaml")
    assert (
        main(
            [
                "portfolio",
                portfolio,
                "-o",
                str(tmp_path / "pf-out"),
                "--draws",
                "200",
                "--stream-version",
                "1",
                "--quiet",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert "on random stream 1" in (tmp_path / "pf-out" / "report.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "value"), [("1e4", 10000), ("2.5e3", 2500), ("1_000", 1000), ("300.0", 300)])
def test_whole_numbers_may_be_written_as_researchers_type_them(capsys, data_dir, text, value):
    assert main(["simulate", str(data_dir / "model_basic.json"), "--draws", text, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["draws"] == value


def test_a_number_too_large_for_any_option_is_named_as_written(capsys):
    assert main(["simulate", "m.yaml", "--draws", "1e400"]) == 2
    assert "argument --draws: must be >= 1, got 1e400 (too large)" in capsys.readouterr().err


def test_largest_seed_is_accepted(capsys, data_dir):
    assert (
        main(["simulate", str(data_dir / "model_basic.json"), "--draws", "50", "--seed", str(2**63 - 1), "--quiet"])
        == 0
    )


# --------------------------------------------------------------------------- failures


def test_unexpected_error_is_one_line_without_traceback(data_dir, capsys, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(importlib.import_module("impactchain.value"), "value", boom)
    assert main(["value", str(data_dir / "model_basic.json")]) == 1
    out = capsys.readouterr()
    assert out.out == ""
    assert (
        out.err
        == "impactchain value: unexpected error (RuntimeError): boom second line (run with --debug for the details)\n"
    )
    for argv in (
        ["--debug", "value", str(data_dir / "model_basic.json")],
        ["value", str(data_dir / "model_basic.json"), "--debug"],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.startswith("Traceback (most recent call last)") and "RuntimeError: boom" in err


def test_interrupt_exits_130(data_dir, capsys, monkeypatch):
    def stop(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(importlib.import_module("impactchain.value"), "value", stop)
    assert main(["value", str(data_dir / "model_basic.json")]) == 130
    assert capsys.readouterr().err == "impactchain: interrupted\n"


def test_invalid_input_exits_1_with_one_message(tmp_path, capsys):
    assert main(["value", str(tmp_path / "missing.json")]) == 1
    out = capsys.readouterr()
    assert out.out == "" and len(out.err.splitlines()) == 1 and "cannot read model file" in out.err
    assert "Traceback" not in out.err


@pytest.mark.parametrize("verb", [["value"], ["simulate", "--draws", "200", "--json", "--quiet"]])
def test_a_closed_pipe_ends_quietly(data_dir, verb):
    cmd = [sys.executable, "-m", "impactchain", verb[0], str(data_dir / "model_basic.json"), *verb[1:]]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    p.stdout.close()  # the reader goes away before the first line, as `| head -0` would
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    assert p.wait(timeout=120) == 0, err
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_head_minus_one_reads_one_line(data_dir):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    script = (
        f"set -o pipefail; {shlex.quote(sys.executable)} -m impactchain simulate "
        f"{shlex.quote(str(data_dir / 'model_basic.json'))} --draws 2000 --json --quiet | head -1"
    )
    r = subprocess.run([bash, "-c", script], capture_output=True, text=True, env=ENV, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "{\n" and r.stderr == ""


# --------------------------------------------------------------------------- terminal safety


def test_escape_sequences_in_user_text_do_not_reach_the_terminal(tmp_path, capsys):
    bad = _basic_model(tmp_path, "bad.json", **{"dead\x1b[31mweight\x1b]0;owned\x07": 1})
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "unknown key" in err and "\x1b" not in err and "\x07" not in err
    named = _basic_model(tmp_path, "ev\x1b[2Jil\x9b31m.json")
    assert main(["validate", "--no-data", str(named), str(named)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{tmp_path / 'evil.json'}: valid"] * 2  # no soft outcomes: no data files


def test_the_command_line_takes_as_many_threads_as_the_python_functions():
    from impactchain import cli
    from impactchain._check import THREADS_MAX

    assert cli.MAX_THREADS == THREADS_MAX == 1024
