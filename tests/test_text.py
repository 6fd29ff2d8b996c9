"""The text layer: golden sentences and tokens, offset invariants, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.records import Span
from framing.text import paragraphs, parse, split_sentences, tokenize
from framing.text.chunk import _CHUNK_WINDOW


def sents(text: str, skip=()) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, skip)]


def toks(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


# -- golden sentences -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations and initialisms
        (
            "Mr. Lavrov met U.S. officials on Feb. 2 in Moscow. They talked for hours.",
            ["Mr. Lavrov met U.S. officials on Feb. 2 in Moscow.", "They talked for hours."],
        ),
        (
            "The talks were held in the U.S. The ministry said nothing.",
            ["The talks were held in the U.S.", "The ministry said nothing."],
        ),
        (
            "Dr. Smith and Gen. Jones of Acme Inc. arrived. Sen. Brown left.",
            ["Dr. Smith and Gen. Jones of Acme Inc. arrived.", "Sen. Brown left."],
        ),
        # quotations that span several sentences stay split at their sentence ends
        (
            '"We came to talk. They did not," Melnychuk said. Talks ended.',
            ['"We came to talk.', 'They did not," Melnychuk said.', "Talks ended."],
        ),
        (
            "“We came to talk. They did not,” Melnychuk said. Talks ended.",
            ["“We came to talk.", "They did not,” Melnychuk said.", "Talks ended."],
        ),
        # closing quotes and brackets stay with their sentence
        (
            'He called it "a trap." Kyiv agreed. (The talks resume in May.) Nobody came.',
            ['He called it "a trap."', "Kyiv agreed.", "(The talks resume in May.)", "Nobody came."],
        ),
        (
            "Is it over? “No!” she said… Then silence.",
            ["Is it over?", "“No!” she said…", "Then silence."],
        ),
        # a headline without final punctuation ends at its line
        (
            "Kremlin Stalls Geneva Talks\nRussia's negotiators walked out on Thursday.",
            ["Kremlin Stalls Geneva Talks", "Russia's negotiators walked out on Thursday."],
        ),
        # an ordinary wrapped line does not end a sentence
        (
            "Russia's negotiators walked out of the talks\non Thursday without a deal.",
            ["Russia's negotiators walked out of the talks\non Thursday without a deal."],
        ),
        # paragraphs always end a sentence, with or without punctuation
        (
            "First paragraph without a stop\n\nSecond paragraph. It has two sentences.",
            ["First paragraph without a stop", "Second paragraph.", "It has two sentences."],
        ),
        # numbers and lower-case continuations do not end a sentence
        (
            "Prices rose 3.5 percent to $4.20 a gallon. The rise was small.",
            ["Prices rose 3.5 percent to $4.20 a gallon.", "The rise was small."],
        ),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_golden_sentences(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a single-letter middle or first initial does not end a sentence (issue 12)
        (
            "Donald J. Trump said the talks were over. Gov. Andrew M. Cuomo agreed.",
            ["Donald J. Trump said the talks were over.", "Gov. Andrew M. Cuomo agreed."],
        ),
        (
            "Former President George W. Bush and his father, George H. W. Bush, met in Texas.",
            ["Former President George W. Bush and his father, George H. W. Bush, met in Texas."],
        ),
        (
            "J. Edgar Hoover ran the bureau for decades. He died in 1972.",
            ["J. Edgar Hoover ran the bureau for decades.", "He died in 1972."],
        ),
        ("The seat went to J. Smith in 1999.", ["The seat went to J. Smith in 1999."]),
        (
            'Robert S. Mueller III was named, according to "R. Smith" of the (D. C.) bureau.',
            ['Robert S. Mueller III was named, according to "R. Smith" of the (D. C.) bureau.'],
        ),
        # ... but a letter does end one before a typical sentence opener, after a noun the
        # letter labels, before a closing quote, and when glued to a word (negative cases)
        (
            "The minister backed Plan B. The next day he quit.",
            ["The minister backed Plan B.", "The next day he quit."],
        ),
        (
            "Officials drafted Plan B. Trump rejected it within hours.",
            ["Officials drafted Plan B.", "Trump rejected it within hours."],
        ),
        (
            "Two of the patients had hepatitis C. Doctors said both would recover.",
            ["Two of the patients had hepatitis C.", "Doctors said both would recover."],
        ),
        (
            'Aides called it "Plan B." Trump said no.',
            ['Aides called it "Plan B."', "Trump said no."],
        ),
        (
            "The deal was signed by AT&T. Verizon declined to comment.",
            ["The deal was signed by AT&T.", "Verizon declined to comment."],
        ),
        # name and company suffixes and street types end a sentence before a typical opener
        # only; titles never do
        (
            "The speech was given by Martin Luther King Jr. The crowd cheered.",
            ["The speech was given by Martin Luther King Jr.", "The crowd cheered."],
        ),
        (
            "Martin Luther King Jr. spoke in Memphis. Martin Luther King Jr. Day is a holiday.",
            ["Martin Luther King Jr. spoke in Memphis.", "Martin Luther King Jr. Day is a holiday."],
        ),
        (
            "Police closed Main St. The street reopened at noon. St. Louis officials agreed.",
            ["Police closed Main St.", "The street reopened at noon.", "St. Louis officials agreed."],
        ),
        (
            "The drug was made by Corvane Inc. The company recalled it. Corvane Inc. Shares fell.",
            ["The drug was made by Corvane Inc.", "The company recalled it.",
             "Corvane Inc. Shares fell."],
        ),
        (
            "Sen. Lindsey Graham and Rep. Adam Schiff met Gov. Gavin Newsom. Sr. Maria Lopez left.",
            ["Sen. Lindsey Graham and Rep. Adam Schiff met Gov. Gavin Newsom.", "Sr. Maria Lopez left."],
        ),
    ],
)
def test_golden_sentences_initials_and_suffixes(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr. Lavrov met U.S. officials.", ["Mr.", "Lavrov", "met", "U.S.", "officials", "."]),
        ("on Feb. 2, 2026", ["on", "Feb.", "2", ",", "2026"]),
        ("Officials didn't say.", ["Officials", "did", "n't", "say", "."]),
        ("Kyiv’s chief won’t go", ["Kyiv", "’s", "chief", "wo", "n’t", "go"]),
        ("“A trap,” she said", ["“", "A", "trap", ",", "”", "she", "said"]),
        ("'peace plan'", ["'", "peace", "plan", "'"]),
        ("the letter 'd' and 's'", ["the", "letter", "'", "d", "'", "and", "'", "s", "'"]),
        ("I'd say it's the 1990's", ["I", "'d", "say", "it", "'s", "the", "1990", "'s"]),
        ("a buffer-zone deal", ["a", "buffer-zone", "deal"]),
        ("O'Brien said 3.5% and $5", ["O'Brien", "said", "3.5", "%", "and", "$5"]),  # as in PTB
        ("in the 1990s... then—nothing", ["in", "the", "1990s", "...", "then", "—", "nothing"]),
    ],
)
def test_golden_tokens(text, expected):
    assert toks(text) == expected


def test_paragraph_numbers_and_tags():
    text = "Kremlin Stalls Talks\n\nThe minister said talks would resume.\n\nThey did not."
    parsed = parse(text)
    assert [s.paragraph for s in parsed] == [0, 1, 2]
    tags = [(t.text, t.tag) for t in parsed[1].tokens]
    assert tags[:4] == [("The", "DT"), ("minister", "NN"), ("said", "VBD"), ("talks", "NNS")]
    assert [c.text for c in parsed[1].noun_chunks] == ["The minister", "talks"]


def test_skip_regions_are_never_parsed():
    text = "MOSCOW, Feb 2 (Reuters) - Russia said talks stalled.\n\nAdvertisement\n\nIt left."
    skip = [Span(0, 25), Span(54, 67)]
    assert sents(text, skip) == ["Russia said talks stalled.", "It left."]
    assert paragraphs(text, skip) == [Span(26, 52), Span(69, 77)]


def test_parse_rejects_non_strings():
    with pytest.raises(TypeError):
        parse(b"bytes")  # type: ignore[arg-type]


# -- invariants on arbitrary input ------------------------------------------------------

# Text made of the characters that drive the splitter, plus anything Unicode can produce.
_ALPHABET = st.sampled_from(
    list("aZ .!?…,;:'\"“”‘’()[]-—\n\t\r") + ["U.S.", "Mr.", "Feb. 2", "\n\n", "...", "n't"]
)
_TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_ALPHABET, max_size=120).map("".join),
    st.lists(st.sampled_from(["The talks", " ended", ". ", "“", "”", "\n", "U.S.", " Mr. X"]),
             max_size=60).map("".join),
)


def _check_invariants(text: str, skip=()) -> None:
    parsed = parse(text, skip)
    n = len(text)
    prev_end = 0
    for s in parsed:
        assert 0 <= s.start <= s.end <= n
        assert text[s.start : s.end] == s.text
        assert s.start >= prev_end  # ordered, not overlapping
        prev_end = s.end
        assert s.tokens, "a sentence has at least one token"
        assert s.tokens[0].start == s.start and s.tokens[-1].end == s.end
        last = s.start
        for t in s.tokens:
            assert s.start <= t.start < t.end <= s.end
            assert t.start >= last
            last = t.end
            assert text[t.start : t.end] == t.text
            assert t.tag
        for c in s.chunks:
            assert s.start <= c.start < c.end <= s.end
            assert text[c.start : c.end] == c.text
        for k in skip:
            assert not s.span.overlaps(k)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_offsets_hold_for_any_text(text):
    _check_invariants(text)


@settings(max_examples=150, deadline=None)
@given(_TEXTS, st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=4))
def test_offsets_hold_with_skip_regions(text, raw):
    skip = [Span(min(a, len(text)), min(a + w, len(text))) for a, w in raw]
    _check_invariants(text, skip)


# -- hostile input: linear behaviour ------------------------------------------------------


def _units(text: str) -> tuple[int, int, int]:
    parsed = parse(text)
    return len(parsed), sum(len(s.tokens) for s in parsed), sum(len(s.chunks) for s in parsed)


@pytest.mark.parametrize(
    "unit",
    [
        "the talks stalled again and ",  # no sentence-final punctuation, no newline
        '"a" “b” ‘c’ ',  # nothing but quotes
        "very quick quick ",  # adjectives with no noun: worst case for the NP chunk rule
        ". ",  # full stops that never start a sentence
        "Word Word\n",  # a headline on every line
    ],
)
def test_long_input_scales_linearly(unit):
    """Doubling a hostile input doubles its tokens and chunks (counted, not timed): the
    chunker works in windows, so these inputs finish in seconds instead of minutes."""
    small = _units(unit * 5_000)
    large = _units(unit * 10_000)
    assert large[1] == 2 * small[1]
    assert abs(large[2] - 2 * small[2]) <= 2


def test_one_megabyte_without_sentence_ends():
    text = "the talks stalled again and " * 37_500  # about 1 MB, one line
    parsed = parse(text)
    # no sentence end anywhere: cut into pieces of MAX_SENTENCE_TOKENS (no comma to cut after)
    from framing.text import MAX_SENTENCE_TOKENS

    assert len(parsed) == 5 * 37_500 // MAX_SENTENCE_TOKENS + 1
    assert parsed[-1].end == len(text.rstrip())
    assert sum(len(s.tokens) for s in parsed) == 5 * 37_500
    assert all(len(s.tokens) <= MAX_SENTENCE_TOKENS for s in parsed)


def test_one_megabyte_of_quotes():
    unit = '"a" “b” ‘c’ \'d\' '
    text = unit * (1_000_000 // len(unit))
    parsed = parse(text)
    assert sum(len(s.tokens) for s in parsed) == 12 * (1_000_000 // len(unit))
    assert all(text[t.start : t.end] == t.text for s in parsed[:3] for t in s.tokens[:1000])


def test_long_chunk_runs_are_cut_at_the_window():
    # 600 adjectives then a noun: one NP rule run is longer than the window
    text = " ".join(["quick"] * 600) + " talks."
    (sentence,) = parse(text)
    assert all(c.last - c.first < _CHUNK_WINDOW for c in sentence.chunks)
    assert sentence.chunks[-1].text.endswith("talks")


def test_windows_cut_at_punctuation_change_nothing(monkeypatch):
    import framing.text.chunk as text_module

    text = "The old minister, a tough negotiator, said talks would resume soon, " * 60 + "he said."
    windowed = [c for s in parse(text) for c in s.chunks]
    monkeypatch.setattr(text_module, "_windowed", lambda rule, codes: rule.finditer(codes))
    plain = [c for s in parse(text) for c in s.chunks]
    assert len(parse(text)[0].tokens) > 2 * _CHUNK_WINDOW
    assert windowed == plain


def test_tokens_built_on_first_use_match_the_columns():
    text = 'Mr. Lavrov met U.S. officials. "We talked," he said.\n\nThe ministry didn\'t reply.'
    sents = parse(text)
    # the columns come first; the Token tuples are built from them on first use
    cols = [s.columns() for s in sents]
    assert [tuple(zip(*c)) for c in cols] == [tuple(tuple(t) for t in s.tokens) for s in sents]
    assert [t.text for t in sents[1].tokens] == ['"', "We", "talked", ",", '"', "he", "said", "."]
    assert all(text[t.start : t.end] == t.text for s in sents for t in s.tokens)
    # a sentence built from tokens gives the same columns
    from framing.text import Sentence

    again = Sentence(sents[0].start, sents[0].end, sents[0].text, 0, sents[0].tokens)
    assert again.columns() == cols[0]
    assert [c.text for c in again.chunks] == [c.text for c in sents[0].chunks]


def test_a_run_without_sentence_end_is_cut_into_bounded_sentences():
    from framing.text import MAX_SENTENCE_TOKENS

    clause = "the council met again and voted on the plan"  # 9 tokens, then a comma
    text = ", ".join([clause] * 300) + " and left"  # about 3,000 tokens, no final mark
    pieces = sents(text)
    assert len(pieces) > 1 and "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert all(len(tokenize(s)) <= MAX_SENTENCE_TOKENS for s in pieces)
    assert all(s.endswith(",") for s in pieces[:-1])  # cut after a comma, not inside a clause
    # real sentences are never cut
    normal = "The council met on Monday, voted on the plan and left. It was late."
    assert sents(normal) == ["The council met on Monday, voted on the plan and left.", "It was late."]


# -- tags: adverbs after names (issue 12) ---------------------------------------------------


def _tags_and_chunks(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    (s,) = parse(text)
    return [(t.text, t.tag) for t in s.tokens], [f"{c.label}:{c.text}" for c in s.chunks]


@pytest.mark.parametrize(
    "text, adverb, chunks",
    [
        ("Kyiv clearly wants a ceasefire.", "clearly", ["NP:Kyiv", "VP:clearly wants", "NP:a ceasefire"]),
        ("Ryan clearly won the debate while Biden quickly devolved.", "quickly",
         ["NP:Ryan", "VP:clearly won", "NP:the debate", "PP:while", "NP:Biden", "VP:quickly devolved"]),
        ("It was a charge Moscow flatly rejected.", "flatly",
         ["NP:It", "VP:was", "NP:a charge Moscow", "VP:flatly rejected"]),
        ("Hillary Clinton apparently disagrees.", "apparently",
         ["NP:Hillary Clinton", "VP:apparently disagrees"]),
        ("Trump also said it.", "also", ["NP:Trump", "VP:also said", "NP:it"]),
        ("Kyiv staunchly opposes it.", "staunchly", ["NP:Kyiv", "VP:staunchly opposes", "NP:it"]),  # not in the lexicon
    ],
)
def test_lower_case_adverb_after_a_name_stays_an_adverb(text, adverb, chunks):
    tags, got = _tags_and_chunks(text)
    assert dict(tags)[adverb] == "RB"
    assert got == chunks


@pytest.mark.parametrize(
    "text, word, tag",
    [
        ("The Kennedy family said it would sue.", "family", "NN"),  # an "-ly" noun of the lexicon
        ("Officials in Italy quickly agreed.", "Italy", "NNP"),
        ("Putin Publicly Rejects Plan", "Publicly", "NNP"),  # a capitalised word in a name or headline
        ("Kyiv Again Rejects Talks", "Again", "NNP"),  # a capitalised lexicon adverb: the rule holds
        ("Trump said so.", "so", "RB"),
    ],
)
def test_adverb_rule_leaves_other_words_alone(text, word, tag):
    tags, _ = _tags_and_chunks(text)
    assert dict(tags)[word] == tag


def test_compiled_rule_functions_match_the_rules_in_file_order():
    """Each compiled rule function (guard, neighbours loaded once, rules tried last to first)
    gives the tag of the last candidate rule that holds, evaluated plainly in file order, on
    the sample's sentences with their lexical tags and with tags shuffled between tokens."""
    import random

    from framing.datasets import load_sample
    from framing.text.sentences import _sentence_bounds
    from framing.text.tagger import _CONDITIONS, _tagger, _word_entry

    _, context = _tagger()
    rng = random.Random(0)
    checked = 0
    for doc in load_sample()[:6]:
        for *_, words in _sentence_bounds(doc.text, ()):
            tags = [_word_entry(w, k == 0)[0] for k, w in enumerate(words)]
            for variant in (tags, rng.sample(tags, len(tags))):
                w = ["STAART"] * 3 + list(words) + ["STAART"] * 3
                t = ["STAART"] * 3 + list(variant) + ["STAART"] * 3
                for i in range(3, len(t) - 3):
                    fn = context.rules_for(t[i], w[i])
                    expected = None
                    for _, to, cmd, x, y in context.candidates(t[i], w[i]):
                        if eval(_CONDITIONS[cmd].format(x=repr(x), y=repr(y))):  # noqa: S307
                            expected = to
                    assert (None if fn is None else fn(w, t, i)) == expected, (words, i)
                    checked += 1
    assert checked > 1000
