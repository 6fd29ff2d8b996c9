"""Model files are validated before use: every tampered file of issue 16 raises one
ModelFileError naming the file and the bad field (no crash, no silent nonsense)."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from framing.model_files import (
    MAX_DEPTH,
    ModelFileError,
    Param,
    load_linear_model,
    read_model_file,
    validate_linear_model,
)
from framing.models import ActorSentimentClassifier, LoadedWordClassifier, word_labels, word_rows
from tests.test_actor_sentiment import X as AS_X
from tests.test_actor_sentiment import y as AS_Y
from tests.test_loaded_words import SENTENCES


@pytest.fixture(scope="module")
def actor_payload(tmp_path_factory):
    path = tmp_path_factory.mktemp("m") / "actor.json"
    ActorSentimentClassifier(min_df=1, max_features=None, C=10.0).fit(AS_X, AS_Y).to_json(path)
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def words_model():
    X = [row for s, _ in SENTENCES for row in word_rows(s)]
    y = [lab for s, words in SENTENCES for lab in word_labels(s, words)]
    return LoadedWordClassifier(C=10.0, min_df=1, threshold=0.5).fit(X, y), X


def _write(tmp_path, payload, *, raw: bytes | None = None, name="tampered.json"):
    path = tmp_path / name
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text(json.dumps(payload))  # json.dumps writes NaN / Infinity for non-finite floats
    return path


def _tamper(payload, edit):
    p = copy.deepcopy(payload)
    edit(p)
    return p


def _set(key, value):
    def edit(p):
        p[key] = value
    return edit


def _coef(i, j, value):
    def edit(p):
        p["coef"][i][j] = value
    return edit


def _param(name, value):
    def edit(p):
        p["params"][name] = value
    return edit


# (case, edit, field named in the error)
TAMPERED = [
    ("ragged coefficients", lambda p: p["coef"][1].pop(), "coef"),
    ("string coefficient", _coef(0, 0, "0.5"), "coef[0][0]"),
    ("missing key", lambda p: p.pop("intercept"), "intercept"),
    ("missing vocabulary", lambda p: p.pop("vocabulary"), "vocabulary"),
    ("coef rows != classes", lambda p: p["coef"].pop(), "coef"),
    ("renamed class", lambda p: p["classes"].__setitem__(1, "neutrality"), "classes"),
    ("two classes", lambda p: (p["classes"].pop(1), p["coef"].pop(1), p["intercept"].pop(1)), "classes"),
    ("duplicated class names", _set("classes", ["negative", "negative", "positive"]), "classes"),
    ("swapped class names", _set("classes", ["positive", "neutral", "negative"]), "classes"),
    ("window is a string", _param("window", "x"), "params.window"),
    ("window 1e9 (a float)", _param("window", 1e9), "params.window"),
    ("window 10**9", _param("window", 10**9), "params.window"),
    ("window 0", _param("window", 0), "params.window"),
    ("negative C", _param("C", -1.0), "params.C"),
    ("unknown parameter", _param("depth", 3), "params.depth"),
    ("bad class_weight", _param("class_weight", {"negative": -1}), "params.class_weight"),
    ("NaN coefficient", _coef(0, 0, float("nan")), "<file>"),
    ("huge coefficient", _coef(2, 1, 1e300), "coef[2, 1]"),
    ("overflowing coefficient 1e400", None, "coef[0, 0]"),
    ("NaN intercept", lambda p: p["intercept"].__setitem__(0, float("nan")), "<file>"),
    ("infinite idf", lambda p: p["idf"].__setitem__(3, float("inf")), "<file>"),
    ("zero idf", lambda p: p["idf"].__setitem__(3, 0.0), "idf[3]"),
    ("idf too short", lambda p: p["idf"].pop(), "idf"),
    ("boolean coefficient", _coef(0, 0, True), "coef[0][0]"),
    ("vocabulary repeats", lambda p: p["vocabulary"].__setitem__(1, p["vocabulary"][0]), "vocabulary"),
    ("vocabulary item not a string", lambda p: p["vocabulary"].__setitem__(0, 7), "vocabulary[0]"),
    ("wrong format", _set("format", "framing.ActorSentimentClassifier/1"), "format"),
    ("params not an object", _set("params", [1, 2]), "params"),
    ("meta not an object", _set("meta", "x"), "meta"),
]


@pytest.mark.parametrize("case,edit,field", TAMPERED, ids=[c for c, _, _ in TAMPERED])
def test_tampered_actor_sentiment_file_raises_one_clear_error(tmp_path, actor_payload, case, edit, field):
    if edit is None:  # 1e400 cannot be written by json.dumps (Python reads it as inf): write the text
        text = json.dumps(_tamper(actor_payload, _coef(0, 0, 12345.678)))
        path = _write(tmp_path, None, raw=text.replace("12345.678", "1e400", 1).encode())
    else:
        path = _write(tmp_path, _tamper(actor_payload, edit))
    with pytest.raises(ModelFileError) as err:
        ActorSentimentClassifier.from_json(path)
    assert err.value.source == "tampered.json"
    assert err.value.field == field, str(err.value)
    assert str(err.value).startswith(f"tampered.json: {field}: ")


@pytest.mark.parametrize("raw,problem", [
    (b'["not", "an", "object"]', "top level must be a JSON object, got list"),
    (b'"a string"', "top level must be a JSON object, got str"),
    (b'{"format": "framing.ActorSentimentClassifier/2", "params": \xff}', "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested 100000 deep"),
    (b'{"format": "x", "meta": ' + b'{"a":' * 100_000 + b"1" + b"}" * 100_001, "nested 100001 deep"),
    (b'{"format": "framing.ActorSentimentClassifier/2", "classes": [1, 2', "not valid JSON"),
    (b"", "not valid JSON"),
    (b'{"coef": [[NaN]]}', "non-finite number NaN"),
    (b'{"idf": [-Infinity]}', "non-finite number -Infinity"),
])
def test_unreadable_files_raise_one_clear_error(tmp_path, raw, problem):
    path = _write(tmp_path, None, raw=raw)
    with pytest.raises(ModelFileError, match="tampered.json: <file>: ") as err:
        ActorSentimentClassifier.from_json(path)
    assert problem in str(err.value)
    with pytest.raises(ModelFileError):
        LoadedWordClassifier.from_json(path)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path, actor_payload):
    payload = _tamper(actor_payload, _set("meta", {"note": "[[[{{{" * 1000 + '\\"]]]'}))
    path = _write(tmp_path, payload)
    assert ActorSentimentClassifier.from_json(path).meta_["note"].startswith("[[[{{{")
    assert MAX_DEPTH < 1000


def test_missing_file_is_a_model_file_error(tmp_path):
    with pytest.raises(ModelFileError, match="absent.json: <file>: cannot be read"):
        ActorSentimentClassifier.from_json(tmp_path / "absent.json")


def test_valid_file_round_trips_into_sklearn_objects(tmp_path, actor_payload):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    path = _write(tmp_path, actor_payload, name="ok.json")
    est = ActorSentimentClassifier.from_json(path)
    assert isinstance(est.vectorizer_, DictVectorizer)
    assert isinstance(est.tfidf_, TfidfTransformer)
    assert isinstance(est.estimator_, LogisticRegression)
    fitted = ActorSentimentClassifier(min_df=1, max_features=None, C=10.0).fit(AS_X, AS_Y)
    np.testing.assert_allclose(est.predict_proba(AS_X), fitted.predict_proba(AS_X), atol=1e-4)
    assert json.loads(path.read_text()) == actor_payload


def test_saving_validates_too(tmp_path):
    est = ActorSentimentClassifier(min_df=1, max_features=None, C=10.0).fit(AS_X, AS_Y)
    est.set_params(window=10**9)  # after fit: the file would be refused, so it is not written
    with pytest.raises(ModelFileError, match="params.window: must be <= 50"):
        est.to_json(tmp_path / "bad.json")
    assert not (tmp_path / "bad.json").exists()


def test_fit_checks_the_same_ranges():
    with pytest.raises(ValueError, match="window"):
        ActorSentimentClassifier(window=10**9).fit(AS_X, AS_Y)
    with pytest.raises(ValueError, match="needs the labels"):
        ActorSentimentClassifier(min_df=1).fit(AS_X[:6], AS_Y[:6])  # two of the three labels


def test_pretrained_file_passes_validation():
    from importlib import resources

    raw = resources.files("framing").joinpath("data", "models", "actor_sentiment.json").read_bytes()
    payload = json.loads(raw)
    assert np.abs(np.asarray(payload["coef"])).max() < 100  # far below MAX_ABS_WEIGHT
    assert ActorSentimentClassifier.pretrained().classes_.tolist() == ["negative", "neutral", "positive"]


# -- loaded words -------------------------------------------------------------------------------
def test_loaded_words_round_trip(tmp_path, words_model):
    est, X = words_model
    path = tmp_path / "words.json"
    est.to_json(path, meta={"trained_on": "test sentences"})
    payload = json.loads(path.read_text())
    assert payload["format"] == "framing.LoadedWordClassifier/1"
    assert "idf" not in payload and payload["pos_label"] is True
    restored = LoadedWordClassifier.from_json(path)
    np.testing.assert_allclose(restored.predict_proba(X), est.predict_proba(X), atol=1e-4)
    assert list(restored.predict(X)) == list(est.predict(X))
    assert restored.pos_label_ == est.pos_label_ and restored.get_params() == est.get_params()


def test_loaded_words_string_labels_round_trip(tmp_path, words_model):
    _, X = words_model
    y = np.where([lab for s, w in SENTENCES for lab in word_labels(s, w)], "loaded", "plain")
    est = LoadedWordClassifier(C=10.0, min_df=1, threshold=0.5, pos_label="loaded").fit(X, y)
    est.to_json(tmp_path / "w.json")
    restored = LoadedWordClassifier.from_json(tmp_path / "w.json")
    assert restored.pos_label_ == "loaded" and list(restored.predict(X)) == list(est.predict(X))


@pytest.mark.parametrize("edit,field", [
    (_set("pos_label", "loaded"), "pos_label"),  # not one of the classes [false, true]
    (_set("pos_label", 1), "pos_label"),  # 1 == True in Python, but not the same label
    (lambda p: p.pop("pos_label"), "pos_label"),
    (_param("threshold", 1.5), "params.threshold"),
    (_param("window", 1e9), "params.window"),
    (_param("window", 11), "params.window"),
    (_param("feature_sets", ["evidence", "words"]), "params.feature_sets"),
    (_set("classes", [False, True, True]), "classes"),
    (_set("classes", [False, "yes"]), "classes"),
    (_set("classes", [False, True, None]), "classes"),
    (lambda p: p["coef"].append(p["coef"][0]), "coef"),
    (lambda p: p["intercept"].__setitem__(0, 1e300), "intercept[0]"),
])
def test_tampered_loaded_words_file(tmp_path, words_model, edit, field):
    est, _ = words_model
    est.to_json(tmp_path / "w.json")
    payload = _tamper(json.loads((tmp_path / "w.json").read_text()), edit)
    path = _write(tmp_path, payload)
    with pytest.raises(ModelFileError) as err:
        LoadedWordClassifier.from_json(path)
    assert err.value.field == field, str(err.value)


# -- the reusable validator (frames, roles, bias, persuasion) --------------------------------------
FRAMES_SCHEMA = dict(
    format="framing.FrameClassifier/1",
    params={"C": Param("float", low=0, low_open=True), "window": Param("int", low=1, high=10, required=False)},
    n_numeric=2,
    idf=True,
)


def _frames_payload(n_classes=4):
    vocab = ["w=a", "w=b", "w=c"]
    return {"format": "framing.FrameClassifier/1", "params": {"C": 1.0}, "classes": [f"f{i}" for i in range(n_classes)],
            "vocabulary": vocab, "idf": [1.0, 2.0, 3.0],
            "coef": [[0.1] * (len(vocab) + 2) for _ in range(n_classes)], "intercept": [0.0] * n_classes}


def test_validator_for_other_models(tmp_path):
    m = validate_linear_model(_frames_payload(), **FRAMES_SCHEMA)
    assert m.coef.shape == (4, 5) and m.idf.tolist() == [1.0, 2.0, 3.0] and m.params == {"C": 1.0}
    path = _write(tmp_path, _frames_payload(), name="frames.json")
    assert load_linear_model(path, **FRAMES_SCHEMA).classes == ["f0", "f1", "f2", "f3"]
    assert read_model_file(path)["format"] == "framing.FrameClassifier/1"
    bad = _frames_payload()
    bad["coef"][2] = bad["coef"][2][:-2]  # the numeric columns are missing
    with pytest.raises(ModelFileError, match=r"frames.json: coef: rows of different lengths"):
        load_linear_model(_write(tmp_path, bad, name="frames.json"), **FRAMES_SCHEMA)
    binary = _frames_payload(2)
    with pytest.raises(ModelFileError, match=r"coef: has shape \(2, 5\); 2 classes .* need \(1, 5\)"):
        validate_linear_model(binary, **FRAMES_SCHEMA)
    with pytest.raises(ModelFileError, match="classes: must hold 3 classes"):
        validate_linear_model(_frames_payload(), **{**FRAMES_SCHEMA, "n_classes": 3})
    with pytest.raises(ModelFileError, match="params.window: must be <= 10"):
        validate_linear_model({**_frames_payload(), "params": {"C": 1.0, "window": 99}}, **FRAMES_SCHEMA)
    def needs_int(value, field, source):
        return Param("int").check(value, field, source)

    with pytest.raises(ModelFileError, match="<model>: extra: missing"):
        validate_linear_model(_frames_payload(), **FRAMES_SCHEMA, extra={"extra": needs_int})
    with pytest.raises(ModelFileError, match="<model>: extra: must be an integer, got str 'x'"):
        validate_linear_model({**_frames_payload(), "extra": "x"}, **FRAMES_SCHEMA, extra={"extra": needs_int})
