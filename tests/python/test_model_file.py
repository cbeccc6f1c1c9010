"""Model files as text from Python: the C++ core's bounded parser for YAML and
JSON, the same refusals and positions as C++ (tests/data/model_files/cases.tsv,
also read by tests/cpp/test_model_file.cpp), and files that are not files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

import impactchain as ic
from impactchain.io import ModelFileError
from small_models import MONEY_HEAD


def _cases(data_dir):
    rows = []
    for row in (data_dir / "model_files" / "cases.tsv").read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            file, line, column, expected = row.split("\t")
            rows.append((file, int(line), int(column), expected))
    return rows


def test_every_bad_file_of_the_shared_table_is_refused_as_in_cpp(data_dir):
    rows = _cases(data_dir)
    assert len(rows) >= 30
    for file, line, column, expected in rows:
        path = data_dir / "model_files" / file
        with pytest.raises(ModelFileError) as info:
            ic.load(path)
        err = info.value
        assert expected in str(err), file
        assert err.lines[0] == (line or None), file
        assert err.columns[0] == (column or None), file
        where = f":{line}:{column}" if line else ""
        assert f"{path}{where}: " in str(err), file


def _load_in_subprocess(path, timeout=60):
    """ic.load in a child process (a parser that hung or blew up would not take pytest with it)."""
    code = "import sys, impactchain as ic\ntry:\n ic.load(sys.argv[1])\nexcept ValueError as e:\n print(e)\n"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    t0 = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=timeout, env=env
    )
    return out, time.monotonic() - t0


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("bomb.yaml", None, "expands to more than 10000000 values (limit max_values"),
        ("recursive.yaml", "name: x\nnotes: &a [*a]\n", ":2:12: alias *a refers to a node that contains it"),
        ("deep.yaml", "[" * 10000 + "]" * 10000, ":1:65: the file nests mappings and lists deeper than 64 levels"),
        ("deep.json", "[" * 10000 + "]" * 10000, ":1:65: the file nests mappings and lists deeper than 64 levels"),
        ("deep_block.yaml", "- " * 10000 + "x\n", "deeper than 64 levels (limit max_depth)"),
    ],
)
def test_hostile_files_are_refused_quickly_and_clearly(tmp_path, data_dir, name, text, expected):
    path = data_dir / "model_files" / "alias_bomb.yaml" if text is None else tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    out, seconds = _load_in_subprocess(path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert expected in out.stdout
    assert seconds < 60


def test_fifo_and_devices_are_refused_before_reading(tmp_path):
    fifo = tmp_path / "model.yaml"
    os.mkfifo(fifo)  # reading would wait for a writer for ever
    for path in (fifo, "/dev/zero", tmp_path):
        t0 = time.monotonic()
        with pytest.raises(ModelFileError, match="not a regular file"):
            ic.load(path)
        assert time.monotonic() - t0 < 5


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    import impactchain.io as io

    big = tmp_path / "big.json"
    big.write_bytes(b'{"name": "x"}' + b" " * 100)
    monkeypatch.setitem(io.model_file_limits, "max_file_bytes", 50)
    with pytest.raises(ModelFileError, match=r"larger than 50 bytes \(limit max_file_bytes\), got 113"):
        ic.load(big)


def test_numbers_booleans_and_text_follow_one_rule():
    head = MONEY_HEAD + "outcomes:\n  - {id: o, proxy: {value: 5, currency: EUR}, quantity: "
    assert ic.loads(head + "1.5e5}\n").outcomes[0]["quantity"] == 150000
    assert ic.loads(head + "0.25}\n").outcomes[0]["quantity"] == 0.25
    with pytest.raises(ModelFileError, match=r"outcomes\[0\]\.quantity: expected a number or a one-key mapping"):
        ic.loads(head + "'3'}\n")  # quoted: always text
    with pytest.raises(ModelFileError, match="write 90 or quote it"):
        ic.loads("name: x\nprice_year: 1:30\n")
    assert ic.loads("name: x\nnotes: '1:30'\n").notes == "1:30"
    with pytest.raises(ModelFileError, match="`off` is ambiguous"):
        ic.loads("name: x\nnotes: off\n")
    assert ic.loads("name: 2024-05-01\n").name == "2024-05-01"


def test_yaml_and_json_positions_of_a_problem_found_after_parsing(data_dir):
    for file, line, column in (("deadweight.yaml", 8, 5), ("deadweight.json", 5, 6)):
        path = data_dir / "model_files" / file
        with pytest.raises(ModelFileError) as info:
            ic.load(path)
        assert info.value.issues == [("outcomes[0].deadweight", "outcome 'o': deadweight must be in [0, 1], got 1.3")]
        assert (info.value.lines, info.value.columns) == ([line], [column])
        assert f"{path}:{line}:{column}: outcomes[0].deadweight: outcome 'o'" in str(info.value)


def test_bytes_are_checked_as_utf8_by_the_core():
    with pytest.raises(ModelFileError, match=r"<string>:1:8: the file is not valid UTF-8 \(byte 0xC3\)"):
        ic.loads(b"name: x\xc3(\n", "yaml")
    assert ic.loads("name: café\n".encode()).name == "café"


def test_saved_yaml_quotes_text_that_would_read_back_as_something_else(tmp_path):
    m = ic.loads(
        textwrap.dedent(
            """\
            name: '1e5'
            organisation: '08'
            notes: 'yes'
            description: '1:30'
            """
        )
    )
    back = ic.load(ic.save(m, tmp_path / "m.yaml"))
    assert back == m
    assert (back.name, back.organisation, back.notes, back.description) == ("1e5", "08", "yes", "1:30")


def test_money_written_with_a_dutch_thousands_separator_is_named_in_every_result(tmp_path):
    # 150.000 is the number 150 in YAML and JSON (a point is a decimal point); the file is
    # valid, so the amount is not refused, but the model, value(), simulate() and
    # `impactchain validate` all say where it was written and what to write instead.
    path = tmp_path / "m.yaml"
    path.write_text(
        textwrap.dedent("""\
        impactchain: 1
        name: x
        currency: EUR
        price_year: 2024
        stakeholders: [people]
        outcomes:
          - id: o
            stakeholder: people
            quantity: 10
            proxy: {value: 1.500, currency: EUR, source: test}
            deadweight: 0.2
        investments:
          - {funder: city, amount: 150.000}
        """),
        encoding="utf-8",
    )
    model = ic.load(path)
    expected = [
        "outcomes[0].proxy.value (line 10, column 13): 1.500 is read as 1.5 (a decimal point); "
        "if 1500 was meant, write 1500 (numbers take no thousands separator)",
        "investments[0].amount (line 13, column 20): 150.000 is read as 150 (a decimal point); "
        "if 150000 was meant, write 150000 (numbers take no thousands separator)",
    ]
    assert model.read_warnings == expected
    v = ic.value(model)
    assert v.investment == 150.0 and list(v.warnings[:2]) == expected
    assert list(ic.simulate(model, draws=100, seed=1).warnings[:2]) == expected
    proc = subprocess.run([sys.executable, "-m", "impactchain", "validate", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "valid"
    assert proc.stderr.splitlines() == [f"warning: {w}" for w in expected]
    # Written as text, where a number is needed, it is refused with the number to write.
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 150.000", "amount: 1.500.000"), encoding="utf-8")
    with pytest.raises(
        ModelFileError,
        match=r"got the text '1\.500\.000' \(numbers take no thousands separators and a "
        r"decimal point: write 1500000\)",
    ):
        ic.load(path)
