"""The parsed sentence (:class:`Sentence`) and :func:`parse`: split, tokenize and tag a text."""

from __future__ import annotations

from itertools import repeat
from typing import Sequence

from framing.records import Span, _new_tuple
from framing.text.tokens import Chunk, Token
from framing.text.sentences import _sentence_bounds
from framing.text.tagger import tag_words
from framing.text.chunk import _chunks


class Sentence:
    """A sentence: offsets, its paragraph number, its tokens and (computed on first use)
    its chunks.

    :func:`parse` keeps each sentence's tokens as four tuples (starts, ends, words, tags)
    and builds the :class:`Token` tuples on first use of :attr:`tokens`: steps that read
    only the columns (attribution, :attr:`framing.Document.word_count`) then never build
    them. That saves their construction and, above all, the garbage collector's passes over
    them: ``Token`` is a tuple subclass, which the collector keeps tracking for as long as
    it lives, while an exact tuple of strings and numbers (a column) it stops tracking.
    """

    __slots__ = ("start", "end", "text", "paragraph", "_tokens", "_columns", "_chunks", "_lowers", "_priors")

    def __init__(self, start: int, end: int, text: str, paragraph: int, tokens: tuple[Token, ...]):
        self.start = start
        self.end = end
        self.text = text
        self.paragraph = paragraph
        self._tokens: tuple[Token, ...] | None = tokens
        self._columns: tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]] | None = None
        self._chunks: tuple[Chunk, ...] | None = None
        self._lowers: tuple[str, ...] | None = None
        # the words' prior polarities, kept here by framing.extract.actors.target.sentence_priors
        self._priors: tuple[float, ...] | None = None

    @classmethod
    def _from_columns(cls, start: int, end: int, text: str, paragraph: int,
                      starts: tuple[int, ...], ends: tuple[int, ...], words: tuple[str, ...],
                      tags: tuple[str, ...]) -> "Sentence":
        """A sentence whose tokens are built from these tuples on first use."""
        self = cls.__new__(cls)
        self.start = start
        self.end = end
        self.text = text
        self.paragraph = paragraph
        self._tokens = None
        self._columns = (starts, ends, words, tags)
        self._chunks = None
        self._lowers = None
        self._priors = None
        return self

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, {self.text[:40]!r})"

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The tokens, with their offsets and tags (built on first use, then kept)."""
        if self._tokens is None:
            assert self._columns is not None  # one of the two is always set
            # tuple.__new__ builds each Token without NamedTuple's Python-level __new__
            self._tokens = tuple(map(_new_tuple, repeat(Token), zip(*self._columns)))
        return self._tokens

    @tokens.setter
    def tokens(self, tokens: tuple[Token, ...]) -> None:
        self._tokens = tokens
        self._columns = None
        self._chunks = None
        self._lowers = None
        self._priors = None

    def columns(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...]]:
        """The tokens as four tuples: starts, ends, words (as written) and tags."""
        if self._columns is None:
            toks = self.tokens
            self._columns = (tuple(t.start for t in toks), tuple(t.end for t in toks),
                             tuple(t.text for t in toks), tuple(t.tag for t in toks))
        return self._columns

    def lowers(self) -> tuple[str, ...]:
        """The words of :meth:`columns` in lower case (``str.lower``), computed on first use:
        the actors and roles steps both read them.

        Examples
        --------
        >>> from framing.text.parse import parse
        >>> parse("The Minister SAID it.")[0].lowers()
        ('the', 'minister', 'said', 'it', '.')
        """
        if self._lowers is None:
            self._lowers = tuple(map(str.lower, self.columns()[2]))
        return self._lowers

    @property
    def span(self) -> Span:
        # tuple.__new__ builds the Span without NamedTuple's Python-level __new__ (half the
        # time; the later steps ask for sentence spans about 12,000 times per 100 articles)
        return _new_tuple(Span, (self.start, self.end))

    @property
    def chunks(self) -> tuple[Chunk, ...]:
        """Phrase chunks from textblob's pattern chunker, computed once on first use."""
        if self._chunks is None:
            self._chunks = _chunks(self.tokens, self.text, self.start)
        return self._chunks

    @property
    def noun_chunks(self) -> list[Chunk]:
        """The noun-phrase chunks of the sentence."""
        return [c for c in self.chunks if c.label == "NP"]


def parse(text: str, skip: Sequence[Span] = ()) -> list[Sentence]:
    """Split, tokenize and tag ``text``; regions in ``skip`` are left out.

    Parameters
    ----------
    text : str
        The original text; every offset returned points into it.
    skip : sequence of Span
        Regions no sentence may touch (page clutter found by :mod:`framing.text.clutter`).

    Returns
    -------
    list of Sentence
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    sentences: list[Sentence] = []
    from_columns = Sentence._from_columns
    for s, e, p_no, starts, ends, words in _sentence_bounds(text, skip):
        # the Token tuples are built on first use of Sentence.tokens
        sentences.append(from_columns(s, e, text[s:e], p_no, tuple(starts), tuple(ends),
                                      tuple(words), tuple(tag_words(words))))
    return sentences
