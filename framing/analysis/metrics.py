"""The metrics :func:`framing.compare` computes: each a ratio of sums over articles (or over
articles x actors), with its label, description and range.

Split from :mod:`framing.analysis.compare`, which groups, resamples and tests them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.analysis.tables import ROLES as ROLE_NAMES, STANCES
from framing.extract.frames import FRAME_NAMES, FRAMES
from framing.persuasion import TECHNIQUES

__all__ = ["Metric", "ARTICLE_METRICS", "ACTOR_METRICS", "MIN_SUPPORT"]

UNKNOWN_METRIC = "unknown metric {name!r}; available: {available}"

Column = str | Callable[[pd.DataFrame], Any]

#: Articles that must contribute to a metric's denominator for an interval to be given.
MIN_SUPPORT = 2


@dataclass(frozen=True)
class Metric:
    """A metric: ``scale * sum(numerator) / sum(denominator)`` over a group's articles.

    Parameters
    ----------
    name : str
        Stable column value in every result table.
    numerator, denominator : str or callable
        A column of the article table (or article x actor table for ``level="actor"``), or
        a function of that table returning one value per row. ``denominator=None`` counts
        articles.
    scale : float
        1000 for rates per 1,000 words, 1 for shares.
    level : {"article", "actor"}
    label, description : str
        For tables, plots and the report's methods section.
    bounds : (float, float), optional
        The range the metric can take (``(0, 1)`` for shares); intervals are clipped to it.
    """

    name: str
    numerator: Column
    denominator: Column | None
    scale: float = 1.0
    level: str = "article"
    label: str = ""
    description: str = ""
    bounds: tuple[float, float] | None = None

    def values(self, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Per-row numerator and denominator arrays."""
        return _column(table, self.numerator), (
            np.ones(len(table)) if self.denominator is None else _column(table, self.denominator)
        )


def _column(table: pd.DataFrame, col: Column) -> np.ndarray:
    values = col(table) if callable(col) else table[col]
    return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce").fillna(0.0), float)


def _per_1k(name: str, count: str, label: str, desc: str, words: str = "words") -> Metric:
    return Metric(name, count, words, 1000.0, "article", label, desc, (0.0, np.inf))


SHARE = (0.0, 1.0)


def _a(word: str) -> str:
    """The indefinite article of ``word``: "an endorse cue", "a doubt cue"."""
    return "an" if word[:1].lower() in "aeiou" else "a"


ARTICLE_METRICS: dict[str, Metric] = {m.name: m for m in [
    _per_1k("hedges_per_1k", "hedges", "Hedges per 1,000 words",
            "Hedge cues (epistemic modals, verbs, adverbs, phrases) per 1,000 words."),
    _per_1k("boosters_per_1k", "boosters", "Boosters per 1,000 words",
            "Booster cues (clearly, certainly, in fact, ...) per 1,000 words."),
    _per_1k("vague_per_1k", "vague", "Vague attribution per 1,000 words",
            "Unnamed or collective sources (some say, critics argue, ...) per 1,000 words."),
    _per_1k("attributions_per_1k", "attributions", "Attributions per 1,000 words",
            "Reported speech and thought (direct, indirect, mixed, according to) per 1,000 words."),
    Metric("direct_share", "kind_direct", "attributions", 1.0, "article", "Direct quotes",
           "Share of attributions whose content is entirely inside quotation marks.", SHARE),
    Metric("indirect_share", "kind_indirect", "attributions", 1.0, "article", "Indirect speech",
           "Share of attributions reported without quotation marks.", SHARE),
    Metric("mixed_share", "kind_mixed", "attributions", 1.0, "article", "Mixed quotes",
           "Share of attributions of indirect content holding a partial quotation.", SHARE),
    Metric("according_to_share", "kind_according_to", "attributions", 1.0, "article",
           "According to", "Share of attributions of kind 'according to' / 'citing'.", SHARE),
    Metric("anonymous_share", "anonymous", "attributions", 1.0, "article", "Anonymous sources",
           "Share of attributions whose source is unnamed or vague.", SHARE),
    *[Metric(f"{s}_cue_share", f"stance_{s}", "attributions", 1.0, "article",
             f"{s.capitalize()} cues", f"Share of attributions reported with {_a(s)} {s} cue.", SHARE)
      for s in STANCES],
    Metric("quoted_share", "words_quoted", "words", 1.0, "article", "Quoted share of text",
           "Share of the words that stand inside some attribution's content.", SHARE),
    _per_1k("evaluative_author_per_1k", "evaluations_author",
            "Evaluative words per 1,000 author words",
            "Evaluative words in the outlet's own voice per 1,000 words outside quotations.",
            words="words_author"),
    _per_1k("evaluative_quoted_per_1k", "evaluations_quoted",
            "Evaluative words per 1,000 quoted words",
            "Evaluative words in quoted voice per 1,000 words inside attributions' content.",
            words="words_quoted"),
    Metric("biased_author_share", "sentences_author_biased", "sentences_author", 1.0, "article",
           "Biased sentences in own voice",
           "Share of the sentences in the outlet's own voice (not mostly reported speech) that "
           "the sentence_bias step calls biased."),
    _per_1k("persuasion_per_1k", "persuasion", "Persuasion techniques per 1,000 words",
            "Persuasion-technique spans (the 14 classes of SemEval-2020 Task 11) per 1,000 "
            "words, in any voice."),
    _per_1k("persuasion_author_per_1k", "persuasion_author",
            "Persuasion techniques per 1,000 author words",
            "Persuasion-technique spans in the outlet's own voice per 1,000 words outside "
            "quotations.", words="words_author"),
    *[_per_1k(f"persuasion_{t}_per_1k", f"persuasion_{t}",
              f"{t.replace('_', ' ').capitalize()} per 1,000 words",
              f"Spans of the persuasion technique {t} per 1,000 words, in any voice.")
      for t in TECHNIQUES],
    *[Metric(f"frame_{f}_share", f"frame_{f}", "sentences", 1.0, "article",
             f"Frame: {FRAME_NAMES[f]}",
             f"Share of the sentences that carry the {FRAME_NAMES[f].lower()} frame (frame step).")
      for f in FRAMES],
]}

ACTOR_METRICS: dict[str, Metric] = {m.name: m for m in [
    Metric("mentions", "mentions", None, 1.0, "actor", "Mentions per article",
           "Mentions of the actor per article of the group (articles that do not mention "
           "it count as zero).", (0.0, np.inf)),
    Metric("voice_share", "attributions", "article_attributions", 1.0, "actor", "Voice share",
           "Share of all attributions whose source is the actor.", SHARE),
    Metric("quoted_words_share", "quoted_words", "article_words_quoted", 1.0, "actor",
           "Quoted-words share", "Share of the quoted words that the actor speaks.", SHARE),
    Metric("quoted_words", "quoted_words", None, 1.0, "actor", "Quoted words per article",
           "Words attributed to the actor per article of the group.", (0.0, np.inf)),
    *[Metric(f"{s}_cue_share", f"stance_{s}", "attributions", 1.0, "actor",
             f"{s.capitalize()} cues", f"Share of the actor's attributions with {_a(s)} {s} cue.", SHARE)
      for s in STANCES],
    Metric("sentiment_balance", lambda t: t["positive"] - t["negative"],
           lambda t: t["positive"] + t["neutral"] + t["negative"], 1.0, "actor",
           "Sentiment balance",
           "(positive - negative) / all sentences with a sentiment toward the actor, in [-1, 1].",
           (-1.0, 1.0)),
    Metric("agency", "agent", lambda t: t["agent"].fillna(0) + t["patient"].fillna(0), 1.0,
           "actor", "Agency",
           "Share of the actor's mentions as agent (subject of an active verb) among agent "
           "and patient mentions.", SHARE),
    *[Metric(f"{r}_share", f"role_{r}", lambda t: t[[f"role_{x}" for x in ROLE_NAMES]].sum(axis=1),
             1.0, "actor", f"Cast as {r}",
             f"Share of the articles that mention the actor (and ran the role step) casting it "
             f"as {r}.")
      for r in ("antagonist", "protagonist", "innocent")],
]}

_ACTOR_COUNTS = ["mentions", "attributions", "quoted_words", *[f"stance_{s}" for s in STANCES],
                 "positive", "neutral", "negative", "agent", "patient",
                 *[f"role_{r}" for r in ROLE_NAMES]]


def _resolve(metrics: Sequence[str | Metric] | None, table: dict[str, Metric]) -> list[Metric]:
    if metrics is None:
        return list(table.values())
    out = []
    for m in metrics:
        if isinstance(m, Metric):
            out.append(m)
        elif m in table:
            out.append(table[m])
        else:
            raise ValueError(UNKNOWN_METRIC.format(name=m, available=", ".join(table)))
    return out
