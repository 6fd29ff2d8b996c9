"""The cue and source models: the packaged weights (``framing/data/models/attribution.json``)
and the fast scorers built from them.

:func:`_cue_scorer` and :func:`_source_ranker` compute exactly the logits of
``linear_score(weights, bias, cue_features(...))`` (and of the source templates) without
building feature strings: the weights are split by template into tables looked up by value.
They hold the templates of :mod:`framing.extract.attribution.features` a second time, on
purpose: they are the extractor's hot path (attribution runs at about 100k words/s per core
through them, without building a string per feature); ``tests/test_attribution.py`` checks that both give the same scores to 1e-9 on the
sample, so a change to one template that is not made in the other fails the suite."""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import combinations

from framing.resources import load_model
from framing.extract.attribution.features import (
    AUXILIARIES,
    SentenceView,
    _NOUNISH,
    _QUOTE_TOKENS,
    _ZEROS,
    _bucket,
    _cue_word_features,
    _source_counts,
    word_lemma,
)


@lru_cache(maxsize=1)
def attribution_model() -> dict:
    """The packaged cue and source models (``cue``, ``source``: weights, bias, threshold),
    loaded once; the cue vocabulary as a frozenset."""
    model = load_model("attribution.json")
    model["cue"]["vocab"] = frozenset(model["cue"]["vocab"])
    return model


def _split_weights(weights: dict[str, float], templates: dict[str, int]) -> dict[str, dict]:
    """For each template name -> number of parts, the weights of the features
    ``name + "=" + "|".join(values)`` keyed by their values: a string for one part, a tuple of
    that many strings otherwise, so that a look-up needs no feature string. A key with more
    "|" than parts - 1 (a value that is itself "|") is entered under every way of cutting it,
    so that a tuple finds a weight exactly when the joined string is a key."""
    out: dict[str, dict] = {name: {} for name in templates}
    for key, w in weights.items():
        name, _, rest = key.partition("=")  # template names hold no "="
        parts = templates.get(name)
        if parts is None:
            continue
        table = out[name]
        if parts == 1:
            table[rest] = w
        elif rest.count("|") == parts - 1:
            table[tuple(rest.split("|"))] = w
        else:
            bars = [k for k, ch in enumerate(rest) if ch == "|"]
            for cut in combinations(bars, parts - 1):
                pieces = [rest[a + 1 : b] for a, b in zip((-1, *cut), (*cut, len(rest)))]
                table[tuple(pieces)] = w
    return out


def _by_first(table: dict) -> dict:
    """``{(a, b, ...): w}`` -> ``{a: {b: w}}`` or ``{a: {(b, ...): w}}``."""
    out: dict = {}
    for key, w in table.items():
        out.setdefault(key[0], {})[key[1] if len(key) == 2 else key[1:]] = w
    return out


def _cue_scorer(cue_m: dict):
    """``score(s, i)``: the cue logit of token ``i``, equal (up to the order of
    floating-point summation; tests/test_attribution.py checks it to 1e-9) to
    ``bias + sum(weights of cue_features(s, i))``, without building feature strings.

    The weights of the features that depend on the word alone (word, lemma, lexicon class)
    are summed once per word. The ~30 context features of :func:`_cue_context_features`
    come from tables: the five tag features by tag 5-gram, the yes/no ones from constants,
    the others from the model's weights split by template and value (``"pw=" + pw`` ->
    ``pw_w[pw]``; ``"l_nw2=" + lemma + "|" + nw + "|" + nw2`` -> the lemma's table, then
    ``(nw, nw2)``; see :func:`_split_weights`), the lemma's tables found once per word. The
    weights are then summed in the order of the feature list, as ``sum`` does, so that the
    floating-point result is unchanged.
    """
    weights, bias = cue_m["weights"], cue_m["bias"]
    get = weights.get
    by_tags: dict[tuple[str, ...], tuple[float, ...]] = {}  # tag 5-gram -> 6 weights
    lemma_templates = {"lt": 2, "l_nt": 2, "l_pt": 2, "l_stag": 2, "l_nw": 2, "l_pw": 2,
                       "l_nw2": 3, "l_pw2": 3}
    split = _split_weights(weights, {"pw": 1, "nw": 1, "sw": 1, **lemma_templates})
    pw_w, nw_w, sw_w = split["pw"], split["nw"], split["sw"]
    # lemma -> value(s) -> weight, one table per template
    per_lemma = {name: _by_first(split[name]) for name in lemma_templates}
    empty: dict = {}
    word_part: dict[str, tuple] = {}  # word -> (bias + word weights, lemma-only weights, tables)

    def yes_no(name: str) -> tuple[float, float]:
        return get(name + "=0", 0.0), get(name + "=1", 0.0)

    w_inq, w_sq, w_cap, w_subj = yes_no("inq"), yes_no("sq"), yes_no("cap"), yes_no("subj")
    w_pos_first, w_pos_mid, w_pos_last = (get("pos=" + p, 0.0) for p in ("first", "mid", "last"))
    w_that, w_qa, w_qb = get("that_after", 0.0), get("q_after", 0.0), get("q_before", 0.0)
    noun_subj = ("PRP", "NNS", "NN", "WP")

    def tag_weights(key: tuple[str, ...]) -> tuple[float, ...]:
        pt2, pt, tag, nt, nt2 = key
        out = by_tags[key] = (
            get("t=" + tag, 0.0), get("pt=" + pt, 0.0), get("nt=" + nt, 0.0),
            get("ptt=" + pt2 + "|" + pt, 0.0), get("ntt=" + nt + "|" + nt2, 0.0),
            get("pt_t_nt=" + pt + "|" + tag + "|" + nt, 0.0),
        )
        return out

    def word_weights(word: str) -> tuple:
        lem = word_lemma(word)
        lw = (  # the lemma-only weights
            get("l_that=" + lem, 0.0), get("l_qa=" + lem, 0.0), get("l_qb=" + lem, 0.0),
            get("l_toinf=" + lem, 0.0), get("l_inq=" + lem + "|0", 0.0),
            get("l_inq=" + lem + "|1", 0.0), get("l_subj=" + lem + "|0", 0.0),
            get("l_subj=" + lem + "|1", 0.0),
        )
        tables = tuple(per_lemma[name].get(lem, empty) for name in per_lemma)
        out = word_part[word] = (bias + sum(map(get, _cue_word_features(word), _ZEROS)), lw) + tables
        return out

    def score(s: "SentenceView", i: int) -> float:
        w, t, n = s.words, s.tags, s.n
        part, lw, lt, lnt, lpt, lstag, lnw, lpw, lnw2, lpw2 = word_part.get(w[i]) or word_weights(w[i])
        # the same neighbours as _cue_context_features (see _window)
        tag = t[i]
        if i > 1:
            pw, pt, pw2, pt2 = w[i - 1], t[i - 1], w[i - 2], t[i - 2]
        elif i == 1:
            pw, pt, pw2, pt2 = w[0], t[0], "<s>", "<s>"
        else:
            pw = pt = pw2 = pt2 = "<s>"
        if i + 2 < n:
            nw, nt, nw2, nt2 = w[i + 1], t[i + 1], w[i + 2], t[i + 2]
        elif i + 1 < n:
            nw, nt, nw2, nt2 = w[i + 1], t[i + 1], "</s>", "</s>"
        else:
            nw = nt = nw2 = nt2 = "</s>"
        inq = 1 if s.inq and s.inq[i] else 0
        key = (pt2, pt, tag, nt, nt2)
        tw = by_tags.get(key) or tag_weights(key)
        # one weight per feature, in the order of _cue_context_features, added left to right
        # as sum() adds a list (an explicit chain: no list per call, the same float result)
        x = (
            tw[0] + lt.get(tag, 0.0) + pw_w.get(pw, 0.0) + nw_w.get(nw, 0.0) + tw[1] + tw[2]
            + tw[3] + tw[4] + tw[5] + lnw.get(nw, 0.0) + lpw.get(pw, 0.0) + lnt.get(nt, 0.0)
            + lpt.get(pt, 0.0) + lnw2.get((nw, nw2), 0.0) + lpw2.get((pw2, pw), 0.0)
            + w_inq[inq] + lw[4 + inq] + w_sq[s.has_quote]
            + w_cap[i > 0 and s.texts[i][:1].isupper()]
            + (w_pos_first if i == 0 else w_pos_last if i >= n - 2 else w_pos_mid)
        )
        if nw == "that" or nw2 == "that" or (i + 3 < n and (w[i + 3] == "that" or (i + 4 < n and w[i + 4] == "that"))):
            x = x + w_that + lw[0]
        if nw in _QUOTE_TOKENS or nw == ":" or (nw == "," and nw2 in _QUOTE_TOKENS):
            x = x + w_qa + lw[1]
        if pw in _QUOTE_TOKENS or pw == "," or pw2 in _QUOTE_TOKENS:
            x = x + w_qb + lw[2]
        j = i - 1
        while j >= 0 and (w[j] in AUXILIARIES or t[j] in ("RB", "MD")):
            j -= 1
        if j >= 0:
            stag = t[j]
            x = x + sw_w.get(w[j] if stag in noun_subj else stag, 0.0)
        else:
            stag = "<s>"
            x = x + sw_w.get("<s>", 0.0)
        x = x + lstag.get(stag, 0.0)
        if nw == "to" and nt2 == "VB":
            x = x + lw[3]
        # a noun-ish tag among the three tokens before i
        subj = 1 if (i > 0 and (pt in _NOUNISH or (i > 1 and (pt2 in _NOUNISH or (i > 2 and t[i - 3] in _NOUNISH))))) else 0
        x = x + w_subj[subj] + lw[6 + subj]
        return part + x

    return score


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0


_N_BUCKETS = 14  # _bucket(n) is the same for every n >= 13
_ADJ = ("adj", "aux", "far")  # the values of the "dadj" feature, in the ranker's table order
_MAX_CUES = 4096  # (lemma, cue tag) pairs whose source tables the ranker keeps


def _source_ranker(src_m: dict):
    """``rank(s, c, cands)``: the best candidate source of cue ``c`` and its logit.

    The same logits as :func:`_source_score` (checked to 1e-9 by tests/test_attribution.py),
    without building the ~13
    feature strings of :func:`_source_rel_features` per candidate phrase: the weight of each
    feature template is looked up in tables built once per model (direction x distance
    bucket, direction x flag, ...) or once per cue (direction x lemma or tag), and the
    "between" flags come from the prefix counts of :func:`_source_counts`. The weights are
    added in the order of the feature list (left to right, as ``sum`` does) so that the
    floating-point result is identical; an absent feature weighs 0.0, as in ``linear_score``.
    """
    weights, bias = src_m["weights"], src_m["bias"]
    get = weights.get
    dirs = ("L", "R")
    w_d = {d: get("d=" + d, 0.0) for d in dirs}
    w_dd = {d: [get("dd=" + d + _bucket(n), 0.0) for n in range(_N_BUCKETS)] for d in dirs}
    flags = {  # template -> direction -> (weight of "0", weight of "1")
        t: {d: (get(t + "=" + d + "0", 0.0), get(t + "=" + d + "1", 0.0)) for d in dirs}
        for t in ("dv", "dc", "dq")
    }
    w_dv, w_dc, w_dq = flags["dv"], flags["dc"], flags["dq"]
    w_dadj = {(d, adj): get("dadj=" + d + adj, 0.0) for d in dirs for adj in ("adj", "aux", "far")}
    w_dpn = {(d, pn): get("dpn=" + d + pn, 0.0) for d in dirs for pn in "PNO"}
    w_sameq = (get("sameq=0", 0.0), get("sameq=1", 0.0))
    w_dvc = {
        (d, v, c, n): get("dvc=" + d + v + c + _bucket(n), 0.0)
        for d in dirs for v in "01" for c in "01" for n in range(_N_BUCKETS)
    }
    w_pron = (get("pron=0", 0.0), get("pron=1", 0.0))
    w_name = (get("name=0", 0.0), get("name=1", 0.0))
    w_first = (get("first=0", 0.0), get("first=1", 0.0))
    w_len = [get("len=" + _bucket(n), 0.0) for n in range(_N_BUCKETS)]
    # value -> weight for the templates with a word or tag in them (see _split_weights)
    split = _split_weights(weights, {"ht": 1, "hw": 1, "prev": 1, "next": 1, "none_pw": 1,
                                     "dprev": 2})
    w_ht, w_hw, w_prev, w_next, w_none_pw = (
        split[t] for t in ("ht", "hw", "prev", "next", "none_pw"))
    w_dprev = _by_first(split["dprev"])
    w_dprev_l, w_dprev_r = w_dprev.get("L", {}), w_dprev.get("R", {})
    # per direction: dpn weight by "P"/"N"/"O", dvc weight by (bucket, verb, comma) code
    w_dpn_d = {d: {pn: w_dpn[d, pn] for pn in "PNO"} for d in dirs}
    w_dvc_d = {d: [w_dvc[d, v, c, n] for n in range(_N_BUCKETS) for v in "01" for c in "01"]
               for d in dirs}
    w_dpn_l, w_dpn_r = w_dpn_d["L"], w_dpn_d["R"]
    w_dvc_l, w_dvc_r = w_dvc_d["L"], w_dvc_d["R"]
    per_cue: dict[tuple[str, str], tuple] = {}  # (lemma, cue tag) -> its tables, see below

    def cue_weights(lem: str, ctag: str) -> tuple:
        """Per direction, the sum of the first nine features of _source_rel_features (d,
        dd, dl, dt, dv, dc, dq, dadj, dadjl: added in that order, so the same float as the
        full sum's first nine steps) for every distance bucket x verb x comma x quote x
        adjacency, at index ``((bucket * 2 + verb) * 2 + comma) * 6 + quote * 3 + adj``
        (adj: 0 "adj", 1 "aux", 2 "far"); built once per lemma and cue tag."""
        key = (lem, ctag)
        out = per_cue.get(key)
        if out is None:
            if len(per_cue) >= _MAX_CUES:
                per_cue.clear()
            tables = []
            for d in dirs:
                w_dl, w_dt = get("dl=" + d + "|" + lem, 0.0), get("dt=" + d + "|" + ctag, 0.0)
                w_dadjl = [get("dadjl=" + d + adj + "|" + lem, 0.0) for adj in _ADJ]
                tables.append([
                    w_d[d] + w_dd[d][nb] + w_dl + w_dt + w_dv[d][v] + w_dc[d][c] + w_dq[d][q]
                    + w_dadj[d, adj] + w_dadjl[k]
                    for nb in range(_N_BUCKETS) for v in (0, 1) for c in (0, 1) for q in (0, 1)
                    for k, adj in enumerate(_ADJ)
                ])
            out = per_cue[key] = tuple(tables)
        return out

    w_none = get("none", 0.0)
    w_none_first = (get("none_first=0", 0.0), get("none_first=1", 0.0))
    w_none_inq = (get("none_inq=0", 0.0), get("none_inq=1", 0.0))
    none_cue: dict[tuple[str, str], tuple[float, float, float]] = {}  # (lemma, tag) ->

    def none_score(s: SentenceView, c: tuple[int, int], lem: str, ctag: str, head_q: bool) -> float:
        """The logit of "no source": the features of _source_rel_features(s, c, None), in
        its order."""
        key = (lem, ctag)
        wl = none_cue.get(key)
        if wl is None:
            wl = none_cue[key] = (
                get("none_l=" + lem, 0.0), get("none_t=" + ctag, 0.0),
                get("none_lt=" + lem + "|" + ctag, 0.0),
            )
        pw = s.words[c[0] - 1] if c[0] > 0 else "<s>"
        return bias + (
            w_none + wl[0] + wl[1] + w_none_pw.get(pw, 0.0) + wl[2]
            + w_none_first[c[0] == 0] + w_none_inq[head_q]
        )

    def phrase(s: SentenceView, cand: tuple[int, int]) -> tuple[float, str]:
        """The summed weights of the phrase's own features, and "P", "N" or "O" (pronoun,
        name, other), once per sentence and phrase."""
        got = s.cand_part.get(cand)
        if got is None:
            a, b = cand
            ctags = s.tags[a : b + 1]
            pron = "PRP" in ctags
            name = "NNP" in ctags or "NNPS" in ctags
            w = s.words
            # the features of _source_phrase_features, in its order
            part = (
                w_pron[pron] + w_name[name] + w_ht.get(ctags[-1], 0.0) + w_hw.get(w[b], 0.0)
                + w_prev.get(w[a - 1] if a > 0 else "<s>", 0.0)
                + w_next.get(w[b + 1] if b + 1 < s.n else "</s>", 0.0)
                + w_first[a == 0] + w_len[min(b - a + 1, _N_BUCKETS - 1)]
            )
            got = s.cand_part[cand] = (part, "P" if pron else "N" if name else "O")
        return got

    def rank(s: SentenceView, c: tuple[int, int], cands) -> tuple[tuple[int, int] | None, float]:
        w = s.words
        head = c[1] if w[c[0]] == "according" else c[0]
        lem, ctag = word_lemma(w[head]), s.tags[head]
        pre_l, pre_r = cue_weights(lem, ctag)
        verbs, commas, quotes, content = _source_counts(s)
        inq = s.inq
        head_q = bool(inq and inq[head])
        c0, c1 = c
        cand_part = s.cand_part
        best, best_score = None, -1e9
        for cand in cands:
            if cand is None:
                sc = none_score(s, c, lem, ctag, head_q)
            else:
                a, b = cand
                if b < c0:
                    lo, hi, pre, w_dpn_, w_dp, w_dvc_ = b + 1, c0, pre_l, w_dpn_l, w_dprev_l, w_dvc_l
                else:
                    lo, hi, pre, w_dpn_, w_dp, w_dvc_ = c1 + 1, a, pre_r, w_dpn_r, w_dprev_r, w_dvc_r
                if hi > lo:  # words between: distance bucket, verb, comma, quote, adjacency
                    n = hi - lo
                    k = ((n if n < _N_BUCKETS else _N_BUCKETS - 1) * 2
                         + (verbs[hi] > verbs[lo])) * 2 + (commas[hi] > commas[lo])
                    first9 = pre[k * 6 + (quotes[hi] > quotes[lo]) * 3
                                 + (1 if content[hi] == content[lo] else 2)]
                else:  # adjacent: bucket 0, no verb, comma or quote, "adj"
                    k = 0
                    first9 = pre[0]
                part, pn = cand_part.get(cand) or phrase(s, cand)
                prev = w[a - 1] if a > 0 else "<s>"
                same = bool(inq and inq[a]) == head_q
                rel = first9 + w_dpn_[pn] + w_dp.get(prev, 0.0) + w_sameq[same] + w_dvc_[k]
                sc = bias + rel + part
            if sc > best_score:
                best, best_score = cand, sc
        return best, best_score

    return rank
