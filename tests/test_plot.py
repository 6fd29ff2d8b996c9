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


@pytest.fixture(scope="module")
def gold_cmp(gold_analysis):
    return framing.compare(gold_analysis, n_boot=100, n_perm=100)


def test_actor_sentiment_on_a_comparison(gold_cmp):
    fig, ax = plt.subplots()
    plot.actor_sentiment(gold_cmp, actors=["Russia", "Ukraine"], ax=ax, colorbar=False)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Russia", "Ukraine"]
    outlets = [t.get_text() for t in ax.get_yticklabels()]
    assert outlets == gold_cmp.groups
    img = ax.get_images()[0].get_array()
    ba = gold_cmp.by_actor
    for i, g in enumerate(outlets):
        for j, a in enumerate(["Russia", "Ukraine"]):
            v = ba[(ba.outlet == g) & (ba.actor == a) & (ba.metric == "sentiment_balance")].value.iloc[0]
            assert (np.ma.is_masked(img[i, j]) and np.isnan(v)) or img[i, j] == pytest.approx(v)
    # cells carry their interval
    texts = [t.get_text() for t in ax.texts]
    assert any("[" in t for t in texts)
    # the same from the table
    fig2, ax2 = plt.subplots()
    plot.actor_sentiment(gold_cmp.by_actor, actors=["Russia"], ax=ax2, colorbar=False)
    assert [t.get_text() for t in ax2.get_xticklabels()] == ["Russia"]


def test_metric_intervals_names_actor_and_outlet(gold_cmp):
    fig, ax = plt.subplots()
    plot.metric_intervals(gold_cmp.by_actor, metric="sentiment_balance",
                          actors=["Russia", "Ukraine", "European Union"], ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 3 * 4 and len(set(labels)) == len(labels)  # no "FOX, FOX, FOX"
    assert labels[0] == "European Union \u00b7 Liberty Ledger"
    # the dots are the table's values, in the labels' order
    ba = gold_cmp.by_actor
    x = ax.lines[0].get_xdata()
    for lab, v in zip(labels, x):
        actor, outlet = lab.split(" \u00b7 ")
        exp = ba[(ba.actor == actor) & (ba.outlet == outlet) & (ba.metric == "sentiment_balance")].value.iloc[0]
        assert (np.isnan(v) and np.isnan(exp)) or v == pytest.approx(exp)


def test_metric_intervals_on_differences(gold_cmp):
    fig, ax = plt.subplots()
    plot.metric_intervals(gold_cmp.differences, metric="hedges_per_1k", ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 6 and all(" \u2212 " in t for t in labels)
    assert ax.get_xlabel() == "difference in hedges_per_1k"
    d = gold_cmp.differences
    first = d[(d.metric == "hedges_per_1k")].sort_values(["outlet_a", "outlet_b"]).iloc[0]
    assert ax.lines[-1].get_xdata()[0] == pytest.approx(first.difference)


def test_actor_intervals(gold_cmp):
    fig, ax = plt.subplots()
    plot.actor_intervals(gold_cmp, metric="sentiment_balance", actors=["Russia", "Ukraine"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "Ukraine"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == gold_cmp.groups
    ba = gold_cmp.by_actor
    dots = [ln for ln in ax.lines if ln.get_marker() == "o"]
    first = gold_cmp.groups[0]
    exp = ba[(ba.outlet == first) & (ba.actor == "Russia") & (ba.metric == "sentiment_balance")]
    assert dots[0].get_xdata()[0] == pytest.approx(exp.value.iloc[0])
    # intervals are real numbers (the sentence-level interval of a one-article balance)
    seg = ax.collections[0].get_segments()[0]
    assert np.isfinite(seg).all()
    with pytest.raises(ValueError, match="actor_intervals"):
        plot.actor_intervals(gold_cmp.by_group)


def test_every_plot_takes_a_comparison(gold_cmp):
    for fn in (plot.actor_sentiment, plot.voice_share, plot.metric_intervals,
               plot.actor_intervals, plot.cue_stance, plot.evaluative_voice):
        fig, ax = plt.subplots()
        kw = {"metric": "anonymous_share"} if fn is plot.metric_intervals else {}
        assert fn(gold_cmp, ax=ax, **kw) is ax
        assert ax.get_title()
    # cue stances from the comparison are its shares
    fig, ax = plt.subplots()
    plot.cue_stance(gold_cmp, ax=ax)
    bg = gold_cmp.by_group
    first = gold_cmp.groups[0]
    exp = bg[(bg.outlet == first) & (bg.metric == "neutral_cue_share")].value.iloc[0]
    assert ax.patches[0].get_width() == pytest.approx(exp)


def test_voice_share_leaves_out_voiceless_actors(gold_analysis):
    t = gold_analysis.actors
    silent = t.groupby("actor")["attributions"].sum()
    silent = silent[silent == 0].index.tolist()
    assert silent, "the sample has actors that are never quoted"
    fig, ax = plt.subplots()
    plot.voice_share(gold_analysis, actors=["Russia", silent[0], "Ukraine"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "Ukraine"]


def test_signatures_are_type_hinted():
    import inspect

    for name in plot.__all__:
        sig = inspect.signature(getattr(plot, name))
        assert sig.return_annotation is not inspect.Signature.empty, name
        assert all(p.annotation is not inspect.Parameter.empty
                   for p in sig.parameters.values()), name
