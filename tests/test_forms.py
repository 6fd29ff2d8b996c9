"""framing.text.forms.straight_lowers and the word forms the hedging, evaluative and
persuasion steps read from it: the same forms as their per-word definitions."""

from __future__ import annotations

import pytest

from framing.datasets import load_sample
from framing.text.forms import straight_lower
from framing.extract.hedging.matching import sentence_words
from framing.text.forms import straight_lowers
from framing.text.parse import parse

# Curly and straight apostrophes and quotation marks, upper case contractions, "n't" as
# written either way, and a sentence with none of them.
TEXTS = [
    "I don’t know. We can't say. They WON’T go, and she DOESN'T either.",
    "It’s ‘odd’, he said: “they’ve gone” and 'we’re next'.",
    "The Minister SAID it. Nothing curly here.",
    "‘Quoted’ alone. Ends with n’t? N'T! İstanbul’s streets.",
]


def _sentences():
    texts = TEXTS + [d.text for d in load_sample()]
    return [s for t in texts for s in parse(t)]


def _hedging_form(word: str) -> str:  # the per-word definition before the helper
    w = word.lower()
    return "not" if w == "n't" else w.replace("’", "'")


@pytest.mark.parametrize("marks", ["’", "’‘"])
def test_straight_lowers_is_the_per_word_form(marks):
    for s in _sentences():
        expected = []
        for w in s.columns()[2]:
            low = w.lower()
            for m in marks:
                low = low.replace(m, "'")
            expected.append(low)
        assert list(straight_lowers(s, marks)) == expected, s.text


def test_a_sentence_without_marks_gives_its_lowers():
    s = parse("The Minister SAID it.")[0]
    assert straight_lowers(s) is s.lowers()
    assert straight_lowers(s, "’‘") is s.lowers()


def test_the_forms_of_each_step():
    for s in _sentences():
        words = s.columns()[2]
        assert list(straight_lowers(s, "’‘")) == [straight_lower(w) for w in words]  # evaluative
        assert list(straight_lowers(s)) == [w.lower().replace("’", "'") for w in words]  # persuasion
        forms, tags, raw = sentence_words(s)  # hedging
        assert forms == [_hedging_form(w) for w in words]
        assert tags == list(s.columns()[3]) and raw == list(words)


def test_hedging_reads_straight_nt_as_not():
    forms = sentence_words(parse("We can't say and they Don't know; it isn’t clear.")[0])[0]
    assert forms == ["we", "ca", "not", "say", "and", "they", "do", "not", "know", ";", "it",
                     "is", "n't", "clear", "."]
