"""Actors: mentions linked to canonical actors, who speaks and how, and the sentiment each
sentence expresses toward each actor.

Mentions come from the user's actor table, the project's gazetteer (countries, capitals as
metonyms, demonyms, seats of government) and proper-noun sequences, with surnames and roles
resolved within the document. Sentiment toward an actor is scored target-aware: the
evaluative words near the mention, with negation, and with the speaker kept apart from the
target; :class:`framing.models.ActorSentimentClassifier` uses the same evidence as features.
Word polarity comes from the evaluative extractor's lexicon
(:func:`framing.extract.evaluative.word_polarity`), and for the words it leaves out, from the
VADER lexicon that ships with ``vaderSentiment`` (Hutto & Gilbert 2014).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np
import pandas as pd

from framing.records import ActorSentiment, Mention, Span
from framing.document import Document
from framing.text import Token

__all__ = [
    "find_mentions",
    "annotate_actors",
    "actor_table",
    "link_attributions",
    "sentence_sentiment",
    "gazetteer",
    "word_polarity",
    "TargetContext",
    "target_context",
    "label_of",
    "DEFAULT_THRESHOLD",
]

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
def word_polarity(word: str, tag: str = "") -> float:
    """Prior polarity of a word in [-1, 1] (polarity times intensity); 0.0 when it does not
    evaluate. The look-up is :func:`framing.extract.evaluative.word_polarity`, tried on the word and
    then on the base forms of a regular inflection ("slammed" -> "slam").

    Examples
    --------
    >>> word_polarity("praised") > 0 > word_polarity("disaster")
    True
    >>> word_polarity("table")
    0.0
    """
    from framing.extract.evaluative import word_polarity as _lookup

    forms = _inflections(word.lower())
    for form in forms:
        hit = _lookup(form, tag)
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


@dataclass(frozen=True)
class TargetContext:
    """Evidence around one target mention in one sentence.

    Attributes
    ----------
    weighted : list of (token index, polarity, weight)
        Every evaluative token outside the target, its (negation-aware) polarity, and how
        much it bears on the target.
    negated : list of int
        Indices of evaluative tokens under negation.
    score : float
        ``sum(polarity * weight) / (1 + sum(weight))``, in (-1, 1).
    subject_verb, object_verb : str or None
        The praise/criticism/reporting verb the target is the subject (``X praised``) or the
        object (``praised X``) of, as a lemma.
    reports : bool
        The target is the subject of a reporting verb.
    clause : tuple of int
        First and last token index of the target's clause.
    """

    weighted: list
    negated: list
    score: float
    subject_verb: str | None
    object_verb: str | None
    reports: bool
    clause: tuple


def _clause_bounds(breaks: Sequence[int], n: int, ti: int, tj: int) -> tuple[int, int]:
    """First and last token index of the clause around tokens ``ti..tj`` of a sentence of
    ``n`` tokens: from after the last clause break before ``ti`` to before the first one
    after ``tj``. ``breaks``: the indices of the sentence's clause breaks, in order."""
    k = bisect_right(breaks, ti - 1) - 1
    lo = breaks[k] + 1 if k >= 0 else 0
    k = bisect_left(breaks, tj + 1)
    hi = breaks[k] - 1 if k < len(breaks) else n - 1
    return lo, hi


_EVAL_VERBS = PRAISE_VERBS | CRITICISM_VERBS | REPORTING_VERBS
_EVALUATOR_VERBS = PRAISE_VERBS | CRITICISM_VERBS


def _verb_after(tokens: Sequence[Token], tj: int) -> tuple[int, str] | None:
    """The first verb within four tokens after the target, skipping adverbs and auxiliaries."""
    for k in range(tj + 1, min(len(tokens), tj + 5)):
        tok = tokens[k]
        if tok.tag.startswith("VB"):
            lemma = verb_lemma(tok.text, _EVAL_VERBS)
            if tok.lower in {"has", "have", "had", "is", "was", "were", "are", "will", "would",
                             "did", "does", "also", "been", "be"}:
                continue
            return k, lemma or ""
        if tok.tag not in {"RB", "MD", "NNP", "NNPS", ","} and tok.text not in {"'s", "’s"}:
            return None
    return None


def _verb_before(tokens: Sequence[Token], ti: int) -> tuple[int, str] | None:
    """The verb the target is the object of ("praised X", "accused X of")."""
    for k in range(ti - 1, max(-1, ti - 4), -1):
        tok = tokens[k]
        if tok.tag.startswith("VB"):
            return k, verb_lemma(tok.text, _EVAL_VERBS) or ""
        if tok.tag not in {"DT", "JJ", "NNP", "PRP$", "POS", "RB"}:
            return None
    return None


@lru_cache(maxsize=512)
def _sentence_facts(tokens: tuple[Token, ...]) -> tuple[tuple[tuple[int, float, bool], ...], tuple[int, ...]]:
    """What :func:`target_context` needs of a sentence whatever the target, computed once
    per sentence however many targets it holds: (index, prior polarity, negated) of the
    evaluative tokens, and the indices of the clause breaks. Praise and criticism verbs
    count at least 0.5; a token is negated when a negator is among the
    :data:`NEGATION_WINDOW` tokens before it."""
    out = []
    lowers = [tok.text.lower() for tok in tokens]
    known = _TOKEN_PRIORS.get
    for k, tok in enumerate(tokens):
        key = (tok.text, tok.tag)
        pol = known(key)
        if pol is None:
            pol = _token_prior(tok.text, tok.tag)
            if len(_TOKEN_PRIORS) < _TOKEN_PRIORS_SIZE:
                _TOKEN_PRIORS[key] = pol
        if pol != 0.0:
            negated = any(lowers[m] in NEGATORS for m in range(max(0, k - NEGATION_WINDOW), k))
            out.append((k, pol, negated))
    breaks = tuple(k for k, low in enumerate(lowers) if low in CLAUSE_BREAKS)
    return tuple(out), breaks


def _token_prior(text: str, tag: str) -> float:
    """Prior polarity of a token of a sentence for :func:`target_context` (0.0 for proper
    nouns and tokens that do not start with a letter). Praise and criticism verbs count at
    least 0.5."""
    if not text[0].isalpha() or tag in {"NNP", "NNPS"}:
        return 0.0
    pol = word_polarity(text, tag)
    lemma = verb_lemma(text, _EVAL_VERBS) if tag.startswith("VB") else None
    if lemma in PRAISE_VERBS:
        pol = max(pol, 0.5)
    elif lemma in CRITICISM_VERBS:
        pol = min(pol, -0.5)
    return pol


# A token's prior depends on its text and tag alone, so it is computed once per (text, tag)
# and kept here: a token then costs one dictionary look-up instead of two cached calls.
_TOKEN_PRIORS: dict[tuple[str, str], float] = {}
_TOKEN_PRIORS_SIZE = 100_000  # about 16 MB when full


def target_context(tokens: Sequence[Token], ti: int, tj: int) -> TargetContext:
    """Target-aware evidence for the target occupying tokens ``ti..tj`` (inclusive).

    Examples
    --------
    >>> from framing.text import parse
    >>> toks = parse("Smith praised Jones for her brave work.")[0].tokens
    >>> round(target_context(toks, 2, 2).score, 2) > 0.2  # Jones
    True
    >>> target_context(toks, 0, 0).subject_verb  # Smith is the praiser, not praised
    'praise'
    """
    return TargetContext(*_target_context(tokens, ti, tj, _sentence_facts(tuple(tokens))))


def _target_context(tokens: Sequence[Token], ti: int, tj: int, facts) -> tuple:
    """The fields of :class:`TargetContext`, in order; ``facts`` are the sentence's
    :func:`_sentence_facts`."""
    priors, breaks = facts
    n = len(tokens)
    lo, hi = _clause_bounds(breaks, n, ti, tj)
    after = _verb_after(tokens, tj)
    before = _verb_before(tokens, ti)
    subject_verb = after[1] if after and after[1] else None
    object_verb = before[1] if before and before[1] else None
    reports = subject_verb in REPORTING_VERBS
    speech_start = after[0] + 1 if reports and after else n + 1
    evaluator = subject_verb in _EVALUATOR_VERBS
    weighted, negated = [], []
    num = den = 0.0
    for k, pol, under_negation in priors:
        if ti <= k <= tj:
            continue
        if under_negation:
            pol = -0.75 * pol  # negation shifts rather than flips (VADER's N_SCALAR)
            negated.append(k)
        dist = ti - k if k < ti else k - tj
        weight = 1.0 / (1.0 + dist / DECAY)
        if not lo <= k <= hi:
            weight *= OTHER_CLAUSE
        if after and k == after[0] and subject_verb in _EVALUATOR_VERBS:
            weight = 0.0  # the praiser / critic: the verb evaluates the object, not them
        elif k >= speech_start:
            weight *= OWN_SPEECH
        elif evaluator and k > after[0] and k <= hi:
            weight *= OBJECT_SIDE  # what the target praises or attacks is about the object
        if before and k == before[0] and object_verb in _EVALUATOR_VERBS:
            weight = 2.0  # "X praised Y", "accused Y": the verb evaluates Y
        weighted.append((k, pol, weight))
        num += pol * weight
        den += weight
    score = num / (1.0 + den)
    return weighted, negated, score, subject_verb, object_verb, reports, (lo, hi)


def label_of(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``negative`` / ``neutral`` / ``positive`` for a target score."""
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"


# ---------------------------------------------------------------------------------------
# Actor mentions
# ---------------------------------------------------------------------------------------

TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. sen sen. rep rep. gov gov. lt col
    sgt capt adm maj pres rev hon amb sec president vice prime deputy foreign defence defense
    interior finance health justice minister ministers secretary senator governor mayor
    chancellor premier king queen prince princess pope ambassador envoy commissioner
    general chairman chairwoman chair ceo chief spokesman spokeswoman spokesperson judge
    justice attorney representative congressman congresswoman speaker leader former
    acting lawmaker director negotiator sheikh emir sultan lord lady sir state councillor
    councilman councilwoman councilor professor""".split()
)
_TITLE_STEMS = frozenset(t.rstrip(".") for t in TITLES)
ROLE_WORDS = frozenset(
    """minister president senator governor mayor chancellor premier envoy commissioner
    ambassador secretary chairman chairwoman chair ceo spokesman spokeswoman judge
    lawmaker congressman congresswoman director negotiator leader king queen pope""".split()
)
ORG_WORDS = frozenset(
    """ministry council union agency party committee association commission department
    court congress senate parliament organization organisation alliance bank fund
    university group corporation company inc corp ltd pharmaceuticals government army
    police office institute foundation federation league network news times post
    board authority administration cabinet coalition front movement forces""".split()
)
COMPANY_WORDS = frozenset("pharmaceuticals inc corp corporation ltd company group bank".split())
NOT_ACTORS = frozenset(
    """January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An This That
    These Those It He She They We I You His Her Their Our Its In On At But And Or If When
    While After Before As For With From By Of To Mr Mrs Ms Dr Sen Rep Gov Gen""".split()
)
PLACE_PREPOSITIONS = frozenset(
    """in at from to near outside inside across around throughout into via toward towards
    through within across beyond""".split()
)
PLACE_NOUNS = frozenset(
    """square squares street streets airport centre center suburbs suburb outskirts streets
    residents district districts port harbour harbor skyline metro subway hospitals
    avenue avenues park parks hall river sea bay island islands valley mountains county
    province region city beach bridge road lane strait gulf ocean desert""".split()
)
PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
            "it": "group", "they": "any", "its": "group"}
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,6}$")


def _gazetteer_rows() -> list[tuple[str, str, str]]:
    text = resources.files("framing").joinpath("data", "gazetteer.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines()[1:]:
        if line.startswith("#") or not line.strip() or line.startswith("actor\t"):
            continue
        actor, kind, form = line.split("\t")
        rows.append((actor, kind, form))
    return rows


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """The project's gazetteer: surface form -> (canonical actor, kind).

    Kinds: ``country``, ``alias``, ``capital``, ``demonym``, ``demonym_plural``,
    ``government``. Written by the project (``framing/data/gazetteer.tsv``).

    Examples
    --------
    >>> gazetteer()["Kyiv"]
    ('Ukraine', 'capital')
    >>> gazetteer()["Russian"]
    ('Russia', 'demonym')
    """
    return dict(_gazetteer_map())


@lru_cache(maxsize=1)
def _gazetteer_map() -> dict[str, tuple[str, str]]:
    return {form: (actor, kind) for actor, kind, form in _gazetteer_rows()}


@lru_cache(maxsize=1)
def _gazetteer_first_tokens() -> frozenset[str]:
    """The first token of every gazetteer form: a capitalised token not among them cannot
    start a gazetteer match, so the look-up of its 1- to 4-token spans is skipped."""
    from framing.text import tokenize

    out = set()
    for form in _gazetteer_map():
        spans = tokenize(form)
        if spans:
            out.add(form[spans[0][0] : spans[0][1]])
    return frozenset(out)


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
            regex = re.escape(alias) + r"(?![\w])" if literal else _alias_regex(alias)
            out.append((re.compile(regex, flags), literal, canonical, type_))
    return out


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


def _alias_spans(pattern: re.Pattern, literal: bool, text: str):
    """The (start, end) of each match of an alias in ``text``, as ``finditer`` over the
    pattern of :func:`_alias_regex` gives them."""
    matches = _word_start_matches(pattern, text) if literal else pattern.finditer(text)
    for m in matches:
        yield m.span()


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
    out = []
    for m in found:
        if m.via != "candidate":
            out.append(m)
            continue
        if m.text in people:
            out.append(Mention(m.span, m.text, people[m.text], "person", "surname"))
            take(m.span.start, m.span.end)
        elif m.text in orgs:
            out.append(Mention(m.span, m.text, orgs[m.text], "organisation", "short"))
            take(m.span.start, m.span.end)
    # user-table precedence over automatic grouping: an automatic name whose text is a user
    # alias, or whose surname is, takes the user's canonical name.
    final = []
    for m in out:
        if m.via not in {"table"}:
            canon = user_alias.get(m.actor.lower()) or user_alias.get(m.text.lower())
            if canon:
                m = Mention(m.span, m.text, canon, m.type, m.via)
        final.append(m)
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


# ---------------------------------------------------------------------------------------
# Attribution sources, per-sentence sentiment, the pipeline step and the per-actor table
# ---------------------------------------------------------------------------------------


def link_attributions(doc: Document) -> list:
    """The document's attributions with ``actor`` set where the source is a mention, or a
    pronoun or role resolved to the nearest compatible earlier mention."""
    out = []
    mentions = sorted(doc.mentions, key=lambda m: m.span)
    starts = [m.span.start for m in mentions]
    last_of: dict[str, list] = {"person": [], "group": [], "any": []}  # prefix maxima
    for m in mentions:  # nearest earlier mention of each kind, per position: O(M)
        for kind in last_of:
            ok = kind == "any" or (kind == "person") == (m.type == "person")
            prev = last_of[kind][-1] if last_of[kind] else None
            last_of[kind].append(m if ok else prev)
    for att in doc.attributions:
        actor = None
        if att.source is not None:
            k = bisect_right(starts, att.source.end - 1) - 1
            inside = None
            while k >= 0 and mentions[k].span.end > att.source.start:
                inside = mentions[k]  # the first mention overlapping the source
                k -= 1
            if inside is not None:
                actor = inside.actor
            else:
                src = doc.text[att.source.start : att.source.end].strip().lower()
                want = PRONOUNS.get(src)
                k = bisect_right(starts, att.source.start - 1) - 1
                while want and k >= 0 and mentions[k].span.end > att.source.start:
                    k -= 1
                if want and k >= 0 and last_of[want][k] is not None:
                    actor = last_of[want][k].actor
        out.append(dataclasses.replace(att, actor=actor) if actor != att.actor else att)
    return out


def sentence_sentiment(doc: Document, *, model=None) -> list[ActorSentiment]:
    """Sentiment toward each actor in each sentence that mentions it.

    The default (``model=None``) needs no training: the target-aware lexicon score of the
    actor's mentions in the sentence (:func:`target_context`), labelled with
    :data:`DEFAULT_THRESHOLD`. With a fitted :class:`framing.models.ActorSentimentClassifier`
    the label is its prediction for the first mention, the score P(positive) - P(negative).
    """
    out = []
    by_sentence: dict[int, dict[str, list[Mention]]] = {}
    sents = doc.sentences
    starts = [s.start for s in sents]
    for m in doc.mentions:
        k = bisect_right(starts, m.span.start) - 1
        if k >= 0 and m.span.end <= sents[k].end:
            by_sentence.setdefault(k, {}).setdefault(m.actor, []).append(m)
    rows = []
    for k in sorted(by_sentence):
        s = sents[k]
        for actor, ms in sorted(by_sentence[k].items()):
            rows.append((k, actor, ms))
    if model is not None and rows:
        X = [(sents[k].text, ms[0].span.start - sents[k].start, ms[0].span.end - sents[k].start)
             for k, _, ms in rows]
        proba = model.predict_proba(X)
        classes = list(model.classes_)
        for (k, actor, _), p in zip(rows, proba):
            score = float(p[classes.index("positive")] - p[classes.index("negative")])
            out.append(ActorSentiment(sents[k].span, actor, str(classes[int(np.argmax(p))]), round(score, 4)))
        return out
    sent = None
    for k, actor, ms in rows:
        if k != sent:  # rows are in sentence order: the sentence's facts once
            sent, toks = k, sents[k].tokens
            facts = _sentence_facts(toks)
            tok_starts = [t.start for t in toks]
            tok_ends = [t.end for t in toks]
        scores = []
        for m in ms:
            # the tokens overlapping the mention: from the first that ends after its start
            # to the last that starts before its end (tokens are in order, disjoint)
            first = bisect_right(tok_ends, m.span.start)
            last = bisect_left(tok_starts, m.span.end) - 1
            if first <= last:
                scores.append(_target_context(toks, first, last, facts)[2])
        score = max(scores, key=abs) if scores else 0.0
        out.append(ActorSentiment(sents[k].span, actor, label_of(score), round(score, 4)))
    return out


def annotate_actors(doc: Document, *, actors: Mapping[str, Sequence[str]] | None = None,
                    model=None) -> Document:
    """The pipeline step: fill ``doc.mentions`` and ``doc.actor_sentiment`` and set
    ``Attribution.actor``. Run after attribution, hedging and evaluative language.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Critics slammed Mayor Dana Whitfield. Whitfield praised the council.")
    >>> [(a.actor, a.label) for a in doc.actor_sentiment]
    [('Dana Whitfield', 'negative'), ('Dana Whitfield', 'neutral')]
    """
    doc.mentions = find_mentions(doc, actors)
    doc.attributions = link_attributions(doc)
    doc.actor_sentiment = sentence_sentiment(doc, model=model)
    return doc


def _agency(toks: list[Token], i: int, j: int) -> str | None:
    """``agent`` (subject of an active verb or ``by X``), ``patient`` (object or passive
    subject), or ``None``."""
    if i > 0 and toks[i - 1].lower == "by" and i > 1 and toks[i - 2].tag == "VBN":
        return "agent"
    k = j + 1
    while k < len(toks) and toks[k].tag in {"RB", "MD"}:
        k += 1
    if k < len(toks) and toks[k].tag.startswith("VB"):
        if toks[k].lower in {"is", "was", "were", "are", "been", "be", "being", "got", "get"}:
            nxt = toks[k + 1 : k + 3]
            if any(t.tag == "VBN" for t in nxt):
                return "patient"
        return "agent"
    if i > 0 and toks[i - 1].tag.startswith("VB"):
        return "patient"
    return None


TABLE_COLUMNS = [
    "doc_id", "outlet", "story", "actor", "mentions", "first_mention", "first_mention_rel",
    "in_headline", "quoted", "quoted_words", "cue_neutral", "cue_doubt", "cue_endorse",
    "cue_emotive", "agent", "patient", "hedges", "eval_author_pos", "eval_author_neg",
    "eval_quoted_pos", "eval_quoted_neg", "sentiment_negative", "sentiment_neutral",
    "sentiment_positive", "sentiment_mean",
]


def actor_table(doc_or_docs, *, actors: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """One tidy row per document and actor.

    Documents without mentions yet are analysed first (``framing.pipeline.annotate``).
    Columns: ``mentions``, ``first_mention`` (offset) and ``first_mention_rel`` (fraction of
    the text), ``in_headline``, ``quoted`` (attributions with the actor as source),
    ``quoted_words``, ``cue_<stance>`` (stances of the cues reporting the actor),
    ``agent``/``patient`` (mentions as subject of an active verb vs object or passive
    subject), ``hedges`` (hedge cues in sentences that mention the actor), evaluative words
    in those sentences by voice and polarity, and per-sentence sentiment counts and mean.

    Examples
    --------
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> doc = load_sample()[0]
    >>> t = actor_table(doc, actors=load_sample_actors(doc.story))
    >>> row = t.set_index("actor").loc["Russia"]
    >>> int(row["mentions"]), bool(row["in_headline"]), doc.title
    (8, True, 'Kremlin stalls Geneva talks as Kyiv stands firm on buffer zone')
    """
    from framing.pipeline import annotate

    docs = [doc_or_docs] if isinstance(doc_or_docs, Document) else list(doc_or_docs)
    rows = []
    for doc in docs:
        if not doc.mentions:
            annotate(doc, actors=actors)
        text_len = max(1, len(doc.text))
        toks, sent_of = _token_index(doc.sentences)
        starts = [t.start for t in toks]
        sents = doc.sentences
        s_starts = [s.start for s in sents]
        groups: dict[str, list[Mention]] = {}
        for m in doc.mentions:
            groups.setdefault(m.actor, []).append(m)
        title = doc.title or ""

        def sentence_of(span: Span) -> int | None:
            k = bisect_right(s_starts, span.start) - 1
            return k if k >= 0 and span.end <= sents[k].end else None

        hedges_in: dict[int, int] = {}
        for c in doc.hedges:
            k = sentence_of(c.span)
            if k is not None:
                hedges_in[k] = hedges_in.get(k, 0) + 1
        evals_in: dict[int, dict[str, int]] = {}
        for e in doc.evaluations:
            k = sentence_of(e.span)
            key = f"eval_{e.voice}_{'pos' if e.polarity > 0 else 'neg'}"
            if k is not None and key in TABLE_COLUMNS:
                evals_in.setdefault(k, {}).setdefault(key, 0)
                evals_in[k][key] += 1
        sentiment_of: dict[str, list] = {}
        for a in doc.actor_sentiment:
            sentiment_of.setdefault(a.actor, []).append(a)
        quoted_by: dict[str, list] = {}
        for att in doc.attributions:
            if att.actor is not None:
                quoted_by.setdefault(att.actor, []).append(att)
        for actor, ms in groups.items():
            row = dict.fromkeys(TABLE_COLUMNS, 0)
            row.update(doc_id=doc.id, outlet=doc.outlet, story=doc.story, actor=actor)
            row["mentions"] = len(ms)
            row["first_mention"] = ms[0].span.start
            row["first_mention_rel"] = round(ms[0].span.start / text_len, 4)
            forms = {m.text for m in ms} | {actor}
            row["in_headline"] = bool(title) and any(f in title for f in forms)
            for att in quoted_by.get(actor, []):
                row["quoted"] += 1
                row["quoted_words"] += len(doc.text[att.content.start : att.content.end].split())
                key = f"cue_{att.cue_stance}"
                if key in row:
                    row[key] += 1
            sent_ids = set()
            for m in ms:
                ti = bisect_right(starts, m.span.start) - 1
                tj = bisect_right(starts, m.span.end - 1) - 1
                if ti >= 0:
                    ag = _agency(toks, ti, tj)
                    if ag:
                        row[ag] += 1
                k = bisect_right(s_starts, m.span.start) - 1
                if k >= 0:
                    sent_ids.add(k)
            row["hedges"] = sum(hedges_in.get(k, 0) for k in sent_ids)
            for k in sent_ids:
                for key, c in evals_in.get(k, {}).items():
                    row[key] += c
            sentiments = sentiment_of.get(actor, [])
            for a in sentiments:
                row[f"sentiment_{a.label}"] += 1
            row["sentiment_mean"] = (
                round(float(np.mean([a.score for a in sentiments])), 4) if sentiments else np.nan
            )
            rows.append(row)
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)
