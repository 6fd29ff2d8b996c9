"""The figures docs/compare.md gives about one ``framing.compare`` run beside its speed: the
pairs of outlets it tests within stories, the size of its ``by_story`` table, and what its
CPU time goes to (cProfile).

Input: the synthetic tables of ``bench_compare.py`` (the ABP story triples analysed once,
their article and actor tables repeated, each copy its own stories; ``--source sample``: the
bundled sample). One ``compare`` with the defaults (by outlet, within stories, 1,000
resamples and permutations, 20 actors) runs under cProfile on the CPU clock
(``time.process_time``); the profile's own cost inflates the total (by about a third at
100,000 articles, against the CPU time ``bench_compare.py`` prints), so the parts are
shares, not timings.

    python benchmarks/compare_figures.py                    # 100,000 articles
    python benchmarks/compare_figures.py --articles 1000 --top 10

Printed:

* outlets, their pairs, and the pairs that share a story (the only pairs compare works on);
* ``by_story``: rows, metrics and memory (``DataFrame.memory_usage(deep=True)``);
* the profile in three parts: the random draws and their counting (the own time of
  ``statistics._resample_counts`` and ``_sign_patterns``, which holds their
  ``Generator.integers`` calls, and ``ufunc.at``), the resamples' matrix products (the own
  time of ``statistics._boot_sums``, which is its ``w @ x``, and of ``compare._paired_stats``
  and ``roles._paired``, whose sign-pattern products are most of it), and the rest; then the
  ``--top`` functions by own time;
* the random numbers one ``compare`` draws (a second run, not profiled, with
  ``numpy.random.default_rng`` handing out a generator that counts), by the function that
  drew them (``_resample_counts``: bootstrap resamples; ``_sign_patterns``: sign flips) and
  the one of ``framing/analysis`` that asked for them (``compare.compare``: the overall values and the
  outlets'; ``compare._paired_stats``: the pairs' stories; ``roles``: the role differences).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import os
import pstats
import sys
import time
from collections import Counter
from pathlib import Path
from types import FrameType
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import machine  # noqa: E402  (benchmarks/_machine.py)
from bench_compare import repeated, source_analysis  # noqa: E402  (benchmarks/bench_compare.py)

import numpy as np  # noqa: E402

import framing  # noqa: E402

#: (file name, function name) of the profile's entries, by part ("~" for numpy's C functions;
#: numpy's Generator methods are not profiled: their time is their callers' own time).
DRAWS = {("~", "<method 'at' of 'numpy.ufunc' objects>"),
         ("statistics.py", "_resample_counts"), ("statistics.py", "_sign_patterns")}
PRODUCTS = {("statistics.py", "_boot_sums"), ("compare.py", "_paired_stats"), ("roles.py", "_paired")}


def outlet_pairs(articles) -> tuple[int, int, int]:
    """Outlets, their pairs, and the pairs whose two outlets share a story."""
    cells = articles[["story", "outlet"]].drop_duplicates()
    both = cells.merge(cells, on="story")
    shared = both[both["outlet_x"] < both["outlet_y"]][["outlet_x", "outlet_y"]].drop_duplicates()
    n = articles["outlet"].nunique()
    return n, n * (n - 1) // 2, len(shared)


def parts(stats: pstats.Stats) -> dict[str, float]:
    """Own (total) CPU seconds of the profile's entries by part."""
    out = {"draws and counting": 0.0, "matrix products": 0.0, "rest": 0.0}
    for (file, _line, func), (_cc, _nc, own, _cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = (Path(file).name if file != "~" else "~", func)
        part = "draws and counting" if key in DRAWS else "matrix products" if key in PRODUCTS else "rest"
        out[part] += own
    return out


class CountingGenerator:
    """A numpy ``Generator`` that counts the numbers it draws, by the place in
    ``framing/analysis`` that asked for them (the draws are the generator's own)."""

    def __init__(self, rng: np.random.Generator, drawn: Counter) -> None:
        self._rng, self._drawn = rng, drawn

    def __getattr__(self, name: str):
        method = getattr(self._rng, name)
        if not callable(method):
            return method

        def counted(*args, **kwargs):
            out = method(*args, **kwargs)
            self._drawn[_asker()] += int(np.size(out))
            return out

        return counted


def _asker() -> str:
    """The function that drew (``_resample_counts``: bootstrap resamples, ``_sign_patterns``:
    sign flips) and ``module.function`` of the innermost caller in framing/analysis outside
    statistics.py."""
    frame: FrameType | None = sys._getframe(2)
    drew = frame.f_code.co_name if frame is not None else "?"
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.parent.name == "analysis" and path.name != "statistics.py":
            return f"{drew} in {path.stem}.{frame.f_code.co_name}"
        frame = frame.f_back
    return f"{drew} elsewhere"


def draws(analysis) -> Counter:
    """The random numbers one ``compare`` draws, by the place that asked for them."""
    drawn: Counter = Counter()
    real = np.random.default_rng
    with mock.patch("numpy.random.default_rng", lambda *a, **k: CountingGenerator(real(*a, **k), drawn)):
        framing.compare(analysis, progress=False)
    return drawn


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--source", choices=["abp", "sample"], default="abp")
    p.add_argument("--top", type=int, default=15, help="functions listed by own time")
    args = p.parse_args(argv)
    analysis = repeated(source_analysis(args.source), args.articles)
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; framing {framing.__version__}")
    arts = analysis.articles
    print(f"input: {len(arts):,} articles ({args.source} repeated), {arts['story'].nunique():,} stories, "
          f"{len(analysis.actors):,} actor rows\n")
    outlets, pairs, shared = outlet_pairs(arts)
    print(f"outlets: {outlets}; pairs of outlets: {pairs:,}; pairs that share a story: {shared:,}\n")
    prof = cProfile.Profile(time.process_time)
    result = prof.runcall(framing.compare, analysis, progress=False)
    by_story = result.by_story
    print(f"by_story: {len(by_story):,} rows, {by_story['metric'].nunique()} metrics, "
          f"{by_story.memory_usage(deep=True).sum() / 1e9:.2f} GB (memory_usage, deep)\n")
    stats = pstats.Stats(prof)
    whole = stats.total_tt  # type: ignore[attr-defined]
    print(f"compare under cProfile: {whole:.1f} CPU s\n")
    print("| part | CPU s | share |\n|---|---|---|")
    for name, s in parts(stats).items():
        print(f"| {name} | {s:.1f} | {100 * s / whole:.0f} % |")
    drawn = draws(analysis)
    print(f"\nrandom numbers drawn (a second, unprofiled run): {sum(drawn.values()):,}\n")
    print("| drawn in | numbers |\n|---|---|")
    for where, n in drawn.most_common():
        print(f"| {where} | {n:,} |")
    print(f"\ntop {args.top} functions by own CPU time:\n")
    print("| function | calls | own s | cumulative s |\n|---|---|---|---|")
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])  # type: ignore[attr-defined]
    for (file, line, func), (_cc, nc, own, cum, _callers) in rows[:args.top]:
        where = func if file == "~" else f"{Path(file).name}:{line} {func}"
        print(f"| {where} | {nc:,} | {own:.2f} | {cum:.2f} |")


if __name__ == "__main__":
    main()
