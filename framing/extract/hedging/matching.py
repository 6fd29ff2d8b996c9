"""Lexicon matching: the sentence's normalised words, the index of lexicon entries by first
word, and the candidate matches a rule (and optionally the classifier) accepts."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from framing.records import Span, _new_tuple
from framing.text import Sentence
from framing.text.forms import straight_lowers
from framing.extract.hedging.lexicon import LexiconEntry, cue_lexicon
from framing.extract.hedging.rules import Rule, RULES
from framing.extract.hedging.model import _accept, is_classified


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[LexiconEntry, Rule | None], ...]]:
    """Hedge and booster entries keyed by their first word, longest first."""
    by_first: dict[str, list[LexiconEntry]] = {}
    for cat in ("hedge", "booster"):
        for e in cue_lexicon(cat):
            by_first.setdefault(e.words[0], []).append(e)
    out = {}
    for w, entries in by_first.items():
        entries.sort(key=lambda e: -len(e.words))
        out[w] = tuple((e, RULES[e.rule] if e.rule else None) for e in entries)
    return out


@lru_cache(maxsize=1)
def _vague_words() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for e in cue_lexicon("vague"):
        groups.setdefault(e.subtype, set()).add(e.words[0])
    return {k: frozenset(v) for k, v in groups.items()}


def sentence_words(sentence: Sentence) -> tuple[list[str], list[str], list[str]]:
    """The sentence's words in their matching form (lower case, ``’`` as ``'``, ``n't`` as
    ``not``), its tags and its words as written, read from :meth:`Sentence.columns`."""
    _, _, texts, tags = sentence.columns()
    forms = list(straight_lowers(sentence))
    lows = sentence.lowers()
    if "n't" in lows:  # the straight "n't" only: a curly "n’t" stays "n't", as it always did
        forms = ["not" if low == "n't" else form for low, form in zip(lows, forms)]
    return forms, list(tags), list(texts)


def lexicon_matches(words, tags, raw, model=None) -> Iterator[tuple[int, int, LexiconEntry]]:
    """Token ranges ``[i, j)`` of the accepted hedge and booster cues, longest match first.

    ``model=None`` gives the rules alone (the default, and the candidates the classifier is
    trained on); ``model=hedging_model()`` lets the classifier reject candidates."""
    index = _index()
    n = len(words)
    after = 0  # the end of the last match: no match starts inside one
    # only the words that start some entry are visited (a few per sentence)
    for i in [k for k, w in enumerate(words) if w in index]:
        if i < after:
            continue
        for entry, rule in index[words[i]]:
            j = i + len(entry.words)
            if j > n or (j > i + 1 and tuple(words[i:j]) != entry.words):
                continue
            if rule is None or rule(words, tags, raw, i, j):
                if (model is not None and is_classified(entry)
                        and not _accept(model, words, tags, raw, i, j, entry)):
                    continue
                yield i, j, entry
                after = j
                break


def _lexical_cues(sentence: Sentence, words, tags, raw, model=None) -> Iterator[tuple[Span, str, str]]:
    starts, ends = sentence.columns()[:2]
    for i, j, entry in lexicon_matches(words, tags, raw, model):
        yield _new_tuple(Span, (starts[i], ends[j - 1])), entry.category, entry.subtype
