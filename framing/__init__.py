"""framing: media bias and framing analysis with traceable evidence.

Text comes in, evidence comes out as character-offset spans (attributed speech, hedges,
evaluative language, actors), evidence is counted into scikit-learn features, and
everything is grouped by outlet, story and actor for comparison.

The flow, one subpackage or module per stage: :mod:`framing.io` (files in) ->
:mod:`framing.document` / :mod:`framing.corpus` (the data model) -> :mod:`framing.pipeline`
(the steps: text layer and extractors) -> :mod:`framing.analysis` (tables, compare) ->
:mod:`framing.viz` and :mod:`framing.reporting` (figures and reports out).
"""

from framing.records import (
    ActorRole,
    ActorSentiment,
    Attribution,
    Cue,
    Evaluation,
    Mention,
    SentenceBias,
    Span,
)
from framing._version import __version__
from framing.corpus import Corpus, Problem, ReadError
from framing.document import Document
from framing.io import read_csv, read_html, read_jsonl
from framing.pipeline import Pipeline, Step
from framing.analysis import Analysis, compare
from framing.viz import plot
from framing.viz.display import render_document as _render_document
from framing.reporting import Report
from framing.api import analyze, report

# The data model imports no presentation code; the package root, which sees both, gives a
# Document its Jupyter view (the text with its evidence highlighted).
Document._repr_html_ = _render_document  # type: ignore[attr-defined]

__all__ = [
    "ActorRole",
    "ActorSentiment",
    "Analysis",
    "Attribution",
    "Corpus",
    "Cue",
    "Document",
    "Evaluation",
    "Mention",
    "Pipeline",
    "Problem",
    "ReadError",
    "Report",
    "SentenceBias",
    "Span",
    "Step",
    "analyze",
    "compare",
    "plot",
    "read_csv",
    "read_html",
    "read_jsonl",
    "report",
    "__version__",
]
