"""Sentence bias: which sentences of an analysed document are biased, and in whose voice.

The step reads the evidence the earlier steps found (attributions, hedging, evaluative
language) and writes one :class:`framing.SentenceBias` record per sentence to
``Document.sentence_bias``. With no model it scores each sentence from that evidence alone
(:func:`framing.models.evidence_score`: author-voice evaluative and loaded language); given a
fitted :class:`framing.models.BiasClassifier`, or any object with ``classes_`` and
``predict_proba`` over sentence strings, it uses the model's probability instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from framing._records import SentenceBias, Span
from framing.document import Document
from framing.evaluative import LOADED_CUE_STANCES

__all__ = ["score_sentence_bias", "DEFAULT_THRESHOLD", "biased_column"]

DEFAULT_THRESHOLD = 0.3
"""Score at or above which the no-training default calls a sentence biased: one evaluative
word or loaded reporting cue in the author's voice, or two boosters (set on BABE's dev split,
never its test split; see the docs page "Sentence bias")."""
_BIASED_NAMES = ("biased", "bias", "1", "true", "yes")


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
    n = reported = 0
    for s, e, w in zip(starts, ends, words):
        if w[:1].isalnum():
            n += 1
            reported += ix.contents.covers(Span(s, e))
    return "quoted" if n and reported * 2 > n else "author"


def score_sentence_bias(doc: Document, model: Any = None) -> list[SentenceBias]:
    """Score every sentence of an analysed ``doc`` for bias; fills ``doc.sentence_bias``.

    Parameters
    ----------
    doc : Document
        With the evidence steps run (attribution, hedging, evaluative language).
    model : BiasClassifier or scorer, optional
        ``None`` scores from the evidence alone (no training). A fitted
        :class:`framing.models.BiasClassifier` scores each sentence of the analysed document
        without re-running the extractors; any other object needs ``classes_`` and
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
    from framing.models._bias import DocIndex, evidence_score

    sents = doc.sentences
    if not sents:
        doc.sentence_bias = []
        return doc.sentence_bias
    ix = DocIndex(doc)
    if model is None:
        scores = np.asarray([evidence_score(doc, s.start, s.end, index=ix) for s in sents])
        threshold, source = DEFAULT_THRESHOLD, "evidence"
    else:
        from framing.models._bias import BiasClassifier

        if isinstance(model, BiasClassifier):
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
            sentence=Span(s.start, s.end),
            score=round(float(sc), 4),
            label="biased" if sc >= threshold else "not_biased",
            voice=_voice(ix, s),
            evidence=_evidence(ix, s.start, s.end),
            source=source,
        )
        for s, sc in zip(sents, scores)
    ]
    return doc.sentence_bias
