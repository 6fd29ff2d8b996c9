"""Tokens: the project's tokenizer (regular expressions, character offsets), the
:class:`Token` and :class:`Chunk` tuples and the quotation-mark and abbreviation tables."""

from __future__ import annotations

import re
from itertools import accumulate, islice
from operator import sub
from typing import NamedTuple

from framing.records import Span


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

# Abbreviations that end a sentence as often as they sit inside one: name suffixes, company
# suffixes and street types ("... said Martin Luther King Jr. He ...", "on Main St. Police
# ..."). Like initialisms, they end a sentence only before a typical sentence opener
# (_SENTENCE_STARTERS); titles (Mr., Sen., Gov.) come before a name and never end one.
_MAY_END_ABBREVIATIONS = frozenset("Jr Sr St Inc Ltd Co Corp Bros Ave Blvd Rd etc al".split())

# Nouns that a single capital letter labels ("Plan B", "Group C", "vitamin D"): after them
# "B." is a label that may end a sentence, not a middle initial ("Donald J. Trump").
_LETTER_LABEL_NOUNS = frozenset(
    """plan group class category type vitamin hepatitis section article grade option phase
    stage level tier pool terminal gate zone area exhibit appendix schedule""".split()
)

# Words that start a new sentence after an initialism such as "U.S." ("... in the U.S. The
# ministry ..."), a single-letter initial or an abbreviation of _MAY_END_ABBREVIATIONS;
# anything else after them continues the sentence.
_SENTENCE_STARTERS = frozenset(
    """The A An He She It They We I You But And Yet So Still In On At This That These Those
    There His Her Its Their Our Mr Mrs Ms Dr Officials Meanwhile However""".split()
)

# The abbreviations as one alternative per first letter ("M(?:aj|on|r|...)"): the regex
# engine tries the abbreviation alternative at most tokens, and rejects a word on its first
# letter once instead of once per abbreviation. At most one abbreviation can be followed by
# the "." the pattern requires, so the order of the alternatives does not matter.
_ABBREV_ALT = "|".join(
    f"{first}(?:{'|'.join(sorted(a[1:] for a in ABBREVIATIONS if a[0] == first))})"
    for first in sorted({a[0] for a in ABBREVIATIONS})
)
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
# Some alternatives come first as a fast path (the regex engine otherwise tries the
# initialism, abbreviation, number and "n't" alternatives at every word before the plain
# word one). They find exactly what the full pattern finds there:
#
# - a run of ASCII letters not followed by a word character, ".", "-", "‐" or an apostrophe,
#   or followed by a clitic ("Trump's", "they're"), is what the "words" alternative matches
#   (the alternatives before it need a "." right after the letters, an apostrophe and a "t"
#   ("n't"), or start with "$" or a digit);
# - the single marks listed, and a "." not followed by another, are one-character tokens
#   (only the last alternatives, "—", "–", "…" and "any other single mark", start with them);
# - a run of two or more ASCII letters followed by "." is an abbreviation (the abbreviation
#   alternative, tried first as in the full pattern) or else what the "words" alternative
#   matches (an initialism needs a "." after its first letter).
_PIECE_RE = re.compile(
    r"\s*+(?:[A-Za-z]++(?:(?![\w.'’‐-])|(?=['’](?:s|re|ve|ll|d|m)\b))|[,;:()\"“”?!—–…]|\.(?!\.)"
    rf"|\b(?:{_ABBREV_ALT})\.(?=\s|$)|[A-Za-z]{{2,}}+(?=\.)|{_TOKEN_RE.pattern})",
    re.UNICODE,
)


def _tokens(text: str, start: int, end: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """Token starts, ends and words in ``text[start:end]``, which must not end with
    whitespace (paragraphs are trimmed): the same tokens as :func:`tokenize`.

    Tuples, so that a sentence's slices of them are the tuples its columns keep."""
    pieces = _PIECE_RE.findall(text, start, end)
    ends = tuple(islice(accumulate(map(len, pieces), initial=start), 1, None))
    words = tuple(map(str.lstrip, pieces))
    starts = tuple(map(sub, ends, map(len, words)))
    return starts, ends, words
