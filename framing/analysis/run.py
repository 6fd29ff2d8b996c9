"""The corpus run: a pipeline on every document, every failure kept, the evidence as tables.

Above the pipeline (it runs it) and below the report and the figures (they read the
:class:`~framing.Analysis` it returns and never run anything). Not imported by
``framing.analysis`` itself, so that reading tables never loads the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from framing.analysis.tables import Analysis
from framing.document import Document
from framing.pipeline import BAD_ACTORS, Pipeline, as_pipeline, actors_for, annotate

__all__ = ["analyze_corpus"]


def _annotate_one(doc: Document, actors: Any, pipeline: Pipeline) -> tuple[Document, str | None]:
    try:
        annotate(doc, actors=actors_for(actors, doc.story), pipeline=pipeline)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded with its reason
        return doc, f"{type(exc).__name__}: {exc}"
    return doc, None


def analyze_corpus(
    corpus: Iterable[Document],
    *,
    actors: Mapping[str, Any] | None = None,
    n_jobs: int | None = 1,
    progress: bool = True,
    pipeline: Pipeline | None = None,
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
                results.append(_annotate_one(doc, actors, p))
                bar.update()
        else:
            from joblib import Parallel, delayed

            parallel = Parallel(n_jobs=n_jobs, return_as="generator")
            for doc, (copy, err) in zip(docs, parallel(delayed(_annotate_one)(d, actors, p)
                                                       for d in docs)):
                doc.__dict__.update(copy.__dict__)  # the workers annotated copies
                results.append((doc, err))
                bar.update()
    finally:
        bar.close()
    errors = {i: err for i, (_, err) in enumerate(results) if err is not None}
    return Analysis.from_documents([d for d, _ in results], errors=errors, problems=problems)
