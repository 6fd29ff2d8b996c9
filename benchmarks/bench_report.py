"""Speed of a corpus run plus the outlet report: the issue's target is 1,000 articles in under
a minute on one core.

Input: the bundled sample (16 articles, 4 outlets, 4 stories) repeated to ``--articles``
documents; each copy gets its own id and story (``s1-r7``), so the comparison sees
``articles / 4`` stories of four outlets each. Timed, one process, one core (``n_jobs=1``):

1. ``corpus.analyze(actors=..., n_jobs=1, progress=False)``: the default pipeline on every
   article (page clutter, text layer, every extractor in the pipeline at the time);
2. ``framing.report(analysis)``: the comparison (1,000 bootstrap resamples, 1,000
   permutations), the evidence snippets, the figures as SVG, and the HTML rendering.

    python benchmarks/bench_report.py                # 1,000 articles
    python benchmarks/bench_report.py --articles 200
    FRAMING_DATA=../shared/data python benchmarks/bench_report.py --input abp   # full-length
    python benchmarks/bench_report.py --input gold   # the report alone, with actors
    python benchmarks/bench_report.py --input gold --open   # + size and opening time in Chromium

``--open`` writes the HTML page and times headless Chromium opening it and painting the first
screen (``--screenshot``, 1280 x 2000) against a blank page (the browser's own start-up), the
median of ``--rounds`` alternating runs: the page's opening time is the difference. The
target: a report on 1,000 articles under 5 MB that opens in under 2 s.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import cpu_model  # noqa: E402  (benchmarks/_machine.py)

import framing  # noqa: E402
from framing import Corpus, Document  # noqa: E402
from framing.datasets import load_sample, load_sample_actors  # noqa: E402


def corpus_of(n: int) -> tuple[Corpus, dict]:
    sample = list(load_sample())
    table = load_sample_actors()
    docs, actors = [], {}
    for i in range(n):
        src = sample[i % len(sample)]
        rep = i // len(sample)
        story = f"{src.story}-r{rep}"
        actors[story] = table[src.story]
        docs.append(Document(src.text, id=f"{src.id}-r{rep}", outlet=src.outlet, story=story,
                             title=src.title))
    return Corpus(docs), actors


def abp_corpus_of(n: int) -> tuple[Corpus, None]:
    """Full-length news articles: the AllSides story triples under FRAMING_DATA, repeated."""
    import json

    from framing.datasets import dataset_path

    root = dataset_path("abp_story_triples", "derived/story_triples_index.tsv",
                        name="AllSides story triples", source="ramybaly/Article-Bias-Prediction")
    rows = [line.rstrip("\n").split("\t") for line in
            (root / "derived/story_triples_index.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    rows = [r for r in rows if r[1] == "1"]
    docs = []
    for i in range(n):
        r = rows[i % len(rows)]
        art = json.loads((root / "data/jsons" / f"{r[4]}.json").read_text(encoding="utf-8"))
        docs.append(Document(art["content_original"], id=f"{r[4]}-{i // len(rows)}",
                             outlet=r[5], story=f"{r[0]}-{i // len(rows)}", title=art["title"]))
    return Corpus(docs), None


def gold_analysis_of(n: int):
    """The sample's gold evidence repeated (actors included): times the report alone."""
    from framing.analysis import Analysis, document_from_record
    from framing.datasets import load_sample_gold

    gold = load_sample_gold()
    docs = []
    for i in range(n):
        rec = dict(gold[i % len(gold)])
        rec["id"], rec["story"] = f"{rec['id']}-r{i // len(gold)}", f"{rec['story']}-r{i // len(gold)}"
        docs.append(document_from_record(rec))
    return Analysis.from_documents(docs)


def _chromium() -> str | None:
    import shutil

    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)


def open_time(page: str, rounds: int = 3) -> None:
    """Size of the page, and the time headless Chromium takes to open and paint it."""
    import statistics
    import subprocess
    import tempfile

    size = len(page.encode("utf-8"))
    print(f"HTML size: {size / 1e6:.2f} MB (target: < 5 MB)")
    browser = _chromium()
    if browser is None:
        print("opening time: not measured (no Chromium; apt-get install chromium)")
        return
    tmp = Path(tempfile.mkdtemp())
    report, blank = tmp / "report.html", tmp / "blank.html"
    report.write_text(page, encoding="utf-8")
    blank.write_text("<!DOCTYPE html><html><body><p>blank</p></body></html>", encoding="utf-8")

    import resource

    def run(path: Path) -> tuple[float, float]:
        """Wall seconds, and CPU seconds of the browser's processes (less moved by load)."""
        t = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([browser, "--headless", "--disable-gpu", "--no-sandbox",
                        "--hide-scrollbars", f"--screenshot={tmp / 'shot.png'}",
                        "--window-size=1280,2000", path.as_uri()],
                       capture_output=True, timeout=300, check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        return time.perf_counter() - t, cpu

    run(blank)  # warm the disk cache
    page_t, blank_t = [], []
    for _ in range(rounds):
        page_t.append(run(report))
        blank_t.append(run(blank))
    pm, bm = (statistics.median(x[0] for x in page_t), statistics.median(x[0] for x in blank_t))
    pc, bc = (statistics.median(x[1] for x in page_t), statistics.median(x[1] for x in blank_t))
    print(f"Chromium, open and paint the first screen: report {pm:.2f} s, blank page {bm:.2f} s "
          f"(medians of {rounds}); the report's own opening time: {pm - bm:.2f} s "
          "(target: < 2 s)")
    print(f"Chromium CPU time (all its processes): report {pc:.2f} s, blank page {bc:.2f} s; "
          f"the report's own: {pc - bc:.2f} s; load average {os.getloadavg()[0]:.1f}")


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--input", choices=["sample", "abp", "gold"], default="sample",
                   help="sample: the bundled sample repeated (about 190 words an article); "
                        "abp: full-length articles from FRAMING_DATA/abp_story_triples "
                        "(left/center/right as the groups); gold: the sample's gold evidence, "
                        "report only")
    p.add_argument("--open", action="store_true",
                   help="also measure the HTML size and its opening time in headless Chromium")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    if args.input == "gold":
        analysis = gold_analysis_of(args.articles)
        t1 = time.perf_counter()
        rep = framing.report(analysis, progress=False)
        page = rep.to_html()
        t2 = time.perf_counter()
        print(f"{len(analysis.articles)} articles of gold evidence, "
              f"{int(analysis.articles['words'].sum()):,} words")
        print(f"report:   {t2 - t1:6.1f} s  ({len(page) / 1e6:.1f} MB of HTML, "
              f"{len(rep.summary['actors'])} actors, {len(rep.summary['figures'])} figures)")
        if args.open:
            open_time(page, args.rounds)
        return
    corpus, actors = corpus_of(args.articles) if args.input == "sample" else abp_corpus_of(args.articles)
    words = sum(len(d.text.split()) for d in corpus)
    framing.analyze("Warm-up: the tagger and lexicons load once.")

    t0, c0 = time.perf_counter(), time.process_time()
    analysis = corpus.analyze(actors=actors, n_jobs=1, progress=False)
    t1, c1 = time.perf_counter(), time.process_time()
    rep = framing.report(analysis, progress=False)
    page = rep.to_html()
    t2, c2 = time.perf_counter(), time.process_time()

    print(f"framing {framing.__version__}, Python {platform.python_version()}, {cpu_model()}, "
          f"{datetime.date.today()}")
    print(f"{len(corpus)} articles, {words:,} words (whitespace tokens), "
          f"{len(analysis.ok)} ok, {len(analysis.errors)} errors")
    print(f"analysis: {t1 - t0:6.1f} s wall, {c1 - c0:6.1f} s CPU  ({words / (c1 - c0):,.0f} words/CPU s)")
    print(f"report:   {t2 - t1:6.1f} s wall, {c2 - c1:6.1f} s CPU  ({len(page) / 1e6:.1f} MB of HTML, "
          f"{len(rep.summary['actors'])} actors, {len(rep.summary['figures'])} figures)")
    print(f"total:    {t2 - t0:6.1f} s wall, {c2 - c0:6.1f} s CPU  "
          "(target: < 60 s for 1,000 articles on one core)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (wall times are inflated "
          "when other processes share the cores; CPU time is the single-core cost)")
    if args.open:
        open_time(page, args.rounds)


if __name__ == "__main__":
    main()
