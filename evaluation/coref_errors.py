"""Where the rule-based coreference links pronouns and role nouns on BASIL events 0-79 (never
80-99): an error analysis of ``framing.extract.actors.coref``.

For every gold target span of BASIL's train part (events 0-79) whose sentence holds a
pronoun or role link (``via="pronoun"`` or ``"role"``), the script lists what each link was
given against the span's gold target, and sorts the spans into:

- ``to target``: a link in the sentence goes to the gold target;
- ``other, target named``: the links go to other actors and the target is named in the
  sentence (the links may well be right: the sentence is about two people);
- ``other, target not named``: the links go to other actors and the target has no mention in
  the sentence: the most likely wrong links (a pronoun that should be the target's);
- and, for spans without any link in the sentence, ``unlinked pronoun`` when the sentence
  holds a he/she/him/her/his the rules left alone and the target is not named.

The counts are a screen: BASIL's target is the entity a biased span aims at, not the referent
of every pronoun, so the examples (``--examples N``) are read and classified by hand.

Usage::

    FRAMING_DATA=../shared/data python evaluation/coref_errors.py [--examples 50] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from actors import basil_documents, without_later_steps  # noqa: E402

_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)


def analyse(examples: int = 0, seed: int = 0) -> Counter:
    # events 0-79 only
    pipeline = without_later_steps().without("actor_sentiment")
    counts: Counter = Counter()
    shown: list[tuple[str, str]] = []
    for r, doc, canon in basil_documents("dev", pipeline):
        for sp in r.spans:
            if not sp["target"]:
                continue
            target = canon.get(sp["target"].lower(), sp["target"])
            si = sp["sentence_index"]
            s0, s1 = r.sentences[si]
            in_sent = [m for m in doc.mentions if s0 <= m.span.start < s1]
            links = [m for m in in_sent if m.via in {"pronoun", "role"}]
            named = any(m.actor == target and m.via not in {"pronoun", "role"} for m in in_sent)
            covered = any(m.actor == target for m in in_sent)
            counts["spans"] += 1
            counts["covered"] += covered
            if links:
                if any(m.actor == target for m in links):
                    cat = "to target"
                elif named:
                    cat = "other, target named"
                else:
                    cat = "other, target not named"
                for m in links:
                    kind = "pronoun" if m.via == "pronoun" else "role"
                    counts[f"{kind} link {'to target' if m.actor == target else 'elsewhere'}"] += 1
            elif not covered and _PRONOUN.search(r.text[s0:s1]):
                cat = "unlinked pronoun"
            else:
                continue
            counts[cat] += 1
            if cat in {"other, target not named", "unlinked pronoun"}:
                prev = r.text[r.sentences[si - 1][0]:r.sentences[si - 1][1]] if si > 0 else ""
                link_s = "; ".join(f"{m.text!r}->{m.actor}" for m in links) or "-"
                shown.append((cat, f"[{cat}] gold={target} ({sp['polarity']}) links: {link_s}\n"
                                   f"  prev: {prev[-300:]}\n  sent: {r.text[s0:s1][:400]}"))
    if examples:
        random.Random(seed).shuffle(shown)
        for _cat, s in shown[:examples]:
            print(s, "\n")
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=0, help="print this many examples of likely errors")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    counts = analyse(args.examples, args.seed)
    print("| count | spans |\n|---|---|")
    for k, v in sorted(counts.items()):
        print(f"| {k} | {v} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
