""":func:`actor_table`: one tidy row per analysed document and actor (reads, never runs steps)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from framing.records import Mention, Span
from framing.document import Document
from framing.text import Token
from framing.extract.actors.mentions import _token_index, table_attributes


def _agency(toks: list[Token], i: int, j: int) -> str | None:
    """``agent`` (subject of an active verb or ``by X``), ``patient`` (object or passive
    subject), or ``None``."""
    if i > 0 and toks[i - 1].lower == "by" and i > 1 and toks[i - 2].tag == "VBN":
        return "agent"
    k = j + 1
    while k < len(toks) and toks[k].tag in {"RB", "MD"}:
        k += 1
    if k < len(toks) and toks[k].tag.startswith("VB"):
        if toks[k].lower in {"is", "was", "were", "are", "been", "be", "being", "got", "get"}:
            nxt = toks[k + 1 : k + 3]
            if any(t.tag == "VBN" for t in nxt):
                return "patient"
        return "agent"
    if i > 0 and toks[i - 1].tag.startswith("VB"):
        return "patient"
    return None


TABLE_COLUMNS = [
    "doc_id", "outlet", "story", "actor", "mentions", "first_mention", "first_mention_rel",
    "in_headline", "quoted", "quoted_words", "cue_neutral", "cue_doubt", "cue_endorse",
    "cue_emotive", "agent", "patient", "hedges", "eval_author_pos", "eval_author_neg",
    "eval_quoted_pos", "eval_quoted_neg", "sentiment_negative", "sentiment_neutral",
    "sentiment_positive", "sentiment_mean",
]


def actor_table(doc_or_docs, actors: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One tidy row per analysed document and actor.

    Reads the evidence of documents the pipeline has analysed (``framing.analyze``,
    ``Pipeline.run``, ``Corpus.analyze``): it never runs a step and never changes a
    document. A document without mentions has no row; when no document given has any
    mention, a :class:`ValueError` says to analyse them first.

    Columns: ``mentions``, ``first_mention`` (offset) and ``first_mention_rel`` (fraction of
    the text), ``in_headline``, ``quoted`` (attributions with the actor as source),
    ``quoted_words``, ``cue_<stance>`` (stances of the cues reporting the actor),
    ``agent``/``patient`` (mentions as subject of an active verb vs object or passive
    subject), ``hedges`` (hedge cues in sentences that mention the actor), evaluative words
    in those sentences by voice and polarity, and per-sentence sentiment counts and mean.
    ``mentions``, ``first_mention`` and ``in_headline`` count named mentions only; pronouns
    linked to the actor (``via="pronoun"``) add to agency, hedges, evaluative words and
    sentiment, as the sentences they stand in are about the actor.

    ``actors``: the actor table the documents were analysed with. Its entries given as
    mappings add their attributes as columns after the others (``{"Donald Trump":
    {"aliases": ["Trump"], "party": "Republican"}}`` gives a ``party`` column; actors
    without the attribute get ``None``), so comparisons can group actors by party or country.

    Examples
    --------
    >>> import framing
    >>> from framing.datasets import load_sample, load_sample_actors
    >>> raw = load_sample()[0]
    >>> doc = framing.analyze(raw.text, actors=load_sample_actors(raw.story))
    >>> doc.title = raw.title  # metadata for the in_headline column
    >>> t = actor_table(doc)
    >>> row = t.set_index("actor").loc["Russia"]
    >>> int(row["mentions"]), bool(row["in_headline"]), doc.title
    (8, True, 'Kremlin stalls Geneva talks as Kyiv stands firm on buffer zone')
    >>> actor_table(raw)
    Traceback (most recent call last):
    ...
    ValueError: actor_table reads analysed documents, and none of the 1 given has an actor mention: run framing.analyze (or Pipeline.run, Corpus.analyze) on them first
    """
    docs = [doc_or_docs] if isinstance(doc_or_docs, Document) else list(doc_or_docs)
    if not any(doc.mentions for doc in docs):
        raise ValueError(
            f"actor_table reads analysed documents, and none of the {len(docs)} given has an "
            "actor mention: run framing.analyze (or Pipeline.run, Corpus.analyze) on them first"
        )
    rows = []
    for doc in docs:
        if not doc.mentions:
            continue
        text_len = max(1, len(doc.text))
        toks, sent_of = _token_index(doc.sentences)
        starts = [t.start for t in toks]
        sents = doc.sentences
        s_starts = [s.start for s in sents]
        groups: dict[str, list[Mention]] = {}
        for m in doc.mentions:
            if m.via != "pronoun":
                groups.setdefault(m.actor, []).append(m)
        linked: dict[str, list[Mention]] = {}
        for m in doc.mentions:
            linked.setdefault(m.actor, []).append(m)
        title = doc.title or ""

        def sentence_of(span: Span) -> int | None:
            k = bisect_right(s_starts, span.start) - 1
            return k if k >= 0 and span.end <= sents[k].end else None

        hedges_in: dict[int, int] = {}
        for c in doc.hedges:
            k = sentence_of(c.span)
            if k is not None:
                hedges_in[k] = hedges_in.get(k, 0) + 1
        evals_in: dict[int, dict[str, int]] = {}
        for e in doc.evaluative:
            k = sentence_of(e.span)
            key = f"eval_{e.voice}_{'pos' if e.polarity > 0 else 'neg'}"
            if k is not None and key in TABLE_COLUMNS:
                evals_in.setdefault(k, {}).setdefault(key, 0)
                evals_in[k][key] += 1
        sentiment_of: dict[str, list] = {}
        for a in doc.actor_sentiment:
            sentiment_of.setdefault(a.actor, []).append(a)
        quoted_by: dict[str, list] = {}
        for att in doc.attributions:
            if att.actor is not None:
                quoted_by.setdefault(att.actor, []).append(att)
        for actor, ms in groups.items():
            row: dict[str, Any] = dict.fromkeys(TABLE_COLUMNS, 0)
            row.update(doc_id=doc.id, outlet=doc.outlet, story=doc.story, actor=actor)
            row["mentions"] = len(ms)
            row["first_mention"] = ms[0].span.start
            row["first_mention_rel"] = round(ms[0].span.start / text_len, 4)
            forms = {m.text for m in ms} | {actor}
            row["in_headline"] = bool(title) and any(f in title for f in forms)
            for att in quoted_by.get(actor, []):
                row["quoted"] += 1
                row["quoted_words"] += len(doc.text[att.content.start : att.content.end].split())
                key = f"cue_{att.cue_stance}"
                if key in row:
                    row[key] += 1
            sent_ids = set()
            for m in linked[actor]:
                ti = bisect_right(starts, m.span.start) - 1
                tj = bisect_right(starts, m.span.end - 1) - 1
                if ti >= 0:
                    ag = _agency(toks, ti, tj)
                    if ag:
                        row[ag] += 1
                k = bisect_right(s_starts, m.span.start) - 1
                if k >= 0:
                    sent_ids.add(k)
            row["hedges"] = sum(hedges_in.get(k, 0) for k in sent_ids)
            for k in sent_ids:
                for key, c in evals_in.get(k, {}).items():
                    row[key] += c
            sentiments = sentiment_of.get(actor, [])
            for a in sentiments:
                row[f"sentiment_{a.label}"] += 1
            row["sentiment_mean"] = (
                round(float(np.mean([a.score for a in sentiments])), 4) if sentiments else np.nan
            )
            rows.append(row)
    attrs = table_attributes(actors)
    extra = list(dict.fromkeys(k for a in attrs.values() for k in a if k not in TABLE_COLUMNS))
    for record in rows:
        for key in extra:
            record[key] = attrs.get(str(record["actor"]), {}).get(key)
    return pd.DataFrame(rows, columns=TABLE_COLUMNS + extra)
