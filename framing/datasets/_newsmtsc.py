"""NewsMTSC: target-dependent sentiment toward persons in news sentences (Hamborg & Donnay 2021)."""

from __future__ import annotations

import json
import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_newsmtsc"]

NEWSMTSC_SOURCE = (
    "https://github.com/fhamborg/NewsMTSC (NewsMTSC-dataset.zip for official/, "
    "experiments/default/datasets/newsmtsc-{rw,mt}/ for splits/)"
)
POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
_SPLITS = {
    "train": "official/train.jsonl",
    "rw-dev": "splits/newsmtsc-rw/dev.jsonl",
    "rw-test": "splits/newsmtsc-rw/test.jsonl",
    "mt-dev": "splits/newsmtsc-mt/dev.jsonl",
    "mt-test": "splits/newsmtsc-mt/test.jsonl",
}
UNKNOWN_SPLIT = "split must be one of {splits}, got {split!r}"


def load_newsmtsc(
    split: str = "train", *, data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Load one split of NewsMTSC, one row per (sentence, target).

    Parameters
    ----------
    split : {"train", "rw-dev", "rw-test", "mt-dev", "mt-test"}
        ``train`` is the official training file; the dev/test splits are the authors'
        division of ``devtest_rw`` (real-world distribution) and ``devtest_mt`` (sentences
        with at least two targets). Train on ``train``, tune on the dev splits, report test.
    data_home : path, optional
        Folder holding ``newsmtsc/`` (see :func:`framing.datasets.get_data_home`).

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (the target's ``Input.gid``), ``sentence_id`` (``primary_gid``),
        ``sentence``, ``start``, ``end`` (``sentence[start:end] == mention``), ``mention``
        and ``label`` (``negative`` / ``neutral`` / ``positive`` for polarity 2 / 4 / 6).

    Raises
    ------
    OSError
        When the corpus is not in the data home.
    ValueError
        For an unknown split.

    Examples
    --------
    >>> load_newsmtsc("dev")
    Traceback (most recent call last):
    ...
    ValueError: split must be one of ['train', 'rw-dev', 'rw-test', 'mt-dev', 'mt-test'], got 'dev'
    """
    if split not in _SPLITS:
        raise ValueError(UNKNOWN_SPLIT.format(splits=list(_SPLITS), split=split))
    root = dataset_path(
        "newsmtsc", _SPLITS[split], name="NewsMTSC", source=NEWSMTSC_SOURCE, data_home=data_home
    )
    rows = []
    with open(root / _SPLITS[split], encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            sentence = rec["sentence_normalized"]
            for t in rec["targets"]:
                rows.append(
                    {
                        "id": t["Input.gid"],
                        "sentence_id": rec["primary_gid"],
                        "sentence": sentence,
                        "start": int(t["from"]),
                        "end": int(t["to"]),
                        "mention": t["mention"],
                        "label": POLARITY_LABELS[float(t["polarity"])],
                    }
                )
    return pd.DataFrame(rows, columns=["id", "sentence_id", "sentence", "start", "end", "mention", "label"])
