"""FramingFeatures: every evidence transformer at once, on one analysis per text."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from framing.document import Document
from framing.features._attribution import AttributionFeatures
from framing.features._base import EvidenceFeatures, check_per_words
from framing.features._evaluative import EvaluativeFeatures
from framing.features._hedging import HedgingFeatures

__all__ = ["FramingFeatures"]


class FramingFeatures(EvidenceFeatures):
    """Attribution, hedging and evaluative features side by side.

    The same columns as :class:`AttributionFeatures`, :class:`HedgingFeatures` and
    :class:`EvaluativeFeatures` (in that order), but each text is analysed once and all
    three count the same evidence. Use it as the first step of a scikit-learn pipeline, or
    in a ``FeatureUnion`` with n-gram features.

    Parameters
    ----------
    per_words : float, default=1000
        Counts are rates per this many words (shares stay shares).

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``attribution__*``, ``hedging__*`` and ``evaluative__*`` columns.
    n_features_in_ : int
        Always 1 (one text per row).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> texts = [d.text for d in load_sample()][:4]
    >>> est = FramingFeatures().set_output(transform="pandas")
    >>> X = est.fit_transform(texts)
    >>> X.shape[0], X.columns[0], "hedging__hedge" in X.columns
    (4, 'attribution__direct', True)
    """

    def __init__(self, *, per_words: float = 1000):
        self.per_words = per_words

    def _parts(self) -> list[EvidenceFeatures]:
        return [
            AttributionFeatures(per_words=self.per_words),
            HedgingFeatures(per_words=self.per_words, voice=True),
            EvaluativeFeatures(per_words=self.per_words),
        ]

    def _check_params(self) -> None:
        check_per_words(self.per_words, allow_none=False)
        for part in self._parts():
            part._check_params()

    def fit(self, X, y=None):
        """Check the texts and the parameters, fix the output columns. Returns ``self``."""
        super().fit(X, y)
        self.feature_names_out_ = np.array(
            [f"{p.prefix}__{n}" for p in self._parts() for n in p._names()], dtype=object
        )
        return self

    def _names(self) -> list[str]:
        return []  # fit builds the prefixed names from the parts

    def _row(self, doc: Document) -> list[float]:
        return [v for part in self._parts() for v in part._row(doc)]

    def _rows(self, docs: Sequence[Document]) -> np.ndarray:
        parts = self._parts()
        out = np.zeros((len(docs), len(self.feature_names_out_)), dtype=float)
        for r, doc in enumerate(docs):
            out[r] = [v for part in parts for v in part._row(doc)]
        return out
