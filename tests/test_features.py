"""The feature transformers together: the estimator contract, FramingFeatures, Pipelines."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags

from framing.features import (
    AttributionFeatures,
    EvaluativeFeatures,
    FramingFeatures,
    HedgingFeatures,
)
from tests.estimator_checks import check_text_transformer, sklearn_checks

ESTIMATORS = [AttributionFeatures(), HedgingFeatures(), EvaluativeFeatures(), FramingFeatures()]


@pytest.mark.parametrize("est", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_tags_declare_string_input(est):
    tags = get_tags(est)
    assert tags.input_tags.string and not tags.input_tags.two_d_array


@sklearn_checks(ESTIMATORS)
def test_sklearn_estimator_checks(estimator, check):
    # scikit-learn's own checks; the failures declared in tests/estimator_checks.py are the
    # checks that feed numbers to a text transformer
    check(estimator)


@pytest.fixture(scope="module")
def texts(sample):
    return [d.text for d in sample][:6]


@pytest.mark.parametrize("est", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_estimator_contract(est, texts):
    check_text_transformer(est, texts)


def test_framing_features_are_the_three_side_by_side(texts):
    parts = [AttributionFeatures(), HedgingFeatures(), EvaluativeFeatures()]
    expected = np.hstack([p.fit_transform(texts) for p in parts])
    names = [n for p in parts for n in p.get_feature_names_out()]
    est = FramingFeatures().fit(texts)
    np.testing.assert_allclose(est.transform(texts), expected)
    assert est.get_feature_names_out().tolist() == names


def test_features_see_quoted_voice():
    text = 'The minister said: "This disastrous plan may fail." Critics were calm.'
    est = FramingFeatures(per_words=1000).set_output(transform="pandas").fit([text])
    row = est.transform([text]).iloc[0]
    assert row["attribution__direct"] > 0
    assert row["hedging__hedge__quoted"] > 0 and row["hedging__hedge__author"] == 0
    assert row["evaluative__quoted_negative"] > 0 and row["evaluative__author_negative"] == 0


def test_bad_parameters_raise_in_fit(texts):
    for est in (FramingFeatures(per_words=0), HedgingFeatures(voice="yes")):
        with pytest.raises(ValueError):
            clone(est).fit(texts)


def test_pipeline_and_grid_search(sample):
    texts = [d.text for d in sample]
    y = [d.outlet in ("The Morning Blast", "The Daily Beacon") for d in sample]
    pipe = make_pipeline(FramingFeatures(), StandardScaler(), LogisticRegression(max_iter=500))
    grid = GridSearchCV(pipe, {"logisticregression__C": [0.1, 1.0]}, cv=2)
    grid.fit(texts, y)
    assert grid.predict(texts[:3]).shape == (3,)
