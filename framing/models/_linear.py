"""What the span classifiers share: features -> DictVectorizer (-> tf-idf) -> LogisticRegression,
and the JSON export of those fitted scikit-learn objects.

A subclass turns rows ``(sentence, start, end)`` into string features (a dict of counts)
and a fixed list of numeric features (``_featurize``). This base keeps the most frequent
string features (``min_df``, ``max_features``), weights them (``"tfidf"``: log(1 + count)
times a smoothed idf, l2-normalised, by scikit-learn's :class:`~sklearn.feature_extraction.text.TfidfTransformer`;
``"binary"``: 1 when present), appends the numeric features and fits a
:class:`~sklearn.linear_model.LogisticRegression`. Its fitted attributes
(``vectorizer_.feature_names_``, ``tfidf_.idf_``, ``estimator_.coef_`` and
``intercept_``) are written to and read back from the project's JSON model format
(:mod:`framing.model_files`), into real scikit-learn objects.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.extmath import softmax
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2
from sklearn.utils.validation import check_is_fitted

from framing.model_files import (
    LinearModelFile,
    ModelFileError,
    Param,
    check_params,
    parse_model_bytes,
    read_model_file,
    validate_linear_model,
)
from framing.models._rows import span_rows

__all__ = ["SpanLinearClassifier"]

DECIMALS = {"idf": 5, "coef": 5, "intercept": 6}
"""Decimals kept in the JSON file (the shipped model's size; predictions move by < 1e-4)."""


def select_features(X: sp.csr_matrix, names: list[str], *, min_df: int, max_features: int | None) -> np.ndarray:
    """Boolean mask of the columns seen in at least ``min_df`` rows, the ``max_features``
    most frequent of them (ties by name)."""
    df = np.bincount(X.indices, minlength=X.shape[1])
    keep = np.flatnonzero(df >= min_df)
    if max_features is not None and len(keep) > max_features:
        order = sorted(keep.tolist(), key=lambda j: (-df[j], names[j]))
        keep = np.asarray(order[:max_features])
    mask = np.zeros(X.shape[1], dtype=bool)
    mask[keep] = True
    return mask


class SpanLinearClassifier(ClassifierMixin, BaseEstimator):
    """Base class of the span classifiers (not public): see the module docstring."""

    #: Message for a bare string passed as X.
    _bare_string: ClassVar[str] = "takes rows of (sentence, start, end); got a bare string"
    #: Names of the numeric features, in order.
    _numeric: ClassVar[tuple[str, ...]] = ()
    #: "tfidf" or "binary" weighting of the string features.
    _weighting: ClassVar[str] = "tfidf"
    #: The ``format`` string of the JSON model file.
    _format: ClassVar[str] = ""
    #: Schema of the parameters (also checked in ``fit``).
    _param_schema: ClassVar[Mapping[str, Param]] = {}

    # -- hooks -------------------------------------------------------------------------------
    def _rows(self, X: Any) -> list[tuple[Any, int, int]]:
        """``X`` as a list of rows (the input check of ``predict`` and friends)."""
        return span_rows(X, self._bare_string)

    def _featurize(self, rows: list[tuple[Any, int, int]]) -> list[tuple[Mapping[str, float], list[float]]]:
        raise NotImplementedError

    def _check_y(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(classes_, the target the logistic regression is fitted on)."""
        return np.unique(y), y

    def _extra_payload(self) -> dict:
        return {}

    @classmethod
    def _file_schema(cls) -> dict:
        """Keyword arguments of :func:`validate_linear_model` for this model's files."""
        return {"format": cls._format, "params": cls._param_schema, "n_numeric": len(cls._numeric),
                "idf": cls._weighting == "tfidf"}

    def _set_from_file(self, model: LinearModelFile, source: str) -> None:
        """Set the fitted attributes a subclass adds (``pos_label_``)."""

    # -- scikit-learn ------------------------------------------------------------------------
    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # rows of (sentence text, start, end)
        tags.input_tags.two_d_array = False  # not a numeric matrix
        return tags

    def _check_params(self) -> None:
        try:
            params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
            check_params(params, self._param_schema, type(self).__name__, field="parameters")
        except ModelFileError as err:
            raise ValueError(f"{err.field}: {err.problem}") from None

    def _matrix(self, raw: list[tuple[Mapping[str, float], list[float]]]) -> sp.csr_matrix:
        """The rows' feature matrix, as the fitted parts build it: the string features through
        ``vectorizer_`` (kept ones only, columns in order), ``log(1 + count)`` and
        ``tfidf_`` (or 1 when present, for binary weighting), then the numeric features.

        Built here in one pass rather than by ``vectorizer_.transform`` and
        ``tfidf_.transform``, whose input checks cost more than the work on a document's
        few rows; the values are the same to the last bit (``tests/test_actor_sentiment.py``
        checks it against the scikit-learn objects)."""
        get = self.vectorizer_.vocabulary_.get
        binary = self._weighting == "binary"
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for feats, _ in raw:
            for f, v in feats.items():
                j = get(f)
                if j is not None and (v or not binary):
                    indices.append(j)
                    values.append(1.0 if binary else v)
            indptr.append(len(indices))
        X = sp.csr_matrix((np.asarray(values, dtype=float), np.asarray(indices, dtype=np.int32),
                           np.asarray(indptr, dtype=np.int32)),
                          shape=(len(raw), len(self.vectorizer_.feature_names_)))
        X.sort_indices()
        if self._weighting == "tfidf":
            np.log1p(X.data, out=X.data)
            X.data *= self.tfidf_.idf_[X.indices]
            inplace_csr_row_normalize_l2(X)  # what ``normalize(X, norm="l2")`` runs
        num = np.asarray([n for _, n in raw], dtype=float).reshape(len(raw), len(self._numeric))
        # append the numeric features' non-zero entries to each row (``sp.hstack``'s result)
        n_str = X.shape[1]
        data, indices, indptr = [], [], [0]
        for i in range(len(raw)):
            a, b = X.indptr[i], X.indptr[i + 1]
            cols = np.flatnonzero(num[i])
            data += [X.data[a:b], num[i, cols]]
            indices += [X.indices[a:b], (cols + n_str).astype(np.int32)]
            indptr.append(indptr[-1] + (b - a) + len(cols))
        shape = (len(raw), n_str + len(self._numeric))
        if not raw:
            return sp.csr_matrix(shape)
        return sp.csr_matrix((np.concatenate(data), np.concatenate(indices), np.asarray(indptr, dtype=np.int32)),
                             shape=shape)

    def _coef_columns(self) -> np.ndarray:
        """``estimator_.coef_.T`` as a C-contiguous array, kept while ``coef_`` is the same
        array (the sparse product would copy the transposed view on every call)."""
        coef = self.estimator_.coef_
        cached = self.__dict__.get("_coef_columns_cache")
        if cached is None or cached[0] is not coef:
            cached = (coef, np.ascontiguousarray(coef.T))
            self.__dict__["_coef_columns_cache"] = cached
        return cached[1]

    def fit(self, X: Any, y: Any) -> SpanLinearClassifier:
        """Fit on rows ``(sentence, start, end)`` and their labels."""
        rows = span_rows(X, self._bare_string)
        y = np.asarray(list(y))
        if len(y) != len(rows):
            raise ValueError(f"X has {len(rows)} rows but y has {len(y)} labels")
        self._check_params()
        classes, target = self._check_y(y)
        raw = self._featurize(rows)
        feats = [f if self._weighting == "tfidf" else {k: 1.0 for k, v in f.items() if v} for f, _ in raw]
        vec = DictVectorizer(sort=True)
        counts = sp.csr_matrix(vec.fit_transform(feats))
        mask = select_features(counts, list(vec.feature_names_), min_df=self.min_df,
                               max_features=getattr(self, "max_features", None))
        vec.restrict(mask)
        self.vectorizer_ = vec
        counts = counts[:, np.flatnonzero(mask)]
        if self._weighting == "tfidf":
            counts.data = np.log1p(counts.data)
            self.tfidf_ = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True).fit(counts)
            Xs = sp.csr_matrix(self.tfidf_.transform(counts))
            self.idf_ = self.tfidf_.idf_
        else:
            self.tfidf_ = None
            Xs = counts
        num = np.asarray([n for _, n in raw], dtype=float).reshape(len(raw), len(self._numeric))
        M = sp.hstack([Xs, sp.csr_matrix(num)], format="csr")
        self.estimator_ = LogisticRegression(C=self.C, class_weight=self._lr_class_weight(classes),
                                             max_iter=self.max_iter).fit(M, target)
        self.classes_ = classes
        self.vocabulary_ = vec.vocabulary_
        self.coef_ = self.estimator_.coef_
        self.intercept_ = self.estimator_.intercept_
        return self

    def _lr_class_weight(self, classes: np.ndarray) -> Any:
        return self.class_weight

    def _scores(self, X: Any) -> np.ndarray:
        """The logistic regression's decision function on rows ``X``."""
        check_is_fitted(self, "estimator_")
        rows = self._rows(X)
        return self.estimator_.decision_function(self._matrix(self._featurize(rows)))

    def _proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "estimator_")
        M = self._matrix(self._featurize(self._rows(X)))
        lr = self.estimator_
        if len(lr.classes_) <= 2:
            return lr.predict_proba(M)
        # what ``lr.predict_proba(M)`` computes for three or more classes, without its input
        # checks (``M`` is built above, finite, of the right width)
        return softmax(np.asarray(M @ self._coef_columns()) + lr.intercept_, copy=False)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The string features kept, then the numeric ones (the columns of ``coef_``)."""
        check_is_fitted(self, "estimator_")
        return np.asarray(list(self.vectorizer_.feature_names_) + list(self._numeric), dtype=object)

    # -- JSON ----------------------------------------------------------------------------------
    def _payload(self, meta: dict | None) -> dict:
        check_is_fitted(self, "estimator_")
        payload = {
            "format": self._format,
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()},
            "classes": self.classes_.tolist(),
            "vocabulary": list(self.vectorizer_.feature_names_),
        }
        if self._weighting == "tfidf":
            payload["idf"] = [round(float(v), DECIMALS["idf"]) for v in self.tfidf_.idf_]
        payload["coef"] = [[round(float(v), DECIMALS["coef"]) for v in row] for row in self.estimator_.coef_]
        payload["intercept"] = [round(float(v), DECIMALS["intercept"]) for v in self.estimator_.intercept_]
        payload.update(self._extra_payload())
        payload["meta"] = meta or {}
        return payload

    def to_json(self, path: str | os.PathLike[str], *, meta: dict | None = None) -> None:
        """Write the fitted model as JSON: parameters, classes, vocabulary, idf weights,
        coefficients and intercepts (loading runs no code). The payload is validated as
        :meth:`from_json` validates it before anything is written."""
        payload = self._payload(meta)
        text = json.dumps(payload, separators=(",", ":"), allow_nan=False)
        type(self)._from_payload(json.loads(text), os.path.basename(os.fspath(path)))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]):
        """Load a model written by :meth:`to_json`. The file is validated first (types,
        shapes, finite values, classes, parameter ranges): any problem raises one
        :class:`framing.model_files.ModelFileError` naming the file and the field."""
        return cls._from_payload(read_model_file(path), os.path.basename(os.fspath(path)))

    @classmethod
    def _from_bytes(cls, raw: bytes, source: str):
        return cls._from_payload(parse_model_bytes(raw, source), source)

    @classmethod
    def _from_payload(cls, payload: Any, source: str = "<model>"):
        m = validate_linear_model(payload, source=source, **cls._file_schema())
        est = cls(**m.params)
        vec = DictVectorizer(sort=True)
        vec.feature_names_ = list(m.vocabulary)
        vec.vocabulary_ = {f: i for i, f in enumerate(m.vocabulary)}
        est.vectorizer_ = vec
        if m.idf is not None:
            tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True)
            tfidf.idf_ = m.idf
            tfidf.n_features_in_ = len(m.vocabulary)
            est.tfidf_ = tfidf
            est.idf_ = tfidf.idf_
        else:
            est.tfidf_ = None
        est.classes_ = np.asarray(m.classes, dtype=object if isinstance(m.classes[0], str) else None)
        lr = LogisticRegression(C=m.params.get("C", 1.0), max_iter=m.params.get("max_iter", 100))
        lr.classes_ = est._lr_classes(est.classes_)
        lr.coef_ = m.coef
        lr.intercept_ = m.intercept
        lr.n_features_in_ = m.coef.shape[1]
        lr.n_iter_ = np.zeros(1, dtype=np.int32)
        est.estimator_ = lr
        est.vocabulary_ = vec.vocabulary_
        est.coef_ = lr.coef_
        est.intercept_ = lr.intercept_
        est.meta_ = m.meta
        est._set_from_file(m, source)
        return est

    def _lr_classes(self, classes: np.ndarray) -> np.ndarray:
        """The classes of the inner logistic regression."""
        return classes
