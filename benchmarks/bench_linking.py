"""CPU time of the actor step's linking (mentions, sources, pronouns) against a git revision.

The linking of :func:`framing.extract.actors.link_actors` (``find_mentions``, then
``source_mentions``, ``pronoun_links``, ``plural_links`` where the revision has it, the
attributions' actors and ``quote_pronoun_links``; the working tree's side calls
``link_actors`` itself)
is timed on documents the pipeline has already analysed (their mentions are made anew), once with the working tree's
``mentions.py`` and ``coref.py`` and once with those of ``--ref`` (its ``framing/`` loaded
as ``framing_ref`` beside this tree's: ``_machine.reference_package``), in alternating
rounds in one process (the order reversed every other round), CPU time
(``time.process_time``). The actor-sentiment part of the step
is not timed: it is the same code on both sides.

Usage::

    python benchmarks/bench_linking.py --ref 054c11c [--rounds 6]
    python benchmarks/bench_linking.py --ref 054c11c --texts "$FRAMING_DATA/polnear/data/train/text/*.txt"
"""

from __future__ import annotations

import argparse
import glob
import importlib
import time

from _machine import alternating, machine, reference_package  # benchmarks/_machine.py

import framing
from framing.datasets import load_sample, load_sample_actors
from framing.document import Document
from framing.extract.actors import coref, mentions
from framing.extract.actors.link import link_attributions
from framing.extract.actors.step import link_actors


def _link(doc, table, men, cor) -> int:
    """The calls of ``link_actors``, with the mention and coreference functions of ``men``
    and ``cor``; the working tree's own ``link_actors`` when they are this tree's (it passes
    the document's token columns from one call to the next)."""
    if men is mentions and cor is coref:
        link_actors(doc, table)
        return len(doc.mentions)
    ms = men.find_mentions(doc, table)
    ms = sorted(ms + cor.source_mentions(doc, ms), key=lambda m: m.span)
    ms = sorted(ms + cor.pronoun_links(doc, ms), key=lambda m: m.span)
    if hasattr(cor, "plural_links"):
        ms = sorted(ms + cor.plural_links(doc, ms), key=lambda m: m.span)
    doc.mentions = ms
    doc.attributions = link_attributions(doc)
    doc.mentions = sorted(ms + cor.quote_pronoun_links(doc, ms), key=lambda m: m.span)
    return len(doc.mentions)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", required=True, help="git revision to compare with (e.g. main)")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=10, help="copies of the sample per round")
    ap.add_argument("--texts", help="glob pattern of text files to time instead of the sample")
    args = ap.parse_args()
    if args.texts:
        docs = [Document(open(p, encoding="utf-8").read(), id=p) for p in sorted(glob.glob(args.texts))]
        tables: list = [None] * len(docs)
    else:
        docs = [d for _ in range(args.repeat) for d in load_sample()]
        tables = [load_sample_actors(d.story) for d in docs]
    docs = [framing.analyze(d.text, actors=tb) for d, tb in zip(docs, tables)]  # every step, once
    words = sum(len(d.text.split()) for d in docs)
    ref = reference_package(args.ref)
    old_m = importlib.import_module(f"{ref.__name__}.extract.actors.mentions")
    old_c = importlib.import_module(f"{ref.__name__}.extract.actors.coref")
    sides = {"ref": (old_m, old_c), "now": (mentions, coref)}
    times: dict[str, list[float]] = {k: [] for k in sides}
    counts: dict[str, int] = {}
    for _, name in alternating(sides, args.rounds):
        men, cor = sides[name]
        t = time.process_time()
        counts[name] = sum(_link(d, tb, men, cor) for d, tb in zip(docs, tables))
        times[name].append(time.process_time() - t)
    print(machine())
    print(f"{len(docs)} documents, {words} words; linking CPU seconds per round (min / median / max):")
    for name, ts in times.items():
        ts = sorted(ts)
        print(f"  {name:>3} ({args.ref if name == 'ref' else 'working tree'}): {ts[0]:.3f} / "
              f"{ts[len(ts) // 2]:.3f} / {ts[-1]:.3f} s, {words / ts[len(ts) // 2]:,.0f} words/s, "
              f"{counts[name]} mentions")
    print(f"  ratio now / ref (medians): {sorted(times['now'])[len(times['now']) // 2] / sorted(times['ref'])[len(times['ref']) // 2]:.2f}")


if __name__ == "__main__":
    main()
