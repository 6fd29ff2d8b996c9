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
        self.n_rows = n_rows
        self._basis: list[np.ndarray] = []
        self._by_id: dict[int, int] = {}
        self._by_key: dict[tuple[float, float], list[int]] = {}
        self.num_idx: list[int] = []
        self.den_idx: list[int] = []
        self.basis = np.zeros((n_rows, 0))

    def _index(self, col: np.ndarray) -> int:
        """The position of ``col`` in the basis: that of an equal column added before (the
        same array, or one with the same sum and last value and equal in full), else a new
        one."""
        if id(col) in self._by_id:  # ids of stored columns only: those stay alive
            return self._by_id[id(col)]
        key = (float(col.sum()), float(col[-1]) if len(col) else 0.0)
        for i in self._by_key.get(key, []):
            if np.array_equal(self._basis[i], col):
                return i
        self._by_key.setdefault(key, []).append(len(self._basis))
        self._by_id[id(col)] = len(self._basis)
        self._basis.append(col)
        return len(self._basis) - 1

    def add(self, num: np.ndarray, den: np.ndarray) -> None:
        self.num_idx.append(self._index(np.asarray(num, float)))
        self.den_idx.append(self._index(np.asarray(den, float)))

    def done(self) -> _Matrix:
        self.basis = np.empty((self.n_rows, len(self._basis)))
        for j, col in enumerate(self._basis):
            self.basis[:, j] = col
        self.nidx = np.array(self.num_idx, dtype=np.intp)
        self.didx = np.array(self.den_idx, dtype=np.intp)
        self._basis, self._by_id, self._by_key = [], {}, {}
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

    The metrics are computed twice, not once per actor and article: on every article as if
    it did not mention the actor (zero counts; ``agent`` and ``patient`` unknown), which is
    the same for every actor, and on the (article, actor) rows of the actors table; each
    actor's columns are the first with its own rows put in (the metrics are row by row).
    """
    n = len(arts)
    mat = _Matrix(n, np.tile(np.array([m.scale for m in metrics], float), len(names)))
    mentioned = np.zeros((n, len(names)), bool)
    senti = np.zeros((n, len(names), 3)) if sentiment else None
    docs = arts["doc"].to_numpy()
    pos = pd.Series(np.arange(n), index=docs)
    sub = actors_table[actors_table["actor"].isin(names) & actors_table["doc"].isin(pos.index)]
    counts = sub[["doc", "actor", *_ACTOR_COUNTS]].copy()
    for c in _ACTOR_COUNTS:
        counts[c] = pd.to_numeric(counts[c], errors="coerce")
    per = counts.groupby(["actor", "doc"], sort=False)[_ACTOR_COUNTS].sum(min_count=1)
    per = per.reset_index()
    row = pos.reindex(per["doc"].to_numpy()).to_numpy().astype(np.intp)
    code = pd.Categorical(per["actor"], categories=names).codes.astype(np.intp)
    article = {
        "doc": docs,
        "article_attributions": pd.to_numeric(arts["attributions"]).to_numpy(),
        "article_words_quoted": pd.to_numeric(arts["words_quoted"]).to_numpy(),
    }
    unknown = ("agent", "patient")  # NaN when absent, not 0
    absent = pd.DataFrame({**article, **{
        c: np.full(n, np.nan if c in unknown else 0.0) for c in _ACTOR_COUNTS}})
    present = pd.DataFrame({k: v[row] for k, v in article.items()})
    for c in _ACTOR_COUNTS:
        v = per[c].to_numpy(float)
        present[c] = v if c in unknown else np.where(np.isnan(v), 0.0, v)
    base = [m.values(absent) for m in metrics]
    own = [m.values(present) for m in metrics]
    by_actor = np.argsort(code, kind="stable")
    edges = np.searchsorted(code[by_actor], np.arange(len(names) + 1))
    for a in range(len(names)):
        sel = by_actor[edges[a]:edges[a + 1]]
        rows = row[sel]
        for (bn, bd), (on, od) in zip(base, own):
            mat.add(_put(bn, rows, on[sel]), _put(bd, rows, od[sel]))
        mentioned[rows, a] = present["mentions"].to_numpy(float)[sel] > 0
        if senti is not None:
            senti[rows, a] = present[["positive", "neutral", "negative"]].to_numpy(float)[sel]
    return mat.done(), mentioned, senti


def _put(column: np.ndarray, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``column`` with ``values`` at ``rows`` (``column`` itself when they are there already)."""
    if np.array_equal(column[rows], values):
        return column
    out = column.copy()
    out[rows] = values
    return out
