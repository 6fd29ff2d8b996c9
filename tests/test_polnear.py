"""The PolNeAR loader (on a tiny corpus written here) and the accuracy floor on PolNeAR dev."""

from __future__ import annotations

import pytest

from tests.conftest import requires_data
from framing.datasets import load_polnear, read_brat_attributions

TEXT = (
    "Title line\n\n"
    "“We will win,” the senator said. Democrats cheered the report, hoping to win.\n"
    "According to polls, she leads."
)


def _write_corpus(root):
    data = root / "polnear" / "data"
    for split in ("train", "dev", "test"):
        (data / split / "text").mkdir(parents=True)
        (data / split / "attributions").mkdir(parents=True)
    (data / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
        "trump_count\tclinton_count\tcredit\twire\n"
        "dev\tnyt_2016-01-01_demo\t1\taaaa|bbbb\tnyt\t2016-01-01\tX\tTitle line\t0\t0\tNone\tNone\n",
        encoding="utf-8",
    )
    (data / "dev" / "text" / "nyt_2016-01-01_demo.txt").write_text(TEXT, encoding="utf-8")

    def span(s):
        i = TEXT.index(s)
        return f"{i} {i + len(s)}\t{s}"

    q = TEXT.index("We will win")
    ann = "\n".join(
        [
            f"T1\tContent {q} {q + 11}\tWe will win",
            f"T2\tSource {span('the senator')}",
            f"T3\tCue {span('said')}",
            f"T4\tAttribution {span('said')}",
            "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1",
            f"T5\tSource {span('Democrats')}",
            f"T6\tCue {span('cheered')}",
            f"T7\tContent {span('the report')}",
            f"T8\tAttribution {span('cheered')}",
            "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
            f"T9\tCue {span('hoping')}",
            f"T10\tContent {span('to win')}",
            f"T11\tAttribution {span('hoping')}",
            "E3\tAttribution:T11 Source:T5 Content:T10 Cue:T9",
            # a span whose text runs over a line break, and a discontinuous one
            f"T12\tCue {span('According to')}",
            f"T13\tSource {span('polls')}",
            f"T14\tContent {TEXT.index('to win.')} {TEXT.index('to win.') + 7};{TEXT.index('she')} "
            f"{TEXT.index('she') + 10}\tto win.\nAccording",
            "continued text",
            f"T15\tAttribution {span('According to')}",
            "E4\tAttribution:T15 Cue:T12 Source:T13 Content:T14",
            f"T16\tCue {span('leads')}",
            f"T17\tAttribution-no-source {span('leads')}",
            "E5\tAttribution-no-source:T17 Cue:T16",
        ]
    )
    (data / "dev" / "attributions" / "nyt_2016-01-01_demo_bbbb.ann").write_text(ann + "\n", encoding="utf-8")
    (data / "dev" / "attributions" / "nyt_2016-01-01_demo_aaaa.ann").write_text(
        "\n".join(ann.split("\n")[:5]) + "\n", encoding="utf-8"
    )


def test_load_polnear_tiny(tmp_path):
    _write_corpus(tmp_path)
    bunch = load_polnear("dev", data_home=tmp_path)
    assert len(bunch.records) == 1
    rec = bunch.records[0]
    assert rec["annotator"] == "aaaa"  # the first annotator ID, deterministically
    assert rec["outlet"] == "nyt" and rec["date"] == "2016-01-01"
    assert [a["kind"] for a in rec["attributions"]] == ["direct"]
    assert rec["attributions"][0]["content"] == [TEXT.index("We"), TEXT.index("We") + 11]
    assert list(bunch.frame.columns)[:3] == ["id", "outlet", "title"]

    both = load_polnear("dev", data_home=tmp_path, annotator="all").records
    assert [r["annotator"] for r in both] == ["aaaa", "bbbb"]
    atts = both[1]["attributions"]
    text = both[1]["text"]
    assert [text[slice(*a["cue"])] for a in atts] == ["said", "cheered", "hoping", "According to", "leads"]
    assert [a["kind"] for a in atts] == ["direct", "indirect", "indirect", "according_to", "indirect"]
    assert atts[1]["source"] == atts[2]["source"]  # a shared source
    assert atts[3]["content_parts"] == [[TEXT.index("to win."), TEXT.index("to win.") + 7],
                                        [TEXT.index("she"), TEXT.index("she") + 10]]
    assert atts[3]["content"] == [TEXT.index("to win."), TEXT.index("she") + 10]
    assert atts[4]["source"] is None and atts[4]["type"] == "Attribution-no-source"


def test_load_polnear_errors(tmp_path):
    with pytest.raises(OSError, match="PolNeAR not found"):
        load_polnear("dev", data_home=tmp_path)
    with pytest.raises(ValueError, match="split must be"):
        load_polnear("validation", data_home=tmp_path)
    with pytest.raises(ValueError, match="annotator must be"):
        load_polnear("dev", data_home=tmp_path, annotator="last")


def test_read_brat_skips_events_without_cue():
    assert read_brat_attributions("T1\tSource 0 2\tHe\nE1\tAttribution:T1 Source:T1\n") == []


@requires_data("polnear")
def test_polnear_splits_load():
    for split, n in (("train", 840), ("dev", 84), ("test", 84)):
        assert len(load_polnear(split).records) == n


@requires_data("polnear")
def test_dev_floor():
    """Floors on PolNeAR dev, a little under the measured figures (docs/attribution.md)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from evaluation.attribution import score_records

    r = score_records(load_polnear("dev").records)
    assert r["cue_f1"] >= 0.765
    assert r["source_accuracy"] >= 0.91
    assert r["content_match"] >= 0.80


@requires_data("polnear")
def test_dev_error_categories_add_up():
    """evaluation/attribution_errors.py --categories puts every dev error in one category."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for p in (root, root / "scripts"):
        sys.path.insert(0, str(p))
    from evaluation.attribution import score_records
    from evaluation.attribution_errors import categorise

    fn, fp, examples, (tp, n_pred, n_gold) = categorise("dev")
    r = score_records(load_polnear("dev").records)
    assert 2 * tp / (n_pred + n_gold) == pytest.approx(r["cue_f1"])
    assert sum(fn.values()) == n_gold - tp > 0
    assert sum(fp.values()) == n_pred - tp > 0
    assert {c.split()[0] for c in fn} <= {"shared", "boundary", "not", "rej<1", "rej>1"}
    assert all(len(examples[("FN", c)]) == n for c, n in fn.items())
    with pytest.raises(SystemExit):
        categorise("test")  # never error-analyse test
