"""Corpus runs: every article gets a row, evidence tables trace back to the text."""

from __future__ import annotations

import pandas as pd
import pytest

import framing.pipeline
from framing import Corpus, Document
from framing.datasets import load_sample
from framing.records import ActorSentiment, Attribution, Cue, Evaluation, Mention, Span
from framing.analysis.tables import ATTRIBUTION_COLUMNS, Analysis, document_from_record
from framing.analysis.run import analyze_corpus
from framing.pipeline import BAD_ACTORS, Pipeline, Step

TEXT = 'Lavrov said "the plan is a disgrace." Analysts may disagree. Kyiv clearly won.'


def _find(text: str, sub: str, start: int = 0) -> Span:
    i = text.index(sub, start)
    return Span(i, i + len(sub))


def hand_doc(**meta) -> Document:
    """One article with evidence built by hand (independent of extractor accuracy)."""
    t = TEXT
    doc = Document(t, **meta)
    content = _find(t, "the plan is a disgrace.")
    doc.attributions = [Attribution("direct", _find(t, "Lavrov"), _find(t, "said"), content,
                                    False, "neutral", "say", "Russia")]
    doc.hedges = [Cue(_find(t, "may"), "may", "hedge", "epistemic_modal")]
    doc.boosters = [Cue(_find(t, "clearly"), "clearly", "booster", "adverb")]
    doc.evaluative = [
        Evaluation(_find(t, "disgrace"), "disgrace", -1, 0.8, "quoted"),
        Evaluation(_find(t, "won"), "won", 1, 0.5, "author"),
    ]
    doc.mentions = [Mention(_find(t, "Lavrov"), "Lavrov", "Russia"),
                    Mention(_find(t, "Kyiv"), "Kyiv", "Ukraine")]
    doc.actor_sentiment = [ActorSentiment(Span(0, 37), "Russia", "negative"),
                           ActorSentiment(_find(t, "Kyiv clearly won."), "Ukraine", "positive")]
    return doc


def test_tables_trace_to_text():
    a = Analysis.from_documents([hand_doc(id="x", outlet="A", story="s")])
    row = a.articles.iloc[0]
    assert row["status"] == "ok" and pd.isna(row["error"])
    assert row["words"] == 13
    # "the plan is a disgrace." holds five words, all quoted
    assert (row["words_quoted"], row["words_author"]) == (5, 8)
    assert (row["attributions"], row["kind_direct"], row["hedges"], row["boosters"]) == (1, 1, 1, 1)
    assert (row["evaluations_author"], row["evaluations_quoted"]) == (1, 1)
    att = a.attributions.iloc[0]
    assert list(a.attributions.columns) == ATTRIBUTION_COLUMNS
    assert TEXT[att["cue_start"]:att["cue_end"]] == att["cue"] == "said"
    assert att["source"] == "Lavrov" and att["content"] == "the plan is a disgrace."
    assert att["content_words"] == 5 and att["outlet"] == "A"
    h = a.hedges.iloc[0]
    assert TEXT[h["start"]:h["end"]] == "may"
    assert list(a.evaluations["voice"]) == ["quoted", "author"]


def test_actor_rows():
    a = Analysis.from_documents([hand_doc(outlet="A")])
    actors = a.actors.set_index("actor")
    assert list(actors.index) == ["Russia", "Ukraine"]
    assert actors.loc["Russia", "attributions"] == 1
    assert actors.loc["Russia", "quoted_words"] == 5
    assert actors.loc["Russia", "sentiment_balance"] == -1.0
    assert actors.loc["Ukraine", "sentiment_balance"] == 1.0
    assert actors.loc["Ukraine", "quoted_words"] == 0
    assert actors.loc["Russia", "first_mention"] == 0.0


def _flaky(doc, model):
    if "boom" in doc.text:
        raise RuntimeError("tagger exploded")


def test_failures_are_recorded_not_dropped():
    flaky = Pipeline.default().add(Step("flaky", _flaky, (), ()), after="text")
    corpus = Corpus([Document("Fine text here.", id="a", outlet="X"),
                     Document("boom goes the text.", id="b", outlet="Y")])
    a = analyze_corpus(corpus, progress=False, pipeline=flaky)
    assert list(a.articles["id"]) == ["a", "b"]
    assert list(a.articles["status"]) == ["ok", "error"]
    assert a.articles.loc[1, "error"] == "RuntimeError: tagger exploded"
    assert list(a.errors["id"]) == ["b"] and list(a.ok["id"]) == ["a"]
    assert "1 errors" in repr(a)


def test_unreadable_rows_are_listed():
    df = pd.DataFrame({"text": ["One article.", ""], "outlet": ["X", "Y"], "side": ["l", "r"]})
    corpus = Corpus.from_dataframe(df, errors="report")
    a = corpus.analyze(progress=False)
    assert len(a.articles) == 2
    bad = a.articles.iloc[1]
    assert bad["status"] == "error" and "empty text" in bad["error"]
    # extra input fields are kept for grouping
    assert a.articles.loc[0, "side"] == "l"


def test_actor_table_per_story():
    seen = {}

    def record(doc, model, actors=None):
        seen[doc.id] = actors

    only = Pipeline([Step("record", record, (), (), options=("actors",))])
    corpus = Corpus([Document("A.", id="1", story="s1"), Document("B.", id="2", story="s2"),
                     Document("C.", id="3", story=None)])
    table = {"s1": {"Russia": ["Moscow"]}, "s2": {"EU": ["Brussels"]}}
    analyze_corpus(corpus, actors=table, progress=False, pipeline=only)
    assert seen == {"1": {"Russia": ["Moscow"]}, "2": {"EU": ["Brussels"]}, "3": None}
    analyze_corpus(corpus, actors={"Russia": ["Moscow"]}, progress=False, pipeline=only)
    assert seen["3"] == {"Russia": ["Moscow"]}
    with pytest.raises(TypeError) as e:
        analyze_corpus(corpus, actors=["Russia"], progress=False, pipeline=only)
    assert str(e.value) == BAD_ACTORS.format(type="list")


def test_progress_bar(capsys, sample):
    analyze_corpus(sample[:3], progress=True)
    assert "3/3" in capsys.readouterr().err
    analyze_corpus(sample[:3], progress=False)
    assert capsys.readouterr().err == ""


def test_parallel_matches_serial(sample):
    serial = analyze_corpus(sample[:4], progress=False)
    parallel = analyze_corpus(sample[:4], n_jobs=2, progress=False)
    pd.testing.assert_frame_equal(serial.articles, parallel.articles)
    pd.testing.assert_frame_equal(serial.attributions, parallel.attributions)
    # the corpus's own documents carry the evidence, whichever way they were analysed
    fresh = load_sample()[:4]
    parallel = analyze_corpus(fresh, n_jobs=2, progress=False)
    assert all(a is b for a, b in zip(parallel.documents, fresh))
    assert sum(len(d.attributions) for d in fresh) == len(serial.attributions)


def test_gold_records_round_trip(sample_gold):
    docs = [document_from_record(r) for r in sample_gold]
    for doc, rec in zip(docs, sample_gold):
        d = doc.to_dict()
        assert d["hedges"] == rec["hedges"] and d["vague"] == rec["vague"]
        assert [x["cue"] for x in d["attributions"]] == [x["cue"] for x in rec["attributions"]]
    a = Analysis.from_documents(docs)
    # the source "Deputy Foreign Minister Viktor Sablin" is the actor of its head mention
    first = a.attributions.iloc[0]
    assert first["source"].endswith("Viktor Sablin") and first["actor"] == "Viktor Sablin"
    assert a.articles["attributions"].sum() == sum(len(r["attributions"]) for r in sample_gold)
