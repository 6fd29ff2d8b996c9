"""Evaluate the hedging extractor: cue P/R/F1 and sentence-level F1.

Data:
- the Szeged Uncertainty Corpus (``framing.datasets.load_szeged_uncertainty``): gold hedges
  are its epistemic and doxastic cues (condition and investigation cues such as "if" and
  "whether" are not hedges in the project's guidelines). ``--split dev`` (the default)
  scores ``wiki``, the development part (the rules were written looking at it);
  ``--split test`` scores ``factbank`` (news), evaluation only, and records the reading in
  ``evaluation/ledger.jsonl``.
- the bundled sample (hedges, boosters, vague attribution; gold in the guidelines' format).
- ``--ood`` (with ``--split test`` only: they are evaluation data): BioScope (abstracts,
  full papers) and SFU Review (out of domain, report only, no target) when present.
- ``--classifier``: score ``extract_hedges(..., classifier=True)`` instead of the rules.

Each Szeged sentence is analysed on its own; matching follows the guidelines' Scoring
section (overlap, one-to-one). Prints a markdown table; every figure has a 95% bootstrap
interval over documents (Szeged and BioScope documents, SFU Review files, sample articles).

Usage::

    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging.py [--errors] [--classifier] [--json PATH]
    FRAMING_DATA=/work/shared/data PYTHONPATH=. python evaluation/hedging.py --split test --ood   # a test reading
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

PARTS = {"dev": "wiki", "test": "factbank"}
LABELS = {"factbank": "Szeged news (factbank), evaluation", "wiki": "Szeged wiki, development"}


def _sentence_f1(pred: list[bool], gold: list[bool]) -> PRF:
    tp = sum(p and g for p, g in zip(pred, gold))
    return PRF(tp, sum(pred), sum(gold))


def _counts(p: PRF) -> tuple[int, int, int]:
    return p.tp, p.n_pred, p.n_gold


def eval_szeged(part: str, errors: bool = False, classifier: bool = False) -> C.DocCounts:
    """Per-document counts: hedge cue (tp, predicted, gold), then uncertain sentence (same)."""
    df = load_szeged_uncertainty(part)
    counts = C.DocCounts(6)
    fp, fn = Counter(), Counter()
    for doc_id, text, gold in zip(df["doc_id"], df["text"], df["hedge_cues"]):
        hedges = extract_hedges(text, categories=["hedge"], classifier=classifier)
        pred = [c.span for c in hedges]
        counts.add(doc_id, *_counts(span_prf(pred, gold)), *_counts(_sentence_f1([bool(pred)], [bool(gold)])))
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
    return counts


SAMPLE_MEASURES = ("hedge", "booster", "vague", "sentence")


def eval_sample(classifier: bool = False) -> C.DocCounts:
    """Per-article counts, (tp, predicted, gold) for each of ``SAMPLE_MEASURES`` in turn."""
    gold = {g["id"]: g for g in load_sample_gold()}
    counts = C.DocCounts(3 * len(SAMPLE_MEASURES))
    for doc in load_sample():
        g = gold[doc.id]
        if classifier:
            cues = extract_hedges(doc, classifier=True)
            doc.hedges = [c for c in cues if c.category == "hedge"]
            doc.boosters = [c for c in cues if c.category == "booster"]
            doc.vague = [c for c in cues if c.category == "vague"]
        else:
            add_hedging(doc)
        sents = [s.span for s in doc.sentences]
        counts.add(
            doc.id,
            *_counts(span_prf([c.span for c in doc.hedges], g["hedges"])),
            *_counts(span_prf([c.span for c in doc.boosters], g["boosters"])),
            *_counts(span_prf([c.span for c in doc.vague], g["vague"])),
            *_counts(_sentence_f1(sentence_labels(sents, [c.span for c in doc.hedges]),
                                  sentence_labels(sents, g["hedges"]))),
        )
    return counts


def eval_jsonl_ood(path: Path, name: str, classifier: bool = False) -> C.DocCounts | None:
    """Out-of-domain sentence JSONL made in the data home (see each folder's SOURCE.md):
    BioScope (``cues[].spans``) and SFU Review (``cues[].char_spans``). Gold hedges are the
    ``speculation`` cues; a discontinuous cue ("either ... or") is scored by its first part.
    Their schemes also mark conditions and alternatives ("if", "or", "whether"), which are
    not hedges in the project's guidelines, so recall reads low."""
    if not path.exists():
        return None
    counts = C.DocCounts(6)
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            r = json.loads(line)
            gold = []
            for c in r.get("cues", []):
                if c.get("type") != "speculation":
                    continue
                parts = c.get("spans") or c.get("char_spans") or []
                if parts:
                    gold.append(tuple(parts[0]))
            pred = [c.span for c in extract_hedges(r["text"], categories=["hedge"], classifier=classifier)]
            doc = r.get("doc_id") or r.get("file") or n  # BioScope document, SFU Review file
            counts.add(doc, *_counts(span_prf(pred, sorted(gold))),
                       *_counts(_sentence_f1([bool(pred)], [bool(gold)])))
    return counts


def _figures(key: str, counts: C.DocCounts, measures: tuple[str, ...]) -> dict[str, float]:
    """Precision, recall, F1 and gold count of each measure, with intervals over documents."""
    arr = counts.array()
    out: dict[str, float] = {f"{key}_documents": len(counts)}
    for i, m in enumerate(measures):
        c = arr[:, 3 * i:3 * i + 3]
        out.update(C.prf_figures(f"{key}_{m}", c))
        out[f"{key}_{m}_gold"] = int(c[:, 2].sum())
    return out


def _row(name: str, what: str, figs: dict, key: str) -> str:
    return (f"| {name} | {what} | {C.fmt(figs, key + '_precision')} | {C.fmt(figs, key + '_recall')} | "
            f"{C.fmt(figs, key + '_f1')} | {figs[key + '_gold']} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    C.add_arguments(ap, "Szeged wiki (dev) or Szeged news, factbank (test)")
    ap.add_argument("--errors", action="store_true",
                    help="print the commonest errors (with --split dev only: the wiki part)")
    ap.add_argument("--ood", action="store_true",
                    help="also BioScope / SFU Review when present (evaluation data: --split test only)")
    ap.add_argument("--no-sample", action="store_true", help="do not score the bundled sample")
    ap.add_argument("--classifier", action="store_true",
                    help="extract_hedges(classifier=True): the opt-in candidate classifier")
    args = ap.parse_args(argv)
    if args.errors and args.split != "dev":
        ap.error("--errors lists errors on the development part only (--split dev)")
    if args.ood and args.split != "test":
        ap.error("--ood reads evaluation data: use it with --split test")
    rows = ["| data | measure | precision | recall | F1 | gold |", "|---|---|---:|---:|---:|---:|"]
    figs: dict[str, float] = {}
    part = PARTS[args.split]
    counts = eval_szeged(part, errors=args.errors, classifier=args.classifier)
    key = f"szeged_{part}"
    figs.update(_figures(key, counts, ("hedge_cue", "sentence")))
    rows.append(_row(LABELS[part], "hedge cues", figs, f"{key}_hedge_cue"))
    rows.append(_row(LABELS[part], "uncertain sentences", figs, f"{key}_sentence"))
    if not args.no_sample:
        figs.update(_figures("sample", eval_sample(classifier=args.classifier),
                             ("hedge_cue", "booster_cue", "vague_cue", "sentence")))
        for k in ("hedge", "booster", "vague"):
            rows.append(_row("sample (bundled)", f"{k} cues", figs, f"sample_{k}_cue"))
        rows.append(_row("sample (bundled)", "uncertain sentences", figs, "sample_sentence"))
    if args.ood:
        home = Path(os.environ.get("FRAMING_DATA", ""))
        for name, key, rel in (("BioScope", "bioscope", "bioscope/derived/bioscope_sentences.jsonl"),
                               ("SFU Review", "sfu", "sfu_review_negspec/derived/sfu_sentences.jsonl")):
            res = eval_jsonl_ood(home / rel, name, classifier=args.classifier)
            if res is None:
                print(f"skipping {name}: {home / rel} not found", file=sys.stderr)
                continue
            figs.update(_figures(key, res, ("hedge_cue", "sentence")))
            rows.append(_row(f"{name} (out of domain)", "hedge cues", figs, f"{key}_hedge_cue"))
            rows.append(_row(f"{name} (out of domain)", "uncertain sentences", figs, f"{key}_sentence"))
    print("\n".join(rows))
    print("\n" + C.INTERVAL_NOTE)
    C.finish(args, "evaluation/hedging.py", figs, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
