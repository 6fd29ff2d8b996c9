"""The text layer: page clutter, paragraphs, sentences, tokens, part-of-speech tags and chunks.

Everything carries character offsets into the original text, and everything runs on what
``pip install`` brings: the tokenizer and sentence splitter are the project's own regular
expressions (NLTK's Punkt models and ``word_tokenize`` need a download and are not used),
and tags and chunks come from the pattern tagger and chunker that ship inside textblob
(``textblob/en/en-lexicon.txt`` and ``en-context.txt``; Brill-style lexicon plus contextual
rules, Penn Treebank tags).

The modules, in the order a text goes through them:

- :mod:`framing.text.clutter`: page clutter (datelines, bylines, captions, credits) as spans;
- :mod:`framing.text.page`: page structure (headline, captions and credits, dateline parts, body);
- :mod:`framing.text.paragraphs`: blank-line separated paragraphs;
- :mod:`framing.text.tokens`: the tokenizer, :class:`Token`, :class:`Chunk`, quotation marks;
- :mod:`framing.text.sentences`: sentence boundaries;
- :mod:`framing.text.tagger`: part-of-speech tags;
- :mod:`framing.text.chunk`: phrase chunks;
- :mod:`framing.text.parse`: :class:`Sentence` and :func:`parse`, which runs the above;
- :mod:`framing.text.forms`: a sentence's word forms for lexicon look-ups (lower case, curly
  apostrophes straightened).

The text layer imports no extractor: it is the floor every extractor stands on.

Examples
--------
>>> from framing.text import parse
>>> sents = parse('Mr. Lavrov met U.S. officials on Feb. 2 in Moscow. "We talked," he said.')
>>> [s.text for s in sents]
['Mr. Lavrov met U.S. officials on Feb. 2 in Moscow.', '"We talked," he said.']
>>> [(t.text, t.tag) for t in sents[0].tokens][:4]
[('Mr.', 'NNP'), ('Lavrov', 'NNP'), ('met', 'VBD'), ('U.S.', 'NNP')]
>>> [c.text for c in sents[0].noun_chunks]
['Mr. Lavrov', 'U.S. officials', 'Feb.', 'Moscow']
"""

from __future__ import annotations

from framing.text.clutter import Clutter, Region, find_clutter
from framing.text.page import Page, find_page
from framing.text.paragraphs import paragraphs
from framing.text.parse import Sentence, parse
from framing.text.sentences import MAX_SENTENCE_TOKENS, split_sentences
from framing.text.tagger import tag_words
from framing.text.tokens import (
    ABBREVIATIONS,
    CLOSING_QUOTES,
    OPENING_QUOTES,
    QUOTE_MARKS,
    STRAIGHT_QUOTES,
    Chunk,
    Token,
    tokenize,
)

__all__ = [
    "Token",
    "Chunk",
    "Sentence",
    "tokenize",
    "split_sentences",
    "parse",
    "paragraphs",
    "tag_words",
    "find_clutter",
    "find_page",
    "Page",
    "Clutter",
    "Region",
    "MAX_SENTENCE_TOKENS",
    "ABBREVIATIONS",
    "OPENING_QUOTES",
    "CLOSING_QUOTES",
    "STRAIGHT_QUOTES",
    "QUOTE_MARKS",
]
