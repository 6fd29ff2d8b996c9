"""SemEval-2023 Task 3, subtask 2 (English): article-level frames from the 14 generic
policy frames of the Policy Frames Codebook (Piskorski et al. 2023).

The data were distributed by the task organisers to registered participants with no licence
stated; framing never ships them nor anything trained on them. The loader reads them at run
time from the data home, folder ``semeval2023_task3_en/``, in the organisers' layout (see
``datasets/semeval2023_task3_en.md``)::

    semeval2023_task3_en/data/en/train-articles-subtask-2/article<ID>.txt
    semeval2023_task3_en/data/en/train-labels-subtask-2.txt    id<TAB>frame,frame,...
    semeval2023_task3_en/data/en/train-labels-subtask-1.txt    id<TAB>genre (optional)
"""

from __future__ import annotations

import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_semeval2023_frames", "SEMEVAL_FRAMES"]

FOLDER = "semeval2023_task3_en"
SOURCE = (
    "the SemEval-2023 Task 3 organisers (https://propaganda.math.unipd.it/semeval2023task3/; "
    "English part of the data bundle, no licence stated)"
)
SEMEVAL_FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
"""The 14 frame labels in the order of the task's ``scorers/frames_subtask2.txt``."""

_ARTICLES = "data/en/train-articles-subtask-2"
_LABELS = "data/en/train-labels-subtask-2.txt"
_GENRES = "data/en/train-labels-subtask-1.txt"


def _read_labels(path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            aid, _, labels = line.partition("\t")
            out[aid.strip()] = labels.strip()
    return out


def load_semeval2023_frames(*, data_home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The 433 English training articles of SemEval-2023 Task 3 with their frames.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``semeval2023_task3_en/``; else ``$FRAMING_DATA``, else the user
        cache folder.

    Returns
    -------
    pandas.DataFrame
        One row per article, in article-id order: ``id`` (str), ``title`` (the first line),
        ``text`` (the whole file, title included, as published), ``frames`` (list of labels
        from :data:`SEMEVAL_FRAMES`, in the annotators' order), ``genre`` (``opinion``,
        ``reporting``, ``satire``, or ``""`` when subtask 1's labels are absent) and
        ``split`` (always ``"train"``: the dev and test gold were never released, so
        evaluate by cross-validation, e.g. the fixed folds of ``evaluation/frames.py``).
        These articles overlap the PTC corpus (``ptc_semeval2020_task11/``).

    Raises
    ------
    OSError
        When the files are not in the data home; the message says where to put them.
    ValueError
        When a label is not one of the 14 frames or an article has no label line.

    Examples
    --------
    >>> load_semeval2023_frames(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: SemEval-2023 Task 3 (English) not found: expected /nonexistent/semeval2023_task3_en. framing never downloads ...
    """
    root = dataset_path(FOLDER, _ARTICLES, _LABELS, name="SemEval-2023 Task 3 (English)",
                        source=SOURCE, data_home=data_home)
    labels = _read_labels(root / _LABELS)
    genres = _read_labels(root / _GENRES) if (root / _GENRES).exists() else {}
    rows = []
    for path in sorted((root / _ARTICLES).glob("article*.txt")):
        aid = path.stem[len("article"):]
        if aid not in labels:
            raise ValueError(f"article {aid} ({path}) has no line in {root / _LABELS}")
        frames = [f.strip() for f in labels[aid].split(",") if f.strip()]
        bad = [f for f in frames if f not in SEMEVAL_FRAMES]
        if bad:
            raise ValueError(f"article {aid}: unknown frame labels {bad}; expected {list(SEMEVAL_FRAMES)}")
        text = path.read_text(encoding="utf-8")
        rows.append({"id": aid, "title": text.split("\n", 1)[0].strip(), "text": text,
                     "frames": frames, "genre": genres.get(aid, ""), "split": "train"})
    if not rows:
        raise OSError(f"no article*.txt files in {root / _ARTICLES}")
    return pd.DataFrame(rows, columns=["id", "title", "text", "frames", "genre", "split"])
