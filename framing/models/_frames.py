"""FrameClassifier: which of the 14 policy frames a text uses, learnt from labelled texts.

A multi-label linear model over three groups of features of each text (an article or a
sentence): word n-grams (tf-idf), the frame lexicon's evidence (share of sentences that carry
each frame, summed weight of its words) and the extractors' evidence counts
(:class:`framing.features.FramingFeatures`: attribution, hedging, evaluative language). One
logistic regression per frame; each frame's decision threshold is chosen by cross-validation
inside the training data. framing ships **no fitted frame model**: the only corpus with the 14
frames on English articles (SemEval-2023 Task 3) has no licence, so users fit it from their own
copy in one call (:func:`framing.training.train_frame_classifier`).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from framing.document import Document

__all__ = ["FrameClassifier", "choose_thresholds"]

MODEL_FORMAT = "framing.FrameClassifier/1"
TOKEN_RE = re.compile(r"\w[\w'’-]*\w|\w")
BARE_STRING = "FrameClassifier expects an iterable of texts (str or framing.Document), got a single string"
_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)


def _ngrams(text: str, n_max: int) -> list[tuple[str, int, int]]:
    """Word n-grams of ``text`` (lower-cased) with their character offsets."""
    toks = [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    out = [t for t in toks]
    for n in range(2, n_max + 1):
        for i in range(len(toks) - n + 1):
            out.append((" ".join(t[0] for t in toks[i:i + n]), toks[i][1], toks[i + n - 1][2]))
    return out


def _lexicon_row(doc: Document) -> list[float]:
    """Per frame: share of sentences the lexicon default marks, log(1 + summed word weight)."""
    from framing.extract.frames import FRAMES, load_frame_lexicon

    lex = load_frame_lexicon()
    share = dict.fromkeys(FRAMES, 0)
    weight = dict.fromkeys(FRAMES, 0.0)
    sents = doc.sentences
    for sent in sents:
        per: defaultdict[str, float] = defaultdict(float)  # summed weights: floats, not a Counter's ints
        for _, _, frame, w in lex.match(sent.columns()[2]):
            per[frame] += w
        for frame, w in per.items():
            weight[frame] += w
            if w >= 1.0:
                share[frame] += 1
    n = max(1, len(sents))
    return [share[f] / n for f in FRAMES] + [math.log1p(weight[f]) for f in FRAMES]


def _lexicon_names() -> list[str]:
    from framing.extract.frames import FRAMES

    return [f"lexicon__share_{f}" for f in FRAMES] + [f"lexicon__weight_{f}" for f in FRAMES]


def _evidence_names() -> list[str]:
    from framing.features import FramingFeatures

    return list(FramingFeatures().fit(["."]).get_feature_names_out())


def choose_thresholds(Y: np.ndarray, proba: np.ndarray, objective: str = "micro+macro") -> np.ndarray:
    """Decision thresholds, one per class, from probabilities and true labels.

    ``"f1"``: each class's threshold maximises its own F1 (what macro-F1 rewards; rare
    frames get low thresholds and many false positives). ``"micro+macro"``: start there, then
    two rounds of coordinate ascent on micro-F1 + macro-F1 of all classes together. Ties go
    to the threshold nearest 0.5. Thresholds come from a grid 0.05, 0.075, ..., 0.95.

    Examples
    --------
    >>> Y = np.array([[1, 0], [1, 1], [0, 1], [0, 0]])
    >>> P = np.array([[0.8, 0.1], [0.6, 0.7], [0.3, 0.6], [0.2, 0.4]])
    >>> choose_thresholds(Y, P, "f1").tolist()
    [0.5, 0.5]
    """
    Y = np.asarray(Y).astype(bool)
    pred = proba[:, :, None] >= _GRID[None, None, :]  # rows x classes x grid
    tp = (pred & Y[:, :, None]).sum(0).astype(float)  # classes x grid
    fp = (pred & ~Y[:, :, None]).sum(0).astype(float)
    fn = Y.sum(0)[:, None].astype(float) - tp
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), 0.0)
    near = -np.abs(_GRID - 0.5)  # tie-break: nearest 0.5

    def best(scores: np.ndarray) -> int:
        top = scores.max()
        cand = np.flatnonzero(scores >= top - 1e-12)
        return int(cand[np.argmax(near[cand])])

    idx = np.array([best(f1[j]) for j in range(len(f1))])
    if objective == "micro+macro":
        k = len(idx)
        for _ in range(2):
            for j in range(k):
                rest = np.arange(k) != j
                TP = tp[rest, idx[rest]].sum() + tp[j]
                FP = fp[rest, idx[rest]].sum() + fp[j]
                FN = fn[rest, idx[rest]].sum() + fn[j]
                with np.errstate(invalid="ignore", divide="ignore"):
                    micro = np.where(2 * TP + FP + FN > 0, 2 * TP / (2 * TP + FP + FN), 0.0)
                macro = (f1[rest, idx[rest]].sum() + f1[j]) / k
                idx[j] = best(micro + macro)
    elif objective != "f1":
        raise ValueError(f"threshold_objective must be 'f1' or 'micro+macro', got {objective!r}")
    return _GRID[idx].astype(float)


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier over texts, with per-frame thresholds and explanations.

    Features of each text: word 1- to ``ngram_max``-grams (sublinear tf-idf, l2-normalised,
    seen in at least ``min_df`` training texts); the frame lexicon's evidence (per frame, the
    share of sentences it marks and the log of its summed word weight); and, when
    ``evidence`` is True, the extractors' evidence rates
    (:class:`framing.features.FramingFeatures`). Dense features are standardised with the
    training mean and spread and multiplied by ``dense_weight``. One logistic regression per
    frame. With ``threshold="cv"``, each frame's threshold is the one that maximises that
    frame's F1 on out-of-fold probabilities of a ``cv``-fold split of the training data
    (never on anything else).

    Parameters
    ----------
    C : float, default=10.0
        Inverse regularisation strength of each logistic regression.
    class_weight : "balanced" or None, default="balanced"
        Reweight each frame's positives and negatives to balance them.
    ngram_max : int, default=2
    min_df : int, default=2
    max_features : int or None, default=50000
        Keep the n-grams with the most training texts (ties by name).
    evidence : bool, default=True
        Add the extractors' evidence rates (runs the default pipeline's evidence steps on
        every text; pass analysed ``framing.Document`` objects to reuse them).
    dense_weight : float, default=0.1
        Scale of the standardised lexicon and evidence features next to the tf-idf block.
    threshold : "cv" or float, default="cv"
        Per-frame thresholds from training cross-validation, or one threshold for all.
    threshold_objective : {"micro+macro", "f1"}, default="micro+macro"
        What the cross-validated thresholds maximise (see :func:`choose_thresholds`).
    cv : int, default=5
        Folds of that cross-validation.
    random_state : int, default=0
        Shuffling of those folds.
    max_iter : int, default=2000

    Attributes
    ----------
    classes_ : ndarray of str
        The frames, in the order of the first appearance in ``y`` sorted (``np.unique``).
    thresholds_ : ndarray of float
        The decision threshold of each class.
    vocabulary_ : dict of str to int
    idf_, coef_, intercept_, dense_mean_, dense_scale_ : ndarray

    Examples
    --------
    >>> texts = ["Taxes and the budget deficit grew.", "The court ruled the law unconstitutional.",
    ...          "The budget will raise taxes on the market.", "Judges ruled on the law."] * 3
    >>> y = [["Economic"], ["Legality"], ["Economic"], ["Legality"]] * 3
    >>> clf = FrameClassifier(evidence=False, min_df=1, threshold=0.5).fit(texts, y)
    >>> clf.classes_.tolist()
    ['Economic', 'Legality']
    >>> clf.predict_labels(["A court ruled on the law."])
    [['Legality']]
    >>> [w for w, _ in clf.top_features("Economic", 3)]
    ['budget', 'taxes', 'the budget']
    """

    def __init__(
        self,
        *,
        C: float = 10.0,
        class_weight: Any = "balanced",
        ngram_max: int = 2,
        min_df: int = 2,
        max_features: int | None = 50000,
        evidence: bool = True,
        dense_weight: float = 0.1,
        threshold: Any = "cv",
        threshold_objective: str = "micro+macro",
        cv: int = 5,
        random_state: int = 0,
        max_iter: int = 2000,
    ):
        self.C = C
        self.class_weight = class_weight
        self.ngram_max = ngram_max
        self.min_df = min_df
        self.max_features = max_features
        self.evidence = evidence
        self.dense_weight = dense_weight
        self.threshold = threshold
        self.threshold_objective = threshold_objective
        self.cv = cv
        self.random_state = random_state
        self.max_iter = max_iter

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    # -- inputs ----------------------------------------------------------------------------
    @staticmethod
    def _inputs(X: Any) -> list[Document | str]:
        if isinstance(X, (str, bytes)):
            raise ValueError(BARE_STRING)
        items = list(X)
        for i, t in enumerate(items):
            if not isinstance(t, (str, Document)):
                raise ValueError(f"FrameClassifier expects texts (str or framing.Document), got "
                                 f"{type(t).__name__} at position {i}")
        return items

    def _dense(self, items: Sequence[Document | str]) -> np.ndarray:
        docs = [d if isinstance(d, Document) else Document(d) for d in items]
        if not self.evidence:
            return np.asarray([_lexicon_row(d) for d in docs], dtype=float).reshape(len(docs), -1)
        from framing.features import FramingFeatures

        ev = FramingFeatures()
        ev.fit(["."])
        # a Document that already carries evidence is used as it is (no second analysis);
        # a text (or a bare Document) is analysed by the features' own evidence run
        bare = [i for i, d in enumerate(docs)
                if not (d.attributions or d.hedges or d.boosters or d.evaluative or d.clutter)]
        for i, d in zip(bare, ev._documents([docs[i].text for i in bare])):
            docs[i] = d
        rows = [_lexicon_row(d) + list(e) for d, e in zip(docs, ev._rows(docs))]
        return np.asarray(rows, dtype=float).reshape(len(docs), -1)

    def _counts(self, texts: Sequence[str]) -> list[Counter]:
        return [Counter(g for g, _, _ in _ngrams(t, self.ngram_max)) for t in texts]

    def _tfidf(self, counts: Sequence[Counter]) -> sp.csr_matrix:
        vocab = self.vocabulary_
        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for c in counts:
            row = sorted((vocab[g], (1.0 + math.log(n)) * self.idf_[vocab[g]]) for g, n in c.items() if g in vocab)
            norm = math.sqrt(sum(v * v for _, v in row)) or 1.0
            indices.extend(j for j, _ in row)
            data.extend(v / norm for _, v in row)
            indptr.append(len(indices))
        return sp.csr_matrix((np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64),
                              np.asarray(indptr, dtype=np.int64)), shape=(len(counts), len(vocab)))

    def _matrix(self, items: Sequence[Document | str], counts=None, dense=None) -> sp.csr_matrix:
        texts = [d.text if isinstance(d, Document) else d for d in items]
        counts = self._counts(texts) if counts is None else counts
        dense = self._dense(items) if dense is None else dense
        z = (dense - self.dense_mean_) / self.dense_scale_ * self.dense_weight
        return sp.hstack([self._tfidf(counts), sp.csr_matrix(z)], format="csr")

    def _binarize(self, y: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
        if hasattr(y, "toarray"):
            y = y.toarray()
        arr = np.asarray(y, dtype=object) if not isinstance(y, np.ndarray) else y
        if isinstance(arr, np.ndarray) and arr.ndim == 2 and arr.dtype.kind in "biuf":
            Y = arr.astype(int)
            if not np.isin(Y, (0, 1)).all():
                raise ValueError("an indicator matrix y must hold only 0 and 1")
            return np.arange(Y.shape[1]), Y
        sets = []
        for row in y:
            if isinstance(row, str) or not isinstance(row, Iterable):
                sets.append({row})
            else:
                sets.append(set(row))
        classes = np.asarray(sorted({str(c) for s in sets for c in s}), dtype=object)
        index = {c: i for i, c in enumerate(classes)}
        Y = np.zeros((len(sets), len(classes)), dtype=int)
        for r, s in enumerate(sets):
            for c in s:
                Y[r, index[str(c)]] = 1
        return classes, Y

    def _check_params(self) -> None:
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ValueError(f"C must be > 0, got {self.C!r}")
        if self.ngram_max < 1 or self.min_df < 1:
            raise ValueError("ngram_max >= 1 and min_df >= 1 are required")
        if self.max_features is not None and self.max_features < 1:
            raise ValueError(f"max_features must be None or >= 1, got {self.max_features!r}")
        if self.threshold != "cv" and not (isinstance(self.threshold, (int, float)) and 0 < self.threshold < 1):
            raise ValueError(f"threshold must be 'cv' or a number in (0, 1), got {self.threshold!r}")
        if self.threshold == "cv" and (not isinstance(self.cv, int) or self.cv < 2):
            raise ValueError(f"cv must be an int >= 2, got {self.cv!r}")
        if self.threshold_objective not in ("f1", "micro+macro"):
            raise ValueError(f"threshold_objective must be 'f1' or 'micro+macro', got {self.threshold_objective!r}")
        if self.class_weight not in ("balanced", None):
            raise ValueError(f"class_weight must be 'balanced' or None, got {self.class_weight!r}")

    # -- fitting ---------------------------------------------------------------------------
    def _fit_linear(self, M: sp.csr_matrix, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        coef = np.zeros((Y.shape[1], M.shape[1]))
        intercept = np.zeros(Y.shape[1])
        for j in range(Y.shape[1]):
            col = Y[:, j]
            if col.min() == col.max():  # one value only: a constant model
                p = min(max(col.mean(), 1e-3), 1 - 1e-3)
                intercept[j] = math.log(p / (1 - p))
                continue
            lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", dual=True,
                                    max_iter=self.max_iter).fit(M, col)
            coef[j] = lr.coef_[0]
            intercept[j] = lr.intercept_[0]
        return coef, intercept

    def _fit_vocabulary(self, counts: Sequence[Counter]) -> None:
        df: Counter = Counter()
        for c in counts:
            df.update(c.keys())
        kept = [g for g, n in df.items() if n >= self.min_df]
        if self.max_features is not None and len(kept) > self.max_features:
            kept = sorted(kept, key=lambda g: (-df[g], g))[: self.max_features]
        kept.sort()
        self.vocabulary_ = {g: i for i, g in enumerate(kept)}
        n = len(counts)
        self.idf_ = np.asarray([math.log((1 + n) / (1 + df[g])) + 1.0 for g in kept])

    def fit(self, X: Any, y: Any) -> FrameClassifier:
        """Fit on texts (or analysed Documents) and their frames.

        ``y`` is a list of label lists (multi-label), a list of single labels, or a 0/1
        indicator matrix (then ``classes_`` are the column numbers).
        """
        self._check_params()
        items = self._inputs(X)
        classes, Y = self._binarize(y, len(items))
        if len(Y) != len(items):
            raise ValueError(f"X has {len(items)} texts but y has {len(Y)} rows")
        if len(items) < 2:
            raise ValueError("FrameClassifier needs at least 2 training texts")
        texts = [d.text if isinstance(d, Document) else d for d in items]
        counts = self._counts(texts)
        dense = self._dense(items)
        self.classes_ = classes
        self._set_fitted(counts, dense, Y, fit_thresholds=self.threshold == "cv")
        return self

    def _set_fitted(self, counts, dense, Y, *, fit_thresholds: bool) -> None:
        self._fit_vocabulary(counts)
        self.dense_mean_ = dense.mean(axis=0)
        scale = dense.std(axis=0)
        self.dense_scale_ = np.where(scale > 1e-9, scale, 1.0)
        M = self._matrix([""] * len(counts), counts=counts, dense=dense)
        self.coef_, self.intercept_ = self._fit_linear(M, Y)
        if fit_thresholds:
            self.thresholds_ = self._cv_thresholds(counts, dense, Y)
        else:
            self.thresholds_ = np.full(Y.shape[1], 0.5 if self.threshold == "cv" else float(self.threshold))

    def _cv_thresholds(self, counts, dense, Y) -> np.ndarray:
        """Per class, the threshold chosen on out-of-fold probabilities of the training data
        (see :func:`choose_thresholds`)."""
        n = len(counts)
        k = min(self.cv, n)
        rng = np.random.RandomState(self.random_state)
        fold = rng.permutation(np.arange(n) % k)
        oof = np.zeros(Y.shape, dtype=float)
        for f in range(k):
            tr, te = np.flatnonzero(fold != f), np.flatnonzero(fold == f)
            inner = FrameClassifier(**self.get_params())
            inner.classes_ = self.classes_
            inner._set_fitted([counts[i] for i in tr], dense[tr], Y[tr], fit_thresholds=False)
            M = inner._matrix([""] * len(te), counts=[counts[i] for i in te], dense=dense[te])
            oof[te] = 1 / (1 + np.exp(-(M @ inner.coef_.T + inner.intercept_)))
        return choose_thresholds(Y, oof, self.threshold_objective)

    # -- prediction ------------------------------------------------------------------------
    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of each frame, columns in the order of ``classes_``."""
        check_is_fitted(self, "coef_")
        M = self._matrix(self._inputs(X))
        return np.asarray(M @ self.coef_.T + self.intercept_)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Independent probability of each frame (rows need not sum to 1)."""
        return 1 / (1 + np.exp(-self.decision_function(X)))

    def predict(self, X: Any) -> np.ndarray:
        """0/1 indicator matrix: frame ``j`` is used when its probability reaches
        ``thresholds_[j]``."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    def predict_labels(self, X: Any) -> list[list[str]]:
        """The predicted frames of each text, as label lists."""
        return [[self.classes_[j] for j in np.flatnonzero(row)] for row in self.predict(X)]

    # -- explanations ----------------------------------------------------------------------
    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """n-grams, then ``lexicon__*`` and (with ``evidence``) the evidence columns."""
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        dense = _lexicon_names() + (_evidence_names() if self.evidence else [])
        return np.asarray(names + dense, dtype=object)

    def top_features(self, frame: Any, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` features that raise ``frame``'s log-odds most, with their weight
        (dense features count with their standardised scale)."""
        check_is_fitted(self, "coef_")
        j = self._class_index(frame)
        names = self.get_feature_names_out()
        order = np.argsort(-self.coef_[j], kind="stable")[:n]
        return [(str(names[i]), round(float(self.coef_[j, i]), 4)) for i in order if self.coef_[j, i] > 0]

    def _class_index(self, frame: Any) -> int:
        hits = [i for i, c in enumerate(self.classes_) if c == frame or str(c) == str(frame)]
        if not hits:
            raise ValueError(f"unknown frame {frame!r}; the model knows {list(self.classes_)}")
        return hits[0]

    def sentence_evidence(self, sentence: str, frame: Any, n: int = 3) -> list[tuple[int, int]]:
        """Character spans of the (at most ``n``) n-grams of ``sentence`` with the largest
        positive weight for ``frame``, in text order.

        Examples
        --------
        >>> clf = FrameClassifier(evidence=False, min_df=1, threshold=0.5).fit(
        ...     ["The budget and taxes.", "The court and the law."] * 3, [["E"], ["L"]] * 3)
        >>> s = "New taxes hit the budget."
        >>> [s[a:b] for a, b in clf.sentence_evidence(s, "E", n=2)]
        ['taxes', 'the budget']
        """
        check_is_fitted(self, "coef_")
        j = self._class_index(frame)
        scored: dict[tuple[int, int], float] = {}
        for g, a, b in _ngrams(sentence, self.ngram_max):
            k = self.vocabulary_.get(g)
            if k is not None and self.coef_[j, k] > 0:
                w = self.coef_[j, k] * self.idf_[k]
                if (a, b) not in scored or scored[(a, b)] < w:
                    scored[(a, b)] = w
        best: list[tuple[int, int]] = []
        for a, b in sorted(scored, key=lambda s: (-scored[s], s)):
            if len(best) == n:
                break
            if all(b <= c or d <= a for c, d in best):  # no overlap with a stronger one
                best.append((a, b))
        return sorted(best)

    def explain(self, text: str | Document, n: int = 3) -> dict[str, list[tuple[int, int, float]]]:
        """The sentences that drove each predicted frame of ``text``.

        The n-gram part of an article's log-odds is a sum over its n-grams; each sentence
        gets the share of that sum its own n-grams make up (an n-gram seen in several
        sentences is divided between them by count). Returns, per predicted frame, the
        ``n`` sentences with the largest positive contribution: ``(start, end,
        contribution)``, offsets into the text.
        """
        check_is_fitted(self, "coef_")
        doc = text if isinstance(text, Document) else Document(text)
        counts = self._counts([doc.text])[0]
        X = self._tfidf([counts]).toarray()[0]
        predicted = np.flatnonzero(self.predict([doc])[0])
        out: dict[str, list[tuple[int, int, float]]] = {}
        sent_counts = [(s, Counter(g for g, _, _ in _ngrams(s.text, self.ngram_max))) for s in doc.sentences]
        for j in predicted:
            rows = []
            for s, c in sent_counts:
                contrib = 0.0
                for g, k in c.items():
                    i = self.vocabulary_.get(g)
                    if i is not None:
                        contrib += self.coef_[j, i] * X[i] * k / counts[g]
                if contrib > 0:
                    rows.append((s.start, s.end, round(float(contrib), 4)))
            rows.sort(key=lambda r: (-r[2], r[0]))
            out[str(self.classes_[j])] = rows[:n]
        return out

    # -- safe persistence: JSON, loading runs no code --------------------------------------
    def to_json(self, path: str | os.PathLike[str], *, meta: dict | None = None) -> None:
        """Write the fitted model as JSON (parameters, vocabulary, idf, coefficients,
        thresholds, standardisation)."""
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        payload = {
            "format": MODEL_FORMAT,
            "params": self.get_params(),
            "classes": [c if isinstance(c, str) else int(c) for c in self.classes_.tolist()],
            "vocabulary": names,
            "idf": [round(float(v), 6) for v in self.idf_],
            "coef": [[round(float(v), 6) for v in row] for row in self.coef_],
            "intercept": [round(float(v), 6) for v in self.intercept_],
            "thresholds": [float(v) for v in self.thresholds_],
            "dense_mean": [float(v) for v in self.dense_mean_],
            "dense_scale": [float(v) for v in self.dense_scale_],
            "meta": meta or {},
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> FrameClassifier:
        """Load a model written by :meth:`to_json`; one ``ValueError`` naming the problem
        when the file is not a valid model."""
        with open(path, encoding="utf-8") as fh:
            payload = json.load(fh)
        return cls._from_payload(payload)

    @classmethod
    def _from_payload(cls, payload: Any) -> FrameClassifier:
        def bad(msg: str):
            return ValueError(f"not a valid {MODEL_FORMAT} model: {msg}")

        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            fmt = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
            raise bad(f"format={fmt!r}")
        need = ("params", "classes", "vocabulary", "idf", "coef", "intercept", "thresholds", "dense_mean", "dense_scale")
        missing = [k for k in need if k not in payload]
        if missing:
            raise bad(f"missing keys {missing}")
        params = payload["params"]
        if not isinstance(params, dict):
            raise bad("params is not an object")
        est = cls(**{k: v for k, v in params.items() if k in cls._get_param_names()})
        try:
            est._check_params()
        except ValueError as e:
            raise bad(f"parameter out of range ({e})") from None
        classes = payload["classes"]
        vocab = payload["vocabulary"]
        if not isinstance(classes, list) or not classes or not all(isinstance(c, (str, int)) for c in classes) \
                or len(set(map(str, classes))) != len(classes):
            raise bad("classes must be a non-empty list of distinct labels")
        if not isinstance(vocab, list) or not all(isinstance(g, str) for g in vocab) or len(set(vocab)) != len(vocab):
            raise bad("vocabulary must be a list of distinct strings")
        arrays = {}
        for key in need[3:]:
            try:
                arrays[key] = np.asarray(payload[key], dtype=float)
            except (TypeError, ValueError):
                raise bad(f"{key} is not a rectangular array of numbers") from None
        n_dense = len(_lexicon_names()) + (len(_evidence_names()) if est.evidence else 0)
        k, v = len(classes), len(vocab)
        shapes = {"idf": (v,), "coef": (k, v + n_dense), "intercept": (k,), "thresholds": (k,),
                  "dense_mean": (n_dense,), "dense_scale": (n_dense,)}
        for name, shape in shapes.items():
            if arrays[name].shape != shape:
                raise bad(f"{name} has shape {arrays[name].shape}, expected {shape}")
            if not np.isfinite(arrays[name]).all():
                raise bad(f"{name} holds non-finite values")
        if not ((arrays["thresholds"] > 0) & (arrays["thresholds"] < 1)).all():
            raise bad("thresholds must lie in (0, 1)")
        if not (arrays["dense_scale"] > 0).all():
            raise bad("dense_scale must be > 0")
        est.classes_ = np.asarray(classes, dtype=object)
        est.vocabulary_ = {g: i for i, g in enumerate(vocab)}
        est.idf_, est.coef_, est.intercept_ = arrays["idf"], arrays["coef"], arrays["intercept"]
        est.thresholds_ = arrays["thresholds"]
        est.dense_mean_, est.dense_scale_ = arrays["dense_mean"], arrays["dense_scale"]
        est.meta_ = payload.get("meta", {})
        return est
