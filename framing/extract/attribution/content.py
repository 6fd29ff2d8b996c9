"""Content rules: the quotation a cue introduces or follows, else the clause after the cue,
else the words before a sentence-final cue and source."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from operator import itemgetter

from framing.records import Span
from framing.text.clutter import dateline_end
from framing.extract.attribution.lexicon import reporting_verbs
from framing.extract.attribution.quotes import Quotation
from framing.extract.attribution.features import (
    QuoteIndex,
    SentenceView,
    _NEW_NP_TAGS,
    _NOUNISH,
    _NP_TAGS,
    _QUOTE_TOKENS,
    _TELL,
    _VERB_TAGS,
)


_QUOTE_CHARS = frozenset("\"“”‘’«»")
_SOURCE_WORD_RE = re.compile(r"[\w’'.-]+|,")
_QUOTE_CHAR_RE = re.compile("[" + "".join(sorted(_QUOTE_CHARS)) + "]")


def quote_char_positions(text: str) -> list[int]:
    """The offsets of the quotation-mark characters (``_QUOTE_CHARS``) of ``text``,
    ascending: whether a content holds one is then a look-up (:func:`_has_quote_char`), not a
    scan of the content (thousands of long contents in one hostile sentence stay cheap)."""
    return [m.start() for m in _QUOTE_CHAR_RE.finditer(text)]


def _has_quote_char(positions: list[int], start: int, end: int) -> bool:
    """Whether one of ``positions`` (see :func:`quote_char_positions`) is in ``[start, end)``."""
    k = bisect_left(positions, start)
    return k < len(positions) and positions[k] < end
_WORD_RE = re.compile(r"\w+")


def _n_words_upto(text: str, s: int, e: int, cap: int) -> int:
    """The number of words (``\\w+`` runs) in ``text[s:e]``, counted only up to ``cap``,
    so that a long range (a quotation, the text up to a quotation paragraphs away) costs no
    more than a short one."""
    n = 0
    if e > s:
        for _ in _WORD_RE.finditer(text, s, e):
            n += 1
            if n >= cap:
                break
    return n


def _after_dateline(text: str, s: int) -> int:
    """``s``, or the end of a wire dateline that starts there ("MOSCOW, Feb 2 (Reuters) - "):
    a report's content never starts with the dateline, even in a text whose page clutter was
    not removed."""
    end = dateline_end(text, s)
    while end < len(text) and text[end] in " \t":
        end += 1
    return end if end > s else s


def _trim(text: str, s: int, e: int) -> Span:
    """Strip spaces, a leading "that", and final punctuation and quotation marks."""
    while s < e and (text[s].isspace() or text[s] in ",:;—–-"):
        s += 1
    if text.startswith("that ", s) or text.startswith("that\n", s):
        s += 5
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?—–-" or text[e - 1] in _QUOTE_CHARS):
        if text[e - 1] in "!?" or (text[e - 1] in _QUOTE_CHARS and _balanced_open(text, s, e - 1)):
            break
        e -= 1
    return Span(s, max(s, e))


def _balanced_open(text: str, s: int, e: int) -> bool:
    """True when dropping the mark at ``e`` would leave a quotation open in ``text[s:e]``."""
    piece = text[s:e]
    if text[e] in "”’":
        return piece.count("“" if text[e] == "”" else "‘") > piece.count(text[e])
    if text[e] == '"':
        return piece.count('"') % 2 == 1
    return False


_MAX_GAP_WORDS = 6
MAX_SOURCE_DISTANCE = 20  # tokens between a cue and a candidate source phrase
MIN_QUOTE_WORDS = 3  # shorter quotations next to a cue are mostly scare quotes or titles
_CLAUSE_VERBS = frozenset(
    """say says said saying tell told tells telling add added adds adding write wrote writes
    writing claim claimed claims claiming argue argued argues arguing insist insisted insists
    think thinks thought believe believes believed suggest suggested suggests warn warned
    warns note noted notes noting explain explained explains know knew knows predict predicted
    predicts acknowledge acknowledged admit admitted announce announced declare declared
    report reported reports state stated states testify testified reply replied respond
    responded conclude concluded contend contended assert asserted agree agreed hope hoped
    hopes fear feared fears worry worried expect expected expects recall recalled recalls
    suspect suspected guess feel felt feels""".split()
)


def _chain(text: str, quotes: "QuoteIndex", last: Quotation, after: int) -> Quotation:
    """Extend a quotation by the quotations that follow it in the same paragraph with only
    the rest of the cue's sentence (at most a few words) between them."""
    for _ in range(50):
        nxt = quotes.after(after)
        if nxt is None or nxt.close is None and nxt.open < 0:
            break
        gap_s = (last.close + 1) if last.close is not None else last.span.end
        gap = text[gap_s : nxt.open]
        if "\n\n" in gap or _n_words_upto(text, gap_s, nxt.open, 26) > 25 or not (
            gap.strip() == "" or gap.rstrip().endswith((".", ":"))
        ):
            break
        last = nxt
        after = nxt.span.end
    return last


def _word_counts(s: SentenceView) -> list[int]:
    """Prefix counts of the words of ``s`` (tokens starting with a letter or digit): entry
    ``j`` counts those before token ``j``; computed once per sentence."""
    if s.alnum is None:
        s.alnum = list(accumulate(map(str.isalnum, map(itemgetter(0), s.words)), initial=0))
    return s.alnum


# ", citing X", ", according to X", ", adding ...": a second report attached to the first;
# the words before it are the first report's tail ("said on Monday, citing Lavrov").
_FINITE = frozenset("is are was were has have had will would can could may might should must".split())
_ATTACHED = frozenset(("according", "citing", "adding", "saying", "noting", "quoting"))


def _tail_index(s: SentenceView):
    """Per-sentence indexes, built once so that each cue's content costs no scan of the rest
    of the sentence (many cues in a 1,000-token sentence stay linear):

    - ``first_word[j]``: the first word token (starting with a letter or digit) at or after
      ``j`` (``n`` if none);
    - ``verb_from[j]``: whether a word token at or after ``j`` is tagged as a verb;
    - ``stops``: tokens where a clause ends the content (";", or "but"/"and" before a finite
      verb and not after a comma), ascending;
    - ``trails``: commas before an attached report (``_ATTACHED``: "according", "citing",
      "adding", ...), ascending.

    ``first_word`` and ``verb_from`` (read only by :func:`_tail_is_pp`) are ``None`` until
    :func:`_word_index` fills them.
    """
    if s.tail is None:
        words, tags, n = s.words, s.tags, s.n
        stops = [] if _STOP_WORDS.isdisjoint(words) else [
            j for j in range(1, n - 1) if words[j] == ";" or (
                words[j] in ("but", "and") and (
                    tags[j + 1] in ("VBD", "VBZ", "VBP") and tags[j - 1] != ","
                    or _coordinated_report(words, tags, j + 1)))]
        trails = [] if _ATTACHED.isdisjoint(words) else [
            j for j in range(1, n - 1) if words[j] == "," and words[j + 1] in _ATTACHED]
        s.tail = (None, None, stops, trails)
    return s.tail


_STOP_WORDS = frozenset([";", "but", "and"])


def _word_index(s: SentenceView) -> tuple[list[int], list[bool]]:
    """``first_word`` and ``verb_from`` of :func:`_tail_index`, built on first use."""
    first_word, verb_from, stops, trails = _tail_index(s)
    if first_word is None or verb_from is None:
        words, tags, n = s.words, s.tags, s.n
        first_word = [n] * (n + 1)
        verb_from = [False] * (n + 1)
        for k in range(n - 1, -1, -1):
            is_word = words[k][0].isalnum()
            first_word[k] = k if is_word else first_word[k + 1]
            verb_from[k] = verb_from[k + 1] or (is_word and tags[k] in _VERB_TAGS)
        s.tail = (first_word, verb_from, stops, trails)
    return first_word, verb_from


_SUBJECT_OPENERS = frozenset(["DT", "PRP$", "NNP", "NNPS", "NNS", "PRP", "CD"])
_REPORT_WINDOW = 8  # tokens from "and" to the verb of a coordinated report


def _coordinated_report(words, tags, j: int) -> bool:
    """Whether a report by another source opens at token ``j`` (after "and" or "but"): a
    noun phrase, then within a few tokens without punctuation a finite reporting verb of the
    lexicon ("Critics say the plan will raise costs and an analysis by the Congressional
    Budget Office found ...": the critics' content ends at "costs"). Reads at most
    :data:`_REPORT_WINDOW` tokens."""
    if tags[j] not in _SUBJECT_OPENERS:
        return False
    lex = reporting_verbs()
    for k in range(j + 1, min(len(words), j + _REPORT_WINDOW)):
        if tags[k] in ("VBD", "VBZ", "VBP"):
            return words[k] in lex and not (k + 1 < len(words) and tags[k + 1] in ("VBN", "VBG"))
        if tags[k] in ("MD", ",", ":", ".") or words[k] in ("that", "who", "which"):
            return False
    return False


def _first_at(positions: list[int], lo: int, hi: int) -> int | None:
    """The first of the ascending ``positions`` in ``[lo, hi)``, or None."""
    k = bisect_left(positions, lo)
    return positions[k] if k < len(positions) and positions[k] < hi else None


def _tail_end(s: SentenceView, after: int) -> int:
    """The token where the tail after a cue ends: a comma before an attached report
    (", citing ...", ", according to ..."), else the end of the sentence (indexed: no scan)."""
    trail = _first_at(_tail_index(s)[3], max(after, 0), s.n - 1)
    return s.n if trail is None else trail


def _tail_is_pp(s: SentenceView, after: int, end: int | None = None) -> bool:
    """Whether the words from token ``after`` (to ``end``, default the sentence end) open
    with a preposition (not "that") and hold no verb ("..., officials said in a statement.")."""
    first_word, verb_from = _word_index(s)
    after = max(after, 0)
    end = s.n if end is None else min(end, s.n)
    if after >= end:
        return False
    k = first_word[after]
    if k >= end or not (s.tags[k] in ("IN", "TO") and s.words[k] != "that"):
        return False
    if end == s.n:
        return not verb_from[after]
    return not any(s.tags[j] in _VERB_TAGS and s.words[j][0].isalnum() for j in range(after, end))


def _content(doc, sentences, k, s: SentenceView, c, src, quotes: QuoteIndex) -> tuple[Span, bool]:
    """The content span of a cue, and whether it is a direct quotation."""
    text = doc.text
    words = s.words
    cs, ce = s.starts[c[0]], s.ends[c[1]]
    ss, se = s.sent.start, s.sent.end
    src_s = s.starts[src[0]] if src else None
    src_e = s.ends[src[1]] if src else None
    # --- according to / citing: the rest of the sentence
    if words[c[0]] in ("according", "citing"):
        if src is not None and src[0] > c[1]:
            after_src = s.ends[src[1]]  # src_e, known not None here
            if c[0] == 0 or all(not x[0].isalnum() for x in words[: c[0]]):
                return _trim(text, after_src, se), False
        return _trim(text, _after_dateline(text, ss), cs), False
    n = s.n
    # n_words[j]: words (tokens starting with a letter or digit) before j; counted once per
    # sentence, and only when a rule reads them (a direct quotation returns before)
    that_right = "that" in words[c[1] + 1 : c[1] + 6] and (
        (n_words := _word_counts(s))[n] - n_words[c[1] + 1] >= 4)
    if not s.in_quote(c[0]) and not that_right:
        # --- a quotation just before the cue: "A," she said (, "B.")
        q_before = quotes.before(cs)
        q_after = quotes.after(ce)
        left = None
        if q_before is not None and q_before.close is not None:
            gap_s = q_before.close + 1
            if (
                gap_s <= cs
                and q_before.close >= ss - 1
                and "\n" not in text[gap_s:cs]
                and _n_words_upto(text, gap_s, cs, _MAX_GAP_WORDS + 1) <= _MAX_GAP_WORDS
                and (
                    text[q_before.span.end - 1 : q_before.span.end] in ",.!?—-…"
                    or text[gap_s:cs].lstrip()[:1] in ",—-"
                )
                and _n_words_upto(text, q_before.span.start, q_before.span.end, MIN_QUOTE_WORDS) >= MIN_QUOTE_WORDS
            ):
                left = q_before
        right = None
        # the words between the cue and the next quotation, counted up to one more than a gap
        # may hold (every test below needs at most _MAX_GAP_WORDS of them)
        nw = _MAX_GAP_WORDS + 1 if q_after is None else \
            _n_words_upto(text, ce, q_after.open, _MAX_GAP_WORDS + 1)
        if q_after is not None and nw <= _MAX_GAP_WORDS:
            gap = text[ce : q_after.open]
            stripped = gap.rstrip()
            if left is not None:
                # split quotation: "A," she said, "B."
                if stripped.endswith(",") and "\n" not in gap and q_after.open < se + 1:
                    right = q_after
            elif _n_words_upto(text, q_after.span.start, q_after.span.end, MIN_QUOTE_WORDS) \
                    >= MIN_QUOTE_WORDS and (
                (nw == 0 and q_after.open <= se)
                or (
                    stripped.endswith((":", ","))
                    and (q_after.open <= se or stripped.endswith(":"))
                    and "." not in gap
                )
                or (nw == 1 and gap.strip().lower() == "that" and q_after.open <= se)
            ):
                right = q_after
        if left is not None or right is not None:
            first = left or right
            last = right or left
            assert first is not None and last is not None  # one of the two is set
            # quotations that follow in the same paragraph belong to the same report
            last = _chain(text, quotes, last, ce if right is None else last.span.end)
            e = last.span.end
            while e > first.span.start and text[e - 1] in ",.;: \n":
                e -= 1
            return Span(first.span.start, e), True
    # --- indirect: after the cue, or before it when the cue and source end the sentence
    after = c[1] + 1
    if src is not None and src[0] > c[1] and src[0] - c[1] <= 2:
        after = src[1] + 1  # "said the minister ..."
    tail_end = _tail_end(s, after)
    n_words = _word_counts(s)
    tail_words = n_words[tail_end] - n_words[after]
    before_end = src[0] if (src is not None and src[1] < c[0]) else c[0]
    lead_words = n_words[before_end]
    prev_tok = words[before_end - 1] if before_end > 0 else ""
    comma_before = prev_tok in (",", "—", "–", "-", ":") or prev_tok in _QUOTE_TOKENS
    if lead_words >= 2 and (
        tail_words == 0
        or (comma_before and (tail_words <= 3 or _tail_is_pp(s, after, tail_end))
            and words[after : after + 1] != ("that",))
    ):
        end_tok = before_end - 1
        return _trim(text, _after_dateline(text, ss), s.ends[end_tok] if end_tok >= 0 else ss), False
    start_tok = after
    # skip the addressee of "told", then "that" within a few tokens
    if words[c[0]] in _TELL:
        j = start_tok
        if j < n and s.tags[j] == "VBZ" and words[j].endswith("s"):
            j += 1  # a plural addressee the tagger read as a verb: "told reporters", "told officials"
        while j < n and s.tags[j] in _NP_TAGS:
            j += 1
        if j > start_tok and j < n and words[j] in ("that", ",", ":"):
            start_tok = j
        elif j > start_tok and j < n and s.tags[j] in _VERB_TAGS:
            # no "that": "told reporters the bill was dead", "told him it would";
            # the clause's subject starts where a second noun phrase begins
            for k in range(start_tok + 1, j):
                if s.tags[k] in _NEW_NP_TAGS and (s.tags[k - 1] in _NOUNISH or k - 1 == start_tok):
                    start_tok = k
                    break
    for j in range(start_tok, min(n, start_tok + 8)):
        if words[j] == "that":
            if s.tags[j] == "WDT" and j > start_tok and s.tags[j - 1] in ("NN", "NNS"):
                break  # a relative clause on the object: "wants a ceasefire that holds"
            if all(s.tags[x] not in _VERB_TAGS for x in range(start_tok, j)):
                start_tok = j + 1
            break
        if s.tags[j] in _VERB_TAGS:
            break
    if start_tok >= n:
        return _trim(text, ss, cs), False
    end = se
    relative = src is not None and src[0] == src[1] and words[src[0]] in ("who", "which") \
        and src[0] > 0 and words[src[0] - 1] in (",", "-", "—", "–")
    if relative or start_tok == c[1] + 1 and (
            s.tags[start_tok] in ("VBD", "VBZ", "VBP", "MD") or words[start_tok] in _FINITE) \
            and words[start_tok] != "that":
        # the cue inside a relative clause, its content's subject the antecedent ("one of
        # many it said were in response to questions, also praised ..."), or its source the
        # relative pronoun ("Lawmakers, who have debated whether to raise the tax, said
        # ..."): the clause ends at the next comma or dash
        for j in range(start_tok + 1, n):
            if words[j] in (",", ";", "—", "–") or (relative and words[j] == "-"):
                end = s.starts[j]
                break
    # a verb with an object but no clause ("praised X's efforts"): the object is the content
    if s.tags[start_tok] in _NP_TAGS and words[c[0]] not in _CLAUSE_VERBS:
        j = start_tok
        while j < n and (s.tags[j] in _NP_TAGS or words[j] in ("'s", "’s")):
            j += 1
        if j < n and words[j] == "of" and j + 1 < n and s.tags[j + 1] in _NP_TAGS:
            j += 1
            while j < n and (s.tags[j] in _NP_TAGS or words[j] in ("'s", "’s")):
                j += 1
        if j >= n or (s.tags[j] not in _VERB_TAGS and words[j] not in ("as", "to", "that")):
            end = s.ends[j - 1] if j > start_tok else se
    _, _, stops, trails = _tail_index(s)
    j = _first_at(stops, start_tok + 1, n - 1)
    if j is not None:
        end = min(end, s.starts[j])
    # stop before ", adding ...", ", according to ...", or a trailing ", he said"
    j = _first_at(trails, start_tok + 1, n - 1)
    if j is not None:
        end = s.starts[j]
    cstart = s.starts[start_tok]
    return _trim(text, cstart, end), False
