"""Speed of the actor layer: words per second per core, and its share of the pipeline's time.

Runs the full pipeline (framing.pipeline.annotate) over the bundled sample, repeated, and
times the actor step (framing.extract.actors.annotate_actors) on the same documents after the other
steps. Single process, timed in CPU time (time.process_time: the shared machine inflates
wall time), so words per second is per core.

Usage::

    python benchmarks/bench_actors.py [--repeat 20]
    python benchmarks/bench_actors.py --repeat 1 --texts "$FRAMING_DATA/polnear/data/train/text/*.txt"

``--texts`` times files given by a glob pattern (no actor table) instead of the sample with
its actor tables.
"""

from __future__ import annotations

import argparse
import glob
import time

from _machine import machine  # benchmarks/_machine.py

from framing.extract.actors import annotate_actors
from framing.datasets import load_sample, load_sample_actors
from framing.document import Document
from framing.pipeline import annotate


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--texts", help="glob pattern of text files to time instead of the sample")
    args = ap.parse_args()
    if args.texts:
        paths = sorted(glob.glob(args.texts))
        docs = [Document(open(p, encoding="utf-8").read(), id=p) for p in paths]
        tables = {d.id: None for d in docs}
    else:
        docs = list(load_sample())
        tables = {d.id: load_sample_actors(d.story) for d in docs}
    for d in docs:  # warm caches (lexicons, tagger)
        annotate(d, actors=tables[d.id])
    words = sum(d.word_count for d in docs) * args.repeat
    t_pipe = t_act = 0.0
    for _ in range(args.repeat):
        for d in docs:
            t0 = time.process_time()
            annotate(d, actors=tables[d.id])
            t1 = time.process_time()
            annotate_actors(d, actors=tables[d.id])
            t2 = time.process_time()
            t_pipe += t1 - t0
            t_act += t2 - t1
    print(f"machine: {machine()}")
    print(f"input: {args.texts or 'bundled sample'} ({len(docs)} documents) x {args.repeat}")
    print(f"words: {words}")
    print("| measure | value |")
    print("|---|---|")
    print(f"| full pipeline, words/s per core | {words / t_pipe:,.0f} |")
    print(f"| actor step alone, words/s per core | {words / t_act:,.0f} |")
    print(f"| actor step share of the pipeline's time | {100 * t_act / t_pipe:.1f}% |")
    print(f"| actor step added to the other steps | {100 * t_act / max(t_pipe - t_act, 1e-9):.1f}% |")


if __name__ == "__main__":
    main()
