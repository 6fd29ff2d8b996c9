"""Entity roles: who an article casts as protagonist, antagonist or innocent, and why.

The role of an actor in an article is read from the evidence the other steps leave on the
:class:`framing.Document`: the sentiment each sentence expresses toward the actor
(:func:`framing.extract.actors.target_context`), the evaluative spans in the actor's clauses and
their voice, whether the actor is the agent or the patient of a harmful or helpful action
("Russia shelled the city", "civilians were killed", "volunteers rescued ..."), and whether
and how the actor speaks (the cue's stance: "claimed" doubts, "revealed" endorses).

:func:`role_evidence` collects that evidence for one entity (a set of mentions);
:class:`RoleRules` turns it into role scores without training (the default of the role
step); :func:`assign_roles` is the pipeline step: it fills ``doc.roles`` with one
:class:`framing.ActorRole` per actor, from the rules or from any model that follows the
scorer protocol (``classes_`` and ``predict_proba`` over ``(document, start, end)`` rows),
such as a fitted :class:`framing.models.EntityRoleClassifier`.

Roles are SemEval-2025 Task 10's main roles (Mahmoud et al. 2025); hero, villain and
victim (Frermann et al. 2023) map onto them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from framing.document import Document
from framing.extract.actors import verb_lemma, word_prior
from framing.extract.actors.prior import REPORTING_VERBS
from framing.extract.actors.target import column_context, column_facts, sentence_priors
from framing.records import ActorRole, Span, _new_tuple, _overlapping


__all__ = [
    "ROLES",
    "RoleEvidence",
    "RoleRules",
    "role_evidence",
    "entity_mentions",
    "analyze_evidence",
    "assign_roles",
    "HARM_VERBS",
    "HELP_VERBS",
    "SUFFER_VERBS",
]

ROLES = ("antagonist", "innocent", "protagonist")
"""The three main roles, in the (alphabetical) order of the scorers' ``classes_``."""

# Actions that hurt their object (the agent is cast as antagonist, the patient as innocent).
HARM_VERBS = frozenset(
    """attack kill murder bomb shell strike invade occupy annex destroy threaten harm damage
    hurt injure wound abuse torture kidnap abduct seize loot steal rob cheat deceive lie
    mislead manipulate exploit oppress persecute repress suppress censor silence jail
    imprison detain arrest execute massacre slaughter target terrorize terrorise sabotage
    undermine blackmail bully intimidate provoke escalate violate deport expel displace
    starve poison pollute sanction punish blame accuse smear demonize demonise betray
    frame fabricate falsify cover conspire plot fuel incite instigate wage launch force
    ban block obstruct raid shoot fire rape loot burn flood ravage devastate cripple""".split()
)
# Actions that serve their object (the agent is cast as protagonist, the patient as innocent).
HELP_VERBS = frozenset(
    """help protect defend save rescue support aid assist free liberate restore rebuild
    build fund donate feed shelter heal treat evacuate mediate negotiate broker reconcile
    unite repel resist withstand expose reveal uncover warn champion advocate safeguard
    secure guard shield fight stand oppose""".split()
)
# Verbs whose subject undergoes something: "civilians suffered", "farmers lost everything".
SUFFER_VERBS = frozenset(
    """suffer die perish starve flee lose endure struggle face fear mourn grieve bleed
    drown collapse""".split()
)
HARM_NOUNS = frozenset(
    """attack attacks invasion war aggression bombing bombings strike strikes shelling
    occupation annexation sanctions genocide killing killings massacre propaganda crimes
    crime assault offensive blockade persecution oppression terror terrorism threat threats
    lies corruption disinformation sabotage exploitation pollution destruction abuse""".split()
)
HELP_NOUNS = frozenset(
    """aid help support protection defence defense rescue relief assistance liberation
    donation donations funding""".split()
)
# Heads of mentions that name the affected: "Ukrainian civilians", "Bashkir people".
INNOCENT_HEADS = frozenset(
    """civilians civilian people children child kids victims victim refugees residents
    families workers farmers citizens population villagers patients women migrants
    hostages prisoners taxpayers consumers communities community minorities poor elderly
    pensioners soldiers""".split()
)
_AUX = frozenset("has have had is was were are am will would did does do also been be being "
                 "could can may might should must not n't never reportedly allegedly".split())
_BE = frozenset("is was were are am been be being got get gets getting".split())

# Weights and offsets of the rule default, chosen by a random search over a grid of weights
# for macro-F1 on SemEval-2025 train (forced choice; dev never read for it): see docs/roles.md.
RULE_WEIGHTS = {
    "antagonist": {"harm_agent": 1.5, "sentiment_neg": 0.25, "eval_neg": 0.25, "cue_doubt": 1.0},
    "innocent": {"harm_patient": 1.0, "suffers": 2.0, "innocent_head": 0.25, "help_patient": 0.25},
    "protagonist": {"help_agent": 1.0, "sentiment_pos": 0.5, "eval_pos": 0.5, "cue_endorse": 1.5,
                    "speaks": 1.0, "subject": 1.0, "cue_emotive": 0.25},
}
RULE_OFFSETS = {"antagonist": 0.0, "innocent": 0.0, "protagonist": -1.0}


@dataclass
class RoleEvidence:
    """The evidence about one entity in one document (what :func:`role_evidence` returns).

    Attributes
    ----------
    mentions : list of Span
        The entity's mentions.
    sentences : list of Span
        The sentences that mention it.
    sentiment : list of float
        Target-aware sentiment toward each mention (:func:`framing.extract.actors.target_context`).
    evaluations : list of (Span, int, str)
        Evaluative spans in the clauses of its mentions: span, polarity, voice.
    actions : list of (Span, str, str)
        Harmful or helpful actions it takes part in: verb (or noun) span, ``harm``,
        ``help`` or ``suffer``, and ``agent`` or ``patient``.
    speech : list of (Span, str)
        The cues of the attributions it is the source of, with their stance.
    verbs : list of str
        ``subj:<verb>`` / ``obj:<verb>`` for the verbs its mentions are subject or object of.
    counts : dict of str to float
        The evidence counted (the rule features, see :data:`EVIDENCE_FEATURES`).
    """

    mentions: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    sentiment: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    speech: list = field(default_factory=list)
    verbs: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


EVIDENCE_FEATURES = (
    "mentions", "first_position", "in_title", "harm_agent", "harm_patient", "help_agent",
    "help_patient", "suffers", "sentiment_pos", "sentiment_neg", "sentiment_mean",
    "eval_pos", "eval_neg", "eval_quoted_pos", "eval_quoted_neg", "speaks", "cue_doubt",
    "cue_endorse", "cue_emotive", "innocent_head", "subject", "object",
)
"""The names of :attr:`RoleEvidence.counts`, in a fixed order (the classifier's numeric features)."""
_NO_EVIDENCE = dict.fromkeys(EVIDENCE_FEATURES, 0.0)  # copied as each entity's counts


def analyze_evidence(text: str) -> Document:
    """A :class:`framing.Document` with the evidence the role step reads: page clutter,
    attributions, evaluative language, actor mentions (attributions linked to them).

    It runs the extractors directly (not the pipeline), so that a model handed raw texts
    can compute its features.

    Examples
    --------
    >>> doc = analyze_evidence("Russian troops shelled Kharkiv, Kyiv said.")
    >>> [(m.text, m.actor) for m in doc.mentions]
    [('Russian', 'Russia'), ('Kyiv', 'Ukraine')]
    """
    from framing.extract.actors import find_mentions, link_attributions
    from framing.extract.attribution import extract_attributions
    from framing.extract.evaluative import extract_evaluations
    from framing.text.clutter import find_clutter

    doc = Document(text)
    found = find_clutter(text)
    doc.clutter, doc.dateline, doc.byline = found.spans, found.dateline, found.byline
    doc.reset_sentences()
    doc.attributions = extract_attributions(doc)
    doc.evaluative = extract_evaluations(doc, doc.attributions)
    doc.mentions = find_mentions(doc)
    doc.attributions = link_attributions(doc)
    return doc


def entity_mentions(doc: Document, start: int, end: int) -> tuple[str, list[Span]]:
    """The entity a span names and all its mentions in the document.

    The actor of the document mentions overlapping ``start..end`` (their canonical name and
    all the mentions linked to it), plus every other occurrence of the span's text as a
    whole word; the span itself when nothing else is found.

    Examples
    --------
    >>> doc = analyze_evidence("Mayor Dana Whitfield spoke. Critics said Whitfield lied.")
    >>> entity_mentions(doc, 41, 50)
    ('Dana Whitfield', [Span(start=6, end=20), Span(start=41, end=50)])
    """
    span = Span(start, end)
    actors = {m.actor for m in doc.mentions if m.span.overlaps(span)}
    spans = {span}
    for m in doc.mentions:
        if m.actor in actors:
            spans.add(m.span)
    surface = doc.text[start:end].strip()
    if len(surface) >= 2 and surface[0].isalnum():
        pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
        for hit in pat.finditer(doc.text):
            spans.add(Span(hit.start(), hit.end()))
    # drop spans inside other spans ("Whitfield" inside "Dana Whitfield")
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for s in ordered:
        if kept and kept[-1].contains(s):
            continue
        kept.append(s)
    name = sorted(actors)[0] if actors else surface
    return name, kept


_KNOWN_VERBS = HARM_VERBS | HELP_VERBS | SUFFER_VERBS | REPORTING_VERBS


def _verb_lemma(word: str, lower: str) -> str:
    return verb_lemma(word, _KNOWN_VERBS) or lower


def _kind(lemma: str, text: str, tag: str) -> str | None:
    """``harm``, ``help`` or ``suffer`` for a verb, ``None`` for the others. A verb outside
    the lists counts by its prior polarity (|p| >= 0.3)."""
    if lemma in SUFFER_VERBS:
        return "suffer"
    if lemma in HARM_VERBS:
        return "harm"
    if lemma in HELP_VERBS:
        return "help"
    if lemma in REPORTING_VERBS or lemma in _AUX:
        return None
    p = word_prior(text, tag)
    if p <= -0.3:
        return "harm"
    if p >= 0.3:
        return "help"
    return None


_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


def _np_end(words: Sequence[str], tags: Sequence[str], tj: int) -> int:
    """The last token of the noun phrase the target modifies: "Russian forces",
    "Ukraine's army" (at most three more tokens), else ``tj``. ``words`` and ``tags`` are
    the sentence's columns."""
    k = tj
    n = len(words)
    if k + 1 < n and words[k + 1] in {"'s", "’s"}:
        k += 1
    end = tj
    while k + 1 < n and k + 1 - tj <= 3 and tags[k + 1] in _NOUN_TAGS:
        k += 1
        end = k
    return end


def _actions_verbs(words: Sequence[str], tags: Sequence[str], lowers: Sequence[str], ti: int, tj: int,
                   np_end: int) -> tuple[list[tuple[int, str, str]], list[str]]:
    """The actions and the verbs of the target at tokens ``ti..tj`` of a sentence given as
    its columns (``lowers``: the words in lower case), whose noun phrase ends at token
    ``np_end`` (:func:`_np_end`).

    Actions: (token index, kind, agent/patient). Verbs: ``subj:<verb>`` for the verb after
    the target's phrase, ``obj:<verb>`` for a verb just before it (lower case, regular
    inflection undone)."""
    n = len(words)
    # X (adverbs, auxiliaries) verb ...; "Russian forces shelled": from the end of the phrase
    v = np_end + 1
    passive = False
    while v < n and (lowers[v] in _AUX or tags[v] in {"RB", "MD"}):
        if lowers[v] in _BE:
            passive = True
        v += 1
    verb_after = v < n and tags[v].startswith("VB")
    lemma_after = _verb_lemma(words[v], lowers[v]) if verb_after else ""
    verbs = ["subj:" + lemma_after] if verb_after else []
    for k in range(ti - 1, max(-1, ti - 3), -1):
        if tags[k].startswith("VB"):
            verbs.append("obj:" + _verb_lemma(words[k], lowers[k]))
            break
        if tags[k] not in {"DT", "JJ", "PRP$"}:
            break
    out: list[tuple[int, str, str]] = []
    # "killed by (the) X": agent of a passive verb
    b = ti - 1
    while b >= 0 and ti - b <= 3 and tags[b] in {"DT", "JJ", "PRP$", "NNP", "NNPS"}:
        b -= 1
    if b >= 1 and lowers[b] == "by" and tags[b - 1] == "VBN":
        kind = _kind(_verb_lemma(words[b - 1], lowers[b - 1]), words[b - 1], tags[b - 1])
        if kind:
            out.append((b - 1, kind, "agent"))
        return out, verbs
    # X's invasion / X's aid
    if tj + 2 < n and words[tj + 1] in {"'s", "’s", "'"}:
        w = lowers[tj + 2]
        if w in HARM_NOUNS or w in HELP_NOUNS:
            out.append((tj + 2, "harm" if w in HARM_NOUNS else "help", "agent"))
    if verb_after:
        tag = tags[v]
        kind = _kind(lemma_after, words[v], tag)
        if kind:
            if passive and tag == "VBN":
                out.append((v, "suffer" if kind == "suffer" else kind, "patient"))
            else:
                out.append((v, kind, "agent"))
    # verb (det/adj) X: object of the verb; harm noun of/on/against X: patient
    for k in range(ti - 1, max(-1, ti - 4), -1):
        tag = tags[k]
        if tag.startswith("VB"):
            kind = _kind(_verb_lemma(words[k], lowers[k]), words[k], tag)
            if kind and kind != "suffer":
                out.append((k, kind, "patient"))
            break
        if lowers[k] in {"of", "on", "against", "at", "to", "for"} and k > 0:
            w = lowers[k - 1]
            if w in HARM_NOUNS or w in HELP_NOUNS:
                out.append((k - 1, "harm" if w in HARM_NOUNS else "help", "patient"))
            break
        if tag not in {"DT", "JJ", "PRP$", "POS", "CD", "NNP", "NNPS"}:
            break
    return out, verbs


class _DocIndex:
    """What :func:`role_evidence` looks up in a document, built once per document: the
    sentence and evaluative-span starts, the end of the title line, the attributions by
    linked actor and by source start (so that an entity's speech is found from its
    mentions instead of by visiting every attribution), and the columns and target facts
    of each sentence that mentions an entity (:meth:`columns`, shared by all actors)."""

    def __init__(self, doc: Document):
        self.sents = doc.sentences
        self.s_starts = [s.start for s in self.sents]
        self.s_ends = [s.end for s in self.sents]
        self._columns: dict[int, tuple] = {}
        self.e_starts = [e.span.start for e in doc.evaluative]
        self.title_end = doc.text.find("\n")
        self.by_actor: dict[str, list[int]] = {}
        sources = []
        for i, att in enumerate(doc.attributions):
            if att.actor is not None:
                self.by_actor.setdefault(att.actor, []).append(i)
            if att.source is not None:
                sources.append((att.source.start, att.source.end, i))
        sources.sort()
        self.src_starts = [a for a, _, _ in sources]
        self.src_ends = [b for _, b, _ in sources]
        self.src_index = [i for _, _, i in sources]
        self.src_longest = max((b - a for a, b, _ in sources), default=0)

    def columns(self, k: int) -> tuple:
        """Sentence ``k``'s token starts, ends, words, tags, words in lower case and
        :func:`framing.extract.actors.target.column_facts`, computed on first use."""
        cols = self._columns.get(k)
        if cols is None:
            sent = self.sents[k]
            starts, ends, words, tags = sent.columns()
            lowers = sent.lowers()  # computed once per sentence, shared with the actors step
            # the word priors are kept on the sentence, shared with the actor sentiment model
            cols = (starts, ends, words, tags, lowers, column_facts(words, tags, lowers, sentence_priors(sent)))
            self._columns[k] = cols
        return cols

    def speech_candidates(self, actor: str | None, mentions: Sequence[Span]) -> list[int]:
        """Indices, in document order, of the attributions linked to ``actor`` or whose
        source overlaps one of ``mentions``: every attribution :func:`role_evidence` may
        count as the entity's speech (it checks each one)."""
        found = set(self.by_actor.get(actor, ())) if actor is not None else set()
        starts, ends, index, longest = self.src_starts, self.src_ends, self.src_index, self.src_longest
        for m in mentions:
            j = bisect_left(starts, m.end) - 1  # sources starting before the mention ends
            while j >= 0 and starts[j] > m.start - longest:
                if ends[j] > m.start:
                    found.add(index[j])
                j -= 1
        return sorted(found)


def role_evidence(doc: Document, mentions: Sequence[Span], *, actor: str | None = None,
                  _index: _DocIndex | None = None) -> RoleEvidence:
    """The role evidence about the entity with these ``mentions`` in an analysed document.

    Parameters
    ----------
    doc : Document
        With sentences, attributions, evaluations and mentions (see :func:`analyze_evidence`).
    mentions : sequence of Span
        The entity's mentions (:func:`entity_mentions`).
    actor : str, optional
        Its canonical actor name: attributions linked to it count as its speech.

    Examples
    --------
    >>> doc = analyze_evidence("Russian forces shelled Kharkiv. Civilians were killed.")
    >>> ev = role_evidence(doc, [Span(0, 7)])
    >>> [(doc.text[s.start:s.end], kind, part) for s, kind, part in ev.actions]
    [('shelled', 'harm', 'agent')]
    >>> ev = role_evidence(doc, [Span(32, 41)])
    >>> [(doc.text[s.start:s.end], kind, part) for s, kind, part in ev.actions]
    [('killed', 'harm', 'patient')]
    """
    c = dict(_NO_EVIDENCE)
    index = _index or _DocIndex(doc)
    s_starts, s_ends, columns = index.s_starts, index.s_ends, index.columns
    text_len = max(1, len(doc.text))
    ms = sorted(set(mentions))
    c["mentions"] = float(len(ms))
    c["first_position"] = ms[0].start / text_len if ms else 1.0
    title_end = index.title_end
    if doc.title:
        c["in_title"] = float(any(doc.text[m.start:m.end] in doc.title for m in ms))
    elif title_end > 0:
        c["in_title"] = float(any(m.end <= title_end for m in ms))
    e_starts = index.e_starts
    sentences: list[Span] = []
    sentiment: list[float] = []
    evaluations: list[tuple] = []
    actions: list[tuple] = []
    verbs: list[str] = []
    seen_sent: set[int] = set()
    seen_eval: set[int] = set()
    seen_act: set[tuple] = set()
    evaluative = doc.evaluative
    for m in ms:
        m_start, m_end = m
        k = bisect_right(s_starts, m_start) - 1
        if k < 0 or m_end > s_ends[k]:
            continue
        if k not in seen_sent:
            seen_sent.add(k)
            sentences.append(_new_tuple(Span, (s_starts[k], s_ends[k])))
        tok_starts, tok_ends, words, tags, lowers, facts = columns(k)
        if not words:
            continue
        first = bisect_right(tok_ends, m_start)
        last = bisect_left(tok_starts, m_end) - 1
        if first > last:
            continue
        weighted, _, score, subj, obj, _, (lo, hi) = column_context(words, tags, lowers, first, last, facts)
        np_end = _np_end(words, tags, last)
        acts, mention_verbs = _actions_verbs(words, tags, lowers, first, last, np_end)
        if acts:  # the action is counted as such, not again as sentiment toward the actor
            acted = {idx for idx, _, _ in acts}
            num = sum(p * w for k2, p, w in weighted if k2 not in acted)
            den = sum(w for k2, _, w in weighted if k2 not in acted)
            score = num / (1.0 + den)
        sentiment.append(score)
        if subj is not None:
            c["subject"] += True
        if obj is not None:
            c["object"] += True
        verbs += mention_verbs
        # evaluative spans in the mention's clause (not inside the mention)
        a, b = tok_starts[lo], tok_ends[hi]
        for i in range(bisect_left(e_starts, a), bisect_left(e_starts, b)):
            e = evaluative[i]
            e_start, e_end = e.span
            if e_end <= b and not (e_start < m_end and m_start < e_end) and i not in seen_eval:
                seen_eval.add(i)
                evaluations.append((e.span, e.polarity, e.voice))
                key = ("eval_" if e.voice == "author" else "eval_quoted_") + ("pos" if e.polarity > 0 else "neg")
                c[key] += 1
        for idx, kind, part in acts:
            act_key = (tok_starts[idx], kind, part)
            if act_key in seen_act:
                continue
            seen_act.add(act_key)
            actions.append((_new_tuple(Span, (tok_starts[idx], tok_ends[idx])), kind, part))
            if kind == "suffer":
                c["suffers"] += 1
            else:
                c[f"{kind}_{part}"] += 1
        if lowers[np_end] in INNOCENT_HEADS:
            c["innocent_head"] = 1.0
    ev = RoleEvidence(mentions=ms, sentences=sentences, sentiment=sentiment, evaluations=evaluations,
                      actions=actions, verbs=verbs)
    m_starts = [m.start for m in ms]
    m_ends = [m.end for m in ms]

    def names_entity(src: Span | None) -> bool:  # the source overlaps one of the mentions
        if src is None:
            return False
        # skip=1: the last two mentions starting before the source ends (the spans may nest)
        for _ in _overlapping(m_starts, m_ends, src.start, src.end, skip=1):
            return True
        return False

    attributions = doc.attributions
    for i in index.speech_candidates(actor, ms):
        att = attributions[i]
        if (actor is not None and att.actor == actor) or names_entity(att.source):
            ev.speech.append((att.cue, att.cue_stance))
            c["speaks"] += 1
            if f"cue_{att.cue_stance}" in c:
                c[f"cue_{att.cue_stance}"] += 1
    if ev.sentiment:
        c["sentiment_pos"] = sum(s for s in ev.sentiment if s > 0.03) * 5
        c["sentiment_neg"] = -sum(s for s in ev.sentiment if s < -0.03) * 5
        c["sentiment_mean"] = sum(ev.sentiment) / len(ev.sentiment) * 5
    ev.counts = c
    return ev


def rule_scores(counts: dict, weights: dict | None = None) -> dict[str, float]:
    """The rule default's score of each role: an offset (:data:`RULE_OFFSETS`) plus a
    weighted sum (:data:`RULE_WEIGHTS`) of the evidence, each count damped as ``log(1 + x)``.

    Examples
    --------
    >>> s = rule_scores({"harm_agent": 2.0})
    >>> max(s, key=s.get)
    'antagonist'
    """
    weights = weights or RULE_WEIGHTS
    get, log1p = counts.get, math.log1p
    out = {}
    for role, ws in weights.items():
        total = 0.0
        for f, w in ws.items():
            x = float(get(f, 0.0))
            total += w * log1p(x if x > 0.0 else 0.0)
        out[role] = RULE_OFFSETS.get(role, 0.0) + total
    return out


class RoleRules:
    """The no-training default of the role step, as a scorer: ``classes_`` and
    ``predict_proba`` over ``(text or Document, start, end)`` rows.

    The score of each role is a weighted sum of the entity's evidence (:func:`rule_scores`):
    antagonist from harmful actions it takes, negative sentiment toward it, negative
    evaluative words in its clauses and doubting cues of its speech; protagonist from
    helpful actions, positive sentiment and evaluation, endorsing cues and speaking at all;
    innocent from harmful actions it undergoes, suffering verbs, help it receives and a
    head noun that names the affected ("civilians"). Probabilities are a softmax of the
    scores with ``none`` scored ``none_score``; :meth:`predict_proba` on a forced choice
    (``with_none=False``, the evaluation) breaks a tie of no evidence toward ``prior``.

    Parameters
    ----------
    temperature : float, default=1.0
    none_score : float, default=0.4
    prior : str, default="antagonist"
        The role of an entity with no evidence in a forced choice.
    with_none : bool, default=True
        Include the ``none`` class.

    Examples
    --------
    >>> rules = RoleRules()
    >>> text = "Russian forces shelled Kharkiv. Civilians were killed."
    >>> rules.predict([(text, 0, 7), (text, 32, 41)]).tolist()
    ['antagonist', 'innocent']
    """

    def __init__(self, *, temperature: float = 1.0, none_score: float = 0.4,
                 prior: str = "antagonist", with_none: bool = True):
        self.temperature = temperature
        self.none_score = none_score
        self.prior = prior
        self.with_none = with_none

    @property
    def classes_(self) -> np.ndarray:
        return np.asarray(list(ROLES) + (["none"] if self.with_none else []), dtype=object)

    def evidence(self, X: Any) -> list[RoleEvidence]:
        """The :class:`RoleEvidence` of each row."""
        return [ev for _, ev in evidence_rows(X)]

    def predict_proba(self, X: Any) -> np.ndarray:
        """Role probabilities of each row, columns in the order of ``classes_``."""
        return self.proba_of([ev for _, ev in evidence_rows(X)])

    def proba_of(self, evidence: Sequence[RoleEvidence]) -> np.ndarray:
        """:meth:`predict_proba` from evidence already collected (:func:`role_evidence`)."""
        z = []
        for ev in evidence:
            s = rule_scores(ev.counts)
            row = [s[r] for r in ROLES]
            if not self.with_none:
                row[ROLES.index(self.prior)] += 1e-6
            else:
                row.append(self.none_score)
            z.append(row)
        if not z:
            return np.asarray([]).reshape(-1, len(self.classes_))
        # all rows at once: the same element-wise operations and row sums as row by row
        zs = np.asarray(z) / self.temperature
        e = np.exp(zs - zs.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def drivers(self, X: Any) -> list[list[tuple[str, float]]]:
        """Per row, the evidence counts that add to the winning role's score, largest first."""
        return self.drivers_of([ev for _, ev in evidence_rows(X)])

    def drivers_of(self, evidence: Sequence[RoleEvidence]) -> list[list[tuple[str, float]]]:
        """:meth:`drivers` from evidence already collected."""
        return self._drivers(self.proba_of(evidence), evidence)

    def _drivers(self, proba: np.ndarray, evidence: Sequence[RoleEvidence]) -> list[list[tuple[str, float]]]:
        """:meth:`drivers_of` given the rows' :meth:`proba_of` (computed once by the step)."""
        out = []
        for p, ev in zip(self.classes_[np.argmax(proba, axis=1)], evidence):
            ws = RULE_WEIGHTS.get(p, {})
            contrib = [(f, round(w * math.log1p(max(0.0, ev.counts.get(f, 0.0))), 4)) for f, w in ws.items()]
            out.append(sorted([x for x in contrib if x[1] > 0], key=lambda x: -x[1]))
        return out


_DOC_CACHE: dict[str, Document] = {}
_DOC_CACHE_SIZE = 512


def _document_of(text_or_doc: Any) -> Document:
    if isinstance(text_or_doc, Document):
        return text_or_doc
    if not isinstance(text_or_doc, str):
        raise ValueError(f"a role row starts with a text or a Document, got {type(text_or_doc).__name__}")
    doc = _DOC_CACHE.get(text_or_doc)
    if doc is None:
        doc = analyze_evidence(text_or_doc)
        if len(_DOC_CACHE) >= _DOC_CACHE_SIZE:
            _DOC_CACHE.pop(next(iter(_DOC_CACHE)))
        _DOC_CACHE[text_or_doc] = doc
    return doc


BAD_ROLE_ROW = ("each row must be (text or Document, start, end) with 0 <= start < end <= len(text); "
                "got {row!r}")


def role_rows(X: Any) -> list[tuple[Any, int, int]]:
    """Normalise the rows of a role model: a DataFrame with ``text``, ``start``, ``end``
    columns or an iterable of ``(text or Document, start, end)``.

    Examples
    --------
    >>> role_rows([("Putin spoke.", 0, "5")])
    [('Putin spoke.', 0, 5)]
    """
    if isinstance(X, (str, Document)):
        raise ValueError("role models take rows of (text, start, end), not a bare text")
    if hasattr(X, "columns"):
        X = zip(X["text"], X["start"], X["end"])
    rows = []
    for row in X:
        if isinstance(row, str) or len(row) != 3:
            raise ValueError(BAD_ROLE_ROW.format(row=str(row)[:200]))
        t, a, b = row
        text = t.text if isinstance(t, Document) else t
        if not isinstance(text, str):
            raise ValueError(BAD_ROLE_ROW.format(row=str(row)[:200]))
        a, b = int(a), int(b)
        if not 0 <= a < b <= len(text):
            raise ValueError(BAD_ROLE_ROW.format(row=str(row)[:200]))
        rows.append((t, a, b))
    return rows


def evidence_rows(X: Any) -> list[tuple[Document, RoleEvidence]]:
    """The analysed document and the entity's :class:`RoleEvidence` for each row (the rows
    of one document share its :class:`_DocIndex`)."""
    out = []
    indexes: dict[int, _DocIndex] = {}  # by id of the document: ``out`` keeps each one alive
    for t, a, b in role_rows(X):
        doc = _document_of(t)
        index = indexes.get(id(doc))
        if index is None:
            index = indexes[id(doc)] = _DocIndex(doc)
        actor, spans = entity_mentions(doc, a, b)
        out.append((doc, role_evidence(doc, spans, actor=actor, _index=index)))
    return out


def assign_roles(doc: Document, model: Any = None) -> None:
    """The role step: fill ``doc.roles`` with one :class:`framing.ActorRole` per actor.

    Reads ``doc.mentions``, ``doc.attributions``, ``doc.evaluative`` (run after the actor
    steps). ``model=None`` uses :class:`RoleRules` (no training); any scorer with
    ``classes_`` and ``predict_proba`` over ``(Document, start, end)`` rows can replace it,
    such as a fitted :class:`framing.models.EntityRoleClassifier`. Each actor is scored once,
    at its first mention (the evidence covers all its mentions). The role is the most
    probable class; ``none`` when the rules find too little evidence.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Russian forces shelled Kharkiv. Ukraine's civilians were killed.")
    >>> assign_roles(doc)
    >>> [(r.actor, r.role) for r in doc.roles]
    [('Russia', 'antagonist'), ('Ukraine', 'innocent')]
    >>> doc.roles[0].actions  # the verb span, what it does, and the actor's part
    ((Span(start=15, end=22), 'harm', 'agent'),)
    """
    groups: dict[str, list[Span]] = {}
    for m in doc.mentions:
        groups.setdefault(m.actor, []).append(m.span)
    actors = sorted(groups)
    if not actors:
        doc.roles = []
        return
    index = _DocIndex(doc)
    evidence = [role_evidence(doc, groups[a], actor=a, _index=index) for a in actors]
    if model is None or isinstance(model, RoleRules):
        rules = model or RoleRules()
        proba = rules.proba_of(evidence)
        drivers, classes = rules._drivers(proba, evidence), list(rules.classes_)
    else:
        rows = [(doc, groups[a][0].start, groups[a][0].end) for a in actors]
        classes = [str(c) for c in model.classes_]
        if hasattr(model, "proba_and_drivers"):  # both from one pass over the rows' evidence
            scores, drivers = model.proba_and_drivers(rows)
            proba = np.asarray(scores, dtype=float)
        else:
            proba = np.asarray(model.predict_proba(rows), dtype=float)
            drivers = model.drivers(rows) if hasattr(model, "drivers") else [[] for _ in rows]
    out = []
    best = np.argmax(proba, axis=1)  # ties go to the first class (alphabetical: antagonist)
    for a, ev, p, j, drv in zip(actors, evidence, proba.tolist(), best.tolist(), drivers):
        out.append(ActorRole(
            actor=a,
            role=classes[j],
            score=round(p[j], 4),
            scores=tuple(zip(classes, [round(v, 4) for v in p])),
            mentions=tuple(ev.mentions),
            sentences=tuple(ev.sentences),
            evaluations=tuple(ev.evaluations),
            actions=tuple(ev.actions),
            speech=tuple(ev.speech),
            drivers=tuple((str(f), float(v)) for f, v in drv[:8]),
        ))
    doc.roles = out
