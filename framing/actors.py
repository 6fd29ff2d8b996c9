"""Target-aware sentiment scoring: the evaluative words near a mention, with negation, and
the speaker kept apart from the target.

Shared by :mod:`framing.actors` (the default that needs no training) and
:class:`framing.models.ActorSentimentClassifier` (which uses the same evidence as features).
Word polarity comes from the evaluative extractor's lexicon
(:func:`framing.evaluative.word_polarity`), and for the words it leaves out, from the
VADER lexicon that ships with ``vaderSentiment`` (Hutto & Gilbert 2014).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from framing.text import Token

__all__ = ["word_polarity", "TargetContext", "target_context", "DEFAULT_THRESHOLD"]

# Negators flip the polarity of an evaluative word up to this many tokens later (VADER looks
# back three tokens: Hutto & Gilbert 2014, section 3.2).
NEGATION_WINDOW = 3
NEGATORS = frozenset(
    """not no never n't without nobody nothing neither nor none cannot hardly barely
    lack lacks lacked""".split()
)
# Distance decay: weight = 1 / (1 + distance / DECAY) inside the target's clause; words in
# other clauses of the sentence count OTHER_CLAUSE times that.
DECAY = 4.0
OTHER_CLAUSE = 0.35
# Words inside the content the target itself reports ("X said the plan was a disaster"):
# they are the target's voice, not an evaluation of the target.
OWN_SPEECH = 0.5
# Chosen on NewsMTSC rw-dev (0.03 of 0.03..0.2 by macro-F1): |score| above it is non-neutral.
DEFAULT_THRESHOLD = 0.03

CLAUSE_BREAKS = frozenset(",;:()[]—–-\"“”‘’'") | {"--", "but", "while", "although", "whereas",
                                                    "though", "because", "which", "who", "after",
                                                    "before", "when", "as"}

# Verbs by which a subject evaluates its object: "X praised Y" is positive toward Y and
# says nothing good or bad of X by the verb itself.
PRAISE_VERBS = frozenset(
    """praise commend applaud hail thank laud congratulate welcome defend endorse support
    back celebrate honor honour credit admire reward help protect rescue save""".split()
)
CRITICISM_VERBS = frozenset(
    """criticize criticise condemn slam blast attack accuse blame denounce mock ridicule
    fire sue indict charge arrest impeach oppose reject rebuke scold chastise insult
    threaten fault question target investigate attack lambaste berate deride smear
    harass assault punish sanction kill shoot oust expel ban""".split()
)
REPORTING_VERBS = frozenset(
    """say tell claim add argue state write warn insist note explain suggest believe
    announce declare contend maintain allege acknowledge admit reveal assert tweet post
    testify predict vow promise""".split()
)


def _inflections(word: str) -> list[str]:
    """The word and the base forms it may be an inflection of (slammed -> slam)."""
    out = [word]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""),
                         ("ed", "e"), ("ing", ""), ("ing", "e"), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + repl
            out.append(base)
            if len(base) > 3 and base[-1] == base[-2] and not repl:
                out.append(base[:-1])  # slammed -> slamm -> slam
    return out


@lru_cache(maxsize=65536)
def word_polarity(word: str, tag: str = "") -> float:
    """Prior polarity of a word in [-1, 1] (polarity times intensity); 0.0 when it does not
    evaluate. The look-up is :func:`framing.evaluative.word_polarity`, tried on the word and
    then on the base forms of a regular inflection ("slammed" -> "slam").

    Examples
    --------
    >>> word_polarity("praised") > 0 > word_polarity("disaster")
    True
    >>> word_polarity("table")
    0.0
    """
    from framing.evaluative import word_polarity as _lookup

    forms = _inflections(word.lower())
    for form in forms:
        hit = _lookup(form, tag)
        if hit is not None:
            return float(hit.polarity * hit.intensity)
    vader = _vader()
    for form in forms:
        if form in vader:
            return vader[form]
    return 0.0


@lru_cache(maxsize=1)
def _vader() -> dict[str, float]:
    """VADER's word ratings (Hutto & Gilbert 2014, -4..+4) divided by 4: the fallback for
    words the evaluative lexicon leaves out, such as the events news reports ("killed")."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {w: v / 4.0 for w, v in SentimentIntensityAnalyzer().lexicon.items()}


@lru_cache(maxsize=65536)
def verb_lemma(word: str, vocabulary: frozenset[str]) -> str | None:
    """The form of ``word`` found in ``vocabulary`` after undoing a regular inflection."""
    for form in _inflections(word.lower()):
        if form in vocabulary:
            return form
    return None


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


def _clause_bounds(tokens: Sequence[Token], ti: int, tj: int) -> tuple[int, int]:
    lo = ti
    while lo > 0 and tokens[lo - 1].text.lower() not in CLAUSE_BREAKS:
        lo -= 1
    hi = tj
    while hi < len(tokens) - 1 and tokens[hi + 1].text.lower() not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


_EVAL_VERBS = PRAISE_VERBS | CRITICISM_VERBS | REPORTING_VERBS


def _verb_after(tokens: Sequence[Token], tj: int) -> tuple[int, str] | None:
    """The first verb within four tokens after the target, skipping adverbs and auxiliaries."""
    for k in range(tj + 1, min(len(tokens), tj + 5)):
        tok = tokens[k]
        if tok.tag.startswith("VB"):
            lemma = verb_lemma(tok.text, _EVAL_VERBS)
            if tok.lower in {"has", "have", "had", "is", "was", "were", "are", "will", "would",
                             "did", "does", "also", "been", "be"}:
                continue
            return k, lemma or ""
        if tok.tag not in {"RB", "MD", "NNP", "NNPS", ","} and tok.text not in {"'s", "’s"}:
            return None
    return None


def _verb_before(tokens: Sequence[Token], ti: int) -> tuple[int, str] | None:
    """The verb the target is the object of ("praised X", "accused X of")."""
    for k in range(ti - 1, max(-1, ti - 4), -1):
        tok = tokens[k]
        if tok.tag.startswith("VB"):
            return k, verb_lemma(tok.text, _EVAL_VERBS) or ""
        if tok.tag not in {"DT", "JJ", "NNP", "PRP$", "POS", "RB"}:
            return None
    return None


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
    n = len(tokens)
    lo, hi = _clause_bounds(tokens, ti, tj)
    after = _verb_after(tokens, tj)
    before = _verb_before(tokens, ti)
    subject_verb = after[1] if after and after[1] else None
    object_verb = before[1] if before and before[1] else None
    reports = subject_verb in REPORTING_VERBS
    speech_start = after[0] + 1 if reports and after else n + 1
    weighted, negated = [], []
    num = den = 0.0
    for k, tok in enumerate(tokens):
        if ti <= k <= tj or not tok.text[0].isalpha():
            continue
        pol = word_polarity(tok.text, tok.tag)
        lemma = verb_lemma(tok.text, _EVAL_VERBS) if tok.tag.startswith("VB") else None
        if lemma in PRAISE_VERBS:
            pol = max(pol, 0.5)
        elif lemma in CRITICISM_VERBS:
            pol = min(pol, -0.5)
        if pol == 0.0 or tok.tag in {"NNP", "NNPS"}:
            continue
        if any(tokens[m].lower in NEGATORS for m in range(max(0, k - NEGATION_WINDOW), k)):
            pol = -0.75 * pol  # negation shifts rather than flips (VADER's N_SCALAR)
            negated.append(k)
        dist = ti - k if k < ti else k - tj
        weight = 1.0 / (1.0 + dist / DECAY)
        if not lo <= k <= hi:
            weight *= OTHER_CLAUSE
        if after and k == after[0] and subject_verb in PRAISE_VERBS | CRITICISM_VERBS:
            weight = 0.0  # the praiser / critic: the verb evaluates the object, not them
        elif k >= speech_start:
            weight *= OWN_SPEECH
        if before and k == before[0] and object_verb in PRAISE_VERBS | CRITICISM_VERBS:
            weight = 2.0  # "X praised Y", "accused Y": the verb evaluates Y
        weighted.append((k, pol, weight))
        num += pol * weight
        den += weight
    score = num / (1.0 + den)
    return TargetContext(weighted, negated, score, subject_verb, object_verb, reports, (lo, hi))


def label_of(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``negative`` / ``neutral`` / ``positive`` for a target score."""
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"
