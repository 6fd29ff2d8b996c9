"""Train the hedge-candidate classifier on the Szeged wiki part, write it as JSON.

Every hedge lexicon match that its disambiguation rule accepts is a candidate
(``framing.extract.hedging.lexicon_matches(..., model=None)``); a logistic regression (scikit-learn) over
its context features (``framing.extract.hedging.candidate_features``: cue, crude lemma, tag,
neighbouring words and tags, sentence position, inside a quotation, negation before it,
the rule and subtype) accepts or rejects it. A candidate is positive when it overlaps a
Szeged epistemic or doxastic cue (the guidelines' hedges; condition and investigation cues
are not). The modals (may, might, could, would) and the multiword phrases are left to their
rules (``framing.extract.hedging.is_classified``): the guidelines call their epistemic readings hedges,
while Szeged types hypothetical "would" as a condition cue and leaves most Wikipedia "could"
unmarked; they are neither trained on nor filtered.

Only the wiki part (WikiWeasel) is read. Its documents are split 80/20 into train and dev
with a fixed seed; the regularisation strength and the decision threshold are chosen on
dev (hedge cue F1, overlap matching as in evaluation/hedging.py), then the model is refit
on the whole wiki part with those settings. The news part (factbank) is never read here.

Output: ``framing/data/models/hedging.json`` (feature -> weight, bias, threshold; never
pickle). Usage::

    FRAMING_DATA=/work/shared/data python scripts/train_hedging.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import framing.extract.hedging as H  # noqa: E402
from framing.datasets import load_szeged_uncertainty  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.scoring import PRF, span_prf  # noqa: E402

OUT = ROOT / "framing" / "data" / "models" / "hedging.json"
SEED = 20261127
DEV_SHARE = 0.2
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(t, 2) + 0.0 for t in np.arange(-2.0, 1.01, 0.2))
MIN_WEIGHT = 0.01


def candidates(text: str):
    """(fixed spans, [(span, features, named)]) of one Szeged sentence: fixed spans are the
    hedges the rules alone decide (modals, fixed phrases), the rest are classifier
    candidates; ``named`` marks the words the guidelines name (their own threshold)."""
    doc = Document(text)
    fixed, cands = [], []
    for sentence in doc.sentences:
        words, tags, raw = H.sentence_words(sentence)
        toks = sentence.tokens
        # the verb of an impersonal report ("it is believed") is vague attribution only, as
        # in framing.extract.hedging._sentence_cues: neither a fixed hedge nor a candidate
        impersonal = [(sp.start, sp.end) for sp, _, sub in H.vague_cues(sentence, words, tags, raw)
                      if sub == "impersonal"]
        for i, j, entry in H.lexicon_matches(words, tags, raw, model=None):
            if entry.category != "hedge":
                continue
            span = (toks[i].start, toks[j - 1].end)
            if any(s <= span[0] and span[1] <= e for s, e in impersonal):
                continue
            if not H.is_classified(entry):
                fixed.append(span)
            else:
                cands.append((span, H.candidate_features(words, tags, raw, i, j, entry),
                              entry.words[0] in H.GUIDELINE_NAMED))
    return fixed, cands


def overlaps(span, gold) -> bool:
    return any(span[0] < e and s < span[1] for s, e in gold)


def build(df):
    rows = []
    for text, gold in zip(df["text"], df["hedge_cues"]):
        fixed, cands = candidates(text)
        rows.append((fixed, cands, list(gold)))
    return rows


def xy(rows):
    feats, ys = [], []
    for _, cands, gold in rows:
        for span, f, _ in cands:
            feats.append(dict.fromkeys(f, 1))
            ys.append(int(overlaps(span, gold)))
    return feats, np.array(ys)


def cue_f1(rows, scores, threshold, threshold_named, constant: PRF) -> PRF:
    """Cue P/R/F1 over ``rows`` (those with candidates) plus ``constant`` (the rest)."""
    total, k = PRF() + constant, 0
    for fixed, cands, gold in rows:
        pred = list(fixed)
        for span, _, named in cands:
            if scores[k] >= (threshold_named if named else threshold):
                pred.append(span)
            k += 1
        total += span_prf(sorted(pred), gold)
    return total


def main() -> None:
    df = load_szeged_uncertainty("wiki")
    docs = sorted(set(df["doc_id"]))
    random.Random(SEED).shuffle(docs)
    dev_docs = set(docs[: int(len(docs) * DEV_SHARE)])
    is_dev = df["doc_id"].isin(dev_docs)
    train_rows, dev_rows = build(df[~is_dev]), build(df[is_dev])
    Xtr, ytr = xy(train_rows)
    Xdv, _ = xy(dev_rows)
    vec = DictVectorizer()
    A, B = vec.fit_transform(Xtr), vec.transform(Xdv)
    constant = PRF()
    for fixed, cands, gold in dev_rows:
        if not cands:
            constant += span_prf(sorted(fixed), gold)
    dev_c = [r for r in dev_rows if r[1]]
    rules_only = cue_f1(dev_c, [1.0] * B.shape[0], 0.0, 0.0, constant)
    print(f"documents: {len(docs) - len(dev_docs)} train, {len(dev_docs)} dev; candidates: "
          f"{A.shape[0]} train ({ytr.mean():.2f} positive), {B.shape[0]} dev", file=sys.stderr)
    print(f"dev, rules alone: P {rules_only.precision:.3f} R {rules_only.recall:.3f} "
          f"F1 {rules_only.f1:.3f}", file=sys.stderr)
    best = None
    for c in C_GRID:
        clf = LogisticRegression(C=c, max_iter=2000).fit(A, ytr)
        scores = clf.decision_function(B)
        for t in THRESHOLDS:
            for tn in THRESHOLDS:
                if tn > t:
                    continue  # the guidelines' own words are never held to a higher bar
                s = cue_f1(dev_c, scores, t, tn, constant)
                if best is None or s.f1 > best[0].f1:
                    best = (s, c, t, tn)
    s, c, t, tn = best
    print(f"dev, best: C={c} threshold={t} named={tn}: P {s.precision:.3f} R {s.recall:.3f} "
          f"F1 {s.f1:.3f}", file=sys.stderr)
    # refit on the whole wiki part with the chosen settings
    all_rows = train_rows + dev_rows
    Xall, yall = xy(all_rows)
    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=2000).fit(vec.fit_transform(Xall), yall)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    model = {
        "format": "logistic regression over hedge candidates: score = bias + sum of the weights "
                  "of the candidate's features (framing.extract.hedging.candidate_features); accept "
                  "when score >= threshold (threshold_guideline_named for the words the "
                  "guidelines name, framing.extract.hedging.GUIDELINE_NAMED)",
        "trained_on": "Szeged Uncertainty Corpus, wiki part (all documents), "
                      f"{len(yall)} candidates; gold = epistemic and doxastic cues",
        "tuned_on": f"wiki dev split: {len(dev_docs)} of {len(docs)} documents, seed {SEED}",
        "C": c,
        "dev": {"rules_only": {"precision": round(rules_only.precision, 4),
                               "recall": round(rules_only.recall, 4), "f1": round(rules_only.f1, 4)},
                "model": {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                          "f1": round(s.f1, 4)}},
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": t,
        "threshold_guideline_named": tn,
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(weights)} weights)", file=sys.stderr)


if __name__ == "__main__":
    main()
