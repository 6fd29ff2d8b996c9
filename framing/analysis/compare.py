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

from framing.analysis.statistics import _interval, _p_value, _ratio
from framing.analysis.tables import STANCES, STATUS_OK, Analysis

__all__ = ["Comparison", "Metric", "ARTICLE_METRICS", "ACTOR_METRICS", "compare"]

UNKNOWN_METRIC = "unknown metric {name!r}; available: {available}"
UNKNOWN_FIELD = "cannot group by {field!r}: not a column of analysis.articles ({present})"
NOT_AN_ANALYSIS = "compare() takes an Analysis (from corpus.analyze()), got {type}"
BAD_CONFIDENCE = "confidence must be between 0 and 1, got {value!r}"
NONE_ANALYSED = ("none of the {n} articles was analysed successfully (first reason: {reason}); "
                 "see analysis.errors")
NO_ARTICLES = "no analysed article has a value for {field!r}: nothing to compare"

Column = str | Callable[[pd.DataFrame], Any]

#: Articles that must contribute to a metric's denominator for an interval to be given.
MIN_SUPPORT = 2


@dataclass(frozen=True)
class Metric:
    """A metric: ``scale * sum(numerator) / sum(denominator)`` over a group's articles.

    Parameters
    ----------
    name : str
        Stable column value in every result table.
    numerator, denominator : str or callable
        A column of the article table (or article x actor table for ``level="actor"``), or
        a function of that table returning one value per row. ``denominator=None`` counts
        articles.
    scale : float
        1000 for rates per 1,000 words, 1 for shares.
    level : {"article", "actor"}
    label, description : str
        For tables, plots and the report's methods section.
    """

    name: str
    numerator: Column
    denominator: Column | None
    scale: float = 1.0
    level: str = "article"
    label: str = ""
    description: str = ""

    def values(self, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Per-row numerator and denominator arrays."""
        return _column(table, self.numerator), (
            np.ones(len(table)) if self.denominator is None else _column(table, self.denominator)
        )


def _column(table: pd.DataFrame, col: Column) -> np.ndarray:
    values = col(table) if callable(col) else table[col]
    return np.asarray(pd.to_numeric(pd.Series(values), errors="coerce").fillna(0.0), float)


def _per_1k(name: str, count: str, label: str, desc: str, words: str = "words") -> Metric:
    return Metric(name, count, words, 1000.0, "article", label, desc)


ARTICLE_METRICS: dict[str, Metric] = {m.name: m for m in [
    _per_1k("hedges_per_1k", "hedges", "Hedges per 1,000 words",
            "Hedge cues (epistemic modals, verbs, adverbs, phrases) per 1,000 words."),
    _per_1k("boosters_per_1k", "boosters", "Boosters per 1,000 words",
            "Booster cues (clearly, certainly, in fact, ...) per 1,000 words."),
    _per_1k("vague_per_1k", "vague", "Vague attribution per 1,000 words",
            "Unnamed or collective sources (some say, critics argue, ...) per 1,000 words."),
    _per_1k("attributions_per_1k", "attributions", "Attributions per 1,000 words",
            "Reported speech and thought (direct, indirect, mixed, according to) per 1,000 words."),
    Metric("direct_share", "kind_direct", "attributions", 1.0, "article", "Direct quotes",
           "Share of attributions whose content is entirely inside quotation marks."),
    Metric("indirect_share", "kind_indirect", "attributions", 1.0, "article", "Indirect speech",
           "Share of attributions reported without quotation marks."),
    Metric("mixed_share", "kind_mixed", "attributions", 1.0, "article", "Mixed quotes",
           "Share of attributions of indirect content holding a partial quotation."),
    Metric("according_to_share", "kind_according_to", "attributions", 1.0, "article",
           "According to", "Share of attributions of kind 'according to' / 'citing'."),
    Metric("anonymous_share", "anonymous", "attributions", 1.0, "article", "Anonymous sources",
           "Share of attributions whose source is unnamed or vague."),
    *[Metric(f"{s}_cue_share", f"stance_{s}", "attributions", 1.0, "article",
             f"{s.capitalize()} cues", f"Share of attributions reported with a {s} cue.")
      for s in STANCES],
    Metric("quoted_share", "words_quoted", "words", 1.0, "article", "Quoted share of text",
           "Share of the words that stand inside some attribution's content."),
    _per_1k("evaluative_author_per_1k", "evaluations_author",
            "Evaluative words per 1,000 author words",
            "Evaluative words in the outlet's own voice per 1,000 words outside quotations.",
            words="words_author"),
    _per_1k("evaluative_quoted_per_1k", "evaluations_quoted",
            "Evaluative words per 1,000 quoted words",
            "Evaluative words in quoted voice per 1,000 words inside attributions' content.",
            words="words_quoted"),
]}

ACTOR_METRICS: dict[str, Metric] = {m.name: m for m in [
    Metric("mentions", "mentions", None, 1.0, "actor", "Mentions per article",
           "Mentions of the actor per article of the group (articles that do not mention "
           "it count as zero)."),
    Metric("voice_share", "attributions", "article_attributions", 1.0, "actor", "Voice share",
           "Share of all attributions whose source is the actor."),
    Metric("quoted_words_share", "quoted_words", "article_words_quoted", 1.0, "actor",
           "Quoted-words share", "Share of the quoted words that the actor speaks."),
    Metric("quoted_words", "quoted_words", None, 1.0, "actor", "Quoted words per article",
           "Words attributed to the actor per article of the group."),
    *[Metric(f"{s}_cue_share", f"stance_{s}", "attributions", 1.0, "actor",
             f"{s.capitalize()} cues", f"Share of the actor's attributions with a {s} cue.")
      for s in STANCES],
    Metric("sentiment_balance", lambda t: t["positive"] - t["negative"],
           lambda t: t["positive"] + t["neutral"] + t["negative"], 1.0, "actor",
           "Sentiment balance",
           "(positive - negative) / all sentences with a sentiment toward the actor, in [-1, 1]."),
    Metric("agency", "agent", lambda t: t["agent"].fillna(0) + t["patient"].fillna(0), 1.0,
           "actor", "Agency",
           "Share of the actor's mentions as agent (subject of an active verb) among agent "
           "and patient mentions."),
]}

_ACTOR_COUNTS = ["mentions", "attributions", "quoted_words", *[f"stance_{s}" for s in STANCES],
                 "positive", "neutral", "negative", "agent", "patient"]


def _resolve(metrics: Sequence[str | Metric] | None, table: dict[str, Metric]) -> list[Metric]:
    if metrics is None:
        return list(table.values())
    out = []
    for m in metrics:
        if isinstance(m, Metric):
            out.append(m)
        elif m in table:
            out.append(table[m])
        else:
            raise ValueError(UNKNOWN_METRIC.format(name=m, available=", ".join(table)))
    return out


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
        ``metric, value, ci_low, ci_high, n_articles``.
    by_group : DataFrame
        ``<by>, metric, value, ci_low, ci_high, n_articles``.
    by_actor : DataFrame
        ``<by>, actor, metric, value, ci_low, ci_high, n_articles, n_mentioning``.
    by_story : DataFrame
        ``<within>, <by>, metric, value, n_articles`` (empty without ``within``).
    differences : DataFrame
        ``<by>_a, <by>_b, metric, difference, ci_low, ci_high, p_value, n_stories``:
        ``a`` minus ``b``, within stories when ``within`` is set.
    metrics : DataFrame
        ``metric, level, label, description, scale``: what each metric means.
    notes : list of str
        What the comparison had to leave out, and why.
    """

    def __init__(self, *, by: str, within: str | None, parameters: dict[str, Any],
                 overall: pd.DataFrame, by_group: pd.DataFrame, by_actor: pd.DataFrame,
                 by_story: pd.DataFrame, differences: pd.DataFrame, metrics: pd.DataFrame,
                 notes: list[str]):
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

    def __getattr__(self, name: str) -> pd.DataFrame:
        if not name.startswith("__") and name == f"by_{self.__dict__.get('by')}":
            return self.by_group
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __repr__(self) -> str:
        groups = self.by_group[self.by].nunique() if len(self.by_group) else 0
        return (f"Comparison(by={self.by!r}, within={self.within!r}, {groups} groups, "
                f"{self.metrics.shape[0]} metrics)")

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
               ("metrics", "overall", "by_group", "by_actor", "by_story", "differences")},
        }


def json_records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Records of a DataFrame with NaN as ``None`` and numpy scalars as Python values."""
    out = []
    for row in df.to_dict("records"):
        clean = {}
        for k, v in row.items():
            if isinstance(v, (np.floating, float)):
                v = None if np.isnan(v) else float(v)
            elif isinstance(v, np.integer):
                v = int(v)
            elif isinstance(v, np.bool_):
                v = bool(v)
            elif v is pd.NA:
                v = None
            clean[str(k)] = v
        out.append(clean)
    return out


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
    ['outlet', 'metric', 'value', 'ci_low', 'ci_high', 'n_articles']
    >>> list(cmp.differences.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['outlet_a', 'outlet_b', 'metric', 'difference', 'ci_low', 'ci_high', 'p_value',
     'n_stories']
    """
    if not isinstance(analysis, Analysis):
        raise TypeError(NOT_AN_ANALYSIS.format(type=type(analysis).__name__))
    if not 0 < confidence < 1:
        raise ValueError(BAD_CONFIDENCE.format(value=confidence))
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
        notes.append(f"{int(missing.sum())} article(s) left out: no {by!r} value.")
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
    amat = _article_matrix(arts, art_metrics)

    # actors: the most mentioned unless named
    table = analysis.actors
    if actors is None:
        ok_docs = set(arts["doc"].tolist())
        counts = (table[table["doc"].isin(ok_docs)].groupby("actor")["mentions"].sum()
                  .reset_index().sort_values(["mentions", "actor"], ascending=[False, True]))
        names = counts.loc[counts["mentions"] > 0, "actor"].head(max_actors).tolist()
    else:
        names = list(actors)
    xmat = _actor_matrix(arts, table, names, act_metrics)
    mentioning = (table[table["mentions"] > 0].groupby(["doc", "actor"]).size()
                  .reset_index()[["doc", "actor"]])

    # overall and by group, with bootstrap over articles
    def boot_weights(n: int) -> np.ndarray:
        return rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)

    overall_rows: list[dict[str, Any]] = []
    group_rows: list[dict[str, Any]] = []
    actor_rows: list[dict[str, Any]] = []
    group_boot: dict[str, np.ndarray] = {}
    for g in [None, *groups]:
        rows = np.arange(len(arts)) if g is None else np.flatnonzero(labels == g)
        w = boot_weights(len(rows))
        value, reps = amat.value(rows), amat.boot(w, rows)
        lo, hi = _interval(reps, confidence)
        if g is not None:
            group_boot[g] = reps
        for j, m in enumerate(art_metrics):
            rec = {"metric": m.name, "value": value[j], "ci_low": lo[j], "ci_high": hi[j],
                   "n_articles": len(rows)}
            (overall_rows if g is None else group_rows).append(
                rec if g is None else {by: g, **rec})
        if g is None or not names:
            continue
        xv, xr = xmat.value(rows), xmat.boot(w, rows)
        xlo, xhi = _interval(xr, confidence)
        docs_g = set(arts["doc"].to_numpy()[rows].tolist())
        k = len(act_metrics)
        for a, name in enumerate(names):
            n_ment = int(((mentioning["actor"] == name) & mentioning["doc"].isin(docs_g)).sum())
            for j, m in enumerate(act_metrics):
                c = a * k + j
                actor_rows.append({by: g, "actor": name, "metric": m.name, "value": xv[c],
                                   "ci_low": xlo[c], "ci_high": xhi[c],
                                   "n_articles": len(rows), "n_mentioning": n_ment})

    # by story and the differences
    story_rows, diff_rows = [], []
    if within is not None:
        cells: dict[tuple[str, str], np.ndarray] = {}
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
        for ia, ga in enumerate(groups):
            for gb in groups[ia + 1:]:
                shared = [s for s in stories if (s, ga) in cells and (s, gb) in cells]
                d = (np.array([cells[(s, ga)] - cells[(s, gb)] for s in shared])
                     if shared else np.zeros((0, len(art_metrics))))
                diff_rows += _paired_rows(by, ga, gb, d, art_metrics, rng, n_boot, n_perm,
                                          confidence)
    else:
        for ia, ga in enumerate(groups):
            for gb in groups[ia + 1:]:
                diff_rows += _pooled_rows(by, ga, gb, amat, labels, group_boot, art_metrics,
                                          rng, n_perm, confidence)

    gcols = [by, "metric", "value", "ci_low", "ci_high", "n_articles"]
    meta = pd.DataFrame([{"metric": m.name, "level": m.level, "label": m.label or m.name,
                          "description": m.description, "scale": m.scale}
                         for m in [*art_metrics, *act_metrics]],
                        columns=["metric", "level", "label", "description", "scale"])
    return Comparison(
        by=by, within=within,
        parameters={"by": by, "within": within, "n_boot": n_boot, "n_perm": n_perm,
                    "confidence": confidence, "random_state": random_state,
                    "actors": names},
        overall=pd.DataFrame(overall_rows, columns=gcols[1:]),
        by_group=pd.DataFrame(group_rows, columns=gcols),
        by_actor=pd.DataFrame(actor_rows, columns=[by, "actor", *gcols[1:], "n_mentioning"]),
        by_story=pd.DataFrame(story_rows,
                              columns=[within or "story", by, "metric", "value", "n_articles"]),
        differences=pd.DataFrame(diff_rows, columns=[
            f"{by}_a", f"{by}_b", "metric", "difference", "ci_low", "ci_high", "p_value",
            "n_stories"]),
        metrics=meta, notes=notes,
    )


def _paired_rows(by, ga, gb, d, metrics, rng, n_boot, n_perm, confidence) -> list[dict]:
    """Mean within-story difference; bootstrap over stories; sign-flip permutation test."""
    k = d.shape[0]
    mask = ~np.isnan(d)
    d0 = np.where(mask, d, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        obs = np.where(mask.sum(0) > 0, d0.sum(0) / mask.sum(0), np.nan)
        if k:
            w = rng.multinomial(k, np.full(k, 1.0 / k), size=n_boot).astype(float)
            cnt = w @ mask
            reps = np.where(cnt > 0, (w @ d0) / cnt, np.nan)
            reps[:, mask.sum(0) < MIN_SUPPORT] = np.nan  # one story: no interval
            exact = 2 ** k <= n_perm
            if exact:  # few stories: every sign pattern, an exact test
                signs = 1.0 - 2.0 * ((np.arange(2 ** k)[:, None] >> np.arange(k)) & 1)
            else:
                signs = rng.choice([-1.0, 1.0], size=(n_perm, k))
            perm = np.where(mask.sum(0) > 0, (signs @ d0) / mask.sum(0), np.nan)
        else:
            reps = np.zeros((0, d.shape[1]))
            perm = np.zeros((0, d.shape[1]))
            exact = False
    lo, hi = _interval(reps, confidence)
    p = _p_value(perm, obs, exact)
    return [{f"{by}_a": ga, f"{by}_b": gb, "metric": m.name, "difference": obs[j],
             "ci_low": lo[j], "ci_high": hi[j], "p_value": p[j], "n_stories": int(mask[:, j].sum())}
            for j, m in enumerate(metrics)]


def _pooled_rows(by, ga, gb, amat, labels, group_boot, metrics, rng, n_perm,
                 confidence) -> list[dict]:
    """Difference of pooled values; independent bootstraps; label-shuffle permutation test."""
    ra, rb = np.flatnonzero(labels == ga), np.flatnonzero(labels == gb)
    obs = amat.value(ra) - amat.value(rb)
    reps = group_boot[ga] - group_boot[gb]
    lo, hi = _interval(reps, confidence)
    pooled = np.concatenate([ra, rb])
    assign = np.zeros((n_perm, len(pooled)))
    for i in range(n_perm):
        assign[i, rng.permutation(len(pooled))[:len(ra)]] = 1.0
    num, den = amat.num[pooled], amat.den[pooled]
    perm = (_ratio(assign @ num, assign @ den, amat.scale)
            - _ratio((1 - assign) @ num, (1 - assign) @ den, amat.scale))
    p = _p_value(perm, obs)
    return [{f"{by}_a": ga, f"{by}_b": gb, "metric": m.name, "difference": obs[j],
             "ci_low": lo[j], "ci_high": hi[j], "p_value": p[j], "n_stories": None}
            for j, m in enumerate(metrics)]
