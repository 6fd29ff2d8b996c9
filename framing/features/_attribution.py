"""AttributionFeatures: how a text reports speech, as counts and shares."""

from __future__ import annotations

from typing import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.attribution import KINDS, STANCES, extract_attributions, find_quotations, reporting_verbs
from framing.document import Document
from framing.text import paragraphs

__all__ = ["AttributionFeatures"]

BARE_STRING = "AttributionFeatures expects an iterable of texts, got a single string"
NOT_A_STRING = "AttributionFeatures expects strings, got {}"
BAD_PER_WORDS = "per_words must be a positive number or None, got {!r}"

_NAMES = (
    [f"{k}" for k in KINDS]
    + ["total", "anonymous_share"]
    + [f"{s}_share" for s in STANCES]
    + ["quoted_text_share"]
)


class AttributionFeatures(TransformerMixin, BaseEstimator):
    """Attributed speech per text: attributions by kind, anonymous share, cue-stance shares
    and the share of the text inside quotation marks.

    Each text goes through page-clutter removal (:func:`framing.clutter.find_clutter`,
    so credits and datelines never count) and :func:`framing.attribution.extract_attributions`.

    Parameters
    ----------
    per_words : float or None, default=1000
        Counts by kind and the total are rates per this many words; ``None`` gives raw counts.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``attribution__direct``, ``attribution__indirect``, ``attribution__mixed``,
        ``attribution__according_to``, ``attribution__total`` (rates or counts),
        ``attribution__anonymous_share`` (share of attributions with an unnamed or vague
        source), ``attribution__neutral_share``, ``attribution__doubt_share``,
        ``attribution__endorse_share``, ``attribution__emotive_share`` (shares of
        attributions by cue stance; 0 when the text has none),
        ``attribution__quoted_text_share`` (characters inside quotation marks over the
        characters of the article's paragraphs).
    n_features_in_ : int
        Always 1 (one text per row).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> texts = [d.text for d in load_sample()]
    >>> X = AttributionFeatures().fit_transform(texts)
    >>> X.shape
    (16, 11)
    >>> AttributionFeatures().fit(texts).get_feature_names_out()[[0, 6]].tolist()
    ['attribution__direct', 'attribution__neutral_share']
    """

    def __init__(self, *, per_words: float | None = 1000):
        self.per_words = per_words

    def fit(self, X: Iterable[str], y=None) -> "AttributionFeatures":
        """Check the texts and the parameters; load the lexicon. Returns ``self``."""
        _check_texts(X)
        if self.per_words is not None and (
            isinstance(self.per_words, bool)
            or not isinstance(self.per_words, (int, float))
            or self.per_words <= 0
        ):
            raise ValueError(BAD_PER_WORDS.format(self.per_words))
        reporting_verbs()
        self.feature_names_out_ = np.array([f"attribution__{n}" for n in _NAMES], dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """One row of features per text."""
        check_is_fitted(self, "feature_names_out_")
        texts = _check_texts(X)
        rows = [self._row(t) for t in texts]
        return np.array(rows, dtype=float).reshape(len(texts), len(_NAMES))

    def _row(self, text: str) -> list[float]:
        from framing.clutter import find_clutter

        doc = Document(text)
        doc.clutter = find_clutter(text).spans
        atts = extract_attributions(doc)
        scale = 1.0 if self.per_words is None else self.per_words / max(doc.word_count, 1)
        n = len(atts)
        by_kind = [scale * sum(1 for a in atts if a.kind == k) for k in KINDS]
        shares = [
            (sum(1 for a in atts if a.anonymous) / n) if n else 0.0,
            *[(sum(1 for a in atts if a.cue_stance == s) / n) if n else 0.0 for s in STANCES],
        ]
        paras = paragraphs(text, doc.clutter)
        total = sum(p.length for p in paras)
        quoted = sum(q.span.length for q in find_quotations(text, paras))
        return [*by_kind, scale * n, *shares, (quoted / total) if total else 0.0]

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Readable output column names (``attribution__doubt_share``, ...)."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


def _check_texts(X) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise ValueError(BARE_STRING)
    texts = list(X)
    for t in texts:
        if not isinstance(t, str):
            raise ValueError(NOT_A_STRING.format(type(t).__name__))
    return texts
