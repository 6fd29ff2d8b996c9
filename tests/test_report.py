"""The report: one summary, three renderings, no live markup from the articles."""

from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

import framing  # noqa: E402
from framing import Document  # noqa: E402
from framing.records import ActorSentiment, Attribution, Cue, Evaluation, Mention, Span  # noqa: E402
from framing.analysis import Analysis, document_from_record  # noqa: E402
from framing.reporting.render import UNKNOWN_FORMAT, Report  # noqa: E402

from tests.conftest import requires_data, shared_data  # noqa: E402

EVIL_ACTOR = '<img src=x onerror="alert(1)">'


def evil_doc(outlet: str, story: str) -> Document:
    text = ('<script>alert("pwned")</script> Officials said <b onmouseover="x()">the plan</b> '
            "may fail. It is a <i>disgraceful</i> deal, the <a href='javascript:y()'>minister</a> claimed.")
    doc = Document(text, id=f"<u>{outlet}</u>", outlet=outlet, story=story, title="<h1>Big</h1>")

    def at(sub: str) -> Span:
        i = text.index(sub)
        return Span(i, i + len(sub))

    doc.attributions = [
        Attribution("indirect", at("Officials"), at("said"), at('<b onmouseover="x()">the plan</b> may fail'),
                    True, "neutral", "say", EVIL_ACTOR),
        Attribution("indirect", at("the <a href='javascript:y()'>minister</a>"), at("claimed"),
                    at("It is a <i>disgraceful</i> deal"), False, "doubt", "claim", EVIL_ACTOR),
    ]
    doc.hedges = [Cue(at("may"), "may", "hedge", "epistemic_modal", "quoted")]
    doc.evaluative = [Evaluation(at("<i>disgraceful</i>"), "<i>disgraceful</i>", -1, 0.9, "author")]
    doc.mentions = [Mention(at("<script>"), "<script>", EVIL_ACTOR)]
    doc.actor_sentiment = [ActorSentiment(Span(0, len(text)), EVIL_ACTOR, "negative")]
    return doc


def test_no_live_markup_from_articles():
    docs = [evil_doc(o, s) for s in ("<s1>", "s2") for o in ("<b>Bold --> News</b>", "Plain")]
    rep = framing.report(Analysis.from_documents(docs), n_boot=50, n_perm=20,
                         title="<script>t()</script>")
    page = rep.to_html()
    # the page has no script at all, and none of the article's tags survives as a tag
    assert "<script" not in page.lower()
    for tag in ("<b>", "<b ", "<i>", "<a ", "<img", "<u>", "<h1>Big", "<s1>"):
        assert tag not in page, tag
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    assert "javascript:" not in page.replace("href=&#x27;javascript:", "")
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold --&gt; News&lt;/b&gt;" in page
    assert "<!--" not in page
    # the snippets were there (escaped), with the spans highlighted
    assert '<mark class="doubt">claimed</mark>' in page
    assert "&lt;i&gt;disgraceful&lt;/i&gt;</mark>" in page
    # the figures drew the hostile names too, and they hold no markup either
    assert page.count("<svg") >= 4
    md = rep.to_markdown()
    assert "<script" not in md and "<b>" not in md and "<img" not in md
    assert "<script" not in rep._repr_html_()
    json.loads(rep.to_json())


@pytest.fixture(scope="module")
def gold_report(sample_gold):
    analysis = Analysis.from_documents([document_from_record(r) for r in sample_gold])
    return analysis, framing.report(analysis, n_boot=200, n_perm=200)


def test_summary_matches_comparison(gold_report):
    analysis, rep = gold_report
    s = rep.summary
    cmp = framing.compare(analysis, n_boot=200, n_perm=200)
    assert s["corpus"]["groups"] == cmp.groups
    assert s["corpus"]["articles"] == 16 and s["corpus"]["errors"] == 0
    assert s["corpus"]["words"] == int(analysis.articles["words"].sum())
    by_group = {(r["outlet"], r["metric"]): r for r in s["by_group"]}
    for r in cmp.by_group.to_dict("records"):
        got = by_group[(r["outlet"], r["metric"])]
        assert got["value"] == pytest.approx(r["value"], nan_ok=True)
        assert got["ci_low"] == pytest.approx(r["ci_low"], nan_ok=True)
    # the same numbers in the three renderings
    hedges = by_group[("Meridian Wire", "hedges_per_1k")]
    shown = f"{hedges['value']:.2f}"
    assert shown in rep.to_html() and shown in rep.to_markdown()
    assert json.loads(rep.to_json())["by_group"] == json.loads(json.dumps(s["by_group"]))
    # 6 outlet pairs x 16 metrics: the pages show the 60 smallest p-values, JSON all of them
    n = len(cmp.differences)
    assert len(s["differences"]) == n == 96
    assert f"The 60 smallest p-values of {n}" in rep.to_html()
    assert rep.to_html().count("<tr><td>") >= 60
    ps = [r["p_value"] for r in s["differences"]]
    assert ps == sorted(ps)


def test_evidence_points_into_the_text(gold_report):
    analysis, rep = gold_report
    ev = rep.summary["evidence"]
    assert {x["kind"] for x in ev} == {"stance", "anonymous", "evaluative", "hedge"}
    for x in ev:
        doc = analysis.documents[x["doc"]]
        assert doc.text[x["start"]:x["end"]] == x["text"]
        for a, b, cls in x["marks"]:
            assert 0 <= a < b <= len(x["text"])
        if x["kind"] == "stance":
            a, b, cls = next(m for m in x["marks"] if m[2] in ("doubt", "emotive"))
            assert x["text"][a:b] in {r["cue"] for r in analysis.attributions.to_dict("records")
                                      if r["cue_stance"] == cls}


def test_methods_and_actors(gold_report):
    analysis, rep = gold_report
    page = rep.to_html()
    assert "Methods" in page and "PARC 3.0" in page and "NewsMTSC" in page
    assert rep.summary["actors"]
    top = rep.summary["actors"][0]
    assert f"<td>{top}</td>" in page
    rows = [r for r in rep.summary["by_actor"] if r["actor"] == top]
    assert all(r["ci_low"] is None or r["ci_low"] <= r["value"] + 1e-9 for r in rows)


def test_write_formats(gold_report, tmp_path):
    _, rep = gold_report
    assert rep.write(tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert rep.write(tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")
    data = json.loads(rep.write(tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "svg" not in json.dumps(data["figures"])
    with pytest.raises(ValueError) as e:
        rep.write(tmp_path / "r.pdf")
    assert str(e.value) == UNKNOWN_FORMAT.format(path=str(tmp_path / "r.pdf"))


def test_reproducible(sample_gold):
    analysis = Analysis.from_documents([document_from_record(r) for r in sample_gold])
    one = framing.report(analysis, n_boot=50, n_perm=50).to_html()
    two = framing.report(analysis, n_boot=50, n_perm=50).to_html()
    assert one == two


def _neus_corpus(path, n_stories: int) -> framing.Corpus:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            story = json.loads(line)
            news = story.get("news") or {}
            if set(news) != {"left", "center", "right"}:
                continue
            for side, art in news.items():
                body = "\n\n".join(p for p in art.get("newBody") or [] if p)
                if not body.strip():
                    break
                docs.append(Document(body, id=f"{story['id']}-{side}", outlet=side,
                                     story=str(story["id"]), title=art.get("newsTitle"),
                                     meta={"source": art.get("newsSource")}))
            if len({d.story for d in docs}) >= n_stories:
                break
    return framing.Corpus(docs)


@requires_data("allsides_neus")
def test_report_on_real_story_triples(tmp_path):


    path = shared_data() / "allsides_neus/raw_crawled/headline_11_2021-10-19_crawled_all.jsonl"
    corpus = _neus_corpus(path, n_stories=30)
    actors = {"Joe Biden": ["Joe Biden", "Biden", "President Biden"],
              "Donald Trump": ["Donald Trump", "Trump"],
              "Supreme Court": ["Supreme Court", "the court", "justices"],
              "Democrats": ["Democrats", "Democratic"], "Republicans": ["Republicans", "GOP"]}
    analysis = corpus.analyze(actors=actors, progress=False)
    assert len(analysis.articles) == len(corpus)
    rep = framing.report(analysis, by="outlet", within="story", n_boot=200, n_perm=200)
    s = rep.summary
    assert s["corpus"]["groups"] == ["center", "left", "right"]
    assert s["corpus"]["stories"] >= 25
    rows = [r for r in s["by_group"] if r["metric"] == "attributions_per_1k"]
    assert len(rows) == 3
    for r in rows:
        assert r["ci_low"] <= r["value"] <= r["ci_high"] and r["ci_low"] < r["ci_high"]
    diffs = [r for r in s["differences"] if r["metric"] == "attributions_per_1k"]
    assert len(diffs) == 3 and all(r["n_stories"] >= 25 for r in diffs)
    page = rep.write(tmp_path / "neus.html").read_text(encoding="utf-8")
    for side in ("left", "center", "right"):
        assert f"<td>{side}</td>" in page
    assert not analysis.mentions.empty
    assert "Joe Biden" in s["actors"] or "Donald Trump" in s["actors"]
    actor = s["actors"][0]
    ment = [r for r in s["by_actor"] if r["actor"] == actor and r["metric"] == "mentions"]
    assert {r["outlet"] for r in ment} == {"left", "center", "right"}
    assert all(r["ci_low"] is not None and r["ci_low"] <= r["value"] <= r["ci_high"] for r in ment)
    assert re.search(rf"<td>{re.escape(actor)}</td>", page)
