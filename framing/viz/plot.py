"""Plots of an analysis or a comparison, after seaborn's conventions.

Data first, keyword-only options, ``ax=None`` (the current Axes), and the Axes returned.
No function shows, saves or changes global style. matplotlib is imported when a plot is
drawn, not when :mod:`framing` is imported.

Each function takes the tidy table it plots, an :class:`~framing.Analysis` or a
:class:`~framing.analysis.Comparison` (the table it needs is taken from either):

=====================  =====================================================================
function               data
=====================  ==============================================================``actor_sentiment``    outlet x actor heatmap of sentiment balance: ``analysis.actors``, an
                       Analysis, ``cmp.by_actor`` or a Comparison
``voice_share``        share of each outlet's attributions per actor: ``analysis.actors``, an
                       Analysis, ``cmp.by_actor`` or a Comparison
``metric_intervals``   one metric, dots and intervals: ``cmp.by_group``, ``cmp.by_actor``
                       (rows labelled actor and outlet), ``cmp.differences`` or
                       ``cmp.actor_differences`` (rows labelled "a - b"), or a Comparison
``actor_intervals``    one actor metric, one row per actor, a dot and interval per outlet:
                       ``cmp.by_actor`` or a Comparison
``cue_stance``         cue stances by outlet, stacked shares: ``analysis.attributions``, an
                       Analysis, ``cmp.by_group`` or a Comparison
``evaluative_voice``   author vs quoted evaluative density: ``analysis.articles``, an
                       Analysis, ``cmp.by_group`` or a Comparison
=====================  =====================================================================
=======
=====================  ===========================================================
``actor_sentiment``    ``analysis.actors``: outlet x actor heatmap of sentiment balance
``voice_share``        ``analysis.actors``: share of each outlet's attributions per actor
``metric_intervals``   ``cmp.by_group`` (or a Comparison): one metric, dots and intervals
``cue_stance``         ``analysis.attributions``: cue stances by outlet, stacked shares
``evaluative_voice``   ``analysis.articles``: author vs quoted evaluative density
``frame_profile``      ``cmp.by_group`` (or a Comparison): frame shares by outlet, intervals
``role_shares``        ``role_shares(analysis)``: actors x outlets, share cast in each role
=====================  ===========================================================
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

from framing.analysis.compare import Comparison
from framing.analysis.tables import STANCES, Analysis

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["actor_sentiment", "voice_share", "metric_intervals", "actor_intervals",
           "cue_stance", "evaluative_voice", "frame_profile", "role_shares"]

Data: TypeAlias = pd.DataFrame | Analysis | Comparison

MISSING_COLUMNS = "{what} needs columns {needed}; got {present}"
NO_METRIC = "pass metric=...: the table holds several metrics ({available})"
UNKNOWN_METRIC = "metric {metric!r} is not in the table; available: {available}"
NO_DATA = "nothing to plot: the table is empty"

STANCE_COLORS = {"neutral": "#bdbdbd", "doubt": "#e6550d", "endorse": "#31a354",
                 "emotive": "#756bb1"}


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _dots(ax: Axes, y: Any, value: Any, low: Any, high: Any, color: str, *, ms: float,
          lw: float = 2.0, alpha: float | None = None, label: str | None = None) -> None:
    """Values as dots at heights ``y`` with their intervals as horizontal lines: the mark
    every interval plot of this module draws."""
    ax.hlines(y, low, high, color=color, lw=lw, alpha=alpha)
    ax.plot(value, y, "o", color=color, ms=ms, label=label)


def _labels(names) -> list[str]:
    """Names as one-line labels: control characters and line breaks (which no font draws)
    become a space."""
    return [_CONTROL.sub(" ", str(n)) for n in names]


def _plt():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise ImportError("framing.plot needs matplotlib: pip install matplotlib") from exc
    return plt


def _axes(ax: Axes | None) -> Axes:
    return _plt().gca() if ax is None else ax


def _table(data: Any, attr: str) -> pd.DataFrame:
    if isinstance(data, (Analysis, Comparison)):
        return getattr(data, attr)
    return data


def _metric_table(df: pd.DataFrame) -> bool:
    """Whether ``df`` is one of the long tables of a Comparison (a ``metric`` column)."""
    return "metric" in df.columns and ("value" in df.columns or "difference" in df.columns)


def _metric_values(df: pd.DataFrame, metric: str, index: list[str], what: str) -> pd.DataFrame:
    """The ``value`` of ``metric`` from a Comparison table, wide: ``index`` x nothing else."""
    _need(df, [*index, "metric", "value"], what)
    sub = df[df["metric"] == metric]
    if sub.empty:
        raise ValueError(UNKNOWN_METRIC.format(
            metric=metric, available=", ".join(dict.fromkeys(df["metric"]))))
    return sub


def _need(df: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        name, _, hint = what.partition(" (")
        msg = MISSING_COLUMNS.format(what=name, needed=", ".join(cols),
                                     present=", ".join(map(str, df.columns)))
        raise ValueError(msg + (f" ({hint}" if hint else ""))
    if df.empty:
        raise ValueError(NO_DATA)


def _top_actors(df: pd.DataFrame, actors: Sequence[str] | None, top: int) -> list[str]:
    if actors is not None:
        return list(actors)
    if "mentions" not in df.columns:  # a Comparison table: its order is most mentioned first
        return list(dict.fromkeys(df["actor"]))[:top]
    counts = df.groupby("actor")["mentions"].sum().reset_index()
    counts = counts.sort_values(["mentions", "actor"], ascending=[False, True])
    return counts["actor"].head(top).tolist()


def actor_sentiment(
    data: Data,
    *,
    actors: Sequence[str] | None = None,
    by: str = "outlet",
    top: int = 10,
    annot: bool = True,
    cmap: str = "RdBu",
    colorbar: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of the sentiment balance toward each actor in each outlet.

    The balance is (positive - negative) / all sentences with a sentiment toward the actor,
    pooled over the outlet's articles: -1 (all negative) to +1 (all positive). Cells
    without any sentiment-bearing sentence stay blank.

    Parameters
    ----------
    data : DataFrame, Analysis or Comparison
        ``analysis.actors`` (columns ``<by>``, ``actor``, ``positive``, ``neutral``,
        ``negative``, ``mentions``; cells are annotated with the number of sentences), or
        ``cmp.by_actor`` / a Comparison (its ``sentiment_balance`` rows; cells are annotated
        with the interval). The example draws the sample's gold annotations.
    actors : list of str, optional
        Columns, in this order; default the ``top`` most mentioned actors.
    by : str, default "outlet"
    annot : bool, default True
        Write the value (and the number of sentences, or the interval) in each cell.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.analysis import Analysis, document_from_record
    >>> from framing.datasets import load_sample_gold
    >>> gold = Analysis.from_documents(document_from_record(r) for r in load_sample_gold())
    >>> ax = framing.plot.actor_sentiment(gold, actors=["Russia", "Ukraine"])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Russia', 'Ukraine']
    >>> cmp = framing.compare(gold, n_boot=50, n_perm=50)
    >>> ax = framing.plot.actor_sentiment(cmp, actors=["Russia"], ax=matplotlib.pyplot.figure().gca())
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['Russia']
    """
    df = _table(data, "by_actor" if isinstance(data, Comparison) else "actors")
    if _metric_table(df):
        sub = _metric_values(df, "sentiment_balance", [by, "actor"], "actor_sentiment")
        names = _top_actors(sub, actors, top)
        sub = sub[sub["actor"].isin(names)]
        groups = sorted(df[by].dropna().astype(str).unique().tolist())
        wide = sub.pivot_table(index=by, columns="actor", values=["value", "ci_low", "ci_high"],
                               dropna=False, aggfunc="first")
        bal = wide["value"].reindex(index=groups, columns=names)
        lo = wide["ci_low"].reindex(index=groups, columns=names)
        hi = wide["ci_high"].reindex(index=groups, columns=names)

        def note(i: int, j: int) -> str:
            a, b = lo.iat[i, j], hi.iat[i, j]
            return "" if np.isnan(a) else f"\n[{a:+.2f}, {b:+.2f}]"
    else:
        _need(df, [by, "actor", "positive", "neutral", "negative", "mentions"],
              "actor_sentiment (or pass cmp.by_actor / a Comparison)")
        names = _top_actors(df, actors, top)
        sub = df[df["actor"].isin(names)]
        g = sub.groupby([by, "actor"])[["positive", "neutral", "negative"]].sum()
        n = g.sum(axis=1)
        bal = ((g["positive"] - g["negative"]) / n.where(n > 0)).unstack("actor")
        counts = n.unstack("actor")
        groups = sorted(df[by].dropna().unique().tolist())
        bal = bal.reindex(index=groups, columns=names)
        counts = counts.reindex(index=groups, columns=names).fillna(0)

        def note(i: int, j: int) -> str:
            return f"\n(n={int(counts.iat[i, j])})"
    ax = _axes(ax)
    im = ax.imshow(np.ma.masked_invalid(bal.to_numpy(float)), cmap=cmap, vmin=-1, vmax=1,
                   aspect="auto")
    ax.set_xticks(range(len(names)), labels=_labels(names), rotation=30, ha="right")
    ax.set_yticks(range(len(groups)), labels=_labels(groups))
    if annot:
        for i in range(len(groups)):
            for j in range(len(names)):
                v = bal.iat[i, j]
                if not np.isnan(v):
                    ax.text(j, i, f"{v:+.2f}{note(i, j)}", ha="center", va="center",
                            fontsize=8, color="white" if abs(v) > 0.6 else "black")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label="sentiment balance")
    ax.set_xlabel("actor")
    ax.set_ylabel(by)
    ax.set_title("Sentiment toward actors")
    return ax


def voice_share(
    data: Data,
    *,
    actors: Sequence[str] | None = None,
    by: str = "outlet",
    top: int = 8,
    ax: Axes | None = None,
) -> Axes:
    """Grouped bars: the share of each outlet's attributions whose source is each actor.

    Actors that no outlet gives a voice (no attribution at all) are left out, so the figure
    has no empty rows.

    Parameters
    ----------
    data : DataFrame, Analysis or Comparison
        ``analysis.actors`` (columns ``<by>``, ``actor``, ``attributions``, ``mentions``), or
        ``cmp.by_actor`` / a Comparison (its ``voice_share`` rows). When an Analysis or a
        Comparison is given, shares are over all of an outlet's attributions; with
        ``analysis.actors`` alone, over the attributions to actors in the table.
    actors : list of str, optional
        Default the ``top`` most mentioned actors.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.analysis import Analysis, document_from_record
    >>> from framing.datasets import load_sample_gold
    >>> gold = Analysis.from_documents(document_from_record(r) for r in load_sample_gold())
    >>> ax = framing.plot.voice_share(gold, actors=["Russia", "Ukraine"])
    >>> ax.get_xlabel()
    'share of attributions'
    """
    df = _table(data, "by_actor" if isinstance(data, Comparison) else "actors")
    if _metric_table(df):
        sub = _metric_values(df, "voice_share", [by, "actor"], "voice_share")
        names = _top_actors(sub, actors, top)
        groups = sorted(df[by].dropna().astype(str).unique().tolist())
        share = (sub[sub["actor"].isin(names)]
                 .pivot_table(index=by, columns="actor", values="value", aggfunc="first")
                 .reindex(index=groups, columns=names))
    else:
        _need(df, [by, "actor", "attributions", "mentions"],
              "voice_share (or pass cmp.by_actor / a Comparison)")
        names = _top_actors(df, actors, top)
        if isinstance(data, Analysis):
            totals = data.ok.groupby(by)["attributions"].sum()
        else:
            totals = df.groupby(by)["attributions"].sum()
        per = (df[df["actor"].isin(names)].groupby([by, "actor"])["attributions"].sum()
               .unstack("actor"))
        groups = sorted(totals.index.dropna().tolist())
        share = per.reindex(index=groups, columns=names).fillna(0).div(
            totals.reindex(groups).where(lambda s: s > 0), axis=0)
    heard = share.fillna(0).gt(0).any(axis=0)
    names = [a for a in names if bool(heard.get(a, False))]
    share = share[names]
    ax = _axes(ax)
    height = 0.8 / max(len(groups), 1)
    y = np.arange(len(names))
    for i, g in enumerate(groups):
        ax.barh(y + i * height, share.loc[g].to_numpy(float), height=height, label=_labels([g])[0])
    ax.set_yticks(y + height * (len(groups) - 1) / 2, labels=_labels(names))
    ax.invert_yaxis()
    ax.set_xlabel("share of attributions")
    ax.set_title("Who gets a voice")
    ax.legend(title=by, fontsize=8)
    return ax


def _row_labels(sub: pd.DataFrame, by: str) -> list[str]:
    """Row labels that name every row: actor and group, or "a - b" for differences."""
    if f"{by}_a" in sub.columns:
        base = (sub[f"{by}_a"].astype(str) + " \u2212 " + sub[f"{by}_b"].astype(str))
    else:
        base = sub[by].astype(str)
    if "actor" in sub.columns:
        base = sub["actor"].astype(str) + " \u00b7 " + base
    return base.tolist()


def metric_intervals(
    data: pd.DataFrame | Comparison,
    *,
    metric: str | None = None,
    by: str | None = None,
    label: str | None = None,
    actors: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Dot plot of one metric with its confidence interval, one row per group (or per actor
    and group, or per pair of groups).

    Parameters
    ----------
    data : DataFrame or Comparison
        ``cmp.by_group`` (columns ``<by>``, ``metric``, ``value``, ``ci_low``, ``ci_high``),
        ``cmp.by_actor`` (rows labelled "actor · outlet"), ``cmp.differences`` or
        ``cmp.actor_differences`` (rows labelled "a − b", a line at zero), or a Comparison
        (its ``by_group``).
    metric : str, optional
        Required when the table holds several metrics.
    by : str, optional
        The group column; default the Comparison's, else the first column of the table
        (``outlet_a`` names ``outlet``).
    label : str, optional
        Axis label; default the metric name.
    actors : list of str, optional
        With a per-actor table, the actors to draw (default all).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.datasets import load_sample
    >>> cmp = framing.compare(load_sample().analyze(progress=False), n_boot=100)
    >>> ax = framing.plot.metric_intervals(cmp, metric="hedges_per_1k")
    >>> len(ax.get_yticklabels())
    4
    """
    if isinstance(data, Comparison):
        by = by or data.by
    df = _table(data, "by_group")
    if by is None:
        first = str(df.columns[0])
        by = first[:-2] if first.endswith("_a") else first
    diff = "difference" in df.columns and "value" not in df.columns
    value_col = "difference" if diff else "value"
    keys = [f"{by}_a", f"{by}_b"] if diff else [by]
    _need(df, [*keys, "metric", value_col, "ci_low", "ci_high"], "metric_intervals")
    available = list(dict.fromkeys(df["metric"]))
    if metric is None:
        if len(available) > 1:
            raise ValueError(NO_METRIC.format(available=", ".join(available)))
        metric = available[0]
    if metric not in available:
        raise ValueError(UNKNOWN_METRIC.format(metric=metric, available=", ".join(available)))
    sub = df[df["metric"] == metric]
    order = ["actor", *keys] if "actor" in df.columns else keys
    if actors is not None and "actor" in df.columns:
        sub = sub[sub["actor"].isin(list(actors))]
    if sub.empty:
        raise ValueError(NO_DATA)
    sub = sub.sort_values(order, kind="stable")
    ax = _axes(ax)
    y = np.arange(len(sub))
    v = sub[value_col].to_numpy(float)
    lo = sub["ci_low"].to_numpy(float)
    hi = sub["ci_high"].to_numpy(float)
    if diff:
        ax.axvline(0, color="0.6", lw=1, ls="--")
    ax.hlines(y, lo, hi, color="0.4", lw=2)  # grey lines, blue dots: not _dots's one colour
    ax.plot(v, y, "o", color="C0", ms=7)
    ax.set_yticks(y, labels=_row_labels(sub, by))
    ax.invert_yaxis()
    name = label or metric
    ax.set_xlabel(f"difference in {name}" if diff else name)
    ax.set_ylabel(("actor \u00b7 " if "actor" in sub.columns else "") + by)
    ax.set_title(name)
    return ax


def actor_intervals(
    data: pd.DataFrame | Comparison,
    *,
    metric: str = "sentiment_balance",
    by: str | None = None,
    actors: Sequence[str] | None = None,
    top: int = 10,
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Per-actor intervals: one row per actor, a dot and its interval per outlet (colours,
    with a legend), so outlets can be compared actor by actor.

    Parameters
    ----------
    data : DataFrame or Comparison
        ``cmp.by_actor`` (columns ``<by>``, ``actor``, ``metric``, ``value``, ``ci_low``,
        ``ci_high``) or a Comparison.
    metric : str, default "sentiment_balance"
        An actor metric (``cmp.metrics`` with level "actor").
    actors : list of str, optional
        Rows, in this order; default the ``top`` most mentioned.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.analysis import Analysis, document_from_record
    >>> from framing.datasets import load_sample_gold
    >>> gold = Analysis.from_documents(document_from_record(r) for r in load_sample_gold())
    >>> cmp = framing.compare(gold, n_boot=50, n_perm=50)
    >>> ax = framing.plot.actor_intervals(cmp, actors=["Russia", "Ukraine"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Russia', 'Ukraine']
    >>> len(ax.get_legend().get_texts())
    4
    """
    if isinstance(data, Comparison):
        by = by or data.by
    df = _table(data, "by_actor")
    by = by or str(df.columns[0])
    _need(df, [by, "actor", "metric", "value", "ci_low", "ci_high"],
          "actor_intervals (pass cmp.by_actor or a Comparison)")
    sub = _metric_values(df, metric, [by, "actor"], "actor_intervals")
    names = _top_actors(sub, actors, top)
    sub = sub[sub["actor"].isin(names)]
    groups = sorted(sub[by].dropna().astype(str).unique().tolist())
    ax = _axes(ax)
    step = 0.8 / max(len(groups), 1)
    for i, g in enumerate(groups):
        rows = sub[sub[by].astype(str) == g].set_index("actor").reindex(names)
        y = np.arange(len(names)) + (i - (len(groups) - 1) / 2) * step
        color = f"C{i % 10}"
        _dots(ax, y, rows["value"].to_numpy(float), rows["ci_low"].to_numpy(float),
              rows["ci_high"].to_numpy(float), color, ms=6, alpha=0.7, label=g)
    ax.set_yticks(np.arange(len(names)), labels=names)
    ax.invert_yaxis()
    if metric == "sentiment_balance":
        ax.axvline(0, color="0.6", lw=1, ls="--")
    ax.set_xlabel(label or metric)
    ax.set_ylabel("actor")
    ax.set_title(label or metric)
    ax.legend(title=by, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def cue_stance(
    data: Data,
    *,
    by: str = "outlet",
    normalize: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Stacked bars of the cue stances (neutral, doubt, endorse, emotive) by outlet.

    Parameters
    ----------
    data : DataFrame, Analysis or Comparison
        ``analysis.attributions`` (columns ``<by>``, ``cue_stance``), or ``cmp.by_group`` /
        a Comparison (its ``<stance>_cue_share`` rows).
    normalize : bool, default True
        Shares of each outlet's attributions; ``False`` plots counts (attributions only).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.datasets import load_sample
    >>> ax = framing.plot.cue_stance(load_sample().analyze(progress=False))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['neutral', 'doubt', 'endorse', 'emotive']
    """
    df = _table(data, "by_group" if isinstance(data, Comparison) else "attributions")
    if _metric_table(df):  # a Comparison's by_group: the *_cue_share rows (shares only)
        _need(df, [by, "metric", "value"], "cue_stance")
        sub = df[df["metric"].isin([f"{s}_cue_share" for s in STANCES])]
        if sub.empty:
            raise ValueError(UNKNOWN_METRIC.format(
                metric="<stance>_cue_share", available=", ".join(dict.fromkeys(df["metric"]))))
        values = (sub.assign(cue_stance=sub["metric"].str.replace("_cue_share", "", regex=False))
                  .pivot_table(index=by, columns="cue_stance", values="value", aggfunc="first")
                  .reindex(columns=list(STANCES)).fillna(0).sort_index())
        normalize = True
    else:
        _need(df, [by, "cue_stance"], "cue_stance (or pass cmp.by_group / a Comparison)")
        counts = df.groupby([by, "cue_stance"]).size().unstack("cue_stance")
        counts = counts.reindex(columns=list(STANCES)).fillna(0).sort_index()
        values = counts.div(counts.sum(axis=1), axis=0) if normalize else counts
    ax = _axes(ax)
    left = np.zeros(len(values))
    y = np.arange(len(values))
    for s in STANCES:
        w = values[s].to_numpy(float)
        ax.barh(y, w, left=left, color=STANCE_COLORS[s], label=s)
        left += w
    ax.set_yticks(y, labels=_labels(values.index.astype(str).tolist()))
    ax.invert_yaxis()
    ax.set_xlabel("share of attributions" if normalize else "attributions")
    ax.set_title("How sources are introduced: cue stance")
    ax.legend(title="cue stance", fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def evaluative_voice(
    data: Data,
    *,
    by: str = "outlet",
    ax: Axes | None = None,
) -> Axes:
    """Author-voice vs quoted-voice evaluative density per outlet (a dumbbell plot).

    Density is evaluative words per 1,000 words of that voice, pooled over the outlet's
    articles. The outlet's own voice is what it says outside every quotation.

    Parameters
    ----------
    data : DataFrame, Analysis or Comparison
        ``analysis.articles`` (columns ``<by>``, ``evaluations_author``,
        ``evaluations_quoted``, ``words_author``, ``words_quoted``), or ``cmp.by_group`` /
        a Comparison (its ``evaluative_author_per_1k`` and ``evaluative_quoted_per_1k``
        rows).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.datasets import load_sample
    >>> ax = framing.plot.evaluative_voice(load_sample().analyze(progress=False))
    >>> ax.get_xlabel()
    'evaluative words per 1,000 words'
    """
    df = data.ok if isinstance(data, Analysis) else _table(data, "by_group")
    if _metric_table(df):  # a Comparison's by_group: the two evaluative metrics
        _need(df, [by, "metric", "value"], "evaluative_voice")
        sub = df[df["metric"].isin(["evaluative_author_per_1k", "evaluative_quoted_per_1k"])]
        if sub["metric"].nunique() < 2:
            raise ValueError(UNKNOWN_METRIC.format(
                metric="evaluative_author_per_1k and evaluative_quoted_per_1k",
                available=", ".join(dict.fromkeys(df["metric"]))))
        g = sub.pivot_table(index=by, columns="metric", values="value", aggfunc="first")
        g = g.sort_index()
        author, quoted = g["evaluative_author_per_1k"], g["evaluative_quoted_per_1k"]
    else:
        cols = ["evaluations_author", "evaluations_quoted", "words_author", "words_quoted"]
        _need(df, [by, *cols], "evaluative_voice (or pass cmp.by_group / a Comparison)")
        g = df.groupby(by)[cols].sum().sort_index()
        author = 1000 * g["evaluations_author"] / g["words_author"].where(g["words_author"] > 0)
        quoted = 1000 * g["evaluations_quoted"] / g["words_quoted"].where(g["words_quoted"] > 0)
    ax = _axes(ax)
    y = np.arange(len(g))
    ax.hlines(y, author.to_numpy(float), quoted.to_numpy(float), color="0.7", lw=2)
    ax.plot(author.to_numpy(float), y, "o", color="C3", label="author voice")
    ax.plot(quoted.to_numpy(float), y, "s", color="C0", label="quoted voice")
    ax.set_yticks(y, labels=_labels(g.index.astype(str).tolist()))
    ax.invert_yaxis()
    ax.set_xlabel("evaluative words per 1,000 words")
    ax.set_title("Evaluative language: the outlet's voice vs its sources'")
    ax.legend(fontsize=8)
    return ax


FRAME_PREFIX, FRAME_SUFFIX = "frame_", "_share"


def frame_profile(
    data: pd.DataFrame | Comparison,
    *,
    by: str | None = None,
    frames: Sequence[str] | None = None,
    min_share: float = 0.0,
    ax: Axes | None = None,
) -> Axes:
    """The frame profile of each group: the share of its sentences that carry each frame,
    with the confidence interval, one row per frame and one marker per group.

    Parameters
    ----------
    data : DataFrame or Comparison
        ``cmp.by_group`` (columns ``<by>``, ``metric``, ``value``, ``ci_low``, ``ci_high``);
        its ``frame_<label>_share`` metrics are drawn.
    by : str, optional
        The group column; default the first column of the table.
    frames : sequence of str, optional
        Frame labels to draw (default: every frame some group reaches ``min_share`` on).
    min_share : float, default 0
        Leave out frames whose share stays below this in every group.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.datasets import load_sample
    >>> cmp = framing.compare(load_sample().analyze(progress=False), n_boot=100)
    >>> from matplotlib.figure import Figure
    >>> ax = framing.plot.frame_profile(cmp, min_share=0.05, ax=Figure().add_subplot())
    >>> len(ax.get_legend().get_texts())
    4
    """
    df = _table(data, "by_group")
    by = by or str(df.columns[0])
    _need(df, [by, "metric", "value", "ci_low", "ci_high"], "frame_profile")
    df = df[df["metric"].str.startswith(FRAME_PREFIX) & df["metric"].str.endswith(FRAME_SUFFIX)].copy()
    if df.empty:
        raise ValueError("frame_profile needs the frame_<label>_share metrics of a comparison "
                         "(run the frames step and compare with the default metrics)")
    df["frame"] = df["metric"].str[len(FRAME_PREFIX):-len(FRAME_SUFFIX)]
    order = list(dict.fromkeys(df["frame"]))
    if frames is not None:
        order = [f for f in frames if f in set(order)]
    peak = df.groupby("frame")["value"].max()
    order = [f for f in order if peak.get(f, 0.0) >= min_share and peak.get(f, 0.0) > 0]
    if not order:
        raise ValueError(NO_DATA)
    groups = sorted(df[by].astype(str).unique())
    ax = _axes(ax)
    step = 0.8 / max(1, len(groups))
    for k, g in enumerate(groups):
        sub = df[df[by].astype(str) == g].set_index("frame").reindex(order)
        y = np.arange(len(order)) - 0.4 + step * (k + 0.5)
        _dots(ax, y, sub["value"].to_numpy(float), sub["ci_low"].to_numpy(float),
              sub["ci_high"].to_numpy(float), f"C{k % 10}", ms=5, lw=1.5, alpha=0.7, label=g)
    ax.set_yticks(np.arange(len(order)), labels=[f.replace("_", " ") for f in order])
    ax.invert_yaxis()
    ax.set_xlabel("share of sentences carrying the frame")
    ax.set_title("Frame profile")
    ax.legend(title=by, fontsize="small", loc="lower right")
    return ax


ROLE_COLORS = {"antagonist": "#d62728", "protagonist": "#2ca02c", "innocent": "#1f77b4"}


def role_shares(
    data: pd.DataFrame | Analysis,
    *,
    actors: Sequence[str] | None = None,
    top: int = 8,
    by: str = "outlet",
    ax: Axes | None = None,
) -> Axes:
    """Actors x outlets: the share of the outlet's articles mentioning the actor that cast it
    as antagonist, protagonist or innocent, each with its bootstrap interval.

    Parameters
    ----------
    data : DataFrame or Analysis
        The table of :func:`framing.analysis.role_shares` (columns ``<by>``, ``actor``,
        ``role``, ``share``, ``ci_low``, ``ci_high``, ``n_articles``), or an Analysis run
        with the ``roles`` step (its shares are computed with the default settings).
    actors : list of str, optional
        Default: the ``top`` actors scored in the most articles.
    by : str, default "outlet"

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import framing
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    >>> from matplotlib.figure import Figure
    >>> ax = framing.plot.role_shares(analysis, actors=["Russia", "Ukraine"], ax=Figure().add_subplot())
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['antagonist', 'protagonist', 'innocent']
    """
    if isinstance(data, Analysis):
        from framing.analysis.roles import role_shares as _shares

        data = _shares(data, by)
    df = data
    _need(df, [by, "actor", "role", "share", "ci_low", "ci_high", "n_articles"], "role_shares")
    if df.empty:
        raise ValueError(NO_DATA)
    if actors is None:
        n = df.drop_duplicates([by, "actor"]).groupby("actor")["n_articles"].sum()
        actors = n.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    sub = df[df["actor"].isin(actors)]
    if sub.empty:
        raise ValueError(NO_DATA)
    ax = _axes(ax)
    pairs = [(a, g) for a in actors for g in sorted(sub.loc[sub["actor"] == a, by].astype(str).unique())]
    roles = [r for r in ROLE_COLORS if r in set(sub["role"])]
    offsets = np.linspace(-0.25, 0.25, max(len(roles), 1))
    for j, role in enumerate(roles):
        cells = {(str(row["actor"]), str(row[by])): row
                 for row in sub[sub["role"] == role].to_dict("records")}
        ys, vs, los, his = [], [], [], []
        for i, key in enumerate(pairs):
            if key in cells:
                ys.append(i + offsets[j])
                vs.append(float(cells[key]["share"]))
                los.append(float(cells[key]["ci_low"]))
                his.append(float(cells[key]["ci_high"]))
        _dots(ax, ys, vs, los, his, ROLE_COLORS[role], ms=5, lw=1.5, alpha=0.7, label=role)
    ax.set_yticks(np.arange(len(pairs)), labels=[f"{a} | {g}" for a, g in pairs])
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("share of the outlet's articles mentioning the actor")
    ax.set_title("Roles by actor and outlet (95% intervals)")
    ax.legend(loc="best", fontsize="small")
    return ax
