"""Sentence bias: BiasClassifier (estimator contract, JSON persistence, evidence features),
the sentence_bias step (no-training default, trained and foreign scorers, voice), and a floor
on BABE's dev split (the test split is read only by evaluation/bias.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GroupKFold

import framing
from framing import Document, SentenceBias, Span
from framing.models import BiasClassifier
from framing.extract.sentence_bias import evidence_score
from framing.models._bias import NUMERIC, bias_rows, run_evidence as annotate_evidence, sentence_evidence
from framing.extract.sentence_bias import DEFAULT_THRESHOLD, biased_column, score_sentence_bias
from tests.conftest import requires_data
from tests.estimator_checks import check_text_classifier

BIASED = [
    "The reckless senator rammed through a shameful, disastrous bill.",
    "Radical activists stormed the hearing in a disgraceful stunt.",
    "The corrupt regime's brutal crackdown crushed peaceful protesters.",
    "The mayor's pathetic excuse was an insult to grieving families.",
]
NEUTRAL = [
    "The senator introduced the bill on Tuesday.",
    "Activists attended the hearing, officials said.",
    "The government announced new rules for protests.",
    "The mayor spoke to reporters after the meeting.",
]
TEXTS = BIASED + NEUTRAL
LABELS = [1] * 4 + [0] * 4


def small(**kw):
    return BiasClassifier(C=1.0, min_df=1, **kw)


def test_estimator_contract():
    pred = check_text_classifier(small(), TEXTS, LABELS)
    assert list(pred) == LABELS
    est = small(lexical="none")
    assert clone(est).get_params() == est.get_params()
    assert est.set_params(C=2.0).C == 2.0
    tags = est.__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array


def test_unseen_sentences_and_string_labels():
    model = small().fit(TEXTS, ["Biased"] * 4 + ["Non-biased"] * 4)
    assert model.classes_.tolist() == ["Biased", "Non-biased"]
    pred = model.predict(["A shameful, reckless stunt by the corrupt mayor.",
                          "The council met on Monday, officials said."])
    assert pred.tolist() == ["Biased", "Non-biased"]


def test_bad_input_raises():
    with pytest.raises(ValueError, match="list of texts"):
        small().fit("One text.", [1])
    with pytest.raises(ValueError, match="two classes"):
        small().fit(TEXTS[:2], [1, 1])
    with pytest.raises(ValueError, match="lexical must be"):
        small(lexical="nouns").fit(TEXTS, LABELS)
    with pytest.raises(ValueError, match="rows but y has"):
        small().fit(TEXTS, LABELS[:-1])
    with pytest.raises(ValueError, match="rows \\(Document, start, end\\)"):
        small().fit([("text", 0, 4)], [1])
    doc = annotate_evidence(Document("A text."))
    with pytest.raises(ValueError):
        bias_rows([(doc, 3, 99)])


def test_documents_and_sentence_rows_score_like_strings():
    model = small().fit(TEXTS, LABELS)
    text = BIASED[0] + " " + NEUTRAL[0]
    doc = annotate_evidence(Document(text))
    rows = [(doc, s.start, s.end) for s in doc.sentences]
    by_rows = model.predict_proba(rows)[:, 1]
    by_strings = model.predict_proba([BIASED[0], NEUTRAL[0]])[:, 1]
    np.testing.assert_allclose(by_rows, by_strings, atol=1e-9)
    assert model.predict_proba([doc]).shape == (1, 2)


def test_topic_words_are_not_features_by_default():
    doc = annotate_evidence(Document("The shameful governor of Texas attacked the vaccine rules."))
    words, num = sentence_evidence(doc)
    assert "w=shameful/JJ" in words and "w=attacked/VB" in words and "cue=emotive" in words
    assert not any(w.startswith(("w=vaccine", "w=texas", "w=governor", "w=rules")) for w in words)
    assert len(num) == len(NUMERIC)
    all_words, _ = sentence_evidence(doc, lexical="all")
    assert "w=vaccine" in all_words


def test_evidence_features_follow_voice():
    quoted = annotate_evidence(Document('"It is a shameful disgrace," the senator said.'))
    author = annotate_evidence(Document("It is a shameful disgrace, the senator said."))
    q, a = sentence_evidence(quoted)[1], sentence_evidence(author)[1]
    k = NUMERIC.index("ev_author")
    assert q[k] == 0 and q[NUMERIC.index("ev_quoted")] >= 1
    assert evidence_score(quoted) == 0.0
    assert evidence_score(author) == 0.0 or a[k] >= 0  # reported content: no author evidence
    plain = annotate_evidence(Document("The reckless plan is a shameful disaster."))
    assert sentence_evidence(plain)[1][k] >= 2 and evidence_score(plain) > DEFAULT_THRESHOLD


def test_json_round_trip_and_validation(tmp_path):
    model = small().fit(TEXTS, LABELS)
    path = tmp_path / "bias.json"
    model.to_json(path, meta={"trained_on": "hand-written"})
    back = BiasClassifier.from_json(path)
    np.testing.assert_allclose(back.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-12)
    assert back.meta_ == {"trained_on": "hand-written"}
    payload = json.loads(path.read_text())
    for change, message in (
        ({"format": "other/1"}, "format="),
        ({"coef": payload["coef"][:-1]}, "coef must hold"),
        ({"scale": [0.0] * len(NUMERIC)}, "finite and scales positive"),
        ({"mean": [float("nan")] * len(NUMERIC)}, "finite"),
        ({"classes": [1, 1]}, "two distinct"),
        ({"numeric": ["x"]}, "numeric features"),
        ({"params": {**payload["params"], "C": -1}}, "C > 0"),
        ({"params": {"colour": 1}}, "params must be"),
        ({"coef": ["a"] * len(payload["coef"])}, "numbers expected"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({**payload, **change}))
        with pytest.raises(ValueError, match=message):
            BiasClassifier.from_json(bad)


def test_step_default_golden():
    text = ("The reckless plan is a shameful disaster. The vote is on Monday. "
            '"It is a sham and a disgrace," the senator said.')
    doc = framing.analyze(text)
    recs = score_sentence_bias(doc)
    assert recs is doc.sentence_bias and len(recs) == 3
    assert [(r.label, r.voice, r.source) for r in recs] == [
        ("biased", "author", "evidence"), ("not_biased", "author", "evidence"),
        ("not_biased", "quoted", "evidence")]
    assert [text[s.start:s.end] for s in recs[0].evidence] == ["reckless", "shameful disaster"]
    assert recs[1].score == 0.0 and recs[1].evidence == ()
    d = doc.to_dict()["sentence_bias"]
    assert d[0]["sentence"] == [0, 41] and d[0]["label"] == "biased"
    json.dumps(doc.to_dict())


def test_step_with_models():
    doc = framing.analyze(BIASED[1] + " " + NEUTRAL[2])
    model = small().fit(TEXTS, LABELS)
    recs = score_sentence_bias(doc, model)
    assert [r.label for r in recs] == ["biased", "not_biased"]
    assert recs[0].source == "BiasClassifier" and 0.5 <= recs[0].score <= 1

    class Foreign:  # any scorer: classes_ and predict_proba over sentence strings
        classes_ = ["Biased", "Non-biased"]

        def predict_proba(self, X):
            return np.asarray([[0.9, 0.1] if "stormed" in x else [0.2, 0.8] for x in X])

    recs = score_sentence_bias(doc, Foreign())
    assert [(r.label, r.score) for r in recs] == [("biased", 0.9), ("not_biased", 0.2)]

    class Broken(Foreign):
        def predict_proba(self, X):
            return np.zeros((1, 2))

    with pytest.raises(ValueError, match="shape"):
        score_sentence_bias(doc, Broken())
    assert biased_column([False, True]) == 1 and biased_column(["neutral", "biased"]) == 1
    with pytest.raises(ValueError, match="which of the classes"):
        biased_column(["a", "b", "c"])


def test_step_on_hostile_text():
    assert score_sentence_bias(framing.analyze("")) == []
    hostile = ("<div>“Unbalanced ‘quotes and a shameful " + "very " * 300 + "long run</div>"
               + " \x00\ufeff" + "disgrace! " * 200)
    doc = framing.analyze(hostile)
    recs = score_sentence_bias(doc)
    assert recs and all(isinstance(r, SentenceBias) and 0 <= r.score <= 1 for r in recs)
    assert all(r.sentence.start < r.sentence.end <= len(hostile) for r in recs)
    assert all(r.sentence.contains(s) for r in recs for s in r.evidence)


def test_record_to_dict():
    rec = SentenceBias(Span(0, 5), 0.7, "biased", "author", (Span(1, 3),))
    assert rec.to_dict() == {"sentence": [0, 5], "score": 0.7, "label": "biased",
                             "voice": "author", "evidence": [[1, 3]], "source": "evidence"}


@pytest.mark.slow
@requires_data("babe_mbic")
def test_floor_on_babe_dev_held_out_topics():
    """Fit on BABE dev sentences of some topics, score those of the others (the test split
    is never read here). Macro-F1 out of topic; the no-training evidence score is a floor
    the trained model must clear."""
    from sklearn.metrics import f1_score

    from framing.datasets import load_babe

    babe = load_babe()
    dev = babe[(babe["split"] == "dev") & (babe["label_bias"] != "No agreement")].reset_index(drop=True)
    y = (dev["label_bias"] == "Biased").to_numpy().astype(int)
    tr, te = next(GroupKFold(2).split(dev, groups=dev["topic"]))
    assert not set(dev["topic"][tr]) & set(dev["topic"][te])
    model = BiasClassifier().fit(list(dev["text"][tr]), y[tr])
    pred = model.predict(list(dev["text"][te]))
    trained = f1_score(y[te], pred, average="macro")
    docs = [annotate_evidence(Document(t)) for t in dev["text"][te]]
    rule = f1_score(y[te], [evidence_score(d) >= DEFAULT_THRESHOLD for d in docs], average="macro")
    assert trained >= 0.72
    assert trained > rule + 0.03
