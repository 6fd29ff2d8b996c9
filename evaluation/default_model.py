"""Which actor sentiment model the default pipeline uses: the shipped trained model vs the
no-training default, on NewsMTSC dev (rw-dev, mt-dev) and on the bundled sample's gold.

Reads no test split. Caveat printed with the table: the shipped model was refitted on
train + rw-dev + mt-dev, so its dev figures are in-sample; the honest dev figure of its
configuration is the train-only fit recorded in the model file's metadata
(``dev_macro_f1_of_train_only_fit``), printed next to it.

Macro-F1 over negative/neutral/positive with a 95% bootstrap interval (1,000 resamples over
articles: NewsMTSC article of each sentence, the sample's documents).

Usage::

    FRAMING_DATA=../shared/data python evaluation/default_model.py [--json PATH]
"""

from __future__ import annotations

import json

import numpy as np
from sklearn.metrics import f1_score

from framing.extract.actors import label_of, sentence_sentiment, target_score
from framing.datasets import load_newsmtsc, load_sample, load_sample_actors, load_sample_gold
from framing.models import ActorSentimentClassifier
from framing.pipeline import Pipeline

N_BOOT = 1000


def _f1_with_interval(gold, pred, groups, seed=0):
    gold, pred, groups = np.asarray(gold), np.asarray(pred), np.asarray(groups)
    point = f1_score(gold, pred, average="macro")
    ids = np.unique(groups)
    rows_of = {g: np.flatnonzero(groups == g) for g in ids}
    rng = np.random.default_rng(seed)
    reps = []
    for _ in range(N_BOOT):
        pick = np.concatenate([rows_of[g] for g in rng.choice(ids, size=len(ids))])
        reps.append(f1_score(gold[pick], pred[pick], average="macro"))
    lo, hi = np.percentile(reps, [2.5, 97.5])
    return float(point), float(lo), float(hi)


def newsmtsc_dev(model) -> dict[str, tuple[float, float, float]]:
    out = {}
    for split in ("rw-dev", "mt-dev"):
        d = load_newsmtsc(split)
        groups = [str(s).rsplit("_", 1)[0] for s in d.sentence_id]
        default = [label_of(target_score(s, a, b))
                   for s, a, b in zip(d.sentence, d.start, d.end)]
        out[f"{split} default"] = _f1_with_interval(d.label, default, groups)
        out[f"{split} shipped (in-sample: trained on dev)"] = _f1_with_interval(
            d.label, model.predict(d), groups)
    return out


def sample(model) -> tuple[dict[str, tuple[float, float, float]], int, int]:
    """Macro-F1 on the gold (sentence, actor) pairs that the pipeline also produced."""
    gold = {g["id"]: g for g in load_sample_gold()}
    base = Pipeline.default().without("actor_sentiment")
    rows: dict[str, tuple[list, list, list]] = {"default": ([], [], []), "shipped": ([], [], [])}
    covered = total = 0
    for doc in load_sample():
        base.run(doc, actors=load_sample_actors(doc.story))
        for name, mdl in (("default", None), ("shipped", model)):
            pred = {(tuple(a.sentence), a.actor): a.label for a in sentence_sentiment(doc, model=mdl)}
            for a in gold[doc.id]["actor_sentiment"]:
                key = (tuple(a["sentence"]), a["actor"])
                if name == "default":
                    total += 1
                    covered += key in pred
                if key in pred:
                    rows[name][0].append(a["label"])
                    rows[name][1].append(pred[key])
                    rows[name][2].append(doc.id)
    return {k: _f1_with_interval(*v) for k, v in rows.items()}, covered, total


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write the figures as a flat JSON object to this path")
    args = ap.parse_args()
    model = ActorSentimentClassifier.pretrained()
    figures: dict[str, float] = {}
    print("| NewsMTSC dev | macro-F1 | 95% interval |\n|---|---|---|")
    for name, (f, lo, hi) in newsmtsc_dev(model).items():
        print(f"| {name} | {f:.3f} | [{lo:.3f}, {hi:.3f}] |")
        figures[name] = round(f, 4)
    meta = model.meta_.get("dev_macro_f1_of_train_only_fit", {})
    for split, f in meta.items():
        print(f"| {split} shipped configuration fitted on train only (model metadata) | {f:.3f} | n/a |")
    res, covered, total = sample(model)
    print(f"\nSample gold: {covered} of {total} (sentence, actor) pairs produced by the pipeline.\n")
    print("| sample actor sentiment | macro-F1 | 95% interval |\n|---|---|---|")
    for name, (f, lo, hi) in res.items():
        print(f"| {name} | {f:.3f} | [{lo:.3f}, {hi:.3f}] |")
        figures[f"sample {name}"] = round(f, 4)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
