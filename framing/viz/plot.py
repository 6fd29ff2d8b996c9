"""Plots of an analysis or a comparison, after seaborn's conventions.

Data first, keyword-only options, ``ax=None`` (the current Axes), and the Axes returned.
No function shows, saves or changes global style. matplotlib is imported when a plot is
drawn, not when :mod:`framing` is imported.

Each function takes the tidy table it plots (an :class:`~framing.Analysis` is accepted
wherever one of its tables is meant):

=====================  ===========================================================
function               data
=====================  ===========================================================
``actor_sentiment``    ``analysis.actors``: outlet x actor heatmap of sentiment balance
``voice_share``        ``analysis.actors``: share of each outlet's attributions per actor
``metric_intervals``   ``cmp.by_group`` (or a Comparison): one metric, dots and intervals
``cue_stance``         ``analysis.attributions``: cue stances by outlet, stacked shares
``evaluative_voice``   ``analysis.articles``: author vs quoted evaluative density
=====================  ===========================================================
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from framing.analysis.tables import STANCES, Analysis

__all__ = ["actor_sentiment", "voice_share", "metric_intervals", "cue_stance",
           "evaluative_voice"]

MISSING_COLUMNS = "{what} needs columns {needed}; got {present}"
NO_METRIC = "pass metric=...: the table holds several metrics ({available})"
UNKNOWN_METRIC = "metric {metric!r} is not in the table; available: {available}"
NO_DATA = "nothing to plot: the table is empty"

STANCE_COLORS = {"neutral": "#bdbdbd", "doubt": "#e6550d", "endorse": "#31a354",
                 "emotive": "#756bb1"}


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


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


def _axes(ax):
    return _plt().gca() if ax is None else ax


def _table(data: Any, attr: str) -> pd.DataFrame:
    if isinstance(data, Analysis):
        return getattr(data, attr)
    if hasattr(data, "by_group") and attr == "by_group":
        return data.by_group
    return data


def _need(df: pd.DataFrame, cols: Sequence[str], what: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(MISSING_COLUMNS.format(what=what, needed=", ".join(cols),
                                                present=", ".join(map(str, df.columns))))
    if df.empty:
        raise ValueError(NO_DATA)


def _top_actors(df: pd.DataFrame, actors: Sequence[str] | None, top: int) -> list[str]:
    if actors is not None:
        return list(actors)
    counts = df.groupby("actor")["mentions"].sum().reset_index()
    counts = counts.sort_values(["mentions", "actor"], ascending=[False, True])
    return counts["actor"].head(top).tolist()


def actor_sentiment(
    data: pd.DataFrame | Analysis,
    *,
    actors: Sequence[str] | None = None,
    by: str = "outlet",
    top: int = 10,
    annot: bool = True,
    cmap: str = "RdBu",
    colorbar: bool = True,
    ax=None,
):
    """Heatmap of the sentiment balance toward each actor in each outlet.

    The balance is (positive - negative) / all sentences with a sentiment toward the actor,
    pooled over the outlet's articles: -1 (all negative) to +1 (all positive). Cells
    without any sentiment-bearing sentence stay blank.

    Parameters
    ----------
    data : DataFrame or Analysis
        ``analysis.actors`` (columns ``<by>``, ``actor``, ``positive``, ``neutral``,
        ``negative``, ``mentions``). The example draws the sample's gold annotations.
    actors : list of str, optional
        Columns, in this order; default the ``top`` most mentioned actors.
    by : str, default "outlet"
    annot : bool, default True
        Write the value (and the number of sentences) in each cell.
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
    """
    df = _table(data, "actors")
    _need(df, [by, "actor", "positive", "neutral", "negative", "mentions"], "actor_sentiment")
    names = _top_actors(df, actors, top)
    sub = df[df["actor"].isin(names)]
    g = sub.groupby([by, "actor"])[["positive", "neutral", "negative"]].sum()
    n = g.sum(axis=1)
    bal = ((g["positive"] - g["negative"]) / n.where(n > 0)).unstack("actor")
    counts = n.unstack("actor")
    groups = sorted(df[by].dropna().unique().tolist())
    bal = bal.reindex(index=groups, columns=names)
    counts = counts.reindex(index=groups, columns=names).fillna(0)
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
                    ax.text(j, i, f"{v:+.2f}\n(n={int(counts.iat[i, j])})", ha="center",
                            va="center", fontsize=8, color="white" if abs(v) > 0.6 else "black")
    if colorbar:
        ax.figure.colorbar(im, ax=ax, label="sentiment balance")
    ax.set_xlabel("actor")
    ax.set_ylabel(by)
    ax.set_title("Sentiment toward actors")
    return ax


def voice_share(
    data: pd.DataFrame | Analysis,
    *,
    actors: Sequence[str] | None = None,
    by: str = "outlet",
    top: int = 8,
    ax=None,
):
    """Grouped bars: the share of each outlet's attributions whose source is each actor.

    Parameters
    ----------
    data : DataFrame or Analysis
        ``analysis.actors`` (columns ``<by>``, ``actor``, ``attributions``, ``mentions``).
        When an Analysis is given, shares are over all of an outlet's attributions;
        with a table alone, over the attributions to actors in the table.
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
    df = _table(data, "actors")
    _need(df, [by, "actor", "attributions", "mentions"], "voice_share")
    names = _top_actors(df, actors, top)
    if isinstance(data, Analysis):
        ok = data.ok
        totals = ok.groupby(by)["attributions"].sum()
    else:
        totals = df.groupby(by)["attributions"].sum()
    per = df[df["actor"].isin(names)].groupby([by, "actor"])["attributions"].sum().unstack("actor")
    groups = sorted(totals.index.dropna().tolist())
    share = per.reindex(index=groups, columns=names).fillna(0).div(
        totals.reindex(groups).where(lambda s: s > 0), axis=0)
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


def metric_intervals(
    data: pd.DataFrame,
    *,
    metric: str | None = None,
    by: str | None = None,
    label: str | None = None,
    ax=None,
):
    """Dot plot of one metric by group with its confidence interval.

    Parameters
    ----------
    data : DataFrame or Comparison
        ``cmp.by_group`` (columns ``<by>``, ``metric``, ``value``, ``ci_low``, ``ci_high``).
    metric : str, optional
        Required when the table holds several metrics.
    by : str, optional
        The group column; default the first column of the table.
    label : str, optional
        Axis label; default the metric name.

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
    df = _table(data, "by_group")
    by = by or str(df.columns[0])
    _need(df, [by, "metric", "value", "ci_low", "ci_high"], "metric_intervals")
    available = list(dict.fromkeys(df["metric"]))
    if metric is None:
        if len(available) > 1:
            raise ValueError(NO_METRIC.format(available=", ".join(available)))
        metric = available[0]
    if metric not in available:
        raise ValueError(UNKNOWN_METRIC.format(metric=metric, available=", ".join(available)))
    sub = df[df["metric"] == metric].sort_values(by)
    ax = _axes(ax)
    y = np.arange(len(sub))
    v = sub["value"].to_numpy(float)
    lo = sub["ci_low"].to_numpy(float)
    hi = sub["ci_high"].to_numpy(float)
    ax.hlines(y, lo, hi, color="0.4", lw=2)
    ax.plot(v, y, "o", color="C0", ms=7)
    ax.set_yticks(y, labels=_labels(sub[by].astype(str).tolist()))
    ax.invert_yaxis()
    ax.set_xlabel(label or metric)
    ax.set_ylabel(by)
    ax.set_title(label or metric)
    return ax


def cue_stance(
    data: pd.DataFrame | Analysis,
    *,
    by: str = "outlet",
    normalize: bool = True,
    ax=None,
):
    """Stacked bars of the cue stances (neutral, doubt, endorse, emotive) by outlet.

    Parameters
    ----------
    data : DataFrame or Analysis
        ``analysis.attributions`` (columns ``<by>``, ``cue_stance``).
    normalize : bool, default True
        Shares of each outlet's attributions; ``False`` plots counts.

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
    df = _table(data, "attributions")
    _need(df, [by, "cue_stance"], "cue_stance")
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
    data: pd.DataFrame | Analysis,
    *,
    by: str = "outlet",
    ax=None,
):
    """Author-voice vs quoted-voice evaluative density per outlet (a dumbbell plot).

    Density is evaluative words per 1,000 words of that voice, pooled over the outlet's
    articles. The outlet's own voice is what it says outside every quotation.

    Parameters
    ----------
    data : DataFrame or Analysis
        ``analysis.articles`` (columns ``<by>``, ``evaluations_author``,
        ``evaluations_quoted``, ``words_author``, ``words_quoted``).

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
    df = data.ok if isinstance(data, Analysis) else data
    cols = ["evaluations_author", "evaluations_quoted", "words_author", "words_quoted"]
    _need(df, [by, *cols], "evaluative_voice")
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
