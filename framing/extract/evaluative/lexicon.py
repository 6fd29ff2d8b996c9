"""The evaluative lexicon: loaded labels and idioms, the news stoplist, the word lexicon and
the modifiers (``framing/data/lexicons``), indexed once; :func:`word_polarity` looks up one word."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from framing.resources import lexicon_rows
from framing.text import tokenize
from framing.text.forms import straight_lower


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


def _toks(phrase: str) -> tuple[str, ...]:
    return tuple(straight_lower(phrase[s:e]) for s, e in tokenize(phrase))


@lru_cache(maxsize=1)
def evaluative_lexicon() -> EvaluativeLexicon:
    """Load and index the four tables of ``framing/data/lexicons`` once.

    Examples
    --------
    >>> lex = evaluative_lexicon()
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

    for row in lexicon_rows("loaded_labels.tsv"):
        put(row[0], WordPolarity(int(row[1]), float(row[2]), row[3]))
    for row in lexicon_rows("news_stoplist.tsv"):
        prefixes = tuple(p for p in row[1].split(",") if p) if len(row) > 1 else ()
        put(row[0], (_STOP, prefixes))
    lexicon_words = {
        row[0]: WordPolarity(int(row[1]), float(row[2]), "lexicon") for row in lexicon_rows("evaluative.tsv")
    }
    for word, value in lexicon_words.items():
        words.setdefault(word, value)
    for lst in phrases.values():
        lst.sort(key=lambda item: -len(item[0]))
    modifiers: dict = {}
    modifier_phrases: dict = {}
    for row in lexicon_rows("intensifiers.tsv"):
        toks = _toks(row[0])
        modifier = (row[1], float(row[2]))
        if len(toks) == 1:
            modifiers[toks[0]] = modifier
        else:
            modifier_phrases.setdefault(toks[-1], []).append((toks, *modifier))
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
    value = evaluative_lexicon().words.get(straight_lower(word))
    if value is None:
        return None
    if isinstance(value, tuple) and value and value[0] is _STOP:
        if not value[1] or tag.startswith(value[1]):
            return None
        # a part-of-speech restricted stop word in another sense: fall back to the lexicon
        return evaluative_lexicon().lexicon_words.get(straight_lower(word))
    return value
