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
    assert payload["format"] == "framing.ActorSentimentClassifier/3"
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
    payload["coef"] = [row[:-5] for row in payload["coef"]]  # 5 numeric features fewer
    path.write_text(json.dumps(payload))
    with pytest.raises(ModelFileError, match=r"model.json: coef: has shape \(3, \d+\); 3 classes and \d+ vocabulary \+ 19 numeric"):
        ActorSentimentClassifier.from_json(path)


def test_pretrained_model_is_small_and_plain_json():
    from importlib import resources

    res = resources.files("framing").joinpath("data", "models", "actor_sentiment.json")
    raw = res.read_bytes()
    assert len(raw) < 2_100_000
    payload = json.loads(raw)
    assert payload["meta"]["trained_on"].startswith("NewsMTSC train + rw-dev + mt-dev")
    assert payload["format"] == "framing.ActorSentimentClassifier/3"
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
    """The shipped model is fitted on train + both dev splits (rw-dev 0.861, mt-dev 0.856 on
    2026-12-03), so its floor checks the fit that was shipped, not generalisation (a model
    fitted on train alone scores rw-dev 0.730, mt-dev 0.665: scripts/train_actor_sentiment.py).
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
    """(string row, parsed-sentence row, evidence row) of every mention of the bundled
    sample's first documents, analysed by the pipeline without its actor sentiment step."""
    from framing.datasets import load_sample, load_sample_actors
    from framing.extract.actors import sentence_evidence

    base = framing.Pipeline.default().without("actor_sentiment")
    text_rows, parsed_rows, evidence_rows = [], [], []
    for d in list(load_sample())[:4]:
        doc = base.run(framing.Document(d.text), actors=load_sample_actors(d.story))
        evidence = sentence_evidence(doc)
        for m in doc.mentions:
            k = next(k for k, s in enumerate(doc.sentences) if s.start <= m.span.start < s.end)
            s = doc.sentences[k]
            a, b = m.span.start - s.start, m.span.end - s.start
            text_rows.append((s.text, a, b))
            parsed_rows.append((s, a, b))
            evidence_rows.append((evidence[k], a, b))
    return text_rows, parsed_rows, evidence_rows


def _sklearn_proba(clf, raw):
    """Probabilities of featurised rows through DictVectorizer, TfidfTransformer and
    LogisticRegression.predict_proba."""
    X = sp.csr_matrix(clf.vectorizer_.transform([f for f, _ in raw]))
    X.data = np.log1p(X.data)
    X = sp.csr_matrix(clf.tfidf_.transform(X))
    ref = sp.hstack([X, sp.csr_matrix(np.asarray([n for _, n in raw]))], format="csr")
    return clf.estimator_.predict_proba(ref)


def test_plain_python_scoring_matches_the_scikit_learn_path():
    """The model scores a document's rows in plain Python (each sentence's words once); the
    probabilities must be those of its features through the fitted scikit-learn objects,
    for text rows, parsed-sentence rows (read as their text) and evidence rows."""
    clf = ActorSentimentClassifier.pretrained()
    text_rows, parsed_rows, evidence_rows = _sample_rows()
    assert len(text_rows) > 20
    raw = clf._featurize(text_rows)
    assert clf._featurize(parsed_rows) == raw
    np.testing.assert_allclose(clf.predict_proba(text_rows), _sklearn_proba(clf, raw), atol=1e-12)
    np.testing.assert_allclose(clf.predict_proba(parsed_rows), _sklearn_proba(clf, raw), atol=1e-12)
    raw_ev = clf._featurize(evidence_rows)
    np.testing.assert_allclose(clf.predict_proba(evidence_rows), _sklearn_proba(clf, raw_ev), atol=1e-12)


def test_the_pipeline_step_passes_the_documents_evidence():
    """The step gives the model each sentence with the attributions and evaluative spans the
    document's extractors found (not a re-analysis of the sentence alone)."""
    from framing.extract.actors import SentenceEvidence, sentence_sentiment

    seen = []

    class Recorder:
        accepts_evidence = True
        classes_ = np.asarray(["negative", "neutral", "positive"])

        def predict_proba(self, rows):
            seen.extend(rows)
            return np.tile([0.2, 0.5, 0.3], (len(rows), 1))

    text = "Dana Whitfield met reporters on Monday. Critics said Whitfield's plan was a disaster."
    doc = framing.Pipeline.default().without("actor_sentiment").run(
        text, actors={"Dana Whitfield": ["Dana Whitfield", "Whitfield"]})
    out = sentence_sentiment(doc, model=Recorder())
    assert [a.label for a in out] == ["neutral", "neutral"] and out[0].score == pytest.approx(0.1)
    assert all(isinstance(r[0], SentenceEvidence) for r in seen)
    second = seen[-1][0]
    assert second.sentence is doc.sentences[1]
    assert [a.cue_lemma for a in second.attributions] == ["say"]
    assert "disaster" in [e.text for e in second.evaluative]
    assert second.text[seen[-1][1]:seen[-1][2]] == "Whitfield"


def _facts(sentence, target):
    from framing.models._actor_sentiment import _Facts, _features, text_evidence

    f = _Facts(*text_evidence(sentence))
    a = sentence.index(target)
    ti = f.starts.index(a)
    tj = max(k for k, e in enumerate(f.ends) if e <= a + len(target))
    feats, num = _features(f, ti, tj, 4)
    from framing.models._actor_sentiment import NUMERIC
    return feats, dict(zip(NUMERIC, num))


def test_evidence_features_read_the_actors_role_contrast_negation_and_quotation():
    # agent of a harmful action through a possessive ("X's regime stalls")
    feats, num = _facts("Assad's regime stalls the talks.", "Assad")
    assert "role=agent_possessor" in feats and num["num__agent_action"] < 0
    # patient: the object of the verb, not its subject
    feats, num = _facts("Critics slammed Smith over the rollout.", "Smith")
    assert "patient_v=slammed" in feats and num["num__patient_action"] < 0
    feats, _ = _facts("Smith was praised by voters.", "Smith")
    assert "role=patient" in feats
    # negation scope of a negating verb: "refused to bow to bullying"
    feats, num = _facts("Merkel refused to bow to bullying.", "Merkel")
    assert "c=not_bullying" in feats and num["num__agent_object"] > 0
    # contrast: which side of "while" the actor is on; "unlike X" sets X against the main clause
    feats, num = _facts("Ryan clearly won the debate, while Biden devolved into fits of laughter.", "Biden")
    assert "contrast=while_after" in feats and num["num__contrast_other"] > 0
    feats, num = _facts("Unlike Trump, she is a sane, competent person.", "Trump")
    assert "compared=unlike" in feats and num["num__unlike_main"] > 0
    # quotation: the quoted speaker vs the actor inside someone else's words
    feats, _ = _facts("Smith said the plan was a disaster.", "Smith")
    assert "speaker" in feats and "speaker_cue=say" in feats
    feats, _ = _facts("Critics said Smith was a disaster.", "Smith")
    assert "quoted_in" in feats and "speaker" not in feats
    # evaluative words attached to the actor's phrase (an apposition) vs elsewhere
    _, num = _facts("Smith, a corrupt and dishonest official, spoke on Monday.", "Smith")
    assert num["num__attached"] < 0
    _, num = _facts("Smith spoke on Monday about the corrupt deal.", "Smith")
    assert num["num__attached"] == 0


# The error sentences of issue 12 (per-actor sentiment taken from the words near a name):
# the shipped model gets these right; those it still gets wrong are listed in docs/actors.md
# ("Merkel refused to bow to bullying." was positive with the balanced-class model of
# 2026-12-02 and is neutral since 2026-12-03: listed there).
GOLDEN = [
    ("Assad's regime stalls the talks.", "Assad", "negative"),
    ("Trump claims great wealth, but won't disclose his tax returns.", "Trump", "negative"),
    ("Ryan clearly won the debate, while Biden devolved into fits of laughter.", "Ryan", "positive"),
    ('Unlike Donald Trump, she is a "sane, competent person".', "Donald Trump", "negative"),
    ("Trump fired Comey on Tuesday, a stunning move.", "Trump", "negative"),
]


@pytest.mark.parametrize("sentence,target,label", GOLDEN)
def test_golden_error_sentences_of_issue_12(sentence, target, label):
    a = sentence.index(target)
    assert ActorSentimentClassifier.pretrained().predict([(sentence, a, a + len(target))])[0] == label


@pytest.mark.parametrize("sentence,label", [
    # a clearly evaluative main clause after "unlike X," decides the row, either way
    ('Unlike Donald Trump, she is a "sane, competent person".', "negative"),
    ("Unlike Donald Trump, she is a corrupt official.", "positive"),
    # negative cases: no evaluative main clause, or "like" (no contrast): the model's own label
    ("Unlike Donald Trump, she spoke on Monday.", "neutral"),
    ("Like Donald Trump, she is a competent person.", "positive"),
])
def test_unlike_sets_the_actor_against_the_main_clause(sentence, label):
    clf = ActorSentimentClassifier.pretrained()
    a = sentence.index("Donald Trump")
    assert clf.predict([(sentence, a, a + len("Donald Trump"))])[0] == label


def test_the_unlike_rule_changes_only_unlike_rows():
    """Rows without "unlike X" get the linear model's scores (the rule leaves them alone)."""
    clf = ActorSentimentClassifier.pretrained()
    rows = [(s, a, b) for s, a, b, _ in ROWS[:9]] + [("Unlike Smith, Jones is brave.", 7, 12)]
    raw = clf._featurize(rows)
    got, ref = clf.predict_proba(rows), _sklearn_proba(clf, raw)
    np.testing.assert_allclose(got[:-1], ref[:-1], atol=1e-12)
    assert got[-1].argmax() == 0 and ref[-1].argmax() != 0  # the rule made it negative


@requires_data("basil", "newsmtsc")
def test_basil_polarity_agreement_floor_on_events_0_to_79():
    """Issue 12's floor (0.75) on BASIL's train part, where every choice was made (measured
    0.765 on 588 non-neutral rows, 2026-12-03: evaluation/actors.py --basil-only); the test
    events 80-99 are read by the evaluation script only."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "evaluation" / "actors.py"
    spec = importlib.util.spec_from_file_location("_evaluation_actors", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    _, figs = mod.basil_table("dev")
    assert figs["basil_covered_not_neutral"] >= 550
    assert figs["basil_polarity_agreement"] >= 0.75


def test_parsed_rows_are_checked_like_text_rows():
    clf = ActorSentimentClassifier.pretrained()
    sent = framing.analyze("Smith praised Jones.").sentences[0]
    with pytest.raises(ValueError, match="each row"):
        clf.predict_proba([(sent, 3, 99)])
    with pytest.raises(ValueError, match="each row"):
        clf.predict_proba([(object(), 0, 1)])


def test_the_sentence_facts_of_the_no_training_step():
    """The no-training step's sentence facts (``target.column_facts`` of the parsed
    sentence's columns): evaluative words with their prior and whether a negator is among
    the words before them, and the clause breaks; a sentence without evaluative words has
    none."""
    from framing.extract.actors.target import column_facts

    def facts(s):
        words = s.columns()[2]
        return column_facts(words, s.columns()[3], [w.lower() for w in words])

    text = ("Critics never praised Smith, who did not fail the voters; nobody hardly blamed "
            "Jones without cause. Smith won wide acclaim, but Jones was fired. The talks resume.")
    first, second, third = framing.analyze(text).sentences
    priors, breaks = facts(first)
    # "never praised", "not fail", "nobody hardly blamed" are negated; "Critics" is not
    assert [(k, negated) for k, _, negated in priors] == [(0, False), (2, True), (8, True), (14, True)]
    assert priors[1][1] > 0 > priors[2][1] and breaks == (4, 5, 11)  # praised +, fail -; ",", "who", ";"
    priors, breaks = facts(second)  # "won" +, "fired" -, nothing negated
    assert [(k, p > 0, negated) for k, p, negated in priors] == [(1, True, False), (8, False, False)]
    assert breaks == (4, 5)
    assert facts(third) == ((), ())
