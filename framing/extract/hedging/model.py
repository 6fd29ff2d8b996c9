"""The optional classifier over hedge candidates (``framing/data/models/hedging.json``):
its feature templates (:func:`candidate_features`, what ``scripts/train_hedging.py`` trains on)
and the acceptance test."""

from __future__ import annotations

from functools import lru_cache

from framing.resources import model_exists, load_model
from framing.extract.hedging.lexicon import LexiconEntry
from framing.extract.hedging.words import _NEGATION


# The classifier over hedge candidates (opt-in: ``extract_hedges(..., classifier=True)``) --
# A lexicon match that its rule accepts is a candidate; a logistic regression stored as a
# feature -> weight table (``framing/data/models/hedging.json``, written by
# ``scripts/train_hedging.py`` from the Szeged wiki part) accepts or rejects it. Rule
# rejections stay final (they carry the guidelines' decisions: "May" the month, "could not
# be reached", reported-future and deontic readings). The modals (may, might, could, would)
# and the fixed phrases are decided by their rules alone: the guidelines list them as hedges
# in their epistemic readings, while Szeged types hypothetical "would" as a condition cue
# and leaves most Wikipedia "could" unmarked, so a model trained there would overrule the
# guidelines (it rejected "the battle could drag on for years").

_QUOTES = frozenset('" “ ” ``'.split()) | {"''"}


@lru_cache(maxsize=1)
def hedging_model() -> tuple[dict[str, float], float, float, float] | None:
    """(weights, bias, threshold, threshold for the words the guidelines name) of the
    candidate classifier; plain JSON, so loading runs no code."""
    if not model_exists("hedging.json"):
        return None
    m = load_model("hedging.json")
    return (dict(m["weights"]), float(m["bias"]), float(m["threshold"]),
            float(m["threshold_guideline_named"]))


def _stem(w: str) -> str:
    for suf in ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def candidate_features(words, tags, raw, i: int, j: int, entry: LexiconEntry) -> list[str]:
    """Context features of the candidate ``words[i:j]`` (the names the model's weights use)."""
    n = len(words)
    cue = " ".join(entry.words)
    w1 = words[i - 1] if i > 0 else "<s>"
    w2 = words[i - 2] if i > 1 else "<s>"
    t1 = tags[i - 1] if i > 0 else "<s>"
    t2 = tags[i - 2] if i > 1 else "<s>"
    n1 = words[j] if j < n else "</s>"
    n2 = words[j + 1] if j + 1 < n else "</s>"
    u1 = tags[j] if j < n else "</s>"
    u2 = tags[j + 1] if j + 1 < n else "</s>"
    quoted = sum(words[k] in _QUOTES for k in range(i)) % 2 == 1
    neg = any(words[k] in _NEGATION or words[k] == "no" for k in range(max(0, i - 3), i))
    pos = "first" if i == 0 else ("last" if j >= n - 1 else ("early" if i < n / 3 else "late"))
    return [
        "bias_cue=" + cue, "stem=" + _stem(words[i]), "rule=" + (entry.rule or "-"),
        "sub=" + entry.subtype, "tag=" + tags[i], "cap=" + str(raw[i][:1].isupper()),
        "w-1=" + w1, "w-2=" + w2, "t-1=" + t1, "t-2=" + t2, "t-2t-1=" + t2 + "_" + t1,
        "w+1=" + n1, "w+2=" + n2, "t+1=" + u1, "t+2=" + u2, "t+1t+2=" + u1 + "_" + u2,
        "cue|w-1=" + cue + "|" + w1, "cue|w+1=" + cue + "|" + n1,
        "cue|t-1=" + cue + "|" + t1, "cue|t+1=" + cue + "|" + u1, "cue|tag=" + cue + "|" + tags[i],
        "pos=" + pos, "quoted=" + str(quoted), "neg=" + str(neg),
        "len=" + str(min(j - i, 3)), "if=" + str("if" in words),
    ]


# The hedges the guidelines name (section 2), decided by their rules alone.
GUIDELINE_NAMED = frozenset(
    """appear appears appeared appearing seem seems seemed seeming suggest suggests suggested
    suggesting indicate indicates indicated indicating believe believes believed believing
    suspect suspects suspected estimate estimates estimated possibly probably perhaps likely
    unlikely apparently reportedly allegedly seemingly presumably possible potential unclear
    uncertain alleged unconfirmed possibility speculation likelihood""".split()
)


def is_classified(entry: LexiconEntry) -> bool:
    """Whether the classifier decides this entry's candidates (else its rule alone): single
    hedge words beyond the modals."""
    return entry.category == "hedge" and len(entry.words) == 1 and entry.subtype != "epistemic_modal"


def _accept(model, words, tags, raw, i: int, j: int, entry: LexiconEntry) -> bool:
    weights, bias, threshold, threshold_named = model
    score = bias
    for f in candidate_features(words, tags, raw, i, j, entry):
        score += weights.get(f, 0.0)
    return score >= (threshold_named if entry.words[0] in GUIDELINE_NAMED else threshold)
