"""Evaluate actor linking: within-document mention clustering on NewsWCL50; prints markdown.

NewsWCL50 (Hamborg et al. 2019) in the CoNLL release of Zhukova, Hamborg & Gipp (2022)
(``newswcl50_cdcr/``, loader :func:`framing.datasets.load_newswcl50`): 50 articles whose
concept mentions are chained. The chains are cross-document; here each article is scored on
its own (within-document coreference), the chains cut at the article's border.

Setting: **gold mentions**. The mentions scored are the gold mentions of the entity types the
library links (``ACTOR``, ``ACTOR-I``, ``COUNTRY``, ``GROUP``; events, actions, objects and
MISC are left out). Each system only decides which of them belong together:

- *library*: the pipeline's actor step (``framing.analyze``, no actor table) runs on the
  article; a gold mention takes the actor of the last library mention inside it (the head of
  "U.S. President Donald Trump" is "Donald Trump"), or of a library mention overlapping it;
  a gold mention with no library mention stays a singleton;
- *library + same string*: as *library*, with the gold mentions the library leaves alone
  clustered by their lower-cased text (the backoff any system would use);
- *same string* (the baseline): gold mentions with the same lower-cased text form a cluster.

Scores: MUC (Vilain et al. 1995), B3 (Bagga & Baldwin 1998) and CEAF-e (Luo 2005), each F1
from counts summed over documents as the reference scorer does (Pradhan et al. 2014), and
CoNLL F1 = their mean. Singletons are kept on both sides (key and response hold the same
mentions, so no mention is twinless). Intervals: a bootstrap over the 50 articles.

NewsWCL50 has no split and the library is never trained or tuned on it: every run reads all
50 articles, and none is recorded in the ledger.

Usage::

    FRAMING_DATA=../shared/data python evaluation/linking.py [--json PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

ENTITY_TYPES = ("ACTOR", "ACTOR-I", "COUNTRY", "GROUP")

Clusters = Sequence[Iterable[Hashable]]


def _as_sets(clusters: Clusters) -> list[frozenset]:
    return [frozenset(c) for c in clusters if c]


def muc_counts(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """MUC (Vilain et al. 1995): (recall numerator, recall denominator, precision numerator,
    precision denominator). Recall: sum over key clusters K of |K| - p(K), over sum |K| - 1,
    where p(K) is the number of parts the response cuts K into (a mention in no response
    cluster is a part of its own); precision swaps key and response."""
    key_s, resp_s = _as_sets(key), _as_sets(response)

    def num_den(a: list[frozenset], b: list[frozenset]) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    rn, rd = num_den(key_s, resp_s)
    pn, pd = num_den(resp_s, key_s)
    return rn, rd, pn, pd


def b_cubed_counts(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """B3 (Bagga & Baldwin 1998): recall = sum over key mentions of |K_m & R_m| / |K_m|, over
    the number of key mentions; precision the same over response mentions."""
    key_s, resp_s = _as_sets(key), _as_sets(response)

    def num_den(a: list[frozenset], b: list[frozenset]) -> tuple[float, float]:
        where = {m: c for c in b for m in c}
        num = 0.0
        for c in a:
            for m in c:
                num += len(c & where.get(m, frozenset())) / len(c)
        return num, sum(len(c) for c in a)

    rn, rd = num_den(key_s, resp_s)
    pn, pd = num_den(resp_s, key_s)
    return rn, rd, pn, pd


def ceaf_e_counts(key: Clusters, response: Clusters) -> tuple[float, float, float, float]:
    """Entity-based CEAF (Luo 2005): the similarity phi4(K, R) = 2 |K & R| / (|K| + |R|)
    summed over the best one-to-one alignment of key and response clusters (Hungarian
    algorithm); recall divides it by the number of key clusters, precision by the number of
    response clusters."""
    key_s, resp_s = _as_sets(key), _as_sets(response)
    if not key_s or not resp_s:
        return 0.0, len(key_s), 0.0, len(resp_s)
    sim = np.zeros((len(key_s), len(resp_s)))
    where = {m: j for j, c in enumerate(resp_s) for m in c}
    for i, k in enumerate(key_s):
        for m in k:
            j = where.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(c) for c in key_s], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in resp_s], dtype=float)[None, :]
    phi = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = float(phi[rows, cols].sum())
    return total, len(key_s), total, len(resp_s)


METRICS = {"muc": muc_counts, "b3": b_cubed_counts, "ceaf_e": ceaf_e_counts}


def coref_counts(key: Clusters, response: Clusters) -> np.ndarray:
    """The 12 counts of one document: for MUC, B3 and CEAF-e in turn (recall numerator,
    recall denominator, precision numerator, precision denominator)."""
    return np.array([v for fn in METRICS.values() for v in fn(key, response)], dtype=float)


def _f1_of(c: np.ndarray, k: int) -> np.ndarray:
    r = C.safe_div(c[..., 4 * k], c[..., 4 * k + 1])
    p = C.safe_div(c[..., 4 * k + 2], c[..., 4 * k + 3])
    return C.safe_div(2 * p * r, p + r)


def conll_f1(counts: np.ndarray) -> np.ndarray:
    """CoNLL F1: the mean of MUC, B3 and CEAF-e F1, from counts summed over documents
    (``(..., 12)`` as :func:`coref_counts` gives them)."""
    return (_f1_of(counts, 0) + _f1_of(counts, 1) + _f1_of(counts, 2)) / 3


def metric_f1(name: str):
    k = list(METRICS).index(name)
    return lambda c: _f1_of(c, k)


def clusters_by(labels: dict[Hashable, Hashable]) -> list[list[Hashable]]:
    """Mentions with the same label in one cluster."""
    out: dict[Hashable, list[Hashable]] = {}
    for m, lab in labels.items():
        out.setdefault(lab, []).append(m)
    return list(out.values())


def gold_mentions(mentions) -> dict[str, dict[tuple[int, int], str]]:
    """doc id -> {(start, end): chain} for the entity types scored; a span in two chains
    keeps the first."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    for r in mentions.itertuples():
        if r.type in ENTITY_TYPES:
            out.setdefault(r.doc_id, {}).setdefault((int(r.start), int(r.end)), r.chain)
    return out


def library_labels(doc, spans: Iterable[tuple[int, int]]) -> dict[tuple[int, int], str | None]:
    """For each gold span, the actor of the last library mention inside it, else of a library
    mention overlapping it, else ``None``."""
    ms = sorted(doc.mentions, key=lambda m: m.span)
    starts = [m.span.start for m in ms]
    from bisect import bisect_left, bisect_right

    out: dict[tuple[int, int], str | None] = {}
    for a, b in spans:
        lo, hi = bisect_left(starts, a), bisect_right(starts, b - 1)
        inside = [m for m in ms[lo:hi] if m.span.end <= b]
        if inside:
            out[(a, b)] = inside[-1].actor
            continue
        over = [m for m in ms[max(0, lo - 3):hi] if m.span.start < b and m.span.end > a]
        out[(a, b)] = over[-1].actor if over else None
    return out


def evaluate(wcl=None) -> tuple[str, dict[str, float]]:
    import framing
    from framing.datasets import load_newswcl50

    wcl = load_newswcl50() if wcl is None else wcl
    gold = gold_mentions(wcl.mentions)
    systems = ("library", "library_backoff", "same_string")
    counts: dict[str, list[np.ndarray]] = {s: [] for s in systems}
    n_mentions = n_linked = 0
    for doc in wcl.corpus:
        g = gold.get(doc.id, {})
        if not g:
            continue
        key = clusters_by(g)
        text_of = {s: doc.text[s[0]:s[1]].lower() for s in g}
        analysed = framing.analyze(doc.text)
        lib = library_labels(analysed, g)
        n_mentions += len(g)
        n_linked += sum(v is not None for v in lib.values())
        labels = {
            "library": {s: ("actor", v) if v is not None else ("alone", s) for s, v in lib.items()},
            "library_backoff": {s: ("actor", v) if v is not None else ("string", text_of[s])
                                for s, v in lib.items()},
            "same_string": {s: ("string", text_of[s]) for s in g},
        }
        for s in systems:
            counts[s].append(coref_counts(key, clusters_by(labels[s])))
    figs: dict[str, float] = {"newswcl50_documents": len(counts["library"]),
                              "newswcl50_gold_mentions": n_mentions,
                              "newswcl50_mentions_with_library_actor": n_linked}
    names = {"library": "newswcl50", "library_backoff": "newswcl50_library_same_string_backoff",
             "same_string": "newswcl50_same_string"}
    for s in systems:
        c = np.asarray(counts[s])
        total = c.sum(axis=0)
        for m in METRICS:
            fn = metric_f1(m)
            figs.update(C.with_interval(f"{names[s]}_{m}_f1", float(fn(total)), C.counts_interval(c, fn)))
        figs.update(C.with_interval(f"{names[s]}_conll_f1", float(conll_f1(total)),
                                    C.counts_interval(c, conll_f1)))
    # the library's gain over the baseline, paired: both systems on the same resampled articles
    paired = np.concatenate([np.asarray(counts["library"]), np.asarray(counts["same_string"])], axis=1)

    def gain(c):
        return conll_f1(c[..., :12]) - conll_f1(c[..., 12:])

    figs.update(C.with_interval("newswcl50_conll_f1_gain_over_same_string", float(gain(paired.sum(axis=0))),
                                C.counts_interval(paired, gain)))
    labels_md = {"library": "library (framing.analyze, no actor table)",
                 "library_backoff": "library + same-string backoff for mentions it leaves alone",
                 "same_string": "baseline: same lower-cased string"}
    lines = [f"NewsWCL50, within-document, gold mentions of types {', '.join(ENTITY_TYPES)}: "
             f"{n_mentions} mentions in {len(counts['library'])} articles; the library gives an "
             f"actor to {n_linked}.", "",
             "| system | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |", "|---|---|---|---|---|"]
    for s in systems:
        lines.append(f"| {labels_md[s]} | " + " | ".join(
            C.fmt(figs, f"{names[s]}_{m}_f1") for m in (*METRICS, "conll")) + " |")
    lines += ["", "CoNLL F1 gain of the library over the baseline (paired bootstrap): "
              + C.fmt(figs, "newswcl50_conll_f1_gain_over_same_string")]
    return "\n".join(lines), figs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    C.add_json_argument(ap)
    args = ap.parse_args(argv)
    tab, figs = evaluate()
    print(tab)
    print("\n" + C.INTERVAL_NOTE)
    if args.json:
        C.write_json(args.json, figs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
