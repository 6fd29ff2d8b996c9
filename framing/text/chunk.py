"""Phrase chunks: textblob's pattern chunker rules run over tag codes, cached per tag run."""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Sequence

from framing.records import _new_tuple
from framing.text.tokens import Chunk, Token


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
_tag_of = itemgetter(3)  # Token.tag


def _chunks(tokens: Sequence[Token], text: str, offset: int) -> tuple[Chunk, ...]:
    codes = "".join(map(_TAG_CODE.get, map(_tag_of, tokens), repeat("o")))  # "o": other tags
    if len(codes) > _CHUNK_WINDOW and max(map(len, codes.split("o"))) > _MAX_RUN:
        runs = [(0, _chunk_codes(codes))]
    else:
        table = _RUN_CHUNKS
        runs = [(m.start(), table[m.group()]) for m in _RUN_RE.finditer(codes)]
    out: list[Chunk] = []
    append = out.append
    for base, chunks in runs:
        for label, first, last in chunks:
            first += base
            last += base
            s, e = tokens[first][0], tokens[last][1]
            append(_new_tuple(Chunk, (label, s, e, first, last, text[s - offset : e - offset])))
    return tuple(out)
