"""ActorSentimentClassifier: sentiment toward a target mention in a sentence (NewsMTSC labels)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Sequence

import numpy as np

from framing.extract.actors import (
    NEGATORS,
    label_of,
    locate_target,
    target_context,
    target_tokens,
    word_prior,
)
from framing.model_files import Param
from framing.models._linear import SpanLinearClassifier
from framing.models._rows import span_rows
from framing.text import Token

__all__ = ["ActorSentimentClassifier", "target_rows"]

BARE_STRING = (
    "ActorSentimentClassifier takes rows of (sentence, start, end) or a DataFrame with "
    "columns sentence, start, end; got a bare string"
)
MODEL_FORMAT = "framing.ActorSentimentClassifier/2"
"""Version 2: 24 numeric features and the side-marked distance words (version 1 had 8 and none)."""
LABELS = ("negative", "neutral", "positive")
"""The classes, as NewsMTSC names them; a model file must have exactly these."""
MAX_WINDOW = 50
"""Largest ``window`` (tokens either side of the target); a sentence seldom has more."""
PARAMS = {
    "C": Param("float", low=0, low_open=True, high=1e6),
    "window": Param("int", low=1, high=MAX_WINDOW),
    "min_df": Param("int", low=1, high=1e6),
    "max_features": Param("int", low=1, high=1e7, none=True),
    "class_weight": Param("class_weight"),
    "max_iter": Param("int", low=1, high=1e6),
}
"""Schema of the parameters, in a model file and in ``fit``."""
TARGET = "<T>"
OTHER_NAME = "<p>"
NUMERIC = (
    "num__default_score",
    "num__pos_weight",
    "num__neg_weight",
    "num__clause_pos",
    "num__clause_neg",
    "num__negated",
    "num__sentence_pos",
    "num__sentence_neg",
    "num__vader_L3_pos",
    "num__vader_L3_neg",
    "num__vader_R3_pos",
    "num__vader_R3_neg",
    "num__vader_L8_pos",
    "num__vader_L8_neg",
    "num__vader_R8_pos",
    "num__vader_R8_neg",
    "num__vader_sentence_pos",
    "num__vader_sentence_neg",
    "num__pattern_L_polarity",
    "num__pattern_L_subjectivity",
    "num__pattern_R_polarity",
    "num__pattern_R_subjectivity",
    "num__pattern_sentence_polarity",
    "num__pattern_sentence_subjectivity",
)
# Distance weight of the side-marked word features: 1 / (1 + d / DISTANCE_DECAY).
DISTANCE_DECAY = 3.0
# VADER's negation scalar: a negated word counts -0.74 times its valence.
VADER_NEGATION = -0.74


@lru_cache(maxsize=1)
def _vader_lexicon() -> dict[str, float]:
    """The VADER lexicon that ships with ``vaderSentiment`` (word -> valence in [-4, 4])."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


@lru_cache(maxsize=1)
def _pattern_lexicon() -> dict[str, tuple[float, float]]:
    """The pattern sentiment lexicon that ships with ``textblob`` (word -> polarity,
    subjectivity), the first reading of each word."""
    from textblob.en import sentiment

    out = {}
    for word, readings in sentiment.items():
        pol, subj = next(iter(readings.values()))[:2]
        out[word] = (float(pol), float(subj))
    return out


def target_rows(X: Any) -> list[tuple[str, int, int]]:
    """Normalise the input: a DataFrame with ``sentence``, ``start``, ``end`` columns or an
    iterable of ``(sentence, start, end)`` rows.

    Examples
    --------
    >>> target_rows([("Smith praised Jones.", 14, 19)])
    [('Smith praised Jones.', 14, 19)]
    """
    return span_rows(X, BARE_STRING)


def row_tokens(row: tuple[Any, int, int]) -> tuple[Sequence[Token], int, int]:
    """The tokens of a row's sentence and the target's first and last token index. The
    sentence is a string (parsed here) or a parsed :class:`framing.text.Sentence` of a
    Document (its tokens are used as they are; ``start`` and ``end`` are offsets into its
    text, like for a string)."""
    s, a, b = row
    if isinstance(s, str):
        return target_tokens(s, a, b)
    toks = s.tokens
    i, j = locate_target(toks, a + s.start, b + s.start)
    return toks, i, j


def row_features(sentence: str, start: int, end: int, *, window: int = 4) -> tuple[dict[str, float], list[float]]:
    """Sparse string features and the numeric features of one (sentence, target) row."""
    toks, ti, tj = target_tokens(sentence, start, end)
    return _features(toks, ti, tj, window, _sentence_parts(toks))


def _norm(tok: Token) -> str:
    if tok.tag in {"NNP", "NNPS"} and tok.text[:1].isupper():
        return OTHER_NAME  # other names generalise as one token (+0.016 rw-dev macro-F1)
    return tok.lower


def _sentence_parts(toks: Sequence[Token]) -> tuple[list[str], float, float]:
    """What the features need of a sentence whatever the target: the normalised words, and
    the positive and negative prior mass of its words."""
    priors = [word_prior(x.text, x.tag) for x in toks]
    spos = sum(p for p in priors if p > 0)
    sneg = -sum(p for p in priors if p < 0)
    return [_norm(t) for t in toks], spos, sneg


def _features(toks: Sequence[Token], ti: int, tj: int, window: int,
              parts: tuple[list[str], float, float]) -> tuple[dict[str, float], list[float]]:
    ctx = target_context(toks, ti, tj)
    normed, spos, sneg = parts
    words = normed[:ti] + [TARGET] + normed[tj + 1 :]
    # a word is negated when a negator is among the three words before it
    neg = []
    last = -4  # index of the last negator seen
    for k, w in enumerate(words):
        neg.append(last >= k - 3)
        if w in NEGATORS:
            last = k
    feats: dict[str, float] = defaultdict(float)
    for k, w in enumerate(words):
        feats["w=" + w] += 1
        if k + 1 < len(words):
            feats["b=" + w + " " + words[k + 1]] += 1
    t = ti  # position of the target in ``words``
    for d in range(1, window + 1):
        for k, side in ((t - d, "L"), (t + d, "R")):
            if 0 <= k < len(words):
                w = ("not_" if neg[k] else "") + words[k]
                feats[f"{side}={w}"] += 1
                if d <= 2:
                    feats[f"{side}{d}={w}"] += 1
    if t >= 2:
        feats["L_bg=" + words[t - 2] + " " + words[t - 1]] += 1
    if t + 2 < len(words):
        feats["R_bg=" + words[t + 1] + " " + words[t + 2]] += 1
    for k, p, w in ctx.weighted:
        side = "L" if k < ti else "R"
        sign = "+" if p > 0 else "-"
        feats[f"pol_{side}{sign}"] += w
    lo, hi = ctx.clause
    shift = tj - ti
    for k in range(lo, hi + 1):
        if ti <= k <= tj:
            continue
        kk = k if k < ti else k - shift
        w = ("not_" if neg[kk] else "") + words[kk]
        feats["c=" + w] += 1
    if ctx.subject_verb:
        feats["subj_of=" + ctx.subject_verb] += 1
    if ctx.object_verb:
        feats["obj_of=" + ctx.object_verb] += 1
    if ctx.reports:
        feats["reports"] += 1
    if ti == 0:
        feats["sentence_initial"] += 1
    feats["label=" + label_of(ctx.score)] += 1
    pos_w = sum(p * w for _, p, w in ctx.weighted if p > 0)
    neg_w = -sum(p * w for _, p, w in ctx.weighted if p < 0)
    cpos = sum(p for k, p, _ in ctx.weighted if lo <= k <= hi and p > 0)
    cneg = -sum(p for k, p, _ in ctx.weighted if lo <= k <= hi and p < 0)
    numeric = [ctx.score * 5, pos_w, neg_w, cpos, cneg, float(len(ctx.negated)), spos / 3, sneg / 3]
    # every other word, weighted by its distance to the target, on its side of the target
    for k, w in enumerate(words):
        if k != t:
            side = "L" if k < t else "R"
            feats[f"d{side}=" + ("not_" if neg[k] else "") + w] += 1.0 / (1.0 + abs(k - t) / DISTANCE_DECAY)
    numeric += _lexicon_scores(words, neg, t)
    return feats, numeric


def _lexicon_scores(words: list[str], neg: list[bool], t: int) -> list[float]:
    """VADER positive / negative mass in windows of 3 and 8 words left and right of the
    target and in the sentence; pattern (textblob) mean polarity and subjectivity of the
    rated words left and right of the target and in the sentence."""
    vader = _vader_lexicon()
    out = []
    for win in (3, 8):
        for step in (-1, 1):
            pos = negm = 0.0
            for d in range(1, win + 1):
                k = t + step * d
                if 0 <= k < len(words):
                    v = vader.get(words[k], 0.0) / 4.0
                    if neg[k]:
                        v *= VADER_NEGATION
                    pos += max(v, 0.0)
                    negm += max(-v, 0.0)
            out += [pos, negm]
    vals = [vader.get(w, 0.0) for w in words]
    out += [sum(v for v in vals if v > 0) / 8, -sum(v for v in vals if v < 0) / 8]
    pattern = _pattern_lexicon()
    for part in (range(0, t), range(t + 1, len(words)), range(len(words))):
        rated = [(pattern[words[k]], neg[k]) for k in part if words[k] in pattern]
        if rated:
            pol = sum(p * (-0.5 if n else 1.0) for (p, _), n in rated) / len(rated)
            subj = sum(sj for (_, sj), _ in rated) / len(rated)
        else:
            pol = subj = 0.0
        out += [pol, subj]
    return out


class ActorSentimentClassifier(SpanLinearClassifier):
    """Sentiment a sentence expresses toward a target mention: negative, neutral or positive.

    A logistic regression over target-masked word n-grams of the sentence (other proper
    names replaced by one placeholder), the words in a
    window left and right of the target and in its clause (negation-marked), whether the
    target is the subject or object of a praise, criticism or reporting verb, every other
    word marked by its side of the target and weighted by its distance to it
    (``1 / (1 + d / 3)``), the target-aware lexicon scores of
    :func:`framing.extract.actors.target_context`, and VADER and pattern (textblob) lexicon scores
    in windows left and right of the target and in the sentence (negation-marked).

    Built from scikit-learn parts: the string features go through a
    :class:`~sklearn.feature_extraction.DictVectorizer` (the ``max_features`` most frequent
    of those in at least ``min_df`` rows), ``log(1 + count)`` and a
    :class:`~sklearn.feature_extraction.text.TfidfTransformer` (smoothed idf, l2 norm); the
    numeric features are appended and a :class:`~sklearn.linear_model.LogisticRegression`
    is fitted. :meth:`to_json` writes those fitted attributes as plain JSON and
    :meth:`from_json` reads them back into the same scikit-learn objects, after validating
    the file (:mod:`framing.model_files`).

    Parameters
    ----------
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression (0 < C <= 1e6).
    window : int, default=4
        Tokens left and right of the target that get position-marked features (1 to 50).
    min_df : int, default=2
        Keep string features seen in at least this many training rows.
    max_features : int or None, default=40000
        Keep the most frequent string features (bounds the shipped model's size).
    class_weight : dict, "balanced" or None, default="balanced"
    max_iter : int, default=2000

    Attributes
    ----------
    classes_ : ndarray of str
        Always ``negative``, ``neutral``, ``positive``: ``fit`` needs the three labels.
    vectorizer_ : sklearn.feature_extraction.DictVectorizer
        The string features kept (``vocabulary_`` is its ``vocabulary_``).
    tfidf_ : sklearn.feature_extraction.text.TfidfTransformer
        Its ``idf_`` (also ``idf_`` here).
    estimator_ : sklearn.linear_model.LogisticRegression
        Its ``coef_`` and ``intercept_`` (also here): columns are the string features,
        then the 24 numeric ones (:meth:`get_feature_names_out`).
    vocabulary_ : dict of str to int
    idf_ : ndarray
    coef_, intercept_ : ndarray

    Examples
    --------
    >>> clf = ActorSentimentClassifier.pretrained()
    >>> clf.predict([("Critics slammed Smith for the failure.", 16, 21),
    ...              ("Smith praised Jones for her brave work.", 14, 19)]).tolist()
    ['negative', 'positive']
    >>> type(clf.estimator_).__name__, clf.predict_proba([("Smith spoke.", 0, 5)]).shape
    ('LogisticRegression', (1, 3))
    """

    #: Rows may give a parsed :class:`framing.text.Sentence` (of a Document) in place of the
    #: sentence text: its tokens and tags are used instead of parsing the text again (the
    #: pipeline's step passes them; the features, and so the predictions, are the same).
    accepts_parsed = True

    _bare_string = BARE_STRING
    _numeric = NUMERIC
    _weighting = "tfidf"
    _format = MODEL_FORMAT
    _param_schema = PARAMS

    def __init__(
        self,
        *,
        C: float = 1.0,
        window: int = 4,
        min_df: int = 2,
        max_features: int | None = 40000,
        class_weight: Any = "balanced",
        max_iter: int = 2000,
    ):
        self.C = C
        self.window = window
        self.min_df = min_df
        self.max_features = max_features
        self.class_weight = class_weight
        self.max_iter = max_iter

    def _rows(self, X: Any) -> list[tuple[Any, int, int]]:
        return span_rows(X, self._bare_string, parsed=True)

    def _featurize(self, rows: list[tuple[Any, int, int]]) -> list[tuple[Mapping[str, float], list[float]]]:
        out: list[tuple[Mapping[str, float], list[float]]] = []
        parts: dict[int, tuple[list[str], float, float]] = {}  # per sentence, within this call
        keep = []  # the token tuples, alive while their id() keys ``parts``
        for row in rows:
            toks, ti, tj = row_tokens(row)
            key = id(toks)
            if key not in parts:
                keep.append(toks)
                parts[key] = _sentence_parts(toks)
            out.append(_features(toks, ti, tj, self.window, parts[key]))
        return out

    def _check_y(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        classes = np.unique(y)
        if classes.tolist() != list(LABELS):
            raise ValueError(f"ActorSentimentClassifier needs the labels {list(LABELS)} in y, got {classes.tolist()}")
        return np.asarray(classes, dtype=object), y

    @classmethod
    def _file_schema(cls) -> dict:
        return {**super()._file_schema(), "classes": LABELS}

    def fit(self, X: Any, y: Iterable[str]) -> ActorSentimentClassifier:
        """Fit on rows of (sentence, start, end) and their labels (the three of ``LABELS``)."""
        return super().fit(X, y)

    def decision_function(self, X: Any) -> np.ndarray:
        """The logistic regression's scores, one column per class."""
        return self._scores(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes_``."""
        return self._proba(X)

    def predict(self, X: Any) -> np.ndarray:
        """``negative`` / ``neutral`` / ``positive`` per row."""
        scores = self._scores(X)
        return self.classes_[np.argmax(scores, axis=1)]

    @classmethod
    def pretrained(cls) -> ActorSentimentClassifier:
        """The shipped model, trained on NewsMTSC train, rw-dev and mt-dev by
        ``scripts/train_actor_sentiment.py`` (configuration chosen before dev was added)."""
        res = resources.files("framing").joinpath("data").joinpath("models").joinpath("actor_sentiment.json")
        return cls._from_bytes(res.read_bytes(), "actor_sentiment.json")
