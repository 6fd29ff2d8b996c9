"""Word priors for actor sentiment: :func:`word_prior` (a float in [-1, 1]) from the evaluative
lexicon, with regular inflections undone, and VADER's ratings for the words it leaves out;
the rule constants of the target-aware score."""

from __future__ import annotations

from functools import lru_cache


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
# Words after a praise or criticism verb whose subject is the target ("X praised Y for her
# brave work"): they evaluate the object Y, so they count this much toward X.
OBJECT_SIDE = 0.1
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
def word_prior(word: str, tag: str = "") -> float:
    """Prior polarity of a word in [-1, 1] (polarity times intensity); 0.0 when it does not
    evaluate. The look-up is :func:`framing.extract.evaluative.word_polarity`, tried on the word and
    then on the base forms of a regular inflection ("slammed" -> "slam").

    Examples
    --------
    >>> word_prior("praised") > 0 > word_prior("disaster")
    True
    >>> word_prior("table")
    0.0
    """
    from framing.extract.evaluative import word_polarity

    forms = _inflections(word.lower())
    for form in forms:
        hit = word_polarity(form, tag)
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
