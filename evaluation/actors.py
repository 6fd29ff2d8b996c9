"""Evaluate the actor layer; prints markdown tables.

1. Sentiment toward a target on NewsMTSC test splits (rw, mt): the shipped
   ActorSentimentClassifier, the no-training default, and two baselines computed here
   (VADER on the whole sentence; TF-IDF + logistic regression with the target masked).
2. The bundled sample's actor gold: mention span P/R/F1 (overlap matching, guidelines'
   Scoring), canonical-actor accuracy on matched mentions, with and without the sample's
   actor table; and sentence-level actor sentiment macro-F1 on the gold (sentence, actor)
   pairs the pipeline also produced.

Usage::

    FRAMING_DATA=../shared/data python evaluation/actors.py
    FRAMING_DATA=../shared/data python evaluation/actors.py --sample-only   # no test split read
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from framing.extract.actors import find_mentions, label_of, sentence_sentiment, target_context
from framing.datasets import load_newsmtsc, load_sample, load_sample_actors, load_sample_gold
from framing.models import ActorSentimentClassifier
from framing.models._actor_sentiment import _tokens_and_target
from framing.pipeline import annotate
from framing.scoring import match_spans


def _masked(df):
    return [s[:a] + " TARGETX " + s[b:] for s, a, b in zip(df.sentence, df.start, df.end)]


def newsmtsc_table() -> str:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    train = load_newsmtsc("train")
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(
        tfidf.fit_transform(_masked(train)), train.label
    )
    model = ActorSentimentClassifier.pretrained()
    vader = SentimentIntensityAnalyzer()
    lines = ["| method | rw test macro-F1 | mt test macro-F1 |", "|---|---|---|"]
    results: dict[str, list[float]] = {}
    for split in ("rw-test", "mt-test"):
        d = load_newsmtsc(split)
        preds = {
            "ActorSentimentClassifier (shipped, trained on train + dev)": model.predict(d),
            "default, no training (target-aware lexicon)": [
                label_of(target_context(*_tokens_and_target(s, a, b)).score)
                for s, a, b in zip(d.sentence, d.start, d.end)
            ],
            "baseline: TF-IDF + logistic regression, target masked": lr.predict(
                tfidf.transform(_masked(d))
            ),
            "baseline: VADER compound on the whole sentence (±0.05)": [
                label_of(vader.polarity_scores(s)["compound"], 0.05) for s in d.sentence
            ],
        }
        for name, p in preds.items():
            results.setdefault(name, []).append(f1_score(d.label, p, average="macro"))
    for name, (rw, mt) in results.items():
        lines.append(f"| {name} | {rw:.3f} | {mt:.3f} |")
    lines.append("| GRU-TSC, RoBERTa (Hamborg & Donnay 2021, published) | 0.831 | n/a here |")
    return "\n".join(lines)


def sample_table() -> str:
    gold = {g["id"]: g for g in load_sample_gold()}
    lines = [
        "| sample (16 articles) | precision | recall | F1 | actor accuracy |",
        "|---|---|---|---|---|",
    ]
    for use_table in (True, False):
        tp = n_pred = n_gold = correct = 0
        for doc in load_sample():
            pred = find_mentions(doc, load_sample_actors(doc.story) if use_table else None)
            g = gold[doc.id]["mentions"]
            pairs = match_spans([m.span for m in pred], [tuple(m["span"]) for m in g])
            tp += len(pairs)
            n_pred += len(pred)
            n_gold += len(g)
            correct += sum(pred[i].actor == g[j]["actor"] for i, j in pairs)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        name = "mentions, with the sample's actor table" if use_table else "mentions, automatic (no table)"
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {correct / max(tp, 1):.3f} |")
    # sentiment toward actors per sentence, on gold (sentence, actor) pairs
    model = ActorSentimentClassifier.pretrained()
    rows = {"default": ([], []), "model": ([], [])}
    covered = total = 0
    for doc in load_sample():
        annotate(doc, actors=load_sample_actors(doc.story))
        for name, mdl in (("default", None), ("model", model)):
            pred = {(tuple(a.sentence), a.actor): a.label for a in sentence_sentiment(doc, model=mdl)}
            for a in gold[doc.id]["actor_sentiment"]:
                key = (tuple(a["sentence"]), a["actor"])
                if name == "default":
                    total += 1
                    covered += key in pred
                if key in pred:
                    rows[name][0].append(a["label"])
                    rows[name][1].append(pred[key])
    lines.append("")
    lines.append(f"Actor sentiment on the sample's gold (sentence, actor) pairs: {covered} of {total} "
                 "pairs produced by the pipeline.")
    lines.append("")
    lines.append("| sample actor sentiment | macro-F1 on produced pairs |")
    lines.append("|---|---|")
    for name, (g, p) in rows.items():
        lines.append(f"| {name} | {f1_score(g, p, average='macro'):.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample-only", action="store_true",
                    help="only the bundled sample's tables: do not read the NewsMTSC test splits")
    if not ap.parse_args().sample_only:
        print("## NewsMTSC test splits\n")
        print(newsmtsc_table())
    print("\n## Bundled sample\n")
    print(sample_table())
