"""What the benchmark scripts share: the machine line every benchmark prints with its figures,
the order of alternating rounds, the input articles, and an earlier commit's package.
"""

from __future__ import annotations

import atexit
import glob
import importlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


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


def alternating(names: Iterable[str], rounds: int) -> Iterator[tuple[int, str]]:
    """(round, name): every name once a round, the order reversed every other round, so that a
    slow spell of a shared machine falls on every name alike."""
    order = list(names)
    for r in range(rounds):
        for name in (order if r % 2 == 0 else order[::-1]):
            yield r, name


def alternating_rounds(pipelines: dict, sample: list, tables: dict, rounds: int) -> dict[str, list[float]]:
    """Seconds per round of each pipeline over ``sample`` (fresh Documents every round, the
    story's actor table from ``tables``), the pipelines' order reversed every other round so
    that a slow spell of a shared machine falls on both. Load the models before calling: the
    rounds time the steady state."""
    from framing import Document

    times: dict[str, list[float]] = {k: [] for k in pipelines}
    for _, name in alternating(pipelines, rounds):
        docs = [Document(d.text, story=d.story) for d in sample]
        t = time.perf_counter()
        for d in docs:
            pipelines[name].run(d, actors=tables.get(d.story))
        times[name].append(time.perf_counter() - t)
    return times


def article_rows(pattern: str | None = None, train: int = 0) -> list[tuple[str, str, str | None, dict | None]]:
    """(name, text, story, actor table) of the benchmarks' input: the 16 bundled sample
    articles with their actor tables (named ``sample/<i>/<story>``), then the plain-text files
    matching ``pattern`` (named by their path) or, without one, PolNeAR's dev articles and the
    first ``train`` train articles under ``$FRAMING_DATA`` (named by their path under
    ``polnear/data``; never the test split), each folder sorted by file name."""
    from framing.datasets import load_sample, load_sample_actors

    rows: list[tuple[str, str, str | None, dict | None]] = []
    tables = load_sample_actors()
    for i, d in enumerate(load_sample()):  # a story has several outlets' articles
        rows.append((f"sample/{i:02d}/{d.story}", d.text, d.story, tables.get(d.story)))
    if pattern is not None:
        base, files = "", sorted(glob.glob(pattern))
        if not files:
            sys.exit(f"no file matches {pattern}")
    else:
        home = os.environ.get("FRAMING_DATA")
        if not home:
            sys.exit("set FRAMING_DATA (PolNeAR's articles under polnear/data)")
        base = os.path.join(home, "polnear", "data")
        files = sorted(glob.glob(os.path.join(base, "dev", "text", "*.txt")))
        files += sorted(glob.glob(os.path.join(base, "train", "text", "*.txt")))[:train]
    for f in files:
        with open(f, encoding="utf-8") as fh:
            rows.append((os.path.relpath(f, base) if base else f, fh.read(), None, None))
    return rows


def reference_package(commit: str) -> ModuleType:
    """``framing/`` of ``commit`` (``git archive``), imported as ``framing_ref`` beside this
    tree's ``framing`` (every ``framing.`` import and resource look-up renamed), so that old
    and new code run in one process on the same input. One commit per process."""
    if "framing_ref" in sys.modules:
        raise RuntimeError("a reference package is already loaded in this process")
    home = Path(tempfile.mkdtemp(prefix="framing_ref_"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "framing"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(home)], input=archive, check=True)
    (home / "framing").rename(home / "framing_ref")
    for path in (home / "framing_ref").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        src = re.sub(r"\bframing\.([a-z_])", r"framing_ref.\1", src)
        src = re.sub(r"^(\s*)import framing$", r"\1import framing_ref as framing", src, flags=re.M)
        src = re.sub(r"^(\s*)from framing import", r"\1from framing_ref import", src, flags=re.M)
        src = src.replace('resources.files("framing")', 'resources.files("framing_ref")')
        path.write_text(src, encoding="utf-8")
    sys.path.insert(0, str(home))
    return importlib.import_module("framing_ref")
