"""HTML rendering of one analysed document, in the spirit of spaCy's displaCy.

:func:`render_document` (what ``Document._repr_html_`` shows in Jupyter) draws the text with
its evidence highlighted: attributions (source, cue coloured by stance, content shaded),
hedges, boosters and vague attribution underlined, evaluative words coloured by polarity
and marked by voice (solid border: the outlet's voice; dashed: quoted), actor mentions
boxed with the actor's name. Overlapping evidence nests. A table of who is quoted, how often
and with which cues follows. Styles are inline, so the output needs no style sheet, and all
text is escaped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from dataclasses import dataclass

from framing.document import Document

__all__ = ["render_document"]

STANCE_COLORS = {"neutral": "#9e9e9e", "doubt": "#e6550d", "endorse": "#31a354",
                 "emotive": "#756bb1"}
_FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_LABEL = ("font-size: 0.62em; font-weight: 600; padding: 0 0.3em; margin-left: 0.2em; "
          "border-radius: 3px; vertical-align: super; color: white; background: {color}; "
          "line-height: 1; text-transform: uppercase; font-style: normal")


@dataclass(frozen=True)
class _Layer:
    start: int
    end: int
    order: int  # nesting order: lower wraps higher
    style: str
    title: str
    label: str = ""
    label_color: str = "#555"


def _e(s: object) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _layers(doc: Document) -> list[_Layer]:
    text = doc.text
    out: list[_Layer] = []
    for a in doc.attributions:
        src = text[a.source.start:a.source.end] if a.source is not None else "no source"
        who = f"{src}{' → ' + a.actor if a.actor else ''}"
        out.append(_Layer(a.content.start, a.content.end, 0, "background: #fff6d5;",
                          f"content ({a.kind}) reported by {who}"))
        if a.source is not None:
            out.append(_Layer(a.source.start, a.source.end, 1,
                              "font-weight: 600; border-bottom: 2px solid #1f77b4;",
                              f"source{' (anonymous)' if a.anonymous else ''}: {who}",
                              "anonymous source" if a.anonymous else "source", "#1f77b4"))
        color = STANCE_COLORS.get(a.cue_stance, "#9e9e9e")
        out.append(_Layer(a.cue.start, a.cue.end, 1,
                          f"font-weight: 600; color: {color}; border-bottom: 2px solid {color};",
                          f"cue ({a.cue_stance}{', ' + a.cue_lemma if a.cue_lemma else ''})",
                          a.cue_stance, color))
    for m in doc.mentions:
        out.append(_Layer(m.span.start, m.span.end, 2,
                          "border: 1px solid #8c6d31; border-radius: 3px; padding: 0 1px;",
                          f"mention of {m.actor} ({m.type}, via {m.via})", m.actor, "#8c6d31"))
    for e in doc.evaluative:
        color = "#f4a3a3" if e.polarity < 0 else "#a8dba8"
        border = "solid" if e.voice == "author" else "dashed"
        out.append(_Layer(e.span.start, e.span.end, 3,
                          f"background: {color}; border-bottom: 2px {border} #333;",
                          f"evaluative {'+' if e.polarity > 0 else '-'}{e.intensity:.2f}, "
                          f"{e.voice} voice"))
    for name, color, style in (("hedges", "#1565c0", "dotted"), ("boosters", "#c2185b", "dotted"),
                               ("vague", "#ef6c00", "dashed")):
        for c in getattr(doc, name):
            out.append(_Layer(c.span.start, c.span.end, 4,
                              f"text-decoration: underline {style} {color} 2px; "
                              "text-underline-offset: 3px;",
                              f"{c.category} ({c.subtype or 'cue'}, {c.voice} voice)",
                              c.category, color))
    return [x for x in out if 0 <= x.start < x.end <= len(text)]


def _marked_text(doc: Document) -> str:
    text = doc.text
    layers = _layers(doc)
    points = sorted({0, len(text), *[x.start for x in layers], *[x.end for x in layers]})
    starts: dict[int, list[_Layer]] = defaultdict(list)
    for x in layers:
        starts[x.start].append(x)
    out: list[str] = []
    active: list[_Layer] = []
    for a, b in zip(points, points[1:]):
        active = [x for x in active if x.end > a] + starts.get(a, [])
        active.sort(key=lambda x: (x.order, -x.end))
        piece = _e(text[a:b])
        for x in reversed(active):
            piece = f'<span style="{x.style}" title="{_e(x.title)}">{piece}</span>'
        out.append(piece)
        for x in active:
            if x.end == b and x.label:
                out.append(f'<span style="{_LABEL.format(color=x.label_color)}">'
                           f"{_e(x.label)}</span>")
    return "".join(out)


def _speaker_table(doc: Document) -> str:
    if not doc.attributions:
        return ""
    rows: dict[str, dict] = {}
    for a in doc.attributions:
        who = a.actor or (doc.text[a.source.start:a.source.end] if a.source else "(no source)")
        r = rows.setdefault(who, {"n": 0, "kinds": Counter(), "cues": Counter(), "anon": 0})
        r["n"] += 1
        r["kinds"][a.kind] += 1
        r["cues"][doc.text[a.cue.start:a.cue.end].lower()] += 1
        r["anon"] += bool(a.anonymous)
    th = "border-bottom: 1px solid #ccc; text-align: left; padding: 2px 8px;"
    td = "padding: 2px 8px; vertical-align: top;"
    body = []
    for who, r in sorted(rows.items(), key=lambda kv: (-kv[1]["n"], kv[0])):
        kinds = ", ".join(f"{k} {n}" for k, n in r["kinds"].most_common())
        cues = ", ".join(f"{c} ({n})" for c, n in r["cues"].most_common())
        anon = " (anonymous)" if r["anon"] == r["n"] else ""
        body.append(f'<tr><td style="{td}">{_e(who)}{anon}</td><td style="{td}">{r["n"]}</td>'
                    f'<td style="{td}">{_e(kinds)}</td><td style="{td}">{_e(cues)}</td></tr>')
    return (f'<table style="border-collapse: collapse; margin-top: 0.8em; font-size: 0.85em;">'
            f'<tr><th style="{th}">who is quoted</th><th style="{th}">times</th>'
            f'<th style="{th}">how</th><th style="{th}">cues</th></tr>{"".join(body)}</table>')


def _legend() -> str:
    items = [
        ("background: #fff6d5;", "attributed content"),
        ("font-weight: 600; border-bottom: 2px solid #1f77b4;", "source"),
        *[(f"font-weight: 600; color: {c}; border-bottom: 2px solid {c};", f"{s} cue")
          for s, c in STANCE_COLORS.items()],
        ("background: #f4a3a3; border-bottom: 2px solid #333;", "negative, author voice"),
        ("background: #a8dba8; border-bottom: 2px dashed #333;", "positive, quoted voice"),
        ("text-decoration: underline dotted #1565c0 2px;", "hedge"),
        ("text-decoration: underline dotted #c2185b 2px;", "booster"),
        ("text-decoration: underline dashed #ef6c00 2px;", "vague attribution"),
        ("border: 1px solid #8c6d31; border-radius: 3px;", "actor mention"),
    ]
    return ('<div style="font-size: 0.78em; color: #555; margin-bottom: 0.6em;">'
            + " &nbsp; ".join(f'<span style="{s}">{_e(t)}</span>' for s, t in items) + "</div>")


def render_document(doc: Document, *, legend: bool = True, table: bool = True) -> str:
    """HTML of a document's text with its evidence highlighted.

    Parameters
    ----------
    doc : Document
    legend : bool, default True
        Show what the colours and marks mean.
    table : bool, default True
        Add a table of who is quoted, how often and with which cues.

    Returns
    -------
    str
        An HTML fragment with inline styles; every piece of text is escaped.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze('Critics said the <plan> "may fail".')
    >>> html = render_document(doc)
    >>> "&lt;plan&gt;" in html and "<plan>" not in html
    True
    """
    meta = " · ".join(_e(v) for v in (doc.outlet, doc.story, doc.date) if v)
    head = ""
    if doc.title or meta:
        head = (f'<div style="font-weight: 600; font-size: 1.1em;">{_e(doc.title or "")}</div>'
                f'<div style="color: #777; font-size: 0.8em; margin-bottom: 0.4em;">{meta}</div>')
    counts = (f"{len(doc.attributions)} attributions, {len(doc.hedges)} hedges, "
              f"{len(doc.boosters)} boosters, {len(doc.vague)} vague, "
              f"{len(doc.evaluative)} evaluative, {len(doc.mentions)} mentions")
    return (f'<div class="framing-document" style="{_FONT}; max-width: 52em;">{head}'
            f"{_legend() if legend else ''}"
            f'<div style="white-space: pre-wrap; line-height: 2.1; font-family: Georgia, serif;">'
            f"{_marked_text(doc)}</div>"
            f'<div style="color: #777; font-size: 0.8em; margin-top: 0.4em;">{_e(counts)}</div>'
            f"{_speaker_table(doc) if table else ''}</div>")
