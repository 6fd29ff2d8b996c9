"""Outlet comparison: values are ratios of sums, intervals are seeded, tests are sound."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing import Document
from framing.records import ActorSentiment, Attribution, Cue, Mention, Span
from framing.analysis import Analysis
from framing.analysis.compare import (
    ARTICLE_METRICS,
    NOT_AN_ANALYSIS,
    UNKNOWN_FIELD,
    UNKNOWN_METRIC,
    compare,
)


def article(n_hedges: int, n_words: int, *, outlet: str, story: str | None,
            quoted_by: str | None = None, sentiment: str | None = None) -> Document:
    """``n_words`` words, the first ``n_hedges`` of them hedges ("may").

    With ``quoted_by``, the last four words are the content of an attribution to that actor
    ("Lavrov said x y z w" style), and with ``sentiment`` a sentence carries that label.
    """
    words = ["may"] * n_hedges + ["rain"] * (n_words - n_hedges)
    text = " ".join(words) + "."
    doc = Document(text, outlet=outlet, story=story)
    doc.hedges = [Cue(Span(4 * i, 4 * i + 3), "may", "hedge", "epistemic_modal")
                  for i in range(n_hedges)]
    if quoted_by:
        end = len(text) - 1
        start = text.rindex(" ", 0, text.rindex(" ", 0, text.rindex(" ", 0, text.rindex(" ", 0, end)))) + 1
        doc.attributions = [Attribution("indirect", None, Span(0, 3), Span(start, end),
                                        actor=quoted_by)]
        doc.mentions = [Mention(Span(start, start + 4), "rain", quoted_by)]
        if sentiment:
            doc.actor_sentiment = [ActorSentiment(Span(0, len(text)), quoted_by, sentiment)]
    return doc


def two_outlets(n_stories: int = 6) -> Analysis:
    docs = []
    for s in range(n_stories):
        docs.append(article(3, 100, outlet="A", story=f"s{s}", quoted_by="Kim", sentiment="negative"))
        docs.append(article(1, 50, outlet="B", story=f"s{s}", quoted_by="Kim", sentiment="positive"))
        docs.append(article(0, 40, outlet="B", story=f"s{s}"))
    return Analysis.from_documents(docs)


def _get(df: pd.DataFrame, **eq) -> pd.Series:
    mask = np.ones(len(df), bool)
    for k, v in eq.items():
        mask &= (df[k] == v).to_numpy()
    assert mask.sum() == 1, eq
    return df[mask].iloc[0]


def test_values_are_ratios_of_sums():
    a = two_outlets()
    cmp = compare(a, n_boot=200, n_perm=200)
    row = _get(cmp.by_outlet, outlet="B", metric="hedges_per_1k")
    arts = a.articles[a.articles["outlet"] == "B"]
    assert row["value"] == pytest.approx(1000 * arts["hedges"].sum() / arts["words"].sum())
    assert row["value"] == pytest.approx(1000 * 6 / (6 * 90))
    assert row["n_articles"] == 12
    # B's articles differ in hedge rate, so its interval has width and holds the value
    assert row["ci_low"] < row["value"] < row["ci_high"]
    # A's articles are identical: the bootstrap has no spread
    a_row = _get(cmp.by_outlet, outlet="A", metric="hedges_per_1k")
    assert a_row["ci_low"] == a_row["value"] == a_row["ci_high"] == pytest.approx(30.0)
    overall = _get(cmp.overall, metric="hedges_per_1k")
    assert overall["value"] == pytest.approx(1000 * 24 / (6 * 190))


def test_within_story_difference_and_exact_test():
    cmp = compare(two_outlets(n_stories=6), n_boot=200, n_perm=1000)
    d = _get(cmp.differences, outlet_a="A", outlet_b="B", metric="hedges_per_1k")
    assert d["difference"] == pytest.approx(30.0 - 1000 / 90)
    assert d["n_stories"] == 6
    # the same sign in all six stories: the exact sign-flip test gives 2 / 2**6
    assert d["p_value"] == pytest.approx(2 / 64)
    # no spread between stories: the story bootstrap has none either
    assert d["ci_low"] == pytest.approx(d["difference"]) == d["ci_high"]
    # a metric on which the outlets agree is not significant
    same = _get(cmp.differences, outlet_a="A", outlet_b="B", metric="boosters_per_1k")
    assert same["difference"] == 0 and same["p_value"] == 1.0
    story = _get(cmp.by_story, story="s0", outlet="B", metric="hedges_per_1k")
    assert story["n_articles"] == 2


def test_pooled_when_no_story():
    docs = [article(2, 20, outlet="A", story=None) for _ in range(8)]
    docs += [article(0, 20, outlet="B", story=None) for _ in range(8)]
    cmp = compare(Analysis.from_documents(docs), n_boot=100, n_perm=500)
    assert cmp.within is None
    assert any("pooled" in n for n in cmp.notes)
    d = _get(cmp.differences, outlet_a="A", outlet_b="B", metric="hedges_per_1k")
    assert d["difference"] == pytest.approx(100.0)
    # only 1 in C(16, 8) = 12870 label shuffles is as extreme on each side
    assert d["p_value"] < 0.01


def test_actor_metrics():
    cmp = compare(two_outlets(), n_boot=100, n_perm=100)
    assert set(cmp.by_actor["actor"]) == {"Kim"}
    voice = _get(cmp.by_actor, outlet="B", actor="Kim", metric="voice_share")
    assert voice["value"] == 1.0  # every attribution in B is Kim's
    assert voice["n_mentioning"] == 6 and voice["n_articles"] == 12
    mentions = _get(cmp.by_actor, outlet="B", actor="Kim", metric="mentions")
    assert mentions["value"] == 0.5  # one mention in half of B's articles
    assert mentions["ci_low"] < 0.5 < mentions["ci_high"]
    assert _get(cmp.by_actor, outlet="A", actor="Kim", metric="sentiment_balance")["value"] == -1
    assert _get(cmp.by_actor, outlet="B", actor="Kim", metric="sentiment_balance")["value"] == 1
    quoted = _get(cmp.by_actor, outlet="A", actor="Kim", metric="quoted_words")
    assert quoted["value"] == 4
    # no agency counts were given: undefined, not zero
    assert np.isnan(_get(cmp.by_actor, outlet="A", actor="Kim", metric="agency")["value"])


def test_seeded(sample_gold):
    from framing.analysis import document_from_record

    a = Analysis.from_documents([document_from_record(r) for r in sample_gold])
    one = compare(a, n_boot=100, n_perm=100, random_state=1)
    two = compare(a, n_boot=100, n_perm=100, random_state=1)
    other = compare(a, n_boot=100, n_perm=100, random_state=2)
    pd.testing.assert_frame_equal(one.by_group, two.by_group)
    pd.testing.assert_frame_equal(one.by_actor, two.by_actor)
    assert not one.by_group["ci_low"].equals(other.by_group["ci_low"])


def test_no_interval_from_a_single_article():
    docs = [article(2, 20, outlet="A", story="s1", quoted_by="Kim", sentiment="negative"),
            article(1, 20, outlet="A", story="s2"),
            article(0, 20, outlet="B", story="s1")]
    cmp = compare(Analysis.from_documents(docs), n_boot=100, n_perm=100)
    # A's hedge rate rests on two articles: an interval; B's on one: none
    a = _get(cmp.by_outlet, outlet="A", metric="hedges_per_1k")
    assert a["ci_low"] < a["value"] < a["ci_high"]
    b = _get(cmp.by_outlet, outlet="B", metric="hedges_per_1k")
    assert b["value"] == 0 and np.isnan(b["ci_low"]) and np.isnan(b["ci_high"])
    # Kim's sentiment in A comes from one article: a value, but no interval
    s = _get(cmp.by_actor, outlet="A", actor="Kim", metric="sentiment_balance")
    assert s["value"] == -1 and np.isnan(s["ci_low"])
    # the outlets share one story: a difference, but no interval
    d = _get(cmp.differences, outlet_a="A", outlet_b="B", metric="hedges_per_1k")
    assert d["difference"] == pytest.approx(100.0) and np.isnan(d["ci_low"])


def test_failed_articles_are_left_out_with_a_note():
    docs = [article(1, 10, outlet="A", story="s"), article(1, 10, outlet="B", story="s")]
    a = Analysis.from_documents(docs, errors={1: "ValueError: bad"})
    cmp = compare(a, n_boot=10, n_perm=10)
    assert cmp.groups == ["A"]
    assert any("1 article(s) left out" in n for n in cmp.notes)


def test_errors():
    a = two_outlets(2)
    with pytest.raises(ValueError) as e:
        compare(a, metrics=["nope"])
    assert str(e.value) == UNKNOWN_METRIC.format(name="nope", available=", ".join(ARTICLE_METRICS))
    with pytest.raises(ValueError) as e:
        compare(a, by="leaning")
    assert str(e.value).startswith(UNKNOWN_FIELD.format(field="leaning", present="")[:30])
    with pytest.raises(TypeError) as e:
        compare(a.articles)
    assert str(e.value) == NOT_AN_ANALYSIS.format(type="DataFrame")


def test_tables_and_views(sample_gold):
    from framing.analysis import document_from_record

    a = Analysis.from_documents([document_from_record(r) for r in sample_gold])
    cmp = framing.compare(a, n_boot=50, n_perm=50, max_actors=3)
    assert cmp.by_outlet is cmp.by_group
    assert len(cmp.parameters["actors"]) == 3
    wide = cmp.pivot()
    assert wide.shape == (4, len(ARTICLE_METRICS))
    diff = cmp.difference()
    assert (diff["difference"] >= 0).all()
    d = cmp.to_dict()
    import json

    json.dumps(d)
    assert {r["outlet"] for r in d["by_group"]} == set(cmp.groups)
