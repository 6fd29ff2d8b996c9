"""Trainable models over the extractors' evidence, persisted in formats whose loading runs no code."""

from framing.models._actor_sentiment import ActorSentimentClassifier

__all__ = ["ActorSentimentClassifier"]
