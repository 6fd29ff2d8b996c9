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

    A column is given whole, or as a whole column with other values at some rows (an
    actor's counts in the articles that mention it, over the zeros of the others): such a
    column is only written into ``basis``, never copied on its own.
    """

    def __init__(self, n_rows: int, scale: np.ndarray):
        self.scale = scale
        self.n_rows = n_rows
        self._whole: list[np.ndarray] = []  # distinct whole columns
        self._by_key: dict[tuple[float, float], list[int]] = {}
        self._cols: list[tuple[int, np.ndarray | None, np.ndarray | None]] = []
        self._patched: dict[tuple[int, int, bytes], int] = {}
        self.num_idx: list[int] = []
        self.den_idx: list[int] = []
        self.basis = np.zeros((n_rows, 0))

    def _whole_index(self, col: np.ndarray) -> int:
        """The position of ``col`` among the whole columns (an equal one added before: same
        sum and last value, and equal in full), else a new one."""
        key = (float(col.sum()), float(col[-1]) if len(col) else 0.0)
        for i in self._by_key.get(key, []):
            if self._whole[i] is col or np.array_equal(self._whole[i], col):
                return i
        self._by_key.setdefault(key, []).append(len(self._whole))
        self._whole.append(col)
        return len(self._whole) - 1

    def _index(self, col: np.ndarray, rows: np.ndarray | None = None,
               values: np.ndarray | None = None) -> int:
        """The basis column of ``col`` (with ``values`` at ``rows`` if given)."""
        w = self._whole_index(np.asarray(col, float))
        if rows is not None and values is not None:
            values = np.asarray(values, float)
            if np.array_equal(self._whole[w][rows], values):
                rows = values = None
        if rows is None or values is None:
            key = (w, -1, b"")
        else:  # equal columns of one actor (the same rows) are found; others are rare
            key = (w, id(rows), values.tobytes())
        if key not in self._patched:
            self._patched[key] = len(self._cols)
            self._cols.append((w, rows, values))
        return self._patched[key]

    def add(self, num: np.ndarray, den: np.ndarray, rows: np.ndarray | None = None,
            num_at: np.ndarray | None = None, den_at: np.ndarray | None = None) -> None:
        """A metric's numerator and denominator columns (with ``rows`` set to ``num_at`` and
        ``den_at`` when given)."""
        self.num_idx.append(self._index(num, rows, num_at))
        self.den_idx.append(self._index(den, rows, den_at))

    def done(self) -> _Matrix:
        self.basis = np.empty((self.n_rows, len(self._cols)))
        whole = [self._whole[w] for w, _, _ in self._cols]
        step = 2048  # rows at a time: a block of every column stays in cache while it is written
        for first in range(0, self.n_rows if whole else 0, step):
            rows = slice(first, first + step)
            self.basis[rows] = np.column_stack([col[rows] for col in whole])
        # the changed rows, one actor's at a time: (rows, columns, their values there)
        patched: dict[int, tuple[np.ndarray, list[int], list[np.ndarray]]] = {}
        for j, (_, at, values) in enumerate(self._cols):
            if at is not None and values is not None:
                _, js, vs = patched.setdefault(id(at), (at, [], []))
                js.append(j)
                vs.append(values)
        for at, js, vs in patched.values():
            if js == list(range(js[0], js[0] + len(js))):  # the usual case: side by side
                self.basis[at, js[0]:js[0] + len(js)] = np.column_stack(vs)
            else:
                for j, v in zip(js, vs):
                    self.basis[at, j] = v
        self.nidx = np.array(self.num_idx, dtype=np.intp)
        self.didx = np.array(self.den_idx, dtype=np.intp)
        self._whole, self._by_key, self._cols, self._patched = [], {}, [], {}
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
    keep = actors_table["actor"].isin(names) & actors_table["doc"].isin(docs)
    counts = actors_table.loc[keep, ["doc", "actor", *_ACTOR_COUNTS]]
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
    mentions = present["mentions"].to_numpy(float)
    sentences = present[["positive", "neutral", "negative"]].to_numpy(float)
    for a in range(len(names)):
        sel = by_actor[edges[a]:edges[a + 1]]
        rows = row[sel]
        for (bn, bd), (on, od) in zip(base, own):
            mat.add(bn, bd, rows, on[sel], od[sel])
        mentioned[rows, a] = mentions[sel] > 0
        if senti is not None:
            senti[rows, a] = sentences[sel]
    return mat.done(), mentioned, senti
