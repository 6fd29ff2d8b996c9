"""Speed of the text layer: page clutter, sentences, tokens, tags and chunks (forced).

Two inputs:

* ``sample``: the bundled sample (16 articles), repeated 20 times;
* ``synthetic``: a 10 MB corpus generated here from the sample's paragraphs (shuffled with a
  fixed seed into articles of 6 to 14 paragraphs, each page wrapped in typical clutter: a
  dateline, a byline, a photo caption, a credit and a "Next In World" list), so that the
  clutter rules have something to find.

For each document the timed work is the text layer as its budget defines it:
:func:`framing.text.clutter.find_clutter`, then :func:`framing.text.parse` with the clutter
skipped (what :func:`framing.analyze` does before the extractors), then the chunks of every
sentence. Chunks are computed lazily and no extractor asks for them, so
:func:`framing.analyze` never pays for them; they are forced here so that the figure covers
the whole layer (``benchmarks/bench_attribution.py`` times the layer without them). Documents are processed one at a time and
dropped, as a streamed run would. One process, one core: words per second per core is words
over the process's CPU time (``time.process_time``), which other jobs on a shared machine
disturb less than wall time (also printed). Peak memory is the process's peak
resident set size (``resource.getrusage``), which includes the interpreter and the tagger's
lexicon.

    python benchmarks/bench_text.py            # both inputs
    python benchmarks/bench_text.py --mb 2     # a smaller synthetic corpus
    python benchmarks/bench_text.py --texts "$FRAMING_DATA/polnear/data/*/text/*.txt"

``--texts`` adds a third input, plain-text files matched by a glob (PolNeAR's articles, say):
the synthetic corpus repeats the sample's paragraphs, which the tagger's per-word table and
the chunker's run table remember, so fresh articles are the sterner test.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import machine  # noqa: E402  (benchmarks/_machine.py)

from framing.text.clutter import find_clutter  # noqa: E402
from framing.datasets import load_sample  # noqa: E402
from framing.text import parse  # noqa: E402

PAGE_HEAD = "{title}\nBy Jane Doe and Oleg Petrov\n\nMOSCOW, Feb 2 (Reuters) - "
PAGE_TAIL = (
    "\n\nA man walks past a damaged building in Kharkiv, Ukraine, February 1, 2026. "
    "REUTERS/Vyacheslav Madiyevskyy\n\n(Reporting by Jane Doe; Editing by Alex Roe)\n\n"
    "Follow us on our official WhatsApp channel\n\nNext In World\n"
    "Ukraine reports drone attack on Kharkiv\nEU ministers meet on sanctions package\n"
    "Oil prices edge higher\n\n© 2026 Reuters. All rights reserved.\n"
)


def _peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


def synthetic_corpus(megabytes: float, seed: int = 0) -> list[str]:
    """Pages of about ``megabytes`` MB made of the sample's paragraphs, wrapped in clutter."""
    sample = load_sample()
    paragraphs = [p for d in sample for p in d.text.split("\n\n") if p.strip()]
    titles = [d.title or "Untitled" for d in sample]
    rng = random.Random(seed)
    pages: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(6, 14)))
        page = PAGE_HEAD.format(title=rng.choice(titles)) + body + PAGE_TAIL
        pages.append(page)
        size += len(page.encode("utf-8"))
    return pages


def text_layer(text: str) -> int:
    """Clutter, sentences, tags and chunks of one page; returns its word count."""
    skip = find_clutter(text).spans
    words = 0
    for s in parse(text, skip=skip):
        s.chunks  # forced
        words += sum(1 for t in s.tokens if t.text[0].isalnum())
    return words


def run(name: str, pages: list[str]) -> tuple[str, int, int, float, float, float]:
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    t0, c0 = time.perf_counter(), time.process_time()
    words = sum(text_layer(p) for p in pages)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return name, len(pages), words, seconds, cpu, mb


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="size of the synthetic corpus (MB)")
    ap.add_argument("--texts", help="also time the plain-text files matching this glob")
    args = ap.parse_args(argv)

    text_layer("Warm up: load the tagger's lexicon and rules once.")
    rows = [run("sample x20", [d.text for d in load_sample()] * 20)]
    rows.append(run(f"synthetic {args.mb:g} MB", synthetic_corpus(args.mb)))
    if args.texts:
        files = sorted(glob.glob(args.texts))
        if not files:
            ap.error(f"no file matches {args.texts!r}")
        rows.append(run(f"{len(files)} files", [Path(f).read_text(encoding="utf-8") for f in files]))

    print(f"machine: {machine()}")
    print(f"date: {datetime.date.today().isoformat()}")
    print("| input | pages | MB | words | wall s | CPU s | words/s per core (CPU) | words/s (wall) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, pages, words, seconds, cpu, mb in rows:
        print(f"| {name} | {pages:,} | {mb:.1f} | {words:,} | {seconds:.1f} | {cpu:.1f} "
              f"| {words / cpu:,.0f} | {words / seconds:,.0f} |")
    print(f"peak memory (max RSS of the process): {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
