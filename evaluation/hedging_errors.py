"""Error analysis of the hedge rules on the Szeged wiki part (development data) only.

The wiki documents are split 80/20 with the seed of ``scripts/train_hedging.py``
(20261127): develop on the ``train`` split's errors, check on ``dev``. The news part
(factbank) is evaluation only; this script refuses to read it.

Prints hedge cue and sentence P/R/F1 per split (train, dev, all), then for the chosen split
the commonest false negatives and false positives, with a few example contexts each.

Usage::

    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging_errors.py [--split train] [--show 10] [--word suggested]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict

from framing.datasets import load_szeged_uncertainty
from framing.hedging import extract_hedges
from framing.scoring import PRF, match_spans, span_prf

SEED = 20261127  # scripts/train_hedging.py
DEV_SHARE = 0.2
ALLOWED = ("wiki",)


def wiki_split(df):
    """The same document split as scripts/train_hedging.py: a boolean Series, True = dev."""
    docs = sorted(set(df["doc_id"]))
    random.Random(SEED).shuffle(docs)
    dev_docs = set(docs[: int(len(docs) * DEV_SHARE)])
    return df["doc_id"].isin(dev_docs)


def _ctx(text: str, s: int, e: int, width: int = 60) -> str:
    return (text[max(0, s - width):s] + "[[" + text[s:e] + "]]" + text[e:e + width]).replace("\n", " ")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="wiki", help="Szeged part (only 'wiki' is allowed)")
    ap.add_argument("--split", choices=["train", "dev", "all"], default="train",
                    help="split whose errors are listed")
    ap.add_argument("--top", type=int, default=30, help="how many error words to list")
    ap.add_argument("--show", type=int, default=3, help="example contexts per error word")
    ap.add_argument("--word", action="append", default=[], help="only list errors of these words")
    ap.add_argument("--classifier", action="store_true", help="extract_hedges(classifier=True)")
    args = ap.parse_args(argv)
    if args.part not in ALLOWED:
        sys.exit(f"refusing to analyse Szeged {args.part!r}: the news part (factbank) is "
                 "evaluation only; error analysis runs on the wiki part alone")
    df = load_szeged_uncertainty("wiki")
    is_dev = wiki_split(df)
    cue = {k: PRF() for k in ("train", "dev")}
    sent = {k: PRF() for k in ("train", "dev")}
    fp, fn = Counter(), Counter()
    fp_ex, fn_ex = defaultdict(list), defaultdict(list)
    words = {w.lower() for w in args.word}
    for text, gold, dev in zip(df["text"], df["hedge_cues"], is_dev):
        split = "dev" if dev else "train"
        hedges = extract_hedges(text, categories=["hedge"], classifier=args.classifier)
        pred = [c.span for c in hedges]
        cue[split] += span_prf(pred, gold)
        sent[split] += PRF(int(bool(pred) and bool(gold)), int(bool(pred)), int(bool(gold)))
        if args.split not in (split, "all"):
            continue
        m = match_spans(pred, gold)
        mp, mg = {i for i, _ in m}, {j for _, j in m}
        for i, c in enumerate(hedges):
            w = c.text.lower()
            if i not in mp and (not words or w in words):
                fp[w] += 1
                fp_ex[w].append(_ctx(text, c.span.start, c.span.end))
        for j, (s, e) in enumerate(gold):
            w = text[s:e].lower()
            if j not in mg and (not words or w in words):
                fn[w] += 1
                fn_ex[w].append(_ctx(text, s, e))
    print("| wiki split | measure | precision | recall | F1 | gold |")
    print("|---|---|---:|---:|---:|---:|")
    for k, (c, s) in {"train": (cue["train"], sent["train"]), "dev": (cue["dev"], sent["dev"]),
                      "all": (cue["train"] + cue["dev"], sent["train"] + sent["dev"])}.items():
        for what, p in (("hedge cues", c), ("uncertain sentences", s)):
            print(f"| {k} | {what} | {p.precision:.3f} | {p.recall:.3f} | {p.f1:.3f} | {p.n_gold} |")
    for name, counter, ex in (("false negatives", fn, fn_ex), ("false positives", fp, fp_ex)):
        print(f"\n## {name} ({args.split} split)")
        for w, n in counter.most_common(args.top):
            print(f"{n:4d}  {w}")
            for line in ex[w][: args.show]:
                print("        " + line)


if __name__ == "__main__":
    main()
