"""Vague attribution: impersonal reports, bare quantifier speakers and unnamed source phrases."""

from __future__ import annotations

from collections.abc import Iterator

from framing.records import Span
from framing.text import Sentence
from framing.extract.hedging.words import (
    _ADVERB_TAGS,
    _BE,
    _FINITE_TAGS,
    _NEGATION,
    _NOUN_TAGS,
    _VERB_TAGS,
)
from framing.extract.hedging.matching import _vague_words


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


def vague_cues(sentence: Sentence, words, tags, raw) -> Iterator[tuple[Span, str, str]]:
    groups = _vague_words()
    nouns, quants = groups["source_noun"], groups["quantifier"]
    reporting, impersonal = groups["reporting_verb"], groups["impersonal"]
    starts, ends = sentence.columns()[:2]
    n = len(words)
    used_until = -1
    # only the words that can start a cue are visited ("it", a quantifier, a source noun)
    for i in [k for k, w in enumerate(words) if w == "it" or w in quants or w in nouns]:
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
                yield Span(starts[i], ends[k]), "vague", "impersonal"
                used_until = k
            continue
        # 2. a bare quantifier as the speaker: "some say", "others suggest"
        if w in quants and i + 1 < n and (i == 0 or tags[i - 1] not in ("DT", "IN")):
            k = _skip_aux(words, tags, i + 1)
            # the tagger often reads "say" after "some" as a noun; a plural ("some claims") is not
            if k < n and words[k] in reporting and (tags[k] in _VERB_TAGS or tags[k] == "NN"):
                yield Span(starts[i], ends[k]), "vague", "quantifier"
                used_until = k
            continue
        # 3. an unnamed or collective source: "critics argue", "one source said"
        if w in nouns and tags[i] in _NOUN_TAGS:
            found = _source_np(words, tags, i, nouns, reporting)
            if found is not None:
                s, e = found
                yield Span(starts[s], ends[e]), "vague", "source_noun"
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
