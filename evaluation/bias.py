"""Evaluate sentence bias and loaded language on BASIL, BABE, MBIC and MultiDimNews.

Every model here is fitted at run time from the data home and never written anywhere (BABE
and MBIC are AGPL, BASIL and MultiDimNews have no licence). Intervals are 95% percentile
bootstraps (1,000 resamples) over articles (BASIL) or sentences (BABE, MBIC, MultiDimNews)
of the pooled predictions.

Figures (``--split test``):

1. ``basil_lexical_token_f1``: BASIL lexical-bias spans, events 80-99, token (word) F1 of a
   :class:`framing.models.LoadedWordClassifier` fitted on BABE dev's biased words, its
   decision threshold chosen on BASIL events 0-79 (words inside a lexical-bias span are
   positive; the best of 0.05, 0.075, ..., 0.9). ``basil_rules_token_f1``: the no-training
   :func:`framing.extract.evaluative.loaded_language` on the same articles.
2. ``babe_cv_macro_f1``: the paper's protocol, 5-fold stratified cross-validation over all
   BABE (SG2) sentences with a label, :class:`framing.models.BiasClassifier` with its
   defaults (chosen on BABE dev, see ``--split dev``); ``babe_cv_tfidf_macro_f1``: TF-IDF
   (1-2 grams) + logistic regression, the same folds.
   ``babe_cv_nested_macro_f1``: the same outer folds, the BiasClassifier setting
   (``NESTED_GRID``) chosen in each training part by an inner 5-fold cross-validation.
   ``babe_test_macro_f1``: the project's fixed split, fitted on BABE dev (topics such as
   vaccine, islam, marriage equality), scored on BABE test (other topics).
   ``babe_test_evidence_macro_f1``: the no-training evidence score
   (:func:`framing.extract.sentence_bias.evidence_score` at the step's threshold) on BABE test.
3. ``mbic_paper_protocol_word_f1``: MBIC word-level F1 under the paper's protocol (trained
   and tested on MBIC by 5-fold cross-validation, grouped by article), LoadedWordClassifier
   with the settings chosen on BABE dev. ``mbic_out_of_domain_word_f1``: the same model fitted
   on BABE dev only, scored on MBIC; ``mbic_rules_word_f1``: ``loaded_language`` (no training).
4. ``ptc_dev_si_f1``, ``ptc_dev_tc_micro_f1`` (and their ``_default`` twins for the
   no-training rules): persuasion techniques on PTC dev, fitted on PTC train, computed by
   ``evaluation/persuasion.py``'s ``ptc_figures`` (that script also gives SemEval-2023).
5. MultiDimNews (no training on it): ROC AUC and macro-F1 of the evidence score and of a
   BiasClassifier fitted on all of BABE, against the authors' binary ``bias`` and
   ``subjectivity`` labels.

``--split dev`` reads no test data: BABE dev cross-validation (stratified and grouped by
topic) for the BiasClassifier grid, evidence-score thresholds on BABE dev, BASIL events
0-79 (threshold and the no-training rule).

Usage::

    FRAMING_DATA=/work/shared/data python evaluation/bias.py --split test --json bias.json
    FRAMING_DATA=/work/shared/data python evaluation/bias.py --split dev

``--basil-cv`` reads BASIL's train events only: out-of-fold token F1 of word models and of
stacks with article context (docs/bias.md).

``--split`` is dev by default; a test run appends its figures to ``evaluation/ledger.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "evaluation"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import _common as C  # noqa: E402  (evaluation/_common.py)
import framing  # noqa: E402
from framing.datasets import load_babe, load_basil, load_mbic, load_multidimnews  # noqa: E402
from framing.extract.evaluative import loaded_language  # noqa: E402
from framing.extract.sentence_bias import DEFAULT_THRESHOLD, DocIndex, evidence_score  # noqa: E402

from framing.models import (BiasClassifier, LoadedWordClassifier, sentence_evidence, word_labels,  # noqa: E402
                            word_rows)

SEED = 0
BOOT = 1000
LOADED_WORDS = {"C": 1.0, "window": 1}  # chosen on BABE dev (docs/evaluative.md)
BASIL_THRESHOLDS = np.round(np.arange(0.05, 0.901, 0.025), 3)
BIAS_GRID = [{"lexical": lex, "C": c} for lex in ("content", "none", "evidence_words", "all")
             for c in (0.1, 0.3, 1.0)]
EVIDENCE = framing.Pipeline.default().without(
    "actors", "actor_sentiment", "roles", "frames", "sentence_bias", "persuasion")


@lru_cache(maxsize=None)
def _analysed(text: str) -> framing.Document:
    """A sentence analysed by the evidence steps (once per run: the folds reuse it)."""
    return EVIDENCE.run(text)


# BiasClassifier settings of the figures (``--bias-params`` overrides; see docs/bias.md)
BIAS_PARAMS: dict = {}

TOPICS = {"gun control": "gun-control", "vaccines": "vaccine", "blm": "black lives matter"}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- helpers ------------------------------------------------------------------------------
def boot_ci(stat, groups: np.ndarray, *arrays, n: int = BOOT) -> tuple[float, float]:
    """95% percentile interval of ``stat(*arrays)`` resampling whole groups."""
    rng = np.random.default_rng(SEED)
    uniq, inv = np.unique(groups, return_inverse=True)
    members = [np.flatnonzero(inv == g) for g in range(len(uniq))]
    vals = []
    for _ in range(n):
        pick = rng.integers(0, len(uniq), len(uniq))
        idx = np.concatenate([members[g] for g in pick])
        vals.append(stat(*(a[idx] for a in arrays)))
    lo, hi = np.percentile(vals, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def word_f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float((y & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def word_prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = float((y & pred).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return p, r, word_f1(y, pred)


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    return float(f1_score(y, pred, average="macro", labels=[0, 1], zero_division=0))


def put(out: dict, key: str, value: float, ci: tuple[float, float] | None = None) -> None:
    out[key] = round(float(value), 4)
    if ci is not None:
        out[key + "_ci_low"], out[key + "_ci_high"] = ci
    log(f"{key} = {out[key]}" + (f" [{ci[0]}, {ci[1]}]" if ci else ""))


def in_spans(spans, a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


# -- BASIL ----------------------------------------------------------------------------------
def basil_words(part):
    """Word rows of every body sentence, gold (inside a lexical-bias span), event, article."""
    rows, y, event, article, rules = [], [], [], [], []
    for k, art in enumerate(part.itertuples()):
        lex = [(s["start"], s["end"]) for s in art.spans if s["bias"] == "lex"]
        for a, e in art.sentences:
            sent = art.text[a:e]
            for _, s, t in word_rows(sent):
                rows.append((sent, s, t))
                y.append(in_spans(lex, a + s, a + t))
                event.append(art.event)
                article.append(k)
    return rows, np.asarray(y, bool), np.asarray(event), np.asarray(article)


def basil_rules(part) -> np.ndarray:
    """Predicted label of every word (order of :func:`basil_words`): inside a span of
    ``loaded_language`` on the analysed article."""
    pred = []
    for art in part.itertuples():
        spans = [(s.start, s.end) for s in loaded_language(framing.analyze(art.text))]
        for a, e in art.sentences:
            for _, s, t in word_rows(art.text[a:e]):
                pred.append(in_spans(spans, a + s, a + t))
    return np.asarray(pred, bool)


@lru_cache(maxsize=1)
def babe_dev_word_model() -> LoadedWordClassifier:
    """LoadedWordClassifier fitted on BABE dev's biased words (shared by BASIL and MBIC)."""
    babe = load_babe()
    dev = babe[babe["split"] == "dev"]
    rows, y, _ = word_table(dev)
    log(f"fitting LoadedWordClassifier on BABE dev ({len(rows)} words)")
    return LoadedWordClassifier(**LOADED_WORDS).fit(rows, y)


def basil(out: dict, split: str) -> None:
    """BABE-dev word model, its threshold chosen on BASIL events 0-79 (the train split)."""
    df = load_basil()
    train = df[df["split"] == "train"]
    rows, y, _, _ = basil_words(train)
    log(f"BASIL train: {len(rows)} words, {int(y.sum())} in lexical-bias spans")
    model = babe_dev_word_model()
    proba = model.predict_proba(rows)[:, 1]
    f, thr = max((word_f1(y, proba >= t), t) for t in BASIL_THRESHOLDS)
    out["basil_threshold"] = float(thr)
    put(out, "basil_train_token_f1", f)
    if split != "test":
        put(out, "basil_train_rules_token_f1", word_f1(y, basil_rules(train)))
        return
    test = df[df["split"] == "test"]
    trows, ty, _, tart = basil_words(test)
    pred = model.predict_proba(trows)[:, 1] >= thr
    p, r, f = word_prf(ty, pred)
    put(out, "basil_lexical_token_f1", f, boot_ci(word_f1, tart, ty, pred))
    out["basil_lexical_token_precision"], out["basil_lexical_token_recall"] = round(p, 4), round(r, 4)
    rules = basil_rules(test)
    p, r, f = word_prf(ty, rules)
    put(out, "basil_rules_token_f1", f, boot_ci(word_f1, tart, ty, rules))
    out["basil_rules_token_precision"], out["basil_rules_token_recall"] = round(p, 4), round(r, 4)
    out["basil_test_words"], out["basil_test_lexical_words"] = len(trows), int(ty.sum())


def basil_context(part) -> np.ndarray:
    """Context of every word (order of :func:`basil_words`): relative position of its
    sentence in the article, first sentence, first three, inside double quotation marks,
    the sentence names a main entity, capitalised (not sentence-initial), the word is part of
    a main entity's name, log sentence length. BASIL gives each article's main entities."""
    X = []
    for art in part.itertuples():
        ents = {w.lower() for e in art.main_entities for w in re.findall(r"[A-Za-z]+", e)
                if len(w) > 3 and w[0].isupper()}
        n = max(len(art.sentences), 1)
        for k, (a, e) in enumerate(art.sentences):
            sent = art.text[a:e]
            inside, q = [], False
            for ch in sent:
                q = True if ch == "“" else False if ch == "”" else (not q) if ch == '"' else q
                inside.append(q)
            has_ent = any(x in sent.lower() for x in ents)
            for _, s, t in word_rows(sent):
                w = sent[s:t]
                X.append([k / n, k == 0, k < 3, inside[s], has_ent, w[0].isupper() and s > 0,
                          w.lower() in ents, np.log1p(len(sent) / 100)])
    return np.asarray(X, dtype=float)


def basil_cv(out: dict) -> None:
    """Train events only (0-79), 5 folds grouped by event: how far word models and context
    go. Scores: the BABE-dev word model; a LoadedWordClassifier fitted on BASIL's own
    training folds (out of fold); logistic-regression stacks of these log-odds with
    :func:`basil_context`. Each figure is the best token F1 over thresholds on the pooled
    out-of-fold scores (optimistic: the threshold is not nested)."""
    df = load_basil()
    train = df[df["split"] == "train"]
    rows, y, event, _ = basil_words(train)
    p_babe = babe_dev_word_model().predict_proba(rows)[:, 1]
    oof = np.zeros(len(rows))
    for tr, te in GroupKFold(5).split(rows, y, event):
        model = LoadedWordClassifier(**LOADED_WORDS).fit([rows[i] for i in tr], y[tr])
        oof[te] = model.predict_proba([rows[i] for i in te])[:, 1]
    ctx = basil_context(train)

    def logit(p):
        p = np.clip(p, 1e-4, 1 - 1e-4)
        return np.log(p / (1 - p))

    def best(score):
        cuts = np.quantile(score, 1 - np.array([0.002, 0.003, 0.004, 0.005, 0.006, 0.008, 0.01,
                                                0.012, 0.015, 0.02, 0.03]))
        return max(word_f1(y, score >= t) for t in cuts)

    put(out, "basil_cv_babe_words_token_f1", best(p_babe))
    put(out, "basil_cv_basil_words_token_f1", best(oof))
    for name, X in (("babe_basil", np.c_[logit(p_babe), logit(oof)]),
                    ("babe_context", np.c_[logit(p_babe), ctx]),
                    ("babe_basil_context", np.c_[logit(p_babe), logit(oof), ctx])):
        score = np.zeros(len(y))
        for tr, te in GroupKFold(5).split(X, y, event):
            lr = LogisticRegression(max_iter=2000).fit(X[tr], y[tr])
            score[te] = lr.predict_proba(X[te])[:, 1]
        put(out, f"basil_cv_stack_{name}_token_f1", best(score))
    out["basil_cv_gold_quoted_share"] = round(float(ctx[y, 3].mean()), 4)
    out["basil_cv_words_quoted_share"] = round(float(ctx[:, 3].mean()), 4)


# -- BABE -----------------------------------------------------------------------------------
def babe_frame():
    b = load_babe()
    b = b[b["label_bias"] != "No agreement"].reset_index(drop=True)
    y = (b["label_bias"] == "Biased").to_numpy().astype(int)
    docs = [_analysed(t) for t in b["text"]]
    topic = b["topic"].map(lambda t: TOPICS.get(t, t)).to_numpy()
    return b, y, docs, topic


def bias_oof(docs, y, idx, params, groups=None) -> np.ndarray:
    split = (GroupKFold(5).split(idx, y[idx], groups[idx]) if groups is not None
             else StratifiedKFold(5, shuffle=True, random_state=SEED).split(idx, y[idx]))
    proba = np.zeros(len(idx))
    for tr, te in split:
        model = BiasClassifier(**params).fit([docs[i] for i in idx[tr]], y[idx[tr]])
        proba[te] = model.predict_proba([docs[i] for i in idx[te]])[:, 1]
    return proba


NESTED_GRID = [{"lexical": lex, "C": c} for lex in ("content", "all") for c in (0.3, 1.0)]
"""What the inner cross-validation of ``babe_cv_nested_macro_f1`` chooses from."""
_RAW: dict = {}  # lexical -> features of every BABE sentence (row number -> sentence_evidence)


class _PrecomputedBias(BiasClassifier):
    """A BiasClassifier whose rows are row numbers into ``_RAW[lexical]`` (features computed
    once per run, not once per fit: the nested cross-validation fits 105 models)."""

    def _raw(self, X):
        return [_RAW[self.lexical][i] for i in X]


def bias_nested_oof(docs, y) -> tuple[np.ndarray, list[dict]]:
    """Out-of-fold probabilities over all rows with the outer folds of :func:`bias_oof`; in
    each outer training part a 5-fold inner cross-validation (macro-F1 at 0.5) picks the
    setting of ``NESTED_GRID`` that is fitted there. The outer test fold chooses nothing."""
    for lex in {g["lexical"] for g in NESTED_GRID}:
        if lex not in _RAW:
            _RAW[lex] = [sentence_evidence(d, 0, len(d.text), lexical=lex, index=DocIndex(d)) for d in docs]
    allidx = np.arange(len(y))
    proba, chosen = np.zeros(len(y)), []
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=SEED).split(allidx, y):
        scores = []
        for params in NESTED_GRID:
            inner = np.zeros(len(tr))
            for itr, ite in StratifiedKFold(5, shuffle=True, random_state=SEED).split(tr, y[tr]):
                model = _PrecomputedBias(**params).fit(tr[itr], y[tr[itr]])
                inner[ite] = model.predict_proba(tr[ite])[:, 1]
            scores.append(macro_f1(y[tr], (inner >= 0.5).astype(int)))
        best = NESTED_GRID[int(np.argmax(scores))]
        chosen.append({**best, "inner_macro_f1": round(max(scores), 4)})
        proba[te] = _PrecomputedBias(**best).fit(tr, y[tr]).predict_proba(te)[:, 1]
    return proba, chosen


def tfidf_oof(texts, y) -> np.ndarray:
    pred = np.zeros(len(texts), int)
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y):
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(texts[tr]), y[tr])
        pred[te] = clf.predict(vec.transform(texts[te]))
    return pred


def babe(out: dict, split: str) -> None:
    b, y, docs, topic = babe_frame()
    dev = np.flatnonzero(b["split"].to_numpy() == "dev")
    test = np.flatnonzero(b["split"].to_numpy() == "test")
    ev = np.asarray([evidence_score(d) for d in docs])
    if split != "test":
        put(out, "babe_dev_evidence_auc", roc_auc_score(y[dev], ev[dev]))
        for t in (0.2, 0.3, 0.4, 0.5, 0.6):
            put(out, f"babe_dev_evidence_macro_f1_at_{t}", macro_f1(y[dev], (ev[dev] >= t).astype(int)))
        for params in BIAS_GRID:
            name = f"{params['lexical']}_C{params['C']}"
            put(out, f"babe_dev_cv_macro_f1_{name}", macro_f1(y[dev], (bias_oof(docs, y, dev, params) >= 0.5).astype(int)))
            put(out, f"babe_dev_topic_cv_macro_f1_{name}",
                macro_f1(y[dev], (bias_oof(docs, y, dev, params, topic) >= 0.5).astype(int)))
        return
    allidx = np.arange(len(b))
    sent = allidx  # bootstrap unit: the sentence
    pred = (bias_oof(docs, y, allidx, BIAS_PARAMS) >= 0.5).astype(int)
    put(out, "babe_cv_macro_f1", macro_f1(y, pred), boot_ci(macro_f1, sent, y, pred))
    _RAW.clear()
    proba, chosen = bias_nested_oof(docs, y)
    nested = (proba >= 0.5).astype(int)
    put(out, "babe_cv_nested_macro_f1", macro_f1(y, nested), boot_ci(macro_f1, sent, y, nested))
    for k, c in enumerate(chosen):  # flat numbers: the setting each outer fold's inner CV chose
        out[f"babe_cv_nested_fold{k}_C"] = c["C"]
        out[f"babe_cv_nested_fold{k}_lexical_all"] = int(c["lexical"] == "all")
        out[f"babe_cv_nested_fold{k}_inner_macro_f1"] = c["inner_macro_f1"]
    log(f"nested choices: {chosen}")
    tf = tfidf_oof(b["text"].to_numpy(), y)
    put(out, "babe_cv_tfidf_macro_f1", macro_f1(y, tf), boot_ci(macro_f1, sent, y, tf))
    model = BiasClassifier(**BIAS_PARAMS).fit([docs[i] for i in dev], y[dev])
    pt = model.predict([docs[i] for i in test])
    put(out, "babe_test_macro_f1", macro_f1(y[test], pt), boot_ci(macro_f1, test, y[test], pt))
    pe = (ev[test] >= DEFAULT_THRESHOLD).astype(int)
    put(out, "babe_test_evidence_macro_f1", macro_f1(y[test], pe), boot_ci(macro_f1, test, y[test], pe))
    put(out, "babe_test_evidence_auc", roc_auc_score(y[test], ev[test]))
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    texts = b["text"].to_numpy()
    clf = LogisticRegression(max_iter=2000).fit(vec.fit_transform(texts[dev]), y[dev])
    ptf = clf.predict(vec.transform(texts[test]))
    put(out, "babe_test_tfidf_macro_f1", macro_f1(y[test], ptf), boot_ci(macro_f1, test, y[test], ptf))
    out["babe_cv_sentences"], out["babe_test_sentences"] = len(b), len(test)


# -- MBIC -----------------------------------------------------------------------------------
def word_table(part):
    rows, y, art = [], [], []
    for k, (text, words, link) in enumerate(zip(part["text"], part["biased_words"], part["news_link"])):
        r = word_rows(text)
        rows += r
        y += word_labels(text, words)
        art += [k] * len(r)  # bootstrap unit: the sentence
    return rows, np.asarray(y, bool), np.asarray(art)


def mbic(out: dict, split: str) -> None:
    if split != "test":
        return
    m = load_mbic()
    rows, y, sent = word_table(m)
    links = np.asarray([link for link, text in zip(m["news_link"], m["text"]) for _ in word_rows(text)])
    thr = 0.2  # LoadedWordClassifier's default, chosen on BABE dev
    proba = np.zeros(len(rows))
    for tr, te in GroupKFold(5).split(rows, y, links):
        model = LoadedWordClassifier(**LOADED_WORDS).fit([rows[i] for i in tr], y[tr])
        proba[te] = model.predict_proba([rows[i] for i in te])[:, 1]
    pred = proba >= thr
    p, r, f = word_prf(y, pred)
    put(out, "mbic_paper_protocol_word_f1", f, boot_ci(word_f1, sent, y, pred))
    out["mbic_paper_protocol_word_precision"], out["mbic_paper_protocol_word_recall"] = round(p, 4), round(r, 4)
    model = babe_dev_word_model()
    pred = model.predict_proba(rows)[:, 1] >= thr
    p, r, f = word_prf(y, pred)
    put(out, "mbic_out_of_domain_word_f1", f, boot_ci(word_f1, sent, y, pred))
    out["mbic_out_of_domain_word_precision"], out["mbic_out_of_domain_word_recall"] = round(p, 4), round(r, 4)
    rules = []
    for text in m["text"]:
        spans = [(s.start, s.end) for s in loaded_language(framing.analyze(text))]
        rules += [in_spans(spans, a, b) for _, a, b in word_rows(text)]
    rules = np.asarray(rules, bool)
    put(out, "mbic_rules_word_f1", word_f1(y, rules), boot_ci(word_f1, sent, y, rules))
    out["mbic_sentences"], out["mbic_biased_words"] = len(m), int(y.sum())


# -- PTC (persuasion techniques) ------------------------------------------------------------
def ptc(out: dict, split: str) -> None:
    """The PTC figures of ``evaluation/persuasion.py`` (one function, two scripts): fitted on
    PTC train; ``--split test`` scores PTC dev (the held-out set: the task's test gold was
    never released), ``--split dev`` one held-out quarter of PTC train."""
    import persuasion as P  # evaluation/persuasion.py

    from framing.datasets import load_ptc

    train = load_ptc("train")
    docs, gold, si = P._docs(train["text"]), list(train["spans"]), list(train["si_spans"])
    if split == "test":
        dev = load_ptc("dev")
        figures = P.ptc_figures(docs, gold, P._docs(dev["text"]), list(dev["spans"]), list(dev["si_spans"]))
    else:
        a, b = next(iter(P.KFold(4, shuffle=True, random_state=0).split(docs)))
        figures = P.ptc_figures([docs[i] for i in a], [gold[i] for i in a], [docs[i] for i in b],
                                [gold[i] for i in b], [si[i] for i in b], prefix="ptc_train_cv")
    for key, value in figures.items():
        out[key] = round(float(value), 4) if isinstance(value, float) else value
    log(", ".join(f"{k} = {out[k]}" for k in figures if k.endswith(("si_f1", "tc_micro_f1"))))


# -- MultiDimNews ---------------------------------------------------------------------------
def multidimnews(out: dict, split: str) -> None:
    if split != "test":
        return
    md = load_multidimnews()
    docs = [_analysed(t) for t in md["text"]]
    ev = np.asarray([evidence_score(d) for d in docs])
    b, y, bdocs, _ = babe_frame()
    model = BiasClassifier(**BIAS_PARAMS).fit(bdocs, y)
    proba = model.predict_proba(docs)[:, 1]
    sent = np.arange(len(md))
    for dim in ("bias", "subjectivity"):
        g = md[dim].to_numpy().astype(int)
        for name, score, thr in (("evidence", ev, DEFAULT_THRESHOLD), ("classifier", proba, 0.5)):
            pred = (score >= thr).astype(int)
            put(out, f"multidimnews_{dim}_{name}_auc", roc_auc_score(g, score))
            put(out, f"multidimnews_{dim}_{name}_macro_f1", macro_f1(g, pred), boot_ci(macro_f1, sent, g, pred))
    out["multidimnews_sentences"] = len(md)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    C.add_arguments(ap, "test reads BASIL events 80-99, BABE/MBIC test (and all of MBIC), MultiDimNews")
    ap.add_argument("--only", nargs="*", choices=["basil", "babe", "mbic", "multidimnews", "ptc"],
                    help="run only these parts")
    ap.add_argument("--bias-params", default="{}",
                    help='BiasClassifier parameters as JSON, e.g. \'{"lexical": "all", "C": 1.0}\'')
    ap.add_argument("--basil-cv", action="store_true",
                    help="only the BASIL train-event cross-validation of word models and context")
    args = ap.parse_args(argv)
    BIAS_PARAMS.update(json.loads(args.bias_params))
    out: dict = {}
    if args.basil_cv:
        basil_cv(out)
        print(json.dumps(out, indent=1))
        return 0
    for name, part in (("mbic", mbic), ("basil", basil), ("babe", babe), ("multidimnews", multidimnews),
                       ("ptc", ptc)):
        if args.only and name not in args.only:
            continue
        log(f"-- {name}")
        part(out, args.split)
    print(json.dumps(out, indent=1))
    C.finish(args, "evaluation/bias.py", out, argv if argv is not None else sys.argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
