"""Compare outlets: metrics overall, by outlet, by outlet and actor, and within stories.

Shaped after fairlearn's ``MetricFrame`` (group = outlet, control = story), but every
result is a tidy pandas DataFrame and every value carries a seeded bootstrap interval.

Every metric is a ratio of sums over articles (hedges per 1,000 words is 1,000 x the
hedges of a group's articles over their words), so a group's value weighs articles by their
length, and resampling articles gives its uncertainty:

- values overall, by group and by group and actor: percentile bootstrap over the group's
  articles (``n_boot`` resamples, seeded by ``random_state``); no interval (NaN) when fewer
  than two of the group's articles contribute to the metric's denominator (an actor's
  sentiment balance in the one article that mentions it, say);
- differences between two groups within stories (``within="story"``): the metric is
  computed per story and group, the difference is averaged over the stories both groups
  cover; its interval resamples those stories and its p-value comes from a paired
  permutation test that swaps the two groups' labels within each story (sign flips; every
  sign pattern, an exact test, when there are at most log2(n_perm) stories);
- without ``within``: the difference of the pooled values, an interval from independent
  article resamples of both groups, and a permutation test that shuffles the group labels
  over the two groups' articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.analysis.roles import role_differences
from framing.analysis.statistics import (
    MIN_SAMPLE,
    RESAMPLE_BLOCK,
    _boot_means,
    _boot_sums,
    _sign_patterns,
    _interval,
    _mean_t_interval,
    _p_floor_paired,
    _p_floor_pooled,
    _p_value,
    _pairs_in_stories,
    _ratio_se,
    _ratio_t_interval,
    _t_quantile,
    adjust_p,
)
from framing.analysis.metrics import (
    ACTOR_METRICS,
    ARTICLE_METRICS,
    MIN_SUPPORT,
    Column,
    Metric,
    _resolve,
)
from framing.analysis.article_matrix import _Matrix, _actor_matrix, _article_matrix
from framing.analysis.tables import STATUS_OK, Analysis

__all__ = ["Comparison", "Metric", "ARTICLE_METRICS", "ACTOR_METRICS", "MIN_SAMPLE", "compare"]

UNKNOWN_METRIC = "unknown metric {name!r}; available: {available}"
UNKNOWN_FIELD = "cannot group by {field!r}: not a column of analysis.articles ({present})"
NOT_AN_ANALYSIS = "compare() takes an Analysis (from corpus.analyze()), got {type}"
BAD_CONFIDENCE = "confidence must be between 0 and 1, got {value!r}"
NONE_ANALYSED = ("none of the {n} articles was analysed successfully (first reason: {reason}); "
                 "see analysis.errors")
NO_ARTICLES = "no analysed article has a value for {field!r}: nothing to compare"

class Comparison:
    """Metrics overall, by group, by group and actor, and differences between groups.

    Built by :func:`compare`. Every table is a tidy DataFrame with stable columns; the
    group column is named after ``by`` (``"outlet"``), so ``cmp.by_outlet`` is
    ``cmp.by_group`` when ``by="outlet"``.

    Attributes
    ----------
    overall : DataFrame
        ``metric, value, ci_low, ci_high, n_articles, ci_method``.
    by_group : DataFrame
        ``<by>, metric, value, ci_low, ci_high, n_articles, ci_method``.
    by_actor : DataFrame
        ``<by>, actor, metric, value, ci_low, ci_high, n_articles, n_mentioning, ci_method``.
        ``ci_method`` says how each interval was made: ``"bootstrap"`` (percentile, at least
        :data:`~framing.analysis.statistics.MIN_SAMPLE` units), ``"t"`` (fewer: a wider t
        interval), ``"sentences"`` (an actor's sentiment balance from one article: the
        sentence counts' uncertainty only) or ``None`` (no interval).
    by_story : DataFrame
        ``<within>, <by>, metric, value, n_articles`` (empty without ``within``).
    differences : DataFrame
        ``<by>_a, <by>_b, metric, difference, ci_low, ci_high, p_value, n_stories,
        ci_method, p_floor, can_reach_05, adjusted_p``: ``a`` minus ``b``, within stories
        when ``within`` is set. ``p_floor`` is the smallest p-value the test could give with
        these stories (or articles); ``can_reach_05`` is ``p_floor <= 0.05``; ``adjusted_p``
        is ``p_value`` adjusted over every row of the table (``parameters["p_adjust"]``,
        Holm by default).
    actor_differences : DataFrame
        The same per actor (an ``actor`` column after ``<by>_b``): within stories, over the
        stories in which both groups mention the actor; adjusted over its own rows.
    role_differences : DataFrame
        ``<by>_a, <by>_b, actor, role, difference, ci_low, ci_high, p_value, n_stories``:
        within-story differences in how often ``a`` and ``b`` cast each compared actor in each
        role (:func:`framing.analysis.role_differences`); empty without ``within`` or when the
        pipeline had no ``roles`` step.
    metrics : DataFrame
        ``metric, level, label, description, scale``: what each metric means.
    notes : list of str
        What the comparison had to leave out, and why.
    """

    def __init__(self, *, by: str, within: str | None, parameters: dict[str, Any],
                 overall: pd.DataFrame, by_group: pd.DataFrame, by_actor: pd.DataFrame,
                 by_story: pd.DataFrame, differences: pd.DataFrame, metrics: pd.DataFrame,
                 notes: list[str], actor_differences: pd.DataFrame | None = None,
                 role_differences: pd.DataFrame | None = None):
        self.by = by
        self.within = within
        self.parameters = parameters
        self.overall = overall
        self.by_group = by_group
        self.by_actor = by_actor
        self.by_story = by_story
        self.differences = differences
        self.metrics = metrics
        self.notes = notes
        self.actor_differences = (actor_differences if actor_differences is not None
                                  else pd.DataFrame())
        self.role_differences = role_differences if role_differences is not None else pd.DataFrame()

    def __getattr__(self, name: str) -> pd.DataFrame:
        if not name.startswith("__") and name == f"by_{self.__dict__.get('by')}":
            return self.by_group
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self) -> str:
        groups = self.by_group[self.by].nunique() if len(self.by_group) else 0
        return (f"Comparison(by={self.by!r}, within={self.within!r}, {groups} groups, "
                f"{self.metrics.shape[0]} metrics)")

    @property
    def small_sample(self) -> bool:
        """Whether some group or within-story difference rests on fewer than
        :data:`~framing.analysis.statistics.MIN_SAMPLE` articles or stories."""
        n = self.parameters.get("min_sample", MIN_SAMPLE)
        groups = self.by_group.groupby(self.by)["n_articles"].max() if len(self.by_group) else []
        stories = self.differences["n_stories"].dropna() if len(self.differences) else []
        return bool(any(v < n for v in groups) or any(0 < v < n for v in stories))

    @property
    def groups(self) -> list[str]:
        """The groups compared, sorted."""
        return sorted(self.by_group[self.by].unique().tolist())

    def pivot(self, table: str = "by_group", values: str = "value") -> pd.DataFrame:
        """A wide view of a long table: groups (and actors) as rows, metrics as columns.

        Examples
        --------
        >>> import framing
        >>> from framing.datasets import load_sample
        >>> cmp = framing.compare(load_sample().analyze(progress=False), n_boot=50)
        >>> cmp.pivot().shape[0]
        4
        """
        df = getattr(self, table)
        index = [c for c in (self.by, "actor") if c in df.columns]
        if table == "by_story":
            index = [c for c in (self.within, self.by) if c is not None]
        return df.pivot_table(index=index, columns="metric", values=values, sort=True,
                              dropna=False)

    def difference(self) -> pd.DataFrame:
        """Per metric, the largest minus the smallest group value (fairlearn's ``difference``)."""
        g = self.by_group.groupby("metric", sort=False)["value"]
        return pd.DataFrame({"group_min": g.min(), "group_max": g.max(),
                             "difference": g.max() - g.min()}).reset_index()

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form: parameters, notes and each table as a list of records."""
        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            return json_records(df)

        return {
            "by": self.by, "within": self.within, "parameters": dict(self.parameters),
            "notes": list(self.notes),
            **{k: records(getattr(self, k)) for k in
               ("metrics", "overall", "by_group", "by_actor", "by_story", "differences",
                "actor_differences", "role_differences")},
        }


def _which(rows: pd.DataFrame, limit: int = 10) -> str:
    """The articles of ``rows`` by id (else by position in the corpus), at most ``limit``."""
    ids = [str(i) if isinstance(i, str) or (i is not None and i == i) else f"#{k}"
           for k, i in zip(rows.index, rows["id"] if "id" in rows.columns else [None] * len(rows))]
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    return ", ".join(ids[:limit]) + more


def json_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Records of a DataFrame with NaN as ``None`` and numpy scalars as Python values."""
    out = []
    for row in df.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if isinstance(v, (np.floating, float)):
                v = float(v) if np.isfinite(v) else None  # strict JSON: no NaN or Infinity
            elif isinstance(v, np.integer):
                v = int(v)
            elif isinstance(v, np.bool_):
                v = bool(v)
            elif v is pd.NA:
                v = None
            clean[str(k)] = v
        out.append(clean)
    return out


BAD_ADJUST = "p_adjust must be one of {known}, got {value!r}"
DIFF_STATS = ["difference", "ci_low", "ci_high", "p_value", "n_stories", "ci_method", "p_floor",
              "can_reach_05", "adjusted_p"]
#: The threshold ``can_reach_05`` refers to.
ALPHA = 0.05


def compare(
    analysis: Analysis,
    by: str = "outlet",
    within: str | None = "story",
    *,
    metrics: Sequence[str | Metric] | None = None,
    actor_metrics: Sequence[str | Metric] | None = None,
    actors: Sequence[str] | None = None,
    max_actors: int = 20,
    n_boot: int = 1000,
    n_perm: int = 1000,
    confidence: float = 0.95,
    random_state: int = 0,
    p_adjust: str = "holm",
    min_sample: int = MIN_SAMPLE,
    progress: bool = True,
) -> Comparison:
    """Compare groups of articles (outlets) on every metric, with uncertainty.

    Parameters
    ----------
    analysis : Analysis
        From ``corpus.analyze()``. Only articles with status ``"ok"`` are compared.
    by : str, default "outlet"
        Column of ``analysis.articles`` that names the groups (``"outlet"``, or any input
        field such as a ``"side"`` column).
    within : str or None, default "story"
        Column naming the stories; differences between groups are computed within stories.
        When no article has a story, differences are pooled (and a note says so).
    metrics, actor_metrics : list of str or Metric, optional
        Defaults: every metric in :data:`ARTICLE_METRICS` and :data:`ACTOR_METRICS`.
    actors : list of str, optional
        Actors to compare; default the ``max_actors`` most mentioned.
    n_boot, n_perm : int
        Bootstrap resamples and permutations.
    confidence : float, default 0.95
    random_state : int, default 0
        Seed: the same inputs and seed give the same intervals and p-values.
    p_adjust : {"holm", "bh", "none"}, default "holm"
        The adjustment of ``adjusted_p`` for the number of rows of ``differences`` (and,
        separately, of ``actor_differences``): Holm (family-wise error, valid whatever the
        dependence between metrics) or Benjamini-Hochberg (false discovery rate).
    min_sample : int, default :data:`~framing.analysis.statistics.MIN_SAMPLE` (10)
        Below this many articles (group values) or stories (within-story differences), a
        t interval replaces the percentile bootstrap (see ``docs/compare.md``).
    progress : bool, default True
        Show a progress bar (tqdm, on standard error): one step for the overall values, one
        per group, one per pair of groups compared (within stories: the pairs that share a
        story) and one for the role differences.

    Returns
    -------
    Comparison

    Examples
    --------
    >>> import framing
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    >>> cmp = framing.compare(analysis, by="outlet", within="story", n_boot=200)
    >>> cmp.groups
    ['Liberty Ledger', 'Meridian Wire', 'The Daily Beacon', 'The Morning Blast']
    >>> list(cmp.by_outlet.columns)
    ['outlet', 'metric', 'value', 'ci_low', 'ci_high', 'n_articles', 'ci_method']
    >>> list(cmp.differences.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['outlet_a', 'outlet_b', 'metric', 'difference', 'ci_low', 'ci_high', 'p_value',
     'n_stories', 'ci_method', 'p_floor', 'can_reach_05', 'adjusted_p']
    >>> float(cmp.differences["p_floor"].min())  # four stories: no p-value below 2 / 2**4
    0.125
    """
    if not isinstance(analysis, Analysis):
        raise TypeError(NOT_AN_ANALYSIS.format(type=type(analysis).__name__))
    if not 0 < confidence < 1:
        raise ValueError(BAD_CONFIDENCE.format(value=confidence))
    if p_adjust not in ("holm", "bh", "none"):
        raise ValueError(BAD_ADJUST.format(known="holm, bh, none", value=p_adjust))
    arts_all = analysis.articles
    present = ", ".join(map(str, arts_all.columns))
    for f in (by, within):
        if f is not None and f not in arts_all.columns:
            raise ValueError(UNKNOWN_FIELD.format(field=f, present=present))
    art_metrics = _resolve(metrics, ARTICLE_METRICS)
    act_metrics = _resolve(actor_metrics, ACTOR_METRICS)
    notes: list[str] = []
    arts = arts_all[arts_all["status"] == STATUS_OK]
    n_failed = len(arts_all) - len(arts)
    if n_failed:
        notes.append(f"{n_failed} article(s) left out: analysis failed or input unreadable "
                     "(see analysis.errors).")
    missing = arts[by].isna()
    if missing.any():
        notes.append(f"{int(missing.sum())} article(s) left out: no {by!r} value "
                     f"(missing, empty or NaN in the input): {_which(arts[missing])}.")
    arts = arts[~missing].reset_index(drop=True)
    if n_failed == len(arts_all):
        first = arts_all["error"].dropna()
        raise ValueError(NONE_ANALYSED.format(
            n=len(arts_all), reason=first.iloc[0] if len(first) else "unknown"))
    if arts.empty:
        raise ValueError(NO_ARTICLES.format(field=by))
    if within is not None and arts[within].isna().all():
        notes.append(f"no article has a {within!r} value: differences are pooled over "
                     "articles, not computed within stories.")
        within = None
    elif within is not None and arts[within].isna().any():
        notes.append(f"{int(arts[within].isna().sum())} article(s) without a {within!r} value "
                     "count in the group values but not in the within-story differences.")

    rng = np.random.default_rng(random_state)
    groups = sorted(arts[by].astype(str).unique().tolist())
    gcode = pd.Categorical(arts[by].astype(str), categories=groups).codes.astype(np.intp)
    # articles in group order: each group's rows are one slice of every matrix
    order = np.argsort(gcode, kind="stable")
    arts, gcode = arts.iloc[order].reset_index(drop=True), gcode[order]
    edges = np.searchsorted(gcode, np.arange(len(groups) + 1))
    amat = _article_matrix(arts, art_metrics)
    abounds = _bounds(art_metrics)
    ka = amat.width

    # actors: the most mentioned unless named
    table = analysis.actors
    if actors is None:
        ok_docs = table["doc"].isin(arts["doc"].to_numpy())
        counts = (table.loc[ok_docs, ["actor", "mentions"]].groupby("actor")["mentions"].sum()
                  .reset_index().sort_values(["mentions", "actor"], ascending=[False, True]))
        names = counts.loc[counts["mentions"] > 0, "actor"].head(max_actors).tolist()
    else:
        names = list(actors)
    k = len(act_metrics)
    balance = [j for j, m in enumerate(act_metrics) if m.name == "sentiment_balance"]
    xmat, mentioned, senti = _actor_matrix(arts, table, names, act_metrics,
                                           bool(balance and names))
    xbounds = np.tile(_bounds(act_metrics), (len(names), 1))
    pairs = [(ia, ib) for ia in range(len(groups)) for ib in range(ia + 1, len(groups))]
    from tqdm import tqdm

    with_roles = bool(within is not None and names and "role" in table.columns
                      and table["role"].notna().any())
    tested = len(pairs)  # the pairs whose differences are computed: a step each
    if within is not None:
        svals = arts[within].astype(str).where(arts[within].notna(), None)
        stories = sorted(svals.dropna().unique().tolist())
        scode = pd.Categorical(svals, categories=stories).codes.astype(np.intp)
        has = np.flatnonzero(scode >= 0)
        cell_of = scode[has] * len(groups) + gcode[has]
        cells, inv = np.unique(cell_of, return_inverse=True)
        cs, cg = cells // len(groups), cells % len(groups)
        # each pair of groups over the stories both cover (pairs that share none: no values,
        # and no step of the bar, whose estimate would count them as work still to do)
        pair_of, left, right = _pairs_in_stories(cs, cg, len(groups))
        bounds = np.searchsorted(pair_of, np.arange(len(pairs) + 1))
        tested = int((np.diff(bounds) > 0).sum())
    bar = tqdm(total=1 + len(groups) + tested + with_roles, desc="compare", unit="step",
               disable=not progress)

    def interval(mat: _Matrix, rows: slice, reps: np.ndarray, bounds: np.ndarray):
        return _value_interval(mat, rows, reps, confidence, min_sample, bounds)

    # overall and by group, with bootstrap over articles
    overall_rows: list[pd.DataFrame] = []
    group_rows: list[pd.DataFrame] = []
    actor_rows: list[pd.DataFrame] = []
    group_boot: dict[str, np.ndarray] = {}
    actor_boot: dict[str, np.ndarray] = {}
    metric_names = [m.name for m in art_metrics]
    actor_names = np.repeat(np.array(names, dtype=object), k)
    actor_metric_names = np.tile(np.array([m.name for m in act_metrics], dtype=object),
                                 len(names))
    for gi in [-1, *range(len(groups))]:
        rows = slice(0, len(arts)) if gi < 0 else slice(edges[gi], edges[gi + 1])
        n_rows = rows.stop - rows.start
        with_actors = gi >= 0 and bool(names)
        mats = [amat.basis[rows]] + ([xmat.basis[rows]] if with_actors else [])
        sums = _boot_sums(rng, mats, n_boot)
        value = amat.ratio(amat.basis[rows].sum(0))
        reps = _boot_reps(amat, rows, sums[0])
        lo, hi, how = interval(amat, rows, reps, abounds)
        rec = pd.DataFrame({"metric": metric_names, "value": value, "ci_low": lo,
                            "ci_high": hi, "n_articles": n_rows, "ci_method": how})
        if gi < 0:
            overall_rows.append(rec)
            bar.update()
            continue
        g = groups[gi]
        group_rows.append(rec.assign(**{by: g}))
        if within is None:
            group_boot[g] = reps
        if with_actors:
            xv = xmat.ratio(xmat.basis[rows].sum(0))
            xr = _boot_reps(xmat, rows, sums[1])
            if within is None:
                actor_boot[g] = xr
            xlo, xhi, xhow = interval(xmat, rows, xr, xbounds)
            n_ment = mentioned[rows].sum(0)
            if senti is not None:
                group_senti = senti[rows].sum(0)
                for a in range(len(names)):
                    for j in balance:  # one article: the uncertainty of its sentence counts
                        c = a * k + j
                        if xhow[c] is None and not np.isnan(xv[c]):
                            xlo[c], xhi[c] = _sentence_interval(group_senti[a], xv[c], rng,
                                                                n_boot, confidence)
                            xhow[c] = "sentences"
            actor_rows.append(pd.DataFrame({
                by: g, "actor": actor_names, "metric": actor_metric_names, "value": xv,
                "ci_low": xlo, "ci_high": xhi, "n_articles": n_rows,
                "n_mentioning": np.repeat(n_ment, k), "ci_method": xhow}))
        bar.update()

    # by story and the differences
    story_rows: list[pd.DataFrame] = []
    pa = np.array([ia for ia, _ in pairs], dtype=np.intp)
    pb = np.array([ib for _, ib in pairs], dtype=np.intp)
    diffs = _no_stats(len(pairs), ka, pooled=within is None)
    actor_diffs = _no_stats(len(pairs), len(xbounds), pooled=within is None)
    dbounds = _difference_bounds(abounds)
    xdbounds = _difference_bounds(xbounds)
    both_bounds = np.vstack([dbounds, xdbounds])
    if within is not None:
        from scipy import sparse

        member = sparse.csr_matrix((np.ones(len(has)), (inv, has)),
                                   shape=(len(cells), len(arts)))
        cval = amat.ratio(np.asarray(member @ amat.basis))
        n_cell = np.bincount(inv, minlength=len(cells))
        story_rows.append(pd.DataFrame({
            within: _labels(stories, np.repeat(cs, ka)),
            by: _labels(groups, np.repeat(cg, ka)),
            "metric": _labels(metric_names, np.tile(np.arange(ka), len(cells))),
            "value": cval.ravel(), "n_articles": np.repeat(n_cell, ka)}))
        if names:
            mentioned_f = mentioned.astype(float)

            def actor_values(c: np.ndarray) -> np.ndarray:
                # the cells' actor metrics (summed when needed: no cells x columns table); an
                # actor that is not in the cell has no value there
                rows = member[c]
                here = np.asarray(rows @ mentioned_f) > 0
                return np.where(np.repeat(here, k, axis=1),
                                xmat.ratio(np.asarray(rows @ xmat.basis)), np.nan)

        for p in np.flatnonzero(np.diff(bounds)).tolist():
            ca, cb = left[bounds[p]:bounds[p + 1]], right[bounds[p]:bounds[p + 1]]
            d = cval[ca] - cval[cb]
            if names:
                d = np.hstack([d, actor_values(ca) - actor_values(cb)])
            stats = _paired_stats(d, rng, n_boot, n_perm, confidence, min_sample, both_bounds)
            _put_stats(diffs, p, stats, slice(0, ka))
            _put_stats(actor_diffs, p, stats, slice(ka, None))
            bar.update()
    else:
        for q, (ia, ib) in enumerate(pairs):
            ga, gb = groups[ia], groups[ib]
            ra, rb = slice(edges[ia], edges[ia + 1]), slice(edges[ib], edges[ib + 1])
            stats = _pooled_stats(amat, ra, rb, group_boot[ga] - group_boot[gb], rng, n_perm,
                                  confidence, min_sample, dbounds)
            _put_stats(diffs, q, stats)
            if names:
                xstats = _pooled_stats(xmat, ra, rb, actor_boot[ga] - actor_boot[gb], rng,
                                       n_perm, confidence, min_sample, xdbounds)
                _put_stats(actor_diffs, q, xstats)
            bar.update()
    role_diffs = None
    if with_roles:
        assert within is not None
        role_diffs = role_differences(analysis, by, within, actors=names, n_boot=n_boot,
                                      n_perm=n_perm, confidence=confidence,
                                      random_state=random_state)
        bar.update()
    bar.close()
    gcols = [by, "metric", "value", "ci_low", "ci_high", "n_articles", "ci_method"]
    meta = pd.DataFrame([{"metric": m.name, "level": m.level, "label": m.label or m.name,
                          "description": m.description, "scale": m.scale}
                         for m in [*art_metrics, *act_metrics]],
                        columns=["metric", "level", "label", "description", "scale"])
    differences = _pair_table(by, groups, pa, pb, diffs, metric_names)
    differences["adjusted_p"] = adjust_p(differences["p_value"].to_numpy(float), p_adjust)
    actor_differences = _pair_table(by, groups, pa, pb, actor_diffs,
                                    [m.name for m in act_metrics], names)
    actor_differences["adjusted_p"] = adjust_p(actor_differences["p_value"].to_numpy(float),
                                               p_adjust)
    return Comparison(
        by=by, within=within,
        parameters={"by": by, "within": within, "n_boot": n_boot, "n_perm": n_perm,
                    "confidence": confidence, "random_state": random_state,
                    "actors": names, "p_adjust": p_adjust, "min_sample": min_sample,
                    "alpha": ALPHA},
        overall=_table(overall_rows, gcols[1:]),
        by_group=_table(group_rows, gcols),
        by_actor=_table(actor_rows, [by, "actor", *gcols[1:6], "n_mentioning", "ci_method"]),
        by_story=_table(story_rows, [within or "story", by, "metric", "value", "n_articles"]),
        differences=differences, metrics=meta, notes=notes,
        actor_differences=actor_differences,
        role_differences=role_diffs,
    )


def _bounds(metrics: list[Metric]) -> np.ndarray:
    return np.array([m.bounds or (-np.inf, np.inf) for m in metrics], float).reshape(-1, 2)


def _difference_bounds(bounds: np.ndarray) -> np.ndarray:
    width = bounds[:, 1] - bounds[:, 0]
    return np.column_stack([-width, width])


def _clip(lo: np.ndarray, hi: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.clip(lo, bounds[:, 0], bounds[:, 1]), np.clip(hi, bounds[:, 0], bounds[:, 1])


def _methods(lo: np.ndarray, n: np.ndarray, min_sample: int) -> np.ndarray:
    how = np.full(lo.shape, None, dtype=object)
    ok = ~np.isnan(lo)
    how[ok & (n >= min_sample)] = "bootstrap"
    how[ok & (n < min_sample)] = "t"
    return how


def _table(parts: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """The parts of a result table, in order, with exactly ``columns``."""
    frames = [p for p in parts if len(p)]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return out if list(out.columns) == columns else out[columns]


def _boot_reps(mat: _Matrix, rows: slice, sums: np.ndarray) -> np.ndarray:
    """Resampled values from resampled sums of ``mat.basis``; none (NaN) where fewer than
    :data:`MIN_SUPPORT` articles contribute: one article cannot show how much it varies."""
    reps = mat.ratio(sums)
    reps[:, mat.support(rows) < MIN_SUPPORT] = np.nan
    return reps


def _value_interval(mat: _Matrix, rows: slice, reps: np.ndarray, confidence: float,
                    min_sample: int, bounds: np.ndarray):
    """Percentile bootstrap from ``min_sample`` contributing articles up, a t interval below."""
    m = mat.support(rows)
    lo, hi = np.full(mat.width, np.nan), np.full(mat.width, np.nan)
    boot = np.flatnonzero(m >= max(min_sample, MIN_SUPPORT))
    lo[boot], hi[boot] = _interval(reps[:, boot], confidence)
    small = np.flatnonzero((m >= MIN_SUPPORT) & (m < min_sample))
    if len(small):
        part = mat.basis[rows]
        tlo, thi, _ = _ratio_t_interval(part[:, mat.nidx[small]], part[:, mat.didx[small]],
                                        mat.scale[small], confidence)
        lo[small], hi[small] = tlo, thi
    lo, hi = _clip(lo, hi, bounds)
    return lo, hi, _methods(lo, m, min_sample)


def _sentence_interval(counts: np.ndarray, value: float, rng: np.random.Generator,
                       n_draws: int, confidence: float) -> tuple[float, float]:
    """Interval of a sentiment balance resting on one article: Jeffreys-Dirichlet draws of the
    positive / neutral / negative shares of its sentences (``counts``), widened to hold the
    value."""
    draws = rng.dirichlet(np.asarray(counts, float) + 0.5, size=max(n_draws, 1))
    lo, hi = np.quantile(draws[:, 0] - draws[:, 2], [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(min(lo, value)), float(max(hi, value))


def _paired_stats(d: np.ndarray, rng, n_boot: int, n_perm: int, confidence: float,
                  min_sample: int, bounds: np.ndarray) -> dict[str, np.ndarray]:
    """Mean within-story difference per column (NaN cells left out); bootstrap over stories
    (a t interval below ``min_sample`` stories); sign-flip permutation test with its floor.

    One draw of resampled stories and one of sign patterns serve every column.
    """
    k, width = d.shape
    mask = ~np.isnan(d)
    kcol = mask.sum(0)
    d0 = np.where(mask, d, 0.0)
    lo, hi = np.full(width, np.nan), np.full(width, np.nan)
    p = np.full(width, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        obs = np.where(kcol > 0, d0.sum(0) / np.maximum(kcol, 1), np.nan)
        boot = np.flatnonzero(kcol >= max(min_sample, MIN_SUPPORT))
        if len(boot):
            reps = _boot_means(rng, d0[:, boot], mask[:, boot], n_boot)
            lo[boot], hi[boot] = _interval(reps, confidence)
        small = np.flatnonzero((kcol >= MIN_SUPPORT) & (kcol < min_sample))
        if len(small):
            lo[small], hi[small] = _mean_t_interval(d[:, small], confidence)
        live = np.flatnonzero(kcol > 0)
        if len(live):
            signs, exact = _sign_patterns(rng, k, n_perm)  # few stories: every pattern, exact
            perm = (signs @ d0[:, live]) / kcol[live]
            p[live] = _p_value(perm, obs[live], exact)
    lo, hi = _clip(lo, hi, bounds)
    floor = np.where(np.isnan(p), np.nan, _p_floor_paired(kcol, n_perm))
    return {"difference": obs, "ci_low": lo, "ci_high": hi, "p_value": p,
            "n_stories": kcol, "ci_method": _methods(lo, kcol, min_sample),
            "p_floor": floor}


def _pooled_stats(mat: _Matrix, ra: slice, rb: slice, reps: np.ndarray, rng,
                  n_perm: int, confidence: float, min_sample: int,
                  bounds: np.ndarray) -> dict[str, np.ndarray]:
    """Difference of pooled values; independent bootstraps (a t interval below ``min_sample``
    contributing articles in either group); label-shuffle permutation test with its floor."""
    xa, xb = mat.basis[ra], mat.basis[rb]
    ta, tb = xa.sum(0), xb.sum(0)
    obs = mat.ratio(ta) - mat.ratio(tb)
    lo, hi = _interval(reps, confidence)
    va, sa, ma = _ratio_se(xa[:, mat.nidx], xa[:, mat.didx], mat.scale)
    vb, sb, mb = _ratio_se(xb[:, mat.nidx], xb[:, mat.didx], mat.scale)
    m = np.minimum(ma, mb)
    half = _t_quantile(confidence, m - 1) * np.sqrt(sa ** 2 + sb ** 2)
    small = (m >= MIN_SUPPORT) & (m < min_sample)
    lo, hi = _clip(np.where(small, obs - half, lo), np.where(small, obs + half, hi), bounds)
    pooled = np.vstack([xa, xb])
    n, na = len(pooled), len(xa)
    total = ta + tb
    perm = np.zeros((0, mat.width))
    if n_perm and na and n > na:
        step = max(1, RESAMPLE_BLOCK // n)
        parts = []
        for start in range(0, n_perm, step):
            c = min(step, n_perm - start)
            # a random set of len(a) articles per row: the first of a random order
            chosen = np.argpartition(rng.random((c, n)), na - 1, axis=1)[:, :na]
            assign = np.zeros((c, n))
            np.put_along_axis(assign, chosen, 1.0, axis=1)
            sums = assign @ pooled
            parts.append(mat.ratio(sums) - mat.ratio(total - sums))
        perm = np.vstack(parts)
    p = _p_value(perm, obs)
    floor = np.where(np.isnan(p), np.nan, _p_floor_pooled(na, n - na, n_perm))
    return {"difference": obs, "ci_low": lo, "ci_high": hi, "p_value": p,
            "n_stories": np.full(obs.shape, None, dtype=object),
            "ci_method": _methods(lo, m, min_sample), "p_floor": floor}


def _no_stats(n_pairs: int, width: int, pooled: bool) -> dict[str, np.ndarray]:
    """The statistics of ``n_pairs`` pairs x ``width`` columns before any is computed: what a
    pair without a shared story gets (no value, no interval, no p-value, no stories)."""
    nan = np.full((n_pairs, width), np.nan)
    return {"difference": nan, "ci_low": nan.copy(), "ci_high": nan.copy(),
            "p_value": nan.copy(), "p_floor": nan.copy(),
            "n_stories": (np.full((n_pairs, width), None, dtype=object) if pooled
                          else np.zeros((n_pairs, width), dtype=np.int64)),
            "ci_method": np.full((n_pairs, width), None, dtype=object)}


def _put_stats(out: dict[str, np.ndarray], p: int, stats: dict[str, np.ndarray],
               cols: slice = slice(None)) -> None:
    """Row ``p`` of ``out``: the columns ``cols`` of one pair's ``stats``."""
    for key, arr in out.items():
        arr[p] = np.asarray(stats[key])[cols]


def _labels(labels: Sequence[Any], codes: np.ndarray) -> Any:
    """``labels[codes]`` as pandas stores a column of those Python values (a ``str`` column
    for strings), taken from the few distinct labels rather than converted row by row."""
    base = pd.Series(np.array(list(labels), dtype=object)).array
    # 32-bit codes: the few labels fit, and the take over millions of rows is quicker
    codes = np.asarray(codes).astype(np.int32)
    if isinstance(base.dtype, pd.StringDtype) and base.dtype.storage == "pyarrow":
        try:  # pyarrow is there whenever pandas stores strings in it
            import pyarrow as pa
            import pyarrow.compute as pc
        except ImportError:  # pragma: no cover
            return base.take(codes)
        # the same take, its buffers from the system allocator: with pyarrow's default pool
        # the string buffers of millions of rows (by_story) cost system time over and again
        taken = pc.take(pa.array(base), codes, memory_pool=pa.system_memory_pool())
        return pd.array(taken, dtype=base.dtype)
    return base.take(codes)


def _codes(values: np.ndarray) -> Any:
    """A column of few distinct Python values (``None`` among them) through :func:`_labels`."""
    codes, uniques = pd.factorize(values)
    codes[codes < 0] = len(uniques)
    return _labels([*uniques.tolist(), None], codes)


def _pair_table(by: str, groups: list[str], pa: np.ndarray, pb: np.ndarray,
                stats: dict[str, np.ndarray], metric_names: list[str],
                actors: list[str] | None = None) -> pd.DataFrame:
    """The differences table: a row per pair and column of ``stats`` (with ``actors``, the
    columns are actor-major blocks of the metrics)."""
    columns = [f"{by}_a", f"{by}_b", *(["actor"] if actors is not None else []), "metric",
               *DIFF_STATS]
    n_pairs, width = stats["difference"].shape
    if n_pairs == 0 or width == 0:
        return pd.DataFrame(columns=columns)
    per_pair = np.arange(width)
    out: dict[str, Any] = {f"{by}_a": _labels(groups, np.repeat(pa, width)),
                           f"{by}_b": _labels(groups, np.repeat(pb, width))}
    if actors is not None:
        per_pair = per_pair % len(metric_names)
        out["actor"] = _labels(actors, np.tile(np.repeat(np.arange(len(actors)),
                                                         len(metric_names)), n_pairs))
    floor = stats["p_floor"].ravel()
    out.update({
        "metric": _labels(metric_names, np.tile(per_pair, n_pairs)),
        "difference": stats["difference"].ravel(), "ci_low": stats["ci_low"].ravel(),
        "ci_high": stats["ci_high"].ravel(), "p_value": stats["p_value"].ravel(),
        "n_stories": stats["n_stories"].ravel(), "ci_method": _codes(stats["ci_method"].ravel()),
        "p_floor": floor, "can_reach_05": floor <= ALPHA,
        "adjusted_p": np.full(len(floor), np.nan)})
    return pd.DataFrame(out)
