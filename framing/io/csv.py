"""Read a CSV or TSV file of articles."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors
from framing.io._common import _corpus_from_rows, _open_text

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
    """
    _check_errors(errors)
    path = Path(path)
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    with _open_text(path) as fh:
        head = fh.readline()
        if not head.strip():
            raise ReadError(f"{path}, line 1: no header row")
        if delimiter is None:
            counts = {d: head.count(d) for d in (",", "\t", ";", "|")}
            delimiter = max(counts, key=lambda d: counts[d]) if max(counts.values()) else ","
        header = next(csv.reader([head], delimiter=delimiter))
        reader = csv.reader(fh, delimiter=delimiter, strict=True)
        line = 2
        while True:
            start = line
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                p = Problem(str(path), start, None, f"malformed CSV: {exc}")
                if errors == "raise":
                    raise ReadError(str(p)) from None
                problems.append(p)
                break
            line = reader.line_num + 2
            if not values:
                continue
            if len(values) != len(header):
                p = Problem(str(path), start, None,
                            f"expected {len(header)} fields, found {len(values)}")
                if errors == "raise":
                    raise ReadError(str(p))
                problems.append(p)
                continue
            row: dict[str, Any] = dict(zip(header, values))
            row["__line__"] = start
            rows.append(row)
    return _corpus_from_rows(rows, path, problems, errors, text=text, outlet=outlet, story=story,
                             id=id, title=title, date=date, url=url, columns=header)
