"""Evaluative language: words and short phrases that judge, with polarity, intensity and voice.

Follows section 3 of the annotation guidelines (appraisal theory, Martin & White 2005). Each
:class:`~framing.Evaluation` has

- ``polarity`` +1 or -1 and ``intensity`` in (0, 1];
- ``voice``: ``"quoted"`` when the span lies inside an attribution's content, ``"author"``
  otherwise, so the outlet's own evaluation is never mixed with what it quotes;
- ``kind``: ``"lexicon"`` (a word of the general lexicon), ``"label"`` (a loaded label such as
  "regime", "thugs", "heroic", "invasion"), ``"emotive_verb"`` ("slammed", "bragged"),
  ``"idiom"`` ("buy time", "in good faith"), ``"distancing"`` ("so-called") or
  ``"appraisal"`` (evaluative words the permissive lexicons lack: "constructive", "fragile").

How a span is found, one sentence at a time (every step is a small function of :mod:`~framing.extract.evaluative.rules`):

1. Look-up, longest phrase first: the project's loaded labels and idioms
   (``loaded_labels.tsv``), then the news stoplist (``news_stoplist.tsv``: words that general
   sentiment lexicons score but that do not evaluate in news, such as "party", "vice
   president", "critical condition", "killed"), then the word lexicon (``evaluative.tsv``,
   built from textblob's and VADER's lexicons).
2. Modifiers to the left of a head: intensifiers scale its intensity, downtoners lower it,
   and a negator ("not", "never", "no longer", "hardly", "n't") flips its polarity; the
   span grows to take them in ("absolutely furious", "not unreasonable").
3. Adjacent heads of the same polarity merge into one span ("shameless land grab"); a
   distancing marker ("so-called") stays a span of its own.
4. Voice from the attributions (:func:`framing.records.voice_of`).

Scare quotes (a short phrase in quotation marks that no source is reported to say) are the
other distancing marker; :func:`scare_quotes` finds them separately, because the guidelines
count the quoted words, not the marks, as evaluative language.

:func:`word_polarity` gives the prior polarity and intensity of one word, for other steps
(actor sentiment) that need the same look-up.

A word-level model of loaded language that you train on word annotations in your own data
home (no weights are shipped: BABE/MBIC is AGPL) is
:class:`framing.models.LoadedWordClassifier`; its features are this module's evidence.

The modules: :mod:`~framing.extract.evaluative.lexicon` (the tables and
:func:`word_polarity`), :mod:`~framing.extract.evaluative.rules` (heads, modifiers, merging),
:mod:`~framing.extract.evaluative.loaded` (scare quotes, loaded language) and
:mod:`~framing.extract.evaluative.extract` (:func:`extract_evaluations`).

Return types: :func:`word_polarity` returns a :class:`WordPolarity` (polarity +1/-1,
intensity in (0, 1], kind) or ``None``; it is the only ``word_polarity`` of the package
(actor sentiment's signed prior built on it is :func:`framing.extract.actors.word_prior`, a
float). :func:`evaluative_lexicon` returns the indexed :class:`EvaluativeLexicon`; the raw
rows of the TSV files come from :func:`framing.resources.load_lexicon`.

Examples
--------
>>> from framing.extract.evaluative import extract_evaluations
>>> text = "The so-called reform is not unreasonable, but the regime's thugs were absolutely furious."
>>> [(e.text, e.polarity, e.kind) for e in extract_evaluations(text)]
[('so-called', -1, 'distancing'), ('not unreasonable', 1, 'lexicon'), ('regime', -1, 'label'), ('thugs', -1, 'label'), ('absolutely furious', -1, 'lexicon')]
"""

from __future__ import annotations

from framing.extract.evaluative.extract import extract_evaluations
from framing.extract.evaluative.lexicon import EvaluativeLexicon, WordPolarity, evaluative_lexicon, word_polarity
from framing.extract.evaluative.loaded import LOADED_CUE_STANCES, loaded_language, scare_quotes
from framing.extract.evaluative.rules import NEGATION_DAMPING, NEGATION_WINDOW

__all__ = [
    "extract_evaluations",
    "loaded_language",
    "scare_quotes",
    "word_polarity",
    "WordPolarity",
    "evaluative_lexicon",
    "EvaluativeLexicon",
    "LOADED_CUE_STANCES",
    "NEGATION_DAMPING",
    "NEGATION_WINDOW",
]
