"""NewsWCL50 (Hamborg et al. 2019): 10 events x 5 outlets, concept mentions and judgements."""

from __future__ import annotations

import csv
import os
import re

import pandas as pd
from sklearn.utils import Bunch

from framing.corpus import Corpus
from framing.document import Document
from framing.datasets._base import dataset_path

__all__ = ["load_newswcl50", "OUTLETS"]

CONLL = "NewsWCL50-prep/output_data/NewsWCL50.conll"
CDCR_SOURCE = "https://github.com/anastasia-zhukova/Diverse_CDCR_datasets (NewsWCL50-prep/output_data/)"
WCL_SOURCE = "https://github.com/fhamborg/NewsWCL50 (Annotations.csv)"
#: Outlet codes of NewsWCL50 (from its urls.tsv), left to right.
OUTLETS = {"LL": "HuffPost", "L": "New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}
_CHAIN = re.compile(r"^\(?(.+?)\)?$")
BAD_LINE = "{path}, line {line}: expected 5 tab-separated columns (doc, sentence, token, word, coref), got {n}"
BAD_COREF = "{path}, line {line}: {problem}"


def _read_conll(path) -> tuple[list[Document], list[dict]]:
    docs: list[Document] = []
    mentions: list[dict] = []
    doc_id: str | None = None
    parts: list[str] = []
    pos = 0
    open_: dict[str, list[int]] = {}

    def close_doc():
        if doc_id is None:
            return
        event, code = doc_id.split("/-/")[1].split("_", 1)
        docs.append(Document("".join(parts), id=doc_id.split("/-/")[1], outlet=OUTLETS.get(code, code),
                             story=event, meta={"outlet_code": code}))

    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.startswith("#begin document"):
                close_doc()
                doc_id, parts, pos, open_ = line.split()[2].rstrip(";"), [], 0, {}
                continue
            if line.startswith("#end document") or not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) < 5:
                raise ValueError(BAD_LINE.format(path=path, line=line_no, n=len(cols)))
            word, coref = cols[3], cols[4]
            if word == "\\n":
                parts.append("\n")
                pos += 1
                continue
            if parts and parts[-1] != "\n":
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(word)
            parts.append(word)
            pos = end
            if coref == "-":
                continue
            for label in (c.strip() for c in coref.split("|")):
                m = _CHAIN.match(label)
                if m is None:
                    raise ValueError(BAD_COREF.format(path=path, line=line_no,
                                                      problem=f"empty coreference label in {coref!r}"))
                chain = m.group(1)
                if label.startswith("("):
                    open_.setdefault(chain, []).append(start)
                if label.endswith(")") and open_.get(chain):
                    a = open_[chain].pop()
                    if doc_id is None:
                        raise ValueError(BAD_COREF.format(path=path, line=line_no,
                                                          problem="a mention before any '#begin document'"))
                    mentions.append({"doc_id": doc_id.split("/-/")[1], "chain": chain,
                                     "type": chain.rsplit("_", 1)[-1], "start": a, "end": end})
    close_doc()
    return docs, mentions


def load_newswcl50(*, data_home: str | os.PathLike[str] | None = None) -> Bunch:
    """NewsWCL50: the 50 articles with their concept coreference chains, and the judgements.

    The texts come from the CoNLL release of the cross-document coreference collection
    (``newswcl50_cdcr/NewsWCL50-prep/output_data/NewsWCL50.conll``): tokens joined by single
    spaces, a paragraph break (the token ``\\n``) as a newline, so every mention has character
    offsets into ``Document.text``. The judgement annotations (PROPERTY codes such as
    *Aggressor* or *Victim*) come from ``newswcl50/Annotations.csv`` (whose token positions do
    not line up with the CoNLL tokens; they are kept as published).

    Returns
    -------
    Bunch
        ``corpus``: 50 documents, ``story`` = event id ``"0"``-``"9"``, ``outlet`` = HuffPost,
        New York Times, USA Today, Fox News or Breitbart (``meta["outlet_code"]`` LL/L/M/R/RR);
        ``mentions``: one row per chain mention (``doc_id``, ``chain``, ``type``, ``start``,
        ``end``, ``text``), the gold of within-document coreference; ``annotations``: the
        rows of Annotations.csv (``None`` when that folder is absent); ``DESCR``.

    Examples
    --------
    With the corpus in the data home (``tests/test_same_story.py`` runs the same calls)::

        wcl = load_newswcl50()
        len(wcl.corpus), wcl.mentions.shape[0]
        # (50, 5573)
    """
    root = dataset_path("newswcl50_cdcr", CONLL, name="NewsWCL50 (CDCR CoNLL release)",
                        source=CDCR_SOURCE, data_home=data_home)
    docs, mentions = _read_conll(root / CONLL)
    texts = {d.id: d.text for d in docs}
    for m in mentions:
        m["text"] = texts[m["doc_id"]][m["start"]:m["end"]]
    annotations = None
    ann = root.parent / "newswcl50" / "Annotations.csv"
    if ann.exists():
        with open(ann, encoding="utf-8", newline="") as fh:
            first = fh.readline()
            if not first.startswith("sep="):
                fh.seek(0)
            annotations = pd.DataFrame(list(csv.DictReader(fh)))
    return Bunch(
        corpus=Corpus(docs),
        mentions=pd.DataFrame(mentions, columns=["doc_id", "chain", "type", "start", "end", "text"]),
        annotations=annotations,
        DESCR="NewsWCL50 (Hamborg, Zhukova & Gipp 2019), 10 events x 5 outlets; CoNLL texts with "
              "coreference chains from Zhukova et al. (2022). Research use only.",
    )
