"""The sentence view and the feature templates of the cue and source models.

These are the templates ``scripts/train_attribution.py`` trains on (:func:`cue_features`,
:func:`source_features` over the :func:`np_candidates` of a :class:`SentenceView`), and the
slow reference scorer :func:`linear_score`. The extractor scores with the table-driven
scorers of :mod:`framing.extract.attribution.scorers`, which give the same logits."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import gt, not_
from typing import Sequence

from framing.text import Sentence
from framing.extract.attribution.lexicon import reporting_verbs
from framing.extract.attribution.quotes import Quotation


def linear_score(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    return bias + sum(map(weights.get, feats, _ZEROS))


_ZEROS = repeat(0.0)  # map(dict.get, features, _ZEROS): a weight or 0.0 per feature


# ---------------------------------------------------------------------------------------
# Features (shared with scripts/train_attribution.py)

AUXILIARIES = frozenset(
    """be is are was were been being am 's 're have has had having do does did will would
    shall should can could may might must also not n't never still repeatedly previously
    recently later earlier often just already reportedly""".split()
)
_QUOTE_TOKENS = frozenset("\" “ ” ‘ ’ ' « » `` ''".split())
_VERB_TAGS = frozenset(["VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"])
_NP_TAGS = frozenset(
    ["DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "PRP"]
)
_NOUNISH = frozenset(["NN", "NNS", "NNP", "NNPS", "PRP", "CD"])
_NEW_NP_TAGS = frozenset(["DT", "PDT", "PRP$", "PRP"])  # tags that open a noun phrase
_TELL = frozenset(
    """tell told telling tells ask asked asking asks warn warned warning warns assure assured
    assuring assures inform informed informs remind reminded reminds urge urged urging urges
    advise advised advises persuade persuaded convince convinced notify notified reassure
    reassured show showed shows""".split()
)
_CREDIT = frozenset(["reporting", "editing", "writing", "additional", "compiled", "via"])


@lru_cache(maxsize=20000)
def word_lemma(word: str) -> str:
    entry = reporting_verbs().get(word)
    return entry.lemma if entry is not None else word


def _bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 4:
        return "3-4"
    if n <= 7:
        return "5-7"
    if n <= 12:
        return "8-12"
    return "13+"


class SentenceView:
    """A sentence in the form the features read: lowercase words, words as written, tags,
    offsets."""

    __slots__ = ("sent", "words", "texts", "tags", "starts", "ends", "n", "inq", "has_quote",
                 "cand_part", "counts", "alnum", "np_codes", "phrases", "tail")

    def __init__(self, sent: Sentence, quotes: "QuoteIndex"):
        self.sent = sent
        # the sentence's own columns (Sentence.columns: tuples)
        starts, ends, texts, tags = sent.columns()
        self.starts, self.ends, self.texts, self.tags = starts, ends, texts, tags
        self.words = sent.lowers()  # kept by the sentence: the actors and roles steps read them too
        self.n = len(texts)
        self.inq: list[bool] | None = None
        self.cand_part: dict[tuple[int, int], tuple[float, str]] = {}  # source weights of a phrase alone, and its kind
        # prefix counts for the source scorer, see _source_counts
        self.counts: tuple[list[int], list[int], list[int], list[int]] | None = None
        self.alnum: list[int] | None = None  # prefix counts of words, see _word_counts
        self.np_codes: str | None = None  # see _np_codes
        self.phrases: tuple[list[int], list[int]] | None = None  # see _sentence_phrases
        self.tail: tuple[list[int] | None, list[bool] | None, list[int], list[int]] | None = None  # per-sentence indexes of the content rules, see content._tail_index
        self.has_quote = not _QUOTE_TOKENS.isdisjoint(self.words)
        if starts and (self.has_quote or quotes.overlaps(sent.start, sent.end)):
            self.inq = _inside_quotes(starts, quotes.starts, quotes.ends)

    def in_quote(self, i: int) -> bool:
        return bool(self.inq and self.inq[i])


def _inside_quotes(starts: Sequence[int], q_starts: list[int], q_ends: list[int]) -> list[bool]:
    """``quotes.inside(x)`` for each of the ascending token ``starts`` (not empty): a token is
    inside the last quotation that opens at or before it if it starts before that one
    ends. Each quotation that opens inside the sentence (and the one open at its first
    token) marks the run of tokens that start from its opening up to its end or the next
    opening, found by bisection: no look-up per token."""
    n = len(starts)
    inq = [False] * n
    n_q = len(q_starts)
    first = bisect_right(q_starts, starts[0]) - 1
    last = bisect_right(q_starts, starts[-1]) - 1
    for k in range(max(first, 0), last + 1):
        stop = q_ends[k]
        if k + 1 < n_q and q_starts[k + 1] < stop:
            stop = q_starts[k + 1]
        lo = bisect_left(starts, q_starts[k])
        hi = bisect_left(starts, stop, lo)
        if lo < hi:
            inq[lo:hi] = [True] * (hi - lo)
    return inq


class QuoteIndex:
    def __init__(self, quotes: Sequence[Quotation]):
        self.quotes = list(quotes)
        self.starts = [q.span.start for q in quotes]
        self.ends = [q.span.end for q in quotes]

    def find(self, offset: int) -> Quotation | None:
        k = bisect_right(self.starts, offset) - 1
        if k >= 0 and offset < self.ends[k]:
            return self.quotes[k]
        return None

    def inside(self, offset: int) -> bool:
        return self.find(offset) is not None

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.ends, s + 1)
        return k < len(self.starts) and self.starts[k] < e

    def after(self, offset: int) -> Quotation | None:
        """The first quotation whose opening mark is at or after ``offset``."""
        k = bisect_left(self.starts, offset + 1)
        return self.quotes[k] if k < len(self.quotes) else None

    def before(self, offset: int) -> Quotation | None:
        """The last quotation that ends at or before ``offset``."""
        k = bisect_right(self.ends, offset) - 1
        return self.quotes[k] if k >= 0 else None


def cue_features(s: SentenceView, i: int) -> list[str]:
    """All features of candidate token ``i``: those of its word alone, then its context."""
    return _cue_word_features(s.words[i]) + _cue_context_features(s, i)


@lru_cache(maxsize=20000)
def _cue_word_features(word: str) -> list[str]:
    entry = reporting_verbs().get(word)
    return [
        "w=" + word,
        "l=" + word_lemma(word),
        "lex=" + (entry.pos + "|" + entry.stance if entry is not None else "none"),
    ]


def _window(w: Sequence[str], t: Sequence[str], n: int, i: int) -> tuple[str, ...]:
    """Words and tags one and two tokens either side of ``i``, padded with ``<s>``/``</s>``:
    ``(pw, pt, pw2, pt2, nw, nt, nw2, nt2)``. Shared by the cue features and their scorer."""
    return (
        w[i - 1] if i > 0 else "<s>",
        t[i - 1] if i > 0 else "<s>",
        w[i - 2] if i > 1 else "<s>",
        t[i - 2] if i > 1 else "<s>",
        w[i + 1] if i + 1 < n else "</s>",
        t[i + 1] if i + 1 < n else "</s>",
        w[i + 2] if i + 2 < n else "</s>",
        t[i + 2] if i + 2 < n else "</s>",
    )


def _cue_context_features(s: SentenceView, i: int) -> list[str]:
    w, t, n = s.words, s.tags, s.n
    word = w[i]
    lem = word_lemma(word)
    tag = t[i]
    pw, pt, pw2, pt2, nw, nt, nw2, nt2 = _window(w, t, n, i)
    inq = "1" if s.in_quote(i) else "0"
    f = [
        "t=" + tag,
        "lt=" + lem + "|" + tag,
        "pw=" + pw,
        "nw=" + nw,
        "pt=" + pt,
        "nt=" + nt,
        "ptt=" + pt2 + "|" + pt,
        "ntt=" + nt + "|" + nt2,
        "pt_t_nt=" + pt + "|" + tag + "|" + nt,
        "l_nw=" + lem + "|" + nw,
        "l_pw=" + lem + "|" + pw,
        "l_nt=" + lem + "|" + nt,
        "l_pt=" + lem + "|" + pt,
        "l_nw2=" + lem + "|" + nw + "|" + nw2,
        "l_pw2=" + lem + "|" + pw2 + "|" + pw,
        "inq=" + inq,
        "l_inq=" + lem + "|" + inq,
        "sq=" + ("1" if s.has_quote else "0"),
        "cap=" + ("1" if i > 0 and s.texts[i][:1].isupper() else "0"),
        "pos=" + ("first" if i == 0 else "last" if i >= n - 2 else "mid"),
    ]
    win = w[i + 1 : i + 5]
    if "that" in win:
        f.append("that_after")
        f.append("l_that=" + lem)
    if nw in _QUOTE_TOKENS or nw == ":" or (nw == "," and nw2 in _QUOTE_TOKENS):
        f.append("q_after")
        f.append("l_qa=" + lem)
    if pw in _QUOTE_TOKENS or pw == "," or pw2 in _QUOTE_TOKENS:
        f.append("q_before")
        f.append("l_qb=" + lem)
    j = i - 1
    while j >= 0 and (w[j] in AUXILIARIES or t[j] in ("RB", "MD")):
        j -= 1
    sw = w[j] if j >= 0 else "<s>"
    stag = t[j] if j >= 0 else "<s>"
    f.append("sw=" + (sw if stag in ("PRP", "NNS", "NN", "WP") else stag))
    f.append("l_stag=" + lem + "|" + stag)
    if nw == "to" and nt2 == "VB":
        f.append("l_toinf=" + lem)
    subj = any(x in _NOUNISH for x in t[max(0, i - 3) : i])
    f.append("subj=" + ("1" if subj else "0"))
    f.append("l_subj=" + lem + "|" + ("1" if subj else "0"))
    return f


# np_candidates reads one code per token: N a noun, number or pronoun ("PRP", which also
# opens a new phrase after a noun: P), D a determiner (opens a new phrase after a noun), a
# any other noun-phrase tag or "'s", W "who" (a phrase by itself), x the cue, o the rest.
_NP_CODES = {"NN": "N", "NNS": "N", "NNP": "N", "NNPS": "N", "CD": "N", "PRP": "P", "DT": "D",
             "PDT": "D", "PRP$": "a", "JJ": "a", "JJR": "a", "JJS": "a", "POS": "a", "WP": "W"}
# A phrase: a run of N, P, D, a, cut before a P or D that follows an N or a P (nounish).
_NP_RE = re.compile(r"[NPDa](?:[Na]|(?<=[Da])[PD])*|W")


def _np_codes(s: SentenceView) -> str:
    """The codes of the tokens of ``s`` for :data:`_NP_RE`, once per sentence."""
    if s.np_codes is None:
        words = s.words
        if "'s" in words or "’s" in words:
            codes = list(map(_NP_CODES.get, s.tags, repeat("o")))
            for k, w in enumerate(words):
                if (w == "'s" or w == "’s") and codes[k] in ("o", "W"):
                    codes[k] = "a"
            s.np_codes = "".join(codes)
        else:  # most sentences: the codes of the tags
            s.np_codes = "".join(map(_NP_CODES.get, s.tags, repeat("o")))
    return s.np_codes


def _sentence_phrases(s: SentenceView) -> tuple[list[int], list[int]]:
    """The starts and the (inclusive) ends of the phrases of :func:`np_candidates` over the
    whole sentence with nothing excluded, ascending (phrases do not overlap); once per
    sentence."""
    if s.phrases is None:
        starts: list[int] = []
        ends: list[int] = []
        for m in _NP_RE.finditer(_np_codes(s)):
            g = m.group()
            if g == "W" or "N" in g or "P" in g:
                starts.append(m.start())
                ends.append(m.end() - 1)
        s.phrases = (starts, ends)
    return s.phrases


_NP_BREAK = frozenset("ox")  # codes that no phrase holds (a phrase never crosses them)


def np_candidates(s: SentenceView, exclude: tuple[int, int],
                  near: int | None = None) -> list[tuple[int, int]]:
    """Noun-phrase token ranges ``[a, b]`` (inclusive) of the sentence, outside ``exclude``.

    A phrase is a run of tokens tagged as noun-phrase words (or "'s") that holds a noun, a
    number or a pronoun; a pronoun or a determiner after a noun or pronoun starts a new
    phrase; "who" (``WP``) is a phrase of its own; the tokens of ``exclude`` (the cue) belong
    to none. Found with one regular-expression scan over a code per token (see
    :data:`_NP_CODES`).

    ``near``: only the phrases within ``near`` tokens of ``exclude`` (a phrase ending at or
    after ``exclude[0] - near`` and starting at or before ``exclude[1] + near``). The scan
    then covers only that window, widened to the nearest token no phrase holds on each side,
    so it finds exactly the phrases the full scan finds there, in time independent of the
    sentence's length (one cue after another in a 1,000-token sentence stays linear).
    """
    full = _np_codes(s)
    n = len(full)
    a, b = max(exclude[0], 0), min(exclude[1], s.n - 1)
    if near is not None and full.count("o", a, b + 1) == b - a + 1:
        # the excluded tokens already break every phrase ("o"): the phrases of the window are
        # those of the whole sentence there, found once per sentence and looked up
        starts, ends = _sentence_phrases(s)
        k = bisect_left(ends, exclude[0] - near)
        j = bisect_right(starts, exclude[1] + near, k)  # the phrases are ascending
        return list(zip(starts[k:j], ends[k:j]))
    lo, hi = 0, n
    if near is not None:
        lo = max(0, exclude[0] - near)
        while lo > 0 and full[lo - 1] not in _NP_BREAK:
            lo -= 1
        hi = min(n, exclude[1] + near + 1)
        while hi < n and full[hi] not in _NP_BREAK:
            hi += 1
        if lo >= hi:
            return []
    codes = full[lo:hi]
    ea, eb = max(a, lo), min(b, hi - 1)
    if ea <= eb:
        codes = codes[: ea - lo] + "x" * (eb - ea + 1) + codes[eb - lo + 1 :]
    out = []
    for m in _NP_RE.finditer(codes):
        g = m.group()
        if g == "W" or "N" in g or "P" in g:
            x = (m.start() + lo, m.end() - 1 + lo)
            if near is None or (x[1] >= exclude[0] - near and x[0] <= exclude[1] + near):
                out.append(x)
    return out


def _source_rel_features(s: SentenceView, c: tuple[int, int], cand: tuple[int, int] | None) -> list[str]:
    w, t = s.words, s.tags
    head = c[1] if w[c[0]] in ("according",) else c[0]
    lem = word_lemma(w[head])
    ctag = t[head]
    if cand is None:
        pw = w[c[0] - 1] if c[0] > 0 else "<s>"
        return [
            "none",
            "none_l=" + lem,
            "none_t=" + ctag,
            "none_pw=" + pw,
            "none_lt=" + lem + "|" + ctag,
            "none_first=" + ("1" if c[0] == 0 else "0"),
            "none_inq=" + ("1" if s.in_quote(head) else "0"),
        ]
    a, b = cand
    if b < c[0]:
        d = "L"
        between = range(b + 1, c[0])
    else:
        d = "R"
        between = range(c[1] + 1, a)
    dist = _bucket(len(between))
    btw_w = [w[k] for k in between]
    btw_t = [t[k] for k in between]
    verb = any(tg in _VERB_TAGS and ww not in AUXILIARIES for ww, tg in zip(btw_w, btw_t))
    comma = "," in btw_w
    quote = any(x in _QUOTE_TOKENS for x in btw_w)
    ctags = t[a : b + 1]
    pron = "PRP" in ctags
    name = "NNP" in ctags or "NNPS" in ctags
    prev = w[a - 1] if a > 0 else "<s>"
    adj = "adj" if len(between) == 0 else ("aux" if all(x in AUXILIARIES for x in btw_w) else "far")
    same_q = "1" if s.in_quote(a) == s.in_quote(head) else "0"
    f = [
        "d=" + d,
        "dd=" + d + dist,
        "dl=" + d + "|" + lem,
        "dt=" + d + "|" + ctag,
        "dv=" + d + ("1" if verb else "0"),
        "dc=" + d + ("1" if comma else "0"),
        "dq=" + d + ("1" if quote else "0"),
        "dadj=" + d + adj,
        "dadjl=" + d + adj + "|" + lem,
        "dpn=" + d + ("P" if pron else "N" if name else "O"),
        "dprev=" + d + "|" + prev,
        "sameq=" + same_q,
        "dvc=" + d + ("1" if verb else "0") + ("1" if comma else "0") + dist,
    ]
    return f


def source_features(s: SentenceView, c: tuple[int, int], cand: tuple[int, int] | None) -> list[str]:
    """All features of a candidate source: those of the phrase alone, then its relation to
    the cue (``None``: the "no source" candidate)."""
    rel = _source_rel_features(s, c, cand)
    return rel if cand is None else _source_phrase_features(s, cand) + rel


def _source_phrase_features(s: SentenceView, cand: tuple[int, int]) -> list[str]:
    """The features of a candidate phrase that do not depend on the cue."""
    w, t = s.words, s.tags
    a, b = cand
    ctags = t[a : b + 1]
    return [
        "pron=" + ("1" if "PRP" in ctags else "0"),
        "name=" + ("1" if "NNP" in ctags or "NNPS" in ctags else "0"),
        "ht=" + ctags[-1],
        "hw=" + w[b],
        "prev=" + (w[a - 1] if a > 0 else "<s>"),
        "next=" + (w[b + 1] if b + 1 < s.n else "</s>"),
        "first=" + ("1" if a == 0 else "0"),
        "len=" + _bucket(b - a + 1),
    ]


def _source_score(weights: dict[str, float], bias: float, s: SentenceView, c, cand) -> float:
    """The source logit of ``cand`` for cue ``c``, from its feature strings (the reference
    for :func:`_source_ranker`, which extraction uses)."""
    get = weights.get
    score = bias + sum(map(get, _source_rel_features(s, c, cand), _ZEROS))
    if cand is not None:
        score += sum(map(get, _source_phrase_features(s, cand), _ZEROS))
    return score


def _source_counts(s: SentenceView) -> tuple[list[int], list[int], list[int], list[int]]:
    """Prefix counts over the tokens of ``s`` (entry ``k`` counts tokens ``0 .. k-1``):
    verbs that are not auxiliaries, commas, quotation-mark tokens, non-auxiliary words. The
    "between" features of :func:`_source_rel_features` for any token range follow from two
    entries of each, instead of a scan of the range per candidate phrase."""
    if s.counts is None:
        words, tags = s.words, s.tags
        aux = list(map(AUXILIARIES.__contains__, words))
        # bools add up as ints
        verbs = list(accumulate(map(gt, map(_VERB_TAGS.__contains__, tags), aux), initial=0))  # a verb and not aux
        content = list(accumulate(map(not_, aux), initial=0))
        # no comma or no quotation token in the sentence (often): counts all 0, one list
        zeros = [0] * (len(words) + 1)
        commas = list(accumulate(map(",".__eq__, words), initial=0)) if "," in words else zeros
        quotes = list(accumulate(map(_QUOTE_TOKENS.__contains__, words), initial=0)) \
            if s.has_quote else zeros
        s.counts = (verbs, commas, quotes, content)
    return s.counts
