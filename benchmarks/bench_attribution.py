"""Speed of attribution, in words per second per core (one process).

Two figures on the bundled sample repeated to about 200,000 words:

- ``attribution only``: the text layer (sentences, tokens, tags) is parsed first and not
  timed; the timed part is :func:`framing.extract.attribution.extract_attributions` on the parsed
  documents (quotation scan, cue model, source model, content rules);
- ``clutter + text layer + attribution``: the default pipeline up to and including the
  attribution step, from raw text (clutter removal, parsing, attribution), each document
  fresh;
- ``text layer only`` (clutter removal and parsing, no attribution), for comparison.

Times are CPU time of this process (``time.process_time``, best of several runs), so other
jobs on a shared machine inflate them less than wall time; wall time is printed too.

Usage::

    python benchmarks/bench_attribution.py [--repeat 70]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import cpu_model  # noqa: E402  (benchmarks/_machine.py)

from framing import Document  # noqa: E402
from framing.extract.attribution import extract_attributions  # noqa: E402
from framing.text.clutter import find_clutter  # noqa: E402
from framing.datasets import load_sample  # noqa: E402


def _pipeline(text: str) -> Document:
    doc = Document(text)
    doc.clutter = find_clutter(text).spans
    doc.attributions = extract_attributions(doc)
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=70)
    ap.add_argument("--runs", type=int, default=3, help="runs per figure; the best is kept")
    args = ap.parse_args(argv)
    texts = [d.text for d in load_sample()] * args.repeat
    extract_attributions(texts[0])  # load the model and lexicon, warm the tagger
    docs = [Document(t) for t in texts]
    for d in docs:
        d.sentences  # the text layer, not timed in the first figure
    words = sum(d.word_count for d in docs)
    rows = [
        ("attribution only", _best(lambda: [extract_attributions(d) for d in docs], args.runs)),
        ("clutter + text layer + attribution", _best(lambda: [_pipeline(t) for t in texts], args.runs)),
        ("clutter + text layer (no attribution)", _best(lambda: [_text_layer(t) for t in texts], args.runs)),
    ]
    print("| what | words | CPU seconds (best) | words/s per core | wall seconds | machine |")
    print("| --- | --- | --- | --- | --- | --- |")
    for what, (cpu, wall) in rows:
        print(f"| {what} | {words} | {cpu:.2f} | {words / cpu:,.0f} | {wall:.2f} | {cpu_model()} |")
    return 0


def _text_layer(text: str) -> Document:
    doc = Document(text)
    doc.clutter = find_clutter(text).spans
    doc.sentences
    return doc


def _best(run, n: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the fastest of ``n`` runs by CPU time."""
    best = (float("inf"), float("inf"))
    for _ in range(n):
        w0, c0 = time.perf_counter(), time.process_time()
        run()
        best = min(best, (time.process_time() - c0, time.perf_counter() - w0))
    return best


if __name__ == "__main__":
    raise SystemExit(main())
