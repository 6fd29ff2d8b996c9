"""Train the shipped actor-sentiment model on NewsMTSC train; write it as plain JSON.

Usage (from the repository root, with NewsMTSC under the data home)::

    FRAMING_DATA=../shared/data python scripts/train_actor_sentiment.py

C was chosen on the dev splits (rw-dev and mt-dev) among 0.1, 0.2, 0.5, 1 and 2; the test
splits are not read here. The output, ``framing/data/models/actor_sentiment.json``, holds
the parameters, vocabulary, idf weights and coefficients: loading it runs no code.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from sklearn.metrics import f1_score

from framing.datasets import load_newsmtsc
from framing.models import ActorSentimentClassifier

OUT = Path(__file__).resolve().parents[1] / "framing" / "data" / "models" / "actor_sentiment.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    train = load_newsmtsc("train")
    clf = ActorSentimentClassifier(C=args.C).fit(train, train["label"])
    dev = {}
    for split in ("rw-dev", "mt-dev"):
        d = load_newsmtsc(split)
        dev[split] = round(f1_score(d["label"], clf.predict(d), average="macro"), 4)
        print(f"{split}: macro-F1 {dev[split]}")
    meta = {
        "trained_on": "NewsMTSC official/train.jsonl (8,739 targets)",
        "script": "scripts/train_actor_sentiment.py",
        "date": datetime.date.today().isoformat(),
        "dev_macro_f1": dev,
    }
    clf.to_json(args.out, meta=meta)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
