"""Score the attribution extractor by the Scoring section of the annotation guidelines.

- **Cues**: a predicted cue matches a gold cue when the spans overlap (one-to-one, largest
  overlap first); precision, recall and F1 over the matched pairs.
- **Source accuracy**, among matched cues: the sources overlap, or both are absent.
- **Content match**, among matched cues: token-overlap F1 between the predicted and the
  gold content is 0.5 or more (gold content split around its cue is taken from its first
  to its last piece, as the guidelines' "one attribution from A to B").

Data: PolNeAR dev or test (``framing.datasets.load_polnear``, from ``$FRAMING_DATA``) and
the bundled sample (``framing.datasets.load_sample_gold``). Dev by default; test is read
only with ``--split test``, only to report, and each such run is recorded in
``evaluation/ledger.jsonl``. Every figure has a 95% bootstrap interval over documents
(``evaluation/_common.py``).

Usage::

    python evaluation/attribution.py                          # PolNeAR dev and the sample
    python evaluation/attribution.py --split test --no-sample  # PolNeAR test (a test reading)
    python evaluation/attribution.py --json figures.json      # also the figures as JSON
    python evaluation/attribution.py --write-docs             # also write the table into docs/attribution.md
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "evaluation"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from framing.extract.attribution import extract_attributions  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.scoring import PRF, match_spans, token_f1  # noqa: E402

import _common as C  # noqa: E402

DOCS = ROOT / "docs" / "attribution.md"
COMMANDS = {"dev": "python evaluation/attribution.py --write-docs",
            "test": "python evaluation/attribution.py --split test --no-sample --write-docs"}
NAMES = {"dev": "PolNeAR dev", "test": "PolNeAR test", "sample": "bundled sample"}
KEYS = {"dev": "polnear_dev", "test": "polnear_test", "sample": "sample"}


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
    per_doc = []  # tp, predicted, gold, source right, content matched, kind right
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
        per_doc.append((r["matched"], r["cue"].n_pred, r["cue"].n_gold, r["source_ok"], r["content_ok"],
                        sum(n for (g, p), n in r["kinds"].items() if g == p)))
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
        "per_doc": per_doc,
    }


def figures(key: str, r: dict) -> dict[str, float]:
    """The flat figures of one scored data set, with 95% intervals over documents."""
    c = np.asarray(r["per_doc"], dtype=float).reshape(-1, 6)
    out = {f"{key}_documents": r["documents"], f"{key}_gold_cues": r["gold"],
           f"{key}_predicted_cues": r["predicted"]}
    out.update(C.prf_figures(f"{key}_cue", c[:, :3]))
    for j, name in ((3, "source_accuracy"), (4, "content_match"), (5, "kind_accuracy")):
        out.update(C.ratio_figures(f"{key}_{name}", np.stack([c[:, j], c[:, 0]], axis=1)))
    return out


def load(split: str) -> list[dict]:
    if split == "sample":
        from framing.datasets import load_sample_gold

        return load_sample_gold()
    from framing.datasets import load_polnear

    return load_polnear(split).records


def table(figs: dict[str, float], data: list[str]) -> str:
    """Markdown table of the figures of ``data`` (split names), each with its interval."""
    head = (
        "| data | documents | gold cues | predicted | cue P | cue R | cue F1 | source acc. "
        "| content match | kind acc. |\n|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for split in data:
        k = KEYS[split]
        rows.append(
            f"| {NAMES[split]} | {figs[k + '_documents']} | {figs[k + '_gold_cues']} | {figs[k + '_predicted_cues']} | "
            + " | ".join(C.fmt(figs, f"{k}_{m}") for m in ("cue_precision", "cue_recall", "cue_f1",
                                                          "source_accuracy", "content_match", "kind_accuracy"))
            + " |"
        )
    return head + "\n".join(rows) + "\n"


def write_docs(tab: str, split: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    begin, end = f"<!-- attribution-table-{split}:begin -->", f"<!-- attribution-table-{split}:end -->"
    block = (f"{begin}\nProduced by `{COMMANDS[split]}` on {date.today().isoformat()} "
             f"({C.INTERVAL_NOTE}):\n\n{tab}{end}")
    if begin in text and end in text:
        pre, rest = text.split(begin, 1)
        _, post = rest.split(end, 1)
        text = pre + block + post
    else:
        text += "\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    C.add_arguments(ap, "PolNeAR's dev or test split")
    ap.add_argument("--no-sample", action="store_true", help="do not score the bundled sample")
    ap.add_argument("--write-docs", action="store_true",
                    help=f"write the table into {DOCS.relative_to(ROOT)} (one block per split)")
    args = ap.parse_args(argv)
    data = [args.split] + ([] if args.no_sample else ["sample"])
    figs: dict[str, float] = {}
    for split in data:
        figs.update(figures(KEYS[split], score_records(load(split))))
    tab = table(figs, data)
    print(tab)
    print(C.INTERVAL_NOTE)
    # the ledger first: its line records whether the checkout differed from the commit,
    # which the docs page written next would make it
    C.finish(args, "evaluation/attribution.py", figs, argv if argv is not None else sys.argv[1:])
    if args.write_docs:
        write_docs(tab, args.split)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
