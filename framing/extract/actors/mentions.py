""":func:`find_mentions`: actor mentions from the user's table, the gazetteer and proper nouns."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Sequence

from framing.records import Mention, Span
from framing.document import Document
from framing.text import Token
from framing.extract.actors.gazetteer import (
    COMPANY_WORDS,
    NOT_ACTORS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    ROLE_WORDS,
    TITLES,
    _ACRONYM,
    _TITLE_STEMS,
    _gazetteer_first_tokens,
    _gazetteer_map,
)


def _is_user_pattern(alias: str) -> bool:
    return len(alias) > 2 and alias.startswith("/") and alias.endswith("/")


def _alias_regex(alias: str) -> str:
    if _is_user_pattern(alias):
        return alias[1:-1]  # a user pattern
    return r"(?<![\w])" + re.escape(alias) + r"(?![\w])"


_WORD_CHAR = re.compile(r"\w")


@lru_cache(maxsize=64)
def _compiled_table(items: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[re.Pattern, bool, str, str]]:
    """(pattern, literal, canonical name, its type) per alias, longest alias first.

    For a plain (literal) alias the pattern leaves out the look-behind that starts the
    pattern of :func:`_alias_regex` (no word character before the alias), and
    :func:`_alias_spans` checks it instead: the regex engine tries a pattern that starts
    with a look-behind at every position of the text, but jumps from one occurrence of the
    alias's first letters to the next when the pattern starts with them (about six times
    faster on the sample)."""
    out = []
    for canonical, aliases in items:
        type_ = _guess_type(canonical, _gazetteer_map())
        for alias in sorted({canonical, *aliases}, key=len, reverse=True):
            flags = re.IGNORECASE if alias[:1].islower() else 0
            literal = bool(alias) and not _is_user_pattern(alias)
            if literal:
                compiled = re.compile(re.escape(alias) + r"(?![\w])", flags)
            else:
                compiled = _user_pattern(alias, flags)
            out.append((compiled, literal, canonical, type_))
    return out


#: Seconds one regular-expression alias may take on one article (see :func:`_alias_spans`).
USER_PATTERN_TIMEOUT = 2.0
MAX_USER_PATTERN = 1000
PATTERN_TOO_LONG = "actor alias {alias:.60}... is longer than {n} characters"
BAD_PATTERN = "actor alias {alias!r} is not a valid regular expression: {reason}"
PATTERN_TIMEOUT = ("actor alias {alias!r} took more than {s:g} s on this article (a pattern "
                   "that backtracks without end?); give it as plain text or simplify it")


def _user_pattern(alias: str, flags: int):
    """A ``/regex/`` alias, compiled by the ``regex`` engine (a dependency of nltk): it
    matches as :mod:`re` does, is far less prone to catastrophic backtracking (``/(a+)+$/``
    is instant), and takes a time limit (:data:`USER_PATTERN_TIMEOUT`)."""
    import regex

    if len(alias) > MAX_USER_PATTERN:
        raise ValueError(PATTERN_TOO_LONG.format(alias=alias, n=MAX_USER_PATTERN))
    try:
        return regex.compile(_alias_regex(alias), flags | regex.VERSION0)
    except regex.error as exc:
        raise ValueError(BAD_PATTERN.format(alias=alias, reason=exc)) from None


def _word_start_matches(pattern: re.Pattern, text: str):
    """The matches of ``(?<![\\w])`` followed by ``pattern`` in ``text``, as ``finditer``
    gives them, for a ``pattern`` that never matches the empty string."""
    pos = 0
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return
        a = m.start()
        if a and _WORD_CHAR.match(text, a - 1):
            pos = a + 1  # the look-behind fails here: try from the next character
            continue
        yield m
        pos = m.end()


def _alias_spans(pattern: Any, literal: bool, text: str):
    """The (start, end) of each match of an alias in ``text``, as ``finditer`` over the
    pattern of :func:`_alias_regex` gives them. ``pattern`` is a :class:`re.Pattern` when
    ``literal``, else a ``regex`` pattern (:func:`_user_pattern`; ``regex`` has no stubs)."""
    if literal:
        for m in _word_start_matches(pattern, text):
            yield m.span()
        return
    try:
        spans = [m.span() for m in pattern.finditer(text, timeout=USER_PATTERN_TIMEOUT)]
    except TimeoutError:
        raise TimeoutError(PATTERN_TIMEOUT.format(alias="/" + pattern.pattern + "/",
                                                  s=USER_PATTERN_TIMEOUT)) from None
    yield from spans


def _table_key(actors: Mapping[str, Sequence[str]] | None):
    if not actors:
        return ()
    if isinstance(actors, str):
        raise ValueError("actors must be a mapping of canonical name -> list of aliases")
    return tuple(sorted((str(k), tuple(str(a) for a in v)) for k, v in actors.items()))


def _token_index(doc_sentences) -> tuple[list[Token], list[int]]:
    toks, sent_of = [], []
    for si, s in enumerate(doc_sentences):
        for t in s.tokens:
            toks.append(t)
            sent_of.append(si)
    return toks, sent_of


def _is_place_use(toks: list[Token], i: int, j: int) -> bool:
    """A capital used as a plain place: after a locative preposition, or as the possessor of
    a named place ("Moscow's Red Square")."""
    k = i - 1
    while k >= 0 and (toks[k].tag in {"NNP", "NNPS"} or toks[k].text in {",", "and", "or"}):
        k -= 1  # over a coordination: "in Germany, Austria and Poland"
    if k >= 0 and toks[k].lower in PLACE_PREPOSITIONS:
        return True
    if j + 2 < len(toks) and toks[j + 1].text in {"'s", "’s"}:
        nxt = toks[j + 2 : j + 4]
        if nxt[0].tag.startswith("NNP") or any(t.lower in PLACE_NOUNS for t in nxt):
            return True
    return False


def _demonym_adjective(toks: list[Token], j: int) -> bool:
    """A demonym used as an adjective before a noun ("Russian officials", "the Ukrainian side")."""
    return j + 1 < len(toks) and toks[j + 1].text[:1].isalpha() and toks[j + 1].tag.startswith(("NN", "JJ", "VBG")) and not toks[j + 1].tag.startswith("NNP")


def _guess_type(name: str, gaz: dict) -> str:
    """The type of a canonical name from the user's table: country, organisation, person."""
    if name in gaz:
        return "organisation" if gaz[name][0] == "European Union" else "country"
    words = name.split()
    if {w.lower() for w in words} & ORG_WORDS or _ACRONYM.match(name):
        return "organisation"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    return "unknown"


def find_mentions(doc: Document, actors: Mapping[str, Sequence[str]] | None = None) -> list[Mention]:
    """Actor mentions in a document, each linked to a canonical actor.

    In order of precedence: the user's actor table (canonical name -> aliases; an alias
    written ``/.../`` is a regular expression, a lowercase alias matches in any case), the
    project's gazetteer (countries, seats of government, metonymic capitals unless used as
    a plain place, demonyms used as adjectives), then proper-noun sequences with their
    titles stripped ("Foreign Minister Sergei Lavrov" -> Sergei Lavrov). Surnames are
    resolved to the full name given elsewhere in the document, and role references ("the
    minister") to the nearest earlier person who bore that title. Pronouns are not mentions.

    Examples
    --------
    >>> from framing import Document
    >>> doc = Document("Foreign Minister Sergei Lavrov met protesters in Moscow. "
    ...                "Moscow's demands were rejected, Lavrov said. The minister left.")
    >>> [(m.text, m.actor, m.via) for m in find_mentions(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('Sergei Lavrov', 'Sergei Lavrov', 'name'), ('Moscow', 'Russia', 'capital'),
     ('Lavrov', 'Sergei Lavrov', 'surname'), ('The minister', 'Sergei Lavrov', 'role')]
    """
    text = doc.text
    sents = doc.sentences
    toks = [t for s in sents for t in s.tokens]
    starts = [t.start for t in toks]
    occupied = bytearray(len(text) + 1)  # characters already in a mention: O(1) per char
    found: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(occupied[a:b])

    def take(a: int, b: int) -> None:
        occupied[a:b] = b"\x01" * (b - a)

    def add(a: int, b: int, actor: str, type_: str, via: str) -> None:
        take(a, b)
        found.append(Mention(Span(a, b), text[a:b], actor, type_, via))

    sent_starts = [s.start for s in sents]
    sent_ends = [s.end for s in sents]

    def inside_sentences(a: int, b: int) -> bool:
        k = bisect_right(sent_starts, a) - 1
        return k >= 0 and b <= sent_ends[k]

    gaz = _gazetteer_map()
    gaz_first = _gazetteer_first_tokens()
    # 1. the user's table
    table = _compiled_table(_table_key(actors))
    user_alias = {}
    for pattern, literal, canonical, type_ in table:
        for a, b in _alias_spans(pattern, literal, text):
            if b > a and free(a, b) and inside_sentences(a, b):
                kind = gaz.get(text[a:b], ("", ""))[1]
                if kind in {"capital", "country"}:
                    ti = bisect_right(starts, a) - 1
                    tj = bisect_right(starts, b - 1) - 1
                    if ti >= 0 and _is_place_use(toks, ti, tj):
                        continue
                add(a, b, canonical, type_, "table")
                user_alias[text[a:b].lower()] = canonical
    # 2. gazetteer and 3. proper-noun sequences, token by token
    max_len = 4
    people: dict[str, str] = {}  # surname -> full name
    orgs: dict[str, str] = {}  # short form -> full organisation name
    org_roles: list[tuple[int, str, str]] = []  # (offset, organisation word, name)
    roles: list[tuple[int, str, str]] = []  # (offset, role word, actor)
    n = len(toks)
    # every gazetteer form and proper noun starts with a capital: visit only those tokens
    capitalised = [q for q, t in enumerate(toks) if t.text[:1].isupper()]
    i = 0  # the next token not yet inside a match
    for c in capitalised:
        if c < i:
            continue
        i = c
        tok = toks[i]
        hit = None
        for L in range(max_len if tok.text in gaz_first else 0, 0, -1):
            if i + L > n:
                continue
            a, b = toks[i].start, toks[i + L - 1].end
            form = text[a:b]
            if form in gaz and free(a, b):
                hit = (L, a, b, form)
                break
        if hit:
            L, a, b, form = hit
            actor, kind = gaz[form]
            j = i + L - 1
            ok = True
            if kind in {"capital", "country"}:
                ok = not _is_place_use(toks, i, j)
            elif kind == "demonym":
                ok = _demonym_adjective(toks, j)
            elif kind == "demonym_plural":
                ok = False
            if ok:
                type_ = "organisation" if actor == "European Union" else "country"
                add(a, b, actor, type_, {"alias": "name", "country": "name"}.get(kind, kind))
            i += L
            continue
        if tok.tag in {"NNP", "NNPS"} and tok.text[:1].isupper() and free(tok.start, tok.end):
            j = i
            while j + 1 < n and toks[j + 1].tag in {"NNP", "NNPS"} and toks[j + 1].text[:1].isupper() \
                    and free(toks[j + 1].start, toks[j + 1].end) and text[toks[j].end:toks[j + 1].start] == " ":
                j += 1
            k = i
            title_words = []
            last_title = max((q for q in range(i, j) if toks[q].lower.rstrip(".") in _TITLE_STEMS),
                             default=i - 1)
            if last_title >= i:  # "EU Trade Commissioner Ilse Marnow" -> Ilse Marnow
                title_words = [toks[q].lower.rstrip(".") for q in range(i, last_title + 1)]
                k = last_title + 1
            # lowercase titles before the name ("former minister Sergei Lavrov")
            m = i - 1
            while m >= 0 and toks[m].lower in TITLES and toks[m].text[:1].islower():
                title_words.append(toks[m].lower)
                m -= 1
            words = [t.text for t in toks[k : j + 1]]
            a, b = toks[k].start, toks[j].end
            name = text[a:b]
            if words and words[-1].lower() in TITLES:
                words = []  # a title without a name ("Trade Commissioner")
            if words and words[0] not in NOT_ACTORS and name not in gaz:
                lowered = {w.lower() for w in words}
                if lowered & ORG_WORDS or _ACRONYM.match(name):
                    canon = orgs.get(name, name)
                    add(a, b, canon, "organisation", "name" if canon == name else "short")
                    if canon == name and len(words) >= 2:
                        # "Corvane Pharmaceuticals" -> "Corvane"; "Harborview City Council"
                        # -> "City Council": later shorter forms of the same organisation
                        if words[0].lower() not in ORG_WORDS and words[0] not in gaz:
                            orgs.setdefault(words[0], name)
                        for q in range(1, len(words) - 0):
                            tail = " ".join(words[q:])
                            if len(words) - q >= 2 or words[q].lower() not in ORG_WORDS:
                                orgs.setdefault(tail, name)
                        for w in lowered & ORG_WORDS:
                            org_roles.append((a, w, name))
                elif words[-1].lower() in PLACE_NOUNS or (
                    i > 0 and toks[i - 1].lower in PLACE_PREPOSITIONS
                ):
                    pass  # a named place ("Red Square", "in New York")
                elif len(words) >= 2 and all(w[:1].isupper() for w in words):
                    add(a, b, name, "person", "name")
                    people.setdefault(words[-1], name)
                    for w in title_words:
                        if w in ROLE_WORDS:
                            roles.append((a, w, name))
                elif len(words) == 1:
                    found.append(Mention(Span(a, b), name, name, "unknown", "candidate"))
            i = j + 1
            continue
        i += 1
    # surnames and single capitalised words: keep those that resolve to a full name or that
    # are reported speakers; drop the rest (places, sentence-initial words).
    out: list[Mention] = []
    for mn in found:
        if mn.via != "candidate":
            out.append(mn)
            continue
        if mn.text in people:
            out.append(Mention(mn.span, mn.text, people[mn.text], "person", "surname"))
            take(mn.span.start, mn.span.end)
        elif mn.text in orgs:
            out.append(Mention(mn.span, mn.text, orgs[mn.text], "organisation", "short"))
            take(mn.span.start, mn.span.end)
    # user-table precedence over automatic grouping: an automatic name whose text is a user
    # alias, or whose surname is, takes the user's canonical name.
    final: list[Mention] = []
    for mn in out:
        if mn.via not in {"table"}:
            user_canon = user_alias.get(mn.actor.lower()) or user_alias.get(mn.text.lower())
            if user_canon:
                mn = Mention(mn.span, mn.text, user_canon, mn.type, mn.via)
        final.append(mn)
    # "the agency", "the council", "the company" -> nearest earlier organisation so named
    for off, w, name in list(org_roles):
        if w in COMPANY_WORDS:
            org_roles.append((off, "company", name))
    roles = roles + org_roles
    # role references ("the minister") -> nearest earlier person who bore the role
    if roles:
        by_role: dict[str, tuple[list[int], list[str]]] = {}
        for off, r, actor in sorted(roles):
            by_role.setdefault(r, ([], []))[0].append(off)
            by_role[r][1].append(actor)
        # "\b[Tt]he (...)\b", with the first word boundary checked by hand (a pattern that
        # starts with a boundary is tried at every position of the text)
        role_re = re.compile(r"[Tt]he (" + "|".join(sorted(by_role)) + r")\b")
        for rm in _word_start_matches(role_re, text):
            a, b = rm.span()
            if not free(a, b) or not inside_sentences(a, b):
                continue
            offs, names = by_role[rm.group(1)]
            k = bisect_right(offs, a - 1) - 1  # nearest earlier bearer, O(log n)
            if k >= 0:
                actor = names[k]
                actor = user_alias.get(actor.lower(), actor)
                type_ = "organisation" if rm.group(1) in ORG_WORDS | {"company"} else "person"
                final.append(Mention(Span(a, b), text[a:b], actor, type_, "role"))
                take(a, b)
    final.sort(key=lambda m: m.span)
    return final
