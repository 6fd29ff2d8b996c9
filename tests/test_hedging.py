"""Hedging extractor: golden spans for each disambiguation case (both ways), the sample's
gold, the transformer contract, voice, and a long hostile input."""

from __future__ import annotations

import pytest

from framing import Attribution, Document, Span
from framing.datasets import load_sample, load_sample_gold
from framing.features import HedgingFeatures
from framing.extract.hedging import (
    CATEGORIES,
    add_hedging,
    extract_hedges,
    hedging_rates,
    cue_lexicon,
    uncertain_sentences,
)
from framing.scoring import span_prf
from tests.estimator_checks import check_text_transformer


def cues(text, category):
    return [(c.text, c.subtype) for c in extract_hedges(text, categories=[category])]


def texts(text, category):
    return [c.text for c in extract_hedges(text, categories=[category])]


# (text, category, expected cue texts): each ambiguous word both ways
GOLDEN = [
    # "May" the month or a name vs the modal
    ("Talks resume on May 4.", "hedge", []),
    ("The cap takes effect in May.", "hedge", []),
    ("Prime Minister Theresa May spoke.", "hedge", []),
    ("The talks may resume next week.", "hedge", ["may"]),
    ("May this be the end of it.", "hedge", []),
    # "might" the noun vs the modal
    ("Russia did not flex its military might.", "hedge", []),
    ("They pushed with all their might.", "hedge", []),
    ("The ceasefire might collapse.", "hedge", ["might"]),
    # "could" of ability vs possibility
    ("A spokesperson could not be reached for comment.", "hedge", []),
    ("He could see the river from his window.", "hedge", []),
    ("The dispute could drag on for years.", "hedge", ["could"]),
    ("The figure could not be independently verified.", "hedge", ["could not be independently verified"]),
    # "would" of reported future vs hypothetical
    ("Moscow said it would hold talks on May 4.", "hedge", []),
    ("The minister told reporters Kyiv would not accept the plan.", "hedge", []),
    ("Countermeasures would hurt consumers, analysts say.", "hedge", ["would"]),
    ("If the talks fail, prices would rise.", "hedge", ["would"]),
    ("He would later become mayor.", "hedge", []),
    # deontic vs epistemic "may" and "must"
    ("From then on, landlords may still raise rents to cover repairs.", "hedge", []),
    ("Police may ban the march.", "hedge", []),
    ("More batches may be affected.", "hedge", ["may"]),
    ("They must leave the building.", "booster", []),
    ("We must defend our industry.", "booster", []),
    ("The Kremlin must have known the terms.", "booster", ["must"]),
    # "about" as a preposition or approximator is never a hedge
    ("They talked about the plan.", "hedge", []),
    ("About 300 people rallied in Kyiv.", "hedge", []),
    # "likely", "believe", "suggest", "appear" by context
    ("The obstacle was likely to be funding.", "hedge", ["likely"]),
    ("Pollsters interviewed 900 likely voters.", "hedge", []),
    ("Officials believe the deal will hold.", "hedge", ["believe"]),
    ("They believe in God.", "hedge", []),
    ("His tests suggested the contaminant may have entered the supply chain.", "hedge",
     ["suggested", "may"]),
    ("Others suggest they reduce the supply of housing.", "hedge", ["suggest"]),
    ("She suggested a meeting on Friday.", "hedge", []),
    ("The minister appeared in court on Monday.", "hedge", []),
    # wiki development (evaluation/hedging_errors.py): each new reading both ways
    ("It is possible that the waves caused the damage.", "hedge", ["possible"]),
    ("It is possible to detect a slow drift.", "hedge", []),
    ("It is probably the maximum possible energy.", "hedge", ["probably"]),
    ("Some thought the game was offensive.", "hedge", ["thought"]),
    ("It can be thought of as a constant sum.", "hedge", ["thought"]),
    ("The book draws on modern science and thought.", "hedge", []),
    ("The plan was well thought out.", "hedge", []),
    ("Others view them as descendants of converts.", "hedge", ["view"]),
    ("Some see him as a traitor.", "hedge", ["see"]),
    ("The view from the top is wide.", "hedge", []),
    ("Visitors see exhibits such as old maps.", "hedge", []),
    ("The comment was seen by many as anti-American.", "hedge", ["seen"]),
    ("Some consider LSD a religious sacrament.", "hedge", ["consider"]),
    ("The name change was considered.", "hedge", []),
    ("Their beliefs were challenged.", "hedge", []),
    ("The belief that the drug works is widespread.", "hedge", ["belief"]),
    ("This may take the form of a single incident.", "hedge", ["may"]),
    ("It may, in fact, be a fundamental aspect of the universe.", "hedge", ["may"]),
    ("Lactic acid has been suggested to be a factor.", "hedge", ["suggested"]),
    ("On May 20, 1983, Witherspoon would have his first title fight.", "hedge", []),
    ("Years later the magazine would cite this decision.", "hedge", []),
    # wiki development, second round (evaluation/hedging_errors.py, train split)
    ("This might be due to a missing domain.", "hedge", ["might"]),
    ("Such changes as might be associated with freezing were absent.", "hedge", ["might"]),
    ("There are no rights, because might makes right.", "hedge", []),
    ("He was born on the 3rd May, 1930, in Buenos Aires.", "hedge", []),
    ("It is possible however that the palate was fleshy.", "hedge", ["possible"]),
    ("It is possible they are separate species.", "hedge", ["possible"]),
    ("Attackers build tables for all 4096 possible salts.", "hedge", []),
    ("One possible reason is the cost.", "hedge", ["possible"]),
    ("Wheelchair access is possible at several places.", "hedge", []),
    # issue 12: what a bill provides is no hedge
    ("Senate Republicans blocked a bill that would have expanded child care subsidies.", "hedge", []),
    ("The plan would have expanded child care subsidies.", "hedge", ["would"]),
    ("Such a reform would not be possible otherwise.", "hedge", []),
    ("Gassner built sets that could capture the cold look of the era.", "hedge", []),
    ("The Tsar gave him powers so that he could fire officials.", "hedge", []),
    ("He said the talks could collapse.", "hedge", ["could"]),
    ("The early humans could have learned it from animals.", "hedge", ["could"]),
    ("A normal planetary system could not possibly survive such a blast.", "hedge", ["could", "possibly"]),
    ("Eventually the regime would sterilize thousands of people.", "hedge", []),
    ("The song would go on to top the charts.", "hedge", []),
    ("Without the subsidy, the plant would close.", "hedge", ["would"]),
    ("John does not believe his father.", "hedge", []),
    ("Some believe the public in particular is suffering.", "hedge", ["believe"]),
    ("The navy assumed responsibility for the defence of the islands.", "hedge", []),
    ("He began to assume traditional imperial clothing.", "hedge", []),
    ("Scholars have assumed that the additions were made later.", "hedge", ["assumed"]),
    ("Research suggests a correlation between the two.", "hedge", ["suggests"]),
    ("The poem remained unknown to readers until 1900.", "hedge", []),
    ("An unknown artist painted the ceiling.", "hedge", []),
    ("Astronomers consider it a comet.", "hedge", ["consider"]),
    ("The board will consider the plan on Monday.", "hedge", []),
    ("There is no proof that he was adopted.", "hedge", ["no proof"]),
    ("The cause is not well understood.", "hedge", ["not well understood"]),
    ("They studied it under the assumption that it exists.", "hedge", ["assumption"]),
    ("His assumption of office was delayed.", "hedge", []),
    ("The general feared that the alliance would break.", "hedge", ["feared"]),
    ("They lived in fear of reprisal.", "hedge", []),
    ("The group does not view nuclear energy as a remedy.", "hedge", ["view"]),
    ("The cave is more dangerous than they initially expected.", "hedge", []),
    ("The cave was as dangerous as they had expected.", "hedge", []),
    ("The election was expected to be close.", "hedge", ["expected"]),
    ("Some reformers predict that there will be more crises.", "hedge", ["predict"]),
    ("Charts are used to predict ovulation.", "hedge", []),
    ("Such performances are considered to constitute poetry.", "hedge", ["considered"]),
    ("The proposal is being considered to gain time.", "hedge", []),
    # review of the wiki rounds: each regression fixed, with the reading it must not break
    # past ability: only a past verb of the modal's own clause, before its subject, counts
    ("The company, which collapsed in 2008, could face new charges.", "hedge", ["could"]),
    ("The company which collapsed in 2008 could face new charges.", "hedge", ["could"]),
    ("The storm, which formed last week, could hit Florida by Monday.", "hedge", ["could"]),
    ("After the vote failed, the government could collapse.", "hedge", ["could"]),
    ("A study published in March concluded the vaccine could prevent half of cases.", "hedge", ["could"]),
    ("The report showed the policy could cost jobs.", "hedge", ["could"]),
    ("He wrote that the dam could fail.", "hedge", ["could"]),
    ("Researchers found the drug could cut deaths.", "hedge", ["could"]),
    ("The firm built plants that could produce cars by 2030.", "hedge", ["could"]),
    ("The firm built plants that could produce 500 cars a day.", "hedge", []),
    ("Gassner built sets that the crew could use.", "hedge", []),
    ("Fox kept the project as an option, so long as Aronofsky could find the proper cast.", "hedge", []),
    # "soon" marks a narrative future only outside "as soon as" / "how soon"
    ("As soon as the bill passes, prices would rise.", "hedge", ["would"]),
    ("Soon the army would invade the north.", "hedge", []),
    # a purpose clause needs a subject after "so that"
    ("So that is why he may leave.", "hedge", ["may"]),
    ("He left early so that he may catch the train.", "hedge", []),
    # a parenthetical "however" between "possible" and "that"
    ("It is possible, however, to detect a slow drift.", "hedge", []),
    # "it is believed/suggested/thought" stays vague attribution only (guidelines, borderline
    # decisions: impersonal reports are vague attribution only)
    ("It has been suggested that the bank was once visible.", "hedge", []),
    # multiword cues
    ("It remains to be seen whether talks will resume.", "hedge", ["It remains to be seen"]),
    ("It is not immediately clear how the city will enforce it.", "hedge", ["not immediately clear"]),
    ("There is no evidence that the drug harmed anyone.", "hedge", ["There is no evidence"]),
    ("It is unclear whether the ceasefire will hold.", "hedge", ["It is unclear whether"]),
    # boosters
    ("Kyiv clearly wants a ceasefire.", "booster", ["clearly"]),
    ("She explained the rules clearly.", "booster", []),
    ("The tariffs are almost certainly illegal.", "booster", ["almost certainly"]),
    ("Of course it will.", "booster", ["Of course"]),
    ("The ship made a change of course.", "booster", []),
    ("There is no doubt that the company acted responsibly.", "booster", ["There is no doubt"]),
    ("Indeed, the offer is reasonable.", "booster", ["Indeed"]),
    # vague attribution
    ("Some say rent caps protect tenants.", "vague", ["Some say"]),
    ("Critics argue the strategy is reckless.", "vague", ["Critics argue"]),
    ("It is believed that the leadership is under pressure.", "vague", ["It is believed"]),
    ("Sources said the deal was close.", "vague", ["Sources said"]),
    ("Many experts doubt the figures.", "vague", ["Many experts doubt"]),
    ("Two diplomats familiar with the negotiations said the obstacle was funding.", "vague",
     ["Two diplomats familiar with the negotiations"]),
    ("The delegation left early, according to officials familiar with the talks.", "vague",
     ["officials familiar with the talks"]),
    ("Economist Jane Doe said the plan would fail.", "vague", []),
    ("The Tenants Union said it was ready.", "vague", []),
    ("The officials closed the road.", "vague", []),
]


# Rules alone: "apparent" and "unknown" are not words the guidelines name, so the opt-in
# classifier may reject them even in their hedge readings; it also rejects one guideline
# example of "appeared".
GOLDEN_RULES_ONLY = [
    ("He was the apparent victim of a robbery.", "hedge", ["apparent"]),
    ("His talent became apparent early.", "hedge", []),
    ("The Heir Apparent is the present holder's son.", "hedge", []),
    ("Its early history is unknown.", "hedge", ["unknown"]),
    # a guideline example the classifier retrained on 2026-11-27 rejects (Szeged wiki leaves
    # many "appear" unmarked): one reason it stays opt-in (docs/hedging.md)
    ("The two sides appeared to narrow their differences.", "hedge", ["appeared"]),
    # the rules take "possible" across a parenthetical ", however ,"; the classifier (trained
    # before that fix, on candidates without it) rejects this one
    ("It is possible, however, that the palate was fleshy.", "hedge", ["possible"]),
    # issue 12: a predicative "possible" of an event that may happen (the classifier, trained
    # before this rule, rejects these candidates)
    ("Economists say a recession is possible next year.", "hedge", ["possible"]),
    ("More rain is possible on Sunday.", "hedge", ["possible"]),
]


@pytest.mark.parametrize("text,category,expected", GOLDEN + GOLDEN_RULES_ONLY)
def test_golden_cues(text, category, expected):
    assert texts(text, category) == expected


@pytest.mark.parametrize("text,category,expected", [g for g in GOLDEN if g[1] == "hedge"])
def test_golden_cues_with_classifier(text, category, expected):
    """The opt-in classifier keeps the guidelines' decisions (rule rejections stay final;
    modals and fixed phrases are left to their rules)."""
    assert [c.text for c in extract_hedges(text, categories=["hedge"], classifier=True)] == expected


def test_classifier_model_is_plain_data_and_only_rejects():
    import json
    from importlib import resources

    import framing.extract.hedging as h

    raw = resources.files("framing").joinpath("data", "models", "hedging.json").read_text(encoding="utf-8")
    model = json.loads(raw)
    assert {"weights", "bias", "threshold", "threshold_guideline_named", "trained_on", "tuned_on"} <= set(model)
    assert "factbank" not in model["trained_on"] + model["tuned_on"]
    assert model["threshold_guideline_named"] <= model["threshold"]
    assert all(isinstance(w, float) for w in model["weights"].values())
    text = ("Experts considered the plan a failure. Their beliefs were apparent. "
            "The ceasefire might collapse, and prices could rise. It remains to be seen.")
    rules = {(c.span, c.text) for c in extract_hedges(text, categories=["hedge"])}
    with_model = {(c.span, c.text) for c in extract_hedges(text, categories=["hedge"], classifier=True)}
    assert with_model <= rules
    assert {"might", "could", "It remains to be seen"} <= {t for _, t in with_model}
    # single non-modal words are the model's; modals stay with their rules
    assert h.is_classified(next(e for e in h.cue_lexicon("hedge") if e.words == ("beliefs",)))
    assert not h.is_classified(next(e for e in h.cue_lexicon("hedge") if e.words == ("could",)))


def test_spans_point_into_the_text():
    text = "Economists estimate that the tariffs could affect about 4 billion euros of exports."
    found = extract_hedges(text)
    assert [(c.span, c.category, c.subtype) for c in found] == [
        (Span(0, 19), "vague", "source_noun"),  # the speaker with its adjacent verb
        (Span(11, 19), "hedge", "epistemic_verb"),
        (Span(37, 42), "hedge", "epistemic_modal"),
    ]
    assert all(text[c.span.start:c.span.end] == c.text for c in found)


def test_impersonal_report_is_vague_only():
    found = extract_hedges("It is believed that the deal may collapse.")
    assert [(c.text, c.category) for c in found] == [("It is believed", "vague"), ("may", "hedge")]


def test_voice_follows_attributions():
    text = 'Lavrov said "the talks may fail". Prices may rise.'
    doc = Document(text)
    doc.attributions = [Attribution("direct", Span(0, 6), Span(7, 11), Span(13, 31))]
    hedges = extract_hedges(doc, categories=["hedge"])
    assert [(c.span, c.voice) for c in hedges] == [(Span(23, 26), "quoted"), (Span(41, 44), "author")]


def test_anonymous_attribution_sources_are_vague():
    text = "The man next to him said it."
    doc = Document(text)
    assert extract_hedges(doc, categories=["vague"]) == []
    doc.attributions = [Attribution("indirect", Span(0, 19), Span(20, 24), Span(25, 27), anonymous=True)]
    vague = extract_hedges(doc, categories=["vague"])
    assert [(c.span, c.subtype) for c in vague] == [(Span(0, 19), "anonymous_source")]


def test_add_hedging_fills_the_document_and_to_dict():
    doc = add_hedging(Document("Critics argue prices may clearly rise."))
    d = doc.to_dict()
    assert d["hedges"] == [[21, 24]] and d["boosters"] == [[25, 32]] and d["vague"] == [[0, 13]]
    assert {c["category"] for c in d["cues"]} == set(CATEGORIES)


def test_uncertain_sentences_and_rates():
    text = "Prices may rise. They rose. Critics say so."
    assert [u for _, u in uncertain_sentences(text)] == [True, False, False]
    rates = hedging_rates(text)
    assert rates["words"] == 8
    assert rates["hedge"] == pytest.approx(125.0) and rates["hedge__epistemic_modal"] == pytest.approx(125.0)
    assert rates["booster"] == 0 and rates["vague"] == pytest.approx(125.0)
    assert rates["uncertain_share"] == pytest.approx(1 / 3)


def test_bad_input():
    with pytest.raises(TypeError):
        extract_hedges(42)
    with pytest.raises(ValueError):
        extract_hedges("text", categories=["peacock"])
    assert extract_hedges("") == []


def test_lexicons_name_their_literature():
    for cat in CATEGORIES:
        entries = cue_lexicon(cat)
        assert entries and all(e.source and e.category == cat for e in entries)


def test_sample_gold_floors():
    """The bundled sample's gold hedges, boosters and vague spans (it was seen while the
    rules were written, so these are regression floors, not accuracy estimates)."""
    gold = {g["id"]: g for g in load_sample_gold()}
    totals = {k: span_prf([], []) for k in ("hedges", "boosters", "vague")}
    for doc in load_sample():
        add_hedging(doc)
        for k in totals:
            totals[k] += span_prf([c.span for c in getattr(doc, k)], gold[doc.id][k])
    assert totals["hedges"].f1 >= 0.85
    assert totals["boosters"].f1 >= 0.90
    assert totals["vague"].f1 >= 0.85


def test_golden_sample_spans():
    doc = next(d for d in load_sample() if d.id == "s3-wire")
    found = [(c.text, c.category) for c in extract_hedges(doc)]
    assert ("could not be independently verified", "hedge") in found
    assert ("It remains to be seen", "hedge") in found
    assert ("Two analysts who follow the company", "vague") in found
    # "the recall would cost" follows "said": a reported future, not a hedge
    assert ("would", "hedge") not in found


def test_long_hostile_input_scales_linearly():
    """Markup, unbalanced quotes and a huge paragraph: no crash, and the work per word stays
    flat (lexicon look-ups counted, not timed)."""
    import framing.extract.hedging.matching as h

    unit = ('<p>“Critics argue the plan <b>may</b> fail, ‘ "clearly" it might — '
            "officials familiar with the talks said & it is believed ... \u00a0 May 4 ")
    calls = []
    original = h._index

    def counting_index():
        calls.append(1)
        return original()

    def work(n):
        calls.clear()
        doc = Document(unit * n)
        h._index = counting_index
        try:
            found = extract_hedges(doc)
        finally:
            h._index = original
        return doc.word_count, len(found), len(calls)

    w1, f1, c1 = work(50)
    w2, f2, c2 = work(400)
    assert w2 == 8 * w1
    assert f2 <= 8 * f1 + 8  # cues grow with the text, not faster
    assert c2 <= 8 * c1 + 8  # one index fetch per sentence, at most


def test_features_contract(sample):
    texts_ = [d.text for d in sample][:6]
    X = check_text_transformer(HedgingFeatures(voice=False), texts_)
    names = HedgingFeatures(voice=False).fit(texts_).get_feature_names_out().tolist()
    assert "hedging__hedge__epistemic_modal" in names and "hedging__uncertain_share" in names
    assert (X >= 0).all()
    assert X[:, names.index("hedging__uncertain_share")].max() <= 1.0


def test_features_values_and_params():
    est = HedgingFeatures(per_words=100, voice=False).fit(["x"])
    X = est.transform(["Prices may rise, analysts say. They rose sharply.", "Nothing here."])
    names = est.get_feature_names_out().tolist()
    assert X[0, names.index("hedging__hedge")] == pytest.approx(12.5)
    assert X[0, names.index("hedging__vague__source_noun")] == pytest.approx(12.5)
    assert X[1].sum() == 0
    with pytest.raises(ValueError):
        HedgingFeatures(per_words=0).fit(["x"])
    with pytest.raises(ValueError):
        HedgingFeatures(voice="yes").fit(["x"])
