"""One version, written once in include/impactchain/version.hpp."""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

import impactchain

HEADER = Path(__file__).parents[2] / "include" / "impactchain" / "version.hpp"


def written_version() -> str:
    found = re.search(
        r'#define IMPACTCHAIN_VERSION_STRING "([0-9]+\.[0-9]+\.[0-9]+(\.dev[0-9]+)?)"', HEADER.read_text()
    )
    assert found, "version.hpp: IMPACTCHAIN_VERSION_STRING is not MAJOR.MINOR.PATCH or MAJOR.MINOR.PATCH.devN"
    return found.group(1)


def test_module_version_is_the_header_version():
    assert impactchain.__version__ == written_version()


def test_wheel_metadata_is_the_header_version():
    try:
        installed = version("impactchain")
    except PackageNotFoundError:
        pytest.skip("impactchain is used from a development build, not installed: no wheel metadata to check")
    assert installed == written_version()
