"""Read a Parquet file of articles (needs pyarrow: ``pip install framing-analysis[parquet]``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Errors, Problem, ReadError, _check_errors, _clean_value
from framing.io._common import NOT_A_FILE, _check_chunk_size, _Rows

__all__ = ["read_parquet", "iter_parquet", "NO_PYARROW"]

NO_PYARROW = ("reading or writing Parquet needs pyarrow: pip install 'framing-analysis[parquet]' "
              "(or pip install pyarrow)")


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError(NO_PYARROW) from None
    return pq


def read_parquet(
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
    """Read a Parquet file, one article per row.

    Problems name the row by its number from 1 (as ``line``). Dates and times become ISO
    strings, NaN a missing value; other columns go to ``Document.meta``. With
    ``errors="report"``, a row whose text is empty or not a string is listed in
    ``Corpus.problems``: rows in = documents + problems.
    """
    return next(_parquet_chunks(Path(path), None, errors, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url)))


def iter_parquet(
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
    """Read a Parquet file lazily: one :class:`Corpus` per ``chunk_size`` rows (record
    batches of pyarrow), with the problems and warnings :func:`read_parquet` gives."""
    _check_chunk_size(chunk_size)
    return _parquet_chunks(Path(path), chunk_size, errors, dict(
        text=text, outlet=outlet, story=story, id=id, title=title, date=date, url=url))


def _parquet_chunks(path: Path, chunk_size: int | None, errors: Errors,
                    names: dict[str, Any]) -> Iterator[Corpus]:
    _check_errors(errors)
    pq = _pyarrow_parquet()
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ReadError(NOT_A_FILE.format(path=path, kind="Parquet"))
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow's error types vary by version
        raise ReadError(f"{path}: not a Parquet file ({exc})") from None
    columns = list(pf.schema_arrow.names)
    reader = _Rows(path, errors, columns=columns, empty_is_missing=False, **names)
    return _parquet_rows(pf, path, chunk_size, reader)


def _parquet_rows(pf: Any, path: Path, chunk_size: int | None, reader: _Rows) -> Iterator[Corpus]:
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    number = 0
    with pf:
        batch_size = chunk_size or 65536
        for batch in pf.iter_batches(batch_size=batch_size):
            for r in batch.to_pylist():
                number += 1
                row = {k: _plain(v) for k, v in r.items()}
                row["__line__"] = number
                rows.append(row)
            if chunk_size is not None:
                yield reader.corpus(rows, problems)
                rows, problems = [], []
    if chunk_size is None or not reader.checked:
        yield reader.corpus(rows, problems, last=True)


def _plain(v: Any) -> Any:
    """A Parquet cell as the JSON-like value the other readers give (dates as ISO strings,
    NaN as None); strings and lists as they are."""
    if isinstance(v, (str, list, dict)) or v is None:
        return v
    return _clean_value(v)
