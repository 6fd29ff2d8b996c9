"""A corpus of articles, and the readers that build one from tables and files.

Bad input is never dropped silently. With ``errors="raise"`` (the default) the first bad row
raises a :class:`ReadError` naming the file, line and column; with ``errors="report"`` bad
rows are kept out of the corpus and listed in :attr:`Corpus.problems`.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

import pandas as pd

from framing.document import Document

__all__ = ["Corpus", "ReadError", "Problem", "read_jsonl", "read_csv"]

Errors = Literal["raise", "report"]

MISSING_COLUMN = "column {column!r} not found{where}; columns present: {present}"
EMPTY_TEXT = "empty text"
NOT_A_STRING = "text is not a string (got {type})"


class ReadError(ValueError):
    """Bad input: names the file, line and column where it was found."""


@dataclass(frozen=True)
class Problem:
    """One input row that could not be read into a document, and why."""

    source: str
    line: int | None
    column: str | None
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.reason}"


_FIELDS = ("id", "outlet", "story", "title", "date", "url")


class Corpus(Sequence[Document]):
    """A sequence of :class:`~framing.Document` with outlet and story metadata.

    Parameters
    ----------
    documents : iterable of Document
    problems : iterable of Problem
        Input rows that could not be read (see ``errors="report"`` in the readers).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> corpus = load_sample()
    >>> corpus  # doctest: +ELLIPSIS
    Corpus(... articles, 4 outlets, ... stories)
    >>> sorted(corpus.groupby("outlet"))  # doctest: +NORMALIZE_WHITESPACE
    ['Liberty Ledger', 'Meridian Wire', 'The Daily Beacon', 'The Morning Blast']
    >>> len(corpus.filter(outlet="Meridian Wire")) == len(corpus.stories)
    True
    """

    def __init__(self, documents: Iterable[Document] = (), *, problems: Iterable[Problem] = ()):
        self._docs: list[Document] = list(documents)
        for d in self._docs:
            if not isinstance(d, Document):
                raise TypeError(f"Corpus holds Document objects, got {type(d).__name__}")
        self.problems: list[Problem] = list(problems)

    # -- sequence protocol -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._docs)

    @overload
    def __getitem__(self, i: int) -> Document: ...

    @overload
    def __getitem__(self, i: slice) -> Corpus: ...

    def __getitem__(self, i: int | slice) -> Document | Corpus:
        if isinstance(i, slice):
            return Corpus(self._docs[i])
        return self._docs[i]

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __repr__(self) -> str:
        s = f"Corpus({len(self)} articles, {len(self.outlets)} outlets, {len(self.stories)} stories"
        if self.problems:
            s += f", {len(self.problems)} problems"
        return s + ")"

    # -- grouping and filtering ------------------------------------------------------------
    @property
    def outlets(self) -> list[str]:
        """Distinct outlets, sorted."""
        return sorted({d.outlet for d in self._docs if d.outlet is not None})

    @property
    def stories(self) -> list[str]:
        """Distinct stories, sorted."""
        return sorted({d.story for d in self._docs if d.story is not None})

    def groupby(self, field: str) -> dict[str, Corpus]:
        """Split into sub-corpora by a metadata field (``"outlet"``, ``"story"``, ...).

        Documents whose field is missing are grouped under ``None``.
        """
        groups: dict[Any, list[Document]] = {}
        for d in self._docs:
            value = getattr(d, field) if field in _FIELDS else d.meta.get(field)
            groups.setdefault(value, []).append(d)
        return {k: Corpus(v) for k, v in groups.items()}

    def filter(self, predicate: Callable[[Document], bool] | None = None, **equals: Any) -> Corpus:
        """Documents for which ``predicate`` holds and every ``field=value`` matches.

        A value may be a list or set, meaning any of them.
        """

        def keep(d: Document) -> bool:
            for k, v in equals.items():
                got = getattr(d, k) if k in _FIELDS else d.meta.get(k)
                if isinstance(v, (list, tuple, set, frozenset)):
                    if got not in v:
                        return False
                elif got != v:
                    return False
            return predicate is None or bool(predicate(d))

        return Corpus([d for d in self._docs if keep(d)])

    # -- analysis ----------------------------------------------------------------------
    def analyze(self, *, actors: Any = None, n_jobs: int | None = 1, progress: bool = True):
        """Run the default pipeline on every document; see :func:`framing.analysis.analyze_corpus`.

        Returns an :class:`~framing.Analysis`; failures are recorded per article, not dropped.
        """
        from framing.analysis import analyze_corpus

        return analyze_corpus(self, actors=actors, n_jobs=n_jobs, progress=progress)

    # -- tables ------------------------------------------------------------------------
    @classmethod
    def from_dataframe(
        cls,
        df: pd.DataFrame,
        *,
        text: str = "text",
        outlet: str | None = "outlet",
        story: str | None = "story",
        id: str | None = "id",
        title: str | None = "title",
        date: str | None = "date",
        url: str | None = "url",
        errors: Errors = "raise",
        source: str = "DataFrame",
    ) -> Corpus:
        """Build a corpus from a table with one article per row.

        Parameters
        ----------
        df : pandas.DataFrame
        text : str
            Column holding the article text (required).
        outlet, story, id, title, date, url : str or None
            Columns for the metadata. A column named here with its default name may be
            absent; a column named explicitly must exist. ``None`` skips the field.
        errors : {"raise", "report"}
            What to do with a row whose text is empty or not a string: raise a
            :class:`ReadError`, or list it in ``Corpus.problems`` and go on.
        source : str
            How to name the input in error messages.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"body": ["A text.", ""], "outlet": ["X", "Y"]})
        >>> Corpus.from_dataframe(df, text="body", errors="report").problems
        [Problem(source='DataFrame', line=1, column='body', reason='empty text', id=None)]
        """
        _check_errors(errors)
        if text not in df.columns:
            raise ReadError(
                MISSING_COLUMN.format(
                    column=text, where=f" in {source}", present=", ".join(map(str, df.columns))
                )
            )
        explicit = dict(outlet=outlet, story=story, id=id, title=title, date=date, url=url)
        mapping: dict[str, str] = {}
        for fname, col in explicit.items():
            if col is None:
                continue
            if col in df.columns:
                mapping[fname] = col
            elif col != fname:
                raise ReadError(
                    MISSING_COLUMN.format(
                        column=col, where=f" in {source}", present=", ".join(map(str, df.columns))
                    )
                )
        used = {text, *mapping.values()}
        extra = [c for c in df.columns if c not in used]
        docs: list[Document] = []
        problems: list[Problem] = []
        for line, row in enumerate(df.to_dict("records")):
            fields = {f: _clean_value(row.get(c)) for f, c in mapping.items()}
            problem = _text_problem(row.get(text), source, line, text, fields.get("id"))
            if problem is not None:
                if errors == "raise":
                    raise ReadError(str(problem))
                problems.append(problem)
                continue
            meta = {c: _clean_value(row[c]) for c in extra}
            docs.append(Document(row[text], meta=meta, **fields))
        return cls(docs, problems=problems)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per document: text, metadata fields and ``meta`` columns."""
        rows = [{"text": d.text, **d.metadata()} for d in self._docs]
        cols = ["id", "outlet", "story", "title", "date", "url", "text"]
        df = pd.DataFrame(rows)
        if df.empty:
            return pd.DataFrame(columns=cols)
        return df[cols + [c for c in df.columns if c not in cols]]


def _check_errors(errors: str) -> None:
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', got {errors!r}")


def _clean_value(v: Any) -> Any:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v if isinstance(v, (str, int, float, bool, list, dict)) else str(v)


def _text_problem(value: Any, source: str, line: int | None, column: str, id: Any) -> Problem | None:
    if not isinstance(value, str):
        if value is None or (isinstance(value, float) and value != value):
            return Problem(source, line, column, EMPTY_TEXT, id)
        return Problem(source, line, column, NOT_A_STRING.format(type=type(value).__name__), id)
    if not value.strip():
        return Problem(source, line, column, EMPTY_TEXT, id)
    return None


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
    framing.corpus.ReadError: ...a.jsonl, line 2, column 'text': text is not a string (got int)
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


def _open_text(path: Path):
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    # utf-8-sig drops a byte-order mark; undecodable bytes become U+FFFD instead of failing
    # the whole file (the replacement characters stay visible in the text).
    return open(path, encoding=_detect_encoding(path), errors="replace", newline="")


def _detect_encoding(path: Path) -> str:
    """``utf-16`` when the file starts with its byte-order mark; ``utf-8-sig`` when the whole
    file decodes as UTF-8 (one linear pass, constant memory); else ``cp1252``, what "latin-1"
    files from spreadsheets and Windows tools usually are (it agrees with latin-1 on every
    letter, and reads curly quotes that latin-1 maps to control characters)."""
    with open(path, "rb") as fh:
        if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            return "utf-16"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _corpus_from_rows(rows, path, problems, errors, *, columns=None, **names) -> Corpus:
    text_col = names["text"]
    present = list(columns) if columns is not None else sorted({k for r in rows for k in r} - {"__line__"})
    if rows and not any(text_col in r for r in rows) or (columns is not None and text_col not in columns):
        raise ReadError(MISSING_COLUMN.format(column=text_col, where=f" in {path}",
                                              present=", ".join(present) or "none"))
    mapping = {f: c for f, c in names.items() if f != "text" and c is not None}
    for f, c in mapping.items():
        if c != f and not any(c in r for r in rows):
            raise ReadError(MISSING_COLUMN.format(column=c, where=f" in {path}",
                                                  present=", ".join(present)))
    used = {text_col, *mapping.values(), "__line__"}
    docs: list[Document] = []
    for r in rows:
        fields = {f: _clean_value(r.get(c)) for f, c in mapping.items()}
        if columns is not None:  # CSV: empty cells are missing values
            fields = {f: (v if v != "" else None) for f, v in fields.items()}
        p = _text_problem(r.get(text_col), str(path), r["__line__"], text_col, fields.get("id"))
        if p is not None:
            if errors == "raise":
                raise ReadError(str(p))
            problems.append(p)
            continue
        meta = {k: v for k, v in r.items() if k not in used}
        docs.append(Document(r[text_col], meta=meta, **fields))
    return Corpus(docs, problems=problems)
