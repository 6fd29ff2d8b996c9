"""The Szeged Uncertainty Corpus loader, and the hedging floors on its development part."""

from __future__ import annotations

import pytest

from framing.datasets import load_szeged_uncertainty
from framing.extract.hedging import extract_hedges
from framing.scoring import PRF, span_prf
from tests.conftest import requires_data, shared_data


def test_missing_corpus_says_where(tmp_path):
    with pytest.raises(OSError, match="szeged_uncertainty"):
        load_szeged_uncertainty("wiki", data_home=tmp_path)


def test_unknown_subcorpus():
    with pytest.raises(ValueError, match="subcorpus must be one of"):
        load_szeged_uncertainty("twitter", data_home="/nonexistent")


@requires_data("szeged_uncertainty")
def test_layout_and_offsets():
    df = load_szeged_uncertainty("news", data_home=shared_data())
    assert len(df) == 3129 and df["uncertain"].sum() == 554  # counts of the corpus card
    for text, cues in zip(df["text"], df["cues"]):
        for c in cues:
            assert text[c["start"]:c["end"]] == c["text"]
    kinds = {c["type"] for cues in df["cues"] for c in cues}
    assert kinds == {"epistemic", "doxastic", "investigation", "condition"}
    assert df["hedge_cues"].map(len).sum() == 506


def _wiki_slice_scores(classifier: bool) -> tuple[PRF, PRF]:
    df = load_szeged_uncertainty("wiki", data_home=shared_data()).iloc[:6000]
    cue, sent = PRF(), PRF()
    for text, gold in zip(df["text"], df["hedge_cues"]):
        pred = [c.span for c in extract_hedges(text, categories=["hedge"], classifier=classifier)]
        cue += span_prf(pred, gold)
        sent += PRF(int(bool(pred) and bool(gold)), int(bool(pred)), int(bool(gold)))
    return cue, sent


@requires_data("szeged_uncertainty")
def test_wiki_floor():
    """Development part (WikiWeasel): hedge cue F1 and sentence F1 floors on a fixed slice
    (first 6,000 sentences). The rules measure 0.805 / 0.847 on the slice, 0.806 / 0.841
    on the whole part (docs/hedging.md; evaluation/hedging_errors.py gives the dev split)."""
    cue, sent = _wiki_slice_scores(classifier=False)
    assert cue.f1 >= 0.80, cue.as_dict()
    assert sent.f1 >= 0.84, sent.as_dict()


@requires_data("szeged_uncertainty")
def test_wiki_floor_with_classifier():
    """The opt-in candidate classifier measures 0.876 / 0.909 on the slice (its weights were
    trained on the whole wiki part, slice included), so this is a training-data regression
    floor, not an accuracy estimate (docs/hedging.md)."""
    cue, sent = _wiki_slice_scores(classifier=True)
    assert cue.f1 >= 0.87, cue.as_dict()
    assert sent.f1 >= 0.90, sent.as_dict()
