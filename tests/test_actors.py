"""Actor mentions, alias resolution, speaker-vs-target sentiment and the per-actor table."""

from __future__ import annotations

import re
import time

import pytest

import framing
from framing import Document
from framing.extract.actors import (
    actor_table,
    find_mentions,
    gazetteer,
    label_of,
    target_context,
)
from framing.datasets import load_sample_actors
from framing.scoring import match_spans
from framing.text import parse


def _mentions(text, actors=None):
    return [(m.text, m.actor) for m in find_mentions(Document(text), actors)]


# -- golden mentions ----------------------------------------------------------------------

GOLDEN = [
    (
        "Foreign Minister Sergei Lavrov said talks would resume. Lavrov spoke in Geneva.",
        [("Sergei Lavrov", "Sergei Lavrov"), ("Lavrov", "Sergei Lavrov")],
    ),
    (  # metonymic capitals are the governments
        "Moscow rejected the offer, and Kyiv said it would not sign.",
        [("Moscow", "Russia"), ("Kyiv", "Ukraine")],
    ),
    (  # a capital used as a plain place is not an actor mention
        "Thousands protested in Moscow's Red Square and in Kyiv on Sunday.",
        [],
    ),
    (  # possessive before a place noun is a place too; before a plan it is the government
        "Crowds filled Kyiv's main square. Moscow's so-called peace plan was rejected.",
        [("Moscow", "Russia")],
    ),
    (  # demonyms used as adjectives
        "Russian officials met Ukrainian negotiators.",
        [("Russian", "Russia"), ("Ukrainian", "Ukraine")],
    ),
    (  # a plural demonym names people, not the state
        "Thousands of Ukrainians fled.",
        [],
    ),
    (  # seats of government and country aliases; the White House is the administration
        "The Kremlin and the White House traded barbs; the U.S. said nothing more.",
        [("Kremlin", "Russia"), ("White House", "White House"), ("U.S.", "United States")],
    ),
    (  # role reference resolved to the nearest earlier bearer of the title
        "Mayor Dana Whitfield defended the plan. The mayor said rents would fall.",
        [("Dana Whitfield", "Dana Whitfield"), ("The mayor", "Dana Whitfield")],
    ),
    (  # a title without a name is no actor; pronouns are never mentions
        "The Trade Commissioner was absent. He said nothing.",
        [],
    ),
    (  # organisations and acronyms
        "Observers from the OSCE and the European Medicines Agency agreed.",
        [("OSCE", "OSCE"), ("European Medicines Agency", "European Medicines Agency")],
    ),
    (  # every title word before the name is stripped
        "EU Trade Commissioner Ilse Marnow spoke. Marnow left.",
        [("EU", "European Union"), ("Ilse Marnow", "Ilse Marnow"), ("Marnow", "Ilse Marnow")],
    ),
    (  # short forms and "the <organisation word>" resolve to the earlier organisation
        "Corvane Pharmaceuticals recalled a drug. Corvane said the company regretted it. "
        "The European Medicines Agency agreed, and the agency said more.",
        [("Corvane Pharmaceuticals", "Corvane Pharmaceuticals"), ("Corvane", "Corvane Pharmaceuticals"),
         ("the company", "Corvane Pharmaceuticals"), ("European Medicines Agency", "European Medicines Agency"),
         ("the agency", "European Medicines Agency")],
    ),
]


@pytest.mark.parametrize("text,expected", GOLDEN)
def test_golden_mentions(text, expected):
    assert _mentions(text) == expected


def test_mention_offsets_point_into_the_text():
    text = "Deputy Foreign Minister Viktor Sablin claimed progress; Sablin left."
    for m in find_mentions(Document(text)):
        assert text[m.span.start : m.span.end] == m.text


def test_user_table_takes_precedence_and_links_aliases():
    table = {"Russia": ["Moscow", "Kremlin", "Russian"], "Annelie Brunner": ["the envoy", "Brunner"]}
    text = "OSCE envoy Annelie Brunner met the Kremlin. Brunner said the envoy was hopeful."
    got = _mentions(text, table)
    assert ("Kremlin", "Russia") in got
    assert got.count(("Brunner", "Annelie Brunner")) == 1
    assert ("the envoy", "Annelie Brunner") in got
    # automatic grouping alone would call the whole name its own actor
    assert ("Annelie Brunner", "Annelie Brunner") in _mentions(text)


def test_user_patterns_and_place_rule_for_table_capitals():
    table = {"United States": ["Washington", r"/U\.?S\.?(?= )/"]}
    got = _mentions("Talks resume in Washington. Washington said U.S. tariffs stay.", table)
    assert got == [("Washington", "United States"), ("U.S.", "United States")]


@pytest.mark.parametrize("alias", ["aa", "Moscow", "the envoy", "U.S.", "Émile", "ÉMILE", "e",
                                   "#MeToo", "/U\\.?S\\.?(?= )/", "/\\bs?he\\b/"])
def test_alias_spans_are_the_alias_regex_matches(alias):
    # the fast search of a literal alias finds exactly what the look-behind pattern finds
    from framing.extract.actors.mentions import _alias_regex, _alias_spans, _compiled_table

    text = ("aaa aa xaa aa_ aa. Moscow Moscow's MoscowX xMoscow THE ENVOY the envoy's The Envoy "
            "U.S. xU.S. U.S.x U.S. émile Émile éÉmile ÉMILE e é e1 #MeToo x#MeToo #MeTooo "
            "she he. She, hehe")
    [(pattern, literal, _, _)] = _compiled_table(((alias, ()),))
    flags = re.IGNORECASE if alias[:1].islower() else 0
    expected = [m.span() for m in re.finditer(_alias_regex(alias), text, flags)]
    assert expected and list(_alias_spans(pattern, literal, text)) == expected
    assert literal == (not alias.startswith("/"))


def test_same_canonical_name_across_outlets(sample):
    table = load_sample_actors("s1")
    docs = [d for d in sample if d.story == "s1"]
    actors_per_doc = [{m.actor for m in find_mentions(d, table)} for d in docs]
    assert len({d.outlet for d in docs}) >= 2
    assert all({"Russia", "Ukraine"} <= a for a in actors_per_doc)


def test_sample_gold_mentions(sample, sample_gold):
    gold = {g["id"]: g for g in sample_gold}
    tp = n_pred = n_gold = correct = 0
    for doc in sample:
        pred = find_mentions(doc, load_sample_actors(doc.story))
        gspans = [tuple(m["span"]) for m in gold[doc.id]["mentions"]]
        gactor = {tuple(m["span"]): m["actor"] for m in gold[doc.id]["mentions"]}
        pairs = match_spans([m.span for m in pred], gspans)
        tp += len(pairs)
        n_pred += len(pred)
        n_gold += len(gspans)
        correct += sum(pred[i].actor == gactor[tuple(gspans[j])] for i, j in pairs)
    assert tp / n_gold >= 0.95  # measured 0.995 (evaluation/actors.py)
    assert tp / n_pred >= 0.93  # measured 0.957
    assert correct == tp


def test_sample_gold_mentions_without_table(sample, sample_gold):
    gold = {g["id"]: g for g in sample_gold}
    tp = n_pred = n_gold = 0
    for doc in sample:
        pred = find_mentions(doc)
        gspans = [tuple(m["span"]) for m in gold[doc.id]["mentions"]]
        tp += len(match_spans([m.span for m in pred], gspans))
        n_pred += len(pred)
        n_gold += len(gspans)
    # measured 0.900 / 0.952 (evaluation/actors.py --sample-only, 2026-12-02); 0.945 before
    # issue 12's rules, as the gold counts nationality adjectives ("American workers")
    assert tp / n_gold >= 0.90
    assert tp / n_pred >= 0.90


def test_gazetteer_is_consistent():
    g = gazetteer()
    assert g["Kyiv"] == ("Ukraine", "capital")
    assert g["Brussels"] == ("European Union", "capital")
    assert all(kind in {"country", "alias", "capital", "demonym", "demonym_plural", "government"}
               for _, kind in g.values())


# -- speaker versus target ----------------------------------------------------------------

def _score(sentence, target):
    toks = parse(sentence)[0].tokens
    i = next(k for k, t in enumerate(toks) if t.text == target)
    return target_context(toks, i, i).score


SPEAKER_TARGET = [
    ("Smith praised Jones for her brave leadership.", "Jones", "positive"),
    ("Smith praised Jones for her brave leadership.", "Smith", "neutral"),
    ("Critics slammed Smith over the disastrous rollout.", "Smith", "negative"),
    ("Smith slammed the critics.", "Smith", "neutral"),
    ("Jones accused Smith of lying.", "Smith", "negative"),
    ("Smith is not corrupt.", "Smith", "positive"),
    ("Smith spoke on Tuesday.", "Smith", "neutral"),
]


@pytest.mark.parametrize("sentence,target,label", SPEAKER_TARGET)
def test_speaker_vs_target(sentence, target, label):
    assert label_of(_score(sentence, target)) == label


def test_praise_counts_more_for_the_object_than_the_subject():
    s = "Smith praised Jones."
    assert _score(s, "Jones") > _score(s, "Smith")


# -- pipeline and table -------------------------------------------------------------------

def test_pipeline_fills_mentions_sentiment_and_attribution_actors():
    doc = framing.analyze(
        "Mayor Dana Whitfield praised the union. \"Rents will fall,\" Whitfield said.",
    )
    d = doc.to_dict()
    assert {m["actor"] for m in d["mentions"]} == {"Dana Whitfield"}
    assert d["actor_sentiment"] and all(a["label"] in {"negative", "neutral", "positive"}
                                        for a in d["actor_sentiment"])
    sourced = [a for a in doc.attributions if a.source is not None]
    assert sourced and all(a.actor == "Dana Whitfield" for a in sourced)


def test_pronoun_source_resolves_to_earlier_person():
    doc = framing.analyze("Oksana Melnychuk met reporters. She said the plan was a trap.")
    sourced = [a for a in doc.attributions if a.source is not None]
    assert [a.actor for a in sourced] == ["Oksana Melnychuk"]


def test_actor_table_one_row_per_document_and_actor(sample):
    docs = [d for d in sample if d.story == "s1"][:2]
    for d in docs:
        framing.pipeline.annotate(d, actors=load_sample_actors("s1"))
    t = actor_table(docs)
    assert not t.duplicated(["doc_id", "actor"]).any()
    assert set(t["doc_id"]) == {d.id for d in docs}
    russia = t[t["actor"] == "Russia"]
    assert (russia["mentions"] > 0).all()
    assert (t["first_mention_rel"].between(0, 1)).all()
    for d in docs:
        named = [m for m in d.mentions if m.via != "pronoun"]  # pronoun links are not counted
        assert t[t.doc_id == d.id]["mentions"].sum() == len(named)
        assert t[t.doc_id == d.id]["quoted"].sum() == sum(a.actor is not None for a in d.attributions)


def test_hostile_text_and_linear_scaling():
    hostile = '<b>“Unbalanced Moscow said “ Lavrov Lavrov</b> &amp; \x00 ' * 3
    find_mentions(Document(hostile))
    unit = "Foreign Minister Sergei Lavrov said Moscow's demands stand, the minister added. "

    def cost(n):
        doc = Document(unit * n)
        _ = [s.tokens for s in doc.sentences]  # the text layer (tokens built on first use)
        best = float("inf")
        for _ in range(3):  # the best of three: a busy machine only ever adds time
            t0 = time.process_time()
            find_mentions(doc)
            best = min(best, time.process_time() - t0)
        return best

    small, big = cost(80), cost(640)
    assert big < 8 * small * 3  # linear with generous noise room: 8x input, < 24x time


def test_pronoun_source_resolves_through_the_user_table():
    table = {"Oksana Melnychuk": ["Melnychuk"], "Ukraine": ["Kyiv"]}
    doc = framing.analyze("Melnychuk met Kyiv's envoys. She said the plan was a trap.", actors=table)
    sourced = [a for a in doc.attributions if a.source is not None]
    assert [a.actor for a in sourced] == ["Oksana Melnychuk"]
    assert {m.type for m in doc.mentions if m.actor == "Ukraine"} == {"country"}


def test_actor_table_reads_analysed_documents_and_never_runs_a_step(sample):
    raw = Document(sample[0].text, id="raw")
    with pytest.raises(ValueError, match="run framing.analyze"):
        actor_table([raw])
    assert raw.mentions == [] and raw.attributions == []  # nothing was filled in
    doc = framing.analyze(sample[0].text, actors=load_sample_actors(sample[0].story))
    before = doc.to_dict()
    t = actor_table([doc, raw])  # the unanalysed document has no row
    assert set(t["doc_id"]) == {doc.id}
    assert t["mentions"].sum() == sum(m.via != "pronoun" for m in doc.mentions)
    assert doc.to_dict() == before
