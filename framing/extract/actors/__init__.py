"""Actors: mentions linked to canonical actors, who speaks and how, and the sentiment each
sentence expresses toward each actor.

Mentions come from the user's actor table, the project's gazetteer (countries, capitals as
metonyms where they act, demonyms for the state, seats of government) and proper-noun
sequences, with surnames, name variants and roles resolved within the document; the
pipeline then adds attribution sources and links pronouns to actors
(:func:`link_actors`, :mod:`~framing.extract.actors.coref`). Sentiment toward an actor is scored target-aware: the
evaluative words near the mention, with negation, and with the speaker kept apart from the
target; :class:`framing.models.ActorSentimentClassifier` uses the same evidence as features.
Word polarity comes from the evaluative extractor's lexicon
(:func:`framing.extract.evaluative.word_polarity`), and for the words it leaves out, from the
VADER lexicon that ships with ``vaderSentiment`` (Hutto & Gilbert 2014).

The modules, in the order of the step: :mod:`~framing.extract.actors.gazetteer` (the
gazetteer and word lists), :mod:`~framing.extract.actors.mentions` (:func:`find_mentions`),
:mod:`~framing.extract.actors.coref` (:func:`source_mentions`, :func:`pronoun_links`, :func:`plural_links`),
:mod:`~framing.extract.actors.link` (:func:`link_attributions`), the three joined by
:func:`~framing.extract.actors.step.link_actors`,
:mod:`~framing.extract.actors.prior` (:func:`word_prior`), :mod:`~framing.extract.actors.target`
(:func:`target_context`, :func:`label_of`), :mod:`~framing.extract.actors.sentiment`
(:func:`sentence_sentiment`), :mod:`~framing.extract.actors.step` (:func:`annotate_actors`) and
:mod:`~framing.extract.actors.table` (:func:`actor_table`, which reads analysed documents and
never runs a step).

Return types: :func:`word_prior` returns a float in [-1, 1] (0.0 when the word does not
evaluate); the one ``word_polarity`` of the package is the evaluative extractor's
(:func:`framing.extract.evaluative.word_polarity`, a record or ``None``).

"""

from __future__ import annotations

from framing.extract.actors.coref import plural_links, pronoun_links, quote_pronoun_links, source_mentions
from framing.extract.actors.gazetteer import PRONOUNS, gazetteer
from framing.extract.actors.link import link_attributions
from framing.extract.actors.mentions import find_mentions, table_aliases, table_attributes
from framing.extract.actors.prior import DEFAULT_THRESHOLD, NEGATION_WINDOW, NEGATORS, verb_lemma, word_prior
from framing.extract.actors.sentiment import sentence_sentiment
from framing.extract.actors.step import annotate_actors, link_actors
from framing.extract.actors.table import TABLE_COLUMNS, actor_table
from framing.extract.actors.target import (
    SentenceEvidence,
    TargetContext,
    label_of,
    locate_target,
    sentence_evidence,
    target_context,
    target_score,
    column_priors,
    target_tokens,
    token_priors,
)

__all__ = [
    "find_mentions",
    "link_actors",
    "source_mentions",
    "pronoun_links",
    "plural_links",
    "quote_pronoun_links",
    "table_aliases",
    "table_attributes",
    "annotate_actors",
    "actor_table",
    "link_attributions",
    "sentence_sentiment",
    "gazetteer",
    "word_prior",
    "TargetContext",
    "SentenceEvidence",
    "sentence_evidence",
    "token_priors",
    "column_priors",
    "target_context",
    "target_tokens",
    "target_score",
    "locate_target",
    "label_of",
    "DEFAULT_THRESHOLD",
    "NEGATORS",
    "NEGATION_WINDOW",
    "TABLE_COLUMNS",
    "PRONOUNS",
    "verb_lemma",
]
