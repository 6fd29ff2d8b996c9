"""BASIL (Fan et al. 2019): 300 news articles on 100 events (Fox News, The New York Times,
HuffPost) with span annotations of lexical and informational bias.

No licence is stated by either repository; framing never ships the data. The loader reads
the two releases in their publishers' layouts from the data home, folder ``basil/``::

    basil/v1/data/<index>_<source>.json                     marshallwhiteorg/emnlp19-media-bias,
                                                            emnlp19-BASIL.zip (the paper's version)
    basil/v2/articles/<year>/<triplet-uuid>_<n>.json        launchnlp/BASIL (corrected release)
    basil/v2/annotations/<year>/<triplet-uuid>_<n>_ann.json

The event index 0-99 exists only in v1's file names; v2 articles are matched to v1 by URL.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from framing.corpus import Corpus
from framing.datasets._base import dataset_path
from framing.document import Document

__all__ = ["load_basil", "load_basil_corpus"]

FOLDER = "basil"
SOURCE = (
    "https://github.com/launchnlp/BASIL (v2: articles/, annotations/) and "
    "https://github.com/marshallwhiteorg/emnlp19-media-bias (v1: emnlp19-BASIL.zip, "
    "unzipped as v1/data/); no licence stated"
)
TEST_EVENTS = range(80, 100)
"""Events held out for evaluation (framing's fixed split; the paper cross-validated)."""

_V1_VALUES = {
    "bias": {"Lexical": "lex", "Informational": "inf"},
    "polarity": {"Negative": "neg", "Positive": "pos"},
    "aim": {"Direct": "dir", "Indirect (Ally)": "ind_pro", "Indirect (Opponent)": "ind_anti",
            "Indirect (General)": "ind_general"},
    "quote": {"Yes": "yes", "No": "no"},
    "speaker": {"Other (Pro-target)": "other_pro", "Other (Anti-target)": "other_anti",
                "Other (Neutral)": "other_neutral"},
}
_STANCE = {"liberal": "left", "left": "left", "center": "center", "conservative": "right",
           "right": "right"}
SPAN_FIELDS = ("start", "end", "text", "bias", "polarity", "target", "aim", "quote", "speaker",
               "sentence_index")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _layout(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Article text (sentences joined by a space, paragraphs by a blank line) and the
    offsets of every sentence in it, in the order of the flattened body."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for p, para in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            pos += 2
        for s, sent in enumerate(para):
            if s:
                parts.append(" ")
                pos += 1
            parts.append(sent)
            offsets.append((pos, pos + len(sent)))
            pos += len(sent)
    return "".join(parts), offsets


def _span(sentence: str, offset: int, index: int, ann: dict, v1: bool) -> dict | None:
    start, end = int(ann["start"]), int(ann["end"])
    txt = ann["text" if v1 else "txt"]
    if sentence[start:end] != txt:
        # v1 offsets are sometimes off (a trailing space in the text, an end one short, a
        # span of another sentence position): take the occurrence of the stripped text
        # nearest to the given start; drop the span if the text is not in the sentence
        txt = txt.strip()
        found, k = [], sentence.find(txt) if txt else -1
        while k >= 0:
            found.append(k)
            k = sentence.find(txt, k + 1)
        if not found:
            return None
        start = min(found, key=lambda k: abs(k - start))
        end = start + len(txt)

    def value(key: str) -> str:
        raw = ann.get(key) or ""
        return _V1_VALUES.get(key, {}).get(raw, raw) if v1 else raw.lower() if key in (
            "bias", "polarity", "aim", "quote") else raw

    return {"start": offset + start, "end": offset + end, "text": txt, "bias": value("bias"),
            "polarity": value("polarity"), "target": value("target").replace("_", " "),
            "aim": value("aim"), "quote": value("quote"), "speaker": value("speaker"),
            "sentence_index": index}


def load_basil(
    *, version: str = "v2", data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """BASIL: articles with lexical and informational bias spans mapped onto the article text.

    Parameters
    ----------
    version : {"v2", "v1"}
        Which annotations: ``"v2"`` (default), the authors' corrected release, or ``"v1"``,
        the release the paper's figures were computed on. The texts are the same.
    data_home : path, optional
        Folder holding ``basil/``; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        One row per article (300), sorted by event and outlet: ``event`` (0-99, v1's index),
        ``triplet_uuid``, ``uuid``, ``source`` (``fox``, ``nyt``, ``hpo``), ``title``,
        ``date``, ``url``, ``main_event``, ``main_entities``, ``stance`` (``left``,
        ``center``, ``right``), ``text`` (body sentences joined by a space, paragraphs by a
        blank line), ``sentences`` (list of ``(start, end)`` into ``text``), ``spans`` (list
        of dicts ``start``, ``end`` (into ``text``, end-exclusive), ``text``, ``bias``
        (``lex``/``inf``), ``polarity`` (``neg``/``pos``), ``target``, ``aim``, ``quote``
        (``yes``/``no``), ``speaker``, ``sentence_index``), ``title_spans`` (same, offsets
        into ``title``) and ``split``: ``"test"`` for events 80-99, ``"train"`` for the rest.
        There is no official split (the paper cross-validated); framing fixes this one so
        every evaluation uses the same. Tune inside ``train`` only.

    Raises
    ------
    OSError
        When the files are not in the data home; the message says where to put them.

    Examples
    --------
    >>> load_basil(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: BASIL not found: expected /nonexistent/basil. framing never downloads ...
    """
    if version not in ("v1", "v2"):
        raise ValueError(f"version must be 'v1' or 'v2', got {version!r}")
    root = dataset_path(FOLDER, "v1/data", "v2/articles", "v2/annotations", name="BASIL",
                        source=SOURCE, data_home=data_home)
    v1_files = sorted((root / "v1" / "data").glob("*.json"))
    v1_by_url = {}
    for f in v1_files:
        index, _, source = f.stem.partition("_")
        d = _read(f)
        v1_by_url[d["url"]] = (int(index), source.lower(), d)
    rows = []
    for art_path in sorted((root / "v2" / "articles").glob("*/*.json")):
        art = _read(art_path)
        ann_path = root / "v2" / "annotations" / art_path.parent.name / (art_path.stem + "_ann.json")
        if art["url"] not in v1_by_url or not ann_path.exists():
            raise OSError(f"BASIL: {art_path} has no matching v1 file (by url) or no "
                          f"annotation file {ann_path}; is the data home complete?")
        event, source, v1 = v1_by_url[art["url"]]
        text, offsets = _layout(art["body-paragraphs"])
        flat = [s for para in art["body-paragraphs"] for s in para]
        spans: list[dict] = []
        title_spans: list[dict] = []
        if version == "v2":
            ann = _read(ann_path)
            pairs = []
            for a in ann.get("phrase-level-annotations", []):
                if a["id"] == "title":
                    pairs.append((art["title"], 0, -1, a, title_spans))
                else:
                    k = int(a["id"][1:])
                    pairs.append((flat[k], offsets[k][0], k, a, spans))
            stance = _STANCE.get(ann.get("article-level-annotations", {})
                                 .get("relative_stance", "").lower(), "")
        else:
            pairs = [(flat[b["sentence-index"]], offsets[b["sentence-index"]][0],
                      b["sentence-index"], a, spans)
                     for b in v1["body"] for a in b["annotations"]]
            stance = v1["article-level-annotations"].get("stance", "").lower()
        for sentence, offset, k, a, out in pairs:
            rec = _span(sentence, offset, k, a, version == "v1")
            if rec is not None:
                out.append(rec)
        spans.sort(key=lambda s: (s["start"], s["end"]))
        rows.append({
            "event": event, "triplet_uuid": art["triplet-uuid"], "uuid": art["uuid"],
            "source": source, "title": art["title"], "date": art["date"], "url": art["url"],
            "main_event": art.get("main-event", ""), "main_entities": list(art.get("main-entities", [])),
            "stance": stance, "text": text, "sentences": offsets, "spans": spans,
            "title_spans": title_spans,
            "split": "test" if event in TEST_EVENTS else "train",
        })
    df = pd.DataFrame(rows)
    return df.sort_values(["event", "source"], ignore_index=True)


def load_basil_corpus(
    *, version: str = "v2", data_home: str | os.PathLike[str] | None = None
) -> tuple[Corpus, pd.DataFrame]:
    """BASIL as a :class:`~framing.Corpus` for outlet comparisons, with its gold span table.

    Parameters
    ----------
    version : {"v2", "v1"}
        As in :func:`load_basil`.
    data_home : path, optional
        As in :func:`load_basil`.

    Returns
    -------
    corpus : Corpus
        300 documents: ``id`` = the article's ``uuid``, ``outlet`` = ``fox`` / ``nyt`` /
        ``hpo``, ``story`` = the event index (``"0"``-``"99"``: the three outlets' articles on
        one event), ``title``, ``date``, ``url``; ``meta`` holds ``stance`` and ``split``.
    gold : pandas.DataFrame
        One row per bias span: ``id`` (the article), ``outlet``, ``story``, ``start``, ``end``
        (into the document's text), ``text``, ``bias`` (``lex`` / ``inf``), ``polarity``,
        ``target``, ``aim``, ``quote``, ``speaker``.

    Examples
    --------
    With the corpus in the data home (``tests/test_basil.py`` runs the same calls)::

        corpus, gold = load_basil_corpus()
        len(corpus), len(corpus.stories)
        # (300, 100)
    """
    df = load_basil(version=version, data_home=data_home)
    docs = [Document(r.text, id=r.uuid, outlet=r.source, story=str(r.event), title=r.title or None,
                     date=r.date or None, url=r.url or None, meta={"stance": r.stance, "split": r.split})
            for r in df.itertuples()]
    rows = [{"id": r.uuid, "outlet": r.source, "story": str(r.event), **{k: s.get(k) for k in (
        "start", "end", "text", "bias", "polarity", "target", "aim", "quote", "speaker")}}
        for r in df.itertuples() for s in r.spans]
    gold = pd.DataFrame(rows, columns=["id", "outlet", "story", "start", "end", "text", "bias", "polarity",
                                       "target", "aim", "quote", "speaker"])
    return Corpus(docs), gold
