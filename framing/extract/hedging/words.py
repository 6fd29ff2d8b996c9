"""Word classes and small predicates over (words, tags) that the rules share."""

from __future__ import annotations

from collections.abc import Sequence


_BE = frozenset("is are was were be been being 's 're am".split())
_ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_CLAUSE_SUBJECTS = frozenset("it they he she we i you this these those there that".split())
_MONTH_CONTEXT = frozenset(
    "in on since until till by early late mid of last next this from through during before "
    "after between and to".split()
)
# Permission readings of "may": a following word that marks permission, and subjects that
# are usually granted permission ("police may ban", "landlords may still raise rents").
_PERMISSION_ADVERBS = frozenset("still now only legally freely lawfully no longer".split())
_DEONTIC_SUBJECTS = frozenset("police authorities officers courts".split())
_HYPOTHETICAL_MARKERS = frozenset("if unless otherwise without suppose imagine".split())
# Reporting and thinking verbs after which "would" reports a future in the past.
_REPORTING_PAST = frozenset(
    """said says say told tell announced added promised vowed claimed insisted warned
    predicted expected believed thought hoped agreed decided stated confirmed bragged
    indicated signalled signaled pledged threatened argued suggested estimated reported
    assured maintained conceded admitted acknowledged noted explained replied declared
    forecast projected feared knew guaranteed undertook ruled determined""".split()
)
# Before "would" in a sentence without a condition: a narrative future in the past ("Eventually
# the Nazis would sterilize ...", "Years later the magazine would cite ..."); "soon" not in
# "as soon as" or "how soon" (a condition or a question: "As soon as the bill passes,
# prices would rise").
_NARRATIVE_MARKERS = frozenset("later eventually ultimately subsequently afterwards soon".split())
_ABILITY_VERBS = frozenset("see hear feel smell taste afford remember understand".split())
_NEGATION = frozenset({"not", "never"})
# Bare quantifiers as the holders of an opinion ("some thought", "others suggest").
_QUANTIFIER_SUBJECTS = frozenset("some many most others few several".split())


# Adverbs and floating quantifiers between a modal and its verb that the tagger often
# misreads ("may also/JJ cause", "may both/DT interact").
_SKIPPABLE = frozenset("also both even all each either".split())


def _next_content(words: Sequence[str], tags: Sequence[str], j: int) -> int:
    """Index of the first token at or after ``j`` that is not an adverb (or ``len``)."""
    n = len(words)
    while j < n and words[j] not in _NEGATION and (
        tags[j] in _ADVERB_TAGS or (tags[j] == "JJ" and words[j].endswith("ly"))
        or words[j] in _SKIPPABLE
    ):
        j += 1
    return j


def _mistagged_verb(words: Sequence[str], tags: Sequence[str], raw: Sequence[str], k: int) -> bool:
    """A bare lower-case word the tagger read as a singular noun, adverb or adjective right
    after a modal ("this may take/NN the form", "may last/RB two weeks"): the verb."""
    return (k < len(words) and tags[k] in ("NN", "RB", "JJ") and raw[k].isalpha() and raw[k].islower()
            and not words[k].endswith("ly"))


def _after_parenthesis(words: Sequence[str], tags: Sequence[str], j: int) -> bool:
    """``words[j]`` is a comma opening a short parenthesis after a modal, and a verb follows
    it ("may, in fact, encourage")."""
    for k in range(j + 1, min(len(words), j + 7)):
        if words[k] == ",":
            m = _next_content(words, tags, k + 1)
            return _is_verb_start(words, tags, m)
    return False


def _is_ordinal(w: str) -> bool:
    """An ordinal number written with digits ("3rd", "21st")."""
    return len(w) > 2 and w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th")


def _purpose_clause(words: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """``words[i]`` (a modal) sits in a purpose clause: "so that" or "in order that" within
    the four words before it, followed by a subject (not a verb: "So that is why he may
    leave" is no purpose clause), and no stop in between."""
    for m in range(i - 1, max(0, i - 5), -1):
        if words[m] in (".", ";", ":"):
            return False
        if words[m] == "that" and words[m - 1] in ("so", "order"):
            return m + 1 < i and tags[m + 1] not in _VERB_TAGS and tags[m + 1] != "MD"
    return False


def _prev(words: Sequence[str], i: int) -> str:
    return words[i - 1] if i > 0 else ""


def _is_verb_start(words: Sequence[str], tags: Sequence[str], j: int) -> bool:
    return j < len(words) and (tags[j] in _VERB_TAGS or words[j] in ("be", "have", "not"))
