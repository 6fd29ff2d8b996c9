"""A small estimator check suite for estimators over raw text.

scikit-learn's ``check_estimator`` skips estimators that take raw text, so every public
estimator of the project runs through these checks instead (style.md).
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError


def check_text_transformer(estimator, texts, y=None):
    """Clone, repr, params, fit returns self, not-fitted error, shape, names, pickle."""
    est = clone(estimator)
    assert repr(est)
    params = est.get_params()
    assert clone(est).get_params().keys() == params.keys()
    est.set_params(**params)
    with pytest.raises(NotFittedError):
        est.transform(texts)
    with pytest.raises(ValueError):
        clone(estimator).fit("a bare string is not a corpus")
    assert est.fit(texts, y) is est
    X = est.transform(texts)
    X = X.toarray() if hasattr(X, "toarray") else np.asarray(X)
    assert X.shape[0] == len(texts)
    names = est.get_feature_names_out()
    assert len(names) == X.shape[1]
    assert len(set(names)) == len(names)
    X2 = clone(estimator).fit_transform(texts, y)
    X2 = X2.toarray() if hasattr(X2, "toarray") else np.asarray(X2)
    np.testing.assert_allclose(X, X2)
    restored = pickle.loads(pickle.dumps(est))
    X3 = restored.transform(texts)
    X3 = X3.toarray() if hasattr(X3, "toarray") else np.asarray(X3)
    np.testing.assert_allclose(X, X3)
    with pytest.raises(ValueError):
        est.transform("a bare string")
    df = clone(estimator).set_output(transform="pandas").fit(texts, y).transform(texts)
    assert list(df.columns) == list(names)
    return X


def check_text_classifier(estimator, X, y):
    """Clone, params, fit returns self, not-fitted error, predict/predict_proba, pickle."""
    est = clone(estimator)
    assert repr(est)
    with pytest.raises(NotFittedError):
        est.predict(X)
    assert est.fit(X, y) is est
    pred = est.predict(X)
    assert len(pred) == len(X)
    assert set(pred) <= set(est.classes_)
    if hasattr(est, "predict_proba"):
        proba = est.predict_proba(X)
        assert proba.shape == (len(X), len(est.classes_))
        np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    restored = pickle.loads(pickle.dumps(est))
    assert list(restored.predict(X)) == list(pred)
    return pred
