"""PTC, the Propaganda Techniques Corpus, in its SemEval-2020 Task 11 release
(Da San Martino et al. 2019, 2020).

English news articles whose propaganda fragments are marked with character spans and one of
14 technique classes. The corpus has no licence and may not be redistributed; framing never
ships it (nor weights trained on it). The loader reads it from the data home, folder
``ptc_semeval2020_task11/``, in the layout of the organisers' release (see
``datasets/ptc.md``)::

    ptc_semeval2020_task11/datasets/train-articles/article<ID>.txt
    ptc_semeval2020_task11/datasets/dev-articles/article<ID>.txt
    ptc_semeval2020_task11/datasets/train-task2-TC.labels       id, technique, start, end
    ptc_semeval2020_task11/datasets/train-task1-SI.labels       id, start, end
    ptc_semeval2020_task11/datasets/dev-task-TC.labels          dev gold (corpus version 1)
    ptc_semeval2020_task11/datasets/dev-task-SI.labels
    ptc_semeval2020_task11/derived/dev-task-TC.trimmed.labels   the same, version-2 trimming
    ptc_semeval2020_task11/derived/dev-task-SI.trimmed.labels

The only public dev gold is from the corpus' first version, whose span boundaries may
include spaces and punctuation; the train labels are version 2, whose boundaries were
trimmed of ``" \\n.,:;"``. ``trimmed=True`` (the default) reads the dev gold with the
version-2 trimming applied, so that train and dev spans follow the same rule (the trimmed
files change boundaries only; :func:`trim_span` is the rule).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_ptc", "PTC_TECHNIQUES", "trim_span"]

FOLDER = "ptc_semeval2020_task11"
SOURCE = (
    "the organisers of SemEval-2020 Task 11 (propaganda.math.unipd.it/ptc, after registration; "
    "dev gold as in DAMO-NLP-SG/PeerDA SemEval/SemEval20/evaluation/data/)"
)
PTC_TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
"""The 14 technique classes of the SemEval-2020 release, as spelt in its label files."""

_FILES = {
    ("train", False): ("datasets/train-task2-TC.labels", "datasets/train-task1-SI.labels"),
    ("train", True): ("datasets/train-task2-TC.labels", "datasets/train-task1-SI.labels"),
    ("dev", False): ("datasets/dev-task-TC.labels", "datasets/dev-task-SI.labels"),
    ("dev", True): ("derived/dev-task-TC.trimmed.labels", "derived/dev-task-SI.trimmed.labels"),
}
_ARTICLE_RE = re.compile(r"article(\d+)\.txt$")
_TRIM = " \n.,:;"
BAD_SPLIT = "split must be 'train' or 'dev' (the test gold was never released), got {!r}"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim ``" \\n.,:;"`` from both ends of ``text[start:end]`` (the rule of PTC version 2).

    Examples
    --------
    >>> trim_span("He said: 'a disgrace.' ", 8, 23)
    (9, 22)
    """
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _read_labels(path: Path, with_technique: bool) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != (4 if with_technique else 3):
                raise ValueError(f"{path}, line {n}: expected {4 if with_technique else 3} "
                                 f"tab-separated fields, got {len(parts)}")
            if with_technique:
                ident, tech, a, b = parts
                out.setdefault(ident, []).append((int(a), int(b), tech))
            else:
                ident, a, b = parts
                out.setdefault(ident, []).append((int(a), int(b)))
    return out


def load_ptc(
    split: str = "train",
    *,
    trimmed: bool = True,
    data_home: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """One split of PTC (SemEval-2020 Task 11), one row per article.

    Parameters
    ----------
    split : {"train", "dev"}
        371 training and 75 dev articles. The 90 test articles have no public gold and are
        not read. Train on ``train`` (tune by cross-validation inside it) and report ``dev``.
    trimmed : bool, default=True
        Read the dev gold with the version-2 boundary trimming (see the module docstring);
        ``False`` reads the version-1 dev gold as published. No effect on ``train``.
    data_home : path, optional
        Folder holding ``ptc_semeval2020_task11/``; else ``$FRAMING_DATA``, else the user cache.

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (str), ``text`` (the article, title on the first line), ``spans`` (list
        of ``(start, end, technique)``, sorted, character offsets into ``text``, end
        exclusive; one technique per entry, so a fragment with two techniques appears twice)
        and ``si_spans`` (list of ``(start, end)``: the task's span-identification gold, where
        overlapping fragments are merged). Articles without spans have empty lists.

    Raises
    ------
    OSError
        When the corpus is not in the data home; the message says where to put which files.

    Examples
    --------
    >>> load_ptc(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: PTC not found: expected /nonexistent/ptc_semeval2020_task11. framing never downloads ...
    """
    if split not in ("train", "dev"):
        raise ValueError(BAD_SPLIT.format(split))
    tc_file, si_file = _FILES[(split, bool(trimmed))]
    articles = f"datasets/{split}-articles"
    root = dataset_path(FOLDER, articles, tc_file, si_file, name="PTC", source=SOURCE,
                        data_home=data_home)
    tc = _read_labels(root / tc_file, True)
    si = _read_labels(root / si_file, False)
    rows = []
    for path in sorted((root / articles).iterdir()):
        m = _ARTICLE_RE.search(path.name)
        if not m:
            continue
        ident = m.group(1)
        # newline="" keeps the characters the offsets count (no \r\n translation)
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        spans = sorted(tc.get(ident, []))
        for a, b, _ in spans:
            if not 0 <= a < b <= len(text):
                raise ValueError(f"PTC {split}: span [{a}, {b}) outside article {ident} "
                                 f"({len(text)} characters)")
        rows.append({"id": ident, "text": text, "spans": spans,
                     "si_spans": sorted(si.get(ident, []))})
    return pd.DataFrame(rows, columns=["id", "text", "spans", "si_spans"])
