"""Persuasion techniques: spans that use one of the techniques of the Propaganda Techniques
Corpus (SemEval-2020 Task 11), each with its technique, score and evidence.

:func:`find_persuasion` is the pipeline step. With ``model=None`` it runs the no-training
default, :func:`persuasion_rules`, which reads the evidence the other steps found (so run
them first, as :func:`framing.analyze` does) and the project's cue list
``framing/data/lexicons/persuasion_cues.tsv``:

=================================  ==================================================================
technique                          rule (span; evidence)
=================================  ==================================================================
loaded_language                    an evaluative word or phrase of intensity >= 0.6 (not a noun label)
name_calling_labeling              a loaded label that is a noun ("thugs", "regime")
doubt                              doubt cues ("allegedly", "so-called", "no evidence"), a reporting
                                   verb of doubt ("claimed"): the sentence or the reported content
appeal_to_fear_prejudice           fear cues ("catastrophic", "existential threat"): the sentence
flag_waving                        national-identity cues ("our country", "patriots"): the sentence
slogans                            slogan cues ("drain the swamp"); short exclamations
repetition                         an evaluative word or phrase said three times or more: each repeat
exaggeration_minimisation          boosters and exaggeration cues ("of all time", "utterly") joined to
                                   the evaluative word they modify
appeal_to_authority                reported speech whose source is an expert, scientist, study or report
black_and_white_fallacy, causal_oversimplification, thought_terminating_cliches,
whataboutism_straw_men_red_herring, bandwagon_reductio_ad_hitlerum: cue phrases; the sentence
=================================  ==================================================================

With a model (a fitted :class:`framing.models.PersuasionSpanTagger`, or any object with
``predict_spans(texts) -> [[(start, end, label, score), ...]]``) the step keeps the model's
spans; labels are put in snake case (``"Name_Calling,Labeling"`` -> ``name_calling_labeling``)
and the evidence of a span is the evaluative, hedge, booster and attribution spans inside it.

Examples
--------
>>> import framing
>>> from framing.persuasion import find_persuasion
>>> doc = framing.analyze("The thugs allegedly stormed the building. Our country deserves better!")
>>> find_persuasion(doc)
>>> [(p.text, p.technique) for p in doc.persuasion]  # doctest: +NORMALIZE_WHITESPACE
[('The thugs allegedly stormed the building', 'doubt'), ('thugs', 'name_calling_labeling'),
 ('Our country deserves better', 'flag_waving'), ('Our country deserves better', 'slogans')]
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import compress
from typing import Any, Iterable

from framing.records import Persuasion, Span, _new_tuple, voice_of
from framing.document import Document
from framing.text.forms import straight_lowers


__all__ = [
    "TECHNIQUES",
    "find_persuasion",
    "persuasion_rules",
    "technique_key",
    "model_persuasion",
    "rule_technique",
    "technique_counts",
]

TECHNIQUES = (
    "appeal_to_authority",
    "appeal_to_fear_prejudice",
    "bandwagon_reductio_ad_hitlerum",
    "black_and_white_fallacy",
    "causal_oversimplification",
    "doubt",
    "exaggeration_minimisation",
    "flag_waving",
    "loaded_language",
    "name_calling_labeling",
    "repetition",
    "slogans",
    "thought_terminating_cliches",
    "whataboutism_straw_men_red_herring",
)
"""The 14 technique classes of SemEval-2020 Task 11, in snake case (the record format)."""

LOADED_MIN_INTENSITY = 0.6
"""An evaluative span of at least this intensity is loaded language (chosen on PTC train)."""
REPEAT_MIN = 3
"""An evaluative word or phrase said this many times is repetition (each repeat after the first)."""
SLOGAN_MAX_WORDS = 6
"""An exclamation of at most this many words is a slogan."""
_AUTHORITY = frozenset(
    """expert experts scientist scientists professor professors doctor doctors dr. dr researcher
    researchers study studies research report analyst analysts economist economists scholar
    scholars specialist specialists academic academics physician physicians epidemiologist
    who institute university""".split()
)
_SCORES = {"phrase": 0.5, "sentence": 0.4}
_QUOTES = "\"“”‘’'`"


def technique_key(label: str) -> str:
    """A technique label in the record format's snake case.

    Examples
    --------
    >>> technique_key("Name_Calling,Labeling")
    'name_calling_labeling'
    >>> technique_key("Appeal_to_fear-prejudice")
    'appeal_to_fear_prejudice'
    """
    out = "".join(c if c.isalnum() else "_" for c in str(label).strip().lower())
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """The cue list by first token: ``(tokens, technique, scope)``, longest first."""
    from framing.resources import lexicon_rows
    from framing.text import tokenize

    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
    for row in lexicon_rows("persuasion_cues.tsv"):
        phrase, technique, scope = row[0], row[1], row[2]
        toks = tuple(phrase[a:b].lower() for a, b in tokenize(phrase))
        if toks:
            table[toks[0]].append((toks, technique, scope))
    for lst in table.values():
        lst.sort(key=lambda item: -len(item[0]))
    return dict(table)


@lru_cache(maxsize=1)
def _cues_by_two() -> dict[str, tuple[list, dict[str, list]]]:
    """:func:`_cues` by first token, then by second token: ``(the one-token cues, {second
    token: the cues that can match with it})``, each list in :func:`_cues` order (a cue of
    two or more tokens cannot match unless its second token follows)."""
    out: dict[str, tuple[list, dict[str, list]]] = {}
    for first, lst in _cues().items():
        singles = [c for c in lst if len(c[0]) == 1]
        seconds = {c[0][1] for c in lst if len(c[0]) > 1}
        out[first] = (singles, {w: [c for c in lst if len(c[0]) == 1 or c[0][1] == w]
                                for w in seconds})
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, closing punctuation and quotation marks from both ends."""
    while a < b and (text[a].isspace() or text[a] in ".,:;!?" + _QUOTES):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,:;!?" + _QUOTES):
        b -= 1
    return a, b


def persuasion_rules(doc: Document) -> list[Persuasion]:
    """The no-training default: persuasion spans from the document's evidence and cue list.

    Reads ``doc.evaluative``, ``doc.boosters`` and ``doc.attributions`` (fill them first:
    :func:`framing.analyze` does) and the sentences. Linear in the number of tokens and
    evidence records. See the module docstring for the rules.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Experts said the plan was utterly disastrous.")
    >>> [(p.text, p.technique, p.source) for p in persuasion_rules(doc)]  # doctest: +NORMALIZE_WHITESPACE
    [('the plan was utterly disastrous', 'appeal_to_authority', 'rules:attribution'),
     ('utterly disastrous', 'exaggeration_minimisation', 'rules:cue'),
     ('utterly disastrous', 'loaded_language', 'rules:evaluative')]
    """
    text = doc.text
    found: list[tuple[int, int, str, float, tuple[Span, ...], str]] = []
    cues = _cues_by_two()
    evals = sorted(doc.evaluative, key=lambda e: e.span)
    ev_starts = [e.span.start for e in evals]

    def near_eval(a: int, b: int, reach: int = 25):
        """The evaluation overlapping [a, b) or starting within ``reach`` characters after."""
        i = bisect_left(ev_starts, a)
        for k in (i - 1, i):
            if 0 <= k < len(evals) and evals[k].span.start < b + reach and evals[k].span.end > a:
                return evals[k]
        return None

    # loaded language, name calling, repetition: the evaluative extractor's spans
    seen: dict[str, list[Span]] = defaultdict(list)
    sentences = doc.sentences
    sentence_ends = [s.end for s in sentences]

    def tag_ending_at(end: int) -> str:
        """The tag of the token that ends at ``end`` ("" if none): it lies in the first
        sentence that ends at or after ``end`` (tokens never cross sentences)."""
        k = bisect_left(sentence_ends, end)
        if k == len(sentences):
            return ""
        _, ends, _, tags = sentences[k].columns()
        i = bisect_left(ends, end)
        return tags[i] if i < len(ends) and ends[i] == end else ""

    for e in evals:
        seen[e.text.lower()].append(e.span)
        if e.kind == "label" and tag_ending_at(e.span.end).startswith("NN"):  # a noun label
            found.append((*e.span, "name_calling_labeling", 0.6, (e.span,), "rules:label"))
        elif e.kind == "distancing":
            found.append((*e.span, "doubt", 0.5, (e.span,), "rules:distancing"))
        elif e.intensity >= LOADED_MIN_INTENSITY:
            found.append((*e.span, "loaded_language", round(min(1.0, e.intensity), 3), (e.span,),
                          "rules:evaluative"))
    for spans in seen.values():
        if len(spans) >= REPEAT_MIN:
            for sp in spans[1:]:
                found.append((*sp, "repetition", 0.5, (spans[0], sp), "rules:repetition"))
    # exaggeration: boosters joined to the evaluative word they modify
    for c in doc.boosters:
        e = near_eval(c.span.start, c.span.end)
        if e is not None:
            a, b = min(c.span.start, e.span.start), max(c.span.end, e.span.end)
            found.append((a, b, "exaggeration_minimisation", 0.5, (c.span, e.span), "rules:booster"))
    for e in evals:
        if e.intensity >= 0.85 and " " in e.text and e.kind == "lexicon":  # intensified head
            found.append((*e.span, "exaggeration_minimisation", 0.4, (e.span,), "rules:intensified"))
    # doubt: reporting verbs of doubt; appeal to authority: expert sources
    for a in doc.attributions:
        c0, c1 = _trim(text, a.content.start, a.content.end)
        if c0 >= c1:
            continue
        if a.cue_stance == "doubt":
            found.append((c0, c1, "doubt", 0.4, (a.cue,), "rules:attribution"))
        if a.source is not None:
            source_words = {w.strip(".,").lower() for w in text[a.source.start:a.source.end].split()}
            if source_words & _AUTHORITY:
                found.append((c0, c1, "appeal_to_authority", 0.4, (a.source, a.cue), "rules:attribution"))
    # cue phrases and short exclamations, sentence by sentence
    for s in sentences:
        starts, ends = s.columns()[:2]
        lows = straight_lowers(s)
        hits = list(compress(range(len(lows)), map(cues.__contains__, lows)))
        exclaims = bool(lows) and lows[-1] == "!"
        if not hits and not exclaims:
            continue  # no cue word and no exclamation: nothing to find in the sentence
        s0, s1 = _trim(text, s.start, s.end)
        if s0 >= s1:
            continue
        done: set[str] = set()
        next_i = 0  # a matched cue's words start no other cue
        for i in hits:
            if i < next_i:
                continue
            step = 1
            singles, by_second = cues[lows[i]]
            for cue, technique, scope in (by_second.get(lows[i + 1], singles)
                                          if i + 1 < len(lows) else singles):
                n = len(cue)
                if tuple(lows[i:i + n]) != cue:
                    continue
                a, b = starts[i], ends[i + n - 1]
                if technique == "exaggeration_minimisation":
                    e = near_eval(a, b)
                    if e is None:
                        continue
                    found.append((min(a, e.span.start), max(b, e.span.end), technique, 0.4,
                                  (Span(a, b), e.span), "rules:cue"))
                elif scope == "phrase":
                    if technique == "doubt":  # the doubted clause: the sentence
                        if "doubt" not in done:
                            found.append((s0, s1, technique, _SCORES["sentence"], (Span(a, b),), "rules:cue"))
                            done.add("doubt")
                    else:
                        found.append((a, b, technique, _SCORES["phrase"], (Span(a, b),), "rules:cue"))
                elif technique not in done:
                    found.append((s0, s1, technique, _SCORES["sentence"], (Span(a, b),), "rules:cue"))
                    done.add(technique)
                step = max(step, n)
            next_i = i + step
        if exclaims and 0 < sum(1 for w in lows if w[:1].isalnum()) <= SLOGAN_MAX_WORDS:
            found.append((s0, s1, "slogans", 0.4, (Span(starts[-1], ends[-1]),), "rules:exclamation"))
    # one record per (span, technique), in text order
    best: dict[tuple[int, int, str], tuple] = {}
    for rec in found:
        a, b = _trim(text, rec[0], rec[1])
        if a < b and (a, b, rec[2]) not in best:
            best[(a, b, rec[2])] = (a, b, *rec[2:])
    ordered = sorted(best.values(), key=lambda r: (r[0], r[1], r[2]))
    voices = voice_of([_new_tuple(Span, (r[0], r[1])) for r in ordered], doc.attributions)
    return [Persuasion(_new_tuple(Span, (a, b)), text[a:b], tech, score, ev, src, v)
            for (a, b, tech, score, ev, src), v in zip(ordered, voices)]


def _evidence_inside(doc: Document, a: int, b: int) -> tuple[Span, ...]:
    spans = [e.span for e in doc.evaluative] + [c.span for c in (*doc.hedges, *doc.boosters, *doc.vague)]
    spans += [x.cue for x in doc.attributions]
    inside = sorted({s for s in spans if a <= s.start and s.end <= b})
    return tuple(inside) if inside else (Span(a, b),)


def model_persuasion(doc: Document, model: Any) -> list[Persuasion]:
    """Persuasion records from a span model's ``predict_spans([doc])``.

    The model receives the analysed Document (a :class:`~framing.models.PersuasionSpanTagger`
    reads its evidence without re-running the extractors); an object that only takes strings
    gets the text when the Document is refused with ``TypeError`` or ``ValueError``.
    """
    if not hasattr(model, "predict_spans"):
        raise TypeError(f"a persuasion model needs predict_spans(texts); {type(model).__name__} has none")
    try:
        out = model.predict_spans([doc])
    except (TypeError, ValueError, AttributeError):
        out = model.predict_spans([doc.text])
    spans = list(out[0]) if len(out) else []
    text = doc.text
    recs = []
    for item in spans:
        a, b, label, score = int(item[0]), int(item[1]), item[2], float(item[3])
        if not 0 <= a < b <= len(text):
            raise ValueError(f"the persuasion model returned span ({a}, {b}) outside the text "
                             f"({len(text)} characters)")
        recs.append((a, b, technique_key(label), score))
    recs.sort()
    voices = voice_of([Span(a, b) for a, b, _, _ in recs], doc.attributions)
    return [Persuasion(Span(a, b), text[a:b], tech, round(score, 4), _evidence_inside(doc, a, b), "model", v)
            for (a, b, tech, score), v in zip(recs, voices)]


def find_persuasion(doc: Document, model: Any = None) -> None:
    """The pipeline step: fill ``doc.persuasion``.

    Parameters
    ----------
    doc : Document
        Analysed by the evidence steps (clutter, attribution, hedging, evaluative).
    model : object with ``predict_spans``, optional
        ``None`` runs the rules (:func:`persuasion_rules`); otherwise the model's spans
        (:func:`model_persuasion`).
    """
    doc.persuasion = persuasion_rules(doc) if model is None else model_persuasion(doc, model)


def rule_technique(records: Iterable[Persuasion], text: str, start: int, end: int) -> str:
    """The technique the rules give to a given span ``[start, end)`` (technique classification
    without training): the technique of the rule record that overlaps it most (character
    Jaccard at least 0.3), else by length, as in PTC train: ``loaded_language`` for fragments
    of up to seven words, ``doubt`` for longer ones.

    Examples
    --------
    >>> import framing
    >>> doc = framing.analyze("Our country deserves better. They met on Monday.")
    >>> rule_technique(persuasion_rules(doc), doc.text, 0, 27)
    'flag_waving'
    >>> rule_technique([], "They met on Monday.", 5, 8)
    'loaded_language'
    """
    best, best_j = None, 0.3
    for r in records:
        inter = min(end, r.span.end) - max(start, r.span.start)
        if inter <= 0:
            continue
        j = inter / (max(end, r.span.end) - min(start, r.span.start))
        if j > best_j or (j == best_j and best is not None and r.score > best.score):
            best, best_j = r, j
    if best is not None:
        return best.technique
    return "loaded_language" if len(text[start:end].split()) <= 7 else "doubt"


def technique_counts(docs: Iterable[Document]) -> dict[str, int]:
    """Number of persuasion records per technique over ``docs``."""
    counts: dict[str, int] = defaultdict(int)
    for d in docs:
        for p in d.persuasion:
            counts[p.technique] += 1
    return dict(counts)
