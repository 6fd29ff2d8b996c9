"""A corpus of articles: a sequence of Documents with outlet and story metadata.

Part of the data model (with :mod:`framing.document`): it imports no reader, extractor or
analysis. The readers that build a corpus from files are in :mod:`framing.io`. Bad input
is never dropped silently: readers raise a :class:`ReadError` naming the file, line and
column, or (``errors="report"``) list each bad row as a :class:`Problem`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, overload

import pandas as pd

from framing.document import Document
from framing.problems import Problem, ReadError

__all__ = ["Corpus", "ReadError", "Problem"]

Errors = Literal["raise", "report"]

MISSING_COLUMN = "column {column!r} not found{where}; columns present: {present}"
EMPTY_TEXT = "empty text"
NOT_A_STRING = "text is not a string (got {type})"


_FIELDS = ("id", "outlet", "story", "title", "date", "url")


class Corpus(Sequence[Document]):
    """A sequence of :class:`~framing.Document` with outlet and story metadata.

    Parameters
    ----------
    documents : iterable of Document
    problems : iterable of Problem
        Input rows that could not be read (see ``errors="report"`` in the readers).
    warnings : iterable of Problem
        Input rows that were read but need a look: a line that was not valid UTF-8 (decoded
        as cp1252), an id used twice, a NaN or infinite number read as a missing value. The
        readers fill it; rows in = ``len(corpus) + len(corpus.problems)``.

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

    def __init__(self, documents: Iterable[Document] = (), *, problems: Iterable[Problem] = (),
                 warnings: Iterable[Problem] = ()):
        self._docs: list[Document] = list(documents)
        for d in self._docs:
            if not isinstance(d, Document):
                raise TypeError(f"Corpus holds Document objects, got {type(d).__name__}")
        self.problems: list[Problem] = list(problems)
        self.warnings: list[Problem] = list(warnings)

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
    def analyze(self, *, actors: Any = None, n_jobs: int | None = 1, progress: bool = True,
                pipeline: Any = None, timeout: float | None = 600.0,
                keep_documents: bool = True, chunk_size: int = 500):
        """Run a pipeline (default :meth:`framing.Pipeline.default`) on every document; see
        :func:`framing.analysis.run.analyze_corpus`.

        Returns an :class:`~framing.Analysis`; failures are recorded per article, not dropped.
        ``timeout``: seconds one article may take (default 600; ``None``: no limit); an
        article over it is recorded as an error "timed out after N s" and the run goes on.
        ``keep_documents=False``: the same tables, made chunk by chunk (``chunk_size``
        documents) without keeping the evidence objects, so that memory holds the tables
        only and ``n_jobs`` workers send back rows instead of documents;
        ``Analysis.documents`` is then empty. For a corpus that does not fit in memory, read
        it lazily and write the tables as they come: :func:`framing.analysis.stream.analyze_stream`.
        """
        from framing.analysis.run import analyze_corpus  # the runner; it imports no Corpus

        return analyze_corpus(self, actors=actors, n_jobs=n_jobs, progress=progress,
                              pipeline=pipeline, timeout=timeout, keep_documents=keep_documents,
                              chunk_size=chunk_size)

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
    if isinstance(v, (datetime.date, datetime.time)):  # pd.Timestamp is a datetime
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
