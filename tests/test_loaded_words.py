"""LoadedWordClassifier: estimator contract, features from the project's evidence, golden
behaviour on hand-written sentences, and a floor on BABE's dev split (never its test split)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, GroupKFold

from framing._records import Span
from framing.models import LoadedWordClassifier, loaded_word_spans, word_labels, word_rows
from framing.models._loaded_words import BARE_STRING, row_features
from tests.conftest import requires_data
from tests.estimator_checks import check_text_classifier

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


def test_estimator_checks():
    pred = check_text_classifier(small(), X, y)
    assert (np.asarray(pred) == np.asarray(y)).mean() > 0.9


def test_bad_input_raises():
    with pytest.raises(ValueError, match="bare string"):
        small().fit("The radical mob.", [True])
    assert "bare string" in BARE_STRING
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
    assert gs.best_params_["C"] in {1.0, 10.0}
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
    assert feats["quoted"] and not feats["loaded"]
    feats, num = row_features(s, s.index("Critics"), s.index("Critics") + 7,
                              feature_sets=("context",))
    assert feats["sentence_initial"] and not any(k.startswith("w=") for k in feats)
    assert not any(num)


def test_single_curly_quotes_open_and_close():
    # "’" is also an apostrophe ("voters’"), so it closes only a quotation "‘" opened
    s = "He left the ‘reform’ to the voters’ panel and ‘resigned’ later."
    quoted = {w: bool(row_features(s, s.index(w), s.index(w) + len(w))[0]["quoted"])
              for w in ("reform", "panel", "resigned", "later")}
    assert quoted == {"reform": True, "panel": False, "resigned": True, "later": False}
    s = "He said: “It’s a ‘farce’ now” and left."  # nested in double quotation marks
    assert row_features(s, s.index("now"), s.index("now") + 3)[0]["quoted"]
    assert not row_features(s, s.index("left"), s.index("left") + 4)[0]["quoted"]


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
    from framing.evaluative import loaded_language

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
    rule = f1([loaded_language(framing.analyze(t)) for t in held["text"]])
    assert trained >= FLOOR
    assert trained > rule + 0.03


FLOOR = 0.42
