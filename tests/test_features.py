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


# -- one analysis per distinct text ------------------------------------------------------------
@pytest.fixture
def count_analyses(monkeypatch):
    """Count the texts the extractors run on (the function behind the cache)."""
    import framing.features._base as base
    import framing.features._hedging as hedging

    calls: list[str] = []
    real, real_hedging = base._annotate_evidence, hedging._annotate_hedging

    def counted(text):
        calls.append(text)
        return real(text)

    def counted_hedging(text):
        calls.append(text)
        return real_hedging(text)

    monkeypatch.setattr(base, "_annotate_evidence", counted)
    monkeypatch.setattr(hedging, "_annotate_hedging", counted_hedging)
    base.ANALYSES.clear()
    yield calls
    base.ANALYSES.clear()


def test_grid_search_analyses_each_text_once(sample, count_analyses):
    texts = [d.text for d in sample][:8]
    y = [i % 2 == 0 for i in range(len(texts))]
    pipe = make_pipeline(FramingFeatures(), StandardScaler(), LogisticRegression(max_iter=500))
    GridSearchCV(pipe, {"logisticregression__C": [0.1, 1.0, 10.0]}, cv=2).fit(texts, y)
    # 3 candidates x 2 folds x (fit + transform of train and test) and the refit: each text once
    assert sorted(count_analyses) == sorted(set(texts))


def test_transformers_share_the_analysis_and_hedging_without_voice_has_its_own(texts, count_analyses):
    for est in (AttributionFeatures(), EvaluativeFeatures(), HedgingFeatures(), FramingFeatures()):
        est.fit_transform(texts)
    assert len(count_analyses) == len(texts)
    HedgingFeatures(voice=False).fit_transform(texts)  # another analysis (no attribution step)
    assert len(count_analyses) == 2 * len(texts)
    HedgingFeatures(voice=False).fit_transform(texts)
    assert len(count_analyses) == 2 * len(texts)


def test_cache_is_bounded_and_not_pickled(texts, count_analyses, monkeypatch):
    import pickle

    import framing.features._base as base

    monkeypatch.setattr(base.ANALYSES, "maxsize", 2)
    est = AttributionFeatures().fit(texts[:3])  # fit checks, it does not analyse
    est.transform(texts[:3])
    est.transform(texts[:3])
    assert len(base.ANALYSES) == 2
    assert len(count_analyses) == 6  # three texts through a cache of two: every one pushed out
    assert texts[0][:60].encode() not in pickle.dumps(est)
    assert not any("cache" in k for k in vars(est))


def test_cache_hit_is_the_same_evidence_as_a_fresh_analysis(texts):
    import framing.features._base as base

    base.ANALYSES.clear()
    fresh = FramingFeatures().fit_transform(texts)
    again = FramingFeatures().fit_transform(texts)  # all from the cache
    np.testing.assert_array_equal(fresh, again)


def test_analysed_documents_are_used_without_reanalysis(texts, count_analyses):
    import framing

    expected = FramingFeatures().fit_transform(texts)
    n = len(count_analyses)
    docs = [framing.analyze(t) for t in texts]
    np.testing.assert_allclose(FramingFeatures().fit_transform(docs), expected)
    for est in (AttributionFeatures(), HedgingFeatures(), EvaluativeFeatures()):
        np.testing.assert_allclose(est.fit_transform(docs), est.fit_transform(texts))
    assert len(count_analyses) == n  # no text analysed again
    mixed = [docs[0], texts[1]]  # texts and documents may be mixed
    np.testing.assert_allclose(FramingFeatures().fit_transform(mixed), expected[:2])


def test_a_document_keeps_its_own_evidence():
    import framing

    text = 'The minister said: "This plan may fail." Critics were clearly calm.'
    doc = framing.analyze(text)
    assert doc.hedges and doc.boosters
    # evidence edited by the user is what gets counted (a booster is left: hedging_rates
    # re-runs the hedging step on a document with no cue at all)
    doc.hedges = []
    row = HedgingFeatures().set_output(transform="pandas").fit_transform([doc]).iloc[0]
    assert row["hedging__hedge"] == 0
    row = HedgingFeatures().set_output(transform="pandas").fit_transform([text]).iloc[0]
    assert row["hedging__hedge"] > 0
    with pytest.raises(ValueError, match="analysed framing.Document"):
        HedgingFeatures().fit([text, 3])
