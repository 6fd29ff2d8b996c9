"""The same corpus run on a Dask cluster (``pip install framing-analysis[dask]``).

:func:`analyze_dask` is :func:`framing.analysis.stream.analyze_stream` with the chunks
analysed by the workers of a ``distributed.Client``: a ``LocalCluster`` on one machine, or a
real cluster (see ``docs/scale.md``). The input is read and the tables are written (or
joined) by the process that calls it; the workers get batches of documents and send back
table rows. The pipeline and actor table go to the cluster once (as the result of a task,
which Dask recomputes if the worker holding it is lost) and each worker process loads the
models once. A worker lost mid-run costs only its tasks, which Dask runs again elsewhere. The tables are the same as a run in one process.
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from framing.analysis.run import (
    DEFAULT_CHUNK_SIZE,
    DEFAULT_TIMEOUT,
    Piece,
    _batch_tables,
    _run_key,
    _picklable,
    _progress_bar,
    analyze_batch,
)
from framing.analysis.tables import Analysis, join_tables
from framing.document import Document
from framing.pipeline import Pipeline, as_pipeline

__all__ = ["analyze_dask", "dask_engine", "NO_DASK"]

NO_DASK = ("running on Dask needs dask and distributed: pip install 'framing-analysis[dask]' "
           "(or pip install 'dask[distributed]')")


# Dask's log of the last messages of a connection, which hold the batches of documents sent
# (see analyze_dask's Notes); a Client that analyze_dask makes keeps none
_NO_MESSAGE_LOG = {"distributed.admin.low-level-log-length": 0}


def _distributed() -> tuple[Any, Any]:
    """``dask`` and ``distributed``, or the error that says how to install them."""
    try:
        import dask
        import distributed
    except ImportError:
        raise ImportError(NO_DASK) from None
    return dask, distributed


def dask_engine(client: Any, *, batch_size: int | None = None, chunks_in_flight: int | None = None):
    """An engine for :func:`~framing.analysis.stream.analyze_stream` that analyses each chunk
    on the workers of ``client`` (a ``distributed.Client``), in batches of ``batch_size``
    documents (default: a chunk cut in two batches per worker thread, 10 to 200
    documents). At most ``chunks_in_flight`` chunks (default: 2 + the number of worker
    threads) are on the cluster at once, so memory stays bounded; results come back in order.
    """

    def engine(chunks: Iterable[Sequence[Document]], *, actors: Mapping[str, Any] | None = None,
               n_jobs: int | None = None, progress: bool = True, pipeline: Pipeline | None = None,
               timeout: float | None = DEFAULT_TIMEOUT, total: int | None = None,
               first: int = 0) -> Iterator[Piece]:
        return _dask_chunks(client, chunks, actors, as_pipeline(pipeline), timeout, progress,
                            total, first, batch_size, chunks_in_flight)

    return engine


def _threads(client: Any) -> int:
    info = client.scheduler_info()
    return max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()))


def _dask_chunks(client, chunks, actors, pipeline, timeout, progress, total, first, batch_size,
                 chunks_in_flight) -> Iterator[Piece]:
    digest, run = _run_key(pipeline, actors)
    # the pipeline goes to the cluster once, as the result of a task (not Client.scatter:
    # scattered data is lost with the worker that holds it, a task's result is recomputed)
    shared = client.submit(_same, run, pure=False)
    threads = _threads(client)
    limit = chunks_in_flight or threads + 2
    bar = _progress_bar(progress, total)
    in_flight: deque[tuple[int, list, list, list]] = deque()

    def finish() -> Piece:
        n_docs, problems, warnings, parts = in_flight.popleft()
        tables = [p if isinstance(p, dict) else p.result() for p in parts]
        bar.update(n_docs + len(problems))
        return Piece(join_tables(tables), n_docs, problems, warnings)

    try:
        for chunk in chunks:
            docs = list(chunk)
            size = batch_size or min(200, max(10, math.ceil(len(docs) / (2 * threads))))
            parts: list[Any] = []
            for i in range(0, len(docs), size):
                batch = docs[i:i + size]
                if any(_picklable(d) is not None for d in batch):  # cannot travel: done here
                    parts.append(_batch_tables(batch, first, pipeline, actors, timeout))
                else:
                    parts.append(client.submit(analyze_batch, batch, first, digest, shared,
                                               timeout, pure=False))
                first += len(batch)
            in_flight.append((len(docs), list(getattr(chunk, "problems", ())),
                              list(getattr(chunk, "warnings", ())), parts))
            while len(in_flight) > limit:
                yield finish()
        while in_flight:
            yield finish()
    finally:
        for _, _, _, parts in in_flight:  # a run that stops early cancels what is left
            client.cancel([p for p in parts if not isinstance(p, dict)])
        bar.close()


def _same(value: Any) -> Any:
    return value


def analyze_dask(
    source: Any,
    client: Any = None,
    out: str | os.PathLike[str] | None = None,
    *,
    actors: Mapping[str, Any] | None = None,
    pipeline: Pipeline | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int | None = None,
    progress: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    errors: str = "report",
    overwrite: bool = False,
    **columns: Any,
) -> Any:
    """Analyse a corpus on a Dask cluster: :func:`~framing.analysis.stream.analyze_stream`
    with the chunks analysed by the workers of ``client``.

    Parameters
    ----------
    source, out, actors, pipeline, chunk_size, progress, errors, overwrite, columns
        As in :func:`~framing.analysis.stream.analyze_stream` (``out``: a folder of Parquet
        tables on the machine that calls this, resumable).
    client : distributed.Client or str, optional
        The cluster: a Client, or a scheduler address (``"tcp://host:8786"``; the Client made
        for it keeps no log of its messages, see Notes). Default: the current client
        (``distributed.get_client()``).
    batch_size : int, optional
        Documents per task; see :func:`dask_engine`.
    timeout : float or None
        As in :meth:`framing.Corpus.analyze`, but Dask runs tasks in worker threads, where
        the per-article time limit (``SIGALRM``) cannot apply: articles run without limit.

    Returns
    -------
    Analysis or TableStore
        The same tables as ``Corpus.analyze()`` in one process.

    Notes
    -----
    Dask keeps, for debugging, the last ``distributed.admin.low-level-log-length`` messages
    (default 1000) of each connection, those under 1 MB. The scheduler's message that starts
    a task holds the task's batch of documents, so the scheduler's process (the one that
    calls this, with a ``LocalCluster``) keeps most of the documents sent until each
    worker's connection has logged 1000 messages.
    Create the cluster and the client with no such log::

        with dask.config.set({"distributed.admin.low-level-log-length": 0}):
            cluster = LocalCluster(n_workers=2)
            client = Client(cluster)

    (a scheduler started on its own reads it from its Dask configuration, e.g. the variable
    ``DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH=0``). The value also bounds the events
    and transitions the scheduler and workers keep for ``Client.get_events`` and ``story``.
    """
    from framing.analysis.stream import analyze_stream

    dask, distributed = _distributed()
    own = None
    if client is None:
        client = distributed.get_client()
    elif isinstance(client, str):
        with dask.config.set(_NO_MESSAGE_LOG):  # read when the Client connects: its own log only
            client = own = distributed.Client(client)
    try:
        result: Analysis | Any = analyze_stream(
            source, out, actors=actors, pipeline=pipeline, chunk_size=chunk_size,
            progress=progress, timeout=timeout, errors=errors, overwrite=overwrite,
            engine=dask_engine(client, batch_size=batch_size), **columns)
    finally:
        if own is not None:
            own.close()
    return result
