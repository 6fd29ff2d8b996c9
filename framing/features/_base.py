"""What every evidence-counting transformer shares: input checks, fit, names, transform.

A subclass names its columns (``_names``), checks its own parameters (``_check_params``)
and counts one analysed document into one row (``_row``). The documents come from
:func:`framing.pipeline.annotate_evidence` (page clutter, attribution, hedging, evaluative
language), run once per text, so every transformer sees the same evidence and
:class:`framing.features.FramingFeatures` can share one analysis between all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.document import Document

BARE_STRING = "{name} expects an iterable of texts, got a single string"
NOT_A_STRING = "{name} expects texts (str), got {type} at position {index}"
BAD_PER_WORDS = "per_words must be a positive number{none}, got {value!r}"


def check_texts(X, name: str) -> list[str]:
    """The texts of ``X`` as a list; ``ValueError`` on a bare string or a non-string item."""
    if isinstance(X, (str, bytes)):
        raise ValueError(BARE_STRING.format(name=name))
    texts = list(X)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise ValueError(NOT_A_STRING.format(name=name, type=type(t).__name__, index=i))
    return texts


def check_per_words(value, *, allow_none: bool) -> None:
    """``ValueError`` unless ``value`` is a positive number (or ``None`` when allowed)."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(BAD_PER_WORDS.format(none=" or None" if allow_none else "", value=value))


def analyze_texts(texts: Sequence[str]) -> list[Document]:
    """One document per text with the evidence of steps 1 to 4 of the pipeline."""
    from framing.pipeline import annotate_evidence

    return [annotate_evidence(Document(t)) for t in texts]


class EvidenceFeatures(TransformerMixin, BaseEstimator):
    """Base class: count the evidence of each text into one row of features."""

    #: Column prefix, e.g. ``"hedging"`` gives ``hedging__hedge``.
    prefix = ""

    def _check_params(self) -> None:
        """Raise ``ValueError`` for a bad parameter (called by ``fit``)."""

    def _names(self) -> list[str]:
        raise NotImplementedError

    def _row(self, doc: Document) -> list[float]:
        raise NotImplementedError

    def _documents(self, texts: Sequence[str]) -> list[Document]:
        return analyze_texts(texts)

    def fit(self, X: Iterable[str], y=None):
        """Check the texts and the parameters, fix the output columns. Returns ``self``."""
        check_texts(X, type(self).__name__)
        self._check_params()
        self.feature_names_out_ = np.array(
            [f"{self.prefix}__{n}" for n in self._names()], dtype=object
        )
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """One row of features per text."""
        check_is_fitted(self, "feature_names_out_")
        texts = check_texts(X, type(self).__name__)
        return self._rows(self._documents(texts))

    def _rows(self, docs: Sequence[Document]) -> np.ndarray:
        out = np.zeros((len(docs), len(self.feature_names_out_)), dtype=float)
        for r, doc in enumerate(docs):
            out[r] = self._row(doc)
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Readable output column names, ``<prefix>__<name>``."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
