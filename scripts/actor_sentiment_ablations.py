"""The variants of the actor-sentiment model tried for issue 12's BASIL polarity floor and
left out (docs/actors.md, "2026-12-03: class weights and rules").

Each variant is a model fitted on NewsMTSC train alone (no class weights, C=1, as shipped
unless the variant says otherwise), scored by macro-F1 on rw-dev and mt-dev and by polarity
agreement on BASIL events 0-79 (the same covered rows as ``evaluation/actors.py --basil-only``:
the pipeline is run once with the shipped model and each row's model input is kept, so a
variant re-scores the same rows). Feature variants patch this module's copy of the feature
functions for the length of one fit; nothing here changes the package. Reads no test split.

Usage (from the repository root)::

    FRAMING_DATA=../shared/data python scripts/actor_sentiment_ablations.py
"""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

import framing.models._actor_sentiment as M
from framing.datasets import load_newsmtsc
from framing.extract.actors import label_of, target_score
from framing.models import ActorSentimentClassifier

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evaluation"))
from actors import basil_documents, without_later_steps  # noqa: E402


def basil_rows() -> list[dict]:
    """Events 0-79: per covered gold span, the gold polarity and the model input of each
    mention of the target in the row's sentence (first mention first) with its link."""
    shipped = ActorSentimentClassifier.pretrained()

    class Keep:  # passes the rows to the shipped model and keeps them
        accepts_evidence = True
        classes_ = shipped.classes_
        last: list = []

        def predict_proba(self, X):
            Keep.last = list(X)
            return shipped.predict_proba(X)

    pipeline = without_later_steps().replace("actor_sentiment", Keep())
    out = []
    for r, doc, canon in basil_documents("dev", pipeline):  # events 0-79
        for sp in r.spans:
            if not sp["target"]:
                continue
            target = canon.get(sp["target"].lower(), sp["target"])
            s0, s1 = r.sentences[sp["sentence_index"]]
            hits = [i for i, a in enumerate(doc.actor_sentiment)
                    if a.actor == target and a.sentence.start < s1 and a.sentence.end > s0]
            if not hits:  # (then Keep.last may hold an earlier article's rows: not read)
                continue
            i = next((i for i in hits if doc.actor_sentiment[i].sentence.start <= sp["start"]
                      < doc.actor_sentiment[i].sentence.end), hits[0])
            sent = doc.actor_sentiment[i].sentence
            evidence = Keep.last[i][0]
            mentions = [(evidence, m.span.start - sent.start, m.span.end - sent.start, m.via)
                        for m in doc.mentions if m.actor == target and sent.start <= m.span.start < sent.end]
            out.append({"gold": sp["polarity"], "mentions": mentions})
    return out


def agreement(rows: list[dict], labels) -> tuple[float, int]:
    """Share of non-neutral rows with the gold polarity, and their number."""
    pairs = [(r["gold"], lab) for r, lab in zip(rows, labels) if lab != "neutral"]
    return sum(g == lab[:3] for g, lab in pairs) / len(pairs), len(pairs)


def first_rows(rows):
    return [r["mentions"][0][:3] for r in rows]


@contextlib.contextmanager
def patched(name: str, value):
    old = getattr(M, name)
    setattr(M, name, value)
    try:
        yield
    finally:
        setattr(M, name, old)


def _facts_without_sentence_words(orig):
    def init(self, *args):
        orig(self, *args)
        self.shared = Counter()
    return init


def _scaled_numeric(orig, k):
    def features(f, ti, tj, window):
        feats, num = orig(f, ti, tj, window)
        return feats, [x * k for x in num]
    return features


def _with_pronoun_feature(orig):
    def features(f, ti, tj, window):
        feats, num = orig(f, ti, tj, window)
        if f.tags[ti] in {"PRP", "PRP$"}:
            feats["target_pronoun=" + f.tags[ti]] = 1.0
        return feats, num
    return features


def _intensifying(orig):
    """Column priors where a positive adjective before a negative noun (through nouns,
    adjectives, determiners, "of", up to 4 tokens) takes the noun's sign."""
    def priors(words, tags):
        pri = list(orig(words, tags))
        for k, p in enumerate(pri):
            if p > 0 and tags[k] in {"JJ", "JJR", "JJS"}:
                for j in range(k + 1, min(len(pri), k + 5)):
                    if tags[j] in {"NN", "NNS"} and pri[j] < 0:
                        pri[k] = -p
                        break
                    if tags[j] not in {"NN", "NNS", "JJ", "JJR", "JJS", "DT", "IN", "CC", ","}:
                        break
        return pri
    return priors


def main() -> None:
    train = load_newsmtsc("train")
    dev = {s: load_newsmtsc(s) for s in ("rw-dev", "mt-dev")}
    rows = basil_rows()
    print(f"BASIL events 0-79: {len(rows)} covered spans")

    def run(name, params=None, patch=None):
        with patch if patch is not None else contextlib.nullcontext():
            clf = ActorSentimentClassifier(**{"class_weight": None, **(params or {})}).fit(train, train["label"])
            f1 = [f1_score(d["label"], clf.predict(d), average="macro") for d in dev.values()]
            agree, n = agreement(rows, clf.predict(first_rows(rows)))
        print(f"| {name} | {f1[0]:.3f} | {f1[1]:.3f} | {agree:.3f} ({n}) |", flush=True)
        return clf

    print("| variant (fitted on train) | rw-dev | mt-dev | BASIL 0-79 agreement (non-neutral rows) |")
    print("|---|---|---|---|")
    run("balanced class weights (2026-12-02)", {"class_weight": "balanced"})
    clf = run("no class weights (shipped configuration)")
    run("window 6", {"window": 6})
    run("min_df 3", {"min_df": 3})
    run("C=0.5", {"C": 0.5})
    run("C=2", {"C": 2.0})
    run("a feature for a pronoun target", patch=patched("_features", _with_pronoun_feature(M._features)))
    for k in (0.5, 2.0, 4.0):
        run(f"numeric features times {k}", patch=patched("_features", _scaled_numeric(M._features, k)))
    run("no sentence words", patch=patched("_Facts", type("F", (M._Facts,), {
        "__init__": _facts_without_sentence_words(M._Facts.__init__)})))
    run("positive adjective before a negative noun as its intensifier",
        patch=patched("column_priors", _intensifying(M.column_priors)))

    # the shipped configuration's other readings of the same rows
    classes = list(clf.classes_)
    z = [clf.decision_function([m[:3] for m in r["mentions"]]) for r in rows]
    print("\n| reading of the rows (no class weights, fitted on train) | BASIL 0-79 agreement |")
    print("|---|---|")
    for name, pick in (("first mention (shipped)", lambda zz, r: zz[0]),
                       ("mean of every mention's scores", lambda zz, r: zz.mean(axis=0)),
                       ("first named mention, else the first",
                        lambda zz, r: zz[next((k for k, m in enumerate(r["mentions"]) if m[3] != "pronoun"), 0)])):
        labels = [classes[int(np.argmax(pick(zz, r)))] for zz, r in zip(z, rows)]
        agree, n = agreement(rows, labels)
        print(f"| {name} | {agree:.3f} ({n}) |")
    nt = [target_score(m[0].text, m[1], m[2]) for m in first_rows(rows)]
    agree, n = agreement(rows, [label_of(x) for x in nt])
    print(f"| no-training scorer alone | {agree:.3f} ({n}) |")
    for w in (1.0, 2.0, 4.0):
        proba = clf.predict_proba(first_rows(rows))
        logit = np.log(proba)
        logit[:, classes.index("negative")] -= w * np.asarray(nt)
        logit[:, classes.index("positive")] += w * np.asarray(nt)
        agree, n = agreement(rows, [classes[int(k)] for k in logit.argmax(axis=1)])
        print(f"| model log-probabilities + {w:g} x the no-training score | {agree:.3f} ({n}) |")

    # overrides for strong evidence: the label the evidence implies wherever it fires
    ix = {n: i for i, n in enumerate(M.NUMERIC)}
    rules = {
        "agent of a verb of prior <= -0.5: negative": lambda f, x: x[ix["num__agent_action"]] <= -0.5 and "negative",
        "agent of a verb of prior >= 0.5: positive": lambda f, x: x[ix["num__agent_action"]] >= 0.5 and "positive",
        "patient of verbs of prior <= -0.5: negative": lambda f, x: x[ix["num__patient_action"]] <= -0.5 and "negative",
        "attached evaluation <= -0.5: negative": lambda f, x: x[ix["num__attached"]] <= -0.5 and "negative",
        "attached evaluation >= 0.5: positive": lambda f, x: x[ix["num__attached"]] >= 0.5 and "positive",
        "own contrast side <= -0.5: negative": lambda f, x: any(k.startswith("contrast=") for k in f)
        and x[ix["num__contrast_own"]] <= -0.5 and "negative",
        "own contrast side >= 0.5: positive": lambda f, x: any(k.startswith("contrast=") for k in f)
        and x[ix["num__contrast_own"]] >= 0.5 and "positive",
    }
    data = {"BASIL": first_rows(rows), **{k: list(zip(d.sentence, d.start, d.end)) for k, d in dev.items()}}
    base = {k: list(clf.predict(r)) for k, r in data.items()}
    own = {k: clf._facts(clf._rows(r))[2] for k, r in data.items()}
    print("\n| override (on the shipped configuration fitted on train) | fires on BASIL rows | BASIL 0-79 agreement "
          "| rw-dev | mt-dev |")
    print("|---|---|---|---|---|")
    for name, rule in rules.items():
        labels = {k: [rule(f, x) or lab for (f, x), lab in zip(own[k], base[k])] for k in data}
        fired = sum(bool(rule(f, x)) for f, x in own["BASIL"])
        agree, n = agreement(rows, labels["BASIL"])
        f1 = [f1_score(d["label"], labels[k], average="macro") for k, d in dev.items()]
        print(f"| {name} | {fired} | {agree:.3f} ({n}) | {f1[0]:.3f} | {f1[1]:.3f} |")


if __name__ == "__main__":
    main()
