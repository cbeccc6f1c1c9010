"""The hostile-input catalogue: every class of bad input, run through the command
line as a user would run it.

Each row runs ``python -m impactchain …`` in a fresh folder holding copies of its
inputs (tests/data/catalogue, plus a few made on the spot: FIFOs, links, very
deep nesting) and checks
- the exit code (0 success, 1 invalid input, 2 wrong command line);
- on failure, one short message on stderr containing the row's fragments
  (a field path or a word such as 'outside', 'alias', 'deeper than');
- no Python traceback, no "Broken pipe", no raw terminal escape on stderr;
- no inf or nan printed as a number on stdout;
- nothing in the folder created, changed or removed except the row's outputs
  (every file compared by type, size, mtime and SHA-256 before and after).
The child runs with a time limit and a memory ceiling, so a row that would
expand an alias bomb or read /dev/zero fails instead of taking the machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Union

import pytest

import impactchain

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "catalogue"
TIMEOUT = 120  # seconds; generous for a loaded machine, far below "hangs"
MEMORY_CEILING = 4 << 30  # bytes of data segment the child may use
DEPTH = 10_000

# A number printed as inf or nan (not a word containing those letters).
NONFINITE = re.compile(r"(?<![A-Za-z0-9_])[-+]?(?:inf(?:inity)?|nan)(?![A-Za-z0-9_])", re.IGNORECASE)
PROGRESS = re.compile(r"\[\s*\d+\.\d+s\]")
SECRET = "catalogue-" + secrets.token_hex(8)  # an environment value that must never be printed

Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Row:
    id: str
    argv: tuple[str, ...]
    exit: Union[int, tuple[int, ...]]
    fragments: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()  # files copied from tests/data/catalogue
    setup: Optional[Setup] = None  # makes more inputs in the folder
    writes: tuple[str, ...] = ()  # the only paths the run may create (and must, when it succeeds)
    not_printed: tuple[str, ...] = ()  # texts that must appear neither on stdout nor stderr
    no_progress: bool = False
    stdout_check: Optional[Callable[[str], None]] = None
    pipe_head: bool = False  # run as `… | head -1`
    timeout: int = TIMEOUT
    notes: str = field(default="", compare=False)


# ----------------------------------------------------------------------------- inputs made on the spot


def _deep_yaml(d: Path) -> None:
    (d / "deep.yaml").write_text("name: deep\nnotes: " + "[" * DEPTH + "]" * DEPTH + "\n", encoding="utf-8")


def _deep_json(d: Path) -> None:
    (d / "deep.json").write_text('{"name": "deep", "notes": ' + "[" * DEPTH + "]" * DEPTH + "}\n", encoding="utf-8")


def _fifo(d: Path) -> None:
    os.mkfifo(d / "fifo.yaml")


def _symlinked_output(d: Path) -> None:
    (d / "victim.html").write_text("<p>a file the user keeps</p>\n", encoding="utf-8")
    os.symlink("victim.html", d / "out.html")


def _input_named_input(d: Path) -> None:
    shutil.copy(CATALOGUE / "model.json", d / "input.json")


def _quantity_is_read_as_150000(out: str) -> None:
    data = json.loads(out)
    # 1.5e5 participants x conversion rate 0.3 = 45,000 people employed
    assert data["outcomes"][0]["quantity"] == pytest.approx(45000.0)


def _amount_60_with_a_warning(out: str) -> None:
    data = json.loads(out)
    assert data["investment"] == pytest.approx(60.0)  # 60.000 is the number 60 in YAML and JSON
    assert any(
        w.startswith(
            "investments[0].amount (line 16, column 28): 60.000 is read as 60 (a decimal point); if 60000 was meant"
        )
        for w in data["warnings"]
    ), data["warnings"]


def _first_line_only(out: str) -> None:
    assert out.splitlines() == ["{"]


DATA_ROW = ("--draws", "100", "--quiet")

ROWS = [
    # -- outputs never overwrite inputs, links, devices
    Row(
        "report_onto_its_own_input", ("report", "model.json", "-o", "model.json"), 2, ("input",), inputs=("model.json",)
    ),
    Row(
        "report_md_beside_an_input_of_the_same_stem",
        ("report", "input.json", "-o", "input.md", *DATA_ROW),
        0,
        setup=_input_named_input,
        writes=("input.md",),
    ),
    Row(
        "report_through_a_symlink",
        ("report", "model.yaml", "-o", "out.html", *DATA_ROW),
        2,
        ("link",),
        inputs=("model.yaml",),
        setup=_symlinked_output,
    ),
    Row(
        "report_to_dev_full",
        ("report", "model.yaml", "-o", "/dev/full", *DATA_ROW),
        2,
        ("not a regular file",),
        inputs=("model.yaml",),
    ),
    Row("demo_with_a_bad_option_leaves_no_folder", ("demo", "-o", "demo_out", "--draws", "0"), 2, ("--draws",)),
    # -- the model file reader: aliases, nesting, what is not a file
    Row("yaml_alias_bomb", ("validate", "alias_bomb.yaml"), 1, ("alias",), inputs=("alias_bomb.yaml",)),
    Row("yaml_recursive_alias", ("validate", "alias_recursive.yaml"), 1, ("alias",), inputs=("alias_recursive.yaml",)),
    Row("yaml_10000_deep", ("validate", "deep.yaml"), 1, ("deeper than 64 levels",), setup=_deep_yaml),
    Row("json_10000_deep", ("validate", "deep.json"), 1, ("deeper than 64 levels",), setup=_deep_json),
    Row("model_path_dev_zero", ("validate", "/dev/zero"), 1, ("not a regular file",)),
    Row("model_path_fifo", ("validate", "fifo.yaml"), 1, ("not a regular file",), setup=_fifo, timeout=60),
    # -- numbers out of their domain
    Row(
        "investment_year_999999999",
        ("validate", "investment_year_huge.yaml"),
        1,
        ("investments[0].year",),
        inputs=("investment_year_huge.yaml",),
    ),
    Row("period_plus_1e9", ("validate", "period_plus_1e9.yaml"), 1, ("period",), inputs=("period_plus_1e9.yaml",)),
    Row("period_minus_1e9", ("validate", "period_minus_1e9.yaml"), 1, ("period",), inputs=("period_minus_1e9.yaml",)),
    Row(
        "proxy_1_7e308_prints_no_inf",
        ("value", "proxy_huge.yaml"),
        (0, 1),
        ("employed", "proxy"),
        inputs=("proxy_huge.yaml",),
    ),
    Row(
        "lognormal_sdlog_50_prints_no_inf",
        ("simulate", "lognormal_sdlog_50.yaml", "--draws", "2000", "--quiet"),
        (0, 1),
        ("outcomes[0].proxy",),
        inputs=("lognormal_sdlog_50.yaml",),
    ),
    Row(
        "beta_1e50_ends",
        ("simulate", "beta_1e50.yaml", "--draws", "2000", "--quiet"),
        (0, 1),
        ("outcomes[0].attribution",),
        inputs=("beta_1e50.yaml",),
        timeout=60,
    ),
    Row(
        "pert_lambda_1e300",
        ("simulate", "pert_lambda_1e300.yaml", "--draws", "2000", "--quiet"),
        (0, 1),
        ("outcomes[0].attribution",),
        inputs=("pert_lambda_1e300.yaml",),
    ),
    Row(
        "deadweight_5", ("validate", "deadweight_5.yaml"), 1, ("outcomes[0].deadweight",), inputs=("deadweight_5.yaml",)
    ),
    Row(
        "price_index_key_4294969320",
        ("validate", "price_index_key_overflow.yaml"),
        1,
        ("price_index",),
        inputs=("price_index_key_overflow.yaml",),
    ),
    # -- what YAML and JSON mean by a number, a key, a tag
    Row(
        "yaml_1_5e5_is_a_number",
        ("value", "quantity_exponent.yaml", "--json"),
        0,
        inputs=("quantity_exponent.yaml",),
        stdout_check=_quantity_is_read_as_150000,
    ),
    Row(
        "money_with_a_dutch_thousands_separator",
        ("value", "amount_dutch_thousands.yaml", "--json"),
        0,
        inputs=("amount_dutch_thousands.yaml",),
        stdout_check=_amount_60_with_a_warning,
    ),
    Row(
        "yaml_1_colon_30_refused",
        ("validate", "duration_sexagesimal.yaml"),
        1,
        ("`1:30` is not a number", "sexagesimal"),
        inputs=("duration_sexagesimal.yaml",),
    ),
    Row("json_duplicate_key", ("validate", "duplicate_key.json"), 1, ("deadweight",), inputs=("duplicate_key.json",)),
    Row("yaml_tag_binary", ("validate", "tag_binary.yaml"), 1, ("binary",), inputs=("tag_binary.yaml",)),
    Row("yaml_tag_set", ("validate", "tag_set.yaml"), 1, ("set",), inputs=("tag_set.yaml",)),
    Row("yaml_tag_timestamp", ("validate", "tag_timestamp.yaml"), 1, ("timestamp",), inputs=("tag_timestamp.yaml",)),
    Row(
        "scale_typo_suggests_swemwbs",
        ("validate", "scale_typo.yaml"),
        1,
        ("swemwbs",),
        inputs=("scale_typo.yaml", "survey.csv"),
    ),
    # -- data files named in a model stay inside its folder
    Row(
        "survey_data_parent_dirs",
        ("report", "data_parent_dirs.yaml", "-o", "out/", *DATA_ROW),
        1,
        ("outside",),
        inputs=("data_parent_dirs.yaml",),
        not_printed=("root:",),
    ),
    Row(
        "survey_data_etc_passwd",
        ("report", "data_etc_passwd.yaml", "-o", "out/", *DATA_ROW),
        1,
        ("outside",),
        inputs=("data_etc_passwd.yaml",),
        not_printed=("root:",),
    ),
    Row(
        "survey_data_proc_self_environ",
        ("report", "data_proc_environ.yaml", "-o", "out/", *DATA_ROW),
        1,
        ("outside",),
        inputs=("data_proc_environ.yaml",),
        not_printed=(SECRET, "PATH="),
    ),
    # -- user text in messages and reports
    Row(
        "mathtext_in_a_name",
        ("report", "name_mathtext.yaml", "-o", "out/", *DATA_ROW),
        0,
        inputs=("name_mathtext.yaml",),
        writes=("out", "out/report.html", "out/report.md", "out/report.json"),
    ),
    Row("ansi_escape_in_a_key", ("validate", "ansi_key.json"), 1, ("outcomes[0]",), inputs=("ansi_key.json",)),
    # -- the command line itself
    Row(
        "draws_minus_5",
        ("simulate", "model.yaml", "--draws", "-5"),
        2,
        ("--draws",),
        inputs=("model.yaml",),
        no_progress=True,
    ),
    Row(
        "value_into_head",
        ("value", "many_years.json", "--json"),
        0,
        inputs=("many_years.json",),
        pipe_head=True,
        stdout_check=_first_line_only,
    ),
]


# ----------------------------------------------------------------------------- running


def _snapshot(root: Path) -> dict[str, tuple]:
    """Every path under root (links not followed, FIFOs not opened) -> what it is."""
    out: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode):
                out[rel] = ("file", st.st_size, st.st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            elif stat.S_ISLNK(st.st_mode):
                out[rel] = ("link", os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = ("dir",)
            else:
                out[rel] = ("special", stat.S_IFMT(st.st_mode), st.st_mtime_ns)
    return out


def _env() -> dict[str, str]:
    """The environment of the child: the package under test first on the path."""
    roots = []
    for d in list(impactchain.__path__):  # the source package and the build's compiled part
        parent = str(Path(d).resolve().parent)
        if parent not in roots:
            roots.append(parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(roots + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env["MPLBACKEND"] = "Agg"
    env["IMPACTCHAIN_CATALOGUE_SECRET"] = SECRET
    env.pop("PYTHONWARNINGS", None)
    return env


def _run(row: Row, cwd: Path) -> subprocess.CompletedProcess:
    # bash sets the memory ceiling (ulimit -d, KiB) and runs the command, piped into head when asked
    line = f"ulimit -d {MEMORY_CEILING // 1024}; " + (
        'set -o pipefail; "$@" | head -n 1' if row.pipe_head else 'exec "$@"'
    )
    cmd = ["bash", "-c", line, "bash", sys.executable, "-m", "impactchain", *row.argv]
    # its own session, so a row that hangs is ended with everything it started
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=row.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"{row.id}: still running after {row.timeout} s; stderr so far:\n{err[-2000:]}")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _allowed(path: str, writes: tuple[str, ...]) -> bool:
    return any(path == w or path.startswith(w.rstrip("/") + "/") for w in writes)


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_hostile_input(row: Row, tmp_path: Path) -> None:
    for name in row.inputs:
        shutil.copy(CATALOGUE / name, tmp_path / name)
    if row.setup:
        row.setup(tmp_path)
    before = _snapshot(tmp_path)

    proc = _run(row, tmp_path)
    out, err = proc.stdout, proc.stderr
    shown = f"exit {proc.returncode}\n--- stderr:\n{err[-3000:]}\n--- stdout:\n{out[-1500:]}"

    exits = row.exit if isinstance(row.exit, tuple) else (row.exit,)
    assert proc.returncode in exits, shown
    assert "Traceback" not in err, shown
    assert "Broken pipe" not in err and "BrokenPipeError" not in err, shown
    assert "\x1b" not in err, shown
    if proc.returncode != 0:
        assert err.strip(), shown
        for frag in row.fragments:
            assert frag in err, f"'{frag}' not on stderr\n{shown}"
    bad = NONFINITE.search(out)
    assert bad is None, f"'{bad.group(0) if bad else ''}' printed as a number\n{shown}"
    for text in row.not_printed:
        assert text not in out and text not in err, f"'{text}' was printed\n{shown}"
    if row.not_printed and "PATH=" in row.not_printed and os.environ.get("PATH"):
        assert os.environ["PATH"] not in err, shown
    if row.no_progress:
        assert not PROGRESS.search(err) and "simulating" not in err, shown
    if row.stdout_check and proc.returncode == 0:
        row.stdout_check(out)

    after = _snapshot(tmp_path)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    outside = [p for p in changed if not _allowed(p, row.writes)]
    assert not outside, f"created, changed or removed outside the output: {outside}\n{shown}"
    if proc.returncode == 0:
        missing = [w for w in row.writes if w not in after]
        assert not missing, f"not written: {missing}\n{shown}"
