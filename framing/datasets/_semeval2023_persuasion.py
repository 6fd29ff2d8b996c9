"""SemEval-2023 Task 3, subtask 3 (English): persuasion techniques per paragraph
(Piskorski et al. 2023).

Online news articles, each paragraph (a line of the article file) labelled with the
persuasion techniques of a 23-technique taxonomy that occur in it (19 occur in English).
The corpus has no licence and may not be redistributed; framing never ships it. The loader
reads it from the data home, folder ``semeval2023_task3_en/``, in the organisers' bundle
layout (see ``datasets/semeval2023_persuasion.md``)::

    semeval2023_task3_en/data/en/train-articles-subtask-3/article<ID>.txt
    semeval2023_task3_en/data/en/dev-articles-subtask-3/article<ID>.txt
    semeval2023_task3_en/data/en/train-labels-subtask-3.txt   id, line, technique,technique,...
    semeval2023_task3_en/data/en/dev-labels-subtask-3.txt
    semeval2023_task3_en/scorers/techniques_subtask3.txt      the 23 technique names

**Overlap with PTC.** The 446 training articles are PTC's 371 train and 75 dev articles
(:func:`framing.datasets.load_ptc`) and the 90 dev articles are PTC's test articles: never
train on one corpus and evaluate on the other.
"""

from __future__ import annotations

import os

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_semeval2023_persuasion"]

FOLDER = "semeval2023_task3_en"
SOURCE = (
    "the organisers of SemEval-2023 Task 3 (propaganda.math.unipd.it/semeval2023task3, after "
    "registration), English part, files data/en/ and scorers/"
)
BAD_SPLIT = "split must be 'train' or 'dev' (the test gold was never released), got {!r}"


def load_semeval2023_persuasion(
    split: str = "train", *, data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """One split of SemEval-2023 Task 3 subtask 3 (English), one row per paragraph.

    Parameters
    ----------
    split : {"train", "dev"}
        446 training articles (9,498 paragraphs) and 90 dev articles (3,127 paragraphs).
        The test gold is not public. Train on ``train``, report ``dev``.
    data_home : path, optional
        Folder holding ``semeval2023_task3_en/``; else ``$FRAMING_DATA``, else the user cache.

    Returns
    -------
    pandas.DataFrame
        Columns ``id`` (article id, str), ``line`` (the paragraph's 1-based line number in
        the article file, as the labels give it), ``text`` (that line), ``techniques``
        (list of technique names, empty when none) and ``start`` (offset of the paragraph in
        the article file, so that ``article[start:start + len(text)] == text``).
        ``DataFrame.attrs["techniques"]`` holds the 23 names of the task's label list.

    Raises
    ------
    OSError
        When the corpus is not in the data home; the message says where to put which files.

    Examples
    --------
    >>> load_semeval2023_persuasion(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: SemEval-2023 Task 3 not found: expected /nonexistent/semeval2023_task3_en. framing never downloads ...
    """
    if split not in ("train", "dev"):
        raise ValueError(BAD_SPLIT.format(split))
    labels = f"data/en/{split}-labels-subtask-3.txt"
    articles = f"data/en/{split}-articles-subtask-3"
    names_file = "scorers/techniques_subtask3.txt"
    root = dataset_path(FOLDER, labels, articles, names_file, name="SemEval-2023 Task 3",
                        source=SOURCE, data_home=data_home)
    names = [t.strip() for t in (root / names_file).read_text(encoding="utf-8").splitlines() if t.strip()]
    known = set(names)
    cache: dict[str, tuple[list[str], list[int]]] = {}
    rows = []
    with open(root / labels, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                raise ValueError(f"{root / labels}, line {n}: expected 3 tab-separated fields")
            ident, number, cell = parts
            if ident not in cache:
                with open(root / articles / f"article{ident}.txt", encoding="utf-8", newline="") as a:
                    lines = a.read().split("\n")
                starts, pos = [], 0
                for ln in lines:
                    starts.append(pos)
                    pos += len(ln) + 1
                cache[ident] = (lines, starts)
            lines, starts = cache[ident]
            k = int(number) - 1
            if not 0 <= k < len(lines):
                raise ValueError(f"{root / labels}, line {n}: article {ident} has no line {number}")
            techniques = [t for t in cell.split(",") if t]
            unknown = set(techniques) - known
            if unknown:
                raise ValueError(f"{root / labels}, line {n}: unknown techniques {sorted(unknown)}")
            rows.append({"id": ident, "line": int(number), "text": lines[k],
                         "techniques": techniques, "start": starts[k]})
    df = pd.DataFrame(rows, columns=["id", "line", "text", "techniques", "start"])
    df.attrs["techniques"] = names
    return df
