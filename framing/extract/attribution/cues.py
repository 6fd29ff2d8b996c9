"""Rule cues and cue candidates: the candidate pool of the cue model, transcript speaker
turns (``PENCE: ...``), dash signatures (``"..." ― Name``) and multi-word cues."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from framing.records import Attribution, Span
from framing.text import Sentence
from framing.extract.attribution.features import QuoteIndex, SentenceView, _QUOTE_TOKENS, word_lemma
from framing.extract.attribution.content import _trim


@lru_cache(maxsize=4)
def _candidate_pool(vocab: frozenset[str]) -> frozenset[str]:
    """The lowercased words that can make a token a cue candidate in :func:`_iter_found`: the
    cue model's vocabulary and the lowercased rule cues (a superset: the rule cues are
    matched as written)."""
    return vocab | {w.lower() for w in _RULE_CUES}


_NOT_SPEAKERS = frozenset(
    """correction corrections update updated byline video watch look note editor editors
    exclusive breaking busted boom email reads read previously photo photos source sources
    related more live warning disclaimer ps ps. tl dr faq q a""".split()
)


def _title_cased(texts: Sequence[str]) -> bool:
    """Most words capitalised (``texts``: the tokens as written): a headline ("Clinton Says
    She Will Run"), where capitals say nothing about names."""
    words = [t for t in texts if t[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _inside_name(texts: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """A capitalised word inside a proper name is no reporting verb: "Blast" in "The Morning
    Blast". Sentence-initial words and all-capital words (transcripts) are left to the
    model, and so are headlines (see :func:`_title_cased`)."""
    word = texts[i]
    return (
        i > 0
        and word[:1].isupper()
        and not word.isupper()
        and tags[i] in ("NNP", "NNPS")
        and texts[i - 1][:1].isupper()
        and tags[i - 1] in ("NNP", "NNPS", "DT")
    )


def _speaker_turns(sentences: Sequence[Sentence]) -> set[tuple[int, int]]:
    """The colons of a transcript's speaker labels ("PENCE: Well, look, ..."): a capitalised
    word at the start of a sentence (after an optional quotation mark) then ``:``, when the
    document has at least two of them (sentence index, token index of the colon)."""
    found = set()
    for k, sent in enumerate(sentences):
        toks = sent.columns()[2]  # the words as written
        if ":" not in toks[1:3]:
            continue  # most sentences: no colon in second or third place
        for i in range(1, min(3, len(toks))):
            if toks[i] != ":":
                continue
            name = toks[i - 1]
            if (
                len(name) > 1 and name.isalpha() and name.isupper()
                and name.lower() not in _NOT_SPEAKERS
                and (i == 1 or toks[0] in _QUOTE_TOKENS)
            ):
                found.add((k, i))
    return found if len(found) >= 2 else set()


_DASHES = frozenset(["―", "—"])
_RULE_CUES = _DASHES | {"according"}


_SIGNATURE = re.compile(
    r"[ \t\u00a0]*((?:[A-Z][\w’'-]*\.?)(?:[ \t\u00a0]+[A-Z][\w’'-]*\.?){0,4}?)[ \t\u00a0.]*(?:\n|\Z)")


def _dash_attribution(text: str, s: SentenceView, i: int, quotes: QuoteIndex) -> Attribution | None:
    """A quotation signed with a dash and a name ending its line (``“...” ― Sonya Herridge``):
    the dash is the cue, the name the source, the quotation the content."""
    j = s.starts[i] - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j < 0 or text[j] not in "”\"":
        return None
    q = quotes.before(j + 1)
    if q is None or q.close != j:
        return None
    # the name: the rest of the line, one to five capitalised words or initials ("Edwin G.
    # Monroy", "Christina N Luis Olidem"), read from the text, as the sentence splitter may
    # cut after an initial
    m = _SIGNATURE.match(text, s.ends[i])
    if m is None:
        return None
    content = _trim(text, q.span.start, q.span.end)
    if content.end <= content.start:
        return None
    name_end = m.end(1) - 1 if text[m.end(1) - 1] == "." and m.end(1) - m.start(1) > 2 \
        and text[m.end(1) - 3] != " " else m.end(1)  # "Martinez." but "Edwin G."
    return Attribution("direct", Span(m.start(1), name_end), Span(s.starts[i], s.ends[i]),
                       content, False, "neutral", s.words[i], None, text[content.start : content.end])


_PARTICLES = {"point": "out", "lash": "out", "hit": "out", "call": "for", "according": "to"}


def extend_cue(s: SentenceView, i: int) -> int:
    lem = word_lemma(s.words[i])
    part = _PARTICLES.get(lem)
    if part and i + 1 < s.n and s.words[i + 1] == part:
        return i + 1
    return i


# Verbs that report an activity (talking about a topic, weighing a plan) rather than what
# was said or thought: a cue only when what follows is a clause or a quotation ("discussed
# how to ...", "debated whether ...", "considered that ..."), not with a plain object
# ("have discussed a possible deployment": the verb reports an action).
_TOPIC_VERBS = frozenset(
    """discuss discussed discusses discussing debate debated debates debating negotiate
    negotiated negotiates negotiating mull mulled mulls mulling weigh weighed weighs weighing""".split()
)
# Verbs of a decision or a procedural act (a vote that blocks, approves or passes a bill):
# they report what was done, not what was said or thought, so with a plain object ("Senate
# Republicans blocked the bill", "The city council approved a new bike lane plan") they are
# no cue, as the guidelines' cues are reporting verbs (PolNeAR's annotators mark some of
# them: "blocked" 5 of 19 times in train, "approved" 8 of 19; "passed", 22 of 66, is left to
# the cue model, which on PolNeAR dev accepts it as often right as wrong). "Fire" is a
# dismissal or a shot ("Trump fired Comey", "Police fired tear gas"), not speech; the
# "fired back: ..." cues go with it (6 in PolNeAR train, none in dev).
_ACTION_VERBS = frozenset(
    """block blocked blocks blocking approve approved approves approving adopt adopted adopts
    adopting veto vetoed vetoes vetoing enact enacted enacts enacting introduce introduced
    introduces introducing fire fired fires firing""".split()
)
_CLAUSE_OPENERS = frozenset(
    """that how whether what why who whom where when which if about : " “ ‘ ' « ,""".split()
)
_OBJECT_TAGS = frozenset(["DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "CD"])
_ATTRIBUTIVE_LEFT = frozenset(["DT", "IN", "VBG", "JJ", "PRP$", "TO", "PDT", "POS"])


def _action_reading(s: SentenceView, i: int) -> bool:
    """The candidate cue ``i`` reports an action, not speech or thought, as what follows it
    shows:

    - a participle used as an adjective before a noun, with no subject of its own
      ("ceding internationally recognised Ukrainian territory", "the widely condemned
      raid"): what follows is a noun without a determiner, what precedes (adverbs aside) a
      determiner, preposition, adjective or gerund;
    - a verb of talking about a topic ("discuss", "debate", "negotiate", "weigh") followed
      by a plain object ("have discussed a possible deployment to Ukraine") rather than a
      clause or a quotation ("discussed how the talks would go", "debated whether ...");
    - a verb of a decision or procedural act (:data:`_ACTION_VERBS`: "blocked", "approved",
      "adopted", "vetoed", "enacted", "introduced") not followed by a clause or a quotation.
    """
    words, tags, n = s.words, s.tags, s.n
    nxt = tags[i + 1] if i + 1 < n else "</s>"
    if tags[i] in ("VBN", "VBD", "JJ") and nxt in ("JJ", "NN", "NNS", "NNP", "NNPS"):
        j = i - 1
        while j >= 0 and tags[j] == "RB" and words[j] not in ("not", "n't", "also"):
            j -= 1
        if j >= 0 and tags[j] in _ATTRIBUTIVE_LEFT and words[j] not in ("that", "which", "who"):
            return True
    if words[i] in _ACTION_VERBS:
        # a clause or a quotation after the verb would make it a report; a plain object, a
        # particle or nothing is the act itself
        return not (i + 1 < n and (words[i + 1] in _CLAUSE_OPENERS and words[i + 1] != ","
                                   or s.in_quote(i + 1)))
    if words[i] in _TOPIC_VERBS and i + 1 < n:
        if words[i + 1] in _CLAUSE_OPENERS or s.in_quote(i + 1):
            return False
        return nxt in _OBJECT_TAGS and not any(
            w in _CLAUSE_OPENERS and w != "," for w in words[i + 1 : i + 4]
        )
    return False
