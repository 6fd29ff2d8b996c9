"""MultiDimNews (Färber, Burkard, Jatowt & Lim, CIKM 2020): 2,057 sentences of 90 English
news articles on the 2014 Ukraine crisis, each judged by five crowdworkers for bias,
subjectivity, hidden assumptions and the portrayal of three governments.

No licence is stated; framing never ships the data. The loader reads, from the data home,
folder ``multidimnews/``, the repository ``michaelfaerber/ukraine-news-bias`` layout::

    multidimnews/all-data-as-json/article_<N>.json                   judgements per sentence
    multidimnews/all-data-as-csv/sentences-with-binary-labels-<dim>.csv  authors' 0/1 labels
"""

from __future__ import annotations

import csv
import json
import os
import re

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_multidimnews"]

FOLDER = "multidimnews"
SOURCE = "https://github.com/michaelfaerber/ukraine-news-bias (all-data-as-json/, all-data-as-csv/)"
DIMENSIONS = {"bias": "bias", "subjectivity": "subj", "hidden_assumptions": "hidden-assumpt",
              "framing": "framing"}


def load_multidimnews(*, data_home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """MultiDimNews: crowd judgements of bias and subjectivity for news sentences.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``multidimnews/``; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        One row per sentence (2,057), in article and position order: ``article``, ``id``,
        ``position``, ``text``; the authors' binary labels ``bias``, ``subjectivity``,
        ``hidden_assumptions``, ``framing`` (0/1, from ``all-data-as-csv/``); and the mean
        crowd judgements ``bias_avg`` (pro-Russia/pro-West judgement, 0-1),
        ``subjectivity_avg`` (0-3). The corpus has no split; framing only evaluates on it
        without training (group by ``article`` if you cross-validate).

    Raises
    ------
    OSError
        When the files are not in the data home; the message says where to put them.

    Examples
    --------
    >>> load_multidimnews(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: MultiDimNews not found: expected /nonexistent/multidimnews. framing never downloads ...
    """
    csvs = {dim: f"all-data-as-csv/sentences-with-binary-labels-{stem}.csv"
            for dim, stem in DIMENSIONS.items()}
    root = dataset_path(FOLDER, "all-data-as-json", *csvs.values(), name="MultiDimNews",
                        source=SOURCE, data_home=data_home)
    files = sorted((root / "all-data-as-json").glob("article_*.json"),
                   key=lambda p: int(p.stem.rpartition("_")[2]))
    rows = []
    for f in files:  # the CSVs list the sentences in this order: article number, then JSON order
        art = json.loads(f.read_text(encoding="utf-8"))
        for s in art["sentences"]:
            bias = s["bias"]["score"]
            rows.append({
                "article": art["id"], "id": s["id"], "position": s["position_in_article"],
                "text": s["content"],
                "bias_avg": max(bias["pro-russia"]["avg"], bias["pro-west"]["avg"]),
                "subjectivity_avg": s["subjectivity"]["score"]["avg"],
            })
    df = pd.DataFrame(rows)
    for dim, rel in csvs.items():
        with open(root / rel, encoding="utf-8", newline="") as fh:
            table = list(csv.reader(fh))
        # the CSVs carry no id and drop some quotation marks: match by row, check the letters
        same = len(table) == len(df) and all(
            _letters(row[0]) == _letters(text) for row, text in zip(table, df["text"]))
        if not same:
            raise OSError(f"MultiDimNews: {rel} does not list the sentences of all-data-as-json "
                          "in order; is the data home complete and unmodified?")
        df[dim] = [int(row[1]) for row in table]
    df = df.sort_values(["article", "position"], key=lambda c: c.map(_order), ignore_index=True)
    return df[["article", "id", "position", "text", *DIMENSIONS, "bias_avg", "subjectivity_avg"]]


def _letters(text: str) -> str:
    return re.sub(r"\W", "", text)


def _order(value):
    return int(value.rpartition("_")[2]) if isinstance(value, str) else value
