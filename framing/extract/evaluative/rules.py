"""The span rules, one sentence at a time: heads (longest phrase first), modifiers to their
left (intensifiers, downtoners, negators), and merging of adjacent heads."""

from __future__ import annotations

from typing import NamedTuple, Sequence

from framing.records import _new_tuple
from framing.text import Sentence
from framing.text.forms import straight_lowers
from framing.extract.evaluative.lexicon import EvaluativeLexicon, WordPolarity


# Rule constants. VADER (Hutto & Gilbert 2014) adds 0.293 to a valence of at most 4 for a
# booster (about x1.3 at a typical valence of 1.9) and multiplies by -0.74 under negation;
# the annotation of the bundled sample gives plain evaluative words 0.5 and intensified
# phrases 0.9. We scale by the factor in intensifiers.tsv and dampen negated heads.
NEGATION_DAMPING = 0.74
"""Intensity multiplier of a negated head (VADER's N_SCALAR, 0.74)."""
NEGATION_WINDOW = 3
"""How many tokens to the left of a head a negator may stand ("not a very good")."""
_SKIPPABLE = frozenset({"a", "an", "the", "that", "so", "as", "be", "been", "is", "was", "are",
                        "were", "being", "longer"})


class _Hit(NamedTuple):
    first: int  # token index
    last: int
    value: WordPolarity


# The words that may start a head, per lexicon (kept with the lexicon so its id stays its own).
_HEAD_WORDS: dict[int, tuple[EvaluativeLexicon, frozenset[str]]] = {}


def _head_words(lex: EvaluativeLexicon) -> frozenset[str]:
    """The words of ``lex`` that may start a head: its single words, the first words of its
    phrases, and the words :func:`_prefixed` reads as a negative prefix on a positive word
    ("unreasonable": every other word with such a prefix, "in" or "director", starts none)."""
    got = _HEAD_WORDS.get(id(lex))
    if got is None or got[0] is not lex:
        prefixed = {
            prefix + base
            for base, value in lex.words.items()
            if value.__class__ is WordPolarity and value.polarity > 0 and len(base) >= 4
            for prefix in _PREFIXES
        }
        got = _HEAD_WORDS[id(lex)] = (lex, frozenset(lex.words) | frozenset(lex.phrases) | prefixed)
    return got[1]


def _heads(lows: Sequence[str], tags: Sequence[str], lex: EvaluativeLexicon) -> list[_Hit]:
    """Step 1: evaluative heads, longest phrase first, stoplist before the lexicon."""
    words, phrases = lex.words, lex.phrases
    hits: list[_Hit] = []
    # only a lexicon word, a phrase's first word or a prefixed positive word can start a
    # head: the other tokens are skipped here, in one pass, instead of one loop turn each
    starts = _head_words(lex)
    i = 0
    for p in [k for k, w in enumerate(lows) if w in starts]:
        if p < i:  # inside a phrase already matched
            continue
        i = p
        w = lows[i]
        cands = phrases.get(w)
        if cands is not None:
            matched = False
            for toks, value in cands:
                k = len(toks)
                if tuple(lows[i : i + k]) == toks:
                    if value.__class__ is WordPolarity:
                        hits.append(_new_tuple(_Hit, (i, i + k - 1, value)))
                    i += k
                    matched = True
                    break
            if matched:
                continue  # i is past the phrase
        value = words.get(w)
        if value is None and w[:2] in _NEG_PREFIXES:
            value = _prefixed(w, lex)
        if value is not None:
            if value.__class__ is WordPolarity:
                if not (w in _OUTCOME_WORDS and _reports_outcome(i, lows, tags)):
                    hits.append(_new_tuple(_Hit, (i, i, value)))
            elif value[1] and not tags[i].startswith(value[1]):
                fallback = lex.lexicon_words.get(w)
                if fallback is not None:
                    hits.append(_new_tuple(_Hit, (i, i, fallback)))
        i += 1
    return hits


_OUTCOME_WORDS = frozenset({"failed"})
"""Evaluative words that also report the outcome of a vote or a bid ("the measure failed
48-51"), where they are news, not the writer's judgement ("rent control has failed")."""
_VOTED_ITEMS = frozenset({"measure", "bill", "amendment", "motion", "resolution", "proposal",
                          "referendum", "vote", "nomination", "initiative", "legislation", "bid",
                          "petition", "ballot"})
_OUTCOME_SKIP = frozenset({"has", "had", "have", "narrowly", "also", "again", "ultimately", "then"})


def _reports_outcome(i: int, lows: Sequence[str], tags: Sequence[str]) -> bool:
    """Token ``i`` reports an outcome: a vote count follows ("failed 48-51", "failed by 10
    votes"), or "to pass", or its subject is a voted item ("the bill (narrowly) failed")."""
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if i + 1 < len(tags) and tags[i + 1] == "CD":
        return True
    if nxt == "by" and i + 2 < len(tags) and tags[i + 2] == "CD":
        return True
    if nxt == "to" and i + 2 < len(lows) and lows[i + 2] in ("pass", "clear", "advance", "win"):
        return True
    j = i - 1
    while j >= 0 and lows[j] in _OUTCOME_SKIP:
        j -= 1
    return j >= 0 and lows[j] in _VOTED_ITEMS


_NEG_PREFIXES = frozenset({"un", "in", "im", "ir", "il", "di"})
_PREFIXES = ("un", "in", "im", "ir", "il", "dis")  # the negative prefixes, in the order tried


def _prefixed(word: str, lex: EvaluativeLexicon) -> WordPolarity | None:
    """A negative prefix on a positive lexicon word ("unreasonable", "irresponsible")."""
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            base = lex.words.get(word[len(prefix) :])
            if base.__class__ is WordPolarity and base.polarity > 0:
                return WordPolarity(-1, base.intensity, "lexicon")
    return None


def _modify(hit: _Hit, lows: Sequence[str], lex: EvaluativeLexicon, floor: int) -> tuple[int, int, float]:
    """Step 2: take in intensifiers, downtoners and a negator to the left of a head.

    Returns the new first token index, the polarity and the intensity. ``floor`` is the
    first token the span may take (the end of the previous span)."""
    polarity, intensity = hit.value.polarity, hit.value.intensity
    first = hit.first
    j = first - 1
    scaled = False
    while j >= floor and first - j <= NEGATION_WINDOW:
        w = lows[j]
        mod = lex.modifiers.get(w)
        if mod is None:
            for toks, kind, factor in lex.modifier_phrases.get(w, ()):
                k = len(toks)
                if j - k + 1 >= floor and tuple(lows[j - k + 1 : j + 1]) == toks:
                    mod = (kind, factor)
                    j = j - k + 1
                    break
        if mod is not None:
            kind, factor = mod
            if kind == "negator":
                return j, -polarity, intensity * NEGATION_DAMPING
            if not scaled:
                intensity = min(1.0, intensity * factor)
                scaled = True
            first = j
            j -= 1
            continue
        if w in _SKIPPABLE:
            j -= 1
            continue
        break
    return first, polarity, intensity


def _sentence_evaluations(sent: Sentence, lex: EvaluativeLexicon) -> list[tuple[int, int, int, float, str]]:
    starts, ends, _, tags = sent.columns()
    lows = straight_lowers(sent, "’‘")  # the lexicon's form of a word (forms.straight_lower)
    hits = _heads(lows, tags, lex)
    out: list[list] = []  # [first, last, polarity, intensity, kind]
    floor = 0
    for hit in hits:
        first, polarity, intensity = _modify(hit, lows, lex, floor)
        merge = bool(out) and "distancing" not in (out[-1][4], hit.value.kind)
        if merge and out[-1][1] >= first - 1 and out[-1][2] == polarity and first >= out[-1][0]:
            prev = out[-1]  # step 3: adjacent heads of one polarity (a marker stays alone)
            prev[1] = hit.last
            prev[3] = max(prev[3], intensity)
            if prev[4] == "lexicon":
                prev[4] = hit.value.kind
        elif out and first <= out[-1][1]:
            # a head used as the intensifier of this one ("pure madness"): this one wins
            out[-1] = [out[-1][0], hit.last, polarity, max(intensity, out[-1][3]), hit.value.kind]
        else:
            out.append([first, hit.last, polarity, intensity, hit.value.kind])
        floor = hit.last + 1
    return [(starts[f], ends[l], p, round(max(0.05, min(1.0, x)), 2), k) for f, l, p, x, k in out]
