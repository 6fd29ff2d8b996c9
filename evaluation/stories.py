"""Story alignment: pair precision and recall of framing.analysis.align_stories against story labels.

The threshold was chosen on AllSides/NeuS (the grid below); the Article-Bias-Prediction triples
are the held-out check (their gold is a heuristic: same AllSides topic and day).

Usage::

    FRAMING_DATA=../shared/data python evaluation/stories.py [--json PATH]
"""

from __future__ import annotations

import argparse
import itertools
import json

from framing.analysis import align_stories
from framing.datasets import load_abp_story_triples, load_allsides_neus

GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)


def pairs(labels) -> set[tuple[int, int]]:
    groups: dict = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return {p for g in groups.values() for p in itertools.combinations(g, 2)}


def scores(corpus, threshold: float) -> tuple[float, float]:
    gold = pairs([d.story for d in corpus])
    pred = pairs(align_stories(corpus, threshold=threshold).tolist())
    tp = len(gold & pred)
    return tp / max(len(pred), 1), tp / max(len(gold), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write the figures as a flat JSON object")
    args = ap.parse_args()
    figures = {}
    print("| corpus | threshold | pair precision | pair recall |\n|---|---|---|---|")
    for name, corpus in (("allsides", load_allsides_neus()), ("abp_triples", load_abp_story_triples())):
        for t in GRID:
            p, r = scores(corpus, t)
            print(f"| {name} | {t} | {p:.3f} | {r:.3f} |")
            if t == 0.2:
                figures[f"{name}_pair_precision"], figures[f"{name}_pair_recall"] = p, r
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
