"""Loaders of the frame corpora (SemEval-2023 subtask 2, FrAC, GVFC) and the fixed folds."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from framing.datasets import load_frac, load_gvfc, load_semeval2023_frames
from framing.datasets import gvfc_split
from framing.extract.frames import FRAMES
from tests.conftest import requires_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("loader, folder", [(load_semeval2023_frames, "semeval2023_task3_en"),
                                            (load_frac, "frac"), (load_gvfc, "gvfc")])
def test_missing_corpus_names_the_folder(tmp_path, loader, folder):
    with pytest.raises(OSError, match=f"expected {tmp_path / folder}.*never downloads"):
        loader(data_home=tmp_path)


def _semeval(tmp_path, labels: str) -> Path:
    root = tmp_path / "semeval2023_task3_en" / "data" / "en"
    (root / "train-articles-subtask-2").mkdir(parents=True)
    (root / "train-articles-subtask-2" / "article1.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (root / "train-labels-subtask-2.txt").write_text(labels, encoding="utf-8")
    return tmp_path


def test_semeval_layout_and_errors(tmp_path):
    home = _semeval(tmp_path, "1\tEconomic,Political\n")
    df = load_semeval2023_frames(data_home=home)
    assert df.loc[0, "frames"] == ["Economic", "Political"]
    assert df.loc[0, "title"] == "Title" and df.loc[0, "genre"] == "" and df.loc[0, "split"] == "train"
    (home / "semeval2023_task3_en/data/en/train-labels-subtask-2.txt").write_text("1\tEconomics\n")
    with pytest.raises(ValueError, match="unknown frame labels \\['Economics'\\]"):
        load_semeval2023_frames(data_home=home)
    (home / "semeval2023_task3_en/data/en/train-labels-subtask-2.txt").write_text("2\tEconomic\n")
    with pytest.raises(ValueError, match="article 1 .* has no line"):
        load_semeval2023_frames(data_home=home)


def test_frac_bad_code_and_header(tmp_path):
    (tmp_path / "frac").mkdir()
    f = tmp_path / "frac" / "gold_standard_single_label_all.csv"
    f.write_text('sentence,label\n"A, b",1\nC,7\n', encoding="utf-8")
    with pytest.raises(ValueError, match="row 2: label '7'"):
        load_frac(data_home=tmp_path)
    f.write_text('sentence,label\n"A, b",1\nC,15\n', encoding="utf-8")
    assert load_frac(data_home=tmp_path)["frame"].tolist() == ["Economic", "Other"]
    f.write_text("text,code\nA,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        load_frac(data_home=tmp_path)


def test_gvfc_missing_column_and_codes(tmp_path):
    (tmp_path / "gvfc" / "dataset").mkdir(parents=True)
    f = tmp_path / "gvfc" / "dataset" / "english.csv"
    f.write_text(",ID,news_title,Q3 Theme1\n0,1,A headline,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns \\['Q3 Theme2'\\]"):
        load_gvfc(data_home=tmp_path)
    f.write_text(",ID,news_title,Q3 Theme1,Q3 Theme2\n0,1,A,2,99\n1,2,B,4,6\n2,3,C,12,99\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 4: unknown frame codes \\[12\\]"):
        load_gvfc(data_home=tmp_path)
    f.write_text(",ID,news_title,Q3 Theme1,Q3 Theme2\n0,1,A,2,99\n1,2,B,4,6\n", encoding="utf-8")
    df = load_gvfc(data_home=tmp_path)
    assert df["frames"].tolist() == [["Gun_control"], ["Mental_health", "Race_ethnicity"]]
    assert df["frame"].tolist() == ["Gun_control", "Mental_health"]


def test_gvfc_split_is_a_fixed_function_of_the_id():
    assert [gvfc_split(str(i)) for i in range(10050, 10060)] == [gvfc_split(str(i)) for i in range(10050, 10060)]
    share = sum(gvfc_split(str(i)) == "test" for i in range(10000, 12000)) / 2000
    assert 0.17 < share < 0.23


@requires_data("semeval2023_task3_en")
def test_semeval_counts_match_the_source():
    df = load_semeval2023_frames()
    assert len(df) == 433 and df["id"].is_unique
    freq = Counter(f for fs in df["frames"] for f in fs)
    assert freq["Political"] == 235 and freq["Public_opinion"] == 23 and set(freq) == set(FRAMES)
    assert Counter(df["genre"]) == {"opinion": 382, "reporting": 41, "satire": 10}


@requires_data("semeval2023_task3_en")
def test_fixed_folds_cover_every_article_once_and_are_reproducible():
    spec = json.loads((ROOT / "evaluation/folds/semeval2023_frames_folds.json").read_text())
    ids = [a for fold in spec["folds"] for a in fold]
    df = load_semeval2023_frames()
    assert len(spec["folds"]) == 5 and sorted(ids) == sorted(df["id"]) and len(set(ids)) == 433
    sys.path.insert(0, str(ROOT))
    from evaluation.frames import semeval_matrix, stratified_folds

    assert stratified_folds(df["id"].tolist(), semeval_matrix(df)) == spec["folds"]


@requires_data("frac")
def test_frac_counts_match_the_source():
    df = load_frac()
    assert len(df) == 523
    assert Counter(df["code"]) == {6: 98, 1: 75, 5: 55, 9: 53, 15: 50, 4: 46, 11: 44, 8: 42, 12: 37, 3: 23}


@requires_data("gvfc")
def test_gvfc_counts_and_fixed_split():
    df = load_gvfc()
    assert len(df) == 1300 and df["id"].is_unique
    assert Counter(df["split"]) == {"train": 1046, "test": 254}
    first = Counter(df["frame"])
    assert first["Politics"] == 373 and first["Gun_rights"] == 38
    assert sum(len(f) == 2 for f in df["frames"]) == 319
