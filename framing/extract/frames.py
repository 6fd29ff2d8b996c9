"""Frames: which of the 14 generic policy frames a text uses, and the sentences that carry them.

The taxonomy is the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith 2014), as
used by the Media Frames Corpus and SemEval-2023 Task 3 subtask 2; the docs page "Frames"
defines each frame in the project's words. The frame step marks every sentence that carries
a frame, with the words that show it, so an article's frame profile is traceable to text:

* the no-training default (``model=None``) reads the project's frame lexicon
  (``framing/data/lexicons/frames.tsv``, written from the codebook definitions);
* a trained model (:class:`framing.models.FrameClassifier`, or any object with ``classes_``
  and ``predict_proba(sentences)``) scores each sentence instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Any, cast

import numpy as np

from framing.records import FrameSentence, Span, _new_tuple
from framing.document import Document
from framing.resources import lexicon_rows
from framing.text.forms import straight_lower


__all__ = [
    "FRAMES",
    "FRAME_NAMES",
    "FrameLexicon",
    "load_frame_lexicon",
    "lexicon_sentence_frames",
    "find_frame_sentences",
    "frame_profile",
    "article_frames",
]

FRAMES: tuple[str, ...] = (
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
"""The 14 frames, labelled as in SemEval-2023 Task 3 (codebook order)."""

FRAME_NAMES: dict[str, str] = {
    "Economic": "Economic",
    "Capacity_and_resources": "Capacity and resources",
    "Morality": "Morality",
    "Fairness_and_equality": "Fairness and equality",
    "Legality_Constitutionality_and_jurisprudence": "Legality, constitutionality and jurisprudence",
    "Policy_prescription_and_evaluation": "Policy prescription and evaluation",
    "Crime_and_punishment": "Crime and punishment",
    "Security_and_defense": "Security and defense",
    "Health_and_safety": "Health and safety",
    "Quality_of_life": "Quality of life",
    "Cultural_identity": "Cultural identity",
    "Public_opinion": "Public opinion",
    "Political": "Political",
    "External_regulation_and_reputation": "External regulation and reputation",
}
"""Readable names of :data:`FRAMES`."""

_FRAME_ORDER = {f: i for i, f in enumerate(FRAMES)}

#: Lexicon default: a sentence carries a frame when its words' weights sum to at least this
#: (one topic word of weight 1, or two weaker words of weight 0.5).
MIN_WEIGHT = 1.0


#: Entries of the per-word-form table of :class:`FrameLexicon` (a bound on its memory).
_WORD_TABLE_SIZE = 200_000


@dataclass(frozen=True)
class FrameLexicon:
    """The frame lexicon, indexed for one pass over the tokens.

    ``words`` maps a lower-case word to its ``(frame, weight)`` entries, ``prefixes`` a
    prefix (an entry ending in ``*``) to its entries, ``phrases`` the first word of a phrase
    to ``(rest of the words, frame, weight)``. What a word form matches depends on the form
    alone, so it is looked up once and kept (``_table``, at most ``_WORD_TABLE_SIZE`` forms):
    a word then costs one dictionary look-up, and most words match nothing.
    """

    words: dict[str, tuple[tuple[str, float], ...]]
    prefixes: dict[str, tuple[tuple[str, float], ...]]
    prefix_lengths: tuple[int, ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, float], ...]]
    frames: tuple[str, ...]
    _table: dict[str, tuple | bool] = field(default_factory=dict, compare=False, repr=False)

    def _entry(self, word: str) -> tuple | bool:
        """``(phrases starting with the word, its word or prefix entries)``, or ``False``
        when it matches nothing; kept in ``_table``."""
        w = straight_lower(word)
        hits = self.words.get(w)
        if hits is None:
            for n in self.prefix_lengths:  # longest prefix first
                if n <= len(w) and w[:n] in self.prefixes:
                    hits = self.prefixes[w[:n]]
                    break
        phrases = self.phrases.get(w, ())
        entry = (phrases, hits or ()) if phrases or hits else False
        if len(self._table) < _WORD_TABLE_SIZE:
            self._table[word] = entry
        return entry

    def match(self, words: Sequence[str]) -> list[tuple[int, int, str, float]]:
        """Lexicon hits in a sentence's words: ``(first token, end token, frame, weight)``.

        A word matches an exact entry and, failing that, its longest matching prefix entry;
        a phrase matches its words in order. Linear in the words.

        Examples
        --------
        >>> lex = load_frame_lexicon()
        >>> lex.match(["The", "senators", "cut", "taxes"])
        [(1, 2, 'Political', 1.0), (3, 4, 'Economic', 1.0)]
        """
        entries = list(map(self._table.get, words))  # None: a form not seen yet
        if None in entries:
            entries = [self._entry(w) if e is None else e for w, e in zip(words, entries)]
        out: list[tuple[int, int, str, float]] = []
        covered: dict[str, int] = {}  # frame -> end token of its last phrase match
        for i in compress(range(len(entries)), entries):  # the words that match something
            phrases, hits = cast("tuple[tuple, tuple]", entries[i])
            for rest, frame, weight in phrases:
                if tuple(straight_lower(x) for x in words[i + 1:i + 1 + len(rest)]) == rest:
                    out.append((i, i + 1 + len(rest), frame, weight))
                    covered[frame] = max(covered.get(frame, 0), i + 1 + len(rest))
            for frame, weight in hits:
                if covered.get(frame, 0) <= i:  # a word inside a phrase of its frame counts once
                    out.append((i, i + 1, frame, weight))
        return out


@lru_cache(maxsize=1)
def load_frame_lexicon() -> FrameLexicon:
    """Read and index ``framing/data/lexicons/frames.tsv`` (once).

    Examples
    --------
    >>> lex = load_frame_lexicon()
    >>> lex.frames == FRAMES
    True
    """
    words: dict[str, list] = {}
    prefixes: dict[str, list] = {}
    phrases: dict[str, list] = {}
    for row in lexicon_rows("frames.tsv"):
        frame, term, weight = row[:3]
        if frame not in FRAMES:
            raise ValueError(f"frames.tsv: unknown frame {frame!r} (term {term!r})")
        entry = (frame, float(weight))
        parts = term.split("_")
        if len(parts) > 1:
            phrases.setdefault(parts[0], []).append((tuple(parts[1:]), *entry))
        elif term.endswith("*"):
            prefixes.setdefault(term[:-1], []).append(entry)
        else:
            words.setdefault(term, []).append(entry)
    return FrameLexicon(
        {k: tuple(v) for k, v in words.items()},
        {k: tuple(v) for k, v in prefixes.items()},
        tuple(sorted({len(k) for k in prefixes}, reverse=True)),
        {k: tuple(v) for k, v in phrases.items()},
        FRAMES,
    )


def _score(weight: float) -> float:
    return round(1.0 - 0.5 ** weight, 4)


def lexicon_sentence_frames(doc: Document) -> list[FrameSentence]:
    """The lexicon default: every sentence whose frame words weigh at least ``MIN_WEIGHT``.

    Examples
    --------
    >>> doc = Document("Lawmakers voted on the budget. It rained.")
    >>> [(r.frame, r.score, r.words) for r in lexicon_sentence_frames(doc)]
    [('Economic', 0.5, ('budget',)), ('Political', 0.6464, ('Lawmakers', 'voted'))]
    """
    lex = load_frame_lexicon()
    out: list[FrameSentence] = []
    order = _FRAME_ORDER
    text = doc.text
    for sent in doc.sentences:
        starts, ends, words, _ = sent.columns()
        found = lex.match(words)
        if not found:
            continue
        per: dict[str, list] = {}
        for i, j, frame, weight in found:
            per.setdefault(frame, []).append((i, j, weight))
        for frame in (sorted(per, key=order.__getitem__) if len(per) > 1 else per):
            hits = per[frame]
            total = sum(h[2] for h in hits)
            if total < MIN_WEIGHT:
                continue
            spans = tuple(_new_tuple(Span, (starts[i], ends[j - 1])) for i, j, _ in hits)
            out.append(FrameSentence(sent.span, frame, _score(total), spans,
                                     tuple(text[a:b] for a, b in spans)))
    return out


def _model_sentence_frames(doc: Document, model: Any) -> list[FrameSentence]:
    """A trained scorer's frames: ``predict_proba`` on each sentence, kept at or above the
    model's threshold for the frame (``thresholds_`` when it has them, else 0.5)."""
    sents = doc.sentences
    if not sents:
        return []
    classes = [str(c) for c in model.classes_]
    texts = [s.text for s in sents]
    proba = np.asarray(model.predict_proba(texts), dtype=float)
    if proba.shape != (len(texts), len(classes)):
        raise ValueError(f"the frame model's predict_proba gave shape {proba.shape}, expected "
                         f"({len(texts)}, {len(classes)}) (one column per class in classes_)")
    thresholds = np.asarray(getattr(model, "thresholds_", np.full(len(classes), 0.5)), dtype=float)
    explain = getattr(model, "sentence_evidence", None)
    out: list[FrameSentence] = []
    for r, sent in enumerate(sents):
        for c, frame in enumerate(classes):
            p = float(proba[r, c])
            if p < thresholds[c]:
                continue
            spans: tuple[Span, ...] = ()
            if explain is not None:
                spans = tuple(Span(sent.start + a, sent.start + b) for a, b in explain(sent.text, frame))
            out.append(FrameSentence(sent.span, frame, round(p, 4), spans,
                                     tuple(doc.text[s.start:s.end] for s in spans)))
    return out


def find_frame_sentences(doc: Document, model: Any = None) -> list[FrameSentence]:
    """The frame step: mark the sentences of ``doc`` that carry each frame; fills
    ``doc.frames`` and returns it.

    Parameters
    ----------
    doc : Document
        Any document; the page clutter, when already found, is skipped like in every step.
    model : object, optional
        ``None`` for the no-training lexicon default. Otherwise a scorer with ``classes_``
        and ``predict_proba(list of sentence strings)`` (one independent probability per
        frame), such as a fitted :class:`framing.models.FrameClassifier`; a sentence
        carries a frame when its probability reaches the model's ``thresholds_`` (0.5 when
        it has none). When the model has ``sentence_evidence(sentence, frame)``, the
        records carry the n-grams that pushed the frame up.

    Returns
    -------
    list of FrameSentence
        Sorted by sentence, then frame (codebook order for the lexicon, ``classes_`` order
        for a model).

    Examples
    --------
    >>> doc = Document("The court struck down the law. Police arrested two suspects.")
    >>> for r in find_frame_sentences(doc):
    ...     print(r.frame, r.sentence, r.words)
    Legality_Constitutionality_and_jurisprudence Span(start=0, end=30) ('court', 'law')
    Crime_and_punishment Span(start=31, end=60) ('Police', 'arrested', 'suspects')
    """
    doc.frames = lexicon_sentence_frames(doc) if model is None else _model_sentence_frames(doc, model)
    return doc.frames


def frame_profile(doc: Document, frames: Sequence[str] = FRAMES) -> dict[str, float]:
    """The share of the document's sentences that carry each frame (from ``doc.frames``).

    Examples
    --------
    >>> doc = Document("Voters went to the polls. The budget grew. It rained.")
    >>> _ = find_frame_sentences(doc)
    >>> {k: round(v, 3) for k, v in frame_profile(doc).items() if v}
    {'Economic': 0.333, 'Public_opinion': 0.333}
    """
    n = len(doc.sentences)
    per: dict[str, set] = {f: set() for f in frames}
    for r in doc.frames:
        if r.frame in per:
            per[r.frame].add(r.sentence.start)
    return {f: (len(per[f]) / n if n else 0.0) for f in frames}


def article_frames(doc: Document, *, min_sentences: int = 2) -> list[str]:
    """The frames an article uses: those carried by at least ``min_sentences`` of its
    sentences (all of them, when the text has fewer sentences), in codebook order.

    This is the no-training default's article-level decision (fixed a priori, not tuned).

    Examples
    --------
    >>> doc = Document("The court ruled. A lawsuit followed. Taxes rose.")
    >>> _ = find_frame_sentences(doc)
    >>> article_frames(doc)
    ['Legality_Constitutionality_and_jurisprudence']
    """
    need = max(1, min(min_sentences, len(doc.sentences)))
    counts: dict[str, set] = {}
    for r in doc.frames:
        counts.setdefault(r.frame, set()).add(r.sentence.start)
    order = {f: i for i, f in enumerate(FRAMES)}
    return sorted((f for f, s in counts.items() if len(s) >= need), key=lambda f: order.get(f, len(order)))
