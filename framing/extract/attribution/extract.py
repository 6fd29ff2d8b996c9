"""Extraction: :func:`extract_attributions` runs the quotation scan, the cue model, the source
model and the content rules over a document's sentences."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from typing import Iterator

from framing.records import Attribution, Span
from framing.document import Document
from framing.text import paragraphs
from framing.extract.attribution.lexicon import reporting_verbs
from framing.extract.attribution.quotes import find_quotations
from framing.extract.attribution.features import (
    AUXILIARIES,
    _QUOTE_TOKENS,
    QuoteIndex,
    SentenceView,
    _CREDIT,
    np_candidates,
    word_lemma,
)
from framing.extract.attribution.scorers import _cue_scorer, _source_ranker, attribution_model
from framing.extract.attribution.sources import _is_vague
from framing.extract.attribution.content import (
    MAX_SOURCE_DISTANCE,
    _SOURCE_WORD_RE,
    _content,
    _has_quote_char,
    quote_char_positions,
    _trim,
)
from framing.extract.attribution.cues import (
    _DASHES,
    _action_reading,
    _RULE_CUES,
    _candidate_pool,
    _dash_attribution,
    _inside_name,
    _speaker_turns,
    _title_cased,
    extend_cue,
)


def extract_attributions(doc_or_text: Document | str) -> list[Attribution]:
    """All attributions of a text or document, in text order (by cue).

    Parameters
    ----------
    doc_or_text : Document or str
        A :class:`~framing.Document` (its sentences, which skip page clutter, are used) or a
        plain string (parsed without clutter removal).

    Returns
    -------
    list of Attribution
        ``source`` is ``None`` when the text names none; ``actor`` is left ``None`` (see
        :func:`source_info`).

    Examples
    --------
    >>> text = ('"A deal is close," said the minister, "but not done." '
    ...         'According to Reuters, talks resume on Monday.')
    >>> for a in extract_attributions(text):
    ...     print(a.kind, '|', text[slice(*a.source)], '|', text[slice(*a.cue)], '|',
    ...           text[slice(*a.content)])
    direct | the minister | said | A deal is close," said the minister, "but not done
    according_to | Reuters | According to | talks resume on Monday
    """
    if isinstance(doc_or_text, str):
        doc_or_text = Document(doc_or_text)
    elif not isinstance(doc_or_text, Document):
        raise TypeError(f"expected a Document or a str, got {type(doc_or_text).__name__}")
    qchars = quote_char_positions(doc_or_text.text)
    return _end_before_coordinated_reports(doc_or_text.text, list(_iter_found(doc_or_text, qchars)), qchars)


def iter_attributions(doc_or_text: Document | str) -> Iterator[Attribution]:
    """Like :func:`extract_attributions`, one attribution at a time."""
    yield from extract_attributions(doc_or_text)


# A clause boundary that can open a second, coordinated report: ", but critics argue ...".
_COORDINATION_END = re.compile(r"(?:,\s*(?:but|while|whereas|although|though|and)|;)\s*\Z", re.I)
_COORDINATION_WINDOW = 40  # characters before a source (after its leading spaces) that may hold ", whereas"
_MAX_OPENERS_LOOKED_AT = 50  # reports inside one content that are checked for a boundary


def _end_before_coordinated_reports(text: str, found: list[Attribution],
                                    qchars: list[int]) -> list[Attribution]:
    """End an indirect report's content where a coordinated report by another source begins.

    In "Russia said it would hold talks, but critics argue the plan may fail" the content of
    "said" is "it would hold talks": the clause after ", but" is the critics' report, with a
    source and cue of its own. A nested report that shares the content ("citing X",
    "according to X") does not end it, as the guidelines ask.

    Linear in the number of reports (up to a log factor): the clause boundary before each
    report's source is looked for once, in a short window before the source, and each
    content is cut at the first such report inside it.
    """
    if len(found) < 2:
        return found
    # reports that can end another's content, in text order of their sources, each with the
    # start of the ", but" / ";" right before its source
    openers: list[tuple[int, int, int]] = []  # (source start, cue start, boundary start)
    for r in found:
        if r.kind == "according_to" or r.source is None or not r.source.start < r.cue.start:
            continue
        p = r.source.start
        while p > 0 and text[p - 1].isspace():
            p -= 1
        m = _COORDINATION_END.search(text, max(0, p - _COORDINATION_WINDOW), r.source.start)
        if m is not None:
            openers.append((r.source.start, r.cue.start, m.start()))
    openers.sort()
    source_starts = [o[0] for o in openers]
    # reports whose content comes before their source and cue ("..., sources said."): the
    # start of the frame (source or cue), and the start of the content
    frames = sorted(
        (min(r.cue.start, r.source.start if r.source is not None else r.cue.start), r.content.start)
        for r in found
        if r.kind != "according_to" and r.content.end <= r.cue.start
        and (r.source is None or r.content.end <= r.source.start)
    )
    frame_starts = [f[0] for f in frames]
    out = []
    for a in found:
        end = a.content.end
        if a.kind in ("indirect", "mixed") and a.cue.end <= a.content.start:
            # "Shop owners fear the lane will hurt business, sources said.": a report framing
            # the whole sentence ends the content of the report inside it
            i = bisect_right(frame_starts, a.content.start)
            if i < len(frames) and frames[i][0] < end and frames[i][1] <= a.cue.start:
                end = frames[i][0]
        if a.kind in ("indirect", "mixed"):
            i = bisect_right(source_starts, a.content.start)
            for src_start, cue_start, boundary in openers[i : i + _MAX_OPENERS_LOOKED_AT]:
                if src_start >= a.content.end:
                    break
                if (a.source is None or src_start != a.source.start) and cue_start < a.content.end \
                        and boundary > a.content.start:
                    end = min(end, boundary)
                    break
        if end != a.content.end:
            content = _trim(text, a.content.start, end)
            kind = a.kind
            if kind == "mixed" and not _has_quote_char(qchars, content.start, content.end):
                kind = "indirect"
            a = replace(a, content=content, kind=kind, text=text[content.start : content.end])
        out.append(a)
    return out


def _iter_found(doc: Document, qchars: list[int]) -> Iterator[Attribution]:
    """Attributions as the cue and source models and the content rules find them."""
    text = doc.text
    sentences = doc.sentences
    if not sentences:
        return
    paras = paragraphs(text, doc.clutter)
    quotes = QuoteIndex(find_quotations(text, paras))
    model = attribution_model()
    cue_m = model["cue"]
    vocab = cue_m["vocab"]
    cue_score = cue_m.get("_score")
    if cue_score is None:
        cue_score = cue_m["_score"] = _cue_scorer(cue_m)
    thr = cue_m["logit_threshold"]
    src_m = model["source"]
    rank_sources = src_m.get("_rank")
    if rank_sources is None:
        rank_sources = src_m["_rank"] = _source_ranker(src_m)
    turns = _speaker_turns(sentences)
    pool = _candidate_pool(vocab)
    for k, sent in enumerate(sentences):
        _, _, texts, tags = sent.columns()
        words = sent.lowers()  # kept by the sentence, for the scan and SentenceView
        if pool.isdisjoint(words):
            continue  # no word of the vocabulary and no rule cue: most sentences
        headline = None  # computed only when a vocabulary word looks like part of a name
        cands = []
        for i, w in enumerate(words):
            if w not in pool:
                continue
            if w in vocab:
                if not texts[i][:1].isupper() or not _inside_name(texts, tags, i):  # see _inside_name
                    cands.append(i)
                    continue
                if headline is None:
                    headline = _title_cased(texts)
                if headline:
                    cands.append(i)
                    continue
            if texts[i] in _RULE_CUES:
                cands.append(i)
        if not cands:
            continue
        s = SentenceView(sent, quotes)
        cues: list[tuple[int, int]] = []
        signed: list[Attribution] = []
        for i in cands:
            word = s.words[i]
            if word in _DASHES:
                dash = _dash_attribution(text, s, i, quotes)
                if dash is not None:
                    signed.append(dash)
                continue
            if turns and word == ":" and (k, i) in turns:
                cues.append((i, i))
                continue
            if word == "according":
                if i + 1 < s.n and s.words[i + 1] == "to":
                    cues.append((i, i + 1))
                continue
            if word in _CREDIT or (i + 1 < s.n and s.words[i + 1] == "by" and s.tags[i] == "VBG"
                                   and i > 0 and s.words[i - 1] == "("):
                continue
            if cue_score(s, i) >= thr:
                if cues and cues[-1][1] >= i:
                    continue
                if _action_reading(s, i):
                    continue
                cues.append((i, extend_cue(s, i)))
        found = _share_reports(text, s, [_build(doc, sentences, k, s, c, quotes, rank_sources, qchars)
                                      for c in cues])
        if signed:
            found = sorted(found + signed, key=lambda a: a.cue.start)
        yield from found


_SUBJECT_PRONOUNS = frozenset("he she it they we i".split())
_AND_BUT_END = re.compile(r"(?:,?\s*\band|,?\s*\bbut)(?:\s+(?:also|then|later))?\s*\Z")  # "... and (also)" before a cue


def _share_reports(text: str, s: SentenceView, found: list[Attribution]) -> list[Attribution]:
    """What the reports of one sentence share:

    - "X said on Monday, citing Y": the content of "citing" (or "according to") that follows
      a report whose content comes before its cue is that report's content;
    - coordinated cues share one source: in "The ministry's comment also praised Trump's
      efforts and said he understood ..." the source of "said" is that of "praised" (a cue
      right after "and" or "but": any source of its own the ranker found would lie inside
      the first report, or in an apposition before it).
    """
    if len(found) < 2:
        return found
    out: list[Attribution] = []
    for a in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind != "according_to" and prev.cue.end <= a.cue.start:
            if a.kind == "according_to" and prev.content.end <= prev.cue.start < a.cue.start:
                a = replace(a, content=prev.content, text=prev.text)
            elif (
                a.kind != "according_to"
                and prev.source is not None
                and prev.source.end <= prev.cue.start
                and _AND_BUT_END.search(text[max(prev.cue.end, a.cue.start - 20) : a.cue.start]) is not None
            ):
                a = replace(a, source=prev.source, anonymous=prev.anonymous)
        out.append(a)
    return out


def _subject_before(s: SentenceView, c: tuple[int, int], best: tuple[int, int] | None) -> tuple[int, int] | None:
    """The cue's subject when an apposition or relative clause stands between it and the
    cue ("The ministry's comment, one of many it said were ..., also praised ..."): walking
    left from the cue over adverbs and auxiliaries to a comma or dash, then back to the
    matching comma or dash, the noun phrase before it opens the sentence. ``best`` (the
    ranked source) is kept unless it lies inside the inserted clause."""
    words, tags = s.words, s.tags
    j = c[0] - 1
    while j >= 0 and (words[j] in AUXILIARIES or tags[j] in ("RB", "MD")):
        j -= 1
    if j < 2 or words[j] not in (",", "-", "—", "–"):
        return best
    close = j
    mark = {",": (",",), "-": ("-", "—", "–"), "—": ("-", "—", "–"), "–": ("-", "—", "–")}[words[close]]
    k = close - 1
    while k >= 0 and words[k] not in mark:
        if words[k] in (";", ":") or s.in_quote(k) != s.in_quote(c[0]):
            return best
        k -= 1
    if k < 1 or close - k < 2:
        return best
    if best is not None and not (k < best[0] and best[1] < close) and best[1] < c[0]:
        return best  # the ranked source is outside the inserted clause: keep it
    if best is not None and best[0] == k + 1 and any(t in ("NNP", "NNPS") for t in tags[best[0] : best[1] + 1]):
        return best  # a name in apposition ("Kyiv's chief negotiator, Oksana Melnychuk, revealed")
    nps = [x for x in np_candidates(s, c) if x[1] == k - 1]
    if not nps:
        return best
    head = nps[0]
    # the phrase opens the sentence (after an opening quotation mark or a dateline dash)
    if head[0] > 0 and words[head[0] - 1] not in ("-", "—", "–", "\"", "“"):
        return best
    return head


def _skip_to_subject(s: SentenceView, c: tuple[int, int]) -> tuple[int, bool]:
    """Walk left from the cue over auxiliaries and adverbs: the token reached (-1 at the
    sentence start), and whether a form of "be" was passed (a passive: "is expected")."""
    words, tags = s.words, s.tags
    j = c[0] - 1
    passive = False
    while j >= 0 and (words[j] in AUXILIARIES or tags[j] in ("RB", "MD")):
        passive = passive or words[j] in _BE
        j -= 1
    return j, passive


_BE = frozenset("be is are was were been being am 's 're".split())


def _subject_of_zero_relative(s: SentenceView, c: tuple[int, int],
                              best: tuple[int, int] | None) -> tuple[int, int] | None:
    """A name right before the cue after "a" and a common noun is the subject of a relative
    clause without "that" ("a move Democrats called a betrayal": the source is "Democrats",
    not "a move Democrats"; "a charge Moscow flatly rejected"). A title before a name
    ("Stein spokeswoman Melezia Figueroa", "the spokesman Nick Merrill") has no "a"."""
    if best is None or best[1] - best[0] < 1:
        return best
    j, _ = _skip_to_subject(s, c)
    if j != best[1]:
        return best
    tags = s.tags
    if s.words[best[0]] not in ("a", "an"):
        return best
    m = best[0] + 1
    while m < best[1] and tags[m] in ("JJ", "JJR", "JJS"):
        m += 1
    if tags[m] in ("NN", "NNS") and m < best[1] and tags[m + 1] in ("NNP", "NNPS"):
        return (m + 1, best[1])
    return best


def _plain_subject(s: SentenceView, c: tuple[int, int], cands) -> tuple[int, int] | None:
    """The subject of an active cue the ranker gave no source: a noun phrase that opens the
    sentence and stands right before the cue, auxiliaries and adverbs aside ("Analysts had
    widely expected the increase."). A passive ("The increase is expected") keeps no
    source."""
    j, passive = _skip_to_subject(s, c)
    if j < 0 or passive or s.tags[c[0]] not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    for x in cands:
        if x is not None and x[1] == j and (x[0] == 0 or s.words[x[0] - 1] in _QUOTE_TOKENS):
            return x if s.words[x[0]] not in _RELATIVE_PRONOUNS else None
    return None


_RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom"])
_NP_CHAIN_TAGS = frozenset(["DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD",
                            "POS", "IN", "HYPH"])


def _antecedent(s: SentenceView, pron: int, cands, rank_sources, c) -> tuple[int, int] | None:
    """The source in place of a relative pronoun chosen by the ranker: a relative pronoun is
    never the source, its antecedent is ("said Maria Lopez, who runs a clinic": Maria Lopez;
    "Mayor Dana Whitfield, who pushed for the plan": the mayor). The antecedent is the noun
    phrase right before the pronoun, or before the comma or dash that opens the relative
    clause; without one, the best-ranked candidate that is no relative pronoun."""
    words, tags = s.words, s.tags
    before = pron - 1
    if before >= 0 and words[before] in (",", "—", "–", "-"):
        before -= 1
    # the antecedent heads a chain of appositions and attachments ("Tim Hess, a real estate
    # developer in Virginia, who", "Donna Rawlings, 59, of Ashton, Md., who"): walk left over
    # noun-phrase words, commas, numbers and prepositions to the first noun phrase
    j = before
    while j >= 0 and pron - j <= MAX_SOURCE_DISTANCE and (
            tags[j] in _NP_CHAIN_TAGS or words[j] in (",", ".", "'s", "’s")):
        j -= 1
    for x in cands:
        if x is not None and j < x[0] and x[1] <= before:
            return x
    rest = [x for x in cands if x is None or not (x[0] == x[1] and s.words[x[0]] in _RELATIVE_PRONOUNS)]
    return rank_sources(s, c, rest)[0]


def _build(doc, sentences, k, s: SentenceView, c, quotes: QuoteIndex, rank_sources,
           qchars: list[int]) -> Attribution:
    text = doc.text
    head = c[0]
    words = s.words
    cue_span = Span(s.starts[c[0]], s.ends[c[1]])
    according = words[c[0]] in ("according", "citing")
    # source: rank the noun phrases of the sentence and "no source"
    cands: list[tuple[int, int] | None] = [None]
    cands += np_candidates(s, c, near=MAX_SOURCE_DISTANCE)
    if according:  # "according to X", "citing X": the noun phrase right after the cue
        after = [x for x in cands if x is not None and x[0] > c[1]]
        if after and after[0][0] - c[1] <= 2:
            cands = [after[0]]
    if according:
        cands = [x for x in cands if x is None or x[0] >= c[0]]
    best, best_score = rank_sources(s, c, cands)
    if not according:
        best = _subject_before(s, c, best)
        if best is not None and best[1] > best[0] and words[best[1]] in _SUBJECT_PRONOUNS \
                and s.tags[best[1] - 1] not in ("PRP", "NNP", "NNPS"):
            best = (best[1], best[1])  # "many it said": the pronoun is the subject
    if not according:
        if best is not None:
            b = best[1]
            texts = s.texts
            if b == c[0] - 1 and b > best[0] and texts[b].islower() and texts[b].endswith("ly") \
                    and s.tags[b] in ("NNP", "NNPS"):
                b -= 1  # an adverb the tagger took for part of a name: "Kyiv clearly wants"
            best = (best[0], b)
        best = _subject_of_zero_relative(s, c, best)
        if best is None:
            best = _plain_subject(s, c, cands)
    content, direct = _content(doc, sentences, k, s, c, best, quotes)
    if best is not None and best[0] == best[1] and words[best[0]] in _RELATIVE_PRONOUNS:
        best = _antecedent(s, best[0], cands, rank_sources, c)
    source = None if best is None else Span(s.starts[best[0]], s.ends[best[1]])
    lem = "according to" if words[c[0]] == "according" else word_lemma(words[head])
    if according:
        kind = "according_to"
    elif direct:
        kind = "direct"
    elif _has_quote_char(qchars, content.start, content.end):
        kind = "mixed"
    else:
        kind = "indirect"
    entry = reporting_verbs().get(words[head])
    stance = entry.stance if entry is not None else "neutral"
    if entry is not None:
        lem = entry.lemma
    if source is None:
        anonymous = True
    else:
        src_words = _SOURCE_WORD_RE.findall(text, source.start, source.end)
        anonymous = _is_vague(src_words, list(map(str.lower, src_words)))
    return Attribution(kind, source, cue_span, content, anonymous, stance, lem, None,
                       text[content.start : content.end])
