"""Common slips in a model file refused with what to write (mirrors the C++ test "slips with their
hint" in tests/cpp/test_model_file.cpp): a range written as text, an empty empirical list named as
written, a file saved as UTF-16."""

from __future__ import annotations

import pytest

import impactchain as ic
from impactchain.io import ModelFileError
from small_models import MONEY_HEAD

_OUTCOME = "outcomes:\n  - id: o\n    quantity: 3\n    proxy: {value: 5, currency: EUR}\n    attribution: "
_ANY = (
    "expected a number or a one-key mapping naming a distribution (e.g. {triangular: [0.2, 0.3, 0.45]}), got the text "
)


def _problems(path) -> list[tuple[str, str]]:
    with pytest.raises(ModelFileError) as info:
        ic.load(path)
    return info.value.issues


@pytest.mark.parametrize(
    ("written", "path", "message"),
    [
        ("0.1 - 0.3", "outcomes[0].attribution", _ANY + "'0.1 - 0.3' (a range? write {uniform: [0.1, 0.3]})"),
        # A percentage range as shares: 10 / 100 = 0.1 and 30 / 100 = 0.3.
        ("10-30%", "outcomes[0].attribution", _ANY + "'10-30%' (a range? write {uniform: [0.1, 0.3]})"),
        ("10% \u2013 30%", "outcomes[0].attribution", _ANY + "'10% \u2013 30%' (a range? write {uniform: [0.1, 0.3]})"),
        # Decimal commas: 0,1 is 0.1.
        ("0,1-0,3", "outcomes[0].attribution", _ANY + "'0,1-0,3' (a range? write {uniform: [0.1, 0.3]})"),
        (
            "{uniform: 0.1-0.3}",
            "outcomes[0].attribution.uniform",
            "expected a list or mapping of numbers, got the text '0.1-0.3' (a range? write {uniform: [0.1, 0.3]})",
        ),
        ("{empirical: []}", "outcomes[0].attribution.empirical", "empirical needs at least one value"),
        ("{discrete: []}", "outcomes[0].attribution.discrete", "discrete needs at least one value"),
        (
            "{empirical: {values: [1], weights: [-1]}}",
            "outcomes[0].attribution.empirical",
            "empirical weights[0] must be finite and >= 0, got -1",
        ),
    ],
)
def test_a_slip_in_a_distribution_says_what_to_write(tmp_path, written, path, message):
    f = tmp_path / "m.yaml"
    f.write_text(MONEY_HEAD + _OUTCOME + written + "\n", encoding="utf-8")
    assert _problems(f) == [(path, message)]


def test_a_year_written_as_a_range_gets_no_distribution(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_text("name: x\ncurrency: EUR\nprice_year: 2023-2024\n", encoding="utf-8")
    with pytest.raises(ModelFileError) as info:
        ic.load(f)
    assert "a range?" not in str(info.value)


_UTF16 = "the file is UTF-16 ('Unicode' in Notepad/Excel): save it as UTF-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])  # utf-16: with the byte order mark
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_file_saved_as_utf16_is_told_to_be_saved_as_utf8(tmp_path, encoding, suffix):
    text = MONEY_HEAD if suffix == ".yaml" else '{"name": "x", "currency": "EUR"}'
    f = tmp_path / f"m{suffix}"
    f.write_bytes(text.encode(encoding))
    if encoding == "utf-16":
        assert f.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    with pytest.raises(ModelFileError) as info:
        ic.load(f)
    assert str(info.value) == f"1 problem in {f}:\n{f}: {_UTF16}"
    assert info.value.issues == [("", _UTF16)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_portfolio_file_saved_as_utf16_is_told_the_same(tmp_path, encoding):
    f = tmp_path / "portfolio.yaml"
    f.write_bytes("name: Fonds\nmembers: []\n".encode(encoding))
    with pytest.raises(
        ValueError, match=r"portfolio file '.*portfolio\.yaml': .*UTF-16 \('Unicode' in Notepad/Excel\)"
    ):
        ic.load_portfolio(f)


def test_a_nul_in_utf8_text_is_still_named_where_it_is(tmp_path):
    f = tmp_path / "m.yaml"
    f.write_bytes(b"name: x\ncurrency: EUR\x00\n")
    with pytest.raises(ModelFileError) as info:
        ic.load(f)
    assert str(info.value).endswith(":2:14: control character U+0000 is not allowed in a model file")


# A problem the parser meets at a key it has read names that key's path, as the loader's other
# problems do (validate --json's `field`), and the text names it too.
_BIG = "99999999999999999999"  # 10^20 - 1: above 2^63, so above any max_integer
_PARSE = [
    (
        "name: m\noutcomes:\n  - id: o\n    quantity: 3\n    quantity: 4\n",
        "yaml",
        "outcomes[0].quantity",
        "duplicate key 'quantity' (first on line 4)",
        5,
        5,
    ),
    ("name: m\ninvestments:\n  - amount: 5\n  - amount: " + _BIG + "\n", "yaml", "investments[1].amount", None, 4, 13),
    ("name: m\ndefaults: yes\n", "yaml", "defaults", None, 2, 11),
    ('{"name": "m", "investments": [{"amount": ' + _BIG + "}]}", "json", "investments[0].amount", None, 1, 42),
]


@pytest.mark.parametrize(("text", "fmt", "path", "message", "line", "column"), _PARSE)
def test_parse_level_problems_name_their_path(text, fmt, path, message, line, column):
    with pytest.raises(ic.ValidationError) as info:
        ic.loads(text, fmt)
    e = info.value
    assert len(e.issues) == 1
    assert e.issues[0][0] == path
    if message is not None:
        assert e.issues[0][1] == message
    assert (e.lines[0], e.columns[0]) == (line, column)
    assert f"<string>:{line}:{column}: {path}: " in str(e)
