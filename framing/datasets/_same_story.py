"""Same-story corpora: AllSides/NeuS story triples and Article-Bias-Prediction (Baly et al. 2020).

Each loader returns a :class:`~framing.Corpus` whose documents carry ``outlet``, ``story``,
``date`` and ``title`` where the corpus has them, and the outlet's AllSides leaning in
``meta["leaning"]``, read from the files in the layout the original repositories publish.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from framing.corpus import Corpus, Problem
from framing.document import Document
from framing.datasets._base import dataset_path

__all__ = ["load_allsides_neus", "load_article_bias_prediction", "load_abp_story_triples"]

ALLSIDES_SOURCE = "https://github.com/HLTCHKUST/framing-bias-metric (data/raw_crawled/)"
ABP_SOURCE = "https://github.com/ramybaly/Article-Bias-Prediction (data/jsons/, data/splits/)"
ALLSIDES_FILE = "raw_crawled/headline_11_2021-10-19_crawled_all.jsonl"
LEANINGS = ("left", "center", "right")
BAD_JSON = "{path}, line {line}: not valid JSON ({error})"


def load_allsides_neus(*, data_home: str | os.PathLike[str] | None = None) -> Corpus:
    """AllSides story triples as crawled for NeuS (Lee et al. 2022): one document per article.

    Each AllSides story (one news event) gives up to three articles, from a left-, a centre-
    and a right-rated outlet. ``story`` is the AllSides story id, ``outlet`` the source name as
    AllSides spells it, ``title`` the headline, ``date`` the story date (YYYY-MM-DD); the text
    is the headline and the opening paragraphs AllSides shows (not the full article), one
    paragraph per line. ``meta`` holds ``leaning`` (left / center / right: the AllSides column
    the article sits in), ``leaning_detail`` (``stance_specific``: lean left, ...), ``topic``,
    ``opinion_tag`` and ``roundup`` (AllSides' own neutral summary of the story).

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``allsides_neus/`` in the repository's layout
        (``allsides_neus/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl``).

    Returns
    -------
    Corpus
        1,479 articles of 505 stories in the published file; a story line without any article
        is recorded in ``Corpus.problems`` (one in the published file), never dropped silently.

    Examples
    --------
    With the corpus in the data home (``tests/test_same_story.py`` runs the same calls)::

        corpus = load_allsides_neus()
        len(corpus), corpus[0].meta["leaning"]
        # (1479, 'left')
    """
    root = dataset_path("allsides_neus", ALLSIDES_FILE, name="AllSides/NeuS story triples",
                        source=ALLSIDES_SOURCE, data_home=data_home)
    path = root / ALLSIDES_FILE
    docs, problems = [], []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                story = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(BAD_JSON.format(path=path, line=line_no, error=e)) from None
            news = story.get("news") or {}
            found = 0
            for side in LEANINGS:
                art = news.get(side)
                if not art or not (art.get("newBody") or art.get("newsTitle")):
                    continue
                found += 1
                title = (art.get("newsTitle") or "").strip()
                body = [p.strip() for p in art.get("newBody") or [] if p and p.strip()]
                docs.append(Document(
                    "\n".join([title, *body]) if title else "\n".join(body),
                    id=f"{story['id']}-{side}",
                    outlet=(art.get("newsSource") or "").strip() or None,
                    story=str(story["id"]),
                    title=title or None,
                    date=(story.get("date") or "")[:10] or None,
                    url=art.get("newsLink") or None,
                    meta={"leaning": side, "leaning_detail": art.get("stance_specific"),
                          "topic": story.get("topic"), "opinion_tag": art.get("opinionTag"),
                          "roundup": "\n".join(story.get("roundup") or [])},
                ))
            if not found:
                problems.append(Problem(source=str(path), line=line_no, column="news", id=story.get("id"),
                                        reason="story has no left, center or right article"))
    return Corpus(docs, problems=problems)


def _abp_document(path: Path, story: str | None = None) -> Document:
    rec = json.loads(path.read_text(encoding="utf-8"))
    return Document(
        rec["content_original"], id=rec["ID"], outlet=rec.get("source") or None,
        story=story, title=rec.get("title") or None, date=rec.get("date") or None,
        url=rec.get("url") or None,
        meta={"leaning": rec.get("bias_text"), "topic": rec.get("topic"), "authors": rec.get("authors")},
    )


def load_article_bias_prediction(*, data_home: str | os.PathLike[str] | None = None) -> Corpus:
    """The test articles of Article-Bias-Prediction (Baly et al. 2020), full text.

    Reads every ``data/jsons/<ID>.json`` listed in ``data/splits/media/test.tsv`` (the 1,300
    test articles; ``splits/random/test.tsv`` lists the same ids). The data home's
    ``article_bias_prediction/`` folder holds them as ``jsons_media_test/<ID>.json`` and
    ``splits/media/test.tsv``. ``outlet`` is the source as AllSides spells it, ``story`` is
    ``None`` (the corpus has no event ids: use :func:`framing.analysis.align_stories`), ``meta`` holds
    ``leaning`` (left / center / right: the outlet's AllSides rating), ``topic``, ``authors``.

    Returns
    -------
    Corpus
        One document per listed id, in the order of the split file; an id whose JSON file is
        missing is a :class:`~framing.Problem` of the corpus, never dropped silently.
    """
    root = dataset_path("article_bias_prediction", "splits/media/test.tsv", "jsons_media_test",
                        name="Article-Bias-Prediction", source=ABP_SOURCE, data_home=data_home)
    docs, problems = [], []
    split = root / "splits/media/test.tsv"
    with open(split, encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh, delimiter="\t"), 2):
            path = root / "jsons_media_test" / f"{row['ID']}.json"
            if not path.exists():
                problems.append(Problem(source=str(split), line=line_no, column="ID", id=row["ID"],
                                        reason=f"no article file {path}"))
                continue
            docs.append(_abp_document(path))
    return Corpus(docs, problems=problems)


def load_abp_story_triples(*, data_home: str | os.PathLike[str] | None = None,
                           exclude_media_test: bool = False) -> Corpus:
    """Left / centre / right full-text triples of Article-Bias-Prediction on one topic and day.

    ``derived/story_triples_index.tsv`` of the data home's ``abp_story_triples/`` lists 366
    candidate triples (same AllSides topic and date, exactly one article per leaning); the 150
    marked ``in_sample`` have their ``data/jsons/<ID>.json`` in the folder. ``story`` is the
    triple id. The grouping is heuristic (about 3 in 12 triples share only the topic and day,
    see the folder's SOURCE.md).

    Parameters
    ----------
    exclude_media_test : bool, default False
        Leave out the triples with an article in Article-Bias-Prediction's media test split
        (15 articles), when that split is your held-out set.

    Returns
    -------
    Corpus
        450 articles (150 triples) with ``meta["leaning"]``, ``meta["topic"]``.
    """
    index = "derived/story_triples_index.tsv"
    root = dataset_path("abp_story_triples", index, "data/jsons", name="ABP story triples",
                        source=ABP_SOURCE + " and the folder's SOURCE.md (triples derived by date and topic)",
                        data_home=data_home)
    with open(root / index, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    test_triples = {r["triple_id"] for r in rows if r["split_media"] == "test"}
    docs, problems = [], []
    for line_no, r in enumerate(rows, 2):
        if r["in_sample"] != "1" or (exclude_media_test and r["triple_id"] in test_triples):
            continue
        path = root / "data/jsons" / f"{r['ID']}.json"
        if not path.exists():
            problems.append(Problem(source=str(root / index), line=line_no, column="ID", id=r["ID"],
                                    reason=f"no article file {path}"))
            continue
        docs.append(_abp_document(path, story=r["triple_id"]))
    return Corpus(docs, problems=problems)
