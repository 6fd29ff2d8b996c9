"""BABE / MBIC loaders (AGPL data: read from the data home, never shipped)."""

from __future__ import annotations

import pytest

from framing.datasets import load_babe, load_mbic
from tests.conftest import requires_data


def test_missing_data_raises_clear_oserror(tmp_path):
    with pytest.raises(OSError, match="babe_mbic"):
        load_babe(data_home=tmp_path)
    with pytest.raises(OSError, match="Media-Bias-Group"):
        load_mbic(data_home=tmp_path)
    with pytest.raises(ValueError):
        load_babe(subset="SG3", data_home=tmp_path)


@requires_data("babe_mbic")
def test_load_babe_counts_and_split():
    df = load_babe()
    assert len(df) == 3674
    assert df["label_bias"].value_counts().to_dict() == {"Non-biased": 1863, "Biased": 1810, "No agreement": 1}
    assert df["split"].value_counts().to_dict() == {"dev": 1980, "test": 1694}
    row = df[df["text"].str.contains("characteristically bizarre")].iloc[0]
    assert row["biased_words"] == ["bizarre", "characteristically"]
    assert sum(bool(w) for w in df["biased_words"]) == 1849
    assert (load_babe(subset="SG1")["split"] == "test").all()


@requires_data("babe_mbic")
def test_load_mbic():
    df = load_mbic()
    assert len(df) == 1700
    assert sum(bool(w) for w in df["biased_words"]) == 1369
    assert df["biased_words"].iloc[0] == ["belated", "birtherism"]
    assert set(df["text"]) - set(load_babe(subset="SG1")["text"]) != set(df["text"])
