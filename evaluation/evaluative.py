"""Evaluate the evaluative-language extractor; print markdown tables.

1. Bundled sample (framing/data/sample/gold.jsonl): span overlap P/R/F1 (the guidelines'
   Scoring), polarity accuracy and voice accuracy on matched spans. Voice is computed with
   the gold attributions (the extractor's own part) and, separately, with the attributions
   the default pipeline finds (end to end).
2. MBIC (crowd labels, framing's test split of BABE/MBIC): word-level precision, recall and F1
   of the words inside loaded-language spans (:func:`framing.extract.evaluative.loaded_language`: the
   evaluative spans plus doubt and emotive reporting cues) against the words annotators
   marked as biased.
3. BABE (SG2, test split = the sentences shared with MBIC): ROC AUC of the author-voice
   evaluative density (per 1,000 words) for the Biased / Non-biased label.
4. The trained word-level model (:class:`framing.models.LoadedWordClassifier`), fitted here,
   at run time, on BABE's dev split only (every word of every dev sentence, positive when it
   is one of the sentence's ``biased_words``), with the hyperparameters ``LOADED_WORDS``
   chosen by ``--tune-loaded-words`` (cross-validation inside dev, grouped by article). It is
   scored with the same word-level scorer as 2 on MBIC and on BABE's test split. Nothing
   fitted is written anywhere (BABE/MBIC is AGPL).

``--split dev`` (the default) runs 2 and 3 on BABE's dev split (for tuning) and, for 4, the
out-of-fold score of a 5-fold cross-validation grouped by article; ``--split test`` runs them
on MBIC and BABE's test split and records the reading in ``evaluation/ledger.jsonl``. Every
accuracy figure has a 95% bootstrap interval over documents (sample articles; BABE/MBIC
articles, by ``news_link``); ``--tune-loaded-words`` prints the
small grid that chose ``LOADED_WORDS`` (dev only); ``--stoplist-audit`` lists the most
frequent evaluative hits in the non-biased dev sentences of Reuters and USA Today (the
candidates for the news stoplist).

Usage::

    FRAMING_DATA=/work/shared/data python evaluation/evaluative.py                 # dev
    FRAMING_DATA=/work/shared/data python evaluation/evaluative.py --split test    # a test reading
    FRAMING_DATA=/work/shared/data python evaluation/evaluative.py --tune-loaded-words
    FRAMING_DATA=/work/shared/data python evaluation/evaluative.py --split dev --stoplist-audit
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "evaluation"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

import framing  # noqa: E402
from framing import Attribution, Document, Span
from framing.datasets import load_babe, load_mbic, load_sample_gold
from framing.extract.evaluative import extract_evaluations, loaded_language
from framing.models import LoadedWordClassifier, loaded_word_spans, word_labels, word_rows
from framing.scoring import match_spans, span_prf

import _common as C  # noqa: E402

def _attributions(rec: dict) -> list[Attribution]:
    return [
        Attribution(a["kind"], Span(*a["source"]) if a["source"] else None, Span(*a["cue"]),
                    Span(*a["content"]))
        for a in rec["attributions"]
    ]


def sample_scores() -> tuple[list[tuple[str, str]], dict[str, float]]:
    """Rows of the sample table and their figures (intervals over the 16 articles)."""
    rows = []
    figs: dict[str, float] = {}
    modes = ["gold attributions"] + (["pipeline attributions"] if ATTRIBUTIONS == "pipeline" else [])
    for mode in modes:
        pred_all, gold_all = 0, 0
        per_doc = []  # tp, predicted, gold, polarity right, voice right
        for rec in load_sample_gold():
            if mode == "gold attributions":
                preds = extract_evaluations(Document(rec["text"]), _attributions(rec))
            else:
                preds = framing.analyze(rec["text"]).evaluative
            gold = rec["evaluative"]
            pspans = [e.span for e in preds]
            gspans = [g["span"] for g in gold]
            s = span_prf(pspans, gspans)
            pol_ok = voice_ok = 0
            pairs = match_spans(pspans, gspans)
            for i, j in pairs:
                pol_ok += preds[i].polarity == gold[j]["polarity"]
                voice_ok += preds[i].voice == gold[j]["voice"]
            per_doc.append((len(pairs), s.n_pred, s.n_gold, pol_ok, voice_ok))
            pred_all += len(preds)
            gold_all += len(gold)
        c = np.asarray(per_doc, dtype=float)
        tp = int(c[:, 0].sum())
        if mode == "gold attributions":
            figs.update(C.prf_figures("sample_span", c[:, :3]))
            figs.update(C.ratio_figures("sample_polarity_accuracy", c[:, [3, 0]]))
            rows += [
                ("span precision", C.fmt(figs, "sample_span_precision")),
                ("span recall", C.fmt(figs, "sample_span_recall")),
                ("span F1", C.fmt(figs, "sample_span_f1")),
                ("polarity accuracy (matched spans)",
                 f"{C.fmt(figs, 'sample_polarity_accuracy')} ({int(c[:, 3].sum())}/{tp})"),
            ]
        key = "sample_voice_accuracy_" + mode.split()[0] + "_attributions"
        figs.update(C.ratio_figures(key, c[:, [4, 0]]))
        rows.append((f"voice accuracy, {mode} (matched spans)", f"{C.fmt(figs, key)} ({int(c[:, 4].sum())}/{tp})"))
    rows.append(("predicted / gold spans", f"{pred_all} / {gold_all}"))
    return rows, figs


def _word_labels(text: str, biased: list[str], spans: list[Span]) -> tuple[list[bool], list[bool]]:
    """Gold and predicted label of every word of ``text`` (the words of
    :func:`framing.models.word_rows`).

    Gold: :func:`framing.models.word_labels` (the word, lower case, curly apostrophes folded
    to straight ones on both sides, is one of the annotated biased words; multi-word entries
    are split into words). Predicted: the word lies inside one of ``spans``.
    """
    gold = word_labels(text, biased)
    pred = [any(s.start < b and a < s.end for s in spans) for _, a, b in word_rows(text)]
    return gold, pred


ATTRIBUTIONS = "pipeline"


def _analyze(text: str) -> Document:
    """The default pipeline, or (``--attributions none``) the evaluative step alone."""
    if ATTRIBUTIONS == "pipeline":
        return framing.analyze(text)
    doc = Document(text)
    doc.evaluative = extract_evaluations(doc, [])
    return doc


def _evaluate_sentences(texts, biased_lists, spans_per_text=None, groups=None):
    """Word-level counts per article: an ``(n_articles, 3)`` array of (true positives,
    predicted, gold) words, articles from ``groups`` (one per text; each text its own when
    None); spans from ``loaded_language`` unless ``spans_per_text`` (one list of spans per
    text) is given."""
    texts, biased_lists = list(texts), list(biased_lists)
    groups = list(range(len(texts))) if groups is None else list(groups)
    if spans_per_text is None:
        spans_per_text = [loaded_language(_analyze(text)) for text in texts]
    counts = C.DocCounts(3)
    for text, biased, spans, group in zip(texts, biased_lists, spans_per_text, groups):
        gold, pred = _word_labels(text, biased, spans)
        counts.add(group, sum(g and p for g, p in zip(gold, pred)), sum(pred), sum(gold))
    return counts.array()


def _word_figures(key: str, counts: np.ndarray) -> dict[str, float]:
    out = C.prf_figures(key, counts)
    out[f"{key}_gold"] = int(counts[:, 2].sum())
    return out


def _prf_cell(figs: dict, key: str) -> str:
    return " / ".join(C.fmt(figs, f"{key}_{m}") for m in ("precision", "recall", "f1"))


# Chosen by --tune-loaded-words (5-fold cross-validation inside BABE dev, grouped by article).
LOADED_WORDS = {"C": 1.0, "threshold": 0.2, "window": 1}
TUNE_GRID = [{"C": c, "window": 2} for c in (0.1, 0.3, 1.0, 3.0)] + [
    {"C": 1.0, "window": w} for w in (1, 3)]
THRESHOLDS = np.round(np.arange(0.1, 0.601, 0.025), 3)


def word_data(part) -> tuple[list, np.ndarray, np.ndarray]:
    """Word rows, labels (one of the sentence's biased words) and article of each word."""
    X, y, groups = [], [], []
    for text, words, link in zip(part["text"], part["biased_words"], part["news_link"]):
        rows = word_rows(text)
        X += rows
        y += word_labels(text, words)
        groups += [link] * len(rows)
    return X, np.asarray(y, dtype=bool), np.asarray(groups)


def out_of_fold(X, y, groups, params: dict, folds: int = 5) -> np.ndarray:
    """Probability of a loaded word for every row, from models that did not see its article."""
    proba = np.zeros(len(X))
    for tr, te in GroupKFold(folds).split(X, y, groups):
        model = LoadedWordClassifier(**params).fit([X[i] for i in tr], y[tr])
        proba[te] = model.predict_proba([X[i] for i in te])[:, 1]
    return proba


def _f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & y).sum())
    p = tp / pred.sum() if pred.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tune_loaded_words() -> None:
    """The grid that chose LOADED_WORDS: BABE dev only, 5 folds grouped by article; the
    threshold is the best of THRESHOLDS on the pooled out-of-fold probabilities."""
    babe = load_babe()
    X, y, groups = word_data(babe[babe["split"] == "dev"])
    print(f"BABE dev: {len(X)} words, {int(y.sum())} biased, {len(set(groups))} articles")
    print("| C | window | best threshold | out-of-fold P / R / F1 |")
    print("| --- | --- | --- | --- |")
    best = (0.0, {})
    for params in TUNE_GRID:
        proba = out_of_fold(X, y, groups, params)
        f, th = max((_f1(proba >= t, y)[2], t) for t in THRESHOLDS)
        p, r, f = _f1(proba >= th, y)
        print(f"| {params['C']} | {params['window']} | {th} | {p:.3f} / {r:.3f} / {f:.3f} |", flush=True)
        best = max(best, (f, {**params, "threshold": float(th)}), key=lambda b: b[0])
    print(f"best (the LOADED_WORDS of this script): {best[1]}")


def trained_scores(split: str) -> tuple[list[tuple[str, str]], dict[str, float]]:
    babe = load_babe()
    dev = babe[babe["split"] == "dev"]
    X, y, groups = word_data(dev)
    name = "LoadedWordClassifier trained on BABE dev"
    figs: dict[str, float] = {}
    if split == "dev":
        pred = out_of_fold(X, y, groups, LOADED_WORDS) >= LOADED_WORDS["threshold"]
        counts = C.DocCounts(3)
        for g, p, t in zip(groups, pred, y):
            counts.add(g, float(p and t), float(p), float(t))
        figs.update(_word_figures("babe_dev_trained_out_of_fold_word", counts.array()))
        return [(f"BABE dev word-level precision / recall / F1, {name} (5-fold out-of-fold, "
                 f"grouped by article; {len(dev)} sentences, {int(y.sum())} biased words)",
                 _prf_cell(figs, "babe_dev_trained_out_of_fold_word"))], figs
    model = LoadedWordClassifier(**LOADED_WORDS).fit(X, y)
    rows = []
    mbic = load_mbic()
    test = babe[babe["split"] == "test"]
    for label, key, part in (("MBIC", "mbic_trained_word", mbic), ("BABE test", "babe_test_trained_word", test)):
        spans = loaded_word_spans(model, part["text"])
        figs.update(_word_figures(key, _evaluate_sentences(part["text"], part["biased_words"], spans,
                                                           part["news_link"])))
        rows.append((f"{label} word-level precision / recall / F1, {name} ({len(part)} sentences, "
                     f"{figs[key + '_gold']} biased words)", _prf_cell(figs, key)))
    return rows, figs


def author_density(text: str) -> float:
    doc = _analyze(text)
    n = sum(e.voice == "author" for e in doc.evaluative)
    return 1000.0 * n / max(doc.word_count, 1)


def corpus_scores(split: str) -> tuple[list[tuple[str, str]], dict[str, float]]:
    rows = []
    figs: dict[str, float] = {}
    babe = load_babe()
    part = babe[babe["split"] == split]
    if split == "test":
        mbic = load_mbic()
        figs.update(_word_figures("mbic_rules_word", _evaluate_sentences(
            mbic["text"], mbic["biased_words"], groups=mbic["news_link"])))
        rows += [(f"MBIC word-level precision / recall / F1 ({len(mbic)} sentences, "
                  f"{figs['mbic_rules_word_gold']} biased words)", _prf_cell(figs, "mbic_rules_word"))]
    key = f"babe_{split}_rules_word"
    figs.update(_word_figures(key, _evaluate_sentences(part["text"], part["biased_words"],
                                                       groups=part["news_link"])))
    rows.append((f"BABE {split} word-level precision / recall / F1 ({len(part)} sentences, "
                 f"{figs[key + '_gold']} biased words)", _prf_cell(figs, key)))
    lab = part[part["label_bias"].isin(["Biased", "Non-biased"])]
    y = (lab["label_bias"] == "Biased").to_numpy()
    dens = np.array([author_density(t) for t in lab["text"]])
    key = f"babe_{split}_author_density_auc"
    figs.update(C.with_interval(key, float(roc_auc_score(y, dens)), C.groups_interval(
        list(lab["news_link"]), lambda w: roc_auc_score(y, dens, sample_weight=w) if len(set(y[w > 0])) == 2
        else float("nan"))))
    rows.append((f"BABE {split} ROC AUC of author-voice evaluative density ({len(lab)} sentences)",
                 C.fmt(figs, key)))
    return rows, figs


def stoplist_audit(top: int = 60) -> None:
    babe = load_babe()
    part = babe[(babe["split"] == "dev") & (babe["label_bias"] == "Non-biased")
                & babe["outlet"].isin(["Reuters", "USA Today"])]
    hits = Counter()
    for text in part["text"]:
        for e in extract_evaluations(text):
            hits[e.text.lower()] += 1
    print(f"| hit | count in {len(part)} non-biased dev sentences (Reuters, USA Today) |")
    print("| --- | --- |")
    for w, c in hits.most_common(top):
        print(f"| {w} | {c} |")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    C.add_arguments(ap, "BABE's dev split, or BABE test and MBIC")
    ap.add_argument("--stoplist-audit", action="store_true")
    ap.add_argument("--skip-sample", action="store_true")
    ap.add_argument("--sample-only", action="store_true",
                    help="score the bundled sample only (reads no BABE/MBIC split)")
    ap.add_argument("--tune-loaded-words", action="store_true",
                    help="print the dev cross-validation grid that chose LOADED_WORDS")
    ap.add_argument("--attributions", default="pipeline", choices=["pipeline", "none"],
                    help="voice on BABE/MBIC from the pipeline's attributions, or none (all author)")
    args = ap.parse_args(argv)
    global ATTRIBUTIONS
    ATTRIBUTIONS = args.attributions
    if (args.stoplist_audit or args.tune_loaded_words) and args.split != "dev":
        ap.error("--stoplist-audit and --tune-loaded-words read the dev split only")
    if args.stoplist_audit:
        stoplist_audit()
        return
    if args.tune_loaded_words:
        tune_loaded_words()
        return
    rows: list[tuple[str, str]] = []
    figs: dict[str, float] = {}
    if not args.skip_sample:
        sample_rows, sample_figs = sample_scores()
        rows += [("**bundled sample (16 articles)**", "")] + sample_rows
        figs.update(sample_figs)
    if not args.sample_only:
        corpus_rows, corpus_figs = corpus_scores(args.split)
        trained_rows, trained_figs = trained_scores(args.split)
        rows += [(f"**BABE / MBIC ({args.split} split)**", "")] + corpus_rows + trained_rows
        figs.update(corpus_figs)
        figs.update(trained_figs)
    print("| measure | value |")
    print("| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")
    print("\n" + C.INTERVAL_NOTE + " (BABE/MBIC: articles, by news_link)")
    C.finish(args, "evaluation/evaluative.py", figs, argv if argv is not None else sys.argv[1:],
             read_test=args.split == "test" and not args.sample_only)


if __name__ == "__main__":
    main()
