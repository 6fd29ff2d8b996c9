"""Quotations: one linear scan over the quotation marks of each paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from framing.records import Span
from framing.text import paragraphs


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: the text inside its marks, and where the marks are.

    Attributes
    ----------
    span : Span
        The quoted text without the enclosing marks (over paragraph breaks for a quotation
        running over several paragraphs).
    open : int
        Offset of the opening mark.
    close : int or None
        Offset of the closing mark; ``None`` when the quotation was never closed and was
        closed at the end of its paragraph.
    """

    span: Span
    open: int
    close: int | None


# A quotation mark: one of the characters, or "``" or "''". The pattern opens with a
# character class (a lone "`" is matched too, and skipped), which the regex engine scans for
# far faster than for the alternation ``|''|[...]: the same marks, at the same offsets.
_MARK_RE = re.compile(r"[`'\"“”„«»‹›‘’‚](?:(?<=`)`|(?<=')')?")
_DOUBLE_OPEN = frozenset(["“", "„", "«", "``", "‹"])
_DOUBLE_CLOSE = frozenset(["”", "»", "''", "›"])
_SINGLE_OPEN = frozenset(["‘", "‚"])
_OPEN_BEFORE = frozenset(" \t\n\r([{—–-/:;\u00a0") | _DOUBLE_OPEN | {'"'}
MAX_QUOTE_DEPTH = 2


def find_quotations(text: str, paras: Sequence[Span] | None = None) -> list[Quotation]:
    """The top-level quotations of ``text``, in order, in time linear in its length.

    Parameters
    ----------
    text : str
    paras : sequence of Span, optional
        Paragraph spans (default: :func:`framing.text.paragraphs` of the text). Quotations
        never start outside them; a quotation still open at the end of a paragraph goes on
        when the next paragraph opens with a quotation mark (the convention for quotations
        running over several paragraphs) and is closed at the paragraph end otherwise.

    Examples
    --------
    >>> t = "He said: “Yes.” ‘I don’t know,’ she said. “Still open"
    >>> [t[slice(*q.span)] for q in find_quotations(t)]
    ['Yes.', 'I don’t know,', 'Still open']
    >>> t = '“First paragraph.\\n\\n“Second one,” he said.'
    >>> [t[slice(*q.span)] for q in find_quotations(t)]
    ['First paragraph.\\n\\n“Second one,']
    """
    if paras is None:
        paras = paragraphs(text)
    out: list[Quotation] = []
    stack: list[tuple[str, int]] = []  # (family "d" or "s", offset of the opening mark)
    n_paras = len(paras)
    for p_i, (ps, pe) in enumerate(paras):
        skip_first = -1
        if stack:
            skip_first = ps  # continuation mark already checked below
        for m in _MARK_RE.finditer(text, ps, pe):
            i, j = m.span()
            if i == skip_first:
                continue
            mark = m.group()
            if mark == "`":
                continue  # a lone backquote is no mark
            prev = text[i - 1] if i > ps else " "
            nxt = text[j] if j < pe else " "
            _step(mark, i, j, prev, nxt, stack, out, text)
        if stack:
            # open at the end of the paragraph: continue when the next paragraph opens
            # with a quotation mark of the outer quotation's family, else close here
            nxt_para = paras[p_i + 1] if p_i + 1 < n_paras else None
            family = stack[0][0]
            if nxt_para is not None and _opens(text, nxt_para.start, family):
                continue
            _close_all(stack, out, text, pe, None)
    return out


def _opens(text: str, i: int, family: str) -> bool:
    c = text[i : i + 1]
    if family == "d":
        return c in ("“", '"', "«", "„") or text.startswith("``", i)
    return c in ("‘", "'")


def _close_all(stack, out, text, end, close_at):
    start = stack[0][1]
    family_len = 2 if text.startswith(("``", "''"), start) else 1
    s = start + family_len
    e = end
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    if e > s:
        out.append(Quotation(Span(s, e), start, close_at))
    stack.clear()


def _step(mark, i, j, prev, nxt, stack, out, text):
    """Process one quotation mark (one rule per mark class, each O(1) amortised)."""
    if mark in _DOUBLE_OPEN or (mark == '"' and not _has(stack, "d") and _can_open(prev, nxt)):
        if _has(stack, "d"):  # an opening mark while open: the earlier one was never closed
            _pop_to(stack, "d", out, text, i)
        if len(stack) < MAX_QUOTE_DEPTH:
            stack.append(("d", i))
        return
    if mark in _DOUBLE_CLOSE or mark == '"':
        if _has(stack, "d"):
            _pop_to(stack, "d", out, text, i, closed=True)
        return
    # single marks: ' ‘ ’ ‚
    if prev.isalnum() and nxt.isalpha():
        return  # apostrophe inside a word: don't, Clinton's, O'Brien
    if mark in _SINGLE_OPEN or (mark == "'" and not _top_is(stack, "s")):
        if mark == "'" or mark == "‘":
            if prev not in _OPEN_BEFORE and not prev.isspace():
                return
            if not (nxt.isalnum() or nxt in "“\"….$"):
                return
            if nxt.isdigit() and mark == "'":
                return  # '90s
        if len(stack) < MAX_QUOTE_DEPTH and not _has(stack, "s"):
            stack.append(("s", i))
        return
    # ’ or ' as a possible closing mark
    if _has(stack, "s") and not prev.isspace() and not nxt.isalnum():
        _pop_to(stack, "s", out, text, i, closed=True)


def _has(stack, family) -> bool:
    return any(f == family for f, _ in stack)


def _top_is(stack, family) -> bool:
    return bool(stack) and stack[-1][0] == family


def _can_open(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()


def _pop_to(stack, family, out, text, i, closed=False):
    while stack and stack[-1][0] != family:
        stack.pop()
    if not stack:
        return
    if len(stack) == 1:
        _close_all(stack, out, text, i, i if closed else None)
    else:
        stack.pop()
