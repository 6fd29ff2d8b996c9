"""Document._repr_html_: evidence highlighted, text escaped, nesting well formed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from framing import Document
from framing.records import Attribution, Cue, Evaluation, Mention, Span
from framing.analysis import document_from_record
from framing.viz.display import render_document


class _Checker(HTMLParser):
    """Collects tags and checks that every opened span is closed in order."""

    def __init__(self):
        super().__init__()
        self.stack, self.tags, self.errors, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Checker:
    c = _Checker()
    c.feed(html)
    c.close()
    return c


def test_gold_document_renders_all_evidence(sample_gold):
    doc = document_from_record(sample_gold[0])
    html = doc._repr_html_()
    c = _parse(html)
    assert c.errors == [] and c.stack == []
    assert set(c.tags) <= {"div", "span", "table", "tr", "th", "td"}
    # every character of the text is shown, once (labels and the legend aside)
    body = re.search(r'line-height: 2.1[^>]*>(.*?)</div><div style="color: #777', html, re.S).group(1)
    plain = re.sub(r'<span style="font-size: 0.62em[^>]*>[^<]*</span>', "", body)
    import html as h

    assert h.unescape(re.sub(r"<[^>]+>", "", plain)) == doc.text
    # the doubt cue "claimed" is coloured by its stance, and the source is marked
    assert re.search(r'title="cue \(doubt\)">claimed</span>', html)
    assert 'title="mention of Viktor Sablin' in html
    assert "evaluative -0.50, quoted voice" in html and "evaluative -0.50, author voice" in html
    assert "hedge (cue, author voice)" in html
    # the speaker table counts Viktor Sablin's attributions with their cue
    n = sum(1 for a in doc.attributions if a.actor == "Viktor Sablin")
    assert re.search(rf"<td[^>]*>Viktor Sablin</td><td[^>]*>{n}</td>", html)


def test_overlaps_nest_and_markup_is_escaped():
    text = 'Critics said "<b>this</b> deal is shameful," and it may fail.'
    i = text.index
    doc = Document(text, title="<script>x</script>")
    content = Span(i("<b>"), i(',"'))
    doc.attributions = [Attribution("direct", Span(0, 7), Span(8, 12), content, True, "neutral")]
    doc.evaluative = [Evaluation(Span(i("shameful"), i("shameful") + 8), "shameful", -1, 0.7, "quoted")]
    doc.hedges = [Cue(Span(i("may"), i("may") + 3), "may", "hedge", "epistemic_modal")]
    doc.mentions = [Mention(Span(0, 7), "Critics", "<Critics>")]
    html = render_document(doc)
    assert "<b>" not in html and "<script" not in html
    assert "&lt;b&gt;this&lt;/b&gt;" in html and "&lt;Critics&gt;" in html
    c = _parse(html)
    assert c.errors == [] and c.stack == []
    # "shameful" sits inside the content shading and carries its own colour
    m = re.search(r'<span style="background: #fff6d5;"[^>]*><span style="background: #f4a3a3;[^>]*>shameful', html)
    assert m, html
    assert "Critics (anonymous)" in html


def test_empty_document():
    html = Document("Nothing found here.")._repr_html_()
    assert "Nothing found here." in html and "who is quoted" not in html
    assert "0 attributions" in html


def test_real_pipeline_output_is_well_formed():
    """Whatever the extractors find (overlaps included), the markup nests and the text survives."""
    import html as h

    from framing.datasets import load_sample, load_sample_actors

    analysis = load_sample().analyze(actors=load_sample_actors(), progress=False)
    for doc in analysis.documents:
        out = doc._repr_html_()
        c = _parse(out)
        assert c.errors == [] and c.stack == [], doc.id
        body = re.search(r'line-height: 2.1[^>]*>(.*?)</div><div style="color: #777', out, re.S).group(1)
        plain = re.sub(r'<span style="font-size: 0.62em[^>]*>[^<]*</span>', "", body)
        assert h.unescape(re.sub(r"<[^>]+>", "", plain)) == doc.text, doc.id
