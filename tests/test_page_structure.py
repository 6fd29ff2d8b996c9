"""Page structure (framing.text.page): golden parts on look-alike wire pages in the Reuters, AP
and AFP styles, the Document fields and record keys, no extractor inside a non-body part, and
the same structure from a saved .html page and the pasted .txt page."""

from __future__ import annotations

import json

import pytest

import framing
from framing import Document
from framing.records import Dateline, PagePart, Span
from framing.text.clutter import dateline_end, dateline_parts, find_clutter
from framing.text.page import PART_KINDS, find_page

from tests.wire_pages import AFP_PAGE, AP_PAGE, REUTERS_HTML, REUTERS_PAGE

REUTERS_PARTS = [
    ("headline", "Chile says copper export tax would be 'a last resort'"),
    ("section", "• Business"),
    ("date", "• Wednesday, 11 Mar 2026"),
    ("caption", "Chilean Finance Minister Elena Rojas speaks during a news conference in Santiago, "
                "Chile, March 10, 2026."),
    ("photo_credit", "Pablo Vera/Pool via REUTERS"),
    ("dateline", "SANTIAGO, March 10 (Reuters)"),
    ("body", "Chile would treat any new tax on copper exports as a last resort and keep royalties "
             "unchanged this year, the Finance Ministry said on Tuesday, citing Minister Elena Rojas."),
    ("body", "The ministry's statement, one of several it said were prepared for foreign investors, "
             "also praised the central bank's decision and said it expected growth to pick up in "
             "the second half."),
    ("body", "Mining companies - which have discussed a possible expansion of two northern mines - "
             "had to wait for the new rules, the ministry said."),
    ("credit", "(Reporting by Reuters; writing by Ana Lopez; editing by Tom Reed)"),
    ("social", "Follow us on our official WhatsApp channel for breaking news alerts and key updates!"),
    ("related", "Next In Business"),
    ("related", "Oil prices rise after storm in the Gulf of Mexico"),
    ("related", "Airline shares slide on fuel costs"),
    ("related", "Others Also Read"),
]

AP_PARTS = [
    ("headline", "Flooding forces thousands from their homes in northern Italy"),
    ("byline", "By MARIA ROSSI Associated Press"),
    ("date", "Updated 4:12 PM GMT, March 5, 2026"),
    ("caption", "Rescue workers help a resident leave a flooded street in Faenza, Italy, Thursday, "
                "March 5, 2026."),
    ("photo_credit", "(AP Photo/Luca Bruno)"),
    ("dateline", "FAENZA, Italy (AP)"),
    ("body", "Heavy rain forced more than 3,000 people from their homes in northern Italy on "
             "Thursday, the civil protection agency said, citing regional officials."),
    ("body", "Mayor Paolo Conti, who has led the town since 2021, told reporters that the river "
             "had crested overnight."),
    ("body", "The agency's bulletin, one of two it said were issued before dawn, also praised "
             "volunteers and said more rain would fall on Friday."),
    ("body", "Residents recalled the floods of 2023, which damaged internationally recognized "
             "heritage sites."),
    ("marker", "___"),
    ("credit", "Associated Press writer Gianni Verdi in Rome contributed to this report."),
    ("copyright", "Copyright 2026 The Associated Press. All rights reserved. This material may "
                  "not be published, broadcast, rewritten or redistributed."),
    ("related", "RELATED STORIES"),
    ("related", "Storms hit southern France"),
    ("related", "Alpine passes closed after snowfall"),
]

AFP_PARTS = [
    ("headline", "Kenya and Ethiopia agree to reopen Moyale border crossing"),
    ("date", "Published 06/03/2026 14:05 GMT"),
    ("caption", "Trucks queue at the Moyale border crossing on March 5, 2026."),
    ("photo_credit", "(Photo by Simon Maina / AFP)"),
    ("dateline", "Nairobi (AFP)"),
    ("body", "Trade between the two countries would resume within a week, Kenya's foreign ministry "
             "said on Friday, citing Foreign Minister Amina Wekesa."),
    ("body", "The joint statement, which was read out in both capitals, also praised local traders "
             "and said customs checks would be simplified."),
    ("body", "Ethiopia has repeatedly said it wants wider access to Kenyan ports."),
    ("related", "More from AFP"),
    ("related", "Drought pushes grain prices higher in the Horn of Africa"),
    ("related", "Somali forces retake coastal town"),
]

PAGES = {
    "reuters": (REUTERS_PAGE, REUTERS_PARTS, ("SANTIAGO", "March 10", "Reuters")),
    "ap": (AP_PAGE, AP_PARTS, ("FAENZA, Italy", None, "AP")),
    "afp": (AFP_PAGE, AFP_PARTS, ("Nairobi", None, "AFP")),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_golden_parts(name):
    text, golden, (place, date, agency) = PAGES[name]
    page = find_page(text)
    assert [(p.kind, p.text) for p in page.parts] == golden
    for p in page.parts:  # offsets point into the page
        assert text[p.span.start : p.span.end] == p.text
    dl = page.dateline
    assert (dl.place, dl.date, dl.agency) == (place, date, agency)
    assert text[dl.span.start : dl.span.end] == dl.text
    assert page.title == golden[0][1]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_parts_are_sorted_and_disjoint_and_skip_covers_all_but_body(name):
    text, _, _ = PAGES[name]
    page = find_page(text)
    spans = [p.span for p in page.parts]
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    for p in page.parts:
        covered = any(s.contains(p.span) for s in page.skip)
        assert covered == (p.kind not in ("body", "headline")), p
    assert {p.kind for p in page.parts} <= set(PART_KINDS) | {"social", "marker", "copyright"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_extractor_reports_inside_non_body_parts(name):
    text, _, _ = PAGES[name]
    doc = framing.analyze(text)
    outside = [p.span for p in doc.page if p.kind not in ("body", "headline")]
    spans = [m.span for m in doc.mentions] + [e.span for e in doc.evaluative]
    spans += [c.span for c in (*doc.hedges, *doc.boosters, *doc.vague)]
    for a in doc.attributions:
        spans += [x for x in (a.source, a.cue, a.content) if x is not None]
    assert spans
    for sp in spans:
        assert not any(sp.overlaps(o) for o in outside), (text[sp.start : sp.end], sp)
    for s in doc.sentences:
        assert not any(s.span.overlaps(o) for o in outside), s.text


def test_document_fields_and_record_keys_round_trip():
    doc = framing.analyze(REUTERS_PAGE)
    assert doc.title == "Chile says copper export tax would be 'a last resort'"
    assert doc.dateline == "SANTIAGO, March 10 (Reuters)"  # still the dateline's text
    assert doc.datelines == [Dateline(Span(231, 259), "SANTIAGO, March 10 (Reuters)",
                                      "SANTIAGO", "March 10", "Reuters")]
    assert [c.text for c in doc.captions] == [REUTERS_PARTS[3][1]]
    assert [c.text for c in doc.credits] == ["Pablo Vera/Pool via REUTERS", REUTERS_PARTS[9][1]]
    record = doc.to_dict()
    assert record["datelines"] == [{"span": [231, 259], "text": "SANTIAGO, March 10 (Reuters)",
                                    "place": "SANTIAGO", "date": "March 10", "agency": "Reuters"}]
    assert record["page"][0] == {"kind": "headline", "span": [0, 53], "text": REUTERS_PARTS[0][1]}
    again = Document.from_dict(json.loads(json.dumps(record)))
    assert again.page == doc.page and again.datelines == doc.datelines
    assert all(isinstance(p, PagePart) and isinstance(p.span, Span) for p in again.page)
    assert again.to_dict() == record


def test_a_given_title_is_kept():
    doc = Document(AFP_PAGE, title="Border to reopen")
    framing.Pipeline.default().run(doc)
    assert doc.title == "Border to reopen"
    assert doc.page[0].kind == "headline"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the talks may resume.",
        "Officials said the talks may resume.\n\nThe minister said the deal was close.",
        "A short opening line\nthat goes on in the next line of the same paragraph.",
        "",
    ],
)
def test_pure_article_has_only_body(text):
    page = find_page(text)
    assert {p.kind for p in page.parts} <= {"body"}
    assert page.title is None and page.dateline is None and page.skip == ()


def test_head_lines_only_at_the_head():
    # a bulleted line or a date line inside the article stays article text
    text = ("Senate passes budget bill\n\nWASHINGTON — The Senate passed the budget bill on "
            "Tuesday after a long debate.\n\n• Defence\n\nMarch 5, 2026\n\nThe House votes next.")
    kinds = [(p.kind, p.text) for p in find_page(text).parts]
    assert ("body", "• Defence") in kinds and ("body", "March 5, 2026") in kinds
    assert kinds[1] == ("dateline", "WASHINGTON")


def test_dateline_helpers():
    assert dateline_parts("LONDON/PARIS, Feb. 2 (Reuters)") == ("LONDON/PARIS", "Feb. 2", "Reuters")
    assert dateline_parts("DES MOINES, Iowa") == ("DES MOINES, Iowa", None, None)
    text = "Nairobi (AFP) - Trade resumed."
    assert text[dateline_end(text):] == " Trade resumed."
    assert dateline_end("Trade resumed.") == 0


def test_caption_alone_and_credit_alone():
    text = ("Market opens higher\n\nTraders work on the floor of the exchange. REUTERS/Jane Doe/File Photo\n\n"
            "Getty Images\n\nNEW YORK, Jan 5 (Reuters) - Stocks rose on Monday as investors "
            "bought shares of chipmakers, traders said.")
    kinds = [(p.kind, p.text) for p in find_page(text).parts]
    assert kinds[1:4] == [("caption", "Traders work on the floor of the exchange."),
                          ("photo_credit", "REUTERS/Jane Doe/File Photo"),
                          ("photo_credit", "Getty Images")]


def test_hostile_pages_do_not_crash():
    for text in ("•\n" * 5000, "(Reuters) -" * 3000, "\n\n".join(["A" * 500] * 50),
                 "Headline\n\n" + "MOSCOW, Feb 2 (Reuters) - " * 200, "“" * 10000,
                 "• World\n" + "Getty Images\n\n" * 3000 + "An article line that goes on for long enough."):
        page = find_page(text)
        for p in page.parts:
            assert text[p.span.start : p.span.end] == p.text


def test_saved_html_and_pasted_text_give_the_same_structure(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    from framing.cli import main

    html = tmp_path / "chile.html"
    html.write_text(REUTERS_HTML, encoding="utf-8")
    txt = tmp_path / "chile.txt"
    txt.write_text(REUTERS_PAGE, encoding="utf-8")
    records = {}
    for path in (html, txt):
        assert main(["analyze", str(path), "--json"]) == 0
        records[path.suffix] = json.loads(capsys.readouterr().out)
    article = ("headline", "caption", "photo_credit", "dateline", "body", "credit")

    def structure(r):
        return [(p["kind"], p["text"]) for p in r["page"] if p["kind"] in article]

    assert structure(records[".html"]) == structure(records[".txt"])
    assert structure(records[".txt"]) == [p for p in REUTERS_PARTS if p[0] in article]
    strip = [{k: v for k, v in d.items() if k != "span"} for d in records[".txt"]["datelines"]]
    assert [{k: v for k, v in d.items() if k != "span"} for d in records[".html"]["datelines"]] == strip
    assert records[".html"]["title"] == records[".txt"]["title"]

    def attributions(r):
        t = r["text"]
        return [(t[slice(*a["source"])] if a["source"] else None, t[slice(*a["cue"])], a["text"])
                for a in r["attributions"]]

    assert attributions(records[".html"]) == attributions(records[".txt"])


def test_find_clutter_dateline_after_caption_and_head_lines():
    text = REUTERS_PAGE
    found = find_clutter(text)
    assert found.dateline == "SANTIAGO, March 10 (Reuters)"
    assert [r.kind for r in found.regions][:4] == ["section", "date", "caption", "dateline"]
