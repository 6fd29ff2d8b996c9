"""Group articles of different outlets into stories (the same event) by date and text similarity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as _date

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.document import Document

__all__ = ["align_stories", "story_pair_scores"]

BAD_THRESHOLD = "threshold must be a number between 0 and 1, got {value!r}"
BAD_WINDOW = "window_days must be a non-negative integer, got {value!r}"


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return _date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def align_stories(
    documents: Sequence[Document],
    *,
    threshold: float = 0.2,
    window_days: int = 1,
    one_per_outlet: bool = True,
    chars: int = 1000,
) -> pd.Series:
    """Story labels for articles without them: same event = similar text, close dates.

    Articles are compared by the cosine of their tf-idf vectors (title and the first
    ``chars`` characters of text, English stop words removed, sublinear counts). Pairs from
    different outlets whose dates lie at most ``window_days`` apart (or either date missing)
    and whose similarity is at least ``threshold`` are joined, most similar first; with
    ``one_per_outlet`` a join that would put two articles of one outlet in the same story is
    skipped (an outlet rarely runs two articles on one event in a same-story corpus).

    Parameters
    ----------
    documents : sequence of Document
        A :class:`~framing.Corpus` or list; ``outlet`` and ``date`` (YYYY-MM-DD...) are used.
    threshold : float, default 0.2
        Minimum cosine similarity to join two articles (chosen on AllSides/NeuS, see
        ``docs/reproductions.md``).
    window_days : int, default 1
    one_per_outlet : bool, default True
    chars : int, default 1000

    Returns
    -------
    pandas.Series
        One label per document, in input order (``"s0"``, ``"s1"``, ...; an article joined to
        nothing is a story of its own), named ``story``.

    Examples
    --------
    >>> from framing import Document
    >>> docs = [Document("Flood waters rose in Valencia as the river burst its banks.", outlet="A", date="2024-10-30"),
    ...         Document("The river burst its banks in Valencia and flood waters rose.", outlet="B", date="2024-10-30"),
    ...         Document("The central bank raised interest rates by a quarter point.", outlet="B", date="2024-10-30")]
    >>> align_stories(docs).tolist()
    ['s0', 's0', 's1']
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise ValueError(BAD_THRESHOLD.format(value=threshold))
    if isinstance(window_days, bool) or not isinstance(window_days, int) or window_days < 0:
        raise ValueError(BAD_WINDOW.format(value=window_days))
    docs = list(documents)
    n = len(docs)
    parent = list(range(n))
    outlets: list[set] = [{d.outlet} for d in docs]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in story_pair_scores(docs, threshold=threshold, window_days=window_days, chars=chars):
        if docs[i].outlet == docs[j].outlet and docs[i].outlet is not None:
            continue
        a, b = find(i), find(j)
        if a == b:
            continue
        if one_per_outlet and (outlets[a] & outlets[b]) - {None}:
            continue
        parent[b] = a
        outlets[a] |= outlets[b]
    labels: dict[int, str] = {}
    out = [labels.setdefault(find(i), f"s{len(labels)}") for i in range(n)]
    return pd.Series(out, name="story")


def story_pair_scores(
    documents: Sequence[Document], *, threshold: float = 0.0, window_days: int = 1, chars: int = 1000
) -> list[tuple[float, int, int]]:
    """Candidate same-story pairs ``(similarity, i, j)``, most similar first.

    Pairs within ``window_days`` (or with a missing date) whose tf-idf cosine is at least
    ``threshold``; the similarity matrix is computed in blocks of 2,000 rows, so memory grows
    with the number of candidate pairs kept, not with the square of the corpus.
    """
    docs = list(documents)
    if len(docs) < 2:
        return []
    texts = [((d.title or "") + "\n" + d.text[:chars]) for d in docs]
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    days = np.array([_day(d.date) if _day(d.date) is not None else -(10**9) for d in docs])
    missing = days == -(10**9)
    pairs: list[tuple[float, int, int]] = []
    block = 2000
    for lo in range(0, len(docs), block):
        S = (X[lo:lo + block] @ X.T).tocoo()
        for r, c, v in zip(S.row, S.col, S.data):
            i = lo + int(r)
            j = int(c)
            if j <= i or v < threshold:
                continue
            if not (missing[i] or missing[j]) and abs(days[i] - days[j]) > window_days:
                continue
            pairs.append((float(v), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs
