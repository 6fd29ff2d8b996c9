"""Distancing and loaded language: scare quotes and the loaded-language spans of a document."""

from __future__ import annotations

import re
from typing import Sequence

from framing.records import Attribution, Span, voice_of
from framing.document import Document


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
    spans = [e.span for e in doc.evaluative]
    spans += [a.cue for a in doc.attributions if a.cue_stance in LOADED_CUE_STANCES]
    return sorted(set(spans))
