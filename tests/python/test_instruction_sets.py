"""A seed gives the same numbers, bit for bit, whichever instruction set the processor has.

The vectorised code is compiled for AVX-512, AVX2 and the x86-64 baseline and chosen at run
time (docs/uncertainty.md, "Random numbers and reproducibility"). tests/python/isa_record.py
writes the whole result of a simulation of every distribution family, both stream versions,
exact quantiles with the kept draws and parameters, and the streamed sketch; this test runs it
on this machine and under qemu-user as processors without AVX-512 (Haswell: AVX2, FMA) and
without AVX (Nehalem: SSE4.2), and compares bit for bit.

The C library chooses its own variants too: glibc's exp, log and pow take FMA instructions
where the processor has them, and those round a few arguments differently in the last bit
(measured: they differ on a Nehalem from a Haswell). That choice is glibc's, not
impactchain's, so each comparison holds it fixed: the Haswell run against this machine as it
is (both FMA), the Nehalem run against this machine with glibc told to ignore FMA and AVX2
(GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA: glibc's variants without FMA, impactchain's
AVX-512 code still chosen)."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from record_differences import differences

HERE = Path(__file__).resolve().parent
RECORD = HERE / "isa_record.py"
QEMU = shutil.which("qemu-x86_64")
WITHOUT_FMA = {"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2,-FMA"}

pytestmark = [
    pytest.mark.skipif(
        platform.machine() not in ("x86_64", "AMD64") or not sys.platform.startswith("linux"),
        reason="the instruction-set versions and GLIBC_TUNABLES are those of x86-64 Linux",
    ),
    pytest.mark.skipif(
        QEMU is None, reason="qemu-user is not installed (IMPACTCHAIN_WITH_TEST_TOOLS=1 bash .ci/setup installs it)"
    ),
]


def _start(cpu: str | None, env: dict[str, str]) -> subprocess.Popen[str]:
    assert QEMU is not None
    command = [sys.executable, str(RECORD)]
    if cpu is not None:
        command = [QEMU, "-cpu", cpu, *command]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env}
    )


def _finish(p: subprocess.Popen[str], what: str) -> dict[str, Any]:
    out, err = p.communicate(timeout=600)
    # qemu warns of every CPUID feature the emulator lacks; anything else is the record's own.
    err = "\n".join(line for line in err.splitlines() if "TCG doesn't support requested feature" not in line)
    assert p.returncode == 0, f"{what}: exit {p.returncode}\n{err}"
    return json.loads(out)


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, Any]]:
    # The four runs at once: the two emulated ones take about ten seconds each.
    started = {
        "here": _start(None, {}),
        "here, glibc without FMA": _start(None, WITHOUT_FMA),
        "Haswell": _start("Haswell", {}),
        "Nehalem": _start("Nehalem", {}),
    }
    return {what: _finish(p, what) for what, p in started.items()}


def test_the_emulated_processors_lack_what_they_should(records):
    # Otherwise the comparisons below would run the same code twice.
    assert records["Haswell"]["features"]["AVX2"] and records["Haswell"]["features"]["FMA3"]
    assert not records["Haswell"]["features"]["AVX512F"]
    assert not any(records["Nehalem"]["features"][f] for f in ("AVX", "AVX2", "FMA3", "AVX512F"))
    assert records["Nehalem"]["features"]["SSE42"]


def test_avx2_gives_this_machines_numbers_bit_for_bit(records):
    here = records["here"]["features"]
    if not (here["AVX2"] and here["FMA3"]):
        pytest.skip("this processor has no FMA, so glibc's functions here are not the Haswell's")
    assert differences(records["here"]["runs"], records["Haswell"]["runs"]) == []


def test_the_baseline_gives_this_machines_numbers_bit_for_bit(records):
    # This machine's own vector code against the x86-64 baseline's, glibc's variants alike.
    assert differences(records["here, glibc without FMA"]["runs"], records["Nehalem"]["runs"]) == []


def test_the_comparison_sees_a_changed_bit():
    record = {"runs": {"a": {"result": {"mean": 0.1}, "draws": ["ab"]}}}
    last_bit = {"runs": {"a": {"result": {"mean": 0.10000000000000002}, "draws": ["ab"]}}}
    digest = {"runs": {"a": {"result": {"mean": 0.1}, "draws": ["ac"]}}}
    assert differences(record, last_bit) == [".runs.a.result.mean: 0.1 != 0.10000000000000002"]
    assert differences(record, digest) == [".runs.a.draws[0]: 'ab' != 'ac'"]
