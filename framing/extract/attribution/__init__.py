"""Attributed speech and thought: who (source) says (cue) what (content), and how.

:func:`extract_attributions` finds every attribution of a text, following section 1 of the
annotation guidelines (after PARC 3.0 and PolNeAR). It works in four steps, each over the
text layer of :mod:`framing.text` (sentences outside page clutter, tokens, tags):

1. **Quotations** (:func:`find_quotations`): one linear scan over the quotation marks of
   each paragraph. Straight, curly and single marks and guillemets; apostrophes
   (``don't``, ``Clinton's``) are told from closing single quotes by the letters around
   them; a quotation that runs over several paragraphs (an opening mark at each paragraph,
   no closing one until the end) is one quotation; an unclosed quotation is closed at the
   end of its paragraph, never a crash, never a hang.
2. **Cues**: every token whose word was the head of a cue in PolNeAR's training split (at
   least twice, and in at least 2% of its occurrences), or is a form of the project's
   reporting-verb lexicon (``framing/data/lexicons/reporting_verbs.tsv``) rare in train,
   is a candidate; a logistic-regression model (trained by
   ``scripts/train_attribution.py`` on PolNeAR train, tuned on dev, stored as JSON in
   ``framing/data/models/attribution.json``) accepts or rejects it from its word, lemma,
   tags and context (neighbouring words, ``that``, quotation marks, colons). "according
   to" and "citing" are cues of kind ``according_to``. Two punctuation cues are found by
   rule: a dash signing a quotation with a name that ends its line (``“...” ― Sonya
   Herridge``) and the colons of a transcript's speaker labels (``PENCE: Well, ...``, when
   a document has at least two). Bylines and credits ("Reporting by ...") are never cues.
3. **Sources**: the noun phrases of the cue's sentence, and "no source", are ranked by a
   second logistic-regression model of the same file (direction and distance from the cue,
   the words between, pronoun or name, the word before the phrase, ...); the best one wins.
4. **Content**, by rules: the quotation the cue introduces or follows (``"A," she said,
   "B."`` is one attribution from A to B; a cue ending a sentence with ``:`` takes the
   quotation that opens the next paragraph); else the clause after the cue (after
   ``that`` and the addressee of ``told``), or, when the cue and its source end the
   sentence ("..., officials said."), the words before them. "according to X" and
   "citing X" take the rest of the sentence.

Each attribution then gets its ``kind`` (``direct`` when the content is a quotation,
``mixed`` when indirect content holds quotation marks, ``according_to``, else
``indirect``), ``anonymous`` (no source, or a vague one: "officials", "a source",
"critics", "some analysts") and the ``cue_stance`` of the lexicon (a word in no list is
``neutral``).

Actor resolution is not done here: :func:`source_info` tells for an attribution whether its
source is a pronoun, a role or group noun phrase, or a name, so that actor linking
(:mod:`framing.extract.actors`) can resolve "he", "it" or "the ministry" to an earlier mention and
set :attr:`Attribution.actor`.

The modules, in the order of the steps:

- :mod:`~framing.extract.attribution.lexicon`: the reporting-verb lexicon, kinds and stances;
- :mod:`~framing.extract.attribution.quotes`: the quotation scan;
- :mod:`~framing.extract.attribution.features`: the sentence view and the feature templates;
- :mod:`~framing.extract.attribution.scorers`: the packaged model and its fast scorers;
- :mod:`~framing.extract.attribution.cues`: cue candidates and rule cues;
- :mod:`~framing.extract.attribution.content`: the content rules;
- :mod:`~framing.extract.attribution.sources`: source information for actor linking;
- :mod:`~framing.extract.attribution.extract`: :func:`extract_attributions`, which runs them.

Internal API (for ``scripts/train_attribution.py`` and ``evaluation/``; documented in
``docs/architecture-internal.md``, stable within a release, not for users):
:class:`SentenceView`, :class:`QuoteIndex`, :func:`cue_features`, :func:`source_features`,
:func:`np_candidates`, :func:`extend_cue`, :func:`word_lemma`, :func:`linear_score`,
:func:`attribution_model`, ``AUXILIARIES``.

Examples
--------
>>> from framing.extract.attribution import extract_attributions
>>> text = '"We came to talk," the minister said. Officials said the talks may resume.'
>>> for a in extract_attributions(text):
...     print(a.kind, '|', text[slice(*a.source)], '|', text[slice(*a.cue)], '|',
...           text[slice(*a.content)])
direct | the minister | said | We came to talk
indirect | Officials | said | the talks may resume
"""

from __future__ import annotations

from framing.extract.attribution.content import MAX_SOURCE_DISTANCE, MIN_QUOTE_WORDS
from framing.extract.attribution.cues import extend_cue
from framing.extract.attribution.extract import extract_attributions, iter_attributions
from framing.extract.attribution.features import (
    AUXILIARIES,
    QuoteIndex,
    SentenceView,
    cue_features,
    linear_score,
    np_candidates,
    source_features,
    word_lemma,
)
from framing.extract.attribution.lexicon import KINDS, STANCES, ReportingVerb, reporting_verbs
from framing.extract.attribution.quotes import Quotation, find_quotations
from framing.extract.attribution.scorers import attribution_model
from framing.extract.attribution.sources import SourceInfo, source_info

__all__ = [
    "extract_attributions",
    "iter_attributions",
    "find_quotations",
    "Quotation",
    "SourceInfo",
    "source_info",
    "reporting_verbs",
    "ReportingVerb",
    "KINDS",
    "STANCES",
    "MAX_SOURCE_DISTANCE",
    "MIN_QUOTE_WORDS",
]

# The internal API of the training and evaluation scripts (not in __all__)
INTERNAL = (
    "SentenceView",
    "QuoteIndex",
    "cue_features",
    "source_features",
    "np_candidates",
    "extend_cue",
    "word_lemma",
    "linear_score",
    "attribution_model",
    "AUXILIARIES",
)
