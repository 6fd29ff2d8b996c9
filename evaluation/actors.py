"""Evaluate the actor layer; prints markdown tables.

1. Sentiment toward a target on NewsMTSC's dev splits (``--split dev``, the default:
   rw-dev, mt-dev) or test splits (``--split test``: rw-test, mt-test; recorded in
   ``evaluation/ledger.jsonl``): the pipeline's default actor sentiment model (the shipped
   ActorSentimentClassifier, ``newsmtsc_rw_<split>_macro_f1_default``), the no-training
   scorer, and two baselines computed here (VADER on the whole sentence; TF-IDF + logistic
   regression with the target masked, fitted on train). The shipped model is fitted on
   train + dev, so its dev figures measure the fit, not generalisation (the dev figures of
   its configuration fitted on train alone are in the model file's metadata).
2. The bundled sample's actor gold: mention span P/R/F1 (overlap matching, guidelines'
   Scoring), canonical-actor accuracy on matched mentions, with and without the sample's
   actor table; and sentence-level actor sentiment macro-F1 on the gold (sentence, actor)
   pairs the pipeline also produced.

3. BASIL target coverage (``basil_table``): BASIL (Fan et al. 2019) marks biased spans with
   the entity they aim at and the polarity (negative / positive). A gold span is *covered*
   when the pipeline (``framing.analyze`` with an actor table) gives a per-actor sentiment row
   for that target in the span's sentence; ``basil_polarity_agreement`` is the share of
   covered spans whose row is not neutral where the row's label has the gold polarity (all
   BASIL spans are framed, none neutral: agreement is measured where the pipeline also says
   the sentence is not neutral toward the target). The actor table is the one a researcher
   studying the event would write: per event, the targets BASIL annotates in its three
   articles, each with its surname as an alias when it is a person's name (the list of
   entities, no spans). ``--split dev`` reads events 0-79 (BASIL's train part: all linking
   choices were made there), ``--split test`` events 80-99.

Every accuracy figure has a 95% bootstrap interval: over the sample's articles, and over
NewsMTSC's sentences (its ids are opaque, with no article to group by; the targets of one
sentence are resampled together).

Usage::

    FRAMING_DATA=../shared/data python evaluation/actors.py                 # dev splits and the sample
    FRAMING_DATA=../shared/data python evaluation/actors.py --split test    # a test reading
    FRAMING_DATA=../shared/data python evaluation/actors.py --sample-only   # no NewsMTSC split read
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from framing.extract.actors import find_mentions, label_of, sentence_sentiment, target_score
from framing.datasets import load_newsmtsc, load_sample, load_sample_actors, load_sample_gold
from framing.models import ActorSentimentClassifier
from framing.pipeline import Pipeline, annotate
from framing.scoring import match_spans

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C  # noqa: E402

METHODS = {
    "default": "pipeline default: ActorSentimentClassifier (shipped, evidence features)",
    "no_training": "no training (target-aware lexicon; `replace(\"actor_sentiment\", None)`)",
    "tfidf_lr": "baseline: TF-IDF + logistic regression, target masked",
    "vader": "baseline: VADER compound on the whole sentence (±0.05)",
}


LATER_STEPS = ("roles", "frames", "sentence_bias", "persuasion")


def without_later_steps(pipeline: Pipeline | None = None) -> Pipeline:
    """``pipeline`` (default: ``Pipeline.default()``) without the steps that issues 13, 19 and
    20 added to the default after the actor steps (:data:`LATER_STEPS`; those it has, as an
    earlier commit's pipeline lacks some): the pipeline the BASIL readings run."""
    base = Pipeline.default() if pipeline is None else pipeline
    return base.without(*[n for n in LATER_STEPS if n in base])


def _masked(df):
    return [s[:a] + " TARGETX " + s[b:] for s, a, b in zip(df.sentence, df.start, df.end)]


def newsmtsc_table(split: str = "dev") -> tuple[str, dict[str, float]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    train = load_newsmtsc("train")
    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(
        tfidf.fit_transform(_masked(train)), train.label
    )
    model = Pipeline.default()["actor_sentiment"].model  # what the pipeline uses
    vader = SentimentIntensityAnalyzer()
    parts = (f"rw-{split}", f"mt-{split}")
    lines = [f"| method | {parts[0]} macro-F1 | {parts[1]} macro-F1 |", "|---|---|---|"]
    figs: dict[str, float] = {}
    for part in parts:
        d = load_newsmtsc(part)
        proba = model.predict_proba(list(zip(d.sentence, d.start, d.end)))
        preds = {
            "default": np.asarray(model.classes_)[np.argmax(proba, axis=1)],
            "no_training": [
                label_of(target_score(s, a, b))
                for s, a, b in zip(d.sentence, d.start, d.end)
            ],
            "tfidf_lr": lr.predict(tfidf.transform(_masked(d))),
            "vader": [label_of(vader.polarity_scores(s)["compound"], 0.05) for s in d.sentence],
        }
        for key, p in preds.items():
            name = f"newsmtsc_{part.replace('-', '_')}_{key}_macro_f1"
            figs.update(C.macro_f1_figures(name, list(d.label), list(p), list(d.sentence)))
            # the same figure as scikit-learn's, from the same counts
            assert abs(figs[name] - f1_score(d.label, p, average="macro")) < 1e-9
    for part in parts:  # the name of the pipeline default's figure
        src = f"newsmtsc_{part.replace('-', '_')}_default_macro_f1"
        dst = f"newsmtsc_{part.replace('-', '_')}_macro_f1_default"
        figs.update({dst + k[len(src):]: v for k, v in list(figs.items()) if k.startswith(src)})
    for key, label in METHODS.items():
        cells = [C.fmt(figs, f"newsmtsc_{part.replace('-', '_')}_{key}_macro_f1") for part in parts]
        lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    if split == "test":
        lines.append("| GRU-TSC, RoBERTa (Hamborg & Donnay 2021, published) | 0.831 | n/a here |")
    return "\n".join(lines), figs


def sample_table() -> tuple[str, dict[str, float]]:
    gold = {g["id"]: g for g in load_sample_gold()}
    lines = [
        "| sample (16 articles) | precision | recall | F1 | actor accuracy |",
        "|---|---|---|---|---|",
    ]
    figs: dict[str, float] = {}
    for use_table in (True, False):
        per_doc = []  # tp, predicted, gold, actor right
        for doc in load_sample():
            pred = find_mentions(doc, load_sample_actors(doc.story) if use_table else None)
            g = gold[doc.id]["mentions"]
            pairs = match_spans([m.span for m in pred], [tuple(m["span"]) for m in g])
            per_doc.append((len(pairs), len(pred), len(g), sum(pred[i].actor == g[j]["actor"] for i, j in pairs)))
        c = np.asarray(per_doc, dtype=float)
        key = "sample_mentions_" + ("actor_table" if use_table else "automatic")
        figs.update(C.prf_figures(key, c[:, :3]))
        figs.update(C.ratio_figures(f"{key}_actor_accuracy", c[:, [3, 0]]))
        name = "mentions, with the sample's actor table" if use_table else "mentions, automatic (no table)"
        lines.append(f"| {name} | " + " | ".join(
            C.fmt(figs, f"{key}_{m}") for m in ("precision", "recall", "f1", "actor_accuracy")) + " |")
    # sentiment toward actors per sentence, on gold (sentence, actor) pairs
    model = ActorSentimentClassifier.pretrained()
    # "no_training": the target-aware lexicon scorer; "model": the shipped model, the
    # pipeline's default (the names of the NewsMTSC table's rows, where "default" is the model)
    rows = {"no_training": ([], [], []), "model": ([], [], [])}
    covered = total = 0
    for doc in load_sample():
        annotate(doc, actors=load_sample_actors(doc.story))
        for name, mdl in (("no_training", None), ("model", model)):
            pred = {(tuple(a.sentence), a.actor): a.label for a in sentence_sentiment(doc, model=mdl)}
            for a in gold[doc.id]["actor_sentiment"]:
                key = (tuple(a["sentence"]), a["actor"])
                if name == "no_training":
                    total += 1
                    covered += key in pred
                if key in pred:
                    rows[name][0].append(a["label"])
                    rows[name][1].append(pred[key])
                    rows[name][2].append(doc.id)
    lines.append("")
    lines.append(f"Actor sentiment on the sample's gold (sentence, actor) pairs: {covered} of {total} "
                 "pairs produced by the pipeline.")
    lines.append("")
    lines.append("| sample actor sentiment | macro-F1 on produced pairs |")
    lines.append("|---|---|")
    figs["sample_sentiment_pairs_produced"] = covered
    figs["sample_sentiment_pairs_gold"] = total
    for name, (g, p, docs) in rows.items():
        key = f"sample_sentiment_{name}_macro_f1"
        figs.update(C.macro_f1_figures(key, g, p, docs))
        assert abs(figs[key] - f1_score(g, p, average="macro")) < 1e-9
        label = {"no_training": "no training", "model": "model (the pipeline's default)"}[name]
        lines.append(f"| {label} | {C.fmt(figs, key)} |")
    return "\n".join(lines), figs


def basil_actor_table(targets) -> dict[str, list[str]]:
    """The actor table of one BASIL event: each target (case variants merged, "Trump" into
    "Donald Trump") with its surname as an alias when it looks like a person's name."""
    from framing.extract.actors.gazetteer import ORG_WORDS

    names: dict[str, str] = {}
    for t in sorted(set(targets), key=lambda x: (-len(x), x)):
        names.setdefault(t.lower(), t)
    table: dict[str, list[str]] = {}
    for t in names.values():
        words = t.split()
        aliases = [t]
        person = 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) \
            and not {w.lower() for w in words} & ORG_WORDS
        if person and words[-1].lower() not in names:
            aliases.append(words[-1])
        table[t] = aliases
    return table


def basil_canonical(table: dict[str, list[str]]) -> dict[str, str]:
    """Lower-cased target or alias -> canonical name of the table."""
    out = {}
    for name, aliases in table.items():
        for a in aliases:
            out.setdefault(a.lower(), name)
    return out


def basil_documents(split: str, pipeline):
    """Each BASIL article of a part with its analysis: yields ``(row, doc, canonical)``, where
    ``row`` is the article's row of :func:`framing.datasets.load_basil` (its text, gold spans
    and sentence bounds), ``doc`` the article analysed by ``pipeline`` with the actor table of
    its event (:func:`basil_actor_table` over the event's gold targets) and ``canonical`` the
    lower-cased gold target name -> actor name of that table. ``split="test"`` reads events
    80-99, anything else events 0-79."""
    import framing
    from framing.datasets import load_basil

    df = load_basil()
    df = df[df.split == ("test" if split == "test" else "train")]
    for _event, rows in df.groupby("event"):
        targets = [sp["target"] for r in rows.itertuples() for sp in r.spans if sp["target"]]
        table = basil_actor_table(targets)
        canon = basil_canonical(table)
        for r in rows.itertuples():
            yield r, framing.analyze(r.text, actors=table, pipeline=pipeline), canon


def basil_table(split: str = "dev", model=None) -> tuple[str, dict[str, float]]:
    """BASIL target coverage and polarity agreement (see the module docstring), with the
    pipeline's default actor sentiment model or ``model`` (scripts/train_actor_sentiment.py
    ``--basil`` scores a model fitted on NewsMTSC train alone on events 0-79 this way)."""
    pipeline = without_later_steps()
    if model is not None:
        pipeline = pipeline.replace("actor_sentiment", model)
    per_doc = []  # covered, spans, agree, non-neutral covered
    per_target: dict[str, list[int]] = {}
    per_group: dict[str, list[int]] = {}  # agreeing, non-neutral rows
    for r, doc, canon in basil_documents(split, pipeline):
        rows_by_actor: dict[str, list] = {}
        for a in doc.actor_sentiment:
            rows_by_actor.setdefault(a.actor, []).append(a)
        c = [0, 0, 0, 0]
        for sp in r.spans:
            if not sp["target"]:
                continue
            target = canon.get(sp["target"].lower(), sp["target"])
            s0, s1 = r.sentences[sp["sentence_index"]]
            hits = [a for a in rows_by_actor.get(target, [])
                    if a.sentence.start < s1 and a.sentence.end > s0]
            c[1] += 1
            stats = per_target.setdefault(target, [0, 0])
            stats[1] += 1
            if not hits:
                continue
            c[0] += 1
            stats[0] += 1
            row = next((a for a in hits if a.sentence.start <= sp["start"] < a.sentence.end), hits[0])
            if row.label != "neutral":
                c[3] += 1
                c[2] += row.label[:3] == sp["polarity"]
                # the row's model input is the actor's first mention in the sentence
                via = next((m.via for m in doc.mentions if m.actor == target
                            and row.sentence.start <= m.span.start < row.sentence.end), "?")
                for group in (f"first mention via {via}", f"BASIL aim {sp['aim']}"):
                    g = per_group.setdefault(group, [0, 0])
                    g[0] += row.label[:3] == sp["polarity"]
                    g[1] += 1
        per_doc.append(c)
    counts = np.asarray(per_doc, dtype=float)
    figs: dict[str, float] = {}
    figs.update(C.ratio_figures("basil_target_coverage", counts[:, [0, 1]]))
    figs.update(C.ratio_figures("basil_polarity_agreement", counts[:, [2, 3]]))
    figs["basil_gold_target_spans"] = float(counts[:, 1].sum())
    figs["basil_covered_spans"] = float(counts[:, 0].sum())
    figs["basil_covered_not_neutral"] = float(counts[:, 3].sum())
    part = "events 80-99 (test)" if split == "test" else "events 0-79 (train part)"
    lines = [f"BASIL {part}, {len(per_doc)} articles, {int(counts[:, 1].sum())} gold target spans.", "",
             "| measure | value |", "|---|---|",
             f"| target coverage (a per-actor row for the target in the span's sentence) | "
             f"{C.fmt(figs, 'basil_target_coverage')} |",
             f"| polarity agreement (covered spans with a non-neutral row: "
             f"{int(counts[:, 3].sum())}) | {C.fmt(figs, 'basil_polarity_agreement')} |", "",
             "| non-neutral rows by | agreement | rows |", "|---|---|---|"]
    for group, (right, n) in sorted(per_group.items()):
        lines.append(f"| {group} | {right / n:.3f} | {n} |")
        figs[f"basil_polarity_agreement_{group.replace(' ', '_')}"] = right / n
        figs[f"basil_not_neutral_{group.replace(' ', '_')}"] = float(n)
    lines += ["", "| target (10 most annotated) | gold spans | covered |", "|---|---|---|"]
    for target, (cov, n) in sorted(per_target.items(), key=lambda kv: -kv[1][1])[:10]:
        lines.append(f"| {target} | {n} | {cov / n:.2f} |")
    return "\n".join(lines), figs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    C.add_arguments(ap, "NewsMTSC rw-/mt-dev or rw-/mt-test")
    ap.add_argument("--sample-only", action="store_true",
                    help="only the bundled sample's tables: read no NewsMTSC or BASIL split")
    ap.add_argument("--basil-only", action="store_true",
                    help="only the BASIL coverage section (events 0-79 with --split dev, 80-99 with test)")
    args = ap.parse_args(argv)
    figs: dict[str, float] = {}
    if args.basil_only:
        tab, f = basil_table(args.split)
        print(f"## BASIL target coverage\n\n{tab}\n\n{C.INTERVAL_NOTE}")
        C.finish(args, "evaluation/actors.py", f, argv if argv is not None else sys.argv[1:])
        return 0
    if not args.sample_only:
        print(f"## NewsMTSC {args.split} splits\n")
        tab, f = newsmtsc_table(args.split)
        print(tab)
        figs.update(f)
    print("\n## Bundled sample\n")
    tab, f = sample_table()
    print(tab)
    figs.update(f)
    if not args.sample_only:
        print("\n## BASIL target coverage\n")
        tab, f = basil_table(args.split)
        print(tab)
        figs.update(f)
    print("\n" + C.INTERVAL_NOTE + " (NewsMTSC: sentences)")
    C.finish(args, "evaluation/actors.py", figs, argv if argv is not None else sys.argv[1:],
             read_test=args.split == "test" and not args.sample_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
