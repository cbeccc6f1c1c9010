"""The command line: validate and its exit codes (the other verbs are tested with their concepts)."""
from __future__ import annotations

import subprocess
import sys

import impactchain
from impactchain.cli import main


def test_validate_valid(data_dir, capsys):
    assert main(["validate", str(data_dir / "model_basic.json")]) == 0
    assert capsys.readouterr().out.strip() == "valid"


def test_validate_invalid_lists_every_problem(data_dir, capsys):
    assert main(["validate", str(data_dir / "model_errors.json")]) == 1
    err = capsys.readouterr().err
    assert "5 problems" in err
    assert "unknown key 'dedweight' (did you mean 'deadweight'?)" in err


def test_validate_several_and_missing(data_dir, tmp_path, capsys):
    assert main(["validate", str(data_dir / "model_basic.json"), str(tmp_path / "missing.yaml")]) == 1
    out = capsys.readouterr()
    assert "model_basic.json: valid" in out.out
    assert "cannot read model file" in out.err


def test_usage_errors_exit_2_and_module_entry_point():
    r = subprocess.run([sys.executable, "-m", "impactchain", "frobnicate"], capture_output=True, text=True)
    assert r.returncode == 2
    r = subprocess.run([sys.executable, "-m", "impactchain", "--version"], capture_output=True, text=True)
    assert r.returncode == 0 and impactchain.__version__ in r.stdout
    for verb in ["validate", "value", "simulate", "compare", "report", "demo"]:
        r = subprocess.run([sys.executable, "-m", "impactchain", verb, "--help"], capture_output=True, text=True)
        assert r.returncode == 0 and "exit codes" in r.stdout
