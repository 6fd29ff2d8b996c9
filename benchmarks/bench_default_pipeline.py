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

With a commit without ``Pipeline`` (``--against bd82b1b``) a third runs beside them:

* ``default without later steps``: ``Pipeline.default()`` without the roles, frames,
  sentence_bias and persuasion steps that issues 13, 19 and 20 added to the default: the
  steps of the pipeline before issue 11 with the trained actor sentiment model that issue 11
  made the default.

``--against COMMIT`` adds that commit's ``Pipeline.default()`` (and its pipeline before
issue 11) to the same alternating rounds: its ``framing/`` is exported with ``git archive``
into a temporary folder and imported as ``framing_ref`` (every ``framing.`` import and
resource look-up renamed), so old and new code run in one process on the same input.

A commit without ``Pipeline`` (before issue 11's work, as bd82b1b) has
``framing.pipeline.annotate(doc, actors=...)`` instead: ``annotate at COMMIT`` times that
call as a whole (then ``to_dict``), and ``annotate at COMMIT, step by step`` makes the same
calls in the same order one by one (:class:`AnnotateSteps`: clutter, the sentence parse,
attribution, hedging, evaluative, actors, actor sentiment with no model), kept only if its
records equal ``annotate``'s on every article of the input. Issue 11's criterion, like for
like, is ``before issue 11`` (today's code configured as that pipeline was) over ``annotate
at bd82b1b``; the default over it adds what later issues put into the default by design.
That code has no collector pause, so its collector passes (each full pass visiting the
objects of both copies of the package) count in its time.

A full pass of the collector costs a lump (about 0.2 s here) and comes about once per round
or two, so per-round ratios cluster by whether it fell in a round; each ratio line also
gives the ratio of the sums over all rounds, which charges every pipeline the passes that
fell in its rounds, and the shares list the full passes in all rounds. With a commit
without ``Pipeline``, a last table sets the steps of the three side by side without the
collector's passes that fell in them (each step's share of them is counted with a
``gc.callbacks`` hook), the collector on a row of its own.

``--only NAME`` (repeatable) times only the pipelines named, for runs of one pipeline per
process.

Each step is timed on its own (CPU time of this process, ``time.process_time``, which other
jobs on a shared machine disturb less than wall time) and so is ``to_dict`` (``records``).
Words per second per core is the input's words (``Document.word_count`` once the page
clutter is found) over the summed
CPU time of the round; the table gives the median round and the range, the step shares
come from the median of each step over the rounds; ``other`` is the rest of the round
(building each ``Document``, freeing the previous one and its records, and the collector's
pass that the end of an article's ``gc_paused()`` block sets off: when that is a full pass,
about 0.1 s, it outweighs the rest of the row, and the default's records set one off every
two or three rounds, in this row or another). The garbage collector's CPU time and
passes (all and full) per round (a ``gc.callbacks`` hook) are printed under each table (that
time is already inside the steps' rows), with ``other`` less the collector's passes in it.
Work done lazily (a sentence's ``Token`` tuples, built on first use) is charged to the first
step that asks for it.

The steps of an article run inside ``gc_paused()`` as :meth:`framing.Pipeline.run` runs them
(when the code measured has it; ``to_dict`` pauses the collector itself).

    python benchmarks/bench_default_pipeline.py [--rounds 5] [--texts GLOB] [--profile OUT]
        [--against COMMIT] [--only NAME ...]

``--profile OUT`` also writes a cProfile of one extra round of the default pipeline
(``python -m pstats OUT``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import importlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import alternating, article_rows, machine, reference_package  # noqa: E402  (benchmarks/_machine.py)

sys.path.insert(0, str(ROOT / "evaluation"))
from actors import without_later_steps  # noqa: E402  (evaluation/actors.py)

from framing import Document, Pipeline  # noqa: E402

class AnnotateSteps:
    """A commit without :class:`framing.Pipeline` (before issue 11, as bd82b1b): the body of
    its ``framing.pipeline.annotate(doc, actors=...)`` (``annotate_evidence`` then
    ``annotate_actors``) as named calls, in the order its ``annotate`` makes them.

    ``text`` is the sentence parse that ``annotate`` does lazily on the attribution step's
    first read of ``doc.sentences``, read here right after ``clutter`` so that it has a row
    of its own (the same work, as today's ``text`` step). ``None`` from :meth:`of` when the
    commit lacks one of these functions.
    """

    names = ("clutter", "text", "attribution", "hedging", "evaluative", "actors", "actor_sentiment")

    def __init__(self, package: ModuleType) -> None:
        def part(name: str) -> ModuleType:
            return importlib.import_module(f"{package.__name__}.{name}")

        find_clutter = part("clutter").find_clutter
        extract_attributions = part("attribution").extract_attributions
        add_hedging = part("hedging").add_hedging
        extract_evaluations = part("evaluative").extract_evaluations
        actors = part("actors")

        def clutter(doc, table) -> None:
            doc.reset_sentences()
            found = find_clutter(doc.text)
            doc.clutter, doc.dateline, doc.byline = found.spans, found.dateline, found.byline
            doc.reset_sentences()

        def text(doc, table) -> None:
            doc.sentences  # noqa: B018  (the parse, cached on the document)

        def attribution(doc, table) -> None:
            doc.attributions = extract_attributions(doc)

        def hedging(doc, table) -> None:
            add_hedging(doc)

        def evaluative(doc, table) -> None:
            doc.evaluations = extract_evaluations(doc, doc.attributions)

        def mentions(doc, table) -> None:  # annotate_actors: mentions, then attribution links
            doc.mentions = actors.find_mentions(doc, table)
            doc.attributions = actors.link_attributions(doc)

        def actor_sentiment(doc, table) -> None:  # no model: the no-training scorer
            doc.actor_sentiment = actors.sentence_sentiment(doc, model=None)

        self.calls = (clutter, text, attribution, hedging, evaluative, mentions, actor_sentiment)

    @classmethod
    def of(cls, package: ModuleType) -> AnnotateSteps | None:
        try:
            return cls(package)
        except (ImportError, AttributeError):
            return None


_COLLECTOR = {"start": 0.0, "seconds": 0.0, "passes": 0, "full": 0}


def _collector_clock(phase: str, info: dict) -> None:
    """``gc.callbacks`` hook: CPU time and number of the garbage collector's passes."""
    if phase == "start":
        _COLLECTOR["start"] = time.process_time()
    else:
        _COLLECTOR["seconds"] += time.process_time() - _COLLECTOR["start"]
        _COLLECTOR["passes"] += 1
        _COLLECTOR["full"] += info["generation"] == 2


def _timed(spent: dict[str, float], name: str, call, *args, **kwargs) -> object:
    """``call(*args, **kwargs)``, its CPU time added to ``spent[name]`` and the collector's
    time inside it to ``spent["collector in <name>"]``."""
    t, g = time.process_time(), _COLLECTOR["seconds"]
    out = call(*args, **kwargs)
    spent[name] += time.process_time() - t
    spent[f"collector in {name}"] += _COLLECTOR["seconds"] - g
    return out


def _finish(spent: dict[str, float], start: float) -> dict[str, float]:
    """Fill ``other`` (the rest of the round) and the collector's figures."""
    # the rest of the round: Document construction and the garbage collector's passes that
    # fall between the timed calls (a pass deferred by gc_paused runs at the next allocation)
    spent["other"] = time.process_time() - start - total(spent)
    spent["collector"] = _COLLECTOR["seconds"]  # inside the rows above, not added to them
    spent["collector in other"] = spent["collector"] - sum(
        v for k, v in spent.items() if k.startswith("collector in "))
    spent["collector passes"] = _COLLECTOR["passes"]
    spent["full passes"] = _COLLECTOR["full"]
    return spent


def timed_round(pipeline, rows: list, package: ModuleType | None = None,
                sink: list | None = None) -> dict[str, float]:
    """CPU seconds per step (and ``records`` for ``to_dict``) over one pass of ``rows``;
    ``package`` is the framing package the pipeline comes from (default: this one);
    ``sink`` (the untimed warm-up) collects the records."""
    package = package or sys.modules["framing"]
    doc_class = package.Document
    paused = getattr(getattr(package, "_gc", package.document), "gc_paused", contextlib.nullcontext)  # as its Pipeline.run
    clock = time.process_time
    spent = dict.fromkeys([*pipeline.names, "records", "other"], 0.0)
    spent.update(dict.fromkeys([f"collector in {k}" for k in [*pipeline.names, "records"]], 0.0))
    _COLLECTOR.update(seconds=0.0, passes=0, full=0)
    start = clock()
    for text, story, table in rows:
        doc = doc_class(text, story=story)
        with paused():
            for s in pipeline.steps:
                kwargs = {"actors": table} if "actors" in s.options else {}
                _timed(spent, s.name, s.func, doc, s.model, **kwargs)
        record = _timed(spent, "records", doc.to_dict)
        if sink is not None:
            sink.append(record)
    return _finish(spent, start)


def annotate_round(package: ModuleType, rows: list, steps: AnnotateSteps | None = None,
                   sink: list | None = None) -> dict[str, float]:
    """As :func:`timed_round` for a commit without ``Pipeline``: its
    ``pipeline.annotate(doc, actors=table)`` timed as a whole (``annotate``), or, given
    ``steps``, its calls one by one; then ``to_dict`` (``records``). No collector pause:
    that code has none."""
    doc_class = package.Document
    annotate = importlib.import_module(f"{package.__name__}.pipeline").annotate
    clock = time.process_time
    names = steps.names if steps is not None else ("annotate",)
    spent = dict.fromkeys([*names, "records", "other"], 0.0)
    spent.update(dict.fromkeys([f"collector in {k}" for k in [*names, "records"]], 0.0))
    _COLLECTOR.update(seconds=0.0, passes=0, full=0)
    start = clock()
    for text, story, table in rows:
        doc = doc_class(text, story=story)
        if steps is None:
            _timed(spent, "annotate", annotate, doc, actors=table)
        else:
            for name, call in zip(steps.names, steps.calls):
                _timed(spent, name, call, doc, table)
        record = _timed(spent, "records", doc.to_dict)
        if sink is not None:
            sink.append(record)
    return _finish(spent, start)


def same_as_annotate(package: ModuleType, steps: AnnotateSteps, rows: list) -> bool:
    """Whether the calls of ``steps`` give the records of ``annotate`` on every row."""
    annotate = importlib.import_module(f"{package.__name__}.pipeline").annotate
    for text, story, table in rows:
        whole, parts = package.Document(text, story=story), package.Document(text, story=story)
        annotate(whole, actors=table)
        for call in steps.calls:
            call(parts, table)
        if whole.to_dict() != parts.to_dict():
            return False
    return True


def counted_apart(key: str) -> bool:
    """Whether ``key`` of a round is the collector's (time already inside the steps', or a
    number of passes), not a step's."""
    return key.startswith("collector") or key == "full passes"


def total(spent: dict[str, float]) -> float:
    """CPU seconds of a round (the collector's time is already inside the steps')."""
    return sum(v for k, v in spent.items() if not counted_apart(k))


def net(spent: dict[str, float], step: str) -> float:
    """CPU seconds of ``step`` in a round without the collector's passes that fell in it."""
    return spent[step] - spent.get(f"collector in {step}", 0.0)


def ratio_pairs(names: list[str], against: str | None, annotate: bool) -> list[tuple[str, str]]:
    """The pipelines whose time ratios are printed: default / before issue 11 (this code);
    with ``--against`` a commit with ``Pipeline``: each of this code's pipelines over the
    commit's, and this code's default over the commit's pipeline before issue 11; with a
    commit without it (``annotate``): this code's pipeline before issue 11 and its default
    over the commit's ``annotate``, and the step-by-step copy of it over the whole call."""
    pairs = [("default", "before issue 11")]
    if against and annotate:
        whole = f"annotate at {against}"
        pairs = [("before issue 11", whole), ("default without later steps", whole),
                 ("default", whole), *pairs]
        if f"{whole}, step by step" in names:
            pairs.append((f"{whole}, step by step", whole))
    elif against:
        ref_default, ref_before = f"default at {against}", f"before issue 11 at {against}"
        pairs += [("default", ref_default), ("before issue 11", ref_before), (ref_default, ref_before),
                  ("default", ref_before)]
    return pairs


def step_table(times: dict[str, list[dict[str, float]]], reference: str, words: int) -> None:
    """Median CPU s per round of each step in every pipeline, side by side, without the
    collector's passes that fell in it (a full pass is a lump that lands in whichever step
    allocates then: those have a row of their own), and each pipeline's time over
    ``reference``'s for the steps ``reference`` has (median of the per-round ratios);
    ``-`` where a pipeline has no such step."""
    names = list(times)
    steps: list[str] = []
    for rounds in times.values():
        steps += [k for k in rounds[0] if k not in steps and not counted_apart(k)]
    others = [n for n in names if n != reference]
    print(f"per step without the collector's passes, median CPU s per round ({words:,} words), "
          f"and time ratio over {reference} (median of the per-round ratios)\n")
    print("| step | " + " | ".join(names) + " | " + " | ".join(f"{n} / ref" for n in others) + " |")
    print("|---" * (1 + len(names) + len(others)) + "|")
    value: dict[str, Callable[[dict[str, float]], float]] = {step: partial(net, step=step) for step in steps}
    value["collector (all passes)"] = lambda r: r["collector"]
    value["whole round"] = total
    for step, of in value.items():
        cells = [f"{statistics.median(map(of, times[n])):.3f}" if step in times[n][0] or step not in steps
                 else "-" for n in names]
        for n in others:
            if step not in steps or (step in times[n][0] and step in times[reference][0]):
                ratios = [of(a) / of(b) for a, b in zip(times[n], times[reference]) if of(b) > 0]
                cells.append(f"{statistics.median(ratios):.2f}")
            else:
                cells.append("-")
        print(f"| {step} | " + " | ".join(cells) + " |")
    print()


def output_table(records: dict[str, list[dict]]) -> None:
    """Records per field of every pipeline over the input (warm-up pass), and how many
    articles have the same records in a field as the first pipeline's (``-`` where a
    pipeline has no such field)."""
    names = list(records)
    fields: list[str] = []
    for rows in records.values():
        fields += [k for k, v in rows[0].items() if isinstance(v, list) and k not in fields]
    first = names[0]
    print(f"outputs: records per field over the input, and articles whose records in the field "
          f"equal {first}'s\n")
    print("| field | " + " | ".join(names) + " | " + " | ".join(f"same in {n}" for n in names[1:])
          + " |")
    print("|---" * (2 * len(names)) + "|")
    for f in fields:
        cells = [str(sum(len(r[f]) for r in records[n])) if f in records[n][0] else "-" for n in names]
        for n in names[1:]:
            if f in records[n][0] and f in records[first][0]:
                cells.append(str(sum(a[f] == b[f] for a, b in zip(records[first], records[n]))))
            else:
                cells.append("-")
        print(f"| {f} | " + " | ".join(cells) + " |")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--texts", help="glob of plain-text files instead of PolNeAR dev")
    ap.add_argument("--profile", help="write a cProfile of one default round here")
    ap.add_argument("--against", metavar="COMMIT",
                    help="also time this commit's pipelines (or its annotate) in the same rounds")
    ap.add_argument("--only", action="append", metavar="NAME",
                    help="time only this pipeline (repeat for more; names as in the table)")
    args = ap.parse_args()
    rows = [(t, s, tb) for _, t, s, tb in article_rows(args.texts)]
    default = Pipeline.default()
    words = 0
    for text, _, _ in rows:  # words outside the page clutter, as the steps see them
        doc = Document(text)
        default["clutter"].func(doc, None)
        words += doc.word_count
    before = without_later_steps(default.replace("actor_sentiment", None))
    runs: dict[str, Callable[..., dict[str, float]]] = {
        "default": partial(timed_round, default), "before issue 11": partial(timed_round, before)}
    annotate = False
    if args.against:
        ref = reference_package(args.against)
        if hasattr(ref, "Pipeline"):
            ref_default = ref.Pipeline.default()
            ref_before = ref_without_later_steps(default.replace("actor_sentiment", None))
            runs[f"default at {args.against}"] = partial(timed_round, ref_default, package=ref)
            runs[f"before issue 11 at {args.against}"] = partial(timed_round, ref_before, package=ref)
        else:  # before issue 11: framing.pipeline.annotate(doc, actors=...), then to_dict
            annotate = True
            runs["default without later steps"] = partial(timed_round, without_later_steps(default))
            runs[f"annotate at {args.against}"] = partial(annotate_round, ref)
            steps = AnnotateSteps.of(ref)
            if steps is not None and same_as_annotate(ref, steps, rows):
                runs[f"annotate at {args.against}, step by step"] = partial(annotate_round, ref, steps=steps)
            else:
                print(f"annotate at {args.against}: not timed step by step (its functions differ "
                      f"from bd82b1b's or their records differ from its annotate's)\n")
    if args.only:
        unknown = set(args.only) - set(runs)
        if unknown:
            sys.exit(f"--only: no pipeline named {', '.join(sorted(unknown))}; names: {', '.join(runs)}")
        runs = {k: v for k, v in runs.items() if k in args.only}
    gc.callbacks.append(_collector_clock)
    load = time.process_time()
    records: dict[str, list[dict]] = {k: [] for k in runs}
    for name, run in runs.items():  # warm-up: models load, bounded tables fill
        run(rows, sink=records[name])
    load = time.process_time() - load
    times: dict[str, list[dict[str, float]]] = {k: [] for k in runs}
    for _, name in alternating(runs, args.rounds):
        times[name].append(runs[name](rows))
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"input: {len(rows)} articles, {words:,} words; warm-up (model loading) {load:.1f} s CPU; "
          f"{args.rounds} alternating rounds, one core, CPU time\n")
    print("| pipeline | words/s per core (median round) | range over rounds |\n|---|---|---|")
    for name, rounds in times.items():
        speeds = sorted(words / total(r) for r in rounds)
        print(f"| {name} | {statistics.median(speeds):,.0f} | {speeds[0]:,.0f}-{speeds[-1]:,.0f} |")
    print()
    for a_name, b_name in ratio_pairs(list(times), args.against, annotate):
        if a_name not in times or b_name not in times:
            continue
        ratios = [total(a) / total(b) for a, b in zip(times[a_name], times[b_name])]
        low, high = min(ratios), max(ratios)
        summed = sum(map(total, times[a_name])) / sum(map(total, times[b_name]))
        print(f"time ratio {a_name} / {b_name}, per round: median {statistics.median(ratios):.2f} "
              f"(range {low:.2f}-{high:.2f}; rounds {', '.join(f'{x:.2f}' for x in ratios)}); "
              f"sum over the rounds {summed:.2f}")
    print()
    for name, rounds in times.items():
        med = {step: statistics.median(r[step] for r in rounds) for step in rounds[0]}
        whole = total(med)
        print(f"{name}: step shares (median CPU s of each step over the rounds)\n")
        print("| step | median s | share | words/s of the step alone |\n|---|---|---|---|")
        for step, s in med.items():
            if counted_apart(step):
                continue
            alone = f"{words / s:,.0f}" if s > 0 else "-"
            print(f"| {step} | {s:.3f} | {100 * s / whole:.1f} % | {alone} |")
        print(f"\ngarbage collector (inside the rows above): {med['collector']:.3f} s "
              f"({100 * med['collector'] / whole:.1f} %), {med['collector passes']:.0f} passes per round; "
              f"{sum(r['full passes'] for r in rounds):.0f} full passes in {len(rounds)} rounds; "
              f"other without the collector's passes in it: "
              f"{statistics.median(r['other'] - r['collector in other'] for r in rounds):.3f} s\n")
    # the commit's pipelines first (the step-by-step copy of annotate has its records: checked)
    shown = [k for k in records if " at " in k and not k.endswith("step by step")]
    shown += [k for k in ("before issue 11", "default") if k in records]
    output_table({k: records[k] for k in shown})
    stepwise = f"annotate at {args.against}, step by step"
    if all(k in times for k in (stepwise, "before issue 11", "default")):
        step_table({k: times[k] for k in (stepwise, "before issue 11", "default")}, stepwise, words)
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.runcall(timed_round, default, rows)
        prof.dump_stats(args.profile)
        print(f"profile of one default round written to {args.profile}")


if __name__ == "__main__":
    main()
