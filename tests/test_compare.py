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
    # the overall values rest on 16 articles: percentile bootstrap, which the seed moves
    # (metrics the gold records carry no evidence for, such as sentence bias, have no value)
    valued = one.overall.dropna(subset=["value"])
    assert len(valued) >= 16 and (valued["ci_method"] == "bootstrap").all()
    assert not one.overall["ci_low"].equals(other.overall["ci_low"])


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
    # Kim's sentiment in A comes from one article (one negative sentence): an interval from
    # the sentence counts alone, real numbers that hold the value and are wide
    s = _get(cmp.by_actor, outlet="A", actor="Kim", metric="sentiment_balance")
    assert s["value"] == -1 and s["ci_method"] == "sentences"
    assert s["ci_low"] == -1 and s["ci_high"] > 0
    # Kim's voice share in A rests on one article's attributions: no interval
    v = _get(cmp.by_actor, outlet="A", actor="Kim", metric="voice_share")
    assert np.isnan(v["ci_low"]) and pd.isna(v["ci_method"])
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
    # gold records carry no sentence_bias: that metric has no denominator (NaN), the rest >= 0
    assert diff.loc[diff["metric"] == "biased_author_share", "difference"].isna().all()
    assert (diff.loc[diff["metric"] != "biased_author_share", "difference"] >= 0).all()
    d = cmp.to_dict()
    import json

    json.dumps(d)
    assert {r["outlet"] for r in d["by_group"]} == set(cmp.groups)


def test_p_value_floor_and_adjustment():
    from framing.analysis.statistics import adjust_p

    # four stories: the exact sign-flip test cannot go below 2 / 2**4 = 0.125
    cmp = compare(two_outlets(n_stories=4), n_boot=100, n_perm=1000)
    d = _get(cmp.differences, outlet_a="A", outlet_b="B", metric="hedges_per_1k")
    assert d["p_value"] == pytest.approx(0.125) == d["p_floor"]
    assert d["can_reach_05"] is False or d["can_reach_05"] == False  # noqa: E712
    # six stories can reach 0.05
    six = compare(two_outlets(n_stories=6), n_boot=100, n_perm=1000)
    d6 = _get(six.differences, outlet_a="A", outlet_b="B", metric="hedges_per_1k")
    assert d6["p_floor"] == pytest.approx(2 / 64) and bool(d6["can_reach_05"])
    # Holm over every row of the table: adjusted >= raw, and equal to the function's result
    p = six.differences["p_value"].to_numpy(float)
    assert np.allclose(six.differences["adjusted_p"], adjust_p(p, "holm"), equal_nan=True)
    assert (six.differences["adjusted_p"].fillna(1) >= six.differences["p_value"].fillna(1)).all()
    assert six.parameters["p_adjust"] == "holm"
    bh = compare(two_outlets(n_stories=6), n_boot=50, n_perm=1000, p_adjust="bh")
    assert np.allclose(bh.differences["adjusted_p"], adjust_p(p, "bh"), equal_nan=True)
    with pytest.raises(ValueError, match="p_adjust"):
        compare(two_outlets(2), p_adjust="bonferroni")
    # Holm by hand: three p-values
    assert adjust_p(np.array([0.01, 0.02, 0.5]), "holm").tolist() == pytest.approx([0.03, 0.04, 0.5])
    # pooled: 8 against 8 articles, floor max(2 / C(16, 8), 1 / (n_perm + 1))
    docs = [article(2, 20, outlet="A", story=None) for _ in range(8)]
    docs += [article(0, 20, outlet="B", story=None) for _ in range(8)]
    pooled = compare(Analysis.from_documents(docs), n_boot=50, n_perm=99)
    assert _get(pooled.differences, metric="hedges_per_1k")["p_floor"] == pytest.approx(0.01)


def test_pooled_floor_with_many_articles():
    """Groups of thousands of articles: C(n_a + n_b, n_a) does not fit a float, the floor is
    the Monte Carlo one (it raised OverflowError on a 100,000-article pooled comparison)."""
    from framing.analysis.statistics import _p_floor_pooled

    assert _p_floor_pooled(1500, 1400, 1000) == 1 / 1001
    assert _p_floor_pooled(3, 3, 1000) == pytest.approx(2 / 20)  # few: the exact floor
    assert _p_floor_pooled(3, 4, 1000) == pytest.approx(1 / 35)
    assert _p_floor_pooled(30, 30, 1000) == 1 / 1001


def test_small_samples_get_a_wider_t_interval():
    # B's hedge rates over 4 articles vary: below the minimum the t interval replaces the
    # percentile bootstrap and is wider than it
    docs = []
    for i, h in enumerate([0, 2, 4, 6]):
        docs.append(article(h, 100, outlet="B", story=f"s{i}"))
        docs.append(article(1, 100, outlet="A", story=f"s{i}"))
    a = Analysis.from_documents(docs)
    small = compare(a, n_boot=400, n_perm=100)
    boot = compare(a, n_boot=400, n_perm=100, min_sample=2)
    t_row = _get(small.by_outlet, outlet="B", metric="hedges_per_1k")
    b_row = _get(boot.by_outlet, outlet="B", metric="hedges_per_1k")
    assert t_row["ci_method"] == "t" and b_row["ci_method"] == "bootstrap"
    assert t_row["ci_high"] - t_row["ci_low"] > 1.5 * (b_row["ci_high"] - b_row["ci_low"])
    # the ratio estimator's t interval by hand: R +- t(3) * se
    from scipy.stats import t

    num = np.array([0, 2, 4, 6.0])
    se = 1000 * np.sqrt(4 / 3 * ((num - 0.03 * 100) ** 2).sum()) / 400
    assert t_row["ci_high"] == pytest.approx(30 + t.ppf(0.975, 3) * se)
    assert t_row["ci_low"] == 0  # 30 - 41.1 clipped: a rate is never negative
    # a share's interval is clipped to [0, 1]
    assert small.by_outlet["ci_low"].dropna().ge(-1e-12).all()
    assert small.small_sample and not compare(two_outlets(12), n_boot=20, n_perm=20).small_sample
    d = _get(small.differences, metric="hedges_per_1k")
    assert d["ci_method"] == "t" and d["n_stories"] == 4


def test_actor_differences_within_stories():
    cmp = compare(two_outlets(n_stories=6), n_boot=100, n_perm=1000)
    ad = cmp.actor_differences
    assert list(ad.columns[:4]) == ["outlet_a", "outlet_b", "actor", "metric"]
    row = _get(ad, outlet_a="A", outlet_b="B", actor="Kim", metric="sentiment_balance")
    # A is negative (-1) and B positive (+1) toward Kim in every story
    assert row["difference"] == pytest.approx(-2.0)
    assert row["n_stories"] == 6 and row["p_value"] == pytest.approx(2 / 64)
    assert row["ci_low"] == pytest.approx(-2.0) == row["ci_high"]
    assert "adjusted_p" in ad.columns and ad["adjusted_p"].notna().any()
    # an actor that one outlet never mentions in a story is left out of that story
    docs = [article(0, 20, outlet="A", story="s1", quoted_by="Kim", sentiment="negative"),
            article(0, 20, outlet="B", story="s1"),
            article(0, 20, outlet="A", story="s2", quoted_by="Kim", sentiment="negative"),
            article(0, 20, outlet="B", story="s2", quoted_by="Kim", sentiment="positive")]
    one = compare(Analysis.from_documents(docs), n_boot=50, n_perm=100)
    r = _get(one.actor_differences, actor="Kim", metric="sentiment_balance")
    assert r["n_stories"] == 1 and r["difference"] == pytest.approx(-2.0)


def test_vectorised_interval_and_p_value_match_the_column_loop():
    """The interval and p-value of every column at once give the numbers of numpy's quantile
    and of the permutation count, column by column (undefined replicates left out)."""
    from framing.analysis.statistics import _interval, _p_value

    rng = np.random.default_rng(3)
    alpha = (1 - 0.9) / 2
    for _ in range(50):
        reps = rng.normal(size=(int(rng.integers(1, 200)), 6)) * 10.0 ** int(rng.integers(-3, 4))
        reps[rng.random(reps.shape) < 0.3] = np.nan
        reps[:, 2] = np.nan
        lo, hi = _interval(reps, 0.9)
        obs = rng.normal(size=6)
        obs[4] = np.nan
        p = _p_value(reps, obs)
        for j in range(6):
            col = reps[~np.isnan(reps[:, j]), j]
            if not len(col):
                assert np.isnan(lo[j]) and np.isnan(hi[j])
                continue
            assert [lo[j], hi[j]] == np.quantile(col, [alpha, 1 - alpha]).tolist()
            if np.isnan(obs[j]):
                assert np.isnan(p[j])
            else:
                extreme = np.sum(np.abs(col) >= abs(obs[j]) - 1e-12)
                assert p[j] == (1 + extreme) / (1 + len(col))


def test_bootstrap_counts_are_resamples():
    """Each resample draws as many units as there are, with replacement, in blocks that keep
    memory flat (each block written over the one before); the same seed draws the same
    resamples."""
    from framing.analysis import statistics

    rng = np.random.default_rng(0)
    w = np.vstack([b.copy() for b in statistics._resample_counts(rng, 7, 25)])
    assert w.shape == (25, 7) and (w.sum(1) == 7).all() and (w >= 0).all()
    big = [b.copy() for b in statistics._resample_counts(np.random.default_rng(0), 300_000, 20)]
    assert len(big) > 1 and all(b.size <= max(statistics.RESAMPLE_BLOCK, 300_000) for b in big)
    assert all((b.sum(1) == 300_000).all() for b in big) and not (big[0] == big[1]).all()
    again = np.vstack(list(statistics._resample_counts(np.random.default_rng(0), 7, 25)))
    assert (again == w).all()


def test_drawn_sign_patterns_are_the_int8_draw():
    """The drawn sign patterns are 1 - 2 * rng.integers(0, 2, dtype=np.int8) bit for bit, and
    leave the generator where that draw leaves it (earlier results stay reproducible); with
    few stories, every pattern once."""
    from framing.analysis.statistics import _sign_patterns

    for k, n_perm in [(12, 1000), (301, 1000), (11, 7), (5, 1)]:
        rng, ref = np.random.default_rng(k), np.random.default_rng(k)
        signs, exact = _sign_patterns(rng, k, n_perm)
        bits = ref.integers(0, 2, size=(n_perm, k), dtype=np.int8)
        assert not exact and signs.dtype == np.float64
        assert np.array_equal(signs, 1.0 - 2.0 * bits)
        assert rng.integers(0, 2 ** 40) == ref.integers(0, 2 ** 40)
    every, exact = _sign_patterns(np.random.default_rng(0), 3, 8)
    assert exact and len({tuple(r) for r in every}) == 8


def test_role_differences_share_one_draw_per_pair_of_outlets():
    """Per pair of outlets, one resample of its stories and one set of sign patterns serve
    every actor: an actor's replicate is the resampled sum of its per-story differences over
    the resampled count of its stories; an actor with few stories gets the exact test of its
    own sign patterns. Checked against that computation written out, pair by pair."""
    from framing.analysis import role_differences
    from framing.analysis.statistics import _resample_counts

    gen = np.random.default_rng(7)
    outlets, n_stories = ["A", "B", "C"], 14
    arts, acts = [], []
    for s in range(n_stories):
        for o in outlets:
            if o == "C" and s % 3 == 0:
                continue  # C misses some stories
            doc = len(arts)
            arts.append({"doc": doc, "status": "ok", "outlet": o, "story": f"s{s:02d}"})
            for actor in ("Kim", "Lee"):
                if actor == "Lee" and s >= 6:
                    continue  # Lee is in 6 stories: exact tests; Kim in all: drawn patterns
                acts.append({"doc": doc, "actor": actor,
                             "role": ["antagonist", "protagonist", "innocent", "none"][gen.integers(4)]})
    empty = pd.DataFrame({"doc": pd.Series([], dtype=int)})
    analysis = Analysis(documents=[], articles=pd.DataFrame(arts), actors=pd.DataFrame(acts),
                        **{t: empty for t in ("attributions", "hedges", "boosters", "vague",
                                              "evaluations", "mentions", "actor_sentiment")})
    n_boot, n_perm = 300, 200
    got = role_differences(analysis, actors=["Kim", "Lee"], n_boot=n_boot, n_perm=n_perm,
                           random_state=3)
    roles = ["antagonist", "protagonist", "innocent"]
    table = pd.DataFrame(acts).merge(pd.DataFrame(arts), on="doc")
    share = {(r.actor, r.story, r.outlet): np.array([r.role == x for x in roles], float)
             for r in table.itertuples()}
    rng = np.random.default_rng(3)
    expected = {}
    for a, b in [("A", "B"), ("A", "C"), ("B", "C")]:
        per_actor = {}
        for actor in ("Kim", "Lee"):
            both = sorted(s for (x, s, o) in share if x == actor and o == a
                          and (actor, s, b) in share)
            per_actor[actor] = (both, np.array([share[actor, s, a] - share[actor, s, b]
                                                for s in both]))
        union = sorted(set().union(*(set(st) for st, _ in per_actor.values())))
        w = np.vstack([b.copy() for b in _resample_counts(rng, len(union), n_boot)])
        for actor, (both, d) in per_actor.items():
            at = [union.index(s) for s in both]
            count = w[:, at].sum(1)[:, None]
            with np.errstate(invalid="ignore", divide="ignore"):
                reps = np.where(count > 0, (w[:, at] @ d) / count, np.nan)
            expected[a, b, actor] = [d.mean(0), *np.nanquantile(reps, [0.025, 0.975], axis=0)]
        signs = 1.0 - 2.0 * rng.integers(0, 2, size=(n_perm, len(union)), dtype=np.int8)
        for actor, (both, d) in per_actor.items():
            k, obs = len(both), d.mean(0)
            if 2 ** k <= n_perm:
                every = 1.0 - 2.0 * ((np.arange(2 ** k)[:, None] >> np.arange(k)) & 1)
                p = (np.abs(every @ d / k) >= np.abs(obs) - 1e-12).mean(0)
            else:
                perm = signs[:, [union.index(s) for s in both]] @ d / k
                p = (1 + (np.abs(perm) >= np.abs(obs) - 1e-12).sum(0)) / (1 + n_perm)
            expected[a, b, actor].append(p)
    assert len(got) == len(expected) * 3
    for key, (diff, lo, hi, p) in expected.items():
        rows = got[(got["outlet_a"] == key[0]) & (got["outlet_b"] == key[1])
                   & (got["actor"] == key[2])]
        assert rows["role"].tolist() == roles
        np.testing.assert_allclose(rows["difference"], diff, atol=1e-12)
        np.testing.assert_allclose(rows["ci_low"], lo, atol=1e-12)
        np.testing.assert_allclose(rows["ci_high"], hi, atol=1e-12)
        np.testing.assert_allclose(rows["p_value"], p, atol=1e-12)
    assert set(got.loc[got["actor"] == "Lee", "n_stories"]) <= {4, 6}


def test_progress_bar_only_when_asked(capsys):
    analysis = two_outlets()
    compare(analysis, n_boot=20, n_perm=20, progress=False)
    assert capsys.readouterr().err == ""
    compare(analysis, n_boot=20, n_perm=20, progress=True)
    assert "compare" in capsys.readouterr().err


def test_progress_counts_only_the_work_to_do(capsys):
    """Pairs of outlets that share no story cost nothing: they are no step of the bar (its
    estimate of the time left would count them as work), so the bar moves one step at a time
    to its total: overall, 3 outlets, the 2 pairs that share a story (no roles here)."""
    docs = [article(1, 40, outlet="A", story="s1"), article(2, 40, outlet="B", story="s1"),
            article(0, 40, outlet="A", story="s2"), article(1, 40, outlet="C", story="s2"),
            article(3, 40, outlet="B", story="s3")]
    compare(Analysis.from_documents(docs), n_boot=20, n_perm=20, progress=True)
    err = capsys.readouterr().err
    assert "6/6" in err and "/8" not in err


def _reference_tables(analysis: Analysis, n_boot: int, n_perm: int, seed: int):
    """compare(..., min_sample=2) computed the straightforward way: article by article and
    resample by resample, with the random draws compare documents (one draw of every unit
    per resample: overall, each group, then each pair of groups sharing a story: its stories,
    then its sign flips unless every sign pattern is enumerated)."""
    from framing.analysis.metrics import ACTOR_METRICS, ARTICLE_METRICS, _ACTOR_COUNTS

    arts = analysis.articles.reset_index(drop=True)
    art_m, act_m = list(ARTICLE_METRICS.values()), list(ACTOR_METRICS.values())
    names = (analysis.actors.groupby("actor")["mentions"].sum().reset_index()
             .sort_values(["mentions", "actor"], ascending=[False, True])["actor"].tolist())
    # per article: numerators and denominators, article metrics then actor-major actor metrics
    num = [np.asarray(m.values(arts)[0]) for m in art_m]
    den = [np.asarray(m.values(arts)[1]) for m in art_m]
    mentions = {}
    for actor in names:
        rows = []
        for _, art in arts.iterrows():
            mine = analysis.actors[(analysis.actors["doc"] == art["doc"])
                                   & (analysis.actors["actor"] == actor)]
            row = {c: (float(mine[c].sum()) if len(mine) else
                       (np.nan if c in ("agent", "patient") else 0.0)) for c in _ACTOR_COUNTS}
            row.update(article_attributions=art["attributions"],
                       article_words_quoted=art["words_quoted"])
            rows.append(row)
        table = pd.DataFrame(rows)
        mentions[actor] = table["mentions"].to_numpy() > 0
        for m in act_m:
            n_, d_ = m.values(table)
            num.append(np.asarray(n_))
            den.append(np.asarray(d_))
    metrics = art_m + act_m * len(names)
    scale = np.array([m.scale for m in metrics])
    bounds = np.array([m.bounds or (-np.inf, np.inf) for m in metrics])
    is_actor = np.array([False] * len(art_m) + [True] * len(act_m) * len(names))
    actor_of = [None] * len(art_m) + [a for a in names for _ in act_m]
    N, D = np.column_stack(num), np.column_stack(den)

    def value(rows):  # ratio of sums over rows (with repeats)
        n, d = N[rows].sum(0), D[rows].sum(0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(d > 0, scale * n / d, np.nan)

    def percentile(reps, keep, lo_hi_bounds):
        lo, hi = np.full(reps.shape[1], np.nan), np.full(reps.shape[1], np.nan)
        for j in np.flatnonzero(keep):
            col = reps[~np.isnan(reps[:, j]), j]
            if len(col):
                lo[j], hi[j] = np.clip(np.quantile(col, [0.025, 0.975]), *lo_hi_bounds[j])
        return lo, hi

    rng = np.random.default_rng(seed)
    groups = sorted(arts["outlet"].unique())
    out = {"groups": {}, "pairs": {}}
    for g in [None, *groups]:
        rows = np.arange(len(arts)) if g is None else np.flatnonzero(arts["outlet"] == g)
        draws = rng.integers(0, len(rows), size=(n_boot, len(rows)))
        if g is None:
            continue
        reps = np.array([value(rows[d]) for d in draws])
        support = (D[rows] > 0).sum(0)
        lo, hi = percentile(reps, support >= 2, bounds)
        out["groups"][g] = (value(rows), lo, hi)
    stories = sorted(arts["story"].unique())
    cell = {(s, g): value(np.flatnonzero((arts["story"] == s) & (arts["outlet"] == g)))
            for s in stories for g in groups}
    for s, g in list(cell):
        rows = np.flatnonzero((arts["story"] == s) & (arts["outlet"] == g))
        for j, actor in enumerate(actor_of):
            if actor is not None and not (len(rows) and mentions[actor][rows].any()):
                cell[s, g][j] = np.nan  # the actor is not in this cell
    width = len(metrics)
    for ia, a in enumerate(groups):
        for b in groups[ia + 1:]:
            shared = [s for s in stories if ((arts["story"] == s) & (arts["outlet"] == a)).any()
                      and ((arts["story"] == s) & (arts["outlet"] == b)).any()]
            if not shared:
                continue
            d = np.array([cell[s, a] - cell[s, b] for s in shared])
            k = len(shared)
            kcol = (~np.isnan(d)).sum(0)

            def mean(x):  # column means of the defined cells; NaN where there is none
                n = (~np.isnan(x)).sum(0)
                with np.errstate(invalid="ignore", divide="ignore"):
                    return np.where(n > 0, np.where(np.isnan(x), 0.0, x).sum(0) / n, np.nan)

            obs = mean(d)
            boot = kcol >= 2
            reps = np.full((n_boot, width), np.nan)
            if boot.any():
                for r, idx in enumerate(rng.integers(0, k, size=(n_boot, k))):
                    reps[r] = mean(d[idx])
            width_b = bounds[:, 1] - bounds[:, 0]
            lo, hi = percentile(reps, boot, np.column_stack([-width_b, width_b]))
            if 2 ** k <= n_perm:
                signs = 1 - 2 * ((np.arange(2 ** k)[:, None] >> np.arange(k)) & 1)
            else:
                signs = 1 - 2 * rng.integers(0, 2, size=(n_perm, k), dtype=np.int8).astype(int)
            p = np.full(width, np.nan)
            for j in np.flatnonzero(kcol > 0):
                live = ~np.isnan(d[:, j])
                perm = signs[:, live] @ d[live, j] / kcol[j]
                extreme = np.sum(np.abs(perm) >= abs(obs[j]) - 1e-12)
                p[j] = extreme / len(perm) if 2 ** k <= n_perm else (1 + extreme) / (1 + n_perm)
            out["pairs"][a, b] = (obs, lo, hi, p, kcol)
    return out, [m.name for m in metrics], actor_of, is_actor


def test_vectorised_compare_matches_a_straightforward_computation():
    """Values, by-story cells, within-story differences, bootstrap intervals and p-values of
    compare (vectorised: per-article arrays, counted draws times matrices, pairs from the
    stories' cells) equal an article-by-article, resample-by-resample computation with the
    same draws, on a small corpus with uneven cells, a missing outlet and two actors."""
    gen = np.random.default_rng(7)
    docs = []
    for s in range(7):
        for outlet, n in (("A", 1), ("B", 1 + s % 2), ("C", int(s % 3 != 0))):
            for _ in range(n):
                who = ["Kim", "Lee", None][int(gen.integers(0, 3))]
                docs.append(article(int(gen.integers(0, 6)), int(gen.integers(30, 80)),
                                    outlet=outlet, story=f"s{s}", quoted_by=who))
    analysis = Analysis.from_documents(docs)
    n_boot, n_perm = 60, 40
    cmp = compare(analysis, n_boot=n_boot, n_perm=n_perm, random_state=5, min_sample=2,
                  progress=False)
    ref, metric_names, actor_of, is_actor = _reference_tables(analysis, n_boot, n_perm, 5)
    assert set(cmp.by_actor["actor"]) == {"Kim", "Lee"}

    def ours(table, **keys):
        rows = []
        for j, name in enumerate(metric_names):
            t = cmp.actor_differences if is_actor[j] and table == "diff" else (
                cmp.differences if table == "diff" else
                cmp.by_actor if is_actor[j] else cmp.by_outlet)
            eq = dict(keys, metric=name, **({"actor": actor_of[j]} if is_actor[j] else {}))
            rows.append(_get(t, **eq))
        return pd.DataFrame(rows)

    close = dict(rtol=1e-9, atol=1e-12, equal_nan=True)
    for g, (value, lo, hi) in ref["groups"].items():
        got = ours("group", outlet=g)
        assert np.allclose(got["value"].to_numpy(float), value, **close)
        assert np.allclose(got["ci_low"].to_numpy(float), lo, **close)
        assert np.allclose(got["ci_high"].to_numpy(float), hi, **close)
    assert len(ref["pairs"]) == 3
    for (a, b), (obs, lo, hi, p, kcol) in ref["pairs"].items():
        got = ours("diff", outlet_a=a, outlet_b=b)
        assert (got["n_stories"].to_numpy(int) == kcol).all()
        assert np.allclose(got["difference"].to_numpy(float), obs, **close)
        assert np.allclose(got["ci_low"].to_numpy(float), lo, **close)
        assert np.allclose(got["ci_high"].to_numpy(float), hi, **close)
        assert np.allclose(got["p_value"].to_numpy(float), p, **close)
    # some of it is non-trivial: intervals with width, actor differences with values
    assert (cmp.differences["ci_high"] > cmp.differences["ci_low"]).any()
    assert cmp.actor_differences["difference"].notna().any()
