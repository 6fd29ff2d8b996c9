"""Speed of the full default pipeline: the trained actor sentiment model (the default since the
Pipeline) against the no-training default (the default before), alternating runs in one process.

Input: the bundled sample (16 articles) repeated ``--repeat`` times, analysed with the
sample's actor tables, one core. Each round runs both pipelines on fresh Documents, in
alternating order; the figure is words per second per core (median over rounds), and the
cost of the actor sentiment step alone (the rest of the pipeline is shared).

    python benchmarks/bench_pipeline.py [--rounds 5] [--repeat 4]

It also prints the time ratio of the two pipelines and the cost of the actor_sentiment
step alone (ms per (sentence, actor) pair) for both models.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import alternating, alternating_rounds, machine  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402
from framing.datasets import load_sample, load_sample_actors  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args()
    sample = list(load_sample()) * args.repeat
    tables = load_sample_actors()
    pipelines = {"trained (default)": Pipeline.default(),
                 "no training (before)": Pipeline.default().replace("actor_sentiment", None)}
    pipelines["trained (default)"].run(Document(sample[0].text))  # load the model once
    words = sum(Document(d.text).word_count for d in sample[:len(sample) // args.repeat]) * args.repeat
    times = alternating_rounds(pipelines, sample, tables, args.rounds)
    order = list(pipelines)
    print(f"machine: {machine()}; load average (1, 5, 15 min) at the end: "
          + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    print(f"{len(sample)} articles, {words:,} words, {args.rounds} alternating rounds, one core\n")
    print("| pipeline | median s | words/s per core |\n|---|---|---|")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| {name} | {med:.2f} | {words / med:,.0f} |")
    ratio = statistics.median(times["trained (default)"]) / statistics.median(times["no training (before)"])
    print(f"\ntime ratio trained / no training: {ratio:.2f}")
    # the step alone, on the analysed documents (all steps before it run once)
    from framing.extract.actors import sentence_sentiment
    from framing.pipeline import _shipped_actor_sentiment

    base = Pipeline.default().without("actor_sentiment")
    docs = [base.run(Document(d.text, story=d.story), actors=tables.get(d.story)) for d in sample]
    model = _shipped_actor_sentiment()
    pairs = sum(len(sentence_sentiment(d, model=None)) for d in docs)
    step: dict[str, list[float]] = {"trained": [], "no training": []}
    for _, name in alternating(step, args.rounds):
        t = time.perf_counter()
        for d in docs:
            sentence_sentiment(d, model=model if name == "trained" else None)
        step[name].append(time.perf_counter() - t)
    print(f"\nthe actor_sentiment step alone, {pairs} (sentence, actor) pairs:\n")
    print("| model | median s | ms per pair |\n|---|---|---|")
    for name, ts in step.items():
        med = statistics.median(ts)
        print(f"| {name} | {med:.3f} | {1000 * med / pairs:.2f} |")


if __name__ == "__main__":
    main()
