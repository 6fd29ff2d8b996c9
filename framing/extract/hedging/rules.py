"""The disambiguation rules: one ``_rule_<name>`` function per ambiguous cue, each testable alone.

Each rule gets the sentence's lower-cased words, their tags, the original token texts and
the match ``[i, j)``; it returns True when the candidate is a cue. :data:`RULES` maps the
rule names of the lexicons' ``rule`` column to the functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from framing.extract.hedging.words import (
    _ABILITY_VERBS,
    _ADVERB_TAGS,
    _BE,
    _CLAUSE_SUBJECTS,
    _DEONTIC_SUBJECTS,
    _FINITE_TAGS,
    _HYPOTHETICAL_MARKERS,
    _MONTH_CONTEXT,
    _NARRATIVE_MARKERS,
    _NEGATION,
    _NOUN_TAGS,
    _PERMISSION_ADVERBS,
    _QUANTIFIER_SUBJECTS,
    _REPORTING_PAST,
    _VERB_TAGS,
    _after_parenthesis,
    _is_ordinal,
    _is_verb_start,
    _mistagged_verb,
    _next_content,
    _prev,
    _purpose_clause,
)


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


# Nouns of a text that provides for something (a bill, a plan): "that would" after them
# says what it provides, not the writer's uncertainty (issue 12).
_PROPOSAL_NOUNS = frozenset(
    """bill bills measure measures legislation law laws proposal proposals plan plans amendment
    amendments provision provisions rule rules regulation regulations policy policies deal
    deals agreement agreements ordinance ordinances resolution resolutions treaty treaties
    package reform reforms order""".split()
)
# The subject of a predicative "possible" that makes it epistemic ("a recession is
# possible"), not feasibility ("wheelchair access is possible"): an event that may happen.
_EVENT_NOUNS = frozenset(
    """recession recessions war wars attack attacks strike strikes shutdown default collapse
    crash delay delays deal breakthrough ceasefire escalation outbreak rain showers storms snow
    flooding layoffs cuts downturn rebound recovery invasion conflict crisis""".split()
)


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
    if i >= 2 and words[i - 1] in ("that", "which") and words[i - 2] in _PROPOSAL_NOUNS:
        return False  # what a bill provides: "a bill that would have expanded child care"
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
        # "a recession is possible", "more rain is possible": an event that may happen
        # (epistemic); "Wheelchair access is possible", "30 points are possible": feasibility
        return b >= 1 and words[b - 1] in _EVENT_NOUNS
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
    """"regarded as", "is widely regarded"; not a declared classification ("will be regarded
    as foreign intervention": what the speaker will do, not a hedged opinion)."""
    if _prev(words, i) in _OPINION_ADVERBS:
        return True
    if i >= 2 and words[i - 1] == "be" and words[i - 2] in ("will", "shall", "'ll"):
        return False
    return _as_ahead(words, j)


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


RULES: dict[str, Rule] = {
    name[len("_rule_"):]: fn for name, fn in globals().items() if name.startswith("_rule_")
}
