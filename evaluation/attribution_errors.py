"""Where the attribution cue model misses on PolNeAR dev (never test): an error analysis.

For every gold cue that no predicted cue overlaps, the script finds the head token (as
``scripts/train_attribution.py`` defines it) and says why it was missed:

- ``not candidate``: the head word is not in the model's candidate vocabulary;
- ``rejected``: it was a candidate, but its logit was under the threshold (the logit is
  printed, so near misses show);
- ``no head``: the gold cue covers no token of a sentence (punctuation cues, page clutter).

With ``--categories`` it sorts every missed gold cue (false negative) and every unmatched
predicted cue (false positive) into one category and says what the category is worth: the
document-level cue F1 if all its errors were fixed and nothing else changed. In order:

- ``shared``/``dup``: a cue overlaps the other side's cue that is matched to another one
  (the Scoring section matches one to one);
- ``boundary``: an unmatched cue of the other side starts or ends within 25 characters
  (the two disagree on which word is the cue: "said Hester" with the cue "Hester");
- otherwise by the head word: ``not cand`` (outside the candidate vocabulary), ``rej<1``
  / ``rej>1`` (rejected within / beyond one logit of the threshold), inside or outside a
  quotation (``inq``/``out``: nested reports), and its class: ``thought`` (a lemma of
  thought or intention, ``THOUGHT`` below), ``noun``, ``verb``, ``other``.

Usage::

    python evaluation/attribution_errors.py [--split dev|train] [--top 40] [--json PATH]
    python evaluation/attribution_errors.py --categories [--examples] [--json PATH]

``--split`` is ``dev`` (default) or ``train``, never test. ``--json`` writes the counts of
each reason or category (and, with ``--categories``, the cue F1 with its 95% bootstrap
interval over documents) as one flat JSON object.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "scripts", ROOT / "evaluation"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import framing.extract.attribution as A  # noqa: E402
from framing.datasets import load_polnear  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.scoring import match_spans  # noqa: E402
from framing.text import paragraphs  # noqa: E402
from train_attribution import gold_head  # noqa: E402

import _common as C  # noqa: E402


def analyse(split: str = "dev"):
    if split == "test":
        raise SystemExit("error analysis reads dev (or train), never test")
    model = A.attribution_model()["cue"]
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
        quotes = A.QuoteIndex(A.find_quotations(text, paragraphs(text)))
        for j, g in enumerate(gold):
            if j in hit_g:
                continue
            k = bisect_right(starts, g["cue"][0]) - 1
            cue_text = text[slice(*g["cue"])]
            if k < 0:
                reasons["no sentence"] += 1
                continue
            s = A.SentenceView(sents[k], quotes)
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
                sc = A.linear_score(w, b, A.cue_features(s, h))
                reasons["rejected"] += 1
                words_rej[word] += 1
                if sc > thr - 1:
                    reasons["rejected, within 1 logit"] += 1
            if len(examples) < 60:
                examples.append(f"{word:>12} | {cue_text!r} | {text[s.sent.start:s.sent.end][:140]!r}")
    return reasons, words_nc, words_rej, fp_words, examples


# Lemmas of thought and intention: PolNeAR annotates them as cues, the bundled sample does
# not (docs/attribution.md). Words outside the lexicon are listed with their forms.
THOUGHT = frozenset(
    """believe think know want hope plan expect fear worry intend wish decide seek feel
    consider doubt suspect understand realize assume vow promise pledge try tries tried
    trying aim aims aimed aiming need needs needed needing""".split()
)


def _head_class(word: str, tag: str) -> str:
    if A.word_lemma(word) in THOUGHT:
        return "thought"
    return "noun" if tag.startswith("NN") else "verb" if tag.startswith("VB") else "other"


def categorise(split: str = "dev", per_doc: list | None = None):
    """False negatives and false positives of the cue step by category (see the docstring).

    Returns ``(fn, fp, examples, (tp, n_pred, n_gold))`` (and appends the (tp, n_pred,
    n_gold) of each document to ``per_doc`` when given) with ``fn``/``fp`` Counters of
    categories and ``examples[("FN"|"FP", category)]`` a list of strings.
    """
    if split == "test":
        raise SystemExit("error analysis reads dev (or train), never test")
    model = A.attribution_model()["cue"]
    vocab, w, b, thr = model["vocab"], model["weights"], model["bias"], model["logit_threshold"]
    fn: Counter = Counter()
    fp: Counter = Counter()
    examples: dict = {}
    tp = n_pred = n_gold = 0
    per_doc = [] if per_doc is None else per_doc

    def overlap(a, c) -> bool:
        return a[0] < c[1] and c[0] < a[1]

    def near(a, c, d=25) -> bool:
        return a[0] < c[1] + d and c[0] < a[1] + d

    for rec in load_polnear(split).records:
        doc = Document(rec["text"])
        text = doc.text
        pred = [a.to_dict() for a in A.extract_attributions(doc)]
        gold = rec["attributions"]
        pairs = match_spans([p["cue"] for p in pred], [g["cue"] for g in gold])
        tp, n_pred, n_gold = tp + len(pairs), n_pred + len(pred), n_gold + len(gold)
        per_doc.append((len(pairs), len(pred), len(gold)))
        hit_g = {j for _, j in pairs}
        hit_p = {i for i, _ in pairs}
        sents = doc.sentences
        starts = [s.start for s in sents]
        quotes = A.QuoteIndex(A.find_quotations(text, paragraphs(text)))

        def where(span):
            s = A.SentenceView(sents[bisect_right(starts, span[0]) - 1], quotes)
            return s, f"{text[slice(*span)]!r} | {text[s.sent.start:s.sent.end][:150]!r}"

        for j, g in enumerate(gold):
            if j in hit_g:
                continue
            s, ex = where(g["cue"])
            if any(overlap(p["cue"], g["cue"]) for p in pred):
                cat = "shared"
            elif any(i not in hit_p and near(p["cue"], g["cue"]) for i, p in enumerate(pred)):
                cat = "boundary"
            else:
                h = gold_head(s, g.get("cue_parts") or [g["cue"]])
                word, tag = s.words[h], s.tags[h]
                if word not in vocab:
                    how = "not cand"
                else:
                    how = "rej<1" if A.linear_score(w, b, A.cue_features(s, h)) > thr - 1 else "rej>1"
                inq = "inq" if s.in_quote(h) else "out"
                cat = f"{how} {inq} {_head_class(word, tag)}"
            fn[cat] += 1
            examples.setdefault(("FN", cat), []).append(ex)
        for i, p in enumerate(pred):
            if i in hit_p:
                continue
            s, ex = where(p["cue"])
            if any(overlap(g["cue"], p["cue"]) for g in gold):
                cat = "dup"
            elif any(j not in hit_g and near(g["cue"], p["cue"]) for j, g in enumerate(gold)):
                cat = "boundary"
            else:
                h = next(x for x in range(s.n) if s.ends[x] > p["cue"][0])
                inq = "inq" if s.in_quote(h) else "out"
                cat = f"{inq} {_head_class(s.words[h], s.tags[h])}"
            fp[cat] += 1
            examples.setdefault(("FP", cat), []).append(ex)
    return fn, fp, examples, (tp, n_pred, n_gold)


def _key(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name).strip("_")


def print_categories(split: str, show_examples: bool) -> dict[str, float]:
    per_doc: list = []
    fn, fp, examples, (tp, n_pred, n_gold) = categorise(split, per_doc)
    figs = {f"polnear_{split}_matched": tp, f"polnear_{split}_predicted": n_pred, f"polnear_{split}_gold": n_gold}
    figs.update(C.with_interval(f"polnear_{split}_cue_f1", 2 * tp / (n_pred + n_gold),
                                C.counts_interval(per_doc, C.f1)))
    figs.update({f"fn_{_key(k)}": n for k, n in fn.items()})
    figs.update({f"fp_{_key(k)}": n for k, n in fp.items()})
    print(f"{split}: {tp} matched, {n_pred} predicted, {n_gold} gold cues: "
          f"cue F1 {C.fmt(figs, f'polnear_{split}_cue_f1', 4)} ({C.INTERVAL_NOTE})")
    print("\nmissed gold cues (false negatives): count, category, cue F1 if all were found")
    for cat, n in sorted(fn.items(), key=lambda x: -x[1]):
        print(f"  {n:5d}  {cat:22s} {2 * (tp + n) / (n_pred + n + n_gold):.4f}")
    print("\nunmatched predicted cues (false positives): count, category, cue F1 without them")
    for cat, n in sorted(fp.items(), key=lambda x: -x[1]):
        print(f"  {n:5d}  {cat:22s} {2 * tp / (n_pred - n + n_gold):.4f}")
    if show_examples:
        for (side, cat), exs in sorted(examples.items()):
            print(f"\n## {side} {cat}")
            print("\n".join("   " + e for e in exs[:10]))
    return figs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    C.add_arguments(ap, splits=("dev", "train"))
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--examples", action="store_true")
    ap.add_argument("--categories", action="store_true")
    args = ap.parse_args(argv)
    if args.categories:
        C.finish(args, "evaluation/attribution_errors.py", print_categories(args.split, args.examples),
                 read_test=False)
        return 0
    reasons, nc, rej, fp, ex = analyse(args.split)
    C.finish(args, "evaluation/attribution_errors.py", {f"missed_{_key(k)}": n for k, n in reasons.items()},
             read_test=False)
    print("missed gold cues by reason:", dict(reasons))
    print("\nnot candidates (head word/tag):", nc.most_common(args.top))
    print("\nrejected candidates:", rej.most_common(args.top))
    print("\nfalse positives (cue text):", fp.most_common(args.top))
    if args.examples:
        print("\n" + "\n".join(ex))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
