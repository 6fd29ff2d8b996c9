"""Evaluative language: words and short phrases that judge, with polarity, intensity and voice.

Follows section 3 of the annotation guidelines (appraisal theory, Martin & White 2005). Each
:class:`~framing.Evaluation` has

- ``polarity`` +1 or -1 and ``intensity`` in (0, 1];
- ``voice``: ``"quoted"`` when the span lies inside an attribution's content, ``"author"``
  otherwise, so the outlet's own evaluation is never mixed with what it quotes;
- ``kind``: ``"lexicon"`` (a word of the general lexicon), ``"label"`` (a loaded label such as
  "regime", "thugs", "heroic", "invasion"), ``"emotive_verb"`` ("slammed", "bragged"),
  ``"idiom"`` ("buy time", "in good faith"), ``"distancing"`` ("so-called") or
  ``"appraisal"`` (evaluative words the permissive lexicons lack: "constructive", "fragile").

How a span is found, one sentence at a time (every step is a small function below):

1. Look-up, longest phrase first: the project's loaded labels and idioms
   (``loaded_labels.tsv``), then the news stoplist (``news_stoplist.tsv``: words that general
   sentiment lexicons score but that do not evaluate in news, such as "party", "vice
   president", "critical condition", "killed"), then the word lexicon (``evaluative.tsv``,
   built from textblob's and VADER's lexicons).
2. Modifiers to the left of a head: intensifiers scale its intensity, downtoners lower it,
   and a negator ("not", "never", "no longer", "hardly", "n't") flips its polarity; the
   span grows to take them in ("absolutely furious", "not unreasonable").
3. Adjacent heads of the same polarity merge into one span ("shameless land grab"); a
   distancing marker ("so-called") stays a span of its own.
4. Voice from the attributions (:func:`framing.records.voice_of`).

Scare quotes (a short phrase in quotation marks that no source is reported to say) are the
other distancing marker; :func:`scare_quotes` finds them separately, because the guidelines
count the quoted words, not the marks, as evaluative language.

:func:`word_polarity` gives the prior polarity and intensity of one word, for other steps
(actor sentiment) that need the same look-up.

A word-level model of loaded language that you train on word annotations in your own data
home (no weights are shipped: BABE/MBIC is AGPL) is
:class:`framing.models.LoadedWordClassifier`; its features are this module's evidence.

Examples
--------
>>> from framing.evaluative import extract_evaluations
>>> text = "The so-called reform is not unreasonable, but the regime's thugs were absolutely furious."
>>> [(e.text, e.polarity, e.kind) for e in extract_evaluations(text)]
[('so-called', -1, 'distancing'), ('not unreasonable', 1, 'lexicon'), ('regime', -1, 'label'), ('thugs', -1, 'label'), ('absolutely furious', -1, 'lexicon')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator, NamedTuple, Sequence

from framing.records import Attribution, Evaluation, Span, voice_of
from framing.document import Document
from framing.text import Sentence, parse, tokenize

__all__ = [
    "extract_evaluations",
    "loaded_language",
    "scare_quotes",
    "word_polarity",
    "WordPolarity",
    "load_lexicon",
    "EvaluativeLexicon",
]

# Rule constants. VADER (Hutto & Gilbert 2014) adds 0.293 to a valence of at most 4 for a
# booster (about x1.3 at a typical valence of 1.9) and multiplies by -0.74 under negation;
# the annotation of the bundled sample gives plain evaluative words 0.5 and intensified
# phrases 0.9. We scale by the factor in intensifiers.tsv and dampen negated heads.
NEGATION_DAMPING = 0.74
"""Intensity multiplier of a negated head (VADER's N_SCALAR, 0.74)."""
NEGATION_WINDOW = 3
"""How many tokens to the left of a head a negator may stand ("not a very good")."""
_SKIPPABLE = frozenset({"a", "an", "the", "that", "so", "as", "be", "been", "is", "was", "are",
                        "were", "being", "longer"})
_STOP = object()


class WordPolarity(NamedTuple):
    """Prior polarity of one word or phrase: ``polarity`` +1/-1, ``intensity`` in (0, 1],
    ``kind`` (``lexicon``, ``label``, ``emotive_verb``, ``idiom``, ``distancing``)."""

    polarity: int
    intensity: float
    kind: str


@dataclass(frozen=True)
class EvaluativeLexicon:
    """The loaded tables: single words, phrases (by first token), modifiers and stoplist."""

    words: dict  # word -> WordPolarity, or (_STOP, tag prefixes)
    phrases: dict  # first token -> list of (tokens, WordPolarity or _STOP), longest first
    modifiers: dict  # word -> (kind, factor)
    modifier_phrases: dict  # last token -> list of (tokens, kind, factor)
    lexicon_words: dict  # word -> WordPolarity of the word lexicon alone


def _rows(name: str, *, with_header: bool = False) -> Iterator[list[str]]:
    """The rows of a lexicon TSV of ``framing/data/lexicons``, comments and blank lines
    left out; the first row (the column names) only when ``with_header``."""
    text = resources.files("framing").joinpath("data", "lexicons", name).read_text(encoding="utf-8")
    header = not with_header
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:  # the column names
            header = False
            continue
        yield line.split("\t")


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("‘", "'")


def _toks(phrase: str) -> tuple[str, ...]:
    return tuple(_norm(phrase[s:e]) for s, e in tokenize(phrase))


@lru_cache(maxsize=1)
def load_lexicon() -> EvaluativeLexicon:
    """Load and index the four tables of ``framing/data/lexicons`` once.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.words["heroic"]
    WordPolarity(polarity=1, intensity=0.7, kind='label')
    """
    words: dict = {}
    phrases: dict = {}

    def put(entry: str, value) -> None:
        toks = _toks(entry)
        if not toks:
            return
        if len(toks) == 1:
            words.setdefault(toks[0], value)
        else:
            lst = phrases.setdefault(toks[0], [])
            if all(t != toks for t, _ in lst):
                lst.append((toks, value))

    for row in _rows("loaded_labels.tsv"):
        put(row[0], WordPolarity(int(row[1]), float(row[2]), row[3]))
    for row in _rows("news_stoplist.tsv"):
        prefixes = tuple(p for p in row[1].split(",") if p) if len(row) > 1 else ()
        put(row[0], (_STOP, prefixes))
    lexicon_words = {
        row[0]: WordPolarity(int(row[1]), float(row[2]), "lexicon") for row in _rows("evaluative.tsv")
    }
    for word, value in lexicon_words.items():
        words.setdefault(word, value)
    for lst in phrases.values():
        lst.sort(key=lambda item: -len(item[0]))
    modifiers: dict = {}
    modifier_phrases: dict = {}
    for row in _rows("intensifiers.tsv"):
        toks = _toks(row[0])
        value = (row[1], float(row[2]))
        if len(toks) == 1:
            modifiers[toks[0]] = value
        else:
            modifier_phrases.setdefault(toks[-1], []).append((toks, *value))
    return EvaluativeLexicon(words, phrases, modifiers, modifier_phrases, lexicon_words)


def word_polarity(word: str, tag: str = "") -> WordPolarity | None:
    """The prior polarity and intensity of a single word, or ``None`` if it does not evaluate.

    The same look-up the extractor makes: loaded labels first, then the news stoplist (which
    returns ``None``), then the word lexicon. Negation and intensifiers are handled at the
    span level by :func:`extract_evaluations`, not here. ``tag`` (a Penn tag) matters only
    for stoplist entries restricted to some parts of speech ("fine" as a noun).

    Examples
    --------
    >>> word_polarity("heroic")
    WordPolarity(polarity=1, intensity=0.7, kind='label')
    >>> word_polarity("Furious").polarity
    -1
    >>> word_polarity("party") is None   # news stoplist
    True
    >>> word_polarity("table") is None
    True
    """
    value = load_lexicon().words.get(_norm(word))
    if value is None:
        return None
    if isinstance(value, tuple) and value and value[0] is _STOP:
        if not value[1] or tag.startswith(value[1]):
            return None
        # a part-of-speech restricted stop word in another sense: fall back to the lexicon
        return load_lexicon().lexicon_words.get(_norm(word))
    return value


class _Hit(NamedTuple):
    first: int  # token index
    last: int
    value: WordPolarity


def _heads(lows: list[str], tags: list[str], lex: EvaluativeLexicon) -> list[_Hit]:
    """Step 1: evaluative heads, longest phrase first, stoplist before the lexicon."""
    words, phrases = lex.words, lex.phrases
    hits: list[_Hit] = []
    n = len(lows)
    i = 0
    while i < n:
        w = lows[i]
        cands = phrases.get(w)
        if cands is not None:
            matched = False
            for toks, value in cands:
                k = len(toks)
                if tuple(lows[i : i + k]) == toks:
                    if value.__class__ is WordPolarity:
                        hits.append(_Hit(i, i + k - 1, value))
                    i += k
                    matched = True
                    break
            if matched:
                continue
        value = words.get(w)
        if value is None and w[:2] in _NEG_PREFIXES:
            value = _prefixed(w, lex)
        if value is not None:
            if value.__class__ is WordPolarity:
                hits.append(_Hit(i, i, value))
            elif value[1] and not tags[i].startswith(value[1]):
                fallback = lex.lexicon_words.get(w)
                if fallback is not None:
                    hits.append(_Hit(i, i, fallback))
        i += 1
    return hits


_NEG_PREFIXES = frozenset({"un", "in", "im", "ir", "il", "di"})


def _prefixed(word: str, lex: EvaluativeLexicon) -> WordPolarity | None:
    """A negative prefix on a positive lexicon word ("unreasonable", "irresponsible")."""
    for prefix in ("un", "in", "im", "ir", "il", "dis"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            base = lex.words.get(word[len(prefix) :])
            if base.__class__ is WordPolarity and base.polarity > 0:
                return WordPolarity(-1, base.intensity, "lexicon")
    return None


def _modify(hit: _Hit, lows: list[str], lex: EvaluativeLexicon, floor: int) -> tuple[int, int, float]:
    """Step 2: take in intensifiers, downtoners and a negator to the left of a head.

    Returns the new first token index, the polarity and the intensity. ``floor`` is the
    first token the span may take (the end of the previous span)."""
    polarity, intensity = hit.value.polarity, hit.value.intensity
    first = hit.first
    j = first - 1
    scaled = False
    while j >= floor and first - j <= NEGATION_WINDOW:
        w = lows[j]
        mod = lex.modifiers.get(w)
        if mod is None:
            for toks, kind, factor in lex.modifier_phrases.get(w, ()):
                k = len(toks)
                if j - k + 1 >= floor and tuple(lows[j - k + 1 : j + 1]) == toks:
                    mod = (kind, factor)
                    j = j - k + 1
                    break
        if mod is not None:
            kind, factor = mod
            if kind == "negator":
                return j, -polarity, intensity * NEGATION_DAMPING
            if not scaled:
                intensity = min(1.0, intensity * factor)
                scaled = True
            first = j
            j -= 1
            continue
        if w in _SKIPPABLE:
            j -= 1
            continue
        break
    return first, polarity, intensity


def _sentence_evaluations(sent: Sentence, lex: EvaluativeLexicon) -> list[tuple[int, int, int, float, str]]:
    toks = sent.tokens
    lows = [_norm(t.text) for t in toks]
    tags = [t.tag for t in toks]
    hits = _heads(lows, tags, lex)
    out: list[list] = []  # [first, last, polarity, intensity, kind]
    floor = 0
    for hit in hits:
        first, polarity, intensity = _modify(hit, lows, lex, floor)
        merge = bool(out) and "distancing" not in (out[-1][4], hit.value.kind)
        if merge and out[-1][1] >= first - 1 and out[-1][2] == polarity and first >= out[-1][0]:
            prev = out[-1]  # step 3: adjacent heads of one polarity (a marker stays alone)
            prev[1] = hit.last
            prev[3] = max(prev[3], intensity)
            if prev[4] == "lexicon":
                prev[4] = hit.value.kind
        elif out and first <= out[-1][1]:
            # a head used as the intensifier of this one ("pure madness"): this one wins
            out[-1] = [out[-1][0], hit.last, polarity, max(intensity, out[-1][3]), hit.value.kind]
        else:
            out.append([first, hit.last, polarity, intensity, hit.value.kind])
        floor = hit.last + 1
    return [(toks[f].start, toks[l].end, p, round(max(0.05, min(1.0, x)), 2), k) for f, l, p, x, k in out]


def extract_evaluations(
    doc_or_text: Document | str,
    attributions: Sequence[Attribution] | None = None,
) -> list[Evaluation]:
    """Evaluative words and phrases of a text, with polarity, intensity and voice.

    Parameters
    ----------
    doc_or_text : Document or str
        A :class:`~framing.Document` (its cached sentences, outside the page clutter, are
        used) or a plain string.
    attributions : sequence of Attribution, optional
        The attributions that decide the voice. Default: ``doc.attributions`` for a
        Document, none for a string (every span is then in the author's voice).

    Returns
    -------
    list of Evaluation
        In text order; ``span`` offsets point into the text given.

    Examples
    --------
    >>> from framing import Attribution, Span
    >>> text = 'Critics said the plan was "a total insult". It is a very generous offer.'
    >>> quote = Attribution("direct", Span(0, 7), Span(8, 12), Span(27, 41))
    >>> for e in extract_evaluations(text, [quote]):
    ...     print(e.text, e.polarity, e.intensity, e.voice)
    total insult -1 1.0 quoted
    very generous 1 0.85 author
    """
    if isinstance(doc_or_text, Document):
        sentences = doc_or_text.sentences
        if attributions is None:
            attributions = doc_or_text.attributions
        text = doc_or_text.text
    elif isinstance(doc_or_text, str):
        text = doc_or_text
        sentences = parse(text)
    else:
        raise TypeError(f"extract_evaluations() takes a Document or a str, got {type(doc_or_text).__name__}")
    lex = load_lexicon()
    found = [r for s in sentences for r in _sentence_evaluations(s, lex)]
    if attributions:
        # A reporting verb's stance ("slammed", "bragged") belongs to the attribution
        # (cue_stance), not to evaluative language.
        cues = sorted((a.cue.start, a.cue.end) for a in attributions)
        found = [r for r in found if not _overlaps_any(r[0], r[1], cues)]
    voices = voice_of([Span(s, e) for s, e, *_ in found], attributions or ())
    return [
        Evaluation(Span(s, e), text[s:e], p, x, v, k)
        for (s, e, p, x, k), v in zip(found, voices)
    ]


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (end, end)) - 1
    while i >= 0 and spans[i][0] < end:
        if spans[i][1] > start:
            return True
        if start - spans[i][0] > 200:  # cues are short: no earlier cue can reach
            break
        i -= 1
    return False


_OPEN = "\"“‘'"
_SCARE_RE = re.compile(r"(?<![\w])([\"“‘])([^\"“”‘’\n.,!?;:]{1,40}?)([\"”’])(?![\w])")


def scare_quotes(
    doc_or_text: Document | str, attributions: Sequence[Attribution] | None = None
) -> list[Span]:
    """Scare quotes: one to three words in quotation marks that no source is reported to say.

    A quoted phrase counts when it holds no sentence punctuation, at most three words, and
    lies inside no attribution's content (a partial quotation of a source is not a scare
    quote). Returns the spans of the quoted words, without the marks.

    Examples
    --------
    >>> text = 'The so-called "peace plan" was signed.'
    >>> [text[s:e] for s, e in scare_quotes(text)]
    ['peace plan']
    """
    if isinstance(doc_or_text, Document):
        text = doc_or_text.text
        if attributions is None:
            attributions = doc_or_text.attributions
    else:
        text = doc_or_text
    spans = []
    for m in _SCARE_RE.finditer(text):
        inner = m.group(2)
        if inner.strip() != inner or not inner or len(inner.split()) > 3:
            continue
        spans.append(Span(m.start(2), m.end(2)))
    if not spans:
        return []
    voices = voice_of(spans, attributions or ())
    return [s for s, v in zip(spans, voices) if v == "author"]


#: Cue stances whose reporting word is itself loaded language ("claimed", "slammed").
LOADED_CUE_STANCES = ("doubt", "emotive")


def loaded_language(doc: Document) -> list[Span]:
    """Spans of loaded language in an analysed document, sorted.

    The evaluative spans plus the cues of attributions whose stance is ``doubt`` or
    ``emotive``: those reporting words are kept out of the evaluative spans (the attribution
    records their stance), yet they are loaded word choice in the sense of Recasens et al.
    (2013) and of BABE/MBIC's biased-word annotations. This union is what the word-level
    BABE/MBIC evaluation scores; the choice of stances was made on BABE's dev split.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The senator claimed the disastrous plan would work.")
    >>> [doc.text[s:e] for s, e in loaded_language(doc)]
    ['claimed', 'disastrous']
    """
    spans = [e.span for e in doc.evaluations]
    spans += [a.cue for a in doc.attributions if a.cue_stance in LOADED_CUE_STANCES]
    return sorted(set(spans))


def _iter(texts: Iterable[str]) -> Iterator[list[Evaluation]]:
    for t in texts:
        yield extract_evaluations(t)
