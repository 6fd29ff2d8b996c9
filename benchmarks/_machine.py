"""The machine a benchmark ran on, for the line every benchmark prints with its figures."""

from __future__ import annotations

import os
import platform
import time


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


def alternating_rounds(pipelines: dict, sample: list, tables: dict, rounds: int) -> dict[str, list[float]]:
    """Seconds per round of each pipeline over ``sample`` (fresh Documents every round, the
    story's actor table from ``tables``), the pipelines' order reversed every other round so
    that a slow spell of a shared machine falls on both. Load the models before calling: the
    rounds time the steady state."""
    from framing import Document

    times: dict[str, list[float]] = {k: [] for k in pipelines}
    order = list(pipelines)
    for r in range(rounds):
        for name in (order if r % 2 == 0 else order[::-1]):
            docs = [Document(d.text, story=d.story) for d in sample]
            t = time.perf_counter()
            for d in docs:
                pipelines[name].run(d, actors=tables.get(d.story))
            times[name].append(time.perf_counter() - t)
    return times
