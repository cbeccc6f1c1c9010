"""The C++ test cases' names are ones ctest can list: doctest_discover_tests passes them through
a CMake list, in which a '[' or ']' keeps the following names from being split (every later test
became one unknown name and ctest stopped)."""

from __future__ import annotations

import re
from pathlib import Path

CPP = Path(__file__).resolve().parents[1] / "cpp"


def test_no_cpp_test_name_holds_a_bracket():
    named = [
        (p.name, name)
        for p in sorted(CPP.glob("*.cpp"))
        for name in re.findall(r'TEST_CASE\("((?:[^"\\]|\\.)*)"', p.read_text(encoding="utf-8"))
    ]
    assert len(named) > 200  # every test file is read
    assert [(f, n) for f, n in named if "[" in n or "]" in n] == []
