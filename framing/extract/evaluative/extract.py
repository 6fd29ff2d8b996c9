""":func:`extract_evaluations`: the span rules over a document's sentences, with voice."""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator, Sequence

from framing.records import Attribution, Evaluation, Span, _new_tuple, voice_of
from framing.document import Document
from framing.text import parse
from framing.extract.evaluative.lexicon import evaluative_lexicon
from framing.extract.evaluative.rules import _sentence_evaluations


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
    lex = evaluative_lexicon()
    found = [r for s in sentences for r in _sentence_evaluations(s, lex)]
    if attributions:
        # A reporting verb's stance ("slammed", "bragged") belongs to the attribution
        # (cue_stance), not to evaluative language.
        cues = sorted((a.cue.start, a.cue.end) for a in attributions)
        found = [r for r in found if not _overlaps_any(r[0], r[1], cues)]
    voices = voice_of([_new_tuple(Span, (s, e)) for s, e, *_ in found], attributions or ())
    return [
        Evaluation(_new_tuple(Span, (s, e)), text[s:e], p, x, v, k)
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


def _iter(texts: Iterable[str]) -> Iterator[list[Evaluation]]:
    for t in texts:
        yield extract_evaluations(t)
