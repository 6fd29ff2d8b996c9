"""The target-aware sentiment score of one mention in its sentence (:func:`target_context`)
and its label (:func:`label_of`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, count
from typing import Any, Sequence

from framing.text import Sentence, Token, parse
from framing.extract.actors.prior import (
    CLAUSE_BREAKS,
    CRITICISM_VERBS,
    DECAY,
    DEFAULT_THRESHOLD,
    NEGATION_WINDOW,
    NEGATORS,
    OBJECT_SIDE,
    OTHER_CLAUSE,
    OWN_SPEECH,
    PRAISE_VERBS,
    REPORTING_VERBS,
    verb_lemma,
    word_prior,
)


@dataclass(frozen=True)
class TargetContext:
    """Evidence around one target mention in one sentence.

    Attributes
    ----------
    weighted : list of (token index, polarity, weight)
        Every evaluative token outside the target, its (negation-aware) polarity, and how
        much it bears on the target.
    negated : list of int
        Indices of evaluative tokens under negation.
    score : float
        ``sum(polarity * weight) / (1 + sum(weight))``, in (-1, 1).
    subject_verb, object_verb : str or None
        The praise/criticism/reporting verb the target is the subject (``X praised``) or the
        object (``praised X``) of, as a lemma.
    reports : bool
        The target is the subject of a reporting verb.
    clause : tuple of int
        First and last token index of the target's clause.
    """

    weighted: list
    negated: list
    score: float
    subject_verb: str | None
    object_verb: str | None
    reports: bool
    clause: tuple


def _clause_bounds(breaks: Sequence[int], n: int, ti: int, tj: int) -> tuple[int, int]:
    """First and last token index of the clause around tokens ``ti..tj`` of a sentence of
    ``n`` tokens: from after the last clause break before ``ti`` to before the first one
    after ``tj``. ``breaks``: the indices of the sentence's clause breaks, in order."""
    k = bisect_right(breaks, ti - 1) - 1
    lo = breaks[k] + 1 if k >= 0 else 0
    k = bisect_left(breaks, tj + 1)
    hi = breaks[k] - 1 if k < len(breaks) else n - 1
    return lo, hi


_EVAL_VERBS = PRAISE_VERBS | CRITICISM_VERBS | REPORTING_VERBS
_EVALUATOR_VERBS = PRAISE_VERBS | CRITICISM_VERBS


# auxiliaries the verb after a target skips
_AUX_AFTER = frozenset({"has", "have", "had", "is", "was", "were", "are", "will", "would",
                        "did", "does", "also", "been", "be"})


def _column_verb_after(words: Sequence[str], tags: Sequence[str], lowers: Sequence[str],
                       tj: int) -> tuple[int, str] | None:
    """The first verb within four tokens after the target at ``tj`` of a sentence given as
    its columns (``lowers``: its words in lower case), skipping adverbs and auxiliaries."""
    for k in range(tj + 1, min(len(words), tj + 5)):
        tag = tags[k]
        if tag.startswith("VB"):
            if lowers[k] in _AUX_AFTER:
                continue
            return k, verb_lemma(words[k], _EVAL_VERBS) or ""
        if tag not in {"RB", "MD", "NNP", "NNPS", ","} and words[k] not in {"'s", "’s"}:
            return None
    return None


def _column_verb_before(words: Sequence[str], tags: Sequence[str], ti: int) -> tuple[int, str] | None:
    """The verb the target at ``ti`` is the object of ("praised X", "accused X of"), in a
    sentence given as its columns."""
    for k in range(ti - 1, max(-1, ti - 4), -1):
        tag = tags[k]
        if tag.startswith("VB"):
            return k, verb_lemma(words[k], _EVAL_VERBS) or ""
        if tag not in {"DT", "JJ", "NNP", "PRP$", "POS", "RB"}:
            return None
    return None


def column_facts(words: Sequence[str], tags: Sequence[str], lowers: Sequence[str],
                 priors: Sequence[float] | None = None
                 ) -> tuple[tuple[tuple[int, float, bool], ...], tuple[int, ...]]:
    """What :func:`column_context` needs of a sentence whatever the target, given as its
    columns (:meth:`framing.text.Sentence.columns`; ``lowers``: the words in lower case):
    the (index, prior polarity, negated) of the evaluative tokens and the indices of the
    clause breaks. Praise and criticism verbs count at least 0.5; a token is negated when a
    negator is among the :data:`NEGATION_WINDOW` tokens before it. Compute it once per
    sentence and pass it to :func:`column_context` for each target in the sentence.
    ``priors``: the words' :func:`column_priors` when the caller has them (a parsed
    sentence's :func:`sentence_priors`).

    Examples
    --------
    >>> words = ["Critics", "did", "not", "praise", "Smith", ",", "sadly"]
    >>> tags = ["NNS", "VBD", "RB", "VB", "NNP", ",", "RB"]
    >>> priors, breaks = column_facts(words, tags, [w.lower() for w in words])
    >>> [(k, under) for k, _, under in priors], breaks
    ([(0, False), (3, True), (6, False)], (5,))
    """
    pols = column_priors(words, tags) if priors is None else priors
    negators = list(compress(count(), map(NEGATORS.__contains__, lowers)))
    evaluative = compress(count(), pols)  # the indices of the tokens with a prior (pol != 0.0)
    if negators:  # negated: a negator among the NEGATION_WINDOW tokens before the token
        out = tuple((k, pols[k], any(k - NEGATION_WINDOW <= m < k for m in negators)) for k in evaluative)
    else:
        out = tuple((k, pols[k], False) for k in evaluative)
    return out, tuple(compress(count(), map(CLAUSE_BREAKS.__contains__, lowers)))


def _token_prior(text: str, tag: str) -> float:
    """Prior polarity of a token of a sentence for :func:`target_context` (0.0 for proper
    nouns and tokens that do not start with a letter). Praise and criticism verbs count at
    least 0.5."""
    if not text[0].isalpha() or tag in {"NNP", "NNPS"}:
        return 0.0
    pol = word_prior(text, tag)
    lemma = verb_lemma(text, _EVAL_VERBS) if tag.startswith("VB") else None
    if lemma in PRAISE_VERBS:
        pol = max(pol, 0.5)
    elif lemma in CRITICISM_VERBS:
        pol = min(pol, -0.5)
    return pol


def token_priors(tokens: Sequence[Token]) -> list[float]:
    """Prior polarity of each token of a sentence as :func:`target_context` reads it (0.0
    for proper nouns and tokens that do not start with a letter; praise and criticism verbs
    at least 0.5 in size), from a cache keyed by (text, tag).

    Examples
    --------
    >>> from framing.text import parse
    >>> [p != 0 for p in token_priors(parse("Critics slammed Smith.")[0].tokens)]
    [True, True, False, False]
    """
    return column_priors([t.text for t in tokens], [t.tag for t in tokens])


def column_priors(words: Sequence[str], tags: Sequence[str]) -> list[float]:
    """:func:`token_priors` of a sentence given as its words and their tags (the columns of
    :meth:`framing.text.Sentence.columns`)."""
    try:  # every (word, tag) seen before: one look-up each, no Python-level loop
        return list(map(_TOKEN_PRIORS.__getitem__, zip(words, tags)))
    except KeyError:
        pass
    known = _TOKEN_PRIORS.get
    out = []
    for key in zip(words, tags):
        pol = known(key)
        if pol is None:
            pol = _token_prior(*key)
            if len(_TOKEN_PRIORS) < _TOKEN_PRIORS_SIZE:
                _TOKEN_PRIORS[key] = pol
        out.append(pol)
    return out


def sentence_priors(sentence: Sentence) -> tuple[float, ...]:
    """:func:`column_priors` of a parsed sentence (:class:`framing.text.Sentence`), kept on
    the sentence on first use: the actor sentiment model and the roles step both read them.

    Examples
    --------
    >>> from framing.text import parse
    >>> [p != 0 for p in sentence_priors(parse("Critics slammed Smith.")[0])]
    [True, True, False, False]
    """
    priors = sentence._priors
    if priors is None:
        _, _, words, tags = sentence.columns()
        priors = sentence._priors = tuple(column_priors(words, tags))
    return priors


# A token's prior depends on its text and tag alone, so it is computed once per (text, tag)
# and kept here: a token then costs one dictionary look-up instead of two cached calls.
_TOKEN_PRIORS: dict[tuple[str, str], float] = {}
_TOKEN_PRIORS_SIZE = 100_000  # about 16 MB when full


def target_context(tokens: Sequence[Token], ti: int, tj: int) -> TargetContext:
    """Target-aware evidence for the target occupying tokens ``ti..tj`` (inclusive).

    Examples
    --------
    >>> from framing.text import parse
    >>> toks = parse("Smith praised Jones for her brave work.")[0].tokens
    >>> round(target_context(toks, 2, 2).score, 2) > 0.2  # Jones
    True
    >>> target_context(toks, 0, 0).subject_verb  # Smith is the praiser, not praised
    'praise'
    """
    words = [tok.text for tok in tokens]
    tags = [tok.tag for tok in tokens]
    lowers = [w.lower() for w in words]
    return TargetContext(*column_context(words, tags, lowers, ti, tj, column_facts(words, tags, lowers)))


def column_context(words: Sequence[str], tags: Sequence[str], lowers: Sequence[str], ti: int, tj: int,
                   facts: tuple) -> tuple:
    """:func:`target_context` of the target at tokens ``ti..tj`` of a sentence given as its
    columns (words, tags and the words in lower case) and its :func:`column_facts`: the
    fields of :class:`TargetContext` as a tuple, in order (no Token is read or built).

    Examples
    --------
    >>> from framing.text import parse
    >>> sent = parse("Smith praised Jones for her brave work.")[0]
    >>> _, _, words, tags = sent.columns()
    >>> lowers = [w.lower() for w in words]
    >>> facts = column_facts(words, tags, lowers)
    >>> weighted, negated, score, subject_verb, object_verb, reports, clause = column_context(
    ...     words, tags, lowers, 2, 2, facts)  # Jones
    >>> round(score, 2) > 0.2, object_verb
    (True, 'praise')
    """
    return _weigh(facts, len(words), ti, tj, _column_verb_after(words, tags, lowers, tj),
                  _column_verb_before(words, tags, ti))


def _weigh(facts: tuple, n: int, ti: int, tj: int, after: tuple[int, str] | None,
           before: tuple[int, str] | None) -> tuple:
    """The fields of :class:`TargetContext` for the target at tokens ``ti..tj`` of a
    sentence of ``n`` tokens with these facts, given the verbs after and before it."""
    priors, breaks = facts
    lo, hi = _clause_bounds(breaks, n, ti, tj)
    subject_verb = after[1] if after and after[1] else None
    object_verb = before[1] if before and before[1] else None
    reports = subject_verb in REPORTING_VERBS
    speech_start = after[0] + 1 if reports and after else n + 1
    evaluator = after is not None and subject_verb in _EVALUATOR_VERBS
    # token indices the rules below single out (-1 and n + 1: no token)
    praiser = after[0] if after is not None and evaluator else -1
    object_side = after[0] if after is not None and evaluator else n + 1
    evaluated = before[0] if before is not None and object_verb in _EVALUATOR_VERBS else -1
    weighted, negated = [], []
    num = den = 0.0
    for k, pol, under_negation in priors:
        if ti <= k <= tj:
            continue
        if under_negation:
            pol = -0.75 * pol  # negation shifts rather than flips (VADER's N_SCALAR)
            negated.append(k)
        dist = ti - k if k < ti else k - tj
        weight = 1.0 / (1.0 + dist / DECAY)
        if not lo <= k <= hi:
            weight *= OTHER_CLAUSE
        if k == praiser:
            weight = 0.0  # the praiser / critic: the verb evaluates the object, not them
        elif k >= speech_start:
            weight *= OWN_SPEECH
        elif object_side < k <= hi:
            weight *= OBJECT_SIDE  # what the target praises or attacks is about the object
        if k == evaluated:
            weight = 2.0  # "X praised Y", "accused Y": the verb evaluates Y
        weighted.append((k, pol, weight))
        num += pol * weight
        den += weight
    score = num / (1.0 + den)
    return weighted, negated, score, subject_verb, object_verb, reports, (lo, hi)


def label_of(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``negative`` / ``neutral`` / ``positive`` for a target score."""
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"


def target_tokens(sentence: str, start: int, end: int) -> tuple[list[Token], int, int]:
    """The tokens of ``sentence`` and the first and last index of those the target
    ``sentence[start:end]`` overlaps: the input of :func:`target_context` for a row
    ``(sentence, start, end)``. A target on whitespace or punctuation only becomes the token
    nearest to ``start``; an empty sentence one placeholder token.

    Examples
    --------
    >>> toks, i, j = target_tokens("Critics slammed Dana Whitfield.", 16, 30)
    >>> [t.text for t in toks[i:j + 1]]
    ['Dana', 'Whitfield']
    """
    toks = [t for sen in parse(sentence) for t in sen.tokens]
    i, j = locate_target(toks, start, end)
    if not toks:
        toks = [Token(start, end, sentence[start:end] or "<T>", "NNP")]
    return toks, i, j


def locate_target(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """First and last index of the ``tokens`` overlapping ``start..end`` (offsets in the
    tokens' own coordinates); the token nearest to ``start`` when none overlaps, ``(0, 0)``
    when there are no tokens."""
    idx = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
    if not idx:  # the target is whitespace or punctuation only: treat it as a point
        idx = [min(range(len(tokens)), key=lambda i: abs(tokens[i].start - start))] if tokens else [0]
    return idx[0], idx[-1]


def target_score(sentence: str, start: int, end: int) -> float:
    """The no-training default's score of one row ``(sentence, start, end)``: the
    target-aware lexicon score (:func:`target_context`) of the mention ``sentence[start:end]``,
    in (-1, 1); :func:`label_of` gives its label. The pipeline's default step scores the
    same way (taking, for an actor mentioned twice in a sentence, the score of larger size).

    Examples
    --------
    >>> label_of(target_score("Critics slammed Dana Whitfield.", 16, 30))
    'negative'
    """
    return target_context(*target_tokens(sentence, start, end)).score


@dataclass(frozen=True)
class SentenceEvidence:
    """A parsed sentence with what the evidence extractors found in it: the input row of an
    actor sentiment model that reads the evidence (``accepts_evidence = True``, like
    :class:`framing.models.ActorSentimentClassifier`).

    Attributes
    ----------
    sentence : framing.text.Sentence
        The sentence of a Document (token offsets are document offsets).
    attributions : tuple of framing.Attribution
        The document's attributions whose cue lies in the sentence.
    evaluative : tuple of framing.Evaluation
        The document's evaluative spans that start in the sentence.

    Examples
    --------
    >>> from framing.extract.run import annotate_evidence
    >>> from framing import Document
    >>> doc = annotate_evidence(Document("Critics said Smith's plan was a disaster."))
    >>> ev = sentence_evidence(doc)[0]
    >>> [a.cue_lemma for a in ev.attributions], [e.text for e in ev.evaluative]
    (['say'], ['disaster'])
    """

    sentence: Any
    attributions: tuple = ()
    evaluative: tuple = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def start(self) -> int:
        return self.sentence.start


def sentence_evidence(doc: Any) -> list[SentenceEvidence]:
    """One :class:`SentenceEvidence` per sentence of an analysed document, in order: each
    attribution goes to the sentence holding its cue, each evaluative span to the sentence
    holding its start."""
    sents = doc.sentences
    starts = [s.start for s in sents]
    attrs: list[list] = [[] for _ in sents]
    evals: list[list] = [[] for _ in sents]
    for a in doc.attributions:
        k = bisect_right(starts, a.cue.start) - 1
        if k >= 0:
            attrs[k].append(a)
    for e in doc.evaluative:
        k = bisect_right(starts, e.span.start) - 1
        if k >= 0:
            evals[k].append(e)
    return [SentenceEvidence(s, tuple(a), tuple(e)) for s, a, e in zip(sents, attrs, evals)]
