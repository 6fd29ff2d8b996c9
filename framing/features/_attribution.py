"""AttributionFeatures: how a text reports speech, as counts and shares."""

from __future__ import annotations

from framing.extract.attribution import KINDS, STANCES, find_quotations, reporting_verbs
from framing.document import Document
from framing.features._base import EvidenceFeatures, check_per_words
from framing.text import paragraphs

__all__ = ["AttributionFeatures"]

_NAMES = (
    [f"{k}" for k in KINDS]
    + ["total", "anonymous_share"]
    + [f"{s}_share" for s in STANCES]
    + ["quoted_text_share"]
)


class AttributionFeatures(EvidenceFeatures):
    """Attributed speech per text: attributions by kind, anonymous share, cue-stance shares
    and the share of the text inside quotation marks.

    Each text goes through the evidence steps of the default pipeline
    (:func:`framing.extract.run.annotate_evidence`: page clutter first, so credits and datelines
    never count, then :func:`framing.extract.attribution.extract_attributions`).

    Parameters
    ----------
    per_words : float or None, default=1000
        Counts by kind and the total are rates per this many words; ``None`` gives raw counts.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``attribution__direct``, ``attribution__indirect``, ``attribution__mixed``,
        ``attribution__according_to``, ``attribution__total`` (rates or counts),
        ``attribution__anonymous_share`` (share of attributions with an unnamed or vague
        source), ``attribution__neutral_share``, ``attribution__doubt_share``,
        ``attribution__endorse_share``, ``attribution__emotive_share`` (shares of
        attributions by cue stance; 0 when the text has none),
        ``attribution__quoted_text_share`` (characters inside quotation marks over the
        characters of the article's paragraphs).
    n_features_in_ : int
        Always 1 (one text per row).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> texts = [d.text for d in load_sample()]
    >>> X = AttributionFeatures().fit_transform(texts)
    >>> X.shape
    (16, 11)
    >>> AttributionFeatures().fit(texts).get_feature_names_out()[[0, 6]].tolist()
    ['attribution__direct', 'attribution__neutral_share']
    """

    prefix = "attribution"

    def __init__(self, *, per_words: float | None = 1000):
        self.per_words = per_words

    def _check_params(self) -> None:
        check_per_words(self.per_words, allow_none=True)
        reporting_verbs()

    def _names(self) -> list[str]:
        return list(_NAMES)

    def _row(self, doc: Document) -> list[float]:
        atts = doc.attributions
        scale = 1.0 if self.per_words is None else self.per_words / max(doc.word_count, 1)
        n = len(atts)
        by_kind = [scale * sum(1 for a in atts if a.kind == k) for k in KINDS]
        shares = [
            (sum(1 for a in atts if a.anonymous) / n) if n else 0.0,
            *[(sum(1 for a in atts if a.cue_stance == s) / n) if n else 0.0 for s in STANCES],
        ]
        paras = paragraphs(doc.text, doc.clutter)
        total = sum(p.length for p in paras)
        quoted = sum(q.span.length for q in find_quotations(doc.text, paras))
        return [*by_kind, scale * n, *shares, (quoted / total) if total else 0.0]
