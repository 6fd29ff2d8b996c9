"""The Szeged Uncertainty Corpus (Szarvas et al. 2012), read from its published XML layout.

The corpus is research-only material (its news part is FactBank text from the LDC): it is
never bundled, and it is read from the data home (see :func:`framing.datasets.get_data_home`)
in the layout of the release: ``szeged_uncertainty/corpora/old/<part>.xml``. The card is
``datasets/szeged_uncertainty.md``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pandas as pd

from framing.datasets._base import dataset_path

__all__ = ["load_szeged_uncertainty", "SZEGED_CUE_CLASSES", "SZEGED_HEDGE_CLASSES"]

_FOLDER = "szeged_uncertainty"
_SOURCE = (
    "the Szeged RGAI group (Szarvas et al. 2012, 'Cross-genre and cross-domain detection of "
    "semantic uncertainty'); see datasets/szeged_uncertainty.md"
)
_PARTS = ("wiki", "factbank", "bio_hbc", "bio_bmc", "bio_fly")
_ALIASES = {"news": ("factbank",), "bio": ("bio_hbc", "bio_bmc", "bio_fly")}

#: Raw ``ccue/@type`` -> cue class (the raw names carry a stray space in three of them).
SZEGED_CUE_CLASSES = {
    "speculation_modal_probable_": "epistemic",
    "speculation_modal_possible_": "epistemic",
    "speculation_hypo_doxastic _": "doxastic",
    "speculation_hypo_investigation _": "investigation",
    "speculation_hypo_condition _": "condition",
}
#: The cue classes that are hedges in the project's guidelines (section 2); condition
#: ("if") and investigation ("whether") cues are not.
SZEGED_HEDGE_CLASSES = frozenset({"epistemic", "doxastic"})

UNKNOWN_SUBCORPUS = "subcorpus must be one of {allowed}, got {got!r}"


def _read_part(path: os.PathLike[str], part: str) -> list[dict]:
    rows: list[dict] = []
    root = ET.parse(path).getroot()
    for document in root.iter("Document"):
        doc_id_el = document.find("DocID")
        doc_id = (doc_id_el.text or "").strip() if doc_id_el is not None else ""
        for doc_part in document.iter("DocumentPart"):
            for sent in doc_part.iter("Sentence"):
                pieces = [sent.text or ""]
                pos = len(pieces[0])
                cues = []
                for cue in sent:
                    cue_text = "".join(cue.itertext())
                    raw = cue.get("type", "")
                    cues.append({"start": pos, "end": pos + len(cue_text), "text": cue_text,
                                 "type": SZEGED_CUE_CLASSES.get(raw, "unknown"), "type_raw": raw})
                    pieces.append(cue_text)
                    pos += len(cue_text)
                    pieces.append(cue.tail or "")
                    pos += len(cue.tail or "")
                rows.append({
                    "subcorpus": part,
                    "doc_id": doc_id,
                    "part_type": doc_part.get("type", ""),
                    "sent_id": sent.get("id", ""),
                    "text": "".join(pieces),
                    "cues": cues,
                    "uncertain": bool(cues),
                })
    return rows


def load_szeged_uncertainty(
    subcorpus: str = "wiki", *, data_home: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Sentences of the Szeged Uncertainty Corpus with their typed uncertainty cues.

    Parameters
    ----------
    subcorpus : {"wiki", "factbank", "news", "bio", "bio_hbc", "bio_bmc", "bio_fly"}
        ``wiki`` is WikiWeasel (the CoNLL-2010 Wikipedia data, re-annotated): the project
        develops and trains on it. ``factbank`` (alias ``news``) is FactBank newswire and is
        for evaluation only. ``bio`` is the three biological files together.
    data_home : path, optional
        The data home; else ``$FRAMING_DATA``, else the user cache folder.

    Returns
    -------
    pandas.DataFrame
        One row per sentence in file order: ``subcorpus``, ``doc_id``, ``part_type``
        (``Title``, ``Text``, ...), ``sent_id``, ``text`` (the exact concatenation of the
        sentence's text nodes, spacing untouched), ``cues`` (list of dicts ``start``, ``end``,
        ``text``, ``type`` in ``epistemic``/``doxastic``/``investigation``/``condition``,
        ``type_raw``; offsets into ``text``), ``uncertain`` (at least one cue) and
        ``hedge_cues`` (the ``(start, end)`` spans of the epistemic and doxastic cues, the
        ones the project's guidelines call hedges).

    Raises
    ------
    OSError
        When the corpus is not in the data home (the message says where to put it).
    ValueError
        For an unknown ``subcorpus``.

    Examples
    --------
    >>> load_szeged_uncertainty("news", data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: Szeged Uncertainty Corpus not found: expected /nonexistent/szeged_uncertainty. ...
    """
    if subcorpus in _ALIASES:
        parts = _ALIASES[subcorpus]
    elif subcorpus in _PARTS:
        parts = (subcorpus,)
    else:
        allowed = sorted(set(_PARTS) | set(_ALIASES))
        raise ValueError(UNKNOWN_SUBCORPUS.format(allowed=allowed, got=subcorpus))
    root = dataset_path(
        _FOLDER, *(f"corpora/old/{p}.xml" for p in parts),
        name="Szeged Uncertainty Corpus", source=_SOURCE, data_home=data_home,
    )
    rows: list[dict] = []
    for p in parts:
        rows.extend(_read_part(root / "corpora" / "old" / f"{p}.xml", p))
    df = pd.DataFrame(rows, columns=["subcorpus", "doc_id", "part_type", "sent_id", "text",
                                     "cues", "uncertain"])
    df["hedge_cues"] = [
        [(c["start"], c["end"]) for c in cues if c["type"] in SZEGED_HEDGE_CLASSES]
        for cues in df["cues"]
    ]
    return df
