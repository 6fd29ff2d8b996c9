"""GVFC (Gun Violence Frame Corpus): 1,300 English news headlines on U.S. gun violence,
each coded with up to two of nine issue-specific frames (Liu et al. 2019).

Read from the copy redistributed with Akyürek et al. (2020), repository
``feyzaakyurek/newsframing`` (Apache-2.0), in the data home folder ``gvfc/``::

    gvfc/dataset/english.csv        one row per headline: ID, news_title, Q3 Theme1, Q3 Theme2, ...
"""

from __future__ import annotations

import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_gvfc", "GVFC_FRAMES"]

FOLDER = "gvfc"
FILE = "dataset/english.csv"
SOURCE = "https://github.com/feyzaakyurek/newsframing (dataset/english.csv, Apache-2.0)"
GVFC_FRAMES = {
    1: "Gun_rights",
    2: "Gun_control",
    3: "Politics",
    4: "Mental_health",
    5: "Public_space_safety",
    6: "Race_ethnicity",
    7: "Public_opinion",
    8: "Society_culture",
    9: "Economic_consequences",
}
"""The nine GVFC codes and framing's names for them (99 marks an absent second frame)."""
_NEEDED = ["ID", "news_title", "Q3 Theme1", "Q3 Theme2"]


def load_gvfc(*, data_home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """GVFC's 1,300 English headlines with their first and (optional) second frame.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``gvfc/``; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        ``id`` (GVFC's unique ``ID``, str), ``text`` (the headline), ``frame`` (the first
        frame's name, the single-label target of Liu et al. 2019), ``frames`` (list of one or
        two names), ``month`` and ``split``: framing's fixed split, ``"test"`` for a fifth of
        the headlines chosen by a hash of the id, ``"train"`` for the rest (so every
        evaluation uses the same split; see ``evaluation/frames.py``).

    Raises
    ------
    OSError
        When the file is not in the data home.
    ValueError
        When a column is missing or a code is not a GVFC frame.

    Examples
    --------
    >>> load_gvfc(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: GVFC not found: expected /nonexistent/gvfc. framing never downloads ...
    """
    root = dataset_path(FOLDER, FILE, name="GVFC", source=SOURCE, data_home=data_home)
    df = pd.read_csv(root / FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in _NEEDED if c not in df.columns]
    if missing:
        raise ValueError(f"{root / FILE}: missing columns {missing}")
    firsts, all_frames = [], []
    for i, (a, b) in enumerate(zip(df["Q3 Theme1"], df["Q3 Theme2"])):
        try:
            codes = [int(float(a))] + ([int(float(b))] if b.strip() and int(float(b)) != 99 else [])
        except ValueError:
            raise ValueError(f"{root / FILE} row {i + 2}: frame codes {a!r}, {b!r} are not numbers") from None
        bad = [c for c in codes if c not in GVFC_FRAMES]
        if bad:
            raise ValueError(f"{root / FILE} row {i + 2}: unknown frame codes {bad}")
        names = list(dict.fromkeys(GVFC_FRAMES[c] for c in codes))
        firsts.append(names[0])
        all_frames.append(names)
    ids = df["ID"].tolist()
    return pd.DataFrame({
        "id": ids,
        "text": df["news_title"].tolist(),
        "frame": firsts,
        "frames": all_frames,
        "month": df["Month"].tolist() if "Month" in df.columns else "",
        "split": [gvfc_split(i) for i in ids],
    })


def gvfc_split(headline_id: str) -> str:
    """framing's fixed GVFC split: ``"test"`` when the CRC-32 of the id is 0 modulo 5.

    Examples
    --------
    >>> gvfc_split("10057"), gvfc_split("10073")
    ('train', 'train')
    """
    import zlib

    return "test" if zlib.crc32(headline_id.encode("utf-8")) % 5 == 0 else "train"
