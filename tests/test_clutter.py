"""Page clutter: golden regions on page-like texts, nothing on pure article text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.text.clutter import KINDS, MAX_HEADLINE_WORDS, Clutter, find_clutter
from framing.text.page import find_page
from framing.text import parse

from tests.conftest import requires_data, shared_data

WIRE_PAGE = """\
Russia says Geneva talks stalled over buffer zone
By Jane Doe and Oleg Petrov

MOSCOW, Feb 2 (Reuters) - Russia's Foreign Ministry said on Friday that talks in Geneva had \
stalled, blaming Kyiv for what it called "a refusal to follow through".

Russian President Vladimir Putin attends a meeting in Moscow, Russia, February 1, 2026. \
Sputnik/Mikhail Metzel/Kremlin via REUTERS

"We will follow the process closely," the ministry told Reuters in a statement.

Advertisement

(Reporting by Jane Doe; Editing by Alex Roe)

Follow us on our official WhatsApp channel

Others Also Read
Ukraine reports drone attack on Kharkiv
EU ministers meet on sanctions package
Oil prices edge higher

Next In World
Explainer: what is in the Geneva draft?
Floods hit northern Italy

© 2026 Reuters. All rights reserved.
"""

ARTICLE_LINES = (
    "Russia's Foreign Ministry said on Friday that talks in Geneva had stalled",
    '"We will follow the process closely," the ministry told Reuters in a statement.',
)


def regions(text: str) -> list[tuple[str, str]]:
    return [(r.kind, text[r.start : r.end]) for r in find_clutter(text).regions]


def test_wire_page_golden_regions():
    assert regions(WIRE_PAGE) == [
        ("byline", "By Jane Doe and Oleg Petrov"),
        ("dateline", "MOSCOW, Feb 2 (Reuters) -"),
        ("caption", "Russian President Vladimir Putin attends a meeting in Moscow, Russia, "
                    "February 1, 2026. Sputnik/Mikhail Metzel/Kremlin via REUTERS"),
        ("ad", "Advertisement"),
        ("credit", "(Reporting by Jane Doe; Editing by Alex Roe)"),
        ("social", "Follow us on our official WhatsApp channel"),
        ("related", "Others Also Read"),
        ("related", "Ukraine reports drone attack on Kharkiv"),
        ("related", "EU ministers meet on sanctions package"),
        ("related", "Oil prices edge higher"),
        ("related", "Next In World"),
        ("related", "Explainer: what is in the Geneva draft?"),
        ("related", "Floods hit northern Italy"),
        ("copyright", "© 2026 Reuters. All rights reserved."),
    ]
    found = find_clutter(WIRE_PAGE)
    assert found.dateline == "MOSCOW, Feb 2 (Reuters)"
    assert found.byline == "By Jane Doe and Oleg Petrov"
    assert {r.kind for r in found.regions} <= set(KINDS)


def test_regions_are_sorted_disjoint_and_trimmed():
    found = find_clutter(WIRE_PAGE)
    spans = found.spans
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    for s in spans:
        piece = WIRE_PAGE[s.start : s.end]
        assert piece and piece == piece.strip()


def test_sentences_skip_clutter_and_keep_article():
    found = find_clutter(WIRE_PAGE)
    sentences = parse(WIRE_PAGE, skip=found.spans)
    texts = [s.text for s in sentences]
    # the article after the dateline starts a sentence; its offsets point into the page
    first = next(s for s in sentences if s.text.startswith("Russia's Foreign Ministry"))
    assert WIRE_PAGE[first.start : first.end] == first.text
    assert WIRE_PAGE[first.start - 2 : first.start] == "- "
    assert any(t == ARTICLE_LINES[1] for t in texts)
    for s in sentences:
        assert not any(s.span.overlaps(c) for c in found.spans)
    joined = " ".join(texts)
    for junk in ("via REUTERS", "Reporting by", "WhatsApp", "Others Also Read", "Floods", "©"):
        assert junk not in joined


def test_pipeline_sets_clutter_fields():
    doc = framing.analyze(WIRE_PAGE)
    assert doc.dateline == "MOSCOW, Feb 2 (Reuters)"
    assert doc.byline == "By Jane Doe and Oleg Petrov"
    # the clutter and the caption's two parts (framing.text.page) are skipped, not the headline
    assert doc.clutter == list(find_page(WIRE_PAGE).skip)
    assert all(any(c.contains(r) for c in doc.clutter) for r in find_clutter(WIRE_PAGE).spans)
    assert doc.title == "Russia says Geneva talks stalled over buffer zone"
    assert doc.to_dict()["clutter"][0] == [doc.clutter[0].start, doc.clutter[0].end]
    assert "Advertisement" not in " ".join(s.text for s in doc.sentences)


@pytest.mark.parametrize(
    "line, dateline",
    [
        ("MOSCOW, Feb 2 (Reuters) - Russia said on Friday", "MOSCOW, Feb 2 (Reuters)"),
        ("Dec 29 (Reuters) - U.S. Democratic candidate Hillary Clinton said", "Dec 29 (Reuters)"),
        ("DALLAS (AP) — Democratic presidential candidate Martin O'Malley is", "DALLAS (AP)"),
        ("UNITED NATIONS (AP) — The Security Council met", "UNITED NATIONS (AP)"),
        ("Washington (AFP) – President Barack Obama said", "Washington (AFP)"),
        ("WASHINGTON — The Senate voted on Tuesday", "WASHINGTON"),
        ("(CNN) - The Senate voted on Tuesday", "(CNN)"),
        ("Washington (CNN) – The Senate voted on Tuesday", "Washington (CNN)"),
        ("MANCHESTER, N.H. - Sen. Bernie Sanders won", "MANCHESTER, N.H."),
        ("LONDON/PARIS, Feb. 2 (Reuters) - European shares rose", "LONDON/PARIS, Feb. 2 (Reuters)"),
    ],
)
def test_datelines(line, dateline):
    text = "Some headline here\n\n" + line + " and more.\n\nSecond paragraph."
    found = find_clutter(text)
    assert found.dateline == dateline
    (region,) = found.regions
    assert region.kind == "dateline"
    assert text[region.end :].lstrip()[0].isalpha()
    assert text[region.start : region.end].startswith(dateline)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("By Jane Doe", "byline"),
        ("By JACKIE CALMES", "byline"),
        ("By Jane M. Doe, Reuters", "byline"),
        ("(Reporting by Guy Faulconbridge in London; Writing by Jane Doe; Editing by Alex Roe)", "credit"),
        ("Reporting by Jane Doe; Editing by Alex Roe", "credit"),
        ("Associated Press writer Jane Doe in Kyiv contributed to this report.", "credit"),
        ("Alex Isenstadt contributed to this story.", "credit"),
        ("A soldier walks past a damaged building in Kharkiv. REUTERS/Vyacheslav Madiyevskyy", "caption"),
        ("A soldier walks past a damaged building. REUTERS/Jane Doe/File Photo", "caption"),
        ("Protesters gather in Paris on Monday. (Photo: Jane Doe/AP)", "caption"),
        ("Handout/Reuters.", "caption"),
        ("Getty.", "caption"),
        ("John Moore/Getty Images.", "caption"),
        ("Follow us on our official WhatsApp channel", "social"),
        ("Follow John Nolte on Twitter @NolteNC.", "social"),
        ("Sign up for our daily newsletter", "signup"),
        ("Subscribe to HuffPost's politics podcast here.", "signup"),
        ("Advertisement", "ad"),
        ("Story continues below advertisement", "ad"),
        ("© 2026 Reuters. All rights reserved.", "copyright"),
        ("Copyright 2016 The Associated Press. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("Share this article", "share"),
        ("Facebook | Twitter | Email | Print", "share"),
        ("Read more: Kremlin says talks stalled", "related"),
        ("ABSTRACT.", "marker"),
        ("FILE - In this March 7, 2020, file photo, the Capitol is seen. (AP Photo/J. Doe, File)", "caption"),
        ("Image copyright Getty Images", "caption"),
        ("Slideshow (2 Images)", "caption"),
        ("Follow @politicalticker Follow @KilloughCNN", "social"),
        ("- Follow the Ticker on Twitter: @PoliticalTicker", "social"),
        ("Send tips to rachel@ dailycallernewsfoundation.org.", "social"),
        ("Interested in Donald Trump? Add Donald Trump as an interest to stay up to date.", "signup"),
        ("Advertisement:", "ad"),
        ("6 years ago", "timestamp"),
        ("This article is more than 2 years old", "timestamp"),
        ("By MICHAEL FALCONE ( @michaelpfalcone )", "byline"),
        ("Full Coverage: Virus Outbreak", "related"),
    ],
)
def test_clutter_lines(line, kind):
    text = f"The council voted on Tuesday.\n\n{line}\n\nThe measure passed."
    assert regions(text) == [(kind, line)]


@pytest.mark.parametrize(
    "line",
    [
        # article sentences that look a little like clutter
        "By Tuesday, the Senate had voted to delay the tax.",
        "By winning the primary in Ohio, John Kasich picked up all 66 delegates.",
        '"We will follow the process closely," the ministry told Reuters.',
        "Follow the money, the senator said on Twitter.",
        "He signed up for the army in 2003, his mother said.",
        "A Reuters/Ipsos poll showed Trump leading the field with 31 percent.",
        "Copyright lawyers said the ruling would be appealed.",
        "Advertisement spending fell by 3 percent, the company said.",
        "The photo, credited to Reuters/Libya, showed armed men.",
        "Related coverage of the summit was limited, officials said.",
        "Share prices fell 3 percent on Monday.",
        "Read more about the plan, he told reporters, and you will see it fails.",
        "WASHINGTON is not a city that forgives mistakes, analysts say.",
        "Next in line for the post is the deputy minister.",
        "Reuters reported on Monday that talks had stalled.",
        "Several agencies contributed to the report, the ministry said.",
        "Sources said the talks (reporting by state media suggested otherwise) had stalled.",
        "Six years ago the talks collapsed in the same way.",
        "FILE photos released on Monday showed the damage, the ministry said.",
        "Interested parties have until Friday to respond, the agency said.",
    ],
)
def test_article_lines_are_not_clutter(line):
    text = f"The council voted on Tuesday.\n\n{line}\n\nThe measure passed."
    assert find_clutter(text).regions == ()


def test_related_list_stops_at_article_paragraph():
    text = (
        "The council voted on Tuesday.\n\nRelated Stories\nMayor vows to fight cap\n"
        "Landlords plan appeal\n\nThe measure, which passed 7-4, takes effect on May 1. "
        "Landlords said they would appeal.\n"
    )
    got = regions(text)
    assert got == [
        ("related", "Related Stories"),
        ("related", "Mayor vows to fight cap"),
        ("related", "Landlords plan appeal"),
    ]


def test_marker_with_its_headline_does_not_open_a_list():
    text = "The council voted.\n\nRelated: Mayor vows to fight cap\nWhy The Vote Matters\n\nIt passed."
    assert regions(text) == [("related", "Related: Mayor vows to fight cap")]


def test_trailing_credit_inside_paragraph():
    text = "Islamic State has killed Yazidis, she said. (Reporting by Jane Doe; Editing by Eric Roe.)"
    (region,) = find_clutter(text).regions
    assert region.kind == "credit"
    assert text[region.start : region.end] == "(Reporting by Jane Doe; Editing by Eric Roe.)"
    assert [s.text for s in parse(text, skip=[region.span])] == [
        "Islamic State has killed Yazidis, she said."
    ]


def test_empty_and_blank_texts():
    assert find_clutter("") == Clutter()
    assert find_clutter("\n\n  \n") == Clutter()


def test_rejects_non_strings():
    with pytest.raises(TypeError):
        find_clutter(None)  # type: ignore[arg-type]


def test_sample_articles_have_no_clutter(sample):
    for doc in sample:
        found = find_clutter(doc.text)
        assert found == Clutter(), doc.id


_LINES = st.sampled_from([
    "MOSCOW, Feb 2 (Reuters) - ", "By Jane Doe", "Advertisement", "Next In World", "Read more:",
    "(Reporting by Jane Doe; Editing by Alex Roe)", "via REUTERS", "Follow us on X", "©",
    "Russia said talks stalled.", "“Quote,” he said.", "Short headline", "\n", "\n\n", " ", "\r\n",
])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_LINES, max_size=40).map("".join)))
def test_regions_hold_for_any_text(text):
    found = find_clutter(text)
    prev = 0
    for r in found.regions:
        assert prev <= r.start < r.end <= len(text)
        assert r.kind in KINDS
        prev = r.end
    for s in parse(text, skip=found.spans):
        assert not any(s.span.overlaps(c) for c in found.spans)


def test_long_inputs_scale_linearly():
    # hostile shapes: one enormous line, very many short clutter-like lines, many bylines
    def count(text: str) -> int:
        return len(find_clutter(text).regions)

    unit_line = "MOSCOW, Feb 2 (Reuters) By Jane Doe via REUTERS (Reporting by " * 50
    assert count(unit_line * 40) == 0  # one line of ~130k characters: no region, no blow-up
    lines = "Advertisement\nBy Jane Doe\nShare\n"
    assert count(lines * 1000) == 3000
    assert count(lines * 10000) == 30000
    related = "Read more:\n" + "A headline without end\n" * 50000
    assert count(related) == 50001


def _polnear_annotated_spans(ann: Path) -> list[tuple[int, int]]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = re.match(r"T\d+\t(?:Source|Cue|Content) ([\d; ]+)\t", line)
        if m:
            for part in m.group(1).split(";"):
                a, b = map(int, part.split())
                out.append((a, b))
    return out


@requires_data("polnear")
def test_polnear_article_bodies_are_never_marked():
    """Clutter never overlaps an annotated source, cue or content in real PolNeAR articles."""
    root = shared_data() / "polnear" / "data" / "train"
    files = sorted((root / "text").glob("*.txt"))
    assert files
    kinds = set()
    for f in files:
        text = f.read_text(encoding="utf-8")
        found = find_clutter(text)
        kinds.update(r.kind for r in found.regions)
        annotated = []
        for ann in (root / "attributions").glob(f"{f.stem}_*.ann"):
            annotated += _polnear_annotated_spans(ann)
        for r in found.regions:
            for a, b in annotated:
                assert not (r.start < b and a < r.end), (f.name, text[r.start : r.end])
        # lines quoting Reuters or "follow" inside the body stay article text
        for s in found.spans:
            piece = text[s.start : s.end]
            assert "“" not in piece and "”" not in piece, (f.name, piece)
    assert {"dateline", "marker", "social"} <= kinds


@requires_data("article_bias_prediction")
def test_article_bias_prediction_pages():
    """Real pages from 29 outlets: wire datelines and AP photo captions are found, and what
    is marked never runs into the article (no region is a long paragraph without a credit)."""
    import json

    folder = shared_data() / "article_bias_prediction" / "jsons_media_test"
    files = sorted(folder.glob("*.json"))
    assert files
    wire = captions = 0
    for f in files:
        text = json.loads(f.read_text(encoding="utf-8")).get("content_original") or ""
        found = find_clutter(text)
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        if re.match(r"[A-Z][A-Z ,./]+ \((?:Reuters|AP)\) [-—]", first):
            wire += 1
            assert found.dateline is not None, (f.name, first[:80])
        for line in text.splitlines():
            line = line.strip()
            if line.endswith("(AP Photo)") or re.search(r"\(AP Photo/[^()]+\)$", line):
                captions += 1
                start = text.index(line)
                assert any(s.start <= start and start + len(line) <= s.end for s in found.spans), line
        for r in found.regions:
            if r.kind in ("caption", "credit", "copyright", "social", "signup"):
                continue
            assert len(text[r.start : r.end].split()) <= MAX_HEADLINE_WORDS + 3, (f.name, r)
    assert wire > 50 and captions > 50
