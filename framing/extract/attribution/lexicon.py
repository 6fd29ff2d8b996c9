"""The reporting-verb lexicon (``framing/data/lexicons/reporting_verbs.tsv``): kinds, cue stances
and the inflected forms of every reporting verb."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from framing.resources import load_lexicon


KINDS = ("direct", "indirect", "mixed", "according_to")
STANCES = ("neutral", "doubt", "endorse", "emotive")

# ---------------------------------------------------------------------------------------
# The reporting-verb lexicon


class ReportingVerb(NamedTuple):
    """One row of the reporting-verb lexicon."""

    lemma: str
    pos: str
    stance: str
    source: str


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, ReportingVerb]:
    """The reporting-verb lexicon: every inflected form (lowercase) -> its row.

    Read from ``framing/data/lexicons/reporting_verbs.tsv`` (columns ``lemma``, ``pos``,
    ``stance``, ``forms``, ``source``). A multi-word lemma ("point out") is keyed by the
    forms of its first word. Verb rows win over noun rows for the same form.

    Examples
    --------
    >>> lex = reporting_verbs()
    >>> lex["claimed"].lemma, lex["claimed"].stance
    ('claim', 'doubt')
    >>> lex["slammed"].stance, lex["revealed"].stance, lex["told"].stance
    ('emotive', 'endorse', 'neutral')
    """
    out: dict[str, ReportingVerb] = {}
    for row in load_lexicon("reporting_verbs.tsv"):
        entry = ReportingVerb(row["lemma"], row["pos"], row["stance"], row["source"])
        for form in row["forms"].split():
            if " " in row["lemma"] and form in row["lemma"].split()[1:]:
                continue
            old = out.get(form)
            if old is None or (old.pos != "verb" and entry.pos == "verb"):
                out[form] = entry
    # multi-word lemmas: only their first word is a key, with the particle checked later
    return out


def _stance_of(lemma: str) -> str:
    for entry in reporting_verbs().values():
        if entry.lemma == lemma:
            return entry.stance
    return "neutral"
