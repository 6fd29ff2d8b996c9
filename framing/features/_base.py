"""What every evidence-counting transformer shares: input checks, fit, names, transform,
and the cache of analyses.

A subclass names its columns (``_names``), checks its own parameters (``_check_params``)
and counts one analysed document into one row (``_row``). The documents come from
:func:`framing.extract.run.annotate_evidence` (page clutter, attribution, hedging, evaluative
language), run once per text, so every transformer sees the same evidence and
:class:`framing.features.FramingFeatures` can share one analysis between all of them.

Each distinct text is analysed once and kept in a bounded cache (the last
:data:`ANALYSIS_CACHE_SIZE` texts, least recently used first out, keyed by a hash of the
text and checked against the text itself): a grid search that fits and transforms the same
texts in every fold runs the extractors once per text, not once per fold and candidate.
The cache belongs to the process, not to an estimator, so it is never pickled or cloned
with one. Items that are already-analysed :class:`framing.Document` objects (as
:func:`framing.analyze` returns them) are counted as they are, without re-analysis.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.document import Document
from framing.extract.run import annotate_evidence

BARE_STRING = "{name} expects an iterable of texts, got a single string"
NOT_A_STRING = "{name} expects texts (str) or analysed framing.Document objects, got {type} at position {index}"
BAD_PER_WORDS = "per_words must be a positive number{none}, got {value!r}"


ANALYSIS_CACHE_SIZE = 4096
"""Analysed texts kept per process by the feature transformers (least recently used out)."""


class AnalysisCache:
    """A bounded, thread-safe LRU cache of analysed documents, keyed by (kind, text hash).

    ``kind`` names the analysis (``"evidence"``, ``"hedging"``), so two transformers that
    analyse differently never share a document. A hit is checked against the text itself,
    so a hash collision cannot return another text's evidence.

    Parameters
    ----------
    maxsize : int
        Documents kept; ``0`` turns caching off.

    Examples
    --------
    >>> cache = AnalysisCache(maxsize=2)
    >>> calls = []
    >>> def analyse(text):
    ...     calls.append(text)
    ...     return Document(text)
    >>> for t in ["a", "b", "a", "c", "b"]:
    ...     _ = cache.get("demo", t, analyse)
    >>> calls  # "a" reused; "b" was pushed out by "c" and analysed again
    ['a', 'b', 'c', 'b']
    >>> len(cache)
    2
    """

    def __init__(self, maxsize: int = ANALYSIS_CACHE_SIZE):
        self.maxsize = maxsize
        self._docs: OrderedDict[tuple[str, bytes], Document] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._docs)

    def clear(self) -> None:
        """Forget every document."""
        with self._lock:
            self._docs.clear()

    def get(self, kind: str, text: str, analyse: Callable[[str], Document]) -> Document:
        """The document of ``text`` for analysis ``kind``, computed with ``analyse`` on a miss."""
        key = (kind, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        with self._lock:
            doc = self._docs.get(key)
            if doc is not None and doc.text == text:
                self._docs.move_to_end(key)
                return doc
        doc = analyse(text)
        if self.maxsize > 0:
            with self._lock:
                self._docs[key] = doc
                self._docs.move_to_end(key)
                while len(self._docs) > self.maxsize:
                    self._docs.popitem(last=False)
        return doc


ANALYSES = AnalysisCache(ANALYSIS_CACHE_SIZE)
"""The process's cache of analysed texts; ``ANALYSES.clear()`` empties it."""


def check_texts(X, name: str) -> list[str | Document]:
    """The items of ``X`` as a list: texts or analysed documents; ``ValueError`` on a bare
    string or on any other item."""
    if isinstance(X, (str, bytes)):
        raise ValueError(BARE_STRING.format(name=name))
    if getattr(X, "ndim", 1) == 2 and getattr(X, "shape", (0, 1))[1] == 1:
        X = np.asarray(X, dtype=object)[:, 0]  # one column of texts (a DataFrame column)
    texts = list(X)
    for i, t in enumerate(texts):
        if not isinstance(t, (str, Document)):
            raise ValueError(NOT_A_STRING.format(name=name, type=type(t).__name__, index=i))
    return texts


def check_per_words(value, *, allow_none: bool) -> None:
    """``ValueError`` unless ``value`` is a positive number (or ``None`` when allowed)."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(BAD_PER_WORDS.format(none=" or None" if allow_none else "", value=value))


def _annotate_evidence(text: str) -> Document:
    """The evidence of steps 1 to 4 of the default pipeline, for one text."""
    return annotate_evidence(Document(text))


def analyze_texts(texts: Sequence[str | Document], kind: str = "evidence",
                  analyse: Callable[[str], Document] | None = None) -> list[Document]:
    """One document per item: a :class:`framing.Document` as it is, a text analysed once per
    process and ``kind`` (:data:`ANALYSES`), by ``analyse`` (default: steps 1 to 4 of the
    pipeline)."""
    fn = analyse or _annotate_evidence
    return [t if isinstance(t, Document) else ANALYSES.get(kind, t, fn) for t in texts]


class EvidenceFeatures(TransformerMixin, BaseEstimator):
    """Base class: count the evidence of each text into one row of features."""

    #: Column prefix, e.g. ``"hedging"`` gives ``hedging__hedge``.
    prefix = ""

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # texts (or analysed documents), one per row
        tags.input_tags.two_d_array = False  # not a numeric matrix
        return tags

    def _check_params(self) -> None:
        """Raise ``ValueError`` for a bad parameter (called by ``fit``)."""

    def _names(self) -> list[str]:
        raise NotImplementedError

    def _row(self, doc: Document) -> list[float]:
        raise NotImplementedError

    def _documents(self, texts: Sequence[str | Document]) -> list[Document]:
        return analyze_texts(texts)

    def fit(self, X: Iterable[str | Document], y=None):
        """Check the texts and the parameters, fix the output columns. Returns ``self``."""
        check_texts(X, type(self).__name__)
        self._check_params()
        self.feature_names_out_ = np.array(
            [f"{self.prefix}__{n}" for n in self._names()], dtype=object
        )
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str | Document]) -> np.ndarray:
        """One row of features per text (or analysed :class:`framing.Document`)."""
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
