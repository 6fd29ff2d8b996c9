"""Persuasion techniques: the rule step, the span model, the task's scorers."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.base import clone

import framing
from framing import Document, Span
from framing.records import Persuasion
from framing.models import PersuasionSpanTagger, merge_spans, si_scores, tc_micro_f1
from framing.persuasion import (
    TECHNIQUES,
    find_persuasion,
    persuasion_rules,
    rule_technique,
    technique_key,
)
from tests.conftest import requires_data


def _found(text: str) -> set[tuple[str, str]]:
    doc = framing.analyze(text)
    find_persuasion(doc)
    return {(p.text, p.technique) for p in doc.persuasion}


# -- the rules -------------------------------------------------------------------------------
def test_golden_rule_spans():
    text = ("The thugs stormed the hall. Our country deserves better. "
            "Critics claimed the vote was rigged. Drain the swamp!")
    got = _found(text)
    assert ("thugs", "name_calling_labeling") in got
    assert ("Our country deserves better", "flag_waving") in got
    assert ("the vote was rigged", "doubt") in got  # content of a doubting report
    assert ("Drain the swamp", "slogans") in got


def test_fear_exaggeration_authority_and_evidence_spans():
    text = ("This is an existential threat to everyone. It was the worst disaster ever. "
            "Scientists said the damage could be permanent.")
    doc = framing.analyze(text)
    recs = {(p.text, p.technique): p for p in persuasion_rules(doc)}
    fear = recs[("This is an existential threat to everyone", "appeal_to_fear_prejudice")]
    assert [text[e.start:e.end] for e in fear.evidence] == ["existential threat"]
    assert ("the damage could be permanent", "appeal_to_authority") in recs
    auth = recs[("the damage could be permanent", "appeal_to_authority")]
    assert [text[e.start:e.end] for e in auth.evidence] == ["Scientists", "said"]
    assert any(t == "exaggeration_minimisation" and "worst" in s for s, t in recs)
    for p in recs.values():
        assert text[p.span.start:p.span.end] == p.text
        assert p.technique in TECHNIQUES and p.source.startswith("rules:")


def test_repetition_marks_repeats_after_the_first():
    text = "A disgrace. Another disgrace. This disgrace must end. The vote is on Monday."
    doc = framing.analyze(text)
    reps = [p for p in persuasion_rules(doc) if p.technique == "repetition"]
    assert [p.span.start for p in reps] == [text.index("disgrace", 12), text.index("disgrace", 25)]
    assert all(p.evidence[0] == Span(2, 10) for p in reps)


def test_neutral_news_has_no_techniques():
    text = ("The city council met on Tuesday to discuss the budget. The meeting lasted two hours, "
            "and the vote was postponed to next month, a spokesperson said.")
    assert _found(text) == set()


def test_record_and_document_dict():
    doc = framing.analyze("Our country deserves better.")
    find_persuasion(doc)
    d = doc.to_dict()
    assert d["persuasion"] == [{"span": [0, 27], "text": "Our country deserves better",
                                "technique": "flag_waving", "score": 0.4,
                                "evidence": [[0, 11]], "source": "rules:cue", "voice": "author"}]
    json.dumps(d)
    assert Document("x").persuasion == []


def test_rule_technique_on_given_spans():
    doc = framing.analyze("Our country deserves better. They met on Monday to talk about the long plan ahead.")
    recs = persuasion_rules(doc)
    assert rule_technique(recs, doc.text, 0, 27) == "flag_waving"
    assert rule_technique(recs, doc.text, 29, 33) == "loaded_language"  # fallback by length
    assert rule_technique(recs, doc.text, 29, len(doc.text) - 1) == "doubt"


@pytest.mark.parametrize("text", [
    "", "!!!", '"' * 50, "<p>Our <b>country</b> deserves better!</p>", "“Unbalanced quote. " * 30,
    "so-called " * 500, "\x00\ufeffthe thugs\u200b allegedly\r\n",
])
def test_hostile_text_never_crashes(text):
    doc = framing.analyze(text)
    find_persuasion(doc)
    for p in doc.persuasion:
        assert 0 <= p.span.start < p.span.end <= len(text)


def test_technique_key():
    assert [technique_key(t) for t in ("Loaded_Language", "Bandwagon,Reductio_ad_hitlerum",
                                       "Black-and-White_Fallacy", "Whataboutism,Straw_Men,Red_Herring")] == [
        "loaded_language", "bandwagon_reductio_ad_hitlerum", "black_and_white_fallacy",
        "whataboutism_straw_men_red_herring"]


# -- the step with any span model ---------------------------------------------------------------
class _Fixed:
    """A duck-typed span model that only takes strings."""

    def predict_spans(self, texts):
        out = []
        for t in texts:
            if not isinstance(t, str):
                raise TypeError("strings only")
            i = t.find("traitors")
            out.append([(i, i + 8, "Name_Calling,Labeling", 0.9)] if i >= 0 else [])
        return out


def test_step_takes_any_object_with_predict_spans():
    doc = framing.analyze("The traitors met. They were hopeless.")
    find_persuasion(doc, _Fixed())
    assert [(p.text, p.technique, p.source, p.score) for p in doc.persuasion] == [
        ("traitors", "name_calling_labeling", "model", 0.9)]
    with pytest.raises(TypeError, match="predict_spans"):
        find_persuasion(doc, object())

    class _Bad:
        def predict_spans(self, texts):
            return [[(0, 10_000, "Doubt", 0.5)]]

    with pytest.raises(ValueError, match="outside the text"):
        find_persuasion(doc, _Bad())


# -- the scorers ---------------------------------------------------------------------------------
def test_si_partial_overlap_by_hand():
    # pred (0,10) overlaps gold (5,15) by 5: P = 5/10, R = (5/10 + 0) / 2
    assert si_scores([[(0, 10)]], [[(5, 15), (20, 25)]]) == {
        "precision": 0.5, "recall": 0.25, "f1": pytest.approx(1 / 3)}
    # overlapping predictions merge first, as the task's scorer does
    assert si_scores([[(0, 6), (4, 10)]], [[(0, 10)]])["f1"] == 1.0
    assert si_scores([[]], [[(0, 3)]])["f1"] == 0.0
    assert merge_spans([(3, 5), (0, 3)]) == [(0, 5)]
    with pytest.raises(ValueError):
        si_scores([[]], [])


def test_tc_micro_f1_counts_duplicate_fragments():
    gold = [[(0, 4, "Doubt"), (0, 4, "Repetition"), (6, 9, "Slogans")]]
    assert tc_micro_f1([[(0, 4, "Doubt"), (0, 4, "Repetition"), (6, 9, "Slogans")]], gold) == 1.0
    assert tc_micro_f1([[(0, 4, "Doubt"), (0, 4, "Doubt"), (6, 9, "Slogans")]], gold) == pytest.approx(2 / 3)


# -- the model -----------------------------------------------------------------------------------
TEXTS = [
    "They are traitors. Traitors, all of them! The vote is on Monday.",
    "The committee meets on Monday. These traitors must go!",
    "The report was published on Friday. The liars lied again.",
    "The liars are back. The budget passed on Tuesday.",
]
SPANS = [
    [(9, 17, "Name_Calling,Labeling"), (19, 27, "Name_Calling,Labeling"), (19, 41, "Loaded_Language")],
    [(37, 45, "Name_Calling,Labeling")],
    [(40, 45, "Name_Calling,Labeling"), (46, 50, "Loaded_Language")],
    [(4, 9, "Name_Calling,Labeling")],
]


@pytest.fixture(scope="module")
def fitted():
    return PersuasionSpanTagger(min_df=1, C=10, C_technique=10).fit(TEXTS, SPANS)


def test_model_finds_and_labels_spans(fitted):
    text = "The traitors met on Monday."
    out = fitted.predict_spans([text, "The budget passed on Tuesday."])
    assert [(text[a:b], lab) for a, b, lab, _ in out[0]] == [("traitors", "Name_Calling,Labeling")]
    assert out[1] == []
    assert 0.35 <= out[0][0][3] <= 1


def test_model_contract(fitted):
    est = PersuasionSpanTagger(C=2.0, threshold=0.4)
    assert clone(est).get_params() == est.get_params()
    assert est.set_params(C=3.0).C == 3.0
    assert est.__sklearn_tags__().input_tags.string
    assert not hasattr(est, "coef_")
    rows = [(TEXTS[0], 9, 17), (TEXTS[0], 19, 41)]
    proba = fitted.predict_proba(rows)
    assert proba.shape == (2, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert fitted.predict(rows).tolist() == ["Name_Calling,Labeling", "Loaded_Language"]
    docs = [framing.analyze(TEXTS[0])]
    np.testing.assert_allclose(fitted.predict_proba([(docs[0], 9, 17)]), proba[:1])


@pytest.mark.parametrize("X, y, match", [
    ("a bare string", [], "bare string"),
    (TEXTS, SPANS[:2], "span lists"),
    (TEXTS[:1], [[(0, 999, "Doubt")]], "outside the text"),
    (TEXTS[:1], [[]], "no spans"),
])
def test_fit_validation(X, y, match):
    with pytest.raises(ValueError, match=match):
        PersuasionSpanTagger(min_df=1).fit(X, y)


def test_fit_validation_of_params():
    with pytest.raises(ValueError, match="threshold"):
        PersuasionSpanTagger(threshold=1.5).fit(TEXTS, SPANS)
    with pytest.raises(ValueError, match="outside its article"):
        PersuasionSpanTagger(min_df=1).fit(TEXTS, SPANS).predict_proba([(TEXTS[0], 0, 999)])


def test_json_round_trip_and_validation(fitted, tmp_path):
    path = tmp_path / "m.json"
    fitted.to_json(path, meta={"trained_on": "toy"})
    back = PersuasionSpanTagger.from_json(path)
    assert back.get_params() == fitted.get_params()
    assert back.predict_spans(TEXTS) == fitted.predict_spans(TEXTS)
    payload = json.loads(path.read_text())
    for key, value, match in [
        ("format", "other/1", "not a framing.PersuasionSpanTagger/1 file"),
        ("coef", payload["coef"][:-1], "coef has shape"),
        ("technique_coef", [[float("nan")] * len(r) for r in payload["technique_coef"]], "finite"),
        ("classes", ["b", "a"], "sorted list"),
        ("params", {**payload["params"], "threshold": 2}, "threshold"),
    ]:
        bad = dict(payload, **{key: value})
        p = tmp_path / "bad.json"
        p.write_text(json.dumps(bad))
        with pytest.raises(ValueError, match=match):
            PersuasionSpanTagger.from_json(p)


def test_record_is_frozen():
    p = Persuasion(Span(0, 3), "abc", "doubt")
    with pytest.raises(AttributeError):
        p.technique = "x"  # type: ignore[misc]


# -- on the shared corpus ------------------------------------------------------------------------
@requires_data("ptc_semeval2020_task11")
def test_rules_on_ptc_dev_sample_beat_chance():
    """The default on 12 PTC dev articles: SI F1 well above sentence-level chance; measured
    0.317 on all 75 (evaluation/persuasion.py --split test), floor here 0.15; PTC dev is only read, never tuned on."""
    from framing.datasets import load_ptc

    dev = load_ptc("dev").iloc[:12]
    pred = [[(p.span.start, p.span.end) for p in persuasion_rules(framing.analyze(t))] for t in dev["text"]]
    assert si_scores(pred, list(dev["si_spans"]))["f1"] >= 0.15


# -- the pipeline step -----------------------------------------------------------------------------
def test_pipeline_persuasion_step():
    from framing import Pipeline

    p = Pipeline.default()
    assert p.names[-1] == "persuasion" and p["persuasion"].model is None
    doc = p.run("Our country deserves better. The thugs must go.")
    assert ("Our country deserves better", "flag_waving") in {(x.text, x.technique) for x in doc.persuasion}
    assert Document.from_dict(doc.to_dict()).persuasion == doc.persuasion
    doc = p.replace("persuasion", _Fixed()).run("The traitors met.")
    assert [(x.text, x.source) for x in doc.persuasion] == [("traitors", "model")]
    with pytest.raises(TypeError, match="predict_spans"):
        p.replace("persuasion", object())
    assert not p.without("persuasion").run("Our country deserves better.").persuasion


def test_pipeline_reads_a_model_file(fitted, tmp_path):
    from framing import Pipeline

    path = tmp_path / "p.json"
    fitted.to_json(path)
    doc = Pipeline.default().replace("persuasion", str(path)).run("The traitors met on Monday.")
    assert [(x.text, x.technique) for x in doc.persuasion] == [("traitors", "name_calling_labeling")]


def test_technique_rates_per_outlet_within_stories(sample):
    cmp = framing.compare(sample.analyze(progress=False), n_boot=50)
    assert {"persuasion_per_1k", "persuasion_author_per_1k",
            "persuasion_loaded_language_per_1k"} <= set(cmp.by_group["metric"])
    rows = cmp.by_group[cmp.by_group["metric"] == "persuasion_loaded_language_per_1k"].set_index("outlet")
    # the tabloid uses loaded language more than the wire service, in the sample's design
    assert rows.loc["The Morning Blast", "value"] > rows.loc["Meridian Wire", "value"]
    assert (rows["ci_low"] <= rows["value"]).all() and (rows["value"] <= rows["ci_high"]).all()
    diffs = cmp.differences[cmp.differences["metric"] == "persuasion_per_1k"]
    assert len(diffs) == 6 and diffs["n_stories"].min() >= 1
