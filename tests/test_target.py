"""The column form of the target-aware context (column_facts, column_context) equals the
Token form (_sentence_facts, target_context), field for field, for every target of a few sentences."""

from __future__ import annotations

import pytest

from framing.extract.actors.target import (
    _sentence_facts,
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
def test_column_context_equals_target_context(text):
    for sent in parse(text):
        toks = sent.tokens
        _, _, words, tags = sent.columns()
        lowers = [w.lower() for w in words]
        facts = column_facts(words, tags, lowers)
        assert facts == _sentence_facts(tuple(toks))
        assert column_priors(words, tags) == token_priors(toks)
        for i in range(len(toks)):
            for j in range(i, min(i + 3, len(toks))):
                ctx = target_context(toks, i, j)
                assert column_context(words, tags, lowers, i, j, facts) == (
                    ctx.weighted, ctx.negated, ctx.score, ctx.subject_verb, ctx.object_verb, ctx.reports, ctx.clause)


def test_column_facts_marks_negation_and_clause_breaks():
    words = ["Critics", "did", "not", "praise", "Smith", ",", "but", "sadly"]
    tags = ["NNS", "VBD", "RB", "VB", "NNP", ",", "CC", "RB"]
    priors, breaks = column_facts(words, tags, [w.lower() for w in words])
    assert [(k, under) for k, _, under in priors if k == 3] == [(3, True)]  # "not praise"
    assert breaks == (5, 6)
