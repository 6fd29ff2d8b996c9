"""Speed of ``framing.compare`` on 1,000 to 100,000 articles: the issue's target is 100,000
articles compared in under 10 s on one core.

Input: synthetic per-article tables built from real analysed articles, repeated. The source
articles are the AllSides story triples under ``FRAMING_DATA`` (``--source abp``: 450
full-length articles, 150 stories of three outlets, 70 outlets; analysed once with the
default pipeline, which finds their actors) or the bundled sample (``--source sample``: 16
articles, 4 outlets, 4 stories, with its actor table). Copy ``r`` of an article keeps its
outlet and evidence counts and gets its own story (``<story>-r<r>``), so 100,000 articles
are about 33,000 stories of three outlets each (abp) or 25,000 stories of four (sample).
The tables are built directly (``Analysis`` with the ``articles`` and ``actors`` tables of
the repeated rows; no documents), as the streaming run returns them.

Timed, one process, one core: ``framing.compare(analysis, progress=False)`` with the defaults
(by outlet, within stories, 1,000 bootstrap resamples, 1,000 permutations, the 20 most
mentioned actors). CPU time is the single-core cost; wall time is inflated when other
processes share the cores (the load average is printed).

    python benchmarks/bench_compare.py                       # 1k, 10k, 100k
    python benchmarks/bench_compare.py --articles 100000 --source sample
    python benchmarks/bench_compare.py --articles 100000 --within none   # pooled differences

``--tables DIR`` times ``compare`` on the tables a streaming run wrote instead (read with
``framing.analysis.stream.read_tables``, only the ``articles`` and ``actors`` tables that
``compare`` reads, unless ``--all-tables``; for example the 100,000 real articles that
``bench_scale.py --keep-tables`` streamed):

    python benchmarks/bench_compare.py --tables /tmp/w/tables-jobs2-articles-triples-100000

Before and after a change, in alternating rounds in one process (``--against`` names the
earlier commit; its whole ``framing`` package is loaded beside this one, see
``benchmarks/_machine.py``'s ``reference_package``):

    python benchmarks/bench_compare.py --articles 100000 --rounds 3 --against 867257d
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import platform
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import cpu_model, reference_package  # noqa: E402  (benchmarks/_machine.py)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import framing  # noqa: E402
from framing.analysis import Analysis  # noqa: E402


def source_analysis(source: str) -> Analysis:
    """The real analysed articles the synthetic tables repeat."""
    if source == "sample":
        from framing.datasets import load_sample, load_sample_actors

        return load_sample().analyze(actors=load_sample_actors(), progress=False, n_jobs=1)
    from framing.datasets import load_abp_story_triples

    return load_abp_story_triples().analyze(progress=False, n_jobs=1)


def repeated(src: Analysis, n: int) -> Analysis:
    """``n`` articles: the source's analysed articles repeated, each copy its own stories."""
    arts = src.articles[src.articles["status"] == "ok"].reset_index(drop=True)
    reps = -(-n // len(arts))
    copy = np.repeat(np.arange(reps), len(arts))[:n]
    pick = np.tile(np.arange(len(arts)), reps)[:n]
    out = arts.iloc[pick].reset_index(drop=True)
    old_doc = out["doc"].to_numpy()
    out["doc"] = np.arange(n)
    out["id"] = out["id"].astype(str) + "-r" + copy.astype(str)
    out["story"] = out["story"].astype(str) + "-r" + copy.astype(str)
    # the actor rows of each copy
    act = src.actors
    rows_of = act.groupby("doc").indices
    idx, new_doc, new_copy = [], [], []
    for i, (d, c) in enumerate(zip(old_doc, copy)):
        r = rows_of.get(d)
        if r is not None:
            idx.append(r)
            new_doc.append(np.full(len(r), i))
            new_copy.append(np.full(len(r), c))
    actors = act.iloc[np.concatenate(idx)].reset_index(drop=True) if idx else act.iloc[:0]
    if idx:
        actors["doc"] = np.concatenate(new_doc)
        actors["story"] = (actors["story"].astype(str) + "-r"
                           + np.concatenate(new_copy).astype(str))
    empty = {name: getattr(src, name).iloc[:0] for name in (
        "attributions", "hedges", "boosters", "vague", "evaluations", "mentions",
        "actor_sentiment")}
    return Analysis(documents=[], articles=out, actors=actors, **empty)


def compare_at(commit: str):
    """``compare`` of an earlier commit (its whole package, loaded beside this tree's by
    :func:`_machine.reference_package`), on this tree's tables: the analysis is handed over
    as that commit's ``Analysis``, whose type its ``compare`` checks."""
    ref = reference_package(commit)
    fields = [f.name for f in dataclasses.fields(ref.Analysis)]

    def run(analysis: Analysis, **kw):
        return ref.compare(ref.Analysis(**{f: getattr(analysis, f) for f in fields}), **kw)

    return run


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    p.add_argument("--source", choices=["abp", "sample"], default="abp")
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--within", default="story",
                   help="compare's within: 'story' (the default) or 'none' for the pooled "
                        "differences (what compare does when no article has a story)")
    p.add_argument("--against", metavar="COMMIT", default=None,
                   help="an earlier commit: time its compare too, alternating")
    p.add_argument("--all-tables", action="store_true",
                   help="with --tables, read every table (what a report needs), not only the two "
                        "compare reads: the memory of reading a whole streamed run")
    p.add_argument("--tables", type=Path, default=None,
                   help="a folder of Parquet tables written by a streaming run: time compare on "
                        "these instead of the synthetic tables")
    args = p.parse_args(argv)
    within = None if args.within.lower() == "none" else args.within
    ways = {"this": framing.compare}
    if args.against is not None:
        ways = {"against": compare_at(args.against), "this": framing.compare}
    if args.tables is not None:
        from framing.analysis.stream import read_tables

        src = read_tables(args.tables, tables=None if args.all_tables else ["articles", "actors"])
        args.articles = [len(src.articles)]
        args.source = f"tables {args.tables}"
    else:
        src = source_analysis(args.source)
    print(f"framing {framing.__version__}, Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {cpu_model()}, {datetime.date.today()}")
    print(f"source: {args.source}, {len(src.ok)} analysed articles, "
          f"{src.articles['outlet'].nunique()} outlets, {len(src.actors)} actor rows; "
          f"within={within!r}")
    print("peak RSS: the process's high-water mark so far (input tables included; the "
          "first figure is the mark before the first compare)")
    print("| articles | stories | outlets | actors rows | code | round | compare CPU s | wall s "
          "| peak RSS | load before -> after |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in args.articles:
        analysis = src if args.tables is not None else repeated(src, n)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {n:,} | | | | (tables built) | | | | {before:,.0f} MB | |", flush=True)
        for r in range(args.rounds):
            order = list(ways) if r % 2 == 0 else list(ways)[::-1]
            for name in order:
                load0 = os.getloadavg()[0]
                t0, c0 = time.perf_counter(), time.process_time()
                ways[name](analysis, within=within, progress=False)
                t1, c1 = time.perf_counter(), time.process_time()
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"| {n:,} | {analysis.articles['story'].nunique():,} | "
                      f"{analysis.articles['outlet'].nunique()} | {len(analysis.actors):,} | "
                      f"{name} | {r} | {c1 - c0:.1f} | {t1 - t0:.1f} | {rss:,.0f} MB | "
                      f"{load0:.1f} -> {os.getloadavg()[0]:.1f} |", flush=True)


if __name__ == "__main__":
    main()
