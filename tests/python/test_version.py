"""One version, written once in include/impactchain/version.hpp."""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import impactchain


def test_version_agrees_everywhere():
    header = (Path(__file__).parents[2] / "include" / "impactchain" / "version.hpp").read_text()
    written = re.search(r'#define IMPACTCHAIN_VERSION_STRING "([0-9.]+)"', header).group(1)
    assert impactchain.__version__ == written
    assert version("impactchain") == written
