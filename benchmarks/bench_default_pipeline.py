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

``--against COMMIT`` adds that commit's ``Pipeline.default()`` (and its pipeline before
issue 11) to the same alternating rounds: its ``framing/`` is exported with ``git archive``
into a temporary folder and imported as ``framing_ref`` (every ``framing.`` import and
resource look-up renamed), so old and new code run in one process on the same input.

Each step is timed on its own (CPU time of this process, ``time.process_time``, which other
jobs on a shared machine disturb less than wall time) and so is ``to_dict`` (``records``).
Words per second per core is the input's words (``Document.word_count`` once the page
clutter is found) over the summed
CPU time of the round; the table gives the median round and the range, the step shares
come from the median of each step over the rounds; ``other`` is the rest of the round
(building each ``Document``, and collector passes that fall between the timed calls). The
garbage collector's CPU time and passes per round (a ``gc.callbacks`` hook) are printed
under each table: that time is already inside the steps' rows. Work done lazily (a sentence's ``Token``
tuples, built on first use) is charged to the first step that asks for it.

The steps of an article run inside ``gc_paused()`` as :meth:`framing.Pipeline.run` runs them
(when the code measured has it; ``to_dict`` pauses the collector itself).

    python benchmarks/bench_default_pipeline.py [--rounds 5] [--texts GLOB] [--profile OUT]
        [--against COMMIT]

``--profile OUT`` also writes a cProfile of one extra round of the default pipeline
(``python -m pstats OUT``).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime
import gc
import glob
import importlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

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


def reference_package(commit: str) -> ModuleType:
    """``framing/`` of ``commit`` (``git archive``), importable as ``framing_ref``."""
    home = Path(tempfile.mkdtemp(prefix="framing_ref_"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "framing"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(home)], input=archive, check=True)
    (home / "framing").rename(home / "framing_ref")
    for path in (home / "framing_ref").rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        src = re.sub(r"\bframing\.([a-z_])", r"framing_ref.\1", src)
        src = re.sub(r"^(\s*)import framing$", r"\1import framing_ref as framing", src, flags=re.M)
        src = re.sub(r"^(\s*)from framing import", r"\1from framing_ref import", src, flags=re.M)
        src = src.replace('resources.files("framing")', 'resources.files("framing_ref")')
        path.write_text(src, encoding="utf-8")
    sys.path.insert(0, str(home))
    return importlib.import_module("framing_ref")


_COLLECTOR = {"start": 0.0, "seconds": 0.0, "passes": 0}


def _collector_clock(phase: str, info: dict) -> None:
    """``gc.callbacks`` hook: CPU time and number of the garbage collector's passes."""
    if phase == "start":
        _COLLECTOR["start"] = time.process_time()
    else:
        _COLLECTOR["seconds"] += time.process_time() - _COLLECTOR["start"]
        _COLLECTOR["passes"] += 1


def timed_round(pipeline, rows: list, package: ModuleType | None = None) -> dict[str, float]:
    """CPU seconds per step (and ``records`` for ``to_dict``) over one pass of ``rows``;
    ``package`` is the framing package the pipeline comes from (default: this one)."""
    package = package or sys.modules["framing"]
    doc_class = package.Document
    paused = getattr(package.document, "gc_paused", contextlib.nullcontext)  # as its Pipeline.run
    clock = time.process_time
    spent = dict.fromkeys([*pipeline.names, "records", "other"], 0.0)
    _COLLECTOR.update(seconds=0.0, passes=0)
    start = clock()
    for text, story, table in rows:
        doc = doc_class(text, story=story)
        with paused():
            for s in pipeline.steps:
                kwargs = {"actors": table} if "actors" in s.options else {}
                t = clock()
                s.func(doc, s.model, **kwargs)
                spent[s.name] += clock() - t
        t = clock()
        doc.to_dict()
        spent["records"] += clock() - t
    # the rest of the round: Document construction and the garbage collector's passes that
    # fall between the timed calls (a pass deferred by gc_paused runs at the next allocation)
    spent["other"] = clock() - start - sum(spent.values())
    spent["collector"] = _COLLECTOR["seconds"]  # inside the rows above, not added to them
    spent["collector passes"] = _COLLECTOR["passes"]
    return spent


COUNTED_APART = ("collector", "collector passes")


def total(spent: dict[str, float]) -> float:
    """CPU seconds of a round (the collector's time is already inside the steps')."""
    return sum(v for k, v in spent.items() if k not in COUNTED_APART)


def ratio_pairs(names: list[str]) -> list[tuple[str, str]]:
    """The pipelines whose time ratios are printed: default / before issue 11 (this code),
    and with ``--against``: each of this code's pipelines over the commit's, and this
    code's default over the commit's pipeline before issue 11."""
    pairs = [("default", "before issue 11")]
    if len(names) == 4:
        ref_default, ref_before = names[2], names[3]
        pairs += [("default", ref_default), ("before issue 11", ref_before), (ref_default, ref_before),
                  ("default", ref_before)]
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--texts", help="glob of plain-text files instead of PolNeAR dev")
    ap.add_argument("--profile", help="write a cProfile of one default round here")
    ap.add_argument("--against", metavar="COMMIT",
                    help="also time this commit's pipelines in the same rounds")
    args = ap.parse_args()
    rows = load_input(args.texts)
    default = Pipeline.default()
    words = 0
    for text, _, _ in rows:  # words outside the page clutter, as the steps see them
        doc = Document(text)
        default["clutter"].func(doc, None)
        words += doc.word_count
    before = default.replace("actor_sentiment", None).without(*NEW_STEPS)
    pipelines = {"default": (default, None), "before issue 11": (before, None)}
    if args.against:
        ref = reference_package(args.against)
        ref_default = ref.Pipeline.default()
        pipelines[f"default at {args.against}"] = (ref_default, ref)
        pipelines[f"before issue 11 at {args.against}"] = (
            ref_default.replace("actor_sentiment", None).without(*NEW_STEPS), ref)
    gc.callbacks.append(_collector_clock)
    load = time.process_time()
    for pipeline, package in pipelines.values():  # warm-up: models load, bounded tables fill
        timed_round(pipeline, rows, package)
    load = time.process_time() - load
    times: dict[str, list[dict[str, float]]] = {k: [] for k in pipelines}
    order = list(pipelines)
    for r in range(args.rounds):
        for name in (order if r % 2 == 0 else order[::-1]):
            pipeline, package = pipelines[name]
            times[name].append(timed_round(pipeline, rows, package))
    print(f"machine: {machine()}")
    print(f"date: {datetime.date.today().isoformat()}, load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"input: {len(rows)} articles, {words:,} words; warm-up (model loading) {load:.1f} s CPU; "
          f"{args.rounds} alternating rounds, one core, CPU time\n")
    print("| pipeline | words/s per core (median round) | range over rounds |\n|---|---|---|")
    for name, rounds in times.items():
        speeds = sorted(words / total(r) for r in rounds)
        print(f"| {name} | {statistics.median(speeds):,.0f} | {speeds[0]:,.0f}-{speeds[-1]:,.0f} |")
    print()
    for a_name, b_name in ratio_pairs(list(times)):
        ratios = sorted(total(a) / total(b)
                        for a, b in zip(times[a_name], times[b_name]))
        print(f"time ratio {a_name} / {b_name}, per round: median {statistics.median(ratios):.2f} "
              f"(range {ratios[0]:.2f}-{ratios[-1]:.2f})")
    print()
    for name, rounds in times.items():
        med = {step: statistics.median(r[step] for r in rounds) for step in rounds[0]}
        whole = total(med)
        print(f"{name}: step shares (median CPU s of each step over the rounds)\n")
        print("| step | median s | share | words/s of the step alone |\n|---|---|---|---|")
        for step, s in med.items():
            if step in COUNTED_APART:
                continue
            alone = f"{words / s:,.0f}" if s > 0 else "-"
            print(f"| {step} | {s:.3f} | {100 * s / whole:.1f} % | {alone} |")
        print(f"\ngarbage collector (inside the rows above): {med['collector']:.3f} s "
              f"({100 * med['collector'] / whole:.1f} %), {med['collector passes']:.0f} passes per round\n")
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.runcall(timed_round, default, rows)
        prof.dump_stats(args.profile)
        print(f"profile of one default round written to {args.profile}")


if __name__ == "__main__":
    main()
