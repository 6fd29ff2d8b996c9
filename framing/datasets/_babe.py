"""BABE (Bias Annotations By Experts) and MBIC: sentence-level media-bias labels with the
words annotators marked as biased (Spinde et al. 2021).

The data are published under the GNU AGPL v3 in the repository
``Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-With-BABE``; framing
never ships them. The loaders read them at run time from the data home, folder
``babe_mbic/``, in this layout (see ``datasets/babe_mbic.md``)::

    babe_mbic/original/final_labels_SG2.csv       BABE proper (3,674 sentences, experts)
    babe_mbic/original/final_labels_SG1.csv       the MBIC sentences relabelled by experts
    babe_mbic/csv_from_xlsx/final_labels_MBIC.csv MBIC crowd labels (data/final_labels_MBIC.xlsx
                                                  saved as CSV, one sheet, UTF-8)
"""

from __future__ import annotations

import ast
import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_babe", "load_mbic"]

FOLDER = "babe_mbic"
SOURCE = (
    "https://github.com/Media-Bias-Group/Neural-Media-Bias-Detection-Using-Distant-Supervision-"
    "With-BABE (data/, AGPL-3.0)"
)
_SUBSETS = {"SG2": "final_labels_SG2.csv", "SG1": "final_labels_SG1.csv"}
BAD_SUBSET = "subset must be 'SG2' (BABE) or 'SG1', got {!r}"


def _words(cell) -> list[str]:
    """Parse the ``biased_words`` cell (a Python list literal) into a list of strings."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return []
    return [str(w) for w in value] if isinstance(value, (list, tuple)) else []


def _read_sg(root, name: str) -> pd.DataFrame:
    df = pd.read_csv(root / "original" / name, sep=";", encoding="utf-8-sig", dtype=str,
                     keep_default_na=False)
    df["biased_words"] = df["biased_words"].map(_words)
    return df


def load_babe(
    *, subset: str = "SG2", data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """BABE: news sentences with expert bias labels and the biased words they marked.

    Parameters
    ----------
    subset : {"SG2", "SG1"}
        ``"SG2"`` is BABE proper (3,674 sentences); ``"SG1"`` holds the 1,700 MBIC
        sentences relabelled by the same experts.
    data_home : path, optional
        Folder holding ``babe_mbic/``; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``text``, ``news_link``, ``outlet``, ``topic``, ``type``
        (outlet leaning), ``label_bias`` (``Biased``, ``Non-biased``, ``No agreement``),
        ``label_opinion``, ``biased_words`` (list of str) and ``split``. The corpus has no
        official split; framing fixes one so that every evaluation uses the same: ``"test"``
        for sentences whose text is also in MBIC/SG1 (they are MBIC's test sentences too),
        ``"dev"`` for the rest. Tune on ``dev`` only.

    Raises
    ------
    OSError
        When the files are not in the data home; the message says where to put them.

    Examples
    --------
    >>> load_babe(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: BABE not found: expected /nonexistent/babe_mbic. framing never downloads ...
    """
    if subset not in _SUBSETS:
        raise ValueError(BAD_SUBSET.format(subset))
    root = dataset_path(FOLDER, "original/" + _SUBSETS[subset], "original/final_labels_SG1.csv",
                        name="BABE", source=SOURCE, data_home=data_home)
    df = _read_sg(root, _SUBSETS[subset])
    sg1 = set(_read_sg(root, "final_labels_SG1.csv")["text"])
    df["split"] = ["test" if t in sg1 else "dev" for t in df["text"]]
    if subset == "SG1":
        df["split"] = "test"
    return df


def load_mbic(*, data_home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """MBIC: the crowd-sourced majority labels and biased words of 1,700 news sentences.

    Reads ``babe_mbic/csv_from_xlsx/final_labels_MBIC.csv`` (the upstream
    ``data/final_labels_MBIC.xlsx``, one sheet, saved as UTF-8 CSV).

    Returns
    -------
    pandas.DataFrame
        ``text``, ``news_link``, ``outlet``, ``topic``, ``type``, ``group_id``, ``num_sent``,
        ``label_bias``, ``label_opinion``, ``article`` (the full article, repeated per
        sentence) and ``biased_words`` (list of str). All MBIC sentences belong to framing's
        test split of BABE/MBIC (see :func:`load_babe`).

    Examples
    --------
    >>> load_mbic(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: MBIC not found: expected /nonexistent/babe_mbic. framing never downloads ...
    """
    root = dataset_path(FOLDER, "csv_from_xlsx/final_labels_MBIC.csv", name="MBIC",
                        source=SOURCE, data_home=data_home)
    df = pd.read_csv(root / "csv_from_xlsx" / "final_labels_MBIC.csv", dtype=str,
                     keep_default_na=False, encoding="utf-8")
    df["biased_words"] = df["biased_words"].map(_words)
    return df
