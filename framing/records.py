"""Evidence records: small immutable values that point into a text by character offsets.

Every extractor yields these records; :meth:`framing.Document.to_dict` serialises them to the
record format of the annotation guidelines. Offsets are Python ``str`` indices into the text
the user passed in, end-exclusive (``text[start:end]``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Literal, NamedTuple, Sequence

__all__ = [
    "Span",
    "Attribution",
    "Cue",
    "Evaluation",
    "Mention",
    "ActorSentiment",
    "voice_of",
    "ActorRole",
    "Persuasion",
    "SentenceBias",
    "FrameSentence",
    "PagePart",
    "Dateline",
]

Voice = Literal["author", "quoted"]


class Span(NamedTuple):
    """A half-open character range ``[start, end)`` into a text."""

    start: int
    end: int

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        """The JSON form ``[start, end]``."""
        return [self.start, self.end]


# Builds a Span, or any other NamedTuple, without NamedTuple's Python-level __new__ (a third
# of its time): ``_new_tuple(Span, (start, end))``.
_new_tuple = tuple.__new__


def _overlapping(starts: Sequence[int], ends: Sequence[int], a: int, b: int, skip: int = 0) -> Iterator[int]:
    """The indices of the spans (mentions) that overlap ``a..b`` (an attribution's source), last first.

    ``starts`` and ``ends`` are the mentions' offsets, sorted by span. The search walks back
    from the last mention that starts before ``b`` and stops at the first mention that ends
    by ``a``: the mentions before it are not looked at, not even a longer one around it
    (nested spans), unless ``skip`` lets the walk step over that many such mentions. The
    actors step (:func:`~framing.extract.actors.link.link_attributions`, the speakers in
    :mod:`~framing.extract.actors.coref`) stops at the first; the roles step's test of an
    entity's spans steps over one (``skip=1``: the last two mentions that start before
    ``b``).
    """
    j = bisect_right(starts, b - 1) - 1
    while j >= 0:
        if ends[j] > a:
            yield j
        elif skip:
            skip -= 1
        else:
            return
        j -= 1


def _span_or_none(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One reported speech or thought: who (source) says (cue) what (content).

    Parameters
    ----------
    kind : {"direct", "indirect", "mixed", "according_to"}
    source : Span or None
        The reported speaker as written; ``None`` when the text names none.
    cue : Span
        The reporting word(s) alone ("said", "according to", "in a statement").
    content : Span
        What is reported, without enclosing quotation marks.
    anonymous : bool
        The source is unnamed or vague ("officials said").
    cue_stance : {"neutral", "doubt", "endorse", "emotive"}
    cue_lemma : str
        The lemma of the cue, as listed in the reporting-verb lexicon.
    actor : str or None
        The canonical actor the source refers to, when known.
    text : str
        The content as written, ``text[content.start:content.end]`` (like the ``text`` of the
        other records); ``""`` when the attribution was built without its text (gold records,
        hand-made ones). Not in :meth:`to_dict` yet: the record format's content is the span.

    Examples
    --------
    >>> from framing.extract.attribution import extract_attributions
    >>> [a.text for a in extract_attributions('"We came to talk," the minister said.')]
    ['We came to talk']
    """

    kind: str
    source: Span | None
    cue: Span
    content: Span
    anonymous: bool = False
    cue_stance: str = "neutral"
    cue_lemma: str = ""
    actor: str | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": _span_or_none(self.source),
            "cue": [*self.cue],
            "content": [*self.content],
            "anonymous": self.anonymous,
            "cue_stance": self.cue_stance,
            "cue_lemma": self.cue_lemma,
            "actor": self.actor,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Cue:
    """A hedge, booster or vague-attribution cue.

    Parameters
    ----------
    span : Span
    text : str
        ``text[span.start:span.end]``, kept for convenience.
    category : {"hedge", "booster", "vague"}
    subtype : str
        For hedges: ``epistemic_modal``, ``epistemic_verb``, ``adverb``, ``adjective``,
        ``noun`` or ``phrase``; boosters and vague cues use the same names where they apply.
    voice : {"author", "quoted"}
    """

    span: Span
    text: str
    category: str
    subtype: str
    voice: str = "author"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [*self.span],
            "text": self.text,
            "category": self.category,
            "subtype": self.subtype,
            "voice": self.voice,
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """An evaluative word or phrase with its polarity, intensity and voice."""

    span: Span
    text: str
    polarity: int
    intensity: float
    voice: str = "author"
    kind: str = "lexicon"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [*self.span],
            "text": self.text,
            "polarity": self.polarity,
            "intensity": self.intensity,
            "voice": self.voice,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an actor (person, organisation, country or group)."""

    span: Span
    text: str
    actor: str
    type: str = "unknown"
    via: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [*self.span],
            "text": self.text,
            "actor": self.actor,
            "type": self.type,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class ActorSentiment:
    """The sentiment a sentence expresses toward an actor (as NewsMTSC defines it)."""

    sentence: Span
    actor: str
    label: str
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": [*self.sentence],
            "actor": self.actor,
            "label": self.label,
            "score": self.score,
        }


@dataclass(slots=True)
class _SpanIndex:
    """Sorted, merged spans for fast point-in-span look-ups (``O(log n)`` each)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, spans: Iterable[Span]) -> _SpanIndex:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls([m[0] for m in merged], [m[1] for m in merged])

    def covers(self, span: Span) -> bool:
        i = bisect_right(self.starts, span.start) - 1
        return i >= 0 and span.end <= self.ends[i] and span.start >= self.starts[i]


def voice_of(spans: Sequence[Span], attributions: Sequence[Attribution]) -> list[str]:
    """Voice of each span: ``"quoted"`` inside some attribution's content, else ``"author"``.

    Examples
    --------
    >>> a = Attribution("direct", Span(0, 3), Span(4, 8), Span(10, 20))
    >>> voice_of([Span(12, 15), Span(25, 30)], [a])
    ['quoted', 'author']
    """
    index = _SpanIndex.build(a.content for a in attributions)
    return ["quoted" if index.covers(s) else "author" for s in spans]


@dataclass(frozen=True, slots=True)
class ActorRole:
    """The role an article casts an actor in, with the evidence behind it.

    Parameters
    ----------
    actor : str
        The canonical actor.
    role : {"protagonist", "antagonist", "innocent", "none"}
        SemEval-2025 Task 10's main roles (hero, villain and victim of Frermann et al.
        2023 map onto them); ``none`` when the evidence casts the actor in no role.
    score : float
        The probability of ``role``.
    scores : tuple of (str, float)
        The probability of every class of the scorer.
    mentions, sentences : tuple of Span
        The actor's mentions and the sentences holding them (the record format's ``evidence``).
    evaluations : tuple of (Span, int, str)
        Evaluative spans in the clauses of its mentions: span, polarity, voice.
    actions : tuple of (Span, str, str)
        Harmful or helpful actions it takes part in: the verb or noun span, ``harm`` /
        ``help`` / ``suffer``, and ``agent`` / ``patient``.
    speech : tuple of (Span, str)
        The cue of each attribution the actor is the source of, and the cue's stance.
    drivers : tuple of (str, float)
        The features that drove the decision and their contribution, largest first.
    """

    actor: str
    role: str
    score: float = 0.0
    scores: tuple = ()
    mentions: tuple = ()
    sentences: tuple = ()
    evaluations: tuple = ()
    actions: tuple = ()
    speech: tuple = ()
    drivers: tuple = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "role": self.role,
            "score": self.score,
            "scores": dict(self.scores),
            "evidence": list(map(list, self.sentences)),
            "mentions": list(map(list, self.mentions)),
            "evaluations": [{"span": [*s], "polarity": p, "voice": v} for s, p, v in self.evaluations],
            "actions": [{"span": [*s], "kind": k, "as": a} for s, k, a in self.actions],
            "speech": [{"cue": [*s], "stance": st} for s, st in self.speech],
            "drivers": list(map(list, self.drivers)),
        }

    @classmethod
    def from_dict(cls, d: Any) -> ActorRole:
        """The record that :meth:`to_dict` wrote (``evidence`` holds the sentences)."""
        def span(x: Any) -> Span:
            return Span(int(x[0]), int(x[1]))

        return cls(
            actor=d["actor"],
            role=d["role"],
            score=float(d.get("score", 0.0)),
            scores=tuple((str(c), float(v)) for c, v in (d.get("scores") or {}).items()),
            mentions=tuple(span(x) for x in d.get("mentions") or ()),
            sentences=tuple(span(x) for x in d.get("evidence") or ()),
            evaluations=tuple((span(e["span"]), int(e["polarity"]), str(e["voice"])) for e in d.get("evaluations") or ()),
            actions=tuple((span(a["span"]), str(a["kind"]), str(a["as"])) for a in d.get("actions") or ()),
            speech=tuple((span(x["cue"]), str(x["stance"])) for x in d.get("speech") or ()),
            drivers=tuple((str(f), float(v)) for f, v in d.get("drivers") or ()),
        )


@dataclass(frozen=True, slots=True)
class Persuasion:
    """A persuasion-technique span (the classes of SemEval-2020 Task 11, in snake case).

    Parameters
    ----------
    span : Span
        The fragment that uses the technique.
    text : str
        ``text[span.start:span.end]``, kept for convenience.
    technique : str
        ``loaded_language``, ``name_calling_labeling``, ``doubt``, ``appeal_to_fear_prejudice``,
        ``flag_waving``, ``slogans``, ``repetition``, ``exaggeration_minimisation``,
        ``appeal_to_authority``, ``black_and_white_fallacy``, ``causal_oversimplification``,
        ``thought_terminating_cliches``, ``whataboutism_straw_men_red_herring`` or
        ``bandwagon_reductio_ad_hitlerum``.
    score : float
        The model's probability, or the rule's fixed confidence.
    evidence : tuple of Span
        What the decision rests on (the cue, the loaded word, the attribution's source), each
        a span into the same text; may be the span itself.
    source : str
        ``"rules:<rule>"`` for the no-training default, ``"model"`` for a trained model.
    voice : {"author", "quoted"}
        ``"quoted"`` when the span lies inside an attribution's content.
    """

    span: Span
    text: str
    technique: str
    score: float = 1.0
    evidence: tuple[Span, ...] = ()
    source: str = "model"
    voice: str = "author"

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": [*self.span],
            "text": self.text,
            "technique": self.technique,
            "score": self.score,
            "evidence": list(map(list, self.evidence)),
            "source": self.source,
            "voice": self.voice,
        }


@dataclass(frozen=True, slots=True)
class SentenceBias:
    """Whether one sentence is biased (BABE's sense: word choice or framing that takes a
    side), with its score, the voice it is written in and the evidence behind the score.

    Parameters
    ----------
    sentence : Span
    score : float
        Probability-like score in [0, 1] that the sentence is biased.
    label : {"biased", "not_biased"}
    voice : {"author", "quoted"}
        ``quoted`` when most of the sentence's words are reported (inside an attribution's
        content): the bias is then the source's, not the outlet's.
    evidence : tuple of Span
        Author-voice evaluative spans, loaded reporting cues and boosters in the sentence.
    source : str
        What scored it: ``"evidence"`` (the no-training default) or the model's class name.
    """

    sentence: Span
    score: float
    label: str
    voice: str = "author"
    evidence: tuple[Span, ...] = ()
    source: str = "evidence"

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": [*self.sentence],
            "score": self.score,
            "label": self.label,
            "voice": self.voice,
            "evidence": list(map(list, self.evidence)),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class FrameSentence:
    """A sentence that carries a frame, with the words that show it.

    Parameters
    ----------
    sentence : Span
        The sentence.
    frame : str
        One of :data:`framing.extract.frames.FRAMES` (or a trained model's own labels).
    score : float
        How strongly the sentence carries the frame, in [0, 1]: for the lexicon default
        ``1 - 0.5 ** w`` where ``w`` is the summed weight of the frame's words in the
        sentence; for a trained model its probability for the frame.
    evidence : tuple of Span
        The words (or n-grams) that carry the frame, inside ``sentence``.
    words : tuple of str
        The text of each evidence span, kept for convenience.

    Examples
    --------
    >>> r = FrameSentence(Span(0, 20), "Economic", 0.5, (Span(4, 9),), ("taxes",))
    >>> r.to_dict()["evidence"]
    [[4, 9]]
    """

    sentence: Span
    frame: str
    score: float
    evidence: tuple[Span, ...] = ()
    words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": [*self.sentence],
            "frame": self.frame,
            "score": self.score,
            "evidence": list(map(list, self.evidence)),
            "words": list(self.words),
        }


@dataclass(frozen=True, slots=True)
class PagePart:
    """One part of a page's structure (see :mod:`framing.text.page`).

    Parameters
    ----------
    kind : str
        ``headline``, ``section``, ``date``, ``byline``, ``caption``, ``photo_credit``,
        ``dateline``, ``body``, ``credit`` (reporting and editing credits), ``related``
        (closing lists of links), or another kind of page clutter (``social``, ``signup``,
        ``ad``, ``copyright``, ``share``, ``marker``, ``timestamp``).
    span : Span
        Where it is in the text.
    text : str
        ``text[span.start:span.end]``.
    """

    kind: str
    span: Span
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "span": [*self.span], "text": self.text}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline and its parts: ``MOSCOW, Feb 2 (Reuters)``.

    Parameters
    ----------
    span : Span
        The dateline without its closing dash.
    text : str
        As written (what :attr:`framing.Document.dateline` holds).
    place, date, agency : str or None
        ``"MOSCOW"``, ``"Feb 2"``, ``"Reuters"``; ``None`` when the dateline has no such part.
    """

    span: Span
    text: str
    place: str | None = None
    date: str | None = None
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": [*self.span], "text": self.text, "place": self.place,
                "date": self.date, "agency": self.agency}
