"""Hostile use of the command line (issue 16): no traceback for a user error, exit codes
0 ok, 1 failed, 2 usage, 130 interrupted; output-path problems found before the analysis."""

from __future__ import annotations

import errno
import json
import os

import pytest

import framing
import framing.reporting.render as render
from framing import Pipeline
from framing.cli import main

TEXTS = [("a1", "Beacon", "Officials said the talks may resume on Friday."),
         ("b1", "Ledger", "Critics said the plan had clearly failed."),
         ("a2", "Beacon", "The minister said he was confident."),
         ("b2", "Ledger", "Analysts warned that the deal could collapse.")]


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "outlet": o, "story": "s", "text": t}) + "\n"
                            for i, o, t in TEXTS), encoding="utf-8")
    return path


@pytest.fixture
def light_pipeline(monkeypatch):
    """The default pipeline with the no-training actor sentiment step (faster to start)."""
    light = Pipeline.default().replace("actor_sentiment", None)
    monkeypatch.setattr(Pipeline, "default", classmethod(lambda cls: light))


@pytest.fixture
def no_analysis(monkeypatch):
    """Fail the test if the analysis runs (output problems must be found before it)."""

    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran before the output path was checked")

    monkeypatch.setattr(framing.Corpus, "analyze", refuse)


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and 'File "' not in err


@pytest.mark.parametrize("option, value", [("--n-boot", "-5"), ("--n-boot", "0"),
                                           ("--seed", "-1"), ("-j", "0"), ("-j", "-3")])
def test_out_of_range_numbers_are_usage_errors(option, value, capsys, tmp_path):
    code = main(["report", "--demo", option, value, "-o", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert code == 2 and option.lstrip("-")[:1] in err and value in err
    _no_traceback(err)


def test_ctrl_c_exits_130_with_one_line(corpus_file, tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(framing.Corpus, "analyze", interrupted)
    code = main(["report", str(corpus_file), "-o", str(tmp_path / "r.html"), "-q"])
    err = capsys.readouterr().err
    assert code == 130
    assert err.strip().splitlines() == ["framing: interrupted"]


def test_output_path_that_is_a_folder_fails_before_the_analysis(corpus_file, tmp_path,
                                                                no_analysis, capsys):
    folder = tmp_path / "out.html"
    folder.mkdir()
    assert main(["report", str(corpus_file), "-o", str(folder), "-q"]) == 1
    err = capsys.readouterr().err
    assert "is a folder" in err and err.startswith("framing: error:")
    _no_traceback(err)


def test_output_in_a_missing_folder_fails_before_the_analysis(corpus_file, tmp_path,
                                                              no_analysis, capsys):
    assert main(["report", str(corpus_file), "-o", str(tmp_path / "nope" / "r.html")]) == 1
    err = capsys.readouterr().err
    assert "no folder" in err
    _no_traceback(err)


def test_read_only_output_folder_fails_before_the_analysis(corpus_file, tmp_path, monkeypatch,
                                                           no_analysis, capsys):
    # a read-only folder, simulated (the tests may run as root, who may write anywhere)
    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(render.tempfile, "mkstemp", read_only)
    assert main(["report", str(corpus_file), "-o", str(tmp_path / "r.html"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "Permission denied" in err and "r.html" in err
    _no_traceback(err)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_output_file_fails_before_the_analysis(corpus_file, tmp_path, no_analysis,
                                                         capsys):  # pragma: no cover - not as root
    out = tmp_path / "r.html"
    out.write_text("previous", encoding="utf-8")
    out.chmod(0o444)
    assert main(["report", str(corpus_file), "-o", str(out), "-q"]) == 1
    assert "read-only" in capsys.readouterr().err


def test_full_disk_is_a_clear_error_and_keeps_the_previous_report(corpus_file, tmp_path,
                                                                  monkeypatch, light_pipeline,
                                                                  capsys):
    out = tmp_path / "r.md"
    out.write_text("previous report", encoding="utf-8")

    def full_disk(fh, content):
        fh.write(content[: len(content) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render, "_write_text", full_disk)
    code = main(["report", str(corpus_file), "-o", str(out), "-q", "--n-boot", "20"])
    err = capsys.readouterr().err
    assert code == 1 and "No space left on device" in err
    _no_traceback(err)
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "r.md"]  # no temp file left


def test_analyze_deep_nesting_and_nan_give_strict_json(tmp_path, light_pipeline, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Officials said so.", "x": NaN}\n'
                    + "[" * 100_000 + "]" * 100_000 + "\n"
                    + '{"id": "b", "text": "Critics said no.", "y": Infinity}\n', encoding="utf-8")
    code = main(["analyze", str(path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "line 2" in err and "nested too deeply" in err
    _no_traceback(err)

    def no_constants(name):
        raise AssertionError(f"{name} in the output: not strict JSON")

    records = [json.loads(line, parse_constant=no_constants) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["meta"] == {"x": None} and records[1]["meta"] == {"y": None}


@pytest.mark.parametrize("content, message", [
    ("id,text\n1,Officials said so.\n".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    (b"", "no header row"),
])
def test_unreadable_input_is_exit_1_without_traceback(tmp_path, content, message, capsys):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err
    _no_traceback(err)


def test_exit_codes_are_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    table = doc[doc.index("## Exit codes"):]
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in table
