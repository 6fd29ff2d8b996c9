"""Trainable models over the extractors' evidence, persisted in formats whose loading runs no code."""

from framing.models._actor_sentiment import ActorSentimentClassifier
from framing.models._bias import BiasClassifier, sentence_evidence
from framing.models._frames import FrameClassifier
from framing.models._roles import EntityRoleClassifier
from framing.models._loaded_words import (
    LoadedWordClassifier,
    loaded_word_spans,
    word_labels,
    word_rows,
)
from framing.models._persuasion import PersuasionSpanTagger, merge_spans, si_counts, si_scores, tc_micro_f1

__all__ = [
    "ActorSentimentClassifier",
    "BiasClassifier",
    "sentence_evidence",
    "FrameClassifier",
    "EntityRoleClassifier",
    "LoadedWordClassifier",
    "loaded_word_spans",
    "word_labels",
    "word_rows",
    "PersuasionSpanTagger",
    "merge_spans",
    "si_counts",
    "si_scores",
    "tc_micro_f1",
]
