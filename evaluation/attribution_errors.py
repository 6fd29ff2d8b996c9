"""Where the attribution cue model misses on PolNeAR dev (never test): an error analysis.

For every gold cue that no predicted cue overlaps, the script finds the head token (as
``scripts/train_attribution.py`` defines it) and says why it was missed:

- ``not candidate``: the head word is not in the model's candidate vocabulary;
- ``rejected``: it was a candidate, but its logit was under the threshold (the logit is
  printed, so near misses show);
- ``no head``: the gold cue covers no token of a sentence (punctuation cues, page clutter).

Usage::

    python evaluation/attribution_errors.py [--split dev] [--top 40]
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "scripts"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import framing.attribution as A  # noqa: E402
from framing.datasets import load_polnear  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.scoring import match_spans  # noqa: E402
from framing.text import paragraphs  # noqa: E402
from train_attribution import gold_head  # noqa: E402


def analyse(split: str = "dev"):
    if split == "test":
        raise SystemExit("error analysis reads dev (or train), never test")
    model = A._model()["cue"]
    vocab, w, b, thr = model["vocab"], model["weights"], model["bias"], model["logit_threshold"]
    reasons: Counter = Counter()
    words_nc: Counter = Counter()
    words_rej: Counter = Counter()
    fp_words: Counter = Counter()
    examples = []
    for rec in load_polnear(split).records:
        doc = Document(rec["text"])
        text = doc.text
        pred = [a.to_dict() for a in A.extract_attributions(doc)]
        gold = rec["attributions"]
        pairs = match_spans([p["cue"] for p in pred], [g["cue"] for g in gold])
        hit_g = {j for _, j in pairs}
        hit_p = {i for i, _ in pairs}
        for i, p in enumerate(pred):
            if i not in hit_p:
                fp_words[text[slice(*p["cue"])].lower()] += 1
        sents = doc.sentences
        starts = [s.start for s in sents]
        quotes = A._QuoteIndex(A.find_quotations(text, paragraphs(text)))
        for j, g in enumerate(gold):
            if j in hit_g:
                continue
            k = bisect_right(starts, g["cue"][0]) - 1
            cue_text = text[slice(*g["cue"])]
            if k < 0:
                reasons["no sentence"] += 1
                continue
            s = A._Sent(sents[k], quotes)
            h = gold_head(s, g.get("cue_parts") or [g["cue"]])
            if h is None:
                reasons["no head"] += 1
                words_nc["<none:" + cue_text[:10] + ">"] += 1
                continue
            word = s.words[h]
            if word not in vocab:
                reasons["not candidate"] += 1
                words_nc[word + "/" + s.tags[h]] += 1
            else:
                sc = A._score(w, b, A._cue_features(s, h))
                reasons["rejected"] += 1
                words_rej[word] += 1
                if sc > thr - 1:
                    reasons["rejected, within 1 logit"] += 1
            if len(examples) < 60:
                examples.append(f"{word:>12} | {cue_text!r} | {text[s.sent.start:s.sent.end][:140]!r}")
    return reasons, words_nc, words_rej, fp_words, examples


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--examples", action="store_true")
    args = ap.parse_args(argv)
    reasons, nc, rej, fp, ex = analyse(args.split)
    print("missed gold cues by reason:", dict(reasons))
    print("\nnot candidates (head word/tag):", nc.most_common(args.top))
    print("\nrejected candidates:", rej.most_common(args.top))
    print("\nfalse positives (cue text):", fp.most_common(args.top))
    if args.examples:
        print("\n" + "\n".join(ex))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
