"""Read a JSON Lines file of articles."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import _corpus_from_rows, _open_text

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

    Line numbers in errors count from 1, as editors show them. Blank lines are skipped.

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
    with _open_text(path) as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                p = Problem(str(path), lineno, None, f"malformed JSON: {exc.msg} (column {exc.colno})")
            else:
                if isinstance(obj, dict):
                    obj["__line__"] = lineno
                    rows.append(obj)
                    continue
                p = Problem(str(path), lineno, None, f"expected a JSON object, got {type(obj).__name__}")
            if errors == "raise":
                raise ReadError(str(p))
            problems.append(p)
    return _corpus_from_rows(rows, path, problems, errors, text=text, outlet=outlet, story=story,
                             id=id, title=title, date=date, url=url)
