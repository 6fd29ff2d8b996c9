"""Plots land in the Axes given, draw the numbers of the table, and touch no global state."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.analysis import Analysis, document_from_record  # noqa: E402


@pytest.fixture(scope="module")
def gold_analysis(sample_gold):
    return Analysis.from_documents([document_from_record(r) for r in sample_gold])


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_actor_sentiment_values(gold_analysis):
    fig, ax = plt.subplots()
    rc = dict(matplotlib.rcParams)
    out = plot.actor_sentiment(gold_analysis, actors=["Russia", "Ukraine"], ax=ax)
    assert out is ax
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Russia", "Ukraine"]
    assert [t.get_text() for t in ax.get_yticklabels()] == sorted(gold_analysis.articles.outlet.unique())
    img = ax.get_images()[0].get_array()
    t = gold_analysis.actors
    sub = t[(t.outlet == "The Daily Beacon") & (t.actor == "Russia")]
    expected = (sub.positive.sum() - sub.negative.sum()) / sub[["positive", "neutral", "negative"]].sum().sum()
    row = [t.get_text() for t in ax.get_yticklabels()].index("The Daily Beacon")
    assert img[row, 0] == pytest.approx(expected)
    assert dict(matplotlib.rcParams) == rc


def test_voice_share_sums(gold_analysis):
    fig, ax = plt.subplots()
    plot.voice_share(gold_analysis, actors=["Russia", "Ukraine"], ax=ax)
    widths = [p.get_width() for p in ax.patches]
    assert len(widths) == 4 * 2
    assert all(0 <= w <= 1 for w in widths)
    # first outlet's bars: its attributions to each actor over all its attributions
    ok = gold_analysis.ok
    first = sorted(ok.outlet.unique())[0]
    total = ok[ok.outlet == first].attributions.sum()
    t = gold_analysis.actors
    n = t[(t.outlet == first) & (t.actor == "Russia")].attributions.sum()
    assert widths[0] == pytest.approx(n / total)


def test_metric_intervals(gold_analysis):
    cmp = framing.compare(gold_analysis, n_boot=50, n_perm=10)
    fig, ax = plt.subplots()
    plot.metric_intervals(cmp.by_outlet, metric="anonymous_share", ax=ax)
    xs = ax.lines[0].get_xdata()
    expected = cmp.by_outlet[cmp.by_outlet.metric == "anonymous_share"].sort_values("outlet")["value"]
    np.testing.assert_allclose(xs, expected.to_numpy())
    segs = ax.collections[0].get_segments()
    low = cmp.by_outlet[cmp.by_outlet.metric == "anonymous_share"].sort_values("outlet")["ci_low"]
    np.testing.assert_allclose([s[0][0] for s in segs], low.to_numpy())
    with pytest.raises(ValueError) as e:
        plot.metric_intervals(cmp.by_outlet, ax=ax)
    assert str(e.value).startswith(plot.NO_METRIC.split("(")[0])


def test_cue_stance_shares(gold_analysis):
    fig, ax = plt.subplots()
    plot.cue_stance(gold_analysis, ax=ax)
    n_outlets = gold_analysis.attributions.outlet.nunique()
    assert len(ax.patches) == 4 * n_outlets
    # each outlet's stacked shares add up to one
    totals = np.zeros(n_outlets)
    for i, p in enumerate(ax.patches):
        totals[i % n_outlets] += p.get_width()
    np.testing.assert_allclose(totals, 1.0)


def test_evaluative_voice(gold_analysis):
    fig, ax = plt.subplots()
    plot.evaluative_voice(gold_analysis, ax=ax)
    arts = gold_analysis.ok
    g = arts.groupby("outlet")[["evaluations_author", "words_author"]].sum().sort_index()
    np.testing.assert_allclose(ax.lines[0].get_xdata(),
                               1000 * g.evaluations_author / g.words_author)


def test_default_axes_and_bad_input(gold_analysis):
    fig = plt.figure()
    ax = plot.cue_stance(gold_analysis.attributions)
    assert ax.figure is fig
    with pytest.raises(ValueError) as e:
        plot.evaluative_voice(pd.DataFrame({"outlet": ["x"]}))
    assert "evaluative_voice needs columns" in str(e.value)
