"""EvaluativeFeatures: evaluative language per text, by voice and polarity."""

from __future__ import annotations

import numpy as np

from framing.document import Document
from framing.extract.evaluative import evaluative_lexicon, scare_quotes
from framing.features._base import EvidenceFeatures, check_per_words

__all__ = ["EvaluativeFeatures"]

_BASE = [
    "author_positive", "author_negative", "quoted_positive", "quoted_negative",
    "author_mean_intensity", "quoted_mean_intensity",
    "author_loaded_labels", "quoted_loaded_labels", "author_distancing",
]


class EvaluativeFeatures(EvidenceFeatures):
    """Evaluative language per text: density by voice and polarity, mean intensity, loaded
    labels and distancing markers.

    Counts come from :func:`framing.extract.evaluative.extract_evaluations` after the evidence steps
    of the default pipeline (:func:`framing.extract.run.annotate_evidence`), so voice comes from
    the attributions found and quoted words are kept apart from the author's.

    Parameters
    ----------
    per_words : float or None, default=1000
        Rates per this many words; ``None`` gives raw counts.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``evaluative__author_positive``, ``evaluative__author_negative``,
        ``evaluative__quoted_positive``, ``evaluative__quoted_negative`` (rates),
        ``evaluative__author_mean_intensity``, ``evaluative__quoted_mean_intensity`` (0 when
        none), ``evaluative__author_loaded_labels``, ``evaluative__quoted_loaded_labels``
        (loaded labels, emotive verbs and idioms, rates), ``evaluative__author_distancing``
        ("so-called" and scare quotes in the author's voice, rate).
    n_features_in_ : int
        Always 1 (one text per row).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> texts = [d.text for d in load_sample()]
    >>> X = EvaluativeFeatures().fit_transform(texts)
    >>> X.shape
    (16, 9)
    >>> EvaluativeFeatures().fit(texts).get_feature_names_out()[:2].tolist()
    ['evaluative__author_positive', 'evaluative__author_negative']
    """

    prefix = "evaluative"

    def __init__(self, *, per_words: float | None = 1000):
        self.per_words = per_words

    def _check_params(self) -> None:
        check_per_words(self.per_words, allow_none=True)
        evaluative_lexicon()

    def _names(self) -> list[str]:
        return list(_BASE)

    def _row(self, doc: Document) -> list[float]:
        evs = doc.evaluative
        scale = 1.0 if self.per_words is None else self.per_words / max(doc.word_count, 1)

        def count(pred) -> float:
            return scale * sum(1 for e in evs if pred(e))

        def mean_int(voice: str) -> float:
            vals = [e.intensity for e in evs if e.voice == voice]
            return float(np.mean(vals)) if vals else 0.0

        loaded = ("label", "emotive_verb", "idiom")
        n_scare = len(scare_quotes(doc))
        return [
            count(lambda e: e.voice == "author" and e.polarity > 0),
            count(lambda e: e.voice == "author" and e.polarity < 0),
            count(lambda e: e.voice == "quoted" and e.polarity > 0),
            count(lambda e: e.voice == "quoted" and e.polarity < 0),
            mean_int("author"),
            mean_int("quoted"),
            count(lambda e: e.voice == "author" and e.kind in loaded),
            count(lambda e: e.voice == "quoted" and e.kind in loaded),
            count(lambda e: e.voice == "author" and e.kind == "distancing") + scale * n_scare,
        ]
