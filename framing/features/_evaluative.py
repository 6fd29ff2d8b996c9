"""EvaluativeFeatures: evaluative language per text, by voice and polarity."""

from __future__ import annotations

from typing import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.document import Document
from framing.evaluative import extract_evaluations, load_lexicon, scare_quotes

__all__ = ["EvaluativeFeatures"]

BARE_STRING = "EvaluativeFeatures expects an iterable of texts, got a single string"
BAD_PER_WORDS = "per_words must be a positive number or None, got {!r}"

_BASE = [
    "author_positive", "author_negative", "quoted_positive", "quoted_negative",
    "author_mean_intensity", "quoted_mean_intensity",
    "author_loaded_labels", "quoted_loaded_labels", "author_distancing",
]


class EvaluativeFeatures(TransformerMixin, BaseEstimator):
    """Evaluative language per text: density by voice and polarity, mean intensity, loaded
    labels and distancing markers.

    Counts come from :func:`framing.evaluative.extract_evaluations`; as no attributions are
    given for raw texts, voice is computed from the attributions of the default pipeline
    (:func:`framing.analyze`), so quoted words are kept apart from the author's.

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

    def __init__(self, *, per_words: float | None = 1000):
        self.per_words = per_words

    def fit(self, X: Iterable[str], y=None) -> "EvaluativeFeatures":
        _check_texts(X)
        if self.per_words is not None and (
            isinstance(self.per_words, bool) or not isinstance(self.per_words, (int, float))
            or self.per_words <= 0
        ):
            raise ValueError(BAD_PER_WORDS.format(self.per_words))
        load_lexicon()
        self.feature_names_out_ = np.array([f"evaluative__{n}" for n in _BASE], dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        texts = _check_texts(X)
        return np.array([self._row(t) for t in texts], dtype=float).reshape(len(texts), len(_BASE))

    def _row(self, text: str) -> list[float]:
        from framing.pipeline import annotate

        doc = annotate(Document(text))
        evs = doc.evaluations
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

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Readable output column names (``evaluative__author_negative``, ...)."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


def _check_texts(X) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise ValueError(BARE_STRING)
    texts = list(X)
    for t in texts:
        if not isinstance(t, str):
            raise ValueError(f"EvaluativeFeatures expects strings, got {type(t).__name__}")
    return texts
