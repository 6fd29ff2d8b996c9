"""Attributed speech and thought: who (source) says (cue) what (content), and how.

:func:`extract_attributions` finds every attribution of a text, following section 1 of the
annotation guidelines (after PARC 3.0 and PolNeAR). It works in four steps, each over the
text layer of :mod:`framing.text` (sentences outside page clutter, tokens, tags):

1. **Quotations** (:func:`find_quotations`): one linear scan over the quotation marks of
   each paragraph. Straight, curly and single marks and guillemets; apostrophes
   (``don't``, ``Clinton's``) are told from closing single quotes by the letters around
   them; a quotation that runs over several paragraphs (an opening mark at each paragraph,
   no closing one until the end) is one quotation; an unclosed quotation is closed at the
   end of its paragraph, never a crash, never a hang.
2. **Cues**: every token whose word was the head of a cue in PolNeAR's training split (at
   least twice, and in at least 2% of its occurrences), or is a form of the project's
   reporting-verb lexicon (``framing/data/lexicons/reporting_verbs.tsv``) rare in train,
   is a candidate; a logistic-regression model (trained by
   ``scripts/train_attribution.py`` on PolNeAR train, tuned on dev, stored as JSON in
   ``framing/data/models/attribution.json``) accepts or rejects it from its word, lemma,
   tags and context (neighbouring words, ``that``, quotation marks, colons). "according
   to" and "citing" are cues of kind ``according_to``. Two punctuation cues are found by
   rule: a dash signing a quotation with a name that ends its line (``“...” ― Sonya
   Herridge``) and the colons of a transcript's speaker labels (``PENCE: Well, ...``, when
   a document has at least two). Bylines and credits ("Reporting by ...") are never cues.
3. **Sources**: the noun phrases of the cue's sentence, and "no source", are ranked by a
   second logistic-regression model of the same file (direction and distance from the cue,
   the words between, pronoun or name, the word before the phrase, ...); the best one wins.
4. **Content**, by rules: the quotation the cue introduces or follows (``"A," she said,
   "B."`` is one attribution from A to B; a cue ending a sentence with ``:`` takes the
   quotation that opens the next paragraph); else the clause after the cue (after
   ``that`` and the addressee of ``told``), or, when the cue and its source end the
   sentence ("..., officials said."), the words before them. "according to X" and
   "citing X" take the rest of the sentence.

Each attribution then gets its ``kind`` (``direct`` when the content is a quotation,
``mixed`` when indirect content holds quotation marks, ``according_to``, else
``indirect``), ``anonymous`` (no source, or a vague one: "officials", "a source",
"critics", "some analysts") and the ``cue_stance`` of the lexicon (a word in no list is
``neutral``).

Actor resolution is not done here: :func:`source_info` tells for an attribution whether its
source is a pronoun, a role or group noun phrase, or a name, so that actor linking
(:mod:`framing.actors`) can resolve "he", "it" or "the ministry" to an earlier mention and
set :attr:`Attribution.actor`.

Examples
--------
>>> from framing.attribution import extract_attributions
>>> text = '"We came to talk," the minister said. Officials said the talks may resume.'
>>> for a in extract_attributions(text):
...     print(a.kind, '|', text[slice(*a.source)], '|', text[slice(*a.cue)], '|',
...           text[slice(*a.content)])
direct | the minister | said | We came to talk
indirect | Officials | said | the talks may resume
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, combinations, repeat
from operator import gt, not_
from importlib import resources
from typing import Iterator, NamedTuple, Sequence

from framing.records import Attribution, Span
from framing.document import Document
from framing.text import Sentence, paragraphs

__all__ = [
    "extract_attributions",
    "iter_attributions",
    "find_quotations",
    "Quotation",
    "SourceInfo",
    "source_info",
    "reporting_verbs",
    "ReportingVerb",
]

KINDS = ("direct", "indirect", "mixed", "according_to")
STANCES = ("neutral", "doubt", "endorse", "emotive")

# ---------------------------------------------------------------------------------------
# The reporting-verb lexicon


class ReportingVerb(NamedTuple):
    """One row of the reporting-verb lexicon."""

    lemma: str
    pos: str
    stance: str
    source: str


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, ReportingVerb]:
    """The reporting-verb lexicon: every inflected form (lowercase) -> its row.

    Read from ``framing/data/lexicons/reporting_verbs.tsv`` (columns ``lemma``, ``pos``,
    ``stance``, ``forms``, ``source``). A multi-word lemma ("point out") is keyed by the
    forms of its first word. Verb rows win over noun rows for the same form.

    Examples
    --------
    >>> lex = reporting_verbs()
    >>> lex["claimed"].lemma, lex["claimed"].stance
    ('claim', 'doubt')
    >>> lex["slammed"].stance, lex["revealed"].stance, lex["told"].stance
    ('emotive', 'endorse', 'neutral')
    """
    path = resources.files("framing").joinpath("data", "lexicons", "reporting_verbs.tsv")
    out: dict[str, ReportingVerb] = {}
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols))
        entry = ReportingVerb(row["lemma"], row["pos"], row["stance"], row["source"])
        for form in row["forms"].split():
            if " " in row["lemma"] and form in row["lemma"].split()[1:]:
                continue
            old = out.get(form)
            if old is None or (old.pos != "verb" and entry.pos == "verb"):
                out[form] = entry
    # multi-word lemmas: only their first word is a key, with the particle checked later
    return out


def _stance_of(lemma: str) -> str:
    for entry in reporting_verbs().values():
        if entry.lemma == lemma:
            return entry.stance
    return "neutral"


# ---------------------------------------------------------------------------------------
# Quotations


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


_MARK_RE = re.compile(r"``|''|[\"“”„«»‹›‘’'‚]")
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
            i = m.start()
            if i == skip_first:
                continue
            mark = m.group()
            prev = text[i - 1] if i > ps else " "
            nxt = text[m.end()] if m.end() < pe else " "
            _step(mark, i, m.end(), prev, nxt, stack, out, text)
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


# ---------------------------------------------------------------------------------------
# The model (logistic-regression weights as JSON)


@lru_cache(maxsize=1)
def _model() -> dict:
    path = resources.files("framing").joinpath("data", "models", "attribution.json")
    model = json.loads(path.read_text(encoding="utf-8"))
    model["cue"]["vocab"] = frozenset(model["cue"]["vocab"])
    return model


def _score(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    return bias + sum(map(weights.get, feats, _ZEROS))


_ZEROS = repeat(0.0)  # map(dict.get, features, _ZEROS): a weight or 0.0 per feature


def _split_weights(weights: dict[str, float], templates: dict[str, int]) -> dict[str, dict]:
    """For each template name -> number of parts, the weights of the features
    ``name + "=" + "|".join(values)`` keyed by their values: a string for one part, a tuple of
    that many strings otherwise, so that a look-up needs no feature string. A key with more
    "|" than parts - 1 (a value that is itself "|") is entered under every way of cutting it,
    so that a tuple finds a weight exactly when the joined string is a key."""
    out: dict[str, dict] = {name: {} for name in templates}
    for key, w in weights.items():
        name, _, rest = key.partition("=")  # template names hold no "="
        parts = templates.get(name)
        if parts is None:
            continue
        table = out[name]
        if parts == 1:
            table[rest] = w
        elif rest.count("|") == parts - 1:
            table[tuple(rest.split("|"))] = w
        else:
            bars = [k for k, ch in enumerate(rest) if ch == "|"]
            for cut in combinations(bars, parts - 1):
                pieces = [rest[a + 1 : b] for a, b in zip((-1, *cut), (*cut, len(rest)))]
                table[tuple(pieces)] = w
    return out


def _by_first(table: dict) -> dict:
    """``{(a, b, ...): w}`` -> ``{a: {b: w}}`` or ``{a: {(b, ...): w}}``."""
    out: dict = {}
    for key, w in table.items():
        out.setdefault(key[0], {})[key[1] if len(key) == 2 else key[1:]] = w
    return out


def _cue_scorer(cue_m: dict):
    """``score(s, i)``: the cue logit of token ``i``, equal (up to the order of
    floating-point summation; tests/test_attribution.py checks it to 1e-9) to
    ``bias + sum(weights of _cue_features(s, i))``, without building feature strings.

    The weights of the features that depend on the word alone (word, lemma, lexicon class)
    are summed once per word. The ~30 context features of :func:`_cue_context_features`
    come from tables: the five tag features by tag 5-gram, the yes/no ones from constants,
    the others from the model's weights split by template and value (``"pw=" + pw`` ->
    ``pw_w[pw]``; ``"l_nw2=" + lemma + "|" + nw + "|" + nw2`` -> the lemma's table, then
    ``(nw, nw2)``; see :func:`_split_weights`), the lemma's tables found once per word. The
    weights are then summed in the order of the feature list, as ``sum`` does, so that the
    floating-point result is unchanged.
    """
    weights, bias = cue_m["weights"], cue_m["bias"]
    get = weights.get
    by_tags: dict[tuple[str, ...], tuple[float, ...]] = {}  # tag 5-gram -> 6 weights
    lemma_templates = {"lt": 2, "l_nt": 2, "l_pt": 2, "l_stag": 2, "l_nw": 2, "l_pw": 2,
                       "l_nw2": 3, "l_pw2": 3}
    split = _split_weights(weights, {"pw": 1, "nw": 1, "sw": 1, **lemma_templates})
    pw_w, nw_w, sw_w = split["pw"], split["nw"], split["sw"]
    # lemma -> value(s) -> weight, one table per template
    per_lemma = {name: _by_first(split[name]) for name in lemma_templates}
    empty: dict = {}
    word_part: dict[str, tuple] = {}  # word -> (bias + word weights, lemma-only weights, tables)

    def yes_no(name: str) -> tuple[float, float]:
        return get(name + "=0", 0.0), get(name + "=1", 0.0)

    w_inq, w_sq, w_cap, w_subj = yes_no("inq"), yes_no("sq"), yes_no("cap"), yes_no("subj")
    w_pos = {p: get("pos=" + p, 0.0) for p in ("first", "mid", "last")}
    w_that, w_qa, w_qb = get("that_after", 0.0), get("q_after", 0.0), get("q_before", 0.0)
    noun_subj = ("PRP", "NNS", "NN", "WP")

    def tag_weights(key: tuple[str, ...]) -> tuple[float, ...]:
        pt2, pt, tag, nt, nt2 = key
        out = by_tags[key] = (
            get("t=" + tag, 0.0), get("pt=" + pt, 0.0), get("nt=" + nt, 0.0),
            get("ptt=" + pt2 + "|" + pt, 0.0), get("ntt=" + nt + "|" + nt2, 0.0),
            get("pt_t_nt=" + pt + "|" + tag + "|" + nt, 0.0),
        )
        return out

    def word_weights(word: str) -> tuple:
        lem = _lemma(word)
        lw = (  # the lemma-only weights
            get("l_that=" + lem, 0.0), get("l_qa=" + lem, 0.0), get("l_qb=" + lem, 0.0),
            get("l_toinf=" + lem, 0.0), get("l_inq=" + lem + "|0", 0.0),
            get("l_inq=" + lem + "|1", 0.0), get("l_subj=" + lem + "|0", 0.0),
            get("l_subj=" + lem + "|1", 0.0),
        )
        tables = tuple(per_lemma[name].get(lem, empty) for name in per_lemma)
        out = word_part[word] = (bias + sum(map(get, _cue_word_features(word), _ZEROS)), lw) + tables
        return out

    def score(s: "_Sent", i: int) -> float:
        w, t, n = s.words, s.tags, s.n
        part, lw, lt, lnt, lpt, lstag, lnw, lpw, lnw2, lpw2 = word_part.get(w[i]) or word_weights(w[i])
        # the same neighbours as _cue_context_features (see _window)
        tag = t[i]
        if i > 1:
            pw, pt, pw2, pt2 = w[i - 1], t[i - 1], w[i - 2], t[i - 2]
        elif i == 1:
            pw, pt, pw2, pt2 = w[0], t[0], "<s>", "<s>"
        else:
            pw = pt = pw2 = pt2 = "<s>"
        if i + 2 < n:
            nw, nt, nw2, nt2 = w[i + 1], t[i + 1], w[i + 2], t[i + 2]
        elif i + 1 < n:
            nw, nt, nw2, nt2 = w[i + 1], t[i + 1], "</s>", "</s>"
        else:
            nw = nt = nw2 = nt2 = "</s>"
        inq = 1 if s.inq and s.inq[i] else 0
        key = (pt2, pt, tag, nt, nt2)
        tw = by_tags.get(key) or tag_weights(key)
        # one weight per feature, in the order of _cue_context_features
        vals = [
            tw[0],
            lt.get(tag, 0.0),
            pw_w.get(pw, 0.0),
            nw_w.get(nw, 0.0),
            tw[1],
            tw[2],
            tw[3],
            tw[4],
            tw[5],
            lnw.get(nw, 0.0),
            lpw.get(pw, 0.0),
            lnt.get(nt, 0.0),
            lpt.get(pt, 0.0),
            lnw2.get((nw, nw2), 0.0),
            lpw2.get((pw2, pw), 0.0),
            w_inq[inq],
            lw[4 + inq],
            w_sq[s.has_quote],
            w_cap[i > 0 and s.texts[i][:1].isupper()],
            w_pos["first" if i == 0 else "last" if i >= n - 2 else "mid"],
        ]
        if "that" in w[i + 1 : i + 5]:
            vals += (w_that, lw[0])
        if nw in _QUOTE_TOKENS or nw == ":" or (nw == "," and nw2 in _QUOTE_TOKENS):
            vals += (w_qa, lw[1])
        if pw in _QUOTE_TOKENS or pw == "," or pw2 in _QUOTE_TOKENS:
            vals += (w_qb, lw[2])
        j = i - 1
        while j >= 0 and (w[j] in _AUX or t[j] in ("RB", "MD")):
            j -= 1
        if j >= 0:
            stag = t[j]
            vals.append(sw_w.get(w[j] if stag in noun_subj else stag, 0.0))
        else:
            stag = "<s>"
            vals.append(sw_w.get("<s>", 0.0))
        vals.append(lstag.get(stag, 0.0))
        if nw == "to" and nt2 == "VB":
            vals.append(lw[3])
        subj = 0 if _NOUNISH.isdisjoint(t[max(0, i - 3) : i]) else 1
        vals.append(w_subj[subj])
        vals.append(lw[6 + subj])
        return part + sum(vals)

    return score


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0


# ---------------------------------------------------------------------------------------
# Features (shared with scripts/train_attribution.py)

_AUX = frozenset(
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
def _lemma(word: str) -> str:
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


class _Sent:
    """A sentence in the form the features read: lowercase words, words as written, tags,
    offsets."""

    __slots__ = ("sent", "words", "texts", "tags", "starts", "ends", "n", "inq", "has_quote",
                 "cand_part", "counts", "alnum", "np_codes")

    def __init__(self, sent: Sentence, quotes: "_QuoteIndex", words: list[str] | None = None):
        self.sent = sent
        # the sentence's own columns (Sentence.columns: tuples)
        starts, ends, texts, tags = sent.columns()
        self.starts, self.ends, self.texts, self.tags = starts, ends, texts, tags
        self.words = list(map(str.lower, texts)) if words is None else words
        self.n = len(texts)
        self.inq: list[bool] | None = None
        self.cand_part: dict[tuple[int, int], float] = {}  # source weights of a phrase alone
        self.counts = None  # prefix counts for the source scorer, see _source_counts
        self.alnum: list[int] | None = None  # prefix counts of words, see _word_counts
        self.np_codes: str | None = None  # see _np_codes
        self.has_quote = not _QUOTE_TOKENS.isdisjoint(self.words)
        if self.has_quote or quotes.overlaps(sent.start, sent.end):
            # quotes.inside(s) for each token start, without two method calls per token
            q_starts, q_ends = quotes.starts, quotes.ends
            self.inq = [
                (k := bisect_right(q_starts, s) - 1) >= 0 and s < q_ends[k] for s in starts
            ]

    def in_quote(self, i: int) -> bool:
        return bool(self.inq and self.inq[i])


class _QuoteIndex:
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


def _cue_features(s: _Sent, i: int) -> list[str]:
    """All features of candidate token ``i``: those of its word alone, then its context."""
    return _cue_word_features(s.words[i]) + _cue_context_features(s, i)


@lru_cache(maxsize=20000)
def _cue_word_features(word: str) -> list[str]:
    entry = reporting_verbs().get(word)
    return [
        "w=" + word,
        "l=" + _lemma(word),
        "lex=" + (entry.pos + "|" + entry.stance if entry is not None else "none"),
    ]


def _window(w: list[str], t: list[str], n: int, i: int) -> tuple[str, ...]:
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


def _cue_context_features(s: _Sent, i: int) -> list[str]:
    w, t, n = s.words, s.tags, s.n
    word = w[i]
    lem = _lemma(word)
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
    while j >= 0 and (w[j] in _AUX or t[j] in ("RB", "MD")):
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


# _np_candidates reads one code per token: N a noun, number or pronoun ("PRP", which also
# opens a new phrase after a noun: P), D a determiner (opens a new phrase after a noun), a
# any other noun-phrase tag or "'s", W "who" (a phrase by itself), x the cue, o the rest.
_NP_CODES = {"NN": "N", "NNS": "N", "NNP": "N", "NNPS": "N", "CD": "N", "PRP": "P", "DT": "D",
             "PDT": "D", "PRP$": "a", "JJ": "a", "JJR": "a", "JJS": "a", "POS": "a", "WP": "W"}
# A phrase: a run of N, P, D, a, cut before a P or D that follows an N or a P (nounish).
_NP_RE = re.compile(r"[NPDa](?:[Na]|(?<=[Da])[PD])*|W")


def _np_codes(s: _Sent) -> str:
    """The codes of the tokens of ``s`` for :data:`_NP_RE`, once per sentence."""
    if s.np_codes is None:
        codes = list(map(_NP_CODES.get, s.tags, repeat("o")))
        for k, w in enumerate(s.words):
            if (w == "'s" or w == "’s") and codes[k] in ("o", "W"):
                codes[k] = "a"
        s.np_codes = "".join(codes)
    return s.np_codes


def _np_candidates(s: _Sent, exclude: tuple[int, int]) -> list[tuple[int, int]]:
    """Noun-phrase token ranges ``[a, b]`` (inclusive) of the sentence, outside ``exclude``.

    A phrase is a run of tokens tagged as noun-phrase words (or "'s") that holds a noun, a
    number or a pronoun; a pronoun or a determiner after a noun or pronoun starts a new
    phrase; "who" (``WP``) is a phrase of its own; the tokens of ``exclude`` (the cue) belong
    to none. Found with one regular-expression scan over a code per token (see
    :data:`_NP_CODES`).
    """
    codes = _np_codes(s)
    a, b = max(exclude[0], 0), min(exclude[1], s.n - 1)
    if a <= b:
        codes = codes[:a] + "x" * (b - a + 1) + codes[b + 1 :]
    out = []
    for m in _NP_RE.finditer(codes):
        g = m.group()
        if g == "W" or "N" in g or "P" in g:
            out.append((m.start(), m.end() - 1))
    return out


def _source_rel_features(s: _Sent, c: tuple[int, int], cand: tuple[int, int] | None) -> list[str]:
    w, t = s.words, s.tags
    head = c[1] if w[c[0]] in ("according",) else c[0]
    lem = _lemma(w[head])
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
    verb = any(tg in _VERB_TAGS and ww not in _AUX for ww, tg in zip(btw_w, btw_t))
    comma = "," in btw_w
    quote = any(x in _QUOTE_TOKENS for x in btw_w)
    ctags = t[a : b + 1]
    pron = "PRP" in ctags
    name = "NNP" in ctags or "NNPS" in ctags
    prev = w[a - 1] if a > 0 else "<s>"
    adj = "adj" if len(between) == 0 else ("aux" if all(x in _AUX for x in btw_w) else "far")
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


def _source_features(s: _Sent, c: tuple[int, int], cand: tuple[int, int] | None) -> list[str]:
    """All features of a candidate source: those of the phrase alone, then its relation to
    the cue (``None``: the "no source" candidate)."""
    rel = _source_rel_features(s, c, cand)
    return rel if cand is None else _source_phrase_features(s, cand) + rel


def _source_phrase_features(s: _Sent, cand: tuple[int, int]) -> list[str]:
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


def _source_score(weights: dict[str, float], bias: float, s: _Sent, c, cand) -> float:
    """The source logit of ``cand`` for cue ``c``, from its feature strings (the reference
    for :func:`_source_ranker`, which extraction uses)."""
    get = weights.get
    score = bias + sum(map(get, _source_rel_features(s, c, cand), _ZEROS))
    if cand is not None:
        score += sum(map(get, _source_phrase_features(s, cand), _ZEROS))
    return score


def _source_counts(s: _Sent) -> tuple[list[int], list[int], list[int], list[int]]:
    """Prefix counts over the tokens of ``s`` (entry ``k`` counts tokens ``0 .. k-1``):
    verbs that are not auxiliaries, commas, quotation-mark tokens, non-auxiliary words. The
    "between" features of :func:`_source_rel_features` for any token range follow from two
    entries of each, instead of a scan of the range per candidate phrase."""
    if s.counts is None:
        words, tags = s.words, s.tags
        aux = list(map(_AUX.__contains__, words))
        s.counts = tuple(
            list(accumulate(flags, initial=0))  # bools add up as ints
            for flags in (
                map(gt, map(_VERB_TAGS.__contains__, tags), aux),  # a verb and not aux
                map(",".__eq__, words),
                map(_QUOTE_TOKENS.__contains__, words),
                map(not_, aux),
            )
        )
    return s.counts


_N_BUCKETS = 14  # _bucket(n) is the same for every n >= 13


def _source_ranker(src_m: dict):
    """``rank(s, c, cands)``: the best candidate source of cue ``c`` and its logit.

    The same logits as :func:`_source_score` (checked to 1e-9 by tests/test_attribution.py),
    without building the ~13
    feature strings of :func:`_source_rel_features` per candidate phrase: the weight of each
    feature template is looked up in tables built once per model (direction x distance
    bucket, direction x flag, ...) or once per cue (direction x lemma or tag), and the
    "between" flags come from the prefix counts of :func:`_source_counts`. The weights are
    added in the order of the feature list (left to right, as ``sum`` does) so that the
    floating-point result is identical; an absent feature weighs 0.0, as in ``_score``.
    """
    weights, bias = src_m["weights"], src_m["bias"]
    get = weights.get
    dirs = ("L", "R")
    w_d = {d: get("d=" + d, 0.0) for d in dirs}
    w_dd = {d: [get("dd=" + d + _bucket(n), 0.0) for n in range(_N_BUCKETS)] for d in dirs}
    flags = {  # template -> direction -> (weight of "0", weight of "1")
        t: {d: (get(t + "=" + d + "0", 0.0), get(t + "=" + d + "1", 0.0)) for d in dirs}
        for t in ("dv", "dc", "dq")
    }
    w_dv, w_dc, w_dq = flags["dv"], flags["dc"], flags["dq"]
    w_dadj = {(d, adj): get("dadj=" + d + adj, 0.0) for d in dirs for adj in ("adj", "aux", "far")}
    w_dpn = {(d, pn): get("dpn=" + d + pn, 0.0) for d in dirs for pn in "PNO"}
    w_sameq = (get("sameq=0", 0.0), get("sameq=1", 0.0))
    w_dvc = {
        (d, v, c, n): get("dvc=" + d + v + c + _bucket(n), 0.0)
        for d in dirs for v in "01" for c in "01" for n in range(_N_BUCKETS)
    }
    w_pron = (get("pron=0", 0.0), get("pron=1", 0.0))
    w_name = (get("name=0", 0.0), get("name=1", 0.0))
    w_first = (get("first=0", 0.0), get("first=1", 0.0))
    w_len = [get("len=" + _bucket(n), 0.0) for n in range(_N_BUCKETS)]
    # value -> weight for the templates with a word or tag in them (see _split_weights)
    split = _split_weights(weights, {"ht": 1, "hw": 1, "prev": 1, "next": 1, "none_pw": 1,
                                     "dprev": 2})
    w_ht, w_hw, w_prev, w_next, w_none_pw = (
        split[t] for t in ("ht", "hw", "prev", "next", "none_pw"))
    w_dprev = _by_first(split["dprev"])
    w_dprev_l, w_dprev_r = w_dprev.get("L", {}), w_dprev.get("R", {})
    per_cue: dict[tuple[str, str], tuple] = {}  # (lemma, cue tag) -> its weights, see below

    def cue_weights(lem: str, ctag: str) -> tuple:
        key = (lem, ctag)
        out = per_cue.get(key)
        if out is None:
            out = per_cue[key] = tuple(
                (
                    get("dl=" + d + "|" + lem, 0.0),
                    get("dt=" + d + "|" + ctag, 0.0),
                    {adj: get("dadjl=" + d + adj + "|" + lem, 0.0) for adj in ("adj", "aux", "far")},
                )
                for d in dirs
            )
        return out

    w_none = get("none", 0.0)
    w_none_first = (get("none_first=0", 0.0), get("none_first=1", 0.0))
    w_none_inq = (get("none_inq=0", 0.0), get("none_inq=1", 0.0))
    none_cue: dict[tuple[str, str], tuple[float, float, float]] = {}  # (lemma, tag) ->

    def none_score(s: _Sent, c: tuple[int, int], lem: str, ctag: str, head_q: bool) -> float:
        """The logit of "no source": the features of _source_rel_features(s, c, None), in
        its order."""
        key = (lem, ctag)
        wl = none_cue.get(key)
        if wl is None:
            wl = none_cue[key] = (
                get("none_l=" + lem, 0.0), get("none_t=" + ctag, 0.0),
                get("none_lt=" + lem + "|" + ctag, 0.0),
            )
        pw = s.words[c[0] - 1] if c[0] > 0 else "<s>"
        return bias + (
            w_none + wl[0] + wl[1] + w_none_pw.get(pw, 0.0) + wl[2]
            + w_none_first[c[0] == 0] + w_none_inq[head_q]
        )

    def phrase(s: _Sent, cand: tuple[int, int]) -> tuple[float, str]:
        """The summed weights of the phrase's own features, and "P", "N" or "O" (pronoun,
        name, other), once per sentence and phrase."""
        got = s.cand_part.get(cand)
        if got is None:
            a, b = cand
            ctags = s.tags[a : b + 1]
            pron = "PRP" in ctags
            name = "NNP" in ctags or "NNPS" in ctags
            w = s.words
            # the features of _source_phrase_features, in its order
            part = (
                w_pron[pron] + w_name[name] + w_ht.get(ctags[-1], 0.0) + w_hw.get(w[b], 0.0)
                + w_prev.get(w[a - 1] if a > 0 else "<s>", 0.0)
                + w_next.get(w[b + 1] if b + 1 < s.n else "</s>", 0.0)
                + w_first[a == 0] + w_len[min(b - a + 1, _N_BUCKETS - 1)]
            )
            got = s.cand_part[cand] = (part, "P" if pron else "N" if name else "O")
        return got

    def rank(s: _Sent, c: tuple[int, int], cands) -> tuple[tuple[int, int] | None, float]:
        w = s.words
        head = c[1] if w[c[0]] == "according" else c[0]
        lem, ctag = _lemma(w[head]), s.tags[head]
        cue_l, cue_r = cue_weights(lem, ctag)
        verbs, commas, quotes, content = _source_counts(s)
        inq = s.inq
        head_q = bool(inq and inq[head])
        c0, c1 = c
        cand_part = s.cand_part
        best, best_score = None, -1e9
        for cand in cands:
            if cand is None:
                sc = none_score(s, c, lem, ctag, head_q)
            else:
                a, b = cand
                if b < c0:
                    d, lo, hi, (w_dl, w_dt, w_dadjl), w_dp = "L", b + 1, c0, cue_l, w_dprev_l
                else:
                    d, lo, hi, (w_dl, w_dt, w_dadjl), w_dp = "R", c1 + 1, a, cue_r, w_dprev_r
                n = hi - lo if hi > lo else 0
                nb = n if n < _N_BUCKETS else _N_BUCKETS - 1
                v = verbs[hi] > verbs[lo] if n else False
                cm = commas[hi] > commas[lo] if n else False
                q = quotes[hi] > quotes[lo] if n else False
                adj = "adj" if n == 0 else ("aux" if content[hi] == content[lo] else "far")
                part, pn = cand_part.get(cand) or phrase(s, cand)
                prev = w[a - 1] if a > 0 else "<s>"
                same = bool(inq and inq[a]) == head_q
                rel = (
                    w_d[d] + w_dd[d][nb] + w_dl + w_dt + w_dv[d][v] + w_dc[d][cm] + w_dq[d][q]
                    + w_dadj[d, adj] + w_dadjl[adj] + w_dpn[d, pn]
                    + w_dp.get(prev, 0.0) + w_sameq[same]
                    + w_dvc[d, "1" if v else "0", "1" if cm else "0", nb]
                )
                sc = bias + rel + part
            if sc > best_score:
                best, best_score = cand, sc
        return best, best_score

    return rank


# ---------------------------------------------------------------------------------------
# Source information for actor linking

_PRONOUNS = frozenset(
    "he she it they we i you him her them us me his hers its their our who which one".split()
)
_VAGUE_HEADS = frozenset(
    """official officials source sources analyst analysts expert experts critic critics
    insider insiders observer observers diplomat diplomats person people aide aides adviser
    advisers advisor advisors economist economists activist activists lawyer lawyers resident
    residents voter voters tenant tenants landlord landlords worker workers steelworker
    steelworkers renter renters mother mothers mum mums father fathers pensioner pensioners
    other others some many several few someone somebody witness witnesses member members
    supporter supporters opponent opponents protester protesters employee employees staffer
    staffers strategist strategists operative operatives observers scientists scientist
    researchers researcher doctors doctor parents parent americans citizens locals
    commentators pundits democrats republicans conservatives liberals""".split()
)
_VAGUE_DET = frozenset("a an one some many several two three few another most".split())


class SourceInfo(NamedTuple):
    """What actor linking needs to know about an attribution's source.

    Attributes
    ----------
    span : Span or None
        The source span (``None``: no source).
    text : str
        The source as written.
    head : str
        Its head word, lowercased ("minister" in "the foreign minister").
    kind : {"pronoun", "name", "role", "vague", "none"}
        ``pronoun`` ("he", "it", "they"), ``name`` (holds a capitalised name: "Lavrov",
        "the Foreign Ministry"), ``role`` (a role or organisation noun phrase without a
        name: "the ministry", "the minister"), ``vague`` (an unnamed or collective source:
        "officials", "a source"), ``none``.
    needs_resolution : bool
        True for pronouns and roles, whose actor is the nearest compatible earlier mention.
    """

    span: Span | None
    text: str
    head: str
    kind: str
    needs_resolution: bool


def source_info(attribution: Attribution, text: str) -> SourceInfo:
    """Classify the source of ``attribution`` in ``text`` for actor linking.

    Examples
    --------
    >>> t = "The ministry said talks would resume. He said so too."
    >>> [source_info(a, t).kind for a in extract_attributions(t)]
    ['role', 'pronoun']
    """
    span = attribution.source
    if span is None:
        return SourceInfo(None, "", "", "none", False)
    src = text[span.start : span.end]
    words = re.findall(r"[\w’'.-]+", src)
    low = [x.lower() for x in words]
    core = low
    for k, x in enumerate(low):  # the head ends before "of", "from", "who", a comma ...
        if x in ("of", "from", "who", "which", "that", "at", "in", "familiar", "close", "with"):
            core = low[:k] or low
            break
    head = core[-1] if core else ""
    if head.endswith(("’s", "'s")):
        head = head[:-2]
    if len(low) == 1 and low[0] in _PRONOUNS:
        return SourceInfo(span, src, head, "pronoun", True)
    if _is_vague(words, low):
        return SourceInfo(span, src, head, "vague", False)
    caps = [x for k, x in enumerate(words) if x[:1].isupper() and (k > 0 or low[0] not in _VAGUE_DET | {"the"})]
    if caps:
        return SourceInfo(span, src, head, "name", False)
    return SourceInfo(span, src, head, "role", True)


def _is_vague(words: Sequence[str], low: Sequence[str]) -> bool:
    if not low:
        return False
    core = []
    for x in low:
        if x in ("of", "from", "who", "which", "that", "at", "in", "familiar", "close", "with", ",",
                 "briefed", "consulted", "following"):
            break
        core.append(x)
    core = core or list(low)
    head = core[-1]
    if head in ("some", "others", "many", "several", "critics", "analysts", "experts"):
        return True
    if head not in _VAGUE_HEADS:
        return False
    # a name after an appositive comma ("an aide, John Smith") makes it named
    if "," in words:
        return False
    return True


# ---------------------------------------------------------------------------------------
# Extraction


def extract_attributions(doc_or_text: Document | str) -> list[Attribution]:
    """All attributions of a text or document, in text order (by cue).

    Parameters
    ----------
    doc_or_text : Document or str
        A :class:`~framing.Document` (its sentences, which skip page clutter, are used) or a
        plain string (parsed without clutter removal).

    Returns
    -------
    list of Attribution
        ``source`` is ``None`` when the text names none; ``actor`` is left ``None`` (see
        :func:`source_info`).

    Examples
    --------
    >>> text = ('"A deal is close," said the minister, "but not done." '
    ...         'According to Reuters, talks resume on Monday.')
    >>> for a in extract_attributions(text):
    ...     print(a.kind, '|', text[slice(*a.source)], '|', text[slice(*a.cue)], '|',
    ...           text[slice(*a.content)])
    direct | the minister | said | A deal is close," said the minister, "but not done
    according_to | Reuters | According to | talks resume on Monday
    """
    if isinstance(doc_or_text, str):
        doc_or_text = Document(doc_or_text)
    elif not isinstance(doc_or_text, Document):
        raise TypeError(f"expected a Document or a str, got {type(doc_or_text).__name__}")
    return _end_before_coordinated_reports(doc_or_text.text, list(_iter_found(doc_or_text)))


def iter_attributions(doc_or_text: Document | str) -> Iterator[Attribution]:
    """Like :func:`extract_attributions`, one attribution at a time."""
    yield from extract_attributions(doc_or_text)


# A clause boundary that can open a second, coordinated report: ", but critics argue ...".
_COORDINATION_END = re.compile(r"(?:,\s*(?:but|while|whereas|although|though|and)|;)\s*\Z", re.I)
_COORDINATION_WINDOW = 40  # characters before a source (after its leading spaces) that may hold ", whereas"
_MAX_OPENERS_LOOKED_AT = 50  # reports inside one content that are checked for a boundary


def _end_before_coordinated_reports(text: str, found: list[Attribution]) -> list[Attribution]:
    """End an indirect report's content where a coordinated report by another source begins.

    In "Russia said it would hold talks, but critics argue the plan may fail" the content of
    "said" is "it would hold talks": the clause after ", but" is the critics' report, with a
    source and cue of its own. A nested report that shares the content ("citing X",
    "according to X") does not end it, as the guidelines ask.

    Linear in the number of reports (up to a log factor): the clause boundary before each
    report's source is looked for once, in a short window before the source, and each
    content is cut at the first such report inside it.
    """
    if len(found) < 2:
        return found
    # reports that can end another's content, in text order of their sources, each with the
    # start of the ", but" / ";" right before its source
    openers: list[tuple[int, int, int]] = []  # (source start, cue start, boundary start)
    for r in found:
        if r.kind == "according_to" or r.source is None or not r.source.start < r.cue.start:
            continue
        p = r.source.start
        while p > 0 and text[p - 1].isspace():
            p -= 1
        m = _COORDINATION_END.search(text, max(0, p - _COORDINATION_WINDOW), r.source.start)
        if m is not None:
            openers.append((r.source.start, r.cue.start, m.start()))
    openers.sort()
    source_starts = [o[0] for o in openers]
    out = []
    for a in found:
        end = a.content.end
        if a.kind in ("indirect", "mixed"):
            i = bisect_right(source_starts, a.content.start)
            for src_start, cue_start, boundary in openers[i : i + _MAX_OPENERS_LOOKED_AT]:
                if src_start >= a.content.end:
                    break
                if (a.source is None or src_start != a.source.start) and cue_start < a.content.end \
                        and boundary > a.content.start:
                    end = min(end, boundary)
                    break
        if end != a.content.end:
            content = _trim(text, a.content.start, end)
            kind = a.kind
            if kind == "mixed" and _QUOTE_CHARS.isdisjoint(text[content.start : content.end]):
                kind = "indirect"
            a = replace(a, content=content, kind=kind)
        out.append(a)
    return out


def _iter_found(doc: Document) -> Iterator[Attribution]:
    """Attributions as the cue and source models and the content rules find them."""
    text = doc.text
    sentences = doc.sentences
    if not sentences:
        return
    paras = paragraphs(text, doc.clutter)
    quotes = _QuoteIndex(find_quotations(text, paras))
    model = _model()
    cue_m = model["cue"]
    vocab = cue_m["vocab"]
    cue_score = cue_m.get("_score")
    if cue_score is None:
        cue_score = cue_m["_score"] = _cue_scorer(cue_m)
    thr = cue_m["logit_threshold"]
    src_m = model["source"]
    rank_sources = src_m.get("_rank")
    if rank_sources is None:
        rank_sources = src_m["_rank"] = _source_ranker(src_m)
    turns = _speaker_turns(sentences)
    pool = _candidate_pool(vocab)
    for k, sent in enumerate(sentences):
        _, _, texts, tags = sent.columns()
        # lowercased once, for the scan and _Sent
        words = list(map(str.lower, texts))
        if pool.isdisjoint(words):
            continue  # no word of the vocabulary and no rule cue: most sentences
        headline = None  # computed only when a vocabulary word looks like part of a name
        cands = []
        for i, w in enumerate(words):
            if w not in pool:
                continue
            if w in vocab:
                if not _inside_name(texts, tags, i):
                    cands.append(i)
                    continue
                if headline is None:
                    headline = _title_cased(texts)
                if headline:
                    cands.append(i)
                    continue
            if texts[i] in _RULE_CUES:
                cands.append(i)
        if not cands:
            continue
        s = _Sent(sent, quotes, words)
        cues: list[tuple[int, int]] = []
        signed: list[Attribution] = []
        for i in cands:
            word = s.words[i]
            if word in _DASHES:
                dash = _dash_attribution(text, s, i, quotes)
                if dash is not None:
                    signed.append(dash)
                continue
            if turns and word == ":" and (k, i) in turns:
                cues.append((i, i))
                continue
            if word == "according":
                if i + 1 < s.n and s.words[i + 1] == "to":
                    cues.append((i, i + 1))
                continue
            if word in _CREDIT or (i + 1 < s.n and s.words[i + 1] == "by" and s.tags[i] == "VBG"
                                   and i > 0 and s.words[i - 1] == "("):
                continue
            if cue_score(s, i) >= thr:
                if cues and cues[-1][1] >= i:
                    continue
                cues.append((i, _extend_cue(s, i)))
        found = [_build(doc, sentences, k, s, c, quotes, rank_sources) for c in cues]
        if signed:
            found = sorted(found + signed, key=lambda a: a.cue.start)
        yield from found


@lru_cache(maxsize=4)
def _candidate_pool(vocab: frozenset[str]) -> frozenset[str]:
    """The lowercased words that can make a token a cue candidate in :func:`_iter_found`: the
    cue model's vocabulary and the lowercased rule cues (a superset: the rule cues are
    matched as written)."""
    return vocab | {w.lower() for w in _RULE_CUES}


_NOT_SPEAKERS = frozenset(
    """correction corrections update updated byline video watch look note editor editors
    exclusive breaking busted boom email reads read previously photo photos source sources
    related more live warning disclaimer ps ps. tl dr faq q a""".split()
)


def _title_cased(texts: Sequence[str]) -> bool:
    """Most words capitalised (``texts``: the tokens as written): a headline ("Clinton Says
    She Will Run"), where capitals say nothing about names."""
    words = [t for t in texts if t[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _inside_name(texts: Sequence[str], tags: Sequence[str], i: int) -> bool:
    """A capitalised word inside a proper name is no reporting verb: "Blast" in "The Morning
    Blast". Sentence-initial words and all-capital words (transcripts) are left to the
    model, and so are headlines (see :func:`_title_cased`)."""
    word = texts[i]
    return (
        i > 0
        and word[:1].isupper()
        and not word.isupper()
        and tags[i] in ("NNP", "NNPS")
        and texts[i - 1][:1].isupper()
        and tags[i - 1] in ("NNP", "NNPS", "DT")
    )


def _speaker_turns(sentences: Sequence[Sentence]) -> set[tuple[int, int]]:
    """The colons of a transcript's speaker labels ("PENCE: Well, look, ..."): a capitalised
    word at the start of a sentence (after an optional quotation mark) then ``:``, when the
    document has at least two of them (sentence index, token index of the colon)."""
    found = set()
    for k, sent in enumerate(sentences):
        toks = sent.columns()[2]  # the words as written
        for i in range(1, min(3, len(toks))):
            if toks[i] != ":":
                continue
            name = toks[i - 1]
            if (
                len(name) > 1 and name.isalpha() and name.isupper()
                and name.lower() not in _NOT_SPEAKERS
                and (i == 1 or toks[0] in _QUOTE_TOKENS)
            ):
                found.add((k, i))
    return found if len(found) >= 2 else set()


_DASHES = frozenset(["―", "—"])
_RULE_CUES = _DASHES | {"according"}


def _dash_attribution(text: str, s: _Sent, i: int, quotes: _QuoteIndex) -> Attribution | None:
    """A quotation signed with a dash and a name ending its line (``“...” ― Sonya Herridge``):
    the dash is the cue, the name the source, the quotation the content."""
    j = s.starts[i] - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    if j < 0 or text[j] not in "”\"":
        return None
    q = quotes.before(j + 1)
    if q is None or q.close != j:
        return None
    k = i + 1
    while k < s.n and k - i <= 4 and s.texts[k][:1].isupper():
        k += 1
    if k == i + 1 or k - i > 4:
        return None
    end = s.ends[k - 1]
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end]
    if rest.strip(" .\u00a0\t"):
        return None
    content = _trim(text, q.span.start, q.span.end)
    if content.end <= content.start:
        return None
    return Attribution("direct", Span(s.starts[i + 1], end), Span(s.starts[i], s.ends[i]),
                       content, False, "neutral", s.words[i])


_PARTICLES = {"point": "out", "lash": "out", "hit": "out", "call": "for", "according": "to"}


def _extend_cue(s: _Sent, i: int) -> int:
    lem = _lemma(s.words[i])
    part = _PARTICLES.get(lem)
    if part and i + 1 < s.n and s.words[i + 1] == part:
        return i + 1
    return i


def _build(doc, sentences, k, s: _Sent, c, quotes: _QuoteIndex, rank_sources) -> Attribution:
    text = doc.text
    head = c[0]
    words = s.words
    cue_span = Span(s.starts[c[0]], s.ends[c[1]])
    according = words[c[0]] in ("according", "citing")
    # source: rank the noun phrases of the sentence and "no source"
    cands: list[tuple[int, int] | None] = [None]
    cands += [x for x in _np_candidates(s, c) if x[1] >= c[0] - MAX_SOURCE_DISTANCE and x[0] <= c[1] + MAX_SOURCE_DISTANCE]
    if according:  # "according to X", "citing X": the noun phrase right after the cue
        after = [x for x in cands if x is not None and x[0] > c[1]]
        if after and after[0][0] - c[1] <= 2:
            cands = [after[0]]
    if according:
        cands = [x for x in cands if x is None or x[0] >= c[0]]
    best, best_score = rank_sources(s, c, cands)
    source = None if best is None else Span(s.starts[best[0]], s.ends[best[1]])
    content, direct = _content(doc, sentences, k, s, c, best, quotes)
    lem = "according to" if words[c[0]] == "according" else _lemma(words[head])
    if according:
        kind = "according_to"
    elif direct:
        kind = "direct"
    elif not _QUOTE_CHARS.isdisjoint(text[content.start : content.end]):
        kind = "mixed"
    else:
        kind = "indirect"
    entry = reporting_verbs().get(words[head])
    stance = entry.stance if entry is not None else "neutral"
    if entry is not None:
        lem = entry.lemma
    if source is None:
        anonymous = True
    else:
        src_words = _SOURCE_WORD_RE.findall(text, source.start, source.end)
        anonymous = _is_vague(src_words, list(map(str.lower, src_words)))
    return Attribution(kind, source, cue_span, content, anonymous, stance, lem)


_QUOTE_CHARS = frozenset("\"“”‘’«»")
_SOURCE_WORD_RE = re.compile(r"[\w’'.-]+|,")
_WORD_RE = re.compile(r"\w+")


def _n_words(text: str, s: int, e: int) -> int:
    return len(_WORD_RE.findall(text, s, e)) if e > s else 0


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


def _chain(text: str, quotes: "_QuoteIndex", last: Quotation, after: int) -> Quotation:
    """Extend a quotation by the quotations that follow it in the same paragraph with only
    the rest of the cue's sentence (at most a few words) between them."""
    for _ in range(50):
        nxt = quotes.after(after)
        if nxt is None or nxt.close is None and nxt.open < 0:
            break
        gap_s = (last.close + 1) if last.close is not None else last.span.end
        gap = text[gap_s : nxt.open]
        if "\n\n" in gap or _n_words(text, gap_s, nxt.open) > 25 or not (
            gap.strip() == "" or gap.rstrip().endswith((".", ":"))
        ):
            break
        last = nxt
        after = nxt.span.end
    return last


def _word_counts(s: _Sent) -> list[int]:
    """Prefix counts of the words of ``s`` (tokens starting with a letter or digit): entry
    ``j`` counts those before token ``j``; computed once per sentence."""
    if s.alnum is None:
        s.alnum = list(accumulate((x[0].isalnum() for x in s.words), initial=0))
    return s.alnum


def _tail_is_pp(s: _Sent, after: int) -> bool:
    """Whether the words from token ``after`` on open with a preposition (not "that") and
    hold no verb ("..., officials said in a statement.")."""
    words, tags = s.words, s.tags
    tail = [k for k in range(after, s.n) if words[k][0].isalnum()]
    return bool(tail) and (tags[tail[0]] in ("IN", "TO") and words[tail[0]] != "that") and not any(
        tags[k] in _VERB_TAGS for k in tail
    )


def _content(doc, sentences, k, s: _Sent, c, src, quotes: _QuoteIndex) -> tuple[Span, bool]:
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
            after_src = src_e
            if c[0] == 0 or all(not x[0].isalnum() for x in words[: c[0]]):
                return _trim(text, after_src, se), False
        return _trim(text, ss, cs), False
    n = s.n
    n_words = _word_counts(s)  # n_words[j]: words (tokens starting with a letter or digit) before j
    that_right = "that" in words[c[1] + 1 : c[1] + 6] and n_words[n] - n_words[c[1] + 1] >= 4
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
                and _n_words(text, gap_s, cs) <= _MAX_GAP_WORDS
                and (
                    text[q_before.span.end - 1 : q_before.span.end] in ",.!?—-…"
                    or text[gap_s:cs].lstrip()[:1] in ",—-"
                )
                and _n_words(text, q_before.span.start, q_before.span.end) >= MIN_QUOTE_WORDS
            ):
                left = q_before
        right = None
        if q_after is not None:
            gap = text[ce : q_after.open]
            nw = _n_words(text, ce, q_after.open)
            stripped = gap.rstrip()
            if left is not None:
                # split quotation: "A," she said, "B."
                if nw <= _MAX_GAP_WORDS and stripped.endswith(",") and "\n" not in gap and q_after.open < se + 1:
                    right = q_after
            elif _n_words(text, q_after.span.start, q_after.span.end) >= MIN_QUOTE_WORDS and (
                (nw == 0 and q_after.open <= se)
                or (
                    nw <= _MAX_GAP_WORDS
                    and stripped.endswith((":", ","))
                    and (q_after.open <= se or stripped.endswith(":"))
                    and "." not in gap
                )
                or (nw == 1 and gap.strip().lower() == "that" and q_after.open <= se)
            ):
                right = q_after
        if left is not None or right is not None:
            first = left or right
            last = right or left
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
    tail_words = n_words[n] - n_words[after]
    before_end = src[0] if (src is not None and src[1] < c[0]) else c[0]
    lead_words = n_words[before_end]
    prev_tok = words[before_end - 1] if before_end > 0 else ""
    comma_before = prev_tok in (",", "—", "–", "-", ":") or prev_tok in _QUOTE_TOKENS
    if lead_words >= 2 and (
        tail_words == 0
        or (comma_before and (tail_words <= 3 or _tail_is_pp(s, after)) and words[after : after + 1] != ["that"])
    ):
        end_tok = before_end - 1
        return _trim(text, ss, s.ends[end_tok] if end_tok >= 0 else ss), False
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
            if all(s.tags[x] not in _VERB_TAGS for x in range(start_tok, j)):
                start_tok = j + 1
            break
        if s.tags[j] in _VERB_TAGS:
            break
    if start_tok >= n:
        return _trim(text, ss, cs), False
    end = se
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
    for j in range(start_tok + 1, n - 1):
        if words[j] == ";" or (
            words[j] in ("but", "and") and s.tags[j + 1] in ("VBD", "VBZ", "VBP") and s.tags[j - 1] != ","
        ):
            end = min(end, s.starts[j])
            break
    # stop before ", adding ...", ", according to ...", or a trailing ", he said"
    for j in range(start_tok + 1, n - 1):
        if words[j] == "," and (words[j + 1] in ("according", "adding", "saying", "citing", "noting")):
            end = s.starts[j]
            break
    cstart = s.starts[start_tok]
    return _trim(text, cstart, end), False
