"""The command line: reports from every input kind, clear messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import framing.pipeline  # noqa: E402
from framing.analysis import document_from_record  # noqa: E402
from framing.cli import BOTH_INPUTS, NO_INPUT, main  # noqa: E402
from framing.io.folder import UNSUPPORTED  # noqa: E402
from framing.analysis.compare import UNKNOWN_FIELD  # noqa: E402


@pytest.fixture
def gold_pipeline(monkeypatch, sample_gold):
    """The pipeline replaced by the sample's gold evidence, matched on the text."""
    by_text = {r["text"]: r for r in sample_gold}

    def gold(doc, model, actors=None):
        rec = by_text.get(doc.text)
        if rec is None:
            raise ValueError("not a sample text")
        gold = document_from_record(rec)
        for f in ("attributions", "hedges", "boosters", "vague", "evaluative", "mentions",
                  "actor_sentiment"):
            setattr(doc, f, getattr(gold, f))

    steps = [framing.pipeline.Step("gold", gold, (), ("attributions", "mentions"),
                                   options=("actors",))]
    monkeypatch.setattr(framing.pipeline.Pipeline, "default",
                        classmethod(lambda cls: cls(steps)))
    return sample_gold


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_demo_on_the_real_pipeline(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "--demo", "-o", str(out), "--n-boot", "100", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    for outlet in ("Liberty Ledger", "Meridian Wire", "The Daily Beacon", "The Morning Blast"):
        assert outlet in page
    assert "wrote" in capsys.readouterr().err


def test_jsonl_with_a_bad_line(tmp_path, gold_pipeline, capsys):
    src = tmp_path / "in.jsonl"
    recs = [{k: r[k] for k in ("id", "outlet", "story", "text")} for r in gold_pipeline]
    _write_jsonl(src, recs)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('{"text": 42, "outlet": "X"}\n')
    out = tmp_path / "r.json"
    assert main(["report", str(src), "-o", str(out), "--n-boot", "50", "-q"]) == 0
    s = json.loads(out.read_text(encoding="utf-8"))
    assert s["corpus"]["articles"] == 17 and s["corpus"]["errors"] == 1
    assert "line 17" in s["errors"][0]["error"] and "not a string" in s["errors"][0]["error"]
    assert "1 of 17 articles could not be analysed" in capsys.readouterr().err


def test_csv_with_other_group_and_story_columns(tmp_path, gold_pipeline):
    import pandas as pd

    df = pd.DataFrame([{"body": r["text"], "side": "left" if i % 2 else "right",
                        "cluster": r["story"]} for i, r in enumerate(gold_pipeline)])
    src = tmp_path / "in.csv"
    df.to_csv(src, index=False)
    out = tmp_path / "r.md"
    code = main(["report", str(src), "--text", "body", "--by", "side", "--story", "cluster",
                 "-o", str(out), "--n-boot", "50", "-q"])
    assert code == 0
    md = out.read_text(encoding="utf-8")
    assert "grouped by side, compared within story (4 stories)" in md
    assert "| metric | all articles | left | right |" in md


def test_folder_of_text_and_html(tmp_path, gold_pipeline):
    for i, r in enumerate(gold_pipeline[:8]):
        folder = tmp_path / "in" / r["outlet"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
    (tmp_path / "in" / "Other").mkdir()
    (tmp_path / "in" / "Other" / "page.html").write_text(
        "<html><body><nav>Home</nav><p>Not a sample text.</p></body></html>", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(tmp_path / "in"), "-o", str(out), "--n-boot", "50", "-q"]) == 0
    s = json.loads(out.read_text(encoding="utf-8"))
    assert s["corpus"]["articles"] == 9
    assert set(s["corpus"]["groups"]) == {r["outlet"] for r in gold_pipeline[:8]}
    # the HTML page was read (and then failed in the stand-in pipeline): listed, not dropped
    assert s["errors"][0]["id"] == os.path.join("Other", "page.html")


@pytest.mark.parametrize("argv, message, code", [
    (["report", "-o", "x.html"], NO_INPUT, 1),
    (["report", "missing.jsonl"], "no such file or folder: missing.jsonl", 1),
    (["report", "--demo", "in.jsonl"], BOTH_INPUTS, 1),
    (["report", "--demo", "--n-boot", "many"], "invalid int value", 2),
    (["frobnicate"], "invalid choice", 2),
])
def test_usage_and_input_errors(argv, message, code, capsys):
    assert main(argv) == code
    assert message in capsys.readouterr().err


def test_more_input_errors(tmp_path, gold_pipeline, capsys):
    bad = tmp_path / "in.xlsx"
    bad.write_text("x")
    assert main(["report", str(bad)]) == 1
    assert UNSUPPORTED.format(path=bad) in capsys.readouterr().err
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{k: r[k] for k in ("id", "outlet", "story", "text")} for r in gold_pipeline])
    assert main(["report", str(src), "--by", "leaning", "-o", str(tmp_path / "r.html"), "-q"]) == 1
    err = capsys.readouterr().err
    assert UNKNOWN_FIELD.format(field="leaning", present="")[:40] in err
    actors = tmp_path / "actors.json"
    actors.write_text("{not json")
    assert main(["report", str(src), "--actors", str(actors), "-q"]) == 1
    assert "cannot read the actor table" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 1
    assert "no .html, .htm or .txt files" in capsys.readouterr().err


def test_analyze_json(tmp_path, capsys):
    text = "The minister said talks would resume. Critics claimed the plan may fail."
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    assert main(["analyze", str(f), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["text"] == text and d["id"] == "a.txt"
    for a in d["attributions"]:
        assert text[a["cue"][0]:a["cue"][1]]  # offsets point into the file's text
    assert {"attributions", "hedges", "evaluative", "mentions"} <= set(d)


def test_analyze_jsonl_lines(tmp_path, gold_pipeline, capsys):
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{k: r[k] for k in ("id", "outlet", "story", "text")} for r in gold_pipeline[:3]])
    assert main(["analyze", str(src), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["id"] for x in lines] == [r["id"] for r in gold_pipeline[:3]]
    assert json.loads(lines[0])["hedges"] == gold_pipeline[0]["hedges"]
    assert main(["analyze", str(src)]) == 0
    assert "attribution [mixed, doubt]" in capsys.readouterr().out


def test_entry_point_runs_as_a_program(tmp_path):
    root = os.path.dirname(os.path.dirname(os.path.abspath(framing.pipeline.__file__)))
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    res = subprocess.run([sys.executable, "-m", "framing.cli", "report"], capture_output=True,
                         text=True, cwd=tmp_path, env=env)
    assert res.returncode == 1 and NO_INPUT in res.stderr


def test_analyze_html_page(tmp_path, capsys):
    page = ("<html><head><title>Talks stall</title></head><body><article>"
            "<h1>Talks stall in Geneva</h1>"
            "<p>The minister said talks would resume on Monday, officials said.</p>"
            "<p>Critics claimed the plan may fail.</p></article></body></html>")
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    assert main(["analyze", str(f), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "Critics claimed the plan may fail." in d["text"] and "<p>" not in d["text"]
    assert d["id"] == "page.html"
    cues = [d["text"][a["cue"][0]:a["cue"][1]] for a in d["attributions"]]
    assert "claimed" in cues


def test_analyze_csv_names_rows_and_shows_spans(tmp_path, capsys):
    f = tmp_path / "six.csv"
    f.write_text('text,outlet,story\n'
                 '"Officials said the plan may fail. It is a disgraceful deal, critics claimed.",Beacon,s1\n'
                 '"The minister clearly said it would work.",Wire,s1\n', encoding="utf-8")
    assert main(["analyze", str(f)]) == 0
    out = capsys.readouterr().out.splitlines()
    heads = [x for x in out if not x.startswith("  ")]
    assert heads[0].startswith("row 1 (outlet: Beacon, story: s1): ")
    assert heads[1].startswith("row 2 (outlet: Wire, story: s1): ")
    assert not any(x.startswith("article:") for x in out)
    # the spans, not only their counts, with their characters in the text
    text = "Officials said the plan may fail. It is a disgraceful deal, critics claimed."
    i = text.index("may")
    assert f'  hedge [epistemic_modal, quoted] "may" {i}-{i + 3}' in out
    j = text.index("disgraceful")
    assert any(x.startswith("  evaluative [negative") and f'"disgraceful" {j}-{j + 11}' in x
               for x in out)
    assert any(x.startswith("  booster [") and '"clearly"' in x for x in out)
    assert any(x.startswith("  attribution [indirect, doubt] critics | claimed | ") for x in out)
    # a file with ids names rows by id
    g = tmp_path / "ids.csv"
    g.write_text('id,text,outlet\nb-7,"Officials said it may rain.",Beacon\n', encoding="utf-8")
    assert main(["analyze", str(g)]) == 0
    assert capsys.readouterr().out.startswith("b-7 (outlet: Beacon): ")
