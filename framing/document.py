"""The article: its text, metadata, the page clutter around it, and the evidence found in it."""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.records import (
    ActorRole,
    ActorSentiment,
    SentenceBias,
    Attribution,
    Cue,
    Dateline,
    Evaluation,
    FrameSentence,
    Mention,
    PagePart,
    Persuasion,
    Span,
)
from framing._gc import gc_paused
from framing.text import Sentence, parse

__all__ = ["Document"]

_METADATA = ("id", "outlet", "story", "title", "date", "url")


@dataclass(eq=False)
class Document:
    """One article and the evidence extracted from it.

    Parameters
    ----------
    text : str
        The article text as given; every offset in the evidence points into it.
    id, outlet, story, title, date, url : str or None
        Metadata. ``story`` names the event several outlets cover.
    meta : dict
        Any other fields of the input row.

    Attributes
    ----------
    clutter : list of Span
        Page clutter (datelines, credits, "read more" lists) that every extractor skips.
    dateline, byline : str or None
        Fields lifted from the clutter ("MOSCOW, Feb 2 (Reuters)", "By Jane Doe").
    page : list of PagePart
        The page's structure (:func:`framing.text.page.find_page`): headline, section and
        date lines, captions and photo credits, dateline, body paragraphs, reporting
        credits, link lists, each with its span. :attr:`captions` and :attr:`credits` read it.
    datelines : list of Dateline
        The dateline with its parts (``place``, ``date``, ``agency``); ``dateline`` is its text.
    attributions, hedges, boosters, vague, evaluative, mentions, actor_sentiment : list
        Evidence records filled by :func:`framing.analyze`.
    roles : list of ActorRole
        The role each actor is cast in (:func:`framing.extract.roles.assign_roles`).
    persuasion : list of Persuasion
        Persuasion-technique spans, filled by the persuasion step
        (:func:`framing.persuasion.find_persuasion`).
    frames : list of FrameSentence
        The sentences that carry each frame (the frame step, :mod:`framing.extract.frames`).

    In Jupyter a Document shows its text with the evidence highlighted: ``_repr_html_`` is
    attached by the package root from :func:`framing.viz.display.render_document`, so that
    this data model imports no presentation code.

    Examples
    --------
    >>> from framing import Document
    >>> doc = Document("Officials said the talks may resume.", outlet="Wire")
    >>> [s.text for s in doc.sentences]
    ['Officials said the talks may resume.']
    >>> doc.word_count
    6
    """

    text: str
    id: str | None = None
    outlet: str | None = None
    story: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    clutter: list[Span] = field(default_factory=list)
    dateline: str | None = None
    byline: str | None = None
    attributions: list[Attribution] = field(default_factory=list)
    hedges: list[Cue] = field(default_factory=list)
    boosters: list[Cue] = field(default_factory=list)
    vague: list[Cue] = field(default_factory=list)
    evaluative: list[Evaluation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actor_sentiment: list[ActorSentiment] = field(default_factory=list)
    roles: list[ActorRole] = field(default_factory=list)
    persuasion: list[Persuasion] = field(default_factory=list)
    sentence_bias: list[SentenceBias] = field(default_factory=list)
    frames: list[FrameSentence] = field(default_factory=list)
    page: list[PagePart] = field(default_factory=list)
    datelines: list[Dateline] = field(default_factory=list)
    _sentences: list[Sentence] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Document text must be a str, got {type(self.text).__name__}")

    def __repr__(self) -> str:
        head = self.text[:50].replace("\n", " ")
        meta = ", ".join(f"{k}={getattr(self, k)!r}" for k in _METADATA if getattr(self, k))
        return f"Document({head!r}{'...' if len(self.text) > 50 else ''}{', ' if meta else ''}{meta})"

    @property
    def sentences(self) -> list[Sentence]:
        """Sentences outside the page clutter, parsed once and cached."""
        if self._sentences is None:
            self._sentences = parse(self.text, skip=self.clutter)
        return self._sentences

    @property
    def evaluations(self) -> list[Evaluation]:
        """Deprecated name of :attr:`evaluative` (read-only; warns). The evidence list is
        named like its record key (``to_dict()["evaluative"]``) and its pipeline step."""
        warnings.warn("Document.evaluations is deprecated; use Document.evaluative (the same list)",
                      DeprecationWarning, stacklevel=2)
        return self.evaluative

    def reset_sentences(self) -> None:
        """Forget the cached parse (call after changing ``clutter``)."""
        self._sentences = None

    @property
    def captions(self) -> list[PagePart]:
        """The photo captions of the page (parts of kind ``caption``)."""
        return [p for p in self.page if p.kind == "caption"]

    @property
    def credits(self) -> list[PagePart]:
        """Photo credits and reporting/editing credits (kinds ``photo_credit``, ``credit``)."""
        return [p for p in self.page if p.kind in ("photo_credit", "credit")]

    @property
    def word_count(self) -> int:
        """Number of word tokens (tokens with a letter or digit) outside the clutter."""
        return sum(1 for s in self.sentences for w in s.columns()[2] if w[0].isalnum())

    def metadata(self) -> dict[str, Any]:
        """The metadata fields (id, outlet, story, title, date, url) and ``meta``."""
        out = {k: getattr(self, k) for k in _METADATA}
        out.update(self.meta)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The record format of the annotation guidelines, JSON-serialisable.

        Spans are ``[start, end]`` character offsets into :attr:`text`, end-exclusive.
        ``hedges``, ``boosters`` and ``vague`` are span lists as in the guidelines; ``cues``
        repeats them with their text, category, subtype and voice.

        Examples
        --------
        >>> import json, framing
        >>> d = framing.analyze("The minister said talks would resume.").to_dict()
        >>> sorted(d)  # doctest: +NORMALIZE_WHITESPACE
        ['actor_sentiment', 'attributions', 'boosters', 'byline', 'clutter', 'cues', 'date',
         'dateline', 'datelines', 'evaluative', 'frames', 'hedges', 'id', 'mentions', 'meta',
         'outlet', 'page', 'persuasion', 'roles', 'sentence_bias', 'story', 'text', 'title', 'url',
         'vague']
        >>> _ = json.dumps(d)
        """
        with gc_paused():  # thousands of small lists and dicts, no cycles
            return self._to_dict()

    def _to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "story": self.story,
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "meta": dict(self.meta),
            "text": self.text,
            "clutter": list(map(list, self.clutter)),
            "dateline": self.dateline,
            "byline": self.byline,
            "attributions": [a.to_dict() for a in self.attributions],
            "hedges": [[*c.span] for c in self.hedges],
            "boosters": [[*c.span] for c in self.boosters],
            "vague": [[*c.span] for c in self.vague],
            "cues": [c.to_dict() for c in (*self.hedges, *self.boosters, *self.vague)],
            "evaluative": [e.to_dict() for e in self.evaluative],
            "mentions": [m.to_dict() for m in self.mentions],
            "actor_sentiment": [a.to_dict() for a in self.actor_sentiment],
            "roles": [r.to_dict() for r in self.roles],
            "page": [p.to_dict() for p in self.page],
            "datelines": [d.to_dict() for d in self.datelines],
            "persuasion": [p.to_dict() for p in self.persuasion],
            "sentence_bias": [b.to_dict() for b in self.sentence_bias],
            "frames": [f.to_dict() for f in self.frames],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Document:
        """The Document that :meth:`to_dict` wrote: the inverse of ``to_dict``.

        Every record is rebuilt from its dict (spans from ``[start, end]`` lists); hedges,
        boosters and vague cues come from ``cues``, which holds them in full. Keys a record
        does not have are ignored, missing keys take the record's default.

        Examples
        --------
        >>> import framing
        >>> doc = framing.analyze("Critics said Mayor Dana Whitfield may resign.")
        >>> again = Document.from_dict(doc.to_dict())
        >>> again.to_dict() == doc.to_dict(), again.attributions == doc.attributions
        (True, True)
        """
        if not isinstance(d, Mapping) or not isinstance(d.get("text"), str):
            raise TypeError("Document.from_dict() takes a mapping with a 'text' string "
                            "(the output of Document.to_dict())")
        metadata: dict[str, Any] = {k: d.get(k) for k in _METADATA}
        doc = cls(d["text"], **metadata, meta=dict(d.get("meta") or {}))
        doc.clutter = [Span(int(a), int(b)) for a, b in d.get("clutter") or ()]
        doc.dateline, doc.byline = d.get("dateline"), d.get("byline")
        for key, (attr, record) in _RECORDS.items():
            setattr(doc, attr, [_record(record, r) for r in d.get(key) or ()])
        cues = [_record(Cue, c) for c in d.get("cues") or ()]
        doc.hedges = [c for c in cues if c.category == "hedge"]
        doc.boosters = [c for c in cues if c.category == "booster"]
        doc.vague = [c for c in cues if c.category == "vague"]
        doc.roles = [ActorRole.from_dict(r) for r in d.get("roles") or ()]
        return doc


#: Record key of :meth:`Document.to_dict` -> (Document attribute, record class). Hedges,
#: boosters and vague cues are read from ``cues``. New evidence lists add an entry here.
_RECORDS: dict[str, tuple[str, type]] = {
    "attributions": ("attributions", Attribution),
    "evaluative": ("evaluative", Evaluation),
    "mentions": ("mentions", Mention),
    "actor_sentiment": ("actor_sentiment", ActorSentiment),
    "page": ("page", PagePart),
    "datelines": ("datelines", Dateline),
    "persuasion": ("persuasion", Persuasion),
    "sentence_bias": ("sentence_bias", SentenceBias),
    "frames": ("frames", FrameSentence),
}


def _record(cls: type, d: Mapping[str, Any]) -> Any:
    """A record from its ``to_dict`` form: fields typed as spans become :class:`Span`."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in d:
            continue
        value = d[f.name]
        if str(f.type).startswith("tuple[Span") and value is not None:  # a tuple of spans
            value = tuple(Span(int(v[0]), int(v[1])) for v in value)
        elif "Span" in str(f.type) and value is not None:
            value = Span(int(value[0]), int(value[1]))
        elif value is not None and str(f.type).startswith("tuple["):
            value = tuple(value)
        kwargs[f.name] = value
    return cls(**kwargs)
