"""Word forms for lexicon look-ups: a sentence's words in lower case with curly apostrophes
as straight ones, read from :meth:`Sentence.lowers` (kept by the sentence, so there is no
table of forms to bound)."""

from __future__ import annotations

from framing.text.parse import Sentence


def straight_lowers(sentence: Sentence, marks: str = "’") -> tuple[str, ...]:
    """The words of ``sentence`` in lower case (:meth:`Sentence.lowers`), each character of
    ``marks`` replaced by a straight apostrophe ``'``.

    A word is a piece of the sentence's text, so a mark missing from the text is in no word:
    for most sentences this is ``sentence.lowers()`` itself, with no word visited.

    Examples
    --------
    >>> from framing.text.parse import parse
    >>> sent = parse("It’s ‘odd’.")[0]
    >>> straight_lowers(sent)
    ('it', "'s", '‘', 'odd', "'", '.')
    >>> straight_lowers(sent, "’‘")
    ('it', "'s", "'", 'odd', "'", '.')
    """
    lows = sentence.lowers()
    text = sentence.text
    for mark in marks:
        if mark in text:
            lows = tuple(w.replace(mark, "'") for w in lows)
    return lows


def straight_lower(word: str) -> str:
    """One word's lexicon form: lower case, curly apostrophes and opening single quotes
    straightened (the form :func:`straight_lowers` gives with ``marks="’‘"``).

    Examples
    --------
    >>> straight_lower("Isn’t")
    "isn't"
    """
    return word.lower().replace("’", "'").replace("‘", "'")
