"""The evidence run: page clutter, sentences, attribution, hedging and evaluative language on
one document, in that order (the first five steps of :meth:`framing.Pipeline.default`).

The pipeline's steps call these functions, and so do the feature transformers and
:class:`framing.models.LoadedWordClassifier`, which need the evidence of a text but no
actors and no model: they stand below the pipeline (pipeline -> models -> features ->
extract), so the evidence run lives here, with the extractors.
"""

from __future__ import annotations

from framing.document import Document

__all__ = ["annotate_evidence", "mark_clutter", "parse_sentences", "add_attributions",
           "add_hedges", "add_evaluative"]


def mark_clutter(doc: Document) -> None:
    """Fill the page structure: ``doc.page`` (headline, captions, credits, dateline, body,
    ...), ``doc.clutter`` (what every later step skips), ``doc.datelines``, ``doc.dateline``,
    ``doc.byline``, and ``doc.title`` when the page has a headline and the document no title
    (the sentences are parsed again, outside the clutter, on next use)."""
    from framing.text.page import find_page

    doc.reset_sentences()
    page = find_page(doc.text)
    doc.clutter = list(page.skip)
    doc.page = list(page.parts)
    doc.datelines = [page.dateline] if page.dateline is not None else []
    doc.dateline = page.dateline.text if page.dateline is not None else None
    doc.byline = page.byline
    if doc.title is None and page.title is not None:
        doc.title = page.title
    doc.reset_sentences()


def parse_sentences(doc: Document) -> None:
    """Parse ``doc.sentences`` once, outside the clutter; later steps reuse them."""
    doc.reset_sentences()
    doc.sentences  # noqa: B018 - the property parses and keeps the sentences


def add_attributions(doc: Document) -> None:
    """Fill ``doc.attributions``."""
    from framing.extract.attribution import extract_attributions

    doc.attributions = extract_attributions(doc)


def add_hedges(doc: Document) -> None:
    """Fill ``doc.hedges``, ``doc.boosters`` and ``doc.vague`` (reads the attributions)."""
    from framing.extract.hedging import add_hedging

    add_hedging(doc)


def add_evaluative(doc: Document) -> None:
    """Fill the evaluative evidence of ``doc`` (reads the attributions, for the voice)."""
    from framing.extract.evaluative import extract_evaluations

    doc.evaluative = extract_evaluations(doc, doc.attributions)


def annotate_evidence(doc: Document) -> Document:
    """Clutter, sentences, attribution, hedging and evaluative language on ``doc``, in place
    (everything of the default pipeline but actors and actor sentiment). Returns ``doc``.

    Examples
    --------
    >>> from framing import Document
    >>> doc = annotate_evidence(Document("Critics said the plan was a disaster."))
    >>> [a.cue_lemma for a in doc.attributions], doc.mentions
    (['say'], [])
    """
    for step in (mark_clutter, parse_sentences, add_attributions, add_hedges, add_evaluative):
        step(doc)
    return doc
