"""Evaluate entity roles (protagonist / antagonist / innocent); prints markdown tables.

1. SemEval-2025 Task 10 subtask 1, English. Hyperparameters of EntityRoleClassifier are
   chosen by 5-fold cross-validation on train grouped by document (macro-F1); the
   out-of-fold figures of the model, the no-training default (RoleRules) and two baselines
   (always "antagonist"; TF-IDF 1-2 grams over 300 characters either side of the mention +
   logistic regression) are printed. With ``--split test`` the chosen model is fitted on all
   of train and scored on the dev gold, which is the test set of Mahmoud et al. (2025) and
   our test split: main-role macro-F1 (first), accuracy, fine-role exact match ratio, each
   with a 95% bootstrap interval over documents.
2. Narrative Frames Corpus (Frermann et al. 2023): hero / villain / victim macro-F1 of the
   model trained on SemEval train and applied cross-corpus, of the same configuration
   trained within the corpus by the authors' 5 folds (each article predicted by the fold
   that holds it out), of the default, and of the baselines. Entities whose string is not
   in the text (the corpus gives no offsets) are left out and counted.

Usage::

    FRAMING_DATA=../shared/data python evaluation/roles.py                  # train CV only
    FRAMING_DATA=../shared/data python evaluation/roles.py --split test --json roles.json

``--split dev`` (the default) reads SemEval train only (cross-validation is its dev);
``--split test`` also scores the dev gold, SemEval's release that is our test split, and
records the reading in ``evaluation/ledger.jsonl``. ``--json PATH`` writes a flat object of
the figures (``semeval2025_dev_main_macro_f1``, ``semeval2025_dev_main_accuracy``,
``semeval2025_dev_fine_emr``, ``narrative_framing_macro_f1`` and the same with ``_default``
for the no-training default; ``_ci_low`` / ``_ci_high`` are the 95% interval).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):  # one core (shared machines)
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import N_BOOT, SEED, add_arguments, finish  # noqa: E402  (evaluation/_common.py)

from framing.datasets import load_narrative_framing, load_semeval2025_roles
from framing.models import EntityRoleClassifier
from framing.extract.roles import ROLES, RoleRules

# numeric="all" with numeric_scale=1.0 is the model as it was before session 4 (dev 0.460)
GRID = [dict(C=c, numeric="all", numeric_scale=1.0, fine_threshold=1.0) for c in (0.1, 0.3)] + [
    dict(C=c, numeric="rules", numeric_scale=s, fine_threshold=1.0) for c in (0.1, 0.3) for s in (0.3, 0.5, 1.0)]
TFIDF_WINDOW = 300


def macro_f1(y, p, labels=ROLES) -> float:
    y, p = np.asarray(y), np.asarray(p)
    out = []
    for c in labels:
        tp = np.sum((y == c) & (p == c))
        fp = np.sum((y != c) & (p == c))
        fn = np.sum((y == c) & (p != c))
        out.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(out))


def accuracy(y, p) -> float:
    return float(np.mean(np.asarray(y) == np.asarray(p)))


def emr(gold, pred) -> float:
    return float(np.mean([set(a) == set(b) for a, b in zip(gold, pred)]))


def bootstrap(metric, groups, *cols, n=N_BOOT, seed=SEED) -> tuple[float, float]:
    """95% percentile interval of ``metric(*cols)`` resampling documents (``groups``)."""
    rng = np.random.default_rng(seed)
    groups = np.asarray(groups)
    ids = np.unique(groups)
    rows_of = {g: np.flatnonzero(groups == g) for g in ids}
    vals = []
    for _ in range(n):
        pick = rng.choice(ids, size=len(ids), replace=True)
        idx = np.concatenate([rows_of[g] for g in pick])
        vals.append(metric(*[[c[i] for i in idx] for c in cols]))
    lo, hi = np.percentile(vals, [2.5, 97.5])
    return float(lo), float(hi)


def windows(texts, starts, ends, width=TFIDF_WINDOW) -> list[str]:
    return [t[max(0, a - width):a] + " TARGETX " + t[b:b + width] for t, a, b in zip(texts, starts, ends)]


def tfidf_baseline(train_texts, y, test_texts, class_weight=None):
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    lr = LogisticRegression(C=1.0, max_iter=3000, solver="newton-cg", class_weight=class_weight)
    lr.fit(vec.fit_transform(train_texts), y)
    return lr.predict(vec.transform(test_texts))


def semeval(out: dict) -> tuple[dict, EntityRoleClassifier, tuple]:
    train = load_semeval2025_roles("train")
    out["semeval2025_train_offsets_repaired"] = train.attrs["offsets_repaired"]
    X = list(zip(train.text, train.start, train.end))
    y = train.main_role.to_numpy()
    fine = list(train.fine_roles)
    groups = train.doc_id.to_numpy()
    t0 = time.time()
    raw = EntityRoleClassifier().features(X)
    print(f"features of {len(X)} train rows: {time.time() - t0:.0f} s", flush=True)
    folds = list(GroupKFold(5).split(X, y, groups))
    cv = []
    for params in GRID:
        pred = np.empty(len(y), dtype=object)
        fpred: list = [None] * len(y)
        per_fold = []
        for tr, te in folds:
            clf = EntityRoleClassifier(**params).fit_features([raw[i] for i in tr], y[tr], [fine[i] for i in tr])
            p, f = clf.predict_features([raw[i] for i in te])
            pred[te] = p
            per_fold.append(macro_f1(y[te], p))
            for i, fi in zip(te, f):
                fpred[i] = fi
        cv.append((macro_f1(y, pred), accuracy(y, pred), emr(fine, fpred), params, pred, per_fold))
        print(f"  CV {params}: macro-F1 {cv[-1][0]:.3f} (folds {np.mean(per_fold):.3f} ± {np.std(per_fold):.3f}, "
              f"{min(per_fold):.3f}-{max(per_fold):.3f}) accuracy {cv[-1][1]:.3f} EMR {cv[-1][2]:.3f}", flush=True)
    best = max(cv, key=lambda r: (round(r[0], 3), r[2]))
    params = best[3]
    rules = RoleRules(with_none=False)
    rule_cv = rules.predict(X)
    tf_cv = np.empty(len(y), dtype=object)
    tfb_cv = np.empty(len(y), dtype=object)
    win = windows(train.text, train.start, train.end)
    for tr, te in folds:
        tf_cv[te] = tfidf_baseline([win[i] for i in tr], y[tr], [win[i] for i in te])
        tfb_cv[te] = tfidf_baseline([win[i] for i in tr], y[tr], [win[i] for i in te], "balanced")
    rows = [
        ("EntityRoleClassifier " + ", ".join(f"{k}={v}" for k, v in params.items()), best[4], best[2]),
        ("default, no training (RoleRules; weights searched on all of train)", rule_cv, None),
        ("baseline: always antagonist", np.array(["antagonist"] * len(y)), None),
        (f"baseline: TF-IDF 1-2 grams ±{TFIDF_WINDOW} chars + LR", tf_cv, None),
        (f"baseline: TF-IDF 1-2 grams ±{TFIDF_WINDOW} chars + LR, balanced class weights", tfb_cv, None),
    ]
    print("\nSemEval-2025 Task 10 EN, train, 5-fold CV grouped by document "
          f"({len(y)} mentions, {len(set(groups))} documents)\n")
    print("| method | main macro-F1 | accuracy | fine EMR |\n|---|---|---|---|")
    for name, p, e in rows:
        print(f"| {name} | {macro_f1(y, p):.3f} | {accuracy(y, p):.3f} | {'' if e is None else f'{e:.3f}'} |")
    out["semeval2025_train_cv_main_macro_f1"] = round(best[0], 4)
    out["semeval2025_train_cv_main_macro_f1_fold_mean"] = round(float(np.mean(best[5])), 4)
    out["semeval2025_train_cv_main_macro_f1_fold_sd"] = round(float(np.std(best[5])), 4)
    out["semeval2025_train_cv_main_accuracy"] = round(best[1], 4)
    out["semeval2025_train_cv_fine_emr"] = round(best[2], 4)
    out["semeval2025_train_main_macro_f1_default"] = round(macro_f1(y, rule_cv), 4)
    out["semeval2025_train_cv_main_macro_f1_tfidf"] = round(macro_f1(y, tf_cv), 4)
    out["chosen_C"] = params["C"]
    out["chosen_fine_threshold"] = params["fine_threshold"]
    out["chosen_numeric_rules_only"] = int(params["numeric"] == "rules")
    out["chosen_numeric_scale"] = params["numeric_scale"]
    model = EntityRoleClassifier(**params).fit_features(raw, y, fine)
    return params, model, (win, y)


def semeval_test(model: EntityRoleClassifier, nf_model: EntityRoleClassifier | None, train_ctx, out: dict) -> None:
    """Score the dev gold (our test split) once: the chosen model, the default, the model
    trained on the Narrative Frames Corpus, the baselines."""
    win, y = train_ctx
    rules = RoleRules(with_none=False)
    dev = load_semeval2025_roles("dev")  # the test split: read once per run, counted in docs/roles.md
    Xd = list(zip(dev.text, dev.start, dev.end))
    yd = dev.main_role.to_numpy()
    gd = dev.doc_id.to_numpy()
    fd = list(dev.fine_roles)
    p_model, f_model = model.predict_features(model.features(Xd))
    p_rules = rules.predict(Xd)
    p_nf = nf_model.predict(Xd) if nf_model is not None else None
    p_major = np.array(["antagonist"] * len(yd))
    p_tfidf = tfidf_baseline(win, y, windows(dev.text, dev.start, dev.end))
    p_tfidf_b = tfidf_baseline(win, y, windows(dev.text, dev.start, dev.end), "balanced")
    print(f"\nSemEval-2025 Task 10 EN dev gold = test split ({len(yd)} mentions, {len(set(gd))} documents); "
          "95% bootstrap intervals over documents\n")
    print("| method | main macro-F1 | accuracy | fine EMR |\n|---|---|---|---|")
    for key, name, p, f in (
        ("", "EntityRoleClassifier (trained on train)", p_model, f_model),
        ("_default", "default, no training (RoleRules)", p_rules, None),
        ("_narrative_framing_model", "EntityRoleClassifier trained on narrative_framing (cross-corpus)", p_nf, None),
        ("_majority", "baseline: always antagonist", p_major, None),
        ("_tfidf", f"baseline: TF-IDF ±{TFIDF_WINDOW} chars + LR", p_tfidf, None),
        ("_tfidf_balanced", f"baseline: TF-IDF ±{TFIDF_WINDOW} chars + LR, balanced", p_tfidf_b, None),
    ):
        if p is None:
            continue
        f1 = macro_f1(yd, p)
        lo, hi = bootstrap(macro_f1, gd, yd, p)
        acc = accuracy(yd, p)
        alo, ahi = bootstrap(accuracy, gd, yd, p)
        out[f"semeval2025_dev_main_macro_f1{key}"] = round(f1, 4)
        out[f"semeval2025_dev_main_macro_f1{key}_ci_low"] = round(lo, 4)
        out[f"semeval2025_dev_main_macro_f1{key}_ci_high"] = round(hi, 4)
        out[f"semeval2025_dev_main_accuracy{key}"] = round(acc, 4)
        out[f"semeval2025_dev_main_accuracy{key}_ci_low"] = round(alo, 4)
        out[f"semeval2025_dev_main_accuracy{key}_ci_high"] = round(ahi, 4)
        e = ""
        if f is not None:
            ev = emr(fd, f)
            elo, ehi = bootstrap(emr, gd, fd, f)
            out[f"semeval2025_dev_fine_emr{key}"] = round(ev, 4)
            out[f"semeval2025_dev_fine_emr{key}_ci_low"] = round(elo, 4)
            out[f"semeval2025_dev_fine_emr{key}_ci_high"] = round(ehi, 4)
            e = f"{ev:.3f} [{elo:.3f}, {ehi:.3f}]"
        print(f"| {name} | {f1:.3f} [{lo:.3f}, {hi:.3f}] | {acc:.3f} [{alo:.3f}, {ahi:.3f}] | {e} |")


def narrative(params: dict, semeval_model: EntityRoleClassifier, out: dict) -> EntityRoleClassifier:
    arts, roles = load_narrative_framing()
    text_of = dict(zip(arts.id, arts.text))
    fold_of = dict(zip(arts.id, arts.test_fold))
    found = roles[roles.start >= 0].reset_index(drop=True)
    out["narrative_framing_entities"] = len(roles)
    out["narrative_framing_entities_located"] = len(found)
    X = [(text_of[i], a, b) for i, a, b in zip(found.id, found.start, found.end)]
    y = found.main_role.to_numpy()
    g = found.id.to_numpy()
    t0 = time.time()
    raw = semeval_model.features(X)
    print(f"\nfeatures of {len(X)} narrative_framing rows: {time.time() - t0:.0f} s", flush=True)
    p_cross, _ = semeval_model.predict_features(raw)
    p_rules = RoleRules(with_none=False).predict(X)
    folds = np.array([fold_of[i] for i in g])
    p_cv = np.empty(len(y), dtype=object)
    p_tf = np.empty(len(y), dtype=object)
    win = windows([x[0] for x in X], found.start, found.end)
    for k in sorted(set(folds)):
        tr, te = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        clf = EntityRoleClassifier(**{**params, "fine": False}).fit_features([raw[i] for i in tr], y[tr])
        p_cv[te] = clf.predict_features([raw[i] for i in te])[0]
        p_tf[te] = tfidf_baseline([win[i] for i in tr], y[tr], [win[i] for i in te])
    print(f"\nNarrative Frames Corpus: hero / villain / victim ({len(y)} of {len(roles)} entities located "
          f"in {len(set(g))} articles); 95% bootstrap intervals over articles\n")
    print("| method | macro-F1 | accuracy |\n|---|---|---|")
    for key, name, p in (
        ("", "EntityRoleClassifier trained on SemEval-2025 train (cross-corpus)", p_cross),
        ("_cv", "EntityRoleClassifier, 5-fold CV within the corpus (authors' folds)", p_cv),
        ("_default", "default, no training (RoleRules)", p_rules),
        ("_majority", "baseline: always villain", np.array(["antagonist"] * len(y))),
        ("_tfidf_cv", f"baseline: TF-IDF ±{TFIDF_WINDOW} chars + LR, same CV", p_tf),
    ):
        f1 = macro_f1(y, p)
        lo, hi = bootstrap(macro_f1, g, y, p)
        acc = accuracy(y, p)
        out[f"narrative_framing_macro_f1{key}"] = round(f1, 4)
        out[f"narrative_framing_macro_f1{key}_ci_low"] = round(lo, 4)
        out[f"narrative_framing_macro_f1{key}_ci_high"] = round(hi, 4)
        out[f"narrative_framing_accuracy{key}"] = round(acc, 4)
        print(f"| {name} | {f1:.3f} [{lo:.3f}, {hi:.3f}] | {acc:.3f} |")
    return EntityRoleClassifier(**{**params, "fine": False}).fit_features(raw, y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_arguments(ap, "dev = cross-validation on SemEval train; test also scores the SemEval "
                      "dev gold release (our test split)")
    ap.add_argument("--skip-narrative", action="store_true", help="leave out the Narrative Frames Corpus")
    args = ap.parse_args()
    out: dict = {"n_boot": N_BOOT, "seed": SEED}
    params, model, ctx = semeval(out)
    nf_model = None if args.skip_narrative else narrative(params, model, out)
    if args.split == "test":
        semeval_test(model, nf_model, ctx, out)
    finish(args, "evaluation/roles.py", out, sys.argv[1:])


if __name__ == "__main__":
    main()
