"""Score the attribution extractor by the Scoring section of the annotation guidelines.

- **Cues**: a predicted cue matches a gold cue when the spans overlap (one-to-one, largest
  overlap first); precision, recall and F1 over the matched pairs.
- **Source accuracy**, among matched cues: the sources overlap, or both are absent.
- **Content match**, among matched cues: token-overlap F1 between the predicted and the
  gold content is 0.5 or more (gold content split around its cue is taken from its first
  to its last piece, as the guidelines' "one attribution from A to B").

Data: PolNeAR dev and test (``framing.datasets.load_polnear``, from ``$FRAMING_DATA``) and
the bundled sample (``framing.datasets.load_sample_gold``). Test is read only to report.

Usage::

    python evaluation/attribution.py                      # dev, test, sample; print the table
    python evaluation/attribution.py --splits dev sample  # while developing
    python evaluation/attribution.py --write-docs         # also write it into docs/attribution.md
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from framing.extract.attribution import extract_attributions  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.scoring import PRF, match_spans, token_f1  # noqa: E402

DOCS = ROOT / "docs" / "attribution.md"
BEGIN = "<!-- attribution-table:begin -->"
END = "<!-- attribution-table:end -->"
COMMAND = "python evaluation/attribution.py --write-docs"


def _spans_overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(text: str, pred: list[dict], gold: list[dict]) -> dict:
    """Counts for one document: cue PRF, matched pairs, sources right, contents matched."""
    pairs = match_spans([p["cue"] for p in pred], [g["cue"] for g in gold])
    src_ok = 0
    content_ok = 0
    kinds = Counter()
    for i, j in pairs:
        p, g = pred[i], gold[j]
        gs, ps = g.get("source"), p.get("source")
        if gs is None and ps is None:
            src_ok += 1
        elif gs is not None and ps is not None:
            parts = g.get("source_parts") or [gs]
            if any(_spans_overlap(ps, part) for part in parts):
                src_ok += 1
        if g.get("content") and p.get("content") and token_f1(text, p["content"], g["content"]) >= 0.5:
            content_ok += 1
        kinds[(g.get("kind"), p.get("kind"))] += 1
    return {
        "cue": PRF(len(pairs), len(pred), len(gold)),
        "matched": len(pairs),
        "source_ok": src_ok,
        "content_ok": content_ok,
        "kinds": kinds,
    }


def score_records(records: list[dict], predict=None) -> dict:
    """Score the extractor (or ``predict(text) -> list of dicts``) over gold records."""
    cue = PRF()
    matched = src_ok = content_ok = 0
    words = 0
    kinds: Counter = Counter()
    t0 = time.perf_counter()
    for rec in records:
        text = rec["text"]
        if predict is None:
            doc = Document(text)
            pred = [a.to_dict() for a in extract_attributions(doc)]
            words += doc.word_count
        else:
            pred = predict(text)
        r = score_document(text, pred, rec["attributions"])
        cue = cue + r["cue"]
        matched += r["matched"]
        src_ok += r["source_ok"]
        content_ok += r["content_ok"]
        kinds += r["kinds"]
    seconds = time.perf_counter() - t0
    return {
        "documents": len(records),
        "gold": cue.n_gold,
        "predicted": cue.n_pred,
        "cue_precision": cue.precision,
        "cue_recall": cue.recall,
        "cue_f1": cue.f1,
        "source_accuracy": src_ok / matched if matched else 0.0,
        "content_match": content_ok / matched if matched else 0.0,
        "kind_accuracy": sum(n for (g, p), n in kinds.items() if g == p) / matched if matched else 0.0,
        "words": words,
        "seconds": seconds,
    }


def load(split: str) -> list[dict]:
    if split == "sample":
        from framing.datasets import load_sample_gold

        return load_sample_gold()
    from framing.datasets import load_polnear

    return load_polnear(split).records


def table(results: dict[str, dict]) -> str:
    head = (
        "| data | documents | gold cues | predicted | cue P | cue R | cue F1 | source acc. "
        "| content match | kind acc. |\n|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    names = {"dev": "PolNeAR dev", "test": "PolNeAR test", "sample": "bundled sample"}
    for split, r in results.items():
        rows.append(
            f"| {names.get(split, split)} | {r['documents']} | {r['gold']} | {r['predicted']} "
            f"| {r['cue_precision']:.3f} | {r['cue_recall']:.3f} | {r['cue_f1']:.3f} "
            f"| {r['source_accuracy']:.3f} | {r['content_match']:.3f} | {r['kind_accuracy']:.3f} |"
        )
    return head + "\n".join(rows) + "\n"


def write_docs(tab: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = f"{BEGIN}\nProduced by `{COMMAND}` on {date.today().isoformat()}:\n\n{tab}{END}"
    if BEGIN in text and END in text:
        pre, rest = text.split(BEGIN, 1)
        _, post = rest.split(END, 1)
        text = pre + block + post
    else:
        text += "\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--splits", nargs="+", default=["dev", "test", "sample"])
    ap.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS}")
    args = ap.parse_args(argv)
    results = {}
    for split in args.splits:
        results[split] = score_records(load(split))
    tab = table(results)
    print(tab)
    if args.write_docs:
        write_docs(tab)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
