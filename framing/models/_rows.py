"""Rows of (sentence, start, end): the input of the span-level estimators."""

from __future__ import annotations

from typing import Any

from framing.text import Sentence

BAD_ROW = "each row must be (sentence, start, end) with 0 <= start < end <= len(sentence); got {row!r}"


def span_rows(X: Any, bare_string: str, *, parsed: bool = False) -> list[tuple[Any, int, int]]:
    """Normalise ``X`` to a list of ``(sentence, start, end)`` rows.

    ``X`` is a DataFrame with ``sentence``, ``start`` and ``end`` columns or an iterable of
    ``(sentence, start, end)`` rows; ``bare_string`` is the error message for a single string.
    A row that is not a string with a non-empty span inside it raises ``ValueError`` naming
    the row. With ``parsed=True`` a row's sentence may also be a parsed
    :class:`framing.text.Sentence` (of a Document): ``start`` and ``end`` are then offsets
    into its ``text``, and a model uses its tokens instead of parsing the text again.

    Examples
    --------
    >>> span_rows([("Smith praised Jones.", 14, "19")], "bare string")
    [('Smith praised Jones.', 14, 19)]
    """
    if isinstance(X, str):
        raise ValueError(bare_string)
    if hasattr(X, "columns"):
        X = zip(X["sentence"], X["start"], X["end"])
    try:
        X = iter(X)
    except TypeError:
        raise ValueError(f"rows must be an iterable of (sentence, start, end), got {type(X).__name__}") from None
    rows = []
    for row in X:
        if isinstance(row, str) or not hasattr(row, "__len__") or len(row) != 3:
            raise ValueError(BAD_ROW.format(row=row))
        s, a, b = row
        if isinstance(s, str):
            text = s
        elif parsed and isinstance(s, Sentence):
            text = s.text
        else:
            raise ValueError(BAD_ROW.format(row=row))
        try:
            a, b = int(a), int(b)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(BAD_ROW.format(row=row)) from None
        if not 0 <= a < b <= len(text):
            raise ValueError(BAD_ROW.format(row=row))
        rows.append((s, a, b))
    return rows
