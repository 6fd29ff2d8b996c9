"""Train the shipped actor-sentiment model on NewsMTSC train + rw-dev + mt-dev; write it as
plain JSON.

Usage (from the repository root, with NewsMTSC under the data home)::

    FRAMING_DATA=../shared/data python scripts/train_actor_sentiment.py
    FRAMING_DATA=../shared/data python scripts/train_actor_sentiment.py --select

The features (version 3: the extractors' evidence about the actor, see docs/actors.md) and
C=1, window=4, min_df=2 were chosen by the mean macro-F1 of a model fitted on train alone
and scored on rw-dev and on mt-dev (printed by both commands; ``--select`` also prints
5-fold cross-validation on train grouped by article). No class weights (since 2026-12-03;
balanced before): rw-dev macro-F1 0.730 vs 0.717, mt-dev 0.665 vs 0.690, and BASIL events
0-79 polarity agreement 0.771 vs 0.723 (docs/actors.md, "Sentiment toward an actor"). After that choice the shipped model
is refitted on train + rw-dev + mt-dev (``--train-only`` fits train alone). The test splits are not read here. The output,
``framing/data/models/actor_sentiment.json``, holds the parameters and the fitted attributes
of the model's scikit-learn parts (the DictVectorizer's vocabulary, the TfidfTransformer's
idf weights, the LogisticRegression's coefficients and intercepts): loading it runs no code,
and the file is validated on load and before it is written (docs/models.md).
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, cross_val_predict

from framing.datasets import load_newsmtsc
from framing.models import ActorSentimentClassifier

OUT = Path(__file__).resolve().parents[1] / "framing" / "data" / "models" / "actor_sentiment.json"
DEV = ("rw-dev", "mt-dev")


def article_of(sentence_id: str) -> str:
    """The article a NewsMTSC sentence comes from: ``allsides_<article>_<story>`` or
    ``polusa_v1_<article>`` (the first three parts of the id)."""
    return "_".join(sentence_id.split("_")[:3])


def _basil_figures(model: ActorSentimentClassifier) -> dict[str, float]:
    """evaluation/actors.py's BASIL figures of ``model`` on events 0-79 (BASIL's train part;
    BASIL has no licence that allows shipping weights derived from it, so it is only read
    to compare configurations, never fitted)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "evaluation" / "actors.py"
    spec = importlib.util.spec_from_file_location("_evaluation_actors", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.basil_table("dev", model=model)[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--max-features", type=int, default=40000, help="0: no cap")
    ap.add_argument("--class-weight", choices=("none", "balanced"), default="none",
                    help="none (shipped since 2026-12-03: the training labels' own shares as prior) or balanced")
    ap.add_argument("--select", action="store_true", help="also print 5-fold grouped CV on train")
    ap.add_argument("--train-only", action="store_true", help="ship the model fitted on train alone")
    ap.add_argument("--basil", action="store_true",
                    help="also print BASIL events 0-79 polarity agreement of the model fitted on train "
                         "(evaluation/actors.py's basil_table; the test events 80-99 are not read)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    params = {
        "C": args.C,
        "min_df": args.min_df,
        "max_features": args.max_features or None,
        "class_weight": None if args.class_weight == "none" else "balanced",
    }
    train = load_newsmtsc("train")
    dev = {split: load_newsmtsc(split) for split in DEV}
    scores = {}
    if args.select:
        pred = cross_val_predict(
            ActorSentimentClassifier(**params), train, train["label"],
            groups=train["sentence_id"].map(article_of), cv=GroupKFold(n_splits=5),
        )
        scores["train-cv5"] = round(f1_score(train["label"], pred, average="macro"), 4)
        print(f"train, 5-fold CV grouped by article: macro-F1 {scores['train-cv5']}")
    clf = ActorSentimentClassifier(**params).fit(train, train["label"])
    for split, d in dev.items():
        scores[split] = round(f1_score(d["label"], clf.predict(d), average="macro"), 4)
        print(f"{split} (model fitted on train): macro-F1 {scores[split]}")
    if args.basil:
        figs = _basil_figures(clf)
        scores["basil-0-79"] = round(figs["basil_polarity_agreement"], 4)
        print(f"BASIL events 0-79 (model fitted on train): polarity agreement "
              f"{figs['basil_polarity_agreement']:.3f} [{figs['basil_polarity_agreement_ci_low']:.3f}, "
              f"{figs['basil_polarity_agreement_ci_high']:.3f}] on {figs['basil_covered_not_neutral']:.0f} "
              f"non-neutral rows of {figs['basil_covered_spans']:.0f} covered spans")
    if args.select:
        print(f"mean of the three: {np.mean([v for k, v in scores.items() if k != 'basil-0-79']):.4f}")
    trained_on = "NewsMTSC official/train.jsonl (8,739 targets)"
    if not args.train_only:
        full = pd.concat([train, *dev.values()], ignore_index=True)
        clf = ActorSentimentClassifier(**params).fit(full, full["label"])
        trained_on = f"NewsMTSC train + rw-dev + mt-dev ({len(full):,} targets)"
    meta = {
        "trained_on": trained_on,
        "script": "scripts/train_actor_sentiment.py",
        "date": datetime.date.today().isoformat(),
        "dev_macro_f1_of_train_only_fit": {k: v for k, v in scores.items() if k in DEV},
        **({"basil_0_79_agreement_of_train_only_fit": scores["basil-0-79"]} if "basil-0-79" in scores else {}),
        **({"train_cv5_macro_f1": scores["train-cv5"]} if "train-cv5" in scores else {}),
    }
    clf.to_json(args.out, meta=meta)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
