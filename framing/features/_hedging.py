"""HedgingFeatures: hedges, boosters and vague attribution per text, by subtype and voice."""

from __future__ import annotations

from typing import Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.clutter import find_clutter
from framing.document import Document
from framing.hedging import CATEGORIES, _subtypes, hedging_rates, load_lexicon

__all__ = ["HedgingFeatures"]

BARE_STRING = "HedgingFeatures expects an iterable of texts, got a single string"
NOT_A_STRING = "HedgingFeatures expects texts (str), got {type} at position {index}"
BAD_PER_WORDS = "per_words must be a positive number, got {!r}"
BAD_VOICE = "voice must be True or False, got {!r}"


def _feature_keys() -> list[str]:
    keys: list[str] = []
    for cat in CATEGORIES:
        keys.append(cat)
        keys += [f"{cat}__author", f"{cat}__quoted"]
        keys += [f"{cat}__{sub}" for sub in _subtypes(cat)]
    keys.append("uncertain_share")
    return keys


class HedgingFeatures(TransformerMixin, BaseEstimator):
    """Hedging per text: rates of hedges, boosters and vague attribution by category,
    subtype and voice, and the share of uncertain sentences.

    Cues come from :func:`framing.hedging.extract_hedges` after the page-clutter and
    attribution steps of the default pipeline (so a hedge inside a quotation counts as
    ``quoted``).

    Parameters
    ----------
    per_words : float, default=1000
        Rates are per this many words (``uncertain_share`` is a share in [0, 1]).
    voice : bool, default=True
        Run the attribution step to split author and quoted voice; with ``False`` every
        cue is in the author's voice (faster).

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

    def __init__(self, *, per_words: float = 1000, voice: bool = True):
        self.per_words = per_words
        self.voice = voice

    def fit(self, X: Iterable[str], y=None) -> "HedgingFeatures":
        """Validate the parameters and the input, load the lexicons; returns ``self``."""
        _check_texts(X)
        if isinstance(self.per_words, bool) or not isinstance(self.per_words, (int, float)) \
                or not self.per_words > 0:
            raise ValueError(BAD_PER_WORDS.format(self.per_words))
        if not isinstance(self.voice, bool):
            raise ValueError(BAD_VOICE.format(self.voice))
        for cat in CATEGORIES:
            load_lexicon(cat)
        self.keys_ = _feature_keys()
        self.feature_names_out_ = np.array([f"hedging__{k}" for k in self.keys_], dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        """One row of rates per text."""
        check_is_fitted(self, "feature_names_out_")
        texts = _check_texts(X)
        out = np.zeros((len(texts), len(self.keys_)), dtype=float)
        for r, text in enumerate(texts):
            rates = hedging_rates(self._document(text))
            scale = self.per_words / 1000.0
            for c, key in enumerate(self.keys_):
                v = rates.get(key, 0.0)
                out[r, c] = v if key == "uncertain_share" else v * scale
        return out

    def _document(self, text: str) -> Document:
        doc = Document(text)
        found = find_clutter(text)
        doc.clutter = found.spans
        doc.reset_sentences()
        if self.voice:
            try:
                from framing.attribution import extract_attributions
            except ImportError:  # the attribution step is not installed: author voice only
                pass
            else:
                doc.attributions = extract_attributions(doc)
        return doc

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """Readable output column names (``hedging__hedge__epistemic_modal``, ...)."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()


def _check_texts(X) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise ValueError(BARE_STRING)
    texts = list(X)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise ValueError(NOT_A_STRING.format(type=type(t).__name__, index=i))
    return texts
