"""Page clutter: the text around an article that is not the article.

A wire story republished on a news site arrives with a dateline ("MOSCOW, Feb 2 (Reuters) -"),
a byline, photo captions ending "via REUTERS", a "(Reporting by ...; Editing by ...)" credit,
"Follow us on ..." and "Sign up for ..." lines, share buttons, a copyright line and a
"Next In World" list of headlines. :func:`find_clutter` finds such regions in plain text and
returns them as spans into the original text; every extractor skips them (the text layer
parses around them), so offsets still point into the text the user passed in. The dateline
and the byline also become fields.

The rules are line-based and conservative: a line is clutter only when the whole line has
the shape of a clutter line (or, for datelines and trailing credits, when a fixed-shape
prefix or suffix of it does). A text that is all article yields no clutter. Each rule looks
at one line, at most a few hundred characters of it, so the cost is linear in the text.

Examples
--------
>>> from framing.text.clutter import find_clutter
>>> text = ("Talks stall\\nBy Jane Doe\\n\\nMOSCOW, Feb 2 (Reuters) - Russia said talks had stalled."
...         "\\n\\n(Reporting by Jane Doe; Editing by Alex Roe)")
>>> found = find_clutter(text)
>>> found.dateline, found.byline
('MOSCOW, Feb 2 (Reuters)', 'By Jane Doe')
>>> [(r.kind, text[r.start:r.end]) for r in found.regions]  # doctest: +NORMALIZE_WHITESPACE
[('byline', 'By Jane Doe'), ('dateline', 'MOSCOW, Feb 2 (Reuters) -'),
 ('credit', '(Reporting by Jane Doe; Editing by Alex Roe)')]
>>> find_clutter("Russia said talks had stalled.").regions
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from framing.records import Span

__all__ = ["Clutter", "Region", "find_clutter", "dateline_parts", "dateline_end", "KINDS"]

#: The kinds of clutter :func:`find_clutter` reports.
KINDS = (
    "dateline",  # "MOSCOW, Feb 2 (Reuters) -" (only the prefix of its line)
    "byline",  # "By Jane Doe"
    "credit",  # "(Reporting by ...; Editing by ...)", "... contributed to this report."
    "caption",  # photo captions and photo credits: "... via REUTERS", "(Photo: ...)"
    "social",  # "Follow us on ...", "Follow Jane Doe on Twitter @jdoe"
    "signup",  # "Sign up for ...", "Subscribe to ...", "Click here ..."
    "related",  # "Next In World", "Others Also Read", "Read more: ..." and their lists
    "ad",  # "Advertisement", "Story continues below advertisement"
    "copyright",  # "© 2024 Reuters. All rights reserved."
    "share",  # share buttons: "Share", "Tweet", "Facebook Twitter Email"
    "marker",  # extraction markers: "ABSTRACT.", "FULL TEXT."
    "timestamp",  # "6 years ago", "This article is more than 2 years old"
    "section",  # a section line at the head of a page: "• World", "World > Europe"
    "date",  # a date line at the head of a page: "Tuesday, 03 Feb 2026", "February 2, 2026 10:31 AM GMT"
)

# Lines longer than this are never whole-line clutter (captions excepted); a rule never
# reads more than this many characters of a line, which keeps every rule linear.
MAX_CLUTTER_LINE = 400
# A headline in a "Next In World" list has at most this many words.
MAX_HEADLINE_WORDS = 25
# Datelines are looked for in the first few non-blank lines that are not clutter (title,
# section lines, lead), wherever captions and credits put them.
DATELINE_LINES = 4

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_AGENCY = (
    r"(?:Reuters|REUTERS|AP|The Associated Press|Associated Press|AFP|Bloomberg|UPI|dpa|DPA"
    r"|Xinhua|IANS|PTI|ANI|CNN|ABC|BBC|TASS|Interfax|Anadolu|Kyodo|Yonhap|EFE|ANSA)"
)
_CITY_WORD = r"[A-Z][A-Za-z.'’-]{0,25}"
# "MOSCOW, Feb 2 (Reuters) -", "Dec 29 (Reuters) -", "UNITED NATIONS (AP) —",
# "Moscow (AFP) -", "LONDON/PARIS, Feb. 2 (Reuters) -"
_DATELINE_AGENCY_RE = re.compile(
    rf"(?P<dl>(?:{_CITY_WORD}(?:[ /]{_CITY_WORD}){{0,3}}(?:, {_CITY_WORD}(?: {_CITY_WORD}){{0,2}})?,? )?"
    rf"(?:{_MONTH} \d{{1,2}}(?:, \d{{4}})? )?\({_AGENCY}\))[ \t]*[-–—]{{1,2}}"
)
# "WASHINGTON —", "NEW YORK, N.Y. -", "DES MOINES, Iowa —": an all-capitals city and a dash.
_CAPS_WORD = r"[A-Z][A-Z.'’-]+"
_DATELINE_CAPS_RE = re.compile(
    rf"(?!(?:FILE|UPDATE|UPDATED|CORRECTION|BREAKING|EXCLUSIVE|ANALYSIS|OPINION|WATCH|NOTE)\b)"
    rf"(?P<dl>{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}(?:, {_CITY_WORD}(?: {_CITY_WORD}){{0,2}})?"
    rf"(?:,? {_MONTH} \d{{1,2}})?)[ \t]+[-–—]{{1,2}}(?=[ \t]+\S)"
)

_NAME = r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|de|van|von|da|del|la|le|bin|al|el)){0,3}"
_BYLINE_RE = re.compile(
    rf"(?:By|BY) {_NAME}(?: ?\( ?@\w+ ?\))?(?:(?:, | and | & |, and ){_NAME}(?: ?\( ?@\w+ ?\))?){{0,4}}"
    rf"(?: ?[,|/–—-] ?(?:The |the )?[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){{0,4}})?"
)

_CREDIT_LINE_RE = re.compile(
    r"\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch|"
    r"[Ff]act[- ]checking|[Gg]raphics?) by\b[^\n]*"
)
_CREDIT_TAIL_RE = re.compile(
    r"\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch) by\b"
    r"[^()\n]{1,300}\)\s*$"
)
_CONTRIBUTED_RE = re.compile(
    r"(?:[\w'’.-]+,? ){1,15}(?:also )?contributed (?:to this (?:report|story|article)|reporting)"
    r"(?: from [\w ,.'’-]{1,60})?\.?"
)

# A photo caption or credit ends its line with one of these.
_CAPTION_TAIL_RE = re.compile(
    r"(?:\bvia REUTERS|\bREUTERS/[A-Z][\w.'’ -]{0,60}?(?:/File Photo|/Pool)?"
    r"|\bAP Photo/ ?[A-Z][\w.'’ ,/-]{0,80}?|\((?:AP |AFP |Reuters )?Photo(?: credit)?(?::| by)[^()\n]{1,120}\)"
    r"|\bvia Getty Images|\bGetty Images(?:/iStockphoto)?|/AFP|/(?:Getty|Reuters|AP|AFP|EPA|Pool))"
    r"[ .)\]]*$"
)
# ... or is a short credit line by itself: "Getty.", "Handout/Reuters.", "John Moore/Getty Images."
_PHOTO_CREDIT_RE = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|[a-z]{1,3})(?: |/)){0,5}(?:Getty(?: Images)?|Reuters|REUTERS|AP Photo|AFP|EPA"
    r"|Shutterstock|iStock|Pool)(?:/[A-Z][\w]*)*\.?"
)
_PHOTO_PREFIX_RE = re.compile(
    r"(?:(?:Photo|PHOTO|Image|IMAGE|Pictured|FILE PHOTO)(?: credit)?: |FILE [-–—] |Image (?:copyright|caption) "
    r"|Media (?:caption|playback is unsupported)|Slideshow \(\d+ [Ii]mages?\)$)"
)
# Captions are long-ish but not paragraphs; a longer line keeps its article text.
MAX_CAPTION_WORDS = 120

_PLATFORMS = (
    r"(?:Twitter|X|Facebook|Instagram|WhatsApp|Telegram|LinkedIn|YouTube|TikTok|Threads|Bluesky"
    r"|Mastodon|Google News|Flipboard|Snapchat|Reddit|our|the official|social media)\b"
)
_SOCIAL_RE = re.compile(
    rf"(?:_+\.? |- )?(?:Follow|FOLLOW|Like|Join) (?:us|@\w+|{_NAME}(?: and {_NAME})?|(?:the|our) [\w ]{{1,40}}?)"
    rf" (?:[Oo]n|at|via|@)[^\n]*"
    r"|(?:- )?(?:Follow @\w+ ?)+"
    r"|(?:Send (?:your )?tips to|Have a tip\?|Contact (?:me|us|the author) at) [^\n]*"
)
_SOCIAL_WORD_RE = re.compile(rf"\b{_PLATFORMS}|@\w|\w@|https?://|www\.")
_SIGNUP_RE = re.compile(
    r"(?:Sign up|SIGN UP|Subscribe|SUBSCRIBE|Click here|CLICK HERE|Get our|Download (?:our|the) app"
    r"|Register now|Don't miss|Don’t miss|Get news from)\b[^\n]*"
    r"|Interested in [^?\n]{1,80}\? Add [^\n]*"
)
# Markers that open a list of links to other stories.
_RELATED_MARKER_RE = re.compile(
    r"(?:Next [Ii]n [A-Z][\w&]*(?: [A-Z][\w&]*)?|Others [Aa]lso [Rr]ead|Also [Rr]ead|Read [Aa]lso"
    r"|Read [Mm]ore|READ MORE|Related(?: [A-Z]\w+)?|RELATED(?: \w+)?|More [Ff]rom [A-Z][\w ]{0,30}"
    r"|More [Oo]n [Tt]his [Ss]tory|More [Ss]tories|Most [Rr]ead|Most [Pp]opular|Trending(?: [Nn]ow)?"
    r"|Recommended(?: [Ss]tories| for [Yy]ou)?|You [Mm]ay [Aa]lso [Ll]ike|You [Mm]ight [Aa]lso [Ll]ike"
    r"|Top [Ss]tories|Latest [Nn]ews|Read [Nn]ext|Up [Nn]ext|What to [Rr]ead [Nn]ext|See [Aa]lso"
    r"|Editor[’']?s [Pp]icks|Popular [Nn]ow|In [Oo]ther [Nn]ews|Full [Cc]overage)"
)
_AD_LINES = frozenset(
    s.lower()
    for s in (
        "Advertisement", "Advertisements", "ADVERTISEMENT", "Ad", "Sponsored", "Sponsored content",
        "Story continues below advertisement", "Story continues below", "Advertisement - story continues below",
        "Continue reading the main story", "Skip advertisement", "Scroll to continue with content",
        "Continue reading", "Continue reading below", "Article continues below",
        "Article continues after this advertisement", "Paid content", "Promoted content",
    )
)
# No ad line is longer (lower-cased, final colons stripped; lower-casing never shortens).
_AD_LONGEST = max(len(a) for a in _AD_LINES)
_COPYRIGHT_RE = re.compile(
    r"(?:©|\([Cc]\) |Copyright (?:©|\([Cc]\))? ?\d{4}|COPYRIGHT \d{4})[^\n]*|[^\n]*All [Rr]ights [Rr]eserved\.?"
    r"|This material may not be published, broadcast, rewritten,? or redistributed\.?"
    r"|Content created by [^\n]{1,80} is available without charge [^\n]*"
)
# A copyright line starts with one of these or ends "All Rights Reserved(.)".
_COPYRIGHT_STARTS = ("©", "(c) ", "(C) ", "Copyright ", "COPYRIGHT ", "This material ", "Content created by ")
_TIMESTAMP_RE = re.compile(
    r"(?:(?:Updated|Published|Posted|Last updated):? )?\d{1,3} (?:seconds?|minutes?|mins?|hours?|hrs?|days?"
    r"|weeks?|months?|years?) ago|This article is more than \d{1,3} (?:days?|weeks?|months?|years?) old"
)
_SHARE_CORE = frozenset(
    "share tweet email e-mail print facebook twitter whatsapp linkedin reddit pinterest telegram "
    "messenger flipboard".split()
)
_SHARE_OTHER = frozenset("this on via article story page link copy to x comments comment save pin".split())
_SHARE_WORD_RE = re.compile(r"[^\s|,/·•]+")
_MARKER_LINES = frozenset({"ABSTRACT.", "ABSTRACT", "FULL TEXT.", "FULL TEXT", "___", "* * *", "***"})

_FINAL_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")

# Head-of-page lines (before the first body line only): a bulleted section name or a
# breadcrumb ("• World", "World > Europe"), and a line that is only a date and time.
_BULLET = r"[•·▪►*|]"
_SECTION_RE = re.compile(
    rf"{_BULLET} ?[A-Z][\w&'’.-]*(?: [A-Za-z&][\w&'’.-]*){{0,3}}"
    r"|[A-Z][\w&'’.-]*(?: [A-Za-z&][\w&'’.-]*){0,2}(?: ?[>›»|] ?[A-Z][\w&'’.-]*(?: [A-Za-z&][\w&'’.-]*){0,2}){1,3}"
)
_DAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?: ?[AaPp]\.?[Mm]\.?)?(?: [A-Z]{2,5}(?:[+-]\d{1,2})?)?"
_DATE_CORE = (
    rf"(?:{_DAY},? )?(?:\d{{1,2}} {_MONTH},? \d{{4}}|{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_DATE_LINE_RE = re.compile(
    rf"(?:{_BULLET} ?)?(?:(?:Updated|Published|Posted|Last updated|UPDATED|PUBLISHED):? )?"
    rf"(?:{_TIME},? )?{_DATE_CORE}(?:,? (?:at )?{_TIME})?(?: ?[|,] ?(?:Updated|Published):? [^\n]{{1,40}})?"
)


class Region(NamedTuple):
    """One clutter region: a span of the original text and the rule that found it."""

    start: int
    end: int
    kind: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True)
class Clutter:
    """What :func:`find_clutter` found: regions to skip, and the dateline and byline.

    Attributes
    ----------
    regions : tuple of Region
        Sorted, non-overlapping regions with the kind of clutter each one is.
    dateline : str or None
        The first dateline, without its dash: ``"MOSCOW, Feb 2 (Reuters)"``.
    byline : str or None
        The first byline line: ``"By Jane Doe"``.
    """

    regions: tuple[Region, ...] = ()
    dateline: str | None = None
    byline: str | None = None

    @property
    def spans(self) -> list[Span]:
        """The regions as spans, ready for :attr:`framing.Document.clutter`."""
        return [r.span for r in self.regions]


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, trimmed of surrounding whitespace (blank lines too)."""
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _full(pattern: re.Pattern[str], line: str) -> bool:
    return len(line) <= MAX_CLUTTER_LINE and pattern.fullmatch(line) is not None


def _is_share_line(line: str) -> bool:
    if len(line) > 120:
        return False
    first = _SHARE_WORD_RE.search(line)
    if first is None:
        return False
    w = first.group().lower().strip(":")
    if w not in _SHARE_CORE and w not in _SHARE_OTHER:
        return False  # most short lines: their first word is no share word
    words = _SHARE_WORD_RE.findall(line)
    if not 0 < len(words) <= 12:
        return False
    core = False
    for w in words:  # stops at the first word of no share line
        w = w.lower().strip(":")
        if w in _SHARE_CORE:
            core = True
        elif w not in _SHARE_OTHER:
            return False
    return core


def _is_caption(line: str) -> bool:
    end = line[-160:]
    # every caption tail names REUTERS, a Photo, Getty or a slash-separated credit
    tail = ("/" in end or "REUTERS" in end or "Photo" in end or "Getty" in end) and (
        _CAPTION_TAIL_RE.search(end) is not None
    )
    prefix = _PHOTO_PREFIX_RE.match(line) is not None
    if prefix and tail:  # "FILE - In this ... photo ... (AP Photo/Jane Doe, File)": any length
        return True
    if prefix or tail:
        return line.count(" ") + 1 <= MAX_CAPTION_WORDS
    # a photo credit line has at most 6 spaces (five words, then the agency): counted in its
    # first 60 characters first, which rejects an article line sooner
    return (
        len(line) <= MAX_CLUTTER_LINE
        and line.count(" ", 0, 60) <= 6
        and line.count(" ") <= 6
        and _PHOTO_CREDIT_RE.fullmatch(line) is not None
    )


def _is_headline(line: str) -> bool:
    """A short line without a final full stop: an item in a list of links."""
    if len(line) > 200 or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    m = _FINAL_RE.search(line[-6:])
    return m is None or m.group()[0] in "?!"


def _is_body_line(line: str) -> bool:
    """A line of article text: a sentence of some length that ends like one."""
    return len(line.split()) >= 8 and _FINAL_RE.search(line[-6:]) is not None


def _line_kind(line: str) -> str | None:
    """The kind of a whole line of clutter, or None when the line may be article."""
    if not line:
        return None
    # each rule's pattern is tried only when the line has what the pattern needs (a short
    # line, a fixed start or end): the same answers, without a dozen calls per article line
    n = len(line)
    if (n <= _AD_LONGEST or line[-1] == ":") and line.lower().rstrip(":") in _AD_LINES:
        return "ad"
    if line in _MARKER_LINES:
        return "marker"
    if n <= MAX_CLUTTER_LINE:  # the whole-line patterns (see _full)
        if line.endswith(("ago", "old")) and _TIMESTAMP_RE.fullmatch(line):
            return "timestamp"
        if _CREDIT_LINE_RE.fullmatch(line) and (line.startswith("(") or len(line.split()) <= 40):
            return "credit"
        # the pattern needs the literal word; testing for it first skips the pattern's costly
        # backtracking over up to 15 words on every line that cannot match
        if "contributed" in line and _CONTRIBUTED_RE.fullmatch(line):
            return "credit"
        if (
            (line.startswith(_COPYRIGHT_STARTS) or line.endswith(("eserved", "eserved.")))
            and _COPYRIGHT_RE.fullmatch(line)
            and len(line.split()) <= 60
        ):
            return "copyright"
        if _SOCIAL_RE.fullmatch(line) and len(line.split()) <= 40 and _SOCIAL_WORD_RE.search(line):
            return "social"
        if _SIGNUP_RE.fullmatch(line) and len(line.split()) <= 30:
            return "signup"
        if _is_share_line(line):
            return "share"
    if _is_caption(line):
        return "caption"
    return None


def _related_marker(line: str) -> str | None:
    """``"list"`` for a bare marker that opens a list of links ('Next In World', 'Others Also
    Read', 'Read more:'), ``"line"`` for a marker with its headline on the same line
    ('Related: <headline>'), else None."""
    if len(line) > MAX_CLUTTER_LINE:
        return None
    m = _RELATED_MARKER_RE.match(line)
    if m is None:
        return None
    rest = line[m.end() :]
    if rest.strip(" :|»›>-–—") == "":
        return "list"
    if rest.startswith((":", " :", " |", " -", " –", " —")) and len(line.split()) <= MAX_HEADLINE_WORDS + 3:
        return "line"
    return None


_DATELINE_PARTS_RE = re.compile(
    rf"(?P<place>.*?)(?:,? (?P<date>{_MONTH} \d{{1,2}}(?:, \d{{4}})?))?(?: \((?P<agency>[^()]+)\))?"
)


def dateline_end(text: str, start: int = 0) -> int:
    """The end of a wire dateline with its dash that starts at ``start`` ("MOSCOW, Feb 2
    (Reuters) -", "WASHINGTON —"), or ``start`` when none starts there.

    Examples
    --------
    >>> text = "MOSCOW, Feb 2 (Reuters) - Russia said talks had stalled."
    >>> text[dateline_end(text):]
    ' Russia said talks had stalled.'
    >>> dateline_end("Russia said talks had stalled.")
    0
    """
    head = text[start : start + MAX_CLUTTER_LINE]
    m = _DATELINE_AGENCY_RE.match(head) or _DATELINE_CAPS_RE.match(head)
    return start + m.end() if m is not None and m.end() < len(head) else start


def dateline_parts(dateline: str) -> tuple[str | None, str | None, str | None]:
    """The place, date and agency of a dateline as :func:`find_clutter` gives it.

    Examples
    --------
    >>> dateline_parts("MOSCOW, Feb 2 (Reuters)")
    ('MOSCOW', 'Feb 2', 'Reuters')
    >>> dateline_parts("KYIV, Ukraine (AP)")
    ('KYIV, Ukraine', None, 'AP')
    >>> dateline_parts("Dec 29 (Reuters)"), dateline_parts("WASHINGTON")
    ((None, 'Dec 29', 'Reuters'), ('WASHINGTON', None, None))
    """
    m = _DATELINE_PARTS_RE.fullmatch(dateline.strip()[:MAX_CLUTTER_LINE])
    if m is None:  # pragma: no cover - the pattern matches any line
        return dateline.strip() or None, None, None
    place = m.group("place").strip(" ,") or None
    if place is not None and m.group("date") is None:
        # "Dec 29" alone: the lazy place took nothing, the date is at the start
        d = re.fullmatch(rf"{_MONTH} \d{{1,2}}(?:, \d{{4}})?", place)
        if d is not None:
            return None, place, m.group("agency")
    return place, m.group("date"), m.group("agency")


def find_clutter(text: str) -> Clutter:
    """Find page clutter in ``text``: regions to skip, the dateline and the byline.

    Parameters
    ----------
    text : str
        The page text as given; the regions are offsets into it.

    Returns
    -------
    Clutter
        ``regions`` (sorted, non-overlapping), ``dateline`` and ``byline``.

    Examples
    --------
    >>> text = "WASHINGTON — The Senate voted on Tuesday.\\n\\nAdvertisement\\n\\nIt passed 52-48."
    >>> found = find_clutter(text)
    >>> found.dateline, [text[s:e] for s, e in found.spans]
    ('WASHINGTON', ['WASHINGTON —', 'Advertisement'])
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return _find_clutter(text, _lines(text))


def _find_clutter(text: str, lines: list[tuple[int, int]]) -> Clutter:
    """:func:`find_clutter` on the text's :func:`_lines` (:func:`framing.text.page.find_page`
    reads them too)."""
    regions: list[Region] = []
    dateline: str | None = None
    byline: str | None = None
    nonblank = 0
    head = True  # before the dateline and the first body line: section and date lines
    i = 0
    n = len(lines)
    while i < n:
        s, e = lines[i]
        i += 1
        if s == e:
            continue
        line = text[s:e]

        marker = _related_marker(line)
        if marker is not None:
            # the marker, then (for a bare marker) the short headline lines after it
            regions.append(Region(s, e, "related"))
            while marker == "list" and i < n:
                ls, le = lines[i]
                item = text[ls:le]
                if ls == le:
                    i += 1
                    continue
                kind = _line_kind(item)
                if kind is None and not _is_headline(item):
                    break
                regions.append(Region(ls, le, kind or "related"))
                i += 1
            continue

        kind = _line_kind(line)
        if kind is None and head and len(line) <= 60:
            if _full(_DATE_LINE_RE, line):
                kind = "date"
            elif _full(_SECTION_RE, line):
                kind = "section"
        if kind is None and len(line) <= 120 and _BYLINE_RE.fullmatch(line) is not None:
            kind = "byline"
            if byline is None:
                byline = line
        if kind is not None:
            regions.append(Region(s, e, kind))
            continue

        nonblank += 1
        if dateline is None and nonblank <= DATELINE_LINES:
            first = line[:MAX_CLUTTER_LINE]
            m = _DATELINE_AGENCY_RE.match(first) or _DATELINE_CAPS_RE.match(first)
            if m is not None and m.end() < len(line):
                dateline = m.group("dl").strip()
                regions.append(Region(s, s + m.end(), "dateline"))
                head = False
                continue
        if head and _is_body_line(line):
            head = False

        m = _CREDIT_TAIL_RE.search(line[-320:]) if line.endswith(")") else None
        if m is not None:
            offset = e - min(len(line), 320)
            start = offset + m.start()
            regions.append(Region(start, start + len(m.group().rstrip()), "credit"))
    return Clutter(tuple(regions), dateline, byline)
