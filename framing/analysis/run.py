"""The corpus run: a pipeline on every document, every failure kept, the evidence as tables.

Above the pipeline (it runs it) and below the report and the figures (they read the
:class:`~framing.Analysis` it returns and never run anything). Not imported by
``framing.analysis`` itself, so that reading tables never loads the pipeline.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import pickle
import signal
import sys
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framing.analysis.tables import Analysis, assemble_tables, document_tables, join_tables
from framing.document import Document
from framing.pipeline import BAD_ACTORS, Pipeline, as_pipeline, actors_for, annotate
from framing.problems import Problem

__all__ = ["analyze_corpus", "analyze_chunks", "Piece", "DEFAULT_TIMEOUT", "DEFAULT_CHUNK_SIZE",
           "ArticleTimeout"]

#: Input rows per chunk of a run that keeps no documents (and per Parquet part it writes).
DEFAULT_CHUNK_SIZE = 500
#: A text that every step of the default pipeline runs on: analysing it loads the models.
WARM_UP_TEXT = ("Officials said on Monday that the talks might resume, according to Reuters. "
                "Critics slammed the plan.")


#: The default per-article time limit of a corpus run, in seconds (generous: a 1 MB article
#: takes well under a minute; the limit is there for the pathological one).
DEFAULT_TIMEOUT = 600.0
TIMED_OUT = "timed out after {s:g} s"
NOT_PICKLABLE = "its meta could not be sent to a worker process ({reason}); analysed in the main process"


class ArticleTimeout(Exception):
    """An article took longer than the run's ``timeout``."""


@contextmanager
def _time_limit(seconds: float | None):
    """Raise :class:`ArticleTimeout` in the block after ``seconds`` (wall clock).

    Uses ``SIGALRM`` (Unix, main thread of a process, as in the joblib workers); where that
    is not available (Windows, another thread) the block runs without a limit.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    assert seconds is not None  # usable implies it

    def expired(signum, frame):
        raise ArticleTimeout(TIMED_OUT.format(s=seconds))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _annotate_one(doc: Document, actors: Any, pipeline: Pipeline,
                  timeout: float | None = None) -> tuple[Document, str | None]:
    try:
        with _time_limit(timeout):
            annotate(doc, actors=actors_for(actors, doc.story), pipeline=pipeline)
    except ArticleTimeout as exc:
        return doc, str(exc)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - every failure is recorded with its reason
        return doc, f"{type(exc).__name__}: {exc}"
    return doc, None


def _picklable(doc: Document) -> str | None:
    """None when ``doc`` can go to a worker process, else why not."""
    try:
        pickle.dumps(doc.meta, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - any failure to pickle (PicklingError, TypeError, ...)
        return f"{type(exc).__name__}: {exc}"
    return None


def analyze_corpus(
    corpus: Iterable[Document],
    *,
    actors: Mapping[str, Any] | None = None,
    n_jobs: int | None = 1,
    progress: bool = True,
    pipeline: Pipeline | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    keep_documents: bool = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
):
    """Run a pipeline on every document of a corpus and lay the evidence out as tables.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
    actors : mapping, optional
        An actor table (canonical name -> aliases) for every document, or a mapping of story
        -> actor table (the layout of :func:`framing.datasets.load_sample_actors`).
    n_jobs : int, default 1
        Worker processes; ``-1`` uses every core. Results keep the input order. On Linux
        the workers are forked once this process has loaded the models (they load
        nothing); elsewhere, or while another Python thread runs, joblib's loky starts
        them and each loads the models once (see :func:`analyze_chunks`).
    progress : bool, default True
        Show a progress bar (tqdm, on standard error).
    pipeline : Pipeline, optional
        Default :meth:`Pipeline.default`.
    timeout : float or None, default 600
        Seconds one article may take (wall clock). An article that takes longer gets
        ``status == "error"`` with the reason "timed out after N s", and the run goes on.
        ``None`` or 0: no limit. Needs ``SIGALRM`` (Unix); elsewhere, and when the run is
        not in a process's main thread, there is no limit.
    keep_documents : bool, default True
        ``False``: run in chunks of ``chunk_size`` documents and keep only the table rows of
        each chunk (see :func:`analyze_chunks`): the documents are not annotated, memory
        holds the tables but no evidence objects, and with ``n_jobs > 1`` the workers send
        back rows, not documents (far less to pickle than annotated documents). ``Analysis.documents`` is
        then empty (the HTML report, which quotes the texts, needs the documents). The
        tables are equal to the ones of ``keep_documents=True``.
    chunk_size : int, default 500
        Documents per chunk when ``keep_documents=False``.

    Returns
    -------
    Analysis
        Failures are caught per article and recorded with their reason in
        ``Analysis.articles`` (``status == "error"``); nothing is dropped. With
        ``keep_documents=True`` the documents are annotated in place (also with
        ``n_jobs > 1``): ``Analysis.documents`` are the corpus's own Document objects, now
        with their evidence.

    Examples
    --------
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = analyze_corpus(load_sample(), actors=load_sample_actors(), progress=False)
    >>> len(analysis.articles), set(analysis.articles["status"])
    (16, {'ok'})
    """
    if actors is not None and not isinstance(actors, Mapping):
        raise TypeError(BAD_ACTORS.format(type=type(actors).__name__))
    p = as_pipeline(pipeline)
    problems = list(getattr(corpus, "problems", ()))
    if not keep_documents:
        docs = corpus if isinstance(corpus, Sequence) else list(corpus)
        chunks = (docs[i:i + chunk_size] for i in range(0, len(docs), chunk_size))
        pieces = [piece.tables for piece in analyze_chunks(
            chunks, actors=actors, n_jobs=n_jobs, progress=progress, pipeline=p,
            timeout=timeout, total=len(docs))]
        return Analysis(documents=[], problems=problems, **assemble_tables(pieces, problems))
    docs = list(corpus)
    workers = _n_workers(n_jobs) if len(docs) > 1 else 1
    if workers == 1:
        if progress and docs:
            warm_up(p, actors)  # the models load before the bar starts, so its estimate is fair
        results = []
        bar = _progress_bar(progress, len(docs))
        try:
            for doc in docs:
                results.append(_annotate_one(doc, actors, p, timeout))
                bar.update()
        finally:
            bar.close()
    else:
        results = _annotate_parallel(docs, actors, p, timeout, progress, workers)
    errors = {i: err for i, (_, err) in enumerate(results) if err is not None}
    return Analysis.from_documents([d for d, _ in results], errors=errors, problems=problems)


def _annotate_parallel(docs: list[Document], actors: Any, pipeline: Pipeline,
                       timeout: float | None, progress: bool,
                       workers: int) -> list[tuple[Document, str | None]]:
    # a document whose meta cannot be pickled (a lock, an open file) cannot go to a worker:
    # it is analysed here, after the others, instead of failing the whole run
    local = {i for i, d in enumerate(docs) if _picklable(d) is not None}
    sent = [i for i in range(len(docs)) if i not in local]
    size = min(200, max(1, math.ceil(len(sent) / (4 * workers))))
    batches = [sent[i:i + size] for i in range(0, len(sent), size)]
    by_index: dict[int, tuple[Document, str | None]] = {}
    with _workers(workers, pipeline, actors, progress) as (in_order, digest, run):
        bar = _progress_bar(progress, len(docs))
        try:
            calls = ((annotate_batch, ([docs[i] for i in b], digest, run, timeout)) for b in batches)
            for b, annotated in zip(batches, in_order(calls)):
                for i, (copy, err) in zip(b, annotated):
                    docs[i].__dict__.update(copy.__dict__)  # the workers annotated copies
                    by_index[i] = (docs[i], err)
                bar.update(len(b))
            for i in sorted(local):
                by_index[i] = _annotate_one(docs[i], actors, pipeline, timeout)
                bar.update()
        finally:
            bar.close()
    return [by_index[i] for i in range(len(docs))]


# -- runs in chunks: rows, not documents ------------------------------------------------------

@dataclass
class Piece:
    """What a chunk of the input gives: the table rows of its documents (see
    :func:`framing.analysis.tables.document_tables`), how many documents it held, and the
    input rows its reader could not read (``problems``) or read with a remark (``warnings``)."""

    tables: dict[str, pd.DataFrame]
    n_documents: int
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def warm_up(pipeline: Pipeline, actors: Mapping[str, Any] | None = None) -> None:
    """Run ``pipeline`` once on a short text so that its models and lexicons load (once per
    process); a failure is left for the real run to record."""
    try:
        annotate(Document(WARM_UP_TEXT), actors=actors_for(actors, None) if actors else None,
                 pipeline=pipeline)
    except Exception:  # noqa: BLE001 - the same failure is recorded per article in the run
        pass


_WORKER_STATE: dict[str, tuple[Pipeline, Any]] = {}
_WORKER_LOCK = threading.Lock()


def _worker_setup(digest: str, run: tuple[Pipeline, Any]) -> tuple[Pipeline, Any]:
    """The pipeline and actor table of a run (``run``), warmed up once per process (a loky
    worker, a Dask worker) and reused by every chunk of the run after that (keyed by
    ``digest``). The objects reach the worker the way every task argument does (joblib and
    Dask serialise them from the parent's own objects); no file is ever unpickled here."""
    with _WORKER_LOCK:
        state = _WORKER_STATE.get(digest)
        if state is None:
            pipeline, actors = run
            warm_up(pipeline, actors)
            _WORKER_STATE.clear()  # one run at a time per process: drop an earlier run's models
            state = _WORKER_STATE[digest] = (pipeline, actors)
    return state


def _run_key(pipeline: Pipeline, actors: Any) -> tuple[str, tuple[Pipeline, Any]]:
    """A digest that names the run's pipeline and actor table, and the pair itself."""
    data = pickle.dumps((pipeline, actors), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(data).hexdigest(), (pipeline, actors)


def analyze_batch(docs: Sequence[Document], first: int, digest: str | None,
                  run: tuple[Pipeline, Any] | None,
                  timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, pd.DataFrame]:
    """Analyse ``docs`` (positions ``first``, ``first + 1``, ...) and return their table rows.

    The task a worker runs: the pipeline and actor table (``run``) are set up once per
    process (keyed by ``digest``); in a forked worker ``run`` is None and the pipeline is
    the one inherited from the parent. The documents are dropped once their rows are made.
    """
    pipeline, actors = _run_state(digest, run)
    return _batch_tables(docs, first, pipeline, actors, timeout)


def annotate_batch(docs: Sequence[Document], digest: str | None, run: tuple[Pipeline, Any] | None,
                   timeout: float | None = DEFAULT_TIMEOUT) -> list[tuple[Document, str | None]]:
    """Annotate ``docs`` and return them with their errors (the task of a run that keeps the
    documents; ``digest`` and ``run`` as in :func:`analyze_batch`)."""
    pipeline, actors = _run_state(digest, run)
    return [_annotate_one(doc, actors, pipeline, timeout) for doc in docs]


def _run_state(digest: str | None, run: tuple[Pipeline, Any] | None) -> tuple[Pipeline, Any]:
    """The pipeline and actor table of the run: inherited by a forked worker (``run`` is
    None), else set up once per process from ``run``."""
    if run is None:
        assert _FORKED is not None, "a task without its run runs only in a forked worker"
        return _FORKED
    assert digest is not None
    return _worker_setup(digest, run)


def _batch_tables(docs: Sequence[Document], first: int, pipeline: Pipeline, actors: Any,
                  timeout: float | None) -> dict[str, pd.DataFrame]:
    errors = {}
    for i, doc in enumerate(docs):
        _, err = _annotate_one(doc, actors, pipeline, timeout)
        if err is not None:
            errors[i] = err
    return document_tables(docs, first=first, errors=errors)


def _warm(digest: str, run: tuple[Pipeline, Any]) -> int:
    _worker_setup(digest, run)
    return os.getpid()


def analyze_chunks(
    chunks: Iterable[Sequence[Document]],
    *,
    actors: Mapping[str, Any] | None = None,
    n_jobs: int | None = 1,
    progress: bool = True,
    pipeline: Pipeline | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    total: int | None = None,
    batch_size: int | None = None,
    first: int = 0,
) -> Iterator[Piece]:
    """Analyse a corpus given in chunks and yield, chunk by chunk and in order, a
    :class:`Piece`: the table rows of the chunk's documents. Nothing but rows is kept: a
    document is dropped once its rows are made, so memory does not grow with the corpus.

    Parameters
    ----------
    chunks : iterable of Corpus or of lists of Document
        Read lazily (one chunk ahead per worker); a Corpus chunk (from
        :func:`framing.io.iter_jsonl` and its siblings) brings its ``problems`` and
        ``warnings`` along into the Piece.
    n_jobs : int, default 1
        Worker processes; ``-1`` uses every core. On Linux the workers are forked from this
        process once it has loaded the models, so they inherit them and start at once;
        elsewhere (macOS, Windows), and while another Python thread of this process runs,
        joblib's loky starts them and each loads the models once. Workers analyse batches of ``batch_size`` documents and send back rows. The rows
        are the same whatever ``n_jobs``.
    total : int, optional
        Input rows expected, for the progress bar.
    batch_size : int, optional
        Documents per task of a worker; default: a chunk cut in ``4 * n_jobs`` batches of
        10 to 200 documents.
    first : int, default 0
        Position (``doc``) of the first document (a run that resumes after a prefix).
    actors, progress, pipeline, timeout
        As in :func:`analyze_corpus`. The progress bar starts after the models have loaded.

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> corpus = load_sample()
    >>> pieces = list(analyze_chunks([corpus[:10], corpus[10:]], progress=False))
    >>> [(p.n_documents, len(p.tables["articles"])) for p in pieces]
    [(10, 10), (6, 6)]
    >>> list(pieces[1].tables["articles"]["doc"])
    [10, 11, 12, 13, 14, 15]
    """
    if actors is not None and not isinstance(actors, Mapping):
        raise TypeError(BAD_ACTORS.format(type=type(actors).__name__))
    p = as_pipeline(pipeline)
    workers = _n_workers(n_jobs)
    if workers == 1:
        yield from _chunks_here(chunks, actors, p, timeout, progress, total, first)
    else:
        yield from _chunks_parallel(chunks, actors, p, timeout, progress, total, first,
                                    workers, batch_size)


def _n_workers(n_jobs: int | None) -> int:
    if n_jobs in (None, 0, 1):
        return 1
    from joblib import effective_n_jobs

    return max(1, int(effective_n_jobs(n_jobs)))


def _progress_bar(progress: bool, total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, desc="framing", unit="article", disable=not progress)


def _chunks_here(chunks, actors, pipeline, timeout, progress, total, first) -> Iterator[Piece]:
    if progress:
        warm_up(pipeline, actors)
    bar = _progress_bar(progress, total)
    try:
        for chunk in chunks:
            docs = list(chunk)
            problems = list(getattr(chunk, "problems", ()))
            errors = {}
            for i, doc in enumerate(docs):
                _, err = _annotate_one(doc, actors, pipeline, timeout)
                if err is not None:
                    errors[i] = err
                bar.update()
            bar.update(len(problems))
            tables = document_tables(docs, first=first, errors=errors)
            first += len(docs)
            yield Piece(tables, len(docs), problems, list(getattr(chunk, "warnings", ())))
    finally:
        bar.close()


def _fork_available() -> bool:
    """True where worker processes are forked from this one: on Linux, in a process with no
    other Python thread. Forked workers inherit the imported modules and the loaded models
    (copy-on-write) and start in milliseconds. Elsewhere workers are started afresh by
    joblib's loky and each imports framing and loads the models once: on macOS (forking a
    process that has used system frameworks is unsafe), on Windows (no fork), and in a
    process with other Python threads (a Jupyter kernel, a web server), which might hold a
    lock at the moment of the fork that the worker would then wait for forever."""
    import multiprocessing

    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and _no_other_thread())


def _no_other_thread() -> bool:
    """True when this is the only Python thread, apart from tqdm's monitor (a disabled
    progress bar starts it and it never ends; it only takes tqdm's own lock, which the
    workers never use)."""
    others = [t for t in threading.enumerate() if t is not threading.current_thread()]
    if not others:
        return True
    try:
        from tqdm._monitor import TMonitor
    except ImportError:
        return False
    return all(isinstance(t, TMonitor) for t in others)


_FORKED: tuple[Pipeline, Any] | None = None  # a forked worker's pipeline and actor table


def _adopt(pipeline: Pipeline, actors: Any) -> None:
    """Initializer of a forked worker: keep the parent's warmed-up pipeline (inherited, never
    pickled)."""
    global _FORKED
    _FORKED = (pipeline, actors)


def _fork_pool(workers: int, pipeline: Pipeline, actors: Any):
    """``workers`` processes forked from this one once ``pipeline`` has loaded its models.

    The objects alive now are frozen (``gc.freeze``) while the workers start, so that the
    workers' garbage collector never writes to them (a write would copy their memory pages).
    The workers start at the first task, which is given here, before any thread of this run
    (the progress bar's, the pool's own) exists.
    """
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    warm_up(pipeline, actors)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_adopt, initargs=(pipeline, actors))
    gc.freeze()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about the threads of native libraries (OpenBLAS's pool),
            # which handle a fork themselves; no other Python thread exists (_fork_available)
            warnings.filterwarnings("ignore", message=r"This process .* is multi-threaded",
                                    category=DeprecationWarning)
            # forks every worker (Python 3.11+ forks them all at the first task)
            for started in [pool.submit(os.getpid) for _ in range(workers)]:
                started.result()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    return pool


def _in_order(pool: Any, calls: Iterator[tuple[Any, tuple]], window: int) -> Iterator[Any]:
    """Results of ``pool.submit(f, *args)`` for ``calls``, in order, with at most ``window``
    calls submitted and not yet taken (memory stays bounded; the workers always have work)."""
    from collections import deque

    futures: deque[Any] = deque()
    try:
        for f, args in calls:
            futures.append(pool.submit(f, *args))
            while len(futures) >= window:
                yield futures.popleft().result()
        while futures:
            yield futures.popleft().result()
    finally:
        for future in futures:
            future.cancel()


@contextmanager
def _workers(workers: int, pipeline: Pipeline, actors: Any, progress: bool):
    """The worker processes of a run: yields ``(in_order, digest, run)``, where
    ``in_order(calls)`` runs ``f(*args)`` for every ``(f, args)`` of ``calls`` in the workers
    and yields the results in order, and ``digest, run`` are the last two arguments of a task
    (:func:`analyze_batch`, :func:`annotate_batch`): None, None for forked workers, which
    inherit the pipeline. Make the progress bar inside the block: forked workers start
    before it (and its thread) exists."""
    if _fork_available():
        pool = _fork_pool(workers, pipeline, actors)
        try:
            yield (lambda calls: _in_order(pool, calls, 4 * workers)), None, None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    from joblib import Parallel, delayed

    digest, run = _run_key(pipeline, actors)
    parallel = Parallel(n_jobs=workers, return_as="generator", pre_dispatch="2*n_jobs")
    if progress:  # each worker loads the models before the bar starts
        list(parallel(delayed(_warm)(digest, run) for _ in range(workers)))
    yield (lambda calls: parallel(delayed(f)(*args) for f, args in calls)), digest, run


def _chunks_parallel(chunks, actors, pipeline, timeout, progress, total, first, workers,
                     batch_size) -> Iterator[Piece]:
    with _workers(workers, pipeline, actors, progress) as (in_order, digest, run):
        bar = _progress_bar(progress, total)
        # the chunks in flight, in order: [documents, tasks, problems, warnings, tables so far];
        # filled by the task generator (which joblib may run in its own thread)
        pending: list[list[Any]] = []
        here: dict[int, dict[str, pd.DataFrame]] = {}  # tables of batches analysed in this process
        keys = itertools.count()

        def tasks():
            nonlocal first
            for chunk in chunks:
                docs = list(chunk)
                size = batch_size or min(200, max(10, math.ceil(len(docs) / (4 * workers))))
                batches = [docs[i:i + size] for i in range(0, len(docs), size)]
                pending.append([len(docs), max(1, len(batches)), list(getattr(chunk, "problems", ())),
                                list(getattr(chunk, "warnings", ())), []])
                if not batches:  # a chunk of unreadable rows only
                    yield _local, (None,)
                for batch in batches:
                    if any(_picklable(d) is not None for d in batch):
                        # a document whose meta cannot be pickled cannot go to a worker: its
                        # batch is analysed here instead of failing the run
                        key = next(keys)
                        here[key] = _batch_tables(batch, first, pipeline, actors, timeout)
                        yield _local, (key,)
                    else:
                        yield analyze_batch, (batch, first, digest, run, timeout)
                    first += len(batch)

        try:
            for result in in_order(tasks()):
                entry = pending[0]
                if isinstance(result, int):
                    result = here.pop(result)
                if result is not None:
                    entry[4].append(result)
                    bar.update(len(result["articles"]))
                if len(entry[4]) >= entry[1] or result is None:
                    pending.pop(0)
                    bar.update(len(entry[2]))
                    yield Piece(join_tables(entry[4]), entry[0], entry[2], entry[3])
        finally:
            bar.close()


def _local(value: Any) -> Any:
    return value
