"""The report: one summary, three renderings, no live markup from the articles."""

from __future__ import annotations

import json
from pathlib import Path
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import framing  # noqa: E402
from framing import Document  # noqa: E402
from framing.records import ActorSentiment, Attribution, Cue, Evaluation, Mention, Span  # noqa: E402
from framing.analysis import Analysis, document_from_record  # noqa: E402
from framing.reporting.render import UNKNOWN_FORMAT, Report  # noqa: E402
from framing.reporting.summary import ARTICLE_VIEW_CHARS  # noqa: E402

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
    for tag in ("<b>", "<b ", "<i>", "<img", "<u>", "<h1>Big", "<s1>"):
        assert tag not in page, tag
    # the only links are the report's own: to its anchors and to the documentation
    for link in re.findall(r"<a [^>]*>", page):
        assert re.fullmatch(r'<a (class="[a-z]+" )?href="(#[a-z0-9-]+|https://example\.org/'
                            r'framing/[a-z/#-]*)"( title="[^"<]*")?>', link), link
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    assert "javascript:" not in page.replace("href=&#x27;javascript:", "")
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bold --&gt; News&lt;/b&gt;" in page
    assert "<!--" not in page
    # the snippets were there (escaped), with the spans highlighted
    assert '<span class="m cue-doubt">claimed</span>' in page
    assert '<span class="m negative">&lt;i&gt;disgraceful&lt;/i&gt;</span>' in page
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
        if r["metric"] == "biased_author_share":  # gold records carry no sentence_bias
            assert got["value"] is None and np.isnan(r["value"])
            continue
        assert got["value"] == pytest.approx(r["value"], nan_ok=True)
        assert got["ci_low"] == pytest.approx(r["ci_low"], nan_ok=True)
    # the same numbers in the three renderings
    hedges = by_group[("Meridian Wire", "hedges_per_1k")]
    shown = f"{hedges['value']:.2f}"
    assert shown in rep.to_html() and shown in rep.to_markdown()
    assert json.loads(rep.to_json())["by_group"] == json.loads(json.dumps(s["by_group"]))
    # 6 outlet pairs x 47 metrics (16 + 16 persuasion rates + biased sentences + 14 frame
    # shares): the pages show the 60 smallest p-values, JSON all of them
    n = len(cmp.differences)
    assert len(s["differences"]) == n == 6 * 47
    assert f"The 60 smallest p-values of {n}" in rep.to_html()
    assert rep.to_html().count("<tr><td>") >= 60
    ps = [r["p_value"] for r in s["differences"] if r["p_value"] is not None]
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
            a, b, cls = next(m for m in x["marks"] if m[2] in ("cue-doubt", "cue-emotive"))
            assert x["text"][a:b] in {r["cue"] for r in analysis.attributions.to_dict("records")
                                      if r["cue_stance"] == cls[4:]}
        if x["kind"] in ("stance", "anonymous"):
            # an attribution example shows its source, cue and content, each highlighted
            classes = {m[2] for m in x["marks"]}
            assert "content" in classes and any(c.startswith("cue-") for c in classes)
            assert x["parts"]["cue"] and x["parts"]["content"]
        if x["kind"] == "anonymous":
            assert "src anonymous" in classes and x["parts"]["source"]
    # examples are ordered by confidence within each group and kind
    for g in rep.summary["corpus"]["groups"]:
        for kind in ("stance", "anonymous", "evaluative"):
            conf = [x["confidence"] for x in ev if x["group"] == g and x["kind"] == kind]
            assert conf == sorted(conf, reverse=True)


def test_methods_and_actors(gold_report):
    analysis, rep = gold_report
    page = rep.to_html()
    assert "Methods" in page and "PARC 3.0" in page and "NewsMTSC" in page
    assert rep.summary["actors"]
    top = rep.summary["actors"][0]
    assert f"<td>{top}</td>" in page
    rows = [r for r in rep.summary["by_actor"] if r["actor"] == top]
    assert all(r["ci_low"] is None or r["ci_low"] <= r["value"] + 1e-9 for r in rows)
    # every sentiment balance shown has an interval of real numbers (no "[–, –]")
    bal = [r for r in rep.summary["by_actor"] if r["metric"] == "sentiment_balance"
           and r["value"] is not None]
    assert bal and all(r["ci_low"] is not None and r["ci_high"] is not None for r in bal)
    # the methods section gives each measure's accuracy, from framing/data/accuracy.json,
    # with its interval where the evaluation has one, and links the methods page
    from framing.reporting.summary import accuracy

    acc = accuracy()
    assert "How far to trust each measure" in page
    assert 'href="https://example.org/framing/methods/"' in page
    for f in acc["figures"]:
        assert f'{f["value"]:.3f}' in page and f["command"] in page.replace("&#x27;", "'")
    assert "[0.509, 0.612]" in page and "no interval reported" in page
    # grammar
    assert "an endorse cue" in page and "an emotive cue" in page and "a endorse" not in page


def test_write_formats(gold_report, tmp_path):
    _, rep = gold_report
    assert rep.write(tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert rep.write(tmp_path / "r.md").read_text(encoding="utf-8").startswith("# ")
    data = json.loads(rep.write(tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "<svg" not in json.dumps(data["figures"])
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


def test_html_legend_links_warnings_and_p_floor(gold_report):
    """The rendered page: a colour legend, evidence locators linked to an anchored article
    view, the small-sample warning and the p-value floor note."""
    analysis, rep = gold_report
    page = rep.to_html()
    # legend: every highlight class the page uses is explained
    assert page.count('<p class="legend">') == 2
    for cls, label in rep.summary["legend"]:
        assert f'<span class="m {cls}">{label}</span>' in page
    used = set(re.findall(r'<span class="m ([a-z -]+)">', page))
    explained = {c for c, _ in rep.summary["legend"]}
    assert {c for u in used for c in u.split()} <= {c for e in explained for c in e.split()}
    # every evidence locator is a link to an anchor that exists in the article view
    links = re.findall(r'<a class="where" href="#(a\d+-\d+)">', page)
    assert len(links) == len(rep.summary["evidence"]) > 0
    for target in links:
        assert f'id="{target}"' in page
    ids = re.findall(r'<article class="doc" id="a(\d+)">', page)
    assert len(ids) == 16  # every article, with its text
    for x in rep.summary["evidence"]:
        doc = analysis.documents[x["doc"]]
        at = page.index(f'id="a{x["doc"]}-{x["evidence_start"]}"')
        assert page.index(f'<article class="doc" id="a{x["doc"]}">') < at
    # the small-sample warning (4 articles per outlet, 4 stories)
    assert '<p class="note warning">Small sample: Liberty Ledger (4 articles)' in page
    assert "under the minimum of 10 articles" in page
    # the p-value floor: explained, with a marker on rows that cannot reach 0.05
    assert '<p class="note pfloor" id="p-floor">p-value floor' in page
    assert "0.125 for 4 stories" in page
    # every comparison of the demo (4 stories) is below the floor: "N of N comparisons"
    assert re.search(r"(\d+) of \1 comparisons cannot reach p &lt; 0.05", page)
    assert page.count('href="#p-floor"') >= 60
    assert "Holm" in page and "<th>adjusted p</th>" in page and "<th>p floor</th>" in page
    # captions explain the figure rather than repeat its title
    for f in rep.summary["figures"]:
        assert f["caption"] and f["title"] not in f["caption"]
        assert f"<figcaption>{f['title']}</figcaption>" not in page
    # no warning and no floor marker when the sample is large enough
    assert "p_floor_note" in rep.summary


def test_no_small_sample_warning_on_enough_articles():
    from tests.test_compare import article

    docs = [article(h % 3, 50, outlet=o, story=f"s{i}") for i in range(12)
            for h, o in ((i, "A"), (i + 1, "B"))]
    rep = framing.report(Analysis.from_documents(docs), n_boot=50, n_perm=200, figures=False)
    page = rep.to_html()
    assert "Small sample" not in page
    d = [r for r in rep.summary["differences"] if r["metric"] == "hedges_per_1k"][0]
    assert d["p_floor"] == pytest.approx(1 / 201) and d["can_reach_05"]
    assert "0 of " in rep.summary["p_floor_note"]


def test_who_gets_a_voice_has_no_empty_rows(gold_report):
    analysis, rep = gold_report
    fig = next(f for f in rep.summary["figures"] if f["title"] == "Who gets a voice")
    heard = [a for a in rep.summary["actors"]
             if any((r["value"] or 0) > 0 for r in rep.summary["by_actor"]
                    if r["actor"] == a and r["metric"] == "voice_share")]
    silent = [a for a in rep.summary["actors"] if a not in heard]
    assert silent, "the sample has actors no outlet quotes"
    for a in heard:
        assert fig["svg"].count("<path") > 0
    # the figure's height follows the actors it draws
    h = float(re.search(r'height="([0-9.]+)pt"', fig["svg"]).group(1))
    assert h < 72 * (0.8 + 0.12 * len(heard) * 4) + 40


def test_report_size_on_many_articles(sample_gold):
    """A report on 1,000 articles (the sample's gold evidence repeated) stays under 5 MB."""
    docs = []
    for k in range(63):
        for r in sample_gold:
            d = document_from_record(r)
            d.id = f"{d.id}-r{k}"
            d.story = f"{d.story}-r{k}"
            docs.append(d)
    docs = docs[:1000]
    rep = framing.report(Analysis.from_documents(docs), n_boot=20, n_perm=20, figures=False,
                         max_actors=8)
    page = rep.to_html()
    assert len(page.encode("utf-8")) < 5_000_000
    # the article view: every article that evidence links to, then others within the
    # budget (ARTICLE_VIEW_CHARS), and a note that says how many are left out
    shown = rep.summary["articles"]
    assert 0 < len(shown) < 1000 and rep.summary["articles_left_out"] == 1000 - len(shown)
    linked = {x["doc"] for x in rep.summary["evidence"]}
    assert {a["doc"] for a in shown} >= linked
    assert sum(len(a["text"]) for a in shown) <= ARTICLE_VIEW_CHARS + sum(
        len(a["text"]) for a in shown if a["doc"] in linked)
    for x in rep.summary["evidence"]:
        assert f'id="a{x["doc"]}-{x["evidence_start"]}"' in page
    assert page.count('<article class="doc"') == len(shown)
    assert f"{rep.summary['articles_left_out']} more are left out" in page


def test_every_highlight_class_has_a_legend_colour():
    """Each class of the legend (persuasion and frame evidence included) has its own style."""
    from framing.reporting.summary import LEGEND

    css = (Path(framing.__file__).parent / "data" / "templates" / "report.css").read_text("utf-8")
    for cls, _label in LEGEND:
        last = cls.split()[-1]
        assert re.search(rf"\.framing-report \.m\.{re.escape(last)} \{{", css), cls
    assert ("persuasion", "persuasion technique") in LEGEND


def test_report_on_tables_without_documents_says_what_it_needs():
    from framing.datasets import load_sample, load_sample_actors

    analysis = load_sample().analyze(actors=load_sample_actors(), progress=False,
                                     keep_documents=False)
    assert len(analysis.articles) == 16 and len(analysis.documents) == 0
    with pytest.raises(ValueError, match="keep_documents=True"):
        framing.report(analysis, progress=False)
    framing.compare(analysis, progress=False)  # the tables alone still compare
