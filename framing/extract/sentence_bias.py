"""Sentence bias: which sentences of an analysed document are biased, and in whose voice.

The step reads the evidence the earlier steps found (attributions, hedging, evaluative
language) and writes one :class:`framing.SentenceBias` record per sentence to
``Document.sentence_bias``. With no model it scores each sentence from that evidence alone
(:func:`evidence_score`: author-voice evaluative and loaded language); given a
fitted :class:`framing.models.BiasClassifier`, or any object with ``classes_`` and
``predict_proba`` over sentence strings, it uses the model's probability instead.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np

from framing.records import SentenceBias, Span, _SpanIndex
from framing.document import Document
from framing.extract.evaluative import LOADED_CUE_STANCES

__all__ = ["score_sentence_bias", "evidence_score", "DocIndex", "DEFAULT_THRESHOLD", "biased_column"]

DEFAULT_THRESHOLD = 0.3
"""Score at or above which the no-training default calls a sentence biased: one evaluative
word or loaded reporting cue in the author's voice, or two boosters (set on BABE's dev split,
never its test split; see the docs page "Sentence bias")."""
_BIASED_NAMES = ("biased", "bias", "1", "true", "yes")


class _Sorted:
    """Records sorted by the start of their span: those inside ``[a, b)`` by bisection."""

    def __init__(self, items, key):
        self.items = sorted(items, key=lambda it: (key(it).start, key(it).end))
        self.starts = [key(it).start for it in self.items]
        self.ends = [key(it).end for it in self.items]

    def inside(self, a: int, b: int) -> list:
        i, j = bisect_left(self.starts, a), bisect_left(self.starts, b)
        if i == j:
            return []
        ends = self.ends
        return [self.items[k] for k in range(i, j) if ends[k] <= b]


class DocIndex:
    """The evidence of one analysed Document indexed by offset, so that scoring each of its
    sentences costs time in that sentence's evidence only (linear in the document)."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.evaluations = _Sorted(doc.evaluative, lambda e: e.span)
        self.attributions = _Sorted(doc.attributions, lambda a: a.cue)
        self.hedges = _Sorted(doc.hedges, lambda c: c.span)
        self.boosters = _Sorted(doc.boosters, lambda c: c.span)
        self.vague = _Sorted(doc.vague, lambda c: c.span)
        self.contents = _SpanIndex.build(a.content for a in doc.attributions)
        self.sentences = doc.sentences
        self.sentence_ends = [s.end for s in self.sentences]

    def tokens(self, a: int, b: int) -> list:
        out = []
        for s in self.sentences[bisect_right(self.sentence_ends, a):]:
            if s.start >= b:
                break
            out += [t for t in s.tokens if t.start >= a and t.end <= b]
        return out

    def reported(self, t) -> bool:
        return self.contents.covers(Span(t.start, t.end))


def evidence_score(doc: Document, start: int = 0, end: int | None = None,
                   *, index: DocIndex | None = None) -> float:
    """The no-training score of one sentence: a squashed count of the evidence that marks a
    biased sentence in the author's own voice, in [0, 1].

    Author-voice evaluative spans (loaded labels, idioms, emotive verbs, distancing and
    appraisal count double), loaded reporting cues ("claimed", "slammed") and author-voice
    boosters (half) add up; the score is ``1 - exp(-sum / 2)``, so one plain evaluative word
    gives 0.39 and two give 0.63. The weights and the step's threshold (0.3) were set on
    BABE's dev split (never its test split); it is what the ``sentence_bias`` step uses when
    it is given no model.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The minister met the delegation on Monday.")
    >>> evidence_score(doc)
    0.0
    >>> doc = framing.analyze("The reckless minister bungled the shameful deal.")
    >>> round(evidence_score(doc), 2) > 0.5
    True
    """
    end = len(doc.text) if end is None else end
    ix = index if index is not None else DocIndex(doc)
    total = sum(1.0 if e.kind == "lexicon" else 2.0
                for e in ix.evaluations.inside(start, end) if e.voice == "author")
    total += sum(1.0 for a in ix.attributions.inside(start, end) if a.cue_stance in LOADED_CUE_STANCES)
    total += sum(0.5 for c in ix.boosters.inside(start, end) if c.voice == "author")
    return 1.0 - math.exp(-total / 2.0)


def biased_column(classes: Any) -> int:
    """The column of ``predict_proba`` that holds the probability of a biased sentence:
    the class named ``Biased``/``biased``/``1``/``True`` if there is one, else the second.

    Examples
    --------
    >>> biased_column(["Biased", "Non-biased"]), biased_column([0, 1])
    (0, 1)
    """
    names = [str(c).strip().lower() for c in list(classes)]
    for k, name in enumerate(names):
        if name in _BIASED_NAMES:
            return k
    if len(names) != 2:
        raise ValueError(f"cannot tell which of the classes {list(classes)} is the biased one")
    return 1


def _evidence(ix, a: int, b: int) -> tuple[Span, ...]:
    spans = [e.span for e in ix.evaluations.inside(a, b) if e.voice == "author"]
    spans += [x.cue for x in ix.attributions.inside(a, b) if x.cue_stance in LOADED_CUE_STANCES]
    spans += [c.span for c in ix.boosters.inside(a, b) if c.voice == "author"]
    return tuple(sorted(set(spans)))


def _voice(ix, sentence) -> str:
    """``quoted`` when most of the sentence's words lie inside an attribution's content."""
    starts, ends, words, _ = sentence.columns()
    if not starts:
        return "author"
    c_starts, c_ends = ix.contents.starts, ix.contents.ends
    # the merged content span that starts last at or before the first token
    j = bisect_right(c_starts, starts[0]) - 1
    last = len(c_starts) - 1
    if (j < 0 or c_ends[j] <= starts[0]) and (j >= last or c_starts[j + 1] >= ends[-1]):
        return "author"  # no content span reaches the sentence's tokens: no word is reported
    n = reported = 0
    for s, e, w in zip(starts, ends, words):
        while j < last and c_starts[j + 1] <= s:
            j += 1
        if w[:1].isalnum():
            n += 1
            # covered as _SpanIndex.covers: inside the last merged span starting at or before s
            reported += j >= 0 and c_starts[j] <= s and e <= c_ends[j]
    return "quoted" if n and reported * 2 > n else "author"


def score_sentence_bias(doc: Document, model: Any = None) -> list[SentenceBias]:
    """Score every sentence of an analysed ``doc`` for bias; fills ``doc.sentence_bias``.

    Parameters
    ----------
    doc : Document
        With the evidence steps run (attribution, hedging, evaluative language).
    model : BiasClassifier or scorer, optional
        ``None`` scores from the evidence alone (no training). A fitted
        :class:`framing.models.BiasClassifier` (or any model with a true
        ``takes_document_rows`` attribute) gets ``(doc, start, end)`` rows and scores each
        sentence of the analysed document without re-running the extractors; any other
        object needs ``classes_`` and
        ``predict_proba(list of sentence strings)``. A sentence is ``biased`` when its score
        reaches the model's ``threshold`` attribute if it has one, else 0.5
        (:data:`DEFAULT_THRESHOLD` for the evidence score).

    Returns
    -------
    list of SentenceBias
        One per sentence, in order (also stored in ``doc.sentence_bias``).

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The reckless plan is a shameful disaster. The vote is on Monday.")
    >>> [(r.label, r.voice) for r in score_sentence_bias(doc)]
    [('biased', 'author'), ('not_biased', 'author')]
    >>> [doc.text[s.start:s.end] for s in doc.sentence_bias[0].evidence]
    ['reckless', 'shameful disaster']
    """
    sents = doc.sentences
    if not sents:
        doc.sentence_bias = []
        return doc.sentence_bias
    ix = DocIndex(doc)
    if model is None:
        scores = np.asarray([evidence_score(doc, s.start, s.end, index=ix) for s in sents])
        threshold, source = DEFAULT_THRESHOLD, "evidence"
    else:
        if getattr(model, "takes_document_rows", False):  # BiasClassifier: no re-analysis
            X: list = [(doc, s.start, s.end) for s in sents]
        else:
            X = [s.text for s in sents]
        proba = np.asarray(model.predict_proba(X), dtype=float)
        if proba.ndim != 2 or proba.shape[0] != len(sents):
            raise ValueError(f"the model's predict_proba gave shape {proba.shape} for {len(sents)} sentences")
        scores = proba[:, biased_column(model.classes_)]
        threshold = float(getattr(model, "threshold", 0.5))
        source = type(model).__name__
    doc.sentence_bias = [
        SentenceBias(
            sentence=s.span,
            score=round(float(sc), 4),
            label="biased" if sc >= threshold else "not_biased",
            voice=_voice(ix, s),
            evidence=_evidence(ix, s.start, s.end),
            source=source,
        )
        for s, sc in zip(sents, scores)
    ]
    return doc.sentence_bias
