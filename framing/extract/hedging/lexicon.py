"""The cue lexicons (``hedges.tsv``, ``boosters.tsv``, ``vague.tsv`` in ``framing/data/lexicons``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from framing.resources import load_lexicon


#: The three cue categories, in the order of the record format.
CATEGORIES = ("hedge", "booster", "vague")

_LEXICON_FILES = {"hedge": "hedges.tsv", "booster": "boosters.tsv", "vague": "vague.tsv"}


@dataclass(frozen=True)
class LexiconEntry:
    """One row of a cue lexicon: the lower-cased token sequence and what it is."""

    words: tuple[str, ...]
    category: str
    subtype: str
    rule: str
    source: str


@lru_cache(maxsize=None)
def cue_lexicon(category: str) -> tuple[LexiconEntry, ...]:
    """The project's cue lexicon of one category (``hedge``, ``booster`` or ``vague``).

    Examples
    --------
    >>> entries = cue_lexicon("booster")
    >>> [e for e in entries if e.words == ("of", "course")][0].source
    'guidelines; Hyland 2005'
    """
    if category not in _LEXICON_FILES:
        raise ValueError(f"category must be one of {CATEGORIES}, got {category!r}")
    rows = load_lexicon(_LEXICON_FILES[category])
    return tuple(
        LexiconEntry(tuple(r["cue"].split()), r["category"], r["subtype"], r["rule"], r["source"])
        for r in rows
    )


@lru_cache(maxsize=None)
def subtypes(category: str) -> tuple[str, ...]:
    subs = sorted({e.subtype for e in cue_lexicon(category)})
    if category == "vague":
        subs = ["anonymous_source", "impersonal", "quantifier", "source_noun"]
    return tuple(subs)
