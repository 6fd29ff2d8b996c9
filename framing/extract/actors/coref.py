"""Rule-based coreference: attribution sources and personal pronouns linked to actors.

Two small steps after :func:`~framing.extract.actors.mentions.find_mentions`:

- :func:`source_mentions`: every attribution source that names someone ("Mayor Ellen Park",
  "Ruiz") and overlaps no mention becomes a mention (``via="source"``); a surname goes to
  the full name given elsewhere in the article. A capitalised word that modifies a noun
  ("The Texas lawmaker") or a place before a comma ("South Bend, Ind., Mayor ...") is not a
  name.
- :func:`pronoun_links`: each third-person singular personal pronoun (he, him, his, himself,
  she, her, hers, herself) is linked to an earlier person of compatible gender within
  :data:`PRONOUN_WINDOW` sentences (``via="pronoun"``), with rules for quotations (a
  quotation's speaker is not its "he"), cataphora, the pronoun's own sentence (clause
  subjects, binding) and salience across sentences: see its docstring. A person's gender
  comes from a title ("Mr.", "Congresswoman"), a known first name, or else the first
  pronoun linked to them; unknown gender is compatible with both. "It" is not linked: in
  news it refers to bills, plans and events as often as to actors.
- :func:`plural_links`: they/them/their to a group just before them, only where nothing
  plural stands between.
- :func:`quote_pronoun_links`: "I" and "we" in a quotation go to its speaker.

All are linear in the text (one pass over tokens and mentions, a bounded look-back).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from itertools import compress
from typing import TypeVar

from framing.document import Document
from framing.records import Mention, Span, _new_tuple, _overlapping
from framing.extract.actors.mentions import _POSSESSIVE, _SPAN, _Columns, _doc_columns
from framing.extract.actors.gazetteer import (
    NOT_ACTORS,
    ORG_WORDS,
    FIRST_NAME_GENDER,
    GROUP_WORDS,
    TITLE_GENDER,
    _TITLE_STEMS,
)


#: Pronoun -> gender ("m" / "f").
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_V = TypeVar("_V")


def _case_forms(words: Mapping[str, _V]) -> dict[str, _V]:
    """``words`` with every key also capitalised and in upper case: the case forms of a
    pronoun ("he", "He", "HE") with its value."""
    return {f: v for w, v in words.items() for f in (w, w.capitalize(), w.upper())}


_PERSON_FORMS = _case_forms(PERSON_PRONOUNS)
_PERSON_SET = frozenset(_PERSON_FORMS)
_WORD_CHAR = re.compile(r"\w")
_PRP = frozenset({"PRP", "PRP$"})


def _word_tokens(text: str, cols: _Columns, forms) -> list[int]:
    """The indices (into ``cols``, the document's columns) of the tokens written as one of
    ``forms``, tagged PRP or PRP$ and standing as a whole word in ``text`` (no word character
    either side): the tokens that a search for ``\\b(?:form|...)\\b`` over the text, checked
    against the token at each match, finds. One membership test per token, in C."""
    starts, ends, words, tags, _ = cols
    out = []
    for q in compress(range(len(words)), map(forms.__contains__, words)):
        a, b = starts[q], ends[q]
        if tags[q] in _PRP and text[a:b] in forms and not (a and _WORD_CHAR.match(text, a - 1)) \
                and not _WORD_CHAR.match(text, b):
            out.append(q)
    return out


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
    return _source_mentions(doc, mentions, _doc_columns(doc.sentences))


def _source_mentions(doc: Document, mentions: list[Mention], cols: _Columns) -> list[Mention]:
    """:func:`source_mentions` given the document's columns
    (:func:`~framing.extract.actors.mentions._doc_columns`)."""
    text = doc.text
    ms = sorted(mentions, key=_SPAN)
    starts = [m.span.start for m in ms]
    people: dict[str, str] = {}
    for m in ms:
        if m.type == "person" and m.via in {"name", "table", "variant"}:
            people.setdefault(m.text.split()[-1], m.actor)
    tok_starts, tok_ends, tok_words, tok_tags, tok_lower = cols
    n = len(tok_starts)
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
        # the source's tokens are [p, stop): leading determiners and titles, then the name
        p = bisect_right(tok_starts, src.start - 1)
        stop = p
        while stop < n and tok_ends[stop] <= src.end:
            stop += 1
        while p < stop and (tok_lower[p] in _DETERMINERS or tok_lower[p].rstrip(".") in _TITLE_STEMS):
            p += 1  # "Mayor", "the former", "Sen."
        r = p  # the name: the leading run of capitalised words ("Ruiz, who runs ..." -> Ruiz)
        while r < stop and tok_words[r][:1].isupper() and tok_tags[r] in {"NNP", "NNPS"}:
            r += 1
        if r < stop and (tok_tags[r] in {"NN", "NNS"} or tok_words[r] == "," and stop - r > 1
                         and tok_words[r + 1][:1].isupper()):
            continue  # a modifier or a place, not a name: "The Texas lawmaker", "South Bend, Ind., Mayor ..."
        if r == p or tok_words[p] in NOT_ACTORS or r - p > 5 \
                or len(tok_words[p]) < 3 or _PARTY_TAG.match(tok_words[p]):
            continue  # "Y" of "D-N.Y.", "D-Calif": a party and state tag, not a name
        a, b = tok_starts[p], tok_ends[r - 1]
        name = text[a:b]
        words = name.split()
        if {w.lower() for w in words} & ORG_WORDS:
            out.append(Mention(Span(a, b), name, name, "organisation", "source"))
        elif words[-1].lower() in GROUP_WORDS:
            out.append(Mention(Span(a, b), name, name, "group", "source"))  # "Leading Democrats"
        else:
            out.append(Mention(Span(a, b), name, people.get(words[-1], name), "person", "source"))
    return out


def _gender_of_titles(doc: Document, mentions: list[Mention]) -> dict[str, str]:
    """Actor -> gender, from a gendered title right before one of its mentions ("Mr.",
    "Congresswoman") or else from a known first name ("Hillary Clinton", "Bernie Sanders")."""
    text = doc.text
    out: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for m in mentions:
        if m.type != "person" or m.actor in out:
            continue
        before = text[max(0, m.span.start - 16):m.span.start].split()
        if before:
            g = TITLE_GENDER.get(before[-1].lower().rstrip("."))
            if g:
                out[m.actor] = g
                continue
            if m.actor not in by_name:  # a first name left out of the mention ("James B. Comey")
                first = before[-2] if len(before) >= 2 and len(before[-1]) == 2 and before[-1][1] == "." \
                    else before[-1]
                g = FIRST_NAME_GENDER.get(first.lower()) if text[m.span.start - 1:m.span.start] == " " else None
                if g:
                    by_name[m.actor] = g
        if m.actor not in by_name:
            for name in (m.actor, m.text):  # "Comey" of "James B. Comey"
                words = name.split()
                g = FIRST_NAME_GENDER.get(words[0].lower()) if len(words) >= 2 else None
                if g:
                    by_name[m.actor] = g
                    break
    for actor, g in by_name.items():
        out.setdefault(actor, g)
    return out


def _quote_regions(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` inside quotation marks, in order: curly quotes open and
    close, a straight double quote toggles, and a quotation left open runs to the end of
    its paragraph (news style for a quotation that goes on in the next paragraph)."""
    out: list[tuple[int, int]] = []
    open_at = -1
    # only the quotation marks are visited: the first line break after an opening mark,
    # looked up with str.find, closes the quotation (later line breaks change nothing)
    for m in _QUOTE_MARK.finditer(text):
        pos = m.start()
        if open_at >= 0:
            nl = text.find("\n", open_at, pos)
            if nl >= 0:
                if nl > open_at:
                    out.append((open_at, nl))
                open_at = -1
        c = m.group()
        if c == "\u201c" or (c == '"' and open_at < 0):
            open_at = m.end()
        else:  # a closing mark
            if open_at >= 0 and pos > open_at:
                out.append((open_at, pos))
            open_at = -1
    if open_at >= 0:
        nl = text.find("\n", open_at)
        if nl > open_at:
            out.append((open_at, nl))
        elif nl < 0 and open_at < len(text):
            out.append((open_at, len(text)))
    return out


#: First words of an opening phrase whose pronoun may point forward ("For his oath, Mr. Trump ...").
_OPENERS = frozenset("""after before when while as since although though despite in for during with
    at on upon once if because""".split())
_QUOTE_MARK = re.compile('[\u201c\u201d"]')


def pronoun_links(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """He/she/his/her... linked to an earlier compatible person (``via="pronoun"``).

    The rules, in order (all bounded: at most :data:`MAX_CANDIDATES` candidates per pronoun
    within :data:`PRONOUN_WINDOW` sentences back):

    1. Gender: a person's gender comes from a title before one of its mentions ("Mr.",
       "Congresswoman"), else from a known first name (:data:`gazetteer.FIRST_NAME_GENDER`);
       unknown gender fits both.
    2. Quotations: a third-person pronoun inside a quotation is never its speaker (the
       speaker says "I"): ``"He entered office ...," Rubio said`` is not Rubio. A pronoun
       outside quotations takes no person named inside a quotation of its own sentence
       (``"Obama is weak," he said``).
    3. Cataphora: a pronoun in an opening phrase goes to the person right after its comma
       ("For his oath, Mr. Trump placed ..."). A pronoun that is the source of a reported
       speech ("..., he added") goes to the speaker of the reported speech just before it
       within the window, when that speaker is a person of compatible gender ("Schiff
       said. “...,” he added": Schiff, however often Trump was named).
    4. A person named earlier in the pronoun's sentence wins over earlier sentences
       (:func:`_same_sentence_choice`): persons of known gender first, then the last clause
       subject before the pronoun ("Earnest said Sanders has the right to set his own
       timeline": Sanders), never the subject of an object pronoun's own clause ("Sestak
       said Clinton called him": Sestak), else the first person of the sentence ("Mary
       Cheney reportedly wrote on her page").
    5. Else, of the earlier sentences' persons and the persons earlier pronouns stand for
       ("He ... He ... He": a chain reaches past the window), the one named most often so
       far (the most salient), the nearer sentence's first on a tie.

    Pronouns outside quotations are resolved first, so that the speaker of ``"...," he
    said`` is known when the pronouns inside the quotation are resolved.

    Examples
    --------
    >>> from framing import Document
    >>> from framing.extract.actors import find_mentions
    >>> doc = Document("Mr. Obama met Hillary Clinton. She said he was right.")
    >>> [(m.text, m.actor) for m in pronoun_links(doc, find_mentions(doc))]
    [('She', 'Hillary Clinton'), ('he', 'Obama')]
    """
    return _pronoun_links(doc, mentions, _doc_columns(doc.sentences))


def _pronoun_links(doc: Document, mentions: list[Mention], cols: _Columns) -> list[Mention]:
    """:func:`pronoun_links` given the document's columns
    (:func:`~framing.extract.actors.mentions._doc_columns`)."""
    persons = sorted((m for m in mentions if m.type == "person"), key=_SPAN)
    if not persons:
        return []
    text = doc.text
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    taken_starts = [a for a, _ in taken]
    gender = _gender_of_titles(doc, persons)
    named_at: dict[str, list[int]] = {}  # actor -> starts of its mentions, in order
    for m in persons:
        named_at.setdefault(m.actor, []).append(m.span.start)
    sents = doc.sentences
    sent_starts = [s.start for s in sents]
    regions = _quote_regions(text)
    reg_starts = [a for a, _ in regions]

    def region_of(off: int) -> int:
        k = bisect_right(reg_starts, off) - 1
        return k if k >= 0 and off < regions[k][1] else -1

    # the pronouns: whole-word tokens tagged PRP or PRP$, in text order
    found: list[tuple[int, int, str, str, int]] = []  # start, end, text, gender, sentence
    for q in _word_tokens(text, cols, _PERSON_SET):
        a = cols.start[q]
        si = bisect_right(sent_starts, a) - 1
        if si < 0 or cols.end[q] > sents[si].end:
            continue
        k = bisect_right(taken_starts, a) - 1
        if k >= 0 and taken[k][1] > a:
            continue  # inside a mention
        word = cols.text[q]
        found.append((a, cols.end[q], word, _PERSON_FORMS[word], si))

    # anchors: the person mentions, then the pronoun links as they are made (two lists, each
    # in text order: pass 1 resolves the pronouns outside quotations, pass 2 those inside)
    anchors: list[list[Mention]] = [persons, [], []]
    anchor_starts: list[list[int]] = [_starts(persons), [], []]
    person_starts = anchor_starts[0]  # never appended to: pass 1 and 2 add to [1] and [2]

    def cataphor(a: int, g: str, si: int) -> Mention | None:
        """The subject right after an opening phrase that holds the pronoun: "For his
        oath, Mr. Trump placed ...", "After she left, Clinton said ..." (cataphora)."""
        starts, ends, words, _ = sents[si].columns()
        if not words or words[0].lower() not in _OPENERS:
            return None
        q = bisect_right(starts, a) - 1
        for r in range(q + 1, min(len(words), q + 16)):
            if words[r] == ",":
                k = bisect_right(person_starts, ends[r] - 1)
                if k < len(persons) and persons[k].span.start < sents[si].end:
                    gap = text[ends[r]:persons[k].span.start].split()
                    if all(w.lower().rstrip(".") in _TITLE_STEMS or w.lower() in _DETERMINERS for w in gap) \
                            and gender.get(persons[k].actor, g) == g:
                        return persons[k]
                return None
        return None

    # attribution sources, for "..., he said" after another reported speech
    all_ms = sorted(mentions, key=_SPAN)
    all_starts = _starts(all_ms)
    all_ends = [m.span.end for m in all_ms]
    sources = sorted((att.source.start, att.source.end) for att in doc.attributions if att.source is not None)
    source_starts = [x for x, _ in sources]
    source_set = set(sources)
    linked_at: dict[int, str] = {}  # pronoun start -> actor, as pass 1 links them

    def speaker_of(x: int, y: int) -> str | None:
        if x in linked_at:
            return linked_at[x]
        for j in _overlapping(all_starts, all_ends, x, y):  # the last person in the source, not a possessor
            if all_ms[j].type == "person" and text[all_ends[j]:all_ends[j] + 2] not in _POSSESSIVE:
                return all_ms[j].actor
        return None

    def last_speaker(a: int, b: int, g: str, si: int) -> str | None:
        """For a pronoun that is a source ("he said"): the person (actor) who spoke in the
        reported speech just before, within the window ("Fox said ... . “...,” he added")."""
        if (a, b) not in source_set:
            return None
        k = bisect_right(source_starts, a - 1) - 1
        for kk in range(k, max(-1, k - 3), -1):
            x, y = sources[kk]
            if bisect_right(sent_starts, x) - 1 < si - PRONOUN_WINDOW:
                break
            actor = speaker_of(x, y)
            if actor is not None:
                return actor if gender.get(actor, g) == g else None
        return None

    def resolve(a: int, b: int, word: str, g: str, si: int, speaker: str | None, out: list[Mention]) -> None:
        in_quote = region_of(a) >= 0
        first = cataphor(a, g, si)
        actor = first.actor if first is not None else last_speaker(a, b, g, si)
        if actor is not None:
            gender.setdefault(actor, g)
            linked_at[a] = actor
            out.append(Mention(_new_tuple(Span, (a, b)), word, actor, "person", "pronoun"))
            return
        chosen: Mention | None = None
        best = None
        n_seen = 0
        for sj in range(si, max(-1, si - PRONOUN_WINDOW - 1), -1):
            lo_off = sents[sj].start
            hi_off = a if sj == si else sents[sj].end
            cands: list[Mention] = []
            for lst, st in zip(anchors, anchor_starts):
                q = bisect_right(st, lo_off - 1)
                while q < len(st) and st[q] < hi_off and n_seen < 4 * MAX_CANDIDATES:
                    n_seen += 1
                    cand = lst[q]
                    q += 1
                    if cand.span.end > a or cand.actor == speaker or gender.get(cand.actor, g) != g:
                        continue
                    if sj == si and not in_quote and region_of(cand.span.start) >= 0:
                        continue  # "Obama is weak," he said
                    cands.append(cand)
            if not cands:
                continue
            cands.sort(key=lambda c: c.span.start)
            if sj == si:
                chosen = _same_sentence_choice(cands, sents[si].columns(), a, word, gender)
                break
            for c in cands[:MAX_CANDIDATES]:
                score = bisect_right(named_at.get(c.actor, ()), a)
                if best is None or score > best[0]:
                    best = (score, c)
        if chosen is None and best is not None:
            chosen = best[1]
        if chosen is None:
            return
        gender.setdefault(chosen.actor, g)
        linked_at[a] = chosen.actor
        out.append(Mention(_new_tuple(Span, (a, b)), word, chosen.actor, "person", "pronoun"))

    out1: list[Mention] = []
    anchors[1] = out1
    for a, b, word, g, si in found:
        if region_of(a) < 0:
            resolve(a, b, word, g, si, None, out1)
            if out1 and out1[-1].span.start == a:
                anchor_starts[1].append(a)
    speakers = _region_speakers(doc, regions, sorted(mentions + out1, key=_SPAN))
    out2: list[Mention] = []
    anchors[2] = out2
    for a, b, word, g, si in found:
        r = region_of(a)
        if r >= 0:
            resolve(a, b, word, g, si, speakers.get(r), out2)
            if out2 and out2[-1].span.start == a:
                anchor_starts[2].append(a)
    return sorted(out1 + out2, key=_SPAN)


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_OBJECT_FORMS = frozenset({"him", "Him", "HIM"})


def _same_sentence_choice(cands: list[Mention], columns, a: int, word: str, gender: dict[str, str]) -> Mention:
    """Of the persons named before a pronoun in its sentence: those of known, matching
    gender before those of unknown gender; then the last that is a clause subject (a finite
    verb follows it: "Earnest said Sanders has the right to set his own timeline"), except
    the subject of the pronoun's own clause for an object pronoun ("Sestak said Clinton
    called him": not Clinton); else the first (the sentence's subject)."""
    known = [c for c in cands if c.actor in gender]
    if known:
        cands = known
    starts, _, _, tags = columns  # the sentence's columns
    n = len(tags)
    subject = None
    for c in cands:
        q = bisect_right(starts, c.span.end - 1)  # the token after the one holding its end
        while q < n and tags[q] in {"RB", "RBR"} and starts[q] < a:
            q += 1
        if q < n and tags[q] in _FINITE and starts[q] < a:
            p = bisect_right(starts, a) - 1
            if word in _OBJECT_FORMS and _binds(tags[q:p]):
                continue  # binding: "Clinton called him" is not Clinton
            subject = c
    if subject is not None:
        return subject
    named = [c for c in cands if c.via != "pronoun"]
    return named[0] if named else cands[0]


def _binds(tags: list[str]) -> bool:
    """Binding: an object pronoun that follows a subject across at most four verbs, adverbs
    and particles (``tags``, the tags of the tokens between them) is not that subject
    ("Clinton called him", "Democrats accusing them")."""
    return len(tags) <= 4 and all(t.startswith("VB") or t in {"RB", "RP"} for t in tags)


def _starts(ms: list[Mention]) -> list[int]:
    return [m.span.start for m in ms]


def _region_speakers(doc: Document, regions: list[tuple[int, int]], mentions: list[Mention]) -> dict[int, str]:
    """Quotation region -> the actor of its speaker: the source of an attribution whose
    content lies in the region, else the speaker of the region just before when it ends in
    the same or the previous sentence (a quotation that goes on)."""
    reg_starts = [a for a, _ in regions]
    starts = _starts(mentions)
    ends = [m.span.end for m in mentions]
    out: dict[int, str] = {}
    for att in doc.attributions:
        if att.source is None:
            continue
        k = bisect_right(reg_starts, att.content.start) - 1
        if k < 0 or regions[k][1] <= att.content.start or k in out:
            continue
        for j in _overlapping(starts, ends, att.source.start, att.source.end):
            if doc.text[ends[j]:ends[j] + 2] not in _POSSESSIVE:  # "Stone's attorney" is not Stone
                out[k] = mentions[j].actor  # the walk goes back: the first mention in the source wins
    sent_starts = [s.start for s in doc.sentences]
    for k in range(1, len(regions)):
        if k not in out and k - 1 in out:
            prev_end = bisect_right(sent_starts, regions[k - 1][1] - 1)
            if bisect_right(sent_starts, regions[k][0]) - prev_end <= 1:
                out[k] = out[k - 1]
    return out


#: Third-person plural pronouns, linked to groups only (:func:`plural_links`).
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_PLURAL_FORMS = frozenset(_case_forms(dict.fromkeys(PLURAL_PRONOUNS)))
PLURAL_TYPES = frozenset({"group"})


def plural_links(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """They/them/their linked to the nearest earlier group ("House Democrats", "Republican
    lawmakers") in the same or the previous sentence, only when no plural common noun and
    no other actor stands between them ("Democrats said the bills were late; they ..." is
    the bills) and the pronoun is outside a quotation of a group's own ("we" is the
    speaker's word) (``via="pronoun"``).

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("House Democrats met on Monday. They rejected the offer.")
    >>> [(m.text, m.actor) for m in doc.mentions if m.via == "pronoun"]
    [('They', 'House Democrats')]
    """
    return _plural_links(doc, mentions, _doc_columns(doc.sentences))


def _plural_links(doc: Document, mentions: list[Mention], cols: _Columns) -> list[Mention]:
    """:func:`plural_links` given the document's columns
    (:func:`~framing.extract.actors.mentions._doc_columns`)."""
    ms = sorted(mentions, key=_SPAN)
    if not any(m.type in PLURAL_TYPES for m in ms):
        return []
    starts = _starts(ms)
    sents = doc.sentences
    text = doc.text
    out: list[Mention] = []
    # the whole-word they/them/their... tokens tagged PRP or PRP$
    sent_starts = [s.start for s in sents]
    for q in _word_tokens(text, cols, _PLURAL_FORMS):
        pa, pb = cols.start[q], cols.end[q]
        si = bisect_right(sent_starts, pa) - 1
        if si < 0 or pb > sents[si].end:
            continue
        pword = text[pa:pb]
        k = bisect_right(starts, pa) - 1
        if k < 0 or ms[k].span.end > pa:
            continue
        m = ms[k]  # the nearest earlier mention of any actor: it must be a group
        lo = sents[max(0, si - 1)].start
        if m.type not in PLURAL_TYPES or m.span.start < lo:
            continue
        # no plural common noun between the group and the pronoun (bounded look-back)
        between = _tokens_between(sents, si, m.span.end, pa, 40)
        if between is None or "NNS" in between[1]:
            continue
        tags = between[1]
        if tags and between[0][0].lower() in {"and", "or"} or text[max(0, m.span.start - 12):m.span.start] \
                .rstrip().lower().endswith((" and", " or", "well as", " nor")):
            continue  # "Republicans and Democrats ... they": both, not one
        if pword.lower() == "them" and _binds(tags):
            continue  # binding: "Democrats accusing them" is not the Democrats
        out.append(Mention(_new_tuple(Span, (pa, pb)), pword, m.actor, m.type, "pronoun"))
    return out


def _tokens_between(sents, si: int, a: int, b: int, limit: int) -> tuple[list[str], list[str]] | None:
    """The words and the tags of the tokens from offset ``a`` to ``b`` in sentences ``si - 1``
    and ``si``; ``None`` when there are more than ``limit``."""
    words_out: list[str] = []
    tags_out: list[str] = []
    for sj in (si - 1, si):
        if sj < 0:
            continue
        starts, _, words, tags = sents[sj].columns()
        q = max(0, bisect_right(starts, a) - 1)
        while q < len(starts) and starts[q] < b:
            if starts[q] >= a:
                words_out.append(words[q])
                tags_out.append(tags[q])
                if len(tags_out) > limit:
                    return None
            q += 1
    return words_out, tags_out


#: First-person pronouns in a quotation -> the speaker: singular for a person, plural for a group.
FIRST_PERSON = {"i": "person", "me": "person", "my": "person", "myself": "person",
                "we": "group", "us": "group", "our": "group", "ourselves": "group"}
_FIRST_PERSON_FORMS = _case_forms(FIRST_PERSON)


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
    return _quote_pronoun_links(doc, mentions, _doc_columns(doc.sentences))


def _quote_pronoun_links(doc: Document, mentions: list[Mention], cols: _Columns) -> list[Mention]:
    """:func:`quote_pronoun_links` given the document's columns
    (:func:`~framing.extract.actors.mentions._doc_columns`)."""
    type_of: dict[str, str] = {}
    for m in mentions:
        type_of.setdefault(m.actor, m.type)
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    taken_starts = [a for a, _ in taken]
    starts, ends, words, tags, _ = cols
    out: list[Mention] = []
    seen = set()
    forms = _FIRST_PERSON_FORMS
    for att in doc.attributions:
        if att.actor is None or att.actor not in type_of:
            continue
        kind = "person" if type_of[att.actor] == "person" else "group"
        a, b = att.content.start, att.content.end
        lo = bisect_left(starts, a)  # the tokens starting in [a, b), in text order
        hi = bisect_left(starts, b, lo)
        for q in compress(range(lo, hi), map(forms.__contains__, words[lo:hi])):
            start = starts[q]
            if forms[words[q]] != kind or ends[q] > b or tags[q] not in _PRP or start in seen:
                continue
            k = bisect_right(taken_starts, start) - 1
            if k >= 0 and taken[k][1] > start:
                continue
            seen.add(start)
            out.append(Mention(_new_tuple(Span, (start, ends[q])), words[q], att.actor, type_of[att.actor],
                               "pronoun"))
    return out
