"""The corpus run: a pipeline on every document, every failure kept, the evidence as tables.

Above the pipeline (it runs it) and below the report and the figures (they read the
:class:`~framing.Analysis` it returns and never run anything). Not imported by
``framing.analysis`` itself, so that reading tables never loads the pipeline.
"""

from __future__ import annotations

import pickle
import signal
import threading
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import Any

from framing.analysis.tables import Analysis
from framing.document import Document
from framing.pipeline import BAD_ACTORS, Pipeline, as_pipeline, actors_for, annotate

__all__ = ["analyze_corpus", "DEFAULT_TIMEOUT", "ArticleTimeout"]


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
):
    """Run a pipeline on every document of a corpus and lay the evidence out as tables.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
    actors : mapping, optional
        An actor table (canonical name -> aliases) for every document, or a mapping of story
        -> actor table (the layout of :func:`framing.datasets.load_sample_actors`).
    n_jobs : int, default 1
        Worker processes (joblib); ``-1`` uses every core. Results keep the input order.
    progress : bool, default True
        Show a progress bar (tqdm, on standard error).
    pipeline : Pipeline, optional
        Default :meth:`Pipeline.default`.
    timeout : float or None, default 600
        Seconds one article may take (wall clock). An article that takes longer gets
        ``status == "error"`` with the reason "timed out after N s", and the run goes on.
        ``None`` or 0: no limit. Needs ``SIGALRM`` (Unix); elsewhere, and when the run is
        not in a process's main thread, there is no limit.

    Returns
    -------
    Analysis
        Failures are caught per article and recorded with their reason in
        ``Analysis.articles`` (``status == "error"``); nothing is dropped. The documents are
        annotated in place (also with ``n_jobs > 1``): ``Analysis.documents`` are the
        corpus's own Document objects, now with their evidence.

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
    docs = list(corpus)
    problems = list(getattr(corpus, "problems", ()))
    from tqdm import tqdm

    bar = tqdm(total=len(docs), desc="framing", unit="article", disable=not progress)
    results: list[tuple[Document, str | None]] = []
    try:
        if n_jobs in (1, None) or len(docs) < 2:
            for doc in docs:
                results.append(_annotate_one(doc, actors, p, timeout))
                bar.update()
        else:
            from joblib import Parallel, delayed

            # a document whose meta cannot be pickled (a lock, an open file) cannot go to a
            # worker: it is analysed here, after the others, instead of failing the whole run
            local = {i for i, d in enumerate(docs) if _picklable(d) is not None}
            sent = [i for i in range(len(docs)) if i not in local]
            by_index: dict[int, tuple[Document, str | None]] = {}
            parallel = Parallel(n_jobs=n_jobs, return_as="generator")
            for i, (copy, err) in zip(sent, parallel(delayed(_annotate_one)(docs[i], actors, p, timeout)
                                                     for i in sent)):
                docs[i].__dict__.update(copy.__dict__)  # the workers annotated copies
                by_index[i] = (docs[i], err)
                bar.update()
            for i in sorted(local):
                by_index[i] = _annotate_one(docs[i], actors, p, timeout)
                bar.update()
            results = [by_index[i] for i in range(len(docs))]
    finally:
        bar.close()
    errors = {i: err for i, (_, err) in enumerate(results) if err is not None}
    return Analysis.from_documents([d for d, _ in results], errors=errors, problems=problems)
