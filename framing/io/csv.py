"""Read a CSV or TSV file of articles."""

from __future__ import annotations

import csv
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import FALLBACK, _check_chunk_size, _iter_lines, _Rows

__all__ = ["read_csv", "iter_csv"]


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
    corpus = next(_csv_chunks(Path(path), None, errors, delimiter, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url)))
    return corpus


def iter_csv(
    path: str | os.PathLike[str],
    *,
    chunk_size: int = 1000,
    text: str = "text",
    outlet: str | None = "outlet",
    story: str | None = "story",
    id: str | None = "id",
    title: str | None = "title",
    date: str | None = "date",
    url: str | None = "url",
    errors: Errors = "raise",
    delimiter: str | None = None,
) -> Iterator[Corpus]:
    """Read a CSV (or TSV) file lazily: one :class:`Corpus` per ``chunk_size`` rows.

    What :func:`read_csv` reads, in pieces that each hold at most ``chunk_size`` input rows
    (documents + problems), so that a file of any size is read in constant memory (plus the
    lines of the row being read: a quotation mark that is never closed holds the rest of the
    file until the error is found, as in :func:`read_csv`). Each chunk carries its own
    ``problems`` and ``warnings``; over all chunks they are the ones :func:`read_csv` gives.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text('id,text\\n1,One.\\n2,"never closed\\n3,Three.\\n')
    >>> [(len(c), [x.line for x in c.problems]) for c in iter_csv(p, chunk_size=2, errors="report")]
    [(1, [3]), (1, [])]
    """
    _check_chunk_size(chunk_size)
    return _csv_chunks(Path(path), chunk_size, errors, delimiter, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url))


def _csv_chunks(path: Path, chunk_size: int | None, errors: Errors, delimiter: str | None,
                names: dict[str, Any]) -> Iterator[Corpus]:
    _check_errors(errors)
    lines = _Lines(_iter_lines(path, "CSV"), path)
    head = lines.get(0)
    if head is None or not head.strip():
        raise ReadError(f"{path}, line 1: no header row")
    if delimiter is None:
        counts = {d: head.count(d) for d in (",", "\t", ";", "|")}
        delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","
    header = next(csv.reader([head], delimiter=delimiter))
    reader = _Rows(path, errors, columns=header, **names)
    return _closing(_csv_chunks_of(lines, path, chunk_size, errors, delimiter, header, reader), lines)


def _closing(chunks: Iterator[Corpus], lines: _Lines) -> Iterator[Corpus]:
    try:
        yield from chunks
    finally:
        lines.close()  # a run that stops early (an error, a break) closes the file now


def _csv_chunks_of(lines: _Lines, path: Path, chunk_size: int | None, errors: Errors,
                   delimiter: str, header: list[str], reader: _Rows) -> Iterator[Corpus]:
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []

    def report(p: Problem) -> None:
        if errors == "raise":
            raise ReadError(str(p))
        problems.append(p)

    limit = csv.field_size_limit()
    csv.field_size_limit(_FIELD_LIMIT)  # an article may be longer than csv's 131,072 characters
    try:
        pos = 1  # index of the next line to read (line number pos + 1)
        while lines.get(pos) is not None:
            feed = _Feed(lines, pos)
            parser = csv.reader(feed, delimiter=delimiter, strict=True)
            while True:
                start = feed.pos
                if chunk_size is not None and len(rows) + len(problems) >= chunk_size:
                    lines.release(start)
                    yield reader.corpus(rows, problems, lines.notes_before(start))
                    rows, problems = [], []
                try:
                    values = next(parser)
                except StopIteration:
                    pos = lines.end()
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
    chunk = reader.corpus(rows, problems, lines.notes_before(None), last=True)
    if chunk_size is None or len(chunk) or chunk.problems or chunk.warnings:
        yield chunk


class _Lines:
    """The lines of a file, pulled lazily from :func:`_iter_lines` and kept from the first
    line not yet released on (a CSV row that fails is read again from its second line).
    Notes of the lines that were not valid UTF-8 wait in ``notes`` until their chunk."""

    def __init__(self, source: Generator[tuple[str, bool], None, None], path: Path):
        self.source, self.path = source, path
        self.kept: list[str] = []
        self.base = 0  # index of kept[0]
        self.done = False
        self.notes: list[Problem] = []

    def get(self, i: int) -> str | None:
        while not self.done and i >= self.base + len(self.kept):
            try:
                line, fell_back = next(self.source)
            except StopIteration:
                self.done = True
                break
            self.kept.append(line)
            if fell_back:
                self.notes.append(Problem(str(self.path), self.base + len(self.kept), None, FALLBACK))
        k = i - self.base
        return self.kept[k] if 0 <= k < len(self.kept) else None

    def close(self) -> None:
        close = getattr(self.source, "close", None)
        if close is not None:
            close()

    def end(self) -> int:
        return self.base + len(self.kept)

    def release(self, i: int) -> None:
        """Forget the lines before index ``i``."""
        drop = i - self.base
        if drop > 0:
            del self.kept[:drop]
            self.base = i

    def notes_before(self, i: int | None) -> list[Problem]:
        """Take the notes of the lines before index ``i`` (all when ``None``)."""
        if i is None:
            out, self.notes = self.notes, []
            return out
        out = [p for p in self.notes if (p.line or 0) <= i]
        self.notes = [p for p in self.notes if (p.line or 0) > i]
        return out


_FIELD_LIMIT = 2**31 - 1


class _Feed:
    """The lines of a file from ``pos`` on, for :func:`csv.reader`; ``pos`` is the index of
    the next line it will hand out (so a row's first line is known when a row fails)."""

    def __init__(self, lines: _Lines, pos: int):
        self.lines, self.pos = lines, pos

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.lines.get(self.pos)
        if line is None:
            raise StopIteration
        self.pos += 1
        return line
