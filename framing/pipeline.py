"""The default pipeline: page clutter, text layer, then every extractor, on one document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framing.text.clutter import find_clutter
from framing.document import Document

__all__ = ["analyze", "annotate", "annotate_evidence"]

Actors = Mapping[str, Sequence[str]]


def annotate_evidence(doc: Document) -> Document:
    """Steps 1 to 4 of the pipeline on ``doc``, in place: page clutter, attribution,
    hedging and evaluative language (everything but actors). Returns ``doc``.

    The feature transformers of :mod:`framing.features` count this evidence.
    """
    doc.reset_sentences()
    found = find_clutter(doc.text)  # step 1: page clutter (framing.clutter)
    doc.clutter, doc.dateline, doc.byline = found.spans, found.dateline, found.byline
    doc.reset_sentences()
    from framing.extract.attribution import extract_attributions  # step 2: attribution

    doc.attributions = extract_attributions(doc)
    from framing.extract.hedging import add_hedging  # step 3: hedging

    add_hedging(doc)
    from framing.extract.evaluative import extract_evaluations  # step 4: evaluative language

    doc.evaluations = extract_evaluations(doc, doc.attributions)
    return doc


def annotate(doc: Document, *, actors: Actors | None = None) -> Document:
    """Run every extractor on ``doc`` in place, in dependency order, and return it.

    Order: page clutter (so that every later step skips it), attribution (voice depends on
    it), hedging, evaluative language (:func:`annotate_evidence`), then actors, which read
    all of the above.
    """
    annotate_evidence(doc)
    from framing.extract.actors import annotate_actors  # step 5: actors and actor sentiment

    annotate_actors(doc, actors=actors)
    return doc


def analyze(text: str, *, actors: Actors | None = None) -> Document:
    """Analyse one text with the default pipeline.

    Parameters
    ----------
    text : str
        The article text. Offsets in the result point into this string.
    actors : mapping of str to list of str, optional
        Actor table: canonical name -> aliases. It takes precedence over automatic grouping.

    Returns
    -------
    Document
        With its evidence lists filled; ``Document.to_dict()`` gives the record format.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The minister said talks would resume on May 4.")
    >>> [s.text for s in doc.sentences]
    ['The minister said talks would resume on May 4.']
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() takes a str, got {type(text).__name__}")
    return annotate(Document(text), actors=actors)
