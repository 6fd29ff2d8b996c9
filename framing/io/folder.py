"""Read a folder of articles (``.html``/``.htm`` pages and ``.txt`` files), and any input path.

A file's first sub-folder under the folder names its outlet (``corpus/Beacon/a.html``), else
the outlet a page states. HTML is read with :func:`framing.read_html`; text files as they are.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.corpus import Corpus, Problem, ReadError
from framing.document import Document

__all__ = ["read_folder", "read_file", "read_path", "iter_path", "UNSUPPORTED", "EMPTY_FOLDER"]

UNSUPPORTED = ("cannot read {path}: expected a .jsonl, .csv, .tsv or .parquet file, or a folder "
               "of .html/.txt files")
EMPTY_FOLDER = "no .html, .htm or .txt files in {path}"
NOT_FOUND = "no such file or folder: {path}"

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})
TABLE_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv", ".tsv", *PARQUET_SUFFIXES})


def read_file(path: str | os.PathLike[str], **meta: Any) -> Document:
    """One article from a ``.txt`` or ``.html``/``.htm`` file.

    ``meta`` (``id``, ``outlet``) wins over what a page states, except an outlet of ``None``.
    Raises ``ValueError`` when a page has no article text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Officials said the talks may resume.", encoding="utf-8")
    >>> read_file(p, id="a.txt")  # doctest: +ELLIPSIS
    Document('Officials said the talks may resume.', id='a.txt')
    """
    path = Path(path)
    if path.suffix.lower() not in HTML_SUFFIXES:
        return Document(path.read_text(encoding="utf-8-sig", errors="replace"), **meta)
    from framing.io.html import read_html

    got = read_html(path, errors="report")
    if len(got) == 0:
        raise ValueError(got.problems[0].reason if got.problems else "no article text")
    doc = got[0]
    doc.id = meta.get("id", doc.id)
    if meta.get("outlet") is not None:
        doc.outlet = meta["outlet"]
    return doc


def read_folder(path: str | os.PathLike[str]) -> Corpus:
    """Every ``.html``, ``.htm`` and ``.txt`` file under ``path`` (sorted), one article each.

    A file that cannot be read, or is empty, is listed in ``Corpus.problems`` (never dropped
    silently). Raises :class:`~framing.ReadError` when the folder holds no such file.
    """
    return next(_folder_chunks(Path(path), None))


def _folder_chunks(path: Path, chunk_size: int | None) -> Iterator[Corpus]:
    files = sorted(f for f in path.rglob("*")
                   if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES)
    if not files:
        raise ReadError(EMPTY_FOLDER.format(path=path))
    return _folder_files(path, files, chunk_size)


def _folder_files(path: Path, files: list[Path], chunk_size: int | None) -> Iterator[Corpus]:
    step = chunk_size or len(files)
    for at in range(0, len(files), step):
        docs, problems = [], []
        for f in files[at:at + step]:
            rel = f.relative_to(path)
            meta = {"id": str(rel), "outlet": rel.parts[0] if len(rel.parts) > 1 else None}
            try:
                doc = read_file(f, **meta)
            except Exception as exc:  # noqa: BLE001 - recorded, not dropped
                problems.append(Problem(str(f), None, None, f"{type(exc).__name__}: {exc}", meta["id"]))
                continue
            if not doc.text.strip():
                problems.append(Problem(str(f), None, None, "empty text", meta["id"]))
                continue
            docs.append(doc)
        yield Corpus(docs, problems=problems)


def read_path(path: str | os.PathLike[str], *, text: str = "text", story: str | None = "story",
              errors: str = "report") -> Corpus:
    """Any input the command line takes: a JSON Lines or CSV/TSV file (``text`` and ``story``
    name its columns), a folder (:func:`read_folder`), or one ``.txt``/``.html`` file."""
    from framing.io.csv import read_csv
    from framing.io.jsonl import read_jsonl

    path = Path(path)
    if not path.exists():
        raise ReadError(NOT_FOUND.format(path=path))
    if path.is_dir():
        return read_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(path, text=text, story=story, errors=errors)  # type: ignore[arg-type]
    if suffix in (".csv", ".tsv"):
        return read_csv(path, text=text, story=story, errors=errors)  # type: ignore[arg-type]
    if suffix in PARQUET_SUFFIXES:
        from framing.io.parquet import read_parquet

        return read_parquet(path, text=text, story=story, errors=errors)  # type: ignore[arg-type]
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return Corpus([read_file(path, id=path.name)])
    raise ReadError(UNSUPPORTED.format(path=path))


def iter_path(path: str | os.PathLike[str], *, chunk_size: int = 1000, text: str = "text",
              outlet: str | None = "outlet", story: str | None = "story", id: str | None = "id",
              title: str | None = "title", date: str | None = "date", url: str | None = "url",
              errors: str = "report") -> Iterator[Corpus]:
    """What :func:`read_path` reads, lazily: one :class:`Corpus` per ``chunk_size`` input
    rows (documents + problems) of a JSON Lines, CSV/TSV or Parquet file (see
    :func:`~framing.io.iter_jsonl`), or per ``chunk_size`` files of a folder; one ``.txt`` or
    ``.html`` file is one chunk.

    Examples
    --------
    >>> from importlib import resources
    >>> sample = resources.files("framing") / "data" / "sample" / "articles.jsonl"
    >>> [len(c) for c in iter_path(str(sample), chunk_size=10)]
    [10, 6]
    """
    from framing.io._common import _check_chunk_size
    from framing.io.csv import iter_csv
    from framing.io.jsonl import iter_jsonl

    _check_chunk_size(chunk_size)
    path = Path(path)
    if not path.exists():
        raise ReadError(NOT_FOUND.format(path=path))
    if path.is_dir():
        return _folder_chunks(path, chunk_size)
    names: dict[str, Any] = dict(text=text, outlet=outlet, story=story, id=id, title=title,
                                 date=date, url=url, errors=errors)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return iter_jsonl(path, chunk_size=chunk_size, **names)
    if suffix in (".csv", ".tsv"):
        return iter_csv(path, chunk_size=chunk_size, **names)
    if suffix in PARQUET_SUFFIXES:
        from framing.io.parquet import iter_parquet

        return iter_parquet(path, chunk_size=chunk_size, **names)
    if suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        return iter([Corpus([read_file(path, id=path.name)])])
    raise ReadError(UNSUPPORTED.format(path=path))
