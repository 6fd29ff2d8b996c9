"""Evaluate the hedging extractor: cue P/R/F1 and sentence-level F1.

Data:
- the Szeged Uncertainty Corpus (``framing.datasets.load_szeged_uncertainty``): gold hedges
  are its epistemic and doxastic cues (condition and investigation cues such as "if" and
  "whether" are not hedges in the project's guidelines). ``wiki`` is the development part
  (the rules were written looking at it); ``factbank`` (news) is evaluation only.
- the bundled sample (hedges, boosters, vague attribution; gold in the guidelines' format).
- ``--ood``: BioScope (abstracts, full papers) and SFU Review (out of domain, report only,
  no target) when present.
- ``--classifier``: score ``extract_hedges(..., classifier=True)`` instead of the rules.

Each Szeged sentence is analysed on its own; matching follows the guidelines' Scoring
section (overlap, one-to-one). Prints a markdown table.

Usage::

    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging.py [--errors wiki] [--ood] [--classifier]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from framing import Document
from framing.datasets import load_sample, load_sample_gold, load_szeged_uncertainty
from framing.extract.hedging import add_hedging, extract_hedges
from framing.scoring import PRF, sentence_labels, span_prf


def _sentence_f1(pred: list[bool], gold: list[bool]) -> PRF:
    tp = sum(p and g for p, g in zip(pred, gold))
    return PRF(tp, sum(pred), sum(gold))


def eval_szeged(part: str, errors: bool = False, classifier: bool = False) -> tuple[PRF, PRF]:
    df = load_szeged_uncertainty(part)
    cue, sent = PRF(), PRF()
    fp, fn = Counter(), Counter()
    for text, gold in zip(df["text"], df["hedge_cues"]):
        hedges = extract_hedges(text, categories=["hedge"], classifier=classifier)
        pred = [c.span for c in hedges]
        cue += span_prf(pred, gold)
        sent += _sentence_f1([bool(pred)], [bool(gold)])
        if errors:
            from framing.scoring import match_spans

            m = match_spans(pred, gold)
            mp = {i for i, _ in m}
            mg = {j for _, j in m}
            for i, c in enumerate(hedges):
                if i not in mp:
                    fp[c.text.lower()] += 1
            for j, (s, e) in enumerate(gold):
                if j not in mg:
                    fn[text[s:e].lower()] += 1
    if errors:
        print("false positives:", fp.most_common(40), file=sys.stderr)
        print("false negatives:", fn.most_common(60), file=sys.stderr)
    return cue, sent


def eval_sample(classifier: bool = False) -> dict[str, PRF]:
    gold = {g["id"]: g for g in load_sample_gold()}
    out = {k: PRF() for k in ("hedge", "booster", "vague", "sentence")}
    for doc in load_sample():
        g = gold[doc.id]
        if classifier:
            cues = extract_hedges(doc, classifier=True)
            doc.hedges = [c for c in cues if c.category == "hedge"]
            doc.boosters = [c for c in cues if c.category == "booster"]
            doc.vague = [c for c in cues if c.category == "vague"]
        else:
            add_hedging(doc)
        out["hedge"] += span_prf([c.span for c in doc.hedges], g["hedges"])
        out["booster"] += span_prf([c.span for c in doc.boosters], g["boosters"])
        out["vague"] += span_prf([c.span for c in doc.vague], g["vague"])
        sents = [s.span for s in doc.sentences]
        out["sentence"] += _sentence_f1(
            sentence_labels(sents, [c.span for c in doc.hedges]), sentence_labels(sents, g["hedges"])
        )
    return out


def eval_jsonl_ood(path: Path, name: str, classifier: bool = False) -> tuple[PRF, PRF] | None:
    """Out-of-domain sentence JSONL made in the data home (see each folder's SOURCE.md):
    BioScope (``cues[].spans``) and SFU Review (``cues[].char_spans``). Gold hedges are the
    ``speculation`` cues; a discontinuous cue ("either ... or") is scored by its first part.
    Their schemes also mark conditions and alternatives ("if", "or", "whether"), which are
    not hedges in the project's guidelines, so recall reads low."""
    if not path.exists():
        return None
    cue, sent = PRF(), PRF()
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            gold = []
            for c in r.get("cues", []):
                if c.get("type") != "speculation":
                    continue
                parts = c.get("spans") or c.get("char_spans") or []
                if parts:
                    gold.append(tuple(parts[0]))
            pred = [c.span for c in extract_hedges(r["text"], categories=["hedge"], classifier=classifier)]
            cue += span_prf(pred, sorted(gold))
            sent += _sentence_f1([bool(pred)], [bool(gold)])
    return cue, sent


def _row(name: str, what: str, s: PRF) -> str:
    return (f"| {name} | {what} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{s.n_gold} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", choices=["wiki"], help="print the commonest errors (development part only)")
    ap.add_argument("--ood", action="store_true", help="also BioScope / SFU Review when present")
    ap.add_argument("--parts", default="factbank,wiki", help="Szeged parts to score")
    ap.add_argument("--classifier", action="store_true",
                    help="extract_hedges(classifier=True): the opt-in candidate classifier")
    args = ap.parse_args(argv)
    rows = ["| data | measure | precision | recall | F1 | gold |", "|---|---|---:|---:|---:|---:|"]
    for part in [p for p in args.parts.split(",") if p]:
        try:
            cue, sent = eval_szeged(part, errors=(args.errors == part), classifier=args.classifier)
        except OSError as exc:
            print(f"skipping Szeged {part}: {exc}", file=sys.stderr)
            continue
        label = {"factbank": "Szeged news (factbank), evaluation", "wiki": "Szeged wiki, development"}.get(part, part)
        rows.append(_row(label, "hedge cues", cue))
        rows.append(_row(label, "uncertain sentences", sent))
    s = eval_sample(classifier=args.classifier)
    for k in ("hedge", "booster", "vague"):
        rows.append(_row("sample (bundled)", f"{k} cues", s[k]))
    rows.append(_row("sample (bundled)", "uncertain sentences", s["sentence"]))
    if args.ood:
        home = Path(os.environ.get("FRAMING_DATA", ""))
        for name, rel in (("BioScope", "bioscope/derived/bioscope_sentences.jsonl"),
                          ("SFU Review", "sfu_review_negspec/derived/sfu_sentences.jsonl")):
            res = eval_jsonl_ood(home / rel, name, classifier=args.classifier)
            if res is None:
                print(f"skipping {name}: {home / rel} not found", file=sys.stderr)
                continue
            rows.append(_row(f"{name} (out of domain)", "hedge cues", res[0]))
            rows.append(_row(f"{name} (out of domain)", "uncertain sentences", res[1]))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
