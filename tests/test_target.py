"""The target-aware context of a sentence's tokens (target_context, computed from the
sentence's columns by column_facts and column_context): golden facts on a few sentences."""

from __future__ import annotations

import pytest

from framing.extract.actors.target import (
    column_context,
    column_facts,
    column_priors,
    target_context,
    token_priors,
)
from framing.text import parse

SENTENCES = [
    "Critics did not praise Mayor Dana Whitfield, who never lied, but her rivals slammed her.",
    "Russia's brutal invasion was condemned by the West; Kyiv said the attack was a disaster.",
    "Smith praised Jones for her brave work, although nobody thanked him.",
    "It rained.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_target_context_of_tokens_is_the_column_context(text):
    for sent in parse(text):
        toks = sent.tokens
        _, _, words, tags = sent.columns()
        lowers = [w.lower() for w in words]
        facts = column_facts(words, tags, lowers)
        assert column_priors(words, tags) == token_priors(toks)
        for i in range(len(toks)):
            for j in range(i, min(i + 3, len(toks))):
                ctx = target_context(toks, i, j)
                assert column_context(words, tags, lowers, i, j, facts) == (
                    ctx.weighted, ctx.negated, ctx.score, ctx.subject_verb, ctx.object_verb, ctx.reports, ctx.clause)


def test_target_context_golden_facts():
    """Who praises and who is praised, slammed or thanked; clause bounds; negation; a
    sentence without evaluative words."""
    first, = parse(SENTENCES[2])  # Smith praised Jones for her brave work, although nobody thanked him.
    toks = first.tokens
    smith, jones, him = target_context(toks, 0, 0), target_context(toks, 2, 2), target_context(toks, 11, 11)
    assert (smith.subject_verb, smith.object_verb) == ("praise", None)
    assert jones.object_verb == "praise" and jones.score > 0.3 and jones.clause == (0, 6)
    assert him.object_verb == "thank" and him.clause == (9, 12) and 10 in him.negated  # "nobody thanked"
    slammed = target_context(parse(SENTENCES[0])[0].tokens, 16, 16)  # "her rivals slammed her"
    assert slammed.object_verb == "slam" and slammed.score < -0.3
    russia = parse(SENTENCES[1])[0].tokens  # Russia's brutal invasion was condemned by the West; Kyiv said ...
    assert target_context(russia, 0, 0).score < -0.3 and target_context(russia, 10, 10).clause == (10, 17)
    rained = target_context(parse(SENTENCES[3])[0].tokens, 0, 0)
    assert (rained.weighted, rained.score) == ([], 0.0)


def test_column_facts_marks_negation_and_clause_breaks():
    words = ["Critics", "did", "not", "praise", "Smith", ",", "but", "sadly"]
    tags = ["NNS", "VBD", "RB", "VB", "NNP", ",", "CC", "RB"]
    priors, breaks = column_facts(words, tags, [w.lower() for w in words])
    assert [(k, under) for k, _, under in priors if k == 3] == [(3, True)]  # "not praise"
    assert breaks == (5, 6)
