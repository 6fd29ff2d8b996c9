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
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from framing._version import __version__
from framing.reporting.summary import (
    ACTOR_METRICS_SHOWN,
    EVIDENCE_KINDS,
    KEY_METRICS,
    MAX_DIFFERENCES_SHOWN,
)

__all__ = ["Report", "UNKNOWN_FORMAT"]

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


def _marked_html(text: str, marks: list[list]) -> str:
    out, pos = [], 0
    for a, b, cls in marks:
        if a < pos:  # overlapping marks: keep the first
            continue
        out.append(_e(text[pos:a]))
        out.append(f'<mark class="{_e(cls)}">{_e(text[a:b])}</mark>')
        pos = b
    out.append(_e(text[pos:]))
    return "".join(out)


def _md(v: Any) -> str:
    s = html.escape("" if v is None else str(v), quote=False)
    for ch in "\\`*_[]|#":
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


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


def _group_table(s: dict[str, Any], by: str) -> tuple[list[str], list[list[tuple[str, str]]]]:
    labels = _metric_labels(s)
    groups = s["corpus"]["groups"]
    cells: dict[tuple[str, str], dict] = {(r["metric"], r[by]): r for r in s["by_group"]}
    overall = {r["metric"]: r for r in s["overall"]}
    header = ["metric", "all articles", *groups]
    rows = []
    for m in dict.fromkeys(r["metric"] for r in s["by_group"]):
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
        p: list[str] = ['<div class="framing-report">', f"<h1>{_e(s['title'])}</h1>"]
        within = f", compared within {_e(c['within'])} ({c['stories']} stories)" if c["within"] else ""
        p.append(f'<p class="subtitle">{c["ok"]} of {c["articles"]} articles analysed '
                 f"({c['words']:,} words), grouped by {_e(by)}{within}. "
                 f"framing {_e(s['framing_version'])}; bootstrap {s['parameters']['n_boot']} "
                 f"resamples, seed {s['parameters']['random_state']}, "
                 f"{int(round(100 * s['parameters']['confidence']))}% intervals.</p>")
        for note in s["notes"]:
            p.append(f'<p class="note">{_e(note)}</p>')
        p.append("<h2>Articles</h2><table><tr><th>" + _e(by) + "</th><th>articles</th></tr>")
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
        p.append("<p>Value and bootstrap interval over articles.</p>")
        header, rows = _group_table(s, by)
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
                p.append(f"<figure>{f['svg']}<figcaption>{_e(f['title'])}</figcaption></figure>")
            p.append("</div>")
        # differences
        labels = _metric_labels(s)
        p.append("<h2>Differences between " + _e(by) + "s</h2>")
        how = ("averaged over the stories both cover" if c["within"]
               else "of the pooled values")
        p.append(f"<p>Difference (a - b) {how}, with its interval and permutation p-value; "
                 "sorted by p-value. Not corrected for multiple comparisons.</p>")
        shown = s["differences"][:MAX_DIFFERENCES_SHOWN]
        if len(shown) < len(s["differences"]):
            p.append(f"<p>The {len(shown)} smallest p-values of {len(s['differences'])}; "
                     "every difference is in the JSON form and in "
                     "<code>framing.compare(...).differences</code>.</p>")
        p.append(f"<table><tr><th>{_e(by)} a</th><th>{_e(by)} b</th><th>metric</th>"
                 "<th>difference</th><th>p</th><th>stories</th></tr>")
        for r in shown:
            v = _fmt(r["difference"])
            ci = f"[{_fmt(r['ci_low'])}, {_fmt(r['ci_high'])}]"
            p.append(f"<tr><td>{_e(r[by + '_a'])}</td><td>{_e(r[by + '_b'])}</td>"
                     f"<td>{_e(labels.get(r['metric'], r['metric']))}</td>"
                     f'<td class="num">{_e(v)} <span class="ci">{_e(ci)}</span></td>'
                     f'<td class="num">{_e(_fmt(r["p_value"], 3))}</td>'
                     f'<td class="num">{_e(_fmt(r["n_stories"]))}</td></tr>')
        p.append("</table>")
        # actors
        if s["actors"]:
            p.append("<h2>Actors</h2>")
            p.append("<p>Per actor and " + _e(by) + ": mentions per article, share of "
                     "attributions (voice) and sentiment balance, with intervals.</p>")
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
        # evidence
        if s["evidence"]:
            p.append("<h2>Evidence</h2><p>Sentences behind the numbers, with the spans "
                     "highlighted (first examples in input order).</p>")
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
                        where = f"{x['id'] or 'article ' + str(x['doc'])}, characters {x['start']}-{x['end']}"
                        p.append(f'<blockquote class="snippet">{_marked_html(x["text"], x["marks"])}'
                                 f'<span class="where">{_e(where)}</span></blockquote>')
        # methods
        p.append('<h2>Methods</h2><dl class="methods">')
        for m in s["methods"]:
            cites = "; ".join(s["references"][r].split(".")[0] + f" ({r})" for r in m["references"])
            p.append(f"<dt>{_e(m['name'])}</dt><dd>{_e(m['text'])} <em>{_e(cites)}</em></dd>")
        p.append("</dl><h3>Metrics</h3><dl class=\"methods\">")
        for m in s["metrics"]:
            p.append(f"<dt>{_e(m['label'])} <code>{_e(m['metric'])}</code></dt>"
                     f"<dd>{_e(m['description'])}</dd>")
        p.append('</dl><h3>References</h3><ol class="refs">')
        for key, ref in s["references"].items():
            p.append(f'<li id="ref-{_e(key)}">{_e(ref)}</li>')
        p.append("</ol></div>")
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
        out += [f"> {_md(n)}" for n in s["notes"]]
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
        labels = _metric_labels(s)
        out += ["", f"## Differences between {_md(by)}s", "",
                f"| {_md(by)} a | {_md(by)} b | metric | difference | interval | p | stories |",
                "|---|---|---|---|---|---|---|"]
        for r in s["differences"][:MAX_DIFFERENCES_SHOWN]:
            out.append(f"| {_md(r[by + '_a'])} | {_md(r[by + '_b'])} | "
                       f"{_md(labels.get(r['metric'], r['metric']))} | {_fmt(r['difference'])} | "
                       f"{_md('[' + _fmt(r['ci_low']) + ', ' + _fmt(r['ci_high']) + ']')} | "
                       f"{_fmt(r['p_value'], 3)} | {_fmt(r['n_stories'])} |")
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
        if s["evidence"]:
            out += ["", "## Evidence", ""]
            for x in s["evidence"]:
                out.append(f"- {_md(x['group'])}, {_md(EVIDENCE_KINDS[x['kind']])} "
                           f"({_md(x['id'])}, characters {x['start']}-{x['end']}): "
                           f"{_marked_md(x['text'], x['marks'])}")
        out += ["", "## Methods", ""]
        for m in s["methods"]:
            out.append(f"- **{_md(m['name'])}**: {_md(m['text'])} "
                       f"({', '.join(_md(r) for r in m['references'])})")
        out += ["", "### References", ""]
        out += [f"- \\[{_md(k)}\\] {_md(v)}" for k, v in s["references"].items()]
        return "\n".join(out) + "\n"

    # JSON ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The summary without the SVG figures (their titles are kept)."""
        d = dict(self.summary)
        d["figures"] = [{"title": f["title"], "note": f["note"]} for f in d["figures"]]
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
        path.write_text(render(), encoding="utf-8")
        return path
