"""Tables and comparisons: what a corpus run gives, and how groups differ.

:class:`Analysis` lays annotated documents out as tidy tables (:mod:`~framing.analysis.tables`);
:func:`compare` compares groups with intervals and tests (:mod:`~framing.analysis.compare`,
:mod:`~framing.analysis.statistics`). Nothing here runs the pipeline: an ``Analysis`` comes
from :func:`framing.analysis.run.analyze_corpus` (``corpus.analyze()``) or from documents whose
evidence is filled (:meth:`Analysis.from_documents`).
"""

from framing.analysis.compare import (
    ACTOR_METRICS,
    ARTICLE_METRICS,
    Comparison,
    Metric,
    compare,
    json_records,
)
from framing.analysis.roles import role_differences, role_shares
from framing.analysis.tables import (
    KINDS,
    STANCES,
    STATUS_ERROR,
    STATUS_OK,
    Analysis,
    document_from_record,
)

__all__ = [
    "ACTOR_METRICS", "ARTICLE_METRICS", "KINDS", "STANCES", "STATUS_ERROR", "STATUS_OK",
    "Analysis", "Comparison", "Metric", "compare", "document_from_record", "json_records",
    "role_differences", "role_shares",
]
