"""The C++ test cases' names are ones ctest can list: doctest_discover_tests passes them through
a CMake list, in which a '[' or ']' keeps the following names from being split (every later test
became one unknown name and ctest stopped), and a ';' splits a name in two (two ctest tests, one
that runs nothing and one that matches no test case)."""

from __future__ import annotations

import re
from pathlib import Path

CPP = Path(__file__).resolve().parents[1] / "cpp"


def _names() -> list[tuple[str, str]]:
    named = [
        (p.name, name)
        for p in sorted(CPP.glob("*.cpp"))
        for name in re.findall(r'TEST_CASE\(\s*"((?:[^"\\]|\\.)*)"', p.read_text(encoding="utf-8"))
    ]
    assert len(named) > 200  # every test file is read
    return named


def test_no_cpp_test_name_holds_a_bracket():
    assert [(f, n) for f, n in _names() if "[" in n or "]" in n] == []


def test_no_cpp_test_name_holds_a_semicolon():
    assert [(f, n) for f, n in _names() if ";" in n] == []


def test_every_cpp_test_case_name_is_read():
    # A name the pattern above misses (written over two lines, say) would escape both checks.
    written = sum(len(re.findall(r"\bTEST_CASE\(", p.read_text(encoding="utf-8"))) for p in CPP.glob("*.cpp"))
    assert len(_names()) == written
