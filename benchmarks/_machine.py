"""The machine a benchmark ran on, for the line every benchmark prints with its figures."""

from __future__ import annotations

import os
import platform


def cpu_model() -> str:
    """The CPU model from /proc/cpuinfo (Linux), else what ``platform`` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    """Platform, CPU model, core count and Python version, on one line."""
    return (f"{platform.platform()}, {cpu_model()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")
