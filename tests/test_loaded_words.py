"""LoadedWordClassifier: estimator contract, features from the project's evidence, golden
behaviour on hand-written sentences, and a floor on BABE's dev split (never its test split)."""

from __future__ import annotations

import time

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, GroupKFold

from framing.records import Span
from framing.models import LoadedWordClassifier, loaded_word_spans, word_labels, word_rows
from framing.models._loaded_words import BARE_STRING, _sentence_evidence, row_features
from tests.conftest import requires_data
from tests.estimator_checks import check_text_classifier, sklearn_checks

SENTENCES = [
    ("The radical mob stormed the peaceful town.", ["radical", "mob", "stormed"]),
    ("The senator spoke to reporters on Tuesday.", []),
    ("A shameful and disastrous plan was unveiled by the regime.", ["shameful", "disastrous", "regime"]),
    ("The committee met in the capital on Monday.", []),
    ("Critics slammed the reckless and corrupt deal.", ["slammed", "reckless", "corrupt"]),
    ("The company reported its quarterly results.", []),
    ("Extremist thugs wrecked the once thriving city.", ["extremist", "thugs", "wrecked"]),
    ("Officials said the bridge will reopen next week.", []),
]
X = [row for s, _ in SENTENCES for row in word_rows(s)]
y = [lab for s, words in SENTENCES for lab in word_labels(s, words)]


def small(**kw):
    return LoadedWordClassifier(C=10.0, min_df=1, threshold=0.5, **kw)


def test_tags_declare_string_input():
    from sklearn.utils import get_tags

    tags = get_tags(LoadedWordClassifier())
    assert tags.input_tags.string and not tags.input_tags.two_d_array


@sklearn_checks([LoadedWordClassifier()])
def test_sklearn_estimator_checks(estimator, check):
    # scikit-learn's own checks; the declared failures (tests/estimator_checks.py) are the
    # checks that feed numeric arrays to a classifier of (sentence, start, end) rows
    check(estimator)


def test_estimator_checks():
    pred = check_text_classifier(small(), X, y)
    assert (np.asarray(pred) == np.asarray(y)).mean() > 0.9


def test_bad_input_raises():
    with pytest.raises(ValueError) as err:
        small().fit("The radical mob.", [True])
    assert str(err.value) == BARE_STRING
    fitted = small().fit(X, y)
    for call in (fitted.predict, fitted.predict_proba, fitted.decision_function):
        with pytest.raises(ValueError) as err:
            call("The radical mob.")
        assert str(err.value) == BARE_STRING
    with pytest.raises(ValueError):
        small().fit([("radical", 3, 99)], [True])
    with pytest.raises(ValueError):
        small().fit(X, y[:-1])
    with pytest.raises(ValueError, match="two classes"):
        small().fit(X[:3], [False] * 3)
    with pytest.raises(ValueError, match="unknown feature sets"):
        small(feature_sets=("words",)).fit(X, y)
    with pytest.raises(ValueError, match="bare string"):
        loaded_word_spans(small().fit(X, y), "A text.")


def test_grid_search_and_dataframe_input():
    import pandas as pd

    gs = GridSearchCV(small(), {"C": [1.0, 10.0]}, cv=2, scoring="f1").fit(X, y)
    assert len(gs.cv_results_["params"]) == 2
    assert np.isfinite(gs.best_score_)
    df = pd.DataFrame(X, columns=["sentence", "start", "end"])
    est = small().fit(X, y)
    assert list(est.predict(df)) == list(est.predict(X))


def test_word_rows_and_labels():
    text = "The so-called “reform” isn’t radical, Smith's aides said."
    words = [text[a:b] for _, a, b in word_rows(text)]
    assert words == ["The", "so-called", "reform", "isn’t", "radical", "Smith's", "aides", "said"]
    assert word_labels(text, ["so-called", "isn't radical"]) == [
        False, True, False, True, True, False, False, False]


def test_features_carry_the_pipeline_evidence():
    s = 'Critics claimed the "peace plan" was a disastrous land grab.'
    feats, num = row_features(s, s.index("disastrous"), s.index("disastrous") + 10)
    assert feats["loaded"] and feats["ev_polarity=-1"] and feats["ev_role=head"]
    assert feats["w=disastrous"] and feats["L1=a"] and feats["R1=land"]
    assert num[0] > 0 and num[3] > 0  # span intensity, textblob subjectivity
    claimed = s.index("claimed")
    feats, _ = row_features(s, claimed, claimed + 7)
    assert feats["ev_kind=cue_doubt"]  # a doubt cue is loaded language (loaded_language)
    feats, _ = row_features(s, s.index("peace"), s.index("peace") + 5)
    assert feats["quoted_or_reported"] and not feats["loaded"]
    feats, num = row_features(s, s.index("Critics"), s.index("Critics") + 7,
                              feature_sets=("context",))
    assert feats["sentence_initial"] and not any(k.startswith("w=") for k in feats)
    assert not any(num)


def test_single_curly_quotes_open_and_close():
    # "’" is also an apostrophe ("voters’"), so it closes only a quotation "‘" opened
    s = "He left the ‘reform’ to the voters’ panel and ‘resigned’ later."
    quoted = {w: bool(row_features(s, s.index(w), s.index(w) + len(w))[0]["quoted_or_reported"])
              for w in ("reform", "panel", "resigned", "later")}
    assert quoted == {"reform": True, "panel": False, "resigned": True, "later": False}
    s = "He said: “It’s a ‘farce’ now” and left."  # nested in double quotation marks
    assert row_features(s, s.index("now"), s.index("now") + 3)[0]["quoted_or_reported"]
    assert not row_features(s, s.index("left"), s.index("left") + 4)[0]["quoted_or_reported"]


def _quoted(s: str, word: str) -> bool:
    return bool(row_features(s, s.index(word), s.index(word) + len(word))[0]["quoted_or_reported"])


def test_double_quotation_marks_have_a_direction():
    # a closing mark closes (it used to toggle, so what followed counted as quoted)
    s = "The plan passed.” Critics were furious."
    assert not _quoted(s, "Critics") and not _quoted(s, "furious")
    s = "“The plan failed. Critics were furious."  # an opening mark opens
    assert _quoted(s, "plan") and _quoted(s, "furious")
    s = "He called it «a farce» and left."
    assert _quoted(s, "farce") and not _quoted(s, "left")
    s = 'He called it "a farce" and left.'  # a straight mark toggles
    assert _quoted(s, "farce") and not _quoted(s, "left")
    # reported content counts too (hence the feature's name), indirect speech included
    s = "The minister said that the plan was a disaster."
    assert _quoted(s, "disaster") and not _quoted(s, "minister")


def test_right_context_of_a_word_of_several_tokens():
    # "left's" and "isn’t" are two tokens each: the right context starts after the last
    s = "The radical left's plan isn’t fair."
    feats, _ = row_features(s, s.index("left's"), s.index("left's") + 6, window=2)
    assert feats["R1=plan"] and feats["R2=isn't"] or feats["R2=is"]
    assert not feats["R1=<edge>"] and feats["L1=radical"]
    feats, _ = row_features(s, s.index("isn’t"), s.index("isn’t") + 5)
    assert feats["R1=fair"] and feats["L1=plan"] and not feats["R1=<edge>"]
    assert not any(k.startswith("R1=n") for k in feats)  # not its own "n’t"
    # the neighbours' subjectivity reads the token after the word, not its own clitic
    s2 = "The left's awful plan."
    _, num = row_features(s2, s2.index("left's"), s2.index("left's") + 6, feature_sets=("lexicon",))
    _, alone = row_features("The left awful plan.", 4, 8, feature_sets=("lexicon",))
    assert num[7] == alone[7] > 0


def test_string_labels_need_pos_label():
    labels = np.where(np.asarray(y), "loaded", "neutral")  # "neutral" sorts after "loaded"
    with pytest.raises(ValueError, match="pos_label"):
        small().fit(X, labels)
    with pytest.raises(ValueError, match="pos_label"):
        small(pos_label="biased").fit(X, labels)
    est = small(pos_label="loaded").fit(X, labels)
    ref = small().fit(X, y)
    assert est.pos_label_ == "loaded" and list(est.classes_) == ["loaded", "neutral"]
    assert list(est.predict(X) == "loaded") == list(ref.predict(X))
    np.testing.assert_allclose(est.predict_proba(X)[:, 0], ref.predict_proba(X)[:, 1])
    np.testing.assert_allclose(est.decision_function(X), -ref.decision_function(X))
    texts = ["Critics called the reckless plan shameful on Monday."]
    assert loaded_word_spans(est, texts) == loaded_word_spans(ref, texts) != [[]]
    # booleans and numbers: the larger label is the loaded one unless pos_label says otherwise
    assert ref.pos_label_ is np.True_ or ref.pos_label_ == True  # noqa: E712
    flipped = small(pos_label=False).fit(X, y)
    assert flipped.pos_label_ == False  # noqa: E712
    np.testing.assert_allclose(flipped.predict_proba(X), ref.predict_proba(X), atol=1e-3)
    assert loaded_word_spans(flipped, texts) != loaded_word_spans(ref, texts)  # other words


def test_threshold_is_checked_at_predict_time():
    est = small().fit(X, y)
    for bad in (0.0, 1.0, 1.5):
        est.set_params(threshold=bad)
        with pytest.raises(ValueError, match="threshold"):
            est.predict(X)
        with pytest.raises(ValueError, match="threshold"):
            LoadedWordClassifier(min_df=1, threshold=bad).fit(X, y)


def _long_text(n_sentences: int, *, full_stops: bool = True) -> str:
    # distinct sentences (the evidence cache must not hide the work), quotes and loaded words
    # (one huge sentence has no reporting verb: the attribution step is not under test here)
    if full_stops:
        return " ".join(f"Critics said the reckless plan {i} was a “shameful” disaster for town {i}."
                        for i in range(n_sentences))
    return " ".join(f"the reckless plan {i} was a “shameful” disaster for town {i},"
                    for i in range(n_sentences))


def test_long_text_is_linear():
    """A whole document used to be every row's sentence: 4,400 words took 2.4 s, 17,600
    took 41.5 s. Each row now sees its own sentence; the tokens of a word are found by
    bisection and spans and contents are swept once, so one huge sentence is linear too."""
    model = small().fit(X, y)
    # 125 and 500 units (250 and 1,000 before: the same 4x step, half the suite time)
    for full_stops in (True, False):  # many sentences, then one sentence of 5,500 words
        small_text = _long_text(125, full_stops=full_stops)
        big_text = _long_text(500, full_stops=full_stops)
        assert len(word_rows(big_text)) >= 5_500
        for attempt in range(2):  # measure again once if a busy machine slowed the big run
            _sentence_evidence.cache_clear()
            t0 = time.perf_counter()
            loaded_word_spans(model, [small_text])
            t_small = time.perf_counter() - t0
            _sentence_evidence.cache_clear()
            t0 = time.perf_counter()
            spans = loaded_word_spans(model, [big_text])[0]
            t_big = time.perf_counter() - t0
            if t_big < 8 * max(t_small, 0.05):
                break
        assert sum(big_text[s.start:s.end].count("reckless") for s in spans) == 500
        assert t_big < 60
        assert t_big < 8 * max(t_small, 0.05)  # four times the text, not sixteen times the time


def test_spans_are_found_per_sentence_and_shifted_back():
    model = small().fit(X, y)
    one = "Critics called the reckless plan shameful on Monday."
    text = "The minister met reporters in the capital on Tuesday. " + one
    spans = loaded_word_spans(model, [text])[0]
    assert [text[s.start:s.end] for s in spans] == ["reckless", "shameful"]
    # the same as the sentence alone: the document around it no longer changes its features
    off = text.index(one)
    assert [(s.start - off, s.end - off) for s in spans] == [
        (s.start, s.end) for s in loaded_word_spans(model, [one])[0]]


def test_golden_spans_on_unseen_sentences():
    model = small().fit(X, y)
    texts = ["Critics called the reckless plan shameful on Monday.",
             "The minister met reporters in the capital on Tuesday."]
    spans = loaded_word_spans(model, texts)
    assert [texts[0][s.start:s.end] for s in spans[0]] == ["reckless", "shameful"]
    assert spans[1] == []
    assert loaded_word_spans(model, []) == []


def test_neighbouring_loaded_words_form_one_span():
    model = small().fit(X, y)
    text = "Extremist thugs met in the town."
    assert loaded_word_spans(model, [text])[0] == [Span(0, len("Extremist thugs"))]


@requires_data("babe_mbic")
def test_floor_on_babe_dev_held_out_articles():
    """Fit on half of BABE dev's articles, score the other half (the test split is never read).

    Word-level F1 as evaluation/evaluative.py scores it; the no-training rule
    (loaded_language) scores 0.40 on the whole dev split.
    """
    import framing
    from framing.datasets import load_babe
    from framing.extract.evaluative import loaded_language
    from framing.extract.run import annotate_evidence

    babe = load_babe()
    dev = babe[babe["split"] == "dev"].reset_index(drop=True)
    tr, te = next(GroupKFold(2).split(dev, groups=dev["news_link"]))
    X_tr = [r for t in dev["text"][tr] for r in word_rows(t)]
    y_tr = [lab for t, w in zip(dev["text"][tr], dev["biased_words"][tr]) for lab in word_labels(t, w)]
    model = LoadedWordClassifier().fit(X_tr, y_tr)
    held = dev.iloc[te]

    def f1(spans_per_text):
        tp = fp = fn = 0
        for text, words, spans in zip(held["text"], held["biased_words"], spans_per_text):
            gold = word_labels(text, words)
            pred = [any(s.start < b and a < s.end for s in spans) for _, a, b in word_rows(text)]
            tp += sum(g and p for g, p in zip(gold, pred))
            fp += sum(p and not g for g, p in zip(gold, pred))
            fn += sum(g and not p for g, p in zip(gold, pred))
        return 2 * tp / (2 * tp + fp + fn)

    trained = f1(loaded_word_spans(model, held["text"]))
    # the rule reads only the evidence run (evaluative spans, attribution cues): no actors
    rule = f1([loaded_language(annotate_evidence(framing.Document(t))) for t in held["text"]])
    assert trained >= FLOOR
    assert trained > rule + 0.03


FLOOR = 0.42


def test_evaluation_scorer_uses_the_package_words():
    """evaluation/evaluative.py scores with word_rows/word_labels (it had its own copy, which
    did not fold a curly apostrophe in the annotation: "isn’t" never matched "isn't")."""
    from evaluation.evaluative import _word_labels

    text = "The plan isn't fair, the left’s critics say."
    annotated = ["isn’t", "left's"]
    gold, pred = _word_labels(text, annotated, [Span(4, 8)])
    assert gold == word_labels(text, annotated) == [
        False, False, True, False, False, True, False, False]
    assert pred == [False, True, False, False, False, False, False, False]
