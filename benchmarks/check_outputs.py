"""Check that a speed change leaves the default pipeline's output byte-identical.

Runs ``Pipeline.default()`` on the 16 bundled sample articles (with their actor tables) and
on 200 PolNeAR articles (the 84 dev articles and the first 116 train articles, sorted by
file name; never the test split) and writes one line per article: ``json.dumps`` of
``Document.to_dict()`` with sorted keys. ``--write`` stores the lines (run it on the code
before the change); ``--compare`` runs the pipeline again and reports every article whose
line differs, with the first differing characters.

    python benchmarks/check_outputs.py --write /tmp/before.jsonl
    python benchmarks/check_outputs.py --compare /tmp/before.jsonl

Exit status 1 when any article differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import article_rows  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402

N_TRAIN = 116


def outputs() -> list[tuple[str, str]]:
    """(name, JSON line of ``to_dict``) for every input article."""
    pipeline = Pipeline.default()
    out = []
    for name, text, story, table in article_rows(train=N_TRAIN):
        doc = pipeline.run(Document(text, story=story), actors=table)
        out.append((name, json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", help="store the outputs here")
    group.add_argument("--compare", help="compare with outputs stored here")
    args = ap.parse_args()
    rows = outputs()
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            for name, line in rows:
                fh.write(f"{name}\t{line}\n")
        print(f"{len(rows)} articles written to {args.write}")
        return
    with open(args.compare, encoding="utf-8") as fh:
        stored = dict(line.rstrip("\n").split("\t", 1) for line in fh)
    if len(rows) != len({name for name, _ in rows}):
        sys.exit("two inputs share a name")
    bad = 0
    for name, line in rows:
        old = stored.get(name)
        if old == line:
            continue
        bad += 1
        if old is None:
            print(f"{name}: not in {args.compare}")
            continue
        i = next((k for k, (a, b) in enumerate(zip(old, line)) if a != b), min(len(old), len(line)))
        print(f"{name}: differs at character {i}:\n  before ...{old[max(0, i - 80):i + 80]}\n"
              f"  after  ...{line[max(0, i - 80):i + 80]}")
    missing = set(stored) - {name for name, _ in rows}
    print(f"{len(rows)} articles compared: {len(rows) - bad} identical, {bad} differ"
          + (f", {len(missing)} stored articles not run" if missing else ""))
    sys.exit(1 if bad or missing else 0)


if __name__ == "__main__":
    main()
