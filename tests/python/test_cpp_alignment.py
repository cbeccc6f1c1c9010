"""A C++ tool compiled without the library's EIGEN_MAX_ALIGN_BYTES=64 (a plain compiler command
instead of the impactchain::impactchain CMake target) freed the library's kept draws with the
wrong allocator and crashed far from the cause ("double free or corruption"). The headers now
refuse to compile then, naming the define (include/impactchain/detail/eigen.hpp). Skipped where no
C++ compiler or Eigen is installed (a user's machine without the C++ tool chain)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EIGEN = Path("/usr/include/eigen3")
CXX = shutil.which("g++") or shutil.which("c++")

pytestmark = pytest.mark.skipif(
    CXX is None or not EIGEN.is_dir(), reason="needs a C++ compiler and Eigen (Debian: g++ libeigen3-dev)"
)


def _compile(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    tu = tmp_path / "tool.cpp"
    tu.write_text('#include "impactchain/montecarlo.hpp"\nint main() { return 0; }\n', encoding="utf-8")
    cmd = [str(CXX), "-std=c++17", "-fsyntax-only", f"-I{ROOT / 'include'}", f"-isystem{EIGEN}", *flags, str(tu)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_a_tool_without_the_define_is_refused_naming_it(tmp_path):
    done = _compile(tmp_path)
    assert done.returncode != 0
    assert "impactchain needs EIGEN_MAX_ALIGN_BYTES=64" in done.stderr


def test_a_tool_with_the_define_compiles_whatever_its_vector_width(tmp_path):
    assert _compile(tmp_path, "-DEIGEN_MAX_ALIGN_BYTES=64").returncode == 0
    assert _compile(tmp_path, "-DEIGEN_MAX_ALIGN_BYTES=64", "-mavx2").returncode == 0
