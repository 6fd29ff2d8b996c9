"""Throughput and peak memory of a corpus streamed from JSON Lines to Parquet tables (issue 15).

Input: the 1,300 real test articles of Article-Bias-Prediction (``FRAMING_DATA``), repeated
to ``--articles`` documents where the corpus is smaller (each copy gets its own id,
``<id>-r<k>``: the same texts, analysed again); without the corpus, the bundled sample (16
short articles) repeated, and the table says so. The JSONL file is written once per size
(outside the repository, ``--work``) and each run streams it to a fresh folder of Parquet
tables with :func:`framing.analysis.stream.analyze_stream` in one of three ways:

- ``single``: one process (``n_jobs=1``);
- ``jobs2``: ``n_jobs=2`` worker processes (rows come back, not documents); on Linux they
  are forked from the run's process once it has loaded the models;
- ``jobs2-loky``: the same with the workers started by joblib's loky, as on macOS and
  Windows (each worker imports framing and loads the models);
- ``dask``: :func:`framing.analysis.dask_run.analyze_dask` on a ``LocalCluster`` of two
  worker processes with one thread each, made with Dask's message logs off
  (``distributed.admin.low-level-log-length`` 0, as ``analyze_dask``'s Notes advise).

Each run is a fresh Python process (started by this script), so the one-off costs (import,
model loading, worker start-up) are in its time, as a user pays them. A thread samples the
run's process tree every 0.2 s from ``/proc`` (Linux): the peak of the summed resident
memory (``VmRSS``, which counts a page shared by forked workers in each of them) and of the
summed proportional set size (PSS, which splits a shared page between its processes); the
CPU seconds (user + system) of the run's process (the parent) and of its descendants
(workers, Dask nanny/scheduler), each the last value read before the process ended; and
the parent's CPU seconds when its first child appeared. Words are the ``words`` column of
the articles table (``Document.word_count``). The load average before and after each run
is printed: the machine may be shared, and a busy machine changes the CPU seconds less
than the wall clock. From the CPU seconds the script infers the speedup of ``jobs2`` over
``single`` on two free cores (:func:`implied_speedup`): an inference, not a measurement.

Runs alternate between the ways (``single``, ``jobs2``, ``jobs2-loky``, ``dask``, then
again for ``--rounds``), so that a change of load hits all of them; the ratio to
``single`` is given per round.

    python benchmarks/bench_scale.py --articles 1000 --rounds 2
    python benchmarks/bench_scale.py --articles 10000 --ways single jobs2
    python benchmarks/bench_scale.py --articles 100000 --ways single   # the 1.5 GB target
    python benchmarks/bench_scale.py --articles 100000 --ways jobs2 --source triples \\
        --work /tmp/w --keep-tables
    python benchmarks/bench_compare.py --tables /tmp/w/tables-jobs2-articles-triples-100000
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from _machine import machine  # noqa: E402  (benchmarks/_machine.py)

WAYS = ("single", "jobs2", "jobs2-loky", "dask")
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def write_input(n: int, work: Path, source: str = "abp") -> tuple[Path, str]:
    """A JSONL file of ``n`` articles and a description of where they come from.

    ``source="abp"``: the Article-Bias-Prediction test articles (no stories: a comparison of
    their tables pools the articles); ``"triples"``: the AllSides story triples (150 stories
    of three outlets), each copy with its own stories (``<story>-r<k>``), so that the
    comparison of the tables is the within-story one.
    """
    import framing  # noqa: F401
    from framing.datasets import load_sample

    try:
        if source == "triples":
            from framing.datasets import load_abp_story_triples

            base = list(load_abp_story_triples())
            what = f"AllSides story triples ({len(base)} real articles, {len(base) // 3} stories)"
        else:
            from framing.datasets import load_article_bias_prediction

            base = list(load_article_bias_prediction())
            what = f"Article-Bias-Prediction test articles ({len(base)} real)"
    except OSError:
        base = list(load_sample())
        what = f"bundled sample ({len(base)} articles)"
    if n > len(base):
        what += f", repeated to {n:,}" + (" (each copy its own stories)" if source == "triples" else "")
    path = work / f"articles-{source}-{n}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for i in range(n):
                d = base[i % len(base)]
                copy = i // len(base)
                story = d.story if not copy or source != "triples" else f"{d.story}-r{copy}"
                rec = {"id": f"{d.id}-r{copy}" if copy else d.id, "outlet": d.outlet,
                       "story": story, "title": d.title, "date": d.date, "text": d.text}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
    return path, what


class TreeMemory:
    """Peak of the summed VmRSS of a process and its descendants, and the CPU seconds of each
    of them (user + system, the last value read before it ended), sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.2):
        self.pid, self.every, self.peak, self.peak_self, self.peak_pss = pid, every, 0, 0, 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds, last read
        self.cpu_alone: float | None = None  # the parent's CPU seconds when a child appeared
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _rss(pid: int, file: str = "status", key: str = "VmRSS:") -> int:
        try:
            with open(f"/proc/{pid}/{file}", encoding="ascii", errors="replace") as fh:
                for line in fh:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    @classmethod
    def _pss(cls, pid: int) -> int:
        """Proportional set size: a page shared by k processes counts 1/k in each (forked
        workers share the parent's pages until they write to them; VmRSS counts them in
        every process)."""
        return cls._rss(pid, "smaps_rollup", "Pss:")

    @staticmethod
    def _cpu(pid: int) -> float | None:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime

    @property
    def cpu_parent(self) -> float:
        return self.cpu.get(self.pid, 0.0)

    @property
    def cpu_others(self) -> float:
        """CPU seconds of the descendants (workers, Dask nannies and scheduler)."""
        return sum(v for p, v in self.cpu.items() if p != self.pid)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, ()))
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = self._tree()
            total = sum(self._rss(p) for p in tree)
            self.peak_pss = max(self.peak_pss, sum(self._pss(p) for p in tree))
            if self.cpu_alone is None and len(tree) > 1:
                self.cpu_alone = self.cpu.get(self.pid, 0.0)
            for p in tree:
                seconds = self._cpu(p)
                if seconds is not None:
                    self.cpu[p] = max(self.cpu.get(p, 0.0), seconds)
            self.peak = max(self.peak, total)
            self.peak_self = max(self.peak_self, self._rss(self.pid))
            self._stop.wait(self.every)


def one_run(way: str, src: Path, out: Path, chunk_size: int) -> dict:
    """The child process: stream ``src`` to ``out`` one way; print the figures as JSON."""
    start = time.perf_counter()
    from framing.analysis.stream import analyze_stream, read_tables

    if way == "dask":
        from distributed import Client, LocalCluster

        from framing.analysis.dask_run import analyze_dask

        import dask

        # as analyze_dask's Notes advise: Dask's logs of messages would keep the batches
        # of documents sent, and the caller's process grew with the run without it
        with dask.config.set({"distributed.admin.low-level-log-length": 0}), \
                LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                             dashboard_address=":0") as cluster, Client(cluster) as client:
            store = analyze_dask(str(src), client, out, chunk_size=chunk_size, progress=False)
    else:
        if way == "jobs2-loky":
            import framing.analysis.run

            framing.analysis.run._fork_available = lambda: False
        store = analyze_stream(str(src), out, n_jobs=1 if way == "single" else 2,
                               chunk_size=chunk_size, progress=False)
    seconds = time.perf_counter() - start
    arts = read_tables(store.path, tables=["articles"]).articles
    return {"seconds": seconds, "articles": int(len(arts)),
            "ok": int((arts["status"] == "ok").sum()), "words": int(arts["words"].fillna(0).sum())}


def run_child(way: str, src: Path, work: Path, chunk_size: int, keep: bool = False) -> dict:
    out = work / f"tables-{way}-{src.stem}"
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen([sys.executable, __file__, "--child", way, str(src), str(out),
                              str(chunk_size)], stdout=subprocess.PIPE, env=env, text=True)
    with TreeMemory(child.pid) as mem:
        stdout, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"{way} run failed (exit {child.returncode})")
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(stdout.strip().splitlines()[-1])
    # CPU seconds of the run and of the descendants it waited for (every worker that ended
    # before it did): a figure that a busy machine changes less than the wall clock
    result["cpu_seconds"] = (cpu_after.ru_utime - cpu_before.ru_utime
                             + cpu_after.ru_stime - cpu_before.ru_stime)
    if keep:
        result["tables"] = str(out)
    else:
        shutil.rmtree(out, ignore_errors=True)
    result.update(way=way, peak_mb=mem.peak / 2**20, peak_parent_mb=mem.peak_self / 2**20,
                  peak_pss_mb=mem.peak_pss / 2**20,
                  cpu_parent=mem.cpu_parent, cpu_workers=mem.cpu_others,
                  cpu_alone=mem.cpu_parent if mem.cpu_alone is None else mem.cpu_alone,
                  load_before=load_before, load_after=os.getloadavg()[0],
                  articles_per_s=result["articles"] / result["seconds"],
                  words_per_s=result["words"] / result["seconds"])
    return result


def implied_speedup(single: dict, parallel: dict) -> tuple[float, float]:
    """The throughput ratio that the CPU seconds imply on two cores nobody else uses, as a
    range (an inference, not a measurement). One process takes its CPU seconds. With two
    workers, the seconds the parent spent before its first child appeared (import, reading
    the first chunk, loading the models) are serial; after that, the low end counts the
    parent's seconds as if none overlapped the workers, the high end as if all did; the
    workers' seconds are split evenly between the two cores (no straggler)."""
    total = parallel["cpu_parent"] + parallel["cpu_workers"]
    low = parallel["cpu_parent"] + parallel["cpu_workers"] / 2
    high = parallel["cpu_alone"] + (total - parallel["cpu_alone"]) / 2
    return single["cpu_parent"] / low, single["cpu_parent"] / high


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[1000])
    ap.add_argument("--ways", nargs="+", choices=WAYS, default=list(WAYS))
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--chunk-size", type=int, default=500)
    ap.add_argument("--work", type=Path, default=None,
                    help="folder for the input files and tables (default: a temporary folder)")
    ap.add_argument("--json", type=Path, default=None, help="write every run's figures here")
    ap.add_argument("--source", choices=["abp", "triples"], default="abp",
                    help="abp: Article-Bias-Prediction test articles (no stories); triples: the "
                         "AllSides story triples, each copy its own stories")
    ap.add_argument("--keep-tables", action="store_true",
                    help="keep each run's Parquet tables in --work (to time compare on them: "
                         "python benchmarks/bench_compare.py --tables DIR)")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        way, src, out, chunk = args.child
        print(json.dumps(one_run(way, Path(src), Path(out), int(chunk))))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"# {machine()}; {datetime.date.today()}; chunk_size={args.chunk_size}", flush=True)
    runs = []
    for n in args.articles:
        src, what = write_input(n, work, args.source)
        print(f"## {n:,} articles: {what}", flush=True)
        for r in range(args.rounds):
            for way in args.ways:
                res = run_child(way, src, work, args.chunk_size, keep=args.keep_tables)
                res.update(n=n, round=r, input=what)
                runs.append(res)
                print(f"{n:>7,} {way:<6} round {r}: {res['seconds']:8.1f} s  "
                      f"{res['articles_per_s']:7.1f} articles/s  {res['words_per_s']:9,.0f} words/s  "
                      f"peak {res['peak_mb']:7.0f} MB (parent {res['peak_parent_mb']:.0f} MB, "
                      f"PSS {res['peak_pss_mb']:.0f} MB)  "
                      f"cpu {res['cpu_seconds']:.1f} s (sampled: parent {res['cpu_parent']:.1f}, "
                      f"{res['cpu_alone']:.1f} before a child; children {res['cpu_workers']:.1f})  "
                      f"load {res['load_before']:.1f} -> {res['load_after']:.1f}", flush=True)
            by = {x["way"]: x for x in runs if x["n"] == n and x["round"] == r}
            for way in [w for w in args.ways if w.startswith("jobs2") and "single" in by]:
                print(f"        round {r}: {way} / single throughput = "
                      f"{by[way]['articles_per_s'] / by['single']['articles_per_s']:.2f}x (wall); "
                      "{:.2f}-{:.2f}x implied by the CPU seconds on two free cores (an "
                      "inference)".format(*implied_speedup(by["single"], by[way])), flush=True)
        if args.rounds > 1 and {"single", "jobs2"} <= set(args.ways):
            ratios = []
            for r in range(args.rounds):
                by = {x["way"]: x for x in runs if x["n"] == n and x["round"] == r}
                ratios.append(by["jobs2"]["articles_per_s"] / by["single"]["articles_per_s"])
            print(f"        median jobs2 / single over {args.rounds} rounds: "
                  f"{statistics.median(ratios):.2f}x (min {min(ratios):.2f}, max {max(ratios):.2f})")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "date": str(datetime.date.today()),
                                         "runs": runs}, indent=1), encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
