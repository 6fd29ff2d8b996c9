"""The report's summary: everything the report shows, computed once from an
:class:`~framing.Analysis` and its :class:`~framing.analysis.Comparison` (never from a corpus:
the report runs no pipeline and no comparison)."""

from __future__ import annotations

import bisect
import io
import re
from typing import Any

import pandas as pd

from framing._version import __version__
from framing.analysis import Analysis, Comparison, json_records
from framing.document import Document

__all__ = ["summarize", "METHODS", "REFERENCES"]


_SVG_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)

#: Rows of the differences table shown in HTML and Markdown (all are in the JSON form).
MAX_DIFFERENCES_SHOWN = 60

KEY_METRICS = ("hedges_per_1k", "anonymous_share", "evaluative_author_per_1k")
ACTOR_METRICS_SHOWN = ("mentions", "voice_share", "sentiment_balance")

REFERENCES = {
    "parc": "Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. "
            "Proceedings of LREC 2016, 3914-3920.",
    "conll2010": "Farkas, R., Vincze, V., Móra, G., Csirik, J., & Szarvas, G. (2010). The "
                 "CoNLL-2010 shared task: Learning to detect hedges and their scope in "
                 "natural language text. Proceedings of CoNLL 2010, 1-12.",
    "hyland": "Hyland, K. (2005). Metadiscourse: Exploring interaction in writing. Continuum.",
    "appraisal": "Martin, J. R., & White, P. R. R. (2005). The language of evaluation: "
                 "Appraisal in English. Palgrave Macmillan.",
    "newsmtsc": "Hamborg, F., & Donnay, K. (2021). NewsMTSC: A dataset for (multi-)"
                "target-dependent sentiment classification in political news articles. "
                "Proceedings of EACL 2021, 1663-1675.",
    "bootstrap": "Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap. "
                 "Chapman & Hall.",
    "permutation": "Good, P. (2005). Permutation, parametric, and bootstrap tests of "
                   "hypotheses (3rd ed.). Springer.",
    "fairlearn": "Weerts, H., Dudík, M., Edgar, R., Jalali, A., Lutz, R., & Madaio, M. "
                 "(2023). Fairlearn: Assessing and improving fairness of AI systems. "
                 "Journal of Machine Learning Research, 24(257), 1-8.",
}

METHODS = [
    ("Attribution", "Reported speech and thought: source, cue and content, of kind direct, "
     "indirect, mixed or according to; anonymous sources; the stance of the reporting cue "
     "(neutral, doubt, endorse, emotive). After PARC 3.0.", ["parc"]),
    ("Hedges, boosters, vague attribution", "Cue words by which the writer or a source "
     "withholds or asserts commitment, and unnamed or collective sources, after the "
     "CoNLL-2010 shared task (cue level) and Hyland's metadiscourse.", ["conll2010", "hyland"]),
    ("Evaluative language", "Words and phrases of judgement, emotion or appreciation with "
     "polarity and intensity, after appraisal theory; in the outlet's voice (author) when "
     "outside every attribution's content, else in the source's voice (quoted).",
     ["appraisal"]),
    ("Actors and sentiment", "Mentions grouped into canonical actors (names, aliases, roles, "
     "metonymic capitals); the sentiment a sentence expresses toward an actor as NewsMTSC "
     "defines it; the balance is (positive - negative) / sentences with a label.",
     ["newsmtsc"]),
    ("Uncertainty", "Every value is a ratio of sums over a group's articles. Intervals are "
     "percentile bootstrap intervals over articles (seeded). Differences between groups are "
     "averaged over the stories both cover; their intervals resample stories, their p-values "
     "come from a permutation test that swaps the two groups' labels within stories. "
     "p-values are not corrected for multiple comparisons.", ["bootstrap", "permutation"]),
    ("Comparison layout", "Values overall, by group and by group and actor, and differences "
     "between groups, after fairlearn's MetricFrame.", ["fairlearn"]),
]

EVIDENCE_KINDS = {
    "stance": "Sources introduced with a doubt or emotive cue",
    "anonymous": "Anonymous sources",
    "evaluative": "Evaluative language in the outlet's own voice",
    "hedge": "Hedges",
}


# -- the summary --------------------------------------------------------------------------

def _sentence_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    sents = doc.sentences
    i = bisect.bisect_right([s.start for s in sents], start) - 1
    if i >= 0 and start < sents[i].end:
        return sents[i].start, max(sents[i].end, min(end, sents[i].end + 400))
    return max(0, start - 120), min(len(doc.text), end + 120)


def _snippet(doc: Document, doc_index: int, kind: str,
             marks: list[tuple[int, int, str]]) -> dict[str, Any]:
    lo = min(m[0] for m in marks)
    hi = max(m[1] for m in marks)
    s, e = _sentence_of(doc, lo, hi)
    s, e = min(s, lo), max(e, hi)
    return {
        "kind": kind, "doc": doc_index, "id": doc.id, "outlet": doc.outlet, "story": doc.story,
        "title": doc.title, "start": s, "end": e, "text": doc.text[s:e],
        "marks": [[a - s, b - s, cls] for a, b, cls in sorted(marks)],
    }


def _evidence(analysis: Analysis, by: str, groups: list[str], per_kind: int) -> list[dict]:
    docs = analysis.documents
    arts = analysis.ok
    out: list[dict] = []
    for g in groups:
        idx = [int(d) for d in arts.loc[arts[by].astype(str) == g, "doc"]]
        found: dict[str, list[dict]] = {k: [] for k in EVIDENCE_KINDS}
        for i in idx:
            doc = docs[i]
            for a in doc.attributions:
                marks = [(a.cue.start, a.cue.end, a.cue_stance)]
                if a.source is not None and not a.source.overlaps(a.cue):
                    marks.append((a.source.start, a.source.end, "anonymous" if a.anonymous
                                  else "neutral"))
                if a.cue_stance in ("doubt", "emotive"):
                    _add(found["stance"], _snippet(doc, i, "stance", marks), per_kind)
                if a.anonymous:
                    _add(found["anonymous"], _snippet(doc, i, "anonymous", marks), per_kind)
            for ev in doc.evaluative:
                if ev.voice == "author":
                    cls = "positive" if ev.polarity > 0 else "negative"
                    _add(found["evaluative"],
                         _snippet(doc, i, "evaluative", [(ev.span.start, ev.span.end, cls)]),
                         per_kind)
            for h in doc.hedges:
                _add(found["hedge"], _snippet(doc, i, "hedge", [(h.span.start, h.span.end, "hedge")]),
                     per_kind)
            if all(len(v) >= per_kind for v in found.values()):
                break
        for k, items in found.items():
            for item in items:
                out.append({"group": g, **item})
    return out


def _add(found: list[dict], item: dict, limit: int) -> None:
    """Add a snippet, or merge its marks into a snippet of the same sentence."""
    for x in found:
        if (x["doc"], x["start"], x["end"]) == (item["doc"], item["start"], item["end"]):
            x["marks"] = sorted(x["marks"] + [m for m in item["marks"] if m not in x["marks"]])
            return
    if len(found) < limit:
        found.append(item)


def _svg(fig) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "framing", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buf.getvalue()
    # matplotlib repeats each text as an (escaped) XML comment; drop them, they are bulk
    return _SVG_COMMENT.sub("", svg[svg.index("<svg"):])


def _figures(analysis: Analysis, cmp: Comparison, actors: list[str]) -> list[dict[str, str]]:
    from matplotlib.figure import Figure

    from framing.viz import plot

    out = []

    def draw(title: str, fn, data, size=(6.0, 3.2), **kw):
        fig = Figure(figsize=size)
        ax = fig.add_subplot()
        try:
            fn(data, ax=ax, **kw)
        except ValueError as exc:  # nothing to plot: say so instead of a figure
            out.append({"title": title, "svg": "", "note": str(exc)})
            return
        out.append({"title": title, "svg": _svg(fig), "note": ""})
        fig.clear()

    n_groups = max(len(cmp.groups), 1)
    for m in KEY_METRICS:
        label = cmp.metrics.set_index("metric")["label"].get(m, m)
        draw(label, plot.metric_intervals, cmp.by_group, size=(6.0, 0.6 + 0.45 * n_groups),
             metric=m, by=cmp.by, label=label)
    draw("Cue stance by group", plot.cue_stance, analysis.attributions,
         size=(6.0, 0.8 + 0.5 * n_groups), by=cmp.by)
    draw("Evaluative density: author vs quoted voice", plot.evaluative_voice, analysis.ok,
         size=(6.0, 0.8 + 0.5 * n_groups), by=cmp.by)
    if actors:
        draw("Sentiment toward actors", plot.actor_sentiment, analysis.actors,
             size=(1.6 + 0.9 * len(actors), 1.2 + 0.5 * n_groups), actors=actors, by=cmp.by)
        draw("Voice share by actor", plot.voice_share, analysis,
             size=(6.0, 1.0 + 0.35 * len(actors) * min(n_groups, 4)), actors=actors, by=cmp.by)
    return out


def summarize(analysis: Analysis, cmp: Comparison, *, title: str = "How outlets frame the same stories",
              max_actors: int = 8, snippets: int = 2, figures: bool = True) -> dict[str, Any]:
    """The report's summary of an analysis and its comparison, computed once: corpus counts,
    failures, metrics by group with intervals, within-story differences, actors, evidence
    snippets, figures (SVG) and methods. It reads the tables; it runs no pipeline."""
    arts = analysis.articles
    ok = analysis.ok
    by = cmp.by
    actors = list(cmp.parameters.get("actors", []))[:max_actors]
    by_actor = cmp.by_actor[cmp.by_actor["actor"].isin(actors)
                            & cmp.by_actor["metric"].isin(ACTOR_METRICS_SHOWN)]
    diffs = cmp.differences.sort_values(["p_value", "metric"], na_position="last")
    err = analysis.errors
    return {
        "title": title,
        "framing_version": __version__,
        "parameters": dict(cmp.parameters),
        "corpus": {
            "articles": int(len(arts)), "ok": int(len(ok)), "errors": int(len(err)),
            "words": int(pd.to_numeric(ok["words"]).sum()) if len(ok) else 0,
            "by": by, "within": cmp.within, "groups": cmp.groups,
            "stories": int(ok[cmp.within].nunique()) if cmp.within else None,
            "articles_by_group": {str(k): int(v) for k, v in
                                  ok[by].astype(str).value_counts().sort_index().items()},
        },
        "errors": [{"id": r["id"], by: r.get(by), "error": r["error"]}
                   for r in json_records(err[["id", by, "error"]])] if len(err) else [],
        "notes": list(cmp.notes),
        "metrics": json_records(cmp.metrics),
        "overall": json_records(cmp.overall),
        "by_group": json_records(cmp.by_group),
        "differences": json_records(diffs),
        "actors": actors,
        "by_actor": json_records(by_actor),
        "evidence": _evidence(analysis, by, cmp.groups, snippets),
        "figures": _figures(analysis, cmp, actors) if figures else [],
        "methods": [{"name": n, "text": t, "references": refs} for n, t, refs in METHODS],
        "references": dict(REFERENCES),
    }
