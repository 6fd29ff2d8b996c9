"""BiasClassifier: is a news sentence biased (BABE's sense), learnt from sentence labels.

Features come from the extractors' evidence (author-voice evaluative language, loaded
words, hedges, boosters, attribution and quotation), the package's subjectivity lexicon and
part-of-speech shares, plus lexical features that leave topic words out (no nouns, names or
numbers), so that a model trained on some stories transfers to others. framing ships no
weights: the sentence-bias annotations that exist (BABE, MBIC) are under the GNU AGPL.
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from framing.extract.sentence_bias import DocIndex, evidence_score
from framing.document import Document
from framing.extract.evaluative import LOADED_CUE_STANCES
from framing.resources import lexicon_rows

__all__ = ["BiasClassifier", "bias_rows", "sentence_evidence", "run_evidence"]

MODEL_FORMAT = "framing.BiasClassifier/1"
LEXICAL = ("none", "evidence_words", "content", "all")
"""Which words become features: ``none``; ``evidence_words`` (the words of loaded-language
spans, hedges and boosters); ``content`` (adjectives, adverbs, verbs, modals, pronouns and
interjections, never nouns, names or numbers); ``all`` (every word: learns topics)."""
_CONTENT_TAGS = ("JJ", "RB", "VB", "MD", "PRP", "UH", "WRB", "DT", "IN", "CC", "RP", "TO", "EX", "PDT")
NUMERIC = (
    "log_words",
    "ev_author",
    "ev_author_neg",
    "ev_author_pos",
    "ev_author_density",
    "ev_author_intensity_max",
    "ev_author_intensity_sum",
    "ev_quoted",
    "ev_label",
    "ev_idiom",
    "ev_emotive_verb",
    "ev_distancing",
    "ev_appraisal",
    "loaded_cues",
    "hedge_author",
    "hedge_quoted",
    "booster_author",
    "booster_quoted",
    "vague",
    "attributions",
    "reported_share",
    "anonymous_sources",
    "quote_marks",
    "subj_author_mean",
    "subj_author_max",
    "subj_author_count",
    "polar_author_mean",
    "vader_author_abs_mean",
    "vader_author_neg",
    "vader_author_pos",
    "share_JJ",
    "share_JJS",
    "share_RB",
    "share_RBS",
    "share_MD",
    "share_PRP",
    "share_NNP",
    "share_CD",
    "share_VBD",
    "first_second_person",
    "exclamation",
    "question",
    "all_caps",
)
BAD_ROW = ("BiasClassifier takes texts (str), framing.Document objects, or rows (Document, start, "
           "end) naming one sentence of an analysed Document; got {row!r}")


class _Row(NamedTuple):
    doc: Document
    start: int
    end: int


def bias_rows(X: Any) -> list[_Row]:
    """Normalise ``X`` to rows ``(Document, start, end)``: a string becomes a new Document
    analysed by the evidence steps (clutter, attribution, hedging, evaluative) and scored
    as one unit; a Document is taken as analysed and scored whole; a ``(Document, start,
    end)`` triple names one span (a sentence) of an analysed Document.

    Examples
    --------
    >>> [(r.start, r.end) for r in bias_rows(["A fair plan.", "It is a disgrace."])]
    [(0, 12), (0, 17)]
    """
    if isinstance(X, (str, Document)):
        raise ValueError("BiasClassifier takes a list of texts, got a single "
                         + type(X).__name__)
    if hasattr(X, "columns") and "text" in getattr(X, "columns", ()):
        X = list(X["text"])
    rows = []
    for row in X:
        if isinstance(row, str):
            rows.append(_Row(_analysed(row), 0, len(row)))
        elif isinstance(row, Document):
            rows.append(_Row(row, 0, len(row.text)))
        elif isinstance(row, tuple) and len(row) == 3 and isinstance(row[0], Document):
            doc, a, b = row[0], int(row[1]), int(row[2])
            if not 0 <= a <= b <= len(doc.text):
                raise ValueError(BAD_ROW.format(row=(type(doc).__name__, a, b)))
            rows.append(_Row(doc, a, b))
        else:
            raise ValueError(BAD_ROW.format(row=row))
    return rows


@lru_cache(maxsize=4096)
def _analysed(text: str) -> Document:
    """A Document of ``text`` with the evidence steps run (cached: fitting and scoring the
    same sentences twice, as cross-validation does, parses them once)."""
    return run_evidence(Document(text))


def run_evidence(doc: Document) -> Document:
    """The evidence steps of the default pipeline on ``doc``, in place: page clutter, text,
    attribution, hedging, evaluative language (what :meth:`framing.Pipeline.run` does with
    those steps; called directly so that the models do not import the pipeline)."""
    from framing.extract.attribution import extract_attributions
    from framing.extract.evaluative import extract_evaluations
    from framing.extract.hedging import add_hedging
    from framing.text.clutter import find_clutter

    doc.reset_sentences()
    found = find_clutter(doc.text)
    doc.clutter, doc.dateline, doc.byline = found.spans, found.dateline, found.byline
    doc.reset_sentences()
    doc.attributions = extract_attributions(doc)
    add_hedging(doc)
    doc.evaluative = extract_evaluations(doc, doc.attributions)
    return doc


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[float, float, float]]:
    """Word -> (textblob polarity, textblob subjectivity, VADER mean) from ``evaluative.tsv``."""
    rows = lexicon_rows("evaluative.tsv", with_header=True)
    header = next(rows)
    out: dict[str, tuple[float, float, float]] = {}
    for row in rows:
        rec = dict(zip(header, row))
        polarity, subjectivity, vader = (float(rec[k]) if rec.get(k) else 0.0
                                         for k in ("tb_polarity", "tb_subjectivity", "vader_mean"))
        out[rec["word"]] = (polarity, subjectivity, vader)
    return out


_QUOTE_CHARS = frozenset('"“”‘’«»')
_FIRST_SECOND = frozenset("i me my mine we us our ours you your yours".split())


def sentence_evidence(doc: Document, start: int = 0, end: int | None = None,
                      *, lexical: str = "content", index: DocIndex | None = None) -> tuple[Counter, list[float]]:
    """Features of the span ``doc.text[start:end]`` (one sentence) of an analysed Document:
    string features (counts) for the lexical part and the numeric features of ``NUMERIC``.
    ``index`` (a :class:`DocIndex` of ``doc``) saves re-indexing when scoring many sentences.

    Examples
    --------
    >>> doc = run_evidence(Document("The reckless senator pushed a shameful bill."))
    >>> words, num = sentence_evidence(doc)
    >>> num[NUMERIC.index("ev_author")], "w=reckless/JJ" in words, "w=senator/NN" in words
    (2.0, True, False)
    """
    end = len(doc.text) if end is None else end
    ix = index if index is not None else DocIndex(doc)
    toks = ix.tokens(start, end)
    words = [t for t in toks if t.text[:1].isalnum()]
    n = max(1, len(words))
    evs = ix.evaluations.inside(start, end)
    author = [e for e in evs if e.voice == "author"]
    kinds = Counter(e.kind for e in author)
    atts = ix.attributions.inside(start, end)
    cues = [a for a in atts if a.cue_stance in LOADED_CUE_STANCES]
    hedges = ix.hedges.inside(start, end)
    boosters = ix.boosters.inside(start, end)
    vague = ix.vague.inside(start, end)
    lex = _lexicon()
    auth_words = [t for t in words if not ix.reported(t)]
    scores = [lex.get(t.text.lower(), (0.0, 0.0, 0.0)) for t in auth_words]
    subj = [s[1] for s in scores]
    tags = Counter(t.tag for t in words)
    share = lambda *prefixes: sum(c for tg, c in tags.items() if tg.startswith(prefixes)) / n  # noqa: E731
    num = [
        math.log1p(len(words)),
        float(len(author)),
        float(sum(e.polarity < 0 for e in author)),
        float(sum(e.polarity > 0 for e in author)),
        10.0 * len(author) / n,
        max((e.intensity for e in author), default=0.0),
        float(sum(e.intensity for e in author)),
        float(len(evs) - len(author)),
        float(kinds["label"]),
        float(kinds["idiom"]),
        float(kinds["emotive_verb"]),
        float(kinds["distancing"]),
        float(kinds["appraisal"]),
        float(len(cues)),
        float(sum(c.voice == "author" for c in hedges)),
        float(sum(c.voice != "author" for c in hedges)),
        float(sum(c.voice == "author" for c in boosters)),
        float(sum(c.voice != "author" for c in boosters)),
        float(len(vague)),
        float(len(atts)),
        1.0 - len(auth_words) / n if words else 0.0,
        float(sum(a.anonymous for a in atts)),
        float(any(t.text in _QUOTE_CHARS or t.text in ("``", "''") for t in toks)),
        float(np.mean(subj)) if subj else 0.0,
        max(subj, default=0.0),
        float(sum(s >= 0.5 for s in subj)),
        float(np.mean([abs(s[0]) for s in scores])) if scores else 0.0,
        float(np.mean([abs(s[2]) for s in scores])) / 4 if scores else 0.0,
        float(sum(s[2] <= -1.0 for s in scores)),
        float(sum(s[2] >= 1.0 for s in scores)),
        share("JJ"),
        share("JJS"),
        share("RB"),
        share("RBS"),
        share("MD"),
        share("PRP"),
        share("NNP"),
        share("CD"),
        share("VBD"),
        float(sum(t.text.lower() in _FIRST_SECOND for t in auth_words)),
        float(doc.text.count("!", start, end)),
        float(doc.text.count("?", start, end)),
        float(sum(len(t.text) > 2 and t.text.isupper() for t in words)),
    ]
    feats: Counter = Counter()
    if lexical == "all":
        for t in words:
            feats["w=" + t.text.lower()] += 1
    elif lexical == "content":
        for t in words:
            if t.tag.startswith(_CONTENT_TAGS):
                feats[f"w={t.text.lower()}/{t.tag[:2]}"] += 1
    elif lexical == "evidence_words":
        spans = [e.span for e in evs] + [a.cue for a in cues] + [c.span for c in hedges + boosters]
        for t in words:
            if any(s.start <= t.start and t.end <= s.end for s in spans):
                feats["w=" + t.text.lower()] += 1
    for e in author:
        feats["ev_kind=" + e.kind] += 1
    for a in cues:
        feats["cue=" + a.cue_stance] += 1
    return feats, num


class BiasClassifier(ClassifierMixin, BaseEstimator):
    """Whether a news sentence is biased, learnt from sentence labels (such as BABE's).

    A logistic regression over the extractors' evidence for the sentence (author-voice
    evaluative spans by polarity, kind and intensity; loaded reporting cues; hedges and
    boosters by voice; attributions, the share of reported words and quotation marks;
    the subjectivity and polarity of the author-voice words in the package's lexicon;
    part-of-speech shares; first and second person; "!" and "?") plus lexical features.
    The default lexical features (``lexical="content"``) are the sentence's adjectives,
    adverbs, verbs, modals, pronouns and function words, never its nouns, names or numbers,
    which carry the topic: a model that learnt topics would fail on a new story.

    framing ships **no fitted model**: BABE and MBIC are under the GNU AGPL. Fit it on
    your own copy in one call (see the docs page "Sentence bias").

    Parameters
    ----------
    C : float, default=0.3
        Inverse regularisation strength.
    lexical : {"content", "evidence_words", "none", "all"}, default="content"
        Which words become features (``"all"`` also takes nouns and names: it learns topics).
    min_df : int, default=3
        Keep word features seen in at least this many training sentences.
    numeric_weight : float, default=1.0
        Scale of the standardised evidence features relative to the word features.
    class_weight : dict, "balanced" or None, default="balanced"
    max_iter : int, default=3000
    threshold : float, default=0.5
        :meth:`predict` gives the second class (the biased one, when labels are booleans,
        0/1 or ``"Biased"``/``"Non-biased"``, sorted) when its probability reaches this.

    Attributes
    ----------
    classes_ : ndarray
    vocabulary_ : dict of str to int
    mean_, scale_ : ndarray
        Standardisation of the numeric features.
    coef_, intercept_ : ndarray

    Examples
    --------
    >>> texts = ["The reckless senator pushed a shameful, disastrous bill.",
    ...          "The senator introduced the bill on Tuesday.",
    ...          "Radical activists stormed the hearing in a disgraceful stunt.",
    ...          "Activists attended the hearing, officials said."] * 3
    >>> y = [1, 0, 1, 0] * 3
    >>> clf = BiasClassifier(min_df=1, C=1.0).fit(texts, y)
    >>> clf.predict(["Officials said the hearing was held on Monday.",
    ...              "A shameful and reckless stunt."]).tolist()
    [0, 1]
    """

    def __init__(
        self,
        *,
        C: float = 0.3,
        lexical: str = "content",
        min_df: int = 3,
        numeric_weight: float = 1.0,
        class_weight: Any = "balanced",
        max_iter: int = 3000,
        threshold: float = 0.5,
    ):
        self.C = C
        self.lexical = lexical
        self.min_df = min_df
        self.numeric_weight = numeric_weight
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.threshold = threshold

    #: The sentence_bias step passes (Document, start, end) rows: no second run of the extractors.
    takes_document_rows = True

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    def _raw(self, X: Any) -> list[tuple[Counter, list[float]]]:
        indexes: dict[int, DocIndex] = {}  # one index per document, however many rows
        out = []
        for r in bias_rows(X):
            ix = indexes.get(id(r.doc))
            if ix is None:
                ix = indexes[id(r.doc)] = DocIndex(r.doc)
            out.append(sentence_evidence(r.doc, r.start, r.end, lexical=self.lexical, index=ix))
        return out

    def _matrix(self, raw) -> sp.csr_matrix:
        vocab = self.vocabulary_
        nv = len(vocab)
        data, indices, indptr = [], [], [0]
        for feats, num in raw:
            cols = sorted(vocab[f] for f in feats if f in vocab)
            norm = math.sqrt(len(cols)) or 1.0
            for j in cols:
                indices.append(j)
                data.append(1.0 / norm)
            z = (np.asarray(num) - self.mean_) / self.scale_ * self.numeric_weight
            for k, v in enumerate(z):
                if v:
                    indices.append(nv + k)
                    data.append(float(v))
            indptr.append(len(indices))
        return sp.csr_matrix((np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64),
                              np.asarray(indptr)), shape=(len(raw), nv + len(NUMERIC)))

    def _check_params(self) -> None:
        if self.lexical not in LEXICAL:
            raise ValueError(f"lexical must be one of {LEXICAL}, got {self.lexical!r}")
        if not (self.C > 0 and self.min_df >= 1 and self.numeric_weight >= 0 and 0 < self.threshold < 1):
            raise ValueError("C > 0, min_df >= 1, numeric_weight >= 0 and 0 < threshold < 1 are required")

    def fit(self, X: Any, y: Iterable[Any]) -> BiasClassifier:
        """Fit on texts (or Documents, or (Document, start, end) rows) and two labels."""
        self._check_params()
        y = np.asarray(list(y))
        raw = self._raw(X)
        if len(y) != len(raw):
            raise ValueError(f"X has {len(raw)} rows but y has {len(y)} labels")
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"BiasClassifier needs two classes in y, got {classes.tolist()}")
        df: Counter = Counter()
        for feats, _ in raw:
            df.update(feats.keys())
        kept = sorted(f for f, c in df.items() if c >= self.min_df)
        self.vocabulary_ = {f: i for i, f in enumerate(kept)}
        nums = np.asarray([num for _, num in raw], dtype=float)
        self.mean_ = nums.mean(axis=0)
        sd = nums.std(axis=0)
        self.scale_ = np.where(sd > 0, sd, 1.0)
        model = LogisticRegression(C=self.C, class_weight=self.class_weight,
                                   max_iter=self.max_iter).fit(self._matrix(raw), y)
        self.classes_ = model.classes_
        self.coef_ = model.coef_
        self.intercept_ = model.intercept_
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of ``classes_[1]``."""
        check_is_fitted(self, "coef_")
        return np.asarray(self._matrix(self._raw(X)) @ self.coef_[0]) + self.intercept_[0]

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]`` per row."""
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> np.ndarray:
        """``classes_[1]`` where its probability reaches ``threshold``, else ``classes_[0]``."""
        self._check_params()
        return np.where(self.predict_proba(X)[:, 1] >= self.threshold, self.classes_[1], self.classes_[0])

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return np.asarray(names + ["num__" + n for n in NUMERIC], dtype=object)

    # -- persistence: JSON, loading runs no code ---------------------------------------------
    def to_json(self, path: str | os.PathLike[str], *, meta: dict | None = None) -> None:
        """Write the fitted model as JSON (parameters, vocabulary, scaling, coefficients)."""
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        payload = {
            "format": MODEL_FORMAT,
            "params": self.get_params(),
            "classes": self.classes_.tolist(),
            "numeric": list(NUMERIC),
            "vocabulary": names,
            "mean": self.mean_.tolist(),
            "scale": self.scale_.tolist(),
            "coef": self.coef_[0].tolist(),
            "intercept": float(self.intercept_[0]),
            "meta": meta or {},
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> BiasClassifier:
        """Load a model written by :meth:`to_json`; a file that does not match raises one
        ``ValueError`` naming the problem."""
        with open(path, encoding="utf-8") as fh:
            payload = json.load(fh)
        return cls._from_payload(payload)

    @classmethod
    def _from_payload(cls, payload: Any) -> BiasClassifier:
        def bad(why: str) -> ValueError:
            return ValueError(f"not a valid {MODEL_FORMAT} model: {why}")

        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            fmt = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
            raise bad(f"format={fmt!r}")
        params = payload.get("params")
        if not isinstance(params, dict) or set(params) - set(cls._get_param_names()):
            raise bad("params must be a dict of BiasClassifier parameters")
        if payload.get("numeric") != list(NUMERIC):
            raise bad("its numeric features differ from this version of framing's")
        vocab, classes = payload.get("vocabulary"), payload.get("classes")
        if not isinstance(vocab, list) or not all(isinstance(w, str) for w in vocab) or len(set(vocab)) != len(vocab):
            raise bad("vocabulary must be a list of distinct strings")
        if not isinstance(classes, list) or len(classes) != 2 or classes[0] == classes[1]:
            raise bad("classes must be a list of two distinct labels")
        try:
            mean = np.asarray(payload.get("mean"), dtype=float)
            scale = np.asarray(payload.get("scale"), dtype=float)
            coef = np.asarray(payload.get("coef"), dtype=float)
            raw_intercept = payload.get("intercept")
            if raw_intercept is None:  # float(None) is a TypeError too: reported below
                raise TypeError("intercept is missing")
            intercept = float(raw_intercept)
        except (TypeError, ValueError) as exc:
            raise bad(f"numbers expected ({exc})") from None
        if mean.shape != (len(NUMERIC),) or scale.shape != (len(NUMERIC),):
            raise bad(f"mean and scale must hold {len(NUMERIC)} numbers")
        if coef.shape != (len(vocab) + len(NUMERIC),):
            raise bad(f"coef must hold {len(vocab) + len(NUMERIC)} numbers, has shape {coef.shape}")
        if not (np.isfinite(mean).all() and np.isfinite(scale).all() and np.isfinite(coef).all()
                and math.isfinite(intercept)) or (scale <= 0).any():
            raise bad("values must be finite and scales positive")
        est = cls(**params)
        try:
            est._check_params()
        except ValueError as exc:
            raise bad(str(exc)) from None
        est.classes_ = np.asarray(classes)
        est.vocabulary_ = {w: i for i, w in enumerate(vocab)}
        est.mean_, est.scale_ = mean, scale
        est.coef_ = coef[None, :]
        est.intercept_ = np.asarray([intercept])
        est.meta_ = payload.get("meta", {})
        return est
