""":func:`link_attributions`: attribution sources linked to actors (mentions, pronouns)."""

from __future__ import annotations

from bisect import bisect_right

from framing.document import Document
from framing.records import Attribution, _overlapping
from framing.extract.actors.mentions import _SPAN
from framing.extract.actors.gazetteer import PRONOUNS


def link_attributions(doc: Document) -> list:
    """The document's attributions with ``actor`` set where the source is a mention, or a
    pronoun or role resolved to the nearest compatible earlier mention."""
    out = []
    mentions = sorted(doc.mentions, key=_SPAN)
    starts = [m.span.start for m in mentions]
    ends = [m.span.end for m in mentions]
    # the nearest mention at or before each position of a person, of any other type, of any
    # type (the mention itself): O(M)
    last_person, last_other = [], []
    person = other = None
    for m in mentions:
        if m.type == "person":
            person = m
        else:
            other = m
        last_person.append(person)
        last_other.append(other)
    last_of: dict[str, list] = {"person": last_person, "group": last_other, "any": mentions}
    for att in doc.attributions:
        actor = None
        if att.source is not None:
            inside = None
            for k in _overlapping(starts, ends, att.source.start, att.source.end):
                inside = mentions[k]  # the first mention overlapping the source (the walk goes back)
            if inside is not None:
                actor = inside.actor
            else:
                src = doc.text[att.source.start : att.source.end].strip().lower()
                want = PRONOUNS.get(src)
                k = bisect_right(starts, att.source.start - 1) - 1
                while want and k >= 0 and mentions[k].span.end > att.source.start:
                    k -= 1
                if want and k >= 0 and last_of[want][k] is not None:
                    actor = last_of[want][k].actor
        out.append(_with_actor(att, actor) if actor != att.actor else att)
    return out


def _with_actor(att: Attribution, actor: str | None) -> Attribution:
    """``dataclasses.replace(att, actor=actor)`` without its Python loop over the fields
    (half the time; ``tests/test_linking.py`` checks that every field is copied)."""
    return Attribution(att.kind, att.source, att.cue, att.content, att.anonymous, att.cue_stance,
                       att.cue_lemma, actor, att.text)
