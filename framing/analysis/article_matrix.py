"""Per-article metric arrays: the numerators and denominators of every metric, one row per
article, so that a group's, a story's or a resample's value is one sum (a matrix product)
and one ratio. :func:`framing.compare` builds them once and resamples their rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing.analysis.metrics import _ACTOR_COUNTS, Metric
from framing.analysis.statistics import _ratio

__all__: list[str] = []


class _Matrix:
    """Numerators and denominators of several metrics over the same rows (articles).

    Stored as the distinct columns they use (``basis``: a denominator such as ``words``
    is shared by many metrics) with, per metric, the index of its numerator and its
    denominator in ``basis``: every sum (of a group, a story, a resample) is one product
    with ``basis``.
    """

    def __init__(self, n_rows: int, scale: np.ndarray):
        self.scale = scale
        self._cols: dict[bytes, int] = {}
        self._basis: list[np.ndarray] = []
        self._zero = np.zeros(n_rows)
        self.num_idx: list[int] = []
        self.den_idx: list[int] = []
        self.basis = np.zeros((n_rows, 0))

    def _index(self, col: np.ndarray) -> int:
        key = col.tobytes()
        if key not in self._cols:
            self._cols[key] = len(self._basis)
            self._basis.append(col)
        return self._cols[key]

    def add(self, num: np.ndarray, den: np.ndarray) -> None:
        self.num_idx.append(self._index(np.asarray(num, float)))
        self.den_idx.append(self._index(np.asarray(den, float)))

    def done(self) -> _Matrix:
        n = len(self._zero)
        self.basis = np.column_stack(self._basis) if self._basis else np.zeros((n, 0))
        self.nidx = np.array(self.num_idx, dtype=np.intp)
        self.didx = np.array(self.den_idx, dtype=np.intp)
        self._cols, self._basis = {}, []
        return self

    @property
    def width(self) -> int:
        return len(self.nidx)

    def ratio(self, sums: np.ndarray) -> np.ndarray:
        """Metric values from sums of ``basis`` (the last axis)."""
        return _ratio(sums[..., self.nidx], sums[..., self.didx], self.scale)

    def support(self, rows: slice | np.ndarray) -> np.ndarray:
        """Per metric, the rows of ``rows`` that contribute to its denominator."""
        return (self.basis[rows] > 0).sum(0)[self.didx]


def _article_matrix(arts: pd.DataFrame, metrics: list[Metric]) -> _Matrix:
    mat = _Matrix(len(arts), np.array([m.scale for m in metrics], float))
    for m in metrics:
        mat.add(*m.values(arts))
    return mat.done()


def _actor_matrix(arts: pd.DataFrame, actors_table: pd.DataFrame, names: list[str],
                  metrics: list[Metric], sentiment: bool
                  ) -> tuple[_Matrix, np.ndarray, np.ndarray | None]:
    """Rows: articles; columns: actor-major blocks of the actor metrics (zeros filled).

    Also returns which article mentions which actor (``articles x actors``, bool) and, with
    ``sentiment``, each article's positive / neutral / negative sentence counts toward each
    actor (``articles x actors x 3``).
    """
    n = len(arts)
    mat = _Matrix(n, np.tile(np.array([m.scale for m in metrics], float), len(names)))
    mentioned = np.zeros((n, len(names)), bool)
    senti = np.zeros((n, len(names), 3)) if sentiment else None
    pos = pd.Series(np.arange(n), index=arts["doc"].to_numpy())
    sub = actors_table[actors_table["actor"].isin(names) & actors_table["doc"].isin(pos.index)]
    counts = sub[["doc", "actor", *_ACTOR_COUNTS]].copy()
    for c in _ACTOR_COUNTS:
        counts[c] = pd.to_numeric(counts[c], errors="coerce")
    per = counts.groupby(["actor", "doc"], sort=False)[_ACTOR_COUNTS].sum(min_count=1)
    base = pd.DataFrame({
        "doc": arts["doc"].to_numpy(),
        "article_attributions": pd.to_numeric(arts["attributions"]).to_numpy(),
        "article_words_quoted": pd.to_numeric(arts["words_quoted"]).to_numpy(),
    })
    per = per.reset_index()
    per["_row"] = pos.reindex(per["doc"].to_numpy()).to_numpy().astype(np.intp)
    per["_actor"] = pd.Categorical(per["actor"], categories=names).codes.astype(np.intp)
    # the article x actor table, a block of actors at a time (each metric computed once per
    # block on the stacked table; at most about a million rows in memory)
    step = max(1, 1_000_000 // max(n, 1))
    cols: list[list[tuple[np.ndarray, np.ndarray]]] = [[] for _ in names]
    for first in range(0, len(names), step):
        block = range(first, min(first + step, len(names)))
        t = pd.DataFrame({
            "doc": np.tile(base["doc"].to_numpy(), len(block)),
            "article_attributions": np.tile(base["article_attributions"].to_numpy(), len(block)),
            "article_words_quoted": np.tile(base["article_words_quoted"].to_numpy(), len(block)),
        })
        here = per[(per["_actor"] >= first) & (per["_actor"] < block.stop)]
        at = (here["_actor"].to_numpy() - first) * n + here["_row"].to_numpy()
        for c in _ACTOR_COUNTS:
            fill = np.nan if c in ("agent", "patient") else 0.0
            col = np.full(len(t), fill)
            col[at] = here[c].to_numpy(float)
            if fill == 0.0:
                col[np.isnan(col)] = 0.0
            t[c] = col
        values = [m.values(t) for m in metrics]
        for i, a in enumerate(block):
            cols[a] = [(num[i * n:(i + 1) * n], den[i * n:(i + 1) * n]) for num, den in values]
            tm = t["mentions"].to_numpy(float)[i * n:(i + 1) * n]
            mentioned[:, a] = tm > 0
            if senti is not None:
                senti[:, a] = t[["positive", "neutral", "negative"]].to_numpy(float)[i * n:(i + 1) * n]
    for a in range(len(names)):
        for num, den in cols[a]:
            mat.add(num, den)
    return mat.done(), mentioned, senti
