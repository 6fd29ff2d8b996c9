"""The public functions: :func:`extract_hedges`, :func:`add_hedging`,
:func:`uncertain_sentences` and :func:`hedging_rates`."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate

from framing.records import Cue, Span, voice_of
from framing.document import Document
from framing.extract.hedging.lexicon import CATEGORIES, subtypes
from framing.extract.hedging.model import hedging_model
from framing.extract.hedging.matching import _lexical_cues, sentence_words
from framing.extract.hedging.vague import vague_cues


def _as_document(doc_or_text: Document | str) -> Document:
    if isinstance(doc_or_text, Document):
        return doc_or_text
    if isinstance(doc_or_text, str):
        return Document(doc_or_text)
    raise TypeError(f"expected a Document or a str, got {type(doc_or_text).__name__}")


def _sentence_cues(doc: Document, model=None) -> Iterator[tuple[Span, str, str]]:
    for sentence in doc.sentences:
        words, tags, raw = sentence_words(sentence)
        vague = list(vague_cues(sentence, words, tags, raw))
        impersonal = [sp for sp, _, sub in vague if sub == "impersonal"]
        for span, cat, sub in _lexical_cues(sentence, words, tags, raw, model):
            # "it is believed" is vague attribution only (guidelines, borderline decisions)
            if cat == "hedge" and any(p.contains(span) for p in impersonal):
                continue
            yield span, cat, sub
        yield from vague


def extract_hedges(
    doc_or_text: Document | str, *, categories: Sequence[str] = CATEGORIES,
    classifier: bool = False,
) -> list[Cue]:
    """Hedge, booster and vague-attribution cues of a text, in text order.

    Parameters
    ----------
    doc_or_text : Document or str
        A :class:`~framing.Document` (its page clutter is skipped and its attributions
        give the voice) or a plain text.
    categories : sequence of {"hedge", "booster", "vague"}
        The categories to return (all by default).
    classifier : bool, default False
        Also let the candidate classifier (``framing/data/models/hedging.json``, trained on
        the Szeged wiki part by ``scripts/train_hedging.py``) reject hedge candidates beyond
        the modals and fixed phrases. It raises precision on Wikipedia text but lowered
        cue F1 on held-out news (docs/hedging.md), so the rules alone are the default.

    Returns
    -------
    list of Cue
        With span, text, category, subtype (``epistemic_modal``, ``epistemic_verb``,
        ``adverb``, ``adjective``, ``noun``, ``phrase``; vague cues: ``impersonal``,
        ``quantifier``, ``source_noun``, ``anonymous_source``) and voice.

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> doc = next(d for d in load_sample() if d.id == "s3-wire")
    >>> [c.text for c in extract_hedges(doc, categories=["hedge"])][:4]
    ['possible', 'suggested', 'may', 'could not be independently verified']
    >>> [c.text for c in extract_hedges("He could not be reached for comment on May 2.")]
    []
    """
    for c in categories:
        if c not in CATEGORIES:
            raise ValueError(f"categories must be among {CATEGORIES}, got {c!r}")
    doc = _as_document(doc_or_text)
    model = hedging_model() if classifier else None
    if classifier and model is None:
        raise FileNotFoundError("framing/data/models/hedging.json is missing; run scripts/train_hedging.py")
    found = list(_sentence_cues(doc, model))
    if "vague" in categories:
        overlaps_vague = _overlap_index([sp for sp, cat, _ in found if cat == "vague"])
        for a in doc.attributions:
            if a.anonymous and a.source is not None and not overlaps_vague(a.source):
                found.append((a.source, "vague", "anonymous_source"))
    found = sorted(f for f in found if f[1] in categories)
    voices = voice_of([f[0] for f in found], doc.attributions)
    text = doc.text
    return [Cue(sp, text[sp.start:sp.end], cat, sub, voice)
            for (sp, cat, sub), voice in zip(found, voices)]


def _overlap_index(spans):
    """``overlaps(span)``: whether ``span`` shares a character with any of ``spans``, by
    bisection over the spans sorted by start with the running maximum of their ends (one
    lookup per source, not one test per vague span: linear on "according to officials, "
    repeated)."""
    ordered = sorted((sp.start, sp.end) for sp in spans)
    starts = [a for a, _ in ordered]
    max_end = list(accumulate((b for _, b in ordered), max))

    def overlaps(span) -> bool:
        i = bisect_left(starts, span.end)  # spans starting before span.end
        return i > 0 and max_end[i - 1] > span.start

    return overlaps


def add_hedging(doc: Document) -> Document:
    """Fill ``doc.hedges``, ``doc.boosters`` and ``doc.vague`` in place and return ``doc``.

    Run it after attribution so that voices are right (:func:`framing.analyze` does).

    Examples
    --------
    >>> from framing import Document
    >>> doc = add_hedging(Document("It is believed that the deal may well collapse."))
    >>> [c.text for c in doc.hedges], [c.text for c in doc.vague]
    (['may well'], ['It is believed'])
    """
    cues = extract_hedges(doc)
    doc.hedges = [c for c in cues if c.category == "hedge"]
    doc.boosters = [c for c in cues if c.category == "booster"]
    doc.vague = [c for c in cues if c.category == "vague"]
    return doc


def uncertain_sentences(doc_or_text: Document | str) -> list[tuple[Span, bool]]:
    """Each sentence's span and whether it is uncertain (holds at least one hedge cue).

    Examples
    --------
    >>> uncertain_sentences("Prices may rise. They rose.")
    [(Span(start=0, end=16), True), (Span(start=17, end=27), False)]
    """
    doc = _as_document(doc_or_text)
    hedges = doc.hedges if doc.hedges else extract_hedges(doc, categories=["hedge"])
    starts = sorted(c.span.start for c in hedges)
    out = []
    from bisect import bisect_left

    for s in doc.sentences:
        k = bisect_left(starts, s.start)
        out.append((s.span, k < len(starts) and starts[k] < s.end))
    return out


def hedging_rates(doc_or_text: Document | str) -> dict[str, float]:
    """Per-text rates per 1,000 words: by category, by category and voice, by subtype; and
    the share of uncertain sentences.

    Keys are ``hedge``, ``hedge__author``, ``hedge__quoted``, ``hedge__epistemic_modal``,
    ... (same for ``booster`` and ``vague``), ``uncertain_share``, ``words``.

    Examples
    --------
    >>> r = hedging_rates("Prices may rise, analysts say. They rose sharply.")
    >>> r["hedge"], r["vague"], r["uncertain_share"]
    (125.0, 125.0, 0.5)
    """
    doc = _as_document(doc_or_text)
    if not (doc.hedges or doc.boosters or doc.vague):
        add_hedging(doc)
    words = doc.word_count
    scale = 1000.0 / words if words else 0.0
    out: dict[str, float] = {"words": float(words)}
    for cat, cues in (("hedge", doc.hedges), ("booster", doc.boosters), ("vague", doc.vague)):
        out[cat] = len(cues) * scale
        for voice in ("author", "quoted"):
            out[f"{cat}__{voice}"] = sum(c.voice == voice for c in cues) * scale
        for sub in subtypes(cat):
            out[f"{cat}__{sub}"] = sum(c.subtype == sub for c in cues) * scale
    flags = [u for _, u in uncertain_sentences(doc)]
    out["uncertain_share"] = sum(flags) / len(flags) if flags else 0.0
    return out
