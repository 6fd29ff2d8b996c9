"""The fast pre-checks of :func:`framing.text.clutter._line_kind` (a fixed start or end, a
literal word, a short line) never turn away a line that the rule's pattern matches.

The lines are derived from each pattern's source: :func:`examples` walks the parsed pattern
and writes strings that, together, take every alternative, every listed character of a
class and the fewest, one more and the most repeats of every repeat. Each example the pattern
matches must get the rule's kind from ``_line_kind`` (or the kind of a rule it tries
earlier), so a pre-check that drifts from its pattern fails here. Real lines (the bundled
sample, the look-alike wire pages of the tests, the seed wire page) are checked the same way.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from framing.datasets import load_sample
from framing.text import clutter as C

from tests import wire_pages
from tests.conftest import shared_data

if sys.version_info >= (3, 11):
    from re import _constants as sre, _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as sre
    import sre_parse

# The order in which _line_kind tries its whole-line rules: a line one rule's pattern matches
# gets that rule's kind or the kind of a rule tried before it, never a later one or None.
ORDER = ("ad", "marker", "timestamp", "credit", "copyright", "social", "signup", "share", "caption")

_REPEATS = tuple(getattr(sre, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, n))
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)  # (?>...), Python 3.11 on

# Characters tried for a class that lists no character of its own (\w, \d, \s, [^...]).
_POOL = "aZ1 .-/'x"

Example = tuple[str, frozenset]  # a string and the branch alternatives it took


def _in_class(ch: str, items) -> bool:
    for op, av in items:
        if op is sre.LITERAL and ch == chr(av):
            return True
        if op is sre.RANGE and av[0] <= ord(ch) <= av[1]:
            return True
        if op is sre.CATEGORY:
            name = str(av)
            test = {"DIGIT": ch.isdigit(), "SPACE": ch.isspace(), "WORD": ch.isalnum() or ch == "_"}
            kind = name.rsplit("_", 1)[-1]
            if test[kind] != ("NOT_" in name):
                return True
    return False


def _class_chars(items) -> list[str]:
    """One character per item of a class (each literal, a range's first character, a
    category's first fit from the pool); for a negated class, the first pool character
    outside it."""
    if items and items[0][0] is sre.NEGATE:
        return [ch for ch in _POOL if not _in_class(ch, items[1:])][:1]
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.RANGE:
            out.append(chr(av[0]))
        else:
            out.extend([ch for ch in _POOL if _in_class(ch, [(op, av)])][:1])
    return out


def _sequence(parts: list[list[Example]]) -> list[Example]:
    """Each part's first example joined, then each other example of each part in turn with
    the others' first: every example of every part is used, without their product."""
    if any(not p for p in parts):
        return []
    first = [p[0] for p in parts]
    out = [first]
    for i, p in enumerate(parts):
        out.extend(first[:i] + [e] + first[i + 1:] for e in p[1:])
    return list(dict.fromkeys(("".join(s for s, _ in row), frozenset().union(*(t for _, t in row)))
                              for row in out))


def examples(tree) -> list[Example]:
    """Strings for the parsed pattern ``tree`` (see the module docstring); look-arounds and
    anchors write nothing, so some strings may not match: the caller keeps those that do."""
    parts: list[list[Example]] = []
    for op, av in tree:
        if op is sre.LITERAL:
            parts.append([(chr(av), frozenset())])
        elif op is sre.NOT_LITERAL:
            parts.append([(next(ch for ch in _POOL if ord(ch) != av), frozenset())])
        elif op is sre.ANY:
            parts.append([("x", frozenset())])
        elif op is sre.IN:
            parts.append([(ch, frozenset()) for ch in _class_chars(av)])
        elif op in _REPEATS:
            lo, hi, sub = av
            subs = examples(sub)
            if not subs:
                parts.append([])
                continue
            counts = {lo, min(lo + 1, hi)} | ({hi} if hi != sre.MAXREPEAT else set())
            rows = [(subs[0][0] * k, subs[0][1]) for k in sorted(counts)]
            rows += [(s * max(lo, 1), t) for s, t in subs[1:]]
            parts.append(list(dict.fromkeys(rows)))
        elif op is sre.SUBPATTERN:
            parts.append(examples(av[-1]))
        elif _ATOMIC is not None and op is _ATOMIC:
            parts.append(examples(av))
        elif op is sre.BRANCH:
            alts = av[1]
            parts.append([(s, t | {(id(alts), k)}) for k, alt in enumerate(alts) for s, t in examples(alt)])
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            parts.append([("", frozenset())])
        else:  # pragma: no cover - no clutter pattern uses it
            raise NotImplementedError(op)
    return _sequence(parts)


def _branches(tree) -> set:
    """Every (branch, alternative) of the parsed pattern, as :func:`examples` tags them."""
    out = set()
    for op, av in tree:
        if op is sre.BRANCH:
            for k, alt in enumerate(av[1]):
                out.add((id(av[1]), k))
                out |= _branches(alt)
        elif op is sre.SUBPATTERN:
            out |= _branches(av[-1])
        elif op in _REPEATS:
            out |= _branches(av[2])
        elif _ATOMIC is not None and op is _ATOMIC:
            out |= _branches(av)
    return out


def matching_examples(pattern: re.Pattern[str], search: bool = False) -> list[str]:
    """The examples of ``pattern`` it matches in full (``search``: that it finds), after
    checking that they take every alternative of every branch."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    found = [(s, t) for s, t in examples(tree)
             if (pattern.search(s) if search else pattern.fullmatch(s)) is not None]
    taken = frozenset().union(*(t for _, t in found))
    missing = _branches(tree) - taken
    assert not missing, f"{len(missing)} alternatives of {pattern.pattern[:60]!r}... got no matching example"
    return [s for s, _ in found]


# rule kind -> (does its pattern take the line, leaving out the pre-check; the pattern)
RULES = {
    "timestamp": (lambda line: C._TIMESTAMP_RE.fullmatch(line) is not None, C._TIMESTAMP_RE),
    "credit": (lambda line: C._CONTRIBUTED_RE.fullmatch(line) is not None, C._CONTRIBUTED_RE),
    "copyright": (
        lambda line: C._COPYRIGHT_RE.fullmatch(line) is not None and len(line.split()) <= 60,
        C._COPYRIGHT_RE,
    ),
}


def _allowed(kind: str) -> set[str]:
    return set(ORDER[: ORDER.index(kind) + 1])


@pytest.mark.parametrize("kind", sorted(RULES))
def test_every_alternative_passes_its_precheck(kind):
    takes, pattern = RULES[kind]
    lines = [s for s in matching_examples(pattern) if takes(s) and len(s) <= C.MAX_CLUTTER_LINE]
    assert lines
    wrong = [(s, C._line_kind(s)) for s in lines if C._line_kind(s) not in _allowed(kind)]
    assert not wrong, wrong[:5]


def test_every_caption_tail_and_photo_credit_passes_its_precheck():
    tails = matching_examples(C._CAPTION_TAIL_RE, search=True)
    credits = [s for s in matching_examples(C._PHOTO_CREDIT_RE) if len(s) <= C.MAX_CLUTTER_LINE]
    assert tails and credits
    lines = [s for s in tails if C._CAPTION_TAIL_RE.search(s[-160:])] + credits
    assert not [s for s in lines if not C._is_caption(s)]
    # the same lines after an ordinary caption: the tail is still found at the end
    lead = "Officials inspect the site in Kyiv, Ukraine, February 1, 2026. "
    assert not [s for s in tails if C._CAPTION_TAIL_RE.search((lead + s)[-160:])
                and not C._is_caption(lead + s)]


def test_every_ad_line_passes_its_precheck():
    for ad in C._AD_LINES:
        for line in (ad, ad.upper(), ad.title(), ad + ":", ad.upper() + "::"):
            assert C._line_kind(line) == "ad", line


def test_lower_casing_never_shortens_a_line():
    """The ad pre-check reads the length of the line for that of its lower case."""
    assert all(len(chr(c).lower()) >= 1 for c in range(sys.maxunicode + 1)
               if unicodedata.category(chr(c)) != "Cs")


def test_the_examples_cover_what_they_say():
    tree = sre_parse.parse(r"(?:ab|c[de])f{0,2}(?!x)", 0)
    assert sorted(s for s, _ in examples(tree)) == ["ab", "abf", "abff", "cd", "ce"]


def _real_lines() -> list[str]:
    texts = [d.text for d in load_sample()]
    texts += [wire_pages.REUTERS_PAGE, wire_pages.AP_PAGE, wire_pages.AFP_PAGE]
    root = shared_data()
    if root is not None:
        texts += [p.read_text(encoding="utf-8") for p in sorted((root / "seed_wire_page").glob("*.txt"))]
    return [line.strip() for t in texts for line in t.splitlines() if line.strip()]


def test_real_lines_pass_their_prechecks():
    lines = _real_lines()
    checked = 0
    for line in lines:
        if len(line) > C.MAX_CLUTTER_LINE:
            continue
        for kind, (takes, _) in RULES.items():
            if takes(line):
                checked += 1
                assert C._line_kind(line) in _allowed(kind), line
        if C._CAPTION_TAIL_RE.search(line[-160:]) or C._PHOTO_CREDIT_RE.fullmatch(line):
            checked += 1
            assert C._line_kind(line) in _allowed("caption"), line
    assert checked
