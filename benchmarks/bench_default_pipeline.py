"""Speed of the full default pipeline (``Pipeline.default()``), steady state, step by step.

Issue 15 asks for at least 100,000 words per second per core for the whole default pipeline
(every step, ``Document.to_dict()`` included), model loading excluded; issue 11 asks that the
default pipeline be no slower than the pipeline before it (the no-training actor sentiment
default and no roles, frames, sentence_bias or persuasion steps).

Input: PolNeAR's dev articles (84 plain-text files, no actor tables) and the bundled sample
(16 articles, with the sample's actor tables); ``--texts GLOB`` replaces the PolNeAR part.
A first, untimed pass over the whole input loads the models and fills the text layer's
bounded tables (word forms, tag runs), so the timed rounds measure the steady state.

Two pipelines run in alternating rounds in this one process, on fresh Documents each round:

* ``default``: ``Pipeline.default()``;
* ``before issue 11``: ``Pipeline.default().replace("actor_sentiment", None)`` without the
  roles, frames, sentence_bias and persuasion steps (today's code for the other steps).

Each step is timed on its own (CPU time of this process, ``time.process_time``, which other
jobs on a shared machine disturb less than wall time) and so is ``to_dict`` (``records``).
Words per second per core is the input's words (``Document.word_count`` once the page
clutter is found) over the summed
CPU time of the round; the table gives the median round and the range, the step shares
come from the median of each step over the rounds. Work done lazily (a sentence's ``Token``
tuples, built on first use) is charged to the first step that asks for it.

    python benchmarks/bench_default_pipeline.py [--rounds 5] [--texts GLOB] [--profile OUT]

``--profile OUT`` also writes a cProfile of one extra round of the default pipeline
(``python -m pstats OUT``).
"""

from __future__ import annotations

import argparse
import datetime
import glob
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import machine  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402
from framing.datasets import load_sample, load_sample_actors  # noqa: E402

NEW_STEPS = ("roles", "frames", "sentence_bias", "persuasion")


def load_input(pattern: str | None) -> list[tuple[str, str | None, dict | None]]:
    """(text, story, actor table) for the PolNeAR part (or ``pattern``) and the sample."""
    if pattern is None:
        home = os.environ.get("FRAMING_DATA")
        if not home:
            sys.exit("set FRAMING_DATA (PolNeAR's dev articles) or give --texts GLOB")
        pattern = os.path.join(home, "polnear", "data", "dev", "text", "*.txt")
    files = sorted(glob.glob(pattern))
    if not files:
        sys.exit(f"no file matches {pattern}")
    rows: list[tuple[str, str | None, dict | None]] = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            rows.append((fh.read(), None, None))
    tables = load_sample_actors()
    rows.extend((d.text, d.story, tables.get(d.story)) for d in load_sample())
    return rows


def timed_round(pipeline: Pipeline, rows: list) -> dict[str, float]:
    """CPU seconds per step (and ``records`` for ``to_dict``) over one pass of ``rows``."""
    clock = time.process_time
    spent = dict.fromkeys([*pipeline.names, "records"], 0.0)
    for text, story, table in rows:
        doc = Document(text, story=story)
        for s in pipeline.steps:
            kwargs = {"actors": table} if "actors" in s.options else {}
            t = clock()
            s.func(doc, s.model, **kwargs)
            spent[s.name] += clock() - t
        t = clock()
        doc.to_dict()
        spent["records"] += clock() - t
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--texts", help="glob of plain-text files instead of PolNeAR dev")
    ap.add_argument("--profile", help="write a cProfile of one default round here")
    args = ap.parse_args()
    rows = load_input(args.texts)
    default = Pipeline.default()
    words = 0
    for text, _, _ in rows:  # words outside the page clutter, as the steps see them
        doc = Document(text)
        default["clutter"].func(doc, None)
        words += doc.word_count
    before = default.replace("actor_sentiment", None).without(*NEW_STEPS)
    pipelines = {"default": default, "before issue 11": before}
    load = time.process_time()
    timed_round(default, rows)  # warm-up: models load, bounded tables fill
    timed_round(before, rows)
    load = time.process_time() - load
    times: dict[str, list[dict[str, float]]] = {k: [] for k in pipelines}
    order = list(pipelines)
    for r in range(args.rounds):
        for name in (order if r % 2 == 0 else order[::-1]):
            times[name].append(timed_round(pipelines[name], rows))
    print(f"machine: {machine()}")
    print(f"date: {datetime.date.today().isoformat()}, load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"input: {len(rows)} articles, {words:,} words; warm-up (model loading) {load:.1f} s CPU; "
          f"{args.rounds} alternating rounds, one core, CPU time\n")
    print("| pipeline | words/s per core (median round) | range over rounds |\n|---|---|---|")
    for name, rounds in times.items():
        speeds = sorted(words / sum(r.values()) for r in rounds)
        print(f"| {name} | {statistics.median(speeds):,.0f} | {speeds[0]:,.0f}-{speeds[-1]:,.0f} |")
    ratios = sorted(sum(a.values()) / sum(b.values())
                    for a, b in zip(times["default"], times["before issue 11"]))
    print(f"\ntime ratio default / before issue 11, per round: median {statistics.median(ratios):.2f} "
          f"(range {ratios[0]:.2f}-{ratios[-1]:.2f})\n")
    for name, rounds in times.items():
        med = {step: statistics.median(r[step] for r in rounds) for step in rounds[0]}
        total = sum(med.values())
        print(f"{name}: step shares (median CPU s of each step over the rounds)\n")
        print("| step | median s | share | words/s of the step alone |\n|---|---|---|---|")
        for step, s in med.items():
            alone = f"{words / s:,.0f}" if s > 0 else "-"
            print(f"| {step} | {s:.3f} | {100 * s / total:.1f} % | {alone} |")
        print()
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.runcall(timed_round, default, rows)
        prof.dump_stats(args.profile)
        print(f"profile of one default round written to {args.profile}")


if __name__ == "__main__":
    main()
