"""Golden spans and rules of the evaluative-language extractor (guidelines section 3)."""

from __future__ import annotations

import pytest

from framing import Attribution, Document, Span
from framing.datasets import load_sample_gold
from framing.extract.evaluative import extract_evaluations, evaluative_lexicon, scare_quotes, word_polarity
from framing.features import EvaluativeFeatures
from framing.scoring import match_spans, span_prf
from tests.estimator_checks import check_text_transformer


def _found(text, attributions=None):
    return [(e.text, e.polarity, e.voice) for e in extract_evaluations(text, attributions)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # plain lexicon words, both polarities
        ("The plan is dangerous.", [("dangerous", -1, "author")]),
        ("It was a generous offer.", [("generous", 1, "author")]),
        # negation flips, and the span takes the negator in
        ("The demand is not unreasonable.", [("not unreasonable", 1, "author")]),
        ("The talks were hardly constructive.", [("hardly constructive", -1, "author")]),
        ("It was hardly a success.", [("hardly a success", -1, "author")]),
        ("The offer is no longer generous.", [("no longer generous", -1, "author")]),
        ("They never said it was fair.", [("fair", 1, "author")]),  # negator too far away
        # intensifiers join the span and raise the intensity
        ("He was absolutely furious.", [("absolutely furious", -1, "author")]),
        # loaded labels and distancing markers
        ("The regime sent thugs.", [("regime", -1, "author"), ("thugs", -1, "author")]),
        ("The so-called reform passed.", [("so-called", -1, "author")]),
        ("A heroic rescue.", [("heroic", 1, "author")]),
        ("They called it a land grab.", [("land grab", -1, "author")]),
        # the news stoplist: scored by general lexicons, not evaluative in news
        ("The party met the vice president.", []),
        ("The patient is in critical condition.", []),
        ("Gross domestic product grew.", []),
        ("Three people were killed in the attack.", []),
        ("The plant was closed.", []),
        # "failed" reports the outcome of a vote or bid; as a judgement it evaluates (issue #12)
        ("The measure failed 48-51.", []),
        ("The amendment failed by 10 votes.", []),
        ("The bill narrowly failed in the Senate.", []),
        ("The motion failed to pass.", []),
        ("Rent control has failed everywhere it was tried.", [("failed", -1, "author")]),
        ("It was a failed policy.", [("failed", -1, "author")]),
        # "stunning" is surprise, not approval: no span of its own, an intensifier of a head
        ("It was a stunning blow to drivers.", []),
        ("The stunning result surprised everyone.", []),
        ("It was a stunning disaster.", [("stunning disaster", -1, "author")]),
    ],
)
def test_golden_spans(text, expected):
    assert _found(text) == expected


def test_intensity_scales_and_negation_dampens():
    base = extract_evaluations("He was furious.")[0].intensity
    strong = extract_evaluations("He was extremely furious.")[0].intensity
    weak = extract_evaluations("He was slightly furious.")[0].intensity
    negated = extract_evaluations("He was not furious.")[0]
    assert weak < base < strong <= 1.0
    assert negated.polarity == 1 and negated.intensity < base
    for e in extract_evaluations("A truly shameful, utterly disgraceful and very generous act."):
        assert 0.0 < e.intensity <= 1.0


def test_voice_quoted_inside_attribution_content():
    text = 'The minister said the proposal was "an insult". The outlet called it a shambles.'
    content = Span(text.index("an insult"), text.index("an insult") + len("an insult"))
    said = Span(text.index("said"), text.index("said") + 4)
    attr = Attribution("direct", Span(0, 12), said, content)
    found = _found(text, [attr])
    assert ("insult", -1, "quoted") in found
    assert ("shambles", -1, "author") in found
    # without attributions everything is the author's
    assert {v for _, _, v in _found(text)} == {"author"}
    # a Document's own attributions are used by default
    doc = Document(text, attributions=[attr])
    assert [e.voice for e in extract_evaluations(doc)] == ["quoted", "author"]


def test_reporting_cue_stance_is_not_evaluation():
    text = "Critics slammed the plan. The council slammed the door on tenants."
    cue = Span(text.index("slammed"), text.index("slammed") + 7)
    attr = Attribution("indirect", Span(0, 7), cue, Span(cue.end + 1, text.index(".")))
    with_attr = [e.span for e in extract_evaluations(text, [attr])]
    assert cue not in with_attr  # the cue's stance belongs to the attribution
    assert len(with_attr) == 1  # the second, non-reporting "slammed" stays


def test_offsets_point_into_text_with_clutter_and_curly_quotes():
    text = "MOSCOW (Wire) - Officials called it “a total insult” and don’t hold your breath."
    for e in extract_evaluations(text):
        assert text[e.span.start : e.span.end] == e.text
    assert ("total insult", -1, "author") in _found(text)


def test_word_polarity_lookup():
    assert word_polarity("heroic").polarity == 1
    assert word_polarity("THUGS").polarity == -1
    assert word_polarity("party") is None
    assert word_polarity("the") is None
    assert word_polarity("fine", "NN") is None  # a fine, not fine
    assert word_polarity("fine", "JJ").polarity == 1


def test_stoplist_and_loaded_labels_are_disjoint():
    from framing.resources import lexicon_rows

    loaded = {r[0] for r in lexicon_rows("loaded_labels.tsv")}
    stop = {r[0] for r in lexicon_rows("news_stoplist.tsv")}
    assert loaded & stop == set()
    assert len(evaluative_lexicon().lexicon_words) > 5000


def test_scare_quotes():
    text = 'The so-called "peace plan" failed. "We will win," she said.'
    assert [text[s:e] for s, e in scare_quotes(text)] == ["peace plan"]
    content = Span(text.index("peace"), text.index("peace") + len("peace plan"))
    attr = Attribution("mixed", None, Span(0, 3), content)
    assert scare_quotes(text, [attr]) == []


def test_sample_span_f1_polarity_and_voice():
    # gold attributions give the voice; floors below the measured 0.885 / 1.0 / 1.0
    prf, tp, pol, voice = None, 0, 0, 0
    for rec in load_sample_gold():
        attrs = [Attribution(a["kind"], None, Span(*a["cue"]), Span(*a["content"]))
                 for a in rec["attributions"]]
        preds = extract_evaluations(rec["text"], attrs)
        gold = rec["evaluative"]
        s = span_prf([e.span for e in preds], [g["span"] for g in gold])
        prf = s if prf is None else prf + s
        for i, j in match_spans([e.span for e in preds], [g["span"] for g in gold]):
            tp += 1
            pol += preds[i].polarity == gold[j]["polarity"]
            voice += preds[i].voice == gold[j]["voice"]
    assert prf.f1 >= 0.80
    assert pol / tp >= 0.95
    assert voice / tp >= 0.95


@pytest.mark.parametrize(
    "text",
    [
        '"' * 50_000,
        "“unbalanced " * 20_000,
        "<div><p>so-called</p></div> " * 5_000,
        "not " * 30_000 + "good",
        "\x00\ufeff\u202e bad ��" * 5_000,
        "very " * 40_000,
    ],
)
def test_hostile_input_does_not_crash(text):
    found = extract_evaluations(text)
    for e in found:
        assert text[e.span.start : e.span.end] == e.text
    scare_quotes(text)


def test_linear_in_input_size(monkeypatch):
    # count the modifier look-ups: they must grow linearly with the text, not quadratically
    import framing.extract.evaluative as ev
    import framing.extract.evaluative.rules as rules

    calls = {"n": 0}
    real = rules._modify

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(rules, "_modify", counting)
    unit = "The very dangerous regime was hardly a success, not unreasonable. "
    sizes = []
    for k in (200, 800):
        calls["n"] = 0
        ev.extract_evaluations(unit * k)
        sizes.append(calls["n"])
    assert sizes[1] == 4 * sizes[0] > 0
    # the scare-quote scan on one huge unbalanced line stays linear too (regex, no nesting)
    text = "“a" * 100_000
    assert scare_quotes(text) == []


def test_modifier_walk_is_linear_in_a_run_of_intensifiers(monkeypatch):
    # "very very ... very good" (issue #12's hostile case): every token is looked up as a
    # modifier a bounded number of times, so the look-ups grow 4x when the run grows 4x
    import dataclasses

    import framing.extract.evaluative.extract as ex

    class Counting(dict):
        n = 0

        def get(self, key, default=None):
            Counting.n += 1
            return super().get(key, default)

    lex = evaluative_lexicon()
    counting = dataclasses.replace(lex, modifiers=Counting(lex.modifiers))
    monkeypatch.setattr(ex, "evaluative_lexicon", lambda: counting)
    looked = []
    for n in (150, 600):
        Counting.n = 0
        found = ex.extract_evaluations("They said it was " + "very " * n + "good, " + "very " * n + "bad.")
        assert [e.polarity for e in found] == [1, -1]
        looked.append(Counting.n)
    assert 0 < looked[0] and looked[1] <= 4.5 * looked[0]


def test_pipeline_fills_evaluative_record():
    import framing

    d = framing.analyze("The regime's thugs were absolutely furious.").to_dict()
    assert [e["span"] for e in d["evaluative"]] == [[4, 10], [13, 18], [24, 42]]
    assert {e["voice"] for e in d["evaluative"]} == {"author"}


def test_evaluative_features_estimator_contract(sample):
    texts = [d.text for d in sample][:6]
    X = check_text_transformer(EvaluativeFeatures(), texts)
    assert X.shape == (6, 9)
    with pytest.raises(ValueError):
        EvaluativeFeatures(per_words=0).fit(texts)


def test_evaluative_features_counts():
    est = EvaluativeFeatures(per_words=None).fit(["x"])
    names = list(est.get_feature_names_out())
    row = dict(zip(names, est.transform(["The so-called regime was absolutely furious. It is fine."])[0]))
    assert row["evaluative__author_negative"] == 3
    assert row["evaluative__author_positive"] == 1
    assert row["evaluative__author_loaded_labels"] == 1
    assert row["evaluative__author_distancing"] == 1
    assert row["evaluative__quoted_negative"] == 0
    neutral = est.transform(["The council met on Tuesday."])[0]
    assert not neutral.any()
