"""HedgingFeatures: hedges, boosters and vague attribution per text, by subtype and voice."""

from __future__ import annotations

from collections.abc import Sequence

from framing.text.clutter import find_clutter
from framing.document import Document
from framing.features._base import EvidenceFeatures, analyze_texts, check_per_words
from framing.extract.hedging import CATEGORIES, add_hedging, hedging_rates
from framing.extract.hedging import cue_lexicon, subtypes

__all__ = ["HedgingFeatures"]

BAD_VOICE = "voice must be True or False, got {!r}"


def _feature_keys() -> list[str]:
    keys: list[str] = []
    for cat in CATEGORIES:
        keys.append(cat)
        keys += [f"{cat}__author", f"{cat}__quoted"]
        keys += [f"{cat}__{sub}" for sub in subtypes(cat)]
    keys.append("uncertain_share")
    return keys


def _annotate_hedging(text: str) -> Document:
    """Clutter and hedging only: no attribution step, every cue in the author's voice."""
    doc = Document(text)
    doc.clutter = find_clutter(text).spans
    add_hedging(doc)
    return doc


class HedgingFeatures(EvidenceFeatures):
    """Hedging per text: rates of hedges, boosters and vague attribution by category,
    subtype and voice, and the share of uncertain sentences.

    Cues come from :func:`framing.extract.hedging.extract_hedges` after the page-clutter and
    attribution steps of the default pipeline (so a hedge inside a quotation counts as
    ``quoted``).

    Parameters
    ----------
    per_words : float, default=1000
        Rates are per this many words (``uncertain_share`` is a share in [0, 1]).
    voice : bool, default=True
        Run the attribution step to split author and quoted voice; with ``False`` every
        cue is in the author's voice (faster). An analysed :class:`framing.Document` given
        as input keeps its own evidence either way.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``hedging__hedge``, ``hedging__hedge__author``, ``hedging__hedge__quoted``,
        ``hedging__hedge__<subtype>``, the same for ``booster`` and ``vague``, and
        ``hedging__uncertain_share``.
    n_features_in_ : int
        Always 1 (one text per row).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> texts = [d.text for d in load_sample()]
    >>> est = HedgingFeatures(voice=False).fit(texts)
    >>> est.get_feature_names_out()[:3].tolist()
    ['hedging__hedge', 'hedging__hedge__author', 'hedging__hedge__quoted']
    >>> X = est.transform(["Prices may rise, analysts say. They rose sharply."])
    >>> float(X[0, 0]), float(X[0, -1])
    (125.0, 0.5)
    """

    prefix = "hedging"

    def __init__(self, *, per_words: float = 1000, voice: bool = True):
        self.per_words = per_words
        self.voice = voice

    def _check_params(self) -> None:
        check_per_words(self.per_words, allow_none=False)
        if not isinstance(self.voice, bool):
            raise ValueError(BAD_VOICE.format(self.voice))
        for cat in CATEGORIES:
            cue_lexicon(cat)

    def _names(self) -> list[str]:
        return _feature_keys()

    def _documents(self, texts: Sequence[str | Document]) -> list[Document]:
        if self.voice:
            return analyze_texts(texts)
        return analyze_texts(texts, kind="hedging", analyse=_annotate_hedging)

    def _row(self, doc: Document) -> list[float]:
        rates = hedging_rates(doc)
        scale = self.per_words / 1000.0
        return [rates.get(k, 0.0) * (1.0 if k == "uncertain_share" else scale) for k in _feature_keys()]
