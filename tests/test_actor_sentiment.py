"""ActorSentimentClassifier: the estimator contract, safe persistence, and floors on NewsMTSC dev."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV

import scipy.sparse as sp

import framing
from framing.extract.actors import label_of, target_context, target_tokens
from framing.model_files import ModelFileError
from framing.models import ActorSentimentClassifier
from framing.models._actor_sentiment import BARE_STRING
from tests.conftest import requires_data
from tests.estimator_checks import check_text_classifier, sklearn_checks

ROWS = [
    ("Critics slammed Smith over the disastrous rollout.", 16, 21, "negative"),
    ("Jones accused Smith of lying to voters.", 14, 19, "negative"),
    ("Smith was blamed for the corrupt deal.", 0, 5, "negative"),
    ("Voters praised Smith for her brave leadership.", 15, 20, "positive"),
    ("Smith won wide acclaim for the successful reform.", 0, 5, "positive"),
    ("Jones thanked Smith for the generous help.", 14, 19, "positive"),
    ("Smith spoke on Tuesday in the capital.", 0, 5, "neutral"),
    ("Smith will travel to Ohio next week.", 0, 5, "neutral"),
    ("The meeting with Smith is scheduled for May.", 17, 22, "neutral"),
] * 2
X = [r[:3] for r in ROWS]
y = [r[3] for r in ROWS]


def small():
    return ActorSentimentClassifier(min_df=1, max_features=None, C=10.0)


def test_tags_declare_string_input():
    from sklearn.utils import get_tags

    tags = get_tags(ActorSentimentClassifier())
    assert tags.input_tags.string and not tags.input_tags.two_d_array


@sklearn_checks([ActorSentimentClassifier()])
def test_sklearn_estimator_checks(estimator, check):
    # scikit-learn's own checks; the declared failures (tests/estimator_checks.py) are the
    # checks that feed numeric arrays to a classifier of (sentence, start, end) rows
    check(estimator)


def test_estimator_checks():
    pred = check_text_classifier(small(), X, y)
    assert (np.asarray(pred) == np.asarray(y)).mean() > 0.8


def test_bare_string_and_bad_rows_raise():
    with pytest.raises(ValueError, match="bare string"):
        small().fit("Smith said so.", ["neutral"])
    assert "bare string" in BARE_STRING
    with pytest.raises(ValueError):
        small().fit([("Smith", 3, 99)], ["neutral"])
    with pytest.raises(ValueError):
        small().fit(X, y[:-1])


def test_grid_search_smoke():
    gs = GridSearchCV(small(), {"C": [1.0, 10.0]}, cv=2, scoring="f1_macro").fit(X, y)
    assert len(gs.cv_results_["params"]) == 2
    assert np.isfinite(gs.cv_results_["mean_test_score"]).all()
    assert gs.best_estimator_.predict(X).shape == (len(X),)


def test_json_round_trip_without_pickle(tmp_path):
    est = small().fit(X, y)
    path = tmp_path / "model.json"
    est.to_json(path, meta={"note": "test"})
    payload = json.loads(path.read_text())
    assert payload["format"] == "framing.ActorSentimentClassifier/2"
    restored = ActorSentimentClassifier.from_json(path)
    np.testing.assert_allclose(restored.predict_proba(X), est.predict_proba(X), atol=1e-4)
    assert list(restored.get_feature_names_out()) == list(est.get_feature_names_out())
    payload["format"] = "something else"
    path.write_text(json.dumps(payload))
    with pytest.raises(ValueError):
        ActorSentimentClassifier.from_json(path)


def test_a_model_file_of_another_feature_layout_is_refused(tmp_path):
    # a file whose coefficients do not fit this version's features fails on load, by name,
    # not later in predict with a matrix-shape error
    est = small().fit(X, y)
    path = tmp_path / "model.json"
    est.to_json(path)
    payload = json.loads(path.read_text())
    payload["coef"] = [row[:-16] for row in payload["coef"]]  # 8 numeric features, as in version 1
    path.write_text(json.dumps(payload))
    with pytest.raises(ModelFileError, match=r"model.json: coef: has shape \(3, \d+\); 3 classes and \d+ vocabulary \+ 24 numeric"):
        ActorSentimentClassifier.from_json(path)


def test_pretrained_model_is_small_and_plain_json():
    from importlib import resources

    res = resources.files("framing").joinpath("data", "models", "actor_sentiment.json")
    raw = res.read_bytes()
    assert len(raw) < 2_100_000
    payload = json.loads(raw)
    assert payload["meta"]["trained_on"].startswith("NewsMTSC train + rw-dev + mt-dev")
    clf = ActorSentimentClassifier.pretrained()
    assert list(clf.classes_) == ["negative", "neutral", "positive"]
    pred = clf.predict(X)
    assert (np.asarray(pred) == np.asarray(y)).mean() >= 0.6


def test_target_masking_makes_predictions_target_specific():
    clf = ActorSentimentClassifier.pretrained()
    s = "Smith praised Jones, whom critics have long accused of corruption."
    p_jones = clf.predict_proba([(s, 14, 19)])[0]
    p_smith = clf.predict_proba([(s, 0, 5)])[0]
    assert not np.allclose(p_jones, p_smith)


def test_target_located_on_whitespace_does_not_crash():
    toks, i, j = target_tokens("Smith  spoke.", 5, 6)
    assert 0 <= i <= j < len(toks)


@requires_data("newsmtsc")
@pytest.mark.parametrize("split,floor_model,floor_default", [("rw-dev", 0.83, 0.52), ("mt-dev", 0.83, 0.54)])
def test_floors_on_newsmtsc_dev(split, floor_model, floor_default):
    """The shipped model is fitted on train + both dev splits (rw-dev 0.869, mt-dev 0.876 on
    2026-11-27), so its floor checks the fit that was shipped, not generalisation (a model
    fitted on train alone scores rw-dev 0.735, mt-dev 0.684: scripts/train_actor_sentiment.py).
    The no-training default never saw dev except for its threshold."""
    from framing.datasets import load_newsmtsc

    dev = load_newsmtsc(split)
    pred = ActorSentimentClassifier.pretrained().predict(dev)
    assert f1_score(dev["label"], pred, average="macro") >= floor_model
    default = []
    for s, a, b in zip(dev["sentence"], dev["start"], dev["end"]):
        toks, i, j = target_tokens(s, a, b)
        default.append(label_of(target_context(toks, i, j).score))
    assert f1_score(dev["label"], default, average="macro") >= floor_default


def _sample_rows():
    """(string row, parsed-sentence row) of every mention of the bundled sample's first docs."""
    from framing.datasets import load_sample, load_sample_actors

    base = framing.Pipeline.default().without("actor_sentiment")
    text_rows, parsed_rows = [], []
    for d in list(load_sample())[:4]:
        doc = base.run(framing.Document(d.text), actors=load_sample_actors(d.story))
        for m in doc.mentions:
            s = next(s for s in doc.sentences if s.start <= m.span.start < s.end)
            a, b = m.span.start - s.start, m.span.end - s.start
            text_rows.append((s.text, a, b))
            parsed_rows.append((s, a, b))
    return text_rows, parsed_rows


def test_parsed_sentence_rows_and_fast_matrix_match_the_scikit_learn_path():
    """The pipeline passes parsed sentences (no second tokenisation) and the model builds its
    matrix and probabilities without scikit-learn's per-call checks: both must give exactly
    what the string rows through DictVectorizer, TfidfTransformer and
    LogisticRegression.predict_proba give."""
    clf = ActorSentimentClassifier.pretrained()
    text_rows, parsed_rows = _sample_rows()
    assert len(text_rows) > 20
    raw = clf._featurize(text_rows)
    assert clf._featurize(parsed_rows) == raw
    X = sp.csr_matrix(clf.vectorizer_.transform([f for f, _ in raw]))
    X.data = np.log1p(X.data)
    X = sp.csr_matrix(clf.tfidf_.transform(X))
    ref = sp.hstack([X, sp.csr_matrix(np.asarray([n for _, n in raw]))], format="csr")
    ref.sort_indices()
    mine = clf._matrix(raw)
    assert np.array_equal(ref.indptr, mine.indptr) and np.array_equal(ref.indices, mine.indices)
    assert np.array_equal(ref.data, mine.data)
    expected = clf.estimator_.predict_proba(ref)
    assert np.array_equal(clf.predict_proba(parsed_rows), expected)
    assert np.array_equal(clf.predict_proba(text_rows), expected)


def test_parsed_rows_are_checked_like_text_rows():
    clf = ActorSentimentClassifier.pretrained()
    sent = framing.analyze("Smith praised Jones.").sentences[0]
    with pytest.raises(ValueError, match="each row"):
        clf.predict_proba([(sent, 3, 99)])
    with pytest.raises(ValueError, match="each row"):
        clf.predict_proba([(object(), 0, 1)])
