"""Issue 15: stream a corpus of any size, parallel runs that send rows back, the same run on
Dask. Every route must give the tables of ``Corpus.analyze()`` in one process, exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from framing.analysis.run import analyze_chunks
from framing.analysis.stream import MANIFEST, analyze_stream, read_tables
from framing.analysis.tables import TABLES, Analysis
from framing.datasets import load_sample, load_sample_actors
from framing.io import iter_csv, iter_jsonl, iter_path, read_csv, read_jsonl

from tests.conftest import requires_data

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "framing" / "data" / "sample" / "articles.jsonl"


def assert_same_tables(a: Analysis, b: Analysis) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True,
                                      obj=name)
    assert a.problems == b.problems


@pytest.fixture(scope="module")
def reference():
    """The sample analysed in one process, keeping the documents (the eager run)."""
    return load_sample().analyze(actors=load_sample_actors(), progress=False)


# -- streaming readers: the chunks add up to what the eager readers read ----------------------

def _hostile_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({"id": "a", "text": "Officials said the talks may resume.", "outlet": "X"}),
        "",
        "{not json",
        json.dumps({"id": "b", "text": "", "outlet": "Y"}),
        json.dumps([1, 2]),
        json.dumps({"id": "a", "text": "The same id again, critics said.", "side": 3}),
        '{"id": "c", "text": "A NaN here.", "score": NaN}',
        json.dumps({"id": "d", "text": 7}),
    ]
    data = "\n".join(lines).encode("utf-8") + b'\n{"id": "e", "text": "Caf\xe9 owners said so."}\r\n'
    data += "\r".join(json.dumps({"id": f"r{i}", "text": f"Row {i} said."}) for i in range(5)).encode()
    path.write_bytes(data)
    return path


def _docs(corpora):
    docs = [d for c in corpora for d in c]
    return [(d.id, d.text, d.outlet, d.meta) for d in docs]


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 7, 1000])
def test_iter_jsonl_adds_up_to_read_jsonl(tmp_path, chunk_size):
    path = _hostile_jsonl(tmp_path / "h.jsonl")
    eager = read_jsonl(path, errors="report")
    chunks = list(iter_jsonl(path, chunk_size=chunk_size, errors="report"))
    assert _docs(chunks) == _docs([eager])
    assert [p for c in chunks for p in c.problems] == eager.problems
    assert [w for c in chunks for w in c.warnings] == eager.warnings
    assert {w.reason[:12] for w in eager.warnings} >= {"not valid UT", "id 'a' is al", "NaN is not a"}
    assert all(len(c) + len(c.problems) <= chunk_size for c in chunks)
    assert sum(len(c) + len(c.problems) for c in chunks) == 13  # rows in = documents + problems


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 1000])
def test_iter_csv_adds_up_to_read_csv(tmp_path, chunk_size):
    rows = ['1,ok said.', '2,"x', '3,ok', '4,"a","b"', '5,', '6,"multi\nline",', '7,"y " z"',
            '1,dup id', '8,last']
    path = tmp_path / "m.csv"
    path.write_bytes(("id,text\n" + "\n".join(rows) + "\n").encode() + b"9,caf\xe9\n")
    eager = read_csv(path, errors="report")
    chunks = list(iter_csv(path, chunk_size=chunk_size, errors="report"))
    assert _docs(chunks) == _docs([eager])
    assert [p for c in chunks for p in c.problems] == eager.problems
    assert [w for c in chunks for w in c.warnings] == eager.warnings
    assert len(eager.warnings) == 2 and len(eager.problems) >= 3
    assert sum(len(c) + len(c.problems) for c in chunks) == len(eager) + len(eager.problems)


def test_streaming_readers_raise_like_the_eager_ones(tmp_path):
    path = _hostile_jsonl(tmp_path / "h.jsonl")
    with pytest.raises(Exception, match="line 3"):
        list(iter_jsonl(path, chunk_size=1))
    with pytest.raises(ValueError, match="chunk_size"):
        iter_jsonl(path, chunk_size=0)
    with pytest.raises(FileNotFoundError):
        iter_jsonl(tmp_path / "missing.jsonl")


def test_iter_parquet_adds_up_to_the_table(tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow (the [parquet] extra)")
    from framing.io import iter_parquet, read_parquet

    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "text": ["One said.", None, "", "Four said."],
                       "outlet": ["X", "Y", "X", None],
                       "when": pd.to_datetime(["2020-01-02", None, "2021-03-04", "2022-05-06"])})
    path = tmp_path / "t.parquet"
    df.to_parquet(path)
    eager = read_parquet(path, errors="report")
    assert [d.id for d in eager] == ["a", "d"]
    assert [(p.line, p.reason) for p in eager.problems] == [(2, "empty text"), (3, "empty text")]
    assert eager[0].meta == {"when": "2020-01-02T00:00:00"}
    chunks = list(iter_parquet(path, chunk_size=3, errors="report"))
    assert [(len(c), len(c.problems)) for c in chunks] == [(1, 2), (1, 0)]
    assert _docs(chunks) == _docs([eager])
    assert [len(c) for c in iter_path(path, chunk_size=1, errors="report")] == [1, 0, 0, 1]


# -- runs that keep rows only ------------------------------------------------------------------

def test_keep_documents_false_gives_the_same_tables(reference):
    got = load_sample().analyze(actors=load_sample_actors(), progress=False,
                                keep_documents=False, chunk_size=3)
    assert got.documents == []
    assert_same_tables(reference, got)


def test_chunks_carry_problems_and_positions(tmp_path, reference):
    path = tmp_path / "s.jsonl"
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    path.write_text("\n".join(lines[:5] + ["{bad", json.dumps({"id": "empty", "text": " "})]
                              + lines[5:]) + "\n", encoding="utf-8")
    got = analyze_stream(path, actors=load_sample_actors(), chunk_size=4, progress=False)
    eager = read_jsonl(path, errors="report").analyze(actors=load_sample_actors(), progress=False)
    assert_same_tables(eager, got)
    assert list(got.articles["status"]).count("error") == 2
    assert [p.line for p in got.problems] == [6, 7]


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "loky"])
def test_parallel_rows_equal_one_process(reference, monkeypatch, fork):
    """n_jobs=2: two worker processes (forked on Linux once this process has loaded the
    models; started by loky elsewhere, each loading the models once), sending rows back."""
    import framing.analysis.run as run

    if fork and not sys.platform.startswith("linux"):
        pytest.skip("n_jobs forks its workers on Linux only; on this platform it starts them "
                    "with loky, which the fork=False case of this test checks")
    monkeypatch.setattr(run, "_fork_available", lambda: fork)
    corpus = load_sample()
    pieces = list(analyze_chunks([corpus[:9], corpus[9:]], actors=load_sample_actors(),
                                 n_jobs=2, progress=False, batch_size=3))
    assert [p.n_documents for p in pieces] == [9, 7]
    from framing.analysis.tables import assemble_tables

    got = Analysis(documents=[], **assemble_tables([p.tables for p in pieces]))
    assert_same_tables(reference, got)


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "loky"])
def test_parallel_run_keeping_documents_equals_one_process(reference, monkeypatch, fork):
    """keep_documents=True, n_jobs=2: the workers send annotated documents back, and the
    corpus's own Document objects carry the evidence."""
    import framing.analysis.run as run

    if fork and not sys.platform.startswith("linux"):
        pytest.skip("n_jobs forks its workers on Linux only; on this platform it starts them "
                    "with loky, which the fork=False case of this test checks")
    monkeypatch.setattr(run, "_fork_available", lambda: fork)
    corpus = load_sample()
    got = corpus.analyze(actors=load_sample_actors(), n_jobs=2, progress=False)
    assert all(a is b for a, b in zip(got.documents, corpus)) and len(got.documents) == 16
    assert_same_tables(reference, got)


def test_workers_are_not_forked_while_another_python_thread_runs():
    """A thread of the user's (a Jupyter kernel's, a server's) might hold a lock at the
    moment of a fork: then the workers are started by loky instead."""
    import threading

    import framing.analysis.run as run

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not run._fork_available()
    finally:
        stop.set()
        thread.join()


def _stall(doc, model):
    """A step that never ends on the article holding "stall"."""
    if "stall" in doc.text:
        while True:
            pass


def test_a_forked_worker_times_out_a_slow_article_and_goes_on(monkeypatch):
    import framing.analysis.run as run
    from framing import Document, Pipeline
    from framing.pipeline import Step

    if not sys.platform.startswith("linux"):
        pytest.skip("n_jobs forks its workers on Linux only: this platform has no forked worker "
                    "to time out (the one-process timeout is checked in test_hostile_text.py)")
    monkeypatch.setattr(run, "_fork_available", lambda: True)  # whatever threads earlier tests left
    p = Pipeline.default().replace("actor_sentiment", None).add(
        Step("stall", _stall, reads=("text",), writes=("meta.stall",)), after="text")
    docs = [Document("He said the talks stall.", id="slow"), Document("She said so.", id="fast"),
            Document("Officials said the talks may resume.", id="other")]
    pieces = list(analyze_chunks([docs], pipeline=p, n_jobs=2, progress=False, timeout=1,
                                 batch_size=1))
    arts = pieces[0].tables["articles"].set_index("id")
    assert list(arts["status"]) == ["error", "ok", "ok"]
    assert arts.loc["slow", "error"] == "timed out after 1 s"


# -- Parquet tables, resumable -----------------------------------------------------------------

needs_pyarrow = pytest.mark.skipif(
    __import__("importlib").util.find_spec("pyarrow") is None,
    reason="writing Parquet tables needs pyarrow (the [parquet] extra, in the [test] extra)")


@needs_pyarrow
def test_parquet_tables_equal_the_run_in_memory(tmp_path, reference):
    store = analyze_stream(load_sample(), tmp_path / "t", actors=load_sample_actors(),
                           chunk_size=5, progress=False)
    assert store.complete and store.n_documents == 16
    assert_same_tables(reference, read_tables(store.path))
    assert sorted(p.name for p in (store.path / "articles").iterdir()) == [
        f"part-{k:06d}.parquet" for k in range(4)]
    only = read_tables(store.path, tables=["actors"])
    pd.testing.assert_frame_equal(only.actors, reference.actors)
    assert only.mentions.empty


@needs_pyarrow
def test_another_run_in_the_same_folder_is_refused(tmp_path):
    store = analyze_stream(load_sample()[:4], tmp_path / "t", chunk_size=2, progress=False)
    with pytest.raises(ValueError, match="chunk_size differs"):
        analyze_stream(load_sample()[:4], store.path, chunk_size=3, progress=False)
    again = analyze_stream(load_sample()[:4], store.path, chunk_size=2, progress=False)
    assert again.n_documents == 4  # complete: nothing redone
    fresh = analyze_stream(load_sample()[:6], store.path, chunk_size=3, progress=False,
                           overwrite=True)
    assert fresh.n_documents == 6 and len(fresh.load().articles) == 6


CHILD = """
import sys
from framing.analysis.stream import analyze_stream
from framing.datasets import load_sample_actors
analyze_stream(sys.argv[1], sys.argv[2], actors=load_sample_actors(), chunk_size=2,
               progress=False)
"""


@needs_pyarrow
def test_a_killed_run_resumes_without_redoing_or_duplicating(tmp_path, reference):
    """A run killed (SIGKILL) half-way continues where it stopped: the parts written before
    are not rewritten, no article is analysed twice or lost, the tables equal one run's."""
    src = tmp_path / "in.jsonl"
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    src.write_text("\n".join(lines[:7] + ["{bad"] + lines[7:]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(src), str(out)], env=env)
    manifest = out / MANIFEST
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and child.poll() is None:
            if manifest.exists() and len(json.loads(manifest.read_text())["chunks"]) >= 3:
                break
            time.sleep(0.05)
        assert child.poll() is None, "the run ended before it could be stopped half-way"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    before = json.loads(manifest.read_text())
    assert not before["complete"] and 3 <= len(before["chunks"]) < 9
    kept = {p: p.stat().st_mtime_ns for p in (out / "articles").glob("part-*.parquet")
            if int(p.stem.split("-")[1]) < len(before["chunks"])}
    store = analyze_stream(src, out, actors=load_sample_actors(), chunk_size=2, progress=False)
    assert store.complete
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # not redone
    got = store.load()
    eager = read_jsonl(src, errors="report").analyze(actors=load_sample_actors(), progress=False)
    assert_same_tables(eager, got)
    assert got.articles["doc"].dropna().tolist() == list(range(16))  # none twice, none lost
    assert [c["first"] for c in store.manifest["chunks"]] == [0, 2, 4, 6, 7, 9, 11, 13, 15]


# -- Dask --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("distributed", reason="the Dask run needs dask[distributed] "
                        "(the [dask] extra, in the [test] extra)")
    import dask
    from distributed import Client, LocalCluster

    # two worker processes, one thread each: the documents travel to other processes; made
    # with no log of messages, as analyze_dask's docstring advises
    with dask.config.set({"distributed.admin.low-level-log-length": 0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        client = Client(cluster)
    with cluster, client:
        yield client


def test_dask_local_cluster_equals_one_process(dask_client, reference):
    from framing.analysis.dask_run import analyze_dask

    assert len(dask_client.scheduler_info()["workers"]) == 2
    got = analyze_dask(load_sample(), dask_client, actors=load_sample_actors(), chunk_size=5,
                       batch_size=2, progress=False)
    assert_same_tables(reference, got)
    pids = dask_client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_a_dask_run_keeps_no_batch_of_documents_in_the_client_and_scheduler(dask_client, tmp_path):
    # the LocalCluster's scheduler runs in this process: batches of documents kept after
    # their tasks (in Dask's message logs, in task specs, in the run's futures) are found here
    import gc

    from framing.analysis.dask_run import analyze_dask
    from framing.document import Document

    def documents() -> int:
        gc.collect()
        return sum(isinstance(o, Document) for o in gc.get_objects())

    before = documents()
    store = analyze_dask(str(SAMPLE), dask_client, tmp_path / "out", chunk_size=4, batch_size=2,
                         progress=False)
    assert store.n_documents == 16
    deadline = time.monotonic() + 10
    while documents() > before and time.monotonic() < deadline:  # the last releases on their way
        time.sleep(0.1)
    assert documents() <= before  # (before may count an earlier test's last batch in transit)


@requires_data("article_bias_prediction")
def test_dask_on_shared_corpus_articles_equals_one_process(dask_client):
    from framing.analysis.dask_run import analyze_dask
    from framing.datasets import load_article_bias_prediction

    corpus = load_article_bias_prediction()[:200]
    ref = corpus.analyze(progress=False)
    got = analyze_dask(corpus, dask_client, chunk_size=50, progress=False)
    assert len(got.articles) == 200 and int((got.articles["status"] == "ok").sum()) >= 195
    assert_same_tables(ref, got)
