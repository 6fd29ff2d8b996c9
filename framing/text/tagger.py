"""Part-of-speech tags: the pattern tagger that ships inside textblob (lexicon,
suffix and contextual rules; Penn Treebank tags), with a bounded per-word cache."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from operator import itemgetter
from typing import Sequence, cast

from framing.text.tokens import OPENING_QUOTES, QUOTE_MARKS, _PUNCT_TAGS


@lru_cache(maxsize=1)
def _tagger():
    """Load textblob's pattern lexicon and contextual rules once (about 0.1 s)."""
    import gc
    import warnings

    from textblob.en import lexicon

    # textblob's loaders leave their files to the garbage collector; collect them here,
    # with the ResourceWarning silenced, instead of at some random later point.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        lexicon.get("the")  # force the lazy load
        rules = [list(r) + ["", ""] for r in lexicon.context]
        gc.collect()
    return dict(lexicon), _ContextRules(rules)


class _ContextRules:
    """textblob's Brill contextual rules (``en-context.txt``), applied in the same order
    with the same result as ``textblob._text.Context.apply``, but indexed by the tag a
    rule rewrites so that each token is checked against its few candidate rules instead
    of all 293 (textblob's loop takes about 30 microseconds a token)."""

    # Rules whose condition names the current word: they can only fire on that word.
    _WORD_RULES = {"curwd": 3, "wdnexttag": 3, "rbigram": 3, "wdand2aft": 3, "wdand2tagaft": 3,
                   "wdprevtag": 4, "lbigram": 4, "wdand2tagbfr": 4}

    def __init__(self, rules: list[list[str]]):
        self.general: dict[str, list[tuple]] = {}
        self.by_word: dict[tuple[str, str], list[tuple]] = {}
        for i, r in enumerate(rules):
            rule = (i, r[1], r[2].lower(), r[3], r[4])
            field = self._WORD_RULES.get(rule[2])
            if field is None:
                self.general.setdefault(r[0], []).append(rule)
            else:
                self.by_word.setdefault((r[0], r[field]), []).append(rule)  # r[field] is rule[field]
        # Words named by some word rule; any other word's candidates depend on its tag only.
        self._rule_words = frozenset(word for _, word in self.by_word)
        self._cache: dict[tuple[str, str | None, bool], object] = {}
        self._functions: dict[tuple[int, ...], object] = {}

    def candidates(self, tag: str, word: str) -> list[tuple]:
        """Rules that may rewrite ``word`` tagged ``tag``, in file order (``*`` included).

        One rule is left out for adverbs that start with a lower-case letter: ``RB NNP
        PREVTAG NNP`` makes a proper noun of an adverb after a proper noun, which is right
        for a capitalised word inside a name and wrong for "clearly" in "Kyiv clearly
        wants" or "also" in "Trump also said" (the adverb then joins the name's noun
        phrase and leaves the verb phrase).
        """
        rules = sorted(
            self.general.get(tag, []) + self.general.get("*", [])
            + self.by_word.get((tag, word), []) + self.by_word.get(("*", word), [])
        )
        if _lower_adverb(tag, word):
            rules = [r for r in rules if r[1] != "NNP"]
        return rules

    def _compiled(self, tag: str, word: str):
        """The candidate rules of ``(tag, word)`` compiled into one small function, or
        ``None`` when there is no candidate rule (the token keeps its tag).

        The function returns the tag of the last rule that holds, or ``None``. Rule
        arguments are tags and words from textblob's rule file, inserted as ``repr``
        literals; the compiled functions are shared between keys with the same rules.
        """
        rules = self.candidates(tag, word)
        key = tuple(r[0] for r in rules)
        if key in self._functions:
            return self._functions[key]
        fn = None
        if rules:
            # A quick rejection first: each rule needs a given tag or word at one of a few
            # neighbours (its guard, see _GUARDS); when no neighbour holds a value some
            # rule needs there, no rule holds, and the conditions are not evaluated.
            guards: dict[str, set[str]] = {}
            for _, to, cmd, x, y in rules:
                for field in _GUARDS[cmd]:
                    guards.setdefault(field, set()).add(x)
            # (set literals of strings: the compiler makes them frozenset constants)
            checks = [f"{field} in {{{', '.join(map(repr, sorted(values)))}}}"
                      for field, values in sorted(guards.items())]
            # Past the guard, the neighbours several conditions read are loaded once into locals,
            # and the rules are tried last to first: the first that holds is the last one
            # that holds in file order, which decides (the conditions only read w and t).
            uses = Counter(f for _, _, cmd, _, _ in rules for f in _FIELD_RE.findall(_CONDITIONS[cmd]))
            shared = sorted(f for f, n in uses.items() if n > 1)  # a field read once stays inline
            body = ["def f(w, t, i):", f"    if not ({' or '.join(checks)}): return None"]
            body += [f"    {_local(f)} = {f}" for f in shared]
            for _, to, cmd, x, y in reversed(rules):
                cond = _FIELD_RE.sub(lambda m: _local(m.group()) if m.group() in shared else m.group(),
                                     _CONDITIONS[cmd])  # the template, before the literals go in
                body.append(f"    if {cond.format(x=repr(x), y=repr(y))}: return {to!r}")
            body.append("    return None")
            namespace: dict = {}
            exec("\n".join(body), namespace)  # noqa: S102 - code built from rule literals
            fn = namespace["f"]
        self._functions[key] = fn
        return fn

    def rules_for(self, tag: str, word: str):
        """The compiled rule function of ``word`` tagged ``tag`` (``None``: no rule)."""
        key = (tag, word if word in self._rule_words else None, _lower_adverb(tag, word))
        try:
            return self._cache[key]
        except KeyError:
            fn = self._compiled(tag, word)
            if len(self._cache) < 500_000:
                self._cache[key] = fn
            return fn

    def apply(self, words: list[str], tags: list[str]) -> list[str]:
        pad = "STAART"
        w = [pad, pad, pad] + list(words) + [pad, pad, pad]
        t = [pad, pad, pad] + list(tags) + [pad, pad, pad]
        for i in range(3, len(t) - 3):
            # As in textblob, every rule written for the token's original tag is tried in
            # file order, and the last one that holds decides.
            fn = self.rules_for(t[i], w[i])
            r = None if fn is None else fn(w, t, i)
            if r is not None:
                t[i] = r
        return t[3:-3]


def _lower_adverb(tag: str, word: str) -> bool:
    """Whether ``word`` tagged ``tag`` is an adverb that starts lower-case (no name part)."""
    return tag == "RB" and not word[:1].isupper()


# For each condition, the neighbours one of which must hold its first argument ``x`` for
# the condition to hold (``prev1or2tag X``: the tag before or the one before that is X).
_GUARDS = {
    "prevtag": ("t[i - 1]",), "nexttag": ("t[i + 1]",), "prev2tag": ("t[i - 2]",),
    "next2tag": ("t[i + 2]",), "prev1or2tag": ("t[i - 1]", "t[i - 2]"),
    "next1or2tag": ("t[i + 1]", "t[i + 2]"),
    "prev1or2or3tag": ("t[i - 1]", "t[i - 2]", "t[i - 3]"),
    "next1or2or3tag": ("t[i + 1]", "t[i + 2]", "t[i + 3]"),
    "surroundtag": ("t[i - 1]",), "curwd": ("w[i]",), "prevwd": ("w[i - 1]",),
    "nextwd": ("w[i + 1]",), "prev1or2wd": ("w[i - 1]", "w[i - 2]"),
    "next1or2wd": ("w[i + 1]", "w[i + 2]"), "prevwdtag": ("w[i - 1]",),
    "nextwdtag": ("w[i + 1]",), "wdprevtag": ("t[i - 1]",), "wdnexttag": ("w[i]",),
    "wdand2aft": ("w[i]",), "wdand2tagbfr": ("t[i - 2]",), "wdand2tagaft": ("w[i]",),
    "lbigram": ("w[i - 1]",), "rbigram": ("w[i]",), "prevbigram": ("t[i - 2]",),
    "nextbigram": ("t[i + 1]",),
}

# A neighbour a condition reads ("t[i - 1]", "w[i + 2]") and the local name it is loaded into
# ("t_m1", "w_p2"): a compiled rule function reads a neighbour that several of its conditions
# test once.
_FIELD_RE = re.compile(r"[wt]\[i(?: [-+] \d)?\]")


def _local(field: str) -> str:
    """``t[i - 1]`` -> ``t_m1``, ``w[i]`` -> ``w_0``, ``t[i + 2]`` -> ``t_p2``."""
    offset = field[3:-1].replace(" - ", "m").replace(" + ", "p") or "0"
    return f"{field[0]}_{offset}"


# The conditions of textblob's contextual rules (see ``textblob._text.Context``).
_CONDITIONS = {
    "prevtag": "t[i - 1] == {x}",
    "nexttag": "t[i + 1] == {x}",
    "prev2tag": "t[i - 2] == {x}",
    "next2tag": "t[i + 2] == {x}",
    "prev1or2tag": "{x} in (t[i - 1], t[i - 2])",
    "next1or2tag": "{x} in (t[i + 1], t[i + 2])",
    "prev1or2or3tag": "{x} in (t[i - 1], t[i - 2], t[i - 3])",
    "next1or2or3tag": "{x} in (t[i + 1], t[i + 2], t[i + 3])",
    "surroundtag": "t[i - 1] == {x} and t[i + 1] == {y}",
    "curwd": "w[i] == {x}",
    "prevwd": "w[i - 1] == {x}",
    "nextwd": "w[i + 1] == {x}",
    "prev1or2wd": "{x} in (w[i - 1], w[i - 2])",
    "next1or2wd": "{x} in (w[i + 1], w[i + 2])",
    "prevwdtag": "w[i - 1] == {x} and t[i - 1] == {y}",
    "nextwdtag": "w[i + 1] == {x} and t[i + 1] == {y}",
    "wdprevtag": "t[i - 1] == {x} and w[i] == {y}",
    "wdnexttag": "w[i] == {x} and t[i + 1] == {y}",
    "wdand2aft": "w[i] == {x} and w[i + 2] == {y}",
    "wdand2tagbfr": "t[i - 2] == {x} and w[i] == {y}",
    "wdand2tagaft": "w[i] == {x} and t[i + 2] == {y}",
    "lbigram": "w[i - 1] == {x} and w[i] == {y}",
    "rbigram": "w[i] == {x} and w[i + 1] == {y}",
    "prevbigram": "t[i - 2] == {x} and t[i - 1] == {y}",
    "nextbigram": "t[i + 1] == {x} and t[i + 2] == {y}",
}


_CD_RE = re.compile(r"^\$?[0-9\-,.:/%$]+(?:st|nd|rd|th|s|m|bn|k)?$")


def _suffix_tag(word: str) -> str:
    tag = "NN"
    if word.endswith("ing"):
        tag = "VBG"
    if word.endswith("ly"):
        tag = "RB"
    if word.endswith("s") and not word.endswith(("is", "ous", "ss")):
        tag = "NNS"
    if word.endswith(("able", "al", "ful", "ible", "ient", "ish", "ive", "less", "tic", "ous")) or "-" in word:
        tag = "JJ"
    if word.endswith("ed"):
        tag = "VBN"
    if word.endswith(("ate", "ify", "ise", "ize")):
        tag = "VBP"
    return tag


def _lexical_tag(w: str, first: bool, lexicon: dict) -> str:
    """The tag of ``w`` before the contextual rules (``first``: the sentence's first word)."""
    tag = _PUNCT_TAGS.get(w)
    if tag is None:
        if w in QUOTE_MARKS:
            tag = "``" if (w in OPENING_QUOTES or w == "``") else "''"
        else:
            tag = lexicon.get(w) or (lexicon.get(w.lower()) if first or w.isupper() else None)
            if tag is None:
                norm = w.replace("’", "'")
                tag = lexicon.get(norm) or lexicon.get(norm.lower())
            if tag is None:
                if w[:1].isupper():
                    tag = "NNP"
                elif _CD_RE.match(w):
                    tag = "CD"
                else:
                    tag = _suffix_tag(w.lower())
    return tag


# A word's tag and rule function depend on the word alone (and on whether it opens the
# sentence), so they are looked up once per word form and kept here: a token then costs one
# dictionary look-up instead of up to five lexicon look-ups and a rule look-up.
_WORD_ENTRIES: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})  # (inside, first word)
_WORD_CACHE_SIZE = 200_000  # about 30 MB when full


_entry_tag = itemgetter(0)
_PAD = ("STAART",) * 3  # textblob's padding: three on each side of the sentence


def _word_entry(w: str, first: bool) -> tuple:
    """``(tag, rule function)`` of ``w`` (see ``_WORD_ENTRIES``)."""
    lexicon, context = _tagger()
    tag = _lexical_tag(w, first, lexicon)
    entry = (tag, context.rules_for(tag, w))
    memo = _WORD_ENTRIES[first]
    if len(memo) < _WORD_CACHE_SIZE:
        memo[w] = entry
    return entry


def tag_words(words: Sequence[str]) -> list[str]:
    """Penn Treebank tags for one sentence of words (pattern lexicon + contextual rules).

    Examples
    --------
    >>> tag_words(["He", "said", "it", "would", "hold", "talks", "."])
    ['PRP', 'VBD', 'PRP', 'MD', 'VB', 'NNS', '.']

    An adverb after a name stays an adverb (textblob's rules would make it part of the
    name; see ``_ContextRules.candidates``):

    >>> tag_words(["Kyiv", "clearly", "wants", "a", "deal"])
    ['NNP', 'RB', 'VBZ', 'DT', 'NN']
    """
    if not words:
        return []
    cached = list(map(_WORD_ENTRIES[False].get, words))  # None: a form not seen yet
    cached[0] = _WORD_ENTRIES[True].get(words[0]) or _word_entry(words[0], True)
    entries: list[tuple] = ([_word_entry(w, False) if e is None else e for w, e in zip(words, cached)]
                            if None in cached else cast("list[tuple]", cached))
    # textblob's Context.apply: every token in turn, left to right, with the tags of the
    # tokens before it already rewritten (see _ContextRules.apply).
    w = (*_PAD, *words, *_PAD)
    t = [*_PAD, *map(_entry_tag, entries), *_PAD]
    i = 2
    for _, rules in entries:
        i += 1  # the token's index in w and t
        if rules is not None:  # None: no rule can rewrite this token
            r = rules(w, t, i)
            if r is not None:
                t[i] = r
    return t[3:-3]
