"""The report's summary: everything the report shows, computed once from an
:class:`~framing.Analysis` and its :class:`~framing.analysis.Comparison` (never from a corpus:
the report runs no pipeline and no comparison)."""

from __future__ import annotations

import bisect
import io
import json
import warnings
import re
from importlib import resources
from typing import Any

import pandas as pd

from framing._version import __version__
from framing.analysis import Analysis, Comparison, json_records
from framing.document import Document

__all__ = ["summarize", "accuracy", "METHODS", "REFERENCES"]


_SVG_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)

#: Frames listed per group in the report's frames section, and example sentences per frame.
FRAMES_SHOWN = 3
FRAME_EXAMPLES = 2

#: Rows of the differences table shown in HTML and Markdown (all are in the JSON form).
MAX_DIFFERENCES_SHOWN = 60

KEY_METRICS = ("hedges_per_1k", "anonymous_share", "evaluative_author_per_1k")
ACTOR_METRICS_SHOWN = ("mentions", "voice_share", "sentiment_balance")
#: Rows of the per-actor differences table shown in HTML and Markdown.
MAX_ACTOR_DIFFERENCES_SHOWN = 30
#: Article text (characters) the article view holds at most: articles that evidence links to
#: are always there, then the others in input order until the budget is spent (a note says
#: so). The article view is most of a large report's weight: with 2,500,000 characters a
#: report on 1,000 articles took 2.7 s to open in headless Chromium; see docs/report.md.
ARTICLE_VIEW_CHARS = 250_000
ROLE_METRICS_SHOWN = ("antagonist_share", "protagonist_share", "innocent_share")
#: Rows of the role differences table shown in HTML and Markdown (all are in the JSON form).
MAX_ROLE_DIFFERENCES_SHOWN = 30

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
    "boydstun": "Boydstun, A. E., Card, D., Gross, J. H., Resnik, P., & Smith, N. A. (2014). "
                "Tracking the development of media frames within and across policy issues. "
                "APSA 2014 Annual Meeting.",
    "bootstrap": "Efron, B., & Tibshirani, R. J. (1993). An introduction to the bootstrap. "
                 "Chapman & Hall.",
    "permutation": "Good, P. (2005). Permutation, parametric, and bootstrap tests of "
                   "hypotheses (3rd ed.). Springer.",
    "semeval2025": "Mahmoud, T., Xie, Z., Dimitrov, D., Nikolaidis, N., Silvano, P., "
                   "Yangarber, R., Sharma, S., Sartori, E., Stefanovitch, N., Da San Martino, G., "
                   "Piskorski, J., & Nakov, P. (2025). Entity framing and role portrayal in the "
                   "news. Findings of ACL 2025, 302-326.",
    "ptc": "Da San Martino, G., Yu, S., Barrón-Cedeño, A., Petrov, R., & Nakov, P. (2019). "
           "Fine-grained analysis of propaganda in news articles. Proceedings of EMNLP-IJCNLP "
           "2019, 5636-5646.",
    "holm": "Holm, S. (1979). A simple sequentially rejective multiple test procedure. "
            "Scandinavian Journal of Statistics, 6(2), 65-70.",
    "bh": "Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a "
          "practical and powerful approach to multiple testing. Journal of the Royal "
          "Statistical Society B, 57(1), 289-300.",
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
    ("Entity roles", "In each article the role step casts every actor as protagonist, "
     "antagonist or innocent (SemEval-2025 Task 10's main roles), or none, from the evidence "
     "about it: harmful or helpful actions it takes or undergoes, sentiment toward it, "
     "evaluative words in its clauses and how its speech is introduced. A role share is the "
     "fraction of a group's articles mentioning the actor that cast it so.", ["semeval2025"]),
    ("Persuasion techniques", "Spans that use one of the 14 techniques of the Propaganda "
     "Techniques Corpus (loaded language, name calling, doubt, appeal to fear, flag-waving, "
     "slogans, repetition, exaggeration, appeal to authority, ...), each with its evidence; "
     "by default found by rules over the evidence above and the project's cue list, or by a "
     "model the user trained on PTC.", ["ptc"]),
    ("Frames", "The 14 generic policy frames of the Policy Frames Codebook (economic, "
     "capacity and resources, morality, fairness and equality, legality, policy prescription, "
     "crime and punishment, security and defense, health and safety, quality of life, "
     "cultural identity, public opinion, political, external regulation and reputation). The "
     "frame step marks each sentence that carries a frame, with the words that show it (the "
     "project's frame lexicon by default, or a trained FrameClassifier); a frame's share is "
     "the share of a group's sentences that carry it.", ["boydstun"]),
    ("Uncertainty", "Every value is a ratio of sums over a group's articles. Intervals are "
     "percentile bootstrap intervals over articles (seeded); below the minimum number of "
     "articles (or stories) they are t intervals, which are wider, because the percentile "
     "bootstrap is too narrow on few units; a sentiment balance from a single article has an "
     "interval from its sentence counts alone (Jeffreys-Dirichlet), which leaves out how "
     "articles vary. Differences between groups are averaged over the stories both cover; "
     "their intervals resample stories, their p-values come from a permutation test that swaps "
     "the two groups' labels within stories, and are adjusted for the number of comparisons "
     "in the table (adjusted p).", ["bootstrap", "permutation", "holm"]),
    ("Comparison layout", "Values overall, by group and by group and actor, and differences "
     "between groups, after fairlearn's MetricFrame.", ["fairlearn"]),
]

EVIDENCE_KINDS = {
    "stance": "Sources introduced with a doubt or emotive cue",
    "anonymous": "Anonymous sources",
    "evaluative": "Evaluative language in the outlet's own voice",
    "hedge": "Hedges",
    "persuasion": "Persuasion techniques in the outlet's own voice",
}

#: What each highlight class means (the legend of the evidence and of the article view).
LEGEND = [
    ("src", "source"),
    ("src anonymous", "anonymous source"),
    ("cue-neutral", "neutral cue"),
    ("cue-doubt", "doubt cue"),
    ("cue-endorse", "endorse cue"),
    ("cue-emotive", "emotive cue"),
    ("content", "reported content"),
    ("hedge", "hedge"),
    ("booster", "booster"),
    ("vague", "vague attribution"),
    ("positive", "evaluative, positive"),
    ("negative", "evaluative, negative"),
    ("persuasion", "persuasion technique"),
    ("frame", "frame evidence"),
]

_PRONOUNS = frozenset("who whom which that he she it they we i you this these those one "
                      "him her them us".split())


def accuracy() -> dict[str, Any]:
    """Each measure's accuracy on its benchmark (``framing/data/accuracy.json``): the value,
    its interval where the evaluation gives one, the command and date that produced it.

    Examples
    --------
    >>> acc = accuracy()
    >>> sorted(acc["figures"][0])[:4]
    ['benchmark', 'command', 'date', 'held_out']
    """
    text = resources.files("framing").joinpath("data").joinpath("accuracy.json").read_text("utf-8")
    return json.loads(text)


# -- the summary --------------------------------------------------------------------------

def _sentence_of(doc: Document, start: int, end: int) -> tuple[int, int]:
    sents = doc.sentences
    i = bisect.bisect_right([s.start for s in sents], start) - 1
    if i >= 0 and start < sents[i].end:
        return sents[i].start, max(sents[i].end, min(end, sents[i].end + 400))
    return max(0, start - 120), min(len(doc.text), end + 120)


def _snippet(doc: Document, doc_index: int, kind: str, marks: list[tuple[int, int, str]],
             score: float, parts: dict[str, str] | None = None) -> dict[str, Any]:
    lo = min(m[0] for m in marks)
    hi = max(m[1] for m in marks)
    s, e = _sentence_of(doc, lo, hi)
    s, e = min(s, lo), max(e, hi)
    return {
        "kind": kind, "doc": doc_index, "id": doc.id, "outlet": doc.outlet, "story": doc.story,
        "title": doc.title, "start": s, "end": e, "text": doc.text[s:e],
        "marks": [[a - s, b - s, cls] for a, b, cls in sorted(marks)],
        "evidence_start": lo, "evidence_end": hi, "confidence": round(float(score), 3),
        "parts": parts or {},
    }


def _attribution_marks(a) -> list[tuple[int, int, str]]:
    marks = [(a.content.start, a.content.end, "content"), (a.cue.start, a.cue.end,
                                                           f"cue-{a.cue_stance}")]
    if a.source is not None and not a.source.overlaps(a.cue):
        marks.append((a.source.start, a.source.end, "src anonymous" if a.anonymous else "src"))
    return [m for m in marks if m[0] < m[1]]


def _attribution_confidence(doc: Document, a) -> float:
    """How complete and clear an attribution looks (no extractor gives a probability): a
    source apart from the cue, a source that is not a pronoun, a resolved actor, content of
    three words or more."""
    score = 0.0
    if a.source is not None and not a.source.overlaps(a.cue):
        score += 1.0
        src = doc.text[a.source.start:a.source.end].strip().lower()
        if src not in _PRONOUNS and len(src) >= 3:
            score += 1.0
    if a.actor:
        score += 0.5
    if len(doc.text[a.content.start:a.content.end].split()) >= 3:
        score += 1.0
    return score


def _evidence(analysis: Analysis, by: str, groups: list[str], per_kind: int) -> list[dict]:
    """Per group and kind, the ``per_kind`` examples with the highest confidence (ties in
    input order); an attribution example shows its source, cue and content."""
    docs = analysis.documents
    arts = analysis.ok
    out: list[dict] = []
    for g in groups:
        idx = [int(d) for d in arts.loc[arts[by].astype(str) == g, "doc"]]
        found: dict[str, list[tuple[float, int, dict]]] = {k: [] for k in EVIDENCE_KINDS}
        n = 0

        def offer(kind: str, score: float, make) -> None:
            nonlocal n
            n += 1
            pool = found[kind]
            if len(pool) >= 4 * per_kind and score <= min(x[0] for x in pool):
                return
            pool.append((score, -n, make()))
            pool.sort(key=lambda x: (x[0], x[1]), reverse=True)
            del pool[4 * per_kind:]

        for i in idx:
            doc = docs[i]
            t = doc.text
            for a in doc.attributions:
                if a.cue_stance not in ("doubt", "emotive") and not a.anonymous:
                    continue
                score = _attribution_confidence(doc, a)
                parts = {"source": t[a.source.start:a.source.end] if a.source else "",
                         "cue": t[a.cue.start:a.cue.end],
                         "content": t[a.content.start:a.content.end],
                         "stance": a.cue_stance}
                marks = _attribution_marks(a)
                if a.cue_stance in ("doubt", "emotive"):
                    offer("stance", score, lambda: _snippet(doc, i, "stance", marks, score, parts))
                if a.anonymous and a.source is not None:  # an anonymous example shows its source
                    offer("anonymous", score,
                          lambda: _snippet(doc, i, "anonymous", marks, score, parts))
            for ev in doc.evaluative:
                if ev.voice == "author":
                    cls = "positive" if ev.polarity > 0 else "negative"
                    offer("evaluative", ev.intensity, lambda: _snippet(
                        doc, i, "evaluative", [(ev.span.start, ev.span.end, cls)], ev.intensity,
                        {"words": ev.text, "polarity": cls}))
            for h in doc.hedges:
                score = 1.0 if h.voice == "author" else 0.5
                offer("hedge", score, lambda: _snippet(
                    doc, i, "hedge", [(h.span.start, h.span.end, "hedge")], score,
                    {"cue": h.text, "voice": h.voice}))
            for pt in doc.persuasion:
                if pt.voice == "author":
                    offer("persuasion", pt.score, lambda: _snippet(
                        doc, i, "persuasion", [(pt.span.start, pt.span.end, "persuasion")], pt.score,
                        {"technique": pt.technique.replace("_", " ")}))
        for kind, pool in found.items():
            chosen: list[dict] = []
            for _, _, item in pool:
                _add(chosen, item, per_kind)
            for item in chosen:
                out.append({"group": g, **item})
    return out


def _frames(analysis: Analysis, cmp: Comparison, per_frame: int) -> list[dict[str, Any]]:
    """Per group, the frames it leans on most: the largest share of sentences above the
    share over all groups (ties by share), with the interval and example sentences whose
    evidence words are marked."""
    by = cmp.by
    bg = cmp.by_group
    rows = bg[bg["metric"].str.startswith("frame_") & bg["metric"].str.endswith("_share")]
    if rows.empty or analysis.frames.empty:
        return []
    overall = cmp.overall.set_index("metric")["value"]
    labels = cmp.metrics.set_index("metric")["label"]
    docs = analysis.documents
    fr = analysis.frames
    out = []
    for g in cmp.groups:
        sub = rows[rows[by].astype(str) == g].copy()
        sub = sub[sub["value"] > 0]
        if sub.empty:
            continue
        sub["lean"] = sub["value"] - sub["metric"].map(overall).fillna(0.0)
        sub = sub.sort_values(["lean", "value", "metric"], ascending=[False, False, True])
        for r in sub.head(FRAMES_SHOWN).to_dict("records"):
            frame = r["metric"][len("frame_"):-len("_share")]
            ex = fr[(fr["frame"] == frame) & (fr[by].astype(str) == g)] if by in fr.columns else fr.iloc[:0]
            ex = ex.sort_values(["score", "doc", "sentence_start"], ascending=[False, True, True])
            examples = []
            for e in ex.head(per_frame).to_dict("records"):
                doc = docs[int(e["doc"])]
                rec = next((x for x in doc.frames if x.frame == frame
                            and x.sentence.start == e["sentence_start"]), None)
                marks = [(sp.start, sp.end, "frame") for sp in (rec.evidence if rec else ())]
                marks = marks or [(int(e["sentence_start"]), int(e["sentence_end"]), "frame")]
                item = _snippet(doc, int(e["doc"]), "frame", marks, float(e["score"]),
                                {"frame": frame})
                item["start"], item["end"] = int(e["sentence_start"]), int(e["sentence_end"])
                item["text"] = doc.text[item["start"]:item["end"]]
                item["marks"] = [[a - item["start"], b - item["start"], c] for a, b, c in sorted(marks)]
                examples.append(item)
            out.append({"group": g, "frame": frame, "label": str(labels.get(r["metric"], frame)),
                        "value": float(r["value"]), "ci_low": r.get("ci_low"),
                        "ci_high": r.get("ci_high"), "overall": float(overall.get(r["metric"], 0.0)),
                        "examples": examples})
    return out


def _add(found: list[dict], item: dict, limit: int) -> None:
    """Add a snippet unless one of the same sentence is there already."""
    for x in found:
        if (x["doc"], x["start"], x["end"]) == (item["doc"], item["start"], item["end"]):
            return
    if len(found) < limit:
        found.append(item)


def _article_layers(doc: Document) -> list[list]:
    """Every highlighted span of an article: ``[start, end, class]``."""
    out: list[tuple[int, int, str]] = []
    for a in doc.attributions:
        out += _attribution_marks(a)
    for name in ("hedges", "boosters", "vague"):
        cls = {"hedges": "hedge", "boosters": "booster", "vague": "vague"}[name]
        out += [(c.span.start, c.span.end, cls) for c in getattr(doc, name)]
    out += [(e.span.start, e.span.end, "positive" if e.polarity > 0 else "negative")
            for e in doc.evaluative]
    n = len(doc.text)
    return [[a, b, c] for a, b, c in sorted(set(out)) if 0 <= a < b <= n]


def _articles(analysis: Analysis, evidence: list[dict], by: str) -> tuple[list[dict], int]:
    """The article view: linked articles first, then the rest in input order, within
    :data:`ARTICLE_VIEW_CHARS` characters of text; returns the articles and how many were
    left out."""
    docs = analysis.documents
    ok = [int(d) for d in analysis.ok["doc"]]
    group_of = dict(zip(analysis.ok["doc"].astype(int), analysis.ok[by].astype(str)))
    anchors: dict[int, set[int]] = {}
    for x in evidence:
        anchors.setdefault(x["doc"], set()).add(x["evidence_start"])
    order = list(dict.fromkeys([*sorted(anchors), *ok]))
    out: list[dict[str, Any]] = []
    budget, left = ARTICLE_VIEW_CHARS, 0
    for i in order:
        doc = docs[i]
        if len(doc.text) > budget and i not in anchors:
            left += 1
            continue
        budget -= len(doc.text)
        out.append({"doc": i, "id": doc.id, "group": group_of.get(i), "outlet": doc.outlet,
                    "story": doc.story, "title": doc.title, "text": doc.text,
                    "marks": _article_layers(doc), "anchors": sorted(anchors.get(i, ()))})
    out.sort(key=lambda a: a["doc"])
    return out, left


def _svg(fig) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "framing", "svg.fonttype": "path"}), \
            warnings.catch_warnings():
        # a group name in a script the font lacks (an emoji) draws as a box; the name is
        # still in the report's tables, so the figure need not warn about it
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buf.getvalue()
    # matplotlib repeats each text as an (escaped) XML comment; drop them, they are bulk
    return _SVG_COMMENT.sub("", svg[svg.index("<svg"):])


def _interval_caption(cmp: Comparison) -> str:
    n = cmp.parameters.get("min_sample", 10)
    conf = int(round(100 * cmp.parameters.get("confidence", 0.95)))
    return (f"Dots are values; lines are {conf}% intervals (bootstrap over articles, or t "
            f"intervals below {n} articles).")


def _figures(analysis: Analysis, cmp: Comparison, actors: list[str]) -> list[dict[str, str]]:
    from matplotlib.figure import Figure

    from framing.viz import plot

    out = []

    def draw(title: str, caption: str, fn, data, size=(6.0, 3.2), **kw):
        fig = Figure(figsize=size)
        ax = fig.add_subplot()
        try:
            fn(data, ax=ax, **kw)
        except ValueError as exc:  # nothing to plot: say so instead of a figure
            out.append({"title": title, "caption": caption, "svg": "", "note": str(exc)})
            return
        out.append({"title": title, "caption": caption, "svg": _svg(fig), "note": ""})
        fig.clear()

    by = cmp.by
    n_groups = max(len(cmp.groups), 1)
    labels = cmp.metrics.set_index("metric")["label"]
    descriptions = cmp.metrics.set_index("metric")["description"]
    for m in KEY_METRICS:
        label = labels.get(m, m)
        draw(label, f"{descriptions.get(m, '')} {_interval_caption(cmp)}",
             plot.metric_intervals, cmp.by_group, size=(6.0, 0.6 + 0.45 * n_groups),
             metric=m, by=by, label=label)
    draw("Cue stance by group",
         f"Share of each {by}'s attributions by the stance of the reporting verb "
         "(said: neutral; claimed: doubt; confirmed: endorse; slammed: emotive).",
         plot.cue_stance, analysis.attributions, size=(6.0, 0.8 + 0.5 * n_groups), by=by)
    draw("Evaluative density: author vs quoted voice",
         "Evaluative words per 1,000 words in the outlet's own voice (circles) and in the "
         "words it quotes (squares).",
         plot.evaluative_voice, analysis.ok, size=(6.0, 0.8 + 0.5 * n_groups), by=by)
    draw("Frame profile", "Share of each group's sentences that carry each frame (frame step), "
         "with 95% intervals; frames under 2% everywhere are left out.",
         plot.frame_profile, cmp.by_group, size=(6.5, 4.5), by=by, min_share=0.02)
    if actors:
        draw("Sentiment toward actors",
             "Sentiment balance, (positive - negative) / sentences with a sentiment toward "
             "the actor, from -1 to +1, with its interval; blank: no such sentence.",
             plot.actor_sentiment, cmp.by_actor,
             size=(1.6 + 1.1 * len(actors), 1.2 + 0.6 * n_groups), actors=actors, by=by)
        draw("Sentiment balance by actor, with intervals",
             f"One row per actor, one colour per {by}. {_interval_caption(cmp)} A balance "
             "from one article has an interval from its sentences alone.",
             plot.actor_intervals, cmp.by_actor,
             size=(6.0, 1.0 + 0.45 * len(actors)), actors=actors, by=by)
        ba = cmp.by_actor
        vs = ba[(ba["metric"] == "voice_share") & ba["actor"].isin(actors)]
        heard = [a for a in actors if (vs.loc[vs["actor"] == a, "value"].fillna(0) > 0).any()]
        draw("Who gets a voice",
             f"Share of each {by}'s attributions whose source is the actor; actors no "
             f"{by} quotes are left out.",
             plot.voice_share, cmp.by_actor,
             size=(6.0, 0.8 + 0.12 * max(len(heard), 1) * min(n_groups, 6)), actors=heard,
             by=by)
        shares = _role_share_table(cmp, actors)
        if len(shares):
            draw("Roles by actor and outlet",
                 f"Share of the {by}'s articles mentioning the actor that cast it as antagonist, "
                 "protagonist or innocent (role step), with intervals.",
                 plot.role_shares, shares,
                 size=(6.0, 1.2 + 0.4 * len(shares.drop_duplicates(["actor", cmp.by]))),
                 actors=actors, by=cmp.by)
    return out


def _role_share_table(cmp: Comparison, actors: list[str]) -> pd.DataFrame:
    """The role shares of ``cmp.by_actor`` in the layout of :func:`framing.plot.role_shares`
    (actors mentioned by the group only)."""
    t = cmp.by_actor[cmp.by_actor["actor"].isin(actors)
                     & cmp.by_actor["metric"].isin(ROLE_METRICS_SHOWN)
                     & (cmp.by_actor["n_mentioning"] > 0)]
    t = t[t["value"].notna()]
    return pd.DataFrame({
        cmp.by: t[cmp.by], "actor": t["actor"], "role": t["metric"].str.replace("_share", ""),
        "share": t["value"], "ci_low": t["ci_low"], "ci_high": t["ci_high"],
        "n_articles": t["n_mentioning"],
    })


def _warnings(cmp: Comparison) -> list[str]:
    """Small samples and p-value floors, in words."""
    n_min = cmp.parameters.get("min_sample", 10)
    out = []
    counts = (cmp.by_group.groupby(cmp.by)["n_articles"].max() if len(cmp.by_group)
              else pd.Series(dtype=int))
    small = {str(k): int(v) for k, v in counts.items() if v < n_min}
    if small:
        listed = ", ".join(f"{k} ({v} article{'s' if v != 1 else ''})" for k, v in small.items())
        out.append(f"Small sample: {listed}, under the minimum of {n_min} articles. Their "
                   "intervals are t intervals, wider than bootstrap ones and still rough: the "
                   "percentile bootstrap covers well under 95% on so few articles. Read these "
                   "values as descriptions of the articles at hand.")
    d = cmp.differences
    if len(d) and d["n_stories"].notna().any():
        k = pd.to_numeric(d["n_stories"], errors="coerce")
        few = k[(k >= 1) & (k < n_min)]
        if len(few):
            out.append(f"Small sample: some differences rest on {int(few.min())} to "
                       f"{int(few.max())} shared stories, under the minimum of {n_min}; their "
                       "intervals are t intervals over stories.")
    return out


def _p_floor_note(cmp: Comparison) -> str:
    d = cmp.differences
    if not len(d) or "p_floor" not in d.columns or not d["p_value"].notna().any():
        return ""
    tested = d[d["p_value"].notna()]
    stuck = tested[~tested["can_reach_05"].astype(bool)]
    how = {"holm": "Holm's method (family-wise error)",
           "bh": "the Benjamini-Hochberg method (false discovery rate)",
           "none": "no method (adjusted p equals p)"}.get(cmp.parameters.get("p_adjust", ""), "")
    text = (f"p-value floor: a permutation test on few units has a smallest attainable "
            f"p-value (with k stories shared by two {cmp.by}s, 2 / 2^k: 0.125 for 4 stories, "
            f"0.031 for 6). The smallest here is {tested['p_floor'].min():.3g}. "
            f"{len(stuck)} of {len(tested)} comparisons cannot reach p < 0.05 whatever the "
            "data (marked †): their p-value is not evidence of no difference. Adjusted p "
            f"accounts for the {len(tested)} comparisons of the table by {how}.")
    return text


NO_DOCUMENTS = ("the report quotes evidence from each article's text, and this analysis kept no "
                "documents (it was made with keep_documents=False, or read back from Parquet tables): "
                "compare its tables with framing.compare, or analyse the corpus with "
                "keep_documents=True (the default) to report on it")


def summarize(analysis: Analysis, cmp: Comparison, *, title: str = "How outlets frame the same stories",
              max_actors: int = 8, snippets: int = 2, figures: bool = True,
              progress: bool = False) -> dict[str, Any]:
    """The report's summary of an analysis and its comparison, computed once: corpus counts,
    failures, warnings, metrics by group with intervals, within-story differences (overall
    and per actor), actors, evidence snippets, the article view, figures (SVG), methods and
    the accuracy of each measure. It reads the tables; it runs no pipeline. ``progress``
    shows a bar (tqdm, standard error) over its four stages: evidence, article view, frame
    examples, figures."""
    from tqdm import tqdm

    if len(analysis.articles) and not len(analysis.documents):
        raise ValueError(NO_DOCUMENTS)
    bar = tqdm(total=4, desc="report", unit="stage", disable=not progress)
    arts = analysis.articles
    ok = analysis.ok
    by = cmp.by
    actors = list(cmp.parameters.get("actors", []))[:max_actors]
    by_actor = cmp.by_actor[cmp.by_actor["actor"].isin(actors)
                            & cmp.by_actor["metric"].isin(ACTOR_METRICS_SHOWN)]
    diffs = cmp.differences.sort_values(["p_value", "metric"], na_position="last")
    ad = getattr(cmp, "actor_differences", pd.DataFrame())
    if len(ad):
        # a test over one story says nothing (p = 1 by construction): those are left out here
        ad = ad[ad["actor"].isin(actors) & ad["metric"].isin(ACTOR_METRICS_SHOWN)
                & ad["p_value"].notna() & (ad["n_stories"].fillna(2) >= 2)
                ].sort_values(["p_value", "actor", "metric"])
    role_diffs = getattr(cmp, "role_differences", pd.DataFrame())
    if len(role_diffs):
        role_diffs = role_diffs.sort_values(["p_value", "actor", "role"], na_position="last")
    err = analysis.errors
    bar.set_postfix_str("evidence")
    evidence = _evidence(analysis, by, cmp.groups, snippets)
    bar.update()
    bar.set_postfix_str("article view")
    articles, left_out = _articles(analysis, evidence, by)
    bar.update()
    bar.set_postfix_str("frame examples")
    frames = _frames(analysis, cmp, min(snippets, FRAME_EXAMPLES))
    bar.update()
    bar.set_postfix_str("figures")
    drawn = _figures(analysis, cmp, actors) if figures else []
    bar.update()
    bar.close()
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
        "warnings": _warnings(cmp),
        "p_floor_note": _p_floor_note(cmp),
        "metrics": json_records(cmp.metrics),
        "overall": json_records(cmp.overall),
        "by_group": json_records(cmp.by_group),
        "differences": json_records(diffs),
        "actors": actors,
        "by_actor": json_records(by_actor),
        "actor_differences": json_records(ad) if len(ad) else [],
        "evidence": evidence,
        "articles": articles,
        "articles_left_out": left_out,
        "legend": [list(x) for x in LEGEND],
        "frames": frames,
        "roles": json_records(_role_share_table(cmp, actors)),
        "role_differences": json_records(role_diffs),
        "figures": drawn,
        "methods": [{"name": n, "text": t, "references": refs} for n, t, refs in METHODS],
        "accuracy": accuracy(),
        "references": dict(REFERENCES),
    }
