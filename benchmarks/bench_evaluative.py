"""Speed of the evaluative layer on top of the text layer, in words per second per core.

The text layer (sentences, tokens, tags) is parsed first and not timed; the timed part is
:func:`framing.extract.evaluative.extract_evaluations` on the parsed Document (lexicon look-ups,
modifiers, merging, voice). Input: the bundled sample repeated to about 200,000 words.

    python benchmarks/bench_evaluative.py
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
from framing.extract.evaluative import extract_evaluations, evaluative_lexicon  # noqa: E402


def main() -> None:
    texts = [d.text for d in load_sample()]
    docs = [Document(t) for t in texts * 70]
    for d in docs:
        d.sentences  # the text layer, not timed
    words = sum(d.word_count for d in docs)
    evaluative_lexicon()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            extract_evaluations(d, [])
        best = min(best, time.perf_counter() - t0)
    print(f"| words | seconds (best of 3) | words/s per core | machine |")
    print(f"| --- | --- | --- | --- |")
    print(f"| {words:,} | {best:.3f} | {words / best:,.0f} | {machine()} |")


if __name__ == "__main__":
    main()
