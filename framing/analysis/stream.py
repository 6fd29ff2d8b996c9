"""Stream a corpus of any size through one machine: read lazily, analyse in chunks, write
the tables to Parquet as they come, resume a run that stopped.

:func:`analyze_stream` reads its input in chunks (:func:`framing.io.iter_path`), runs the
pipeline on each chunk (in ``n_jobs`` worker processes, or on a Dask cluster with
:func:`framing.analysis.dask_run.analyze_dask`) and keeps only the table rows of each
chunk. With ``out=`` a folder, each chunk's rows are written there as Parquet parts (one
folder per table) and listed in ``manifest.json`` once written: a run that stops half-way
(killed, out of time) continues, when started again with the same arguments, after the last
chunk written, without redoing or duplicating an article. :func:`read_tables` reads the
folder back as an :class:`~framing.Analysis` (the tables :func:`framing.compare` reads).
Parquet needs pyarrow (``pip install framing-analysis[parquet]``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framing._version import __version__
from framing.analysis.run import DEFAULT_CHUNK_SIZE, DEFAULT_TIMEOUT, Piece, analyze_chunks
from framing.analysis.tables import (
    _COLUMNS,
    TABLES,
    Analysis,
    assemble_tables,
)
from framing.document import Document
from framing.pipeline import Pipeline, as_pipeline
from framing.problems import Problem

__all__ = ["analyze_stream", "read_tables", "read_warnings", "TableStore", "MANIFEST", "input_chunks"]

MANIFEST = "manifest.json"
FORMAT = "framing-tables/1"
PROBLEMS = "problems"
PROBLEM_COLUMNS = ["kind", "source", "line", "column", "reason", "id"]
OTHER_RUN = ("{out} holds the tables of another run ({what} differs: {old!r} there, {new!r} now); "
             "give a new folder, or overwrite=True to start again")
INPUT_CHANGED = ("the input has changed since the run that wrote {out} (chunk {k}: {what}); "
                 "give a new folder, or overwrite=True to start again")
NOT_A_STORE = "{path} holds no {manifest}: not a folder written by analyze_stream"


class TableStore:
    """A folder of Parquet tables written by :func:`analyze_stream`.

    Attributes
    ----------
    path : Path
    manifest : dict
        What was run (input, chunk size, pipeline, framing version) and every chunk written:
        its part number, documents, problems, warnings and first ``doc`` position.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        file = self.path / MANIFEST
        if not file.exists():
            raise FileNotFoundError(NOT_A_STORE.format(path=self.path, manifest=MANIFEST))
        self.manifest: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))

    @property
    def complete(self) -> bool:
        """Whether the run got to the end of its input."""
        return bool(self.manifest.get("complete"))

    @property
    def n_documents(self) -> int:
        return sum(c["documents"] for c in self.manifest["chunks"])

    @property
    def n_problems(self) -> int:
        return sum(c["problems"] for c in self.manifest["chunks"])

    def __repr__(self) -> str:
        state = "complete" if self.complete else "incomplete"
        return (f"TableStore({str(self.path)!r}, {self.n_documents} documents, "
                f"{self.n_problems} problems, {len(self.manifest['chunks'])} chunks, {state})")

    def load(self, tables: Sequence[str] | None = None) -> Analysis:
        """The tables as an :class:`~framing.Analysis` (no documents): the same tables a run
        in memory gives. ``tables``: only these (``articles`` always), the others empty."""
        return read_tables(self.path, tables=tables)


def read_tables(path: str | os.PathLike[str], tables: Sequence[str] | None = None) -> Analysis:
    """Read a folder written by :func:`analyze_stream` as an :class:`~framing.Analysis`.

    Only the chunks listed in the manifest are read (a part written by a run that stopped
    before listing it is ignored). ``tables`` limits what is read (``articles`` is always
    read); the other tables are empty. ``Analysis.problems`` lists the unreadable input rows.
    """
    store = TableStore(path)
    wanted = set(TABLES if tables is None else [*tables, "articles"])
    unknown = wanted - set(TABLES)
    if unknown:
        raise ValueError(f"no table named {sorted(unknown)}; tables: {list(TABLES)}")
    parts = [c["part"] for c in store.manifest["chunks"]]
    out: dict[str, pd.DataFrame] = {}
    pieces: list[dict[str, pd.DataFrame]] = [{} for _ in parts]
    for name in TABLES:
        if name not in wanted:
            continue
        for piece, k in zip(pieces, parts):
            piece[name] = _read_part(store.path / name / _part_name(k))
    problems: list[Problem] = []
    for k in parts:
        frame = _read_part(store.path / PROBLEMS / _part_name(k))
        for r in frame.to_dict("records"):
            if r["kind"] == "problem":
                problems.append(_problem(r))
    out = assemble_tables(pieces, problems)
    for name in TABLES:
        if name not in wanted:
            out[name] = pd.DataFrame([], columns=_COLUMNS[name])
    return Analysis(documents=[], problems=problems, **out)


def read_warnings(path: str | os.PathLike[str]) -> list[Problem]:
    """The input rows that were read with a remark (``Corpus.warnings`` of each chunk)."""
    store = TableStore(path)
    out = []
    for c in store.manifest["chunks"]:
        frame = _read_part(store.path / PROBLEMS / _part_name(c["part"]))
        out += [_problem(r) for r in frame.to_dict("records") if r["kind"] == "warning"]
    return out


def _problem(r: Mapping[str, Any]) -> Problem:
    def plain(v: Any) -> Any:
        return None if v is None or (isinstance(v, float) and v != v) else v

    line = plain(r["line"])
    return Problem(str(r["source"]), None if line is None else int(line), plain(r["column"]),
                   str(r["reason"]), plain(r["id"]))


def input_chunks(source: Any, *, chunk_size: int = DEFAULT_CHUNK_SIZE, errors: str = "report",
                 **columns: Any) -> Iterator[Sequence[Document]]:
    """The input of a run in chunks: a path (read lazily with :func:`framing.io.iter_path`,
    ``columns`` naming its columns), a Corpus or list of Document (cut in chunks), or an
    iterable of chunks (each a Corpus or a list of Document) taken as it is."""
    if isinstance(source, (str, os.PathLike)):
        from framing.io import iter_path

        return iter_path(source, chunk_size=chunk_size, errors=errors, **columns)
    if isinstance(source, Document):
        raise TypeError("give a corpus, a list of documents or a path, not one Document")
    if isinstance(source, Sequence) and (len(source) == 0 or isinstance(source[0], Document)):
        return _cut(source, chunk_size)
    return _chunks_of(source, chunk_size)


def _cut(docs: Sequence[Document], size: int) -> Iterator[Sequence[Document]]:
    problems = list(getattr(docs, "problems", ()))
    warnings = list(getattr(docs, "warnings", ()))
    from framing.corpus import Corpus

    if not len(docs):
        if problems or warnings:
            yield Corpus([], problems=problems, warnings=warnings)
        return
    for i in range(0, len(docs), size):
        last = i + size >= len(docs)
        yield Corpus(list(docs[i:i + size]), problems=problems if last else (),
                     warnings=warnings if last else ())


def _chunks_of(source: Iterable[Any], size: int) -> Iterator[Sequence[Document]]:
    batch: list[Document] = []
    for item in source:
        if isinstance(item, Document):  # an iterable of documents: cut it in chunks
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        else:
            if batch:
                yield batch
                batch = []
            yield item
    if batch:
        yield batch


def analyze_stream(
    source: Any,
    out: str | os.PathLike[str] | None = None,
    *,
    actors: Mapping[str, Any] | None = None,
    pipeline: Pipeline | None = None,
    n_jobs: int | None = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    errors: str = "report",
    overwrite: bool = False,
    engine: Any = None,
    **columns: Any,
) -> Analysis | TableStore:
    """Analyse a corpus of any size chunk by chunk, keeping table rows only.

    Parameters
    ----------
    source : path, Corpus, list of Document, or iterable of chunks
        A ``.jsonl``, ``.csv``/``.tsv`` or ``.parquet`` file or a folder (read lazily, in
        chunks of ``chunk_size`` input rows; ``columns`` such as ``text="body"`` name its
        columns; ``errors`` as in the readers, default ``"report"``), or documents.
    out : path, optional
        A folder for the tables as Parquet (needs pyarrow). Each chunk is written as one
        part per table, then listed in ``out/manifest.json``; started again with the same
        input and arguments, a run that stopped continues after the last chunk listed (each
        chunk skipped is checked against the manifest: same documents, same ids). A folder
        of another run is an error unless ``overwrite=True``.
    actors, pipeline, n_jobs, progress, timeout
        As in :meth:`framing.Corpus.analyze`; the tables are the same whatever ``n_jobs``.
    chunk_size : int, default 500
        Input rows per chunk (and per Parquet part).
    engine : callable, optional
        What analyses the chunks (default :func:`framing.analysis.run.analyze_chunks`, in
        worker processes); :func:`framing.analysis.dask_run.analyze_dask` passes a Dask one.

    Returns
    -------
    Analysis or TableStore
        Without ``out``: the :class:`~framing.Analysis` (``documents`` empty), equal to the
        tables of ``Corpus.analyze()``. With ``out``: the :class:`TableStore`; its
        :meth:`~TableStore.load` gives that Analysis.

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> analysis = analyze_stream(load_sample(), chunk_size=5, progress=False)
    >>> analysis, len(analysis.documents)
    (Analysis(16 articles, 16 ok, 0 errors, 4 outlets, 4 stories), 0)
    """
    p = as_pipeline(pipeline)
    chunks = input_chunks(source, chunk_size=chunk_size, errors=errors, **columns)
    run = engine or analyze_chunks
    if out is None:
        pieces: list[dict[str, pd.DataFrame]] = []
        problems: list[Problem] = []
        for piece in run(chunks, actors=actors, n_jobs=n_jobs, progress=progress, pipeline=p,
                         timeout=timeout, total=_total(source) if progress else None):
            pieces.append(piece.tables)
            problems += piece.problems
        return Analysis(documents=[], problems=problems, **assemble_tables(pieces, problems))
    return _stream_to(Path(out), source, chunks, run, p, actors, n_jobs, chunk_size, progress,
                      timeout, overwrite, columns, errors)


def _fingerprint(source: Any, pipeline: Pipeline, actors: Any, chunk_size: int,
                 columns: Mapping[str, Any], errors: str) -> dict[str, Any]:
    actors_json = json.dumps(actors, sort_keys=True, default=str)
    what: dict[str, Any] = {
        "source": str(source) if isinstance(source, (str, os.PathLike)) else type(source).__name__,
        "chunk_size": chunk_size,
        "pipeline": repr(pipeline),
        "actors": hashlib.sha256(actors_json.encode("utf-8")).hexdigest()[:16],
        "columns": json.dumps(dict(columns), sort_keys=True, default=str),
        "errors": errors,
    }
    if isinstance(source, (str, os.PathLike)) and Path(source).is_file():
        what["source_bytes"] = Path(source).stat().st_size
    return what


def _chunk_digest(chunk: Sequence[Document]) -> str:
    h = hashlib.sha256()
    for d in chunk:
        h.update(f"{d.id}\x1f{len(d.text)}\x1e".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def _stream_to(out: Path, source, chunks, run, pipeline, actors, n_jobs, chunk_size, progress,
               timeout, overwrite, columns, errors) -> TableStore:
    _pyarrow()  # fail before any work when pyarrow is missing
    what = _fingerprint(source, pipeline, actors, chunk_size, columns, errors)
    file = out / MANIFEST
    if overwrite and out.exists():
        for name in (*TABLES, PROBLEMS, MANIFEST):
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    manifest: dict[str, Any]
    if file.exists():
        manifest = json.loads(file.read_text(encoding="utf-8"))
        for key, new in what.items():
            old = manifest["run"].get(key)
            if old != new:
                raise ValueError(OTHER_RUN.format(out=out, what=key, old=old, new=new))
    else:
        out.mkdir(parents=True, exist_ok=True)
        manifest = {"format": FORMAT, "framing": __version__, "run": what, "chunks": [],
                    "complete": False}
        _write_json(file, manifest)
    if manifest["complete"]:
        return TableStore(out)
    done = manifest["chunks"]
    chunks = iter(chunks)
    first = 0
    rows_done = 0
    for k, entry in enumerate(done):  # the chunks written by an earlier run: checked, skipped
        chunk = next(chunks, None)
        if chunk is None:
            raise ValueError(INPUT_CHANGED.format(out=out, k=k, what="the input ends before it"))
        n_problems = len(getattr(chunk, "problems", ()))
        if len(chunk) != entry["documents"] or n_problems != entry["problems"] \
                or _chunk_digest(chunk) != entry["digest"]:
            raise ValueError(INPUT_CHANGED.format(out=out, k=k, what="other documents"))
        first += len(chunk)
        rows_done += len(chunk) + n_problems
    total = _total(source) if progress else None
    if total is not None:
        total -= rows_done
    part = len(done)
    digests: list[str] = []

    def remembered(chunks: Iterator[Sequence[Document]]) -> Iterator[Sequence[Document]]:
        for chunk in chunks:
            digests.append(_chunk_digest(chunk))
            yield chunk

    for piece in run(remembered(chunks), actors=actors, n_jobs=n_jobs, progress=progress,
                     pipeline=pipeline, timeout=timeout, total=total, first=first):
        _write_piece(out, part, piece)
        done.append({"part": part, "first": first, "documents": piece.n_documents,
                     "problems": len(piece.problems), "warnings": len(piece.warnings),
                     "digest": digests.pop(0)})
        _write_json(file, manifest)  # the chunk counts as written from here on
        first += piece.n_documents
        part += 1
    manifest["complete"] = True
    _write_json(file, manifest)
    return TableStore(out)


def _total(source: Any) -> int | None:
    """Input rows, when cheap to know (for the progress bar)."""
    if isinstance(source, Sequence):
        return len(source) + len(getattr(source, "problems", ()))
    if not isinstance(source, (str, os.PathLike)):
        return None
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson") and path.is_file():
        with open(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    if suffix in (".parquet", ".pq") and path.is_file():
        return int(_pyarrow().parquet.ParquetFile(path).metadata.num_rows)
    return None


# -- Parquet parts ----------------------------------------------------------------------------

JSON_COLUMNS = b"framing.json_columns"


def _pyarrow() -> Any:
    from framing.io.parquet import NO_PYARROW

    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401 - the submodule
    except ImportError:
        raise ImportError(NO_PYARROW) from None
    return pyarrow


def _part_name(k: int) -> str:
    return f"part-{k:06d}.parquet"


def _write_json(path: Path, obj: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(obj, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _write_piece(out: Path, k: int, piece: Piece) -> None:
    frames = dict(piece.tables)
    frames[PROBLEMS] = pd.DataFrame(
        [{"kind": kind, "source": p.source, "line": p.line, "column": p.column,
          "reason": p.reason, "id": None if p.id is None else str(p.id)}
         for kind, ps in (("problem", piece.problems), ("warning", piece.warnings)) for p in ps],
        columns=PROBLEM_COLUMNS)
    for name, frame in frames.items():
        folder = out / name
        folder.mkdir(exist_ok=True)
        _write_part(folder / _part_name(k), frame)


def _write_part(path: Path, frame: pd.DataFrame) -> None:
    pa = _pyarrow()
    tmp = path.with_name(path.name + ".tmp")
    pa.parquet.write_table(_to_arrow(frame), tmp)
    os.replace(tmp, path)  # a part is there whole or not at all


def _to_arrow(frame: pd.DataFrame) -> Any:
    """A DataFrame as an Arrow table; a column of mixed types (an input field with numbers
    in some rows and text in others) is stored as JSON text and decoded when read."""
    pa = _pyarrow()
    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    frame = frame.copy()
    as_json = []
    for c in frame.columns:
        try:
            pa.array(frame[c], from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            frame[c] = pd.Series([None if v is None else json.dumps(v, default=str)
                                  for v in frame[c]], dtype=object)
            as_json.append(c)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[JSON_COLUMNS] = json.dumps(as_json).encode("utf-8")
    return table.replace_schema_metadata(meta)


def _read_part(path: Path) -> pd.DataFrame:
    pa = _pyarrow()
    table = pa.parquet.read_table(path)
    frame = table.to_pandas()
    as_json = json.loads((table.schema.metadata or {}).get(JSON_COLUMNS, b"[]"))
    for c in as_json:
        frame[c] = pd.Series([None if v is None else json.loads(v) for v in frame[c]],
                             dtype=object)
    return frame
