"""Scoring by the Scoring section of the annotation guidelines.

Cue spans match when they overlap, each gold span matched at most once; precision, recall
and F1 over matched pairs. Content spans are compared by token-overlap F1. The evaluation
scripts in ``evaluation/`` and the accuracy floors in the tests use these functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["PRF", "match_spans", "span_prf", "token_f1", "prf"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class PRF:
    """Counts and scores of one comparison (add them up over documents with ``+``)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "n_pred": self.n_pred, "n_gold": self.n_gold}


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    """A :class:`PRF` from counts."""
    return PRF(tp, n_pred, n_gold)


def _pair(span) -> tuple[int, int]:
    return int(span[0]), int(span[1])


def match_spans(pred: Sequence, gold: Sequence) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans: ``(pred index, gold index)`` pairs.

    Pairs with the largest overlap are taken first; each span is used at most once.

    Examples
    --------
    >>> match_spans([(0, 4), (10, 12)], [(2, 6), (3, 5), (20, 25)])
    [(0, 0)]
    """
    p = sorted((_pair(s), i) for i, s in enumerate(pred))
    g = sorted((_pair(s), j) for j, s in enumerate(gold))
    candidates: list[tuple[int, int, int]] = []
    j0 = 0
    for (ps, pe), i in p:
        while j0 < len(g) and g[j0][0][1] <= ps and g[j0][0][0] < ps:
            j0 += 1
        j = j0
        while j < len(g) and g[j][0][0] < pe:
            (gs, ge), jj = g[j]
            ov = min(pe, ge) - max(ps, gs)
            if ov > 0 or (ps == pe == gs == ge):
                candidates.append((-ov, i, jj))
            j += 1
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return sorted(out)


def span_prf(pred: Sequence, gold: Sequence) -> PRF:
    """Overlap-matched precision, recall and F1 of predicted against gold spans.

    Examples
    --------
    >>> s = span_prf([(0, 4), (10, 12)], [(2, 6), (20, 25)])
    >>> s.precision, s.recall
    (0.5, 0.5)
    """
    return PRF(len(match_spans(pred, gold)), len(pred), len(gold))


def _tokens(text: str, span) -> list[str]:
    s, e = _pair(span)
    return [m.group().lower() for m in _WORD.finditer(text, s, e)]


def token_f1(text: str, pred, gold) -> float:
    """Token-overlap F1 between two spans of the same text (bag of word tokens).

    Examples
    --------
    >>> t = "the talks will resume next week"
    >>> round(token_f1(t, (4, 23), (0, 31)), 3)
    0.6
    """
    a = _tokens(text, pred)
    b = _tokens(text, gold)
    if not a or not b:
        return 0.0
    from collections import Counter

    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def sentence_labels(sentences: Iterable[tuple[int, int]], cues: Iterable) -> list[bool]:
    """For each sentence span, whether at least one cue span overlaps it."""
    cues = sorted(_pair(c) for c in cues)
    out = []
    for s, e in sentences:
        out.append(any(cs < e and s < ce for cs, ce in cues))
    return out
