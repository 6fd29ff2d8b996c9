"""The Narrative Frames Corpus: climate-change news with generic frames and hero, villain
and victim roles (Frermann, Li, Khanehzar & Mikolajczak, ACL 2023)."""

from __future__ import annotations

import csv
import os
import re
import sys
from typing import NamedTuple

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_narrative_framing", "NarrativeFraming", "ROLE_TO_MAIN", "NARRATIVE_FRAMES"]

NARRATIVE_SOURCE = (
    "https://github.com/phenixace/narrative-framing (data/articles_metadata.tsv, "
    "data/role_and_frame_annoations.tsv; the 5-fold split ids in derived/splits_raw_ids.tsv "
    "are read from experiments/data_splits_raw/Fold_*/)"
)
FOLDER = "narrative_framing"
NARRATIVE_FRAMES = {"RE": "resolution", "HI": "human_interest", "CO": "conflict", "MO": "moral", "EC": "economic"}
"""The corpus's five generic frames: column code -> column name in the articles table."""
ROLE_TO_MAIN = {"hero": "protagonist", "villain": "antagonist", "victim": "innocent"}
"""Hero, villain and victim map onto SemEval-2025 Task 10's main roles."""
ARTICLE_COLUMNS = ["id", "outlet", "source", "mbfc", "date", "title", "text", *NARRATIVE_FRAMES.values(), "test_fold"]
ROLE_COLUMNS = ["id", "entity", "group", "role", "main_role", "start", "end", "located", "mbfc"]


class NarrativeFraming(NamedTuple):
    """The two tables of the corpus (see :func:`load_narrative_framing`)."""

    articles: pd.DataFrame
    roles: pd.DataFrame


def outlet_key(source: str) -> str:
    """One spelling per outlet: lower case, letters and digits only.

    Examples
    --------
    >>> outlet_key("The New York Times"), outlet_key("thenewyorktimes")
    ('thenewyorktimes', 'thenewyorktimes')
    """
    return re.sub(r"[^0-9a-z]", "", source.lower())


def _flag(value: str) -> bool:
    value = value.strip().rstrip(")")  # article 716 has "False)"
    if value not in {"True", "False"}:
        raise ValueError(f"frame flag must be True or False, got {value!r}")
    return value == "True"


_STOP = frozenset("""a an the of in on at to for and or by with from its their his her our
this that these those s""".split())


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    pattern = r"(?<!\w)" + re.escape(phrase).replace("'", "['’]").replace("’", "['’]") + r"(?!\w)"
    m = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def locate(text: str, entity: str) -> tuple[int, int, str]:
    """Where an annotated entity string is in the text: ``(start, end, how)``.

    The corpus gives no offsets. ``how`` is ``exact`` (the first occurrence, case
    ignored only when no exact occurrence exists; a trailing possessive dropped), ``partial``
    (the longest run of the entity's words, not all of them short function words, that
    occurs: "youth climate activists" -> "climate activists") or ``none`` (``-1, -1``).

    Examples
    --------
    >>> locate("Rep. Alexandria Ocasio-Cortez said", "Alexandria Ocasio-Cortez's")
    (5, 29, 'exact')
    >>> locate("Climate activists marched.", "youth climate activists")
    (0, 17, 'partial')
    >>> locate("no such name", "Smith")
    (-1, -1, 'none')
    """
    entity = entity.strip()
    for cand in (entity, re.sub(r"['’]s?$", "", entity).strip()):
        hit = _find(text, cand) if cand else None
        if hit:
            return hit[0], hit[1], "exact"
    words = re.sub(r"['’]s?$", "", entity).split()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size, -1, -1):  # rightmost first: the head noun
            part = words[i : i + size]
            if all(w.lower() in _STOP or len(w) < 3 for w in part):
                continue
            hit = _find(text, " ".join(part))
            if hit:
                return hit[0], hit[1], "partial"
    return -1, -1, "none"


def load_narrative_framing(*, data_home: str | os.PathLike[str] | None = None) -> NarrativeFraming:
    """Load the Narrative Frames Corpus: 428 climate-change articles from 63 outlet strings,
    their five generic frames, their outlets' MBFC ratings, and 1,944 hero / villain / victim
    entity annotations.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``narrative_framing/`` with ``data/articles_metadata.tsv`` and
        ``data/role_and_frame_annoations.tsv`` (sic) as the repository publishes them, and
        optionally ``derived/splits_raw_ids.tsv`` (the authors' 5-fold split, article ids).

    Returns
    -------
    NarrativeFraming
        ``articles``: one row per article, columns ``id`` (int), ``outlet`` (the source
        string normalised by :func:`outlet_key`, so "The Daily Caller" and "thedailycaller"
        are one outlet), ``source`` (as published), ``mbfc`` (the outlet's Media Bias/Fact
        Check rating: ``left_bias``, ``left_center_bias``, ``right_bias``,
        ``questionable_source``), ``date``, ``title`` (the text up to its first line break,
        else ``None``), ``text``, the five frames ``resolution``, ``human_interest``,
        ``conflict``, ``moral``, ``economic`` (bool) and ``test_fold`` (the fold, 1-5, whose
        test set holds the article; 0 without the split file).
        ``roles``: one row per annotated entity, columns ``id``, ``entity`` (the span as
        annotated), ``group`` (stakeholder category), ``role`` (``hero``, ``villain``,
        ``victim``), ``main_role`` (``protagonist``, ``antagonist``, ``innocent`` by
        :data:`ROLE_TO_MAIN`), ``start``, ``end`` and ``located`` (the corpus gives no
        offsets: the first occurrence of the entity in the text found by :func:`locate`,
        ``exact`` or ``partial``; ``none`` and -1 when not found) and ``mbfc``.

    Raises
    ------
    OSError
        When the corpus is not in the data home.

    Examples
    --------
    >>> load_narrative_framing(data_home="/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    OSError: Narrative Frames Corpus not found: expected /nonexistent/narrative_framing...
    """
    meta, ann = "data/articles_metadata.tsv", "data/role_and_frame_annoations.tsv"
    root = dataset_path(FOLDER, meta, ann, name="Narrative Frames Corpus", source=NARRATIVE_SOURCE,
                        data_home=data_home)
    csv.field_size_limit(sys.maxsize)
    with open(root / ann, encoding="utf-8", newline="") as fh:
        ann_rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    frames_of: dict[int, dict[str, bool]] = {}
    for r in ann_rows:  # the annotation table repeats each article's frame flags
        frames_of.setdefault(int(r["ID"]), {v: _flag(r[k]) for k, v in NARRATIVE_FRAMES.items()})
    folds: dict[int, int] = {}
    split_file = root / "derived" / "splits_raw_ids.tsv"
    if split_file.exists():
        with open(split_file, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["split"] == "test":
                    folds[int(r["ID"])] = int(r["fold"])
    articles = []
    with open(root / meta, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        for n, row in enumerate(reader, 2):
            if len(row) < 5:
                raise ValueError(f"{root / meta}, row {n}: expected at least 5 fields, got {len(row)}")
            rec = dict(zip(header, row))
            aid = int(rec["ID"])
            if len(row) >= 10:
                frames = {v: _flag(rec[k]) for k, v in NARRATIVE_FRAMES.items()}
            elif aid in frames_of:  # article 405: frame columns missing from the metadata
                frames = frames_of[aid]
            else:
                raise ValueError(f"{root / meta}, row {n}: article {aid} has no frame labels")
            text = rec["text"]
            first = text.split("\n", 1)
            articles.append({
                "id": aid, "outlet": outlet_key(rec["source"]), "source": rec["source"],
                "mbfc": rec["mbfc"], "date": rec["date"],
                "title": first[0].strip() if len(first) == 2 else None, "text": text,
                **frames, "test_fold": folds.get(aid, 0),
            })
    arts = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    text_of = dict(zip(arts["id"], arts["text"]))
    roles = []
    for r in ann_rows:
        aid = int(r["ID"])
        entity = r["entity"].strip()
        start, end, how = locate(text_of.get(aid, ""), entity)
        roles.append({
            "id": aid, "entity": entity, "group": r["group"], "role": r["role"],
            "main_role": ROLE_TO_MAIN[r["role"]], "start": start, "end": end, "located": how, "mbfc": r["mbfc"],
        })
    return NarrativeFraming(arts, pd.DataFrame(roles, columns=ROLE_COLUMNS))
