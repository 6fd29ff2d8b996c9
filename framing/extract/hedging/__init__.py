"""Hedges, boosters and vague attribution (annotation guidelines, section 2).

Cues come from the project's own lexicons (``framing/data/lexicons/hedges.tsv``,
``boosters.tsv``, ``vague.tsv``: one cue a row with its category, subtype, the name of the
disambiguation rule it needs, and the literature it follows: Hyland 2005, the CoNLL-2010
cue guidelines, Islam et al. 2020). A lexicon match is only a candidate: a small rule per
ambiguous word decides from the tokens and part-of-speech tags around it ("May" the month
or the modal, "might" the noun, "could" of ability, "would" of reported future, deontic
"may"/"must", "suggest" of proposal, "appear" on stage, ...). Each rule is a small
function named ``_rule_<name>`` that can be tested alone.

Vague attribution is found by three rules: impersonal reports (``it is believed``), a bare
quantifier as the speaker (``some say``, ``others suggest``), and an unnamed or collective
source noun phrase (``critics``, ``two diplomats familiar with the talks``, ``one source``)
that is the subject of a reporting verb or the object of ``according to``. The sources of
attributions marked anonymous by the attribution step are added too.

The voice of each cue is ``quoted`` inside an attribution's content, else ``author``.

The modules: :mod:`~framing.extract.hedging.lexicon` (the cue lexicons),
:mod:`~framing.extract.hedging.words` (word classes), :mod:`~framing.extract.hedging.rules`
(one rule per ambiguous cue), :mod:`~framing.extract.hedging.model` (the optional candidate
classifier and its feature templates), :mod:`~framing.extract.hedging.matching` (lexicon
matches accepted by the rules), :mod:`~framing.extract.hedging.vague` (vague attribution) and
:mod:`~framing.extract.hedging.extract` (the public functions).

Internal API (for ``scripts/train_hedging.py`` and ``evaluation/``; documented in
``docs/architecture-internal.md``): :func:`sentence_words`, :func:`lexicon_matches`,
:func:`vague_cues`, :func:`candidate_features`, :func:`is_classified`, ``GUIDELINE_NAMED``,
:func:`hedging_model`, :func:`subtypes`.

Examples
--------
>>> from framing.extract.hedging import extract_hedges
>>> text = "Talks may resume in May. The minister said it would hold talks."
>>> [(c.text, c.category, c.subtype) for c in extract_hedges(text)]
[('may', 'hedge', 'epistemic_modal')]
>>> [(c.text, c.category) for c in extract_hedges("Critics argue the plan will clearly fail.")]
[('Critics argue', 'vague'), ('clearly', 'booster')]
"""

from __future__ import annotations

from framing.extract.hedging.extract import add_hedging, extract_hedges, hedging_rates, uncertain_sentences
from framing.extract.hedging.lexicon import CATEGORIES, LexiconEntry, cue_lexicon, subtypes
from framing.extract.hedging.matching import lexicon_matches, sentence_words
from framing.extract.hedging.model import GUIDELINE_NAMED, candidate_features, hedging_model, is_classified
from framing.extract.hedging.vague import vague_cues

__all__ = [
    "CATEGORIES",
    "LexiconEntry",
    "cue_lexicon",
    "extract_hedges",
    "add_hedging",
    "uncertain_sentences",
    "hedging_rates",
    "subtypes",
]

# The internal API of the training and evaluation scripts (not in __all__)
INTERNAL = (
    "sentence_words",
    "lexicon_matches",
    "vague_cues",
    "candidate_features",
    "is_classified",
    "GUIDELINE_NAMED",
    "hedging_model",
)
