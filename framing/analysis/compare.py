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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.analysis.roles import role_differences
from framing.analysis.statistics import (
    MIN_SAMPLE,
    _interval,
    _mean_t_interval,
    _p_floor_paired,
    _p_floor_pooled,
    _p_value,
    _ratio,
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
    _ACTOR_COUNTS,
    _column,
    _resolve,
)
from framing.analysis.tables import STANCES, STATUS_OK, Analysis

__all__ = ["Comparison", "Metric", "ARTICLE_METRICS", "ACTOR_METRICS", "MIN_SAMPLE", "compare"]

UNKNOWN_METRIC = "unknown metric {name!r}; available: {available}"
UNKNOWN_FIELD = "cannot group by {field!r}: not a column of analysis.articles ({present})"
NOT_AN_ANALYSIS = "compare() takes an Analysis (from corpus.analyze()), got {type}"
BAD_CONFIDENCE = "confidence must be between 0 and 1, got {value!r}"
NONE_ANALYSED = ("none of the {n} articles was analysed successfully (first reason: {reason}); "
                 "see analysis.errors")
NO_ARTICLES = "no analysed article has a value for {field!r}: nothing to compare"

class _Matrix:
    """Numerators and denominators of several metrics over the same rows (articles)."""

    def __init__(self, num: np.ndarray, den: np.ndarray, scale: np.ndarray):
        self.num, self.den, self.scale = num, den, scale

    def value(self, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        return _ratio(self.num[rows].sum(0), self.den[rows].sum(0), self.scale)

    def boot(self, weights: np.ndarray, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
        reps = _ratio(weights @ self.num[rows], weights @ self.den[rows], self.scale)
        # one article alone cannot show how much the value varies: no interval
        reps[:, (self.den[rows] > 0).sum(0) < MIN_SUPPORT] = np.nan
        return reps


def _article_matrix(arts: pd.DataFrame, metrics: list[Metric]) -> _Matrix:
    pairs = [m.values(arts) for m in metrics]
    num = np.column_stack([p[0] for p in pairs]) if pairs else np.zeros((len(arts), 0))
    den = np.column_stack([p[1] for p in pairs]) if pairs else np.zeros((len(arts), 0))
    return _Matrix(num, den, np.array([m.scale for m in metrics], float))


def _actor_matrix(arts: pd.DataFrame, actors_table: pd.DataFrame, names: list[str],
                  metrics: list[Metric]) -> _Matrix:
    """Rows: articles; columns: actor-major blocks of the actor metrics (zeros filled)."""
    n, k = len(arts), len(metrics)
    num = np.zeros((n, len(names) * k))
    den = np.zeros((n, len(names) * k))
    pos = {d: i for i, d in enumerate(arts["doc"].to_numpy())}
    sub = actors_table[actors_table["actor"].isin(names) & actors_table["doc"].isin(pos)]
    base = pd.DataFrame({
        "doc": arts["doc"].to_numpy(),
        "article_attributions": pd.to_numeric(arts["attributions"]).to_numpy(),
        "article_words_quoted": pd.to_numeric(arts["words_quoted"]).to_numpy(),
    })
    for a, name in enumerate(names):
        rows = sub[sub["actor"] == name].groupby("doc")[_ACTOR_COUNTS].sum(min_count=1)
        t = base.join(rows, on="doc")
        for c in _ACTOR_COUNTS:
            if c not in ("agent", "patient"):
                t[c] = t[c].fillna(0)
        for j, m in enumerate(metrics):
            num[:, a * k + j], den[:, a * k + j] = m.values(t)
    scale = np.tile(np.array([m.scale for m in metrics], float), len(names))
    return _Matrix(num, den, scale)


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
    labels = arts[by].astype(str).to_numpy()
    docs = arts["doc"].to_numpy()
    amat = _article_matrix(arts, art_metrics)
    abounds = _bounds(art_metrics)

    # actors: the most mentioned unless named
    table = analysis.actors
    if actors is None:
        ok_docs = set(arts["doc"].tolist())
        counts = (table[table["doc"].isin(ok_docs)].groupby("actor")["mentions"].sum()
                  .reset_index().sort_values(["mentions", "actor"], ascending=[False, True]))
        names = counts.loc[counts["mentions"] > 0, "actor"].head(max_actors).tolist()
    else:
        names = list(actors)
    k = len(act_metrics)
    xmat = _actor_matrix(arts, table, names, act_metrics)
    xbounds = np.tile(_bounds(act_metrics), (len(names), 1))
    mentioning = (table[table["mentions"] > 0].groupby(["doc", "actor"]).size()
                  .reset_index()[["doc", "actor"]])
    mentioned_in: dict[Any, set] = {}
    for d, a in zip(mentioning["doc"], mentioning["actor"]):
        mentioned_in.setdefault(d, set()).add(a)
    balance = [j for j, m in enumerate(act_metrics) if m.name == "sentiment_balance"]
    senti: dict[tuple[Any, str], np.ndarray] = {}
    if balance and names:
        sub = table[table["actor"].isin(names)]
        cnt = sub[["positive", "neutral", "negative"]].apply(pd.to_numeric).fillna(0)
        for d, a, row in zip(sub["doc"], sub["actor"], cnt.to_numpy(float)):
            senti[(d, a)] = senti.get((d, a), 0) + row

    def boot_weights(n: int) -> np.ndarray:
        return rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)

    def interval(mat: _Matrix, rows: np.ndarray, reps: np.ndarray, bounds: np.ndarray):
        return _value_interval(mat, rows, reps, confidence, min_sample, bounds)

    # overall and by group, with bootstrap over articles
    overall_rows: list[dict[str, Any]] = []
    group_rows: list[dict[str, Any]] = []
    actor_rows: list[dict[str, Any]] = []
    group_boot: dict[str, np.ndarray] = {}
    actor_boot: dict[str, np.ndarray] = {}
    for g in [None, *groups]:
        rows = np.arange(len(arts)) if g is None else np.flatnonzero(labels == g)
        w = boot_weights(len(rows))
        value, reps = amat.value(rows), amat.boot(w, rows)
        lo, hi, how = interval(amat, rows, reps, abounds)
        if g is not None:
            group_boot[g] = reps
        for j, m in enumerate(art_metrics):
            rec = {"metric": m.name, "value": value[j], "ci_low": lo[j], "ci_high": hi[j],
                   "n_articles": len(rows), "ci_method": how[j]}
            (overall_rows if g is None else group_rows).append(
                rec if g is None else {by: g, **rec})
        if g is None or not names:
            continue
        xv, xr = xmat.value(rows), xmat.boot(w, rows)
        actor_boot[g] = xr
        xlo, xhi, xhow = interval(xmat, rows, xr, xbounds)
        docs_g = set(docs[rows].tolist())
        for a, name in enumerate(names):
            n_ment = sum(name in mentioned_in.get(d, ()) for d in docs_g)
            for j in balance:  # one article: the uncertainty of its sentence counts
                c = a * k + j
                if xhow[c] is None and not np.isnan(xv[c]):
                    # starts from np.zeros(3), so always an array; asarray tells the type checker
                    counts = np.asarray(sum((senti.get((d, name), 0) for d in docs_g), np.zeros(3)))
                    xlo[c], xhi[c] = _sentence_interval(counts, xv[c], rng, n_boot, confidence)
                    xhow[c] = "sentences"
            for j, m in enumerate(act_metrics):
                c = a * k + j
                actor_rows.append({by: g, "actor": name, "metric": m.name, "value": xv[c],
                                   "ci_low": xlo[c], "ci_high": xhi[c],
                                   "n_articles": len(rows), "n_mentioning": n_ment,
                                   "ci_method": xhow[c]})

    # by story and the differences
    story_rows, diff_rows, actor_diff_rows = [], [], []
    dbounds = _difference_bounds(abounds)
    xdbounds = _difference_bounds(xbounds)
    pairs = [(ga, gb) for ia, ga in enumerate(groups) for gb in groups[ia + 1:]]
    if within is not None:
        cells: dict[tuple[str, str], np.ndarray] = {}
        xcells: dict[tuple[str, str], np.ndarray] = {}
        stories = sorted(arts[within].dropna().astype(str).unique().tolist())
        slabels = arts[within].astype(str).where(arts[within].notna(), None).to_numpy()
        for s in stories:
            for g in groups:
                rows = np.flatnonzero((slabels == s) & (labels == g))
                if not len(rows):
                    continue
                cells[(s, g)] = amat.value(rows)
                for j, m in enumerate(art_metrics):
                    story_rows.append({within: s, by: g, "metric": m.name,
                                       "value": cells[(s, g)][j], "n_articles": len(rows)})
                if names:
                    xc = xmat.value(rows)
                    here = set().union(*(mentioned_in.get(d, set()) for d in docs[rows]))
                    for a, name in enumerate(names):
                        if name not in here:  # the actor is not in this cell: no value
                            xc[a * k:(a + 1) * k] = np.nan
                    xcells[(s, g)] = xc
        for ga, gb in pairs:
            shared = [s for s in stories if (s, ga) in cells and (s, gb) in cells]
            d = (np.array([cells[(s, ga)] - cells[(s, gb)] for s in shared])
                 if shared else np.zeros((0, len(art_metrics))))
            stats = _paired_stats(d, rng, n_boot, n_perm, confidence, min_sample, dbounds)
            diff_rows += _diff_records({f"{by}_a": ga, f"{by}_b": gb},
                                       [m.name for m in art_metrics], None, stats)
            if names:
                xd = (np.array([xcells[(s, ga)] - xcells[(s, gb)] for s in shared])
                      if shared else np.zeros((0, len(names) * k)))
                xstats = _paired_stats(xd, rng, n_boot, n_perm, confidence, min_sample,
                                       xdbounds)
                actor_diff_rows += _diff_records({f"{by}_a": ga, f"{by}_b": gb},
                                                 [m.name for m in act_metrics], names, xstats)
    else:
        for ga, gb in pairs:
            ra, rb = np.flatnonzero(labels == ga), np.flatnonzero(labels == gb)
            stats = _pooled_stats(amat, ra, rb, group_boot[ga] - group_boot[gb], rng, n_perm,
                                  confidence, min_sample, dbounds)
            diff_rows += _diff_records({f"{by}_a": ga, f"{by}_b": gb},
                                       [m.name for m in art_metrics], None, stats)
            if names:
                xstats = _pooled_stats(xmat, ra, rb, actor_boot[ga] - actor_boot[gb], rng,
                                       n_perm, confidence, min_sample, xdbounds)
                actor_diff_rows += _diff_records({f"{by}_a": ga, f"{by}_b": gb},
                                                 [m.name for m in act_metrics], names, xstats)

    role_diffs = None
    if within is not None and names and "role" in table.columns and table["role"].notna().any():
        role_diffs = role_differences(analysis, by, within, actors=names, n_boot=n_boot,
                                      n_perm=n_perm, confidence=confidence,
                                      random_state=random_state)
    gcols = [by, "metric", "value", "ci_low", "ci_high", "n_articles", "ci_method"]
    meta = pd.DataFrame([{"metric": m.name, "level": m.level, "label": m.label or m.name,
                          "description": m.description, "scale": m.scale}
                         for m in [*art_metrics, *act_metrics]],
                        columns=["metric", "level", "label", "description", "scale"])
    differences = pd.DataFrame(diff_rows, columns=[f"{by}_a", f"{by}_b", "metric", *DIFF_STATS])
    differences["adjusted_p"] = adjust_p(differences["p_value"].to_numpy(float), p_adjust)
    actor_differences = pd.DataFrame(actor_diff_rows, columns=[
        f"{by}_a", f"{by}_b", "actor", "metric", *DIFF_STATS])
    actor_differences["adjusted_p"] = adjust_p(actor_differences["p_value"].to_numpy(float),
                                               p_adjust)
    return Comparison(
        by=by, within=within,
        parameters={"by": by, "within": within, "n_boot": n_boot, "n_perm": n_perm,
                    "confidence": confidence, "random_state": random_state,
                    "actors": names, "p_adjust": p_adjust, "min_sample": min_sample,
                    "alpha": ALPHA},
        overall=pd.DataFrame(overall_rows, columns=gcols[1:]),
        by_group=pd.DataFrame(group_rows, columns=gcols),
        by_actor=pd.DataFrame(actor_rows, columns=[by, "actor", *gcols[1:6], "n_mentioning",
                                                   "ci_method"]),
        by_story=pd.DataFrame(story_rows,
                              columns=[within or "story", by, "metric", "value", "n_articles"]),
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


def _value_interval(mat: _Matrix, rows: np.ndarray, reps: np.ndarray, confidence: float,
                    min_sample: int, bounds: np.ndarray):
    """Percentile bootstrap from ``min_sample`` contributing articles up, a t interval below."""
    lo, hi = _interval(reps, confidence)
    tlo, thi, m = _ratio_t_interval(mat.num[rows], mat.den[rows], mat.scale, confidence)
    small = (m >= MIN_SUPPORT) & (m < min_sample)
    lo, hi = np.where(small, tlo, lo), np.where(small, thi, hi)
    lo[m < MIN_SUPPORT] = np.nan
    hi[m < MIN_SUPPORT] = np.nan
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
    """Mean within-story difference per column; bootstrap over stories (a t interval below
    ``min_sample`` stories); sign-flip permutation test with its floor."""
    k = d.shape[0]
    mask = ~np.isnan(d)
    kcol = mask.sum(0)
    d0 = np.where(mask, d, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        obs = np.where(kcol > 0, d0.sum(0) / kcol, np.nan)
        if k:
            w = rng.multinomial(k, np.full(k, 1.0 / k), size=n_boot).astype(float)
            cnt = w @ mask
            reps = np.where(cnt > 0, (w @ d0) / cnt, np.nan)
            reps[:, kcol < MIN_SUPPORT] = np.nan  # one story: no interval
            exact = 2 ** k <= n_perm
            if exact:  # few stories: every sign pattern, an exact test
                signs = 1.0 - 2.0 * ((np.arange(2 ** k)[:, None] >> np.arange(k)) & 1)
            else:
                signs = rng.choice([-1.0, 1.0], size=(n_perm, k))
            perm = np.where(kcol > 0, (signs @ d0) / kcol, np.nan)
        else:
            reps = np.zeros((0, d.shape[1]))
            perm = np.zeros((0, d.shape[1]))
            exact = False
    lo, hi = _interval(reps, confidence)
    tlo, thi = _mean_t_interval(d, confidence) if k else (lo, hi)
    small = (kcol >= MIN_SUPPORT) & (kcol < min_sample)
    lo, hi = _clip(np.where(small, tlo, lo), np.where(small, thi, hi), bounds)
    p = _p_value(perm, obs, exact)
    floor = np.where(np.isnan(p), np.nan, _p_floor_paired(kcol, n_perm))
    return {"difference": obs, "ci_low": lo, "ci_high": hi, "p_value": p,
            "n_stories": kcol.astype(object), "ci_method": _methods(lo, kcol, min_sample),
            "p_floor": floor}


def _pooled_stats(mat: _Matrix, ra: np.ndarray, rb: np.ndarray, reps: np.ndarray, rng,
                  n_perm: int, confidence: float, min_sample: int,
                  bounds: np.ndarray) -> dict[str, np.ndarray]:
    """Difference of pooled values; independent bootstraps (a t interval below ``min_sample``
    contributing articles in either group); label-shuffle permutation test with its floor."""
    obs = mat.value(ra) - mat.value(rb)
    lo, hi = _interval(reps, confidence)
    va, sa, ma = _ratio_se(mat.num[ra], mat.den[ra], mat.scale)
    vb, sb, mb = _ratio_se(mat.num[rb], mat.den[rb], mat.scale)
    m = np.minimum(ma, mb)
    half = _t_quantile(confidence, m - 1) * np.sqrt(sa ** 2 + sb ** 2)
    small = (m >= MIN_SUPPORT) & (m < min_sample)
    lo, hi = _clip(np.where(small, obs - half, lo), np.where(small, obs + half, hi), bounds)
    pooled = np.concatenate([ra, rb])
    assign = np.zeros((n_perm, len(pooled)))
    for i in range(n_perm):
        assign[i, rng.permutation(len(pooled))[:len(ra)]] = 1.0
    num, den = mat.num[pooled], mat.den[pooled]
    perm = (_ratio(assign @ num, assign @ den, mat.scale)
            - _ratio((1 - assign) @ num, (1 - assign) @ den, mat.scale))
    p = _p_value(perm, obs)
    floor = np.where(np.isnan(p), np.nan, _p_floor_pooled(len(ra), len(rb), n_perm))
    return {"difference": obs, "ci_low": lo, "ci_high": hi, "p_value": p,
            "n_stories": np.full(obs.shape, None, dtype=object),
            "ci_method": _methods(lo, m, min_sample), "p_floor": floor}


def _diff_records(head: dict[str, str], metric_names: list[str], actors: list[str] | None,
                  stats: dict[str, np.ndarray]) -> list[dict[str, Any]]:
    """Rows of a differences table; with ``actors``, columns are actor-major blocks."""
    out = []
    for a, actor in enumerate(actors if actors is not None else [None]):
        for j, name in enumerate(metric_names):
            c = a * len(metric_names) + j
            n = stats["n_stories"][c]
            floor = stats["p_floor"][c]
            rec = {**head, **({"actor": actor} if actors is not None else {}), "metric": name,
                   "difference": stats["difference"][c], "ci_low": stats["ci_low"][c],
                   "ci_high": stats["ci_high"][c], "p_value": stats["p_value"][c],
                   "n_stories": None if n is None else int(n),
                   "ci_method": stats["ci_method"][c], "p_floor": floor,
                   "can_reach_05": bool(floor <= ALPHA), "adjusted_p": np.nan}
            out.append(rec)
    return out
