"""Read a CSV or TSV file of articles."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import _corpus_from_rows, _fallback_notes, _read_lines

__all__ = ["read_csv"]


def read_csv(
    path: str | os.PathLike[str],
    *,
    text: str = "text",
    outlet: str | None = "outlet",
    story: str | None = "story",
    id: str | None = "id",
    title: str | None = "title",
    date: str | None = "date",
    url: str | None = "url",
    errors: Errors = "raise",
    delimiter: str | None = None,
) -> Corpus:
    """Read a CSV (or TSV) file with a header row, one article per row.

    The delimiter is sniffed from the header unless given. Line numbers in errors are the
    physical line where the row starts (the header is line 1).

    Nothing is lost behind a bad row: with ``errors="report"`` a row that cannot be read (a
    wrong number of fields, a quotation mark that is never closed) is listed in
    ``Corpus.problems`` and every later row is still read, so rows in = documents +
    problems. Fields may be of any length. Each line is decoded on its own (UTF-8, else
    cp1252: listed in ``Corpus.warnings`` with its line number); an id used twice is listed
    there too.
    """
    _check_errors(errors)
    path = Path(path)
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    lines, fallback = _read_lines(path, "CSV")
    if not lines or not lines[0].strip():
        raise ReadError(f"{path}, line 1: no header row")
    head = lines[0]
    if delimiter is None:
        counts = {d: head.count(d) for d in (",", "\t", ";", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","
    header = next(csv.reader([head], delimiter=delimiter))

    def report(p: Problem) -> None:
        if errors == "raise":
            raise ReadError(str(p))
        problems.append(p)

    limit = csv.field_size_limit()
    csv.field_size_limit(_FIELD_LIMIT)  # an article may be longer than csv's 131,072 characters
    try:
        pos = 1  # index into lines of the next line to read (line number pos + 1)
        while pos < len(lines):
            feed = _Feed(lines, pos)
            reader = csv.reader(feed, delimiter=delimiter, strict=True)
            while True:
                start = feed.pos
                try:
                    values = next(reader)
                except StopIteration:
                    pos = len(lines)
                    break
                except csv.Error as exc:
                    # the row is reported and reading goes on from the line after its first
                    # line: a quotation mark that is never closed (or closed lines later, in
                    # another row) swallows no row but its own
                    hint = ""
                    if feed.pos - start > 1:
                        hint = " (a quotation mark that is not closed on its line?)"
                    report(Problem(str(path), start + 1, None, f"malformed CSV: {exc}{hint}"))
                    pos = start + 1
                    break
                if not values:
                    continue
                if len(values) != len(header):
                    report(Problem(str(path), start + 1, None,
                                   f"expected {len(header)} fields, found {len(values)}"))
                    continue
                row: dict[str, Any] = dict(zip(header, values))
                row["__line__"] = start + 1
                rows.append(row)
    finally:
        csv.field_size_limit(limit)
    return _corpus_from_rows(rows, path, problems, errors, text=text, outlet=outlet, story=story,
                             id=id, title=title, date=date, url=url, columns=header,
                             notes=_fallback_notes(path, fallback))


_FIELD_LIMIT = 2**31 - 1


class _Feed:
    """The lines of a file from ``pos`` on, for :func:`csv.reader`; ``pos`` is the index of
    the next line it will hand out (so a row's first line is known when a row fails)."""

    def __init__(self, lines: list[str], pos: int):
        self.lines, self.pos = lines, pos

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]
