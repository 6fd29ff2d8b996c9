"""Train the models whose training data may not ship, in one call, from your data home.

This module sits above both :mod:`framing.datasets` and :mod:`framing.models` (a model
never imports a loader: the loaders stand below the pipeline, which loads the models).
"""

from __future__ import annotations

import os
from typing import Any

from framing.datasets import load_semeval2023_frames
from framing.models import FrameClassifier

__all__ = ["train_frame_classifier"]


def train_frame_classifier(data_home: str | os.PathLike[str] | None = None, **params: Any) -> FrameClassifier:
    """Fit :class:`framing.models.FrameClassifier` on the 433 SemEval-2023 Task 3 English
    articles in your data home (folder ``semeval2023_task3_en/``, see
    :func:`framing.datasets.load_semeval2023_frames`).

    The corpus has no licence, so framing ships no model trained on it: this call trains
    yours (a few minutes on one core; the evidence features run the extractors on every
    article). Keep it for your own use with ``to_json`` and load it with ``from_json`` or
    ``Pipeline.default().replace("frames", path)``; do not redistribute it.

    Parameters
    ----------
    data_home : path, optional
        Folder holding ``semeval2023_task3_en/``; else ``$FRAMING_DATA``, else the user
        cache folder.
    **params
        Parameters of :class:`~framing.models.FrameClassifier`.

    Raises
    ------
    OSError
        When the corpus is not in the data home (the message says where to put it).

    Examples
    --------
    >>> train_frame_classifier(data_home="/nonexistent")
    Traceback (most recent call last):
    ...
    OSError: SemEval-2023 Task 3 (English) not found: expected /nonexistent/semeval2023_task3_en. framing never downloads ...
    """
    df = load_semeval2023_frames(data_home=data_home)
    return FrameClassifier(**params).fit(df["text"].tolist(), df["frames"].tolist())
