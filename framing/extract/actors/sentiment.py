""":func:`sentence_sentiment`: the sentiment each sentence expresses toward each actor."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Sequence

import numpy as np

from framing.records import ActorSentiment, Mention
from framing.document import Document
from framing.extract.actors.target import (
    column_context,
    column_facts,
    label_of,
    sentence_evidence,
    sentence_priors,
)


def sentence_sentiment(doc: Document, *, model=None) -> list[ActorSentiment]:
    """Sentiment toward each actor in each sentence that mentions it.

    The default (``model=None``) needs no training: the target-aware lexicon score of the
    actor's mentions in the sentence (:func:`target_context`), labelled with
    :data:`DEFAULT_THRESHOLD`. With a fitted :class:`framing.models.ActorSentimentClassifier`
    the label is its prediction for the first mention, the score P(positive) - P(negative).
    All the document's rows go to the model in one ``predict_proba`` call; a model whose
    ``accepts_evidence`` is ``True`` gets each row's :class:`SentenceEvidence` (the parsed
    sentence with the document's attributions and evaluative spans in it) in place of its
    text, and a model whose ``accepts_parsed`` is ``True`` the parsed
    :class:`framing.text.Sentence`, so neither tokenises, tags nor analyses the sentence again.
    """
    out = []
    by_sentence: dict[int, dict[str, list[Mention]]] = {}
    sents = doc.sentences
    starts = [s.start for s in sents]
    for m in doc.mentions:
        k = bisect_right(starts, m.span.start) - 1
        if k >= 0 and m.span.end <= sents[k].end:
            by_sentence.setdefault(k, {}).setdefault(m.actor, []).append(m)
    rows = []
    for k in sorted(by_sentence):
        for actor, ms in sorted(by_sentence[k].items()):
            rows.append((k, actor, ms))
    if model is not None and rows:
        # a model that says so takes the parsed sentence (its tokens and tags) for the text
        if getattr(model, "accepts_evidence", False) is True:
            evidence = sentence_evidence(doc)
            units: Sequence[Any] = evidence
        elif getattr(model, "accepts_parsed", False) is True:
            units = sents
        else:
            units = [s.text for s in sents]
        X = [(units[k], ms[0].span.start - sents[k].start, ms[0].span.end - sents[k].start)
             for k, _, ms in rows]
        proba = np.asarray(model.predict_proba(X))
        classes = list(model.classes_)
        # per row: the positive minus the negative column (the same subtraction, row by row)
        # and the first class of highest probability
        scores = (proba[:, classes.index("positive")] - proba[:, classes.index("negative")]).tolist()
        best = np.argmax(proba, axis=1).tolist()
        for (k, actor, _), score, c in zip(rows, scores, best):
            out.append(ActorSentiment(sents[k].span, actor, str(classes[c]), round(score, 4)))
        return out
    sent = None
    for k, actor, ms in rows:
        if k != sent:  # rows are in sentence order: the sentence's facts once
            sent, s = k, sents[k]
            span = s.span
            tok_starts, tok_ends, words, tags = s.columns()
            lowers = s.lowers()  # computed once per sentence, shared with the actors step
            facts = column_facts(words, tags, lowers, sentence_priors(s))
        scores = []
        for m in ms:
            # the tokens overlapping the mention: from the first that ends after its start
            # to the last that starts before its end (tokens are in order, disjoint)
            first = bisect_right(tok_ends, m.span.start)
            last = bisect_left(tok_starts, m.span.end) - 1
            if first <= last:
                scores.append(column_context(words, tags, lowers, first, last, facts)[2])
        score = max(scores, key=abs) if scores else 0.0
        out.append(ActorSentiment(span, actor, label_of(score), round(score, 4)))
    return out
