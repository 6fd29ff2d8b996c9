"""Read a JSON Lines file of articles."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import FALLBACK, _check_chunk_size, _iter_lines, _Rows

__all__ = ["read_jsonl", "iter_jsonl"]


def read_jsonl(
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
) -> Corpus:
    """Read a JSON Lines file, one article object per line.

    Line numbers in errors count from 1, as editors show them. Blank lines are skipped. Each
    line is decoded on its own (UTF-8, else cp1252: listed in ``Corpus.warnings``); a line
    that is not a JSON object (malformed, nested too deeply) is a problem of that line;
    ``NaN``, ``Infinity`` and numbers beyond a float are read as ``None`` (listed in
    ``Corpus.warnings``) so that the output stays strict JSON.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text('{"text": "One.", "outlet": "X"}\\n{"text": 3}\\n')
    >>> read_jsonl(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.problems.ReadError: ...a.jsonl, line 2, column 'text': text is not a string (got int)
    """
    corpus = next(_jsonl_chunks(Path(path), None, errors, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url)), None)
    return corpus if corpus is not None else Corpus()


def iter_jsonl(
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
) -> Iterator[Corpus]:
    """Read a JSON Lines file lazily: one :class:`Corpus` per ``chunk_size`` rows.

    What :func:`read_jsonl` reads, in pieces that each hold at most ``chunk_size`` input rows
    (documents + problems), so that a file of any size is read in constant memory. Each
    chunk carries its own ``problems`` and ``warnings`` (an id used twice is found across
    chunks); over all chunks, rows in = documents + problems, exactly as :func:`read_jsonl`
    gives them. The columns are checked on the first chunk that has rows, so a text column
    missing from every row of the first chunk is an error even if later rows have it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text('{"text": "One."}\\n{"text": ""}\\n{"text": "Three."}\\n')
    >>> [(len(c), len(c.problems)) for c in iter_jsonl(p, chunk_size=2, errors="report")]
    [(1, 1), (1, 0)]
    """
    _check_chunk_size(chunk_size)
    return _jsonl_chunks(Path(path), chunk_size, errors, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url))


def _jsonl_chunks(path: Path, chunk_size: int | None, errors: Errors,
                  names: dict[str, Any]) -> Iterator[Corpus]:
    _check_errors(errors)
    lines = _iter_lines(path, "JSON Lines")  # a missing file is an error here, not at next()
    return _jsonl_chunks_of(lines, path, chunk_size, errors, names)


def _jsonl_chunks_of(lines: Generator[tuple[str, bool], None, None], path: Path, chunk_size: int | None,
                     errors: Errors, names: dict[str, Any]) -> Iterator[Corpus]:
    try:
        yield from _jsonl_rows(lines, path, chunk_size, errors, _Rows(path, errors, **names))
    finally:
        lines.close()  # a run that stops early (an error, a break) closes the file now


def _jsonl_rows(lines: Iterator[tuple[str, bool]], path: Path, chunk_size: int | None,
                errors: Errors, reader: _Rows) -> Iterator[Corpus]:
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    for lineno, (raw, fell_back) in enumerate(lines, start=1):
        if fell_back:
            notes.append(Problem(str(path), lineno, None, FALLBACK))
        if not raw.strip():
            continue
        bad_numbers: list[str] = []
        p: Problem | None
        try:
            obj = _loads(raw, bad_numbers)
        except json.JSONDecodeError as exc:
            p = Problem(str(path), lineno, None, f"malformed JSON: {exc.msg} (column {exc.colno})")
        except RecursionError:
            p = Problem(str(path), lineno, None, TOO_DEEP)
        else:
            if isinstance(obj, dict):
                obj["__line__"] = lineno
                rows.append(obj)
                if bad_numbers:
                    notes.append(Problem(str(path), lineno, None, NOT_FINITE.format(
                        values=", ".join(sorted(set(bad_numbers))))))
                p = None
            else:
                p = Problem(str(path), lineno, None, f"expected a JSON object, got {type(obj).__name__}")
        if p is not None:
            if errors == "raise":
                raise ReadError(str(p))
            problems.append(p)
        if chunk_size is not None and len(rows) + len(problems) >= chunk_size:
            yield reader.corpus(rows, problems, notes)
            rows, problems, notes = [], [], []
    if chunk_size is None or rows or problems or notes or not reader.checked:
        chunk = reader.corpus(rows, problems, notes, last=True)
        if chunk_size is None or len(chunk) or chunk.problems or chunk.warnings:
            yield chunk


TOO_DEEP = "malformed JSON: nested too deeply to read"
NOT_FINITE = ("{values} is not a number strict JSON allows; read as a missing value (null) so "
              "that the output stays valid JSON")


def _loads(raw: str, bad: list[str]) -> Any:
    """``json.loads`` with NaN, Infinity and numbers too large for a float (``1e999``) read
    as ``None`` (each noted in ``bad``)."""

    def constant(name: str) -> None:
        bad.append(name)
        return None

    def number(text: str) -> float | None:
        value = float(text)
        if math.isinf(value):
            bad.append(text)
            return None
        return value

    return json.loads(raw, parse_constant=constant, parse_float=number)
