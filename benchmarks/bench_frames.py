"""Cost of the frame step: the default pipeline (frame lexicon at the end) against the same
pipeline without the frame step, alternating runs in one process. Target: the frame step adds
at most 15% to the default pipeline's time.

Input: the bundled sample (16 articles) repeated ``--repeat`` times, with the sample's actor
tables, one core. Each round runs both pipelines on fresh Documents, in alternating order;
the figures are words per second per core (median over rounds) and the added share.

    python benchmarks/bench_frames.py [--rounds 5] [--repeat 4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import alternating_rounds, machine  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402
from framing.datasets import load_sample, load_sample_actors  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args()
    sample = list(load_sample()) * args.repeat
    tables = load_sample_actors()
    pipelines = {"default (with frames)": Pipeline.default(),
                 "default without frames": Pipeline.default().without("frames")}
    for p in pipelines.values():
        p.run(Document(sample[0].text), actors=tables.get(sample[0].story))  # load models, lexicons
    words = sum(Document(d.text).word_count for d in sample[:len(sample) // args.repeat]) * args.repeat
    times = alternating_rounds(pipelines, sample, tables, args.rounds)
    order = list(pipelines)
    # the frame step alone, on documents whose sentences are already parsed
    docs = [Document(d.text) for d in sample]
    for d in docs:
        d.sentences  # noqa: B018
    step = Pipeline.default()["frames"]
    alone = []
    for _ in range(args.rounds):
        t = time.perf_counter()
        for d in docs:
            step.func(d, step.model)
        alone.append(time.perf_counter() - t)
    print(f"machine: {machine()}")
    print(f"{len(sample)} articles, {words:,} words, {args.rounds} alternating rounds, one core\n")
    print("| pipeline | median s | words/s per core |\n|---|---|---|")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| {name} | {med:.2f} | {words / med:,.0f} |")
    with_f, without = (statistics.median(times[k]) for k in order)
    print(f"\nframe step alone (sentences parsed): median {statistics.median(alone):.3f} s, "
          f"{words / statistics.median(alone):,.0f} words/s per core")
    print(f"added to the default pipeline: {100 * statistics.median(alone) / without:.1f}% "
          f"(step alone / pipeline without frames); end to end {100 * (with_f / without - 1):+.1f}% "
          "(noisy on a shared machine); target <= 15%")


if __name__ == "__main__":
    main()
