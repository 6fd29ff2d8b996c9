""":func:`annotate_actors`: the actors step (mentions, linked attributions, actor sentiment)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framing.document import Document
from framing.records import Mention
from framing.extract.actors.coref import _plural_links, _pronoun_links, _quote_pronoun_links, _source_mentions
from framing.extract.actors.mentions import _SPAN, _doc_columns, _find_mentions
from framing.extract.actors.link import link_attributions
from framing.extract.actors.sentiment import sentence_sentiment


def link_actors(doc: Document, actors: Mapping[str, Any] | None = None) -> Document:
    """Fill ``doc.mentions`` and set ``Attribution.actor``: the linking part of the actors step.

    The mentions of :func:`find_mentions` (names, roles, the user's table), then a mention
    for every attribution source that names someone (:func:`source_mentions`), then the
    personal pronouns linked to the nearest compatible person (:func:`pronoun_links`) and
    "they" to the group just before it (:func:`plural_links`), and
    after the attributions are linked, "I"/"we" in quotations linked to their speaker
    (:func:`quote_pronoun_links`; both ``via="pronoun"``: these are coreference links, not mentions in the sense of the
    annotation guidelines; leave them out with ``[m for m in doc.mentions if m.via !=
    "pronoun"]``). Attribution sources are then linked to actors (:func:`link_attributions`).

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze('"We will rebuild," said Mayor Ellen Park. She thanked Ruiz.')
    >>> [(m.text, m.actor, m.via) for m in doc.mentions]
    [('Ellen Park', 'Ellen Park', 'name'), ('She', 'Ellen Park', 'pronoun')]
    """
    cols = _doc_columns(doc.sentences)  # the tokens as flat lists, built once for all
    mentions = _find_mentions(doc, actors, cols)  # in text order
    mentions = _with(mentions, _source_mentions(doc, mentions, cols))
    mentions = _with(mentions, _pronoun_links(doc, mentions, cols))
    mentions = _with(mentions, _plural_links(doc, mentions, cols))
    doc.mentions = mentions
    doc.attributions = link_attributions(doc)
    doc.mentions = _with(mentions, _quote_pronoun_links(doc, mentions, cols))
    return doc


def _with(mentions: list[Mention], more: list[Mention]) -> list[Mention]:
    """``sorted(mentions + more, key=span)`` for ``mentions`` in text order; ``mentions``
    itself, unsorted again, when there is nothing more (most articles have no plural link,
    many no source mention)."""
    return sorted(mentions + more, key=_SPAN) if more else mentions


def annotate_actors(doc: Document, *, actors: Mapping[str, Any] | None = None,
                    model=None) -> Document:
    """The pipeline step: fill ``doc.mentions`` and ``doc.actor_sentiment`` and set
    ``Attribution.actor``. Run after attribution, hedging and evaluative language.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Critics slammed Mayor Dana Whitfield. Whitfield opened the new library.")
    >>> [(a.actor, a.label) for a in doc.actor_sentiment]
    [('Dana Whitfield', 'negative'), ('Dana Whitfield', 'neutral')]
    """
    link_actors(doc, actors)
    doc.actor_sentiment = sentence_sentiment(doc, model=model)
    return doc
