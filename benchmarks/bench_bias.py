"""Cost of the sentence_bias step: the default pipeline with it (no-training evidence score,
and a BiasClassifier fitted on hand-written sentences) against the pipeline without it,
alternating runs in one process.

Input: the bundled sample (16 articles) repeated ``--repeat`` times, one core. The figure is
words per second per core (median over rounds) and the step's share of the pipeline's time.

    python benchmarks/bench_bias.py [--rounds 5] [--repeat 4]
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
from framing.models import BiasClassifier  # noqa: E402

TRAIN = (["The reckless senator rammed through a shameful, disastrous bill.",
          "Radical activists stormed the hearing in a disgraceful stunt."],
         ["The senator introduced the bill on Tuesday.",
          "Activists attended the hearing, officials said."])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=4)
    args = ap.parse_args()
    sample = list(load_sample()) * args.repeat
    tables = load_sample_actors()
    model = BiasClassifier(min_df=1).fit(TRAIN[0] + TRAIN[1], [1, 1, 0, 0])
    pipelines = {"without sentence_bias": Pipeline.default().without("sentence_bias"),
                 "with sentence_bias (default, no training)": Pipeline.default(),
                 "with sentence_bias (BiasClassifier)": Pipeline.default().replace("sentence_bias", model)}
    for p in pipelines.values():
        p.run(Document(sample[0].text))  # load models and lexicons once
    words = sum(Document(d.text).word_count for d in sample)
    times = alternating_rounds(pipelines, sample, tables, args.rounds)
    # the step alone, on documents the other steps analysed (less noisy on a busy machine)
    from framing.extract.sentence_bias import score_sentence_bias

    done = [pipelines["without sentence_bias"].run(Document(d.text, story=d.story),
                                                   actors=tables.get(d.story)) for d in sample]
    alone = {}
    for name, m in (("default, no training", None), ("BiasClassifier", model)):
        runs = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            for d in done:
                score_sentence_bias(d, m)
            runs.append(time.perf_counter() - t)
        alone[name] = statistics.median(runs)
    base = statistics.median(times["without sentence_bias"])
    print(f"machine: {machine()}")
    print(f"{len(sample)} articles, {words:,} words, {args.rounds} alternating rounds, one core\n")
    print("| pipeline | median s | words/s per core | added time |\n|---|---|---|---|")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"| {name} | {med:.2f} | {words / med:,.0f} | {100 * (med - base) / base:+.1f}% |")
    print("\n| the step alone (analysed documents) | median s | words/s per core | share of the pipeline without it |\n|---|---|---|---|")
    for name, med in alone.items():
        print(f"| {name} | {med:.3f} | {words / med:,.0f} | {100 * med / base:.1f}% |")


if __name__ == "__main__":
    main()
