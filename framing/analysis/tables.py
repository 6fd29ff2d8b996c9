"""The evidence of a corpus run laid out as tables.

:func:`framing.analysis.run.analyze_corpus` (also :meth:`framing.Corpus.analyze`) runs a pipeline
on each document of a corpus and returns an :class:`Analysis`: the annotated documents and tidy
DataFrames of their evidence, one row per record, each carrying the article's ``doc``
position, ``id``, ``outlet`` and ``story`` so that any row can be traced back to its text.

Nothing is dropped: every input article has a row in :attr:`Analysis.articles` with a
``status`` (``"ok"`` or ``"error"``) and, for failures, the ``error`` with its reason. Rows
that the corpus reader could not read (``Corpus.problems``) are listed there too.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from framing.persuasion import TECHNIQUES
from framing.records import Span, _SpanIndex
from framing.document import Document
from framing.extract.frames import FRAMES

if TYPE_CHECKING:  # the data model's input problems; no import at run time
    from framing.problems import Problem

__all__ = ["Analysis", "document_from_record", "document_tables", "assemble_tables", "join_tables", "problem_rows", "TABLES", "STATUS_OK", "STATUS_ERROR", "STANCES", "KINDS"]

STATUS_OK = "ok"
STATUS_ERROR = "error"
STANCES = ("neutral", "doubt", "endorse", "emotive")
KINDS = ("direct", "indirect", "mixed", "according_to")
SENTIMENTS = ("positive", "neutral", "negative")

_KEYS = ["doc", "id", "outlet", "story"]

ARTICLE_COLUMNS = [
    "doc", "id", "outlet", "story", "title", "date", "status", "error",
    "words", "words_author", "words_quoted", "sentences",
    "attributions", *[f"kind_{k}" for k in KINDS], "anonymous",
    *[f"stance_{s}" for s in STANCES],
    "hedges", "boosters", "vague",
    "evaluations", "evaluations_author", "evaluations_quoted",
    "evaluations_positive", "evaluations_negative",
    "mentions", "actors",
    "sentences_author", "sentences_author_biased",
    "persuasion", "persuasion_author", *[f"persuasion_{t}" for t in TECHNIQUES],
    *[f"frame_{f}" for f in FRAMES],
]
ATTRIBUTION_COLUMNS = [
    *_KEYS, "kind", "source", "cue", "content", "source_start", "source_end", "cue_start",
    "cue_end", "content_start", "content_end", "anonymous", "cue_stance", "cue_lemma", "actor",
    "content_words",
]
CUE_COLUMNS = [*_KEYS, "start", "end", "text", "category", "subtype", "voice"]
EVALUATION_COLUMNS = [*_KEYS, "start", "end", "text", "polarity", "intensity", "voice", "kind"]
MENTION_COLUMNS = [*_KEYS, "start", "end", "text", "actor", "type", "via"]
SENTIMENT_COLUMNS = [*_KEYS, "sentence_start", "sentence_end", "actor", "label", "score"]
FRAME_COLUMNS = [*_KEYS, "sentence_start", "sentence_end", "frame", "score", "words", "sentence"]
ROLES = ("antagonist", "innocent", "protagonist", "none")
ACTOR_COLUMNS = [
    *_KEYS, "actor", "mentions", "first_mention", "attributions", "quoted_words",
    *[f"stance_{s}" for s in STANCES], *SENTIMENTS, "sentiment_balance", "agent", "patient",
    "agency", "role", "role_score", *[f"role_{r}" for r in ROLES],
]


@dataclass
class Analysis:
    """The result of a corpus run: annotated documents and tidy tables of their evidence.

    Build one with :func:`framing.analysis.run.analyze_corpus` (or ``corpus.analyze()``), or from documents whose
    evidence is already filled with :meth:`from_documents`.

    Attributes
    ----------
    documents : list of Document
        Every input document, in input order; ``articles.doc`` indexes this list.
    articles : DataFrame
        One row per input article (including failures and unreadable rows): metadata,
        ``status``, ``error``, word counts (all, author voice, quoted voice) and evidence counts.
    attributions, hedges, boosters, vague, evaluations, mentions, actor_sentiment : DataFrame
        One row per evidence record, with character offsets and the text they cover.
    actors : DataFrame
        One row per article and actor: mentions, attributions (voice), quoted words, cue
        stances of the attributions, sentiment counts and balance, agency.
    frames : DataFrame
        One row per sentence and frame it carries (the frame step): sentence offsets, frame,
        score, the evidence words (joined by ``"; "``) and the sentence. The article table
        counts them per frame in ``frame_<label>`` (sentences carrying the frame).

    Examples
    --------
    >>> from framing.datasets import load_sample
    >>> analysis = load_sample().analyze(progress=False)
    >>> analysis  # doctest: +ELLIPSIS
    Analysis(16 articles, 16 ok, 0 errors, 4 outlets, 4 stories)
    >>> analysis.articles[["id", "outlet", "status"]].head(2)
              id            outlet status
    0  s1-beacon  The Daily Beacon     ok
    1   s1-blast  The Morning Blast     ok
    """

    documents: list[Document]
    articles: pd.DataFrame
    attributions: pd.DataFrame
    hedges: pd.DataFrame
    boosters: pd.DataFrame
    vague: pd.DataFrame
    evaluations: pd.DataFrame
    mentions: pd.DataFrame
    actor_sentiment: pd.DataFrame
    actors: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    frames: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FRAME_COLUMNS))

    def __repr__(self) -> str:
        a = self.articles
        ok = int((a["status"] == STATUS_OK).sum())
        return (
            f"Analysis({len(a)} articles, {ok} ok, {len(a) - ok} errors, "
            f"{a['outlet'].nunique()} outlets, {a['story'].nunique()} stories)"
        )

    @property
    def ok(self) -> pd.DataFrame:
        """The rows of :attr:`articles` whose analysis succeeded."""
        return self.articles[self.articles["status"] == STATUS_OK]

    @property
    def errors(self) -> pd.DataFrame:
        """The rows of :attr:`articles` whose analysis failed or that could not be read."""
        return self.articles[self.articles["status"] != STATUS_OK]

    @classmethod
    def from_documents(
        cls,
        documents: Iterable[Document],
        *,
        errors: Mapping[int, str] | None = None,
        problems: Iterable[Problem] = (),
    ) -> Analysis:
        """Lay out documents whose evidence lists are already filled.

        Parameters
        ----------
        documents : iterable of Document
        errors : mapping of int to str, optional
            Position of a document -> why its analysis failed.
        problems : iterable of Problem
            Input rows that could not be read; each gets an ``articles`` row with status
            ``"error"``.
        """
        docs = list(documents)
        problems = list(problems)
        tables = assemble_tables([document_tables(docs, errors=errors)], problems)
        return cls(documents=docs, problems=problems, **tables)


#: The tables of an :class:`Analysis`, in order.
TABLES = ("articles", "attributions", "hedges", "boosters", "vague", "evaluations", "mentions",
          "actor_sentiment", "actors", "frames")


def document_tables(documents: Sequence[Document], *, first: int = 0,
                    errors: Mapping[int, str] | None = None) -> dict[str, pd.DataFrame]:
    """The table rows of a run of consecutive documents: one DataFrame per table.

    The piece of an :class:`Analysis` that a worker (a process, a Dask task) makes from the
    documents it analysed, so that only rows travel back, never documents. ``first`` is the
    position of ``documents[0]`` in the whole corpus (the ``doc`` column); ``errors`` maps a
    position in ``documents`` to why its analysis failed. The ``articles`` table also holds
    the documents' ``meta`` fields. Join pieces with :func:`assemble_tables`.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("The minister said talks would resume.")
    >>> tables = document_tables([doc], first=7)
    >>> tables["articles"][["doc", "status", "attributions"]]
       doc status  attributions
    0    7     ok             1
    """
    docs = list(documents)
    errors = dict(errors or {})
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in TABLES}
    actor_rows = _module_actor_rows([d for i, d in enumerate(docs) if i not in errors])
    for i, doc in enumerate(docs):
        keys = {"doc": first + i, "id": doc.id, "outlet": doc.outlet, "story": doc.story}
        if i in errors:
            rows["articles"].append(_article_row(doc, keys, errors[i]))
            continue
        _collect(doc, keys, rows, actor_rows.get(id(doc)))
    frames = {k: _frame(v, _COLUMNS[k]) for k, v in rows.items()}
    arts = frames["articles"]
    meta_cols = sorted({k for d in docs for k in d.meta} - set(ARTICLE_COLUMNS))
    for c in meta_cols:  # extra input fields (e.g. a "side" column), for grouping
        arts[c] = [d.meta.get(c) for d in docs]
    return frames


def problem_rows(problems: Iterable[Problem]) -> pd.DataFrame:
    """The ``articles`` rows of input rows that could not be read (status ``"error"``)."""
    return _frame([{"doc": None, "id": p.id, "outlet": None, "story": None,
                    "status": STATUS_ERROR, "error": f"unreadable input ({p})"}
                   for p in problems], ARTICLE_COLUMNS)


def assemble_tables(pieces: Iterable[Mapping[str, pd.DataFrame]],
                    problems: Iterable[Problem] | pd.DataFrame = ()) -> dict[str, pd.DataFrame]:
    """Join the pieces of :func:`document_tables` (in document order) into the tables of an
    :class:`Analysis`, with a row per unreadable input row at the end of ``articles``.

    The result does not depend on how the documents were cut into pieces: the columns are
    the stable ones, then any extra ones in order of appearance (``articles``: the ``meta``
    fields, sorted), and a column whose pieces disagree on the dtype (ints in one, a
    missing value in another) gets the dtype one table of all the rows would have.
    """
    extra = problems if isinstance(problems, pd.DataFrame) else problem_rows(problems)
    out = join_tables([*pieces, {"articles": extra}])
    out["articles"]["doc"] = out["articles"]["doc"].astype("Int64")
    return out


def join_tables(pieces: Iterable[Mapping[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Pieces of :func:`document_tables` joined in order, as one piece (no problem rows)."""
    pieces = list(pieces)
    return {name: _concat([p[name] for p in pieces if name in p], _COLUMNS[name],
                          sort_extra=name == "articles")
            for name in TABLES}


def _concat(parts: list[pd.DataFrame], columns: list[str], *, sort_extra: bool) -> pd.DataFrame:
    extra = list(dict.fromkeys(c for p in parts for c in p.columns if c not in columns))
    if sort_extra:
        extra = sorted(extra)
    names = [*columns, *extra]
    full = [p for p in parts if len(p)]
    n = sum(len(p) for p in full)
    if not full:
        return pd.DataFrame([], columns=names)
    data = {}
    for c in names:
        cols = [p[c] if c in p.columns else pd.Series([None] * len(p), dtype=object) for p in full]
        if len({str(x.dtype) for x in cols}) == 1:
            data[c] = pd.concat(cols, ignore_index=True) if len(cols) > 1 else cols[0].reset_index(drop=True)
        else:  # the dtype one table of all these values gets
            values: list[Any] = []
            for x in cols:
                values.extend(x.tolist())
            data[c] = pd.Series(values)
    frame = pd.DataFrame(data, columns=names)
    assert len(frame) == n
    return frame


_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "attributions": ATTRIBUTION_COLUMNS,
    "hedges": CUE_COLUMNS,
    "boosters": CUE_COLUMNS,
    "vague": CUE_COLUMNS,
    "evaluations": EVALUATION_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "actor_sentiment": SENTIMENT_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "frames": FRAME_COLUMNS,
}


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """The stable columns first, then any extra ones the rows carry (in order of appearance)."""
    extra = list(dict.fromkeys(k for r in rows for k in r if k not in columns))
    return pd.DataFrame(rows, columns=[*columns, *extra])


def _article_row(doc: Document, keys: dict[str, Any], error: str | None) -> dict[str, Any]:
    row = {**keys, "title": doc.title, "date": doc.date,
           "status": STATUS_OK if error is None else STATUS_ERROR, "error": error}
    return row


class _WordIndex:
    """Word-token start offsets of a document, for counting words inside spans."""

    def __init__(self, doc: Document):
        self.starts = [t.start for s in doc.sentences for t in s.tokens if t.text[0].isalnum()]

    def count(self, span: Span) -> int:
        return bisect.bisect_left(self.starts, span.end) - bisect.bisect_left(self.starts, span.start)

    def count_covered(self, spans: Sequence[Span]) -> int:
        index = _SpanIndex.build(spans)
        return sum(self.count(Span(s, e)) for s, e in zip(index.starts, index.ends))


def _text(doc: Document, span: Span | None) -> str | None:
    return None if span is None else doc.text[span.start:span.end]


def _collect(doc: Document, keys: dict[str, Any], tables: dict[str, list],
             actor_rows: list[dict[str, Any]] | None = None) -> None:
    words = _WordIndex(doc)
    n_words = len(words.starts)
    quoted = words.count_covered([a.content for a in doc.attributions])
    kinds = Counter(a.kind for a in doc.attributions)
    stances = Counter(a.cue_stance for a in doc.attributions)
    voices = Counter(e.voice for e in doc.evaluative)
    techniques = Counter(p.technique for p in doc.persuasion)
    row = _article_row(doc, keys, None)
    row.update({
        "words": n_words, "words_author": n_words - quoted, "words_quoted": quoted,
        "sentences": len(doc.sentences), "attributions": len(doc.attributions),
        **{f"kind_{k}": kinds.get(k, 0) for k in KINDS},
        "anonymous": sum(bool(a.anonymous) for a in doc.attributions),
        **{f"stance_{s}": stances.get(s, 0) for s in STANCES},
        "hedges": len(doc.hedges), "boosters": len(doc.boosters), "vague": len(doc.vague),
        "evaluations": len(doc.evaluative),
        "evaluations_author": voices.get("author", 0),
        "evaluations_quoted": voices.get("quoted", 0),
        "evaluations_positive": sum(e.polarity > 0 for e in doc.evaluative),
        "evaluations_negative": sum(e.polarity < 0 for e in doc.evaluative),
        "mentions": len(doc.mentions),
        "actors": len({m.actor for m in doc.mentions}),
        "sentences_author": sum(b.voice == "author" for b in doc.sentence_bias),
        "sentences_author_biased": sum(b.voice == "author" and b.label == "biased"
                                       for b in doc.sentence_bias),
        "persuasion": len(doc.persuasion),
        "persuasion_author": sum(p.voice == "author" for p in doc.persuasion),
        **{f"persuasion_{t}": techniques.get(t, 0) for t in TECHNIQUES},
    })
    carried: dict[str, set[int]] = {}
    for r in doc.frames:
        carried.setdefault(r.frame, set()).add(r.sentence.start)
        tables["frames"].append({**keys, "sentence_start": r.sentence.start,
                                 "sentence_end": r.sentence.end, "frame": r.frame,
                                 "score": r.score, "words": "; ".join(r.words),
                                 "sentence": _text(doc, r.sentence)})
    row.update({f"frame_{f}": len(carried.get(f, ())) for f in FRAMES})
    tables["articles"].append(row)
    for a in doc.attributions:
        tables["attributions"].append({
            **keys, "kind": a.kind, "source": _text(doc, a.source), "cue": _text(doc, a.cue),
            "content": _text(doc, a.content),
            "source_start": None if a.source is None else a.source.start,
            "source_end": None if a.source is None else a.source.end,
            "cue_start": a.cue.start, "cue_end": a.cue.end,
            "content_start": a.content.start, "content_end": a.content.end,
            "anonymous": bool(a.anonymous), "cue_stance": a.cue_stance,
            "cue_lemma": a.cue_lemma, "actor": a.actor, "content_words": words.count(a.content),
        })
    for name in ("hedges", "boosters", "vague"):
        for c in getattr(doc, name):
            tables[name].append({**keys, "start": c.span.start, "end": c.span.end,
                                 "text": c.text, "category": c.category,
                                 "subtype": c.subtype, "voice": c.voice})
    for e in doc.evaluative:
        tables["evaluations"].append({**keys, "start": e.span.start, "end": e.span.end,
                                      "text": e.text, "polarity": e.polarity,
                                      "intensity": e.intensity, "voice": e.voice,
                                      "kind": e.kind})
    for m in doc.mentions:
        tables["mentions"].append({**keys, "start": m.span.start, "end": m.span.end,
                                   "text": m.text, "actor": m.actor, "type": m.type,
                                   "via": m.via})
    for s in doc.actor_sentiment:
        tables["actor_sentiment"].append({**keys, "sentence_start": s.sentence.start,
                                          "sentence_end": s.sentence.end, "actor": s.actor,
                                          "label": s.label, "score": s.score})
    if actor_rows is None:
        rows = _derived_actor_rows(doc, keys, words)
    else:
        rows = _from_actor_table(actor_rows, keys)
    tables["actors"].extend(_with_roles(doc, rows))


def _with_roles(doc: Document, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The role step's verdict on each actor row: ``role`` and ``role_score`` (``None`` when
    the step did not run or did not score the actor) and one 0/1 column per role, so that
    summing them over articles counts how often each role was given."""
    roles = {r.actor: r for r in doc.roles}
    for row in rows:
        r = roles.get(row["actor"])
        row["role"] = None if r is None else r.role
        row["role_score"] = None if r is None else r.score
        for name in ROLES:
            row[f"role_{name}"] = int(r is not None and r.role == name)
    return rows


def _module_actor_rows(docs: list[Document]) -> dict[int, list[dict[str, Any]]]:
    """Rows of the actors step's ``actor_table`` per document (keyed by ``id(doc)``).

    One call for all documents with mentions (a DataFrame per document would cost more
    than the rows). The table holds one row per actor mentioned, documents in order, so
    the rows are dealt back by each document's number of mentioned actors; if the count
    does not match, each document is asked alone.
    """
    fn = _module_actor_table()
    with_mentions = [d for d in docs if d.mentions]
    if fn is None or not with_mentions:
        return {}
    rows = fn(with_mentions).to_dict("records")
    sizes = [len({m.actor for m in d.mentions}) for d in with_mentions]
    if sum(sizes) != len(rows):
        return {id(d): fn(d).to_dict("records") for d in with_mentions}
    out, pos = {}, 0
    for d, n in zip(with_mentions, sizes):
        out[id(d)] = rows[pos:pos + n]
        if any(r.get("doc_id", d.id) != d.id for r in out[id(d)]):
            return {id(d): fn(d).to_dict("records") for d in with_mentions}
        pos += n
    return out


def _from_actor_table(rows: list[dict[str, Any]], keys: dict[str, Any]) -> list[dict[str, Any]]:
    """Our actor columns from the actors step's rows (extra columns kept as they are)."""
    out = []
    for r in rows:
        labels = {k: int(r.get(f"sentiment_{k}", 0) or 0) for k in SENTIMENTS}
        n_sent = sum(labels.values())
        agent, patient = int(r.get("agent", 0) or 0), int(r.get("patient", 0) or 0)
        row = {
            **keys, "actor": r["actor"], "mentions": int(r["mentions"]),
            "first_mention": r.get("first_mention_rel"),
            "attributions": int(r.get("quoted", 0) or 0),
            "quoted_words": int(r.get("quoted_words", 0) or 0),
            **{f"stance_{s}": int(r.get(f"cue_{s}", 0) or 0) for s in STANCES},
            **labels,
            "sentiment_balance": ((labels["positive"] - labels["negative"]) / n_sent
                                  if n_sent else None),
            "agent": agent, "patient": patient,
            "agency": agent / (agent + patient) if agent + patient else None,
        }
        row.update({k: v for k, v in r.items() if k not in _ACTOR_TABLE_USED})
        out.append(row)
    return out


_ACTOR_TABLE_USED = {
    "doc_id", "outlet", "story", "actor", "mentions", "first_mention", "first_mention_rel",
    "quoted", "quoted_words", *[f"cue_{s}" for s in STANCES], "agent", "patient",
    *[f"sentiment_{k}" for k in SENTIMENTS],
}


def _module_actor_table():
    """``framing.extract.actors.actor_table`` if the actors step provides it."""
    try:
        from framing.extract import actors as _actors
    except ImportError:  # pragma: no cover - the module is part of the package
        return None
    return getattr(_actors, "actor_table", None)


def _derived_actor_rows(doc: Document, keys: dict[str, Any], words: _WordIndex) -> list[dict[str, Any]]:
    """One row per actor of the document (mentioned, quoted or given a sentiment).

    Used when the actors step has no table of its own, or the document has no mentions
    (its attributions or sentiment records may still name actors). No agency here.
    """
    names: dict[str, None] = {}
    for m in sorted(doc.mentions, key=lambda m: m.span):
        names.setdefault(m.actor, None)
    for a in doc.attributions:
        if a.actor:
            names.setdefault(a.actor, None)
    for s in doc.actor_sentiment:
        names.setdefault(s.actor, None)
    length = max(len(doc.text), 1)
    rows = []
    for actor in names:
        mentions = [m for m in doc.mentions if m.actor == actor]
        attrs = [a for a in doc.attributions if a.actor == actor]
        stances = Counter(a.cue_stance for a in attrs)
        labels = Counter(s.label for s in doc.actor_sentiment if s.actor == actor)
        n_sent = sum(labels.get(k, 0) for k in SENTIMENTS)
        agent = patient = None
        rows.append({
            **keys, "actor": actor, "mentions": len(mentions),
            "first_mention": (min(m.span.start for m in mentions) / length) if mentions else None,
            "attributions": len(attrs),
            "quoted_words": words.count_covered([a.content for a in attrs]),
            **{f"stance_{s}": stances.get(s, 0) for s in STANCES},
            **{k: labels.get(k, 0) for k in SENTIMENTS},
            "sentiment_balance": (
                (labels.get("positive", 0) - labels.get("negative", 0)) / n_sent if n_sent else None
            ),
            "agent": agent, "patient": patient,
            "agency": agent / (agent + patient) if agent is not None and agent + patient else None,
        })
    return rows


def document_from_record(record: Mapping[str, Any]) -> Document:
    """A Document with its evidence filled from a record in the guidelines' format.

    Use it to lay out gold annotations (such as :func:`framing.datasets.load_sample_gold`)
    exactly as a corpus run lays out predictions. Cue voices are derived from the
    attributions' content spans; an attribution's actor is the actor of a mention that
    overlaps its source, when the record does not name one.

    Examples
    --------
    >>> from framing.datasets import load_sample_gold
    >>> doc = document_from_record(load_sample_gold()[0])
    >>> doc.attributions[0].cue_stance, doc.text[slice(*doc.attributions[0].cue)]
    ('doubt', 'claimed')
    """
    from framing.records import (
        ActorSentiment, Attribution, Cue, Evaluation, Mention, voice_of,
    )

    text = record["text"]
    meta_keys = ("id", "outlet", "story", "title", "date", "url")
    metadata: dict[str, Any] = {k: record.get(k) for k in meta_keys}
    doc = Document(text, **metadata)

    def span(v: Any) -> Span:
        return Span(int(v[0]), int(v[1]))

    def span_or_none(v: Any) -> Span | None:
        return None if v is None else span(v)

    doc.mentions = [
        Mention(span(m["span"]), text[m["span"][0]:m["span"][1]], m["actor"],
                m.get("type", "unknown"), m.get("via", "name"))
        for m in record.get("mentions", ())
    ]
    for a in record.get("attributions", ()):
        src = span_or_none(a.get("source"))
        actor = a.get("actor")
        if actor is None and src is not None:
            inside = [m for m in doc.mentions if m.span.overlaps(src)]
            actor = max(inside, key=lambda m: m.span.end).actor if inside else None
        doc.attributions.append(Attribution(
            a["kind"], src, span(a["cue"]), span(a["content"]), bool(a.get("anonymous")),
            a.get("cue_stance", "neutral"), a.get("cue_lemma", ""), actor))
    for name, category in (("hedges", "hedge"), ("boosters", "booster"), ("vague", "vague")):
        spans = [span(v["span"] if isinstance(v, Mapping) else v) for v in record.get(name, ())]
        voices = voice_of(spans, doc.attributions)
        setattr(doc, name, [Cue(s, text[s.start:s.end], category, "", v)
                            for s, v in zip(spans, voices)])
    doc.evaluative = [
        Evaluation(span(e["span"]), text[e["span"][0]:e["span"][1]], int(e["polarity"]),
                   float(e.get("intensity", 0.5)), e.get("voice", "author"),
                   e.get("kind", "gold"))
        for e in record.get("evaluative", ())
    ]
    doc.actor_sentiment = [
        ActorSentiment(span(s["sentence"]), s["actor"], s["label"], float(s.get("score", 0.0)))
        for s in record.get("actor_sentiment", ())
    ]
    return doc
