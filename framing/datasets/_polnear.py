"""PolNeAR, the Political News Attribution Relations corpus (Newell, Margolin & Ruths 2018).

Read from the data home in the layout of the original repository
(``networkdynamics/PolNeAR``, folder ``data/``)::

    <data_home>/polnear/data/metadata.tsv
    <data_home>/polnear/data/{train,dev,test}/text/<filename>.txt
    <data_home>/polnear/data/{train,dev,test}/attributions/<filename>_<annotator>.ann

The ``.ann`` files are brat standoff: ``T`` lines give ``Source``, ``Cue``, ``Content`` and
``Attribution`` / ``Attribution-no-source`` trigger spans (possibly discontinuous,
``start end;start end``, and possibly running over several physical lines), ``E`` lines
link them into one attribution. See ``datasets/polnear.md`` for the card.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.utils import Bunch

from framing.datasets._base import dataset_path

__all__ = ["load_polnear", "read_brat_attributions"]

SPLITS = ("train", "dev", "test")
POLNEAR_SOURCE = "the networkdynamics/PolNeAR repository on GitHub (folder data/)"
BAD_SPLIT = "split must be one of {splits}, got {split!r}"
BAD_ANNOTATOR = "annotator must be 'first' or 'all', got {annotator!r}"

_LINE_START = re.compile(r"^(?:[TEARN#]\d+|#)\t")
_QUOTES = "\"“”«»„"
_SINGLE = "‘’'"

DESCR = """PolNeAR: Political News Attribution Relations corpus (v1.0.0)
Newell, Margolin & Ruths (2018), LREC. 1,008 US news articles on the 2016 presidential
campaign from 7 publishers, with every attribution (source, cue, content) annotated,
including beliefs and intentions. Split by time: train 840, dev 84, test 84 articles.
Use train to train, dev to tune, and test once to report. See datasets/polnear.md."""


def _parse_spans(field: str) -> list[tuple[int, int]]:
    out = []
    for piece in field.split(";"):
        s, e = piece.split()
        out.append((int(s), int(e)))
    return out


def read_brat_attributions(ann_text: str) -> list[dict[str, Any]]:
    """Parse one PolNeAR ``.ann`` file into raw attributions.

    Each attribution is a dict with ``source``, ``cue``, ``content`` (each a list of
    ``(start, end)`` pieces, empty when absent) and ``type`` (``Attribution`` or
    ``Attribution-no-source``), in the order of the ``E`` lines.

    Examples
    --------
    >>> ann = ("T1\\tSource 0 2\\tHe\\nT2\\tCue 3 7\\tsaid\\nT3\\tContent 8 10;14 16\\tit is\\n"
    ...        "T4\\tAttribution 3 7\\tsaid\\nE1\\tAttribution:T4 Source:T1 Cue:T2 Content:T3\\n")
    >>> read_brat_attributions(ann)
    [{'type': 'Attribution', 'source': [(0, 2)], 'cue': [(3, 7)], 'content': [(8, 10), (14, 16)]}]
    """
    lines: list[str] = []
    for raw in ann_text.split("\n"):
        if lines and not _LINE_START.match(raw) and raw.strip() != "":
            lines[-1] += "\n" + raw  # a span text that ran over a line break
        elif raw.strip():
            lines.append(raw)
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in lines:
        parts = line.split("\t")
        ident = parts[0]
        if ident.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[ident] = (label, _parse_spans(offsets))
        elif ident.startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
    out = []
    for args in events:
        rec: dict[str, Any] = {"type": "", "source": [], "cue": [], "content": []}
        for role, ref in args:
            label, pieces = spans.get(ref, ("", []))
            key = role.rstrip("0123456789").lower()
            if key in ("attribution", "attribution-no-source"):
                rec["type"] = label or role
            elif key in ("source", "cue", "content") and not rec[key]:
                rec[key] = pieces
        if rec["cue"]:
            out.append(rec)
    return out


def _hull(pieces: list[tuple[int, int]]) -> list[int] | None:
    if not pieces:
        return None
    return [min(s for s, _ in pieces), max(e for _, e in pieces)]


def _gold_kind(text: str, cue: list[tuple[int, int]], content: list[tuple[int, int]]) -> str:
    """The guidelines' kind, derived from the text (PolNeAR has no kind label)."""
    cue_text = " ".join(text[s:e] for s, e in cue).lower()
    if cue_text.startswith(("according", "citing", "cited")) or cue_text == "cite":
        return "according_to"
    if not content:
        return "indirect"
    s, e = content[0][0], content[-1][1]
    inner = "".join(text[a:b] for a, b in content).strip()
    before = text[max(0, s - 2) : s]
    after = text[e : e + 2]
    marks = sum(inner.count(q) for q in _QUOTES)
    opened = any(q in before for q in _QUOTES + "‘") or inner[:1] in _QUOTES + "‘"
    closed = any(q in after for q in _QUOTES + "’") or inner[-1:] in _QUOTES + "’"
    if opened and closed and marks <= 2:
        return "direct"
    if marks or "‘" in inner:
        return "mixed"
    return "indirect"


def _record(text: str, raw: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    atts = []
    for r in raw:
        atts.append(
            {
                "kind": _gold_kind(text, r["cue"], r["content"]),
                "source": _hull(r["source"]),
                "cue": _hull(r["cue"]),
                "content": _hull(r["content"]),
                "source_parts": [list(p) for p in r["source"]],
                "cue_parts": [list(p) for p in r["cue"]],
                "content_parts": [list(p) for p in r["content"]],
                "anonymous": None,
                "cue_stance": None,
                "type": r["type"],
            }
        )
    atts.sort(key=lambda a: (a["cue"][0], a["cue"][1]))
    return {**meta, "text": text, "attributions": atts}


def load_polnear(
    split: str = "train",
    *,
    data_home: str | os.PathLike[str] | None = None,
    annotator: str = "first",
) -> Bunch:
    """Load one split of PolNeAR as gold records in the project's record format.

    Parameters
    ----------
    split : {"train", "dev", "test"}
        Train on ``train``, tune on ``dev``; read ``test`` only to report.
    data_home : path, optional
        The data home (default: ``$FRAMING_DATA``, else the user cache folder). The corpus
        is read from ``<data_home>/polnear/data/`` in the original repository's layout.
    annotator : {"first", "all"}
        20 articles have several parallel annotations (agreement sets). ``"first"`` keeps
        one per article, deterministically: the annotator ID that sorts first among the
        article's ``.ann`` files (the order of the ``annotators`` column of
        ``metadata.tsv``). ``"all"`` keeps one record per ``.ann`` file.

    Returns
    -------
    Bunch
        ``records``: a list of dicts, one per annotated article, in the record format of the
        annotation guidelines (``id``, ``outlet``, ``story``, ``text``, ``attributions``)
        plus ``title``, ``date``, ``annotator``, ``split``. Each attribution has
        ``kind``, ``source`` (``None`` for ``Attribution-no-source``), ``cue`` and
        ``content`` as ``[start, end]`` (the hull of discontinuous spans, whose pieces are in
        ``source_parts``, ``cue_parts``, ``content_parts``), and ``type``. ``kind`` is
        derived from the quotation marks around the content and from the cue
        (PolNeAR does not label it); ``anonymous`` and ``cue_stance`` are ``None``
        (not annotated). ``frame``: a DataFrame of the article metadata, one row per
        record. ``DESCR``: a description.

    Raises
    ------
    OSError
        When the corpus is not in the data home; the message says where to put which files.

    Examples
    --------
    With the corpus in the data home (``tests/test_polnear.py`` runs the same calls)::

        polnear = load_polnear("dev")
        len(polnear.records), polnear.records[0]["attributions"][0]["kind"]
        # (84, 'mixed')
    """
    if split not in SPLITS:
        raise ValueError(BAD_SPLIT.format(splits=SPLITS, split=split))
    if annotator not in ("first", "all"):
        raise ValueError(BAD_ANNOTATOR.format(annotator=annotator))
    root = dataset_path(
        "polnear",
        "data/metadata.tsv",
        f"data/{split}/text",
        f"data/{split}/attributions",
        name="PolNeAR",
        source=POLNEAR_SOURCE,
        data_home=data_home,
    )
    data = Path(root) / "data"
    meta: dict[str, dict[str, str]] = {}
    with open(data / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                meta[row["filename"]] = row
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        stem, _, ann_id = ann.stem.rpartition("_")
        by_article.setdefault(stem, []).append(ann)
    records = []
    for stem in sorted(by_article):
        text_path = data / split / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        with open(text_path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        files = by_article[stem] if annotator == "all" else by_article[stem][:1]
        row = meta.get(stem, {})
        for ann in files:
            raw = read_brat_attributions(ann.read_text(encoding="utf-8"))
            records.append(
                _record(
                    text,
                    raw,
                    id=stem if annotator == "first" else ann.stem,
                    outlet=row.get("publisher") or stem.split("_", 1)[0],
                    story=None,
                    title=row.get("title"),
                    date=row.get("publication_date"),
                    annotator=ann.stem.rpartition("_")[2],
                    split=split,
                )
            )
    frame = pd.DataFrame(
        [{k: r[k] for k in ("id", "outlet", "title", "date", "annotator", "split")}
         | {"n_attributions": len(r["attributions"])} for r in records]
    )
    return Bunch(records=records, frame=frame, DESCR=DESCR)
