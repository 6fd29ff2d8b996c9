"""Same-story corpora (AllSides/NeuS, Article-Bias-Prediction, NewsWCL50) and story alignment."""

import itertools

import pytest

from framing import Document
from framing.datasets import load_abp_story_triples, load_allsides_neus, load_article_bias_prediction, load_newswcl50
from framing.analysis import align_stories
from tests.conftest import requires_data


def _pairs(labels):
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(label, []).append(i)
    return {p for g in groups.values() for p in itertools.combinations(g, 2)}


def test_alignment_joins_the_same_event_across_outlets_and_not_within_one():
    docs = [
        Document("Flood waters rose in Valencia as the river burst its banks overnight.", outlet="A", date="2024-10-30"),
        Document("The river burst its banks in Valencia overnight and flood waters rose.", outlet="B", date="2024-10-31"),
        Document("Valencia flood: river bursts its banks, waters rise overnight.", outlet="A", date="2024-10-30"),
        Document("The central bank raised interest rates by a quarter point.", outlet="C", date="2024-10-30"),
        Document("The river burst its banks in Valencia overnight and flood waters rose.", outlet="C", date="2024-12-01"),
    ]
    labels = align_stories(docs).tolist()
    assert labels[0] == labels[1]          # same event, different outlets, one day apart
    assert labels[2] != labels[0]          # a second article of outlet A is not merged in
    assert labels[3] not in (labels[0], labels[2])  # other event
    assert labels[4] != labels[1]          # same words, a month later: outside the window


def test_alignment_rejects_bad_parameters():
    with pytest.raises(ValueError, match="threshold"):
        align_stories([], threshold=2)
    with pytest.raises(ValueError, match="window_days"):
        align_stories([], window_days=-1)
    assert align_stories([]).tolist() == []


@requires_data("allsides_neus")
def test_allsides_loader_and_alignment_pair_scores():
    corpus = load_allsides_neus()
    assert len(corpus) == 1479 and len(corpus.problems) == 1  # story 6086 has no article
    assert "6086" in str(corpus.problems[0]) or corpus.problems[0].id == 6086
    first = corpus[0]
    assert (first.story, first.outlet, first.meta["leaning"]) == ("5607", "CNN (Online News)", "left")
    assert first.text.startswith("Supreme Court sides with police officers")
    gold = _pairs([d.story for d in corpus])
    pred = _pairs(align_stories(corpus).tolist())
    tp = len(gold & pred)
    precision, recall = tp / len(pred), tp / len(gold)
    # measured 0.76 / 0.77 at the default threshold (chosen on this corpus: docs/reproductions.md)
    assert precision >= 0.70 and recall >= 0.70


@requires_data("article_bias_prediction", "abp_story_triples")
def test_article_bias_prediction_loaders():
    test = load_article_bias_prediction()
    assert len(test) == 1300 and not test.problems
    assert {d.meta["leaning"] for d in test} == {"left", "center", "right"}
    triples = load_abp_story_triples()
    assert len(triples) == 450 and len({d.story for d in triples}) == 150
    for story in {d.story for d in triples}:
        assert sorted(d.meta["leaning"] for d in triples if d.story == story) == ["center", "left", "right"]
    assert len(load_abp_story_triples(exclude_media_test=True)) < 450


@requires_data("newswcl50_cdcr", "newswcl50")
def test_newswcl50_mentions_point_into_the_text():
    wcl = load_newswcl50()
    assert len(wcl.corpus) == 50 and len(wcl.mentions) == 5573
    assert wcl.annotations.shape[0] == 8694
    texts = {d.id: d.text for d in wcl.corpus}
    first = wcl.mentions.iloc[0]
    assert (first.doc_id, first.chain, first.text) == ("0_L", "0_USA_Trump_ACTOR", "President Trump")
    assert all(texts[m.doc_id][m.start:m.end] == m.text for m in wcl.mentions.itertuples())
    assert {d.outlet for d in wcl.corpus} == {"HuffPost", "New York Times", "USA Today", "Fox News", "Breitbart"}


def test_loaders_say_where_the_files_go(tmp_path):
    for load in (load_allsides_neus, load_article_bias_prediction, load_abp_story_triples, load_newswcl50):
        with pytest.raises(OSError, match="framing never downloads"):
            load(data_home=tmp_path)
