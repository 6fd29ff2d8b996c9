"""Hedges, boosters and vague attribution (annotation guidelines, section 2).

Cues come from the project's own lexicons (``framing/data/lexicons/hedges.tsv``,
``boosters.tsv``, ``vague.tsv``: one cue a row with its category, subtype, the name of the
disambiguation rule it needs, and the literature it follows: Hyland 2005, the CoNLL-2010
cue guidelines, Islam et al. 2020). A lexicon match is only a candidate: a small rule per
ambiguous word decides from the tokens and part-of-speech tags around it ("May" the month
or the modal, "might" the noun, "could" of ability, "would" of reported future, deontic
"may"/"must", "suggest" of proposal, "appear" on stage, ...). Each rule is a small
function named ``_rule_<name>`` that can be tested alone.

Vague attribution is found by three rules: impersonal reports (``it is believed``), a bare
quantifier as the speaker (``some say``, ``others suggest``), and an unnamed or collective
source noun phrase (``critics``, ``two diplomats familiar with the talks``, ``one source``)
that is the subject of a reporting verb or the object of ``according to``. The sources of
attributions marked anonymous by the attribution step are added too.

The voice of each cue is ``quoted`` inside an attribution's content, else ``author``.

Examples
--------
>>> from framing.hedging import extract_hedges
>>> text = "Talks may resume in May. The minister said it would hold talks."
>>> [(c.text, c.category, c.subtype) for c in extract_hedges(text)]
[('may', 'hedge', 'epistemic_modal')]
>>> [(c.text, c.category) for c in extract_hedges("Critics argue the plan will clearly fail.")]
[('Critics argue', 'vague'), ('clearly', 'booster')]
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from framing.records import Cue, Span, voice_of
from framing.document import Document
from framing.text import Sentence

__all__ = [
    "CATEGORIES",
    "LexiconEntry",
    "load_lexicon",
    "extract_hedges",
    "add_hedging",
    "uncertain_sentences",
    "hedging_rates",
]

#: The three cue categories, in the order of the record format.
CATEGORIES = ("hedge", "booster", "vague")

_LEXICON_FILES = {"hedge": "hedges.tsv", "booster": "boosters.tsv", "vague": "vague.tsv"}


@dataclass(frozen=True)
class LexiconEntry:
    """One row of a cue lexicon: the lower-cased token sequence and what it is."""

    words: tuple[str, ...]
    category: str
    subtype: str
    rule: str
    source: str


@lru_cache(maxsize=None)
def load_lexicon(category: str) -> tuple[LexiconEntry, ...]:
    """The project's cue lexicon of one category (``hedge``, ``booster`` or ``vague``).

    Examples
    --------
    >>> entries = load_lexicon("booster")
    >>> [e for e in entries if e.words == ("of", "course")][0].source
    'guidelines; Hyland 2005'
    """
    if category not in _LEXICON_FILES:
        raise ValueError(f"category must be one of {CATEGORIES}, got {category!r}")
    path = resources.files("framing").joinpath("data", "lexicons", _LEXICON_FILES[category])
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return tuple(
        LexiconEntry(tuple(r["cue"].split()), r["category"], r["subtype"], r["rule"], r["source"])
        for r in rows
    )


# --------------------------------------------------------------------------- word classes

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


# --------------------------------------------------------------------------- the rules
# Each rule gets the sentence's lower-cased words, their tags, the original token texts,
# and the match [i, j); it returns True when the candidate is a cue.

Rule = Callable[[Sequence[str], Sequence[str], Sequence[str], int, int], bool]


def _rule_may(words, tags, raw, i, j) -> bool:
    """Modal "may", not the month, a name, or permission."""
    if raw[i][0] == "M" and i > 0:
        # "May 4", "in May", "Theresa May": the month or a name, unless a verb follows
        if j < len(words) and (tags[j] == "CD" or words[j][:1].isdigit()):
            return False
        if _prev(words, i) in _MONTH_CONTEXT or tags[i - 1] in ("NNP", "NNPS") or _is_ordinal(_prev(words, i)):
            return False  # "in May", "Theresa May", "the 3rd May"
    k = _next_content(words, tags, j)
    if j < len(words) and words[j] in _PERMISSION_ADVERBS and k < len(words) and words[k] not in ("be", "have"):
        return False
    if _prev(words, i) in _DEONTIC_SUBJECTS and k < len(words) and words[k] not in ("be", "have", "well"):
        return False
    if _purpose_clause(words, tags, i):
        return False  # purpose: "so that we may ...", "so that every word of ours may begin"
    return (j == len(words) or words[j] in ("well", "or", ".", ";")
            or _is_verb_start(words, tags, k) or _mistagged_verb(words, tags, raw, k)
            or (words[j] == "," and _after_parenthesis(words, tags, j)))


def _rule_might(words, tags, raw, i, j) -> bool:
    """Modal "might", not the noun ("military might", "with all its might")."""
    k = _next_content(words, tags, j)
    if j < len(words) and tags[j] in ("VBZ", "VBD"):
        return False  # a finite verb follows: the noun ("might makes right")
    if i > 0 and (tags[i - 1] in ("DT", "PRP$", "JJ", "POS", "IN") or words[i - 1] in ("all", "'s")):
        # the noun ("its might", "because might makes right"), unless a bare verb follows:
        # "This might be due to", "such as might be associated with"
        return words[i - 1] not in ("its", "their", "his", "her", "all", "'s", "military") and k < len(words) and (
            words[k] in ("be", "have") or tags[k] == "VB")
    return (j == len(words) or words[j] == "well" or _is_verb_start(words, tags, k)
            or _mistagged_verb(words, tags, raw, k))


def _rule_could(words, tags, raw, i, j) -> bool:
    """Possibility "could", not ability ("could not be reached", "could see")."""
    k = _next_content(words, tags, j)
    if k < len(words) and words[k] in _NEGATION:
        # "could not be ruled out" keeps the possibility; other negations are inability
        return (" ".join(words[k + 1 : k + 4]) in ("be ruled out", "be excluded")
                or (k + 1 < len(words) and words[k + 1] == "possibly"))  # "could not possibly survive"
    if k < len(words) and words[k] in _ABILITY_VERBS:
        return False
    if any(w in ("before", "until", "where", "once") for w in words[max(0, i - 4) : i]):
        return False  # "before the question could be answered": ability or permission
    if _purpose_clause(words, tags, i):
        return False  # "so that he could fire officials": ability or permission
    if not _is_verb_start(words, tags, k) and not (j < len(words) and words[j] == "well"):
        return False
    if _past_ability(words, tags, i, k):
        return False
    return True


# Words that make a "could" in a past sentence a reported or judged possibility rather
# than a past ability: a reporting or thinking verb, a hedge, or a condition before it.
_POSSIBILITY_FRAME = _REPORTING_PAST | frozenset(
    """say says stated states suggest suggests suggesting predicting believe believes think thinks
    fear fears worried concern concerns possibility likely probably perhaps whether if unless""".split())


_CLAUSE_BOUNDARIES = frozenset(", ; : ( -- that which who whom when after because".split())
_RELATIVE_PRONOUNS = frozenset("that which who".split())
_SUBJECT_TAGS = _NOUN_TAGS | {"PRP", "DT", "CD", "PRP$", "EX", "WDT", "WP"}
_TIME_UNITS = frozenset(
    """week month year day decade century season spring summer autumn fall winter weekend
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split())


@lru_cache(maxsize=1)
def _reporting_verb_forms() -> frozenset[str]:
    """Inflected forms of the attribution step's reporting verbs (verb rows only)."""
    from framing.extract.attribution import reporting_verbs  # late: attribution is a larger module

    return frozenset(f for f, e in reporting_verbs().items() if e.pos == "verb")


def _future_time_after(words: Sequence[str], k: int) -> bool:
    """A future-time phrase after the verb at ``k`` in the same clause ("by Monday", "next
    year", "tomorrow", "in the coming months"): the modal is of possibility."""
    n = len(words)
    for m in range(k, n):
        w = words[m]
        if w in (".", ";", ":", "?", "!"):
            return False
        if w in ("tomorrow", "soon"):
            return True
        nxt = words[m + 1] if m + 1 < n else ""
        if w == "next" and nxt in _TIME_UNITS:
            return True
        if w == "by" and (nxt in _TIME_UNITS or nxt == "then" or (len(nxt) == 4 and nxt.isdigit())):
            return True
        if w == "in" and nxt in ("future", "the") and " ".join(words[m + 1 : m + 3]) in (
                "future", "the future", "the coming"):
            return True
    return False


def _past_ability(words, tags, i: int, k: int) -> bool:
    """A past narrative "could" + bare verb is a past ability ("Gassner built sets that could
    capture the cold look"): a past-tense verb in the modal's own clause before its subject,
    no reporting, thinking or condition word before the modal, no perfect after it
    ("could have been" stays a possibility) and no future-time phrase after it ("could hit
    Florida by Monday").

    The modal's clause runs back to the nearest comma, semicolon, colon, complementiser or
    clause-opening word (``that which who when after because``) or reporting verb, so a past
    verb of a relative or adverbial clause ("The company, which collapsed in 2008, could
    face", "After the vote failed, the government could") or of a report ("The report
    showed the policy could") does not make it a past ability. A relative pronoun after a
    noun is passed over: a relative clause that ends before the modal is left out ("The
    company which collapsed in 2008 could"), and one whose subject is the modal's own
    ("sets that could capture") takes its time from the clause of its noun, as a "so long
    as" clause takes it from the clause before its comma ("Fox kept the option, so long as
    Aronofsky could find the cast")."""
    if k < len(words) and words[k] in ("have", "'ve"):
        return False
    if any(w in _POSSIBILITY_FRAME for w in words[:i]):
        return False
    reporting = _reporting_verb_forms()
    past = -1  # the last past-tense verb of the modal's clause
    m = i - 1
    while m >= 0:
        w = words[m]
        if w in _RELATIVE_PRONOUNS and m > 0 and tags[m - 1] in _NOUN_TAGS:
            past = -1  # a relative clause inside the modal's clause: its verbs do not count
        elif w in _CLAUSE_BOUNDARIES or (w in reporting and tags[m] in _VERB_TAGS):
            if w == "," and words[m + 1 : m + 4] in (["so", "long", "as"], ["as", "long", "as"]):
                m -= 1  # "..., so long as he could find the cast": a condition of the clause before
                continue
            break
        elif tags[m] == "VBD" and past < 0:
            past = m
        m -= 1
    if past < 0 or not any(tags[q] in _SUBJECT_TAGS or words[q] in _CLAUSE_SUBJECTS
                           for q in range(past + 1, i)):
        return False  # no past verb before the subject in the modal's own clause
    return not _future_time_after(words, k)


def _rule_would(words, tags, raw, i, j) -> bool:
    """Hypothetical "would", not future in the past after a reporting verb, not volition."""
    if j < len(words) and words[j] in ("like", "love", "rather", "prefer", "often", "usually",
                                       "always", "sometimes", "later", "eventually", "then"):
        return False
    k = _next_content(words, tags, j)
    if k < len(words) and words[k] in _NEGATION:
        return False  # "would not comment", "Kyiv would not accept": refusal or reported
    for m in range(i - 1, max(-1, i - 16), -1):
        w = words[m]
        if w in (";", ".", "?", "!") or (w == "if" and m < i):
            break
        if w in _REPORTING_PAST:
            return False
    if not _is_verb_start(words, tags, k):
        return False
    if words[k] == "have" and k + 1 < len(words) and tags[k + 1] == "VBN":
        return True  # counterfactual "would have gone"
    if any(w in _HYPOTHETICAL_MARKERS for w in words):
        return True
    # a dated narrative ("On May 20, 1983, he would have his first attempt", "Years later
    # the magazine would cite", "Eventually the Nazis would ...", "which would go on to"):
    # a future in the past, not a hypothesis
    if any(w in _NARRATIVE_MARKERS and not (w == "soon" and m > 0 and words[m - 1] in ("as", "how"))
           for m, w in enumerate(words[:i])) or " ".join(words[j:j + 2]) in ("go on", "once again"):
        return False
    if any(t == "CD" and len(w) == 4 and w[:2] in ("15", "16", "17", "18", "19", "20") and w.isdigit()
           for w, t in zip(words, tags)):
        return False
    # In a past narrative without a condition, "would" is habitual or a future in the past
    # ("he would later become"); in a present frame or with a condition it is hypothetical.
    if any(w in _HYPOTHETICAL_MARKERS for w in words):
        return True
    return not any(t == "VBD" for t in tags)


def _rule_must(words, tags, raw, i, j) -> bool:
    """Epistemic "must" (a booster): "must have known", "must be a mistake"; not "must leave"."""
    n = len(words)
    k = _next_content(words, tags, j)
    if k >= n:
        return False
    if words[k] in ("have", "'ve") and k + 1 < n and tags[k + 1] == "VBN":
        return True
    if words[k] == "be" and k + 1 < n:
        nxt = k + 1
        if tags[nxt] == "VBN" or words[nxt] in ("able", "allowed", "given", "made", "done", "held", "prepared", "ready"):
            return False
        return tags[nxt] in ("JJ", "DT", "RB", "VBG", "PRP$") or words[nxt] in ("true", "wrong", "right")
    return False


def _rule_clearly(words, tags, raw, i, j) -> bool:
    """Booster "clearly", not the manner adverb after a verb ("spoke clearly")."""
    if i > 0 and tags[i - 1] in _VERB_TAGS and words[i - 1] not in _BE:
        return j < len(words) and (tags[j] in _VERB_TAGS or tags[j] == "JJ")
    # clause-final after an object: "explained the rules clearly."
    return i == 0 or not (j == len(words) or words[j] in (".", ",", ";", ":", "!", "?"))


def _rule_of_course(words, tags, raw, i, j) -> bool:
    """"of course", not "change of course" or "a matter of course"."""
    return _prev(words, i) not in ("change", "changes", "matter", "part", "off", "main",
                                   "golf", "first", "second", "its", "the", "a", "due")


def _rule_likely(words, tags, raw, i, j) -> bool:
    """Hedge "likely"/"unlikely", not the attributive term "likely voters"."""
    return not (j < len(words) and words[j] in ("voters", "voter", "candidates", "candidate", "nominee"))


def _rule_possible(words, tags, raw, i, j) -> bool:
    """Hedge "possible" (attributive, or of a clause: "it is possible that ..."), not "as soon
    as possible", "made possible", "where possible", nor the feasibility of a predicative
    "X is possible" or "it is possible to"."""
    p = _prev(words, i)
    n = len(words)
    k = j + 1 if j + 1 < n and words[j] in ("however", "though", "also", "then", "therefore") else j
    if (j + 3 < n and words[j] == "," and words[j + 1] in ("however", "though", "also", "then", "therefore")
            and words[j + 2] == ","):
        k = j + 3  # "it is possible, however, that ...": a parenthetical
    if k < n and p in _BE and (words[k] == "that" or words[k] in _CLAUSE_SUBJECTS and k + 1 < n
                               and tags[k + 1] in _FINITE_TAGS):
        return True  # "it is possible (however) that ...", "it is possible they are": a clause
    if i > 0 and tags[i - 1] == "CD" and p != "one":
        return False  # "all 4096 possible salts", "three possible chambers": a count of options
    if i > 0 and tags[i - 1] == "JJS" or p in ("maximum", "minimum", "fewest", "widest", "largest"):
        return False  # "the maximum possible energy", "the largest possible": a limit
    if p in ("as", "where", "wherever", "whenever", "if", "when", "everything", "made", "make",
             "makes", "making", "best", "only", "humanly", "not", "highest", "lowest", "greatest",
             "every", "all", "any", "shortest", "earliest", "it", "them") or words[i - 2 : i - 1] == ["it"]:
        return False  # "as soon as possible", "making it possible", "the best possible"
    if j < len(words) and words[j] in ("for", "to"):
        return False  # "it is possible to build": feasibility, not epistemic possibility
    b = i - 1
    while b >= 0 and (tags[b] in _ADVERB_TAGS or words[b] in _NEGATION):
        b -= 1
    if b >= 0 and words[b] in _BE:
        return False  # "Wheelchair access is possible", "30 points are possible": feasibility
    return True


def _rule_apparent(words, tags, raw, i, j) -> bool:
    """Attributive "apparent" ("the apparent victim"), not the predicative "evident" reading
    ("became apparent", "it is apparent that") nor "heir apparent"."""
    p = i - 1
    while p >= 0 and (tags[p] in _ADVERB_TAGS or words[p] in ("less", "more", "most")):
        p -= 1
    if p >= 0 and (words[p] in _BE or words[p] in ("heir", "heirs", "became", "become", "becomes",
                                                     "becoming", "grew", "seemed", "made", "make")):
        return False
    return True


def _rule_predicative(words, tags, raw, i, j) -> bool:
    """Predicative "unknown" of a fact ("its early history is unknown", "it is still unknown
    whether"), not the attributive "an unknown artist" nor obscurity ("relatively unknown",
    "unknown to the public")."""
    p = i - 1
    while p >= 0 and (tags[p] in _ADVERB_TAGS or words[p] in ("still", "largely", "completely")):
        p -= 1
    if j < len(words) and words[j] in ("to", "outside"):
        return False  # "unknown to men of letters": not famous
    if i > 0 and words[i - 1] in ("relatively", "virtually", "little", "almost", "totally"):
        return False  # "relatively unknown": obscure
    return p >= 0 and (words[p] in _BE or words[p] in ("remains", "remain", "remained"))


def _rule_that_after(words, tags, raw, i, j) -> bool:
    """"belief that ...": a held proposition; not a creed or faith ("religious beliefs")."""
    return j < len(words) and words[j] == "that"


def _rule_potential(words, tags, raw, i, j) -> bool:
    """Adjective "potential" ("a potential impurity"), not the noun ("has potential")."""
    return j < len(words) and (tags[j] in _NOUN_TAGS or tags[j] == "JJ") and words[j] != "of"


def _rule_appear(words, tags, raw, i, j) -> bool:
    """"appear to", "appears unlikely", "it appears": not "appeared in court"."""
    n = len(words)
    if j >= n:
        return _prev(words, i) == "it"
    w = words[j]
    if w in ("to", "that", "likely", "unlikely") or (w == "as" and j + 1 < n and words[j + 1] in ("if", "though")):
        return not (w == "to" and j + 1 < n and tags[j + 1] in ("DT", "NNP", "PRP$"))
    if w == ",":
        return _prev(words, i) == "it"
    k = _next_content(words, tags, j)
    return k < n and tags[k] == "JJ" and tags[j] != "IN"


def _finite_verb_ahead(words, tags, j, limit=7) -> bool:
    for k in range(j, min(len(words), j + limit)):
        if tags[k] in _FINITE_TAGS:
            return True
        if words[k] in (",", ";", ":", ".", "to", "for") or tags[k] == "IN":
            return False
    return False


def _rule_suggest(words, tags, raw, i, j) -> bool:
    """"suggest" of evidence or opinion ("tests suggested the drug may ..."), not a proposal
    ("suggested a meeting") or the adjective ("the suggested price")."""
    n = len(words)
    if j < n and i > 0 and words[i - 1] in _QUANTIFIER_SUBJECTS and (i < 2 or tags[i - 2] not in ("DT", "IN")):
        return words[j] not in (".", ",", ";")  # "some suggest (that) ...", "others suggest links"
    if j >= n or (i > 0 and tags[i - 1] in ("DT", "PRP$")):
        return False
    w = words[j]
    if w in ("that", "as"):
        return True
    if w in _CLAUSE_SUBJECTS:
        return True
    if w == "to":
        return "that" in words[j + 1 : j + 6] or (j + 1 < n and words[j + 1] in ("be", "have"))
    if tags[j] in ("DT", "JJ", "CD") or tags[j] in _NOUN_TAGS:
        if _finite_verb_ahead(words, tags, j):
            return True
        # evidence that points to something: "research that suggests a correlation",
        # "thus suggesting a link between ..."; not a proposal ("she suggested a meeting")
        return (any(w in _EVIDENTIAL_OBJECTS for w in words[j : j + 4])
                or any(w in _EVIDENCE_SUBJECTS for w in words[max(0, i - 3) : i]))
    return False


# Objects and subjects that make "suggest" + noun phrase evidential rather than a proposal.
_EVIDENTIAL_OBJECTS = frozenset(
    "link links correlation connection relationship association origin origins presence existence "
    "emergence role cause influence".split())
_EVIDENCE_SUBJECTS = frozenset(
    "evidence research data findings results studies study analysis analyses tests test records "
    "fossils remains thus".split())


def _rule_believe(words, tags, raw, i, j) -> bool:
    """"believe" of opinion, not of faith ("believe in") nor incredulity ("can't believe")."""
    if j < len(words) and words[j] == "in":
        return False
    if _prev(words, i) in _QUANTIFIER_SUBJECTS:
        return True  # "Some believe the public are suffering"
    if _object_without_clause(words, tags, j):
        return False  # "does not believe his father", "refused to believe any other explanation"
    return not (i > 1 and words[i - 1] in _NEGATION and words[i - 2] in ("can", "could", "ca"))


_OBJECT_PRONOUNS = frozenset("him her them me us you".split())


def _object_without_clause(words, tags, j: int, starts=("DT", "PRP$")) -> bool:
    """The verb ending at ``j`` takes a noun-phrase object and no clause: a word tagged in
    ``starts`` or an object pronoun follows, and no finite verb or "to be" comes before the
    next punctuation ("believe his father.", "assumed the command of the band"; not
    "believe the deal will hold", "believe the public in particular are", "believe him to
    be")."""
    n = len(words)
    if j >= n or not (tags[j] in starts or words[j] in _OBJECT_PRONOUNS):
        return False
    for k in range(j + 1, min(n, j + 13)):
        if tags[k] in _FINITE_TAGS or words[k] == "to" and k + 1 < n and words[k + 1] in ("be", "have"):
            return False
        if words[k] in (",", ";", ".", ":", "(", "!", "?"):
            break
    return True


def _rule_assume(words, tags, raw, i, j) -> bool:
    """"assume" of supposition ("it is assumed that", "assumed he would leave", "is assumed
    in some models"), not of taking on ("assumed the command", "Assuming command") nor the
    adjective ("an assumed shape")."""
    if i > 0 and tags[i - 1] in ("DT", "PRP$"):
        return False
    if j < len(words) and words[j] in ("command", "control", "responsibility", "power", "office",
                                       "leadership", "duties", "charge", "ownership", "management"):
        return False
    return not _object_without_clause(words, tags, j, starts=("DT", "PRP$", "JJ", "JJR"))


def _rule_clausal(words, tags, raw, i, j) -> bool:
    """A thinking or indicating verb with a clause or object, not "think about", "as indicated"."""
    if i > 0 and tags[i - 1] in ("DT", "PRP$", "JJ") or _prev(words, i) == "as":
        return False
    return not (j < len(words) and words[j] in ("about", "of", "twice", "back", "up", "through",
                                                "ahead", "by", "tank", "outside"))


def _rule_thought(words, tags, raw, i, j) -> bool:
    """The verb "thought" ("is thought to", "he thought that", "some thought the game ...",
    "is thought of as"), not the noun ("school of thought", "science and thought") nor
    "well thought out"."""
    n = len(words)
    if j < n and words[j] == "out":
        return False
    if j < n and words[j] == "of":
        return "as" in words[j + 1 : j + 5]  # "thought of as": regarded as
    if _prev(words, i) in _QUANTIFIER_SUBJECTS and (i < 2 or tags[i - 2] not in ("DT", "IN")):
        return True  # "Some thought the game was tasteless"
    if (j >= n or words[j] in (".", ",", ";", ")")) and i > 0 and (
            words[i - 1] in ("and", "or") or tags[i - 1] in ("NNP", "NN", "JJ")):
        return False  # the noun closing a phrase: "modern science and thought."
    if i > 0 and (tags[i - 1] in ("DT", "JJ", "PRP$", "POS", "IN") or words[i - 1] in ("of", "'s")):
        return False
    return _rule_clausal(words, tags, raw, i, j)


def _rule_verb(words, tags, raw, i, j) -> bool:
    """The verb reading only ("they suspect"), not the noun ("the suspect")."""
    return not (i > 0 and tags[i - 1] in ("DT", "JJ", "PRP$", "POS", "CD")) and tags[i] not in _NOUN_TAGS


def _rule_estimate(words, tags, raw, i, j) -> bool:
    """A writer's or source's estimate as a verb, not "an estimated 5,000" or "the estimates"."""
    if i > 0 and (tags[i - 1] in ("DT", "JJ", "PRP$", "POS", "CD") or words[i - 1] in ("an", "the", "by")):
        return False
    return not (j < len(words) and (words[j] in ("of", "for", "show", "put", "range", "vary", "at")
                                    or tags[j] == "CD" or words[j].startswith("$")))


def _rule_expect(words, tags, raw, i, j) -> bool:
    """An expectation, not a comparison with one: "than (they initially) expected", "as
    (might be) expected"."""
    if _prev(words, i) == "un":
        return False
    for m in range(i - 1, max(-1, i - 5), -1):
        if words[m] in ("than", "as"):
            return False
        if words[m] in (",", ";", ".", ":") or tags[m] in _NOUN_TAGS:
            break
    return True


def _rule_predict(words, tags, raw, i, j) -> bool:
    """A prediction of a state of affairs ("predict that ...", "is predicted to"), not
    forecasting a quantity or event named by a noun phrase alone ("methods that predict
    ovulation", "predicted Númenor's destruction")."""
    return not _object_without_clause(words, tags, j, starts=("DT", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ"))


def _rule_supposed(words, tags, raw, i, j) -> bool:
    """"the supposed tomb", "is supposed to have been"; not the schedule "are supposed to resume"."""
    if i > 0 and tags[i - 1] in ("DT", "PRP$"):
        return True
    return j + 1 < len(words) and words[j] == "to" and words[j + 1] in ("be", "have")


def _as_ahead(words, j, limit=6) -> bool:
    for k in range(j, min(len(words), j + limit)):
        if words[k] == "as":
            return True
        if words[k] in (",", ";", ".", ":"):
            return False
    return False


_OPINION_ADVERBS = frozenset("widely generally often long commonly largely usually also still now".split())


def _rule_considered(words, tags, raw, i, j) -> bool:
    """"is widely considered (to be) the best", not "the plan was considered by the board"."""
    n = len(words)
    if j >= n:
        return False
    w = words[j]
    p = i - 1
    while p >= 0 and tags[p] in _ADVERB_TAGS:
        p -= 1
    if (w == "to" and j + 1 < n and tags[j + 1] == "VB" and p >= 0 and words[p] in _BE
            and words[p] != "being"):
        return True  # "were considered to provoke", "is considered to constitute"
    if w in (".", ";", "but", "separately", "further", "again") or (
            w == "to" and j + 1 < n and words[j + 1] not in ("be", "have")):
        return False  # deliberation: "the name was considered.", "being considered to gain insight"
    if p >= 0 and words[p] in _BE and w not in ("by", "for", "in", "at", "during", "when", "and"):
        return True  # "is (widely) considered ..."
    if w in ("himself", "herself", "themselves", "itself", "him", "her", "them", "it"):
        return "as" in words[j : j + 5] or j + 1 < n and tags[j + 1] in ("JJ", "DT", "NN", "NNS", "NNP")
    if w in ("as", "one", "among", "a", "an", "the", "by") or tags[j] == "JJ":
        if w == "by":
            return "to" in words[j + 1 : j + 6]
        return True
    if w == "to":
        return j + 1 < n and words[j + 1] in ("be", "have")
    return _prev(words, i) in _OPINION_ADVERBS and tags[j] in _NOUN_TAGS


def _rule_consider_active(words, tags, raw, i, j) -> bool:
    """"consider X (to be) Y", "consider X a threat", "consider X qualified": opinion;
    "consider the plan": deliberation."""
    if j < len(words) and words[j] in ("that", "themselves", "himself", "herself", "itself"):
        return True
    if _prev(words, i) in _QUANTIFIER_SUBJECTS and (i < 2 or tags[i - 2] not in ("DT", "IN")):
        return True  # "some consider Emeryville an exclave": an opinion held by some
    n = len(words)
    stop = next((k for k in range(j, min(n, j + 12)) if words[k] in (",", ";", ".", ":")), min(n, j + 12))
    ahead = words[j:stop]
    if "as" in ahead or any(a == "to" and b == "be" for a, b in zip(ahead, ahead[1:])):
        return True  # "consider X (to be) Y", "consider this scene, ... to be"
    if j < n and tags[j] == "JJ" and (j + 1 >= n or tags[j + 1] not in _NOUN_TAGS):
        return True  # "whom they consider qualified"
    # a small clause "consider LSD a sacrament", "consider it a comet": an object, then "a"
    k = j
    while k < n and k < j + 4 and (tags[k] in _NOUN_TAGS or tags[k] in ("PRP", "JJ", "CD")):
        k += 1
    return j < k < n and words[k] in ("a", "an")


def _rule_as_or_passive(words, tags, raw, i, j) -> bool:
    """"regarded as", "is widely regarded"."""
    return _as_ahead(words, j) or _prev(words, i) in _OPINION_ADVERBS


def _rule_as_object(words, tags, raw, i, j) -> bool:
    """"regard X as Y", not "with regard to" or "in this regard"."""
    if _prev(words, i) in ("with", "in", "this", "that", "high", "kind", "best", "warm", "little", "no"):
        return False
    return _as_ahead(words, j)


_AS_NOT_ROLE = frozenset("well soon long much many far though if to".split())


def _rule_view_as(words, tags, raw, i, j) -> bool:
    """The verb "view"/"see" with "as" ("others view them as descendants", "what they see as
    polluters"): an opinion; not the noun ("the view"), perception ("see the river") nor
    "as well", "such as", "as soon as"."""
    if i > 0 and words[i - 1] not in _QUANTIFIER_SUBJECTS and words[i - 1] not in _NEGATION and (
            tags[i - 1] in ("DT", "JJ", "PRP$", "POS", "IN", "CD") or words[i - 1] in ("to", "can", "could", "will")):
        return False
    for k in range(j, min(len(words), j + 5)):
        if words[k] == "as":
            return (k + 1 < len(words) and words[k + 1] not in _AS_NOT_ROLE
                    and words[k - 1] != "such")
        if words[k] in (",", ";", ".", ":", "that") or tags[k] in _VERB_TAGS and words[k] != "as":
            return False
    return False


def _rule_as_after(words, tags, raw, i, j) -> bool:
    """"seen as", "viewed (by many) as": opinion; other "seen" is perception."""
    k = _next_content(words, tags, j)
    if k < len(words) and words[k] == "by":
        return "as" in words[k + 1 : k + 7] and "," not in words[k + 1 : words.index("as", k + 1)]
    return k < len(words) and words[k] == "as"


def _rule_fear(words, tags, raw, i, j) -> bool:
    """"fear that", "is feared dead", "they fear the worst"; not the noun ("fear of")."""
    if i > 0 and (tags[i - 1] in ("DT", "PRP$", "JJ", "IN") or words[i - 1] in ("no", "'s")):
        return False
    if j < len(words) and words[j] == "that":
        return True  # "feared that ..." (the tagger reads "that" as a preposition)
    return not (j < len(words) and (words[j] in ("of", "for", "and", ",", ".") or tags[j] == "IN"))


def _rule_doubt(words, tags, raw, i, j) -> bool:
    """"doubt that", "cast doubt on"; "no doubt" is a booster (matched before this)."""
    return _prev(words, i) not in ("no", "without", "beyond")


_RULES: dict[str, Rule] = {
    name[len("_rule_"):]: fn for name, fn in globals().items() if name.startswith("_rule_")
}


# --------------------------------------------------------------------------- matching


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[LexiconEntry, Rule | None], ...]]:
    """Hedge and booster entries keyed by their first word, longest first."""
    by_first: dict[str, list[LexiconEntry]] = {}
    for cat in ("hedge", "booster"):
        for e in load_lexicon(cat):
            by_first.setdefault(e.words[0], []).append(e)
    out = {}
    for w, entries in by_first.items():
        entries.sort(key=lambda e: -len(e.words))
        out[w] = tuple((e, _RULES[e.rule] if e.rule else None) for e in entries)
    return out


@lru_cache(maxsize=1)
def _vague_words() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for e in load_lexicon("vague"):
        groups.setdefault(e.subtype, set()).add(e.words[0])
    return {k: frozenset(v) for k, v in groups.items()}


_NORMAL = {"n't": "not", "’s": "'s", "’ve": "'ve", "’re": "'re", "ca": "can", "wo": "will"}


def _words(sentence: Sentence) -> tuple[list[str], list[str], list[str]]:
    raw = [t.text for t in sentence.tokens]
    words = [w.lower() for w in raw]
    for k, w in enumerate(words):
        if "’" in w or w == "n't":
            words[k] = _NORMAL.get(w, w.replace("’", "'"))
    tags = [t.tag for t in sentence.tokens]
    return words, tags, raw


# The classifier over hedge candidates (opt-in: ``extract_hedges(..., classifier=True)``) --
# A lexicon match that its rule accepts is a candidate; a logistic regression stored as a
# feature -> weight table (``framing/data/models/hedging.json``, written by
# ``scripts/train_hedging.py`` from the Szeged wiki part) accepts or rejects it. Rule
# rejections stay final (they carry the guidelines' decisions: "May" the month, "could not
# be reached", reported-future and deontic readings). The modals (may, might, could, would)
# and the fixed phrases are decided by their rules alone: the guidelines list them as hedges
# in their epistemic readings, while Szeged types hypothetical "would" as a condition cue
# and leaves most Wikipedia "could" unmarked, so a model trained there would overrule the
# guidelines (it rejected "the battle could drag on for years").

_QUOTES = frozenset('" “ ” ``'.split()) | {"''"}


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, float, float] | None:
    """(weights, bias, threshold, threshold for the words the guidelines name) of the
    candidate classifier; plain JSON, so loading runs no code."""
    path = resources.files("framing").joinpath("data", "models", "hedging.json")
    if not path.is_file():
        return None
    m = json.loads(path.read_text(encoding="utf-8"))
    return (dict(m["weights"]), float(m["bias"]), float(m["threshold"]),
            float(m["threshold_guideline_named"]))


def _stem(w: str) -> str:
    for suf in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _candidate_features(words, tags, raw, i: int, j: int, entry: LexiconEntry) -> list[str]:
    """Context features of the candidate ``words[i:j]`` (the names the model's weights use)."""
    n = len(words)
    cue = " ".join(entry.words)
    w1 = words[i - 1] if i > 0 else "<s>"
    w2 = words[i - 2] if i > 1 else "<s>"
    t1 = tags[i - 1] if i > 0 else "<s>"
    t2 = tags[i - 2] if i > 1 else "<s>"
    n1 = words[j] if j < n else "</s>"
    n2 = words[j + 1] if j + 1 < n else "</s>"
    u1 = tags[j] if j < n else "</s>"
    u2 = tags[j + 1] if j + 1 < n else "</s>"
    quoted = sum(words[k] in _QUOTES for k in range(i)) % 2 == 1
    neg = any(words[k] in _NEGATION or words[k] == "no" for k in range(max(0, i - 3), i))
    pos = "first" if i == 0 else ("last" if j >= n - 1 else ("early" if i < n / 3 else "late"))
    return [
        "bias_cue=" + cue, "stem=" + _stem(words[i]), "rule=" + (entry.rule or "-"),
        "sub=" + entry.subtype, "tag=" + tags[i], "cap=" + str(raw[i][:1].isupper()),
        "w-1=" + w1, "w-2=" + w2, "t-1=" + t1, "t-2=" + t2, "t-2t-1=" + t2 + "_" + t1,
        "w+1=" + n1, "w+2=" + n2, "t+1=" + u1, "t+2=" + u2, "t+1t+2=" + u1 + "_" + u2,
        "cue|w-1=" + cue + "|" + w1, "cue|w+1=" + cue + "|" + n1,
        "cue|t-1=" + cue + "|" + t1, "cue|t+1=" + cue + "|" + u1, "cue|tag=" + cue + "|" + tags[i],
        "pos=" + pos, "quoted=" + str(quoted), "neg=" + str(neg),
        "len=" + str(min(j - i, 3)), "if=" + str("if" in words),
    ]


# The hedges the guidelines name (section 2), decided by their rules alone.
_GUIDELINE_NAMED = frozenset(
    """appear appears appeared appearing seem seems seemed seeming suggest suggests suggested
    suggesting indicate indicates indicated indicating believe believes believed believing
    suspect suspects suspected estimate estimates estimated possibly probably perhaps likely
    unlikely apparently reportedly allegedly seemingly presumably possible potential unclear
    uncertain alleged unconfirmed possibility speculation likelihood""".split()
)


def _classified(entry: LexiconEntry) -> bool:
    """Whether the classifier decides this entry's candidates (else its rule alone): single
    hedge words beyond the modals."""
    return entry.category == "hedge" and len(entry.words) == 1 and entry.subtype != "epistemic_modal"


def _accept(model, words, tags, raw, i: int, j: int, entry: LexiconEntry) -> bool:
    weights, bias, threshold, threshold_named = model
    score = bias
    for f in _candidate_features(words, tags, raw, i, j, entry):
        score += weights.get(f, 0.0)
    return score >= (threshold_named if entry.words[0] in _GUIDELINE_NAMED else threshold)


def _matches(words, tags, raw, model=None) -> Iterator[tuple[int, int, LexiconEntry]]:
    """Token ranges ``[i, j)`` of the accepted hedge and booster cues, longest match first.

    ``model=None`` gives the rules alone (the default, and the candidates the classifier is
    trained on); ``model=_model()`` lets the classifier reject candidates."""
    index = _index()
    n = len(words)
    i = 0
    while i < n:
        entries = index.get(words[i])
        step = 1
        if entries:
            for entry, rule in entries:
                j = i + len(entry.words)
                if j > n or (j > i + 1 and tuple(words[i:j]) != entry.words):
                    continue
                if rule is None or rule(words, tags, raw, i, j):
                    if (model is not None and _classified(entry)
                            and not _accept(model, words, tags, raw, i, j, entry)):
                        continue
                    yield i, j, entry
                    step = j - i
                    break
        i += step


def _lexical_cues(sentence: Sentence, words, tags, raw, model=None) -> Iterator[tuple[Span, str, str]]:
    tokens = sentence.tokens
    for i, j, entry in _matches(words, tags, raw, model):
        yield Span(tokens[i].start, tokens[j - 1].end), entry.category, entry.subtype


# Vague attribution ---------------------------------------------------------------------

_NP_INNER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "VBN"})
_NP_DETERMINERS = frozenset("some many most several few one two three four five a an other another "
                            "senior top unnamed anonymous".split())
_POSTMODIFIER_STARTS = frozenset("familiar close briefed who consulted from at in with involved "
                                 "knowledgeable speaking based working close".split())
_AUXILIARIES = frozenset("have has had also privately publicly repeatedly long now again were are "
                         "have been all both".split())
_PRECEDING_NOUNS = frozenset("warnings warning criticism claims calls complaints objections pressure "
                             "reports testimony".split())
_INVERTED_VERBS = frozenset("said says told added screamed fumed bragged shouted sobbed explained "
                            "warned insisted".split())
_STOP_PUNCT = frozenset(", . ; : ! ? \" “ ” ' ‘ ’ ( ) — –".split())


def _vague_cues(sentence: Sentence, words, tags, raw) -> Iterator[tuple[Span, str, str]]:
    groups = _vague_words()
    nouns, quants = groups["source_noun"], groups["quantifier"]
    reporting, impersonal = groups["reporting_verb"], groups["impersonal"]
    tokens = sentence.tokens
    n = len(words)
    used_until = -1
    for i in range(n):
        w = words[i]
        if i <= used_until:
            continue
        # 1. impersonal report: "it is believed", "it has been suggested", "it is widely thought"
        if w == "it" and i + 2 < n:
            k = i + 1
            while k < n and k < i + 5 and (words[k] in _BE or words[k] in ("has", "had", "have")
                                           or tags[k] in _ADVERB_TAGS):
                k += 1
            if k > i + 1 and k < n and words[k] in impersonal and words[k - 1] not in _NEGATION:
                yield Span(tokens[i].start, tokens[k].end), "vague", "impersonal"
                used_until = k
            continue
        # 2. a bare quantifier as the speaker: "some say", "others suggest"
        if w in quants and i + 1 < n and (i == 0 or tags[i - 1] not in ("DT", "IN")):
            k = _skip_aux(words, tags, i + 1)
            # the tagger often reads "say" after "some" as a noun; a plural ("some claims") is not
            if k < n and words[k] in reporting and (tags[k] in _VERB_TAGS or tags[k] == "NN"):
                yield Span(tokens[i].start, tokens[k].end), "vague", "quantifier"
                used_until = k
            continue
        # 3. an unnamed or collective source: "critics argue", "one source said"
        if w in nouns and tags[i] in _NOUN_TAGS:
            found = _source_np(words, tags, i, nouns, reporting)
            if found is not None:
                s, e = found
                yield Span(tokens[s].start, tokens[e].end), "vague", "source_noun"
                used_until = e


def _skip_aux(words, tags, k: int) -> int:
    n = len(words)
    while k < n and (words[k] in _AUXILIARIES or (tags[k] in _ADVERB_TAGS and words[k] not in _NEGATION)):
        k += 1
    return k


def _source_np(words, tags, head: int, nouns, reporting) -> tuple[int, int] | None:
    """Token range of the source noun phrase around ``head`` when it is a vague speaker."""
    n = len(words)
    if head + 1 < n and tags[head + 1] in ("NNP", "NNPS") and words[head + 1] not in reporting:
        return None  # a title before a name ("economist Jane Doe") or a name ("Tenants Union")
    if head + 1 < n and tags[head + 1] in ("NN", "NNS") and words[head + 1] not in reporting:
        return None  # the source noun modifies another noun ("expert panel")
    # left edge: adjectives, nouns, numbers and indefinite determiners ("two senior EU officials")
    s = head
    while s > 0:
        p, pt = words[s - 1], tags[s - 1]
        if pt in _NP_INNER_TAGS or p in _NP_DETERMINERS:
            s -= 1
        elif p == "and" and s >= 2 and tags[s - 2] in ("NNS", "NN"):
            s -= 1
        else:
            break
    if s > 0 and (tags[s - 1] in ("PRP$", "POS") or words[s - 1] in ("the", "these", "those", "his", "her", "their")):
        return None  # definite or possessive: an anaphoric, identifiable source
    # right edge: "familiar with the talks", "who follow the company", "from the OSCE"
    e = head
    if head + 1 < n and words[head + 1] in _POSTMODIFIER_STARTS:
        k = head + 1
        seen_verb = words[k] != "who"
        while k < n and k <= head + 9:
            if words[k] in _STOP_PUNCT or words[k] == "that":
                break
            if tags[k] in _FINITE_TAGS:
                if seen_verb:
                    break
                seen_verb = True
            k += 1
        e = k - 1
    after = _skip_aux(words, tags, e + 1)
    if after < n and words[after] in reporting and tags[after] in _VERB_TAGS | {"NN", "NNS"}:
        return (s, after if after == e + 1 == head + 1 else e)
    before = words[s - 2 : s]
    if before == ["according", "to"]:
        return (s, e)
    if s >= 2 and words[s - 1] == "by" and words[s - 2] in reporting:
        return (s, e)
    if s >= 2 and words[s - 1] == "from" and words[s - 2] in _PRECEDING_NOUNS:
        return (s, e)
    if (s >= 1 and words[s - 1] in _INVERTED_VERBS and words[s] in ("one", "a", "an", "some", "two")
            and (e + 1 >= n or words[e + 1] in _STOP_PUNCT)):
        return (s, e)
    return None


# --------------------------------------------------------------------------- public API


def _as_document(doc_or_text: Document | str) -> Document:
    if isinstance(doc_or_text, Document):
        return doc_or_text
    if isinstance(doc_or_text, str):
        return Document(doc_or_text)
    raise TypeError(f"expected a Document or a str, got {type(doc_or_text).__name__}")


def _sentence_cues(doc: Document, model=None) -> Iterator[tuple[Span, str, str]]:
    for sentence in doc.sentences:
        words, tags, raw = _words(sentence)
        vague = list(_vague_cues(sentence, words, tags, raw))
        impersonal = [sp for sp, _, sub in vague if sub == "impersonal"]
        for span, cat, sub in _lexical_cues(sentence, words, tags, raw, model):
            # "it is believed" is vague attribution only (guidelines, borderline decisions)
            if cat == "hedge" and any(p.contains(span) for p in impersonal):
                continue
            yield span, cat, sub
        yield from vague


def extract_hedges(
    doc_or_text: Document | str, *, categories: Sequence[str] = CATEGORIES,
    classifier: bool = False,
) -> list[Cue]:
    """Hedge, booster and vague-attribution cues of a text, in text order.

    Parameters
    ----------
    doc_or_text : Document or str
        A :class:`~framing.Document` (its page clutter is skipped and its attributions
        give the voice) or a plain text.
    categories : sequence of {"hedge", "booster", "vague"}
        The categories to return (all by default).
    classifier : bool, default False
        Also let the candidate classifier (``framing/data/models/hedging.json``, trained on
        the Szeged wiki part by ``scripts/train_hedging.py``) reject hedge candidates beyond
        the modals and fixed phrases. It raises precision on Wikipedia text but lowered
        cue F1 on held-out news (docs/hedging.md), so the rules alone are the default.

    Returns
    -------
    list of Cue
        With span, text, category, subtype (``epistemic_modal``, ``epistemic_verb``,
        ``adverb``, ``adjective``, ``noun``, ``phrase``; vague cues: ``impersonal``,
        ``quantifier``, ``source_noun``, ``anonymous_source``) and voice.

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> doc = next(d for d in load_sample() if d.id == "s3-wire")
    >>> [c.text for c in extract_hedges(doc, categories=["hedge"])][:4]
    ['possible', 'suggested', 'may', 'could not be independently verified']
    >>> [c.text for c in extract_hedges("He could not be reached for comment on May 2.")]
    []
    """
    for c in categories:
        if c not in CATEGORIES:
            raise ValueError(f"categories must be among {CATEGORIES}, got {c!r}")
    doc = _as_document(doc_or_text)
    model = _model() if classifier else None
    if classifier and model is None:
        raise FileNotFoundError("framing/data/models/hedging.json is missing; run scripts/train_hedging.py")
    found = list(_sentence_cues(doc, model))
    if "vague" in categories:
        vague_spans = [sp for sp, cat, _ in found if cat == "vague"]
        for a in doc.attributions:
            if a.anonymous and a.source is not None and not any(a.source.overlaps(v) for v in vague_spans):
                found.append((a.source, "vague", "anonymous_source"))
    found = sorted(f for f in found if f[1] in categories)
    voices = voice_of([f[0] for f in found], doc.attributions)
    text = doc.text
    return [Cue(sp, text[sp.start:sp.end], cat, sub, voice)
            for (sp, cat, sub), voice in zip(found, voices)]


def add_hedging(doc: Document) -> Document:
    """Fill ``doc.hedges``, ``doc.boosters`` and ``doc.vague`` in place and return ``doc``.

    Run it after attribution so that voices are right (:func:`framing.analyze` does).

    Examples
    --------
    >>> from framing import Document
    >>> doc = add_hedging(Document("It is believed that the deal may well collapse."))
    >>> [c.text for c in doc.hedges], [c.text for c in doc.vague]
    (['may well'], ['It is believed'])
    """
    cues = extract_hedges(doc)
    doc.hedges = [c for c in cues if c.category == "hedge"]
    doc.boosters = [c for c in cues if c.category == "booster"]
    doc.vague = [c for c in cues if c.category == "vague"]
    return doc


def uncertain_sentences(doc_or_text: Document | str) -> list[tuple[Span, bool]]:
    """Each sentence's span and whether it is uncertain (holds at least one hedge cue).

    Examples
    --------
    >>> uncertain_sentences("Prices may rise. They rose.")
    [(Span(start=0, end=16), True), (Span(start=17, end=27), False)]
    """
    doc = _as_document(doc_or_text)
    hedges = doc.hedges if doc.hedges else extract_hedges(doc, categories=["hedge"])
    starts = sorted(c.span.start for c in hedges)
    out = []
    from bisect import bisect_left

    for s in doc.sentences:
        k = bisect_left(starts, s.start)
        out.append((s.span, k < len(starts) and starts[k] < s.end))
    return out


def hedging_rates(doc_or_text: Document | str) -> dict[str, float]:
    """Per-text rates per 1,000 words: by category, by category and voice, by subtype; and
    the share of uncertain sentences.

    Keys are ``hedge``, ``hedge__author``, ``hedge__quoted``, ``hedge__epistemic_modal``,
    ... (same for ``booster`` and ``vague``), ``uncertain_share``, ``words``.

    Examples
    --------
    >>> r = hedging_rates("Prices may rise, analysts say. They rose sharply.")
    >>> r["hedge"], r["vague"], r["uncertain_share"]
    (125.0, 125.0, 0.5)
    """
    doc = _as_document(doc_or_text)
    if not (doc.hedges or doc.boosters or doc.vague):
        add_hedging(doc)
    words = doc.word_count
    scale = 1000.0 / words if words else 0.0
    out: dict[str, float] = {"words": float(words)}
    for cat, cues in (("hedge", doc.hedges), ("booster", doc.boosters), ("vague", doc.vague)):
        out[cat] = len(cues) * scale
        for voice in ("author", "quoted"):
            out[f"{cat}__{voice}"] = sum(c.voice == voice for c in cues) * scale
        for sub in _subtypes(cat):
            out[f"{cat}__{sub}"] = sum(c.subtype == sub for c in cues) * scale
    flags = [u for _, u in uncertain_sentences(doc)]
    out["uncertain_share"] = sum(flags) / len(flags) if flags else 0.0
    return out


@lru_cache(maxsize=None)
def _subtypes(category: str) -> tuple[str, ...]:
    subs = sorted({e.subtype for e in load_lexicon(category)})
    if category == "vague":
        subs = ["anonymous_source", "impersonal", "quantifier", "source_noun"]
    return tuple(subs)
