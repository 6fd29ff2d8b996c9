"""Evaluate persuasion-technique detection on PTC (SemEval-2020 Task 11) and SemEval-2023
Task 3 (English, paragraph level); print markdown tables, optionally write a flat JSON.

1. PTC dev (75 articles; the dev gold with the version-2 trimming, see ``datasets/ptc.md``):
   span identification (SI) with the task's partial-overlap scorer
   (:func:`framing.models.si_scores`) and technique classification (TC) micro-F1 on the gold
   spans (:func:`framing.models.tc_micro_f1`), for

   - the no-training default (:func:`framing.persuasion.persuasion_rules`; TC by
     :func:`framing.persuasion.rule_technique`), suffix ``_default``;
   - :class:`framing.models.PersuasionSpanTagger` fitted here, at run time, on PTC train only
     (371 articles) with its default hyperparameters, chosen by ``--tune`` (cross-validation
     inside train, grouped by article). Nothing fitted is written anywhere (PTC has no
     licence).

   The test gold of the task was never released, so PTC dev is the held-out set here: it is
   never used to tune. Its figures are not comparable with the task's test-set results.
2. SemEval-2023 Task 3 subtask 3, English: paragraph-level multi-label micro-F1 on its dev
   split (90 articles) of a one-vs-rest logistic regression over TF-IDF word 1-2 grams
   trained on its train split (446 articles), the decision threshold chosen by
   cross-validation inside train; and of the rules (techniques mapped to the 2023 taxonomy).
   The 2023 train articles are PTC train + dev and its dev articles are PTC test, so the two
   corpora are never crossed: PTC figures train on PTC train and test on PTC dev; 2023 figures
   train on 2023 train and test on 2023 dev.

Intervals: 95% percentile bootstrap over articles (1,000 resamples, seed 0).

Usage::

    FRAMING_DATA=/work/shared/data python evaluation/persuasion.py --split test --json out.json
    FRAMING_DATA=/work/shared/data python evaluation/persuasion.py --tune

``--split test`` reports the held-out sets named above (PTC dev, 2023 dev) and records the
reading in ``evaluation/ledger.jsonl``; ``--split dev`` (the default) reports the PTC metrics
on one held-out quarter of PTC train (a model fitted on the other three quarters).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold, KFold

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "evaluation"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import _common as C  # noqa: E402  (evaluation/_common.py)

from framing import Document  # noqa: E402
from framing.datasets import load_ptc, load_semeval2023_persuasion  # noqa: E402
from framing.models import PersuasionSpanTagger, si_counts  # noqa: E402
from framing.persuasion import persuasion_rules, rule_technique, technique_key  # noqa: E402
from framing.pipeline import annotate_evidence  # noqa: E402

N_BOOT = C.N_BOOT
TO_2023 = {
    "loaded_language": "Loaded_Language",
    "name_calling_labeling": "Name_Calling-Labeling",
    "doubt": "Doubt",
    "appeal_to_fear_prejudice": "Appeal_to_Fear-Prejudice",
    "flag_waving": "Flag_Waving",
    "slogans": "Slogans",
    "repetition": "Repetition",
    "exaggeration_minimisation": "Exaggeration-Minimisation",
    "appeal_to_authority": "Appeal_to_Authority",
    "black_and_white_fallacy": "False_Dilemma-No_Choice",
    "causal_oversimplification": "Causal_Oversimplification",
    "thought_terminating_cliches": "Conversation_Killer",
    "whataboutism_straw_men_red_herring": "Whataboutism",
    "bandwagon_reductio_ad_hitlerum": "Appeal_to_Popularity",
}
"""The rules' techniques in the SemEval-2023 taxonomy (the nearest class where it split one)."""


def _docs(texts) -> list[Document]:
    return [annotate_evidence(Document(t)) for t in texts]


# -- per-article sums, so that the bootstrap resamples articles cheaply ----------------------
def si_parts(pred, gold) -> np.ndarray:
    """Per article: Σ overlap/|s|, Σ overlap/|t|, |S|, |T| (the SI scorer's sums)."""
    return np.asarray([si_counts(p, g) for p, g in zip(pred, gold)], dtype=float).reshape(-1, 4)


def si_from_parts(parts: np.ndarray) -> tuple[float, float, float]:
    num_p, num_r, n_p, n_g = parts.sum(axis=0)
    p = num_p / n_p if n_p else 0.0
    r = num_r / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p > 0 and r > 0 else 0.0)


def tc_parts(pred, gold) -> np.ndarray:
    out = []
    for p, g in zip(pred, gold):
        cp = Counter((int(s[0]), int(s[1]), s[2]) for s in p)
        cg = Counter((int(s[0]), int(s[1]), s[2]) for s in g)
        out.append((sum((cp & cg).values()), sum(cp.values()), sum(cg.values())))
    return np.asarray(out, dtype=float).reshape(-1, 3)


def f1_from_counts(parts: np.ndarray) -> float:
    m, n_p, n_g = parts.sum(axis=0)
    return 2 * m / (n_p + n_g) if n_p + n_g else 0.0


def bootstrap(parts: np.ndarray, stat, n_boot: int = N_BOOT, seed: int = C.SEED) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    n = len(parts)
    vals = [stat(parts[rng.integers(0, n, n)]) for _ in range(n_boot)]
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


def _si_f1(parts):
    return si_from_parts(parts)[2]


# -- PTC ---------------------------------------------------------------------------------------
def tc_predictions(model: PersuasionSpanTagger, docs, gold) -> list[list[tuple]]:
    """One prediction per gold instance: a fragment listed k times (k techniques) gets the
    model's k most probable techniques."""
    out = []
    for doc, g in zip(docs, gold):
        keys = Counter((a, b) for a, b, _ in g)
        spans = sorted(keys)
        if not spans:
            out.append([])
            continue
        proba = model.predict_proba([(doc, a, b) for a, b in spans])
        preds = []
        for (a, b), p in zip(spans, proba):
            for j in np.argsort(-p)[:keys[(a, b)]]:
                preds.append((a, b, str(model.classes_[j])))
        out.append(preds)
    return out


def rule_tc_predictions(docs, gold, records) -> list[list[tuple]]:
    out = []
    for doc, g, recs in zip(docs, gold, records):
        out.append([(a, b, rule_technique(recs, doc.text, a, b)) for a, b, _ in g])
    return out


def _snake(gold) -> list[list[tuple]]:
    return [[(a, b, technique_key(t)) for a, b, t in g] for g in gold]


def ptc_figures(train_docs, train_gold, test_docs, test_gold, test_si, *, model_params=None,
                prefix="ptc_dev") -> dict:
    out: dict = {}
    # the default
    t0 = time.time()
    records = [persuasion_rules(d) for d in test_docs]
    parts = si_parts([[(r.span.start, r.span.end) for r in recs] for recs in records], test_si)
    p, r, f = si_from_parts(parts)
    lo, hi = bootstrap(parts, _si_f1)
    out.update({f"{prefix}_si_precision_default": p, f"{prefix}_si_recall_default": r,
                f"{prefix}_si_f1_default": f, f"{prefix}_si_f1_default_ci_low": lo,
                f"{prefix}_si_f1_default_ci_high": hi})
    tparts = tc_parts(rule_tc_predictions(test_docs, test_gold, records), _snake(test_gold))
    lo, hi = bootstrap(tparts, f1_from_counts)
    out.update({f"{prefix}_tc_micro_f1_default": f1_from_counts(tparts),
                f"{prefix}_tc_micro_f1_default_ci_low": lo, f"{prefix}_tc_micro_f1_default_ci_high": hi})
    out[f"{prefix}_seconds_default"] = time.time() - t0
    # the trained model
    t0 = time.time()
    model = PersuasionSpanTagger(**(model_params or {})).fit(train_docs, train_gold)
    out[f"{prefix}_seconds_fit"] = time.time() - t0
    pred = model.predict_spans(test_docs)
    parts = si_parts(pred, test_si)
    p, r, f = si_from_parts(parts)
    lo, hi = bootstrap(parts, _si_f1)
    out.update({f"{prefix}_si_precision": p, f"{prefix}_si_recall": r, f"{prefix}_si_f1": f,
                f"{prefix}_si_f1_ci_low": lo, f"{prefix}_si_f1_ci_high": hi})
    tparts = tc_parts(tc_predictions(model, test_docs, test_gold), test_gold)
    lo, hi = bootstrap(tparts, f1_from_counts)
    out.update({f"{prefix}_tc_micro_f1": f1_from_counts(tparts), f"{prefix}_tc_micro_f1_ci_low": lo,
                f"{prefix}_tc_micro_f1_ci_high": hi})
    # per technique TC recall on the gold spans
    tc = tc_predictions(model, test_docs, test_gold)
    per: dict[str, list[int]] = {}
    for pr, g in zip(tc, test_gold):
        cp = Counter(pr)
        for item in g:
            per.setdefault(item[2], [0, 0])
            per[item[2]][1] += 1
            if cp[item] > 0:
                cp[item] -= 1
                per[item[2]][0] += 1
    for k, v in sorted(per.items()):
        out[f"{prefix}_tc_recall_{technique_key(k)}"] = v[0] / v[1]
    out[f"{prefix}_articles"] = len(test_docs)
    out[f"{prefix}_gold_spans"] = int(sum(len(g) for g in test_gold))
    return out


# -- SemEval-2023 paragraphs -------------------------------------------------------------------
def semeval2023_figures(prefix="semeval2023_dev") -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    tr, dv = load_semeval2023_persuasion("train"), load_semeval2023_persuasion("dev")
    mlb = MultiLabelBinarizer(classes=tr.attrs["techniques"])
    Ytr, Ydv = mlb.fit_transform(tr["techniques"]), mlb.transform(dv["techniques"])

    def fit(texts, Y):
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = vec.fit_transform(texts)
        cols = Y.sum(axis=0) > 0
        clf = OneVsRestClassifier(LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))
        clf.fit(X, Y[:, cols])
        return vec, clf, cols

    def proba(model, texts, n):
        vec, clf, cols = model
        P = np.zeros((len(texts), n))
        P[:, cols] = clf.predict_proba(vec.transform(texts))
        return P

    # threshold by 4-fold CV inside train, grouped by article
    oof = np.zeros(Ytr.shape)
    for a, b in GroupKFold(4).split(tr, groups=tr["id"]):
        oof[b] = proba(fit(tr["text"].iloc[a], Ytr[a]), tr["text"].iloc[b], Ytr.shape[1])
    grid = np.round(np.arange(0.3, 0.91, 0.05), 2)
    best = max(grid, key=lambda t: _micro(oof >= t, Ytr))
    P = proba(fit(tr["text"], Ytr), dv["text"], Ytr.shape[1])
    pred = P >= best
    out = {f"{prefix}_micro_f1": _micro(pred, Ydv), f"{prefix}_threshold_cv": float(best),
           f"{prefix}_cv_micro_f1": _micro(oof >= best, Ytr)}
    lo, hi = _boot_micro(pred, Ydv, dv["id"].to_numpy())
    out.update({f"{prefix}_micro_f1_ci_low": lo, f"{prefix}_micro_f1_ci_high": hi})
    # the rules, paragraph by paragraph, mapped to the 2023 taxonomy
    index = {t: k for k, t in enumerate(mlb.classes_)}
    R = np.zeros(Ydv.shape, dtype=bool)
    for i, text in enumerate(dv["text"]):
        if text.strip():
            for rec in persuasion_rules(annotate_evidence(Document(text))):
                R[i, index[TO_2023[rec.technique]]] = True
    out[f"{prefix}_micro_f1_default"] = _micro(R, Ydv)
    lo, hi = _boot_micro(R, Ydv, dv["id"].to_numpy())
    out.update({f"{prefix}_micro_f1_default_ci_low": lo, f"{prefix}_micro_f1_default_ci_high": hi})
    out[f"{prefix}_paragraphs"] = len(dv)
    out[f"{prefix}_articles"] = int(dv["id"].nunique())
    return out


def _micro(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = float((pred & (gold > 0)).sum())
    n = float(pred.sum() + (gold > 0).sum())
    return 2 * tp / n if n else 0.0


def _boot_micro(pred, gold, ids, n_boot=N_BOOT, seed=C.SEED):
    arts = np.unique(ids)
    rows = {a: np.flatnonzero(ids == a) for a in arts}
    tp = np.asarray([(pred[rows[a]] & (gold[rows[a]] > 0)).sum() for a in arts], dtype=float)
    n = np.asarray([pred[rows[a]].sum() + (gold[rows[a]] > 0).sum() for a in arts], dtype=float)
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(n_boot):
        k = rng.integers(0, len(arts), len(arts))
        vals.append(2 * tp[k].sum() / n[k].sum() if n[k].sum() else 0.0)
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


# -- tuning: cross-validation inside PTC train ---------------------------------------------------
def tune(train_docs, train_gold, train_si, folds: int = 4, use: int = 4) -> None:
    """Grid over C (token model) and C_technique, and over the two thresholds of the span
    decoder (read off the same fits), scored on the first ``use`` of ``folds`` article folds
    of PTC train (each fold predicted by a model fitted on the other folds)."""
    thresholds = ((0.3, 0.3), (0.25, 0.25), (0.3, 0.15), (0.35, 0.15), (0.3, 0.12), (0.25, 0.15))
    print("| C | C_technique | threshold, low_threshold | SI F1 (CV) | TC micro-F1 (CV) |\n|---|---|---|---|---|")
    for C in (0.3, 1.0):
        for C_t in (1.0, 3.0):
            si = {t: [] for t in thresholds}
            tc = []
            for k, (a, b) in enumerate(KFold(folds, shuffle=True, random_state=0).split(train_docs)):
                if k >= use:
                    break
                m = PersuasionSpanTagger(C=C, C_technique=C_t).fit([train_docs[i] for i in a],
                                                                  [train_gold[i] for i in a])
                for thr in thresholds:
                    m.set_params(threshold=thr[0], low_threshold=thr[1])
                    pred = m.predict_spans([train_docs[i] for i in b])
                    si[thr].append(si_parts(pred, [train_si[i] for i in b]))
                tc.append(tc_parts(tc_predictions(m, [train_docs[i] for i in b], [train_gold[i] for i in b]),
                                   [train_gold[i] for i in b]))
            tcf = f1_from_counts(np.vstack(tc))
            for thr in thresholds:
                print(f"| {C} | {C_t} | {thr} | {si_from_parts(np.vstack(si[thr]))[2]:.3f} | {tcf:.3f} |", flush=True)


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    C.add_arguments(ap, help_split="test = the held-out sets here: PTC dev and SemEval-2023 dev "
                    "(no test gold is public); dev = one held-out quarter of PTC train")
    ap.add_argument("--tune", action="store_true", help="the hyperparameter grid (CV inside PTC train)")
    ap.add_argument("--tune-folds", type=int, default=4,
                    help="with --tune: score this many of the 4 folds (default: all)")
    ap.add_argument("--skip-semeval2023", action="store_true")
    args = ap.parse_args(argv)
    train = load_ptc("train")
    train_docs = _docs(train["text"])
    train_gold, train_si = list(train["spans"]), list(train["si_spans"])
    if args.tune:
        tune(train_docs, train_gold, train_si, use=args.tune_folds)
        return {}
    out: dict = {}
    if args.split == "test":
        dev = load_ptc("dev")
        dev_docs = _docs(dev["text"])
        out.update(ptc_figures(train_docs, train_gold, dev_docs, list(dev["spans"]), list(dev["si_spans"])))
        if not args.skip_semeval2023:
            out.update(semeval2023_figures())
    else:  # one held-out quarter of PTC train (the others train): for development
        a, b = next(iter(KFold(4, shuffle=True, random_state=0).split(train_docs)))
        out.update(ptc_figures([train_docs[i] for i in a], [train_gold[i] for i in a],
                               [train_docs[i] for i in b], [train_gold[i] for i in b],
                               [train_si[i] for i in b], prefix="ptc_train_cv"))
    print(f"{time.strftime('%Y-%m-%d')}, split {args.split}\n\n| figure | value |\n|---|---|")
    for k, v in out.items():
        print(f"| {k} | {round(v, 3) if isinstance(v, float) else v} |")
    C.finish(args, "evaluation/persuasion.py", out, argv if argv is not None else sys.argv[1:])
    return out


if __name__ == "__main__":
    main()
