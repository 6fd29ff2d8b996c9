"""framing: media bias and framing analysis with traceable evidence.

Text comes in, evidence comes out as character-offset spans (attributed speech, hedges,
evaluative language, actors), evidence is counted into scikit-learn features, and
everything is grouped by outlet, story and actor for comparison.
"""

from framing._records import (
    ActorRole,
    ActorSentiment,
    Attribution,
    Cue,
    Evaluation,
    Mention,
    Span,
)
from framing.corpus import Corpus, Problem, ReadError, read_csv, read_jsonl
from framing.document import Document
from framing.html import read_html
from framing.pipeline import analyze
from framing.analysis import Analysis
from framing.comparison import compare
from framing import plot
from framing.reporting import Report, report

__version__ = "0.1.0.dev0"

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
    "Problem",
    "ReadError",
    "Report",
    "Span",
    "analyze",
    "compare",
    "plot",
    "read_csv",
    "read_html",
    "read_jsonl",
    "report",
    "__version__",
]
