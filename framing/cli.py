"""The ``framing`` command line program.

::

    framing report INPUT [--by outlet] [--story story] [--actors actors.json] -o report.html
    framing report --demo -o report.html
    framing analyze FILE [--json]

INPUT is a JSON Lines file, a CSV/TSV file, or a folder of ``.html``/``.txt`` files (one
article each, read by :func:`framing.io.read_path`; a file's first sub-folder under INPUT
names its outlet, else the outlet a page states). ``--model STEP=PATH`` (repeatable) gives a
pipeline step a JSON model file, ``--without STEP`` leaves a step out. Exit codes: 0 on
success, 1 on bad input, an output that cannot be written or a failed run (with a one-line
message on standard error, never a traceback), 2 on a usage error (also an unknown step, a
negative ``--seed``, an ``--n-boot`` below 1), 130 when interrupted (Ctrl-C).

The program is a thin face over public functions: :func:`framing.io.read_path`,
:class:`framing.Pipeline`, :meth:`framing.Corpus.analyze` and :func:`framing.report`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

NO_INPUT = "give an INPUT file or folder, or --demo for the bundled sample"
BOTH_INPUTS = "give either an INPUT or --demo, not both"
BAD_ACTORS_FILE = "cannot read the actor table {path}: {reason}"
NOTHING_READ = "no article could be read from {path}"
SOME_FAILED = "framing: {n} of {total} articles could not be analysed; they are listed in the report"

UNKNOWN_STEP = "unknown pipeline step {step!r}; steps: {names}"
BAD_MODEL_SPEC = "--model takes STEP=PATH, got {spec!r}"
BAD_MODEL_FILE = "cannot read the model file {path}: {reason}"


class InputError(Exception):
    """Bad input: reported on standard error with exit code 1."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="framing",
                                description="Media bias and framing analysis with traceable evidence.")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", metavar="{report,analyze}")
    sub.required = True

    r = sub.add_parser("report", help="compare outlets over a corpus and write a report",
                       description="Analyse a corpus, compare groups (outlets) within stories "
                                   "and write an HTML, Markdown or JSON report.")
    r.add_argument("input", nargs="?", help="JSONL or CSV file, or a folder of .html/.txt files")
    r.add_argument("--demo", action="store_true", help="use the bundled sample corpus")
    r.add_argument("-o", "--output", default="report.html",
                   help="output file; .html, .md or .json (default: report.html)")
    r.add_argument("--by", default="outlet", help="column naming the groups (default: outlet)")
    r.add_argument("--story", default="story",
                   help="column naming the story (same event) of each article (default: story)")
    r.add_argument("--text", default="text", help="column holding the article text (default: text)")
    r.add_argument("--actors", help="actor table: JSON {canonical name: [aliases]} or "
                                    "{story: {canonical name: [aliases]}}")
    r.add_argument("--title", default=None, help="report title")
    r.add_argument("--n-boot", type=_count(1), default=1000,
                   help="bootstrap resamples, at least 1 (default: 1000)")
    r.add_argument("--seed", type=_count(0), default=0,
                   help="random seed, 0 or more (default: 0)")
    r.add_argument("-j", "--jobs", type=_jobs, default=1,
                   help="worker processes; -1 uses every core (default: 1)")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _pipeline_options(r)

    a = sub.add_parser("analyze", help="analyse articles and print their evidence",
                       description="Analyse one text or HTML file (or every article of a "
                                   "JSONL/CSV file) and print the evidence found.")
    a.add_argument("file", help="a .txt or .html file, or a JSONL/CSV file of articles")
    a.add_argument("--json", action="store_true",
                   help="print the record format as JSON (JSON Lines for several articles)")
    a.add_argument("--text", default="text", help="column holding the article text (default: text)")
    a.add_argument("--actors", help="actor table (JSON), as for report")
    _pipeline_options(a)
    return p


def _count(least: int):
    """An argparse type: an integer of at least ``least`` (else a usage error, exit 2)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
        if n < least:
            raise argparse.ArgumentTypeError(f"must be at least {least}, got {n}")
        if n > 2**32 - 1:
            raise argparse.ArgumentTypeError(f"must be below 2**32, got {n}")
        return n

    parse.__name__ = "count"
    return parse


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if n == 0 or n < -1:
        raise argparse.ArgumentTypeError(f"must be a positive number of workers or -1, got {n}")
    return n


def _pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", action="append", metavar="STEP=PATH",
                   help="use the JSON model file PATH for pipeline step STEP (repeatable); "
                        "PATH 'default' is the step's no-training default")
    p.add_argument("--without", action="append", metavar="STEP",
                   help="leave pipeline step STEP out (repeatable)")


def _version() -> str:
    from framing import __version__

    return __version__


# -- input ----------------------------------------------------------------------------------

def _read_input(path_str: str, *, text: str, story: str = "story"):
    from framing.io import read_path
    from framing.io.folder import HTML_SUFFIXES, TEXT_SUFFIXES, UNSUPPORTED

    path = Path(path_str)
    if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise InputError(UNSUPPORTED.format(path=path))  # report takes a corpus, not one article
    return read_path(path, text=text, story=story)


def _pipeline(args: argparse.Namespace, parser: argparse.ArgumentParser):
    """The pipeline of --model STEP=PATH and --without STEP (usage errors exit with 2)."""
    from framing.pipeline import Pipeline

    pipeline = Pipeline.default()
    for spec in args.model or ():
        step, sep, path = spec.partition("=")
        if not sep or not step or not path:
            parser.error(BAD_MODEL_SPEC.format(spec=spec))
        if step not in pipeline.names:
            parser.error(UNKNOWN_STEP.format(step=step, names=", ".join(pipeline.names)))
        if not pipeline[step].takes_model:
            parser.error(f"--model: step {step!r} takes no model")
        if path == "default":
            pipeline = pipeline.replace(step, None)
            continue
        try:
            pipeline = pipeline.replace(step, path)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise InputError(BAD_MODEL_FILE.format(path=path, reason=exc)) from None
    for step in args.without or ():
        if step not in pipeline.names:
            parser.error(UNKNOWN_STEP.format(step=step, names=", ".join(pipeline.names)))
    if args.without:
        try:
            pipeline = pipeline.without(*args.without)
        except ValueError as exc:
            parser.error(f"--without: {exc}")
    return pipeline


def _read_actors(path_str: str | None):
    if path_str is None:
        return None
    path = Path(path_str)
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(BAD_ACTORS_FILE.format(path=path, reason=exc)) from None
    if not isinstance(table, dict):
        raise InputError(BAD_ACTORS_FILE.format(path=path, reason="expected a JSON object"))
    return table


# -- commands -------------------------------------------------------------------------------

def _report(args: argparse.Namespace, pipeline) -> int:
    import framing
    from framing.datasets import load_sample, load_sample_actors
    from framing.reporting import UNKNOWN_FORMAT, check_output

    check_output(args.output)  # before any work: a bad output path fails at once
    if Path(args.output).suffix.lower() not in (".html", ".htm", ".md", ".markdown", ".json"):
        raise InputError(UNKNOWN_FORMAT.format(path=args.output))

    if args.demo and args.input:
        raise InputError(BOTH_INPUTS)
    if args.demo:
        corpus, actors = load_sample(), load_sample_actors()
        title = args.title or "framing demo: four outlets, four stories (bundled sample)"
    elif args.input:
        corpus = _read_input(args.input, text=args.text, story=args.story)
        actors = _read_actors(args.actors)
        title = args.title or f"How outlets frame the same stories: {Path(args.input).name}"
    else:
        raise InputError(NO_INPUT)
    if args.demo and args.actors:
        actors = _read_actors(args.actors)
    if len(corpus) == 0:
        reasons = "; ".join(str(p) for p in corpus.problems[:3])
        raise InputError(NOTHING_READ.format(path=args.input) + (f" ({reasons})" if reasons else ""))
    _tell_warnings(corpus)
    analysis = corpus.analyze(actors=actors, n_jobs=args.jobs, progress=not args.quiet,
                              pipeline=pipeline)
    rep = framing.report(analysis, by=args.by, within="story", title=title,
                         n_boot=args.n_boot, random_state=args.seed, progress=not args.quiet)
    out = rep.write(args.output)
    n_bad = len(analysis.errors)
    if n_bad:
        print(SOME_FAILED.format(n=n_bad, total=len(analysis.articles)), file=sys.stderr)
    print(f"framing: wrote {out} ({len(analysis.ok)} articles, "
          f"{len(rep.summary['corpus']['groups'])} {args.by} groups)", file=sys.stderr)
    return 0


def _analyze(args: argparse.Namespace, pipeline) -> int:
    from framing.io import read_path

    path = Path(args.file)
    actors = _read_actors(args.actors)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; analyze takes one file (use report for folders)")
    corpus = read_path(path, text=args.text)
    for p in corpus.problems:
        print(f"framing: skipped {p}", file=sys.stderr)
    _tell_warnings(corpus)
    if len(corpus) == 0:
        raise InputError(NOTHING_READ.format(path=path))
    analysis = corpus.analyze(actors=actors, pipeline=pipeline, progress=False)
    status = 0
    many = len(analysis.documents) > 1
    for n, (doc, err) in enumerate(zip(analysis.documents, analysis.articles["error"]), 1):
        if isinstance(err, str):
            print(f"framing: error: {doc.id or (f'row {n}' if many else 'article')}: {err}",
                  file=sys.stderr)
            status = 1
        elif args.json:
            print(json.dumps(doc.to_dict(), ensure_ascii=False, allow_nan=False))
        else:
            print(_summary_text(doc, n if many else None))
    return status


def _tell_warnings(corpus, limit: int = 20) -> None:
    """Rows that were read but need a look (a line that was not UTF-8, an id used twice)."""
    warnings = getattr(corpus, "warnings", [])
    for w in warnings[:limit]:
        print(f"framing: warning: {w}", file=sys.stderr)
    if len(warnings) > limit:
        print(f"framing: warning: {len(warnings) - limit} more like these", file=sys.stderr)


def _summary_text(doc, row: int | None = None) -> str:
    """Plain-text evidence of one document: a header naming it (id, else its row; outlet and
    story when known) with the counts, then every attribution, hedge, booster, vague
    attribution and evaluative span with its characters."""
    name = doc.id or (f"row {row}" if row is not None else "article")
    where = ", ".join(f"{k}: {v}" for k, v in (("outlet", doc.outlet), ("story", doc.story)) if v)
    lines = [f"{name}{f' ({where})' if where else ''}: {doc.word_count} words, "
             f"{len(doc.attributions)} attributions, {len(doc.hedges)} hedges, "
             f"{len(doc.boosters)} boosters, {len(doc.vague)} vague, "
             f"{len(doc.evaluative)} evaluative, {len(doc.mentions)} mentions"]
    t = doc.text

    def clip(s: str, n: int = 70) -> str:
        s = " ".join(s.split())
        return s if len(s) <= n else s[:n - 3] + "..."

    for a in doc.attributions:
        src = t[a.source.start:a.source.end] if a.source else "(no source)"
        content = clip(t[a.content.start:a.content.end])
        lines.append(f"  attribution [{a.kind}, {a.cue_stance}] {clip(src, 40)} | "
                     f"{t[a.cue.start:a.cue.end]} | {content}")
    for kind, cues in (("hedge", doc.hedges), ("booster", doc.boosters), ("vague", doc.vague)):
        for c in cues:
            lines.append(f"  {kind} [{c.subtype or c.category}, {c.voice}] "
                         f"\"{clip(t[c.span.start:c.span.end], 50)}\" "
                         f"{c.span.start}-{c.span.end}")
    for e in doc.evaluative:
        pol = "positive" if e.polarity > 0 else "negative"
        lines.append(f"  evaluative [{pol} {e.intensity:.2f}, {e.voice}] "
                     f"\"{clip(t[e.span.start:e.span.end], 50)}\" {e.span.start}-{e.span.end}")
    return "\n".join(lines)


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
INTERRUPTED = "framing: interrupted"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit code: 0 ok, 1 bad input or a failed run (a message
    on standard error, never a traceback), 2 a usage error, 130 interrupted (Ctrl-C)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(f"\n{INTERRUPTED}", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors and --help/--version
        return int(exc.code or 0)
    from framing.corpus import ReadError

    try:
        try:
            pipeline = _pipeline(args, parser)
        except SystemExit as exc:  # a usage error in --model / --without
            return int(exc.code or 0)
        return (_report if args.command == "report" else _analyze)(args, pipeline)
    except (InputError, ReadError, ValueError, TypeError, KeyError, RecursionError) as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:  # unreadable input, unwritable output, a full disk
        print(f"framing: error: {_os_message(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except MemoryError:
        print("framing: error: out of memory (try fewer articles at a time, or -j 1)",
              file=sys.stderr)
        return EXIT_FAILED


def _os_message(exc: OSError) -> str:
    """``OSError`` as one line: our own message, else the system's reason and the file."""
    if exc.strerror and exc.filename:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc) or type(exc).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
