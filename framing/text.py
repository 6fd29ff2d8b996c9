"""The text layer: paragraphs, sentences, tokens, part-of-speech tags and chunks.

Everything carries character offsets into the original text, and everything runs on what
``pip install`` brings: the tokenizer and sentence splitter are the project's own regular
expressions (NLTK's Punkt models and ``word_tokenize`` need a download and are not used),
and tags and chunks come from the pattern tagger and chunker that ship inside textblob
(``textblob/en/en-lexicon.txt`` and ``en-context.txt``; Brill-style lexicon plus contextual
rules, Penn Treebank tags).

Examples
--------
>>> from framing.text import parse
>>> sents = parse('Mr. Lavrov met U.S. officials on Feb. 2 in Moscow. "We talked," he said.')
>>> [s.text for s in sents]
['Mr. Lavrov met U.S. officials on Feb. 2 in Moscow.', '"We talked," he said.']
>>> [(t.text, t.tag) for t in sents[0].tokens][:4]
[('Mr.', 'NNP'), ('Lavrov', 'NNP'), ('met', 'VBD'), ('U.S.', 'NNP')]
>>> [c.text for c in sents[0].noun_chunks]
['Mr. Lavrov', 'U.S. officials', 'Feb.', 'Moscow']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import itemgetter, sub
from typing import Iterable, NamedTuple, Sequence

from framing._records import Span

__all__ = ["Token", "Chunk", "Sentence", "tokenize", "split_sentences", "parse", "paragraphs"]

# Abbreviations that keep their final period and never end a sentence by themselves
# (titles, months, corporate suffixes, common Latin shorthands).
TITLE_ABBREVIATIONS = frozenset(
    """Mr Mrs Ms Mx Dr Prof Gen Sen Rep Gov Lt Col Sgt Capt Cmdr Adm Maj Brig Pres Rev Hon
    Atty Supt Insp Det Amb Sec St Jr Sr Fr Msgr""".split()
)
OTHER_ABBREVIATIONS = frozenset(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri
    Sat Sun Inc Ltd Co Corp Bros Dept Univ Assn Ave Blvd Rd Mt Ft No Nos Vol vs etc al approx
    est Fig cf viz ca""".split()
)
ABBREVIATIONS = TITLE_ABBREVIATIONS | OTHER_ABBREVIATIONS

# Words that start a new sentence after an initialism such as "U.S." ("... in the U.S. The
# ministry ..."); anything else after an initialism continues the sentence.
_SENTENCE_STARTERS = frozenset(
    """The A An He She It They We I You But And Yet So Still In On At This That These Those
    There His Her Its Their Our Mr Mrs Ms Dr Officials Meanwhile However""".split()
)

_ABBREV_ALT = "|".join(sorted(ABBREVIATIONS, key=len, reverse=True))
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # initialisms: U.S., U.K., e.g.
    rf"|\b(?:{_ABBREV_ALT})\.(?=\s|$)"  # Mr. Feb. Inc.
    r"|\$?\d+(?:[.,:/]\d+)*(?:%|st|nd|rd|th|s|m|bn|k)?\b"  # numbers, dates, $5, 3.5%, 1990s
    r"|\w+?(?=n['’]t\b)"  # do|n't
    r"|n['’]t\b"
    r"|(?<=\w)['’](?:s|re|ve|ll|d|m)\b"  # clitics, only after a word (not 'd' in quotes)
    r"|\w+(?:[-‐]\w+)*(?:['’](?!(?:s|re|ve|ll|d|m|t)\b)\w+)*"  # words, hyphenated, O'Brien
    r"|\.{2,}|…|-{2,}|[—–]"  # ellipses and dashes
    r"|[^\w\s]",  # any other single mark
    re.UNICODE,
)

OPENING_QUOTES = frozenset("“‘«‹„‚")
CLOSING_QUOTES = frozenset("”’»›")
STRAIGHT_QUOTES = frozenset("\"'")
QUOTE_MARKS = OPENING_QUOTES | CLOSING_QUOTES | STRAIGHT_QUOTES | {"``", "''"}
_FINAL_PUNCT = frozenset({".", "!", "?", "…", "..."})
_CLOSERS = CLOSING_QUOTES | STRAIGHT_QUOTES | {")", "]", "}"}

_PUNCT_TAGS = {
    ",": ",", ".": ".", "!": ".", "?": ".", "…": ":", "...": ":", ":": ":", ";": ":",
    "(": "(", ")": ")", "[": "(", "]": ")", "{": "(", "}": ")", "-": ":", "--": ":",
    "—": ":", "–": ":", "$": "$", "#": "#", "%": "NN", "&": "CC",
}


class Token(NamedTuple):
    """A token with its offsets and Penn Treebank tag."""

    start: int
    end: int
    text: str
    tag: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def lower(self) -> str:
        return self.text.lower()


class Chunk(NamedTuple):
    """A phrase chunk: label (``NP``, ``VP``, ``PP``, ``ADJP``, ``ADVP``), offsets, and the
    index of its first and last token in the sentence."""

    label: str
    start: int
    end: int
    first: int
    last: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


class Sentence:
    """A sentence: offsets, its paragraph number, its tokens and (computed on first use)
    its chunks.

    :func:`parse` keeps each sentence's tokens as four tuples (starts, ends, words, tags)
    and builds the :class:`Token` tuples on first use of :attr:`tokens`: steps that read
    only the columns (attribution, :attr:`framing.Document.word_count`) then never build
    them. That saves their construction and, above all, the garbage collector's passes over
    them: ``Token`` is a tuple subclass, which the collector keeps tracking for as long as
    it lives, while an exact tuple of strings and numbers (a column) it stops tracking.
    """

    __slots__ = ("start", "end", "text", "paragraph", "_tokens", "_columns", "_chunks")

    def __init__(self, start: int, end: int, text: str, paragraph: int, tokens: tuple[Token, ...]):
        self.start = start
        self.end = end
        self.text = text
        self.paragraph = paragraph
        self._tokens: tuple[Token, ...] | None = tokens
        self._columns: tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]] | None = None
        self._chunks: tuple[Chunk, ...] | None = None

    @classmethod
    def _from_columns(cls, start: int, end: int, text: str, paragraph: int,
                      starts: tuple[int, ...], ends: tuple[int, ...], words: tuple[str, ...],
                      tags: tuple[str, ...]) -> "Sentence":
        """A sentence whose tokens are built from these tuples on first use."""
        self = cls.__new__(cls)
        self.start = start
        self.end = end
        self.text = text
        self.paragraph = paragraph
        self._tokens = None
        self._columns = (starts, ends, words, tags)
        self._chunks = None
        return self

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, {self.text[:40]!r})"

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens, with their offsets and tags (built on first use, then kept)."""
        if self._tokens is None:
            # tuple.__new__ builds each Token without NamedTuple's Python-level __new__
            self._tokens = tuple(map(_new_tuple, repeat(Token), zip(*self._columns)))
        return self._tokens

    @tokens.setter
    def tokens(self, tokens: tuple[Token, ...]) -> None:
        self._tokens = tokens
        self._columns = None
        self._chunks = None

    def columns(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
        """The tokens as four tuples: starts, ends, words (as written) and tags."""
        if self._columns is None:
            cols = tuple(zip(*self.tokens))
            self._columns = cols if cols else ((), (), (), ())
        return self._columns

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        """Phrase chunks from textblob's pattern chunker, computed once on first use."""
        if self._chunks is None:
            self._chunks = _chunks(self.tokens, self.text, self.start)
        return self._chunks

    @property
    def noun_chunks(self) -> list[Chunk]:
        """The noun-phrase chunks of the sentence."""
        return [c for c in self.chunks if c.label == "NP"]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets in ``text[start:end]``, as ``(start, end)`` pairs into ``text``.

    Examples
    --------
    >>> text = "Officials didn't say."
    >>> [text[s:e] for s, e in tokenize(text)]
    ['Officials', 'did', "n't", 'say', '.']
    """
    end = len(text) if end is None else end
    return [m.span() for m in _TOKEN_RE.finditer(text, start, end)]


# The same tokens with the whitespace before each one: ``findall`` then returns pieces that
# tile the text, so the offsets follow from the pieces' lengths (a running sum) and the words
# from stripping the whitespace, without a match object per token. No token starts with
# whitespace, so each piece is exactly "whitespace + the token tokenize() finds there".
#
# Two alternatives come first as a fast path (the regex engine otherwise tries the
# initialism, abbreviation, number and "n't" alternatives at every word before the plain
# word one). They find exactly what the full pattern finds there: a run of ASCII letters not
# followed by a word character, ".", "-", "‐" or an apostrophe is what the "words"
# alternative matches (the alternatives before it need a "." or an apostrophe right after
# the letters, or start with "$" or a digit), and the single marks listed start no
# alternative but the last.
_PIECE_RE = re.compile(
    rf"\s*+(?:[A-Za-z]++(?![\w.'’‐-])|[,;:()\"“”?!]|{_TOKEN_RE.pattern})", re.UNICODE
)


def _tokens(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """Token starts, ends and words in ``text[start:end]``, which must not end with
    whitespace (paragraphs are trimmed): the same tokens as :func:`tokenize`."""
    pieces = _PIECE_RE.findall(text, start, end)
    ends = list(accumulate(map(len, pieces), initial=start))
    del ends[0]
    words = list(map(str.lstrip, pieces))
    starts = list(map(sub, ends, map(len, words)))
    return starts, ends, words


_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraphs(text: str, skip: Sequence[Span] = ()) -> list[Span]:
    """Paragraph spans (blocks separated by blank lines), trimmed, minus ``skip`` regions.

    Examples
    --------
    >>> paragraphs("Title\\n\\nFirst para.\\nStill first.\\n\\n  Second.  ")
    [Span(start=0, end=5), Span(start=7, end=31), Span(start=35, end=42)]
    """
    pieces: list[Span] = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        pieces.append(Span(pos, m.start()))
        pos = m.end()
    pieces.append(Span(pos, len(text)))
    out: list[Span] = []
    for piece in _subtract(pieces, sorted(skip)):
        s, e = piece
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(Span(s, e))
    return out


def _subtract(pieces: list[Span], skip: list[Span]) -> Iterable[Span]:
    if not skip:
        yield from pieces
        return
    for s, e in pieces:
        cur = s
        for ks, ke in skip:
            if ke <= cur or ks >= e:
                continue
            if ks > cur:
                yield Span(cur, ks)
            cur = max(cur, ke)
        if cur < e:
            yield Span(cur, e)


def _is_heading_line(line: str) -> bool:
    """A line that ends a sentence although it has no final punctuation (a headline)."""
    words = line.split()
    if not words or len(words) > 20 or line.rstrip()[-1] in ",;:-":
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return caps >= max(2, (len(words) + 1) // 2)


def split_sentences(text: str, skip: Sequence[Span] = ()) -> list[Span]:
    """Sentence spans of ``text``, outside the ``skip`` regions (page clutter).

    Sentences never cross a paragraph break. Within a paragraph a sentence ends at ``.``,
    ``!``, ``?`` or an ellipsis (with any closing quotation marks or brackets after it) when
    the next token starts a new sentence; abbreviations (``Mr.``, ``Feb.``, ``Inc.``) do not
    end one, and initialisms (``U.S.``) end one only before a typical sentence opener. A
    line without final punctuation that looks like a headline ends a sentence too.

    Examples
    --------
    >>> text = 'Talks End Without Deal\\nThe U.S. envoy left. "It failed," he said.'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Talks End Without Deal', 'The U.S. envoy left.', '"It failed," he said.']
    """
    return [Span(b[0], b[1]) for b in _sentence_bounds(text, skip)]


# A token can end a sentence only if its last character is one of these (final punctuation,
# an abbreviation or an initialism) or if a line break follows it; every other token
# continues its sentence, so only these candidates are looked at (found from the text with
# one regular-expression scan per paragraph instead of a Python step per token).
_ENDER_RE = re.compile(r"[.!?…]")


def _sentence_bounds(text: str, skip: Sequence[Span]):
    """Yield ``(start, end, paragraph_number, token_starts, token_ends, words)`` for each
    sentence."""
    for p_no, (ps, pe) in enumerate(paragraphs(text, skip)):
        starts, ends, words = _tokens(text, ps, pe)
        n = len(words)
        # Candidates: tokens that end with a final mark (a character of _ENDER_RE that is the
        # last one of a token: token ends are distinct, so each candidate is found once) and
        # tokens followed by a line break (a token never contains one, so a line break lies in
        # the gap before the first token that starts after it).
        after_newline = set()
        candidates = set()
        for m in _ENDER_RE.finditer(text, ps, pe):
            k = bisect_left(ends, m.end())
            if k < n and ends[k] == m.end():
                candidates.add(k)
        nl = text.find("\n", ps, pe)
        while nl >= 0:
            k = bisect_right(starts, nl)
            after_newline.add(k)
            candidates.add(k - 1)
            nl = text.find("\n", nl + 1, pe)
        begin = 0
        i = 0  # the next token still to look at; the tokens before it are decided
        for c in sorted(candidates):
            if c < i:
                continue  # swallowed as a closer after a final mark
            tok = words[c]
            boundary = False
            j = c + 1
            if tok in _FINAL_PUNCT:
                # swallow closing quotes / brackets glued to the mark
                while j < n and words[j] in _CLOSERS and starts[j] == ends[j - 1]:
                    j += 1
                boundary = j >= n or _starts_sentence(words[j])
            elif tok.endswith(".") and len(tok) > 1 and tok[:-1].replace(".", "").isalpha():
                if tok.count(".") >= 2 and j < n:  # initialism
                    boundary = words[j] in _SENTENCE_STARTERS
            if not boundary and j < n and j in after_newline:
                # a newline between this token and the next, after a heading-like line
                line_start = text.rfind("\n", ps, ends[j - 1]) + 1
                boundary = _is_heading_line(text[line_start : ends[j - 1]])
            if boundary or j >= n:
                for b, e in _capped(words, begin, j):
                    yield starts[b], ends[e - 1], p_no, starts[b:e], ends[b:e], words[b:e]
                begin = j
            i = j
        if begin < n:  # the paragraph's last sentence
            for b, e in _capped(words, begin, n):
                yield starts[b], ends[e - 1], p_no, starts[b:e], ends[b:e], words[b:e]


MAX_SENTENCE_TOKENS = 1000
"""Longer runs without a sentence end are cut into pieces of at most this many tokens, after
the last comma, semicolon or colon of the piece's second half when it has one. News sentences
are far shorter (none of the PolNeAR or sample sentences reaches it); the cap keeps every
per-sentence step linear in the length of hostile text with no final punctuation."""


def _capped(words: Sequence[str], begin: int, end: int) -> Iterable[tuple[int, int]]:
    """Token ranges ``[b, e)`` covering ``[begin, end)``, each at most MAX_SENTENCE_TOKENS long."""
    while end - begin > MAX_SENTENCE_TOKENS:
        cut = begin + MAX_SENTENCE_TOKENS
        for k in range(cut - 1, begin + MAX_SENTENCE_TOKENS // 2, -1):
            if words[k] in (",", ";", ":"):
                cut = k + 1
                break
        yield begin, cut
        begin = cut
    yield begin, end


def _starts_sentence(word: str) -> bool:
    c = word[0]
    return c.isupper() or c.isdigit() or c in OPENING_QUOTES or c in STRAIGHT_QUOTES or c in "(['‘“"


@lru_cache(maxsize=1)
def _tagger():
    """Load textblob's pattern lexicon and contextual rules once (about 0.1 s)."""
    import gc
    import warnings

    from textblob.en import lexicon

    # textblob's loaders leave their files to the garbage collector; collect them here,
    # with the ResourceWarning silenced, instead of at some random later point.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        lexicon.get("the")  # force the lazy load
        rules = [list(r) + ["", ""] for r in lexicon.context]
        gc.collect()
    return dict(lexicon), _ContextRules(rules)


class _ContextRules:
    """textblob's Brill contextual rules (``en-context.txt``), applied in the same order
    with the same result as ``textblob._text.Context.apply``, but indexed by the tag a
    rule rewrites so that each token is checked against its few candidate rules instead
    of all 293 (textblob's loop takes about 30 microseconds a token)."""

    # Rules whose condition names the current word: they can only fire on that word.
    _WORD_RULES = {"curwd": 3, "wdnexttag": 3, "rbigram": 3, "wdand2aft": 3, "wdand2tagaft": 3,
                   "wdprevtag": 4, "lbigram": 4, "wdand2tagbfr": 4}

    def __init__(self, rules: list[list[str]]):
        self.general: dict[str, list[tuple]] = {}
        self.by_word: dict[tuple[str, str], list[tuple]] = {}
        for i, r in enumerate(rules):
            rule = (i, r[1], r[2].lower(), r[3], r[4])
            field = self._WORD_RULES.get(rule[2])
            if field is None:
                self.general.setdefault(r[0], []).append(rule)
            else:
                self.by_word.setdefault((r[0], rule[field]), []).append(rule)
        # Words named by some word rule; any other word's candidates depend on its tag only.
        self._rule_words = frozenset(word for _, word in self.by_word)
        self._cache: dict[tuple[str, str | None], object] = {}
        self._functions: dict[tuple[int, ...], object] = {}

    def candidates(self, tag: str, word: str) -> list[tuple]:
        """Rules that may rewrite ``word`` tagged ``tag``, in file order (``*`` included)."""
        return sorted(
            self.general.get(tag, []) + self.general.get("*", [])
            + self.by_word.get((tag, word), []) + self.by_word.get(("*", word), [])
        )

    def _compiled(self, tag: str, word: str):
        """The candidate rules of ``(tag, word)`` compiled into one small function, or
        ``None`` when there is no candidate rule (the token keeps its tag).

        The function returns the tag of the last rule that holds, or ``None``. Rule
        arguments are tags and words from textblob's rule file, inserted as ``repr``
        literals; the compiled functions are shared between keys with the same rules.
        """
        rules = self.candidates(tag, word)
        key = tuple(r[0] for r in rules)
        if key in self._functions:
            return self._functions[key]
        fn = None
        if rules:
            # A quick rejection first: each rule needs a given tag or word at one of a few
            # neighbours (its guard, see _GUARDS); when no neighbour holds a value some
            # rule needs there, no rule holds, and the conditions are not evaluated.
            guards: dict[str, set[str]] = {}
            for _, to, cmd, x, y in rules:
                for field in _GUARDS[cmd]:
                    guards.setdefault(field, set()).add(x)
            namespace: dict = {}
            checks = []
            for k, (field, values) in enumerate(sorted(guards.items())):
                namespace[f"G{k}"] = frozenset(values)
                checks.append(f"{field} in G{k}")
            body = ["def f(w, t, i):", f"    if not ({' or '.join(checks)}): return None", "    r = None"]
            for _, to, cmd, x, y in rules:
                cond = _CONDITIONS[cmd].format(x=repr(x), y=repr(y))
                body.append(f"    if {cond}: r = {to!r}")
            body.append("    return r")
            exec("\n".join(body), namespace)  # noqa: S102 - code built from rule literals
            fn = namespace["f"]
        self._functions[key] = fn
        return fn

    def rules_for(self, tag: str, word: str):
        """The compiled rule function of ``word`` tagged ``tag`` (``None``: no rule)."""
        key = (tag, word if word in self._rule_words else None)
        try:
            return self._cache[key]
        except KeyError:
            fn = self._compiled(tag, word)
            if len(self._cache) < 500_000:
                self._cache[key] = fn
            return fn

    def apply(self, words: list[str], tags: list[str]) -> list[str]:
        pad = "STAART"
        w = [pad, pad, pad] + list(words) + [pad, pad, pad]
        t = [pad, pad, pad] + list(tags) + [pad, pad, pad]
        for i in range(3, len(t) - 3):
            # As in textblob, every rule written for the token's original tag is tried in
            # file order, and the last one that holds decides.
            fn = self.rules_for(t[i], w[i])
            r = None if fn is None else fn(w, t, i)
            if r is not None:
                t[i] = r
        return t[3:-3]


# For each condition, the neighbours one of which must hold its first argument ``x`` for
# the condition to hold (``prev1or2tag X``: the tag before or the one before that is X).
_GUARDS = {
    "prevtag": ("t[i - 1]",), "nexttag": ("t[i + 1]",), "prev2tag": ("t[i - 2]",),
    "next2tag": ("t[i + 2]",), "prev1or2tag": ("t[i - 1]", "t[i - 2]"),
    "next1or2tag": ("t[i + 1]", "t[i + 2]"),
    "prev1or2or3tag": ("t[i - 1]", "t[i - 2]", "t[i - 3]"),
    "next1or2or3tag": ("t[i + 1]", "t[i + 2]", "t[i + 3]"),
    "surroundtag": ("t[i - 1]",), "curwd": ("w[i]",), "prevwd": ("w[i - 1]",),
    "nextwd": ("w[i + 1]",), "prev1or2wd": ("w[i - 1]", "w[i - 2]"),
    "next1or2wd": ("w[i + 1]", "w[i + 2]"), "prevwdtag": ("w[i - 1]",),
    "nextwdtag": ("w[i + 1]",), "wdprevtag": ("t[i - 1]",), "wdnexttag": ("w[i]",),
    "wdand2aft": ("w[i]",), "wdand2tagbfr": ("t[i - 2]",), "wdand2tagaft": ("w[i]",),
    "lbigram": ("w[i - 1]",), "rbigram": ("w[i]",), "prevbigram": ("t[i - 2]",),
    "nextbigram": ("t[i + 1]",),
}

# The conditions of textblob's contextual rules (see ``textblob._text.Context``).
_CONDITIONS = {
    "prevtag": "t[i - 1] == {x}",
    "nexttag": "t[i + 1] == {x}",
    "prev2tag": "t[i - 2] == {x}",
    "next2tag": "t[i + 2] == {x}",
    "prev1or2tag": "{x} in (t[i - 1], t[i - 2])",
    "next1or2tag": "{x} in (t[i + 1], t[i + 2])",
    "prev1or2or3tag": "{x} in (t[i - 1], t[i - 2], t[i - 3])",
    "next1or2or3tag": "{x} in (t[i + 1], t[i + 2], t[i + 3])",
    "surroundtag": "t[i - 1] == {x} and t[i + 1] == {y}",
    "curwd": "w[i] == {x}",
    "prevwd": "w[i - 1] == {x}",
    "nextwd": "w[i + 1] == {x}",
    "prev1or2wd": "{x} in (w[i - 1], w[i - 2])",
    "next1or2wd": "{x} in (w[i + 1], w[i + 2])",
    "prevwdtag": "w[i - 1] == {x} and t[i - 1] == {y}",
    "nextwdtag": "w[i + 1] == {x} and t[i + 1] == {y}",
    "wdprevtag": "t[i - 1] == {x} and w[i] == {y}",
    "wdnexttag": "w[i] == {x} and t[i + 1] == {y}",
    "wdand2aft": "w[i] == {x} and w[i + 2] == {y}",
    "wdand2tagbfr": "t[i - 2] == {x} and w[i] == {y}",
    "wdand2tagaft": "w[i] == {x} and t[i + 2] == {y}",
    "lbigram": "w[i - 1] == {x} and w[i] == {y}",
    "rbigram": "w[i] == {x} and w[i + 1] == {y}",
    "prevbigram": "t[i - 2] == {x} and t[i - 1] == {y}",
    "nextbigram": "t[i + 1] == {x} and t[i + 2] == {y}",
}


_CD_RE = re.compile(r"^\$?[0-9\-,.:/%$]+(?:st|nd|rd|th|s|m|bn|k)?$")


def _suffix_tag(word: str) -> str:
    tag = "NN"
    if word.endswith("ing"):
        tag = "VBG"
    if word.endswith("ly"):
        tag = "RB"
    if word.endswith("s") and not word.endswith(("is", "ous", "ss")):
        tag = "NNS"
    if word.endswith(("able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic", "ous")) or "-" in word:
        tag = "JJ"
    if word.endswith("ed"):
        tag = "VBN"
    if word.endswith(("ate", "ify", "ise", "ize")):
        tag = "VBP"
    return tag


def _lexical_tag(w: str, first: bool, lexicon: dict) -> str:
    """The tag of ``w`` before the contextual rules (``first``: the sentence's first word)."""
    tag = _PUNCT_TAGS.get(w)
    if tag is None:
        if w in QUOTE_MARKS:
            tag = "``" if (w in OPENING_QUOTES or w == "``") else "''"
        else:
            tag = lexicon.get(w) or (lexicon.get(w.lower()) if first or w.isupper() else None)
            if tag is None:
                norm = w.replace("’", "'")
                tag = lexicon.get(norm) or lexicon.get(norm.lower())
            if tag is None:
                if w[:1].isupper():
                    tag = "NNP"
                elif _CD_RE.match(w):
                    tag = "CD"
                else:
                    tag = _suffix_tag(w.lower())
    return tag


# A word's tag and rule function depend on the word alone (and on whether it opens the
# sentence), so they are looked up once per word form and kept here: a token then costs one
# dictionary look-up instead of up to five lexicon look-ups and a rule look-up.
_WORD_ENTRIES: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})  # (inside, first word)
_WORD_CACHE_SIZE = 200_000  # about 30 MB when full


_entry_tag = itemgetter(0)


def _word_entry(w: str, first: bool) -> tuple:
    """``(tag, rule function)`` of ``w`` (see ``_WORD_ENTRIES``)."""
    lexicon, context = _tagger()
    tag = _lexical_tag(w, first, lexicon)
    entry = (tag, context.rules_for(tag, w))
    memo = _WORD_ENTRIES[first]
    if len(memo) < _WORD_CACHE_SIZE:
        memo[w] = entry
    return entry


def tag_words(words: Sequence[str]) -> list[str]:
    """Penn Treebank tags for one sentence of words (pattern lexicon + contextual rules).

    Examples
    --------
    >>> tag_words(["He", "said", "it", "would", "hold", "talks", "."])
    ['PRP', 'VBD', 'PRP', 'MD', 'VB', 'NNS', '.']
    """
    if not words:
        return []
    inside = _WORD_ENTRIES[False].get
    first = _WORD_ENTRIES[True].get(words[0]) or _word_entry(words[0], True)
    entries = [first] + [inside(w) or _word_entry(w, False) for w in words[1:]]
    # textblob's Context.apply: every token in turn, left to right, with the tags of the
    # tokens before it already rewritten (see _ContextRules.apply).
    pad = ["STAART"] * 3
    w = pad + list(words) + pad
    t = pad + list(map(_entry_tag, entries)) + pad
    for i, (_, rules) in enumerate(entries, 3):
        if rules is not None:  # None: no rule can rewrite this token
            r = rules(w, t, i)
            if r is not None:
                t[i] = r
    return t[3:-3]


# The chunk grammar of textblob's pattern chunker (``textblob._text.CHUNKS``, Germanic
# rules, ADJP before VP), rewritten over one character per tag so that a match position is
# a token index (textblob recounts separators for every match, quadratic in sentence length).
_TAG_CODE = {
    "NN": "N", "NNS": "N", "NNP": "N", "NNPS": "N", "PRP": "N", "PRP$": "N",
    "DT": "D", "CD": "C", "CC": "c", "RB": "R", "RBR": "R", "RBS": "R",
    "JJ": "J", "JJR": "J", "JJS": "J", "MD": "M", "IN": "P", "TO": "P", "WRB": "W",
    "VB": "V", "VBD": "V", "VBG": "V", "VBN": "V", "VBP": "V", "VBZ": "V",
}
_CHUNK_RULES = (
    ("NP", re.compile(r"N*[DCc]*[RJ]*N+")),
    ("ADJP", re.compile(r"[cRJ]*J+")),
    ("VP", re.compile(r"(?:[MR]*V+)+")),
    ("VP", re.compile(r"M")),
    ("PP", re.compile(r"P+")),
    ("ADVP", re.compile(r"[RW]+")),
)


# No chunk rule matches across an "o" (punctuation and other tags), so a long sentence is cut
# into windows of at most this many tokens at an "o" (results unchanged); only a run of this
# many tokens without one is cut elsewhere. This keeps hostile sentences (thousands of
# adjectives with no noun: every start position rescans the run) linear.
_CHUNK_WINDOW = 256


def _windowed(rule: re.Pattern[str], codes: str):
    n = len(codes)
    if n <= _CHUNK_WINDOW:
        return rule.finditer(codes)
    return _windowed_long(rule, codes, n)


def _windowed_long(rule: re.Pattern[str], codes: str, n: int):
    pos = 0
    while pos < n:
        end = min(n, pos + _CHUNK_WINDOW)
        if end < n:
            cut = codes.rfind("o", pos, end)
            if cut > pos:  # cut where no rule can match across: results are unchanged
                end = cut
        yield from rule.finditer(codes, pos, end)
        pos = end


def _chunk_codes(codes: str) -> tuple[tuple[str, int, int], ...]:
    """``(label, first, last)`` of the chunks of a string of tag codes (one per token)."""
    iob = ["O"] * len(codes)
    for label, rule in _CHUNK_RULES:
        for m in _windowed(rule, codes):
            j = m.start()
            for k in range(m.start(), m.end()):
                if iob[k] != "O":
                    continue
                if k == j and codes[k] == "c":  # a conjunction does not start a chunk
                    j += 1
                else:
                    iob[k] = ("B-" if k == j else "I-") + label
    for i in range(len(iob) - 1):  # "Perhaps" (ADVP) + "you" (NP), not one NP
        if iob[i] == "B-NP" and codes[i] == "R" and codes[i + 1] != "J":
            iob[i], iob[i + 1] = "B-ADVP", "B-NP"
    out: list[tuple[str, int, int]] = []
    first = -1
    label = ""
    for i, tag in enumerate(iob + ["O"]):
        inside = tag.startswith("I-") and first >= 0 and tag[2:] == label
        if first >= 0 and not inside:
            out.append((label, first, i - 1))
            first = -1
        if tag != "O" and not inside:
            first, label = i, tag[2:]
    return tuple(out)


# Chunks never contain an "o" (no rule matches one), and a "P" (preposition) is matched by
# the PP rule only, whose P+ takes a whole run of them. So the chunks of a sentence are the
# chunks of its runs of P and of its runs between "o"s and "P"s, each found on its own (a
# rule's match starts, ends and continues nowhere else; a run starts with a B- or an O).
# Those runs are short and few ("DJN", "P", "V", "N", ...), so their chunks are computed
# once and kept in this table; a sentence then costs one look-up per run instead of one
# Python loop per token and rule. The window (see _windowed_long) cuts a sentence of more than
# _CHUNK_WINDOW tokens elsewhere than at an "o" only if it has more than _CHUNK_WINDOW - 2
# tokens without one; such a rare sentence (any "o"-free stretch over _MAX_RUN) goes through
# _chunk_codes whole, exactly as before.
#
# A run is cut further between two tokens that no rule's match can contain side by side (a
# noun before a verb, a verb before a determiner, ...): by the same argument the chunks of the
# pieces are the chunks of the run (no match crosses the cut, and the marks a match makes
# stay inside it). Pairs a match can contain, after each code: NP ``N*[DCc]*[RJ]*N+``:
# N -> NDCcRJ, D/C/c -> DCcRJN, R/J -> RJN; ADJP ``[cRJ]*J+``: c/R/J -> cRJ; VP
# ``(?:[MR]*V+)+``: M/R/V -> MRV; ADVP ``[RW]+``: R/W -> RW. Each code below is followed
# (lookahead) by the codes that may follow it within a match, so a run is a maximal stretch
# of such pairs. The pieces ("DJN", "MV", "N", ...) repeat far more than whole runs do, so
# the table below rarely misses, even on fresh text.
_RUN_RE = re.compile(
    r"(?:N(?=[NDCcRJ])|[DCc](?=[DCcRJN])|R(?=[RJNcMVW])|J(?=[RJNc])|[MV](?=[MRV])|W(?=[RW]))*"
    r"[NDCcRJMVW]|P+"
)
_MAX_RUN = 200
_RUN_CACHE_SIZE = 100_000


class _RunTable(dict):
    """Run -> its chunks ``(label, first, last)``; a missing run is computed (and kept while
    the table has room)."""

    def __missing__(self, run: str) -> tuple[tuple[str, int, int], ...]:
        chunks = _chunk_codes(run)
        if len(self) < _RUN_CACHE_SIZE:
            self[run] = chunks
        return chunks


_RUN_CHUNKS = _RunTable()
_new_tuple = tuple.__new__  # builds a Chunk without NamedTuple's Python-level __new__
_tag_of = itemgetter(3)  # Token.tag


def _chunks(tokens: Sequence[Token], text: str, offset: int) -> tuple[Chunk, ...]:
    codes = "".join(map(_TAG_CODE.get, map(_tag_of, tokens), repeat("o")))  # "o": other tags
    if len(codes) > _CHUNK_WINDOW and max(map(len, codes.split("o"))) > _MAX_RUN:
        runs = [(0, _chunk_codes(codes))]
    else:
        table = _RUN_CHUNKS
        runs = [(m.start(), table[m.group()]) for m in _RUN_RE.finditer(codes)]
    out = []
    append = out.append
    for base, chunks in runs:
        for label, first, last in chunks:
            first += base
            last += base
            s, e = tokens[first][0], tokens[last][1]
            append(_new_tuple(Chunk, (label, s, e, first, last, text[s - offset : e - offset])))
    return tuple(out)


def parse(text: str, skip: Sequence[Span] = ()) -> list[Sentence]:
    """Split, tokenize and tag ``text``; regions in ``skip`` are left out.

    Parameters
    ----------
    text : str
        The original text; every offset returned points into it.
    skip : sequence of Span
        Regions no sentence may touch (page clutter found by :mod:`framing.clutter`).

    Returns
    -------
    list of Sentence
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    sentences: list[Sentence] = []
    from_columns = Sentence._from_columns
    for s, e, p_no, starts, ends, words in _sentence_bounds(text, skip):
        # the Token tuples are built on first use of Sentence.tokens
        sentences.append(from_columns(s, e, text[s:e], p_no, tuple(starts), tuple(ends),
                                      tuple(words), tuple(tag_words(words))))
    return sentences
