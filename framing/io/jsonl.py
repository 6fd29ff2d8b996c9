"""Read a JSON Lines file of articles."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import _corpus_from_rows, _fallback_notes, _read_lines

__all__ = ["read_jsonl"]


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
    _check_errors(errors)
    path = Path(path)
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    lines, fallback = _read_lines(path, "JSON Lines")
    notes = _fallback_notes(path, fallback)
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        bad_numbers: list[str] = []
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
                continue
            p = Problem(str(path), lineno, None, f"expected a JSON object, got {type(obj).__name__}")
        if errors == "raise":
            raise ReadError(str(p))
        problems.append(p)
    return _corpus_from_rows(rows, path, problems, errors, text=text, outlet=outlet, story=story,
                             id=id, title=title, date=date, url=url, notes=notes)


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
