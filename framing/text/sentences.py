"""Sentence boundaries: the project's sentence splitter (abbreviations, quotation marks,
headings), with a cap on run-on sentences so every later step stays linear."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Sequence

from framing.records import Span
from framing.text.tokens import (
    OPENING_QUOTES,
    STRAIGHT_QUOTES,
    _CLOSERS,
    _FINAL_PUNCT,
    _LETTER_LABEL_NOUNS,
    _MAY_END_ABBREVIATIONS,
    _SENTENCE_STARTERS,
    _tokens,
)
from framing.text.paragraphs import _is_heading_line, paragraphs


def split_sentences(text: str, skip: Sequence[Span] = ()) -> list[Span]:
    """Sentence spans of ``text``, outside the ``skip`` regions (page clutter).

    Sentences never cross a paragraph break. Within a paragraph a sentence ends at ``.``,
    ``!``, ``?`` or an ellipsis (with any closing quotation marks or brackets after it) when
    the next token starts a new sentence. Titles and most abbreviations (``Mr.``, ``Sen.``,
    ``Feb.``) do not end one; initialisms (``U.S.``), single-letter initials (``Donald J.
    Trump``) and suffixes such as ``Jr.``, ``St.`` or ``Inc.`` end one only before a typical
    sentence opener ("The", "He", ...), except a letter after a noun it labels ("Plan B."),
    which ends one like any word. A line without final punctuation that looks like a
    headline ends a sentence too.

    Examples
    --------
    >>> text = 'Talks End Without Deal\\nThe U.S. envoy left. "It failed," he said.'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Talks End Without Deal', 'The U.S. envoy left.', '"It failed," he said.']
    >>> text = "Donald J. Trump backed Plan B. The talks ended."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Donald J. Trump backed Plan B.', 'The talks ended.']
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
                if j == c + 1 < n and len(words[c - 1]) == 1 and _is_initial(words, starts, ends, c):
                    boundary = words[j] in _SENTENCE_STARTERS  # "Donald J. Trump"
                else:
                    boundary = j >= n or _starts_sentence(words[j])
            elif tok.endswith(".") and len(tok) > 1 and tok[:-1].replace(".", "").isalpha():
                # an initialism ("U.S.") or a suffix such as "Jr." or "Inc."; titles
                # ("Sen.", "Gov.") and the other abbreviations never end a sentence
                if j < n and (tok.count(".") >= 2 or tok[:-1] in _MAY_END_ABBREVIATIONS):
                    boundary = words[j] in _SENTENCE_STARTERS
            if not boundary and j < n and j in after_newline:
                # a newline between this token and the next, after a heading-like line
                line_start = text.rfind("\n", ps, ends[j - 1]) + 1
                boundary = _is_heading_line(text[line_start : ends[j - 1]])
            if boundary or j >= n:
                if j - begin <= MAX_SENTENCE_TOKENS:  # what _capped yields, without a generator
                    yield starts[begin], ends[j - 1], p_no, starts[begin:j], ends[begin:j], words[begin:j]
                else:
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


def _is_initial(words: Sequence[str], starts: Sequence[int], ends: Sequence[int], c: int) -> bool:
    """Whether the full stop ``words[c]`` closes a single-letter initial ("J." in "Donald J.
    Trump", "George H. W. Bush", "J. Edgar Hoover"), as opposed to a letter that labels
    something ("Plan B.", "vitamin D."), which may end a sentence like any other word.

    The tokenizer splits "J." into "J" and ".", so the letter is the token before the stop,
    glued to it and not glued to a word before it ("AT&T." is no initial)."""
    if c == 0:
        return False
    letter = words[c - 1]
    if len(letter) != 1 or not letter.isupper() or starts[c] != ends[c - 1]:
        return False
    if c >= 2:
        before = words[c - 2]
        if starts[c - 1] == ends[c - 2] and before not in _OPENERS:
            return False
        if before.lower() in _LETTER_LABEL_NOUNS:
            return False
    return True


_OPENERS = OPENING_QUOTES | STRAIGHT_QUOTES | {"(", "["}


def _starts_sentence(word: str) -> bool:
    c = word[0]
    return c.isupper() or c.isdigit() or c in _OPENERS
