"""Source information for actor linking: pronoun, role or group noun phrase, or name."""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from framing.records import Attribution, Span


_PRONOUNS = frozenset(
    "he she it they we i you him her them us me his hers its their our who which one".split()
)
_VAGUE_HEADS = frozenset(
    """official officials source sources analyst analysts expert experts critic critics
    insider insiders observer observers diplomat diplomats person people aide aides adviser
    advisers advisor advisors economist economists activist activists lawyer lawyers resident
    residents voter voters tenant tenants landlord landlords worker workers steelworker
    steelworkers renter renters mother mothers mum mums father fathers pensioner pensioners
    other others some many several few someone somebody witness witnesses member members
    supporter supporters opponent opponents protester protesters employee employees staffer
    staffers strategist strategists operative operatives observers scientists scientist
    researchers researcher doctors doctor parents parent americans citizens locals
    commentators pundits democrats republicans conservatives liberals""".split()
)
_VAGUE_DET = frozenset("a an one some many several two three few another most".split())


class SourceInfo(NamedTuple):
    """What actor linking needs to know about an attribution's source.

    Attributes
    ----------
    span : Span or None
        The source span (``None``: no source).
    text : str
        The source as written.
    head : str
        Its head word, lowercased ("minister" in "the foreign minister").
    kind : {"pronoun", "name", "role", "vague", "none"}
        ``pronoun`` ("he", "it", "they"), ``name`` (holds a capitalised name: "Lavrov",
        "the Foreign Ministry"), ``role`` (a role or organisation noun phrase without a
        name: "the ministry", "the minister"), ``vague`` (an unnamed or collective source:
        "officials", "a source"), ``none``.
    needs_resolution : bool
        True for pronouns and roles, whose actor is the nearest compatible earlier mention.
    """

    span: Span | None
    text: str
    head: str
    kind: str
    needs_resolution: bool


def source_info(attribution: Attribution, text: str) -> SourceInfo:
    """Classify the source of ``attribution`` in ``text`` for actor linking.

    Examples
    --------
    >>> from framing.extract.attribution import extract_attributions
    >>> t = "The ministry said talks would resume. He said so too."
    >>> [source_info(a, t).kind for a in extract_attributions(t)]
    ['role', 'pronoun']
    """
    span = attribution.source
    if span is None:
        return SourceInfo(None, "", "", "none", False)
    src = text[span.start : span.end]
    words = re.findall(r"[\w’'.-]+", src)
    low = [x.lower() for x in words]
    core = low
    for k, x in enumerate(low):  # the head ends before "of", "from", "who", a comma ...
        if x in ("of", "from", "who", "which", "that", "at", "in", "familiar", "close", "with"):
            core = low[:k] or low
            break
    head = core[-1] if core else ""
    if head.endswith(("’s", "'s")):
        head = head[:-2]
    if len(low) == 1 and low[0] in _PRONOUNS:
        return SourceInfo(span, src, head, "pronoun", True)
    if _is_vague(words, low):
        return SourceInfo(span, src, head, "vague", False)
    caps = [x for k, x in enumerate(words) if x[:1].isupper() and (k > 0 or low[0] not in _VAGUE_DET | {"the"})]
    if caps:
        return SourceInfo(span, src, head, "name", False)
    return SourceInfo(span, src, head, "role", True)


def _is_vague(words: Sequence[str], low: Sequence[str]) -> bool:
    if not low:
        return False
    core = []
    for x in low:
        if x in ("of", "from", "who", "which", "that", "at", "in", "familiar", "close", "with", ",",
                 "briefed", "consulted", "following"):
            break
        core.append(x)
    core = core or list(low)
    head = core[-1]
    if head in ("some", "others", "many", "several", "critics", "analysts", "experts"):
        return True
    if head not in _VAGUE_HEADS:
        return False
    # a name after an appositive comma ("an aide, John Smith") makes it named
    if "," in words:
        return False
    return True
