"""EntityRoleClassifier: the role an article casts an entity mention in (protagonist,
antagonist, innocent; and the fine roles of SemEval-2025 Task 10)."""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from typing import Any, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from framing.extract.roles import EVIDENCE_FEATURES, ROLES, RoleEvidence, evidence_rows, role_rows, rule_scores

__all__ = ["EntityRoleClassifier"]

MODEL_FORMAT = "framing.EntityRoleClassifier/1"
NUMERIC = tuple(f"num__{f}" for f in EVIDENCE_FEATURES) + tuple(f"num__rule_{r}" for r in ROLES)
"""Every numeric feature :func:`row_features` computes: the evidence counts, then the rule scores."""
NUMERIC_SETS = {"all": NUMERIC, "rules": tuple(f"num__rule_{r}" for r in ROLES)}
"""The numeric features each value of ``numeric`` keeps (``"rules"``: the rule scores only)."""
TARGET = "<T>"
_MASK = "qqentityqq"  # stands for the entity's mentions in the context until it becomes TARGET
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_PARAM_RANGES = {
    "C": (0.0, math.inf),
    "window": (1, 100_000),
    "min_df": (1, 1_000_000),
    "fine_threshold": (0.0, 1.0),
    "numeric_scale": (0.0, 1_000.0),
}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def row_features(doc, start: int, end: int, ev: RoleEvidence, *, window: int = 300) -> tuple[Counter, list[float]]:
    """String and numeric features of one (document, mention) row.

    String features: the mention's own words (``m=``), the words and bigrams within
    ``window`` characters either side of the mention with the entity's mentions masked
    (``w=``, ``b=``; the two words nearest each side marked by side, ``L=``, ``R=``), the
    words of the sentences that mention the entity (``s=``), the harmful or helpful actions
    it takes part in (``act=harm_agent``, ``act=harm_agent:shell``) and the verbs it is the
    subject or object of (``v=subj:say``). Numeric: the evidence counts of
    :func:`framing.extract.roles.role_evidence` (``log(1 + x)``) and the rule scores.
    """
    text = doc.text
    feats: Counter = Counter()
    for w in _words(text[start:end]):
        feats["m=" + w] += 1
    lo, hi = max(0, start - window), min(len(text), end + window)
    pieces, pos = [], lo
    for m in ev.mentions:
        if m.end <= lo or m.start >= hi:
            continue
        a, b = max(m.start, lo), min(m.end, hi)
        if a < pos:
            continue
        pieces.append(text[pos:a])
        pieces.append(f" {_MASK} ")
        pos = b
    pieces.append(text[pos:hi])
    words = [TARGET if w == _MASK else w for w in _words("".join(pieces))]
    for k, w in enumerate(words):
        feats["w=" + w] += 1
        if k + 1 < len(words):
            feats["b=" + w + " " + words[k + 1]] += 1
    # the words nearest the row's own mention, by side
    left = _words(text[lo:start])[-2:]
    right = _words(text[end:hi])[:2]
    for w in left:
        feats["L=" + w] += 1
    for w in right:
        feats["R=" + w] += 1
    for s in ev.sentences:
        for w in set(_words(text[s.start:s.end])):
            feats["s=" + w] += 1
    for span, kind, part in ev.actions:
        feats[f"act={kind}_{part}"] += 1
        feats[f"act={kind}_{part}:{text[span.start:span.end].lower()}"] += 1
    for v in ev.verbs:
        feats["v=" + v] += 1
    for _, stance in ev.speech:
        feats["cue=" + stance] += 1
    c = ev.counts
    numeric = [math.log1p(max(0.0, c[f])) if f not in {"sentiment_mean", "first_position", "in_title"} else c[f]
               for f in EVIDENCE_FEATURES]
    rs = rule_scores(c)
    numeric += [rs[r] for r in ROLES]
    return feats, numeric


def _softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of the decision scores (the probabilities of :meth:`EntityRoleClassifier.predict_proba`)."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class EntityRoleClassifier(ClassifierMixin, BaseEstimator):
    """The role an article casts an entity in: antagonist, innocent or protagonist, and
    (optionally) its fine roles.

    Rows are ``(article text or analysed framing.Document, start, end)``: the article and
    the character span of one mention of the entity (a DataFrame with ``text``, ``start``,
    ``end`` columns works too). The features (:func:`row_features`) are the evidence the
    extractors leave about the entity across the whole article (harmful or helpful actions
    it takes or undergoes, sentiment toward it, evaluative words in its clauses by voice,
    its speech and the cues' stances: :func:`framing.extract.roles.role_evidence`) and the lexical
    context: the mention's words, the words within ``window`` characters either side, and
    the words of the sentences that mention it; by default (``numeric="rules"``) the evidence
    enters as the three role scores of the no-training default, damped by
    ``numeric_scale``. A class-weighted logistic regression
    predicts the main role; with ``fine=True`` one logistic regression per fine role
    (one-vs-rest, over the same features) predicts the fine roles of the predicted main
    role: the most probable one and any other above ``fine_threshold``.

    :meth:`drivers` gives the features that drove each decision.

    Parameters
    ----------
    C : float, default=0.3
        Inverse regularisation strength of the logistic regressions.
    window : int, default=300
        Characters either side of the mention whose words are features.
    min_df : int, default=2
        Keep string features seen in at least this many training rows.
    class_weight : dict, "balanced" or None, default="balanced"
    fine : bool, default=True
        Also learn the fine roles (rows need ``y_fine`` in :meth:`fit`).
    fine_threshold : float, default=0.5
    max_iter : int, default=3000
    numeric : {"rules", "all"}, default="rules"
        The numeric features besides the words: ``"rules"``, the three role scores of the
        no-training default (:func:`framing.extract.roles.rule_scores`); ``"all"``, those
        and the 22 evidence counts they are made of.
    numeric_scale : float, default=0.5
        Factor on the numeric features (the word features of a row have unit norm): below 1
        regularises them more. ``numeric``, ``numeric_scale`` and ``C`` were chosen by
        grouped cross-validation on SemEval-2025 train (docs/roles.md).

    Attributes
    ----------
    classes_ : ndarray of str
    fine_classes_ : ndarray of str
    fine_parent_ : dict of str to str
        Main role of each fine role (as seen in training).
    vocabulary_ : dict of str to int
    idf_, coef_, intercept_, fine_coef_, fine_intercept_ : ndarray

    Examples
    --------
    >>> text = "Russian forces shelled the city. Civilians were killed. Volunteers rescued them."
    >>> X = [(text, 0, 7), (text, 33, 42), (text, 56, 66)] * 4
    >>> y = ["antagonist", "innocent", "protagonist"] * 4
    >>> clf = EntityRoleClassifier(min_df=1, fine=False).fit(X, y)
    >>> clf.predict([(text, 0, 7)]).tolist()
    ['antagonist']
    """

    def __init__(
        self,
        *,
        C: float = 0.3,
        window: int = 300,
        min_df: int = 2,
        class_weight: Any = "balanced",
        fine: bool = True,
        fine_threshold: float = 0.5,
        max_iter: int = 3000,
        numeric: str = "rules",
        numeric_scale: float = 0.5,
    ):
        self.C = C
        self.window = window
        self.min_df = min_df
        self.class_weight = class_weight
        self.fine = fine
        self.fine_threshold = fine_threshold
        self.max_iter = max_iter
        self.numeric = numeric
        self.numeric_scale = numeric_scale

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    # -- features -------------------------------------------------------------------------
    def features(self, X: Any) -> list[tuple[Counter, list[float]]]:
        """The features of each row before vectorising (:func:`row_features`): string
        features with counts, and the numeric features. Compute them once and pass them to
        :meth:`fit_features` / :meth:`predict_features` to cross-validate without analysing
        the articles again (they depend on ``window`` only)."""
        rows = role_rows(X)
        out = []
        for (t, a, b), (doc, ev) in zip(rows, evidence_rows(rows)):
            out.append(row_features(doc, a, b, ev, window=self.window))
        return out

    def _matrix(self, raw) -> sp.csr_matrix:
        data, indices, indptr = [], [], [0]
        vocab = self.vocabulary_
        nvocab = len(vocab)
        names = NUMERIC_SETS[self.numeric]
        keep = [NUMERIC.index(n) for n in names]
        scale = float(self.numeric_scale)
        for feats, numeric in raw:
            cols = {vocab[f]: math.log1p(c) * self.idf_[vocab[f]] for f, c in feats.items() if f in vocab}
            norm = math.sqrt(sum(v * v for v in cols.values())) or 1.0
            for j in sorted(cols):
                indices.append(j)
                data.append(cols[j] / norm)
            for k, j in enumerate(keep):
                indices.append(nvocab + k)
                data.append(numeric[j] * scale)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(raw), nvocab + len(names)),
        )

    def _check_params(self) -> None:
        if self.numeric not in NUMERIC_SETS:
            raise ValueError(f"numeric must be one of {sorted(NUMERIC_SETS)}; got {self.numeric!r}")
        for name, (lo, hi) in _PARAM_RANGES.items():
            v = getattr(self, name)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not (lo <= v <= hi) or (name == "C" and v <= 0):
                raise ValueError(f"{name} must be a number in the range [{lo}, {hi}]" + (" and > 0" if name == "C" else "") + f"; got {v!r}")

    def fit(self, X: Any, y: Iterable[str], y_fine: Iterable[Sequence[str]] | None = None) -> EntityRoleClassifier:
        """Fit on rows of (text or Document, start, end), their main roles and, when
        ``fine=True``, their fine roles (one sequence of names per row)."""
        self._check_params()
        rows = role_rows(X)
        y = np.asarray([str(v) for v in y], dtype=object)
        if len(y) != len(rows):
            raise ValueError(f"X has {len(rows)} rows but y has {len(y)} labels")
        if len(set(y)) < 2:
            raise ValueError("y needs at least two roles")
        if self.fine and y_fine is None:
            raise ValueError("fine=True needs y_fine (the fine roles of each row); pass fine=False to skip them")
        fine_rows = None if y_fine is None else [tuple(str(f) for f in fs) for fs in y_fine]  # read once: any iterable
        if self.fine and fine_rows is not None and len(fine_rows) != len(rows):
            raise ValueError(f"X has {len(rows)} rows but y_fine has {len(fine_rows)} entries")
        return self.fit_features(self.features(rows), y, fine_rows)

    def fit_features(self, raw: list, y: Iterable[str], y_fine: Iterable[Sequence[str]] | None = None) -> EntityRoleClassifier:
        """:meth:`fit` on the output of :meth:`features` (for cross-validation)."""
        self._check_params()
        y = np.asarray([str(v) for v in y], dtype=object)
        rows = raw
        df: Counter = Counter()
        for feats, _ in raw:
            df.update(feats.keys())
        kept = sorted(f for f, c in df.items() if c >= self.min_df)
        self.vocabulary_ = {f: i for i, f in enumerate(kept)}
        n = len(rows)
        self.idf_ = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept])
        M = self._matrix(raw)
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                   solver="newton-cg").fit(M, y)
        self.classes_ = np.asarray(model.classes_, dtype=object)
        coef = model.coef_
        if coef.shape[0] == 1:  # two classes: one row of coefficients, made symmetric
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
        else:
            intercept = model.intercept_
        self.coef_, self.intercept_ = coef, intercept
        self.fine_classes_ = np.asarray([], dtype=object)
        self.fine_parent_ = {}
        self.fine_coef_ = np.zeros((0, M.shape[1]))
        self.fine_intercept_ = np.zeros(0)
        if self.fine:
            if y_fine is None:
                raise ValueError("fine=True needs y_fine (the fine roles of each row); pass fine=False to skip them")
            y_fine = [tuple(str(f) for f in fs) for fs in y_fine]
            if len(y_fine) != len(rows):
                raise ValueError(f"X has {len(rows)} rows but y_fine has {len(y_fine)} entries")
            parent: dict[str, Counter] = {}
            for main, fs in zip(y, y_fine):
                for f in fs:
                    parent.setdefault(f, Counter())[main] += 1
            fine_classes = sorted(parent)
            coefs, inters = [], []
            for f in fine_classes:
                target = np.array([f in fs for fs in y_fine])
                if target.all() or not target.any():
                    coefs.append(np.zeros(M.shape[1]))
                    inters.append(10.0 if target.all() else -10.0)
                    continue
                lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=self.max_iter,
                                        solver="liblinear").fit(M, target)
                coefs.append(lr.coef_[0])
                inters.append(lr.intercept_[0])
            self.fine_classes_ = np.asarray(fine_classes, dtype=object)
            self.fine_parent_ = {f: parent[f].most_common(1)[0][0] for f in fine_classes}
            self.fine_coef_ = np.asarray(coefs)
            self.fine_intercept_ = np.asarray(inters)
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "coef_")
        return self._scores(self._matrix(self.features(X)))

    def _scores(self, M: sp.csr_matrix) -> np.ndarray:
        """The decision scores of the rows of the feature matrix ``M`` (:meth:`_matrix`)."""
        return np.asarray(M @ self.coef_.T) + self.intercept_

    def predict_features(self, raw: list) -> tuple[np.ndarray, list[tuple[str, ...]]]:
        """Main roles and fine roles (empty tuples with ``fine=False``) from the output of
        :meth:`features`."""
        check_is_fitted(self, "coef_")
        M = self._matrix(raw)
        main = self.classes_[np.argmax(self._scores(M), axis=1)]
        return main, self._fine_of(M, main) if len(self.fine_classes_) else [()] * len(main)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Role probabilities, columns in the order of ``classes_``."""
        return _softmax(self.decision_function(X))

    def predict(self, X: Any) -> np.ndarray:
        """The main role of each row."""
        check_is_fitted(self, "coef_")
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]

    def predict_fine(self, X: Any) -> list[tuple[str, ...]]:
        """The fine roles of each row: among the fine roles of the predicted main role, the
        most probable and any other with probability >= ``fine_threshold``."""
        check_is_fitted(self, "coef_")
        if not len(self.fine_classes_):
            raise ValueError("this model was fitted with fine=False")
        M = self._matrix(self.features(X))
        main = self.classes_[np.argmax(self._scores(M), axis=1)]
        return self._fine_of(M, main)

    def _fine_of(self, M, main) -> list[tuple[str, ...]]:
        p = 1.0 / (1.0 + np.exp(-(np.asarray(M @ self.fine_coef_.T) + self.fine_intercept_)))
        out: list[tuple[str, ...]] = []
        for r, row in zip(main, p):
            idx = [j for j, f in enumerate(self.fine_classes_) if self.fine_parent_[f] == r]
            if not idx:
                out.append(())
                continue
            best = max(idx, key=lambda j: row[j])
            chosen = [j for j in idx if j == best or row[j] >= self.fine_threshold]
            chosen.sort(key=lambda j: -row[j])
            out.append(tuple(str(self.fine_classes_[j]) for j in chosen))
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return np.asarray(names + list(NUMERIC_SETS[self.numeric]), dtype=object)

    def drivers(self, X: Any, top: int = 8) -> list[list[tuple[str, float]]]:
        """The features that drove each decision: for the predicted role, the ``top``
        features with the largest contribution to its log-odds against the average role
        (``x_j * (coef[role, j] - mean_k coef[k, j])``), largest first.

        Examples
        --------
        >>> text = "Russian forces shelled the city. Civilians were killed. Volunteers rescued them."
        >>> X = [(text, 0, 7), (text, 33, 42), (text, 56, 66)] * 4
        >>> clf = EntityRoleClassifier(min_df=1, fine=False).fit(X, ["antagonist", "innocent", "protagonist"] * 4)
        >>> sorted(f for f, _ in clf.drivers([(text, 33, 42)], top=20)[0] if f.startswith("act="))
        ['act=harm_patient', 'act=harm_patient:killed']
        """
        check_is_fitted(self, "coef_")
        return self._drivers(self._matrix(self.features(X)), top)

    def proba_and_drivers(self, X: Any, top: int = 8) -> tuple[np.ndarray, list[list[tuple[str, float]]]]:
        """:meth:`predict_proba` and :meth:`drivers` of the rows, their features computed once
        (the roles step, :func:`framing.extract.roles.assign_roles`, asks for both)."""
        check_is_fitted(self, "coef_")
        M = self._matrix(self.features(X))
        return _softmax(self._scores(M)), self._drivers(M, top)

    def _drivers(self, M: sp.csr_matrix, top: int) -> list[list[tuple[str, float]]]:
        """:meth:`drivers` of the rows of the feature matrix ``M`` (:meth:`_matrix`)."""
        M = M.tocsr()
        names = self.get_feature_names_out()
        centred = self.coef_ - self.coef_.mean(axis=0, keepdims=True)
        z = self._scores(M)
        out = []
        for i in range(M.shape[0]):
            c = int(np.argmax(z[i]))
            row = M.getrow(i)
            contrib = [(str(names[j]), float(v * centred[c, j])) for j, v in zip(row.indices, row.data)]
            contrib = [x for x in contrib if x[1] > 0]
            contrib.sort(key=lambda x: -x[1])
            out.append([(f, round(v, 4)) for f, v in contrib[:top]])
        return out

    # -- safe persistence: JSON, loading runs no code --------------------------------------
    def to_json(self, path: str | os.PathLike[str], *, meta: dict | None = None) -> None:
        """Write the fitted model as JSON (parameters, vocabulary, idf, coefficients)."""
        check_is_fitted(self, "coef_")
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)

        def r(a, nd=6):
            return [[round(float(v), nd) for v in row] for row in a]

        payload = {
            "format": MODEL_FORMAT,
            "params": self.get_params(),
            "classes": [str(c) for c in self.classes_],
            "vocabulary": names,
            "numeric": list(NUMERIC_SETS[self.numeric]),
            "idf": [round(float(v), 6) for v in self.idf_],
            "coef": r(self.coef_),
            "intercept": [round(float(v), 6) for v in self.intercept_],
            "fine_classes": [str(c) for c in self.fine_classes_],
            "fine_parent": dict(self.fine_parent_),
            "fine_coef": r(self.fine_coef_),
            "fine_intercept": [round(float(v), 6) for v in self.fine_intercept_],
            "meta": meta or {},
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> EntityRoleClassifier:
        """Load a model written by :meth:`to_json` (plain JSON: no code is run). The file is
        checked (format, parameter types and ranges, classes, shapes, finite numbers) and
        a problem raises one ``ValueError`` that names it."""
        with open(path, encoding="utf-8") as fh:
            payload = json.load(fh)
        return cls._from_payload(payload)

    @classmethod
    def _from_payload(cls, payload: Any) -> EntityRoleClassifier:
        def bad(msg: str) -> ValueError:
            return ValueError(f"not a valid {MODEL_FORMAT} model: {msg}")

        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
            got = payload.get("format") if isinstance(payload, dict) else type(payload).__name__
            raise bad(f"format is {got!r}")
        need = ("params", "classes", "vocabulary", "numeric", "idf", "coef", "intercept",
                "fine_classes", "fine_parent", "fine_coef", "fine_intercept")
        missing = [k for k in need if k not in payload]
        if missing:
            raise bad(f"missing {', '.join(missing)}")
        params = payload["params"]
        if isinstance(params, dict) and "numeric" not in params:  # written before numeric / numeric_scale
            params = {**params, "numeric": "all", "numeric_scale": 1.0}
        if not isinstance(params, dict) or set(params) - set(cls._get_param_names()):
            raise bad(f"unknown parameters {sorted(set(params) - set(cls._get_param_names())) if isinstance(params, dict) else params!r}")
        est = cls(**params)
        try:
            est._check_params()
        except ValueError as err:
            raise bad(str(err)) from None
        classes = payload["classes"]
        if not isinstance(classes, list) or not set(classes) <= set(ROLES) | {"none"} or len(classes) < 2:
            raise bad(f"classes must be at least two of {list(ROLES) + ['none']}, got {classes!r}")
        vocab = payload["vocabulary"]
        if not isinstance(vocab, list) or not all(isinstance(v, str) for v in vocab) or len(set(vocab)) != len(vocab):
            raise bad("vocabulary must be a list of distinct strings")
        if payload["numeric"] != list(NUMERIC_SETS[est.numeric]):
            raise bad("numeric features differ from this version of framing")
        nf = len(vocab) + len(NUMERIC_SETS[est.numeric])

        def arr(key: str, shape: tuple) -> np.ndarray:
            try:
                a = np.asarray(payload[key], dtype=float)
            except (TypeError, ValueError):
                raise bad(f"{key} must hold numbers") from None
            if a.shape != shape:
                raise bad(f"{key} has shape {a.shape}, expected {shape}")
            if not np.isfinite(a).all():
                raise bad(f"{key} holds a value that is not finite")
            return a

        fine_classes = payload["fine_classes"]
        fine_parent = payload["fine_parent"]
        if not isinstance(fine_classes, list) or not isinstance(fine_parent, dict) or set(fine_parent) != set(fine_classes):
            raise bad("fine_parent must name the main role of every fine class")
        if not set(fine_parent.values()) <= set(classes):
            raise bad("fine_parent names a main role that is not a class")
        est.vocabulary_ = {f: i for i, f in enumerate(vocab)}
        est.idf_ = arr("idf", (len(vocab),))
        est.coef_ = arr("coef", (len(classes), nf))
        est.intercept_ = arr("intercept", (len(classes),))
        est.classes_ = np.asarray(classes, dtype=object)
        est.fine_classes_ = np.asarray(fine_classes, dtype=object)
        est.fine_parent_ = dict(fine_parent)
        est.fine_coef_ = arr("fine_coef", (len(fine_classes), nf)) if fine_classes else np.zeros((0, nf))
        est.fine_intercept_ = arr("fine_intercept", (len(fine_classes),)) if fine_classes else np.zeros(0)
        est.meta_ = payload.get("meta", {})
        return est
