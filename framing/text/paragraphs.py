"""Paragraphs: blank-line separated pieces of a text, around regions to skip."""

from __future__ import annotations

import re
from typing import Sequence

from framing.records import Span, _new_tuple

_PARA_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraphs(text: str, skip: Sequence[Span] = ()) -> list[Span]:
    """Paragraph spans (blocks separated by blank lines), trimmed, minus ``skip`` regions.

    Examples
    --------
    >>> paragraphs("Title\\n\\nFirst para.\\nStill first.\\n\\n  Second.  ")
    [Span(start=0, end=5), Span(start=7, end=31), Span(start=35, end=42)]
    """
    # plain (start, end) tuples until the output: a Span per piece and per subtracted piece
    # cost more than the rest of the function
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_RE.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    if skip:
        pieces = _subtract(pieces, sorted(skip))
    out: list[Span] = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append(_new_tuple(Span, (s, e)))
    return out


def _subtract(pieces: list[tuple[int, int]], skip: list[Span]) -> list[tuple[int, int]]:
    """``pieces`` (sorted, disjoint) minus the ``skip`` regions (sorted), in one pass over
    both: the regions are merged first, so that each is passed once (linear, however many
    regions a page has)."""
    merged: list[tuple[int, int]] = []
    for sp in skip:
        if merged and sp.start <= merged[-1][1]:
            if sp.end > merged[-1][1]:
                merged[-1] = (merged[-1][0], sp.end)
        else:
            merged.append((sp.start, sp.end))
    out: list[tuple[int, int]] = []
    k, m = 0, len(merged)
    for s, e in pieces:
        while k < m and merged[k][1] <= s:
            k += 1
        cur = s
        j = k
        while j < m and merged[j][0] < e:
            ks, ke = merged[j]
            if ks > cur:
                out.append((cur, ks))
            cur = max(cur, ke)
            if ke > e:
                break
            j += 1
        if cur < e:
            out.append((cur, e))
    return out


def _is_heading_line(line: str) -> bool:
    """A line that ends a sentence although it has no final punctuation (a headline)."""
    words = line.split()
    if not words or len(words) > 20 or line.rstrip()[-1] in ",;:-":
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return caps >= max(2, (len(words) + 1) // 2)
