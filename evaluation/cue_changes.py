"""Which attribution cues a change moves on PolNeAR dev (never test): the cues an earlier
commit predicts and this tree does not (``gone``), and the reverse (``new``), each true or
false by the scoring's one-to-one match with the gold cues on its own side.

Both sides run as ``evaluation/attribution.py`` runs the extractor
(``extract_attributions(Document(text))``), each with its own package: the earlier commit's
``framing/`` is loaded beside this tree's (``benchmarks/_machine.reference_package``), so
a change to the text layer (sentences, tags) counts as well as one to the extractor.

Usage::

    python evaluation/cue_changes.py --against c2c379f [--split dev|train] [--examples 20]

Prints the number of cues of each kind, the cue F1 of both sides (six decimals: a change of
a few cues moves it in the fourth), and the changed cues with their sentence.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "benchmarks"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from _machine import reference_package  # noqa: E402  (benchmarks/_machine.py)

from framing.datasets import load_polnear  # noqa: E402
from framing.document import Document  # noqa: E402
from framing.extract.attribution import extract_attributions  # noqa: E402
from framing.scoring import PRF, match_spans  # noqa: E402


def cue_spans(document_class, extract, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The predicted cues of ``text`` (as attribution.py predicts them) and its sentences."""
    doc = document_class(text)
    cues = [tuple(a.to_dict()["cue"]) for a in extract(doc)]
    return cues, [(s.start, s.end) for s in doc.sentences]


def changes(commit: str, split: str = "dev") -> tuple[Counter, list[str], dict[str, PRF]]:
    """Counts of gone/new cues by truth, example lines, and each side's cue counts."""
    if split == "test":
        raise SystemExit("cue changes read dev (or train), never test")
    ref = reference_package(commit)
    ref_extract = importlib.import_module(f"{ref.__name__}.extract.attribution").extract_attributions
    counts: Counter = Counter()
    lines: list[str] = []
    prf = {commit: PRF(), "this tree": PRF()}
    for rec in load_polnear(split).records:
        text, gold = rec["text"], [g["cue"] for g in rec["attributions"]]
        sides = {commit: cue_spans(ref.Document, ref_extract, text),
                 "this tree": cue_spans(Document, extract_attributions, text)}
        true: dict[str, set] = {}
        for name, (cues, _) in sides.items():
            pairs = match_spans(cues, gold)
            prf[name] = prf[name] + PRF(len(pairs), len(cues), len(gold))
            true[name] = {cues[i] for i, _ in pairs}
        (old, old_sents), (now, now_sents) = sides[commit], sides["this tree"]
        for kind, cues, others, name, sents in (("gone", old, now, commit, old_sents),
                                                ("new", now, old, "this tree", now_sents)):
            for cue in sorted(set(cues) - set(others)):
                truth = "true" if cue in true[name] else "false"
                counts[kind, truth] += 1
                s0, s1 = sents[max(0, bisect_right([a for a, _ in sents], cue[0]) - 1)]
                lines.append(f"{kind} {truth}: {text[slice(*cue)]!r} in {rec.get('id', '')} | "
                             f"{' '.join(text[s0:s1].split())[:200]}")
    return counts, lines, prf


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, metavar="COMMIT", help="the earlier commit")
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--examples", type=int, default=20, help="changed cues listed (0: none)")
    args = ap.parse_args(argv)
    counts, lines, prf = changes(args.against, args.split)
    print(f"PolNeAR {args.split}: predicted cues of {args.against} against this tree\n")
    print("| cues | true | false |\n|---|---|---|")
    for kind in ("gone", "new"):
        print(f"| {kind} | {counts[kind, 'true']} | {counts[kind, 'false']} |")
    print()
    for name, c in prf.items():
        print(f"{name}: {c.n_pred} predicted, {c.tp} matched of {c.n_gold} gold, cue F1 {c.f1:.6f}")
    if args.examples:
        print()
        for line in lines[:args.examples]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
