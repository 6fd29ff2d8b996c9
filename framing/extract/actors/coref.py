"""Rule-based coreference: attribution sources and personal pronouns linked to actors.

Two small steps after :func:`~framing.extract.actors.mentions.find_mentions`:

- :func:`source_mentions`: every attribution source that names someone ("Mayor Ellen Park",
  "Ruiz") and overlaps no mention becomes a mention (``via="source"``); a surname goes to
  the full name given elsewhere in the article.
- :func:`pronoun_links`: each third-person singular personal pronoun (he, him, his, himself,
  she, her, hers, herself) is linked to an earlier person mention of compatible gender
  within :data:`PRONOUN_WINDOW` sentences (``via="pronoun"``): of up to
  :data:`MAX_CANDIDATES` candidates (this sentence's persons before the pronoun, then the
  previous sentences', each left to right), the one named most often so far; the first
  in that order on a tie. A person's gender is
  known from a title before one of their mentions ("Mr.", "Congresswoman", "Queen"), or
  else from the first pronoun linked to them; unknown gender is compatible with both.
  Pronouns of groups and things (it, they) are not linked: in news they refer to bills,
  plans and events as often as to actors.

Both are linear in the text (one pass over tokens and mentions, a bounded look-back).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from framing.document import Document
from framing.records import Mention, Span
from framing.extract.actors.gazetteer import (
    NOT_ACTORS,
    ORG_WORDS,
    TITLE_GENDER,
    _TITLE_STEMS,
)

#: Pronoun -> gender ("m" / "f").
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
# every case form of the pronouns, and one pattern that finds them all in a text
_PERSON_FORMS = {f: g for p, g in PERSON_PRONOUNS.items() for f in (p, p.capitalize(), p.upper())}
_PERSON_RE = re.compile(r"\b(?:" + "|".join(sorted(_PERSON_FORMS, key=len, reverse=True)) + r")\b")


def _token_at(toks, offset: int) -> int:
    """Index of the last token of ``toks`` starting at or before ``offset`` (binary search)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].start <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1
#: How many sentences back a pronoun looks for its person (the current one and two before).
PRONOUN_WINDOW = 2
#: How many earlier person mentions of compatible gender a pronoun weighs.
MAX_CANDIDATES = 8


_PARTY_TAG = re.compile(r"^[DRI]-[A-Z]")
_DETERMINERS = frozenset({"the", "a", "an", "former", "then", "late", "acting"})


def source_mentions(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Mentions for the attribution sources that name someone and overlap no mention.

    Examples
    --------
    >>> import framing
    >>> from framing.extract.actors import find_mentions
    >>> doc = framing.analyze('"It is a disaster," Ruiz said.')
    >>> [(m.text, m.actor, m.via) for m in source_mentions(doc, [])]
    [('Ruiz', 'Ruiz', 'source')]
    """
    text = doc.text
    ms = sorted(mentions, key=lambda m: m.span)
    starts = [m.span.start for m in ms]
    people: dict[str, str] = {}
    for m in ms:
        if m.type == "person" and m.via in {"name", "table", "variant"}:
            people.setdefault(m.text.split()[-1], m.actor)
    tok_list = [t for s in doc.sentences for t in s.tokens]
    tok_starts = [t.start for t in tok_list]
    out: list[Mention] = []
    seen = set()
    for att in doc.attributions:
        src = att.source
        if src is None or (src.start, src.end) in seen:
            continue
        seen.add((src.start, src.end))
        k = bisect_right(starts, src.end - 1) - 1
        if k >= 0 and ms[k].span.end > src.start:
            continue  # a mention inside or overlapping the source
        lo = bisect_right(tok_starts, src.start - 1)
        toks = []
        q = lo
        while q < len(tok_list) and tok_list[q].end <= src.end:
            toks.append(tok_list[q])
            q += 1
        while toks and (toks[0].lower in _DETERMINERS or toks[0].lower.rstrip(".") in _TITLE_STEMS):
            toks = toks[1:]  # "Mayor", "the former", "Sen."
        name_toks = []
        for t in toks:  # the leading run of capitalised words ("Ruiz, who runs ..." -> Ruiz)
            if not (t.text[:1].isupper() and t.tag in {"NNP", "NNPS"}):
                break
            name_toks.append(t)
        if not name_toks or name_toks[0].text in NOT_ACTORS or len(name_toks) > 5 \
                or len(name_toks[0].text) < 3 or _PARTY_TAG.match(name_toks[0].text):
            continue  # "Y" of "D-N.Y.", "D-Calif": a party and state tag, not a name
        a, b = name_toks[0].start, name_toks[-1].end
        name = text[a:b]
        words = name.split()
        if {w.lower() for w in words} & ORG_WORDS:
            out.append(Mention(Span(a, b), name, name, "organisation", "source"))
        else:
            out.append(Mention(Span(a, b), name, people.get(words[-1], name), "person", "source"))
    return out


def _gender_of_titles(doc: Document, mentions: list[Mention]) -> dict[str, str]:
    """Actor -> gender, from a gendered title right before one of its mentions."""
    text = doc.text
    out: dict[str, str] = {}
    for m in mentions:
        if m.type != "person" or m.actor in out:
            continue
        before = text[max(0, m.span.start - 16):m.span.start].split()
        if before:
            g = TITLE_GENDER.get(before[-1].lower().rstrip("."))
            if g:
                out[m.actor] = g
    return out


def pronoun_links(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """He/she/his/her... linked to the most salient earlier compatible person (``via="pronoun"``).

    Examples
    --------
    >>> from framing import Document
    >>> from framing.extract.actors import find_mentions
    >>> doc = Document("Mr. Obama met Hillary Clinton. She said he was right.")
    >>> [(m.text, m.actor) for m in pronoun_links(doc, find_mentions(doc))]
    [('She', 'Hillary Clinton'), ('he', 'Obama')]
    """
    persons = sorted((m for m in mentions if m.type == "person"), key=lambda m: m.span)
    if not persons:
        return []
    starts = [m.span.start for m in persons]
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    taken_starts = [a for a, _ in taken]
    gender = _gender_of_titles(doc, persons)
    named_at: dict[str, list[int]] = {}  # actor -> starts of its mentions, in order
    for m in persons:
        named_at.setdefault(m.actor, []).append(m.span.start)
    sents = doc.sentences
    sent_starts = [s.start for s in sents]
    out: list[Mention] = []
    # the pronouns found by one search over the text, each checked against its token's tag
    # (no pass over every token of the article)
    for pm in _PERSON_RE.finditer(doc.text):
        si = bisect_right(sent_starts, pm.start()) - 1
        if si < 0 or pm.end() > sents[si].end:
            continue
        toks = sents[si].tokens
        q = _token_at(toks, pm.start())
        if q < 0 or (toks[q].start, toks[q].end) != pm.span():
            continue
        t = toks[q]
        g = _PERSON_FORMS.get(t.text)
        if g is None or t.tag not in {"PRP", "PRP$"}:
            continue
        k = bisect_right(taken_starts, t.start) - 1
        if k >= 0 and taken[k][1] > t.start:
            continue  # inside a mention
        # candidates: this sentence's persons before the pronoun, then each earlier
        # sentence's, each sentence left to right (its subject first); of those of
        # compatible gender, the one named most often so far (the most salient) wins,
        # the first in that order on a tie
        cands: list[Mention] = []
        for sj in range(si, max(-1, si - PRONOUN_WINDOW - 1), -1):
            lo = bisect_right(starts, sents[sj].start - 1)
            hi = bisect_right(starts, (t.start if sj == si else sents[sj].end) - 1)
            for cand in persons[lo:hi]:
                if cand.span.end > t.start or len(cands) >= MAX_CANDIDATES:
                    break
                if gender.get(cand.actor, g) == g:
                    cands.append(cand)
        chosen = None
        if cands:
            chosen = max(cands, key=lambda c: bisect_right(named_at[c.actor], t.start))
        if chosen is None:
            continue
        gender.setdefault(chosen.actor, g)
        out.append(Mention(Span(t.start, t.end), t.text, chosen.actor, "person", "pronoun"))
    return out


#: First-person pronouns in a quotation -> the speaker: singular for a person, plural for a group.
FIRST_PERSON = {"i": "person", "me": "person", "my": "person", "myself": "person",
                "we": "group", "us": "group", "our": "group", "ourselves": "group"}


def quote_pronoun_links(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """"I", "my", "we", "our" inside the content of an attribution whose source is linked
    to an actor, linked to that actor (``via="pronoun"``): singular pronouns to a person,
    plural ones to an organisation, country or group. Run after the attributions are linked.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze('"I will not resign," Mayor Ellen Park said.')
    >>> [(m.text, m.actor, m.via) for m in doc.mentions]
    [('I', 'Ellen Park', 'pronoun'), ('Ellen Park', 'Ellen Park', 'name')]
    """
    type_of: dict[str, str] = {}
    for m in mentions:
        type_of.setdefault(m.actor, m.type)
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    taken_starts = [a for a, _ in taken]
    sents = doc.sentences
    sent_starts = [s.start for s in sents]
    out: list[Mention] = []
    seen = set()
    forms = {f: k for p, k in FIRST_PERSON.items() for f in (p, p.capitalize(), p.upper())}
    for att in doc.attributions:
        if att.actor is None or att.actor not in type_of:
            continue
        kind = "person" if type_of[att.actor] == "person" else "group"
        a, b = att.content.start, att.content.end
        si = max(0, bisect_right(sent_starts, a) - 1)
        while si < len(sents) and sents[si].start < b:
            for t in sents[si].tokens:
                if forms.get(t.text) != kind or t.start < a or t.end > b \
                        or t.tag not in {"PRP", "PRP$"} or t.start in seen:
                    continue
                k = bisect_right(taken_starts, t.start) - 1
                if k >= 0 and taken[k][1] > t.start:
                    continue
                seen.add(t.start)
                out.append(Mention(Span(t.start, t.end), t.text, att.actor, type_of[att.actor], "pronoun"))
            si += 1
    return out
