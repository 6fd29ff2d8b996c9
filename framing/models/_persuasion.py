"""PersuasionSpanTagger: persuasion-technique spans (SemEval-2020 Task 11), learnt from PTC.

Two logistic regressions over the project's evidence and the words:

1. **span identification**: every token of an article gets the probability that it lies in
   a propaganda fragment (features: the word, its neighbours, its tag, the evidence covering
   it -- evaluative language, loaded labels, hedges, boosters, vague cues, attribution --
   and its sentence: exclamation, question, first-person plural, quotation); runs of tokens
   whose probability reaches ``threshold`` become spans;
2. **technique classification**: each span gets one of the 14 techniques from a multinomial
   regression over its words and bigrams, its length, its context, the evidence inside it
   and how often its words recur in the article (repetition).

framing ships **no fitted model**: PTC (and SemEval-2023 Task 3) have no licence. Fit it on
your own copy in one call::

    from framing.datasets import load_ptc
    from framing.models import PersuasionSpanTagger
    train = load_ptc("train")
    model = PersuasionSpanTagger().fit(train["text"], train["spans"])

:func:`si_scores` is the partial-overlap span scorer of the task and :func:`tc_micro_f1`
the technique scorer on given spans.
"""

from __future__ import annotations

import json
import math
import os
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from framing.document import Document

__all__ = ["PersuasionSpanTagger", "si_scores", "si_counts", "tc_micro_f1", "merge_spans"]

MODEL_FORMAT = "framing.PersuasionSpanTagger/1"
BARE_STRING = "PersuasionSpanTagger takes a list of texts (or Documents), got a bare string"
_OPEN_Q = frozenset("“«")
_CLOSE_Q = frozenset("”»")
_WE = frozenset("we us our ours ourselves".split())
_STOPWORDS = frozenset(
    """the a an and or but of to in on at for with by from as is was are were be been being it
    its this that these those he she they them his her their i you your my me not no so if then
    than there here what which who whom whose when where why how all any some can could would
    should will shall may might must do does did done has have had having into about over after
    before under up down out off again further once also just only very said says say""".split()
)


@lru_cache(maxsize=1)
def _lexicon_scores() -> dict[str, tuple[float, float]]:
    """textblob subjectivity and VADER mean of each word of the package's ``evaluative.tsv``."""
    from framing.resources import lexicon_rows

    rows = lexicon_rows("evaluative.tsv", with_header=True)
    header = next(rows)
    out = {}
    for row in rows:
        rec = dict(zip(header, row))
        out[rec["word"]] = (float(rec.get("tb_subjectivity") or 0.0), float(rec.get("vader_mean") or 0.0))
    return out


# -- evidence, once per document ----------------------------------------------------------
class _Table(NamedTuple):
    """One analysed document as token columns and per-token string features."""

    text: str
    starts: list[int]
    ends: list[int]
    lowers: list[str]
    tags: list[str]
    sent: list[int]  # sentence index of each token
    sent_bounds: list[tuple[int, int]]  # token index range of each sentence
    evidence: list[list[str]]  # evidence features of each token
    sent_feats: list[list[str]]  # features of each sentence
    counts: Counter  # lower-cased word counts in the document
    quoted: list[bool]  # token inside quotation marks


def _as_document(x: Any) -> Document:
    """A Document with its evidence: Documents are used as given (the pipeline has filled
    them); strings are analysed by the default evidence steps."""
    if isinstance(x, Document):
        return x
    if not isinstance(x, str):
        raise ValueError(f"expected a text (str) or a framing.Document, got {type(x).__name__}")
    return _evidence(Document(x))


def _evidence(doc: Document) -> Document:
    """The evidence steps of the default pipeline (clutter, text, attribution, hedging,
    evaluative), called directly: a model never runs the pipeline (which loads the models)."""
    from framing.extract.attribution import extract_attributions
    from framing.extract.evaluative import extract_evaluations
    from framing.extract.hedging import add_hedging
    from framing.text.clutter import find_clutter

    found = find_clutter(doc.text)
    doc.clutter, doc.dateline, doc.byline = found.spans, found.dateline, found.byline
    doc.reset_sentences()
    doc.attributions = extract_attributions(doc)
    add_hedging(doc)
    doc.evaluative = extract_evaluations(doc, doc.attributions)
    return doc


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    if word[:1].isdigit():
        return "d"
    if word[:1].isalpha():
        return "x"
    return "p"


def _mark(table_starts: list[int], table_ends: list[int], a: int, b: int) -> range:
    """Token indices overlapping ``[a, b)``."""
    return range(bisect_right(table_ends, a), bisect_left(table_starts, b))


def _table(doc: Document) -> _Table:
    text = doc.text
    starts: list[int] = []
    ends: list[int] = []
    lowers: list[str] = []
    tags: list[str] = []
    sent: list[int] = []
    bounds: list[tuple[int, int]] = []
    sfeats: list[list[str]] = []
    for k, s in enumerate(doc.sentences):
        first = len(starts)
        for t in s.tokens:
            starts.append(t.start)
            ends.append(t.end)
            lowers.append(t.text.lower().replace("’", "'"))
            tags.append(t.tag)
            sent.append(k)
        bounds.append((first, len(starts)))
        words = lowers[first:]
        f = []
        if "!" in words:
            f.append("s_excl")
        if "?" in words:
            f.append("s_q")
        if _WE.intersection(words):
            f.append("s_we")
        if any(w in ('"', "“", "”", "``", "''") for w in words):
            f.append("s_quote")
        n = len(words)
        f.append("s_len=" + ("1-5" if n <= 5 else "6-15" if n <= 15 else "16-30" if n <= 30 else "31+"))
        if k == 0:
            f.append("s_title")
        sfeats.append(f)
    evidence: list[list[str]] = [[] for _ in starts]
    n_ev = [0] * len(bounds)

    def put(a: int, b: int, feats: Sequence[str]) -> None:
        for i in _mark(starts, ends, a, b):
            evidence[i].extend(feats)

    for e in doc.evaluative:
        put(e.span.start, e.span.end, ("ev", "ev_kind=" + e.kind, f"ev_pol={e.polarity:+d}",
                                       "ev_voice=" + e.voice))
        idx = _mark(starts, ends, e.span.start, e.span.end)
        if idx:
            n_ev[sent[idx[0]]] += 1
    for c in (*doc.hedges, *doc.boosters, *doc.vague):
        put(c.span.start, c.span.end, (c.category, c.category + "=" + c.subtype))
    for a in doc.attributions:
        put(a.content.start, a.content.end, ("in_content", "content_kind=" + a.kind))
        put(a.cue.start, a.cue.end, ("cue", "cue_stance=" + a.cue_stance))
        if a.source is not None:
            put(a.source.start, a.source.end, ("source", "anonymous" if a.anonymous else "named"))
    for k, m in enumerate(n_ev):
        sfeats[k].append("s_ev=" + ("0" if m == 0 else "1" if m == 1 else "2-3" if m <= 3 else "4+"))
    counts = Counter(w for w in lowers if w[:1].isalnum())
    quoted, inside = [], False
    for k, w in enumerate(lowers):
        if k and sent[k] != sent[k - 1]:
            inside = False  # an unbalanced mark does not run past its sentence
        if w in _OPEN_Q:
            inside = True
        elif w in _CLOSE_Q:
            inside = False
        elif w in ('"', "''", "``"):
            inside = not inside if w == '"' else w == "``"
        quoted.append(inside)
    return _Table(text, starts, ends, lowers, tags, sent, bounds, evidence, sfeats, counts, quoted)


def _rep(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


def _token_features(t: _Table, i: int) -> list[str]:
    w = t.lowers[i]
    a, b = t.sent_bounds[t.sent[i]]
    f = ["w=" + w, "t=" + t.tags[i], "sh=" + _shape(w if not t.text[t.starts[i]:t.starts[i] + 1].isupper()
                                                       else t.text[t.starts[i]:t.ends[i]])]
    if len(w) > 4:
        f.append("suf=" + w[-3:])
    for d, side in ((-1, "L1"), (-2, "L2"), (1, "R1"), (2, "R2")):
        k = i + d
        if a <= k < b:
            f.append(f"{side}={t.lowers[k]}")
            if d in (-1, 1):
                f.append(f"{side}t={t.tags[k]}")
                f.extend(f"{side}_{e}" for e in t.evidence[k][:1])
        else:
            f.append(f"{side}=<s>")
    f.extend(t.evidence[i])
    f.extend(t.sent_feats[t.sent[i]])
    if a <= i - 1:
        f.append(f"L1|w={t.lowers[i - 1]}|{w}")
    if i + 1 < b:
        f.append(f"w|R1={w}|{t.lowers[i + 1]}")
    lex = _lexicon_scores().get(w)
    if lex is not None:
        subj, vader = lex
        f.append("subj=" + ("hi" if subj >= 0.6 else "mid" if subj >= 0.3 else "lo"))
        f.append("vader=" + ("hi" if abs(vader) >= 2 else "mid" if abs(vader) >= 1 else "lo"))
    if t.quoted[i]:
        f.append("quoted")
    if w[:1].isalnum() and w not in _STOPWORDS:
        f.append("rep=" + _rep(t.counts[w]))
    pos = i - a
    f.append("pos=" + ("0" if pos == 0 else "1-3" if pos <= 3 else "mid" if i < b - 3 else "end"))
    return f


def _len_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-6" if n <= 6 else \
        "7-12" if n <= 12 else "13-25" if n <= 25 else "26+"


def _span_features(t: _Table, a: int, b: int) -> list[str]:
    """Features of the span ``[a, b)`` (character offsets) of the document ``t``."""
    idx = _mark(t.starts, t.ends, a, b)
    f: list[str] = []
    if not idx:
        return ["empty_span"]
    i0, i1 = idx[0], idx[-1]
    words = [t.lowers[i] for i in idx]
    content = [w for w in words if w[:1].isalnum()]
    f.extend("u=" + w for w in words)
    f.extend(f"b={x}_{y}" for x, y in zip(words, words[1:]))
    f.extend("it=" + t.tags[i] for i in idx)
    f.append("first=" + words[0])
    f.append("last=" + words[-1])
    f.append("n=" + _len_bucket(len(content)))
    s0, s1 = t.sent_bounds[t.sent[i0]]
    if i0 == s0:
        f.append("starts_sentence")
    n_sent = sum(1 for k in range(s0, s1) if t.lowers[k][:1].isalnum())
    if n_sent and len(content) >= 0.8 * n_sent:
        f.append("whole_sentence")
    if t.sent[i1] != t.sent[i0]:
        f.append("multi_sentence")
    for d, side in ((-1, "L1"), (-2, "L2"), (-3, "L3")):
        k = i0 + d
        f.append(f"{side}={t.lowers[k]}" if k >= 0 and t.sent[k] == t.sent[i0] else f"{side}=<s>")
    for d, side in ((1, "R1"), (2, "R2")):
        k = i1 + d
        f.append(f"{side}={t.lowers[k]}" if k < len(t.lowers) and t.sent[k] == t.sent[i1] else f"{side}=<s>")
    ev = set()
    for i in idx:
        ev.update(t.evidence[i])
    f.extend("in_" + e for e in sorted(ev))
    f.extend(t.sent_feats[t.sent[i0]])
    if any(w.isupper() and len(w) > 1 for w in (t.text[t.starts[i]:t.ends[i]] for i in idx)):
        f.append("allcaps")
    # repetition: the span's text elsewhere in the article, and its rarest content word
    key = t.text[a:b].lower()
    if len(key) >= 3:
        f.append("rep_text=" + _rep(min(t.text.lower().count(key), 5)))
    if content:
        f.append("rep_min=" + _rep(min(t.counts[w] for w in content)))
        f.append("rep_max=" + _rep(max(t.counts[w] for w in content if w not in _STOPWORDS)
                                   if any(w not in _STOPWORDS for w in content) else 0))
    return f


# -- the estimator -------------------------------------------------------------------------
def _vectorise(rows: list[list[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    indptr, indices = [0], []
    for feats in rows:
        js = sorted({vocab[x] for x in feats if x in vocab})
        indices.extend(js)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=float)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                         shape=(len(rows), len(vocab)))


def _vocabulary(rows: Iterable[list[str]], min_df: int) -> dict[str, int]:
    df: Counter = Counter()
    for feats in rows:
        df.update(set(feats))
    return {f: i for i, f in enumerate(sorted(f for f, c in df.items() if c >= min_df))}


def _check_spans(y_doc: Any, n: int, k: int) -> list[tuple[int, int, str]]:
    out = []
    for s in y_doc:
        if len(s) != 3:
            raise ValueError(f"spans of text {k} must be (start, end, technique), got {s!r}")
        a, b, lab = int(s[0]), int(s[1]), s[2]
        if not 0 <= a < b <= n:
            raise ValueError(f"span ({a}, {b}) of text {k} lies outside the text ({n} characters)")
        out.append((a, b, str(lab)))
    return out


class PersuasionSpanTagger(ClassifierMixin, BaseEstimator):
    """Persuasion-technique spans of news articles, learnt from span annotations (PTC).

    ``fit(X, y)`` takes articles (str or analysed :class:`framing.Document`) and, per
    article, its gold spans ``(start, end, technique)``. It fits a token model for span
    identification and a technique model on the gold spans (see the module docstring).

    - :meth:`predict_spans` gives, per article, ``(start, end, technique, score)`` tuples:
      the span model's runs, each with the technique model's label and the span's mean
      token probability as score (the span-model contract of ``framing.Pipeline``);
    - :meth:`predict_proba` / :meth:`predict` take rows ``(article, start, end)`` and give
      the technique probabilities / label of each given span (the scorer protocol).

    framing ships no fitted model: PTC has no licence. Fit it on your copy in one call.

    Parameters
    ----------
    C : float, default=0.3
        Inverse regularisation of the token (span identification) model.
    C_technique : float, default=1.0
        Inverse regularisation of the technique model.
    threshold : float, default=0.3
        A run of tokens becomes a span when one of its tokens reaches this probability.
    low_threshold : float, default=0.15
        ... and the run holds the neighbouring tokens of the same sentence whose probability
        reaches this (hysteresis, as in edge detection); ``low_threshold >= threshold``
        turns it off.
    min_df : int, default=2
        Keep features seen in at least this many training rows.
    max_gap : int, default=1
        Two runs of the same sentence separated by at most this many tokens merge.
    max_iter : int, default=1000

    The defaults of ``C``, ``C_technique``, ``threshold`` and ``low_threshold`` were chosen
    on held-out article folds of PTC train (two of four folds, ``evaluation/persuasion.py
    --tune --tune-folds 2``); the dev split was not used.

    Attributes
    ----------
    classes_ : ndarray of str
        The techniques seen in training, sorted.
    vocabulary_, coef_, intercept_ : the token model
    technique_vocabulary_, technique_coef_, technique_intercept_ : the technique model

    Examples
    --------
    >>> texts = ["They are traitors. Traitors, all of them! The vote is on Monday.",
    ...          "The committee meets on Monday. These traitors must go!"]
    >>> spans = [[(9, 17, "Name_Calling,Labeling"), (19, 27, "Name_Calling,Labeling"),
    ...           (19, 41, "Loaded_Language")],
    ...          [(37, 45, "Name_Calling,Labeling")]]
    >>> model = PersuasionSpanTagger(min_df=1, C=10, C_technique=10).fit(texts, spans)
    >>> model.classes_.tolist()
    ['Loaded_Language', 'Name_Calling,Labeling']
    >>> text = "The traitors met on Monday."
    >>> [(text[a:b], lab) for a, b, lab, _ in model.predict_spans([text])[0]]
    [('traitors', 'Name_Calling,Labeling')]
    """

    def __init__(
        self,
        *,
        C: float = 0.3,
        C_technique: float = 1.0,
        threshold: float = 0.3,
        low_threshold: float = 0.15,
        min_df: int = 2,
        max_gap: int = 1,
        max_iter: int = 1000,
    ):
        self.C = C
        self.C_technique = C_technique
        self.threshold = threshold
        self.low_threshold = low_threshold
        self.min_df = min_df
        self.max_gap = max_gap
        self.max_iter = max_iter

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    # -- fitting ---------------------------------------------------------------------------
    def _check_params(self) -> None:
        if not (self.C > 0 and self.C_technique > 0):
            raise ValueError("C > 0 and C_technique > 0 are required")
        if not (0 < self.threshold < 1 and 0 < self.low_threshold < 1):
            raise ValueError(f"0 < threshold < 1 and 0 < low_threshold < 1 are required, got "
                             f"{self.threshold!r} and {self.low_threshold!r}")
        if self.min_df < 1 or self.max_gap < 0 or self.max_iter < 1:
            raise ValueError("min_df >= 1, max_gap >= 0 and max_iter >= 1 are required")

    def fit(self, X: Any, y: Any) -> PersuasionSpanTagger:
        """Fit on articles ``X`` and their gold spans ``y`` (per article a list of
        ``(start, end, technique)``)."""
        if isinstance(X, str):
            raise ValueError(BARE_STRING)
        self._check_params()
        docs = [_as_document(x) for x in X]
        y = list(y)
        if len(y) != len(docs):
            raise ValueError(f"X has {len(docs)} texts but y has {len(y)} span lists")
        gold = [_check_spans(g, len(d.text), k) for k, (d, g) in enumerate(zip(docs, y))]
        if not any(gold):
            raise ValueError("y holds no spans: nothing to learn")
        tables = [_table(d) for d in docs]
        # token model
        rows: list[list[str]] = []
        labels: list[np.ndarray] = []
        for t, g in zip(tables, gold):
            inside = np.zeros(len(t.starts), dtype=bool)
            for a, b, _ in g:
                r = _mark(t.starts, t.ends, a, b)
                inside[r.start:r.stop] = True
            rows.extend(_token_features(t, i) for i in range(len(t.starts)))
            labels.append(inside)
        y_tok = np.concatenate(labels) if labels else np.zeros(0, dtype=bool)
        if y_tok.all() or not y_tok.any():
            raise ValueError("the gold spans cover all tokens or none: nothing to learn")
        self.vocabulary_ = _vocabulary(rows, self.min_df)
        tok = LogisticRegression(C=self.C, max_iter=self.max_iter).fit(
            _vectorise(rows, self.vocabulary_), y_tok)
        self.coef_ = tok.coef_[0].copy()
        self.intercept_ = float(tok.intercept_[0])
        # technique model on the gold spans
        srows = [_span_features(t, a, b) for t, g in zip(tables, gold) for a, b, _ in g]
        slabels = np.asarray([lab for g in gold for _, _, lab in g], dtype=object)
        classes = np.unique(slabels)
        self.classes_ = classes
        self.technique_vocabulary_ = _vocabulary(srows, self.min_df)
        if len(classes) == 1:
            self.technique_coef_ = np.zeros((1, len(self.technique_vocabulary_)))
            self.technique_intercept_ = np.zeros(1)
        else:
            tech = LogisticRegression(C=self.C_technique, max_iter=self.max_iter).fit(
                _vectorise(srows, self.technique_vocabulary_), slabels)
            coef, inter = tech.coef_, tech.intercept_
            if len(classes) == 2:  # binary: one row for classes_[1]; make it two
                coef = np.vstack([-coef[0] / 2, coef[0] / 2])
                inter = np.asarray([-inter[0] / 2, inter[0] / 2])
            self.technique_coef_ = coef
            self.technique_intercept_ = inter
        return self

    # -- technique of given spans (scorer protocol) ------------------------------------------
    def _span_rows(self, X: Any) -> list[tuple[_Table, int, int]]:
        if isinstance(X, str):
            raise ValueError("rows must be (article, start, end) triples, got a bare string")
        tables: dict[int, _Table] = {}
        by_text: dict[str, _Table] = {}
        out = []
        for row in X:
            if isinstance(row, str) or len(row) != 3:
                raise ValueError(f"each row must be (article, start, end), got {row!r}")
            x, a, b = row
            a, b = int(a), int(b)
            if isinstance(x, Document):
                t = tables.get(id(x))
                if t is None:
                    t = tables[id(x)] = _table(x)
            elif isinstance(x, str):
                t = by_text.get(x)
                if t is None:
                    t = by_text[x] = _table(_as_document(x))
            else:
                raise ValueError(f"each row must be (article, start, end), got {row!r}")
            if not 0 <= a < b <= len(t.text):
                raise ValueError(f"span ({a}, {b}) lies outside its article ({len(t.text)} characters)")
            out.append((t, a, b))
        return out

    def _technique_proba(self, rows: list[tuple[_Table, int, int]]) -> np.ndarray:
        if not rows:
            return np.zeros((0, len(self.classes_)))
        M = _vectorise([_span_features(t, a, b) for t, a, b in rows], self.technique_vocabulary_)
        z = np.asarray(M @ self.technique_coef_.T) + self.technique_intercept_
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Technique probabilities of given spans: rows ``(article, start, end)``, the article
        a str or an analysed Document; columns in the order of ``classes_``."""
        check_is_fitted(self, "coef_")
        return self._technique_proba(self._span_rows(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable technique of each given span ``(article, start, end)``."""
        p = self.predict_proba(X)
        return self.classes_[np.argmax(p, axis=1)] if len(p) else np.asarray([], dtype=object)

    # -- span identification -----------------------------------------------------------------
    def token_proba(self, X: Any) -> list[tuple[list[int], list[int], np.ndarray]]:
        """Per article: token starts, token ends and the probability of each token lying in a
        propaganda span."""
        check_is_fitted(self, "coef_")
        if isinstance(X, str):
            raise ValueError(BARE_STRING)
        out = []
        for x in X:
            t = _table(_as_document(x))
            out.append((t, self._token_proba(t)))
        return [(t.starts, t.ends, p) for t, p in out]

    def _token_proba(self, t: _Table) -> np.ndarray:
        if not t.starts:
            return np.zeros(0)
        M = _vectorise([_token_features(t, i) for i in range(len(t.starts))], self.vocabulary_)
        z = np.asarray(M @ self.coef_).ravel() + self.intercept_
        return 1.0 / (1.0 + np.exp(-z))

    def _runs(self, t: _Table, p: np.ndarray) -> list[tuple[int, int, float]]:
        """Runs of tokens at or above ``low_threshold`` holding a token at or above
        ``threshold``, within sentences, merged over gaps of ``max_gap`` tokens, punctuation
        trimmed off the edges: ``(first token, last token, mean probability)``."""
        runs: list[list[int]] = []
        seed = p >= self.threshold
        low = p >= min(self.low_threshold, self.threshold)
        on = np.zeros(len(p), dtype=bool)
        i, n = 0, len(p)
        while i < n:  # a run of low tokens within one sentence is kept when it holds a seed
            if not low[i]:
                i += 1
                continue
            j = i
            while j < n and low[j] and t.sent[j] == t.sent[i]:
                j += 1
            if seed[i:j].any():
                on[i:j] = True
            i = j
        for idx in np.flatnonzero(on):
            i = int(idx)
            if runs and t.sent[runs[-1][1]] == t.sent[i] and i - runs[-1][1] - 1 <= self.max_gap:
                runs[-1][1] = i
            else:
                runs.append([i, i])
        out = []
        for i, j in runs:
            while i <= j and not t.lowers[i][:1].isalnum():
                i += 1
            while j >= i and not t.lowers[j][:1].isalnum():
                j -= 1
            if i <= j:
                out.append((i, j, float(p[i:j + 1].mean())))
        return out

    def predict_spans(self, X: Any) -> list[list[tuple[int, int, str, float]]]:
        """Persuasion spans of each article: sorted ``(start, end, technique, score)``.

        ``score`` is the mean probability of the span's tokens (span identification); the
        technique is the technique model's label for the span.
        """
        check_is_fitted(self, "coef_")
        self._check_params()
        if isinstance(X, str):
            raise ValueError(BARE_STRING)
        out = []
        for x in X:
            t = _table(_as_document(x))
            runs = self._runs(t, self._token_proba(t))
            rows = [(t, t.starts[i], t.ends[j]) for i, j, _ in runs]
            p = self._technique_proba(rows)
            labels = self.classes_[np.argmax(p, axis=1)] if len(p) else []
            out.append([(t.starts[i], t.ends[j], str(lab), round(s, 4))
                        for (i, j, s), lab in zip(runs, labels)])
        return out

    # -- persistence -------------------------------------------------------------------------
    def to_json(self, path: str | os.PathLike[str], *, meta: dict | None = None) -> None:
        """Write the fitted model as JSON (no pickle). Keep it to yourself if it was trained
        on PTC: the corpus has no licence."""
        check_is_fitted(self, "coef_")
        payload = {
            "format": MODEL_FORMAT,
            "params": self.get_params(),
            "classes": [str(c) for c in self.classes_],
            "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.__getitem__),
            "coef": [round(float(v), 6) for v in self.coef_],
            "intercept": round(float(self.intercept_), 6),
            "technique_vocabulary": sorted(self.technique_vocabulary_,
                                           key=self.technique_vocabulary_.__getitem__),
            "technique_coef": [[round(float(v), 6) for v in r] for r in self.technique_coef_],
            "technique_intercept": [round(float(v), 6) for v in self.technique_intercept_],
            "meta": meta or {},
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> PersuasionSpanTagger:
        """Load a model written by :meth:`to_json`; every field is checked (types, shapes,
        finite values, classes, parameter ranges) and a bad file raises one ``ValueError``
        naming the problem."""
        from framing.model_files import ModelFileError, read_model_file

        # size, UTF-8, nesting depth, strict JSON (no NaN), a top-level object: one clear error
        payload = read_model_file(path)
        source = os.path.basename(os.fspath(path))
        try:
            return cls._from_payload(payload, source)
        except ModelFileError:
            raise
        except KeyError as exc:
            raise ModelFileError(source, str(exc.args[0]), "missing") from None
        except (TypeError, AttributeError, ValueError, OverflowError) as exc:
            raise ModelFileError(source, "<file>",
                                 f"not a valid {MODEL_FORMAT} file: {exc}") from None

    @classmethod
    def _from_payload(cls, payload: dict, source: str = "<model>") -> PersuasionSpanTagger:
        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            got = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
            raise ValueError(f"not a {MODEL_FORMAT} file: format={got!r}")
        params = payload["params"]
        if not isinstance(params, dict) or set(params) - set(cls._get_param_names()):
            raise ValueError(f"unknown parameters in the model file: {sorted(set(params) - set(cls._get_param_names()))}")
        est = cls(**params)
        est._check_params()
        classes = payload["classes"]
        if not classes or not all(isinstance(c, str) for c in classes) or sorted(set(classes)) != classes:
            raise ValueError("model file: classes must be a non-empty sorted list of distinct strings")
        vocab, tvocab = payload["vocabulary"], payload["technique_vocabulary"]
        for name, v in (("vocabulary", vocab), ("technique_vocabulary", tvocab)):
            if not all(isinstance(f, str) for f in v) or len(set(v)) != len(v):
                raise ValueError(f"model file: {name} must be a list of distinct strings")
        from framing.model_files import float_array

        # numbers only (no strings, booleans, ragged rows), finite, within range, field named
        coef = float_array(payload["coef"], "coef", source, ndim=1)
        tcoef = float_array(payload["technique_coef"], "technique_coef", source, ndim=2)
        tint = float_array(payload["technique_intercept"], "technique_intercept", source, ndim=1)
        intercept = float(float_array([payload["intercept"]], "intercept", source, ndim=1)[0])
        if coef.shape != (len(vocab),):
            raise ValueError(f"model file: coef has shape {coef.shape}, expected ({len(vocab)},)")
        if tcoef.shape != (len(classes), len(tvocab)) or tint.shape != (len(classes),):
            raise ValueError(f"model file: technique_coef has shape {tcoef.shape} and technique_intercept "
                             f"{tint.shape}, expected ({len(classes)}, {len(tvocab)}) and ({len(classes)},)")
        if not (np.isfinite(coef).all() and np.isfinite(tcoef).all() and np.isfinite(tint).all()
                and math.isfinite(intercept)):
            raise ValueError("model file: coefficients must be finite numbers")
        est.classes_ = np.asarray(classes, dtype=object)
        est.vocabulary_ = {f: i for i, f in enumerate(vocab)}
        est.coef_ = coef
        est.intercept_ = intercept
        est.technique_vocabulary_ = {f: i for i, f in enumerate(tvocab)}
        est.technique_coef_ = tcoef
        est.technique_intercept_ = tint
        est.meta_ = payload.get("meta", {})
        return est


# -- the task's scorers ----------------------------------------------------------------------
def merge_spans(spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """Merge overlapping (or touching) ``(start, end)`` spans, as the SI scorer does.

    Examples
    --------
    >>> merge_spans([(5, 9), (0, 3), (2, 6), (12, 14)])
    [(0, 9), (12, 14)]
    """
    out: list[list[int]] = []
    for a, b in sorted((int(s[0]), int(s[1])) for s in spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def _overlap_sums(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[float, float]:
    """Σ_s Σ_t |s∩t|/|s| and Σ_s Σ_t |s∩t|/|t| over sorted, non-overlapping span lists
    (a sweep: linear in the number of spans)."""
    sp_, sr = 0.0, 0.0
    j = 0
    for a, b in pred:
        while j < len(gold) and gold[j][1] <= a:
            j += 1
        k = j
        while k < len(gold) and gold[k][0] < b:
            ga, gb = gold[k]
            inter = min(b, gb) - max(a, ga)
            if inter > 0:
                sp_ += inter / (b - a)
                sr += inter / (gb - ga)
            k += 1
    return sp_, sr


def si_counts(pred: Iterable[Sequence[int]], gold: Iterable[Sequence[int]]) -> tuple[float, float, int, int]:
    """The SI scorer's sums for one article: ``(Σ|s∩t|/|s|, Σ|s∩t|/|t|, |S|, |T|)`` after
    merging overlaps; :func:`si_scores` adds them over articles (so does a bootstrap).

    Examples
    --------
    >>> si_counts([(0, 10)], [(5, 15), (20, 25)])
    (0.5, 0.5, 1, 2)
    """
    p_ = merge_spans((s[0], s[1]) for s in pred)
    g_ = merge_spans((s[0], s[1]) for s in gold)
    a, b = _overlap_sums(p_, g_)
    return a, b, len(p_), len(g_)


def si_scores(pred: Sequence[Iterable[Sequence[int]]], gold: Sequence[Iterable[Sequence[int]]]
              ) -> dict[str, float]:
    """Span identification precision, recall and F1 with partial overlap credit, as the
    official scorer of SemEval-2020 Task 11 computes them (Da San Martino et al. 2019, 2020).

    Per article, overlapping spans are merged (predicted and gold); then, over all articles,
    ``P = Σ_s Σ_t |s∩t| / |s| / |S|`` and ``R = Σ_s Σ_t |s∩t| / |t| / |T|`` for predicted
    spans ``s ∈ S`` and gold spans ``t ∈ T`` (character overlap), and F1 is their harmonic
    mean. Items of the span lists may carry more fields (a technique): only the first two are
    read.

    Parameters
    ----------
    pred, gold : sequence (one item per article) of iterables of (start, end, ...)

    Examples
    --------
    >>> si_scores([[(0, 10)]], [[(5, 15), (20, 25)]])
    {'precision': 0.5, 'recall': 0.25, 'f1': 0.3333333333333333}
    """
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted articles but {len(gold)} gold articles")
    num_p = num_r = 0.0
    n_pred = n_gold = 0
    for p, g in zip(pred, gold):
        a, b, c, d = si_counts(p, g)
        num_p, num_r, n_pred, n_gold = num_p + a, num_r + b, n_pred + c, n_gold + d
    precision = num_p / n_pred if n_pred else 0.0
    recall = num_r / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision > 0 and recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def tc_micro_f1(pred: Sequence[Iterable[Sequence]], gold: Sequence[Iterable[Sequence]]) -> float:
    """Technique classification micro-F1 on given spans: per article, predictions
    ``(start, end, technique)`` are matched with the gold ``(start, end, technique)`` of the
    same offsets, as multisets (a fragment with two gold techniques needs two predictions);
    micro-F1 = 2·matched / (n_pred + n_gold), which is accuracy when every gold span gets one
    prediction.

    Examples
    --------
    >>> tc_micro_f1([[(0, 4, "Doubt"), (6, 9, "Slogans")]], [[(0, 4, "Doubt"), (6, 9, "Repetition")]])
    0.5
    """
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted articles but {len(gold)} gold articles")
    matched = n_pred = n_gold = 0
    for p, g in zip(pred, gold):
        cp = Counter((int(s[0]), int(s[1]), s[2]) for s in p)
        cg = Counter((int(s[0]), int(s[1]), s[2]) for s in g)
        matched += sum((cp & cg).values())
        n_pred += sum(cp.values())
        n_gold += sum(cg.values())
    total = n_pred + n_gold
    return 2 * matched / total if total else 0.0
