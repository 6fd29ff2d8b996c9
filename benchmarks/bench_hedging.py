"""Speed of the hedging layer on top of the text layer, in words per second per core.

The text layer (sentences, tokens, tags) is parsed first and not timed; then
``extract_hedges`` runs over the same documents. Input: the bundled sample repeated
(``--repeat``), one process, timed in process (CPU) time, so the figure is per core and
holds on a shared, loaded machine.

Usage::

    PYTHONPATH=. python benchmarks/bench_hedging.py [--repeat 40]
"""

from __future__ import annotations

import argparse
import time

from _machine import machine  # benchmarks/_machine.py


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    from framing import Document
    from framing.datasets import load_sample
    from framing.extract.hedging import extract_hedges

    texts = [d.text for d in load_sample()] * args.repeat
    docs = [Document(t) for t in texts]
    t0 = time.process_time()
    words = sum(d.word_count for d in docs)  # parses and caches the text layer
    t_text = time.process_time() - t0
    extract_hedges(docs[0])  # load the lexicons
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for d in docs:
            extract_hedges(d)
        best = min(best, time.process_time() - t0)
    print(f"| layer | words | seconds | words/s per core |")
    print(f"|---|---:|---:|---:|")
    print(f"| text layer (parse, tag) | {words} | {t_text:.2f} | {words / t_text:,.0f} |")
    print(f"| hedging on top (best of 3) | {words} | {best:.2f} | {words / best:,.0f} |")
    extract_hedges(docs[0], classifier=True)  # load the model
    best_clf = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for d in docs:
            extract_hedges(d, classifier=True)
        best_clf = min(best_clf, time.process_time() - t0)
    print(f"| hedging with classifier=True (best of 3) | {words} | {best_clf:.2f} | "
          f"{words / best_clf:,.0f} |")
    print(f"\nmachine: {machine()}")


if __name__ == "__main__":
    main()
