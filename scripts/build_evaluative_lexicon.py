"""Build framing/data/lexicons/evaluative.tsv from the sentiment lexicons the package's own
dependencies ship, so that the table can be audited and rebuilt byte for byte.

Sources (both installed with ``pip install framing-analysis``):

- ``textblob/en/en-sentiment.xml`` (textblob, MIT; the file itself is from the pattern
  library, De Smedt & Daelemans 2012, declared ``license="PDDL"``): per-sense polarity in
  [-1, 1] and subjectivity in [0, 1], mostly adjectives.
- ``vaderSentiment/vader_lexicon.txt`` (vaderSentiment 3.3.2, MIT; Hutto & Gilbert 2014):
  mean of ten human ratings in [-4, 4], their standard deviation and the raw ratings.

Normalisation (constants below):

- textblob: polarity and subjectivity are averaged over the word's senses (as textblob
  itself does); an entry counts when ``|polarity| >= TB_MIN_POLARITY`` and
  ``subjectivity >= TB_MIN_SUBJECTIVITY``; its strength is ``|polarity|``.
- VADER: alphabetic entries only (no emoticons); an entry counts when
  ``|mean| >= VADER_MIN_MEAN``; its strength is ``|mean| / 4``.
- A word in both keeps the sign they agree on and the mean of the two strengths; a word on
  which they disagree in sign is dropped (and counted in the summary).
- ``intensity`` = strength rounded to 2 decimals, clipped to [0.05, 1].

Usage::

    python scripts/build_evaluative_lexicon.py          # write the table, print counts
    python scripts/build_evaluative_lexicon.py --check  # exit 1 if the table is stale
"""

from __future__ import annotations

import argparse
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import textblob
import vaderSentiment

OUT = Path(__file__).resolve().parents[1] / "framing" / "data" / "lexicons" / "evaluative.tsv"

TB_MIN_POLARITY = 0.2
TB_MIN_SUBJECTIVITY = 0.5
VADER_MIN_MEAN = 1.0

HEADER = (
    "# Evaluative word lexicon of framing, built by scripts/build_evaluative_lexicon.py from\n"
    "# textblob {tb} en/en-sentiment.xml (MIT package; file from pattern, PDDL) and\n"
    "# vaderSentiment {vd} vader_lexicon.txt (MIT). See framing/data/lexicons/README.md.\n"
    "# polarity: +1/-1; intensity: (0, 1]; tb_*: textblob sense averages; vader_*: VADER mean\n"
    "# and sd of ten ratings in [-4, 4]; source: which lexicons list the word.\n"
)
COLUMNS = ["word", "polarity", "intensity", "tb_polarity", "tb_subjectivity", "tb_senses",
           "vader_mean", "vader_sd", "source"]


def _textblob() -> dict[str, tuple[float, float, int]]:
    path = os.path.join(os.path.dirname(textblob.__file__), "en", "en-sentiment.xml")
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for el in ET.parse(path).getroot().iter("word"):
        form = el.get("form", "").lower()
        if not form or " " in form:
            continue
        senses[form].append((float(el.get("polarity", 0)), float(el.get("subjectivity", 0))))
    return {
        w: (sum(p for p, _ in v) / len(v), sum(s for _, s in v) / len(v), len(v))
        for w, v in senses.items()
    }


def _vader() -> dict[str, tuple[float, float]]:
    path = os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            word = parts[0].lower()
            if word.replace("-", "").replace("'", "").isalpha():
                out[word] = (float(parts[1]), float(parts[2]))
    return out


def build() -> tuple[str, dict[str, int]]:
    tb, vd = _textblob(), _vader()
    rows = []
    stats = defaultdict(int)
    for word in sorted(set(tb) | set(vd)):
        cands = []
        tbp = tbs = n = None
        vm = vsd = None
        if word in tb:
            tbp, tbs, n = tb[word]
            if abs(tbp) >= TB_MIN_POLARITY and tbs >= TB_MIN_SUBJECTIVITY:
                cands.append(("textblob", 1 if tbp > 0 else -1, abs(tbp)))
        if word in vd:
            vm, vsd = vd[word]
            if abs(vm) >= VADER_MIN_MEAN:
                cands.append(("vader", 1 if vm > 0 else -1, abs(vm) / 4))
        if not cands:
            continue
        if len({c[1] for c in cands}) > 1:
            stats["dropped_sign_conflict"] += 1
            continue
        polarity = cands[0][1]
        strength = sum(c[2] for c in cands) / len(cands)
        intensity = min(1.0, max(0.05, round(strength, 2)))
        source = "+".join(c[0] for c in cands)
        stats[source] += 1
        rows.append([
            word, str(polarity), f"{intensity:.2f}",
            "" if tbp is None else f"{tbp:.3f}", "" if tbs is None else f"{tbs:.3f}",
            "" if n is None else str(n),
            "" if vm is None else f"{vm:.1f}", "" if vsd is None else f"{vsd:.5f}", source,
        ])
    stats["entries"] = len(rows)
    text = HEADER.format(tb=_version("textblob"), vd=_version("vaderSentiment"))
    text += "\t".join(COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    return text, dict(stats)


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = ap.parse_args(argv)
    text, stats = build()
    if args.check:
        ok = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if ok else f"stale: rerun {Path(__file__).name}")
        return 0 if ok else 1
    OUT.write_text(text, encoding="utf-8")
    for k, v in sorted(stats.items()):
        print(f"{k}\t{v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
