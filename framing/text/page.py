"""Page structure: the parts of a news page as spans, and which of them are the article body.

A wire article copied from a web page (or extracted from a saved one) carries more than its
body: the headline, section and date lines, photo captions with their credits, the dateline
("MOSCOW, Feb 2 (Reuters) -") wherever it sits, reporting and editing credits, and closing
lists of links. :func:`find_page` finds them without site-specific rules, from the shape of
each line (on top of :func:`framing.text.clutter.find_clutter`), and returns every part as a
:class:`~framing.records.PagePart` with offsets into the text. Everything that is neither
``body`` nor ``headline`` is skipped by every extractor (a caption describes a photo; it is
not the outlet reporting). The headline is the outlet's own words and is analysed like the
body (its framing counts); it becomes the document's title when it has none.

The rules:

- **headline**: the first non-blank line, when it is not clutter, has at most
  :data:`MAX_HEADLINE_WORDS` words, does not end like a sentence that goes on (``.``,
  ``,``, ``:``, ``;``), is followed by a line break (not by a lower-case line that goes on
  with its sentence), and an article line (a sentence of
  some length) comes after it. A text that is all article has no headline;
- **section** and **date** lines, **byline**, **dateline**, **credit**, **related** lists and
  the other clutter: as :func:`~framing.text.clutter.find_clutter` finds them;
- **caption** and **photo_credit**: a caption line is split where its credit starts (the
  last sentence before "... via REUTERS", "REUTERS/...", "(AP Photo/...)", "(Photo by ...
  / AFP)"); a line that is only a credit is a ``photo_credit``;
- **body**: the paragraphs left.

Each rule reads one line (at most a few hundred characters of it): linear in the text.

Examples
--------
>>> from framing.text.page import find_page
>>> text = ("Talks stall in Geneva\\n\\nA delegate arrives in Geneva, Switzerland, March 3, 2026. "
...         "REUTERS/Jane Doe\\n\\nGENEVA, March 3 (Reuters) - Talks on the buffer zone stalled "
...         "on Tuesday, officials said.\\n\\n(Reporting by Jane Doe; Editing by Alex Roe)")
>>> page = find_page(text)
>>> [(p.kind, p.text) for p in page.parts]  # doctest: +NORMALIZE_WHITESPACE
[('headline', 'Talks stall in Geneva'),
 ('caption', 'A delegate arrives in Geneva, Switzerland, March 3, 2026.'),
 ('photo_credit', 'REUTERS/Jane Doe'),
 ('dateline', 'GENEVA, March 3 (Reuters)'),
 ('body', 'Talks on the buffer zone stalled on Tuesday, officials said.'),
 ('credit', '(Reporting by Jane Doe; Editing by Alex Roe)')]
>>> page.dateline.place, page.dateline.date, page.dateline.agency
('GENEVA', 'March 3', 'Reuters')
>>> page.title
'Talks stall in Geneva'
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from operator import attrgetter

from framing.records import Dateline, PagePart, Span
from framing.text.clutter import (
    _CAPTION_TAIL_RE,
    _PHOTO_CREDIT_RE,
    _find_clutter,
    _full,
    _is_body_line,
    _lines,
    dateline_parts,
)
from framing.text.paragraphs import paragraphs

__all__ = ["Page", "find_page", "PART_KINDS", "MAX_HEADLINE_WORDS"]

#: The kinds of :class:`~framing.records.PagePart` (the other kinds of page clutter of
#: :data:`framing.text.clutter.KINDS` keep their names).
PART_KINDS = ("headline", "section", "date", "byline", "caption", "photo_credit", "dateline",
              "body", "credit", "related")

#: A headline has at most this many words.
MAX_HEADLINE_WORDS = 30
# A photo credit split off a caption has at most this many words.
MAX_PHOTO_CREDIT_WORDS = 12
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]* +(?=\S)")


@dataclass(frozen=True)
class Page:
    """What :func:`find_page` found.

    Attributes
    ----------
    parts : tuple of PagePart
        Every part, body included, sorted by offset and disjoint.
    dateline : Dateline or None
        The dateline with its place, date and agency.
    title : str or None
        The headline's text.
    byline : str or None
        The first byline ("By Jane Doe").
    skip : tuple of Span
        What the extractors leave out: every part but the body and the headline (a dateline
        with its dash).
    """

    parts: tuple[PagePart, ...] = ()
    dateline: Dateline | None = None
    title: str | None = None
    byline: str | None = None
    skip: tuple[Span, ...] = ()

    def of_kind(self, *kinds: str) -> list[PagePart]:
        """The parts of the given kinds, in text order."""
        return [p for p in self.parts if p.kind in kinds]


def _headline(text: str, lines: list[tuple[int, int]], taken: list[Span]) -> Span | None:
    """The headline line, or None (see the module's rules)."""
    # the non-blank lines, read only as far as the rules need
    nonblank = ((s, e) for s, e in lines if s < e)
    first = next(nonblank, None)
    second = next(nonblank, None)
    if first is None or second is None:
        return None
    taken = sorted(taken)
    starts = [t.start for t in taken]

    def overlap(a: int, b: int) -> Span | None:
        """The taken span overlapping [a, b), if any (taken spans are disjoint)."""
        k = bisect_right(starts, b - 1) - 1
        return taken[k] if k >= 0 and taken[k].end > a else None

    s, e = first
    if overlap(s, e) is not None:
        return None
    line = text[s:e]
    if len(line) > 300 or len(line.split()) > MAX_HEADLINE_WORDS or line[-1] in ".,:;-–—":
        return None
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in "'\"‘“"):
        return None
    ns = second[0]
    if text[ns : ns + 1].islower() and text.count("\n", e, ns) < 2:
        return None  # a hard-wrapped paragraph goes on in the next line
    for ls, le in itertools.chain((second,), nonblank):
        t = overlap(ls, le)
        if t is not None and t.start <= ls and le <= t.end:
            continue
        piece = text[ls:le]
        if t is not None:  # a dateline and its lead
            return Span(s, e)
        return Span(s, e) if _is_body_line(piece) else None
    return None


def _caption_parts(text: str, s: int, e: int) -> list[PagePart]:
    """A caption line as a caption and its photo credit."""
    line = text[s:e]
    cut = len(line) - min(len(line), 160)
    m = _CAPTION_TAIL_RE.search(line, cut)
    if m is None:
        kind = "photo_credit" if _full(_PHOTO_CREDIT_RE, line) else "caption"
        return [PagePart(kind, Span(s, e), line)]
    start = m.start()
    if line[start] != "(":
        ends = [x.end() for x in _SENTENCE_END_RE.finditer(line, 0, start + 1)]
        if ends:
            start = ends[-1]
        elif len(line[:start].split()) <= MAX_PHOTO_CREDIT_WORDS:
            start = 0
    if len(line[start:].split()) > MAX_PHOTO_CREDIT_WORDS:
        start = m.start()
    out = []
    desc_end = start
    while desc_end > 0 and line[desc_end - 1].isspace():
        desc_end -= 1
    if desc_end > 0:
        out.append(PagePart("caption", Span(s, s + desc_end), line[:desc_end]))
    out.append(PagePart("photo_credit", Span(s + start, e), line[start:]))
    return out


def find_page(text: str) -> Page:
    """The structure of a page: headline, section and date lines, captions and their
    credits, dateline, body, reporting credits and link lists, as spans.

    Parameters
    ----------
    text : str
        The page as text (pasted, or extracted from HTML); offsets point into it.

    Returns
    -------
    Page
        ``parts`` (body included), ``dateline`` (with place, date, agency), ``title``,
        ``byline``; ``Page.skip`` is what the extractors leave out.

    Examples
    --------
    >>> page = find_page("Officials said the talks may resume.")
    >>> [(p.kind, p.text) for p in page.parts], page.title, page.dateline
    ([('body', 'Officials said the talks may resume.')], None, None)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    lines = _lines(text)
    found = _find_clutter(text, lines)
    parts: list[PagePart] = []
    dateline = None
    for r in found.regions:
        if r.kind == "caption":
            parts.extend(_caption_parts(text, r.start, r.end))
        elif r.kind == "dateline":
            dl = found.dateline or ""
            piece = text[r.start : r.end]
            k = piece.find(dl) if dl else -1
            span = Span(r.start + k, r.start + k + len(dl)) if k >= 0 else Span(r.start, r.end)
            if dateline is None and k >= 0:
                place, date, agency = dateline_parts(dl)
                dateline = Dateline(span, dl, place, date, agency)
            parts.append(PagePart("dateline", span, text[span.start : span.end]))
        else:
            parts.append(PagePart(r.kind, r.span, text[r.start : r.end]))
    taken = [p.span for p in parts]
    head = _headline(text, lines, taken)
    title = None
    if head is not None:
        title = text[head.start : head.end]
        parts.append(PagePart("headline", head, title))
    # the parts and the whole clutter regions (a dateline with its dash, a caption line with
    # its credit) are skipped; the headline is not (it is the outlet's own words)
    skip = sorted([p.span for p in parts if p.kind != "headline"] + [r.span for r in found.regions])
    for p in paragraphs(text, skip + ([head] if head is not None else [])):
        parts.append(PagePart("body", p, text[p.start : p.end]))
    parts.sort(key=attrgetter("span"))  # a Span sorts as (start, end)
    return Page(tuple(parts), dateline, title, found.byline, tuple(_merge(skip)))



def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in sorted(spans):
        if out and sp.start <= out[-1].end:
            if sp.end > out[-1].end:
                out[-1] = Span(out[-1].start, sp.end)
            continue
        out.append(sp)
    return out
