"""Cost of the persuasion step (the rule default) in the default pipeline.

Runs ``Pipeline.default()`` and ``Pipeline.default().without("persuasion")`` on the bundled
sample repeated to about 30,000 words, alternating the two in rounds within one process (so
that a noisy machine slows both alike), and prints words per second per core for each and
the step's share of the pipeline's time. The budget for the new default steps together is
+30%.

    python benchmarks/bench_persuasion.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import machine  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402
from framing.datasets import load_sample  # noqa: E402


def _time(pipeline: Pipeline, texts: list[str]) -> tuple[float, int]:
    t0 = time.perf_counter()
    words = 0
    for t in texts:
        doc = pipeline.run(Document(t))
        words += doc.word_count
    return time.perf_counter() - t0, words


def main(repeat: int = 10, rounds: int = 3) -> None:
    texts = [d.text for d in load_sample()] * repeat
    full, without = Pipeline.default(), Pipeline.default().without("persuasion")
    _time(full, texts[:16])  # warm the lexicons and models, not timed
    best_full = best_without = float("inf")
    words = 0
    for _ in range(rounds):
        t, words = _time(without, texts)
        best_without = min(best_without, t)
        t, _ = _time(full, texts)
        best_full = min(best_full, t)
    print("| pipeline | words | seconds (best of %d) | words/s per core | machine |" % rounds)
    print("| --- | --- | --- | --- | --- |")
    print(f"| default without persuasion | {words:,} | {best_without:.2f} | {words / best_without:,.0f} | {machine()} |")
    print(f"| default (with persuasion) | {words:,} | {best_full:.2f} | {words / best_full:,.0f} | |")
    print(f"\nthe persuasion step adds {100 * (best_full - best_without) / best_without:.1f}% "
          "to the pipeline's time")


if __name__ == "__main__":
    main()
