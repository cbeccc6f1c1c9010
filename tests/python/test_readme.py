"""The README's Python example and command lines run as written, so the README cannot drift from the
package (a comparator named there that no example model has, say)."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

import pytest

from impactchain.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(fence: str, after: str) -> str:
    text = README[README.index(after) :]
    return re.findall(rf"^```{fence}\n(.*?)^```", text, re.S | re.M)[0]


def test_the_python_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # its paths are the repository's
    exec(compile(_block("python", "## Python"), "README.md", "exec"), {})
    assert "SROI ratio" in capsys.readouterr().out


#: Draws for the commands that simulate many models (the demo and the portfolio): the README's
#: defaults take longer than a test needs to show that the command line is right.
FEWER_DRAWS = {"demo": ["--draws", "200"], "portfolio": ["--draws", "200"]}


def _commands() -> list[str]:
    return [ln.strip() for ln in _block("sh", "## Command line").splitlines() if ln.strip()]


@pytest.mark.parametrize("line", _commands())
def test_each_command_line_runs_as_written(line, tmp_path, monkeypatch, capsys):
    # Each optional part ([--json], [--lang nl|en]) is left out: the rest is what a user types.
    # The examples are copied beside it so that files it writes stay in the test's folder.
    shutil.copytree(ROOT / "examples" / "data", tmp_path / "examples" / "data")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(re.sub(r"\s*\[[^\]]*\]", "", line))
    assert words[0] == "impactchain", line
    args = [w for word in words[1:] for w in (sorted(glob.glob(word)) if "*" in word else [word])]
    assert main(args + FEWER_DRAWS.get(args[0], [])) == 0, line
    capsys.readouterr()
