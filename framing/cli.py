"""The ``framing`` command line program.

::

    framing report INPUT [--by outlet] [--story story] [--actors actors.json] -o report.html
    framing report --demo -o report.html
    framing analyze FILE [--json]

INPUT is a JSON Lines file, a CSV/TSV file, or a folder of ``.html``/``.txt`` files (one
article each, HTML read with :func:`framing.read_html`; a file's first sub-folder under INPUT
names its outlet, else the outlet a page states). Exit codes: 0 on
success, 1 on bad input or a failed run (with a message on standard error), 2 on a usage
error.
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
UNSUPPORTED = ("cannot read {path}: expected a .jsonl, .csv or .tsv file, or a folder of "
               ".html/.txt files")
EMPTY_FOLDER = "no .html, .htm or .txt files in {path}"
BAD_ACTORS_FILE = "cannot read the actor table {path}: {reason}"
NOTHING_READ = "no article could be read from {path}"
SOME_FAILED = "framing: {n} of {total} articles could not be analysed; they are listed in the report"

_TEXT_SUFFIXES = {".txt"}
_HTML_SUFFIXES = {".html", ".htm"}


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
    r.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    r.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    r.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: 1)")
    r.add_argument("-q", "--quiet", action="store_true", help="no progress bar")

    a = sub.add_parser("analyze", help="analyse articles and print their evidence",
                       description="Analyse one text or HTML file (or every article of a "
                                   "JSONL/CSV file) and print the evidence found.")
    a.add_argument("file", help="a .txt or .html file, or a JSONL/CSV file of articles")
    a.add_argument("--json", action="store_true",
                   help="print the record format as JSON (JSON Lines for several articles)")
    a.add_argument("--text", default="text", help="column holding the article text (default: text)")
    a.add_argument("--actors", help="actor table (JSON), as for report")
    return p


def _version() -> str:
    from framing import __version__

    return __version__


# -- input ----------------------------------------------------------------------------------

def _html_to_document(path: Path, **meta: Any):
    """A Document from an HTML file, with framing.read_html when the package has it.

    ``meta`` (id, outlet) wins over what the page states, except an outlet of ``None``.
    """
    import framing
    from framing.document import Document

    reader = getattr(framing, "read_html", None)
    if reader is None:
        raw = path.read_text(encoding="utf-8-sig", errors="replace")
        return Document(_html_text(raw), **meta)
    got = reader(path, errors="report")
    if len(got) == 0:
        reason = got.problems[0].reason if got.problems else "no article text"
        raise ValueError(reason)
    doc = got[0]
    doc.id = meta.get("id", doc.id)
    if meta.get("outlet") is not None:
        doc.outlet = meta["outlet"]
    return doc


def _html_text(raw: str) -> str:
    """Fallback text of an HTML page: its paragraphs, headings and list items."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        blocks = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
        skip = {"script", "style", "noscript", "nav", "footer", "header"}

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.current: list[str] | None = None
            self.skipping = 0

        def handle_starttag(self, tag, attrs):
            if tag in self.skip:
                self.skipping += 1
            elif tag in self.blocks and self.current is None:
                self.current = []

        def handle_endtag(self, tag):
            if tag in self.skip and self.skipping:
                self.skipping -= 1
            elif tag in self.blocks and self.current is not None:
                block = " ".join("".join(self.current).split())
                if block:
                    self.parts.append(block)
                self.current = None

        def handle_data(self, data):
            if self.current is not None and not self.skipping:
                self.current.append(data)

    parser = _Text()
    parser.feed(raw)
    parser.close()
    return "\n\n".join(parser.parts)


def _read_folder(path: Path):
    from framing.corpus import Corpus, Problem

    files = sorted(f for f in path.rglob("*")
                   if f.is_file() and f.suffix.lower() in _TEXT_SUFFIXES | _HTML_SUFFIXES)
    if not files:
        raise InputError(EMPTY_FOLDER.format(path=path))
    docs, problems = [], []
    for f in files:
        rel = f.relative_to(path)
        meta = {"id": str(rel), "outlet": rel.parts[0] if len(rel.parts) > 1 else None}
        try:
            doc = (_html_to_document(f, **meta) if f.suffix.lower() in _HTML_SUFFIXES
                   else _text_document(f.read_text(encoding="utf-8-sig", errors="replace"),
                                       **meta))
        except Exception as exc:  # noqa: BLE001 - recorded, not dropped
            problems.append(Problem(str(f), None, None, f"{type(exc).__name__}: {exc}", meta["id"]))
            continue
        if not doc.text.strip():
            problems.append(Problem(str(f), None, None, "empty text", meta["id"]))
            continue
        docs.append(doc)
    return Corpus(docs, problems=problems)


def _text_document(raw: str, **meta: Any):
    from framing.document import Document

    return Document(raw, **meta)


def _read_input(path_str: str, *, text: str, story: str = "story"):
    from framing.corpus import read_csv, read_jsonl

    path = Path(path_str)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    if path.is_dir():
        return _read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path, text=text, story=story, errors="report")
    if suffix in (".csv", ".tsv"):
        return read_csv(path, text=text, story=story, errors="report")
    raise InputError(UNSUPPORTED.format(path=path))


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

def _report(args: argparse.Namespace) -> int:
    import framing
    from framing.datasets import load_sample, load_sample_actors

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
    analysis = corpus.analyze(actors=actors, n_jobs=args.jobs, progress=not args.quiet)
    rep = framing.report(analysis, by=args.by, within="story", title=title,
                         n_boot=args.n_boot, random_state=args.seed)
    out = rep.write(args.output)
    n_bad = len(analysis.errors)
    if n_bad:
        print(SOME_FAILED.format(n=n_bad, total=len(analysis.articles)), file=sys.stderr)
    print(f"framing: wrote {out} ({len(analysis.ok)} articles, "
          f"{len(rep.summary['corpus']['groups'])} {args.by} groups)", file=sys.stderr)
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from framing.corpus import Corpus
    from framing.pipeline import annotate

    path = Path(args.file)
    actors = _read_actors(args.actors)
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.is_dir():
        raise InputError(f"{path} is a folder; analyze takes one file (use report for folders)")
    suffix = path.suffix.lower()
    if suffix in _TEXT_SUFFIXES | _HTML_SUFFIXES:
        doc = (_html_to_document(path, id=path.name) if suffix in _HTML_SUFFIXES
               else _text_document(path.read_text(encoding="utf-8-sig", errors="replace"),
                                   id=path.name))
        corpus = Corpus([doc])
    else:
        corpus = _read_input(str(path), text=args.text)
    for p in corpus.problems:
        print(f"framing: skipped {p}", file=sys.stderr)
    if len(corpus) == 0:
        raise InputError(NOTHING_READ.format(path=path))
    status = 0
    for doc in corpus:
        from framing.analysis import _actors_for

        try:
            annotate(doc, actors=_actors_for(actors, doc.story))
        except Exception as exc:  # noqa: BLE001 - reported per article
            print(f"framing: error: {doc.id or 'article'}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            status = 1
            continue
        if args.json:
            print(json.dumps(doc.to_dict(), ensure_ascii=False))
        else:
            print(_summary_text(doc))
    return status


def _summary_text(doc) -> str:
    lines = [f"{doc.id or 'article'}: {doc.word_count} words, {len(doc.attributions)} "
             f"attributions, {len(doc.hedges)} hedges, {len(doc.boosters)} boosters, "
             f"{len(doc.vague)} vague, {len(doc.evaluations)} evaluative, "
             f"{len(doc.mentions)} mentions"]
    t = doc.text
    for a in doc.attributions:
        src = t[a.source.start:a.source.end] if a.source else "(no source)"
        content = t[a.content.start:a.content.end]
        content = content if len(content) <= 70 else content[:67] + "..."
        lines.append(f"  [{a.kind}, {a.cue_stance}] {src} | {t[a.cue.start:a.cue.end]} | {content}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the program; returns the exit code (0 ok, 1 bad input or failed run, 2 usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors and --help/--version
        return int(exc.code or 0)
    from framing.corpus import ReadError

    try:
        return _report(args) if args.command == "report" else _analyze(args)
    except (InputError, ReadError, FileNotFoundError, ValueError) as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
