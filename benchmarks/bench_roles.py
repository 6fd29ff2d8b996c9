"""Cost of the roles step: the default pipeline with and without it, alternating runs in one
process (target: the step adds at most 15% to the default pipeline's time).

Input: the bundled sample (16 articles) repeated ``--repeat`` times, analysed with the
sample's actor tables, one core. Each round runs both pipelines on fresh Documents, in
alternating order; the figures are words per second per core (median over rounds) and the
roles step's share of the time (median time with it over median time without it, minus 1);
then the step alone in CPU time (``time.process_time``, which other jobs on a shared machine
disturb less than wall time), on documents the pipeline without it has analysed.
``--model PATH`` times the step with an EntityRoleClassifier JSON file instead of the rules.

    python benchmarks/bench_roles.py [--rounds 5] [--repeat 4] [--model roles.json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import alternating_rounds, machine  # noqa: E402  (benchmarks/_machine.py)

from framing import Document, Pipeline  # noqa: E402
from framing.datasets import load_sample, load_sample_actors  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--model", help="an EntityRoleClassifier JSON file for the roles step")
    args = ap.parse_args()
    sample = list(load_sample()) * args.repeat
    tables = load_sample_actors()
    with_roles = Pipeline.default()
    if args.model:
        with_roles = with_roles.replace("roles", args.model)
    pipelines = {"default with roles": with_roles,
                 "default without roles": Pipeline.default().without("roles")}
    for p in pipelines.values():  # load models and lexicons once
        p.run(Document(sample[0].text))
    words = sum(Document(d.text).word_count for d in sample[:len(sample) // args.repeat]) * args.repeat
    times = alternating_rounds(pipelines, sample, tables, args.rounds)
    order = list(pipelines)
    print(f"machine: {machine()}")
    print(f"{len(sample)} articles, {words:,} words, {args.rounds} alternating rounds, one core, "
          f"roles step: {'model ' + args.model if args.model else 'rules (default)'}\n")
    print("| pipeline | median s | words/s per core |\n|---|---|---|")
    med = {name: statistics.median(ts) for name, ts in times.items()}
    for name in times:
        print(f"| {name} | {med[name]:.2f} | {words / med[name]:,.0f} |")
    added = med["default with roles"] / med["default without roles"] - 1.0
    print(f"\nroles step adds {100 * added:.1f}% to the default pipeline (difference of the two "
          "pipelines' medians; target: <= 15%)")
    # the step alone, timed on documents the pipeline without it has analysed
    from framing.extract.roles import assign_roles

    step, step_s = [], []
    for _ in range(args.rounds):
        docs = [Document(d.text, story=d.story) for d in sample]
        t = time.process_time()
        for d in docs:
            pipelines["default without roles"].run(d, actors=tables.get(d.story))
        base = time.process_time() - t
        model = with_roles["roles"].model
        t = time.process_time()
        for d in docs:
            assign_roles(d, model)
        step_s.append(time.process_time() - t)
        step.append(step_s[-1] / base)
    print(f"roles step alone: {100 * statistics.median(step):.1f}% of the pipeline without it, "
          f"{statistics.median(step_s):.3f} CPU s per round ({words / statistics.median(step_s):,.0f} words/s) "
          "(medians over rounds, CPU time of this process)")


if __name__ == "__main__":
    main()
