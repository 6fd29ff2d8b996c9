""":func:`find_mentions`: actor mentions from the user's table, the gazetteer and proper nouns."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, Sequence

from framing.records import Mention, Span, _new_tuple
from framing.document import Document
from framing.text import Token
from framing.extract.actors.gazetteer import (
    COMPANY_WORDS,
    GROUP_WORDS,
    NOT_ACTOR_FIRST,
    NOT_ACTOR_HEADS,
    NOT_ACTORS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    ROLE_WORDS,
    STATE_NOUNS,
    TITLE_ROLES,
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
            # a lowercase alias, or one of several words ("Republican Lawmakers" matches
            # "Republican lawmakers"), matches in any case; one capitalised word ("Park")
            # only as written
            flags = re.IGNORECASE if alias[:1].islower() or " " in alias.strip() else 0
            literal = bool(alias) and not _is_user_pattern(alias)
            if literal:
                compiled = re.compile(re.escape(alias) + r"(?![\w])", flags)
            else:
                compiled = _user_pattern(alias, flags)
            out.append((compiled, literal, canonical, type_))
    return out


#: Seconds one regular-expression alias may take on one article (see :func:`_alias_spans`).
USER_PATTERN_TIMEOUT = 2.0
#: Seconds all the regular-expression aliases of a table may take together on one article,
#: per 100,000 characters of its text (at least :data:`USER_PATTERN_MIN_BUDGET`): the bound
#: that keeps the actor step linear whatever the patterns (:func:`_sentence_pattern_spans`).
USER_PATTERN_BUDGET_PER_100K = 0.5
USER_PATTERN_MIN_BUDGET = 0.25
MAX_USER_PATTERN = 1000
PATTERN_TOO_LONG = "actor alias {alias:.60}... is longer than {n} characters"
BAD_PATTERN = "actor alias {alias!r} is not a valid regular expression: {reason}"
PATTERN_TIMEOUT = ("actor alias {alias!r} ran past the time the table's patterns may take on "
                   "this article (0.5 s per 100,000 characters; a pattern that backtracks without "
                   "end?); give it as plain text or simplify it")


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


def table_aliases(entry: Any) -> list[str]:
    """The aliases of one actor-table entry: a list of aliases, or a mapping with an
    ``"aliases"`` list (its other keys are attributes, :func:`table_attributes`)."""
    if isinstance(entry, Mapping):
        entry = entry.get("aliases", ())
    if isinstance(entry, str):
        raise ValueError(f"the aliases of an actor must be a list of strings, got the string {entry!r}")
    return [str(a) for a in entry]


def table_attributes(actors: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Canonical name -> attributes (``{"party": "Republican", "country": "United States"}``)
    of the actor-table entries given as mappings: every key but ``"aliases"``.

    Examples
    --------
    >>> table_attributes({"Donald Trump": {"aliases": ["Trump", "the president"],
    ...                                     "party": "Republican"}, "Kyiv": ["Ukraine"]})
    {'Donald Trump': {'party': 'Republican'}}
    """
    out: dict[str, dict[str, Any]] = {}
    for name, entry in (actors or {}).items():
        if isinstance(entry, Mapping):
            attrs = {str(k): v for k, v in entry.items() if k != "aliases"}
            if attrs:
                out[str(name)] = attrs
    return out


def _sentence_pattern_spans(pattern: Any, text: str, bounds: Sequence[tuple[int, int]],
                            deadline: float):
    """The matches of a ``/regex/`` alias, sentence by sentence, as (start, end) in ``text``.

    Matching each sentence on its own keeps a pattern that backtracks (``/(a+)+$/``) to the
    length of a sentence, not of the article, and ``^``/``$`` anchor at the sentence's
    ends (a mention never crosses a sentence). All the patterns of an article share one
    time budget (``deadline``, a :func:`time.monotonic` value); past it the article fails
    with :data:`PATTERN_TIMEOUT` naming the alias."""
    import time

    out: list[tuple[int, int]] = []
    for a, b in bounds:
        left = deadline - time.monotonic()
        try:
            if left <= 0:
                raise TimeoutError
            out.extend((a + m.start(), a + m.end())
                       for m in pattern.finditer(text[a:b], timeout=left))
        except TimeoutError:
            raise TimeoutError(PATTERN_TIMEOUT.format(alias="/" + pattern.pattern + "/",
                                                      s=USER_PATTERN_TIMEOUT)) from None
    return out


def _table_key(actors: Mapping[str, Any] | None):
    if not actors:
        return ()
    if isinstance(actors, str) or not isinstance(actors, Mapping):
        raise ValueError("actors must be a mapping of canonical name -> list of aliases")
    return tuple(sorted((str(k), tuple(table_aliases(v))) for k, v in actors.items()))


def _token_index(doc_sentences) -> tuple[list[Token], list[int]]:
    toks, sent_of = [], []
    for si, s in enumerate(doc_sentences):
        for t in s.tokens:
            toks.append(t)
            sent_of.append(si)
    return toks, sent_of


class _Columns(NamedTuple):
    """A document's tokens as flat lists, one entry per token in text order: start and end
    offsets, words as written, tags and lower-cased words (:func:`_doc_columns`). Built
    from :meth:`Sentence.columns`: no :class:`Token` objects, and a list index instead of
    an attribute look-up (and ``str.lower`` call) per read."""

    start: list[int]
    end: list[int]
    text: list[str]
    tag: list[str]
    lower: list[str]


def _doc_columns(doc_sentences) -> _Columns:
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    tags: list[str] = []
    lowers: list[str] = []
    for s in doc_sentences:
        s_starts, s_ends, s_words, s_tags = s.columns()
        starts += s_starts  # one extend per sentence and column
        ends += s_ends
        words += s_words
        tags += s_tags
        lowers += s.lowers()  # kept by the sentence: the roles step reads them too
    return _Columns(starts, ends, words, tags, lowers)


_SPAN = attrgetter("span")  # a mention's sort key
_NNP = frozenset({"NNP", "NNPS"})
_FIRST_CHAR = itemgetter(slice(0, 1))  # word -> its first character ("" for "")
_COORDINATION = frozenset({",", "and", "or"})
_POSSESSIVE = frozenset({"'s", "’s"})


def _is_place_use(cols: _Columns, i: int, j: int) -> bool:
    """A capital used as a plain place: after a locative preposition, or as the possessor of
    a named place ("Moscow's Red Square")."""
    tag, text, lower = cols.tag, cols.text, cols.lower
    k = i - 1
    while k >= 0 and (tag[k] in _NNP or text[k] in _COORDINATION):
        k -= 1  # over a coordination: "in Germany, Austria and Poland"
    if k >= 0 and lower[k] in PLACE_PREPOSITIONS:
        return True
    if j + 2 < len(text) and text[j + 1] in _POSSESSIVE:
        if tag[j + 2].startswith("NNP") or any(w in PLACE_NOUNS for w in lower[j + 2 : j + 4]):
            return True
    return False


def _demonym_adjective(cols: _Columns, j: int) -> bool:
    """A demonym used as an adjective for the state: before a noun of its officials, bodies,
    forces or acts ("Russian officials", "the Ukrainian side", "the Russian proposal"),
    possibly after one more adjective or a coordinated demonym ("Ukrainian and Russian
    negotiators"). A nationality adjective ("American workers") is not."""
    tag, lower = cols.tag, cols.lower
    for k in range(j + 1, min(len(lower), j + 4)):
        if lower[k] in STATE_NOUNS:
            return True
        if not (tag[k].startswith("JJ") or lower[k] == "and" or tag[k].startswith("NNP")):
            return False
    return False


_AGENT_SKIP = frozenset({"RB", "MD", "RBR", "RBS"})
#: Words tagged IN that open a clause whose subject may be a capital ("revealed that Moscow
#: had demanded", "after Washington slapped"), and "by" of a passive agent.
_SUBORDINATORS = frozenset("""that after if because while when although though as since before
    until unless whether once by""".split())
_APOSTROPHES = frozenset({"'s", "’s", "'", "’"})


def _is_agent_use(cols: _Columns, i: int, j: int) -> bool:
    """A capital used as an agent: the subject of a verb ("Moscow said", "Kyiv would not
    accept", "Washington, it seems, wants"), the agent of a passive ("rejected by Moscow"),
    a possessor ("Moscow's plan", "Kyiv's negotiator") or a modifier of a noun of state
    ("Kyiv officials", "the Kyiv hardliners"); never the object of another preposition
    ("talks between Washington and Moscow")."""
    tag, text, lower = cols.tag, cols.text, cols.lower
    n = len(text)
    if j + 1 < n and text[j + 1] in _APOSTROPHES:
        return True  # "Moscow's plan" (a place after it is ruled out by _is_place_use)
    k = i - 1
    while k >= 0 and (tag[k] in _NNP or text[k] in _COORDINATION):
        k -= 1  # over a coordination: "between Washington and Moscow"
    if k >= 0 and tag[k] == "IN" and lower[k] not in _SUBORDINATORS:
        return False  # the object of a preposition ("talks with Moscow"); "by Moscow" acts
    if k >= 0 and lower[k] == "by":
        return True
    k = j + 1
    if k < n and text[k] == ",":  # "Moscow, it seems, wants": over one parenthetical
        m = k + 1
        while m < n and m < k + 6 and text[m] != ",":
            m += 1
        if m < n and text[m] == ",":
            k = m + 1
    k0 = k
    while k < n and tag[k] in _AGENT_SKIP:
        k += 1
    if k >= n:
        return False
    w, t = text[k], tag[k]
    if k > k0 and w.islower() and w.isalpha():
        return True  # "Kyiv clearly wants" (the tagger may take "wants" for a plural noun)
    if w in _APOSTROPHES:
        return True
    if t.startswith("VB") and t not in {"VBG", "VBN"} or t == "MD":
        return True
    return lower[k] in STATE_NOUNS or lower[k] in {"hardliners", "spokesperson"}


_CONNECTORS = frozenset({"of", "for", "on"})
#: Words before a role that make it another role: "Vice President Pence" is not "the
#: president", "Former President Bill Clinton" is "the former president".
ROLE_PREFIXES = frozenset({"vice", "deputy", "former", "assistant", "associate", "ex"})
#: Words before "general" that make one role of the two ("Attorney General Jeff Sessions" is
#: "the attorney general", never "the general").
_GENERAL_OF = frozenset({"attorney", "solicitor", "inspector", "surgeon", "postmaster"})
#: Words that never stand between "the" and a role word as its modifier ("the chair of
#: President Washington", "the wife of the president" are no role references).
_NOT_MODIFIERS = frozenset(
    """of and or to in for on at by with from a an the that this these those his her their its
    our my your who which whose is was are were has had have said says""".split())


def _role_keys(words: list[str]) -> list[str]:
    """The role references a run of title words allows, as keys of the role table:
    ["president"] -> ["president"], ["vice", "president"] -> ["vice president"],
    ["attorney", "general"] -> ["attorney general"], ["sen"] -> ["senator"]."""
    out = []
    prefix = ""
    prev = ""
    for w in words:
        if w in ROLE_PREFIXES:
            prefix = w + " "
            continue
        r = TITLE_ROLES.get(w, w)
        if r == "general" and prev in _GENERAL_OF:
            out.append(prefix + prev + " general")
        elif r in ROLE_WORDS:
            out.append(prefix + r)
        prev = w
    return out


def _apposition_roles(cols: _Columns, mentions: list[Mention]) -> list[tuple[int, str, str]]:
    """Roles given in an apposition after a person's name ("Michael Steele, chairman of the
    Republican National Committee"; "Nancy Pelosi, the House speaker,"): (offset, role, actor)."""
    starts, text, tag, lower = cols.start, cols.text, cols.tag, cols.lower
    n = len(text)
    out = []
    for m in mentions:
        if m.type != "person":
            continue
        j = bisect_right(starts, m.span.end - 1) - 1
        if j < 0 or j + 2 >= n or text[j + 1] != ",":
            continue
        for q in range(j + 2, min(n, j + 7)):
            if lower[q] in ROLE_WORDS:
                if q + 1 < n and (tag[q + 1] in {"POS", "NN", "NNS"} or lower[q + 1] in _POSSESSIVE):
                    break  # "Axelrod, the president's adviser": the role is someone else's
                keys = _role_keys(lower[j + 2 : q + 1][-2:])
                if keys:
                    out.append((m.span.start, keys[-1], m.actor))
                break
            if text[q] in {",", ".", ";"} or tag[q].startswith("VB"):
                break
    return out


def _organisation_end(cols: _Columns, text: str, i: int, j: int, free) -> int:
    """The last token of an organisation name that runs on over "of", "for" or "on" and a
    capitalised word ("Department of Defense", "Centers for Disease Control and
    Prevention"): only when the words so far hold an organisation word. ``j`` otherwise."""
    starts, ends, words, tag, lower = cols
    if ORG_WORDS.isdisjoint(lower[i : j + 1]):
        return j
    n = len(words)

    def nnp(q: int) -> bool:
        return q < n and tag[q] in _NNP and words[q][:1].isupper() \
            and free(starts[q], ends[q]) and text[ends[q - 1]:starts[q]] == " "

    while j + 2 < n and lower[j + 1] in _CONNECTORS and text[ends[j]:starts[j + 1]] == " " \
            and nnp(j + 2):
        j += 2
        while nnp(j + 1) or (j + 2 < n and lower[j + 1] == "and" and nnp(j + 2)
                             and text[ends[j]:starts[j + 1]] == " "):
            j += 1 if nnp(j + 1) else 2
    return j


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(actor for actor, kind in _gazetteer_map().values() if kind == "country")


class _Pending(NamedTuple):
    """A titled surname ("President Obama") or a single capitalised word, kept by
    :func:`find_mentions` until the full names of the document are known (a tuple: cheaper
    to build than the :class:`Mention` that most candidates never become)."""

    span: Span
    text: str
    via: str  # "titled" or "candidate"


def _guess_type(name: str, gaz: dict) -> str:
    """The type of a canonical name from the user's table: country, organisation, person."""
    if name in gaz:
        return "organisation" if gaz[name][0] == "European Union" else "country"
    words = name.split()
    if {w.lower() for w in words} & ORG_WORDS or _ACRONYM.match(name):
        return "organisation"
    if words and words[-1].lower() in GROUP_WORDS:
        return "group"
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
    return _find_mentions(doc, actors, _doc_columns(doc.sentences))


def _find_mentions(doc: Document, actors: Mapping[str, Sequence[str]] | None,
                   cols: _Columns) -> list[Mention]:
    """:func:`find_mentions` given the document's columns (:func:`_doc_columns`)."""
    text = doc.text
    sents = doc.sentences
    starts, ends, words, tags, lowers = cols
    occupied = bytearray(len(text) + 1)  # characters already in a mention: O(1) per char
    found: list[Mention | _Pending] = []  # in text order; _Pending: resolved at the end

    def free(a: int, b: int) -> bool:
        return occupied.find(1, a, b) < 0  # no byte of [a, b) taken (memchr)

    def take(a: int, b: int) -> None:
        occupied[a:b] = b"\x01" * (b - a)

    def add(a: int, b: int, actor: str, type_: str, via: str) -> None:
        take(a, b)
        found.append(Mention(_new_tuple(Span, (a, b)), text[a:b], actor, type_, via))

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
    table_roles: list[tuple[int, str, str]] = []  # (offset, role word, canonical)
    deadline = None
    for pattern, literal, canonical, type_ in table:
        if literal:
            spans = _alias_spans(pattern, literal, text)
        else:
            if deadline is None:
                import time

                deadline = time.monotonic() + max(
                    USER_PATTERN_MIN_BUDGET, USER_PATTERN_BUDGET_PER_100K * len(text) / 100_000)
            spans = iter(_sentence_pattern_spans(pattern, text, list(zip(sent_starts, sent_ends)), deadline))
        for a, b in spans:
            if b > a and free(a, b) and inside_sentences(a, b):
                kind = gaz.get(text[a:b], ("", ""))[1]
                if kind in {"capital", "country"}:
                    ti = bisect_right(starts, a) - 1
                    tj = bisect_right(starts, b - 1) - 1
                    if ti >= 0 and _is_place_use(cols, ti, tj):
                        continue
                add(a, b, canonical, type_, "table")
                user_alias[text[a:b].lower()] = canonical
                # titles before a table alias ("President Trump"): a later "the president"
                q = bisect_right(starts, a - 1) - 1
                run: list[str] = []
                while q >= 0 and a - ends[q] <= 1 and (lowers[q].rstrip(".") in _TITLE_STEMS
                                                       or lowers[q] in ROLE_PREFIXES):
                    run.insert(0, lowers[q].rstrip("."))
                    a = starts[q]
                    q -= 1
                for w in _role_keys(run):
                    table_roles.append((a, w, canonical))
    # 2. gazetteer and 3. proper-noun sequences, token by token
    max_len = 4
    people: dict[str, str] = {}  # surname -> full name
    variants: dict[tuple[str, str], str] = {}  # (first, last name) -> the first full name
    first_names: dict[str, str] = {}  # first word of a full name -> the full name
    titled: set[str] = set()  # surnames seen with a title ("President Trump")
    titled_roles: list[tuple[int, str, str]] = []  # (offset, role word, surname)
    orgs: dict[str, str] = {}  # short form -> full organisation name
    org_roles: list[tuple[int, str, str]] = []  # (offset, organisation word, name)
    roles: list[tuple[int, str, str]] = []  # (offset, role word, actor)
    n = len(words)
    # every gazetteer form and proper noun starts with a capital: visit only those tokens
    # (the index of each word whose first character is upper case, found without a Python loop)
    capitalised = compress(count(), map(str.isupper, map(_FIRST_CHAR, words)))
    i = 0  # the next token not yet inside a match
    for c in capitalised:
        if c < i:
            continue
        i = c
        hit = None
        if words[i] in gaz_first:  # the longest gazetteer form from here
            for L in range(min(max_len, n - i), 0, -1):
                a, b = starts[i], ends[i + L - 1]
                form = text[a:b]
                if form in gaz and free(a, b):
                    hit = (L, a, b, form)
                    break
        if hit:
            L, a, b, form = hit
            actor, kind = gaz[form]
            j = i + L - 1
            ok = True
            if kind == "country":
                ok = not _is_place_use(cols, i, j)
            elif kind == "capital":  # a metonym only where the capital acts (issue 12)
                ok = not _is_place_use(cols, i, j) and _is_agent_use(cols, i, j)
            elif kind == "demonym":
                ok = _demonym_adjective(cols, j)
            elif kind == "demonym_plural":
                ok = False
            if ok:
                type_ = "country" if actor in _countries() else "organisation"
                add(a, b, actor, type_, {"alias": "name", "country": "name"}.get(kind, kind))
            i += L
            continue
        if tags[i] in _NNP and free(starts[i], ends[i]):  # words[i] is capitalised
            j = i
            while True:
                if j + 1 < n and (tags[j + 1] in _NNP or tags[j + 1] == "FW" and j > i) \
                        and words[j + 1][:1].isupper() \
                        and free(starts[j + 1], ends[j + 1]) and text[ends[j]:starts[j + 1]] == " ":
                    j += 1
                elif j > i and j + 2 < n and len(words[j]) == 1 and words[j].isupper() \
                        and words[j + 1] == "." and starts[j + 1] == ends[j] \
                        and tags[j + 2] in _NNP and words[j + 2][:1].isupper() \
                        and text[ends[j + 1]:starts[j + 2]] == " ":
                    j += 2  # a middle initial: "Donald J. Trump"
                else:
                    break
            if not ORG_WORDS.isdisjoint(lowers[i : j + 1]):  # else the name ends at j
                j = _organisation_end(cols, text, i, j, free)
            k = i
            title_words = []
            last_title = i - 1  # the last title word of the run before its last word
            for q in range(j - 1, i - 1, -1) if j > i else ():
                if lowers[q].rstrip(".") in _TITLE_STEMS:
                    last_title = q
                    break
            org_name = lowers[j] in ORG_WORDS or j > i and not _CONNECTORS.isdisjoint(lowers[i:j])
            if org_name:
                last_title = i - 1  # "Justice Department", "Department of Health": one name
            if last_title >= i:  # "EU Trade Commissioner Ilse Marnow" -> Ilse Marnow
                title_words = [w.rstrip(".") for w in lowers[i : last_title + 1]]
                k = last_title + 1
            # lowercase titles before the name ("former minister Sergei Lavrov")
            m = i - 1
            while m >= 0 and lowers[m] in TITLES and words[m][:1].islower():
                title_words.insert(0, lowers[m])
                m -= 1
            # "former", "vice" before the titles: another role ("Former President Bill Clinton")
            role_words = [lowers[m]] + title_words if m >= 0 and lowers[m] in ROLE_PREFIXES \
                and title_words else title_words
            name_words = [w for w in words[k : j + 1] if w != "."]  # "Donald J. Trump"
            a, b = starts[k], ends[j]
            name = text[a:b]
            last_lower = name_words[-1].lower() if name_words else ""
            if name_words and last_lower in TITLES and not org_name:
                name_words = []  # a title without a name ("Trade Commissioner")
            if name_words and (last_lower in NOT_ACTOR_HEADS or name_words[0] in NOT_ACTOR_FIRST):
                take(a, b)  # an award, event, law or storm ("Nobel Peace Prize")
                name_words = []
            if name_words and name_words[0] not in NOT_ACTORS and name not in gaz:
                lowered = {w for w in lowers[k : j + 1] if w != "."}  # of name_words
                if not ORG_WORDS.isdisjoint(lowered) or len(name) <= 8 and _ACRONYM.match(name):
                    canon = orgs.get(name, name)
                    add(a, b, canon, "organisation", "name" if canon == name else "short")
                    if canon == name and len(name_words) >= 2:
                        # "Corvane Pharmaceuticals" -> "Corvane"; "Harborview City Council"
                        # -> "City Council": later shorter forms of the same organisation
                        if name_words[0].lower() not in ORG_WORDS and name_words[0] not in gaz:
                            orgs.setdefault(name_words[0], name)
                        for q in range(1, len(name_words) - 0):
                            tail = " ".join(name_words[q:])
                            if len(name_words) - q >= 2 or name_words[q].lower() not in ORG_WORDS:
                                orgs.setdefault(tail, name)
                        for w in lowered & ORG_WORDS:
                            org_roles.append((a, w, name))
                        if len(name_words) == 3 and name_words[1] == "of":  # = "Justice Department"
                            orgs.setdefault(f"{name_words[2]} {name_words[0]}", name)
                        elif len(name_words) == 2 and name_words[1].lower() in ORG_WORDS:
                            orgs.setdefault(f"{name_words[1]} of {name_words[0]}", name)
                elif not title_words and not (len(name_words) == 1 and name in people) and (
                        last_lower in PLACE_NOUNS or (
                    i > 0 and lowers[i - 1] in PLACE_PREPOSITIONS
                )):
                    pass  # a named place ("Red Square", "in New York"); "Mayor Ellen Park" is not
                elif len(name_words) >= 2 and last_lower in GROUP_WORDS:
                    add(a, b, orgs.get(name, name), "group", "name")  # "House Democrats"
                elif len(name_words) >= 2 and all(w[:1].isupper() for w in name_words):
                    # name variants: "Hillary Rodham Clinton" = "Hillary Clinton" (first and
                    # last name agree; middle names and initials are left out)
                    canon = variants.setdefault((name_words[0], name_words[-1]), name)
                    add(a, b, canon, "person", "name" if canon == name else "variant")
                    people.setdefault(name_words[-1], canon)
                    first_names.setdefault(name_words[0], canon)  # "Hillary", "Kim" (of Kim Jong Un)
                    for w in _role_keys(role_words):
                        roles.append((a, w, canon))
                elif len(name_words) == 1 and title_words and j + 1 < n and tags[j + 1] in {"NN", "NNS"} \
                        and words[j + 1][:1].islower():
                    pass  # a modifier, not a titled surname: "the former Seattle police chief"
                elif len(name_words) == 1 and title_words:
                    # a titled surname ("President Obama", "Sen. Warren"): a person, resolved
                    # to the full name at the end
                    found.append(_new_tuple(_Pending, (_new_tuple(Span, (a, b)), name, "titled")))
                    titled.add(name)
                    take(a, b)
                    for w in _role_keys(role_words):
                        titled_roles.append((a, w, name))
                elif len(name_words) == 1:
                    found.append(_new_tuple(_Pending, (_new_tuple(Span, (a, b)), name, "candidate")))
            i = j + 1
            continue
        i += 1
    # surnames and single capitalised words: keep those that resolve to a full name or that
    # are reported speakers; drop the rest (places, sentence-initial words).
    out: list[Mention] = []
    for mn in found:
        if isinstance(mn, Mention):
            out.append(mn)
            continue
        if mn.via == "titled":
            full = people.get(mn.text, mn.text)
            out.append(Mention(mn.span, mn.text, full, "person", "surname" if full != mn.text else "name"))
            continue
        if mn.text in people:  # a candidate
            out.append(Mention(mn.span, mn.text, people[mn.text], "person", "surname"))
            take(mn.span.start, mn.span.end)
        elif mn.text in titled:  # "Trump" after "President Trump", no full name given
            out.append(Mention(mn.span, mn.text, mn.text, "person", "surname"))
            take(mn.span.start, mn.span.end)
        elif mn.text in first_names and mn.text not in NOT_ACTORS:  # "Hillary", "Kim"
            out.append(Mention(mn.span, mn.text, first_names[mn.text], "person", "first name"))
            take(mn.span.start, mn.span.end)
        elif mn.text in orgs:
            out.append(Mention(mn.span, mn.text, orgs[mn.text], "organisation", "short"))
            take(mn.span.start, mn.span.end)
    # user-table precedence over automatic grouping: an automatic name whose text is a user
    # alias, or whose surname is, takes the user's canonical name.
    final: list[Mention] = out  # unchanged when no table alias is in the text
    if user_alias:
        final = []
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
    roles = roles + org_roles + table_roles + _apposition_roles(cols, final) \
        + [(off, w, people.get(name, name)) for off, w, name in titled_roles]
    # role references ("the minister") -> nearest earlier person who bore the role
    if roles:
        by_role: dict[str, tuple[list[int], list[str]]] = {}
        for off, r, actor in sorted(roles):
            by_role.setdefault(r, ([], []))[0].append(off)
            by_role[r][1].append(actor)
        # "\b[Tt]he (...)\b", with the first word boundary checked by hand (a pattern that
        # starts with a boundary is tried at every position of the text)
        # up to two modifiers may come between ("the former president", "the U.S.
        # president", "the conservative Florida senator"), never a sentence end
        role_re = re.compile(r"[Tt]he (?:(?:[\w’'-]+|(?:[A-Z]\.)+) ){0,2}?((?i:"
                             + "|".join(sorted(by_role)) + r"))\b")
        for rm in _word_start_matches(role_re, text):
            a, b = rm.span()
            if not free(a, b) or not inside_sentences(a, b):
                continue
            mods = text[a + 4:rm.start(1)].split()
            key = rm.group(1).lower()
            if any(w.lower() in _NOT_MODIFIERS for w in mods):
                continue  # "the chair of President Washington"
            if mods and mods[-1].lower() in ROLE_PREFIXES and " " not in key:
                key = mods[-1].lower() + " " + key  # "the vice president", "the former president"
            elif mods and key == "general" and mods[-1].lower().rstrip("s") in _GENERAL_OF:
                key = mods[-1].lower() + " general"  # "the attorney general"; "attorneys general": none
            if key not in by_role and key.startswith("former "):
                key = key[len("former "):]  # "the former president" of a "President Obama"
            if key not in by_role:
                continue
            offs, names = by_role[key]
            k = bisect_right(offs, a - 1) - 1  # nearest earlier bearer, O(log n)
            if k >= 0:
                actor = names[k]
                actor = user_alias.get(actor.lower(), actor)
                type_ = "organisation" if key in ORG_WORDS | {"company"} else "person"
                if type_ == "organisation" and any(w[:1].isupper() and w not in actor for w in mods):
                    continue  # "the Republican party" is not the Democratic Party named before
                final.append(Mention(_new_tuple(Span, (a, b)), text[a:b], actor, type_, "role"))
                take(a, b)
    final.sort(key=_SPAN)
    return final
