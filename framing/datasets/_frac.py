"""FrAC (Frames in Articles and Comments): 523 English sentences from news articles and
reader comments, each labelled with one of nine merged Media-Frames-Corpus frames or
"Other" (Guida et al. 2025).

Published in ``mattguida/FrAC`` (annotations CC BY 4.0 for the SOCC-derived sentences,
CC BY-NC-SA 4.0 for the NYT-comment sentences; the file does not say which row is which).
framing never ships the file; the loader reads it from the data home, folder ``frac/``::

    frac/gold_standard_single_label_all.csv      header sentence,label (integer MFC code)
"""

from __future__ import annotations

import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_frac", "FRAC_LABELS", "FRAC_TO_SEMEVAL"]

FOLDER = "frac"
FILE = "gold_standard_single_label_all.csv"
SOURCE = "https://github.com/mattguida/FrAC (gold_standard_single_label_all.csv)"
FRAC_LABELS = {
    1: "Economic",
    3: "Morality",
    4: "Fairness_and_equality",
    5: "Legality_and_crime",
    6: "Political_and_policies",
    8: "Security_and_defense",
    9: "Health_and_safety",
    11: "Cultural_identity",
    12: "Public_opinion",
    15: "Other",
}
"""FrAC's integer codes (Media Frames Corpus numbering) and framing's names for them."""
FRAC_TO_SEMEVAL = {
    "Economic": ("Economic",),
    "Morality": ("Morality",),
    "Fairness_and_equality": ("Fairness_and_equality",),
    "Legality_and_crime": ("Legality_Constitutionality_and_jurisprudence", "Crime_and_punishment"),
    "Political_and_policies": ("Policy_prescription_and_evaluation", "Political"),
    "Security_and_defense": ("Security_and_defense",),
    "Health_and_safety": ("Health_and_safety",),
    "Cultural_identity": ("Cultural_identity",),
    "Public_opinion": ("Public_opinion",),
}
"""Which of the 14 SemEval/MFC frames each FrAC category merges (FrAC drops capacity and
resources, quality of life and external regulation and reputation; "Other" has none)."""


def load_frac(*, data_home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """FrAC's 523 gold sentences with their single frame label.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``frac/``; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        ``id`` (row number in the file, as str), ``text``, ``code`` (the MFC integer code),
        ``frame`` (its name in :data:`FRAC_LABELS`) and ``split`` (always ``"test"``: the
        file is the paper's gold evaluation set; cross-validate inside it, never tune on it
        for another evaluation). The file mixes article and comment sentences without
        saying which is which.

    Raises
    ------
    OSError
        When the file is not in the data home.
    ValueError
        When a code is not one of FrAC's ten.

    Examples
    --------
    >>> load_frac(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: FrAC not found: expected /nonexistent/frac. framing never downloads ...
    """
    root = dataset_path(FOLDER, FILE, name="FrAC", source=SOURCE, data_home=data_home)
    df = pd.read_csv(root / FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(df.columns) != ["sentence", "label"]:
        raise ValueError(f"{root / FILE}: expected the header 'sentence,label', got {list(df.columns)}")
    codes = []
    for i, c in enumerate(df["label"]):
        try:
            code = int(c)
        except ValueError:
            code = None
        if code not in FRAC_LABELS:
            raise ValueError(f"{root / FILE} row {i + 1}: label {c!r} is not one of {sorted(FRAC_LABELS)}")
        codes.append(code)
    return pd.DataFrame({
        "id": [str(i) for i in range(len(df))],
        "text": df["sentence"].tolist(),
        "code": codes,
        "frame": [FRAC_LABELS[c] for c in codes],
        "split": "test",
    })
