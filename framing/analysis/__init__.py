"""Tables and comparisons: what a corpus run gives, and how groups differ.

:class:`Analysis` lays annotated documents out as tidy tables (:mod:`~framing.analysis.tables`);
:func:`compare` compares groups with intervals and tests (:mod:`~framing.analysis.compare`,
:mod:`~framing.analysis.statistics`); agreement with human coding and ratios with intervals
for a user's own tables (:mod:`~framing.analysis.agreement`); story labels for corpora without
them (:mod:`~framing.analysis.stories`). Nothing here runs the pipeline: an ``Analysis`` comes
from :func:`framing.analysis.run.analyze_corpus` (``corpus.analyze()``) or from documents whose
evidence is filled (:meth:`Analysis.from_documents`).
"""

from framing.analysis.agreement import agreement, classification_scores, group_ratios
from framing.analysis.compare import (
    ACTOR_METRICS,
    ARTICLE_METRICS,
    Comparison,
    Metric,
    compare,
    json_records,
)
from framing.analysis.tables import (
    KINDS,
    STANCES,
    STATUS_ERROR,
    STATUS_OK,
    Analysis,
    document_from_record,
)
from framing.analysis.stories import align_stories, story_pair_scores

__all__ = [
    "ACTOR_METRICS", "ARTICLE_METRICS", "KINDS", "STANCES", "STATUS_ERROR", "STATUS_OK",
    "Analysis", "Comparison", "Metric", "agreement", "align_stories", "classification_scores", "compare", "document_from_record",
    "group_ratios", "json_records", "story_pair_scores",
]
