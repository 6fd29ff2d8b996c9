"""Error analysis of the hedge rules on the Szeged wiki part (development data) only.

The wiki documents are split 80/20 with the seed of ``scripts/train_hedging.py``
(20261127): develop on the ``train`` split's errors, check on ``dev``. The news part
(factbank) is evaluation only; this script refuses to read it.

Prints hedge cue and sentence P/R/F1 per split (train, dev, all), then for the chosen split
the commonest false negatives and false positives, with a few example contexts each.

``--diagnostic`` instead scores each known scheme difference between the guidelines and
Szeged "Szeged's way" in turn (``SCHEME_DIFFERENCES``) and prints how much of the gap each
accounts for: a diagnostic, not a score of the extractor.

Usage::

    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging_errors.py [--split train] [--show 10] [--word suggested]
    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging_errors.py --diagnostic --split all

``--split`` here is a split *of the wiki part* (all of it development data); the news part,
the test data of ``evaluation/hedging.py --split test``, is refused. ``--json PATH`` writes
the table's figures (with 95% bootstrap intervals over documents) as one flat JSON object.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from framing.datasets import load_szeged_uncertainty
from framing.extract.hedging import extract_hedges
from framing.scoring import PRF, match_spans, span_prf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

SEED = 20261127  # scripts/train_hedging.py
DEV_SHARE = 0.2
ALLOWED = ("wiki",)


def wiki_split(df):
    """The same document split as scripts/train_hedging.py: a boolean Series, True = dev."""
    docs = sorted(set(df["doc_id"]))
    random.Random(SEED).shuffle(docs)
    dev_docs = set(docs[: int(len(docs) * DEV_SHARE)])
    return df["doc_id"].isin(dev_docs)


# Scheme differences between the project's guidelines and Szeged (docs/hedging.md). Each is
# scored "Szeged's way" in the diagnostic: a diagnostic of the remaining gap, not a score.
SCHEME_DIFFERENCES = (
    ("condition", "our hedge overlaps a Szeged condition/investigation cue (mostly hypothetical "
                  "\"would\"): dropped"),
    ("impersonal", "the verb of \"it is believed/suggested/thought\" (vague attribution only for "
                   "us, a doxastic cue for Szeged): counted as found"),
    ("can", "\"can\" (the guidelines exclude ability can; Szeged marks epistemic can): counted as found"),
    ("unnamed", "Szeged cues whose word is in none of our lexicon entries (\"questioned\", \"idea\", "
                "\"felt\", \"concerns\", ...): counted as found"),
    ("kept", "\"apparently\", \"arguably\", \"potential(ly)\", \"allegation(s)\" that Szeged leaves "
             "unmarked (kept as hedges by the guidelines): dropped"),
)
KEPT_WORDS = frozenset("apparently arguably potential potentially allegations allegation".split())


def _lexicon_entries() -> tuple[tuple[str, ...], ...]:
    from framing.extract.hedging import cue_lexicon

    return tuple(e.words for e in cue_lexicon("hedge"))


def _named(cue_text: str, entries) -> bool:
    """Whether some hedge lexicon entry occurs (as whole words) in a gold cue's text."""
    toks = tuple(re.findall(r"\w+|[^\w\s]", cue_text.lower()))
    return any(toks[k:k + len(e)] == e for e in entries for k in range(len(toks) - len(e) + 1))


def diagnostic(df, is_dev, split: str) -> list[str]:
    """Cue and sentence P/R/F1 on ``split`` when each scheme difference in turn (then all of
    them) is scored Szeged's way; markdown rows."""
    entries = _lexicon_entries()
    names = [k for k, _ in SCHEME_DIFFERENCES]
    scen = {k: (PRF(), PRF(), 0) for k in ["none", *names, "all"]}
    boundary = 0  # unmatched spans that overlap a span of the other side (one-to-one losses)
    for text, cues, gold, dev in zip(df["text"], df["cues"], df["hedge_cues"], is_dev):
        if split != "all" and (split == "dev") != bool(dev):
            continue
        found = extract_hedges(text, categories=["hedge", "vague"])
        hedges = [c for c in found if c.category == "hedge"]
        impersonal = [c.span for c in found if c.subtype == "impersonal"]
        pred = [(c.span.start, c.span.end) for c in hedges]
        gold = [tuple(g) for g in gold]
        m = match_spans(pred, gold)
        mp, mg = {i for i, _ in m}, {j for _, j in m}
        other = [(c["start"], c["end"]) for c in cues if c["type"] in ("condition", "investigation")]
        boundary += sum(i not in mp and any(a < e and s < b for a, b in gold) for i, (s, e) in enumerate(pred))
        boundary += sum(j not in mg and any(a < e and s < b for a, b in pred) for j, (s, e) in enumerate(gold))
        # which scheme difference explains each unmatched prediction / gold span
        drop = {}
        for i, (s, e) in enumerate(pred):
            if i in mp or any(a < e and s < b for a, b in gold):
                continue
            if any(a < e and s < b for a, b in other):
                drop[i] = "condition"
            elif hedges[i].text.lower() in KEPT_WORDS:
                drop[i] = "kept"
        add = {}
        for j, (s, e) in enumerate(gold):
            if j in mg:
                continue
            w = text[s:e].lower()
            if any(sp.start <= s and e <= sp.end for sp in impersonal):
                add[j] = "impersonal"
            elif w.split()[0] in ("can", "cannot"):
                add[j] = "can"
            elif not _named(w, entries):
                add[j] = "unnamed"
        for k in scen:
            on = set(names) if k == "all" else {k}
            p = [sp for i, sp in enumerate(pred) if drop.get(i) not in on]
            p += [gold[j] for j, why in add.items() if why in on]
            c, snt, nerr = scen[k]
            nerr += sum(why in on for why in drop.values()) + sum(why in on for why in add.values())
            scen[k] = (c + span_prf(sorted(p), gold),
                       snt + PRF(int(bool(p) and bool(gold)), int(bool(p)), int(bool(gold))), nerr)
    rows = [f"Boundary losses ({split}): {boundary} unmatched predicted or gold spans overlap a "
            "span of the other side (multiword cues spanned differently and left over by the "
            "one-to-one overlap matching).", "",
            f"| scored Szeged's way ({split}) | errors | cue P / R / F1 | sentence P / R / F1 |",
            "|---|---:|---|---|"]
    labels = {"none": "nothing (the score of the guidelines' scheme)", "all": "all five together",
              **dict(SCHEME_DIFFERENCES)}
    for k, (c, snt, nerr) in scen.items():
        rows.append(f"| {labels[k]} | {nerr} | {c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f} | "
                    f"{snt.precision:.3f} / {snt.recall:.3f} / {snt.f1:.3f} |")
    return rows


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
    ap.add_argument("--diagnostic", action="store_true",
                    help="only the scheme-difference diagnostic (each difference scored Szeged's way)")
    C.add_json_argument(ap)
    args = ap.parse_args(argv)
    if args.part not in ALLOWED:
        sys.exit(f"refusing to analyse Szeged {args.part!r}: the news part (factbank) is "
                 "evaluation only; error analysis runs on the wiki part alone")
    df = load_szeged_uncertainty("wiki")
    is_dev = wiki_split(df)
    if args.diagnostic:
        print("\n".join(diagnostic(df, is_dev, args.split)))
        return
    counts = {k: C.DocCounts(6) for k in ("train", "dev")}  # cue, then sentence (tp, pred, gold)
    fp, fn = Counter(), Counter()
    fp_ex, fn_ex = defaultdict(list), defaultdict(list)
    words = {w.lower() for w in args.word}
    for doc_id, text, gold, dev in zip(df["doc_id"], df["text"], df["hedge_cues"], is_dev):
        split = "dev" if dev else "train"
        hedges = extract_hedges(text, categories=["hedge"], classifier=args.classifier)
        pred = [c.span for c in hedges]
        c = span_prf(pred, gold)
        counts[split].add(doc_id, c.tp, c.n_pred, c.n_gold,
                          int(bool(pred) and bool(gold)), int(bool(pred)), int(bool(gold)))
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
    figs: dict[str, float] = {}
    arrays = {"train": counts["train"].array(), "dev": counts["dev"].array()}
    arrays["all"] = np.concatenate([arrays["train"], arrays["dev"]])
    for k, arr in arrays.items():
        for what, name, cols in (("hedge cues", "hedge_cue", slice(0, 3)), ("uncertain sentences", "sentence", slice(3, 6))):
            key = f"wiki_{k}_{name}"
            figs.update(C.prf_figures(key, arr[:, cols]))
            figs[f"{key}_gold"] = int(arr[:, cols][:, 2].sum())
            print(f"| {k} | {what} | {C.fmt(figs, key + '_precision')} | {C.fmt(figs, key + '_recall')} | "
                  f"{C.fmt(figs, key + '_f1')} | {figs[key + '_gold']} |")
    print("\n" + C.INTERVAL_NOTE)
    if args.json:
        C.write_json(args.json, figs)
    for name, counter, ex in (("false negatives", fn, fn_ex), ("false positives", fp, fp_ex)):
        print(f"\n## {name} ({args.split} split)")
        for w, n in counter.most_common(args.top):
            print(f"{n:4d}  {w}")
            for line in ex[w][: args.show]:
                print("        " + line)


if __name__ == "__main__":
    main()
