"""Speed of attribution, in words per second per core (one process).

Two figures on the bundled sample repeated to about 200,000 words:

- ``attribution only``: the text layer (sentences, tokens, tags) is parsed first and not
  timed; the timed part is :func:`framing.attribution.extract_attributions` on the parsed
  documents (quotation scan, cue model, source model, content rules);
- ``clutter + text layer + attribution``: the default pipeline up to and including the
  attribution step, from raw text (clutter removal, parsing, attribution), each document
  fresh.

Usage::

    python benchmarks/bench_attribution.py [--repeat 70]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from framing import Document  # noqa: E402
from framing.attribution import extract_attributions  # noqa: E402
from framing.clutter import find_clutter  # noqa: E402
from framing.datasets import load_sample  # noqa: E402


def _cpu() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _pipeline(text: str) -> Document:
    doc = Document(text)
    doc.clutter = find_clutter(text).spans
    doc.attributions = extract_attributions(doc)
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=70)
    args = ap.parse_args(argv)
    texts = [d.text for d in load_sample()] * args.repeat
    extract_attributions(texts[0])  # load the model and lexicon, warm the tagger
    docs = [Document(t) for t in texts]
    for d in docs:
        d.sentences  # the text layer, not timed in the first figure
    words = sum(d.word_count for d in docs)
    best_attr = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for d in docs:
            extract_attributions(d)
        best_attr = min(best_attr, time.perf_counter() - t0)
    best_full = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        for t in texts:
            _pipeline(t)
        best_full = min(best_full, time.perf_counter() - t0)
    print("| what | words | seconds (best) | words/s per core | machine |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| attribution only | {words} | {best_attr:.2f} | {words / best_attr:,.0f} | {_cpu()} |")
    print(f"| clutter + text layer + attribution | {words} | {best_full:.2f} | {words / best_full:,.0f} | {_cpu()} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
