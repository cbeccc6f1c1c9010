"""docs/cpp.md quotes real programs: every ```cpp block (and the ```cmake block) is, verbatim, part
of the examples/cpp file named on the line before it, each quoted program is built by
examples/cpp/CMakeLists.txt (which .ci/test builds and runs against the installed library), and
every header the page names exists. So the page cannot drift from what CI compiles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "cpp.md"
EXAMPLES = ROOT / "examples" / "cpp"
BLOCK = re.compile(r"^```(cpp|cmake)\n(.*?)^```", re.S | re.M)
NAMED = re.compile(r"examples/cpp/([\w.-]+)")


def _blocks() -> list[tuple[str, str, str]]:
    """(language, file named on the line before the block, the block's text), in page order."""
    text = PAGE.read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        named = NAMED.findall(before)
        out.append((m.group(1), named[-1] if named else "", m.group(2)))
    return out


BLOCKS = _blocks()


def test_the_page_quotes_programs():
    assert {name for lang, name, _ in BLOCKS if lang == "cpp"} >= {"errors.cpp", "simulate_seed.cpp"}
    assert any(lang == "cmake" for lang, _, _ in BLOCKS)


@pytest.mark.parametrize("lang,name,block", BLOCKS, ids=[f"{n or '?'}#{k}" for k, (_, n, _) in enumerate(BLOCKS)])
def test_block_is_verbatim_in_the_file_it_names(lang, name, block):
    assert name, f"the line before this {lang} block names no examples/cpp file:\n{block[:200]}"
    path = EXAMPLES / name
    assert path.is_file(), f"docs/cpp.md names {path}, which does not exist"
    assert block in path.read_text(encoding="utf-8"), f"the {lang} block naming {name} is not, verbatim, in {path}"
    if lang == "cpp":
        assert "int main(" in block, f"the block of {name} is not a whole program"


def test_each_quoted_program_is_built_by_the_examples_cmake():
    cmake = (EXAMPLES / "CMakeLists.txt").read_text(encoding="utf-8")
    built = set(re.findall(r"add_executable\((\w+) \1\.cpp\)", cmake))
    for loop in re.findall(r"foreach\(\w+ ([\w ]+)\)", cmake):
        built |= set(loop.split())
    for lang, name, _ in BLOCKS:
        if lang == "cpp":
            assert Path(name).stem in built, f"examples/cpp/CMakeLists.txt does not build {name}"


def test_the_headers_the_page_names_exist():
    names = set(re.findall(r"impactchain/([\w/]+\.hpp)", PAGE.read_text(encoding="utf-8")))
    assert {"io.hpp", "value.hpp", "simulate.hpp", "impactchain.hpp"} <= names
    missing = sorted(n for n in names if not (ROOT / "include" / "impactchain" / n).is_file())
    assert not missing, f"docs/cpp.md names headers that do not exist: {missing}"


def test_the_compile_line_carries_what_the_library_needs():
    """Without CMake, the page's compile line must give the define, the standard and the link
    libraries the impactchain::impactchain target carries (CMakeLists.txt)."""
    text = PAGE.read_text(encoding="utf-8")
    lines = [b for b in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M) if "g++" in b]
    assert lines, "docs/cpp.md shows no compile line"
    for flag in ("-std=c++17", "-DEIGEN_MAX_ALIGN_BYTES=64", "-lyaml-cpp", "-pthread", "libimpactchain.a"):
        assert flag in lines[0], f"the compile line lacks {flag}"
    top = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    assert "target_compile_definitions(impactchain PUBLIC EIGEN_MAX_ALIGN_BYTES=64)" in top


def test_api_page_and_readme_link_the_cpp_page():
    assert "(cpp.md)" in (ROOT / "docs" / "api.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/cpp.md)" in readme.split("\n## C++\n", 1)[1].split("\n## ", 1)[0]
