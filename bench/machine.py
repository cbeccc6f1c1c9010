"""What the benchmarks report about the machine they ran on."""

from __future__ import annotations

import platform


def cpu_model() -> str:
    """The CPU model name (as `lscpu` shows it), from /proc/cpuinfo where there is one."""
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()
