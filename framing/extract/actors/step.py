""":func:`annotate_actors`: the actors step (mentions, linked attributions, actor sentiment)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Sequence

from framing.document import Document
from framing.extract.actors.mentions import find_mentions
from framing.extract.actors.link import link_attributions
from framing.extract.actors.sentiment import sentence_sentiment


def annotate_actors(doc: Document, *, actors: Mapping[str, Sequence[str]] | None = None,
                    model=None) -> Document:
    """The pipeline step: fill ``doc.mentions`` and ``doc.actor_sentiment`` and set
    ``Attribution.actor``. Run after attribution, hedging and evaluative language.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Critics slammed Mayor Dana Whitfield. Whitfield praised the council.")
    >>> [(a.actor, a.label) for a in doc.actor_sentiment]
    [('Dana Whitfield', 'negative'), ('Dana Whitfield', 'neutral')]
    """
    doc.mentions = find_mentions(doc, actors)
    doc.attributions = link_attributions(doc)
    doc.actor_sentiment = sentence_sentiment(doc, model=model)
    return doc
