"""CPU seconds per article in this process and in forked ``n_jobs`` workers (issue 15).

``bench_scale.py`` gives the CPU seconds of whole runs, which a shared machine inflates
unevenly from run to run. This script compares the steady-state cost per article of the
same documents analysed (a) in this process and (b) in worker processes forked by
``framing.analysis.run`` once the models are loaded, in alternating rounds in one process;
each worker measures its own CPU time per batch (``time.process_time``), so start-up and
the parent's work are left out. The real Article-Bias-Prediction test articles
(``FRAMING_DATA``) are used, repeated to ``--articles``. Linux only (the workers are forked).

    python benchmarks/bench_worker_cpu.py --articles 1500 --workers 1 2 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import time

from _machine import machine

BATCH = 63  # the batch size of a 500-document chunk with two workers


def timed_batch(docs, first, digest, run, timeout):
    """A worker task: the batch's CPU seconds in the worker."""
    from framing.analysis.run import analyze_batch

    start = time.process_time()
    analyze_batch(docs, first, digest, run, timeout)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args(argv)

    import framing.analysis.run as run
    from framing import Document
    from framing.analysis.run import _batch_tables, _workers, warm_up
    from framing.datasets import load_article_bias_prediction
    from framing.pipeline import as_pipeline

    if not run._fork_available():
        raise SystemExit("workers are not forked here (not Linux, or another thread runs)")
    base = list(load_article_bias_prediction())
    base = [base[i % len(base)] for i in range(args.articles)]
    pipeline = as_pipeline(None)
    warm_up(pipeline)
    print(f"# {machine()}; {args.articles:,} articles; load {os.getloadavg()[0]:.1f}", flush=True)
    for r in range(args.rounds):
        for workers in args.workers:
            docs = [Document(d.text, id=d.id) for d in base]
            start = time.process_time()
            for i in range(0, len(docs), BATCH):
                _batch_tables(docs[i:i + BATCH], i, pipeline, None, 600)
            here = time.process_time() - start
            docs = [Document(d.text, id=d.id) for d in base]
            with _workers(workers, pipeline, None, False) as (in_order, digest, r_):
                calls = ((timed_batch, (docs[i:i + BATCH], i, digest, r_, 600))
                         for i in range(0, len(docs), BATCH))
                seconds = list(in_order(calls))
            n = len(docs)
            print(f"round {r}, {workers} worker(s): this process {1000 * here / n:.1f} ms/article; "
                  f"forked workers {1000 * sum(seconds) / n:.1f} ms/article; "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
