"""The outlet comparison report: one summary, rendered as HTML, Markdown and JSON.

:func:`framing.report` computes a summary dict once (:func:`framing.reporting.summary.summarize`:
corpus counts, failures, metrics by group with intervals, within-story differences, actors,
evidence snippets, figures, methods) and the :class:`Report` renders it. The HTML page is
standalone: figures are inline SVG, the style sheet is inlined, there is no script. Every
piece of article text (and every outlet, actor or title) is escaped, so an article holding
markup cannot inject any into the page.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from importlib import resources
from pathlib import Path
from string import Template
from collections.abc import Sequence
from typing import Any

from framing._version import __version__
from framing.reporting.summary import (
    ACTOR_METRICS_SHOWN,
    EVIDENCE_KINDS,
    KEY_METRICS,
    MAX_ACTOR_DIFFERENCES_SHOWN,
    MAX_DIFFERENCES_SHOWN,
    MAX_ROLE_DIFFERENCES_SHOWN,
)

__all__ = ["Report", "UNKNOWN_FORMAT", "check_output"]

UNKNOWN_FORMAT = "cannot tell the format of {path!r}: use a .html, .md or .json file name"


def _template(name: str) -> str:
    return resources.files("framing").joinpath("data").joinpath("templates").joinpath(name).read_text("utf-8")


def _fmt(v: Any, digits: int = 2) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def _interval_text(r: dict[str, Any]) -> tuple[str, str]:
    return _fmt(r.get("value")), f"[{_fmt(r.get('ci_low'))}, {_fmt(r.get('ci_high'))}]"


# -- rendering ----------------------------------------------------------------------------

def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _marked_html(text: str, marks: list[list], anchors: Sequence[int] = (),
                 prefix: str = "") -> str:
    """Text with its marks as flat spans: the text is cut at every mark boundary and each
    piece carries the classes of every mark over it (overlaps need no nesting). An empty
    anchor ``id="{prefix}{offset}"`` is placed at each offset of ``anchors``."""
    n = len(text)
    marks = [m for m in marks if 0 <= m[0] < m[1] <= n]
    points = sorted({0, n, *[m[0] for m in marks], *[m[1] for m in marks],
                     *[a for a in anchors if 0 <= a <= n]})
    starts: dict[int, list] = {}
    for m in marks:
        starts.setdefault(m[0], []).append(m)
    want = set(anchors)
    out: list[str] = []
    active: list = []
    for a, b in zip(points, points[1:]):
        if a in want:
            out.append(f'<span class="anchor" id="{_e(prefix)}{a}"></span>')
        active = [m for m in active if m[1] > a] + starts.get(a, [])
        piece = _e(text[a:b])
        if active:
            classes = " ".join(dict.fromkeys(c for m in active for c in str(m[2]).split()))
            piece = f'<span class="m {_e(classes)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _legend_html(legend: list[list[str]]) -> str:
    return ('<p class="legend"><strong>Highlights:</strong> '
            + " ".join(f'<span class="m {_e(cls)}">{_e(label)}</span>' for cls, label in legend)
            + "</p>")


def _pfmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    return f"{v:.3f}" if v >= 0.001 else f"{v:.1e}"


# Every line break Python knows (str.splitlines): a Markdown renderer may end a table row or
# start a block at any of them, so none survives into a cell or a line of the report.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def _md(v: Any) -> str:
    s = html.escape("" if v is None else str(v), quote=False)
    for ch in "\\`*_[]|#":
        s = s.replace(ch, "\\" + ch)
    s = _LINE_BREAKS.sub(" ", s)
    if s.lstrip()[:1] in ("-", "+", "=", "~", ">"):  # no rule, list, heading or quote starts here
        k = len(s) - len(s.lstrip())
        s = s[:k] + "\\" + s[k:]
    return s


def _marked_md(text: str, marks: list[list]) -> str:
    out, pos = [], 0
    for a, b, _ in marks:
        if a < pos:
            continue
        out.append(_md(text[pos:a]))
        out.append(f"**{_md(text[a:b])}**")
        pos = b
    out.append(_md(text[pos:]))
    return "".join(out)


def _metric_labels(s: dict[str, Any]) -> dict[str, str]:
    return {m["metric"]: m["label"] for m in s["metrics"]}


def _technique_table(s: dict[str, Any], by: str) -> tuple[list[str], list[list[tuple[str, str]]]]:
    """Persuasion techniques per 1,000 words by group (rows: techniques found anywhere)."""
    labels = _metric_labels(s)
    groups = s["corpus"]["groups"]
    cells: dict[tuple[str, str], dict] = {(r["metric"], r[by]): r for r in s["by_group"]}
    overall = {r["metric"]: r for r in s["overall"]}
    rows = []
    for m in dict.fromkeys(r["metric"] for r in s["by_group"]):
        if m not in _technique_metric_names(s) or not (overall.get(m) or {}).get("value"):
            continue
        row = [(labels.get(m, m).replace(" per 1,000 words", ""), "")]
        row.append(_interval_text(overall.get(m, {})))
        row += [_interval_text(cells.get((m, g), {})) for g in groups]
        rows.append(row)
    return ["technique (per 1,000 words)", "all articles", *groups], rows


def _technique_metric_names(s: dict[str, Any]) -> set[str]:
    return {m["metric"] for m in s["metrics"] if m["metric"].startswith("persuasion_")
            and m["metric"] not in ("persuasion_per_1k", "persuasion_author_per_1k")}


def _group_table(s: dict[str, Any], by: str) -> tuple[list[str], list[list[tuple[str, str]]]]:
    labels = _metric_labels(s)
    technique_metrics = _technique_metric_names(s)
    groups = s["corpus"]["groups"]
    cells: dict[tuple[str, str], dict] = {(r["metric"], r[by]): r for r in s["by_group"]}
    overall = {r["metric"]: r for r in s["overall"]}
    header = ["metric", "all articles", *groups]
    rows = []
    for m in dict.fromkeys(r["metric"] for r in s["by_group"]):
        if m in technique_metrics:  # in the persuasion section
            continue
        row = [(labels.get(m, m), "")]
        row.append(_interval_text(overall.get(m, {})))
        row += [_interval_text(cells.get((m, g), {})) for g in groups]
        rows.append(row)
    return header, rows


class Report:
    """An outlet comparison report: a summary dict and its HTML, Markdown and JSON forms.

    Build one with :func:`framing.report` (analyse, compare, summarise) or
    ``Report(summarize(analysis, comparison))``. ``summary`` is computed once; the renderers only format it.

    Examples
    --------
    >>> import framing
    >>> from framing.datasets import load_sample
    >>> rep = framing.report(load_sample().analyze(progress=False), n_boot=100, figures=False)
    >>> rep.summary["corpus"]["groups"]
    ['Liberty Ledger', 'Meridian Wire', 'The Daily Beacon', 'The Morning Blast']
    >>> rep.to_html().startswith("<!DOCTYPE html>")
    True
    """

    def __init__(self, summary: dict[str, Any]):
        self.summary = summary

    def __repr__(self) -> str:
        c = self.summary["corpus"]
        return f"Report({self.summary['title']!r}, {c['articles']} articles, {len(c['groups'])} groups)"

    # HTML ----------------------------------------------------------------------------
    def _body(self) -> str:
        s = self.summary
        c = s["corpus"]
        by = c["by"]
        p: list[str] = ['<div class="framing-report">', f'<h1 id="top">{_e(s["title"])}</h1>']
        within = f", compared within {_e(c['within'])} ({c['stories']} stories)" if c["within"] else ""
        p.append(f'<p class="subtitle">{c["ok"]} of {c["articles"]} articles analysed '
                 f"({c['words']:,} words), grouped by {_e(by)}{within}. "
                 f"framing {_e(s['framing_version'])}; bootstrap {s['parameters']['n_boot']} "
                 f"resamples, seed {s['parameters']['random_state']}, "
                 f"{int(round(100 * s['parameters']['confidence']))}% intervals. "
                 '<a href="#articles">Articles</a> · <a href="#methods">Methods</a></p>')
        for w in s.get("warnings", []):
            p.append(f'<p class="note warning">{_e(w)}</p>')
        for note in s["notes"]:
            p.append(f'<p class="note">{_e(note)}</p>')
        p.append("<h2>Articles by " + _e(by) + "</h2><table><tr><th>" + _e(by)
                 + "</th><th>articles</th></tr>")
        for g, n in c["articles_by_group"].items():
            p.append(f'<tr><td>{_e(g)}</td><td class="num">{n}</td></tr>')
        p.append("</table>")
        if s["errors"]:
            p.append(f"<h3>Articles not analysed ({len(s['errors'])})</h3><table>"
                     f"<tr><th>id</th><th>{_e(by)}</th><th>reason</th></tr>")
            for r in s["errors"]:
                p.append(f"<tr><td>{_e(r['id'])}</td><td>{_e(r.get(by))}</td>"
                         f"<td>{_e(r['error'])}</td></tr>")
            p.append("</table>")
        # metrics
        p.append("<h2>Metrics by " + _e(by) + "</h2>")
        n_min = s["parameters"].get("min_sample", 10)
        p.append(f"<p>Value and {int(round(100 * s['parameters']['confidence']))}% interval: "
                 f"bootstrap over articles, or a t interval under {n_min} articles.</p>")
        header, rows = _group_table(s, by)
        p.append("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>")
        for row in rows:
            cells = [f"<td>{_e(row[0][0])}</td>"]
            cells += [f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                      for v, ci in row[1:]]
            p.append("<tr>" + "".join(cells) + "</tr>")
        p.append("</table>")
        header, rows = _technique_table(s, by)
        if rows:
            p.append("<h2>Persuasion techniques</h2>")
            p.append("<p>Spans of each technique per 1,000 words, with bootstrap intervals over "
                     "articles; within-story differences are in the differences table.</p>")
            p.append("<table><tr>" + "".join(f"<th>{_e(h)}</th>" for h in header) + "</tr>")
            for row in rows:
                cells = [f"<td>{_e(row[0][0])}</td>"]
                cells += [f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                          for v, ci in row[1:]]
                p.append("<tr>" + "".join(cells) + "</tr>")
            p.append("</table>")
        figs = [f for f in s["figures"] if f["svg"]]
        if figs:
            p.append('<h2>Figures</h2><div class="figures">')
            for f in figs:
                p.append(f"<figure>{f['svg']}<figcaption>{_e(f.get('caption', ''))}"
                         "</figcaption></figure>")
            p.append("</div>")
        # differences
        labels = _metric_labels(s)
        p.append("<h2>Differences between " + _e(by) + "s</h2>")
        how = ("averaged over the stories both cover" if c["within"]
               else "of the pooled values")
        p.append(f"<p>Difference (a - b) {how}, with its interval, its permutation p-value, "
                 "the p-value adjusted for the number of comparisons, and the smallest p-value "
                 "the test could give (floor); sorted by p-value.</p>")
        if s.get("p_floor_note"):
            p.append(f'<p class="note pfloor" id="p-floor">{_e(s["p_floor_note"])}</p>')
        shown = s["differences"][:MAX_DIFFERENCES_SHOWN]
        if len(shown) < len(s["differences"]):
            p.append(f"<p>The {len(shown)} smallest p-values of {len(s['differences'])}; "
                     "every difference is in the JSON form and in "
                     "<code>framing.compare(...).differences</code>.</p>")
        p.append(self._differences_html(shown, by, labels, actor=False))
        # actors
        if s["actors"]:
            p.append("<h2>Actors</h2>")
            p.append("<p>Per actor and " + _e(by) + ": mentions per article, share of "
                     "attributions (voice) and sentiment balance, with intervals (a balance "
                     "from one article: from its sentences alone).</p>")
            p.append(f"<table><tr><th>actor</th><th>{_e(by)}</th>"
                     + "".join(f"<th>{_e(labels.get(m, m))}</th>" for m in ACTOR_METRICS_SHOWN)
                     + "<th>articles mentioning</th></tr>")
            by_cell = {(r["actor"], r[by], r["metric"]): r for r in s["by_actor"]}
            for a in s["actors"]:
                for g in c["groups"]:
                    some = [by_cell.get((a, g, m)) for m in ACTOR_METRICS_SHOWN]
                    if not any(some):
                        continue
                    tr = f"<tr><td>{_e(a)}</td><td>{_e(g)}</td>"
                    for r in some:
                        v, ci = _interval_text(r or {})
                        tr += f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                    n = next(r["n_mentioning"] for r in some if r)
                    p.append(tr + f'<td class="num">{n}</td></tr>')
            p.append("</table>")
            ad = s.get("actor_differences", [])
            if not ad and s.get("actor_differences") is not None:
                p.append("<h3>Differences toward each actor, within stories</h3><p>No actor is "
                         f"mentioned by two {_e(by)}s in two or more shared stories, so no "
                         "per-actor difference can be tested here (the one-story differences "
                         "are in <code>framing.compare(...).actor_differences</code>).</p>")
            if ad:
                p.append(f"<h3>Differences toward each actor, within stories</h3><p>Per actor: "
                         f"the difference between two {_e(by)}s over the stories in which both "
                         "mention the actor; adjusted p over this table's comparisons.</p>")
                if len(ad) > MAX_ACTOR_DIFFERENCES_SHOWN:
                    p.append(f"<p>The {MAX_ACTOR_DIFFERENCES_SHOWN} smallest p-values of "
                             f"{len(ad)}; all are in <code>framing.compare(...)"
                             ".actor_differences</code>.</p>")
                p.append(self._differences_html(ad[:MAX_ACTOR_DIFFERENCES_SHOWN], by, labels,
                                                actor=True))
        # frames
        if s.get("frames"):
            p.append("<h2>Frames</h2><p>For each " + _e(by) + ", the frames it leans on: the "
                     "share of its sentences that carry the frame (with interval) against the "
                     "share over all, and example sentences with the words that carry it.</p>")
            for g in c["groups"]:
                items = [x for x in s["frames"] if x["group"] == g]
                if not items:
                    continue
                p.append(f"<h3>{_e(g)}</h3>")
                for x in items:
                    v, ci = _interval_text(x)
                    p.append(f"<p><strong>{_e(x['label'])}</strong>: {_e(v)} "
                             f'<span class="ci">{_e(ci)}</span> of sentences '
                             f"(all: {_e(_fmt(x['overall']))})</p>")
                    for e in x["examples"]:
                        where = f"{e['id'] or 'article ' + str(e['doc'])}, characters {e['start']}-{e['end']}"
                        p.append(f'<blockquote class="snippet">{_marked_html(e["text"], e["marks"])}'
                                 f'<span class="where">{_e(where)}</span></blockquote>')
        # entity roles
        if s.get("roles"):
            p.append("<h2>Entity roles</h2>")
            p.append("<p>Per actor and " + _e(by) + ": the share of the articles mentioning "
                     "the actor that cast it as antagonist, protagonist or innocent, with "
                     "intervals; then the within-story differences between " + _e(by)
                     + "s with the smallest p-values.</p>")
            p.append(f"<table><tr><th>actor</th><th>{_e(by)}</th><th>role</th>"
                     "<th>share</th><th>articles mentioning</th></tr>")
            for r in s["roles"]:
                v, ci = _interval_text({"value": r["share"], "ci_low": r["ci_low"],
                                        "ci_high": r["ci_high"]})
                p.append(f"<tr><td>{_e(r['actor'])}</td><td>{_e(r[by])}</td><td>{_e(r['role'])}</td>"
                         f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                         f'<td class="num">{_e(_fmt(r["n_articles"]))}</td></tr>')
            p.append("</table>")
            rd = s.get("role_differences") or []
            if rd:
                p.append(f"<table><tr><th>{_e(by)} a</th><th>{_e(by)} b</th><th>actor</th>"
                         "<th>role</th><th>difference</th><th>p</th><th>stories</th></tr>")
                for r in rd[:MAX_ROLE_DIFFERENCES_SHOWN]:
                    ci = f"[{_fmt(r['ci_low'])}, {_fmt(r['ci_high'])}]"
                    p.append(f"<tr><td>{_e(r[by + '_a'])}</td><td>{_e(r[by + '_b'])}</td>"
                             f"<td>{_e(r['actor'])}</td><td>{_e(r['role'])}</td>"
                             f'<td class="num">{_e(_fmt(r["difference"]))} <span class="ci">{_e(ci)}</span></td>'
                             f'<td class="num">{_e(_fmt(r["p_value"], 3))}</td>'
                             f'<td class="num">{_e(_fmt(r["n_stories"]))}</td></tr>')
                p.append("</table>")
        # evidence
        if s["evidence"]:
            p.append("<h2>Evidence</h2><p>Sentences behind the numbers, the clearest examples "
                     "first (attributions with a source apart from the cue, a named source and "
                     "several words of content; the strongest evaluative words). Each "
                     "locator links to the article.</p>")
            p.append(_legend_html(s.get("legend", [])))
            for g in c["groups"]:
                items = [x for x in s["evidence"] if x["group"] == g]
                if not items:
                    continue
                p.append(f"<h3>{_e(g)}</h3>")
                for kind, title in EVIDENCE_KINDS.items():
                    ks = [x for x in items if x["kind"] == kind]
                    if not ks:
                        continue
                    p.append(f"<p><strong>{_e(title)}</strong></p>")
                    for x in ks:
                        p.append(self._snippet_html(x))
        if s.get("articles"):
            p.append(self._articles_html())
        # methods
        p.append('<h2 id="methods">Methods</h2><dl class="methods">')
        for m in s["methods"]:
            cites = "; ".join(s["references"][r].split(".")[0] + f" ({r})" for r in m["references"])
            p.append(f"<dt>{_e(m['name'])}</dt><dd>{_e(m['text'])} <em>{_e(cites)}</em></dd>")
        p.append("</dl>")
        p.append(self._accuracy_html())
        p.append("<h3>Metrics</h3><dl class=\"methods\">")
        for m in s["metrics"]:
            p.append(f"<dt>{_e(m['label'])} <code>{_e(m['metric'])}</code></dt>"
                     f"<dd>{_e(m['description'])}</dd>")
        p.append('</dl><h3>References</h3><ol class="refs">')
        for key, ref in s["references"].items():
            p.append(f'<li id="ref-{_e(key)}">{_e(ref)}</li>')
        p.append("</ol></div>")
        return "\n".join(p)

    @staticmethod
    def _differences_html(rows: list[dict], by: str, labels: dict[str, str], *,
                          actor: bool) -> str:
        out = [f"<table><tr><th>{_e(by)} a</th><th>{_e(by)} b</th>"
               + ("<th>actor</th>" if actor else "")
               + "<th>metric</th><th>difference</th><th>p</th><th>adjusted p</th>"
               "<th>p floor</th><th>stories</th></tr>"]
        for r in rows:
            v = _fmt(r["difference"])
            ci = f"[{_fmt(r['ci_low'])}, {_fmt(r['ci_high'])}]"
            dagger = ("" if r.get("can_reach_05", True) or r.get("p_floor") is None
                      else ' <a class="dagger" href="#p-floor" title="cannot reach p &lt; 0.05">†</a>')
            out.append(f"<tr><td>{_e(r[by + '_a'])}</td><td>{_e(r[by + '_b'])}</td>"
                       + (f"<td>{_e(r['actor'])}</td>" if actor else "")
                       + f"<td>{_e(labels.get(r['metric'], r['metric']))}</td>"
                       f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                       f'<td class="num">{_e(_pfmt(r["p_value"]))}{dagger}</td>'
                       f'<td class="num">{_e(_pfmt(r.get("adjusted_p")))}</td>'
                       f'<td class="num">{_e(_pfmt(r.get("p_floor")))}</td>'
                       f'<td class="num">{_e(_fmt(r["n_stories"]))}</td></tr>')
        out.append("</table>")
        return "\n".join(out)

    @staticmethod
    def _snippet_html(x: dict) -> str:
        where = (f"{x['id'] or 'article ' + str(x['doc'])}, characters "
                 f"{x['evidence_start']}-{x['evidence_end']}")
        parts = x.get("parts") or {}
        if "content" in parts:
            detail = (f"source: {parts['source'] or '(none)'} · cue: {parts['cue']} "
                      f"({parts['stance']}) · content: {parts['content']}")
        elif "words" in parts:
            detail = f"evaluative ({parts['polarity']}): {parts['words']}"
        elif "cue" in parts:
            detail = f"hedge: {parts['cue']} ({parts['voice']} voice)"
        else:
            detail = ""
        return (f'<blockquote class="snippet">{_marked_html(x["text"], x["marks"])}'
                f'<span class="parts">{_e(detail)}</span>'
                f'<a class="where" href="#a{x["doc"]}-{x["evidence_start"]}">{_e(where)}</a>'
                "</blockquote>")

    def _articles_html(self) -> str:
        s = self.summary
        arts = s["articles"]
        p = [f'<h2 id="articles">Articles</h2><p>Each article with its evidence highlighted; '
             "the evidence locators above link here.</p>"]
        if s.get("articles_left_out"):
            p.append(f'<p class="note">{len(arts)} articles shown; '
                     f"{s['articles_left_out']} more are left out to keep the page quick to "
                     "open (every article that evidence links to is here).</p>")
        p.append(_legend_html(s.get("legend", [])))
        for a in arts:
            meta = " · ".join(_e(v) for v in (a.get("group"), a.get("story")) if v)
            name = a["id"] or f"article {a['doc']}"
            p.append(f'<article class="doc" id="a{a["doc"]}"><h3>{_e(name)}'
                     f'{": " + _e(a["title"]) if a.get("title") else ""}</h3>'
                     f'<p class="meta">{meta}</p><div class="text">'
                     f'{_marked_html(a["text"], a["marks"], a["anchors"], "a" + str(a["doc"]) + "-")}'
                     "</div></article>")
        return "\n".join(p)

    def _accuracy_html(self) -> str:
        acc = self.summary.get("accuracy") or {}
        figs = acc.get("figures", [])
        if not figs:
            return ""
        base = acc.get("docs_url", "")
        p = ["<h3>How far to trust each measure</h3><p>Accuracy of each measure on its "
             "benchmark, from the project's evaluation scripts (command and date per row; "
             "\u201cin-sample\u201d benchmarks were read while the rules were written, so they "
             "overstate accuracy on unseen text). An interval is shown where the evaluation "
             f'gives one. Details: <a href="{_e(base)}methods/">the methods page</a>.</p>',
             "<table><tr><th>measure</th><th>benchmark</th><th>score</th><th>value</th>"
             "<th>command, date</th></tr>"]
        for f in figs:
            iv = f.get("interval")
            ci = f"[{iv[0]:.3f}, {iv[1]:.3f}]" if iv else "no interval reported"
            p.append(f'<tr><td><a href="{_e(base + f["page"])}">{_e(f["measure"])}</a></td>'
                     f"<td>{_e(f['benchmark'])}</td><td>{_e(f['score'])}</td>"
                     f'<td class="num">{f["value"]:.3f} <span class="ci">{_e(ci)}</span></td>'
                     f"<td><code>{_e(f['command'])}</code>, {_e(f['date'])}</td></tr>")
        p.append("</table>")
        return "\n".join(p)

    def to_html(self) -> str:
        """A standalone HTML page (inline CSS and SVG, no script)."""

        return Template(_template("report.html")).substitute(
            title=_e(self.summary["title"]), css=_template("report.css"), body=self._body(),
            version=_e(__version__))

    def _repr_html_(self) -> str:
        return f"<style>{_template('report.css')}</style>\n{self._body()}"

    # Markdown ------------------------------------------------------------------------
    def to_markdown(self) -> str:
        """The report as Markdown (tables and evidence; figures are in the HTML form)."""
        s = self.summary
        c = s["corpus"]
        by = c["by"]
        out = [f"# {_md(s['title'])}", ""]
        within = f", compared within {_md(c['within'])} ({c['stories']} stories)" if c["within"] else ""
        out += [f"{c['ok']} of {c['articles']} articles analysed ({c['words']:,} words), "
                f"grouped by {_md(by)}{within}. framing {_md(s['framing_version'])}; "
                f"bootstrap {s['parameters']['n_boot']} resamples, seed "
                f"{s['parameters']['random_state']}.", ""]
        out += [f"> {_md(n)}" for n in [*s.get("warnings", []), *s["notes"]]]
        if s["errors"]:
            out += ["", "## Articles not analysed", "", f"| id | {_md(by)} | reason |",
                    "|---|---|---|"]
            out += [f"| {_md(r['id'])} | {_md(r.get(by))} | {_md(r['error'])} |" for r in s["errors"]]
        out += ["", f"## Metrics by {_md(by)}", ""]
        header, rows = _group_table(s, by)
        out.append("| " + " | ".join(_md(h) for h in header) + " |")
        out.append("|" + "---|" * len(header))
        for row in rows:
            out.append("| " + " | ".join([_md(row[0][0])] + [f"{_md(v)} {_md(ci)}" for v, ci in row[1:]]) + " |")
        header, rows = _technique_table(s, by)
        if rows:
            out += ["", "## Persuasion techniques", "",
                    "Spans of each technique per 1,000 words, with bootstrap intervals over articles.", ""]
            out.append("| " + " | ".join(_md(h) for h in header) + " |")
            out.append("|" + "---|" * len(header))
            for row in rows:
                out.append("| " + " | ".join([_md(row[0][0])] + [f"{_md(v)} {_md(ci)}" for v, ci in row[1:]]) + " |")
        labels = _metric_labels(s)
        out += ["", f"## Differences between {_md(by)}s", ""]
        if s.get("p_floor_note"):
            out += [f"> {_md(s['p_floor_note'])}", ""]
        out += [f"| {_md(by)} a | {_md(by)} b | metric | difference | interval | p | "
                "adjusted p | p floor | stories |", "|---|---|---|---|---|---|---|---|---|"]
        for r in s["differences"][:MAX_DIFFERENCES_SHOWN]:
            dagger = "" if r.get("can_reach_05", True) else " †"
            out.append(f"| {_md(r[by + '_a'])} | {_md(r[by + '_b'])} | "
                       f"{_md(labels.get(r['metric'], r['metric']))} | {_fmt(r['difference'])} | "
                       f"{_md('[' + _fmt(r['ci_low']) + ', ' + _fmt(r['ci_high']) + ']')} | "
                       f"{_pfmt(r['p_value'])}{dagger} | {_pfmt(r.get('adjusted_p'))} | "
                       f"{_pfmt(r.get('p_floor'))} | {_fmt(r['n_stories'])} |")
        if len(s["differences"]) > MAX_DIFFERENCES_SHOWN:
            out += ["", f"The {MAX_DIFFERENCES_SHOWN} smallest p-values of "
                    f"{len(s['differences'])}; every difference is in the JSON form."]
        if s["actors"]:
            out += ["", "## Actors", "", f"| actor | {_md(by)} | metric | value | interval |",
                    "|---|---|---|---|---|"]
            for r in s["by_actor"]:
                v, ci = _interval_text(r)
                out.append(f"| {_md(r['actor'])} | {_md(r[by])} | "
                           f"{_md(labels.get(r['metric'], r['metric']))} | {v} | {_md(ci)} |")
        if s.get("frames"):
            out += ["", "## Frames", ""]
            for x in s["frames"]:
                v, ci = _interval_text(x)
                out.append(f"- {_md(x['group'])}: **{_md(x['label'])}** {v} {_md(ci)} of "
                           f"sentences (all: {_fmt(x['overall'])})")
                for e in x["examples"]:
                    out.append(f"    - ({_md(e['id'])}, characters {e['start']}-{e['end']}): "
                               f"{_marked_md(e['text'], e['marks'])}")
        if s.get("roles"):
            out += ["", "## Entity roles", "",
                    "Share of the articles mentioning the actor that cast it in each role.", "",
                    f"| actor | {_md(by)} | role | share | interval | articles mentioning |",
                    "|---|---|---|---|---|---|"]
            for r in s["roles"]:
                v, ci = _interval_text({"value": r["share"], "ci_low": r["ci_low"],
                                        "ci_high": r["ci_high"]})
                out.append(f"| {_md(r['actor'])} | {_md(r[by])} | {_md(r['role'])} | {v} | "
                           f"{_md(ci)} | {_fmt(r['n_articles'])} |")
            rd = s.get("role_differences") or []
            if rd:
                out += ["", f"| {_md(by)} a | {_md(by)} b | actor | role | difference | interval | p | stories |",
                        "|---|---|---|---|---|---|---|---|"]
                for r in rd[:MAX_ROLE_DIFFERENCES_SHOWN]:
                    out.append(f"| {_md(r[by + '_a'])} | {_md(r[by + '_b'])} | {_md(r['actor'])} | "
                               f"{_md(r['role'])} | {_fmt(r['difference'])} | "
                               f"[{_fmt(r['ci_low'])}, {_fmt(r['ci_high'])}] | "
                               f"{_fmt(r['p_value'], 3)} | {_fmt(r['n_stories'])} |")
        if s["evidence"]:
            out += ["", "## Evidence", ""]
            for x in s["evidence"]:
                parts = x.get("parts") or {}
                detail = (f" (source: {_md(parts['source'] or '(none)')}; cue: {_md(parts['cue'])}; "
                          f"content: {_md(parts['content'])})" if "content" in parts else "")
                out.append(f"- {_md(x['group'])}, {_md(EVIDENCE_KINDS[x['kind']])} "
                           f"({_md(x['id'])}, characters {x['evidence_start']}-"
                           f"{x['evidence_end']}): {_marked_md(x['text'], x['marks'])}{detail}")
        out += ["", "## Methods", ""]
        for m in s["methods"]:
            out.append(f"- **{_md(m['name'])}**: {_md(m['text'])} "
                       f"({', '.join(_md(r) for r in m['references'])})")
        acc = s.get("accuracy") or {}
        if acc.get("figures"):
            out += ["", "### How far to trust each measure", "",
                    f"Methods page: {acc.get('docs_url', '')}methods/", "",
                    "| measure | benchmark | score | value | interval | command, date |",
                    "|---|---|---|---|---|---|"]
            for f in acc["figures"]:
                iv = f.get("interval")
                ci = f"[{iv[0]:.3f}, {iv[1]:.3f}]" if iv else "not reported"
                out.append(f"| {_md(f['measure'])} | {_md(f['benchmark'])} | {_md(f['score'])} | "
                           f"{f['value']:.3f} | {_md(ci)} | `{f['command']}`, {f['date']} |")
        out += ["", "### References", ""]
        out += [f"- \\[{_md(k)}\\] {_md(v)}" for k, v in s["references"].items()]
        return "\n".join(out) + "\n"

    # JSON ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The summary without the SVG figures (their titles are kept)."""
        d = dict(self.summary)
        d["figures"] = [{"title": f["title"], "caption": f.get("caption", ""), "note": f["note"]}
                        for f in d["figures"]]
        return d

    def to_json(self, **kwargs: Any) -> str:
        """The summary as JSON (see :meth:`to_dict`)."""
        kwargs.setdefault("indent", 2)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def write(self, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
        """Write the report; the format follows the suffix (.html, .md, .json) unless given."""
        path = Path(path)
        fmt = format or {".html": "html", ".htm": "html", ".md": "markdown",
                         ".markdown": "markdown", ".json": "json"}.get(path.suffix.lower())
        render = {"html": self.to_html, "markdown": self.to_markdown, "md": self.to_markdown,
                  "json": self.to_json}.get(fmt or "")
        if render is None:
            raise ValueError(UNKNOWN_FORMAT.format(path=str(path)))
        check_output(path)
        _write_atomic(path, render())
        return path


def check_output(path: str | os.PathLike[str]) -> Path:
    """Raise ``OSError`` with a clear message when a report cannot be written to ``path``.

    Checks what can be checked before any work is done (the command line calls it before it
    analyses anything): the path is not a folder, its folder exists and takes a new file,
    and an existing file there is writable. A full disk shows only when writing.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"cannot write the report to {path}: it is a folder")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise FileNotFoundError(f"cannot write the report to {path}: no folder {parent}")
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(f"cannot write the report to {path}: the file is read-only")
    try:
        fd, probe = tempfile.mkstemp(dir=parent, prefix=".framing-", suffix=".tmp")
    except OSError as exc:
        raise type(exc)(f"cannot write the report to {path}: cannot create a file in "
                        f"{parent} ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(probe)
    return path


def _write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to a temporary file in the folder of ``path``, then rename it onto
    ``path``: a failure part-way (a full disk) leaves the previous report intact."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            _write_text(fh, content)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, PermissionError):
            raise OSError(exc.errno, f"cannot write the report to {path}: "
                                     f"{exc.strerror or exc}; the previous file is unchanged") from None
        raise


def _write_text(fh, content: str) -> None:
    """The one write of a report's text (a function of its own so that tests can make it fail)."""
    fh.write(content)
