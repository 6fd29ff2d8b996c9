"""ActorSentimentClassifier: sentiment toward a target mention in a sentence (NewsMTSC labels)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping
from math import log1p, sqrt
from importlib import resources
from typing import Any, Iterable, Sequence

import numpy as np
from sklearn.utils.extmath import softmax
from sklearn.utils.validation import check_is_fitted

from framing.extract.actors import (
    DEFAULT_THRESHOLD,
    NEGATION_WINDOW,
    NEGATORS,
    SentenceEvidence,
    column_priors,
    verb_lemma,
)
from framing.extract.actors.prior import CLAUSE_BREAKS, DECAY, OTHER_CLAUSE
from framing.extract.actors.target import sentence_priors
from framing.model_files import Param
from framing.models._linear import SpanLinearClassifier
from framing.models._rows import BAD_ROW, span_rows
from framing.text import Token

__all__ = ["ActorSentimentClassifier", "target_rows"]

BARE_STRING = (
    "ActorSentimentClassifier takes rows of (sentence, start, end) or a DataFrame with "
    "columns sentence, start, end; got a bare string"
)
MODEL_FORMAT = "framing.ActorSentimentClassifier/3"
"""Version 3: features from the extractors' evidence about the actor (version 2 read word
windows and lexicon scores only)."""
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
    "num__score",
    "num__near_pos",
    "num__near_neg",
    "num__clause_pos",
    "num__clause_neg",
    "num__sentence_pos",
    "num__sentence_neg",
    "num__attached",
    "num__agent_action",
    "num__agent_object",
    "num__patient_action",
    "num__contrast_own",
    "num__contrast_other",
    "num__unlike_main",
    "num__speaker_content",
    "num__quoted_content",
    "num__evaluative_attached",
    "num__evaluative_clause",
    "num__evaluative_sentence",
)
"""The numeric features, in the order of their columns (after the string features)."""

# Distance weight of an evaluative word: 1 / (1 + d / DECAY) in the target's clause, times
# OTHER_CLAUSE outside it (the constants of the no-training default).
NEGATED = -0.75
"""A word under negation counts this many times its polarity (VADER's N_SCALAR)."""
AUX = frozenset("is was were are be been being am 's ’s has have had will would could should can "
                "may might must do does did also not n't never just".split())
BE = frozenset("is was were are be been being am".split())
NEGATING_VERBS = frozenset("refuse fail decline deny reject resist avoid stop prevent halt block "
                           "oppose end".split())
"""Verbs whose complement they negate: "refused to bow to bullying" speaks well of the refuser."""
NEGATING_WINDOW = 4
CONTRAST = frozenset("but while whereas although though yet however unlike despite instead".split())
COMPARED = frozenset({"unlike", "despite"})
"""Contrast words that govern a noun phrase: "unlike X, she is competent" contrasts X with the
main clause."""
_NOUNISH = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "CD"})
_MODIFIER = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "VBN", "VBG", "CD"})
_BEFORE_OBJECT = frozenset({"DT", "JJ", "NNP", "NNPS", "PRP$", "POS", "RB", "CD"})
_STOP_APPOSITION = frozenset({",", ".", ";", ":", "(", ")", "—", "–", "--"})
UNLIKE_MAIN = NUMERIC.index("num__unlike_main")
UNLIKE_MIN = 0.4
"""Word-prior mass of the main clause after "unlike X," that decides the row: one clearly
evaluative word ("competent" 0.41); on BASIL events 0-79 the one "unlike" row below it
("unlike Lyin' Ted Cruz I do not surround myself with political hacks", -0.3, its negation
misread by the priors) is left to the model."""
UNLIKE_MARGIN = 1.0
EVIDENCE_CACHE = 50_000
"""Sentences whose evidence (for string rows) is kept between calls: a fit and a predict on
the same texts run the extractors once."""


def target_rows(X: Any) -> list[tuple[str, int, int]]:
    """Normalise the input: a DataFrame with ``sentence``, ``start``, ``end`` columns or an
    iterable of ``(sentence, start, end)`` rows.

    Examples
    --------
    >>> target_rows([("Smith praised Jones.", 14, 19)])
    [('Smith praised Jones.', 14, 19)]
    """
    return span_rows(X, BARE_STRING)


_TEXT_EVIDENCE: dict[str, tuple] = {}


def text_evidence(sentence: str) -> tuple[tuple, tuple, tuple]:
    """The token columns (starts, ends, words, tags), attributions and evaluative spans the pipeline's evidence steps find in
    ``sentence`` analysed alone (offsets into ``sentence``); kept for :data:`EVIDENCE_CACHE`
    sentences."""
    hit = _TEXT_EVIDENCE.get(sentence)
    if hit is None:
        from framing.document import Document
        from framing.extract.run import annotate_evidence

        doc = annotate_evidence(Document(sentence))
        toks = [t for s in doc.sentences for t in s.tokens]
        if not toks:
            toks = [Token(0, len(sentence), sentence or TARGET, "NNP")]
        columns = (tuple(t.start for t in toks), tuple(t.end for t in toks), tuple(t.text for t in toks),
                   tuple(t.tag for t in toks))
        hit = (columns, tuple(doc.attributions), tuple(doc.evaluative))
        if len(_TEXT_EVIDENCE) >= EVIDENCE_CACHE:
            _TEXT_EVIDENCE.clear()
        _TEXT_EVIDENCE[sentence] = hit
    return hit


_TOKEN_INFO: dict[tuple[str, str], tuple[str, str, int]] = {}
TOKEN_CACHE = 100_000
"""(word, tag) pairs whose :func:`_token_info` is kept (cleared when full)."""


def _token_info(key: tuple[str, str]) -> tuple[str, str, int]:
    """A token's lower case, its word as the features read it (:func:`_norm`) and its kind
    for negation (1 a negator, 2 a negating verb, 0 neither), from its (word, tag); kept for
    :data:`TOKEN_CACHE` pairs."""
    text, tag = key
    lower = text.lower()
    kind = 1 if lower in NEGATORS else 2 if tag[:2] == "VB" and verb_lemma(lower, NEGATING_VERBS) else 0
    info = (lower, _norm(text, tag), kind)
    if len(_TOKEN_INFO) >= TOKEN_CACHE:
        _TOKEN_INFO.clear()
    _TOKEN_INFO[key] = info
    return info


def _norm(text: str, tag: str) -> str:
    if tag in {"NNP", "NNPS"} and text[:1].isupper():
        return OTHER_NAME  # other names generalise as one token
    return text.lower()


class _Facts:
    """What the features need of a sentence whatever the target, computed once per sentence
    (``priors``: the words' :func:`framing.extract.actors.column_priors` when the caller has
    them, as a parsed sentence's :func:`framing.extract.actors.target.sentence_priors`)."""

    __slots__ = ("n", "lowers", "tags", "words", "neg", "marked", "signed", "nonzero", "enonzero",
                 "breaks", "contrast", "attrs", "shared", "spos", "sneg", "esent", "starts", "ends")

    def __init__(self, columns: tuple[Sequence[int], Sequence[int], Sequence[str], Sequence[str]],
                 attributions: Iterable, evaluative: Iterable, priors: Sequence[float] | None = None):
        starts, ends, texts, tags = columns
        self.starts, self.ends, self.tags = starts, ends, tags
        n = self.n = len(texts)
        get = _TOKEN_INFO.get
        info = [get(key) or _token_info(key) for key in zip(texts, tags)]
        lowers, words, kinds = zip(*info) if info else ((), (), ())
        self.lowers, self.words = lowers, words
        # negation: a negator among the 3 tokens before, or a negating verb among the 4 before
        neg = [False] * n
        marked: Sequence[str] = words
        if any(kinds):
            for k, kind in enumerate(kinds):
                if kind:
                    for m in range(k + 1, min(n, k + 1 + (NEGATION_WINDOW if kind == 1 else NEGATING_WINDOW))):
                        neg[m] = True
            marked = ["not_" + w if ng else w for w, ng in zip(words, neg)]
        self.neg, self.marked = neg, marked
        pri = column_priors(texts, tags) if priors is None else priors
        self.nonzero = nonzero = [(k, p * NEGATED if neg[k] else p) for k, p in enumerate(pri) if p]
        self.signed = signed = [0.0] * n
        spos = sneg = 0.0  # the same sums, in the same order, as summing each sign apart
        for k, p in nonzero:
            signed[k] = p
            if p > 0:
                spos += p
            else:
                sneg -= p
        self.spos, self.sneg = spos, sneg
        # the evaluative extractor's spans, on the tokens they cover
        enonzero = []
        for e in evaluative:
            lo = bisect_right(ends, e.span.start)
            hi = bisect_left(starts, e.span.end) - 1
            v = e.polarity * e.intensity
            enonzero += [(k, v * NEGATED if neg[k] else v) for k in range(lo, hi + 1)]
        self.enonzero = enonzero
        self.esent = sum(p for _, p in enonzero)
        breaks = CLAUSE_BREAKS
        self.breaks = [k for k, lw in enumerate(lowers) if lw in breaks]
        self.contrast = ([] if CONTRAST.isdisjoint(lowers)
                         else [(k, lw) for k, lw in enumerate(lowers) if lw in CONTRAST])
        # attributions: (source first, last token or -1, content first, last, stance, cue lemma)
        attrs = []
        for a in attributions:
            if a.source is not None:
                s_lo, s_hi = bisect_right(ends, a.source.start), bisect_left(starts, a.source.end) - 1
            else:
                s_lo, s_hi = -1, -2
            c_lo, c_hi = bisect_right(ends, a.content.start), bisect_left(starts, a.content.end) - 1
            attrs.append((s_lo, s_hi, c_lo, c_hi, a.cue_stance, a.cue_lemma.lower()))
        self.attrs = attrs
        # the sentence's words (other names as one placeholder), with their counts: the
        # features "w=<word>" (word pairs of the whole sentence were tried and left out: rw-dev
        # and mt-dev macro-F1 0.723 and 0.683 with them, 0.721 and 0.693 without, and half the cost)
        self.shared = Counter(words)


def _range_sum(pairs: list[tuple[int, float]], lo: int, hi: int, ti: int, tj: int) -> float:
    """Sum of the signed polarities at indices lo..hi, the target's tokens ti..tj left out."""
    return sum(p for k, p in pairs if lo <= k <= hi and not ti <= k <= tj)


def _features(f: _Facts, ti: int, tj: int, window: int) -> tuple[dict[str, float], list[float]]:
    """The string and numeric features of the target at tokens ``ti..tj`` of a sentence,
    without the sentence's own (``f.shared``, the same for every target in it)."""
    words, lowers, tags, marked, n = f.words, f.lowers, f.tags, f.marked, f.n
    feats: dict[str, float] = {}
    get = feats.get
    for d in range(1, window + 1):
        k = ti - d
        if k >= 0:
            w = marked[k]
            key = "L=" + w
            feats[key] = get(key, 0.0) + 1.0
            if d <= 2:
                feats[f"L{d}={w}"] = 1.0
        k = tj + d
        if k < n:
            w = marked[k]
            key = "R=" + w
            feats[key] = get(key, 0.0) + 1.0
            if d <= 2:
                feats[f"R{d}={w}"] = 1.0
    left = words[ti - 2] + " " + words[ti - 1] if ti >= 2 else ("<s> " + words[0] if ti == 1 else "<s>")
    feats["L_bg=" + left] = 1.0
    right = words[tj + 1] + " " + words[tj + 2] if tj + 2 < n else ("</s>" if tj + 1 >= n else words[tj + 1] + " </s>")
    feats["R_bg=" + right] = 1.0
    breaks = f.breaks
    kb = bisect_right(breaks, ti - 1) - 1
    lo = breaks[kb] + 1 if kb >= 0 else 0
    kb = bisect_left(breaks, tj + 1)
    hi = breaks[kb] - 1 if kb < len(breaks) else n - 1
    for key in ["c=" + w for w in marked[lo:ti]] + ["c=" + w for w in marked[tj + 1:hi + 1]]:
        feats[key] = get(key, 0.0) + 1.0
    # lexicon mass near the target, in its clause, in the sentence
    num = den = near_pos = near_neg = clause_pos = clause_neg = 0.0
    for k, p in f.nonzero:
        if ti <= k <= tj:
            continue
        wgt = 1.0 / (1.0 + (ti - k if k < ti else k - tj) / DECAY)
        if lo <= k <= hi:
            if p > 0:
                clause_pos += p
            else:
                clause_neg -= p
        else:
            wgt *= OTHER_CLAUSE
        num += p * wgt
        den += wgt
        if p > 0:
            near_pos += p * wgt
        else:
            near_neg -= p * wgt
    score = num / (1.0 + den)
    feats["label=" + ("positive" if score > DEFAULT_THRESHOLD else "negative" if score < -DEFAULT_THRESHOLD
                      else "neutral")] = 1.0
    if ti == 0:
        feats["sentence_initial"] = 1.0
    # evaluative words attached to the actor's phrase: modifiers before it, an apposition or
    # relative clause after it up to the next comma
    a_lo = ti
    while a_lo > 0 and ti - a_lo < 4 and tags[a_lo - 1] in _MODIFIER:
        a_lo -= 1
        feats["mod=" + marked[a_lo]] = 1.0
    a_hi = tj
    if tj + 2 < n and lowers[tj + 1] == "," and tags[tj + 2] in {"DT", "JJ", "PRP$", "WP", "NN", "NNS", "CD"}:
        k = tj + 2
        while k < n and k - tj <= 12 and lowers[k] not in _STOP_APPOSITION:
            feats["app=" + marked[k]] = 1.0
            k += 1
        a_hi = k - 1
        feats["apposition"] = 1.0
    attached = _range_sum(f.nonzero, a_lo, a_hi, ti, tj)
    e_attached = _range_sum(f.enonzero, a_lo, a_hi, ti, tj) if f.enonzero else 0.0
    # agent: the first verb after the actor's phrase ("X's regime stalls", "X has refused")
    agent_action = agent_object = patient_action = 0.0
    k, possessor, be = tj + 1, False, False
    verb = -1
    while k < n and k - tj <= 6:
        lw, tg = lowers[k], tags[k]
        if tg == "POS" or (lw in {"'s", "’s"} and k == tj + 1):
            possessor = True
        elif possessor and tg in _NOUNISH:
            pass
        elif lw in AUX or tg in {"RB", "MD"}:
            be = be or lw in BE
        elif tg[:2] == "VB":
            verb = k
            break
        elif tg in {"NNP", "NNPS"}:
            pass
        else:
            break
        k += 1
    if verb >= 0:
        passive = be and tags[verb] == "VBN"
        role = "patient" if passive else "agent"
        feats["role=" + role + ("_possessor" if possessor else "")] = 1.0
        feats[role + "_v=" + marked[verb]] = 1.0
        if passive:
            patient_action = f.signed[verb]
        else:
            agent_action = f.signed[verb]
            agent_object = _range_sum(f.nonzero, verb + 1, hi, ti, tj)
    # patient: the verb before the actor ("fired Comey", "accused Smith of")
    for k in range(ti - 1, max(-1, ti - 4), -1):
        tg = tags[k]
        if tg[:2] == "VB":
            feats["patient_v=" + marked[k]] = 1.0
            patient_action += f.signed[k]
            break
        if tg not in _BEFORE_OBJECT:
            break
    if ti >= 1:
        if lowers[ti - 1] == "by":
            for k in range(ti - 2, max(-1, ti - 5), -1):
                if tags[k] == "VBN":
                    feats["by_agent_v=" + marked[k]] = 1.0
                    agent_action += f.signed[k]
                    break
        if tags[ti - 1] in {"IN", "TO"}:
            feats["pp=" + lowers[ti - 1]] = 1.0
    # contrast: "but", "while" split the sentence; "unlike X" sets X against the main clause
    contrast_own = contrast_other = unlike_main = 0.0
    for m, cw in f.contrast:
        if cw in COMPARED and 0 < ti - m <= 3:
            feats["compared=" + cw] = 1.0
            nxt = bisect_left(breaks, tj + 1)
            start = breaks[nxt] + 1 if nxt < len(breaks) else n
            unlike_main = _range_sum(f.nonzero, start, n - 1, ti, tj)
            break
        if cw not in COMPARED:
            own = (m + 1, n - 1) if ti > m else (0, m - 1)
            other = (0, m - 1) if ti > m else (m + 1, n - 1)
            feats["contrast=" + cw + ("_after" if ti > m else "_before")] = 1.0
            contrast_own = _range_sum(f.nonzero, own[0], own[1], ti, tj)
            contrast_other = _range_sum(f.nonzero, other[0], other[1], ti, tj)
            break
    # quotation: the actor as the quoted speaker, or inside what someone else says
    speaker_content = quoted_content = 0.0
    for s_lo, s_hi, c_lo, c_hi, stance, lemma in f.attrs:
        if s_lo <= tj and ti <= s_hi:
            feats["speaker"] = 1.0
            feats["speaker_stance=" + stance] = 1.0
            feats["speaker_cue=" + lemma] = 1.0
            speaker_content += _range_sum(f.nonzero, c_lo, c_hi, ti, tj)
        elif c_lo <= ti and tj <= c_hi:
            feats["quoted_in"] = 1.0
            feats["quoted_in_stance=" + stance] = 1.0
            feats["quoted_in_cue=" + lemma] = 1.0
            quoted_content += _range_sum(f.nonzero, c_lo, c_hi, ti, tj)
    e_clause = _range_sum(f.enonzero, lo, hi, ti, tj) if f.enonzero else 0.0
    numeric = [score * 5, near_pos, near_neg, clause_pos, clause_neg, f.spos / 3, f.sneg / 3,
               attached, agent_action, agent_object, patient_action, contrast_own, contrast_other,
               unlike_main, speaker_content, quoted_content, e_attached, e_clause, f.esent / 3]
    return feats, numeric


class ActorSentimentClassifier(SpanLinearClassifier):
    """Sentiment a sentence expresses toward a target mention: negative, neutral or positive.

    A logistic regression over what the extractors know about the actor in the sentence:

    - its role: agent of the first verb after its phrase (also as possessor, "X's regime
      stalls"), patient of a passive ("X was fired") or of the verb before it ("fired X"),
      agent through "by"; the verb and its prior polarity, and the polarity of what the
      agent's verb does to its object;
    - evaluative words attached to the actor's phrase (modifiers before it, an apposition or
      relative clause after it) apart from those of the clause and the sentence, by the word
      priors and by the evaluative extractor's spans;
    - contrast: the side of "but", "while", "although"... the actor is on and the polarity of
      each side; "unlike X" / "despite X" and the polarity of the main clause (and a rule on
      top of the fitted model: after "unlike X,", a clearly evaluative main clause makes the
      row the opposite class, :func:`_unlike_rule`);
    - negation scope: a word is negated after a negator (3 tokens) or a negating verb
      ("refused to bow to bullying", 4 tokens), and counts -0.75 times its polarity;
    - quotation: the actor as the source of an attribution (the cue's lemma and stance, the
      polarity of what it says) or inside the content of someone else's;
    - lexical context: the sentence's words (other proper names as one placeholder), the
      words in a window left and right of the actor and in its clause (negation-marked), the
      word pairs next to it, and distance-weighted lexicon mass (the evidence of
      :func:`framing.extract.actors.target_context`).

    Rows are ``(sentence, start, end)``. In the pipeline a row's sentence is a
    :class:`framing.extract.actors.SentenceEvidence` (``accepts_evidence``): the parsed
    sentence with the attributions and evaluative spans the document's extractors found; a
    sentence given as text is analysed alone by the same extractors
    (:func:`framing.extract.run.annotate_evidence`), and a parsed
    :class:`framing.text.Sentence` is read as its text.

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
        then the 19 numeric ones (:meth:`get_feature_names_out`).
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
    #: sentence text (it is read as its text).
    accepts_parsed = True
    #: Rows may give a :class:`framing.extract.actors.SentenceEvidence` (a parsed sentence with
    #: the attributions and evaluative spans the pipeline found in it): the features then read
    #: that evidence instead of running the extractors on the sentence again.
    accepts_evidence = True

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
        if isinstance(X, list) and X and isinstance(X[0], tuple) and len(X[0]) == 3 \
                and isinstance(X[0][0], SentenceEvidence):
            rows = []
            for row in X:  # the pipeline's rows: every one a SentenceEvidence
                s, a, b = row
                if not isinstance(s, SentenceEvidence) or not 0 <= int(a) < int(b) <= len(s.text):
                    raise ValueError(BAD_ROW.format(row=row))
                rows.append((s, int(a), int(b)))
            return rows
        return span_rows(X, self._bare_string, parsed=True)

    def _facts(self, rows: list[tuple[Any, int, int]]) -> tuple[list[_Facts], list[int], list[tuple[dict[str, float], list[float]]]]:
        """The distinct sentences' facts, each row's sentence (an index into them) and each
        row's own features (string and numeric)."""
        sentences: list[_Facts] = []
        seen: dict[int, int] = {}  # id of the row's sentence -> its index in ``sentences``
        keep: list[Any] = []  # the keyed objects, alive while their id() keys ``seen``
        which, own = [], []
        for s, a, b in rows:
            if isinstance(s, SentenceEvidence):
                key, offset = id(s), s.sentence.start
                if key not in seen:
                    seen[key] = len(sentences)
                    keep.append(s)
                    sentences.append(_Facts(s.sentence.columns(), s.attributions, s.evaluative,
                                            sentence_priors(s.sentence)))
            else:
                text = s if isinstance(s, str) else s.text
                key, offset = id(text), 0
                if key not in seen:
                    seen[key] = len(sentences)
                    keep.append(text)
                    sentences.append(_Facts(*text_evidence(text)))
            k = seen[key]
            f = sentences[k]
            start, end = a + offset, b + offset
            ti = bisect_right(f.ends, start)
            tj = bisect_left(f.starts, end) - 1
            if ti > tj:  # whitespace or punctuation only: the token nearest to the start
                ti = tj = min(max(ti - 1, 0), f.n - 1) if f.n else 0
            which.append(k)
            own.append(_features(f, ti, tj, self.window))
        return sentences, which, own

    def _featurize(self, rows: list[tuple[Any, int, int]]) -> list[tuple[Mapping[str, float], list[float]]]:
        sentences, which, own = self._facts(rows)
        shared = [{"w=" + w: c for w, c in f.shared.items()} for f in sentences]
        return [({**shared[k], **feats}, num) for k, (feats, num) in zip(which, own)]

    def _table(self) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]],
                              list[tuple[float, ...]], tuple[float, ...]]:
        """The fitted parts as plain numbers, for scoring a document's few rows without
        building matrices: string feature -> (idf, coefficient of each class, the products
        of its weight at count 1 with each coefficient and with itself), the same for the
        sentence's words keyed by the word (``w`` of the feature ``w=<w>``), the numeric
        features' coefficients, the intercepts. Kept while ``coef_`` is the same array."""
        coef = self.estimator_.coef_
        cached = self.__dict__.get("_table_cache")
        if cached is None or cached[0] is not coef:
            n_str = len(self.vectorizer_.feature_names_)
            W = coef.T.tolist()
            idf = self.tfidf_.idf_.tolist()
            one = log1p(1.0)
            table = {}
            for name, j in self.vectorizer_.vocabulary_.items():
                v = one * idf[j]  # the weight at count 1, by far the most common
                table[name] = (idf[j], *W[j], v * W[j][0], v * W[j][1], v * W[j][2], v * v)
            words = {name[2:]: t for name, t in table.items() if name.startswith("w=")}
            cached = (coef, (table, words, [tuple(w) for w in W[n_str:]],
                             tuple(float(v) for v in self.estimator_.intercept_)))
            self.__dict__["_table_cache"] = cached
        return cached[1]

    def _linear_scores(self, X: Any) -> np.ndarray:
        """The decision function. A string feature weighs ``log(1 + count) * idf``, the
        row's string features are l2-normalised and multiplied by their coefficients, the
        numeric features by theirs, and the intercept is added: what the tf-idf matrix of
        :meth:`_featurize`'s rows times ``coef_`` gives (``tests/test_actor_sentiment.py``
        checks it), computed here in plain Python over a document's few rows. A row's
        string features are its sentence's (the same for every target in it, summed once)
        and its own, two disjoint sets. Rows the "unlike X" rule holds for then get its scores
        (:func:`_unlike_rule`)."""
        if not hasattr(self, "estimator_"):
            check_is_fitted(self, "estimator_")  # raises NotFittedError
        if len(self.classes_) != 3:
            raise ValueError("ActorSentimentClassifier is fitted on three classes")
        sentences, which, own = self._facts(self._rows(X))
        table, words, num_w, (b0, b1, b2) = self._table()
        get = table.get
        zero = (0.0, 0.0, 0.0, 0.0)
        # the sentence's words (features "w=<word>"): summed once for all its targets
        parts = [_weighted_sums(f.shared, words.get, zero) for f in sentences]
        out = []
        for k, (feats, num) in zip(which, own):
            a0, a1, a2, sq = _weighted_sums(feats, get, parts[k])
            norm = sqrt(sq) or 1.0
            z0, z1, z2 = a0 / norm + b0, a1 / norm + b1, a2 / norm + b2
            for x, (w0, w1, w2) in zip(num, num_w):
                if x:
                    z0 += x * w0
                    z1 += x * w1
                    z2 += x * w2
            if "compared=unlike" in feats:
                z0, z1, z2 = _unlike_rule(z0, z1, z2, num[UNLIKE_MAIN])
            out.append((z0, z1, z2))
        return np.asarray(out, dtype=float).reshape(len(out), 3)

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
        """The logistic regression's scores, one column per class, with the "unlike X" rule
        applied to the rows it holds for (:func:`_unlike_rule`)."""
        return self._linear_scores(X)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, columns in the order of ``classes_``."""
        return softmax(self._linear_scores(X), copy=False)

    def predict(self, X: Any) -> np.ndarray:
        """``negative`` / ``neutral`` / ``positive`` per row."""
        scores = self._linear_scores(X)
        return self.classes_[np.argmax(scores, axis=1)]

    @classmethod
    def pretrained(cls) -> ActorSentimentClassifier:
        """The shipped model, trained on NewsMTSC train, rw-dev and mt-dev by
        ``scripts/train_actor_sentiment.py`` (C=1, no class weights; configuration chosen on
        a fit to train alone, scored on NewsMTSC dev and BASIL events 0-79)."""
        res = resources.files("framing").joinpath("data").joinpath("models").joinpath("actor_sentiment.json")
        return cls._from_bytes(res.read_bytes(), "actor_sentiment.json")


def _unlike_rule(z0: float, z1: float, z2: float, main: float) -> tuple[float, float, float]:
    """The scores of a row whose actor is set against the main clause by "unlike" ("Unlike
    Trump, she is a sane, competent person"): a main clause of word-prior mass at least
    :data:`UNLIKE_MIN` says the opposite of the actor, whatever its words say near the name,
    so the opposite class gets the top score plus :data:`UNLIKE_MARGIN`. NewsMTSC train has
    too few such sentences for the ``unlike_main`` feature to outweigh the words.

    Examples
    --------
    >>> _unlike_rule(0.0, 0.0, 2.0, 0.8)  # a positive main clause: negative toward the actor
    (3.0, 0.0, 2.0)
    >>> _unlike_rule(0.0, 0.5, 1.0, -0.3)  # too little evidence: the model's scores
    (0.0, 0.5, 1.0)
    """
    top = max(z0, z1, z2) + UNLIKE_MARGIN
    if main >= UNLIKE_MIN:
        return top, z1, z2
    if main <= -UNLIKE_MIN:
        return z0, z1, top
    return z0, z1, z2


def _weighted_sums(features: Any, get: Any, start: tuple[float, float, float, float]
                   ) -> tuple[float, float, float, float]:
    """``start`` plus, over the string features (name -> count) found by ``get`` in the
    model's table, the three classes' ``log(1 + count) * idf * coef`` and the squared norm
    (the table holds the count-1 products precomputed: most counts are 1)."""
    a0, a1, a2, sq = start
    for name, count in features.items():
        t = get(name)
        if t is None:
            continue
        if count == 1:
            a0 += t[4]
            a1 += t[5]
            a2 += t[6]
            sq += t[7]
        else:
            v = log1p(count) * t[0]
            a0 += v * t[1]
            a1 += v * t[2]
            a2 += v * t[3]
            sq += v * v
    return a0, a1, a2, sq
