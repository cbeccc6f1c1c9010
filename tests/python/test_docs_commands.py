"""The commands in docs/development.md are real: every line of its ```sh blocks is checked
against what it names (a CMake preset, a script, a switch, a build directory, a setting of
scikit-build-core, ruff or mypy), so a renamed preset, script or setting fails here.
The asan and fuzz builds run in .ci/test through their presets; the editable install is
checked, not built (building it compiles the library: minutes)."""

from __future__ import annotations

import functools
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "development.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)
PRESETS = json.loads((ROOT / "CMakePresets.json").read_text(encoding="utf-8"))
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _commands() -> list[str]:
    lines = []
    for block in BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        lines += [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return lines


COMMANDS = _commands()


@functools.cache
def _listed_presets(kind: str) -> frozenset[str]:
    """Preset names of one kind ("configure", "build", "test") as `cmake --list-presets` prints them."""
    if shutil.which("cmake") is None:
        pytest.skip("cmake is not installed")
    flag = {"configure": "--list-presets=configure", "build": "--list-presets=build", "test": "--list-presets=test"}
    tool = ["ctest", "--list-presets"] if kind == "test" else ["cmake", flag[kind]]
    out = subprocess.run(tool, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return frozenset(re.findall(r'^\s+"([^"]+)"', out, re.M))


def _preset(kind: str, name: str) -> dict:
    key = {"configure": "configurePresets", "build": "buildPresets", "test": "testPresets"}[kind]
    return next(p for p in PRESETS[key] if p["name"] == name)


def _check(words: list[str]) -> None:
    env = {}
    while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        k, v = words.pop(0).split("=", 1)
        env[k] = v
    prog, args = words[0], words[1:]
    if prog in ("cmake", "ctest") and "--preset" in args:
        kind = "test" if prog == "ctest" else "build" if "--build" in args else "configure"
        name = args[args.index("--preset") + 1]
        assert name in _listed_presets(kind), f"{kind} preset {name!r} is not in CMakePresets.json"
        for a in args:
            if a.startswith("-D"):
                var = a[2:].split("=", 1)[0]
                cmake_files = (ROOT / "CMakeLists.txt").read_text() + (ROOT / "tests/fuzz/CMakeLists.txt").read_text()
                assert var.startswith("CMAKE_") or var in cmake_files, f"{var} is not a CMake option of the project"
    elif prog == "bash":
        script = ROOT / args[0]
        assert script.is_file(), f"{args[0]} does not exist"
        for var in env:
            assert var in script.read_text(encoding="utf-8"), f"{args[0]} does not read {var}"
    elif prog == "source":
        assert args == [".venv/bin/activate"] and "VENV=${IMPACTCHAIN_VENV:-.venv}" in (ROOT / ".ci/setup").read_text()
    elif prog == "python" and args[:2] == ["-m", "pytest"] and "PYTHONPATH" not in env:
        # With the editable install the package is installed: no PYTHONPATH, the documented install exists.
        assert (ROOT / args[2]).is_dir() and any(" -e ." in c for c in COMMANDS)
    elif prog == "python" and args[:2] == ["-m", "pytest"]:
        # PYTHONPATH names the package in the checkout and the dev preset's module directory.
        paths = env["PYTHONPATH"].split(":")
        assert paths[0] == "python" and (ROOT / "python" / "impactchain" / "__init__.py").is_file()
        assert paths[1] == "build/dev/pkg"
        assert _preset("configure", "dev")["cacheVariables"]["IMPACTCHAIN_BUILD_PYTHON"] == "ON"
        assert "${CMAKE_BINARY_DIR}/pkg/impactchain" in (ROOT / "python" / "CMakeLists.txt").read_text()
        assert (ROOT / args[2]).is_dir()
    elif prog == "python" and args[:3] == ["-m", "pip", "install"]:
        _check_editable_install(args[3:])
    elif prog == "python" and args[:3] == ["-m", "pip", "uninstall"]:
        assert args[3:] == [_project_name()]
    elif prog == "ruff":
        # A subcommand of ruff, on paths that exist, with its settings in pyproject.toml.
        assert args[0] in ("check", "format") and "[tool.ruff]" in PYPROJECT
        assert all((ROOT / a).exists() for a in args[1:] if not a.startswith("-"))
        assert {a for a in args[1:] if a.startswith("-")} <= {"--fix", "--check", "--diff"}
    elif prog == "mypy":
        # No arguments: the files to check come from pyproject.toml.
        assert args == [] and re.search(r'^\[tool\.mypy\]\nfiles = \["python/impactchain"\]', PYPROJECT, re.M)
    elif prog == "mkdir":
        # A scratch directory outside the checkout (for the fuzzer's finds).
        assert args[0] == "-p" and all(a.startswith("/tmp/") for a in args[1:])
    elif prog.endswith("/fuzz_model_loader"):
        _check_fuzzer(prog, args)
    elif prog in ("clang-format", "git") and "clang-format" in " ".join(words):
        if shutil.which("clang-format") is None:
            pytest.skip("clang-format is not installed")
        # The style file parses, and the file named exists.
        subprocess.run(["clang-format", "--style=file", "--dump-config"], cwd=ROOT, check=True, capture_output=True)
        assert all((ROOT / a).is_file() for a in args if not a.startswith("-") and a != "clang-format")
    else:
        pytest.fail(f"no check for the documented command {' '.join(words)!r}: add one to this test")


def _check_fuzzer(prog: str, args: list[str]) -> None:
    """The fuzz preset's binary, a scratch directory first and the kept corpus last, as the ctest test runs it."""
    binary_dir = _preset("configure", "base")["binaryDir"].replace("${sourceDir}/", "").replace("${presetName}", "fuzz")
    assert prog == f"{binary_dir}/tests/fuzz/fuzz_model_loader"
    assert "add_executable(fuzz_model_loader" in (ROOT / "tests/fuzz/CMakeLists.txt").read_text()
    dirs = [a for a in args if not a.startswith("-")]
    assert dirs[-1] == "tests/fuzz/corpus" and (ROOT / dirs[-1]).is_dir()
    assert not dirs[0].startswith("tests/"), "libFuzzer writes into its first directory: name a scratch one"
    assert all(re.fullmatch(r"-[a-z_]+=\d+", a) for a in args if a.startswith("-"))


def _project_name() -> str:
    return re.search(r'^name = "([^"]+)"', PYPROJECT, re.M).group(1)


def _check_editable_install(args: list[str]) -> None:
    """`pip install -e .` of this project with scikit-build-core settings that exist."""
    assert args[-2:] == ["-e", "."] and 'build-backend = "scikit_build_core.build"' in PYPROJECT
    schema = pytest.importorskip("scikit_build_core.settings.skbuild_schema").generate_skbuild_schema()
    settings = dict(a.split("=", 1)[1].split("=", 1) for a in args if a.startswith("--config-settings="))
    for key, value in settings.items():
        node = schema
        for part in key.split("."):
            props = node.get("properties", {})
            if part not in props and "patternProperties" in node:  # cmake.define.<VARIABLE>
                assert part.startswith("CMAKE_") or part in (ROOT / "CMakeLists.txt").read_text(), part
                break
            assert part in props, f"{key} is not a scikit-build-core setting"
            node = props[part]
        if node.get("type") == "boolean":
            assert value in ("true", "false")
    if settings.get("editable.rebuild") == "true":
        # A rebuild at import needs a lasting build directory and the build tools installed in the environment.
        assert "--no-build-isolation" in args and settings.get("build-dir")
    if "build-dir" in settings:
        # Its own directory: neither a preset's nor the wheel's (build-dir in pyproject.toml).
        presets = {f"build/{p['name']}" for p in PRESETS["configurePresets"]}
        assert settings["build-dir"] not in presets and f'build-dir = "{settings["build-dir"]}"' not in PYPROJECT


def test_the_page_has_commands():
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_names_what_exists(command):
    _check(shlex.split(command))


def test_binary_dirs_are_the_documented_ones():
    text = PAGE.read_text(encoding="utf-8")
    for p in PRESETS["configurePresets"]:
        if not p.get("hidden"):
            assert f"| `{p['name']}` |" in text and f"`build/{p['name']}`" in text
    base = _preset("configure", "base")
    assert base["binaryDir"] == "${sourceDir}/build/${presetName}"
