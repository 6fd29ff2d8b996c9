"""Loaders of PTC (SemEval-2020 Task 11) and SemEval-2023 Task 3 persuasion paragraphs."""

from __future__ import annotations

import pytest

from framing.datasets import load_ptc, load_semeval2023_persuasion
from framing.datasets._ptc import PTC_TECHNIQUES, trim_span
from tests.conftest import requires_data

ptc = requires_data("ptc_semeval2020_task11")
semeval = requires_data("semeval2023_task3_en")


def test_missing_corpus_names_folder_and_files(tmp_path):
    with pytest.raises(OSError, match="ptc_semeval2020_task11.*never downloads"):
        load_ptc(data_home=tmp_path)
    with pytest.raises(OSError, match="semeval2023_task3_en"):
        load_semeval2023_persuasion(data_home=tmp_path)


def test_bad_split():
    with pytest.raises(ValueError, match="test gold was never released"):
        load_ptc("test")
    with pytest.raises(ValueError, match="split must be"):
        load_semeval2023_persuasion("test")


def test_trim_rule():
    assert trim_span(" a, b. ", 0, 7) == (1, 5)
    assert trim_span("...", 0, 3) == (3, 3)


def test_publisher_layout_in_tmp(tmp_path):
    """A two-article corpus in the organisers' layout is read with offsets intact."""
    root = tmp_path / "ptc_semeval2020_task11"
    (root / "datasets" / "train-articles").mkdir(parents=True)
    (root / "datasets" / "train-articles" / "article1.txt").write_text(
        "Title\n\nThe traitors lied.\n", encoding="utf-8")
    (root / "datasets" / "train-articles" / "article2.txt").write_text("Nothing here.\n", encoding="utf-8")
    (root / "datasets" / "train-task2-TC.labels").write_text(
        "1\tName_Calling,Labeling\t11\t19\n1\tLoaded_Language\t11\t25\n", encoding="utf-8")
    (root / "datasets" / "train-task1-SI.labels").write_text("1\t11\t25\n", encoding="utf-8")
    df = load_ptc("train", data_home=tmp_path)
    assert df["id"].tolist() == ["1", "2"]
    row = df.iloc[0]
    assert [row.text[a:b] for a, b, _ in row.spans] == ["traitors", "traitors lied."]
    assert row.si_spans == [(11, 25)]
    assert df.iloc[1].spans == []
    (root / "datasets" / "train-task1-SI.labels").write_text("1\t11\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected 3 tab-separated fields"):
        load_ptc("train", data_home=tmp_path)


@ptc
def test_ptc_counts_and_offsets():
    train, dev = load_ptc("train"), load_ptc("dev")
    assert (len(train), len(dev)) == (371, 75)
    assert train["spans"].map(len).sum() == 6129
    assert dev["spans"].map(len).sum() == 1075
    assert train["si_spans"].map(len).sum() == 5468
    techniques = {t for spans in train["spans"] for _, _, t in spans}
    assert techniques == set(PTC_TECHNIQUES)
    first = train.set_index("id").loc["111111111"]
    assert (265, 323, "Appeal_to_Authority") in first.spans
    assert first.text[265:323] == "The next transmission could be more pronounced or stronger"


@ptc
def test_ptc_trimmed_dev_has_no_untrimmed_boundaries():
    raw, trimmed = load_ptc("dev", trimmed=False), load_ptc("dev")
    def untrimmed(df):
        return sum(1 for t, spans in zip(df.text, df.spans) for a, b, _ in spans
                   if t[a] in " \n.,:;" or t[b - 1] in " \n.,:;")
    assert untrimmed(raw) > 100  # version 1: 188 spans
    assert untrimmed(trimmed) == 0
    assert set(raw["id"]).isdisjoint(load_ptc("train")["id"])


@semeval
def test_semeval2023_paragraphs():
    train, dev = load_semeval2023_persuasion("train"), load_semeval2023_persuasion("dev")
    assert (len(train), len(dev)) == (9498, 3127)
    assert train["id"].nunique() == 446 and dev["id"].nunique() == 90
    assert (train["techniques"].map(len) > 0).sum() == 3760
    assert dev["techniques"].map(len).sum() == 1666
    assert len(train.attrs["techniques"]) == 23
    row = train[(train["id"] == "111111111") & (train["line"] == 3)].iloc[0]
    assert row.techniques == ["Doubt"] and row.text.startswith("Geneva - The World Health")


@ptc
@semeval
def test_ptc_and_semeval2023_overlap_as_documented():
    """2023 train = PTC train + dev; 2023 dev is disjoint from both (it is PTC test)."""
    ptc_ids = set(load_ptc("train")["id"]) | set(load_ptc("dev")["id"])
    assert set(load_semeval2023_persuasion("train")["id"]) == ptc_ids
    assert set(load_semeval2023_persuasion("dev")["id"]).isdisjoint(ptc_ids)
