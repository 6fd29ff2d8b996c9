"""The one-call conveniences: analyse (a pipeline), compare (tables) and render (a report).

:func:`report` is the only place where the three meet; the layers below it stay apart:
:mod:`framing.reporting` renders an Analysis and its Comparison, :mod:`framing.analysis`
compares tables, :mod:`framing.pipeline` runs the steps.
"""

from __future__ import annotations

from framing.analysis import Analysis, Comparison, compare
from framing.corpus import Corpus
from framing.pipeline import Pipeline, analyze
from framing.reporting import Report, summarize

__all__ = ["analyze", "report"]

NOT_AN_ANALYSIS = "report() takes an Analysis or a Corpus, got {type}"
PIPELINE_WITH_ANALYSIS = ("pipeline= applies when report() analyses a Corpus; this Analysis was "
                          "already made (pass the pipeline to corpus.analyze() instead)")


def report(
    analysis: Analysis | Corpus,
    *,
    pipeline: Pipeline | None = None,
    by: str = "outlet",
    within: str | None = "story",
    actors: list[str] | None = None,
    comparison: Comparison | None = None,
    title: str = "How outlets frame the same stories",
    max_actors: int = 8,
    snippets: int = 2,
    figures: bool = True,
    n_boot: int = 1000,
    n_perm: int = 1000,
    random_state: int = 0,
    progress: bool = True,
) -> Report:
    """Build the outlet comparison report of an analysis.

    Parameters
    ----------
    analysis : Analysis or Corpus
        A corpus is analysed first (without a progress bar), with ``pipeline``.
    pipeline : Pipeline, optional
        The pipeline that analyses a corpus (default :meth:`framing.Pipeline.default`); to
        report on an Analysis made with another pipeline, pass it to ``corpus.analyze()``.
    by, within : str
        Group and story columns, as in :func:`framing.compare`.
    actors : list of str, optional
        Actors to show; default the ``max_actors`` most mentioned.
    comparison : Comparison, optional
        Reuse a comparison already computed (its ``by`` and ``within`` win).
    title : str
    snippets : int, default 2
        Evidence sentences per kind of evidence and group.
    figures : bool, default True
        Draw the figures (inline SVG in the HTML form).
    n_boot, n_perm, random_state
        Passed to :func:`framing.compare`.
    progress : bool, default True
        Show progress bars (tqdm, on standard error): the comparison's, then the report's
        stages (evidence, article view, frame examples, figures).

    Returns
    -------
    Report

    Examples
    --------
    >>> import framing, tempfile, pathlib
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    >>> rep = framing.report(analysis, by="outlet", n_boot=200)
    >>> path = rep.write(pathlib.Path(tempfile.mkdtemp()) / "report.html")
    >>> "<svg" in path.read_text(encoding="utf-8")
    True
    """
    if isinstance(analysis, Corpus):
        analysis = analysis.analyze(progress=False, pipeline=pipeline)
    elif pipeline is not None:
        raise ValueError(PIPELINE_WITH_ANALYSIS)
    if not isinstance(analysis, Analysis):
        raise TypeError(NOT_AN_ANALYSIS.format(type=type(analysis).__name__))
    if comparison is None:
        comparison = compare(analysis, by, within, actors=actors,
                             max_actors=max(max_actors, len(actors or ())),
                             n_boot=n_boot, n_perm=n_perm, random_state=random_state,
                             progress=progress)
    summary = summarize(analysis, comparison, title=title, max_actors=max_actors,
                        snippets=snippets, figures=figures, progress=progress)
    return Report(summary)
